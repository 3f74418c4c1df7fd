/* util.c: see util.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util.h"

static void oom(size_t n)
{
	fprintf(stderr, "extractd: out of memory allocating %zu bytes\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p)
		oom(n * m);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);
	memcpy(p, s, n);
	return p;
}

uint32_t utf8_decode(const char *str, size_t n, size_t i, int *len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[i];
	if (c < 0x80) {
		*len = 1;
		return c;
	}
	if ((c & 0xE0) == 0xC0 && i + 1 < n) {
		*len = 2;
		return ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
	}
	if ((c & 0xF0) == 0xE0 && i + 2 < n) {
		*len = 3;
		return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
		       (s[i + 2] & 0x3F);
	}
	if ((c & 0xF8) == 0xF0 && i + 3 < n) {
		*len = 4;
		return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
		       ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
	}
	*len = 1;
	return 0xFFFD;
}

uint32_t utf8_decode_prev(const char *str, size_t i, int *len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t j = i - 1;
	while (j > 0 && i - j < 4 && (s[j] & 0xC0) == 0x80)
		j--;
	int l;
	uint32_t cp = utf8_decode(str, i, j, &l);
	*len = (int)(i - j);
	return cp;
}

bool utf8_validate(const char *str, size_t n, size_t *bad_offset)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		/* ASCII fast path: eight bytes at a time */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t need;
		uint32_t cp, min;
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			need = 2; cp = c & 0x0F; min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3; cp = c & 0x07; min = 0x10000;
		} else {
			goto bad;
		}
		if (n - i <= need)
			goto bad;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	*bad_offset = i;
	return false;
}

bool uc_is_space(uint32_t cp)
{
	switch (cp) {
	case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
	case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
		return true;
	default:
		return cp >= 0x2000 && cp <= 0x200B;
	}
}

bool uc_is_dash(uint32_t cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

bool uc_is_currency_symbol(uint32_t cp)
{
	return cp == '$' || (cp >= 0xA2 && cp <= 0xA5) || cp == 0x58F || cp == 0x60B ||
	       cp == 0x9F2 || cp == 0x9F3 || cp == 0xE3F || cp == 0x17DB ||
	       (cp >= 0x20A0 && cp <= 0x20C0) || cp == 0xFDFC || cp == 0xFE69 || cp == 0xFF04 ||
	       cp == 0xFFE0 || cp == 0xFFE1 || cp == 0xFFE5 || cp == 0xFFE6;
}

/* Non-ASCII classes come from utf8proc's Unicode tables: hand-written ranges
 * got Latin Extended and Greek case wrong. */
bool uc_is_upper(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool uc_is_lower(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL;
}

bool uc_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	/* combining marks stay inside words ("e" + U+0301) */
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return true;
	default:
		return false;
	}
}

bool ascii_ieq(const char *s, size_t n, const char *w)
{
	size_t i = 0;
	for (; i < n; i++) {
		if (!w[i] || ascii_lower(s[i]) != ascii_lower(w[i]))
			return false;
	}
	return w[i] == '\0';
}

const char digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";
