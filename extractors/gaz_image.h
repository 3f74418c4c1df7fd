/* gaz_image.h: the compiled gazetteer image (format, compiler, loader) and the
 * name folding both sides share.  Internal to the gazetteer module; callers
 * outside it use gazetteer.h.
 *
 * Ownership: a struct gaz_image owns its bytes (an mmap'd file or a malloc'd
 * buffer from the compiler) and is immutable once opened; gaz_image_free()
 * releases it.  Every pointer the accessors return points into the image.
 *
 * Design.  A name ("Mitsubishi Heavy Industries, Ltd.") is cut into units the
 * way the engine's tokenizer cuts text (words with internal hyphens,
 * apostrophes and dotted letters; one unit per other punctuation character;
 * "." alone is dropped).  Each unit is folded (case fold, marks stripped,
 * compatibility forms, '.' and apostrophes removed) and hashed; the hash of a
 * name is a chained hash over its unit hashes, so the matcher can extend a
 * candidate one token at a time with one table probe per token.  The table
 * holds every full name key (with its variants) and every proper prefix of
 * one (flag GAZ_SLOT_PREFIX), so a probe miss ends the walk.  Keys are 64-bit
 * hashes and are not re-verified against strings: with ~10^6 keys a false hit
 * has probability ~10^-13 per probe.  Case is not part of the key; each
 * variant carries per-unit masks (capital required, all-caps required) that
 * the matcher checks against the token flags.
 *
 * File layout (little-endian, every section 8-byte aligned, the slots 64-byte
 * aligned):
 *   struct gaz_header | lists[] | entries[] | slots[] | variants[] | strings |
 *   start filters | digit table
 * The header carries a magic, the format version, the file size and a
 * checksum of everything after the header; the loader refuses any mismatch,
 * then bounds-checks every index and string offset once, so lookups never
 * read outside the image, and checks every slot's summary against its
 * variants, so the matcher may trust either.
 *
 * Format history: 1 FNV unit hash, 16-byte slots, two start filters; 4
 * word-at-a-time unit hash, 32-byte slots summarizing their variants, seven
 * filters; 5 the same with one blocked start filter in place of three flat
 * ones, and a table of the names that start with a number (see below); 6
 * (this) the same with one more flat filter, of the lower-case first units
 * that a word without a capital may follow (see gaz_filter_test()).  The data
 * version ("gaz6-<entries>-<checksum>") names the format, so a new format is
 * also a new data version. */
#ifndef EXTRACTD_GAZ_IMAGE_H
#define EXTRACTD_GAZ_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ascii8.h"
#include "gazetteer.h"
#include "hash_mix.h"

#define GAZ_MAGIC "EXTDGAZ\n"
#define GAZ_FORMAT_VERSION 6u
#define GAZ_MAX_UNITS 24      /* longest name, in units */
#define GAZ_MAX_UNIT_BYTES 64 /* longer words are never names */


struct gaz_header {
	char magic[8];
	uint32_t format;          /* GAZ_FORMAT_VERSION */
	uint32_t header_size;     /* sizeof(struct gaz_header) */
	uint64_t file_size;
	uint64_t checksum;        /* gaz_checksum() of bytes [header_size, file_size) */
	char data_version[48];    /* NUL-terminated, e.g. "gaz1-20261121-3f2a9c1b" */
	uint32_t nlists, nentries, nslots, nvariants;
	uint64_t off_lists, off_entries, off_slots, off_variants, off_strings;
	uint64_t strings_size;
	uint64_t off_filter;      /* five bitsets, in this order, of 2^ these bits: */
	uint32_t filter_start_log2;  /* blocked (gaz_start_test()) */
	uint32_t filter_lower_log2;
	uint32_t filter_word_log2;
	uint32_t filter_single_lower_log2;
	uint32_t filter_lower2_log2;
	uint32_t digits_max;      /* the digit table (after the five bitsets): */
	uint32_t filter_lower_lc_log2;  /* a sixth bitset, after the digit table */
	uint32_t pad;
};

/* The digit table: the names the extractor may emit whose first unit is
 * made of ASCII digits alone ("38 Degrees", "1,000 Islands": the fold drops
 * the separators), so that a number token, which folds to its digits, is
 * settled without a hash: digits_max is the longest such unit (0 if none),
 * and bit gaz_digits_index(n, value) of a GAZ_DIGITS_BITS bitset is set for
 * each of at most GAZ_DIGITS_SHORT digits.  Numbers are a few percent of
 * the tokens of a text, and nearly all of them start no name. */
