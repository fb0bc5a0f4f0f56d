package health

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"testing"
	"time"
)

func localCheck(kind Kind, addr net.Addr) Check {
	ap := netip.MustParseAddrPort(addr.String())
	return Check{Kind: kind, Addr: ap.Addr(), Port: ap.Port(), ConnectTimeout: time.Second, DelayLoop: 50 * time.Millisecond,
		DelayBeforeRetry: 10 * time.Millisecond, Retry: 1}
}

// TestProbes: each checker passes against a live server and fails against
// a dead one or a wrong answer.
func TestProbes(t *testing.T) {
	ctx := context.Background()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	defer l.Close()
	go http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, "hello")
	}))
	sum := md5.Sum([]byte("hello"))
	tcp := localCheck(TCP, l.Addr())
	if r := Probe(ctx, &tcp); r.Err != nil {
		t.Errorf("TCP_CHECK on a listener: %v", r.Err)
	}
	for _, c := range []struct {
		url URL
		ok  bool
	}{
		{URL{Path: "/"}, true},
		{URL{Path: "/", StatusCode: 200, Digest: hex.EncodeToString(sum[:])}, true},
		{URL{Path: "/", Digest: "00000000000000000000000000000000"}, false},
		{URL{Path: "/missing"}, false},
		{URL{Path: "/missing", StatusCode: 404}, true},
	} {
		h := localCheck(HTTP, l.Addr())
		h.URLs = []URL{c.url}
		if r := Probe(ctx, &h); (r.Err == nil) != c.ok {
			t.Errorf("HTTP_GET %+v: %v, want ok=%v", c.url, r.Err, c.ok)
		}
	}
	dead, _ := net.Listen("tcp", "127.0.0.1:0")
	deadAddr := dead.Addr()
	dead.Close()
	tcp = localCheck(TCP, deadAddr)
	if r := Probe(ctx, &tcp); r.Err == nil {
		t.Error("TCP_CHECK on a closed port passed")
	}
	// UDP: a closed port answers port unreachable.
	u, _ := net.ListenPacket("udp", "127.0.0.1:0")
	uaddr := u.LocalAddr()
	go func() {
		buf := make([]byte, 512)
		for {
			n, from, err := u.ReadFrom(buf)
			if err != nil {
				return
			}
			if n > 12 && buf[2]&0x80 == 0 { // a DNS query: answer NOERROR
				resp := append([]byte(nil), buf[:n]...)
				resp[2] |= 0x80
				u.WriteTo(resp, from)
				continue
			}
			u.WriteTo([]byte("pong"), from)
		}
	}()
	udp := localCheck(UDP, uaddr)
	udp.RequireReply, udp.Expect = true, []byte("pong")
	if r := Probe(ctx, &udp); r.Err != nil {
		t.Errorf("UDP_CHECK: %v", r.Err)
	}
	dns := localCheck(DNS, uaddr)
	dns.DNSType, dns.DNSName = "A", "example.invalid"
	if r := Probe(ctx, &dns); r.Err != nil {
		t.Errorf("DNS_CHECK: %v", r.Err)
	}
	u.Close()
	if r := Probe(ctx, &udp); r.Err == nil {
		t.Error("UDP_CHECK on a closed port passed")
	}
	misc := Check{Kind: Misc, Script: "exit 0", ConnectTimeout: time.Second}
	if r := Probe(ctx, &misc); r.Err != nil {
		t.Errorf("MISC_CHECK exit 0: %v", r.Err)
	}
	misc.Script = "exit 1"
	if r := Probe(ctx, &misc); r.Err == nil {
		t.Error("MISC_CHECK exit 1 passed")
	}
	misc.Script, misc.Dynamic = "exit 7", true
	if r := Probe(ctx, &misc); r.Err != nil || r.Weight != 5 {
		t.Errorf("misc_dynamic exit 7: %v weight %d, want weight 5", r.Err, r.Weight)
	}
	misc.Script, misc.ConnectTimeout = "sleep 5", 100*time.Millisecond
	if r := Probe(ctx, &misc); r.Err == nil {
		t.Error("MISC_CHECK past misc_timeout passed")
	}
}

// TestRetryThenDown: with retry 2 a server goes down on the third failure
// in a row, and comes back on one success, with one notification each.
func TestRetryThenDown(t *testing.T) {
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr()
	var mu sync.Mutex
	var events []bool
	m := NewManager(4, func(_ Target, up bool) {
		mu.Lock()
		events = append(events, up)
		mu.Unlock()
	}, t.Logf)
	defer m.Close()
	c := localCheck(TCP, addr)
	c.Retry = 2
	tg := Target{"svc", "rs"}
	m.Set([]Server{{Target: tg, Checks: []Check{c}}})
	wait := func(want bool) {
		t.Helper()
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			if up, _, _ := m.Up(tg); up == want {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("server never became up=%v: %+v", want, m.Status())
	}
	time.Sleep(120 * time.Millisecond)
	wait(true)
	l.Close()
	wait(false)
	if st := m.Status(); st[0].Failures < 3 {
		t.Errorf("down after %d failures, want 3 (retry 2)", st[0].Failures)
	}
	l2, err := net.Listen("tcp", addr.String())
	if err != nil {
		t.Skip("port taken meanwhile")
	}
	defer l2.Close()
	wait(true)
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(events) != "[false true]" {
		t.Errorf("notifications %v, want [false true]", events)
	}
}
