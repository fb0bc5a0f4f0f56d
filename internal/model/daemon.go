package model

import (
	"net/netip"
	"slices"
	"syscall"
)

// Sync daemon defaults (ip_vs_sync.c).
var DefaultSyncGroup = netip.AddrFrom4([4]byte{224, 0, 0, 81})

const (
	DefaultSyncPort = 8848
	DefaultSyncTTL  = 1
	maxSyncMsgLen   = 65535
)

// StartDaemon starts a master or backup sync daemon, filling in the defaults
// the kernel fills in (start_sync_thread).
func (t *Table) StartDaemon(d SyncDaemon) error {
	if d.State != SyncMaster && d.State != SyncBackup {
		return fail(OpStartDaemon, syscall.EINVAL)
	}
	// start_sync_thread looks up the interface before it looks for a
	// running daemon: an unknown one is ENODEV even then.
	mtu := 1500
	if t.InterfaceMTU != nil {
		m, err := t.InterfaceMTU(d.MCastIfn)
		if err != nil {
			return fail(OpStartDaemon, syscall.ENODEV)
		}
		mtu = m
	}
	if t.daemon(d.State) >= 0 {
		return fail(OpStartDaemon, syscall.EEXIST)
	}
	if !d.MCastGroup.IsValid() {
		d.MCastGroup = DefaultSyncGroup
	}
	if d.MCastPort == 0 {
		d.MCastPort = DefaultSyncPort
	}
	if d.MCastTTL == 0 {
		d.MCastTTL = DefaultSyncTTL
	}
	d.SyncMaxLen = syncMaxLen(d, mtu)
	t.Daemons = append(t.Daemons, d)
	slices.SortFunc(t.Daemons, func(a, b SyncDaemon) int { return int(a.State) - int(b.State) })
	return nil
}

// syncMaxLen is start_sync_thread's message size less the IP and UDP
// headers: a master always sizes for 1500 bytes whatever the interface MTU,
// a backup for the MTU clamped to 1500..65535 (it must take what any master
// sends). An explicit value is clamped instead.
func syncMaxLen(d SyncDaemon, mtu int) uint16 {
	hlen := 20 + 8
	if d.MCastGroup.Is6() {
		hlen = 40 + 8
	}
	minLen := 1
	if d.State == SyncBackup {
		minLen = 1024
		mtu = max(min(mtu, 65535), 1500)
	} else {
		mtu = 1500
	}
	if d.SyncMaxLen != 0 {
		return uint16(max(min(int(d.SyncMaxLen), maxSyncMsgLen-hlen), minLen))
	}
	return uint16(mtu - hlen)
}

// StopDaemon stops a running sync daemon.
func (t *Table) StopDaemon(state uint32) error {
	i := t.daemon(state)
	if i < 0 {
		return fail(OpStopDaemon, syscall.ESRCH)
	}
	t.Daemons = slices.Delete(t.Daemons, i, i+1)
	return nil
}

func (t *Table) daemon(state uint32) int {
	return slices.IndexFunc(t.Daemons, func(d SyncDaemon) bool { return d.State == state })
}
