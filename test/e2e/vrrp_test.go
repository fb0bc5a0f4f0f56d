package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// vrrpConf is a director's keepalived.conf for TestVRRPFailover: two VRRP
// instances in a sync group (the clients' gateway and the real servers'
// gateway), the sync daemon following the first, and a NAT and a DR
// service. 198.18.0.102 is a VIP VRRP holds: only the master may have it.
func vrrpConf(state string, priority int) string {
	return fmt.Sprintf(`global_defs {
    lvs_sync_daemon eth0 VI_CLIENTS id 7
}
vrrp_sync_group GW {
    group {
        VI_CLIENTS
        VI_SERVERS
    }
}
vrrp_instance VI_CLIENTS {
    state %[1]s
    interface eth0
    virtual_router_id 51
    priority %[2]d
    advert_int 1
    virtual_ipaddress {
        198.19.0.254/24
        198.18.0.102/32
    }
}
vrrp_instance VI_SERVERS {
    state %[1]s
    interface eth0
    virtual_router_id 52
    priority %[2]d
    advert_int 1
    virtual_ipaddress {
        198.18.0.254/24
    }
}
virtual_server 198.18.0.100 81 {
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 198.18.0.11 81 {
    }
    real_server 198.18.0.12 81 {
    }
    real_server 198.18.0.13 81 {
    }
}
virtual_server 198.18.0.101 82 {
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 198.18.0.11 82 {
    }
    real_server 198.18.0.12 82 {
    }
    real_server 198.18.0.13 82 {
    }
}
virtual_server 198.18.0.102 83 {
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 198.18.0.11 83 {
    }
}
`, state, priority)
}

// vrrpState is an instance's state in `ipvsadm -L --vrrp`.
func (b *bed) vrrpState(sock, instance string) string {
	for _, l := range strings.Split(b.ipvsadmAt(sock, "-L", "--vrrp"), "\n") {
		if f := strings.Fields(l); len(f) > 3 && f[0] == instance {
			return f[3]
		}
	}
	return ""
}

// hasAddr tells whether namespace ns has addr on any interface.
func (b *bed) hasAddr(ns, addr string) bool {
	return strings.Contains(b.must(ns, "ip", "-o", "addr", "show"), " "+addr+"/")
}

