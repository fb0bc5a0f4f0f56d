package keepalived

import (
	"fmt"
	"math"
	"net/netip"
	"strings"
	"time"

	"xvs/internal/vrrp"
)

// VRRP is the failover part of a keepalived.conf: vrrp_instance and
// vrrp_sync_group blocks, and global_defs' lvs_sync_daemon.
type VRRP struct {
	Instances  []vrrp.Config
	Groups     []vrrp.SyncGroup
	Scripts    []vrrp.Script  // the vrrp_scripts the instances track
	Processes  []vrrp.Process // and vrrp_track_processes
	SyncDaemon *LVSSyncDaemon
}

// LVSSyncDaemon is global_defs' lvs_sync_daemon: IPVS's connection sync
// daemon follows a VRRP instance, master while it is master, backup
// otherwise (keepalived 2.2.7, as recorded).
type LVSSyncDaemon struct {
	Pos       Pos
	Interface string
	Instance  string
	SyncID    uint8
	idGiven   bool // else the instance's virtual_router_id
	MaxLen    uint16
	Port      uint16
	TTL       uint8
	Group     netip.Addr
}

// vrrpGlobals are the global_defs items the instances take defaults from.
type vrrpGlobals struct {
	version    int
	garpDelay  time.Duration
	garpRepeat int
}

func defaultVRRPGlobals() vrrpGlobals {
	return vrrpGlobals{version: 2, garpDelay: 5 * time.Second, garpRepeat: 5}
}

// vrrpGlobal reads a global_defs item about VRRP; false: not one.
func (p *parser) vrrpGlobal(c *node) (bool, error) {
	switch c.key() {
	case "vrrp_version":
		v, err := unsignedArg(c, 2, 3)
		p.vglob.version = int(v)
		return true, err
	case "vrrp_garp_master_delay":
		v, err := unsignedArg(c, 0, math.MaxInt32)
		p.vglob.garpDelay = time.Duration(v) * time.Second
		return true, err
	case "vrrp_garp_master_repeat":
		v, err := unsignedArg(c, 1, math.MaxInt32)
		p.vglob.garpRepeat = int(v)
		return true, err
	case "lvs_sync_daemon":
		sd, err := lvsSyncDaemon(c)
		p.syncDaemon = sd
		return true, err
	}
	return false, nil
}

// lvsSyncDaemon reads "lvs_sync_daemon IFACE [[inst] INSTANCE] [id N]
// [maxlen L] [port P] [ttl T] [group G]" as keepalived's parser does: the
// options in any order, the instance's name bare only right after the
// interface. Without an instance no daemon runs (recorded: keepalived
// 2.2.7 starts none), which Parse warns about.
func lvsSyncDaemon(c *node) (*LVSSyncDaemon, error) {
	a := c.args()
	if len(a) < 1 {
		return nil, errorf(c.Pos, "lvs_sync_daemon needs an interface")
	}
	sd := &LVSSyncDaemon{Pos: c.Pos, Interface: a[0]}
	for i := 1; i < len(a); i++ {
		opt := a[i]
		known := map[string]bool{"inst": true, "id": true, "maxlen": true, "port": true, "ttl": true, "group": true}[opt]
		if !known {
			if i != 1 {
				return nil, errorf(c.Pos, "lvs_sync_daemon: unknown option %q", opt)
			}
			sd.Instance = opt
			continue
		}
		if i+1 >= len(a) {
			return nil, errorf(c.Pos, "lvs_sync_daemon: %q takes a value", opt)
		}
		i++
		if err := sd.option(c, opt, a[i]); err != nil {
			return nil, err
		}
	}
	return sd, nil
}

