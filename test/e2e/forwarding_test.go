package e2e

import (
	"fmt"
	"strings"
	"testing"
)

// mode is one forwarding method as ipvsadm spells it, with the real-server
// set-up it needs and the VIP the testbed routes for it.
type mode struct {
	name   string
	fwd    []string // ipvsadm -a options
	vip4   string
	vip6   string
	rsArgs []string // xvs-rs arguments before --vip (nil: nothing to do on the real servers)
}

var modes = []mode{
	{"NAT", []string{"-m"}, "198.18.0.100", "2001:db8:18::100", nil},
	{"DR", []string{"-g"}, "198.18.0.101", "2001:db8:18::101", []string{"dr"}},
	{"TUN-ipip", []string{"-i"}, "198.18.0.102", "2001:db8:18::102", []string{"tun", "--type", "ipip", "--dev", "eth0"}},
	{"TUN-gue", []string{"-i", "--tun-type", "gue", "--tun-port", "6080"}, "198.18.0.103", "2001:db8:18::103",
		[]string{"tun", "--type", "gue", "--port", "6080", "--dev", "eth0"}},
	{"TUN-gre", []string{"-i", "--tun-type", "gre"}, "198.18.0.104", "2001:db8:18::104", []string{"tun", "--type", "gre", "--dev", "eth0"}},
}

// prepareRS runs xvs-rs on every real server for m and vip (nothing for NAT).
func (b *bed) prepareRS(m mode, vip string) {
	b.t.Helper()
	if m.rsArgs == nil {
		return
	}
	for i := 1; i <= 3; i++ {
		args := append([]string{bin("xvs-rs")}, m.rsArgs...)
		b.must(fmt.Sprintf("r%d", i), append(args, "--vip", vip)...)
	}
}

// addServices adds services for vip on TCP and UDP port 80 with rs1, rs2,
// rs3 added in that order.
func (b *bed) addServices(m mode, vip string) {
	b.t.Helper()
	for _, proto := range []string{"-t", "-u"} {
		svc := hostPort(vip, 80)
		b.ipvsadm("-A", proto, svc, "-s", "rr")
		for i := 1; i <= 3; i++ {
			rip := fmt.Sprintf("198.18.0.1%d", i)
			if strings.Contains(vip, ":") {
				rip = fmt.Sprintf("2001:db8:18::1%d", i)
			}
			b.ipvsadm(append([]string{"-a", proto, svc, "-r", hostPort(rip, 80)}, m.fwd...)...)
		}
	}
}

// rrOrder is what rr picks with rs1, rs2, rs3 added in that order: the
// kernel keeps destinations newest first and starts at the head.
var rrOrder = []string{"rs3", "rs2", "rs1", "rs3", "rs2", "rs1"}

func checkSequence(t *testing.T, what string, ask func() (string, error)) {
	t.Helper()
	var got []string
	for range rrOrder {
		a, err := ask()
		if err != nil {
			t.Fatalf("%s: request %d: %v (%q); answers so far %v", what, len(got)+1, err, a, got)
		}
		got = append(got, a)
	}
	if strings.Join(got, " ") != strings.Join(rrOrder, " ") {
		t.Fatalf("%s: answers %v, want rr order %v", what, got, rrOrder)
	}
}

// TestForwarding: every method × family × protocol answers from the VIP and
// spreads as rr does, with the director's veth peer in both NAPI states.
func TestForwarding(t *testing.T) {
	for _, noNAPI := range []bool{false, true} {
		t.Run(fmt.Sprintf("peerNAPI=%v", !noNAPI), func(t *testing.T) {
			b := newBed(t, noNAPI)
			// The real servers listen on the VIPs of DR and TUN, which
			// xvs-rs puts on their lo first.
			var vips []string
			for _, m := range modes {
				for _, vip := range []string{m.vip4, m.vip6} {
					b.prepareRS(m, vip)
					if m.rsArgs != nil {
						vips = append(vips, vip)
					}
				}
			}
			b.backends(vips...)
			b.startXVSD()
			for _, m := range modes {
				for _, vip := range []string{m.vip4, m.vip6} {
					b.addServices(m, vip)
					t.Run(m.name+"/"+vip, func(t *testing.T) {
						checkSequence(t, "TCP", func() (string, error) { return b.httpGet(vip, 80) })
						checkSequence(t, "UDP", func() (string, error) { return b.udpAsk(vip, 80) })
					})
				}
			}
			out := b.ipvsadm("-Ln")
			if !strings.Contains(out, "Masq") || !strings.Contains(out, "Tunnel") || !strings.Contains(out, "Route") {
				t.Fatalf("listing lacks forwarding methods:\n%s", out)
			}
		})
	}
}

// TestLongLivedConnectionsStay: connections held open keep their server
// while new ones rotate, and survive a restart of xvsd in their middle.
func TestLongLivedConnectionsStay(t *testing.T) {
	b := newBed(t, false)
	for i := 1; i <= 3; i++ {
		b.bg(fmt.Sprintf("r%d", i), bin("xvs-backend"), "-name", fmt.Sprintf("rs%d", i), "-lines", fmt.Sprintf("198.18.0.1%d:81", i))
	}
	b.startXVSD()
	b.ipvsadm("-A", "-t", "198.18.0.100:81", "-s", "rr")
	for i := 1; i <= 3; i++ {
		b.ipvsadm("-a", "-t", "198.18.0.100:81", "-r", fmt.Sprintf("198.18.0.1%d:81", i), "-m")
	}
	// 50 connections: rounds every 300 ms for ~6 s, xvsd restarted after ~1.5 s.
	client := b.bg("c", bin("xvs-backend"), "-dial", "198.18.0.100:81", "-conns", "50", "-rounds", "20", "-interval", "300ms")
	waitFor(t, func() bool { return strings.Contains(b.ipvsadm("-Ln"), "ActiveConn") })
	b.sleep(1500)
	b.stopXVSD()
	b.startXVSD()
	if err := client.Wait(); err != nil {
		t.Fatalf("held connections broke across the restart: %v", err)
	}
	out := b.ipvsadm("-Ln")
	if !strings.Contains(out, "198.18.0.100:81 rr") {
		t.Fatalf("table not restored:\n%s", out)
	}
}
