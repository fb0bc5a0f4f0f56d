/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transmission: the NAT rewrite, DR's MAC rewrite, the tunnel encapsulations
 * and the way out (FIB lookup, then XDP_TX/redirect, or the kernel's transmit
 * path through xvs_tc_out). Included by xvs.c.
 */
#ifndef XVS_XMIT_H
#define XVS_XMIT_H

#define XVS_GUE_HLEN 4
#define XVS_GRE_HLEN 4
#define XVS_GRE_CSUM_HLEN 8
#define XVS_GRE_F_CSUM 0x8000
#define XVS_ICMP_QUOTE 512

static __always_inline int send_icmp_too_big(struct xdp_md *ctx, struct pkt *p, __u32 mtu);
static __always_inline int too_big(struct xdp_md *ctx, struct pkt *p, __u32 mtu, int kernel_ok);

/* The FIB lookup's parameters live in a per-CPU scratch area, not on the
 * stack: the call chain to an ICMP reply must stay within 512 bytes. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct bpf_fib_lookup)); /* no BTF type: it has anonymous unions */
	__uint(max_entries, 1);
} fib_scratch SEC(".maps");

static __always_inline struct bpf_fib_lookup *fib_params(void)
{
	__u32 zero = 0;
	return bpf_map_lookup_elem(&fib_scratch, &zero);
}

/*
 * The next hop of a real server, per CPU, by destination id, for a second:
 * a hit saves bpf_fib_lookup's route and neighbour walk (about 40% of a
 * forwarded packet's cost). Route or neighbour changes are seen within the
 * second. Destinations with ids past the cache use the FIB every time.
 */
#define XVS_NH_CACHE 16384
#define XVS_NH_CACHE_NS 1000000000ULL
struct nh_cache {
	__u64 expires;
	__u32 ifindex;
	__u16 mtu;
	__u8 dmac[6];
	__u8 smac[6];
	__u8 has_src; /* TUN: src is the egress address (BPF_FIB_LOOKUP_SRC) */
	__u8 pad;
	__u32 src[4];
	__u32 addr[4]; /* whose next hop: an id reused for another server misses */
};

static __always_inline int same_addr(__u32 *a, __u32 *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
}
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct nh_cache));
	__uint(max_entries, XVS_NH_CACHE);
} nh_cache SEC(".maps");

/*
 * The next hop of clients, for NAT replies: per CPU, direct-mapped by the
 * client's address (a slot holds whose next hop it is), for a second, with
 * the same assumption as nh_cache (the route to a client does not depend on
 * the VIP it is answered from).
 */
#define XVS_NH_CLIENTS_BITS 12
#define XVS_NH_CLIENTS (1 << XVS_NH_CLIENTS_BITS)
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(struct nh_cache));
	__uint(max_entries, XVS_NH_CLIENTS);
} nh_clients SEC(".maps");

static __always_inline __u32 client_slot(__u32 *addr)
{
	__u32 h = (addr[0] ^ addr[1] ^ addr[2] ^ addr[3]) * 2654435761u; /* Knuth's multiplicative hash */
	return h >> (32 - XVS_NH_CLIENTS_BITS);
}

/*
 * keep_macs puts the frame's own MACs where the FIB's answer would be. A
 * frame whose next hop is unresolved goes to the kernel (xvs_tc_out) with
 * them: the destination is this host's MAC, so the stack takes the frame as
 * its own, and bpf_redirect_neigh, which drops frames to a multicast MAC,
 * sends it. The header a tunnel or an ICMP error prepends is uninitialised
 * headroom, so fib() must run before the frame's head moves.
 */
static __always_inline void keep_macs(struct xdp_md *ctx, struct bpf_fib_lookup *f)
{
	void *data = pkt_data(ctx);
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > pkt_end(ctx))
		return;
	__builtin_memcpy(f->dmac, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(f->smac, eth->h_source, ETH_ALEN);
}

