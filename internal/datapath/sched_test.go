package datapath

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"xvs/internal/model"
	"xvs/internal/sched"
)

// TestSchedulersAgreeWithGo runs the datapath's scheduling (BPF_PROG_TEST_RUN
// on one-packet UDP services, so no connection changes the state between
// packets) on random destination sets, weights, connection counts, overload
// and client addresses, and requires the pick internal/sched makes, which
// the kernel-recorded decisions test pins to the real IPVS.
func TestSchedulersAgreeWithGo(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		rng := rand.New(rand.NewPCG(1, 2))
		for _, name := range []string{"rr", "wrr", "lc", "wlc", "sed", "nq", "fo", "ovf", "sh", "mh", "dh", "lblc", "lblcr"} {
			for trial := range 40 {
				var flags sched.Flags
				if name == "sh" || name == "mh" {
					flags = sched.Flags(rng.IntN(4) << 3) // fallback, port, both, none
				}
				fx.schedTrial(rng, name, flags, trial)
			}
		}
	})
}

func (fx *fixture) schedTrial(rng *rand.Rand, name string, flags sched.Flags, trial int) {
	t := fx.t
	n := 1 + rng.IntN(6)
	dests := make([]Dest, n)
	gdests := make([]sched.Dest, n)
	for i := range dests {
		w := int32(rng.IntN(5))
		if rng.IntN(4) == 0 {
			w = 0
		}
		lw := w
		if lw == 0 {
			lw = 1 + int32(rng.IntN(3))
		}
		addr := netip.AddrFrom4([4]byte{198, 18, 0, byte(11 + i)})
		active, inactive := uint32(rng.IntN(4)), uint32(rng.IntN(600))
		overloaded := rng.IntN(6) == 0
		dests[i] = Dest{ID: uint32(i + 1), AF: model.AFInet, Addr: addr, Port: 53, Fwd: model.FwdMasq, Weight: w, LastWeight: lw}
		if overloaded {
			dests[i].UThreshold = 1
		}
		gdests[i] = sched.Dest{Addr: addr, Port: 53, Weight: w, LastWeight: lw, Active: active, Inactive: inactive,
			Overloaded: overloaded && active+inactive > 0, Available: true}
	}
	svc := Service{ID: 1, AF: model.AFInet, Protocol: protoUDP, Addr: vip4, Port: 53, Scheduler: name,
		Flags: model.SvcOnePacket | uint32(flags), Dests: dests}
	fx.noServices()
	if err := fx.d.Apply([]Service{svc}, Timeouts{}); err != nil {
		t.Fatalf("%s: apply: %v", name, err)
	}
	for i := range dests {
		g := gdests[i]
		var over uint32
		if g.Overloaded {
			over = 1
		}
		fx.d.objs.ConnStarted.Put(dests[i].ID, xvsXvsConnCounts{Active: g.Active, Inactive: g.Inactive, Overload: over})
		fx.d.objs.ConnEnded.Put(dests[i].ID, xvsXvsConnCounts{})
		fx.d.ended[dests[i].ID] = xvsXvsConnCounts{}
	}
	s, err := sched.New(name, flags)
	if err != nil {
		t.Fatal(err)
	}
	s.Update(gdests)
	for pkt := range 12 {
		src := netip.AddrFrom4([4]byte{198, 19, 0, byte(2 + rng.IntN(250))})
		sport := uint16(1024 + rng.IntN(60000))
		want := s.Schedule(gdests, sched.Packet{SrcAddr: src, DstAddr: vip4, SrcPort: sport, DstPort: 53})
		got := fx.pick(src, sport)
		if got != want {
			t.Fatalf("%s flags %#x trial %d packet %d from %s:%d: datapath picked %d, Go %d\ndests %+v", name, flags, trial, pkt, src, sport, got, want, gdests)
		}
	}
}

// pick sends one datagram and says which real server (index) it went to,
// -1 for an ICMP port unreachable.
func (fx *fixture) pick(src netip.Addr, sport uint16) int {
	ret, out := fx.run(frame(src, vip4, protoUDP, sport, 53, 0, []byte("q")))
	if ret == xdpPass && len(out) > 32 && binary.LittleEndian.Uint32(out) == 0x58565331 {
		out = out[32:] // to the kernel for the neighbour (an ICMP error to a new client)
	} else if ret != xdpTX {
		ev, _ := fx.d.Events()
		fx.t.Fatalf("verdict %d, events %v", ret, ev)
	}
	p, ok := parseFrame(out)
	if !ok {
		fx.t.Fatalf("bad output % x", out)
	}
	if p.proto == protoICMP {
		return -1
	}
	return int(p.dst.As4()[3]) - 11
}

func init() { _ = fmt.Sprint }

