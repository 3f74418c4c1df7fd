/* test-document.c: UTF-8 validation, offset maps, dates, arena limits. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "document.h"
#include "engine.h"
#include "errors.h"
#include "testutil.h"
#include "util.h"

struct utf8_case {
	const char *bytes;
	size_t len;
	bool valid;
	size_t bad_at;
};

#define B(s) s, sizeof(s) - 1
static const struct utf8_case utf8_cases[] = {
	{B("plain ascii"), true, 0},
	{B("caf\xC3\xA9"), true, 0},
	{B("\xE6\x9D\xB1\xE4\xBA\xAC"), true, 0},          /* 東京 */
	{B("\xF0\x9F\x98\x80"), true, 0},                   /* 😀 */
	{B("ab\xFF"), false, 2},                            /* never valid */
	{B("ab\xC0\xAF"), false, 2},                        /* overlong '/' */
	{B("x\xE0\x80\xAF"), false, 1},                     /* overlong 3-byte */
	{B("x\xED\xA0\x80"), false, 1},                     /* surrogate U+D800 */
	{B("x\xF4\x90\x80\x80"), false, 1},                 /* > U+10FFFF */
	{B("abc\xE6\x9D"), false, 3},                       /* truncated */
	{B("abc\x80"), false, 3},                           /* lone continuation */
	{B("ok\xC3\xA9\xC3"), false, 4},                    /* truncated at end */
	{B("abcdefghijklmnop\xFF"), false, 16},              /* after two ASCII words */
	{B("abcdefgh\xC3\xA9" "abcdefgh\xFF"), false, 18},      /* fast path resumes */
	{B("abcdefghijklmnopq\xE6\x9D\xB1"), true, 0},
	{B("abcdefg\xE6\x9D\xB1xyz1234567\xED\xA0\x80"), false, 20},
};

START_TEST(test_utf8)
{
	const struct utf8_case *c = &utf8_cases[_i];
	size_t bad = 999;
	bool ok = utf8_validate(c->bytes, c->len, &bad);
	ck_assert_int_eq(ok, c->valid);
	if (!c->valid)
		ck_assert_uint_eq(bad, c->bad_at);
	struct arena *a = arena_new(0);
	int err = 0;
	bad = 999;
	struct document *d = doc_new(a, c->bytes, c->len, &err, &bad);
	if (c->valid) {
		ck_assert_ptr_nonnull(d);
		ck_assert_uint_eq(d->len, c->len);
		ck_assert_int_eq(d->text[d->len], '\0');
	} else {
		ck_assert_ptr_null(d);
		ck_assert_int_eq(err, -EXT_E_INVALID_UTF8);
		ck_assert_uint_eq(bad, c->bad_at);
	}
	arena_free(a);
}
END_TEST

START_TEST(test_nul_byte_kept)
{
	/* an embedded NUL is valid UTF-8; offsets must count it */
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	struct document *d = doc_new(a, "a\0b", 3, &err, &bad);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->len, 3);
	arena_free(a);
}
END_TEST

/* Offsets: for each text, a byte offset and its code-point and UTF-16 values. */
struct off_case {
	const char *text;
	size_t byte, cp, u16;
};

static const struct off_case off_cases[] = {
	{"hello", 5, 5, 5},
	{"caf\xC3\xA9 ok", 5, 4, 4},                            /* é = 2 bytes */
	{"\xE6\x9D\xB1\xE4\xBA\xAC Tokyo", 7, 3, 3},             /* 東京 + space */
	{"\xF0\x9F\x98\x80 smile", 5, 2, 3},                    /* 😀 = 2 UTF-16 units */
	{"e\xCC\x81t\xC3\xA9", 3, 2, 2},                        /* e + combining acute */
	{"a\r\nb", 3, 3, 3},                                    /* CRLF counts 2 */
	{"University\xE2\x80\x99s x", 13, 11, 11},              /* ’ = 3 bytes */
	{"\xF0\x9F\x98\x80\xF0\x9F\x98\x80x", 8, 2, 4},
};

