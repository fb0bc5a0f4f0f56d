package server

import (
	"bufio"
	"encoding/json"
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"xvs/internal/api"
	"xvs/internal/model"
	"xvs/internal/stats"
)

func anySched(string) bool { return true }

func svc(addr string) *model.ServiceConfig {
	ap := netip.MustParseAddrPort(addr)
	return &model.ServiceConfig{ServiceKey: model.ServiceKey{AF: model.AFInet, Protocol: model.ProtoTCP, Addr: ap.Addr(), Port: ap.Port()},
		Scheduler: "rr", Netmask: 0xffffffff}
}

func dest(addr string) *model.DestConfig {
	ap := netip.MustParseAddrPort(addr)
	return &model.DestConfig{DestKey: model.DestKey{AF: model.AFInet, Addr: ap.Addr(), Port: ap.Port()}, Weight: 1}
}

func mustOK(t *testing.T, r api.Response) {
	t.Helper()
	if r.Error != nil {
		t.Fatalf("unexpected error: %+v", r.Error)
	}
}

func TestPersistAndRestore(t *testing.T) {
	dir := t.TempDir()
	s, err := New(Config{StateDir: dir, SchedulerKnown: anySched})
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, s.Handle(api.Request{Op: model.OpAddService, Service: svc("198.18.0.1:80")}))
	mustOK(t, s.Handle(api.Request{Op: model.OpAddDest, Service: svc("198.18.0.1:80"), Dest: dest("198.18.1.1:80")}))
	mustOK(t, s.Handle(api.Request{Op: model.OpSetTimeout, Timeouts: &model.Timeouts{TCP: 10}}))
	before := s.Handle(api.Request{Op: api.OpGet}).Table

	s2, err := New(Config{StateDir: dir, SchedulerKnown: anySched})
	if err != nil {
		t.Fatal(err)
	}
	after := s2.Handle(api.Request{Op: api.OpGet}).Table
	bj, _ := json.Marshal(before)
	aj, _ := json.Marshal(after)
	if string(bj) != string(aj) {
		t.Fatalf("restored table differs:\n%s\n%s", bj, aj)
	}
}

func TestCorruptStateIsAnError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, stateFile), []byte("{not json"), 0o600)
	_, err := New(Config{StateDir: dir})
	if err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("got %v, want a corrupt-state error", err)
	}
}

func TestBatchAppliesEachOnItsOwn(t *testing.T) {
	s, _ := New(Config{StateDir: t.TempDir(), SchedulerKnown: anySched})
	r := s.Handle(api.Request{Op: api.OpBatch, Batch: []api.Request{
		{Op: model.OpAddService, Service: svc("198.18.0.1:80")},
		{Op: model.OpAddService, Service: svc("198.18.0.1:80")},
		{Op: model.OpAddDest, Service: svc("198.18.0.1:80"), Dest: dest("198.18.1.1:80")},
	}})
	mustOK(t, r)
	if len(r.Results) != 3 || r.Results[0].Error != nil || r.Results[2].Error != nil {
		t.Fatalf("results %+v", r.Results)
	}
	if e := r.Results[1].Error; e == nil || e.Message != "Service already exists" || e.Errno != 17 {
		t.Fatalf("second result %+v", e)
	}
	tab := s.Handle(api.Request{Op: api.OpGet}).Table
	if len(tab.Services) != 1 || len(tab.Services[0].Dests) != 1 {
		t.Fatalf("table %+v", tab.Services)
	}
}

// failingDatapath refuses the nth Apply, to check that a refused change
// leaves the table and the saved state as they were.
type failingDatapath struct {
	applies, failAt int
	last            *model.Table
}

func (f *failingDatapath) Apply(t *model.Table) error {
	f.applies++
	if f.applies == f.failAt {
		return errors.New("map full")
	}
	f.last = t
	return nil
}
func (f *failingDatapath) Counters() (map[uint32]stats.Counters, map[uint32]stats.Counters, error) {
	return nil, nil, nil
}
func (f *failingDatapath) ConnCounts() (map[uint32]ConnCounts, error)   { return nil, nil }
func (f *failingDatapath) Conns() ([]api.Conn, error)                   { return nil, nil }
func (f *failingDatapath) Sweep() error                                 { return nil }
func (f *failingDatapath) DestsInUse([]uint32) (map[uint32]bool, error) { return nil, nil }

