/* money.c: the money and percent extractor.
 *
 * Design: a small hand-written lexer (numbers, words, currency symbols,
 * punctuation) feeds a recursive-descent parser that only starts where a money
 * or percent expression can start: a number, a currency symbol, a currency
 * code or letter symbol, a number word, a modifier ("about", "more than") or
 * "between".  Every word is hashed once while it is scanned; a bit filter over
 * both maps turns most words away, and the rest are classified by two
 * look-ups built at load time (grammar words here; currency forms in
 * currency.c, generated from gazetteers/currencies.tsv).
 *
 * The lexer does not walk the whole text.  Every expression holds a "key" (a
 * currency symbol or word, '%', "percent"), and keys are rare, so run_keys
 * finds them in doc->tokens with one filter test per token, walks back over
 * the chunks that may come before a key (numbers, number words, range links,
 * modifiers), and lexes and parses only from there to the key; the lexer
 * restarts at whitespace, where its lexemes are those of a walk from the
 * start.  run_all, the walk over every lexeme, is the reference: the tests
 * check that both find the same mentions.  No regex: the grammar needs numbers
 * and currency words in either order, spelled-out numbers, ranges, compounds
 * ("15 dollars 50") and parenthesised equivalents, which a token walk states
 * more plainly than one big pattern.  The lexer is our own rather than the
 * engine's tokenizer because money syntax crosses word-token boundaries the
 * tokenizer is right to keep ("US$443.2m", "115USD", "$5-10m", "12-cent").
 *
 * Grammar (M = money, N = number, C = currency, S = scale word):
 *   M := [modifier] ["between"] (C N [S] [range] | N [S] [range] C [S] [compound])
 *   range := ("-" | "to" | "and" after between) [C] N [S]
 *   compound := ["and"] N C_minor | N(<100) at the end of a phrase   ("15 dollars 50")
 *   equivalent := M "(" [modifier] M ")"  -> second M gets equivalent_of = first start
 *   P := [modifier] ["between"] N ("%" | "percent" | "per cent" | "percentage point(s)") [range]
 *
 * Spans: the modifier is not in the span (the Recognizers gold leaves "about",
 * "more than", "an estimated" out), but it is kept in `modifier` as written and
 * normalized in `mod`.  "between" is in the span of a range (it is part of the
 * range, not a hedge).
 *
 * Context checks keep look-alikes out: "pounds" after weigh/weight, in
 * "300-pound" or beside a metric weight in parentheses; a capitalized unit
 * followed by a name or a number ("7 Satoshi Higashi"); a "to" range whose ends
 * differ more than 20-fold ("rose 500 to 39,200 rupees"); digits glued to a word
 * ("A380", "F-35"); "50p" but not "720p".
 *
 * Currency: a bare "$" (and "cents") resolve to engine_config.dollar_currency
 * with currency_defaulted set; ambiguous words ("dollars", "pounds", "francs")
 * take the default code documented in gazetteers/currency-supplement.tsv and
 * are marked currency_defaulted too; a form with no code (bitcoin, "kr") gives
 * currency "".
 *
 * What it does not do: bare currency words without an amount ("the dollar
 * rose") are not mentions; numbers with a space as thousands separator
 * ("80 000") are read as two numbers; no European decimal commas. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "currency.h"
#include "document.h"
#include "engine.h"
#include "errors.h"
#include "extractor.h"
#include "hash_mix.h"
#include "mention.h"
#include "resolver.h"
#include "util.h"

/* ---- grammar words ---- */

enum gram_bit {
	G_UNIT    = 1 << 0,   /* zero..nineteen */
	G_TENS    = 1 << 1,   /* twenty..ninety */
	G_HUNDRED = 1 << 2,
	G_SCALE   = 1 << 3,   /* thousand, million, bn, m, k, lakh, crore */
	G_A       = 1 << 4,   /* a, an */
	G_HALF    = 1 << 5,
	G_QUARTER = 1 << 6,   /* quarter, quarters */
	G_AND     = 1 << 7,
	G_TO      = 1 << 8,
	G_BETWEEN = 1 << 9,
	G_MOD     = 1 << 10,  /* first word of a modifier phrase */
	G_PERCENT = 1 << 11,  /* percent, pct */
	G_PER     = 1 << 12,  /* "per" of "per cent" */
	G_CENT    = 1 << 13,  /* "cent" of "per cent" */
	G_PCTAGE  = 1 << 14,  /* "percentage" of "percentage points" */
	G_POINT   = 1 << 15,  /* point, points */
	G_OF      = 1 << 16,
	G_MORE    = 1 << 17,  /* more, less: may follow a compound's trailing number */
};

struct gram_word {
	const char *w;
	uint32_t bits;
	double value;
};

/* Index into this table is stored in the hash value above bit GV_SHIFT. */
static const struct gram_word gram_words[] = {
	{"zero", G_UNIT, 0}, {"one", G_UNIT, 1}, {"two", G_UNIT, 2}, {"three", G_UNIT, 3},
	{"four", G_UNIT, 4}, {"five", G_UNIT, 5}, {"six", G_UNIT, 6}, {"seven", G_UNIT, 7},
	{"eight", G_UNIT, 8}, {"nine", G_UNIT, 9}, {"ten", G_UNIT, 10}, {"eleven", G_UNIT, 11},
	{"twelve", G_UNIT, 12}, {"thirteen", G_UNIT, 13}, {"fourteen", G_UNIT, 14},
	{"fifteen", G_UNIT, 15}, {"sixteen", G_UNIT, 16}, {"seventeen", G_UNIT, 17},
	{"eighteen", G_UNIT, 18}, {"nineteen", G_UNIT, 19},
	{"twenty", G_TENS, 20}, {"thirty", G_TENS, 30}, {"forty", G_TENS, 40},
	{"fifty", G_TENS, 50}, {"sixty", G_TENS, 60}, {"seventy", G_TENS, 70},
	{"eighty", G_TENS, 80}, {"ninety", G_TENS, 90},
	{"hundred", G_HUNDRED, 100},
	{"thousand", G_SCALE, 1e3}, {"million", G_SCALE, 1e6}, {"billion", G_SCALE, 1e9},
	{"trillion", G_SCALE, 1e12}, {"k", G_SCALE, 1e3}, {"m", G_SCALE, 1e6},
	{"mn", G_SCALE, 1e6}, {"mln", G_SCALE, 1e6}, {"mil", G_SCALE, 1e6},
	{"b", G_SCALE, 1e9}, {"bn", G_SCALE, 1e9}, {"bln", G_SCALE, 1e9},
	{"tn", G_SCALE, 1e12}, {"trn", G_SCALE, 1e12},
	{"lakh", G_SCALE, 1e5}, {"lakhs", G_SCALE, 1e5}, {"lac", G_SCALE, 1e5},
	{"crore", G_SCALE, 1e7}, {"crores", G_SCALE, 1e7},
	{"a", G_A, 1}, {"an", G_A | G_MOD, 1},
	{"half", G_HALF, 0.5}, {"quarter", G_QUARTER, 0.25}, {"quarters", G_QUARTER, 0.25},
	{"and", G_AND, 0}, {"to", G_TO, 0}, {"between", G_BETWEEN, 0}, {"of", G_OF, 0},
	{"percent", G_PERCENT, 0}, {"pct", G_PERCENT, 0}, {"per", G_PER, 0},
	{"cent", G_CENT, 0}, {"percentage", G_PCTAGE, 0},
	{"point", G_POINT, 0}, {"points", G_POINT, 0},
	{"more", G_MORE, 0}, {"less", G_MORE, 0},
};

/* Layout of a grammar hash value: G_* bits, then the gram_words index, then
 * 1 + the first modifiers[] row whose phrase starts with the word. */
#define GV_SHIFT 18
#define GV_MASK 0xFFu
#define GM_SHIFT 26
#define GM_MAX 63u

/* Modifiers before an amount, with the normalized mod (TIMEX3-style). */
struct modifier_phrase {
	const char *words[4];
	const char *mod;
};

static const struct modifier_phrase modifiers[] = {
	/* sorted by first word: the grammar hash points at the first row */
	{{"a", "maximum", "of"}, "EQUAL_OR_LESS"},
	{{"a", "minimum", "of"}, "EQUAL_OR_MORE"},
	{{"about"}, "APPROX"},
	{{"above"}, "MORE_THAN"},
	{{"almost"}, "LESS_THAN"},
	{{"an", "approximate"}, "APPROX"},
	{{"an", "estimated"}, "APPROX"},
	{{"approximately"}, "APPROX"},
	{{"around"}, "APPROX"},
	{{"as", "much", "as"}, "EQUAL_OR_LESS"},
	{{"at", "least"}, "EQUAL_OR_MORE"},
	{{"at", "most"}, "EQUAL_OR_LESS"},
	{{"below"}, "LESS_THAN"},
	{{"circa"}, "APPROX"},
	{{"close", "to"}, "APPROX"},
	{{"estimated"}, "APPROX"},
	{{"exceeding"}, "MORE_THAN"},
	{{"fewer", "than"}, "LESS_THAN"},
	{{"greater", "than"}, "MORE_THAN"},
	{{"in", "excess", "of"}, "MORE_THAN"},
	{{"just", "shy", "of"}, "LESS_THAN"},
	{{"just", "under"}, "LESS_THAN"},
	{{"just", "over"}, "MORE_THAN"},
	{{"less", "than"}, "LESS_THAN"},
	{{"more", "than"}, "MORE_THAN"},
	{{"nearly"}, "LESS_THAN"},
	{{"no", "more", "than"}, "EQUAL_OR_LESS"},
	{{"no", "less", "than"}, "EQUAL_OR_MORE"},
	{{"not", "more", "than"}, "EQUAL_OR_LESS"},
	{{"not", "less", "than"}, "EQUAL_OR_MORE"},
	{{"over"}, "MORE_THAN"},
	{{"roughly"}, "APPROX"},
	{{"some"}, "APPROX"},
	{{"under"}, "LESS_THAN"},
	{{"up", "to"}, "EQUAL_OR_LESS"},
	{{"upwards", "of"}, "MORE_THAN"},
	{{"well", "over"}, "MORE_THAN"},
};

/* Bit filter over the fold hashes of every word either map holds (grammar
 * words, currency forms and their first words): most words of running text
 * hit no bit and cost no look-up at all.  8 KiB, stays in L1. */
#define WF_BITS 65536u
#define WF_BIT(hv) ((uint32_t)((hv) >> 40) & (WF_BITS - 1))

/* The key set: folded words of up to 16 bytes in open addressing, with what
 * they are (KV_*), behind two filters: 2 KiB, one bit a key (KF_BITS:
 * 2^KF_BITS words of 64 bits), then 4 KiB for the words that pass it. */
#define KS_BITS 11
#define KS_SLOTS (1u << KS_BITS)
#define KF_BITS 8
#define KF_WORDS (1u << KF_BITS)

/* Behind the key filter, for the words it lets through: two bits per
 * entry (a key other than a phrase head; a phrase head), 16K entries in
 * 4 KiB, by other bits of the hash. */
#define KF2_BITS 14
#define KF2_WORDS (1u << (KF2_BITS - 5))
#define KF2_KEY 1u
#define KF2_HEAD 2u

/* The filter of second words: 8 Kbit, by kf_hash (any length). */
#define P2_BITS 13
#define P2_WORDS (1u << (P2_BITS - 6))

enum key_value {
	KV_FORM    = 1 << 0,  /* a currency form, case rules apply: currency_lookup decides */
	KV_ANYCASE = 1 << 1,  /* a currency form in any case */
	KV_HEAD    = 1 << 2,  /* first word of a multi-word form */
	KV_PERCENT = 1 << 3,  /* percent, pct, per, percentage */
	KV_DOT     = 1 << 4,  /* a form with a period follows: "rs" of "Rs." */
	KV_SCALED  = 1 << 5,  /* may be a scaled code: "meur" */
};

struct akey {
	uint64_t lo, hi;
};

struct ks_slot {
	struct akey key;
	uint8_t len;     /* 0: empty */
	uint8_t value;   /* KV_* bits */
};

