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

/*
 * dest_overloaded is IP_VS_DEST_F_OVERLOAD: set when a new connection takes
 * the destination to its upper threshold (-x), cleared once its connections
 * drop below the lower one (-y; with -y 0, below 3/4 of -x), as
 * ip_vs_bind_dest/ip_vs_unbind_dest do. The clearing is checked here, when
 * the flag is next looked at.
 */
static __always_inline int dest_overloaded(__u32 dest_id, struct xvs_dest *d, __u32 active, __u32 inactive)
{
	if (!d->u_threshold)
		return 0;
	struct xvs_conn_counts *s = bpf_map_lookup_elem(&conn_started, &dest_id);
	if (!s || !s->overload)
		return 0;
	__u32 total = active + inactive;
	int clear = d->l_threshold ? total < d->l_threshold : total * 4 < d->u_threshold * 3;
	if (clear) {
		s->overload = 0;
		return 0;
	}
	return 1;
}

/* mark_overload runs after a connection is bound to the destination. */
static __always_inline void mark_overload(__u32 dest_id, struct xvs_dest *d)
{
	if (!d->u_threshold)
		return;
	__u32 active, inactive;
	dest_counts(dest_id, &active, &inactive);
	if (active + inactive >= d->u_threshold) {
		struct xvs_conn_counts *s = bpf_map_lookup_elem(&conn_started, &dest_id);
		if (s)
			s->overload = 1;
	}
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
	c->d = dest_get(*id);
	if (!c->d)
		return -1;
	dest_counts(c->id, &c->active, &c->inactive);
	return 0;
}

static __always_inline int cand_overloaded(struct cand *c)
{
	return dest_overloaded(c->id, c->d, c->active, c->inactive);
}

static __always_inline int cand_eligible(struct cand *c)
{
	return c->d->weight > 0 && !cand_overloaded(c);
}

/* dest_available_id: the destination (id+1, 0 = none) exists, has weight and
 * is not overloaded: sh's and mh's is_unavailable, negated. */
static __always_inline struct xvs_dest *dest_available_id(__u32 id1)
{
	if (!id1)
		return 0;
	__u32 id = id1 - 1;
	struct cand c = {.id = id};
	c.d = dest_get(id);
	if (!c.d)
		return 0;
	dest_counts(id, &c.active, &c.inactive);
	return cand_eligible(&c) ? c.d : 0;
}

static __always_inline __u32 table_slot(__u32 svc_id, __u8 gen, __u32 slot)
{
	struct xvs_table_key k = {.svc_id = svc_id, .slot = slot, .gen = gen};
	__u32 *v = bpf_map_lookup_elem(&sched_tables, &k);
	return v ? *v : 0;
}

/* A walk over a service's list or table with bpf_loop (verified once,
 * whatever the length). */