START_TEST(test_offsets)
{
	const struct off_case *c = &off_cases[_i];
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	struct document *d = doc_new(a, c->text, strlen(c->text), &err, &bad);
	ck_assert_ptr_nonnull(d);
	struct offset_map *m8 = doc_offset_map_new(d, OFFSETS_UTF8);
	struct offset_map *mc = doc_offset_map_new(d, OFFSETS_CODEPOINT);
	struct offset_map *m16 = doc_offset_map_new(d, OFFSETS_UTF16);
	ck_assert_uint_eq(doc_offset_convert(m8, c->byte), c->byte);
	ck_assert_uint_eq(doc_offset_convert(mc, c->byte), c->cp);
	ck_assert_uint_eq(doc_offset_convert(m16, c->byte), c->u16);
	ck_assert_uint_eq(doc_offset_convert(mc, 0), 0);
	arena_free(a);
}
END_TEST

/* Long text: the sampled map must agree with a direct count everywhere. */
START_TEST(test_offsets_long)
{
	char buf[8192];
	size_t k = 0;
	const char *pieces[] = {"ab ", "\xC3\xA9", "\xE6\x9D\xB1", "\xF0\x9F\x98\x80", "\r\n"};
	for (unsigned i = 0; k + 8 < sizeof(buf); i++) {
		const char *p = pieces[(i * 7 + i / 3) % 5];
		size_t n = strlen(p);
		memcpy(buf + k, p, n);
		k += n;
	}
	buf[k] = '\0';
	struct arena *a = arena_new(0);
	int err;
	size_t bad;
	struct document *d = doc_new(a, buf, k, &err, &bad);
	ck_assert_ptr_nonnull(d);
	struct offset_map *mc = doc_offset_map_new(d, OFFSETS_CODEPOINT);
	struct offset_map *m16 = doc_offset_map_new(d, OFFSETS_UTF16);
	size_t cp = 0, u16 = 0;
	for (size_t i = 0; i <= k; i++) {
		unsigned char c = (unsigned char)buf[i];
		bool boundary = i == k || (c & 0xC0) != 0x80;
		if (boundary) {
			ck_assert_uint_eq(doc_offset_convert(mc, i), cp);
			ck_assert_uint_eq(doc_offset_convert(m16, i), u16);
		}
		if (i < k && (c & 0xC0) != 0x80) {
			cp++;
			u16 += c >= 0xF0 ? 2 : 1;
		}
	}
	arena_free(a);
}
END_TEST

struct date_case {
	const char *s;
	bool ok;
	int y, m, d;
};

static const struct date_case date_cases[] = {
	{"2025-05-24", true, 2025, 5, 24},
	{"2024-02-29", true, 2024, 2, 29},
	{"2023-02-29", false, 0, 0, 0},
	{"2025-13-01", false, 0, 0, 0},
	{"2025-5-24", false, 0, 0, 0},
	{"24/05/2025", false, 0, 0, 0},
	{"2025-05-24T10:00", false, 0, 0, 0},
	{"", false, 0, 0, 0},
	{"1900-02-29", false, 0, 0, 0},
	{"2000-02-29", true, 2000, 2, 29},
};

START_TEST(test_dates)
{
	const struct date_case *c = &date_cases[_i];
	struct ext_date d = {0};
	ck_assert_int_eq(doc_parse_date(c->s, &d), c->ok);
	if (c->ok) {
		ck_assert_int_eq(d.year, c->y);
		ck_assert_int_eq(d.month, c->m);
		ck_assert_int_eq(d.day, c->d);
	}
}
END_TEST

