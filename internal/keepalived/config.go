package keepalived

import (
	"fmt"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"xvs/internal/health"
	"xvs/internal/model"
)

// Config is the LVS part of a keepalived.conf.
type Config struct {
	Timeouts *model.Timeouts // lvs_timeouts, nil when not set
	Services []*VirtualServer
}

// VirtualServer is one IPVS service a virtual_server block makes (a block
// for a group makes one per group member).
type VirtualServer struct {
	Pos          Pos
	Service      model.ServiceConfig
	DelayLoop    time.Duration
	Fwd          uint8 // lvs_method
	TunType      uint8
	TunPort      uint16
	TunFlags     uint16
	Sorry        *RealServer
	SorryInhibit bool
	Quorum       int64
	Hysteresis   int64
	QuorumUp     string
	QuorumDown   string
	Alpha, Omega bool
	RealServers  []*RealServer
}

// RealServer is a real_server (or the sorry_server) of a virtual server.
type RealServer struct {
	Pos        Pos
	Addr       netip.Addr
	Port       uint16
	Weight     int32
	UThreshold uint32
	LThreshold uint32
	Inhibit    bool // inhibit_on_failure: weight 0 instead of removal
	NotifyUp   string
	NotifyDown string
	Alpha      bool
	Checks     []health.Check
}

// Warning is a keyword xvs reads past.
type Warning = Error

// Parse reads a keepalived.conf (and its includes). Unknown or unsupported
// keywords are warnings; invalid values are errors.
func Parse(path string) (*Config, []Warning, error) {
	var toks []token
	if err := tokenize(path, 0, &toks); err != nil {
		return nil, nil, err
	}
	nodes, err := parseTree(toks)
	if err != nil {
		return nil, nil, err
	}
	p := &parser{groups: map[string]*node{}}
	cfg, err := p.config(nodes)
	if err != nil {
		return nil, p.warnings, err
	}
	return cfg, p.warnings, nil
}

type parser struct {
	warnings []Warning
	groups   map[string]*node
}

func (p *parser) warn(n *node, format string, args ...any) {
	p.warnings = append(p.warnings, *errorf(n.Pos, format, args...))
}

// ignoredTop are top-level blocks xvs does not run (VRRP) or need.
var ignoredTop = map[string]string{
	"vrrp_instance": "VRRP is not in xvs yet: block skipped", "vrrp_sync_group": "VRRP is not in xvs yet: block skipped",
	"vrrp_script": "VRRP is not in xvs yet: block skipped", "vrrp_track_file": "VRRP is not in xvs yet: block skipped",
	"static_ipaddress": "not managed by xvs: block skipped", "static_routes": "not managed by xvs: block skipped",
	"static_rules": "not managed by xvs: block skipped", "linkbeat_interfaces": "not managed by xvs: block skipped",
}

// quietGlobals are global_defs items with no bearing on IPVS.
var quietGlobals = map[string]bool{
	"router_id": true, "notification_email": true, "notification_email_from": true, "smtp_server": true,
	"smtp_connect_timeout": true, "smtp_helo_name": true, "enable_script_security": true, "script_user": true,
	"max_auto_priority": true, "vrrp_skip_check_adv_addr": true, "vrrp_strict": true, "vrrp_garp_interval": true,
	"vrrp_gna_interval": true, "vrrp_iptables": true, "dynamic_interfaces": true, "checker_log_all_failures": true,
	"lvs_flush": true, "lvs_flush_on_stop": true, "checker_priority": true, "checker_process_name": true,
}

func (p *parser) config(nodes []*node) (*Config, error) {
	cfg := &Config{}
	for _, n := range nodes {
		if n.key() == "virtual_server_group" {
			if len(n.args()) != 1 || !n.Block {
				return nil, errorf(n.Pos, "virtual_server_group needs a name and a block")
			}
			p.groups[n.args()[0]] = n
		}
	}
	for _, n := range nodes {
		switch k := n.key(); k {
		case "global_defs":
			if err := p.globals(n, cfg); err != nil {
				return nil, err
			}
		case "virtual_server_group":
		case "virtual_server":
			vss, err := p.virtualServer(n)
			if err != nil {
				return nil, err
			}
			cfg.Services = append(cfg.Services, vss...)
		default:
			if why, ok := ignoredTop[k]; ok {
				p.warn(n, "%s: %s", k, why)
			} else {
				p.warn(n, "unknown keyword %q ignored", n.Words[0])
			}
		}
	}
	return cfg, nil
}

