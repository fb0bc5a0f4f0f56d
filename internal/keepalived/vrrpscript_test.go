package keepalived

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vishvananda/netlink"

	"xvs/internal/health"
	"xvs/internal/netnstest"
	"xvs/internal/vrrp"
)

// oraclePhases reads testdata/keepalived-scripts.txt: the lines of each
// "== " block, by its title.
func oraclePhases(t *testing.T, path string) map[string][]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	title := ""
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(l, "== "):
			title = strings.TrimPrefix(l, "== ")
		case title != "" && l != "":
			out[title] = append(out[title], l)
		}
	}
	return out
}

// scriptsSnapshot prints what m runs as the oracle script prints
// keepalived's data dump (sorted: keepalived lists in configuration order).
func scriptsSnapshot(m *vrrp.Manager) []string {
	var out []string
	for _, s := range m.Status() {
		l := fmt.Sprintf("instance %s %s %d", s.Name, s.State, s.Priority)
		for _, t := range s.Scripts {
			if t.Group != "" {
				continue // keepalived's dump lists them under the group
			}
			l += fmt.Sprintf(" %s %d", t.Name, t.Weight)
			if t.Reverse {
				l += " reverse"
			}
		}
		out = append(out, l)
	}
	for _, s := range m.Scripts() {
		word := "BAD"
		if s.Good {
			word = "GOOD"
		}
		out = append(out, fmt.Sprintf("script %s %s %d", s.Name, word, s.Result))
	}
	slices.Sort(out)
	return out
}

// TestTrackScripts runs testdata/keepalived-scripts.conf (vrrp_script and
// track_script: weights, reverse, rise and fall, init_fail, a timeout, an
// address owner, clamping, entries keepalived ignores) and
// keepalived-scripts-group.conf (track_script in sync groups) as xvsd does
// and compares each instance's state and priority and each script's status
// with keepalived 2.2.7's at the same moments (testdata/keepalived-scripts*.txt,
// oracle-scripts.sh). The moments where rise or fall race the interval
// are not compared.
func TestTrackScripts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		flags bool     // the flag file goes and comes back
		warns []string // what keepalived drops without a line number
	}{
		{"keepalived-scripts", true, []string{"track script chk_missing is disabled",
			"ignoring tracked script chk_fail with weights due to address_owner"}},
		{"keepalived-scripts-group", false, []string{"(VI_A) ignoring tracked script chk_ok with weights due to SYNC group",
			"(VI_A) track_script chk_fail is configured on VRRP instance and sync group", "(VI_D) vt0 tracked interface weight"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runTrackScripts(t, tc.name, tc.flags, tc.warns)
		})
	}
}

func runTrackScripts(t *testing.T, name string, flags bool, warns []string) {
	dir := t.TempDir()
	flag := filepath.Join(dir, "flag")
	cfg, want := parseRecorded(t, name, dir, warns)
	netnstest.Pair(t, func(enter func(int)) {
		enter(0)
		if err := os.WriteFile(flag, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		trackedVeth(t)
		m := vrrp.NewManager(vrrp.Hooks{Logf: t.Logf, Check: health.RunTimed})
		defer m.Close()
		start := time.Now()
		if err := m.Apply(cfg.VRRP.Instances, cfg.VRRP.Groups, vrrp.Trackers{Scripts: cfg.VRRP.Scripts, Processes: cfg.VRRP.Processes}); err != nil {
			t.Fatal(err)
		}
		at := func(from time.Time, d time.Duration, phase string) {
			time.Sleep(time.Until(from.Add(d)))
			if phase == "" {
				return
			}
			got := scriptsSnapshot(m)
			w := slices.Sorted(slices.Values(want[phase]))
			if len(w) == 0 {
				t.Fatalf("no recording of %q", phase)
			}
			if !slices.Equal(got, w) {
				t.Errorf("%s:\n got %s\nwant %s", phase, strings.Join(got, "\n     "), strings.Join(w, "\n     "))
			}
		}
		at(start, 700*time.Millisecond, "flag there, 0.7 s after start")
		at(start, 7500*time.Millisecond, "flag there, 7.5 s after start")
		if !flags {
			return
		}
		removed := start.Add(8 * time.Second)
		at(start, 8*time.Second, "")
		os.Remove(flag)
		at(removed, 5*time.Second, "flag removed 5 s before")
		back := time.Now()
		os.WriteFile(flag, nil, 0o644)
		at(back, 8*time.Second, "flag back 8 s before")
	})
}

// parseRecorded reads testdata/NAME.conf as xvsd would here (/root/ is
// dir, veth0 is sa), checks its warnings against the recording's
// configuration messages and the dropped entries named, and returns it
// with the recording's phases (testdata/NAME.txt).
func parseRecorded(t *testing.T, name, dir string, dropped []string) (*Config, map[string][]string) {
	t.Helper()
	want := oraclePhases(t, "testdata/"+name+".txt")
	conf, err := os.ReadFile("testdata/" + name + ".conf")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(conf), "/root/", dir+"/"), "interface veth0", "interface sa")
	path := filepath.Join(dir, "keepalived.conf")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, warns, err := Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	checkScriptWarnings(t, want["configuration messages"], warns, dropped)
	return cfg, want
}

