package vrrp

import (
	"errors"
	"net"
	"net/netip"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/vishvananda/netns"
)

// VIP is a virtual address with its prefix and the interface it goes on.
type VIP struct {
	Prefix netip.Prefix
	Dev    string // "": the instance's interface
}

// Track is a tracked interface: down with weight 0 faults the instance;
// a weight moves the priority (positive while up, negative while down).
type Track struct {
	Interface string
	Weight    int
}

// Config is one vrrp_instance.
type Config struct {
	Name           string
	Interface      string
	VRID           uint8
	Priority       uint8
	Interval       time.Duration
	Version        int
	Preempt        bool
	PreemptDelay   time.Duration
	AuthPass       string // version 2 simple password ("": none)
	VIPs           []VIP  // virtual_ipaddress: in the adverts
	Excluded       []VIP  // virtual_ipaddress_excluded: held, not advertised
	UnicastSrc     netip.Addr
	UnicastPeers   []netip.Addr
	Track          []Track
	TrackScripts   []TrackScript
	TrackFiles     []TrackFile
	TrackProcesses []TrackProcess
	NotifyMaster   []string
	NotifyBackup   []string
	NotifyFault    []string
	NotifyStop     []string
	Notify         []string // called with INSTANCE NAME STATE PRIORITY
	GARPDelay      time.Duration
	GARPRepeat     int
}

// family: version 3 for IPv6, the advertised addresses' family.
func (c *Config) v6() bool { return len(c.VIPs) > 0 && c.VIPs[0].Prefix.Addr().Is6() }

// advertised are the addresses the adverts carry.
func (c *Config) advertised() []netip.Addr {
	out := make([]netip.Addr, 0, len(c.VIPs))
	for _, v := range c.VIPs {
		out = append(out, v.Prefix.Addr())
	}
	return out
}

// Held is every address the instance puts on while master: the
// advertised ones and virtual_ipaddress_excluded.
func (c *Config) Held() []VIP { return append(slices.Clone(c.VIPs), c.Excluded...) }

// Status is what an instance shows of itself.
type Status struct {
	Name      string
	Interface string
	VRID      uint8
	State     State
	Priority  uint8 // effective
	Master    netip.Addr
	Since     time.Time
	VIPs      []netip.Prefix
	Scripts   []TrackedStatus
	Files     []TrackedFile
	Processes []TrackedProcess
}

// TrackedProcess is a tracked process with its count and quorum now.
type TrackedProcess struct {
	TrackProcess
	Count  int
	Quorum bool
}

// TrackedFile is a tracked file with the number it holds now.
type TrackedFile struct {
	TrackFile
	Value int64
}

// TrackedStatus is a tracked script as an instance sees it.
type TrackedStatus struct {
	TrackScript
	Status string // GOOD, BAD, or INIT before its first run ends
}

// Hooks connect instances to the rest of xvsd.
type Hooks struct {
	Logf func(format string, args ...any)
	// Run runs a notify script in the background.
	Run func(argv []string)
	// Changed is told every state change (the sync daemons follow it).
	Changed func(name string, s State)
	// Check runs a vrrp_script once: nil is success; past the timeout
	// the script is stopped and counts as failed.
	Check func(argv []string, timeout time.Duration) error
	// ReadFile reads a track_file's number (keepalived's strtol; a
	// missing file reads as 0).
	ReadFile func(path string) int64

	scriptStatus  func(name string) ScriptStatus // the Manager's scripts
	processQuorum func(name string) (bool, bool) // and processes
}

// instance runs one Config.
type instance struct {
	cfg   Config
	hooks Hooks
	m     *Machine
	link  *link
	stop  chan bool // true: retire quietly (a reload's successor takes over)
	done  chan struct{}
	force chan State
	poke  chan struct{} // a tracked script's status moved

	mu     sync.Mutex
	status Status
	held   bool // the virtual addresses are on
	// resume is the state of the instance this one replaces on a reload:
	// it starts there, and tells nobody (the scripts heard it already).
	resume State
}

