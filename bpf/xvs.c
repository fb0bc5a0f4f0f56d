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

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_svc_dest_key);
	__type(value, __u32); /* destination id */
	__uint(max_entries, 2 * XVS_MAX_DESTS);
	PIN;
} svc_dests SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __u32);
	__type(value, struct xvs_dest);
	__uint(max_entries, XVS_MAX_DESTS);
	PIN;
} dests SEC(".maps");

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

static __always_inline struct xvs_conn *conn_lookup(struct xvs_conn_key *k)
{
	if (k->af == AF_INET) {
		struct xvs_conn_key4 k4;
		key4(k, &k4);
		return bpf_map_lookup_elem(&conns4, &k4);
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

static __always_inline void count_event(enum xvs_event ev)
{
	__u32 k = ev;
	__u64 *v = bpf_map_lookup_elem(&events, &k);
	if (v)
		*v += 1;
}


static __always_inline void count_in(__u32 svc_id, __u32 dest_id, __u32 bytes, int new_conn)
{
	struct xvs_counters *s = bpf_map_lookup_elem(&svc_stats, &svc_id);
	if (s) {
		s->inpkts++;
		s->inbytes += bytes;
		s->conns += new_conn;
	}
	struct xvs_counters *d = bpf_map_lookup_elem(&dest_stats, &dest_id);
	if (d) {
		d->inpkts++;
		d->inbytes += bytes;
		d->conns += new_conn;
	}
}

static __always_inline void count_out(__u32 svc_id, __u32 dest_id, __u32 bytes)
{
	struct xvs_counters *s = bpf_map_lookup_elem(&svc_stats, &svc_id);
	if (s) {
		s->outpkts++;
		s->outbytes += bytes;
	}
	struct xvs_counters *d = bpf_map_lookup_elem(&dest_stats, &dest_id);
	if (d) {
		d->outpkts++;
		d->outbytes += bytes;
	}
}

/*
 * csum_from sums the frame's bytes from offset off to its end into seed: big
 * chunks through bpf_csum_diff, the tail by hand. A global function, so the
 * verifier checks its loops once instead of at every caller.
 */
__noinline __u32 csum_from(struct xdp_md *ctx, __u32 off, __u32 seed)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
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

#include "state.h"
#include "sched.h"
#include "xmit.h"
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

static __always_inline __u32 addr_flags(__u8 af, __u32 *addr)
{
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

/* packet_mark is the firewall mark xvs's rules give the packet (0: none). */
static __noinline __u32 packet_mark(struct pkt *p)
{
	__u32 zero = 0;
	__u32 *n = bpf_map_lookup_elem(&settings, &zero);
	if (!n || !*n)
		return 0;
	struct xvs_mark_key k = {.prefixlen = 32 + (p->af == AF_INET ? 32 : 128), .af = p->af};
	__builtin_memcpy(k.addr, p->daddr, 16);
	struct xvs_mark_rules *rs = bpf_map_lookup_elem(&mark_rules, &k);
	if (!rs)
		return 0;
	struct markwalk m = {.rules = rs, .p = p};
	bpf_loop(XVS_MARK_RULES, mark_rule_step, &m, 0);
	return m.mark;
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

/* new_conn_wanted: the packet may start a connection (IPVS creates them on a
 * TCP SYN only, sloppy_tcp off; any UDP/SCTP packet). */
static __always_inline int new_conn_wanted(struct pkt *p)
{
	if (p->proto == IPPROTO_TCP)
		return (p->tcp_flags & (TCP_FLAG_SYN | TCP_FLAG_ACK | TCP_FLAG_RST)) == TCP_FLAG_SYN;
	return 1;
}

/* conn_reusable: an existing entry that a new packet replaces, as IPVS's
 * conn_reuse_mode 1 does (expired, or a SYN into TIME_WAIT/CLOSE). */
static __always_inline int conn_replaced(struct xvs_conn *c, struct pkt *p, __u64 now)
{
	if (now > c->expires)
		return 1;
	return p->proto == IPPROTO_TCP && new_conn_wanted(p) &&
	       (c->state == XVS_S_TIME_WAIT || c->state == XVS_S_CLOSE);
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
	if (c->fwd == XVS_FWD_MASQ) {
		struct xvs_conn_key rk;
		reverse_key(k, c, &rk);
		conn_delete(&rk);
	}
}

/* start_conn inserts the forward entry (and the NAT reverse entry). */
static __noinline int start_conn(struct xvs_conn_key *k, struct xvs_conn *c)
{
	if (conn_update(k, c))
		return -1;
	if (c->fwd == XVS_FWD_MASQ) {
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
}

/* forward sends a client packet of connection c (forward entry) on its way. */
static __noinline int forward(struct xdp_md *ctx, struct pkt *p, struct xvs_conn *c)
{
	switch (c->fwd) {
	case XVS_FWD_MASQ:
		return xmit_nat_in(ctx, p, c);
	case XVS_FWD_ROUTE:
		return xmit_dr(ctx, p, c);
	case XVS_FWD_TUNNEL:
		return xmit_tun(ctx, p, c);
	}
	return XDP_PASS; /* local node */
}

/* one_packet forwards a datagram of a -o service without a connection entry. */
static __always_inline int one_packet(struct xdp_md *ctx, struct pkt *p, struct xvs_svc *svc, __u32 dest_id,
				      struct xvs_dest *d)
{
	struct xvs_conn c = {};
	conn_from_dest(&c, d, dest_id, svc->id, p->dport);
	count_in(svc->id, dest_id, p->l3_len, 1);
	return forward(ctx, p, &c);
}

/* template_key is IPVS's persistence template: the client's network
 * (masked with -M), port 0, the VIP, and the virtual port (0 for port-0 and
 * FTP services, whose templates cover every port). */
static __always_inline void template_key(struct xvs_svc *svc, struct pkt *p, struct xvs_conn_key *t)
{
	__builtin_memset(t, 0, sizeof(*t));
	__builtin_memcpy(t->daddr, p->daddr, 16);
	t->af = p->af;
	t->proto = p->proto;
	t->dport = (svc->port == 0 || svc->port == bpf_htons(21)) ? 0 : p->dport;
	if (svc->fwmark) { /* <IPPROTO_IP, snet, 0, fwmark, 0> */
		__builtin_memset(t->daddr, 0, 16);
		t->daddr[0] = bpf_htonl(svc->fwmark);
		t->proto = 0;
		t->dport = 0;
	}
	if (p->af == AF_INET) {
		t->saddr[0] = p->saddr[0] & svc->netmask;
		return;
	}
	__u32 plen = svc->netmask > 128 ? 128 : svc->netmask;
#pragma unroll
	for (int i = 0; i < 4; i++) {
		__u32 bits = plen > (__u32)i * 32 ? plen - i * 32 : 0;
		__u32 mask = bits >= 32 ? 0xffffffff : bits ? ~((1u << (32 - bits)) - 1) : 0;
		t->saddr[i] = p->saddr[i] & bpf_htonl(mask);
	}
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
static __noinline struct xvs_dest *template_dest(struct xvs_svc *svc, struct pkt *p, __u64 now, __u32 *dest_id)
{
	struct xvs_conn_key tk;
	template_key(svc, p, &tk);
	struct xvs_conn *t = conn_lookup(&tk);
	if (t && (t->flags & XVS_CONN_F_TEMPLATE) && now <= t->expires && t->svc_id == svc->id) {
		__u32 id = t->dest_id;
		struct xvs_dest *d = bpf_map_lookup_elem(&dests, &id);
		if (d) {
			t->expires = now + (__u64)svc->timeout * 1000000000ULL;
			*dest_id = id;
			return d;
		}
	}
	return 0;
}

/* remember_pick replaces an invalid template with the scheduler's pick. */
static __noinline void remember_pick(struct xvs_svc *svc, struct pkt *p, struct xvs_dest *d, __u32 dest_id, __u64 now)
{
	struct xvs_conn_key tk;
	template_key(svc, p, &tk);
	struct xvs_conn *t = conn_lookup(&tk);
	if (t && (t->flags & XVS_CONN_F_TEMPLATE))
		count_persist(t->dest_id, -1);
	new_template(&tk, d, dest_id, svc, now);
}

static __noinline int new_connection(struct xdp_md *ctx, struct pkt *p, struct xvs_conn_key *k,
					  struct xvs_conn *old, __u64 now)
{
	struct xvs_svc *svc = find_service(p, p->vip_flags);
	if (!svc) {
		count_event(XVS_EV_PASS);
		return XDP_PASS;
	}
	if (!new_conn_wanted(p)) {
		count_event(XVS_EV_NOT_SYN);
		return XDP_PASS;
	}
	__u32 dest_id;
	struct xvs_dest *d;
	int lblc = svc->sched == XVS_SCHED_LBLC || svc->sched == XVS_SCHED_LBLCR;
	d = (svc->flags & XVS_SVC_F_PERSISTENT) ? template_dest(svc, p, now, &dest_id) : 0;
	int templated = d != 0;
	if (!d && lblc)
		d = lblc_cached(svc, p, now, &dest_id);
	else if (!d)
		d = schedule(svc, svc->sched, p, &dest_id);
	if (!d && lblc) {
		d = schedule(svc, svc->sched, p, &dest_id);
		if (d)
			lblc_remember(svc, p, dest_id, now);
	}
	if (d && !templated && (svc->flags & XVS_SVC_F_PERSISTENT))
		remember_pick(svc, p, d, dest_id, now);
	if (!d) {
		count_event(XVS_EV_NO_DEST);
		return send_icmp_unreach(ctx, p);
	}
	if ((svc->flags & XVS_SVC_F_ONEPACKET) && p->proto == IPPROTO_UDP)
		return one_packet(ctx, p, svc, dest_id, d);
	struct xvs_conn c = {};
	conn_from_dest(&c, d, dest_id, svc->id, p->dport);
	c.state = first_state(p, c.flags);
	c.expires = now + state_timeout(c.state);
	if (old)
		end_conn(k, old);
	if (start_conn(k, &c)) {
		count_event(XVS_EV_TABLE_FULL);
		return XDP_DROP;
	}
	mark_overload(dest_id, d);
	count_in(svc->id, dest_id, p->l3_len, 1);
	return forward(ctx, p, &c);
}

/* nat_reply handles a packet from a real server of a NAT connection. */
static __noinline int nat_reply(struct xdp_md *ctx, struct pkt *p, struct xvs_conn *r, __u64 now)
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
	update_state(c, p, DIR_OUTPUT, now);
	count_out(c->svc_id, c->dest_id, p->l3_len);
	return xmit_nat_out(ctx, p, r);
}

SEC("xdp")
int xvs_xdp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct pkt p = {};
	int rc = parse_packet(data, end, &p);
	if (rc != PARSE_OK) {
		if (rc == PARSE_MALFORMED)
			count_event(XVS_EV_MALFORMED);
		return XDP_PASS; /* the kernel drops or handles what we do not */
	}
	if (p.frag) {
		count_event(XVS_EV_FRAGMENT);
		return XDP_PASS;
	}
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
	struct xvs_conn_key k;
	make_key(&p, &k);
	__u64 now = bpf_ktime_get_ns();
	struct xvs_conn *c = conn_lookup(&k);
	if (c && (c->flags & XVS_CONN_F_REVERSE))
		return nat_reply(ctx, &p, c, now);
	if (!vip_flags && !p.mark)
		return XDP_PASS;
	if (c && (c->flags & XVS_CONN_F_TEMPLATE))
		c = 0; /* a client sending from port 0: not a template's business */
	if (c && !conn_replaced(c, &p, now)) {
		update_state(c, &p, DIR_INPUT, now);
		count_in(c->svc_id, c->dest_id, p.l3_len, 0);
		return forward(ctx, &p, c);
	}
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
	void *meta = (void *)(long)skb->data_meta;
	void *data = (void *)(long)skb->data;
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