struct money_state {
	struct currency_index *ci;
	struct fold_hash *gram;
	struct fold_hash *bridge; /* words that may come before an expression's key */
	char dollar[4];          /* engine_config.dollar_currency */
	struct fold_hash *phrase2;      /* first two words of multi-word forms */
	uint64_t p2_filter[P2_WORDS];   /* second words of multi-word forms: see phrase_follows */
	uint64_t ks_filter[KF_WORDS];   /* key set: see ks_get */
	uint64_t ks_filter2[KF2_WORDS]; /* behind it: key and head bits, see kf2_get */
	struct ks_slot ks[KS_SLOTS];
	uint64_t word_filter[WF_BITS / 64];
};

static void filter_add(struct money_state *st, const char *w, size_t n)
{
	uint32_t b = WF_BIT(fold_hash_key(w, n));
	st->word_filter[b / 64] |= 1ull << (b % 64);
}

static inline bool filter_has(const struct money_state *st, uint64_t hv)
{
	uint32_t b = WF_BIT(hv);
	return (st->word_filter[b / 64] >> (b % 64)) & 1;
}

/* ---- lexer ---- */

enum lx_type { LX_END, LX_NUM, LX_WORD, LX_SYM, LX_PUNCT };

struct lexeme {
	uint32_t start, end;
	uint8_t type;
	bool space;              /* whitespace (or start of text) before */
	uint32_t gram;           /* hash value for words: G_* bits | index << GV_SHIFT */
	double num;              /* LX_NUM value */
	const struct currency_form *cur;  /* currency written by this lexeme alone */
	uint32_t cur_end;        /* end of that form ("Rs." takes the period) */
};

#define LXWIN 256

struct lexer {
	const struct money_state *st;
	const char *s;
	size_t n;
	size_t pos;              /* next byte to lex */
	size_t base;             /* absolute index of buf[0] */
	size_t count;            /* lexemes in buf */
	size_t keep;             /* absolute index the caller still needs */
	struct lexeme buf[LXWIN];
	struct lexeme end;
};

static bool is_word_cp(uint32_t cp)
{
	return cp < 0x80 ? (is_ascii_upper((char)cp) || is_ascii_lower((char)cp)) : uc_is_letter(cp);
}

static inline bool isalnum_ascii(char c)
{
	return is_ascii_digit(c) || is_ascii_upper(c) || is_ascii_lower(c);
}

/* Is the byte run starting at i glued to a letter or digit run before it
 * ("A380", "F-35", "1/2", "#100")? */
static bool lx_alnum_before(const char *s, size_t i)
{
	if (i == 0)
		return false;
	char c = s[i - 1];
	if (c == '#')
		return true;
	if (c == '-' || c == '/')
		return i >= 2 && isalnum_ascii(s[i - 2]);
	return isalnum_ascii(c);
}

/* Value of a number lexeme s[a..b): digits, "," groups, one "." decimal part.
 * Up to 15 significant digits the mantissa is an exact integer and one
 * correctly rounded division gives the nearest double ("443.2" = 4432 / 10). */
static double parse_digits(const char *s, size_t a, size_t b)
{
	static const double pow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	                               1e11, 1e12, 1e13, 1e14, 1e15};
	uint64_t m = 0;
	int nd = 0, frac = -1;
	for (size_t i = a; i < b; i++) {
		if (s[i] == ',')
			continue;
		if (s[i] == '.') {
			frac = 0;
			continue;
		}
		m = m * 10 + (uint64_t)(s[i] - '0');
		if (frac >= 0)
			frac++;
		if (++nd > 15)
			goto slow;
	}
	return frac > 0 ? (double)m / pow10[frac] : (double)m;
slow:;
	char buf[64];
	size_t k = 0;
	for (size_t j = a; j < b && k < sizeof(buf) - 1; j++)
		if (s[j] != ',')
			buf[k++] = s[j];
	buf[k] = '\0';
	return strtod(buf, NULL);
}

/* ASCII byte classes for the lexer's fast paths. */
enum { CC_OTHER, CC_SPACE, CC_ALPHA, CC_DIGIT, CC_HIGH };
static const unsigned char cclass[256] = {
	[' '] = CC_SPACE, ['\t'] = CC_SPACE, ['\n'] = CC_SPACE, ['\r'] = CC_SPACE,
	['\f'] = CC_SPACE, ['\v'] = CC_SPACE,
	['a' ... 'z'] = CC_ALPHA, ['A' ... 'Z'] = CC_ALPHA, ['0' ... '9'] = CC_DIGIT,
	[0x80 ... 0xFF] = CC_HIGH,  /* GNU range designators: gnu11 is the project standard */
};

/* 0x80 in each byte of x that is an ASCII letter. */
static inline uint64_t ascii_letters8(uint64_t x)
{
	const uint64_t hi = 0x8080808080808080ull;
	uint64_t y = (x | 0x2020202020202020ull) & ~hi;
	uint64_t ge_a = y + 0x1F1F1F1F1F1F1F1Full;      /* high bit: >= 'a' */
	uint64_t gt_z = y + 0x0505050505050505ull;      /* high bit: > 'z' */
	return ge_a & ~gt_z & ~x & hi;
}

/* Scan a word starting at p (whose first code point is len bytes): letters,
 * and one-letter segments joined by periods ("U.S.").  Returns its end and
 * writes its fold hash.  Plain ASCII words (nearly all) take the fast path:
 * eight bytes at a time, hashed from the same loads. */
static size_t scan_word(const char *s, size_t n, size_t p, int len, uint64_t *hvp)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (len == 1) {
		uint64_t h = 0;
		for (size_t i = p; i + 8 <= n; i += 8) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			uint64_t non = ~ascii_letters8(x) & 0x8080808080808080ull;
			if (!non) {
				h = fold_hash_chunk(h, x | 0x2020202020202020ull);
				continue;
			}
			unsigned k = (unsigned)__builtin_ctzll(non) >> 3;  /* letters in this chunk */
			size_t q = i + k;
			unsigned char d = (unsigned char)s[q];
			if (d >= 0x80 || (d == '.' && q - p == 1))
				break;  /* a non-ASCII letter may follow, or "U.S.": general path */
			if (k)
				h = fold_hash_chunk(h, (x | 0x2020202020202020ull) & ((1ull << (8 * k)) - 1));
			*hvp = fold_hash_finish(h, q - p);
			return q;
		}
	}
#endif
	size_t q = p + (size_t)len, seg = p;
	for (;;) {
		while (q < n) {
			unsigned char k = cclass[(unsigned char)s[q]];
			if (k == CC_ALPHA) {
				q++;
				continue;
			}
			if (k != CC_HIGH)
				break;
			int l2;
			if (!is_word_cp(utf8_decode(s, n, q, &l2)))
				break;
			q += (size_t)l2;
		}
		/* "U.S.": one-letter segments joined by periods */
		if (q + 1 < n && s[q] == '.' && q - seg == 1 && cclass[(unsigned char)s[q + 1]] == CC_ALPHA &&
		    (q + 2 >= n || !isalnum_ascii(s[q + 2]))) {
			q++;
			seg = q;
			continue;
		}
		break;
	}
	if (seg != p && q < n && s[q] == '.')
		q++;  /* the closing period of "U.S." */
	*hvp = fold_hash_key(s + p, q - p);
	return q;
}

/* Grammar bits and currency form of the word s[p..q) with fold hash hv. */
static void word_classify(const struct lexer *L, size_t p, size_t q, uint64_t hv, uint32_t *gram,
                          const struct currency_form **cur)
{
	*gram = 0;
	*cur = NULL;
	if (q - p <= FOLD_MAX_KEY && filter_has(L->st, hv)) {
		/* one hash of the word probes both maps */
		*gram = fold_hash_get_hashed(L->st->gram, L->s + p, q - p, hv);
		*cur = currency_lookup_hashed(L->st->ci, L->s + p, q - p, hv);
	}
}

/* Lex one lexeme at L->pos into *x.  Returns false at the end of text. */
static bool lx_scan(struct lexer *L, struct lexeme *x)
{
	const char *s = L->s;
	size_t n = L->n, p = L->pos;
	bool space = p == 0;
	while (p < n) {
		unsigned char k = cclass[(unsigned char)s[p]];
		if (k == CC_SPACE) {
			space = true;
			p++;
			continue;
		}
		if (k != CC_HIGH)
			break;
		int len;
		uint32_t cp = utf8_decode(s, n, p, &len);
		if (!uc_is_space(cp))
			break;
		space = true;
		p += (size_t)len;
	}
	if (p >= n) {
		L->pos = n;
		return false;
	}
	x->start = (uint32_t)p;
	x->space = space;
	x->gram = 0;
	x->num = 0;
	x->cur = NULL;
	unsigned char c = (unsigned char)s[p];
	if (cclass[c] == CC_DIGIT) {
		size_t q = p;
		while (q < n && is_ascii_digit(s[q]))
			q++;
		/* thousands groups: ",ddd" not followed by another digit */
		while (q + 3 < n && s[q] == ',' && is_ascii_digit(s[q + 1]) &&
		       is_ascii_digit(s[q + 2]) && is_ascii_digit(s[q + 3]) &&
		       (q + 4 >= n || !is_ascii_digit(s[q + 4])))
			q += 4;
		if (q + 1 < n && s[q] == '.' && is_ascii_digit(s[q + 1])) {
			q++;
			while (q < n && is_ascii_digit(s[q]))
				q++;
		}
		x->type = LX_NUM;
		x->end = (uint32_t)q;
		x->num = parse_digits(s, p, q);
		L->pos = q;
		return true;
	}
	int len = 1;
	uint32_t cp = c < 0x80 ? c : utf8_decode(s, n, p, &len);
	if (cclass[c] == CC_ALPHA || (c >= 0x80 && is_word_cp(cp))) {
		uint64_t hv;
		size_t q = scan_word(s, n, p, len, &hv);
		/* a letter prefix glued to a currency sign is one symbol: "US$", "mxn$",
		 * "Mex$", "CN¥" */
		if (q < n && q - p <= 4 && (s[q] == '$' || (unsigned char)s[q] >= 0x80)) {
			int sl = 1;
			uint32_t sc = s[q] == '$' ? '$' : utf8_decode(s, n, q, &sl);
			const struct currency_form *f = NULL;
			if (uc_is_currency_symbol(sc))
				f = currency_lookup(L->st->ci, s + p, q + (size_t)sl - p);
			if (f) {
				x->type = LX_SYM;
				x->end = (uint32_t)(q + (size_t)sl);
				x->cur = f;
				x->cur_end = x->end;
				L->pos = x->end;
				return true;
			}
		}
		x->type = LX_WORD;
		word_classify(L, p, q, hv, &x->gram, &x->cur);
		if (q < n && s[q] == '.' && q - p <= 3) {
			/* "Rs." keeps its period when that is the form */
			const struct currency_form *f = currency_lookup(L->st->ci, s + p, q + 1 - p);
			if (f) {
				/* the period is part of the lexeme: "Rs.5,000" */
				x->cur = f;
				q++;
			}
		}
		x->end = x->cur_end = (uint32_t)q;
		L->pos = q;
		return true;
	}
	x->end = (uint32_t)(p + (size_t)len);
	L->pos = x->end;
	if (uc_is_currency_symbol(cp)) {
		x->type = LX_SYM;
		x->cur = currency_lookup(L->st->ci, s + p, (size_t)len);
		x->cur_end = x->end;
		return true;
	}
	x->type = LX_PUNCT;
	x->cur_end = x->end;
	if (c == '#') {
		/* the pound sign of Penn Treebank text ("#94.8 million"); its row
		 * is CF_SCALED so that "#1" stays a rank */
		x->cur = currency_lookup(L->st->ci, s + p, 1);
		if (x->cur)
			x->type = LX_SYM;
	}
	return true;
}

/* Slow path of lx_at: lex forward until index k is in the window. */
static const struct lexeme *lx_fill(struct lexer *L, size_t k)
{
	if (k < L->base)
		return &L->end;
	while (k >= L->base + L->count) {
		if (L->count == LXWIN) {
			size_t drop = L->keep > L->base ? L->keep - L->base : 0;
			if (drop == 0)
				return &L->end;  /* look-ahead past the window: treat as end */
			memmove(L->buf, L->buf + drop, (L->count - drop) * sizeof(L->buf[0]));
			L->base += drop;
			L->count -= drop;
		}
		if (!lx_scan(L, &L->buf[L->count]))
			return &L->end;
		L->count++;
	}
	return &L->buf[k - L->base];
}

