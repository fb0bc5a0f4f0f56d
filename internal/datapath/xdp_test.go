package datapath

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"net"
	"net/netip"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
	"golang.org/x/sys/unix"
	"xvs/internal/model"
)

// The XDP program under BPF_PROG_TEST_RUN, in a private network namespace
// with one interface ("xa", the director's) whose neighbours are static, so
// that bpf_fib_lookup resolves as on a real director.

var (
	cip4  = netip.MustParseAddr("198.19.0.2")
	vip4  = netip.MustParseAddr("198.18.0.100")
	rip4  = netip.MustParseAddr("198.18.0.11")
	dip4  = netip.MustParseAddr("198.18.0.1")
	cip6  = netip.MustParseAddr("2001:db8:19::2")
	vip6  = netip.MustParseAddr("2001:db8:18::100")
	rip6  = netip.MustParseAddr("2001:db8:18::11")
	dip6  = netip.MustParseAddr("2001:db8:18::1")
	xdpTX = uint32(3) // XDP_TX
)

const (
	xdpDrop = 1
	xdpPass = 2
)

// xdpMD is struct xdp_md, the context of a test run.
type xdpMD struct {
	Data, DataEnd, DataMeta, IngressIfindex, RxQueueIndex, EgressIfindex uint32
}

type fixture struct {
	t       *testing.T
	d       *Datapath
	ifindex int
}

// withDirector runs f on a locked thread in a fresh network namespace with
// the program loaded and interface xa set up; the namespace dies with it.
func withDirector(t *testing.T, f func(fx *fixture)) {
	requireRoot(t)
	objs := loadObjects(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread() // never unlocked: the thread ends with its namespace
		ns, err := netns.New()
		if err != nil {
			t.Error(err)
			return
		}
		defer ns.Close()
		ifindex, err := setupDirectorNetns()
		if err != nil {
			t.Error(err)
			return
		}
		d := &Datapath{objs: *objs, ended: map[uint32]xvsXvsConnCounts{}, state: newTables(), wrrCW: map[uint32]wrrState{}}
		if err := d.objs.IfaceFlags.Put(uint32(ifindex), uint32(xvsIfXDPXmit)); err != nil {
			t.Error(err)
			return
		}
		f(&fixture{t: t, d: d, ifindex: ifindex})
	}()
	<-done
}

func setupDirectorNetns() (int, error) {
	for _, s := range []string{"net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding"} {
		if err := os.WriteFile("/proc/sys/"+s, []byte("1"), 0o644); err != nil {
			return 0, err
		}
	}
	veth := &netlink.Veth{LinkAttrs: netlink.LinkAttrs{Name: "xa", HardwareAddr: net.HardwareAddr(macDirector[:])}, PeerName: "xb"}
	if err := netlink.LinkAdd(veth); err != nil {
		return 0, err
	}
	xa, err := netlink.LinkByName("xa")
	if err != nil {
		return 0, err
	}
	xb, _ := netlink.LinkByName("xb")
	netlink.LinkSetUp(xb)
	if err := netlink.LinkSetUp(xa); err != nil {
		return 0, err
	}
	for _, a := range []string{"198.18.0.1/24", "198.19.0.1/24", "2001:db8:18::1/64", "2001:db8:19::1/64"} {
		addr, _ := netlink.ParseAddr(a)
		addr.Flags = unix.IFA_F_NODAD
		if err := netlink.AddrAdd(xa, addr); err != nil {
			return 0, err
		}
	}
	neighbours := map[netip.Addr][6]byte{rip4: macRS, rip6: macRS, cip4: macClient, cip6: macClient}
	for i := range 8 { // more real servers, for the scheduler tests
		neighbours[netip.AddrFrom4([4]byte{198, 18, 0, byte(11 + i)})] = macRS
	}
	for ip, mac := range neighbours {
		n := &netlink.Neigh{LinkIndex: xa.Attrs().Index, IP: ip.AsSlice(), HardwareAddr: net.HardwareAddr(mac[:]),
			State: netlink.NUD_PERMANENT, Family: family(ip)}
		if err := netlink.NeighSet(n); err != nil {
			return 0, err
		}
	}
	return xa.Attrs().Index, nil
}

func family(a netip.Addr) int {
	if a.Is4() {
		return netlink.FAMILY_V4
	}
	return netlink.FAMILY_V6
}

