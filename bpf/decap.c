// SPDX-License-Identifier: GPL-2.0
/*
 * xvs-rs tunnel decapsulator, at tc ingress of a real server's interface.
 * Hosts without the ipip/gre/fou modules (and many have none) cannot take
 * IPVS's tunnelled packets; this program does: it strips the outer headers of
 * IPIP (IPv4/IPv6 in IPv4/IPv6), GUE (UDP to a configured port) and GRE
 * packets whose inner destination is one of the VIPs, then re-injects the
 * inner packet into the interface's receive path.
 */
#include "packet.h"
#include <linux/pkt_cls.h>

char LICENSE[] SEC("license") = "GPL";

/* The UDP ports GUE arrives on (network order). IPIP and GRE need none. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, __be16);
	__type(value, __u8);
	__uint(max_entries, 16);
} decap_gue_ports SEC(".maps");

/* The VIPs this real server serves, 16-byte addresses (IPv4 in word 0). */
struct xvs_vip {
	__u32 addr[4];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__type(key, struct xvs_vip);
	__type(value, __u8);
	__uint(max_entries, 256);
} decap_vips SEC(".maps");

/* Packets decapsulated, for `xvs-rs status`. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} decap_count SEC(".maps");

/* tunnel_payload returns the offset of the inner IP packet of an IPIP,
 * GRE or GUE packet, or 0. */
static __always_inline __u32 tunnel_payload(void *data, void *end, struct pkt *p)
{
	__u32 off = p->l4_off & 0xff;
	if (p->proto == IPPROTO_IPIP || p->proto == IPPROTO_IPV6)
		return off;
	if (p->proto == XVS_IPPROTO_GRE) {
		__be16 *gre = data + off;
		if ((void *)(gre + 2) > end)
			return 0;
		__u16 flags = bpf_ntohs(gre[0]);
		if (flags & 0x0007) /* version 0 only */
			return 0;
		if (gre[1] != bpf_htons(ETH_P_IP) && gre[1] != bpf_htons(ETH_P_IPV6))
			return 0;
		__u32 len = 4;
		if (flags & 0x8000)
			len += 4; /* checksum */
		if (flags & 0x2000)
			len += 4; /* key */
		if (flags & 0x1000)
			len += 4; /* sequence */
		return off + len;
	}
	if (p->proto == IPPROTO_UDP) {
		struct udphdr *u = data + off;
		if ((void *)(u + 1) > end || !bpf_map_lookup_elem(&decap_gue_ports, &u->dest))
			return 0;
		__u8 *g = (void *)(u + 1);
		if ((void *)(g + 4) > end || (g[0] & 0xe0) != 0) /* version 0, data message */
			return 0;
		if (g[1] != IPPROTO_IPIP && g[1] != IPPROTO_IPV6)
			return 0;
		return off + sizeof(*u) + 4 + (g[0] & 0x1f) * 4;
	}
	return 0;
}

SEC("tc")
int xvs_decap(struct __sk_buff *skb)
{
	void *data = pkt_data(skb);
	void *end = pkt_end(skb);
	struct pkt p = {};
	if (parse_packet(data, end, &p) != PARSE_OK || p.frag)
		return TC_ACT_OK;
	__u32 zero = 0;
	__u32 inner = tunnel_payload(data, end, &p);
	if (!inner || inner > 200)
		return TC_ACT_OK;
	struct xvs_vip vip = {};
	__u8 *ver = data + inner;
	if ((void *)(ver + 1) > end)
		return TC_ACT_OK;
	__be16 proto;
	if ((*ver >> 4) == 4) {
		struct iphdr *iph = data + inner;
		if ((void *)(iph + 1) > end)
			return TC_ACT_OK;
		vip.addr[0] = iph->daddr;
		proto = bpf_htons(ETH_P_IP);
	} else if ((*ver >> 4) == 6) {
		struct ipv6hdr *ip6h = data + inner;
		if ((void *)(ip6h + 1) > end)
			return TC_ACT_OK;
		__builtin_memcpy(vip.addr, &ip6h->daddr, 16);
		proto = bpf_htons(ETH_P_IPV6);
	} else {
		return TC_ACT_OK;
	}
	if (!bpf_map_lookup_elem(&decap_vips, &vip))
		return TC_ACT_OK;
	int strip = (int)inner - (int)sizeof(struct ethhdr);
	if (bpf_skb_adjust_room(skb, -strip, BPF_ADJ_ROOM_MAC, 0))
		return TC_ACT_SHOT;
	if (bpf_skb_store_bytes(skb, offsetof(struct ethhdr, h_proto), &proto, sizeof(proto), 0))
		return TC_ACT_SHOT;
	__u64 *n = bpf_map_lookup_elem(&decap_count, &zero);
	if (n)
		*n += 1;
	/* Back into the receive path, which parses the inner packet afresh. */
	return bpf_redirect(skb->ifindex, BPF_F_INGRESS);
}

/*
 * xvs_xdp_pass does nothing but exist: a veth delivers frames that XDP
 * redirects into it only when an XDP program runs on it (its NAPI is on).
 * `xvs-rs napi --dev IF` puts it on the host side of a director's veth.
 */
SEC("xdp")
int xvs_xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}
