package datapath

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	"xvs/internal/model"
)

// TestSweepCost times the sweeper's walk of a million live NAT connections
// (bench/run.sh records it; the walk's cost is what paces the sweeper, see
// walkDue). Runs only for the benchmark, with XVS_BPF_COST naming its file.
func TestSweepCost(t *testing.T) {
	out := os.Getenv("XVS_BPF_COST")
	if out == "" {
		t.Skip("a measurement for make bench (XVS_BPF_COST=FILE)")
	}
	withDirector(t, func(fx *fixture) {
		fx.apply(Service{ID: 1, AF: model.AFInet, Protocol: protoTCP, Addr: vip4, Port: 80, Scheduler: "rr",
			Dests: []Dest{{ID: 1, AF: model.AFInet, Addr: rip4, Port: 80, Fwd: model.FwdMasq, Weight: 1}}})
		const n = 1 << 20
		fillConns(t, fx, n)
		var took []time.Duration
		for range 3 {
			fx.d.walkDone = time.Time{} // walk now, whatever the last walk took
			start := time.Now()
			if err := fx.d.Sweep(); err != nil {
				t.Fatal(err)
			}
			took = append(took, time.Since(start))
		}
		slices.Sort(took)
		t.Logf("sweeps of %d connections: %v", n, took)
		f, err := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "sweep-1M-conns-ms\t%d\n", took[1].Milliseconds())
		f.Close()
	})
}

// fillConns writes n live IPv4 NAT connections to destination 1.
func fillConns(t *testing.T, fx *fixture, n int) {
	keys := make([]xvsXvsConnKey4, 0, 4096)
	vals := make([]xvsXvsConn, 0, 4096)
	dest := fx.d.state.dests[1]
	v := xvsXvsConn{Expires: monotonicNow() + uint64(time.Hour), Af: afInet, DestId: 1, SvcId: 1, State: 1,
		Addr: dest.Addr, Port: dest.Port}
	for i := range n {
		keys = append(keys, xvsXvsConnKey4{Saddr: uint32(i) + 1, Daddr: 7, Sport: uint16(i), Dport: 80, Proto: protoTCP})
		vals = append(vals, v)
		if len(keys) == cap(keys) || i == n-1 {
			if _, err := fx.d.objs.Conns4.BatchUpdate(keys, vals, &ebpf.BatchOptions{}); err != nil {
				t.Fatal(err)
			}
			keys, vals = keys[:0], vals[:0]
		}
	}
}

// TestSweepPacing: after a walk that took a while, the next waits three
// times as long; after a quick one the next may come at once.
func TestSweepPacing(t *testing.T) {
	d := &Datapath{}
	if !d.walkDue() {
		t.Error("no walk yet: due")
	}
	d.walkDone, d.walkTook = time.Now(), time.Second
	if d.walkDue() {
		t.Error("a 1 s walk just ended: not due")
	}
	d.walkDone = time.Now().Add(-3 * time.Second)
	if !d.walkDue() {
		t.Error("3 s after a 1 s walk: due")
	}
	d.walkDone, d.walkTook = time.Now(), 10*time.Millisecond
	if !d.walkDue() {
		t.Error("right after a 10 ms walk: due (the tick paces it)")
	}
}