/* Lexeme with absolute index k (k >= L->keep), lexing forward as needed. */
static inline const struct lexeme *lx_at(struct lexer *L, size_t k)
{
	size_t off = k - L->base;  /* wraps for k < base: slow path answers */
	if (off < L->count)
		return &L->buf[off];
	return lx_fill(L, k);
}

/* ---- small predicates ---- */

static inline bool is_word(const struct lexeme *x, uint32_t bits)
{
	return x->type == LX_WORD && (x->gram & bits);
}

static inline double gram_value(const struct lexeme *x)
{
	return gram_words[(x->gram >> GV_SHIFT) & GV_MASK].value;
}

static bool is_punct(const struct lexer *L, const struct lexeme *x, const char *p)
{
	size_t n = strlen(p);
	return x->type == LX_PUNCT && x->end - x->start == n && memcmp(L->s + x->start, p, n) == 0;
}

static bool is_dash(const struct lexer *L, const struct lexeme *x)
{
	if (x->type != LX_PUNCT)
		return false;
	int len;
	uint32_t cp = utf8_decode(L->s, L->n, x->start, &len);
	return uc_is_dash(cp);
}

static bool word_is(const struct lexer *L, const struct lexeme *x, const char *w)
{
	return x->type == LX_WORD && ascii_ieq(L->s + x->start, x->end - x->start, w);
}

/* ---- numbers ---- */

struct number {
	double v;
	size_t next;     /* lexeme after the number */
	bool scaled;     /* a scale word was applied */
	double scale;    /* the last scale word's value ("million": 1e6), 1 if none */
	bool spelled;
	bool integer;
};

/* A whole number (amounts are never negative); a cast, not a libm call. */
static inline bool is_integral(double v)
{
	return v >= 0 && v < 9e15 && (double)(uint64_t)v == v;
}

/* Numeric lexeme plus optional scale word: "5", "1.5 million", "3bn", "35 lakh". */
static bool parse_numeric(struct lexer *L, size_t i, struct number *out)
{
	const struct lexeme *x = lx_at(L, i);
	if (x->type != LX_NUM)
		return false;
	out->v = x->num;
	out->next = i + 1;
	out->scaled = false;
	out->scale = 1;
	out->spelled = false;
	out->integer = is_integral(x->num);
	const struct lexeme *y = lx_at(L, i + 1);
	if (out->integer && is_punct(L, y, ".") && y->space) {
		/* "1 . 5 billion": a decimal point with spaces, as in tokenized text
		 * (edited prose never puts a space before a period) */
		const struct lexeme *d = lx_at(L, i + 2);
		size_t nd = d->end - d->start;
		if (d->type == LX_NUM && d->space && nd <= 6 && memchr(L->s + d->start, ',', nd) == NULL &&
		    memchr(L->s + d->start, '.', nd) == NULL) {
			out->v += d->num / pow(10, (double)nd);
			out->integer = false;
			out->next = i + 3;
			y = lx_at(L, i + 3);
		}
	} else if (out->integer && y->type == LX_NUM && y->space && y->end - y->start <= 2 &&
	           is_punct(L, lx_at(L, i + 2), "/") && !lx_at(L, i + 2)->space) {
		/* a stock-price fraction: "$ 20 3/4" */
		const struct lexeme *d = lx_at(L, i + 3);
		double den = d->num;
		if (d->type == LX_NUM && !d->space && (den == 2 || den == 4 || den == 8 || den == 16 ||
		                                      den == 32 || den == 64) && y->num < den &&
		    is_integral(y->num)) {
			out->v += y->num / den;
			out->integer = false;
			out->next = i + 4;
			y = lx_at(L, i + 4);
		}
	}
	if (is_word(y, G_SCALE)) {
		/* one-letter scales ("m", "k", "b") only glued: "$5m", not "5 m" */
		bool one_letter = y->end - y->start == 1;
		if (!one_letter || !y->space) {
			out->v *= gram_value(y);
			out->scaled = true;
			out->scale = gram_value(y);
			out->next++;
		}
	}
	return true;
}

/* Spelled-out number: "two million", "a billion", "half a million",
 * "twenty-five", "three quarters billion", "one and a half million",
 * "two hundred and fifty thousand".  Multi-letter scale words only. */
static bool parse_spelled(struct lexer *L, size_t i, struct number *out)
{
	double total = 0, cur = 0, scale = 1;
	bool any = false, have_a = false;
	enum { S_NONE, S_UNIT, S_TENS, S_HUNDRED, S_SCALE, S_FRAC } last = S_NONE;
	size_t j = i;
	for (int guard = 0; guard < 24; guard++) {
		const struct lexeme *x = lx_at(L, j);
		if (x->type == LX_PUNCT && last == S_TENS && !x->space && is_dash(L, x)) {
			const struct lexeme *y = lx_at(L, j + 1);
			if (is_word(y, G_UNIT) && !y->space && gram_value(y) < 10) {
				j++;
				continue;
			}
			break;
		}
		if (x->type != LX_WORD)
			break;
		uint32_t g = x->gram;
		if (g & G_UNIT) {
			if (last == S_UNIT || (last == S_TENS && gram_value(x) >= 10) || last == S_FRAC)
				break;
			cur += gram_value(x);
			last = S_UNIT;
			any = true;
		} else if (g & G_TENS) {
			if (last == S_UNIT || last == S_TENS || last == S_FRAC)
				break;
			cur += gram_value(x);
			last = S_TENS;
			any = true;
		} else if (g & G_HUNDRED) {
			if (!(cur > 0 || have_a) || last == S_HUNDRED || last == S_FRAC)
				break;
			cur = (cur > 0 ? cur : 1) * 100;
			last = S_HUNDRED;
			any = true;
		} else if ((g & G_SCALE) && x->end - x->start > 2) {
			if (!(cur > 0 || have_a))
				break;
			total += (cur > 0 ? cur : 1) * gram_value(x);
			scale = gram_value(x);
			cur = 0;
			last = S_SCALE;
			any = true;
		} else if ((g & G_A) && last == S_NONE && !have_a) {
			const struct lexeme *y = lx_at(L, j + 1);
			if (!is_word(y, G_HUNDRED | G_SCALE | G_QUARTER | G_HALF))
				break;
			have_a = true;
		} else if ((g & G_HALF) && (last == S_NONE || (have_a && last == S_NONE))) {
			/* "half a million", "a half million" */
			size_t k = j + 1;
			if (is_word(lx_at(L, k), G_A))
				k++;
			cur = 0.5;
			last = S_FRAC;
			any = true;
			j = k;
			continue;
		} else if (g & G_QUARTER) {
			/* "quarter million", "a quarter of a million", "three quarters billion" */
			if (last == S_NONE)
				cur = 0.25;
			else if (last == S_UNIT && cur < 4)
				cur = cur * 0.25;
			else
				break;
			last = S_FRAC;
			any = true;
			size_t k = j + 1;
			if (is_word(lx_at(L, k), G_OF) && is_word(lx_at(L, k + 1), G_A))
				k += 2;
			j = k;
			continue;
		} else if ((g & G_POINT) && word_is(L, x, "point") &&
		           (last == S_NONE || last == S_UNIT || last == S_TENS)) {
			/* "one point six billion": digit words after "point" */
			double step = 0.1, frac = 0;
			size_t k = j + 1;
			const struct lexeme *y;
			while ((y = lx_at(L, k))->space && is_word(y, G_UNIT) && gram_value(y) < 10) {
				frac += gram_value(y) * step;
				step *= 0.1;
				k++;
			}
			if (k == j + 1)
				break;
			cur += frac;
			last = S_FRAC;
			any = true;
			j = k;
			continue;
		} else if (g & G_AND) {
			/* "two hundred and fifty"; "one and a half million" */
			const struct lexeme *y = lx_at(L, j + 1);
			const struct lexeme *z = lx_at(L, j + 2);
			if ((last == S_HUNDRED || last == S_SCALE) && is_word(y, G_UNIT | G_TENS)) {
				j++;
				continue;
			}
			if (last == S_UNIT && is_word(y, G_A) && is_word(z, G_HALF)) {
				cur += 0.5;
				last = S_FRAC;
				j += 3;
				continue;
			}
			break;
		} else {
			break;
		}
		j++;
	}
	if (!any)
		return false;
	/* a fraction runs into a following scale word: "half a million" */
	if (last == S_FRAC) {
		const struct lexeme *x = lx_at(L, j);
		if (is_word(x, G_SCALE) && x->end - x->start > 2) {
			total += cur * gram_value(x);
			scale = gram_value(x);
			cur = 0;
			j++;
			last = S_SCALE;
		}
	}
	out->v = total + cur;
	out->next = j;
	out->scaled = last == S_SCALE;
	out->scale = out->scaled ? scale : 1;
	out->spelled = true;
	out->integer = is_integral(out->v);
	return true;
}

/* A number that may start an amount.  Digits glued to a word before ("A380",
 * "F-35", "#100") are not amounts. */
static bool parse_number_at(struct lexer *L, size_t i, bool start, struct number *out)
{
	const struct lexeme *x = lx_at(L, i);
	if (x->type == LX_NUM)
		return !(start && lx_alnum_before(L->s, x->start)) && parse_numeric(L, i, out);
	if (x->type == LX_WORD && (x->gram & (G_UNIT | G_TENS | G_A | G_HALF | G_QUARTER)))
		return parse_spelled(L, i, out);
	return false;
}

/* A number that starts a mention. */
static bool parse_number(struct lexer *L, size_t i, struct number *out)
{
	return parse_number_at(L, i, true, out);
}

/* A number inside a mention (after a currency or a range dash). */
static bool parse_number_in(struct lexer *L, size_t i, struct number *out)
{
	return parse_number_at(L, i, false, out);
}

/* ---- currencies ---- */

struct cur_hit {
	const struct currency_form *f;
	uint32_t start, end;   /* text written */
	double mul;            /* 1e6 for "MEUR" */
	size_t next;
};

/* A hit on the currency form lexeme x carries; the next lexeme is `next`. */
static bool hit_lexeme(struct cur_hit *h, const struct lexeme *x, size_t next)
{
	h->f = x->cur;
	h->start = x->start;
	h->end = x->cur_end;
	h->next = next;
	return true;
}

/* "MEUR", "kUSD": a k/K/M prefix on an upper-case ISO code. */
static bool scaled_code(struct lexer *L, const struct lexeme *x, struct cur_hit *h)
{
	if (x->type != LX_WORD || x->end - x->start != 4)
		return false;
	const char *w = L->s + x->start;
	double mul = w[0] == 'M' ? 1e6 : (w[0] == 'k' || w[0] == 'K') ? 1e3 : 0;
	if (mul == 0 || !is_ascii_upper(w[1]) || !is_ascii_upper(w[2]) || !is_ascii_upper(w[3]))
		return false;
	const struct currency_form *f = currency_lookup(L->st->ci, w + 1, 3);
	if (!f || f->kind != CK_CODE)
		return false;
	h->f = f;
	h->start = x->start;
	h->end = x->end;
	h->mul = mul;
	return true;
}

/* Longest multi-word currency form starting at word lexeme i ("Hong Kong dollars"). */
static bool phrase_currency(struct lexer *L, size_t i, struct cur_hit *h)
{
	const struct lexeme *x = lx_at(L, i);
	if (x->type != LX_WORD || !currency_is_phrase_head(L->st->ci, L->s + x->start,
	                                                   x->end - x->start))
		return false;
	char buf[FOLD_MAX_KEY + 1];
	size_t len = 0, maxw = currency_max_words(L->st->ci);
	bool found = false;
	for (size_t w = 0; w < maxw; w++) {
		const struct lexeme *y = lx_at(L, i + w);
		if (y->type != LX_WORD || (w > 0 && !y->space))
			break;
		size_t wl = y->end - y->start;
		if (len + wl + (w > 0) > FOLD_MAX_KEY)
			break;
		if (w > 0)
			buf[len++] = ' ';
		memcpy(buf + len, L->s + y->start, wl);
		len += wl;
		if (w == 0)
			continue;
		const struct currency_form *f = currency_lookup(L->st->ci, buf, len);
		if (f) {
			h->f = f;
			h->start = x->start;
			h->end = y->end;
			h->mul = 1;
			h->next = i + w + 1;
			found = true;
		}
	}
	return found;
}

