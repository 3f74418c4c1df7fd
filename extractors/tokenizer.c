/* tokenizer.c: a hand-written, single-pass tokenizer for news text, and the
 * sentence splitter that runs over its tokens.  See tokenizer.h for the rules.
 *
 * Why hand-written: the decisions that matter (is this period part of "U.S."?
 * does "24,000" stay one number? is "US$" one symbol?) need one or two code
 * points of look-ahead and a small abbreviation list; a regex per decision would
 * re-scan the text.  The tokenizer never copies text: tokens are byte spans.
 *
 * Speed: the common tokens (plain ASCII words, one-byte marks, one space
 * after each) take a loop of their own over 64-byte class masks (struct
 * cls_block): a word's end is a count of trailing zeros, its flags one or
 * three bit tests, and the next word follows without the lead-byte
 * dispatch.  Everything else goes byte by byte through the dispatch.  The
 * result is the same token for token (a random-text comparison against the
 * byte-wise tokenizer was run when the masks came in). */
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "document.h"
#include "errors.h"
#include "tokenizer.h"
#include "util.h"

/* Abbreviations that keep their period: titles and ranks, organisations
 * ("Inc", "Corp"), months and days, US state abbreviations, units and a few
 * others.  `ends` marks those that often end a sentence too ("Inc.", "U.S."):
 * after them we split only before a word that typically starts a sentence.
 * Keep the table sorted in byte (strcmp) order: abbrev_find() bisects it, and
 * test-tokenizer checks every entry is found. */
struct abbrev {
	const char *s;
	uint8_t n;
	bool ends;
};

#define AB(str, e) {str, sizeof(str) - 1, e}
static const struct abbrev abbrevs[] = {
	AB("Adm", false), AB("Ala", true), AB("Apr", false), AB("Ariz", true), AB("Ark", true),
	AB("Assn", false), AB("Assoc", false), AB("Aug", false), AB("Ave", true), AB("Blvd", true),
	AB("Bros", true), AB("Calif", true), AB("Capt", false), AB("Cmdr", false), AB("Co", true),
	AB("Col", false), AB("Colo", true), AB("Conn", true), AB("Corp", true), AB("Cpt", false),
	AB("Dec", false), AB("Del", true), AB("Dept", false), AB("Det", false), AB("Dr", false),
	AB("Feb", false), AB("Fig", false), AB("Fla", true), AB("Fr", false), AB("Fri", false),
	AB("Ft", false), AB("Ga", true), AB("Gen", false), AB("Gov", false), AB("Gov't", false),
	AB("Govt", false), AB("Hon", false), AB("Ill", true), AB("Inc", true), AB("Ind", true),
	AB("Insp", false), AB("Intl", false), AB("Jan", false), AB("Jr", true), AB("Jul", false),
	AB("Jun", false), AB("Kan", true), AB("Ky", true), AB("La", true), AB("Lt", false),
	AB("Ltd", true), AB("Maj", false), AB("Mar", false), AB("Mass", true), AB("Md", true),
	AB("Messrs", false), AB("Mich", true), AB("Minn", true), AB("Miss", true),
	AB("Mlle", false), AB("Mme", false), AB("Mmes", false), AB("Mon", false), AB("Mr", false),
	AB("Mrs", false), AB("Ms", false), AB("Mt", false), AB("Mx", false), AB("Neb", true),
	AB("Nev", true), AB("No", false), AB("Nos", false), AB("Nov", false), AB("Oct", false),
	AB("Okla", true), AB("Ore", true), AB("Pa", true), AB("Penn", true), AB("Plc", true),
	AB("Pres", false), AB("Prof", false), AB("Rd", true), AB("Rep", false), AB("Rev", false),
	AB("Sat", false), AB("Sen", false), AB("Sep", false), AB("Sept", false), AB("Sgt", false),
	AB("Sr", true), AB("St", false), AB("Sun", false), AB("Supt", false), AB("Tenn", true),
	AB("Thu", false), AB("Thur", false), AB("Thurs", false), AB("Tue", false),
	AB("Tues", false), AB("Univ", false), AB("Va", true), AB("Vol", false), AB("Wash", true),
	AB("Wed", false), AB("Wis", true), AB("al", true), AB("approx", false), AB("ca", false),
	AB("cf", false), AB("est", false), AB("etc", true), AB("fig", false), AB("ft", false),
	AB("lb", false), AB("lbs", false), AB("oz", false), AB("v", false), AB("vs", false),
};
#undef AB

/* The word s[0..n) against entry e, in strcmp order. */
static int abbrev_cmp(const char *s, size_t n, const struct abbrev *e)
{
	size_t m = n < e->n ? n : e->n;
	for (size_t k = 0; k < m; k++) {
		if (s[k] != e->s[k])
			return (unsigned char)s[k] < (unsigned char)e->s[k] ? -1 : 1;
	}
	return n < e->n ? -1 : n > e->n;
}

/* Bit n of abbrev_lens[c]: some entry of abbrevs[] starts with c and is n
 * bytes long.  Most words before a period are no abbreviation, and this one
 * load turns nearly all of them away before the bisection (whose compares
 * branch unpredictably).  Keep in step with abbrevs[]: test-tokenizer finds
 * every entry through it. */
static const uint8_t abbrev_lens[256] = {
	['A'] = 0x38, ['B'] = 0x10, ['C'] = 0x3c, ['D'] = 0x1c, ['F'] = 0x0c, ['G'] = 0x3c,
	['H'] = 0x08, ['I'] = 0x18, ['J'] = 0x0c, ['K'] = 0x0c, ['L'] = 0x0c, ['M'] = 0x5c,
	['N'] = 0x0c, ['O'] = 0x18, ['P'] = 0x1c, ['R'] = 0x0c, ['S'] = 0x1c, ['T'] = 0x38,
	['U'] = 0x10, ['V'] = 0x0c, ['W'] = 0x18, ['a'] = 0x44, ['c'] = 0x04, ['e'] = 0x08,
	['f'] = 0x0c, ['l'] = 0x0c, ['o'] = 0x04, ['v'] = 0x06,
};

