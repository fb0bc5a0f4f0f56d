package keepalived

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"xvs/internal/api"
	"xvs/internal/health"
	"xvs/internal/model"
	"xvs/internal/server"
)

// Reconciler is what the runner programs: xvsd's server.
type Reconciler interface {
	Reconcile(want []server.Desired, drop []model.ServiceKey, timeouts *model.Timeouts) error
}

// Runner keeps a keepalived.conf running: it checks the real servers and
// programs the services with the live ones, the inhibited ones at weight 0
// and the sorry server when a service's quorum is lost.
type Runner struct {
	path string
	to   Reconciler
	logf func(string, ...any)
	mgr  *health.Manager

	mu       sync.Mutex
	cfg      *Config
	owned    []model.ServiceKey
	quorumUp map[model.ServiceKey]bool
}

// Workers is how many checks run at once, whatever the number of servers.
const Workers = 32

// NewRunner reads the configuration, programs it and starts its checks.
func NewRunner(path string, to Reconciler, logf func(string, ...any)) (*Runner, error) {
	r := &Runner{path: path, to: to, logf: logf, quorumUp: map[model.ServiceKey]bool{}}
	r.mgr = health.NewManager(Workers, func(health.Target, bool) { r.apply() }, logf)
	if _, err := r.Reload(); err != nil {
		r.mgr.Close()
		return nil, err
	}
	return r, nil
}

// Close stops the checks (the programmed services stay, as keepalived's
// default without lvs_flush_on_stop). Virtual servers with omega run, as
// keepalived does on shutdown, the notify_down scripts of their live real
// servers and their quorum_down script.
func (r *Runner) Close() {
	r.mgr.Close()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cfg == nil {
		return
	}
	for _, vs := range r.cfg.Services {
		if !vs.Omega {
			continue
		}
		for _, rs := range vs.RealServers {
			if up, _ := r.serverState(vs, rs, false); up && rs.NotifyDown != "" {
				health.RunScriptWait(rs.NotifyDown, r.logf)
			}
		}
		if r.quorumUp[vs.Service.ServiceKey] && vs.QuorumDown != "" {
			health.RunScriptWait(vs.QuorumDown, r.logf)
		}
	}
}

// Reload re-reads the file. A file that does not parse, or a table the
// control plane refuses, changes nothing: the running configuration stays.
func (r *Runner) Reload() ([]string, error) {
	cfg, warns, err := Parse(r.path)
	var msgs []string
	for _, w := range warns {
		msgs = append(msgs, w.Error())
		r.logf("%s (warning)", w.Error())
	}
	if err != nil {
		return msgs, fmt.Errorf("%s: %w (running configuration kept)", r.path, err)
	}
	if err := checkUnique(cfg); err != nil {
		return msgs, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.cfg
	r.cfg = cfg
	want := r.desiredLocked(true)
	if err := r.to.Reconcile(want, r.owned, cfg.Timeouts); err != nil {
		r.cfg = old
		return msgs, fmt.Errorf("%s: %w (running configuration kept)", r.path, err)
	}
	r.owned = keysOf(want)
	r.mgr.Set(r.servers(cfg))
	r.logf("%s: %d virtual services loaded", r.path, len(cfg.Services))
	return msgs, nil
}

func checkUnique(cfg *Config) error {
	seen := map[model.ServiceKey]Pos{}
	for _, vs := range cfg.Services {
		if p, dup := seen[vs.Service.ServiceKey]; dup {
			return errorf(vs.Pos, "virtual server %s already defined at %s", describe(vs), p)
		}
		seen[vs.Service.ServiceKey] = vs.Pos
	}
	return nil
}

func keysOf(want []server.Desired) []model.ServiceKey {
	out := make([]model.ServiceKey, len(want))
	for i, w := range want {
		out[i] = w.Service.ServiceKey
	}
	return out
}

// apply reprograms after a real server changed state.
func (r *Runner) apply() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cfg == nil {
		return
	}
	want := r.desiredLocked(false)
	if err := r.to.Reconcile(want, r.owned, nil); err != nil {
		r.logf("programming the health check's result: %v", err)
		return
	}
	r.owned = keysOf(want)
}

func describe(vs *VirtualServer) string {
	k := vs.Service.ServiceKey
	if k.IsFWMark() {
		return fmt.Sprintf("FWM %d", k.FWMark)
	}
	proto := strings.ToUpper(model.ProtocolName(k.Protocol))
	return proto + " " + addrPort(k.Addr.String(), k.Port, k.Addr.Is6())
}