/* A currency after the number: symbol, code, name, unit, minor unit. */
static bool post_currency(struct lexer *L, size_t j, struct cur_hit *h)
{
	const struct lexeme *x = lx_at(L, j);
	h->mul = 1;
	if (x->type == LX_SYM) {
		const struct lexeme *y = lx_at(L, j + 1);
		if (!x->cur || (y->type == LX_NUM && !y->space))
			return false;  /* "1 $10": the sign belongs to the next amount */
		if ((x->cur->flags & CF_GLUED) && x->space)
			return false;
		return hit_lexeme(h, x, j + 1);
	}
	if (x->type != LX_WORD)
		return false;
	if (phrase_currency(L, j, h))
		return true;
	if (x->cur) {
		if ((x->cur->flags & CF_GLUED) && x->space)
			return false;
		return hit_lexeme(h, x, j + 1);
	}
	if (scaled_code(L, x, h)) {
		h->next = j + 1;
		return true;
	}
	return false;
}

/* Words that are English words before a spaced "$" ("A $5 fee", "I $5", the
 * "s" of a possessive, "paid us $5", "to $5"): one-letter ones in any case,
 * the others when written in lower case. */
static bool prefix_stop(const char *w, size_t n, bool has_upper)
{
	static const char *const words[] = {
		"us", "to", "at", "as", "an", "is", "it", "of", "on", "or", "so", "up", "by", "if",
		"no", "be", "do", "go", "he", "me", "my", "we", "am", "in", "the", "and", "for",
		"per", "was", "are", "has", "had", "not", "but", "all", "any", "can", "out", "who",
		"its", "her", "his", "our", "you", "off", "pay", "win", "won", "got", "get", "buy",
	};
	if (n == 1)
		return ascii_ieq(w, n, "a") || ascii_ieq(w, n, "i") || ascii_ieq(w, n, "s");
	if (has_upper)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (ascii_ieq(w, n, words[i]))
			return true;
	return false;
}

/* A currency before the number: "$", "US$", "USD", "RM", "MAUD", "C $". */
static bool pre_currency(struct lexer *L, size_t i, struct cur_hit *h)
{
	const struct lexeme *x = lx_at(L, i);
	h->mul = 1;
	if (x->type == LX_SYM && x->cur && (x->cur->flags & CF_PRE)) {
		return hit_lexeme(h, x, i + 1);
	}
	if (x->type != LX_WORD)
		return false;
	if (lx_alnum_before(L->s, x->start))
		return false;
	if (x->cur && (x->cur->flags & CF_PRE)) {
		return hit_lexeme(h, x, i + 1);
	}
	if (scaled_code(L, x, h)) {
		h->next = i + 1;
		return true;
	}
	/* spaced prefix: "C $ 16.4 million", "US $5" */
	const struct lexeme *y = lx_at(L, i + 1);
	size_t wl = x->end - x->start;
	if (y->type == LX_SYM && y->space && y->end - y->start == 1 && L->s[y->start] == '$' &&
	    wl <= 4) {
		const char *w = L->s + x->start;
		bool has_upper = false;
		for (size_t k = 0; k < wl; k++)
			has_upper |= is_ascii_upper(w[k]);
		/* "c $ 16.4 million", "hk $ 5" in lower-cased text; "to $5" is not T$,
		 * "A $5 million fine" is an article in any case; "year's $2bn" is a
		 * possessive */
		if (prefix_stop(w, wl, has_upper))
			return false;
		if (x->start > 0 && (L->s[x->start - 1] == '\'' ||
		                     (x->start >= 3 && memcmp(L->s + x->start - 3, "\xe2\x80\x99", 3) == 0)))
			return false;
		char buf[8];  /* wl <= 4 */
		memcpy(buf, w, wl);
		buf[wl] = '$';
		const struct currency_form *f = currency_lookup(L->st->ci, buf, wl + 1);
		if (!f)
			return false;
		h->f = f;
		h->start = x->start;
		h->end = y->end;
		h->next = i + 2;
		return true;
	}
	return false;
}

/* ---- modifiers ---- */

/* Match a modifier phrase at lexeme i; returns the lexeme after it, or i. */
static size_t match_modifier(struct lexer *L, size_t i, const char **mod, uint32_t *end)
{
	const struct lexeme *x0 = lx_at(L, i);
	if (x0->type != LX_WORD || !(x0->gram >> GM_SHIFT))
		return i;
	size_t first = (x0->gram >> GM_SHIFT) - 1, best = i;
	for (size_t m = first; m < ARRAY_SIZE(modifiers) &&
	                       (m == first || strcmp(modifiers[m].words[0], modifiers[first].words[0]) == 0);
	     m++) {
		size_t k = 1;
		for (; k < 4 && modifiers[m].words[k]; k++) {
			const struct lexeme *x = lx_at(L, i + k);
			if (!word_is(L, x, modifiers[m].words[k]) || !x->space)
				break;
		}
		if ((k == 4 || !modifiers[m].words[k]) && i + k > best) {
			best = i + k;
			*mod = modifiers[m].mod;
			*end = lx_at(L, i + k - 1)->end;
		}
	}
	return best;
}

/* ---- money ---- */

struct money_match {
	uint32_t start, end;
	size_t next;
	double amount, amount_max;
	bool is_range;
	const struct currency_form *f;
	uint32_t cur_start, cur_end;
	const char *rule;
};

static bool is_range_link(struct lexer *L, const struct lexeme *x, bool between)
{
	if (is_dash(L, x))
		return true;
	if (is_word(x, G_TO))
		return true;
	return between && is_word(x, G_AND);
}

/* Function words that may follow a compound's trailing number. */
static bool phrase_end_word(const struct lexer *L, const struct lexeme *x)
{
	static const char *const words[] = {"for", "each", "per", "and", "or", "but", "to", "in",
	                                    "at", "on", "from", "with", "plus", "apiece", "only"};
	if (x->type != LX_WORD)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (word_is(L, x, words[i]))
			return true;
	return false;
}

/* Trailing sub-unit after a main unit: "and forty-five cents", "50 cents",
 * "and five mao", or a bare number below 100 that ends the phrase ("15 dollars
 * 50", "17 USD 25 more").  Adds to *amount and returns the next lexeme, or j. */
static size_t parse_compound(struct lexer *L, size_t j, const struct currency_form *main,
                             double *amount, uint32_t *end)
{
	size_t k = j;
	bool and = false;
	if (is_word(lx_at(L, k), G_AND)) {
		and = true;
		k++;
	}
	struct number n;
	if (!parse_number_in(L, k, &n) || n.scaled || n.v <= 0)
		return j;
	struct cur_hit h;
	if (post_currency(L, n.next, &h) && h.f->kind == CK_MINOR && h.f->scale < main->scale) {
		*amount += n.v * h.f->scale;
		*end = h.end;
		size_t next = h.next;
		/* "five mao five": a bare digit after a minor unit is the next sub-unit */
		struct number t;
		const struct lexeme *after;
		if (parse_number_in(L, next, &t) && !t.scaled && t.integer && t.v < 10 &&
		    ((after = lx_at(L, t.next))->type == LX_END || after->type == LX_PUNCT)) {
			*amount += t.v * h.f->scale * 0.1;
			*end = lx_at(L, t.next - 1)->end;
			next = t.next;
		}
		return next;
	}
	if (and || !n.integer || n.v >= 100)
		return j;
	/* the trailing number must end the phrase: "15 dollars 50.", "ten pounds
	 * fifty for lunch", but not "5 dollars 20 years ago" */
	const struct lexeme *after = lx_at(L, n.next);
	if (!(after->type == LX_END || (after->type == LX_PUNCT && !is_dash(L, after) &&
	                                !is_punct(L, after, "%")) ||
	      is_word(after, G_MORE) || phrase_end_word(L, after)))
		return j;
	/* kuai takes tenths ("one kuai five" = 1.5), other units hundredths */
	double step = main->kind == CK_MINOR ? main->scale * 0.1 :
	              (main->kind == CK_INFORMAL && main->code[0] == 'C') ? 0.1 : 0.01;
	*amount += n.v * step;
	*end = lx_at(L, n.next - 1)->end;
	return n.next;
}

static bool word_prefix(const struct lexer *L, const struct lexeme *x, const char *w)
{
	size_t n = strlen(w);
	return x->type == LX_WORD && x->end - x->start >= n &&
	       ascii_ieq(L->s + x->start, n, w);
}

static bool is_metric_weight(const struct lexer *L, const struct lexeme *x)
{
	static const char *const units[] = {"kg", "kgs", "kilo", "kilos", "kilogram", "kilograms",
	                                    "kilogrammes", "tonne", "tonnes", "g", "grams"};
	for (size_t u = 0; u < ARRAY_SIZE(units); u++)
		if (word_is(L, x, units[u]))
			return true;
	return false;
}

/* Is a CF_WEIGHT form ("pounds") used as a weight here?  i: first lexeme of
 * the number; next: lexeme after the unit; hyphen: "300-pound". */
static bool weight_context(struct lexer *L, size_t i, size_t next, bool hyphen)
{
	if (hyphen)
		return true;
	for (size_t b = 1; b <= 2 && b <= i && i - b >= L->base; b++)
		if (word_prefix(L, lx_at(L, i - b), "weigh"))
			return true;
	/* "42 kg (92 pounds)", "1,300 pounds (600 kgs)" */
	if (i >= L->base + 2 && is_punct(L, lx_at(L, i - 1), "(") && is_metric_weight(L, lx_at(L, i - 2)))
		return true;
	return is_punct(L, lx_at(L, next), "(") && lx_at(L, next + 1)->type == LX_NUM &&
	       is_metric_weight(L, lx_at(L, next + 2));
}

static bool is_capitalized(const struct lexer *L, const struct lexeme *x)
{
	return x->end - x->start >= 2 && is_ascii_upper(L->s[x->start]) &&
	       is_ascii_lower(L->s[x->start + 1]);
}

/* Context checks on a currency after the number (i: first lexeme of the number). */
static bool post_ok(struct lexer *L, size_t i, const struct cur_hit *h, bool hyphen)
{
	const struct currency_form *f = h->f;
	if ((f->flags & CF_WEIGHT) && weight_context(L, i, h->next, hyphen))
		return false;
	/* a capitalized one-word unit followed by a name or a number is a name:
	 * "7 Satoshi Higashi", "Corinthians 1 Guarani 0" */
	if (f->kind != CK_CODE && f->kind != CK_SYMBOL && f->nwords == 1 &&
	    is_capitalized(L, lx_at(L, h->next - 1))) {
		const struct lexeme *y = lx_at(L, h->next);
		if (y->type == LX_NUM || (y->type == LX_WORD && is_ascii_upper(L->s[y->start])))
			return false;
	}
	/* "in 2015 dollars", "constant 1990 pounds": a price level, not an amount */
	const struct lexeme *x = lx_at(L, i);
	if (x->type == LX_NUM && x->end - x->start == 4 && x->num >= 1900 && x->num < 2100 &&
	    i >= L->base + 1) {
		const struct lexeme *b = lx_at(L, i - 1);
		if (word_is(L, b, "in") || word_is(L, b, "constant") || word_is(L, b, "real") ||
		    word_is(L, b, "nominal"))
			return false;
	}
	return true;
}

/* "rose 500 to 39,200 rupees" is a change and a level, not a range: a "to"
 * range must stay within a factor of 20. */
static bool range_plausible(const struct lexeme *link, double lo, double hi)
{
	if (!(hi > lo))
		return false;
	return !(link->gram & G_TO) || hi <= 20 * lo;
}

