package sched

import (
	"bufio"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"
)

// oracleCase is one service of testdata/oracle/decisions.sh: its scheduler,
// flags, weights of rs1..rs3 (added in that order) and the edits made after.
type oracleCase struct {
	sched    string
	flags    Flags
	weights  [3]int32
	quiesce  int // rs index set to weight 0 after the adds, or 0
	vip      string
	expected []string // "SRC:PORT NAME"
}

var oracleCases = map[string]*oracleCase{
	"rr":               {sched: "rr", weights: [3]int32{1, 1, 1}, vip: "198.18.0.100"},
	"wrr432":           {sched: "wrr", weights: [3]int32{4, 3, 2}, vip: "198.18.0.101"},
	"sh":               {sched: "sh", weights: [3]int32{1, 1, 1}, vip: "198.18.0.102"},
	"mh211":            {sched: "mh", weights: [3]int32{2, 1, 1}, vip: "198.18.0.103"},
	"mhport":           {sched: "mh", flags: HashPort, weights: [3]int32{1, 1, 1}, vip: "198.18.0.104"},
	"sh-rs2quiesced":   {sched: "sh", weights: [3]int32{1, 1, 1}, quiesce: 2, vip: "198.18.0.105"},
	"mhfb-rs2quiesced": {sched: "mh", flags: Fallback, weights: [3]int32{1, 1, 1}, quiesce: 2, vip: "198.18.0.106"},
}

// TestKernelDecisions replays what the real IPVS chose (recorded in the
// oracle VM: Debian kernel 6.1) through this package, decision for decision.
func TestKernelDecisions(t *testing.T) {
	f, err := os.Open("testdata/oracle/decisions.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cases := map[string]*oracleCase{}
	for k, v := range oracleCases {
		c := *v
		cases[k] = &c
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) > 3 && strings.HasPrefix(fs[2], "ERR:") {
			fs = fs[:3] // "connection refused": IPVS answered with port unreachable
		}
		if len(fs) != 3 {
			t.Fatalf("bad line %q", sc.Text())
		}
		name, rest := fs[0], fs[1]+" "+fs[2]
		if strings.HasPrefix(name, "dh-vip") {
			v := strings.TrimPrefix(name, "dh-vip")
			cases[name] = &oracleCase{sched: "dh", weights: [3]int32{1, 1, 1}, vip: "198.18.0." + v, expected: []string{rest}}
			continue
		}
		c := cases[name]
		if c == nil {
			t.Fatalf("unknown case %q", name)
		}
		c.expected = append(c.expected, rest)
	}
	if len(cases) < 10 {
		t.Fatalf("only %d cases read", len(cases))
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) { replay(t, c) })
	}
}

func replay(t *testing.T, c *oracleCase) {
	s, err := New(c.sched, c.flags)
	if err != nil {
		t.Fatal(err)
	}
	var list []Dest
	for i := 1; i <= 3; i++ {
		d := Dest{Addr: netip.MustParseAddr(fmt.Sprintf("198.18.%d.2", i)), Port: 80,
			Weight: c.weights[i-1], LastWeight: c.weights[i-1], Available: true}
		list = append([]Dest{d}, list...)
		s.Update(list)
	}
	if c.quiesce > 0 {
		list[3-c.quiesce].Weight = 0 // the list is rs3, rs2, rs1
		s.Update(list)
	}
	vip := netip.MustParseAddr(c.vip)
	for k, e := range c.expected {
		srcText, want, _ := strings.Cut(e, " ")
		src := netip.MustParseAddrPort(srcText)
		i := s.Schedule(list, Packet{SrcAddr: src.Addr(), SrcPort: src.Port(), DstAddr: vip, DstPort: 80})
		got := "no answer"
		if i >= 0 {
			got = fmt.Sprintf("rs%d", list[i].Addr.As4()[2])
		}
		if !strings.HasPrefix(want, "rs") {
			want = "no answer"
		}
		if got != want {
			t.Errorf("flow %d from %s: xvs picks %s, the kernel picked %s", k+1, src, got, want)
		}
	}
}
