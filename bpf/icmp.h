/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMP: errors about connections are translated and forwarded (ip_vs_in_icmp,
 * ip_vs_out_icmp), and the errors IPVS itself sends are built here: port
 * unreachable when no destination is available, fragmentation needed /
 * packet too big when a tunnelled packet would not fit. Included by xvs.c.
 */
#ifndef XVS_ICMP_H
#define XVS_ICMP_H

/* icmp_error_type: ICMP types that carry a packet we may know (v4: dest
 * unreachable, source quench, time exceeded; v6: the four error types). */
static __always_inline int icmp_error_type(__u8 af, __u8 type)
{
	if (af == AF_INET)
		return type == ICMP_DEST_UNREACH || type == ICMP_SOURCE_QUENCH || type == ICMP_TIME_EXCEEDED;
	return type >= ICMPV6_DEST_UNREACH && type <= ICMPV6_PARAMPROB;
}

/* The packet quoted in an ICMP error, parsed. */
struct quoted {
	__u32 l3_off;
	__u32 l4_off;
	__u32 saddr[4];
	__u32 daddr[4];
	__be16 sport;
	__be16 dport;
	__u8 proto;
};

static __always_inline int parse_quoted(void *data, void *end, struct pkt *p, struct quoted *q)
{
	__u32 off = (p->l4_off & 0xff) + 8;
	q->l3_off = off;
	if (p->af == AF_INET) {
		struct iphdr *iph = data + off;
		if ((void *)(iph + 1) > end || iph->ihl < 5)
			return -1;
		q->proto = iph->protocol;
		q->saddr[0] = iph->saddr;
		q->daddr[0] = iph->daddr;
		off += iph->ihl * 4;
	} else {
		struct ipv6hdr *ip6h = data + off;
		if ((void *)(ip6h + 1) > end)
			return -1;
		q->proto = ip6h->nexthdr;
		__builtin_memcpy(q->saddr, &ip6h->saddr, 16);
		__builtin_memcpy(q->daddr, &ip6h->daddr, 16);
		off += sizeof(*ip6h);
	}
	if (q->proto != IPPROTO_TCP && q->proto != IPPROTO_UDP && q->proto != XVS_IPPROTO_SCTP)
		return -1;
	if (off > 400)
		return -1;
	q->l4_off = off;
	__be16 *ports = data + off;
	if ((void *)(ports + 2) > end)
		return -1;
	q->sport = ports[0];
	q->dport = ports[1];
	return 0;
}

/* nat_icmp rewrites an ICMP error of a NAT connection: the outer address
 * (which=1: destination, 0: source) and, inside the quoted packet, the
 * opposite end's address and port. The ICMP checksum is updated by the
 * difference; the quoted L4 checksum is left alone, as the kernel does. */
static __always_inline int nat_icmp(struct xdp_md *ctx, struct pkt *p, struct quoted *q, int which, __u32 *addr,
				    __be16 port)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	__u32 l3 = p->l3_off & 0x1f;
	__u32 icmp_diff = 0;
	__u32 addr_diff;
	if (p->af == AF_INET) {
		struct iphdr *iph = data + l3;
		if ((void *)(iph + 1) > end)
			return -1;
		__u32 new = addr[0];
		addr_diff = set_ip_addr(iph, AF_INET, which, addr);
		/* quoted header: the other side of the tuple */
		struct iphdr *qh = data + (q->l3_off & 0x1ff);
		if ((void *)(qh + 1) > end)
			return -1;
		__u32 *qa = which ? &qh->saddr : &qh->daddr;
		__u32 qold = *qa;
		__u32 old_check = qh->check;
		csum_apply(&qh->check, addr_diff);
		__u32 new_check = qh->check;
		*qa = new;
		icmp_diff = csum_add32(bpf_csum_diff(&qold, 4, &new, 4, 0),
				       bpf_csum_diff(&old_check, 4, &new_check, 4, 0));
	} else {
		struct ipv6hdr *ip6h = data + l3;
		if ((void *)(ip6h + 1) > end)
			return -1;
		addr_diff = set_ip_addr(ip6h, AF_INET6, which, addr);
		struct ipv6hdr *qh = data + (q->l3_off & 0x1ff);
		if ((void *)(qh + 1) > end)
			return -1;
		__u32 *qa = which ? (__u32 *)&qh->saddr : (__u32 *)&qh->daddr;
		__u32 qold[4];
		__builtin_memcpy(qold, qa, 16);
		__builtin_memcpy(qa, addr, 16);
		/* ICMPv6 covers the pseudo-header (outer change) and the quote. */
		icmp_diff = csum_add32(addr_diff, bpf_csum_diff(qold, 16, addr, 16, 0));
	}
	__be16 *ports = data + (q->l4_off & 0x1ff);
	if ((void *)(ports + 2) > end)
		return -1;
	__u32 oldp = ports[which ? 0 : 1], newp = port;
	ports[which ? 0 : 1] = port;
	icmp_diff = csum_add32(icmp_diff, bpf_csum_diff(&oldp, 4, &newp, 4, 0));
	struct icmphdr *ih = data + (p->l4_off & 0xff);
	if ((void *)(ih + 1) > end)
		return -1;
	csum_apply(&ih->checksum, icmp_diff);
	return 0;
}

