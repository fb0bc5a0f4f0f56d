package vrrp

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"sync"
	"time"
)

// SyncGroup is a vrrp_sync_group: its instances change state together
// (one that faults, or goes master or backup, takes the others along).
type SyncGroup struct {
	Name         string
	Members      []string
	NotifyMaster []string
	NotifyBackup []string
	NotifyFault  []string
	Notify       []string // called with GROUP NAME STATE
}

// Manager runs the VRRP instances of a configuration.
type Manager struct {
	hooks Hooks

	applying sync.Mutex // one Apply at a time
	// mu guards the maps; it is never held while an instance stops (a
	// stopping instance reports its state through changed, which takes it).
	mu      sync.Mutex
	running map[string]*instance
	groupOf map[string]*SyncGroup // instance name -> its group
	gstate  map[string]State      // group name -> the state its scripts last heard
	scripts scripts               // the vrrp_scripts that instances track

	procMu sync.Mutex
	procs  *processWatch // the vrrp_track_processes that instances track
}

// Trackers are what instances track besides interfaces and files: the
// vrrp_script and vrrp_track_process blocks.
type Trackers struct {
	Scripts   []Script
	Processes []Process
}

// NewManager runs no instance yet.
func NewManager(h Hooks) *Manager {
	if h.Logf == nil {
		h.Logf = func(string, ...any) {}
	}
	if h.Run == nil {
		h.Run = func([]string) {}
	}
	if h.Check == nil {
		h.Check = func([]string, time.Duration) error { return errors.New("no way to run scripts") }
	}
	return &Manager{hooks: h, running: map[string]*instance{}, groupOf: map[string]*SyncGroup{}, gstate: map[string]State{}}
}

// Apply makes the running instances those of cfgs: new ones start, removed
// ones stop (a master leaving with a priority-0 advert), changed ones are
// replaced in their state (a master hands its addresses to its successor
// without leaving). If an instance cannot start (no such interface), none
// of this call's new instances runs and the error says why. The trackers
// are set before the instances start: an unchanged script goes on, and
// the processes are counted.
func (m *Manager) Apply(cfgs []Config, groups []SyncGroup, tr Trackers) error {
	m.applying.Lock()
	defer m.applying.Unlock()
	m.scripts.apply(tr.Scripts, m.hooks, m.poke)
	m.applyProcesses(tr.Processes)
	m.mu.Lock()
	running := maps.Clone(m.running)
	m.mu.Unlock()
	seen := map[string]bool{}
	var started []*instance
	var errs []error
	for _, c := range cfgs {
		seen[c.Name] = true
		old := running[c.Name]
		if old != nil && reflect.DeepEqual(old.cfg, c) {
			continue
		}
		resume := Init
		if old != nil {
			resume = old.m.State()
		}
		in, err := startInstance(c, m.instanceHooks(), resume)
		if err != nil {
			errs = append(errs, fmt.Errorf("vrrp_instance %s: %w", c.Name, err))
			continue
		}
		started = append(started, in)
	}
	if len(errs) > 0 {
		for _, in := range started {
			in.halt()
		}
		return errors.Join(errs...)
	}
	groupOf := map[string]*SyncGroup{}
	for i := range groups {
		for _, member := range groups[i].Members {
			groupOf[member] = &groups[i]
		}
	}
	m.mu.Lock()
	m.groupOf = groupOf
	for _, in := range started {
		m.running[in.cfg.Name] = in
	}
	for name := range running {
		if !seen[name] {
			delete(m.running, name)
		}
	}
	m.mu.Unlock()
	// A tracker that changed between an instance's start and now poked
	// before the instance was listed: have the new ones look again.
	m.poke()
	for _, in := range started {
		if old := running[in.cfg.Name]; old != nil {
			old.retire(in.vips())
		}
	}
	for name, in := range running {
		if !seen[name] {
			in.halt()
		}
	}
	return nil
}

