package health

import (
	"bufio"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func conn(t *testing.T, addr net.Addr) Conn {
	t.Helper()
	ap := netip.MustParseAddrPort(addr.String())
	return Conn{Addr: ap.Addr(), Port: ap.Port(), Timeout: time.Second}
}

// httpServer answers GET with "hello" and the status its path names
// (/404 -> 404), and records the request lines and Host headers it got.
func httpServer(t *testing.T) (net.Addr, func() []string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var mu sync.Mutex
	var seen []string
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				r := bufio.NewReader(c)
				line, _ := r.ReadString('\n')
				host := ""
				for {
					h, err := r.ReadString('\n')
					if err != nil || h == "\r\n" {
						break
					}
					if v, ok := strings.CutPrefix(h, "Host: "); ok {
						host = strings.TrimSpace(v)
					}
				}
				mu.Lock()
				seen = append(seen, strings.TrimSpace(line)+" host="+host)
				mu.Unlock()
				code := 200
				fmt.Sscanf(strings.Fields(line)[1], "/%d", &code)
				fmt.Fprintf(c, "HTTP/1.0 %d X\r\nContent-Length: 5\r\n\r\nhello", code)
			}()
		}
	}()
	return l.Addr(), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), seen...)
	}
}

func codes(lo, hi int) StatusCodes {
	var s StatusCodes
	s.Add(lo, hi)
	return s
}

// TestHTTPGet: status codes from a set, the body's MD5, keepalived's
// request line and Host header.
func TestHTTPGet(t *testing.T) {
	addr, seen := httpServer(t)
	sum := md5.Sum([]byte("hello"))
	good := hex.EncodeToString(sum[:])
	for _, c := range []struct {
		url URL
		ok  bool
	}{
		{URL{Path: "/", Codes: codes(200, 299)}, true},
		{URL{Path: "/301", Codes: codes(200, 299)}, false},
		{URL{Path: "/301", Codes: func() StatusCodes { s := codes(200, 299); s.Add(301, 301); return s }()}, true},
		{URL{Path: "/", Codes: codes(200, 200), Digest: good}, true},
		{URL{Path: "/", Codes: codes(200, 200), Digest: "00000000000000000000000000000000"}, false},
		{URL{Path: "/404", Codes: codes(404, 404), Host: "vh.example"}, true},
	} {
		ch := Check{Kind: HTTP, Conn: conn(t, addr), URLs: []URL{c.url}, HTTPProtocol: "1.0"}
		if r := Probe(context.Background(), &ch, 0); (r.Err == nil) != c.ok {
			t.Errorf("HTTP_GET %+v: %v, want ok=%v", c.url, r.Err, c.ok)
		}
	}
	got := seen()
	if want := "GET / HTTP/1.0 host=" + addr.String(); got[0] != want {
		t.Errorf("first request %q, want %q", got[0], want)
	}
	if last := got[len(got)-1]; last != "GET /404 HTTP/1.0 host=vh.example" {
		t.Errorf("request with a virtualhost: %q", last)
	}
}

// udpServer answers every datagram with reply and records what it got.
func udpServer(t *testing.T, reply []byte) (net.Addr, func() [][]byte) {
	u, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	var mu sync.Mutex
	var got [][]byte
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := u.ReadFrom(buf)
			if err != nil {
				return
			}
			mu.Lock()
			got = append(got, append([]byte(nil), buf[:n]...))
			mu.Unlock()
			if reply != nil {
				u.WriteTo(reply, from)
			}
		}
	}()
	return u.LocalAddr(), func() [][]byte {
		mu.Lock()
		defer mu.Unlock()
		return got
	}
}

