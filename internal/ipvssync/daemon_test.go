package ipvssync

import (
	"errors"
	"net/netip"
	"syscall"
	"testing"
	"time"

	"xvs/internal/model"
	"xvs/internal/netnstest"
)

func daemonCfg(state uint32, ifn string, group netip.Addr) model.SyncDaemon {
	return model.SyncDaemon{State: state, MCastIfn: ifn, SyncID: 5, SyncMaxLen: 1472, MCastGroup: group,
		MCastPort: 8848, MCastTTL: 1}
}

// TestDaemonsSyncOverMulticast: a master on one end of a veth sends the
// table's connections, a backup on the other end receives them, over the
// IPv4 default group and an IPv6 link-local group.
func TestDaemonsSyncOverMulticast(t *testing.T) {
	netnstest.Pair(t, func(enter func(int)) {
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
	netnstest.Pair(t, func(enter func(int)) {
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
