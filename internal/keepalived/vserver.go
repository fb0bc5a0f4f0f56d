package keepalived

import (
	"math"
	"net/netip"
	"slices"
	"strconv"
	"time"

	"xvs/internal/model"
)

// schedulers are the names keepalived 2.2.7's lb_algo takes (case matters).
var schedulers = []string{"rr", "wrr", "lc", "wlc", "lblc", "sh", "mh", "dh", "fo", "ovf", "lblcr", "sed", "nq", "twos"}

// fwd is a forwarding method with its tunnel settings; set is false while
// nothing was written (keepalived's IP_VS_CONN_F_FWD_MASK).
type fwd struct {
	set      bool
	method   uint8
	tunType  uint8
	tunPort  uint16
	tunFlags uint16
}

// vsBuilder collects a virtual_server block as keepalived's handlers do,
// in the order it is written; finish then applies keepalived's checks.
type vsBuilder struct {
	pos     Pos
	keys    []model.ServiceKey // address or fwmark; nil for a group
	grp     *group
	af      uint16 // 0 until known
	sched   string
	flags   uint32
	method  fwd
	proto   uint8
	timeout uint32 // persistence_timeout
	netmask uint32 // persistence_granularity; 0 not written
	pe      string

	delayLoop, connectTimeout time.Duration
	retry                     *int
	delayBeforeRetry, warmup  *time.Duration
	inhibit, alpha, omega     bool
	weight                    int64
	virtualhost               string
	quorum, hysteresis        uint32
	quorumUp, quorumDown      []string

	rs           []*rsBuilder
	sorry        *rsBuilder
	sorryInhibit bool
}

// rsBuilder is a real_server block before defaults are applied.
type rsBuilder struct {
	pos        Pos
	addr       netip.Addr
	port       uint16
	weight     *int64
	method     fwd
	uth, lth   uint32
	inhibit    *bool
	alpha      *bool
	retry      *int
	timers     timerDefaults
	vhost      string
	notifyUp   []string
	notifyDown []string
	checks     []*checkBuilder
}

// timerDefaults are the checker settings a real server can give its
// checkers (nil: not written).
type timerDefaults struct {
	connectTimeout, delayLoop, warmup, delayBeforeRetry *time.Duration
}

func (p *parser) virtualServer(n *node) (*VirtualServer, error) {
	b := &vsBuilder{pos: n.Pos, delayLoop: 60 * time.Second, connectTimeout: 5 * time.Second, weight: 1, quorum: 1}
	if err := p.vsAddress(b, n); err != nil {
		return nil, err
	}
	for _, c := range n.Children {
		if err := p.vsItem(b, c); err != nil {
			return nil, err
		}
	}
	if !p.vsEnd(b) {
		return nil, nil
	}
	return p.finish(b)
}

// vsAddress reads IP [PORT], fwmark N or group NAME.
func (p *parser) vsAddress(b *vsBuilder, n *node) error {
	a := n.args()
	switch {
	case len(a) == 2 && a[0] == "fwmark":
		m, err := unsignedValue(n, a[1], 1, math.MaxUint32)
		if err != nil {
			return err
		}
		b.keys = []model.ServiceKey{{FWMark: uint32(m)}}
	case len(a) == 2 && a[0] == "group":
		g, ok := p.groups[a[1]]
		if !ok {
			return errorf(n.Pos, "virtual_server_group %q not defined", a[1])
		}
		b.grp = g
	case len(a) == 1 || len(a) == 2:
		addr, port, err := addrPort(n, a)
		if err != nil {
			return err
		}
		b.af = afOf(addr)
		b.keys = []model.ServiceKey{{AF: b.af, Addr: addr, Port: port}}
	default:
		return errorf(n.Pos, "virtual_server needs IP [PORT], fwmark N or group NAME")
	}
	return nil
}

func afOf(a netip.Addr) uint16 {
	if a.Is6() {
		return model.AFInet6
	}
	return model.AFInet
}

func (p *parser) vsItem(b *vsBuilder, c *node) error {
	if h, ok := vsHandlers[c.key()]; ok {
		return h(p, b, c)
	}
	if why, ok := vsUnsupported[c.key()]; ok {
		p.warn(c.Pos, "virtual_server: %s %s", c.key(), why)
		return nil
	}
	p.warn(c.Pos, "virtual_server: unknown keyword %q ignored", c.key())
	return nil
}

// vsUnsupported are keepalived keywords xvs reads past.
var vsUnsupported = map[string]string{
	"ha_suspend": "is not supported by xvs: the checks run whether the address is configured or not",
	"smtp_alert": "", "snmp_name": "",
}

type vsHandler func(p *parser, b *vsBuilder, c *node) error

var vsHandlers map[string]vsHandler

