/* ner.c: the named-entity recognizer (person, organization, location).
 *
 * It runs after the gazetteer, money and date extractors, so doc->mentions
 * already holds their hits; it makes the final decision on every name.
 *
 *  1. Token classes.  Each word token gets a row of word statistics (how
 *     often, capitalized, it is inside a name of each type, outside any name,
 *     in lower case: ner-words.tsv) and its hand cue classes (ner-cues.tsv:
 *     title, person verb, organization/location head, connector).  A token is
 *     name-like when it is capitalized and (a) mid-sentence, unless the
 *     statistics say it is capitalized mostly outside names ("Minister",
 *     "June"); (b) sentence-initial, if the statistics say it is mostly a
 *     name, or it is unknown to them ("Japan patches", "Coincheck said",
 *     not "Trailing by"; not a common word before a lower-case word:
 *     "Apple pie is"); (c) in an
 *     ALL-CAPS line (headline, dateline), only if it is known as a name.
 *     Tokens inside date/time/money mentions are not name-like.
 *  2. Candidates.  Runs of name-like tokens, joined over connectors ("of",
 *     "for" after a head word such as University/Bank; "&"; "de", "van",
 *     "bin", ...; any connector inside a gazetteer hit), ended by a
 *     possessive ("Japan's", so "X's Y" gives two names), with leading titles
 *     cut off and recorded as cues ("Defence Minister Gen Nakatani" ->
 *     "Gen Nakatani": a title word that is also a given name and leaves one
 *     more word is kept).  Gazetteer hits outside any run are candidates too.
 *  3. Typing by evidence.  Each candidate gets a log score per class (PER, ORG,
 *     LOC, MISC, NONE) summed from: class priors; the whole name in the
 *     frequent-names table (ner-spans.tsv); the word statistics of its
 *     tokens; gazetteer candidates for the span (types, priors, demonyms,
 *     given names, surnames, titles); title before, person verb after,
 *     organization or location head word last; the word just before and
 *     just after the name (ner-left/right.tsv: "in" -> place, "said" ->
 *     person); and what the article already established: a short form of an
 *     earlier full name ("Nakatani" after "Gen Nakatani", "Mitsubishi" after
 *     "Mitsubishi Heavy Industries"), an acronym defined in parentheses
 *     ("(MHI)"), the same name typed before.  The best class wins; MISC and
 *     NONE emit nothing.  Every piece of evidence becomes an evidence string.
 *  4. Output.  A decision reuses the gazetteer mention of the same span
 *     (keeping its source and link, retyped if needed) or adds a "ner:<cue>"
 *     mention; every other gazetteer name mention it overlaps, and every
 *     gazetteer name it rejected, is marked dropped (the resolver honours
 *     that), and the winner's evidence says what it beat.
 *
 * The statistics are counts derived from a public newswire training corpus
 * by tools/derive-ner-cues.py; nothing here names an entity. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "document.h"
#include "engine.h"
#include "errors.h"
#include "extractor.h"
#include "gazetteer.h"
#include "mention.h"
#include "ner.h"
#include "ner_cues.h"
#include "resolver.h"
#include "tokenizer.h"

#define NER_MAX_SPAN 12     /* tokens in one candidate */
#define NER_MAX_CANDS 16    /* gazetteer candidates looked at per span */
#define NER_MEMORY 256      /* earlier names remembered per article */
#define NER_COUNTRY_NAMES 64 /* country names kept for a lookup on first use */

/* evidence weights (log scale), tuned on held-out newswire */
/* Evidence weights (log scale), tuned by coordinate search on held-out
 * newswire; a build with -DNER_TUNING reads them from $NER_W ("w0,w1,...")
 * so that tools can search them without recompiling. */
#ifdef NER_TUNING
static double ner_w[23] =
#else
static const double ner_w[23] =
#endif
	{1.5, 1.5, 0.5, 0.5, 1.05, 4.05, 2.5, 3.0, 1.5, 1.125, 1.0, 4.0, 3.0, 2.0, 1.0, 3.0, 3.0,
	 1.0, 2.0, 2.5, 1.0, 1.5, 0.25};
#define W_NAMES ner_w[0]
#define W_WORDS ner_w[1]
#define W_UNKNOWN ner_w[2]
#define W_GAZ ner_w[3]
#define W_CTX ner_w[4]
#define W_GIVEN ner_w[5]
#define W_TITLE ner_w[6]
#define W_ORG_HEAD ner_w[7]
#define W_LOC_HEAD ner_w[8]
#define W_NONE ner_w[9]
#define W_COUNTRY ner_w[10]
#define W_TITLE_AFTER ner_w[11]
#define W_DEMONYM ner_w[12]
#define W_TEAM ner_w[13]
#define W_SAME ner_w[14]
#define W_SHORT_PER ner_w[15]
#define W_SHORT_OTHER ner_w[16]
#define W_GAZ_UNKNOWN ner_w[17]
#define W_ORG_FIRST ner_w[18]
#define W_ACRONYM ner_w[19]
#define W_ROLE_LOWER ner_w[20]
#define W_APPOS ner_w[21]
#define W_SUFFIX ner_w[22]

/* What the gazetteer candidates of a span add to its scoring
 * (gaz_effect_of(), gaz_evidence()). */
struct gaz_effect {
	double add[NER__COUNT];  /* added to the scores (has_mass) */
	const char *glist;       /* the first list of a scored kind, or NULL */
	uint16_t locmask;        /* the place entries: bit k for candidate k */
	int8_t link[2];          /* the person and organization entries to link, or -1 */
	bool has_mass, demonym, country, town;
} __attribute__((aligned(64)));  /* (one line: see hot_copy()) */

_Static_assert(sizeof(struct gaz_effect) == 64, "an effect is one cache line");

_Static_assert(NER_MAX_CANDS <= 16, "gaz_effect.locmask has a bit per candidate");

struct ner_state {
	const struct gazetteer *gaz;  /* borrowed from the gazetteer extractor */
	struct ner_cues *cues;
	double log_prior[NER__COUNT];  /* log of class_prior[] */
	double exp_tab[64];            /* 2^(j / 64), for fast_exp() */
	double gaz_log0[NER__COUNT];   /* fast_log(0.2 * class_prior[t]) (score_span()) */
	uint64_t h_num, h_bol, h_eol;  /* ner_hash() of "<num>", "<bol>", "<eol>" */
	/* line_facts() by lf_index(): a token's struct tinfo bytes [8, 16)
	 * and [16, 24) (lf_tail, the same for all), what it adds to the
	 * counts (lf_make()) */
	uint64_t lf_mid[32], lf_inc[32], lf_inc2[32], lf_tail;
	/* per position (wlog_variant(): sentence initial, in an ALL-CAPS
	 * line) and row of the word table, what scoring reads for a known word
	 * (struct word_row) */
	struct word_row *word_rows[4];
	/* country_code() answers made at load for the country entries the
	 * cue words name, by canonical name pointer (sorted) */
	struct country_cc *ccs;
	size_t nccs;
	/* per row of the word table, the gazetteer candidates of the word
	 * alone, made at load (word_gaz_make()); only while loading: then
	 * copied into word_rows[] */
	struct word_gaz *wgaz;
	struct gaz_candidate *wg_cand;  /* their candidates, in lookup order */
	uint8_t *wg_ok;                 /* per candidate: case_ok, bit WG_<case> */
	size_t nwg_cand;
	struct gaz_effect *wg_eff;      /* per word, WG__COUNT: their effect in each case */
	struct cand_cc *wg_cc;          /* per candidate: its country code */
	size_t nwg_eff;
	/* per word that is also a frequent name of one word (a names table
	 * row), WG__COUNT: its effect in each case (wg_eff[]), with add[]
	 * the whole score a one-word candidate of it has after its gazetteer
	 * evidence (name_fast()); indexed by struct name_gaz's fast - 1 */
	struct gaz_effect *nm_eff;
};

/* What gaz_lookup_tokens() answers for one capitalized word depends on its
 * folded text, which the word table row stands for, and on its case only
 * through case_ok, in one of three ways: capitalized mid-sentence (a common
 * word's entry fits), capitalized at a sentence start (it does not), all
 * caps.  A one-word candidate is mostly a word of the table, so the answers
 * are made at load for each word and case: scoring it then reads them in
 * place of a lookup in the gazetteer image (hashing, filter, slot, entries,
 * priors, sort: the largest part of scoring a one-word name). */
enum { WG_CAP, WG_CAP_INITIAL, WG_ALLCAPS, WG__COUNT };

#define WG_SET 0x01        /* (struct word_gaz set) made at load */
#define WG_POSS_SAME 0x04  /* the word with "'s" gets the same answers (poss_gaz_check()) */

struct word_gaz {
	uint32_t first;  /* index of its first candidate in wg_cand / wg_ok */
	uint32_t eff;    /* index of its first effect (case WG_CAP) in wg_eff */
	uint16_t total;  /* what gaz_lookup_tokens() returns (NER_MAX_CANDS at most are kept) */
	uint8_t set;     /* made at load (WG_SET, and WG_POSS_SAME) */
};

/* What scoring reads for a known word at one position, in one cache line:
 * its log terms (score_span()) and, the same at every position, the
 * gazetteer's answers for the word alone (gaz_evidence()).  The candidates'
 * words are mostly names, each in few documents, so these rows are not in
 * the cache: as separate 40-byte rows of log terms (half of them across two
 * lines) and 12-byte rows of answers they took two to three misses a word. */
struct word_row {
	double lg[NER__COUNT];
	struct word_gaz g;
} __attribute__((aligned(64)));

_Static_assert(sizeof(struct word_row) == 64, "a word row is one cache line");

/* What the names table row of a word that is a frequent name holds in its
 * 16 bytes of the caller's (ner_cues_wide_user()): the word's gazetteer
 * answers (scoring reads the names row in place of the word row), and
 * fast: 0, or 1 + the index of its first effect in st->nm_eff. */
struct name_gaz {
	struct word_gaz g;
	uint32_t fast;
};

/* What the names table row of a frequent name of several words holds in
 * its 16 bytes of the caller's: the gazetteer's answers for it made at load
 * (multi_gaz_make()), in three cases like a word's (WG_*: every word
 * capitalized mid-sentence, the same at a sentence start, every word all
 * caps), and the shape a span must have for them to be its answers (ntok
 * words starting at the bytes of starts).  set tells the two apart. */
#define NAME_MULTI 2  /* struct name_multi (a word's g.set is WG_SET with other bits, never this) */
#define NAME_MULTI_LEN 32  /* bytes of a name with answers made at load, at most */
struct name_multi {
	uint32_t first;   /* its first candidate in wg_cand / wg_ok / wg_cc */
	uint32_t eff;     /* its first effect (case WG_CAP) in wg_eff */
	uint16_t total;   /* what gaz_lookup_tokens() returns (NER_MAX_CANDS at most are kept) */
	uint8_t set;      /* NAME_MULTI */
	uint8_t ntok;     /* its tokens */
	uint32_t starts;  /* bit k: a token starts k bytes into the (folded) name */
};

_Static_assert(offsetof(struct name_multi, set) == offsetof(struct name_gaz, g.set) &&
               sizeof(struct name_multi) == sizeof(struct name_gaz),
               "a names row's answers are told apart by set");
_Static_assert(!(NAME_MULTI & WG_SET), "a word's set has WG_SET, a name_multi's has not");

/* The "cc" attribute of a load-time candidate (st->wg_cc), read at load:
 * in_article_country() read it from the candidate's attributes in the
 * gazetteer image, a line the cache mostly does not hold. */
struct cand_cc {
	char cc[2];
	bool has;  /* a two-letter "cc" */
};

struct country_cc {
	const char *canonical;  /* points into the gazetteer image */
	char cc[2];
	bool has;               /* false: the lookup gives no country code */
};

/* What namelike() takes from a known word's counts, as bits of its word
 * table entry made at load (word_flags()), so that no probe reads the
 * counts: the word is mostly seen in names in an ALL-CAPS line, or at a
 * sentence start; it was seen in names fewer than 20 times; mid-sentence it
 * is capitalized outside names at most 3 times as often as in them (+2). */
#define WF_HEADLINE_NAME 0x02
#define WF_INITIAL_NAME 0x04
#define WF_FEW_NAMES 0x08
#define WF_MID_NAME 0x10
_Static_assert(((WF_HEADLINE_NAME | WF_INITIAL_NAME | WF_FEW_NAMES | WF_MID_NAME) &
                ~NW_USER_FLAGS) == 0, "the word flags are the caller's bits of an entry");

/* Per-token facts, computed once per document.  24 bytes (the flags are
 * bits): the array is written whole for every token of every document, in
 * memory the cache does not hold, and read all over by the later passes. */
struct tinfo {
	uint64_t h;                  /* ner_hash of the folded token, 0 = not computed yet */
	uint16_t kinds_any, kinds_ok; /* tok_kinds() cache */
	uint16_t wrow;               /* the word's ner-words row (when known) */
	uint16_t kinds_done : 1;     /* both known */
	uint16_t kinds_pre : 1;      /* kinds_any known from load (word_kinds()) */
	uint16_t namelike : 1;
	uint16_t initial : 1;        /* sentence/line initial position (capitalized words only) */
	uint16_t headline : 1;       /* in an ALL-CAPS line */
	uint16_t blocked : 1;        /* inside a date/time/number mention */
	uint16_t word : 1;           /* a word with a letter */
	uint16_t cap : 1;            /* TF_CAP or TF_ALLCAPS */
	uint16_t row : 1;            /* in a line with at least two numbers and few words */
	int32_t gaz;                 /* index of the gazetteer name mention starting here, -1 */
	uint8_t cls;                 /* NCC_* bits */
	uint8_t wfl;                 /* a capitalized word's entry flags: NW_ROW (known to the
	                              * statistics: wrow is its row), WF_* */
	uint16_t gend;               /* gaz >= 0: the token the name ends before, minus this
	                              * one's index (gaz_end()); 0: not kept, search */
};

_Static_assert(sizeof(struct tinfo) == 24, "token facts of 24 bytes");

/* Does the word table have a statistics row for token x (a capitalized word)? */
static inline bool tk_known(const struct tinfo *x)
{
	return x->wfl & NW_ROW;
}

/* An earlier decision, for short forms and acronyms. */
struct memo {
	uint64_t full;      /* hash of the folded full name */
	/* what a one-word short form of it matches: the hash of a person's
	 * last word, of another name's first word; 0 (no hash) for a name of
	 * one word, which has no short form.  (One field, not the first and
	 * the last word: each type reads only one of them.) */
	uint64_t part;
	uint64_t acronym;   /* hash of an acronym defined right after it, 0 */
	uint8_t type;       /* NER_PER/ORG/LOC */
	uint8_t ntok;
};

/* zero bytes past the end of ner_ctx.start[]: ner_run()'s scan reads that
 * many at a time */
#define NER_START_PAD 32

struct ner_ctx {
	const struct ner_state *st;
	struct document *doc;
	struct tinfo *ti;
	uint32_t *caps;             /* the capitalized words (ti[].cap), in order */
	uint8_t *start;             /* per token (nt + NER_START_PAD bytes): name-like, or a gazetteer
	                             * name starts there (ti[].namelike || ti[].gaz >= 0) */
	size_t ncaps;
	size_t nmemo;
	size_t ngaz;                /* gazetteer name mentions (indices < this) */
	uint8_t *gaz_used;          /* per mention index: reused or considered */
	uint8_t *gname;             /* per mention index (< ngaz): is_gaz_name() */
	char cc[16][3];             /* countries the article names (ISO codes) */
	size_t ncc;
	size_t span_a, span_b;      /* span_hash() of the last span asked for */
	uint64_t span_h;
	uint64_t sprow_h;           /* span_row(): the last hash asked for (0: none) */
	const struct ner_wide *sprow;
	/* bit (h >> 54) set for every full-name hash of a memo (memo_full)
	 * and for the hashes only a one-word candidate can match (memo_one:
	 * acronyms, zeros included; a multi-word person's last word, a
	 * multi-word other name's first word): a candidate whose hashes are
	 * clear in them matches no memo, so the scan is skipped */
	uint64_t memo_full[16];
	uint64_t memo_one[16];
	size_t ncountry_names;
	bool countries_done;
	/* from here on not zeroed (ner_run()): only [0, n) is read */
	/* canonical names of the country mentions, looked up into cc[] on
	 * the first use (article_countries()) */
	const char *country_names[NER_COUNTRY_NAMES];
	struct memo memo[NER_MEMORY];
};

static inline void memo_mark(uint64_t *bits, uint64_t h)
{
	bits[h >> 60] |= 1ull << ((h >> 54) & 63);
}

static inline bool memo_maybe(const uint64_t *bits, uint64_t h)
{
	return (bits[h >> 60] >> ((h >> 54) & 63)) & 1;
}

/* the cues that make a decision strong whatever its probability (emit()
 * tests the pointers) */
static const char cue_title[] = "ner:title";
static const char cue_org_head[] = "ner:org-head";

static const double class_prior[NER__COUNT] = {0.26, 0.25, 0.28, 0.13, 0.08};
static const char *const class_name[NER__COUNT] = {"per", "org", "loc", "misc", "none"};
static const enum mention_type class_type[3] = {MT_PERSON, MT_ORGANIZATION, MT_LOCATION};

/* ---- load ---- */

static int row_logs(struct ner_state *st);
static inline double fast_log(double x);
static void lf_make(struct ner_state *st);
static int word_kinds(struct ner_state *st);

static void ner_unload(void *state)
{
	struct ner_state *st = state;
	if (!st)
		return;
	for (int v = 0; v < 4; v++)
		ner_cues_hot_free(st->cues, st->word_rows[v]);
	free(st->ccs);
	free(st->wgaz);
	ner_cues_hot_free(st->cues, st->wg_cand);
	free(st->wg_ok);
	ner_cues_hot_free(st->cues, st->wg_eff);
	ner_cues_hot_free(st->cues, st->wg_cc);
	ner_cues_hot_free(st->cues, st->nm_eff);
	ner_cues_free(st->cues);
	free(st);
}

/* At load: namelike()'s tests on the counts of every ner-words row, as
 * flag bits of the row's word table entry (WF_*). */