// checkScriptWarnings: every message keepalived gave about a line of the
// configuration has a warning of xvs's about that line, and the entries
// keepalived drops without saying where (a disabled script, an owner's
// weights, a sync group's) are warned about.
func checkScriptWarnings(t *testing.T, oracle []string, warns []Warning, dropped []string) {
	t.Helper()
	has := func(line int, sub string) bool {
		return slices.ContainsFunc(warns, func(w Warning) bool {
			return (line == 0 || w.Pos.Line == line) && strings.Contains(w.Error(), sub)
		})
	}
	for _, o := range oracle {
		var line int
		if _, err := fmt.Sscanf(o, "Line %d", &line); err == nil {
			if !has(line, "") {
				t.Errorf("keepalived: %q; xvs has no warning about line %d: %v", o, line, warns)
			}
		}
	}
	for _, d := range dropped {
		if !has(0, d) {
			t.Errorf("no warning %q: %v", d, warns)
		}
	}
}

// TestTrackFiles runs testdata/keepalived-files.conf (track_file in
// instances: weights, reverse, weight 0, -254 and below faulting, clamping,
// an address owner, entries keepalived ignores) with the numbers
// keepalived 2.2.7 was given and compares each instance's state and
// priority with its (testdata/keepalived-files.txt, oracle-files.sh). A
// faulted instance's priority is not compared: keepalived leaves a stale
// one in its dump, and a faulted instance sends no advert.
func TestTrackFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg, want := parseRecorded(t, "keepalived-files", dir, []string{
		"(VI_OWNER) ignoring weight from tracked file tf_neg due to address_owner. specify weight 0",
		"(VI_OWNER) ignoring tracked file tf_num with weight 2 due to address_owner"})
	setFiles := func(values ...string) {
		for i, v := range values {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d", i+1)), []byte(v+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	faultless := func(lines []string) []string {
		out := make([]string, len(lines))
		for i, l := range lines {
			if f := strings.Fields(l); len(f) == 4 && f[2] == "FAULT" {
				l = strings.Join(f[:3], " ")
			}
			out[i] = l
		}
		slices.Sort(out)
		return out
	}
	netnstest.Pair(t, func(enter func(int)) {
		enter(0)
		setFiles("5", "-3", "1", "0", "200")
		m := vrrp.NewManager(vrrp.Hooks{Logf: t.Logf, ReadFile: health.ReadTrackFile})
		defer m.Close()
		if err := m.Apply(cfg.VRRP.Instances, cfg.VRRP.Groups, vrrp.Trackers{Scripts: cfg.VRRP.Scripts, Processes: cfg.VRRP.Processes}); err != nil {
			t.Fatal(err)
		}
		check := func(wait time.Duration, phase string) {
			time.Sleep(wait)
			got, w := faultless(scriptsSnapshot(m)), faultless(want[phase])
			if len(w) == 0 {
				t.Fatalf("no recording of %q", phase)
			}
			if !slices.Equal(got, w) {
				t.Errorf("%s:\n got %s\nwant %s", phase, strings.Join(got, "\n     "), strings.Join(w, "\n     "))
			}
		}
		// The oracle's timeline: a dump, half a second, the next numbers.
		check(8*time.Second, "files 5 -3 1 0 200, 8 s after start")
		time.Sleep(500 * time.Millisecond)
		setFiles("0", "7", "0", "2", "1")
		check(2*time.Second, "files 0 7 0 2 1, 2 s after")
		time.Sleep(500 * time.Millisecond)
		setFiles("0x10", "-300", "abc", "0", "-130")
		check(2*time.Second, "files 0x10 -300 abc 0 -130, 2 s after")
	})
}