// run feeds one frame to the program as if it arrived on xa.
func (fx *fixture) run(in []byte) (uint32, []byte) {
	opts := &ebpf.RunOptions{Data: in, DataOut: make([]byte, len(in)+512),
		Context: xdpMD{DataEnd: uint32(len(in)), IngressIfindex: uint32(fx.ifindex)}}
	ret, err := fx.d.objs.XvsXdp.Run(opts)
	if err != nil {
		fx.t.Fatalf("test run: %v", err)
	}
	return ret, opts.DataOut
}

// service installs one service with one destination (id 1).
func (fx *fixture) service(proto uint8, vip netip.Addr, port uint16, dst Dest, sched string) {
	af := uint16(model.AFInet)
	if vip.Is6() {
		af = model.AFInet6
	}
	dst.ID = 1
	if dst.AF == 0 {
		dst.AF = af
	}
	if dst.Weight == 0 {
		dst.Weight = 1
	}
	s := Service{ID: 1, AF: af, Protocol: proto, Addr: vip, Port: port, Scheduler: sched, Dests: []Dest{dst}}
	if err := fx.d.Apply([]Service{s}, Timeouts{}); err != nil {
		fx.t.Fatalf("apply: %v", err)
	}
}

func (fx *fixture) noServices() {
	if err := fx.d.Apply(nil, Timeouts{}); err != nil {
		fx.t.Fatalf("apply: %v", err)
	}
}

func (fx *fixture) expect(what string, ret, want uint32) bool {
	if ret != want {
		ev, _ := fx.d.Events()
		fx.t.Errorf("%s: verdict %d, want %d (events %v)", what, ret, want, ev)
		return false
	}
	return true
}

func (fx *fixture) parse(what string, out []byte) parsed {
	p, ok := parseFrame(out)
	if !ok {
		fx.t.Errorf("%s: output frame does not parse: % x", what, out)
	}
	if !p.ipOK || !p.l4OK {
		fx.t.Errorf("%s: bad checksum (ip %v, l4 %v): % x", what, p.ipOK, p.l4OK, out)
	}
	return p
}

// TestXDPNAT: NAT rewrites both ways with valid checksums, TCP and UDP,
// IPv4 and IPv6, and the connection goes SYN_RECV -> ESTABLISHED.
func TestXDPNAT(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		for _, c := range []struct {
			proto         uint8
			cip, vip, rip netip.Addr
		}{{protoTCP, cip4, vip4, rip4}, {protoUDP, cip4, vip4, rip4}, {protoTCP, cip6, vip6, rip6}, {protoUDP, cip6, vip6, rip6}} {
			what := fmt.Sprintf("NAT proto %d %s", c.proto, c.vip)
			fx.service(c.proto, c.vip, 80, Dest{Addr: c.rip, Port: 8080, Fwd: model.FwdMasq}, "rr")
			ret, out := fx.run(frame(c.cip, c.vip, c.proto, 40000, 80, tcpSYN, []byte("hello")))
			if !fx.expect(what, ret, xdpTX) {
				continue
			}
			p := fx.parse(what, out)
			sp, dp := ports(p.l4)
			if p.dstMAC != macRS || p.srcMAC != macDirector || p.dst != c.rip || p.src != c.cip || sp != 40000 || dp != 8080 {
				t.Errorf("%s: forwarded %+v ports %d->%d", what, p, sp, dp)
			}
			// The reply from the real server comes back from the VIP.
			ret, out = fx.run(ether(macDirector, macRS, etherType(c.rip), ipPacket(c.rip, c.cip, c.proto, l4(c.proto, c.rip, c.cip, 8080, 40000, tcpSYN|tcpACK, []byte("world")))))
			if !fx.expect(what+" reply", ret, xdpTX) {
				continue
			}
			p = fx.parse(what+" reply", out)
			sp, dp = ports(p.l4)
			if p.dstMAC != macClient || p.src != c.vip || p.dst != c.cip || sp != 80 || dp != 40000 {
				t.Errorf("%s reply: %+v ports %d->%d", what, p, sp, dp)
			}
			if c.proto == protoTCP {
				fx.run(frame(c.cip, c.vip, c.proto, 40000, 80, tcpACK, nil))
				if st := fx.connState(c.cip, c.vip, c.proto, 40000, 80); st != "ESTABLISHED" {
					t.Errorf("%s: state after the handshake %q", what, st)
				}
			}
		}
	})
}