#define GAZ_DIGITS_SHORT 4
#define GAZ_DIGITS_BITS 16384u

/* Bit of an n-digit unit (1 <= n <= GAZ_DIGITS_SHORT) of this value: the
 * units of one length after those of the shorter ones (10 + 100 + 1000 +
 * 10000 bits), so that leading zeros count ("07" is not "7"). */
static inline uint32_t gaz_digits_index(uint32_t n, uint32_t value)
{
	static const uint32_t before[GAZ_DIGITS_SHORT + 1] = {0, 0, 10, 110, 1110};
	return before[n] + value;
}

/* Start filters.  The first, the start filter, answers three questions
 * about the key hash h1 of a unit (the first of a name) from one cache line:
 * may an emitted name start with it (GAZ_START_ANY), be it alone
 * (GAZ_START_SINGLE), or start with it and the unit of key hash h2 (the
 * chained hash of both: GAZ_START_PAIR)?  It is a blocked Bloom filter: the
 * 64-byte block of h1 (its top bits) holds two bits, in one word, from a
 * slice of the tested hash (h1, or h2 for a pair), for every first unit,
 * one-unit name and first pair of every variant the extractor may emit.  A
 * start costs one cache line whatever it is asked, where the three flat
 * filters of format 4 cost up to three (the pair filter, 256 KB, missed the
 * last-level cache on most tests); ~8 bits per key keep its false positives
 * near theirs.
 * The others are flat (gaz_filter_test()): bit (gaz_sig(unit) >> (64 -
 * filter_lower_log2)) of the second is set for the first unit of every such
 * variant that may be lower case, so that a lower-case word is rejected
 * before it is even hashed (such names are few); bit (h1 >> (64 -
 * filter_word_log2)) of the third for the key hash of every one-unit key of
 * any kind (for the lookups of one token, which most tokens of a text miss);
 * the fourth (filter_single_lower_log2) for the key hash of every emitted
 * one-unit name a lower-case token may match.  The fifth
 * (filter_lower2_log2) serves the lower-case words that pass the second: bit
 * (gaz_sig_single(sig) >> (64 - log2)) for the signature of every one-unit
 * emitted name a lower-case word may match, and bit (gaz_sig_pair(sig1,
 * sig2) >> (64 - log2)) for the signatures of the first two units of every
 * emitted name of 2+ units that may start in lower case ("the Hague"), so
 * that a lower-case word whose next word starts no such name is dropped
 * without hashing either.  The sixth (filter_lower_lc_log2, after the digit
 * table) holds bit (gaz_sig_lc(gaz_sig(unit)) >> (64 - log2)) of the first unit of every
 * emitted variant that a lower-case word may start and a token without a
 * capital may continue: one unit that a lower-case word may match, or a
 * second unit written in lower case.  A lower-case word that passed the
 * second filter and is followed by a word or number without a capital
 * (most are: "the company") is dropped when it is not in this one ("the"
 * starts "the Hague", whose "Hague" needs a capital).  The matcher skips a token the start filter
 * rejects without probing the table (most tokens of a text start no name),
 * probes the first unit alone only when the filter lets it be a name alone,
 * and ends a walk at its second unit when the pair is not in the filter
 * (most capitalized words are neither a name alone nor followed by the rest
 * of one).  ~8 bits per key keep the filters cache-sized. */
static inline bool gaz_filter_test(const uint64_t *bits, uint32_t log2, uint64_t h1)
{
	uint64_t b = h1 >> (64 - log2);
	return (bits[b >> 6] >> (b & 63)) & 1;
}

/* The start filter's questions: the slice of the tested hash (15 bits) its
 * two bits come from.  The block index takes the top (log2 - 9) <= 21 bits of
 * h1, the slices bits 0-32 of h1 or 36-50 of h2: no bit serves twice. */
enum gaz_start_q {
	GAZ_START_ANY = 0,      /* of h1: an emitted name starts with this unit */
	GAZ_START_SINGLE = 18,  /* of h1: an emitted name of this unit alone */
	GAZ_START_PAIR = 36,    /* of h2: an emitted name starts with these two units */
};
#define GAZ_START_MAX_LOG2 30u

