// Package stats folds the datapath's cumulative counters into what ipvsadm
// shows: counters since the last zeroing and the kernel's rate estimator
// (net/netfilter/ipvs/ip_vs_est.c), ticked every 2 seconds.
package stats

import (
	"sync"
	"time"

	"xvs/internal/model"
)

// TickSeconds is the estimator period (the kernel's 2*HZ).
const TickSeconds = 2

// Counters are cumulative counters of one service or destination.
type Counters struct {
	Conns, InPkts, OutPkts, InBytes, OutBytes uint64
}

// since is c counted from zero point z; a counter below its zero point
// (counters not read yet) shows 0, never a wrapped-around number.
func (c Counters) since(z Counters) Counters {
	f := func(a, b uint64) uint64 {
		if a < b {
			return 0
		}
		return a - b
	}
	return Counters{f(c.Conns, z.Conns), f(c.InPkts, z.InPkts), f(c.OutPkts, z.OutPkts), f(c.InBytes, z.InBytes),
		f(c.OutBytes, z.OutBytes)}
}

func (c Counters) sub(o Counters) Counters {
	return Counters{c.Conns - o.Conns, c.InPkts - o.InPkts, c.OutPkts - o.OutPkts, c.InBytes - o.InBytes, c.OutBytes - o.OutBytes}
}

// Estimator is one object's kernel-style EWMA rate estimator.
type Estimator struct {
	cur    Counters // cumulative at the last tick (kstats)
	zero   Counters // zero point (kstats0)
	last   Counters // previous tick (est->last_*)
	cps    int64    // scaled by 2^10 per 2 s
	inpps  int64
	outpps int64
	inbps  int64 // scaled by 2^5 per 2 s
	outbps int64
	born   uint64 // the engine's epoch when this object started on its id
}

func ewma(avg *int64, delta uint64, shift uint) {
	rate := int64(delta << shift)
	*avg += (rate - *avg) >> 2
}

// tick folds new cumulative counters in, as ip_vs_chain_estimation does.
func (e *Estimator) tick(c Counters) {
	if c.Conns < e.last.Conns || c.InPkts < e.last.InPkts || c.OutPkts < e.last.OutPkts ||
		c.InBytes < e.last.InBytes || c.OutBytes < e.last.OutBytes {
		// The datapath's counters started again from zero (it was detached
		// and loaded anew): count from there.
		e.zero, e.last = Counters{}, Counters{}
	}
	d := c.sub(e.last)
	ewma(&e.cps, d.Conns, 9)
	ewma(&e.inpps, d.InPkts, 9)
	ewma(&e.outpps, d.OutPkts, 9)
	ewma(&e.inbps, d.InBytes, 4)
	ewma(&e.outbps, d.OutBytes, 4)
	e.last, e.cur = c, c
}

// zeroNow makes the current counters the new zero point and clears the rates
// (ip_vs_zero_stats).
func (e *Estimator) zeroNow() {
	e.zero, e.last = e.cur, e.cur
	e.cps, e.inpps, e.outpps, e.inbps, e.outbps = 0, 0, 0, 0, 0
}

// read is ip_vs_copy_stats + ip_vs_read_estimator.
func (e *Estimator) read() model.Stats {
	d := e.cur.since(e.zero)
	return model.Stats{
		Conns: d.Conns, InPkts: d.InPkts, OutPkts: d.OutPkts, InBytes: d.InBytes, OutBytes: d.OutBytes,
		CPS:    uint64(e.cps+0x1FF) >> 10,
		InPPS:  uint64(e.inpps+0x1FF) >> 10,
		OutPPS: uint64(e.outpps+0x1FF) >> 10,
		InBPS:  uint64(e.inbps+0xF) >> 5,
		OutBPS: uint64(e.outbps+0xF) >> 5,
	}
}

// Kind tells services from destinations: their ids are separate spaces.
type Kind int

// Kinds of counted objects.
const (
	Service Kind = iota
	Dest
)

