/* resolver.c: overlap resolution with the precedence documented in resolver.h.
 *
 * Greedy over a ranking: sort candidates by precedence (best first), accept a
 * mention if it overlaps no accepted one, otherwise drop it and record which
 * accepted mention beat it.
 *
 * Only mentions that overlap compete, so the greedy runs per overlap group:
 * the candidates are sorted by start once (packed integer keys) and a sweep
 * cuts them into groups of transitively overlapping spans.  A mention alone
 * in its group is kept as it is; a group is ranked on its own (the ranking
 * of a group is the global ranking restricted to it, and a mention can only
 * be beaten by one of its group, so the result and the order of the explain
 * lines are the global greedy's).  In a group, accepted mentions are kept in
 * an interval array sorted by start, so each overlap test is a binary search.
 *
 * Kept mentions never overlap and are never empty, so their starts are
 * distinct and the start order is the (start, end, type) order of the
 * output: they are moved there in place, one permutation, no second sort. */
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

#define RUN 16

/* NAME(v, tmp, n): sort v[0..n) of T (distinct keys) by LT; tmp holds n.
 * Insertion-sorted runs of RUN, then bottom-up merges.  Stable, no
 * callback through a pointer (qsort's cost here). */
#define DEFINE_RUN_MERGE_SORT(NAME, T, LT)                                              \
	static void NAME(T *v, T *tmp, size_t n)                                        \
	{                                                                               \
		for (size_t lo = 0; lo < n; lo += RUN) {                                \
			size_t hi = n - lo < RUN ? n : lo + RUN;                        \
			for (size_t i = lo + 1; i < hi; i++) {                          \
				T k = v[i];                                             \
				size_t j = i;                                           \
				for (; j > lo && LT(&k, &v[j - 1]); j--)                \
					v[j] = v[j - 1];                                \
				v[j] = k;                                               \
			}                                                               \
		}                                                                       \
		T *src = v, *dst = tmp;                                                 \
		for (size_t w = RUN; w < n; w *= 2) {                                   \
			for (size_t lo = 0; lo < n; lo += 2 * w) {                      \
				size_t mid = lo + w < n ? lo + w : n;                   \
				size_t hi = lo + 2 * w < n ? lo + 2 * w : n;            \
				size_t i = lo, j = mid, k = lo;                         \
				while (i < mid && j < hi)                               \
					dst[k++] = LT(&src[j], &src[i]) ? src[j++] : src[i++]; \
				while (i < mid)                                         \
					dst[k++] = src[i++];                            \
				while (j < hi)                                          \
					dst[k++] = src[j++];                            \
			}                                                               \
			T *t = src;                                                     \
			src = dst;                                                      \
			dst = t;                                                        \
		}                                                                       \
		if (src != v)                                                           \
			memcpy(v, src, n * sizeof(*v));                                \
	}

/* the ranking keys */
DEFINE_RUN_MERGE_SORT(rank_sort, struct rank_key, key_lt)

/* Sort v[0..n) of distinct integer keys (start << 32 | index); tmp holds
 * n, run n + 1.  Each extractor adds its mentions in text order, so the
 * keys come as a few long ascending runs: they are found as they are and
 * merged two by two (a natural merge sort), not cut into runs of RUN that
 * are insertion-sorted and merged log2(n / RUN) times. */
