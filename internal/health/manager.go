package health

import (
	"container/heap"
	"context"
	"math/rand/v2"
	"os/exec"
	"slices"
	"sync"
	"time"
)

// Target names one real server of one virtual service (opaque to the
// manager: the caller's key).
type Target struct {
	Service string
	Server  string
}

// Server is a real server to watch: its checks and its scripts.
type Server struct {
	Target     Target
	Checks     []Check
	NotifyUp   string
	NotifyDown string
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

type server struct {
	spec   Server
	checks []*checkState
	up     bool
	weight int // misc_dynamic's, -1 when none
}

type checkState struct {
	srv      *server
	cfg      Check
	up       bool
	failures int
	lastErr  string
	since    time.Time
	lastRun  time.Time
	next     time.Time
	index    int // in the heap, -1 when not queued
	running  bool
	gone     bool
}

// Manager runs every check on its schedule with a fixed number of workers:
// thousands of servers are a heap of timers, not thousands of goroutines.
type Manager struct {
	mu       sync.Mutex
	servers  map[Target]*server
	queue    checkHeap
	wake     chan struct{}
	work     chan *checkState
	onChange func(t Target, up bool)
	logf     func(string, ...any)
	ctx      context.Context
	cancel   context.CancelFunc
	wg       sync.WaitGroup
}

// NewManager starts a manager with workers concurrent probes; onChange is
// called (outside the manager's lock) when a real server goes up or down.
func NewManager(workers int, onChange func(Target, bool), logf func(string, ...any)) *Manager {
	ctx, cancel := context.WithCancel(context.Background())
	m := &Manager{servers: map[Target]*server{}, wake: make(chan struct{}, 1), work: make(chan *checkState),
		onChange: onChange, logf: logf, ctx: ctx, cancel: cancel}
	m.wg.Add(1 + workers)
	go m.schedule()
	for range workers {
		go m.worker()
	}
	return m
}

// Close stops the checks.
func (m *Manager) Close() {
	m.cancel()
	m.wg.Wait()
}

func sameChecks(a, b []Check) bool {
	return slices.EqualFunc(a, b, func(x, y Check) bool {
		return x.Describe() == y.Describe() && x.DelayLoop == y.DelayLoop && x.Retry == y.Retry &&
			x.ConnectTimeout == y.ConnectTimeout && x.DelayBeforeRetry == y.DelayBeforeRetry &&
			slices.Equal(x.URLs, y.URLs) && x.Dynamic == y.Dynamic && x.DNSType == y.DNSType && x.DNSName == y.DNSName &&
			x.BindTo == y.BindTo && x.BindPort == y.BindPort && string(x.Payload) == string(y.Payload)
	})
}

// Set replaces the watched servers. A server whose checks did not change
// keeps its state (a reload does not reset it); new ones start up (down
// with alpha) and run their first check after a random part of warmup.
func (m *Manager) Set(servers []Server) {
	m.mu.Lock()
	defer m.mu.Unlock()
	keep := map[Target]bool{}
	for _, spec := range servers {
		keep[spec.Target] = true
		if old, ok := m.servers[spec.Target]; ok && sameChecks(old.spec.Checks, spec.Checks) {
			old.spec = spec
			continue
		} else if ok {
			m.drop(old)
		}
		s := &server{spec: spec, up: true, weight: -1}
		now := time.Now()
		for _, c := range spec.Checks {
			cs := &checkState{srv: s, cfg: c, up: !c.Alpha, since: now, index: -1}
			cs.next = now
			if c.Warmup > 0 {
				cs.next = now.Add(time.Duration(rand.Int64N(int64(c.Warmup))))
			}
			s.checks = append(s.checks, cs)
			heap.Push(&m.queue, cs)
		}
		s.up = serverUp(s)
		m.servers[spec.Target] = s
	}
	for t, s := range m.servers {
		if !keep[t] {
			m.drop(s)
			delete(m.servers, t)
		}
	}
	m.poke()
}

func (m *Manager) drop(s *server) {
	for _, cs := range s.checks {
		cs.gone = true
		if cs.index >= 0 {
			heap.Remove(&m.queue, cs.index)
		}
	}
}

func (m *Manager) poke() {
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

func serverUp(s *server) bool {
	for _, c := range s.checks {
		if !c.up {
			return false
		}
	}
	return true
}

// Up tells whether a real server passes its checks, its misc_dynamic
// weight (-1: none), and whether the manager watches it (unknown: up).
func (m *Manager) Up(t Target) (up bool, weight int, known bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.servers[t]
	if !ok {
		return true, -1, false
	}
	return s.up, s.weight, true
}

// Status lists every checker.
func (m *Manager) Status() []Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Status
	for t, s := range m.servers {
		for _, c := range s.checks {
			out = append(out, Status{Target: t, Check: c.cfg.Describe(), Up: c.up, ServerUp: s.up, Since: c.since,
				LastRun: c.lastRun, LastErr: c.lastErr, Failures: c.failures})
		}
	}
	slices.SortFunc(out, func(a, b Status) int {
		if a.Target.Service != b.Target.Service {
			return compareStr(a.Target.Service, b.Target.Service)
		}
		if a.Target.Server != b.Target.Server {
			return compareStr(a.Target.Server, b.Target.Server)
		}
		return compareStr(a.Check, b.Check)
	})
	return out
}

func compareStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// schedule hands due checks to the workers.
func (m *Manager) schedule() {
	defer m.wg.Done()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		m.mu.Lock()
		var due *checkState
		wait := time.Hour
		if m.queue.Len() > 0 {
			top := m.queue[0]
			if d := time.Until(top.next); d <= 0 {
				due = heap.Pop(&m.queue).(*checkState)
				due.running = true
			} else {
				wait = d
			}
		}
		m.mu.Unlock()
		if due != nil {
			select {
			case m.work <- due:
			case <-m.ctx.Done():
				return
			}
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

func (m *Manager) worker() {
	defer m.wg.Done()
	for {
		select {
		case cs := <-m.work:
			res := Probe(m.ctx, &cs.cfg)
			m.report(cs, res)
		case <-m.ctx.Done():
			return
		}
	}
}

// report applies keepalived's rules: a failure is retried `retry` times,
// delay_before_retry apart, before the checker is down; one success brings
// it up. The server is up when all its checkers are.
func (m *Manager) report(cs *checkState, res Result) {
	m.mu.Lock()
	now := time.Now()
	cs.running = false
	cs.lastRun = now
	if cs.gone || m.ctx.Err() != nil {
		m.mu.Unlock()
		return
	}
	s := cs.srv
	wasUp := s.up
	if res.Err == nil {
		cs.failures, cs.lastErr = 0, ""
		if !cs.up {
			cs.up, cs.since = true, now
		}
		if cs.cfg.Dynamic {
			s.weight = res.Weight
		}
		cs.next = now.Add(cs.cfg.DelayLoop)
	} else {
		cs.failures++
		cs.lastErr = res.Err.Error()
		if cs.up && cs.failures > cs.cfg.Retry {
			cs.up, cs.since = false, now
		}
		if cs.up {
			cs.next = now.Add(cs.cfg.DelayBeforeRetry)
		} else {
			cs.next = now.Add(cs.cfg.DelayLoop)
		}
	}
	s.up = serverUp(s)
	heap.Push(&m.queue, cs)
	changed := s.up != wasUp
	target, up := s.spec.Target, s.up
	script := s.spec.NotifyDown
	if up {
		script = s.spec.NotifyUp
	}
	m.mu.Unlock()
	m.poke()
	if !changed {
		return
	}
	if up {
		m.logf("%s %s: up (%s)", target.Service, target.Server, cs.cfg.Describe())
	} else {
		m.logf("%s %s: down: %s (%s)", target.Service, target.Server, cs.lastErr, cs.cfg.Describe())
	}
	if script != "" {
		go runScript(m.ctx, script, m.logf)
	}
	if m.onChange != nil {
		m.onChange(target, up)
	}
}

// runScript runs a notify script, bounded in time.
func runScript(ctx context.Context, script string, logf func(string, ...any)) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "/bin/sh", "-c", script).CombinedOutput(); err != nil {
		logf("script %q: %v %s", script, err, out)
	}
}

// checkHeap orders checks by their next run.
type checkHeap []*checkState

func (h checkHeap) Len() int           { return len(h) }
func (h checkHeap) Less(i, j int) bool { return h[i].next.Before(h[j].next) }
func (h checkHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index, h[j].index = i, j
}
func (h *checkHeap) Push(x any) {
	cs := x.(*checkState)
	cs.index = len(*h)
	*h = append(*h, cs)
}
func (h *checkHeap) Pop() any {
	old := *h
	cs := old[len(old)-1]
	*h = old[:len(old)-1]
	cs.index = -1
	return cs
}

// RunScriptWait runs a script and waits for it (shutdown: omega).
func RunScriptWait(script string, logf func(string, ...any)) {
	runScript(context.Background(), script, logf)
}

// RunScript runs a quorum or notify script the same way (for callers).
func RunScript(ctx context.Context, script string, logf func(string, ...any)) {
	go runScript(ctx, script, logf)
}
