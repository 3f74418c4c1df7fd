/* gazetteer.c: the gazetteer matcher, its lookup API and the extractor.
 *
 * Matching is token-aligned longest match.  The document's tokens are units
 * (a lone "." token is skipped, as the compiler skips it in names); a unit
 * is folded and hashed when needed (a candidate start in the first pass, a
 * start's next unit in the filter pass, units beyond in a walk), with no
 * per-token array: nearly every unit is hashed once at most.  From
 * a unit where a name may start the matcher extends a chained hash one unit
 * at a time, probing the image's table: a miss, or a key that is no longer a
 * prefix of anything, ends the walk.
 *
 * Most tokens never reach the table.  Bitset filters in the image (see
 * gaz_image.h) drop, in this order: lower-case words no emitted name starts
 * with (by a signature of the raw word: length, first, second, last byte),
 * and those followed by a word without a capital that no such name may
 * continue with, or whose pair with the next word starts none (signatures
 * again);
 * capitalized words that start no emitted name (by hash); then, per start,
 * the probe of the word alone unless it may be a name alone, and the walk
 * beyond it unless the pair with the next unit starts a name (these three
 * questions from one cache line of the start filter).  The probes
 * that remain are prefetched a pass ahead, and a slot summarizes its
 * variants (case masks, kinds, the entry to emit), so most probes read one
 * cache line, and a mention one entry more.  Cost per token: a type test for
 * punctuation, a filter test for a lower-case word, a table test for a
 * number (most start no name), a fold-hash and a filter test for a
 * capitalized one; independent of the data size.
 *
 * Case policy (the key itself is case-blind):
 *  - a source unit written in capitals ("Tokyo") needs a capitalized or
 *    all-caps token; one written in lower case ("of", "de") takes either;
 *  - an all-caps acronym of <= 6 bytes ("MHI", "US") needs an all-caps token,
 *    so "us" never matches "US";
 *  - a one-unit name that is also a common lower-case word ("Diet", "Apple",
 *    "Reading", "Gen") needs a capitalized, not all-caps token that does not
 *    start a sentence;
 *  - person mentions need at least two units (a full name); single name parts
 *    are left to the NER layer (gaz_is(GIVEN_NAME ...)).
 * A match may not cross a sentence start.  A possessive last token matches
 * without its "'s" ("Japan's").
 *
 * What it does not do: typing from context, coreference, choosing among
 * candidates beyond the prior (the resolver and the NER layer do that). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "document.h"
#include "engine.h"
#include "errors.h"
#include "extractor.h"
#include "gaz_image.h"
#include "gazetteer.h"
#include "mention.h"
#include "resolver.h"
#include "tokenizer.h"
#include "util.h"
#include "gazetteers/gaz_paths.h"

#define GAZ_MAX_IMAGES 8

struct gazetteer {
	struct gaz_image *img[GAZ_MAX_IMAGES];
	char **source[GAZ_MAX_IMAGES];  /* "gazetteer:<list>" per image and list */
	size_t nimg;
	size_t nentries;
	char version[96];
	struct memo *memo;          /* emit() choices of ambiguous keys (one image only) */
	uint32_t memo_mask;
	/* the main image's filters, for the per-token tests (no pointer chase) */
	const uint64_t *f_start, *f_lower, *f_slower, *f_lower2;
	uint32_t sh_lower, sh_slower, sh_lower2;  /* 64 - log2 of their sizes */
	uint32_t sh_start;                        /* 64 - log2 of its blocks */
	const uint64_t *f_digits;                 /* the main image's digit table */
	uint32_t digits_max;
	const uint64_t *f_lower_lc;               /* its lower-case continuation filter */
	uint32_t sh_lower_lc;
	uint64_t byte_hash[128];  /* gaz_fold_hash() of a one-byte ASCII token (or
	                           * TH_NOFOLD): most next units hashed are ",", ")"... */
};

/* One unit of the document: a token other than a lone ".". */
struct unit {
	uint64_t h;     /* hash of the folded token */
	uint64_t halt;  /* hash without the possessive suffix, 0 if none */
	uint32_t tok;   /* token index */
	uint16_t flags; /* token flags */
	uint8_t punct;
	uint8_t lazy;   /* h and halt not computed yet (see unit_hash) */
};

static int memo_build(struct gazetteer *g);

void gaz_close(struct gazetteer *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nimg; i++) {
		for (uint32_t l = 0; g->source[i] && l < g->img[i]->hdr->nlists; l++)
			free(g->source[i][l]);
		free(g->source[i]);
		gaz_image_free(g->img[i]);
	}
	free(g->memo);
	free(g);
}

struct gazetteer *gaz_open(const char *image_path, const char *extra_dirs, char *err,
                           size_t errlen)
{
	struct gazetteer *g = calloc(1, sizeof(*g));
	struct gaz_compiler *c = NULL;
	if (!g) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	g->img[0] = gaz_image_open(image_path, err, errlen);
	if (!g->img[0])
		goto fail;
	g->nimg = 1;
	g->nentries = g->img[0]->hdr->nentries;
	g->f_start = g->img[0]->filter_start;
	g->sh_start = 64 - (g->img[0]->hdr->filter_start_log2 - 9);
	g->f_lower = g->img[0]->filter_lower;
	g->sh_lower = 64 - g->img[0]->hdr->filter_lower_log2;
	g->f_slower = g->img[0]->filter_single_lower;
	g->sh_slower = 64 - g->img[0]->hdr->filter_single_lower_log2;
	g->f_lower2 = g->img[0]->filter_lower2;
	g->f_digits = g->img[0]->digits;
	g->digits_max = g->img[0]->hdr->digits_max;
	g->sh_lower2 = 64 - g->img[0]->hdr->filter_lower2_log2;
	g->f_lower_lc = g->img[0]->filter_lower_lc;
	g->sh_lower_lc = 64 - g->img[0]->hdr->filter_lower_lc_log2;
	for (unsigned b = 0; b < 128; b++) {
		const char one[2] = {(char)b, 0};
		uint64_t h = gaz_fold_hash_fast(one, 1, sizeof(one));
		g->byte_hash[b] = h ? h : UINT64_MAX;  /* TH_NOFOLD */
	}
	snprintf(g->version, sizeof(g->version), "%s", g->img[0]->hdr->data_version);
	/* extra directories: each is compiled into its own in-memory image */
	size_t nextra = 0;
	for (const char *p = extra_dirs; p && *p;) {
		const char *q = strchr(p, ':');
		size_t l = q ? (size_t)(q - p) : strlen(p);
		if (l > 0) {
			char dir[4096];
			if (l >= sizeof(dir) || g->nimg == GAZ_MAX_IMAGES) {
				snprintf(err, errlen, "too many or too long gazetteer directories");
				goto fail;
			}
			memcpy(dir, p, l);
			dir[l] = 0;
			void *buf;
			size_t len;
			c = gaz_compiler_new();
			if (!c) {
				snprintf(err, errlen, "out of memory");
				goto fail;
			}
			if (gaz_compiler_add_dir(c, dir, err, errlen) < 0 ||
			    gaz_compiler_build(c, NULL, &buf, &len, err, errlen) < 0)
				goto fail;
			gaz_compiler_free(c);
			c = NULL;
			g->img[g->nimg] = gaz_image_from_buffer(buf, len, err, errlen);
			if (!g->img[g->nimg])
				goto fail;
			g->nentries += g->img[g->nimg]->hdr->nentries;
			g->nimg++;
			nextra++;
		}
		p = q ? q + 1 : p + l;
	}
	for (size_t i = 0; i < g->nimg; i++) {
		const struct gaz_image *img = g->img[i];
		g->source[i] = calloc(img->hdr->nlists, sizeof(char *));
		if (!g->source[i])
			goto oom;
		for (uint32_t l = 0; l < img->hdr->nlists; l++) {
			const char *name = gaz_str(img, img->lists[l].name);
			size_t len = strlen("gazetteer:") + strlen(name) + 1;
			if (!(g->source[i][l] = malloc(len)))
				goto oom;
			snprintf(g->source[i][l], len, "gazetteer:%s", name);
		}
	}
	if (g->nimg == 1 && memo_build(g) < 0)
		goto oom;
	if (nextra) {
		/* entries and a checksum of the extra images: any edit changes it */
		uint64_t sum = 0;
		for (size_t i = 1; i < g->nimg; i++)
			sum = gaz_hash_chain(sum, g->img[i]->hdr->checksum);
		size_t used = strlen(g->version);
		snprintf(g->version + used, sizeof(g->version) - used, "+%zuextra-%zu-%08llx", nextra,
		         g->nentries - g->img[0]->hdr->nentries, (unsigned long long)(sum >> 32));
	}
	return g;
oom:
	snprintf(err, errlen, "out of memory");
fail:
	gaz_compiler_free(c);
	gaz_close(g);
	return NULL;
}

const char *gaz_data_version(const struct gazetteer *g)
{
	return g->version;
}

