/* test-resolver.c: overlap precedence, ordering and numbering. */
#include <string.h>

#include "document.h"
#include "resolver.h"
#include "testutil.h"

struct spec {
	uint32_t start, end;
	enum mention_type type;
	uint16_t prio;
	float score;
};

struct res_case {
	const char *name;
	struct spec in[6];
	size_t nin;
	/* expected kept spans as start:end pairs in order */
	uint32_t want[6][2];
	size_t nwant;
};

static const struct res_case cases[] = {
	{"disjoint kept in order",
	 {{10, 15, MT_DATE, PRIO_TEMPORAL, 1}, {0, 5, MT_MONEY, PRIO_NUMERIC, 1}}, 2,
	 {{0, 5}, {10, 15}}, 2},
	{"higher priority wins over longer",
	 {{0, 20, MT_ORGANIZATION, PRIO_GAZETTEER, 1}, {5, 10, MT_MONEY, PRIO_NUMERIC, 1}}, 2,
	 {{5, 10}}, 1},
	{"same priority: longer wins",
	 {{0, 4, MT_DATE, PRIO_TEMPORAL, 1}, {0, 9, MT_DATE, PRIO_TEMPORAL, 1}}, 2,
	 {{0, 9}}, 1},
	{"same priority and length: higher score wins",
	 {{0, 5, MT_PERSON, PRIO_CANDIDATE, 0.4f}, {2, 7, MT_LOCATION, PRIO_CANDIDATE, 0.9f}}, 2,
	 {{2, 7}}, 1},
	{"tie: earlier start wins",
	 {{2, 7, MT_PERSON, PRIO_CANDIDATE, 1}, {0, 5, MT_LOCATION, PRIO_CANDIDATE, 1}}, 2,
	 {{0, 5}}, 1},
	{"adjacent spans do not overlap",
	 {{0, 5, MT_MONEY, PRIO_NUMERIC, 1}, {5, 9, MT_DATE, PRIO_TEMPORAL, 1}}, 2,
	 {{0, 5}, {5, 9}}, 2},
	{"winner blocks a chain",
	 {{0, 6, MT_DATE, PRIO_TEMPORAL, 1}, {4, 12, MT_MONEY, PRIO_NUMERIC, 1},
	  {10, 14, MT_DATE, PRIO_TEMPORAL, 1}}, 3,
	 {{4, 12}}, 1},
	{"empty span dropped",
	 {{3, 3, MT_DATE, PRIO_TEMPORAL, 1}, {5, 8, MT_DATE, PRIO_TEMPORAL, 1}}, 2,
	 {{5, 8}}, 1},
};

START_TEST(test_resolve)
{
	const struct res_case *c = &cases[_i];
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	const char *text = "0123456789abcdefghij";
	struct document *d = doc_new(a, text, strlen(text), &err, &bad);
	for (size_t i = 0; i < c->nin; i++) {
		struct mention *m = mention_add(d, c->in[i].type, c->in[i].start, c->in[i].end, "test");
		ck_assert_ptr_nonnull(m);
		m->priority = c->in[i].prio;
		m->score = c->in[i].score;
	}
	ck_assert_int_eq(resolver_run(d), 0);
	ck_assert_msg(d->mentions.n == c->nwant, "%s: kept %zu, want %zu", c->name, d->mentions.n,
	              c->nwant);
	for (size_t i = 0; i < c->nwant; i++) {
		ck_assert_msg(d->mentions.v[i].start == c->want[i][0] &&
		                  d->mentions.v[i].end == c->want[i][1],
		              "%s: mention %zu is %u:%u", c->name, i, d->mentions.v[i].start,
		              d->mentions.v[i].end);
		ck_assert_uint_eq(d->mentions.v[i].id, i + 1);
	}
	arena_free(a);
}
END_TEST

START_TEST(test_many)
{
	/* a long run of overlapping pairs stays consistent */
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	char text[4001];
	memset(text, 'x', 4000);
	text[4000] = '\0';
	struct document *d = doc_new(a, text, 4000, &err, &bad);
	for (uint32_t i = 0; i + 6 < 4000; i += 4) {
		struct mention *m = mention_add(d, MT_DATE, i, i + 6, "test");
		m->priority = PRIO_TEMPORAL;
	}
	ck_assert_int_eq(resolver_run(d), 0);
	for (size_t i = 1; i < d->mentions.n; i++)
		ck_assert_uint_le(d->mentions.v[i - 1].end, d->mentions.v[i].start);
	ck_assert_uint_gt(d->mentions.n, 400);
	arena_free(a);
}
END_TEST

START_TEST(test_mention_limit)
{
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	struct document *d = doc_new(a, "abc", 3, &err, &bad);
	d->mentions.max = 2;
	ck_assert_ptr_nonnull(mention_add(d, MT_DATE, 0, 1, "t"));
	ck_assert_ptr_nonnull(mention_add(d, MT_DATE, 1, 2, "t"));
	ck_assert_ptr_null(mention_add(d, MT_DATE, 2, 3, "t"));
	ck_assert_int_ne(d->error, 0);
	arena_free(a);
}
END_TEST


/* Explain mode: the winner of an overlap names what it beat. */
START_TEST(test_explain_beat)
{
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	const char *text = "Reading rose 5% in May";
	struct document *d = doc_new(a, text, strlen(text), &err, &bad);
	d->explain = true;
	struct mention *m = mention_add(d, MT_LOCATION, 0, 7, "gazetteer:cities");
	m->priority = PRIO_GAZETTEER;
	m = mention_add(d, MT_ORGANIZATION, 0, 7, "ner:org");
	m->priority = PRIO_CUED;
	ck_assert_int_eq(resolver_run(d), 0);
	ck_assert_uint_eq(d->mentions.n, 1);
	ck_assert_uint_eq(d->mentions.v[0].nevidence, 1);
	ck_assert_str_eq(d->mentions.v[0].evidence[0], "beat location 'Reading' from gazetteer:cities");
	arena_free(a);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("resolver");
	TCase *tc = tcase_create("resolve");
	tcase_add_loop_test(tc, test_resolve, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_many);
	tcase_add_test(tc, test_mention_limit);
	tcase_add_test(tc, test_explain_beat);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
