package datapath

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"testing"

	"xvs/internal/model"
)

// fragments splits the L4 segment seg of a datagram src -> dst into IP
// fragments of at most n payload bytes (n a multiple of 8), as a host
// fragmenting it would send them: IPv4 with identification id, IPv6 with a
// fragment header carrying id.
func fragments(srcMAC [6]byte, src, dst netip.Addr, proto uint8, id uint32, seg []byte, n int) [][]byte {
	var out [][]byte
	for off := 0; off < len(seg); off += n {
		end := min(off+n, len(seg))
		more := end < len(seg)
		if src.Is4() {
			h := ipv4(src, dst, proto, false, seg[off:end])
			binary.BigEndian.PutUint16(h[4:], uint16(id))
			fo := uint16(off / 8)
			if more {
				fo |= 0x2000
			}
			binary.BigEndian.PutUint16(h[6:], fo)
			binary.BigEndian.PutUint16(h[10:], 0)
			binary.BigEndian.PutUint16(h[10:], fold(csum(0, h[:20])))
			out = append(out, ether(macDirector, srcMAC, ethIPv4, h))
			continue
		}
		fh := make([]byte, 8)
		fh[0] = proto
		fo := uint16(off) // the offset field holds 8-byte units in its upper 13 bits
		if more {
			fo |= 1
		}
		binary.BigEndian.PutUint16(fh[2:], fo)
		binary.BigEndian.PutUint32(fh[4:], id)
		out = append(out, ether(macDirector, srcMAC, ethIPv6, ipv6(src, dst, 44, append(fh, seg[off:end]...))))
	}
	return out
}

// reassemble joins the payloads of fragments the program sent out, checking
// that each keeps its fragment fields, and returns the addresses of the
// first and the datagram's L4 segment.
func reassemble(t *testing.T, what string, outs [][]byte) (src, dst netip.Addr, seg []byte) {
	t.Helper()
	for i, out := range outs {
		p, ok := parseFrame(out)
		if !ok || !p.ipOK {
			t.Fatalf("%s: fragment %d does not parse (or bad IP checksum): % x", what, i, out)
		}
		if i == 0 {
			src, dst = p.src, p.dst
		} else if p.src != src || p.dst != dst {
			t.Errorf("%s: fragment %d goes %s -> %s, the first %s -> %s", what, i, p.src, p.dst, src, dst)
		}
		if p.af == 4 {
			seg = append(seg, p.l4...)
			continue
		}
		if p.proto != 44 || len(p.l4) < 8 {
			t.Fatalf("%s: fragment %d lost its fragment header: % x", what, i, p.l3)
		}
		seg = append(seg, p.l4[8:]...)
	}
	return src, dst, seg
}