static __always_inline int fib(struct xdp_md *ctx, struct bpf_fib_lookup *f, __u8 af, __u32 *src, __u32 *dst,
			       __u8 proto, __u32 tot_len, __u32 flags)
{
	__builtin_memset(f, 0, sizeof(*f));
	f->family = af;
	f->l4_protocol = proto;
	f->tot_len = tot_len;
	f->ifindex = ctx->ingress_ifindex;
	if (af == AF_INET) {
		f->ipv4_src = src[0];
		f->ipv4_dst = dst[0];
	} else {
		__builtin_memcpy(f->ipv6_src, src, 16);
		__builtin_memcpy(f->ipv6_dst, dst, 16);
	}
	int rc = bpf_fib_lookup(ctx, f, sizeof(*f), flags);
	if (rc == BPF_FIB_LKUP_RET_NO_NEIGH)
		keep_macs(ctx, f);
	return rc;
}

/* set_l2 makes the frame start with a plain Ethernet header right before the
 * IP packet at l3_off (dropping a VLAN tag) and writes the MACs. */
static __always_inline int set_l2(struct xdp_md *ctx, __u32 l3_off, __u8 af, __u8 *dmac, __u8 *smac)
{
	if (l3_off != sizeof(struct ethhdr) && bpf_xdp_adjust_head(ctx, (int)l3_off - (int)sizeof(struct ethhdr)))
		return -1;
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return -1;
	__builtin_memcpy(eth->h_dest, dmac, ETH_ALEN);
	__builtin_memcpy(eth->h_source, smac, ETH_ALEN);
	eth->h_proto = bpf_htons(af == AF_INET ? ETH_P_IP : ETH_P_IPV6);
	return 0;
}

/* via_kernel hands the frame to xvs_tc_out with what it needs to send it. */
static __always_inline int via_kernel(struct xdp_md *ctx, __u32 ifindex, __u32 flags, __u8 nh_af, __u32 *nh)
{
	if (bpf_xdp_adjust_meta(ctx, -(int)sizeof(struct xvs_meta)))
		return XDP_PASS; /* no metadata support: the kernel forwards what it can */
	void *data = pkt_data(ctx);
	struct xvs_meta *m = pkt_meta(ctx);
	if ((void *)(m + 1) > data)
		return XDP_PASS;
	m->magic = XVS_META_MAGIC;
	m->ifindex = ifindex;
	m->flags = flags;
	m->nh_family = nh_af;
	__builtin_memcpy(m->nh, nh, 16);
	return XDP_PASS;
}

/* xdp_out transmits a finished frame on ifindex from XDP. */
static __always_inline int xdp_out(struct xdp_md *ctx, __u32 ifindex)
{
	if (ifindex == ctx->ingress_ifindex)
		return XDP_TX;
	return bpf_redirect_map(&tx_ports, ifindex, 0);
}

/* tx sends the rewritten frame (IP packet at l3_off) after a FIB lookup. */
static __always_inline int tx(struct xdp_md *ctx, struct bpf_fib_lookup *f, int rc, __u32 l3_off, __u8 af)
{
	if (rc == BPF_FIB_LKUP_RET_SUCCESS) {
		if (set_l2(ctx, l3_off, af, f->dmac, f->smac))
			return XDP_DROP;
		__u32 ifindex = f->ifindex;
		__u32 *flags = bpf_map_lookup_elem(&iface_flags, &ifindex);
		if (flags && (*flags & XVS_IF_XDP_XMIT))
			return xdp_out(ctx, ifindex);
		__u32 none[4] = {};
		return via_kernel(ctx, ifindex, XVS_META_F_L2_DONE, 0, none);
	}
	if (rc == BPF_FIB_LKUP_RET_NO_NEIGH) {
		count_event(XVS_EV_NO_NEIGH);
		if (set_l2(ctx, l3_off, af, f->dmac, f->smac)) /* the frame's own (keep_macs) */
			return XDP_DROP;
		__u32 nh[4] = {};
		if (f->family == AF_INET)
			nh[0] = f->ipv4_dst;
		else
			__builtin_memcpy(nh, f->ipv6_dst, 16);
		return via_kernel(ctx, f->ifindex, 0, f->family, nh);
	}
	count_event(XVS_EV_FIB_FAIL);
	return XDP_DROP;
}

