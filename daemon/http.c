/* http.c: the libmicrohttpd server.
 *
 * Threading: MHD runs a pool of polling threads (MHD_USE_INTERNAL_POLLING_THREAD
 * + MHD_OPTION_THREAD_POOL_SIZE); a request is handled entirely on the thread
 * that owns its connection, so extraction runs inside the access handler and
 * the per-thread scratch (request_scratch) needs no locking.  A long document
 * therefore delays the other connections of that one thread; max_inflight,
 * the engine's work budget and the body caps bound how long.
 *
 * Request lifecycle (MHD calls the access handler several times):
 *   1st call (headers only): route, method, Content-Type, query parameters,
 *       Content-Length and the in-flight limit are checked; any failure is
 *       answered at once (400/404/405/413/415/503).  Otherwise the request
 *       takes an engine reference and a fresh arena (struct req).
 *   middle calls: body bytes are appended to a malloc'd buffer capped at the
 *       route's limit; past it, bytes are counted and dropped (chunked bodies
 *       have no Content-Length) and 413 is sent on the final call.
 *   final call: the request runs and the response is queued.
 *   MHD_OPTION_NOTIFY_COMPLETED (also on client hang-up): the arena, body,
 *       engine reference and in-flight slot are released.
 * A batch response is streamed by a content-reader callback that processes
 * one NDJSON line per call; it owns its own copy of everything it needs
 * (struct batch, freed by MHD with the response), so it does not depend on
 * the order in which MHD frees the response and completes the request.
 *
 * Engine swap: `engine` is an atomic pointer; taking a reference to it and
 * swapping it happen under engine_lock (a handful of instructions), so a
 * request can never ref an engine that a concurrent reload just released.
 * Reloads themselves are serialized by reload_lock and build the new engine
 * outside engine_lock. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <microhttpd.h>

#include "errors.h"
#include "http.h"
#include "request.h"

#define BATCH_BLOCK_SIZE (16 * 1024)

struct http_server {
	struct config cfg;               /* owned copy */
	struct MHD_Daemon *mhd;
	uint16_t port;
	_Atomic(struct engine *) engine; /* current engine; one reference held */
	pthread_mutex_t engine_lock;     /* guards ref-taking and swapping */
	pthread_mutex_t reload_lock;     /* one reload at a time */
	atomic_uint inflight;            /* extract requests holding a slot */
	atomic_uint active;              /* all requests between 1st call and completion */
};

enum route_id {
	ROUTE_EXTRACT,
	ROUTE_BATCH,
	ROUTE_HEALTHZ,
	ROUTE_VERSION,
	ROUTE_RELOAD,
};

struct route {
	const char *path;
	enum route_id id;
	bool post;           /* POST with a body; otherwise GET/HEAD */
	const char *allow;   /* Allow header for 405 */
};

static const struct route routes[] = {
	{ "/v1/extract",       ROUTE_EXTRACT, true,  "POST" },
	{ "/v1/extract/batch", ROUTE_BATCH,   true,  "POST" },
	{ "/healthz",          ROUTE_HEALTHZ, false, "GET, HEAD" },
	{ "/v1/version",       ROUTE_VERSION, false, "GET, HEAD" },
	{ "/v1/admin/reload",  ROUTE_RELOAD,  true,  "POST" },
};

enum body_kind {
	BODY_TEXT,
	BODY_JSON,
	BODY_NDJSON,
};

/* Per-request state, from the first access-handler call to completion. */
struct req {
	struct http_server *srv;
	const struct route *route;
	struct engine *engine;       /* reference held */
	struct arena *arena;         /* the request arena */
	char *body;                  /* malloc'd, capped at limit */
	size_t len, cap, limit;
	uint64_t seen;               /* body bytes received, stored or not */
	bool too_large;
	bool nomem;
	bool counted;                /* holds an in-flight slot */
	bool responded;              /* a response is queued */
	enum body_kind kind;
	struct request_opts opts;
	char param_err[160];
	int param_code;
};

/* The streamed batch response (owned by the MHD response). */
struct batch {
	struct engine *engine;       /* reference held */
	struct arena *arena;
	char *body;
	size_t len, pos, line_no;
	char *out;
	size_t out_len, out_off;
	size_t max_line, max_output;
	struct request_opts opts;
};

