// SPDX-License-Identifier: GPL-2.0
/*
 * xvs director datapath: XDP program on every attached interface, plus a tc
 * ingress program that sends a frame out through the kernel when XDP cannot
 * (a veth peer without NAPI, a neighbour not resolved yet).
 *
 * Per packet: parse -> connection table -> (new connection: service lookup,
 * schedule, insert) -> rewrite for the forwarding method (NAT, DR, TUN) ->
 * FIB lookup -> redirect. Everything not for a virtual service is XDP_PASS.
 */
#include "packet.h"
#include <linux/pkt_cls.h>
#include "xvs_maps.h"

char LICENSE[] SEC("license") = "GPL";

#define PIN __uint(pinning, LIBBPF_PIN_BY_NAME)

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_svc_key);
	__type(value, struct xvs_svc);
	__uint(max_entries, XVS_MAX_SERVICES);
	PIN;
} services SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__type(key, struct xvs_mark_key);
	__type(value, struct xvs_mark_rules);
	__uint(max_entries, 4096);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	PIN;
} mark_rules SEC(".maps");

/* Settings of the whole datapath, written by xvsd: [0] = number of mark
 * rules (0: skip the mark lookup). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, 1);
	PIN;
} settings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_addr_key);
	__type(value, __u32); /* XVS_ADDR_* */
	__uint(max_entries, XVS_MAX_SERVICES + XVS_MAX_DESTS);
	PIN;
} addrs SEC(".maps");

/* The IPv4 addresses (addrs has the IPv6 ones), by a 4-byte key: what a
 * shared addr_slots slot sends the lookup on to. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u32); /* XVS_ADDR_* */
	__uint(max_entries, XVS_MAX_SERVICES + XVS_MAX_DESTS);
	PIN;
} addrs4 SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_addr_slot);
	__uint(max_entries, XVS_ADDR_SLOTS);
	PIN;
} addr_slots SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_svc_dest_key);
	__type(value, __u32); /* destination id */
	__uint(max_entries, 2 * XVS_MAX_DESTS);
	PIN;
} svc_dests SEC(".maps");

/* Destinations by id; an entry with af 0 is free (deleted). An array: a
 * connection's packets check that its destination is still there. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_dest);
	__uint(max_entries, XVS_MAX_DESTS);
	PIN;
} dests SEC(".maps");

/* Services by id (af 0: free), for what a connection must find of its
 * service: its persistence template. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_svc);
	__uint(max_entries, XVS_MAX_SERVICES);
	PIN;
} svc_by_id SEC(".maps");

/* dest_get is the destination of an id, NULL when it was deleted. */
static __always_inline struct xvs_dest *dest_get(__u32 id)
{
	struct xvs_dest *d = bpf_map_lookup_elem(&dests, &id);
	return d && d->af ? d : 0;
}

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_conn_key);
	__type(value, struct xvs_conn);
	__uint(max_entries, XVS_MAX_CONNS6);
	PIN;
} conns SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_conn_key4);
	__type(value, struct xvs_conn);
	__uint(max_entries, XVS_MAX_CONNS);
	PIN;
} conns4 SEC(".maps");

/* The VIPs of a NAT real server's port (see struct xvs_nat_vips); written by
 * xvsd, allocated as used. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_nat_key);
	__type(value, struct xvs_nat_vips);
	__uint(max_entries, XVS_MAX_DESTS);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	PIN;
} nat_vips SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct xvs_frag_key);
	__type(value, struct xvs_frag);
	__uint(max_entries, XVS_MAX_FRAGS);
	PIN;
} frags SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__type(key, struct xvs_addr_key);
	__type(value, struct xvs_pmtu);
	__uint(max_entries, 4096);
	PIN;
} tun_pmtu SEC(".maps");

/* The connection table's operations, on conns4 for IPv4 keys. */
static __always_inline void key4(struct xvs_conn_key *k, struct xvs_conn_key4 *k4)
{
	k4->saddr = k->saddr[0];
	k4->daddr = k->daddr[0];
	k4->sport = k->sport;
	k4->dport = k->dport;
	k4->proto = k->proto;
	k4->pad[0] = k4->pad[1] = k4->pad[2] = 0;
}

/* conns4_lookup keeps its lookup apart from a conns lookup beside it: clang
 * would merge the two into one call that both maps reach, which the verifier
 * cannot inline (a helper call instead on every packet;
 * TestNoSharedLookupSites). */
static __always_inline struct xvs_conn *conns4_lookup(struct xvs_conn_key4 *k4)
{
	struct xvs_conn *c = bpf_map_lookup_elem(&conns4, k4);
	barrier_var(c);
	return c;
}

static __always_inline struct xvs_conn *conn_lookup(struct xvs_conn_key *k)
{
	if (k->af == AF_INET) {
		struct xvs_conn_key4 k4;
		key4(k, &k4);
		return conns4_lookup(&k4);
	}
	return bpf_map_lookup_elem(&conns, k);
}

static __always_inline long conn_update(struct xvs_conn_key *k, struct xvs_conn *v)
{
	if (k->af == AF_INET) {
		struct xvs_conn_key4 k4;
		key4(k, &k4);
		return bpf_map_update_elem(&conns4, &k4, v, BPF_ANY);
	}
	return bpf_map_update_elem(&conns, k, v, BPF_ANY);
}

static __always_inline void conn_delete(struct xvs_conn_key *k)
{
	if (k->af == AF_INET) {
		struct xvs_conn_key4 k4;
		key4(k, &k4);
		bpf_map_delete_elem(&conns4, &k4);
		return;
	}
	bpf_map_delete_elem(&conns, k);
}

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_counters);
	__uint(max_entries, XVS_MAX_SERVICES);
	PIN;
} svc_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_counters);
	__uint(max_entries, XVS_MAX_DESTS);
	PIN;
} dest_stats SEC(".maps");