// Engine holds the estimators of all services and destinations.
type Engine struct {
	mu  sync.Mutex
	est [2]map[uint32]*Estimator
	// primed is false until the first tick: the first counters read (after a
	// restart, say) set the baseline instead of counting as one burst.
	primed bool
	epoch  uint64 // resets so far
}

// NewEngine returns an engine with no objects.
func NewEngine() *Engine {
	return &Engine{est: [2]map[uint32]*Estimator{{}, {}}}
}

func (g *Engine) get(k Kind, id uint32) *Estimator {
	e := g.est[k][id]
	if e == nil {
		e = &Estimator{}
		g.est[k][id] = e
	}
	return e
}

// Epoch is a mark to read counters under: Tick leaves out the objects
// started on their id after it (what was read belonged to the previous
// owner).
func (g *Engine) Epoch() uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.epoch
}

// Tick folds in the cumulative counters of every object, read after epoch.
func (g *Engine) Tick(epoch uint64, svc, dest map[uint32]Counters) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for k, m := range [2]map[uint32]Counters{svc, dest} {
		for id, c := range m {
			e := g.get(Kind(k), id)
			if e.born > epoch {
				continue
			}
			if !g.primed {
				e.cur, e.last = c, c
				continue
			}
			e.tick(c)
		}
	}
	g.primed = true
}

// Reset starts a new object on an id, whose datapath counters start
// again from zero: what the id counted before is its previous owner's.
func (g *Engine) Reset(k Kind, id uint32) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.epoch++
	g.est[k][id] = &Estimator{born: g.epoch}
}

// Zero zeroes an object's counters and rates (ipvsadm -Z); the datapath
// counts on.
func (g *Engine) Zero(k Kind, id uint32) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.get(k, id).zeroNow()
}

// Read returns what ipvsadm shows for an object.
func (g *Engine) Read(k Kind, id uint32) model.Stats {
	g.mu.Lock()
	defer g.mu.Unlock()
	if e := g.est[k][id]; e != nil {
		return e.read()
	}
	return model.Stats{}
}

// Bases are the zero points to keep across restarts, by kind and id.
type Bases map[Kind]map[uint32]Counters

// Bases exports the zero points.
func (g *Engine) Bases() Bases {
	g.mu.Lock()
	defer g.mu.Unlock()
	b := Bases{Service: {}, Dest: {}}
	for k, m := range g.est {
		for id, e := range m {
			if e.zero != (Counters{}) {
				b[Kind(k)][id] = e.zero
			}
		}
	}
	return b
}

// SetBases restores zero points saved by Bases.
func (g *Engine) SetBases(b Bases) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for k, m := range b {
		for id, z := range m {
			g.get(k, id).zero = z
		}
	}
}

// Rates are the estimators' averages (scaled as the kernel keeps them: cps,
// inpps, outpps, inbps, outbps) by kind and id, taken at At: what a
// restarted xvsd carries on from, so that --rate does not start again from
// zero after a restart or an upgrade.
type Rates struct {
	At  time.Time                    `json:"at"`
	Est map[Kind]map[uint32][5]int64 `json:"est"`
}

// Rates exports the averages of every object with a rate.
func (g *Engine) Rates(now time.Time) Rates {
	g.mu.Lock()
	defer g.mu.Unlock()
	r := Rates{At: now, Est: map[Kind]map[uint32][5]int64{Service: {}, Dest: {}}}
	for k, m := range g.est {
		for id, e := range m {
			if avg := e.averages(); avg != ([5]int64{}) {
				r.Est[Kind(k)][id] = avg
			}
		}
	}
	return r
}

// SetRates takes the averages Rates exported.
func (g *Engine) SetRates(r Rates) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for k, m := range r.Est {
		if k != Service && k != Dest {
			continue
		}
		for id, avg := range m {
			e := g.get(k, id)
			e.cps, e.inpps, e.outpps, e.inbps, e.outbps = avg[0], avg[1], avg[2], avg[3], avg[4]
		}
	}
}

func (e *Estimator) averages() [5]int64 {
	return [5]int64{e.cps, e.inpps, e.outpps, e.inbps, e.outbps}
}
