package model

import "net/netip"

// destAddrAllowed is ip_vs_new_dest's test of a new destination's address.
//
// IPv4: inet_addr_type must say local or unicast. Kernel 6.1 takes 0.x.y.z
// but 0.0.0.0 as unicast; it refuses 0.0.0.0, 255.255.255.255, multicast,
// and the broadcast address of a subnet of the director's (the local
// routing table's broadcast routes, as 127.255.255.255 on lo).
//
// IPv6: an address that is not unicast by ipv6_addr_type (::, multicast,
// IPv4-mapped) or that is link-local is refused unless it is the
// director's own (__ip_vs_addr_is_local_v6: the route to it is local).
func (t *Table) destAddrAllowed(a netip.Addr) bool {
	if a.Is4() {
		if a.IsUnspecified() || a.IsMulticast() || a == netip.AddrFrom4([4]byte{255, 255, 255, 255}) {
			return false
		}
		return !t.isSubnetBroadcast(a)
	}
	if a.IsUnspecified() || a.IsMulticast() || a.Is4In6() || a.IsLinkLocalUnicast() {
		return t.isLocal(a)
	}
	return true
}

func (t *Table) localAddrs() []netip.Prefix {
	if t.LocalAddrs == nil {
		return nil
	}
	return t.LocalAddrs()
}

// isSubnetBroadcast tells whether a is the broadcast address of one of the
// director's IPv4 subnets (fib_add_ifaddr adds one for prefixes up to /30).
func (t *Table) isSubnetBroadcast(a netip.Addr) bool {
	for _, p := range t.localAddrs() {
		if p.Addr().Is4() && p.Bits() < 31 && a == lastAddr(p) {
			return true
		}
	}
	return false
}

// lastAddr is the highest address of an IPv4 prefix: all host bits set.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().As4()
	host := ^uint32(0) >> p.Bits()
	v := (uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])) | host
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// isLocal tells whether a is one of the director's own addresses.
func (t *Table) isLocal(a netip.Addr) bool {
	for _, p := range t.localAddrs() {
		if p.Addr().WithZone("") == a.WithZone("") {
			return true
		}
	}
	return false
}