static void word_flags(struct ner_state *st)
{
	for (size_t r = 0; r < ner_cues_nrows(st->cues, NT_WORDS); r++) {
		const struct ner_counts *w = ner_cues_row(st->cues, NT_WORDS, r);
		uint32_t ent = (uint32_t)w->c[NC_PER] + (uint32_t)w->c[NC_ORG] +
		               (uint32_t)w->c[NC_LOC] + (uint32_t)w->c[NC_MISC];
		uint32_t other = w->c[NC_CAP_OTHER], initial = w->c[NC_CAP_INITIAL],
		         lower = w->c[NC_LOWER];
		unsigned f = 0;
		if (ent > 0 && ent >= other + initial + lower)
			f |= WF_HEADLINE_NAME;
		if (ent > 0 && ent * 2 >= initial + lower)
			f |= WF_INITIAL_NAME;
		if (ent < 20)
			f |= WF_FEW_NAMES;
		if (other <= 3 * ent + 2)
			f |= WF_MID_NAME;
		ner_cues_set_row_flags(st->cues, r, f);
	}
}

/* At load: the array *p of n bytes (from malloc) moved into the tables'
 * huge-page region, 64-byte aligned.  The load-time candidates and effects
 * (64 bytes each) were at malloc's 16-byte alignment, so that most took two
 * cache lines, in pages of their own. */
static int hot_copy(struct ner_state *st, void **p, size_t n)
{
	void *q = ner_cues_hot_alloc(st->cues, n ? n : 1);
	if (!q)
		return -1;
	if (n)
		memcpy(q, *p, n);
	free(*p);
	*p = q;
	return 0;
}

/* At load: for a word that is a frequent name of one word (names row sp)
 * and has gazetteer answers made at load (g, with candidates), its effect
 * in each case WG_* (st->wg_eff) with add[] replaced by the whole score a
 * one-word candidate of it has once its gazetteer evidence is added
 * (score_span(): the priors, "none", the names row's log terms, the
 * demonym, the gazetteer mass), summed in the same order, so that the same
 * doubles come out (name_fast()). */
static void name_effects(const struct ner_state *st, const struct ner_wide *sp,
                         const struct word_gaz *g, struct gaz_effect out[WG__COUNT])
{
	for (int k = 0; k < WG__COUNT; k++) {
		out[k] = st->wg_eff[g->eff + k];
		double sum[NER__COUNT];
		for (int t = 0; t < NER__COUNT; t++)
			sum[t] = st->log_prior[t];
		sum[NER_NONE] += W_NONE;
		for (int t = 0; t < NER__COUNT; t++)
			sum[t] += W_NAMES * sp->x[t];
		if (out[k].demonym)
			sum[NER_MISC] += W_DEMONYM;
		if (out[k].has_mass)
			for (int t = 0; t < NER__COUNT; t++)
				sum[t] += out[k].add[t];
		memcpy(out[k].add, sum, sizeof(sum));
	}
}

static int ner_load(const struct engine_config *cfg, void **state, char *err, size_t errlen)
{
	struct ner_state *st = calloc(1, sizeof(*st));
#ifdef NER_TUNING
	if (getenv("NER_W")) {
		char *p = getenv("NER_W");
		for (int i = 0; i < 23 && *p; i++) {
			ner_w[i] = strtod(p, &p);
			if (*p == ',')
				p++;
		}
	}
#endif
	if (!st)
		return -EXT_E_NOMEM;
	/* the gazetteer extractor's loaded state (earlier in extractor_table, so
	 * loaded before and unloaded after this one): no second mapping and
	 * checksum of the image, no second compile of the extra directories */
	st->gaz = engine_peer_state(cfg, "gazetteer");
	if (!st->gaz)
		snprintf(err, errlen, "the gazetteer extractor is not loaded");
	else
		st->cues = ner_cues_new(err, errlen);
	if (!st->gaz || !st->cues) {
		ner_unload(st);
		return -EXT_E_BAD_DATA;
	}
	for (int t = 0; t < NER__COUNT; t++)
		st->log_prior[t] = log(class_prior[t]);
	for (int j = 0; j < (int)(sizeof(st->exp_tab) / sizeof(st->exp_tab[0])); j++)
		st->exp_tab[j] = exp2(j / 64.0);
	for (int t = 0; t < NER__COUNT; t++)
		st->gaz_log0[t] = fast_log(0.2 * class_prior[t]);
	lf_make(st);
	st->h_num = ner_hash("<num>", 5);
	st->h_bol = ner_hash("<bol>", 5);
	st->h_eol = ner_hash("<eol>", 5);
	if (ner_cues_nrows(st->cues, NT_WORDS) > UINT16_MAX) {
		/* (struct tinfo keeps a word's row in 16 bits) */
		snprintf(err, errlen, "ner-words: more than %u rows", UINT16_MAX);
		ner_unload(st);
		return -EXT_E_BAD_DATA;
	}
	if (row_logs(st) < 0 || word_kinds(st) < 0) {
		snprintf(err, errlen, "out of memory");
		ner_unload(st);
		return -EXT_E_NOMEM;
	}
	if (hot_copy(st, (void **)&st->wg_cand, st->nwg_cand * sizeof(*st->wg_cand)) < 0 ||
	    hot_copy(st, (void **)&st->wg_eff, st->nwg_eff * sizeof(*st->wg_eff)) < 0) {
		snprintf(err, errlen, "out of memory");
		ner_unload(st);
		return -EXT_E_NOMEM;
	}
	word_flags(st);
	st->wg_cc = ner_cues_hot_alloc(st->cues, (st->nwg_cand + 1) * sizeof(*st->wg_cc));
	if (!st->wg_cc) {
		snprintf(err, errlen, "out of memory");
		ner_unload(st);
		return -EXT_E_NOMEM;
	}
	for (size_t k = 0; k < st->nwg_cand; k++) {
		const char *v;
		size_t vl;
		if (gaz_attr(st->wg_cand[k].attrs, "cc", &v, &vl) && vl == 2)
			st->wg_cc[k] = (struct cand_cc){{v[0], v[1]}, true};
	}
	/* (the gazetteer's answers into the rows scoring reads: the word rows,
	 * and the names table row of a word that is a frequent name, which
	 * scoring reads in place of the word row: gaz_evidence()) */
	_Static_assert(sizeof(struct name_gaz) <= sizeof(((struct ner_wide *)0)->user),
	               "a word's gazetteer answers fit in a names row");
	size_t nnames = 0;
	for (size_t r = 0; r < ner_cues_nrows(st->cues, NT_WORDS); r++)
		nnames += st->wgaz[r].set && st->wgaz[r].total &&
		          ner_cues_wide_user(st->cues, NT_SPANS, ner_cues_row_key(st->cues, NT_WORDS, r));
	st->nm_eff = ner_cues_hot_alloc(st->cues, (nnames * WG__COUNT + 1) * sizeof(*st->nm_eff));
	if (!st->nm_eff) {
		snprintf(err, errlen, "out of memory");
		ner_unload(st);
		return -EXT_E_NOMEM;
	}
	nnames = 0;
	for (size_t r = 0; r < ner_cues_nrows(st->cues, NT_WORDS); r++) {
		for (int v = 0; v < 4; v++)
			st->word_rows[v][r].g = st->wgaz[r];
		uint64_t key = ner_cues_row_key(st->cues, NT_WORDS, r);
		uint8_t *u = st->wgaz[r].set ? ner_cues_wide_user(st->cues, NT_SPANS, key) : NULL;
		if (!u)
			continue;
		struct name_gaz ng = {.g = st->wgaz[r]};
		if (ng.g.total) {
			ng.fast = (uint32_t)(nnames * WG__COUNT + 1);
			name_effects(st, ner_cues_get_wide(st->cues, NT_SPANS, key), &ng.g,
			             &st->nm_eff[nnames * WG__COUNT]);
			nnames++;
		}
		memcpy(u, &ng, sizeof(ng));
	}
	free(st->wgaz);
	st->wgaz = NULL;
	*state = st;
	return 0;
}

/* ---- token facts ---- */

/* The country code of the entry a country's canonical name names: the first
 * candidate of the countries list with a two-letter "cc". */
static void lookup_country(const struct gazetteer *gaz, const char *name, struct country_cc *out)
{
	struct gaz_candidate cand[8];
	size_t n = gaz_lookup(gaz, name, strlen(name), cand, 8);
	out->canonical = name;
	out->has = false;
	for (size_t j = 0; j < n && j < 8; j++) {
		const char *v;
		size_t vl;
		if (strcmp(cand[j].list, "countries") || !gaz_attr(cand[j].attrs, "cc", &v, &vl) ||
		    vl != 2)
			continue;
		memcpy(out->cc, v, 2);
		out->has = true;
		return;
	}
}

static int cc_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct country_cc *)a)->canonical;
	uintptr_t y = (uintptr_t)((const struct country_cc *)b)->canonical;
	return x < y ? -1 : x > y;
}

/* At load: lookup_country() of the country entries that the cue words
 * with a place among their gazetteer kinds name (an article's countries
 * are then mostly answered without a lookup). */
static int country_codes(struct ner_state *st, const char *word, size_t n, size_t *cap)
{
	struct gaz_candidate cand[8];
	size_t nc = gaz_lookup(st->gaz, word, n, cand, 8);
	for (size_t j = 0; j < nc && j < 8; j++) {
		if (strcmp(cand[j].list, "countries"))
			continue;
		bool again = false;
		for (size_t q = 0; q < st->nccs && !again; q++)
			again = st->ccs[q].canonical == cand[j].canonical;
		if (again)
			continue;
		if (st->nccs == *cap) {
			size_t nc2 = *cap ? *cap * 2 : 64;
			struct country_cc *v = realloc(st->ccs, nc2 * sizeof(*v));
			if (!v)
				return -1;
			st->ccs = v;
			*cap = nc2;
		}
		lookup_country(st->gaz, cand[j].canonical, &st->ccs[st->nccs++]);
	}
	return 0;
}

/* Does token i end like a possessive ("'s", "’s"), which the folded key
 * cuts and the gazetteer does not? */
static inline bool possessive_shape(const struct document *doc, size_t i)
{
	const struct token *t = &doc->tokens[i];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	if (t->flags & TF_POSSESSIVE)
		return true;
	if (n > 2 && (s[n - 1] | 0x20) == 's' && s[n - 2] == '\'')
		return true;
	return n > 4 && (s[n - 1] | 0x20) == 's' && !memcmp(s + n - 4, "\xe2\x80\x99", 3);
}

/* Bit of the value word_kinds() stores with a word of the cue tables: the
 * other bits are its gazetteer kinds (gaz_token_kinds() "any"). */
#define WK_KNOWN 0x8000u

#define KIND(k) (1u << GAZ_KIND_##k)
/* the kinds score_span() takes evidence from */
#define SCORED_KINDS (KIND(PERSON) | KIND(ORGANIZATION) | KIND(LOCATION) | KIND(DEMONYM) | \
                      KIND(GIVEN_NAME) | KIND(SURNAME) | KIND(TITLE))

/* The effect of the gazetteer candidates cand[0, nc) of a span of n tokens
 * on its scoring: case_ok is okv[k] bit okcase, or cand[k].case_ok when okv
 * is NULL; none_known: the statistics know none of the span's words.  The
 * sums are made in the order gaz_evidence() adds them. */
static void gaz_effect_of(const struct ner_state *st, const struct gaz_candidate *cand,
                          size_t nc, const uint8_t *okv, unsigned okcase, size_t n,
                          bool none_known, struct gaz_effect *ef)
{
	*ef = (struct gaz_effect){.link = {-1, -1}};
	double mass[NER__COUNT] = {0}, tot = 0;
	for (size_t k = 0; k < nc && k < NER_MAX_CANDS; k++) {
		if (!(okv ? (okv[k] >> okcase) & 1 : cand[k].case_ok))
			continue;
		int t = -1;
		double f = 1.0;
		switch (cand[k].kind) {
		case GAZ_KIND_PERSON: t = NER_PER; break;
		case GAZ_KIND_ORGANIZATION: t = NER_ORG; break;
		case GAZ_KIND_LOCATION: t = NER_LOC; break;
		case GAZ_KIND_DEMONYM:
			/* "Lithuanian", "Japanese": not places, whatever else they match */
			t = NER_MISC;
			f = 2.0;
			if (n == 1)
				ef->demonym = true;
			break;
		case GAZ_KIND_GIVEN_NAME:
		case GAZ_KIND_SURNAME: t = NER_PER; f = n == 1 ? 0.4 : 0.2; break;
		case GAZ_KIND_TITLE: t = NER_NONE; f = 0.5; break;
		default: break;
		}
		if (t < 0)
			continue;
		if (!ef->glist && t != NER_NONE)
			ef->glist = cand[k].list;
		if (t == NER_LOC && cand[k].kind <= GAZ_KIND_PERSON) {
			ef->locmask |= (uint16_t)(1u << k);
		} else if (t < NER_LOC && cand[k].kind <= GAZ_KIND_PERSON && ef->link[t] < 0) {
			/* best prior first */
			ef->link[t] = (int8_t)k;
		}
		if (cand[k].kind == GAZ_KIND_LOCATION && cand[k].type[0] == 'c' &&
		    !strcmp(cand[k].type, "country")) {
			ef->country = true;
			if (cand[k].prior > 0.5)
				mass[NER_LOC] += W_COUNTRY;
		} else if (cand[k].kind == GAZ_KIND_LOCATION) {
			ef->town = true;
		}
		mass[t] += f * (cand[k].prior > 0.05 ? cand[k].prior : 0.05);
		tot += f * (cand[k].prior > 0.05 ? cand[k].prior : 0.05);
	}
	if (tot > 0) {
		ef->has_mass = true;
		/* the lists count for more when the statistics know none of the words */
		double wg = W_GAZ + (none_known ? W_GAZ_UNKNOWN : 0);
		/* (a class without mass takes fast_log(0.2 * prior), made at load) */
		for (int t = 0; t < NER__COUNT; t++)
			ef->add[t] = wg * (mass[t] > 0 ? fast_log(0.8 * mass[t] / tot + 0.2 * class_prior[t])
			                               : st->gaz_log0[t]);
	}
}

/* At load: room for n more load-time candidates and neff more effects
 * (cap, ecap: the allocated lengths of st->wg_cand, st->wg_eff). */
static int wg_reserve(struct ner_state *st, size_t n, size_t neff, size_t *cap, size_t *ecap)
{
	if (st->nwg_cand + n > *cap) {
		size_t nc = *cap ? *cap * 2 : 4096;
		while (nc < st->nwg_cand + n)
			nc *= 2;
		struct gaz_candidate *vc = realloc(st->wg_cand, nc * sizeof(*vc));
		if (vc)
			st->wg_cand = vc;
		uint8_t *vo = realloc(st->wg_ok, nc);
		if (vo)
			st->wg_ok = vo;
		if (!vc || !vo)
			return -1;
		*cap = nc;
	}
	if (st->nwg_eff + neff > *ecap) {
		size_t ne = *ecap ? *ecap * 2 : 1024 * WG__COUNT;
		while (ne < st->nwg_eff + neff)
			ne *= 2;
		/* (not realloc(): an effect is 64-byte aligned) */
		struct gaz_effect *ve = aligned_alloc(64, ne * sizeof(*ve));
		if (!ve)
			return -1;
		if (st->nwg_eff)
			memcpy(ve, st->wg_eff, st->nwg_eff * sizeof(*ve));
		free(st->wg_eff);
		st->wg_eff = ve;
		*ecap = ne;
	}
	return 0;
}

/* At load: the gazetteer's candidates for token i of the word document
 * (folded word h), written in each case (struct word_gaz), and their
 * effect on scoring in each case, if h has a row in the word table (cap,
 * ecap: the allocated lengths of st->wg_cand, st->wg_eff).  The three lookups must give the same entries in the
 * same order (case only decides case_ok); if not, the word is left to the
 * lookup at run time. */
static int word_gaz_make(struct ner_state *st, struct document *doc, size_t i, uint64_t h,
                         size_t *cap, size_t *ecap)
{
	static const uint16_t case_flags[WG__COUNT] = {TF_CAP, TF_CAP | TF_SENT_START, TF_ALLCAPS};
	const struct ner_word *we = ner_cues_word_find(st->cues, h);
	if (!we || !(we->flags & NW_ROW) || st->wgaz[we->row].set)
		return 0;
	size_t row = we->row;
	struct gaz_candidate cand[WG__COUNT][NER_MAX_CANDS];
	size_t total[WG__COUNT];
	uint16_t f0 = doc->tokens[i].flags;
	for (int v = 0; v < WG__COUNT; v++) {
		doc->tokens[i].flags = (uint16_t)((f0 & ~(TF_CAP | TF_ALLCAPS | TF_LOWER | TF_SENT_START)) |
		                                  case_flags[v]);
		total[v] = gaz_lookup_tokens(st->gaz, doc, i, i + 1, cand[v], NER_MAX_CANDS);
	}
	doc->tokens[i].flags = f0;
	size_t n = total[0] < NER_MAX_CANDS ? total[0] : NER_MAX_CANDS;
	if (total[0] > UINT16_MAX)
		return 0;
	for (int v = 1; v < WG__COUNT; v++) {
		if (total[v] != total[0])
			return 0;
		for (size_t k = 0; k < n; k++)
			if (cand[v][k].canonical != cand[0][k].canonical ||
			    cand[v][k].list != cand[0][k].list || cand[v][k].kb_id != cand[0][k].kb_id ||
			    cand[v][k].prior != cand[0][k].prior)
				return 0;
	}
	if (wg_reserve(st, n, WG__COUNT, cap, ecap) < 0)
		return -1;
	for (size_t k = 0; k < n; k++) {
		uint8_t ok = 0;
		for (int v = 0; v < WG__COUNT; v++)
			ok |= (uint8_t)(cand[v][k].case_ok << v);
		st->wg_cand[st->nwg_cand + k] = cand[0][k];
		st->wg_ok[st->nwg_cand + k] = ok;
	}
	/* a capitalized word of the table is known to the statistics: its
	 * effect is the one scoring makes with none_known false */
	for (int v = 0; v < WG__COUNT; v++)
		gaz_effect_of(st, st->wg_cand + st->nwg_cand, total[0], st->wg_ok + st->nwg_cand,
		              (unsigned)v, 1, false, &st->wg_eff[st->nwg_eff + v]);
	st->wgaz[row] = (struct word_gaz){(uint32_t)st->nwg_cand, (uint32_t)st->nwg_eff,
	                                  (uint16_t)total[0], WG_SET};
	st->nwg_cand += n;
	st->nwg_eff += WG__COUNT;
	return 0;
}

