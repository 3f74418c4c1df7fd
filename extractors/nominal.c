/* nominal.c: lower-case descriptions of an organization named earlier in the
 * article ("the ministry", "the company", "the firm's").
 *
 * A description becomes a mention of type "nominal" only when an
 * organization mention before it could be what it refers to:
 *   - a head written in the name: "the ministry" after "the Defence Ministry"
 *     or "the Ministry of Defence", "the bank" after "the Bank of Japan";
 *   - "the company" / "the firm" after a name that ends in a company
 *     designator ("... Industries", "... Corp", "... Ltd").
 * Which entity it joins is decided by entities_cluster() (entities.c), which
 * sees the final mentions: the one organization entity that fits and was
 * mentioned in the description's sentence or the two before it.  With none,
 * or with two that fit, the mention stays unlinked: safe, never a guess.
 * The head word is kept in m->rule ("ministry", "company").
 *
 * Not spans of PERSON/ORGANIZATION/LOCATION (the gold sets leave lower-case
 * descriptions out), so they never count as names.  No loaded state. */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "document.h"
#include "errors.h"
#include "extractor.h"
#include "mention.h"
#include "nominal.h"
#include "resolver.h"
#include "tokenizer.h"
#include "util.h"

/* Heads that must be written in the antecedent's name, and heads that need
 * a company designator at its end (NOMINAL_DESIGNATOR). */
static const struct {
	const char *w;
	uint8_t len;
	bool designator;
} heads[] = {
	{"ministry", 8, false},    {"agency", 6, false},     {"bank", 4, false},
	{"university", 10, false}, {"institute", 9, false},  {"council", 7, false},
	{"party", 5, false},       {"commission", 10, false}, {"committee", 9, false},
	{"department", 10, false}, {"court", 5, false},      {"association", 11, false},
	{"federation", 10, false}, {"foundation", 10, false}, {"authority", 9, false},
	{"bureau", 6, false},      {"airline", 7, false},    {"corporation", 11, false},
	{"company", 7, true},      {"firm", 4, true},
};

/* Last words of a company name (ASCII case ignored, a final period too). */
static const char *const designators[] = {
	"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "ag", "sa", "nv", "gmbh",
	"holdings", "industries", "group", "motors", "airlines", "telecom", "bank", "company",
};

/* The head that s[0..n) is, in a switch on the length: the word after
 * "the" is rarely a head, and compares of a constant size inline to one or
 * two loads, where a loop over the table with memcmp() cost ~200
 * instructions a call.  HEAD(i, lit): heads[i] is lit (nominal_load()
 * checks that every head is found). */
#define HEAD(i, lit)                                      \
	do {                                              \
		if (!memcmp(s, lit, sizeof(lit) - 1))     \
			return heads[i].w;                \
	} while (0)

const char *nominal_head(const char *s, size_t n)
{
	switch (n) {
	case 4: HEAD(2, "bank"); HEAD(19, "firm"); break;
	case 5: HEAD(6, "party"); HEAD(10, "court"); break;
	case 6: HEAD(1, "agency"); HEAD(15, "bureau"); break;
	case 7: HEAD(5, "council"); HEAD(16, "airline"); HEAD(18, "company"); break;
	case 8: HEAD(0, "ministry"); break;
	case 9: HEAD(4, "institute"); HEAD(8, "committee"); HEAD(14, "authority"); break;
	case 10:
		HEAD(3, "university"); HEAD(7, "commission"); HEAD(9, "department");
		HEAD(12, "federation"); HEAD(13, "foundation");
		break;
	case 11: HEAD(11, "association"); HEAD(17, "corporation"); break;
	}
	return NULL;
}
#undef HEAD

static bool head_needs_designator(const char *head)
{
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		if (heads[i].w == head)
			return heads[i].designator;
	return false;
}

static inline bool is_alpha(char c)
{
	return is_ascii_lower(ascii_lower(c));
}

/* Is w (lower case) a whole word of name[0..n), ASCII case ignored?  A
 * plural or possessive form of the word counts ("Ministries" does not). */
static bool has_word(const char *name, size_t n, const char *w)
{
	size_t wn = strlen(w);
	for (size_t i = 0; i + wn <= n; i++) {
		if (i > 0 && is_alpha(name[i - 1]))
			continue;
		if (!ascii_ieq(name + i, wn, w))
			continue;
		if (i + wn == n || !is_alpha(name[i + wn]))
			return true;
	}
	return false;
}