size_t gaz_entry_count(const struct gazetteer *g)
{
	return g->nentries;
}

const struct gazetteer *gaz_from_engine(const struct engine *e)
{
	return engine_extractor_state(e, "gazetteer");
}

bool gaz_attr(const char *attrs, const char *key, const char **v, size_t *vlen)
{
	/* one pass: compare the key at each pair's start, else skip the pair */
	for (const char *p = attrs; *p;) {
		size_t i = 0;
		while (key[i] && p[i] == key[i])
			i++;
		if (!key[i] && p[i] == '=') {
			const char *e = p + i + 1;
			while (*e && *e != ';')
				e++;
			*v = p + i + 1;
			*vlen = (size_t)(e - *v);
			return true;
		}
		p += i;
		while (*p && *p != ';')
			p++;
		if (*p)
			p++;
	}
	return false;
}

/* ---- units ---- */

/* gaz_fold_hash() of s[0..n), avail bytes readable from s. */
static inline uint64_t fold_hash(const char *s, size_t n, size_t avail)
{
	return gaz_fold_hash_fast(s, n, avail);
}

/* Compute u's hashes (h, and halt for a possessive). */
static void unit_hash(const struct document *doc, struct unit *u)
{
	const struct token *t = &doc->tokens[u->tok];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	size_t avail = doc->len + 1 - t->start;  /* the text is NUL-terminated */
	u->lazy = 0;
	u->h = fold_hash(s, n, avail);
	u->halt = 0;
	if (t->flags & TF_POSSESSIVE) {
		size_t pl = tok_possessive_len(doc, t);
		if (pl > 0 && pl < n)
			u->halt = fold_hash(s, n - pl, avail);
	}
}

/* A unit whose hashes are computed when first needed (unit_hash). */
static inline void unit_lazy(const struct token *t, size_t ti, struct unit *u)
{
	*u = (struct unit){.tok = (uint32_t)ti, .flags = t->flags, .punct = t->type == TOK_PUNCT,
	                   .lazy = 1};
}

static void unit_make(const struct document *doc, size_t ti, struct unit *u)
{
	unit_lazy(&doc->tokens[ti], ti, u);
	unit_hash(doc, u);
}

/* Tokens that are not units: a lone "." (names keep it inside words only)
 * and punctuation that folds to nothing (a lone apostrophe). */
static bool is_skipped(const struct document *doc, const struct token *t)
{
	if (t->type != TOK_PUNCT)
		return false;
	if (t->end == t->start + 1)
		return doc->text[t->start] == '.' || doc->text[t->start] == '\'' ||
		       doc->text[t->start] == '`';
	char buf[8];
	return t->end - t->start <= 4 && gaz_fold(doc->text + t->start, t->end - t->start, buf,
	                                          sizeof(buf)) == 0;
}

/* ---- case policy ---- */

/* The case facts of a span of units, as bits over its units (bit k: unit
 * k), so that a variant's masks are checked in a few instructions. */
struct span_case {
	uint32_t capital;  /* capitalized or all caps */
	uint32_t allcaps;
	uint16_t first;    /* token flags of the first unit */
};

static inline void span_case_add(struct span_case *c, unsigned k, uint16_t f)
{
	if (k == 0)
		c->first = f;
	if (f & (TF_CAP | TF_ALLCAPS))
		c->capital |= 1u << k;
	if (f & TF_ALLCAPS)
		c->allcaps |= 1u << k;
}

/* A one-unit name that is also a common word needs a capitalized, not
 * all-caps token that does not start a sentence. */
static inline bool common_ok(uint16_t f)
{
	return (f & TF_CAP) && !(f & (TF_ALLCAPS | TF_SENT_START));
}

static inline bool variant_case_ok(const struct gaz_variant *v, const struct span_case *c)
{
	return gaz_masks_fit(v->cap_mask, v->caps_mask, c->capital, c->allcaps) &&
	       (!(v->flags & GAZ_VAR_COMMON) || common_ok(c->first));
}

/* The same for every variant of a GAZ_SLOT_UNIFORM slot. */
static inline bool slot_case_ok(const struct gaz_slot *s, const struct span_case *c)
{
	return gaz_masks_fit(s->cap_mask, s->caps_mask, c->capital, c->allcaps) &&
	       (!(s->flags & GAZ_SLOT_COMMON) || common_ok(c->first));
}

/* Does any variant in slot s accept the span (for emitting)? */
static bool slot_accepts(const struct gaz_image *img, const struct gaz_slot *s,
                         const struct span_case *c)
{
	if (!(s->flags & GAZ_SLOT_EMIT))
		return false;
	if (s->flags & GAZ_SLOT_UNIFORM)
		return slot_case_ok(s, c);
	for (uint32_t i = 0; i < s->nvar; i++) {
		const struct gaz_variant *v = &img->variants[s->first_var + i];
		if (gaz_kind_emits((enum gaz_kind)v->kind, v->nunits) && variant_case_ok(v, c))
			return true;
	}
	return false;
}

/* ---- candidates ---- */

static void cand_fill(const struct gaz_image *img, const struct gaz_entry_rec *e,
                      struct gaz_candidate *c)
{
	c->canonical = gaz_str(img, e->canonical);
	c->type = gaz_str(img, e->type);
	c->kb_id = gaz_str(img, e->kb_id);
	c->attrs = gaz_str(img, e->attrs);
	c->list = gaz_str(img, img->lists[e->list].name);
	c->kind = (enum gaz_kind)e->kind;
	c->weight = e->weight;
	c->prior = 0;
	c->case_ok = false;
}

static int cand_cmp(const void *a, const void *b)
{
	const struct gaz_candidate *x = a, *y = b;
	if (x->weight != y->weight)
		return x->weight > y->weight ? -1 : 1;
	return strcmp(x->canonical, y->canonical);
}

/* exp(weight) of the n-th candidate for the priors, but for the first one
 * deferred until a second one comes (then it is added to *sum and stored
 * in out[0].prior, as if made at once): a key with one candidate, the
 * common case, has prior 1 and needs no exp() (collect()). */
static inline double cand_exp(size_t n, float weight, float *w0, double *sum,
                              struct gaz_candidate *out, size_t max)
{
	if (n == 0) {
		*w0 = weight;
		return 0;
	}
	if (n == 1) {
		double x0 = exp(*w0);
		*sum += x0;
		if (max > 0)
			out[0].prior = x0;
	}
	return exp(weight);
}

/* Collect the candidates of key h (case facts c, or NULL for "no case
 * check").  Writes up to max into out, returns the total.  Entries are unique
 * per image; candidates are sorted best first when they all fit. */
static size_t collect(const struct gazetteer *g, uint64_t h, const struct span_case *c,
                      struct gaz_candidate *out, size_t max)
{
	size_t n = 0;
	double sum = 0;
	float w0 = 0;  /* the first candidate's weight (cand_exp()) */
	for (size_t ii = 0; ii < g->nimg; ii++) {
		const struct gaz_image *img = g->img[ii];
		const struct gaz_slot *s = gaz_image_find(img, h);
		if (!s || !s->nvar)
			continue;
		if ((s->flags & GAZ_SLOT_UNIFORM) && s->nentries == 1) {
			/* one entry: no variant to read */
			const struct gaz_entry_rec *e = &img->entries[s->entry];
			double x = cand_exp(n, e->weight, &w0, &sum, out, max);
			if (n < max) {
				cand_fill(img, e, &out[n]);
				out[n].case_ok = !c || slot_case_ok(s, c);
				out[n].prior = x;  /* exp(weight) until the priors are set */
			}
			sum += x;
			n++;
			continue;
		}
		size_t first = n;
		for (uint32_t i = 0; i < s->nvar; i++) {
			const struct gaz_variant *v = &img->variants[s->first_var + i];
			const struct gaz_entry_rec *e = &img->entries[v->entry];
			bool ok = !c || variant_case_ok(v, c);
			/* variants of one entry are adjacent (sorted by entry) */
			if (i > 0 && img->variants[s->first_var + i - 1].entry == v->entry) {
				if (n > first && n - 1 < max && ok)
					out[n - 1].case_ok = true;
				continue;
			}
			double x = cand_exp(n, e->weight, &w0, &sum, out, max);
			if (n < max) {
				cand_fill(img, e, &out[n]);
				out[n].case_ok = ok;
				out[n].prior = x;
			}
			sum += x;
			n++;
		}
	}
	size_t w = n < max ? n : max;
	if (n == 1 && w == 1) {
		/* exp(w0) / exp(w0): 1 when it is finite and not 0 */
		double x0 = w0 > -700 && w0 < 700 ? 1.0 : exp(w0);
		out[0].prior = x0 > 0 ? x0 / x0 : 0;
	} else {
		for (size_t i = 0; i < w; i++)
			out[i].prior = sum > 0 ? out[i].prior / sum : 0;
	}
	/* best first: a stable insertion sort (few candidates; the order of
	 * equal ones as the merge sort of qsort() leaves it) */
	for (size_t i = 1; i < w; i++) {
		struct gaz_candidate x = out[i];
		size_t j = i;
		for (; j > 0 && cand_cmp(&out[j - 1], &x) > 0; j--)
			out[j] = out[j - 1];
		out[j] = x;
	}
	return n;
}

