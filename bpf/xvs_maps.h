/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The map contract between the XDP datapath and xvsd. This header is the one
 * definition: bpf2go generates the Go types from it (internal/datapath's
 * xvs_bpfel.go), so C and Go never keep two copies of a layout.
 *
 * Addresses are four 32-bit words in network order; IPv4 uses word 0 and
 * leaves the rest zero. Ports are in network order. Times are
 * CLOCK_MONOTONIC_COARSE nanoseconds (bpf_ktime_get_coarse_ns).
 */
#ifndef XVS_MAPS_H
#define XVS_MAPS_H

#include <linux/types.h>

/* Map sizes. Service and destination ids come from the control plane's dense
 * allocators, so arrays indexed by id stay small. */
#define XVS_MAX_SERVICES 65536
#define XVS_MAX_DESTS 262144
#define XVS_MAX_DESTS_PER_SVC 1024
#define XVS_MAX_CONNS 1048576  /* IPv4 */
#define XVS_MAX_CONNS6 262144  /* IPv6 */
#define XVS_MAX_IFACES 64
#define XVS_MAX_TABLE_SLOTS 1048576 /* sh/dh/mh/wrr tables of all services */
#define XVS_WRR_MAX_TABLE 65536
#define XVS_SH_TAB_SIZE 256
#define XVS_DH_TAB_SIZE 256
#define XVS_MH_TAB_SIZE 4093

/* Service flags, as IPVS numbers them (IP_VS_SVC_F_*). */
#define XVS_SVC_F_PERSISTENT 0x0001
#define XVS_SVC_F_ONEPACKET 0x0004
#define XVS_SVC_F_SCHED1 0x0008
#define XVS_SVC_F_SCHED2 0x0010

/* Forwarding methods (IP_VS_CONN_F_FWD_MASK values). */
#define XVS_FWD_MASQ 0
#define XVS_FWD_LOCAL 1
#define XVS_FWD_TUNNEL 2
#define XVS_FWD_ROUTE 3

/* Tunnel types and flags (IP_VS_CONN_F_TUNNEL_TYPE_*, IP_VS_TUNNEL_ENCAP_FLAG_*). */
#define XVS_TUN_IPIP 0
#define XVS_TUN_GUE 1
#define XVS_TUN_GRE 2
#define XVS_TUN_F_CSUM 0x1
#define XVS_TUN_F_REMCSUM 0x2

/* Schedulers the datapath runs. */
enum xvs_sched {
	XVS_SCHED_RR = 0,
	XVS_SCHED_WRR,
	XVS_SCHED_LC,
	XVS_SCHED_WLC,
	XVS_SCHED_SED,
	XVS_SCHED_NQ,
	XVS_SCHED_FO,
	XVS_SCHED_OVF,
	XVS_SCHED_TWOS,
	XVS_SCHED_SH,
	XVS_SCHED_DH,
	XVS_SCHED_MH,
	XVS_SCHED_LBLC,
	XVS_SCHED_LBLCR,
};

/* Connection states: IPVS's TCP states in the kernel's order, UDP's, then
 * SCTP's (IP_VS_SCTP_S_* in the kernel's order from XVS_S_SCTP_NONE). Index
 * into the timeouts map. */
enum xvs_state {
	XVS_S_NONE = 0,
	XVS_S_ESTABLISHED,
	XVS_S_SYN_SENT,
	XVS_S_SYN_RECV,
	XVS_S_FIN_WAIT,
	XVS_S_TIME_WAIT,
	XVS_S_CLOSE,
	XVS_S_CLOSE_WAIT,
	XVS_S_LAST_ACK,
	XVS_S_LISTEN,
	XVS_S_SYNACK,
	XVS_S_UDP,
	XVS_S_SCTP, /* an SCTP association of a datapath before SCTP's states: taken as established */
	XVS_S_ICMP,
	XVS_S_SCTP_NONE,
	XVS_S_SCTP_INIT1,
	XVS_S_SCTP_INIT,
	XVS_S_SCTP_COOKIE_SENT,
	XVS_S_SCTP_COOKIE_REPLIED,
	XVS_S_SCTP_COOKIE_WAIT,
	XVS_S_SCTP_COOKIE,
	XVS_S_SCTP_COOKIE_ECHOED,
	XVS_S_SCTP_ESTABLISHED,
	XVS_S_SCTP_SHUTDOWN_SENT,
	XVS_S_SCTP_SHUTDOWN_RECEIVED,
	XVS_S_SCTP_SHUTDOWN_ACK_SENT,
	XVS_S_SCTP_REJECTED,
	XVS_S_SCTP_CLOSED,
	XVS_S_LAST,
};

