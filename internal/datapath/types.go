package datapath

import (
	"encoding/binary"
	"net/netip"
	"time"

	"xvs/internal/model"
)

// Service is a virtual service as the datapath needs it.
type Service struct {
	ID        uint32
	AF        uint16
	Protocol  uint8
	Addr      netip.Addr
	Port      uint16
	FWMark    uint32
	Scheduler string
	Flags     uint32
	Timeout   uint32
	Netmask   uint32
	Dests     []Dest // in the control plane's list order (newest first)
}

// Dest is a destination of a service.
type Dest struct {
	ID         uint32
	AF         uint16
	Addr       netip.Addr
	Port       uint16
	Fwd        uint8
	Weight     int32
	LastWeight int32 // latest non-zero weight (mh's table)
	UThreshold uint32
	LThreshold uint32
	TunType    uint8
	TunPort    uint16
	TunFlags   uint16
}

// Timeouts are the --set values in seconds (0 = the kernel's default).
type Timeouts model.Timeouts

// Counters are cumulative per-object counters (summed over CPUs).
type Counters struct {
	Conns, InPkts, OutPkts, InBytes, OutBytes uint64
}

// ConnCounts are a destination's live connections.
type ConnCounts struct {
	Active, Inactive, Persist uint32
}

// Conn is one entry of the connection table, as ipvsadm -L -c shows it.
type Conn struct {
	Protocol   uint8
	AF         uint16
	CAddr      netip.Addr
	CPort      uint16
	VAddr      netip.Addr
	VPort      uint16
	DAddr      netip.Addr
	DPort      uint16
	State      string
	Expires    time.Duration
	Template   bool
	DestID     uint32
	ServiceID  uint32
	Forwarding uint8
}

// schedulers maps scheduler names to the datapath's numbers (enum xvs_sched).
var schedulers = map[string]xvsXvsSched{
	"rr": xvsXvsSchedXVS_SCHED_RR, "wrr": xvsXvsSchedXVS_SCHED_WRR, "lc": xvsXvsSchedXVS_SCHED_LC,
	"wlc": xvsXvsSchedXVS_SCHED_WLC, "sed": xvsXvsSchedXVS_SCHED_SED, "nq": xvsXvsSchedXVS_SCHED_NQ,
	"fo": xvsXvsSchedXVS_SCHED_FO, "ovf": xvsXvsSchedXVS_SCHED_OVF, "twos": xvsXvsSchedXVS_SCHED_TWOS,
	"sh": xvsXvsSchedXVS_SCHED_SH, "dh": xvsXvsSchedXVS_SCHED_DH, "mh": xvsXvsSchedXVS_SCHED_MH,
	"lblc": xvsXvsSchedXVS_SCHED_LBLC, "lblcr": xvsXvsSchedXVS_SCHED_LBLCR,
}

// runsInDatapath: the schedulers bpf/sched.h implements.
var runsInDatapath = map[string]bool{"rr": true, "wrr": true, "lc": true, "wlc": true, "sed": true, "nq": true,
	"fo": true, "ovf": true, "twos": true, "sh": true, "dh": true, "mh": true, "lblc": true, "lblcr": true}

// stateNames are ipvsadm -L -c's names of enum xvs_state: TCP's, UDP's,
// an older datapath's SCTP association, ICMP's, SCTP's
// (sctp_state_name_table).
var stateNames = [...]string{"NONE", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT", "TIME_WAIT", "CLOSE",
	"CLOSE_WAIT", "LAST_ACK", "LISTEN", "SYNACK", "UDP", "ESTABLISHED", "ICMP",
	"NONE", "INIT1", "INIT", "C-SENT", "C-REPLIED", "C-WAIT", "COOKIE", "C-ECHOED", "ESTABLISHED", "S-SENT",
	"S-RECEIVED", "S-ACK-SENT", "REJECTED", "CLOSED"}

// sctpTimeouts are the kernel's sctp_timeouts by state from
// XVS_S_SCTP_NONE, in seconds (IP_VS_SCTP_MAX_RTO is 61 s).
var sctpTimeouts = [...]uint32{2, 4, 61, 61, 61, 61, 61, 61, 900, 61, 61, 61, 4, 61}

// activeState: a connection ActiveConn counts, as the datapath's
// active_state (TCP established or before it, SCTP established).
func activeState(s uint32) bool {
	switch xvsXvsState(s) {
	case xvsXvsStateXVS_S_ESTABLISHED, xvsXvsStateXVS_S_SYN_SENT, xvsXvsStateXVS_S_SYN_RECV,
		xvsXvsStateXVS_S_SYNACK, xvsXvsStateXVS_S_SCTP_ESTABLISHED:
		return true
	}
	return false
}

// templateStateNames are the kernel's names of a template's states
// (ip_vs_ctpl_state_name_table).
var templateStateNames = [...]string{"NONE", "ASSURED"}

// tcpDefaultTimeouts are the kernel's tcp_timeouts by state, in seconds.
var tcpDefaultTimeouts = [...]uint32{2, 900, 120, 60, 120, 120, 10, 60, 30, 120, 120}

// addrWords is an address as the maps keep it: network-order bytes in four
// 32-bit words, IPv4 in the first.
func addrWords(a netip.Addr) [4]uint32 {
	var w [4]uint32
	if a.Is4() {
		b := a.As4()
		w[0] = binary.NativeEndian.Uint32(b[:])
		return w
	}
	b := a.As16()
	for i := range w {
		w[i] = binary.NativeEndian.Uint32(b[i*4:])
	}
	return w
}

func wordsAddr(af uint8, w [4]uint32) netip.Addr {
	var b [16]byte
	for i := range w {
		binary.NativeEndian.PutUint32(b[i*4:], w[i])
	}
	if af == afInet {
		return netip.AddrFrom4([4]byte(b[:4]))
	}
	return netip.AddrFrom16(b)
}

// be16 converts a port to the network order the maps keep, and back.
func be16(v uint16) uint16 {
	var b [2]byte
	binary.BigEndian.PutUint16(b[:], v)
	return binary.NativeEndian.Uint16(b[:])
}

const (
	afInet  = uint8(model.AFInet)
	afInet6 = uint8(model.AFInet6)
)