static void logf_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logf_(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "extractd: %s\n", buf);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char buf[1024];
	vsnprintf(buf, sizeof(buf), fmt, ap);
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	fprintf(stderr, "extractd: mhd: %s\n", buf);
}

/* ---- engine references ---------------------------------------------------- */

static struct engine *engine_acquire(struct http_server *s)
{
	pthread_mutex_lock(&s->engine_lock);
	struct engine *e = engine_ref(atomic_load(&s->engine));
	pthread_mutex_unlock(&s->engine_lock);
	return e;
}

int http_server_reload(struct http_server *s, char *err, size_t errlen)
{
	char msg[512] = "";
	pthread_mutex_lock(&s->reload_lock);
	struct engine *ne = engine_new(&s->cfg.engine, msg, sizeof(msg));
	if (!ne) {
		logf_("reload failed, keeping the current engine: %s", msg);
		if (err)
			snprintf(err, errlen, "%s", msg);
		pthread_mutex_unlock(&s->reload_lock);
		return -EXT_E_BAD_DATA;
	}
	pthread_mutex_lock(&s->engine_lock);
	struct engine *old = atomic_exchange(&s->engine, ne);
	pthread_mutex_unlock(&s->engine_lock);
	engine_unref(old);  /* freed here or by the last request still using it */
	pthread_mutex_unlock(&s->reload_lock);
	return 0;
}

unsigned http_server_inflight(const struct http_server *s)
{
	return atomic_load(&((struct http_server *)s)->inflight);
}

/* ---- responses ------------------------------------------------------------ */

struct extra_headers {
	const char *allow;        /* Allow, for 405 */
	unsigned retry_after;     /* Retry-After seconds, for 503 ... */
	bool send_retry_after;    /* ... sent when this is set */
};

/* Queue a response that takes ownership of body (malloc'd, freed by MHD). */
static enum MHD_Result respond(struct req *r, struct MHD_Connection *c, unsigned status,
                               char *body, size_t len, const char *ctype,
                               const struct extra_headers *xh)
{
	struct MHD_Response *resp =
		MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (xh && xh->allow)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, xh->allow);
	if (xh && xh->send_retry_after) {
		char ra[16];
		snprintf(ra, sizeof(ra), "%u", xh->retry_after);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, ra);
	}
	enum MHD_Result ret = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	if (r)
		r->responded = true;
	return ret;
}

/* Serialize j (consumed) and queue it with status. */
static enum MHD_Result respond_json(struct req *r, struct MHD_Connection *c, unsigned status,
                                    json_t *j, bool pretty, const struct extra_headers *xh)
{
	if (!j)
		return MHD_NO;
	size_t len = 0;
	char *s = request_dump(j, pretty, 0, &len);
	json_decref(j);
	if (!s)
		return MHD_NO;
	return respond(r, c, status, s, len, "application/json", xh);
}

static enum MHD_Result respond_error(struct req *r, struct MHD_Connection *c, int code,
                                     const char *msg, const struct extra_headers *xh)
{
	size_t len = 0;
	char *s = request_error_text(code, msg, NULL, 0, r->opts.pretty, &len);
	if (!s)
		return MHD_NO;
	return respond(r, c, (unsigned)ext_error_status(code), s, len, "application/json", xh);
}

/* ---- request parsing helpers ---------------------------------------------- */

static const struct route *find_route(const char *url)
{
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!strcmp(routes[i].path, url))
			return &routes[i];
	}
	return NULL;
}

/* Case-insensitive compare of s[0..n) with NUL-terminated w. */
static bool ieq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

