package datapath

import (
	"net/netip"
	"testing"

	"xvs/internal/model"
)

// Connections and templates across their destination's life, as IPVS
// handles them with its sysctl defaults (expire_nodest_conn 0,
// expire_quiescent_template 0, conn_reuse_mode 1).

var rip2 = netip.MustParseAddr("198.18.0.12")

// twoDests is a TCP service on vip4:80 with rip4 (id 1) and rip2 (id 2).
func twoDests(flags uint32, fwd uint8, weight1 int32, ids ...uint32) Service {
	s := Service{ID: 1, AF: model.AFInet, Protocol: protoTCP, Addr: vip4, Port: 80, Scheduler: "rr", Flags: flags,
		Netmask: 0xffffffff}
	if flags&model.SvcPersistent != 0 {
		s.Timeout = 300
	}
	for _, id := range ids {
		d := Dest{ID: id, AF: model.AFInet, Addr: map[uint32]netip.Addr{1: rip4, 2: rip2}[id], Port: 80, Fwd: fwd, Weight: 1}
		if id == 1 {
			d.Weight = weight1
		}
		s.Dests = append(s.Dests, d)
	}
	return s
}

func (fx *fixture) apply(svcs ...Service) {
	fx.t.Helper()
	if err := fx.d.Apply(svcs, Timeouts{}); err != nil {
		fx.t.Fatalf("apply: %v", err)
	}
}

// connect opens a TCP connection (SYN, then ACK) from cip4:port and
// returns its destination id.
func (fx *fixture) connect(port uint16) uint32 {
	fx.t.Helper()
	if ret, _ := fx.run(frame(cip4, vip4, protoTCP, port, 80, tcpSYN, nil)); ret != xdpTX {
		fx.t.Fatalf("SYN from %d: verdict %d", port, ret)
	}
	if ret, _ := fx.run(frame(cip4, vip4, protoTCP, port, 80, tcpACK, nil)); ret != xdpTX {
		fx.t.Fatalf("ACK from %d: verdict %d", port, ret)
	}
	return fx.connDest(cip4, port)
}

func (fx *fixture) event(name string) uint64 {
	ev, err := fx.d.Events()
	if err != nil {
		fx.t.Fatal(err)
	}
	return EventCount(ev, name)
}

// TestDeletedDestinationDrops: a deleted destination's connections have
// their packets dropped and their timers left to run out; a quiesced one's
// go on; a destination added back (same id, from the control plane's
// trash) takes its connections back.
func TestDeletedDestinationDrops(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.apply(twoDests(0, model.FwdMasq, 1, 2, 1))
		a, b := fx.connect(40001), fx.connect(40002)
		if a == b {
			t.Fatalf("rr put both connections on %d", a)
		}
		onDest := map[uint32]uint16{a: 40001, b: 40002}
		// Destination 1 deleted, destination 2 quiesced.
		s2 := twoDests(0, model.FwdMasq, 1, 2)
		s2.Dests[0].Weight = 0
		fx.apply(s2)
		k := xvsXvsConnKey{Saddr: addrWords(cip4), Daddr: addrWords(vip4), Sport: be16(onDest[1]), Dport: be16(80), Af: afInet, Proto: protoTCP}
		var before, after xvsXvsConn
		fx.d.connLookup(&k, &before)
		gone := fx.event("dest_gone")
		if ret, _ := fx.run(frame(cip4, vip4, protoTCP, onDest[1], 80, tcpACK, []byte("x"))); ret != xdpDrop {
			t.Errorf("packet to the deleted destination: verdict %d, want drop", ret)
		}
		fx.d.connLookup(&k, &after)
		if after.Expires != before.Expires || fx.event("dest_gone") != gone+1 {
			t.Errorf("timer re-armed (%d -> %d) or not counted", before.Expires, after.Expires)
		}
		if ret, _ := fx.run(frame(cip4, vip4, protoTCP, onDest[2], 80, tcpACK, []byte("x"))); ret != xdpTX {
			t.Errorf("packet to the quiesced destination: verdict %d", ret)
		}
		// Back from the trash: same id, and its connection works again.
		fx.apply(twoDests(0, model.FwdMasq, 1, 2, 1))
		if ret, _ := fx.run(frame(cip4, vip4, protoTCP, onDest[1], 80, tcpACK, []byte("x"))); ret != xdpTX {
			t.Errorf("packet after the destination came back: verdict %d", ret)
		}
	})
}

// templateOf lists the templates of the table.
func (fx *fixture) templates() []Conn {
	conns, err := fx.d.Conns()
	if err != nil {
		fx.t.Fatal(err)
	}
	var out []Conn
	for _, c := range conns {
		if c.Template {
			out = append(out, c)
		}
	}
	return out
}