// nhCacheEntry is bpf/xmit.h's struct nh_cache (no BTF type: the map is
// declared by sizes).
type nhCacheEntry struct {
	Expires    uint64
	Ifindex    uint32
	MTU        uint16
	DMAC, SMAC [6]byte
	HasSrc     uint8
	_          uint8
	Src, Addr  [4]uint32
	_          [4]byte
}

// TestXDPNATReplyNextHopCache: a NAT reply's next hop is cached per CPU by
// client address: a cached entry is used (a planted MAC shows), one that
// holds another client's address is not (the FIB answers and refills it).
func TestXDPNATReplyNextHopCache(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.service(protoUDP, vip4, 80, Dest{Addr: rip4, Port: 8080, Fwd: model.FwdMasq}, "rr")
		fx.run(frame(cip4, vip4, protoUDP, 40030, 80, 0, []byte("q")))
		reply := func(what string) [6]byte {
			ret, out := fx.run(ether(macDirector, macRS, ethIPv4, ipPacket(rip4, cip4, protoUDP, l4(protoUDP, rip4, cip4, 8080, 40030, 0, []byte("a")))))
			if !fx.expect(what, ret, xdpTX) {
				return [6]byte{}
			}
			p := fx.parse(what, out)
			if p.src != vip4 || p.dst != cip4 {
				t.Errorf("%s: %v -> %v", what, p.src, p.dst)
			}
			return p.dstMAC
		}
		w := addrWords(cip4)
		slot := ((w[0] ^ w[1] ^ w[2] ^ w[3]) * 2654435761) >> 20
		entries := func() []nhCacheEntry {
			var e []nhCacheEntry
			if err := fx.d.objs.NhClients.Lookup(slot, &e); err != nil {
				t.Fatal(err)
			}
			return e
		}
		plant := func(addr [4]uint32, dmac [6]byte) {
			e := make([]nhCacheEntry, len(entries()))
			for i := range e {
				e[i] = nhCacheEntry{Expires: monotonicNow() + uint64(time.Minute), Ifindex: uint32(fx.ifindex), MTU: 1500,
					DMAC: dmac, SMAC: macDirector, Addr: addr}
			}
			if err := fx.d.objs.NhClients.Put(slot, e); err != nil {
				t.Fatal(err)
			}
		}
		if mac := reply("first reply"); mac != macClient {
			t.Errorf("first reply to %x", mac)
		}
		cached := false
		for _, e := range entries() {
			cached = cached || (e.Addr == w && e.DMAC == macClient)
		}
		if !cached {
			t.Errorf("no CPU cached the client's next hop: %+v", entries())
		}
		planted := [6]byte{0x02, 0, 0, 0, 0, 0x99}
		plant(w, planted)
		if mac := reply("cached reply"); mac != planted {
			t.Errorf("reply with a cached next hop went to %x, want the planted %x", mac, planted)
		}
		plant(addrWords(netip.MustParseAddr("198.19.0.99")), planted)
		if mac := reply("reply past another client's entry"); mac != macClient {
			t.Errorf("reply went to %x: another client's cache entry was used", mac)
		}
	})
}

func etherType(a netip.Addr) uint16 {
	if a.Is4() {
		return ethIPv4
	}
	return ethIPv6
}

func ipPacket(src, dst netip.Addr, proto uint8, payload []byte) []byte {
	if src.Is4() {
		return ipv4(src, dst, proto, true, payload)
	}
	return ipv6(src, dst, proto, payload)
}

func (fx *fixture) connState(cip, vip netip.Addr, proto uint8, cport, vport uint16) string {
	k := xvsXvsConnKey{Saddr: addrWords(cip), Daddr: addrWords(vip), Sport: be16(cport), Dport: be16(vport), Af: afOf(cip), Proto: proto}
	var v xvsXvsConn
	if err := fx.d.connLookup(&k, &v); err != nil {
		return "none"
	}
	return connOf(&k, &v, 0).State
}

