/* test-http.c: the HTTP front, end to end.  Each test starts the real server
 * in-process on an ephemeral port (read back with MHD_get_daemon_info) from a
 * checked fixture, so it runs inside Check's forked child, and talks to it
 * with libcurl.  Error cases are one table; after every error the test makes
 * a follow-up request that must succeed, so a handler that wedges its
 * connection thread fails here.  Also covers the config file parser. */
#include "config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <curl/curl.h>
#include <jansson.h>
#include <microhttpd.h>

#include "daemon_config.h"
#include "errors.h"
#include "http.h"
#include "testutil.h"

static struct http_server *srv;
static unsigned port;
static char host[64] = "127.0.0.1";  /* the address clients connect to */

/* ---- server fixtures ------------------------------------------------------ */

/* Start a server with the test defaults plus overrides ("key=value", ...). */
static void start_server(const char *const *overrides)
{
	struct config cfg;
	char err[512];
	ck_assert_int_eq(config_init(&cfg), 0);
	cfg.port = 0;
	cfg.threads = 4;
	cfg.max_body_bytes = 64 * 1024;
	cfg.max_batch_bytes = 256 * 1024;
	cfg.max_batch_lines = 100;
	cfg.engine.doc_budget_ms = 0;  /* tests must not depend on machine speed */
	for (size_t i = 0; overrides && overrides[i]; i++) {
		char kv[256];
		snprintf(kv, sizeof(kv), "%s", overrides[i]);
		char *eq = strchr(kv, '=');
		ck_assert_ptr_nonnull(eq);
		*eq = '\0';
		ck_assert_msg(config_set(&cfg, kv, eq + 1, err, sizeof(err)) == 0, "%s", err);
	}
	srv = http_server_start(&cfg, err, sizeof(err));
	config_fini(&cfg);
	ck_assert_msg(srv != NULL, "http_server_start: %s", err);
	const union MHD_DaemonInfo *di =
		MHD_get_daemon_info(http_server_daemon(srv), MHD_DAEMON_INFO_BIND_PORT);
	ck_assert_ptr_nonnull(di);
	port = di->port;
	ck_assert_uint_gt(port, 0);
	curl_global_init(CURL_GLOBAL_ALL);
}

static void setup_default(void) { start_server(NULL); }
static void setup_no_inflight(void)
{
	static const char *const o[] = {"max_inflight=0", "retry_after=7", NULL};
	start_server(o);
}
static void setup_one_inflight(void)
{
	static const char *const o[] = {"max_inflight=1", NULL};
	start_server(o);
}
static void setup_few_tokens(void)
{
	static const char *const o[] = {"max_tokens=5", "max_text_bytes=100", NULL};
	start_server(o);
}

static void teardown(void)
{
	http_server_stop(srv);
	srv = NULL;
	snprintf(host, sizeof(host), "127.0.0.1");
	curl_global_cleanup();
}

/* ---- a small curl client -------------------------------------------------- */

struct resp {
	long status;
	char *body;
	size_t len;
	char headers[4096];
	size_t hlen;
};

static size_t on_body(char *p, size_t sz, size_t n, void *ud)
{
	struct resp *r = ud;
	char *nb = realloc(r->body, r->len + sz * n + 1);
	if (!nb)
		return 0;
	r->body = nb;
	memcpy(r->body + r->len, p, sz * n);
	r->len += sz * n;
	r->body[r->len] = '\0';
	return sz * n;
}

static size_t on_header(char *p, size_t sz, size_t n, void *ud)
{
	struct resp *r = ud;
	size_t k = sz * n;
	if (r->hlen + k < sizeof(r->headers)) {
		memcpy(r->headers + r->hlen, p, k);
		r->hlen += k;
		r->headers[r->hlen] = '\0';
	}
	return k;
}

/* Upload source for chunked bodies. */
struct upload {
	const char *p;
	size_t left;
};