// TestUDPCheck: keepalived's filler payload, reply data with wildcard
// nibbles, reply lengths only with reply data, silence, port unreachable.
func TestUDPCheck(t *testing.T) {
	addr, got := udpServer(t, []byte{0x0a, 0x7f})
	silent, _ := udpServer(t, nil)
	closed, _ := net.ListenPacket("udp", "127.0.0.1:0")
	closedAddr := closed.LocalAddr().String()
	for _, c := range []struct {
		name string
		ch   Check
		ok   bool
	}{
		{"filler payload, no reply needed", Check{}, true},
		{"reply with a wildcard nibble", Check{RequireReply: true, Reply: []byte{0x00, 0x7f}, ReplyMask: []byte{0x0f, 0}, MaxReply: 255}, true},
		{"other reply", Check{RequireReply: true, Reply: []byte{0x7f}, MaxReply: 255}, false},
		{"any reply; lengths not checked without data", Check{RequireReply: true, MinReply: 5, MaxReply: 255}, true},
		{"reply longer than max_reply_length", Check{RequireReply: true, Reply: []byte{0x0a}, MaxReply: 1}, false},
	} {
		c.ch.Kind, c.ch.Conn = UDP, conn(t, addr)
		c.ch.Conn.Timeout = 300 * time.Millisecond
		if r := Probe(context.Background(), &c.ch, 0); (r.Err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", c.name, r.Err, c.ok)
		}
	}
	if first := got()[0]; string(first) != "keepalived check - keepalived ch" {
		t.Errorf("default payload %q", first)
	}
	quiet := Check{Kind: UDP, Conn: conn(t, silent)}
	quiet.Conn.Timeout = 200 * time.Millisecond
	if r := Probe(context.Background(), &quiet, 0); r.Err != nil {
		t.Errorf("silence without require_reply failed: %v", r.Err)
	}
	quiet.RequireReply = true
	if r := Probe(context.Background(), &quiet, 0); r.Err == nil {
		t.Error("silence with require_reply passed")
	}
	closed.Close()
	unreach := Check{Kind: UDP, Conn: conn(t, netAddr(t, "udp", closedAddr))}
	if r := Probe(context.Background(), &unreach, 0); r.Err == nil {
		t.Error("port unreachable passed")
	}
}

func netAddr(t *testing.T, network, s string) net.Addr {
	a, err := net.ResolveUDPAddr(network, s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// dnsServer answers every query with rcode and records the query types.
func dnsServer(t *testing.T, rcode byte) (net.Addr, func() []uint16) {
	u, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	var mu sync.Mutex
	var types []uint16
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := u.ReadFrom(buf)
			if err != nil {
				return
			}
			mu.Lock()
			types = append(types, uint16(buf[n-4])<<8|uint16(buf[n-3]))
			mu.Unlock()
			resp := append([]byte(nil), buf[:n]...)
			resp[2] |= 0x80
			resp[3] = resp[3]&0xf0 | rcode
			u.WriteTo(resp, from)
		}
	}()
	return u.LocalAddr(), func() []uint16 {
		mu.Lock()
		defer mu.Unlock()
		return types
	}
}

// TestDNSCheck: rcode 0 passes, any other fails (NXDOMAIN too).
func TestDNSCheck(t *testing.T) {
	for _, rc := range []byte{0, 2, 3, 5} {
		addr, types := dnsServer(t, rc)
		ch := Check{Kind: DNS, Conn: conn(t, addr), DNSType: DNSTypes["SOA"], DNSName: "."}
		if r := Probe(context.Background(), &ch, 0); (r.Err == nil) != (rc == 0) {
			t.Errorf("rcode %d: %v", rc, r.Err)
		}
		if got := types(); len(got) != 1 || got[0] != 6 {
			t.Errorf("query types %v, want one SOA (6)", got)
		}
	}
}

// TestMiscCheck: the exit status is the result; a script past its timeout
// is terminated.
func TestMiscCheck(t *testing.T) {
	for code := range []int{0, 1, 7} {
		ch := Check{Kind: Misc, Script: []string{"/bin/sh", "-c", fmt.Sprintf("exit %d", code)}, Timeout: 5 * time.Second}
		if r := Probe(context.Background(), &ch, 0); r.Code != int64(code) || (r.Err == nil) != (code == 0) {
			t.Errorf("exit %d: code %d err %v", code, r.Code, r.Err)
		}
	}
	ch := Check{Kind: Misc, Script: []string{"/bin/sh", "-c", "sleep 5"}, Timeout: 100 * time.Millisecond}
	start := time.Now()
	if r := Probe(context.Background(), &ch, 0); r.Err == nil || time.Since(start) > 3*time.Second {
		t.Errorf("a script past misc_timeout: %v after %v", r.Err, time.Since(start))
	}
}

