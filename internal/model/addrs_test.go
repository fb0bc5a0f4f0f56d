package model

import (
	"net/netip"
	"syscall"
	"testing"
)

// TestDestAddrAllowed: what kernel 6.1 took and refused as new
// destinations (cases-addrs.txt, cases-addrs-local.txt) on a director with
// lo, an up veth and a down one.
func TestDestAddrAllowed(t *testing.T) {
	tab := newTestTable()
	tab.LocalAddrs = func() []netip.Prefix {
		var ps []netip.Prefix
		for _, s := range []string{"127.0.0.1/8", "::1/128", "10.5.0.1/24", "10.6.0.1/31", "10.7.0.1/30", "fe80::51/64", "2001:db8:9::1/64", "fe80::58/64"} {
			ps = append(ps, netip.MustParsePrefix(s))
		}
		return ps
	}
	allowed := []string{
		"0.1.2.3", "127.0.0.0", "127.0.0.1", "127.1.2.3", "1.2.3.255", "10.255.255.255", "240.0.0.1", "255.255.255.254",
		"10.5.0.0", "10.5.0.1", "10.6.0.0", "10.6.0.1", "10.7.0.0",
		"fec0::1", "::1", "::2", "fc00::1", "e000::1", "::1.2.3.4", "::0.1.0.0", "::ffff:0:1.2.3.4", "1::1.2.3.4",
		"fe80::51", "fe80::58", "2001:db8:9::", "2001:db8:9::1",
	}
	refused := []string{
		"0.0.0.0", "127.255.255.255", "224.0.0.1", "239.255.255.255", "255.255.255.255", "10.5.0.255", "10.7.0.3",
		"fe80::1", "fe80::52", "fe80::2:1", "febf::1", "::", "::ffff:10.1.1.1", "::ffff:0.0.0.0", "::ffff:127.0.0.1", "ff02::1", "ff00::1",
	}
	for _, s := range allowed {
		if a := netip.MustParseAddr(s); !tab.destAddrAllowed(a) {
			t.Errorf("%s refused, the kernel takes it", s)
		}
	}
	for _, s := range refused {
		if a := netip.MustParseAddr(s); tab.destAddrAllowed(a) {
			t.Errorf("%s taken, the kernel refuses it", s)
		}
	}
}

// TestMappedAddresses: an IPv4-mapped IPv6 address is an IPv6 service of
// its own, apart from the IPv4 one; as a destination it is not unicast.
func TestMappedAddresses(t *testing.T) {
	tab := newTestTable()
	mapped := svcConfig("[::ffff:1.2.3.4]:80", "wlc")
	if mapped.AF != AFInet6 {
		t.Fatalf("af %d", mapped.AF)
	}
	if _, err := tab.AddService(mapped); err != nil {
		t.Fatal(err)
	}
	if _, err := tab.AddService(svcConfig("1.2.3.4:80", "wlc")); err != nil {
		t.Fatal(err)
	}
	if s := tab.Service(mapped.ServiceKey); s == nil || s.Addr != mapped.Addr {
		t.Fatalf("mapped service not found as itself: %+v", s)
	}
	_, err := tab.AddDest(mapped.ServiceKey, destConfig("[::ffff:10.1.1.1]:80", FwdMasq, 1))
	wantErr(t, err, syscall.EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ...")
	if _, err := tab.AddDest(mapped.ServiceKey, destConfig("[2001:db8::2]:80", FwdMasq, 1)); err != nil {
		t.Fatal(err)
	}
}
