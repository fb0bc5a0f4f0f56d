package keepalived

import (
	"fmt"
	"net"
	"net/netip"
	"slices"

	"xvs/internal/api"
	"xvs/internal/model"
	"xvs/internal/vrrp"
)

// SyncDaemons runs the connection sync daemons lvs_sync_daemon asks for:
// xvsd's server.
type SyncDaemons interface {
	FollowSyncDaemon(d model.SyncDaemon) error
}

// Addresses lists every address the instances hold (advertised or not):
// the VRRP master's to put on its interface, nobody else's.
func (v *VRRP) Addresses() []netip.Addr {
	var out []netip.Addr
	for _, in := range v.Instances {
		for _, a := range in.Held() {
			if !slices.Contains(out, a.Prefix.Addr()) {
				out = append(out, a.Prefix.Addr())
			}
		}
	}
	return out
}

// checkInterfaces refuses a configuration whose instance names an
// interface that does not exist, before anything of it is programmed
// (keepalived refuses such an instance too).
func checkInterfaces(v *VRRP) error {
	for _, in := range v.Instances {
		if _, err := net.InterfaceByName(in.Interface); err != nil {
			return fmt.Errorf("vrrp_instance %s: interface %s: %w", in.Name, in.Interface, err)
		}
	}
	return nil
}

// syncDaemon is lvs_sync_daemon as the daemons run it: the sync id is the
// instance's virtual_router_id unless given (recorded: keepalived 2.2.7
// runs "syncid=51" for an instance of router id 51).
func syncDaemon(v *VRRP) *model.SyncDaemon {
	sd := v.SyncDaemon
	if sd == nil {
		return nil
	}
	d := &model.SyncDaemon{MCastIfn: sd.Interface, SyncID: sd.SyncID, SyncMaxLen: sd.MaxLen,
		MCastGroup: sd.Group, MCastPort: sd.Port, MCastTTL: sd.TTL}
	if !sd.idGiven {
		for _, in := range v.Instances {
			if in.Name == sd.Instance {
				d.SyncID = in.VRID
			}
		}
	}
	return d
}

// applyVRRP runs the configuration's instances (after its table is in
// place) and puts the sync daemons where the instance's state says.
func (r *Runner) applyVRRP(conf *Config) {
	if err := r.vrrp.Apply(conf.VRRP.Instances, conf.VRRP.Groups, vrrp.Trackers{Scripts: conf.VRRP.Scripts, Processes: conf.VRRP.Processes}); err != nil {
		r.logf("%v", err)
	}
	follow, followed := r.setSyncDaemon(&conf.VRRP)
	switch {
	case follow != "":
		r.followSync(follow, r.vrrp.State(follow))
	case followed != "":
		r.followSync(followed, vrrp.Stopped) // lvs_sync_daemon gone: its daemons go
	}
}

// setSyncDaemon takes lvs_sync_daemon's settings and returns the
// instance the daemons now follow and the one they followed.
func (r *Runner) setSyncDaemon(v *VRRP) (follow, followed string) {
	r.syncMu.Lock()
	defer r.syncMu.Unlock()
	r.syncd, r.syncInstance = syncDaemon(v), ""
	if v.SyncDaemon != nil {
		r.syncInstance = v.SyncDaemon.Instance
	}
	return r.syncInstance, r.followed
}

// followSync puts the sync daemons in the state of lvs_sync_daemon's
// instance: the master daemon while it is master, the backup daemon in
// any other state, none once it stops (keepalived stops them on exit).
// Daemons the operator started are left alone until lvs_sync_daemon
// names an instance.
func (r *Runner) followSync(name string, s vrrp.State) {
	r.syncMu.Lock()
	defer r.syncMu.Unlock()
	var d model.SyncDaemon
	switch {
	case r.cfg.Daemons == nil:
		return
	case name == r.syncInstance && r.syncd != nil:
		d = *r.syncd
		switch s {
		case vrrp.Master:
			d.State = model.SyncMaster
		case vrrp.Stopped:
			d.State = 0
		default:
			d.State = model.SyncBackup
		}
	case name == r.followed && s == vrrp.Stopped:
	default:
		return
	}
	r.followed = ""
	if d.State != 0 {
		r.followed = name
	}
	if err := r.cfg.Daemons.FollowSyncDaemon(d); err != nil {
		r.logf("lvs_sync_daemon (%s %s): %v", name, s, err)
	}
}

// VRRPStatus lists the instances.
func (r *Runner) VRRPStatus() []api.VRRPStatus {
	var out []api.VRRPStatus
	for _, s := range r.vrrp.Status() {
		st := api.VRRPStatus{Name: s.Name, Interface: s.Interface, VRID: s.VRID, State: s.State.String(),
			Priority: s.Priority, Master: s.Master, Since: s.Since, VIPs: s.VIPs}
		for _, t := range s.Scripts {
			st.Scripts = append(st.Scripts, api.VRRPScript{Name: t.Name, Weight: t.Weight, Reverse: t.Reverse, Status: t.Status})
		}
		for _, f := range s.Files {
			st.Files = append(st.Files, api.VRRPFile{Name: f.Name, Path: f.Path, Weight: f.Weight, Reverse: f.Reverse, Value: f.Value})
		}
		for _, p := range s.Processes {
			st.Processes = append(st.Processes, api.VRRPProcess{Name: p.Name, Weight: p.Weight, Reverse: p.Reverse, Count: p.Count, Quorum: p.Quorum})
		}
		out = append(out, st)
	}
	return out
}