// trackedVeth makes vt0 (and its peer vt1), up, in the thread's namespace:
// the interface keepalived-scripts-group.conf tracks.
func trackedVeth(t *testing.T) {
	if err := netlink.LinkAdd(&netlink.Veth{LinkAttrs: netlink.LinkAttrs{Name: "vt0"}, PeerName: "vt1"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"vt0", "vt1"} {
		l, err := netlink.LinkByName(name)
		if err == nil {
			err = netlink.LinkSetUp(l)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for range 500 { // up and running once both ends are
		if ifi, err := net.InterfaceByName("vt0"); err == nil && ifi.Flags&net.FlagRunning != 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("vt0 is not running after 5 s")
}

// TestTrackProcesses runs testdata/keepalived-processes.conf
// (vrrp_track_process: comm and full command matches, exact, initial and
// partial parameters, quorum and quorum_max, weights, terminate_delay,
// entries keepalived ignores) while testdata/tproc processes come and go
// as they did for keepalived 2.2.7, and compares each instance's state and
// priority with its (testdata/keepalived-processes.txt,
// oracle-processes.sh).
func TestTrackProcesses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tproc := filepath.Join(dir, "tproc")
	if out, err := exec.Command("go", "build", "-o", tproc, "./testdata/tproc").CombinedOutput(); err != nil {
		t.Fatalf("build tproc: %v\n%s", err, out)
	}
	cfg, want := parseRecorded(t, "keepalived-processes", dir, nil)
	procs := map[string]*exec.Cmd{}
	run := func(args ...string) {
		for _, a := range args {
			c := exec.Command(tproc, a)
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			procs[a] = c
		}
	}
	stop := func(args ...string) {
		for _, a := range args {
			procs[a].Process.Kill()
			procs[a].Wait()
			delete(procs, a)
		}
	}
	t.Cleanup(func() {
		for a := range procs {
			stop(a)
		}
	})
	netnstest.Pair(t, func(enter func(int)) {
		enter(0)
		run("1001", "1002")
		m := vrrp.NewManager(vrrp.Hooks{Logf: t.Logf})
		defer m.Close()
		if err := m.Apply(cfg.VRRP.Instances, cfg.VRRP.Groups, vrrp.Trackers{Processes: cfg.VRRP.Processes}); err != nil {
			t.Fatal(err)
		}
		check := func(wait time.Duration, phase string) {
			time.Sleep(wait)
			got, w := scriptsSnapshot(m), slices.Sorted(slices.Values(want[phase]))
			if len(w) == 0 {
				t.Fatalf("no recording of %q", phase)
			}
			if !slices.Equal(got, w) {
				t.Errorf("%s:\n got %s\nwant %s", phase, strings.Join(got, "\n     "), strings.Join(w, "\n     "))
			}
		}
		// The oracle's timeline: each dump takes half a second.
		check(8*time.Second, "tproc 1001 1002, 8 s after start")
		time.Sleep(500 * time.Millisecond)
		run("1003", "2001", "2002")
		check(2*time.Second, "tproc 1001 1002 1003 2001 2002, 2 s after")
		time.Sleep(500 * time.Millisecond)
		stop("1001", "1002", "1003")
		check(1500*time.Millisecond, "tproc 2001 2002, 1.5 s after")
		time.Sleep(500 * time.Millisecond)
		check(3500*time.Millisecond, "tproc 2001 2002, 5.5 s after")
	})
}
