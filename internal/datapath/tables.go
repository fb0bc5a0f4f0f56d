package datapath

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"

	"github.com/cilium/ebpf"
)

// tables is what xvsd last wrote into the maps.
type tables struct {
	services map[xvsXvsSvcKey]xvsXvsSvc
	lists    map[uint32][]uint32 // service id -> destination ids of its current generation
	tables   map[uint32][]uint32 // service id -> scheduling table (destination id + 1 per slot)
	dests    map[uint32]xvsXvsDest
	addrs    map[xvsXvsAddrKey]uint32  // VIPs and NAT real servers
	natVIPs  map[xvsXvsNatKey][]natVIP // nat_vips
	// natWanted: the VIPs of nat_vips the configuration wants (the others
	// linger for live connections).
	natWanted map[xvsXvsNatKey][]natVIP
}

func newTables() tables {
	return tables{services: map[xvsXvsSvcKey]xvsXvsSvc{}, lists: map[uint32][]uint32{},
		tables: map[uint32][]uint32{}, dests: map[uint32]xvsXvsDest{}, addrs: map[xvsXvsAddrKey]uint32{},
		natVIPs: map[xvsXvsNatKey][]natVIP{}, natWanted: map[xvsXvsNatKey][]natVIP{}}
}

// loadState reads the maps a previous xvsd left pinned, so that the next
// Apply writes only differences (no service flickers on restart).
func (d *Datapath) loadState() error {
	st := newTables()
	var k xvsXvsSvcKey
	var s xvsXvsSvc
	it := d.objs.Services.Iterate()
	for it.Next(&k, &s) {
		st.services[k] = s
		if err := d.repairSvcByID(s); err != nil {
			return err
		}
		ids := make([]uint32, s.Ndests)
		for i := range ids {
			if err := d.objs.SvcDests.Lookup(xvsXvsSvcDestKey{SvcId: s.Id, Idx: uint16(i), Gen: s.Gen}, &ids[i]); err != nil {
				return fmt.Errorf("datapath: pinned destination list of service %d: %w", s.Id, err)
			}
		}
		st.lists[s.Id] = ids
		table := make([]uint32, s.TabLen)
		for i := range table {
			if err := d.objs.SchedTables.Lookup(xvsXvsTableKey{SvcId: s.Id, Slot: uint16(i), Gen: s.Gen}, &table[i]); err != nil {
				return fmt.Errorf("datapath: pinned scheduling table of service %d: %w", s.Id, err)
			}
		}
		st.tables[s.Id] = table
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("datapath: read services: %w", err)
	}
	// dests is an array of 256 k slots: read in batches, it takes a few
	// milliseconds where entry by entry took most of a second.
	if err := forEachBatch(d.objs.Dests, func(id *uint32, dv *xvsXvsDest) {
		if dv.Af != 0 { // af 0 is a free slot
			st.dests[*id] = *dv
		}
	}); err != nil {
		return fmt.Errorf("datapath: read destinations: %w", err)
	}
	if err := d.loadAddrs(&st); err != nil {
		return err
	}
	if err := d.loadNATVIPs(&st); err != nil {
		return err
	}
	var cc xvsXvsConnCounts
	for id := range st.dests {
		if err := d.objs.ConnEnded.Lookup(id, &cc); err == nil {
			d.ended[id] = cc
		}
	}
	d.state = st
	return nil
}

// repairSvcByID makes svc_by_id hold a pinned service, as an upgrade from a
// datapath without that map needs.
func (d *Datapath) repairSvcByID(s xvsXvsSvc) error {
	var got xvsXvsSvc
	if err := d.objs.SvcById.Lookup(s.Id, &got); err == nil && got == s {
		return nil
	}
	if err := d.objs.SvcById.Put(s.Id, s); err != nil {
		return fmt.Errorf("datapath: service %d by id: %w", s.Id, err)
	}
	return nil
}

func svcKey(s *Service) xvsXvsSvcKey {
	if s.FWMark != 0 {
		return xvsXvsSvcKey{Af: uint8(s.AF), Fwmark: s.FWMark}
	}
	return xvsXvsSvcKey{Addr: addrWords(s.Addr), Port: be16(s.Port), Af: uint8(s.AF), Proto: s.Protocol}
}

func destValue(d *Dest) xvsXvsDest {
	return xvsXvsDest{
		Addr: addrWords(d.Addr), Weight: d.Weight, U_threshold: d.UThreshold, L_threshold: d.LThreshold,
		Port: be16(d.Port), Af: uint8(d.AF), Fwd: d.Fwd, TunType: d.TunType, TunPort: be16(d.TunPort),
		TunFlags: d.TunFlags,
	}
}

