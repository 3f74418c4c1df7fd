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

struct mention *mention_add(struct document *doc, enum mention_type t, uint32_t start,
                            uint32_t end, const char *source)
{
	struct mention_list *l = &doc->mentions;
	if (doc->error)
		return NULL;
	if (l->max && l->n >= l->max) {
		doc_fail(doc, -EXT_E_TOO_COMPLEX, "mention limit (max_mentions) exceeded");
		return NULL;
	}
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 64;
		struct mention *nv = arena_realloc(doc->arena, l->v, l->n * sizeof(*nv),
		                                   ncap * sizeof(*nv));
		if (!nv) {
			doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
			return NULL;
		}
		l->v = nv;
		l->cap = ncap;
	}
	/* copied from a constant: a dozen vector moves, where a memset of this
	 * size is a "rep stos" with its start-up cost, once per mention.  The
	 * empty asm hides what the constant holds, or the compiler turns the
	 * copy back into that memset. */
	static const struct mention blank = {.score = 1.0f};
	const struct mention *from = &blank;
	__asm__("" : "+r"(from));
	struct mention *m = &l->v[l->n++];
	*m = *from;
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
