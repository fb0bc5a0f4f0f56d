/* SPDX-License-Identifier: GPL-2.0 */
/* Packet parsing and checksum helpers shared by the director (xvs.c) and the
 * real-server decapsulator (decap.c). */
#ifndef XVS_PACKET_H
#define XVS_PACKET_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#ifndef AF_INET
#define AF_INET 2
#endif
#ifndef AF_INET6
#define AF_INET6 10
#endif
#define XVS_IP_MF 0x2000
#define XVS_IP_DF 0x4000
#define XVS_IP_OFFSET 0x1fff
#define XVS_ETH_P_8021Q 0x8100
#define XVS_ETH_P_8021AD 0x88A8
#define XVS_IPPROTO_SCTP 132
#define XVS_IPPROTO_GRE 47

/*
 * The frame's bounds. struct xdp_md and struct __sk_buff declare data,
 * data_end and data_meta as __u32, but the verifier turns their loads into
 * 64-bit pointers. With -mcpu=v3, clang may reuse such a load where the
 * source casts it to a pointer and "zero-extend" it with a 32-bit move
 * (w2 = w2): root's verifier accepts that as a scalar, and at run time the
 * move cuts the pointer, so every bounds check against it fails and the
 * packet is dropped. Loading through asm gives the compiler a 64-bit value
 * it never extends (bpf_objects_test checks the objects for the pattern);
 * volatile, because helpers like bpf_xdp_adjust_head move the bounds.
 */
#define XVS_CTX_PTR(ctx, field)                                                                      \
	({                                                                                           \
		void *__p;                                                                           \
		asm volatile("%0 = *(u32 *)(%1 + %2)"                                                \
			     : "=r"(__p)                                                             \
			     : "r"(ctx), "i"(__builtin_offsetof(__typeof__(*(ctx)), field)));         \
		__p;                                                                                 \
	})
#define pkt_data(ctx) XVS_CTX_PTR(ctx, data)
#define pkt_end(ctx) XVS_CTX_PTR(ctx, data_end)
#define pkt_meta(ctx) XVS_CTX_PTR(ctx, data_meta)

/* ICMP, without linux/icmp.h (which drags in libc's socket headers). */
#define ICMP_DEST_UNREACH 3
#define ICMP_SOURCE_QUENCH 4
#define ICMP_TIME_EXCEEDED 11
#define ICMP_PORT_UNREACH 3
#define ICMP_FRAG_NEEDED 4
#define ICMPV6_DEST_UNREACH 1
#define ICMPV6_PKT_TOOBIG 2
#define ICMPV6_TIME_EXCEED 3
#define ICMPV6_PARAMPROB 4
#define ICMPV6_PORT_UNREACH 4

struct icmphdr {
	__u8 type;
	__u8 code;
	__u16 checksum;
	__be32 info; /* unused / gateway / (unused, MTU) / ICMPv6 MTU */
};

/* The deepest L4 offset we parse (Ethernet + VLAN + IPv6 with extension
 * headers); anything deeper is handed to the kernel. */
#define XVS_MAX_L4_OFF 255

/* Subprograms (BPF-to-BPF calls) keep each stack frame small. */
#define __noinline __attribute__((noinline))

struct vlan_hdr {
	__be16 tci;
	__be16 proto;
};

/* A parsed packet: where its headers are and its 5-tuple. */
struct pkt {
	__u32 l3_off;
	__u32 l4_off;
	__u32 l3_len; /* IP packet length from the header (IPv4 total, IPv6 40 + payload) */
	__u8 af;
	__u8 proto;
	__u8 tcp_flags;
	__u8 frag;       /* an IP fragment */
	__u8 tos;
	__u8 ttl;
	__u8 df;
	__u8 frag_later; /* a fragment after the first: no L4 header, ports from the first */
	__be32 flowlabel;
	__u32 frag_id;   /* IPv4 identification or IPv6 fragment header id, as sent */
	__u32 vip_flags; /* the director's: XVS_ADDR_* of the destination */
	__u32 mark;      /* the director's: the mark its rules give the packet */
	__u32 saddr[4];
	__u32 daddr[4];
	__be16 sport;
	__be16 dport;
};

enum parse_result {
	PARSE_OK = 0,
	PARSE_NOT_IP,    /* not IPv4/IPv6: not ours */
	PARSE_MALFORMED, /* lengths or headers that do not add up */
	PARSE_DEEP,      /* headers we do not follow (deep extension chains) */
};

#define TCP_FLAG_FIN 0x01
#define TCP_FLAG_SYN 0x02
#define TCP_FLAG_RST 0x04
#define TCP_FLAG_ACK 0x10

/*
 * parse_sctp_chunk keeps in tcp_flags the chunk type IPVS's SCTP state
 * machine goes by: the first chunk's, or ABORT when a COOKIE ECHO or COOKIE
 * ACK is followed by one (RFC 4960 3.3.7: control chunks may be bundled
 * before an ABORT).
 */
