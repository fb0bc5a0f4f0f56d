/* SPDX-License-Identifier: GPL-2.0 */
/* Connection states, timeouts and the per-destination connection counts, as
 * IPVS keeps them (ip_vs_proto_tcp.c, ip_vs_bind_dest). Included by xvs.c. */
#ifndef XVS_STATE_H
#define XVS_STATE_H

#define DIR_INPUT 0
#define DIR_OUTPUT 1
#define DIR_INPUT_ONLY 2

#define sNO XVS_S_NONE
#define sES XVS_S_ESTABLISHED
#define sSS XVS_S_SYN_SENT
#define sSR XVS_S_SYN_RECV
#define sFW XVS_S_FIN_WAIT
#define sTW XVS_S_TIME_WAIT
#define sCL XVS_S_CLOSE
#define sCW XVS_S_CLOSE_WAIT
#define sLA XVS_S_LAST_ACK
#define sLI XVS_S_LISTEN
#define sSA XVS_S_SYNACK

/* tcp_states[direction][syn, fin, ack, rst][state]: the kernel's
 * tcp_states table (normal mode, secure_tcp off). */
static const __u8 tcp_states[3][4][11] = {
	{
		/*        sNO, sES, sSS, sSR, sFW, sTW, sCL, sCW, sLA, sLI, sSA */
		/*syn*/ {sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR},
		/*fin*/ {sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sTW},
		/*ack*/ {sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES},
		/*rst*/ {sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sSR},
	},
	{
		/*syn*/ {sSS, sES, sSS, sSR, sSS, sSS, sSS, sSS, sSS, sLI, sSR},
		/*fin*/ {sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW},
		/*ack*/ {sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES},
		/*rst*/ {sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL},
	},
	{
		/*syn*/ {sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR},
		/*fin*/ {sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW},
		/*ack*/ {sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES},
		/*rst*/ {sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL},
	},
};

/* tcp_flag_index is the kernel's tcp_state_idx: rst, then syn, fin, ack. */
static __always_inline int tcp_flag_index(__u8 flags)
{
	if (flags & TCP_FLAG_RST)
		return 3;
	if (flags & TCP_FLAG_SYN)
		return 0;
	if (flags & TCP_FLAG_FIN)
		return 1;
	if (flags & TCP_FLAG_ACK)
		return 2;
	return -1;
}

static __always_inline __u64 state_timeout(__u32 state)
{
	__u32 k = state;
	__u32 *t = bpf_map_lookup_elem(&timeouts, &k);
	return t ? (__u64)*t * 1000000000ULL : 2000000000ULL;
}

/* next_state is where a packet in direction dir takes a connection. */
static __always_inline __u32 next_state(__u32 state, struct pkt *p, int dir)
{
	if (p->proto == IPPROTO_UDP)
		return XVS_S_UDP;
	if (p->proto != IPPROTO_TCP)
		return XVS_S_SCTP;
	int idx = tcp_flag_index(p->tcp_flags);
	if (idx < 0 || state > sSA || dir < 0 || dir > 2)
		return state;
	return tcp_states[dir][idx & 3][state];
}

static __always_inline __u32 first_state(struct pkt *p, __u8 conn_flags)
{
	return next_state(XVS_S_NONE, p, (conn_flags & XVS_CONN_F_NOOUTPUT) ? DIR_INPUT_ONLY : DIR_INPUT);
}

/* count_conn adds delta to the destination's active (ESTABLISHED) or
 * inactive count, as ip_vs_bind_dest/ip_vs_unbind_dest do. */
static __always_inline void count_conn(__u32 dest_id, __u32 state, int delta)
{
	struct xvs_conn_counts *cc = bpf_map_lookup_elem(&conn_started, &dest_id);
	if (!cc)
		return;
	if (state == XVS_S_ESTABLISHED)
		__sync_fetch_and_add(&cc->active, delta);
	else
		__sync_fetch_and_add(&cc->inactive, delta);
}

static __always_inline void count_persist(__u32 dest_id, int delta)
{
	struct xvs_conn_counts *cc = bpf_map_lookup_elem(&conn_started, &dest_id);
	if (cc)
		__sync_fetch_and_add(&cc->persist, delta);
}

/* update_state moves the connection along and re-arms its timer; the CPU
 * that wins the state change moves the count between active and inactive. */
static __always_inline void update_state(struct xvs_conn *c, struct pkt *p, int dir, __u64 now)
{
	if (dir == DIR_INPUT && (c->flags & XVS_CONN_F_NOOUTPUT))
		dir = DIR_INPUT_ONLY;
	__u32 old = c->state;
	__u32 new = next_state(old, p, dir);
	if (new != old && __sync_val_compare_and_swap(&c->state, old, new) == old &&
	    (old == XVS_S_ESTABLISHED) != (new == XVS_S_ESTABLISHED)) {
		struct xvs_conn_counts *cc = bpf_map_lookup_elem(&conn_started, &c->dest_id);
		if (cc) {
			int to_active = new == XVS_S_ESTABLISHED;
			__sync_fetch_and_add(&cc->active, to_active ? 1 : -1);
			__sync_fetch_and_add(&cc->inactive, to_active ? -1 : 1);
		}
	}
	c->expires = now + state_timeout(c->state);
}

#endif
