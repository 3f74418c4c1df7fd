/* engine.c: loads the extractor table into an immutable, reference-counted
 * engine and runs the per-document pipeline:
 *   tokenize + split -> every extractor -> resolver -> numbered mentions.
 * Also the PCRE2 helpers: every regex is compiled once here with PCRE2_UTF and
 * JIT; matching goes through rx_match(), which skips UTF re-validation (the
 * document was validated once in doc_new) and applies the scratch's match
 * context (match and heap limits) so no input can run away. */
#include "config.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "document.h"
#include "engine.h"
#include "entities.h"
#include "errors.h"
#include "extractor.h"
#include "resolver.h"
#include "tokenizer.h"
#include "util.h"

struct loaded {
	const struct extractor *ex;
	void *state;
};

struct engine {
	atomic_int refs;
	struct engine_config cfg;
	char *data_dir, *dollar;       /* owned copies of cfg strings */
	struct loaded *ex;
	size_t nex;
	char data_version[128];
};

void engine_config_defaults(struct engine_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->data_dir = NULL;
	cfg->dollar_currency = "USD";
	cfg->max_text_bytes = 1024 * 1024;
	cfg->max_tokens = 400000;
	cfg->max_mentions = 100000;
	/* a dense 1 MiB text of names needs ~100 MiB; only the worker threads
	 * (one document each) hold a full arena at a time */
	cfg->arena_cap = 256u * 1024 * 1024;
	cfg->pcre_match_limit = 100000;
	cfg->pcre_heap_limit_kib = 4096;
	cfg->doc_budget_ms = 5000;
}

static void engine_destroy(struct engine *e)
{
	for (size_t i = e->nex; i-- > 0;) {
		if (e->ex[i].ex->unload)
			e->ex[i].ex->unload(e->ex[i].state);
	}
	free(e->ex);
	free(e->data_dir);
	free(e->dollar);
	free(e);
}

struct engine *engine_new(const struct engine_config *cfg, char *err, size_t errlen)
{
	struct engine *e = xcalloc(1, sizeof(*e));
	atomic_init(&e->refs, 1);
	e->cfg = *cfg;
	if (cfg->data_dir)
		e->cfg.data_dir = e->data_dir = xstrdup(cfg->data_dir);
	e->cfg.dollar_currency = e->dollar = xstrdup(cfg->dollar_currency ? cfg->dollar_currency : "USD");
	size_t n = 0;
	while (extractor_table[n])
		n++;
	e->ex = xcalloc(n ? n : 1, sizeof(*e->ex));
	snprintf(e->data_version, sizeof(e->data_version), "rules-%s", EXTRACTD_VERSION);
	for (size_t i = 0; i < n; i++) {
		const struct extractor *x = extractor_table[i];
		char msg[512] = "";
		void *state = NULL;
		int rc = x->load ? x->load(&e->cfg, &state, msg, sizeof(msg)) : 0;
		if (rc) {
			snprintf(err, errlen, "extractor '%s' failed to load: %s", x->name,
			         msg[0] ? msg : ext_error_message(rc));
			engine_destroy(e);
			return NULL;
		}
		e->ex[e->nex].ex = x;
		e->ex[e->nex].state = state;
		e->nex++;
		if (x->data_version && x->data_version(state)) {
			size_t used = strlen(e->data_version);
			snprintf(e->data_version + used, sizeof(e->data_version) - used, "+%s",
			         x->data_version(state));
		}
	}
	return e;
}

struct engine *engine_ref(struct engine *e)
{
	if (e)
		atomic_fetch_add(&e->refs, 1);
	return e;
}

void engine_unref(struct engine *e)
{
	if (e && atomic_fetch_sub(&e->refs, 1) == 1)
		engine_destroy(e);
}

const struct engine_config *engine_config(const struct engine *e)
{
	return &e->cfg;
}

size_t engine_extractor_count(const struct engine *e)
{
	return e->nex;
}

const char *engine_extractor_name(const struct engine *e, size_t i)
{
	return i < e->nex ? e->ex[i].ex->name : NULL;
}

const char *engine_extractor_version(const struct engine *e, size_t i)
{
	return i < e->nex ? e->ex[i].ex->version : NULL;
}

const void *engine_extractor_state(const struct engine *e, const char *name)
{
	for (size_t i = 0; i < e->nex; i++) {
		if (!strcmp(e->ex[i].ex->name, name))
			return e->ex[i].state;
	}
	return NULL;
}

const void *engine_peer_state(const struct engine_config *cfg, const char *name)
{
	/* load() always receives &e->cfg of the engine being built */
	const struct engine *e = (const struct engine *)((const char *)cfg -
	                                                 offsetof(struct engine, cfg));
	return engine_extractor_state(e, name);
}

const char *engine_data_version(const struct engine *e)
{
	return e->data_version;
}

struct scratch *scratch_new(const struct engine_config *cfg)
{
	struct scratch *s = xcalloc(1, sizeof(*s));
	/* 64 pairs covers every pattern we compile (asserted in rx_compile) */
	s->md = pcre2_match_data_create(64, NULL);
	s->mctx = pcre2_match_context_create(NULL);
	if (!s->md || !s->mctx) {
		scratch_free(s);
		return NULL;
	}
	pcre2_set_match_limit(s->mctx, cfg->pcre_match_limit);
	pcre2_set_heap_limit(s->mctx, cfg->pcre_heap_limit_kib);
	pcre2_set_depth_limit(s->mctx, cfg->pcre_match_limit);
	return s;
}