func addrPort(a string, p uint16, v6 bool) string {
	if v6 {
		return fmt.Sprintf("[%s]:%d", a, p)
	}
	return fmt.Sprintf("%s:%d", a, p)
}

func target(vs *VirtualServer, rs *RealServer) health.Target {
	return health.Target{Service: describe(vs), Server: addrPort(rs.Addr.String(), rs.Port, rs.Addr.Is6())}
}

func (r *Runner) servers(cfg *Config) []health.Server {
	var out []health.Server
	for _, vs := range cfg.Services {
		for _, rs := range vs.RealServers {
			out = append(out, health.Server{Target: target(vs, rs), Checks: rs.Checks, NotifyUp: rs.NotifyUp, NotifyDown: rs.NotifyDown})
		}
	}
	return out
}

// desiredLocked is what to program now. fresh: the configuration was just
// (re)loaded, so servers the manager does not know yet count as their
// checks' initial state (up, or down with alpha).
func (r *Runner) desiredLocked(fresh bool) []server.Desired {
	var out []server.Desired
	for _, vs := range r.cfg.Services {
		out = append(out, r.desiredService(vs, fresh))
	}
	return out
}

func (r *Runner) serverState(vs *VirtualServer, rs *RealServer, fresh bool) (bool, int32) {
	up, dyn, known := r.mgr.Up(target(vs, rs))
	if fresh && len(rs.Checks) > 0 && !known {
		up = !rs.Alpha
		for _, c := range rs.Checks {
			up = up && !c.Alpha
		}
	}
	if len(rs.Checks) == 0 {
		up = true
	}
	w := rs.Weight
	if dyn >= 0 {
		w = int32(dyn)
	}
	return up, w
}

func (r *Runner) desiredService(vs *VirtualServer, fresh bool) server.Desired {
	d := server.Desired{Service: vs.Service}
	var alive int64
	type entry struct {
		rs *RealServer
		w  int32
		up bool
	}
	var entries []entry
	for _, rs := range vs.RealServers {
		up, w := r.serverState(vs, rs, fresh)
		entries = append(entries, entry{rs, w, up})
		if up {
			alive += int64(w)
		}
	}
	k := vs.Service.ServiceKey
	prev, known := r.quorumUp[k]
	state := prev
	switch {
	case !known:
		state = alive >= vs.Quorum && alive > 0
	case prev && (alive == 0 || alive < vs.Quorum-vs.Hysteresis):
		state = false
	case !prev && alive > 0 && alive >= vs.Quorum+vs.Hysteresis:
		state = true
	}
	if known && state != prev {
		script := vs.QuorumDown
		if state {
			script = vs.QuorumUp
		}
		r.logf("%s: quorum %s (live weight %d, quorum %d)", describe(vs), map[bool]string{true: "up", false: "lost"}[state], alive, vs.Quorum)
		if script != "" {
			health.RunScript(context.Background(), script, r.logf)
		}
	}
	r.quorumUp[k] = state
	sorry := !state && vs.Sorry != nil
	for _, e := range entries {
		switch {
		case e.up && !sorry:
			d.Dests = append(d.Dests, destConfig(vs, e.rs, e.w))
		case e.rs.Inhibit:
			d.Dests = append(d.Dests, destConfig(vs, e.rs, 0))
		}
	}
	if sorry {
		d.Dests = append(d.Dests, destConfig(vs, vs.Sorry, vs.Sorry.Weight))
	}
	return d
}

// destConfig is a real server as IPVS takes it: DR and TUN use the
// service's port.
func destConfig(vs *VirtualServer, rs *RealServer, w int32) model.DestConfig {
	af := model.AFInet
	if rs.Addr.Is6() {
		af = model.AFInet6
	}
	port := rs.Port
	if vs.Fwd != model.FwdMasq {
		port = vs.Service.Port
	}
	d := model.DestConfig{DestKey: model.DestKey{AF: af, Addr: rs.Addr, Port: port}, Fwd: vs.Fwd, Weight: w,
		UThreshold: rs.UThreshold, LThreshold: rs.LThreshold}
	if vs.Fwd == model.FwdTunnel {
		d.TunType, d.TunPort, d.TunFlags = vs.TunType, vs.TunPort, vs.TunFlags
	}
	return d
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
