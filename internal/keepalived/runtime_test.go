package keepalived

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"xvs/internal/ipvsadm"
	"xvs/internal/sched"
	"xvs/internal/server"
)

// The runtime scenarios (testdata/runtime/NAME) were recorded with
// keepalived 2.2.7 on kernel 6.1 by oracle-runtime.sh: the table every half
// second while servers die, come back and files change. TestRuntime replays
// each against xvs, with the same servers (testdata/ksrv) on loopback.

var ksrvBuild struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if ksrvBuild.dir != "" {
		os.RemoveAll(ksrvBuild.dir)
	}
	os.Exit(code)
}

// ksrv builds testdata/ksrv once.
func ksrv(t *testing.T) string {
	b := &ksrvBuild
	b.once.Do(func() {
		if b.dir, b.err = os.MkdirTemp("", "xvs-ksrv"); b.err != nil {
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(b.dir, "ksrv"), "./testdata/ksrv").CombinedOutput()
		if err != nil {
			b.err = fmt.Errorf("build ksrv: %v\n%s", err, out)
		}
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return filepath.Join(b.dir, "ksrv")
}

// timeline is what happened in one run of a scenario.
type timeline struct {
	snaps  map[string][]string // "2.5" -> sorted ipvsadm -S -n
	after  []string            // after the checker stopped
	srv    map[string]int      // what the servers were asked, with counts
	events []string            // what the scripts wrote
}

func readRuntimeOracle(t *testing.T) map[string]*timeline {
	b, err := os.ReadFile("testdata/keepalived-runtime.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*timeline{}
	var cur *timeline
	at := "" // the snapshot being read; "after" for the one after stopping
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			cur = &timeline{snaps: map[string][]string{}, srv: map[string]int{}}
			out[strings.TrimPrefix(line, "=== ")] = cur
		case cur == nil, line == "", strings.HasPrefix(line, "@ "), strings.HasPrefix(line, "# ka| "):
		case strings.HasPrefix(line, "--- t="):
			at = strings.TrimPrefix(line, "--- t=")
			cur.snaps[at] = nil
		case strings.HasPrefix(line, "--- after"):
			at = "after"
		case strings.HasPrefix(line, "# srv| "):
			n, text, _ := strings.Cut(strings.TrimPrefix(line, "# srv| "), " ")
			cur.srv[text], _ = strconv.Atoi(n)
		case strings.HasPrefix(line, "# events| "):
			cur.events = append(cur.events, strings.TrimPrefix(line, "# events| "))
		case strings.HasPrefix(line, "#"):
		case at == "after":
			cur.after = append(cur.after, line)
		default:
			cur.snaps[at] = append(cur.snaps[at], line)
		}
	}
	return out
}

// step is one line of a scenario's steps file.
type step struct {
	at     int
	action string
	args   []string
}

func readSteps(path string) ([]step, int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, err
	}
	var steps []step
	end := 0
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		at, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %q", path, line)
		}
		if f[1] == "end" {
			end = at
		}
		steps = append(steps, step{at, f[1], f[2:]})
	}
	return steps, end, nil
}

// scenarioDir copies a scenario into dir with %DIR% made dir, as
// oracle-runtime.sh does.
func scenarioDir(name, dir string) error {
	src := filepath.Join("testdata", "runtime", name)
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		if strings.HasSuffix(e.Name(), ".conf") || e.Name() == "servers" {
			b = bytes.ReplaceAll(b, []byte("%DIR%"), []byte(dir))
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, info.Mode().Perm()); err != nil {
			return err
		}
	}
	return nil
}

// ksrvs runs a scenario's ksrv servers.
type ksrvs struct {
	bin   string
	specs map[string][]string // address -> mode address argument
	procs map[string]*exec.Cmd
	mu    sync.Mutex
	log   bytes.Buffer
}

func (s *ksrvs) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.Write(b)
}