// TestVRRPFailover: two directors run one keepalived.conf's VRRP instances
// (priority 150 and 100) with lvs_sync_daemon. The master holds the
// gateways and syncs its connections; when its xvsd stops, it leaves with
// a priority-0 advert, the backup takes the gateways over (gratuitous ARP
// moves the clients' and servers' traffic), its sync daemon turns master,
// and the established NAT and DR connections go on through it.
func TestVRRPFailover(t *testing.T) {
	b := newBedWith(t, "--backup")
	b.lineServers()
	for i := 1; i <= 3; i++ {
		b.must(fmt.Sprintf("r%d", i), "ip", "route", "replace", "default", "via", "198.18.0.254")
	}
	b.must("c", "ip", "route", "replace", "198.18.0.0/24", "via", "198.19.0.254")
	conf1 := filepath.Join(b.dir, "keepalived1.conf")
	conf2 := filepath.Join(b.dir, "keepalived2.conf")
	if err := os.WriteFile(conf1, []byte(vrrpConf("MASTER", 150)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conf2, []byte(vrrpConf("BACKUP", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	b.startXVSD("--config", conf1)
	sock2 := filepath.Join(b.dir, "xvsd2.sock")
	pin2 := filepath.Join(b.dir, "bpf", "xvs2")
	b.startDaemon("d2", sock2, pin2, filepath.Join(b.dir, "state2"), "--config", conf2)
	t.Cleanup(func() { b.nsRun("d2", bin("xvsd"), "--detach", "--pin-path", pin2) })

	waitForIn(t, 10*time.Second, func() bool {
		return b.vrrpState(b.sock, "VI_SERVERS") == "MASTER" && b.vrrpState(sock2, "VI_SERVERS") == "BACKUP"
	})
	waitFor(t, func() bool {
		return strings.Contains(b.ipvsadm("-L", "--daemon"), "master sync daemon (mcast=eth0, syncid=7") &&
			strings.Contains(b.ipvsadmAt(sock2, "-L", "--daemon"), "backup sync daemon (mcast=eth0, syncid=7")
	})
	// The VIP VRRP holds is on the master's eth0 and nowhere on the backup
	// (xvsd puts its other VIPs on lo, but not this one).
	if !b.hasAddr("d", "198.18.0.102") || b.hasAddr("d2", "198.18.0.102") || !b.hasAddr("d2", "198.18.0.100") {
		t.Fatalf("addresses: master\n%s\nbackup\n%s", b.must("d", "ip", "-o", "addr"), b.must("d2", "ip", "-o", "addr"))
	}

	nat := b.hold("198.18.0.100:81", 6)
	dr := b.hold("198.18.0.101:82", 6)
	waitFor(t, func() bool { return strings.Count(b.ipvsadmAt(sock2, "-Lcn"), "ESTABLISHED") == 12 })

	b.stopXVSD() // the master leaves
	waitForIn(t, 5*time.Second, func() bool {
		return b.vrrpState(sock2, "VI_CLIENTS") == "MASTER" && b.vrrpState(sock2, "VI_SERVERS") == "MASTER"
	})
	if got := b.ipvsadmAt(sock2, "-L", "--daemon"); !strings.Contains(got, "master sync daemon (mcast=eth0, syncid=7") ||
		strings.Contains(got, "backup sync daemon") {
		t.Errorf("the new master's sync daemons:\n%s", got)
	}
	if b.hasAddr("d", "198.19.0.254") || !b.hasAddr("d2", "198.19.0.254") || !b.hasAddr("d2", "198.18.0.102") {
		t.Errorf("addresses after the failover: old master\n%s\nnew master\n%s", b.must("d", "ip", "-o", "addr"), b.must("d2", "ip", "-o", "addr"))
	}
	for what, h := range map[string]*holder{"NAT": nat, "DR": dr} {
		if got := h.round(); !strings.HasSuffix(got, "round 1 ok") {
			t.Errorf("%s connections after the failover:\n%s\nnew master:\n%s", what, got, b.ipvsadmAt(sock2, "-Lcn"))
		}
	}
	// New connections go through the new master.
	fresh := b.hold("198.18.0.100:81", 3)
	if got := fresh.round(); !strings.HasSuffix(got, "round 1 ok") {
		t.Errorf("new connections after the failover:\n%s", got)
	}
}

// trackConf is a director's keepalived.conf for TestVRRPTrackScript: one
// instance that tracks a vrrp_script (the file check an operator points at
// haproxy or the like) without a weight: failing, it faults the instance.
func trackConf(priority int, flag string) string {
	return fmt.Sprintf(`vrrp_script chk_service {
    script "/bin/test -f %[2]s"
    interval 1
    fall 2
    rise 2
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 61
    priority %[1]d
    advert_int 1
    virtual_ipaddress {
        198.18.0.103/32
    }
    track_script {
        chk_service
    }
}
`, priority, flag)
}

// TestVRRPTrackScript: the master's tracked script starts failing (its
// file goes): after fall runs the instance goes to FAULT, leaves with a
// priority-0 advert and gives the address up, and the backup takes over;
// when the script succeeds again (rise runs) the higher priority preempts.
// `ipvsadm -L --vrrp` shows the script's status under the instance.
func TestVRRPTrackScript(t *testing.T) {
	b := newBedWith(t, "--backup")
	flag1, flag2 := filepath.Join(b.dir, "ok1"), filepath.Join(b.dir, "ok2")
	for _, f := range []string{flag1, flag2} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	conf1, conf2 := filepath.Join(b.dir, "k1.conf"), filepath.Join(b.dir, "k2.conf")
	os.WriteFile(conf1, []byte(trackConf(150, flag1)), 0o644)
	os.WriteFile(conf2, []byte(trackConf(100, flag2)), 0o644)
	b.startXVSD("--config", conf1)
	sock2 := filepath.Join(b.dir, "xvsd2.sock")
	pin2 := filepath.Join(b.dir, "bpf", "xvs2")
	b.startDaemon("d2", sock2, pin2, filepath.Join(b.dir, "state2"), "--config", conf2)
	t.Cleanup(func() { b.nsRun("d2", bin("xvsd"), "--detach", "--pin-path", pin2) })

	states := func(want1, want2 string) func() bool {
		return func() bool { return b.vrrpState(b.sock, "VI_1") == want1 && b.vrrpState(sock2, "VI_1") == want2 }
	}
	waitForIn(t, 10*time.Second, states("MASTER", "BACKUP"))
	if got := b.ipvsadm("-L", "--vrrp"); !strings.Contains(got, "  -> track_script chk_service weight 0: GOOD\n") {
		t.Errorf("-L --vrrp:\n%s", got)
	}
	os.Remove(flag1)
	failed := time.Now()
	waitForIn(t, 6*time.Second, states("FAULT", "MASTER"))
	t.Logf("backup master %v after the script's file went (fall 2, interval 1 s)", time.Since(failed).Round(100*time.Millisecond))
	if b.hasAddr("d", "198.18.0.103") || !b.hasAddr("d2", "198.18.0.103") {
		t.Errorf("addresses: faulted\n%s\nnew master\n%s", b.must("d", "ip", "-o", "addr"), b.must("d2", "ip", "-o", "addr"))
	}
	if got := b.ipvsadm("-L", "--vrrp"); !strings.Contains(got, "  -> track_script chk_service weight 0: BAD\n") {
		t.Errorf("-L --vrrp while failing:\n%s", got)
	}
	os.WriteFile(flag1, nil, 0o644)
	waitForIn(t, 10*time.Second, states("MASTER", "BACKUP"))
	if !b.hasAddr("d", "198.18.0.103") || b.hasAddr("d2", "198.18.0.103") {
		t.Errorf("addresses after the recovery: master\n%s\nbackup\n%s", b.must("d", "ip", "-o", "addr"), b.must("d2", "ip", "-o", "addr"))
	}
}
