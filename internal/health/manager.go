package health

import (
	"container/heap"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"
)

// Target names one real server of one virtual server (opaque to the
// manager: the caller's key). A virtual_server block for a group is one
// target per real server, whatever the number of addresses in the group.
type Target struct {
	Service string
	Server  string
}

// Server is a real server to watch.
type Server struct {
	Target     Target
	Weight     int64 // the configured weight (keepalived's iweight)
	Checks     []Check
	NotifyUp   []string
	NotifyDown []string
}

// Status is what the manager knows of one checker.
type Status struct {
	Target   Target
	Check    string
	Up       bool
	ServerUp bool
	Since    time.Time
	LastRun  time.Time
	LastErr  string
	Failures int
}

// Options configure a Manager.
type Options struct {
	// MaxInFlight bounds the probes running at once (sockets, scripts);
	// keepalived runs every checker asynchronously, and so does the
	// manager, up to this many at a time.
	MaxInFlight int
	// Bootstrap is how long a (re)loaded checker waits before its first
	// run, plus a random part of its warmup (keepalived's BOOTSTRAP_DELAY).
	Bootstrap time.Duration
	// OnChange is called, without locks held, when a real server goes up or
	// down or its weight changes.
	OnChange func(Target)
	Logf     func(string, ...any)
}

// DefaultMaxInFlight keeps thousands of slow servers from costing more
// than this many sockets at once; each probe has its own deadline, so a
// slot is never held longer than one connect_timeout (or misc_timeout).
const DefaultMaxInFlight = 4096

// fileInterval is how often a FILE_CHECK reads its file (keepalived
// watches it with inotify).
const fileInterval = 200 * time.Millisecond

type server struct {
	spec   Server
	checks []*checker
}

// alive is keepalived's "no failed checkers".
func (s *server) alive() bool {
	for _, c := range s.checks {
		if !c.up {
			return false
		}
	}
	return true
}

// weight is keepalived's real_weight(effective_weight): the configured
// weight plus the checkers' dynamic parts, within IPVS's limits.
func (s *server) weight() int32 {
	w := s.spec.Weight
	for _, c := range s.checks {
		w += c.offset
	}
	return int32(min(max(w, 0), math.MaxInt32))
}

type checker struct {
	srv *server
	cfg Check

	up, hasRun bool
	retryIt    int
	offset     int64 // keepalived's cur_weight: misc_dynamic's or FILE_CHECK's part of the weight
	lastCode   int64 // MISC_CHECK's last exit status
	url        int   // HTTP_GET: the url checked next
	failedURL  int   // HTTP_GET: the url that failed, -1 none
	downNotify bool  // first run of a checker already down failed: notify_down

	since, lastRun time.Time
	lastErr        string
	failures       int

	next    time.Time
	index   int // in the heap, -1 when not queued
	running bool
	gone    bool
}