/* Connection counts the datapath started (its own writes only). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_conn_counts);
	__uint(max_entries, XVS_MAX_DESTS);
	PIN;
} conn_started SEC(".maps");

/* Connection counts xvsd reaped (its own writes only). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_conn_counts);
	__uint(max_entries, XVS_MAX_DESTS);
	PIN;
} conn_ended SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_table_key);
	__type(value, __u32); /* destination id + 1 */
	__uint(max_entries, XVS_MAX_TABLE_SLOTS);
	PIN;
} sched_tables SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_lblc_key);
	__type(value, struct xvs_lblc_entry);
	__uint(max_entries, 65536);
	PIN;
} lblc_table SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_sched_state);
	__uint(max_entries, XVS_MAX_SERVICES);
	PIN;
} sched_state SEC(".maps");

/* Timeouts in seconds by connection state (enum xvs_state). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, enum xvs_state);
	__type(value, __u32);
	__uint(max_entries, XVS_S_LAST);
	PIN;
} timeouts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP_HASH);
	__type(key, __u32);
	__type(value, __u32);
	__uint(max_entries, XVS_MAX_IFACES);
	PIN;
} tx_ports SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, __u32); /* XVS_IF_* */
	__uint(max_entries, XVS_MAX_IFACES);
	PIN;
} iface_flags SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, enum xvs_event);
	__type(value, __u64);
	__uint(max_entries, XVS_EV_LAST);
	PIN;
} events SEC(".maps");

/*
 * xvs_now is the datapath's clock: CLOCK_MONOTONIC_COARSE. Timeouts are
 * seconds, so a tick's resolution is plenty, and on a VM it costs a few ns
 * where bpf_ktime_get_ns costs ~30 (a third of a forwarded packet).
 */
static __always_inline __u64 xvs_now(void)
{
	return bpf_ktime_get_coarse_ns();
}

static __always_inline void count_event(enum xvs_event ev)
{
	__u32 k = ev;
	__u64 *v = bpf_map_lookup_elem(&events, &k);
	if (v)
		*v += 1;
}


/* counted_bytes is what a packet adds to the byte counters. IPVS counts a
 * fragmented datagram once, reassembled: a later fragment adds its payload
 * and no packet, and IPv6's fragment header (8 bytes) is not counted. */
static __always_inline __u32 counted_bytes(struct pkt *p)
{
	if (p->frag_later)
		return p->l3_len - (p->l4_off - p->l3_off);
	return p->l3_len - (p->frag && p->af == AF_INET6 ? 8 : 0);
}

static __always_inline void count_in(__u32 svc_id, __u32 dest_id, struct pkt *p, int new_conn)
{
	__u32 bytes = counted_bytes(p), pkts = !p->frag_later;
	struct xvs_counters *s = bpf_map_lookup_elem(&svc_stats, &svc_id);
	if (s) {
		s->inpkts += pkts;
		s->inbytes += bytes;
		s->conns += new_conn;
	}
	struct xvs_counters *d = bpf_map_lookup_elem(&dest_stats, &dest_id);
	if (d) {
		d->inpkts += pkts;
		d->inbytes += bytes;
		d->conns += new_conn;
	}
}

static __always_inline void count_out(__u32 svc_id, __u32 dest_id, struct pkt *p)
{
	__u32 bytes = counted_bytes(p), pkts = !p->frag_later;
	struct xvs_counters *s = bpf_map_lookup_elem(&svc_stats, &svc_id);
	if (s) {
		s->outpkts += pkts;
		s->outbytes += bytes;
	}
	struct xvs_counters *d = bpf_map_lookup_elem(&dest_stats, &dest_id);
	if (d) {
		d->outpkts += pkts;
		d->outbytes += bytes;
	}
}

static __always_inline void frag_key(struct pkt *p, struct xvs_frag_key *k)
{
	__builtin_memcpy(k->saddr, p->saddr, 16);
	__builtin_memcpy(k->daddr, p->daddr, 16);
	k->id = p->frag_id;
	k->af = p->af;
	k->proto = p->proto;
	k->pad = 0;
}

/* frag_remember keeps a first fragment's ports for the fragments after it. */
static __noinline void frag_remember(struct pkt *p)
{
	struct xvs_frag_key k;
	frag_key(p, &k);
	struct xvs_frag f = {.sport = p->sport, .dport = p->dport};
	f.expires = xvs_now() + XVS_FRAG_SECONDS * 1000000000ULL;
	bpf_map_update_elem(&frags, &k, &f, BPF_ANY);
}

/* frag_placed tells whether xvs can handle a fragment: TCP and UDP
 * fragments follow their datagram's connection, a later one with the ports
 * of its first fragment (0 when that has not been seen or is too old). SCTP
 * segments its own messages and fragmented ICMP is the kernel's. */
static __noinline int frag_placed(struct pkt *p)
{
	if (p->proto != IPPROTO_TCP && p->proto != IPPROTO_UDP)
		return 0;
	if (!p->frag_later)
		return 1;
	struct xvs_frag_key k;
	frag_key(p, &k);
	struct xvs_frag *f = bpf_map_lookup_elem(&frags, &k);
	if (!f || xvs_now() > f->expires)
		return 0;
	p->sport = f->sport;
	p->dport = f->dport;
	return 1;
}

/* pass_fragment hands a fragment xvs cannot place to the kernel. */
static __always_inline int pass_fragment(void)
{
	count_event(XVS_EV_FRAGMENT);
	return XDP_PASS;
}

/*
 * csum_from sums the frame's bytes from offset off to its end into seed: big
 * chunks through bpf_csum_diff, the tail by hand. A global function, so the
 * verifier checks its loops once instead of at every caller.
 */
