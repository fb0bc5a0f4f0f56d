package keepalived

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"sync"
	"time"

	"xvs/internal/api"
	"xvs/internal/health"
	"xvs/internal/model"
	"xvs/internal/server"
	"xvs/internal/vrrp"
)

// Reconciler is what the runner programs: xvsd's server.
type Reconciler interface {
	Reconcile(want []server.Desired, drop []model.ServiceKey, timeouts *model.Timeouts) error
}

// RunnerConfig is what a Runner runs and where it keeps what it owns.
type RunnerConfig struct {
	Path string
	To   Reconciler
	Logf func(string, ...any)
	// OwnedFile remembers which services the configuration made, across
	// restarts: a virtual_server removed from the file while xvsd was
	// stopped is removed at the next start (keepalived removes its services
	// when it stops; xvsd keeps them, so that a restart loses no connection).
	// Empty: not remembered.
	OwnedFile string
	// Daemons runs the sync daemons of lvs_sync_daemon (nil: not run).
	Daemons SyncDaemons
	// Managed is told every address the VRRP instances hold before the
	// table that serves them is programmed, so that nothing else puts them
	// on an interface (a backup must not answer for them). Nil: not told.
	Managed func([]netip.Addr) error
	// MaxInFlight and Bootstrap are the health manager's (0: defaults).
	MaxInFlight int
	Bootstrap   time.Duration

	// noVRRP runs only the LVS part (tests: the instances' interfaces are
	// not checked and no advert is sent).
	noVRRP bool
}

// bootstrapDelay is keepalived's BOOTSTRAP_DELAY: checkers start a second
// after a (re)load.
const bootstrapDelay = time.Second

// Runner keeps a keepalived.conf running: it checks the real servers and
// programs the services with the live ones, the inhibited ones at weight 0
// and the sorry server when a service's quorum is lost.
type Runner struct {
	cfg  RunnerConfig
	logf func(string, ...any)
	mgr  *health.Manager

	mu     sync.Mutex
	conf   *Config
	owned  []model.ServiceKey
	quorum map[string]bool // by virtual server name: quorum up

	vrrp *vrrp.Manager
	// What lvs_sync_daemon follows: the daemon, its instance, and the
	// instance whose state the running daemons show ("" none).
	syncMu       sync.Mutex
	syncd        *model.SyncDaemon
	syncInstance string
	followed     string

	kick chan struct{}
	done chan struct{}
	wg   sync.WaitGroup
}

// NewRunner reads the configuration, programs it and starts its checks.
func NewRunner(c RunnerConfig) (*Runner, error) {
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	if c.Bootstrap == 0 {
		c.Bootstrap = bootstrapDelay
	}
	r := &Runner{cfg: c, logf: c.Logf, quorum: map[string]bool{}, kick: make(chan struct{}, 1), done: make(chan struct{})}
	owned, err := loadOwned(c.OwnedFile)
	if err != nil {
		return nil, err
	}
	r.owned = owned
	r.mgr = health.NewManager(health.Options{MaxInFlight: c.MaxInFlight, Bootstrap: c.Bootstrap, Logf: c.Logf,
		OnChange: func(health.Target) { r.poke() }})
	r.vrrp = vrrp.NewManager(vrrp.Hooks{Logf: c.Logf, Run: func(argv []string) { health.RunScript(argv, c.Logf) },
		Check: health.RunTimed, ReadFile: health.ReadTrackFile, Changed: r.followSync})
	if _, err := r.Reload(); err != nil {
		r.mgr.Close()
		r.vrrp.Close()
		return nil, err
	}
	r.wg.Add(1)
	go r.applier()
	return r, nil
}

