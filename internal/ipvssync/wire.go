// Package ipvssync is IPVS's connection synchronisation between directors
// (ip_vs_sync.c): the master sync daemon multicasts the connections of its
// table, a backup inserts them into its own, so that after a failover the
// backup forwards established connections to the servers they were on.
// xvs speaks the kernel's wire format (version 1, and version 0 when
// receiving), so an xvs director and a kernel IPVS director can sync with
// each other.
package ipvssync

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
)

// Connection flags on the wire (IP_VS_CONN_F_*).
const (
	FlagFwdMask  = 0x0007
	FlagMasq     = 0x0000
	FlagTunnel   = 0x0002
	FlagRoute    = 0x0003
	FlagSync     = 0x0020
	FlagHashed   = 0x0040
	FlagNoOutput = 0x0080
	FlagInactive = 0x0100
	FlagSeqMask  = 0x0600
	FlagNoCPort  = 0x0800
	FlagTemplate = 0x1000
	FlagOnePkt   = 0x2000
	// FlagBackupMask is what a backup takes from a message
	// (IP_VS_CONN_F_BACKUP_MASK).
	FlagBackupMask = FlagFwdMask | FlagNoOutput | FlagInactive | FlagSeqMask | FlagNoCPort | FlagTemplate
)

// IPVS's state numbers on the wire: TCP's (IP_VS_TCP_S_*, which xvs's
// datapath numbers alike), UDP's single state and SCTP's established one.
const (
	TCPEstablished  = 1
	TCPFinWait      = 4
	TCPTimeWait     = 5
	TCPClose        = 6
	TCPCloseWait    = 7
	TCPLast         = 11 // IP_VS_TCP_S_LAST
	UDPNormal       = 0
	SCTPEstablished = 8
	SCTPLast        = 14 // IP_VS_SCTP_S_LAST
)

const (
	headerV1Len = 8
	headerV0Len = 4
	connV4Len   = 36
	connV6Len   = 72
	connV0Len   = 24
	seqOptLen   = 24 // struct ip_vs_sync_conn_options: in_seq and out_seq
	// MaxConnsPerMessage: nr_conns is a byte.
	MaxConnsPerMessage = 255

	optSeqData = 1
	optPEData  = 2
	optPEName  = 3
	optFParam  = 0x40 // IPVS_OPT_F_PARAM: an option a receiver may skip
	typeInet6  = 0x01 // STYPE_F_INET6
)

// Conn is one connection record of a sync message.
type Conn struct {
	Protocol uint8
	Flags    uint32 // IP_VS_CONN_F_*
	State    uint16 // IPVS's state number
	CAddr    netip.Addr
	VAddr    netip.Addr
	DAddr    netip.Addr
	CPort    uint16
	VPort    uint16
	DPort    uint16
	FWMark   uint32
	Timeout  uint32 // seconds; 0 in version 0 messages (the receiver's state table decides)
}

// Template says whether the record is a persistence template.
func (c *Conn) Template() bool { return c.Flags&FlagTemplate != 0 }

// Message is a decoded sync datagram.
type Message struct {
	Version int // 0 or 1
	SyncID  uint8
	Conns   []Conn
}

// Encoder packs connection records into version 1 messages of at most
// maxLen bytes and 255 records, as the kernel's master fills its buffers.
type Encoder struct {
	syncID uint8
	maxLen int
	buf    []byte
	n      int
	out    [][]byte
}

// NewEncoder starts messages for syncid with the daemon's sync_maxlen.
func NewEncoder(syncID uint8, maxLen int) *Encoder {
	return &Encoder{syncID: syncID, maxLen: max(maxLen, headerV1Len+connV6Len)}
}

