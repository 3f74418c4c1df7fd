/* testutil.h: shared helpers for the Check suites: one engine per test
 * process (loaded lazily with default config), and a one-call "extract this
 * text" that returns the processed document in a fresh arena. */
#ifndef EXTRACTD_TESTUTIL_H
#define EXTRACTD_TESTUTIL_H

#include <check.h>

#include "arena.h"
#include "document.h"
#include "engine.h"
#include "mention.h"

/* The process-wide test engine (default config).  Aborts the test on failure. */
struct engine *tu_engine(void);

/* Process text (NUL-terminated) with optional published date "YYYY-MM-DD",
 * in explain mode (evidence strings kept).
 * Returns the document; *arena receives the arena to free with arena_free(). */
struct document *tu_extract(const char *text, const char *published, struct arena **arena);

/* Tokenize only (no extractors). */
struct document *tu_tokenize(const char *text, struct arena **arena);

/* Count of kept mentions of type t. */
size_t tu_count(const struct document *doc, enum mention_type t);

/* First kept mention of type t whose text equals s, or NULL. */
const struct mention *tu_find(const struct document *doc, enum mention_type t, const char *s);

/* Text of a mention (in a static buffer, for messages). */
const char *tu_text(const struct document *doc, const struct mention *m);

/* Run a suite with CK_NORMAL output; returns the process exit code. */
int tu_run(Suite *s);

#endif