// TestXDPFragments: the fragments of a UDP datagram follow its connection
// (the later ones carry no ports: they are matched to the first by the
// datagram's identification): NAT rewrites every fragment both ways, with
// the datagram's checksum right once reassembled; DR and TUN forward them to
// the same server; the counters count the datagram once, as IPVS counts it
// reassembled; a later fragment whose first was not seen goes to the
// kernel untouched.
func TestXDPFragments(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		payload := bytes.Repeat([]byte("0123456789abcdef"), 8) // 128 bytes: three fragments of 48
		for i, c := range []struct{ cip, vip, rip netip.Addr }{{cip4, vip4, rip4}, {cip6, vip6, rip6}} {
			what := fmt.Sprintf("NAT %s", c.vip)
			fx.service(protoUDP, c.vip, 80, Dest{Addr: c.rip, Port: 8080, Fwd: model.FwdMasq}, "rr")
			cport := uint16(40100 + i)
			seg := l4(protoUDP, c.cip, c.vip, cport, 80, 0, payload)
			var outs [][]byte
			for j, in := range fragments(macClient, c.cip, c.vip, protoUDP, 0x1234, seg, 48) {
				ret, out := fx.run(in)
				if !fx.expect(fmt.Sprintf("%s fragment %d", what, j), ret, xdpTX) {
					return
				}
				outs = append(outs, out[:len(in)])
			}
			src, dst, got := reassemble(t, what, outs)
			sp, dp := ports(got)
			if src != c.cip || dst != c.rip || sp != cport || dp != 8080 || !bytes.Equal(got[8:], payload) {
				t.Errorf("%s: reassembled %s:%d -> %s:%d", what, src, sp, dst, dp)
			}
			if fold(csum(pseudo(src, dst, protoUDP, len(got)), got)) != 0 {
				t.Errorf("%s: the reassembled datagram's checksum is wrong", what)
			}
			svc, _, err := fx.d.Counters()
			if err != nil {
				t.Fatal(err)
			}
			hl := 20
			if c.cip.Is6() {
				hl = 40 // the reassembled datagram has no fragment header
			}
			if svc[1].InPkts != 1 || svc[1].InBytes != uint64(hl+len(seg)) {
				t.Errorf("%s: counted %d packets, %d bytes; want 1, %d", what, svc[1].InPkts, svc[1].InBytes, hl+len(seg))
			}

			// The real server's fragmented reply comes back from the VIP.
			reply := l4(protoUDP, c.rip, c.cip, 8080, cport, 0, payload)
			outs = outs[:0]
			for j, in := range fragments(macRS, c.rip, c.cip, protoUDP, 0x77, reply, 48) {
				ret, out := fx.run(in)
				if !fx.expect(fmt.Sprintf("%s reply fragment %d", what, j), ret, xdpTX) {
					return
				}
				outs = append(outs, out[:len(in)])
			}
			src, dst, got = reassemble(t, what+" reply", outs)
			sp, dp = ports(got)
			if src != c.vip || dst != c.cip || sp != 80 || dp != cport {
				t.Errorf("%s reply: reassembled %s:%d -> %s:%d", what, src, sp, dst, dp)
			}
			if fold(csum(pseudo(src, dst, protoUDP, len(got)), got)) != 0 {
				t.Errorf("%s reply: the reassembled datagram's checksum is wrong", what)
			}

			// A later fragment of a datagram whose first fragment never came.
			orphan := fragments(macClient, c.cip, c.vip, protoUDP, 0x4321, seg, 48)[1]
			before, _ := fx.d.Events()
			if ret, out := fx.run(orphan); ret != xdpPass || !bytes.Equal(out[:len(orphan)], orphan) {
				t.Errorf("%s: orphan fragment: verdict %d", what, ret)
			}
			after, _ := fx.d.Events()
			if EventCount(after, "fragment") != EventCount(before, "fragment")+1 {
				t.Errorf("%s: orphan fragment not counted", what)
			}
		}

		// DR and TUN send every fragment to the connection's server.
		for i, fwd := range []struct {
			name string
			d    Dest
		}{{"DR", Dest{Addr: rip4, Port: 80, Fwd: model.FwdRoute}}, {"TUN", Dest{Addr: rip4, Port: 80, Fwd: model.FwdTunnel, TunType: model.TunIPIP}}} {
			fx.service(protoUDP, vip4, 80, fwd.d, "rr")
			seg := l4(protoUDP, cip4, vip4, uint16(40200+i), 80, 0, payload) // a connection of its own
			for j, in := range fragments(macClient, cip4, vip4, protoUDP, 0x99, seg, 64) {
				what := fmt.Sprintf("%s fragment %d", fwd.name, j)
				ret, out := fx.run(in)
				if !fx.expect(what, ret, xdpTX) {
					break
				}
				p, ok := parseFrame(out)
				if !ok || p.dstMAC != macRS {
					t.Errorf("%s: not to the real server: % x", what, out[:34])
					continue
				}
				inner := p.l3
				if fwd.name == "TUN" {
					if p.proto != 4 || p.dst != rip4 {
						t.Errorf("%s: not IPIP to %s: % x", what, rip4, p.l3[:20])
					}
					inner = p.l4
				}
				if !bytes.Equal(inner, hopped(in[14:])) {
					t.Errorf("%s: the fragment changed beyond its TTL:\n% x\n% x", what, inner, hopped(in[14:]))
				}
			}
		}
	})
}