static void trim_span(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* Parse a Content-Type for route: the media type decides the body kind; a
 * charset parameter must name UTF-8 (or its subset US-ASCII); other
 * parameters are ignored.  Returns 0 or -EXT_E_UNSUPPORTED_MEDIA_TYPE. */
static int parse_content_type(const char *ct, enum route_id route, enum body_kind *kind,
                              char *msg, size_t msglen)
{
	const char *accepted = route == ROUTE_BATCH ? "application/x-ndjson"
	                                            : "text/plain or application/json";
	/* No Content-Type, or curl's default for -d/--data-binary
	 * (application/x-www-form-urlencoded): take the body as it is, plain
	 * text (NDJSON on the batch route), never URL-decoded.  This is what an
	 * editor typing `curl --data-binary @article.txt URL` means. */
	if (!ct || !*ct) {
		*kind = route == ROUTE_BATCH ? BODY_NDJSON : BODY_TEXT;
		return 0;
	}
	const char *semi = strchr(ct, ';');
	const char *t = ct;
	size_t tn = semi ? (size_t)(semi - ct) : strlen(ct);
	trim_span(&t, &tn);
	bool ok = false;
	if (route == ROUTE_BATCH) {
		if (ieq(t, tn, "application/x-ndjson") || ieq(t, tn, "application/ndjson") ||
		    ieq(t, tn, "application/jsonl") ||
		    ieq(t, tn, "application/x-www-form-urlencoded")) {
			*kind = BODY_NDJSON;
			ok = true;
		}
	} else if (ieq(t, tn, "text/plain") || ieq(t, tn, "application/x-www-form-urlencoded")) {
		*kind = BODY_TEXT;
		ok = true;
	} else if (ieq(t, tn, "application/json")) {
		*kind = BODY_JSON;
		ok = true;
	}
	if (!ok) {
		snprintf(msg, msglen, "unsupported Content-Type \"%.*s\"; use %s",
		         (int)(tn > 64 ? 64 : tn), t, accepted);
		return -EXT_E_UNSUPPORTED_MEDIA_TYPE;
	}
	while (semi) {
		const char *p = semi + 1;
		semi = strchr(p, ';');
		size_t pn = semi ? (size_t)(semi - p) : strlen(p);
		trim_span(&p, &pn);
		if (pn < 8 || strncasecmp(p, "charset=", 8) != 0)
			continue;
		const char *v = p + 8;
		size_t vn = pn - 8;
		if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
			v++;
			vn -= 2;
		}
		if (!ieq(v, vn, "utf-8") && !ieq(v, vn, "utf8") && !ieq(v, vn, "us-ascii")) {
			snprintf(msg, msglen, "unsupported charset \"%.*s\"; only utf-8 is accepted",
			         (int)(vn > 32 ? 32 : vn), v);
			return -EXT_E_UNSUPPORTED_MEDIA_TYPE;
		}
	}
	return 0;
}

/* MHD_KeyValueIterator over query arguments: applies each to r->opts and
 * stops at the first bad one. */
static enum MHD_Result query_param(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
	(void)kind;
	struct req *r = cls;
	/* "?pretty" and "?explain" without a value mean true */
	if (!value && (!strcmp(key, "pretty") || !strcmp(key, "explain")))
		value = "1";
	int rc;
	if (r->route->id == ROUTE_EXTRACT || r->route->id == ROUTE_BATCH)
		rc = request_opts_set(&r->opts, key, value, r->param_err, sizeof(r->param_err));
	else if (!strcmp(key, "pretty"))
		rc = request_opts_set(&r->opts, key, value, r->param_err, sizeof(r->param_err));
	else
		rc = 0;  /* GET endpoints ignore other parameters */
	if (rc < 0) {
		r->param_code = rc;
		return MHD_NO;
	}
	return MHD_YES;
}

static bool is_loopback(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return false;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)sa;
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)sa;
		if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr))
			return true;
		return IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr) && in6->sin6_addr.s6_addr[12] == 127;
	}
	return false;
}

/* ---- GET endpoints -------------------------------------------------------- */

static enum MHD_Result handle_healthz(struct req *r, struct MHD_Connection *c)
{
	return respond_json(r, c, MHD_HTTP_OK, json_pack("{s:s}", "status", "ok"), r->opts.pretty,
	                    NULL);
}