struct walk {
	__u32 svc_id;
	__u32 n;
	__u8 gen;
	__u8 sched;
	__u8 found;
	__u8 fallback;
	__u32 last;  /* rr: id+1 of the last pick */
	__u32 start; /* rr: where to start; hashing: ihash; wrr: first position */
	__u32 best_id;
	__s32 best_w;
	__s64 best_oh;
	__u32 key;    /* hashing: folded address + port */
	__u32 size;   /* hashing: table size */
	__u32 prefix; /* wrr */
	__s64 total;  /* twos: total weight */
	__s64 r1, r2; /* twos: the two random weights */
	__u32 id2;    /* twos: second choice */
	__s32 w2;
	__u32 skipped; /* wrr: slots passed over */
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

/* addr_fold is the kernel's 32-bit view of an address (host order). */
static __always_inline __u32 addr_fold(__u8 af, __u32 *a)
{
	if (af == AF_INET)
		return bpf_ntohl(a[0]);
	return bpf_ntohl(a[0] ^ a[1] ^ a[2] ^ a[3]);
}

static __always_inline __u32 hash_32(__u32 v, int bits)
{
	return (v * 0x61C88647u) >> (32 - bits);
}

/* sh's bucket (ip_vs_sh_hashkey). */
static __always_inline __u32 sh_hash(__u32 key, __u32 offset)
{
	return (offset + hash_32(key, 8)) & (XVS_SH_TAB_SIZE - 1);
}

#define SIPROUND                                                                                                       \
	do {                                                                                                           \
		v0 += v1;                                                                                              \
		v1 = rol64(v1, 13);                                                                                    \
		v1 ^= v0;                                                                                              \
		v0 = rol64(v0, 32);                                                                                    \
		v2 += v3;                                                                                              \
		v3 = rol64(v3, 16);                                                                                    \
		v3 ^= v2;                                                                                              \
		v0 += v3;                                                                                              \
		v3 = rol64(v3, 21);                                                                                    \
		v3 ^= v0;                                                                                              \
		v2 += v1;                                                                                              \
		v1 = rol64(v1, 17);                                                                                    \
		v1 ^= v2;                                                                                              \
		v2 = rol64(v2, 32);                                                                                    \
	} while (0)

static __always_inline __u64 rol64(__u64 w, int s)
{
	return (w << s) | (w >> (64 - s));
}

/* hsiphash32 is the kernel's hsiphash of one u32 on 64-bit (SipHash-1-3,
 * truncated), with ip_vs_mh.c's key k (both halves equal). */
static __always_inline __u32 hsiphash32(__u32 first, __u64 k)
{
	__u64 v0 = 0x736f6d6570736575ULL ^ k;
	__u64 v1 = 0x646f72616e646f6dULL ^ k;
	__u64 v2 = 0x6c7967656e657261ULL ^ k;
	__u64 v3 = 0x7465646279746573ULL ^ k;
	__u64 b = ((__u64)4 << 56) | first;
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return (__u32)((v0 ^ v1) ^ (v2 ^ v3));
}

#define XVS_MH_KEY1 2654435761ULL

static __always_inline __u32 mh_hash(__u32 key, __u32 offset)
{
	return hsiphash32(offset + key, XVS_MH_KEY1) % XVS_MH_TAB_SIZE;
}

/* hashed_probe: one step of sh's/mh's fallback (ip_vs_sh_get_fallback,
 * ip_vs_mh_get_fallback): the slot of offset (i + ihash) % size. */
static long hashed_probe(__u32 i, struct walk *w)
{
	if (i >= w->size)
		return 1;
	__u32 roff = (i + w->start) % w->size;
	__u32 slot = w->sched == XVS_SCHED_MH ? mh_hash(w->key, roff) : sh_hash(w->key, roff);
	__u32 id1 = table_slot(w->svc_id, w->gen, slot);
	if (!id1)
		return 1; /* an empty slot ends the search */
	if (dest_available_id(id1)) {
		w->best_id = id1 - 1;
		w->found = 1;
		return 1;
	}
	return 0;
}

/* sched_hashed covers sh, dh and mh. */
static __always_inline void sched_hashed(struct xvs_svc *svc, struct walk *w, struct pkt *p)
{
	__u32 port = (svc->flags & XVS_SVC_F_SCHED2) ? bpf_ntohs(p->sport) : 0;
	if (w->sched == XVS_SCHED_DH) {
		__u32 id1 = table_slot(w->svc_id, w->gen, hash_32(addr_fold(p->af, p->daddr), 8));
		if (dest_available_id(id1)) {
			w->best_id = id1 - 1;
			w->found = 1;
		}
		return;
	}
	w->key = addr_fold(p->af, p->saddr) + port;
	if (w->sched == XVS_SCHED_MH) {
		w->size = XVS_MH_TAB_SIZE;
		w->start = mh_hash(w->key, 0);
	} else {
		w->size = XVS_SH_TAB_SIZE;
		w->start = sh_hash(w->key, 0);
	}
	__u32 id1 = table_slot(w->svc_id, w->gen, w->start);
	if (!id1)
		return;
	if (dest_available_id(id1)) {
		w->best_id = id1 - 1;
		w->found = 1;
		return;
	}
	if (svc->flags & XVS_SVC_F_SCHED1)
		bpf_loop(XVS_MH_TAB_SIZE, hashed_probe, w, 0);
}

/* wrr_step: the next slot of the kernel's pick sequence; an overloaded
 * destination is passed over, as the kernel's scan does. */
static long wrr_step(__u32 i, struct walk *w)
{
	if (i >= w->n)
		return 1;
	__u32 pos = w->start + i;
	__u32 cycle = w->n - w->prefix;
	__u32 slot = pos < w->prefix ? pos : w->prefix + (pos - w->prefix) % cycle;
	__u32 id1 = table_slot(w->svc_id, w->gen, slot);
	if (!id1)
		return 0;
	/* The table already follows the weights (even the first pass, which
	 * picks a quiesced server too); only overload is decided now. */
	struct cand c;
	c.id = id1 - 1;
	c.d = dest_get(c.id);
	if (!c.d)
		return 0;
	dest_counts(c.id, &c.active, &c.inactive);
	if (cand_overloaded(&c))
		return 0;
	w->best_id = c.id;
	w->found = 1;
	w->skipped = i;
	return 1;
}

static __always_inline void sched_wrr(struct xvs_svc *svc, struct walk *w)
{
	__u32 k = svc->id;
	struct xvs_sched_state *st = bpf_map_lookup_elem(&sched_state, &k);
	if (!st || !svc->tab_len || svc->tab_prefix >= svc->tab_len)
		return;
	w->n = svc->tab_len;
	w->prefix = svc->tab_prefix;
	w->start = __sync_fetch_and_add(&st->pos, 1);
	bpf_loop(XVS_WRR_MAX_TABLE, wrr_step, w, 0);
	if (w->found && w->skipped)
		__sync_fetch_and_add(&st->pos, w->skipped);
}

/* twos_step: weighted picks of the two random weights, then the lesser
 * loaded of the two (ip_vs_twos.c). */
static long twos_total(__u32 i, struct walk *w)
{
	if (i >= w->n)
		return 1;
	struct cand c;
	if (!load_cand(w->svc_id, w->gen, i, &c) && cand_eligible(&c))
		w->total += c.d->weight;
	return 0;
}

static long twos_pick(__u32 i, struct walk *w)
{
	if (i >= w->n)
		return 1;
	struct cand c;
	if (load_cand(w->svc_id, w->gen, i, &c) || !cand_eligible(&c))
		return 0;
	__s32 wt = c.d->weight;
	w->r1 -= wt;
	w->r2 -= wt;
	if (w->r1 <= 0 && !w->found) {
		w->best_id = c.id;
		w->best_w = wt;
		w->best_oh = ((__s64)c.active << 8) + c.inactive;
		w->found = 1;
	}
	if (w->r2 <= 0 && !w->w2) {
		w->id2 = c.id;
		w->w2 = wt;
		w->total = ((__s64)c.active << 8) + c.inactive; /* reused: second overhead */
	}
	return w->found && w->w2 ? 1 : 0;
}

static __always_inline void sched_twos(struct walk *w)
{
	bpf_loop(XVS_MAX_DESTS_PER_SVC, twos_total, w, 0);
	if (!w->total)
		return;
	__u64 total = w->total + 1;
	w->r1 = bpf_get_prandom_u32() % total;
	w->r2 = bpf_get_prandom_u32() % total;
	w->total = 0;
	bpf_loop(XVS_MAX_DESTS_PER_SVC, twos_pick, w, 0);
	if (!w->found)
		return;
	if (w->w2 && (__s64)w->w2 * w->best_oh > (__s64)w->best_w * w->total)
		w->best_id = w->id2;
}

/* lblc_is_overloaded is lblc's is_overloaded: more active connections than
 * weight while some destination has less than half its weight. */
static long half_loaded(__u32 i, struct walk *w)
{
	if (i >= w->n)
		return 1;
	struct cand c;
	if (load_cand(w->svc_id, w->gen, i, &c))
		return 0;
	if ((__s64)c.active * 2 < c.d->weight) {
		w->found = 1;
		return 1;
	}
	return 0;
}

static __always_inline int lblc_overloaded(struct xvs_svc *svc, __u32 id)
{
	struct cand c = {.id = id};
	c.d = dest_get(id);
	if (!c.d)
		return 1;
	dest_counts(id, &c.active, &c.inactive);
	if ((__s64)c.active <= c.d->weight)
		return 0;
	struct walk w = {.svc_id = svc->id, .n = svc->ndests, .gen = svc->gen};
	bpf_loop(XVS_MAX_DESTS_PER_SVC, half_loaded, &w, 0);
	return w.found;
}

/* set_step walks an lblcr set for ip_vs_dest_set_min (mode 0: weighted
 * least loaded of those not overloaded) or ip_vs_dest_set_max (mode 1). */
struct setwalk {
	struct xvs_lblc_entry *en;
	__u32 mode;
	__u32 best_id;
	__s32 best_w;
	__u32 found;
	__s64 best_oh;
	__u32 idx;
};

static long set_step(__u32 i, struct setwalk *s)
{
	struct xvs_lblc_entry *en = s->en;
	if (i >= XVS_LBLCR_SET || i >= en->n)
		return 1;
	struct cand c;
	c.id = en->dests[i & (XVS_LBLCR_SET - 1)];
	c.d = dest_get(c.id);
	if (!c.d)
		return 0; /* not available (left the service) */
	dest_counts(c.id, &c.active, &c.inactive);
	__s64 oh = ((__s64)c.active << 8) + c.inactive;
	__s64 wt = c.d->weight;
	if (s->mode == 0) {
		if (cand_overloaded(&c))
			return 0;
		if (!s->found) {
			if (wt <= 0)
				return 0;
		} else if (!(s->best_oh * wt > oh * s->best_w)) {
			return 0;
		}
	} else {
		if (wt == 0)
			return 0;
		if (s->found && !(oh * s->best_w > s->best_oh * wt))
			return 0;
	}
	s->best_id = c.id;
	s->best_w = c.d->weight;
	s->best_oh = oh;
	s->found = 1;
	s->idx = i;
	return 0;
}

#define XVS_LBLC_EXPIRATION_NS (24ULL * 3600 * 1000000000ULL)

static __always_inline void lblc_key(struct xvs_svc *svc, struct pkt *p, struct xvs_lblc_key *k)
{
	__builtin_memset(k, 0, sizeof(*k));
	k->svc_id = svc->id;
	k->af = p->af;
	__builtin_memcpy(k->addr, p->daddr, 16);
}

/* lblc_cached is the table half of lblc/lblcr (ip_vs_lblc.c,
 * ip_vs_lblcr.c), keyed by the packet's destination address: the server
 * remembered for it (lblcr: the least loaded of its set, dropping the most
 * loaded once the set has not changed for lblcr_expiration), unless it is
 * unavailable or overloaded by lblc's rule. NULL: schedule with wlc. */
static __noinline struct xvs_dest *lblc_cached(struct xvs_svc *svc, struct pkt *p, __u64 now, __u32 *dest_id)
{
	struct xvs_lblc_key k;
	lblc_key(svc, p, &k);
	struct xvs_lblc_entry *en = bpf_map_lookup_elem(&lblc_table, &k);
	if (!en)
		return 0;
	en->lastuse = now;
	__u32 id;
	if (svc->sched == XVS_SCHED_LBLC) {
		id = en->dests[0];
		struct cand c = {.id = id};
		c.d = dest_get(id);
		if (!c.d || c.d->weight <= 0)
			return 0;
		dest_counts(id, &c.active, &c.inactive);
		if (cand_overloaded(&c))
			return 0;
	} else {
		/* One walk state for both walks: this frame is in the deepest
		 * call chain (xvs_xdp -> new_connection -> here -> set_step). */
		struct setwalk s = {.en = en};
		bpf_loop(XVS_LBLCR_SET, set_step, &s, 0);
		int found = s.found;
		id = s.best_id;
		if (en->n > 1 && now > en->lastmod + XVS_LBLC_EXPIRATION_NS) {
			s = (struct setwalk){.en = en, .mode = 1};
			bpf_loop(XVS_LBLCR_SET, set_step, &s, 0);
			if (s.found) {
#pragma unroll
				for (__u32 j = 0; j + 1 < XVS_LBLCR_SET; j++)
					if (j >= s.idx)
						en->dests[j] = en->dests[j + 1];
				en->n--;
				en->lastmod = now;
			}
		}
		if (!found)
			return 0;
	}
	if (lblc_overloaded(svc, id))
		return 0;
	*dest_id = id;
	return dest_get(id);
}

/* lblc_remember records wlc's pick: lblc replaces the entry, lblcr adds
 * the server to the set (ip_vs_dest_set_insert: newest first, once). */
static __noinline void lblc_remember(struct xvs_svc *svc, struct pkt *p, __u32 id, __u64 now)
{
	struct xvs_lblc_key k;
	lblc_key(svc, p, &k);
	struct xvs_lblc_entry *en = bpf_map_lookup_elem(&lblc_table, &k);
	if (en && svc->sched == XVS_SCHED_LBLCR) {
#pragma unroll
		for (__u32 j = 0; j < XVS_LBLCR_SET; j++)
			if (j < en->n && en->dests[j] == id)
				return;
#pragma unroll
		for (__u32 j = XVS_LBLCR_SET - 1; j > 0; j--)
			en->dests[j] = en->dests[j - 1];
		en->dests[0] = id;
		if (en->n < XVS_LBLCR_SET)
			en->n++;
		en->lastmod = now;
		return;
	}
	struct xvs_lblc_entry ne = {.lastuse = now, .lastmod = now, .n = 1};
	ne.dests[0] = id;
	bpf_map_update_elem(&lblc_table, &k, &ne, BPF_ANY);
}

/* schedule picks the destination of a new connection, or NULL when none is
 * available (the caller answers ICMP port unreachable, as ip_vs_leave). */
static __noinline struct xvs_dest *schedule(struct xvs_svc *svc, enum xvs_sched kind, struct pkt *p,
					     __u32 *dest_id)
{
	struct walk w = {.svc_id = svc->id, .n = svc->ndests, .gen = svc->gen, .sched = kind};
	if (!w.n)
		return 0;
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
	case XVS_SCHED_SH:
	case XVS_SCHED_DH:
	case XVS_SCHED_MH:
		sched_hashed(svc, &w, p);
		break;
	case XVS_SCHED_WRR:
		sched_wrr(svc, &w);
		break;
	case XVS_SCHED_TWOS:
		sched_twos(&w);
		break;
	case XVS_SCHED_LBLC:
	case XVS_SCHED_LBLCR:
		/* the table half is lblc_cached; what is left is wlc */
		w.sched = XVS_SCHED_WLC;
		bpf_loop(XVS_MAX_DESTS_PER_SVC, least_step, &w, 0);
		break;
	default:
		/* xvsd loads no service with a scheduler the datapath lacks */
		return 0;
	}
	if (!w.found)
		return 0;
	*dest_id = w.best_id;
	return dest_get(w.best_id);
}

#endif