// Add appends a record, starting a new message when it would not fit.
// Records of mixed families (an IPv6 service with IPv4 servers) have no
// form in the protocol and are left out, as the kernel leaves them out.
func (e *Encoder) Add(c *Conn) bool {
	size := connV4Len
	if c.VAddr.Is6() {
		size = connV6Len
	}
	if c.CAddr.Is6() != c.VAddr.Is6() || c.DAddr.Is6() != c.VAddr.Is6() {
		return false
	}
	pad := (4 - len(e.buf)%4) % 4
	if e.buf != nil && (len(e.buf)+pad+size > e.maxLen || e.n == MaxConnsPerMessage) {
		e.finish()
		pad = 0
	}
	if e.buf == nil {
		e.buf = make([]byte, headerV1Len, e.maxLen)
		e.buf[1] = e.syncID
		e.buf[5] = 1 // version
	}
	e.buf = append(e.buf, make([]byte, pad)...)
	e.buf = appendConn(e.buf, c, size)
	e.n++
	return true
}

func appendConn(b []byte, c *Conn, size int) []byte {
	var t uint8
	if size == connV6Len {
		t = typeInet6
	}
	b = append(b, t, c.Protocol)
	b = binary.BigEndian.AppendUint16(b, uint16(size)) // version 0 of the record, its size
	b = binary.BigEndian.AppendUint32(b, c.Flags&^FlagHashed)
	b = binary.BigEndian.AppendUint16(b, c.State)
	b = binary.BigEndian.AppendUint16(b, c.CPort)
	b = binary.BigEndian.AppendUint16(b, c.VPort)
	b = binary.BigEndian.AppendUint16(b, c.DPort)
	b = binary.BigEndian.AppendUint32(b, c.FWMark)
	b = binary.BigEndian.AppendUint32(b, c.Timeout)
	for _, a := range []netip.Addr{c.CAddr, c.VAddr, c.DAddr} {
		b = append(b, a.AsSlice()...)
	}
	return b
}

func (e *Encoder) finish() {
	if e.buf == nil {
		return
	}
	binary.BigEndian.PutUint16(e.buf[2:], uint16(len(e.buf)))
	e.buf[4] = uint8(e.n)
	e.out = append(e.out, e.buf)
	e.buf, e.n = nil, 0
}

// Messages returns the finished datagrams and starts afresh.
func (e *Encoder) Messages() [][]byte {
	e.finish()
	out := e.out
	e.out = nil
	return out
}

// Decoding errors: the whole datagram is dropped, as the kernel drops it.
var (
	ErrShort    = errors.New("message header too short")
	ErrSize     = errors.New("bogus message size")
	ErrTooSmall = errors.New("connection record past the end of the message")
	ErrVersion  = errors.New("unknown connection record version")
)

// Decode parses a sync datagram. Records the kernel would skip on their own
// (an unknown mandatory option, an unknown protocol or state) are left out;
// errors that make the kernel drop the rest of the datagram are returned.
func Decode(b []byte) (*Message, error) {
	if len(b) < headerV0Len {
		return nil, ErrShort
	}
	if int(binary.BigEndian.Uint16(b[2:])) != len(b) {
		return nil, ErrSize
	}
	if len(b) >= headerV1Len && b[5] == 1 && b[0] == 0 && b[6] == 0 && b[7] == 0 {
		return decodeV1(b)
	}
	return decodeV0(b)
}

func decodeV1(b []byte) (*Message, error) {
	m := &Message{Version: 1, SyncID: b[1]}
	p := headerV1Len
	for range int(b[4]) {
		if p+connV4Len > len(b) {
			return m, ErrTooSmall
		}
		vs := binary.BigEndian.Uint16(b[p+2:])
		size := int(vs & 0x0fff)
		end := p + size
		if end > len(b) {
			return m, ErrTooSmall
		}
		if vs>>12 != 0 {
			return m, ErrVersion
		}
		c, skip, err := decodeConnV1(b[p:end])
		if err != nil {
			return m, err
		}
		if !skip {
			m.Conns = append(m.Conns, c)
		}
		p += (size + 3) &^ 3
	}
	return m, nil
}

