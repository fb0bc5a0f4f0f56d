package datapath

import (
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/cilium/ebpf"

	"xvs/internal/ipvssync"
)

// The connection table as IPVS's sync daemons see it (internal/ipvssync):
// a master reads it, a backup writes what its master sent.

const (
	xvsConnFSynced     = 0x08 // XVS_CONN_F_SYNCED
	xvsConnFControlled = 0x10 // XVS_CONN_F_CONTROLLED
	xvsTplAssured      = 1    // XVS_TPL_ASSURED
	// templateTimeout is what a template from a version 0 message (which
	// carries no timeout) lives: the kernel's 3 minutes.
	templateTimeout = 180
)

// SyncConns calls fn for every live forward connection and template.
func (d *Datapath) SyncConns(fn func(c *ipvssync.Conn, left time.Duration, received bool)) error {
	d.mu.Lock()
	byID := make(map[uint32]xvsXvsSvc, len(d.state.services))
	for _, s := range d.state.services {
		byID[s.Id] = s
	}
	timeouts := d.stateTimeouts
	d.mu.Unlock()
	now := monotonicNow()
	return d.forEachConn(func(k *xvsXvsConnKey, v *xvsXvsConn) {
		if v.Flags&xvsConnFReverse != 0 || v.Expires <= now {
			return
		}
		svc := byID[v.SvcId]
		c := wireConn(k, v, &svc, timeouts)
		fn(&c, time.Duration(v.Expires-now), v.Flags&xvsConnFSynced != 0)
	})
}

// wireConn is a table entry as a sync record.
func wireConn(k *xvsXvsConnKey, v *xvsXvsConn, svc *xvsXvsSvc, timeouts []uint32) ipvssync.Conn {
	c := ipvssync.Conn{
		Protocol: k.Proto,
		CAddr:    wordsAddr(k.Af, k.Saddr), CPort: be16(k.Sport),
		VAddr: wordsAddr(k.Af, k.Daddr), VPort: be16(k.Dport),
		DAddr: wordsAddr(v.Af, v.Addr), DPort: be16(v.Port),
		FWMark: svc.Fwmark,
		Flags:  uint32(v.Fwd) & ipvssync.FlagFwdMask,
	}
	if v.Fwd != 0 {
		c.Flags |= ipvssync.FlagNoOutput
	}
	if v.Flags&xvsConnFTemplate != 0 || !activeState(v.State) {
		c.Flags |= ipvssync.FlagInactive
	}
	switch {
	case v.Flags&xvsConnFTemplate != 0:
		c.Flags |= ipvssync.FlagTemplate
		c.Timeout = svc.Timeout
		c.State = uint16(v.State & xvsTplAssured)
	case v.State == uint32(xvsXvsStateXVS_S_UDP):
		c.State = ipvssync.UDPNormal
	case v.State == uint32(xvsXvsStateXVS_S_SCTP):
		c.State = ipvssync.SCTPEstablished
	case v.State >= uint32(xvsXvsStateXVS_S_SCTP_NONE):
		c.State = uint16(v.State - uint32(xvsXvsStateXVS_S_SCTP_NONE))
	default:
		c.State = uint16(v.State)
	}
	if c.Timeout == 0 && int(v.State) < len(timeouts) {
		c.Timeout = timeouts[v.State]
	}
	return c
}

// localState is the datapath's state of a record's IPVS state.
func localState(c *ipvssync.Conn) uint32 {
	switch {
	case c.Template():
		return uint32(c.State & xvsTplAssured)
	case c.Protocol == protoUDP:
		return uint32(xvsXvsStateXVS_S_UDP)
	case c.Protocol == protoSCTP:
		return uint32(xvsXvsStateXVS_S_SCTP_NONE) + uint32(c.State)
	}
	return uint32(c.State)
}

const (
	protoUDP  = 17
	protoSCTP = 132
)

