package vrrp

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"
)

// recordedAdvert is one "advert SRC DST TTL HEX" line of a recording.
type recordedAdvert struct {
	src, dst netip.Addr
	ttl      string
	raw      []byte
}

func readAdverts(t *testing.T, path string) []recordedAdvert {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []recordedAdvert
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) != 5 || fs[0] != "advert" {
			continue
		}
		raw, err := hex.DecodeString(fs[4])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, recordedAdvert{netip.MustParseAddr(fs[1]), netip.MustParseAddr(fs[2]), fs[3], raw})
	}
	return out
}

// TestKeepalivedAdverts: the adverts keepalived 2.2.7 sent for
// testdata/keepalived-vrrp.conf (recorded in the oracle VM by
// oracle-vrrp.sh) read as that configuration says, and xvs writes the same
// bytes for the same advert (checksums included: version 3's pseudo-header).
func TestKeepalivedAdverts(t *testing.T) {
	want := map[uint8]Advert{
		51: {Version: 2, VRID: 51, Priority: 100, Interval: time.Second, Addrs: []netip.Addr{netip.MustParseAddr("198.18.0.200")}},
		52: {Version: 2, VRID: 52, Priority: 150, Interval: 2 * time.Second, AuthType: AuthPass,
			AuthData: [8]byte{'s', 'e', 'c', 'r', 'e', 't'},
			Addrs:    []netip.Addr{netip.MustParseAddr("198.18.0.201"), netip.MustParseAddr("198.18.0.202")}},
		53: {Version: 3, VRID: 53, Priority: 120, Interval: 500 * time.Millisecond, Addrs: []netip.Addr{netip.MustParseAddr("198.18.0.203")}},
		54: {Version: 3, VRID: 54, Priority: 100, Interval: time.Second, Addrs: []netip.Addr{netip.MustParseAddr("2001:db8:18::200")}},
	}
	ads := readAdverts(t, "testdata/keepalived-vrrp.txt")
	if len(ads) != 8 {
		t.Fatalf("%d adverts recorded", len(ads))
	}
	stops := 0
	for _, r := range ads {
		a, err := Parse(r.raw, r.src, r.dst)
		if err != nil {
			t.Fatalf("%x: %v", r.raw, err)
		}
		w, ok := want[a.VRID]
		if !ok {
			t.Fatalf("router id %d", a.VRID)
		}
		if a.Priority == PriorityStop {
			w.Priority = PriorityStop // sent when keepalived stopped
			stops++
		}
		if a.Version != w.Version || a.Priority != w.Priority || a.Interval != w.Interval || a.AuthType != w.AuthType ||
			a.AuthData != w.AuthData || !equalAddrs(a.Addrs, w.Addrs) || r.ttl != "255" {
			t.Errorf("router id %d: %+v, want %+v (TTL %s)", a.VRID, a, w, r.ttl)
		}
		b, err := w.Marshal(r.src, r.dst)
		if err != nil || !bytes.Equal(b, r.raw) {
			t.Errorf("router id %d: xvs writes %x (%v), keepalived sent %x", a.VRID, b, err, r.raw)
		}
	}
	if stops != 4 {
		t.Errorf("%d priority-0 adverts", stops)
	}
}

func equalAddrs(a, b []netip.Addr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestParseRejects(t *testing.T) {
	src, dst := netip.MustParseAddr("198.18.0.1"), Group4
	a := Advert{Version: 3, VRID: 1, Priority: 100, Interval: time.Second, Addrs: []netip.Addr{netip.MustParseAddr("198.18.0.9")}}
	good, err := a.Marshal(src, dst)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Clone(good)
	bad[2]++
	for _, tc := range []struct {
		name string
		b    []byte
		want error
	}{
		{"short", good[:7], ErrShort},
		{"addresses cut", good[:10], ErrShort},
		{"checksum", bad, ErrChecksum},
		{"type", append([]byte{0x32}, good[1:]...), ErrVersion},
	} {
		if _, err := Parse(tc.b, src, dst); err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	// Version 3's checksum covers the addresses it went between.
	if _, err := Parse(good, netip.MustParseAddr("198.18.0.2"), dst); err != ErrChecksum {
		t.Errorf("another source: %v", err)
	}
	if _, err := (&Advert{Version: 2, Interval: 1500 * time.Millisecond / 2, Addrs: a.Addrs}).Marshal(src, dst); err == nil {
		t.Error("version 2 takes whole seconds only")
	}
}