// TestXDPDirectRouting: only the MACs change (and the TTL, as routers do).
func TestXDPDirectRouting(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		for _, c := range []struct{ cip, vip, rip netip.Addr }{{cip4, vip4, rip4}, {cip6, vip6, rip6}} {
			fx.service(protoTCP, c.vip, 80, Dest{Addr: c.rip, Port: 80, Fwd: model.FwdRoute}, "rr")
			in := frame(c.cip, c.vip, protoTCP, 40001, 80, tcpSYN, []byte("x"))
			ret, out := fx.run(in)
			if !fx.expect("DR", ret, xdpTX) {
				continue
			}
			if !bytes.Equal(out[12:14], in[12:14]) || !bytes.Equal(out[14:len(in)], hopped(in[14:])) ||
				[6]byte(out[0:6]) != macRS || [6]byte(out[6:12]) != macDirector {
				t.Errorf("DR %s changed more than the MACs and the TTL:\n in % x\nout % x", c.vip, in, out)
			}
		}
	})
}

// TestXDPTunnels: IPIP, GUE and GRE, with and without checksums, IPv4 and
// IPv6; the outer source is the director's address toward the real server.
func TestXDPTunnels(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		sport := uint16(41000)
		for _, tc := range []struct {
			name  string
			typ   uint8
			flags uint16
		}{{"ipip", model.TunIPIP, 0}, {"gue", model.TunGUE, 0}, {"gue-csum", model.TunGUE, model.TunFlagCsum},
			{"gre", model.TunGRE, 0}, {"gre-csum", model.TunGRE, model.TunFlagCsum}} {
			for _, c := range []struct{ cip, vip, rip, dip netip.Addr }{{cip4, vip4, rip4, dip4}, {cip6, vip6, rip6, dip6}} {
				what := fmt.Sprintf("%s %s", tc.name, c.vip)
				fx.service(protoTCP, c.vip, 80, Dest{Addr: c.rip, Port: 80, Fwd: model.FwdTunnel, TunType: tc.typ, TunPort: 6080, TunFlags: tc.flags}, "rr")
				sport++ // a new connection: existing ones keep their forwarding
				inner := frame(c.cip, c.vip, protoTCP, sport, 80, tcpSYN, []byte("tunnelled"))
				ret, out := fx.run(inner)
				if !fx.expect(what, ret, xdpTX) {
					continue
				}
				p := fx.parse(what, out)
				if p.src != c.dip || p.dst != c.rip || p.dstMAC != macRS {
					t.Errorf("%s: outer %s -> %s mac %x", what, p.src, p.dst, p.dstMAC)
				}
				payload := p.l4
				switch tc.typ {
				case model.TunGUE:
					if p.proto != protoUDP || binary.BigEndian.Uint16(payload[2:]) != 6080 {
						t.Errorf("%s: not GUE to 6080: % x", what, p.l3)
					}
					if tc.flags&model.TunFlagCsum != 0 && binary.BigEndian.Uint16(payload[6:]) == 0 {
						t.Errorf("%s: no UDP checksum", what)
					}
					payload = payload[12:]
				case model.TunGRE:
					hl := 4
					if tc.flags&model.TunFlagCsum != 0 {
						hl = 8
						if fold(csum(0, payload)) != 0 {
							t.Errorf("%s: bad GRE checksum", what)
						}
					}
					payload = payload[hl:]
				}
				if want := hopped(inner[14:]); !bytes.Equal(payload, want) {
					t.Errorf("%s: inner packet not as forwarded:\n% x\n% x", what, payload, want)
				}
			}
		}
	})
}