static __always_inline int parse_sctp_chunk(void *data, void *end, __u32 off, struct pkt *p)
{
	__u8 *chunk = data + off + 12;
	if ((void *)(chunk + 4) > end)
		return PARSE_MALFORMED; /* the common header and no chunk */
	p->tcp_flags = chunk[0];
	if (chunk[0] == 10 || chunk[0] == 11) { /* COOKIE ECHO, COOKIE ACK */
		__u32 clen = ((__u32)chunk[2] << 8 | chunk[3]) & 0x7ff; /* a frame holds no longer one */
		__u8 *next = (__u8 *)chunk + ((clen + 3) & ~3u);
		if (clen >= 4 && (void *)(next + 1) <= end && next[0] == 6)
			p->tcp_flags = 6; /* ABORT */
	}
	return PARSE_OK;
}

static __always_inline int parse_l4(void *data, void *end, struct pkt *p)
{
	__u32 off = p->l4_off;
	if (off > XVS_MAX_L4_OFF)
		return PARSE_DEEP;
	off &= 0xff;
	if (p->frag_later)
		return PARSE_OK; /* ports only in the first fragment */
	switch (p->proto) {
	case IPPROTO_TCP: {
		struct tcphdr *th = data + off;
		if ((void *)(th + 1) > end || th->doff < 5)
			return PARSE_MALFORMED;
		p->sport = th->source;
		p->dport = th->dest;
		p->tcp_flags = ((__u8 *)th)[13];
		return PARSE_OK;
	}
	case IPPROTO_UDP:
	case XVS_IPPROTO_SCTP: {
		__be16 *ports = data + off;
		if ((void *)(ports + 2) > end)
			return PARSE_MALFORMED;
		if (p->proto == IPPROTO_UDP && (void *)((struct udphdr *)ports + 1) > end)
			return PARSE_MALFORMED;
		p->sport = ports[0];
		p->dport = ports[1];
		if (p->proto == XVS_IPPROTO_SCTP)
			return parse_sctp_chunk(data, end, off, p);
		return PARSE_OK;
	}
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		if (data + off + 8 > end)
			return PARSE_MALFORMED;
		return PARSE_OK;
	}
	return PARSE_OK;
}

static __always_inline int parse_ipv4(void *data, void *end, struct pkt *p)
{
	struct iphdr *iph = data + p->l3_off;
	if ((void *)(iph + 1) > end)
		return PARSE_MALFORMED;
	__u32 hlen = iph->ihl * 4;
	__u32 tot = bpf_ntohs(iph->tot_len);
	if (iph->version != 4 || hlen < sizeof(*iph) || tot < hlen)
		return PARSE_MALFORMED;
	if (data + p->l3_off + tot > end)
		return PARSE_MALFORMED;
	p->af = AF_INET;
	p->proto = iph->protocol;
	p->l3_len = tot;
	p->l4_off = p->l3_off + hlen;
	p->frag = (iph->frag_off & bpf_htons(XVS_IP_MF | XVS_IP_OFFSET)) != 0;
	p->frag_later = (iph->frag_off & bpf_htons(XVS_IP_OFFSET)) != 0;
	p->frag_id = iph->id;
	p->df = (iph->frag_off & bpf_htons(XVS_IP_DF)) != 0;
	p->tos = iph->tos;
	p->ttl = iph->ttl;
	p->saddr[0] = iph->saddr;
	p->daddr[0] = iph->daddr;
	return parse_l4(data, end, p);
}

struct ipv6_opt {
	__u8 nexthdr;
	__u8 hdrlen;
	__be16 frag_off; /* fragment header: offset and M flag */
	__be32 frag_id;  /* fragment header: identification */
};

