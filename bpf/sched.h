/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Scheduling of new connections: the kernel's algorithms over a service's
 * destination list (newest first, as IPVS keeps it). Included by xvs.c.
 * Table-driven schedulers (sh, dh, mh) and the stateful ones (wrr, lblc,
 * lblcr, twos) plug in here by svc->sched.
 */
#ifndef XVS_SCHED_H
#define XVS_SCHED_H

/* dest_counts is a destination's live connection counts: what the datapath
 * started minus what xvsd reaped. */
static __always_inline void dest_counts(__u32 dest_id, __u32 *active, __u32 *inactive)
{
	struct xvs_conn_counts *s = bpf_map_lookup_elem(&conn_started, &dest_id);
	struct xvs_conn_counts *e = bpf_map_lookup_elem(&conn_ended, &dest_id);
	*active = 0;
	*inactive = 0;
	if (!s)
		return;
	*active = s->active;
	*inactive = s->inactive;
	if (e) {
		*active -= e->active;
		*inactive -= e->inactive;
	}
}

/* dest_overloaded: over the upper connection threshold (-x). */
static __always_inline int dest_overloaded(struct xvs_dest *d, __u32 active, __u32 inactive)
{
	return d->u_threshold && active + inactive >= d->u_threshold;
}

/* One candidate while walking the list. */
struct cand {
	struct xvs_dest *d;
	__u32 id;
	__u32 active;
	__u32 inactive;
};

static __always_inline int load_cand(__u32 svc_id, __u8 gen, __u32 idx, struct cand *c)
{
	struct xvs_svc_dest_key k = {.svc_id = svc_id, .idx = idx, .gen = gen};
	__u32 *id = bpf_map_lookup_elem(&svc_dests, &k);
	if (!id)
		return -1;
	c->id = *id;
	c->d = bpf_map_lookup_elem(&dests, id);
	if (!c->d)
		return -1;
	dest_counts(c->id, &c->active, &c->inactive);
	return 0;
}

static __always_inline int cand_eligible(struct cand *c)
{
	return c->d->weight > 0 && !dest_overloaded(c->d, c->active, c->inactive);
}

/* A walk over a service's list with bpf_loop (verified once, whatever the
 * list's length). */
struct walk {
	__u32 svc_id;
	__u32 n;
	__u8 gen;
	__u8 sched;
	__u8 found;
	__u8 pad;
	__u32 last;  /* rr: id+1 of the last pick */
	__u32 start; /* rr: where to start */
	__u32 best_id;
	__s32 best_w;
	__s64 best_oh;
};

static long rr_find_last(__u32 i, struct walk *w)
{
	if (i >= w->n)
		return 1;
	struct xvs_svc_dest_key k = {.svc_id = w->svc_id, .idx = i, .gen = w->gen};
	__u32 *id = bpf_map_lookup_elem(&svc_dests, &k);
	if (id && *id + 1 == w->last) {
		w->start = i + 1;
		return 1;
	}
	return 0;
}

static long rr_next(__u32 j, struct walk *w)
{
	if (j >= w->n)
		return 1;
	__u32 idx = w->start + j;
	if (idx >= w->n)
		idx -= w->n;
	struct cand c;
	if (load_cand(w->svc_id, w->gen, idx, &c) || !cand_eligible(&c))
		return 0;
	w->best_id = c.id;
	w->found = 1;
	return 1;
}

/* sched_rr: the next eligible destination after the last one picked (IPVS
 * keeps a cursor in the list; xvsd moves it when the list changes). */
static __always_inline int sched_rr(struct xvs_svc *svc, struct walk *w)
{
	__u32 k = svc->id;
	struct xvs_sched_state *st = bpf_map_lookup_elem(&sched_state, &k);
	if (!st)
		return -1;
	w->last = st->last_dest;
	if (w->last)
		bpf_loop(XVS_MAX_DESTS_PER_SVC, rr_find_last, w, 0);
	if (w->start >= w->n)
		w->start = 0;
	bpf_loop(XVS_MAX_DESTS_PER_SVC, rr_next, w, 0);
	if (!w->found)
		return -1;
	__sync_val_compare_and_swap(&st->last_dest, w->last, w->best_id + 1);
	return 0;
}

/* Overheads of the least-connection family (ip_vs_dest_conn_overhead etc.). */
static __always_inline __s64 overhead(__u8 sched, struct cand *c)
{
	if (sched == XVS_SCHED_SED || sched == XVS_SCHED_NQ)
		return (__s64)c->active + 1;
	return ((__s64)c->active << 8) + c->inactive;
}

/* least_step: one destination of lc, wlc, sed, nq, fo or ovf, with the
 * kernel's comparison and tie rule (the first of equals wins). */
static long least_step(__u32 i, struct walk *w)
{
	if (i >= w->n)
		return 1;
	struct cand c;
	if (load_cand(w->svc_id, w->gen, i, &c) || !cand_eligible(&c))
		return 0;
	__u8 s = w->sched;
	__s64 wt = c.d->weight;
	__s64 oh = overhead(s, &c);
	if (s == XVS_SCHED_NQ && c.active == 0) {
		w->best_id = c.id;
		w->found = 1;
		return 1; /* an idle server is taken at once */
	}
	int better;
	if (!w->found) {
		better = s != XVS_SCHED_OVF || c.active <= wt;
	} else {
		__s64 bw = w->best_w;
		switch (s) {
		case XVS_SCHED_LC:
			better = oh < w->best_oh;
			break;
		case XVS_SCHED_FO:
			better = wt > bw;
			break;
		case XVS_SCHED_OVF:
			better = c.active <= wt && wt > bw;
			break;
		default: /* wlc, sed, nq */
			better = w->best_oh * wt > oh * bw;
		}
	}
	if (better) {
		w->best_id = c.id;
		w->best_w = c.d->weight;
		w->best_oh = oh;
		w->found = 1;
	}
	return 0;
}

/* schedule picks the destination of a new connection, or NULL when none is
 * available (the caller answers ICMP port unreachable, as ip_vs_leave). */
static __noinline struct xvs_dest *schedule(struct xvs_svc *svc, enum xvs_sched kind, struct pkt *p,
					     __u32 *dest_id)
{
	struct walk w = {.svc_id = svc->id, .n = svc->ndests, .gen = svc->gen, .sched = kind};
	if (w.n > XVS_MAX_DESTS_PER_SVC)
		return 0;
	switch (kind) {
	case XVS_SCHED_RR:
		if (sched_rr(svc, &w))
			return 0;
		break;
	case XVS_SCHED_LC:
	case XVS_SCHED_WLC:
	case XVS_SCHED_SED:
	case XVS_SCHED_NQ:
	case XVS_SCHED_FO:
	case XVS_SCHED_OVF:
		bpf_loop(XVS_MAX_DESTS_PER_SVC, least_step, &w, 0);
		break;
	default:
		/* xvsd loads no service with a scheduler the datapath lacks */
		return 0;
	}
	if (!w.found)
		return 0;
	*dest_id = w.best_id;
	return bpf_map_lookup_elem(&dests, &w.best_id);
}

#endif
