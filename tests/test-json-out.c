/* test-json-out.c: the JSON writer: shape, offsets modes, value rendering,
 * links between mentions, error objects. */
#include <string.h>

#include <jansson.h>

#include "document.h"
#include "errors.h"
#include "json_out.h"
#include "resolver.h"
#include "testutil.h"

/* "¥58bn" style text with a CJK prefix so that offsets differ per mode. */
static const char *TEXT = "東京 😀 paid 58 billion yen (US$443.2 million).";

static struct document *make_doc(struct arena **a)
{
	*a = arena_new(0);
	int err;
	size_t bad;
	struct document *d = doc_new(*a, TEXT, strlen(TEXT), &err, &bad);
	ck_assert_ptr_nonnull(d);
	d->id = "doc-1";
	const char *p1 = strstr(TEXT, "58 billion yen");
	const char *p2 = strstr(TEXT, "US$443.2 million");
	struct mention *m = mention_add(d, MT_MONEY, (uint32_t)(p1 - TEXT),
	                                (uint32_t)(p1 - TEXT + strlen("58 billion yen")), "pattern:money");
	m->kind = MV_MONEY;
	m->v.money.amount = 58e9;
	memcpy(m->v.money.currency, "JPY", 4);
	m = mention_add(d, MT_MONEY, (uint32_t)(p2 - TEXT),
	                (uint32_t)(p2 - TEXT + strlen("US$443.2 million")), "pattern:money");
	m->kind = MV_MONEY;
	m->v.money.amount = 443.2e6;
	memcpy(m->v.money.currency, "USD", 4);
	m->v.money.equivalent_of = (uint32_t)(p1 - TEXT);
	m->v.money.modifier = "about";
	m->v.money.mod = "APPROX";
	ck_assert_int_eq(resolver_run(d), 0);
	return d;
}

START_TEST(test_shape_utf8)
{
	struct arena *a;
	struct document *d = make_doc(&a);
	struct jsonout_options o = {.offsets = OFFSETS_UTF8};
	json_t *j = jsonout_document(NULL, d, &o);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "doc-1");
	ck_assert_str_eq(json_string_value(json_object_get(j, "offsets")), "utf8");
	ck_assert(json_is_array(json_object_get(j, "entities")));
	ck_assert(json_is_array(json_object_get(j, "facts")));
	json_t *ms = json_object_get(j, "mentions");
	ck_assert_uint_eq(json_array_size(ms), 2);
	json_t *m1 = json_array_get(ms, 0), *m2 = json_array_get(ms, 1);
	ck_assert_str_eq(json_string_value(json_object_get(m1, "id")), "m1");
	ck_assert_str_eq(json_string_value(json_object_get(m1, "type")), "money");
	ck_assert_str_eq(json_string_value(json_object_get(m1, "text")), "58 billion yen");
	json_int_t s = json_integer_value(json_object_get(m1, "start"));
	json_int_t e = json_integer_value(json_object_get(m1, "end"));
	ck_assert(!memcmp(TEXT + s, "58 billion yen", (size_t)(e - s)));
	json_t *v = json_object_get(m1, "value");
	ck_assert(json_is_integer(json_object_get(v, "amount")));
	ck_assert(json_integer_value(json_object_get(v, "amount")) == 58000000000LL);
	ck_assert_str_eq(json_string_value(json_object_get(v, "currency")), "JPY");
	ck_assert_str_eq(json_string_value(json_object_get(m2, "equivalent_of")), "m1");
	ck_assert_str_eq(json_string_value(json_object_get(m2, "modifier")), "about");
	ck_assert(json_real_value(json_object_get(json_object_get(m2, "value"), "amount")) == 443.2e6 ||
	          json_integer_value(json_object_get(json_object_get(m2, "value"), "amount")) == 443200000);
	/* no explain fields unless asked */
	ck_assert_ptr_null(json_object_get(m1, "priority"));
	json_decref(j);
	arena_free(a);
}
END_TEST

START_TEST(test_offsets_modes)
{
	struct arena *a;
	struct document *d = make_doc(&a);
	/* "東京 😀 paid " = 2 CJK (1 unit each) + space + emoji (2 UTF-16 units) + " paid " */
	struct jsonout_options o = {.offsets = OFFSETS_CODEPOINT};
	json_t *j = jsonout_document(NULL, d, &o);
	json_t *m1 = json_array_get(json_object_get(j, "mentions"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(m1, "start")), 10);
	ck_assert_int_eq(json_integer_value(json_object_get(m1, "end")), 24);
	ck_assert_str_eq(json_string_value(json_object_get(j, "offsets")), "codepoint");
	json_decref(j);
	o.offsets = OFFSETS_UTF16;
	j = jsonout_document(NULL, d, &o);
	m1 = json_array_get(json_object_get(j, "mentions"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(m1, "start")), 11);
	ck_assert_int_eq(json_integer_value(json_object_get(m1, "end")), 25);
	json_decref(j);
	arena_free(a);
}
END_TEST