__noinline __u32 csum_from(struct xdp_md *ctx, __u32 off, __u32 seed)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	if (off > 255)
		return seed;
	void *p = data + off;
	__u64 sum = seed;
	for (int i = 0; i < 24; i++) {
		if (p + 64 > end)
			break;
		sum = bpf_csum_diff(0, 0, p, 64, (__u32)sum);
		p += 64;
	}
	for (int i = 0; i < 16; i++) {
		if (p + 4 > end)
			break;
		sum = bpf_csum_diff(0, 0, p, 4, (__u32)sum);
		p += 4;
	}
	if (p + 2 <= end) {
		sum += *(__u16 *)p;
		p += 2;
	}
	if (p + 1 <= end)
		sum += *(__u8 *)p; /* little-endian: the odd byte is the low half of a zero-padded word */
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffffffff) + (sum >> 32);
	return (__u32)sum;
}

/* CRC32c (Castagnoli, reflected 0x82F63B78), for SCTP's checksum. */
static const __u32 crc32c_table[256] = {
	0x00000000, 0xf26b8303, 0xe13b70f7, 0x1350f3f4, 0xc79a971f, 0x35f1141c, 0x26a1e7e8, 0xd4ca64eb,
	0x8ad958cf, 0x78b2dbcc, 0x6be22838, 0x9989ab3b, 0x4d43cfd0, 0xbf284cd3, 0xac78bf27, 0x5e133c24,
	0x105ec76f, 0xe235446c, 0xf165b798, 0x030e349b, 0xd7c45070, 0x25afd373, 0x36ff2087, 0xc494a384,
	0x9a879fa0, 0x68ec1ca3, 0x7bbcef57, 0x89d76c54, 0x5d1d08bf, 0xaf768bbc, 0xbc267848, 0x4e4dfb4b,
	0x20bd8ede, 0xd2d60ddd, 0xc186fe29, 0x33ed7d2a, 0xe72719c1, 0x154c9ac2, 0x061c6936, 0xf477ea35,
	0xaa64d611, 0x580f5512, 0x4b5fa6e6, 0xb93425e5, 0x6dfe410e, 0x9f95c20d, 0x8cc531f9, 0x7eaeb2fa,
	0x30e349b1, 0xc288cab2, 0xd1d83946, 0x23b3ba45, 0xf779deae, 0x05125dad, 0x1642ae59, 0xe4292d5a,
	0xba3a117e, 0x4851927d, 0x5b016189, 0xa96ae28a, 0x7da08661, 0x8fcb0562, 0x9c9bf696, 0x6ef07595,
	0x417b1dbc, 0xb3109ebf, 0xa0406d4b, 0x522bee48, 0x86e18aa3, 0x748a09a0, 0x67dafa54, 0x95b17957,
	0xcba24573, 0x39c9c670, 0x2a993584, 0xd8f2b687, 0x0c38d26c, 0xfe53516f, 0xed03a29b, 0x1f682198,
	0x5125dad3, 0xa34e59d0, 0xb01eaa24, 0x42752927, 0x96bf4dcc, 0x64d4cecf, 0x77843d3b, 0x85efbe38,
	0xdbfc821c, 0x2997011f, 0x3ac7f2eb, 0xc8ac71e8, 0x1c661503, 0xee0d9600, 0xfd5d65f4, 0x0f36e6f7,
	0x61c69362, 0x93ad1061, 0x80fde395, 0x72966096, 0xa65c047d, 0x5437877e, 0x4767748a, 0xb50cf789,
	0xeb1fcbad, 0x197448ae, 0x0a24bb5a, 0xf84f3859, 0x2c855cb2, 0xdeeedfb1, 0xcdbe2c45, 0x3fd5af46,
	0x7198540d, 0x83f3d70e, 0x90a324fa, 0x62c8a7f9, 0xb602c312, 0x44694011, 0x5739b3e5, 0xa55230e6,
	0xfb410cc2, 0x092a8fc1, 0x1a7a7c35, 0xe811ff36, 0x3cdb9bdd, 0xceb018de, 0xdde0eb2a, 0x2f8b6829,
	0x82f63b78, 0x709db87b, 0x63cd4b8f, 0x91a6c88c, 0x456cac67, 0xb7072f64, 0xa457dc90, 0x563c5f93,
	0x082f63b7, 0xfa44e0b4, 0xe9141340, 0x1b7f9043, 0xcfb5f4a8, 0x3dde77ab, 0x2e8e845f, 0xdce5075c,
	0x92a8fc17, 0x60c37f14, 0x73938ce0, 0x81f80fe3, 0x55326b08, 0xa759e80b, 0xb4091bff, 0x466298fc,
	0x1871a4d8, 0xea1a27db, 0xf94ad42f, 0x0b21572c, 0xdfeb33c7, 0x2d80b0c4, 0x3ed04330, 0xccbbc033,
	0xa24bb5a6, 0x502036a5, 0x4370c551, 0xb11b4652, 0x65d122b9, 0x97baa1ba, 0x84ea524e, 0x7681d14d,
	0x2892ed69, 0xdaf96e6a, 0xc9a99d9e, 0x3bc21e9d, 0xef087a76, 0x1d63f975, 0x0e330a81, 0xfc588982,
	0xb21572c9, 0x407ef1ca, 0x532e023e, 0xa145813d, 0x758fe5d6, 0x87e466d5, 0x94b49521, 0x66df1622,
	0x38cc2a06, 0xcaa7a905, 0xd9f75af1, 0x2b9cd9f2, 0xff56bd19, 0x0d3d3e1a, 0x1e6dcdee, 0xec064eed,
	0xc38d26c4, 0x31e6a5c7, 0x22b65633, 0xd0ddd530, 0x0417b1db, 0xf67c32d8, 0xe52cc12c, 0x1747422f,
	0x49547e0b, 0xbb3ffd08, 0xa86f0efc, 0x5a048dff, 0x8ecee914, 0x7ca56a17, 0x6ff599e3, 0x9d9e1ae0,
	0xd3d3e1ab, 0x21b862a8, 0x32e8915c, 0xc083125f, 0x144976b4, 0xe622f5b7, 0xf5720643, 0x07198540,
	0x590ab964, 0xab613a67, 0xb831c993, 0x4a5a4a90, 0x9e902e7b, 0x6cfbad78, 0x7fab5e8c, 0x8dc0dd8f,
	0xe330a81a, 0x115b2b19, 0x020bd8ed, 0xf0605bee, 0x24aa3f05, 0xd6c1bc06, 0xc5914ff2, 0x37faccf1,
	0x69e9f0d5, 0x9b8273d6, 0x88d28022, 0x7ab90321, 0xae7367ca, 0x5c18e4c9, 0x4f48173d, 0xbd23943e,
	0xf36e6f75, 0x0105ec76, 0x12551f82, 0xe03e9c81, 0x34f4f86a, 0xc69f7b69, 0xd5cf889d, 0x27a40b9e,
	0x79b737ba, 0x8bdcb4b9, 0x988c474d, 0x6ae7c44e, 0xbe2da0a5, 0x4c4623a6, 0x5f16d052, 0xad7d5351,
};