// Manager runs every check on its own schedule: a heap of timers, and one
// goroutine per probe in flight (blocked in I/O with its deadline), at most
// MaxInFlight of them.
type Manager struct {
	opts Options

	mu      sync.Mutex
	servers map[Target]*server
	loaded  bool
	queue   checkHeap

	wake   chan struct{}
	slots  chan struct{}
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

// NewManager starts a manager with no servers.
func NewManager(o Options) *Manager {
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = DefaultMaxInFlight
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &Manager{opts: o, servers: map[Target]*server{}, wake: make(chan struct{}, 1),
		slots: make(chan struct{}, o.MaxInFlight), ctx: ctx, cancel: cancel}
	m.wg.Add(1)
	go m.schedule()
	return m
}

// Close stops the checks and waits for the probes in flight.
func (m *Manager) Close() {
	m.cancel()
	m.wg.Wait()
}

// View is the state of the servers, for deciding what to program.
type View interface {
	// Up tells whether a real server passes its checks and its weight;
	// known is false for a server the manager does not watch.
	Up(Target) (up bool, weight int32, known bool)
}

type serverView map[Target]*server

func (v serverView) Up(t Target) (bool, int32, bool) {
	s, ok := v[t]
	if !ok {
		return true, 0, false
	}
	return s.alive(), s.weight(), true
}

// Up is the running state of a real server.
func (m *Manager) Up(t Target) (bool, int32, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return serverView(m.servers).Up(t)
}

// Replace watches servers instead of the current ones, carrying over the
// state of every checker keepalived would carry over on a reload. apply
// sees the new states before anything changes; when it fails, nothing
// changes.
func (m *Manager) Replace(servers []Server, apply func(View) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	next := map[Target]*server{}
	var changed []*server
	now := time.Now()
	for _, spec := range servers {
		old := m.servers[spec.Target]
		s := m.newServer(spec, old, now)
		if old != nil && old.alive() != s.alive() {
			changed = append(changed, s)
		}
		next[spec.Target] = s
	}
	if err := apply(serverView(next)); err != nil {
		return err
	}
	for _, s := range m.servers {
		m.drop(s)
	}
	m.servers, m.loaded = next, true
	for _, s := range next {
		for _, c := range s.checks {
			if !c.cfg.Disabled {
				m.firstRun(c, now)
				heap.Push(&m.queue, c)
			}
		}
	}
	for _, s := range changed {
		m.announce(s, "on reload")
	}
	m.poke()
	return nil
}

// newServer makes a server's checkers: at the first load every checker
// starts up (down with alpha) and one failure is enough to fail it; on a
// reload keepalived's migrate_checkers rules apply.
func (m *Manager) newServer(spec Server, old *server, now time.Time) *server {
	s := &server{spec: spec}
	for _, cfg := range spec.Checks {
		c := &checker{srv: s, cfg: cfg, up: true, since: now, index: -1, failedURL: -1}
		if cfg.Kind == File {
			c.readFile()
		}
		s.checks = append(s.checks, c)
	}
	switch {
	case !m.loaded:
		for _, c := range s.checks {
			c.startFresh()
		}
	case old == nil: // a real server new in this reload: check_new_rs_state
		for _, c := range s.checks {
			if c.cfg.Alpha && c.cfg.Kind != File {
				c.up = false
			}
		}
	default:
		migrate(s, old)
	}
	return s
}

// startFresh is a checker at keepalived's start: down with alpha, and "one
// failure is enough" (SMTP_CHECK restarts its retries every round).
func (c *checker) startFresh() {
	if c.cfg.Kind == File {
		return
	}
	if c.cfg.Alpha {
		c.up = false
	}
	if c.cfg.Kind != SMTP {
		c.retryIt = c.cfg.Retry
	}
}

// migrate is keepalived's migrate_checkers: a checker equal to one of the
// old server's keeps its state; if the server has a failed checker (or was
// down with none run), its new checkers start as at startup; a server with
// no failed checker is up again.
func migrate(s, old *server) {
	for _, c := range s.checks {
		if c.cfg.Kind == File {
			continue // read from the file, never migrated
		}
		for _, o := range old.checks {
			if !sameChecker(&o.cfg, &c.cfg) {
				continue
			}
			if o.hasRun {
				c.up = o.up
			}
			c.hasRun = o.hasRun
			if o.retryIt > 0 && c.cfg.Retry > 0 {
				c.retryIt = min(o.retryIt, c.cfg.Retry-1)
			}
			c.lastCode = o.lastCode
			if c.cfg.Dynamic && o.lastCode >= 2 {
				c.offset = o.lastCode - 2 - s.spec.Weight
			}
			c.since, c.lastRun, c.lastErr, c.failures = o.since, o.lastRun, o.lastErr, o.failures
			break
		}
	}
	failed, anyRun := false, false
	for _, c := range s.checks {
		failed = failed || (c.hasRun && !c.up)
		anyRun = anyRun || c.hasRun
	}
	if failed || (!old.alive() && !anyRun) {
		for _, c := range s.checks {
			if !c.hasRun && c.cfg.Kind != File {
				c.startFresh()
			}
		}
	}
}

// sameChecker is keepalived's checker compare functions: the connection
// options and the checker's own settings, not delay_loop, retry or warmup.
func sameChecker(a, b *Check) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case Misc:
		return a.Dynamic == b.Dynamic && slices.Equal(a.Script, b.Script)
	case File:
		return false
	}
	if a.Conn != b.Conn {
		return false
	}
	switch a.Kind {
	case HTTP, SSL:
		return a.VirtualHost == b.VirtualHost && slices.EqualFunc(a.URLs, b.URLs, func(x, y URL) bool {
			return x.Path == y.Path && x.Digest == y.Digest && x.Codes == y.Codes && x.VirtualHost == y.VirtualHost
		})
	case DNS:
		return a.DNSType == b.DNSType && a.DNSName == b.DNSName
	case SMTP:
		return a.Helo == b.Helo
	}
	return true
}