START_TEST(test_explain)
{
	struct arena *a;
	struct document *d = make_doc(&a);
	d->explain = true;
	mention_add_evidence(d, &d->mentions.v[0], "number %d then scale word", 58);
	d->mentions.v[0].rule = "amount-scale-word";
	/* without explain mode evidence is not even formatted */
	d->explain = false;
	mention_add_evidence(d, &d->mentions.v[1], "not kept");
	ck_assert_uint_eq(d->mentions.v[1].nevidence, 0);
	struct jsonout_options o = {.offsets = OFFSETS_UTF8, .explain = true};
	json_t *j = jsonout_document(NULL, d, &o);
	json_t *m1 = json_array_get(json_object_get(j, "mentions"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(m1, "rule")), "amount-scale-word");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(m1, "evidence"), 0)),
	                 "number 58 then scale word");
	json_decref(j);
	arena_free(a);
}
END_TEST

START_TEST(test_timex)
{
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	const char *t = "On May 16 and a year later.";
	struct document *d = doc_new(a, t, strlen(t), &err, &bad);
	struct mention *m = mention_add(d, MT_DATE, 3, 9, "pattern:date");
	m->kind = MV_TIMEX;
	m->v.timex = (struct timex_value){.value = "2025-05-16", .granularity = "day",
	                                  .anchor = "published", .anchor_start = NO_LINK};
	m = mention_add(d, MT_DATE, 14, 26, "pattern:date");
	m->kind = MV_TIMEX;
	m->v.timex = (struct timex_value){.value = "2026", .granularity = "year",
	                                  .anchor = "mention", .anchor_start = 3};
	resolver_run(d);
	struct jsonout_options o = {.offsets = OFFSETS_UTF8};
	json_t *j = jsonout_document(NULL, d, &o);
	json_t *ms = json_object_get(j, "mentions");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(ms, 0), "value")), "2025-05-16");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(ms, 0), "anchor")), "published");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(ms, 1), "anchor")), "m1");
	json_decref(j);
	arena_free(a);
}
END_TEST

START_TEST(test_error_object)
{
	json_t *j = jsonout_error(-EXT_E_BODY_TOO_LARGE, NULL, "x1");
	json_t *e = json_object_get(j, "error");
	ck_assert_str_eq(json_string_value(json_object_get(e, "code")), "BODY_TOO_LARGE");
	ck_assert_ptr_nonnull(json_string_value(json_object_get(e, "message")));
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "x1");
	ck_assert_int_eq(ext_error_status(-EXT_E_BODY_TOO_LARGE), 413);
	ck_assert_int_eq(ext_error_status(-EXT_E_UNSUPPORTED_MEDIA_TYPE), 415);
	ck_assert_int_eq(ext_error_status(9999), 500);
	json_decref(j);
	j = jsonout_error(-EXT_E_INVALID_UTF8, "invalid UTF-8 at byte 7", NULL);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
	                 "invalid UTF-8 at byte 7");
	ck_assert_ptr_null(json_object_get(j, "id"));
	json_decref(j);
}
END_TEST


/* Rendered text escapes quotes, backslashes and control bytes (including NUL),
 * passes UTF-8 through, parses back, and honours the output cap. */
START_TEST(test_render_escaping_and_cap)
{
	static const char text[] = "Say \"hi\"\t\\ \x01\0 caf\xC3\xA9 $5";
	size_t tl = sizeof(text) - 1;
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	struct document *d = doc_new(a, text, tl, &err, &bad);
	ck_assert_ptr_nonnull(d);
	d->id = "q\"1";
	struct mention *m = mention_add(d, MT_MONEY, 0, (uint32_t)tl, "test");
	m->kind = MV_MONEY;
	m->v.money.amount = 0.1 + 0.2;
	ck_assert_int_eq(resolver_run(d), 0);
	struct jsonout_options o = {.offsets = OFFSETS_UTF8};
	size_t n = 0;
	char *s = jsonout_render(NULL, d, &o, &n);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(strlen(s), n);
	ck_assert_ptr_nonnull(strstr(s, "\\\"hi\\\"\\t\\\\ \\u0001\\u0000 caf\xC3\xA9"));
	json_error_t je;
	json_t *j = json_loadb(s, n, JSON_ALLOW_NUL, &je);
	ck_assert_msg(j != NULL, "rendered JSON does not parse: %s", je.text);
	json_t *mj = json_array_get(json_object_get(j, "mentions"), 0);
	size_t sl = json_string_length(json_object_get(mj, "text"));
	ck_assert_uint_eq(sl, tl);
	ck_assert(!memcmp(json_string_value(json_object_get(mj, "text")), text, tl));
	ck_assert_str_eq(json_string_value(json_object_get(j, "id")), "q\"1");
	/* 0.30000000000000004 survives the round trip */
	ck_assert(json_real_value(json_object_get(json_object_get(mj, "value"), "amount")) == 0.1 + 0.2);
	json_decref(j);
	free(s);
	o.max_bytes = n - 1;
	ck_assert_ptr_null(jsonout_render(NULL, d, &o, &n));
	arena_free(a);
}
END_TEST

