package datapath

import (
	"encoding/binary"
	"hash/crc32"
	"net/netip"
	"testing"

	"xvs/internal/model"
)

const protoSCTPTest = 132

// sctpFrame is an SCTP packet src:sport -> dst:dport with the given chunks
// (type, then length 4: no value), CRC32c filled in.
func sctpFrame(srcMAC, dstMAC [6]byte, src, dst netip.Addr, sport, dport uint16, chunks ...byte) []byte {
	b := make([]byte, 12, 12+4*len(chunks))
	binary.BigEndian.PutUint16(b[0:], sport)
	binary.BigEndian.PutUint16(b[2:], dport)
	binary.BigEndian.PutUint32(b[4:], 0x01020304)
	for _, c := range chunks {
		b = append(b, c, 0, 0, 4)
	}
	binary.LittleEndian.PutUint32(b[8:], crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))
	return ether(dstMAC, srcMAC, etherType(src), ipPacket(src, dst, protoSCTPTest, b))
}

// SCTP chunk types (RFC 4960 3.2).
const (
	chData, chInit, chInitAck, chAbort, chShutdown, chShutdownAck = 0, 1, 2, 6, 7, 8
	chCookieEcho, chCookieAck, chShutdownComplete                 = 10, 11, 14
)

// TestSCTPStates: an association through NAT walks IPVS's SCTP states
// (INIT1, C-SENT, C-REPLIED, ESTABLISHED, S-RECEIVED, S-ACK-SENT, CLOSED)
// with their timeouts and counts as active only while established; only an
// INIT starts a connection (not DATA nor ABORT), and an INIT on a CLOSED
// association starts a new one.
func TestSCTPStates(t *testing.T) {
	withDirector(t, func(fx *fixture) {
		fx.service(protoSCTPTest, vip4, 9, Dest{Addr: rip4, Port: 9, Fwd: model.FwdMasq}, "rr")
		in := func(chunks ...byte) uint32 {
			ret, _ := fx.run(sctpFrame(macClient, macDirector, cip4, vip4, 5000, 9, chunks...))
			return ret
		}
		out := func(chunks ...byte) uint32 {
			ret, _ := fx.run(sctpFrame(macRS, macDirector, rip4, cip4, 9, 5000, chunks...))
			return ret
		}
		// Not an INIT: no connection.
		for _, c := range []byte{chData, chAbort} {
			notSyn := fx.event("not_syn")
			if ret, _ := fx.run(sctpFrame(macClient, macDirector, cip4, vip4, 5001, 9, c)); ret != xdpPass || fx.event("not_syn") != notSyn+1 {
				t.Errorf("chunk %d of no association: verdict %d", c, ret)
			}
		}
		steps := []struct {
			send    func(...byte) uint32
			chunks  []byte
			state   string
			timeout uint32
			active  uint32
		}{
			{in, []byte{chInit}, "INIT1", 4, 0},
			{out, []byte{chInitAck}, "C-SENT", 61, 0},
			{in, []byte{chCookieEcho}, "C-REPLIED", 61, 0},
			{out, []byte{chCookieAck}, "ESTABLISHED", 900, 1},
			{in, []byte{chData}, "ESTABLISHED", 900, 1},
			{in, []byte{chShutdown}, "S-RECEIVED", 61, 0},
			{out, []byte{chShutdownAck}, "S-ACK-SENT", 61, 0},
			{in, []byte{chShutdownComplete}, "CLOSED", 61, 0},
		}
		for i, st := range steps {
			if ret := st.send(st.chunks...); ret != xdpTX {
				t.Fatalf("step %d (%s): verdict %d", i, st.state, ret)
			}
			conns, _ := fx.d.Conns()
			var got *Conn
			for j := range conns {
				if conns[j].CPort == 5000 {
					got = &conns[j]
				}
			}
			cc, _ := fx.d.ConnCounts()
			if got == nil || got.State != st.state || got.Expires.Seconds() > float64(st.timeout) ||
				got.Expires.Seconds() < float64(st.timeout)-2 || cc[1].Active != st.active {
				t.Errorf("step %d: %+v, counts %+v, want %s for %d s, %d active", i, got, cc[1], st.state, st.timeout, st.active)
			}
		}
		// A COOKIE ECHO bundled with an ABORT is an ABORT.
		if ret, _ := fx.run(sctpFrame(macClient, macDirector, cip4, vip4, 5002, 9, chInit)); ret != xdpTX {
			t.Fatalf("INIT: %d", ret)
		}
		fx.run(sctpFrame(macRS, macDirector, rip4, cip4, 9, 5002, chInitAck))
		fx.run(sctpFrame(macClient, macDirector, cip4, vip4, 5002, 9, chCookieEcho, chAbort))
		if st := fx.connState(cip4, vip4, protoSCTPTest, 5002, 9); st != "CLOSED" {
			t.Errorf("COOKIE ECHO + ABORT: %s", st)
		}
		// An INIT on the closed association is a new connection.
		c1, _, _ := fx.d.Counters()
		in(chInit)
		c2, _, _ := fx.d.Counters()
		if c2[1].Conns != c1[1].Conns+1 || fx.connState(cip4, vip4, protoSCTPTest, 5000, 9) != "INIT1" {
			t.Errorf("INIT after CLOSED: conns %d -> %d, state %s", c1[1].Conns, c2[1].Conns,
				fx.connState(cip4, vip4, protoSCTPTest, 5000, 9))
		}
	})
}