static size_t on_read(char *buf, size_t sz, size_t n, void *ud)
{
	struct upload *u = ud;
	size_t k = sz * n < u->left ? sz * n : u->left;
	memcpy(buf, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* Send one request.  body NULL = no body; chunked sends it without
 * Content-Length.  Returns the status (0 on a transport failure). */
static long http_req(CURL *c, const char *method, const char *path, const char *ctype,
                     const char *body, size_t len, bool chunked, struct resp *r)
{
	char url[512];
	struct curl_slist *h = NULL;
	struct upload up = {body, len};
	bool own = !c;
	char cth[256];

	memset(r, 0, sizeof(*r));
	if (own)
		c = curl_easy_init();
	else
		curl_easy_reset(c);
	ck_assert_ptr_nonnull(c);
	snprintf(url, sizeof(url), "http://%s:%u%s", host, port, path);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (!strcmp(method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	h = curl_slist_append(h, "Expect:");
	/* "Content-Type:" with no value stops curl adding its form default */
	snprintf(cth, sizeof(cth), "Content-Type:%s%s", ctype ? " " : "", ctype ? ctype : "");
	h = curl_slist_append(h, cth);
	if (body && chunked) {
		h = curl_slist_append(h, "Transfer-Encoding: chunked");
		curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
		curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(c, CURLOPT_READDATA, &up);
	} else if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	CURLcode rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
	curl_slist_free_all(h);
	if (own)
		curl_easy_cleanup(c);
	return rc == CURLE_OK ? r->status : 0;
}

static long post(const char *path, const char *ctype, const char *body, struct resp *r)
{
	return http_req(NULL, "POST", path, ctype, body, strlen(body), false, r);
}

static json_t *parse(const struct resp *r)
{
	json_error_t e;
	json_t *j = json_loadb(r->body ? r->body : "", r->len, 0, &e);
	ck_assert_msg(j != NULL, "response is not JSON (%s): %s", e.text, r->body ? r->body : "");
	return j;
}

static const char *header(const struct resp *r, const char *name)
{
	static char val[256];
	size_t n = strlen(name);
	for (const char *p = r->headers; (p = strcasestr(p, name)) != NULL; p += n) {
		if ((p == r->headers || p[-1] == '\n') && p[n] == ':') {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			size_t k = strcspn(v, "\r\n");
			snprintf(val, sizeof(val), "%.*s", (int)k, v);
			return val;
		}
	}
	return NULL;
}

#define wait_inflight(want) wait_inflight_at(want, __LINE__)
static void wait_inflight_at(unsigned want, int line)
{
	for (int i = 0; i < 500 && http_server_inflight(srv) != want; i++)
		usleep(10 * 1000);
	ck_assert_msg(http_server_inflight(srv) == want, "line %d: in flight %u, want %u", line,
	              http_server_inflight(srv), want);
}

/* The server still answers a normal request with 200. */
static void assert_alive(void)
{
	struct resp r;
	ck_assert_int_eq(post("/v1/extract", "text/plain", "Still alive.", &r), 200);
	free(r.body);
}

/* ---- 200 paths ------------------------------------------------------------ */

/* curl -d / --data-binary without -H sends application/x-www-form-urlencoded;
 * with no Content-Type at all the body is also plain text.  Neither is
 * URL-decoded: "%24" stays as written and "+" stays a plus. */
START_TEST(curl_default_content_type)
{
	/* "%24" would decode to "$" and "+" to a space: the answers must equal the
	 * text/plain answer for the very same bytes, offsets included. */
	const char *body = "a+b%24 then it cost $5 million.";
	struct resp plain;
	ck_assert_int_eq(post("/v1/extract", "text/plain", body, &plain), 200);
	json_t *pj = parse(&plain);
	json_t *m = json_array_get(json_object_get(pj, "mentions"), 0);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "start")), 20);  /* "$5..." */
	json_decref(pj);
	const char *types[] = {"application/x-www-form-urlencoded", NULL};
	for (size_t i = 0; i < 2; i++) {
		struct resp r;
		ck_assert_int_eq(post("/v1/extract", types[i], body, &r), 200);
		ck_assert_str_eq(r.body, plain.body);
		free(r.body);
	}
	free(plain.body);
}
END_TEST

START_TEST(healthz_and_version)
{
	struct resp r;
	ck_assert_int_eq(http_req(NULL, "GET", "/healthz", NULL, NULL, 0, false, &r), 200);
	ck_assert_str_eq(header(&r, "Content-Type"), "application/json");
	ck_assert_str_eq(r.body, "{\"status\":\"ok\"}\n");
	free(r.body);

	ck_assert_int_eq(http_req(NULL, "GET", "/v1/version", NULL, NULL, 0, false, &r), 200);
	json_t *j = parse(&r);
	ck_assert_str_eq(json_string_value(json_object_get(j, "version")), EXTRACTD_VERSION);
	ck_assert(json_is_string(json_object_get(j, "data_version")));
	json_t *ex = json_object_get(j, "extractors");
	ck_assert(json_is_array(ex));
	ck_assert_uint_gt(json_array_size(ex), 0);
	ck_assert(json_is_string(json_object_get(json_array_get(ex, 0), "name")));
	json_decref(j);
	free(r.body);

	/* HEAD works where GET does, with no body */
	ck_assert_int_eq(http_req(NULL, "HEAD", "/healthz", NULL, NULL, 0, false, &r), 200);
	ck_assert_uint_eq(r.len, 0);
	free(r.body);
}
END_TEST

START_TEST(extract_plain_and_json)
{
	struct resp r;
	ck_assert_int_eq(post("/v1/extract?published=2024-03-05", "text/plain; charset=utf-8",
	                      "The board paid $5 million to Acme on Monday.", &r), 200);
	ck_assert_str_eq(header(&r, "Content-Type"), "application/json");
	ck_assert_uint_eq(r.body[r.len - 1], '\n');
	ck_assert_ptr_eq(strchr(r.body, '\n'), r.body + r.len - 1);  /* compact: one line */
	json_t *j = parse(&r);
	ck_assert(json_is_null(json_object_get(j, "id")));
	ck_assert_str_eq(json_string_value(json_object_get(j, "offsets")), "utf8");
	ck_assert(json_is_array(json_object_get(j, "mentions")));
	ck_assert_uint_gt(json_array_size(json_object_get(j, "mentions")), 0);
	ck_assert(json_is_array(json_object_get(j, "entities")));
	ck_assert(json_is_array(json_object_get(j, "facts")));
	json_decref(j);
	free(r.body);

	ck_assert_int_eq(post("/v1/extract?pretty=1", "application/json",
	                      "{\"id\":\"doc-7\",\"text\":\"It cost $12.\",\"title\":\"T\","
	                      "\"published\":\"2023-12-31\",\"offsets\":\"codepoint\"}", &r), 200);
	ck_assert_ptr_nonnull(strstr(r.body, "\n  \"id\": \"doc-7\""));
	j = parse(&r);
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "doc-7");
	ck_assert_str_eq(json_string_value(json_object_get(j, "offsets")), "codepoint");
	json_decref(j);
	free(r.body);

	/* ?explain=1 adds the scoring fields */
	ck_assert_int_eq(post("/v1/extract?explain=1", "text/plain", "It cost $12.", &r), 200);
	j = parse(&r);
	json_t *m0 = json_array_get(json_object_get(j, "mentions"), 0);
	ck_assert_ptr_nonnull(m0);
	ck_assert(json_is_number(json_object_get(m0, "score")));
	/* evidence strings are only made in explain mode: they must reach the output */
	ck_assert_msg(json_array_size(json_object_get(m0, "evidence")) > 0, "no evidence: %s",
	              r.body);
	json_decref(j);
	free(r.body);

	/* ?id= names a text/plain document; empty text is a valid document */
	ck_assert_int_eq(post("/v1/extract?id=plain-1", "TEXT/PLAIN;Charset=\"UTF-8\"", "", &r),
	                 200);
	j = parse(&r);
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "plain-1");
	ck_assert_uint_eq(json_array_size(json_object_get(j, "mentions")), 0);
	json_decref(j);
	free(r.body);
}
END_TEST