static enum MHD_Result handle_version(struct req *r, struct MHD_Connection *c)
{
	struct engine *e = engine_acquire(r->srv);
	json_t *ex = json_array();
	for (size_t i = 0; ex && i < engine_extractor_count(e); i++) {
		const char *v = engine_extractor_version(e, i);
		json_array_append_new(ex, json_pack("{s:s, s:s?}", "name",
		                                    engine_extractor_name(e, i), "version", v));
	}
	json_t *j = json_pack("{s:s, s:s, s:o*}", "version", EXTRACTD_VERSION, "data_version",
	                      engine_data_version(e), "extractors", ex);
	engine_unref(e);
	if (!j)
		return respond_error(r, c, -EXT_E_NOMEM, NULL, NULL);
	return respond_json(r, c, MHD_HTTP_OK, j, r->opts.pretty, NULL);
}

/* ---- POST endpoints ------------------------------------------------------- */

static void batch_free(void *cls)
{
	struct batch *b = cls;
	if (!b)
		return;
	free(b->out);
	free(b->body);
	arena_free(b->arena);
	engine_unref(b->engine);
	free(b);
}

/* Process the next line into b->out.  Returns 0, or -1 on allocation failure. */
static int batch_next(struct batch *b)
{
	const char *line = b->body + b->pos;
	const char *nl = memchr(line, '\n', b->len - b->pos);
	size_t n = nl ? (size_t)(nl - line) : b->len - b->pos;
	b->pos += n + (nl ? 1 : 0);
	b->line_no++;

	int err = 0;
	if (n > b->max_line) {
		char msg[128];
		snprintf(msg, sizeof(msg), "line is over the limit of %zu bytes", b->max_line);
		b->out = request_error_text(-EXT_E_BODY_TOO_LARGE, msg, NULL, b->line_no, false,
		                            &b->out_len);
	} else {
		b->out = request_run_line(b->engine, b->arena, line, n, b->line_no, &b->opts,
		                          b->max_output, &b->out_len, &err);
	}
	arena_reset(b->arena);
	b->out_off = 0;
	return b->out ? 0 : -1;
}

/* MHD content reader: one line processed per call, its output copied out over
 * as many calls as the block size needs. */
static ssize_t batch_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)pos;
	struct batch *b = cls;
	if (b->out_off == b->out_len) {
		free(b->out);
		b->out = NULL;
		b->out_len = b->out_off = 0;
		if (b->pos >= b->len)
			return MHD_CONTENT_READER_END_OF_STREAM;
		if (batch_next(b) < 0)
			return MHD_CONTENT_READER_END_WITH_ERROR;
	}
	size_t n = b->out_len - b->out_off;
	if (n > max)
		n = max;
	memcpy(buf, b->out + b->out_off, n);
	b->out_off += n;
	return (ssize_t)n;
}