// TestPersistence: clients of one /24 stick to one real server through a
// template that ignores quiescing, is listed and counted as IPVS does, and
// gives way when its destination leaves the service.
func TestPersistence(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		mk := func(ids ...uint32) Service {
			s := Service{ID: 1, AF: model.AFInet, Protocol: protoTCP, Addr: vip4, Port: 80, Scheduler: "rr",
				Flags: model.SvcPersistent, Timeout: 360, Netmask: 0xffffff00}
			for _, id := range ids {
				s.Dests = append(s.Dests, Dest{ID: id, AF: model.AFInet, Addr: netip.AddrFrom4([4]byte{198, 18, 0, byte(10 + id)}),
					Port: 80, Fwd: model.FwdMasq, Weight: 1})
			}
			return s
		}
		apply := func(s Service) {
			if err := fx.d.Apply([]Service{s}, Timeouts{}); err != nil {
				t.Fatal(err)
			}
		}
		apply(mk(3, 2, 1))
		dst := func(src string, sport uint16) netip.Addr {
			ret, out := fx.run(frame(netip.MustParseAddr(src), vip4, protoTCP, sport, 80, tcpSYN, nil))
			if ret != xdpTX {
				t.Fatalf("%s:%d: verdict %d", src, sport, ret)
			}
			p, _ := parseFrame(out)
			return p.dst
		}
		first := dst("198.19.0.2", 1000)
		if got := dst("198.19.0.77", 1001); got != first {
			t.Errorf("same /24 went to %s, then %s", first, got)
		}
		other := dst("198.19.5.2", 1002)
		if other == first {
			t.Errorf("another /24 went to the same server %s under rr", other)
		}
		conns, _ := fx.d.Conns()
		templates := 0
		for _, c := range conns {
			if c.Template {
				templates++
				if c.CPort != 0 || c.VPort != 80 || c.State != "NONE" {
					t.Errorf("template listed as %+v", c)
				}
			}
		}
		if templates != 2 {
			t.Errorf("%d templates, want 2: %+v", templates, conns)
		}
		cc, _ := fx.d.ConnCounts()
		firstID := uint32(first.As4()[3] - 10)
		// Two connections in SYN_RECV: active, as the kernel's
		// tcp_state_active counts them.
		if cc[firstID].Persist != 1 || cc[firstID].Active != 2 {
			t.Errorf("counts of %s: %+v, want 1 persistent, 2 active", first, cc[firstID])
		}
		// Quiesced: the template still sends the /24 there.
		s := mk(3, 2, 1)
		for i := range s.Dests {
			if s.Dests[i].ID == firstID {
				s.Dests[i].Weight = 0
			}
		}
		apply(s)
		if got := dst("198.19.0.9", 1003); got != first {
			t.Errorf("after quiescing, the template's client went to %s, want %s", got, first)
		}
		// Removed from the service: the template no longer holds.
		var rest []uint32
		for _, id := range []uint32{3, 2, 1} {
			if id != firstID {
				rest = append(rest, id)
			}
		}
		apply(mk(rest...))
		if got := dst("198.19.0.10", 1004); got == first {
			t.Errorf("after removing %s, the /24 still goes there", first)
		}
	})
}

// TestFwmarkServices: xvs's mark rules give packets the mark a fwmark
// service is keyed by; packets the rules do not mark are not its.
func TestFwmarkServices(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		s := Service{ID: 1, AF: model.AFInet, FWMark: 7, Scheduler: "rr", Flags: model.SvcPersistent, Timeout: 60, Netmask: 0xffffffff,
			Dests: []Dest{{ID: 1, AF: model.AFInet, Addr: rip4, Port: 0, Fwd: model.FwdRoute, Weight: 1}}}
		if err := fx.d.Apply([]Service{s}, Timeouts{}); err != nil {
			t.Fatal(err)
		}
		rule, _ := model.ParseMarkRule("tcp,198.18.3.0/24,8000-8100,7")
		if err := fx.d.SetMarkRules([]model.MarkRule{rule}); err != nil {
			t.Fatal(err)
		}
		vip := netip.MustParseAddr("198.18.3.5")
		for _, c := range []struct {
			proto uint8
			port  uint16
			want  uint32
		}{{protoTCP, 8050, xdpTX}, {protoTCP, 9000, xdpPass}, {protoUDP, 8050, xdpPass}} {
			ret, out := fx.run(frame(cip4, vip, c.proto, 40100, c.port, tcpSYN, nil))
			if ret != c.want {
				t.Errorf("proto %d port %d: verdict %d, want %d", c.proto, c.port, ret, c.want)
			}
			if ret == xdpTX && [6]byte(out[0:6]) != macRS {
				t.Errorf("fwmark service did not route to the real server: % x", out[:14])
			}
		}
		conns, _ := fx.d.Conns()
		var tmpl bool
		for _, c := range conns {
			if c.Template && c.Protocol == 0 && c.VPort == 0 {
				tmpl = true
			}
		}
		if !tmpl {
			t.Errorf("no IPPROTO_IP template for the fwmark service: %+v", conns)
		}
		if err := fx.d.SetMarkRules(nil); err != nil {
			t.Fatal(err)
		}
		if ret, _ := fx.run(frame(cip4, vip, protoTCP, 40101, 8050, tcpSYN, nil)); ret != xdpPass {
			t.Errorf("without rules: verdict %d", ret)
		}
	})
}