/* Byte offset -> code points / UTF-16 units, computed independently. */
static size_t to_mode(const char *s, size_t byte_off, int mode)
{
	size_t n = 0;
	for (size_t i = 0; i < byte_off;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		n += (mode == 2 && len == 4) ? 2 : 1;
		i += len;
	}
	return n;
}

START_TEST(offsets_modes)
{
	/* é is 2 bytes, 日本 6 bytes, 😀 4 bytes / 2 UTF-16 units */
	const char *text = "Café 日本 😀 revenue rose to $7 million from €5 million in 2023.";
	char body[512];
	json_t *res[3];
	static const char *const modes[] = {"utf8", "codepoint", "utf16"};
	for (int m = 0; m < 3; m++) {
		struct resp r;
		snprintf(body, sizeof(body), "{\"id\":\"o\",\"text\":\"%s\"}", text);
		char path[64];
		snprintf(path, sizeof(path), "/v1/extract?offsets=%s", modes[m]);
		ck_assert_int_eq(post(path, "application/json", body, &r), 200);
		res[m] = parse(&r);
		free(r.body);
		ck_assert_str_eq(json_string_value(json_object_get(res[m], "offsets")), modes[m]);
	}
	json_t *mb = json_object_get(res[0], "mentions");
	ck_assert_uint_gt(json_array_size(mb), 0);
	for (int m = 1; m < 3; m++) {
		json_t *mm = json_object_get(res[m], "mentions");
		ck_assert_uint_eq(json_array_size(mm), json_array_size(mb));
		for (size_t i = 0; i < json_array_size(mb); i++) {
			json_t *a = json_array_get(mb, i), *b = json_array_get(mm, i);
			size_t bs = (size_t)json_integer_value(json_object_get(a, "start"));
			size_t be = (size_t)json_integer_value(json_object_get(a, "end"));
			ck_assert_uint_gt(be, bs);
			ck_assert_uint_eq((size_t)json_integer_value(json_object_get(b, "start")),
			                  to_mode(text, bs, m));
			ck_assert_uint_eq((size_t)json_integer_value(json_object_get(b, "end")),
			                  to_mode(text, be, m));
			/* the mentions past the emoji really moved */
			if (bs > strlen("Café 日本 😀"))
				ck_assert_uint_lt(to_mode(text, bs, m), bs);
		}
	}
	for (int m = 0; m < 3; m++)
		json_decref(res[m]);
}
END_TEST

/* ---- error table ---------------------------------------------------------- */

