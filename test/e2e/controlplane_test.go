package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// daemon is a control-plane-only xvsd (no datapath) run from the built binary.
type daemon struct {
	t    *testing.T
	sock string
	dir  string
	cmd  *exec.Cmd
}

func startDaemon(t *testing.T, sock, dir string) *daemon {
	t.Helper()
	d := &daemon{t: t, sock: sock, dir: dir}
	d.cmd = exec.Command(bin("xvsd"), "--socket", sock, "--state-dir", dir)
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.stop)
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(sock); err == nil {
			return d
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("xvsd did not create its socket")
	return nil
}

func (d *daemon) stop() {
	if d.cmd.ProcessState == nil {
		d.cmd.Process.Signal(os.Interrupt)
		d.cmd.Wait()
	}
}

// run runs bin/ipvsadm with the daemon's socket and stdin, returning
// stdout, stderr and the exit code.
func (d *daemon) run(stdin string, args ...string) (string, string, int) {
	cmd := exec.Command(bin("ipvsadm"), args...)
	cmd.Env = append(os.Environ(), "XVS_SOCKET="+d.sock)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		d.t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

const rules = `-A -t 198.18.0.10:80 -s wrr -p 600 -M 255.255.255.0
-a -t 198.18.0.10:80 -r 198.18.1.2:8080 -m -w 3
-a -t 198.18.0.10:80 -r 198.18.1.3:80 -g -w 0
-A -u [2001:db8::10]:53 -s sh -b sh-fallback,sh-port
-a -u [2001:db8::10]:53 -r [2001:db8:1::2]:53 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum
-A -f 7 -s mh -b mh-port
-a -f 7 -r 198.18.1.4:0 -i -w 2 --tun-type gre --tun-nocsum
-A --sctp-service 198.18.0.11:3868 -s rr
`

// TestRestartRestoresTable: the README's promise — start xvsd, use ipvsadm
// as usual, restart xvsd, and `ipvsadm -S -n` is identical.
func TestRestartRestoresTable(t *testing.T) {
	dir := t.TempDir()
	sock := filepath.Join(dir, "x.sock")
	state := filepath.Join(dir, "state")
	d := startDaemon(t, sock, state)
	if out, errs, code := d.run(rules, "-R"); code != 0 {
		t.Fatalf("restore: rc %d\n%s%s", code, out, errs)
	}
	d.run("", "--set", "100", "20", "30")
	before, _, _ := d.run("", "-S", "-n")
	if strings.Count(before, "\n") != 8 {
		t.Fatalf("saved table:\n%s", before)
	}
	timeouts, _, _ := d.run("", "-L", "--timeout")
	d.stop()

	d2 := startDaemon(t, sock, state)
	after, _, _ := d2.run("", "-S", "-n")
	if after != before {
		t.Fatalf("table after restart:\n%s\nbefore:\n%s", after, before)
	}
	if t2, _, _ := d2.run("", "-L", "--timeout"); t2 != timeouts || t2 != "Timeout (tcp tcpfin udp): 100 20 30\n" {
		t.Fatalf("timeouts after restart %q, before %q", t2, timeouts)
	}
	// Mistakes answer as ipvsadm answers them, and change nothing.
	_, errs, code := d2.run("", "-A", "-t", "198.18.0.10:80")
	if code != 255 || errs != "Service already exists\n" {
		t.Fatalf("duplicate service: rc %d %q", code, errs)
	}
	_, errs, code = d2.run("", "-a", "-t", "198.18.0.10:80", "-r", "198.18.1.9", "-w", "-1")
	if code != 2 || errs != "illegal weight specified\n" {
		t.Fatalf("bad weight: rc %d %q", code, errs)
	}
	if again, _, _ := d2.run("", "-S", "-n"); again != before {
		t.Fatalf("refused commands changed the table:\n%s", again)
	}
}

// TestDaemonNotRunning: a one-line error that says how to start it.
func TestDaemonNotRunning(t *testing.T) {
	d := &daemon{t: t, sock: filepath.Join(t.TempDir(), "none.sock")}
	_, errs, code := d.run("", "-L", "-n")
	if code == 0 || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "xvsd") {
		t.Fatalf("rc %d stderr %q", code, errs)
	}
}

// TestCorruptStateRefusesToStart: never a silent empty table.
func TestCorruptStateRefusesToStart(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "state.json"), []byte(`{"version":1,"table":`), 0o600)
	out, err := exec.Command(bin("xvsd"), "--socket", filepath.Join(dir, "x.sock"), "--state-dir", dir).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "corrupt") {
		t.Fatalf("xvsd with corrupt state: %v\n%s", err, out)
	}
}
