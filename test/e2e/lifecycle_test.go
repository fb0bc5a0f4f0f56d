package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestDestinationLifecycle: what IPVS does to connections and counters
// when real servers leave and services come back (kernel 6.1's defaults,
// as recorded in the oracle): a deleted server's held connection gets no
// answer while a quiesced server's goes on; a service deleted and added
// again counts from zero.
func TestDestinationLifecycle(t *testing.T) {
	b := newBed(t, false)
	for i := 1; i <= 3; i++ {
		b.bg(fmt.Sprintf("r%d", i), bin("xvs-backend"), "-name", fmt.Sprintf("rs%d", i),
			"-lines", fmt.Sprintf("198.18.0.1%d:81", i), "-listen", fmt.Sprintf("198.18.0.1%d:80", i))
	}
	b.startXVSD()
	b.ipvsadm("-A", "-t", "198.18.0.100:81", "-s", "rr")
	for i := 1; i <= 3; i++ {
		b.ipvsadm("-a", "-t", "198.18.0.100:81", "-r", fmt.Sprintf("198.18.0.1%d:81", i), "-m")
	}
	held := b.hold("198.18.0.100:81", 3) // rr: rs3, rs2, rs1
	b.ipvsadm("-d", "-t", "198.18.0.100:81", "-r", "198.18.0.11:81")
	b.ipvsadm("-e", "-t", "198.18.0.100:81", "-r", "198.18.0.12:81", "-m", "-w", "0")
	got := held.round()
	if !strings.Contains(got, "conn 2: answer") || strings.Contains(got, "conn 0:") || strings.Contains(got, "conn 1:") ||
		!strings.HasSuffix(got, "round 1 failed 1") {
		t.Errorf("after deleting rs1 and quiescing rs2, the held connections (rs3, rs2, rs1) answered:\n%s", got)
	}
	if ev := b.ipvsadm("-L", "--events"); !strings.Contains(ev, "dest_gone") {
		t.Errorf("-L --events lacks dest_gone:\n%s", ev)
	}

	// A service deleted and added again counts from zero, whatever it had.
	b.ipvsadm("-A", "-u", "198.18.0.100:80", "-s", "rr")
	b.ipvsadm("-a", "-u", "198.18.0.100:80", "-r", "198.18.0.11:80", "-m")
	ask := func(n int) {
		for range n {
			if _, err := b.udpAsk("198.18.0.100", 80); err != nil {
				t.Fatalf("UDP through the VIP: %v", err)
			}
		}
	}
	ask(3)
	time.Sleep(2500 * time.Millisecond)
	b.ipvsadm("-D", "-u", "198.18.0.100:80")
	b.ipvsadm("-A", "-u", "198.18.0.100:80", "-s", "rr")
	b.ipvsadm("-a", "-u", "198.18.0.100:80", "-r", "198.18.0.11:80", "-m")
	ask(4)
	var stats string
	deadline := time.Now().Add(6 * time.Second)
	for time.Now().Before(deadline) {
		stats = b.ipvsadm("-Ln", "--stats", "-u", "198.18.0.100:80")
		if statsConns(stats, "UDP  198.18.0.100:80") == "4" && statsConns(stats, "  -> 198.18.0.11:80") == "4" {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Errorf("the re-added service after 4 connections:\n%s", stats)
}
