package e2e

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// holder is a client holding line connections open (xvs-backend -dial
// -step): each step sends a round on every connection.
type holder struct {
	t     *testing.T
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Scanner
}

func (b *bed) hold(svc string, n int) *holder {
	b.t.Helper()
	cmd := exec.Command("ip", "netns", "exec", b.P+"-c", bin("xvs-backend"), "-dial", svc,
		"-conns", fmt.Sprint(n), "-rounds", "2", "-step")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		b.t.Fatal(err)
	}
	h := &holder{t: b.t, cmd: cmd, stdin: stdin, out: bufio.NewScanner(stdout)}
	b.t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for i := 0; i < n; i++ {
		if !h.out.Scan() || !strings.HasPrefix(h.out.Text(), "conn ") {
			b.t.Fatalf("%s: connection %d did not open: %q", svc, i, h.out.Text())
		}
	}
	return h
}

// lineServers starts line servers on r1..r3: NAT on 198.18.0.1N:81, DR on
// 198.18.0.101:82.
func (b *bed) lineServers() {
	b.realServers("198.18.0.101", func(rip string) []string {
		return []string{"-lines", rip + ":81", "-lines", "198.18.0.101:82"}
	})
}

// round sends a line on every connection and returns the client's report
// of the round (failures, then "round K ok" or "round K failed F").
func (h *holder) round() string {
	h.t.Helper()
	fmt.Fprintln(h.stdin, "go")
	var lines []string
	for h.out.Scan() {
		l := h.out.Text()
		lines = append(lines, l)
		if strings.HasSuffix(l, " ok") || strings.Contains(l, " failed ") {
			break
		}
	}
	return strings.Join(lines, "\n")
}

// TestSyncFailover: a master director syncs its connections to a backup
// over IPVS's sync protocol; when clients and servers move to the backup
// (as after a VRRP failover), the established NAT and DR connections go on
// there. Connections opened while no sync daemon ran break, which shows the
// sync made the difference.
func TestSyncFailover(t *testing.T) {
	b := newBedWith(t, "--backup")
	b.lineServers()
	b.startXVSD()
	sock2 := filepath.Join(b.dir, "xvsd2.sock")
	pin2 := filepath.Join(b.dir, "bpf", "xvs2")
	b.startDaemon("d2", sock2, pin2, filepath.Join(b.dir, "state2"))
	t.Cleanup(func() { b.nsRun("d2", bin("xvsd"), "--detach", "--pin-path", pin2) })
	for _, sock := range []string{b.sock, sock2} {
		b.ipvsadmAt(sock, "-A", "-t", "198.18.0.100:81", "-s", "rr")
		b.ipvsadmAt(sock, "-A", "-t", "198.18.0.101:82", "-s", "rr")
		for i := 1; i <= 3; i++ {
			b.ipvsadmAt(sock, "-a", "-t", "198.18.0.100:81", "-r", fmt.Sprintf("198.18.0.1%d:81", i), "-m")
			b.ipvsadmAt(sock, "-a", "-t", "198.18.0.101:82", "-r", fmt.Sprintf("198.18.0.1%d:82", i), "-g")
		}
	}
	b.ipvsadm("--start-daemon", "master", "--mcast-interface", "eth0", "--syncid", "7")
	b.ipvsadmAt(sock2, "--start-daemon", "backup", "--mcast-interface", "eth0", "--syncid", "7")
	if got := b.ipvsadmAt(sock2, "-L", "--daemon"); !strings.Contains(got, "backup sync daemon (mcast=eth0, syncid=7") {
		t.Fatalf("backup's -L --daemon:\n%s", got)
	}

	nat := b.hold("198.18.0.100:81", 6)
	dr := b.hold("198.18.0.101:82", 6)
	waitFor(t, func() bool {
		return strings.Count(b.ipvsadmAt(sock2, "-Lcn"), "ESTABLISHED") == 12
	})
	// rr spread 6 connections of each service over 3 servers: the backup
	// counts the synced ones as IPVS does, 2 active each.
	backupList := b.ipvsadmAt(sock2, "-Ln")
	for _, l := range strings.Split(backupList, "\n") {
		if f := strings.Fields(l); len(f) == 6 && f[0] == "->" && f[1] != "RemoteAddress:Port" && (f[4] != "2" || f[5] != "0") {
			t.Errorf("the backup's counts of synced connections:\n%s", backupList)
			break
		}
	}
	// Connections the backup never hears of.
	b.ipvsadm("--stop-daemon", "master")
	unsynced := b.hold("198.18.0.100:81", 3)

	// Failover: the client's route and the NAT servers' default route move
	// to the backup director.
	b.must("c", "ip", "route", "replace", "198.18.0.0/24", "via", "198.19.0.3")
	for i := 1; i <= 3; i++ {
		b.must(fmt.Sprintf("r%d", i), "ip", "route", "replace", "default", "via", "198.18.0.2")
	}
	for what, h := range map[string]*holder{"NAT": nat, "DR": dr} {
		if got := h.round(); !strings.HasSuffix(got, "round 1 ok") {
			t.Errorf("%s connections after the failover:\n%s\nbackup:\n%s", what, got, b.ipvsadmAt(sock2, "-Lcn"))
		}
	}
	if got := unsynced.round(); strings.Contains(got, "round 1 ok") {
		t.Errorf("connections opened with no sync daemon survived the failover: %s", got)
	}
	// The backup forwards them now: its master, once started, owns them.
	stats := b.ipvsadmAt(sock2, "-Ln", "--stats")
	if !strings.Contains(stats, "198.18.0.100:81") {
		t.Errorf("backup stats:\n%s", stats)
	}
}