/* Money at lexeme i (after any modifier).  between: "between" came first. */
static bool parse_money(struct lexer *L, size_t i, bool between, struct money_match *m)
{
	struct cur_hit pre, post;
	struct number n1, n2;
	memset(m, 0, sizeof(*m));
	m->start = lx_at(L, i)->start;
	if (pre_currency(L, i, &pre)) {
		if (!parse_number_in(L, pre.next, &n1) || n1.spelled)
			return false;  /* "USD two" is not news style; keeps "US one" out */
		if ((pre.f->flags & CF_SCALED) && !n1.scaled)
			return false;  /* "#1" is a rank, "#94.8 million" is money */
		m->f = pre.f;
		m->cur_start = pre.start;
		m->cur_end = pre.end;
		m->amount = n1.v * pre.f->scale * pre.mul;
		m->end = lx_at(L, n1.next - 1)->end;
		m->next = n1.next;
		m->rule = "money.pre";
		/* range: "$5-10 million", "$5 million to $10 million", "$3 and $4 billion" */
		const struct lexeme *c = lx_at(L, n1.next);
		if (is_range_link(L, c, between)) {
			size_t k = n1.next + 1;
			struct cur_hit pre2;
			bool same = true;
			if (pre_currency(L, k, &pre2)) {
				same = strcmp(pre2.f->code, pre.f->code) == 0 &&
				       (pre2.f->flags & CF_DOLLAR) == (pre.f->flags & CF_DOLLAR);
				k = pre2.next;
			}
			if (same && parse_number_in(L, k, &n2) && !n2.spelled) {
				double unit = pre.f->scale * pre.mul;
				double lo = m->amount, hi = n2.v * unit;
				if (!n1.scaled && n2.scaled && n1.v < 1000)
					lo = n1.v * n2.scale * unit;  /* "$5-10 million" */
				if (range_plausible(c, lo, hi)) {
					m->amount = lo;
					m->amount_max = hi;
					m->is_range = true;
					m->end = lx_at(L, n2.next - 1)->end;
					m->next = n2.next;
					m->rule = "money.pre.range";
				}
			}
		}
		return true;
	}
	if (!parse_number(L, i, &n1))
		return false;
	size_t j = n1.next;
	/* range before the currency: "3-4 billion yen", "between 3 and 4 billion yen" */
	const struct lexeme *c = lx_at(L, j);
	if (is_range_link(L, c, between) && parse_number_in(L, j + 1, &n2) &&
	    post_currency(L, n2.next, &post)) {
		double lo = n1.v, hi = n2.v;
		if (!n1.scaled && n2.scaled && n1.v < 1000)
			lo = n1.v * n2.scale;  /* "3-4 billion yen", "two to three million" */
		if (range_plausible(c, lo, hi) && post_ok(L, i, &post, false)) {
			m->f = post.f;
			m->amount = lo * post.f->scale * post.mul;
			m->amount_max = hi * post.f->scale * post.mul;
			m->is_range = true;
			m->cur_start = post.start;
			m->cur_end = post.end;
			m->end = post.end;
			m->next = post.next;
			m->rule = "money.post.range";
			return true;
		}
	}
	/* "12-cent", "one-yen": the unit glued by a hyphen */
	bool hyphen = false;
	if (is_dash(L, c) && !c->space && lx_at(L, j + 1)->type == LX_WORD && !lx_at(L, j + 1)->space) {
		j++;
		hyphen = true;
	}
	if (!post_currency(L, j, &post) || !post_ok(L, i, &post, hyphen))
		return false;
	if ((post.f->flags & CF_GLUED) && (n1.v >= 100 || n1.scaled))
		return false;  /* "50p", not "720p" */
	if ((post.f->flags & CF_SCALED) && !n1.scaled)
		return false;
	m->f = post.f;
	m->cur_start = post.start;
	m->cur_end = post.end;
	m->amount = n1.v * post.f->scale * post.mul;
	m->end = post.end;
	m->next = post.next;
	m->rule = "money.post";
	/* "75 USD million" */
	const struct lexeme *s2 = lx_at(L, post.next);
	if (!n1.scaled && is_word(s2, G_SCALE) && s2->end - s2->start > 2 && s2->space) {
		m->amount *= gram_value(s2);
		m->end = s2->end;
		m->next = post.next + 1;
		return true;
	}
	if (!n1.scaled && post.mul == 1 && post.f->kind != CK_SYMBOL) {
		uint32_t end = m->end;
		size_t k = parse_compound(L, m->next, post.f, &m->amount, &end);
		if (k != m->next) {
			m->end = end;
			m->next = k;
			m->rule = "money.compound";
		}
	}
	return true;
}

/* ---- percent ---- */

struct pct_match {
	uint32_t start, end;
	size_t next;
	double v, vmax;
	bool is_range, points;
};

/* The percent sign or word after a number; returns the next lexeme or 0. */
static size_t percent_word(struct lexer *L, size_t j, bool *points, uint32_t *end)
{
	const struct lexeme *x = lx_at(L, j);
	*points = false;
	if (is_punct(L, x, "%") || is_punct(L, x, "\xef\xbc\x85")) {
		*end = x->end;
		return j + 1;
	}
	if (is_word(x, G_PERCENT)) {
		*end = x->end;
		return j + 1;
	}
	const struct lexeme *y = lx_at(L, j + 1);
	if (is_word(x, G_PER) && is_word(y, G_CENT) && y->space) {
		*end = y->end;
		return j + 2;
	}
	if (is_word(x, G_PCTAGE) && is_word(y, G_POINT) && y->space) {
		*points = true;
		*end = y->end;
		return j + 2;
	}
	return 0;
}

static bool parse_percent(struct lexer *L, size_t i, bool between, struct pct_match *p)
{
	struct number n1, n2;
	memset(p, 0, sizeof(*p));
	if (!parse_number(L, i, &n1) || n1.scaled)
		return false;
	p->start = lx_at(L, i)->start;
	bool points;
	uint32_t end;
	size_t k = percent_word(L, n1.next, &points, &end);
	if (k) {
		p->v = n1.v;
		p->end = end;
		p->next = k;
		p->points = points;
		/* "5% to 10%", "5%-10%" */
		const struct lexeme *c = lx_at(L, k);
		bool pts2;
		uint32_t end2;
		size_t k2;
		if (is_range_link(L, c, between) && parse_number_in(L, k + 1, &n2) && !n2.scaled &&
		    (k2 = percent_word(L, n2.next, &pts2, &end2)) && n2.v > n1.v) {
			p->vmax = n2.v;
			p->is_range = true;
			p->end = end2;
			p->next = k2;
		}
		return true;
	}
	/* "5-10%", "between 3 and 4 percent" */
	const struct lexeme *c = lx_at(L, n1.next);
	if (is_range_link(L, c, between) && parse_number_in(L, n1.next + 1, &n2) && !n2.scaled &&
	    (k = percent_word(L, n2.next, &points, &end)) && n2.v > n1.v) {
		p->v = n1.v;
		p->vmax = n2.v;
		p->is_range = true;
		p->points = points;
		p->end = end;
		p->next = k;
		return true;
	}
	return false;
}

/* ---- mentions ---- */

/* 15 significant digits: "130.2 million" is 130200000, not 130199999.99999999.
 * The value is the double nearest the decimal that "%.15g" prints, the same
 * as strtod of it.  For 1e-7 <= x < 1e15 it is computed without either: with
 * P = 10^(14 - e) (exact up to 10^22; e the decimal exponent of x, so that
 * 1e14 <= x * P < 1e15), the exact x * P is y + fma(x, P, -y); its nearest
 * integer m has the 15 digits, and m / P, two exact operands, is correctly
 * rounded like strtod.  Near a tie (within 2^-20) printf's own rounding
 * decides.  (Amounts under 1, "50 cents", went through printf and strtod:
 * ~3,000 instructions and ~90 instruction-cache misses each.) */
static double round_sig(double x)
{
	static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
	                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21};
	double P = 0, y = 0;
	if (x >= 1 && x < 1e15) {
		int e = 0;  /* 10^e <= x < 10^(e+1) */
		while (x >= p10[e + 1])
			e++;
		P = p10[14 - e];
		y = x * P;  /* 1e14 <= y <= 1e15: fractions exact */
	} else if (x >= 1e-7 && x < 1) {
		int k = 15;  /* the first 10^k that takes x * 10^k to 1e14 (at 1e21 any x does) */
		while (k < 21 && x * p10[k] < 1e14)
			k++;
		P = p10[k];
		y = x * P;
	}
	if (P != 0) {
		double frac = (y - floor(y)) + fma(x, P, -y);
		if (fabs(frac - 0.5) > 0x1p-20)
			return (frac > 0.5 ? floor(y) + 1 : floor(y)) / P;
	}
	if (x == 0 || !isfinite(x))
		return x;
	char b[32];
	snprintf(b, sizeof(b), "%.15g", x);
	return strtod(b, NULL);
}

static int emit_money(const struct money_state *st, struct document *doc,
                      const struct money_match *mm, const char *modifier, const char *mod,
                      uint32_t equivalent_of)
{
	struct mention *m = mention_add(doc, MT_MONEY, mm->start, mm->end, "pattern:money");
	if (!m)
		return doc->error ? doc->error : -EXT_E_NOMEM;
	m->kind = MV_MONEY;
	m->priority = PRIO_NUMERIC;
	m->rule = equivalent_of != NO_LINK ? "money.equivalent" : mm->rule;
	struct money_value *v = &m->v.money;
	v->amount = round_sig(mm->amount);
	v->amount_max = round_sig(mm->amount_max);
	v->is_range = mm->is_range;
	v->equivalent_of = equivalent_of;
	const struct currency_form *f = mm->f;
	const char *code = f->code;
	if (f->flags & CF_DOLLAR) {
		code = st->dollar;
		v->currency_defaulted = true;
	} else if (f->flags & CF_AMBIGUOUS) {
		v->currency_defaulted = code[0] != '\0';
	}
	memcpy(v->currency, code, strnlen(code, 3));
	v->currency[3] = '\0';
	m->score = v->currency_defaulted || !code[0] ? 0.8f : 0.95f;
	v->currency_text = arena_strndup(doc->arena, doc->text + mm->cur_start,
	                                 mm->cur_end - mm->cur_start);
	v->modifier = modifier;
	v->mod = mod;
	if (!v->currency_text)
		return -EXT_E_NOMEM;
	/* explain mode: which currency row decided, and why a default applied */
	int rc = mention_add_evidence(doc, m, "currency %s \"%s\" -> %s", currency_kind_name(f->kind),
	                              f->form, code[0] ? code : "none");
	if (rc == 0 && (f->flags & CF_DOLLAR))
		rc = mention_add_evidence(doc, m, "dollar sign: engine dollar_currency %s", code);
	else if (rc == 0 && v->currency_defaulted)
		rc = mention_add_evidence(doc, m, "shared by several currencies: default %s", code);
	if (rc == 0 && equivalent_of != NO_LINK)
		rc = mention_add_evidence(doc, m, "restates the amount at byte %u", equivalent_of);
	return rc;
}

static int emit_percent(struct document *doc, const struct pct_match *pm, const char *modifier,
                        const char *mod)
{
	struct mention *m = mention_add(doc, MT_PERCENT, pm->start, pm->end, "pattern:percent");
	if (!m)
		return doc->error ? doc->error : -EXT_E_NOMEM;
	m->kind = MV_PERCENT;
	m->priority = PRIO_NUMERIC;
	m->rule = pm->is_range ? "percent.range" : "percent";
	m->score = 0.95f;
	m->v.percent.value = round_sig(pm->v);
	m->v.percent.value_max = round_sig(pm->vmax);
	m->v.percent.is_range = pm->is_range;
	m->v.percent.points = pm->points;
	m->v.percent.modifier = modifier;
	m->v.percent.mod = mod;
	return 0;
}

/* Can an amount start at lexeme k?  Cheap test before parsing. */
static bool may_start(struct lexer *L, size_t k)
{
	const struct lexeme *x = lx_at(L, k);
	switch (x->type) {
	case LX_NUM:
	case LX_SYM:
		return true;
	case LX_WORD: {
		if ((x->gram & (G_UNIT | G_TENS | G_A | G_HALF | G_QUARTER)) ||
		    (x->cur && (x->cur->flags & CF_PRE)))
			return true;
		size_t len = x->end - x->start;
		const char *w = L->s + x->start;
		if (len == 4 && (w[0] == 'M' || w[0] == 'k' || w[0] == 'K') && is_ascii_upper(w[1]))
			return true;  /* "MEUR", "kUSD" */
		if (len <= 4) {  /* spaced prefix: "C $ 16.4 million", "U.S. $ 5" */
			const struct lexeme *y = lx_at(L, k + 1);
			return y->type == LX_SYM && y->space && L->s[y->start] == '$';
		}
		return false;
	}
	default:
		return false;
	}
}

