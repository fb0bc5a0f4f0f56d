package datapath

import (
	"errors"
	"fmt"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// monotonicNow is the clock the datapath stamps expiry with
// (bpf_ktime_get_coarse_ns: CLOCK_MONOTONIC_COARSE).
func monotonicNow() uint64 {
	var ts unix.Timespec
	unix.ClockGettime(unix.CLOCK_MONOTONIC_COARSE, &ts)
	return uint64(ts.Nano())
}

// Counters sums the per-CPU counters of every service and destination.
func (d *Datapath) Counters() (svc, dest map[uint32]Counters, err error) {
	d.mu.Lock()
	svcIDs := make([]uint32, 0, len(d.state.services))
	for _, s := range d.state.services {
		svcIDs = append(svcIDs, s.Id)
	}
	destIDs := make([]uint32, 0, len(d.state.dests))
	for id := range d.state.dests {
		destIDs = append(destIDs, id)
	}
	d.mu.Unlock()
	if svc, err = sumCounters(d.objs.SvcStats, svcIDs); err != nil {
		return nil, nil, err
	}
	if dest, err = sumCounters(d.objs.DestStats, destIDs); err != nil {
		return nil, nil, err
	}
	return svc, dest, nil
}

func sumCounters(m *ebpf.Map, ids []uint32) (map[uint32]Counters, error) {
	out := make(map[uint32]Counters, len(ids))
	var per []xvsXvsCounters
	for _, id := range ids {
		if err := m.Lookup(id, &per); err != nil {
			return nil, fmt.Errorf("datapath: counters %d: %w", id, err)
		}
		var c Counters
		for _, p := range per {
			c.Conns += p.Conns
			c.InPkts += p.Inpkts
			c.OutPkts += p.Outpkts
			c.InBytes += p.Inbytes
			c.OutBytes += p.Outbytes
		}
		out[id] = c
	}
	return out, nil
}

// ConnCounts returns each destination's live connections: what the datapath
// started minus what the sweeper reaped.
func (d *Datapath) ConnCounts() (map[uint32]ConnCounts, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[uint32]ConnCounts, len(d.state.dests))
	var s xvsXvsConnCounts
	for id := range d.state.dests {
		if err := d.objs.ConnStarted.Lookup(id, &s); err != nil {
			return nil, fmt.Errorf("datapath: connection counts: %w", err)
		}
		e := d.ended[id]
		out[id] = ConnCounts{Active: s.Active - e.Active, Inactive: s.Inactive - e.Inactive, Persist: s.Persist - e.Persist}
	}
	return out, nil
}

// DestsInUse says which of the destinations ids connections or templates
// still refer to.
func (d *Datapath) DestsInUse(ids []uint32) (map[uint32]bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[uint32]bool, len(ids))
	var s xvsXvsConnCounts
	for _, id := range ids {
		if err := d.objs.ConnStarted.Lookup(id, &s); err != nil {
			return nil, fmt.Errorf("datapath: connection counts: %w", err)
		}
		e := d.ended[id]
		out[id] = s.Active != e.Active || s.Inactive != e.Inactive || s.Persist != e.Persist
	}
	return out, nil
}

// Conns lists the live connections (forward entries).
func (d *Datapath) Conns() ([]Conn, error) {
	now := monotonicNow()
	var out []Conn
	err := d.forEachConn(func(k *xvsXvsConnKey, v *xvsXvsConn) {
		if v.Flags&xvsConnFReverse != 0 || v.Expires <= now {
			return
		}
		c := connOf(k, v, now)
		c.Template = v.Flags&xvsConnFTemplate != 0
		out = append(out, c)
	})
	if err != nil {
		return nil, fmt.Errorf("datapath: read connections: %w", err)
	}
	return out, nil
}

const (
	xvsConnFReverse  = 0x01
	xvsConnFNoOutput = 0x02
	xvsConnFTemplate = 0x04
)