// option sets one of lvs_sync_daemon's options.
func (sd *LVSSyncDaemon) option(c *node, opt, val string) error {
	var err error
	var v uint64
	switch opt {
	case "inst":
		sd.Instance = val
	case "id":
		v, err = unsignedValue(c, val, 0, 255)
		sd.SyncID, sd.idGiven = uint8(v), true
	case "maxlen":
		v, err = unsignedValue(c, val, 1, 65507)
		sd.MaxLen = uint16(v)
	case "port":
		v, err = unsignedValue(c, val, 1, 65535)
		sd.Port = uint16(v)
	case "ttl":
		v, err = unsignedValue(c, val, 1, 255)
		sd.TTL = uint8(v)
	case "group":
		sd.Group, err = netip.ParseAddr(val)
		if err != nil || !sd.Group.IsMulticast() {
			return errorf(c.Pos, "lvs_sync_daemon: group %q is not a multicast address", val)
		}
	}
	return err
}

// instanceBuilder collects a vrrp_instance.
type instanceBuilder struct {
	cfg      vrrp.Config
	pos      Pos
	master   bool // state MASTER
	version  int  // 0: the global default
	interval time.Duration
	ah       Pos // where auth_type AH is written (zero: not)
}

// vrrpInstance reads a vrrp_instance block.
func (p *parser) vrrpInstance(n *node) (*vrrp.Config, error) {
	name, err := oneArg(n)
	if err != nil {
		return nil, err
	}
	b := &instanceBuilder{pos: n.Pos, interval: time.Second,
		cfg: vrrp.Config{Name: name, Priority: 100, Preempt: true, GARPDelay: p.vglob.garpDelay, GARPRepeat: p.vglob.garpRepeat}}
	for _, c := range n.Children {
		if err := p.instanceItem(b, c); err != nil {
			return nil, err
		}
	}
	return p.finishInstance(b)
}

