/* extractor.h: the one interface every extractor implements, and the table.
 * An extractor is loaded once (load), run per document (run) and unloaded at
 * shutdown (unload).  run() must not write to its state: the state is shared
 * read-only by all threads.  Per-request memory comes from doc->arena, per-thread
 * buffers (PCRE2 match data) from the scratch.  Adding an extractor takes one
 * .c file, one row in registry.c and one test file. */
#ifndef EXTRACTD_EXTRACTOR_H
#define EXTRACTD_EXTRACTOR_H

#include <stddef.h>

struct document;
struct engine_config;
struct scratch;

struct extractor {
	const char *name;     /* short name: "money", "date", ... */
	const char *version;  /* rules version, reported by /v1/version */
	/* Build the immutable state.  Returns 0 or -EXT_E_*; on error may write
	 * a message into err (errlen bytes). */
	int (*load)(const struct engine_config *cfg, void **state, char *err, size_t errlen);
	/* Add mentions to doc->mentions.  Returns 0 or -EXT_E_* (limits). */
	int (*run)(const void *state, struct document *doc, struct scratch *s);
	void (*unload)(void *state);
	/* Optional: version of the data this state was loaded from (e.g. the
	 * gazetteer image checksum); appended to the engine's data version. */
	const char *(*data_version)(const void *state);
};

/* The table, in run order; NULL-terminated. */
extern const struct extractor *const extractor_table[];

#endif