// TestXDPICMP: no destination -> port unreachable to the client; a packet
// too big for the tunnel -> fragmentation needed; a real server's ICMP
// error about a NAT connection -> translated to the VIP.
func TestXDPICMP(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		// A service whose only destination is quiesced.
		fx.service(protoUDP, vip4, 53, Dest{Addr: rip4, Port: 53, Fwd: model.FwdMasq, Weight: -1}, "rr")
		if err := fx.d.objs.Dests.Update(uint32(1), xvsXvsDest{Addr: addrWords(rip4), Weight: 0, Port: be16(53), Af: afInet}, ebpf.UpdateExist); err != nil {
			t.Fatal(err)
		}
		ret, out := fx.run(frame(cip4, vip4, protoUDP, 40003, 53, 0, []byte("query")))
		if fx.expect("unreachable", ret, xdpTX) {
			p := fx.parse("unreachable", out)
			if p.proto != protoICMP || p.l4[0] != 3 || p.l4[1] != 3 || p.src != vip4 || p.dst != cip4 || p.dstMAC != macClient {
				t.Errorf("unreachable: got %+v", p)
			}
		}
		// 1500-byte DF packet through IPIP on a 1500 MTU link.
		fx.service(protoTCP, vip4, 80, Dest{Addr: rip4, Port: 80, Fwd: model.FwdTunnel}, "rr")
		ret, out = fx.run(frame(cip4, vip4, protoTCP, 40004, 80, tcpSYN, make([]byte, 1460)))
		if fx.expect("frag needed", ret, xdpTX) {
			p := fx.parse("frag needed", out)
			if p.proto != protoICMP || p.l4[0] != 3 || p.l4[1] != 4 || binary.BigEndian.Uint16(p.l4[6:]) != 1480 {
				t.Errorf("frag needed: % x", p.l4[:8])
			}
		}
		// NAT: the real server says port unreachable about CIP -> RIP.
		fx.service(protoUDP, vip4, 81, Dest{Addr: rip4, Port: 81, Fwd: model.FwdMasq}, "rr")
		orig := ipv4(cip4, rip4, protoUDP, true, l4(protoUDP, cip4, rip4, 40005, 81, 0, []byte("q")))
		if ret, _ := fx.run(frame(cip4, vip4, protoUDP, 40005, 81, 0, []byte("q"))); ret != xdpTX {
			t.Fatalf("NAT UDP not forwarded: %d", ret)
		}
		icmp := append([]byte{3, 3, 0, 0, 0, 0, 0, 0}, orig...)
		binary.BigEndian.PutUint16(icmp[2:], fold(csum(0, icmp)))
		before, _, _ := fx.d.Counters()
		ret, out = fx.run(ether(macDirector, macRS, ethIPv4, ipv4(rip4, cip4, protoICMP, false, icmp)))
		after, _, _ := fx.d.Counters()
		// IPVS counts the error as the service's output, at its length.
		if d := after[1]; d.OutPkts != before[1].OutPkts+1 || d.OutBytes != before[1].OutBytes+uint64(20+len(icmp)) {
			t.Errorf("ICMP from the real server counted %+v, before %+v", d, before[1])
		}
		if fx.expect("translated ICMP", ret, xdpTX) {
			p := fx.parse("translated ICMP", out)
			quoted := p.l4[8:]
			qdst := netip.AddrFrom4([4]byte(quoted[16:20]))
			_, qdport := ports(quoted[20:])
			if p.src != vip4 || p.dst != cip4 || qdst != vip4 || qdport != 81 || fold(csum(0, quoted[:20])) != 0 {
				t.Errorf("translated ICMP: outer %s->%s quoted dst %s:%d", p.src, p.dst, qdst, qdport)
			}
		}
	})
}

// TestXDPNotOurs: what is not a new connection to a service goes to the
// kernel untouched: other addresses, TCP without SYN, fragments of unknown
// datagrams, ARP,
// VLAN-tagged frames for other hosts.
func TestXDPNotOurs(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.service(protoTCP, vip4, 80, Dest{Addr: rip4, Port: 80, Fwd: model.FwdMasq}, "rr")
		// A later fragment (offset 8) of a datagram whose first never came.
		frag := frame(cip4, vip4, protoUDP, 1, 2, 0, []byte("frag"))
		frag[14+6], frag[14+7] = 0x20, 0x01 // MF, offset 1 (8 bytes)
		binary.BigEndian.PutUint16(frag[14+10:], 0)
		binary.BigEndian.PutUint16(frag[14+10:], fold(csum(0, frag[14:34])))
		for what, in := range map[string][]byte{
			"other address": frame(cip4, netip.MustParseAddr("198.18.0.99"), protoTCP, 1, 80, tcpSYN, nil),
			"other port":    frame(cip4, vip4, protoTCP, 1, 81, tcpSYN, nil),
			"ack, no conn":  frame(cip4, vip4, protoTCP, 1, 80, tcpACK, nil),
			"fragment":      frag,
			"arp":           ether(macDirector, macClient, 0x0806, make([]byte, 28)),
		} {
			ret, out := fx.run(in)
			if ret != xdpPass || !bytes.Equal(out, in) {
				t.Errorf("%s: verdict %d, frame changed %v", what, ret, !bytes.Equal(out, in))
			}
		}
	})
}

