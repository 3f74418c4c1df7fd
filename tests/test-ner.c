/* test-ner.c: the named-entity layer end to end (tu_extract on the bundled
 * data): one table per cue family (titles, given names, designators and
 * heads, location cues, connectors, possessives, acronyms, sentence starts,
 * headlines, demonyms), the traps, within-article clustering, deterministic
 * entity ids and explain-mode evidence.  Sentences are written for these
 * tests; names not in any list are invented on purpose. */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "entities.h"
#include "gazetteer.h"
#include "mention.h"
#include "ner_cues.h"
#include "testutil.h"

/* ---- helpers ---- */

static bool type_of(const char *name, enum mention_type *t)
{
	return mention_type_parse(name, t);
}

/* All person/organization/location mentions, for failure messages. */
static const char *names_of(const struct document *doc)
{
	static char buf[1024];
	size_t k = 0;
	buf[0] = 0;
	for (size_t i = 0; i < doc->mentions.n; i++) {
		const struct mention *m = &doc->mentions.v[i];
		if (m->type > MT_LOCATION)
			continue;
		int w = snprintf(buf + k, sizeof(buf) - k, "[%s:%.*s]",
		                 mention_type_name((enum mention_type)m->type), (int)(m->end - m->start),
		                 doc->text + m->start);
		if (w < 0 || (size_t)w >= sizeof(buf) - k)
			break;
		k += (size_t)w;
	}
	return buf;
}

/* Is there any person/organization/location mention with exactly this text? */
static const struct mention *find_name(const struct document *doc, const char *text)
{
	for (int t = MT_PERSON; t <= MT_LOCATION; t++) {
		const struct mention *m = tu_find(doc, (enum mention_type)t, text);
		if (m)
			return m;
	}
	return NULL;
}

/* ---- recognition and typing: one row per cue family or trap ---- */

struct ner_case {
	const char *family;
	const char *text;
	const char *type;  /* expected type of span, or NULL: span must not be a name */
	const char *span;
};