static __always_inline int parse_ipv6(void *data, void *end, struct pkt *p)
{
	struct ipv6hdr *ip6h = data + p->l3_off;
	if ((void *)(ip6h + 1) > end)
		return PARSE_MALFORMED;
	if (ip6h->version != 6)
		return PARSE_MALFORMED;
	__u32 plen = bpf_ntohs(ip6h->payload_len);
	if (data + p->l3_off + sizeof(*ip6h) + plen > end)
		return PARSE_MALFORMED;
	p->af = AF_INET6;
	p->l3_len = sizeof(*ip6h) + plen;
	p->tos = (ip6h->priority << 4) | (ip6h->flow_lbl[0] >> 4);
	p->flowlabel = *(__be32 *)ip6h & bpf_htonl(0x000fffff);
	p->ttl = ip6h->hop_limit;
	p->df = 1;
	__builtin_memcpy(p->saddr, &ip6h->saddr, 16);
	__builtin_memcpy(p->daddr, &ip6h->daddr, 16);
	__u8 nh = ip6h->nexthdr;
	__u32 off = p->l3_off + sizeof(*ip6h);
#pragma unroll
	for (int i = 0; i < 4; i++) {
		if (nh != IPPROTO_HOPOPTS && nh != IPPROTO_ROUTING && nh != IPPROTO_DSTOPTS &&
		    nh != IPPROTO_FRAGMENT && nh != IPPROTO_AH)
			break;
		if (off > XVS_MAX_L4_OFF)
			return PARSE_DEEP;
		off &= 0xff;
		struct ipv6_opt *o = data + off;
		if ((void *)(o + 1) > end) /* 8 bytes: the least any of them is */
			return PARSE_MALFORMED;
		if (nh == IPPROTO_FRAGMENT) {
			if (o->frag_off & bpf_htons(0xfff9)) {
				p->frag = 1;
				p->frag_later = (o->frag_off & bpf_htons(0xfff8)) != 0;
				p->frag_id = o->frag_id;
			}
			nh = o->nexthdr;
			off += 8;
			continue;
		}
		__u32 len = nh == IPPROTO_AH ? (o->hdrlen + 2) * 4 : (o->hdrlen + 1) * 8;
		nh = o->nexthdr;
		off += len;
	}
	if (nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING || nh == IPPROTO_DSTOPTS || nh == IPPROTO_FRAGMENT ||
	    nh == IPPROTO_AH)
		return PARSE_DEEP;
	if (off > p->l3_off + p->l3_len)
		return PARSE_MALFORMED;
	p->proto = nh;
	p->l4_off = off;
	return parse_l4(data, end, p);
}

/* parse_packet fills p from an Ethernet frame (one optional VLAN tag). */
static __always_inline int parse_packet(void *data, void *end, struct pkt *p)
{
	struct ethhdr *eth = data;
	if ((void *)(eth + 1) > end)
		return PARSE_NOT_IP;
	__be16 proto = eth->h_proto;
	p->l3_off = sizeof(*eth);
	if (proto == bpf_htons(XVS_ETH_P_8021Q) || proto == bpf_htons(XVS_ETH_P_8021AD)) {
		struct vlan_hdr *vh = data + sizeof(*eth);
		if ((void *)(vh + 1) > end)
			return PARSE_NOT_IP;
		proto = vh->proto;
		p->l3_off += sizeof(*vh);
	}
	if (proto == bpf_htons(ETH_P_IP))
		return parse_ipv4(data, end, p);
	if (proto == bpf_htons(ETH_P_IPV6))
		return parse_ipv6(data, end, p);
	return PARSE_NOT_IP;
}

/* Checksums. csum_fold folds a 64-bit one's-complement sum to 16 bits. */
static __always_inline __u16 csum_fold(__u64 sum)
{
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__u16)~sum;
}

/* csum_apply updates a checksum field by a one's-complement difference
 * (RFC 1624: HC' = ~(~HC + m' - m)). */
static __always_inline void csum_apply(__u16 *check, __u32 diff)
{
	__u64 s = (__u16)~*check;
	s += diff;
	*check = csum_fold(s);
}

static __always_inline __u32 csum_add32(__u32 a, __u32 b)
{
	__u64 s = (__u64)a + b;
	return (__u32)((s & 0xffffffff) + (s >> 32));
}

/* pseudo_sum is the unfolded sum of an IPv4/IPv6 pseudo-header. */
static __always_inline __u32 pseudo_sum(__u8 af, __u32 *saddr, __u32 *daddr, __u8 proto, __u32 len)
{
	__u64 s = 0;
	if (af == AF_INET) {
		s = (__u64)saddr[0] + daddr[0];
	} else {
#pragma unroll
		for (int i = 0; i < 4; i++)
			s += (__u64)saddr[i] + daddr[i];
	}
	s += bpf_htonl(len) + bpf_htonl(proto);
	s = (s & 0xffffffff) + (s >> 32);
	s = (s & 0xffffffff) + (s >> 32);
	return (__u32)s;
}

/* set_ip_addr replaces the source (which=0) or destination address of an
 * IP header (IPv4: fixing its checksum) and returns the one's-complement
 * difference, for the checksums that cover the address. */
static __always_inline __u32 set_ip_addr(void *l3, __u8 af, int which, __u32 *addr)
{
	if (af == AF_INET) {
		struct iphdr *iph = l3;
		__u32 *a = which ? &iph->daddr : &iph->saddr;
		__u32 old = *a, new = addr[0];
		__u32 d = bpf_csum_diff(&old, 4, &new, 4, 0);
		csum_apply(&iph->check, d);
		*a = new;
		return d;
	}
	struct ipv6hdr *ip6h = l3;
	__u32 *a = which ? (__u32 *)&ip6h->daddr : (__u32 *)&ip6h->saddr;
	__u32 old[4];
	__builtin_memcpy(old, a, 16);
	__builtin_memcpy(a, addr, 16);
	return bpf_csum_diff(old, 16, addr, 16, 0);
}

static __always_inline void ipv4_set_csum(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = csum_fold(bpf_csum_diff(0, 0, (__be32 *)iph, sizeof(*iph), 0));
}

#endif