func (p *parser) instanceItem(b *instanceBuilder, c *node) error {
	var err error
	switch c.key() {
	case "state":
		var s string
		if s, err = oneArg(c); err == nil {
			switch s {
			case "MASTER":
				b.master = true
			case "BACKUP":
			default:
				err = errorf(c.Pos, "state: %q is not MASTER or BACKUP", s)
			}
		}
	case "interface":
		b.cfg.Interface, err = oneArg(c)
	case "virtual_router_id":
		var v uint64
		v, err = unsignedArg(c, 1, 255)
		b.cfg.VRID = uint8(v)
	case "priority":
		var v uint64
		v, err = unsignedArg(c, 1, 255)
		b.cfg.Priority = uint8(v)
	case "advert_int":
		b.interval, err = timerArg(c, 10*time.Millisecond)
	case "version":
		var v uint64
		v, err = unsignedArg(c, 2, 3)
		b.version = int(v)
	case "nopreempt":
		b.cfg.Preempt = false
	case "preempt":
		b.cfg.Preempt = true
	case "preempt_delay":
		b.cfg.PreemptDelay, err = timerArg(c, 0)
	case "garp_master_delay":
		var v uint64
		v, err = unsignedArg(c, 0, math.MaxInt32)
		b.cfg.GARPDelay = time.Duration(v) * time.Second
	case "garp_master_repeat":
		var v uint64
		v, err = unsignedArg(c, 1, math.MaxInt32)
		b.cfg.GARPRepeat = int(v)
	case "authentication":
		err = authentication(b, c)
		if b.ah != (Pos{}) {
			p.warn(b.ah, "vrrp_instance %s: auth_type AH (IPsec AH) is not run by xvs: instance removed", b.cfg.Name)
		}
	case "virtual_ipaddress":
		b.cfg.VIPs, err = p.vipList(c, b.cfg.VIPs)
	case "virtual_ipaddress_excluded":
		b.cfg.Excluded, err = p.vipList(c, b.cfg.Excluded)
	case "unicast_src_ip", "mcast_src_ip":
		var s string
		if s, err = oneArg(c); err == nil {
			if b.cfg.UnicastSrc, err = netip.ParseAddr(s); err != nil {
				err = errorf(c.Pos, "%s: %q is not an address", c.key(), s)
			}
		}
	case "unicast_peer":
		for _, pc := range c.Children {
			a, perr := netip.ParseAddr(pc.key())
			if perr != nil {
				return errorf(pc.Pos, "unicast_peer: %q is not an address", pc.key())
			}
			b.cfg.UnicastPeers = append(b.cfg.UnicastPeers, a)
		}
	case "track_interface":
		err = trackInterfaces(b, c)
	case "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify":
		var argv []string
		if argv, err = script(c); err == nil && p.notifyRuns(c, argv) {
			*map[string]*[]string{"notify_master": &b.cfg.NotifyMaster, "notify_backup": &b.cfg.NotifyBackup,
				"notify_fault": &b.cfg.NotifyFault, "notify_stop": &b.cfg.NotifyStop, "notify": &b.cfg.Notify}[c.key()] = argv
		}
	case "lvs_sync_daemon_interface":
		// Deprecated since keepalived 1.2.19 and still run by 2.2.7: the
		// global lvs_sync_daemon on this interface, following this instance.
		var ifname string
		if ifname, err = oneArg(c); err == nil {
			if p.syncDaemon != nil {
				p.warn(c.Pos, "vrrp_instance %s: lvs_sync_daemon is already %s: lvs_sync_daemon_interface ignored", b.cfg.Name, p.syncDaemon.Interface)
			} else {
				p.warn(c.Pos, "vrrp_instance %s: lvs_sync_daemon_interface is deprecated: use global_defs' lvs_sync_daemon %s %s", b.cfg.Name, ifname, b.cfg.Name)
				p.syncDaemon = &LVSSyncDaemon{Pos: c.Pos, Interface: ifname, Instance: b.cfg.Name}
			}
		}
	case "track_script":
		p.trackScripts(b, c)
	case "track_file":
		p.instanceTrackFiles(b, c)
	case "track_process":
		p.instanceTrackProcesses(b, c)
	case "virtual_routes", "virtual_rules":
		p.warn(c.Pos, "vrrp_instance %s: %q is not run by xvs: ignored", b.cfg.Name, c.key())
		for _, r := range c.Children {
			p.warn(r.Pos, "vrrp_instance %s: %s %s: not set up by xvs", b.cfg.Name, c.key(), r.Raw)
		}
	case "native_ipv6", "dont_track_primary", "smtp_alert", "debug", "skip_check_adv_addr", "strict_mode",
		"garp_master_refresh", "garp_master_refresh_repeat", "garp_lower_prio_delay", "garp_lower_prio_repeat",
		"lower_prio_no_advert", "higher_prio_send_advert", "notify_deleted", "notify_priority_changes":
		// What keepalived does with these changes nothing that xvs runs.
	default:
		p.warn(c.Pos, "vrrp_instance %s: %q is not run by xvs: ignored", b.cfg.Name, c.key())
	}
	return err
}

func authentication(b *instanceBuilder, n *node) error {
	typ := ""
	for _, c := range n.Children {
		var err error
		switch c.key() {
		case "auth_type":
			typ, err = oneArg(c)
			if err == nil && typ != "PASS" && typ != "AH" {
				err = errorf(c.Pos, "auth_type: %q is not PASS or AH", typ)
			}
			if typ == "AH" {
				// keepalived 2.2.7 runs it. Its peers take only AH
				// adverts: adverts without it would make two masters.
				b.ah = c.Pos
			}
		case "auth_pass":
			b.cfg.AuthPass, err = oneArg(c)
			if len(b.cfg.AuthPass) > 8 {
				b.cfg.AuthPass = b.cfg.AuthPass[:8] // keepalived keeps the first 8 characters
			}
		default:
			err = errorf(c.Pos, "authentication: unknown keyword %q", c.key())
		}
		if err != nil {
			return err
		}
	}
	if typ == "" {
		b.cfg.AuthPass = ""
	}
	return nil
}