static const struct ner_case cases[] = {
	/* titles and roles before the name (cut off, recorded as a cue) */
	{"title", "Defence Minister Gen Nakatani met reporters on Monday.", "person", "Gen Nakatani"},
	{"title", "Defence Minister Gen Nakatani met reporters on Monday.", NULL, "Defence"},
	{"title", "In a new push, Defence Minister Gen Nakatani met his counterpart.", NULL,
	 "Defence"},
	{"title", "On Monday, Foreign Minister Anna Brisk flew to Oslo.", "person", "Anna Brisk"},
	{"title", "Dr. Mara Vukovic told the committee that the plan was sound.", "person",
	 "Mara Vukovic"},
	{"title", "Prime Minister Tolvar Brennick resigned on Friday.", "person", "Tolvar Brennick"},
	{"apposition", "Talks were led by Reda Vilkaite, Lithuania's defence minister.", "person",
	 "Reda Vilkaite"},
	{"role", "He met his Lithuanian counterpart Reda Vilkaite in Tokyo.", "person",
	 "Reda Vilkaite"},
	/* given names and person verbs */
	{"given-name", "The bill was drafted by Thomas Quellmark and passed in June.", "person",
	 "Thomas Quellmark"},
	{"person-verb", "Ryo Hinata-Yamaguchi, an associate professor, said the law was overdue.",
	 "person", "Ryo Hinata-Yamaguchi"},
	/* organization designators and heads */
	{"designator", "Shares of Velkor Holdings fell after the report.", "organization",
	 "Velkor Holdings"},
	{"designator", "Kestrel Airlines cut flights to Lisbon.", "organization", "Kestrel Airlines"},
	{"designator", "The contract went to Orbanek Industries Ltd. last week.", "organization",
	 "Orbanek Industries Ltd."},
	{"head-of", "The Bank of England raised rates.", "organization", "Bank of England"},
	/* location cues */
	{"location", "Kestrel Airlines cut flights to Lisbon.", "location", "Lisbon"},
	{"location", "Veltrix, a start-up based in Tallinn, raised funds.", "location", "Tallinn"},
	{"location", "Defence Minister Gen Nakatani met reporters in Osaka on Monday.", "location",
	 "Osaka"},
	/* "X's Y" gives two names */
	{"possessive", "He teaches at Tokyo International University's Institute for "
	               "International Strategy.", "organization", "Tokyo International University"},
	{"possessive", "He teaches at Tokyo International University's Institute for "
	               "International Strategy.", "organization",
	 "Institute for International Strategy"},
	{"possessive", "Japan's cyber infrastructure has gaps.", "location", "Japan"},
	/* acronym defined in parentheses takes the name's type */
	{"acronym", "Mitsubishi Heavy Industries (MHI) won the order.", "organization", "MHI"},
	{"acronym", "Mitsubishi Heavy Industries (MHI) won the order.", "organization",
	 "Mitsubishi Heavy Industries"},
	/* connectors */
	{"connector", "A symphony by Ludwig van Beethoven opened the concert.", "person",
	 "Ludwig van Beethoven"},
	/* sentence starts and headlines */
	{"sentence-start", "Japan patches cybersecurity gaps with new laws.", "location", "Japan"},
	{"sentence-start", "Trailing by ten points, the team rallied late.", NULL, "Trailing"},
	{"sentence-start", "Opponents of the bill said it went too far.", NULL, "Opponents"},
	{"headline", "RUGBY UNION - WALES HOLD ON IN CARDIFF\nThe match ended late.", NULL, "RUGBY"},
	{"headline", "RUGBY UNION - WALES HOLD ON IN CARDIFF\nThe match ended late.", "location",
	 "CARDIFF"},
	/* shapes: an acronym in running text, a hyphenated adjective, a leading
	 * demonym, a sentence-final abbreviation */
	{"shape", "Delegates of the OSCX met in Vienna on Friday.", "organization", "OSCX"},
	{"shape", "Engineers at VelkorAI said the model was ready.", "organization", "VelkorAI"},
	{"shape", "The film starred Leonardo DiCaprio and Kate Winslet.", "person", "Leonardo DiCaprio"},
	{"shape", "The Turin-based Velkor Holdings cut jobs.", NULL, "Turin-based Velkor Holdings"},
	{"shape", "The Turin-based Velkor Holdings cut jobs.", "organization", "Velkor Holdings"},
	{"shape", "Australian Tom Brisbury took four wickets.", "person", "Tom Brisbury"},
	{"shape", "The order went to Orbanek Corp.\nShares rose.", "organization", "Orbanek Corp"},
	/* demonyms are not locations */
	{"demonym", "Lithuanian officials met Japanese diplomats on Tuesday.", NULL, "Lithuanian"},
	{"demonym", "Lithuanian officials met Japanese diplomats on Tuesday.", NULL, "Japanese"},
	/* traps */
	{"trap", "General Motors said sales rose in the second quarter.", "organization",
	 "General Motors"},
	{"trap", "The vote is due in May, officials said.", NULL, "May"},
	{"trap", "Theresa May said the talks had stalled.", "person", "Theresa May"},
	{"trap", "Apple pie is popular in autumn.", NULL, "Apple"},
	{"trap", "She moved to Reading last year.", "location", "Reading"},
	{"trap", "Michael Jordan scored 30 points in the final.", "person", "Michael Jordan"},
	{"trap", "Jordan's king met the delegation in Amman.", "location", "Jordan"},
};

START_TEST(test_case)
{
	const struct ner_case *c = &cases[_i];
	struct arena *a;
	struct document *doc = tu_extract(c->text, "2025-05-24", &a);
	if (c->type) {
		enum mention_type t;
		ck_assert(type_of(c->type, &t));
		const struct mention *m = tu_find(doc, t, c->span);
		ck_assert_msg(m != NULL, "%s: no %s \"%s\" in \"%s\"; got %s", c->family, c->type,
		              c->span, c->text, names_of(doc));
		ck_assert_msg(m->source && (!strncmp(m->source, "ner:", 4) ||
		                            !strncmp(m->source, "gazetteer:", 10)),
		              "%s: source %s", c->family, m->source);
		ck_assert_msg(m->nevidence > 0, "%s: \"%s\" has no evidence", c->family, c->span);
	} else {
		const struct mention *m = find_name(doc, c->span);
		ck_assert_msg(m == NULL, "%s: \"%s\" tagged %s in \"%s\"", c->family, c->span,
		              m ? mention_type_name((enum mention_type)m->type) : "", c->text);
	}
	arena_free(a);
}
END_TEST

/* ---- clustering ---- */

struct cluster_case {
	const char *text;
	const char *a, *b;  /* two mention texts (first occurrence of each) */
	bool same;          /* expected in one entity */
};

