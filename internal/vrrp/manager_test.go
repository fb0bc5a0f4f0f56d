package vrrp

import (
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"xvs/internal/netnstest"
)

// events records what an instance's hooks heard.
type events struct {
	mu      sync.Mutex
	states  []string
	scripts [][]string
}

func (e *events) hooks(t *testing.T, who string) Hooks {
	return Hooks{
		Logf: func(format string, args ...any) { t.Logf(who+": "+format, args...) },
		Run: func(argv []string) {
			e.mu.Lock()
			e.scripts = append(e.scripts, argv)
			e.mu.Unlock()
		},
		Changed: func(name string, s State) {
			e.mu.Lock()
			e.states = append(e.states, name+" "+s.String())
			e.mu.Unlock()
		},
	}
}

func (e *events) seen() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.states)
}

func instanceConfig(ifname string, prio uint8, version int, vip string) Config {
	return Config{Name: "VI_1", Interface: ifname, VRID: 51, Priority: prio, Interval: 100 * time.Millisecond,
		Version: version, Preempt: true, VIPs: []VIP{{Prefix: netip.MustParsePrefix(vip)}},
		NotifyMaster: []string{"/bin/true", "master"}, Notify: []string{"/bin/notify"}, GARPRepeat: 1}
}

// hasAddr says whether the namespace the thread is in has a on ifname.
func hasAddr(t *testing.T, ifname string, a netip.Addr) bool {
	ifi, err := net.InterfaceByName(ifname)
	if err != nil {
		t.Fatal(err)
	}
	addrs, _ := ifi.Addrs()
	for _, x := range addrs {
		if n, ok := x.(*net.IPNet); ok {
			if ip, _ := netip.AddrFromSlice(n.IP); ip.Unmap() == a {
				return true
			}
		}
	}
	return false
}