/* nh_cache_store remembers a successful FIB answer for the next hop of addr
 * (a real server or a client; without an outer source: xmit_tun adds that). */
static __always_inline void nh_cache_store(struct nh_cache *nc, struct bpf_fib_lookup *f, __u64 now, __u32 *addr)
{
	nc->expires = now + XVS_NH_CACHE_NS;
	nc->ifindex = f->ifindex;
	nc->mtu = f->mtu_result;
	nc->has_src = 0;
	__builtin_memcpy(nc->addr, addr, 16);
	__builtin_memcpy(nc->dmac, f->dmac, ETH_ALEN);
	__builtin_memcpy(nc->smac, f->smac, ETH_ALEN);
}

/* tx_nh transmits a frame from XDP by a cached next hop. */
static __always_inline int tx_nh(struct xdp_md *ctx, struct pkt *p, struct nh_cache *nc)
{
	if (set_l2(ctx, p->l3_off, p->af, nc->dmac, nc->smac))
		return XDP_DROP;
	return xdp_out(ctx, nc->ifindex);
}

/* tx_cached sends a frame (IP packet at l3_off, to nh_dst) by the next hop
 * cached in nc, or by the FIB, caching the result in nc (which may be NULL). */
static __always_inline int tx_cached(struct xdp_md *ctx, struct pkt *p, struct nh_cache *nc, __u32 *src,
				     __u32 *nh_dst, int kernel_ok, __u64 now)
{
	if (nc && now < nc->expires && p->l3_len <= nc->mtu && same_addr(nc->addr, nh_dst))
		return tx_nh(ctx, p, nc);
	struct bpf_fib_lookup *f = fib_params();
	if (!f)
		return XDP_DROP;
	int rc = fib(ctx, f, p->af, src, nh_dst, p->proto, p->l3_len, 0);
	if (rc == BPF_FIB_LKUP_RET_FRAG_NEEDED)
		return too_big(ctx, p, f->mtu_result, kernel_ok);
	if (nc && rc == BPF_FIB_LKUP_RET_SUCCESS) {
		__u32 ifindex = f->ifindex;
		__u32 *flags = bpf_map_lookup_elem(&iface_flags, &ifindex);
		if (flags && (*flags & XVS_IF_XDP_XMIT)) { /* only what XDP transmits is cached */
			nh_cache_store(nc, f, now, nh_dst);
			return tx_nh(ctx, p, nc);
		}
	}
	return tx(ctx, f, rc, p->l3_off, p->af);
}

/* tx_dest sends a frame to (or toward, for TUN) destination dest_id. */
static __always_inline int tx_dest(struct xdp_md *ctx, struct pkt *p, __u32 dest_id, __u32 *src, __u32 *nh_dst,
				   int kernel_ok, __u64 now)
{
	struct nh_cache *nc = dest_id < XVS_NH_CACHE ? bpf_map_lookup_elem(&nh_cache, &dest_id) : 0;
	return tx_cached(ctx, p, nc, src, nh_dst, kernel_ok, now);
}

/* tx_client sends a NAT reply, already rewritten, to its client (p->daddr). */
static __always_inline int tx_client(struct xdp_md *ctx, struct pkt *p, __u64 now)
{
	__u32 slot = client_slot(p->daddr);
	struct nh_cache *nc = bpf_map_lookup_elem(&nh_clients, &slot);
	return tx_cached(ctx, p, nc, p->saddr, p->daddr, 1, now);
}