func init() {
	vsHandlers = map[string]vsHandler{
		"ip_family": vsFamily, "retry": vsRetry, "delay_before_retry": vsTimer, "warmup": vsTimer,
		"connect_timeout": vsTimer, "delay_loop": vsTimer, "inhibit_on_failure": vsFlagWord,
		"lb_algo": vsScheduler, "lvs_sched": vsScheduler, "lb_kind": vsMethod, "lvs_method": vsMethod,
		"persistence_engine": vsEngine, "persistence_timeout": vsPersistence, "persistence_granularity": vsGranularity,
		"protocol": vsProtocol, "virtualhost": vsVirtualhost, "alpha": vsFlagWord, "omega": vsFlagWord,
		"quorum_up": vsScript, "quorum_down": vsScript, "quorum": vsQuorum, "hysteresis": vsQuorum,
		"weight": vsWeight, "sorry_server": vsSorry, "sorry_server_inhibit": vsSorryInhibit,
		"sorry_server_lvs_method": vsSorryMethod, "real_server": vsRealServer,
	}
	for _, f := range []string{"hashed", "ops", "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback"} {
		vsHandlers[f] = vsSchedFlag
	}
}

func vsFamily(p *parser, b *vsBuilder, c *node) error {
	v, err := oneArg(c)
	if err != nil {
		return err
	}
	af := map[string]uint16{"inet": model.AFInet, "inet6": model.AFInet6}[v]
	if af == 0 {
		return errorf(c.Pos, "ip_family: %q is not inet or inet6", v)
	}
	if b.af != 0 && b.af != af {
		return errorf(c.Pos, "ip_family %s conflicts with the servers' family", v)
	}
	b.af = af
	return nil
}

func vsRetry(p *parser, b *vsBuilder, c *node) error {
	v, err := unsignedArg(c, 1, math.MaxUint32)
	if err != nil {
		return err
	}
	r := int(v)
	b.retry = &r
	return nil
}

func vsTimer(p *parser, b *vsBuilder, c *node) error {
	min := time.Microsecond
	if c.key() == "delay_before_retry" || c.key() == "warmup" {
		min = 0
	}
	d, err := timerArg(c, min)
	if err != nil {
		return err
	}
	switch c.key() {
	case "delay_loop":
		b.delayLoop = d
	case "connect_timeout":
		b.connectTimeout = d
	case "delay_before_retry":
		b.delayBeforeRetry = &d
	case "warmup":
		b.warmup = &d
	}
	return nil
}

// vsFlagWord is a keyword that sets something and takes no value (keepalived
// ignores any).
func vsFlagWord(p *parser, b *vsBuilder, c *node) error {
	switch c.key() {
	case "inhibit_on_failure":
		b.inhibit = true
	case "alpha":
		b.alpha = true
	case "omega":
		b.omega = true
	}
	return nil
}

func vsScheduler(p *parser, b *vsBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	if !slices.Contains(schedulers, v) {
		return errorf(c.Pos, "%s: %q is not a scheduler keepalived knows (%v; keepalived would use wlc)", c.key(), v, schedulers)
	}
	b.sched = v
	return nil
}

// vsSchedFlag is keepalived's lbflags_handler: the sh and mh flags only
// count after their scheduler, and hashed never sets anything.
func vsSchedFlag(p *parser, b *vsBuilder, c *node) error {
	named := map[string]uint32{"ops": model.SvcOnePacket, "flag-1": model.SvcSched1, "flag-2": model.SvcSched2, "flag-3": model.SvcSched3}
	if f, ok := named[c.key()]; ok {
		b.flags |= f
		return nil
	}
	switch b.sched {
	case "sh":
		b.flags |= map[string]uint32{"sh-port": model.SvcSched2, "sh-fallback": model.SvcSched1}[c.key()]
	case "mh":
		b.flags |= map[string]uint32{"mh-port": model.SvcSched2, "mh-fallback": model.SvcSched1}[c.key()]
	default:
		p.warn(c.Pos, "%s only applies to the sh scheduler (written before lb_algo, or another scheduler): ignored, as keepalived does", c.key())
	}
	return nil
}

func vsMethod(p *parser, b *vsBuilder, c *node) error {
	f, err := lvsMethod(c, b.method)
	if err != nil {
		return err
	}
	b.method = f
	return nil
}

