package ipvsadm

import (
	"net/netip"
	"strings"
	"testing"
)

// TestHostsIPv4View: Debian's hosts file as glibc's files backend reads it
// for ipvsadm (gethostbyname is an IPv4 lookup).
func TestHostsIPv4View(t *testing.T) {
	h := ParseHosts(strings.NewReader("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" +
		"::ffff:10.9.9.9 mapped\n2001:db8::5 six\n"))
	r := &SystemResolver{Hosts: h}
	for name, want := range map[string]string{"localhost": "127.0.0.1", "IP6-LOCALHOST": "127.0.0.1", "mapped": "10.9.9.9"} {
		if got, ok := r.LookupIPv4(name); !ok || got != netip.MustParseAddr(want) {
			t.Errorf("LookupIPv4(%s) = %v, %v; want %s", name, got, ok, want)
		}
	}
	for addr, want := range map[string]string{"127.0.0.1": "localhost", "::1": "localhost", "10.9.9.9": "mapped",
		"::ffff:10.9.9.9": "mapped", "2001:db8::5": "six"} {
		if got, ok := h.name(netip.MustParseAddr(addr)); !ok || got != want {
			t.Errorf("name(%s) = %q, %v; want %s", addr, got, ok, want)
		}
	}
	if got, ok := h.name(netip.MustParseAddr("::ffff:127.0.0.1")); ok {
		t.Errorf("name(::ffff:127.0.0.1) = %q: an IPv6 lookup sees only the lines' own IPv6 addresses", got)
	}
}
