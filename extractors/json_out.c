/* json_out.c: the JSON writer.  The only stage that builds response JSON.
 *
 * It writes JSON text directly into one growing buffer instead of building a
 * jansson tree: a tree costs ~15 allocations per mention and was 40% of the
 * whole pipeline on news text.  jsonout_document() (a jansson tree, for
 * callers that want one: pretty printing, tests) parses the rendered text,
 * so there is one writer and the two can never disagree.
 *
 * Byte offsets are converted to the requested mode once per document (offset
 * map).  Mention ids are "m<N>" with N from the resolver's numbering; links
 * between mentions (equivalent_of, anchors) are looked up by start offset and
 * printed as ids.  Strings are escaped per RFC 8259; the text is valid UTF-8
 * (validated in doc_new) and spans lie on code-point boundaries, so bytes
 * >= 0x80 pass through unchanged.
 *
 * Speed (the output is ~4.7 bytes per input byte, so the cost per output
 * byte counts): every write goes through one inline room check (a pointer
 * compare; the buffer grows out of line), and a key shares the check of the
 * string or number after it; a mention and an entity are written with the
 * cursor in registers (struct cur), a mention's fixed part (id, type, text,
 * offsets) under one check; keys are literals copied with their commas and
 * quotes; strings are escaped 16 bytes at a time (esc_block: SSE2, or words)
 * in one pass that also finds their end, and the common short string with
 * nothing to escape is written in line; strings a response repeats (source
 * names, entity ids) are escaped once and copied as whole blocks after that;
 * numbers are formatted by hand from their digit count (printf only for the
 * rare double that needs more than six decimals). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "engine.h"
#include "entities.h"
#include "errors.h"
#include "json_out.h"
#include "mention.h"
#include "util.h"

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define JB_SOURCES 8 /* source names remembered per response (jb_source) */

/* Output buffer: malloc-backed, fallible.  o is the write cursor and lim the
 * end of the allocation; after a failure lim == o, so every later room check
 * lands in jb_grow, which refuses.  The max_bytes cap is checked on the final
 * length (jsonout_render), and here only to stop growing once past it. */
struct jbuf {
	char *p, *o, *lim;
	size_t cap, max;
	bool failed;
	/* jb_source(): a source name written earlier in this response, and
	 * where its quoted, escaped copy is in the output */
	const char *src[JB_SOURCES];
	uint32_t src_off[JB_SOURCES], src_len[JB_SOURCES];
	/* jb_entity_id(): per entity, where its quoted id was first written
	 * (len 0: not yet), or NULL (no memory: ids are escaped each time) */
	uint32_t (*ent_id)[2];
};

static void jb_fail(struct jbuf *b)
{
	b->failed = true;
	b->lim = b->o;
}

static __attribute__((noinline)) bool jb_grow(struct jbuf *b, size_t more)
{
	if (b->failed)
		return false;
	size_t n = b->p ? (size_t)(b->o - b->p) : 0;
	if (n > b->max || more > SIZE_MAX / 4 - n) {
		jb_fail(b);
		return false;
	}
	size_t need = n + more;
	size_t ncap = b->cap ? b->cap : 4096;
	while (ncap < need)
		ncap *= 2;
	/* the first reservation by malloc: realloc(NULL) runs through
	 * realloc's own checks first, more code to fetch every document */
	char *np = b->p ? realloc(b->p, ncap) : malloc(ncap);
	if (!np) {
		jb_fail(b);
		return false;
	}
	b->p = np;
	b->o = np + n;
	b->lim = np + ncap;
	b->cap = ncap;
	return true;
}

/* Room for `more` bytes at b->o. */
static inline bool jb_room(struct jbuf *b, size_t more)
{
	return likely((size_t)(b->lim - b->o) >= more) || jb_grow(b, more);
}

static inline void jb_raw(struct jbuf *b, const char *s, size_t n)
{
	if (!jb_room(b, n))
		return;
	memcpy(b->o, s, n);
	b->o += n;
}

/* A literal, keys included (",\"type\":"): a constant-size copy. */
#define JB_LIT(b, lit) jb_raw((b), (lit), sizeof(lit) - 1)
#define KEY(b, lit) JB_LIT((b), "," "\"" lit "\":")

static inline void jb_char(struct jbuf *b, char c)
{
	if (!jb_room(b, 1))
		return;
	*b->o++ = c;
}

/* Escape class of a byte: 0 = copy, 1 = NUL (end of a C string), else the
 * character after the backslash ('u' for \u00XX). */
