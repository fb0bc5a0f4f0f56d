package ipvsadm

import (
	"net/netip"
	"testing"
	"time"

	"xvs/internal/api"
)

// answerClient answers one operation with a fixed response.
type answerClient map[string]api.Response

func (c answerClient) Call(req api.Request) (*api.Response, error) {
	resp, ok := c[string(req.Op)]
	if !ok {
		resp = api.Response{Error: &api.Error{Op: req.Op, Message: "unknown operation"}}
	}
	return &resp, nil
}

// TestListVRRP: -L --vrrp's columns, and a daemon that refuses the list.
func TestListVRRP(t *testing.T) {
	since := time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local)
	c := answerClient{string(api.OpVRRP): {VRRP: []api.VRRPStatus{
		{Name: "VI_1", Interface: "eth0", VRID: 51, State: "MASTER", Priority: 150, Master: netip.MustParseAddr("198.18.0.1"),
			Since: since, VIPs: []netip.Prefix{netip.MustParsePrefix("198.18.0.100/32"), netip.MustParsePrefix("198.19.0.254/24")},
			Scripts:   []api.VRRPScript{{Name: "chk_haproxy", Weight: -20, Status: "GOOD"}, {Name: "chk_rev", Weight: 7, Reverse: true, Status: "BAD"}},
			Files:     []api.VRRPFile{{Name: "tf_prio", Path: "/run/prio", Weight: -2, Value: 5}},
			Processes: []api.VRRPProcess{{Name: "haproxy", Count: 2, Quorum: true}}},
		{Name: "VI_6", Interface: "eth1", VRID: 52, State: "INIT", Priority: 100, Since: since},
	}}}
	out, errOut, rc := run(t, c, nil, "", "-L", "--vrrp")
	want := "Instance         Interface    VRID State  Prio Master                       Since                Addresses\n" +
		"VI_1             eth0           51 MASTER  150 198.18.0.1                   2026-12-02 10:00:00  198.18.0.100/32 198.19.0.254/24\n" +
		"  -> track_script chk_haproxy weight -20: GOOD\n" +
		"  -> track_script chk_rev weight 7 reverse: BAD\n" +
		"  -> track_file tf_prio (/run/prio) weight -2: 5\n" +
		"  -> track_process haproxy weight 0: 2 running, quorum\n" +
		"VI_6             eth1           52 INIT    100 -                            2026-12-02 10:00:00\n"
	if out != want || errOut != "" || rc != 0 {
		t.Errorf("-L --vrrp: rc %d, stderr %q, stdout\n%s\nwant\n%s", rc, errOut, out, want)
	}
	if _, errOut, rc := run(t, answerClient{}, nil, "", "-L", "--vrrp"); rc != 1 || errOut != "unknown operation\n" {
		t.Errorf("refused: rc %d, stderr %q", rc, errOut)
	}
	if _, errOut, rc := run(t, c, nil, "", "-Z", "--vrrp"); rc != 2 || errOut != "--vrrp goes with -L only\n" {
		t.Errorf("-Z --vrrp: rc %d, stderr %q", rc, errOut)
	}
}