/* The reverse view of a NAT connection found through nat_vips, in a per-CPU
 * scratch area: what a reverse entry would say (VIP, vport, ids). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, struct xvs_conn);
	__uint(max_entries, 1);
} reply_view SEC(".maps");

/* quoted_key: the quoted packet went the other way; k is its tuple swapped,
 * the key of the connection it belongs to (or of its reply). */
static __always_inline void quoted_key(__u8 af, struct quoted *q, struct xvs_conn_key *k)
{
	__builtin_memset(k, 0, sizeof(*k));
	__builtin_memcpy(k->saddr, q->daddr, 16);
	__builtin_memcpy(k->daddr, q->saddr, 16);
	k->sport = q->dport;
	k->dport = q->sport;
	k->af = af;
	k->proto = q->proto;
}

/* quoted_reply: a quoted packet CIP:cport -> RIP:rport of a NAT connection
 * without a reverse entry, as its reverse view. */
static __noinline struct xvs_conn *quoted_reply(__u8 af, struct quoted *q)
{
	struct xvs_conn_key k, fk;
	quoted_key(af, q, &k);
	struct xvs_conn *c = reply_conn(&k, &fk);
	__u32 zero = 0;
	struct xvs_conn *r = bpf_map_lookup_elem(&reply_view, &zero);
	if (!c || !r)
		return 0;
	__builtin_memset(r, 0, sizeof(*r));
	__builtin_memcpy(r->addr, fk.daddr, 16);
	r->port = fk.dport;
	r->af = fk.af;
	r->flags = XVS_CONN_F_REVERSE;
	r->fwd = XVS_FWD_MASQ;
	r->dest_id = c->dest_id;
	r->svc_id = c->svc_id;
	return r;
}

/* quoted_conn finds the connection of an ICMP error's quoted packet. Its
 * key lives in this frame, not in handle_icmp's: that one is deep in the
 * longest call chain (handle_icmp -> send_icmp -> csum_from), where the
 * verifier's 512-byte stack limit is near. */
static __noinline struct xvs_conn *quoted_conn(__u8 af, struct quoted *q)
{
	struct xvs_conn_key k;
	quoted_key(af, q, &k);
	return conn_lookup(&k);
}

/*
 * learn_pmtu keeps the path MTU an ICMP "fragmentation needed" (IPv4) or
 * "packet too big" (IPv6) tells for the address its quoted packet went to:
 * without ipip or fou modules the kernel learns nothing from errors about
 * the tunnels XDP sends, so the datapath keeps what the path said.
 */