static enum MHD_Result handle_batch(struct req *r, struct MHD_Connection *c)
{
	const struct config *cfg = &r->srv->cfg;
	size_t lines = 0;
	for (const char *p = r->body, *end = r->body + r->len; p && p < end; lines++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (lines > cfg->max_batch_lines) {
		char msg[128];
		snprintf(msg, sizeof(msg), "batch has %zu lines; the limit is %zu", lines,
		         cfg->max_batch_lines);
		return respond_error(r, c, -EXT_E_BODY_TOO_LARGE, msg, NULL);
	}
	struct batch *b = calloc(1, sizeof(*b));
	if (!b)
		return respond_error(r, c, -EXT_E_NOMEM, NULL, NULL);
	/* the batch takes the body, the arena and an engine reference */
	b->body = r->body;
	b->len = r->len;
	r->body = NULL;
	r->len = r->cap = 0;
	b->arena = r->arena;
	r->arena = NULL;
	b->engine = engine_ref(r->engine);
	b->max_line = cfg->max_body_bytes;
	b->max_output = cfg->max_output_bytes;
	b->opts = r->opts;
	b->opts.id = NULL;  /* ids come from the lines */

	struct MHD_Response *resp = MHD_create_response_from_callback(
		MHD_SIZE_UNKNOWN, BATCH_BLOCK_SIZE, batch_read, b, batch_free);
	if (!resp) {
		batch_free(b);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/x-ndjson");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	enum MHD_Result ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	r->responded = true;
	return ret;
}

static enum MHD_Result handle_extract(struct req *r, struct MHD_Connection *c)
{
	int err = 0;
	size_t len = 0;
	size_t max = r->srv->cfg.max_output_bytes;
	const char *body = r->body ? r->body : "";
	char *out = r->kind == BODY_TEXT
		? request_run_text(r->engine, r->arena, body, r->len, &r->opts, max, &len, &err)
		: request_run_json(r->engine, r->arena, body, r->len, &r->opts, max, &len, &err);
	if (!out)
		return MHD_NO;
	unsigned status = err < 0 ? (unsigned)ext_error_status(err) : MHD_HTTP_OK;
	return respond(r, c, status, out, len, "application/json", NULL);
}

static enum MHD_Result handle_reload(struct req *r, struct MHD_Connection *c)
{
	char msg[512];
	if (http_server_reload(r->srv, msg, sizeof(msg)) < 0) {
		char full[600];
		snprintf(full, sizeof(full), "reload failed, the previous engine stays: %s", msg);
		return respond_error(r, c, -EXT_E_BAD_DATA, full, NULL);
	}
	struct engine *e = engine_acquire(r->srv);
	json_t *j = json_pack("{s:s, s:s}", "status", "reloaded", "data_version",
	                      engine_data_version(e));
	engine_unref(e);
	return respond_json(r, c, MHD_HTTP_OK, j, r->opts.pretty, NULL);
}

/* ---- the access handler --------------------------------------------------- */

/* First call: everything that can be decided from the headers. */
static enum MHD_Result begin(struct req *r, struct MHD_Connection *c, const char *url,
                             const char *method)
{
	struct http_server *srv = r->srv;
	const struct config *cfg = &srv->cfg;
	char msg[200];

	r->route = find_route(url);
	if (!r->route)
		return respond_error(r, c, -EXT_E_NOT_FOUND, NULL, NULL);
	bool is_post = !strcmp(method, MHD_HTTP_METHOD_POST);
	bool is_get = !strcmp(method, MHD_HTTP_METHOD_GET) || !strcmp(method, MHD_HTTP_METHOD_HEAD);
	if (r->route->post ? !is_post : !is_get) {
		struct extra_headers xh = {.allow = r->route->allow};
		snprintf(msg, sizeof(msg), "%.16s is not allowed on %s; use %s", method,
		         r->route->path, r->route->allow);
		return respond_error(r, c, -EXT_E_METHOD_NOT_ALLOWED, msg, &xh);
	}
	if (r->route->id == ROUTE_RELOAD && !is_loopback(c))
		return respond_error(r, c, -EXT_E_NOT_FOUND, NULL, NULL);

	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_param, r);
	if (r->param_code < 0)
		return respond_error(r, c, r->param_code, r->param_err, NULL);

	/* GET endpoints and reload answer on the final call: answering on the
	 * first one makes MHD close the connection (it cannot know the body). */
	if (!r->route->post || r->route->id == ROUTE_RELOAD) {
		r->limit = cfg->max_body_bytes;
		return MHD_YES;
	}

	/* extract routes: in-flight limit first, it is the cheapest answer */
	unsigned n = atomic_fetch_add(&srv->inflight, 1) + 1;
	r->counted = true;
	if (n > cfg->max_inflight) {
		struct extra_headers xh = {.retry_after = cfg->retry_after, .send_retry_after = true};
		snprintf(msg, sizeof(msg), "%u extract requests in progress; the limit is %u",
		         n - 1, cfg->max_inflight);
		return respond_error(r, c, -EXT_E_OVERLOADED, msg, &xh);
	}
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	                                             MHD_HTTP_HEADER_CONTENT_TYPE);
	int rc = parse_content_type(ct, r->route->id, &r->kind, msg, sizeof(msg));
	if (rc < 0)
		return respond_error(r, c, rc, msg, NULL);