/* The block (8 words) of first-unit key hash h1 in a start filter of 2^log2
 * bits. */
static inline const uint64_t *gaz_start_block(const uint64_t *bits, uint32_t log2, uint64_t h1)
{
	return bits + ((h1 >> (64 - (log2 - 9))) << 3);
}

/* The word of block b and the mask of the two bits that question q about
 * hash h (h1, or h2 for GAZ_START_PAIR) asks: a word by 3 bits of the slice,
 * a bit by 6 bits twice.  Both bits in one word cost one load and one test;
 * measured on the bundled lists, the false positives are those of two bits
 * anywhere in the block. */
static inline uint64_t gaz_start_mask(enum gaz_start_q q, uint64_t h, unsigned *word)
{
	uint64_t x = h >> q;
	*word = (unsigned)x & 7;
	return (1ull << ((x >> 3) & 63)) | (1ull << ((x >> 9) & 63));
}

/* Question q about hash h in block b. */
static inline bool gaz_start_has(const uint64_t *b, enum gaz_start_q q, uint64_t h)
{
	unsigned w;
	uint64_t m = gaz_start_mask(q, h, &w);
	return (b[w] & m) == m;
}

static inline bool gaz_start_test(const uint64_t *bits, uint32_t log2, uint64_t h1,
                                  enum gaz_start_q q, uint64_t h)
{
	return gaz_start_has(gaz_start_block(bits, log2, h1), q, h);
}

struct gaz_list_rec {
	uint32_t name, source, licence, file;  /* string offsets */
	uint32_t nentries;
	uint8_t kind;                          /* enum gaz_kind */
	uint8_t pad[3];
};

struct gaz_entry_rec {
	uint32_t canonical, type, kb_id, attrs;  /* string offsets (0 = "") */
	uint16_t list;
	uint8_t kind;                            /* enum gaz_kind */
	uint8_t pad;
	float weight;                            /* prominence, > 0 */
};

enum gaz_slot_flag {
	GAZ_SLOT_PREFIX  = 1 << 0,  /* some longer key starts with this one */
	GAZ_SLOT_EMIT    = 1 << 1,  /* some variant here may become a mention */
	GAZ_SLOT_UNIFORM = 1 << 2,  /* every variant has the slot's nunits, cap_mask,
	                             * caps_mask and GAZ_VAR_COMMON (GAZ_SLOT_COMMON) */
	GAZ_SLOT_COMMON  = 1 << 3,  /* with UNIFORM: the variants are GAZ_VAR_COMMON */
	GAZ_SLOT_EMIT1   = 1 << 4,  /* the variants that may become a mention are all
	                             * of one entry (then `entry`) */
};

/* One key (32 bytes, two per cache line).  Besides the key and its variants,
 * a slot summarizes them, so that a probe usually decides a match, the kinds
 * of a token or a one-entry candidate without reading the variants. */
struct gaz_slot {
	uint64_t hash;       /* 0 = empty */
	uint32_t first_var;  /* variants[first_var .. first_var + nvar) */
	uint16_t nvar;
	uint16_t flags;      /* enum gaz_slot_flag */
	uint32_t cap_mask;   /* GAZ_SLOT_UNIFORM: the variants' masks (else 0) */
	uint32_t caps_mask;
	uint32_t entry;      /* the first entry that may become a mention, else the
	                      * first variant's entry (0 if nvar == 0) */
	uint16_t kinds;      /* bit 1 << kind of every variant */
	uint8_t nunits;      /* GAZ_SLOT_UNIFORM: the variants' nunits (else 0) */
	uint8_t nentries;    /* distinct entries among the variants, at most 255 */
};

enum gaz_var_flag {
	GAZ_VAR_COMMON = 1 << 0,  /* one unit that is also a common lower-case word */
	GAZ_VAR_CANON  = 1 << 1,  /* the canonical form (not an alias) */
};

struct gaz_variant {
	uint32_t entry;
	uint32_t cap_mask;   /* bit i: unit i starts upper case in the source */
	uint32_t caps_mask;  /* bit i: unit i is an all-caps acronym ("MHI", "US") */
	uint8_t nunits;
	uint8_t flags;       /* enum gaz_var_flag */
	uint8_t kind;        /* the entry's kind, copied here to spare a lookup */
	uint8_t pad;
};