static __noinline void learn_pmtu(struct xdp_md *ctx, struct pkt *p)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	struct icmphdr *ih = data + (p->l4_off & 0xff);
	if ((void *)(ih + 1) > end)
		return;
	__u32 mtu;
	if (p->af == AF_INET) {
		if (ih->type != ICMP_DEST_UNREACH || ih->code != ICMP_FRAG_NEEDED)
			return;
		mtu = bpf_ntohl(ih->info) & 0xffff;
		if (mtu < 552) /* the kernel's min_pmtu */
			return;
	} else {
		if (ih->type != ICMPV6_PKT_TOOBIG)
			return;
		mtu = bpf_ntohl(ih->info);
		if (mtu < 1280)
			return;
	}
	struct xvs_addr_key k = {.af = p->af};
	__u32 off = (p->l4_off & 0xff) + 8;
	if (p->af == AF_INET) {
		struct iphdr *iph = data + off;
		if ((void *)(iph + 1) > end)
			return;
		k.addr[0] = iph->daddr;
	} else {
		struct ipv6hdr *ip6h = data + off;
		if ((void *)(ip6h + 1) > end)
			return;
		__builtin_memcpy(k.addr, &ip6h->daddr, 16);
	}
	struct xvs_pmtu v = {.expires = xvs_now() + XVS_PMTU_SECONDS * 1000000000ULL, .mtu = mtu};
	bpf_map_update_elem(&tun_pmtu, &k, &v, BPF_ANY);
}

/* handle_icmp forwards ICMP errors about known connections: to the real
 * server for errors from the client side, to the client (translated) for
 * errors a NAT real server sends. Other ICMP goes to the kernel. */
static __noinline int handle_icmp(struct xdp_md *ctx, struct pkt *p)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	struct icmphdr *ih = data + (p->l4_off & 0xff);
	if ((void *)(ih + 1) > end)
		return XDP_PASS;
	if (!icmp_error_type(p->af, ih->type))
		return XDP_PASS;
	learn_pmtu(ctx, p);
	struct quoted q = {};
	if (parse_quoted(data, end, p, &q))
		return XDP_PASS;
	struct xvs_conn *c = quoted_conn(p->af, &q);
	if (!c)
		c = quoted_reply(p->af, &q);
	if (!c)
		return XDP_PASS;
	if (forward_hop(ctx, p))
		return XDP_DROP; /* expired: no error is sent about an error */
	count_event(XVS_EV_ICMP_FWD);
	struct bpf_fib_lookup *f = fib_params();
	if (!f)
		return XDP_DROP;
	if (c->flags & XVS_CONN_F_REVERSE) {
		/* From a NAT real server about CIP -> RIP: make it VIP's. */
		if (nat_icmp(ctx, p, &q, 0, c->addr, c->port))
			return XDP_DROP;
		__builtin_memcpy(p->saddr, c->addr, 16);
		count_out(c->svc_id, c->dest_id, p); /* IPVS counts it, at its full length */
		int rc = fib(ctx, f, p->af, p->saddr, p->daddr, p->proto, p->l3_len, 0);
		return tx(ctx, f, rc, p->l3_off, p->af);
	}
	count_in(c->svc_id, c->dest_id, p, 0);
	if (c->fwd == XVS_FWD_MASQ) {
		/* From the client about VIP -> CIP: make it the real server's. */
		if (c->af != p->af || nat_icmp(ctx, p, &q, 1, c->addr, c->port))
			return XDP_DROP;
		int rc = fib(ctx, f, p->af, p->saddr, c->addr, p->proto, p->l3_len, 0);
		return tx(ctx, f, rc, p->l3_off, p->af);
	}
	if (c->fwd == XVS_FWD_ROUTE)
		return xmit_dr(ctx, p, c, xvs_now());
	if (c->fwd == XVS_FWD_TUNNEL)
		return xmit_tun(ctx, p, c, xvs_now());
	return XDP_PASS;
}

/*
 * send_icmp turns the packet into an ICMP error to its sender, from the
 * address it was sent to (the VIP), quoting its start, and sends it back.
 */
