package keepalived

import (
	"bytes"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"regexp"
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
	return newServerIn(t, t.TempDir())
}

func newServerIn(t *testing.T, dir string) *server.Server {
	t.Helper()
	s, err := server.New(server.Config{StateDir: dir, SchedulerKnown: sched.Known, Logf: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func ipvsadmRun(t *testing.T, s *server.Server, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := ipvsadm.Run(append([]string{"ipvsadm"}, args...), nil, &out, &errb, serverClient{s}); code != 0 {
		t.Fatalf("ipvsadm %v: %d %s", args, code, errb.String())
	}
	return out.String()
}

// recording is what keepalived did with one testdata config: the table it
// programmed and what it reported.
type recording struct {
	table    []string
	messages []string
}

// oracle reads testdata/keepalived-oracle.txt (keepalived 2.2.7, kernel 6.1).
func oracle(t *testing.T) map[string]*recording {
	b, err := os.ReadFile("testdata/keepalived-oracle.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*recording{}
	var cur *recording
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(line, "=== "):
			cur = &recording{}
			out[strings.TrimPrefix(line, "=== ")] = cur
		case cur == nil:
		case strings.HasPrefix(line, "# ka| "):
			cur.messages = append(cur.messages, strings.TrimPrefix(line, "# ka| "))
		case line == "", strings.HasPrefix(line, "#"), strings.HasPrefix(line, "config-test"):
		default:
			cur.table = append(cur.table, line)
		}
	}
	return out
}

// startRunner runs a config without ever checking (the test addresses are
// not to be probed from here) and without its VRRP instances (their
// interfaces are the recorded sites', not this machine's).
func startRunner(t *testing.T, s *server.Server, path string) (*Runner, error) {
	return NewRunner(RunnerConfig{Path: path, To: s, Logf: t.Logf, Bootstrap: time.Hour, noVRRP: true})
}

func programmed(t *testing.T, s *server.Server) []string {
	got := strings.Split(strings.TrimSpace(ipvsadmRun(t, s, "-S", "-n")+ipvsadmRun(t, s, "-L", "-n", "--timeout")), "\n")
	slices.Sort(got)
	return got
}

// TestProgramsWhatKeepalivedPrograms: each testdata config gives the same
// ipvsadm -S -n (as a set: IPVS lists services in hash order) and the same
// timeouts as keepalived 2.2.7 on the real kernel, before any check ran.
func TestProgramsWhatKeepalivedPrograms(t *testing.T) {
	rec := oracle(t)
	for name, r := range rec {
		if strings.HasPrefix(name, "refused/") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			s := newServer(t)
			defer s.Close()
			run, err := startRunner(t, s, filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			defer run.Close()
			got := programmed(t, s)
			want := slices.Sorted(slices.Values(r.table))
			if !slices.Equal(got, want) {
				t.Errorf("programmed:\n%s\nkeepalived:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	if len(rec) < 20 {
		t.Errorf("only %d recorded configs", len(rec))
	}
}

var kaLine = regexp.MustCompile(`^\((?:(\S+): )?Line (\d+)\) `)

// kaPlaces are the file:line places keepalived's messages name.
func kaPlaces(name string, messages []string) []string {
	var out []string
	for _, m := range messages {
		if sub := kaLine.FindStringSubmatch(m); sub != nil {
			file := sub[1]
			if file == "" {
				file = name
			}
			out = append(out, filepath.Join("testdata", file)+":"+sub[2])
		}
	}
	return out
}

// TestRefusesWhatKeepalivedCannotRead: where keepalived logs that it cannot
// read a value and goes on with something else, xvs refuses the file, with
// the file and line keepalived names (or the line that made the service the
// kernel refused).
func TestRefusesWhatKeepalivedCannotRead(t *testing.T) {
	n := 0
	for name, r := range oracle(t) {
		if !strings.HasPrefix(name, "refused/") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			s := newServer(t)
			defer s.Close()
			run, err := startRunner(t, s, filepath.Join("testdata", name))
			if err == nil {
				run.Close()
				t.Fatalf("accepted; keepalived reported %q", r.messages)
			}
			if !regexp.MustCompile(regexp.QuoteMeta(filepath.Join("testdata", name)) + `:\d+: `).MatchString(err.Error()) {
				t.Errorf("error without file and line: %v", err)
			}
			if places := kaPlaces(name, r.messages); len(places) > 0 && !strings.Contains(err.Error(), places[0]+":") {
				t.Errorf("error %q, keepalived reported %s", err, places[0])
			}
			if out := ipvsadmRun(t, s, "-S", "-n"); out != "" {
				t.Errorf("a refused file programmed:\n%s", out)
			}
		})
	}
	if n < 10 {
		t.Errorf("only %d refused configs recorded", n)
	}
}

// TestWarnsWhereKeepalivedWarns: every file:line keepalived reports about
// an accepted config is a warning of xvs at the same place.
func TestWarnsWhereKeepalivedWarns(t *testing.T) {
	for name, r := range oracle(t) {
		if strings.HasPrefix(name, "refused/") {
			continue
		}
		places := kaPlaces(name, r.messages)
		if len(places) == 0 {
			continue
		}
		_, warns, err := Parse(filepath.Join("testdata", name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, p := range places {
			if !slices.ContainsFunc(warns, func(w Warning) bool { return w.Pos.String() == p }) {
				t.Errorf("%s: keepalived reports %s, xvs does not warn there: %v", name, p, warns)
			}
		}
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
// keywords, VRRP blocks and what keepalived corrects are warnings.
func TestErrorsAndWarnings(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ text, want string }{
		{"virtual_server 198.18.0.1 80 {\n lb_kind NAT\n real_server 198.18.0.11 80 {\n  weight x\n }\n}\n", "keepalived.conf:4: weight: invalid number \"x\""},
		{"virtual_server 198.18.0.1 80 {\n protocol ICMP\n}\n", "keepalived.conf:2: protocol"},
		{"virtual_server 198.18.0.1 80 {\n lb_kind TUN type gue\n}\n", "keepalived.conf:2: lb_kind: gue tunnels require a port"},
		{"virtual_server 198.18.0.999 80 {\n}\n", "keepalived.conf:1: virtual_server: invalid address"},
		{"virtual_server group NOPE {\n}\n", "virtual_server_group \"NOPE\" not defined"},
		{"include nothing-here.conf\n", "keepalived.conf:1: include:"},
		{"virtual_server 198.18.0.1 80 {\n delay_loop 0\n}\n", "keepalived.conf:2: delay_loop: invalid time"},
		{"virtual_server 198.18.0.1 80 {\n real_server 198.18.0.11 80 {\n  HTTP_GET {\n   url {\n    path /\n    regex ok\n   }\n  }\n }\n}\n", "keepalived.conf:6: url: regex is not supported"},
		{"~SEQ(i,1,3) virtual_server 198.18.0.$i 80 {\n", "keepalived.conf:1: ~SEQ is not supported"},
		{"virtual_server 198.18.0.1 80 {\n protocol TCP\n real_server 198.18.0.11 80 {\n }\n}\nvirtual_server 198.18.0.1 80 {\n protocol TCP\n real_server 198.18.0.12 80 {\n }\n}\n", "keepalived.conf:6: virtual server TCP 198.18.0.1:80: service TCP 198.18.0.1:80 is already made"},
	} {
		_, _, err := Parse(writeConf(t, dir, c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.text, err, c.want)
		}
	}
	_, warns, err := Parse(writeConf(t, dir, "vrrp_instance VI_1 {\n state MASTER\n}\nvirtual_server 198.18.0.1 80 {\n frobnicate 3\n protocol TCP\n real_server 198.18.0.11 80 {\n  FROB_CHECK {\n   x 1\n  }\n }\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warns {
		got = append(got, w.Pos.String())
	}
	// VRRP blocks are read last (they take global_defs wherever it stands).
	want := []string{dir + "/keepalived.conf:5", dir + "/keepalived.conf:8", dir + "/keepalived.conf:4", dir + "/keepalived.conf:4", dir + "/keepalived.conf:1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("warnings at %v, want %v: %v", got, want, warns)
	}
}

// TestReadsLikeKeepalived: comments, quotes, escapes, definitions and
// scripts as keepalived's read_line and its script parser read them.
func TestReadsLikeKeepalived(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`lb_algo rr# round robin`, `lb_algo rr`},
		{`lb_kind NAT!nat`, `lb_kind NAT`},
		{`virtualhost "a#b" # c`, `virtualhost "a#b"`},
		{`name a\#b`, `name a#b`},
		{`  weight 3  `, `weight 3`},
		{`real_server 198.18.1.2 \`, `real_server 198.18.1.2\`},
	} {
		if got, err := decomment(c.in); err != nil || got != c.want {
			t.Errorf("decomment(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	var words []string
	for _, w := range splitWords(`real_server "198.18.1.1" 80{ weight 2 }x"y"`) {
		words = append(words, w.text)
	}
	if got := strings.Join(words, "|"); got != `real_server|198.18.1.1|80|{|weight|2|}|x|y` {
		t.Errorf("words %s", got)
	}
	if got := scriptArgs(`notify_up "/bin/sh -c 'echo a  b >> f'" someuser`); !slices.Equal(got, []string{"/bin/sh", "-c", "echo a  b >> f"}) {
		t.Errorf("script %q", got)
	}
	if got := expandBraces("a/{x,y{1,2}}.conf"); !slices.Equal(got, []string{"a/x.conf", "a/y1.conf", "a/y2.conf"}) {
		t.Errorf("braces %q", got)
	}
}

// TestBrokenReloadChangesNothing: a reload with an invalid file keeps the
// running table; a valid one applies only the difference.
func TestBrokenReloadChangesNothing(t *testing.T) {
	dir := t.TempDir()
	s := newServer(t)
	defer s.Close()
	path := writeConf(t, dir, "virtual_server 198.18.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 198.18.0.11 80 {\n weight 2\n }\n}\n")
	r, err := startRunner(t, s, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	before := ipvsadmRun(t, s, "-S", "-n")
	for _, broken := range []string{
		"virtual_server 198.18.0.1 80 {\n lb_algo nosuch\n}\n",
		"virtual_server 198.18.0.1 80 {\n lb_algo rr\n real_server 198.18.0.11 80 {\n weight -1\n }\n}\n",
		"virtual_server 198.18.0.1 80 {\n protocol UDP\n persistence_timeout 5\n persistence_engine nosuch\n real_server 198.18.0.11 80 {\n }\n}\n",
	} {
		writeConf(t, dir, broken)
		if _, err := r.Reload(); err == nil {
			t.Fatalf("reload of %q accepted", broken)
		}
	}
	if after := ipvsadmRun(t, s, "-S", "-n"); after != before {
		t.Fatalf("broken reloads changed the table:\n%s\nwas\n%s", after, before)
	}
	writeConf(t, dir, "virtual_server 198.18.0.1 80 {\n lb_algo rr\n lb_kind NAT\n protocol TCP\n real_server 198.18.0.11 80 {\n weight 2\n }\n real_server 198.18.0.12 80 {\n weight 1\n }\n}\n")
	if _, err := r.Reload(); err != nil {
		t.Fatal(err)
	}
	if after := ipvsadmRun(t, s, "-S", "-n"); !strings.Contains(after, "198.18.0.12:80") || !strings.Contains(after, "198.18.0.11:80 -m -w 2") {
		t.Fatalf("reload did not add the new real server:\n%s", after)
	}
}

// TestOmega: on shutdown, omega runs the notify_down scripts of live real
// servers and quorum_down.
func TestOmega(t *testing.T) {
	dir := t.TempDir()
	s := newServer(t)
	defer s.Close()
	mark := filepath.Join(dir, "ran")
	path := writeConf(t, dir, "virtual_server 198.18.0.1 80 {\n omega\n protocol TCP\n quorum_down \"/bin/sh -c 'echo q >> "+mark+"'\"\n"+
		" real_server 198.18.0.11 80 {\n  notify_down \"/bin/sh -c 'echo rs >> "+mark+"'\"\n }\n}\n")
	r, err := startRunner(t, s, path)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	got, _ := os.ReadFile(mark)
	if string(got) != "rs\nq\n" {
		t.Errorf("scripts on shutdown wrote %q, want notify_down then quorum_down", got)
	}
}

// TestRestartForgetsRemovedServices: a virtual_server removed from the file
// while xvsd was stopped is removed at the next start (keepalived removes
// its services when it stops; xvsd keeps them so that a restart loses no
// connection, and remembers which are the file's); a service added by hand
// stays.
func TestRestartForgetsRemovedServices(t *testing.T) {
	dir, state := t.TempDir(), t.TempDir()
	owned := filepath.Join(state, "keepalived-services.json")
	both := "virtual_server 198.18.0.30 80 {\n protocol TCP\n real_server 198.18.1.1 80 {\n }\n}\nvirtual_server 198.18.0.31 80 {\n protocol TCP\n real_server 198.18.1.2 80 {\n }\n}\n"
	path := writeConf(t, dir, both)
	start := func() (*server.Server, *Runner) {
		s := newServerIn(t, state)
		r, err := NewRunner(RunnerConfig{Path: path, To: s, Logf: t.Logf, OwnedFile: owned, Bootstrap: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		return s, r
	}
	s, r := start()
	ipvsadmRun(t, s, "-A", "-t", "198.18.0.40:80", "-s", "rr")
	r.Close()
	s.Close()
	writeConf(t, dir, both[:strings.Index(both, "virtual_server 198.18.0.31")])
	s, r = start()
	defer s.Close()
	defer r.Close()
	out := ipvsadmRun(t, s, "-S", "-n")
	if strings.Contains(out, "198.18.0.31") || !strings.Contains(out, "198.18.0.30") || !strings.Contains(out, "198.18.0.40") {
		t.Errorf("after a restart with 198.18.0.31 removed from the file:\n%s", out)
	}
	os.WriteFile(owned, []byte("{"), 0o600)
	if _, err := NewRunner(RunnerConfig{Path: path, To: s, OwnedFile: owned, Bootstrap: time.Hour}); err == nil || !strings.Contains(err.Error(), owned) {
		t.Errorf("a corrupt list of the file's services: %v", err)
	}
}

// TestGroupHasOneCheckerPerRealServer: a virtual server for a group of ten
// addresses checks each of its two real servers once, as keepalived does,
// not once per address.
func TestGroupHasOneCheckerPerRealServer(t *testing.T) {
	s := newServer(t)
	defer s.Close()
	path := writeConf(t, t.TempDir(), "virtual_server_group WEB {\n 198.18.0.120-129 80\n}\nvirtual_server group WEB {\n lb_algo rr\n lb_kind DR\n protocol TCP\n"+
		" real_server 198.18.1.1 80 {\n  TCP_CHECK {\n  }\n }\n real_server 198.18.1.2 80 {\n  TCP_CHECK {\n  }\n }\n}\n")
	r, err := startRunner(t, s, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n := strings.Count(ipvsadmRun(t, s, "-S", "-n"), "-a -t"); n != 20 {
		t.Errorf("%d destinations programmed, want 10 addresses x 2 servers", n)
	}
	var checks []string
	for _, st := range r.Status() {
		checks = append(checks, st.Service+" "+st.Server)
	}
	if want := []string{"TCP group WEB 198.18.1.1:80", "TCP group WEB 198.18.1.2:80"}; !slices.Equal(checks, want) {
		t.Errorf("checkers %q, want %q", checks, want)
	}
}

// TestSMTPHostBlocks: keepalived 2.2.7 still runs the deprecated SMTP_CHECK
// host blocks of its own sample: each host is one more checker with the
// checker's settings; the checker keeps its own connection when one is
// written in it (else it takes the first host's).
func TestSMTPHostBlocks(t *testing.T) {
	conf, warns, err := Parse("testdata/samples/SMTP_CHECK.conf")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, rs := range conf.Services[0].RealServers {
		for _, c := range rs.Checks {
			s := fmt.Sprintf("%s %s:%d %v helo=%s retry=%d", rs.Addr, c.Conn.Addr, c.Conn.Port, c.Conn.Timeout, c.Helo, c.Retry)
			if c.Conn.BindTo.IsValid() {
				s += " from " + c.Conn.BindTo.String()
			}
			got = append(got, s)
		}
	}
	want := []string{
		"198.19.16.10 198.19.16.10:25 30s helo=foo.bar.com retry=2",
		"198.19.16.11 198.19.16.11:25 10s helo=foo.bar.com retry=2",
		"198.19.16.11 198.19.16.11:25 5s helo=foo.bar.com retry=2",
		"198.19.16.11 198.18.155.10:25 5s helo=foo.bar.com retry=2",
		"198.19.16.11 198.19.167.99:25 5s helo=foo.bar.com retry=2",
		"198.19.16.12 198.19.16.12:25 10s helo=foo.bar.com retry=2",
		"198.19.16.12 198.19.16.12:25 5s helo=foo.bar.com retry=2 from 198.19.16.2",
		"198.19.16.12 198.18.155.11:25 5s helo=foo.bar.com retry=2 from 198.18.155.2",
		"198.19.16.12 198.19.167.100:587 5s helo=foo.bar.com retry=2",
	}
	if !slices.Equal(got, want) {
		t.Errorf("checkers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(warns) != 6 {
		t.Errorf("warnings %v, want one per host block", warns)
	}
	// Without a connection of its own the checker is the first host.
	conf, _, err = Parse(writeConf(t, t.TempDir(), "virtual_server 198.18.0.1 25 {\n protocol TCP\n real_server 198.18.0.11 25 {\n"+
		"  SMTP_CHECK {\n   retry 4\n   host {\n    connect_ip 198.18.0.21\n   }\n   host {\n    connect_port 587\n    delay_before_retry 7\n   }\n  }\n }\n}\n"))
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, c := range conf.Services[0].RealServers[0].Checks {
		got = append(got, fmt.Sprintf("%s:%d %v %d %v", c.Conn.Addr, c.Conn.Port, c.Conn.Timeout, c.Retry, c.DelayBeforeRetry))
	}
	if want := []string{"198.18.0.21:25 5s 4 7s", "198.18.0.11:587 5s 4 7s"}; !slices.Equal(got, want) {
		t.Errorf("checkers %q, want %q", got, want)
	}
}

// TestDisablesQuorumScriptsItCannotRun: keepalived's quorum sample names
// scripts that do not exist; keepalived disables them, as it does notify
// scripts.
func TestDisablesQuorumScriptsItCannotRun(t *testing.T) {
	conf, warns, err := Parse("testdata/samples/quorum.conf")
	if err != nil {
		t.Fatal(err)
	}
	vs := conf.Services[0]
	var at []string
	for _, w := range warns {
		at = append(at, w.Pos.String())
	}
	if vs.QuorumUp != nil || vs.QuorumDown != nil || !slices.Equal(at, []string{"testdata/samples/quorum.conf:34", "testdata/samples/quorum.conf:35"}) {
		t.Errorf("quorum scripts %q %q, warnings %v", vs.QuorumUp, vs.QuorumDown, warns)
	}
}

// TestScriptSecurityWithoutUser: with enable_script_security and no
// script_user keepalived runs scripts as keepalived_script; without such a
// user it removes every MISC_CHECK that names no user of its own (recorded
// in samples/site-fwmark.conf). A script_user that does not exist does the
// same with or without script security.
func TestScriptSecurityWithoutUser(t *testing.T) {
	if _, err := user.Lookup("keepalived_script"); err == nil {
		t.Skip("this machine has a keepalived_script user")
	}
	dir := t.TempDir()
	vs := "virtual_server 198.18.0.1 80 {\n protocol TCP\n real_server 198.18.0.11 80 {\n  MISC_CHECK {\n   misc_path /bin/true\n  }\n }\n}\n"
	for _, c := range []struct {
		globals string
		checks  int
	}{
		{"", 1},
		{"global_defs {\n enable_script_security\n}\n", 0},
		{"global_defs {\n enable_script_security\n script_user root\n}\n", 1},
		{"global_defs {\n script_user nosuchuser-xvs\n}\n", 0},
		{"global_defs {\n script_user root\n}\n", 1},
	} {
		conf, _, err := Parse(writeConf(t, dir, c.globals+vs))
		if err != nil {
			t.Fatal(err)
		}
		if n := len(conf.Services[0].RealServers[0].Checks); n != c.checks {
			t.Errorf("%q: %d checkers, want %d", c.globals, n, c.checks)
		}
	}
	// Notify scripts: the user written after the script, else the default
	// (global_defs counts from where it is written, as in keepalived).
	sec := "global_defs {\n enable_script_security\n}\n"
	for _, c := range []struct {
		before, script, after string
		kept                  bool
	}{
		{"", "/bin/true", "", true},
		{"", "/bin/true nosuchuser-xvs", "", false},
		{"", "/bin/true root", "", true},
		{"", "/bin/true", sec, true},
		{sec, "/bin/true", "", false},
		{sec, "/bin/true root", "", true},
	} {
		text := c.before + "virtual_server 198.18.0.1 80 {\n real_server 198.18.0.11 80 {\n  notify_up " + c.script + "\n }\n}\n" + c.after
		conf, _, err := Parse(writeConf(t, dir, text))
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if rs := conf.Services[0].RealServers[0]; (rs.NotifyUp != nil) != c.kept {
			t.Errorf("%q: notify_up %q, want kept %v", text, rs.NotifyUp, c.kept)
		}
	}
}