static const char esc_tab[256] = {
	[0] = 1,
	[1 ... 7] = 'u',
	['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', [0x0b] = 'u', ['\f'] = 'f', ['\r'] = 'r',
	[0x0e ... 0x1f] = 'u',
	['"'] = '"', ['\\'] = '\\',
};

/* Write the escape for byte c (esc_tab[c] = e > 1); returns the new cursor. */
static inline char *put_escape(char *o, unsigned char c, char e)
{
	static const char hex[] = "0123456789abcdef";
	*o++ = '\\';
	*o++ = e;
	if (e == 'u') {
		*o++ = '0';
		*o++ = '0';
		*o++ = hex[c >> 4];
		*o++ = hex[c & 15];
	}
	return o;
}

/* Sixteen bytes at a time: esc_block() copies the 16 bytes at s to o (o has
 * room for them) and returns a mask with bit i set when byte i needs escaping
 * (< 0x20, NUL included, '"' or '\\').  The callers keep the bytes before the
 * lowest set bit, which is exact; bits above it may be spurious in the
 * word-at-a-time fallback, so they are never used.  On SSE2 (every x86-64)
 * this is a handful of instructions per 16 bytes instead of a test per byte,
 * and most strings (names, ids, values) end inside their first block.
 *
 * The 16 bytes may lie past the string's end (a C string's NUL, a mention's
 * last byte): the callers only load a block that stays inside one page
 * (blk_safe), so the read cannot fault, but it may read outside the string's
 * own object, which AddressSanitizer would report; hence no_sanitize_address
 * on the functions that read this way. */
#define NOASAN __attribute__((no_sanitize_address))
#define BLK 16
#define PAGE_MIN 4096 /* the smallest page size of the targets */

static inline bool blk_safe(const unsigned char *s)
{
	return ((uintptr_t)s & (PAGE_MIN - 1)) <= PAGE_MIN - BLK;
}

#if defined(__SSE2__)
NOASAN static inline unsigned esc_block(const unsigned char *s, char *o)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	_mm_storeu_si128((__m128i *)(void *)o, v);
	/* min(v, 0x1f) == v: v < 0x20, unsigned */
	__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
	__m128i q = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
	__m128i bs = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, _mm_or_si128(q, bs)));
}
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* swar_special() sets the high bit of the first byte (in memory order) that
 * needs escaping; flags above the first may be spurious. */
#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGHS 0x8080808080808080ull

static inline uint64_t swar_special(uint64_t w)
{
	uint64_t q = w ^ (SWAR_ONES * '"'), bs = w ^ (SWAR_ONES * '\\');
	return ((w - SWAR_ONES * 0x20) | (q - SWAR_ONES) | (bs - SWAR_ONES)) & ~w & ~q & ~bs &
	       SWAR_HIGHS;
}

/* the high bit of byte i of m to bit i (the products cannot collide) */
static inline unsigned swar_bits(uint64_t m)
{
	return (unsigned)(((m >> 7) * 0x0102040810204080ull) >> 56);
}

NOASAN static inline unsigned esc_block(const unsigned char *s, char *o)
{
	uint64_t w0, w1;
	memcpy(&w0, s, 8);
	memcpy(&w1, s + 8, 8);
	memcpy(o, &w0, 8);
	memcpy(o + 8, &w1, 8);
	return swar_bits(swar_special(w0)) | swar_bits(swar_special(w1)) << 8;
}
#else
NOASAN static inline unsigned esc_block(const unsigned char *s, char *o)
{
	unsigned m = 0;
	memcpy(o, s, BLK);
	for (unsigned i = 0; i < BLK; i++)
		m |= (unsigned)(esc_tab[s[i]] != 0) << i;
	return m;
}
#endif

/* The writers of a mention and an entity, the hot part, keep the cursor
 * in a local struct cur (o, and lim = b->lim), in registers: a store
 * through o may alias any field of b, so a writer that kept its cursor in
 * b loaded it again after every store.  c.o == NULL: out of room for good
 * (b->failed); each writer returns at once then. */
struct cur {
	char *o, *lim;
};

static __attribute__((noinline)) struct cur cur_more(struct jbuf *b, char *o, size_t n)
{
	b->o = o;
	if (!jb_grow(b, n))
		return (struct cur){NULL, NULL};
	return (struct cur){b->o, b->lim};
}

/* Room for n bytes at c.o (false when there is none: c.o is NULL). */
#define CUR_ROOM(b, c, n)                                        \
	(likely((size_t)((c).lim - (c).o) >= (size_t)(n)) ||     \
	 ((c) = cur_more((b), (c).o, (size_t)(n))).o != NULL)

/* A JSON string from n bytes of valid UTF-8 (NULs escaped): jb_strn()
 * reserves the worst case (every byte becomes \u00XX; +BLK for the
 * whole-block stores) and writes the common case in line, a mention's text
 * shorter than a block with nothing to escape; jb_strn_at() the rest. */
NOASAN static __attribute__((noinline)) char *strn_at(char *o, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s, *end = u + n;
	*o++ = '"';
	while (u < end) {
		size_t left = (size_t)(end - u);
		unsigned m;
		if (likely(left >= BLK || blk_safe(u))) {
			m = esc_block(u, o);
			if (left < BLK)
				m |= 1u << left; /* stop at the end */
			if (!m) {
				o += BLK;
				u += BLK;
				continue;
			}
			unsigned j = (unsigned)__builtin_ctz(m);
			o += j;
			u += j;
			if (u == end)
				break;
		}
		/* *u needs escaping, or the block would cross into the next page */
		unsigned char c = *u++;
		char e = esc_tab[c];
		if (likely(!e))
			*o++ = (char)c;
		else
			o = put_escape(o, c, e == 1 ? 'u' : e);
	}
	*o++ = '"';
	return o;
}