// TestXDPMalformed: every truncation and a set of corruptions of valid
// packets is passed to the kernel or dropped, never forwarded.
func TestXDPMalformed(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.service(protoTCP, vip4, 80, Dest{Addr: rip4, Port: 80, Fwd: model.FwdMasq}, "rr")
		fragSeg4 := l4(protoUDP, cip4, vip4, 2002, 80, 0, bytes.Repeat([]byte("f"), 40))
		fragSeg6 := l4(protoUDP, cip6, vip6, 2002, 80, 0, bytes.Repeat([]byte("f"), 40))
		frags4 := fragments(macClient, cip4, vip4, protoUDP, 5, fragSeg4, 24)
		frags6 := fragments(macClient, cip6, vip6, protoUDP, 5, fragSeg6, 24)
		valid := map[string][]byte{
			"tcp4":        frame(cip4, vip4, protoTCP, 2000, 80, tcpSYN, []byte("abc")),
			"tcp6":        frame(cip6, vip6, protoTCP, 2000, 80, tcpSYN, []byte("abc")),
			"udp4":        frame(cip4, vip4, protoUDP, 2000, 80, 0, []byte("abc")),
			"first frag4": frags4[0],
			"later frag4": frags4[1],
			"first frag6": frags6[0],
			"later frag6": frags6[1],
		}
		for name, v := range valid {
			for n := 0; n < len(v); n++ {
				in := v[:n]
				if len(in) < 14 {
					continue // the kernel refuses runs on less than an Ethernet header
				}
				if ret, _ := fx.run(in); ret != xdpPass && ret != xdpDrop {
					t.Errorf("%s truncated to %d: verdict %d", name, n, ret)
				}
			}
		}
		bad := func(mut func(b []byte)) []byte {
			b := bytes.Clone(valid["tcp4"])
			mut(b)
			return b
		}
		for what, in := range map[string][]byte{
			"ihl 4":            bad(func(b []byte) { b[14] = 0x44 }),
			"version 6 in v4":  bad(func(b []byte) { b[14] = 0x65 }),
			"tot_len too long": bad(func(b []byte) { binary.BigEndian.PutUint16(b[16:], 2000) }),
			"tot_len < ihl":    bad(func(b []byte) { binary.BigEndian.PutUint16(b[16:], 10) }),
			"doff 4":           bad(func(b []byte) { b[34+12] = 4 << 4 }),
			"ihl beyond frame": bad(func(b []byte) { b[14] = 0x4f }),
		} {
			if ret, _ := fx.run(in); ret != xdpPass && ret != xdpDrop {
				t.Errorf("%s: verdict %d", what, ret)
			}
		}
		// IPv6 with a hop-by-hop header in front of TCP is still ours.
		seg := l4(protoTCP, cip6, vip6, 2001, 80, tcpSYN, nil)
		hbh := append([]byte{protoTCP, 0, 1, 4, 0, 0, 0, 0}, seg...)
		in := ether(macDirector, macClient, ethIPv6, ipv6(cip6, vip6, 0, hbh))
		fx.service(protoTCP, vip6, 80, Dest{Addr: rip6, Port: 80, Fwd: model.FwdRoute}, "rr")
		if ret, _ := fx.run(in); ret != xdpTX {
			t.Errorf("IPv6 with hop-by-hop options: verdict %d", ret)
		}
	})
}

// TestXDPKernelPath: with no XDP transmit on the interface (a veth whose
// peer has no NAPI), rewritten frames go to the kernel with metadata.
func TestXDPKernelPath(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.d.objs.IfaceFlags.Put(uint32(fx.ifindex), uint32(0))
		fx.service(protoTCP, vip4, 80, Dest{Addr: rip4, Port: 8080, Fwd: model.FwdMasq}, "rr")
		ret, out := fx.run(frame(cip4, vip4, protoTCP, 40010, 80, tcpSYN, nil))
		// The run's output starts with the metadata for the tc program.
		const metaLen = 32
		if len(out) < metaLen || binary.LittleEndian.Uint32(out) != 0x58565331 {
			t.Fatalf("kernel path: no metadata: % x", out)
		}
		if ifindex := binary.LittleEndian.Uint32(out[4:]); ifindex != uint32(fx.ifindex) {
			t.Errorf("kernel path: metadata ifindex %d, want %d", ifindex, fx.ifindex)
		}
		out = out[metaLen:]
		if fx.expect("kernel path", ret, xdpPass) {
			p := fx.parse("kernel path", out)
			if p.dst != rip4 || p.dstMAC != macRS {
				t.Errorf("kernel path: frame not rewritten: %+v", p)
			}
		}
	})
}

