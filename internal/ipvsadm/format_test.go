package ipvsadm

import (
	"net/netip"
	"testing"
)

// TestInetNtop: what glibc's inet_ntop wrote for these addresses in
// ipvsadm 1.31's listings (cases-addrs.txt).
func TestInetNtop(t *testing.T) {
	tests := []struct{ in, want string }{
		{"::", "::"},
		{"::1", "::1"},
		{"::2", "::2"},
		{"::0.0.1.0", "::100"},
		{"::0.1.0.0", "::0.1.0.0"},
		{"::10.1.1.2", "::10.1.1.2"},
		{"::255.255.255.255", "::255.255.255.255"},
		{"::1:0:0", "::1:0:0"},
		{"::1:0:0:0", "::1:0:0:0"},
		{"::fffe:1.2.3.4", "::fffe:102:304"},
		{"::ffff:1.2.3.4", "::ffff:1.2.3.4"},
		{"::ffff:0.0.0.0", "::ffff:0.0.0.0"},
		{"::ffff:0:1.2.3.4", "::ffff:0:102:304"},
		{"0:0:0:0:1:ffff:1.2.3.4", "::1:ffff:102:304"},
		{"1::1.2.3.4", "1::102:304"},
		{"2001:db8:0:1::", "2001:db8:0:1::"},
		{"fe80::1%eth0", "fe80::1"},
		{"198.18.0.1", "198.18.0.1"},
	}
	for _, tt := range tests {
		if got := inetNtop(netip.MustParseAddr(tt.in)); got != tt.want {
			t.Errorf("inetNtop(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
