// Package vrrp is VRRP (RFC 3768 version 2, RFC 5798 version 3), the
// director failover keepalived runs beside IPVS: routers of one virtual
// router id elect a master by priority; the master holds the virtual
// addresses and announces itself every advert interval; when its adverts
// stop, the best backup takes over. xvs speaks keepalived's dialect of it,
// so an xvs director and a keepalived director can back each other up.
package vrrp

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"time"
)

// Protocol is VRRP's IP protocol number; adverts go with TTL (hop limit)
// 255 to the group, or to each unicast peer.
const (
	Protocol = 112
	TTL      = 255
)

// The multicast groups (RFC 5798 5.1).
var (
	Group4 = netip.MustParseAddr("224.0.0.18")
	Group6 = netip.MustParseAddr("ff02::12")
)

// Authentication types of version 2 (RFC 3768 5.3.6).
const (
	AuthNone = 0
	AuthPass = 1
	AuthAH   = 2
)

// Priorities with a meaning of their own.
const (
	PriorityStop  = 0   // the master is leaving: take over now
	PriorityOwner = 255 // the router owns the addresses
)

// Advert is a VRRP advertisement.
type Advert struct {
	Version  int // 2 or 3
	VRID     uint8
	Priority uint8
	// Interval is the advertisement interval: whole seconds in version 2,
	// centiseconds in version 3.
	Interval time.Duration
	Addrs    []netip.Addr
	AuthType uint8   // version 2
	AuthData [8]byte // version 2, type 1: the password, zero-padded
}

const (
	typeAdvert  = 1
	headerLen   = 8
	authDataLen = 8
)

// Marshal is the advert's bytes as sent from src to dst (version 3's
// checksum covers a pseudo-header of both).
func (a *Advert) Marshal(src, dst netip.Addr) ([]byte, error) {
	if a.Version != 2 && a.Version != 3 {
		return nil, fmt.Errorf("vrrp: version %d", a.Version)
	}
	if len(a.Addrs) == 0 || len(a.Addrs) > 255 {
		return nil, fmt.Errorf("vrrp: %d addresses", len(a.Addrs))
	}
	b := make([]byte, headerLen, headerLen+16*len(a.Addrs)+authDataLen)
	b[0] = byte(a.Version<<4 | typeAdvert)
	b[1] = a.VRID
	b[2] = a.Priority
	b[3] = byte(len(a.Addrs))
	if a.Version == 2 {
		secs := a.Interval / time.Second
		if secs < 1 || secs > 255 {
			return nil, fmt.Errorf("vrrp: version 2 interval %v", a.Interval)
		}
		b[4], b[5] = a.AuthType, byte(secs)
	} else {
		cs := a.Interval / (10 * time.Millisecond)
		if cs < 1 || cs > 0xfff {
			return nil, fmt.Errorf("vrrp: version 3 interval %v", a.Interval)
		}
		binary.BigEndian.PutUint16(b[4:], uint16(cs))
	}
	for _, ip := range a.Addrs {
		if ip.Is4() != src.Is4() {
			return nil, fmt.Errorf("vrrp: address %s in an advert from %s", ip, src)
		}
		b = append(b, ip.AsSlice()...)
	}
	if a.Version == 2 {
		b = append(b, a.AuthData[:]...)
	}
	binary.BigEndian.PutUint16(b[6:], checksum(a.Version, src, dst, b))
	return b, nil
}

// checksum is VRRP's: the one's complement sum of the message, with
// version 3's pseudo-header.
func checksum(version int, src, dst netip.Addr, msg []byte) uint16 {
	var sum uint32
	add := func(b []byte) {
		for i := 0; i+1 < len(b); i += 2 {
			sum += uint32(binary.BigEndian.Uint16(b[i:]))
		}
		if len(b)%2 == 1 {
			sum += uint32(b[len(b)-1]) << 8
		}
	}
	if version == 3 {
		add(src.AsSlice())
		add(dst.AsSlice())
		var tail [8]byte
		if src.Is4() {
			binary.BigEndian.PutUint16(tail[0:], Protocol)
			binary.BigEndian.PutUint16(tail[2:], uint16(len(msg)))
			add(tail[:4])
		} else {
			binary.BigEndian.PutUint32(tail[0:], uint32(len(msg)))
			binary.BigEndian.PutUint32(tail[4:], Protocol)
			add(tail[:])
		}
	}
	zeroed := append([]byte(nil), msg...)
	zeroed[6], zeroed[7] = 0, 0
	add(zeroed)
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// Parse errors: the advert is dropped (RFC 5798 7.1).
var (
	ErrShort    = errors.New("vrrp: advert too short")
	ErrVersion  = errors.New("vrrp: unknown version or type")
	ErrChecksum = errors.New("vrrp: bad checksum")
)

// Parse reads an advert received from src to dst.
func Parse(b []byte, src, dst netip.Addr) (*Advert, error) {
	if len(b) < headerLen {
		return nil, ErrShort
	}
	a := &Advert{Version: int(b[0] >> 4), VRID: b[1], Priority: b[2]}
	if b[0]&0xf != typeAdvert || (a.Version != 2 && a.Version != 3) {
		return nil, ErrVersion
	}
	alen := 4
	if src.Is6() {
		alen = 16
	}
	n := int(b[3])
	need := headerLen + n*alen
	if a.Version == 2 {
		need += authDataLen
	}
	if len(b) < need {
		return nil, ErrShort
	}
	if checksum(a.Version, src, dst, b[:need]) != binary.BigEndian.Uint16(b[6:]) {
		return nil, ErrChecksum
	}
	if a.Version == 2 {
		a.AuthType = b[4]
		a.Interval = time.Duration(b[5]) * time.Second
		copy(a.AuthData[:], b[headerLen+n*alen:])
	} else {
		a.Interval = time.Duration(binary.BigEndian.Uint16(b[4:])&0xfff) * 10 * time.Millisecond
	}
	for i := range n {
		ip, _ := netip.AddrFromSlice(b[headerLen+i*alen : headerLen+(i+1)*alen])
		a.Addrs = append(a.Addrs, ip)
	}
	return a, nil
}