// Close stops the checks. The services stay programmed (keepalived removes
// them; xvsd keeps them so that a restart loses no connection). Virtual
// servers with omega run, as keepalived does on shutdown, the notify_down
// scripts of their live real servers and their quorum_down script.
func (r *Runner) Close() {
	close(r.done)
	r.wg.Wait()
	r.vrrp.Close() // masters leave at once (priority 0): the backup takes over
	r.mgr.Close()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conf == nil {
		return
	}
	for _, vs := range r.conf.Services {
		if !vs.Omega {
			continue
		}
		for _, rs := range vs.RealServers {
			if up, _ := r.serverState(r.mgr, vs, rs); up && rs.NotifyDown != nil {
				health.RunScriptWait(rs.NotifyDown, r.logf)
			}
		}
		if vs.QuorumDown != nil {
			health.RunScriptWait(vs.QuorumDown, r.logf)
		}
	}
}

// Reload re-reads the file. A file that does not parse, or a table the
// control plane refuses, changes nothing: the running configuration and
// the checkers' states stay.
func (r *Runner) Reload() ([]string, error) {
	conf, warns, err := Parse(r.cfg.Path)
	var msgs []string
	for _, w := range warns {
		msgs = append(msgs, w.Error())
		r.logf("%s (warning)", w.Error())
	}
	if err != nil {
		return msgs, fmt.Errorf("%w (running configuration kept)", err)
	}
	if r.cfg.noVRRP {
		conf.VRRP = VRRP{}
	}
	if err := checkInterfaces(&conf.VRRP); err != nil {
		return msgs, fmt.Errorf("%w (running configuration kept)", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var oldAddrs []netip.Addr
	if r.conf != nil {
		oldAddrs = r.conf.VRRP.Addresses()
	}
	newAddrs := conf.VRRP.Addresses()
	if err := r.manage(append(slices.Clone(oldAddrs), newAddrs...)); err != nil {
		return msgs, fmt.Errorf("%w (running configuration kept)", err)
	}
	var p programming
	err = r.mgr.Replace(servers(conf), func(v health.View) error {
		p = r.program(conf, v, true)
		// Written before the table changes, so that a crash in between
		// cannot leave services the file made unremembered.
		if err := saveOwned(r.cfg.OwnedFile, r.cfg.Path, union(r.owned, p.keys())); err != nil {
			return err
		}
		return explain(conf, r.cfg.To.Reconcile(p.want, r.owned, conf.Timeouts))
	})
	if err != nil {
		if serr := saveOwned(r.cfg.OwnedFile, r.cfg.Path, r.owned); serr != nil {
			r.logf("%v", serr)
		}
		if merr := r.manage(oldAddrs); merr != nil {
			r.logf("%v", merr)
		}
		return msgs, fmt.Errorf("%w (running configuration kept)", err)
	}
	if err := r.manage(newAddrs); err != nil {
		r.logf("%v", err)
	}
	r.conf, r.quorum, r.owned = conf, p.quorum, p.keys()
	r.applyVRRP(conf)
	if err := saveOwned(r.cfg.OwnedFile, r.cfg.Path, r.owned); err != nil {
		r.logf("%v", err)
	}
	p.runEvents(r.logf)
	r.logf("%s: %d virtual servers, %d VRRP instances loaded", r.cfg.Path, len(conf.Services), len(conf.VRRP.Instances))
	return msgs, nil
}

// manage tells Managed which addresses VRRP holds.
func (r *Runner) manage(addrs []netip.Addr) error {
	if r.cfg.Managed == nil {
		return nil
	}
	return r.cfg.Managed(addrs)
}

// explain names where a service the table refused was written.
func explain(conf *Config, err error) error {
	var se *server.ServiceError
	if !errors.As(err, &se) {
		return err
	}
	for _, vs := range conf.Services {
		for _, k := range vs.Keys {
			if k == se.Key {
				return errorf(vs.Pos, "virtual server %s: %v", vs.Name, se.Err)
			}
		}
	}
	return err
}

func union(a, b []model.ServiceKey) []model.ServiceKey {
	out := append([]model.ServiceKey(nil), a...)
	for _, k := range b {
		if !containsKey(out, k) {
			out = append(out, k)
		}
	}
	return out
}

func containsKey(keys []model.ServiceKey, k model.ServiceKey) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func (r *Runner) poke() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// applier reprograms after real servers changed state, one change or many
// at a time.
func (r *Runner) applier() {
	defer r.wg.Done()
	for {
		select {
		case <-r.kick:
			r.apply()
		case <-r.done:
			return
		}
	}
}

func (r *Runner) apply() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conf == nil {
		return
	}
	p := r.program(r.conf, r.mgr, false)
	if err := r.cfg.To.Reconcile(p.want, r.owned, nil); err != nil {
		r.logf("programming the health checks' result: %v", explain(r.conf, err))
		return
	}
	r.quorum = p.quorum
	p.runEvents(r.logf)
}

func target(vs *VirtualServer, rs *RealServer) health.Target {
	return health.Target{Service: vs.Name, Server: hostPort(rs.Addr, rs.Port)}
}

// servers are the real servers with checkers: one per real server of a
// virtual_server block, however many addresses its group has.
func servers(conf *Config) []health.Server {
	var out []health.Server
	for _, vs := range conf.Services {
		for _, rs := range vs.RealServers {
			if len(rs.Checks) > 0 {
				out = append(out, health.Server{Target: target(vs, rs), Weight: rs.Weight, Checks: rs.Checks,
					NotifyUp: rs.NotifyUp, NotifyDown: rs.NotifyDown})
			}
		}
	}
	return out
}

// serverState is a real server's state and weight; one without checkers is
// always up.
func (r *Runner) serverState(v health.View, vs *VirtualServer, rs *RealServer) (bool, int32) {
	if len(rs.Checks) == 0 {
		return true, int32(min(max(rs.Weight, 0), math.MaxInt32))
	}
	up, w, _ := v.Up(target(vs, rs))
	return up, w
}

// programming is what to program and what follows from it.
type programming struct {
	want   []server.Desired
	quorum map[string]bool
	events []quorumEvent
}

func (p *programming) keys() []model.ServiceKey {
	out := make([]model.ServiceKey, len(p.want))
	for i, w := range p.want {
		out[i] = w.Service.ServiceKey
	}
	return out
}

// quorumEvent is a quorum change to log and its script to run.
type quorumEvent struct {
	msg    string
	script []string
}

func (p *programming) runEvents(logf func(string, ...any)) {
	for _, e := range p.events {
		logf("%s", e.msg)
		if e.script != nil {
			health.RunScript(e.script, logf)
		}
	}
}

// program is what to program now; loaded: the configuration was just
// (re)loaded, when keepalived also (re)starts a service whose quorum is
// down with its sorry server.
func (r *Runner) program(conf *Config, v health.View, loaded bool) programming {
	p := programming{quorum: map[string]bool{}}
	for _, vs := range conf.Services {
		r.programService(&p, vs, v, loaded)
	}
	return p
}

type entry struct {
	rs *RealServer
	w  int32
	up bool
}

func (r *Runner) programService(p *programming, vs *VirtualServer, v health.View, loaded bool) {
	var entries []entry
	var alive int64
	for _, rs := range vs.RealServers {
		up, w := r.serverState(v, vs, rs)
		entries = append(entries, entry{rs, w, up})
		if up {
			alive += int64(w)
		}
	}
	prev, known := r.quorum[vs.Name]
	up, ev := quorumStep(vs, prev, known, alive, loaded)
	p.quorum[vs.Name] = up
	if ev != nil {
		p.events = append(p.events, *ev)
	}
	dests := dests(vs, entries, up)
	for _, k := range vs.Keys {
		svc := vs.Service
		svc.ServiceKey = k
		svc.Netmask = netmaskFor(vs.Service, k.AF)
		if vs.Group != "" {
			// keepalived programs group members with the default
			// granularity (ipvs_group_range_cmd), whatever was written
			svc.Netmask = netmaskFor(model.ServiceConfig{}, k.AF)
		}
		d := server.Desired{Service: svc}
		for _, e := range dests {
			d.Dests = append(d.Dests, destConfig(k, e.rs, e.w))
		}
		p.want = append(p.want, d)
	}
}

// threshold is keepalived's quorum ∓ hysteresis, in its unsigned 32-bit
// arithmetic.
func threshold(vs *VirtualServer, up bool) int64 {
	if up {
		return int64(vs.Quorum - vs.Hysteresis)
	}
	return int64(vs.Quorum + vs.Hysteresis)
}

// quorumStep is keepalived's update_quorum_state: the quorum comes up at
// quorum + hysteresis and is lost below quorum - hysteresis (or with no
// live weight). A service starts with its quorum down; when it is still
// down after a (re)load, its sorry server comes in (and quorum_down runs).
func quorumStep(vs *VirtualServer, prev, known bool, alive int64, loaded bool) (bool, *quorumEvent) {
	up := known && prev
	switch {
	case !up && alive >= threshold(vs, false):
		return true, &quorumEvent{fmt.Sprintf("%s: quorum gained (live weight %d, quorum %d+%d)", vs.Name, alive, vs.Quorum, vs.Hysteresis), vs.QuorumUp}
	case up && (alive == 0 || alive < threshold(vs, true)):
		return false, &quorumEvent{fmt.Sprintf("%s: quorum lost (live weight %d, quorum %d-%d)", vs.Name, alive, vs.Quorum, vs.Hysteresis), vs.QuorumDown}
	case loaded && !up && !known && vs.Sorry != nil:
		return false, &quorumEvent{fmt.Sprintf("%s: starting with the quorum down (live weight %d, quorum %d+%d)", vs.Name, alive, vs.Quorum, vs.Hysteresis), vs.QuorumDown}
	}
	return up, nil
}

// dests are the destinations keepalived programs: live servers, inhibited
// ones at weight 0; without quorum the sorry server replaces the live ones
// (inhibited ones stay at weight 0); sorry_server_inhibit keeps the sorry
// server at weight 0 while the quorum is up.
func dests(vs *VirtualServer, entries []entry, quorumUp bool) []entry {
	sorryMode := !quorumUp && vs.Sorry != nil
	var out []entry
	for _, e := range entries {
		switch {
		case e.up && !sorryMode:
			out = append(out, e)
		case e.rs.Inhibit:
			out = append(out, entry{e.rs, 0, e.up})
		}
	}
	if vs.Sorry == nil {
		return out
	}
	same := func(e entry) bool { return e.rs.Addr == vs.Sorry.Addr && e.rs.Port == vs.Sorry.Port }
	switch {
	case sorryMode:
		out = slicesDelete(out, same)
		out = append(out, entry{vs.Sorry, int32(vs.Sorry.Weight), true})
	case vs.Sorry.Inhibit && !slicesAny(entries, same):
		out = append(out, entry{vs.Sorry, 0, false})
	}
	return out
}

func slicesDelete(s []entry, f func(entry) bool) []entry {
	out := s[:0]
	for _, e := range s {
		if !f(e) {
			out = append(out, e)
		}
	}
	return out
}

func slicesAny(s []entry, f func(entry) bool) bool {
	for _, e := range s {
		if f(e) {
			return true
		}
	}
	return false
}

// Status is the health of every real server's checks, for the API.
func (r *Runner) Status() []api.HealthStatus {
	var out []api.HealthStatus
	for _, s := range r.mgr.Status() {
		out = append(out, api.HealthStatus{Service: s.Target.Service, Server: s.Target.Server, Check: s.Check, Up: s.Up,
			ServerUp: s.ServerUp, Since: s.Since, LastError: s.LastErr, Failures: s.Failures, LastRun: s.LastRun})
	}
	return out
}

// ErrNoConfig is returned for reload requests when xvsd runs without --config.
var ErrNoConfig = errors.New("xvsd runs without --config: nothing to reload")
