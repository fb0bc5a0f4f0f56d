// Package sched holds every IPVS scheduler as deterministic Go code that
// makes the decision the Linux kernel (net/netfilter/ipvs/ip_vs_*.c, 6.1)
// makes for the same destinations, counters and packet:
//
//	rr     round robin from a cursor, skipping weight-0 and overloaded dests
//	wrr    weighted round robin with the kernel's gcd/max-weight/cw sequence
//	lc     least (active*256 + inactive)
//	wlc    least overhead/weight (the default)
//	sed    shortest expected delay: least (active+1)/weight
//	nq     never queue: the first idle dest, else sed
//	fo     weighted failover: the highest weight
//	ovf    overflow: the highest weight with active <= weight
//	lblc   locality-based least-connection, per destination IP
//	lblcr  the same with a set of servers per destination IP
//	dh     destination hashing, 256 buckets
//	sh     source hashing, 256 buckets, weights fill buckets; sh-port, sh-fallback
//	mh     Maglev hashing, 4093-slot table; mh-port, mh-fallback
//	twos   weighted power of two choices
//
// Destinations are passed in the kernel's list order: newest first. The
// stateful schedulers (rr, wrr, lblc, lblcr) keep their state between calls;
// the hashing ones (sh, dh, mh) build a table in Update, the datapath loads
// the same tables (SHTable, DHTable, MHTable).
package sched

import (
	"fmt"
	"net/netip"
	"slices"
)

// Dest is what a scheduler sees of one destination.
type Dest struct {
	Addr       netip.Addr
	Port       uint16
	Weight     int32  // current weight, 0 = quiesced
	LastWeight int32  // last non-zero weight (mh builds its table from it)
	Active     uint32 // active connections
	Inactive   uint32 // inactive connections
	Overloaded bool   // IP_VS_DEST_F_OVERLOAD (over its upper threshold)
	Available  bool   // false once deleted (in the trash)
}

// Flags are the service's scheduler flags (IP_VS_SVC_F_SCHED1..3).
type Flags uint32

// Scheduler flags.
const (
	Fallback Flags = 0x08 // sh-fallback, mh-fallback (flag-1)
	HashPort Flags = 0x10 // sh-port, mh-port (flag-2)
	Flag3    Flags = 0x20
)

// Packet is what a scheduler may look at of the first packet of a connection.
type Packet struct {
	SrcAddr, DstAddr netip.Addr
	SrcPort, DstPort uint16
}

// Scheduler picks a destination for a new connection.
type Scheduler interface {
	Name() string
	// Update is called when the destination list, a weight or a flag
	// changes (the kernel's add_dest/del_dest/upd_dest).
	Update(dests []Dest)
	// Schedule returns an index into dests, or -1: no destination available.
	Schedule(dests []Dest, p Packet) int
}

// Names lists the schedulers, as ipvsadm's usage text orders them, plus twos.
func Names() []string {
	return []string{"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos"}
}

// Known tells whether a scheduler exists.
func Known(name string) bool { return slices.Contains(Names(), name) }

// New returns a fresh scheduler (the kernel's init_service).
func New(name string, flags Flags) (Scheduler, error) {
	switch name {
	case "rr":
		return &RR{}, nil
	case "wrr":
		return &WRR{}, nil
	case "lc":
		return stateless{"lc", lc}, nil
	case "wlc":
		return stateless{"wlc", wlc}, nil
	case "sed":
		return stateless{"sed", sed}, nil
	case "nq":
		return stateless{"nq", nq}, nil
	case "fo":
		return stateless{"fo", fo}, nil
	case "ovf":
		return stateless{"ovf", ovf}, nil
	case "lblc":
		return NewLBLC(nil), nil
	case "lblcr":
		return NewLBLCR(nil), nil
	case "dh":
		return &DH{}, nil
	case "sh":
		return &SH{Flags: flags}, nil
	case "mh":
		return &MH{Flags: flags}, nil
	case "twos":
		return &TwoS{}, nil
	}
	return nil, fmt.Errorf("scheduler %q not found", name)
}

// eligible is the common rule: a weight above zero and not overloaded.
func eligible(d *Dest) bool { return d.Weight > 0 && !d.Overloaded }

// overhead is ip_vs_dest_conn_overhead: active connections weigh 256 inactive ones.
func overhead(d *Dest) int64 { return int64(d.Active)<<8 + int64(d.Inactive) }

type stateless struct {
	name string
	pick func([]Dest) int
}

func (s stateless) Name() string                        { return s.name }
func (s stateless) Update([]Dest)                       {}
func (s stateless) Schedule(dests []Dest, _ Packet) int { return s.pick(dests) }

// lc: least overhead; weight only matters as zero (skip).
func lc(dests []Dest) int {
	best := -1
	var loh int64
	for i := range dests {
		d := &dests[i]
		if d.Overloaded || d.Weight == 0 {
			continue
		}
		if doh := overhead(d); best < 0 || doh < loh {
			best, loh = i, doh
		}
	}
	return best
}

// weightedLeast is the wlc/sed loop: the first eligible dest, then any dest
// (not overloaded) with a strictly smaller overhead/weight.
func weightedLeast(dests []Dest, cost func(*Dest) int64) int {
	best := -1
	for i := range dests {
		if eligible(&dests[i]) {
			best = i
			break
		}
	}
	if best < 0 {
		return -1
	}
	loh := cost(&dests[best])
	for i := best + 1; i < len(dests); i++ {
		d := &dests[i]
		if d.Overloaded {
			continue
		}
		doh := cost(d)
		if loh*int64(d.Weight) > doh*int64(dests[best].Weight) {
			best, loh = i, doh
		}
	}
	return best
}

func wlc(dests []Dest) int { return weightedLeast(dests, overhead) }

func sedCost(d *Dest) int64 { return int64(d.Active) + 1 }

func sed(dests []Dest) int { return weightedLeast(dests, sedCost) }

// nq: the first idle eligible dest, else the sed choice.
func nq(dests []Dest) int {
	best := -1
	var loh int64
	for i := range dests {
		d := &dests[i]
		if d.Overloaded || d.Weight == 0 {
			continue
		}
		doh := sedCost(d)
		if d.Active == 0 {
			return i
		}
		if best < 0 || loh*int64(d.Weight) > doh*int64(dests[best].Weight) {
			best, loh = i, doh
		}
	}
	return best
}

// fo: the eligible dest with the highest weight (the first of equals).
func fo(dests []Dest) int {
	best, hw := -1, int32(0)
	for i := range dests {
		d := &dests[i]
		if !d.Overloaded && d.Weight > hw {
			best, hw = i, d.Weight
		}
	}
	return best
}

// ovf: the highest weight among dests with active <= weight.
func ovf(dests []Dest) int {
	best := -1
	for i := range dests {
		d := &dests[i]
		w := d.Weight
		if d.Overloaded || int64(d.Active) > int64(w) || w == 0 {
			continue
		}
		if best < 0 || w > dests[best].Weight {
			best = i
		}
	}
	return best
}
