/* test-tokenizer.c: tokens and sentences on news-text shapes. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "tokenizer.h"

/* Each case: input and the expected tokens joined by '|'. */
struct tok_case {
	const char *in;
	const char *want;
};

static const struct tok_case tok_cases[] = {
	{"24,000 people", "24,000|people"},
	{"US$443.2 million", "US$|443.2|million"},
	{"HK$5bn and NT$30", "HK$|5|bn|and|NT$|30"},
	{"€5m or £3.5 or ¥1,000", "€|5|m|or|£|3.5|or|¥|1,000"},
	{"Ryo Hinata-Yamaguchi said", "Ryo|Hinata-Yamaguchi|said"},
	{"O'Brien and O’Neill", "O'Brien|and|O’Neill"},
	{"the University’s institute", "the|University’s|institute"},
	{"the firm's plan", "the|firm's|plan"},
	{"the U.S. economy", "the|U.S.|economy"},
	{"Acme Inc. and Foo Corp. said", "Acme|Inc.|and|Foo|Corp.|said"},
	{"Mr. Smith met Gen. Jones", "Mr.|Smith|met|Gen.|Jones"},
	{"J. K. Rowling", "J.|K.|Rowling"},
	{"at 10:30 a.m. today", "at|10|:|30|a.m.|today"},
	{"rose 2.5% to 1,234.56", "rose|2.5|%|to|1,234.56"},
	{"(MHI) said", "(|MHI|)|said"},
	{"“Quoted,” he said.", "“|Quoted|,|”|he|said|."},
	{"7-Eleven and F-35 jets", "7|-|Eleven|and|F-35|jets"},
	{"a 1,2,3 list", "a|1|,|2|,|3|list"},
	{"year 2011. Next", "year|2011|.|Next"},
	{"price .5 points", "price|.5|points"},
	{"Tokyo\r\nOsaka", "Tokyo|Osaka"},
	{"東京 and 😀!", "東京|and|😀|!"},
	{"don't stop", "don't|stop"},
	{"the end...", "the|end|.|.|."},
	{"co-operate well", "co-operate|well"},
	{"students' union, x-é and -x- O'é", "students|'|union|,|x-é|and|-|x|-|O'é"},
};

static void join_tokens(const struct document *d, char *out, size_t cap)
{
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < d->ntokens; i++) {
		const struct token *t = &d->tokens[i];
		int w = snprintf(out + k, cap - k, "%s%.*s", i ? "|" : "", (int)(t->end - t->start),
		                 d->text + t->start);
		if (w < 0 || (size_t)w >= cap - k)
			break;
		k += (size_t)w;
	}
}

START_TEST(test_tokens)
{
	const struct tok_case *c = &tok_cases[_i];
	struct arena *a;
	struct document *d = tu_tokenize(c->in, &a);
	char got[1024];
	join_tokens(d, got, sizeof(got));
	ck_assert_msg(!strcmp(got, c->want), "input '%s': got '%s', want '%s'", c->in, got, c->want);
	arena_free(a);
}
END_TEST

START_TEST(test_token_types_and_flags)
{
	struct arena *a;
	struct document *d = tu_tokenize("Japan's US$5 NASA 24,000 3.25 Gen. the", &a);
	ck_assert_uint_eq(d->ntokens, 8);
	const struct token *t = d->tokens;
	ck_assert_int_eq(t[0].type, TOK_WORD);
	ck_assert(t[0].flags & TF_POSSESSIVE);
	ck_assert(t[0].flags & TF_CAP);
	ck_assert_uint_eq(tok_possessive_len(d, &t[0]), 2);
	ck_assert_int_eq(t[1].type, TOK_SYMBOL);
	ck_assert_int_eq(t[2].type, TOK_NUMBER);
	ck_assert(!(t[2].flags & TF_SPACE_BEFORE)); /* glued to US$ */
	ck_assert(t[3].flags & TF_ALLCAPS);
	ck_assert(t[4].flags & TF_GROUPED);
	double v = 0;
	ck_assert(tok_number_value(d, &t[4], &v));
	ck_assert(v == 24000.0);
	ck_assert(t[5].flags & TF_DECIMAL);
	ck_assert(tok_number_value(d, &t[5], &v));
	ck_assert(v == 3.25);
	ck_assert(t[6].flags & TF_ABBREV);
	ck_assert(t[7].flags & TF_LOWER);
	arena_free(a);
}
END_TEST

