package keepalived

import (
	"fmt"
	"math"
	"net/netip"
	"os/user"
	"strings"

	"xvs/internal/health"
	"xvs/internal/model"
	"xvs/internal/vrrp"
)

// Config is the LVS part of a keepalived.conf.
type Config struct {
	Timeouts *model.Timeouts // lvs_timeouts, nil when not set
	Services []*VirtualServer
	VRRP     VRRP
}

// VirtualServer is one virtual_server block: one IPVS service, or one per
// address of its group, all with the same real servers and the same
// checkers (keepalived runs one checker per real server of the block).
type VirtualServer struct {
	Pos         Pos
	Name        string             // "TCP 198.18.0.1:80", "FWM 7", "TCP group WEB"
	Group       string             // the virtual_server_group's name, if any
	Keys        []model.ServiceKey // the IPVS services
	Service     model.ServiceConfig
	RealServers []*RealServer
	Sorry       *RealServer
	Quorum      uint32
	Hysteresis  uint32
	QuorumUp    []string
	QuorumDown  []string
	Omega       bool
}

// RealServer is a real_server (or the sorry_server) of a virtual server,
// with every default resolved.
type RealServer struct {
	Pos        Pos
	Addr       netip.Addr
	Port       uint16 // 0: the service's (DR, TUN) or none
	Weight     int64
	Fwd        uint8
	TunType    uint8
	TunPort    uint16
	TunFlags   uint16
	UThreshold uint32
	LThreshold uint32
	Inhibit    bool // inhibit_on_failure: weight 0 instead of removal
	NotifyUp   []string
	NotifyDown []string
	Checks     []health.Check
}

// Parse reads a keepalived.conf (and its includes). What keepalived
// reports and carries on after (unknown keywords, VRRP blocks, real
// servers it skips, values it corrects) are warnings; a value keepalived
// cannot read is an error, so nothing runs that was not written.
func Parse(path string) (*Config, []Warning, error) {
	nodes, warns, err := read(path)
	p := &parser{warnings: warns, groups: map[string]*group{}, trackFiles: map[string]*trackFile{},
		vglob: defaultVRRPGlobals()}
	if err != nil {
		return nil, p.warnings, err
	}
	cfg, err := p.config(nodes)
	if err != nil {
		return nil, p.warnings, err
	}
	return cfg, p.warnings, nil
}

type parser struct {
	warnings   []Warning
	groups     map[string]*group
	trackFiles map[string]*trackFile
	vglob      vrrpGlobals
	syncDaemon *LVSSyncDaemon
	// global_defs' enable_script_security and script_user, as far as read
	scriptSecurity bool
	scriptUser     *string
	scripts        map[string]*scriptDef // vrrp_script blocks by name
	groupTracks    map[string]*groupTracking
	processes      map[string]*vrrp.Process // vrrp_track_process blocks by name
}

// scriptUserOK is keepalived's notify_script_init: a notify script runs
// as the user written after it, else as the default script user; one it
// cannot run so is dropped.
func (p *parser) scriptUserOK(c *node) bool {
	if a := c.args(); len(a) > 1 {
		if _, err := user.Lookup(a[1]); err != nil {
			p.warn(c.Pos, "%s: user %s does not exist: script ignored, as keepalived does", c.key(), a[1])
			return false
		}
		return true
	}
	if p.noDefaultScriptUser() {
		p.warn(c.Pos, "%s: the default script user does not exist (script_user, or keepalived_script with enable_script_security): script ignored, as keepalived does", c.key())
		return false
	}
	return true
}

// noDefaultScriptUser is keepalived's get_default_script_user failing: a
// script_user that does not exist, or, with enable_script_security, no
// script_user and no user keepalived_script (keepalived then runs no
// script without a user of its own rather than run it as root).
func (p *parser) noDefaultScriptUser() bool {
	if p.scriptUser != nil {
		_, err := user.Lookup(*p.scriptUser)
		return err != nil
	}
	_, err := user.Lookup("keepalived_script")
	return err != nil && p.scriptSecurity
}

func (p *parser) warn(pos Pos, format string, args ...any) {
	p.warnings = append(p.warnings, *errorf(pos, format, args...))
}

// ignoredTop are top-level blocks xvs does not run (VRRP) or need.
var ignoredTop = map[string]string{
	"static_ipaddress": "not managed by xvs: block skipped",
	"static_routes":    "not managed by xvs: block skipped", "static_rules": "not managed by xvs: block skipped",
	"linkbeat_interfaces": "not managed by xvs: block skipped",
	"bfd_instance":        "BFD is not in xvs: block skipped", "SSL": "SSL_GET runs without keepalived's SSL context (no client certificate): block skipped",
	"garp_group": "not run by xvs: block skipped",
}

