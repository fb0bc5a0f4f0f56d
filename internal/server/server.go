// Package server is xvsd's core: it owns the table, applies API requests to
// it atomically, saves it after every change, keeps the datapath in step and
// folds the datapath's counters into the rate estimator.
package server

import (
	"fmt"
	"log"
	"net"
	"net/netip"
	"slices"
	"sync"
	"time"

	"xvs/internal/api"
	"xvs/internal/model"
	"xvs/internal/stats"
)

// ConnCounts are a destination's live connection counts.
type ConnCounts struct{ Active, Inactive, Persist uint32 }

// Datapath is what the server drives; nil runs the control plane alone.
type Datapath interface {
	// Apply makes the datapath forward exactly as the table says.
	Apply(t *model.Table) error
	// Counters returns cumulative counters by service id and by destination id.
	Counters() (svc, dest map[uint32]stats.Counters, err error)
	// ConnCounts returns live connection counts by destination id.
	ConnCounts() (map[uint32]ConnCounts, error)
	// Conns lists the connection table.
	Conns() ([]api.Conn, error)
	// Sweep reaps expired connections.
	Sweep() error
	// DestsInUse says which of these (deleted) destinations connections
	// still refer to.
	DestsInUse(ids []uint32) (map[uint32]bool, error)
}

// Syncer runs the connection sync daemons (internal/ipvssync).
type Syncer interface {
	// Apply makes the running daemons those listed, or changes nothing
	// and says why.
	Apply(daemons []model.SyncDaemon) error
}

// Config configures a Server.
type Config struct {
	StateDir string
	Datapath Datapath
	// Sync runs the sync daemons the table lists; nil only records them.
	Sync Syncer
	// SchedulerKnown tells which scheduler names exist.
	SchedulerKnown func(string) bool
	// InterfaceMTU looks up the sync daemon's interface; nil looks in this
	// network namespace.
	InterfaceMTU func(string) (int, error)
	// LocalAddrs lists the director's addresses, which decide what
	// destination addresses the kernel would refuse; nil looks in this
	// network namespace.
	LocalAddrs func() []netip.Prefix
	// ServiceHashSeed is what the kernel's service hash mixes in from a
	// pointer it allocates at boot (model.Table.KernelOrder); it decides
	// the order of an unsorted listing.
	ServiceHashSeed uint8
	Logf            func(format string, args ...any)
}

// Server applies requests to the table.
type Server struct {
	cfg   Config
	mu    sync.Mutex
	table *model.Table
	stats *stats.Engine
	stop  chan struct{}
	wg    sync.WaitGroup
}

// New loads the saved table and pushes it to the datapath.
func New(cfg Config) (*Server, error) {
	if cfg.Logf == nil {
		cfg.Logf = log.Printf
	}
	t, bases, err := loadState(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, table: t, stats: stats.NewEngine(), stop: make(chan struct{})}
	s.hook(t)
	s.stats.SetBases(bases)
	if cfg.Datapath != nil {
		if err := cfg.Datapath.Apply(t); err != nil {
			return nil, fmt.Errorf("load table into datapath: %w", err)
		}
		// The counters as they stand (pinned, they outlived the last
		// xvsd) are the estimator's start: listings and -Z right after a
		// restart see them, not zeros.
		s.tick()
		// The rates carry on from the last xvsd's, if it stopped just now.
		if r, ok := loadRates(cfg.StateDir, time.Now()); ok {
			s.stats.SetRates(r)
		}
	}
	if err := s.restoreDaemons(); err != nil {
		return nil, err
	}
	return s, nil
}

// restoreDaemons restarts the saved sync daemons. One that cannot start
// any more (its interface is gone) is dropped from the table and logged:
// the kernel's daemons do not outlive a reboot either.
func (s *Server) restoreDaemons() error {
	sy := s.cfg.Sync
	if sy == nil || len(s.table.Daemons) == 0 {
		return nil
	}
	if sy.Apply(s.table.Daemons) == nil {
		return nil
	}
	var kept []model.SyncDaemon
	for _, d := range s.table.Daemons {
		err := sy.Apply(append(slices.Clone(kept), d))
		if err != nil {
			s.cfg.Logf("sync daemon on %s (state %d) not restarted: %v", d.MCastIfn, d.State, err)
			continue
		}
		kept = append(kept, d)
	}
	if err := sy.Apply(kept); err != nil {
		return err
	}
	s.table.Daemons = kept
	return saveState(s.cfg.StateDir, s.table, s.stats.Bases())
}