/* l4_csum_fix applies a pseudo-header/port difference to the L4 checksum. */
static __always_inline void l4_csum_fix(void *data, void *end, struct pkt *p, __u32 diff)
{
	__u32 off = p->l4_off & 0xff;
	if (p->proto == IPPROTO_TCP) {
		struct tcphdr *th = data + off;
		if ((void *)(th + 1) <= end)
			csum_apply(&th->check, diff);
	} else if (p->proto == IPPROTO_UDP) {
		struct udphdr *uh = data + off;
		if ((void *)(uh + 1) > end)
			return;
		if (uh->check == 0 && p->af == AF_INET)
			return; /* no checksum: stays none */
		csum_apply(&uh->check, diff);
		if (uh->check == 0)
			uh->check = 0xffff;
	}
	/* SCTP's CRC32c covers no addresses: rewrite_addr recomputes it when a
	 * port changes. */
}

__u32 sctp_csum(struct xdp_md *ctx, __u32 off, __u32 len);

/* sctp_fix recomputes the SCTP checksum after a port change. */
static __always_inline int sctp_fix(struct xdp_md *ctx, struct pkt *p)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	__u32 off = p->l4_off & 0xff;
	__u32 *sum = data + off + 8;
	if ((void *)(sum + 1) > end)
		return -1;
	*sum = 0;
	__u32 len = p->l3_len - (p->l4_off - p->l3_off);
	__u32 crc = sctp_csum(ctx, off, len);
	data = pkt_data(ctx);
	end = pkt_end(ctx);
	sum = data + off + 8;
	if ((void *)(sum + 1) > end)
		return -1;
	*sum = crc; /* little-endian host: the field holds the CRC's bytes low first */
	return 0;
}

/* rewrite_addr replaces the source (which=0) or destination address and port
 * of the packet and fixes the checksums. */
static __always_inline int rewrite_addr(struct xdp_md *ctx, struct pkt *p, int which, __u32 *addr, __be16 port)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	__u32 l3 = p->l3_off & 0x1f;
	__u32 old_port = which ? p->dport : p->sport;
	__u32 new_port = port;
	__u32 diff = bpf_csum_diff(&old_port, 4, &new_port, 4, 0);
	__u32 hl = p->af == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	if (data + l3 + hl > end)
		return -1;
	diff = csum_add32(diff, set_ip_addr(data + l3, p->af, which, addr));
	/* A later fragment has no L4 header: its datagram's checksum and ports
	 * are in the first fragment, which got the same change. */
	if (!p->frag_later) {
		__u32 off = p->l4_off & 0xff;
		__be16 *ports = data + off;
		if ((void *)(ports + 2) > end)
			return -1;
		ports[which ? 1 : 0] = port;
		l4_csum_fix(data, end, p, diff);
		if (p->proto == XVS_IPPROTO_SCTP && old_port != new_port && sctp_fix(ctx, p))
			return -1;
	}
	if (which) {
		__builtin_memcpy(p->daddr, addr, 16);
		p->dport = port;
	} else {
		__builtin_memcpy(p->saddr, addr, 16);
		p->sport = port;
	}
	return 0;
}

/* too_big: a packet that does not fit the egress MTU. DF (or IPv6) gets the
 * ICMP error IPVS sends; others go to the kernel when it can route them
 * itself (NAT), else are dropped and counted. */
static __always_inline int too_big(struct xdp_md *ctx, struct pkt *p, __u32 mtu, int kernel_ok)
{
	if (p->df)
		return send_icmp_too_big(ctx, p, mtu);
	count_event(XVS_EV_FIB_FAIL);
	return kernel_ok ? XDP_PASS : XDP_DROP;
}

/*
 * forward_hop is the router's share of forwarding, as IPVS's decrement_ttl
 * does it for NAT, DR and TUN: a packet whose TTL (hop limit) is 1 or less
 * expires here (1), others go on with one less (0; -1: a bad frame).
 */
