// Package netnstest gives tests network namespaces of their own: unnamed,
// on a thread of the test's, gone when the thread ends, so that a test
// never touches the host's interfaces and leaves nothing behind.
package netnstest

import (
	"errors"
	"net"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"
)

// Pair runs fn on a thread of its own with two fresh network namespaces
// joined by a veth pair: sa (198.18.9.1/24) in the first, sb
// (198.18.9.2/24) in the second, both up with IPv6 link-local addresses
// (no DAD). enter switches the thread between them; fn starts in the
// second. Skips without root.
func Pair(t *testing.T, fn func(enter func(int))) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root for network namespaces")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		var ns [2]netns.NsHandle
		for i := range ns {
			h, err := netns.New()
			if err != nil {
				t.Errorf("new netns: %v", err)
				return
			}
			defer h.Close()
			ns[i] = h
			os.WriteFile("/proc/sys/net/ipv6/conf/default/accept_dad", []byte("0"), 0o644)
		}
		enter := func(i int) {
			if err := netns.Set(ns[i]); err != nil {
				t.Errorf("enter netns: %v", err)
				runtime.Goexit() // the thread is in the wrong namespace: stop here
			}
		}
		enter(0)
		if err := netlink.LinkAdd(&netlink.Veth{LinkAttrs: netlink.LinkAttrs{Name: "sa"}, PeerName: "sb"}); err != nil {
			t.Errorf("veth: %v", err)
			return
		}
		if sb, err := netlink.LinkByName("sb"); err != nil || netlink.LinkSetNsFd(sb, int(ns[1])) != nil {
			t.Errorf("move sb: %v", err)
			return
		}
		for i, name := range []string{"sa", "sb"} {
			enter(i)
			l, err := netlink.LinkByName(name)
			if err == nil {
				a, _ := netlink.ParseAddr([]string{"198.18.9.1/24", "198.18.9.2/24"}[i])
				lo, _ := netlink.LinkByName("lo")
				err = errors.Join(netlink.AddrAdd(l, a), netlink.LinkSetUp(l), netlink.LinkSetUp(lo))
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
		}
		// A veth carries once both ends are up: wait for it, so that
		// what fn starts sees a link that runs.
		for i, name := range []string{"sa", "sb"} {
			enter(i)
			for range 200 {
				if ifi, err := net.InterfaceByName(name); err == nil && ifi.Flags&net.FlagRunning != 0 {
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		fn(enter)
	}()
	<-done
}
