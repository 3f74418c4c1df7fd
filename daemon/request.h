/* request.h: one extraction request, independent of the transport.  The HTTP
 * server and the CLI both turn their input (a text/plain body, a JSON body,
 * one NDJSON line) into a call here and get back one jansson object: either
 * the JSON writer's serialized result or a serialized error object built with
 * jsonout_error().  Ownership: returned strings are malloc'd (the caller frees
 * them); the document lives in the arena the caller passes and is dead once
 * that arena is reset or freed, but nothing returned points into it.
 *
 * Per-thread scratch (PCRE2 match data) is created lazily for each thread that
 * processes documents and freed when that thread exits; request_scratch_free()
 * releases the calling thread's early (the CLI's main thread). */
#ifndef EXTRACTD_REQUEST_H
#define EXTRACTD_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "arena.h"
#include "document.h"
#include "engine.h"

/* Request-level options: query parameters or CLI flags.  Fields of a JSON
 * request body override them for that document. */
struct request_opts {
	enum offset_mode offsets;    /* default OFFSETS_UTF8 */
	bool explain;
	bool pretty;                 /* indent 2 instead of compact */
	bool has_published;
	struct ext_date published;
	const char *id;              /* borrowed: id for text/plain bodies */
};

void request_opts_init(struct request_opts *o);

/* Apply one option by name: "offsets", "published", "explain", "pretty",
 * "id" (the HTTP query parameters).  explain/pretty take 1/0/true/false.
 * Returns 0, or -EXT_E_BAD_PARAMETER with a message in msg.  value is
 * borrowed for "id" (must outlive o). */
int request_opts_set(struct request_opts *o, const char *key, const char *value, char *msg,
                     size_t msglen);

/* Every request function below returns the serialized response: a malloc'd,
 * NUL-terminated string ending in '\n' (free with free()), its length in
 * *out_len, and *err = 0 for a result or -EXT_E_* for an error object.  A
 * result is rendered by jsonout_render (compact) or, with o->pretty, through
 * a jansson tree with indent 2; a result longer than max_output bytes
 * (0 = no limit) is replaced by a DOCUMENT_TOO_COMPLEX error.  NULL only
 * when memory runs out even for the error object. */

/* Process len bytes of plain text (id from o->id).  Errors: INVALID_UTF8
 * with the byte offset, TEXT_TOO_LARGE, DOCUMENT_TOO_COMPLEX, OUT_OF_MEMORY. */
char *request_run_text(const struct engine *e, struct arena *a, const char *text, size_t len,
                       const struct request_opts *o, size_t max_output, size_t *out_len,
                       int *err);

/* Parse one JSON request object {"id","text","title"?,"published"?,"offsets"?,
 * "explain"?} from buf (JSON_REJECT_DUPLICATES) and process it.  Parse errors
 * are BAD_JSON (with jansson's line and column) or INVALID_UTF8 (with the
 * byte offset), field errors MISSING_TEXT or BAD_PARAMETER.  Error objects
 * carry the id when the body had one that could be read. */
char *request_run_json(const struct engine *e, struct arena *a, const char *buf, size_t len,
                       const struct request_opts *o, size_t max_output, size_t *out_len,
                       int *err);

/* One NDJSON line (batch endpoint, extract --jsonl): like request_run_json,
 * always compact, and an error becomes {"line":line_no,"id":ID-or-null,
 * "error":{...}}.  An empty line (or a lone "\r") is a BAD_JSON error, so
 * output lines match input lines one to one. */
char *request_run_line(const struct engine *e, struct arena *a, const char *buf, size_t len,
                       size_t line_no, const struct request_opts *o, size_t max_output,
                       size_t *out_len, int *err);

/* A serialized error object for code (message msg, NULL = the table's
 * default; id may be NULL), in the line form when line_no > 0.  Same return
 * convention as above. */
char *request_error_text(int code, const char *msg, const char *id, size_t line_no,
                         bool pretty, size_t *out_len);

/* Build an error object {"error":{"code","message"}} (+ "id") for code with
 * message msg (NULL = the table's default).  Falls back to the table's
 * message when msg or id is not valid UTF-8.  NULL only on allocation
 * failure. */
json_t *request_error(int code, const char *msg, const char *id);

/* Serialize j (compact, or indent 2 when pretty) followed by '\n'.  Returns a
 * malloc'd NUL-terminated string (free with free()) and its length in *len,
 * or NULL when the output would exceed max bytes (0 = no limit) or memory ran
 * out. */
char *request_dump(const json_t *j, bool pretty, size_t max, size_t *len);

/* The calling thread's scratch for engine e (created on first use). */
struct scratch *request_scratch(const struct engine *e);
/* Free the calling thread's scratch now (otherwise it goes at thread exit). */
void request_scratch_free(void);

#endif