NOASAN static inline void jb_strn(struct jbuf *b, const char *s, size_t n)
{
	if (!jb_room(b, n * 6 + 2 + BLK))
		return;
	char *o = b->o;
	const unsigned char *u = (const unsigned char *)s;
	if (n < BLK && blk_safe(u)) {
		unsigned m = esc_block(u, o + 1) & ((1u << n) - 1);
		if (likely(!m)) {
			o[0] = '"';
			o[1 + n] = '"';
			b->o = o + n + 2;
			return;
		}
	}
	b->o = strn_at(o, s, n);
}

/* A JSON string from a NUL-terminated one, found and copied in one pass.
 * cstr_at() starts at o, with room for CSTR_ROOM bytes there (its callers
 * check, together with whatever key they write before the string: one room
 * check for the key and the string). */
enum { CSTR_STEP = BLK + 6 /* a block, with an escape at its last byte */ };
#define CSTR_ROOM (2 + CSTR_STEP)

NOASAN static __attribute__((noinline)) struct cur cstr_at(struct jbuf *b, char *o, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	char *lim = b->lim;
	*o++ = '"';
	for (;;) {
		if (unlikely((size_t)(lim - o) < 1 + CSTR_STEP)) {
			b->o = o;
			if (!jb_grow(b, 1 + CSTR_STEP))
				return (struct cur){NULL, NULL};
			o = b->o;
			lim = b->lim;
		}
		if (likely(blk_safe(u))) {
			unsigned m = esc_block(u, o);
			if (!m) {
				o += BLK;
				u += BLK;
				continue;
			}
			unsigned j = (unsigned)__builtin_ctz(m);
			o += j;
			u += j;
		}
		unsigned char c = *u++;
		char e = esc_tab[c];
		if (e == 1)
			break;
		if (likely(!e))
			*o++ = (char)c;
		else
			o = put_escape(o, c, e);
	}
	*o++ = '"';
	return (struct cur){o, lim};
}

/* ,"key":"s" only when s is set */
#define OPT(b, lit, s)                                                           \
	do {                                                                     \
		const char *opt_s_ = (s);                                        \
		if (opt_s_)                                                      \
			jb_key_cstr((b), "," "\"" lit "\":", sizeof(lit) + 3, opt_s_); \
	} while (0)

/* The cursor writers.  cur_key_cstr(): key (a literal: constant size) then
 * the string s at c, under one room check.  Most strings written (values,
 * names, ids) are shorter than a block and need no escape: that case is
 * done here, in line, and the rest by cstr_at(). */
NOASAN static inline struct cur cur_key_cstr(struct jbuf *b, struct cur c, const char *key,
                                             size_t keyn, const char *s)
{
	if (!CUR_ROOM(b, c, keyn + CSTR_ROOM))
		return c;
	char *o = c.o;
	memcpy(o, key, keyn);
	o += keyn;
	const unsigned char *u = (const unsigned char *)s;
	if (likely(blk_safe(u))) {
		unsigned m = esc_block(u, o + 1);
		if (likely(m)) {
			unsigned j = (unsigned)__builtin_ctz(m);
			if (likely(!u[j])) {
				*o = '"';
				o[1 + j] = '"';
				c.o = o + j + 2;
				return c;
			}
		}
	}
	return cstr_at(b, o, s);
}

/* cur_key_cstr() at the buffer's end. */
NOASAN static inline void jb_key_cstr(struct jbuf *b, const char *key, size_t keyn,
                                      const char *s)
{
	struct cur c = cur_key_cstr(b, (struct cur){b->o, b->lim}, key, keyn, s);
	if (c.o)
		b->o = c.o;
}

static inline void jb_cstr(struct jbuf *b, const char *s)
{
	jb_key_cstr(b, "", 0, s);
}

/* Strings a response repeats (source names, entity ids) are escaped once
 * and then copied from that first copy in the output: cur_key_noted()
 * writes key and s and notes where the quoted copy of s went (*len stays
 * as it was if it could not), cur_key_again() writes key and such a copy
 * once more.  The document does not change while it is rendered, so a
 * pointer stands for the same text.  The offsets count from b->p, which a
 * growth may move. */
static inline struct cur cur_key_noted(struct jbuf *b, struct cur c, const char *key, size_t keyn,
                                       const char *s, uint32_t *off, uint32_t *len)
{
	size_t at = (size_t)(c.o - b->p) + keyn;
	c = cur_key_cstr(b, c, key, keyn, s);
	if (!c.o)
		return c;
	size_t n = (size_t)(c.o - b->p) - at;
	if (at <= UINT32_MAX && n <= UINT32_MAX) {
		*off = (uint32_t)at;
		*len = (uint32_t)n;
	}
	return c;
}