func (p *parser) globals(n *node, cfg *Config) error {
	for _, c := range n.Children {
		switch k := c.key(); k {
		case "lvs_timeouts":
			t := model.Timeouts{}
			a := c.args()
			if len(a)%2 != 0 {
				return errorf(c.Pos, "lvs_timeouts takes pairs: tcp N tcpfin N udp N")
			}
			for i := 0; i < len(a); i += 2 {
				v, err := uintArg(c, a[i+1], 1, model.MaxTimeout)
				if err != nil {
					return err
				}
				switch strings.ToLower(a[i]) {
				case "tcp":
					t.TCP = uint32(v)
				case "tcpfin":
					t.TCPFin = uint32(v)
				case "udp":
					t.UDP = uint32(v)
				default:
					return errorf(c.Pos, "lvs_timeouts: unknown protocol %q", a[i])
				}
			}
			cfg.Timeouts = &t
		case "lvs_sync_daemon":
			p.warn(c, "lvs_sync_daemon ignored: keepalived ties it to a VRRP instance, which xvs does not run; start the sync daemons with ipvsadm --start-daemon")
		default:
			if !quietGlobals[k] {
				p.warn(c, "global_defs: %q is not used by xvs", c.Words[0])
			}
		}
	}
	return nil
}

func uintArg(n *node, s string, lo, hi uint64) (uint64, error) {
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil || v < lo || v > hi {
		return 0, errorf(n.Pos, "%s: invalid value %q (%d..%d)", n.Words[0], s, lo, hi)
	}
	return v, nil
}

// duration reads keepalived's timers: seconds, possibly with decimals.
func duration(n *node, s string) (time.Duration, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 1e6 || math.IsNaN(v) {
		return 0, errorf(n.Pos, "%s: invalid time %q", n.Words[0], s)
	}
	return time.Duration(v * float64(time.Second)), nil
}

func oneArg(n *node) (string, error) {
	if len(n.args()) != 1 {
		return "", errorf(n.Pos, "%s takes one value", n.Words[0])
	}
	return n.args()[0], nil
}

// keys expands a virtual_server's address: IP PORT, fwmark N, or group NAME.
func (p *parser) keys(n *node) ([]model.ServiceKey, error) {
	a := n.args()
	switch {
	case len(a) == 2 && strings.ToLower(a[0]) == "fwmark":
		m, err := uintArg(n, a[1], 1, math.MaxUint32)
		if err != nil {
			return nil, err
		}
		return []model.ServiceKey{{FWMark: uint32(m)}}, nil
	case len(a) == 2 && strings.ToLower(a[0]) == "group":
		g, ok := p.groups[a[1]]
		if !ok {
			return nil, errorf(n.Pos, "virtual_server_group %q not defined", a[1])
		}
		var keys []model.ServiceKey
		for _, m := range g.Children {
			ks, err := p.groupMember(m)
			if err != nil {
				return nil, err
			}
			keys = append(keys, ks...)
		}
		return keys, nil
	case len(a) == 2:
		return addrPortKeys(n, a[0], a[1])
	}
	return nil, errorf(n.Pos, "virtual_server needs IP PORT, fwmark N or group NAME")
}

func (p *parser) groupMember(m *node) ([]model.ServiceKey, error) {
	w := m.Words
	if len(w) == 2 && strings.ToLower(w[0]) == "fwmark" {
		v, err := uintArg(m, w[1], 1, math.MaxUint32)
		if err != nil {
			return nil, err
		}
		return []model.ServiceKey{{FWMark: uint32(v)}}, nil
	}
	if len(w) == 2 {
		return addrPortKeys(m, w[0], w[1])
	}
	return nil, errorf(m.Pos, "virtual_server_group member: IP[-LAST] PORT or fwmark N")
}