static bool ends_in_designator(const char *name, size_t n)
{
	while (n && (name[n - 1] == '.' || name[n - 1] == ' '))
		n--;
	size_t b = n;
	while (b && is_alpha(name[b - 1]))
		b--;
	if (b == n)
		return false;
	for (size_t i = 0; i < sizeof(designators) / sizeof(designators[0]); i++)
		if (ascii_ieq(name + b, n - b, designators[i]))
			return true;
	return false;
}

bool nominal_fits(const char *head, const char *name, size_t n)
{
	return head_needs_designator(head) ? ends_in_designator(name, n) : has_word(name, n, head);
}

/* An organization mention before `before` that the head fits. */
static bool has_antecedent(const struct document *doc, const char *head, uint32_t before)
{
	for (size_t k = 0; k < doc->mentions.n; k++) {
		const struct mention *m = &doc->mentions.v[k];
		if (m->type == MT_ORGANIZATION && m->end <= before &&
		    nominal_fits(head, doc->text + m->start, m->end - m->start))
			return true;
	}
	return false;
}

static bool overlaps_mention(const struct document *doc, uint32_t s, uint32_t e)
{
	for (size_t k = 0; k < doc->mentions.n; k++) {
		const struct mention *m = &doc->mentions.v[k];
		if (m->start < e && s < m->end)
			return true;
	}
	return false;
}

static int nominal_run(const void *state, struct document *doc, struct scratch *s)
{
	(void)state;
	(void)s;
	const struct token *t = doc->tokens;
	/* a description needs an organization that ends before it
	 * (has_antecedent()): the tokens before the first such end are
	 * skipped, and all of them when the text names none */
	uint32_t first_end = UINT32_MAX;
	for (size_t k = 0; k < doc->mentions.n; k++) {
		const struct mention *m = &doc->mentions.v[k];
		if (m->type == MT_ORGANIZATION && m->end < first_end)
			first_end = m->end;
	}
	if (first_end == UINT32_MAX)
		return 0;
	size_t lo = 0, hi = doc->ntokens;
	while (lo < hi) { /* the first token that starts at or after first_end */
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].start < first_end)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (doc->ntokens < 2)
		return 0;
	/* a pointer walk: the loop over every token is most of the stage, and
	 * an index costs it a multiply-add a token */
	const struct token *ti = t + lo, *last = t + doc->ntokens - 1;
	for (; ti < last; ti++) {
		/* "the" or "The", then a lower-case head word */
		if (ti->end - ti->start != 3 || ti->type != TOK_WORD)
			continue;
		size_t i = (size_t)(ti - t);
		const char *w = doc->text + ti->start;
		if ((w[0] != 't' && w[0] != 'T') || w[1] != 'h' || w[2] != 'e')
			continue;
		const struct token *h = &t[i + 1];
		if (h->type != TOK_WORD || !is_ascii_lower(doc->text[h->start]))
			continue;
		size_t hn = h->end - h->start - tok_possessive_len(doc, h);
		const char *head = nominal_head(doc->text + h->start, hn);
		if (!head)
			continue;
		/* "the ministry of finance" names another body */
		if (i + 2 < doc->ntokens && tok_eq(doc, &t[i + 2], "of"))
			continue;
		uint32_t start = t[i].start, end = h->start + (uint32_t)hn;
		if (overlaps_mention(doc, start, end) || !has_antecedent(doc, head, start))
			continue;
		struct mention *m = mention_add(doc, MT_NOMINAL, start, end, "nominal");
		if (!m)
			return doc->error;
		m->rule = head;
		m->priority = PRIO_CANDIDATE;
		m->score = 0.5f;
		if (doc->explain) {
			int rc = mention_add_evidence(doc, m, "description '%s' of an organization named earlier",
			                              head);
			if (rc)
				return rc;
		}
	}
	return 0;
}

static int nominal_load(const struct engine_config *cfg, void **state, char *err, size_t errlen)
{
	(void)cfg;
	*state = NULL;
	/* nominal_head()'s switch must know every head, by its own pointer */
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		if (nominal_head(heads[i].w, heads[i].len) != heads[i].w) {
			snprintf(err, errlen, "nominal: head '%s' missing from nominal_head()",
			         heads[i].w);
			return -EXT_E_INTERNAL;
		}
	}
	return 0;
}

static void nominal_unload(void *state)
{
	(void)state;
}

const struct extractor ext_nominal = {
	.name = "nominal",
	.version = "1",
	.load = nominal_load,
	.run = nominal_run,
	.unload = nominal_unload,
};