func connOf(k *xvsXvsConnKey, v *xvsXvsConn, now uint64) Conn {
	c := Conn{
		Protocol: k.Proto, AF: uint16(k.Af),
		CAddr: wordsAddr(k.Af, k.Saddr), CPort: be16(k.Sport),
		VAddr: wordsAddr(k.Af, k.Daddr), VPort: be16(k.Dport),
		DAddr: wordsAddr(v.Af, v.Addr), DPort: be16(v.Port),
		Expires: time.Duration(v.Expires - now), DestID: v.DestId, ServiceID: v.SvcId, Forwarding: v.Fwd,
	}
	switch {
	case v.Flags&xvsConnFTemplate != 0:
		c.State = templateStateNames[v.State&1]
	case int(v.State) < len(stateNames):
		c.State = stateNames[v.State]
	}
	return c
}

// walkDue paces the walk of the connection tables: a walk costs about
// 0.6 s of CPU for a million connections on the development machine (the
// kernel's batch lookup takes each bucket's lock), so the next one waits
// three times as long as the last took: the sweeper keeps to a quarter of
// a CPU, and a table of a few hundred thousand entries or fewer is still
// walked every second. Expired entries are then reaped, and their
// destinations' connection counts lowered, up to a few seconds late; the
// datapath itself never forwards by an expired entry.
func (d *Datapath) walkDue() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	// A walk under 100 ms is always due: the sweeper's one-second tick
	// paces it, and callers that sweep on purpose (tests) get their walk.
	return d.walkTook < 100*time.Millisecond || time.Since(d.walkDone) >= 3*d.walkTook
}

