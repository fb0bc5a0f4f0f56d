package ipvssync

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"
)

// recording is a datagram the kernel sent and the oracle's decoding of it.
type recording struct {
	raw    []byte
	header string
	conns  []string
}

// readRecording reads the "hex" lines of a recording and the decoded
// lines under each.
func readRecording(t *testing.T, path string) []recording {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []recording
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "hex "):
			raw, err := hex.DecodeString(strings.TrimPrefix(line, "hex "))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, recording{raw: raw})
		case strings.HasPrefix(line, "  v") && len(out) > 0:
			out[len(out)-1].header = strings.TrimSpace(line)
		case strings.HasPrefix(line, "  conn ") && len(out) > 0:
			r := &out[len(out)-1]
			r.conns = append(r.conns, strings.TrimSpace(line))
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no datagrams", path)
	}
	return out
}

// describe prints a record as the oracle's probe decodes it.
func describe(c *Conn) string {
	typ, size := 0, connV4Len
	if c.VAddr.Is6() {
		typ, size = 1, connV6Len
	}
	return fmt.Sprintf("conn type=%d proto=%d ver=0 size=%d flags=%#x state=%d %s -> %s -> %s fwmark=%d timeout=%d",
		typ, c.Protocol, size, c.Flags, c.State,
		netip.AddrPortFrom(c.CAddr, c.CPort), netip.AddrPortFrom(c.VAddr, c.VPort),
		netip.AddrPortFrom(c.DAddr, c.DPort), c.FWMark, c.Timeout)
}

// TestDecodesKernelMaster: what a kernel 6.1 master sent (recorded in the
// oracle VM by oracle-sync.sh) decodes to what the oracle decoded.
func TestDecodesKernelMaster(t *testing.T) {
	for i, r := range readRecording(t, "testdata/kernel-master.txt") {
		m, err := Decode(r.raw)
		if err != nil {
			t.Fatalf("datagram %d: %v", i, err)
		}
		head := fmt.Sprintf("v%d syncid=%d size=%d conns=%d spare=0", m.Version, m.SyncID, len(r.raw), len(m.Conns))
		if head != r.header {
			t.Errorf("datagram %d: %q, oracle %q", i, head, r.header)
		}
		var got []string
		for j := range m.Conns {
			got = append(got, describe(&m.Conns[j]))
		}
		if strings.Join(got, "\n") != strings.Join(r.conns, "\n") {
			t.Errorf("datagram %d:\n%s\noracle:\n%s", i, strings.Join(got, "\n"), strings.Join(r.conns, "\n"))
		}
	}
}

// TestEncodesAsTheKernel: the same records packed by xvs give the kernel's
// datagrams byte for byte.
func TestEncodesAsTheKernel(t *testing.T) {
	for i, r := range readRecording(t, "testdata/kernel-master.txt") {
		m, err := Decode(r.raw)
		if err != nil {
			t.Fatal(err)
		}
		e := NewEncoder(m.SyncID, 1472)
		for j := range m.Conns {
			if !e.Add(&m.Conns[j]) {
				t.Fatalf("datagram %d: record %d refused", i, j)
			}
		}
		msgs := e.Messages()
		if len(msgs) != 1 || !bytes.Equal(msgs[0], r.raw) {
			t.Errorf("datagram %d:\n got %x\nwant %x", i, msgs, r.raw)
		}
	}
}

func addr(s string) netip.Addr { return netip.MustParseAddr(s) }

func tcpConn(n int) Conn {
	return Conn{Protocol: 6, State: TCPEstablished, Timeout: 900,
		CAddr: addr("198.19.0.2"), CPort: uint16(10000 + n),
		VAddr: addr("198.18.0.100"), VPort: 80, DAddr: addr("198.18.0.11"), DPort: 80}
}

// TestEncoderSplits: a message holds at most maxlen bytes and 255 records,
// and records stay 4-byte aligned between IPv4 and IPv6 ones.
func TestEncoderSplits(t *testing.T) {
	e := NewEncoder(3, 1472)
	for i := range 600 {
		c := tcpConn(i)
		e.Add(&c)
	}
	msgs := e.Messages()
	total := 0
	for _, m := range msgs {
		if len(m) > 1472 {
			t.Errorf("message of %d bytes", len(m))
		}
		d, err := Decode(m)
		if err != nil {
			t.Fatal(err)
		}
		total += len(d.Conns)
	}
	if total != 600 || len(msgs) != 15 { // (1472-8)/36 = 40 a message
		t.Errorf("%d records in %d messages", total, len(msgs))
	}
	e = NewEncoder(0, 65000)
	for i := range 300 {
		c := tcpConn(i)
		e.Add(&c)
	}
	if msgs := e.Messages(); len(msgs) != 2 || msgs[0][4] != 255 {
		t.Errorf("255 records a message: %d messages, first with %d", len(msgs), msgs[0][4])
	}
	mixed := tcpConn(1)
	mixed.DAddr = addr("2001:db8:18::11")
	if e.Add(&mixed) {
		t.Error("a mixed-family record was encoded")
	}
}

func TestDecodeRejects(t *testing.T) {
	c := tcpConn(1)
	e := NewEncoder(1, 1472)
	e.Add(&c)
	good := e.Messages()[0]
	for _, tc := range []struct {
		name string
		b    []byte
		want error
	}{
		{"short", good[:3], ErrShort},
		{"size", good[:len(good)-1], ErrSize},
		{"record past the end", withSize(append(bytes.Clone(good[:8]), good[8:20]...)), ErrTooSmall},
	} {
		if _, err := Decode(tc.b); err != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	bad := bytes.Clone(good)
	bad[8+2] |= 0x10 // record version 1
	if _, err := Decode(bad); err != ErrVersion {
		t.Errorf("record version: %v", err)
	}
	// An unknown optional parameter is skipped, an unknown mandatory one
	// drops that record only.
	for _, tc := range []struct {
		opt  byte
		want int
	}{{0x40 | 9, 1}, {9, 0}} {
		b := append(bytes.Clone(good), tc.opt, 2, 0xaa, 0xbb)
		binary16(b[8+2:], 36+4)
		m, err := Decode(withSize(b))
		if err != nil || len(m.Conns) != tc.want {
			t.Errorf("option %#x: %v, %d records", tc.opt, err, len(m.Conns))
		}
	}
	// A state the protocol does not have is left out.
	bad = bytes.Clone(good)
	bad[8+9] = TCPLast
	if m, _ := Decode(bad); len(m.Conns) != 0 {
		t.Error("TCP state 11 decoded")
	}
}

func TestDecodeV0(t *testing.T) {
	conns := []Conn{tcpConn(1), tcpConn(2)}
	conns[1].Protocol, conns[1].State = 17, UDPNormal
	m, err := Decode(EncodeV0(9, conns))
	if err != nil || m.Version != 0 || m.SyncID != 9 || len(m.Conns) != 2 {
		t.Fatalf("%v %+v", err, m)
	}
	for i := range conns {
		conns[i].Timeout = 0 // version 0 carries none
		if m.Conns[i] != conns[i] {
			t.Errorf("record %d: %+v, want %+v", i, m.Conns[i], conns[i])
		}
	}
}

func withSize(b []byte) []byte {
	binary16(b[2:], len(b))
	return b
}

func binary16(b []byte, v int) { b[0], b[1] = byte(v>>8), byte(v) }