struct gaz_image {
	const uint8_t *base;
	size_t size;
	bool mapped;                    /* munmap (else free) on release */
	const struct gaz_header *hdr;
	const struct gaz_list_rec *lists;
	const struct gaz_entry_rec *entries;
	const struct gaz_slot *slots;
	const struct gaz_variant *variants;
	const char *strings;
	const uint64_t *filter_start;   /* start filters (see gaz_start_test) */
	const uint64_t *filter_lower;
	const uint64_t *filter_word;
	const uint64_t *filter_single_lower;
	const uint64_t *filter_lower2;
	const uint64_t *digits;         /* the digit table's bitset */
	const uint64_t *filter_lower_lc;
};

/* Does the extractor turn a variant of this kind and length into a mention?
 * Places and organizations, and people by their full name (2+ units). */
static inline bool gaz_kind_emits(enum gaz_kind k, unsigned nunits)
{
	return k == GAZ_KIND_LOCATION || k == GAZ_KIND_ORGANIZATION ||
	       (k == GAZ_KIND_PERSON && nunits >= 2);
}

/* ---- folding and hashing (gaz_fold.c) ---- */

/* Fold one unit (a token's bytes, valid UTF-8) into out: Unicode case fold,
 * compatibility decomposition, marks stripped, a few letters without a
 * decomposition mapped (ł->l, ø->o, đ->d, ı->i), '.', apostrophes and
 * commas inside numbers removed, dashes -> '-'.  Returns the folded length,
 * or 0 if it would not fit in outcap (such units are never names). */
size_t gaz_fold(const char *s, size_t n, char *out, size_t outcap);

static inline uint64_t gaz_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return x;
}

/* Hash of a folded unit (never 0 or UINT64_MAX): its bytes as little-endian 64-bit words
 * (the last one zero-padded), one multiply per word, then the length.  Not
 * fully mixed: it is only ever used through gaz_hash_chain(), which mixes. */
#define GAZ_UNIT_SEED 0xcbf29ce484222325ull

static inline uint64_t gaz_unit_finish(uint64_t h, size_t n)
{
	h = hm_finish(h, n);
	/* 0 and ~0 are markers; one test for both, out of the way */
	if (__builtin_expect(h + 1 <= 1, 0))
		h = h ? UINT64_MAX - 1 : 1;
	return h;
}

static inline uint64_t gaz_unit_hash(const char *s, size_t n)
{
	return gaz_unit_finish(hm_words(GAZ_UNIT_SEED, s, n), n);
}

/* Chain: key hash after appending a unit hash; start from GAZ_HASH_SEED.
 * The unit hash is mixed already (gaz_unit_finish()), so two multiplies and
 * one shift suffice (format 6; format 5 took gaz_mix64(), two more shifts
 * and a multiply, on a path that runs ~100,000 times per MB of text): the
 * top bits (start filter blocks) come from the product, the low ones (slots,
 * filter bits) from both halves. */
#define GAZ_HASH_SEED 0x6a09e667f3bcc909ull
static inline uint64_t gaz_hash_chain(uint64_t h, uint64_t unit)
{
	h = ((h * 0x9e3779b97f4a7c15ull) ^ unit) * 0xff51afd7ed558ccdull;
	h ^= h >> 32;
	return h ? h : 1;
}

/* Signature of a folded unit for the lower-case start filter: its length,
 * first, second and last byte.  Much cheaper than a hash, and enough to reject
 * nearly every lower-case word of a text (few names start lower case). */
static inline uint64_t gaz_sig3(size_t n, unsigned char first, unsigned char second,
                                unsigned char last)
{
	uint64_t x = (uint64_t)n | (uint64_t)first << 8 | (uint64_t)second << 16 |
	             (uint64_t)last << 24;
	return (x + 1) * 0x9e3779b97f4a7c15ull;
}

static inline uint64_t gaz_sig(const char *f, size_t n)
{
	return gaz_sig3(n, (unsigned char)f[0], (unsigned char)f[n > 1], (unsigned char)f[n - 1]);
}

/* Key of the lower-case continuation filter: the signature under another
 * multiplier, so that its bits do not follow those of the second filter
 * (most of whose keys it holds too). */