func TestDatapathRefusalRollsBack(t *testing.T) {
	dir := t.TempDir()
	dp := &failingDatapath{failAt: 3}
	s, err := New(Config{StateDir: dir, SchedulerKnown: anySched, Datapath: dp})
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, s.Handle(api.Request{Op: model.OpAddService, Service: svc("198.18.0.1:80")}))
	r := s.Handle(api.Request{Op: model.OpAddService, Service: svc("198.18.0.2:80")})
	if r.Error == nil || !strings.Contains(r.Error.Message, "map full") {
		t.Fatalf("got %+v, want the datapath's refusal", r.Error)
	}
	if n := len(s.Handle(api.Request{Op: api.OpGet}).Table.Services); n != 1 {
		t.Fatalf("%d services after refused change, want 1", n)
	}
	if n := len(dp.last.Services); n != 1 {
		t.Fatalf("datapath left with %d services, want 1", n)
	}
	s2, err := New(Config{StateDir: dir, SchedulerKnown: anySched})
	if err != nil {
		t.Fatal(err)
	}
	got := s2.Handle(api.Request{Op: api.OpGet}).Table.Services
	if len(got) != 1 || !reflect.DeepEqual(got[0].ServiceKey, svc("198.18.0.1:80").ServiceKey) {
		t.Fatalf("saved state after refused change: %+v", got)
	}
}

func TestAPIOverSocket(t *testing.T) {
	s, _ := New(Config{StateDir: t.TempDir(), SchedulerKnown: anySched})
	sock := filepath.Join(t.TempDir(), "x.sock")
	l, err := api.Listen(sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go api.Serve(l, s)
	fi, _ := os.Stat(sock)
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket mode %v, want 0600", fi.Mode().Perm())
	}
	r, err := api.Call(sock, api.Request{Op: model.OpDelService, Service: svc("198.18.0.1:80")})
	if err != nil {
		t.Fatal(err)
	}
	if r.Error == nil || r.Error.Message != "No such service" {
		t.Fatalf("got %+v", r.Error)
	}
	_, err = api.Call(filepath.Join(t.TempDir(), "none.sock"), api.Request{Op: api.OpGet})
	var nr *api.NotRunningError
	if !errors.As(err, &nr) {
		t.Fatalf("got %v, want NotRunningError", err)
	}
}

// The streamed state file says what json.Marshal of savedState says, for
// every field the types have (a field added to model.Table or savedState
// and not to writeState fails here).
func TestWriteStateMatchesMarshal(t *testing.T) {
	full := model.NewTable()
	full.SchedulerKnown = anySched
	for _, v := range []string{"198.18.0.1:80", "198.18.0.2:80"} {
		if _, err := full.AddService(*svc(v)); err != nil {
			t.Fatal(err)
		}
		for _, r := range []string{"198.18.1.1:80", "198.18.1.2:80"} {
			if _, err := full.AddDest(svc(v).ServiceKey, *dest(r)); err != nil {
				t.Fatal(err)
			}
		}
	}
	full.DelDest(svc("198.18.0.1:80").ServiceKey, dest("198.18.1.1:80").DestKey)
	full.Daemons = []model.SyncDaemon{{State: model.SyncMaster, MCastIfn: "eth0", SyncID: 3}}
	rule, err := model.ParseMarkRule("tcp,198.18.3.0/24,8000-8100,7")
	if err != nil {
		t.Fatal(err)
	}
	full.MarkRules = []model.MarkRule{rule}
	bases := stats.Bases{stats.Service: {1: {Conns: 5}}, stats.Dest: {2: {InPkts: 7}}}
	for name, c := range map[string]struct {
		t *model.Table
		b stats.Bases
	}{"empty": {model.NewTable(), nil}, "full": {full, bases}} {
		want, err := json.Marshal(savedState{Version: stateVersion, Table: c.t, Bases: c.b})
		if err != nil {
			t.Fatal(err)
		}
		var buf strings.Builder
		w := bufio.NewWriter(&buf)
		if err := writeState(w, c.t, c.b); err != nil {
			t.Fatal(err)
		}
		var got, exp any
		if err := json.Unmarshal([]byte(buf.String()), &got); err != nil {
			t.Fatalf("%s: streamed state is not JSON: %v\n%s", name, err, buf.String())
		}
		json.Unmarshal(want, &exp)
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%s: streamed\n%s\nmarshalled\n%s", name, buf.String(), want)
		}
	}
}