/* At load: the gazetteer kinds of every word of ner-words and ner-cues, as
 * gaz_token_kinds() gives them for the word alone (any case: they depend on
 * the folded text only), stored with the word, so that the document's
 * capitalized words that have them need no lookup for them.  One document
 * holds the words, one a line; a word that is not one word token there is
 * left out (and looked up at run time). */
struct wk {
	uint32_t off, len;
	uint64_t h;
	uint64_t rank;  /* the word table row (most frequent first), then the line */
};

static int wk_cmp(const void *pa, const void *pb)
{
	const struct wk *a = pa, *b = pb;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

static bool suffix_logs(const struct ner_ctx *c, size_t i, double lg[NER__COUNT]);

/* Word statistics: a word's log terms lg, weighted wt, into the sums wsum
 * and the weight kw (score_span() and multi_base() add in the same order,
 * so that the same doubles come out). */
static inline void word_stat_add(double wsum[NER__COUNT], double *kw, const double *lg, double wt)
{
	for (int t = 0; t < NER__COUNT; t++)
		wsum[t] += wt * lg[t];
	*kw += wt;
}
static inline int wlog_variant(const struct tinfo *x);

/* At load: for the frequent name of several words at tokens [i0,i1) of
 * lc's document (names row sp; its effects eff[0, WG__COUNT) made), the
 * score a candidate of it has in case WG_CAP with every token at position
 * 0 (not initial, not in a headline) once its gazetteer evidence is added
 * (eff[WG__COUNT]: that effect with add[] the score) and without
 * gazetteer evidence (eff[WG__COUNT + 1].add): score_span()'s sums in its
 * order (the priors, "none", the names row's terms, the word statistics
 * averaged over its words, known or by their ending, the unknown words'
 * term, the gazetteer mass), so that the same doubles come out
 * (multi_fast()). */
static void multi_base(const struct ner_state *st, const struct ner_ctx *lc, size_t i0,
                       size_t i1, const struct ner_wide *sp, const struct gaz_effect *ef,
                       struct gaz_effect out[2])
{
	const struct document *doc = lc->doc;
	size_t n = i1 - i0;
	double sum[NER__COUNT];
	for (int t = 0; t < NER__COUNT; t++)
		sum[t] = st->log_prior[t];
	sum[NER_NONE] += W_NONE;
	double wsum[NER__COUNT] = {0};
	int unknown = 0;
	double kw = 0;
	for (size_t i = i0; i < i1; i++) {
		const struct token *t = &doc->tokens[i];
		const struct ner_word *e =
			ner_cues_word_find(st->cues, ner_hash(doc->text + t->start, t->end - t->start));
		if (e && (e->flags & NW_ROW)) {
			word_stat_add(wsum, &kw, st->word_rows[wlog_variant(&lc->ti[i])][e->row].lg, 1.0);
			continue;
		}
		unknown++;
		double lg[NER__COUNT];
		if (!suffix_logs(lc, i, lg))
			continue;
		word_stat_add(wsum, &kw, lg, W_SUFFIX);
	}
	for (int t = 0; t < NER__COUNT; t++)
		sum[t] += W_NAMES * sp->x[t];
	if (kw > 0)
		for (int t = 0; t < NER__COUNT; t++)
			sum[t] += W_WORDS * wsum[t] / kw;
	if (unknown)
		sum[NER_NONE] -= W_UNKNOWN * unknown / n;
	out[1] = *ef;
	memcpy(out[1].add, sum, sizeof(sum));
	/* (the demonym's term is for one word only) */
	if (ef->has_mass)
		for (int t = 0; t < NER__COUNT; t++)
			sum[t] += ef->add[t];
	out[0] = *ef;
	memcpy(out[0].add, sum, sizeof(sum));
}

/* One line of a cue list's text from *p (at most end): its first column
 * (up to the tab) folded into key, cap bytes; *p moves past the line.
 * Returns the key's length, 0 for a line with no tab or a key that does not
 * fold into cap. */
static size_t blob_line_key(const char **p, const char *end, char *key, size_t cap)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	const char *le = nl ? nl : end;
	const char *tab = memchr(*p, '\t', (size_t)(le - *p));
	size_t kn = tab ? ner_fold(*p, (size_t)(tab - *p), key, cap) : 0;
	*p = le + 1;
	return kn;
}

/* At load: the gazetteer's answers for the frequent names of several words
 * (ner-spans), in each case WG_*, into their names rows (struct
 * name_multi): such a span is mostly a name the gazetteer extractor
 * started a hit at, and scoring looked it up (gaz_lookup_tokens():
 * hashing, filter, slot, entries, priors, sort) every time.  What the
 * lookup reads of a span's tokens is their folded text and hashes (the
 * same for the same name and the same tokens: multi_case() checks the
 * token starts), their case (capitalized, all caps, the first one's common
 * word test: one of the three cases, or no answer made at load) and
 * possessives (none).  A name whose three answers differ in anything but
 * case_ok, or with other tokens than words, is left to the lookup. */
static int multi_gaz_make(struct ner_state *st, struct arena *ar, size_t *cap, size_t *ecap)
{
	size_t tcap = 0;
	for (const struct ner_cue_blob *b = ner_cue_blobs; b->name; b++)
		if (!strcmp(b->name, "ner-spans"))
			tcap += b->len + 1;
	char *text = malloc(tcap + 1);
	uint32_t *off = malloc((tcap / 2 + 1) * sizeof(*off));
	struct ner_ctx *lc = NULL;
	int rc = -1;
	if (!text || !off)
		goto out;
	size_t tl = 0, nn = 0;
	for (const struct ner_cue_blob *b = ner_cue_blobs; b->name; b++) {
		if (strcmp(b->name, "ner-spans"))
			continue;
		for (const char *p = b->text, *end = b->text + b->len; p < end;) {
			char key[256];
			size_t kn = blob_line_key(&p, end, key, sizeof(key));
			if (kn && kn <= NAME_MULTI_LEN && memchr(key, ' ', kn) && tl + kn + 1 <= tcap) {
				off[nn++] = (uint32_t)tl;
				memcpy(text + tl, key, kn);
				tl += kn;
				text[tl++] = '\n';
			}
		}
	}
	int err;
	size_t bad;
	struct document *doc = doc_new(ar, text, tl, &err, &bad);
	if (!doc || tok_document(doc))
		goto out;
	/* (a context for suffix_logs() on this document: its tokens at
	 * position 0, not initial, not in a headline) */
	lc = calloc(1, sizeof(*lc));
	if (!lc || !(lc->ti = calloc(doc->ntokens + 1, sizeof(*lc->ti))))
		goto out;
	lc->st = st;
	lc->doc = doc;
	static const uint16_t first_flags[WG__COUNT] = {TF_CAP, TF_CAP | TF_SENT_START, TF_ALLCAPS};
	static const uint16_t rest_flags[WG__COUNT] = {TF_CAP, TF_CAP, TF_ALLCAPS};
	const uint16_t case_bits = TF_CAP | TF_ALLCAPS | TF_LOWER | TF_SENT_START;
	for (size_t k = 0; k < nn; k++) {
		size_t kn = (size_t)((const char *)memchr(text + off[k], '\n', tl - off[k]) -
		                     (text + off[k]));
		size_t i0 = doc_token_at(doc, off[k]), i1 = i0;
		uint32_t starts = 0;
		bool ok = i0 < doc->ntokens && doc->tokens[i0].start == off[k];
		for (; ok && i1 < doc->ntokens && doc->tokens[i1].start < off[k] + kn; i1++) {
			const struct token *t = &doc->tokens[i1];
			ok = t->type == TOK_WORD && t->end <= off[k] + kn && !possessive_shape(doc, i1);
			starts |= 1u << (t->start - off[k]);
		}
		size_t n = i1 - i0;
		if (!ok || n < 2 || n > NER_MAX_SPAN || doc->tokens[i1 - 1].end != off[k] + kn)
			continue;
		uint8_t *u = ner_cues_wide_user(st->cues, NT_SPANS, ner_hash(text + off[k], kn));
		if (!u || u[offsetof(struct name_multi, set)])
			continue;
		struct gaz_candidate cand[WG__COUNT][NER_MAX_CANDS];
		size_t total[WG__COUNT];
		uint16_t f0[NER_MAX_SPAN];
		for (size_t i = i0; i < i1; i++)
			f0[i - i0] = doc->tokens[i].flags;
		for (int v = 0; v < WG__COUNT; v++) {
			for (size_t i = i0; i < i1; i++)
				doc->tokens[i].flags = (uint16_t)((f0[i - i0] & ~case_bits) |
				                                  (i == i0 ? first_flags[v] : rest_flags[v]));
			total[v] = gaz_lookup_tokens(st->gaz, doc, i0, i1, cand[v], NER_MAX_CANDS);
		}
		for (size_t i = i0; i < i1; i++)
			doc->tokens[i].flags = f0[i - i0];
		size_t nc = total[0] < NER_MAX_CANDS ? total[0] : NER_MAX_CANDS;
		bool same = total[0] <= UINT16_MAX;
		for (int v = 1; v < WG__COUNT && same; v++) {
			same = total[v] == total[0];
			for (size_t q = 0; q < nc && same; q++)
				same = cand[v][q].canonical == cand[0][q].canonical &&
				       cand[v][q].list == cand[0][q].list &&
				       cand[v][q].kb_id == cand[0][q].kb_id &&
				       cand[v][q].prior == cand[0][q].prior;
		}
		if (!same)
			continue;
		if (wg_reserve(st, nc, WG__COUNT + 4, cap, ecap) < 0)
			goto out;
		for (size_t q = 0; q < nc; q++) {
			uint8_t okb = 0;
			for (int v = 0; v < WG__COUNT; v++)
				okb |= (uint8_t)(cand[v][q].case_ok << v);
			st->wg_cand[st->nwg_cand + q] = cand[0][q];
			st->wg_ok[st->nwg_cand + q] = okb;
		}
		/* (a frequent name: none_known is false) */
		for (int v = 0; v < WG__COUNT; v++)
			gaz_effect_of(st, st->wg_cand + st->nwg_cand, total[0], st->wg_ok + st->nwg_cand,
			              (unsigned)v, n, false, &st->wg_eff[st->nwg_eff + v]);
		/* (case WG_CAP, every word at position 0; case WG_CAP_INITIAL,
		 * the first word sentence initial, the others at position 0) */
		const struct ner_wide *sp = ner_cues_get_wide(st->cues, NT_SPANS,
		                                              ner_hash(text + off[k], kn));
		struct gaz_effect *ef = &st->wg_eff[st->nwg_eff];
		multi_base(st, lc, i0, i1, sp, &ef[WG_CAP], &ef[WG__COUNT]);
		lc->ti[i0].initial = 1;
		multi_base(st, lc, i0, i1, sp, &ef[WG_CAP_INITIAL], &ef[WG__COUNT + 2]);
		lc->ti[i0].initial = 0;
		struct name_multi nm = {(uint32_t)st->nwg_cand, (uint32_t)st->nwg_eff,
		                        (uint16_t)total[0], NAME_MULTI, (uint8_t)n, starts};
		memcpy(u, &nm, sizeof(nm));
		st->nwg_cand += nc;
		st->nwg_eff += WG__COUNT + 4;
	}
	rc = 0;
out:
	if (lc)
		free(lc->ti);
	free(lc);
	free(off);
	free(text);
	return rc;
}

/* At load: for each word with answers made at load (st->wgaz[], of the
 * nw words w[] of text), whether gaz_lookup_tokens() gives the word with
 * "'s" ("Japan's": a possessive token, which scoring looks up: the key
 * with the possessive, then without it) the same answers, in each case
 * WG_*: then its set has WG_POSS_SAME, and a candidate of it takes them
 * (gaz_evidence()). */
static int poss_gaz_check(struct ner_state *st, struct arena *ar, const char *text,
                          const struct wk *w, size_t nw)
{
	size_t cap = 0;
	for (size_t k = 0; k < nw; k++)
		cap += w[k].len + 3;
	char *pt = malloc(cap + 1);
	uint32_t *off = malloc((nw + 1) * sizeof(*off));
	uint32_t *row = malloc((nw + 1) * sizeof(*row));
	int rc = -1;
	if (!pt || !off || !row)
		goto out;
	size_t tl = 0, np = 0;
	for (size_t k = 0; k < nw; k++) {
		uint32_t r = (uint32_t)(w[k].rank >> 32);
		if (r == UINT32_MAX || !st->wgaz[r].set)
			continue;
		off[np] = (uint32_t)tl;
		row[np++] = r;
		memcpy(pt + tl, text + w[k].off, w[k].len);
		tl += w[k].len;
		memcpy(pt + tl, "'s\n", 3);
		tl += 3;
	}
	int err;
	size_t bad;
	struct document *doc = doc_new(ar, pt, tl, &err, &bad);
	if (!doc || tok_document(doc))
		goto out;
	static const uint16_t case_flags[WG__COUNT] = {TF_CAP, TF_CAP | TF_SENT_START, TF_ALLCAPS};
	const uint16_t case_bits = TF_CAP | TF_ALLCAPS | TF_LOWER | TF_SENT_START;
	for (size_t k = 0; k < np; k++) {
		size_t i = doc_token_at(doc, off[k]);
		struct word_gaz *g = &st->wgaz[row[k]];
		const char *nl = memchr(pt + off[k], '\n', tl - off[k]);
		if (i >= doc->ntokens || doc->tokens[i].start != off[k] ||
		    doc->tokens[i].end != (uint32_t)(nl - pt) || doc->tokens[i].type != TOK_WORD ||
		    !(doc->tokens[i].flags & TF_POSSESSIVE))
			continue;
		uint16_t f0 = doc->tokens[i].flags;
		bool same = true;
		size_t n = g->total < NER_MAX_CANDS ? g->total : NER_MAX_CANDS;
		for (int v = 0; v < WG__COUNT && same; v++) {
			struct gaz_candidate cand[NER_MAX_CANDS];
			doc->tokens[i].flags = (uint16_t)((f0 & ~case_bits) | case_flags[v]);
			size_t total = gaz_lookup_tokens(st->gaz, doc, i, i + 1, cand, NER_MAX_CANDS);
			same = total == g->total;
			for (size_t q = 0; q < n && same; q++) {
				const struct gaz_candidate *o = &st->wg_cand[g->first + q];
				same = cand[q].canonical == o->canonical && cand[q].list == o->list &&
				       cand[q].kb_id == o->kb_id && cand[q].prior == o->prior &&
				       cand[q].case_ok == ((st->wg_ok[g->first + q] >> v) & 1);
			}
		}
		doc->tokens[i].flags = f0;
		if (same)
			g->set |= WG_POSS_SAME;
	}
	rc = 0;
out:
	free(row);
	free(off);
	free(pt);
	return rc;
}

static int word_kinds(struct ner_state *st)
{
	size_t cap = 0;
	for (const struct ner_cue_blob *b = ner_cue_blobs; b->name; b++)
		if (!strcmp(b->name, "ner-words") || !strcmp(b->name, "ner-cues"))
			cap += b->len + 1;
	char *text = malloc(cap + 1);
	struct wk *w = malloc((cap / 2 + 1) * sizeof(*w));
	struct arena *ar = arena_new(0);
	size_t ccap = 0, wgcap = 0, wecap = 0;
	int rc = -1;
	st->wgaz = calloc(ner_cues_nrows(st->cues, NT_WORDS) + 1, sizeof(*st->wgaz));
	if (!st->wgaz)
		goto out;
	if (!text || !w || !ar)
		goto out;
	size_t tl = 0, nw = 0;
	for (const struct ner_cue_blob *b = ner_cue_blobs; b->name; b++) {
		if (strcmp(b->name, "ner-words") && strcmp(b->name, "ner-cues"))
			continue;
		for (const char *p = b->text, *end = b->text + b->len; p < end;) {
			char key[256];
			size_t kn = blob_line_key(&p, end, key, sizeof(key));
			if (kn && tl + kn + 1 <= cap) {
				uint64_t h = ner_hash(key, kn);
				const struct ner_word *we = ner_cues_word_find(st->cues, h);
				uint32_t row = we && (we->flags & NW_ROW) ? we->row : UINT32_MAX;
				w[nw] = (struct wk){(uint32_t)tl, (uint32_t)kn, h,
				                    ((uint64_t)row << 32) | nw};
				nw++;
				memcpy(text + tl, key, kn);
				tl += kn;
				text[tl++] = '\n';
			}
		}
	}
	/* the words in the order of their rows (the most frequent first), so
	 * that the answers made below for the frequent words (st->wg_cand,
	 * st->wg_eff) are next to each other, as their rows are */
	qsort(w, nw, sizeof(*w), wk_cmp);
	int err;
	size_t bad;
	struct document *doc = doc_new(ar, text, tl, &err, &bad);
	if (!doc || tok_document(doc))
		goto out;
	for (size_t k = 0; k < nw; k++) {
		size_t i = doc_token_at(doc, w[k].off);
		if (i >= doc->ntokens || doc->tokens[i].start != w[k].off ||
		    doc->tokens[i].end != w[k].off + w[k].len || doc->tokens[i].type != TOK_WORD ||
		    possessive_shape(doc, i))
			continue;
		unsigned any, ok;
		gaz_token_kinds(st->gaz, doc, i, 32, &any, &ok);
		ner_cues_set_word_user(st->cues, w[k].h, any | WK_KNOWN);
		if ((any & (1u << GAZ_KIND_LOCATION)) &&
		    country_codes(st, text + w[k].off, w[k].len, &ccap) < 0)
			goto out;
		if ((any & SCORED_KINDS) && word_gaz_make(st, doc, i, w[k].h, &wgcap, &wecap) < 0)
			goto out;
	}
	if (poss_gaz_check(st, ar, text, w, nw) < 0 || multi_gaz_make(st, ar, &wgcap, &wecap) < 0)
		goto out;
	/* and the country entries the frequent names name ("united states",
	 * "south africa": names of several words, which no word above names),
	 * so that an article's countries are mostly answered without a lookup
	 * in the gazetteer (country_code()) */
	for (const struct ner_cue_blob *b = ner_cue_blobs; b->name; b++) {
		if (strcmp(b->name, "ner-spans"))
			continue;
		for (const char *p = b->text, *end = b->text + b->len; p < end;) {
			char key[256];
			size_t kn = blob_line_key(&p, end, key, sizeof(key));
			if (kn && memchr(key, ' ', kn) && country_codes(st, key, kn, &ccap) < 0)
				goto out;
		}
	}
	qsort(st->ccs, st->nccs, sizeof(*st->ccs), cc_cmp);
	rc = 0;
out:
	arena_free(ar);
	free(w);
	free(text);
	return rc;
}