START_TEST(test_curly_possessive)
{
	struct arena *a;
	struct document *d = tu_tokenize("University\xE2\x80\x99s", &a);
	ck_assert_uint_eq(d->ntokens, 1);
	ck_assert_uint_eq(tok_possessive_len(d, &d->tokens[0]), 4);
	arena_free(a);
}
END_TEST

/* Each case: input and the expected sentences joined by '|'. */
static const struct tok_case sent_cases[] = {
	{"He left. She stayed.", "He left.|She stayed."},
	{"Mr. Smith left. Dr. Jones stayed.", "Mr. Smith left.|Dr. Jones stayed."},
	{"Gen. Nakamura spoke. It rained.", "Gen. Nakamura spoke.|It rained."},
	{"It cost 3.5 million. Then it fell.", "It cost 3.5 million.|Then it fell."},
	{"J. K. Rowling wrote it.", "J. K. Rowling wrote it."},
	{"Acme Inc. said it grew.", "Acme Inc. said it grew."},
	{"He moved to the U.S. The move paid.", "He moved to the U.S.|The move paid."},
	{"The U.S. Senate voted.", "The U.S. Senate voted."},
	{"\"Go now!\" he said.", "\"Go now!\" he said."},
	{"He said: “Stop.” Then he left.", "He said: “Stop.”|Then he left."},
	{"Really? Yes! Fine.", "Really?|Yes!|Fine."},
	{"HEADLINE WITHOUT STOP\nBody text starts here.", "HEADLINE WITHOUT STOP|Body text starts here."},
	{"First para.\n\nsecond para lower.", "First para.|second para lower."},
	{"a line that wraps\nin the middle.", "a line that wraps\nin the middle."},
	{"(He left.) Then more.", "(He left.)|Then more."},
	{"Prices rose 5%. Stocks fell.", "Prices rose 5%.|Stocks fell."},
	{"Visit example.com today.", "Visit example.com today."},
	{"Wait... what happened?", "Wait... what happened?"},
	{"It was 10 p.m. when they met.", "It was 10 p.m. when they met."},
	{"Line one\r\nLine two", "Line one|Line two"},
};

static void join_sentences(const struct document *d, char *out, size_t cap)
{
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < d->nsentences; i++) {
		const struct sentence *s = &d->sentences[i];
		int w = snprintf(out + k, cap - k, "%s%.*s", i ? "|" : "", (int)(s->end - s->start),
		                 d->text + s->start);
		if (w < 0 || (size_t)w >= cap - k)
			break;
		k += (size_t)w;
	}
}

START_TEST(test_sentences)
{
	const struct tok_case *c = &sent_cases[_i];
	struct arena *a;
	struct document *d = tu_tokenize(c->in, &a);
	char got[1024];
	join_sentences(d, got, sizeof(got));
	ck_assert_msg(!strcmp(got, c->want), "input '%s': got '%s', want '%s'", c->in, got, c->want);
	/* sentence token ranges tile the token array */
	size_t next = 0;
	for (size_t i = 0; i < d->nsentences; i++) {
		ck_assert_uint_eq(d->sentences[i].tok_begin, next);
		ck_assert(d->tokens[next].flags & TF_SENT_START);
		next = d->sentences[i].tok_end;
	}
	ck_assert_uint_eq(next, d->ntokens);
	arena_free(a);
}
END_TEST