// lvsMethod reads NAT | DR | TUN [type ipip|gue|gre] [port N]
// [nocsum|csum|remcsum] with keepalived's rules.
func lvsMethod(c *node, prev fwd) (fwd, error) {
	a := c.args()
	if len(a) == 0 {
		return prev, errorf(c.Pos, "%s needs NAT, DR or TUN", c.key())
	}
	f := fwd{set: true}
	switch a[0] {
	case "NAT":
		f.method = model.FwdMasq
	case "DR":
		f.method = model.FwdRoute
	case "TUN":
		f.method = model.FwdTunnel
	default:
		return prev, errorf(c.Pos, "%s: unknown method %q (NAT, DR or TUN, in capitals)", c.key(), a[0])
	}
	typ, port, csum := model.TunIPIP, uint64(0), model.TunFlagNoCsum
	for i := 1; i < len(a); i++ {
		switch a[i] {
		case "type", "port":
			if i+1 >= len(a) {
				return prev, errorf(c.Pos, "%s: %s needs a value", c.key(), a[i])
			}
			i++
			if a[i-1] == "port" {
				v, err := unsignedValue(c, a[i], 1, math.MaxUint16)
				if err != nil {
					return prev, err
				}
				port = v
				continue
			}
			t, ok := map[string]uint8{"ipip": model.TunIPIP, "gue": model.TunGUE, "gre": model.TunGRE}[a[i]]
			if !ok {
				return prev, errorf(c.Pos, "%s: unknown tunnel type %q", c.key(), a[i])
			}
			typ = t
		case "nocsum":
			csum = model.TunFlagNoCsum
		case "csum":
			csum = model.TunFlagCsum
		case "remcsum":
			csum = model.TunFlagRemCsum
		default:
			return prev, errorf(c.Pos, "%s: invalid tunnel option %q", c.key(), a[i])
		}
	}
	switch {
	case (typ == model.TunGUE) != (port != 0):
		return prev, errorf(c.Pos, "%s: gue tunnels require a port, other tunnels cannot have one", c.key())
	case typ == model.TunIPIP && csum != model.TunFlagNoCsum:
		return prev, errorf(c.Pos, "%s: ipip tunnels do not support checksum options", c.key())
	case typ == model.TunGRE && csum == model.TunFlagRemCsum:
		return prev, errorf(c.Pos, "%s: gre tunnels do not support remcsum", c.key())
	}
	f.tunType, f.tunPort, f.tunFlags = typ, uint16(port), csum
	return f, nil
}

func vsEngine(p *parser, b *vsBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	b.pe = v
	return nil
}

func vsPersistence(p *parser, b *vsBuilder, c *node) error {
	if len(c.args()) == 0 {
		b.timeout = model.DefaultPersistentTimeout
		return nil
	}
	v, err := unsignedArg(c, 1, model.MaxTimeout)
	if err != nil {
		return err
	}
	b.timeout = uint32(v)
	return nil
}

// vsGranularity is keepalived's pgr_handler: a prefix length for IPv6, a
// mask for IPv4 (the family from the service, or from a '.' in the value);
// it implies the default persistence timeout.
func vsGranularity(p *parser, b *vsBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	af := b.af
	if af == 0 {
		af = model.AFInet6
		if slices.Contains([]byte(v), '.') {
			af = model.AFInet
		}
	}
	if af == model.AFInet6 {
		n, err := strconv.ParseUint(v, 10, 8)
		if err != nil || n < 1 || n > 128 {
			return errorf(c.Pos, "persistence_granularity: invalid IPv6 prefix length %q", v)
		}
		b.netmask = uint32(n)
	} else {
		m, err := netip.ParseAddr(v)
		if err != nil || !m.Is4() {
			return errorf(c.Pos, "persistence_granularity: invalid IPv4 mask %q", v)
		}
		x := m.As4()
		b.netmask = uint32(x[0])<<24 | uint32(x[1])<<16 | uint32(x[2])<<8 | uint32(x[3])
	}
	if b.af == 0 {
		b.af = af
	}
	if b.timeout == 0 {
		b.timeout = model.DefaultPersistentTimeout
	}
	return nil
}

func vsProtocol(p *parser, b *vsBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	proto, ok := model.ParseProtocol(v) // TCP, UDP, SCTP in any case, as keepalived's strcasecmp
	if !ok {
		return errorf(c.Pos, "protocol: %q is not TCP, UDP or SCTP", v)
	}
	b.proto = proto
	return nil
}

func vsVirtualhost(p *parser, b *vsBuilder, c *node) error {
	v, err := firstArg(c)
	if err != nil {
		return err
	}
	b.virtualhost = v
	return nil
}

func vsScript(p *parser, b *vsBuilder, c *node) error {
	argv, err := script(c)
	if err != nil {
		return err
	}
	target := &b.quorumUp
	if c.key() == "quorum_down" {
		target = &b.quorumDown
	}
	if *target != nil {
		p.warn(c.Pos, "%s already specified: this one ignored, as keepalived does", c.key())
		return nil
	}
	if !p.notifyRuns(c, argv) {
		return nil
	}
	*target = argv
	return nil
}

