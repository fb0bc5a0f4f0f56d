package sched

import (
	"fmt"
	"net/netip"
	"strings"
	"testing"
)

// mk builds destinations named by their last address byte, in list order.
func mk(weights ...int32) []Dest {
	ds := make([]Dest, len(weights))
	for i, w := range weights {
		ds[i] = Dest{Addr: netip.AddrFrom4([4]byte{198, 18, 1, byte(i + 1)}), Port: 80, Weight: w, LastWeight: w, Available: true}
	}
	return ds
}

func name(dests []Dest, i int) string {
	if i < 0 {
		return "-"
	}
	return string(rune('A' + int(dests[i].Addr.As4()[3]) - 1))
}

func sequence(s Scheduler, dests []Dest, n int) string {
	var b strings.Builder
	for k := 0; k < n; k++ {
		b.WriteString(name(dests, s.Schedule(dests, Packet{})))
	}
	return b.String()
}

// addAll adds destinations one by one as ipvsadm -a would, calling Update
// after each, and returns the list newest first.
func addAll(s Scheduler, added []Dest) []Dest {
	var list []Dest
	for _, d := range added {
		list = append([]Dest{d}, list...)
		s.Update(list)
	}
	return list
}

func TestWRRKernelSequence(t *testing.T) {
	cases := []struct {
		weights []int32 // in list order (newest first): A is the head
		want    string
	}{
		// The reference's examples: A4,B3,C2 in list order (added C, B,
		// A). After each add cw stays low, so a first pass at cw=1 picks
		// every dest once, then the weighted cycle repeats.
		{[]int32{4, 3, 2}, "ABC" + "AABABCABC" + "AABABCABC"},
		{[]int32{5, 1}, "AB" + "AAAAAB" + "AAAAAB"},
		// Added A(4), B(3), C(2): the list is C, B, A.
		{[]int32{2, 3, 4}, "ABC" + "CBCABCABC" + "CBCABCABC"},
		// A weight-0 dest is skipped once cw is at least 1; mw is max-(gcd-1).
		{[]int32{2, 0, 4}, "AC" + "C" + "AC" + "C" + "AC"},
		{[]int32{2, 2}, "AB" + "AB" + "AB"},
	}
	for _, c := range cases {
		w := &WRR{}
		ds := mk(c.weights...)
		var list []Dest
		for i := len(ds) - 1; i >= 0; i-- { // add the tail first
			list = append([]Dest{ds[i]}, list...)
			w.Update(list)
		}
		if got := sequence(w, list, len(c.want)); got != c.want {
			t.Errorf("wrr %v: got %s want %s", c.weights, got, c.want)
		}
	}
}

func TestRRCursor(t *testing.T) {
	r := &RR{}
	list := addAll(r, mk(1, 1, 1)) // C, B, A
	if got := sequence(r, list, 4); got != "CBAC" {
		t.Fatalf("rr: %s", got)
	}
	// Quiesce B: skipped.
	list[1].Weight = 0
	if got := sequence(r, list, 3); got != "ACA" {
		t.Fatalf("rr with B quiesced: %s", got)
	}
	// Delete A while the cursor is on it: the cursor moves to its
	// predecessor (B), so the next pick is the one after B.
	list = []Dest{list[0], list[1]}
	list[1].Weight = 1
	if got := sequence(r, list, 3); got != "CBC" {
		t.Fatalf("rr after deleting the cursor's dest: %s", got)
	}
	// A fourth dest goes to the head of the list.
	d := mk(1, 1, 1, 1)[3]
	list = append([]Dest{d}, list...)
	r.Update(list)
	if got := sequence(r, list, 4); got != "BDCB" {
		t.Fatalf("rr after adding D: %s", got)
	}
}

