package model

import (
	"fmt"
	"net/netip"
	"slices"
	"testing"
)

func fwmConfig(mark uint32, af uint16) ServiceConfig {
	c := ServiceConfig{ServiceKey: ServiceKey{AF: af, FWMark: mark}, Scheduler: "wlc", Netmask: 0xffffffff}
	if af == AFInet6 {
		c.Netmask = 128
	}
	return c
}

func orderNames(svcs []*Service) []string {
	var out []string
	for _, s := range svcs {
		if s.IsFWMark() {
			out = append(out, fmt.Sprintf("fwm %d af %d", s.FWMark, s.AF))
			continue
		}
		out = append(out, netip.AddrPortFrom(s.Addr, s.Port).String())
	}
	return out
}

// TestKernelOrder: buckets in order, newest first within one, fwmark
// services after the others whatever their buckets; an edit moves nothing.
func TestKernelOrder(t *testing.T) {
	tab := newTestTable()
	// With seed 0, TCP x.y.z.1:80 is in bucket 6^1^80 = 0x57 and
	// x.y.z.2:80 in 0x54; fwmark 1 in bucket 1, fwmark 2 in bucket 2.
	for _, c := range []ServiceConfig{
		fwmConfig(2, AFInet), svcConfig("10.0.0.1:80", "wlc"), svcConfig("10.0.1.1:80", "wlc"),
		fwmConfig(1, AFInet), svcConfig("10.0.0.2:80", "wlc"), fwmConfig(1, AFInet6),
		svcConfig("[2001:db8::1]:80", "wlc"), svcConfig("[2001:db8:0:1::]:80", "wlc"), // both fold to 0x20010db9
	} {
		if _, err := tab.AddService(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := tab.EditService(svcConfig("10.0.0.1:80", "rr")); err != nil {
		t.Fatal(err)
	}
	want := []string{"10.0.0.2:80", "10.0.1.1:80", "10.0.0.1:80", "[2001:db8:0:1::]:80", "[2001:db8::1]:80", "fwm 1 af 10", "fwm 1 af 2", "fwm 2 af 2"}
	got := orderNames(tab.KernelOrder(0))
	if !slices.Equal(got, want) {
		t.Fatalf("seed 0: %v, want %v", got, want)
	}
	// Seed 0x57 moves 10.x.y.1 into bucket 0, ahead of everything.
	if got := orderNames(tab.KernelOrder(0x57)); got[0] != "10.0.1.1:80" || got[1] != "10.0.0.1:80" {
		t.Fatalf("seed 0x57: %v", got)
	}
	if n := len(tab.Services); n != 8 || tab.Services[0].FWMark != 2 {
		t.Fatalf("KernelOrder changed the table's own order")
	}
}