/* Key of the services map: (family, protocol, VIP, port), or for a fwmark
 * service (family, fwmark) with the rest zero. */
struct xvs_svc_key {
	__u32 addr[4];
	__be16 port;
	__u8 af; /* AF_INET or AF_INET6 */
	__u8 proto;
	__u32 fwmark;
};

/* Mark rules (xvs's own: XDP sees no skb mark). The longest matching
 * destination prefix decides; its rules are tried in order on protocol
 * (0: any) and destination port range (0-0: any). */
#define XVS_MARK_RULES 8
struct xvs_mark_key {
	__u32 prefixlen; /* 32 + the address prefix length (af and pad come first) */
	__u8 af;
	__u8 pad[3];
	__u32 addr[4];
};
struct xvs_mark_rule {
	__u8 proto;
	__u8 pad;
	__u16 port_lo; /* host order */
	__u16 port_hi;
	__u16 pad2;
	__u32 mark;
};
struct xvs_mark_rules {
	__u32 n;
	struct xvs_mark_rule r[XVS_MARK_RULES];
};

/* A virtual service. Its destinations are svc_dests[(id, gen, 0..ndests-1)]:
 * xvsd writes a new generation, then flips gen in one map update, so a packet
 * sees either the old list or the new one, never half of one. */
struct xvs_svc {
	__u32 id;
	__u32 flags;   /* XVS_SVC_F_* */
	__u32 timeout; /* persistence, seconds */
	__u32 netmask; /* persistence granularity: IPv4 mask (network order) or IPv6 prefix length */
	__u16 ndests;
	__u8 sched; /* enum xvs_sched */
	__u8 gen;   /* 0 or 1: generation of the list and the table */
	__u32 tab_len;    /* slots in sched_tables (sh, dh, mh, wrr) */
	__u32 tab_prefix; /* wrr: slots before the repeating cycle */
	__be16 port;      /* the service's port (0: all ports) */
	__u16 pad;
	__u32 fwmark; /* fwmark services */
};

/* Key of sched_tables: slot of a service's scheduling table. The value is
 * the destination id + 1 (0: empty). sh, dh and mh tables are the kernel's
 * (built by internal/sched); wrr's is the kernel's pick sequence: a prefix
 * (the first pass) then a cycle that repeats. */
struct xvs_table_key {
	__u32 svc_id;
	__u16 slot;
	__u8 gen;
	__u8 pad;
};

/* Key of the addrs map: every IPv6 address the datapath must look at (the
 * IPv4 ones are in addrs4, by the address alone). Packets to or from other
 * addresses leave after one or two lookups. */
struct xvs_addr_key {
	__u32 addr[4];
	__u8 af;
	__u8 pad[3];
};
#define XVS_ADDR_VIP 0x1       /* a service's address */
#define XVS_ADDR_VIP_PORT0 0x2 /* ... with a port-0 (all ports) service */
#define XVS_ADDR_NAT_RIP 0x4   /* a NAT destination's address: its replies come back through us */

/*
 * addr_slots fronts addrs4 with a direct-mapped array (an inlined lookup, no
 * hashing of a map's own): slot XVS_ADDR_SLOT(addr) holds the one IPv4
 * address of addrs4 that falls there, with its flags; an empty slot says
 * "not ours" at once; a slot two addresses share says XVS_ADDR_SHARED and
 * the lookup goes on in addrs4. xvsd writes a slot after addrs4 when an
 * address comes and before it when one goes.
 */
#define XVS_ADDR_SLOTS 65536
#define XVS_ADDR_SLOT(a) ((__u32)((a) * 2654435761u) >> 16)
#define XVS_ADDR_SHARED 0x80000000
struct xvs_addr_slot {
	__u32 addr;
	__u32 flags;
};

/* Key of svc_dests: which slot of which generation of a service's list. */
struct xvs_svc_dest_key {
	__u32 svc_id;
	__u16 idx;
	__u8 gen;
	__u8 pad;
};

