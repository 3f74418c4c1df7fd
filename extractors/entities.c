/* entities.c: clusters person/organization/location mentions within one
 * article.  One pass in text order: each mention joins the most recent
 * compatible entity or starts a new one.  Compatible means: the same kb_id;
 * the same folded name and type; or a short form of the entity's longest name
 * (a person's last word, an organization's or place's first word when it is
 * not a generic head, the initials of an organization's capitalized words,
 * an acronym written in parentheses right after the full form).  The
 * canonical name is the link's canonical form when linked, else the longest
 * form seen; the id is the kb_id, or a hash of type and canonical name, so the
 * same name and type give the same id in every article. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "document.h"
#include "entities.h"
#include "errors.h"
#include "mention.h"
#include "ner_cues.h"

#define ENT_KEY 256

struct ent_work {
	char longest[ENT_KEY];   /* folded longest form */
	size_t longest_len;
	uint32_t longest_start, longest_end;
	char acronym[16];        /* initials of the longest form, "" if none */
	char defined[16];        /* acronym written "(XYZ)" right after a mention */
};

void entities_make_id(int mention_type, const char *name, size_t n, char *buf, size_t cap)
{
	const char *tn = mention_type_name((enum mention_type)mention_type);
	uint32_t h = 2166136261u;
	for (const char *p = tn; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 16777619u;
	}
	h ^= '|';
	h *= 16777619u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)name[i];
		h *= 16777619u;
	}
	const char *pre = mention_type == MT_PERSON ? "per" : mention_type == MT_ORGANIZATION ? "org"
	                                                                                        : "loc";
	snprintf(buf, cap, "%s:%08x", pre, h);
}

/* Initials of the capitalized words of s[0..n) ("Mitsubishi Heavy Industries"
 * -> "MHI"); "" when fewer than two. */
static void initials(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	bool at_word = true;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == ' ' || ch == '-') {
			at_word = true;
			continue;
		}
		if (at_word && ch >= 'A' && ch <= 'Z' && k + 1 < cap)
			out[k++] = ch;
		at_word = false;
	}
	out[k < 2 ? 0 : k] = 0;
}

static bool has_space(const char *s, size_t n)
{
	return memchr(s, ' ', n) != NULL;
}

/* First or last word of a folded name. */
static bool first_word_is(const char *name, size_t n, const char *w, size_t wn)
{
	return wn < n && name[wn] == ' ' && !memcmp(name, w, wn);
}

static bool last_word_is(const char *name, size_t n, const char *w, size_t wn)
{
	return wn < n && name[n - wn - 1] == ' ' && !memcmp(name + n - wn, w, wn);
}

#define GH(s) {s, sizeof(s) - 1}
static const struct {
	const char *s;
	size_t n;
} generic_heads[] = {
	GH("the"), GH("new"), GH("north"), GH("south"), GH("east"), GH("west"), GH("united"),
	GH("national"), GH("international"), GH("university"), GH("bank"), GH("ministry"),
	GH("city"), GH("state"), GH("republic"),
};
#undef GH

static bool generic(const char *w, size_t n)
{
	for (size_t g = 0; g < sizeof(generic_heads) / sizeof(generic_heads[0]); g++)
		if (generic_heads[g].n == n && !memcmp(generic_heads[g].s, w, n))
			return true;
	return false;
}

/* What the clustering scan compares first, for every earlier entity: kept
 * apart from struct ent_work (300 bytes an entity) so that the scan reads
 * 16 bytes an entity; a hash equal is confirmed on the strings. */
struct ent_scan {
	uint64_t key_h;       /* hash of ent_work.longest */
	uint32_t kb_h;        /* hash of the kb_id, when has_kb */
	uint16_t longest_len;
	uint8_t type;
	uint8_t has_kb;
};

