package keepalived

import (
	"fmt"
	"strings"

	"xvs/internal/model"
)

// finish is keepalived's validate_check_config for one virtual server:
// defaults, corrections it reports, and the services it makes. nil: the
// virtual server is dropped.
func (p *parser) finish(b *vsBuilder) (*VirtualServer, error) {
	vs := &VirtualServer{Pos: b.pos, Name: b.name(), Omega: b.omega, QuorumUp: b.quorumUp, QuorumDown: b.quorumDown}
	if b.grp != nil {
		vs.Group = b.grp.name
	}
	if len(b.rs) == 0 {
		p.warn(b.pos, "virtual server %s has no real servers: ignored, as keepalived does", vs.Name)
		return nil, nil
	}
	p.checkProtocol(b, vs.Name)
	if b.sched == "" {
		p.warn(b.pos, "virtual server %s: no lb_algo: wlc, as keepalived does", vs.Name)
		b.sched = model.DefaultScheduler
	}
	if !b.method.set {
		p.warn(b.pos, "virtual server %s: no lb_kind: NAT, as keepalived does", vs.Name)
		b.method = fwd{set: true, method: model.FwdMasq}
	}
	var weightSum uint64
	for _, rb := range b.rs {
		if prev := b.earlier(rb); prev != nil {
			p.warn(rb.pos, "virtual server %s: real server %s is duplicated (first at %s): this one removed, as keepalived does", vs.Name, hostPort(rb.addr, rb.port), prev.pos)
			continue
		}
		rs := b.realServer(rb)
		weightSum += uint64(rs.Weight)
		vs.RealServers = append(vs.RealServers, rs)
	}
	if b.sorry != nil {
		vs.Sorry = b.sorryServer(p, vs)
	}
	b.checkQuorum(p, vs.Name, weightSum)
	vs.Quorum, vs.Hysteresis = b.quorum, b.hysteresis
	b.checkPorts(p, vs)
	vs.Keys = b.serviceKeys()
	vs.Service = b.serviceConfig()
	p.collapse(vs)
	return vs, nil
}

// name is how xvs names the virtual server in logs and health listings.
func (b *vsBuilder) name() string {
	proto := ""
	switch {
	case b.proto != 0:
		proto = strings.ToUpper(model.ProtocolName(b.proto)) + " "
	case b.addressed():
		proto = "UDP " // keepalived's default: see checkProtocol
	}
	switch {
	case b.grp != nil:
		return proto + "group " + b.grp.name
	case b.keys[0].IsFWMark():
		return fmt.Sprintf("FWM %d", b.keys[0].FWMark)
	}
	return proto + hostPort(b.keys[0].Addr, b.keys[0].Port)
}

// addressed tells whether the service has addresses (and so a protocol).
func (b *vsBuilder) addressed() bool {
	if b.grp != nil {
		return len(b.grp.addrs) > 0
	}
	return !b.keys[0].IsFWMark()
}

// checkProtocol: without protocol an address service is UDP (the kernel's
// 0); ops needs UDP; port 0 needs persistence; a fwmark service has no
// protocol.
func (p *parser) checkProtocol(b *vsBuilder, name string) {
	if b.addressed() {
		if b.proto == 0 {
			p.warn(b.pos, "virtual server %s: no protocol set: UDP, as keepalived does", name)
			b.proto = model.ProtoUDP
		}
		if b.flags&model.SvcOnePacket != 0 && b.proto != model.ProtoUDP {
			p.warn(b.pos, "virtual server %s: one packet scheduling (ops) requires UDP: cleared, as keepalived does", name)
			b.flags &^= model.SvcOnePacket
		}
		if b.timeout == 0 && b.hasPortZero() {
			p.warn(b.pos, "virtual server %s: port 0 is only valid for persistent services: persistence_timeout %d, as keepalived does", name, model.DefaultPersistentTimeout)
			b.timeout = model.DefaultPersistentTimeout
		}
	} else if b.proto != 0 && (b.grp == nil || len(b.grp.addrs) == 0) {
		p.warn(b.pos, "virtual server %s: protocol on a fwmark service is ignored, as keepalived does", name)
		b.proto = 0
	}
}

