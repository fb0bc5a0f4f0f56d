package model

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"syscall"
)

// Operations on mark rules (xvs's own; IPVS has none).
const (
	OpAddMarkRule Op = "add-mark-rule"
	OpDelMarkRule Op = "del-mark-rule"
)

// MarkRule gives packets a firewall mark for fwmark services. IPVS reads the
// mark iptables or nftables put on the skb; XDP runs before any skb exists,
// so xvs marks packets itself with these rules: protocol (0: any),
// destination prefix, destination port range (0-0: any).
type MarkRule struct {
	Protocol uint8        `json:"protocol,omitempty"`
	Prefix   netip.Prefix `json:"prefix"`
	PortLo   uint16       `json:"port_lo,omitempty"`
	PortHi   uint16       `json:"port_hi,omitempty"`
	Mark     uint32       `json:"mark"`
}

// Matches says whether two rules select the same packets.
func (r MarkRule) sameMatch(o MarkRule) bool {
	return r.Protocol == o.Protocol && r.Prefix == o.Prefix && r.PortLo == o.PortLo && r.PortHi == o.PortHi
}

// String is the rule as --add-mark-rule takes it: PROTO,PREFIX,PORTS,MARK.
func (r MarkRule) String() string {
	proto := ProtocolName(r.Protocol)
	if proto == "" {
		proto = "any"
	}
	ports := "any"
	switch {
	case r.PortLo == 0 && r.PortHi == 0:
	case r.PortLo == r.PortHi:
		ports = strconv.Itoa(int(r.PortLo))
	default:
		ports = fmt.Sprintf("%d-%d", r.PortLo, r.PortHi)
	}
	return fmt.Sprintf("%s,%s,%s,%d", proto, r.Prefix, ports, r.Mark)
}

// ParseMarkRule reads PROTO,PREFIX,PORTS,MARK (PROTO tcp|udp|sctp|any,
// PORTS N, N-M or any).
func ParseMarkRule(s string) (MarkRule, error) {
	var r MarkRule
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return r, fmt.Errorf("mark rule %q: want PROTO,PREFIX,PORTS,MARK", s)
	}
	if !strings.EqualFold(f[0], "any") {
		p, ok := ParseProtocol(f[0])
		if !ok {
			return r, fmt.Errorf("mark rule %q: protocol %q is not tcp, udp, sctp or any", s, f[0])
		}
		r.Protocol = p
	}
	p, err := netip.ParsePrefix(f[1])
	if err != nil {
		a, aerr := netip.ParseAddr(f[1])
		if aerr != nil {
			return r, fmt.Errorf("mark rule %q: %v", s, err)
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	r.Prefix = p.Masked()
	if f[2] != "any" {
		lo, hi, found := strings.Cut(f[2], "-")
		if !found {
			hi = lo
		}
		l, err1 := strconv.ParseUint(lo, 10, 16)
		h, err2 := strconv.ParseUint(hi, 10, 16)
		if err1 != nil || err2 != nil || l > h || l == 0 {
			return r, fmt.Errorf("mark rule %q: ports %q are not N, N-M (1..65535) or any", s, f[2])
		}
		r.PortLo, r.PortHi = uint16(l), uint16(h)
	}
	m, err := strconv.ParseUint(f[3], 10, 32)
	if err != nil || m == 0 {
		return r, fmt.Errorf("mark rule %q: mark %q is not 1..4294967295", s, f[3])
	}
	r.Mark = uint32(m)
	return r, nil
}

// MaxMarkRulesPerPrefix is how many rules one destination prefix takes.
const MaxMarkRulesPerPrefix = 8

// AddMarkRule adds a rule; the same match twice is EEXIST.
func (t *Table) AddMarkRule(r MarkRule) error {
	if r.Mark == 0 || !r.Prefix.IsValid() || r.PortLo > r.PortHi {
		return &Error{Op: OpAddMarkRule, Errno: syscall.EINVAL}
	}
	n := 0
	for _, o := range t.MarkRules {
		if o.sameMatch(r) {
			return &Error{Op: OpAddMarkRule, Errno: syscall.EEXIST}
		}
		if o.Prefix == r.Prefix {
			n++
		}
	}
	if n >= MaxMarkRulesPerPrefix {
		return &Error{Op: OpAddMarkRule, Errno: syscall.ENOSPC}
	}
	t.MarkRules = append(t.MarkRules, r)
	return nil
}

// DelMarkRule removes the rule with the same match; none is ENOENT.
func (t *Table) DelMarkRule(r MarkRule) error {
	i := slices.IndexFunc(t.MarkRules, r.sameMatch)
	if i < 0 {
		return &Error{Op: OpDelMarkRule, Errno: syscall.ENOENT}
	}
	t.MarkRules = slices.Delete(t.MarkRules, i, i+1)
	return nil
}
