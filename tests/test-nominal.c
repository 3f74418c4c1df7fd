/* test-nominal.c: lower-case descriptions ("the ministry", "the company")
 * join the organization named before them only where that is safe. */
#include <stdlib.h>
#include <string.h>

#include "entities.h"
#include "nominal.h"
#include "testutil.h"

struct nominal_case {
	const char *text;
	const char *nominal;   /* the description as written */
	const char *org;       /* the organization it must join, or NULL: unlinked */
};

static const struct nominal_case cases[] = {
	/* the head written in the name */
	{"The Defence Ministry announced new rules on Monday. The ministry said the rules start in June.",
	 "The ministry", "Defence Ministry"},
	{"Officials at the Ministry of Finance met on Tuesday. Later the ministry's spokesman declined to comment.",
	 "the ministry", "Ministry of Finance"},
	{"The Bank of Ruritania raised its rate. The bank said inflation was too high.", "The bank",
	 "Bank of Ruritania"},
	/* a company designator for "company" and "firm" */
	{"Orvex Industries reported a loss. The company blamed higher costs.", "The company",
	 "Orvex Industries"},
	{"Shares of Talmont Corp fell sharply. Analysts said the firm had overpaid.", "the firm",
	 "Talmont Corp"},
	/* two ministries fit: ambiguous, so unlinked */
	{"The Foreign Ministry and the Defence Ministry issued statements. The ministry later deleted one.",
	 "The ministry", NULL},
	/* too far back: more than two sentences before */
	{"Orvex Industries reported a loss. It rained. Traffic was slow. Schools closed. The company blamed costs.",
	 "The company", NULL},
};

static const struct mention *find_text(const struct document *doc, const char *s)
{
	for (size_t i = 0; i < doc->mentions.n; i++) {
		const struct mention *m = &doc->mentions.v[i];
		if (m->end - m->start == strlen(s) && !memcmp(doc->text + m->start, s, strlen(s)))
			return m;
	}
	return NULL;
}

START_TEST(test_nominal)
{
	const struct nominal_case *c = &cases[_i];
	struct arena *ar;
	struct document *doc = tu_extract(c->text, NULL, &ar);
	const struct mention *n = find_text(doc, c->nominal);
	if (!c->org) {
		/* either no description mention or one that joins nothing */
		ck_assert_msg(!n || n->entity == 0, "\"%s\" linked in \"%s\"", c->nominal, c->text);
		arena_free(ar);
		return;
	}
	const struct mention *o = find_text(doc, c->org);
	ck_assert_msg(n && o, "missing \"%s\" or \"%s\" in \"%s\"", c->nominal, c->org, c->text);
	ck_assert_uint_eq(n->type, MT_NOMINAL);
	ck_assert_uint_eq(o->type, MT_ORGANIZATION);
	ck_assert_msg(n->entity && n->entity == o->entity, "\"%s\" not joined to \"%s\"", c->nominal,
	              c->org);
	/* the entity keeps its name; the description is no alias */
	const struct entity *e = &doc->entities[o->entity - 1];
	ck_assert_str_eq(e->name, c->org);
	for (size_t k = 0; k < e->naliases; k++)
		ck_assert_str_ne(e->aliases[k], c->nominal);
	arena_free(ar);
}
END_TEST

/* No description without an organization before it; not "the ministry of
 * X" (another body); a capitalized head is a name, not a description. */
START_TEST(test_not_nominal)
{
	static const char *const texts[] = {
		"The ministry said on Monday that the rules would change.",
		"Orvex Industries said the ministry of agriculture had approved the plan.",
		"The company said it would hire more staff.",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct arena *ar;
		struct document *doc = tu_extract(texts[i], NULL, &ar);
		ck_assert_msg(tu_count(doc, MT_NOMINAL) == 0, "a description in \"%s\"", texts[i]);
		arena_free(ar);
	}
}
END_TEST

START_TEST(test_fits)
{
	const char *min = nominal_head("ministry", 8), *co = nominal_head("company", 7);
	ck_assert_ptr_nonnull(min);
	ck_assert_ptr_nonnull(co);
	ck_assert_ptr_null(nominal_head("government", 10));
	ck_assert(nominal_fits(min, "Defence Ministry", 16));
	ck_assert(nominal_fits(min, "MINISTRY OF DEFENCE", 19));
	ck_assert(!nominal_fits(min, "Ministryx Ltd", 13));
	ck_assert(nominal_fits(co, "Acme Corp.", 10));
	ck_assert(nominal_fits(co, "Orvex Holdings", 14));
	ck_assert(!nominal_fits(co, "Defence Ministry", 16));
}
END_TEST

static Suite *nominal_suite(void)
{
	Suite *s = suite_create("nominal");
	TCase *tc = tcase_create("nominal");
	tcase_add_loop_test(tc, test_nominal, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_not_nominal);
	tcase_add_test(tc, test_fits);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(nominal_suite());
}
