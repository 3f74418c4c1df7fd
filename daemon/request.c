/* request.c: transport-independent request handling (see request.h).
 *
 * Shape of one request: options (query/CLI) -> optional JSON parse of the body
 * -> doc_new (UTF-8 check, copy into the arena) -> engine_process ->
 * jsonout_document.  Every failure becomes an error object here, with the
 * code from errors.h; the HTTP layer only maps the code to a status.  Nothing
 * in this file knows about HTTP. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "json_out.h"
#include "request.h"
#include "util.h"

void request_opts_init(struct request_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->offsets = OFFSETS_UTF8;
}

/* "1"/"true" -> true, "0"/"false" -> false; anything else is an error. */
static bool parse_flag(const char *v, bool *out)
{
	if (!strcmp(v, "1") || !strcmp(v, "true")) {
		*out = true;
		return true;
	}
	if (!strcmp(v, "0") || !strcmp(v, "false")) {
		*out = false;
		return true;
	}
	return false;
}

int request_opts_set(struct request_opts *o, const char *key, const char *value, char *msg,
                     size_t msglen)
{
	if (!value)
		value = "";
	if (!strcmp(key, "offsets")) {
		if (!doc_offset_mode_parse(value, &o->offsets))
			goto bad_offsets;
		return 0;
	}
	if (!strcmp(key, "published")) {
		if (!doc_parse_date(value, &o->published)) {
			snprintf(msg, msglen, "published must be a calendar date YYYY-MM-DD");
			return -EXT_E_BAD_PARAMETER;
		}
		o->has_published = true;
		return 0;
	}
	if (!strcmp(key, "explain") || !strcmp(key, "pretty")) {
		bool *flag = key[0] == 'e' ? &o->explain : &o->pretty;
		if (!parse_flag(value, flag)) {
			snprintf(msg, msglen, "%s must be 1, 0, true or false", key);
			return -EXT_E_BAD_PARAMETER;
		}
		return 0;
	}
	if (!strcmp(key, "id")) {
		o->id = value;
		return 0;
	}
	snprintf(msg, msglen, "unknown parameter \"%.64s\"", key);
	return -EXT_E_BAD_PARAMETER;
bad_offsets:
	snprintf(msg, msglen, "offsets must be utf8, codepoint or utf16");
	return -EXT_E_BAD_PARAMETER;
}

/* A static last resort for when building the error JSON itself fails. */
static json_t *fallback_error(int code)
{
	json_t *root = json_object();
	json_t *err = json_object();
	if (!root || !err) {
		json_decref(root);
		json_decref(err);
		return NULL;
	}
	json_object_set_new(err, "code", json_string(ext_error_id(code)));
	json_object_set_new(err, "message", json_string(ext_error_message(code)));
	json_object_set_new(root, "error", err);
	return root;
}

json_t *request_error(int code, const char *msg, const char *id)
{
	json_t *j = jsonout_error(code, msg, id);
	if (!j || !json_object_get(j, "error")) {
		/* msg or id was not valid UTF-8 (json_string returned NULL) */
		json_decref(j);
		j = fallback_error(code);
	}
	return j;
}

/* Thread-local scratch: the __thread pointer is the fast path, the pthread key
 * only exists so that the scratch is freed when an MHD pool thread exits. */
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static __thread struct scratch *tls_scratch;

static void scratch_destructor(void *p)
{
	scratch_free(p);
}

static void scratch_key_init(void)
{
	if (pthread_key_create(&scratch_key, scratch_destructor) != 0)
		abort();
}

struct scratch *request_scratch(const struct engine *e)
{
	if (!tls_scratch) {
		pthread_once(&scratch_once, scratch_key_init);
		tls_scratch = scratch_new(engine_config(e));
		if (tls_scratch)
			pthread_setspecific(scratch_key, tls_scratch);
	}
	return tls_scratch;
}

void request_scratch_free(void)
{
	if (!tls_scratch)
		return;
	pthread_setspecific(scratch_key, NULL);
	scratch_free(tls_scratch);
	tls_scratch = NULL;
}

