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

/* 64-bit FNV-1a of a folded key. */
uint64_t ner_hash(const char *s, size_t n);

/* ner_hash() of ner_fold(s, n, buf, cap) without the buffer: one pass, no
 * copy.  Returns 0 where ner_fold() would return 0 (empty, or does not fit
 * in cap bytes). */
uint64_t ner_fold_hash(const char *s, size_t n, size_t cap);

/* ner_fold_hash() of a token (its bytes hold no ASCII whitespace, as every
 * token the tokenizer makes): a tighter loop, same value. */
uint64_t ner_fold_hash_word(const char *s, size_t n, size_t cap);

/* Row of table t for an already folded key, or NULL. */
const struct ner_counts *ner_cues_get(const struct ner_cues *c, enum ner_table t,
                                      const char *key, size_t n);

/* Word statistics row (or NULL) and cue class bits of one folded word, with
 * one hash computation. */
const struct ner_counts *ner_cues_word(const struct ner_cues *c, const char *key, size_t n,
                                       unsigned *cls);

/* Row of table t for a key already hashed with ner_hash(), or NULL. */
const struct ner_counts *ner_cues_get_h(const struct ner_cues *c, enum ner_table t, uint64_t h);

/* Word statistics row (NULL if none) and cue class bits (*cls) of a folded
 * word already hashed with ner_hash(): one probe of a merged table. */
const struct ner_counts *ner_cues_word_h(const struct ner_cues *c, uint64_t h, unsigned *cls);

/* Same, with the value the caller stored for the word (*user, 0 if none). */
const struct ner_counts *ner_cues_word_hu(const struct ner_cues *c, uint64_t h, unsigned *cls,
                                          unsigned *user);

/* At load, before the tables are shared: store a 16-bit value of the
 * caller's with a word of the merged table (false if it is not there). */
bool ner_cues_set_word_user(struct ner_cues *c, uint64_t h, unsigned user);

/* Start loading the cache line ner_cues_word_h(c, h, ...) probes first. */
void ner_cues_prefetch_word(const struct ner_cues *c, uint64_t h);

/* Rows of table t are numbered 0 .. ner_cues_nrows(t) - 1 in load order, so
 * a caller can keep data of its own per row in a dense array (the NER layer
 * keeps log probabilities).  ner_cues_row() is row k; ner_cues_row_index()
 * the number of a row a lookup in table t returned. */
size_t ner_cues_nrows(const struct ner_cues *c, enum ner_table t);
const struct ner_counts *ner_cues_row(const struct ner_cues *c, enum ner_table t, size_t k);
size_t ner_cues_row_index(const struct ner_cues *c, enum ner_table t,
                          const struct ner_counts *row);

/* Class bits of a folded word in ner-cues.tsv (0 if none). */
unsigned ner_cues_class(const struct ner_cues *c, const char *key, size_t n);

#endif