static void article_countries(struct ner_ctx *c);

/* !strcmp(list, "countries"), in line (asked for every gazetteer name of
 * a document; most lists differ in their first two bytes) */
static inline bool is_countries(const char *list)
{
	static const char w[] = "countries";
	for (size_t k = 0; k < sizeof(w); k++)
		if (list[k] != w[k])
			return false;
	return true;
}

static inline bool is_gaz_name(const struct mention *m)
{
	if (m->type > MT_LOCATION || !m->source || m->source[0] != 'g')
		return false;
	return !strncmp(m->source, "gazetteer:", 10);
}

static uint32_t row_entity(const struct ner_counts *w)
{
	return (uint32_t)w->c[NC_PER] + (uint32_t)w->c[NC_ORG] + (uint32_t)w->c[NC_LOC] + (uint32_t)w->c[NC_MISC];
}

/* Gazetteer kinds of token i alone, as bits (1 << enum gaz_kind): any case,
 * or (case_ok) only entries whose capitalization fits.  One lookup per token
 * and document, cached. */
static unsigned tok_kinds(struct ner_ctx *c, size_t i, bool case_ok)
{
	struct tinfo *x = &c->ti[i];
	if (!case_ok && x->kinds_pre)
		return x->kinds_any;
	if (!x->kinds_done) {
		unsigned any, ok;
		gaz_token_kinds(c->st->gaz, c->doc, i, 32, &any, &ok);
		x->kinds_any = (uint16_t)any;
		x->kinds_ok = (uint16_t)ok;
		x->kinds_done = 1;
	}
	return case_ok ? x->kinds_ok : x->kinds_any;
}

/* Does the gazetteer know token i alone as a name (not just a common word)? */
static bool gaz_knows(struct ner_ctx *c, size_t i)
{
	return tok_kinds(c, i, true) & (KIND(LOCATION) | KIND(ORGANIZATION) | KIND(SURNAME));
}

/* tok_hash_compute() when the fast hash cannot tell (a tail call, so that
 * the fast path saves no registers for it). */
static __attribute__((noinline)) uint64_t tok_hash_slow(struct ner_ctx *c, size_t i)
{
	const struct token *t = &c->doc->tokens[i];
	uint64_t h = ner_fold_hash(c->doc->text + t->start, t->end - t->start, 128);
	c->ti[i].h = h ? h : 1;
	return c->ti[i].h;
}

/* tok_hash_compute() of any token. */
static __attribute__((noinline)) uint64_t tok_hash_long(struct ner_ctx *c, size_t i)
{
	const struct token *t = &c->doc->tokens[i];
	/* (no whitespace in a token; the text is NUL-terminated: len + 1
	 * bytes readable) */
	uint64_t h = ner_fold_hash_fast(c->doc->text + t->start, t->end - t->start, 128,
	                                c->doc->len + 1 - t->start);
	if (!h)
		return tok_hash_slow(c, i);
	c->ti[i].h = h;
	return h;
}

/* May the n >= 2 bytes at s end in a possessive that the fold cuts ("'s",
 * or a UTF-8 byte before the s: "’s")?  Such tokens take tok_hash_long(). */
static inline bool maybe_possessive(const char *s, size_t n)
{
	return (s[n - 1] | 0x20) == 's' && (s[n - 2] == '\'' || (signed char)s[n - 2] < 0);
}

/* tok_hash_compute() of a token of 9 to 16 bytes: most have 16 readable
 * and no possessive to cut, so ner_fold_hash_fast() of two words (the same
 * words in the same order: the same hash), without its loop; the others go
 * to tok_hash_long().  (~10K such tokens are hashed a pass; the loop of
 * tok_hash_long() took ~130 instructions a token.) */
static __attribute__((noinline)) uint64_t tok_hash_two(struct ner_ctx *c, size_t i)
{
	const struct token *t = &c->doc->tokens[i];
	const char *s = c->doc->text + t->start;
	size_t n = t->end - t->start;
	if (c->doc->len + 1 - t->start < 16)
		return tok_hash_long(c, i);
	if (maybe_possessive(s, n))
		return tok_hash_long(c, i);
	uint64_t w0 = hm_le64(s), w1;
	if (nh_low_bytes(w0, 0x20) || !nh_part_word(s + 8, n - 8, &w1))
		return tok_hash_long(c, i);
	uint64_t h = nh_finish(hm_step(hm_step(NER_HASH_SEED, ascii8_fold(w0)), w1), n);
	c->ti[i].h = h;
	return h;
}

/* tok_hash() when token i is not hashed yet (out of line: the cached
 * answer is the common case; inlined in token_facts()'s loops it saved 1.3%
 * of NER's instructions but cost 4% more instruction-cache misses).  Most
 * tokens have one to eight bytes readable as one word and no possessive to
 * cut: ner_fold_hash_fast() of one word, in a function small enough to need
 * no register saves; tokens of 9 to 16 bytes go to tok_hash_two(), the
 * others to tok_hash_long(). */
static __attribute__((noinline)) uint64_t tok_hash_compute(struct ner_ctx *c, size_t i)
{
	const struct token *t = &c->doc->tokens[i];
	const char *s = c->doc->text + t->start;
	size_t n = t->end - t->start;
	if (n - 1 >= 8 || c->doc->len + 1 - t->start < 8)
		return n - 9 < 8 ? tok_hash_two(c, i) : tok_hash_long(c, i);
	if (n > 2 && maybe_possessive(s, n))
		return tok_hash_long(c, i);
	uint64_t w;
	if (!nh_part_word(s, n, &w))
		return tok_hash_long(c, i);
	uint64_t h = nh_finish(hm_step(NER_HASH_SEED, w), n);
	c->ti[i].h = h;
	return h;
}

/* Hash of the folded token i, computed once per document (1 if it does not fold). */
static inline uint64_t tok_hash(struct ner_ctx *c, size_t i)
{
	uint64_t h = c->ti[i].h;
	return h ? h : tok_hash_compute(c, i);
}

/* tok_hash() for token_facts()'s loops (most of a document's ~100 hashes),
 * with tok_hash_compute()'s common case (one to eight bytes readable as one
 * word, no possessive to cut) in line: the document's text, its end and
 * the token array stay in the loops' registers, and there is no call.
 * (text1 is doc->len + 1, the bytes readable from the text.) */
static inline __attribute__((always_inline)) uint64_t tok_hash_here(struct ner_ctx *c, size_t i,
                                                                     struct tinfo *ti,
                                                                     const struct token *tok,
                                                                     const char *text, size_t text1)
{
	uint64_t h = ti[i].h;
	if (h)
		return h;
	const struct token *t = &tok[i];
	const char *s = text + t->start;
	size_t n = t->end - t->start;
	uint64_t w;
	if (n - 1 < 8 && text1 - t->start >= 8 && !(n > 2 && maybe_possessive(s, n)) &&
	    nh_part_word(s, n, &w)) {
		h = nh_finish(hm_step(NER_HASH_SEED, w), n);
		ti[i].h = h;
		return h;
	}
	return tok_hash_compute(c, i);
}

/* doc_token_at(doc, off) (the first token starting at or after off), given
 * a token hint no later than that answer: a galloping search forward from
 * it (steps 1, 2, 4, ...), then a binary search over the last step, so a
 * near answer costs a few probes and a far one (the next mention of a
 * sparse kind) log of the distance; the binary search over the document
 * when the hint is past the answer. */
static size_t token_at_from(const struct document *doc, size_t off, size_t hint)
{
	const struct token *tok = doc->tokens;
	size_t nt = doc->ntokens;
	if (hint > nt || (hint > 0 && tok[hint - 1].start >= off))
		return doc_token_at(doc, off);
	/* every token before lo starts before off; hi is nt or starts at or
	 * after it */
	size_t lo = hint, hi = hint, step = 1;
	while (hi < nt && tok[hi].start < off) {
		lo = hi + 1;
		hi += step;
		step <<= 1;
	}
	return doc_token_in(doc, off, lo, hi < nt ? hi : nt);
}

/* token_at_from(doc, off, hint) for token_facts()'s mentions, which come
 * in blocks, each extractor's in text order, mostly tens of tokens apart:
 * the galloping search from the hint took ~90 instructions a mention.  A
 * guess from the distance in bytes (tokens are ~5 bytes apart on
 * average), then a search from it: forward or back a few tokens, else a
 * galloping or binary search.  A hint past
 * the answer (the next extractor's block) guesses from the document's
 * start.  Any guess gives the same answer. */
static size_t token_at_guess(const struct document *doc, size_t off, size_t hint)
{
	const struct token *tok = doc->tokens;
	size_t nt = doc->ntokens;
	if (hint > 0 && tok[hint - 1].start >= off)
		hint = 0;
	if (hint >= nt || tok[hint].start >= off)
		return hint;
	/* (every token up to hint starts before off) */
	size_t g = hint + (off - tok[hint].start) / 5;
	if (g >= nt)
		g = nt - 1;
	if (tok[g].start < off) {
		/* forward a few tokens, else the galloping search */
		for (size_t k = 0; k < 4; k++)
			if (++g == nt || tok[g].start >= off)
				return g;
		return token_at_from(doc, off, g + 1);
	}
	/* the answer is in (hint, g]: back a few tokens, else a binary search */
	for (size_t k = 0; k < 4; k++, g--)
		if (tok[g - 1].start < off)
			return g;
	return doc_token_in(doc, off, hint + 1, g);
}

/* The first token at or after the end of gazetteer name ti[a].gaz (it
 * starts at token a): token_at_from() of its end, remembered by
 * token_facts() (the run loop and decide() asked for it again and again). */
static inline size_t gaz_end(const struct ner_ctx *c, size_t a)
{
	unsigned d = c->ti[a].gend;
	if (d)
		return a + d;
	return token_at_from(c->doc, c->doc->mentions.v[c->ti[a].gaz].end, a);
}

/* ner_run()'s scan for the next start: which of the NER_START_PAD bytes
 * of start[] at p are set (0 for none), and the first set of an answer not
 * 0.  (Eight bytes at a time, the loop's exit was guessed wrong ~15K times a
 * pass: the next start is often eight tokens or more away; a start further
 * than 32 tokens is rare.) */
static inline uint64_t start_mask(const uint8_t *p)
{
#ifdef __SSE2__
	__m128i z = _mm_setzero_si128();
	unsigned lo = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), z));
	unsigned hi = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), z));
	return ~(lo | hi << 16) & 0xFFFFFFFFu;
#else
	uint64_t w = hm_le64(p) | hm_le64(p + 8) | hm_le64(p + 16) | hm_le64(p + 24);
	return w ? 1 : 0;
#endif
}

static inline size_t start_first(const uint8_t *p, uint64_t m)
{
#ifdef __SSE2__
	(void)p;
	return (size_t)__builtin_ctzll(m);
#else
	size_t k = 0;
	(void)m;
	while (!p[k])
		k++;
	return k;
#endif
}

/* Is the word at token i sentence or line initial? */
static bool tok_initial(const struct document *doc, size_t i)
{
	const struct token *t = &doc->tokens[i];
	if ((t->flags & (TF_SENT_START | TF_NEWLINE_BEFORE)) || i == 0)
		return true;
	const struct token *p = t - 1;
	if (p->type != TOK_PUNCT)
		return false;
	if ((p->flags & (TF_SENT_START | TF_NEWLINE_BEFORE)) && !(t->flags & TF_SPACE_BEFORE))
		return true;
	return doc->text[p->start] == ':' || doc->text[p->start] == '"';
}

/* line_facts()'s first facts of a token that is not a word, a word, a
 * capitalized word */
static const struct tinfo tinfo_init[3] = {
	{.gaz = -1},
	{.gaz = -1, .word = 1},
	{.gaz = -1, .word = 1, .cap = 1},
};

/* line_facts()'s class of a token, by its type and its TF_CAP, TF_ALLCAPS
 * and TF_LOWER bits (lf_index()): which tinfo_init[] (lf_k()), and what it
 * adds to its line's counts of words, ALL-CAPS words and numbers and to the
 * capitalized words (struct ner_state: lf_mid, lf_inc, lf_inc2) */
static inline size_t lf_index(const struct token *t, unsigned f)
{
	return (size_t)(t->type & 3) << 3 | ((f / TF_CAP) & 7);
}

_Static_assert(TF_ALLCAPS == TF_CAP << 1 && TF_LOWER == TF_CAP << 2 && TOK_PUNCT < 4,
               "lf_index(): three flag bits in a row, four token types");

static inline int lf_k(size_t idx)
{
	unsigned b = idx & 7;
	return (idx >> 3) == TOK_WORD && b ? ((b & 3) ? 2 : 1) : 0;
}

/* (the bytes of a struct tinfo line_facts() writes from a table: the
 * middle eight, and the last eight) */
#define TI_MID offsetof(struct tinfo, kinds_any)
#define TI_TAIL offsetof(struct tinfo, gaz)
_Static_assert(TI_MID == 8 && TI_TAIL == 16 && offsetof(struct tinfo, h) == 0,
               "struct tinfo: the hash, eight bytes of 16-bit fields and bits, eight of the rest");

static void lf_make(struct ner_state *st)
{
	for (size_t idx = 0; idx < 32; idx++) {
		int k = lf_k(idx);
		memcpy(&st->lf_mid[idx], (const char *)&tinfo_init[k] + TI_MID, 8);
		st->lf_inc[idx] = (uint64_t)(k != 0) | (uint64_t)((idx >> 3) == TOK_NUMBER) << 32;
		st->lf_inc2[idx] = (uint64_t)(k == 2 && (idx & 2)) | (uint64_t)(k == 2) << 32;
	}
	memcpy(&st->lf_tail, (const char *)&tinfo_init[0] + TI_TAIL, 8);
}

/* line_facts(): the ALL-CAPS and number-row marks of the line [line, e). */
static void line_close(struct tinfo *ti, size_t line, size_t e, size_t words, size_t caps,
                       size_t nums)
{
	bool headline = words > 0 && caps * 10 >= words * 8 && (caps > 1 || words == 1);
	bool row = nums >= 2 && nums * 2 >= words;
	/* (bits set on zeros: one "or" each) */
	if (headline)
		for (size_t i = line; i < e; i++)
			ti[i].headline = 1;
	if (row)
		for (size_t i = line; i < e; i++)
			ti[i].row = 1;
}

/* Lines (ALL-CAPS lines are headlines or datelines; rows of numbers) and the
 * shape of every token: writes every field of ti[0, nt) (the shape while the
 * line is counted; a second pass only over a headline or a row), and lists
 * the capitalized words in c->caps.  Only the shape of words is looked at,
 * and the position (initial) only of capitalized words: nothing reads it
 * for the others (name-likeness, runs and scoring start from a capital). */
static void line_facts(struct ner_ctx *c)
{
	const struct document *doc = c->doc;
	const struct token *tok = doc->tokens;
	struct tinfo *ti = c->ti;
	size_t nt = doc->ntokens;
	const struct ner_state *st = c->st;
	uint32_t *caps = c->caps;  /* (a local: the stores may alias c) */
	size_t line = 0;
	/* the line's words (low half) and numbers (high half); its ALL-CAPS
	 * words (low half) and the capitalized words so far (high half): one
	 * addition each a token (a line has fewer than 2^32 tokens) */
	uint64_t wn = 0, cn = 0;
	/* (one loop over the tokens, a line closed at the next one's line
	 * break: a loop per line tested every token's break again, after the
	 * flags it had loaded, ~6 instructions a token; the token and its
	 * facts by pointers that step: ~2.5 instructions a token less than
	 * the indexed 12- and 24-byte elements, in callgrind) */
	const struct token *t = tok;
	struct tinfo *x = ti;
	for (size_t e = 0; e < nt; e++, t++, x++) {
		/* (no branch on what the token is, which the predictor
		 * guessed wrong ~67K times a pass: its facts' bytes and what
		 * it adds to the counts from tables by lf_index(); the caps[]
		 * slot is written for every token, kept for a capitalized
		 * one; a capitalized word's position is asked in
		 * token_facts()) */
		unsigned f = t->flags;
		if ((f & TF_NEWLINE_BEFORE) && e > line) {
			line_close(ti, line, e, (uint32_t)wn, (uint32_t)cn, wn >> 32);
			line = e;
			wn = 0;
			cn &= ~(uint64_t)UINT32_MAX;
		}
		size_t k = lf_index(t, f);
		memset(x, 0, 8);
		memcpy((char *)x + TI_MID, &st->lf_mid[k], 8);
		memcpy((char *)x + TI_TAIL, &st->lf_tail, 8);
		caps[cn >> 32] = (uint32_t)e;
		wn += st->lf_inc[k];
		cn += st->lf_inc2[k];
	}
	if (nt > line)
		line_close(ti, line, nt, (uint32_t)wn, (uint32_t)cn, wn >> 32);
	c->ncaps = cn >> 32;
}

/* Which st->word_rows[] a known word at this position takes. */
static inline int wlog_variant(const struct tinfo *x)
{
	return (x->initial ? 1 : 0) | (x->headline ? 2 : 0);
}

/* Word statistics and cue class of token i, a capitalized word (c->caps;
 * its hash computed): table rows only for capitalized words and their
 * neighbours (the connectors, titles and context words a name can use;
 * word_facts_low()). */
static inline void word_facts_cap(struct ner_ctx *c, const struct ner_state *st, struct tinfo *ti,
                                  size_t i, const struct token *tok, const char *text,
                                  size_t text1)
{
	struct tinfo *x = &ti[i];
	uint64_t h = tok_hash_here(c, i, ti, tok, text, text1);
	if (h == 1)
		return;
	const struct ner_word *e = ner_cues_word_find(st->cues, h);
	if (!e)
		return;
	x->cls = e->cls;
	x->wfl = e->flags;
	if (tk_known(x)) {
		x->wrow = e->row;
		__builtin_prefetch(&st->word_rows[wlog_variant(x)][x->wrow]);
	}
	/* (possessive_shape(), its common answer first: a word not
	 * ending in "s" is not a possessive unless the tokenizer says so) */
	const struct token *t = &tok[i];
	if ((e->user & WK_KNOWN) && !(t->flags & TF_POSSESSIVE) &&
	    ((text[t->end - 1] | 0x20) != 's' || !possessive_shape(c->doc, i))) {
		x->kinds_any = (uint16_t)(e->user & ~WK_KNOWN);
		x->kinds_pre = 1;
	}
}

/* Is x a word that is not capitalized (1 or 0)? */
static inline unsigned low_word(const struct tinfo *x)
{
	return x->word > x->cap;
}