static __noinline int send_icmp(struct xdp_md *ctx, struct pkt *p, __u8 type, __u8 code, __u32 info)
{
	__u32 hl = p->af == AF_INET ? sizeof(struct iphdr) : sizeof(struct ipv6hdr);
	__u32 quote = p->l3_len < XVS_ICMP_QUOTE ? p->l3_len : XVS_ICMP_QUOTE;
	/* The error goes from where the packet went (the VIP) to its sender. */
	__u32 *src = p->daddr, *dst = p->saddr;
	__u32 len = hl + 8 + quote;
	__u8 proto = p->af == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6;
	struct bpf_fib_lookup *f = fib_params();
	if (!f)
		return XDP_DROP;
	int rc = fib(ctx, f, p->af, src, dst, proto, len, 0); /* before the head moves: keep_macs */
	int extra = (int)bpf_xdp_get_buff_len(ctx) - (int)(p->l3_off + quote);
	if (extra > 0 && bpf_xdp_adjust_tail(ctx, -extra))
		return XDP_DROP;
	int grow = (int)(sizeof(struct ethhdr) + hl + 8) - (int)p->l3_off;
	if (bpf_xdp_adjust_head(ctx, -grow))
		return XDP_DROP;
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	if (p->af == AF_INET) {
		struct iphdr *iph = data + sizeof(struct ethhdr);
		struct icmphdr *ih = (void *)(iph + 1);
		if ((void *)(ih + 1) > end)
			return XDP_DROP;
		iph->version = 4;
		iph->ihl = 5;
		iph->tos = 0xc0;
		iph->tot_len = bpf_htons(len);
		iph->id = 0;
		iph->frag_off = 0;
		iph->ttl = 64;
		iph->protocol = IPPROTO_ICMP;
		iph->saddr = src[0];
		iph->daddr = dst[0];
		ipv4_set_csum(iph);
		ih->type = type;
		ih->code = code;
		ih->checksum = 0;
		ih->info = bpf_htonl(info & 0xffff); /* unused(16) + next-hop MTU(16) */
		__u16 sum = csum_fold(csum_from(ctx, sizeof(struct ethhdr) + sizeof(struct iphdr), 0));
		data = pkt_data(ctx);
		end = pkt_end(ctx);
		ih = data + sizeof(struct ethhdr) + sizeof(struct iphdr);
		if ((void *)(ih + 1) > end)
			return XDP_DROP;
		ih->checksum = sum;
	} else {
		struct ipv6hdr *ip6h = data + sizeof(struct ethhdr);
		struct icmphdr *ih = (void *)(ip6h + 1);
		if ((void *)(ih + 1) > end)
			return XDP_DROP;
		*(__be32 *)ip6h = bpf_htonl(0x60000000);
		ip6h->payload_len = bpf_htons(8 + quote);
		ip6h->nexthdr = IPPROTO_ICMPV6;
		ip6h->hop_limit = 64;
		__builtin_memcpy(&ip6h->saddr, src, 16);
		__builtin_memcpy(&ip6h->daddr, dst, 16);
		ih->type = type;
		ih->code = code;
		ih->checksum = 0;
		ih->info = bpf_htonl(info);
		__u32 s = pseudo_sum(AF_INET6, src, dst, IPPROTO_ICMPV6, 8 + quote);
		__u16 sum = csum_fold(csum_from(ctx, sizeof(struct ethhdr) + sizeof(struct ipv6hdr), s));
		data = pkt_data(ctx);
		end = pkt_end(ctx);
		ih = data + sizeof(struct ethhdr) + sizeof(struct ipv6hdr);
		if ((void *)(ih + 1) > end)
			return XDP_DROP;
		ih->checksum = sum;
	}
	return tx(ctx, f, rc, sizeof(struct ethhdr), p->af);
}

static __always_inline int send_icmp_unreach(struct xdp_md *ctx, struct pkt *p)
{
	if (p->af == AF_INET)
		return send_icmp(ctx, p, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	return send_icmp(ctx, p, ICMPV6_DEST_UNREACH, ICMPV6_PORT_UNREACH, 0);
}

/* send_time_exceeded answers a packet whose TTL ran out here, from the
 * address it was sent to, as IPVS's decrement_ttl does. */
static __always_inline int send_time_exceeded(struct xdp_md *ctx, struct pkt *p)
{
	count_event(XVS_EV_TTL_EXPIRED);
	if (p->af == AF_INET)
		return send_icmp(ctx, p, ICMP_TIME_EXCEEDED, 0, 0);
	return send_icmp(ctx, p, ICMPV6_TIME_EXCEED, 0, 0);
}

static __always_inline int send_icmp_too_big(struct xdp_md *ctx, struct pkt *p, __u32 mtu)
{
	count_event(XVS_EV_FRAG_NEEDED);
	if (p->af == AF_INET)
		return send_icmp(ctx, p, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
	return send_icmp(ctx, p, ICMPV6_PKT_TOOBIG, 0, mtu);
}

#endif