static inline struct cur cur_key_again(struct jbuf *b, struct cur c, const char *key, size_t keyn,
                                       uint32_t off, uint32_t len)
{
	/* whole blocks of BLK bytes: an id or a source name is one to three of
	 * them, a few moves instead of a libc call.  The first copy ends at or
	 * before c.o, so the stores never touch its len bytes; a block's tail
	 * past them may run into its own destination, hence memmove (still a
	 * load and a store of BLK bytes) */
	if (!CUR_ROOM(b, c, keyn + (size_t)len + BLK))
		return c;
	char *o = c.o;
	memcpy(o, key, keyn);
	o += keyn;
	const char *src = b->p + off;
	for (uint32_t i = 0; i < len; i += BLK)
		memmove(o + i, src + i, BLK);
	c.o = o + len;
	return c;
}

/* A mention's source name ("gazetteer:cities", "ner:title") after its key.
 * Every mention has one and a response uses a handful, each one pointer
 * (the extractors' static names, names made at load).  A name is
 * remembered in one of JB_SOURCES slots, picked by its pointer: one slot
 * to look at, no loop (two names that share a slot are escaped again when
 * they alternate, the same bytes). */
#define SOURCE_KEY ",\"source\":"
static inline struct cur cur_source(struct jbuf *b, struct cur c, const char *s)
{
	unsigned k = (unsigned)(((uintptr_t)s * 0x9e3779b97f4a7c15ull) >> 61) % JB_SOURCES;
	if (b->src[k] == s)
		return cur_key_again(b, c, SOURCE_KEY, sizeof(SOURCE_KEY) - 1, b->src_off[k],
		                     b->src_len[k]);
	uint32_t off = 0, len = 0;
	c = cur_key_noted(b, c, SOURCE_KEY, sizeof(SOURCE_KEY) - 1, s, &off, &len);
	if (len) {
		b->src[k] = s;
		b->src_off[k] = off;
		b->src_len[k] = len;
	}
	return c;
}

/* The id of entity e (0-based) after key, written for each of its mentions
 * and once in the entity list. */
static inline struct cur cur_entity_id(struct jbuf *b, struct cur c, const char *key, size_t keyn,
                                       const struct document *doc, size_t e)
{
	uint32_t *seen = b->ent_id ? b->ent_id[e] : NULL;
	if (seen && seen[1])
		return cur_key_again(b, c, key, keyn, seen[0], seen[1]);
	if (seen)
		return cur_key_noted(b, c, key, keyn, doc->entities[e].id, &seen[0], &seen[1]);
	return cur_key_cstr(b, c, key, keyn, doc->entities[e].id);
}

static inline void jb_str(struct jbuf *b, const char *s)
{
	if (s)
		jb_cstr(b, s);
	else
		JB_LIT(b, "null");
}

/* Decimal digits of v at o (no room check: up to 20 bytes); returns the new
 * cursor.  The length comes first (from the bit length, one table compare), so
 * the digits go straight to their place, two per division by 100, with no
 * copy of a variable size (a libc call) after. */
static inline char *put_uint(char *o, uint64_t v)
{
	static const uint64_t p10[20] = {
		1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
		100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
		10000000000000ull, 100000000000000ull, 1000000000000000ull,
		10000000000000000ull, 100000000000000000ull, 1000000000000000000ull,
		10000000000000000000ull,
	};
	/* offsets and ids: most have at most four digits.  One digit or two
	 * is not a branch (a coin toss for ids): the pair from its second
	 * byte, two bytes copied, the cursor moved by one (the byte after is
	 * in the room and written over next); three or four digits is (an
	 * offset's digits are mostly the same as the previous one's) */
	if (v < 100) {
		unsigned one = v < 10;
		memcpy(o, digit_pairs + 2 * v + one, 2);
		return o + 2 - one;
	}
	if (v < 10000) {
		unsigned hi = (unsigned)v / 100, lo = (unsigned)v % 100;
		if (hi < 10) {
			*o = (char)('0' + hi);
			memcpy(o + 1, digit_pairs + 2 * lo, 2);
			return o + 3;
		}
		memcpy(o, digit_pairs + 2 * hi, 2);
		memcpy(o + 2, digit_pairs + 2 * lo, 2);
		return o + 4;
	}
	/* 1233 / 4096 ~ log10(2): t is the digit count, or one more */
	unsigned t = (unsigned)(64 - __builtin_clzll(v)) * 1233 >> 12;
	unsigned n = t + 1 - (v < p10[t]);
	char *p = o + n;
	while (v >= 100) {
		unsigned d = (unsigned)(v % 100);
		v /= 100;
		p -= 2;
		memcpy(p, digit_pairs + 2 * d, 2);
	}
	if (v >= 10)
		memcpy(p - 2, digit_pairs + 2 * v, 2);
	else
		p[-1] = (char)('0' + v);
	return o + n;
}