static inline uint64_t gaz_sig_lc(uint64_t sig)
{
	return sig * 0xd6e8feb86659fd93ull;
}

/* Keys of the seventh filter: a one-unit name's signature, or the pair of
 * its first two units' signatures.  The filters take the top bits, which a
 * multiply mixes (format 6; format 5 took gaz_mix64()). */
static inline uint64_t gaz_sig_single(uint64_t sig)
{
	return (sig ^ 0x5851f42d4c957f2dull) * 0xc4ceb9fe1a85ec53ull;
}

static inline uint64_t gaz_sig_pair(uint64_t sig1, uint64_t sig2)
{
	return (sig1 * 0x9e3779b97f4a7c15ull + sig2) * 0xff51afd7ed558ccdull;
}

/* gaz_fold_hash() for units with non-ASCII bytes. */
uint64_t gaz_fold_hash_slow(const char *s, size_t n);

/* gaz_unit_hash(gaz_fold(s)), folding and hashing ASCII in one pass (exactly
 * as gaz_fold() would fold it); 0 when the unit folds to nothing or to more
 * than GAZ_MAX_UNIT_BYTES (never part of a name). */
static inline uint64_t gaz_fold_hash(const char *s, size_t n)
{
	uint64_t h = GAZ_UNIT_SEED, w = 0;
	size_t o = 0;
	unsigned char prev = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'a' && c <= 'z') {
			/* the common case first */
		} else if (c >= 'A' && c <= 'Z') {
			c += 32;
		} else if (c >= 0x80) {
			return gaz_fold_hash_slow(s, n);
		} else if (c == '.' || c == '\'' || c == '`') {
			continue;
		} else if (c == ',' && prev >= '0' && prev <= '9' && i + 1 < n && s[i + 1] >= '0' &&
		           s[i + 1] <= '9') {
			continue;
		}
		if (o >= GAZ_MAX_UNIT_BYTES)
			return 0;
		w |= (uint64_t)c << (8 * (o & 7));
		prev = c;
		o++;
		if ((o & 7) == 0) {
			h = hm_step(h, w);
			w = 0;
		}
	}
	if (o == 0)
		return 0;
	if (o & 7)
		h = hm_step(h, w);
	return gaz_unit_finish(h, o);
}

/* Has the word a zero byte?  (Exact as a yes/no answer.) */
static inline bool gaz_has_zero_byte(uint64_t x)
{
	return ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) != 0;
}

/* gaz_fold_hash(), out of line (the fallback of gaz_fold_hash_fast()). */
uint64_t gaz_fold_hash_bytes(const char *s, size_t n);

/* The same, eight bytes at a time, for a unit of plain ASCII letters, digits
 * and hyphens (the common case); the others go through gaz_fold_hash().
 * avail: bytes readable from s (>= n), so that whole words can be loaded. */
static inline __attribute__((always_inline)) uint64_t gaz_fold_hash_fast(const char *s, size_t n,
                                                                         size_t avail)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	if (n == 0 || n > GAZ_MAX_UNIT_BYTES)
		return gaz_fold_hash_bytes(s, n);
	uint64_t h = GAZ_UNIT_SEED;
	for (size_t i = 0; i < n; i += 8) {
		size_t left = n - i;
		uint64_t w = i + 8 <= avail ? hm_le64(s + i) : hm_le64_part(s + i, left < 8 ? left : 8);
		if (left < 8)
			w &= ~0ull >> (8 * (8 - left));
		/* non-ASCII, or a byte the fold removes ('.' and ',' differ in
		 * one bit, '\'', '`'): the byte loop */
		if ((w & high) || gaz_has_zero_byte((w | (2 * ones)) ^ ('.' * ones)) ||
		    gaz_has_zero_byte(w ^ ('\'' * ones)) || gaz_has_zero_byte(w ^ ('`' * ones)))
			return gaz_fold_hash_bytes(s, n);
		h = hm_step(h, ascii8_fold(w));
	}
	return gaz_unit_finish(h, n);
}

/* One unit of a name, as cut by gaz_segment(). */
struct gaz_unit {
	uint32_t start, end;  /* byte span in the name */
	bool cap;             /* first letter upper case */
	bool lower;           /* first letter lower case */
	bool allcaps;         /* >= 2 letters, all upper case */
	bool word;            /* a word (not a punctuation character) */
};