struct error_case {
	const char *method, *path, *ctype, *body;
	long status;
	const char *code;        /* error.code */
	const char *in_message;  /* substring of error.message, or NULL */
	const char *header;      /* "Name: value" that must be present, or NULL */
};

static const struct error_case error_cases[] = {
	{ "POST", "/v1/extract", "application/json", "{\"text\": \"abc\",", 400, "BAD_JSON",
	  "line 1, column", NULL },
	{ "POST", "/v1/extract", "application/json", "{\"text\":\"a\",\"text\":\"b\"}", 400,
	  "BAD_JSON", "duplicate", NULL },
	{ "POST", "/v1/extract", "application/json", "[1,2]", 400, "BAD_JSON", "object", NULL },
	{ "POST", "/v1/extract", "text/plain", "Good text \xff\xfe then more", 400, "INVALID_UTF8",
	  "byte offset 10", NULL },
	{ "POST", "/v1/extract", "application/json", "{\"text\":\"ok\xc3\"}", 400,
	  "INVALID_UTF8", "byte offset 11", NULL },
	{ "POST", "/v1/extract", "application/json", "{\"id\":\"x\"}", 400, "MISSING_TEXT",
	  NULL, NULL },
	{ "POST", "/v1/extract", "application/json", "{\"id\":\"x\",\"text\":42}", 400,
	  "MISSING_TEXT", NULL, NULL },
	{ "POST", "/v1/extract", "application/json",
	  "{\"text\":\"a\",\"published\":\"2024-02-30\"}", 400, "BAD_PARAMETER", "published",
	  NULL },
	{ "POST", "/v1/extract?published=yesterday", "text/plain", "abc", 400, "BAD_PARAMETER",
	  "published", NULL },
	{ "POST", "/v1/extract?offsets=bits", "text/plain", "abc", 400, "BAD_PARAMETER",
	  "offsets", NULL },
	{ "POST", "/v1/extract?colour=red", "text/plain", "abc", 400, "BAD_PARAMETER", "colour",
	  NULL },
	{ "POST", "/v1/extract", "application/json", "{\"text\":\"a\",\"offsets\":\"x\"}", 400,
	  "BAD_PARAMETER", "offsets", NULL },
	{ "POST", "/v1/extract", "application/json", "{\"text\":\"a\",\"lang\":\"en\"}", 400,
	  "BAD_PARAMETER", "lang", NULL },
	{ "GET", "/v2/extract", NULL, NULL, 404, "NOT_FOUND", NULL, NULL },
	{ "GET", "/", NULL, NULL, 404, "NOT_FOUND", NULL, NULL },
	{ "GET", "/v1/extract", NULL, NULL, 405, "METHOD_NOT_ALLOWED", NULL, "Allow: POST" },
	{ "PUT", "/v1/extract/batch", "application/x-ndjson", "{}", 405, "METHOD_NOT_ALLOWED",
	  NULL, "Allow: POST" },
	{ "DELETE", "/healthz", NULL, NULL, 405, "METHOD_NOT_ALLOWED", NULL, "Allow: GET, HEAD" },
	{ "POST", "/v1/version", "text/plain", "x", 405, "METHOD_NOT_ALLOWED", NULL,
	  "Allow: GET, HEAD" },
	{ "POST", "/v1/extract", "text/html", "<p>abc</p>", 415,
	  "UNSUPPORTED_MEDIA_TYPE", "text/html", NULL },
	{ "POST", "/v1/extract", "application/octet-stream", "abc", 415,
	  "UNSUPPORTED_MEDIA_TYPE", NULL, NULL },
	{ "POST", "/v1/extract", "text/plain; charset=iso-8859-1", "abc", 415,
	  "UNSUPPORTED_MEDIA_TYPE", "charset", NULL },
	{ "POST", "/v1/extract/batch", "application/json", "{\"text\":\"a\"}", 415,
	  "UNSUPPORTED_MEDIA_TYPE", "ndjson", NULL },
};

START_TEST(error_responses)
{
	const struct error_case *tc = &error_cases[_i];
	struct resp r;
	long st = http_req(NULL, tc->method, tc->path, tc->ctype, tc->body,
	                   tc->body ? strlen(tc->body) : 0, false, &r);
	ck_assert_msg(st == tc->status, "%s %s: status %ld, want %ld: %s", tc->method, tc->path,
	              st, tc->status, r.body ? r.body : "");
	ck_assert_str_eq(header(&r, "Content-Type"), "application/json");
	json_t *j = parse(&r);
	json_t *e = json_object_get(j, "error");
	ck_assert_str_eq(json_string_value(json_object_get(e, "code")), tc->code);
	const char *msg = json_string_value(json_object_get(e, "message"));
	ck_assert_ptr_nonnull(msg);
	if (tc->in_message)
		ck_assert_msg(strstr(msg, tc->in_message), "message \"%s\" lacks \"%s\"", msg,
		              tc->in_message);
	if (tc->header) {
		char name[64];
		const char *colon = strchr(tc->header, ':');
		snprintf(name, sizeof(name), "%.*s", (int)(colon - tc->header), tc->header);
		const char *v = header(&r, name);
		ck_assert_msg(v && !strcmp(v, colon + 2), "header %s: got %s", name, v ? v : "none");
	}
	json_decref(j);
	free(r.body);
	assert_alive();
}
END_TEST