// addrPortKeys reads IP PORT, where IP may be a range in its last part
// (198.18.0.120-122, 2001:db8::10-1f).
func addrPortKeys(n *node, addr, port string) ([]model.ServiceKey, error) {
	pv, err := uintArg(n, port, 0, 65535)
	if err != nil {
		return nil, err
	}
	last := ""
	if i := strings.LastIndexByte(addr, '-'); i > 0 {
		addr, last = addr[:i], addr[i+1:]
	}
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return nil, errorf(n.Pos, "invalid address %q", addr)
	}
	keys := []model.ServiceKey{{Addr: a, Port: uint16(pv)}}
	if last != "" {
		base := 10
		if a.Is6() {
			base = 16
		}
		end, err := strconv.ParseUint(last, base, 16)
		b := a.AsSlice()
		first := uint64(b[len(b)-1])
		if a.Is6() {
			first = uint64(b[len(b)-2])<<8 | uint64(b[len(b)-1])
		}
		if err != nil || end < first || (a.Is4() && end > 255) || end-first > 1024 {
			return nil, errorf(n.Pos, "invalid address range %s-%s", addr, last)
		}
		keys = keys[:0]
		for v := first; v <= end; v++ {
			c := a.AsSlice()
			if a.Is6() {
				c[len(c)-2], c[len(c)-1] = byte(v>>8), byte(v)
			} else {
				c[len(c)-1] = byte(v)
			}
			na, _ := netip.AddrFromSlice(c)
			keys = append(keys, model.ServiceKey{Addr: na, Port: uint16(pv)})
		}
	}
	for i := range keys {
		keys[i].AF = model.AFInet
		if keys[i].Addr.Is6() {
			keys[i].AF = model.AFInet6
		}
	}
	return keys, nil
}

var schedFlagWords = map[string]uint32{
	"hashed": model.SvcHashed, "flag-1": model.SvcSched1, "flag-2": model.SvcSched2, "flag-3": model.SvcSched3,
	"sh-fallback": model.SvcSched1, "sh-port": model.SvcSched2, "mh-fallback": model.SvcSched1, "mh-port": model.SvcSched2,
}

func (p *parser) virtualServer(n *node) ([]*VirtualServer, error) {
	keys, err := p.keys(n)
	if err != nil {
		return nil, err
	}
	tmpl := &VirtualServer{Pos: n.Pos, DelayLoop: 60 * time.Second, Quorum: 1, Fwd: model.FwdMasq}
	tmpl.Service.Scheduler = model.DefaultScheduler
	proto := model.ProtoTCP
	var defaults checkDefaults
	for _, c := range n.Children {
		if err := p.vsItem(c, tmpl, &proto, &defaults); err != nil {
			return nil, err
		}
	}
	for _, c := range n.Children {
		switch c.key() {
		case "real_server", "sorry_server":
			rs, err := p.realServer(c, &defaults, tmpl)
			if err != nil {
				return nil, err
			}
			if c.key() == "sorry_server" {
				tmpl.Sorry = rs
			} else {
				tmpl.RealServers = append(tmpl.RealServers, rs)
			}
		}
	}
	var out []*VirtualServer
	for _, k := range keys {
		vs := *tmpl
		vs.Service.ServiceKey = k
		if !k.IsFWMark() {
			vs.Service.Protocol = proto
		} else {
			vs.Service.AF = model.AFInet
			if len(tmpl.RealServers) > 0 && tmpl.RealServers[0].Addr.Is6() {
				vs.Service.AF = model.AFInet6
			}
		}
		if vs.Service.Netmask == 0 { // ipvsadm's default granularity: one client
			vs.Service.Netmask = 0xffffffff
			if vs.Service.AF == model.AFInet6 {
				vs.Service.Netmask = 128
			}
		}
		out = append(out, &vs)
	}
	return out, nil
}

// checkDefaults are checker settings a virtual server gives its real servers.
type checkDefaults struct {
	retry, connectTimeout, delayBeforeRetry, warmup *time.Duration
	retries                                         *int
	inhibit                                         bool
}