func (b *vsBuilder) hasPortZero() bool {
	if b.grp == nil {
		return b.keys[0].Port == 0
	}
	for _, k := range b.grp.addrs {
		if k.Port == 0 {
			return true
		}
	}
	return false
}

// earlier is the real server written before rb with the same address and
// port.
func (b *vsBuilder) earlier(rb *rsBuilder) *rsBuilder {
	for _, o := range b.rs {
		if o == rb {
			return nil
		}
		if o.addr == rb.addr && o.port == rb.port {
			return o
		}
	}
	return nil
}

// realServer applies the virtual server's defaults to a real server and its
// checkers.
func (b *vsBuilder) realServer(rb *rsBuilder) *RealServer {
	m := rb.method
	if !m.set {
		m = b.method
	}
	rs := &RealServer{Pos: rb.pos, Addr: rb.addr, Port: rb.port, Weight: b.weight, Fwd: m.method,
		TunType: m.tunType, TunPort: m.tunPort, TunFlags: m.tunFlags, UThreshold: rb.uth, LThreshold: rb.lth,
		Inhibit: b.inhibit, NotifyUp: rb.notifyUp, NotifyDown: rb.notifyDown}
	if rb.weight != nil {
		rs.Weight = *rb.weight
	}
	if rb.inhibit != nil {
		rs.Inhibit = *rb.inhibit
	}
	alpha := b.alpha
	if rb.alpha != nil {
		alpha = *rb.alpha
	}
	for _, cb := range rb.checks {
		rs.Checks = append(rs.Checks, cb.resolve(b, rb, alpha))
	}
	return rs
}

// sorryServer is the sorry server with the service's method unless it has
// its own; one equal to a real server takes that server's inhibit.
func (b *vsBuilder) sorryServer(p *parser, vs *VirtualServer) *RealServer {
	s := b.sorry
	m := s.method
	if !m.set {
		m = b.method
	}
	rs := &RealServer{Pos: s.pos, Addr: s.addr, Port: s.port, Weight: 1, Fwd: m.method, TunType: m.tunType,
		TunPort: m.tunPort, TunFlags: m.tunFlags, Inhibit: b.sorryInhibit}
	for _, r := range vs.RealServers {
		if r.Addr == rs.Addr && r.Port == rs.Port && r.Inhibit != rs.Inhibit {
			p.warn(s.pos, "virtual server %s: the sorry server is real server %s, whose inhibit_on_failure it takes, as keepalived does", vs.Name, hostPort(r.Addr, r.Port))
			rs.Inhibit = r.Inhibit
		}
	}
	return rs
}

// checkQuorum: a quorum above the real servers' total weight is lowered to
// it; a hysteresis at or above the quorum is lowered to quorum - 1 (in
// keepalived's unsigned arithmetic: 4294967295 for quorum 0).
func (b *vsBuilder) checkQuorum(p *parser, name string, weightSum uint64) {
	if uint64(b.quorum) > weightSum {
		p.warn(b.pos, "virtual server %s: quorum %d exceeds the real servers' total weight %d: lowered to %d, as keepalived does", name, b.quorum, weightSum, weightSum)
		b.quorum = uint32(weightSum)
	}
	if b.hysteresis >= b.quorum {
		p.warn(b.pos, "virtual server %s: hysteresis %d >= quorum %d: set to %d, as keepalived does", name, b.hysteresis, b.quorum, b.quorum-1)
		b.hysteresis = b.quorum - 1
	}
}