/* One attempt at lexeme k: a money or percent expression starting there (after
 * any modifier and "between").  Emits what it finds and returns the lexeme to
 * try next (k + 1 when nothing starts at k); *rc < 0 on a limit. */
static size_t attempt(struct lexer *L, struct document *doc, size_t k, int *rc)
{
	const struct money_state *st = L->st;
	const struct lexeme *x = lx_at(L, k);
	/* most lexemes: punctuation, or a word no map knows that is too long
	 * to be a spaced "$" prefix or a scaled code */
	if (x->type == LX_PUNCT || (x->type == LX_WORD && !x->gram && !x->cur && x->end - x->start > 4))
		return k + 1;
	const char *mod = NULL, *modifier = NULL;
	uint32_t mod_start = x->start, mod_end = 0;  /* x may move when the window slides */
	size_t j = k;
	if (x->type == LX_WORD && (x->gram & G_MOD)) {
		j = match_modifier(L, k, &mod, &mod_end);
		if (j == k)
			mod = NULL;
	}
	bool between = false;
	uint32_t between_start = 0;
	if (is_word(lx_at(L, j), G_BETWEEN)) {
		between = true;
		between_start = lx_at(L, j)->start;
		j++;
	}
	if (!may_start(L, j))
		return k + 1;
	struct money_match mm;
	struct pct_match pm;
	bool is_money = parse_money(L, j, between, &mm) && (!between || mm.is_range);
	bool is_pct = !is_money && parse_percent(L, j, between, &pm) && (!between || pm.is_range);
	if (!is_money && !is_pct)
		return k + 1;
	if (mod) {
		/* the modifier as written, kept beside the normalized mod */
		modifier = arena_strndup(doc->arena, doc->text + mod_start, mod_end - mod_start);
		if (!modifier) {
			*rc = -EXT_E_NOMEM;
			return k + 1;
		}
	}
	if (!is_money) {
		if (between)
			pm.start = between_start;
		if ((*rc = emit_percent(doc, &pm, modifier, mod)) < 0)
			return k + 1;
		return pm.next;
	}
	if (between)
		mm.start = between_start;
	if ((*rc = emit_money(st, doc, &mm, modifier, mod, NO_LINK)) < 0)
		return k + 1;
	size_t next = mm.next;
	/* "58 billion yen (US$443.2 million)", "€5m (about $5.4m)" */
	if (is_punct(L, lx_at(L, next), "(")) {
		L->keep = next - 2;
		const char *mod2 = NULL, *modifier2 = NULL;
		uint32_t mod2_end = 0;
		size_t p = next + 1;
		uint32_t p_start = lx_at(L, p)->start;
		size_t q = match_modifier(L, p, &mod2, &mod2_end);
		struct money_match m2;
		if (parse_money(L, q, false, &m2) && is_punct(L, lx_at(L, m2.next), ")")) {
			if (q != p) {
				modifier2 = arena_strndup(doc->arena, doc->text + p_start, mod2_end - p_start);
				if (!modifier2) {
					*rc = -EXT_E_NOMEM;
					return k + 1;
				}
			} else {
				mod2 = NULL;
			}
			if ((*rc = emit_money(st, doc, &m2, modifier2, mod2, mm.start)) < 0)
				return k + 1;
			next = m2.next + 1;
		}
	}
	return next;
}

/* Every lexeme of the text in turn: the reference walk, used when the
 * document has no tokens. */
static int run_all(struct lexer *L, struct document *doc)
{
	int rc = 0;
	for (size_t k = 0;;) {
		L->keep = k >= 2 ? k - 2 : 0;  /* two lexemes of look-behind for context checks */
		if (lx_at(L, k)->type == LX_END)
			return 0;
		if ((k & 4095) == 4095 && doc_over_budget(doc))
			return doc->error;
		k = attempt(L, doc, k, &rc);
		if (rc < 0)
			return rc;
	}
}

/* ---- keys: where in the token stream an expression can be ---- */

/* Every money expression holds a currency lexeme and every percent
 * expression a percent lexeme; those "keys" are rare in running text, so the
 * extractor finds them in doc->tokens and lexes only around them.  Keys: a
 * currency symbol (a TOK_SYMBOL token, or '#'), a word the currency index
 * knows, the first word of a multi-word form when the form follows, a scaled
 * code ("MEUR"), '%', "percent", "pct", "per" (cent), "percentage" (points). */

/* Key of a word of up to 16 bytes: the bytes with bit 0x20 set (ASCII
 * letters lower-cased), zero-padded.  Reads 16 bytes at once when the text
 * (NUL at lim) has them. */
static inline struct akey akey_of(const char *s, size_t lim, size_t p, size_t n)
{
	/* the bytes of a word of n bytes */
	static const uint64_t mask[17] = {
		0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF,
		~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull};
	struct akey k;
	if (p + 16 <= lim) {
		memcpy(&k.lo, s + p, 8);
		memcpy(&k.hi, s + p + 8, 8);
	} else {
		char b[16] = {0};
		for (size_t i = 0; i < n && i < 16; i++)
			b[i] = s[p + i];
		memcpy(&k.lo, b, 8);
		memcpy(&k.hi, b + 8, 8);
	}
	k.lo = (k.lo | 0x2020202020202020ull) & mask[n];
	k.hi = (k.hi | 0x2020202020202020ull) & (n > 8 ? mask[n - 8] : 0);
	return k;
}

static inline uint32_t akey_hash(struct akey k, size_t n)
{
	uint64_t h = (k.lo * 0x9E3779B97F4A7C15ull) ^ (k.hi * 0xff51afd7ed558ccdull) ^ n;
	return (uint32_t)((h * 0xbf58476d1ce4e5b9ull) >> 32);
}

/* Hash of a word for the filter in front of the key set: its first 8 bytes,
 * folded like akey_of, and its length.  One load, an AND with the mask of
 * the word's bytes and one multiply; this runs for every word of the text.
 * The mask is taken by n % 32, so that no branch bounds n: a word of 33
 * bytes is hashed on its first byte, which is still a function of the word,
 * and the filter is built with the same hash. */
static const uint64_t kf_mask[32] = {
	~0ull, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFF, 0xFFFFFFFFFFFF, 0xFFFFFFFFFFFFFF,
	~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
	~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull,
	~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull};

static inline uint64_t kf_mix(uint64_t x, size_t n)
{
	x = ((x | 0x2020202020202020ull) & kf_mask[n % 32]) ^ n;
	return x * 0x9E3779B97F4A7C15ull;
}

/* kf_mix of the 8 bytes at s + p, which the caller knows lie before lim */
static inline uint64_t kf_hash8(const char *s, size_t p, size_t n)
{
	return kf_mix(hm_le64(s + p), n);  /* as kf_hash() builds it: little-endian */
}

static inline uint64_t kf_hash(const char *s, size_t lim, size_t p, size_t n)
{
	if (p + 8 <= lim)
		return kf_hash8(s, p, n);
	uint64_t x = 0;
	for (size_t i = 0; i < n && i < 8; i++)
		x |= (uint64_t)(unsigned char)s[p + i] << (8 * i);
	return kf_mix(x, n);
}

/* Filter in front of the key set: one bit per key, from the top 14 bits of
 * the hash, in 16 Kbit (2 KiB).  Small, because every document reads most
 * of its lines again (at 8 KiB that was ~64 cache misses a document); the
 * ~6% of words it lets through by chance are turned away by the second
 * filter (kf2_get, in plain_candidate), a few instructions each, not by a
 * look-up in the key set.  One bit rather than two: the second bit cost
 * more instructions on every word than it saved. */
static inline uint32_t kf_bit(uint64_t h)
{
	return (uint32_t)(h >> (64 - KF_BITS - 6));
}

static inline bool kf_test(const uint64_t *f, uint64_t h)
{
	uint32_t b = kf_bit(h);
	return (f[b / 64] >> (b % 64)) & 1;
}

/* The second filter's entry of hash h (a word the first one let
 * through): KF2_KEY, KF2_HEAD, both or none.  From another multiply of h:
 * the first filter took its top bits. */
static inline uint32_t kf2_at(uint64_t h)
{
	return (uint32_t)((h * 0xff51afd7ed558ccdull) >> (64 - KF2_BITS));
}

static inline unsigned kf2_get(const struct money_state *st, uint64_t h)
{
	uint32_t b = kf2_at(h);
	return (unsigned)(st->ks_filter2[b / 32] >> (2 * (b % 32))) & 3;
}

static void kf2_add(struct money_state *st, uint64_t h, unsigned v)
{
	uint32_t b = kf2_at(h);
	st->ks_filter2[b / 32] |= (uint64_t)v << (2 * (b % 32));
}

/* Might s[p..p+n) (n <= 16) be in the key set?  Nearly every word of running
 * text is answered here. */
static inline bool ks_maybe(const struct money_state *st, const char *s, size_t lim, size_t p,
                            size_t n)
{
	uint64_t h = kf_hash(s, lim, p, n);
	return kf_test(st->ks_filter, h) && kf2_get(st, h);
}

/* Value (KV_* bits) of s[p..p+n) (n <= 16) in the key set, folded; 0 if
 * absent.  ks_find() when the filter has let the word through already. */
static uint8_t ks_find(const struct money_state *st, const char *s, size_t lim, size_t p,
                       size_t n)
{
	struct akey k = akey_of(s, lim, p, n);
	uint32_t h = akey_hash(k, n);
	for (uint32_t j = h >> (32 - KS_BITS);; j = (j + 1) & (KS_SLOTS - 1)) {
		const struct ks_slot *sl = &st->ks[j];
		if (!sl->len)
			return 0;
		if (sl->len == n && sl->key.lo == k.lo && sl->key.hi == k.hi)
			return sl->value;
	}
}

static uint8_t ks_get(const struct money_state *st, const char *s, size_t lim, size_t p, size_t n)
{
	return ks_maybe(st, s, lim, p, n) ? ks_find(st, s, lim, p, n) : 0;
}

/* Set the filter bits of the word w[0..n), of any length: v the second
 * filter's (KF2_KEY, KF2_HEAD). */
static void kf_add(struct money_state *st, const char *w, size_t n, unsigned v)
{
	uint64_t h = kf_hash(w, n, 0, n);
	uint32_t b = kf_bit(h);
	st->ks_filter[b / 64] |= 1ull << (b % 64);
	kf2_add(st, h, v);
}

/* The second filter's bits of a key set value: a phrase head on its own
 * asks for the next word (next_candidate). */
static inline unsigned kf2_of(uint8_t value)
{
	return ((value & KV_HEAD) ? KF2_HEAD : 0) | ((value & ~KV_HEAD) ? KF2_KEY : 0);
}

static void ks_add(struct money_state *st, const char *w, size_t n, uint8_t value)
{
	if (n == 0 || n > 16)
		return;
	struct akey k = akey_of(w, n, 0, n);
	uint32_t h = akey_hash(k, n);
	uint32_t j = h >> (32 - KS_BITS);
	for (; st->ks[j].len; j = (j + 1) & (KS_SLOTS - 1)) {
		if (st->ks[j].len == n && st->ks[j].key.lo == k.lo && st->ks[j].key.hi == k.hi) {
			st->ks[j].value |= value;
			kf_add(st, w, n, kf2_of(value));
			return;
		}
	}
	st->ks[j].key = k;
	st->ks[j].len = (uint8_t)n;
	st->ks[j].value = value;
	kf_add(st, w, n, kf2_of(value));
}

/* "MEUR", "kUSD": what scaled_code may accept, before its look-up. */
static inline bool scaled_code_shape(const char *w, size_t n)
{
	return n == 4 && (w[0] == 'M' || w[0] == 'k' || w[0] == 'K') && is_ascii_upper(w[1]) &&
	       is_ascii_upper(w[2]) && is_ascii_upper(w[3]);
}

/* Token flags of a word the lexer may split further. */
#define TF_SPLIT (TF_HAS_DIGIT | TF_HYPHEN | TF_APOS | TF_POSSESSIVE | TF_ABBREV)

