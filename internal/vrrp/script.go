package vrrp

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
)

// Script is a vrrp_script: a command run every Interval (bounded by
// Timeout) whose exit status, 0 for success, moves the instances that
// track it. Rise successes in a row make a failed script good, Fall
// failures a good one bad; the first run decides at once (keepalived's
// "one success is enough"). Weight and Reverse are what a track_script
// entry without a weight of its own takes.
type Script struct {
	Name     string
	Argv     []string
	Interval time.Duration
	Timeout  time.Duration
	Weight   int
	Reverse  bool
	Rise     int
	Fall     int
	// InitFail: an instance that tracks the script without a weight
	// starts in FAULT instead of waiting for the first run.
	InitFail bool
}

// TrackScript is one entry of a vrrp_instance's track_script block.
// Weight 0: the script failing faults the instance (Reverse: succeeding
// does). Else a positive weight is added while the script succeeds, a
// negative one while it fails; Reverse turns the sign round.
type TrackScript struct {
	Name    string
	Weight  int
	Reverse bool
	Group   string // the vrrp_sync_group whose track_script it is ("": the instance's own)
}

// ScriptStatus is what a script's runs have said so far.
type ScriptStatus struct {
	Name string
	Good bool
	Ran  bool // false until the first run ended
	// InitFail: the script counts as failed until its first run ends
	// (else it counts for nothing until then).
	InitFail bool
	// Result is keepalived's counter: 0..Rise-1 bad, Rise..Rise+Fall-1
	// good.
	Result int
}

// String is keepalived's word for the status: GOOD, BAD, or INIT until
// the first run ends (BAD then for init_fail).
func (s ScriptStatus) String() string {
	switch {
	case s.Good:
		return "GOOD"
	case s.Ran || s.InitFail:
		return "BAD"
	}
	return "INIT"
}

// scriptRunner runs one Script until it is stopped.
type scriptRunner struct {
	cfg     Script
	check   func(argv []string, timeout time.Duration) error
	changed func() // the status moved: the instances look again
	logf    func(string, ...any)
	stop    chan struct{}

	mu     sync.Mutex
	status ScriptStatus
}

func startScript(cfg Script, h Hooks, changed func(), prev *ScriptStatus) *scriptRunner {
	r := &scriptRunner{cfg: cfg, check: h.Check, changed: changed, logf: h.Logf,
		stop: make(chan struct{})}
	r.status = ScriptStatus{Name: cfg.Name, Result: cfg.Rise - 1, InitFail: cfg.InitFail}
	if prev != nil && prev.Ran {
		// A reload that keeps the script keeps what it knew, as
		// keepalived's clear_diff_script does.
		r.status = *prev
		r.status.InitFail = cfg.InitFail
		if prev.Good {
			r.status.Result = cfg.Rise + cfg.Fall - 1
		} else {
			r.status.Result = 0
		}
	}
	go r.run()
	return r
}

func (r *scriptRunner) run() {
	for {
		// Runs start an interval apart (keepalived's timer), one at a
		// time: a run that takes longer delays the next.
		next := time.Now().Add(r.cfg.Interval)
		err := r.check(r.cfg.Argv, r.cfg.Timeout)
		if r.record(err == nil) {
			if err != nil {
				r.logf("VRRP_Script(%s) failed (%v)", r.cfg.Name, err)
			} else {
				r.logf("VRRP_Script(%s) succeeded", r.cfg.Name)
			}
			r.changed()
		}
		select {
		case <-r.stop:
			return
		case <-time.After(time.Until(next)):
		}
	}
}

// record counts a run as keepalived's vrrp_script_child_thread does; true:
// the script's status changed (or is known for the first time).
func (r *scriptRunner) record(ok bool) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	s, rise, fall := &r.status, r.cfg.Rise, r.cfg.Fall
	first := !s.Ran
	s.Ran = true
	was := s.Good
	if ok {
		switch {
		case s.Result < rise-1:
			s.Result++
		default:
			s.Result = rise + fall - 1
		}
	} else {
		switch {
		case s.Result > rise:
			s.Result--
		default:
			s.Result = 0
		}
	}
	s.Good = s.Result >= rise
	return first || s.Good != was
}

