/* engine.h: the loaded engine (config + every extractor's compiled state) and
 * the per-document pipeline.  An engine is immutable after engine_new() and
 * shared read-only by all threads; it is reference-counted so that a reload can
 * swap in a new engine while requests in flight finish on the old one.
 * Per-thread mutable state lives in a struct scratch. */
#ifndef EXTRACTD_ENGINE_H
#define EXTRACTD_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

struct document;

struct engine_config {
	const char *data_dir;         /* gazetteer directory (NULL = built-in default) */
	const char *gazetteer_dirs;   /* extra gazetteer source dirs, ':'-separated, merged at load (NULL = none) */
	const char *dollar_currency;  /* ISO code a bare "$" resolves to (default "USD") */
	size_t max_text_bytes;        /* per document (default 1 MiB) */
	size_t max_tokens;            /* per document (default 400000) */
	size_t max_mentions;          /* per document (default 100000) */
	size_t arena_cap;             /* bytes per request arena (default 256 MiB) */
	uint32_t pcre_match_limit;    /* pcre2_set_match_limit (default 100000) */
	uint32_t pcre_heap_limit_kib; /* pcre2_set_heap_limit (default 4096) */
	uint32_t doc_budget_ms;       /* per-document work budget (default 5000; 0 = none) */
};

void engine_config_defaults(struct engine_config *cfg);

struct engine;

/* Load every extractor in extractor_table.  Returns NULL and writes a message
 * into err on failure.  The engine copies what it needs from cfg. */
struct engine *engine_new(const struct engine_config *cfg, char *err, size_t errlen);
/* Reference counting; engine_unref() frees on the last reference (NULL ok). */
struct engine *engine_ref(struct engine *e);
void engine_unref(struct engine *e);

const struct engine_config *engine_config(const struct engine *e);
size_t engine_extractor_count(const struct engine *e);
const char *engine_extractor_name(const struct engine *e, size_t i);
const char *engine_extractor_version(const struct engine *e, size_t i);
const void *engine_extractor_state(const struct engine *e, const char *name);
/* For an extractor's load(): the state of an extractor loaded before it in
 * extractor_table (e.g. the NER layer shares the gazetteer's mapped image
 * instead of mapping its own).  cfg must be the pointer load() received.
 * NULL if no such extractor has loaded.  Unload runs in reverse order, so the
 * peer outlives the caller's state. */
const void *engine_peer_state(const struct engine_config *cfg, const char *name);

/* Version of the loaded data (gazetteer image and rule tables). */
const char *engine_data_version(const struct engine *e);

/* Per-thread scratch: PCRE2 match data and match context carrying the
 * configured match and heap limits.  Never shared between threads. */
struct scratch {
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	uint64_t matches;             /* regex calls made for the current document */
};
struct scratch *scratch_new(const struct engine_config *cfg);
void scratch_free(struct scratch *s);

/* Run the pipeline on doc: tokenize, split sentences, run every extractor,
 * resolve overlaps, number the mentions.  Returns 0, or -EXT_E_* when a limit
 * was hit (doc->error_detail names it).  doc must come from doc_new(). */
int engine_process(const struct engine *e, struct document *doc, struct scratch *s);

/* engine_process, adding the thread CPU seconds spent in each stage to t[]:
 * t[0] tokenizer and sentences, t[1 + i] extractor_table[i] (as enabled in
 * this engine, in order), then resolver, then entity clustering, so t needs
 * engine_stage_count() slots.  For the benchmark's per-stage figures. */
int engine_process_timed(const struct engine *e, struct document *doc, struct scratch *s, double *t);
size_t engine_stage_count(const struct engine *e);
const char *engine_stage_name(const struct engine *e, size_t i);

/* Apply the engine's per-document limits to a new document (called by
 * engine_process; exposed for tests). */
void engine_prepare(const struct engine *e, struct document *doc);

/* Compile a regex with PCRE2_UTF and extra options, and JIT it (a JIT failure
 * is a logged warning, never an error).  NULL on compile error, with the
 * message and offset written to err. */
pcre2_code *rx_compile(const char *pattern, uint32_t options, char *err, size_t errlen);

/* Match re in doc->text from byte offset start with PCRE2_NO_UTF_CHECK (the
 * text is validated once in doc_new).  Returns pcre2_match's result: > 0 on a
 * match (ovector in s->md), PCRE2_ERROR_NOMATCH, or another negative error;
 * on a limit error it records -EXT_E_TOO_COMPLEX on the document. */
int rx_match(const pcre2_code *re, struct document *doc, struct scratch *s, size_t start,
             uint32_t options);

#endif