static __always_inline int forward_hop(struct xdp_md *ctx, struct pkt *p)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	__u32 l3 = p->l3_off & 0x1f;
	if (p->af == AF_INET) {
		struct iphdr *iph = data + l3;
		if ((void *)(iph + 1) > end)
			return -1;
		if (iph->ttl <= 1)
			return 1;
		/* ip_decrease_ttl: the checksum's incremental update for
		 * TTL - 1 (RFC 1624), with its end-around carry. */
		__u32 check = iph->check;
		check += bpf_htons(0x0100);
		iph->check = (__u16)(check + (check >= 0xffff));
		iph->ttl--;
	} else {
		struct ipv6hdr *ip6h = data + l3;
		if ((void *)(ip6h + 1) > end)
			return -1;
		if (ip6h->hop_limit <= 1)
			return 1;
		ip6h->hop_limit--;
	}
	p->ttl--;
	return 0;
}

static __always_inline int xmit_nat_in(struct xdp_md *ctx, struct pkt *p, struct xvs_conn *c, __u64 now)
{
	if (c->af != p->af)
		return XDP_DROP; /* NAT never crosses families (IPVS refuses it too) */
	if (rewrite_addr(ctx, p, 1, c->addr, c->port))
		return XDP_DROP;
	return tx_dest(ctx, p, c->dest_id, p->saddr, p->daddr, 1, now);
}

/* xmit_nat_out turns a reply RIP:rport -> client into VIP:vport -> client
 * and sends it on. */
static __always_inline int xmit_nat_out(struct xdp_md *ctx, struct pkt *p, __u32 *vaddr, __be16 vport, __u64 now)
{
	int hop = forward_hop(ctx, p);
	if (hop)
		return hop < 0 ? XDP_DROP : XDP_PASS; /* the kernel's forwarding answers an expired reply */
	if (rewrite_addr(ctx, p, 0, vaddr, vport))
		return XDP_DROP;
	return tx_client(ctx, p, now);
}

/* xmit_dr: the packet is unchanged; only the MACs point at the real server. */
static __always_inline int xmit_dr(struct xdp_md *ctx, struct pkt *p, struct xvs_conn *c, __u64 now)
{
	if (c->af != p->af)
		return XDP_DROP;
	return tx_dest(ctx, p, c->dest_id, p->saddr, c->addr, 0, now);
}

/* trim_padding cuts Ethernet padding after the IP packet, so that nothing
 * but the packet is encapsulated or quoted. */
static __always_inline int trim_padding(struct xdp_md *ctx, struct pkt *p)
{
	int extra = (int)bpf_xdp_get_buff_len(ctx) - (int)(p->l3_off + p->l3_len);
	if (extra > 0 && bpf_xdp_adjust_tail(ctx, -extra))
		return -1;
	return 0;
}

/* tun_hlen is the size of the outer headers of connection c. */
static __always_inline __u32 tun_hlen(struct xvs_conn *c)
{
	__u32 len = c->af == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	if (c->tun_type == XVS_TUN_GUE)
		len += sizeof(struct udphdr) + XVS_GUE_HLEN;
	else if (c->tun_type == XVS_TUN_GRE)
		len += (c->tun_flags & XVS_TUN_F_CSUM) ? XVS_GRE_CSUM_HLEN : XVS_GRE_HLEN;
	return len;
}

/* flow_port is the GUE source port: a hash of the inner flow in the
 * ephemeral range, as udp_flow_src_port spreads flows for the receiver. */
static __always_inline __be16 flow_port(struct pkt *p)
{
	__u32 h = p->saddr[0] ^ p->saddr[3] ^ p->daddr[0] ^ p->daddr[3] ^ ((__u32)p->sport << 16 | p->dport);
	h ^= h >> 16;
	h *= 0x45d9f3b;
	h ^= h >> 16;
	return bpf_htons(32768 + (h % 28232));
}