static const struct abbrev *abbrev_find(const char *s, size_t n)
{
	if (n == 0 || n > 6 || !(abbrev_lens[(unsigned char)s[0]] & (1u << n)))
		return NULL; /* no entry is longer, or none has this first byte and length */
	size_t lo = 0, hi = ARRAY_SIZE(abbrevs);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = abbrev_cmp(s, n, &abbrevs[mid]);
		if (!c)
			return &abbrevs[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

bool tok_is_abbreviation(const char *s, size_t n)
{
	return abbrev_find(s, n) != NULL;
}

/* Words that usually open a sentence; after an abbreviation that may end a
 * sentence ("... in the U.S. The ...") we split only before one of these. */
static const char *const starters[] = {
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That",
	"These", "Those", "But", "And", "Or", "So", "Yet", "In", "On", "At", "For", "As",
	"If", "When", "While", "After", "Before", "Its", "His", "Her", "Their", "Our",
	"There", "Here", "However", "Meanwhile", "Still", "Also", "Some", "Many", "Most",
	"What", "Why", "How", "Who", "Where", "Shares", "Analysts", "Officials",
};

static bool is_starter(const char *s, size_t n)
{
	for (size_t i = 0; i < ARRAY_SIZE(starters); i++) {
		if (starters[i][0] == s[0] && !strncmp(starters[i], s, n) && starters[i][n] == '\0')
			return true;
	}
	return false;
}

/* ASCII character classes: one table lookup per byte in the hot loops. */
enum { C_UP = 1, C_LO = 2, C_DIG = 4, C_ALNUM = C_UP | C_LO | C_DIG };
static const uint8_t ascii_cls[256] = {
	['0' ... '9'] = C_DIG,
	['A' ... 'Z'] = C_UP,
	['a' ... 'z'] = C_LO,
};

static inline bool ascii_alpha(unsigned char c)
{
	return ascii_cls[c] & (C_UP | C_LO);
}

static inline bool ascii_alnum(unsigned char c)
{
	return ascii_cls[c] & C_ALNUM;
}

static bool is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

static bool is_word_cp(uint32_t cp)
{
	return uc_is_letter(cp) || (cp >= '0' && cp <= '9');
}

struct tok_builder {
	struct document *doc;
	struct token *v;
	size_t n, cap;
	size_t lim;     /* min(cap, max_tokens): push_slow() is due at n == lim */
	uint64_t *ends; /* bit i: token i may end a sentence (cap bits; see
	                 * split_sentences()) */
};

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

/* The first token array's size: len/4 + 64 tokens, rounded up to 64, at
 * least 256 and at most 1 << 20 (12 MB; a longer text doubles from there). */
static size_t tok_first_cap(size_t len)
{
	size_t cap = (len / 4 + 64 + 63) & ~(size_t)63;
	if (cap < 256)
		return 256;
	return cap < ((size_t)1 << 20) ? cap : (size_t)1 << 20;
}

static __attribute__((noinline)) int push_slow(struct tok_builder *b)
{
	if (b->doc->max_tokens && b->n >= b->doc->max_tokens) {
		doc_fail(b->doc, -EXT_E_TOO_COMPLEX, "token limit (max_tokens) exceeded");
		return -EXT_E_TOO_COMPLEX;
	}
	if (b->n == b->cap) {
		/* the first array is sized for the text (news has about one
		 * token every 5 bytes): starting at 256 and doubling copied it
		 * once in most articles.  A multiple of 64 (the ends bitmap). */
		size_t ncap = b->cap ? b->cap * 2 : tok_first_cap(b->doc->len);
		struct token *nv = arena_realloc(b->doc->arena, b->v, b->n * sizeof(*nv),
		                                 ncap * sizeof(*nv));
		uint64_t *ne = arena_realloc(b->doc->arena, b->ends, b->cap / 8, ncap / 8);
		if (!nv || !ne) {
			doc_fail(b->doc, -EXT_E_NOMEM, "request memory limit exceeded");
			return -EXT_E_NOMEM;
		}
		memset(ne + b->cap / 64, 0, (ncap - b->cap) / 8);
		b->v = nv;
		b->ends = ne;
		b->cap = ncap;
	}
	b->lim = b->cap;
	if (b->doc->max_tokens && b->doc->max_tokens < b->lim)
		b->lim = b->doc->max_tokens;
	return 0;
}

/* Mark token i as one that may end a sentence (i < b->cap). */
static inline void mark_end(struct tok_builder *b, size_t i)
{
	b->ends[i / 64] |= 1ull << (i % 64);
}

/* Case flags of a word token. */
static uint16_t case_flags(const char *s, size_t start, size_t end, size_t len)
{
	uint16_t f = 0;
	bool first = true, any = false, all_upper = true;
	for (size_t i = start; i < end;) {
		int l = 1;
		unsigned char c = (unsigned char)s[i];
		uint32_t cp = c < 0x80 ? c : utf8_decode(s, len, i, &l);
		i += (size_t)l;
		if (c < 0x80) {
			/* ASCII fast path */
			if (is_ascii_digit((char)c)) {
				f |= TF_HAS_DIGIT;
			} else if (ascii_alpha(c)) {
				bool up = c <= 'Z';
				if (first) {
					f |= up ? TF_CAP : TF_LOWER;
					first = false;
				}
				all_upper = all_upper && up;
				any = true;
			}
			continue;
		}
		if (cp >= '0' && cp <= '9') {
			f |= TF_HAS_DIGIT;
			continue;
		}
		if (!uc_is_letter(cp))
			continue;
		bool up = uc_is_upper(cp), lo = uc_is_lower(cp);
		if (first) {
			if (up)
				f |= TF_CAP;
			else if (lo)
				f |= TF_LOWER;
			first = false;
		}
		if (lo)
			all_upper = false;
		if (up || lo)
			any = true;
	}
	if (any && all_upper)
		f |= TF_ALLCAPS;
	return f;
}

/* End of the run of ASCII digits from i (at most n): sixteen bytes a step
 * while they lie inside the text, so that a number's length is one count
 * of trailing zeros, not a loop whose exit the predictor misses for most
 * numbers. */
static inline size_t digits_end(const char *s, size_t i, size_t n)
{
#ifdef __SSE2__
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* (int8_t)(byte + 0x80 - '0') < -128 + 10: a digit */
		__m128i t = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0')));
		unsigned dg = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(t, _mm_set1_epi8((char)(-128 + 10))));
		unsigned stop = ~dg & 0xFFFFu;
		if (stop)
			return i + (size_t)__builtin_ctz(stop);
		i += 16;
	}
#endif
	while (i < n && is_ascii_digit(s[i]))
		i++;
	return i;
}

