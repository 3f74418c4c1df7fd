/* currency.h: the currency forms table and its case-folded lookup index.
 * Ownership: the table (currency_forms) is generated at build time from
 * gazetteers/currencies.tsv by tools/gen-currency-table.py and is static; an
 * index is built once at load (currency_index_new) and is read-only after that,
 * so threads share it.  A fold_hash is the small open-addressing map the index
 * (and the money extractor's grammar words) are built on.
 *
 * Folding is ASCII lower case; other bytes are compared as they are ("colón",
 * "€").  Rows whose form has the CF_CASE flag match only as written (codes
 * "USD", letter symbols "Rs"), or all lower case too when CF_LOWER is set. */
#ifndef EXTRACTD_CURRENCY_H
#define EXTRACTD_CURRENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum currency_kind {
	CK_CODE,      /* ISO 4217 code: "USD" */
	CK_SYMBOL,    /* "$", "US$", "€", "FCFA" */
	CK_NAME,      /* full name: "Japanese yen", "US dollars", "euro" */
	CK_UNIT,      /* unit word derived from a name: "yen", "dollars" */
	CK_MINOR,     /* sub-unit: "cents", "pence" (scale < 1) */
	CK_INFORMAL,  /* "quid", "greenbacks", "sterling" */
};

enum currency_flag {
	CF_CASE      = 1 << 0,  /* match the form's exact case only */
	CF_LOWER     = 1 << 1,  /* with CF_CASE: all lower case matches too ("usd") */
	CF_AMBIGUOUS = 1 << 2,  /* code is a documented default among several */
	CF_DOLLAR    = 1 << 3,  /* resolve through engine_config.dollar_currency */
	CF_PRE       = 1 << 4,  /* may stand before the number ("USD 5", "$5") */
	CF_GLUED     = 1 << 5,  /* only glued to a number ("50p") */
	CF_WEIGHT    = 1 << 6,  /* also a unit of weight ("pounds"): context decides */
	CF_SCALED    = 1 << 7,  /* only with a scaled amount ("#94.8 million", not "#1") */
};

struct currency_form {
	const char *form;   /* as written in the data */
	const char *code;   /* ISO 4217 code, "" when the form names no single one */
	double scale;       /* main units per unit written (0.01 for cents) */
	uint8_t kind;       /* enum currency_kind */
	uint8_t flags;      /* enum currency_flag bits */
	uint8_t nwords;     /* space-separated words in form */
};

/* Generated: sorted by folded form. */
extern const struct currency_form currency_forms[];
extern const size_t currency_forms_count;

/* ---- fold_hash: case-folded string -> uint32 value ---- */

#define FOLD_MAX_KEY 64  /* longer keys are never stored or found */

struct fold_hash;

/* New empty map sized for about n keys (it grows as needed). */
struct fold_hash *fold_hash_new(size_t n);
void fold_hash_free(struct fold_hash *h);
/* OR bits into the value of the folded key s[0..n) (inserting it with 0 first).
 * Returns 0, or -EXT_E_BAD_DATA when the key is empty or too long. */
int fold_hash_or(struct fold_hash *h, const char *s, size_t n, uint32_t bits);
/* Value of the folded s[0..n), or 0 when absent.  Folds on the fly, no copy. */
uint32_t fold_hash_get(const struct fold_hash *h, const char *s, size_t n);
/* The fold hash reads the ASCII-lower-cased key in 8-byte chunks (the last one
 * zero-padded), one multiply per chunk, then mixes in the length.  The pieces
 * are inline so that a scanner holding the chunks can hash a word without a
 * second pass (money.c); fold_hash_key gives the same value for any key. */
static inline uint64_t fold_lower8(uint64_t x)
{
	const uint64_t hi = 0x8080808080808080ull;
	uint64_t low7 = x & ~hi;
	uint64_t ge_a = low7 + 0x3F3F3F3F3F3F3F3Full;   /* high bit: byte >= 'A' */
	uint64_t gt_z = low7 + 0x2525252525252525ull;   /* high bit: byte > 'Z' */
	return x | (((ge_a & ~gt_z) & ~x & hi) >> 2);   /* 'A'..'Z' + 0x20 */
}

static inline uint64_t fold_hash_chunk(uint64_t h, uint64_t lowered)
{
	h = (h ^ lowered) * 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 32);
}

static inline uint64_t fold_hash_finish(uint64_t h, size_t n)
{
	h ^= n;
	h *= 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 29);
}

/* Hash of the folded s[0..n), to probe several maps with one pass over a word. */
uint64_t fold_hash_key(const char *s, size_t n);
/* fold_hash_get with hv = fold_hash_key(s, n) computed by the caller. */
uint32_t fold_hash_get_hashed(const struct fold_hash *h, const char *s, size_t n, uint64_t hv);

/* ---- the currency index ---- */

struct currency_index;

/* Index currency_forms.  Returns NULL on a malformed table (a build bug). */
struct currency_index *currency_index_new(void);
void currency_index_free(struct currency_index *ci);

/* The form row written as s[0..n), honouring CF_CASE/CF_LOWER, or NULL.  When
 * several rows share the folded form, the first whose case rule accepts s wins. */
const struct currency_form *currency_lookup(const struct currency_index *ci, const char *s,
                                            size_t n);
/* currency_lookup with hv = fold_hash_key(s, n) computed by the caller. */
const struct currency_form *currency_lookup_hashed(const struct currency_index *ci,
                                                   const char *s, size_t n, uint64_t hv);

/* True when the folded s[0..n) is the first word of some multi-word form
 * ("hong" of "Hong Kong dollars"), so a caller should try longer phrases. */
bool currency_is_phrase_head(const struct currency_index *ci, const char *s, size_t n);

/* Most words in any form (for phrase look-ahead). */
size_t currency_max_words(const struct currency_index *ci);

/* Human-readable kind name ("code", "symbol", ...). */
const char *currency_kind_name(enum currency_kind k);

#endif
