package keepalived

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"xvs/internal/api"
	"xvs/internal/ipvsadm"
	"xvs/internal/sched"
	"xvs/internal/server"
)

type serverClient struct{ s *server.Server }

func (c serverClient) Call(req api.Request) (*api.Response, error) {
	r := c.s.Handle(req)
	return &r, nil
}

func newServer(t *testing.T) *server.Server {
	s, err := server.New(server.Config{StateDir: t.TempDir(), SchedulerKnown: sched.Known, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func ipvsadmRun(t *testing.T, s *server.Server, args ...string) string {
	var out, errb bytes.Buffer
	if code := ipvsadm.Run(append([]string{"ipvsadm"}, args...), nil, &out, &errb, serverClient{s}); code != 0 {
		t.Fatalf("ipvsadm %v: %d %s", args, code, errb.String())
	}
	return out.String()
}

// oracle reads what keepalived 2.2.7 programmed for each config.
func oracle(t *testing.T) map[string][]string {
	b, err := os.ReadFile("testdata/keepalived-oracle.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	cur := ""
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			cur = strings.TrimPrefix(line, "=== ")
		case line == "", strings.HasPrefix(line, "#"), strings.HasPrefix(line, "config-test"):
		default:
			out[cur] = append(out[cur], line)
		}
	}
	return out
}

// TestProgramsWhatKeepalivedPrograms: each testdata config gives the same
// ipvsadm -S -n (as a set: IPVS lists services in hash order) and the same
// timeouts as keepalived 2.2.7 on the real kernel.
func TestProgramsWhatKeepalivedPrograms(t *testing.T) {
	want := oracle(t)
	for _, name := range []string{"basic.conf", "dr-tun.conf", "groups.conf"} {
		t.Run(name, func(t *testing.T) {
			s := newServer(t)
			defer s.Close()
			r, err := NewRunner(filepath.Join("testdata", name), s, t.Logf)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			got := strings.Split(strings.TrimSpace(ipvsadmRun(t, s, "-S", "-n")+ipvsadmRun(t, s, "-L", "-n", "--timeout")), "\n")
			w := slices.Clone(want[name])
			slices.Sort(got)
			slices.Sort(w)
			if !slices.Equal(got, w) {
				t.Errorf("programmed:\n%s\nkeepalived:\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
			}
		})
	}
}

func writeConf(t *testing.T, dir, text string) string {
	p := filepath.Join(dir, "keepalived.conf")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestErrorsAndWarnings: bad values are errors with file and line, unknown
// keywords and VRRP blocks are warnings.
func TestErrorsAndWarnings(t *testing.T) {
	dir := t.TempDir()
	for text, want := range map[string]string{
		"virtual_server 198.18.0.1 80 {\n lb_kind NAT\n real_server 198.18.0.11 80 {\n  weight x\n }\n}\n": "keepalived.conf:4: weight: invalid value \"x\"",
		"virtual_server 198.18.0.1 80 {\n protocol ICMP\n}\n":                                              "keepalived.conf:2: protocol",
		"virtual_server 198.18.0.1 80 {\n lb_kind TUN type gue\n}\n":                                       "keepalived.conf:2: TUN type gue needs a port",
		"virtual_server 198.18.0.999 80 {\n}\n":                                                            "keepalived.conf:1: invalid address",
		"virtual_server 198.18.0.1 80 {\n":                                                                 "keepalived.conf:1: block of",
		"virtual_server group NOPE {\n}\n":                                                                 "virtual_server_group \"NOPE\" not defined",
		"include nothing-here.conf\n":                                                                      "no such file",
	} {
		_, _, err := Parse(writeConf(t, dir, text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", text, err, want)
		}
	}
	_, warns, err := Parse(writeConf(t, dir, "vrrp_instance VI_1 {\n state MASTER\n}\nvirtual_server 198.18.0.1 80 {\n frobnicate 3\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) != 2 || !strings.Contains(warns[0].Error(), "keepalived.conf:1: vrrp_instance") || !strings.Contains(warns[1].Error(), "keepalived.conf:5") {
		t.Errorf("warnings: %v", warns)
	}
}

// TestBrokenReloadChangesNothing: a reload with an invalid file keeps the
// running table; a valid one applies only the difference.
func TestBrokenReloadChangesNothing(t *testing.T) {
	dir := t.TempDir()
	s := newServer(t)
	defer s.Close()
	path := writeConf(t, dir, "virtual_server 198.18.0.1 80 {\n lb_algo rr\n lb_kind NAT\n real_server 198.18.0.11 80 {\n weight 2\n }\n}\n")
	r, err := NewRunner(path, s, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	before := ipvsadmRun(t, s, "-S", "-n")
	writeConf(t, dir, "virtual_server 198.18.0.1 80 {\n lb_algo nosuch\n}\n")
	if _, err := r.Reload(); err == nil {
		t.Fatal("reload of an unknown scheduler accepted")
	}
	writeConf(t, dir, "virtual_server 198.18.0.1 80 {\n lb_algo rr\n")
	if _, err := r.Reload(); err == nil {
		t.Fatal("reload of an unclosed block accepted")
	}
	if after := ipvsadmRun(t, s, "-S", "-n"); after != before {
		t.Fatalf("broken reloads changed the table:\n%s\nwas\n%s", after, before)
	}
	writeConf(t, dir, "virtual_server 198.18.0.1 80 {\n lb_algo rr\n lb_kind NAT\n real_server 198.18.0.11 80 {\n weight 2\n }\n real_server 198.18.0.12 80 {\n weight 1\n }\n}\n")
	if _, err := r.Reload(); err != nil {
		t.Fatal(err)
	}
	if after := ipvsadmRun(t, s, "-S", "-n"); !strings.Contains(after, "198.18.0.12:80") || !strings.Contains(after, "198.18.0.11:80 -m -w 2") {
		t.Fatalf("reload did not add the new real server:\n%s", after)
	}
	_ = time.Second
}

// TestOmega: on shutdown, omega runs the notify_down scripts of live real
// servers and quorum_down.
func TestOmega(t *testing.T) {
	dir := t.TempDir()
	s := newServer(t)
	defer s.Close()
	mark := filepath.Join(dir, "ran")
	path := writeConf(t, dir, "virtual_server 198.18.0.1 80 {\n omega\n quorum_down \"/bin/sh -c 'echo q >> "+mark+"'\"\n"+
		" real_server 198.18.0.11 80 {\n  notify_down \"/bin/sh -c 'echo rs >> "+mark+"'\"\n }\n}\n")
	r, err := NewRunner(path, s, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	got, _ := os.ReadFile(mark)
	if string(got) != "rs\nq\n" {
		t.Errorf("scripts on shutdown wrote %q, want notify_down then quorum_down", got)
	}
}
