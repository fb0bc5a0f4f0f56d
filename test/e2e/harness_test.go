// Package e2e runs xvs for real: xvsd with its XDP datapath in a director
// namespace of test/testbed.sh, real servers, a client, ipvsadm commands.
// The tests need root (CI is root) and skip otherwise.
package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var (
	binDir  string // xvsd, xvsadm, ipvsadm, xvs-rs, xvs-backend built for this run
	repoDir string
	bedSeq  atomic.Int32
)

func TestMain(m *testing.M) {
	_, file, _, _ := runtime.Caller(0)
	repoDir = filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	dir, err := os.MkdirTemp("", "xvs-e2e-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	build := exec.Command("go", "build", "-o", dir+"/", "./cmd/...")
	build.Dir = repoDir
	build2 := exec.Command("go", "build", "-o", dir+"/xvs-backend", "./test/backend")
	build2.Dir = repoDir
	for _, b := range []*exec.Cmd{build, build2} {
		if out, err := b.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "build: %v\n%s", err, out)
			os.Exit(1)
		}
	}
	os.Symlink("xvsadm", filepath.Join(dir, "ipvsadm"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func requireRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root for network namespaces")
	}
}

// bed is one testbed (test/testbed.sh) owned by a test.
type bed struct {
	t    *testing.T
	P    string
	dir  string
	sock string
	xvsd *exec.Cmd
}

// newBed builds a testbed with a unique prefix and removes it when the test ends.
func newBed(t *testing.T, noNAPI bool) *bed {
	if noNAPI {
		return newBedWith(t, "--no-napi")
	}
	return newBedWith(t)
}

// newBedWith builds a testbed with test/testbed.sh's options.
func newBedWith(t *testing.T, opts ...string) *bed {
	requireRoot(t)
	b := &bed{t: t, P: fmt.Sprintf("xvse%d%d", os.Getpid()%100000, bedSeq.Add(1)), dir: t.TempDir()}
	b.sock = filepath.Join(b.dir, "xvsd.sock")
	args := append([]string{filepath.Join(repoDir, "test/testbed.sh"), "up", b.P}, opts...)
	t.Cleanup(func() {
		b.stopXVSD()
		if b.xvsd != nil {
			b.nsRun("d", filepath.Join(binDir, "xvsd"), "--detach", "--pin-path", b.pinPath())
		}
		exec.Command("bash", filepath.Join(repoDir, "test/testbed.sh"), "down", b.P).Run()
		exec.Command("umount", filepath.Join(b.dir, "bpf")).Run()
	})
	// The pins must outlive each xvsd (restarts keep connections), and
	// `ip netns exec` gives every process its own mount namespace: mount
	// the bpffs here, in ours, where it stays for the whole test.
	if err := os.MkdirAll(filepath.Join(b.dir, "bpf"), 0o700); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "bpf", "bpffs", filepath.Join(b.dir, "bpf")).CombinedOutput(); err != nil {
		t.Fatalf("mount bpffs: %v\n%s", err, out)
	}
	up := exec.Command("bash", args...)
	up.Env = append(os.Environ(), "XVS_RS="+bin("xvs-rs"))
	if out, err := up.CombinedOutput(); err != nil {
		t.Fatalf("testbed up: %v\n%s", err, out)
	}
	return b
}

func (b *bed) pinPath() string { return filepath.Join(b.dir, "bpf", "xvs") }

// nsRun runs a command in namespace PREFIX-ns and returns its combined output.
func (b *bed) nsRun(ns string, args ...string) (string, error) {
	cmd := exec.Command("ip", append([]string{"netns", "exec", b.P + "-" + ns}, args...)...)
	cmd.Env = append(os.Environ(), "XVS_SOCKET="+b.sock)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// must runs a command in a namespace and fails the test if it fails.
func (b *bed) must(ns string, args ...string) string {
	b.t.Helper()
	out, err := b.nsRun(ns, args...)
	if err != nil {
		b.t.Fatalf("%s: %v: %v\n%s", ns, args, err, out)
	}
	return out
}

// bg starts a long-running command in a namespace, stopped at cleanup.
func (b *bed) bg(ns string, args ...string) *exec.Cmd {
	b.t.Helper()
	cmd := exec.Command("ip", append([]string{"netns", "exec", b.P + "-" + ns}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		b.t.Fatalf("start %v: %v", args, err)
	}
	b.t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if b.t.Failed() && out.Len() > 0 {
			b.t.Logf("%s %v output:\n%s", ns, args, out.String())
		}
	})
	return cmd
}

func bin(name string) string { return filepath.Join(binDir, name) }