func (p *parser) vsItem(c *node, vs *VirtualServer, proto *uint8, def *checkDefaults) error {
	a := c.args()
	switch k := c.key(); k {
	case "real_server", "sorry_server":
		return nil // after the settings
	case "delay_loop":
		v, err := oneArg(c)
		if err != nil {
			return err
		}
		if vs.DelayLoop, err = duration(c, v); err != nil {
			return err
		}
	case "lb_algo", "lvs_sched":
		v, err := oneArg(c)
		if err != nil {
			return err
		}
		vs.Service.Scheduler = strings.ToLower(v)
	case "lb_kind", "lvs_method":
		return lvsMethod(c, vs)
	case "persistence_timeout":
		vs.Service.Flags |= model.SvcPersistent
		vs.Service.Timeout = model.DefaultPersistentTimeout
		if len(a) > 0 {
			v, err := uintArg(c, a[0], 1, model.MaxTimeout)
			if err != nil {
				return err
			}
			vs.Service.Timeout = uint32(v)
		}
	case "persistence_granularity":
		v, err := oneArg(c)
		if err != nil {
			return err
		}
		if m, err := netip.ParseAddr(v); err == nil && m.Is4() {
			b := m.As4()
			vs.Service.Netmask = uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
		} else if n, err := strconv.ParseUint(v, 10, 8); err == nil && n >= 1 && n <= 128 {
			vs.Service.Netmask = uint32(n)
		} else {
			return errorf(c.Pos, "persistence_granularity: invalid mask %q", v)
		}
	case "persistence_engine":
		v, err := oneArg(c)
		if err != nil {
			return err
		}
		vs.Service.PE = v
	case "protocol":
		v, err := oneArg(c)
		if err != nil {
			return err
		}
		p, ok := model.ParseProtocol(v)
		if !ok {
			return errorf(c.Pos, "protocol: %q is not TCP, UDP or SCTP", v)
		}
		*proto = p
	case "ops":
		vs.Service.Flags |= model.SvcOnePacket
	case "sorry_server_inhibit":
		vs.SorryInhibit = true
	case "alpha":
		vs.Alpha = true
	case "omega":
		vs.Omega = true
	case "quorum", "hysteresis":
		v, err := oneArg(c)
		if err != nil {
			return err
		}
		q, err := uintArg(c, v, 0, math.MaxInt32)
		if err != nil {
			return err
		}
		if k == "quorum" {
			vs.Quorum = int64(q)
		} else {
			vs.Hysteresis = int64(q)
		}
	case "quorum_up", "quorum_down":
		if len(a) == 0 {
			return errorf(c.Pos, "%s needs a script", k)
		}
		if k == "quorum_up" {
			vs.QuorumUp = strings.Join(a, " ")
		} else {
			vs.QuorumDown = strings.Join(a, " ")
		}
	case "retry", "connect_timeout", "delay_before_retry", "warmup", "inhibit_on_failure":
		return checkDefault(c, def)
	case "virtualhost", "ha_suspend", "smtp_alert":
		// checker-side niceties with no effect here
	default:
		if f, ok := schedFlagWords[k]; ok {
			vs.Service.Flags |= f
			return nil
		}
		p.warn(c, "virtual_server: %q is not supported by xvs and ignored", c.Words[0])
	}
	return nil
}

func checkDefault(c *node, def *checkDefaults) error {
	if c.key() == "inhibit_on_failure" {
		def.inhibit = true
		return nil
	}
	v, err := oneArg(c)
	if err != nil {
		return err
	}
	if c.key() == "retry" {
		r, err := uintArg(c, v, 0, 1000)
		if err != nil {
			return err
		}
		ri := int(r)
		def.retries = &ri
		return nil
	}
	d, err := duration(c, v)
	if err != nil {
		return err
	}
	switch c.key() {
	case "connect_timeout":
		def.connectTimeout = &d
	case "delay_before_retry":
		def.delayBeforeRetry = &d
	case "warmup":
		def.warmup = &d
	}
	return nil
}

// lvsMethod reads NAT | DR | TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum].
func lvsMethod(c *node, vs *VirtualServer) error {
	a := c.args()
	if len(a) == 0 {
		return errorf(c.Pos, "%s needs NAT, DR or TUN", c.Words[0])
	}
	switch strings.ToUpper(a[0]) {
	case "NAT":
		vs.Fwd = model.FwdMasq
	case "DR":
		vs.Fwd = model.FwdRoute
	case "TUN":
		vs.Fwd = model.FwdTunnel
	default:
		return errorf(c.Pos, "%s: %q is not NAT, DR or TUN", c.Words[0], a[0])
	}
	for i := 1; i < len(a); i++ {
		switch strings.ToLower(a[i]) {
		case "type":
			if i+1 >= len(a) {
				return errorf(c.Pos, "type needs ipip, gue or gre")
			}
			i++
			switch strings.ToLower(a[i]) {
			case "ipip":
				vs.TunType = model.TunIPIP
			case "gue":
				vs.TunType = model.TunGUE
			case "gre":
				vs.TunType = model.TunGRE
			default:
				return errorf(c.Pos, "tunnel type %q is not ipip, gue or gre", a[i])
			}
		case "port":
			if i+1 >= len(a) {
				return errorf(c.Pos, "port needs a number")
			}
			i++
			v, err := uintArg(c, a[i], 1, 65535)
			if err != nil {
				return err
			}
			vs.TunPort = uint16(v)
		case "nocsum":
			vs.TunFlags = model.TunFlagNoCsum
		case "csum":
			vs.TunFlags = model.TunFlagCsum
		case "remcsum":
			vs.TunFlags = model.TunFlagRemCsum
		default:
			return errorf(c.Pos, "%s: unexpected %q", c.Words[0], a[i])
		}
	}
	if vs.Fwd == model.FwdTunnel && vs.TunType == model.TunGUE && vs.TunPort == 0 {
		return errorf(c.Pos, "TUN type gue needs a port")
	}
	return nil
}