// Check says whether the datapath can run the services as configured.
func Check(svcs []Service) error {
	for i := range svcs {
		s := &svcs[i]
		if !runsInDatapath[s.Scheduler] {
			return fmt.Errorf("scheduler %s is not in the XDP datapath", s.Scheduler)
		}
		if len(s.Dests) > xvsMaxDestsPerSvc {
			return fmt.Errorf("service has %d destinations; the datapath takes %d", len(s.Dests), xvsMaxDestsPerSvc)
		}
	}
	return nil
}

const xvsMaxDestsPerSvc = 1024 // XVS_MAX_DESTS_PER_SVC

// Apply makes the maps say what svcs say. Order matters for the packets in
// flight: destinations first, then each service's new list generation, then
// the service entry that points at it, and only then the removals.
func (d *Datapath) Apply(svcs []Service, t Timeouts) error {
	if err := Check(svcs); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.writeTimeouts(t); err != nil {
		return err
	}
	next := newTables()
	nat := planNATVIPs(svcs, d.state.natVIPs)
	for i := range svcs {
		for j := range svcs[i].Dests {
			dst := &svcs[i].Dests[j]
			v := destValue(dst)
			if nat.replyEntry[dst.ID] {
				v.Flags |= xvsDestFReplyEntry
			}
			next.dests[dst.ID] = v
		}
	}
	if err := d.writeNATVIPs(nat.lists); err != nil {
		return err
	}
	d.state.natWanted = nat.wanted
	for id, v := range next.dests {
		old, had := d.state.dests[id]
		if had && old == v {
			continue
		}
		if !had {
			if err := d.resetDest(id); err != nil {
				return err
			}
		}
		if err := d.objs.Dests.Put(id, v); err != nil {
			return fmt.Errorf("datapath: destination %d: %w", id, err)
		}
		d.state.dests[id] = v
	}
	if err := d.addAddrs(svcs, &next); err != nil {
		return err
	}
	for i := range svcs {
		if err := d.applyService(&svcs[i], &next); err != nil {
			return err
		}
	}
	if err := d.removeStale(&next); err != nil {
		return err
	}
	return d.removeStaleAddrs(&next)
}

const (
	xvsAddrVIP      = 0x1
	xvsAddrVIPPort0 = 0x2
	xvsAddrNATRIP   = 0x4
)

func addrKey(af uint16, a netip.Addr) xvsXvsAddrKey {
	return xvsXvsAddrKey{Addr: addrWords(a), Af: uint8(af)}
}

// addAddrs writes the addresses the datapath must look at before the
// services that need them.
func (d *Datapath) addAddrs(svcs []Service, next *tables) error {
	for i := range svcs {
		s := &svcs[i]
		if s.FWMark == 0 {
			f := uint32(xvsAddrVIP)
			if s.Port == 0 {
				f |= xvsAddrVIPPort0
			}
			next.addrs[addrKey(s.AF, s.Addr)] |= f
		}
		for _, dst := range s.Dests {
			if dst.Fwd == 0 { // NAT: replies come from the real server
				next.addrs[addrKey(dst.AF, dst.Addr)] |= xvsAddrNATRIP
			}
		}
	}
	for k, f := range next.addrs {
		// Keep the NAT flag of an address until the sweeper sees its last
		// connection go (replies of live connections still need it).
		f |= d.state.addrs[k] & xvsAddrNATRIP
		next.addrs[k] = f
		if old, ok := d.state.addrs[k]; ok && old == f {
			continue
		}
		if err := d.addrPut(k, f); err != nil {
			return fmt.Errorf("datapath: addresses: %w", err)
		}
		d.state.addrs[k] = f
	}
	return nil
}

// removeStaleAddrs drops VIP flags of addresses without services (the NAT
// flag goes in the sweeper).
func (d *Datapath) removeStaleAddrs(next *tables) error {
	for k, f := range d.state.addrs {
		if _, ok := next.addrs[k]; ok {
			continue
		}
		if f&xvsAddrNATRIP != 0 {
			f = xvsAddrNATRIP
			if err := d.addrPut(k, f); err != nil {
				return fmt.Errorf("datapath: addresses: %w", err)
			}
			d.state.addrs[k] = f
			continue
		}
		if err := d.addrDelete(k); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
			return fmt.Errorf("datapath: addresses: %w", err)
		}
		delete(d.state.addrs, k)
	}
	return nil
}