// firstRun schedules a (re)loaded checker: after the bootstrap delay and a
// random part of its warmup.
func (m *Manager) firstRun(c *checker, now time.Time) {
	c.next = now.Add(m.opts.Bootstrap)
	if c.cfg.Kind == File {
		c.next = now.Add(fileInterval)
		return
	}
	if c.cfg.Warmup > 0 {
		c.next = c.next.Add(time.Duration(rand.Int64N(int64(c.cfg.Warmup))))
	}
}

func (m *Manager) drop(s *server) {
	for _, c := range s.checks {
		c.gone = true
		if c.index >= 0 {
			heap.Remove(&m.queue, c.index)
		}
	}
}

func (m *Manager) poke() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// Status lists every checker.
func (m *Manager) Status() []Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Status
	for t, s := range m.servers {
		up := s.alive()
		for _, c := range s.checks {
			out = append(out, Status{Target: t, Check: c.cfg.Describe(), Up: c.up, ServerUp: up, Since: c.since,
				LastRun: c.lastRun, LastErr: c.lastErr, Failures: c.failures})
		}
	}
	slices.SortFunc(out, func(a, b Status) int {
		return strings.Compare(a.Target.Service+"\x00"+a.Target.Server+"\x00"+a.Check, b.Target.Service+"\x00"+b.Target.Server+"\x00"+b.Check)
	})
	return out
}

// schedule starts due checks, each in its own goroutine once a slot is free.
func (m *Manager) schedule() {
	defer m.wg.Done()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		m.mu.Lock()
		var due *checker
		wait := time.Hour
		if m.queue.Len() > 0 {
			if d := time.Until(m.queue[0].next); d <= 0 {
				due = heap.Pop(&m.queue).(*checker)
				due.running = true
			} else {
				wait = d
			}
		}
		m.mu.Unlock()
		if due != nil {
			select {
			case m.slots <- struct{}{}:
			case <-m.ctx.Done():
				return
			}
			m.wg.Add(1)
			go m.run(due)
			continue
		}
		timer.Reset(wait)
		select {
		case <-timer.C:
		case <-m.wake:
		case <-m.ctx.Done():
			return
		}
	}
}

func (m *Manager) run(c *checker) {
	defer m.wg.Done()
	defer func() { <-m.slots }()
	started := time.Now()
	res := Probe(m.ctx, &c.cfg, c.url)
	m.report(c, res, started)
}

// report applies a probe's result with the checker type's keepalived
// rules, schedules the next run, and tells about a server that changed.
func (m *Manager) report(c *checker, res Result, started time.Time) {
	m.mu.Lock()
	c.running = false
	if c.gone || m.ctx.Err() != nil {
		m.mu.Unlock()
		return
	}
	now := time.Now()
	s := c.srv
	wasUp, wasWeight := s.alive(), s.weight()
	c.lastRun = now
	if res.Err != nil {
		c.failures++
		c.lastErr = res.Err.Error()
	} else {
		c.failures, c.lastErr = 0, ""
	}
	base, delay := now, c.judge(res, m.opts.Logf)
	if c.cfg.Kind == Misc {
		base = started // keepalived counts a script's delay from its start
	}
	c.next = base.Add(delay)
	heap.Push(&m.queue, c)
	up, weight := s.alive(), s.weight()
	notify := c.downNotify
	c.downNotify = false
	m.mu.Unlock()
	m.poke()
	switch {
	case up != wasUp:
		m.announce(s, "("+c.cfg.Describe()+")")
	case weight != wasWeight:
		m.opts.Logf("%s %s: weight %d -> %d (%s)", s.spec.Target.Service, s.spec.Target.Server, wasWeight, weight, c.cfg.Describe())
		m.changed(s.spec.Target)
	case notify && len(s.spec.NotifyDown) > 0:
		go runScript(m.ctx, s.spec.NotifyDown, m.opts.Logf)
	}
}

// announce logs a server's new state, runs its notify script and tells the
// owner.
func (m *Manager) announce(s *server, why string) {
	up := s.alive()
	t := s.spec.Target
	script := s.spec.NotifyDown
	if up {
		script = s.spec.NotifyUp
		m.opts.Logf("%s %s: up %s", t.Service, t.Server, why)
	} else {
		reason := ""
		for _, c := range s.checks {
			if !c.up && c.lastErr != "" {
				reason = ": " + c.lastErr
				break
			}
		}
		m.opts.Logf("%s %s: down%s %s", t.Service, t.Server, reason, why)
	}
	if len(script) > 0 {
		go runScript(m.ctx, script, m.opts.Logf)
	}
	m.changed(t)
}