/*
 * sctp_csum recomputes the CRC32c of the SCTP packet at off (len bytes,
 * its checksum field zeroed by the caller) and returns the field's value.
 * A global function: the verifier checks its loops once.
 */
__noinline __u32 sctp_csum(struct xdp_md *ctx, __u32 off, __u32 len)
{
	__u8 buf[64];
	__u32 crc = 0xffffffff;
	if (len > 1536)
		return 0;
	for (int c = 0; c < 24; c++) {
		__u32 done = c * 64;
		if (done >= len)
			break;
		__u32 n = len - done;
		if (n > 64)
			n = 64;
		if (bpf_xdp_load_bytes(ctx, off + done, buf, n & 0x7f))
			return 0;
		for (int i = 0; i < 64; i++) {
			if (i >= n)
				break;
			crc = crc32c_table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
		}
	}
	return ~crc; /* stored little-endian, as Linux's sctp_compute_cksum */
}

#include "state.h"
#include "sched.h"
#include "xmit.h"

/*
 * reply_conn finds the forward entry of the NAT connection whose reply tuple
 * is rk (RIP:rport -> CIP:cport), trying the VIPs nat_vips lists for
 * RIP:rport; fk gets its key (fk->daddr:dport is the VIP:vport to restore).
 * The entry must send to RIP:rport, so a client that connects to two VIPs
 * from one port finds each connection by its own real server.
 */
static __always_inline struct xvs_conn *reply_conn(struct xvs_conn_key *rk, struct xvs_conn_key *fk)
{
	struct xvs_nat_key nk = {};
	__builtin_memcpy(nk.addr, rk->saddr, 16);
	nk.port = rk->sport;
	nk.af = rk->af;
	nk.proto = rk->proto;
	struct xvs_nat_vips *v = bpf_map_lookup_elem(&nat_vips, &nk);
	if (!v)
		return 0;
	__builtin_memset(fk, 0, sizeof(*fk));
	__builtin_memcpy(fk->saddr, rk->daddr, 16);
	fk->sport = rk->dport;
	fk->af = rk->af;
	fk->proto = rk->proto;
	for (int i = 0; i < XVS_NAT_VIPS; i++) {
		if (i >= v->n)
			break;
		__builtin_memcpy(fk->daddr, v->vip[i].addr, 16);
		fk->dport = v->vip[i].port;
		struct xvs_conn *c = conn_lookup(fk);
		if (c && c->fwd == XVS_FWD_MASQ && !(c->flags & (XVS_CONN_F_REVERSE | XVS_CONN_F_TEMPLATE)) &&
		    c->port == rk->sport && same_addr(c->addr, rk->saddr))
			return c;
	}
	return 0;
}

#include "icmp.h"

static __always_inline void make_key(struct pkt *p, struct xvs_conn_key *k)
{
	__builtin_memcpy(k->saddr, p->saddr, 16);
	__builtin_memcpy(k->daddr, p->daddr, 16);
	k->sport = p->sport;
	k->dport = p->dport;
	k->af = p->af;
	k->proto = p->proto;
	k->pad = 0;
}

/* packet_conn is conn_lookup of the packet's own key: an IPv4 key is built
 * straight from the packet (a hit never builds the full key); k is the full
 * key afterwards only for IPv6. */
static __always_inline struct xvs_conn *packet_conn(struct pkt *p, struct xvs_conn_key *k)
{
	if (p->af == AF_INET) {
		struct xvs_conn_key4 k4 = {
			.saddr = p->saddr[0], .daddr = p->daddr[0], .sport = p->sport, .dport = p->dport, .proto = p->proto};
		return conns4_lookup(&k4);
	}
	make_key(p, k);
	return bpf_map_lookup_elem(&conns, k);
}

static __always_inline __u32 addr_flags(__u8 af, __u32 *addr)
{
	if (af == AF_INET) {
		__u32 slot = XVS_ADDR_SLOT(*addr);
		struct xvs_addr_slot *as = bpf_map_lookup_elem(&addr_slots, &slot);
		if (!as)
			return 0;
		__u64 v = *(volatile __u64 *)as; /* one load: address and flags of one write */
		if ((__u32)v == *addr)
			return v >> 32;
		if (!((v >> 32) & XVS_ADDR_SHARED))
			return 0;
		__u32 *f = bpf_map_lookup_elem(&addrs4, addr);
		return f ? *f : 0;
	}
	struct xvs_addr_key k = {.af = af};
	__builtin_memcpy(k.addr, addr, 16);
	__u32 *f = bpf_map_lookup_elem(&addrs, &k);
	return f ? *f : 0;
}

