/* json_out.h: the only stage that builds output JSON.  It reads a processed
 * document and writes JSON text (or, for callers that need one, a jansson
 * tree); byte offsets are converted here, once, to the requested offset mode.
 * The caller owns what is returned. */
#ifndef EXTRACTD_JSON_OUT_H
#define EXTRACTD_JSON_OUT_H

#include <stdbool.h>

#include <jansson.h>

#include "document.h"

struct engine;

struct jsonout_options {
	enum offset_mode offsets;
	bool explain;      /* add rule/evidence fields to each mention */
	size_t max_bytes;  /* output cap; 0 = none */
};

/* Render {"id","published"?,"offsets","data_version"?,"mentions":[...],
 * "entities":[...],"facts":[]} as compact JSON text (no trailing newline).
 * Returns a NUL-terminated malloc'd string (free() it) and its length in
 * *len, or NULL on allocation failure or when the output would exceed
 * o->max_bytes.  e may be NULL (no data_version). */
char *jsonout_render(const struct engine *e, const struct document *doc,
                     const struct jsonout_options *o, size_t *len);

/* The same as a jansson tree (parsed from jsonout_render's text, so the two
 * never disagree).  New reference, or NULL on failure. */
json_t *jsonout_document(const struct engine *e, const struct document *doc,
                         const struct jsonout_options *o);

/* {"error":{"code":ID,"message":msg}} plus "id" when given.  New reference. */
json_t *jsonout_error(int code, const char *message, const char *id);

#endif
