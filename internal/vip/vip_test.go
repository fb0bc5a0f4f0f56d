package vip

import (
	"net/netip"
	"os"
	"runtime"
	"slices"
	"testing"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
)

// inNewNetns runs f on a locked thread inside a fresh, unnamed network
// namespace that disappears with the thread.
func inNewNetns(t *testing.T, f func()) {
	if os.Geteuid() != 0 {
		t.Skip("needs root")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread() // never unlocked: the thread dies with its namespace
		ns, err := netns.New()
		if err != nil {
			t.Error(err)
			return
		}
		defer ns.Close()
		f()
	}()
	<-done
}

func addrs(t *testing.T, link string) []netip.Addr {
	l, err := netlink.LinkByName(link)
	if err != nil {
		t.Fatal(err)
	}
	as, err := netlink.AddrList(l, netlink.FAMILY_ALL)
	if err != nil {
		t.Fatal(err)
	}
	var out []netip.Addr
	for _, a := range as {
		ip, _ := netip.AddrFromSlice(a.IP)
		out = append(out, ip.Unmap())
	}
	return out
}

func TestSyncAddsAndRemovesOnlyItsOwn(t *testing.T) {
	dir := t.TempDir()
	inNewNetns(t, func() {
		lo, _ := netlink.LinkByName("lo")
		netlink.LinkSetUp(lo)
		if err := netlink.LinkAdd(&netlink.Veth{LinkAttrs: netlink.LinkAttrs{Name: "v0"}, PeerName: "v1"}); err != nil {
			t.Error(err)
			return
		}
		operator := netip.MustParseAddr("198.18.0.50")
		netlink.AddrAdd(lo, netlinkAddr(operator))

		m, err := New(dir, []string{"v0"})
		if err != nil {
			t.Error(err)
			return
		}
		v4, v6 := netip.MustParseAddr("198.18.0.100"), netip.MustParseAddr("2001:db8:18::100")
		mapped := netip.MustParseAddr("::ffff:198.18.0.101") // a service ipvsadm takes, no interface address
		if err := m.Sync([]netip.Addr{v4, v6, operator, mapped}); err != nil {
			t.Error(err)
			return
		}
		if !slices.Contains(addrs(t, "lo"), v4) || !slices.Contains(addrs(t, "v0"), v6) {
			t.Errorf("VIPs not placed: lo %v v0 %v", addrs(t, "lo"), addrs(t, "v0"))
		}
		// A restarted daemon reads what it owns from the record.
		m2, _ := New(dir, []string{"v0"})
		if err := m2.Sync(nil); err != nil {
			t.Error(err)
		}
		if slices.Contains(addrs(t, "lo"), v4) || slices.Contains(addrs(t, "v0"), v6) {
			t.Errorf("VIPs left behind: lo %v v0 %v", addrs(t, "lo"), addrs(t, "v0"))
		}
		if !slices.Contains(addrs(t, "lo"), operator) {
			t.Errorf("operator's address removed")
		}
	})
}