// TestTemplateAssured: a template reads NONE until a connection it
// controls is established (TCP) or answered (UDP NAT), then ASSURED, as
// -Lc shows it in IPVS.
func TestTemplateAssured(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.apply(twoDests(model.SvcPersistent, model.FwdMasq, 1, 1))
		fx.run(frame(cip4, vip4, protoTCP, 40010, 80, tcpSYN, nil))
		if tp := fx.templates(); len(tp) != 1 || tp[0].State != "NONE" {
			t.Fatalf("after the SYN: %+v", tp)
		}
		fx.run(frame(cip4, vip4, protoTCP, 40010, 80, tcpACK, nil))
		if tp := fx.templates(); len(tp) != 1 || tp[0].State != "ASSURED" {
			t.Errorf("after the handshake: %+v", tp)
		}

		udp := Service{ID: 1, AF: model.AFInet, Protocol: protoUDP, Addr: vip4, Port: 53, Scheduler: "rr",
			Flags: model.SvcPersistent, Timeout: 300, Netmask: 0xffffffff,
			Dests: []Dest{{ID: 1, AF: model.AFInet, Addr: rip4, Port: 53, Fwd: model.FwdMasq, Weight: 1}}}
		fx.noServices()
		fx.d.Sweep()
		fx.apply(udp)
		cip := netip.MustParseAddr("198.19.0.3")
		fx.run(frame(cip, vip4, protoUDP, 5353, 53, 0, []byte("q")))
		var st string
		for _, tp := range fx.templates() {
			if tp.CAddr == cip {
				st = tp.State
			}
		}
		if st != "NONE" {
			t.Errorf("UDP template after the query: %q", st)
		}
		fx.run(ether(macDirector, macRS, ethIPv4, ipPacket(rip4, cip, protoUDP, l4(protoUDP, rip4, cip, 53, 5353, 0, []byte("a")))))
		for _, tp := range fx.templates() {
			if tp.CAddr == cip {
				st = tp.State
			}
		}
		if st != "ASSURED" {
			t.Errorf("UDP template after the answer: %q", st)
		}
	})
}

// TestControlledConnectionTakesSYN: a SYN on the tuple of a connection in
// TIME_WAIT starts a new connection, except under persistence: there the
// template controls the connection, which takes the SYN on its server
// (is_new_conn_expected), and no new connection is counted.
func TestControlledConnectionTakesSYN(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		for _, persistent := range []bool{false, true} {
			var flags uint32
			if persistent {
				flags = model.SvcPersistent
			}
			fx.noServices()
			fx.d.Sweep()
			fx.apply(twoDests(flags, model.FwdMasq, 1, 2, 1))
			port := uint16(40020)
			if persistent {
				port = 40021
			}
			first := fx.connect(port)
			k := xvsXvsConnKey{Saddr: addrWords(cip4), Daddr: addrWords(vip4), Sport: be16(port), Dport: be16(80), Af: afInet, Proto: protoTCP}
			var v xvsXvsConn
			fx.d.connLookup(&k, &v)
			v.State = uint32(xvsXvsStateXVS_S_TIME_WAIT)
			fx.d.connUpdate(&k, &v, 0)
			svcConns := func() uint64 {
				c, _, _ := fx.d.Counters()
				return c[1].Conns
			}
			before := svcConns()
			fx.run(frame(cip4, vip4, protoTCP, port, 80, tcpSYN, nil))
			after, st := svcConns(), fx.connState(cip4, vip4, protoTCP, port, 80)
			switch {
			case persistent && (after != before || st != "SYN_RECV" || fx.connDest(cip4, port) != first):
				t.Errorf("persistent: conns %d -> %d, state %s, destination %d -> %d", before, after, st, first, fx.connDest(cip4, port))
			case !persistent && after != before+1:
				t.Errorf("not persistent: the SYN did not start a new connection (conns %d -> %d)", before, after)
			}
		}
	})
}

// TestTemplateInvalidated: when a template's destination is deleted, the
// next connection of its client gets a new template; the old one stays
// listed under ports 65535 until it runs out (ip_vs_check_template).
func TestTemplateInvalidated(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.apply(twoDests(model.SvcPersistent, model.FwdMasq, 1, 1))
		fx.connect(40030)
		fx.apply(twoDests(model.SvcPersistent, model.FwdMasq, 1, 2))
		if got := fx.connect(40031); got != 2 {
			t.Fatalf("new connection went to %d", got)
		}
		var invalid, valid int
		for _, tp := range fx.templates() {
			switch {
			case tp.VPort == 65535 && tp.DPort == 65535 && tp.DAddr == rip4:
				invalid++
			case tp.VPort == 80 && tp.DAddr == rip2:
				valid++
			default:
				t.Errorf("template %+v", tp)
			}
		}
		if invalid != 1 || valid != 1 {
			t.Errorf("%d invalidated and %d new templates", invalid, valid)
		}
	})
}

// TestPreEstablishedActive: a connection whose SYN got no answer yet counts
// as active, as the kernel's tcp_state_active counts SYN_RECV (so lc and
// wlc weigh it as the kernel does).
func TestPreEstablishedActive(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.apply(twoDests(0, model.FwdMasq, 1, 1))
		fx.run(frame(cip4, vip4, protoTCP, 40400, 80, tcpSYN, nil))
		if cc, _ := fx.d.ConnCounts(); cc[1].Active != 1 || cc[1].Inactive != 0 {
			t.Errorf("after a SYN: %+v", cc[1])
		}
		fx.run(frame(cip4, vip4, protoTCP, 40400, 80, tcpACK|tcpFIN, nil))
		if cc, _ := fx.d.ConnCounts(); cc[1].Active != 0 || cc[1].Inactive != 1 {
			t.Errorf("after a FIN: %+v", cc[1])
		}
	})
}