// script reads a script statement's command as keepalived does.
func script(c *node) ([]string, error) {
	argv := scriptArgs(c.Raw)
	if len(argv) == 0 {
		return nil, errorf(c.Pos, "%s needs a script", c.key())
	}
	return argv, nil
}

func vsQuorum(p *parser, b *vsBuilder, c *node) error {
	lo := uint64(1)
	if c.key() == "hysteresis" {
		lo = 0
	}
	v, err := unsignedArg(c, lo, math.MaxUint32)
	if err != nil {
		return err
	}
	if c.key() == "quorum" {
		b.quorum = uint32(v)
	} else {
		b.hysteresis = uint32(v)
	}
	return nil
}

func vsWeight(p *parser, b *vsBuilder, c *node) error {
	v, err := unsignedArg(c, 1, maxWeight)
	if err != nil {
		return err
	}
	b.weight = int64(v)
	return nil
}

func vsSorry(p *parser, b *vsBuilder, c *node) error {
	addr, port, err := addrPort(c, c.args())
	if err != nil {
		return err
	}
	w := int64(1)
	b.sorry = &rsBuilder{pos: c.Pos, addr: addr, port: port, weight: &w, method: b.method}
	return nil
}

func vsSorryInhibit(p *parser, b *vsBuilder, c *node) error {
	if b.sorry == nil {
		p.warn(c.Pos, "sorry_server_inhibit before or without sorry_server: ignored, as keepalived does")
		return nil
	}
	b.sorryInhibit = true
	return nil
}

func vsSorryMethod(p *parser, b *vsBuilder, c *node) error {
	if b.sorry == nil {
		p.warn(c.Pos, "sorry_server_lvs_method before or without sorry_server: ignored, as keepalived does")
		return nil
	}
	f, err := lvsMethod(c, b.sorry.method)
	if err != nil {
		return err
	}
	b.sorry.method = f
	return nil
}

// vsRealServer reads a real_server block; at its end keepalived skips a
// server of the other address family (unless tunnelled).
func vsRealServer(p *parser, b *vsBuilder, c *node) error {
	addr, port, err := addrPort(c, c.args())
	if err != nil {
		return err
	}
	rs := &rsBuilder{pos: c.Pos, addr: addr, port: port, method: b.method}
	for _, x := range c.Children {
		if err := p.rsItem(b, rs, x); err != nil {
			return err
		}
	}
	if !rs.method.set || rs.method.method != model.FwdTunnel {
		switch af := afOf(addr); {
		case b.af == 0:
			b.af = af
		case b.af != af:
			p.warn(c.end(), "address family of the virtual server and real server %s don't match: real server skipped, as keepalived does", addr)
			return nil
		}
	}
	b.rs = append(b.rs, rs)
	return nil
}

// vsEnd is keepalived's end-of-block and group checks: the sorry server's
// family, the family of a fwmark service, and whether a group's addresses
// suit the service. False: the block is dropped.
func (p *parser) vsEnd(b *vsBuilder) bool {
	if s := b.sorry; s != nil && (!s.method.set || s.method.method != model.FwdTunnel) {
		switch af := afOf(s.addr); {
		case b.af == 0:
			b.af = af
		case b.af != af:
			p.warn(s.pos, "address family of the virtual server and sorry server %s don't match: sorry server skipped, as keepalived does", s.addr)
			b.sorry = nil
		}
	}
	if g := b.grp; g != nil {
		switch {
		case g.v4 && g.v6 && b.af != 0:
			p.warn(b.pos, "%s: virtual server group with IPv4 and IPv6 does not match a service with non-tunnel servers: virtual server ignored, as keepalived does", g.name)
			return false
		case (g.v4 && b.af == model.AFInet6) || (g.v6 && b.af == model.AFInet):
			p.warn(b.pos, "%s: the group's address family does not match the virtual server's: virtual server ignored, as keepalived does", g.name)
			return false
		case b.af == 0 && g.v4 != g.v6:
			b.af = model.AFInet
			if g.v6 {
				b.af = model.AFInet6
			}
		}
	}
	if b.af == 0 {
		b.af = b.tunnelledFamily()
	}
	return true
}

// tunnelledFamily is the family of a service whose servers are all
// tunnelled: theirs when they agree, IPv4 otherwise.
func (b *vsBuilder) tunnelledFamily() uint16 {
	af := uint16(0)
	if b.sorry != nil {
		af = afOf(b.sorry.addr)
	}
	for _, rs := range b.rs {
		switch {
		case af == 0:
			af = afOf(rs.addr)
		case af != afOf(rs.addr):
			return model.AFInet
		}
	}
	if af == 0 {
		return model.AFInet
	}
	return af
}