/* mark_rule_step tries one rule of the matching prefix. */
struct markwalk {
	struct xvs_mark_rules *rules;
	struct pkt *p;
	__u32 mark;
};

static long mark_rule_step(__u32 i, struct markwalk *m)
{
	struct xvs_mark_rules *rs = m->rules;
	if (i >= rs->n || i >= XVS_MARK_RULES)
		return 1;
	struct xvs_mark_rule *r = &rs->r[i & (XVS_MARK_RULES - 1)];
	__u16 port = bpf_ntohs(m->p->dport);
	if (r->proto && r->proto != m->p->proto)
		return 0;
	if ((r->port_lo || r->port_hi) && (port < r->port_lo || port > r->port_hi))
		return 0;
	m->mark = r->mark;
	return 1;
}

/* rules_mark is the firewall mark xvs's rules give the packet (0: none). */
static __noinline __u32 rules_mark(struct pkt *p)
{
	struct xvs_mark_key k = {.prefixlen = 32 + (p->af == AF_INET ? 32 : 128), .af = p->af};
	__builtin_memcpy(k.addr, p->daddr, 16);
	struct xvs_mark_rules *rs = bpf_map_lookup_elem(&mark_rules, &k);
	if (!rs)
		return 0;
	struct markwalk m = {.rules = rs, .p = p};
	bpf_loop(XVS_MARK_RULES, mark_rule_step, &m, 0);
	return m.mark;
}

/* packet_mark: the rules' walk is a call of its own, made only where there
 * are rules (most directors have none: a call less a packet). */
static __always_inline __u32 packet_mark(struct pkt *p)
{
	__u32 zero = 0;
	__u32 *n = bpf_map_lookup_elem(&settings, &zero);
	return n && *n ? rules_mark(p) : 0;
}

/* find_service is ip_vs_service_find: the fwmark service first, then
 * (proto, VIP, port), then the VIP's port-0 service. */
static __always_inline struct xvs_svc *find_service(struct pkt *p, __u32 vip_flags)
{
	struct xvs_svc_key k = {};
	if (p->mark) {
		k.af = p->af;
		k.fwmark = p->mark;
		struct xvs_svc *s = bpf_map_lookup_elem(&services, &k);
		if (s)
			return s;
		k.fwmark = 0;
	}
	if (!vip_flags)
		return 0;
	__builtin_memcpy(k.addr, p->daddr, 16);
	k.af = p->af;
	k.proto = p->proto;
	k.port = p->dport;
	struct xvs_svc *s = bpf_map_lookup_elem(&services, &k);
	if (s || !(vip_flags & XVS_ADDR_VIP_PORT0))
		return s;
	k.port = 0;
	return bpf_map_lookup_elem(&services, &k);
}

/* taken_over: a connection the backup sync daemon put in sees its first
 * packet here (this director took over): from now on it is this
 * director's own, which its master sync daemon sends on. */
static __always_inline void taken_over(struct xvs_conn *c)
{
	if (c->flags & XVS_CONN_F_SYNCED)
		c->flags &= ~XVS_CONN_F_SYNCED;
}

/* new_conn_wanted: the packet may start a connection (IPVS creates them on a
 * TCP SYN or an SCTP INIT only, sloppy_tcp and sloppy_sctp off; any UDP
 * datagram). */
static __always_inline int new_conn_wanted(struct pkt *p)
{
	if (p->proto == IPPROTO_TCP)
		return (p->tcp_flags & (TCP_FLAG_SYN | TCP_FLAG_ACK | TCP_FLAG_RST)) == TCP_FLAG_SYN;
	if (p->proto == XVS_IPPROTO_SCTP)
		return p->tcp_flags == SCTP_CID_INIT;
	return 1;
}

/* conn_replaced: an existing entry that a new packet replaces, as IPVS's
 * conn_reuse_mode 1 does (expired, or a SYN into TIME_WAIT/CLOSE), except
 * a connection its persistence template controls (is_new_conn_expected):
 * that one takes the SYN and stays on its server. */
static __always_inline int conn_replaced(struct xvs_conn *c, struct pkt *p, __u64 now)
{
	if (now > c->expires)
		return 1;
	if (!new_conn_wanted(p) || (c->flags & XVS_CONN_F_CONTROLLED))
		return 0;
	if (p->proto == IPPROTO_TCP)
		return c->state == XVS_S_TIME_WAIT || c->state == XVS_S_CLOSE;
	return p->proto == XVS_IPPROTO_SCTP && c->state == XVS_S_SCTP_CLOSED;
}

static __always_inline void reverse_key(struct xvs_conn_key *fk, struct xvs_conn *c, struct xvs_conn_key *rk)
{
	__builtin_memcpy(rk->saddr, c->addr, 16);
	__builtin_memcpy(rk->daddr, fk->saddr, 16);
	rk->sport = c->port;
	rk->dport = fk->sport;
	rk->af = c->af;
	rk->proto = fk->proto;
	rk->pad = 0;
}

/* end_conn gives back the counts of a connection the datapath replaces. */
static __noinline void end_conn(struct xvs_conn_key *k, struct xvs_conn *c)
{
	count_conn(c->dest_id, c->state, -1);
	if (c->flags & XVS_CONN_F_REPLY_ENTRY) {
		struct xvs_conn_key rk;
		reverse_key(k, c, &rk);
		conn_delete(&rk);
	}
}

/* start_conn inserts the forward entry (and a NAT reverse entry where
 * nat_vips does not find the connection from its replies). */
