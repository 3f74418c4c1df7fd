/* ner_cues.h: the NER layer's cue tables (gazetteers/cues/<name>.tsv, embedded at
 * build time by tools/gen-ner-cues.py) parsed into hash tables at load.
 * Ownership: a struct ner_cues is immutable after ner_cues_new() and shared
 * read-only by all threads; ner_cues_free() releases it.  Keys are folded
 * (ASCII lower case, possessive cut); lookups never allocate. */
#ifndef EXTRACTD_NER_CUES_H
#define EXTRACTD_NER_CUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ascii8.h"
#include "hash_mix.h"

/* One embedded TSV file (generated: ner-cues-data.c). */
struct ner_cue_blob {
	const char *name;
	const char *text;
	size_t len;
};
extern const struct ner_cue_blob ner_cue_blobs[];

/* Count columns of the statistics tables. */
enum ner_col {
	NC_PER, NC_ORG, NC_LOC, NC_MISC,
	NC_CAP_OTHER,   /* ner-words: capitalized, mid-sentence, no name; contexts: no name */
	NC_CAP_INITIAL, /* ner-words: capitalized at a sentence start, no name */
	NC_LOWER,       /* ner-words: written in lower case */
	NC__COUNT
};

/* Hand-written cue classes (ner-cues.tsv), as bits. */
enum ner_cue_class {
	NCC_TITLE       = 1 << 0,
	NCC_PERSON_VERB = 1 << 1,
	NCC_ORG_HEAD    = 1 << 2,
	NCC_LOC_HEAD    = 1 << 3,
	NCC_LOC_PREP    = 1 << 4,
	NCC_CONNECTOR   = 1 << 5,
	NCC_OF_HEAD     = 1 << 6,
	NCC_LOC_VERB    = 1 << 7,  /* before a location preposition: "moved to", "based in" */
};

enum ner_table {
	NT_WORDS,  /* ner-words.tsv */
	NT_SPANS,  /* ner-spans.tsv */
	NT_LEFT,   /* ner-left.tsv */
	NT_RIGHT,  /* ner-right.tsv */
	NT_CUES,   /* ner-cues.tsv: counts[0] holds the class bits */
	NT_SUFFIX, /* ner-suffix.tsv: "~" + last three letters */
	NT__COUNT
};

struct ner_counts {
	uint16_t c[NC__COUNT];  /* clamped at 65535 */
};

struct ner_cues;

/* Parse the embedded blobs.  NULL with a message in err on a malformed row. */
struct ner_cues *ner_cues_new(char *err, size_t errlen);
void ner_cues_free(struct ner_cues *c);

/* Fold s[0..n) into buf (ASCII lower case, "'s"/"’s" cut, whitespace runs
 * collapsed to one space); returns the folded length, or 0 if it does not fit. */
size_t ner_fold(const char *s, size_t n, char *buf, size_t cap);

/* 64-bit hash of a folded key (never 0). */
uint64_t ner_hash(const char *s, size_t n);

/* ner_hash() of ner_fold(s, n, buf, cap) without the buffer: one pass, no
 * copy.  Returns 0 where ner_fold() would return 0 (empty, or does not fit
 * in cap bytes). */
uint64_t ner_fold_hash(const char *s, size_t n, size_t cap);

/* ---- the hash, inline for the per-token and per-span callers ----
 *
 * ner_hash() works on the folded bytes eight at a time (little-endian words,
 * the last one zero-padded), then mixes in the length: a byte at a time
 * (FNV-1a, before) cost about 15 instructions per byte of every capitalized
 * word and its neighbours.  The value only has to agree between the tables
 * (hashed at load) and the text (hashed per document). */
#define NER_HASH_SEED 0x243f6a8885a308d3ull

static inline uint64_t nh_finish(uint64_t h, size_t n)
{
	h = hm_finish(h, n);
	return h ? h : 1;
}

/* High bit set in a byte of w below lim (<= 0x80): exact for the lowest
 * such byte, bytes above it may be flagged too. */
static inline uint64_t nh_low_bytes(uint64_t w, unsigned lim)
{
	const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
	return (w - ones * lim) & ~w & high;
}

/* The k (1 to 8) bytes at s, zero-padded and folded, in *folded (8 bytes
 * must be readable); false when one of them is a control byte or white
 * space.  The bytes past the k are masked off before the test: a flagged
 * byte among the k is a real one (flags only spread upwards). */
