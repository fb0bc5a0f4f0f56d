package datapath

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"testing"

	"xvs/internal/model"
)

// withTTL sets a frame's TTL (hop limit), fixing the IPv4 header checksum.
func withTTL(f []byte, ttl uint8) []byte {
	ip := f[14:]
	if ip[0]>>4 == 6 {
		ip[7] = ttl
		return f
	}
	ip[8] = ttl
	ip[10], ip[11] = 0, 0
	binary.BigEndian.PutUint16(ip[10:], fold(csum(0, ip[:20])))
	return f
}

// TestTTL: the director forwards as a router does (IPVS's decrement_ttl):
// TTL 2 leaves with 1, TTL 1 is answered with ICMP time exceeded from the
// VIP, for NAT, DR and TUN over IPv4 and IPv6; a NAT reply with TTL 1 goes
// to the kernel's forwarding, which answers it.
func TestTTL(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		port := uint16(41000)
		for _, fwd := range []uint8{model.FwdMasq, model.FwdRoute, model.FwdTunnel} {
			for _, c := range []struct{ cip, vip, rip netip.Addr }{{cip4, vip4, rip4}, {cip6, vip6, rip6}} {
				what := fmt.Sprintf("fwd %d %s", fwd, c.vip)
				fx.service(protoUDP, c.vip, 80, Dest{Addr: c.rip, Port: 80, Fwd: fwd}, "rr")
				port++
				ret, out := fx.run(withTTL(frame(c.cip, c.vip, protoUDP, port, 80, 0, []byte("q")), 2))
				if !fx.expect(what, ret, xdpTX) {
					continue
				}
				p := fx.parse(what, out)
				inner := p.l3
				if fwd == model.FwdTunnel {
					inner = p.l4
				}
				if ttl := ttlOf(inner); ttl != 1 {
					t.Errorf("%s: left with TTL %d", what, ttl)
				}
				expired := fx.event("ttl_expired")
				ret, out = fx.run(withTTL(frame(c.cip, c.vip, protoUDP, port, 80, 0, []byte("q")), 1))
				if !fx.expect(what+" TTL 1", ret, xdpTX) {
					continue
				}
				p = fx.parse(what+" TTL 1", out)
				wantType := byte(11) // ICMP time exceeded
				if c.vip.Is6() {
					wantType = 3
				}
				if p.src != c.vip || p.dst != c.cip || p.l4[0] != wantType || p.l4[1] != 0 || fx.event("ttl_expired") != expired+1 {
					t.Errorf("%s TTL 1: answered %s -> %s type %d code %d", what, p.src, p.dst, p.l4[0], p.l4[1])
				}
			}
		}
		// A NAT reply: TTL 2 leaves with 1; TTL 1 is the kernel's to answer.
		fx.service(protoUDP, vip4, 80, Dest{Addr: rip4, Port: 80, Fwd: model.FwdMasq}, "rr")
		fx.run(frame(cip4, vip4, protoUDP, 41100, 80, 0, []byte("q")))
		reply := func(ttl uint8) (uint32, []byte) {
			return fx.run(withTTL(ether(macDirector, macRS, ethIPv4, ipPacket(rip4, cip4, protoUDP,
				l4(protoUDP, rip4, cip4, 80, 41100, 0, []byte("a")))), ttl))
		}
		if ret, out := reply(2); fx.expect("reply", ret, xdpTX) {
			if p := fx.parse("reply", out); ttlOf(p.l3) != 1 || p.src != vip4 {
				t.Errorf("reply left from %s with TTL %d", p.src, ttlOf(p.l3))
			}
		}
		if ret, _ := reply(1); ret != xdpPass {
			t.Errorf("reply with TTL 1: verdict %d, want the kernel's", ret)
		}
	})
}

func ttlOf(ip []byte) uint8 {
	if ip[0]>>4 == 6 {
		return ip[7]
	}
	return ip[8]
}

// TestTunnelPathMTU: an ICMP "fragmentation needed" (or "packet too big")
// from a router beyond the director, about a tunnelled packet to a real
// server, makes the datapath keep that path MTU: a client packet that
// would not fit it once encapsulated gets the error, with the room the
// tunnel leaves (the kernel's route exception does that for IPVS).
func TestTunnelPathMTU(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		router4, router6 := netip.MustParseAddr("198.18.0.250"), netip.MustParseAddr("2001:db8:18::250")
		for _, c := range []struct{ cip, vip, rip, dip, router netip.Addr }{
			{cip4, vip4, rip4, dip4, router4}, {cip6, vip6, rip6, dip6, router6}} {
			fx.service(protoUDP, c.vip, 80, Dest{Addr: c.rip, Port: 80, Fwd: model.FwdTunnel}, "rr")
			hlen, mtu := 20, 1400
			if c.vip.Is6() {
				hlen, mtu = 40, 1300
			}
			big := make([]byte, mtu-hlen-28+10) // fits the path bare, not in the tunnel
			if ret, _ := fx.run(frame(c.cip, c.vip, protoUDP, 42000, 80, 0, big)); ret != xdpTX {
				t.Fatalf("%s: before: verdict %d", c.vip, ret)
			}
			// The router's error about the director's encapsulated packet.
			inner := ipPacket(c.cip, c.vip, protoUDP, l4(protoUDP, c.cip, c.vip, 42000, 80, 0, big[:8]))
			proto := uint8(4)
			typ, info := []byte{3, 4}, uint32(mtu)
			if c.vip.Is6() {
				proto, typ = 41, []byte{2, 0}
			}
			quoted := ipPacket(c.dip, c.rip, proto, inner)
			icmp := append([]byte{typ[0], typ[1], 0, 0, 0, 0, 0, 0}, quoted...)
			binary.BigEndian.PutUint32(icmp[4:], info)
			icmpProto := uint8(protoICMP)
			if c.vip.Is6() {
				icmpProto = protoICMP6
				binary.BigEndian.PutUint16(icmp[2:], fold(pseudo(c.router, c.dip, protoICMP6, len(icmp))+csum(0, icmp)))
			} else {
				binary.BigEndian.PutUint16(icmp[2:], fold(csum(0, icmp)))
			}
			if ret, _ := fx.run(ether(macDirector, macRS, etherType(c.dip), ipPacket(c.router, c.dip, icmpProto, icmp))); ret != xdpPass {
				t.Errorf("%s: the router's error: verdict %d, want the kernel's", c.vip, ret)
			}
			ret, out := fx.run(frame(c.cip, c.vip, protoUDP, 42000, 80, 0, big))
			if !fx.expect(c.vip.String()+" after", ret, xdpTX) {
				continue
			}
			p := fx.parse("too big", out)
			got := binary.BigEndian.Uint32(p.l4[4:])
			if c.vip.Is4() {
				got &= 0xffff
			}
			if p.dst != c.cip || uint32(mtu-hlen) != got {
				t.Errorf("%s: answered %s type %d with MTU %d, want %d", c.vip, p.dst, p.l4[0], got, mtu-hlen)
			}
		}
	})
}
