package sched

import "math/rand/v2"

// TwoS is the weighted power of two choices (ip_vs_twos.c). Rand returns a
// uniform number in [0, n); tests replace it.
type TwoS struct {
	Rand func(n uint32) uint32
}

// Name implements Scheduler.
func (*TwoS) Name() string { return "twos" }

// Update implements Scheduler.
func (*TwoS) Update([]Dest) {}

// Schedule draws two weighted candidates and keeps the less loaded one.
func (t *TwoS) Schedule(dests []Dest, _ Packet) int {
	rnd := t.Rand
	if rnd == nil {
		rnd = rand.Uint32N
	}
	total := int64(0)
	choice1 := -1
	for i := range dests {
		if eligible(&dests[i]) {
			total += int64(dests[i].Weight)
			choice1 = i
		}
	}
	if choice1 < 0 {
		return -1
	}
	total++
	r1, r2 := int64(rnd(uint32(total))), int64(rnd(uint32(total)))
	choice2 := -1
	w1, w2 := int64(-1), int64(-1)
	var oh1 int64
	for i := range dests {
		d := &dests[i]
		if !eligible(d) {
			continue
		}
		w := int64(d.Weight)
		r1 -= w
		r2 -= w
		if r1 <= 0 && w1 == -1 {
			choice1, w1, oh1 = i, w, overhead(d)
		}
		if r2 <= 0 && w2 == -1 {
			choice2, w2 = i, w
		}
		if w1 != -1 && w2 != -1 {
			break
		}
	}
	if choice2 >= 0 && w2*oh1 > w1*overhead(&dests[choice2]) {
		return choice2
	}
	return choice1
}