/* Cut a name into units the way tokenizer.c cuts text.  Returns the number
 * of units written (at most max), or -1 if the name has more than max. */
int gaz_segment(const char *s, size_t n, struct gaz_unit *u, int max);

/* Checksum of n bytes (64-bit, word-wise). */
uint64_t gaz_checksum(const void *p, size_t n);

/* Set the summary fields of slot s (flags other than GAZ_SLOT_PREFIX, kinds,
 * entry, nentries and, for a uniform slot, cap_mask, caps_mask, nunits) from
 * its variants v[0..n).  The compiler writes them with it; the loader
 * refuses an image whose slots differ from what it gives. */
void gaz_slot_summarize(struct gaz_slot *s, const struct gaz_variant *v, size_t n);

/* ---- the image (gaz_image.c) ---- */

/* Map path read-only and validate it.  Returns NULL with a message in err
 * ("...: bad magic", "...: checksum mismatch", ...) on failure. */
struct gaz_image *gaz_image_open(const char *path, char *err, size_t errlen);
/* Validate an image held in memory; takes buf (malloc'd) in every case. */
struct gaz_image *gaz_image_from_buffer(void *buf, size_t size, char *err, size_t errlen);
void gaz_image_free(struct gaz_image *img);

/* Find the slot for a key hash, or NULL.  Linear probing; the loader checked
 * that nslots is a power of two and the compiler leaves half the slots empty,
 * so the loop ends at an empty slot. */
static inline const struct gaz_slot *gaz_image_find(const struct gaz_image *img, uint64_t h)
{
	uint32_t mask = img->hdr->nslots - 1;
	for (uint32_t i = (uint32_t)h & mask, n = 0; n <= mask; i = (i + 1) & mask, n++) {
		const struct gaz_slot *s = &img->slots[i];
		if (s->hash == h)
			return s;
		if (s->hash == 0)
			return NULL;
	}
	return NULL;
}

/* Prefetch the first slot a probe for h reads. */
static inline void gaz_image_prefetch(const struct gaz_image *img, uint64_t h)
{
	__builtin_prefetch(&img->slots[(uint32_t)h & (img->hdr->nslots - 1)]);
}

/* Case fit of a variant (or a uniform slot's summary) against the tokens of
 * a span, given as bits over its units: allcaps bit k if unit k is all caps,
 * capital bit k if it is capitalized or all caps.  A unit written in capitals
 * needs a capital, an all-caps acronym needs all caps. */
static inline bool gaz_masks_fit(uint32_t cap_mask, uint32_t caps_mask, uint32_t capital,
                                 uint32_t allcaps)
{
	return !(caps_mask & ~allcaps) && !(cap_mask & ~caps_mask & ~capital);
}

static inline const char *gaz_str(const struct gaz_image *img, uint32_t off)
{
	return img->strings + off;
}

/* ---- the compiler (gaz_compile.c) ---- */

struct gaz_compiler;

/* New compiler; NULL on allocation failure. */
struct gaz_compiler *gaz_compiler_new(void);
void gaz_compiler_free(struct gaz_compiler *c);
/* Add one source list (TSV, see gazetteers/README.md).  Returns 0, or
 * -EXT_E_BAD_DATA with "file:line: reason" in err. */
int gaz_compiler_add_file(struct gaz_compiler *c, const char *path, char *err, size_t errlen);
/* Add every *.tsv file of a directory, in name order (files without a
 * "# kind:" header are an error).  Returns 0 or -EXT_E_BAD_DATA. */
int gaz_compiler_add_dir(struct gaz_compiler *c, const char *dir, char *err, size_t errlen);
/* Build the image into a malloc'd buffer (*out, *outlen).  version may be
 * NULL (derived from the checksum).  Returns 0 or a negative code. */
int gaz_compiler_build(struct gaz_compiler *c, const char *version, void **out, size_t *outlen,
                       char *err, size_t errlen);
/* Entries added so far. */
size_t gaz_compiler_entries(const struct gaz_compiler *c);

/* Write buf to path atomically (temp file + rename).  Returns 0 or -1 with err. */
int gaz_write_file(const char *path, const void *buf, size_t len, char *err, size_t errlen);

#endif