START_TEST(test_empty_and_space)
{
	struct arena *a;
	struct document *d = tu_tokenize("", &a);
	ck_assert_uint_eq(d->ntokens, 0);
	ck_assert_uint_eq(d->nsentences, 0);
	arena_free(a);
	d = tu_tokenize(" \n\t\xC2\xA0 ", &a);
	ck_assert_uint_eq(d->ntokens, 0);
	arena_free(a);
}
END_TEST

START_TEST(test_token_limit)
{
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	const char *text = "one two three four five six";
	struct document *d = doc_new(a, text, strlen(text), &err, &bad);
	d->max_tokens = 3;
	ck_assert_int_lt(tok_document(d), 0);
	ck_assert_int_ne(d->error, 0);
	arena_free(a);
}
END_TEST

/* Every abbreviation is found (the table is bisected, so an entry out of
 * order would be lost), and near misses are not. */
START_TEST(test_abbreviations)
{
	static const char *const known[] = {
		"Adm", "Ala", "Apr", "Ariz", "Ark", "Assn", "Assoc", "Aug", "Ave", "Blvd", "Bros",
		"Calif", "Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cpt", "Dec", "Del",
		"Dept", "Det", "Dr", "Feb", "Fig", "Fla", "Fr", "Fri", "Ft", "Ga", "Gen", "Gov",
		"Gov't", "Govt", "Hon", "Ill", "Inc", "Ind", "Insp", "Intl", "Jan", "Jr", "Jul", "Jun",
		"Kan", "Ky", "La", "Lt", "Ltd", "Maj", "Mar", "Mass", "Md", "Messrs", "Mich", "Minn",
		"Miss", "Mlle", "Mme", "Mmes", "Mon", "Mr", "Mrs", "Ms", "Mt", "Mx", "Neb", "Nev",
		"No", "Nos", "Nov", "Oct", "Okla", "Ore", "Pa", "Penn", "Plc", "Pres", "Prof", "Rd",
		"Rep", "Rev", "Sat", "Sen", "Sep", "Sept", "Sgt", "Sr", "St", "Sun", "Supt", "Tenn",
		"Thu", "Thur", "Thurs", "Tue", "Tues", "Univ", "Va", "Vol", "Wash", "Wed", "Wis", "al",
		"approx", "ca", "cf", "est", "etc", "fig", "ft", "lb", "lbs", "oz", "v", "vs",
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		ck_assert_msg(tok_is_abbreviation(known[i], strlen(known[i])), "%s", known[i]);
	static const char *const not_known[] = {"", "A", "Z", "Inco", "In", "mr", "MR", "Messrss",
	                                        "vs.", "Zzz", "aa", "said"};
	for (size_t i = 0; i < sizeof(not_known) / sizeof(not_known[0]); i++)
		ck_assert_msg(!tok_is_abbreviation(not_known[i], strlen(not_known[i])), "%s",
		              not_known[i]);
	ck_assert(tok_is_abbreviation("Inc.", 3));
}
END_TEST

/* A word, number or symbol token without TF_ABBREV, TF_APOS, TF_POSSESSIVE,
 * TF_DECIMAL or TF_GROUPED holds no '.', apostrophe or ',' (only letters,
 * digits, '-', '$' and non-ASCII bytes): the gazetteer hashes such tokens
 * without looking for those bytes (TF_FOLD_MORE in gazetteer.c). */
START_TEST(test_plain_token_bytes)
{
	const char *text = "U.S. a.m. Inc. J. 24,000 1,234.56 .5 3.25 O'Brien don't Japan's "
	                   "University’s students' x-é é-x co-op's US$5 HK$ €5 ¥1,000 "
	                   "rock-'n'-roll Gov't. 7-Eleven F-35 A-B$ 東京 Müller-Lüdenscheid";
	struct arena *a;
	struct document *d = tu_tokenize(text, &a);
	const unsigned more = TF_ABBREV | TF_APOS | TF_POSSESSIVE | TF_DECIMAL | TF_GROUPED;
	for (size_t i = 0; i < d->ntokens; i++) {
		const struct token *t = &d->tokens[i];
		if (t->type == TOK_PUNCT || (t->flags & more))
			continue;
		for (uint32_t k = t->start; k < t->end; k++) {
			unsigned char c = (unsigned char)d->text[k];
			ck_assert_msg(c >= 0x80 || c == '-' || c == '$' || (c >= '0' && c <= '9') ||
			                      ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'),
			              "token '%.*s' has byte 0x%02x", (int)(t->end - t->start),
			              d->text + t->start, c);
		}
	}
	arena_free(a);
}
END_TEST

/* The plain words come from 64-byte class masks (tokenizer.c, struct
 * cls_block): the same words at every offset from a block start, across a
 * block end and longer than a block must split and carry the same flags as
 * their bytes say (TF_CAP / TF_LOWER by the first letter, TF_ALLCAPS when no
 * letter is lower case, TF_HAS_DIGIT). */
START_TEST(test_block_offsets)
{
	static const char tail[] = " AB1 aB Zz9 ABC , x. 24abc Word,word - end";
	static const char want_tail[] = "|AB1|aB|Zz9|ABC|,|x|.|24|abc|Word|,|word|-|end";
	for (size_t p = 1; p < 140; p++) {
		char text[256], want[512];
		for (size_t k = 0; k < p; k++)
			text[k] = (char)('a' + k % 26);
		memcpy(text + p, tail, sizeof(tail));
		memcpy(want, text, p);
		memcpy(want + p, want_tail, sizeof(want_tail));
		struct arena *a;
		struct document *d = tu_tokenize(text, &a);
		char got[512];
		join_tokens(d, got, sizeof(got));
		ck_assert_msg(!strcmp(got, want), "prefix %zu: got '%s', want '%s'", p, got, want);
		for (size_t i = 0; i < d->ntokens; i++) {
			const struct token *t = &d->tokens[i];
			const char *w = d->text + t->start;
			if (t->type != TOK_WORD)
				continue;
			bool up0 = w[0] >= 'A' && w[0] <= 'Z', lower = false, digit = false;
			for (uint32_t k = 0; k < t->end - t->start; k++) {
				lower = lower || (w[k] >= 'a' && w[k] <= 'z');
				digit = digit || (w[k] >= '0' && w[k] <= '9');
			}
			unsigned want_f = (up0 ? TF_CAP : TF_LOWER) | (up0 && !lower ? TF_ALLCAPS : 0) |
			                  (digit ? TF_HAS_DIGIT : 0);
			unsigned mask = TF_CAP | TF_LOWER | TF_ALLCAPS | TF_HAS_DIGIT;
			ck_assert_msg((t->flags & mask) == want_f, "prefix %zu, '%.*s': flags %x, want %x",
			              p, (int)(t->end - t->start), w, t->flags & mask, want_f);
		}
		arena_free(a);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("tokenizer");
	TCase *tc = tcase_create("tokens");
	tcase_add_loop_test(tc, test_tokens, 0, (int)(sizeof(tok_cases) / sizeof(tok_cases[0])));
	tcase_add_test(tc, test_token_types_and_flags);
	tcase_add_test(tc, test_curly_possessive);
	tcase_add_test(tc, test_empty_and_space);
	tcase_add_test(tc, test_token_limit);
	tcase_add_test(tc, test_abbreviations);
	tcase_add_test(tc, test_plain_token_bytes);
	tcase_add_test(tc, test_block_offsets);
	suite_add_tcase(s, tc);
	tc = tcase_create("sentences");
	tcase_add_loop_test(tc, test_sentences, 0, (int)(sizeof(sent_cases) / sizeof(sent_cases[0])));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
