package ipvssync

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// memTable is a connection table in memory.
type memTable struct {
	mu       sync.Mutex
	conns    []Conn
	left     map[int]time.Duration
	received map[int]bool
	got      []Conn
	notify   chan struct{}
}

func (m *memTable) SyncConns(fn func(*Conn, time.Duration, bool)) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range m.conns {
		left, ok := m.left[i]
		if !ok {
			left = time.Duration(m.conns[i].Timeout) * time.Second
		}
		fn(&m.conns[i], left, m.received[i])
	}
	return nil
}

func (m *memTable) InsertSynced(conns []Conn) (int, error) {
	m.mu.Lock()
	m.got = append(m.got, conns...)
	m.mu.Unlock()
	if m.notify != nil {
		m.notify <- struct{}{}
	}
	return len(conns), nil
}

// collect runs one scan and returns the records it sent.
func collect(t *testing.T, m *Master, tab *memTable, now time.Time) []Conn {
	t.Helper()
	e := NewEncoder(1, 1472)
	if _, err := m.Collect(tab, e, now); err != nil {
		t.Fatal(err)
	}
	var out []Conn
	for _, b := range e.Messages() {
		msg, err := Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, msg.Conns...)
	}
	return out
}

func ports(cs []Conn) []uint16 {
	var p []uint16
	for _, c := range cs {
		p = append(p, c.CPort)
	}
	return p
}

func TestMasterSendsWhatIPVSSyncs(t *testing.T) {
	synRecv := tcpConn(2)
	synRecv.State = 3
	udp := tcpConn(3)
	udp.Protocol, udp.State, udp.Timeout = 17, UDPNormal, 300
	tpl := tcpConn(0)
	tpl.Flags, tpl.Timeout = FlagTemplate|FlagInactive, 360
	received := tcpConn(4)
	tab := &memTable{conns: []Conn{tcpConn(1), synRecv, udp, tpl, received}, received: map[int]bool{4: true},
		left: map[int]time.Duration{}}
	m := NewMaster()
	t0 := time.Unix(1000, 0)

	// New connections in a synced state go out once; SYN_RECV and
	// connections a peer sent us do not.
	if got := ports(collect(t, m, tab, t0)); !slices.Equal(got, []uint16{10001, 10003, 10000}) {
		t.Fatalf("first scan sent %v", got)
	}
	if got := collect(t, m, tab, t0.Add(time.Second)); len(got) != 0 {
		t.Fatalf("second scan sent %v", ports(got))
	}
	// A state change is sent at once; SYN_RECV reaching ESTABLISHED too.
	tab.conns[0].State, tab.conns[0].Timeout = TCPFinWait, 120
	tab.conns[1].State = TCPEstablished
	if got := ports(collect(t, m, tab, t0.Add(2*time.Second))); !slices.Equal(got, []uint16{10001, 10002}) {
		t.Fatalf("state changes sent %v", got)
	}
	// Half the UDP timeout later, a datagram has kept the connection alive
	// beyond what the backup knows: sent again, as is the FIN_WAIT one whose
	// copy on the backup has run out while packets kept it here. The
	// template, idle since it was sent, is not.
	tab.left[0] = 10 * time.Second
	tab.left[2] = 300 * time.Second
	tab.left[3] = 200 * time.Second
	if got := ports(collect(t, m, tab, t0.Add(151*time.Second))); !slices.Equal(got, []uint16{10001, 10003}) {
		t.Fatalf("refresh sent %v", got)
	}
	// A connection that left the table is forgotten.
	tab.conns = tab.conns[:1]
	collect(t, m, tab, t0.Add(152*time.Second))
	if m.Remembered() != 1 {
		t.Errorf("remembers %d connections", m.Remembered())
	}
}

func TestMasterResendsOnNewDestination(t *testing.T) {
	tab := &memTable{conns: []Conn{tcpConn(1)}}
	m := NewMaster()
	collect(t, m, tab, time.Unix(0, 0))
	tab.conns[0].DAddr = addr("198.18.0.12")
	if got := collect(t, m, tab, time.Unix(1, 0)); len(got) != 1 || got[0].DAddr != addr("198.18.0.12") {
		t.Errorf("replaced connection: %v", got)
	}
}