	r->limit = r->route->id == ROUTE_BATCH ? cfg->max_batch_bytes : cfg->max_body_bytes;
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	                                             MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl) {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(cl, &end, 10);
		if (!errno && *end == '\0' && v > r->limit) {
			snprintf(msg, sizeof(msg), "body is %llu bytes; the limit is %zu", v, r->limit);
			return respond_error(r, c, -EXT_E_BODY_TOO_LARGE, msg, NULL);
		}
		/* allocate the announced size up front, but only up to 1 MiB: a
		 * client that announces 16 MiB and sends nothing costs little */
		if (!errno && *end == '\0' && v > 0) {
			size_t want = v < (1u << 20) ? (size_t)v : (1u << 20);
			r->body = malloc(want);
			if (r->body)
				r->cap = want;
		}
	}
	r->engine = engine_acquire(srv);
	r->arena = arena_new(engine_config(r->engine)->arena_cap);
	if (!r->arena)
		r->nomem = true;
	return MHD_YES;
}

/* Middle calls: store or count the upload. */
static void take_body(struct req *r, const char *data, size_t n)
{
	r->seen += n;
	if (r->too_large || r->nomem)
		return;
	if (!r->route->post || r->route->id == ROUTE_RELOAD) {
		r->too_large = r->seen > r->limit;
		return;  /* bodies of GET and reload requests are ignored */
	}
	if (n > r->limit - r->len) {
		r->too_large = true;
		free(r->body);
		r->body = NULL;
		r->len = r->cap = 0;
		return;
	}
	if (r->len + n > r->cap) {
		size_t ncap = r->cap ? r->cap : 16 * 1024;
		while (ncap < r->len + n)
			ncap *= 2;
		if (ncap > r->limit)
			ncap = r->limit;
		char *nb = realloc(r->body, ncap);
		if (!nb) {
			r->nomem = true;
			return;
		}
		r->body = nb;
		r->cap = ncap;
	}
	memcpy(r->body + r->len, data, n);
	r->len += n;
}