/* A destination (real server). */
struct xvs_dest {
	__u32 addr[4];
	__s32 weight;
	__u32 u_threshold;
	__u32 l_threshold;
	__be16 port;
	__u8 af;
	__u8 fwd; /* XVS_FWD_* */
	__u8 tun_type;
	__u8 flags; /* XVS_DEST_F_* */
	__be16 tun_port;
	__u16 tun_flags;
	__u16 pad2;
};
/* A NAT destination whose connections keep a reverse entry: its service is
 * one nat_vips cannot name (fwmark, port 0, or a real server's port in more
 * than XVS_NAT_VIPS services). */
#define XVS_DEST_F_REPLY_ENTRY 0x1

/*
 * A NAT real server's replies (RIP:rport -> CIP:cport) name the client but
 * not the VIP. nat_vips lists, for a RIP:rport, the VIP:vport of the services
 * that send to it, so that a reply finds its connection's forward entry with
 * no entry of its own: a NAT connection is one table entry, as a DR one (IPVS
 * too keeps one ip_vs_conn and compares either side of it).
 */
#define XVS_NAT_VIPS 4
struct xvs_nat_key {
	__u32 addr[4]; /* RIP */
	__be16 port;   /* rport */
	__u8 af;
	__u8 proto;
};
struct xvs_nat_vip {
	__u32 addr[4];
	__be16 port;
	__u16 pad;
};
struct xvs_nat_vips {
	__u32 n;
	struct xvs_nat_vip vip[XVS_NAT_VIPS];
};

/* Key of the connection table: the packet's 5-tuple as it arrives. */
struct xvs_conn_key {
	__u32 saddr[4];
	__u32 daddr[4];
	__be16 sport;
	__be16 dport;
	__u8 af;
	__u8 proto;
	__u16 pad;
};

/* lblc/lblcr: the servers picked for a destination address
 * (ip_vs_lblc_entry, ip_vs_lblcr_entry with its set, newest first). */
#define XVS_LBLCR_SET 8
struct xvs_lblc_key {
	__u32 svc_id;
	__u32 af;
	__u32 addr[4];
};
struct xvs_lblc_entry {
	__u64 lastuse; /* ns */
	__u64 lastmod; /* lblcr: last change of the set, ns */
	__u32 n;       /* lblc: 1; lblcr: members */
	__u32 dests[XVS_LBLCR_SET]; /* destination ids, newest first */
};

/* IPv4 connections live in a table of their own with this 16-byte key:
 * 128 bytes an entry in the kernel instead of 152. */
struct xvs_conn_key4 {
	__u32 saddr;
	__u32 daddr;
	__be16 sport;
	__be16 dport;
	__u8 proto;
	__u8 pad[3];
};

/* Connection flags. */
#define XVS_CONN_F_REVERSE 0x01  /* entry for NAT replies (RIP:rport -> CIP:cport) */
#define XVS_CONN_F_NOOUTPUT 0x02 /* DR/TUN: replies bypass the director */
#define XVS_CONN_F_TEMPLATE 0x04 /* persistence template: key (snet, 0, VIP, vport or 0) */
#define XVS_CONN_F_SYNCED 0x08   /* put in by the backup sync daemon; cleared by the first packet here */
#define XVS_CONN_F_CONTROLLED 0x10 /* of a persistent service: its template controls it (never rescheduled) */
#define XVS_CONN_F_ASSURING 0x20   /* has marked its template assured */
#define XVS_CONN_F_REPLY_ENTRY 0x40 /* NAT: has a reverse entry (XVS_DEST_F_REPLY_ENTRY) */

/* States of a persistence template (IP_VS_CTPL_S_*): assured once a
 * connection it controls is established (TCP, SCTP) or answered (UDP). */
#define XVS_TPL_NONE 0
#define XVS_TPL_ASSURED 1

/*
 * A connection. Forward entries (client -> VIP) hold the destination and the
 * state; a NAT connection that nat_vips cannot find from its replies also
 * has a reverse entry keyed by the reply tuple whose addr/port are the VIP
 * and virtual port to restore.
 */
struct xvs_conn {
	__u64 expires; /* forward entries only */
	__u32 addr[4]; /* forward: RIP; reverse: VIP */
	__u32 state;   /* enum xvs_state, changed with cmpxchg */
	__u32 dest_id;
	__u32 svc_id;
	__be16 port; /* forward: rport; reverse: vport */
	__u8 flags;  /* XVS_CONN_F_* */
	__u8 fwd;
	__u8 af; /* family of addr */
	__u8 tun_type;
	__be16 tun_port;
	__u16 tun_flags;
	__u16 pad;
};

