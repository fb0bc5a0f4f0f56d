package sched

import (
	"net/netip"
	"time"
)

// Constants of ip_vs_lblc.c / ip_vs_lblcr.c.
const (
	lblcCheckInterval  = 60 * time.Second // CHECK_EXPIRE_INTERVAL
	lblcEntryTimeout   = 6 * time.Minute  // ENTRY_TIMEOUT
	lblcFullExpiration = 30               // COUNT_FOR_FULL_EXPIRATION
	lblcMaxSize        = 16 << lblcTabBits
	// DefaultLBLCExpiration is sysctl lblc_expiration / lblcr_expiration.
	DefaultLBLCExpiration = 24 * time.Hour
)

// Clock tells the time; tests pass their own.
type Clock func() time.Time

// lblcOverloaded is is_overloaded() of lblc/lblcr: more active connections
// than its weight while some dest is under half its weight.
func lblcOverloaded(d *Dest, dests []Dest) bool {
	if int64(d.Active) <= int64(d.Weight) {
		return false
	}
	for i := range dests {
		if int64(dests[i].Active)*2 < int64(dests[i].Weight) {
			return true
		}
	}
	return false
}

type lblcEntry struct {
	dest    destKey
	lastuse time.Time
}

// LBLC is locality-based least-connection (ip_vs_lblc.c): one server per
// destination address while it is not overloaded.
type LBLC struct {
	now        Clock
	Expiration time.Duration
	table      map[netip.Addr]*lblcEntry
	counter    int
	lastCheck  time.Time
}

// NewLBLC returns an lblc scheduler reading the time from clock (nil: time.Now).
func NewLBLC(clock Clock) *LBLC {
	if clock == nil {
		clock = time.Now
	}
	return &LBLC{now: clock, Expiration: DefaultLBLCExpiration, table: map[netip.Addr]*lblcEntry{}, counter: 1}
}

// Name implements Scheduler.
func (*LBLC) Name() string { return "lblc" }

// Update implements Scheduler (lblc keeps its table).
func (*LBLC) Update([]Dest) {}

func indexOf(dests []Dest, k destKey) int {
	for i := range dests {
		if keyOf(&dests[i]) == k {
			return i
		}
	}
	return -1
}

// Schedule is ip_vs_lblc_schedule.
func (l *LBLC) Schedule(dests []Dest, p Packet) int {
	now := l.now()
	l.expire(now)
	if en := l.table[p.DstAddr]; en != nil {
		en.lastuse = now
		if i := indexOf(dests, en.dest); i >= 0 {
			d := &dests[i]
			if d.Available && d.Weight > 0 && !lblcOverloaded(d, dests) {
				return i
			}
		}
	}
	i := wlc(dests)
	if i < 0 {
		return -1
	}
	l.table[p.DstAddr] = &lblcEntry{dest: keyOf(&dests[i]), lastuse: now}
	return i
}

// expire runs the kernel's periodic check as often as it would have run.
func (l *LBLC) expire(now time.Time) {
	if l.lastCheck.IsZero() {
		l.lastCheck = now
	}
	for now.Sub(l.lastCheck) >= lblcCheckInterval {
		l.lastCheck = l.lastCheck.Add(lblcCheckInterval)
		l.check(l.lastCheck)
	}
}

// check is ip_vs_lblc_check_expire: every 30th run a full sweep of entries
// unused for Expiration; otherwise, only when over the size limit, entries
// unused for 6 minutes.
func (l *LBLC) check(now time.Time) {
	if l.counter%lblcFullExpiration == 0 {
		for a, en := range l.table {
			if now.After(en.lastuse.Add(l.Expiration)) {
				delete(l.table, a)
			}
		}
		l.counter = 1
		return
	}
	l.counter++
	if len(l.table) <= lblcMaxSize {
		return
	}
	goal := (len(l.table) - lblcMaxSize) * 4 / 3
	goal = min(goal, lblcMaxSize/2)
	for a, en := range l.table {
		if goal <= 0 {
			break
		}
		if now.After(en.lastuse.Add(lblcEntryTimeout)) {
			delete(l.table, a)
			goal--
		}
	}
}

