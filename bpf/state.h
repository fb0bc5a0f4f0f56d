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

/* SCTP (ip_vs_proto_sctp.c). Chunk types and the events they are. */
#define SCTP_CID_INIT 1
#define SCTP_CID_ABORT 6
#define SCTP_CID_COOKIE_ECHO 10
#define SCTP_CID_COOKIE_ACK 11

enum sctp_event {
	SE_DATA = 0, /* DATA, SACK, HEARTBEATs, ECN */
	SE_INIT,
	SE_INIT_ACK,
	SE_COOKIE_ECHO,
	SE_COOKIE_ACK,
	SE_SHUTDOWN,
	SE_SHUTDOWN_ACK,
	SE_SHUTDOWN_COMPLETE,
	SE_ERROR,
	SE_ABORT,
	SE_LAST,
};

/* sctp_events maps chunk types 0..14 (RFC 4960 3.2) to events; the rest
 * are DATA. */
static const __u8 sctp_events[15] = {SE_DATA,  SE_INIT,		SE_INIT_ACK, SE_DATA,	     SE_DATA,
				     SE_DATA,  SE_ABORT,	SE_SHUTDOWN, SE_SHUTDOWN_ACK, SE_ERROR,
				     SE_COOKIE_ECHO, SE_COOKIE_ACK, SE_DATA,	     SE_DATA,	     SE_SHUTDOWN_COMPLETE};

#define cNO XVS_S_SCTP_NONE
#define cI1 XVS_S_SCTP_INIT1
#define cIN XVS_S_SCTP_INIT
#define cCS XVS_S_SCTP_COOKIE_SENT
#define cCR XVS_S_SCTP_COOKIE_REPLIED
#define cCW XVS_S_SCTP_COOKIE_WAIT
#define cCO XVS_S_SCTP_COOKIE
#define cCE XVS_S_SCTP_COOKIE_ECHOED
#define cES XVS_S_SCTP_ESTABLISHED
#define cSS XVS_S_SCTP_SHUTDOWN_SENT
#define cSR XVS_S_SCTP_SHUTDOWN_RECEIVED
#define cSA XVS_S_SCTP_SHUTDOWN_ACK_SENT
#define cRJ XVS_S_SCTP_REJECTED
#define cCL XVS_S_SCTP_CLOSED

/* sctp_states[direction][event][state - XVS_S_SCTP_NONE]: the kernel's
 * sctp_states table. */