func startInstance(cfg Config, hooks Hooks, resume State) (*instance, error) {
	ns, err := netns.Get() // the caller's: the instance's interfaces are there
	if err != nil {
		return nil, err
	}
	l, err := openLink(cfg.Interface, cfg.v6(), cfg.UnicastSrc)
	if err != nil {
		ns.Close()
		return nil, err
	}
	in := &instance{cfg: cfg, hooks: hooks, link: l, stop: make(chan bool, 1), done: make(chan struct{}),
		force: make(chan State, 4), poke: make(chan struct{}, 1), resume: resume}
	in.m = NewMachine(MachineConfig{Version: cfg.Version, Priority: cfg.Priority, Interval: cfg.Interval,
		Preempt: cfg.Preempt, PreemptDelay: cfg.PreemptDelay, Addr: l.src.WithZone("")})
	in.status = Status{Name: cfg.Name, Interface: cfg.Interface, VRID: cfg.VRID, State: Init, Priority: cfg.Priority}
	for _, v := range append(slices.Clone(cfg.VIPs), cfg.Excluded...) {
		in.status.VIPs = append(in.status.VIPs, v.Prefix)
	}
	go in.run(ns)
	return in, nil
}

// run is the instance's loop, on a thread of its own in the network
// namespace the instance was started in (addresses and interfaces are
// looked up there; the thread ends with the loop).
func (in *instance) run(ns netns.NsHandle) {
	defer close(in.done)
	runtime.LockOSThread()
	err := netns.Set(ns)
	ns.Close()
	if err != nil {
		in.hooks.Logf("(%s) enter network namespace: %v", in.cfg.Name, err)
		in.link.close()
		return
	}
	pkts := make(chan packet, 32)
	go in.read(pkts)
	started := false
	// start leaves INIT once the scripts tracked without a weight have
	// run (keepalived waits for them too).
	start := func() {
		pending, faulted, prio := in.tracking()
		in.do(in.m.SetTracking(time.Now(), faulted, prio))
		if started || pending {
			return
		}
		started = true
		if in.resume == Master && !faulted {
			in.do(in.m.Resume(time.Now()))
		} else {
			in.do(in.m.Start(time.Now()))
		}
	}
	start()
	in.showMachine()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	// Interfaces and scripts are looked at every second (a script's
	// status change pokes the loop at once); files five times a second,
	// as FILE_CHECK reads them (keepalived is told by inotify).
	trackEvery := time.Second
	if len(in.cfg.TrackFiles) > 0 {
		trackEvery = 200 * time.Millisecond
	}
	track := time.NewTicker(trackEvery)
	defer track.Stop()
	var garp <-chan time.Time
	for {
		if d := in.m.Deadline(); !d.IsZero() {
			timer.Reset(max(time.Until(d), 0))
		}
		select {
		case quiet := <-in.stop:
			if !quiet {
				in.do(in.m.Stop())
			}
			in.link.close()
			return
		case p := <-pkts:
			if a := in.accept(p); a != nil {
				in.do(in.m.Receive(time.Now(), a, p.src))
			}
		case <-timer.C:
			acts := in.m.Tick(time.Now())
			if slices.Contains(acts, EnterMaster) && in.cfg.GARPDelay > 0 {
				garp = time.After(in.cfg.GARPDelay)
			}
			in.do(acts)
		case <-garp:
			if in.m.State() == Master {
				in.announce()
			}
		case <-track.C:
			start()
		case <-in.poke:
			start()
		case s := <-in.force:
			in.do(in.m.Force(time.Now(), s))
		}
		in.showMachine()
	}
}

// showMachine copies the machine's priority and master into the status.
func (in *instance) showMachine() {
	in.mu.Lock()
	in.status.Priority, in.status.Master = in.m.Priority(), in.m.MasterAddr()
	in.mu.Unlock()
}

// read passes the adverts that arrive to the run loop until the socket
// closes.
func (in *instance) read(out chan<- packet) {
	buf, oob := make([]byte, 1500), make([]byte, 256)
	for {
		p, err := in.link.read(buf, oob)
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			continue
		}
		p.msg = slices.Clone(p.msg)
		select {
		case out <- p:
		default: // the loop is behind: an advert lost, as on a busy wire
		}
	}
}