type lblcrEntry struct {
	set     []destKey // newest first
	lastmod time.Time
	lastuse time.Time
}

// LBLCR is locality-based least-connection with replication (ip_vs_lblcr.c).
type LBLCR struct {
	now        Clock
	Expiration time.Duration
	table      map[netip.Addr]*lblcrEntry
}

// NewLBLCR returns an lblcr scheduler reading the time from clock (nil: time.Now).
func NewLBLCR(clock Clock) *LBLCR {
	if clock == nil {
		clock = time.Now
	}
	return &LBLCR{now: clock, Expiration: DefaultLBLCExpiration, table: map[netip.Addr]*lblcrEntry{}}
}

// Name implements Scheduler.
func (*LBLCR) Name() string { return "lblcr" }

// Update implements Scheduler (lblcr keeps its table).
func (*LBLCR) Update([]Dest) {}

// setMin is ip_vs_dest_set_min: the weighted least-connection member.
func setMin(set []destKey, dests []Dest) int {
	best := -1
	k := 0
	for ; k < len(set); k++ {
		i := indexOf(dests, set[k])
		if i < 0 || dests[i].Overloaded {
			continue
		}
		if dests[i].Weight > 0 && dests[i].Available {
			best = i
			break
		}
	}
	if best < 0 {
		return -1
	}
	loh := overhead(&dests[best])
	for k++; k < len(set); k++ {
		i := indexOf(dests, set[k])
		if i < 0 || dests[i].Overloaded {
			continue
		}
		doh := overhead(&dests[i])
		if loh*int64(dests[i].Weight) > doh*int64(dests[best].Weight) && dests[i].Available {
			best, loh = i, doh
		}
	}
	return best
}

// setMax is ip_vs_dest_set_max: the weighted most-connection member.
func setMax(set []destKey, dests []Dest) int {
	most := -1
	k := 0
	for ; k < len(set); k++ {
		if i := indexOf(dests, set[k]); i >= 0 && dests[i].Weight > 0 {
			most = i
			break
		}
	}
	if most < 0 {
		return -1
	}
	moh := overhead(&dests[most])
	for k++; k < len(set); k++ {
		i := indexOf(dests, set[k])
		if i < 0 {
			continue
		}
		doh := overhead(&dests[i])
		if moh*int64(dests[i].Weight) < doh*int64(dests[most].Weight) && dests[i].Weight > 0 {
			most, moh = i, doh
		}
	}
	return most
}

// Schedule is ip_vs_lblcr_schedule.
func (l *LBLCR) Schedule(dests []Dest, p Packet) int {
	now := l.now()
	en := l.table[p.DstAddr]
	if en == nil {
		i := wlc(dests)
		if i < 0 {
			return -1
		}
		l.table[p.DstAddr] = &lblcrEntry{set: []destKey{keyOf(&dests[i])}, lastmod: now, lastuse: now}
		return i
	}
	en.lastuse = now
	i := setMin(en.set, dests)
	if len(en.set) > 1 && now.After(en.lastmod.Add(l.Expiration)) {
		if m := setMax(en.set, dests); m >= 0 {
			mk := keyOf(&dests[m])
			for k, s := range en.set {
				if s == mk {
					en.set = append(en.set[:k], en.set[k+1:]...)
					break
				}
			}
		}
	}
	if i >= 0 && !lblcOverloaded(&dests[i], dests) {
		return i
	}
	i = wlc(dests)
	if i < 0 {
		return -1
	}
	if k := keyOf(&dests[i]); indexOfKey(en.set, k) < 0 {
		en.set = append([]destKey{k}, en.set...)
		en.lastmod = now
	}
	return i
}

func indexOfKey(set []destKey, k destKey) int {
	for i, s := range set {
		if s == k {
			return i
		}
	}
	return -1
}