// TestMappedAddressPersists: an IPv4-mapped IPv6 service stays IPv6 across
// the API's JSON and the state file.
func TestMappedAddressPersists(t *testing.T) {
	dir := t.TempDir()
	s, err := New(Config{StateDir: dir, SchedulerKnown: anySched})
	if err != nil {
		t.Fatal(err)
	}
	mapped := svc("[::ffff:1.2.3.4]:80")
	mapped.AF, mapped.Netmask = model.AFInet6, 128
	mustOK(t, s.Handle(api.Request{Op: model.OpAddService, Service: mapped}))
	s2, err := New(Config{StateDir: dir, SchedulerKnown: anySched})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(s2.Handle(api.Request{Op: api.OpGet}))
	var resp api.Response
	if err := json.Unmarshal(b, &resp); err != nil {
		t.Fatal(err)
	}
	if got := resp.Table.Services; len(got) != 1 || got[0].Addr != mapped.Addr || !got[0].Addr.Is4In6() {
		t.Fatalf("services after restart %+v, want %v", got, mapped.Addr)
	}
}

// TestLocalAddrsFindsLoopback: this namespace's lo is up with 127.0.0.1/8,
// so 127.255.255.255 is its broadcast address and refused as a destination.
func TestLocalAddrsFindsLoopback(t *testing.T) {
	if !slices.Contains(namespaceAddrs(), netip.MustParsePrefix("127.0.0.1/8")) {
		t.Fatalf("namespaceAddrs() = %v, want 127.0.0.1/8 among them", namespaceAddrs())
	}
	s, _ := New(Config{StateDir: t.TempDir(), SchedulerKnown: anySched})
	mustOK(t, s.Handle(api.Request{Op: model.OpAddService, Service: svc("198.18.0.1:80")}))
	r := s.Handle(api.Request{Op: model.OpAddDest, Service: svc("198.18.0.1:80"), Dest: dest("127.255.255.255:80")})
	if r.Error == nil || r.Error.Errno != int(syscall.EINVAL) {
		t.Fatalf("127.255.255.255 as a destination: %+v, want EINVAL", r.Error)
	}
}

// TestLocalAddrsLookedUpPerRequest: the director's addresses can change
// between requests (one look per request, never a stale one).
func TestLocalAddrsLookedUpPerRequest(t *testing.T) {
	var local []netip.Prefix
	looks := 0
	s, _ := New(Config{StateDir: t.TempDir(), SchedulerKnown: anySched, LocalAddrs: func() []netip.Prefix { looks++; return local }})
	mustOK(t, s.Handle(api.Request{Op: model.OpAddService, Service: svc("198.18.0.1:80")}))
	mustOK(t, s.Handle(api.Request{Op: model.OpAddDest, Service: svc("198.18.0.1:80"), Dest: dest("10.5.0.255:80")}))
	local = []netip.Prefix{netip.MustParsePrefix("10.6.0.1/24")}
	r := s.Handle(api.Request{Op: api.OpBatch, Batch: []api.Request{
		{Op: model.OpAddDest, Service: svc("198.18.0.1:80"), Dest: dest("10.6.0.255:80")},
		{Op: model.OpAddDest, Service: svc("198.18.0.1:80"), Dest: dest("10.6.0.2:80")},
		{Op: model.OpAddDest, Service: svc("198.18.0.1:80"), Dest: dest("10.6.0.3:80")},
	}})
	if e := r.Results[0].Error; e == nil || e.Errno != int(syscall.EINVAL) {
		t.Fatalf("broadcast of a subnet added since: %+v, want EINVAL", e)
	}
	if looks != 2 {
		t.Fatalf("looked at the addresses %d times for two requests", looks)
	}
}