func (s *Server) hook(t *model.Table) {
	t.SchedulerKnown = s.cfg.SchedulerKnown
	t.InterfaceMTU = s.cfg.InterfaceMTU
	if t.InterfaceMTU == nil {
		t.InterfaceMTU = interfaceMTU
	}
	t.LocalAddrs = s.localAddrs
}

func (s *Server) localAddrs() []netip.Prefix {
	if s.cfg.LocalAddrs != nil {
		return s.cfg.LocalAddrs()
	}
	return namespaceAddrs()
}

// namespaceAddrs is what the kernel's routing knows of this namespace's own
// addresses, as far as destinations go: the IPv4 subnets of interfaces that
// are up (a subnet's broadcast route goes with its interface) and every
// IPv6 address (its local route stays while the interface is down).
func namespaceAddrs() []netip.Prefix {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []netip.Prefix
	for _, ifi := range ifs {
		addrs, err := ifi.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if p, ok := interfacePrefix(a); ok && (p.Addr().Is6() || ifi.Flags&net.FlagUp != 0) {
				out = append(out, p)
			}
		}
	}
	return out
}

// interfacePrefix converts an interface address; net.IP holds an IPv4
// address in 16 bytes, which netip would read as IPv4-mapped.
func interfacePrefix(a net.Addr) (netip.Prefix, bool) {
	ipn, ok := a.(*net.IPNet)
	if !ok {
		return netip.Prefix{}, false
	}
	ip, ok := netip.AddrFromSlice(ipn.IP)
	if !ok {
		return netip.Prefix{}, false
	}
	bits, _ := ipn.Mask.Size()
	return netip.PrefixFrom(ip.Unmap(), bits), true
}

func interfaceMTU(name string) (int, error) {
	ifi, err := net.InterfaceByName(name)
	if err != nil {
		return 0, err
	}
	return ifi.MTU, nil
}

// Start runs the periodic work: the estimator every 2 s, the connection
// sweeper and the destination trash every second.
func (s *Server) Start() {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-s.stop:
				return
			case <-tick.C:
			}
			s.periodic(n%stats.TickSeconds == 0)
		}
	}()
}

func (s *Server) periodic(estimate bool) {
	dp := s.cfg.Datapath
	if dp != nil {
		if err := dp.Sweep(); err != nil {
			s.cfg.Logf("connection sweep: %v", err)
		}
		if estimate {
			s.tick()
		}
	}
	s.expireTrash()
}

// expireTrash forgets deleted destinations idle for the trash period; one
// that connections still use keeps its id, so that no new destination gets
// counted for them.
func (s *Server) expireTrash() {
	s.mu.Lock()
	ids := s.table.TrashIDs()
	s.mu.Unlock()
	var inUse map[uint32]bool
	if dp := s.cfg.Datapath; dp != nil && len(ids) > 0 {
		var err error
		if inUse, err = dp.DestsInUse(ids); err != nil {
			s.cfg.Logf("connection counts of deleted destinations: %v", err)
			return
		}
	}
	s.mu.Lock()
	s.table.ExpireTrash(func(id uint32) bool { return inUse[id] })
	s.mu.Unlock()
}

// tick folds the datapath's counters into the estimator.
func (s *Server) tick() {
	epoch := s.stats.Epoch()
	svc, dest, err := s.cfg.Datapath.Counters()
	if err != nil {
		s.cfg.Logf("read counters: %v", err)
		return
	}
	s.stats.Tick(epoch, svc, dest)
}

// Close stops the periodic work and keeps the rates for the next xvsd.
func (s *Server) Close() {
	close(s.stop)
	s.wg.Wait()
	if s.cfg.Datapath != nil {
		if err := saveRates(s.cfg.StateDir, s.stats.Rates(time.Now())); err != nil {
			s.cfg.Logf("%v", err)
		}
	}
}