func startServers(bin, dir string) (*ksrvs, error) {
	s := &ksrvs{bin: bin, specs: map[string][]string{}, procs: map[string]*exec.Cmd{}}
	b, err := os.ReadFile(filepath.Join(dir, "servers"))
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		s.specs[f[1]] = f
		if err := s.start(f[1]); err != nil {
			s.stopAll()
			return nil, err
		}
	}
	for addr, f := range s.specs {
		if f[0] != "dns" && f[0] != "udp" {
			if err := waitListening(addr); err != nil {
				s.stopAll()
				return nil, err
			}
		}
	}
	return s, nil
}

// waitListening waits until the address is taken (without connecting: the
// servers count their connections).
func waitListening(addr string) error {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			return nil
		}
		l.Close()
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("ksrv on %s does not listen", addr)
}

func (s *ksrvs) start(addr string) error {
	cmd := exec.Command(s.bin, s.specs[addr]...)
	cmd.Stdout, cmd.Stderr = s, io.Discard
	if err := cmd.Start(); err != nil {
		return err
	}
	s.procs[addr] = cmd
	return nil
}

func (s *ksrvs) stop(addr string) {
	if c := s.procs[addr]; c != nil {
		c.Process.Kill()
		c.Wait()
		delete(s.procs, addr)
	}
}

func (s *ksrvs) stopAll() {
	for addr := range s.procs {
		s.stop(addr)
	}
}

// asked is what the servers logged, as oracle-runtime.sh counts it.
func (s *ksrvs) asked() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(s.log.String()), "\n") {
		if line != "" {
			out[line]++
		}
	}
	return out
}

// replay runs a scenario against xvs as oracle-runtime.sh ran it against
// keepalived, in dir. It returns errors rather than failing, so that all
// scenarios run at once, whatever the number of CPUs.
func replay(name, dir, bin string, logf func(string, ...any)) (*timeline, error) {
	if err := scenarioDir(name, dir); err != nil {
		return nil, err
	}
	steps, end, err := readSteps(filepath.Join(dir, "steps"))
	if err != nil {
		return nil, err
	}
	for _, st := range steps {
		if st.at == 0 && st.action == "write" {
			os.WriteFile(filepath.Join(dir, st.args[0]), []byte(st.args[1]+"\n"), 0o644)
		}
	}
	srv, err := startServers(bin, dir)
	if err != nil {
		return nil, err
	}
	defer srv.stopAll()
	s, err := server.New(server.Config{StateDir: filepath.Join(dir, "state"), SchedulerKnown: sched.Known, Logf: logf})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	t0 := time.Now()
	r, err := NewRunner(RunnerConfig{Path: filepath.Join(dir, "keepalived.conf"), To: s, Logf: logf})
	if err != nil {
		return nil, err
	}
	got := &timeline{snaps: map[string][]string{}}
	var errs []error
	for half := 1; half <= 2*end; half++ {
		time.Sleep(time.Until(t0.Add(time.Duration(half) * 500 * time.Millisecond)))
		got.snaps[fmt.Sprintf("%d.%d", half/2, half%2*5)] = table(s)
		if half%2 != 0 {
			continue
		}
		for _, st := range steps {
			if st.at == half/2 {
				errs = append(errs, runStep(st, dir, srv, r))
			}
		}
	}
	r.Close()
	got.after = table(s)
	srv.stopAll()
	got.srv = srv.asked()
	if b, err := os.ReadFile(filepath.Join(dir, "events")); err == nil {
		got.events = strings.Split(strings.TrimSpace(string(b)), "\n")
	}
	return got, errors.Join(errs...)
}