// accept checks an advert as RFC 5798 7.1 (and RFC 3768 for version 2's
// authentication and interval) says; nil drops it. Like keepalived 2.2.7
// (recorded in testdata/interop.txt), it drops an advert whose addresses
// are not the instance's virtual_ipaddress (as many, each of them there,
// in any order): the "MAY verify" of 7.1 that keepalived does, lest one
// side follow a master the other does not.
func (in *instance) accept(p packet) *Advert {
	if p.ttl != TTL || p.src == in.link.src.WithZone("") {
		return nil
	}
	a, err := Parse(p.msg, p.src, p.dst)
	if err != nil || a.VRID != in.cfg.VRID {
		return nil
	}
	if a.Version != in.cfg.Version {
		in.hooks.Logf("(%s) advert of VRRP version %d from %s: this instance runs version %d, dropped",
			in.cfg.Name, a.Version, p.src, in.cfg.Version)
		return nil
	}
	if len(a.Addrs) != len(in.cfg.VIPs) {
		in.hooks.Logf("(%s) advert from %s carries %d addresses, this instance has %d: dropped",
			in.cfg.Name, p.src, len(a.Addrs), len(in.cfg.VIPs))
		return nil
	}
	for _, v := range in.cfg.VIPs {
		if !slices.Contains(a.Addrs, v.Prefix.Addr()) {
			in.hooks.Logf("(%s) advert from %s lacks %s: dropped", in.cfg.Name, p.src, v.Prefix.Addr())
			return nil
		}
	}
	if a.Version == 2 {
		if a.AuthType != in.authType() || (a.AuthType == AuthPass && a.AuthData != in.authData()) {
			in.hooks.Logf("(%s) advert from %s fails authentication, dropped", in.cfg.Name, p.src)
			return nil
		}
		if a.Interval != in.cfg.Interval {
			in.hooks.Logf("(%s) advert from %s every %v, this instance's interval is %v: dropped",
				in.cfg.Name, p.src, a.Interval, in.cfg.Interval)
			return nil
		}
	}
	return a
}

func (in *instance) authType() uint8 {
	if in.cfg.AuthPass != "" {
		return AuthPass
	}
	return AuthNone
}

func (in *instance) authData() [8]byte {
	var d [8]byte
	copy(d[:], in.cfg.AuthPass)
	return d
}

// tracking is the verdict of the tracked interfaces (the instance's own
// among them) and scripts: pending (a script without weight has not run
// yet), faulted, and the priority their weights give.
func (in *instance) tracking() (bool, bool, uint8) {
	pending, faulted, delta := false, false, 0
	if in.hooks.scriptStatus != nil {
		pending, faulted, delta = scriptVerdict(in.cfg.TrackScripts, in.hooks.scriptStatus)
	}
	if len(in.cfg.TrackFiles) > 0 && in.hooks.ReadFile != nil {
		f, d := fileVerdict(in.cfg.TrackFiles, in.hooks.ReadFile)
		faulted, delta = faulted || f, delta+d
	}
	if len(in.cfg.TrackProcesses) > 0 && in.hooks.processQuorum != nil {
		f, d := processVerdict(in.cfg.TrackProcesses, in.hooks.processQuorum)
		faulted, delta = faulted || f, delta+d
	}
	prio := int(in.cfg.Priority) + delta
	faulted = faulted || !interfaceUp(in.cfg.Interface)
	for _, t := range in.cfg.Track {
		up := interfaceUp(t.Interface)
		switch {
		case t.Weight == 0 && !up:
			faulted = true
		case t.Weight > 0 && up, t.Weight < 0 && !up:
			prio += t.Weight
		}
	}
	if in.cfg.Priority == PriorityOwner {
		return pending, faulted, PriorityOwner // an owner's priority does not move
	}
	return pending, faulted, uint8(min(max(prio, 1), 254))
}

func interfaceUp(name string) bool {
	ifi, err := net.InterfaceByName(name)
	return err == nil && ifi.Flags&net.FlagUp != 0 && ifi.Flags&net.FlagRunning != 0
}

// do carries out the state machine's actions.
func (in *instance) do(acts []Action) {
	for _, a := range acts {
		switch a {
		case SendAdvert:
			in.send(in.m.Priority())
		case SendStop:
			in.send(PriorityStop)
		case EnterMaster:
			in.takeAddresses()
			in.announce()
			in.changed(Master)
		case EnterBackup:
			in.releaseAddresses()
			in.changed(Backup)
		case EnterFault:
			in.releaseAddresses()
			in.changed(Fault)
		case EnterStopped:
			in.releaseAddresses()
			in.changed(Stopped)
		}
	}
}