func (r *scriptRunner) snapshot() ScriptStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.status
}

// halt stops the runner without waiting for a run under way (it may take
// the script's timeout): that run's result is no longer looked at.
func (r *scriptRunner) halt() { close(r.stop) }

// scripts are the running vrrp_scripts of a Manager.
type scripts struct {
	mu      sync.Mutex
	running map[string]*scriptRunner
}

// apply makes the running scripts those of cfgs; a script whose
// definition did not change keeps running, one that changed starts again
// from what its predecessor knew.
func (ss *scripts) apply(cfgs []Script, h Hooks, changed func()) {
	ss.mu.Lock()
	old := ss.running
	next := map[string]*scriptRunner{}
	var stale []*scriptRunner
	for _, c := range cfgs {
		prev := old[c.Name]
		if prev != nil && reflect.DeepEqual(prev.cfg, c) {
			next[c.Name] = prev
			continue
		}
		var st *ScriptStatus
		if prev != nil {
			s := prev.snapshot()
			st = &s
			stale = append(stale, prev)
		}
		next[c.Name] = startScript(c, h, changed, st)
	}
	for name, r := range old {
		if next[name] == nil {
			stale = append(stale, r)
		}
	}
	ss.running = next
	ss.mu.Unlock()
	for _, r := range stale {
		r.halt()
	}
}

// status is a script's status; a script that does not run (a name no
// vrrp_script defines) is not known.
func (ss *scripts) status(name string) ScriptStatus {
	ss.mu.Lock()
	r := ss.running[name]
	ss.mu.Unlock()
	if r == nil {
		return ScriptStatus{Name: name}
	}
	return r.snapshot()
}

func (ss *scripts) list() []ScriptStatus {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	out := make([]ScriptStatus, 0, len(ss.running))
	for _, r := range ss.running {
		out = append(out, r.snapshot())
	}
	slices.SortFunc(out, func(a, b ScriptStatus) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// scriptVerdict is what an instance's tracked scripts say: pending (a
// script without weight has not run yet: the instance waits in INIT, as
// keepalived's num_script_init), faulted, and the sum of the weights.
func scriptVerdict(tracks []TrackScript, status func(string) ScriptStatus) (pending, faulted bool, delta int) {
	for _, t := range tracks {
		st := status(t.Name)
		known := st.Ran || st.InitFail
		if t.Weight == 0 {
			switch {
			case !known:
				pending = true
			case st.Good == t.Reverse:
				faulted = true
			}
			continue
		}
		if !known {
			continue // keepalived moves the priority on the first result
		}
		mult := 1
		if t.Reverse {
			mult = -1
		}
		switch {
		case st.Good && t.Weight > 0, !st.Good && t.Weight < 0:
			delta += t.Weight * mult
		}
	}
	return pending, faulted, delta
}

// TrackFile is one entry of a vrrp_instance's track_file block: the number
// in the file, times the weight (negated with Reverse), moves the
// priority; -254 or less faults the instance. Weight 0: any number but 0
// faults it (Reverse: 0 does).
type TrackFile struct {
	Name    string
	Path    string
	Weight  int
	Reverse bool
}

// fileVerdict is what an instance's tracked files say, read now (keepalived
// is told by inotify; an instance with files looks at its tracking five
// times a second).
func fileVerdict(tracks []TrackFile, read func(path string) int64) (faulted bool, delta int) {
	for _, t := range tracks {
		v := read(t.Path)
		if t.Weight == 0 {
			if (v != 0) != t.Reverse {
				faulted = true
			}
			continue
		}
		mult := int64(1)
		if t.Reverse {
			mult = -1
		}
		st := min(max(v*int64(t.Weight)*mult, -254), 253)
		if st == -254 {
			faulted = true
			continue
		}
		delta += int(st)
	}
	return faulted, delta
}