/* Scan a number starting at i ("24,000", "1,234.56", "443.2", ".5"); returns end. */
static size_t scan_number(const char *s, size_t i, size_t n, uint16_t *flags)
{
	i = digits_end(s, i, n);
	/* thousands groups: a comma followed by exactly three digits */
	while (i + 3 < n + 0 && s[i] == ',' && is_ascii_digit(s[i + 1]) && is_ascii_digit(s[i + 2]) &&
	       is_ascii_digit(s[i + 3]) && (i + 4 >= n || !is_ascii_digit(s[i + 4]))) {
		i += 4;
		*flags |= TF_GROUPED;
	}
	if (i + 1 < n && s[i] == '.' && is_ascii_digit(s[i + 1])) {
		i = digits_end(s, i + 1, n);
		*flags |= TF_DECIMAL;
	}
	return i;
}

/* Scan a word starting at i: letters/digits, joined by internal hyphens and
 * apostrophes, and dotted letter sequences ("U.S.", "a.m.").  Returns end and
 * may set TF_ABBREV/TF_HYPHEN/TF_APOS/TF_POSSESSIVE. */
static size_t scan_word(const char *s, size_t i, size_t n, uint16_t *flags)
{
	size_t start = i;
	int l;
	for (;;) {
		while (i < n) {
			unsigned char c = (unsigned char)s[i];
			if (c < 0x80) {
				if (!ascii_alnum(c))
					break;
				i++;
				continue;
			}
			uint32_t cp = utf8_decode(s, n, i, &l);
			if (!is_word_cp(cp))
				break;
			i += (size_t)l;
		}
		if (i >= n)
			break;
		uint32_t cp = utf8_decode(s, n, i, &l);
		if (cp == '-' && i + 1 < n) {
			int l2;
			uint32_t nx = utf8_decode(s, n, i + 1, &l2);
			if (is_word_cp(nx)) {
				i += 1;
				*flags |= TF_HYPHEN;
				continue;
			}
		} else if (is_apostrophe(cp) && i + (size_t)l < n) {
			int l2;
			uint32_t nx = utf8_decode(s, n, i + (size_t)l, &l2);
			if (uc_is_letter(nx)) {
				size_t after = i + (size_t)l + (size_t)l2;
				bool poss = (nx == 's' || nx == 'S') &&
				            (after >= n || !is_word_cp(utf8_decode(s, n, after, &l2)));
				i += (size_t)l;
				*flags |= poss ? TF_POSSESSIVE : TF_APOS;
				continue;
			}
		} else if (cp == '.' && i + 2 < n) {
			/* dotted letters: "U.S.", "a.m."; the word so far is one letter
			 * or already dotted, and a letter + '.' follows */
			size_t wl = i - start;
			int l2;
			uint32_t nx = utf8_decode(s, n, i + 1, &l2);
			bool short_seg = true;
			/* the segment before this dot must be a single letter */
			if (wl >= 2 && s[i - 2] != '.')
				short_seg = false;
			if (short_seg && uc_is_letter(nx) && i + 1 + (size_t)l2 < n &&
			    s[i + 1 + (size_t)l2] == '.') {
				i += 1 + (size_t)l2 + 1; /* ".X." */
				*flags |= TF_ABBREV;
				/* continue only for more ".X" pairs */
				while (i + 1 < n) {
					nx = utf8_decode(s, n, i, &l2);
					if (!uc_is_letter(nx) || i + (size_t)l2 >= n || s[i + (size_t)l2] != '.')
						break;
					/* the letter must not start a longer word */
					i += (size_t)l2 + 1;
				}
				return i;
			}
		}
		break;
	}
	return i;
}

/* Lead-byte classes for the main loop's dispatch; from K_HIGH on, the
 * classes that may be white space (one test for them). */
enum { K_OTHER, K_ALPHA, K_DIGIT, K_DOT, K_HIGH, K_SPACE, K_NL };
static const uint8_t lead_cls[256] = {
	['\t'] = K_SPACE, ['\v'] = K_SPACE, ['\f'] = K_SPACE, ['\r'] = K_SPACE, [' '] = K_SPACE,
	['\n'] = K_NL,
	['A' ... 'Z'] = K_ALPHA, ['a' ... 'z'] = K_ALPHA,
	['0' ... '9'] = K_DIGIT,
	['.'] = K_DOT,
	[0x80 ... 0xFF] = K_HIGH,
};

/* What the byte after a plain ASCII word means: 0 the word ends there,
 * 1 a period (maybe an abbreviation's), 2 the word may go on (hyphen,
 * apostrophe, "US$", non-ASCII): scan_word() decides. */
