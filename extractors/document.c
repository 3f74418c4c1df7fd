/* document.c: document construction, UTF-8 validation, offset conversion,
 * budget checks and span lookups.  See document.h. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "document.h"
#include "errors.h"
#include "util.h"

struct document *doc_new(struct arena *a, const char *text, size_t len, int *err,
                         size_t *bad_offset)
{
	size_t bad = 0;
	if (len > UINT32_MAX - 1) {
		*err = -EXT_E_TEXT_TOO_LARGE;
		return NULL;
	}
	if (!utf8_validate(text, len, &bad)) {
		*err = -EXT_E_INVALID_UTF8;
		if (bad_offset)
			*bad_offset = bad;
		return NULL;
	}
	struct document *d = arena_calloc(a, 1, sizeof(*d));
	char *copy = d ? arena_strndup(a, text, len) : NULL;
	if (!copy) {
		*err = -EXT_E_NOMEM;
		return NULL;
	}
	d->arena = a;
	d->text = copy;
	d->len = len;
	return d;
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool doc_parse_date(const char *s, struct ext_date *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	/* one test for the eight digits, not a branch each */
	unsigned bad = 0;
	for (int i = 0; i < 10; i++)
		bad |= (i != 4 && i != 7) & ((unsigned)(unsigned char)s[i] - '0' > 9);
	if (bad)
		return false;
	/* the digits were checked above: their values without atoi (strtol
	 * and its locale set-up, run a few times a document by the date
	 * stage) */
#define D(i) (s[i] - '0')
	int y = D(0) * 1000 + D(1) * 100 + D(2) * 10 + D(3), m = D(5) * 10 + D(6),
	    day = D(8) * 10 + D(9);
#undef D
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || m < 1 || m > 12 || day < 1)
		return false;
	int maxd = mdays[m - 1] + (m == 2 && leap(y));
	if (day > maxd)
		return false;
	d->year = y;
	d->month = m;
	d->day = day;
	return true;
}

/* The offset map stores, every OFFSET_STEP bytes, the converted offset at that
 * byte (rounded down to a code-point boundary), so a conversion scans at most
 * OFFSET_STEP + 3 bytes.  Identity for UTF-8. */
#define OFFSET_STEP 64

struct offset_map {
	enum offset_mode mode;
	const char *text;
	size_t len;
	size_t nmarks;
	size_t *byte;   /* boundary byte offset of mark i */
	size_t *conv;   /* converted offset at byte[i] */
};

static size_t units(unsigned char lead, enum offset_mode mode)
{
	if ((lead & 0xC0) == 0x80)
		return 0; /* continuation byte */
	if (mode == OFFSETS_UTF16 && lead >= 0xF0)
		return 2; /* surrogate pair */
	return 1;
}

struct offset_map *doc_offset_map_new(const struct document *doc, enum offset_mode mode)
{
	struct offset_map *m = arena_calloc(doc->arena, 1, sizeof(*m));
	if (!m)
		return NULL;
	m->mode = mode;
	m->text = doc->text;
	m->len = doc->len;
	if (mode == OFFSETS_UTF8)
		return m;
	m->nmarks = doc->len / OFFSET_STEP + 1;
	m->byte = arena_alloc(doc->arena, m->nmarks * sizeof(size_t));
	m->conv = arena_alloc(doc->arena, m->nmarks * sizeof(size_t));
	if (!m->byte || !m->conv)
		return NULL;
	const unsigned char *s = (const unsigned char *)doc->text;
	size_t c = 0, mark = 0;
	for (size_t i = 0; i <= doc->len && mark < m->nmarks; i++) {
		if (i == mark * OFFSET_STEP) {
			/* back up to the code-point boundary at or before i */
			size_t b = i, cb = c;
			while (b > 0 && b < doc->len && (s[b] & 0xC0) == 0x80) {
				b--;
				cb -= units(s[b], mode);
			}
			m->byte[mark] = b;
			m->conv[mark] = cb;
			mark++;
		}
		if (i < doc->len)
			c += units(s[i], mode);
	}
	return m;
}

size_t doc_offset_convert(const struct offset_map *m, size_t off)
{
	if (m->mode == OFFSETS_UTF8)
		return off;
	if (off > m->len)
		off = m->len;
	size_t k = off / OFFSET_STEP;
	if (k >= m->nmarks)
		k = m->nmarks - 1;
	while (k > 0 && m->byte[k] > off)
		k--;
	size_t b = m->byte[k], c = m->conv[k];
	const unsigned char *s = (const unsigned char *)m->text;
	for (; b < off; b++)
		c += units(s[b], m->mode);
	return c;
}

bool doc_offset_mode_parse(const char *s, enum offset_mode *mode)
{
	if (!s)
		return false;
	if (!strcmp(s, "utf8") || !strcmp(s, "utf-8") || !strcmp(s, "byte") || !strcmp(s, "bytes"))
		*mode = OFFSETS_UTF8;
	else if (!strcmp(s, "codepoint") || !strcmp(s, "codepoints") || !strcmp(s, "unicode"))
		*mode = OFFSETS_CODEPOINT;
	else if (!strcmp(s, "utf16") || !strcmp(s, "utf-16"))
		*mode = OFFSETS_UTF16;
	else
		return false;
	return true;
}

const char *doc_offset_mode_name(enum offset_mode mode)
{
	switch (mode) {
	case OFFSETS_CODEPOINT: return "codepoint";
	case OFFSETS_UTF16: return "utf16";
	default: return "utf8";
	}
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void doc_fail(struct document *doc, int err, const char *detail)
{
	if (!doc->error) {
		doc->error = err;
		doc->error_detail = detail;
	}
}

bool doc_over_budget(struct document *doc)
{
	if (doc->error)
		return true;
	if (doc->deadline_ns && now_ns() > doc->deadline_ns) {
		doc_fail(doc, -EXT_E_TOO_COMPLEX, "per-document time budget (doc_budget_ms) exceeded");
		return true;
	}
	return false;
}

uint64_t doc_now_ns(void)
{
	return now_ns();
}

size_t doc_sentence_at(const struct document *doc, size_t off)
{
	size_t lo = 0, hi = doc->nsentences;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->sentences[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->nsentences ? lo : (doc->nsentences ? doc->nsentences - 1 : 0);
}

size_t doc_token_at(const struct document *doc, size_t off)
{
	return doc_token_in(doc, off, 0, doc->ntokens);
}