/* Can key hash h1 be a one-unit key (of any kind)?  False positives only:
 * most tokens of a text are no key at all, and are answered without a
 * probe. */
static inline bool may_word(const struct gazetteer *g, uint64_t h1)
{
	for (size_t ii = 0; ii < g->nimg; ii++) {
		const struct gaz_image *img = g->img[ii];
		if (gaz_filter_test(img->filter_word, img->hdr->filter_word_log2, h1))
			return true;
	}
	return false;
}

static uint64_t key_of_units(const struct unit *u, size_t n)
{
	uint64_t h = GAZ_HASH_SEED;
	for (size_t i = 0; i < n; i++) {
		if (!u[i].h)
			return 0;
		h = gaz_hash_chain(h, u[i].h);
	}
	return h;
}

size_t gaz_lookup_tokens(const struct gazetteer *g, const struct document *doc,
                         size_t tok_begin, size_t tok_end, struct gaz_candidate *out,
                         size_t max)
{
	if (!g || tok_begin >= tok_end || tok_end > doc->ntokens)
		return 0;
	struct unit u[GAZ_MAX_UNITS];
	struct span_case c = {0};
	size_t n = 0;
	for (size_t i = tok_begin; i < tok_end; i++) {
		if (is_skipped(doc, &doc->tokens[i]))
			continue;
		if (n == GAZ_MAX_UNITS)
			return 0;
		unit_make(doc, i, &u[n]);
		span_case_add(&c, (unsigned)n, u[n].flags);
		n++;
	}
	if (n == 0)
		return 0;
	uint64_t h = key_of_units(u, n);
	size_t total = h && (n > 1 || may_word(g, h)) ? collect(g, h, &c, out, max) : 0;
	if (total == 0 && u[n - 1].halt) {
		/* "Japan's": try the last token without its possessive */
		u[n - 1].h = u[n - 1].halt;
		h = key_of_units(u, n);
		total = h && (n > 1 || may_word(g, h)) ? collect(g, h, &c, out, max) : 0;
	}
	return total;
}

/* Kinds of the first max entries under key h, as collect() would write them
 * (same order, same per-entry case rule); returns the number of entries. */
static size_t collect_kinds(const struct gazetteer *g, uint64_t h, const struct span_case *c,
                            size_t max, unsigned *any, unsigned *ok)
{
	size_t n = 0;
	for (size_t ii = 0; ii < g->nimg; ii++) {
		const struct gaz_image *img = g->img[ii];
		const struct gaz_slot *s = gaz_image_find(img, h);
		if (!s || !s->nvar)
			continue;
		if ((s->flags & GAZ_SLOT_UNIFORM) && s->nentries < 255 && n + s->nentries <= max) {
			/* every entry fits and every variant has the same case rule */
			*any |= s->kinds;
			if (slot_case_ok(s, c))
				*ok |= s->kinds;
			n += s->nentries;
			continue;
		}
		size_t first = n;
		for (uint32_t i = 0; i < s->nvar; i++) {
			const struct gaz_variant *v = &img->variants[s->first_var + i];
			bool case_ok = variant_case_ok(v, c);
			if (i > 0 && img->variants[s->first_var + i - 1].entry == v->entry) {
				if (n > first && n - 1 < max && case_ok)
					*ok |= 1u << v->kind;
				continue;
			}
			if (n < max) {
				*any |= 1u << v->kind;
				if (case_ok)
					*ok |= 1u << v->kind;
			}
			n++;
		}
	}
	return n;
}

void gaz_token_kinds(const struct gazetteer *g, const struct document *doc, size_t tok,
                     size_t max, unsigned *any, unsigned *ok)
{
	*any = *ok = 0;
	if (!g || tok >= doc->ntokens || is_skipped(doc, &doc->tokens[tok]))
		return;
	struct unit u;
	struct span_case c = {0};
	unit_make(doc, tok, &u);
	span_case_add(&c, 0, u.flags);
	uint64_t h1 = u.h ? gaz_hash_chain(GAZ_HASH_SEED, u.h) : 0;
	size_t total = h1 && may_word(g, h1) ? collect_kinds(g, h1, &c, max, any, ok) : 0;
	if (total == 0 && u.halt) {
		/* "Japan's": the token without its possessive */
		uint64_t ha = gaz_hash_chain(GAZ_HASH_SEED, u.halt);
		if (may_word(g, ha))
			collect_kinds(g, ha, &c, max, any, ok);
	}
}

/* Key of a plain string: segment and fold like the compiler. */
static uint64_t key_of_string(const char *s, size_t n)
{
	struct gaz_unit u[GAZ_MAX_UNITS];
	int k = gaz_segment(s, n, u, GAZ_MAX_UNITS);
	if (k <= 0)
		return 0;
	uint64_t h = GAZ_HASH_SEED;
	for (int i = 0; i < k; i++) {
		uint64_t uh = fold_hash(s + u[i].start, u[i].end - u[i].start, n - u[i].start);
		if (!uh)
			return 0;
		h = gaz_hash_chain(h, uh);
	}
	return h;
}

size_t gaz_lookup(const struct gazetteer *g, const char *s, size_t n,
                  struct gaz_candidate *out, size_t max)
{
	uint64_t h = g ? key_of_string(s, n) : 0;
	if (!h)
		return 0;
	size_t total = collect(g, h, NULL, out, max);
	for (size_t i = 0; i < total && i < max; i++)
		out[i].case_ok = true;
	return total;
}

/* First entry of kind k under key h, or NULL. */
static const struct gaz_entry_rec *find_kind(const struct gazetteer *g, uint64_t h,
                                             enum gaz_kind k, const struct gaz_image **imgp)
{
	for (size_t ii = 0; ii < g->nimg; ii++) {
		const struct gaz_image *img = g->img[ii];
		const struct gaz_slot *s = gaz_image_find(img, h);
		if (!s || !(s->kinds & (1u << k)))
			continue;
		for (uint32_t i = 0; i < s->nvar; i++) {
			const struct gaz_entry_rec *e = &img->entries[img->variants[s->first_var + i].entry];
			if (e->kind == k) {
				*imgp = img;
				return e;
			}
		}
	}
	return NULL;
}

bool gaz_is(const struct gazetteer *g, enum gaz_kind kind, const char *s, size_t n)
{
	uint64_t h = g && (unsigned)kind < GAZ_KIND__COUNT ? key_of_string(s, n) : 0;
	if (!h)
		return false;
	/* the slot's kinds are those of its variants: no variant to read */
	for (size_t ii = 0; ii < g->nimg; ii++) {
		const struct gaz_slot *sl = gaz_image_find(g->img[ii], h);
		if (sl && (sl->kinds & (1u << kind)))
			return true;
	}
	return false;
}

bool gaz_demonym_country(const struct gazetteer *g, const char *s, size_t n, char cc[3])
{
	uint64_t h = g ? key_of_string(s, n) : 0;
	const struct gaz_image *img;
	const struct gaz_entry_rec *e = h ? find_kind(g, h, GAZ_KIND_DEMONYM, &img) : NULL;
	const char *v;
	size_t vl;
	if (!e || !gaz_attr(gaz_str(img, e->attrs), "cc", &v, &vl) || vl != 2)
		return false;
	cc[0] = v[0];
	cc[1] = v[1];
	cc[2] = 0;
	return true;
}

/* ---- the extractor ---- */

static const char *image_path(const struct engine_config *cfg, char *buf, size_t len)
{
	if (cfg->data_dir) {
		snprintf(buf, len, "%s/%s", cfg->data_dir, GAZ_IMAGE_NAME);
		return buf;
	}
	/* from the source tree, the build output; installed, the data dir */
	if (access(GAZ_BUILD_IMAGE, R_OK) == 0)
		return GAZ_BUILD_IMAGE;
	snprintf(buf, len, "%s/%s", EXTRACTD_DATADIR, GAZ_IMAGE_NAME);
	return buf;
}

static int gaz_ext_load(const struct engine_config *cfg, void **state, char *err, size_t errlen)
{
	char path[4096];
	struct gazetteer *g = gaz_open(image_path(cfg, path, sizeof(path)), cfg->gazetteer_dirs,
	                               err, errlen);
	if (!g)
		return -EXT_E_BAD_DATA;
	*state = g;
	return 0;
}

static void gaz_ext_unload(void *state)
{
	gaz_close(state);
}

static const char *gaz_ext_version(const void *state)
{
	return gaz_data_version(state);
}

static const enum mention_type kind_type[GAZ_KIND__COUNT] = {
	[GAZ_KIND_LOCATION] = MT_LOCATION,
	[GAZ_KIND_ORGANIZATION] = MT_ORGANIZATION,
	[GAZ_KIND_PERSON] = MT_PERSON,
};