/* The cue class of token i, a lower-case word next to a capitalized one
 * (a small table). */
static inline void word_facts_low(struct ner_ctx *c, const struct ner_cues *cu, struct tinfo *ti,
                                  size_t i, const struct token *tok, const char *text,
                                  size_t text1)
{
	uint64_t h = tok_hash_here(c, i, ti, tok, text, text1);
	if (h == 1)
		return;
	const struct ner_counts *cl = ner_cues_get_h(cu, NT_CUES, h);
	ti[i].cls = cl ? cl->c[0] : 0;
}

/* Is token i name-like?  (Its neighbour i + 1 has its facts.) */
static bool namelike(struct ner_ctx *c, size_t i)
{
	const struct document *doc = c->doc;
	size_t nt = doc->ntokens;
	const struct tinfo *x = &c->ti[i];
	/* "Bergamo-based", "Family-controlled": an adjective, not a name */
	if (doc->tokens[i].flags & TF_HYPHEN) {
		const char *ts = doc->text + doc->tokens[i].start;
		const char *h = memrchr(ts, '-', doc->tokens[i].end - doc->tokens[i].start);
		if (h && h[1] >= 'a' && h[1] <= 'z' && doc->tokens[i].end - (uint32_t)(h - doc->text) > 3)
			return false;
	}
	/* (the tests on a known word's counts: word_flags()) */
	bool w = tk_known(x);
	if (x->headline) {
		if (w)
			return x->wfl & WF_HEADLINE_NAME;
		return x->gaz >= 0 || gaz_knows(c, i);
	}
	if (x->initial) {
		/* unknown to the statistics: rare words and new names; scoring decides */
		if (w && !(x->wfl & WF_INITIAL_NAME))
			return false;
		/* "Apple pie is...": a common word opening a sentence, before a
		 * lower-case word, is rarely a name unless it is frequent as one */
		if ((!w || (x->wfl & WF_FEW_NAMES)) && i + 1 < nt && c->ti[i + 1].word && !c->ti[i + 1].cap &&
		    !(c->ti[i + 1].cls & NCC_PERSON_VERB) && (tok_kinds(c, i, false) & KIND(COMMON_WORD)))
			return false;
		return true;
	}
	return !w || (x->wfl & WF_MID_NAME) || x->gaz >= 0;
}

/* Name-likeness of token i, a capitalized word (c->caps: ti[i].word and
 * ti[i].cap are set), once its neighbour i + 1 has its facts. */
static void token_name(struct ner_ctx *c, size_t i)
{
	const struct document *doc = c->doc;
	size_t nt = doc->ntokens;
	struct tinfo *x = &c->ti[i];
	/* (the common case first, by one test: a word inside a sentence, in
	 * no headline, date or number, without a hyphen, is name-like unless
	 * its known counts say otherwise (namelike()'s last answer); the
	 * four tests apart were guessed wrong ~20K times a pass) */
	if (!(x->blocked | x->headline | x->initial | !!(doc->tokens[i].flags & TF_HYPHEN))) {
		unsigned nl = !tk_known(x) | ((x->wfl & WF_MID_NAME) != 0) | (x->gaz >= 0);
		x->namelike = nl & 1;
		c->start[i] = (uint8_t)nl;
		return;
	}
	if (!x->blocked) {
		if (namelike(c, i)) {
			x->namelike = 1;
			c->start[i] = 1;
		}
		return;
	}
	/* "Theresa May": a one-token date after a name-like word is a name
	 * part (the word before was decided one step earlier) */
	if (i > 0 && c->ti[i - 1].namelike && !x->headline &&
	    (i + 1 >= nt || !c->ti[i + 1].blocked) && !(c->ti[i - 1].cls & NCC_TITLE) &&
	    doc->tokens[i].flags & TF_SPACE_BEFORE && !c->ti[i - 1].initial &&
	    !tk_known(&c->ti[i - 1])) {
		x->namelike = 1;
		c->start[i] = 1;
	}
}

/* Token j may start or end a candidate: start loading the context table
 * rows score_span() will look up for its neighbours, and the names table
 * row of j alone.  Those tables are not in the cache after the other
 * extractors ran, and score_span() waited on each lookup in turn; asked
 * for here, they arrive while the rest of the document's words are done. */
static void prefetch_context(struct ner_ctx *c, size_t j)
{
	const struct document *doc = c->doc;
	const struct ner_cues *cu = c->st->cues;
	/* (the tokens score_span() takes: not across a line, not a number.
	 * Also where the run does not start or end here: the tests for a
	 * name-like word before and a capitalized word after were guessed
	 * wrong ~25K times a pass, and a prefetch they would have saved
	 * costs a few instructions, the neighbour being a capitalized word
	 * already hashed) */
	if (j > 0 && !(doc->tokens[j].flags & TF_NEWLINE_BEFORE) &&
	    doc->tokens[j - 1].type != TOK_NUMBER)
		ner_cues_prefetch_wide(cu, NT_LEFT, tok_hash(c, j - 1));
	ner_cues_prefetch_wide(cu, NT_SPANS, tok_hash(c, j));
	if (j + 1 < doc->ntokens && !(doc->tokens[j + 1].flags & TF_NEWLINE_BEFORE) &&
	    doc->tokens[j + 1].type != TOK_NUMBER)
		ner_cues_prefetch_wide(cu, NT_RIGHT, tok_hash(c, j + 1));
}

/* token_facts(): capitalized words whose window words are listed at a time */
#define NER_LOW_CHUNK 128

static int token_facts(struct ner_ctx *c)
{
	struct document *doc = c->doc;
	size_t nt = doc->ntokens;
	c->ti = arena_alloc(doc->arena, (nt + 1) * sizeof(*c->ti));
	c->gaz_used = arena_alloc(doc->arena, doc->mentions.n + 1);
	c->gname = arena_alloc(doc->arena, doc->mentions.n + 1);
	c->caps = arena_alloc(doc->arena, (nt + 1) * sizeof(*c->caps));
	c->start = arena_alloc(doc->arena, nt + NER_START_PAD);
	if (!c->ti || !c->gaz_used || !c->gname || !c->caps || !c->start)
		return -EXT_E_NOMEM;
	memset(c->start, 0, nt + NER_START_PAD);
	memset(&c->ti[nt], 0, sizeof(*c->ti));
	memset(c->gaz_used, 0, doc->mentions.n + 1);
	memset(c->gname, 0, doc->mentions.n + 1);
	line_facts(c);
	c->ngaz = doc->mentions.n;
	/* mentions of other kinds block their tokens; gazetteer names mark
	 * starts (is_gaz_name() is asked once per mention: c->gname).  The
	 * countries the article names, to choose among same-named places:
	 * their canonical names now (the mentions change as NER decides), the
	 * lookups on first use; a canonical name already seen (the strings
	 * point into the image, so the same entry gives the same pointer) adds
	 * nothing new; more than it keeps: all looked up after the loop */
	size_t hint = 0;
	bool too_many = false;
	for (size_t k = 0; k < doc->mentions.n; k++) {
		const struct mention *m = &doc->mentions.v[k];
		size_t a = token_at_guess(doc, m->start, hint);
		hint = a;
		if (is_gaz_name(m)) {
			c->gname[k] = 1;
			if (a < nt && doc->tokens[a].start == m->start &&
			    (c->ti[a].gaz < 0 ||
			     doc->mentions.v[c->ti[a].gaz].end < m->end)) {
				c->ti[a].gaz = (int32_t)k;
				/* (names are a few tokens: a short walk, which
				 * gives up past 16; the answer is
				 * token_at_from()'s) */
				size_t e = a;
				while (e < nt && doc->tokens[e].start < m->end && e - a < 16)
					e++;
				c->ti[a].gend = e < nt && doc->tokens[e].start < m->end ? 0 : (uint16_t)(e - a);
			}
			if (a < nt)
				c->start[a] |= c->ti[a].gaz >= 0;
			if (too_many || !m->link.list || !is_countries(m->link.list) ||
			    !m->link.canonical)
				continue;
			bool again = false;
			for (size_t q = 0; q < c->ncountry_names && !again; q++)
				again = c->country_names[q] == m->link.canonical;
			if (again)
				continue;
			if (c->ncountry_names == NER_COUNTRY_NAMES)
				too_many = true;
			else
				c->country_names[c->ncountry_names++] = m->link.canonical;
			continue;
		}
		if (m->type <= MT_LOCATION)
			continue;
		for (size_t i = a; i < nt && doc->tokens[i].start < m->end; i++)
			c->ti[i].blocked = 1;
	}
	if (too_many)
		article_countries(c);
	/* table rows, then name-likeness once the next token has its row (it
	 * looks at the next token's class).  Only capitalized words and their neighbours
	 * (two before, one after: the connectors, titles and context words a
	 * name can use) get rows, so only the windows around the capitalized
	 * words of c->caps are visited, in token order.  The word table is
	 * large and the other extractors run between two documents, so its
	 * rows are mostly not in the cache: the rows of all capitalized words
	 * are asked for first, so that the misses overlap (asked for a few
	 * capitals ahead, a run of capitals left too little time between). */
	const uint32_t *caps = c->caps;
	const struct token *tok = doc->tokens;
	const char *text = doc->text;
	size_t text1 = doc->len + 1;
	/* (the facts, the count and the tables in locals: the stores to the
	 * facts and to low[] may alias c, -fno-strict-aliasing) */
	struct tinfo *ti = c->ti;
	size_t ncaps = c->ncaps;
	const struct ner_state *st = c->st;
	const struct ner_cues *cu = st->cues;
	for (size_t k = 0; k < ncaps; k++) {
		size_t j = caps[k];
		if (tok_initial(doc, j))
			ti[j].initial = 1;
		uint64_t h = tok_hash_here(c, j, ti, tok, text, text1);
		if (h != 1)
			ner_cues_prefetch_word(cu, h);
	}
	for (size_t k = 0; k < ncaps; k++)
		word_facts_cap(c, st, ti, caps[k], tok, text, text1);
	/* The lower-case words of the windows (the capitalized words are
	 * c->caps), listed without a branch on what each token is (a test
	 * per token the predictor could not guess), then looked up in one
	 * loop of their own: a window's two words before (not one of an
	 * earlier window: next) and its word after (ti[nt] is zeros, no
	 * word).  An index that does not exist is the capitalized word j
	 * itself, which is not listed.  Then name-likeness, in token order
	 * (token_name() reads the word before's, and the next word's facts:
	 * a capitalized word's, or one listed with j).  By chunks of
	 * capitalized words, so that the list is on the stack. */
	uint32_t low[3 * NER_LOW_CHUNK];
	size_t next = 0;  /* tokens before next are listed */
	for (size_t k0 = 0; k0 < ncaps; k0 += NER_LOW_CHUNK) {
		size_t k1 = ncaps - k0 > NER_LOW_CHUNK ? k0 + NER_LOW_CHUNK : ncaps;
		size_t nlow = 0;
		for (size_t k = k0; k < k1; k++) {
			size_t j = caps[k];
			size_t i2 = j >= 2 ? j - 2 : j, i1 = j >= 1 ? j - 1 : j;
			low[nlow] = (uint32_t)i2;
			nlow += (i2 >= next) & low_word(&ti[i2]);
			low[nlow] = (uint32_t)i1;
			nlow += (i1 >= next) & low_word(&ti[i1]);
			low[nlow] = (uint32_t)(j + 1);  /* (at most 3 k + 2 < 3 * NER_LOW_CHUNK) */
			nlow += low_word(&ti[j + 1]);
			next = j + 2;
		}
		for (size_t q = 0; q < nlow; q++)
			word_facts_low(c, cu, ti, low[q], tok, text, text1);
		for (size_t k = k0; k < k1; k++) {
			size_t j = caps[k];
			token_name(c, j);
			if (c->start[j])
				prefetch_context(c, j);
		}
	}
#ifdef NER_TUNING
	if (getenv("NER_DEBUG"))
		for (size_t i = 0; i < nt; i++)
			fprintf(stderr, "tok '%.*s' namelike %d initial %d blocked %d headline %d w %d gaz %d\n",
			        (int)(doc->tokens[i].end - doc->tokens[i].start), doc->text + doc->tokens[i].start,
			        c->ti[i].namelike, c->ti[i].initial, c->ti[i].blocked, c->ti[i].headline,
			        tk_known(&c->ti[i]), c->ti[i].gaz);
#endif
	return 0;
}

/* ---- scoring ---- */

/* One piece of evidence, formatted only if the candidate is emitted: a
 * static string, a format with one string, or a format with four counts. */
struct evidence {
	const char *fmt;
	const char *str;     /* for "%.*s" formats, or NULL */
	int slen;
	uint32_t n[4];       /* for count formats */
	uint8_t counts;
};

#define NER_MAX_EV 12

struct score {
	double s[NER__COUNT];
	struct gaz_candidate link[3];    /* best gazetteer entry per PER/ORG/LOC */
	bool has_link[3];
	bool link_here[3];               /* ... in a country the article names */
	/* the gazetteer candidates of the span; the place entries among them
	 * (indices, in order) choose link[NER_LOC] only if the span is emitted
	 * as a place (loc_link()): the country test is not made before */
	const struct gaz_candidate *cand;  /* cand_buf, or the word's (struct word_gaz) */
	const struct cand_cc *cand_cc;     /* with the word's: their country codes, or NULL */
	struct gaz_candidate cand_buf[NER_MAX_CANDS];
	uint8_t loc[NER_MAX_CANDS];
	int nloc;
	const char *cue;                 /* main cue: the source name, "ner:<cue>" (static) */
	struct evidence ev[NER_MAX_EV];
	int nev;
	int evmax;                       /* NER_MAX_EV in explain mode, else 0: none kept */
};

/* Evidence is only kept in explain mode (evmax > 0): the recording is out
 * of line and cold, so that the scoring code around the ~30 places that
 * record evidence stays small in the instruction cache (NER's code is
 * loaded again for every document, after the other extractors ran). */
static __attribute__((cold, noinline)) void ev_put(struct score *sc, struct evidence e)
{
	if (sc->nev < sc->evmax)
		sc->ev[sc->nev++] = e;
}

static inline void ev_add(struct score *sc, const char *fixed)
{
	if (__builtin_expect(sc->evmax > 0, 0))
		ev_put(sc, (struct evidence){.fmt = fixed});
}

static inline void ev_str(struct score *sc, const char *fmt, const char *str, size_t n)
{
	if (__builtin_expect(sc->evmax > 0, 0))
		ev_put(sc, (struct evidence){.fmt = fmt, .str = str, .slen = (int)n});
}

/* ev_str() of a C string (its length only taken in explain mode: a strlen()
 * in the arguments was made for every candidate) */
static inline void ev_cstr(struct score *sc, const char *fmt, const char *str)
{
	if (__builtin_expect(sc->evmax > 0, 0))
		ev_put(sc, (struct evidence){.fmt = fmt, .str = str, .slen = (int)strlen(str)});
}

static inline void ev_counts(struct score *sc, const char *fmt, uint32_t a, uint32_t b,
                             uint32_t c, uint32_t d)
{
	if (__builtin_expect(sc->evmax > 0, 0))
		ev_put(sc, (struct evidence){.fmt = fmt, .n = {a, b, c, d}, .counts = 1});
}

/* Append one evidence string to m without copying static ones. */
static void ev_attach(struct document *doc, struct mention *m, const char *s)
{
	const char **nv = arena_realloc(doc->arena, (void *)m->evidence,
	                                m->nevidence * sizeof(char *),
	                                (m->nevidence + 1u) * sizeof(char *));
	if (!nv)
		return;
	nv[m->nevidence++] = s;
	m->evidence = nv;
}

static void ev_emit(struct document *doc, struct mention *m, const struct score *sc)
{
	if (!doc->explain)
		return;
	for (int k = 0; k < sc->nev; k++) {
		const struct evidence *e = &sc->ev[k];
		if (e->counts)
			mention_add_evidence(doc, m, "%s: %u per, %u org, %u loc, %u misc", e->fmt,
			                     e->n[0], e->n[1], e->n[2], e->n[3]);
		else if (e->str)
			mention_add_evidence(doc, m, "%s '%.*s'", e->fmt, e->slen, e->str);
		else
			ev_attach(doc, m, e->fmt);
	}
}

/* Natural log of x > 0 to about 1e-5: the exponent from the bits, and for
 * the mantissa m in [1,2) the series 2(t + t^3/3 + t^5/5 + t^7/7) with
 * t = (m-1)/(m+1) <= 1/3.  Scores only compare sums of these, so libm's last
 * digits buy nothing, and this runs ~30 times per candidate. */
static inline double fast_log(double x)
{
	union {
		double d;
		uint64_t u;
	} v = {.d = x};
	int e = (int)((v.u >> 52) & 0x7ff) - 1023;
	v.u = (v.u & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
	double t = (v.d - 1.0) / (v.d + 1.0), t2 = t * t;
	double lm = 2.0 * t * (1.0 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7))));
	return e * 0.69314718055994531 + lm;
}

/* The terms w * log p over the classes from counts cnt[0..4] (per org loc
 * misc none), smoothed towards the prior with strength k, add to a score,
 * without the weight w. */
static void count_logs(const double cnt[NER__COUNT], double k, double out[NER__COUNT])
{
	double n = 0;
	for (int t = 0; t < NER__COUNT; t++)
		n += cnt[t];
	for (int t = 0; t < NER__COUNT; t++)
		out[t] = fast_log((cnt[t] + k * class_prior[t]) / (n + k));
}

/* The counts score_span() takes from a word statistics row w (of the word,
 * or for an unknown word of its ending) at a position. */
static void word_counts(const struct ner_counts *w, bool initial, bool headline, bool unknown,
                        double cnt[NER__COUNT])
{
	cnt[NER_PER] = w->c[NC_PER];
	cnt[NER_ORG] = w->c[NC_ORG];
	cnt[NER_LOC] = w->c[NC_LOC];
	cnt[NER_MISC] = w->c[NC_MISC];
	cnt[NER_NONE] = w->c[NC_CAP_OTHER];
	if (initial)
		cnt[NER_NONE] += (uint32_t)w->c[NC_CAP_INITIAL];
	/* a sentence-initial unknown word whose ending is mostly lower case
	 * ("Trailing", "Opponents") is an ordinary word */
	if (initial && unknown)
		cnt[NER_NONE] += (uint32_t)w->c[NC_LOWER];
	if (headline)
		cnt[NER_NONE] += (uint32_t)w->c[NC_LOWER] + (uint32_t)w->c[NC_CAP_INITIAL];
}