var checkerKinds = map[string]health.Kind{
	"tcp_check": health.TCP, "http_get": health.HTTP, "ssl_get": health.SSL, "udp_check": health.UDP,
	"dns_check": health.DNS, "misc_check": health.Misc, "ping_check": health.Ping,
}

func (p *parser) realServer(n *node, def *checkDefaults, vs *VirtualServer) (*RealServer, error) {
	a := n.args()
	if len(a) != 2 {
		return nil, errorf(n.Pos, "%s needs IP PORT", n.Words[0])
	}
	addr, err := netip.ParseAddr(a[0])
	if err != nil {
		return nil, errorf(n.Pos, "invalid address %q", a[0])
	}
	port, err := uintArg(n, a[1], 0, 65535)
	if err != nil {
		return nil, err
	}
	rs := &RealServer{Pos: n.Pos, Addr: addr, Port: uint16(port), Weight: 1, Inhibit: def.inhibit, Alpha: vs.Alpha}
	for _, c := range n.Children {
		k := c.key()
		if kind, ok := checkerKinds[k]; ok {
			chk, err := p.checker(c, kind, rs, def, vs)
			if err != nil {
				return nil, err
			}
			rs.Checks = append(rs.Checks, chk)
			continue
		}
		if err := p.rsItem(c, rs); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

func (p *parser) rsItem(c *node, rs *RealServer) error {
	a := c.args()
	switch k := c.key(); k {
	case "weight":
		v, err := oneArg(c)
		if err != nil {
			return err
		}
		w, err := strconv.ParseInt(v, 10, 32)
		if err != nil || w < 0 || w > math.MaxInt32 {
			return errorf(c.Pos, "weight: invalid value %q", v)
		}
		rs.Weight = int32(w)
	case "uthreshold", "lthreshold":
		v, err := oneArg(c)
		if err != nil {
			return err
		}
		t, err := uintArg(c, v, 0, math.MaxInt32)
		if err != nil {
			return err
		}
		if k == "uthreshold" {
			rs.UThreshold = uint32(t)
		} else {
			rs.LThreshold = uint32(t)
		}
	case "inhibit_on_failure":
		rs.Inhibit = true
	case "alpha":
		rs.Alpha = true
	case "notify_up", "notify_down":
		if len(a) == 0 {
			return errorf(c.Pos, "%s needs a script", k)
		}
		if k == "notify_up" {
			rs.NotifyUp = strings.Join(a, " ")
		} else {
			rs.NotifyDown = strings.Join(a, " ")
		}
	case "retry", "connect_timeout", "delay_before_retry", "warmup", "delay_loop":
		// real-server level checker defaults are taken by the checkers below
	default:
		p.warn(c, "real_server: %q is not supported by xvs and ignored", c.Words[0])
	}
	return nil
}

func (p *parser) checker(n *node, kind health.Kind, rs *RealServer, def *checkDefaults, vs *VirtualServer) (health.Check, error) {
	c := health.Check{Kind: kind, Addr: rs.Addr, Port: rs.Port, DelayLoop: vs.DelayLoop,
		ConnectTimeout: 5 * time.Second, Retry: 1, DelayBeforeRetry: time.Second, Alpha: rs.Alpha}
	if kind == health.Misc {
		c.Retry = 0
	}
	if def.connectTimeout != nil {
		c.ConnectTimeout = *def.connectTimeout
	}
	if def.retries != nil {
		c.Retry = *def.retries
	}
	if def.delayBeforeRetry != nil {
		c.DelayBeforeRetry = *def.delayBeforeRetry
	}
	if def.warmup != nil {
		c.Warmup = *def.warmup
	}
	if kind == health.DNS {
		c.DNSType, c.DNSName = "A", "."
		if rs.Port == 0 {
			c.Port = 53
		}
	}
	for _, x := range n.Children {
		if err := p.checkItem(x, &c); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (p *parser) checkItem(x *node, c *health.Check) error {
	a := x.args()
	one := func() (string, error) { return oneArg(x) }
	switch k := x.key(); k {
	case "connect_ip", "bindto":
		v, err := one()
		if err != nil {
			return err
		}
		ip, err := netip.ParseAddr(v)
		if err != nil {
			return errorf(x.Pos, "%s: invalid address %q", k, v)
		}
		if k == "connect_ip" {
			c.Addr = ip
		} else {
			c.BindTo = ip
		}
	case "connect_port", "bind_port":
		v, err := one()
		if err != nil {
			return err
		}
		n, err := uintArg(x, v, 0, 65535)
		if err != nil {
			return err
		}
		if k == "connect_port" {
			c.Port = uint16(n)
		} else {
			c.BindPort = uint16(n)
		}
	case "connect_timeout", "delay_before_retry", "warmup", "delay_loop", "misc_timeout":
		v, err := one()
		if err != nil {
			return err
		}
		d, err := duration(x, v)
		if err != nil {
			return err
		}
		switch k {
		case "connect_timeout":
			c.ConnectTimeout = d
		case "delay_before_retry":
			c.DelayBeforeRetry = d
		case "warmup":
			c.Warmup = d
		case "delay_loop":
			c.DelayLoop = d
		case "misc_timeout":
			c.ConnectTimeout = d
		}
	case "retry", "nb_get_retry":
		v, err := one()
		if err != nil {
			return err
		}
		n, err := uintArg(x, v, 0, 1000)
		if err != nil {
			return err
		}
		c.Retry = int(n)
	case "url":
		u := health.URL{Path: "/"}
		for _, y := range x.Children {
			v, err := oneArg(y)
			if err != nil {
				return err
			}
			switch y.key() {
			case "path":
				u.Path = v
			case "digest":
				u.Digest = strings.ToLower(v)
			case "status_code":
				n, err := uintArg(y, v, 100, 599)
				if err != nil {
					return err
				}
				u.StatusCode = int(n)
			case "virtualhost":
				u.VirtualHost = v
			default:
				p.warn(y, "url: %q is not supported by xvs and ignored", y.Words[0])
			}
		}
		c.URLs = append(c.URLs, u)
	case "virtualhost":
		v, err := one()
		if err != nil {
			return err
		}
		c.VirtualHost = v
	case "misc_path":
		if len(a) == 0 {
			return errorf(x.Pos, "misc_path needs a script")
		}
		c.Script = strings.Join(a, " ")
	case "misc_dynamic":
		c.Dynamic = true
	case "user":
	case "type":
		v, err := one()
		if err != nil {
			return err
		}
		if _, ok := health.DNSTypes[strings.ToUpper(v)]; !ok {
			return errorf(x.Pos, "DNS_CHECK type %q not supported", v)
		}
		c.DNSType = strings.ToUpper(v)
	case "name":
		v, err := one()
		if err != nil {
			return err
		}
		c.DNSName = v
	case "payload", "require_reply":
		if k == "require_reply" {
			c.RequireReply = true
		}
		if len(a) > 0 {
			b, err := hexBytes(a[0])
			if err != nil {
				return errorf(x.Pos, "%s: %v", k, err)
			}
			if k == "payload" {
				c.Payload = b
			} else {
				c.Expect = b
			}
		}
	default:
		p.warn(x, "%s: %q is not supported by xvs and ignored", strings.ToUpper(x.Words[0]), x.Words[0])
	}
	return nil
}

func hexBytes(s string) ([]byte, error) {
	s = strings.TrimPrefix(strings.ToLower(s), "0x")
	if len(s)%2 == 1 {
		s = "0" + s
	}
	out := make([]byte, len(s)/2)
	for i := range out {
		v, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return nil, fmt.Errorf("invalid hex %q", s)
		}
		out[i] = byte(v)
	}
	return out, nil
}