// Handle answers one API request.
func (s *Server) Handle(req api.Request) api.Response {
	switch req.Op {
	case api.OpGet:
		return api.Response{Table: s.snapshot()}
	case api.OpConns:
		return s.conns()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.table.Clone()
	// One look at the interfaces per request, not one per destination of
	// a large restore (the table keeps the hook that looks every time).
	next.LocalAddrs = sync.OnceValue(s.localAddrs)
	var resp api.Response
	changed := false
	if req.Op == api.OpBatch {
		resp.Results = make([]api.Response, len(req.Batch))
		for i, r := range req.Batch {
			err := s.apply(next, r)
			resp.Results[i].Error = api.ErrorFrom(r.Op, err)
			changed = changed || err == nil
		}
	} else {
		err := s.apply(next, req)
		resp.Error = api.ErrorFrom(req.Op, err)
		changed = err == nil
	}
	if !changed {
		return resp
	}
	if err := s.commit(next); err != nil {
		return api.Response{Error: api.ErrorFrom(req.Op, err)}
	}
	return resp
}

// commit saves the new table and loads it into the datapath; on failure the
// old table stays in force everywhere.
func (s *Server) commit(next *model.Table) error {
	// The sync daemons' sockets open first: a refusal there (the kernel's
	// errno for --start-daemon) leaves everything as it was.
	syncChanged := s.cfg.Sync != nil && !slices.Equal(s.table.Daemons, next.Daemons)
	if syncChanged {
		if err := s.cfg.Sync.Apply(next.Daemons); err != nil {
			return err
		}
	}
	undoSync := func() {
		if syncChanged {
			if err := s.cfg.Sync.Apply(s.table.Daemons); err != nil {
				s.cfg.Logf("restore sync daemons after failed change: %v", err)
			}
		}
	}
	// New objects count from zero: before the save, so that no zero point
	// of an id's previous owner is saved, and again once the datapath has
	// zeroed their counters, so that no counters read before that count.
	fresh := newObjects(s.table, next)
	s.resetCounters(fresh)
	if err := saveState(s.cfg.StateDir, next, s.stats.Bases()); err != nil {
		undoSync()
		return err
	}
	if dp := s.cfg.Datapath; dp != nil {
		if err := dp.Apply(next); err != nil {
			if rerr := dp.Apply(s.table); rerr != nil {
				s.cfg.Logf("restore datapath after failed change: %v", rerr)
			}
			if serr := saveState(s.cfg.StateDir, s.table, s.stats.Bases()); serr != nil {
				s.cfg.Logf("restore state after failed change: %v", serr)
			}
			undoSync()
			return fmt.Errorf("datapath refused the change: %w", err)
		}
		s.resetCounters(fresh)
	}
	next.LocalAddrs = s.localAddrs
	s.table = next
	return nil
}

// newObject is a service or destination new in a change.
type newObject struct {
	kind stats.Kind
	id   uint32
}

// resetCounters starts the counters of new objects from zero.
func (s *Server) resetCounters(objs []newObject) {
	for _, o := range objs {
		s.stats.Reset(o.kind, o.id)
	}
}

// newObjects are the services and destinations of next that did not exist
// before (a destination revived from the trash keeps its counters).
func newObjects(old, next *model.Table) []newObject {
	var out []newObject
	oldSvc := map[uint32]bool{}
	oldDest := map[uint32]bool{}
	for _, sv := range old.Services {
		oldSvc[sv.ID] = true
		for _, d := range sv.Dests {
			oldDest[d.ID] = true
		}
	}
	for _, td := range old.Trash {
		oldDest[td.Dest.ID] = true
	}
	for _, sv := range next.Services {
		if !oldSvc[sv.ID] {
			out = append(out, newObject{stats.Service, sv.ID})
		}
		for _, d := range sv.Dests {
			if !oldDest[d.ID] {
				out = append(out, newObject{stats.Dest, d.ID})
			}
		}
	}
	return out
}

// apply performs one mutation on t.
func (s *Server) apply(t *model.Table, r api.Request) error {
	needSvc := func() (*model.ServiceConfig, error) {
		if r.Service == nil {
			return nil, fmt.Errorf("%s: request has no service", r.Op)
		}
		return r.Service, nil
	}
	needDest := func() (*model.ServiceConfig, *model.DestConfig, error) {
		svc, err := needSvc()
		if err != nil {
			return nil, nil, err
		}
		if r.Dest == nil {
			return nil, nil, fmt.Errorf("%s: request has no destination", r.Op)
		}
		return svc, r.Dest, nil
	}
	switch r.Op {
	case model.OpAddService:
		svc, err := needSvc()
		if err != nil {
			return err
		}
		_, err = t.AddService(*svc)
		return err
	case model.OpEditService:
		svc, err := needSvc()
		if err != nil {
			return err
		}
		return t.EditService(*svc)
	case model.OpDelService:
		svc, err := needSvc()
		if err != nil {
			return err
		}
		return t.DelService(svc.ServiceKey)
	case model.OpFlush:
		t.Flush()
		return nil
	case model.OpAddMarkRule, model.OpDelMarkRule:
		if r.MarkRule == nil {
			return fmt.Errorf("%s: request has no mark rule", r.Op)
		}
		if r.Op == model.OpAddMarkRule {
			return t.AddMarkRule(*r.MarkRule)
		}
		return t.DelMarkRule(*r.MarkRule)
	case model.OpAddDest:
		svc, d, err := needDest()
		if err != nil {
			return err
		}
		_, err = t.AddDest(svc.ServiceKey, *d)
		return err
	case model.OpEditDest:
		svc, d, err := needDest()
		if err != nil {
			return err
		}
		return t.EditDest(svc.ServiceKey, *d)
	case model.OpDelDest:
		svc, d, err := needDest()
		if err != nil {
			return err
		}
		return t.DelDest(svc.ServiceKey, d.DestKey)
	case model.OpZero:
		return s.zero(t, r.Service)
	case model.OpSetTimeout:
		if r.Timeouts == nil {
			return fmt.Errorf("%s: request has no timeouts", r.Op)
		}
		return t.SetTimeouts(*r.Timeouts)
	case model.OpStartDaemon:
		if r.Daemon == nil {
			return fmt.Errorf("%s: request has no daemon", r.Op)
		}
		return t.StartDaemon(*r.Daemon)
	case model.OpStopDaemon:
		if r.Daemon == nil {
			return fmt.Errorf("%s: request has no daemon", r.Op)
		}
		return t.StopDaemon(r.Daemon.State)
	}
	return fmt.Errorf("unknown operation %q", r.Op)
}

func (s *Server) zero(t *model.Table, svc *model.ServiceConfig) error {
	var key *model.ServiceKey
	if svc != nil {
		key = &svc.ServiceKey
	}
	svcs, err := t.Zero(key)
	if err != nil {
		return err
	}
	for _, sv := range svcs {
		s.stats.Zero(stats.Service, sv.ID)
		for _, d := range sv.Dests {
			s.stats.Zero(stats.Dest, d.ID)
		}
	}
	return nil
}

// snapshot copies the table with current counters for a listing.
func (s *Server) snapshot() *api.Table {
	s.mu.Lock()
	t := s.table.Clone()
	s.mu.Unlock()
	var counts map[uint32]ConnCounts
	if dp := s.cfg.Datapath; dp != nil {
		c, err := dp.ConnCounts()
		if err != nil {
			s.cfg.Logf("read connection counts: %v", err)
		}
		counts = c
	}
	for _, sv := range t.Services {
		sv.Stats = s.stats.Read(stats.Service, sv.ID)
		for _, d := range sv.Dests {
			d.Stats = s.stats.Read(stats.Dest, d.ID)
			c := counts[d.ID]
			d.ActiveConns, d.InactConns, d.PersistConns = c.Active, c.Inactive, c.Persist
		}
	}
	return &api.Table{
		Version:     "1.2.1",
		ConnTabSize: model.ConnTabSize,
		Services:    t.KernelOrder(s.cfg.ServiceHashSeed),
		Timeouts:    t.Timeouts,
		Daemons:     t.Daemons,
		MarkRules:   t.MarkRules,
	}
}

func (s *Server) conns() api.Response {
	dp := s.cfg.Datapath
	if dp == nil {
		return api.Response{Conns: []api.Conn{}}
	}
	c, err := dp.Conns()
	if err != nil {
		return api.Response{Error: &api.Error{Op: api.OpConns, Message: err.Error()}}
	}
	return api.Response{Conns: c}
}
