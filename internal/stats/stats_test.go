package stats

import "testing"

// The estimator's arithmetic, worked by hand from ip_vs_est.c: a steady
// 100 packets/s (200 per 2 s tick) converges on 100 pps from below.
func TestEstimatorConverges(t *testing.T) {
	g := NewEngine()
	var c Counters
	g.Tick(0, nil, map[uint32]Counters{1: c}) // baseline
	want := []uint64{25, 44, 58, 68, 76, 82, 87, 90}
	for i, w := range want {
		c.InPkts += 200
		c.InBytes += 200 * 100
		g.Tick(0, nil, map[uint32]Counters{1: c})
		got := g.Read(Dest, 1)
		if got.InPPS != w {
			t.Fatalf("tick %d: inpps %d, want %d", i+1, got.InPPS, w)
		}
		if got.InPkts != c.InPkts {
			t.Fatalf("tick %d: inpkts %d, want %d", i+1, got.InPkts, c.InPkts)
		}
	}
	// bytes: 10000 B/s steady; after 8 ticks the same 1-(3/4)^8 fraction.
	if got := g.Read(Dest, 1).InBPS; got < 8900 || got > 9000 {
		t.Fatalf("inbps %d, want about 8999", got)
	}
}

func TestZeroAndReset(t *testing.T) {
	g := NewEngine()
	g.Tick(0, map[uint32]Counters{1: {Conns: 5}}, nil)
	g.Tick(0, map[uint32]Counters{1: {Conns: 9, InPkts: 4}}, nil)
	if got := g.Read(Service, 1); got.Conns != 9 || got.InPkts != 4 {
		t.Fatalf("before zero: %+v", got)
	}
	g.Zero(Service, 1)
	if got := g.Read(Service, 1); got.Conns != 0 || got.CPS != 0 {
		t.Fatalf("after zero: %+v", got)
	}
	g.Tick(0, map[uint32]Counters{1: {Conns: 10, InPkts: 4}}, nil)
	if got := g.Read(Service, 1); got.Conns != 1 {
		t.Fatalf("after zero and one conn: %+v", got)
	}
	b := g.Bases()
	g2 := NewEngine()
	g2.SetBases(b)
	g2.Tick(0, map[uint32]Counters{1: {Conns: 12, InPkts: 4}}, nil)
	if got := g2.Read(Service, 1); got.Conns != 3 {
		t.Fatalf("restored bases: %+v", got)
	}
	// A datapath that starts again from zero counts from there.
	g2.Tick(0, map[uint32]Counters{1: {Conns: 1}}, nil)
	if got := g2.Read(Service, 1); got.Conns != 1 {
		t.Fatalf("after counter reset: %+v", got)
	}
}

// TestResetStartsFromZero: a new object on a reused id counts from zero,
// as its datapath counters do, however much its previous owner counted;
// counters read before the reset are not its.
func TestResetStartsFromZero(t *testing.T) {
	g := NewEngine()
	g.Tick(0, map[uint32]Counters{1: {Conns: 3, InPkts: 3}}, nil)
	g.Tick(0, map[uint32]Counters{1: {Conns: 6, InPkts: 6}}, nil)
	before := g.Epoch()
	g.Reset(Service, 1)
	g.Tick(before, map[uint32]Counters{1: {Conns: 6, InPkts: 6}}, nil) // read before the reset
	if got := g.Read(Service, 1); got.Conns != 0 {
		t.Fatalf("counters of the previous owner shown: %+v", got)
	}
	g.Tick(g.Epoch(), map[uint32]Counters{1: {Conns: 3, InPkts: 3}}, nil)
	if got := g.Read(Service, 1); got.Conns != 3 || got.InPkts != 3 {
		t.Fatalf("after 3 new connections: %+v", got)
	}
	g.Tick(g.Epoch(), map[uint32]Counters{1: {Conns: 9, InPkts: 9}}, nil)
	if got := g.Read(Service, 1); got.Conns != 9 {
		t.Fatalf("after 9: %+v", got)
	}
	if b := g.Bases(); len(b[Service]) != 0 {
		t.Errorf("a fresh object keeps a zero point: %v", b)
	}
}
