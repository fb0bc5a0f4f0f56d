package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestNATForwarding: xvsd with XDP on the director's eth0, a NAT service
// configured with ipvsadm, real clients get answers through the VIP in rr
// order, and the counters, the connection table, the datapath's events and
// the Prometheus endpoint show the traffic.
func TestNATForwarding(t *testing.T) {
	b := newBed(t, false)
	b.backends()
	b.startXVSD("--metrics", "127.0.0.1:9469")
	b.ipvsadm("-A", "-t", "198.18.0.100:80", "-s", "rr")
	b.ipvsadm("-A", "-u", "198.18.0.100:80", "-s", "rr")
	for _, rs := range []string{"198.18.0.11:80", "198.18.0.12:80", "198.18.0.13:80"} {
		b.ipvsadm("-a", "-t", "198.18.0.100:80", "-r", rs, "-m")
		b.ipvsadm("-a", "-u", "198.18.0.100:80", "-r", rs, "-m")
	}
	checkSequence(t, "TCP", func() (string, error) { return b.httpGet("198.18.0.100", 80) })
	checkSequence(t, "UDP", func() (string, error) { return b.udpAsk("198.18.0.100", 80) })
	time.Sleep(2500 * time.Millisecond)
	stats := b.ipvsadm("-Ln", "--stats")
	for _, proto := range []string{"TCP", "UDP"} {
		if conns := statsConns(stats, proto+"  198.18.0.100:80"); conns != "6" {
			t.Fatalf("%s service shows %q connections after 6, listing:\n%s", proto, conns, stats)
		}
	}
	conns := b.ipvsadm("-Lcn")
	if !strings.Contains(conns, "198.18.0.100:80") {
		t.Fatalf("connection table empty:\n%s", conns)
	}
	if ev := b.ipvsadm("-L", "--events"); !strings.Contains(ev, "table_full") || !strings.HasPrefix(ev, "Event ") {
		t.Fatalf("-L --events:\n%s", ev)
	}
	m := b.must("d", "curl", "-s", "-m", "5", "http://127.0.0.1:9469/metrics")
	for _, want := range []string{
		`xvs_service_connections_total{local_address="198.18.0.100",local_mark="",local_port="80",proto="UDP"} 6`,
		`xvs_backend_connections_total{local_address="198.18.0.100",local_mark="",local_port="80",proto="TCP",remote_address="198.18.0.11",remote_port="80"} 2`,
		`xvs_connections_total 12`,
		`xvs_datapath_events_total{event="table_full"} 0`,
		`xvs_scrape_errors 0`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s:\n%s", want, m)
		}
	}

	// Datagrams larger than the MTU cross as IP fragments both ways: the
	// later fragments follow the first one's connection.
	b.ipvsadm("-A", "-u", "[2001:db8:18::100]:80", "-s", "rr")
	for _, rs := range []string{"[2001:db8:18::11]:80", "[2001:db8:18::12]:80", "[2001:db8:18::13]:80"} {
		b.ipvsadm("-a", "-u", "[2001:db8:18::100]:80", "-r", rs, "-m")
	}
	for _, vip := range []string{"198.18.0.100", "2001:db8:18::100"} {
		for range 3 {
			out, err := b.nsRun("c", bin("xvs-backend"), "-ask", hostPort(vip, 80), "-size", "4000")
			if err != nil || !strings.HasPrefix(out, "rs") || strings.Contains(out, "bad echo") {
				t.Fatalf("4000-byte datagram to %s: %v\n%s\nevents:\n%s", vip, err, out, b.ipvsadm("-L", "--events"))
			}
		}
	}
}

// statsConns returns the Conns column of a service line of -Ln --stats.
func statsConns(listing, service string) string {
	for _, line := range strings.Split(listing, "\n") {
		if strings.HasPrefix(line, service+" ") {
			if f := strings.Fields(line); len(f) >= 3 {
				return f[2]
			}
		}
	}
	return ""
}
