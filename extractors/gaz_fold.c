/* gaz_fold.c: unit folding, hashing and name segmentation shared by the
 * gazetteer compiler and matcher.  Both sides must fold identically, so this
 * file is the only place that defines what "the same name" means:
 * case-insensitive, diacritic-insensitive ("Dovilė Šakalienė" = "Dovile
 * Sakaliene"), '.'-insensitive ("U.S." = "US", "Inc." = "Inc") and
 * apostrophe-insensitive ("O’Brien" = "O'Brien" = "OBrien").  Case is
 * checked separately by the matcher, from the masks the compiler stores.
 *
 * ASCII takes a fast path (no utf8proc call); other code points go through
 * utf8proc_decompose_char with CASEFOLD | COMPAT | DECOMPOSE | STRIPMARK,
 * which needs no buffer allocation. */
#include <string.h>

#include <utf8proc.h>

#include "gaz_image.h"
#include "util.h"

static uint32_t dec(const char *s, size_t n, size_t i, int *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
	                                      (utf8proc_ssize_t)(n - i), &cp);
	if (l <= 0) {
		*len = 1;
		return 0xFFFD;
	}
	*len = (int)l;
	return (uint32_t)cp;
}

/* Letters that have no canonical decomposition but that ASCII spellings of
 * names always replace ("Łódź" -> "Lodz", "Ørsted" -> "Orsted"). */
static uint32_t extra_fold(uint32_t cp)
{
	switch (cp) {
	case 0x141: case 0x142: return 'l';   /* Ł ł */
	case 0xD8: case 0xF8: return 'o';     /* Ø ø */
	case 0x110: case 0x111: return 'd';   /* Đ đ */
	case 0x131: return 'i';               /* ı */
	case 0x126: case 0x127: return 'h';   /* Ħ ħ */
	case 0xDF: return 0;                  /* ß: handled by casefold -> "ss" */
	default: return cp;
	}
}

static bool is_apos(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x2BC || cp == 0x2BB ||
	       cp == '`';
}

static bool is_dash(uint32_t cp)
{
	return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

size_t gaz_fold(const char *s, size_t n, char *out, size_t outcap)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			i++;
			if (c == '.' || c == '\'' || c == '`')
				continue;
			/* "1,000" folds like "1000" */
			if (c == ',' && o > 0 && out[o - 1] >= '0' && out[o - 1] <= '9' && i < n &&
			    s[i] >= '0' && s[i] <= '9')
				continue;
			if (o + 1 > outcap)
				return 0;
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		int l;
		uint32_t cp = dec(s, n, i, &l);
		i += (size_t)l;
		if (is_apos(cp))
			continue;
		if (is_dash(cp)) {
			if (o + 1 > outcap)
				return 0;
			out[o++] = '-';
			continue;
		}
		uint32_t x = extra_fold(cp);
		if (x && x < 0x80) {
			if (o + 1 > outcap)
				return 0;
			out[o++] = (char)x;
			continue;
		}
		utf8proc_int32_t buf[8];
		int last = 0;
		utf8proc_ssize_t k = utf8proc_decompose_char(
			(utf8proc_int32_t)cp, buf, 8,
			UTF8PROC_CASEFOLD | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK,
			&last);
		if (k < 0 || k > 8) {
			buf[0] = (utf8proc_int32_t)cp;
			k = 1;
		}
		for (utf8proc_ssize_t j = 0; j < k; j++) {
			if (o + 4 > outcap)
				return 0;
			o += (size_t)utf8proc_encode_char(buf[j], (utf8proc_uint8_t *)out + o);
		}
	}
	return o;
}

uint64_t gaz_fold_hash_slow(const char *s, size_t n)
{
	char buf[GAZ_MAX_UNIT_BYTES * 4];
	size_t fl = gaz_fold(s, n, buf, sizeof(buf));
	if (fl == 0 || fl > GAZ_MAX_UNIT_BYTES)
		return 0;
	return gaz_unit_hash(buf, fl);
}