START_TEST(error_carries_id)
{
	struct resp r;
	ck_assert_int_eq(post("/v1/extract", "application/json",
	                      "{\"id\":\"d9\",\"text\":\"a\",\"published\":\"2024/01/01\"}", &r),
	                 400);
	json_t *j = parse(&r);
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "d9");
	json_decref(j);
	free(r.body);
}
END_TEST

/* ---- 413 ------------------------------------------------------------------ */

START_TEST(body_too_large)
{
	size_t n = 64 * 1024 + 1;  /* one over the fixture's max_body_bytes */
	char *big = malloc(n);
	memset(big, 'a', n);
	for (int chunked = 0; chunked < 2; chunked++) {
		struct resp r;
		long st = http_req(NULL, "POST", "/v1/extract", "text/plain", big, n, chunked, &r);
		ck_assert_msg(st == 413, "chunked=%d: status %ld", chunked, st);
		json_t *j = parse(&r);
		ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "error"),
		                                                   "code")), "BODY_TOO_LARGE");
		json_decref(j);
		free(r.body);
		assert_alive();
	}
	/* exactly at the limit is fine (the text is all one token) */
	struct resp r;
	ck_assert_int_eq(http_req(NULL, "POST", "/v1/extract", "text/plain", big, n - 1, true, &r),
	                 200);
	free(r.body);
	free(big);
}
END_TEST

/* ---- 422 ------------------------------------------------------------------ */

START_TEST(too_complex)
{
	struct resp r;
	ck_assert_int_eq(post("/v1/extract", "application/json",
	                      "{\"id\":\"long\",\"text\":\"one two three four five six seven\"}",
	                      &r), 422);
	json_t *j = parse(&r);
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "long");
	json_t *e = json_object_get(j, "error");
	ck_assert_str_eq(json_string_value(json_object_get(e, "code")), "DOCUMENT_TOO_COMPLEX");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(e, "message")),
	                             "max_tokens"));
	json_decref(j);
	free(r.body);
	ck_assert_int_eq(post("/v1/extract", "text/plain", "Two words", &r), 200);
	free(r.body);

	/* max_text_bytes is checked before anything else: 413 TEXT_TOO_LARGE */
	char text[160];
	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	ck_assert_int_eq(post("/v1/extract", "text/plain", text, &r), 413);
	j = parse(&r);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
	                 "TEXT_TOO_LARGE");
	json_decref(j);
	free(r.body);
}
END_TEST

/* ---- 503 ------------------------------------------------------------------ */

START_TEST(overloaded_zero)
{
	struct resp r;
	ck_assert_int_eq(post("/v1/extract", "text/plain", "abc", &r), 503);
	ck_assert_str_eq(header(&r, "Retry-After"), "7");
	json_t *j = parse(&r);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
	                 "OVERLOADED");
	json_decref(j);
	free(r.body);
	/* health checks are not extract work and still answer */
	ck_assert_int_eq(http_req(NULL, "GET", "/healthz", NULL, NULL, 0, false, &r), 200);
	free(r.body);
	wait_inflight(0);
}
END_TEST

START_TEST(overloaded_one)
{
	/* A raw client sends headers and part of the body, then stalls: that
	 * request holds the only in-flight slot. */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	const char *head = "POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
	                   "Content-Length: 10\r\n\r\nabc";
	ck_assert_int_eq(write(fd, head, strlen(head)), (ssize_t)strlen(head));
	wait_inflight(1);

	struct resp r;
	ck_assert_int_eq(post("/v1/extract", "text/plain", "abc", &r), 503);
	ck_assert_ptr_nonnull(header(&r, "Retry-After"));
	free(r.body);

	/* finishing the stalled body completes it with a 200 */
	ck_assert_int_eq(write(fd, "defghij", 7), 7);
	char buf[2048];
	ssize_t got = read(fd, buf, sizeof(buf) - 1);
	ck_assert_int_gt(got, 12);
	buf[got] = '\0';
	ck_assert_msg(!strncmp(buf, "HTTP/1.1 200", 12), "got %s", buf);
	close(fd);
	wait_inflight(0);
	ck_assert_int_eq(post("/v1/extract", "text/plain", "abc", &r), 200);
	free(r.body);

	/* a client that hangs up mid-body also frees its slot */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(write(fd, head, strlen(head)), (ssize_t)strlen(head));
	wait_inflight(1);
	close(fd);
	wait_inflight(0);
	assert_alive();
}
END_TEST

/* ---- batch ---------------------------------------------------------------- */