/* Add w times the log terms (computed at load by row_logs()) to a score. */
static void add_logs(struct score *sc, const double lg[NER__COUNT], double w)
{
	for (int t = 0; t < NER__COUNT; t++)
		sc->s[t] += w * lg[t];
}

/* At load: the log terms of every row of the names table (smoothing 0.5, no
 * "none" count) and of the context tables (smoothing 3), the counts and
 * smoothing score_span() uses, so that scoring a candidate takes no log.
 * They are stored in the row's own cache line (ner_cues_widen()): a hit
 * then costs one miss, not the row's and then its log terms'. */
_Static_assert(NER_WIDE_N == NER__COUNT, "a widened row holds one log term per class");
static int row_logs(struct ner_state *st)
{
	static const enum ner_table tabs[] = {NT_SPANS, NT_LEFT, NT_RIGHT};
	for (size_t k = 0; k < sizeof(tabs) / sizeof(tabs[0]); k++) {
		enum ner_table t = tabs[k];
		size_t ns = ner_cues_nrows(st->cues, t);
		double (*lg)[NER__COUNT] = calloc(ns ? ns : 1, sizeof(*lg));
		if (!lg)
			return -1;
		for (size_t i = 0; i < ns; i++) {
			const struct ner_counts *r = ner_cues_row(st->cues, t, i);
			if (t == NT_SPANS) {
				double cnt[NER__COUNT] = {r->c[NC_PER], r->c[NC_ORG], r->c[NC_LOC],
				                          r->c[NC_MISC], 0};
				count_logs(cnt, 0.5, lg[i]);
			} else {
				double cnt[NER__COUNT] = {r->c[0], r->c[1], r->c[2], r->c[3], r->c[4]};
				count_logs(cnt, 3.0, lg[i]);
			}
		}
		int rc = ner_cues_widen(st->cues, t, (const double (*)[NER_WIDE_N])lg);
		free(lg);
		if (rc < 0)
			return -1;
	}
	/* the word rows, at the four positions (smoothing 1) */
	size_t nw = ner_cues_nrows(st->cues, NT_WORDS);
	for (int v = 0; v < 4; v++) {
		st->word_rows[v] = ner_cues_hot_alloc(st->cues, (nw ? nw : 1) * sizeof(*st->word_rows[v]));
		if (!st->word_rows[v])
			return -1;
		for (size_t i = 0; i < nw; i++) {
			double cnt[NER__COUNT];
			word_counts(ner_cues_row(st->cues, NT_WORDS, i), v & 1, v & 2, false, cnt);
			count_logs(cnt, 1.0, st->word_rows[v][i].lg);
		}
	}
	return 0;
}

/* Suffix statistics of token i ("~" + last three folded letters of a word of
 * five or more ASCII letters), or NULL. */
static const struct ner_counts *suffix_row(const struct ner_ctx *c, size_t i)
{
	/* the folded key (ner_fold() of the token into 128 bytes) read in
	 * place: a token has no white space, so it is the token in lower
	 * case, its possessive cut, or nothing from 128 bytes on; only ASCII
	 * letters are wanted */
	const struct token *t = &c->doc->tokens[i];
	const char *s = c->doc->text + t->start;
	size_t kn = t->end - t->start;
	if (kn >= 128)
		return NULL;
	if (kn > 2 && (s[kn - 1] | 0x20) == 's' && s[kn - 2] == '\'')
		kn -= 2;
	else if (kn > 4 && (s[kn - 1] | 0x20) == 's' && !memcmp(s + kn - 4, "\xe2\x80\x99", 3))
		kn -= 4;
	if (kn < 5)
		return NULL;
	for (size_t k = 0; k < kn; k++)
		if ((unsigned)((s[k] | 0x20) - 'a') > 'z' - 'a')
			return NULL;
	/* the key "~xyz" hashed in line (ner_hash() of four bytes: one word,
	 * zero-padded), looked up without a call */
	uint64_t kw = (uint64_t)'~' | (uint64_t)(uint8_t)(s[kn - 3] | 0x20) << 8 |
	              (uint64_t)(uint8_t)(s[kn - 2] | 0x20) << 16 |
	              (uint64_t)(uint8_t)(s[kn - 1] | 0x20) << 24;
	const struct ner_counts *w = ner_cues_get_h(c->st->cues, NT_SUFFIX,
	                                            nh_finish(hm_step(NER_HASH_SEED, kw), 4));
	return w && row_entity(w) + w->c[NC_CAP_OTHER] + w->c[NC_CAP_INITIAL] >= 5 ? w : NULL;
}

/* Add the ISO code of the country entry named name to cc[] (if new). */
static void country_code(struct ner_ctx *c, const char *name)
{
	struct country_cc one;
	const struct country_cc *k = NULL;
	size_t lo = 0, hi = c->st->nccs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)c->st->ccs[mid].canonical < (uintptr_t)name)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->st->nccs && c->st->ccs[lo].canonical == name) {
		k = &c->st->ccs[lo];
	} else {
		lookup_country(c->st->gaz, name, &one);
		k = &one;
	}
	if (!k->has)
		return;
	bool seen = false;
	for (size_t q = 0; q < c->ncc && !seen; q++)
		seen = !memcmp(c->cc[q], k->cc, 2);
	if (!seen) {
		memcpy(c->cc[c->ncc], k->cc, 2);
		c->cc[c->ncc++][2] = 0;
	}
}

/* The ISO codes of the countries the article names (cc[], ncc), from the
 * canonical names token_facts() collected; once per document. */
static void article_countries(struct ner_ctx *c)
{
	c->countries_done = true;
	if (c->ncountry_names < NER_COUNTRY_NAMES) {
		for (size_t k = 0; k < c->ncountry_names && c->ncc < 16; k++)
			country_code(c, c->country_names[k]);
		return;
	}
	/* (from token_facts(), the mentions as the other extractors left them) */
	const struct document *doc = c->doc;
	const char *done[16];
	size_t ndone = 0;
	for (size_t k = 0; k < doc->mentions.n && c->ncc < 16; k++) {
		const struct mention *m = &doc->mentions.v[k];
		if (!is_gaz_name(m) || !m->link.list || strcmp(m->link.list, "countries") ||
		    !m->link.canonical)
			continue;
		bool again = false;
		for (size_t q = 0; q < ndone && !again; q++)
			again = done[q] == m->link.canonical;
		if (again)
			continue;
		if (ndone < 16)
			done[ndone++] = m->link.canonical;
		country_code(c, m->link.canonical);
	}
}

/* Is candidate g in one of the countries the article names? */
static bool in_article_country(struct ner_ctx *c, const struct gaz_candidate *g,
                               const struct cand_cc *gcc)
{
	if (!c->countries_done)
		article_countries(c);
	const char *v;
	size_t vl;
	if (!c->ncc)
		return false;
	if (gcc) {
		/* (made at load) */
		if (!gcc->has)
			return false;
		v = gcc->cc;
	} else if (!gaz_attr(g->attrs, "cc", &v, &vl) || vl != 2) {
		return false;
	}
	for (size_t q = 0; q < c->ncc; q++)
		if (!memcmp(c->cc[q], v, 2))
			return true;
	return false;
}

/* ner_hash() of the folded text of tokens [a,b) (possessive of the last
 * cut), 0 if it does not fold into 256 bytes.  The last span is cached: a
 * candidate is hashed by run_candidate(), score_span() and remember(). */
static __attribute__((noinline)) uint64_t span_hash_compute(struct ner_ctx *c, size_t a, size_t b)
{
	const struct document *doc = c->doc;
	c->span_a = a;
	c->span_b = b;
	size_t len = doc->tokens[b - 1].end - doc->tokens[a].start;
	/* one token: its own hash (the same value below 128 bytes) */
	if (b == a + 1 && len > 0 && len < 128) {
		c->span_h = tok_hash(c, a);
		return c->span_h;
	}
	/* tokens at most one space apart fold without collapsing runs */
	bool single = true;
	for (size_t i = a + 1; i < b && single; i++) {
		uint32_t gap = doc->tokens[i].start - doc->tokens[i - 1].end;
		single = gap == 0 || (gap == 1 && doc->text[doc->tokens[i - 1].end] == ' ');
	}
	const char *s = doc->text + doc->tokens[a].start;
	if (single)
		c->span_h = ner_fold_hash_run(s, len, 256, doc->len + 1 - doc->tokens[a].start);
	else
		c->span_h = ner_fold_hash(s, len, 256);
	return c->span_h;
}

/* (the cached answer inline: a candidate asks three to four times) */
static inline uint64_t span_hash(struct ner_ctx *c, size_t a, size_t b)
{
	if (c->span_b == b && c->span_a == a)
		return c->span_h;
	/* one token already hashed, shorter than 128 bytes: its hash (as
	 * span_hash_compute() would answer), without the call */
	const struct token *t = &c->doc->tokens[a];
	if (b == a + 1 && c->ti[a].h && t->end > t->start && t->end - t->start < 128) {
		c->span_a = a;
		c->span_b = b;
		c->span_h = c->ti[a].h;
		return c->span_h;
	}
	return span_hash_compute(c, a, b);
}

/* The names table row of a span hash h (NULL for none, or h 0); the last
 * answer is kept: run_candidate() and score_span() mostly ask for the same
 * span. */
static const struct ner_wide *span_row(struct ner_ctx *c, uint64_t h)
{
	if (!h)
		return NULL;
	if (h != c->sprow_h) {
		c->sprow_h = h;
		c->sprow = ner_cues_get_wide(c->st->cues, NT_SPANS, h);
	}
	return c->sprow;
}

/* The log terms of unknown word i from the statistics of its ending
 * (false: none). */
static __attribute__((noinline)) bool suffix_logs(const struct ner_ctx *c, size_t i,
                                                  double lg[NER__COUNT])
{
	const struct ner_counts *w = suffix_row(c, i);
	if (!w)
		return false;
	double cnt[NER__COUNT];
	word_counts(w, c->ti[i].initial, c->ti[i].headline, true, cnt);
	count_logs(cnt, 1.0, lg);
	return true;
}

/* Is token a a word with "'s" ('S) that the tokenizer marked a possessive
 * (a word of the table with it: its folded key is the word's)? */
static inline bool apos_s(const struct document *doc, size_t a)
{
	const struct token *t = &doc->tokens[a];
	const char *s = doc->text + t->end;
	return (t->flags & TF_POSSESSIVE) && t->end - t->start > 2 && s[-2] == '\'' &&
	       (s[-1] | 0x20) == 's';
}

/* The case WG_* in which the answers made at load for the frequent name
 * of several words of names row sp (*nm) are span [a,b)'s, or -1: the span
 * has the name's tokens (as many, starting at the same bytes: the folded
 * text is the row's), words without a possessive, every one capitalized
 * and either none or every one all caps.  (What gaz_lookup_tokens() reads
 * of the tokens: the same units, and the same case facts as the case's.) */
static inline int multi_case(const struct ner_ctx *c, size_t a, size_t b,
                             const struct ner_wide *sp, struct name_multi *nm)
{
	const struct document *doc = c->doc;
	memcpy(nm, sp->user, sizeof(*nm));
	if (nm->set != NAME_MULTI || nm->ntok != b - a)
		return -1;
	uint32_t base = doc->tokens[a].start;
	if (doc->tokens[b - 1].end - base > NAME_MULTI_LEN)
		return -1;
	uint32_t starts = 0;
	size_t capital = 0, allcaps = 0;
	for (size_t i = a; i < b; i++) {
		const struct token *t = &doc->tokens[i];
		if (t->type != TOK_WORD || (t->flags & TF_POSSESSIVE))
			return -1;
		starts |= 1u << (t->start - base);
		capital += (t->flags & (TF_CAP | TF_ALLCAPS)) != 0;
		allcaps += (t->flags & TF_ALLCAPS) != 0;
	}
	if (starts != nm->starts || capital != b - a || possessive_shape(doc, b - 1))
		return -1;
	if (allcaps)
		return allcaps == b - a ? WG_ALLCAPS : -1;
	return doc->tokens[a].flags & TF_SENT_START ? WG_CAP_INITIAL : WG_CAP;
}

/* The gazetteer's evidence for span [a,b) (none_known: the statistics know
 * none of its words).  Out of line, as are the other large and rarer parts
 * of score_span(): NER's code is loaded again for every document, after the
 * other extractors ran, and a compact scoring path takes fewer
 * instruction-cache misses. */
static __attribute__((noinline)) void gaz_evidence(struct ner_ctx *c, size_t a, size_t b,
                                                   bool none_known, const struct ner_wide *sp,
                                                   struct score *sc)
{
	struct document *doc = c->doc;
	size_t n = b - a;
	/* gazetteer candidates for the span */
	const struct gaz_candidate *cand = sc->cand_buf;
	/* their case_ok as made at load for this case (WG_*), or NULL:
	 * cand[k].case_ok */
	const uint8_t *okv = NULL;
	unsigned okcase = 0;
	/* A longer span the gazetteer extractor did not start a hit at has no
	 * usable entry (it takes the longest match at every start); one-word
	 * spans are looked up always (persons, common words, case policy). */
	size_t nc = 0;
	/* (a word whose entries are all of kinds the loop below skips, or that
	 * has none: nothing to look up) */
	const struct tinfo *x = &c->ti[a];
	unsigned tf = doc->tokens[a].flags;
	/* (the word's answers: in its word row, which score_span() read, or
	 * for a word that is a frequent name in its names row, which
	 * score_span() read in place of the word row) */
	struct word_gaz spg;
	const struct word_gaz *wg = NULL;
	struct name_multi nm;
	uint32_t eff = 0;  /* the effects made at load: their first (case WG_CAP) */
	if (tk_known(x) && n == 1 && sp) {
		memcpy(&spg, sp->user, sizeof(spg));
		wg = &spg;
	} else if (tk_known(x)) {
		wg = &c->st->word_rows[wlog_variant(x)][x->wrow].g;
	}
	if (n == 1 && wg && wg->set && (tf & (TF_CAP | TF_ALLCAPS)) &&
	    (x->kinds_pre || ((wg->set & WG_POSS_SAME) && apos_s(doc, a)))) {
		/* a capitalized word of the table, not a possessive
		 * (kinds_pre), or with "'s" when that gets the same answers:
		 * its answer made at load (in the line of its log terms,
		 * which score_span() read) */
		cand = c->st->wg_cand + wg->first;
		okv = c->st->wg_ok + wg->first;
		sc->cand_cc = c->st->wg_cc + wg->first;
		okcase = tf & TF_ALLCAPS ? WG_ALLCAPS : tf & TF_SENT_START ? WG_CAP_INITIAL : WG_CAP;
		nc = wg->total;
		eff = wg->eff;
	} else if ((n == 1 && !(x->kinds_pre && !(x->kinds_any & SCORED_KINDS))) ||
	           (n > 1 && x->gaz >= 0)) {
		int mc;
		if (n > 1 && sp && (mc = multi_case(c, a, b, sp, &nm)) >= 0) {
			/* a frequent name of several words: its answer made at
			 * load (multi_gaz_make()) */
			cand = c->st->wg_cand + nm.first;
			okv = c->st->wg_ok + nm.first;
			sc->cand_cc = c->st->wg_cc + nm.first;
			okcase = (unsigned)mc;
			nc = nm.total;
			eff = nm.eff;
		} else {
			nc = gaz_lookup_tokens(c->st->gaz, doc, a, b, sc->cand_buf, NER_MAX_CANDS);
		}
	}
	sc->cand = cand;
	if (!nc)
		return;  /* (no candidate: no effect) */
	struct gaz_effect own;
	const struct gaz_effect *ef = &own;
	if (okv && !none_known)
		ef = &c->st->wg_eff[eff + okcase];  /* made at load */
	else
		gaz_effect_of(c->st, cand, nc, okv, okcase, n, none_known, &own);
	/* (in the order the candidates gave them: the demonym's term first,
	 * the links, the place entries, the mass) */
	if (ef->demonym) {
		sc->s[NER_MISC] += W_DEMONYM;
		ev_add(sc, "demonym");
	}
	for (int t = 0; t < 2; t++) {
		if (ef->link[t] >= 0) {
			sc->link[t] = cand[ef->link[t]];
			sc->has_link[t] = true;
		}
	}
	for (unsigned m = ef->locmask; m; m &= m - 1)
		sc->loc[sc->nloc++] = (uint8_t)__builtin_ctz(m);
	if (ef->has_mass) {
		for (int t = 0; t < NER__COUNT; t++)
			sc->s[t] += ef->add[t];
		if (ef->glist && sc->evmax)
			ev_cstr(sc, "gazetteer list", ef->glist);
		if (!sc->cue)
			sc->cue = "ner:gazetteer";
	}
	/* a town or region heading a row of numbers (a results table, standings)
	 * names the team, not the place; countries stay places */
	if (ef->town && !ef->country && c->ti[a].row && b < doc->ntokens &&
	    doc->tokens[b].type == TOK_NUMBER) {
		sc->s[NER_ORG] += W_TEAM;
		ev_add(sc, "place name heading a row of numbers (team)");
		sc->cue = "ner:team";
	}
}

/* Shapes of an unknown one-word name at token a. */
static __attribute__((noinline)) void unknown_shape(struct ner_ctx *c, size_t a, struct score *sc)
{
	struct document *doc = c->doc;
	/* shapes of unknown one-word names: an acronym in mixed-case text
	 * ("OSCE", "CFDT") is mostly an organization, as is a word ending in
	 * a business head ("NationsBank", "KeyCorp") */
	const struct token *t = &doc->tokens[a];
	size_t len = t->end - t->start - tok_possessive_len(doc, t);
	const char *w = doc->text + t->start;
	if ((t->flags & TF_ALLCAPS) && !c->ti[a].headline && len >= 2 && len <= 6 &&
	    !(t->flags & TF_ABBREV)) {
		sc->s[NER_ORG] += W_ACRONYM;
		ev_add(sc, "acronym shape");
	}
	/* camel case ("OpenAI", "BellSouth"), but not "McDonald", "DiCaprio" */
	for (size_t i = 2; i < len; i++) {
		if (w[i] >= 'A' && w[i] <= 'Z' && w[i - 1] >= 'a' && w[i - 1] <= 'z') {
			static const char *const pre[] = {"Mc", "Mac", "Di", "De", "Le", "La",
			                                  "Van", "Von", "Du", "Da", NULL};
			bool person = false;
			for (const char *const *q = pre; *q && !person; q++)
				person = strlen(*q) == i && !memcmp(w, *q, i);
			if (!person) {
				sc->s[NER_ORG] += W_ACRONYM;
				ev_add(sc, "camel case");
			}
			break;
		}
	}
	static const char *const org_suffix[] = {"Bank", "bank", "Corp", "Tel", "Com", "Soft",
	                                          "Tech", NULL};
	for (const char *const *x = org_suffix; *x; x++) {
		size_t xl = strlen(*x);
		if (len > xl + 2 && !memcmp(w + len - xl, *x, xl)) {
			sc->s[NER_ORG] += W_ACRONYM;
			ev_add(sc, "business suffix");
			break;
		}
	}
}