// table is ipvsadm -S -n, sorted.
func table(s *server.Server) []string {
	var out, errb bytes.Buffer
	if code := ipvsadm.Run([]string{"ipvsadm", "-S", "-n"}, nil, &out, &errb, serverClient{s}); code != 0 {
		return []string{"ipvsadm failed: " + errb.String()}
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	slices.Sort(lines)
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}

func runStep(st step, dir string, srv *ksrvs, r *Runner) error {
	switch st.action {
	case "write":
		return os.WriteFile(filepath.Join(dir, st.args[0]), []byte(st.args[1]+"\n"), 0o644)
	case "kill":
		srv.stop(st.args[0])
	case "start":
		return srv.start(st.args[0])
	case "reload":
		b, err := os.ReadFile(filepath.Join(dir, st.args[0]))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "keepalived.conf"), b, 0o644); err != nil {
			return err
		}
		if _, err := r.Reload(); err != nil {
			return fmt.Errorf("reload: %w", err)
		}
	case "end":
	default:
		return fmt.Errorf("unknown step %q", st.action)
	}
	return nil
}

// stableTimes are the snapshots keepalived's table did not change around
// (a second either side): there xvs, whose timing is the same within a
// fraction of a second, must have the same table.
func stableTimes(tl *timeline) []string {
	at := func(h int) string { return fmt.Sprintf("%d.%d", h/2, h%2*5) }
	var out []string
	for h := 1; ; h++ {
		cur, ok := tl.snaps[at(h)]
		if !ok {
			return out
		}
		stable := true
		for d := -2; d <= 2; d++ {
			other, ok := tl.snaps[at(h+d)]
			if !ok || !slices.Equal(other, cur) {
				stable = false
			}
		}
		if stable {
			out = append(out, at(h))
		}
	}
}

// TestRuntime replays every recorded scenario, all at once.
func TestRuntime(t *testing.T) {
	want := readRuntimeOracle(t)
	if len(want) < 5 {
		t.Fatalf("only %d scenarios recorded", len(want))
	}
	bin := ksrv(t)
	type result struct {
		tl  *timeline
		err error
	}
	results := map[string]*result{}
	var wg sync.WaitGroup
	for name := range want {
		res := &result{}
		results[name] = res
		dir := t.TempDir()
		wg.Go(func() { res.tl, res.err = replay(name, dir, bin, t.Logf) })
	}
	wg.Wait()
	for name, w := range want {
		t.Run(name, func(t *testing.T) {
			res := results[name]
			if res.err != nil {
				t.Fatal(res.err)
			}
			compareRuns(t, res.tl, w)
		})
	}
}

func compareRuns(t *testing.T, got, w *timeline) {
	times := stableTimes(w)
	if len(times) < 3 {
		t.Fatalf("the recording holds still only at %v", times)
	}
	for _, at := range times {
		if !slices.Equal(got.snaps[at], w.snaps[at]) {
			t.Errorf("t=%s: xvs programmed\n%s\nkeepalived\n%s", at, strings.Join(got.snaps[at], "\n"), strings.Join(w.snaps[at], "\n"))
		}
	}
	compareAsked(t, got.srv, w.srv)
	if !slices.Equal(slices.Sorted(slices.Values(got.events)), slices.Sorted(slices.Values(w.events))) {
		t.Errorf("scripts wrote %q, keepalived's %q", got.events, w.events)
	}
	if last := got.snaps[fmt.Sprintf("%d.0", len(got.snaps)/2)]; !slices.Equal(got.after, last) {
		t.Errorf("xvs changed the table when it stopped (it keeps it, unlike keepalived):\n%s", strings.Join(got.after, "\n"))
	}
}

// compareAsked: the servers were asked the same things (request lines,
// Host headers, DNS questions, payloads, HELO), about as often: one checker
// per real server, also for a group of addresses.
func compareAsked(t *testing.T, got, want map[string]int) {
	for text, n := range want {
		g, ok := got[text]
		if !ok {
			t.Errorf("no server was asked %q (keepalived: %d times); xvs asked: %v", text, n, got)
			continue
		}
		if g < n-2 || g > n+2 {
			t.Errorf("%q: %d times, keepalived %d", text, g, n)
		}
	}
	for text := range got {
		if _, ok := want[text]; !ok {
			t.Errorf("xvs asked %q, keepalived never did", text)
		}
	}
}