START_TEST(batch_with_bad_line)
{
	const char *body =
		"{\"id\":\"b1\",\"text\":\"Sales hit $3 billion.\"}\n"
		"{\"id\":\"b2\",\"text\":\n"
		"{\"id\":\"b3\",\"text\":\"Costs fell.\",\"published\":\"2020-01-01\"}\n"
		"\n"
		"{\"id\":\"b5\",\"text\":\"No date\",\"published\":\"soon\"}\n"
		"{\"id\":\"b6\",\"text\":\"Last line without newline.\"}";
	struct resp r;
	ck_assert_int_eq(post("/v1/extract/batch?offsets=codepoint", "application/x-ndjson", body,
	                      &r), 200);
	ck_assert_str_eq(header(&r, "Content-Type"), "application/x-ndjson");
	ck_assert_str_eq(header(&r, "Transfer-Encoding"), "chunked");
	static const char *const ids[] = {"b1", NULL, "b3", NULL, "b5", "b6"};  /* b2 never parsed */
	static const bool bad[] = {false, true, false, true, true, false};
	char *save = NULL;
	size_t n = 0;
	for (char *line = strtok_r(r.body, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		ck_assert_uint_lt(n, 6);
		json_error_t e;
		json_t *j = json_loads(line, 0, &e);
		ck_assert_msg(j != NULL, "line %zu not JSON: %s", n + 1, line);
		json_t *id = json_object_get(j, "id");
		if (ids[n])
			ck_assert_str_eq(json_string_value(id), ids[n]);
		else
			ck_assert(json_is_null(id));
		if (bad[n]) {
			ck_assert_int_eq(json_integer_value(json_object_get(j, "line")), (json_int_t)n + 1);
			ck_assert(json_is_string(json_object_get(json_object_get(j, "error"), "code")));
		} else {
			ck_assert_ptr_null(json_object_get(j, "error"));
			ck_assert_str_eq(json_string_value(json_object_get(j, "offsets")), "codepoint");
			ck_assert(json_is_array(json_object_get(j, "mentions")));
		}
		json_decref(j);
		n++;
	}
	ck_assert_uint_eq(n, 6);
	free(r.body);
	assert_alive();
}
END_TEST

START_TEST(batch_limits_and_large_output)
{
	struct resp r;
	/* 101 lines: over the fixture's max_batch_lines (100) */
	char *body = malloc(101 * 32);
	size_t len = 0;
	for (int i = 0; i < 101; i++)
		len += (size_t)sprintf(body + len, "{\"id\":\"%d\",\"text\":\"x\"}\n", i);
	ck_assert_int_eq(http_req(NULL, "POST", "/v1/extract/batch", "application/x-ndjson", body,
	                          len, false, &r), 413);
	free(r.body);
	free(body);

	/* 100 lines whose output is far larger than one 16 KiB stream block */
	size_t cap = 100 * 3000;
	body = malloc(cap);
	len = 0;
	for (int i = 0; i < 100; i++) {
		len += (size_t)sprintf(body + len, "{\"id\":\"L%d\",\"text\":\"", i);
		for (int k = 0; k < 100; k++)
			len += (size_t)sprintf(body + len, "$%d. ", k);
		len += (size_t)sprintf(body + len, "\"}\n");
	}
	ck_assert_int_eq(http_req(NULL, "POST", "/v1/extract/batch", "application/x-ndjson", body,
	                          len, true, &r), 200);
	ck_assert_uint_gt(r.len, 16 * 1024);
	size_t lines = 0;
	for (size_t i = 0; i < r.len; i++)
		lines += r.body[i] == '\n';
	ck_assert_uint_eq(lines, 100);
	ck_assert_ptr_nonnull(strstr(r.body, "\"id\":\"L99\""));
	ck_assert_ptr_null(strstr(r.body, "\"error\""));
	free(r.body);
	free(body);
}
END_TEST

/* ---- concurrency and reload ----------------------------------------------- */

struct worker {
	int index, requests;
	int ok;               /* 200 with the right id */
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	CURL *c = curl_easy_init();
	for (int i = 0; i < w->requests; i++) {
		char body[256], id[32];
		snprintf(id, sizeof(id), "w%d-%d", w->index, i);
		snprintf(body, sizeof(body),
		         "{\"id\":\"%s\",\"text\":\"Worker %d paid $%d to Globex on 4 May 2021.\"}", id,
		         w->index, i + 1);
		struct resp r;
		long st = http_req(c, "POST", "/v1/extract", "application/json", body, strlen(body),
		                   false, &r);
		if (st == 200 && r.body) {
			json_t *j = json_loads(r.body, 0, NULL);
			const char *got = j ? json_string_value(json_object_get(j, "id")) : NULL;
			if (got && !strcmp(got, id) && json_is_array(json_object_get(j, "mentions")))
				w->ok++;
			json_decref(j);
		}
		free(r.body);
	}
	curl_easy_cleanup(c);
	return NULL;
}

static void run_workers(int nthreads, int requests, void (*during)(void))
{
	pthread_t t[16];
	struct worker w[16];
	for (int i = 0; i < nthreads; i++) {
		w[i] = (struct worker){.index = i, .requests = requests};
		ck_assert_int_eq(pthread_create(&t[i], NULL, worker_main, &w[i]), 0);
	}
	if (during)
		during();
	int total = 0;
	for (int i = 0; i < nthreads; i++) {
		pthread_join(t[i], NULL);
		total += w[i].ok;
	}
	ck_assert_int_eq(total, nthreads * requests);
}

START_TEST(concurrent_clients)
{
	run_workers(8, 50, NULL);
	/* completion callbacks may still run after the clients have their answers */
	wait_inflight(0);
}
END_TEST

static void reload_repeatedly(void)
{
	char err[512];
	for (int i = 0; i < 5; i++) {
		ck_assert_msg(http_server_reload(srv, err, sizeof(err)) == 0, "%s", err);
		struct resp r;
		/* the admin endpoint is open to loopback clients */
		ck_assert_int_eq(http_req(NULL, "POST", "/v1/admin/reload", NULL, "", 0, false, &r),
		                 200);
		json_t *j = parse(&r);
		ck_assert_str_eq(json_string_value(json_object_get(j, "status")), "reloaded");
		json_decref(j);
		free(r.body);
	}
}

START_TEST(reload_while_serving)
{
	run_workers(4, 40, reload_repeatedly);
	struct resp r;
	ck_assert_int_eq(http_req(NULL, "GET", "/v1/admin/reload", NULL, NULL, 0, false, &r), 405);
	free(r.body);
	assert_alive();
}
END_TEST

/* A non-loopback IPv4 address of this host, or false when there is none. */
static bool find_external_ipv4(char *buf, size_t len)
{
	struct ifaddrs *ifs, *i;
	bool found = false;
	if (getifaddrs(&ifs) != 0)
		return false;
	for (i = ifs; i && !found; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
			continue;
		const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)i->ifa_addr;
		if ((ntohl(in->sin_addr.s_addr) >> 24) == 127)
			continue;
		found = inet_ntop(AF_INET, &in->sin_addr, buf, (socklen_t)len) != NULL;
	}
	freeifaddrs(ifs);
	return found;
}