func (d *Datapath) applyService(s *Service, next *tables) error {
	key := svcKey(s)
	ids := make([]uint32, len(s.Dests))
	for i := range s.Dests {
		ids[i] = s.Dests[i].ID
	}
	old, had := d.state.services[key]
	if had && old.Id != s.ID {
		had = false // the same address now belongs to another service object
	}
	v := xvsXvsSvc{Id: s.ID, Flags: s.Flags, Timeout: s.Timeout, Netmask: s.Netmask, Ndests: uint16(len(ids)),
		Sched: uint8(schedulers[s.Scheduler]), Port: be16(s.Port), Fwmark: s.FWMark}
	switch {
	case s.AF == uint16(afInet) && s.Netmask == 0:
		v.Netmask = 0xffffffff // no -M: one template per client address
	case s.AF == uint16(afInet):
		v.Netmask = be32(s.Netmask)
	case s.Netmask == 0:
		v.Netmask = 128
	}
	if had {
		v.Gen = old.Gen
	} else if err := d.resetService(s.ID); err != nil {
		return err
	}
	oldIDs := d.state.lists[s.ID]
	table, prefix, err := d.schedTable(s, had && old.Sched == v.Sched)
	if err != nil {
		return err
	}
	v.TabLen, v.TabPrefix = uint32(len(table)), uint32(prefix)
	if !had || !slices.Equal(oldIDs, ids) || !slices.Equal(d.state.tables[s.ID], table) || old.TabPrefix != v.TabPrefix {
		if had {
			v.Gen = 1 - old.Gen
		}
		for i, id := range ids {
			if err := d.objs.SvcDests.Put(xvsXvsSvcDestKey{SvcId: s.ID, Idx: uint16(i), Gen: v.Gen}, id); err != nil {
				return fmt.Errorf("datapath: destination list: %w", err)
			}
		}
		if err := d.writeTable(s.ID, v.Gen, table); err != nil {
			return err
		}
		if err := d.moveCursor(s.ID, oldIDs, ids); err != nil {
			return err
		}
	}
	if !had || old != v {
		if err := d.objs.SvcById.Put(s.ID, v); err != nil {
			return fmt.Errorf("datapath: service: %w", err)
		}
		if err := d.objs.Services.Put(key, v); err != nil {
			return fmt.Errorf("datapath: service: %w", err)
		}
	}
	// The previous generation is kept until the one after, so a packet that
	// read the old service entry still finds its list.
	if had && v.Gen != old.Gen {
		d.deleteList(s.ID, 1-v.Gen, len(ids), 1<<16)
		d.deleteTable(s.ID, 1-v.Gen, len(table))
	}
	next.services[key] = v
	next.lists[s.ID] = ids
	d.state.services[key] = v
	d.state.lists[s.ID] = ids
	d.state.tables[s.ID] = table
	return nil
}

// moveCursor keeps rr's position as the kernel does when the list changes:
// when the last destination picked leaves, the cursor moves to the one
// before it (ip_vs_rr_del_dest), so the one after it is next.
func (d *Datapath) moveCursor(svcID uint32, oldIDs, ids []uint32) error {
	var st xvsXvsSchedState
	if err := d.objs.SchedState.Lookup(svcID, &st); err != nil || st.LastDest == 0 {
		return nil
	}
	last := st.LastDest - 1
	if slices.Contains(ids, last) {
		return nil
	}
	st.LastDest = 0
	if i := slices.Index(oldIDs, last); i > 0 {
		for j := i - 1; j >= 0; j-- {
			if slices.Contains(ids, oldIDs[j]) {
				st.LastDest = oldIDs[j] + 1
				break
			}
		}
	}
	return d.objs.SchedState.Put(svcID, st)
}

// deleteList removes list slots [from, to) of a generation.
func (d *Datapath) deleteList(svcID uint32, gen uint8, from, to int) {
	for i := from; i < to && i < xvsMaxDestsPerSvc; i++ {
		if err := d.objs.SvcDests.Delete(xvsXvsSvcDestKey{SvcId: svcID, Idx: uint16(i), Gen: gen}); errors.Is(err, ebpf.ErrKeyNotExist) {
			break
		}
	}
}

func (d *Datapath) removeStale(next *tables) error {
	for key, v := range d.state.services {
		if nv, ok := next.services[key]; ok && nv.Id == v.Id {
			continue
		}
		if _, ok := next.services[key]; !ok {
			if err := d.objs.Services.Delete(key); err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
				return fmt.Errorf("datapath: delete service: %w", err)
			}
		}
		if !serviceIDUsed(next, v.Id) {
			if err := d.objs.SvcById.Put(v.Id, xvsXvsSvc{}); err != nil {
				return fmt.Errorf("datapath: delete service: %w", err)
			}
			d.deleteList(v.Id, 0, 0, xvsMaxDestsPerSvc)
			d.deleteList(v.Id, 1, 0, xvsMaxDestsPerSvc)
			d.deleteTable(v.Id, 0, 0)
			d.deleteTable(v.Id, 1, 0)
			delete(d.state.lists, v.Id)
			delete(d.state.tables, v.Id)
			delete(d.wrrCW, v.Id)
		}
		delete(d.state.services, key)
	}
	for id := range d.state.dests {
		if _, ok := next.dests[id]; ok {
			continue
		}
		// A free slot: new connections no longer get it, and packets of
		// its connections are dropped until they expire, as in IPVS.
		if err := d.objs.Dests.Put(id, xvsXvsDest{}); err != nil {
			return fmt.Errorf("datapath: delete destination: %w", err)
		}
		delete(d.state.dests, id)
	}
	return nil
}

