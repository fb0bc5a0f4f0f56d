// Package model is xvs's table of virtual services: the same objects, rules and
// error numbers as the kernel IPVS control plane (net/netfilter/ipvs/ip_vs_ctl.c),
// without any I/O. The daemon owns one Table; the CLI, the API and the datapath
// all speak in these types.
package model

import (
	"net/netip"
	"strings"

	"golang.org/x/sys/unix"
)

// Address families, as the kernel numbers them.
const (
	AFInet  uint16 = unix.AF_INET
	AFInet6 uint16 = unix.AF_INET6
)

// Protocols of virtual services.
const (
	ProtoTCP  uint8 = unix.IPPROTO_TCP
	ProtoUDP  uint8 = unix.IPPROTO_UDP
	ProtoSCTP uint8 = unix.IPPROTO_SCTP
)

// Service flags (IP_VS_SVC_F_*).
const (
	SvcPersistent uint32 = 0x0001
	SvcHashed     uint32 = 0x0002
	SvcOnePacket  uint32 = 0x0004
	SvcSched1     uint32 = 0x0008 // sh-fallback / mh-fallback / flag-1
	SvcSched2     uint32 = 0x0010 // sh-port / mh-port / flag-2
	SvcSched3     uint32 = 0x0020 // flag-3
	SvcSchedMask         = SvcSched1 | SvcSched2 | SvcSched3
)

// Forwarding methods (IP_VS_CONN_F_FWD_MASK values).
const (
	FwdMasq   uint8 = 0
	FwdLocal  uint8 = 1
	FwdTunnel uint8 = 2
	FwdRoute  uint8 = 3
)

// Tunnel types (IP_VS_CONN_F_TUNNEL_TYPE_*).
const (
	TunIPIP uint8 = 0
	TunGUE  uint8 = 1
	TunGRE  uint8 = 2
)

// Tunnel encapsulation flags (IP_VS_TUNNEL_ENCAP_FLAG_*). NOCSUM is the absence of the others.
const (
	TunFlagNoCsum  uint16 = 0
	TunFlagCsum    uint16 = 1 << 0
	TunFlagRemCsum uint16 = 1 << 1
)

// Limits the kernel and ipvsadm enforce.
const (
	DefaultScheduler         = "wlc"
	DefaultPersistentTimeout = 360 // IPVS_SVC_PERSISTENT_TIMEOUT in libipvs.h
	MaxTimeout               = 31 * 24 * 60 * 60
	ConnTabSize              = 4096 // 1 << CONFIG_IP_VS_TAB_BITS, shown as "size=" in listings
	DestTrashSeconds         = 120  // IP_VS_DEST_TRASH_PERIOD
	IPVSVersion              = 0x010201
)

// Default protocol timeouts in seconds (tcp ESTABLISHED, tcp FIN_WAIT, udp).
const (
	DefaultTCPTimeout    = 900
	DefaultTCPFinTimeout = 120
	DefaultUDPTimeout    = 300
)

// ServiceKey identifies a virtual service: by fwmark (FWMark != 0) or by
// protocol, address and port.
type ServiceKey struct {
	AF       uint16     `json:"af"`
	Protocol uint8      `json:"protocol,omitempty"`
	Addr     netip.Addr `json:"addr,omitzero"`
	Port     uint16     `json:"port,omitempty"`
	FWMark   uint32     `json:"fwmark,omitempty"`
}

// IsFWMark reports whether the key names a firewall-mark service.
func (k ServiceKey) IsFWMark() bool { return k.FWMark != 0 }

// Same reports whether two keys name the same service, as ip_vs_service_find does.
func (k ServiceKey) Same(o ServiceKey) bool {
	if k.IsFWMark() || o.IsFWMark() {
		return k.FWMark == o.FWMark && k.AF == o.AF
	}
	return k.AF == o.AF && k.Protocol == o.Protocol && k.Addr == o.Addr && k.Port == o.Port
}

// ServiceConfig is what a user sets on a service (ipvsadm -A/-E).
type ServiceConfig struct {
	ServiceKey
	Scheduler string `json:"scheduler,omitempty"`
	PE        string `json:"pe,omitempty"`
	Flags     uint32 `json:"flags,omitempty"`
	Timeout   uint32 `json:"timeout,omitempty"` // persistence timeout, seconds
	// Netmask is the persistence granularity: an IPv4 mask as a host-order
	// uint32 (0xffffffff = /32) or an IPv6 prefix length.
	Netmask uint32 `json:"netmask,omitempty"`
}