static inline uint32_t p2_bit(uint64_t h)
{
	return (uint32_t)(h >> (64 - P2_BITS));
}

/* May the word s[p..p+n) be the second word of a multi-word form? */
static inline bool p2_test(const struct money_state *st, const char *s, size_t lim, size_t p,
                           size_t n)
{
	uint32_t b = p2_bit(kf_hash(s, lim, p, n));
	return (st->p2_filter[b / 64] >> (b % 64)) & 1;
}

/* Does a multi-word currency form start at word token a, as phrase_currency
 * would build it from the lexemes?  Errs towards yes. */
static bool phrase_follows(const struct money_state *st, const struct document *doc, size_t a,
                           size_t n)
{
	char buf[FOLD_MAX_KEY + 1];
	size_t len = 0, maxw = currency_max_words(st->ci);
	for (size_t w = 0; w < maxw && a + w < doc->ntokens; w++) {
		const struct token *y = &doc->tokens[a + w];
		if (y->type != TOK_WORD || (w > 0 && !(y->flags & TF_SPACE_BEFORE)))
			return false;
		/* a head that is a whole abbreviation ("U.S.", common in news) is
		 * the lexer's word as well: its next word decides */
		bool whole_abbrev = w == 0 && (y->flags & TF_SPLIT) == TF_ABBREV && y->end - y->start == n;
		if ((y->flags & TF_SPLIT) && !whole_abbrev)
			return true;  /* the lexer splits it: not worth the care */
		size_t wl = y->end - y->start;
		if (len + wl + (w > 0) > FOLD_MAX_KEY)
			return false;
		/* most heads ("New", "South", "British") are followed by a word no
		 * form has second: one filter test, before the copies and look-up
		 * (the head itself is copied only once it passes) */
		if (w == 1) {
			if (!p2_test(st, doc->text, doc->len, y->start, wl))
				return false;
			memcpy(buf, doc->text + doc->tokens[a].start, len);
		}
		if (w > 0) {
			buf[len++] = ' ';
			memcpy(buf + len, doc->text + y->start, wl);
		}
		len += wl;
		if (w == 1 && !fold_hash_get(st->phrase2, buf, len))
			return false;  /* no form starts with these two words */
		if (w > 0 && currency_lookup(st->ci, buf, len))
			return true;
	}
	return false;
}

/* Is the form s[p..p+n) with key set value v written so that the lexer takes
 * it as a currency? */
static inline bool form_ok(const struct money_state *st, const char *s, size_t p, size_t n,
                           uint8_t v)
{
	return (v & KV_ANYCASE) || ((v & KV_FORM) && currency_lookup(st->ci, s + p, n));
}

/* Is the word s[p..p+n) a key as the lexer would classify it?  Also tries the
 * form with a following period ("Rs."), which the lexer keeps.  a: the token
 * the word is in, for phrases.  passed: the key filter (ks_maybe) has let
 * s[p..p+n) through already (next_candidate, key_runs), so it is not
 * hashed and tested again. */
static bool key_word(const struct money_state *st, const struct document *doc, size_t a,
                     size_t p, size_t n, bool passed)
{
	const char *s = doc->text, *w = s + p;
	size_t lim = doc->len;
	if (scaled_code_shape(w, n))
		return true;
	if (n > FOLD_MAX_KEY)
		return false;
	if (n > 16) {
		/* longer than the key set holds: ask the maps */
		return currency_lookup(st->ci, w, n) ||
		       (fold_hash_get(st->gram, w, n) & (G_PERCENT | G_PER | G_PCTAGE)) ||
		       (currency_is_phrase_head(st->ci, w, n) &&
		        (doc->tokens[a].start != p || phrase_follows(st, doc, a, n)));
	}
	uint8_t v = passed ? ks_find(st, s, lim, p, n) : ks_get(st, s, lim, p, n);
	if ((v & KV_PERCENT) || form_ok(st, s, p, n, v))
		return true;
	if ((v & KV_HEAD) && (doc->tokens[a].start != p || phrase_follows(st, doc, a, n)))
		return true;
	return (v & KV_DOT) && n <= 3 && p + n < lim && w[n] == '.' &&
	       form_ok(st, s, p, n + 1, ks_get(st, s, lim, p, n + 1));
}

/* Words the lexer makes inside a word token split at hyphens, apostrophes,
 * periods and digits ("12-cent", "Rs.5", "U.S."): the whole token and each run
 * of letters. */
static bool key_runs(const struct money_state *st, const struct document *doc, size_t a)
{
	const char *s = doc->text;
	size_t b = doc->tokens[a].end, i = doc->tokens[a].start;
	/* the whole token ("year-old", "it's", "U.N."): key_word answers no
	 * at once when the filter does, so ask the filter first */
	if ((b - i > 16 || scaled_code_shape(s + i, b - i) || ks_maybe(st, s, doc->len, i, b - i)) &&
	    key_word(st, doc, a, i, b - i, true))
		return true;
	while (i < b) {
		size_t r = i;
		/* a run: ASCII letters and non-ASCII bytes but ’ (one table load a
		 * byte) */
		for (unsigned k; i < b && ((k = cclass[(unsigned char)s[i]]) == CC_ALPHA ||
		                          (k == CC_HIGH &&
		                           !(i + 3 <= b && memcmp(s + i, "\xe2\x80\x99", 3) == 0)));)
			i++;
		size_t n = i - r;
		if (n > 0 && n < b - doc->tokens[a].start && (n > 16 || ks_maybe(st, s, doc->len, r, n)) &&
		    key_word(st, doc, a, r, n, true))
			return true;
		if (i < b)
			i += (unsigned char)s[i] >= 0x80 ? 3 : 1;  /* the separator: ASCII or ’ */
	}
	return false;
}

static inline bool ascii_alpha(char c)
{
	return is_ascii_upper(c) || is_ascii_lower(c);
}

/* A period between two letters ("one-u.s."): the lexer may join it into a
 * dotted word the tokenizer split, its first letter glued to the token
 * before. */
static inline bool dot_in_word(const char *s, size_t n, size_t i)
{
	return i > 0 && i + 1 < n && ascii_alpha(s[i - 1]) && ascii_alpha(s[i + 1]);
}

/* End of the dotted word scan_word would make from the letter at p ("u.s."):
 * one-letter segments joined by periods, and the closing period. */
static size_t dotted_end(const char *s, size_t n, size_t p)
{
	size_t q = p + 1, seg = p;
	for (;;) {
		while (q < n && ascii_alpha(s[q]))
			q++;
		if (q + 1 < n && s[q] == '.' && q - seg == 1 && ascii_alpha(s[q + 1]) &&
		    (q + 2 >= n || !isalnum_ascii(s[q + 2]))) {
			q++;
			seg = q;
			continue;
		}
		break;
	}
	if (seg != p && q < n && s[q] == '.')
		q++;
	return q;
}

/* Is some dotted word through the period at i a key ("one-u.s. dollars")?
 * Tries each one-letter start of the chain before it. */
static bool key_dotted(const struct money_state *st, const struct document *doc, size_t a, size_t i)
{
	const char *s = doc->text;
	size_t p = i - 1;
	for (int guard = 0; guard < 16; guard++) {
		if (key_word(st, doc, a, p, dotted_end(s, doc->len, p) - p, false))
			return true;
		if (p < 2 || s[p - 1] != '.' || !ascii_alpha(s[p - 2]))
			break;
		p -= 2;
	}
	return false;
}

/* First bytes of the punctuation tokens that may be keys: '%', '#', a
 * full-width percent sign (0xEF...), and '.' (a period inside a dotted
 * word).  The ASCII ones as bits of a constant, so that the common commas
 * and periods cost a shift and no table line. */
#define PUNCT_CUES (1ull << '%' | 1ull << '#' | 1ull << '.')

static inline bool punct_cue(unsigned char c)
{
	return c < 64 ? (PUNCT_CUES >> c) & 1 : c == 0xEF;
}

/* May token t, neither a plain word nor punctuation, hold a key?  A word
 * the lexer splits, a word near the end of the text, a symbol. */
static bool odd_candidate(const struct money_state *st, const char *s, size_t lim,
                          const struct token *t)
{
	if (t->type == TOK_WORD) {
		size_t n = t->end - t->start;
		return (t->flags & TF_SPLIT) || n > 16 || ks_maybe(st, s, lim, t->start, n);
	}
	return t->type == TOK_SYMBOL;
}

/* The plain word token a, whose hash h the key filter let through: may it
 * be a key?  The second filter's bits: a key; or a phrase head (most are
 * "New", "South", "British", "U.S.", rarely money) when phrase_follows()'s
 * first step passes: the next token a word after a space, one the lexer
 * splits or one the second-word filter lets through.  Errs towards yes. */
static __attribute__((noinline)) bool plain_candidate(const struct money_state *st,
                                                      const struct document *doc, size_t a,
                                                      uint64_t h)
{
	unsigned v = kf2_get(st, h);
	if (v & KF2_KEY)
		return true;
	if (!v || a + 1 >= doc->ntokens)
		return false;
	const struct token *y = &doc->tokens[a + 1];
	if (y->type != TOK_WORD || !(y->flags & TF_SPACE_BEFORE))
		return false;
	return (y->flags & TF_SPLIT) || p2_test(st, doc->text, doc->len, y->start, y->end - y->start);
}

/* Index of the first token from a on that may be a key, or ntok: the cheap
 * test, one filter test for most words.  The loop is the hot path of the
 * extractor (every token of the text), so a plain word (TOK_WORD, which is
 * 0, with no flag the lexer splits at: one test on the flags and type read
 * together) whose first 8 bytes lie inside the text is hashed and tested in
 * line, with no call and no branch on its length (the filter holds the
 * longer keys too, see money_load); punctuation by a table of first bytes;
 * everything else goes to odd_candidate. */
static __attribute__((noinline)) size_t next_candidate(const struct money_state *st,
                                                       const struct document *doc, size_t a)
{
	_Static_assert(TOK_WORD == 0 && offsetof(struct token, type) == offsetof(struct token, flags) + 2,
	               "flags and type are read as one 32-bit word");
	const struct token *tok = doc->tokens;
	const char *s = doc->text;
	const uint64_t *f = st->ks_filter;
	size_t ntok = doc->ntokens, lim = doc->len;
	const uint32_t not_plain = 0xFFu << 16 | TF_SPLIT;  /* type byte, split flags */
	for (; a < ntok; a++) {
		const struct token *t = &tok[a];
		uint32_t ft;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		memcpy(&ft, &t->flags, sizeof(ft));  /* flags, then type: one load */
#else
		ft = (uint32_t)t->flags | (uint32_t)t->type << 16;
#endif
		size_t p = t->start;
		if (!(ft & not_plain) && p + 8 <= lim) {
			uint64_t h = kf_hash8(s, p, t->end - p);
			if (kf_test(f, h) && plain_candidate(st, doc, a, h))
				return a;
			continue;
		}
		if (t->type == TOK_PUNCT) {
			unsigned char c = (unsigned char)s[p];
			if (punct_cue(c) && (c != '.' || dot_in_word(s, lim, p)))
				return a;
			continue;
		}
		if (odd_candidate(st, s, lim, t))
			return a;
	}
	return ntok;
}

/* Does candidate token a hold a key lexeme?  a came from next_candidate,
 * which returns a word the lexer does not split, of up to 16 bytes, only
 * when the key filter lets it through. */
static bool is_key(const struct money_state *st, const struct document *doc, size_t a)
{
	const struct token *t = &doc->tokens[a];
	size_t n = t->end - t->start;
	const char *w = doc->text + t->start;
	switch (t->type) {
	case TOK_WORD:
		if (t->flags & TF_SPLIT)
			return key_runs(st, doc, a);
		return key_word(st, doc, a, t->start, n, true);
	case TOK_SYMBOL:
		return true;
	case TOK_PUNCT:
		if (w[0] == '.')
			return dot_in_word(doc->text, doc->len, t->start) && key_dotted(st, doc, a, t->start);
		return w[0] == '%' || w[0] == '#' || (n == 3 && memcmp(w, "\xef\xbc\x85", 3) == 0);
	default:
		return false;
	}
}

/* First token of the whitespace-delimited chunk holding token i, or the
 * first from i back that starts at or before done (all before it has been
 * tried: stopping there keeps a long glued chunk, "$1$1$1...", linear).  A
 * chunk start is a lexeme start: no lexeme holds whitespace. */