func serviceIDUsed(t *tables, id uint32) bool {
	for _, v := range t.services {
		if v.Id == id {
			return true
		}
	}
	return false
}

// resetService zeroes a new service's counters and scheduler state (ids
// are reused after deletion).
func (d *Datapath) resetService(id uint32) error {
	d.forgetLBLC(func(k *xvsXvsLblcKey, _ *xvsXvsLblcEntry) bool { return k.SvcId == id })
	if err := d.objs.SchedState.Put(id, xvsXvsSchedState{}); err != nil {
		return fmt.Errorf("datapath: scheduler state: %w", err)
	}
	return d.objs.SvcStats.Put(id, make([]xvsXvsCounters, ebpf.MustPossibleCPU()))
}

// resetDest zeroes a new destination's counters. A destination revived
// from the control plane's trash keeps its id and never came here: its
// entries stayed.
func (d *Datapath) resetDest(id uint32) error {
	if err := d.objs.DestStats.Put(id, make([]xvsXvsCounters, ebpf.MustPossibleCPU())); err != nil {
		return fmt.Errorf("datapath: destination counters: %w", err)
	}
	var started xvsXvsConnCounts
	if err := d.objs.ConnStarted.Lookup(id, &started); err == nil {
		// Keep live = started - ended at zero for a fresh destination by
		// making ended equal started (each map keeps one writer).
		d.ended[id] = started
		return d.objs.ConnEnded.Put(id, started)
	}
	return nil
}

func (d *Datapath) writeTimeouts(t Timeouts) error {
	vals := make([]uint32, xvsStateLast)
	copy(vals, tcpDefaultTimeouts[:])
	if t.TCP != 0 {
		vals[xvsXvsStateXVS_S_ESTABLISHED] = t.TCP
	}
	if t.TCPFin != 0 {
		vals[xvsXvsStateXVS_S_FIN_WAIT] = t.TCPFin
	}
	vals[xvsXvsStateXVS_S_UDP] = 300
	if t.UDP != 0 {
		vals[xvsXvsStateXVS_S_UDP] = t.UDP
	}
	vals[xvsXvsStateXVS_S_SCTP] = 900
	vals[xvsXvsStateXVS_S_ICMP] = 60
	copy(vals[xvsXvsStateXVS_S_SCTP_NONE:], sctpTimeouts[:])
	d.stateTimeouts = vals
	for i, v := range vals {
		if err := d.objs.Timeouts.Put(xvsXvsState(i), v); err != nil {
			return fmt.Errorf("datapath: timeouts: %w", err)
		}
	}
	return nil
}

const xvsStateLast = int(xvsXvsStateXVS_S_LAST)

// be32 converts a host-order 32-bit mask to network order.
func be32(v uint32) uint32 {
	return uint32(be16(uint16(v>>16))) | uint32(be16(uint16(v)))<<16
}

// forgetLBLC deletes the lblc/lblcr entries drop says.
func (d *Datapath) forgetLBLC(drop func(*xvsXvsLblcKey, *xvsXvsLblcEntry) bool) int {
	var k xvsXvsLblcKey
	var v xvsXvsLblcEntry
	var gone []xvsXvsLblcKey
	it := d.objs.LblcTable.Iterate()
	n := 0
	for it.Next(&k, &v) {
		n++
		if drop(&k, &v) {
			gone = append(gone, k)
		}
	}
	for i := range gone {
		d.objs.LblcTable.Delete(&gone[i])
	}
	return n - len(gone)
}

// lblcGC is ip_vs_lblc's garbage collection, run every minute: entries
// unused for lblc_expiration (24 h) go, and while the table holds more than
// 16 384 entries, those unused for 6 minutes.
func (d *Datapath) lblcGC(now uint64) {
	const day, sixMin = uint64(24 * 3600 * 1e9), uint64(360 * 1e9)
	left := d.forgetLBLC(func(_ *xvsXvsLblcKey, v *xvsXvsLblcEntry) bool { return now > v.Lastuse+day })
	if left > 16384 {
		d.forgetLBLC(func(_ *xvsXvsLblcKey, v *xvsXvsLblcEntry) bool { return now > v.Lastuse+sixMin })
	}
}