static const uint8_t word_stop[256] = {
	['.'] = 1, ['-'] = 2, ['\''] = 2, ['$'] = 2, [0x80 ... 0xFF] = 2,
};

#ifdef __SSE2__
/* Bit k set when byte k of v is in [first, first + w): (int8_t)(x + 0x80 -
 * first) < -128 + w. */
static inline unsigned in_range16(__m128i v, char first, int w)
{
	__m128i t = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - first)));
	return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(t, _mm_set1_epi8((char)(-128 + w))));
}
#endif

/* End of the run of ASCII letters and digits starting at i, the OR of the
 * runs's byte classes in *accp, and in *spp whether a space ends it.  s[n]
 * is the NUL (doc_new), which ends the run; sixteen bytes at a time while
 * they lie inside the text.  The space comes from the bytes already loaded:
 * where the next token starts is the loop-carried dependency of tokenize(),
 * and reading the byte back from memory would add a load to it. */
static inline size_t scan_alnum(const char *s, size_t i, size_t n, unsigned *accp,
                                unsigned *spp)
{
	unsigned acc = 0, cls;
#ifdef __SSE2__
	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned up = in_range16(v, 'A', 26), lo = in_range16(v, 'a', 26);
		unsigned dg = in_range16(v, '0', 10);
		unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
		unsigned stop = ~(up | lo | dg) & 0xFFFFu;
		/* the bytes before the first stop (all 16 if none), and their
		 * classes with set-on-condition, not branches */
		unsigned in = (stop & -stop) - 1;
		acc |= (unsigned)((up & in) != 0) * C_UP | (unsigned)((lo & in) != 0) * C_LO |
		       (unsigned)((dg & in) != 0) * C_DIG;
		if (stop) {
			*accp = acc;
			*spp = (sp >> __builtin_ctz(stop)) & 1;
			return i + (size_t)__builtin_ctz(stop);
		}
		i += 16;
	}
#endif
	while ((cls = ascii_cls[(unsigned char)s[i]]) != 0) {
		acc |= cls;
		i++;
	}
	*accp = acc;
	*spp = s[i] == ' ';
	return i;
}

/* Byte classes of 64 bytes of text as bit masks (bit k: byte base + k),
 * and the word facts the tokenizer needs, for every run of letters and
 * digits at once.  tokenize() loads a block at a word's start and takes the
 * words that start in it from the masks: where a word ends is one shift
 * and one count of trailing zeros, its case and digit flags three bit
 * tests.  About 2 instructions per byte for the block, against a 16-byte
 * classification per word and a branchy flag computation, which cost most
 * of the tokenizer. */
struct cls_block {
	uint64_t an;    /* ASCII letters and digits */
	uint64_t al;    /* ASCII letters */
	uint64_t up;    /* upper-case letters */
	uint64_t st;    /* the first byte of each run of an (and bit 0 if in an) */
	uint64_t caps;  /* the byte after each run that starts with an upper-case
	                 * letter and has no lower-case one */
	uint64_t nodg;  /* the byte after each run that starts with a letter and
	                 * has no digit */
	uint64_t brk;   /* ~an with bit 63 set: a run's end by one count of
	                 * trailing zeros with no zero test (63 when the run
	                 * reaches the block's end: go has no bit 63) */
	uint64_t go;    /* a space followed by an ASCII letter, after a run
	                 * with no digit: a word that ends at such a bit is
	                 * plain and so is the next one */
	uint64_t fl;    /* at the byte after each run: it starts with an
	                 * upper-case letter; at the run's last byte: the run
	                 * is in caps (word_flags[]) */
};

/* Load the masks of s[at .. at + 64).  Past the text's NUL the bytes count
 * as NULs (no class), like the NUL itself: a run ends there. */
static __attribute__((noinline)) void cls_block_load(struct cls_block *bk, const char *s,
                                                     size_t n, size_t at)
{
	char tail[64];
	const char *p = s + at;
	uint64_t up = 0, lo = 0, dg = 0, sp = 0;
	if (n + 1 - at < 64) {
		/* the end of the text: a zero-padded copy (once per document) */
		memset(tail, 0, sizeof(tail));
		memcpy(tail, p, n - at);
		p = tail;
	}
#ifdef __SSE2__
	for (unsigned k = 0; k < 64; k += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
		up |= (uint64_t)in_range16(v, 'A', 26) << k;
		lo |= (uint64_t)in_range16(v, 'a', 26) << k;
		dg |= (uint64_t)in_range16(v, '0', 10) << k;
		sp |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')))
		      << k;
	}
#else
	for (unsigned k = 0; k < 64; k++) {
		unsigned cls = ascii_cls[(unsigned char)p[k]];
		up |= (uint64_t)!!(cls & C_UP) << k;
		lo |= (uint64_t)!!(cls & C_LO) << k;
		dg |= (uint64_t)!!(cls & C_DIG) << k;
		sp |= (uint64_t)(p[k] == ' ') << k;
	}
#endif
	uint64_t an = up | lo | dg, st = an & ~(an << 1);
	/* Adding a run's start bit to the run's bits of a class carries
	 * through them to the first byte not in the class: past the run's
	 * end if the whole run is in it, where nothing is in an.  The
	 * carries stay inside their run (its end is a 0), and one out of bit
	 * 63 is lost with a run the fast path does not take. */
	uint64_t nlo = an & ~lo, ndg = an & ~dg;
	uint64_t nodg = (ndg + (st & ndg)) & ~an;
	uint64_t caps = (nlo + (st & nlo)) & ~an;
	*bk = (struct cls_block){
		.an = an,
		.al = up | lo,
		.up = up,
		.st = st,
		.caps = caps,
		.nodg = nodg,
		.brk = ~an | (1ull << 63),
		.go = sp & ((up | lo) >> 1) & nodg,
		/* the two never meet: a run's last byte is in an, the byte
		 * after it not */
		.fl = ((an + (st & up)) & ~an) | (caps >> 1),
	};
}

