package datapath

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"

	"github.com/cilium/ebpf"
	"xvs/internal/model"
)

func natService(id uint32, vip netip.Addr, port uint16, rport uint16) Service {
	return Service{ID: id, AF: model.AFInet, Protocol: protoUDP, Addr: vip, Port: port, Scheduler: "rr",
		Dests: []Dest{{ID: id, AF: model.AFInet, Addr: rip4, Port: rport, Fwd: model.FwdMasq, Weight: 1}}}
}

// TestPlanNATVIPs: a real server's port lists its services' VIPs up to
// XVS_NAT_VIPS; the further services, fwmark and port-0 services keep
// reverse entries; a listed VIP stays listed (it may linger for live
// connections) and a VIP that finds no room later gets reverse entries.
func TestPlanNATVIPs(t *testing.T) {
	var svcs []Service
	for i := range 5 {
		svcs = append(svcs, natService(uint32(i+1), netip.AddrFrom4([4]byte{198, 18, 0, byte(100 + i)}), 80, 8080))
	}
	port0 := natService(6, vip4, 0, 8080)
	mark := natService(7, netip.Addr{}, 0, 8080)
	mark.FWMark, mark.Protocol = 9, 0
	dr := natService(8, vip4, 81, 8080)
	dr.Dests[0].Fwd = model.FwdRoute
	svcs = append(svcs, port0, mark, dr)
	p := planNATVIPs(svcs, nil)
	k := xvsXvsNatKey{Addr: addrWords(rip4), Port: be16(8080), Af: afInet, Proto: protoUDP}
	if len(p.lists) != 1 || len(p.lists[k]) != xvsNatVIPs {
		t.Fatalf("lists %+v", p.lists)
	}
	if len(p.wanted[k]) != 5 {
		t.Errorf("wanted %d VIPs, want 5", len(p.wanted[k]))
	}
	if want := map[uint32]bool{5: true, 6: true, 7: true}; fmt.Sprint(p.replyEntry) != fmt.Sprint(want) {
		t.Errorf("reverse entries for %v, want %v", p.replyEntry, want)
	}
	// The first service goes; its VIP lingers and the fifth still finds no room.
	next := planNATVIPs(svcs[1:5], p.lists)
	if !slices.Equal(next.lists[k], p.lists[k]) || !next.replyEntry[5] || len(next.wanted[k]) != 4 {
		t.Errorf("after a removal: lists %v, reverse entries %v", next.lists[k], next.replyEntry)
	}
	// A port-0 destination is listed under the virtual port.
	svc := natService(1, vip4, 53, 0)
	if l := planNATVIPs([]Service{svc}, nil).lists; len(l[xvsXvsNatKey{Addr: addrWords(rip4), Port: be16(53), Af: afInet, Proto: protoUDP}]) != 1 {
		t.Errorf("port-0 destination: %v", l)
	}
}

// natEntries counts the IPv4 connection table's entries and the reverse
// ones among them.
func (fx *fixture) natEntries() (all, reverse int) {
	var k xvsXvsConnKey4
	var v xvsXvsConn
	it := fx.d.objs.Conns4.Iterate()
	for it.Next(&k, &v) {
		all++
		if v.Flags&xvsConnFReverse != 0 {
			reverse++
		}
	}
	if err := it.Err(); err != nil {
		fx.t.Fatal(err)
	}
	return all, reverse
}

// reply sends the real server's answer from rip:rport to cip:cport and
// checks that it leaves from vip:vport.
func (fx *fixture) reply(what string, vip netip.Addr, vport, rport, cport uint16) {
	fx.t.Helper()
	ret, out := fx.run(ether(macDirector, macRS, ethIPv4, ipPacket(rip4, cip4, protoUDP, l4(protoUDP, rip4, cip4, rport, cport, 0, []byte("r")))))
	if !fx.expect(what+" reply", ret, xdpTX) {
		return
	}
	p := fx.parse(what+" reply", out)
	sp, dp := ports(p.l4)
	if p.src != vip || p.dst != cip4 || sp != vport || dp != cport {
		fx.t.Errorf("%s reply: %s:%d -> %s:%d, want from %s:%d", what, p.src, sp, p.dst, dp, vip, vport)
	}
}

// expireAndSweep makes connection k expired and runs the sweeper.
func (fx *fixture) expireAndSweep(k *xvsXvsConnKey) {
	fx.t.Helper()
	var v xvsXvsConn
	if err := fx.d.connLookup(k, &v); err != nil {
		fx.t.Fatal(err)
	}
	v.Expires = 1
	if err := fx.d.connUpdate(k, &v, ebpf.UpdateExist); err != nil {
		fx.t.Fatal(err)
	}
	if err := fx.d.Sweep(); err != nil {
		fx.t.Fatal(err)
	}
}