static inline void jb_uint(struct jbuf *b, uint64_t v)
{
	if (!jb_room(b, 20))
		return;
	b->o = put_uint(b->o, v);
}

/* |v| with exactly k decimals when the nearest double to some N / 10^k
 * (N < 10^15, k <= 6) is |v|: that N / 10^k is then what "%.15g" prints (it
 * has at most 15 significant digits and v lies far closer to it than half a
 * unit in its 15th digit) and it reads back as v.  Only for 1e-4 <= |v| < 1e9
 * (outside, %g may switch to an exponent) and non-integral v.  Writes nothing
 * and returns false when v does not qualify. */
static bool put_short_decimal(struct jbuf *b, double v)
{
	static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
	static const uint32_t u10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
	bool neg = v < 0;
	double a = neg ? -v : v;
	if (!(a >= 1e-4 && a < 1e9))
		return false;
	for (int k = 1; k <= 6; k++) {
		double scaled = nearbyint(a * p10[k]);
		if (scaled / p10[k] != a)
			continue;
		uint64_t n = (uint64_t)scaled;
		uint64_t ip = n / u10[k], fp = n % u10[k];
		char frac[8];
		for (int d = k - 1; d >= 0; d--) {
			frac[d] = (char)('0' + fp % 10);
			fp /= 10;
		}
		int fl = k;
		while (fl > 0 && frac[fl - 1] == '0')
			fl--;
		if (!fl)
			return false; /* integral: not for here */
		if (!jb_room(b, 1 + 20 + 1 + 8))
			return true;
		char *o = b->o;
		if (neg)
			*o++ = '-';
		o = put_uint(o, ip);
		*o++ = '.';
		memcpy(o, frac, (size_t)fl);
		b->o = o + fl;
		return true;
	}
	return false;
}

/* Numbers: integral values print as integers (58000000000, not 5.8e10);
 * others with the shortest of %.15g/%.17g that reads back exactly. */
static void jb_num(struct jbuf *b, double v)
{
	if (!isfinite(v)) {
		JB_LIT(b, "null");
		return;
	}
	if (v == floor(v) && fabs(v) < 9007199254740992.0) {
		if (v < 0) {
			jb_char(b, '-');
			v = -v;
		}
		jb_uint(b, (uint64_t)v);
		return;
	}
	if (put_short_decimal(b, v))
		return;
	char tmp[40];
	int w = snprintf(tmp, sizeof(tmp), "%.15g", v);
	if (strtod(tmp, NULL) != v)
		w = snprintf(tmp, sizeof(tmp), "%.17g", v);
	jb_raw(b, tmp, (size_t)w);
}

/* ["a","b",...] */
static void jb_str_array(struct jbuf *b, const char *const *v, size_t n)
{
	jb_char(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			jb_char(b, ',');
		jb_str(b, v[i]);
	}
	jb_char(b, ']');
}

/* "m<id>", after sep when sep is not 0 (the ',' of a list: the same room
 * check) */
static inline void jb_mref_sep(struct jbuf *b, char sep, uint32_t id)
{
	if (!jb_room(b, 1 + 2 + 10 + 1))
		return;
	char *o = b->o;
	*o = sep;
	o += sep != 0;
	*o++ = '"';
	*o++ = 'm';
	o = put_uint(o, id);
	*o++ = '"';
	b->o = o;
}

/* Print a link (key is the literal ,"name":) to the kept mention starting at
 * start; false if none. */
static bool jb_link(struct jbuf *b, const struct document *doc, const char *key, size_t keyn,
                    uint32_t start)
{
	const struct mention *o = mention_find_start(doc, start);
	if (!o)
		return false;
	jb_raw(b, key, keyn);
	jb_mref_sep(b, 0, o->id);
	return true;
}

#define LINK(b, doc, lit, start) jb_link((b), (doc), "," "\"" lit "\":", sizeof(lit) + 3, (start))

/* Mention type names with their lengths, from the same X-macro as
 * mention_type_name(); index MT__COUNT is the name of an unknown type. */
static const struct {
	char s[BLK]; /* padded: copied as one block, the room checks allow for it */
	size_t n;
} type_names[MT__COUNT + 1] = {
#define X(e, s) [MT_##e] = {"\"" s "\"", sizeof(s) + 1},
	MENTION_TYPES(X)
#undef X
	[MT__COUNT] = {"\"unknown\"", 9},
};