static __noinline int start_conn(struct xvs_conn_key *k, struct xvs_conn *c)
{
	if (conn_update(k, c))
		return -1;
	if (c->flags & XVS_CONN_F_REPLY_ENTRY) {
		struct xvs_conn_key rk;
		reverse_key(k, c, &rk);
		struct xvs_conn r = {};
		__builtin_memcpy(r.addr, k->daddr, 16);
		r.port = k->dport;
		r.af = k->af;
		r.flags = XVS_CONN_F_REVERSE;
		r.dest_id = c->dest_id;
		r.svc_id = c->svc_id;
		r.fwd = XVS_FWD_MASQ;
		if (conn_update(&rk, &r)) {
			conn_delete(k);
			return -1;
		}
	}
	count_conn(c->dest_id, c->state, 1);
	return 0;
}

static __always_inline void conn_from_dest(struct xvs_conn *c, struct xvs_dest *d, __u32 dest_id, __u32 svc_id,
					   __be16 vport)
{
	__builtin_memcpy(c->addr, d->addr, 16);
	c->port = d->port ? d->port : vport; /* port-0 services keep the client's port */
	c->af = d->af;
	c->fwd = d->fwd;
	c->tun_type = d->tun_type;
	c->tun_port = d->tun_port;
	c->tun_flags = d->tun_flags;
	c->dest_id = dest_id;
	c->svc_id = svc_id;
	c->flags = (d->fwd == XVS_FWD_TUNNEL || d->fwd == XVS_FWD_ROUTE) ? XVS_CONN_F_NOOUTPUT : 0;
	if (d->fwd == XVS_FWD_MASQ && (d->flags & XVS_DEST_F_REPLY_ENTRY))
		c->flags |= XVS_CONN_F_REPLY_ENTRY;
}

/* forward sends a client packet of connection c (forward entry) on its way. */
static __noinline int forward(struct xdp_md *ctx, struct pkt *p, struct xvs_conn *c, __u64 now)
{
	if (c->fwd != XVS_FWD_LOCAL) {
		int hop = forward_hop(ctx, p);
		if (hop)
			return hop < 0 ? XDP_DROP : send_time_exceeded(ctx, p);
	}
	switch (c->fwd) {
	case XVS_FWD_MASQ:
		return xmit_nat_in(ctx, p, c, now);
	case XVS_FWD_ROUTE:
		return xmit_dr(ctx, p, c, now);
	case XVS_FWD_TUNNEL:
		return xmit_tun(ctx, p, c, now);
	}
	return XDP_PASS; /* local node */
}

/* one_packet forwards a datagram of a -o service without a connection entry. */
static __always_inline int one_packet(struct xdp_md *ctx, struct pkt *p, struct xvs_svc *svc, __u32 dest_id,
				      struct xvs_dest *d, __u64 now)
{
	struct xvs_conn c = {};
	conn_from_dest(&c, d, dest_id, svc->id, p->dport);
	count_in(svc->id, dest_id, p, 1);
	return forward(ctx, p, &c, now);
}

/* template_key is IPVS's persistence template of connection k: the
 * client's network (masked with -M), port 0, the VIP, and the virtual port
 * (0 for port-0 and FTP services, whose templates cover every port). */
static __always_inline void template_key(struct xvs_svc *svc, struct xvs_conn_key *k, struct xvs_conn_key *t)
{
	__builtin_memset(t, 0, sizeof(*t));
	__builtin_memcpy(t->daddr, k->daddr, 16);
	t->af = k->af;
	t->proto = k->proto;
	t->dport = (svc->port == 0 || svc->port == bpf_htons(21)) ? 0 : k->dport;
	if (svc->fwmark) { /* <IPPROTO_IP, snet, 0, fwmark, 0> */
		__builtin_memset(t->daddr, 0, 16);
		t->daddr[0] = bpf_htonl(svc->fwmark);
		t->proto = 0;
		t->dport = 0;
	}
	if (k->af == AF_INET) {
		t->saddr[0] = k->saddr[0] & svc->netmask;
		return;
	}
	__u32 plen = svc->netmask > 128 ? 128 : svc->netmask;
#pragma unroll
	for (int i = 0; i < 4; i++) {
		__u32 bits = plen > (__u32)i * 32 ? plen - i * 32 : 0;
		__u32 mask = bits >= 32 ? 0xffffffff : bits ? ~((1u << (32 - bits)) - 1) : 0;
		t->saddr[i] = k->saddr[i] & bpf_htonl(mask);
	}
}

/* assure_template marks connection c's template assured
 * (ip_vs_control_assure_ct), once. */
static __noinline void assure_template(struct xvs_conn_key *k, struct xvs_conn *c)
{
	c->flags |= XVS_CONN_F_ASSURING;
	__u32 id = c->svc_id;
	struct xvs_svc *svc = bpf_map_lookup_elem(&svc_by_id, &id);
	if (!svc || svc->id != id) /* a free slot: the service is gone */
		return;
	struct xvs_conn_key tk;
	template_key(svc, k, &tk);
	struct xvs_conn *t = conn_lookup(&tk);
	if (t && (t->flags & XVS_CONN_F_TEMPLATE) && t->dest_id == c->dest_id)
		t->state = XVS_TPL_ASSURED;
}

/* assures: a packet that assures connection c's template: the first that
 * finds it established (TCP, SCTP), or one from the server (UDP). */
static __always_inline int assures(struct xvs_conn *c, int dir)
{
	if ((c->flags & (XVS_CONN_F_CONTROLLED | XVS_CONN_F_ASSURING)) != XVS_CONN_F_CONTROLLED)
		return 0;
	if (c->state == XVS_S_UDP)
		return dir == DIR_OUTPUT;
	return c->state == XVS_S_ESTABLISHED || c->state == XVS_S_SCTP_ESTABLISHED;
}

/* new_template remembers a persistent service's pick (its own frame: the
 * scheduler's call chain must stay within the stack limit). */