func (m *Manager) changed(t Target) {
	if m.opts.OnChange != nil {
		go m.opts.OnChange(t)
	}
}

// judge is the checker type's epilog in keepalived: it updates the state
// and says when to run next.
func (c *checker) judge(res Result, logf func(string, ...any)) time.Duration {
	ok := res.Err == nil
	switch c.cfg.Kind {
	case TCP:
		return c.judgeTCP(ok)
	case UDP, Ping:
		return c.judgeUDP(ok)
	case DNS:
		return c.judgeDNS(ok)
	case Misc:
		return c.judgeMisc(res)
	case SMTP:
		return c.judgeSMTP(ok)
	case HTTP, SSL:
		return c.judgeHTTP(ok)
	case File:
		c.judgeFile(res.Code, logf)
		return fileInterval
	}
	return c.cfg.DelayLoop
}

// settle is keepalived's update_svr_checker_state as the epilogs call it:
// a success brings the checker up, a (final) failure down. A first failure
// of a checker that starts down (alpha) runs notify_down.
func (c *checker) settle(ok bool) {
	if c.up == ok {
		if !c.hasRun && !ok {
			c.downNotify = true
		}
		c.hasRun = true
		return
	}
	c.up, c.hasRun, c.since = ok, true, time.Now()
}

// judgeTCP is tcp_epilog: failures are retried retry times,
// delay_before_retry apart, also while the checker is down.
func (c *checker) judgeTCP(ok bool) time.Duration {
	defer func() { c.hasRun = true }()
	if ok || c.retryIt >= c.cfg.Retry {
		c.retryIt = 0
		c.settleIf(ok)
		return c.cfg.DelayLoop
	}
	c.retryIt++
	return c.cfg.DelayBeforeRetry
}

// settleIf settles on a success of a down (or not yet run) checker or a
// failure of an up (or not yet run) one.
func (c *checker) settleIf(ok bool) {
	if (ok && (!c.up || !c.hasRun)) || (!ok && (c.up || !c.hasRun)) {
		c.settle(ok)
	}
}

// judgeUDP is udp_epilog and icmp_epilog: only a checker that is up
// retries.
func (c *checker) judgeUDP(ok bool) time.Duration {
	defer func() { c.hasRun = true }()
	if ok || ((c.up || !c.hasRun) && c.retryIt >= c.cfg.Retry) {
		c.retryIt = 0
		c.settleIf(ok)
		return c.cfg.DelayLoop
	}
	if c.up {
		c.retryIt++
		return c.cfg.DelayBeforeRetry
	}
	return c.cfg.DelayLoop
}

// judgeDNS is dns_final.
func (c *checker) judgeDNS(ok bool) time.Duration {
	defer func() { c.hasRun = true }()
	if !ok && (c.up || !c.hasRun) {
		if c.retryIt < c.cfg.Retry {
			c.retryIt++
			return c.cfg.DelayBeforeRetry
		}
	}
	c.settleIf(ok)
	c.retryIt = 0
	return c.cfg.DelayLoop
}

// judgeMisc is misc_check_child_thread: exit 0 passes; with misc_dynamic
// 2..255 pass too and make the weight the status minus 2; anything else
// fails (after retry more tries while up), which also drops the dynamic
// weight.
func (c *checker) judgeMisc(res Result) time.Duration {
	code := res.Code
	ok := res.Err == nil || (c.cfg.Dynamic && code >= 2 && code <= 255)
	switch {
	case ok:
		if c.cfg.Dynamic && code != c.lastCode {
			c.offset = 0
			if code != 0 {
				c.offset = code - 2 - c.srv.spec.Weight
			}
			c.lastCode = code
		}
		c.settleIf(true)
		c.retryIt = 0
	case c.up || !c.hasRun:
		if c.retryIt < c.cfg.Retry {
			c.retryIt++
			break
		}
		c.retryIt, c.offset = 0, 0
		if code >= 0 {
			c.lastCode = code
		}
		c.settle(false)
	}
	c.hasRun = true
	if c.retryIt > 0 {
		return c.cfg.DelayBeforeRetry
	}
	return c.cfg.DelayLoop
}

// judgeSMTP is smtp_final: every round has retry more tries,
// delay_before_retry apart.
func (c *checker) judgeSMTP(ok bool) time.Duration {
	if !ok {
		c.retryIt++
		if c.retryIt <= c.cfg.Retry {
			return c.cfg.DelayBeforeRetry
		}
		c.settleIf(false)
		c.hasRun, c.retryIt = true, 0
		return c.cfg.DelayLoop
	}
	c.retryIt = 0
	c.settleIf(true)
	c.hasRun = true
	return c.cfg.DelayLoop
}

