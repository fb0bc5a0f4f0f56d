package e2e

import (
	"fmt"
	"net/netip"
	"os/exec"
	"strings"
	"testing"

	"xvs/internal/sched"
)

// schedBed is a testbed whose client sends from many addresses, with the
// Go scheduler package predicting every pick.
type schedBed struct {
	*bed
	dests []sched.Dest // kernel list order: newest first
	names []string     // answer of each dest
	s     sched.Scheduler
}

func newSchedBed(t *testing.T) *schedBed {
	b := newBed(t, false)
	b.backends()
	// A fourth destination: rs1's address on port 81, answering "rs4".
	b.bg("r1", bin("xvs-backend"), "-name", "rs4", "-listen", "198.18.0.11:81")
	for i := 1; i <= 3; i++ { // line services for held-open TCP connections
		b.bg(fmt.Sprintf("r%d", i), bin("xvs-backend"), "-name", fmt.Sprintf("rs%d", i), "-lines", fmt.Sprintf("198.18.0.1%d:82", i))
	}
	b.startXVSD()
	// Client addresses in two /24s (the director reaches 198.19.1.0/24 on-link).
	b.must("d", "ip", "route", "add", "198.19.1.0/24", "dev", "eth0")
	for i := 10; i < 40; i++ {
		b.must("c", "ip", "addr", "add", fmt.Sprintf("198.19.0.%d/24", i), "dev", "eth0")
		b.must("c", "ip", "addr", "add", fmt.Sprintf("198.19.1.%d/24", i), "dev", "eth0")
	}
	b.must("c", "ip", "-6", "addr", "add", "2001:db8:19::10/64", "dev", "eth0", "nodad")
	return &schedBed{bed: b}
}

var rsAddrs = map[string]string{"rs1": "198.18.0.11:80", "rs2": "198.18.0.12:80", "rs3": "198.18.0.13:80", "rs4": "198.18.0.11:81"}

func (sb *schedBed) start(name string, flags sched.Flags, args ...string) {
	sb.t.Helper()
	sb.ipvsadm(append([]string{"-A", "-u", "198.18.0.100:80", "-s", name}, args...)...)
	s, err := sched.New(name, flags)
	if err != nil {
		sb.t.Fatal(err)
	}
	sb.s, sb.dests, sb.names = s, nil, nil
}

func (sb *schedBed) add(rs string, weight int32) {
	sb.t.Helper()
	sb.ipvsadm("-a", "-u", "198.18.0.100:80", "-r", rsAddrs[rs], "-m", "-w", fmt.Sprint(weight))
	ap := netip.MustParseAddrPort(rsAddrs[rs])
	sb.dests = append([]sched.Dest{{Addr: ap.Addr(), Port: ap.Port(), Weight: weight, LastWeight: weight, Available: true}}, sb.dests...)
	sb.names = append([]string{rs}, sb.names...)
	sb.s.Update(sb.dests)
}

func (sb *schedBed) weight(rs string, weight int32) {
	sb.t.Helper()
	sb.ipvsadm("-e", "-u", "198.18.0.100:80", "-r", rsAddrs[rs], "-m", "-w", fmt.Sprint(weight))
	i := indexOf(sb.names, rs)
	sb.dests[i].Weight = weight
	if weight > 0 {
		sb.dests[i].LastWeight = weight
	}
	sb.s.Update(sb.dests)
}

func (sb *schedBed) del(rs string) {
	sb.t.Helper()
	sb.ipvsadm("-d", "-u", "198.18.0.100:80", "-r", rsAddrs[rs])
	i := indexOf(sb.names, rs)
	sb.dests = append(sb.dests[:i:i], sb.dests[i+1:]...)
	sb.names = append(sb.names[:i:i], sb.names[i+1:]...)
	sb.s.Update(sb.dests)
}

func indexOf(names []string, n string) int {
	for i, x := range names {
		if x == n {
			return i
		}
	}
	return -1
}

// ask sends a new datagram from src (ADDR or ADDR:PORT) and checks the
// answer against the Go scheduler; a UDP flow is an inactive connection.
func (sb *schedBed) ask(src string) {
	sb.t.Helper()
	ap, err := netip.ParseAddrPort(src)
	if err != nil {
		ap = netip.AddrPortFrom(netip.MustParseAddr(src), 0)
	}
	i := sb.s.Schedule(sb.dests, sched.Packet{SrcAddr: ap.Addr(), SrcPort: ap.Port(), DstAddr: netip.MustParseAddr("198.18.0.100"), DstPort: 80})
	want := "refused"
	if i >= 0 {
		want = sb.names[i]
		sb.dests[i].Inactive++
	}
	out, _ := sb.nsRun("c", bin("xvs-backend"), "-ask", "198.18.0.100:80", "-from", src)
	if got := strings.TrimSpace(out); got != want {
		sb.t.Fatalf("from %s: answer %q, Go scheduler predicts %q (dests %v %+v)", src, got, want, sb.names, sb.dests)
	}
}

