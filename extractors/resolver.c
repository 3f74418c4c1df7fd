/* resolver.c: overlap resolution with the precedence documented in resolver.h.
 *
 * Greedy over a ranking: sort candidates by precedence (best first), accept a
 * mention if it overlaps no accepted one, otherwise drop it and record which
 * accepted mention beat it.  Accepted mentions are kept in an interval array
 * sorted by start, so each overlap test is a binary search: O(n log n). */
#include <stdlib.h>
#include <string.h>

#include "document.h"
#include "errors.h"
#include "mention.h"
#include "resolver.h"

static int rank_cmp(const void *pa, const void *pb)
{
	const struct mention *a = *(const struct mention *const *)pa;
	const struct mention *b = *(const struct mention *const *)pb;
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	uint32_t la = a->end - a->start, lb = b->end - b->start;
	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return a < b ? -1 : (a > b);
}

static int pos_cmp(const void *pa, const void *pb)
{
	const struct mention *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->type < b->type ? -1 : (a->type > b->type);
}

/* accepted intervals, sorted by start, non-overlapping */
struct accepted {
	const struct mention **v;
	size_t n;
};

/* The accepted mention overlapping [s,e), or NULL. */
static const struct mention *overlap(const struct accepted *acc, uint32_t s, uint32_t e)
{
	size_t lo = 0, hi = acc->n;
	while (lo < hi) { /* first with start >= e */
		size_t mid = lo + (hi - lo) / 2;
		if (acc->v[mid]->start < e)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* candidate: the last interval starting before e */
	if (lo > 0 && acc->v[lo - 1]->end > s)
		return acc->v[lo - 1];
	return NULL;
}

static void insert(struct accepted *acc, const struct mention *m)
{
	size_t lo = 0, hi = acc->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (acc->v[mid]->start < m->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	memmove(&acc->v[lo + 1], &acc->v[lo], (acc->n - lo) * sizeof(acc->v[0]));
	acc->v[lo] = m;
	acc->n++;
}

int resolver_run(struct document *doc)
{
	struct mention_list *l = &doc->mentions;
	if (l->n == 0)
		return 0;
	struct mention **rank = arena_alloc(doc->arena, l->n * sizeof(*rank));
	struct accepted acc = {.v = arena_alloc(doc->arena, l->n * sizeof(*acc.v))};
	if (!rank || !acc.v) {
		doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
		return -EXT_E_NOMEM;
	}
	for (size_t i = 0; i < l->n; i++)
		rank[i] = &l->v[i];
	qsort(rank, l->n, sizeof(*rank), rank_cmp);
	/* insert() is O(n) per call via memmove; fine for the mention counts a
	 * capped document produces (max_mentions) */
	for (size_t i = 0; i < l->n; i++) {
		struct mention *m = rank[i];
		if (m->dropped || m->end <= m->start) {
			/* dropped by an extractor (the NER layer rejects weak gazetteer hits) */
			m->dropped = true;
			continue;
		}
		const struct mention *w = overlap(&acc, m->start, m->end);
		if (w) {
			m->dropped = true;
			m->beaten_by = w->rule ? w->rule : w->source;
			/* explain mode: the winner says what it beat ("why not X?") */
			if (doc->explain)
				mention_add_evidence(doc, (struct mention *)w, "beat %s '%.*s' from %s",
				                     mention_type_name((enum mention_type)m->type),
				                     (int)(m->end - m->start), doc->text + m->start,
				                     m->source ? m->source : "?");
			continue;
		}
		insert(&acc, m);
	}
	/* compact kept mentions, sort by position, number them */
	size_t k = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (!l->v[i].dropped)
			l->v[k++] = l->v[i];
	}
	l->n = k;
	qsort(l->v, l->n, sizeof(*l->v), pos_cmp);
	for (size_t i = 0; i < l->n; i++)
		l->v[i].id = (uint32_t)(i + 1);
	return 0;
}