START_TEST(test_offset_mode_names)
{
	enum offset_mode m;
	ck_assert(doc_offset_mode_parse("utf16", &m) && m == OFFSETS_UTF16);
	ck_assert(doc_offset_mode_parse("codepoint", &m) && m == OFFSETS_CODEPOINT);
	ck_assert(doc_offset_mode_parse("utf8", &m) && m == OFFSETS_UTF8);
	ck_assert(!doc_offset_mode_parse("latin1", &m));
	ck_assert_str_eq(doc_offset_mode_name(OFFSETS_UTF16), "utf16");
}
END_TEST

START_TEST(test_arena_cap)
{
	struct arena *a = arena_new(1000);
	ck_assert_ptr_nonnull(arena_alloc(a, 500));
	ck_assert_ptr_null(arena_alloc(a, 600));
	ck_assert_ptr_nonnull(arena_alloc(a, 100));
	ck_assert_ptr_null(arena_alloc(a, (size_t)-1));
	/* a text bigger than the cap is refused cleanly */
	char big[2000];
	memset(big, 'x', sizeof(big));
	int err = 0;
	size_t bad;
	ck_assert_ptr_null(doc_new(a, big, sizeof(big), &err, &bad));
	ck_assert_int_eq(err, -EXT_E_NOMEM);
	arena_reset(a);
	ck_assert_uint_eq(arena_used(a), 0);
	arena_free(a);
	arena_free(NULL);
}
END_TEST

START_TEST(test_arena_big_blocks)
{
	struct arena *a = arena_new(0);
	char *small = arena_alloc(a, 16);
	char *big = arena_alloc(a, 1 << 20);
	char *small2 = arena_alloc(a, 16);
	ck_assert_ptr_nonnull(small);
	ck_assert_ptr_nonnull(big);
	ck_assert_ptr_nonnull(small2);
	memset(big, 1, 1 << 20);
	char *s = arena_printf(a, "%s-%d", "x", 42);
	ck_assert_str_eq(s, "x-42");
	arena_free(a);
}
END_TEST


/* The request arena's cap is a limit the text hits: the pipeline reports it
 * as DOCUMENT_TOO_COMPLEX naming arena_cap, never as the server's OOM. */
START_TEST(test_arena_cap_is_a_limit)
{
	struct engine *e = tu_engine();
	char text[8192];
	size_t k = 0;
	while (k + 40 < sizeof(text))
		k += (size_t)snprintf(text + k, sizeof(text) - k, "Paris met Tokyo on May %zu. ", k % 28 + 1);
	struct arena *a = arena_new(k + 64 * 1024);
	int err;
	size_t bad;
	struct document *d = doc_new(a, text, k, &err, &bad);
	ck_assert_ptr_nonnull(d);
	struct engine_config cfg;
	engine_config_defaults(&cfg);
	struct scratch *s = scratch_new(&cfg);
	int rc = engine_process(e, d, s);
	ck_assert_int_eq(rc, -EXT_E_TOO_COMPLEX);
	ck_assert_ptr_nonnull(strstr(d->error_detail, "arena_cap"));
	ck_assert(arena_cap_hit(a));
	scratch_free(s);
	arena_free(a);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("document");
	TCase *tc = tcase_create("utf8");
	tcase_add_loop_test(tc, test_utf8, 0, (int)(sizeof(utf8_cases) / sizeof(utf8_cases[0])));
	tcase_add_test(tc, test_nul_byte_kept);
	suite_add_tcase(s, tc);
	tc = tcase_create("offsets");
	tcase_add_loop_test(tc, test_offsets, 0, (int)(sizeof(off_cases) / sizeof(off_cases[0])));
	tcase_add_test(tc, test_offsets_long);
	tcase_add_test(tc, test_offset_mode_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("misc");
	tcase_add_loop_test(tc, test_dates, 0, (int)(sizeof(date_cases) / sizeof(date_cases[0])));
	tcase_add_test(tc, test_arena_cap);
	tcase_add_test(tc, test_arena_big_blocks);
	tcase_add_test(tc, test_arena_cap_is_a_limit);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