// TestXDPUnresolvedNextHop: a frame whose next hop has no neighbour entry
// goes to the kernel (xvs_tc_out, bpf_redirect_neigh) with the next hop in
// the metadata and the frame's own MACs: bpf_redirect_neigh drops frames to
// a multicast MAC, and a tunnel's or an ICMP error's new header would
// otherwise be uninitialised headroom.
func TestXDPUnresolvedNextHop(t *testing.T) {
	unresolvedRS := netip.MustParseAddr("198.18.0.77")  // on xa's subnet, no neighbour
	unresolvedCIP := netip.MustParseAddr("198.19.0.77") // likewise
	withDirector(t, func(fx *fixture) {
		check := func(what string, in []byte, nextHop netip.Addr) {
			t.Helper()
			ret, out := fx.run(in)
			const metaLen = 32
			if ret != xdpPass || len(out) < metaLen || binary.LittleEndian.Uint32(out) != 0x58565331 {
				t.Fatalf("%s: verdict %d, no metadata: % x", what, ret, out[:min(len(out), 48)])
			}
			family, nh := binary.LittleEndian.Uint32(out[12:]), netip.AddrFrom4([4]byte(out[16:20]))
			if family != unix.AF_INET || nh != nextHop {
				t.Errorf("%s: metadata next hop %d %v, want %v", what, family, nh, nextHop)
			}
			p := fx.parse(what, out[metaLen:])
			if p.dstMAC != macDirector || p.srcMAC != macClient {
				t.Errorf("%s: MACs %x -> %x, want the frame's own %x -> %x", what, p.srcMAC, p.dstMAC, macClient, macDirector)
			}
		}
		fx.service(protoTCP, vip4, 80, Dest{Addr: unresolvedRS, Port: 80, Fwd: model.FwdTunnel}, "rr")
		check("tunnel", frame(cip4, vip4, protoTCP, 40020, 80, tcpSYN, nil), unresolvedRS)
		fx.service(protoTCP, vip4, 80, Dest{Addr: unresolvedRS, Port: 8080, Fwd: model.FwdMasq}, "rr")
		check("nat", frame(cip4, vip4, protoTCP, 40021, 80, tcpSYN, nil), unresolvedRS)
		fx.service(protoUDP, vip4, 53, Dest{Addr: rip4, Port: 53, Fwd: model.FwdMasq, Weight: -1}, "rr")
		if err := fx.d.objs.Dests.Update(uint32(1), xvsXvsDest{Addr: addrWords(rip4), Weight: 0, Port: be16(53), Af: afInet}, ebpf.UpdateExist); err != nil {
			t.Fatal(err)
		}
		check("port unreachable", frame(unresolvedCIP, vip4, protoUDP, 40022, 53, 0, []byte("query")), unresolvedCIP)
	})
}

// TestSweepReapsExpired: the sweeper removes expired connections and the
// destination's counts follow; live ones stay. (TestNATOneEntry: a reverse
// entry goes with its connection.)
func TestSweepReapsExpired(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.service(protoUDP, vip4, 80, Dest{Addr: rip4, Port: 80, Fwd: model.FwdMasq}, "rr")
		for port := uint16(50000); port < 50003; port++ {
			if ret, _ := fx.run(frame(cip4, vip4, protoUDP, port, 80, 0, []byte("x"))); ret != xdpTX {
				t.Fatalf("not forwarded: %d", ret)
			}
		}
		counts := func() ConnCounts {
			c, err := fx.d.ConnCounts()
			if err != nil {
				t.Fatal(err)
			}
			return c[1]
		}
		if c := counts(); c.Inactive != 3 || c.Active != 0 {
			t.Fatalf("after 3 UDP flows: %+v", c)
		}
		// Age one connection.
		k := xvsXvsConnKey{Saddr: addrWords(cip4), Daddr: addrWords(vip4), Sport: be16(50000), Dport: be16(80), Af: afInet, Proto: protoUDP}
		fx.expireAndSweep(&k)
		if c := counts(); c.Inactive != 2 {
			t.Errorf("after the sweep: %+v, want 2 inactive", c)
		}
		conns, _ := fx.d.Conns()
		if len(conns) != 2 {
			t.Errorf("%d connections listed, want 2", len(conns))
		}
	})
}