func (sb *schedBed) clear() { sb.ipvsadm("-C") }

// TestSchedulingEndToEnd: real datagrams from chosen sources land where the
// Go scheduler package says, through changes of the destination list.
func TestSchedulingEndToEnd(t *testing.T) {
	sb := newSchedBed(t)
	src := 10
	next := func() string { src++; return fmt.Sprintf("198.19.0.%d", 10+src%30) }
	nextPort := func() string { src++; return fmt.Sprintf("198.19.0.%d:%d", 10+src%30, 20000+src) }

	t.Run("rr", func(t *testing.T) {
		sb.t = t
		sb.start("rr", 0)
		for _, rs := range []string{"rs1", "rs2", "rs3"} {
			sb.add(rs, 1)
		}
		for range 4 {
			sb.ask(nextPort())
		}
		sb.weight("rs2", 0) // quiesce
		for range 4 {
			sb.ask(nextPort())
		}
		sb.del("rs1")
		for range 3 {
			sb.ask(nextPort())
		}
		sb.add("rs1", 1) // re-add
		sb.weight("rs2", 1)
		for range 4 {
			sb.ask(nextPort())
		}
		sb.add("rs4", 1) // a fourth
		for range 6 {
			sb.ask(nextPort())
		}
		sb.clear()
	})
	t.Run("wrr 4,3,2", func(t *testing.T) {
		sb.t = t
		sb.start("wrr", 0)
		sb.add("rs1", 4)
		sb.add("rs2", 3)
		sb.add("rs3", 2)
		for range 20 {
			sb.ask(nextPort())
		}
		sb.weight("rs1", 1)
		for range 8 {
			sb.ask(nextPort())
		}
		sb.clear()
	})
	t.Run("wlc 1,2,3", func(t *testing.T) {
		sb.t = t
		sb.start("wlc", 0)
		sb.add("rs1", 1)
		sb.add("rs2", 2)
		sb.add("rs3", 3)
		for range 12 {
			sb.ask(nextPort())
		}
		sb.clear()
	})
	for _, c := range []struct {
		name  string
		flags sched.Flags
		args  []string
	}{
		{"sh", 0, nil}, {"sh", sched.HashPort, []string{"-b", "sh-port"}},
		{"sh", sched.Fallback, []string{"-b", "sh-fallback"}},
		{"mh", 0, nil}, {"mh", sched.HashPort | sched.Fallback, []string{"-b", "mh-port,mh-fallback"}},
		{"dh", 0, nil},
	} {
		t.Run(c.name+" "+strings.Join(c.args, " "), func(t *testing.T) {
			sb.t = t
			sb.start(c.name, c.flags, c.args...)
			sb.add("rs1", 2)
			sb.add("rs2", 1)
			sb.add("rs3", 1)
			for range 8 {
				sb.ask(nextPort())
			}
			sb.weight("rs2", 0) // a quiesced destination: refused, or the fallback
			for range 8 {
				sb.ask(nextPort())
			}
			sb.clear()
		})
	}
	t.Run("persistence /24", func(t *testing.T) {
		sb.t = t
		sb.ipvsadm("-A", "-u", "198.18.0.100:80", "-s", "rr", "-p", "60", "-M", "255.255.255.0")
		for _, rs := range []string{"rs1", "rs2", "rs3"} {
			sb.ipvsadm("-a", "-u", "198.18.0.100:80", "-r", rsAddrs[rs], "-m")
		}
		ask := func(src string) string {
			out, _ := sb.nsRun("c", bin("xvs-backend"), "-ask", "198.18.0.100:80", "-from", src)
			return strings.TrimSpace(out)
		}
		a, b := ask("198.19.0.11"), ask("198.19.1.11")
		if a == b {
			t.Fatalf("two /24s on one server %s under rr", a)
		}
		for i := 12; i < 20; i++ {
			if got := ask(fmt.Sprintf("198.19.0.%d", i)); got != a {
				t.Fatalf("198.19.0.%d went to %s, its /24 to %s", i, got, a)
			}
			if got := ask(fmt.Sprintf("198.19.1.%d", i)); got != b {
				t.Fatalf("198.19.1.%d went to %s, its /24 to %s", i, got, b)
			}
		}
		// The servers answered: IPVS marks such UDP templates assured.
		if out := sb.ipvsadm("-Lcn"); strings.Count(out, "ASSURED") != 2 {
			t.Errorf("want 2 assured templates in -Lcn:\n%s", out)
		}
		if out := sb.ipvsadm("-Ln", "--persistent-conn"); !strings.Contains(out, "PersistConn") {
			t.Errorf("--persistent-conn:\n%s", out)
		}
		sb.clear()
	})
	t.Run("IPv6 rr", func(t *testing.T) {
		sb.t = t
		sb.ipvsadm("-A", "-u", "[2001:db8:18::100]:80", "-s", "rr")
		var names []string
		for _, rs := range []string{"rs1", "rs2", "rs3"} {
			sb.ipvsadm("-a", "-u", "[2001:db8:18::100]:80", "-r", fmt.Sprintf("[2001:db8:18::1%s]:80", rs[2:]), "-m")
			names = append([]string{rs}, names...)
		}
		for i := range 6 {
			out, _ := sb.nsRun("c", bin("xvs-backend"), "-ask", "[2001:db8:18::100]:80", "-from", fmt.Sprintf("[2001:db8:19::10]:%d", 30000+i))
			if got := strings.TrimSpace(out); got != names[i%3] {
				t.Fatalf("datagram %d: %q, want %q (rr over %v)", i, got, names[i%3], names)
			}
		}
		sb.clear()
	})
	for _, name := range []string{"lc", "wlc", "sed", "nq", "fo", "ovf"} {
		t.Run(name+" with held connections", func(t *testing.T) {
			sb.t = t
			sb.heldConnections(name)
		})
	}
	_ = next
}