uint64_t gaz_fold_hash_bytes(const char *s, size_t n)
{
	return gaz_fold_hash(s, n);
}

static inline uint64_t checksum_step(uint64_t h, const unsigned char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	h ^= w * 0x87c37b91114253d5ull;
	return (h << 31 | h >> 33) * 0x4cf5ad432745937full;
}

/* Four independent lanes over 32-byte blocks (the load checks tens of MB:
 * one multiply chain would be latency-bound), then the tail on one lane. */
uint64_t gaz_checksum(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h0 = 0x243f6a8885a308d3ull ^ n, h1 = 0x13198a2e03707344ull,
	         h2 = 0xa4093822299f31d0ull, h3 = 0x082efa98ec4e6c89ull;
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		h0 = checksum_step(h0, b + i);
		h1 = checksum_step(h1, b + i + 8);
		h2 = checksum_step(h2, b + i + 16);
		h3 = checksum_step(h3, b + i + 24);
	}
	uint64_t h = h0 ^ gaz_mix64(h1) ^ gaz_mix64(h2 + 1) ^ gaz_mix64(h3 + 2);
	for (; i + 8 <= n; i += 8)
		h = checksum_step(h, b + i);
	for (; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return gaz_mix64(h);
}

static bool is_word(uint32_t cp)
{
	return uc_is_letter(cp) || (cp >= '0' && cp <= '9');
}

static bool is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200B) || cp == 0x3000 || cp == 0x202F;
}

static void unit_case(const char *s, struct gaz_unit *u)
{
	bool first = true, all_upper = true;
	int letters = 0;
	for (size_t i = u->start; i < u->end;) {
		int l;
		uint32_t cp = dec(s, u->end, i, &l);
		i += (size_t)l;
		if (!uc_is_letter(cp))
			continue;
		utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
		bool up = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
		bool lo = cat == UTF8PROC_CATEGORY_LL;
		if (first && (up || lo)) {
			u->cap = up;
			u->lower = lo;
			first = false;
		}
		if (lo)
			all_upper = false;
		if (up || lo)
			letters++;
	}
	u->allcaps = letters >= 2 && all_upper;
}

int gaz_segment(const char *s, size_t n, struct gaz_unit *u, int max)
{
	int k = 0;
	for (size_t i = 0; i < n;) {
		int l;
		uint32_t cp = dec(s, n, i, &l);
		if (is_space(cp)) {
			i += (size_t)l;
			continue;
		}
		size_t start = i;
		bool word = is_word(cp);
		i += (size_t)l;
		if (word) {
			/* letters/digits joined by internal '-', apostrophes, '.' and
			 * digit-group commas, as the tokenizer joins them */
			while (i < n) {
				cp = dec(s, n, i, &l);
				if (is_word(cp)) {
					i += (size_t)l;
					continue;
				}
				if ((cp == '-' || is_apos(cp) || cp == '.' || cp == ',') &&
				    i + (size_t)l < n) {
					int l2;
					uint32_t nx = dec(s, n, i + (size_t)l, &l2);
					bool ok = cp == ',' ? (nx >= '0' && nx <= '9' && s[i - 1] >= '0' &&
					                       s[i - 1] <= '9')
					                    : is_word(nx);
					if (ok) {
						i += (size_t)l;
						continue;
					}
				}
				break;
			}
			/* a trailing abbreviation period belongs to the word */
			if (i < n && s[i] == '.')
				i++;
		} else if (cp == '.') {
			continue;  /* a lone period is not a unit: the matcher skips it */
		}
		if (k == max)
			return -1;
		u[k] = (struct gaz_unit){.start = (uint32_t)start, .end = (uint32_t)i, .word = word};
		if (word)
			unit_case(s, &u[k]);
		k++;
	}
	return k;
}