START_TEST(reload_is_loopback_only)
{
	char ip[INET_ADDRSTRLEN], bind[64];
	if (!find_external_ipv4(ip, sizeof(ip))) {
		fprintf(stderr, "reload_is_loopback_only: no non-loopback IPv4 address, skipped\n");
		return;
	}
	snprintf(bind, sizeof(bind), "bind=%s", ip);
	const char *const o[] = {bind, NULL};
	start_server(o);
	snprintf(host, sizeof(host), "%s", ip);  /* connect from and to the external address */
	struct resp r;
	ck_assert_int_eq(http_req(NULL, "POST", "/v1/admin/reload", NULL, "", 0, false, &r), 404);
	free(r.body);
	ck_assert_int_eq(post("/v1/extract", "text/plain", "Remote clients may extract.", &r),
	                 200);
	free(r.body);
	teardown();
}
END_TEST

/* A reload that fails (a broken list in gazetteer_dirs) keeps the running
 * engine: same answers, and the admin endpoint says BAD_DATA with the file. */
START_TEST(reload_failure_keeps_engine)
{
	char dir[] = "/tmp/test-http-gaz-XXXXXX";
	char path[128], good[128], opt[160], err[512];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(good, sizeof(good), "%s/good.tsv", dir);
	FILE *f = fopen(good, "w");
	ck_assert_ptr_nonnull(f);
	fputs("# kind: person\n# list: testers\nZebulon Quagmire\tjournalist\n", f);
	fclose(f);
	snprintf(opt, sizeof(opt), "gazetteer_dirs=%s", dir);
	const char *const o[] = {opt, NULL};
	start_server(o);

	const char *text = "Zebulon Quagmire wrote it.";
	struct resp before, r;
	ck_assert_int_eq(post("/v1/extract", "text/plain", text, &before), 200);
	ck_assert_ptr_nonnull(strstr(before.body, "gazetteer:testers"));

	snprintf(path, sizeof(path), "%s/broken.tsv", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("Nobody\tknows\n", f);  /* no "# kind:" header */
	fclose(f);
	ck_assert_int_eq(http_server_reload(srv, err, sizeof(err)), -EXT_E_BAD_DATA);
	ck_assert_msg(strstr(err, "broken.tsv"), "reload error: %s", err);
	ck_assert_int_eq(http_req(NULL, "POST", "/v1/admin/reload", NULL, "", 0, false, &r), 500);
	json_t *j = parse(&r);
	json_t *e = json_object_get(j, "error");
	ck_assert_str_eq(json_string_value(json_object_get(e, "code")), "BAD_DATA");
	ck_assert_ptr_nonnull(strstr(json_string_value(json_object_get(e, "message")),
	                             "broken.tsv"));
	json_decref(j);
	free(r.body);

	/* the old engine still answers, identically */
	ck_assert_int_eq(post("/v1/extract", "text/plain", text, &r), 200);
	ck_assert_str_eq(r.body, before.body);
	free(r.body);

	/* fixed data reloads again */
	unlink(path);
	ck_assert_msg(http_server_reload(srv, err, sizeof(err)) == 0, "%s", err);
	free(before.body);
	teardown();
	unlink(good);
	rmdir(dir);
}
END_TEST

/* ---- config file ---------------------------------------------------------- */

static char *write_tmp(const char *content)
{
	static char path[64];
	snprintf(path, sizeof(path), "/tmp/test-http-cfg-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	return path;
}

struct config_case {
	const char *content;
	int ok;
	const char *in_err;
};

static const struct config_case config_cases[] = {
	{ "# comment\n\nport = 9000\nbind=::1   # trailing comment\nmax_body_bytes = 2M\n"
	  "dollar_currency = CAD\nthreads = 3\ndata_dir = /srv/data#1\n", 1, NULL },
	{ "port = 80\nmax_inflight = 4\nbogus_key = 1\n", 0, ":3: unknown key \"bogus_key\"" },
	{ "port = 70000\n", 0, ":1: port must be between" },
	{ "max_body_bytes = 12Q\n", 0, ":1: max_body_bytes" },
	{ "\n\nthreads\n", 0, ":3: expected \"key = value\"" },
	{ "dollar_currency = dollars\n", 0, ":1: dollar_currency must be" },
	{ "port = -1\n", 0, ":1:" },
};

START_TEST(config_file)
{
	const struct config_case *tc = &config_cases[_i];
	struct config cfg;
	char err[512] = "";
	ck_assert_int_eq(config_init(&cfg), 0);
	char *path = write_tmp(tc->content);
	int rc = config_load(&cfg, path, err, sizeof(err));
	unlink(path);
	if (tc->ok) {
		ck_assert_msg(rc == 0, "%s", err);
		ck_assert_uint_eq(cfg.port, 9000);
		ck_assert_str_eq(cfg.bind, "::1");
		ck_assert_uint_eq(cfg.max_body_bytes, 2u << 20);
		ck_assert_str_eq(cfg.engine.dollar_currency, "CAD");
		ck_assert_str_eq(cfg.engine.data_dir, "/srv/data#1");
		ck_assert_uint_eq(config_threads(&cfg), 3);
	} else {
		ck_assert_int_lt(rc, 0);
		ck_assert_msg(strstr(err, tc->in_err), "error \"%s\" lacks \"%s\"", err, tc->in_err);
	}
	config_fini(&cfg);
}
END_TEST

static Suite *http_suite(void)
{
	Suite *s = suite_create("http");
	TCase *tc;

	tc = tcase_create("basic");
	tcase_add_checked_fixture(tc, setup_default, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, healthz_and_version);
	tcase_add_test(tc, curl_default_content_type);
	tcase_add_test(tc, extract_plain_and_json);
	tcase_add_test(tc, offsets_modes);
	tcase_add_loop_test(tc, error_responses, 0, (int)(sizeof(error_cases) /
	                                                  sizeof(error_cases[0])));
	tcase_add_test(tc, error_carries_id);
	tcase_add_test(tc, body_too_large);
	tcase_add_test(tc, batch_with_bad_line);
	tcase_add_test(tc, batch_limits_and_large_output);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup_default, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, concurrent_clients);
	tcase_add_test(tc, reload_while_serving);
	suite_add_tcase(s, tc);

	tc = tcase_create("remote");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, reload_is_loopback_only);
	tcase_add_test(tc, reload_failure_keeps_engine);
	suite_add_tcase(s, tc);

	TCase *t0 = tcase_create("overload-0");
	tcase_add_checked_fixture(t0, setup_no_inflight, teardown);
	tcase_set_timeout(t0, 60);
	tcase_add_test(t0, overloaded_zero);
	suite_add_tcase(s, t0);
	TCase *t1 = tcase_create("overload-1");
	tcase_add_checked_fixture(t1, setup_one_inflight, teardown);
	tcase_set_timeout(t1, 60);
	tcase_add_test(t1, overloaded_one);
	suite_add_tcase(s, t1);
	TCase *t2 = tcase_create("too-complex");
	tcase_add_checked_fixture(t2, setup_few_tokens, teardown);
	tcase_set_timeout(t2, 60);
	tcase_add_test(t2, too_complex);
	suite_add_tcase(s, t2);

	tc = tcase_create("config");
	tcase_add_loop_test(tc, config_file, 0, (int)(sizeof(config_cases) /
	                                             sizeof(config_cases[0])));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(http_suite());
}