static inline bool nh_part_word(const char *s, size_t k, uint64_t *folded)
{
	uint64_t keep = ~0ull >> (64 - 8 * k);
	uint64_t w = hm_le64(s) & keep;
	if (nh_low_bytes(w, 0x20) & keep)
		return false;
	*folded = ascii8_fold(w);
	return true;
}

/* ner_fold_hash(s, n, cap) of text whose only ASCII whitespace is single
 * spaces between other bytes, as a token (none) or tokens one space apart
 * are; avail >= n bytes are readable from s (up to a document's NUL).  0
 * (never a hash) when it cannot tell: other control bytes, a last word
 * that cannot be read whole, an empty or too long text; then
 * ner_fold_hash() answers. */
static inline uint64_t ner_fold_hash_fast(const char *s, size_t n, size_t cap, size_t avail)
{
	if (n == 0 || n >= cap)
		return 0;
	/* the possessive is cut when something is left before it */
	size_t stop = n;
	if ((s[n - 1] | 0x20) == 's' && n > 2) {
		if (s[n - 2] == '\'')
			stop = n - 2;
		else if (n > 4 && !memcmp(s + n - 4, "\xe2\x80\x99", 3))
			stop = n - 4;
	}
	uint64_t h = NER_HASH_SEED;
	size_t i = 0;
	for (; i + 8 <= stop; i += 8) {
		uint64_t w = hm_le64(s + i);
		if (nh_low_bytes(w, 0x20))
			return 0;
		h = hm_step(h, ascii8_fold(w));
	}
	if (i < stop) {
		uint64_t w;
		if (avail - i < 8 || !nh_part_word(s + i, stop - i, &w))
			return 0;
		h = hm_step(h, w);
	}
	return nh_finish(h, stop);
}

/* ner_fold_hash(s, n, cap) with the same precondition and avail. */
static inline uint64_t ner_fold_hash_run(const char *s, size_t n, size_t cap, size_t avail)
{
	uint64_t h = ner_fold_hash_fast(s, n, cap, avail);
	return h ? h : ner_fold_hash(s, n, cap);
}

/* Row of table t for an already folded key, or NULL. */
const struct ner_counts *ner_cues_get(const struct ner_cues *c, enum ner_table t,
                                      const char *key, size_t n);

/* Word statistics row (or NULL) and cue class bits of one folded word, with
 * one hash computation. */
const struct ner_counts *ner_cues_word(const struct ner_cues *c, const char *key, size_t n,
                                       unsigned *cls);


/* Word statistics row (NULL if none) and cue class bits (*cls) of a folded
 * word already hashed with ner_hash(): one probe of a merged table. */
const struct ner_counts *ner_cues_word_h(const struct ner_cues *c, uint64_t h, unsigned *cls);

/* Same, with the value the caller stored for the word (*user, 0 if none). */
const struct ner_counts *ner_cues_word_hu(const struct ner_cues *c, uint64_t h, unsigned *cls,
                                          unsigned *user);


/* At load, before the tables are shared: store a 16-bit value of the
 * caller's with a word of the merged table (false if it is not there). */
bool ner_cues_set_word_user(struct ner_cues *c, uint64_t h, unsigned user);

/* At load, before the tables are shared: set bits of the caller's (within
 * NW_USER_FLAGS) in the merged table's entry of ner-words row k. */
void ner_cues_set_row_flags(struct ner_cues *c, size_t k, unsigned flags);


/* Rows of table t are numbered 0 .. ner_cues_nrows(t) - 1 in load order
 * (ner-words: by how often the word was seen capitalized, most often first), so
 * a caller can keep data of its own per row in a dense array (the NER layer
 * keeps log probabilities).  ner_cues_row() is row k; ner_cues_row_index()
 * the number of a row a lookup in table t returned. */
size_t ner_cues_nrows(const struct ner_cues *c, enum ner_table t);
const struct ner_counts *ner_cues_row(const struct ner_cues *c, enum ner_table t, size_t k);
size_t ner_cues_row_index(const struct ner_cues *c, enum ner_table t,
                          const struct ner_counts *row);