static const __u8 sctp_states[3][16][14] = { /* rows past SE_LAST: never taken */
	{
		/*          cNO, cI1, cIN, cCS, cCR, cCW, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL */
		/* d   */ {cES, cI1, cIN, cCS, cCR, cCW, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* i   */ {cI1, cIN, cIN, cCS, cCR, cCW, cCO, cCE, cES, cSS, cSR, cSA, cIN, cIN},
		/* i_a */ {cCW, cCW, cCW, cCS, cCR, cCO, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* c_e */ {cCR, cIN, cIN, cCR, cCR, cCW, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* c_a */ {cES, cI1, cIN, cCS, cCR, cCW, cCO, cES, cES, cSS, cSR, cSA, cRJ, cCL},
		/* s   */ {cSR, cI1, cIN, cCS, cCR, cCW, cCO, cCE, cSR, cSS, cSR, cSA, cRJ, cCL},
		/* s_a */ {cCL, cIN, cIN, cCS, cCR, cCW, cCO, cCE, cES, cCL, cSR, cCL, cRJ, cCL},
		/* s_c */ {cCL, cCL, cCL, cCS, cCR, cCW, cCO, cCE, cES, cSS, cSR, cCL, cRJ, cCL},
		/* err */ {cCL, cI1, cIN, cCS, cCR, cCW, cCO, cCL, cES, cSS, cSR, cSA, cRJ, cCL},
		/* ab  */ {cCL, cCL, cCL, cCL, cCL, cRJ, cCL, cCL, cCL, cCL, cCL, cCL, cCL, cCL},
	},
	{
		/* d   */ {cES, cI1, cIN, cCS, cCR, cCW, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* i   */ {cCW, cCW, cCW, cCW, cCW, cCW, cCW, cCW, cES, cCW, cCW, cCW, cCW, cCW},
		/* i_a */ {cCS, cCS, cCS, cCS, cCR, cCW, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* c_e */ {cCE, cCE, cCE, cCE, cCE, cCE, cCE, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* c_a */ {cES, cES, cES, cES, cES, cES, cES, cES, cES, cSS, cSR, cSA, cRJ, cCL},
		/* s   */ {cSS, cSS, cSS, cSS, cSS, cSS, cSS, cSS, cSS, cSS, cSR, cSA, cRJ, cCL},
		/* s_a */ {cSA, cSA, cSA, cSA, cSA, cCW, cCO, cCE, cES, cSA, cSA, cSA, cRJ, cCL},
		/* s_c */ {cCL, cI1, cIN, cCS, cCR, cCW, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* err */ {cCL, cCL, cCL, cCL, cCL, cCW, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* ab  */ {cCL, cRJ, cCL, cCL, cCL, cCL, cCL, cCL, cCL, cCL, cCL, cCL, cCL, cCL},
	},
	{
		/* d   */ {cES, cI1, cIN, cCS, cCR, cES, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* i   */ {cI1, cIN, cIN, cIN, cIN, cIN, cCO, cCE, cES, cSS, cSR, cSA, cIN, cIN},
		/* i_a */ {cCE, cCE, cCE, cCE, cCE, cCE, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* c_e */ {cES, cES, cES, cES, cES, cES, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* c_a */ {cES, cI1, cIN, cES, cES, cCW, cES, cES, cES, cSS, cSR, cSA, cRJ, cCL},
		/* s   */ {cSR, cI1, cIN, cCS, cCR, cCW, cCO, cCE, cSR, cSS, cSR, cSA, cRJ, cCL},
		/* s_a */ {cCL, cIN, cIN, cCS, cCR, cCW, cCO, cCE, cCL, cCL, cSR, cCL, cRJ, cCL},
		/* s_c */ {cCL, cCL, cCL, cCL, cCL, cCW, cCO, cCE, cES, cSS, cCL, cCL, cRJ, cCL},
		/* err */ {cCL, cI1, cIN, cCS, cCR, cCW, cCO, cCE, cES, cSS, cSR, cSA, cRJ, cCL},
		/* ab  */ {cCL, cCL, cCL, cCL, cCL, cRJ, cCL, cCL, cCL, cCL, cCL, cCL, cCL, cCL},
	},
};

/* sctp_next is set_sctp_state's move for a packet whose chunk is chunk. */
static __always_inline __u32 sctp_next(__u32 state, __u8 chunk, int dir)
{
	__u32 i = state == XVS_S_SCTP ? cES - cNO : state - cNO; /* older datapath: established */
	if (i >= 14 || dir < 0 || dir > 2)
		return state;
	__u32 ev = chunk < sizeof(sctp_events) ? sctp_events[chunk] : SE_DATA;
	/* The verifier must see the row bounded; clang knows the table's
	 * values and would drop a plain check. */
	asm volatile("%0 &= 15" : "+r"(ev));
	return sctp_states[dir][ev][i];
}

/* active_state: a connection counted in ActiveConn, as the kernel's
 * IP_VS_CONN_F_INACTIVE tells: TCP's tcp_state_active (ESTABLISHED and the
 * states before it: SYN_SENT, SYN_RECV, SYNACK), SCTP's ESTABLISHED. */
static __always_inline int active_state(__u32 state)
{
	return state == XVS_S_ESTABLISHED || state == XVS_S_SYN_SENT || state == XVS_S_SYN_RECV ||
	       state == XVS_S_SYNACK || state == XVS_S_SCTP_ESTABLISHED;
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
		return sctp_next(state, p->tcp_flags, dir); /* tcp_flags holds SCTP's chunk type */
	int idx = tcp_flag_index(p->tcp_flags);
	if (idx < 0 || state > sSA || dir < 0 || dir > 2)
		return state;
	return tcp_states[dir][idx & 3][state];
}

static __always_inline __u32 first_state(struct pkt *p, __u8 conn_flags)
{
	__u32 none = p->proto == XVS_IPPROTO_SCTP ? XVS_S_SCTP_NONE : XVS_S_NONE;
	return next_state(none, p, (conn_flags & XVS_CONN_F_NOOUTPUT) ? DIR_INPUT_ONLY : DIR_INPUT);
}

/* count_conn adds delta to the destination's active (established) or
 * inactive count, as ip_vs_bind_dest/ip_vs_unbind_dest do. */
static __always_inline void count_conn(__u32 dest_id, __u32 state, int delta)
{
	struct xvs_conn_counts *cc = bpf_map_lookup_elem(&conn_started, &dest_id);
	if (!cc)
		return;
	if (active_state(state))
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
	    active_state(old) != active_state(new)) {
		struct xvs_conn_counts *cc = bpf_map_lookup_elem(&conn_started, &c->dest_id);
		if (cc) {
			int to_active = active_state(new);
			__sync_fetch_and_add(&cc->active, to_active ? 1 : -1);
			__sync_fetch_and_add(&cc->inactive, to_active ? -1 : 1);
		}
	}
	c->expires = now + state_timeout(c->state);
}

#endif