/* The candidates emit() weighs: the best accepted entry of an emitting kind
 * and the weights of the accepted ones (the first 64). */
struct choice {
	const struct gaz_image *img;
	const struct gaz_entry_rec *best;
	size_t ii, nw;
	float w[64];
};

/* Count entry e of image ii among the choices; keep it if it weighs most. */
static inline void choice_add(struct choice *ch, const struct gaz_image *img, size_t ii,
                              const struct gaz_entry_rec *e)
{
	if (ch->nw < ARRAY_SIZE(ch->w))
		ch->w[ch->nw++] = e->weight;
	if (!ch->best || e->weight > ch->best->weight) {
		ch->best = e;
		ch->img = img;
		ch->ii = ii;
	}
}

/* Add the accepted candidates of slot s of image ii (case facts c, NULL: all
 * fit) for a name of n units. */
static void choose_slot(const struct gaz_image *img, size_t ii, const struct gaz_slot *s,
                        size_t n, const struct span_case *c, struct choice *ch)
{
	if ((s->flags & (GAZ_SLOT_UNIFORM | GAZ_SLOT_EMIT1)) == (GAZ_SLOT_UNIFORM | GAZ_SLOT_EMIT1)) {
		/* one entry to emit, one case rule: no variant to read */
		const struct gaz_entry_rec *e = &img->entries[s->entry];
		if (gaz_kind_emits((enum gaz_kind)e->kind, (unsigned)n) && (!c || slot_case_ok(s, c)))
			choice_add(ch, img, ii, e);
		return;
	}
	uint32_t last = UINT32_MAX;
	for (uint32_t i = 0; i < s->nvar; i++) {
		const struct gaz_variant *v = &img->variants[s->first_var + i];
		if (v->entry == last || !gaz_kind_emits((enum gaz_kind)v->kind, (unsigned)n) ||
		    (c && !variant_case_ok(v, c)))
			continue;
		last = v->entry;
		choice_add(ch, img, ii, &img->entries[v->entry]);
	}
}

/* prior = exp(w_best) / sum exp(w_i), computed relative to w_best */
static double choice_prior(const struct choice *ch)
{
	double sum = 0;
	for (size_t i = 0; i < ch->nw; i++)
		sum += ch->nw == 1 ? 1 : exp((double)ch->w[i] - ch->best->weight);
	return 1 / sum;
}

/* Slots whose choice needs several entries (ambiguous names: "Paris") have it
 * computed at load, for a one-image gazetteer: a small open-addressing table
 * keyed by slot index.  Valid for uniform slots (every variant fits the case
 * or none does) and a name of the slot's length. */
struct memo {
	uint32_t slot1;  /* slot index + 1, 0 = empty */
	uint32_t entry;
	double prior;
};

static inline uint32_t memo_home(uint32_t slot, uint32_t mask)
{
	return (uint32_t)(((uint64_t)slot * 0x9e3779b97f4a7c15ull) >> 32) & mask;
}

static bool memo_wanted(const struct gaz_slot *s)
{
	return s->hash && (s->flags & (GAZ_SLOT_UNIFORM | GAZ_SLOT_EMIT | GAZ_SLOT_EMIT1)) ==
	                      (GAZ_SLOT_UNIFORM | GAZ_SLOT_EMIT);
}

static const struct memo *memo_find(const struct gazetteer *g, uint32_t slot)
{
	for (uint32_t i = memo_home(slot, g->memo_mask);; i = (i + 1) & g->memo_mask) {
		if (g->memo[i].slot1 == slot + 1)
			return &g->memo[i];
		if (!g->memo[i].slot1)
			return NULL;
	}
}

static int memo_build(struct gazetteer *g)
{
	const struct gaz_image *img = g->img[0];
	size_t n = 0, ncap = 0, cap = 16;
	uint32_t *want = NULL;
	/* one scan of the slots (tens of MB) for the few ambiguous ones */
	for (uint32_t i = 0; i < img->hdr->nslots; i++) {
		if (!memo_wanted(&img->slots[i]))
			continue;
		if (n == ncap) {
			ncap = ncap ? 2 * ncap : 1024;
			uint32_t *nw = realloc(want, ncap * sizeof(*want));
			if (!nw) {
				free(want);
				return -1;
			}
			want = nw;
		}
		want[n++] = i;
	}
	while (cap < 2 * n)
		cap *= 2;
	g->memo = calloc(cap, sizeof(*g->memo));
	if (!g->memo) {
		free(want);
		return -1;
	}
	g->memo_mask = (uint32_t)cap - 1;
	for (size_t w = 0; w < n; w++) {
		uint32_t i = want[w];
		const struct gaz_slot *s = &img->slots[i];
		struct choice ch = {0};
		choose_slot(img, 0, s, s->nunits, NULL, &ch);
		if (!ch.best)
			continue;
		uint32_t k = memo_home(i, g->memo_mask);
		while (g->memo[k].slot1)
			k = (k + 1) & g->memo_mask;
		g->memo[k] = (struct memo){.slot1 = i + 1,
		                           .entry = (uint32_t)(ch.best - img->entries),
		                           .prior = choice_prior(&ch)};
	}
	free(want);
	return 0;
}

/* The longest acceptable name starting at a start. */
struct match {
	size_t units;   /* its length in units, 0 if none */
	size_t last;    /* the token of its last unit */
	uint64_t key;
	const struct gaz_slot *slot;  /* key's slot in the last image that accepted it */
	uint32_t end;   /* end offset (before a possessive) */
	struct span_case c;
};

/* The mention of entry best of image ii (img) from byte start to end, with
 * its prior among the accepted candidates. */
static inline int emit_mention(const struct gazetteer *g, struct document *doc, uint32_t start,
                               uint32_t end, const struct gaz_image *img, size_t ii,
                               const struct gaz_entry_rec *best, double prior)
{
	/* strings point into the gazetteer: they live as long as the engine,
	 * which the request holds until its response is written */
	const char *src = g->source[ii][best->list];
	struct mention *mn = mention_add(doc, kind_type[best->kind], start, end, src);
	if (!mn)
		return doc->error ? doc->error : -EXT_E_NOMEM;
	mn->priority = PRIO_GAZETTEER;
	mn->score = (float)(0.6 + 0.4 * prior);
	mn->rule = "gazetteer";
	mn->link.kb_id = best->kb_id ? gaz_str(img, best->kb_id) : NULL;
	mn->link.canonical = gaz_str(img, best->canonical);
	mn->link.list = src + strlen("gazetteer:");
	mn->link.prior = prior;
	return 0;
}

/* emit() when there is a choice: the best accepted candidate of an emitting
 * kind over the images, with its prior among the accepted ones (the memo's
 * for an ambiguous key of one image).  Out of line. */
static __attribute__((noinline)) int emit_choose(const struct gazetteer *g,
                                                 struct document *doc, uint32_t start,
                                                 const struct match *m)
{
	const size_t n = m->units;
	const struct span_case *c = &m->c;
	/* no initializer: that would clear the 64 weights too, on every mention */
	struct choice ch;
	ch.best = NULL;
	ch.nw = 0;
	const struct memo *mo = NULL;
	for (size_t ii = 0; ii < g->nimg; ii++) {
		const struct gaz_image *img = g->img[ii];
		const struct gaz_slot *s = g->nimg == 1 ? m->slot : gaz_image_find(img, m->key);
		if (!s || !s->nvar)
			continue;
		if (g->memo && memo_wanted(s) && s->nunits == n && slot_case_ok(s, c) &&
		    (mo = memo_find(g, (uint32_t)(s - img->slots)))) {
			/* only with one image (g->memo): the choice is this one */
			ch.best = &img->entries[mo->entry];
			ch.img = img;
			ch.ii = ii;
			break;
		}
		choose_slot(img, ii, s, n, c, &ch);
	}
	if (!ch.best)
		return 0;
	return emit_mention(g, doc, start, m->end, ch.img, ch.ii, ch.best,
	                    mo ? mo->prior : choice_prior(&ch));
}

/* Emit one mention for a name of m->units units from byte start to m->end
 * (key m->key, case facts m->c).  With one image, m->slot is the key's slot
 * (match_at() found it): most keys there have one entry to emit and one
 * case rule (choose_slot()'s first case: prior 1), settled here. */
static inline int emit(const struct gazetteer *g, struct document *doc, uint32_t start,
                       const struct match *m)
{
	const struct gaz_slot *s = m->slot;
	if (g->nimg == 1 && (s->flags & (GAZ_SLOT_UNIFORM | GAZ_SLOT_EMIT1)) ==
	                            (GAZ_SLOT_UNIFORM | GAZ_SLOT_EMIT1)) {
		const struct gaz_image *img = g->img[0];
		const struct gaz_entry_rec *best = &img->entries[s->entry];
		if (!gaz_kind_emits((enum gaz_kind)best->kind, (unsigned)m->units) ||
		    !slot_case_ok(s, &m->c))
			return 0;
		return emit_mention(g, doc, start, m->end, img, 0, best, 1);
	}
	return emit_choose(g, doc, start, m);
}