// judgeHTTP is check_http's epilog: one url per run, delay_loop apart; the
// checker is up once every url passed in a row, down after retry more
// failures of a url; a failed url that passes again restarts the round.
func (c *checker) judgeHTTP(ok bool) time.Duration {
	if ok {
		c.url++
		end := c.url == len(c.cfg.URLs)
		c.retryIt = 0
		switch {
		case end && c.failedURL < 0:
			if !c.up || !c.hasRun {
				c.settle(true)
			}
			c.url = 0
		case c.failedURL >= 0:
			c.failedURL, c.url = -1, 0
		}
		if !c.hasRun {
			c.retryIt = c.cfg.Retry
		}
		return c.httpDelay(c.cfg.DelayLoop)
	}
	c.retryIt++
	if c.retryIt > c.cfg.Retry {
		if c.up || !c.hasRun {
			c.settle(false)
		}
		c.failedURL = c.url
	}
	if c.failedURL >= 0 {
		return c.httpDelay(max(c.cfg.DelayBeforeRetry, c.cfg.DelayLoop))
	}
	return c.httpDelay(c.cfg.DelayBeforeRetry)
}

// httpDelay applies fast_recovery: no delay while coming up.
func (c *checker) httpDelay(d time.Duration) time.Duration {
	if c.cfg.FastRecovery && (!c.hasRun || (!c.up && c.failedURL < 0)) {
		return 0
	}
	return d
}

// readFile sets a FILE_CHECK's state from its file at (re)load, as
// keepalived reads tracked files before it programs anything.
func (c *checker) readFile() {
	c.judgeFile(readTrackFile(c.cfg.FilePath), nil)
}

// judgeFile is keepalived's track file rules for real servers: with weight
// 0 a non-zero number (zero with reverse) fails; otherwise the number times
// the weight (negated with reverse) is added to the server's weight, and
// only a result at or below -2^31 fails.
func (c *checker) judgeFile(v int64, logf func(string, ...any)) {
	if v < math.MinInt32 || v > math.MaxInt32+1 {
		if logf != nil {
			logf("%s: invalid number %d read from %s: ignored", c.cfg.Describe(), v, c.cfg.FilePath)
		}
		return
	}
	var fault bool
	var offset int64
	if c.cfg.FileWeight == 0 {
		fault = (v != 0) != c.cfg.FileReverse
	} else {
		mult := int64(1)
		if c.cfg.FileReverse {
			mult = -1
		}
		offset = min(max(v*c.cfg.FileWeight*mult, math.MinInt32), math.MaxInt32)
		fault = offset == math.MinInt32
	}
	if fault {
		offset = 0
	}
	c.offset, c.hasRun = offset, true
	if c.up == fault {
		c.up, c.since = !fault, time.Now()
	}
}

// runScript runs a notify or quorum script (without a shell, as
// keepalived), bounded in time.
func runScript(ctx context.Context, argv []string, logf func(string, ...any)) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := scriptCommand(ctx, argv)
	if out, err := cmd.CombinedOutput(); err != nil {
		logf("script %q: %v %s", strings.Join(argv, " "), err, out)
	}
}

// RunTimed runs a check script (a vrrp_script) as MISC_CHECK runs its
// own: nil when it exits 0; past the timeout its process group gets
// SIGTERM, then SIGKILL, and it counts as failed.
func RunTimed(argv []string, timeout time.Duration) error {
	return (&Check{Script: argv, Timeout: timeout}).probeMisc(context.Background()).Err
}

// RunScriptWait runs a script and waits for it (shutdown: omega).
func RunScriptWait(argv []string, logf func(string, ...any)) {
	runScript(context.Background(), argv, logf)
}

// RunScript runs a quorum or notify script in the background.
func RunScript(argv []string, logf func(string, ...any)) {
	go runScript(context.Background(), argv, logf)
}

// checkHeap orders checks by their next run.
type checkHeap []*checker

func (h checkHeap) Len() int           { return len(h) }
func (h checkHeap) Less(i, j int) bool { return h[i].next.Before(h[j].next) }
func (h checkHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *checkHeap) Push(x any) {
	c := x.(*checker)
	c.index = len(*h)
	*h = append(*h, c)
}
func (h *checkHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	*h = old[:len(old)-1]
	c.index = -1
	return c
}