static void pos_sort(uint64_t *v, uint64_t *tmp, uint32_t *run, size_t n)
{
	if (n < 2)
		return;
	size_t nr = 0; /* run[0..nr]: the runs' starts, then n */
	run[nr++] = 0;
	for (size_t i = 1; i < n; i++) {
		run[nr] = (uint32_t)i;  /* kept when a run starts here */
		nr += v[i] < v[i - 1];
	}
	run[nr] = (uint32_t)n;
	uint64_t *src = v, *dst = tmp;
	while (nr > 1) {
		size_t r = 0, out = 0;
		for (; r + 1 < nr; r += 2) {
			size_t i = run[r], mid = run[r + 1], j = mid, hi = run[r + 2], k = i;
			/* which side's key goes next is a coin toss: a
			 * select and two adds, not a branch */
			while (i < mid && j < hi) {
				uint64_t a = src[i], b = src[j];
				size_t t = b < a;
				dst[k++] = t ? b : a;
				j += t;
				i += t ^ 1;
			}
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
			run[out++] = run[r];
		}
		if (r < nr) { /* an odd run out: copied over */
			memcpy(dst + run[r], src + run[r], (run[r + 1] - run[r]) * sizeof(*v));
			run[out++] = run[r];
		}
		run[out] = (uint32_t)n;
		nr = out;
		uint64_t *t = src;
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

/* Move the kept mentions to l->v[0..k) in the order of acc, in place, and
 * number them (id: the place + 1):
 * dest[i] is where l->v[i] goes, or UINT32_MAX when it is dropped; src[d]:
 * the mention that goes to d (the inverse of dest).  Each mention is copied once (184 bytes): a slot whose
 * mention is not needed any more (dropped, or moved already) pulls in the
 * mention that goes there, which frees that one's slot in turn, and so on;
 * what is left after those chains are whole cycles, turned with one spare
 * copy each.  (Carrying each mention to its place and picking up the one
 * there copied every mention twice, plus the swaps.) */
static void permute(struct mention_list *l, const uint32_t *dest, uint32_t *src, uint32_t k)
{
	/* chains: they start at a slot below k whose own mention is dropped
	 * (its dest is UINT32_MAX: no mention comes from there, so a chain
	 * never meets itself) and end at a slot at or past k */
	for (uint32_t d = 0; d < k; d++) {
		if (dest[d] != UINT32_MAX)
			continue;
		uint32_t to = d;
		for (;;) {
			/* the mention that goes to `to` moves; its slot is
			 * free now, and fills next unless it is past k */
			uint32_t from = src[to];
			l->v[to] = l->v[from];
			src[to] = to; /* in place */
			if (from >= k)
				break;
			to = from;
		}
	}
	/* cycles: every slot below k not in place; a slot is final once the
	 * walk reaches it, and takes its id (1-based) then */
	for (uint32_t d = 0; d < k; d++) {
		if (src[d] != d) {
			struct mention spare = l->v[d];
			uint32_t to = d;
			while (src[to] != d) {
				uint32_t from = src[to];
				l->v[to] = l->v[from];
				src[to] = to;
				to = from;
			}
			l->v[to] = spare;
			src[to] = to;
		}
		l->v[d].id = d + 1;
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

/* Buffers for the largest group of a document. */
struct group_buf {
	struct rank_key *rank, *tmp;
	struct accepted acc;
};

/* The greedy over one group g[0..n) (start-sorted keys, n >= 2): losers are
 * marked dropped. */
static void resolve_group(struct document *doc, const uint64_t *g, size_t n, struct group_buf *b)
{
	struct mention *v = doc->mentions.v;
	for (size_t k = 0; k < n; k++) {
		uint32_t i = (uint32_t)g[k];
		b->rank[k] = rank_key_of(&v[i], i);
	}
	rank_sort(b->rank, b->tmp, n); /* up to RUN keys: insertion only, tmp unused */
	struct accepted *acc = &b->acc;
	acc->n = 0;
	for (size_t r = 0; r < n; r++) {
		uint32_t i = (uint32_t)b->rank[r].c;
		struct mention *m = &v[i];
		uint32_t s = m->start, e = m->end;
		/* the only accepted interval that can overlap: the last one
		 * starting before e */
		size_t at = first_from(acc, e);
		if (at > 0 && acc->end[at - 1] > s) {
			beat(doc, m, &v[acc->idx[at - 1]]);
			continue;
		}
		/* [s,e) starts after the interval at-1 ends: insert at at */
		size_t tail = acc->n - at;
		memmove(&acc->start[at + 1], &acc->start[at], tail * sizeof(uint32_t));
		memmove(&acc->end[at + 1], &acc->end[at], tail * sizeof(uint32_t));
		memmove(&acc->idx[at + 1], &acc->idx[at], tail * sizeof(uint32_t));
		acc->start[at] = s;
		acc->end[at] = e;
		acc->idx[at] = i;
		acc->n++;
	}
}

/* End of the group starting at pos[c]: the first d with pos[d] starting at
 * or after every end so far. */
static size_t group_end(const struct mention *v, const uint64_t *pos, size_t c, size_t n)
{
	uint32_t end = v[(uint32_t)pos[c]].end;
	size_t d = c + 1;
	for (; d < n && (uint32_t)(pos[d] >> 32) < end; d++) {
		uint32_t e = v[(uint32_t)pos[d]].end;
		if (e > end)
			end = e;
	}
	return d;
}

static int nomem(struct document *doc)
{
	doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
	return -EXT_E_NOMEM;
}

int resolver_run(struct document *doc)
{
	struct mention_list *l = &doc->mentions;
	if (l->n == 0)
		return 0;
	size_t n = l->n;
	/* pos (2n keys), then dest and room for pos_sort()'s runs (2n + 1),
	 * in one allocation */
	uint64_t *pos = arena_alloc(doc->arena, 2 * n * sizeof(*pos) + (2 * n + 1) * sizeof(uint32_t));
	if (!pos)
		return nomem(doc);
	uint32_t *dest = (uint32_t *)(void *)(pos + 2 * n);
	/* the candidates by start */
	size_t nc = 0;
	for (size_t i = 0; i < n; i++) {
		struct mention *m = &l->v[i];
		dest[i] = UINT32_MAX;
		/* dropped by an extractor (the NER layer rejects weak gazetteer
		 * hits), or empty: not a candidate.  Without a branch (one
		 * mention in three or so is dropped, in no order) */
		bool drop = m->dropped | (m->end <= m->start);
		m->dropped = drop;
		pos[nc] = ((uint64_t)m->start << 32) | i;
		nc += !drop;
	}
	pos_sort(pos, pos + n, dest + n, nc);
	/* resolve each group as the sweep finds it; number the kept mentions
	 * in start order, and note src, the inverse of dest, for permute().
	 * src is written over the words of pos already read (src[k] lies in
	 * pos[k / 2], and k <= j): no more memory to touch (the build has
	 * -fno-strict-aliasing).  The group buffers are cut when the first
	 * group of two or more comes, sized for every candidate left (no group
	 * is larger): one sweep, not one to size them first; only the part a
	 * group uses is touched. */
	struct group_buf b = {0};
	uint32_t k = 0, *src = (uint32_t *)pos;
	for (size_t c = 0, d; c < nc; c = d) {
		d = group_end(l->v, pos, c, nc);
		if (d - c == 1) { /* alone: kept */
			uint32_t i = (uint32_t)pos[c];
			src[k] = i;
			dest[i] = k++;
			continue;
		}
		if (!b.rank) {
			size_t most = nc - c;
			b.rank = arena_alloc(doc->arena, (most > RUN ? 2 : 1) * most * sizeof(*b.rank));
			uint32_t *ibuf = arena_alloc(doc->arena, 3 * most * sizeof(*ibuf));
			if (!b.rank || !ibuf)
				return nomem(doc);
			b.tmp = b.rank + most;
			b.acc = (struct accepted){.start = ibuf, .end = ibuf + most, .idx = ibuf + 2 * most};
		}
		resolve_group(doc, pos + c, d - c, &b);
		for (size_t j = c; j < d; j++) {
			uint32_t i = (uint32_t)pos[j];
			if (!l->v[i].dropped) {
				src[k] = i;
				dest[i] = k++;
			}
		}
	}
	permute(l, dest, src, k); /* numbers them too */
	l->n = k;
	return 0;
}