/* What the article already said about span [a,b) (hash full). */
static __attribute__((noinline)) void memo_evidence(struct ner_ctx *c, size_t a, size_t b,
                                                    uint64_t full, struct score *sc)
{
	struct document *doc = c->doc;
	size_t n = b - a;
	uint64_t h1 = tok_hash(c, a), hl = tok_hash(c, b - 1);
	/* a span of several words can only be the same name (every test
	 * after the first wants one word) */
	bool maybe = memo_maybe(c->memo_full, full) ||
	             (n == 1 && (memo_maybe(c->memo_one, full) || memo_maybe(c->memo_one, h1) ||
	                         memo_maybe(c->memo_one, hl)));
	for (size_t k = maybe ? c->nmemo : 0; k-- > 0;) {
		const struct memo *m = &c->memo[k];
		/* (what every test below needs, first: the same full name, or
		 * for one word its acronym or short form; the tests read more
		 * of the memo and the scan mostly passes memos of other names) */
		if (m->full != full && (n != 1 || (m->acronym != full && m->part != h1)))
			continue;
		if (m->full == full) {
			sc->s[m->type] += W_SAME;
			ev_cstr(sc, "same name as before", class_name[m->type]);
			sc->cue = "ner:coref";
			break;
		}
		if (n == 1 && m->acronym == full) {
			sc->s[m->type] += 4.0;
			ev_cstr(sc, "acronym defined before", class_name[m->type]);
			sc->cue = "ner:acronym";
			break;
		}
		if (n < m->ntok && m->type == NER_PER && hl == m->part && n == 1) {
			sc->s[NER_PER] += W_SHORT_PER;
			ev_add(sc, "short form of an earlier person");
			sc->cue = "ner:coref";
			break;
		}
		/* a place opening an organization's name ("Japan Airlines") is
		 * not its short form */
		if (n < m->ntok && m->type != NER_PER && h1 == m->part && n == 1 &&
		    !(c->ti[a].cls & (NCC_ORG_HEAD | NCC_LOC_HEAD)) &&
		    !(m->type == NER_ORG && (tok_kinds(c, a, true) & KIND(LOCATION)))) {
			sc->s[m->type] += W_SHORT_OTHER;
			ev_cstr(sc, "short form of an earlier", class_name[m->type]);
			sc->cue = "ner:coref";
			break;
		}
	}
	/* acronym in parentheses right after a name: takes that name's type */
	if (n == 1 && a >= 2 && b < doc->ntokens && (doc->tokens[a].flags & TF_ALLCAPS) &&
	    doc->text[doc->tokens[a - 1].start] == '(' && doc->text[doc->tokens[b].start] == ')') {
		for (size_t k = c->nmemo; k-- > 0;) {
			const struct memo *m = &c->memo[k];
			if (m->ntok >= 2 && m->acronym == full) {
				sc->s[m->type] += 4.0;
				ev_add(sc, "acronym of the name before");
				sc->cue = "ner:acronym";
				break;
			}
		}
	}
}

/* Can memo_evidence() find anything for span [a,b) (hash full)?  The same
 * bit tests it starts with, and the shape its acronym test needs, inline:
 * most candidates match no memo, and the call cost more than the tests. */
static inline bool memo_may_match(struct ner_ctx *c, size_t a, size_t b, uint64_t full)
{
	if (!c->nmemo)
		return false;
	if (b - a > 1)
		return memo_maybe(c->memo_full, full);
	return memo_maybe(c->memo_full, full) || memo_maybe(c->memo_one, full) ||
	       memo_maybe(c->memo_one, tok_hash(c, a)) ||
	       (c->doc->tokens[a].flags & TF_ALLCAPS);
}

/* score_span() of a one-word candidate [a,b) whose word is a frequent name
 * (names row sp) with gazetteer answers made at load: its score up to its
 * gazetteer evidence, summed at load (name_effects()), the links and place
 * entries, the team test; false (nothing done) for any other.  Most
 * one-word candidates are such names; score_span() took the names row's
 * terms and gaz_evidence() for each.  (Not in explain mode, which lists
 * the evidence.) */
static inline bool name_fast(struct ner_ctx *c, size_t a, size_t b, const struct ner_wide *sp,
                             struct score *sc)
{
	const struct tinfo *x = &c->ti[a];
	const struct document *doc = c->doc;
	unsigned tf = doc->tokens[a].flags;
	struct name_gaz ng;
	memcpy(&ng, sp->user, sizeof(ng));
	/* (the conditions under which gaz_evidence() takes the answers made
	 * at load from the names row; wg.set implies a scored kind) */
	if (!ng.fast || !tk_known(x) || !(tf & (TF_CAP | TF_ALLCAPS)) ||
	    !(x->kinds_pre || ((ng.g.set & WG_POSS_SAME) && apos_s(doc, a))))
		return false;
	unsigned okcase = tf & TF_ALLCAPS ? WG_ALLCAPS : tf & TF_SENT_START ? WG_CAP_INITIAL : WG_CAP;
	const struct gaz_effect *ef = &c->st->nm_eff[ng.fast - 1 + okcase];
	const struct gaz_candidate *cand = c->st->wg_cand + ng.g.first;
	for (int t = 0; t < NER__COUNT; t++)
		sc->s[t] = ef->add[t];
	sc->cue = "ner:names";
	sc->cand = cand;
	sc->cand_cc = c->st->wg_cc + ng.g.first;
	for (int t = 0; t < 2; t++) {
		if (ef->link[t] >= 0) {
			sc->link[t] = cand[ef->link[t]];
			sc->has_link[t] = true;
		}
	}
	for (unsigned m = ef->locmask; m; m &= m - 1)
		sc->loc[sc->nloc++] = (uint8_t)__builtin_ctz(m);
	if (ef->town && !ef->country && x->row && b < doc->ntokens &&
	    doc->tokens[b].type == TOK_NUMBER) {
		sc->s[NER_ORG] += W_TEAM;
		sc->cue = "ner:team";
	}
	return true;
}

/* score_span() of a candidate [a,b) of several words that is a frequent
 * name (names row sp) with answers made at load, in case WG_CAP, every
 * word at position 0: its score up to its gazetteer evidence (or without
 * any, when the gazetteer extractor started no name at a) made at load
 * (multi_base()), the links and place entries, the team test; false
 * (nothing done) for any other.  (Not in explain mode.) */
static inline bool multi_fast(struct ner_ctx *c, size_t a, size_t b, const struct ner_wide *sp,
                              struct score *sc)
{
	struct name_multi nm;
	int mc = multi_case(c, a, b, sp, &nm);
	if (mc != WG_CAP && mc != WG_CAP_INITIAL)
		return false;
	/* (WG_CAP_INITIAL: the first word at a sentence start, which is
	 * initial) */
	for (size_t i = a; i < b; i++)
		if ((c->ti[i].initial && i > a) || c->ti[i].headline)
			return false;
	if (c->ti[a].initial != (mc == WG_CAP_INITIAL))
		return false;
	bool gaz = c->ti[a].gaz >= 0;
	const struct gaz_effect *ef =
		&c->st->wg_eff[nm.eff + WG__COUNT + (mc == WG_CAP_INITIAL ? 2 : 0) + (gaz ? 0 : 1)];
	for (int t = 0; t < NER__COUNT; t++)
		sc->s[t] = ef->add[t];
	sc->cue = "ner:names";
	if (!gaz)
		return true;
	const struct gaz_candidate *cand = c->st->wg_cand + nm.first;
	sc->cand = cand;
	sc->cand_cc = c->st->wg_cc + nm.first;
	if (!nm.total)
		return true;
	for (int t = 0; t < 2; t++) {
		if (ef->link[t] >= 0) {
			sc->link[t] = cand[ef->link[t]];
			sc->has_link[t] = true;
		}
	}
	for (unsigned m = ef->locmask; m; m &= m - 1)
		sc->loc[sc->nloc++] = (uint8_t)__builtin_ctz(m);
	const struct document *doc = c->doc;
	if (ef->town && !ef->country && c->ti[a].row && b < doc->ntokens &&
	    doc->tokens[b].type == TOK_NUMBER) {
		sc->s[NER_ORG] += W_TEAM;
		sc->cue = "ner:team";
	}
	return true;
}

static void score_span(struct ner_ctx *c, size_t a, size_t b, bool titled, struct score *sc)
{
	struct document *doc = c->doc;
	const struct ner_cues *cu = c->st->cues;
	size_t n = b - a;
	for (int t = 0; t < NER__COUNT; t++)
		sc->s[t] = c->st->log_prior[t];
	sc->s[NER_NONE] += W_NONE;
	uint64_t full = span_hash(c, a, b);
	/* The rows of the names and context tables (their log terms in the
	 * same line) are looked up first, their sums added below (in that
	 * order, which the sums keep). */
	const struct ner_wide *sp = span_row(c, full);
	/* context words: the token before and after ("<bol>"/"<eol>" at a line
	 * edge, "<num>" for a number) */
	bool ltok = a > 0 && !(doc->tokens[a].flags & TF_NEWLINE_BEFORE) &&
	            doc->tokens[a - 1].type != TOK_NUMBER;
	bool lnum = a > 0 && !(doc->tokens[a].flags & TF_NEWLINE_BEFORE);
	const struct ner_wide *lrow = ner_cues_get_wide(
		cu, NT_LEFT, ltok ? tok_hash(c, a - 1) : lnum ? c->st->h_num : c->st->h_bol);
	bool rtok = b < doc->ntokens && !(doc->tokens[b].flags & TF_NEWLINE_BEFORE) &&
	            doc->tokens[b].type != TOK_NUMBER;
	bool rnum = b < doc->ntokens && !(doc->tokens[b].flags & TF_NEWLINE_BEFORE);
	const struct ner_wide *rrow = ner_cues_get_wide(
		cu, NT_RIGHT, rtok ? tok_hash(c, b) : rnum ? c->st->h_num : c->st->h_eol);
	/* a frequent name: its score so far made at load */
	if (sp && !sc->evmax && (n == 1 ? name_fast(c, a, b, sp, sc) : multi_fast(c, a, b, sp, sc)))
		goto context;
	/* word statistics, averaged over the known words */
	double wsum[NER__COUNT] = {0};
	int known = 0, unknown = 0;
	double kw = 0;
	/* (a one-word name in the names table: the same counts again, skip) */
	for (size_t i = a; i < b && !(sp && n == 1); i++) {
		const struct tinfo *x = &c->ti[i];
		if (!x->word || !x->cap)
			continue;
		if (tk_known(x)) {
			/* a known word: its log terms were computed at load */
			word_stat_add(wsum, &kw, c->st->word_rows[wlog_variant(x)][x->wrow].lg, 1.0);
			known++;
			continue;
		}
		unknown++;
		/* an unknown word: the statistics of its last three letters */
		double lg[NER__COUNT];
		if (!suffix_logs(c, i, lg))
			continue;
		word_stat_add(wsum, &kw, lg, W_SUFFIX);
	}
	/* the whole name in the frequent-names table */
	if (sp) {
		add_logs(sc, sp->x, W_NAMES);
		if (sc->evmax) {
			/* (the counts are not in the widened row) */
			const struct ner_counts *v = ner_cues_get_h(cu, NT_SPANS, full);
			ev_counts(sc, "frequent name", v->c[NC_PER], v->c[NC_ORG], v->c[NC_LOC],
			          v->c[NC_MISC]);
		}
		sc->cue = "ner:names";
	}
	if (kw > 0) {
		for (int t = 0; t < NER__COUNT; t++)
			sc->s[t] += W_WORDS * wsum[t] / kw;
		ev_add(sc, "word statistics");
		if (!sc->cue)
			sc->cue = "ner:words";
	}
	if (unknown && !c->ti[a].headline)
		sc->s[NER_NONE] -= W_UNKNOWN * unknown / n;
	/* (a call only when gaz_evidence() has candidates to look at: a one-word
	 * span not known to have no kind it scores, a longer one the gazetteer
	 * extractor started a name at) */
	if (n == 1 ? !(c->ti[a].kinds_pre && !(c->ti[a].kinds_any & SCORED_KINDS))
	           : c->ti[a].gaz >= 0)
		gaz_evidence(c, a, b, known == 0 && !sp, sp, sc);
	/* shapes of unknown one-word names (unknown_shape()) */
	if (n == 1 && !known && !sp)
		unknown_shape(c, a, sc);
context:
	/* a listed organization opening a longer name ("Yahoo Japan", "Sony
	 * Europe"): the longer name is that organization's unit */
	if (n >= 2 && c->ti[a].gaz >= 0) {
		const struct mention *gm = &doc->mentions.v[c->ti[a].gaz];
		if (gm->type == MT_ORGANIZATION && gm->end < doc->tokens[b - 1].end) {
			sc->s[NER_ORG] += W_ORG_FIRST;
			ev_add(sc, "listed organization first");
		}
	}
	/* person shape: a given name first, a surname last */
	if (n >= 2 && n <= 4 && !c->ti[a].headline) {
		if (tok_kinds(c, a, false) & KIND(GIVEN_NAME)) {
			sc->s[NER_PER] += W_GIVEN;
			ev_add(sc, "given name first");
			if (!sc->cue || !sp)
				sc->cue = "ner:given-name";
		}
		if (tok_kinds(c, b - 1, false) & KIND(SURNAME)) {
			sc->s[NER_PER] += 0.5;
			ev_add(sc, "surname last");
		}
	}
	/* titles before, heads last */
	if (titled) {
		sc->s[NER_PER] += W_TITLE;
		ev_add(sc, "title before");
		sc->cue = cue_title;
	}
	unsigned lastcls = c->ti[b - 1].cls;
	/* "Bank of England", "University of Tokyo": an organization head before
	 * "of"/"for" inside the name */
	for (size_t i = a + 1; i + 1 < b; i++) {
		if ((c->ti[i - 1].cls & NCC_ORG_HEAD) && c->ti[i].word && !c->ti[i].cap &&
		    (tok_eq(doc, &doc->tokens[i], "of") || tok_eq(doc, &doc->tokens[i], "for"))) {
			sc->s[NER_ORG] += W_ORG_HEAD;
			ev_add(sc, "organization head before of/for");
			break;
		}
	}
	if (n >= 2 && (lastcls & NCC_ORG_HEAD)) {
		sc->s[NER_ORG] += W_ORG_HEAD;
		ev_add(sc, "organization head last");
		if (!sp)
			sc->cue = cue_org_head;
	}
	if (n >= 2 && (lastcls & NCC_LOC_HEAD)) {
		sc->s[NER_LOC] += W_LOC_HEAD;
		ev_add(sc, "location head last");
		if (!sp)
			sc->cue = "ner:loc-head";
	}
	/* "Defence Minister", "Foreign Secretary": a capitalized title word
	 * right after makes the run part of the title, unless it is a known place
	 * ("U.S. President") */
	if (b < doc->ntokens && c->ti[b].cap && !c->ti[b].namelike && (c->ti[b].cls & NCC_TITLE) &&
	    !(doc->tokens[b].flags & TF_POSSESSIVE)) {
		sc->s[NER_NONE] += W_TITLE_AFTER;
		ev_add(sc, "title word after");
	}
	/* apposition: "X, Lithuania's defence minister", "X, a spokesman for" */
	if (b + 1 < doc->ntokens && doc->text[doc->tokens[b].start] == ',' &&
	    doc->tokens[b].end == doc->tokens[b].start + 1) {
		for (size_t i = b + 1; i < doc->ntokens && i <= b + 5; i++) {
			if (c->ti[i].cls & NCC_TITLE) {
				sc->s[NER_PER] += W_APPOS;
				ev_add(sc, "role in apposition");
				break;
			}
			if (doc->tokens[i].type == TOK_PUNCT || (c->ti[i].cls & NCC_PERSON_VERB))
				break;
		}
	}
	/* "moved to X", "based in X", "born in X" */
	if (a >= 2 && (c->ti[a - 1].cls & NCC_LOC_PREP) && (c->ti[a - 2].cls & NCC_LOC_VERB)) {
		sc->s[NER_LOC] += 3.0;
		ev_add(sc, "location verb before");
		sc->cue = "ner:loc-verb";
	}
	/* context words (looked up above) */
	if (lrow) {
		add_logs(sc, lrow->x, W_CTX);
		if (sc->evmax)
			ev_str(sc, "word before:", ltok ? doc->text + doc->tokens[a - 1].start :
			                                  lnum ? "<num>" : "<bol>",
			       ltok ? doc->tokens[a - 1].end - doc->tokens[a - 1].start : 5);
	}
	if (rrow) {
		add_logs(sc, rrow->x, W_CTX);
		if (sc->evmax)
			ev_str(sc, "word after:", rtok ? doc->text + doc->tokens[b].start :
			                                 rnum ? "<num>" : "<eol>",
			       rtok ? doc->tokens[b].end - doc->tokens[b].start : 5);
	}
	if (b < doc->ntokens && (c->ti[b].cls & NCC_PERSON_VERB))
		sc->s[NER_PER] += 0.3;
	if (memo_may_match(c, a, b, full))
		memo_evidence(c, a, b, full, sc);
}

/* ---- runs ---- */