/* write_outer writes the outer IP header and the tunnel header at data+14. */
static __always_inline int write_outer(struct xdp_md *ctx, struct pkt *p, struct xvs_conn *c, __u32 *src,
				       __u32 hlen)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	__u8 inner = p->af == AF_INET ? IPPROTO_IPIP : IPPROTO_IPV6;
	__u8 outer_proto = inner;
	if (c->tun_type == XVS_TUN_GUE)
		outer_proto = IPPROTO_UDP;
	else if (c->tun_type == XVS_TUN_GRE)
		outer_proto = XVS_IPPROTO_GRE;
	__u32 l3 = sizeof(struct ethhdr);
	__u32 ohl = c->af == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	__u32 payload = p->l3_len + hlen - ohl; /* everything after the outer IP header */
	if (c->af == AF_INET) {
		struct iphdr *o = data + l3;
		if ((void *)(o + 1) > end)
			return -1;
		o->version = 4;
		o->ihl = 5;
		o->tos = p->tos;
		o->tot_len = bpf_htons(p->l3_len + hlen);
		o->id = p->df ? 0 : bpf_htons(bpf_get_prandom_u32() & 0xffff);
		o->frag_off = p->df ? bpf_htons(XVS_IP_DF) : 0;
		o->ttl = p->ttl;
		o->protocol = outer_proto;
		o->saddr = src[0];
		o->daddr = c->addr[0];
		ipv4_set_csum(o);
	} else {
		struct ipv6hdr *o = data + l3;
		if ((void *)(o + 1) > end)
			return -1;
		*(__be32 *)o = bpf_htonl(0x60000000 | ((__u32)p->tos << 20)) | p->flowlabel;
		o->payload_len = bpf_htons(payload);
		o->nexthdr = outer_proto;
		o->hop_limit = p->ttl;
		__builtin_memcpy(&o->saddr, src, 16);
		__builtin_memcpy(&o->daddr, c->addr, 16);
	}
	void *t = data + l3 + ohl;
	if (c->tun_type == XVS_TUN_GUE) {
		struct udphdr *u = t;
		if ((void *)u + sizeof(*u) + XVS_GUE_HLEN > end)
			return -1;
		u->source = flow_port(p);
		u->dest = c->tun_port;
		u->len = bpf_htons(payload);
		u->check = 0;
		__u8 *g = (void *)(u + 1);
		g[0] = 0; /* version 0, C 0, no optional fields */
		g[1] = inner;
		g[2] = 0;
		g[3] = 0;
		if (c->tun_flags & XVS_TUN_F_CSUM) {
			__u32 daddr[4] = {}, saddr[4] = {};
			__builtin_memcpy(saddr, src, 16);
			__builtin_memcpy(daddr, c->addr, 16);
			__u32 s = pseudo_sum(c->af, saddr, daddr, IPPROTO_UDP, payload);
			__u16 sum = csum_fold(csum_from(ctx, l3 + ohl, s));
			data = pkt_data(ctx);
			end = pkt_end(ctx);
			u = data + l3 + ohl;
			if ((void *)(u + 1) > end)
				return -1;
			u->check = sum ? sum : 0xffff;
		}
	} else if (c->tun_type == XVS_TUN_GRE) {
		__be16 *gre = t;
		if ((void *)(gre + 4) > end)
			return -1;
		int csum = c->tun_flags & XVS_TUN_F_CSUM;
		gre[0] = csum ? bpf_htons(XVS_GRE_F_CSUM) : 0;
		gre[1] = bpf_htons(p->af == AF_INET ? ETH_P_IP : ETH_P_IPV6);
		if (csum) {
			gre[2] = 0;
			gre[3] = 0;
			__u16 sum = csum_fold(csum_from(ctx, l3 + ohl, 0));
			data = pkt_data(ctx);
			end = pkt_end(ctx);
			gre = data + l3 + ohl;
			if ((void *)(gre + 4) > end)
				return -1;
			gre[2] = sum;
		}
	}
	return 0;
}