static __noinline void new_template(struct xvs_conn_key *tk, struct xvs_dest *d, __u32 dest_id, struct xvs_svc *svc,
				    __u64 now)
{
	struct xvs_conn nt = {};
	__builtin_memcpy(nt.addr, d->addr, 16);
	nt.port = tk->dport ? (d->port ? d->port : tk->dport) : 0;
	nt.af = d->af;
	nt.fwd = d->fwd;
	nt.flags = XVS_CONN_F_TEMPLATE;
	nt.dest_id = dest_id;
	nt.svc_id = svc->id;
	nt.state = XVS_S_NONE;
	nt.expires = now + (__u64)svc->timeout * 1000000000ULL;
	if (conn_update(tk, &nt) == 0)
		count_persist(dest_id, 1);
}

/*
 * template_dest is ip_vs_sched_persist: a live template whose destination
 * is still in the service gives its destination (even quiesced or
 * overloaded) and is re-armed; otherwise the scheduler picks and a new
 * template remembers the pick for the persistence timeout.
 */
static __noinline struct xvs_dest *template_dest(struct xvs_svc *svc, struct xvs_conn_key *k, __u64 now,
						 __u32 *dest_id)
{
	struct xvs_conn_key tk;
	template_key(svc, k, &tk);
	struct xvs_conn *t = conn_lookup(&tk);
	if (t && (t->flags & XVS_CONN_F_TEMPLATE) && now <= t->expires && t->svc_id == svc->id) {
		__u32 id = t->dest_id;
		struct xvs_dest *d = dest_get(id);
		if (d) {
			taken_over(t);
			t->expires = now + (__u64)svc->timeout * 1000000000ULL;
			*dest_id = id;
			return d;
		}
	}
	return 0;
}

/*
 * invalidate_template is ip_vs_check_template's answer to a template whose
 * server was deleted: it stays, under virtual and server port 65535, until
 * its timer runs out, and the client gets a new one.
 */
static __noinline void invalidate_template(struct xvs_conn_key *tk, struct xvs_conn *t)
{
	struct xvs_conn_key ik = *tk;
	struct xvs_conn it = *t;
	ik.dport = 0xffff;
	it.port = 0xffff;
	if (conn_update(&ik, &it) == 0)
		conn_delete(tk);
}

/* remember_pick replaces a template that no longer decides with the
 * scheduler's pick. */
static __noinline void remember_pick(struct xvs_svc *svc, struct xvs_conn_key *k, struct xvs_dest *d, __u32 dest_id,
				     __u64 now)
{
	struct xvs_conn_key tk;
	template_key(svc, k, &tk);
	struct xvs_conn *t = conn_lookup(&tk);
	if (t && (t->flags & XVS_CONN_F_TEMPLATE)) {
		if (now <= t->expires && t->svc_id == svc->id && !dest_get(t->dest_id))
			invalidate_template(&tk, t);
		else
			count_persist(t->dest_id, -1);
	}
	new_template(&tk, d, dest_id, svc, now);
}

static __noinline int new_connection(struct xdp_md *ctx, struct pkt *p, struct xvs_conn_key *k,
					  struct xvs_conn *old, __u64 now)
{
	if (p->frag_later)
		return pass_fragment(); /* no connection to follow and no header to schedule by */
	struct xvs_svc *svc = find_service(p, p->vip_flags);
	if (!svc) {
		count_event(XVS_EV_PASS);
		return XDP_PASS;
	}
	if (!new_conn_wanted(p)) {
		count_event(XVS_EV_NOT_SYN);
		return XDP_PASS;
	}
	/* A live template decides; else lblc's table; else the scheduler. A
	 * new pick is remembered where it came from. */
	__u32 dest_id;
	int persistent = svc->flags & XVS_SVC_F_PERSISTENT;
	int lblc = svc->sched == XVS_SCHED_LBLC || svc->sched == XVS_SCHED_LBLCR;
	struct xvs_dest *d = persistent ? template_dest(svc, k, now, &dest_id) : 0;
	if (!d) {
		d = lblc ? lblc_cached(svc, p, now, &dest_id) : 0;
		if (!d) {
			d = schedule(svc, svc->sched, p, &dest_id);
			if (d && lblc)
				lblc_remember(svc, p, dest_id, now);
		}
		if (d && persistent)
			remember_pick(svc, k, d, dest_id, now);
	}
	if (!d) {
		count_event(XVS_EV_NO_DEST);
		return send_icmp_unreach(ctx, p);
	}
	if ((svc->flags & XVS_SVC_F_ONEPACKET) && p->proto == IPPROTO_UDP)
		return one_packet(ctx, p, svc, dest_id, d, now);
	struct xvs_conn c = {};
	conn_from_dest(&c, d, dest_id, svc->id, p->dport);
	if (persistent)
		c.flags |= XVS_CONN_F_CONTROLLED;
	c.state = first_state(p, c.flags);
	c.expires = now + state_timeout(c.state);
	if (old)
		end_conn(k, old);
	if (start_conn(k, &c)) {
		count_event(XVS_EV_TABLE_FULL);
		return XDP_DROP;
	}
	mark_overload(dest_id, d);
	count_in(svc->id, dest_id, p, 1);
	return forward(ctx, p, &c, now);
}

/* nat_reply sends on a reply of NAT connection c (forward entry fk, whose
 * VIP:vport the reply leaves from). */
static __always_inline int nat_reply(struct xdp_md *ctx, struct pkt *p, struct xvs_conn_key *fk, struct xvs_conn *c,
				     __u64 now)
{
	taken_over(c);
	update_state(c, p, DIR_OUTPUT, now);
	if (assures(c, DIR_OUTPUT))
		assure_template(fk, c);
	count_out(c->svc_id, c->dest_id, p);
	return xmit_nat_out(ctx, p, fk->daddr, fk->dport, now);
}