/* ---- rows with the caller's values in the same cache line ----
 *
 * A hit in a table whose rows the caller keeps values for (the NER layer
 * keeps log terms per row of the names and context tables) took two
 * dependent cache misses: the row, then the caller's values indexed by its
 * number.  A widened table stores both in one aligned 64-byte line. */
#define NER_WIDE_N 5
struct ner_wide {
	uint64_t key;              /* 0 = empty */
	/* 16 bytes of the caller's (ner_cues_wide_user(); zeros if none), in
	 * the place of the row's counts (ner_cues_get_h() has them) */
	uint8_t user[16];
	double x[NER_WIDE_N];      /* the caller's values for the row */
};

/* At load, before the tables are shared: a widened copy of table t, row k
 * holding x[k] (k as in ner_cues_row()).  -1 when out of memory, or when t
 * is widened already. */
int ner_cues_widen(struct ner_cues *c, enum ner_table t, const double (*x)[NER_WIDE_N]);

/* At load, before the tables are shared: the 16 bytes of the caller's in
 * the widened row of table t with key h (NULL if none). */
uint8_t *ner_cues_wide_user(struct ner_cues *c, enum ner_table t, uint64_t h);

/* The key (ner_hash()) of row k of table t. */
uint64_t ner_cues_row_key(const struct ner_cues *c, enum ner_table t, size_t k);



/* At load: zeroed memory for a table the caller probes per document, 64-byte
 * aligned, in the tables' huge-page region when there is room (else from
 * the heap); ner_cues_hot_free() before ner_cues_free(). */
void *ner_cues_hot_alloc(struct ner_cues *c, size_t n);
void ner_cues_hot_free(const struct ner_cues *c, void *p);

/* Class bits of a folded word in ner-cues.tsv (0 if none). */
unsigned ner_cues_class(const struct ner_cues *c, const char *key, size_t n);

/* ---- the tables, inline lookups ----
 *
 * The lookups a document makes per token and per candidate are inline (each
 * was a call into ner_cues.c, several per capitalized word): the tables'
 * layout is here for them.  Read-only after ner_cues_new(). */
/* One row: the key, its counts and aux (the row's index in load order; in
 * the merged word table the cue class bits, and NCE_HAS_ROW when the word
 * has a statistics row).  32 bytes, so a probe and its hit share a line. */
struct ner_entry {
	uint64_t key;              /* 0 = empty */
	struct ner_counts v;
	uint16_t aux;
	uint16_t user;             /* merged word table: the caller's (ner_cues_set_word_user) */
	uint32_t row;              /* the row's index in load order (merged table: its
	                            * ner-words row), for ner_cues_row_index() */
};

_Static_assert(sizeof(struct ner_entry) == 32, "a row and its key in half a cache line");

#define NCE_HAS_ROW 0x100

/* An entry of the merged word table (ner_cues_word_find()): 16 bytes, four
 * to a line.  The table is probed for every capitalized word of a document
 * and is large (~11K words), so its lines are mostly not in the cache when
 * a document starts.  At 32 bytes an entry (with the counts) and a load
 * factor up to 3/4 it took 512 KB, and a probe was a last-level miss more
 * often than not; now the same 512 KB hold twice the slots (load factor
 * 1/2 or less, build_word()), so that a probe mostly reads one line.  The
 * counts are not in it: the caller keeps what it needs of them as flag bits
 * made at load (ner_cues_set_row_flags()); ner_cues_row() has them. */
struct ner_word {
	uint64_t key;   /* 0 = empty */
	uint16_t row;   /* ner-words row (when NW_ROW) */
	uint16_t user;  /* the caller's (ner_cues_set_word_user()) */
	uint8_t cls;    /* cue class bits (ner-cues) */
	uint8_t flags;  /* NW_ROW, and the caller's bits (NW_USER_FLAGS) */
	uint16_t pad;
};

_Static_assert(sizeof(struct ner_word) == 16, "four word entries to a cache line");

#define NW_ROW 0x01          /* the word has a ner-words row */
#define NW_USER_FLAGS 0xfe   /* ner_cues_set_row_flags() */

struct ner_wmap {
	struct ner_word *e;
	uint32_t *order;           /* slot of entry k (the ner-words rows first, in row order) */
	size_t mask, nrows;
};