// instanceHooks are the manager's hooks with the sync groups in between.
func (m *Manager) instanceHooks() Hooks {
	h := m.hooks
	h.Changed = m.changed
	h.scriptStatus = m.scripts.status
	h.processQuorum = m.processQuorum
	return h
}

// applyProcesses replaces the process watch when the processes changed.
func (m *Manager) applyProcesses(ps []Process) {
	m.procMu.Lock()
	old := m.procs
	m.procMu.Unlock()
	if old != nil && reflect.DeepEqual(old.procs, ps) {
		return
	}
	var next *processWatch
	if len(ps) > 0 {
		next = startProcessWatch(ps, m.poke, old)
	}
	m.procMu.Lock()
	m.procs = next
	m.procMu.Unlock()
	if old != nil {
		old.halt()
	}
}

func (m *Manager) processState(name string) (processState, bool) {
	m.procMu.Lock()
	w := m.procs
	m.procMu.Unlock()
	return w.lookup(name)
}

func (m *Manager) processQuorum(name string) (bool, bool) {
	st, ok := m.processState(name)
	return st.Quorum, ok
}

// poke has every instance look at its tracked scripts again.
func (m *Manager) poke() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, in := range m.running {
		select {
		case in.poke <- struct{}{}:
		default: // one is pending already
		}
	}
}

// Scripts lists the vrrp_scripts by name with what their runs said.
func (m *Manager) Scripts() []ScriptStatus { return m.scripts.list() }

// changed follows an instance's state change: the rest of its sync group
// follows (master, backup, fault), the group's scripts run once per group
// state, and xvsd hears of it.
func (m *Manager) changed(name string, s State) {
	m.mu.Lock()
	g := m.groupOf[name]
	var others []*instance
	runGroup := false
	if g != nil && s != Stopped {
		for _, member := range g.Members {
			if in := m.running[member]; in != nil && member != name {
				others = append(others, in)
			}
		}
		if m.gstate[g.Name] != s {
			m.gstate[g.Name], runGroup = s, true
		}
	}
	m.mu.Unlock()
	for _, in := range others {
		select {
		case in.force <- s:
		default:
		}
	}
	if runGroup {
		scripts := map[State][]string{Master: g.NotifyMaster, Backup: g.NotifyBackup, Fault: g.NotifyFault}[s]
		if len(scripts) > 0 {
			m.hooks.Run(scripts)
		}
		if len(g.Notify) > 0 {
			m.hooks.Run(append(slices.Clone(g.Notify), "GROUP", g.Name, s.String()))
		}
	}
	if m.hooks.Changed != nil {
		m.hooks.Changed(name, s)
	}
}

// Status lists the instances by name.
func (m *Manager) Status() []Status {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Status, 0, len(m.running))
	for _, in := range m.running {
		st := in.snapshot()
		for _, t := range in.cfg.TrackScripts {
			st.Scripts = append(st.Scripts, TrackedStatus{TrackScript: t, Status: m.scripts.status(t.Name).String()})
		}
		for _, f := range in.cfg.TrackFiles {
			tf := TrackedFile{TrackFile: f}
			if m.hooks.ReadFile != nil {
				tf.Value = m.hooks.ReadFile(f.Path)
			}
			st.Files = append(st.Files, tf)
		}
		for _, p := range in.cfg.TrackProcesses {
			ps, _ := m.processState(p.Name)
			st.Processes = append(st.Processes, TrackedProcess{TrackProcess: p, Count: ps.Count, Quorum: ps.Quorum})
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// State is an instance's state (Init when it does not run).
func (m *Manager) State(name string) State {
	m.mu.Lock()
	defer m.mu.Unlock()
	if in := m.running[name]; in != nil {
		return in.snapshot().State
	}
	return Init
}

// Close stops every instance.
func (m *Manager) Close() {
	m.Apply(nil, nil, Trackers{})
}
