/* resolver.c: overlap resolution with the precedence documented in resolver.h.
 *
 * Greedy over a ranking: sort candidates by precedence (best first), accept a
 * mention if it overlaps no accepted one, otherwise drop it and record which
 * accepted mention beat it.  Accepted mentions are kept in an interval array
 * sorted by start, so each overlap test is a binary search: O(n log n).
 *
 * The ranking sorts packed integer keys (rank_key), not mention pointers
 * through a callback; ties are impossible (the last key word holds the
 * index), so any sort order of equal keys is the same.  Accepted intervals
 * never overlap and are never empty, so their starts are distinct and the
 * interval array is already the (start, end, type) order of the output: the
 * kept mentions are moved there in place, one permutation, no second sort. */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "errors.h"
#include "mention.h"
#include "resolver.h"

/* The precedence of resolver.h as three words compared in order, smaller
 * first: priority (desc) and length (desc); score (desc) and start (asc);
 * type and index in doc->mentions (asc). */
struct rank_key {
	uint64_t a, b, c;
};

/* Monotonic unsigned image of a float: x < y exactly when f(x) < f(y);
 * -0 and +0 map to the same value, as they compare equal. */
static inline uint32_t float_order(float x)
{
	uint32_t u;
	if (x == 0)
		x = 0;
	memcpy(&u, &x, sizeof(u));
	return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

static inline struct rank_key rank_key_of(const struct mention *m, uint32_t i)
{
	uint32_t len = m->end - m->start;
	return (struct rank_key){
		.a = ((uint64_t)(uint16_t)~m->priority << 32) | (uint32_t)~len,
		.b = ((uint64_t)~float_order(m->score) << 32) | m->start,
		.c = ((uint64_t)m->type << 32) | i,
	};
}

static inline bool key_lt(const struct rank_key *x, const struct rank_key *y)
{
	if (x->a != y->a)
		return x->a < y->a;
	if (x->b != y->b)
		return x->b < y->b;
	return x->c < y->c;
}

static void insertion_sort(struct rank_key *v, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct rank_key k = v[i];
		size_t j = i;
		for (; j > 0 && key_lt(&k, &v[j - 1]); j--)
			v[j] = v[j - 1];
		v[j] = k;
	}
}

#define RUN 16

/* Sort v[0..n) (distinct keys); tmp holds n keys.  Insertion-sorted runs of
 * RUN, then bottom-up merges. */
static void rank_sort(struct rank_key *v, struct rank_key *tmp, size_t n)
{
	for (size_t i = 0; i < n; i += RUN)
		insertion_sort(v + i, n - i < RUN ? n - i : RUN);
	struct rank_key *src = v, *dst = tmp;
	for (size_t w = RUN; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = key_lt(&src[j], &src[i]) ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		struct rank_key *t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof(*v));
}

/* accepted intervals, sorted by start, non-overlapping; idx: the mention */
struct accepted {
	uint32_t *start, *end, *idx;
	size_t n;
};

/* Position in acc of the first interval with start >= e. */
static size_t first_from(const struct accepted *acc, uint32_t e)
{
	size_t lo = 0, hi = acc->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (acc->start[mid] < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Move the kept mentions to l->v[0..k) in the order of acc, in place:
 * dest[i] is where l->v[i] goes, or UINT32_MAX when it is dropped. */
static void permute(struct mention_list *l, uint32_t *dest)
{
	for (size_t i = 0; i < l->n; i++) {
		if (dest[i] == UINT32_MAX || dest[i] == i)
			continue;
		/* slot i is vacated; carry its mention along the chain until it
		 * lands on a vacated or dropped slot */
		struct mention carry = l->v[i];
		uint32_t to = dest[i];
		dest[i] = UINT32_MAX;
		for (;;) {
			if (dest[to] == UINT32_MAX) {
				l->v[to] = carry;
				dest[to] = to;
				break;
			}
			struct mention next = l->v[to];
			uint32_t nto = dest[to];
			l->v[to] = carry;
			dest[to] = to;
			if (nto == to)
				break; /* cannot happen: to was not final */
			carry = next;
			to = nto;
		}
	}
}

static void beat(struct document *doc, struct mention *m, struct mention *w)
{
	m->dropped = true;
	m->beaten_by = w->rule ? w->rule : w->source;
	/* explain mode: the winner says what it beat ("why not X?") */
	if (doc->explain)
		mention_add_evidence(doc, w, "beat %s '%.*s' from %s",
		                     mention_type_name((enum mention_type)m->type),
		                     (int)(m->end - m->start), doc->text + m->start,
		                     m->source ? m->source : "?");
}

int resolver_run(struct document *doc)
{
	struct mention_list *l = &doc->mentions;
	if (l->n == 0)
		return 0;
	size_t n = l->n;
	struct rank_key *rank = arena_alloc(doc->arena, 2 * n * sizeof(*rank));
	uint32_t *ibuf = arena_alloc(doc->arena, 3 * n * sizeof(*ibuf));
	if (!rank || !ibuf) {
		doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
		return -EXT_E_NOMEM;
	}
	struct accepted acc = {.start = ibuf, .end = ibuf + n, .idx = ibuf + 2 * n};
	for (size_t i = 0; i < n; i++)
		rank[i] = rank_key_of(&l->v[i], (uint32_t)i);
	rank_sort(rank, rank + n, n);
	for (size_t r = 0; r < n; r++) {
		uint32_t i = (uint32_t)rank[r].c;
		struct mention *m = &l->v[i];
		uint32_t s = m->start, e = m->end;
		if (m->dropped || e <= s) {
			/* dropped by an extractor (the NER layer rejects weak gazetteer hits) */
			m->dropped = true;
			continue;
		}
		/* the only accepted interval that can overlap: the last one
		 * starting before e */
		size_t at = first_from(&acc, e);
		if (at > 0 && acc.end[at - 1] > s) {
			beat(doc, m, &l->v[acc.idx[at - 1]]);
			continue;
		}
		/* [s,e) starts after the interval at-1 ends: insert at at */
		size_t tail = acc.n - at;
		memmove(&acc.start[at + 1], &acc.start[at], tail * sizeof(uint32_t));
		memmove(&acc.end[at + 1], &acc.end[at], tail * sizeof(uint32_t));
		memmove(&acc.idx[at + 1], &acc.idx[at], tail * sizeof(uint32_t));
		acc.start[at] = s;
		acc.end[at] = e;
		acc.idx[at] = i;
		acc.n++;
	}
	/* kept mentions in position order, numbered; dest reuses the key array */
	uint32_t *dest = (uint32_t *)rank;
	for (size_t i = 0; i < n; i++)
		dest[i] = UINT32_MAX;
	for (size_t k = 0; k < acc.n; k++)
		dest[acc.idx[k]] = (uint32_t)k;
	permute(l, dest);
	l->n = acc.n;
	for (size_t i = 0; i < l->n; i++)
		l->v[i].id = (uint32_t)(i + 1);
	return 0;
}