// smtpServer greets with banner and records the lines it got.
func smtpServer(t *testing.T, banner string) (net.Addr, func() []string) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	var mu sync.Mutex
	var lines []string
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			fmt.Fprint(c, banner)
			sc := bufio.NewScanner(c)
			for sc.Scan() {
				mu.Lock()
				lines = append(lines, sc.Text())
				mu.Unlock()
				fmt.Fprint(c, map[bool]string{true: "221 bye\r\n", false: "250 hi\r\n"}[sc.Text() == "QUIT"])
			}
			c.Close()
		}
	}()
	return l.Addr(), func() []string {
		mu.Lock()
		defer mu.Unlock()
		return lines
	}
}

// TestSMTPCheck: greeting 220, HELO answered 250, QUIT; a "220-" greeting is
// a bad banner to keepalived.
func TestSMTPCheck(t *testing.T) {
	for _, c := range []struct {
		banner string
		ok     bool
	}{{"220 ready\r\n", true}, {"220-first\r\n220 ready\r\n", false}, {"554 no\r\n", false}} {
		addr, lines := smtpServer(t, c.banner)
		ch := Check{Kind: SMTP, Conn: conn(t, addr), Helo: "smtpchecker.keepalived.org"}
		if r := Probe(context.Background(), &ch, 0); (r.Err == nil) != c.ok {
			t.Errorf("banner %q: %v", c.banner, r.Err)
		}
		if c.ok && strings.Join(lines(), "|") != "HELO smtpchecker.keepalived.org|QUIT" {
			t.Errorf("conversation %q", lines())
		}
	}
}

// TestTrackFileNumbers: the number at the start of the file, as C's strtol
// with base 0; anything else is 0.
func TestTrackFileNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	for text, want := range map[string]int64{"5\n": 5, " -12 x": -12, "0x1f": 31, "010": 8, "": 0, "abc": 0, "+3": 3} {
		os.WriteFile(path, []byte(text), 0o644)
		if got := readTrackFile(path); got != want {
			t.Errorf("%q read as %d, want %d", text, got, want)
		}
	}
	if got := readTrackFile(path + "-missing"); got != 0 {
		t.Errorf("a missing file read as %d", got)
	}
}

// TestJudgeRules: keepalived's epilogs, result by result: the state after
// each probe and when the next one runs ("L" delay_loop, "R"
// delay_before_retry).
func TestJudgeRules(t *testing.T) {
	for _, c := range []struct {
		name    string
		kind    Kind
		retry   int
		fresh   bool // at keepalived's start: one failure is enough
		results string
		want    string // per result: u/d and L/R
	}{
		{"TCP at start: first failure is final", TCP, 2, true, "f", "dL"},
		{"TCP: retry 2 means the third failure", TCP, 2, false, "sfff", "uL uR uR dL"},
		{"TCP retries while down, then comes up on one success", TCP, 1, true, "fffs", "dL dR dL uL"},
		{"UDP retries only while up", UDP, 1, false, "sffff", "uL uR dL dL dL"},
		{"DNS (retry 3)", DNS, 3, false, "sffffs", "uL uR uR uR dL uL"},
		{"MISC retry 0", Misc, 0, true, "sfs", "uL dL uL"},
		{"SMTP retries within the round, also at start", SMTP, 1, true, "ffsff", "uR dL uL uR dL"},
		{"HTTP comes back after two passes in a row", HTTP, 0, true, "sfss", "uL dL dL uL"},
		{"HTTP retry 1", HTTP, 1, false, "sffs", "uL uR dL dL"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := Check{Kind: c.kind, Retry: c.retry, DelayLoop: 10 * time.Second, DelayBeforeRetry: time.Second,
				URLs: []URL{{Path: "/"}}}
			s := &server{spec: Server{Weight: 1}}
			ch := &checker{srv: s, cfg: cfg, up: true, failedURL: -1}
			s.checks = []*checker{ch}
			if c.fresh {
				ch.startFresh()
			}
			var got []string
			for _, r := range c.results {
				res := Result{}
				if r == 'f' {
					res = Result{Err: fmt.Errorf("failed"), Code: 1}
				}
				d := ch.judge(res, t.Logf)
				got = append(got, map[bool]string{true: "u", false: "d"}[ch.up]+map[time.Duration]string{cfg.DelayLoop: "L", cfg.DelayBeforeRetry: "R"}[d])
			}
			if g := strings.Join(got, " "); g != c.want {
				t.Errorf("results %s: %s, want %s", c.results, g, c.want)
			}
		})
	}
}