/* A money, percent or quantity value, with the buffer's own writers. */
static void write_amount(struct jbuf *b, const struct document *doc, const struct mention *m)
{
	switch (m->kind) {
	case MV_MONEY: {
		const struct money_value *v = &m->v.money;
		KEY(b, "value");
		JB_LIT(b, "{\"amount\":");
		jb_num(b, v->amount);
		if (v->is_range) {
			KEY(b, "amount_max");
			jb_num(b, v->amount_max);
		}
		KEY(b, "currency");
		jb_str(b, v->currency[0] ? v->currency : NULL);
		if (v->currency_defaulted)
			JB_LIT(b, ",\"currency_defaulted\":true");
		jb_char(b, '}');
		OPT(b, "currency_text", v->currency_text);
		OPT(b, "modifier", v->modifier);
		OPT(b, "mod", v->mod);
		if (v->equivalent_of != NO_LINK)
			LINK(b, doc, "equivalent_of", v->equivalent_of);
		break;
	}
	case MV_PERCENT: {
		const struct percent_value *v = &m->v.percent;
		KEY(b, "value");
		JB_LIT(b, "{\"percent\":");
		jb_num(b, v->value);
		if (v->is_range) {
			KEY(b, "percent_max");
			jb_num(b, v->value_max);
		}
		if (v->points)
			JB_LIT(b, ",\"unit\":\"percentage_point\"");
		jb_char(b, '}');
		OPT(b, "modifier", v->modifier);
		OPT(b, "mod", v->mod);
		break;
	}
	case MV_QUANTITY: {
		const struct quantity_value *v = &m->v.quantity;
		KEY(b, "value");
		JB_LIT(b, "{\"amount\":");
		jb_num(b, v->amount);
		KEY(b, "unit");
		jb_str(b, v->unit);
		jb_char(b, '}');
		OPT(b, "modifier", v->modifier);
		OPT(b, "mod", v->mod);
		break;
	}
	default:
		break;
	}
}

/* The anchor of a time value anchored on another mention. */
static void write_anchor_link(struct jbuf *b, const struct document *doc,
                              const struct timex_value *v)
{
	if (!LINK(b, doc, "anchor", v->anchor_start)) {
		KEY(b, "anchor");
		JB_LIT(b, "\"none\"");
	}
}

/* ,"key":"s" at c when s is set; returns from the caller when out of room. */
#define COPT(b, c, lit, s)                                                                  \
	do {                                                                                \
		const char *copt_s_ = (s);                                                  \
		if (copt_s_ &&                                                              \
		    !((c) = cur_key_cstr((b), (c), "," "\"" lit "\":", sizeof(lit) + 3, copt_s_)).o) \
			return (c);                                                         \
	} while (0)

/* A call of one of the buffer's writers at c (b->o = c.o around it). */
#define VIA_B(b, c, call)                                 \
	do {                                              \
		(b)->o = (c).o;                           \
		call;                                     \
		if ((b)->failed)                          \
			return (struct cur){NULL, NULL};  \
		(c) = (struct cur){(b)->o, (b)->lim};     \
	} while (0)

/* The value of mention m (m->kind is not MV_NONE).  Time values, most of
 * them, at the cursor; the others through b. */
static __attribute__((noinline)) struct cur write_value(struct jbuf *b, struct cur c,
                                                       const struct document *doc,
                                                       const struct mention *m)
{
	if (m->kind != MV_TIMEX) {
		VIA_B(b, c, write_amount(b, doc, m));
		return c;
	}
	const struct timex_value *v = &m->v.timex;
	COPT(b, c, "value", v->value);
	COPT(b, c, "granularity", v->granularity);
	COPT(b, c, "mod", v->mod);
	/* the interval under a key of its own: "end" is the span's end offset */
	if (v->begin || v->end) {
		if (!CUR_ROOM(b, c, 13))
			return c;
		memcpy(c.o, ",\"interval\":{", 13);
		c.o += 13;
		if (v->begin && !(c = cur_key_cstr(b, c, "\"begin\":", 8, v->begin)).o)
			return c;
		if (v->end && v->begin && !(c = cur_key_cstr(b, c, ",\"end\":", 7, v->end)).o)
			return c;
		if (v->end && !v->begin && !(c = cur_key_cstr(b, c, "\"end\":", 6, v->end)).o)
			return c;
		if (!CUR_ROOM(b, c, 1))
			return c;
		*c.o++ = '}';
	}
	if (v->anchor_start != NO_LINK && v->anchor && !strcmp(v->anchor, "mention"))
		VIA_B(b, c, write_anchor_link(b, doc, v));
	else
		COPT(b, c, "anchor", v->anchor);
	if (v->unresolved) {
		if (!CUR_ROOM(b, c, 18))
			return c;
		memcpy(c.o, ",\"unresolved\":true", 18);
		c.o += 18;
	}
	COPT(b, c, "quant", v->quant);
	COPT(b, c, "freq", v->freq);
	return c;
}

/* The explain fields of mention m, with the buffer's own writers (explain
 * mode only). */
static void write_explain(struct jbuf *b, const struct mention *m)
{
	KEY(b, "score");
	/* a float score printed as double shows noise (0.94999998807907104) */
	jb_num(b, round((double)m->score * 1000.0) / 1000.0);
	KEY(b, "priority");
	jb_uint(b, m->priority);
	OPT(b, "rule", m->rule);
	if (m->nevidence) {
		KEY(b, "evidence");
		jb_str_array(b, m->evidence, m->nevidence);
	}
}