static inline bool bit_test(const uint64_t *bits, uint32_t shift, uint64_t h)
{
	uint64_t b = h >> shift;
	return (bits[b >> 6] >> (b & 63)) & 1;
}

/* The flat image filters the per-token tests ask (see gaz_image.h). */
enum img_filter {
	IF_SINGLE_LOWER,  /* a one-unit name it emits, for a token without a capital */
	IF_LOWER,         /* a lower-case unit signature a name may start with */
	IF_LOWER2,        /* a lower-case unit, or two, a name may start with */
};

static inline const uint64_t *img_filter_bits(const struct gaz_image *img, enum img_filter f,
                                              uint32_t *log2)
{
	switch (f) {
	case IF_SINGLE_LOWER: *log2 = img->hdr->filter_single_lower_log2; return img->filter_single_lower;
	case IF_LOWER: *log2 = img->hdr->filter_lower_log2; return img->filter_lower;
	case IF_LOWER2: break;
	}
	*log2 = img->hdr->filter_lower2_log2;
	return img->filter_lower2;
}

/* Is key hash h1 (or h2, if not 0) in filter f of an extra image (not the
 * first)?  False positives only.  Rare (extra directories), so out of line:
 * the hot loops keep only the test of g->nimg (in_img_filters()). */
static __attribute__((noinline)) bool extra_filters(const struct gazetteer *g, enum img_filter f,
                                                    uint64_t h1, uint64_t h2)
{
	for (size_t ii = 1; ii < g->nimg; ii++) {
		uint32_t lg;
		const uint64_t *bits = img_filter_bits(g->img[ii], f, &lg);
		if (gaz_filter_test(bits, lg, h1) || (h2 && gaz_filter_test(bits, lg, h2)))
			return true;
	}
	return false;
}

static inline bool in_img_filters(const struct gazetteer *g, enum img_filter f, uint64_t h1,
                                  uint64_t h2)
{
	return g->nimg > 1 && extra_filters(g, f, h1, h2);
}

/* The block of first-unit key hash h1 in the first image's start filter
 * (gaz_start_block() from the copies in g). */
static inline const uint64_t *start_block(const struct gazetteer *g, uint64_t h1)
{
	return g->f_start + ((h1 >> g->sh_start) << 3);
}

/* Question q of the start filter, about hash h in the block of h1, in an
 * extra image.  False positives only.  Out of line as extra_filters(). */
static __attribute__((noinline)) bool extra_start(const struct gazetteer *g, uint64_t h1,
                                                  enum gaz_start_q q, uint64_t h)
{
	for (size_t ii = 1; ii < g->nimg; ii++) {
		const struct gaz_image *img = g->img[ii];
		if (gaz_start_test(img->filter_start, img->hdr->filter_start_log2, h1, q, h))
			return true;
	}
	return false;
}

static inline bool in_img_start(const struct gazetteer *g, uint64_t h1, enum gaz_start_q q,
                                uint64_t h)
{
	return g->nimg > 1 && extra_start(g, h1, q, h);
}

/* Can a name the extractor emits start at this unit (key hashes h1, and h2
 * without the possessive or 0)?  Start filter test, no table probe; false
 * positives only.  b1: start_block(g, h1), which the caller keeps for the
 * other questions about h1. */
static inline bool may_start(const struct gazetteer *g, const uint64_t *b1, uint64_t h1,
                             uint64_t h2)
{
	if (gaz_start_has(b1, GAZ_START_ANY, h1) ||
	    (h2 && gaz_start_has(start_block(g, h2), GAZ_START_ANY, h2)))
		return true;
	return in_img_start(g, h1, GAZ_START_ANY, h1) ||
	       (h2 && in_img_start(g, h2, GAZ_START_ANY, h2));
}

/* bit_test() of h1, or of h2 if not 0 */
static inline bool bit_test2(const uint64_t *bits, uint32_t shift, uint64_t h1, uint64_t h2)
{
	return bit_test(bits, shift, h1) || (h2 && bit_test(bits, shift, h2));
}

/* Can a one-unit name the extractor emits have key hash h1 (or ha, the same
 * without a possessive, if not 0)?  False positives only.  h1's block b1 is
 * in cache: may_start() read it. */
static inline bool may_single(const struct gazetteer *g, const uint64_t *b1, uint64_t h1,
                              uint64_t ha)
{
	if (gaz_start_has(b1, GAZ_START_SINGLE, h1) ||
	    (ha && gaz_start_has(start_block(g, ha), GAZ_START_SINGLE, ha)))
		return true;
	return in_img_start(g, h1, GAZ_START_SINGLE, h1) ||
	       (ha && in_img_start(g, ha, GAZ_START_SINGLE, ha));
}

/* The same for a token without a capital: only names that need none. */
static inline bool may_single_lower(const struct gazetteer *g, uint64_t h1, uint64_t ha)
{
	if (bit_test2(g->f_slower, g->sh_slower, h1, ha))
		return true;
	return in_img_filters(g, IF_SINGLE_LOWER, h1, ha);
}

/* Can a name the extractor emits start with the two units of key hash h2
 * (or ha, the same without a possessive, if not 0), the first of which has
 * key hash h1?  False positives only. */
static inline bool may_pair(const struct gazetteer *g, uint64_t h1, uint64_t h2, uint64_t ha)
{
	const uint64_t *b = start_block(g, h1);
	if (gaz_start_has(b, GAZ_START_PAIR, h2) || (ha && gaz_start_has(b, GAZ_START_PAIR, ha)))
		return true;
	return in_img_start(g, h1, GAZ_START_PAIR, h2) ||
	       (ha && in_img_start(g, h1, GAZ_START_PAIR, ha));
}

static inline bool lower_sig_test(const struct gazetteer *g, uint64_t sig)
{
	return bit_test(g->f_lower, g->sh_lower, sig) || in_img_filters(g, IF_LOWER, sig, 0);
}

static __attribute__((noinline)) bool may_start_lower_slow(const struct gazetteer *g,
                                                           const char *s, size_t n)
{
	char buf[GAZ_MAX_UNIT_BYTES * 4];
	n = gaz_fold(s, n, buf, sizeof(buf));
	return n > 0 && n <= GAZ_MAX_UNIT_BYTES && lower_sig_test(g, gaz_sig(buf, n));
}

/* may_start_lower() of a word of a non-ASCII text, or with a '.' or an
 * apostrophe (flags): the fold decides unless the word is plain ASCII after
 * all.  Out of the hot loop. */
static __attribute__((noinline)) bool may_start_lower_other(const struct gazetteer *g,
                                                            uint16_t flags, const char *s,
                                                            size_t n)
{
	unsigned char acc = 0;
	if (n == 0 || n > GAZ_MAX_UNIT_BYTES)
		return false;
	for (size_t i = 0; i < n; i++)
		acc |= (unsigned char)s[i];
	if ((acc & 0x80) || (flags & (TF_APOS | TF_ABBREV | TF_POSSESSIVE)))
		return may_start_lower_slow(g, s, n);
	return lower_sig_test(g, gaz_sig3(n, (unsigned char)(s[0] | 0x20),
	                                  (unsigned char)(s[n > 1] | 0x20),
	                                  (unsigned char)(s[n - 1] | 0x20)));
}

/* The same for a token that starts in lower case, before hashing it: true
 * if the lower-case start filter lets a name begin with this word.  For an
 * ASCII word without '.' or apostrophes the folded form has the same length
 * and differs only in case, so the signature comes from the raw bytes. */
static inline bool may_start_lower(const struct gazetteer *g, const struct token *t,
                                   const char *s, size_t n, bool ascii, uint64_t *sig)
{
	*sig = 0;  /* not known (never a signature: (x + 1) * odd is not 0) */
	if (!ascii || (t->flags & (TF_APOS | TF_ABBREV | TF_POSSESSIVE)) ||
	    n - 1 >= GAZ_MAX_UNIT_BYTES)
		return may_start_lower_other(g, t->flags, s, n);
	*sig = gaz_sig3(n, (unsigned char)(s[0] | 0x20), (unsigned char)(s[n > 1] | 0x20),
	                (unsigned char)(s[n - 1] | 0x20));
	return lower_sig_test(g, *sig);
}

/* Two bytes loaded as a uint16_t, little-endian. */
static inline uint32_t le16_value(uint16_t v)
{
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return __builtin_bswap16(v);
#else
	return v;
#endif
}

/* gaz_sig() of a lower-case word of n (1 or more; beyond GAZ_MAX_UNIT_BYTES
 * it serves only as a filter key: lower_may_start() rejects such words)
 * bytes of an ASCII text without '.' or apostrophes (may_start_lower()'s common case),
 * from its raw bytes: gaz_sig3() of the three bytes | 0x20, the OR done once
 * on the packed bytes. */