// TestFileCheckWeights: weight 0 fails on a non-zero number; otherwise the
// number times the weight (negated with reverse) is added to the weight.
func TestFileCheckWeights(t *testing.T) {
	for _, c := range []struct {
		weight  int64
		reverse bool
		value   int64
		up      bool
		w       int32
	}{
		{0, false, 0, true, 10}, {0, false, 1, false, 10}, {0, true, 0, false, 10}, {0, true, 3, true, 10},
		{1, false, 5, true, 15}, {1, false, -4, true, 6}, {2, true, 3, true, 4}, {1, false, -20, true, 0},
	} {
		s := &server{spec: Server{Weight: 10}}
		ch := &checker{srv: s, cfg: Check{Kind: File, FileWeight: c.weight, FileReverse: c.reverse}, up: true}
		s.checks = []*checker{ch}
		ch.judgeFile(c.value, t.Logf)
		if s.alive() != c.up || (c.up && s.weight() != c.w) {
			t.Errorf("%+v: up %v weight %d", c, s.alive(), s.weight())
		}
	}
}

func waitFor(t *testing.T, what string, timeout time.Duration, f func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !f() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, timeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestDynamicWeightIsReported: a misc_dynamic weight change is a change
// (keepalived programs it at once), not only up and down.
func TestDynamicWeightIsReported(t *testing.T) {
	dir := t.TempDir()
	codeFile := filepath.Join(dir, "code")
	os.WriteFile(codeFile, []byte("5"), 0o644)
	var changes atomic.Int32
	m := NewManager(Options{Bootstrap: time.Millisecond, OnChange: func(Target) { changes.Add(1) }, Logf: t.Logf})
	defer m.Close()
	tg := Target{"svc", "rs"}
	ch := Check{Kind: Misc, Script: []string{"/bin/sh", "-c", "exit $(cat " + codeFile + ")"}, Dynamic: true,
		Timeout: 5 * time.Second, DelayLoop: 50 * time.Millisecond, DelayBeforeRetry: 50 * time.Millisecond}
	if err := m.Replace([]Server{{Target: tg, Weight: 10, Checks: []Check{ch}}}, func(View) error { return nil }); err != nil {
		t.Fatal(err)
	}
	weight := func(w int32) func() bool {
		return func() bool { up, got, _ := m.Up(tg); return up && got == w }
	}
	waitFor(t, "weight 3 (exit 5)", 3*time.Second, weight(3))
	waitFor(t, "a change reported", time.Second, func() bool { return changes.Load() > 0 })
	n := changes.Load()
	os.WriteFile(codeFile, []byte("0"), 0o644)
	waitFor(t, "weight 10 again (exit 0)", 3*time.Second, weight(10))
	waitFor(t, "the second change reported", time.Second, func() bool { return changes.Load() > n })
}

// TestReplaceKeepsState: keepalived's reload rules. A checker equal to the
// old one (only delay_loop differs) keeps a dead server dead; a changed
// checker (connect_timeout) makes a new one, and the server is up again
// until it runs; a server new in the reload with alpha starts down.
func TestReplaceKeepsState(t *testing.T) {
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	deadAddr := dead.Addr()
	dead.Close()
	m := NewManager(Options{Bootstrap: time.Millisecond, Logf: t.Logf})
	defer m.Close()
	tcp := Check{Kind: TCP, Conn: conn(t, deadAddr), DelayLoop: 20 * time.Millisecond, DelayBeforeRetry: 20 * time.Millisecond}
	a, b := Target{"svc", "a"}, Target{"svc", "b"}
	none := func(View) error { return nil }
	m.Replace([]Server{{Target: a, Checks: []Check{tcp}}, {Target: b, Checks: []Check{tcp}}}, none)
	waitFor(t, "both dead servers down", 3*time.Second, func() bool {
		upA, _, _ := m.Up(a)
		upB, _, _ := m.Up(b)
		return !upA && !upB
	})
	slower := tcp
	slower.DelayLoop = time.Hour
	longer := tcp
	longer.Conn.Timeout = 2 * time.Second
	longer.DelayLoop = time.Hour
	alpha := slower
	alpha.Alpha = true
	c := Target{"svc", "c"}
	var seen map[Target]bool
	err := m.Replace([]Server{{Target: a, Checks: []Check{slower}}, {Target: b, Checks: []Check{longer}}, {Target: c, Checks: []Check{alpha}}},
		func(v View) error {
			seen = map[Target]bool{}
			for _, t := range []Target{a, b, c} {
				seen[t], _, _ = v.Up(t)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if seen[a] || !seen[b] || seen[c] {
		t.Errorf("after the reload: a (same checker) up=%v, b (other connect_timeout) up=%v, c (new, alpha) up=%v; want false, true, false", seen[a], seen[b], seen[c])
	}
	if err := m.Replace(nil, func(View) error { return fmt.Errorf("refused") }); err == nil {
		t.Error("a refused replacement reported no error")
	}
	if up, _, known := m.Up(a); !known || up {
		t.Errorf("a refused replacement changed the state: a known=%v up=%v", known, up)
	}
}

// TestSlowServersDoNotDelayOthers: 300 servers that accept and never answer
// (HTTP_GET, connect_timeout 2) do not hold up the check of a live server:
// its death is seen within a few delay_loops, not after the slow ones (a
// pool of 32 blocking workers took 19 s).
func TestSlowServersDoNotDelayOthers(t *testing.T) {
	silent, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := silent.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	defer func() {
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	}()
	live, _ := net.Listen("tcp", "127.0.0.1:0")
	m := NewManager(Options{Bootstrap: time.Millisecond, Logf: func(string, ...any) {}})
	defer m.Close()
	var servers []Server
	for i := range 300 {
		c := Check{Kind: HTTP, Conn: conn(t, silent.Addr()), URLs: []URL{{Path: "/", Codes: codes(200, 299)}},
			DelayLoop: 200 * time.Millisecond, DelayBeforeRetry: 200 * time.Millisecond, Retry: 0}
		c.Conn.Timeout = 2 * time.Second
		servers = append(servers, Server{Target: Target{"slow", fmt.Sprint(i)}, Checks: []Check{c}})
	}
	tg := Target{"svc", "live"}
	servers = append(servers, Server{Target: tg, Checks: []Check{{Kind: TCP, Conn: conn(t, live.Addr()),
		DelayLoop: 200 * time.Millisecond, DelayBeforeRetry: 200 * time.Millisecond}}})
	m.Replace(servers, func(View) error { return nil })
	time.Sleep(500 * time.Millisecond)
	if up, _, _ := m.Up(tg); !up {
		t.Fatal("the live server is not up")
	}
	live.Close()
	start := time.Now()
	waitFor(t, "the killed server down", 3*time.Second, func() bool { up, _, _ := m.Up(tg); return !up })
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("the killed server went down after %v (delay_loop 0.2 s)", d)
	}
}