/* One mention, after sep when sep is not 0 (the ',' between two).  The
 * fixed part (id, type, text, offsets) under one room check; a value, when
 * the mention has one, and the explain fields through b. */
NOASAN static inline struct cur write_mention(struct jbuf *b, struct cur c,
                                              const struct document *doc,
                                              const struct mention *m,
                                              const struct offset_map *map,
                                              const struct jsonout_options *o, char sep)
{
	size_t n = m->end - m->start;
	/* {"id":"m<id>","type":"<type>","text":"<text>","start":<start>,"end":<end> */
	if (!CUR_ROOM(b, c, 1 + 8 + 10 + 9 + BLK + 8 + n * 6 + 2 + BLK + 9 + 20 + 7 + 20))
		return c;
	unsigned t = m->type < MT__COUNT ? m->type : MT__COUNT;
	char *p = c.o;
	*p = sep;
	p += sep != 0;
	memcpy(p, "{\"id\":\"m", 8);
	p = put_uint(p + 8, m->id);
	memcpy(p, "\",\"type\":", 9);
	p += 9;
	memcpy(p, type_names[t].s, BLK);
	p += type_names[t].n;
	memcpy(p, ",\"text\":", 8);
	p += 8;
	const unsigned char *u = (const unsigned char *)doc->text + m->start;
	unsigned esc = 1;
	if (n < BLK && blk_safe(u))
		esc = esc_block(u, p + 1) & ((1u << n) - 1);
	if (likely(!esc)) {
		p[0] = '"';
		p[1 + n] = '"';
		p += n + 2;
	} else {
		p = strn_at(p, (const char *)u, n);
	}
	bool utf8 = o->offsets == OFFSETS_UTF8;
	memcpy(p, ",\"start\":", 9);
	p = put_uint(p + 9, utf8 ? m->start : doc_offset_convert(map, m->start));
	memcpy(p, ",\"end\":", 7);
	p = put_uint(p + 7, utf8 ? m->end : doc_offset_convert(map, m->end));
	c.o = p;
	if (m->kind != MV_NONE && !(c = write_value(b, c, doc, m)).o)
		return c;
	if (m->link.kb_id && !(c = cur_key_cstr(b, c, ",\"kb_id\":", 9, m->link.kb_id)).o)
		return c;
	if (m->link.canonical &&
	    !(c = cur_key_cstr(b, c, ",\"canonical\":", 13, m->link.canonical)).o)
		return c;
	if (m->entity && m->entity <= doc->nentities &&
	    !(c = cur_entity_id(b, c, ",\"entity\":", 10, doc, m->entity - 1)).o)
		return c;
	c = cur_source(b, c, m->source ? m->source : "unknown");
	if (!c.o)
		return c;
	if (o->explain) {
		b->o = c.o;
		write_explain(b, m);
		if (b->failed)
			return (struct cur){NULL, NULL};
		c = (struct cur){b->o, b->lim};
	}
	if (!CUR_ROOM(b, c, 1))
		return c;
	*c.o++ = '}';
	return c;
}

/* One entity, after sep when sep is not 0. */
static struct cur write_entity(struct jbuf *b, struct cur c, const struct document *doc, size_t e,
                               char sep)
{
	const struct entity *en = &doc->entities[e];
	if (sep) {
		if (!CUR_ROOM(b, c, 1))
			return c;
		*c.o++ = sep;
	}
	c = cur_entity_id(b, c, "{\"id\":", 6, doc, e);
	/* ,"type":"<type>" */
	if (!c.o || !CUR_ROOM(b, c, 8 + BLK))
		return c;
	unsigned t = en->type < MT__COUNT ? en->type : MT__COUNT;
	memcpy(c.o, ",\"type\":", 8);
	memcpy(c.o + 8, type_names[t].s, BLK);
	c.o += 8 + type_names[t].n;
	if (en->name) {
		c = cur_key_cstr(b, c, ",\"name\":", 8, en->name);
	} else if (CUR_ROOM(b, c, 12)) {
		memcpy(c.o, ",\"name\":null", 12);
		c.o += 12;
	}
	if (!c.o)
		return c;
	if (en->kb_id && !(c = cur_key_cstr(b, c, ",\"kb_id\":", 9, en->kb_id)).o)
		return c;
	if (en->naliases) {
		b->o = c.o;
		KEY(b, "aliases");
		jb_str_array(b, en->aliases, en->naliases);
		if (b->failed)
			return (struct cur){NULL, NULL};
		c = (struct cur){b->o, b->lim};
	}
	/* ,"mentions":[m1,m2] */
	if (!CUR_ROOM(b, c, 12 + 1))
		return c;
	memcpy(c.o, ",\"mentions\":", 12);
	c.o += 12;
	if (!en->nmentions)
		*c.o++ = '[';
	for (size_t k = 0; k < en->nmentions; k++) {
		if (!CUR_ROOM(b, c, 1 + 2 + 10 + 1))
			return c;
		char *p = c.o;
		*p++ = k ? ',' : '[';
		*p++ = '"';
		*p++ = 'm';
		p = put_uint(p, en->mentions[k]);
		*p++ = '"';
		c.o = p;
	}
	if (!CUR_ROOM(b, c, 2))
		return c;
	memcpy(c.o, "]}", 2);
	c.o += 2;
	return c;
}