// DestKey identifies a destination within a service.
type DestKey struct {
	AF   uint16     `json:"af"`
	Addr netip.Addr `json:"addr"`
	Port uint16     `json:"port"`
}

// DestConfig is what a user sets on a destination (ipvsadm -a/-e).
type DestConfig struct {
	DestKey
	Fwd        uint8  `json:"fwd,omitempty"`
	Weight     int32  `json:"weight"`
	UThreshold uint32 `json:"u_threshold,omitempty"`
	LThreshold uint32 `json:"l_threshold,omitempty"`
	TunType    uint8  `json:"tun_type,omitempty"`
	TunPort    uint16 `json:"tun_port,omitempty"`
	TunFlags   uint16 `json:"tun_flags,omitempty"`
}

// Stats are a service's or destination's counters since the last zeroing,
// and the rate estimator's read-out (ip_vs_read_estimator).
type Stats struct {
	Conns    uint64 `json:"conns"`
	InPkts   uint64 `json:"inpkts"`
	OutPkts  uint64 `json:"outpkts"`
	InBytes  uint64 `json:"inbytes"`
	OutBytes uint64 `json:"outbytes"`
	CPS      uint64 `json:"cps"`
	InPPS    uint64 `json:"inpps"`
	OutPPS   uint64 `json:"outpps"`
	InBPS    uint64 `json:"inbps"`
	OutBPS   uint64 `json:"outbps"`
}

// Dest is a destination (real server) of a service.
type Dest struct {
	DestConfig
	// ID is stable for the destination's life, including a stay in the trash;
	// the datapath keys its counters by it.
	ID           uint32 `json:"id"`
	ActiveConns  uint32 `json:"active_conns,omitempty"`
	InactConns   uint32 `json:"inact_conns,omitempty"`
	PersistConns uint32 `json:"persist_conns,omitempty"`
	// LastWeight is the latest non-zero weight (the mh scheduler builds its table from it).
	LastWeight int32 `json:"last_weight"`
	Stats      Stats `json:"stats,omitzero"`
}

// Service is a virtual service and its destinations, newest first as the kernel keeps them.
type Service struct {
	ServiceConfig
	ID    uint32  `json:"id"`
	Dests []*Dest `json:"dests"`
	Stats Stats   `json:"stats,omitzero"`
}

// Timeouts are the --set values in seconds.
type Timeouts struct {
	TCP    uint32 `json:"tcp"`
	TCPFin uint32 `json:"tcpfin"`
	UDP    uint32 `json:"udp"`
}

// DefaultTimeouts are the kernel's defaults.
func DefaultTimeouts() Timeouts {
	return Timeouts{TCP: DefaultTCPTimeout, TCPFin: DefaultTCPFinTimeout, UDP: DefaultUDPTimeout}
}

// Sync daemon states (IP_VS_STATE_*).
const (
	SyncMaster uint32 = 1
	SyncBackup uint32 = 2
)

// SyncDaemon holds one running sync daemon's settings as the kernel reports
// them (defaults filled in).
type SyncDaemon struct {
	State      uint32     `json:"state"`
	MCastIfn   string     `json:"mcast_ifn"`
	SyncID     uint8      `json:"syncid"`
	SyncMaxLen uint16     `json:"sync_maxlen"`
	MCastGroup netip.Addr `json:"mcast_group,omitzero"`
	MCastPort  uint16     `json:"mcast_port"`
	MCastTTL   uint8      `json:"mcast_ttl"`
}

// ProtocolName is a service protocol's lower-case name ("tcp", "udp",
// "sctp"), "" for others.
func ProtocolName(p uint8) string {
	switch p {
	case ProtoTCP:
		return "tcp"
	case ProtoUDP:
		return "udp"
	case ProtoSCTP:
		return "sctp"
	}
	return ""
}

// ParseProtocol reads tcp, udp or sctp in any case.
func ParseProtocol(s string) (uint8, bool) {
	for _, p := range []uint8{ProtoTCP, ProtoUDP, ProtoSCTP} {
		if strings.EqualFold(s, ProtocolName(p)) {
			return p, true
		}
	}
	return 0, false
}