// TestSynFloodDefense: with the table three quarters full, the sweeper
// lets half-open connections past their grace period go and keeps the
// young ones and the established ones.
func TestSynFloodDefense(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.service(protoTCP, vip4, 80, Dest{Addr: rip4, Port: 80, Fwd: model.FwdRoute}, "rr")
		now := monotonicNow()
		n := int(fx.d.objs.Conns4.MaxEntries())*3/4 + 1000
		keys := make([]xvsXvsConnKey, n)
		keys4 := make([]xvsXvsConnKey4, n)
		vals := make([]xvsXvsConn, n)
		for i := range keys {
			keys[i] = xvsXvsConnKey{Saddr: [4]uint32{uint32(i)}, Daddr: addrWords(vip4), Sport: be16(1024), Dport: be16(80), Af: afInet, Proto: protoTCP}
			vals[i] = xvsXvsConn{Expires: now + uint64(50*time.Second), State: uint32(xvsXvsStateXVS_S_SYN_RECV), DestId: 1, SvcId: 1, Af: afInet, Fwd: 3}
			switch i {
			case 0: // young: just arrived
				vals[i].Expires = now + uint64(59900*time.Millisecond)
			case 1: // established
				vals[i].State = uint32(xvsXvsStateXVS_S_ESTABLISHED)
				vals[i].Expires = now + uint64(800*time.Second)
			}
		}
		for i := range keys {
			keys4[i] = toKey4(&keys[i])
		}
		if _, err := fx.d.objs.Conns4.BatchUpdate(keys4, vals, nil); err != nil {
			t.Fatal(err)
		}
		if err := fx.d.Sweep(); err != nil {
			t.Fatal(err)
		}
		var v xvsXvsConn
		for i, want := range []bool{true, true, false} {
			got := fx.d.connLookup(&keys[i], &v) == nil
			if got != want {
				t.Errorf("entry %d still there: %v, want %v", i, got, want)
			}
		}
	})
}

// TestXDPSCTPNAT: NAT to another port recomputes SCTP's CRC32c, both ways.
func TestXDPSCTPNAT(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		const sctp = 132
		fx.service(sctp, vip4, 80, Dest{Addr: rip4, Port: 8080, Fwd: model.FwdMasq}, "rr")
		sctpPacket := func(src, dst netip.Addr, sport, dport uint16) []byte {
			b := make([]byte, 12+16) // common header + an INIT-like chunk
			binary.BigEndian.PutUint16(b[0:], sport)
			binary.BigEndian.PutUint16(b[2:], dport)
			binary.BigEndian.PutUint32(b[4:], 0x01020304)
			b[12], b[14], b[15] = 1, 0, 16
			binary.LittleEndian.PutUint32(b[8:], crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))
			return ether(macDirector, macClient, ethIPv4, ipv4(src, dst, sctp, true, b))
		}
		check := func(what string, out []byte, sport, dport uint16) {
			p, ok := parseFrame(out)
			if !ok {
				t.Fatalf("%s: bad frame", what)
			}
			s := bytes.Clone(p.l4)
			got := binary.LittleEndian.Uint32(s[8:])
			binary.LittleEndian.PutUint32(s[8:], 0)
			if want := crc32.Checksum(s, crc32.MakeTable(crc32.Castagnoli)); got != want {
				t.Errorf("%s: CRC32c %08x, want %08x", what, got, want)
			}
			if sp, dp := ports(p.l4); sp != sport || dp != dport {
				t.Errorf("%s: ports %d -> %d", what, sp, dp)
			}
		}
		ret, out := fx.run(sctpPacket(cip4, vip4, 5000, 80))
		if ret != xdpTX {
			t.Fatalf("SCTP NAT: verdict %d", ret)
		}
		check("to the real server", out, 5000, 8080)
		ret, out = fx.run(ether(macDirector, macRS, ethIPv4, ipv4(rip4, cip4, sctp, true, sctpPacket(rip4, cip4, 8080, 5000)[34:])))
		if ret != xdpTX {
			t.Fatalf("SCTP NAT reply: verdict %d", ret)
		}
		check("reply", out, 80, 5000)
	})
}