/* "YYYY-MM-DD" as "%04d-%02d-%02d" would print it. */
static void jb_date(struct jbuf *b, const struct ext_date *d)
{
	if (d->year < 0 || d->year > 9999 || d->month < 0 || d->month > 99 || d->day < 0 ||
	    d->day > 99) {
		char buf[48];
		int w = snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d->year, d->month, d->day);
		jb_strn(b, buf, (size_t)w);
		return;
	}
	if (!jb_room(b, 12))
		return;
	char *p = b->o;
	*p++ = '"';
	memcpy(p, digit_pairs + 2 * (d->year / 100), 2);
	memcpy(p + 2, digit_pairs + 2 * (d->year % 100), 2);
	p[4] = '-';
	memcpy(p + 5, digit_pairs + 2 * d->month, 2);
	p[7] = '-';
	memcpy(p + 8, digit_pairs + 2 * d->day, 2);
	p[10] = '"';
	b->o = p + 11;
}

char *jsonout_render(const struct engine *e, const struct document *doc,
                     const struct jsonout_options *o, size_t *len)
{
	struct offset_map *map = NULL;
	if (o->offsets != OFFSETS_UTF8) {
		map = doc_offset_map_new(doc, o->offsets);
		if (!map)
			return NULL;
	}
	struct jbuf b = {.max = o->max_bytes ? o->max_bytes : SIZE_MAX / 2};
	/* reserve once from an estimate (the bench corpus averages ~190 bytes
	 * per mention, entities included) */
	size_t est = 512 + doc->len / 2 + doc->mentions.n * (o->explain ? 512 : 224) +
	             doc->nentities * 64;
	if (!jb_grow(&b, est))
		return NULL;
	/* most documents have a few dozen entities: their notes fit on the stack */
	uint32_t ent_small[64][2];
	if (doc->nentities <= sizeof(ent_small) / sizeof(ent_small[0])) {
		memset(ent_small, 0, doc->nentities * sizeof(ent_small[0]));
		b.ent_id = ent_small;
	} else {
		b.ent_id = calloc(doc->nentities, sizeof(*b.ent_id));
	}
	JB_LIT(&b, "{\"id\":");
	jb_str(&b, doc->id);
	if (doc->has_published) {
		KEY(&b, "published");
		jb_date(&b, &doc->published);
	}
	KEY(&b, "offsets");
	jb_cstr(&b, doc_offset_mode_name(o->offsets));
	if (e) {
		KEY(&b, "data_version");
		jb_cstr(&b, engine_data_version(e));
	}
	KEY(&b, "mentions");
	jb_char(&b, '[');
	struct cur c = {b.o, b.lim};
	for (size_t i = 0; i < doc->mentions.n && c.o; i++)
		c = write_mention(&b, c, doc, &doc->mentions.v[i], map, o, i ? ',' : 0);
	if (c.o)
		b.o = c.o;
	JB_LIT(&b, "],\"entities\":[");
	c = (struct cur){b.o, b.lim};
	for (size_t i = 0; i < doc->nentities && c.o && !b.failed; i++)
		c = write_entity(&b, c, doc, i, i ? ',' : 0);
	if (c.o)
		b.o = c.o;
	JB_LIT(&b, "],\"facts\":[]}");
	jb_char(&b, '\0');
	if (b.ent_id != ent_small)
		free(b.ent_id);
	size_t n = b.failed ? 0 : (size_t)(b.o - b.p);
	/* the cap counts the whole output, its NUL included */
	if (b.failed || n > b.max) {
		free(b.p);
		return NULL;
	}
	*len = n - 1;
	return b.p;
}

json_t *jsonout_document(const struct engine *e, const struct document *doc,
                         const struct jsonout_options *o)
{
	size_t n;
	char *s = jsonout_render(e, doc, o, &n);
	if (!s)
		return NULL;
	/* our own output: a NUL in the client's text is escaped as \u0000, which
	 * jansson only accepts with JSON_ALLOW_NUL */
	json_t *j = json_loadb(s, n, JSON_ALLOW_NUL, NULL);
	free(s);
	return j;
}

json_t *jsonout_error(int code, const char *message, const char *id)
{
	json_t *err = json_pack("{s:s, s:s}", "code", ext_error_id(code), "message",
	                        message ? message : ext_error_message(code));
	if (!err)
		return NULL;
	json_t *root = json_object();
	if (!root) {
		json_decref(err);
		return NULL;
	}
	if (id)
		json_object_set_new(root, "id", json_string(id));
	json_object_set_new(root, "error", err);
	return root;
}