// Sweep reaps expired connections. Only xvsd deletes entries; the datapath
// may revive an expired entry in place for a new flow on the same tuple, so
// each deletion reads back what it deleted and puts back a revived one.
func (d *Datapath) Sweep() error {
	d.mu.Lock()
	d.sweeps++
	refresh := d.sweeps%5 == 0
	gc := d.sweeps%60 == 0
	d.mu.Unlock()
	if gc {
		d.lblcGC(monotonicNow())
	}
	if refresh {
		if err := d.refreshInterfaces(); err != nil {
			return err
		}
	}
	if !d.walkDue() {
		return nil
	}
	started := time.Now()
	defer func() {
		d.mu.Lock()
		d.walkDone, d.walkTook = time.Now(), time.Since(started)
		d.mu.Unlock()
	}()
	now := monotonicNow()
	d.mu.Lock()
	persistent := d.persistentServices()
	wantedBefore := d.state.natWanted // replaced by Apply, never changed in place
	d.mu.Unlock()
	var expired, halfOpen []xvsXvsConnKey
	controlling := map[xvsXvsConnKey]bool{} // templates that live connections depend on
	natRIPs := map[xvsXvsAddrKey]bool{}     // real servers of live NAT connections
	natVIPs := map[xvsXvsNatKey][]natVIP{}  // the VIPs they answer from
	entries := [2]int{}                     // IPv4, IPv6
	err := d.forEachConn(func(kp *xvsXvsConnKey, vp *xvsXvsConn) {
		k, v := *kp, *vp
		entries[familyIndex(k.Af)]++
		if halfOpenPastGrace(&v, now) {
			halfOpen = append(halfOpen, k)
		}
		switch {
		case v.Flags&xvsConnFReverse != 0:
		case v.Expires <= now:
			expired = append(expired, k)
		case v.Flags&xvsConnFTemplate == 0:
			if s, ok := persistent[v.SvcId]; ok {
				controlling[templateKey(&k, s)] = true
			}
			if v.Fwd == 0 {
				natRIPs[xvsXvsAddrKey{Addr: v.Addr, Af: v.Af}] = true
				liveNATVIP(natVIPs, &k, &v)
			}
		}
	})
	if err != nil {
		return fmt.Errorf("datapath: sweep: %w", err)
	}
	d.shed = 0
	for fam, m := range []*ebpf.Map{d.objs.Conns4, d.objs.Conns} {
		if uint32(entries[fam]) <= m.MaxEntries()/4*3 {
			continue
		}
		// drop_entry's defense, on by itself: with a table three quarters
		// full (a SYN flood), half-open connections older than the grace
		// period go, so that real clients still find room.
		n := 0
		for _, k := range halfOpen {
			if familyIndex(k.Af) == fam {
				expired = append(expired, k)
				n++
			}
		}
		d.logf("connection table %d/%d full: dropping %d half-open connections", entries[fam], m.MaxEntries(), n)
		d.shed += n
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	dirty := map[uint32]bool{}
	for i := range expired {
		key := expired[i]
		var got xvsXvsConn
		if err := d.connLookupAndDelete(&key, &got); err != nil {
			continue // gone already
		}
		if got.Flags&xvsConnFTemplate != 0 && controlling[key] {
			// A template outlives the connections it controls (IPVS
			// retries its expiry every 60 s while any is alive).
			got.Expires = monotonicNow() + uint64(60*time.Second)
		}
		shedding := d.shed > 0 && halfOpenPastGrace(&got, monotonicNow())
		if got.Expires > monotonicNow() && !shedding {
			// Revived meanwhile: put it back unless a newer one took the slot.
			if err := d.connUpdate(&key, &got, ebpf.UpdateNoExist); err != nil && !errors.Is(err, ebpf.ErrKeyExist) {
				return fmt.Errorf("datapath: sweep: %w", err)
			}
			continue
		}
		if got.Flags&xvsConnFReplyEntry != 0 { // NAT: its reply entry goes with it
			rk := reverseKey(&key, &got)
			d.connDelete(&rk)
		}
		d.countEnded(&got, 1, dirty)
	}
	for id := range dirty {
		if err := d.objs.ConnEnded.Put(id, d.ended[id]); err != nil {
			return fmt.Errorf("datapath: sweep: %w", err)
		}
	}
	if err := d.pruneNATVIPs(wantedBefore, natVIPs); err != nil {
		return err
	}
	return d.dropUnusedNATAddrs(natRIPs)
}

// dropUnusedNATAddrs forgets real servers that left their NAT services once
// their last connection is gone.
func (d *Datapath) dropUnusedNATAddrs(live map[xvsXvsAddrKey]bool) error {
	wanted := map[xvsXvsAddrKey]bool{}
	for _, dv := range d.state.dests {
		if dv.Fwd == 0 {
			wanted[xvsXvsAddrKey{Addr: dv.Addr, Af: dv.Af}] = true
		}
	}
	for k, f := range d.state.addrs {
		if f&xvsAddrNATRIP == 0 || wanted[k] || live[k] {
			continue
		}
		f &^= xvsAddrNATRIP
		var err error
		if f == 0 {
			err = d.addrDelete(k)
			delete(d.state.addrs, k)
		} else {
			err = d.addrPut(k, f)
			d.state.addrs[k] = f
		}
		if err != nil && !errors.Is(err, ebpf.ErrKeyNotExist) {
			return fmt.Errorf("datapath: addresses: %w", err)
		}
	}
	return nil
}

// halfOpenPastGrace: a forward connection still in SYN_RECV, live, and
// older than the grace the flood defense gives it.
func halfOpenPastGrace(v *xvsXvsConn, now uint64) bool {
	return v.State == uint32(xvsXvsStateXVS_S_SYN_RECV) && v.Flags&(xvsConnFReverse|xvsConnFTemplate) == 0 &&
		v.Expires > now && v.Expires-now < uint64(synRecvTimeout-halfOpenGrace)
}

func familyIndex(af uint8) int {
	if af == afInet {
		return 0
	}
	return 1
}

// SYN_RECV's timeout and how long a half-open connection is safe from the
// flood defense.
const (
	synRecvTimeout = 60 * time.Second
	halfOpenGrace  = 3 * time.Second
)

// persistentServices are the persistent services by id.
func (d *Datapath) persistentServices() map[uint32]xvsXvsSvc {
	out := map[uint32]xvsXvsSvc{}
	for _, s := range d.state.services {
		if s.Flags&xvsSvcFPersistent != 0 {
			out[s.Id] = s
		}
	}
	return out
}

const xvsSvcFPersistent = 0x1

// templateKey is the template a connection of persistent service s falls
// under (the datapath's template_key).
func templateKey(k *xvsXvsConnKey, s xvsXvsSvc) xvsXvsConnKey {
	t := xvsXvsConnKey{Daddr: k.Daddr, Af: k.Af, Proto: k.Proto, Dport: k.Dport}
	if s.Port == 0 || s.Port == be16(21) {
		t.Dport = 0
	}
	if s.Fwmark != 0 {
		t.Daddr = [4]uint32{be32(s.Fwmark)}
		t.Proto, t.Dport = 0, 0
	}
	if k.Af == afInet {
		t.Saddr[0] = k.Saddr[0] & s.Netmask
		return t
	}
	plen := min(s.Netmask, 128)
	for i := range 4 {
		bits := max(int(plen)-32*i, 0)
		var mask uint32
		if bits >= 32 {
			mask = 0xffffffff
		} else if bits > 0 {
			mask = ^uint32(0) << (32 - bits)
		}
		t.Saddr[i] = k.Saddr[i] & be32(mask)
	}
	return t
}

// Event is one of the datapath's global counters.
type Event struct {
	Name  string // "table_full"
	Help  string // what it counts and what became of the packets
	Count uint64 // packets since the datapath was loaded, all CPUs
}

// eventHelp names and explains the events in enum xvs_event's order.
var eventHelp = [xvsXvsEventXVS_EV_LAST]struct{ name, help string }{
	xvsXvsEventXVS_EV_PASS:        {"pass", "to a VIP or from a real server, but of no service or connection: to the kernel"},
	xvsXvsEventXVS_EV_FRAGMENT:    {"fragment", "fragment whose first fragment was not seen (or SCTP, ICMP): to the kernel"},
	xvsXvsEventXVS_EV_MALFORMED:   {"malformed", "headers or lengths that do not add up: to the kernel"},
	xvsXvsEventXVS_EV_NO_DEST:     {"no_dest", "new connection with no destination available: ICMP port unreachable"},
	xvsXvsEventXVS_EV_TABLE_FULL:  {"table_full", "new connection with the connection table full: dropped"},
	xvsXvsEventXVS_EV_XMIT_KERNEL: {"xmit_kernel", "sent through the kernel (veth peer without NAPI, neighbour unresolved)"},
	xvsXvsEventXVS_EV_NO_NEIGH:    {"no_neigh", "next hop's neighbour unresolved: the kernel resolves it and sends"},
	xvsXvsEventXVS_EV_FRAG_NEEDED: {"frag_needed", "too big to tunnel: ICMP fragmentation needed / packet too big sent"},
	xvsXvsEventXVS_EV_FIB_FAIL:    {"fib_fail", "no route towards the real server or client: dropped"},
	xvsXvsEventXVS_EV_ICMP_FWD:    {"icmp_fwd", "ICMP error about a connection forwarded"},
	xvsXvsEventXVS_EV_NOT_SYN:     {"not_syn", "TCP segment without SYN (SCTP without INIT) of no connection: to the kernel"},
	xvsXvsEventXVS_EV_DEST_GONE:   {"dest_gone", "packet of a connection whose real server was deleted: dropped"},
	xvsXvsEventXVS_EV_TTL_EXPIRED: {"ttl_expired", "TTL (hop limit) ran out: ICMP time exceeded sent"},
}

// Events returns the datapath's global event counters, in the datapath's order.
func (d *Datapath) Events() ([]Event, error) {
	out := make([]Event, 0, len(eventHelp))
	var per []uint64
	for ev, h := range eventHelp {
		if err := d.objs.Events.Lookup(xvsXvsEvent(ev), &per); err != nil {
			return nil, err
		}
		e := Event{Name: h.name, Help: h.help}
		for _, p := range per {
			e.Count += p
		}
		out = append(out, e)
	}
	return out, nil
}

// EventCount returns the count of the event named name (0 if unknown).
func EventCount(events []Event, name string) uint64 {
	for _, e := range events {
		if e.Name == name {
			return e.Count
		}
	}
	return 0
}