/* Output buffer for json_dump_callback, failing once past max. */
struct dumpbuf {
	char *p;
	size_t len, cap, max;
	bool too_big;
};

static int dump_cb(const char *buf, size_t size, void *data)
{
	struct dumpbuf *d = data;
	if (d->max && d->len + size + 1 > d->max) {
		d->too_big = true;
		return -1;
	}
	if (d->len + size + 2 > d->cap) {
		size_t ncap = d->cap ? d->cap : 4096;
		while (ncap < d->len + size + 2)
			ncap *= 2;
		char *np = realloc(d->p, ncap);
		if (!np)
			return -1;
		d->p = np;
		d->cap = ncap;
	}
	memcpy(d->p + d->len, buf, size);
	d->len += size;
	return 0;
}

/* Returns the buffer, or NULL with *too_big telling why. */
static char *dump(const json_t *j, bool pretty, size_t max, size_t *len, bool *too_big)
{
	struct dumpbuf d = {.max = max};
	/* 15 significant digits: the JSON writer's own precision; jansson's default
	 * 17 shows binary noise (0.51100000000000001) */
	size_t flags = (pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_REAL_PRECISION(15);
	*too_big = false;
	if (json_dump_callback(j, dump_cb, &d, flags) != 0 || !d.p) {
		*too_big = d.too_big;
		free(d.p);
		return NULL;
	}
	d.p[d.len++] = '\n';
	d.p[d.len] = '\0';
	*len = d.len;
	return d.p;
}

char *request_dump(const json_t *j, bool pretty, size_t max, size_t *len)
{
	bool too_big;
	return dump(j, pretty, max, len, &too_big);
}

/* {"line":N,"id":ID|null,"error":{...}} from an error object. */
static json_t *line_error(size_t line_no, int code, const char *msg, const char *id)
{
	json_t *e = request_error(code, msg, id);
	json_t *out = json_object();
	if (!e || !out) {
		json_decref(e);
		json_decref(out);
		return NULL;
	}
	json_t *idv = json_object_get(e, "id");
	json_object_set_new(out, "line", json_integer((json_int_t)line_no));
	json_object_set(out, "id", idv ? idv : json_null());
	json_object_set(out, "error", json_object_get(e, "error"));
	json_decref(e);
	return out;
}

char *request_error_text(int code, const char *msg, const char *id, size_t line_no,
                         bool pretty, size_t *out_len)
{
	json_t *j = line_no ? line_error(line_no, code, msg, id) : request_error(code, msg, id);
	if (!j)
		return NULL;
	char *s = request_dump(j, pretty && !line_no, 0, out_len);
	json_decref(j);
	return s;
}

/* Fields of one request after option/body merging. */
struct request_fields {
	const char *id, *title;
	const char *text;
	size_t len;
	struct request_opts opts;
};

/* The pipeline proper: doc_new + engine_process.  Returns the processed
 * document, or NULL with *err set and a message in msg ("" = default). */
static struct document *process(const struct engine *e, struct arena *a,
                                const struct request_fields *f, int *err, char *msg,
                                size_t msglen)
{
	const struct engine_config *cfg = engine_config(e);
	msg[0] = '\0';
	/* Checked before doc_new so an oversize text is never copied. */
	if (cfg->max_text_bytes && f->len > cfg->max_text_bytes) {
		snprintf(msg, msglen, "text is %zu bytes; the limit is %zu", f->len,
		         cfg->max_text_bytes);
		*err = -EXT_E_TEXT_TOO_LARGE;
		return NULL;
	}
	struct scratch *s = request_scratch(e);
	if (!s) {
		*err = -EXT_E_NOMEM;
		return NULL;
	}
	int rc = 0;
	size_t bad = 0;
	struct document *doc = doc_new(a, f->text, f->len, &rc, &bad);
	if (!doc) {
		if (rc == -EXT_E_INVALID_UTF8)
			snprintf(msg, msglen, "text is not valid UTF-8 at byte offset %zu", bad);
		*err = rc ? rc : -EXT_E_NOMEM;
		return NULL;
	}
	if (f->id)
		doc->id = arena_strdup(a, f->id);
	if (f->title)
		doc->title = arena_strdup(a, f->title);
	if ((f->id && !doc->id) || (f->title && !doc->title)) {
		*err = -EXT_E_NOMEM;
		return NULL;
	}
	doc->has_published = f->opts.has_published;
	doc->published = f->opts.published;
	doc->explain = f->opts.explain;  /* extractors keep evidence strings only then */

	rc = engine_process(e, doc, s);
	if (rc < 0) {
		*err = rc;
		if (doc->error_detail) {
			if (rc == -EXT_E_TOO_COMPLEX)
				snprintf(msg, msglen, "%s: %s", ext_error_message(rc), doc->error_detail);
			else
				snprintf(msg, msglen, "%s", doc->error_detail);
		}
		return NULL;
	}
	*err = 0;
	return doc;
}

/* Serialize a processed document (see request.h for the convention). */
static char *render(const struct engine *e, const struct document *doc,
                    const struct request_fields *f, size_t max, size_t line_no,
                    size_t *out_len, int *err)
{
	bool pretty = f->opts.pretty && !line_no;
	struct jsonout_options jo = {
		.offsets = f->opts.offsets,
		.explain = f->opts.explain,
		.max_bytes = max > 1 ? max - 1 : 0,  /* room for the '\n' */
	};
	char *s = NULL;
	size_t n = 0;
	*err = 0;
	if (pretty) {
		bool too_big = true;
		json_t *j = jsonout_document(e, doc, &jo);
		if (j) {
			s = dump(j, true, max, &n, &too_big);
			json_decref(j);
		}
		if (s) {
			*out_len = n;
			return s;
		}
		if (!too_big)
			return NULL;
	} else {
		/* NULL from the renderer means over max_bytes, or (rarely) no memory */
		s = jsonout_render(e, doc, &jo, &n);
		if (s) {
			char *t = realloc(s, n + 2);
			if (!t) {
				free(s);
				return NULL;
			}
			t[n] = '\n';
			t[n + 1] = '\0';
			*out_len = n + 1;
			return t;
		}
	}
	char msg[128];
	snprintf(msg, sizeof(msg), "result could not be rendered within max_output_bytes (%zu)",
	         max);
	*err = -EXT_E_TOO_COMPLEX;
	return request_error_text(*err, msg, f->id, line_no, pretty, out_len);
}

/* process + render, or the error text. */
static char *run(const struct engine *e, struct arena *a, const struct request_fields *f,
                 size_t max, size_t line_no, size_t *out_len, int *err)
{
	char msg[256];
	struct document *doc = process(e, a, f, err, msg, sizeof(msg));
	if (!doc)
		return request_error_text(*err, msg[0] ? msg : NULL, f->id, line_no,
		                          f->opts.pretty, out_len);
	return render(e, doc, f, max, line_no, out_len, err);
}

char *request_run_text(const struct engine *e, struct arena *a, const char *text, size_t len,
                       const struct request_opts *o, size_t max_output, size_t *out_len,
                       int *err)
{
	struct request_fields f = {.id = o->id, .text = text, .len = len, .opts = *o};
	return run(e, a, &f, max_output, 0, out_len, err);
}

/* Read the body's fields into f.  Returns 0 or -EXT_E_* with msg set. */
static int read_fields(json_t *root, struct request_fields *f, char *msg, size_t msglen)
{
	const char *key;
	json_t *v;
	bool have_text = false;

	/* id first, so that any later error can name the document */
	json_t *id = json_object_get(root, "id");
	if (id && json_is_string(id))
		f->id = json_string_value(id);
	else if (id && !json_is_null(id)) {
		snprintf(msg, msglen, "\"id\" must be a string");
		return -EXT_E_BAD_PARAMETER;
	}
	json_object_foreach(root, key, v) {
		if (!strcmp(key, "id")) {
			continue;
		} else if (!strcmp(key, "text")) {
			if (!json_is_string(v)) {
				snprintf(msg, msglen, "\"text\" must be a string");
				return -EXT_E_MISSING_TEXT;
			}
			f->text = json_string_value(v);
			f->len = json_string_length(v);
			have_text = true;
		} else if (!strcmp(key, "title")) {
			if (json_is_null(v))
				continue;
			if (!json_is_string(v)) {
				snprintf(msg, msglen, "\"title\" must be a string");
				return -EXT_E_BAD_PARAMETER;
			}
			f->title = json_string_value(v);
		} else if (!strcmp(key, "published")) {
			if (json_is_null(v)) {
				f->opts.has_published = false;
				continue;
			}
			if (!json_is_string(v) ||
			    !doc_parse_date(json_string_value(v), &f->opts.published)) {
				snprintf(msg, msglen, "\"published\" must be a calendar date YYYY-MM-DD");
				return -EXT_E_BAD_PARAMETER;
			}
			f->opts.has_published = true;
		} else if (!strcmp(key, "offsets")) {
			if (!json_is_string(v) ||
			    !doc_offset_mode_parse(json_string_value(v), &f->opts.offsets)) {
				snprintf(msg, msglen, "\"offsets\" must be utf8, codepoint or utf16");
				return -EXT_E_BAD_PARAMETER;
			}
		} else if (!strcmp(key, "explain")) {
			if (!json_is_boolean(v)) {
				snprintf(msg, msglen, "\"explain\" must be true or false");
				return -EXT_E_BAD_PARAMETER;
			}
			f->opts.explain = json_is_true(v);
		} else {
			snprintf(msg, msglen, "unknown field \"%.64s\"", key);
			return -EXT_E_BAD_PARAMETER;
		}
	}
	if (!have_text) {
		snprintf(msg, msglen, "request has no \"text\" string");
		return -EXT_E_MISSING_TEXT;
	}
	return 0;
}

/* Parse and run one JSON request (line_no > 0: the NDJSON line form). */
static char *run_json(const struct engine *e, struct arena *a, const char *buf, size_t len,
                      size_t line_no, const struct request_opts *o, size_t max,
                      size_t *out_len, int *err)
{
	char msg[256];
	json_error_t jerr;
	struct request_fields f = {.opts = *o};
	f.opts.id = NULL;
	char *out;

	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		size_t bad;
		if (!utf8_validate(buf, len, &bad)) {
			snprintf(msg, sizeof(msg), "request body is not valid UTF-8 at byte offset %zu",
			         bad);
			*err = -EXT_E_INVALID_UTF8;
		} else {
			snprintf(msg, sizeof(msg), "invalid JSON at line %d, column %d: %s", jerr.line,
			         jerr.column, jerr.text);
			*err = -EXT_E_BAD_JSON;
		}
		return request_error_text(*err, msg, NULL, line_no, o->pretty, out_len);
	}
	if (!json_is_object(root)) {
		*err = -EXT_E_BAD_JSON;
		out = request_error_text(*err, "request must be a JSON object", NULL, line_no,
		                         o->pretty, out_len);
	} else if ((*err = read_fields(root, &f, msg, sizeof(msg))) < 0) {
		out = request_error_text(*err, msg, f.id, line_no, o->pretty, out_len);
	} else {
		/* f borrows strings from root: run before the decref */
		out = run(e, a, &f, max, line_no, out_len, err);
	}
	json_decref(root);
	return out;
}

char *request_run_json(const struct engine *e, struct arena *a, const char *buf, size_t len,
                       const struct request_opts *o, size_t max_output, size_t *out_len,
                       int *err)
{
	return run_json(e, a, buf, len, 0, o, max_output, out_len, err);
}

char *request_run_line(const struct engine *e, struct arena *a, const char *buf, size_t len,
                       size_t line_no, const struct request_opts *o, size_t max_output,
                       size_t *out_len, int *err)
{
	/* a CR before the LF is part of the line ending, not of the JSON */
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	if (len == 0) {
		*err = -EXT_E_BAD_JSON;
		return request_error_text(*err, "empty line", NULL, line_no, false, out_len);
	}
	return run_json(e, a, buf, len, line_no, o, max_output, out_len, err);
}
