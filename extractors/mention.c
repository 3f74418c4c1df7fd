/* mention.c: the per-document mention list (arena-backed, capped). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "document.h"
#include "errors.h"
#include "mention.h"
#include "util.h"

static const char *const type_names[] = {
#define X(e, s) [MT_##e] = s,
	MENTION_TYPES(X)
#undef X
};

const char *mention_type_name(enum mention_type t)
{
	return (unsigned)t < MT__COUNT ? type_names[t] : "unknown";
}

bool mention_type_parse(const char *s, enum mention_type *t)
{
	for (int i = 0; i < MT__COUNT; i++) {
		if (!strcmp(type_names[i], s)) {
			*t = (enum mention_type)i;
			return true;
		}
	}
	return false;
}

/* Make room for one more mention in l: false (and the error recorded on
 * doc) when it cannot.  Out of line, so that mention_add() itself saves no
 * registers on its way in. */
static __attribute__((noinline)) bool mention_grow(struct document *doc, struct mention_list *l)
{
	if (l->max && l->n >= l->max) {
		doc_fail(doc, -EXT_E_TOO_COMPLEX, "mention limit (max_mentions) exceeded");
		return false;
	}
	if (l->n < l->cap)
		return true;
	/* the first list is sized for the text (news has about one mention
	 * every 36 bytes): growing from 64 by doubling copied the list once or
	 * twice in each long article.  At most FIRST_CAP_MAX mentions (1.5 MB
	 * at 184 bytes each, enough for a 128 KB text) are reserved up front,
	 * so that a long text does not spend a small arena_cap on room it may
	 * never use; past that the list doubles. */
	enum { FIRST_CAP_MAX = 8192 };
	size_t ncap = l->cap ? l->cap * 2 : 64;
	if (!l->cap && doc->len / 16 > ncap)
		ncap = doc->len / 16 < FIRST_CAP_MAX ? doc->len / 16 : FIRST_CAP_MAX;
	if (l->max && ncap > l->max)
		ncap = l->max; /* > l->n: checked above */
	struct mention *nv = arena_realloc(doc->arena, l->v, l->n * sizeof(*nv), ncap * sizeof(*nv));
	if (!nv) {
		doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
		return false;
	}
	l->v = nv;
	l->cap = ncap;
	return true;
}

/* mention_add() when the list is full or at its limit: grow it, then add
 * as usual.  Apart, so that the common path saves no registers. */
static __attribute__((noinline)) struct mention *
mention_add_grow(struct document *doc, enum mention_type t, uint32_t start, uint32_t end,
                 const char *source)
{
	if (!mention_grow(doc, &doc->mentions))
		return NULL;
	return mention_add(doc, t, start, end, source);
}

struct mention *mention_add(struct document *doc, enum mention_type t, uint32_t start,
                            uint32_t end, const char *source)
{
	struct mention_list *l = &doc->mentions;
	if (doc->error)
		return NULL;
	if (__builtin_expect(l->n == l->cap || (l->max && l->n >= l->max), 0))
		return mention_add_grow(doc, t, start, end, source);
	struct mention *m = &l->v[l->n++];
#if defined(__SSE2__)
	/* zeroed with 16-byte stores of a zero register: a dozen
	 * instructions, where a memset of this size is a "rep stos" with its
	 * start-up cost, and a copy from a zeroed constant loads as much as
	 * it stores.  The empty asm hides that z is zero, or the compiler
	 * turns the stores back into that memset. */
	typedef unsigned char v16 __attribute__((vector_size(16)));
	v16 z = {0};
	__asm__("" : "+x"(z));
	size_t k = 0;
	for (; k + 16 <= sizeof(*m); k += 16)
		memcpy((char *)m + k, &z, 16);
	if (k < sizeof(*m)) /* the tail: the last 16 bytes again */
		memcpy((char *)m + sizeof(*m) - 16, &z, 16);
	m->score = 1.0f;
#else
	static const struct mention blank = {.score = 1.0f};
	const struct mention *from = &blank;
	__asm__("" : "+r"(from));
	*m = *from;
#endif
	m->start = start;
	m->end = end;
	m->type = (uint8_t)t;
	m->source = source;
	if (t == MT_MONEY)
		m->v.money.equivalent_of = NO_LINK;
	return m;
}

int mention_add_evidence(struct document *doc, struct mention *m, const char *fmt, ...)
{
	/* evidence is only printed in explain mode; formatting it for every
	 * mention of every request cost ~5% of the pipeline */
	if (!doc->explain)
		return 0;
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	char *s = arena_strdup(doc->arena, buf);
	const char **nv = arena_realloc(doc->arena, (void *)m->evidence,
	                                m->nevidence * sizeof(char *),
	                                (m->nevidence + 1u) * sizeof(char *));
	if (!s || !nv)
		return -EXT_E_NOMEM;
	nv[m->nevidence++] = s;
	m->evidence = nv;
	return 0;
}

const struct mention *mention_find_start(const struct document *doc, uint32_t start)
{
	const struct mention_list *l = &doc->mentions;
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (l->v[mid].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < l->n && l->v[lo].start == start; lo++) {
		if (!l->v[lo].dropped)
			return &l->v[lo];
	}
	return NULL;
}