/* Every byte that needs escaping, at every position and alignment, in the
 * id (a C string) and in a mention's text (a span): the word-at-a-time copy
 * must escape exactly what the byte loop would. */
START_TEST(test_escaping_positions)
{
	static const unsigned char special[] = {'"', '\\', 0x01, '\n', 0x1f, 0x7f, 0xC3};
	char buf[64], text[48];
	for (size_t sp = 0; sp < sizeof(special); sp++) {
		for (size_t off = 0; off < 8; off++) {
			for (size_t len = 0; len < 24; len++) {
				for (size_t pos = 0; pos <= len; pos++) {
					memset(buf, 0, sizeof(buf));
					for (size_t i = 0; i < len; i++)
						buf[off + i] = (char)('a' + (i % 26));
					if (pos < len) {
						buf[off + pos] = (char)special[sp];
						if (special[sp] == 0xC3) { /* keep it valid UTF-8 */
							if (pos + 1 >= len)
								continue;
							buf[off + pos + 1] = (char)0xA9;
						}
					}
					size_t tl = strlen(buf + off);
					if (!tl)
						continue; /* no empty mentions */
					memcpy(text, buf + off, tl);
					struct arena *a = arena_new(0);
					int err;
					size_t bad;
					struct document *d = doc_new(a, text, tl, &err, &bad);
					ck_assert_ptr_nonnull(d);
					d->id = buf + off;
					mention_add(d, MT_PERSON, 0, (uint32_t)tl, buf + off);
					ck_assert_int_eq(resolver_run(d), 0);
					struct jsonout_options o = {.offsets = OFFSETS_UTF8};
					json_t *j = jsonout_document(NULL, d, &o);
					ck_assert_msg(j != NULL, "no parse: off %zu len %zu pos %zu", off, len, pos);
					ck_assert_str_eq(json_string_value(json_object_get(j, "id")), buf + off);
					json_t *mj = json_array_get(json_object_get(j, "mentions"), 0);
					ck_assert_str_eq(json_string_value(json_object_get(mj, "text")), buf + off);
					ck_assert_str_eq(json_string_value(json_object_get(mj, "source")), buf + off);
					json_decref(j);
					arena_free(a);
				}
			}
		}
	}
}
END_TEST

/* Hand-formatted numbers print what "%.15g" (or "%.17g") would. */
START_TEST(test_number_format)
{
	static const double v[] = {0.1, 0.25, 2.5, 19.99, 443.2, 0.995, 1.001, 0.0001,
	                           0.00012, 123456.789, 999999999.5, 1e9 + 0.5, 0.1 + 0.2,
	                           1.0 / 3.0, 2.675, 1e-5, 1e20, 12345678.123456, -2.5,
	                           -0.001, 3.14159265358979};
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct arena *a = arena_new(0);
		int err;
		size_t bad;
		struct document *d = doc_new(a, "x", 1, &err, &bad);
		struct mention *m = mention_add(d, MT_PERCENT, 0, 1, "t");
		m->kind = MV_PERCENT;
		m->v.percent.value = v[i];
		ck_assert_int_eq(resolver_run(d), 0);
		struct jsonout_options o = {.offsets = OFFSETS_UTF8};
		size_t n;
		char *s = jsonout_render(NULL, d, &o, &n);
		ck_assert_ptr_nonnull(s);
		char want[64];
		snprintf(want, sizeof(want), "%.15g", v[i]);
		if (strtod(want, NULL) != v[i])
			snprintf(want, sizeof(want), "%.17g", v[i]);
		char key[80];
		snprintf(key, sizeof(key), "{\"percent\":%s}", want);
		ck_assert_msg(strstr(s, key) != NULL, "%.17g: want %s in %s", v[i], key, s);
		free(s);
		arena_free(a);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("json-out");
	TCase *tc = tcase_create("writer");
	tcase_add_test(tc, test_shape_utf8);
	tcase_add_test(tc, test_offsets_modes);
	tcase_add_test(tc, test_explain);
	tcase_add_test(tc, test_timex);
	tcase_add_test(tc, test_error_object);
	tcase_add_test(tc, test_render_escaping_and_cap);
	tcase_add_test(tc, test_escaping_positions);
	tcase_add_test(tc, test_number_format);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
