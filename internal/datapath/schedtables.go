package datapath

import (
	"errors"
	"fmt"

	"github.com/cilium/ebpf"

	"xvs/internal/sched"
)

// schedTable builds the scheduling table a service's scheduler reads in
// the datapath: sh's, dh's and mh's bucket tables from internal/sched, and
// wrr's pick sequence. keepState says the service had the same scheduler
// before (wrr then continues from its current weight, as the kernel's
// ip_vs_wrr_dest_changed does). Entries are destination id + 1.
func (d *Datapath) schedTable(s *Service, keepState bool) (table []uint32, prefix int, err error) {
	dests := make([]sched.Dest, len(s.Dests))
	for i, dst := range s.Dests {
		dests[i] = sched.Dest{Addr: dst.Addr, Port: dst.Port, Weight: dst.Weight, LastWeight: dst.LastWeight, Available: true}
	}
	slotsOf := func(idx []int) []uint32 {
		out := make([]uint32, len(idx))
		for i, j := range idx {
			if j >= 0 {
				out[i] = s.Dests[j].ID + 1
			}
		}
		return out
	}
	switch s.Scheduler {
	case "sh":
		t := sched.SHTable(dests)
		return slotsOf(t[:]), 0, nil
	case "dh":
		t := sched.DHTable(dests)
		return slotsOf(t[:]), 0, nil
	case "mh":
		return slotsOf(sched.MHTable(dests)), 0, nil
	case "wrr":
		return d.wrrTable(s, dests, keepState)
	}
	delete(d.wrrCW, s.ID)
	return nil, 0, nil
}

// wrrTable is the kernel's wrr sequence from where the service's current
// weight stands now.
func (d *Datapath) wrrTable(s *Service, dests []sched.Dest, keepState bool) ([]uint32, int, error) {
	var cw int32
	if prev, ok := d.wrrCW[s.ID]; ok && keepState {
		cw = prev.current(d, s.ID)
	}
	seq, start, cws, ok := sched.WRRSequence(dests, cw, xvsWRRMaxTable)
	if !ok {
		if len(dests) == 0 || allZero(dests) {
			delete(d.wrrCW, s.ID)
			return nil, 0, nil
		}
		return nil, 0, fmt.Errorf("wrr: the weights give a cycle longer than %d picks; use smaller weights with a common divisor", xvsWRRMaxTable)
	}
	out := make([]uint32, len(seq))
	for i, j := range seq {
		out[i] = s.Dests[j].ID + 1
	}
	d.wrrCW[s.ID] = wrrState{cws: cws, prefix: start}
	return out, start, nil
}

func allZero(dests []sched.Dest) bool {
	for _, d := range dests {
		if d.Weight > 0 {
			return false
		}
	}
	return true
}

const xvsWRRMaxTable = 65536 // XVS_WRR_MAX_TABLE

// wrrState remembers the current weight after each pick of a service's
// table, to know where the kernel's cw stands when the table changes.
type wrrState struct {
	cws    []int32
	prefix int
}

func (w wrrState) current(d *Datapath, svcID uint32) int32 {
	var st xvsXvsSchedState
	if d.objs.SchedState.Lookup(svcID, &st) != nil || st.Pos == 0 || len(w.cws) == 0 {
		return 0
	}
	last := int(st.Pos) - 1
	if last >= len(w.cws) {
		cycle := len(w.cws) - w.prefix
		last = w.prefix + (last-w.prefix)%cycle
	}
	return w.cws[last]
}

// writeTable writes one generation of a service's table and starts wrr at
// its first pick.
func (d *Datapath) writeTable(svcID uint32, gen uint8, table []uint32) error {
	if len(table) == 0 {
		return nil
	}
	keys := make([]xvsXvsTableKey, len(table))
	for i := range table {
		keys[i] = xvsXvsTableKey{SvcId: svcID, Slot: uint16(i), Gen: gen}
	}
	if _, err := d.objs.SchedTables.BatchUpdate(keys, table, nil); err != nil {
		return fmt.Errorf("datapath: scheduling table: %w", err)
	}
	var st xvsXvsSchedState
	d.objs.SchedState.Lookup(svcID, &st)
	st.Pos = 0
	return d.objs.SchedState.Put(svcID, st)
}

// deleteTable removes the slots from..end of one generation's table.
func (d *Datapath) deleteTable(svcID uint32, gen uint8, from int) {
	for i := from; i < xvsWRRMaxTable; i++ {
		if err := d.objs.SchedTables.Delete(xvsXvsTableKey{SvcId: svcID, Slot: uint16(i), Gen: gen}); errors.Is(err, ebpf.ErrKeyNotExist) {
			return
		}
	}
}
