/* document.h: one request's text and everything the pipeline derives from it.
 * Ownership: a document and all it points to live in the arena passed to
 * doc_new(); freeing that arena frees the document.  The text is a private,
 * NUL-terminated copy of the bytes the client sent; every span in the engine
 * is a byte offset into it.  Conversions to code-point or UTF-16 offsets are
 * done once, by the JSON writer. */
#ifndef EXTRACTD_DOCUMENT_H
#define EXTRACTD_DOCUMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "mention.h"
#include "tokenizer.h"

/* A calendar date; month/day 0 mean "not given". */
struct entity;

struct ext_date {
	int year, month, day;
};

enum offset_mode {
	OFFSETS_UTF8,       /* byte offsets into the UTF-8 text (default) */
	OFFSETS_CODEPOINT,  /* Unicode scalar values, as Python str indices */
	OFFSETS_UTF16,      /* UTF-16 code units, as JavaScript string indices */
};

struct document {
	struct arena *arena;        /* borrowed: owns everything below */
	const char *id;             /* client id, or NULL */
	const char *title;          /* optional, informational */
	const char *text;           /* NUL-terminated copy of the client's bytes */
	size_t len;                 /* bytes in text, without the NUL */
	bool has_published;
	struct ext_date published;  /* anchor for relative dates */
	bool explain;               /* keep evidence strings (explain mode); off: skip them */

	/* filled by the pipeline, in this order */
	struct token *tokens;
	size_t ntokens;
	struct sentence *sentences;
	size_t nsentences;
	struct mention_list mentions;
	struct entity *entities;    /* within-article clusters (entities.h), after the resolver */
	size_t nentities;

	/* limits, set by the engine from its config */
	size_t max_tokens;
	uint64_t deadline_ns;       /* CLOCK_MONOTONIC; 0 = no budget */
	int error;                  /* first limit hit (-EXT_E_*), 0 if none */
	const char *error_detail;   /* static or arena string naming the limit */
};

/* Make a document from len bytes of text.  Validates UTF-8; on failure returns
 * NULL, sets *err to -EXT_E_INVALID_UTF8 and *bad_offset to the first bad byte.
 * Also fails with -EXT_E_NOMEM when the arena cap is hit.  text is copied. */
struct document *doc_new(struct arena *a, const char *text, size_t len, int *err,
                         size_t *bad_offset);

/* Parse "YYYY-MM-DD" (exactly) into *d; false if malformed or not a real date. */
bool doc_parse_date(const char *s, struct ext_date *d);

/* Offset conversion.  Build once per document/mode, then convert any byte
 * offset that lies on a code-point boundary.  For OFFSETS_UTF8 it is identity. */
struct offset_map;
struct offset_map *doc_offset_map_new(const struct document *doc, enum offset_mode mode);
size_t doc_offset_convert(const struct offset_map *m, size_t byte_offset);
bool doc_offset_mode_parse(const char *s, enum offset_mode *mode);
const char *doc_offset_mode_name(enum offset_mode mode);

/* Per-document work budget: true once the deadline has passed; then sets
 * doc->error to -EXT_E_TOO_COMPLEX.  Extractors call it in their loops. */
bool doc_over_budget(struct document *doc);

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t doc_now_ns(void);

/* Record a limit failure (first one wins). */
void doc_fail(struct document *doc, int err, const char *detail);

/* Index of the sentence containing byte offset off (binary search). */
size_t doc_sentence_at(const struct document *doc, size_t off);

/* Index of the first token whose start >= off (binary search); ntokens if none. */
size_t doc_token_at(const struct document *doc, size_t off);

/* doc_token_at() within [lo, hi), for callers that know every token before
 * lo starts before off and token hi (if any) at or after it: a binary
 * search of that range; hi if no token in it starts at or after off. */
static inline size_t doc_token_in(const struct document *doc, size_t off, size_t lo, size_t hi)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->tokens[mid].start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#endif