/* reply_by_entry handles a reply that has a reverse entry r. */
static __noinline int reply_by_entry(struct xdp_md *ctx, struct pkt *p, struct xvs_conn *r, __u64 now)
{
	struct xvs_conn_key fk = {};
	__builtin_memcpy(fk.saddr, p->daddr, 16);
	__builtin_memcpy(fk.daddr, r->addr, 16);
	fk.sport = p->dport;
	fk.dport = r->port;
	fk.af = r->af;
	fk.proto = p->proto;
	struct xvs_conn *c = conn_lookup(&fk);
	if (!c || (c->flags & XVS_CONN_F_REVERSE) || now > c->expires) {
		count_event(XVS_EV_PASS);
		return XDP_PASS;
	}
	return nat_reply(ctx, p, &fk, c, now);
}

/* reply_by_vips handles a packet from a NAT real server without a reverse
 * entry: a reply that nat_vips finds the connection of, or the server's own
 * traffic (the kernel's). */
static __noinline int reply_by_vips(struct xdp_md *ctx, struct pkt *p, struct xvs_conn_key *k, __u64 now)
{
	struct xvs_conn_key fk;
	struct xvs_conn *c = reply_conn(k, &fk);
	if (!c)
		return XDP_PASS;
	if (now > c->expires) {
		count_event(XVS_EV_PASS);
		return XDP_PASS;
	}
	return nat_reply(ctx, p, &fk, c, now);
}

/*
 * The verifier allows 512 bytes of stack for the deepest chain of calls,
 * each frame rounded up to 16. The deepest today are xvs_xdp (144) ->
 * handle_icmp (192) -> quoted_reply (160) and xvs_xdp -> new_connection ->
 * lblc_cached -> set_step: 496 each, 16 short of the limit (a frame of
 * xvs_xdp 8 bytes larger failed to load). A change that grows one of these
 * frames must move locals into a function of their own off that chain (as quoted_conn and frag_placed do);
 * the load fails with "combined stack size of N calls" otherwise.
 */
SEC("xdp")
int xvs_xdp(struct xdp_md *ctx)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	struct pkt p = {};
	int rc = parse_packet(data, end, &p);
	if (rc != PARSE_OK) {
		if (rc == PARSE_MALFORMED)
			count_event(XVS_EV_MALFORMED);
		return XDP_PASS; /* the kernel drops or handles what we do not */
	}
	if (p.frag && !frag_placed(&p))
		return pass_fragment();
	if (p.proto == IPPROTO_ICMP || p.proto == IPPROTO_ICMPV6)
		return handle_icmp(ctx, &p);
	if (p.proto != IPPROTO_TCP && p.proto != IPPROTO_UDP && p.proto != XVS_IPPROTO_SCTP)
		return XDP_PASS;

	/* One lookup decides whether the packet is ours at all: to a VIP, or
	 * (a NAT reply) from a real server. */
	__u32 vip_flags = addr_flags(p.af, p.daddr);
	p.mark = packet_mark(&p);
	if (!vip_flags && !p.mark && !(addr_flags(p.af, p.saddr) & XVS_ADDR_NAT_RIP))
		return XDP_PASS;
	if (p.frag && !p.frag_later)
		frag_remember(&p);
	struct xvs_conn_key k;
	__u64 now = xvs_now();
	struct xvs_conn *c = packet_conn(&p, &k);
	if (c && (c->flags & XVS_CONN_F_REVERSE))
		return reply_by_entry(ctx, &p, c, now);
	if (!vip_flags && !p.mark) { /* from a NAT real server: a reply, or its own traffic */
		if (c)
			return XDP_PASS;
		make_key(&p, &k);
		return reply_by_vips(ctx, &p, &k, now);
	}
	if (c && (c->flags & XVS_CONN_F_TEMPLATE))
		c = 0; /* a client sending from port 0: not a template's business */
	if (c && !conn_replaced(c, &p, now)) {
		if (!dest_get(c->dest_id)) {
			/* Its server was deleted: IPVS (expire_nodest_conn 0)
			 * drops the packet and lets the entry run out. */
			count_event(XVS_EV_DEST_GONE);
			return XDP_DROP;
		}
		taken_over(c);
		update_state(c, &p, DIR_INPUT, now);
		if (assures(c, DIR_INPUT)) {
			make_key(&p, &k);
			assure_template(&k, c);
		}
		count_in(c->svc_id, c->dest_id, &p, 0);
		return forward(ctx, &p, c, now);
	}
	make_key(&p, &k);
	p.vip_flags = vip_flags;
	return new_connection(ctx, &p, &k, c, now);
}

/*
 * xvs_tc_out runs at tc ingress. Frames the XDP program has rewritten but
 * could not transmit itself arrive here with struct xvs_meta in front of
 * them; they leave by the kernel's transmit path, which also resolves the
 * neighbour when the MACs are not known yet. Everything else goes on.
 */
SEC("tc")
int xvs_tc_out(struct __sk_buff *skb)
{
	void *meta = pkt_meta(skb);
	void *data = pkt_data(skb);
	struct xvs_meta *m = meta;
	if ((void *)(m + 1) > data || m->magic != XVS_META_MAGIC)
		return TC_ACT_OK;
	count_event(XVS_EV_XMIT_KERNEL);
	if (m->flags & XVS_META_F_L2_DONE)
		return bpf_redirect(m->ifindex, 0);
	if (m->nh_family) {
		struct bpf_redir_neigh nh = {};
		nh.nh_family = m->nh_family;
		__builtin_memcpy(nh.ipv6_nh, m->nh, 16);
		return bpf_redirect_neigh(m->ifindex, &nh, sizeof(nh), 0);
	}
	return bpf_redirect_neigh(m->ifindex, 0, 0, 0);
}