func TestLeastConnectionFamily(t *testing.T) {
	ds := mk(1, 2, 3)
	ds[0].Active, ds[1].Active, ds[2].Active = 1, 1, 2
	ds[2].Inactive = 5
	cases := []struct {
		name string
		want string
	}{
		{"lc", "A"},  // overheads 256, 256, 517: the first of the two least
		{"wlc", "B"}, // 256/1, 256/2, 517/3: B
		{"sed", "B"}, // (1+1)/1, (1+1)/2, (2+1)/3: B and C equal, B first
		{"nq", "B"},  // nobody idle: sed
		{"fo", "C"},  // highest weight
		{"ovf", "B"}, // active <= weight: B (2) and C (3); highest weight C? C has 2 active <= 3: C
	}
	for _, c := range cases {
		s, _ := New(c.name, 0)
		got := name(ds, s.Schedule(ds, Packet{}))
		want := c.want
		if c.name == "ovf" {
			want = "C"
		}
		if got != want {
			t.Errorf("%s: got %s want %s", c.name, got, want)
		}
	}
	ds[1].Active = 0
	if s, _ := New("nq", 0); name(ds, s.Schedule(ds, Packet{})) != "B" {
		t.Errorf("nq does not take the idle server")
	}
	ds[1].Overloaded = true
	if s, _ := New("wlc", 0); name(ds, s.Schedule(ds, Packet{})) != "C" {
		t.Errorf("wlc picks an overloaded server")
	}
}

func TestSHTableFill(t *testing.T) {
	ds := mk(2, 1, 0)
	tab := SHTable(ds)
	// Weight 2 takes two buckets, 1 one, 0 still one, then round again.
	want := []int{0, 0, 1, 2, 0, 0, 1, 2}
	for i, w := range want {
		if tab[i] != w {
			t.Fatalf("bucket %d: %d want %d (table %v)", i, tab[i], w, tab[:8])
		}
	}
}

func TestSHFallbackAndQuiesce(t *testing.T) {
	ds := mk(1, 1, 1)
	s := &SH{}
	s.Update(ds)
	src := netip.MustParseAddr("198.19.0.7")
	first := s.Schedule(ds, Packet{SrcAddr: src})
	if first < 0 {
		t.Fatal("no dest")
	}
	ds[first].Weight = 0
	if got := s.Schedule(ds, Packet{SrcAddr: src}); got != -1 {
		t.Fatalf("sh without fallback moved to %d", got)
	}
	s.Flags = Fallback
	if got := s.Schedule(ds, Packet{SrcAddr: src}); got < 0 || got == first {
		t.Fatalf("sh-fallback gave %d", got)
	}
}

func TestMHTableBalanced(t *testing.T) {
	ds := mk(1, 1, 1)
	tab := MHTable(ds)
	count := map[int]int{}
	for _, i := range tab {
		count[i]++
	}
	if count[-1] != 0 || len(count) != 3 {
		t.Fatalf("slots %v", count)
	}
	for i, c := range count {
		if c < 1364 || c > 1365 {
			t.Fatalf("dest %d has %d slots, want a third of %d", i, c, MHTabSize)
		}
	}
	// Quiescing keeps the table (last weight), so other sources stay put.
	ds[0].Weight = 0
	tab2 := MHTable(ds)
	for i := range tab {
		if tab[i] != tab2[i] {
			t.Fatal("quiescing rebuilt the table")
		}
	}
	// Weights 2:1 give twice the slots.
	tab3 := MHTable(mk(2, 1))
	c3 := map[int]int{}
	for _, i := range tab3 {
		c3[i]++
	}
	if c3[0] != 2729 || c3[1] != 1364 {
		t.Fatalf("weighted slots %v", c3)
	}
}

// hsiphash on a 64-bit kernel is SipHash-1-3 truncated: check it against a
// straightforward reimplementation of SipHash-c-d with c=1, d=3 over the
// 4-byte little-endian message.
func TestHsiphashIsSipHash13(t *testing.T) {
	for _, v := range []uint32{0, 1, 80, 0xc6120001, 0xffffffff} {
		msg := []byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)}
		want := uint32(siphash13(mhKey1, msg))
		if got := hsiphash32(v, mhKey1); got != want {
			t.Fatalf("hsiphash32(%#x) = %#x, want %#x", v, got, want)
		}
	}
}

