package datapath

import (
	"net/netip"
	"testing"

	"xvs/internal/model"
)

// TestAddrSlots: two VIPs that share an addr_slots slot are both found
// (through addrs4); when one goes, the slot names the other; when both go,
// the slot is empty and their packets are not ours.
func TestAddrSlots(t *testing.T) {
	var a, b netip.Addr
	first := map[uint32]netip.Addr{}
	for i := 0; i < 1<<17 && !b.IsValid(); i++ { // within a /16 the slots never collide
		v := netip.AddrFrom4([4]byte{198, 18 + byte(i>>16), byte(i >> 8), byte(i)})
		s := addrSlot(addrWords(v)[0])
		if o, ok := first[s]; ok {
			a, b = o, v
		}
		first[s] = v
	}
	if !b.IsValid() {
		t.Fatal("no two addresses of 198.18.0.0/15 share a slot")
	}
	withDirector(t, func(fx *fixture) {
		svc := func(id uint32, vip netip.Addr) Service {
			return Service{ID: id, AF: model.AFInet, Protocol: protoUDP, Addr: vip, Port: 80, Scheduler: "rr",
				Dests: []Dest{{ID: id, AF: model.AFInet, Addr: rip4, Port: 80, Fwd: model.FwdRoute, Weight: 1}}}
		}
		check := func(what string, vip netip.Addr, want uint32) {
			t.Helper()
			if ret, _ := fx.run(frame(cip4, vip, protoUDP, 40500, 80, 0, []byte("q"))); ret != want {
				t.Errorf("%s: packet to %s: verdict %d, want %d", what, vip, ret, want)
			}
		}
		slot := func() xvsXvsAddrSlot {
			var v xvsXvsAddrSlot
			if err := fx.d.objs.AddrSlots.Lookup(addrSlot(addrWords(a)[0]), &v); err != nil {
				t.Fatal(err)
			}
			return v
		}
		fx.apply(svc(1, a), svc(2, b))
		check("shared slot", a, xdpTX)
		check("shared slot", b, xdpTX)
		if v := slot(); v.Flags != xvsAddrShared {
			t.Errorf("shared slot holds %+v", v)
		}
		fx.apply(svc(1, a))
		check("one left", a, xdpTX)
		check("one gone", b, xdpPass)
		if v := slot(); v.Addr != addrWords(a)[0] || v.Flags != xvsAddrVIP {
			t.Errorf("slot of one address holds %+v", v)
		}
		fx.noServices()
		check("none left", a, xdpPass)
		if v := slot(); v != (xvsXvsAddrSlot{}) {
			t.Errorf("empty slot holds %+v", v)
		}
	})
}