// InsertSynced puts a master's records into the connection table as
// ip_vs_proc_conn does: a known connection takes the record's state and
// timeout, a connection now on another server is replaced (unless the
// record is the old connection's inactive end), a new one is created on
// the service's destination of that address and port. Records for a
// service or destination this director does not have are left out (IPVS
// keeps them unbound; configure both directors alike, as keepalived does).
func (d *Datapath) InsertSynced(conns []ipvssync.Conn) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := monotonicNow()
	dirty := map[uint32]bool{}
	placed := 0
	var errs []error
	for i := range conns {
		ok, err := d.insertSynced(&conns[i], now, dirty)
		if err != nil {
			errs = append(errs, err)
		}
		if ok {
			placed++
		}
	}
	for id := range dirty {
		if err := d.objs.ConnEnded.Put(id, d.ended[id]); err != nil {
			errs = append(errs, fmt.Errorf("datapath: connection counts: %w", err))
		}
	}
	return placed, errors.Join(errs...)
}

func (d *Datapath) insertSynced(c *ipvssync.Conn, now uint64, dirty map[uint32]bool) (bool, error) {
	svc, ok := d.syncedService(c)
	if !ok {
		return false, nil
	}
	destID, dest, ok := d.syncedDest(svc, c)
	if !ok {
		return false, nil
	}
	af := afOf(c.VAddr)
	k := xvsXvsConnKey{Saddr: addrWords(c.CAddr), Daddr: addrWords(c.VAddr), Sport: be16(c.CPort), Dport: be16(c.VPort),
		Af: af, Proto: c.Protocol}
	timeout := uint64(c.Timeout)
	state := localState(c)
	if timeout == 0 {
		timeout = templateTimeout
		if !c.Template() && int(state) < len(d.stateTimeouts) {
			timeout = uint64(d.stateTimeouts[state])
		}
	}
	expires := now + timeout*uint64(time.Second)

	var old xvsXvsConn
	if err := d.connLookup(&k, &old); err == nil {
		switch {
		case old.Flags&xvsConnFReverse != 0:
			return false, nil // a NAT reply's tuple: not ours to replace
		case old.Expires > now && (old.Flags&xvsConnFTemplate != 0) == c.Template():
			if c.Template() || (old.Addr == dest.Addr && old.Port == be16(c.DPort)) {
				return true, d.updateSynced(&k, &old, state, expires, dirty)
			}
			if c.Flags&ipvssync.FlagInactive != 0 {
				return false, nil // the end of a connection already replaced here
			}
		}
		d.dropConn(&k, &old, dirty)
	}
	v := xvsXvsConn{Expires: expires, Addr: dest.Addr, State: state, DestId: destID, SvcId: svc.Id,
		Port: be16(c.DPort), Flags: xvsConnFSynced, Fwd: dest.Fwd, Af: dest.Af,
		TunType: dest.TunType, TunPort: dest.TunPort, TunFlags: dest.TunFlags}
	switch {
	case c.Template():
		v.Flags |= xvsConnFTemplate
	case svc.Flags&xvsSvcFPersistent != 0:
		v.Flags |= xvsConnFControlled
	}
	if !c.Template() && (dest.Fwd == xvsFwdTunnel || dest.Fwd == xvsFwdRoute) {
		v.Flags |= xvsConnFNoOutput
	}
	if !c.Template() && dest.Fwd == xvsFwdMasq && dest.Flags&xvsDestFReplyEntry != 0 {
		v.Flags |= xvsConnFReplyEntry
	}
	if err := d.connUpdate(&k, &v, ebpf.UpdateAny); err != nil {
		return false, fmt.Errorf("datapath: synced connection: %w", err)
	}
	if v.Flags&xvsConnFReplyEntry != 0 {
		rk := reverseKey(&k, &v)
		rv := xvsXvsConn{Addr: k.Daddr, Port: k.Dport, Af: k.Af, Flags: xvsConnFReverse, DestId: destID,
			SvcId: svc.Id, Fwd: xvsFwdMasq}
		if err := d.connUpdate(&rk, &rv, ebpf.UpdateAny); err != nil {
			d.connDelete(&k)
			return false, fmt.Errorf("datapath: synced connection: %w", err)
		}
	}
	d.countEnded(&v, -1, dirty) // a connection that starts here without a packet
	return true, nil
}

