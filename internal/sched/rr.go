package sched

import "net/netip"

// destKey identifies a destination across updates (the kernel holds a
// pointer; xvs recognises the same address and port).
type destKey struct {
	addr netip.Addr
	port uint16
}

func keyOf(d *Dest) destKey { return destKey{d.Addr, d.Port} }

// cursor is a position in the destination list: the list head (the zero
// value), or a dest.
type cursor struct {
	placed bool
	key    destKey
	prev   []destKey // the list when the cursor was last placed, to find a predecessor
}

// index finds the cursor in dests: -1 for the head. A cursor on a deleted
// dest moves to its nearest surviving predecessor, as ip_vs_rr_del_dest
// and the list's prev pointers do.
func (c *cursor) index(dests []Dest) int {
	if !c.placed {
		return -1
	}
	pos := map[destKey]int{}
	for i := range dests {
		pos[keyOf(&dests[i])] = i
	}
	if i, ok := pos[c.key]; ok {
		return i
	}
	at := -1
	for i, k := range c.prev {
		if k == c.key {
			at = i
		}
	}
	for i := at - 1; i >= 0; i-- {
		if j, ok := pos[c.prev[i]]; ok {
			return j
		}
	}
	return -1
}

func (c *cursor) set(dests []Dest, i int) {
	if i < 0 {
		c.placed = false
		return
	}
	c.placed, c.key = true, keyOf(&dests[i])
	c.prev = c.prev[:0]
	for j := range dests {
		c.prev = append(c.prev, keyOf(&dests[j]))
	}
}

// RR is round robin (ip_vs_rr.c).
type RR struct{ cur cursor }

// Name implements Scheduler.
func (*RR) Name() string { return "rr" }

// Update implements Scheduler: rr keeps its cursor (deletions are handled
// when the cursor is next used).
func (r *RR) Update(dests []Dest) {
	if len(dests) == 0 {
		r.cur = cursor{}
	}
}

// Schedule scans from the dest after the cursor, wrapping once, and ends
// with the cursor's own dest.
func (r *RR) Schedule(dests []Dest, _ Packet) int {
	n := len(dests)
	start := r.cur.index(dests)
	for k := 1; k <= n; k++ {
		i := (start + k) % n
		if start < 0 {
			i = k - 1
		}
		if eligible(&dests[i]) {
			r.cur.set(dests, i)
			return i
		}
	}
	return -1
}

// WRR is weighted round robin (ip_vs_wrr.c).
type WRR struct {
	cur        cursor
	cw, mw, di int32
	started    bool
}

// Name implements Scheduler.
func (*WRR) Name() string { return "wrr" }

func gcd(a, b int32) int32 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// weightGCD is the gcd of the positive weights (as weight picks them), 0 if none.
func weightGCD(dests []Dest, weight func(*Dest) int32) int32 {
	var g int32
	for i := range dests {
		if w := weight(&dests[i]); w > 0 {
			if g > 0 {
				g = gcd(w, g)
			} else {
				g = w
			}
		}
	}
	return g
}

// maxWeightOf is the largest weight (as weight picks them), 0 if none.
func maxWeightOf(dests []Dest, weight func(*Dest) int32) int32 {
	var m int32
	for i := range dests {
		m = max(m, weight(&dests[i]))
	}
	return m
}

func currentWeight(d *Dest) int32 { return d.Weight }
func lastWeight(d *Dest) int32    { return d.LastWeight }

// Update is ip_vs_wrr_dest_changed: the cursor goes back to the head and cw
// is kept within the new range.
func (w *WRR) Update(dests []Dest) {
	w.started = true
	w.cur = cursor{}
	w.di = max(weightGCD(dests, currentWeight), 1)
	w.mw = maxWeightOf(dests, currentWeight) - (w.di - 1)
	if w.cw > w.mw || w.di == 0 {
		w.cw = 0
	} else if w.di > 1 {
		w.cw = (w.cw/w.di)*w.di + 1
	}
}

// Schedule is ip_vs_wrr_schedule.
func (w *WRR) Schedule(dests []Dest, _ Packet) int {
	if !w.started {
		w.Update(dests)
	}
	if w.mw == 0 {
		return -1
	}
	n := len(dests)
	last := w.cur.index(dests)
	i := last
	stop := -2 // no stop dest yet
	lastPass, restarted := false, false
	for {
		for i++; i < n; i++ {
			d := &dests[i]
			if !d.Overloaded && d.Weight >= w.cw {
				w.cur.set(dests, i)
				return i
			}
			if i == stop {
				return -1
			}
		}
		i = -1 // back at the head
		w.cw -= w.di
		if w.cw <= 0 {
			w.cw = w.mw
			if lastPass || last < 0 {
				return -1
			}
			restarted = true
		}
		lastPass = w.cw <= w.di
		if lastPass && restarted && last >= 0 {
			stop = last
		}
	}
}

// WRRSequence is the kernel's wrr pick sequence from the state right after
// ip_vs_wrr_dest_changed, where cw is the current weight before the change
// (0 for a new service), as long as no destination becomes overloaded: the
// indices picked, where the repeating cycle starts, and the current weight
// after each pick. ok is false when the cycle is longer than limit, or no
// destination can be picked.
func WRRSequence(dests []Dest, cw int32, limit int) (seq []int, cycleStart int, cws []int32, ok bool) {
	w := &WRR{cw: cw}
	w.Update(dests)
	type state struct {
		at int
		cw int32
	}
	seen := map[state]int{}
	for len(seq) <= limit {
		s := state{w.cur.index(dests), w.cw}
		if j, dup := seen[s]; dup {
			return seq, j, cws, len(seq) > 0
		}
		seen[s] = len(seq)
		i := w.Schedule(dests, Packet{})
		if i < 0 {
			return nil, 0, nil, false
		}
		seq = append(seq, i)
		cws = append(cws, w.cw)
	}
	return nil, 0, nil, false
}