// checkPorts is keepalived's port rules for a service that is not a group:
// a NAT server without port takes the service's; a DR or TUN server has the
// service's port (a fwmark service's: none).
func (b *vsBuilder) checkPorts(p *parser, vs *VirtualServer) {
	if b.grp != nil {
		return // per group member, when programmed
	}
	k := b.keys[0]
	fix := func(rs *RealServer, what string) {
		switch {
		case rs.Fwd == model.FwdMasq:
			if !k.IsFWMark() && rs.Port == 0 && what == "real server" {
				rs.Port = k.Port
			}
		case k.IsFWMark() && rs.Port != 0:
			p.warn(rs.Pos, "fwmark virtual server %s: %s %s has a port: cleared, as keepalived does", vs.Name, what, rs.Addr)
			rs.Port = 0
		case !k.IsFWMark() && rs.Port == 0:
			rs.Port = k.Port
		case !k.IsFWMark() && rs.Port != k.Port:
			p.warn(rs.Pos, "virtual server %s and %s %s: ports don't match: %d, as keepalived does", vs.Name, what, hostPort(rs.Addr, rs.Port), k.Port)
			rs.Port = k.Port
		}
	}
	for _, rs := range vs.RealServers {
		fix(rs, "real server")
	}
	if vs.Sorry != nil {
		fix(vs.Sorry, "sorry server")
	}
}

// collapse drops real servers that are the same destination as an
// earlier one (DR or TUN servers written with different ports): keepalived
// programs the first and fails to add the others.
func (p *parser) collapse(vs *VirtualServer) {
	k := vs.Keys[0] // the same for every member
	seen := map[model.DestKey]*RealServer{}
	kept := vs.RealServers[:0]
	for _, rs := range vs.RealServers {
		dk := destConfig(k, rs, 0).DestKey
		if first, dup := seen[dk]; dup {
			p.warn(rs.Pos, "virtual server %s: real server %s is the same destination as the one at %s: only that one is programmed, as keepalived does", vs.Name, rs.Addr, first.Pos)
			continue
		}
		seen[dk] = rs
		kept = append(kept, rs)
	}
	vs.RealServers = kept
}

// serviceKeys are the IPVS services: the address or fwmark, or each member
// of the group (a group's fwmarks take their family, else the service's).
func (b *vsBuilder) serviceKeys() []model.ServiceKey {
	if b.grp == nil {
		k := b.keys[0]
		if k.IsFWMark() {
			k.AF = b.af
		} else {
			k.Protocol = b.proto
		}
		return []model.ServiceKey{k}
	}
	var keys []model.ServiceKey
	for _, a := range b.grp.addrs {
		a.Protocol = b.proto
		keys = append(keys, a)
	}
	for _, m := range b.grp.marks {
		af := m.af
		if af == 0 {
			af = b.af
		}
		keys = append(keys, model.ServiceKey{AF: af, FWMark: m.mark})
	}
	return keys
}

// serviceConfig is keepalived's ipvs_set_srule: granularity and engine only
// count for a persistent service.
func (b *vsBuilder) serviceConfig() model.ServiceConfig {
	c := model.ServiceConfig{Scheduler: b.sched, Flags: b.flags}
	if b.timeout != 0 {
		c.Flags |= model.SvcPersistent
		c.Timeout = b.timeout
		c.Netmask = b.netmask
		c.PE = b.pe
	}
	return c
}

// netmaskFor is the granularity IPVS gets for a service of family af.
func netmaskFor(c model.ServiceConfig, af uint16) uint32 {
	switch {
	case c.Netmask != 0:
		return c.Netmask
	case af == model.AFInet6:
		return 128
	}
	return 0xffffffff
}

// destConfig is a real server as IPVS takes it for service k: DR and TUN
// use the service's port (none for fwmark).
func destConfig(k model.ServiceKey, rs *RealServer, w int32) model.DestConfig {
	port := rs.Port
	if rs.Fwd != model.FwdMasq {
		port = k.Port
	}
	d := model.DestConfig{DestKey: model.DestKey{AF: afOf(rs.Addr), Addr: rs.Addr, Port: port}, Fwd: rs.Fwd, Weight: w,
		UThreshold: rs.UThreshold, LThreshold: rs.LThreshold}
	if rs.Fwd == model.FwdTunnel {
		d.TunType, d.TunPort, d.TunFlags = rs.TunType, rs.TunPort, rs.TunFlags
	}
	return d
}