func (in *instance) send(prio uint8) {
	a := Advert{Version: in.cfg.Version, VRID: in.cfg.VRID, Priority: prio, Interval: in.cfg.Interval,
		Addrs: in.cfg.advertised(), AuthType: in.authType(), AuthData: in.authData()}
	dsts := in.cfg.UnicastPeers
	if len(dsts) == 0 {
		dsts = []netip.Addr{Group4}
		if in.cfg.v6() {
			dsts = []netip.Addr{Group6}
		}
	}
	for _, dst := range dsts {
		b, err := a.Marshal(in.link.src.WithZone(""), dst)
		if err == nil {
			err = in.link.send(b, dst)
		}
		if err != nil {
			in.hooks.Logf("(%s) advert to %s: %v", in.cfg.Name, dst, err)
		}
	}
}

func (in *instance) vips() []VIP { return in.cfg.Held() }

func (in *instance) dev(v VIP) string {
	if v.Dev != "" {
		return v.Dev
	}
	return in.cfg.Interface
}

func (in *instance) takeAddresses() {
	for _, v := range in.vips() {
		if err := addAddress(in.dev(v), v.Prefix); err != nil {
			in.hooks.Logf("(%s) %v", in.cfg.Name, err)
		}
	}
	in.held = true
}

func (in *instance) releaseAddresses() {
	if !in.held {
		return
	}
	for _, v := range in.vips() {
		if err := delAddress(in.dev(v), v.Prefix); err != nil {
			in.hooks.Logf("(%s) %v", in.cfg.Name, err)
		}
	}
	in.held = false
}

// announce sends GARPs (or unsolicited NAs) for every virtual address.
func (in *instance) announce() {
	for range max(in.cfg.GARPRepeat, 1) {
		for _, v := range in.vips() {
			if err := announce(in.dev(v), v.Prefix.Addr()); err != nil {
				in.hooks.Logf("(%s) announce %s: %v", in.cfg.Name, v.Prefix.Addr(), err)
			}
		}
	}
}

func (in *instance) changed(s State) {
	in.mu.Lock()
	in.status.State, in.status.Since = s, time.Now()
	in.mu.Unlock()
	if s == in.resume {
		in.resume = Init // the state it had before the reload: nothing to tell
		return
	}
	in.resume = Init
	in.hooks.Logf("(%s) Entering %s STATE", in.cfg.Name, s)
	scripts := map[State][]string{Master: in.cfg.NotifyMaster, Backup: in.cfg.NotifyBackup, Fault: in.cfg.NotifyFault,
		Stopped: in.cfg.NotifyStop}[s]
	if len(scripts) > 0 {
		in.hooks.Run(scripts)
	}
	if len(in.cfg.Notify) > 0 {
		in.hooks.Run(append(slices.Clone(in.cfg.Notify), "INSTANCE", in.cfg.Name, s.String(),
			strconv.Itoa(int(in.m.Priority()))))
	}
	if in.hooks.Changed != nil {
		in.hooks.Changed(in.cfg.Name, s)
	}
}

// halt stops the instance: a master leaves with a priority-0 advert and
// gives its addresses up.
func (in *instance) halt() {
	in.stop <- false
	<-in.done
}

// retire stops the instance without leaving: its successor of a reload
// holds on; only the addresses the successor does not have go.
func (in *instance) retire(successor []VIP) {
	in.stop <- true
	<-in.done
	if !in.held {
		return
	}
	for _, v := range in.vips() {
		if !slices.ContainsFunc(successor, func(n VIP) bool { return in.dev(n) == in.dev(v) && n.Prefix == v.Prefix }) {
			if err := delAddress(in.dev(v), v.Prefix); err != nil {
				in.hooks.Logf("(%s) %v", in.cfg.Name, err)
			}
		}
	}
}

func (in *instance) snapshot() Status {
	in.mu.Lock()
	defer in.mu.Unlock()
	s := in.status
	s.VIPs = slices.Clone(s.VIPs)
	return s
}