static inline size_t chunk_start(const struct token *tok, size_t i, uint32_t done)
{
	while (i > 0 && !(tok[i].flags & TF_SPACE_BEFORE) && tok[i].start > done)
		i--;
	return i;
}

/* May the last lexeme of the chunk ending with token i stand before the first
 * key of an expression: a number, a number word or scale, a dash, "to",
 * "and", "of", a spaced decimal point ("1 . 5"), a modifier word, "between",
 * the word of a spaced "C $"?  next: first token of the following chunk.
 * Errs towards yes. */
static bool bridge_lexeme(const struct money_state *st, const char *s, const struct token *tok,
                          size_t i, const struct token *next)
{
	const struct token *t = &tok[i];
	size_t n = t->end - t->start;
	const char *w = s + t->start;
	switch (t->type) {
	case TOK_NUMBER:
		return true;
	case TOK_SYMBOL:
		return false;  /* a key: an expression holding it is found from it */
	case TOK_PUNCT: {
		/* "1 . 5 billion"; or the end of a dotted word the tokenizer split,
		 * which may be the word of a spaced "U.S. $" */
		if (w[0] == '.')
			return (t->flags & TF_SPACE_BEFORE) || (next->type == TOK_SYMBOL &&
			                                        next->end - next->start == 1 &&
			                                        s[next->start] == '$');
		int len;
		return uc_is_dash(utf8_decode(s, t->end, t->start, &len));
	}
	default:
		break;
	}
	if (t->flags & (TF_HAS_DIGIT | TF_HYPHEN | TF_APOS | TF_POSSESSIVE | TF_ABBREV))
		return true;  /* split further by the lexer: not worth the care */
	if (n <= 4 && next->type == TOK_SYMBOL && next->end - next->start == 1 && s[next->start] == '$')
		return true;  /* "C $ 16.4 million" */
	return n <= FOLD_MAX_KEY && fold_hash_get(st->bridge, w, n) != 0;
}

/* Only around keys: for each key token, lex from a few chunks before it and
 * try every lexeme from the first chunk that may begin an expression reaching
 * it to the key's end.  An expression starts nowhere else, so this finds what
 * run_all finds, as long as is_key knows every lexeme the parser takes as a
 * currency or percent and bridge_lexeme every lexeme it takes before the first
 * of them: a grammar change that adds either must add it there too (the
 * reference tests in test-money.c catch a miss among their pieces).  The lexer restarts at chunk boundaries (whitespace), where
 * its lexemes are those of a walk from the start, two chunks before the first
 * try for the look-behind of the context checks ("weighs 300 pounds", "in
 * 2015 dollars"). */
static int run_keys(struct lexer *L, struct document *doc, size_t first_key)
{
	const struct money_state *st = L->st;
	const struct token *tok = doc->tokens;
	const char *s = doc->text;
	size_t ntok = doc->ntokens, k = 0, regions = 0;
	uint32_t done = 0;  /* every lexeme starting before this byte has been tried or skipped */
	int rc = 0;
	for (size_t a = first_key; (a = next_candidate(st, doc, a)) < ntok; a++) {
		const struct token *t = &tok[a];
		if (t->end <= done || !is_key(st, doc, a))
			continue;
		if ((++regions & 255) == 0 && doc_over_budget(doc))
			return doc->error;
		/* walk back over chunks whose last lexeme may come before a key */
		size_t cs = chunk_start(tok, a, done);
		while (cs > 0 && tok[cs].start > done && bridge_lexeme(st, s, tok, cs - 1, &tok[cs]))
			cs = chunk_start(tok, cs - 1, done);
		uint32_t first = tok[cs].start;
		size_t r = cs;
		for (int c = 0; c < 2 && r > 0 && tok[r].start > done; c++)
			r = chunk_start(tok, r - 1, done);
		/* a chunk start, or at or before done, where the lexer has been */
		size_t restart = r == 0 ? 0 : tok[r - 1].end;
		if (restart > L->pos) {
			/* a gap: nothing lexed so far reaches the first try */
			k = L->base + L->count;
			L->base = k;
			L->count = 0;
			L->pos = restart;
		}
		for (;;) {
			L->keep = k >= 2 ? k - 2 : 0;
			const struct lexeme *x = lx_at(L, k);
			if (x->type == LX_END)
				return 0;
			if (x->start >= t->end) {
				done = x->start;
				break;
			}
			if (x->start < first) {
				k++;
				continue;
			}
			k = attempt(L, doc, k, &rc);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static int money_run(const void *state, struct document *doc, struct scratch *s)
{
	const struct money_state *st = state;
	UNUSED(s);
	/* Most documents hold no key: look for the first one before the lexer
	 * (10 KiB) is allocated and set up.  It comes from the request arena,
	 * not malloc: a bump of a pointer in memory the document already uses,
	 * where malloc and free cost ~30 instruction-cache misses a document
	 * (glibc's large-chunk paths, evicted by the other stages). */
	size_t first = 0, ntok = doc->ntokens;
	if (ntok) {
		while ((first = next_candidate(st, doc, first)) < ntok && !is_key(st, doc, first))
			first++;
		if (first == ntok)
			return 0;
	}
	struct lexer *L = arena_alloc(doc->arena, sizeof(*L));
	if (!L)
		return -EXT_E_NOMEM;
	memset(L, 0, offsetof(struct lexer, buf));
	L->st = st;
	L->s = doc->text;
	L->n = doc->len;
	L->end.type = LX_END;
	L->end.start = L->end.end = (uint32_t)doc->len;
	int rc = doc->ntokens || !doc->len ? run_keys(L, doc, first) : run_all(L, doc);
	return rc < 0 ? rc : 0;
}

/* ---- load / unload ---- */

static void money_unload(void *state)
{
	struct money_state *st = state;
	if (!st)
		return;
	currency_index_free(st->ci);
	fold_hash_free(st->gram);
	fold_hash_free(st->bridge);
	fold_hash_free(st->phrase2);
	free(st);
}

static int money_load(const struct engine_config *cfg, void **state, char *err, size_t errlen)
{
	struct money_state *st = xcalloc(1, sizeof(*st));
	const char *dollar = cfg && cfg->dollar_currency ? cfg->dollar_currency : "USD";
	int rc = -EXT_E_BAD_DATA;
	if (strlen(dollar) != 3) {
		snprintf(err, errlen, "money: dollar_currency must be a 3-letter ISO code, got \"%s\"",
		         dollar);
		rc = -EXT_E_BAD_PARAMETER;
		goto fail;
	}
	memcpy(st->dollar, dollar, 4);
	st->ci = currency_index_new();
	if (!st->ci) {
		snprintf(err, errlen, "money: generated currency table is not sorted");
		goto fail;
	}
	st->gram = fold_hash_new(ARRAY_SIZE(gram_words) + ARRAY_SIZE(modifiers));
	for (size_t i = 0; i < ARRAY_SIZE(gram_words); i++) {
		const char *w = gram_words[i].w;
		if (fold_hash_get(st->gram, w, strlen(w)) || i > GV_MASK)
			goto dup;
		if (fold_hash_or(st->gram, w, strlen(w), gram_words[i].bits | (uint32_t)i << GV_SHIFT) < 0)
			goto dup;
	}
	for (size_t i = 0; i < ARRAY_SIZE(modifiers); i++) {
		const char *w = modifiers[i].words[0];
		if (i > 0 && strcmp(modifiers[i - 1].words[0], w) == 0)
			continue;
		if (i + 1 > GM_MAX)
			goto dup;
		if (fold_hash_get(st->gram, w, strlen(w)) >> GM_SHIFT)
			goto dup;  /* rows with this first word are not adjacent */
		if (fold_hash_or(st->gram, w, strlen(w), G_MOD | (uint32_t)(i + 1) << GM_SHIFT) < 0)
			goto dup;
	}
	/* the word filter: every key of both maps, and first words of phrases */
	for (size_t i = 0; i < ARRAY_SIZE(gram_words); i++)
		filter_add(st, gram_words[i].w, strlen(gram_words[i].w));
	for (size_t i = 0; i < ARRAY_SIZE(modifiers); i++)
		filter_add(st, modifiers[i].words[0], strlen(modifiers[i].words[0]));
	for (size_t i = 0; i < currency_forms_count; i++) {
		const char *f = currency_forms[i].form, *sp = strchr(f, ' ');
		filter_add(st, f, strlen(f));
		if (sp)
			filter_add(st, f, (size_t)(sp - f));
	}
	/* bridge words: grammar words and every word of a modifier */
	st->bridge = fold_hash_new(ARRAY_SIZE(gram_words) + 4 * ARRAY_SIZE(modifiers));
	for (size_t i = 0; i < ARRAY_SIZE(gram_words); i++)
		if (fold_hash_or(st->bridge, gram_words[i].w, strlen(gram_words[i].w), 1) < 0)
			goto dup;
	for (size_t i = 0; i < ARRAY_SIZE(modifiers); i++)
		for (size_t w = 0; w < 4 && modifiers[i].words[w]; w++)
			if (fold_hash_or(st->bridge, modifiers[i].words[w], strlen(modifiers[i].words[w]), 1) < 0)
				goto dup;
	/* key set: every currency form and first word, the percent words */
	st->phrase2 = fold_hash_new(currency_forms_count);
	for (size_t i = 0; i < currency_forms_count; i++) {
		const struct currency_form *cf = &currency_forms[i];
		const char *f = cf->form, *sp = strchr(f, ' ');
		if (strpbrk(f, "$#"))
			continue;  /* symbols: TOK_SYMBOL tokens, found without a look-up */
		if (!sp) {
			size_t n = strlen(f);
			ks_add(st, f, n, (cf->flags & CF_CASE) ? KV_FORM : KV_FORM | KV_ANYCASE);
			if (n >= 2 && n <= 4 && f[n - 1] == '.')
				ks_add(st, f, n - 1, KV_DOT);
			if (cf->kind == CK_CODE && n == 3) {
				char sc[4] = {'m', f[0], f[1], f[2]};
				ks_add(st, sc, 4, KV_SCALED);
				sc[0] = 'k';
				ks_add(st, sc, 4, KV_SCALED);
			}
			continue;
		}
		ks_add(st, f, (size_t)(sp - f), KV_HEAD);
		const char *sp2 = strchr(sp + 1, ' ');
		size_t n2 = sp2 ? (size_t)(sp2 - f) : strlen(f);
		if (n2 <= FOLD_MAX_KEY && fold_hash_or(st->phrase2, f, n2, 1) < 0)
			goto dup;
		size_t p2 = (size_t)(sp + 1 - f);
		if (n2 > p2) {
			uint32_t b = p2_bit(kf_hash(f, n2, p2, n2 - p2));
			st->p2_filter[b / 64] |= 1ull << (b % 64);
		}
	}
	for (size_t i = 0; i < ARRAY_SIZE(gram_words); i++)
		if (gram_words[i].bits & (G_PERCENT | G_PER | G_PCTAGE))
			ks_add(st, gram_words[i].w, strlen(gram_words[i].w), KV_PERCENT);
	/* words over 16 bytes that key_word may take, so that the word loop
	 * needs no length test (next_candidate): every currency form or first
	 * word, every percent word (the shorter ones are in the key set) */
	for (size_t i = 0; i < currency_forms_count; i++) {
		const char *f = currency_forms[i].form, *sp = strchr(f, ' ');
		size_t n = sp ? (size_t)(sp - f) : strlen(f);
		if (n > 16)
			kf_add(st, f, n, KF2_KEY);
	}
	for (size_t i = 0; i < ARRAY_SIZE(gram_words); i++)
		if ((gram_words[i].bits & (G_PERCENT | G_PER | G_PCTAGE)) &&
		    strlen(gram_words[i].w) > 16)
			kf_add(st, gram_words[i].w, strlen(gram_words[i].w), KF2_KEY);
	*state = st;
	return 0;
dup:
	snprintf(err, errlen, "money: bad grammar word table");
fail:
	money_unload(st);
	return rc;
}

const struct extractor ext_money = {
	.name = "money",
	.version = "1",
	.load = money_load,
	.run = money_run,
	.unload = money_unload,
};