/* The case and digit flags of a word of ASCII letters and digits, by the OR
 * of its byte classes: one load, no branch on the word's shape. */
static const uint16_t acc_flags[8] = {
	[C_UP] = TF_ALLCAPS, [C_UP | C_DIG] = TF_ALLCAPS | TF_HAS_DIGIT,
	[C_DIG] = TF_HAS_DIGIT, [C_LO | C_DIG] = TF_HAS_DIGIT,
	[C_UP | C_LO | C_DIG] = TF_HAS_DIGIT,
};

/* Go on past the hyphens and apostrophes that join ASCII letters and digits
 * ("Hinata-Yamaguchi", "O'Brien", "Japan's"), exactly as scan_word() would
 * join them, from *jp (a byte of class 2 in word_stop[]): advances *jp, ORs
 * the byte classes into *accp and TF_HYPHEN, TF_APOS, TF_POSSESSIVE into
 * *wf.  Returns the word_stop[] class of the byte the word ends at, or 2
 * when scan_word() has to decide (a byte >= 0x80 or a '$' is involved).
 * These words are common in news text and were the slow path's main
 * load. */
static unsigned join_ascii(const char *s, size_t n, size_t *jp, unsigned *accp, uint16_t *wf)
{
	size_t j = *jp;
	unsigned acc, sp;
	for (;;) {
		unsigned char c = (unsigned char)s[j], nx = (unsigned char)s[j + 1];
		if (c == '-' && ascii_alnum(nx)) {
			*wf |= TF_HYPHEN;
		} else if (c == '\'' && ascii_alpha(nx)) {
			unsigned char after = (unsigned char)s[j + 2];  /* at most the NUL */
			if (after >= 0x80)
				return 2;
			*wf |= (nx | 0x20) == 's' && !ascii_alnum(after) ? TF_POSSESSIVE : TF_APOS;
		} else {
			break;
		}
		j = scan_alnum(s, j + 1, n, &acc, &sp);
		*accp |= acc;
	}
	*jp = j;
	unsigned char c = (unsigned char)s[j];
	/* a hyphen or apostrophe not followed by what joins: the word ends */
	if ((c == '-' || c == '\'') && (unsigned char)s[j + 1] < 0x80)
		return 0;
	return word_stop[c];
}

/* A word the fast path could not take (non-ASCII, hyphens, apostrophes,
 * dotted letters, a currency prefix): scan it in full.  Returns its end. */
static size_t word_slow(const char *s, size_t start, size_t n, uint16_t *f, enum tok_type *type)
{
	uint16_t wf = 0;
	size_t end = scan_word(s, start, n, &wf);
	*f |= wf;
	*type = TOK_WORD;
	/* "US$", "HK$", "NT$", "JP¥": up to 3 capitals glued to a currency sign */
	if (end - start <= 3 && end < n) {
		int l2;
		uint32_t nx = utf8_decode(s, n, end, &l2);
		if (uc_is_currency_symbol(nx)) {
			bool caps = true;
			for (size_t k = start; k < end; k++)
				caps = caps && is_ascii_upper(s[k]);
			if (caps) {
				*type = TOK_SYMBOL;
				return end + (size_t)l2;
			}
		}
	}
	*f |= case_flags(s, start, end, n);
	/* abbreviation period */
	if (!(*f & TF_ABBREV) && end < n && s[end] == '.') {
		size_t wl = end - start;
		bool initial = wl == 1 && is_ascii_upper(s[start]);
		if (initial || abbrev_find(s + start, wl)) {
			end++;
			*f |= TF_ABBREV;
		}
	}
	return end;
}

/* First bytes of the marks is_terminal() knows: . ! ? and the lead bytes of
 * … ‼ 。 ？ ！ (other marks with these lead bytes are sorted out there). */
static const bool terminal_lead[256] = {
	['.'] = true, ['!'] = true, ['?'] = true, [0xE2] = true, [0xE3] = true, [0xEF] = true,
};

/* The flags of a plain word by its block-mask facts (bit 0: the word is in
 * cls_block.caps, bit 1: its first letter is upper case, both from .fl;
 * bit 2: in .nodg): TF_CAP or TF_LOWER, TF_ALLCAPS, TF_HAS_DIGIT. */
#define WF(u, c, nd) ((u ? TF_CAP : TF_LOWER) | (c ? TF_ALLCAPS : 0) | (nd ? 0 : TF_HAS_DIGIT))
static const uint16_t word_flags[8] = {
	WF(0, 0, 0), WF(0, 1, 0), WF(1, 0, 0), WF(1, 1, 0),
	WF(0, 0, 1), WF(0, 1, 1), WF(1, 0, 1), WF(1, 1, 1),
};
#undef WF

/* The flags of the plain word of block bk whose run ends at bit e (1 <= e
 * < 64), from the masks: by one look-up (a test for the lower-case word
 * first mispredicted about one word in three here). */
static inline uint16_t plain_flags(const struct cls_block *bk, unsigned e)
{
	return word_flags[((bk->fl >> (e - 1)) & 3) | ((bk->nodg >> e) & 1) << 2];
}

/* The pending flags of the next token after one more line break: a second
 * one makes a blank line. */
static inline uint16_t newline(uint16_t pending)
{
	if (pending & TF_NEWLINE_BEFORE)
		pending |= TF_BLANK_BEFORE;
	return pending | TF_SPACE_BEFORE | TF_NEWLINE_BEFORE;
}

/* mark_end() of token t, out of line: the index costs a division (by the
 * token size), which the hot loop would otherwise pay for every token. */
static __attribute__((noinline)) void mark_tok(struct tok_builder *b, const struct token *t)
{
	mark_end(b, (size_t)(t - b->v));
}