// realServers readies r1..r3 for DR to drVIP (none when "") and starts an
// xvs-backend on each, named rsN, with the options args gives for its
// address (198.18.0.1N).
func (b *bed) realServers(drVIP string, args func(rip string) []string) {
	for i := 1; i <= 3; i++ {
		r := fmt.Sprintf("r%d", i)
		if drVIP != "" {
			b.must(r, bin("xvs-rs"), "dr", "--vip", drVIP)
		}
		b.bg(r, append([]string{bin("xvs-backend"), "-name", fmt.Sprintf("rs%d", i)}, args(fmt.Sprintf("198.18.0.1%d", i))...)...)
	}
}

// backends starts rs1..rs3 answering with their names on their own address
// and on the given VIPs (port 80, TCP as HTTP and UDP).
func (b *bed) backends(vips ...string) {
	for i := 1; i <= 3; i++ {
		args := []string{bin("xvs-backend"), "-name", fmt.Sprintf("rs%d", i),
			"-listen", fmt.Sprintf("198.18.0.1%d:80", i), "-listen", fmt.Sprintf("[2001:db8:18::1%d]:80", i)}
		for _, v := range vips {
			args = append(args, "-listen", hostPort(v, 80))
		}
		b.bg(fmt.Sprintf("r%d", i), args...)
	}
	b.waitTCP("r1", hostPort("198.18.0.11", 80))
}

func hostPort(addr string, port int) string {
	if strings.Contains(addr, ":") {
		return fmt.Sprintf("[%s]:%d", addr, port)
	}
	return fmt.Sprintf("%s:%d", addr, port)
}

// waitTCP waits until something listens on addr in namespace ns.
func (b *bed) waitTCP(ns, addr string) {
	b.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := b.nsRun(ns, "curl", "-s", "-m", "1", "http://"+addr+"/"); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("nothing answers on %s in %s", addr, ns)
}

// startXVSD starts the daemon in the director with XDP on eth0.
func (b *bed) startXVSD(extra ...string) {
	b.t.Helper()
	b.xvsd = b.startDaemon("d", b.sock, b.pinPath(), filepath.Join(b.dir, "state"), extra...)
}

// startDaemon starts an xvsd with XDP on eth0 of namespace ns and waits for
// its socket.
func (b *bed) startDaemon(ns, sock, pin, stateDir string, extra ...string) *exec.Cmd {
	b.t.Helper()
	args := append([]string{bin("xvsd"), "--socket", sock, "--state-dir", stateDir,
		"--attach", "eth0", "--pin-path", pin}, extra...)
	cmd := b.bg(ns, args...)
	// Verifying the datapath takes seconds on a loaded machine (CI).
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := os.Stat(sock); err == nil {
			return cmd
		}
		if cmd.ProcessState != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("xvsd in %s did not start", ns)
	return nil
}

// stopXVSD stops the daemon (SIGTERM) and waits for it.
func (b *bed) stopXVSD() {
	if b.xvsd == nil || b.xvsd.Process == nil || b.xvsd.ProcessState != nil {
		return
	}
	b.xvsd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { b.xvsd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		b.xvsd.Process.Kill()
		<-done
	}
}

// ipvsadm runs the CLI against this bed's daemon.
func (b *bed) ipvsadm(args ...string) string {
	b.t.Helper()
	return b.ipvsadmAt(b.sock, args...)
}

// ipvsadmAt runs the CLI against the daemon on sock.
func (b *bed) ipvsadmAt(sock string, args ...string) string {
	b.t.Helper()
	cmd := exec.Command(bin("ipvsadm"), args...)
	cmd.Env = append(os.Environ(), "XVS_SOCKET="+sock)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.t.Fatalf("ipvsadm %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// httpGet fetches http://addr:port/ from the client and returns the answer.
func (b *bed) httpGet(addr string, port int) (string, error) {
	out, err := b.nsRun("c", "curl", "-s", "-m", "2", "http://"+hostPort(addr, port)+"/")
	return strings.TrimSpace(out), err
}

// udpAsk sends one datagram from the client and returns the answer.
func (b *bed) udpAsk(addr string, port int) (string, error) {
	out, err := b.nsRun("c", bin("xvs-backend"), "-ask", hostPort(addr, port))
	return strings.TrimSpace(out), err
}

// waitFor polls cond for up to 5 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	waitForIn(t, 5*time.Second, cond)
}

// waitForIn waits up to d for cond.
func waitForIn(t *testing.T, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("condition not met in %v", d)
}

func (b *bed) sleep(ms int) { time.Sleep(time.Duration(ms) * time.Millisecond) }