static inline uint64_t lower_sig_fast(const char *s, uint32_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	/* the first two bytes in one load (the text is NUL-terminated, so
	 * u[1] is readable); a one-byte word's second byte is its first */
	uint16_t two;
	memcpy(&two, u, sizeof(two));
	uint64_t x = n > 1 ? (uint64_t)le16_value(two) : (uint64_t)u[0] * 0x101;
	x |= (uint64_t)u[n - 1] << 16;
	x = (uint64_t)n | (x | 0x202020) << 8;
	return (x + 1) * 0x9e3779b97f4a7c15ull;
}

/* Token flags that mark bytes the fold removes or changes beyond case: '.'
 * (TF_ABBREV, TF_DECIMAL), apostrophes (TF_APOS, TF_POSSESSIVE) and ','
 * (TF_GROUPED).  The tokenizer puts nothing but letters, digits, '-' and
 * '$' besides these into a word, number or symbol token (tokenizer.h), so
 * such a token without these flags and without a byte >= 0x80 folds by
 * lowering its ASCII letters alone: no byte loop to look for them. */
#define TF_FOLD_MORE (TF_ABBREV | TF_APOS | TF_POSSESSIVE | TF_DECIMAL | TF_GROUPED)

/* Plain token (see TF_FOLD_MORE), by its type and flags; the bytes >= 0x80
 * are checked apart. */
static inline bool tok_plain(const struct token *t)
{
	return t->type != TOK_PUNCT && !(t->flags & TF_FOLD_MORE);
}

/* unit_sig() of a token that is not plain ASCII: the bytes decide, or the
 * fold.  Out of line. */
static __attribute__((noinline)) bool unit_sig_slow(const unsigned char *s, size_t n,
                                                    uint64_t *sig)
{
	if (n == 0 || n > GAZ_MAX_UNIT_BYTES)
		goto slow;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 0x80 || s[i] == '.' || s[i] == '\'' || s[i] == '`' || s[i] == ',')
			goto slow;
	}
	/* plain ASCII: the fold only lowers the letters */
	unsigned char f[3] = {s[0], s[n > 1], s[n - 1]};
	for (int k = 0; k < 3; k++)
		f[k] = f[k] >= 'A' && f[k] <= 'Z' ? (unsigned char)(f[k] + 32) : f[k];
	*sig = gaz_sig3(n, f[0], f[1], f[2]);
	return true;
slow:;
	char buf[GAZ_MAX_UNIT_BYTES * 4];
	size_t fl = gaz_fold((const char *)s, n, buf, sizeof(buf));
	if (fl == 0 || fl > GAZ_MAX_UNIT_BYTES)
		return false;
	*sig = gaz_sig(buf, fl);
	return true;
}

/* gaz_sig() of token t folded; false if it folds to nothing or to more than
 * GAZ_MAX_UNIT_BYTES (then a walk stops there).  ascii: whether the text is
 * ASCII.  The common case, a plain token of an ASCII text, in line. */
static inline bool unit_sig(const struct document *doc, const struct token *t, bool ascii,
                            uint64_t *sig)
{
	const unsigned char *s = (const unsigned char *)doc->text + t->start;
	size_t n = t->end - t->start;
	if (ascii && tok_plain(t) && n - 1 < GAZ_MAX_UNIT_BYTES) {
		/* letters, digits, '-', '$': only the letters change, and
		 * | 0x20 lowers them and keeps the others */
		*sig = gaz_sig3(n, s[0] | 0x20, s[n > 1] | 0x20, s[n - 1] | 0x20);
		return true;
	}
	return unit_sig_slow(s, n, sig);
}

static bool lower2_test(const struct gazetteer *g, uint64_t key)
{
	return bit_test(g->f_lower2, g->sh_lower2, key) || in_img_filters(g, IF_LOWER2, key, 0);
}

/* Is the text ASCII?  Then no word needs the check on its own. */
static bool text_ascii(const struct document *doc)
{
	const char *s = doc->text;
	size_t n = doc->len, i = 0;
	uint64_t acc = 0;
	/* four words a round: the loop's overhead was most of its cost */
	for (; i + 32 <= n; i += 32)
		acc |= hm_le64(s + i) | hm_le64(s + i + 8) | hm_le64(s + i + 16) | hm_le64(s + i + 24);
	for (; i + 8 <= n; i += 8)
		acc |= hm_le64(s + i);
	for (; i < n; i++)
		acc |= (unsigned char)s[i];
	return !(acc & 0x8080808080808080ull);
}

/* ---- one run over a document ---- */

/* Per-token hashes: those of the candidates are computed in the first pass
 * and kept in their records, a start's next unit's in the filter pass (or
 * taken from the next candidate's record), and the few a walk needs beyond
 * those when it reaches them; no per-token array.  The walks work on token
 * indices and step over the tokens that are not units (is_skipped()). */
#define TH_NOFOLD UINT64_MAX  /* the token folds to nothing (gaz_unit_hash() never
                               * returns it) */
struct run {
	const struct gazetteer *g;
	const struct document *doc;
	const struct token *tok;
	size_t ntok;
	bool ascii;    /* the text is ASCII (text_ascii()) */
};

/* gaz_fold_hash() of token t, the general way (TH_NOFOLD for nothing). */
static __attribute__((noinline)) uint64_t tok_hash_slow(const struct document *doc,
                                                        const struct token *t)
{
	if (t->end - t->start == 1) {
		/* one ASCII byte, most often a punctuation token after a start
		 * (",", ")", "-"): the fold keeps it but for the three it
		 * drops (and lowers a letter), so no byte loop */
		unsigned char c = (unsigned char)doc->text[t->start];
		if (c < 0x80 && c != '.' && c != '\'' && c != '`')
			return gaz_unit_finish(hm_step(GAZ_UNIT_SEED, ascii8_fold(c)), 1);
	}
	uint64_t h = fold_hash(doc->text + t->start, t->end - t->start,
	                       doc->len + 1 - t->start);
	return h ? h : TH_NOFOLD;
}

/* gaz_fold_hash() of token t (TH_NOFOLD if it folds to nothing); ascii: the
 * text is ASCII.  Most tokens are plain (tok_plain()) and at most 16 bytes
 * long: their one or two words are loaded whole (the text is
 * NUL-terminated; the loads stay inside it) and hashed as
 * gaz_fold_hash_fast() would, with no byte loop, no call and no check for
 * the bytes the flags already rule out.  A plain token's bytes are letters,
 * digits, '-' and '$' (TF_FOLD_MORE), so in an ASCII one the fold is an OR
 * of 0x20 into each byte (the digits, '-' and '$' have that bit already),
 * and no byte needs the test for >= 0x80.  text and len1 (doc->len + 1)
 * are doc's, passed apart so that a caller's copies in registers serve. */
static inline uint64_t tok_hash(const struct document *doc, const char *text, size_t len1,
                                const struct token *t, bool ascii)
{
	const uint64_t high = 0x8080808080808080ull, lower = 0x2020202020202020ull;
	size_t n = t->end - t->start;
	if (!tok_plain(t) || n - 1 >= 16 || t->start + (n > 8 ? 16 : 8) > len1)
		return tok_hash_slow(doc, t);
	const char *s = text + t->start;
	uint64_t h = GAZ_UNIT_SEED, w = hm_le64(s);
	if (n > 8) {
		uint64_t m1 = ~0ull >> (8 * (16 - n));
		uint64_t w1 = hm_le64(s + 8) & m1;
		if (!ascii && ((w | w1) & high))
			return tok_hash_slow(doc, t);
		h = hm_step(h, w | lower);
		w = w1 | (lower & m1);
	} else {
		uint64_t m0 = ~0ull >> (8 * (8 - n));
		w &= m0;
		if (!ascii && (w & high))
			return tok_hash_slow(doc, t);
		w |= lower & m0;
	}
	return gaz_unit_finish(hm_step(h, w), n);
}

/* tok_hash() of token ti; a one-byte token (punctuation, "a") from the
 * table. */
static inline uint64_t run_hash_in(const struct run *r, size_t ti)
{
	const struct token *t = &r->tok[ti];
	if (t->end - t->start == 1) {
		unsigned char c = (unsigned char)r->doc->text[t->start];
		if (c < 0x80)
			return r->g->byte_hash[c];
	}
	return tok_hash(r->doc, r->doc->text, r->doc->len + 1, t, r->ascii);
}

/* The same out of line (the walks). */
static __attribute__((noinline)) uint64_t run_hash(const struct run *r, size_t ti)
{
	return run_hash_in(r, ti);
}

/* tok_hash_alt() of a possessive token.  Out of line: most tokens are not. */
static __attribute__((noinline)) uint64_t tok_hash_poss(const struct document *doc,
                                                        const struct token *t)
{
	size_t n = t->end - t->start, pl = tok_possessive_len(doc, t);
	if (pl == 0 || pl >= n)
		return 0;
	return fold_hash(doc->text + t->start, n - pl, doc->len + 1 - t->start);
}

