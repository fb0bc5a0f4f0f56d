// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark traffic, from the kernel itself: xvs_pktgen runs under
 * BPF_PROG_TEST_RUN in live-frames mode and redirects every frame out of the
 * generator's interface (no skb, no socket: it offers more than a director
 * can forward); xvs_sink counts and drops what arrives at the real servers.
 */
#include "packet.h"

char LICENSE[] SEC("license") = "GPL";

/* Set by the loader. */
const volatile __u32 out_ifindex = 0;
const volatile __u32 flows = 1; /* distinct source ports (and addresses) */
#define TMPL_WORDS 16
const volatile __u64 tmpl[TMPL_WORDS] = {}; /* the frame's first 128 bytes */

__u32 next_flow = 0;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__type(key, __u32);
	__type(value, __u64);
	__uint(max_entries, 1);
} sink_count SEC(".maps");

SEC("xdp")
int xvs_pktgen(struct xdp_md *ctx)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	/* Live frames are recycled with whatever the receivers wrote into
	 * them (a NAT rewrite, a TTL): start every frame from the template. */
	__u64 *w = data;
#pragma unroll
	for (int i = 0; i < TMPL_WORDS; i++) {
		if ((void *)(w + i + 1) > end)
			break;
		w[i] = tmpl[i];
	}
	if (flows > 1) {
		struct iphdr *iph = data + sizeof(struct ethhdr);
		struct udphdr *uh = (void *)(iph + 1);
		if ((void *)(uh + 1) > end)
			return XDP_DROP;
		__u32 f = next_flow++ % flows;
		__u32 old[2] = {iph->saddr, uh->source};
		uh->source = bpf_htons(1024 + (f & 0x3fff));
		/* Spread the flows over source addresses too: f >> 14 is added
		 * to the template's address (the flood uses a /17 for it). */
		iph->saddr = bpf_htonl(bpf_ntohl(iph->saddr) + (f >> 14));
		__u32 new[2] = {iph->saddr, uh->source};
		__u32 d = bpf_csum_diff(old, 4, new, 4, 0);
		csum_apply(&iph->check, d);
		if (iph->protocol == IPPROTO_UDP) {
			uh->check = 0; /* IPv4 UDP without checksum */
		} else {
			struct tcphdr *th = (void *)(iph + 1);
			if ((void *)(th + 1) > end)
				return XDP_DROP;
			csum_apply(&th->check, bpf_csum_diff(old, 8, new, 8, 0));
		}
	}
	return bpf_redirect(out_ifindex, 0);
}

SEC("xdp")
int xvs_sink(struct xdp_md *ctx)
{
	__u32 zero = 0;
	__u64 *n = bpf_map_lookup_elem(&sink_count, &zero);
	if (n)
		*n += 1;
	return XDP_DROP;
}

/*
 * xvs_xdp_fwd is plain XDP IPv4 forwarding, the kernel's samples/bpf/xdp_fwd:
 * FIB lookup, TTL, MACs, devmap redirect. The packet-rate bench runs it as the
 * ceiling of XDP on the rig: how much of a forwarded packet's cost is XDP and
 * veth themselves, and how much is xvs's balancing on top.
 */
struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
	__uint(max_entries, 256);
} fwd_ports SEC(".maps");

SEC("xdp")
int xvs_xdp_fwd(struct xdp_md *ctx)
{
	void *data = pkt_data(ctx);
	void *end = pkt_end(ctx);
	struct ethhdr *eth = data;
	struct iphdr *iph = (void *)(eth + 1);
	if ((void *)(iph + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP) || iph->ttl <= 1)
		return XDP_PASS;
	struct bpf_fib_lookup f = {};
	f.family = AF_INET;
	f.tos = iph->tos;
	f.l4_protocol = iph->protocol;
	f.tot_len = bpf_ntohs(iph->tot_len);
	f.ipv4_src = iph->saddr;
	f.ipv4_dst = iph->daddr;
	f.ifindex = ctx->ingress_ifindex;
	if (bpf_fib_lookup(ctx, &f, sizeof(f), 0) != BPF_FIB_LKUP_RET_SUCCESS)
		return XDP_PASS;
	/* ip_decrease_ttl: the checksum's high byte goes up by one */
	__u32 check = iph->check;
	check += bpf_htons(0x0100);
	iph->check = (__u16)(check + (check >= 0xFFFF));
	iph->ttl--;
	__builtin_memcpy(eth->h_dest, f.dmac, ETH_ALEN);
	__builtin_memcpy(eth->h_source, f.smac, ETH_ALEN);
	return bpf_redirect_map(&fwd_ports, f.ifindex, 0);
}