void scratch_free(struct scratch *s)
{
	if (!s)
		return;
	pcre2_match_data_free(s->md);
	pcre2_match_context_free(s->mctx);
	free(s);
}

pcre2_code *rx_compile(const char *pattern, uint32_t options, char *err, size_t errlen)
{
	int ec;
	PCRE2_SIZE eo;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | options, &ec, &eo, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(ec, msg, sizeof(msg));
		snprintf(err, errlen, "regex error at offset %zu: %s", (size_t)eo, (char *)msg);
		return NULL;
	}
	uint32_t captures = 0;
	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &captures);
	if (captures >= 64) {
		snprintf(err, errlen, "regex has %u capture groups (max 63)", captures);
		pcre2_code_free(re);
		return NULL;
	}
	int jrc = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	if (jrc != 0) {
		/* e.g. MemoryDenyWriteExecute=yes: the interpreter still works */
		static atomic_int warned;
		if (atomic_exchange(&warned, 1) == 0)
			fprintf(stderr, "extractd: warning: PCRE2 JIT unavailable (%d); using the "
			                "interpreter\n", jrc);
	}
	return re;
}

int rx_match(const pcre2_code *re, struct document *doc, struct scratch *s, size_t start,
             uint32_t options)
{
	if (start > doc->len)
		return PCRE2_ERROR_NOMATCH;
	s->matches++;
	int rc = pcre2_match(re, (PCRE2_SPTR)doc->text, doc->len, start,
	                     options | PCRE2_NO_UTF_CHECK, s->md, s->mctx);
	if (rc < 0 && rc != PCRE2_ERROR_NOMATCH) {
		if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
		    rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
			doc_fail(doc, -EXT_E_TOO_COMPLEX, "regex match limit exceeded");
		else
			doc_fail(doc, -EXT_E_INTERNAL, "regex match error");
	}
	return rc;
}

void engine_prepare(const struct engine *e, struct document *doc)
{
	doc->max_tokens = e->cfg.max_tokens;
	doc->mentions.max = e->cfg.max_mentions;
	if (e->cfg.doc_budget_ms)
		doc->deadline_ns = doc_now_ns() + (uint64_t)e->cfg.doc_budget_ms * 1000000u;
}

/* A refusal by the request arena's cap is a limit the client's text hit, not
 * the server running out of memory: report it as DOCUMENT_TOO_COMPLEX (422)
 * naming the limit, like the token and mention limits. */
static int process_result(struct document *doc, int rc)
{
	if (rc == -EXT_E_NOMEM && arena_cap_hit(doc->arena)) {
		doc->error = -EXT_E_TOO_COMPLEX;
		doc->error_detail = "request memory limit (arena_cap) exceeded";
		return doc->error;
	}
	return rc;
}

static int process(const struct engine *e, struct document *doc, struct scratch *s, double *t);

int engine_process(const struct engine *e, struct document *doc, struct scratch *s)
{
	return process_result(doc, process(e, doc, s, NULL));
}

int engine_process_timed(const struct engine *e, struct document *doc, struct scratch *s, double *t)
{
	return process_result(doc, process(e, doc, s, t));
}

size_t engine_stage_count(const struct engine *e)
{
	return e->nex + 3;
}

const char *engine_stage_name(const struct engine *e, size_t i)
{
	if (i == 0)
		return "tokenizer";
	if (i <= e->nex)
		return e->ex[i - 1].ex->name;
	return i == e->nex + 1 ? "resolver" : i == e->nex + 2 ? "entities" : NULL;
}

static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* With t: charge the time since *t0 to t[slot] and restart the clock. */
static inline void lap(double *t, size_t slot, double *t0)
{
	if (t) {
		double t1 = thread_cpu();
		t[slot] += t1 - *t0;
		*t0 = t1;
	}
}

static int process(const struct engine *e, struct document *doc, struct scratch *s, double *t)
{
	double t0 = t ? thread_cpu() : 0;
	if (e->cfg.max_text_bytes && doc->len > e->cfg.max_text_bytes) {
		doc_fail(doc, -EXT_E_TEXT_TOO_LARGE, "text is over max_text_bytes");
		return doc->error;
	}
	engine_prepare(e, doc);
	s->matches = 0;
	int rc = tok_document(doc);
	lap(t, 0, &t0);
	if (rc)
		return rc;
	for (size_t i = 0; i < e->nex; i++) {
		rc = e->ex[i].ex->run(e->ex[i].state, doc, s);
		lap(t, 1 + i, &t0);
		if (rc || doc->error)
			return doc->error ? doc->error : rc;
		if (doc_over_budget(doc))
			return doc->error;
	}
	rc = resolver_run(doc);
	lap(t, e->nex + 1, &t0);
	if (rc)
		return rc;
	rc = entities_cluster(doc);
	lap(t, e->nex + 2, &t0);
	return rc;
}