// decodeConnV1 reads one version 1 record (ip_vs_proc_sync_conn).
func decodeConnV1(r []byte) (c Conn, skip bool, err error) {
	alen, fixed := 4, connV4Len
	switch r[0] {
	case 0:
	case typeInet6:
		alen, fixed = 16, connV6Len
	default:
		return c, false, fmt.Errorf("unknown record type %d", r[0])
	}
	if fixed > len(r) {
		return c, false, ErrTooSmall
	}
	c = Conn{
		Protocol: r[1],
		Flags:    binary.BigEndian.Uint32(r[4:]),
		State:    binary.BigEndian.Uint16(r[8:]),
		CPort:    binary.BigEndian.Uint16(r[10:]),
		VPort:    binary.BigEndian.Uint16(r[12:]),
		DPort:    binary.BigEndian.Uint16(r[14:]),
		FWMark:   binary.BigEndian.Uint32(r[16:]),
		Timeout:  binary.BigEndian.Uint32(r[20:]),
	}
	addrs := r[24:]
	c.CAddr, _ = netip.AddrFromSlice(addrs[:alen])
	c.VAddr, _ = netip.AddrFromSlice(addrs[alen : 2*alen])
	c.DAddr, _ = netip.AddrFromSlice(addrs[2*alen : 3*alen])
	for p := fixed; p < len(r); {
		if p+2 > len(r) {
			return c, false, errors.New("truncated option")
		}
		typ, plen := r[p], int(r[p+1])
		p += 2
		if plen == 0 || p+plen > len(r) {
			return c, false, errors.New("bogus option length")
		}
		switch typ &^ optFParam {
		case optSeqData:
			if plen != seqOptLen {
				return c, false, errors.New("bogus sequence option length")
			}
		case optPEData, optPEName:
			// Persistence engine data (sip): xvs runs no engine, and a
			// record that needs one cannot be placed.
			skip = true
		default:
			if typ&optFParam == 0 {
				return c, true, nil // unknown mandatory option: this record only
			}
		}
		p += plen
	}
	return c, skip || !validState(&c), nil
}

func decodeV0(b []byte) (*Message, error) {
	m := &Message{Version: 0, SyncID: b[1]}
	p := headerV0Len
	for range int(b[0]) {
		if p+connV0Len > len(b) {
			return m, ErrTooSmall
		}
		r := b[p:]
		c := Conn{
			Protocol: r[1],
			CPort:    binary.BigEndian.Uint16(r[2:]),
			VPort:    binary.BigEndian.Uint16(r[4:]),
			DPort:    binary.BigEndian.Uint16(r[6:]),
			Flags:    uint32(binary.BigEndian.Uint16(r[20:])),
			State:    binary.BigEndian.Uint16(r[22:]),
		}
		c.CAddr = netip.AddrFrom4([4]byte(r[8:12]))
		c.VAddr = netip.AddrFrom4([4]byte(r[12:16]))
		c.DAddr = netip.AddrFrom4([4]byte(r[16:20]))
		p += connV0Len
		if c.Flags&FlagSeqMask != 0 {
			p += seqOptLen
			if p > len(b) {
				return m, ErrTooSmall
			}
		}
		if validState(&c) {
			m.Conns = append(m.Conns, c)
		}
	}
	return m, nil
}

// validState: the protocol is one IPVS syncs and the state is one of its.
func validState(c *Conn) bool {
	if c.Template() {
		return true
	}
	switch c.Protocol {
	case 6:
		return c.State < TCPLast
	case 17:
		return c.State == UDPNormal
	case 132:
		return c.State < SCTPLast
	}
	return false
}

// EncodeV0 packs IPv4 records into one version 0 message (tests, and
// peers that run sync_version 0).
func EncodeV0(syncID uint8, conns []Conn) []byte {
	b := []byte{uint8(len(conns)), syncID, 0, 0}
	for i := range conns {
		c := &conns[i]
		b = append(b, 0, c.Protocol)
		b = binary.BigEndian.AppendUint16(b, c.CPort)
		b = binary.BigEndian.AppendUint16(b, c.VPort)
		b = binary.BigEndian.AppendUint16(b, c.DPort)
		for _, a := range []netip.Addr{c.CAddr, c.VAddr, c.DAddr} {
			b = append(b, a.AsSlice()...)
		}
		b = binary.BigEndian.AppendUint16(b, uint16(c.Flags&^FlagHashed&^FlagSeqMask))
		b = binary.BigEndian.AppendUint16(b, c.State)
	}
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	return b
}
