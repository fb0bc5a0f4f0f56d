package ipvssync

import (
	"errors"
	"net/netip"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/vishvananda/netlink"
	"github.com/vishvananda/netns"

	"xvs/internal/model"
)

// twoNetns runs fn on a thread of its own with two fresh, unnamed network
// namespaces joined by a veth pair, sa (198.18.9.1) in the first and sb
// (198.18.9.2) in the second; enter switches the thread between them. The
// namespaces go when the thread does.
func twoNetns(t *testing.T, fn func(enter func(int))) {
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
				runtime.Goexit() // this goroutine's thread is in the wrong namespace: stop here
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
				err = errors.Join(netlink.AddrAdd(l, a), netlink.LinkSetUp(l))
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
		}
		fn(enter)
	}()
	<-done
}

func daemonCfg(state uint32, ifn string, group netip.Addr) model.SyncDaemon {
	return model.SyncDaemon{State: state, MCastIfn: ifn, SyncID: 5, SyncMaxLen: 1472, MCastGroup: group,
		MCastPort: 8848, MCastTTL: 1}
}

// TestDaemonsSyncOverMulticast: a master on one end of a veth sends the
// table's connections, a backup on the other end receives them, over the
// IPv4 default group and an IPv6 link-local group.
func TestDaemonsSyncOverMulticast(t *testing.T) {
	twoNetns(t, func(enter func(int)) {
		for _, group := range []netip.Addr{model.DefaultSyncGroup, netip.MustParseAddr("ff02::81")} {
			src := &memTable{conns: []Conn{tcpConn(1), tcpConn(2)}}
			dst := &memTable{notify: make(chan struct{}, 8)}
			master := NewManager(src, t.Logf)
			backup := NewManager(dst, t.Logf)
			enter(1)
			if err := backup.Apply([]model.SyncDaemon{daemonCfg(model.SyncBackup, "sb", group)}); err != nil {
				t.Fatalf("%s backup: %v", group, err)
			}
			enter(0)
			if err := master.Apply([]model.SyncDaemon{daemonCfg(model.SyncMaster, "sa", group)}); err != nil {
				t.Fatalf("%s master: %v", group, err)
			}
			select {
			case <-dst.notify:
			case <-time.After(5 * time.Second):
				t.Fatalf("%s: nothing arrived (%+v sent)", group, master.Stats())
			}
			master.Close()
			backup.Close()
			dst.mu.Lock()
			if len(dst.got) != 2 || dst.got[0] != src.conns[0] || dst.got[1] != src.conns[1] {
				t.Errorf("%s: backup got %+v", group, dst.got)
			}
			dst.mu.Unlock()
			if st := backup.Stats(); st.ReceivedMessages != 1 || st.PlacedConns != 2 {
				t.Errorf("%s: backup stats %+v", group, st)
			}
		}
	})
}

// TestDaemonStartErrors: a daemon whose socket cannot be set up is
// refused with the kernel's errno, and the running ones stay.
func TestDaemonStartErrors(t *testing.T) {
	twoNetns(t, func(enter func(int)) {
		enter(0)
		m := NewManager(nil, t.Logf)
		defer m.Close()
		ok := daemonCfg(model.SyncBackup, "sa", model.DefaultSyncGroup)
		if err := m.Apply([]model.SyncDaemon{ok}); err != nil {
			t.Fatal(err)
		}
		bad := daemonCfg(model.SyncMaster, "nope", model.DefaultSyncGroup)
		err := m.Apply([]model.SyncDaemon{ok, bad})
		var me *model.Error
		if !errors.As(err, &me) || me.Errno != syscall.ENODEV || me.Op != model.OpStartDaemon {
			t.Fatalf("missing interface: %v", err)
		}
		if len(m.running) != 1 || m.running[model.SyncBackup] == nil {
			t.Errorf("running after the refusal: %v", m.running)
		}
	})
}