static uint32_t str_hash32(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* Record the arena cap failure on the document, like the extractors do. */
static int nomem(struct document *doc)
{
	doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
	return -EXT_E_NOMEM;
}

int entities_cluster(struct document *doc)
{
	struct mention_list *l = &doc->mentions;
	doc->entities = NULL;
	doc->nentities = 0;
	if (l->n == 0)
		return 0;
	struct entity *ents = arena_alloc(doc->arena, l->n * sizeof(*ents));
	struct ent_work *work = arena_alloc(doc->arena, l->n * sizeof(*work));
	uint32_t *owner = arena_alloc(doc->arena, l->n * sizeof(*owner));
	/* each clustered mention's folded text, kept for the alias pass */
	const char **mkey = arena_alloc(doc->arena, l->n * sizeof(*mkey));
	uint16_t *mkn = arena_alloc(doc->arena, l->n * sizeof(*mkn));
	struct ent_scan *scan = arena_alloc(doc->arena, l->n * sizeof(*scan));
	if (!ents || !work || !owner || !mkey || !mkn || !scan)
		return nomem(doc);
	size_t ne = 0;
	for (size_t i = 0; i < l->n; i++) {
		struct mention *m = &l->v[i];
		owner[i] = 0;
		if (m->type > MT_LOCATION)
			continue;
		char key[ENT_KEY];
		size_t kn = ner_fold(doc->text + m->start, m->end - m->start, key, sizeof(key));
		if (!kn)
			continue;
		bool caps = true;
		for (uint32_t p = m->start; p < m->end; p++) {
			char ch = doc->text[p];
			if ((ch >= 'a' && ch <= 'z') || ch == ' ')
				caps = false;
		}
		size_t best = SIZE_MAX;
		bool retype = false;
		bool one_word = !has_space(key, kn), is_generic = one_word && generic(key, kn);
		uint64_t key_h = ner_hash(key, kn);
		uint32_t kb_h = m->link.kb_id ? str_hash32(m->link.kb_id) : 0;
		for (size_t e = ne; e-- > 0;) {
			const struct ent_scan *sc = &scan[e];
			if (m->link.kb_id && sc->has_kb && sc->kb_h == kb_h &&
			    !strcmp(m->link.kb_id, ents[e].kb_id)) {
				best = e;
				break;
			}
			if (sc->type == m->type && sc->longest_len == kn && sc->key_h == key_h &&
			    !memcmp(work[e].longest, key, kn)) {
				best = e;
				break;
			}
			if (!one_word)
				continue;
			struct entity *en = &ents[e];
			struct ent_work *w = &work[e];
			/* one-word short forms of a longer name */
			if (en->type == MT_PERSON && last_word_is(w->longest, w->longest_len, key, kn)) {
				best = e;
				retype = m->type != MT_PERSON;
				break;
			}
			if (caps && kn >= 2 && ((w->acronym[0] && strlen(w->acronym) == kn &&
			                         !strncasecmp(w->acronym, key, kn)) ||
			                        (w->defined[0] && strlen(w->defined) == kn &&
			                         !strncasecmp(w->defined, key, kn)))) {
				best = e;
				retype = m->type != en->type;
				break;
			}
			if (en->type == m->type && en->type != MT_PERSON && !is_generic &&
			    first_word_is(w->longest, w->longest_len, key, kn)) {
				best = e;
				break;
			}
		}
		if (best == SIZE_MAX) {
			best = ne++;
			struct entity *en = &ents[best];
			memset(en, 0, sizeof(*en));
			memset(&work[best], 0, sizeof(work[best]));
			memset(&scan[best], 0, sizeof(scan[best]));
			en->type = m->type;
			scan[best].type = m->type;
		}
		struct entity *en = &ents[best];
		struct ent_work *w = &work[best];
		if (retype)
			m->type = en->type;
		if (m->link.kb_id && !en->kb_id) {
			en->kb_id = m->link.kb_id;
			en->name = m->link.canonical;
			scan[best].has_kb = 1;
			scan[best].kb_h = kb_h;
		}
		if (kn > w->longest_len) {
			memcpy(w->longest, key, kn);
			w->longest_len = kn;
			scan[best].longest_len = (uint16_t)kn;
			scan[best].key_h = key_h;
			w->longest_start = m->start;
			w->longest_end = m->end;
			if (en->type == MT_ORGANIZATION)
				initials(doc->text + m->start, m->end - m->start, w->acronym,
				         sizeof(w->acronym));
		}
		/* "Name (ACR)" */
		uint32_t p = m->end;
		while (p < doc->len && doc->text[p] == ' ')
			p++;
		if (p < doc->len && doc->text[p] == '(') {
			size_t q = p + 1, k = 0;
			while (q < doc->len && doc->text[q] >= 'A' && doc->text[q] <= 'Z' && k < 15)
				w->defined[k++] = doc->text[q++];
			if (q < doc->len && doc->text[q] == ')' && k >= 2)
				w->defined[k] = 0;
			else
				w->defined[0] = 0;
		}
		en->nmentions++; /* counted here, filled below */
		if (!(mkey[i] = arena_strndup(doc->arena, key, kn)))
			return nomem(doc);
		mkn[i] = (uint16_t)kn;
		owner[i] = (uint32_t)best + 1;
		m->entity = (uint32_t)best + 1;
	}
	/* Exact-size mention and alias arrays (an entity has at most one alias
	 * per mention).  Sizing them "every mention from here on" when the entity
	 * was made cost O(mentions^2) bytes: 1.1 GB for a dense 1 MB text. */
	for (size_t e = 0; e < ne; e++) {
		struct entity *en = &ents[e];
		en->mentions = arena_alloc(doc->arena, en->nmentions * sizeof(uint32_t));
		en->aliases = arena_alloc(doc->arena, en->nmentions * sizeof(char *));
		if (!en->mentions || !en->aliases)
			return nomem(doc);
		en->nmentions = 0;
	}
	for (size_t i = 0; i < l->n; i++) {
		if (owner[i]) {
			struct entity *en = &ents[owner[i] - 1];
			en->mentions[en->nmentions++] = l->v[i].id;
		}
	}
	/* names, aliases, ids; the folded name of each entity is kept (in
	 * work[e].longest, no longer needed) for the alias pass */
	for (size_t e = 0; e < ne; e++) {
		struct entity *en = &ents[e];
		struct ent_work *w = &work[e];
		if (!en->name)
			en->name = arena_strndup(doc->arena, doc->text + w->longest_start,
			                         w->longest_end - w->longest_start);
		if (!en->name)
			return nomem(doc);
		w->longest_len = ner_fold(en->name, strlen(en->name), w->longest, sizeof(w->longest));
		if (en->kb_id)
			snprintf(en->id, sizeof(en->id), "%s", en->kb_id);
		else
			entities_make_id(en->type, w->longest, w->longest_len, en->id, sizeof(en->id));
	}
	/* An alias is a form whose folded text differs from the name's and from
	 * the earlier aliases'; they are compared through the folded keys kept
	 * above (amention: the mention index of each alias, per entity from
	 * aoff[e], at most one alias per mention). */
	uint32_t *amention = arena_alloc(doc->arena, l->n * sizeof(*amention));
	size_t *aoff = arena_alloc(doc->arena, (ne + 1) * sizeof(*aoff));
	if (!amention || !aoff)
		return nomem(doc);
	aoff[0] = 0;
	for (size_t e = 0; e < ne; e++)
		aoff[e + 1] = aoff[e] + ents[e].nmentions;
	for (size_t i = 0; i < l->n; i++) {
		if (!owner[i])
			continue;
		size_t e = owner[i] - 1;
		struct entity *en = &ents[e];
		const struct ent_work *w = &work[e];
		const struct mention *m = &l->v[i];
		const char *key = mkey[i];
		size_t kn = mkn[i];
		if (kn == w->longest_len && !memcmp(key, w->longest, kn))
			continue;
		bool seen = false;
		for (size_t a = 0; a < en->naliases && !seen; a++) {
			uint32_t j = amention[aoff[e] + a];
			seen = mkn[j] == kn && !memcmp(mkey[j], key, kn);
		}
		if (!seen) {
			const char *s = arena_strndup(doc->arena, doc->text + m->start, m->end - m->start);
			if (!s)
				return nomem(doc);
			amention[aoff[e] + en->naliases] = (uint32_t)i;
			en->aliases[en->naliases++] = s;
		}
	}
	doc->entities = ents;
	doc->nentities = ne;
	return 0;
}