// updateSynced gives a known connection the record's state and timeout.
func (d *Datapath) updateSynced(k *xvsXvsConnKey, old *xvsXvsConn, state uint32, expires uint64, dirty map[uint32]bool) error {
	v := *old
	v.State, v.Expires = state, expires
	if err := d.connUpdate(k, &v, ebpf.UpdateExist); err != nil {
		return fmt.Errorf("datapath: synced connection: %w", err)
	}
	if old.State != state {
		d.countEnded(old, 1, dirty)
		d.countEnded(&v, -1, dirty)
	}
	return nil
}

// dropConn removes an entry (and a NAT connection's reverse entry) and
// counts it ended, as the sweeper does.
func (d *Datapath) dropConn(k *xvsXvsConnKey, v *xvsXvsConn, dirty map[uint32]bool) {
	if d.connDelete(k) != nil {
		return
	}
	if v.Flags&xvsConnFReplyEntry != 0 {
		rk := reverseKey(k, v)
		d.connDelete(&rk)
	}
	d.countEnded(v, 1, dirty)
}

// countEnded adds delta to the count of v's kind of connection that xvsd
// ended (conn_ended; the live count is conn_started minus it, modulo 2^32,
// so a negative delta counts a connection xvsd started).
func (d *Datapath) countEnded(v *xvsXvsConn, delta int32, dirty map[uint32]bool) {
	e := d.ended[v.DestId]
	switch {
	case v.Flags&xvsConnFTemplate != 0:
		e.Persist += uint32(delta)
	case activeState(v.State):
		e.Active += uint32(delta)
	default:
		e.Inactive += uint32(delta)
	}
	d.ended[v.DestId] = e
	dirty[v.DestId] = true
}

// reverseKey is the tuple of a NAT connection's replies (RIP:rport ->
// CIP:cport), as the datapath's reverse_key makes it.
func reverseKey(k *xvsXvsConnKey, v *xvsXvsConn) xvsXvsConnKey {
	return xvsXvsConnKey{Saddr: v.Addr, Daddr: k.Saddr, Sport: v.Port, Dport: k.Sport, Af: v.Af, Proto: k.Proto}
}

// syncedService finds a record's service as ip_vs_service_find does: by
// fwmark, by address and port, the FTP service for its templates, then
// the address's port-0 service.
func (d *Datapath) syncedService(c *ipvssync.Conn) (xvsXvsSvc, bool) {
	af := afOf(c.VAddr)
	if c.FWMark != 0 {
		if s, ok := d.state.services[xvsXvsSvcKey{Af: af, Fwmark: c.FWMark}]; ok {
			return s, true
		}
	}
	k := xvsXvsSvcKey{Addr: addrWords(c.VAddr), Port: be16(c.VPort), Af: af, Proto: c.Protocol}
	if s, ok := d.state.services[k]; ok {
		return s, true
	}
	if c.Template() && c.VPort == 0 && c.Protocol == protoTCP {
		k.Port = be16(21)
		if s, ok := d.state.services[k]; ok {
			return s, true
		}
	}
	k.Port = 0
	s, ok := d.state.services[k]
	return s, ok
}

// syncedDest finds the service's destination of the record's address
// (and port, which a port-0 service's destination and a port-0 template
// leave open).
func (d *Datapath) syncedDest(svc xvsXvsSvc, c *ipvssync.Conn) (uint32, xvsXvsDest, bool) {
	addr := addrWords(c.DAddr)
	for _, id := range d.state.lists[svc.Id] {
		dv := d.state.dests[id]
		if dv.Addr != addr || dv.Af != afOf(c.DAddr) {
			continue
		}
		if dv.Port == be16(c.DPort) || dv.Port == 0 || (c.Template() && c.DPort == 0) {
			return id, dv, true
		}
	}
	return 0, xvsXvsDest{}, false
}

func afOf(a netip.Addr) uint8 {
	if a.Is4() {
		return afInet
	}
	return afInet6
}

const (
	protoTCP     = 6
	xvsFwdMasq   = 0
	xvsFwdTunnel = 2
	xvsFwdRoute  = 3
)