static const struct cluster_case clusters[] = {
	{"Ryo Hinata-Yamaguchi teaches in Tokyo. \"It is overdue,\" Hinata-Yamaguchi said.",
	 "Ryo Hinata-Yamaguchi", "Hinata-Yamaguchi", true},
	{"Mitsubishi Heavy Industries (MHI) won the order. MHI will build it in Nagasaki.",
	 "Mitsubishi Heavy Industries", "MHI", true},
	{"Defence Minister Gen Nakatani met his counterpart. Nakatani said talks went well.",
	 "Gen Nakatani", "Nakatani", true},
	{"Shares of Velkor Holdings rose. Velkor said profit doubled.", "Velkor Holdings", "Velkor",
	 true},
	{"Thomas Quellmark met Anna Brisk in Oslo. Quellmark said little.", "Anna Brisk",
	 "Quellmark", false},
	{"Officials in Osaka and Nagoya agreed.", "Osaka", "Nagoya", false},
};

static const struct mention *first_text(const struct document *doc, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < doc->mentions.n; i++) {
		const struct mention *m = &doc->mentions.v[i];
		if (m->type <= MT_LOCATION && m->end - m->start == n && !memcmp(doc->text + m->start, s, n))
			return m;
	}
	return NULL;
}

START_TEST(test_cluster)
{
	const struct cluster_case *c = &clusters[_i];
	struct arena *ar;
	struct document *doc = tu_extract(c->text, NULL, &ar);
	const struct mention *a = first_text(doc, c->a), *b = first_text(doc, c->b);
	ck_assert_msg(a && b, "missing \"%s\" or \"%s\" in \"%s\"; got %s", c->a, c->b, c->text,
	              names_of(doc));
	ck_assert_uint_gt(a->entity, 0);
	ck_assert_uint_gt(b->entity, 0);
	ck_assert_uint_le(a->entity, doc->nentities);
	if (c->same) {
		ck_assert_msg(a->entity == b->entity, "\"%s\" and \"%s\" not clustered", c->a, c->b);
		ck_assert_uint_eq(a->type, b->type);
		/* the entity lists both mentions once, under the full name */
		const struct entity *e = &doc->entities[a->entity - 1];
		ck_assert_uint_ge(e->nmentions, 2);
		ck_assert_str_eq(e->name, e->kb_id ? e->name : c->a);
	} else {
		ck_assert_msg(a->entity != b->entity, "\"%s\" and \"%s\" wrongly clustered", c->a, c->b);
	}
	/* every clustered mention appears in exactly one entity */
	for (size_t i = 0; i < doc->mentions.n; i++) {
		const struct mention *m = &doc->mentions.v[i];
		size_t seen = 0;
		for (size_t e = 0; e < doc->nentities; e++)
			for (size_t k = 0; k < doc->entities[e].nmentions; k++)
				seen += doc->entities[e].mentions[k] == m->id;
		ck_assert_uint_eq(seen, m->entity ? 1 : 0);
	}
	arena_free(ar);
}
END_TEST

/* ---- entity ids: the same name and type give the same id in any article ---- */

START_TEST(test_entity_ids)
{
	struct arena *a1, *a2;
	struct document *d1 = tu_extract("Thomas Quellmark said the plan was sound.", NULL, &a1);
	struct document *d2 =
		tu_extract("In Oslo on Monday, reporters asked Thomas Quellmark about it.", NULL, &a2);
	const struct mention *m1 = first_text(d1, "Thomas Quellmark");
	const struct mention *m2 = first_text(d2, "Thomas Quellmark");
	ck_assert_msg(m1 && m2, "got %s", names_of(d1));
	const struct entity *e1 = &d1->entities[m1->entity - 1], *e2 = &d2->entities[m2->entity - 1];
	ck_assert_str_eq(e1->id, e2->id);
	ck_assert_msg(!strncmp(e1->id, "per:", 4), "%s", e1->id);
	char id[32];
	entities_make_id(MT_PERSON, "thomas quellmark", 16, id, sizeof(id));
	ck_assert_str_eq(e1->id, id);
	entities_make_id(MT_ORGANIZATION, "thomas quellmark", 16, id, sizeof(id));
	ck_assert_str_ne(e1->id, id);
	arena_free(a1);
	arena_free(a2);
	/* linked entities use the kb id */
	struct document *d3 = tu_extract("Officials in Tokyo agreed.", NULL, &a1);
	const struct mention *m3 = first_text(d3, "Tokyo");
	ck_assert_ptr_nonnull(m3);
	ck_assert_ptr_nonnull(m3->link.kb_id);
	ck_assert_str_eq(d3->entities[m3->entity - 1].id, m3->link.kb_id);
	arena_free(a1);
}
END_TEST

/* ---- ambiguous places: the country the article names picks the entry ---- */