// heldConnections opens long-lived TCP connections one by one and checks
// after each that ActiveConn per real server is what the Go scheduler's
// picks add up to.
func (sb *schedBed) heldConnections(name string) {
	t := sb.t
	svc := "198.18.0.100:82"
	sb.ipvsadm("-A", "-t", svc, "-s", name)
	weights := map[string]int32{"rs1": 1, "rs2": 2, "rs3": 1}
	s, _ := sched.New(name, 0)
	var dests []sched.Dest
	var names []string
	for _, rs := range []string{"rs1", "rs2", "rs3"} {
		addr := fmt.Sprintf("198.18.0.1%s", rs[2:])
		sb.ipvsadm("-a", "-t", svc, "-r", addr+":82", "-m", "-w", fmt.Sprint(weights[rs]))
		dests = append([]sched.Dest{{Addr: netip.MustParseAddr(addr), Port: 82, Weight: weights[rs], LastWeight: weights[rs], Available: true}}, dests...)
		names = append([]string{addr + ":82"}, names...)
	}
	s.Update(dests)
	var holders []*exec.Cmd
	defer func() {
		for _, h := range holders {
			h.Process.Kill()
		}
		sb.clear()
	}()
	for n := 1; n <= 5; n++ {
		i := s.Schedule(dests, sched.Packet{})
		if i < 0 {
			t.Fatalf("Go %s picks nothing", name)
		}
		dests[i].Active++
		holders = append(holders, sb.bg("c", bin("xvs-backend"), "-dial", svc, "-conns", "1", "-rounds", "600", "-interval", "100ms"))
		waitFor(t, func() bool { return totalActive(sb.ipvsadm("-Ln", "-t", svc)) == n })
		got := sb.ipvsadm("-Ln", "-t", svc)
		for j, d := range dests {
			if a := activeOf(got, names[j]); a != int(d.Active) {
				t.Fatalf("%s after %d connections: %s has %d active, Go predicts %d\n%s", name, n, names[j], a, d.Active, got)
			}
		}
	}
}

func activeOf(listing, dest string) int {
	for _, line := range strings.Split(listing, "\n") {
		f := strings.Fields(line)
		if len(f) >= 6 && f[0] == "->" && f[1] == dest {
			var n int
			fmt.Sscan(f[4], &n)
			return n
		}
	}
	return -1
}

func totalActive(listing string) int {
	total := 0
	for _, line := range strings.Split(listing, "\n") {
		f := strings.Fields(line)
		if len(f) >= 6 && f[0] == "->" && f[1] != "RemoteAddress:Port" {
			var n int
			fmt.Sscan(f[4], &n)
			total += n
		}
	}
	return total
}