/* path_room is what of a learned path MTU towards the real server
 * (learn_pmtu) a packet may fill inside the tunnel: 0 when it fits; a
 * frame of its own, off the stack-heavy chain of the tunnel senders. */
static __noinline __u32 path_room(struct pkt *p, struct xvs_conn *c, __u32 hlen, __u64 now)
{
	struct xvs_addr_key k = {.af = c->af};
	__builtin_memcpy(k.addr, c->addr, 16);
	struct xvs_pmtu *v = bpf_map_lookup_elem(&tun_pmtu, &k);
	if (!v || now >= v->expires || p->l3_len + hlen <= v->mtu)
		return 0;
	return v->mtu > hlen ? v->mtu - hlen : 1;
}

/* xmit_tun encapsulates to the real server: outer source is the director's
 * address on the egress interface (BPF_FIB_LOOKUP_SRC). */
static __always_inline int xmit_tun(struct xdp_md *ctx, struct pkt *p, struct xvs_conn *c, __u64 now)
{
	__u32 hlen = tun_hlen(c);
	__u32 src[4] = {};
	struct bpf_fib_lookup *f = fib_params();
	if (!f)
		return XDP_DROP;
	/* A narrower link further on (the ICMP errors said so) counts too. */
	__u32 room = path_room(p, c, hlen, now);
	if (room)
		return too_big(ctx, p, room, 0);
	__u32 dest_id = c->dest_id;
	struct nh_cache *nc = dest_id < XVS_NH_CACHE ? bpf_map_lookup_elem(&nh_cache, &dest_id) : 0;
	int rc;
	if (nc && nc->has_src && now < nc->expires && p->l3_len + hlen <= nc->mtu && same_addr(nc->addr, c->addr)) {
		/* the cached next hop stands in for the FIB's answer */
		rc = BPF_FIB_LKUP_RET_SUCCESS;
		f->family = c->af;
		f->ifindex = nc->ifindex;
		__builtin_memcpy(f->dmac, nc->dmac, ETH_ALEN);
		__builtin_memcpy(f->smac, nc->smac, ETH_ALEN);
		if (c->af == AF_INET)
			f->ipv4_src = nc->src[0];
		else
			__builtin_memcpy(f->ipv6_src, nc->src, 16);
	} else {
		rc = fib(ctx, f, c->af, src, c->addr, 0, p->l3_len + hlen, BPF_FIB_LOOKUP_SRC);
		if (nc && rc == BPF_FIB_LKUP_RET_SUCCESS) {
			nh_cache_store(nc, f, now, c->addr);
			nc->has_src = 1;
			if (c->af == AF_INET)
				nc->src[0] = f->ipv4_src;
			else
				__builtin_memcpy(nc->src, f->ipv6_src, 16);
		}
	}
	if (rc == BPF_FIB_LKUP_RET_FRAG_NEEDED) {
		__u32 mtu = f->mtu_result > hlen ? f->mtu_result - hlen : 0;
		return too_big(ctx, p, mtu, 0);
	}
	if (rc != BPF_FIB_LKUP_RET_SUCCESS && rc != BPF_FIB_LKUP_RET_NO_NEIGH) {
		count_event(XVS_EV_FIB_FAIL);
		return XDP_DROP;
	}
	if (c->af == AF_INET)
		src[0] = f->ipv4_src;
	else
		__builtin_memcpy(src, f->ipv6_src, 16);
	if (trim_padding(ctx, p))
		return XDP_DROP;
	/* Grow the head so that Ethernet + outer headers end where the inner
	 * IP packet starts (a VLAN tag in front is overwritten). */
	int grow = (int)(sizeof(struct ethhdr) + hlen) - (int)p->l3_off;
	if (bpf_xdp_adjust_head(ctx, -grow))
		return XDP_DROP;
	if (write_outer(ctx, p, c, src, hlen))
		return XDP_DROP;
	return tx(ctx, f, rc, sizeof(struct ethhdr), c->af);
}

#endif