/* word_slow() for token tp, with its results in locals of the caller (the
 * hot loop's flags and type stay in registers: their address is not taken);
 * an abbreviation's period may end a sentence, so its token is marked. */
static __attribute__((noinline)) size_t word_slow_at(struct tok_builder *b, const struct token *tp,
                                                     const char *s, size_t i, size_t n,
                                                     uint16_t *f, enum tok_type *type)
{
	size_t end = word_slow(s, i, n, f, type);
	if (*f & TF_ABBREV)
		mark_tok(b, tp);
	return end;
}

/* Bytes that make a one-byte TOK_PUNCT token wherever they are (the
 * default case of tokenize()'s dispatch), and '.' (2: K_DOT, punctuation
 * unless a digit follows): the marks between the words of running text. */
static const uint8_t mark_cls[256] = {
	['!'] = 1, ['"'] = 1, ['#'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1,
	['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['/'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1,
	['='] = 1, ['>'] = 1, ['?'] = 1, ['@'] = 1, ['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1,
	['_'] = 1, ['`'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1, ['.'] = 2,
};

/* Is s[i] a one-byte punctuation token, as the dispatch would make it?
 * ('.' before a digit may start ".5": left to the dispatch) */
static inline bool is_mark(const char *s, size_t i)
{
	unsigned m = mark_cls[(unsigned char)s[i]];
	return m == 1 || (m == 2 && !is_ascii_digit(s[i + 1]));
}

/* Push the one-byte punctuation token at s[i] (is_mark()) with flags f,
 * marked in b->ends if it may end a sentence; returns the next slot. */
static inline struct token *push_mark(struct tok_builder *b, struct token *tp, size_t i,
                                      uint16_t f)
{
	tp->start = (uint32_t)i;
	tp->end = (uint32_t)i + 1;
	tp->flags = f;
	tp->type = TOK_PUNCT;
	tp->pad = 0;
	if (terminal_lead[(unsigned char)b->doc->text[i]])
		mark_tok(b, tp);
	return tp + 1;
}

/* Tokenize doc->text.  Besides the tokens it marks in b->ends the few that
 * may end a sentence (a terminal mark, an abbreviation, a token before a
 * line break), so that split_sentences() looks at those alone.  The token
 * array stays in registers (as its next and its limit slot); the builder is
 * updated only when it grows.  The common word is taken from the block
 * masks (struct cls_block), the other tokens byte by byte. */
static int tokenize(struct document *doc, struct tok_builder *b)
{
	const char *s = doc->text;
	size_t n = doc->len;
	size_t i = 0;
	struct token *v = b->v, *tp = v + b->n, *tlim = v + b->lim;
	/* the flags the white space before the next token gives it; the
	 * text start counts as a paragraph start */
	uint16_t pending = TF_SPACE_BEFORE | TF_NEWLINE_BEFORE | TF_BLANK_BEFORE;
	struct cls_block bk = {0};
	size_t base = SIZE_MAX - 64;  /* bk: the masks of s[base .. base + 64) */
	while (i < n) {
		unsigned char c0 = (unsigned char)s[i];
		unsigned k = lead_cls[c0];
		unsigned l = 1;
		uint32_t cp = c0;
		if (unlikely(k >= K_HIGH)) {
			/* white space (the single space after a token is
			 * stepped over below) or a byte >= 0x80 */
			if (k == K_SPACE) {
				pending |= TF_SPACE_BEFORE;
				i++;
				continue;
			}
			if (k == K_NL) {
				pending = newline(pending);
				i++;
				continue;
			}
			int dl;
			cp = utf8_decode(s, n, i, &dl);
			l = (unsigned)dl;
			if (uc_is_space(cp)) {
				pending |= TF_SPACE_BEFORE;
				if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
					pending = newline(pending);
				i += (size_t)l;
				continue;
			}
		}
		/* a token starts here: make room first (every path below pushes
		 * one, and marks it in b->ends) */
		if (unlikely(tp >= tlim)) {
			b->n = (size_t)(tp - v);
			int rc = push_slow(b);
			if (rc)
				return rc;
			v = b->v;
			tp = v + b->n;
			tlim = v + b->lim;
		}
		uint16_t f = pending;
		if (unlikely(f & TF_NEWLINE_BEFORE) && tp != v)
			mark_tok(b, tp - 1);
		size_t start = i, end;
		enum tok_type type;
		if (likely(k == K_ALPHA)) {
			/* The common token, a word of ASCII letters and digits
			 * ended by white space, ordinary punctuation or a
			 * period not part of dotted letters ("U.S."), from the
			 * block masks */
			size_t off = i - base;
			if (unlikely(off >= 64 || !(~bk.an >> off) || !((bk.st >> off) & 1))) {
				/* i is past the block, or the word runs to its
				 * end, or it starts inside a run ("24abc") */
				cls_block_load(&bk, s, n, i);
				base = i;
				off = 0;
			}
			/* Words followed by one space and a letter, the most
			 * common case by far: the end is a count of trailing
			 * zeros, the test whether both this word and the next
			 * one are plain one bit of bk.go, and no text byte is
			 * read.  (The next word starts a run: a space is before
			 * it.)  The rest of the outer loop takes the word that
			 * ends otherwise, and comes back here after it. */
			for (;;) {
				for (;;) {
					unsigned e = (unsigned)off + (unsigned)__builtin_ctzll(bk.brk >> off);
					if (!((bk.go >> e) & 1))
						break;
					f |= (word_flags + 4)[(bk.fl >> (e - 1)) & 3];  /* no digit */
					tp->start = (uint32_t)i;
					tp->end = (uint32_t)(base + e);
					tp->flags = f;
					tp->type = TOK_WORD;
					tp->pad = 0;
					tp++;
					off = e + 1;
					i = base + off;
					f = TF_SPACE_BEFORE;
					pending = TF_SPACE_BEFORE;
					if (unlikely(tp >= tlim))
						goto next;
				}
				uint64_t run = ~bk.an >> off;
				unsigned len = run ? (unsigned)__builtin_ctzll(run) : 0;
				unsigned char c = (unsigned char)s[i + len];
				unsigned stop = word_stop[c];
				/* A plain word ended otherwise (a mark, a period,
				 * a space before no letter): the word, a mark
				 * after it, the space, and while another plain
				 * word follows (in the block, with room for it),
				 * back to the loop above, without the dispatch on
				 * the lead byte. */
				if (!(run && (stop == 0 || (stop == 1 && len >= 2))))
					break;
				f |= plain_flags(&bk, (unsigned)off + len);
				end = i + len;
				if (stop == 1 && abbrev_find(s + i, len)) {
					end++;
					f |= TF_ABBREV;
					mark_tok(b, tp);
					c = (unsigned char)s[end];
				}
				tp->start = (uint32_t)i;
				tp->end = (uint32_t)end;
				tp->flags = f;
				tp->type = TOK_WORD;
				tp->pad = 0;
				tp++;
				i = end;
				pending = 0;
				if (c != ' ') {
					/* a mark right after the word ("word,") */
					if (!is_mark(s, i) || tp >= tlim)
						goto next;
					tp = push_mark(b, tp, i, 0);
					i++;
					if (s[i] != ' ')
						goto next;
				}
				i++;  /* one space */
				pending = TF_SPACE_BEFORE;
				off = i - base;
				if (off >= 64 || tp >= tlim)
					goto next;
				if (!((bk.al >> off) & 1)) {
					/* a mark between spaces ("word , word") */
					if (!is_mark(s, i))
						goto next;
					tp = push_mark(b, tp, i, TF_SPACE_BEFORE);
					i++;
					pending = 0;
					if (s[i] != ' ')
						goto next;
					i++;
					pending = TF_SPACE_BEFORE;
					off += 2;
					if (off >= 64 || tp >= tlim || !((bk.al >> off) & 1))
						goto next;
				}
				f = TF_SPACE_BEFORE;
			}
			if (i != start)
				goto next;  /* the next word is not a plain one */
			/* the general way: joined words ("O'Brien"), dotted
			 * letters, a currency prefix, non-ASCII letters */
			unsigned acc, sp;
			uint16_t wf = 0;
			size_t j = scan_alnum(s, i, n, &acc, &sp);
			unsigned stop = word_stop[(unsigned char)s[j]];
			if (stop == 2)
				stop = join_ascii(s, n, &j, &acc, &wf);
			if (stop == 0 || (stop == 1 && j - i >= 2)) {
				end = j;
				type = TOK_WORD;
				f |= wf | acc_flags[acc];
				f |= (uint16_t)(is_ascii_upper(s[i]) ? TF_CAP : TF_LOWER);
				if (stop == 1 && abbrev_find(s + i, j - i)) {
					end++;
					f |= TF_ABBREV;
					mark_tok(b, tp);
				}
				goto push;
			}
			uint16_t sf = f;
			enum tok_type st;
			end = word_slow_at(b, tp, s, i, n, &sf, &st);
			f = sf;
			type = st;
			goto push;
		}
		switch (k) {
		case K_DIGIT:
			end = scan_number(s, i, n, &f);
			type = TOK_NUMBER;
			break;
		case K_DOT:
			if (i + 1 < n && is_ascii_digit(s[i + 1]) && (i == 0 || !is_ascii_digit(s[i - 1]))) {
				/* ".5" */
				end = i + 1;
				while (end < n && is_ascii_digit(s[end]))
					end++;
				f |= TF_DECIMAL;
				type = TOK_NUMBER;
			} else {
				end = i + 1;
				type = TOK_PUNCT;
				mark_tok(b, tp);
			}
			break;
		case K_HIGH:
			if (uc_is_letter(cp)) {
				uint16_t sf = f;
				enum tok_type st;
				end = word_slow_at(b, tp, s, i, n, &sf, &st);
				f = sf;
				type = st;
			} else {
				end = i + (size_t)l;
				type = uc_is_currency_symbol(cp) ? TOK_SYMBOL : TOK_PUNCT;
				if (type == TOK_PUNCT && terminal_lead[c0])
					mark_tok(b, tp);
			}
			break;
		default:
			end = i + 1;
			type = c0 == '$' ? TOK_SYMBOL : TOK_PUNCT;
			if (terminal_lead[c0])
				mark_tok(b, tp);  /* '!', '?' */
			break;
		}
	push:
		/* field by field: a compound literal went through the stack */
		tp->start = (uint32_t)start;
		tp->end = (uint32_t)end;
		tp->flags = f;
		tp->type = (uint8_t)type;
		tp->pad = 0;
		tp++;
		/* the single space after most tokens, without a branch
		 * (whether one follows is a coin toss to the predictor) */
		unsigned sp = s[end] == ' ';
		pending = (uint16_t)(sp * TF_SPACE_BEFORE);
		i = end + sp;
	next:;
	}
	b->n = (size_t)(tp - v);
	return 0;
}

static bool is_terminal(const struct document *doc, const struct token *t)
{
	if (t->type != TOK_PUNCT)
		return false;
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	if (n == 1)
		return *s == '.' || *s == '!' || *s == '?';
	/* … U+2026, ‼ U+203C, ？ U+FF1F, 。U+3002, ！ U+FF01 */
	return (n == 3 && (!memcmp(s, "\xE2\x80\xA6", 3) || !memcmp(s, "\xE3\x80\x82", 3) ||
	                   !memcmp(s, "\xEF\xBC\x9F", 3) || !memcmp(s, "\xEF\xBC\x81", 3)));
}

static bool is_closer(const struct document *doc, const struct token *t)
{
	if (t->type != TOK_PUNCT)
		return false;
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	if (n == 1)
		return *s == '"' || *s == '\'' || *s == ')' || *s == ']';
	/* ” ’ » */
	return (n == 3 && (!memcmp(s, "\xE2\x80\x9D", 3) || !memcmp(s, "\xE2\x80\x99", 3))) ||
	       (n == 2 && !memcmp(s, "\xC2\xBB", 2));
}

/* Can token t begin a new sentence after a terminal mark? */
static bool can_start(const struct token *t)
{
	if (!(t->flags & TF_SPACE_BEFORE))
		return false;
	if (t->flags & TF_LOWER)
		return false;
	return true;
}

/* Does a sentence end after token i?  Returns the last token of that
 * sentence (i, or later when closing quotes and marks are absorbed), or
 * SIZE_MAX when the sentence goes on.  i + 1 < ntokens. */
static size_t sentence_end_at(const struct document *doc, size_t i)
{
	size_t nt = doc->ntokens, last = i;
	const struct token *t = &doc->tokens[i], *nx = t + 1;
	if (nx->flags & TF_BLANK_BEFORE)
		return i;
	if ((nx->flags & TF_NEWLINE_BEFORE) && !(nx->flags & TF_LOWER))
		return i;
	if (is_terminal(doc, t)) {
		/* absorb closing quotes/brackets and repeated marks */
		while (last + 1 < nt && (is_closer(doc, &doc->tokens[last + 1]) ||
		                         is_terminal(doc, &doc->tokens[last + 1])) &&
		       !(doc->tokens[last + 1].flags & TF_SPACE_BEFORE))
			last++;
		if (last + 1 < nt && can_start(&doc->tokens[last + 1]))
			return last;
		return SIZE_MAX;
	}
	if (t->type == TOK_WORD && (t->flags & TF_ABBREV)) {
		const struct abbrev *ab = abbrev_find(doc->text + t->start, t->end - t->start - 1);
		bool dotted = ab == NULL && t->end - t->start > 2; /* "U.S." */
		if ((dotted || (ab && ab->ends)) && can_start(nx) &&
		    is_starter(doc->text + nx->start, nx->end - nx->start))
			return i;
	}
	return SIZE_MAX;
}


/* Only a few tokens can end a sentence: a terminal mark, an abbreviation,
 * one before a line break (tokenize() marked those in ends), the last one;
 * sentence_end_at() looks at those alone, found 64 tokens at a time. */
static int split_sentences(struct document *doc, const uint64_t *ends)
{
	const struct token *tok = doc->tokens;
	size_t nt = doc->ntokens;
	size_t cap = 16, ns = 0;
	struct sentence *sv = arena_alloc(doc->arena, cap * sizeof(*sv));
	if (!sv)
		goto nomem;
	size_t begin = 0, next = 0;
	for (size_t w = 0; w < nt; w += 64) {
		size_t lim = nt - w < 64 ? nt - w : 64;
		uint64_t bits = ends[w / 64];
		if (w + lim == nt)
			bits |= 1ull << (lim - 1);  /* the last token */
		for (; bits; bits &= bits - 1) {
			size_t i = w + (size_t)__builtin_ctzll(bits);
			if (i < next)
				continue;
			size_t last = i + 1 < nt ? sentence_end_at(doc, i) : i;
			if (last == SIZE_MAX) {
				next = i + 1;
				continue;
			}
			if (ns == cap) {
				struct sentence *n2 = arena_realloc(doc->arena, sv, ns * sizeof(*sv),
				                                    cap * 2 * sizeof(*sv));
				if (!n2)
					goto nomem;
				sv = n2;
				cap *= 2;
			}
			sv[ns++] = (struct sentence){
				.start = tok[begin].start,
				.end = tok[last].end,
				.tok_begin = (uint32_t)begin,
				.tok_end = (uint32_t)(last + 1),
			};
			doc->tokens[begin].flags |= TF_SENT_START;
			begin = last + 1;
			next = last + 1;
		}
	}
	doc->sentences = sv;
	doc->nsentences = ns;
	return 0;
nomem:
	doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
	return -EXT_E_NOMEM;
}

int tok_document(struct document *doc)
{
	struct tok_builder b = {.doc = doc};
	int rc = tokenize(doc, &b);
	if (rc)
		return rc;
	doc->tokens = b.v;
	doc->ntokens = b.n;
	return split_sentences(doc, b.ends);
}

size_t tok_possessive_len(const struct document *doc, const struct token *t)
{
	if (!(t->flags & TF_POSSESSIVE))
		return 0;
	const char *e = doc->text + t->end;
	if (t->end - t->start >= 3 && e[-2] == '\'')
		return 2;
	if (t->end - t->start >= 5 && !memcmp(e - 4, "\xE2\x80\x99", 3))
		return 4;
	return 0;
}

bool tok_number_value(const struct document *doc, const struct token *t, double *out)
{
	if (t->type != TOK_NUMBER)
		return false;
	char buf[64];
	size_t k = 0;
	for (uint32_t i = t->start; i < t->end; i++) {
		char c = doc->text[i];
		if (c == ',')
			continue;
		if (k + 1 >= sizeof(buf))
			return false;
		buf[k++] = c;
	}
	buf[k] = '\0';
	char *end;
	double v = strtod(buf, &end);
	if (*end)
		return false;
	*out = v;
	return true;
}

bool tok_ieq(const struct document *doc, const struct token *t, const char *w)
{
	return ascii_ieq(doc->text + t->start, t->end - t->start, w);
}

bool tok_eq(const struct document *doc, const struct token *t, const char *w)
{
	size_t n = strlen(w);
	return n == t->end - t->start && !memcmp(doc->text + t->start, w, n);
}