/* Is token i a connector that may join the run ending at i-1 to i+1? */
static bool joins(const struct ner_ctx *c, size_t i)
{
	const struct document *doc = c->doc;
	if (i == 0 || i + 1 >= doc->ntokens)
		return false;
	/* (the common case, a run's end at an ordinary word: both ways below
	 * need one of these) */
	if (!(c->ti[i].cls & NCC_CONNECTOR) && !c->ti[i + 1].namelike)
		return false;
	/* two particles: "van der", "de la" */
	if (i + 2 < doc->ntokens && c->ti[i].word && !c->ti[i].cap && c->ti[i + 1].word &&
	    !c->ti[i + 1].cap && (c->ti[i].cls & NCC_CONNECTOR) && (c->ti[i + 1].cls & NCC_CONNECTOR) &&
	    c->ti[i - 1].namelike && c->ti[i + 2].namelike && !c->ti[i + 2].initial &&
	    !tok_eq(doc, &doc->tokens[i], "of") && !tok_eq(doc, &doc->tokens[i], "and") &&
	    !tok_eq(doc, &doc->tokens[i + 1], "and"))
		return true;
	const struct tinfo *p = &c->ti[i - 1], *x = &c->ti[i], *q = &c->ti[i + 1];
	if (!p->namelike || !q->namelike || q->initial)
		return false;
	if (doc->tokens[i - 1].flags & TF_POSSESSIVE)
		return false;
	const struct token *t = &doc->tokens[i];
	/* a gazetteer hit across the connector */
	for (size_t j = i; j-- > 0 && i - j < NER_MAX_SPAN;) {
		if (c->ti[j].gaz >= 0 && doc->mentions.v[c->ti[j].gaz].end > t->end)
			return true;
		if (!c->ti[j].namelike)
			break;
	}
	if (t->type == TOK_PUNCT)
		return t->end - t->start == 1 && doc->text[t->start] == '&';
	if (!x->word || x->cap || !(x->cls & NCC_CONNECTOR))
		return false;
	if (tok_eq(doc, t, "of") || tok_eq(doc, t, "for"))
		return (p->cls & NCC_OF_HEAD) != 0;
	if (tok_eq(doc, t, "and"))
		return false;
	return true;
}

/* Record a decision in the article memory. */
static void remember(struct ner_ctx *c, size_t a, size_t b, int type)
{
	if (c->nmemo == NER_MEMORY)
		return;
	uint64_t full = span_hash(c, a, b);
	if (!full)
		return;
	struct memo *m = &c->memo[c->nmemo++];
	m->full = full;
	m->type = (uint8_t)type;
	m->ntok = (uint8_t)(b - a > 255 ? 255 : b - a);
	m->part = m->ntok < 2 ? 0 : type == NER_PER ? tok_hash(c, b - 1) : tok_hash(c, a);
	m->acronym = 0;
	/* "Name (ACR)" */
	const struct document *doc = c->doc;
	if (b + 2 < doc->ntokens && doc->text[doc->tokens[b].start] == '(' &&
	    (doc->tokens[b + 1].flags & TF_ALLCAPS) && doc->text[doc->tokens[b + 2].start] == ')')
		m->acronym = tok_hash(c, b + 1);
	memo_mark(c->memo_full, m->full);
	memo_mark(c->memo_one, m->acronym);
	if (m->ntok >= 2)
		memo_mark(c->memo_one, m->part);
}

/* link[NER_LOC]: the place entry of best prior among the span's candidates,
 * or the first in a country the article names. */
static void loc_link(struct ner_ctx *c, struct score *sc)
{
	for (int q = 0; q < sc->nloc; q++) {
		const struct gaz_candidate *g = &sc->cand[sc->loc[q]];
		bool here = in_article_country(c, g, sc->cand_cc ? &sc->cand_cc[sc->loc[q]] : NULL);
		if (!sc->has_link[NER_LOC] || (here && !sc->link_here[NER_LOC])) {
			sc->link[NER_LOC] = *g;
			sc->has_link[NER_LOC] = true;
			sc->link_here[NER_LOC] = here;
		}
	}
}

/* Link m to the best gazetteer entry of type t seen while scoring, if any. */
static void link_from(struct mention *m, const struct score *sc, int t)
{
	if (!sc->has_link[t])
		return;
	const struct gaz_candidate *g = &sc->link[t];
	m->link.kb_id = g->kb_id && g->kb_id[0] ? g->kb_id : NULL;
	m->link.canonical = g->canonical;
	m->link.list = g->list;
	m->link.prior = g->prior;
}

/* Emit the decision for tokens [a,b) as type t with score p. */
static int emit(struct ner_ctx *c, size_t a, size_t b, int t, double p, struct score *sc)
{
	struct document *doc = c->doc;
	uint32_t start = doc->tokens[a].start;
	uint32_t end = doc->tokens[b - 1].end;
	const struct token *lt = &doc->tokens[b - 1];
	if (lt->flags & TF_POSSESSIVE)
		end -= (uint32_t)tok_possessive_len(doc, lt);
	/* "Lear Corp." ending a sentence: the period is the full stop */
	if ((lt->flags & TF_ABBREV) && doc->text[end - 1] == '.' &&
	    (b == doc->ntokens || (doc->tokens[b].flags & (TF_SENT_START | TF_NEWLINE_BEFORE))) &&
	    memchr(doc->text + lt->start, '.', lt->end - lt->start - 1) == NULL)
		end--;
	/* reuse the gazetteer mention of the same span */
	struct mention *m = NULL;
	int32_t g = c->ti[a].gaz;
	if (g >= 0 && doc->mentions.v[g].end == end) {
		m = &doc->mentions.v[g];
		c->gaz_used[g] = 2;
		if (m->type != class_type[t]) {
			mention_add_evidence(doc, m, "retyped from %s",
			                     mention_type_name((enum mention_type)m->type));
			/* the link was to an entry of the other type */
			memset(&m->link, 0, sizeof(m->link));
			link_from(m, sc, t);
		}
		m->type = (uint8_t)class_type[t];
		/* a same-named place in a country the article names */
		if (sc->link_here[t] && sc->link[t].kb_id && sc->link[t].kb_id[0] &&
		    (!m->link.kb_id || strcmp(m->link.kb_id, sc->link[t].kb_id))) {
			link_from(m, sc, t);
			if (doc->explain)
				ev_attach(doc, m, "linked to the entry in a country the article names");
		}
	} else {
		/* cues are static "ner:<cue>" strings */
		const char *src = sc->cue ? sc->cue : "ner:capitalized";
		if (!(m = mention_add(doc, class_type[t], start, end, src)))
			return doc->error ? doc->error : -EXT_E_NOMEM;
		link_from(m, sc, t);
	}
	bool strong = p >= 0.9 || sc->cue == cue_title || sc->cue == cue_org_head;
	m->priority = strong ? PRIO_CUED : PRIO_CANDIDATE;
	/* above the gazetteer either way: the NER decision is final for names */
	if (m->priority < PRIO_GAZETTEER)
		m->priority = PRIO_GAZETTEER + 1;
	m->score = (float)p;
	m->rule = "ner";
	ev_emit(doc, m, sc);
	/* beat the other gazetteer names it overlaps (they start at its tokens) */
	for (size_t i = a; i < b; i++) {
		int32_t k = c->ti[i].gaz;
		if (k < 0)
			continue;
		struct mention *o = &doc->mentions.v[k];
		if (c->gaz_used[k] == 2 || o->dropped)
			continue;
		if (o->start < end && o->end > start) {
			o->dropped = true;
			o->beaten_by = "ner";
			mention_add_evidence(doc, m, "beat %s '%.*s' (%s)", o->source,
			                     (int)(o->end - o->start), doc->text + o->start,
			                     mention_type_name((enum mention_type)o->type));
		}
	}
	return 0;
}

/* exp(x) for x <= 0, relative error below 5e-14 (libm's is below 1.2e-16;
 * near_boundary() allows 1e-12, which is what the error has to stay under
 * for the emitted float and the 0.9 test to be libm's): x = k ln 2 / 64 + r
 * with |r| <= ln 2 / 128 (r's rounding error, with ln 2 / 64 as one double,
 * below 1e-14), exp(r) by its Taylor series to r^4 (remainder below 4e-14),
 * times 2^(k mod 64 / 64) from st->exp_tab, whose exponent bits take
 * k div 64 by an integer add (exact: the result stays normal).  ~28
 * instructions a term (the series to r^5, ln 2 in two parts and a
 * multiplication by 2^(k div 64) took ~40; a 256-entry table and the series
 * to r^3 took fewer but more data-cache misses, the table being cold at
 * every document).  Below -40 the term is under 4.3e-18 of a sum that is at
 * least 1: 0 moves the probability far less than near_boundary()'s margin. */
static inline double fast_exp(const struct ner_state *st, double x)
{
	if (x < -40.0)
		return 0.0;
	/* k = round(x * 64 / ln 2): the 1.5 * 2^52 addend rounds to an integer */
	double kf = (x * 92.332482616893656 + 6755399441055744.0) - 6755399441055744.0;
	double r = x - kf * (0.69314718055994530942 / 64);
	double e = 1.0 + r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24))));
	int64_t k = (int64_t)kf;
	union {
		double d;
		uint64_t u;
	} s = {.d = st->exp_tab[k & 63]};
	s.u += (uint64_t)(k >> 6) << 52;  /* (k >> 6: floor(k / 64)) */
	return e * s.d;
}

/* Is p within 1e-12 (relative) of a point where a small change of it would
 * change what emit() makes of it: the midpoint between two floats (m->score
 * is (float)p) or 0.9 (the priority test)?  fast_exp() errs far less.  (A
 * superset, which only sends a few more names to libm_prob(): p is in
 * [0.2, 1], the 29 low bits of its mantissa are what (float)p drops, a
 * midpoint has them at 2^28, and 1e-12 p is at most 9008 units of them: p is
 * flagged when they are within 2^14 of 2^28, by integer operations only.) */
static bool near_boundary(double p)
{
	union {
		double d;
		uint64_t u;
	} v = {.d = p};
	const uint64_t low29 = (1ull << 29) - 1;
	return ((v.u - (1ull << 28) + (1ull << 14)) & low29) < (1ull << 15) || fabs(p - 0.9) < 1e-12;
}

/* The winner's softmax probability with libm's exp(), where the float it
 * becomes, or the 0.9 test, could differ from fast_exp()'s (rare). */
static __attribute__((cold, noinline)) double libm_prob(const struct score *sc, int best)
{
	double z = 0;
	for (int t = 0; t < NER__COUNT; t++)
		z += t == best ? 1.0 : exp(sc->s[t] - sc->s[best]);  /* exp(0) is 1 exactly */
	return 1.0 / z;
}

/* Type and emit tokens [a,b). */
static int decide(struct ner_ctx *c, size_t a, size_t b, bool titled)
{
	struct score sc;
	/* what score_span() reads before writing (the rest is written first:
	 * s[] there, link[t] with has_link[t], ev[k] below nev) */
	memset(sc.has_link, 0, sizeof(sc.has_link));
	memset(sc.link_here, 0, sizeof(sc.link_here));
	sc.cue = NULL;
	sc.nev = 0;
	sc.nloc = 0;
	sc.cand = sc.cand_buf;
	sc.cand_cc = NULL;
	sc.evmax = c->doc->explain ? NER_MAX_EV : 0;  /* evidence is only shown in explain mode */
	score_span(c, a, b, titled, &sc);
	int best = 0;
	for (int t = 1; t < NER__COUNT; t++)
		if (sc.s[t] > sc.s[best])
			best = t;
#ifdef NER_TUNING
	if (getenv("NER_DEBUG"))
		fprintf(stderr, "cand '%.*s': per %.2f org %.2f loc %.2f misc %.2f none %.2f\n",
		        (int)(c->doc->tokens[b - 1].end - c->doc->tokens[a].start),
		        c->doc->text + c->doc->tokens[a].start, sc.s[0], sc.s[1], sc.s[2], sc.s[3],
		        sc.s[4]);
#endif
	if (best == NER_MISC || best == NER_NONE) {
		/* reject: a gazetteer hit on exactly this span is dropped */
		int32_t g = c->ti[a].gaz;
		if (g >= 0 && gaz_end(c, a) <= b) {
			c->doc->mentions.v[g].dropped = true;
			c->doc->mentions.v[g].beaten_by = best == NER_MISC ? "ner:misc" : "ner:none";
		}
		return 0;
	}
	/* the winner's softmax probability (only an emitted name shows it) */
	double z = 0;
	for (int t = 0; t < NER__COUNT; t++)
		z += t == best ? 1.0 : fast_exp(c->st, sc.s[t] - sc.s[best]);
	double p = 1.0 / z;
	if (near_boundary(p))
		p = libm_prob(&sc, best);
	if (best == NER_LOC)
		loc_link(c, &sc);
	remember(c, a, b, best);
	return emit(c, a, b, best, p, &sc);
}

/* Is token i a title or role word ("Minister", "Dr.", "Reporter")?  The hand
 * list, or the gazetteer's titles when the word is not also a name part. */
static bool is_title(struct ner_ctx *c, size_t i)
{
	if (c->ti[i].cls & NCC_TITLE)
		return true;
	if (tk_known(&c->ti[i]))
		return false;
	unsigned k = tok_kinds(c, i, false);
	return (k & KIND(TITLE)) && !(k & (KIND(SURNAME) | KIND(GIVEN_NAME)));
}

/* A run [a,b) of name-like tokens: cut titles, then decide. */
static int run_candidate(struct ner_ctx *c, size_t a, size_t b)
{
	struct document *doc = c->doc;
	/* a leading demonym is an attribute, not part of the name ("Australian
	 * Tom Moody", "Panamanian Boxing Association"), unless the whole is known */
	if (b - a >= 2 && !c->ti[a].headline && (tok_kinds(c, a, false) & KIND(DEMONYM)) &&
	    !(tok_kinds(c, a, false) & (KIND(LOCATION) | KIND(ORGANIZATION)))) {
		uint64_t h = span_hash(c, a, b);
		if (!span_row(c, h) &&
		    !(c->ti[a].gaz >= 0 && doc->mentions.v[c->ti[a].gaz].end >= doc->tokens[b - 1].end)) {
			int rc = decide(c, a, a + 1, false);
			if (rc < 0)
				return rc;
			a++;
		}
	}
	/* a title or role word right before: "Minister X", "counterpart X",
	 * "striker X" */
	bool titled = a > 0 && (c->ti[a - 1].cls & NCC_TITLE) && c->ti[a - 1].word &&
	              (c->ti[a - 1].cap || W_ROLE_LOWER > 0);
	/* a known whole name keeps its first word ("General Motors") */
	uint64_t h = span_hash(c, a, b);
	bool known = span_row(c, h) ||
	             (c->ti[a].gaz >= 0 && doc->mentions.v[c->ti[a].gaz].end >= doc->tokens[b - 1].end);
	/* a listed full name of a person ending the run: what precedes it is a
	 * title or role ("Columnist Mira Okonkwo-Lind") */
	for (size_t k = a + 1; !known && k + 1 < b; k++) {
		int32_t g = c->ti[k].gaz;
		if (g >= 0 && doc->mentions.v[g].type == MT_PERSON &&
		    doc->mentions.v[g].end >= doc->tokens[b - 1].end - tok_possessive_len(doc, &doc->tokens[b - 1])) {
			int rc = decide(c, a, k, false);
			if (rc < 0)
				return rc;
			a = k;
			titled = true;
			break;
		}
	}
	while (!known && b - a >= 2 && is_title(c, a) &&
	       !(c->ti[b - 1].cls & NCC_ORG_HEAD)) {
		const struct token *t = &doc->tokens[a];
		/* "Gen Nakatani": a title word that is also a given name, before a
		 * single last word, after a title already cut, is the given name */
		if (b - a == 2 && !(t->flags & TF_ABBREV) &&
		    (titled || (a > 0 && c->ti[a - 1].namelike == 0 && c->ti[a - 1].cap)) &&
		    (tok_kinds(c, a, false) & KIND(GIVEN_NAME)))
			break;
		titled = true;
		a++;
	}
	return decide(c, a, b, titled);
}

static int ner_run(const void *state, struct document *doc, struct scratch *s)
{
	(void)s;
	struct ner_ctx *c = arena_alloc(doc->arena, sizeof(*c));
	if (!c)
		return -EXT_E_NOMEM;
	memset(c, 0, offsetof(struct ner_ctx, country_names));
	c->st = state;
	c->doc = doc;
	int rc = token_facts(c);
	if (rc) {
		doc_fail(doc, rc, "request memory limit exceeded");
		return rc;
	}
	size_t nt = doc->ntokens;
	size_t budget_at = 0;  /* the time budget is checked every 1024 tokens */
	for (size_t i = 0; i < nt;) {
		/* most tokens start nothing: skip them, NER_START_PAD at a
		 * time (the array has as many zeros past the end) */
		uint64_t m = 0;
		while (i < nt && (m = start_mask(c->start + i)) == 0)
			i += NER_START_PAD;
		if (i >= nt)
			break;
		/* (the first byte set in the bytes read last; the bytes past
		 * the end are zero, so it is a token) */
		i += start_first(c->start + i, m);
		if (i >= budget_at) {
			if (doc_over_budget(doc))
				return doc->error;
			budget_at = (i | 1023) + 1;
		}
		if (!c->ti[i].namelike) {
			/* a gazetteer hit outside every run */
			int32_t g = c->ti[i].gaz;
			if (g >= 0 && !doc->mentions.v[g].dropped && !c->ti[i].blocked) {
				size_t e = gaz_end(c, i);
				if (e > i && e - i <= NER_MAX_SPAN && (rc = decide(c, i, e, false)) < 0)
					return rc;
				if (e > i) {
					i = e;
					continue;
				}
			}
			i++;
			continue;
		}
		size_t b = i + 1;
		while (b < nt && b - i < NER_MAX_SPAN) {
			if (doc->tokens[b - 1].flags & TF_POSSESSIVE)
				break;
			if (c->ti[b].namelike && !c->ti[b].initial &&
			    !(doc->tokens[b].flags & TF_NEWLINE_BEFORE) &&
			    c->ti[b].headline == c->ti[i].headline) {
				b++;
				continue;
			}
			if (joins(c, b)) {
				/* one connector, or two particles ("van der") */
				b += c->ti[b + 1].namelike ? 2 : 3;
				continue;
			}
			break;
		}
		/* a gazetteer hit starting the run and reaching past it */
		int32_t g = c->ti[i].gaz;
		if (g >= 0) {
			size_t e = gaz_end(c, i);
			if (e > b && e - i <= NER_MAX_SPAN)
				b = e;
		}
		if ((rc = run_candidate(c, i, b)) < 0)
			return rc;
		i = b;
	}
	/* gazetteer names that no decision kept are rejected */
	for (size_t k = 0; k < c->ngaz; k++) {
		struct mention *m = &doc->mentions.v[k];
		if (c->gname[k] && c->gaz_used[k] != 2 && !m->dropped) {
			m->dropped = true;
			m->beaten_by = "ner";
		}
	}
	return doc->error;
}

const struct extractor ext_ner = {
	.name = "ner",
	.version = "1",
	.load = ner_load,
	.run = ner_run,
	.unload = ner_unload,
};