/* Hash of token t without its possessive ("Japan's" -> "Japan"), 0 if none. */
static inline uint64_t tok_hash_alt(const struct document *doc, const struct token *t)
{
	return (t->flags & TF_POSSESSIVE) ? tok_hash_poss(doc, t) : 0;
}

/* The unit after token ti: the next token that is not skipped, or ntok. */
static inline size_t run_next(const struct run *r, size_t ti)
{
	ti++;
	while (ti < r->ntok && r->tok[ti].type == TOK_PUNCT && is_skipped(r->doc, &r->tok[ti]))
		ti++;
	return ti;
}

/* For a lower-case word ti that passed the lower-case start filter: can an
 * emitted name start here, judging by the signatures of this word and the
 * next unit (the seventh filter)?  False positives only; a walk would find
 * nothing where this says no, so the word is not even hashed. */
static bool lower_may_start(struct run *r, size_t ti, uint64_t sig0)
{
	const struct token *t = &r->tok[ti];
	uint64_t sig1;
	if (t->flags & TF_POSSESSIVE)
		return true;  /* the walk also tries it without the "'s" */
	if (t->end - t->start > GAZ_MAX_UNIT_BYTES)
		return false;  /* never a unit of a name (the first pass lets it
		                * through on a false positive of the filter) */
	/* sig0: unit_sig() of t as may_start_lower() computed it, 0 if not */
	if (!sig0 && !unit_sig(r->doc, t, r->ascii, &sig0))
		return false;
	if (lower2_test(r->g, gaz_sig_single(sig0)))
		return true;
	size_t j = run_next(r, ti);
	if (j >= r->ntok || (r->tok[j].flags & TF_SENT_START))
		return false;
	if (r->tok[j].flags & TF_POSSESSIVE)
		return true;
	return unit_sig(r->doc, &r->tok[j], r->ascii, &sig1) &&
	       lower2_test(r->g, gaz_sig_pair(sig0, sig1));
}

/* A candidate (a token where a name may start) as the first pass records
 * it, and, kept in place at the front of the same array, a start (a
 * candidate the filter pass lets through, where a walk may find a name)
 * with what the walk's first probes need. */
struct start {
	uint32_t tok;
	uint32_t next;  /* the unit after it (run_next()) */
	uint64_t hu;    /* a candidate: its unit hash (tok_hash()); a start: its
	                 * next unit's, TH_NOFOLD if none */
	uint64_t h1;    /* key hash of the unit alone */
	uint64_t ha;    /* the same without its possessive, 0 if none (a start) */
	uint64_t h2;    /* of it and the next unit, 0 if none or not in the first
	                 * image's pair filter */
	bool single;    /* may be a name alone (may_single()) */
};

/* The entry a mention from key h would come from, if h's home slot (which
 * should be in cache by now) holds an emitting key. */
static inline void prefetch_entry(const struct gazetteer *g, const struct gaz_image *img,
                                  uint64_t h)
{
	uint32_t i = (uint32_t)h & (img->hdr->nslots - 1);
	const struct gaz_slot *s = &img->slots[i];
	if (s->hash == h && (s->flags & GAZ_SLOT_EMIT)) {
		__builtin_prefetch(&img->entries[s->entry]);
		if (g->memo && memo_wanted(s))
			__builtin_prefetch(&g->memo[memo_home(i, g->memo_mask)]);
	}
}

static inline void prefetch_entries(const struct gazetteer *g, const struct gaz_image *img,
                                    const struct start *st)
{
	if (st->single)
		prefetch_entry(g, img, st->h1);
	if (st->h2)
		prefetch_entry(g, img, st->h2);
}

/* The filter pass's work on candidate x (the k-th of nc): if
 * the start filter lets a name start here, fill in its start record at st
 * (st <= x: the starts are kept in place at the front of the candidates)
 * and return whether a walk may find a name there.  The start filter's
 * block was prefetched by the first pass; its single and pair questions
 * read the same line.  The probes they let through are prefetched, a pass
 * ahead of the walks.  The next unit's hash is the next candidate's when
 * that is the next unit ("New York"), else computed ("The deal"). */
static inline bool filter_start(struct run *r, const struct gaz_image *img, struct start *x,
                                const struct start *after, struct start *st)
{
	/* copies in locals: a store through st or x would make GCC reload
	 * what it read through r (-fno-strict-aliasing) */
	const struct gazetteer *g = r->g;
	const struct token *tok = r->tok;
	const size_t ntok = r->ntok, ti = x->tok;
	const uint16_t f = tok[ti].flags;
	uint64_t h1 = x->h1, ha = 0;
	if (f & TF_POSSESSIVE) {
		uint64_t alt = tok_hash_alt(r->doc, &tok[ti]);
		ha = alt ? gaz_hash_chain(GAZ_HASH_SEED, alt) : 0;
	}
	const uint64_t *b1 = start_block(g, h1);
	if (!(f & TF_LOWER) && !may_start(g, b1, h1, ha))
		return false;
	/* the next unit: most often the next token, a word */
	size_t j = ti + 1 < ntok && tok[ti + 1].type != TOK_PUNCT ? ti + 1 : run_next(r, ti);
	const uint16_t fn = j < ntok ? tok[j].flags : 0;
	uint64_t hn = TH_NOFOLD, h2 = 0;
	if (j < ntok && !(fn & TF_SENT_START)) {
		hn = after && after->tok == j ? after->hu : run_hash_in(r, j);
		if (hn != TH_NOFOLD)
			h2 = gaz_hash_chain(h1, hn);
	}
	/* a token without a capital fits no variant that needs one */
	bool single = (f & (TF_CAP | TF_ALLCAPS)) ? may_single(g, b1, h1, ha)
	                                          : may_single_lower(g, h1, ha);
	if (single) {
		gaz_image_prefetch(img, h1);
		if (ha)
			gaz_image_prefetch(img, ha);
	}
	if (h2 && !gaz_start_has(b1, GAZ_START_PAIR, h2))
		h2 = 0;
	if (h2)
		gaz_image_prefetch(img, h2);
	*st = (struct start){.tok = (uint32_t)ti, .next = (uint32_t)j, .hu = hn, .h1 = h1,
	                     .ha = ha, .h2 = h2, .single = single};
	/* Most starts are neither a name alone nor the start of a pair: then
	 * match_at() would stop at the pair test, and is not called.  Only the
	 * first image's pair filter was asked, and a possessive next unit is
	 * tried without its "'s" too: those cases walk. */
	return single || h2 || g->nimg > 1 || (fn & TF_POSSESSIVE);
}

static void match_at(struct run *r, const struct start *st, struct match *m)
{
	const struct gazetteer *g = r->g;
	const struct document *doc = r->doc;
	uint64_t h = GAZ_HASH_SEED, best_h = 0;
	size_t best_n = 0;
	struct span_case *c = &m->c;
	*c = (struct span_case){0};
	m->units = 0;
	size_t j = st->tok;
	for (size_t k = 0; k < GAZ_MAX_UNITS; k++) {
		const struct token *t = &r->tok[j];
		uint64_t hj, ha;
		if (k == 0) {
			hj = st->h1;
			ha = st->ha;
		} else {
			if (t->flags & TF_SENT_START)
				break;
			uint64_t hu = k == 1 ? st->hu : run_hash(r, j);
			if (hu == TH_NOFOLD)
				break;
			uint64_t alt = tok_hash_alt(doc, t);
			hj = gaz_hash_chain(h, hu);
			ha = alt ? gaz_hash_chain(h, alt) : 0;
		}
		span_case_add(c, (unsigned)k, t->flags);
		/* every emitted name of 2+ units has its first two in the filter
		 * (st->h2 set: hj, and filter_start() found it there) */
		if (k == 1 && !st->h2 && !may_pair(g, h, hj, ha))
			break;
		if (k == 0 && !st->single) {
			/* not a name alone: go on to the pair without a probe (the
			 * pair is in the table only if this unit is a prefix) */
			h = hj;
			goto next;
		}
		if (ha) {
			/* "Japan's": the name ends before the possessive */
			for (size_t ii = 0; ii < g->nimg; ii++) {
				const struct gaz_slot *sa = gaz_image_find(g->img[ii], ha);
				if (sa && sa->nvar && slot_accepts(g->img[ii], sa, c)) {
					best_h = ha;
					best_n = k + 1;
					m->slot = sa;
					m->last = j;
					m->end = t->end - (uint32_t)tok_possessive_len(doc, t);
					break;
				}
			}
		}
		bool prefix = false;
		for (size_t ii = 0; ii < g->nimg; ii++) {
			const struct gaz_slot *sl = gaz_image_find(g->img[ii], hj);
			if (!sl)
				continue;
			if (sl->flags & GAZ_SLOT_PREFIX)
				prefix = true;
			if (sl->nvar && best_h != hj && slot_accepts(g->img[ii], sl, c)) {
				best_h = hj;
				best_n = k + 1;
				m->slot = sl;
				m->last = j;
				m->end = t->end;
			}
		}
		if (!prefix)
			break;
		h = hj;
	next:
		j = k == 0 ? st->next : run_next(r, j);
		if (j >= r->ntok)
			break;
	}
	m->key = best_h;
	m->units = best_n;
}