func siphash13(k hsiphashKey, m []byte) uint64 {
	v := [4]uint64{k[0] ^ 0x736f6d6570736575, k[1] ^ 0x646f72616e646f6d, k[0] ^ 0x6c7967656e657261, k[1] ^ 0x7465646279746573}
	var last uint64
	for i, c := range m {
		last |= uint64(c) << (8 * i)
	}
	last |= uint64(len(m)) << 56
	round := func() { v[0], v[1], v[2], v[3] = sipround(v[0], v[1], v[2], v[3]) }
	v[3] ^= last
	round()
	v[0] ^= last
	v[2] ^= 0xff
	round()
	round()
	round()
	return v[0] ^ v[1] ^ v[2] ^ v[3]
}

func TestTwoS(t *testing.T) {
	ds := mk(1, 1)
	ds[0].Active = 5
	draws := []uint32{0, 2} // r1 -> A, r2 -> B
	tw := &TwoS{Rand: func(n uint32) uint32 { v := draws[0]; draws = draws[1:]; return v }}
	if got := name(ds, tw.Schedule(ds, Packet{})); got != "B" {
		t.Fatalf("twos kept the loaded server: %s", got)
	}
}

func TestLBLCStickyUntilOverloaded(t *testing.T) {
	ds := mk(1, 1)
	l := NewLBLC(nil)
	dst := netip.MustParseAddr("198.18.0.100")
	first := l.Schedule(ds, Packet{DstAddr: dst})
	ds[first].Active = 3 // more active than its weight, while the other is idle
	second := l.Schedule(ds, Packet{DstAddr: dst})
	if second == first {
		t.Fatal("lblc kept an overloaded server")
	}
	ds[first].Active = 0
	if again := l.Schedule(ds, Packet{DstAddr: dst}); again != second {
		t.Fatal("lblc did not remember the new server")
	}
}

func TestNamesAllConstruct(t *testing.T) {
	for _, n := range Names() {
		s, err := New(n, 0)
		if err != nil || s.Name() != n {
			t.Fatalf("%s: %v", n, err)
		}
		s.Update(mk(1, 2))
		_ = s.Schedule(mk(1, 2), Packet{SrcAddr: netip.MustParseAddr("198.19.0.1"), DstAddr: netip.MustParseAddr("198.18.0.1")})
	}
	if _, err := New("nope", 0); err == nil {
		t.Fatal("unknown scheduler accepted")
	}
	_ = fmt.Sprint()
}

// TestWRRSequenceMatchesScheduler: the table the datapath replays is what
// the scheduler picks, call after call, through the cycle and beyond.
func TestWRRSequenceMatchesScheduler(t *testing.T) {
	for _, weights := range [][]int32{{4, 3, 2}, {1, 1, 1}, {5, 0, 2}, {6, 4}, {100, 7, 13}} {
		var dests []Dest
		for i, w := range weights {
			dests = append(dests, Dest{Addr: netip.AddrFrom4([4]byte{198, 18, 0, byte(11 + i)}), Port: 80, Weight: w, Available: true})
		}
		seq, start, _, ok := WRRSequence(dests, 0, 1<<16)
		if !ok {
			t.Fatalf("%v: no sequence", weights)
		}
		w := &WRR{}
		for n := 0; n < 3*len(seq); n++ {
			want := w.Schedule(dests, Packet{})
			slot := n
			if n >= len(seq) {
				slot = start + (n-start)%(len(seq)-start)
			}
			if seq[slot] != want {
				t.Fatalf("%v: pick %d: table says %d, scheduler %d (seq %v, cycle from %d)", weights, n, seq[slot], want, seq, start)
			}
		}
	}
}

// TestAddrFoldMapped: an IPv4-mapped address belongs to an IPv6 service,
// and the kernel folds its four words (0, 0, 0xffff, the IPv4 address).
func TestAddrFoldMapped(t *testing.T) {
	if got := addrFold(netip.MustParseAddr("::ffff:1.2.3.4")); got != 0x0000ffff^0x01020304 {
		t.Errorf("fold %#x", got)
	}
	if got := addrFold(netip.MustParseAddr("1.2.3.4")); got != 0x01020304 {
		t.Errorf("IPv4 fold %#x", got)
	}
}
