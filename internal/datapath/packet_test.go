package datapath

import (
	"bytes"
	"encoding/binary"
	"net/netip"
)

// Packet fixtures for BPF_PROG_TEST_RUN, built by hand in the manner of
// Katran's test fixtures: Ethernet, IPv4/IPv6, TCP/UDP/ICMP with correct
// checksums, and a checker for what the program sends out.

var (
	macClient   = [6]byte{0x02, 0, 0, 0, 0, 0x02}
	macDirector = [6]byte{0x02, 0, 0, 0, 0, 0x01}
	macRS       = [6]byte{0x02, 0, 0, 0, 0, 0x11}
)

const (
	ethIPv4    = 0x0800
	ethIPv6    = 0x86dd
	ethVLAN    = 0x8100
	protoICMP  = 1
	protoICMP6 = 58
	tcpSYN     = 0x02
	tcpACK     = 0x10
	tcpFIN     = 0x01
)

func ether(dst, src [6]byte, typ uint16, payload []byte) []byte {
	b := append(append(dst[:0:0], dst[:]...), src[:]...)
	b = binary.BigEndian.AppendUint16(b, typ)
	return append(b, payload...)
}

// csum is the Internet checksum's one's-complement sum, unfolded.
func csum(sum uint32, b []byte) uint32 {
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	return sum
}

func fold(sum uint32) uint16 {
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

func pseudo(src, dst netip.Addr, proto uint8, length int) uint32 {
	s := csum(0, src.AsSlice())
	s = csum(s, dst.AsSlice())
	return s + uint32(proto) + uint32(length)
}

// l4 builds a TCP or UDP segment with its checksum.
func l4(proto uint8, src, dst netip.Addr, sport, dport uint16, flags uint8, payload []byte) []byte {
	var b []byte
	b = binary.BigEndian.AppendUint16(b, sport)
	b = binary.BigEndian.AppendUint16(b, dport)
	off := 6
	if proto == protoTCP {
		b = append(b, 0, 0, 0, 1, 0, 0, 0, 0, 5<<4, flags, 0xff, 0xff, 0, 0, 0, 0)
		off = 16
	} else {
		b = binary.BigEndian.AppendUint16(b, uint16(8+len(payload)))
		b = append(b, 0, 0)
	}
	b = append(b, payload...)
	c := fold(csum(pseudo(src, dst, proto, len(b)), b))
	if proto == protoUDP && c == 0 {
		c = 0xffff
	}
	binary.BigEndian.PutUint16(b[off:], c)
	return b
}

func ipv4(src, dst netip.Addr, proto uint8, df bool, payload []byte) []byte {
	h := make([]byte, 20)
	h[0] = 0x45
	binary.BigEndian.PutUint16(h[2:], uint16(20+len(payload)))
	if df {
		h[6] = 0x40
	}
	h[8] = 64
	h[9] = proto
	copy(h[12:], src.AsSlice())
	copy(h[16:], dst.AsSlice())
	binary.BigEndian.PutUint16(h[10:], fold(csum(0, h)))
	return append(h, payload...)
}

// hopped is an IP packet as a router forwards it: TTL (hop limit) one
// less, the IPv4 header checksum computed afresh.
func hopped(pkt []byte) []byte {
	b := bytes.Clone(pkt)
	if b[0]>>4 == 6 {
		b[7]--
		return b
	}
	b[8]--
	hl := int(b[0]&0xf) * 4
	b[10], b[11] = 0, 0
	binary.BigEndian.PutUint16(b[10:], fold(csum(0, b[:hl])))
	return b
}

func ipv6(src, dst netip.Addr, next uint8, payload []byte) []byte {
	h := make([]byte, 40)
	h[0] = 0x60
	binary.BigEndian.PutUint16(h[4:], uint16(len(payload)))
	h[6] = next
	h[7] = 64
	copy(h[8:], src.AsSlice())
	copy(h[24:], dst.AsSlice())
	return append(h, payload...)
}

// frame builds client -> director Ethernet frame with an IP packet.
func frame(src, dst netip.Addr, proto uint8, sport, dport uint16, flags uint8, payload []byte) []byte {
	seg := l4(proto, src, dst, sport, dport, flags, payload)
	if src.Is4() {
		return ether(macDirector, macClient, ethIPv4, ipv4(src, dst, proto, true, seg))
	}
	return ether(macDirector, macClient, ethIPv6, ipv6(src, dst, proto, seg))
}

// parsed is what the checker reads back from an output frame.
type parsed struct {
	dstMAC, srcMAC [6]byte
	af             int
	proto          uint8
	src, dst       netip.Addr
	l3, l4         []byte // from the IP header / from the L4 header to the IP packet's end
	ipOK, l4OK     bool   // checksums verify
}

func parseFrame(b []byte) (p parsed, ok bool) {
	if len(b) < 14 {
		return p, false
	}
	copy(p.dstMAC[:], b[0:6])
	copy(p.srcMAC[:], b[6:12])
	typ := binary.BigEndian.Uint16(b[12:])
	ip := b[14:]
	switch typ {
	case ethIPv4:
		if len(ip) < 20 {
			return p, false
		}
		hl := int(ip[0]&0xf) * 4
		tot := int(binary.BigEndian.Uint16(ip[2:]))
		if tot > len(ip) || hl > tot {
			return p, false
		}
		p.af, p.proto = 4, ip[9]
		p.src = netip.AddrFrom4([4]byte(ip[12:16]))
		p.dst = netip.AddrFrom4([4]byte(ip[16:20]))
		p.l3, p.l4 = ip[:tot], ip[hl:tot]
		p.ipOK = fold(csum(0, ip[:hl])) == 0
	case ethIPv6:
		if len(ip) < 40 {
			return p, false
		}
		tot := 40 + int(binary.BigEndian.Uint16(ip[4:]))
		if tot > len(ip) {
			return p, false
		}
		p.af, p.proto = 6, ip[6]
		p.src = netip.AddrFrom16([16]byte(ip[8:24]))
		p.dst = netip.AddrFrom16([16]byte(ip[24:40]))
		p.l3, p.l4 = ip[:tot], ip[40:tot]
		p.ipOK = true
	default:
		return p, false
	}
	switch p.proto {
	case protoTCP, protoUDP:
		if p.proto == protoUDP && len(p.l4) >= 8 && binary.BigEndian.Uint16(p.l4[6:]) == 0 {
			// No checksum: IPv4, and tunnels over IPv6 (RFC 6935), as IPVS sends GUE without --tun-csum.
			p.l4OK = true
		} else {
			p.l4OK = fold(csum(pseudo(p.src, p.dst, p.proto, len(p.l4)), p.l4)) == 0
		}
	case protoICMP:
		p.l4OK = fold(csum(0, p.l4)) == 0
	case protoICMP6:
		p.l4OK = fold(csum(pseudo(p.src, p.dst, p.proto, len(p.l4)), p.l4)) == 0
	default:
		p.l4OK = true
	}
	return p, true
}

func ports(l4 []byte) (uint16, uint16) {
	return binary.BigEndian.Uint16(l4[0:]), binary.BigEndian.Uint16(l4[2:])
}