struct ner_hmap {
	struct ner_entry *e;
	uint32_t *order;           /* slot of row k, k < nrows */
	size_t mask, nrows;
	/* for the tables most lookups miss (all but the merged word table):
	 * one bit per value of
	 * some high bits of the hash, set for every key, so that a miss is
	 * mostly decided without touching the rows; NULL for the others */
	uint64_t *filter;
	size_t fmask;              /* filter bits - 1 */
	struct ner_wide *w;        /* ner_cues_widen(): the same slots, 64 bytes each; or NULL */
};

_Static_assert(sizeof(struct ner_wide) == 64, "a widened row is one cache line");

struct ner_cues {
	struct ner_hmap t[NT__COUNT];
	struct ner_wmap word;      /* ner-words and ner-cues merged, for ner_cues_word_find() */
	/* The tables NER probes per document (ner_cues_hot_alloc()), in one
	 * region of huge pages where the system gives them: ~5.4 MB that the
	 * other extractors' data push out of the TLB between two documents,
	 * so that a probe (and even a prefetch) waited on a page walk. */
	char *hot;
	size_t hot_len, hot_used;
};

static inline size_t nc_filter_bit(const struct ner_hmap *m, uint64_t h)
{
	return (size_t)(h >> 32) & m->fmask;
}

/* False when the table's miss filter (if it has one) rules key h out. */
static inline bool nc_may_have(const struct ner_hmap *m, uint64_t h)
{
	if (!m->filter)
		return true;
	size_t b = nc_filter_bit(m, h);
	return (m->filter[b >> 6] >> (b & 63)) & 1;
}

static inline const struct ner_entry *nc_entry(const struct ner_hmap *m, uint64_t h)
{
	if (!m->e || !nc_may_have(m, h))
		return NULL;
	size_t i = h & m->mask;
	for (;;) {
		const struct ner_entry *e = &m->e[i];
		if (e->key == h)
			return e;
		if (e->key == 0)
			return NULL;
		i = (i + 1) & m->mask;
	}
}

static inline const struct ner_counts *nc_get(const struct ner_hmap *m, uint64_t h)
{
	const struct ner_entry *e = nc_entry(m, h);
	return e ? &e->v : NULL;
}

/* Row of table t for a key already hashed with ner_hash(), or NULL. */
static inline const struct ner_counts *ner_cues_get_h(const struct ner_cues *c, enum ner_table t,
                                                      uint64_t h)
{
	return nc_get(&c->t[t], h);
}

/* The merged table's entry of a folded word already hashed with
 * ner_hash() (NULL if the word is in neither ner-words nor ner-cues): its
 * ner-words row (when NW_ROW), its cue class bits, the caller's value and
 * flags; one probe. */
static inline const struct ner_word *ner_cues_word_find(const struct ner_cues *c, uint64_t h)
{
	const struct ner_wmap *m = &c->word;
	size_t i = h & m->mask;
	for (;;) {
		const struct ner_word *e = &m->e[i];
		if (e->key == h)
			return e;
		if (e->key == 0)
			return NULL;
		i = (i + 1) & m->mask;
	}
}

/* Start loading the cache line ner_cues_word_find(c, h) probes first. */
static inline void ner_cues_prefetch_word(const struct ner_cues *c, uint64_t h)
{
	__builtin_prefetch(&c->word.e[h & c->word.mask]);
}

/* Row of the widened table t for a key hashed with ner_hash(), or NULL. */
static inline const struct ner_wide *ner_cues_get_wide(const struct ner_cues *c, enum ner_table t,
                                                       uint64_t h)
{
	const struct ner_hmap *m = &c->t[t];
	if (!nc_may_have(m, h))
		return NULL;
	size_t i = h & m->mask;
	for (;;) {
		const struct ner_wide *w = &m->w[i];
		if (w->key == h)
			return w;
		if (w->key == 0)
			return NULL;
		i = (i + 1) & m->mask;
	}
}

/* Start loading what ner_cues_get_wide(c, t, h) reads (its filter word and
 * first slot), long before it is asked. */
static inline void ner_cues_prefetch_wide(const struct ner_cues *c, enum ner_table t, uint64_t h)
{
	const struct ner_hmap *m = &c->t[t];
	if (m->filter)
		__builtin_prefetch(&m->filter[nc_filter_bit(m, h) >> 6]);
	__builtin_prefetch(&m->w[h & m->mask]);
}

#endif