// quietGlobals are global_defs items with no bearing on IPVS.
var quietGlobals = map[string]bool{
	"router_id": true, "notification_email": true, "notification_email_from": true, "smtp_server": true,
	"smtp_connect_timeout": true, "smtp_helo_name": true, "enable_script_security": true, "script_user": true,
	"max_auto_priority": true, "vrrp_skip_check_adv_addr": true, "vrrp_strict": true, "vrrp_garp_interval": true,
	"vrrp_gna_interval": true, "vrrp_iptables": true, "dynamic_interfaces": true, "checker_log_all_failures": true,
	"checker_priority": true, "checker_process_name": true, "smtp_alert": true, "smtp_alert_checker": true,
	"smtp_alert_vrrp": true, "no_checker_emails": true,
	"vrrp_no_swap": true, "checker_no_swap": true, "vrrp_priority": true, "vrrp_check_unicast_src": true,
	"script_security": true, "nftables": true, "nftables_counters": true, "vrrp_mcast_group4": true,
	"vrrp_mcast_group6": true, "vrrp_garp_master_refresh": true,
	"vrrp_garp_lower_prio_repeat": true, "vrrp_garp_lower_prio_delay": true, "vrrp_higher_prio_send_advert": true,
}

func (p *parser) config(nodes []*node) (*Config, error) {
	cfg := &Config{}
	for _, n := range nodes { // groups and track files first: blocks refer to them
		switch n.key() {
		case "virtual_server_group":
			if err := p.group(n); err != nil {
				return nil, err
			}
		case "track_file", "vrrp_track_file":
			if err := p.trackFile(n); err != nil {
				return nil, err
			}
		}
	}
	var instances, syncGroups []*node
	for _, n := range nodes {
		switch k := n.key(); k {
		case "global_defs":
			if err := p.globals(n, cfg); err != nil {
				return nil, err
			}
		case "vrrp_instance":
			instances = append(instances, n)
		case "vrrp_sync_group":
			syncGroups = append(syncGroups, n)
		case "vrrp_script":
			if err := p.vrrpScript(n); err != nil {
				return nil, err
			}
		case "vrrp_track_process":
			if err := p.vrrpTrackProcess(n); err != nil {
				return nil, err
			}
		case "virtual_server_group", "track_file", "vrrp_track_file":
		case "virtual_server":
			vs, err := p.virtualServer(n)
			if err != nil {
				return nil, err
			}
			if vs != nil {
				cfg.Services = append(cfg.Services, vs)
			}
		default:
			if why, ok := ignoredTop[k]; ok {
				p.warn(n.Pos, "%s: %s", k, why)
			} else {
				p.warn(n.Pos, "unknown keyword %q ignored", k)
			}
		}
	}
	if err := p.vrrpBlocks(cfg, instances, syncGroups); err != nil {
		return nil, err
	}
	return cfg, checkDistinct(cfg)
}

// vrrpBlocks reads the VRRP instances and sync groups (after global_defs,
// wherever it stands: the instances take its defaults).
func (p *parser) vrrpBlocks(cfg *Config, instances, syncGroups []*node) error {
	for _, n := range instances {
		in, err := p.vrrpInstance(n)
		if err != nil {
			return err
		}
		if in != nil {
			cfg.VRRP.Instances = append(cfg.VRRP.Instances, *in)
		}
	}
	groupPos := map[string]Pos{}
	for _, n := range syncGroups {
		g, err := p.vrrpSyncGroup(n)
		if err != nil {
			return err
		}
		groupPos[g.Name] = n.Pos
		cfg.VRRP.Groups = append(cfg.VRRP.Groups, *g)
	}
	cfg.VRRP.SyncDaemon = p.syncDaemon
	p.syncGroupTracking(&cfg.VRRP, groupPos)
	cfg.VRRP.Scripts = p.trackedScripts(cfg.VRRP.Instances)
	cfg.VRRP.Processes = p.trackedProcesses(cfg.VRRP.Instances)
	return p.finishVRRP(&cfg.VRRP, groupPos)
}

// checkDistinct refuses two blocks that make the same IPVS service (a
// group and a plain virtual server naming one address, say).
func checkDistinct(cfg *Config) error {
	seen := map[model.ServiceKey]*VirtualServer{}
	for _, vs := range cfg.Services {
		for _, k := range vs.Keys {
			if o, dup := seen[canonicalKey(k)]; dup {
				return errorf(vs.Pos, "virtual server %s: service %s is already made by %s at %s (keepalived would mix both into one service)", vs.Name, describeKey(k), o.Name, o.Pos)
			}
			seen[canonicalKey(k)] = vs
		}
	}
	return nil
}