func trackInterfaces(b *instanceBuilder, n *node) error {
	for _, c := range n.Children {
		t := vrrp.Track{Interface: c.key()}
		a := c.args()
		if len(a) == 2 && a[0] == "weight" {
			w, err := signedValue(c, a[1], -253, 253)
			if err != nil {
				return err
			}
			t.Weight = w
		} else if len(a) != 0 {
			return errorf(c.Pos, "track_interface: %q: expected IFNAME [weight N]", c.Raw)
		}
		b.cfg.Track = append(b.cfg.Track, t)
	}
	return nil
}

func signedValue(n *node, s string, lo, hi int) (int, error) {
	neg := strings.HasPrefix(s, "-")
	v, err := unsignedValue(n, strings.TrimPrefix(s, "-"), 0, uint64(max(-lo, hi)))
	if err != nil {
		return 0, err
	}
	w := int(v)
	if neg {
		w = -w
	}
	if w < lo || w > hi {
		return 0, errorf(n.Pos, "%s: %s is out of %d..%d", n.key(), s, lo, hi)
	}
	return w, nil
}

// vipList reads virtual_ipaddress lines: "ADDR[/PREFIX] [dev IF] [label
// L] [brd B] [scope S] ..." (the first address and dev are what xvs uses).
func (p *parser) vipList(n *node, out []vrrp.VIP) ([]vrrp.VIP, error) {
	for _, c := range n.Children {
		v, err := vipLine(c)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func vipLine(c *node) (vrrp.VIP, error) {
	w := c.Words
	pfx, err := netip.ParsePrefix(w[0])
	if err != nil {
		a, aerr := netip.ParseAddr(w[0])
		if aerr != nil {
			return vrrp.VIP{}, errorf(c.Pos, "virtual_ipaddress: %q is not an address", w[0])
		}
		pfx = netip.PrefixFrom(a, a.BitLen())
	}
	v := vrrp.VIP{Prefix: pfx}
	for i := 1; i+1 < len(w); i += 2 {
		if w[i] == "dev" {
			v.Dev = w[i+1]
		}
	}
	return v, nil
}

// finishInstance applies keepalived's defaults and checks.
func (p *parser) finishInstance(b *instanceBuilder) (*vrrp.Config, error) {
	c := &b.cfg
	// keepalived removes an instance it cannot run and runs the rest.
	missing := ""
	switch {
	case c.Interface == "":
		missing = "interface"
	case c.VRID == 0:
		missing = "virtual_router_id"
	case len(c.VIPs) == 0:
		missing = "virtual_ipaddress"
	}
	if missing != "" {
		p.warn(b.pos, "vrrp_instance %s: no %s: instance removed", c.Name, missing)
		return nil, nil
	}
	if b.ah != (Pos{}) {
		return nil, nil // warned where it is written
	}
	p.ownerTracks(b)
	// Addresses of the other family are held but not advertised.
	fam := c.VIPs[0].Prefix.Addr().Is6()
	var keep []vrrp.VIP
	for _, v := range c.VIPs {
		if v.Prefix.Addr().Is6() == fam {
			keep = append(keep, v)
			continue
		}
		p.warn(b.pos, "vrrp_instance %s: %s is of another family than the first virtual address: held, not advertised", c.Name, v.Prefix)
		c.Excluded = append(c.Excluded, v)
	}
	c.VIPs = keep
	c.Version = b.version
	if c.Version == 0 {
		c.Version = p.vglob.version
	}
	if fam {
		c.Version = 3 // VRRP over IPv6 is version 3
	}
	c.Interval = b.interval
	if c.Version == 2 && b.interval%time.Second != 0 {
		c.Interval = max(b.interval.Round(time.Second), time.Second)
		p.warn(b.pos, "vrrp_instance %s: version 2 counts advert_int in whole seconds: %v", c.Name, c.Interval)
	}
	if !c.Preempt && b.master {
		p.warn(b.pos, "vrrp_instance %s: nopreempt needs state BACKUP: preemption stays on", c.Name)
		c.Preempt = true
	}
	if c.Version == 3 && c.AuthPass != "" {
		p.warn(b.pos, "vrrp_instance %s: version 3 has no authentication: auth_pass ignored", c.Name)
		c.AuthPass = ""
	}
	return c, nil
}

// vrrpSyncGroup reads a vrrp_sync_group block.
func (p *parser) vrrpSyncGroup(n *node) (*vrrp.SyncGroup, error) {
	name, err := oneArg(n)
	if err != nil {
		return nil, err
	}
	g := &vrrp.SyncGroup{Name: name}
	for _, c := range n.Children {
		switch c.key() {
		case "group":
			for _, m := range c.Children {
				g.Members = append(g.Members, m.Words...)
			}
		case "notify_master", "notify_backup", "notify_fault", "notify":
			argv, err := script(c)
			if err != nil {
				return nil, err
			}
			if !p.notifyRuns(c, argv) {
				continue
			}
			*map[string]*[]string{"notify_master": &g.NotifyMaster, "notify_backup": &g.NotifyBackup,
				"notify_fault": &g.NotifyFault, "notify": &g.Notify}[c.key()] = argv
		case "track_script":
			b := &instanceBuilder{cfg: vrrp.Config{Name: name}, pos: c.Pos}
			p.trackScripts(b, c)
			p.groupTrack(name).scripts = b.cfg.TrackScripts
			p.groupTrack(name).pos = c.Pos
		case "sync_group_tracking_weight":
			p.groupTrack(name).weights = true
		case "track_interface":
			b := &instanceBuilder{cfg: vrrp.Config{Name: name}, pos: c.Pos}
			if err := trackInterfaces(b, c); err != nil {
				return nil, err
			}
			p.groupTrack(name).ifaces = b.cfg.Track
			if p.groupTrack(name).pos == (Pos{}) {
				p.groupTrack(name).pos = c.Pos
			}
		case "track_file", "track_process", "track_bfd", "notify_stop",
			"notify_priority_changes", "smtp_alert", "global_tracking":
			p.warn(c.Pos, "vrrp_sync_group %s: %q is not run by xvs: ignored", name, c.key())
		default:
			// keepalived's old samples list the members bare, which 2.2.7
			// does not read either (they go in a group block).
			p.warn(c.Pos, "vrrp_sync_group %s: unknown keyword %q ignored, as keepalived does (members go in a group block)", name, c.key())
		}
	}
	return g, nil
}

// finishVRRP checks what refers to what: groups and lvs_sync_daemon name
// instances; two instances of one interface and router id clash.
func (p *parser) finishVRRP(v *VRRP, groupPos map[string]Pos) error {
	byName := map[string]bool{}
	seen := map[string]string{}
	for _, in := range v.Instances {
		if byName[in.Name] {
			return errorf(Pos{}, "vrrp_instance %s is defined twice", in.Name)
		}
		byName[in.Name] = true
		fam := "4"
		if in.VIPs[0].Prefix.Addr().Is6() {
			fam = "6"
		}
		k := fmt.Sprintf("%s/%s/%d", in.Interface, fam, in.VRID)
		if o, dup := seen[k]; dup {
			return errorf(Pos{}, "vrrp_instance %s: %s already runs virtual_router_id %d on %s", in.Name, o, in.VRID, in.Interface)
		}
		seen[k] = in.Name
	}
	for i := range v.Groups {
		g := &v.Groups[i]
		var members []string
		for _, m := range g.Members {
			if !byName[m] {
				p.warn(groupPos[g.Name], "vrrp_sync_group %s: no vrrp_instance %s: member removed", g.Name, m)
				continue
			}
			members = append(members, m)
		}
		g.Members = members
	}
	if sd := v.SyncDaemon; sd != nil && sd.Instance == "" {
		p.warn(sd.Pos, "lvs_sync_daemon names no vrrp_instance: the sync daemon is not run")
		v.SyncDaemon = nil
	} else if sd != nil && !byName[sd.Instance] {
		p.warn(sd.Pos, "lvs_sync_daemon: no vrrp_instance %s: the sync daemon is not run", sd.Instance)
		v.SyncDaemon = nil
	}
	return nil
}
