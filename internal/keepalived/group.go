package keepalived

import (
	"math"
	"math/big"
	"net/netip"
	"strconv"
	"strings"

	"xvs/internal/model"
)

// group is a virtual_server_group: addresses (with ports) and fwmarks.
type group struct {
	pos          Pos
	name         string
	addrs        []model.ServiceKey // AF, Addr, Port
	marks        []groupMark
	v4, v6       bool
	markNoFamily bool
}

type groupMark struct {
	mark uint32
	af   uint16 // 0: the virtual server's family
}

// maxGroupRange bounds what one range or prefix of a group makes (keepalived
// would make a service per address, however many).
const maxGroupRange = 4096

func (p *parser) group(n *node) error {
	if len(n.args()) != 1 {
		return errorf(n.Pos, "virtual_server_group needs a name")
	}
	g := &group{pos: n.Pos, name: n.args()[0]}
	for _, m := range n.Children {
		if err := g.entry(m); err != nil {
			return err
		}
	}
	switch {
	case len(g.addrs) == 0 && len(g.marks) == 0:
		p.warn(n.Pos, "virtual server group %s has no entries: ignored, as keepalived does", g.name)
		return nil
	case g.v4 && g.v6 && g.markNoFamily:
		p.warn(n.Pos, "virtual server group %s cannot have IPv4, IPv6 and fwmark without family: ignored, as keepalived does", g.name)
		return nil
	}
	p.groups[g.name] = g
	return nil
}

// entry reads IP[-LAST|-IP|/PREFIX] [PORT] or fwmark N [inet|inet6].
func (g *group) entry(m *node) error {
	w := m.Words
	if w[0] == "fwmark" {
		if len(w) < 2 || len(w) > 3 {
			return errorf(m.Pos, "virtual_server_group member: fwmark N [inet|inet6]")
		}
		v, err := unsignedValue(m, w[1], 0, math.MaxUint32)
		if err != nil {
			return err
		}
		gm := groupMark{mark: uint32(v)}
		switch {
		case len(w) == 2:
			g.markNoFamily = true
		case w[2] == "inet":
			gm.af, g.v4 = model.AFInet, true
		case w[2] == "inet6":
			gm.af, g.v6 = model.AFInet6, true
		default:
			return errorf(m.Pos, "virtual_server_group member: fwmark family %q is not inet or inet6", w[2])
		}
		g.marks = append(g.marks, gm)
		return nil
	}
	if len(w) > 2 {
		return errorf(m.Pos, "virtual_server_group member: IP[-LAST] [PORT] or fwmark N")
	}
	port := uint64(0)
	if len(w) == 2 {
		var err error
		if port, err = unsignedValue(m, w[1], 0, math.MaxUint16); err != nil {
			return err
		}
	}
	addrs, err := groupRange(m, w[0])
	if err != nil {
		return err
	}
	for _, a := range addrs {
		af := model.AFInet
		if a.Is6() {
			af, g.v6 = model.AFInet6, true
		} else {
			g.v4 = true
		}
		g.addrs = append(g.addrs, model.ServiceKey{AF: af, Addr: a, Port: uint16(port)})
	}
	return nil
}

// groupRange expands an address, a range in its last part
// (198.18.0.120-129, 2001:db8::a-c), a range to a full address
// (198.18.0.250-198.18.1.10) or a prefix (198.18.0.8/29).
func groupRange(m *node, s string) ([]netip.Addr, error) {
	if prefix, err := netip.ParsePrefix(s); err == nil && strings.Contains(s, "/") {
		if prefix.Masked() != prefix {
			return nil, errorf(m.Pos, "address mask bits not empty: %s", s)
		}
		last := lastOf(prefix)
		return addrsBetween(m, s, prefix.Addr(), last)
	}
	first, rest, isRange := strings.Cut(s, "-")
	a, err := netip.ParseAddr(first)
	if err != nil {
		return nil, errorf(m.Pos, "invalid virtual server group address %q", s)
	}
	if !isRange {
		return []netip.Addr{a}, nil
	}
	if end, err := netip.ParseAddr(rest); err == nil {
		if end.Is4() != a.Is4() || end.Less(a) {
			return nil, errorf(m.Pos, "invalid address range %s", s)
		}
		return addrsBetween(m, s, a, end)
	}
	base, bits := 10, 8
	if a.Is6() {
		base, bits = 16, 16
	}
	v, err := strconv.ParseUint(rest, base, bits)
	b := a.AsSlice()
	start := uint64(b[len(b)-1])
	if a.Is6() {
		start = uint64(b[len(b)-2])<<8 | uint64(b[len(b)-1])
	}
	if err != nil || v <= start {
		return nil, errorf(m.Pos, "invalid address range %s: the end must be above the start", s)
	}
	if a.Is6() {
		b[len(b)-2], b[len(b)-1] = byte(v>>8), byte(v)
	} else {
		b[len(b)-1] = byte(v)
	}
	end, _ := netip.AddrFromSlice(b)
	return addrsBetween(m, s, a, end)
}

func lastOf(p netip.Prefix) netip.Addr {
	b := p.Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

func addrsBetween(m *node, s string, first, last netip.Addr) ([]netip.Addr, error) {
	n := new(big.Int).Sub(new(big.Int).SetBytes(last.AsSlice()), new(big.Int).SetBytes(first.AsSlice()))
	if n.Cmp(big.NewInt(maxGroupRange)) >= 0 {
		return nil, errorf(m.Pos, "%s makes more than %d services", s, maxGroupRange)
	}
	var out []netip.Addr
	for a := first; ; a = a.Next() {
		out = append(out, a)
		if a == last {
			return out, nil
		}
	}
}