func canonicalKey(k model.ServiceKey) model.ServiceKey {
	if k.IsFWMark() {
		return model.ServiceKey{AF: k.AF, FWMark: k.FWMark}
	}
	return k
}

func (p *parser) globals(n *node, cfg *Config) error {
	for _, c := range n.Children {
		switch k := c.key(); k {
		case "lvs_timeouts":
			t, err := lvsTimeouts(c)
			if err != nil {
				return err
			}
			cfg.Timeouts = t
		case "enable_script_security":
			p.scriptSecurity = true
		case "script_user":
			a := c.args()
			if len(a) == 0 {
				return errorf(c.Pos, "script_user needs a user")
			}
			p.scriptUser = &a[0]
		case "lvs_flush":
			p.warn(c.Pos, "lvs_flush ignored: xvsd does not flush services it did not make (services the file no longer has are removed)")
		case "lvs_flush_on_stop":
			p.warn(c.Pos, "lvs_flush_on_stop ignored: xvsd keeps the services when it stops, so a restart loses no connection")
		default:
			if ok, err := p.vrrpGlobal(c); ok {
				if err != nil {
					return err
				}
				continue
			}
			if !quietGlobals[k] {
				p.warn(c.Pos, "global_defs: %q is not used by xvs", k)
			}
		}
	}
	return nil
}

// lvsTimeouts reads "tcp N tcpfin N udp N" (any of them, in any order).
func lvsTimeouts(c *node) (*model.Timeouts, error) {
	t := model.Timeouts{}
	a := c.args()
	if len(a)%2 != 0 {
		return nil, errorf(c.Pos, "lvs_timeouts takes pairs: tcp N tcpfin N udp N")
	}
	for i := 0; i < len(a); i += 2 {
		v, err := unsignedValue(c, a[i+1], 1, model.MaxTimeout)
		if err != nil {
			return nil, err
		}
		switch a[i] {
		case "tcp":
			t.TCP = uint32(v)
		case "tcpfin":
			t.TCPFin = uint32(v)
		case "udp":
			t.UDP = uint32(v)
		default:
			return nil, errorf(c.Pos, "lvs_timeouts: unknown protocol %q", a[i])
		}
	}
	return &t, nil
}

// trackFile is a track_file block: FILE_CHECK reads the number in it.
type trackFile struct {
	path    string
	weight  int64
	reverse bool
}

func (p *parser) trackFile(n *node) error {
	name, err := oneArg(n)
	if err != nil {
		return err
	}
	tf := &trackFile{weight: 1}
	for _, c := range n.Children {
		switch c.key() {
		case "file":
			if tf.path, err = firstArg(c); err != nil {
				return err
			}
		case "weight":
			w, rev, err := fileWeight(c, 254)
			if err != nil {
				return err
			}
			tf.weight, tf.reverse = w, rev
		case "init_file":
			p.warn(c.Pos, "track_file %s: init_file is not supported by xvs: create the file yourself", name)
		default:
			p.warn(c.Pos, "track_file: unknown keyword %q ignored", c.key())
		}
	}
	if tf.path == "" {
		p.warn(n.Pos, "track_file %s has no file: ignored, as keepalived does", name)
		return nil
	}
	p.trackFiles[name] = tf
	return nil
}

// fileWeight reads "weight N [reverse]" of track_file (N within ±limit) or
// FILE_CHECK.
func fileWeight(c *node, limit int64) (int64, bool, error) {
	a := c.args()
	if len(a) == 0 || len(a) > 2 {
		return 0, false, errorf(c.Pos, "weight takes a number and optionally reverse")
	}
	var w int64
	if _, err := fmt.Sscan(a[0], &w); err != nil || w < -limit || w > limit || strings.ContainsAny(a[0], ".eE") {
		return 0, false, errorf(c.Pos, "weight: invalid number %q (-%d..%d)", a[0], limit, limit)
	}
	rev := false
	if len(a) == 2 {
		switch a[1] {
		case "reverse":
			rev = true
		case "noreverse":
		default:
			return 0, false, errorf(c.Pos, "weight: %q is not reverse", a[1])
		}
	}
	return w, rev, nil
}

// describeKey names a service as ipvsadm's listing does.
func describeKey(k model.ServiceKey) string {
	if k.IsFWMark() {
		return fmt.Sprintf("FWM %d", k.FWMark)
	}
	return strings.ToUpper(model.ProtocolName(k.Protocol)) + " " + hostPort(k.Addr, k.Port)
}

func hostPort(a netip.Addr, p uint16) string {
	if a.Is6() {
		return fmt.Sprintf("[%s]:%d", a, p)
	}
	return fmt.Sprintf("%s:%d", a, p)
}

// maxWeight is IPVS_WEIGHT_LIMIT.
const maxWeight = math.MaxInt32