/*
 * IP fragments. Only the first fragment of a datagram carries the ports, so
 * the datapath remembers them by what the kernel's defragmenter keys a
 * datagram by (addresses, protocol, identification) and treats the later
 * fragments as packets of the same connection (frags map, LRU).
 */
#define XVS_MAX_FRAGS 16384
#define XVS_FRAG_SECONDS 30 /* the kernel's ipfrag_time */
struct xvs_frag_key {
	__u32 saddr[4];
	__u32 daddr[4];
	__u32 id; /* as sent: IPv4's 16 bits in the low half, IPv6's 32 */
	__u8 af;
	__u8 proto;
	__u16 pad;
};
struct xvs_frag {
	__u64 expires;
	__be16 sport;
	__be16 dport;
	__u32 pad;
};

/* Path MTUs the director learned from ICMP "fragmentation needed" and
 * "packet too big" about packets it sent towards an address (tun_pmtu,
 * keyed by xvs_addr_key): a tunnel's packets to a real server beyond a
 * narrower link must fit it, as the kernel's route exceptions make IPVS's
 * fit. Kept XVS_PMTU_SECONDS, the kernel's ip_rt_mtu_expires. */
#define XVS_PMTU_SECONDS 600
struct xvs_pmtu {
	__u64 expires;
	__u32 mtu;
	__u32 pad;
};

/* Per-CPU counters of a service or destination (IPVS's ip_vs_kstats). */
struct xvs_counters {
	__u64 conns;
	__u64 inpkts;
	__u64 outpkts;
	__u64 inbytes;
	__u64 outbytes;
};

/*
 * Connection counts of a destination as the datapath saw them start and
 * change state. xvsd keeps the counts of the entries it reaped in its own map
 * (conn_ended); the live count is the difference, so each map has one writer.
 */
struct xvs_conn_counts {
	__u32 active;
	__u32 inactive;
	__u32 persist;
	__u32 overload; /* IP_VS_DEST_F_OVERLOAD as the datapath last set it */
};

/* Scheduler state of a service. */
struct xvs_sched_state {
	__u32 last_dest; /* rr: id+1 of the last destination picked, 0 = none */
	__u32 pos;       /* wrr: picks made from the current table */
};

/* Interface properties xvsd measured (iface_flags map, keyed by ifindex). */
#define XVS_IF_XDP_XMIT 0x1 /* frames redirected to this interface arrive (not a veth whose peer lacks NAPI) */

/* Metadata an XDP verdict hands to the tc program when the frame must leave
 * through the kernel: a veth without NAPI on its peer, or an unresolved
 * neighbour. */
#define XVS_META_MAGIC 0x58565331 /* "XVS1" */
#define XVS_META_F_L2_DONE 0x1    /* MACs are written: plain redirect */
struct xvs_meta {
	__u32 magic;
	__u32 ifindex;
	__u32 flags;
	__u32 nh_family; /* AF_INET/AF_INET6 when nh holds the next hop */
	__u32 nh[4];
};

/* Global datapath counters (index into the percpu "events" array). */
enum xvs_event {
	XVS_EV_PASS = 0,     /* not for a service */
	XVS_EV_FRAGMENT,     /* fragment of no known datagram (or SCTP, ICMP), handed to the kernel */
	XVS_EV_MALFORMED,    /* bad length or header: to the kernel */
	XVS_EV_NO_DEST,      /* no destination available: port unreachable */
	XVS_EV_TABLE_FULL,   /* connection table full: dropped */
	XVS_EV_XMIT_KERNEL,  /* left through the kernel (tc redirect) */
	XVS_EV_NO_NEIGH,     /* neighbour unresolved: handed to the kernel */
	XVS_EV_FRAG_NEEDED,  /* ICMP fragmentation needed / packet too big sent */
	XVS_EV_FIB_FAIL,     /* no route: dropped */
	XVS_EV_ICMP_FWD,     /* ICMP error about a connection forwarded */
	XVS_EV_NOT_SYN,      /* TCP without SYN and no connection: to the kernel */
	XVS_EV_DEST_GONE,    /* packet of a connection whose real server was deleted: dropped */
	XVS_EV_TTL_EXPIRED,  /* TTL (hop limit) ran out: ICMP time exceeded sent */
	XVS_EV_LAST,
};

#endif