/* A lower-case word that passed the lower-case start filter: a candidate
 * if its next unit lets a name begin here (lower_may_start()).  Rare, so
 * out of the first pass's loop. */
static __attribute__((noinline)) bool lower_start(struct run *r, size_t ti, uint64_t sig,
                                                   struct start *st)
{
	if (!lower_may_start(r, ti, sig))
		return false;
	uint64_t h = run_hash(r, ti);
	if (h == TH_NOFOLD)
		return false;
	st->tok = (uint32_t)ti;
	st->hu = h;
	st->h1 = gaz_hash_chain(GAZ_HASH_SEED, h);
	return true;
}

/* Can a name the extractor emits start at a number token of the main image
 * (s[0..n))?  The tokenizer makes a number of ASCII digits, ',' between
 * digits and '.' before digits, so it folds to its digits alone, and the
 * digit table (gaz_image.h) answers exactly for up to GAZ_DIGITS_SHORT of
 * them and for more than digits_max; the start filter decides between, and
 * for any other byte (yes: false positives only). */
static inline bool number_may_start(const struct gazetteer *g, const char *s, size_t n)
{
	uint32_t nd = 0, value = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t d = (uint32_t)(unsigned char)s[i] - '0';
		if (d < 10) {
			nd++;
			value = value * 10 + d;  /* wraps after 9 digits: not used then */
		} else if (s[i] != '.' && (s[i] != ',' || i == 0 || i + 1 == n ||
		                           (unsigned char)(s[i - 1] - '0') > 9 ||
		                           (unsigned char)(s[i + 1] - '0') > 9)) {
			return true;  /* a byte the fold would keep */
		}
	}
	if (nd > g->digits_max)
		return false;
	if (nd > GAZ_DIGITS_SHORT)
		return true;
	uint32_t b = gaz_digits_index(nd, value);
	return (g->f_digits[b >> 6] >> (b & 63)) & 1;
}

/* For a lower-case word ti of the first pass's common case (signature sig)
 * that passed the lower-case start filter: false if the next token is a
 * word or number without a capital (then the next unit: only punctuation is
 * skipped) and the lower-case continuation filter (gaz_image.h) says that
 * no name this word may start goes on with such a token or is this word
 * alone.  "the" starts names ("the Hague") whose next unit needs a capital,
 * and is followed by a word in lower case most of the time. */
static inline bool lower_lc_may(const struct gazetteer *g, const struct token *t, size_t ti,
                                size_t ntok, uint64_t sig)
{
	return ti + 1 >= ntok || t[1].type == TOK_PUNCT || (t[1].flags & (TF_CAP | TF_ALLCAPS)) ||
	       bit_test(g->f_lower_lc, g->sh_lower_lc, gaz_sig_lc(sig));
}

/* A lower-case word ti outside the first pass's common case (a non-ASCII
 * text, extra images, apostrophes, periods, a long word): a start if the
 * lower-case start filter and lower_start() let a name begin there.  Out
 * of line. */
static __attribute__((noinline)) bool lower_general(struct run *r, size_t ti, struct start *st)
{
	const struct token *t = &r->tok[ti];
	const char *w = r->doc->text + t->start;
	uint64_t sig;
	return may_start_lower(r->g, t, w, t->end - t->start, r->ascii, &sig) &&
	       lower_start(r, ti, sig, st);
}

static int gaz_ext_run(const void *state, struct document *doc, struct scratch *s)
{
	const struct gazetteer *g = state;
	const struct gaz_image *img0 = g->img[0];
	(void)s;
	const size_t ntok = doc->ntokens;
	struct run r = {.g = g, .doc = doc, .tok = doc->tokens, .ntok = ntok};
	/* the tokens a name may start at (cand), then those the start filter
	 * lets through and a walk may find a name at (starts, kept in place at
	 * the front of cand: less memory to write and read back per document) */
	struct start *cand = arena_alloc(doc->arena, (ntok + 1) * sizeof(*cand));
	struct start *starts = cand;
	if (!cand) {
		doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
		return -EXT_E_NOMEM;
	}
	size_t nc = 0, ns = 0;
	r.ascii = text_ascii(doc);
	const bool ascii = r.ascii;
	const struct token *tokens = doc->tokens;
	const uint64_t *f_start = g->f_start;
	const uint32_t sh_start = g->sh_start;
	/* The common case, an ASCII text and one image: a plain lower-case
	 * word (most tokens) is settled by its raw signature and one filter
	 * test in line (lower_sig_fast()), the others out of line
	 * (lower_general()).  Copies in locals, so that they stay in
	 * registers. */
	const bool fast = ascii && g->nimg == 1;
	/* the flags that send a lower-case word the general way: all of them
	 * (TF_LOWER is set) outside the common case, so that one test of the
	 * flags decides (a test of fast besides cost three instructions a word) */
	const uint16_t lower_slow = fast ? (TF_APOS | TF_ABBREV | TF_POSSESSIVE) : UINT16_MAX;
	const char *text = doc->text;
	const size_t len1 = doc->len + 1;  /* the text is NUL-terminated */
	const bool one_image = g->nimg == 1;
	const uint64_t *f_lower = g->f_lower;
	const uint32_t sh_lower = g->sh_lower;
	for (size_t ti = 0; ti < ntok; ti++) {
		const struct token *t = &tokens[ti];
		if (t->type == TOK_PUNCT)
			continue;  /* never starts a name */
		if ((t->flags & TF_LOWER) && t->type == TOK_WORD) {
			/* most words of a text: no name starts here; hashed only
			 * if a walk reaches them */
			uint32_t n = t->end - t->start;
			/* a word longer than GAZ_MAX_UNIT_BYTES passes here only by
			 * a false positive of the filter, and lower_may_start()
			 * then rejects it (unit_sig()) */
			if (!(t->flags & lower_slow)) {
				uint64_t sig = lower_sig_fast(text + t->start, n);
				if (bit_test(f_lower, sh_lower, sig) && lower_lc_may(g, t, ti, ntok, sig) &&
				    lower_start(&r, ti, sig, &cand[nc]))
					nc++;
			} else {
				nc += lower_general(&r, ti, &cand[nc]);
			}
			continue;
		}
		/* Numbers (a few percent of the tokens) nearly never start a
		 * name: the digit table settles most without a hash.  A walk
		 * that reaches one hashes it then. */
		if (t->type == TOK_NUMBER && one_image &&
		    !number_may_start(g, text + t->start, t->end - t->start))
			continue;
		uint64_t h = tok_hash(doc, text, len1, t, ascii);
		if (h != TH_NOFOLD) {
			uint64_t h1 = gaz_hash_chain(GAZ_HASH_SEED, h);
			/* only what the filter pass reads */
			struct start *x = &cand[nc++];
			x->tok = (uint32_t)ti;
			x->hu = h;
			x->h1 = h1;
			/* the start filter's block, tested by the filter pass */
			__builtin_prefetch(&f_start[(h1 >> sh_start) << 3]);
		}
	}
	/* The filter pass: the candidates the start filter lets through, and
	 * where a walk may find a name (most are not: no branch to guess per
	 * start), are the starts (filter_start()). */
	for (size_t k = 0; k < nc; k++)
		ns += filter_start(&r, img0, &cand[k], k + 1 < nc ? &cand[k + 1] : NULL, &starts[ns]);
	/* The walks, each prefetching the entry a walk a few ahead would emit. */
	if (ns && doc_over_budget(doc))
		return doc->error;
	enum { LOOKAHEAD = 4 };
	for (size_t k = 0; k < LOOKAHEAD && k < ns; k++)
		prefetch_entries(g, img0, &starts[k]);
	size_t next_free = 0;  /* first token not inside an emitted name */
	for (size_t k = 0; k < ns; k++) {
		if ((k & 255) == 255 && doc_over_budget(doc))
			return doc->error;
		if (k + LOOKAHEAD < ns)
			prefetch_entries(g, img0, &starts[k + LOOKAHEAD]);
		const struct start *st = &starts[k];
		if (st->tok < next_free)
			continue;
		struct match m;
		match_at(&r, st, &m);
		if (m.units) {
			int rc = emit(g, doc, tokens[st->tok].start, &m);
			if (rc < 0)
				return rc;
			next_free = m.last + 1;
		}
	}
	return 0;
}

const struct extractor ext_gazetteer = {
	.name = "gazetteer",
	.version = "1",
	.load = gaz_ext_load,
	.run = gaz_ext_run,
	.unload = gaz_ext_unload,
	.data_version = gaz_ext_version,
};
