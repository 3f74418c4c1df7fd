/* testutil.c: see testutil.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "testutil.h"
#include "tokenizer.h"

static struct engine *engine;
static struct scratch *scratch;

static void cleanup(void)
{
	scratch_free(scratch);
	engine_unref(engine);
}

struct engine *tu_engine(void)
{
	if (!engine) {
		struct engine_config cfg;
		char err[512] = "";
		engine_config_defaults(&cfg);
		cfg.doc_budget_ms = 0; /* tests must not depend on machine speed */
		engine = engine_new(&cfg, err, sizeof(err));
		ck_assert_msg(engine != NULL, "engine_new: %s", err);
		scratch = scratch_new(&cfg);
		ck_assert_ptr_nonnull(scratch);
		atexit(cleanup);
	}
	return engine;
}

struct document *tu_extract(const char *text, const char *published, struct arena **arena)
{
	struct engine *e = tu_engine();
	*arena = arena_new(0);
	ck_assert_ptr_nonnull(*arena);
	int err = 0;
	size_t bad = 0;
	struct document *doc = doc_new(*arena, text, strlen(text), &err, &bad);
	ck_assert_msg(doc != NULL, "doc_new failed: %s at %zu", ext_error_id(err), bad);
	doc->explain = true; /* tests check evidence strings */
	if (published) {
		ck_assert(doc_parse_date(published, &doc->published));
		doc->has_published = true;
	}
	int rc = engine_process(e, doc, scratch);
	ck_assert_msg(rc == 0, "engine_process: %s (%s)", ext_error_id(rc),
	              doc->error_detail ? doc->error_detail : "");
	return doc;
}

struct document *tu_tokenize(const char *text, struct arena **arena)
{
	*arena = arena_new(0);
	ck_assert_ptr_nonnull(*arena);
	int err = 0;
	size_t bad = 0;
	struct document *doc = doc_new(*arena, text, strlen(text), &err, &bad);
	ck_assert_msg(doc != NULL, "doc_new failed: %s at %zu", ext_error_id(err), bad);
	ck_assert_int_eq(tok_document(doc), 0);
	return doc;
}

size_t tu_count(const struct document *doc, enum mention_type t)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->mentions.n; i++)
		n += doc->mentions.v[i].type == t;
	return n;
}

const struct mention *tu_find(const struct document *doc, enum mention_type t, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < doc->mentions.n; i++) {
		const struct mention *m = &doc->mentions.v[i];
		if (m->type == t && m->end - m->start == n && !memcmp(doc->text + m->start, s, n))
			return m;
	}
	return NULL;
}

const char *tu_text(const struct document *doc, const struct mention *m)
{
	static char buf[512];
	size_t n = m->end - m->start;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, doc->text + m->start, n);
	buf[n] = '\0';
	return buf;
}

int tu_run(Suite *s)
{
	/* Load the engine once here, before Check forks a child per test, so
	 * every child inherits it instead of loading its own (a load is ~0.1 s,
	 * many times that under ASan, and a suite has hundreds of loop tests).
	 * A failed load is left for the first test that needs it to report. */
	if (!engine) {
		struct engine_config cfg;
		char err[512] = "";
		engine_config_defaults(&cfg);
		cfg.doc_budget_ms = 0;
		engine = engine_new(&cfg, err, sizeof(err));
		if (engine) {
			scratch = scratch_new(&cfg);
			atexit(cleanup);
		}
	}
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
