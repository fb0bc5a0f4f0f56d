package model

import (
	"errors"
	"net/netip"
	"syscall"
	"testing"
	"time"
)

func svcKey(s string) ServiceKey {
	ap := netip.MustParseAddrPort(s)
	af := AFInet
	if ap.Addr().Is6() {
		af = AFInet6
	}
	return ServiceKey{AF: af, Protocol: ProtoTCP, Addr: ap.Addr(), Port: ap.Port()}
}

func svcConfig(s, sched string) ServiceConfig {
	k := svcKey(s)
	c := ServiceConfig{ServiceKey: k, Scheduler: sched, Netmask: 0xffffffff}
	if k.AF == AFInet6 {
		c.Netmask = 128
	}
	return c
}

func destConfig(s string, fwd uint8, weight int32) DestConfig {
	ap := netip.MustParseAddrPort(s)
	af := AFInet
	if ap.Addr().Is6() {
		af = AFInet6
	}
	return DestConfig{DestKey: DestKey{AF: af, Addr: ap.Addr(), Port: ap.Port()}, Fwd: fwd, Weight: weight}
}

func known(name string) bool { return name == "wlc" || name == "rr" }

func newTestTable() *Table {
	t := NewTable()
	t.SchedulerKnown = known
	return t
}

func wantErr(t *testing.T, err error, errno syscall.Errno, msg string) {
	t.Helper()
	if errno == 0 {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if !errors.Is(err, errno) {
		t.Fatalf("got %v, want errno %v", err, errno)
	}
	if err.Error() != msg {
		t.Fatalf("message %q, want %q", err.Error(), msg)
	}
}

func TestServiceErrors(t *testing.T) {
	tab := newTestTable()
	_, err := tab.AddService(svcConfig("198.18.0.1:80", "wlc"))
	wantErr(t, err, 0, "")
	cases := []struct {
		name  string
		do    func() error
		errno syscall.Errno
		msg   string
	}{
		{"duplicate", func() error { _, err := tab.AddService(svcConfig("198.18.0.1:80", "rr")); return err },
			syscall.EEXIST, "Service already exists"},
		{"unknown scheduler", func() error { _, err := tab.AddService(svcConfig("198.18.0.2:80", "nosuch")); return err },
			syscall.ENOENT, "Scheduler or persistence engine not found"},
		{"unknown pe", func() error {
			c := svcConfig("198.18.0.2:80", "rr")
			c.PE = "foo"
			_, err := tab.AddService(c)
			return err
		}, syscall.ENOENT, "Scheduler or persistence engine not found"},
		{"v6 netmask 0", func() error {
			c := svcConfig("[2001:db8::1]:80", "rr")
			c.Netmask = 0
			_, err := tab.AddService(c)
			return err
		}, syscall.EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..."},
		{"edit missing", func() error { return tab.EditService(svcConfig("198.18.0.9:80", "rr")) },
			syscall.ESRCH, "No such service"},
		{"edit unknown scheduler", func() error { return tab.EditService(svcConfig("198.18.0.1:80", "xx")) },
			syscall.ENOENT, "Scheduler or persistence engine not found"},
		{"delete missing", func() error { return tab.DelService(svcKey("198.18.0.9:80")) },
			syscall.ESRCH, "No such service"},
		{"zero missing", func() error { k := svcKey("198.18.0.9:80"); _, err := tab.Zero(&k); return err },
			syscall.ESRCH, "No such service"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantErr(t, c.do(), c.errno, c.msg) })
	}
	if len(tab.Services) != 1 || tab.Services[0].Scheduler != "wlc" {
		t.Fatalf("refused operations changed the table: %+v", tab.Services)
	}
}

func TestDestErrors(t *testing.T) {
	tab := newTestTable()
	k := svcKey("198.18.0.1:80")
	if _, err := tab.AddService(svcConfig("198.18.0.1:80", "wlc")); err != nil {
		t.Fatal(err)
	}
	if _, err := tab.AddDest(k, destConfig("198.18.1.1:8080", FwdMasq, 1)); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		do    func() error
		errno syscall.Errno
		msg   string
	}{
		{"service missing", func() error {
			_, err := tab.AddDest(svcKey("198.18.0.2:80"), destConfig("198.18.1.1:80", FwdMasq, 1))
			return err
		},
			syscall.ESRCH, "Service not defined"},
		{"duplicate", func() error { _, err := tab.AddDest(k, destConfig("198.18.1.1:8080", FwdMasq, 3)); return err },
			syscall.EEXIST, "Destination already exists"},
		{"negative weight", func() error { _, err := tab.AddDest(k, destConfig("198.18.1.2:80", FwdMasq, -1)); return err },
			syscall.ERANGE, "Numerical result out of range"},
		{"lower above upper", func() error {
			d := destConfig("198.18.1.2:80", FwdMasq, 1)
			d.UThreshold, d.LThreshold = 10, 20
			_, err := tab.AddDest(k, d)
			return err
		}, syscall.ERANGE, "Numerical result out of range"},
		{"lower without upper", func() error {
			d := destConfig("198.18.1.2:80", FwdMasq, 1)
			d.LThreshold = 5
			_, err := tab.AddDest(k, d)
			return err
		}, syscall.ERANGE, "Numerical result out of range"},
		{"multicast", func() error { _, err := tab.AddDest(k, destConfig("224.0.0.1:80", FwdMasq, 1)); return err },
			syscall.EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..."},
		{"mixed family NAT", func() error { _, err := tab.AddDest(k, destConfig("[2001:db8::1]:80", FwdMasq, 1)); return err },
			syscall.EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..."},
		{"gue without port", func() error {
			d := destConfig("198.18.1.2:80", FwdTunnel, 1)
			d.TunType = TunGUE
			_, err := tab.AddDest(k, d)
			return err
		}, syscall.EINVAL, "Invalid operation.  Possibly wrong module version, address not unicast, ..."},
		{"edit missing", func() error { return tab.EditDest(k, destConfig("198.18.1.9:80", FwdMasq, 1)) },
			syscall.ENOENT, "No such destination"},
		{"edit no service", func() error { return tab.EditDest(svcKey("198.18.0.2:80"), destConfig("198.18.1.9:80", FwdMasq, 1)) },
			syscall.ESRCH, "Service not defined"},
		{"delete missing", func() error { return tab.DelDest(k, destConfig("198.18.1.9:80", FwdMasq, 1).DestKey) },
			syscall.ENOENT, "No such destination"},
		{"stop daemon", func() error { return tab.StopDaemon(SyncMaster) }, syscall.ESRCH, "No daemon is running"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantErr(t, c.do(), c.errno, c.msg) })
	}
	if n := len(tab.Service(k).Dests); n != 1 {
		t.Fatalf("refused operations changed the destinations: %d", n)
	}
}

func TestDestsNewestFirstAndPortRule(t *testing.T) {
	tab := newTestTable()
	k := svcKey("198.18.0.1:80")
	tab.AddService(svcConfig("198.18.0.1:80", "rr"))
	for _, d := range []DestConfig{
		destConfig("198.18.1.1:8080", FwdMasq, 1),
		destConfig("198.18.1.1:8080", FwdRoute, 1), // DR: port becomes 80, a second destination
		destConfig("198.18.1.2:8080", FwdTunnel, 2),
	} {
		if _, err := tab.AddDest(k, d); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, d := range tab.Service(k).Dests {
		got = append(got, netip.AddrPortFrom(d.Addr, d.Port).String())
	}
	want := []string{"198.18.1.2:80", "198.18.1.1:80", "198.18.1.1:8080"}
	if len(got) != len(want) {
		t.Fatalf("dests %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("dests %v, want %v", got, want)
		}
	}
}

func TestTrashRevivesCounters(t *testing.T) {
	now := time.Unix(1000, 0)
	tab := newTestTable()
	tab.Now = func() time.Time { return now }
	k := svcKey("198.18.0.1:80")
	tab.AddService(svcConfig("198.18.0.1:80", "rr"))
	d, _ := tab.AddDest(k, destConfig("198.18.1.1:80", FwdMasq, 1))
	d.Stats.Conns = 42
	id := d.ID
	if err := tab.DelDest(k, d.DestKey); err != nil {
		t.Fatal(err)
	}
	other, _ := tab.AddDest(k, destConfig("198.18.1.2:80", FwdMasq, 1))
	if other.ID == id {
		t.Fatalf("trashed id %d handed out again", id)
	}
	back, _ := tab.AddDest(k, destConfig("198.18.1.1:80", FwdMasq, 5))
	if back.ID != id || back.Stats.Conns != 42 || back.Weight != 5 {
		t.Fatalf("revived dest %+v, want id %d conns 42 weight 5", back, id)
	}
	// While connections use it, it stays, and its id is not handed out.
	tab.DelDest(k, back.DestKey)
	for range 3 {
		now = now.Add(DestTrashSeconds * time.Second)
		tab.ExpireTrash(func(got uint32) bool { return got == id })
	}
	if len(tab.Trash) != 1 || tab.Trash[0].Dest.ID != id {
		t.Fatalf("a destination in use left the trash: %+v", tab.Trash)
	}
	// The trash period after its last connection, it is forgotten.
	now = now.Add(DestTrashSeconds*time.Second - time.Second)
	tab.ExpireTrash(nil)
	if len(tab.Trash) != 1 {
		t.Fatalf("forgotten before its idle period ran out")
	}
	now = now.Add(2 * time.Second)
	tab.ExpireTrash(nil)
	fresh, _ := tab.AddDest(k, destConfig("198.18.1.1:80", FwdMasq, 1))
	if fresh.Stats.Conns != 0 {
		t.Fatalf("expired dest revived: %+v", fresh)
	}
	// A deleted service's destinations are revived by the same service.
	tab.DelService(k)
	tab.AddService(svcConfig("198.18.0.1:80", "rr"))
	again, _ := tab.AddDest(k, destConfig("198.18.1.2:80", FwdMasq, 1))
	if again.ID != other.ID {
		t.Fatalf("dest of deleted service not revived: id %d want %d", again.ID, other.ID)
	}
}

func TestSyncDaemonDefaults(t *testing.T) {
	tab := newTestTable()
	tab.InterfaceMTU = func(string) (int, error) { return 9000, nil }
	if err := tab.StartDaemon(SyncDaemon{State: SyncBackup, MCastIfn: "eth1"}); err != nil {
		t.Fatal(err)
	}
	if err := tab.StartDaemon(SyncDaemon{State: SyncMaster, MCastIfn: "eth1", SyncID: 7}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, tab.StartDaemon(SyncDaemon{State: SyncMaster, MCastIfn: "eth1"}), syscall.EEXIST, "Daemon has already run")
	m, b := tab.Daemons[0], tab.Daemons[1]
	if m.State != SyncMaster || m.SyncMaxLen != 1472 || m.MCastPort != 8848 || m.MCastTTL != 1 || m.MCastGroup != DefaultSyncGroup {
		t.Fatalf("master %+v", m)
	}
	if b.SyncMaxLen != 9000-28 {
		t.Fatalf("backup maxlen %d", b.SyncMaxLen)
	}
	tab.InterfaceMTU = func(string) (int, error) { return 0, errors.New("no") }
	tab.StopDaemon(SyncMaster)
	wantErr(t, tab.StartDaemon(SyncDaemon{State: SyncMaster, MCastIfn: "nope"}), syscall.ENODEV, "No such device")
}

// TestSyncMaxLenMTU: what kernel 6.1 reported for daemons on veths of
// these MTUs (cases-daemon-mtu.txt): a master ignores the MTU.
func TestSyncMaxLenMTU(t *testing.T) {
	v6 := netip.MustParseAddr("ff02::1:2")
	tests := []struct {
		state      uint32
		mtu        int
		group      netip.Addr
		maxlen     uint16
		wantMaxLen uint16
	}{
		{SyncMaster, 1280, netip.Addr{}, 0, 1472},
		{SyncMaster, 9000, netip.Addr{}, 0, 1472},
		{SyncMaster, 65536, v6, 0, 1452},
		{SyncBackup, 1280, netip.Addr{}, 0, 1472},
		{SyncBackup, 1600, netip.Addr{}, 0, 1572},
		{SyncBackup, 9000, v6, 0, 8952},
		{SyncBackup, 65536, netip.Addr{}, 0, 65507},
		{SyncMaster, 1400, netip.Addr{}, 9000, 9000},
		{SyncMaster, 1400, v6, 65507, 65487},
		{SyncBackup, 1280, netip.Addr{}, 100, 1024},
	}
	for _, tt := range tests {
		tab := newTestTable()
		tab.InterfaceMTU = func(string) (int, error) { return tt.mtu, nil }
		d := SyncDaemon{State: tt.state, MCastIfn: "veth0", MCastGroup: tt.group, SyncMaxLen: tt.maxlen}
		if err := tab.StartDaemon(d); err != nil {
			t.Fatal(err)
		}
		if got := tab.Daemons[0].SyncMaxLen; got != tt.wantMaxLen {
			t.Errorf("state %d mtu %d group %v maxlen %d: got %d, want %d", tt.state, tt.mtu, tt.group, tt.maxlen, got, tt.wantMaxLen)
		}
	}
}

func TestCloneIsDeep(t *testing.T) {
	tab := newTestTable()
	k := svcKey("198.18.0.1:80")
	tab.AddService(svcConfig("198.18.0.1:80", "rr"))
	tab.AddDest(k, destConfig("198.18.1.1:80", FwdMasq, 1))
	c := tab.Clone()
	c.Service(k).Dests[0].Weight = 9
	c.DelService(k)
	if tab.Service(k) == nil || tab.Service(k).Dests[0].Weight != 1 {
		t.Fatal("clone shares state with the original")
	}
}

func TestTimeoutsKeepZero(t *testing.T) {
	tab := newTestTable()
	tab.SetTimeouts(Timeouts{TCP: 100, UDP: 7})
	if tab.Timeouts != (Timeouts{TCP: 100, TCPFin: 120, UDP: 7}) {
		t.Fatalf("timeouts %+v", tab.Timeouts)
	}
}

// After a flush every destination comes back to its own service with its own
// id, in any order of re-adding, and a clone's trash is its own.
func TestFlushThenRestoreRevivesEach(t *testing.T) {
	tab := newTestTable()
	ids := map[string]uint32{}
	svcs := []string{"198.18.0.1:80", "198.18.0.2:80", "198.18.0.3:80"}
	rss := []string{"198.18.1.1:80", "198.18.1.2:80", "198.18.1.3:80"}
	for _, v := range svcs {
		tab.AddService(svcConfig(v, "rr"))
		for _, r := range rss {
			d, err := tab.AddDest(svcKey(v), destConfig(r, FwdMasq, 1))
			if err != nil {
				t.Fatal(err)
			}
			ids[v+" "+r] = d.ID
		}
	}
	tab.Flush()
	if len(tab.Services) != 0 || tab.Service(svcKey(svcs[0])) != nil || len(tab.Trash) != 9 {
		t.Fatalf("after flush: %d services, %d trashed", len(tab.Services), len(tab.Trash))
	}
	clone := tab.Clone()
	for _, v := range []string{svcs[1], svcs[2], svcs[0]} {
		if _, err := tab.AddService(svcConfig(v, "rr")); err != nil {
			t.Fatal(err)
		}
		for _, r := range []string{rss[1], rss[0], rss[2]} {
			d, err := tab.AddDest(svcKey(v), destConfig(r, FwdMasq, 1))
			if err != nil || d.ID != ids[v+" "+r] {
				t.Fatalf("%s %s: id %v (%v), want %d", v, r, d, err, ids[v+" "+r])
			}
		}
	}
	if len(tab.Trash) != 0 || len(clone.Trash) != 9 {
		t.Fatalf("trash %d, clone's %d", len(tab.Trash), len(clone.Trash))
	}
	d, _ := clone.AddDest(svcKey(svcs[0]), destConfig(rss[0], FwdMasq, 1))
	if d != nil {
		t.Fatalf("clone has a service after the flush")
	}
	clone.AddService(svcConfig(svcs[0], "rr"))
	if d, _ := clone.AddDest(svcKey(svcs[0]), destConfig(rss[0], FwdMasq, 1)); d.ID != ids[svcs[0]+" "+rss[0]] {
		t.Fatalf("clone revived id %d", d.ID)
	}
}