static enum MHD_Result finish(struct req *r, struct MHD_Connection *c)
{
	char msg[160];
	if (r->too_large) {
		snprintf(msg, sizeof(msg), "body is over the limit of %zu bytes", r->limit);
		return respond_error(r, c, -EXT_E_BODY_TOO_LARGE, msg, NULL);
	}
	if (r->nomem)
		return respond_error(r, c, -EXT_E_NOMEM, NULL, NULL);
	switch (r->route->id) {
	case ROUTE_EXTRACT:
		return handle_extract(r, c);
	case ROUTE_BATCH:
		return handle_batch(r, c);
	case ROUTE_RELOAD:
		return handle_reload(r, c);
	case ROUTE_HEALTHZ:
		return handle_healthz(r, c);
	case ROUTE_VERSION:
		return handle_version(r, c);
	}
	return respond_error(r, c, -EXT_E_INTERNAL, NULL, NULL);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url,
                                 const char *method, const char *version,
                                 const char *upload_data, size_t *upload_data_size,
                                 void **con_cls)
{
	(void)version;
	struct req *r = *con_cls;
	if (!r) {
		r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->srv = cls;
		request_opts_init(&r->opts);
		*con_cls = r;
		atomic_fetch_add(&r->srv->active, 1);
		return begin(r, c, url, method);
	}
	if (r->responded) {
		*upload_data_size = 0;  /* answered early: drop the rest of the body */
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		take_body(r, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	return finish(r, c);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	(void)c;
	(void)toe;
	struct http_server *srv = cls;
	struct req *r = *con_cls;
	if (!r)
		return;
	*con_cls = NULL;
	arena_free(r->arena);
	free(r->body);
	engine_unref(r->engine);
	if (r->counted)
		atomic_fetch_sub(&srv->inflight, 1);
	free(r);
	atomic_fetch_sub(&srv->active, 1);
}

/* ---- start / stop --------------------------------------------------------- */

struct http_server *http_server_start(const struct config *cfg, char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof(ss));
	/* poll(), not epoll: with MHD 0.9.75's edge-triggered epoll a client that
	 * hung up mid-body went unnoticed until connection_timeout in 4 of 600
	 * runs of test-http's overloaded_one under CPU load (its in-flight slot
	 * stayed taken); poll() showed 0 in 900.  Each pool thread polls only its
	 * own connections, so poll's O(n) is small at our connection limits. */
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
	                 MHD_USE_POLL;
	struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, cfg->bind, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons(cfg->port);
	} else if (inet_pton(AF_INET6, cfg->bind, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(cfg->port);
		flags |= MHD_USE_IPv6;
	} else {
		/* a host name ("localhost"): its first address */
		struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
		struct addrinfo *ai = NULL;
		int gai = getaddrinfo(cfg->bind, NULL, &hints, &ai);
		if (gai != 0 || !ai || ai->ai_addrlen > sizeof(ss)) {
			snprintf(err, errlen, "bind: \"%s\" is not an address or a known host name (%s)",
			         cfg->bind, gai ? gai_strerror(gai) : "no address");
			if (ai)
				freeaddrinfo(ai);
			return NULL;
		}
		memcpy(&ss, ai->ai_addr, ai->ai_addrlen);
		freeaddrinfo(ai);
		if (ss.ss_family == AF_INET6) {
			in6->sin6_port = htons(cfg->port);
			flags |= MHD_USE_IPv6;
		} else {
			in4->sin_port = htons(cfg->port);
		}
	}

	/* jansson seeds its hash function lazily; do it before any object is
	 * made (engine_new may make some) and before MHD's threads exist.  A
	 * no-op when the seed is already set. */
	json_object_seed(0);

	struct http_server *s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if (config_copy(&s->cfg, cfg) < 0) {
		free(s);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&s->engine_lock, NULL);
	pthread_mutex_init(&s->reload_lock, NULL);
	atomic_init(&s->inflight, 0);
	atomic_init(&s->active, 0);

	char msg[512] = "";
	struct engine *e = engine_new(&s->cfg.engine, msg, sizeof(msg));
	if (!e) {
		snprintf(err, errlen, "cannot load the engine: %s", msg);
		goto fail;
	}
	atomic_init(&s->engine, e);

	/* Integer options go through an array so that the pool size can be
	 * left out for one thread: MHD warns about a pool of 1 (or 0). */
	unsigned threads = config_threads(&s->cfg);
	struct MHD_OptionItem ops[8];
	size_t nops = 0;
	if (threads > 1)
		ops[nops++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, threads, NULL};
	ops[nops++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT,
	                                      s->cfg.connection_timeout, NULL};
	ops[nops++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT,
	                                      s->cfg.connection_limit, NULL};
	ops[nops++] = (struct MHD_OptionItem){MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	                                      s->cfg.per_ip_connection_limit, NULL};
	ops[nops++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	                                      (intptr_t)s->cfg.connection_memory_limit, NULL};
	ops[nops++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, &ss};
	ops[nops++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
	s->mhd = MHD_start_daemon(
		flags, cfg->port, NULL, NULL, on_access, s,
		/* the logger must come first to catch messages about later options */
		MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, NULL,
		MHD_OPTION_ARRAY, ops,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_END);
	if (!s->mhd) {
		snprintf(err, errlen, "cannot listen on %s:%u (address in use or not permitted)",
		         cfg->bind, cfg->port);
		goto fail;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : cfg->port;
	return s;
fail:
	engine_unref(atomic_load(&s->engine));
	pthread_mutex_destroy(&s->reload_lock);
	pthread_mutex_destroy(&s->engine_lock);
	config_fini(&s->cfg);
	free(s);
	return NULL;
}

uint16_t http_server_port(const struct http_server *s)
{
	return s->port;
}

struct MHD_Daemon *http_server_daemon(struct http_server *s)
{
	return s->mhd;
}

void http_server_stop(struct http_server *s)
{
	if (!s)
		return;
	MHD_socket lsock = MHD_quiesce_daemon(s->mhd);
	/* let requests already past their headers finish */
	struct timespec step = {0, 10 * 1000 * 1000};
	for (unsigned waited = 0; atomic_load(&s->active) > 0 && waited < s->cfg.shutdown_timeout_ms;
	     waited += 10)
		nanosleep(&step, NULL);
	if (atomic_load(&s->active) > 0)
		logf_("closing %u unfinished requests", atomic_load(&s->active));
	MHD_stop_daemon(s->mhd);
	if (lsock != MHD_INVALID_SOCKET)
		close(lsock);
	engine_unref(atomic_load(&s->engine));
	pthread_mutex_destroy(&s->reload_lock);
	pthread_mutex_destroy(&s->engine_lock);
	config_fini(&s->cfg);
	free(s);
}
