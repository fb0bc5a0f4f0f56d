package vrrp

import (
	"bytes"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Process is a vrrp_track_process: how many running processes match, and
// whether that is within Quorum..QuorumMax.
type Process struct {
	Name string
	// Path is matched against the process's comm (its first 15
	// characters), or with FullCommand against argv[0] of its cmdline.
	Path        string
	FullCommand bool
	// Params and Match: the arguments after argv[0] must be Params
	// (MatchExact), begin with them (MatchPartial: whole arguments), or
	// begin with them but for the last, which may be the start of an
	// argument (MatchInitial).
	Params         []string
	Match          ParamMatch
	Quorum         int
	QuorumMax      int // math.MaxInt: no maximum
	Weight         int
	Reverse        bool
	ForkDelay      time.Duration // quorum gained counts after this long
	TerminateDelay time.Duration // quorum lost counts after this long
}

// ParamMatch is how a tracked process's parameters are compared.
type ParamMatch int

const (
	MatchNone ParamMatch = iota
	MatchExact
	MatchInitial
	MatchPartial
)

// TrackProcess is one entry of a vrrp_instance's track_process block:
// weight 0 faults the instance while the process has no quorum (Reverse:
// while it has); else a positive weight is added while it has quorum, a
// negative one while it has not, Reverse turning the sign round.
type TrackProcess struct {
	Name    string
	Weight  int
	Reverse bool
}

// matches is keepalived's check_process and check_params for one process
// of /proc: its comm, and its cmdline (NUL-terminated arguments).
func (p *Process) matches(comm string, cmdline []byte) bool {
	if !p.FullCommand {
		return comm == p.Path
	}
	argv0, rest, _ := bytes.Cut(cmdline, []byte{0})
	if string(argv0) != p.Path {
		return false
	}
	if p.Match == MatchNone {
		return true
	}
	var want []byte
	for _, a := range p.Params {
		want = append(append(want, a...), 0)
	}
	switch {
	case p.Match == MatchExact:
		return bytes.Equal(rest, want)
	case len(rest) < len(want):
		return false
	case len(want) == 0:
		return true
	case p.Match == MatchPartial:
		return bytes.HasPrefix(rest, want)
	}
	return bytes.HasPrefix(rest, want[:len(want)-1]) // MatchInitial
}

// countProcesses counts the running (not zombie) processes of /proc that
// match each of procs.
func countProcesses(procs []*Process) []int {
	counts := make([]int, len(procs))
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return counts
	}
	full := false
	for _, p := range procs {
		full = full || p.FullCommand
	}
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		dir := "/proc/" + e.Name() + "/"
		stat, err := os.ReadFile(dir + "stat")
		if err != nil {
			continue // gone meanwhile
		}
		// "PID (COMM) S ...": the comm may hold blanks and parentheses.
		open, close := bytes.IndexByte(stat, '('), bytes.LastIndexByte(stat, ')')
		if open < 0 || close < open || len(stat) < close+3 || stat[close+2] == 'Z' || stat[close+2] == 'X' {
			continue
		}
		comm := string(stat[open+1 : close])
		var cmdline []byte
		if full {
			cmdline, _ = os.ReadFile(dir + "cmdline")
		}
		for i, p := range procs {
			if p.matches(comm, cmdline) {
				counts[i]++
			}
		}
	}
	return counts
}

// processState is a tracked process's quorum as xvsd sees it, with the
// fork and terminate delays applied.
type processState struct {
	Count   int
	Quorum  bool
	pending time.Time // when a change of quorum was first seen (zero: none)
}

// observe takes a new count at now; true when the quorum changed.
func (st *processState) observe(p *Process, count int, now time.Time, first bool) bool {
	st.Count = count
	q := count >= p.Quorum && count <= p.QuorumMax
	if first {
		st.Quorum = q
		return true
	}
	if q == st.Quorum {
		st.pending = time.Time{}
		return false
	}
	delay := p.TerminateDelay
	if q {
		delay = p.ForkDelay
	}
	if st.pending.IsZero() {
		st.pending = now
	}
	if now.Sub(st.pending) < delay {
		return false
	}
	st.Quorum, st.pending = q, time.Time{}
	return true
}

// processVerdict is what an instance's tracked processes say.
func processVerdict(tracks []TrackProcess, quorum func(name string) (bool, bool)) (faulted bool, delta int) {
	for _, t := range tracks {
		q, known := quorum(t.Name)
		if !known {
			continue
		}
		if t.Weight == 0 {
			if q == t.Reverse {
				faulted = true
			}
			continue
		}
		mult := 1
		if t.Reverse {
			mult = -1
		}
		if q && t.Weight > 0 || !q && t.Weight < 0 {
			delta += t.Weight * mult
		}
	}
	return faulted, delta
}

// String shows a tracked process's configuration the way it is written.
func (p *Process) String() string {
	s := p.Path
	if len(p.Params) > 0 {
		s += " " + strings.Join(p.Params, " ")
	}
	return s
}

// processWatch counts the tracked processes every second.
type processWatch struct {
	procs   []Process
	changed func()
	stop    chan struct{}

	mu    sync.Mutex
	state map[string]*processState
}

// startProcessWatch counts once before it returns (the instances start
// knowing), then every second; prev carries the states of an earlier watch
// over (a reload).
func startProcessWatch(procs []Process, changed func(), prev *processWatch) *processWatch {
	w := &processWatch{procs: procs, changed: changed, stop: make(chan struct{}), state: map[string]*processState{}}
	if prev != nil {
		prev.mu.Lock()
		for _, p := range procs {
			for _, q := range prev.procs {
				if reflect.DeepEqual(p, q) {
					st := *prev.state[p.Name]
					w.state[p.Name] = &st
				}
			}
		}
		prev.mu.Unlock()
	}
	w.count(time.Now())
	go w.run()
	return w
}

func (w *processWatch) run() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-w.stop:
			return
		case now := <-tick.C:
			if w.count(now) {
				w.changed()
			}
		}
	}
}

// count takes a census; true when some process's quorum changed.
func (w *processWatch) count(now time.Time) bool {
	ptrs := make([]*Process, len(w.procs))
	for i := range w.procs {
		ptrs[i] = &w.procs[i]
	}
	counts := countProcesses(ptrs)
	w.mu.Lock()
	defer w.mu.Unlock()
	moved := false
	for i, p := range ptrs {
		st := w.state[p.Name]
		first := st == nil
		if first {
			st = &processState{}
			w.state[p.Name] = st
		}
		moved = st.observe(p, counts[i], now, first) || moved
	}
	return moved
}

// lookup is a tracked process's count and quorum; false for one not
// watched.
func (w *processWatch) lookup(name string) (processState, bool) {
	if w == nil {
		return processState{}, false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	st := w.state[name]
	if st == nil {
		return processState{}, false
	}
	return *st, true
}

func (w *processWatch) halt() { close(w.stop) }
