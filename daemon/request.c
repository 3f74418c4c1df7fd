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

/* Fields of one request after option/body merging. */
struct request_fields {
	const char *id, *title;
	const char *text;
	size_t len;
	struct request_opts opts;
};

/* The pipeline proper.  Returns a new reference (result or error). */
static json_t *run(const struct engine *e, struct arena *a, const struct request_fields *f,
                   int *err)
{
	char msg[160];
	const struct engine_config *cfg = engine_config(e);
	/* Checked before doc_new so an oversize text is never copied. */
	if (cfg->max_text_bytes && f->len > cfg->max_text_bytes) {
		snprintf(msg, sizeof(msg), "text is %zu bytes; the limit is %zu", f->len,
		         cfg->max_text_bytes);
		*err = -EXT_E_TEXT_TOO_LARGE;
		return request_error(*err, msg, f->id);
	}
	struct scratch *s = request_scratch(e);
	if (!s) {
		*err = -EXT_E_NOMEM;
		return request_error(*err, NULL, f->id);
	}
	int rc = 0;
	size_t bad = 0;
	struct document *doc = doc_new(a, f->text, f->len, &rc, &bad);
	if (!doc) {
		if (rc == -EXT_E_INVALID_UTF8) {
			snprintf(msg, sizeof(msg), "text is not valid UTF-8 at byte offset %zu", bad);
			*err = rc;
			return request_error(rc, msg, f->id);
		}
		*err = rc ? rc : -EXT_E_NOMEM;
		return request_error(*err, NULL, f->id);
	}
	if (f->id)
		doc->id = arena_strdup(a, f->id);
	if (f->title)
		doc->title = arena_strdup(a, f->title);
	if ((f->id && !doc->id) || (f->title && !doc->title)) {
		*err = -EXT_E_NOMEM;
		return request_error(*err, NULL, f->id);
	}
	doc->has_published = f->opts.has_published;
	doc->published = f->opts.published;
	doc->explain = f->opts.explain;

	rc = engine_process(e, doc, s);
	if (rc < 0) {
		*err = rc;
		if (rc == -EXT_E_TOO_COMPLEX && doc->error_detail) {
			snprintf(msg, sizeof(msg), "%s: %s", ext_error_message(rc), doc->error_detail);
			return request_error(rc, msg, f->id);
		}
		return request_error(rc, doc->error_detail, f->id);
	}
	struct jsonout_options jo = {.offsets = f->opts.offsets, .explain = f->opts.explain};
	json_t *out = jsonout_document(e, doc, &jo);
	if (!out) {
		*err = -EXT_E_NOMEM;
		return request_error(*err, NULL, f->id);
	}
	*err = 0;
	return out;
}

json_t *request_run_text(const struct engine *e, struct arena *a, const char *text, size_t len,
                         const struct request_opts *o, int *err)
{
	struct request_fields f = {.id = o->id, .text = text, .len = len, .opts = *o};
	return run(e, a, &f, err);
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

/* Parse and run one JSON request.  *id_out receives the request's id (a
 * borrowed string owned by *root_out, or NULL); the caller decrefs *root_out. */
static json_t *run_json(const struct engine *e, struct arena *a, const char *buf, size_t len,
                        const struct request_opts *o, int *err, json_t **root_out,
                        const char **id_out, char *msg, size_t msglen)
{
	*root_out = NULL;
	*id_out = NULL;
	msg[0] = '\0';

	json_error_t jerr;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		size_t bad;
		if (!utf8_validate(buf, len, &bad)) {
			snprintf(msg, msglen, "request body is not valid UTF-8 at byte offset %zu", bad);
			*err = -EXT_E_INVALID_UTF8;
		} else {
			snprintf(msg, msglen, "invalid JSON at line %d, column %d: %s", jerr.line,
			         jerr.column, jerr.text);
			*err = -EXT_E_BAD_JSON;
		}
		return NULL;
	}
	*root_out = root;
	if (!json_is_object(root)) {
		snprintf(msg, msglen, "request must be a JSON object");
		*err = -EXT_E_BAD_JSON;
		return NULL;
	}
	struct request_fields f = {.opts = *o};
	f.opts.id = NULL;
	int rc = read_fields(root, &f, msg, msglen);
	*id_out = f.id;
	if (rc < 0) {
		*err = rc;
		return NULL;
	}
	return run(e, a, &f, err);
}

json_t *request_run_json(const struct engine *e, struct arena *a, const char *buf, size_t len,
                         const struct request_opts *o, int *err)
{
	char msg[256];
	json_t *root;
	const char *id;
	json_t *out = run_json(e, a, buf, len, o, err, &root, &id, msg, sizeof(msg));
	if (!out)
		out = request_error(*err, msg, id);
	json_decref(root);
	return out;
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

json_t *request_run_line(const struct engine *e, struct arena *a, const char *buf, size_t len,
                         size_t line_no, const struct request_opts *o, int *err)
{
	char msg[256];
	json_t *root = NULL;
	const char *id = NULL;
	json_t *out;

	/* a CR before the LF is part of the line ending, not of the JSON */
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	if (len == 0) {
		*err = -EXT_E_BAD_JSON;
		return line_error(line_no, *err, "empty line", NULL);
	}
	out = run_json(e, a, buf, len, o, err, &root, &id, msg, sizeof(msg));
	if (!out) {
		out = line_error(line_no, *err, msg, id);
	} else if (*err < 0) {
		/* run() built an error object ({"id"?,"error"}): reshape it */
		json_t *eo = json_object_get(out, "error");
		json_t *m = eo ? json_object_get(eo, "message") : NULL;
		json_t *le = line_error(line_no, *err, m ? json_string_value(m) : NULL, id);
		json_decref(out);
		out = le;
	}
	json_decref(root);
	return out;
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
	size_t flags = pretty ? JSON_INDENT(2) : JSON_COMPACT;
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

char *request_dump_capped(const json_t *j, bool pretty, size_t max, size_t line_no,
                          size_t *len, int *err)
{
	bool too_big;
	char *s = dump(j, pretty, max, len, &too_big);
	if (s || !too_big)
		return s;
	char msg[160];
	snprintf(msg, sizeof(msg), "result is over max_output_bytes (%zu)", max);
	json_t *idv = json_object_get(j, "id");
	const char *id = json_is_string(idv) ? json_string_value(idv) : NULL;
	json_t *e = line_no ? line_error(line_no, -EXT_E_TOO_COMPLEX, msg, id)
	                    : request_error(-EXT_E_TOO_COMPLEX, msg, id);
	if (!e)
		return NULL;
	*err = -EXT_E_TOO_COMPLEX;
	s = dump(e, pretty, 0, len, &too_big);
	json_decref(e);
	return s;
}