// waitState polls a manager until its instance is in s.
func waitState(t *testing.T, m *Manager, s State, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if m.State("VI_1") == s {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("not %v within %v: %v", s, within, m.Status())
}

// TestFailover: two routers on a segment (IPv4 and IPv6, version 3): the
// higher priority becomes master and holds the address, the other stays
// backup; when the master stops (a priority-0 advert), the backup takes
// over within the skew time and takes the address; when the master comes
// back, it preempts.
func TestFailover(t *testing.T) {
	for _, tc := range []struct {
		version int
		vip     string
	}{{3, "198.18.9.100/32"}, {3, "2001:db8:9::100/128"}} {
		netnstest.Pair(t, func(enter func(int)) {
			vip := netip.MustParsePrefix(tc.vip).Addr()
			var ea, eb events
			enter(0)
			a := NewManager(ea.hooks(t, "a"))
			if err := a.Apply([]Config{instanceConfig("sa", 200, tc.version, tc.vip)}, nil, Trackers{}); err != nil {
				t.Fatalf("%s: %v", tc.vip, err)
			}
			enter(1)
			b := NewManager(eb.hooks(t, "b"))
			if err := b.Apply([]Config{instanceConfig("sb", 100, tc.version, tc.vip)}, nil, Trackers{}); err != nil {
				t.Fatalf("%s: %v", tc.vip, err)
			}
			waitState(t, a, Master, 2*time.Second)
			waitState(t, b, Backup, time.Second)
			time.Sleep(300 * time.Millisecond) // several adverts: b stays backup
			if b.State("VI_1") != Backup || hasAddr(t, "sb", vip) {
				t.Fatalf("%s: the backup took over from a live master", tc.vip)
			}
			enter(0)
			if !hasAddr(t, "sa", vip) {
				t.Fatalf("%s: the master does not hold the address", tc.vip)
			}
			stopped := time.Now()
			a.Close()
			if hasAddr(t, "sa", vip) {
				t.Errorf("%s: the stopped master kept the address", tc.vip)
			}
			waitState(t, b, Master, time.Second)
			if took := time.Since(stopped); took > 300*time.Millisecond {
				t.Errorf("%s: take-over after %v (priority 0 should make it the skew)", tc.vip, took)
			}
			enter(1)
			if !hasAddr(t, "sb", vip) {
				t.Errorf("%s: the new master does not hold the address", tc.vip)
			}
			enter(0)
			a2 := NewManager(ea.hooks(t, "a"))
			a2.Apply([]Config{instanceConfig("sa", 200, tc.version, tc.vip)}, nil, Trackers{})
			waitState(t, a2, Master, 2*time.Second)
			waitState(t, b, Backup, time.Second)
			enter(1)
			if hasAddr(t, "sb", vip) {
				t.Errorf("%s: preempted, the backup kept the address", tc.vip)
			}
			a2.Close()
			b.Close()
			if got := eb.seen(); !slices.Equal(got, []string{"VI_1 BACKUP", "VI_1 MASTER", "VI_1 BACKUP", "VI_1 STOP"}) {
				t.Errorf("%s: b went %v", tc.vip, got)
			}
			ea.mu.Lock()
			if !slices.ContainsFunc(ea.scripts, func(s []string) bool {
				return slices.Equal(s, []string{"/bin/notify", "INSTANCE", "VI_1", "MASTER", "200"})
			}) || !slices.ContainsFunc(ea.scripts, func(s []string) bool { return slices.Equal(s, []string{"/bin/true", "master"}) }) {
				t.Errorf("%s: scripts %v", tc.vip, ea.scripts)
			}
			ea.mu.Unlock()
		})
	}
}

// TestAuthAndVersion: adverts that fail the password, or of another
// version, are dropped: a backup that hears only those takes over.
func TestAuthAndVersion(t *testing.T) {
	netnstest.Pair(t, func(enter func(int)) {
		var ea, eb events
		enter(0)
		ca := instanceConfig("sa", 200, 2, "198.18.9.102/32")
		ca.Interval, ca.AuthPass = time.Second, "right"
		a := NewManager(ea.hooks(t, "a"))
		if err := a.Apply([]Config{ca}, nil, Trackers{}); err != nil {
			t.Fatal(err)
		}
		enter(1)
		cb := ca
		cb.Interface, cb.Priority, cb.AuthPass = "sb", 100, "wrong"
		b := NewManager(eb.hooks(t, "b"))
		if err := b.Apply([]Config{cb}, nil, Trackers{}); err != nil {
			t.Fatal(err)
		}
		waitState(t, a, Master, 5*time.Second)
		waitState(t, b, Master, 5*time.Second) // it never heard a master it could trust
		a.Close()
		b.Close()
	})
}

// TestReloadKeepsMaster: a changed instance replaces the running one in
// its state: a master stays master (no priority 0, no script), keeps the
// addresses both have and drops those the new one lacks.
func TestReloadKeepsMaster(t *testing.T) {
	netnstest.Pair(t, func(enter func(int)) {
		var ea events
		enter(0)
		c := instanceConfig("sa", 200, 3, "198.18.9.103/32")
		c.Excluded = []VIP{{Prefix: netip.MustParsePrefix("198.18.9.104/32")}}
		a := NewManager(ea.hooks(t, "a"))
		if err := a.Apply([]Config{c}, nil, Trackers{}); err != nil {
			t.Fatal(err)
		}
		waitState(t, a, Master, 2*time.Second)
		c.Priority, c.Excluded = 210, nil
		if err := a.Apply([]Config{c}, nil, Trackers{}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		if got := ea.seen(); !slices.Equal(got, []string{"VI_1 BACKUP", "VI_1 MASTER"}) || a.State("VI_1") != Master {
			t.Errorf("after the reload: %v, now %v", got, a.State("VI_1"))
		}
		if !hasAddr(t, "sa", netip.MustParseAddr("198.18.9.103")) || hasAddr(t, "sa", netip.MustParseAddr("198.18.9.104")) {
			t.Errorf("addresses after the reload")
		}
		if err := a.Apply([]Config{{Name: "bad", Interface: "nope", VIPs: c.VIPs, Version: 3, Interval: time.Second}}, nil, Trackers{}); err == nil {
			t.Error("an instance on a missing interface started")
		}
		if a.State("VI_1") != Master {
			t.Error("a refused reload stopped the running instance")
		}
		a.Close()
	})
}

// TestAddressListChecked: an advert whose addresses are not the
// instance's virtual_ipaddress is dropped, as keepalived 2.2.7 drops it
// ("received an unexpected ip number count", "ip address associated with
// VRID not present in MASTER advert"); the order does not matter.
func TestAddressListChecked(t *testing.T) {
	var logged []string
	in := &instance{cfg: Config{Name: "VI_1", VRID: 51, Version: 2, Interval: time.Second,
		VIPs: []VIP{{Prefix: netip.MustParsePrefix("198.18.0.201/24")}, {Prefix: netip.MustParsePrefix("198.18.0.202/32")}}},
		hooks: Hooks{Logf: func(f string, a ...any) { logged = append(logged, fmt.Sprintf(f, a...)) }},
		link:  &link{src: netip.MustParseAddr("198.18.0.2")}}
	src := netip.MustParseAddr("198.18.0.1")
	for _, c := range []struct {
		addrs []string
		ok    bool
	}{
		{[]string{"198.18.0.201", "198.18.0.202"}, true},
		{[]string{"198.18.0.202", "198.18.0.201"}, true},
		{[]string{"198.18.0.201"}, false},
		{[]string{"198.18.0.201", "198.18.0.202", "198.18.0.203"}, false},
		{[]string{"198.18.0.201", "198.18.0.203"}, false},
	} {
		a := Advert{Version: 2, VRID: 51, Priority: 100, Interval: time.Second}
		for _, s := range c.addrs {
			a.Addrs = append(a.Addrs, netip.MustParseAddr(s))
		}
		b, err := a.Marshal(src, Group4)
		if err != nil {
			t.Fatal(err)
		}
		logged = nil
		got := in.accept(packet{msg: b, src: src, dst: Group4, ttl: TTL})
		if (got != nil) != c.ok {
			t.Errorf("advert of %v: accepted %v, want %v (%q)", c.addrs, got != nil, c.ok, logged)
		}
		if !c.ok && (len(logged) != 1 || !strings.Contains(logged[0], "dropped")) {
			t.Errorf("advert of %v: logged %q", c.addrs, logged)
		}
	}
}