// TestNATOneEntry: a NAT connection of a VIP:port service is one table
// entry and its replies leave from its VIP; the services nat_vips cannot
// name (the fifth of one real server port, port 0, fwmark) keep a reverse
// entry and answer from their VIP as well. A service's VIP stays listed
// after the service goes, for the replies of its live connections, until
// the sweeper sees the last one go.
func TestNATOneEntry(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		var svcs []Service
		vips := make([]netip.Addr, 5)
		for i := range vips {
			vips[i] = netip.AddrFrom4([4]byte{198, 18, 0, byte(100 + i)})
			svcs = append(svcs, natService(uint32(i+1), vips[i], 80, 8080))
		}
		port0 := natService(6, netip.MustParseAddr("198.18.0.110"), 0, 0)
		mark := natService(7, netip.Addr{}, 0, 8080)
		mark.FWMark, mark.Protocol = 9, 0
		fx.apply(append(svcs, port0, mark)...)
		rule, _ := model.ParseMarkRule("udp,198.18.3.0/24,8000-8100,9")
		if err := fx.d.SetMarkRules([]model.MarkRule{rule}); err != nil {
			t.Fatal(err)
		}
		// The client talks to every VIP.
		for i, vip := range vips {
			cport := uint16(41000 + i)
			if ret, _ := fx.run(frame(cip4, vip, protoUDP, cport, 80, 0, []byte("q"))); ret != xdpTX {
				t.Fatalf("%s not forwarded: %d", vip, ret)
			}
			fx.reply(vip.String(), vip, 80, 8080, cport)
		}
		if all, rev := fx.natEntries(); all != 6 || rev != 1 {
			t.Errorf("five NAT connections: %d entries, %d reverse; want 6 and 1 (the fifth service's)", all, rev)
		}
		if ret, _ := fx.run(frame(cip4, port0.Addr, protoUDP, 41010, 5353, 0, []byte("q"))); ret != xdpTX {
			t.Fatalf("port-0 service not forwarded: %d", ret)
		}
		fx.reply("port 0", port0.Addr, 5353, 5353, 41010)
		mvip := netip.MustParseAddr("198.18.3.7")
		if ret, _ := fx.run(frame(cip4, mvip, protoUDP, 41011, 8050, 0, []byte("q"))); ret != xdpTX {
			t.Fatalf("fwmark service not forwarded: %d", ret)
		}
		fx.reply("fwmark", mvip, 8050, 8080, 41011)
		if all, rev := fx.natEntries(); all != 10 || rev != 3 {
			t.Errorf("seven NAT connections: %d entries, %d reverse; want 10 and 3", all, rev)
		}

		// The first service goes: its connection still answers from its VIP.
		fx.apply(append(svcs[1:], port0, mark)...)
		fx.reply("deleted service", vips[0], 80, 8080, 41000)
		if err := fx.d.Sweep(); err != nil {
			t.Fatal(err)
		}
		fx.reply("deleted service after a sweep", vips[0], 80, 8080, 41000)
		// Its connection expires: the sweep reaps it and the VIP is unlisted.
		k := xvsXvsConnKey{Saddr: addrWords(cip4), Daddr: addrWords(vips[0]), Sport: be16(41000), Dport: be16(80), Af: afInet, Proto: protoUDP}
		fx.expireAndSweep(&k)
		var l xvsXvsNatVips
		nk := xvsXvsNatKey{Addr: addrWords(rip4), Port: be16(8080), Af: afInet, Proto: protoUDP}
		if err := fx.d.objs.NatVips.Lookup(nk, &l); err != nil {
			t.Fatal(err)
		}
		for i := range l.N {
			if l.Vip[i].Addr == addrWords(vips[0]) {
				t.Errorf("the deleted service's VIP is still listed: %+v", l)
			}
		}
		// The fifth service's connection (with its reverse entry) goes with
		// the reverse entry.
		k.Daddr, k.Sport = addrWords(vips[4]), be16(41004)
		var v xvsXvsConn
		if err := fx.d.connLookup(&k, &v); err != nil || v.Flags&xvsConnFReplyEntry == 0 {
			t.Fatalf("fifth service's connection: %+v %v", v, err)
		}
		fx.expireAndSweep(&k)
		if all, rev := fx.natEntries(); all != 7 || rev != 2 {
			t.Errorf("after two expired: %d entries, %d reverse; want 7 and 2", all, rev)
		}
	})
}

// TestFlagReplyEntries: NAT connections an older datapath left with a
// reverse entry are marked, so that the sweeper reaps the pair.
func TestFlagReplyEntries(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.service(protoUDP, vip4, 80, Dest{Addr: rip4, Port: 8080, Fwd: model.FwdMasq}, "rr")
		k := xvsXvsConnKey{Saddr: addrWords(cip4), Daddr: addrWords(vip4), Sport: be16(42000), Dport: be16(80), Af: afInet, Proto: protoUDP}
		v := xvsXvsConn{Expires: monotonicNow() + 60e9, Addr: addrWords(rip4), Port: be16(8080), DestId: 1, SvcId: 1, Af: afInet}
		rk := reverseKey(&k, &v)
		r := xvsXvsConn{Addr: k.Daddr, Port: k.Dport, Af: afInet, Flags: xvsConnFReverse, DestId: 1, SvcId: 1}
		k2 := k
		k2.Sport = be16(42001) // one without a reverse entry
		for _, e := range []struct {
			k *xvsXvsConnKey
			v *xvsXvsConn
		}{{&k, &v}, {&rk, &r}, {&k2, &v}} {
			if err := fx.d.connUpdate(e.k, e.v, ebpf.UpdateAny); err != nil {
				t.Fatal(err)
			}
		}
		if err := fx.d.flagReplyEntries(); err != nil {
			t.Fatal(err)
		}
		var got xvsXvsConn
		for _, c := range []struct {
			k    *xvsXvsConnKey
			want bool
		}{{&k, true}, {&k2, false}} {
			if err := fx.d.connLookup(c.k, &got); err != nil || (got.Flags&xvsConnFReplyEntry != 0) != c.want {
				t.Errorf("port %d: flags %#x (%v), want the reply-entry flag %v", be16(c.k.Sport), got.Flags, err, c.want)
			}
		}
	})
}