START_TEST(test_link_by_country)
{
	const struct gazetteer *g = gaz_from_engine(tu_engine());
	ck_assert_ptr_nonnull(g);
	struct gaz_candidate cand[32];
	size_t n = gaz_lookup(g, "Cambridge", 9, cand, 32);
	const char *ca = NULL;
	for (size_t i = 0; i < n && i < 32; i++) {
		const char *v;
		size_t vl;
		if (cand[i].kind == GAZ_KIND_LOCATION && cand[i].kb_id[0] &&
		    gaz_attr(cand[i].attrs, "cc", &v, &vl) && vl == 2 && !memcmp(v, "CA", 2))
			ca = cand[i].kb_id;
	}
	if (!ca)
		return; /* the bundled lists have no Canadian Cambridge: nothing to choose */
	struct arena *a;
	struct document *doc =
		tu_extract("Flooding hit Cambridge, Ontario, as Canada braced for more rain.", NULL, &a);
	const struct mention *m = tu_find(doc, MT_LOCATION, "Cambridge");
	ck_assert_msg(m != NULL, "got %s", names_of(doc));
	ck_assert_ptr_nonnull(m->link.kb_id);
	ck_assert_str_eq(m->link.kb_id, ca);
	arena_free(a);
}
END_TEST

/* ---- explain: what made it and what it beat ---- */

/* ner_fold_hash() and ner_fold_hash_run() (whole words read past the end:
 * junk there; or no byte past the end) are ner_hash() of ner_fold(), on
 * every short string over an
 * alphabet that exercises whitespace runs, case and both possessives. */
START_TEST(test_fold_hash)
{
	static const char *const piece[] = {"a", "S", "s", "'", " ", "\t", "\xe2\x80\x99", "Q", "\n"};
	enum { NP = sizeof(piece) / sizeof(piece[0]) };
	unsigned long checked = 0;
	for (unsigned code = 0; code < 9u * 9 * 9 * 9 * 9; code++) {
		char text[64];
		memset(text, 'Z', sizeof(text));
		size_t n = 0;
		for (unsigned c = code, k = 0; k < 5; k++, c /= NP) {
			size_t l = strlen(piece[c % NP]);
			memcpy(text + n, piece[c % NP], l);
			n += l;
			/* every length from 0 to 5 pieces */
			if (c / NP == 0 && k > 0 && code % 3 == 0)
				break;
		}
		static const size_t caps[] = {3, 4, 5, 8, 256};
		for (size_t ci = 0; ci < sizeof(caps) / sizeof(caps[0]); ci++) {
			char buf[256];
			size_t kn = ner_fold(text, n, buf, caps[ci]);
			uint64_t want = kn ? ner_hash(buf, kn) : 0;
			ck_assert_msg(ner_fold_hash(text, n, caps[ci]) == want, "'%.*s' cap %zu", (int)n,
			              text, caps[ci]);
			/* (its precondition: single spaces between other bytes) */
			bool single = n == 0 || (text[0] != ' ' && text[n - 1] != ' ');
			for (size_t k = 1; k < n; k++)
				single = single && !(text[k] == ' ' && text[k - 1] == ' ');
			/* avail: whole words past the text, or only the text (the
			 * last word then cannot be read whole) */
			if (single) {
				ck_assert_msg(ner_fold_hash_run(text, n, caps[ci], sizeof(text)) == want,
				              "run '%.*s' cap %zu", (int)n, text, caps[ci]);
				ck_assert_msg(ner_fold_hash_run(text, n, caps[ci], n) == want,
				              "run '%.*s' cap %zu avail n", (int)n, text, caps[ci]);
			}
			checked++;
		}
	}
	ck_assert_uint_gt(checked, 100000);
}
END_TEST

START_TEST(test_explain)
{
	struct arena *a;
	struct document *doc = tu_extract("Defence Minister Gen Nakatani met reporters.", NULL, &a);
	const struct mention *m = tu_find(doc, MT_PERSON, "Gen Nakatani");
	ck_assert_ptr_nonnull(m);
	bool title = false;
	for (uint16_t i = 0; i < m->nevidence; i++)
		title |= strstr(m->evidence[i], "title") != NULL;
	ck_assert_msg(title, "no title evidence for Gen Nakatani");
	ck_assert_ptr_nonnull(m->rule);
	arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ner");
	TCase *tc = tcase_create("ner");
	tcase_add_loop_test(tc, test_case, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_loop_test(tc, test_cluster, 0, (int)(sizeof(clusters) / sizeof(clusters[0])));
	tcase_add_test(tc, test_entity_ids);
	tcase_add_test(tc, test_explain);
	tcase_add_test(tc, test_fold_hash);
	tcase_add_test(tc, test_link_by_country);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