// countingDatapath is a datapath whose counters stand where they are.
type countingDatapath struct {
	failingDatapath
	svc map[uint32]stats.Counters
}

func (c *countingDatapath) Counters() (map[uint32]stats.Counters, map[uint32]stats.Counters, error) {
	return c.svc, nil, nil
}

// TestCountersRightAfterRestart: a restarted xvsd lists the counters the
// pinned datapath kept (less the zero point of the last -Z) at once, and
// -Z at once zeroes them, before the estimator's first tick.
func TestCountersRightAfterRestart(t *testing.T) {
	dir := t.TempDir()
	dp := &countingDatapath{}
	s, err := New(Config{StateDir: dir, SchedulerKnown: anySched, Datapath: dp})
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, s.Handle(api.Request{Op: model.OpAddService, Service: svc("198.18.0.1:80")}))
	dp.svc = map[uint32]stats.Counters{1: {Conns: 5, InPkts: 100}}
	s.tick()
	mustOK(t, s.Handle(api.Request{Op: model.OpZero}))
	dp.svc = map[uint32]stats.Counters{1: {Conns: 7, InPkts: 150}}

	s2, err := New(Config{StateDir: dir, SchedulerKnown: anySched, Datapath: dp})
	if err != nil {
		t.Fatal(err)
	}
	if got := s2.Handle(api.Request{Op: api.OpGet}).Table.Services[0].Stats; got.Conns != 2 || got.InPkts != 50 {
		t.Errorf("after the restart: %+v, want 2 connections and 50 packets since -Z", got)
	}
	mustOK(t, s2.Handle(api.Request{Op: model.OpZero}))
	if got := s2.Handle(api.Request{Op: api.OpGet}).Table.Services[0].Stats; got.Conns != 0 || got.InPkts != 0 {
		t.Errorf("-Z at once: %+v", got)
	}
}

// TestRatesCarryOverARestart: the rates a stopping xvsd had are the next
// one's start, unless they are older than a restart takes.
func TestRatesCarryOverARestart(t *testing.T) {
	dir := t.TempDir()
	dp := &countingDatapath{}
	s, err := New(Config{StateDir: dir, SchedulerKnown: anySched, Datapath: dp})
	if err != nil {
		t.Fatal(err)
	}
	mustOK(t, s.Handle(api.Request{Op: model.OpAddService, Service: svc("198.18.0.1:80")}))
	for i := uint64(1); i <= 20; i++ {
		dp.svc = map[uint32]stats.Counters{1: {Conns: 200 * i, InPkts: 2000 * i, InBytes: 200000 * i}}
		s.tick()
	}
	before := s.Handle(api.Request{Op: api.OpGet}).Table.Services[0].Stats
	if before.CPS < 90 || before.InPPS < 900 {
		t.Fatalf("rates before the restart: %+v", before)
	}
	s.Close()
	s2, err := New(Config{StateDir: dir, SchedulerKnown: anySched, Datapath: dp})
	if err != nil {
		t.Fatal(err)
	}
	after := s2.Handle(api.Request{Op: api.OpGet}).Table.Services[0].Stats
	if after.CPS != before.CPS || after.InPPS != before.InPPS || after.InBPS != before.InBPS {
		t.Errorf("rates after the restart: %+v, before %+v", after, before)
	}
	// A file of a stop long ago is not taken.
	s2.Close()
	r, _ := os.ReadFile(filepath.Join(dir, ratesFile))
	var saved stats.Rates
	if err := json.Unmarshal(r, &saved); err != nil {
		t.Fatal(err)
	}
	saved.At = saved.At.Add(-time.Minute)
	if err := saveRates(dir, saved); err != nil {
		t.Fatal(err)
	}
	s3, err := New(Config{StateDir: dir, SchedulerKnown: anySched, Datapath: dp})
	if err != nil {
		t.Fatal(err)
	}
	if got := s3.Handle(api.Request{Op: api.OpGet}).Table.Services[0].Stats; got.CPS != 0 {
		t.Errorf("rates from a minute-old file: %+v", got)
	}
}
