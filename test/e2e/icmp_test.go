package e2e

import (
	"strings"
	"testing"
)

// TestICMPErrors: a real server's port unreachable about a NAT connection
// reaches the client translated (its socket sees "refused"), and a service
// without an available destination answers port unreachable itself, as IPVS.
func TestICMPErrors(t *testing.T) {
	b := newBed(t, false)
	b.backends()
	b.startXVSD()
	// Nothing listens on the real servers' port 9.
	b.ipvsadm("-A", "-u", "198.18.0.100:9", "-s", "rr")
	b.ipvsadm("-a", "-u", "198.18.0.100:9", "-r", "198.18.0.11:9", "-m")
	b.ipvsadm("-A", "-u", "[2001:db8:18::100]:9", "-s", "rr")
	b.ipvsadm("-a", "-u", "[2001:db8:18::100]:9", "-r", "[2001:db8:18::11]:9", "-m")
	for _, vip := range []string{"198.18.0.100", "2001:db8:18::100"} {
		if out, _ := b.udpAsk(vip, 9); out != "refused" {
			t.Errorf("%s:9 via NAT to a closed port: %q, want refused", vip, out)
		}
	}
	// A service whose only destination is quiesced.
	b.ipvsadm("-A", "-u", "198.18.0.100:53", "-s", "rr")
	b.ipvsadm("-a", "-u", "198.18.0.100:53", "-r", "198.18.0.11:80", "-m", "-w", "0")
	if out, _ := b.udpAsk("198.18.0.100", 53); out != "refused" {
		t.Errorf("service without an available destination: %q, want refused", out)
	}
	// The same with a destination back: answers.
	b.ipvsadm("-e", "-u", "198.18.0.100:53", "-r", "198.18.0.11:80", "-m", "-w", "1")
	if out, err := b.udpAsk("198.18.0.100", 53); err != nil || !strings.HasPrefix(out, "rs") {
		t.Errorf("after weight 1: %q %v", out, err)
	}
}
