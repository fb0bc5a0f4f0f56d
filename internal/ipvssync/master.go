package ipvssync

import (
	"hash/maphash"
	"time"
)

// Table is the director's connection table as the sync daemons use it.
type Table interface {
	// SyncConns calls fn for every live connection and persistence
	// template, in IPVS's terms, with the time it has left. received says
	// the entry came from a peer's sync message and has seen no packet
	// here since: a master does not send it back.
	SyncConns(fn func(c *Conn, left time.Duration, received bool)) error
	// InsertSynced puts a master's records into the table, as a backup
	// does (ip_vs_proc_conn); it returns how many it placed.
	InsertSynced(conns []Conn) (placed int, err error)
}

// connID names a connection the way the backup finds it again.
type connID struct {
	caddr, vaddr [16]byte
	cport, vport uint16
	fwmark       uint32
	proto        uint8
	template     bool
}

func idOf(c *Conn) connID {
	return connID{caddr: c.CAddr.As16(), vaddr: c.VAddr.As16(), cport: c.CPort, vport: c.VPort,
		fwmark: c.FWMark, proto: c.Protocol, template: c.Template()}
}

// sent is what the backups were last told of a connection.
type sent struct {
	at      int64 // unix seconds
	timeout uint32
	state   uint16
	dest    uint32 // hash of the destination
	seen    uint32 // scan that last saw the connection
}

// Master decides which connections to send. The kernel syncs a
// connection from its packet path; xvs forwards in XDP and has no such
// hook, so the master scans the table every second and sends what the
// kernel would have sent by then:
//   - a connection entering a state IPVS syncs (TCP ESTABLISHED,
//     FIN_WAIT, CLOSE, CLOSE_WAIT, TIME_WAIT; SCTP ESTABLISHED, the
//     SHUTDOWN states and CLOSED; UDP),
//     or changing state or destination afterwards;
//   - a connection or template the backups would let expire while it
//     lives on here: once half its timeout has passed since it was sent,
//     it is sent again (the kernel resends every 50 packets, or by
//     sync_refresh_period).
//
// What it sent is remembered per connection (about 80 bytes each).
type Master struct {
	last map[connID]*sent
	scan uint32
	seed maphash.Seed
}

// NewMaster starts with nothing sent.
func NewMaster() *Master {
	return &Master{last: map[connID]*sent{}, seed: maphash.MakeSeed()}
}

// Collect scans t and adds to e what needs sending at now.
func (m *Master) Collect(t Table, e *Encoder, now time.Time) (int, error) {
	m.scan++
	n := 0
	err := t.SyncConns(func(c *Conn, left time.Duration, received bool) {
		if received || !syncable(c) {
			return
		}
		id := idOf(c)
		s := m.last[id]
		dest := m.destHash(c)
		if s != nil {
			s.seen = m.scan
			if !m.due(s, c, dest, left, now) {
				return
			}
		} else {
			s = &sent{seen: m.scan}
		}
		if !e.Add(c) {
			return
		}
		m.last[id] = s
		s.at, s.timeout, s.state, s.dest = now.Unix(), c.Timeout, c.State, dest
		n++
	})
	for id, s := range m.last {
		if s.seen != m.scan {
			delete(m.last, id) // gone from the table
		}
	}
	return n, err
}

// due says whether a connection sent before must be sent again.
func (m *Master) due(s *sent, c *Conn, dest uint32, left time.Duration, now time.Time) bool {
	if s.state != c.State || s.dest != dest {
		return true
	}
	age := now.Unix() - s.at
	backupEnds := s.at + int64(s.timeout)
	ends := now.Add(left).Unix()
	return age >= int64(s.timeout/2) && ends > backupEnds
}

func (m *Master) destHash(c *Conn) uint32 {
	var h maphash.Hash
	h.SetSeed(m.seed)
	b := c.DAddr.As16()
	h.Write(b[:])
	h.Write([]byte{byte(c.DPort >> 8), byte(c.DPort)})
	return uint32(h.Sum64())
}

// Remembered is how many connections the master keeps track of.
func (m *Master) Remembered() int { return len(m.last) }

// syncable: the connections ip_vs_sync_conn_needed lets through.
func syncable(c *Conn) bool {
	if c.Template() {
		return true
	}
	if c.Flags&FlagOnePkt != 0 {
		return false
	}
	switch c.Protocol {
	case 6:
		switch c.State {
		case TCPEstablished, TCPFinWait, TCPClose, TCPCloseWait, TCPTimeWait:
			return true
		}
		return false
	case 17:
		return true
	case 132:
		switch c.State {
		case SCTPEstablished, sctpShutdownSent, sctpShutdownReceived, sctpShutdownAckSent, sctpClosed:
			return true
		}
	}
	return false
}

// SCTP's states ip_vs_sync_conn_needed syncs besides ESTABLISHED.
const (
	sctpShutdownSent     = 9
	sctpShutdownReceived = 10
	sctpShutdownAckSent  = 11
	sctpClosed           = 13
)
