/* date.c: the temporal extractor: dates, times, durations and sets in
 * English news, normalized to TIMEX3 values and resolved against the
 * document's publication date.
 *
 * Design.  The rules are data (date_rules.c: one table per family).  At load
 * every row is compiled once into an anchored, caseless, JIT-compiled PCRE2
 * regex with named groups, and two indexes are built so that run() never
 * scans the text once per rule:
 *   - for each gate word (date_gate_words) and for digits, the set of rows
 *     that can start with it, found by partial-matching every row against the
 *     word (so nobody maintains a "rows per first word" table by hand), and
 *     the same for the word followed by each letter or digit (after white
 *     space) or glued punctuation mark, and by two letters after the words
 *     that start many rows ("the following" and "the fighting" differ);
 *   - each row's "needs": a token class (unit, month, weekday, digit...) that
 *     must occur within NEED_WINDOW tokens, checked on a per-token class array
 *     before the regex is called.
 * At run time one pass classifies tokens and marks candidate starts (strong
 * words, numbers in a temporal context, weak words like "the" only before a
 * strong one).  At each candidate the rows that can start there and whose
 * needs are met are tried; the longest match wins (ties: table order), its
 * named groups feed the row's normalizer, which builds the TIMEX3 value.
 * Scanning resumes after the match.  Adjacent results are folded into one
 * mention when they are one expression: a day and a clock time ("Friday at
 * 10:30 a.m."), a clock range, or a date range glued by a dash.
 *
 * Resolution.  Relative values are resolved against doc->published.  With no
 * publication date they stay underspecified ("XXXX-WXX-3") with unresolved
 * set: today's date is never used.  Weekdays and bare months choose the
 * previous or the next occurrence from tense cues (date_tense); "a year
 * later"/"the following day" resolve against the last date mentioned before
 * them (the mention id goes out as the anchor).
 *
 * Ranges (docs/DATES.md): clock ranges, dates joined by words ("from Aug. 26
 * to Oct. 20", "between 2007 and 2009", "between now and May 21"), dates
 * glued by a dash, day ranges in one match ("9 to 12 of June") and a length
 * with its start become one mention with a (begin,end,length) value, in the
 * Recognizers-Text notation (TimeML would split the ranges joined by words).
 *
 * What it does not do: numeric dates follow the documented day/month policy,
 * never a guess from the locale; clock times with no day stated get no date;
 * holidays outside date_holidays are not known. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii8.h"
#include "date.h"
#include "document.h"
#include "engine.h"
#include "errors.h"
#include "mention.h"
#include "resolver.h"
#include "tokenizer.h"
#include "util.h"

#define DATE_VERSION "date-1"
/* A weak gate word starts a candidate only if a strong one follows within this many tokens. */
#define GATE_WINDOW 4
/* A row's needed token class must occur within this many tokens of the start. */
#define NEED_WINDOW 7
/* ... and within this many after a weak word */
#define WEAK_NEED_WINDOW 6
_Static_assert(WEAK_NEED_WINDOW + 1 == NEED_WINDOW, "date_run's needs window masks one token after a weak word");
/* zero entries of dcls and cls past the last token (date_run) */
#define NEED_PAD NEED_WINDOW
/* End guard shared by every rule: a match may not stop inside a word or a
 * hyphenated/slashed compound ("7-Eleven", "2000-strong"). */
#define END_GUARD "(?![A-Za-z0-9]|/[A-Za-z0-9]|-(?!" DASH_DATE ")[A-Za-z0-9])"
/* what may follow a dash after a date and start the other end of a range:
 * a year, a numeric date, a month ("2014-2018", "10/1/2018-10/7/2018") */
#define DASH_DATE                                                                        \
	"(?:1[5-9]|20)[0-9]{2}(?![0-9])|[0-9]{1,2}[/.\\-][0-9]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?![a-z.]*[\\-/][0-9])"

/* Evidence for explain mode only: formatting it costs more than the value. */
#define EV(...)                                                                          \
	do {                                                                             \
		if (c->doc->explain)                                                     \
			snprintf(o->ev, sizeof o->ev, __VA_ARGS__);                      \
	} while (0)

static const char *const field_names[DF__COUNT] = {
#define X(e, s) s,
	DATE_FIELDS(X)
#undef X
};

struct row_rx {
	pcre2_code *re;
	uint8_t group_field[64];   /* capture group number -> enum date_field, 0xff if none */
	uint32_t ngroups;
};

struct family_rx {
	const struct date_family *fam;
	struct row_rx *rows;
	char source[32];           /* "pattern:<family>", the mentions' source */
};

/* A set of rows (all families), as a bitset. */
#define MAX_ROWS 192
struct rowset {
	uint64_t w[MAX_ROWS / 64];
};

#define GATE_SLOTS 1024
/* bits in date_state.word_bits: some 330 gate words set about 2% of them */
#define WORD_BITS_LOG2 14
#define WORD_BITS (1u << WORD_BITS_LOG2)
/* bits in date_state.strong_bits, indexed by word_bit() >> 2 */
#define STRONG_BITS_LOG2 12
#define STRONG_BITS (1u << STRONG_BITS_LOG2)
struct gate_slot {
	union {
		char w[16];   /* lower case, NUL-padded */
		uint64_t q[2];
	};
	uint8_t len;
	uint8_t gate;
	uint32_t cls;         /* enum date_class */
	struct rowset rows;   /* rows that can start with this word (found at load) */
	/* words that start several rows: [next_index(c)] the rows that can
	 * start with the word, a space and c, and [NEXT_CH + glued_index(c)]
	 * those that can start with the word and c glued to it (found at load
	 * the same way); NULL for other words */
	struct rowset *next;
	/* words that start many rows: [NEXT2_INDEX(a, b)] the rows that can
	 * start with the word, a space and two lower-case letters a, b */
	struct rowset *next2;
};

/* Characters after a gate word (and white space) that narrow its rows:
 * digits and ASCII letters. */
#define NEXT_CH 62
/* Punctuation glued to a gate word that narrows its rows ("July.", "Friday,") */
static const char glued_chars[] = ",.;:!?)\"'";
#define GLUED_CH (sizeof glued_chars - 1)
/* ... for gate words that start at least this many rows */
#define NEXT_MIN_ROWS 2
/* Two letters after the words that start at least this many rows ("the",
 * "a", "last", "early"...): "the following" and "the fighting" differ. */
#define NEXT2_MIN_ROWS 10
#define NEXT2_INDEX(a, b) (((a) - 'a') * 26 + ((b) - 'a'))
static int next_index(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return 10 + c - 'a';
	if (c >= 'A' && c <= 'Z')
		return 36 + c - 'A';
	return -1;
}

static int glued_index(unsigned char c)
{
	const char *p = c ? strchr(glued_chars, c) : NULL;
	return p ? (int)(p - glued_chars) : -1;
}

/* The part of a gate slot the full lookup (gate_probe) reads, packed in 24
 * bytes.  (The common case, a plain word of at most 8 letters, reads
 * short_gate instead.) */
struct gate_key {
	uint64_t q[2];        /* the word folded to lower case, NUL-padded */
	uint32_t cls;
	uint8_t gate;
	uint8_t used;
};

struct document;
/* A row's quick check: false when no match of the row can start at start. */
typedef bool (*quick_fn)(const struct document *doc, uint32_t start);
/* The named groups a scanner found (at most six): field ids and spans. */
struct scan_fields {
	uint8_t n;
	uint8_t k[6];
	uint32_t s[6], e[6];
};
/* A row's scanner (see row_scanners): the end of the match and its fields,
 * 0 to let the regex decide, or SCAN_NONE (below): surely no match. */
typedef uint32_t (*scan_fn)(const struct document *doc, uint32_t start, struct scan_fields *f);
/* a scanner's answer: no match of the row starts here (the regex is not run) */
#define SCAN_NONE UINT32_MAX

/* What the row loop of date_run reads for every row it tries, in 32 bytes
 * (two rows a cache line; most candidates try a few rows next to each
 * other in table order).  The word lists are apart, in row_words. */
struct row_ref {
	quick_fn quick;             /* from quick_checks, or NULL */
	scan_fn scan;               /* from row_scanners, or NULL */
	const struct family_rx *fr;
	uint32_t later_first;       /* bit c & 31 set: a later word starts with c; 0: no later words */
	uint8_t row;                /* in fr */
	uint8_t max_len;            /* from row_max_len, or 0: no limit known */
	bool before;                /* row_words[].before is set */
};
_Static_assert(sizeof(struct row_ref) == 32, "two row_refs a cache line");

struct row_words {
	const char *const *later;   /* from date_later_words, or NULL */
	const char *const *before;  /* from date_before_words, or NULL */
	uint32_t before_first;      /* bit c & 31 set: a before word starts with c */
};

/* A gate word of at most 8 letters as word_class reads it: its folded key
 * (st->key[slot].q[0]) and what plain_gate answers for it, in one 16-byte
 * entry, four to a bucket of one cache line.  (One line a lookup: the
 * word_bit table and the key table it replaced cost two, for each gate word
 * a document holds.) */
struct short_gate {
	uint64_t q;      /* 0: no word */
	uint32_t cls;
	uint16_t slot;   /* in st->gate */
	uint8_t gate;
	uint8_t slow;    /* (in [0]) a word of this bucket needs plain_gate */
};
#define SHORT_BUCKETS_LOG2 8
#define SHORT_BUCKETS (1u << SHORT_BUCKETS_LOG2)
#define SHORT_WAYS 4

struct date_state {
	struct family_rx fams[8];
	size_t nfams;
	struct row_ref rows[MAX_ROWS] __attribute__((aligned(64)));   /* every row of every family, in table order */
	struct row_words row_words[MAX_ROWS];
	size_t nrows;
	struct rowset digit_rows;        /* rows that can start with a digit */
	struct rowset need_none;         /* rows with no "needs" */
	struct rowset need_bit[32];      /* rows whose "needs" include class bit b */
	struct rowset all_rows;
	/* during load only: each row's regex compiled for partial matching */
	pcre2_code *probe[MAX_ROWS];
	struct gate_slot gate[GATE_SLOTS] __attribute__((aligned(64)));   /* (64 bytes each: one line) */
	struct gate_key key[GATE_SLOTS]; /* gate[i]'s word, gate and class, packed for the lookup */
	uint64_t may_q, march_q;         /* the folded keys of "may" and "march" */
	uint16_t lenmask[32];            /* bit n set: a gate word of length n starts with letter i */
	uint8_t first_kind[256];         /* FK_* by a token's first byte (see kind_tab) */
	uint64_t word_bits[WORD_BITS / 64]; /* bit word_bit(w) set: w may be a gate word (or am, pm) */
	/* bit word_bit(w) >> 2 set: w may be a gate word that is more than a
	 * weak word of no class (or am, pm, may, march); see mark_candidates */
	uint64_t strong_bits[STRONG_BITS / 64];
	/* gate words of at most 8 letters by short_index() of their key (see
	 * short_gates) */
	struct short_gate short_gate[SHORT_BUCKETS][SHORT_WAYS] __attribute__((aligned(64)));
	uint64_t shape[256];             /* bit (first, last letter, length) set: some gate word has it */
};

/* Shape bit of a word: first and last letter (folded to 5 bits) and length. */
static inline uint32_t word_shape(const char *s, size_t n)
{
	return ((uint32_t)(s[0] & 31) << 9) | ((uint32_t)(s[n - 1] & 31) << 4) | (uint32_t)(n & 15);
}

struct span {
	uint32_t s, e;  /* e == 0 && s == 0: unset */
	bool set;
};

struct hit {
	const struct family_rx *fr;
	const struct date_rule *rule;
	uint32_t start, end;
	struct span f[DF__COUNT];
};

/* ---- quick checks: cheap exact tests that spare a row's regex ----
 *
 * Each row call runs the row's own JIT code, cold again at every document
 * (the other stages run in between): some 65 instruction-cache misses and
 * 20-40 last-level misses a call, whatever it finds, several times what the
 * call executes.  So every row tried often enough has a test here, and the
 * common winning forms a scanner (below): of the 20,000 calls per MB of news
 * before the quick checks, about 750 are left.  A few byte tests at the
 * start reject what the pattern cannot match: each test below states a
 * condition every match of its row meets (read off the row's pattern in
 * date_rules.c), and says no only when the text breaks it.  They are speed
 * hints that must stay in step with the patterns: a test stricter than its
 * row loses matches (the tests in test-date.c and the corpus check catch
 * it); a row without a test is only slower.  Words in a negative lookahead
 * are prefixes unless the pattern bounds them ("(?![a-z])"), and a
 * lookbehind of words is read with word_behind() (its \b), not the looser
 * before_word().  p is the start of the match (doc->text ends in a NUL, so
 * reading on until a test fails is safe). */

/* \s of PCRE2 without UCP */
/* Zero the n >= 16 bytes at p (n known at compile time) by 16-byte stores:
 * GCC expands a memset of a hit's fields or of a tout's head as "rep stos",
 * which costs a mispredicted loop exit at every match found. */
typedef uint64_t zero_v16 __attribute__((vector_size(16), aligned(1), may_alias));
static inline __attribute__((always_inline)) void zero_small(void *p, size_t n)
{
	char *c = p;
	size_t k = 0;
#pragma GCC unroll 32
	for (; k + 16 <= n; k += 16)
		*(zero_v16 *)(c + k) = (zero_v16){0, 0};
	if (k < n)
		*(zero_v16 *)(c + n - 16) = (zero_v16){0, 0};
}

static inline bool rx_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline bool is_ascii_alnum(char c)
{
	return is_ascii_digit(c) || is_ascii_lower(ascii_lower(c));
}

static inline size_t digit_run(const char *p)
{
	size_t n = 0;
	while (is_ascii_digit(p[n]))
		n++;
	return n;
}

/* The digits at p and a decimal part after them, if any ("3", "2.5"; the
 * '.' counts only before a digit): the length, 0 when p is no digit. */
static inline size_t number_run(const char *p)
{
	size_t n = digit_run(p);
	if (n && p[n] == '.' && is_ascii_digit(p[n + 1]))
		n += 1 + digit_run(p + n + 1);
	return n;
}

static inline bool year4_at(const char *p)
{
	return digit_run(p) == 4 && ((p[0] == '1' && p[1] >= '5') || (p[0] == '2' && p[1] == '0'));
}

static inline const char *skip_space(const char *p)
{
	while (rx_space(*p))
		p++;
	return p;
}

/* p past [\s\-]+ (the white space and hyphens the rows allow between a
 * modifier or a count and the next word: "mid-March", "3-year"), NULL when
 * p starts with neither. */
static inline const char *skip_seps(const char *p)
{
	if (!rx_space(*p) && *p != '-')
		return NULL;
	while (rx_space(*p) || *p == '-')
		p++;
	return p;
}

/* Is the word before p (one space before it) one of ws, with no word
 * character (\w) before it: a lookbehind like (?<=\bthe |\bin ) */
static bool word_behind(const struct document *doc, uint32_t start, const char *const *ws)
{
	if (start < 2 || doc->text[start - 1] != ' ')
		return false;
	for (const char *const *w = ws; *w; w++) {
		size_t n = strlen(*w);
		if (start < n + 1 || !ascii_ieq(doc->text + start - 1 - n, n, *w))
			continue;
		if (start == n + 1)
			return true;
		char b = doc->text[start - 2 - n];
		if (!is_ascii_digit(b) && !is_ascii_lower(ascii_lower(b)) && b != '_')
			return true;
	}
	return false;
}

/* Length of the letter run at p. */
static inline size_t letter_run(const char *p)
{
	size_t n = 0;
	while (is_ascii_lower(ascii_lower(p[n])))
		n++;
	return n;
}

/* Is the letter run at p the word w (lower case)? */
static inline bool run_is(const char *p, const char *w)
{
	size_t n = strlen(w);
	return ascii_ieq(p, n, w) && !is_ascii_lower(ascii_lower(p[n]));
}

/* After the word at p: white space (at least one), then the next word's
 * start; NULL when no white space follows the word. */
static const char *next_word(const char *p)
{
	p += letter_run(p);
	if (!rx_space(*p))
		return NULL;
	return skip_space(p);
}

/* numeric_date: not after a digit and '/' or '.'; 1-2 digits, [/.-],
 * 1-2 digits, [/.-], then a year of exactly two digits or four starting
 * with 1 or 2, not before '/' or '.' and a digit ("3.25-3.75", "42-2-2423") */
static bool quick_numeric_date(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (start >= 2 && (p[-1] == '/' || p[-1] == '.') && is_ascii_digit(p[-2]))
		return false;
	size_t n = digit_run(p);
	if (n < 1 || n > 2 || !p[n] || !strchr("/.-", p[n]))
		return false;
	p += n + 1;
	n = digit_run(p);
	if (n < 1 || n > 2 || !p[n] || !strchr("/.-", p[n]))
		return false;
	p += n + 1;
	n = digit_run(p);
	if (!(n == 2 || (n == 4 && (p[0] == '1' || p[0] == '2'))))
		return false;
	if ((p[n] == '/' || p[n] == '.') && is_ascii_digit(p[n + 1]))
		return false;
	/* "-[0-9](?![0-9]?[/.\-][0-9])" after the year: bowling figures
	 * ("9-2-35-0"), account numbers ("42-2-2423-0003") */
	const char *r = p + n + 2;
	if (p[n] == '-' && is_ascii_digit(p[n + 1]) &&
	    !((r[0] == '/' || r[0] == '.' || r[0] == '-') && is_ascii_digit(r[1])) &&
	    !(is_ascii_digit(r[0]) && (r[1] == '/' || r[1] == '.' || r[1] == '-') && is_ascii_digit(r[2])))
		return false;
	return true;
}

/* numeric_month_day: not after a digit, a digit and a space, or a digit
 * and '/' or '.'; not a common fraction ("1/2", "3/4") or "24/7"; 1-2
 * digits, '/', a digit */
static const char *const fractions[] = {"24/7", "9/11", "1/2", "1/3", "2/3", "1/4", "3/4", "1/5",
                                        "2/5", "3/5", "4/5", "1/6", "5/6", "1/8", "3/8", "5/8",
                                        "7/8", NULL};

static bool quick_numeric_month_day(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (start >= 1 && is_ascii_digit(p[-1]))
		return false;
	if (start >= 2 && (p[-1] == ' ' || p[-1] == '/' || p[-1] == '.') && is_ascii_digit(p[-2]))
		return false;
	size_t n = digit_run(p);
	if (n < 1 || n > 2 || p[n] != '/' || !is_ascii_digit(p[n + 1]))
		return false;
	/* the second number: 1-2 digits, not before '/' and a digit */
	const char *q = p + n + 1;
	size_t m = digit_run(q);
	if (m > 2 || (q[m] == '/' && is_ascii_digit(q[m + 1])))
		return false;
	/* each a day or month number, 1..31 ("96/97", "5/96" cannot) */
	int a = n == 2 ? (p[0] - '0') * 10 + (p[1] - '0') : p[0] - '0';
	int b = m == 2 ? (q[0] - '0') * 10 + (q[1] - '0') : q[0] - '0';
	if (a < 1 || a > 31 || b < 1 || b > 31)
		return false;
	for (const char *const *f = fractions; *f; f++) {
		size_t k = strlen(*f);
		if (!memcmp(p, *f, k) && !is_ascii_digit(p[k]))
			return false;
	}
	return true;
}

/* iso_date: four digits, '-', a digit ("2025-05-16"); or 1-2 digits, '/'
 * or '-' and "19" or "20" ("12-2015", "06/2019") */
static bool quick_iso_date(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n = digit_run(p);
	if (n == 4)   /* a year, '-', a month of two digits, '-', a digit */
		return ((p[0] == '1' && p[1] >= '5') || (p[0] == '2' && p[1] == '0')) && p[4] == '-' &&
		       ((p[5] == '0' && p[6] >= '1' && p[6] <= '9') || (p[5] == '1' && p[6] >= '0' && p[6] <= '2')) &&
		       p[7] == '-' && is_ascii_digit(p[8]);
	return n >= 1 && n <= 2 && (p[n] == '/' || p[n] == '-') &&
	       ((p[n + 1] == '1' && p[n + 2] == '9') || (p[n + 1] == '2' && p[n + 2] == '0'));
}

/* iso_datetime: "dddd-dd-dd", 'T' or white space, a digit */
static bool quick_iso_datetime(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	return digit_run(p) == 4 && p[4] == '-' && digit_run(p + 5) == 2 && p[7] == '-' &&
	       digit_run(p + 8) == 2 && (rx_space(p[10]) || (p[10] | 0x20) == 't') &&
	       is_ascii_digit(p[11]);
}

/* year: a run of four digits 1500..2099 (YEAR_AHEAD), not after '$', '#'
 * or a digit and '.' or ',' (NOT_YEAR_BEFORE), not before '.' or ',' and a
 * digit, nor before '-' or "to" and a run of one to three digits
 * (NOT_YEAR_AFTER: "1996-08-22", "1,996", "2010-15") */
static bool quick_year(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (digit_run(p) != 4 || !((p[0] == '1' && p[1] >= '5') || (p[0] == '2' && p[1] == '0')))
		return false;
	if (start >= 1 && (p[-1] == '$' || p[-1] == '#'))
		return false;
	if (start >= 2 && (p[-1] == '.' || p[-1] == ',') && is_ascii_digit(p[-2]))
		return false;
	if ((p[4] == '.' || p[4] == ',') && is_ascii_digit(p[5]))
		return false;
	/* the end guard after the four digits: "1995/96", "1996B" */
	if (is_ascii_lower(ascii_lower(p[4])) || (p[4] == '/' && (is_ascii_digit(p[5]) || is_ascii_lower(ascii_lower(p[5])))))
		return false;
	const char *q = skip_space(p + 4);
	if (q[0] == '-')
		q++;
	else if ((q[0] | 0x20) == 't' && (q[1] | 0x20) == 'o')
		q += 2;
	else
		return true;
	size_t n = digit_run(skip_space(q));
	return n == 0 || n > 3;
}

/* dur_glued: digits (and a decimal part), then 'h' or 'm' ("3h", "90min") */
static bool quick_dur_glued(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	p += number_run(p);
	return (*p | 0x20) == 'h' || ascii_ieq(p, 4, "mins");   /* h, hr, hrs, mins */
}

/* clock_range: an hour of 1-2 digits, maybe ":" or "." and minutes, white
 * space, then '-', '–' or "to" */
/* AMPM at p ([ap]\.\s?m(?![a-z])\.?, [ap]\s?m(?![a-z]), o'clock, o’clock,
 * oclock): its length, with the final dot of "a.m." that the regex takes
 * greedily; 0 when none of them starts at p. */
static size_t ampm_at(const char *p)
{
	char c = ascii_lower(p[0]);
	if (c == 'a' || c == 'p') {
		bool dot = p[1] == '.';
		const char *q = p + 1 + dot;
		if (rx_space(*q))
			q++;
		if (ascii_lower(*q) != 'm' || is_ascii_lower(ascii_lower(q[1])))
			return 0;
		return (size_t)(q + 1 - p) + (dot && q[1] == '.');
	}
	if (c != 'o')
		return 0;
	if (p[1] == '\'' && ascii_ieq(p + 2, 5, "clock"))
		return 7;
	if ((uint8_t)p[1] == 0xE2 && (uint8_t)p[2] == 0x80 && (uint8_t)p[3] == 0x99 && ascii_ieq(p + 4, 5, "clock"))
		return 9;
	return ascii_ieq(p + 1, 5, "clock") ? 6 : 0;
}

static bool quick_clock_range(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n = digit_run(p);
	if (n < 1 || n > 2)
		return false;
	p += n;
	if ((p[0] == ':' || p[0] == '.') && digit_run(p + 1) == 2)
		p += 3;
	p = skip_space(p);
	if (p[0] == '-')
		p++;
	else if ((uint8_t)p[0] == 0xE2 && (uint8_t)p[1] == 0x80 && (uint8_t)p[2] == 0x93)
		p += 3;
	else if ((p[0] | 0x20) == 't' && (p[1] | 0x20) == 'o')
		p += 2;
	else
		return false;
	/* the other hour, maybe its minutes, and a.m./p.m./o'clock */
	p = skip_space(p);
	n = digit_run(p);
	if (n < 1 || n > 2)
		return false;
	p += n;
	if ((p[0] == ':' || p[0] == '.') && digit_run(p + 1) == 2)
		p += 3;
	return ampm_at(skip_space(p)) != 0;
}

/* clock_day (CLOCK): at a word, around/about/approximately/roughly or
 * noon, midday, midnight; at a number, at most four digits (hour and
 * minutes), then white space and a.m./p.m./o'clock ('a', 'p', 'o'), or
 * (after an hour of 1-2 digits) ':' or '.', two digits, maybe ':' and two
 * more, then a.m./p.m. or, after ':', no digit nor '.'/':' and a digit */
static bool word_in(const char *p, const char *const *ws, size_t *len);
static const char *skip_mod(const char *p);
static const char *const clock_day_words[] = {"around", "about", "approximately", "roughly",
                                              "noon", "noonish", "midday", "middayish",
                                              "midnight", "midnightish", NULL};

static bool quick_clock_day(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n = digit_run(p);
	if (n == 0)   /* (noon... may run into a day word: "noontoday") */
		return word_in(p, clock_day_words, NULL) || ascii_ieq(p, 4, "noon") || ascii_ieq(p, 6, "midday") ||
		       ascii_ieq(p, 8, "midnight");
	if (n > 4)
		return false;
	p += n;
	if (p[0] == ':' || p[0] == '.') {
		/* "1030:15pm": the regex judges; after three or four digits
		 * only the seconds' ':' may come ("1974.": no) */
		if (n > 2)
			return p[0] == ':';
		if (digit_run(p + 1) != 2)
			return false;
		const char *r = p + 3;
		if (*r == ':' && digit_run(r + 1) == 2)
			r += 3;
		if (p[0] == ':' && !is_ascii_digit(*r) && !((*r == '.' || *r == ':') && is_ascii_digit(r[1])))
			return true;
		p = r;
	}
	return ampm_at(skip_space(p)) != 0;
}

/* Is the letter run at p (compared in lower case) one of ws?  *len gets
 * its length.  (Most list words differ at the first letter.) */
static bool word_in(const char *p, const char *const *ws, size_t *len)
{
	/* the first two bytes in one compare: most list words differ there,
	 * and the lists are long (UNIT has forty words).  The run's length is
	 * not counted first: its loop's end was mispredicted at most calls.
	 * A list word has at least one letter, so its first two bytes can be
	 * read; for a one-letter run the second is its end (0).  (p[1] can be
	 * read: p[0] is a letter, not the text's final NUL.) */
	char c0 = ascii_lower(p[0]), c1 = ascii_lower(p[1]);
	if (!is_ascii_lower(c0)) {
		if (len)
			*len = 0;
		return false;
	}
	bool two = is_ascii_lower(c1);
	uint16_t p01 = (uint16_t)((uint8_t)c0 | (two ? (uint8_t)c1 << 8 : 0));
	size_t j0 = two ? 2 : 1;
	for (const char *const *w = ws; *w; w++) {
		const char *x = *w;
		if ((uint16_t)((uint8_t)x[0] | (uint8_t)x[1] << 8) != p01)
			continue;
		/* x[0..j) are letters equal to the run's first j: the run is
		 * x when x ends there and the run does too */
		size_t j = j0;
		while (is_ascii_lower(x[j]) && ascii_lower(p[j]) == x[j])
			j++;
		if (!x[j] && !is_ascii_lower(ascii_lower(p[j]))) {
			if (len)
				*len = j;
			return true;
		}
	}
	if (len) {
		size_t n = j0;
		while (is_ascii_lower(ascii_lower(p[n])))
			n++;
		*len = n;
	}
	return false;
}

/* Past an optional word of ws at p: the next word when p is one of ws
 * (NULL if no white space follows it), else p itself. */
static const char *skip_optional_word(const char *p, const char *const *ws)
{
	return word_in(p, ws, NULL) ? next_word(p) : p;
}

/* the words that may follow a count in "duration": UNIT, and the words
 * before it */
static const char *const dur_units[] = {
	"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
	"minute", "minutes", "second", "seconds", "decade", "decades", "century", "centuries",
	"quarter", "quarters", "fortnight", "fortnights", "weekend", "weekends", "nights", "hr",
	"hrs", "min", "mins", "sec", "secs", "yr", "yrs", "millennium", "millennia", NULL};
static const char *const dur_qualifiers[] = {"trading", "business", "working", "calendar",
                                             "straight", "consecutive", "more", "additional",
                                             "full", "long", NULL};
/* ... and after "a"/"an": "a few", "a couple", "a dozen", "an extra" */
static const char *const dur_after_a[] = {"few", "couple", "dozen", "hundred", "thousand",
                                          "additional", "extra", "further", "full", "whole", NULL};
/* number words that are a whole count ("twenty" may go on: "twenty-one") */
static const char *const dur_counts1[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	NULL};

static bool month_prefix(const char *p);

/* A unit word at p that a match cannot end with: before '-' and a word
 * that the end guard refuses ("12-year-old"; not "-long", nor a month
 * that may start another date) */
static bool unit_then_word(const char *p, size_t u)
{
	return p[u] == '-' && is_ascii_lower(ascii_lower(p[u + 1])) && !ascii_ieq(p + u + 1, 4, "long") &&
	       !month_prefix(p + u + 1);
}

/* duration: at a number, the number, '-' or white space, and a unit or a
 * word that may come before one ("3 years", "2 more weeks"), the unit not
 * before "-old"; at "a"/"an", '-' or white space and a unit or what may
 * follow "a" ("a year", "a few days"); at "the", "the better part of";
 * after a one-word modifier, no "the" ("over the weekend") */
/* After "a"/"an" or a count word ending at p: '-' or white space, then a
 * unit (not one that starts a longer phrase), a qualifier ("few") or one of
 * also. */
static bool dur_unit_follows(const char *p, const char *const *also)
{
	size_t u;
	if (!(p = skip_seps(p)))
		return false;
	if (word_in(p, dur_units, &u))
		return !unit_then_word(p, u);
	return word_in(p, dur_qualifiers, NULL) || word_in(p, also, NULL);
}

/* NOT_RATE's words, with their lengths */
static const struct {
	const char *w;
	uint8_t n;
} rate_words[] = {
	{"million", 7}, {"billion", 7}, {"thousand", 8}, {"hundred", 7}, {"times", 5}, {"once", 4},
	{"twice", 5}, {"percent", 7}, {"cents", 5}, {"dollars", 7}, {"euros", 5}, {"pounds", 6},
	{"yen", 3}, {"flights", 7}, {"trips", 5}, {"hours", 5}, {"miles", 5}, {"people", 6},
};

/* Does duration's NOT_RATE refuse a start here?  (A lookbehind: the text
 * before ends with one of its words and a space, whatever comes before
 * the word: "[0-9] ", "[0-9]m ", "[0-9]bn " or a rate word.) */
static bool dur_rate_before(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (start == 0 || p[-1] != ' ')
		return false;
	const char *e = p - 1;
	if ((start >= 2 && is_ascii_digit(e[-1])) ||
	    (start >= 3 && (e[-1] | 0x20) == 'm' && is_ascii_digit(e[-2])) ||
	    (start >= 4 && ascii_ieq(e - 2, 2, "bn") && is_ascii_digit(e[-3])))
		return true;
	/* (every rate word ends in one of these letters) */
	char c = ascii_lower(e[-1]);
	if (start >= 2 && (c == 's' || c == 'n' || c == 'd' || c == 'e' || c == 't'))
		for (size_t i = 0; i < ARRAY_SIZE(rate_words); i++) {
			size_t k = rate_words[i].n;
			if (rate_words[i].w[k - 1] == c && start >= k + 1 && ascii_ieq(e - k, k, rate_words[i].w))
				return true;
		}
	return false;
}

/* the one-word modifiers, and the first and second words of the two-word
 * ones that are taken here ("no more than", "the better part of" are not) */
static const char *const dur_scan_mods1[] = {"nearly", "almost", "about", "around", "roughly",
                                             "approximately", "some", "over", "under", "only",
                                             "within", NULL};
static const char *const dur_scan_mods2[][2] = {
	{"more", "than"}, {"less", "than"}, {"fewer", "than"}, {"just", "over"}, {"just", "under"},
	{"well", "over"}, {"at", "least"}, {"at", "most"}, {"up", "to"}, {"close", "to"}};
/* what a count (COUNT and its kin in duration's pattern) starts with */
static const char *const dur_count_first[] = {
	"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"hundred", "dozen", "few", "couple", "several", "many", "dozens", "hundreds", "half", NULL};
static const char *dur_scan_mod(const char *p, const char **me);

/* duration's count words that go on like a number word (tens before a
 * unit digit word; NUMWORD, with "and a half"), and those that do not */
static const char *const dur_tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                       "eighty", "ninety", NULL};
static const char *const dur_ones[] = {"one", "two", "three", "four", "five", "six", "seven", "eight",
                                       "nine", NULL};
static const char *const dur_vague_counts[] = {"dozen", "few", "several", "many", "hundred", NULL};
static const char *const dur_after_count2[] = {"hundred", "thousand", NULL};
static const char *const no_words[] = {NULL};
/* After a count word ending at p: "and a half" after white space (not
 * "four-and-a-half", "eight and six months"), then a unit; or a unit,
 * a qualifier, "hundred", "thousand" */
static bool dur_count_tail(const char *p)
{
	if (rx_space(*p) && run_is(skip_space(p), "and")) {
		const char *x = next_word(skip_space(p));
		if (!x || !run_is(x, "a") || !(x = next_word(x)) || !run_is(x, "half"))
			return false;
		return dur_unit_follows(x + 4, no_words);
	}
	return dur_unit_follows(p, dur_after_count2);
}

/* Can duration's COUNT, and what it needs after it, start at c (at the
 * start or after a modifier)?  Digits before a unit or a qualifier;
 * "a"/"an" before a unit or what follows "a"; a number word before its
 * tail; "half" before "a"/"an"; else the words a count starts with. */
static bool dur_count_ok(const char *c, bool wb)
{
	size_t u, k;
	if (is_ascii_digit(*c)) {
		const char *p = c + number_run(c), *q = skip_space(p);
		if (q > p && q[0] >= '1' && q[0] <= '3' && q[1] == '/')
			return true;   /* "2 1/2 years" */
		if (!(p = skip_seps(p)))
			return false;
		if (word_in(p, dur_units, &u))
			return !unit_then_word(p, u);
		return word_in(p, dur_qualifiers, NULL);
	}
	if (run_is(c, "a") || run_is(c, "an")) {
		/* (?<!\ba |\ban )second: not "a second" (wb: a word
		 * boundary before c) */
		size_t a = letter_run(c);
		if (wb && c[a] == ' ' && run_is(c + a + 1, "second"))
			return false;
		return dur_unit_follows(c + a, dur_after_a);
	}
	if (word_in(c, dur_counts1, &u))
		return dur_count_tail(c + u);
	if (word_in(c, dur_tens, &u)) {
		const char *w = c + u;
		if ((rx_space(*w) || *w == '-') && word_in(w + 1, dur_ones, &k) && dur_count_tail(w + 1 + k))
			return true;
		return dur_count_tail(w);
	}
	if (word_in(c, dur_vague_counts, &u))
		return dur_count_tail(c + u);
	if (run_is(c, "half")) {
		const char *w = next_word(c);
		return w && (run_is(w, "a") || run_is(w, "an"));
	}
	return word_in(c, dur_count_first, NULL);
}

/* Is there a word boundary (\b) before start? */
static inline bool word_start(const struct document *doc, uint32_t start)
{
	char b = start ? doc->text[start - 1] : ' ';
	return !(is_ascii_alnum(b) || b == '_');
}

static bool quick_duration_form(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (is_ascii_digit(*p))
		return dur_count_ok(p, true);
	if (run_is(p, "the")) {
		p = next_word(p);
		return p && run_is(p, "better");
	}
	/* after a modifier of one or two words ("nearly", "up to"): a count */
	const char *me, *c = dur_scan_mod(p, &me);
	if (!c)
		return false;
	if (c == p && run_is(p, "no"))
		return true;   /* "no more than", "no less than": not tested further */
	return dur_count_ok(c, c != p || word_start(doc, start));
}

/* (NOT_RATE only for the starts the form lets through: its rate-word loop
 * costs more than the form's tests) */
static bool quick_duration(const struct document *doc, uint32_t start)
{
	return quick_duration_form(doc, start) && !dur_rate_before(doc, start);
}

static const char *const range_words[] = {"to", "through", "thru", "till", "until", "and", NULL};

/* Does the letter run at p begin with a month's first three letters? */
static bool month_prefix(const char *p)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	char a = ascii_lower(p[0]), b = a ? ascii_lower(p[1]) : 0, c = b ? ascii_lower(p[2]) : 0;
	for (size_t k = 0; k < 36; k += 3)
		if (months[k] == a && months[k + 1] == b && months[k + 2] == c)
			return true;
	return false;
}

static const char *const month_full[] = {"january", "february", "march", "april", "may", "june",
                                         "july", "august", "september", "october", "november",
                                         "december", NULL};
static const char *const month_abbr[] = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept",
                                         "sep", "oct", "nov", "dec", NULL};

/* Length of the word at p when it is one of full, or one of abbr with the
 * abbreviation's dot; 0 if neither.  (word_in() sets n to the letter run's
 * length whether or not it matches.) */
static size_t name_at(const char *p, const char *const *full, const char *const *abbr)
{
	size_t n;
	if (word_in(p, full, &n))
		return n;
	if (word_in(p, abbr, NULL))
		return n + (p[n] == '.');
	return 0;
}

/* Length of the month name (MON) at p, with the abbreviation's dot, or 0. */
static size_t month_at(const char *p)
{
	return name_at(p, month_full, month_abbr);
}

static const char *const wday_full[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                        "saturday", "sunday", NULL};
static const char *const wday_abbr[] = {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
                                        "sat", "sun", NULL};
static const char *const dayword_first[] = {
	"twenty", "thirty", "thirtyfirst", "first", "second", "third", "fourth", "fifth", "sixth",
	"seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
	"fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
	"thirtieth", NULL};
static const char *const part_words[] = {"morning", "afternoon", "evening", "night", "daytime",
                                         "midday", NULL};

/* holiday: maybe this/last/next/following/coming, then the first word of
 * a holiday ("new" only before "year", "good" and "black" before 'f',
 * "cyber" before 'm') */
static const char *const holiday_rel[] = {"this", "last", "next", "following", "coming", NULL};
static const char *const holiday_first[] = {
	"christmas", "new", "thanksgiving", "easter", "good", "independence", "labor", "labour",
	"memorial", "halloween", "valentine", "valentines", "boxing", "international", "black",
	"cyber", "mother", "mothers", "father", "fathers", "martin", "presidents", "columbus",
	"veterans", "st", "saint", NULL};

static const char *const holiday_pairs[][2] = {
	{"independence", "day"}, {"labor", "day"}, {"labour", "day"}, {"memorial", "day"},
	{"boxing", "day"}, {"international", "workers"}, {"martin", "luther"}, {"columbus", "day"},
	{"saint", "patrick"}, {"mothers", "day"}, {"fathers", "day"}, {"valentines", "day"}};

static bool quick_holiday(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (word_in(p, holiday_rel, NULL)) {
		const char *q = next_word(p);
		if (q && quick_holiday(doc, (uint32_t)(q - doc->text)))
			return true;
	}
	size_t n;
	if (!word_in(p, holiday_first, &n))
		return false;
	const char *q = skip_space(p + n);
	if (n == 3 && ascii_ieq(p, 3, "new")) {
		/* new\s+year['’]?s\s+(day|eve) */
		if (!(q > p + n && ascii_ieq(q, 4, "year")))
			return false;
		const char *r = q + 4;
		if (*r == '\'')
			r++;
		else if ((uint8_t)r[0] == 0xE2 && (uint8_t)r[1] == 0x80 && (uint8_t)r[2] == 0x99)
			r += 3;
		if (ascii_lower(*r) != 's' || !rx_space(r[1]))
			return false;
		r = skip_space(r + 1);
		return ascii_ieq(r, 3, "day") || ascii_ieq(r, 3, "eve");
	}
	if ((n == 4 && ascii_ieq(p, 4, "good")) || (n == 5 && ascii_ieq(p, 5, "black")))
		return q > p + n && ascii_ieq(q, 6, "friday");
	if (n == 5 && ascii_ieq(p, 5, "cyber"))
		return q > p + n && ascii_ieq(q, 6, "monday");
	/* the first words that one second word must follow */
	for (size_t k = 0; k < ARRAY_SIZE(holiday_pairs); k++)
		if (n == strlen(holiday_pairs[k][0]) && ascii_ieq(p, n, holiday_pairs[k][0]))
			return q > p + n && ascii_ieq(q, strlen(holiday_pairs[k][1]), holiday_pairs[k][1]);
	/* "mother's", "valentine’s": an apostrophe right after */
	if ((n == 6 && (ascii_ieq(p, 6, "mother") || ascii_ieq(p, 6, "father"))) ||
	    (n == 9 && ascii_ieq(p, 9, "valentine")))
		return p[n] == '\'' || (uint8_t)p[n] == 0xE2;
	/* "st", maybe '.', then white space and "patrick" */
	if (n == 2 && ascii_ieq(p, 2, "st")) {
		q = p + 2 + (p[2] == '.');
		return rx_space(*q) && ascii_ieq(skip_space(q), 7, "patrick");
	}
	return true;
}

/* month_year at a month: separators, maybe "of"/"in", then a year: four
 * digits 1500..2099, two after "of", an apostrophe, or a year in words */
static const char *const year_word_first[] = {"nineteen", "eighteen", "twenty", "two", NULL};
static const char *const of_in[] = {"of", "in", NULL};

static bool quick_month_year(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t m = month_at(p);
	if (!m) {
		/* "early", "the end of" and the month */
		const char *q = skip_mod(p);
		if (!q || q == p || !(m = month_at(q)))
			return false;
		p = q;
	}
	p += m;
	while (rx_space(*p) || *p == ',' || *p == '-' || *p == '/')
		p++;
	bool of = false;
	if (word_in(p, of_in, NULL) && rx_space(p[2])) {
		of = true;
		p = skip_space(p + 2);
	}
	size_t n = digit_run(p);
	if (n)
		return (n == 4 && ((p[0] == '1' && p[1] >= '5') || (p[0] == '2' && p[1] == '0'))) ||
		       (n == 2 && of);
	/* YEAR2: the quote right before two digits */
	return (*p == '\'' && digit_run(p + 1) == 2) || word_in(p, year_word_first, NULL);
}

static size_t wday_at(const char *p);
static const char *after_wday(const char *p, size_t w);

/* month_day_year: a weekday or a month first; after a month, separators,
 * then a day (1-2 digits, "the", an ordinal word) or another month */
static bool quick_month_day_year(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t m = month_at(p);
	if (!m)
		return wday_at(p) != 0;   /* "Tuesday, May 13": not tested further */
	p += m;
	for (;;) {
		if (rx_space(*p) || *p == '-' || *p == '/')
			p++;
		else if ((uint8_t)p[0] == 0xE2 && (uint8_t)p[1] == 0x80 && (uint8_t)p[2] == 0x93)
			p += 3;
		else
			break;
	}
	size_t n = digit_run(p);
	return (n && n <= 2) || run_is(p, "the") || word_in(p, dayword_first, NULL) || month_at(p);
}

/* For the rows that go on from a month with white space: the word after
 * the month and its white space; NULL when the month has no white space
 * after it (the row cannot match).  *no_month: p holds no month at all, so
 * there is nothing to check. */
static const char *word_after_month(const char *p, bool *no_month)
{
	size_t m = month_at(p);
	*no_month = !m;
	if (!m || !rx_space(p[m]))
		return NULL;
	return skip_space(p + m);
}

/* month_dayword at a month: white space, then "the" or an ordinal word */
static bool quick_month_dayword(const struct document *doc, uint32_t start)
{
	bool no_month;
	const char *q = doc->text + start;
	size_t w;
	if (!month_at(q)) {
		/* a weekday, maybe ',', white space, then the month */
		if (!(w = wday_at(q)) || !(q = after_wday(q, w)))
			return false;
	}
	const char *p = word_after_month(q, &no_month);
	if (!p)
		return false;
	return run_is(p, "the") || word_in(p, dayword_first, NULL);
}

/* month_rel_year at a month: white space, maybe "of", then this, last,
 * next or the */
static const char *const month_rel[] = {"this", "last", "next", "the", NULL};

static bool quick_month_rel_year(const struct document *doc, uint32_t start)
{
	bool no_month;
	const char *q = doc->text + start;
	if (!month_at(q) && (!(q = skip_mod(q)) || q == doc->text + start))
		return false;   /* neither a month nor a modifier */
	const char *p = word_after_month(q, &no_month);
	if (!p)
		return false;
	if (run_is(p, "of")) {
		p = next_word(p);
		if (!p)
			return false;
	}
	return word_in(p, month_rel, NULL);
}

/* Length of the weekday (WDAYX) at p, with the abbreviation's dot, or 0. */
static size_t wday_at(const char *p)
{
	return name_at(p, wday_full, wday_abbr);
}

/* The text after the weekday of w bytes at p, maybe ',' and the white space
 * after it ("Tuesday, ", "Tue "); NULL when no white space follows. */
static const char *after_wday(const char *p, size_t w)
{
	p += w + (p[w] == ',');
	return rx_space(*p) ? skip_space(p) : NULL;
}

/* What may follow the day in day_month_year: a range joiner ("9 to 12 of
 * June", "3-5 May") or, maybe after "of", a month ("12 June", "5th of May"). */
static bool day_then_month(const char *p)
{
	bool dash = false;
	for (; rx_space(*p) || *p == '-' || *p == '/' || *p == '~'; p++)
		dash |= *p == '-' || *p == '~';
	if (dash || ((uint8_t)p[0] == 0xE2 && (uint8_t)p[1] == 0x80 && (uint8_t)p[2] == 0x93))
		return true;
	size_t wn;
	if (word_in(p, range_words, &wn))
		return true;
	if (wn == 2 && ascii_ieq(p, 2, "of")) {
		p += 2;
		while (rx_space(*p) || *p == '-' || *p == '/')
			p++;
	}
	return month_prefix(p);
}

/* day_month_year at a number: a day of 1-2 digits, maybe "st", "nd", "rd"
 * or "th", then what day_then_month allows */
static bool quick_day_month_year(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n = digit_run(p);
	if (n == 0) {
		/* a weekday, maybe ',', and white space; maybe "the"; then
		 * the day's digits or an ordinal word */
		size_t w = wday_at(p);
		if (w && !(p = after_wday(p, w)))
			return false;
		if (run_is(p, "the") && !(p = next_word(p)))
			return false;
		if (is_ascii_digit(*p))
			return quick_day_month_year(doc, (uint32_t)(p - doc->text));
		if (!word_in(p, dayword_first, &n))
			return false;
		if (n == 6 && (p[0] | 0x20) == 't')
			return true;   /* twenty, thirty: "twenty-first" */
		/* after the ordinal maybe "day", then what day_then_month
		 * allows ("the third in January" cannot match) */
		const char *dw = next_word(p);
		return day_then_month(dw && run_is(dw, "day") ? dw + 3 : p + n);
	}
	if (n > 2)
		return false;
	p += n;
	char a = ascii_lower(p[0]), b = a ? ascii_lower(p[1]) : 0;
	if (((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
	     (a == 't' && b == 'h')) && day_then_month(p + 2))
		return true;
	return day_then_month(p);
}

/* wday_daynum: a weekday, maybe ',', white space, then a digit, or "the"
 * and a digit or an ordinal word */
static bool quick_wday_daynum(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t w = wday_at(p);
	if (!w || !(p = after_wday(p, w)))
		return false;
	if (is_ascii_digit(*p))
		return true;
	if (!run_is(p, "the"))
		return false;
	p = next_word(p);
	return p && (is_ascii_digit(*p) || word_in(p, dayword_first, NULL));
}

/* wday_part: maybe this/last/next/coming/past/previous, a weekday, maybe
 * early/late, and a part of day */
static const char *const wday_rel[] = {"this", "last", "next", "coming", "past", "previous", NULL};
static const char *const early_late[] = {"early", "late", NULL};

static bool quick_wday_part(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	p = skip_optional_word(p, wday_rel);
	if (!p)
		return false;
	if (!word_in(p, wday_full, NULL))
		return false;
	p = next_word(p);
	if (p)
		p = skip_optional_word(p, early_late);
	return p && word_in(p, part_words, NULL);
}

/* day_at_clock: maybe this/last/next, a weekday or today/tomorrow...,
 * maybe a part of day, then a number, at/around/about, or noon... */
static const char *const day_clock_rel[] = {"this", "last", "next", NULL};
static const char *const deic_words[] = {"today", "yesterday", "tomorrow", "tonight", "tonite", NULL};

/* day_at_clock after the day (and its part of day), precisely: ",\s*" or
 * white space; maybe at/around/about and white space; then a CLOCK
 * (digits before AMPM, "9:30", noon...) or, after that word, an hour, maybe
 * ":" and minutes, then 'a'/'p' alone or no digit, '.', ',', ':' nor
 * (after white space) '%' or a letter ("Tuesday at 5,800", "Thursday at
 * an average", "Monday, 31 children": no). */
static const char *const clock_noon[] = {"noon", "noonish", "midday", "middayish", "midnight",
                                         "midnightish", NULL};
static const char *const clock_at[] = {"at", "around", "about", NULL};

static bool day_clock_follows(const char *p)
{
	size_t n;
	if (*p == ',')
		p = skip_space(p + 1);
	else if (rx_space(*p))
		p = skip_space(p);
	else
		return false;
	bool lead = false;
	if (word_in(p, clock_at, &n)) {
		if (!rx_space(p[n]))
			return false;
		p = skip_space(p + n);
		lead = true;
	}
	n = digit_run(p);
	if (!n)
		return word_in(p, clock_noon, NULL) || (*p & 0x80);
	if (n > 4)
		return false;
	const char *r = p + n;
	if (*r == ':')
		return true;   /* "9:30", "1030:15": the regex judges */
	if (*r == '.') {
		/* only "4.30" and AMPM (CLOCK's first form) */
		if (n > 2 || !(r[1] >= '0' && r[1] <= '5' && is_ascii_digit(r[2])))
			return false;
		r += 3;
		if (*r == ':')
			return true;
		return ampm_at(skip_space(r)) != 0;
	}
	if (ampm_at(skip_space(r)))
		return true;
	if (!lead || n > 2)
		return false;
	char c = ascii_lower(*r);
	if ((c == 'a' || c == 'p') && !is_ascii_alnum(r[1]))
		return true;
	if (is_ascii_digit(*r) || *r == '.' || *r == ',' || *r == ':')
		return false;
	const char *t = skip_space(r);
	return !(*t == '%' || is_ascii_lower(ascii_lower(*t)));
}

static bool quick_day_at_clock(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	p = skip_optional_word(p, day_clock_rel);
	if (!p)
		return false;
	size_t n;
	if (!word_in(p, wday_full, &n) && !word_in(p, deic_words, &n))
		return false;
	p += n;
	if (day_clock_follows(p))
		return true;
	if (!rx_space(*p))
		return false;
	p = skip_space(p);
	return word_in(p, part_words, &n) && day_clock_follows(p + n);
}

/* the hyphenated unit words: "year-earlier", "years-long", "year-end" */
static const char *const unit_earlier_units[] = {"year", "month", "quarter", "week", "day", NULL};
static const char *const earlier_ago[] = {"earlier", "ago", NULL};

static bool quick_unit_earlier(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (run_is(p, "the")) {
		p = next_word(p);
		if (!p)
			return false;
	}
	size_t n;
	return word_in(p, unit_earlier_units, &n) && p[n] == '-' && word_in(p + n + 1, earlier_ago, NULL);
}

static const char *const units_long[] = {"decades", "years", "months", "weeks", "days", "hours", NULL};
static const char *const unit_long[] = {"day", "week", "month", "year", "hour", NULL};

static bool quick_dur_long(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	return word_in(p, units_long, &n) && p[n] == '-' && ascii_ieq(p + n + 1, 4, "long");
}

static bool quick_dur_day_long(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	return word_in(p, unit_long, &n) && p[n] == '-' && run_is(p + n + 1, "long");
}

static bool quick_year_to_date(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (run_is(p, "the")) {
		p = next_word(p);
		if (!p)
			return false;
	}
	if (!run_is(p, "year"))
		return false;
	p += 4;
	if (!(p = skip_seps(p)))
		return false;
	if (!ascii_ieq(p, 2, "to") || !(p = skip_seps(p + 2)))
		return false;
	return ascii_ieq(p, 4, "date") && !is_ascii_lower(ascii_lower(p[4]));
}

/* week_number: "week", white space, a digit ("week-long", "first-week": no) */
static bool quick_week_number(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	return ascii_ieq(p, 4, "week") && rx_space(p[4]) && is_ascii_digit(*skip_space(p + 4));
}

static const char *const quarter_nth[] = {"first", "second", "third", "fourth", NULL};

/* quarter_ordinal: maybe "the", maybe fiscal/calendar, maybe a year and
 * white space, an ordinal, [\s\-]+, maybe fiscal/calendar, "quarter" */
static bool quarter_ord_at(const char *o, size_t *n)
{
	if (o[0] >= '1' && o[0] <= '4' &&
	    ascii_ieq(o + 1, 2, o[0] == '1' ? "st" : o[0] == '2' ? "nd" : o[0] == '3' ? "rd" : "th")) {
		*n = 3;
		return true;
	}
	return word_in(o, quarter_nth, n);
}

static bool quick_quarter_ordinal(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	if (run_is(p, "the") && !(p = next_word(p)))
		return false;
	if ((run_is(p, "fiscal") || run_is(p, "calendar")) && !(p = next_word(p)))
		return false;
	if (year4_at(p)) {
		if (!rx_space(p[4]))
			return false;
		p = skip_space(p + 4);
	}
	if (!quarter_ord_at(p, &n) || !(p = skip_seps(p + n)))
		return false;
	if ((run_is(p, "fiscal") || run_is(p, "calendar")) && !(p = next_word(p)))
		return false;
	return ascii_ieq(p, 7, "quarter") && !is_ascii_lower(ascii_lower(p[7]));
}

static bool quick_year_end(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	return ascii_ieq(p, 5, "year-") && run_is(p + 5, "end");
}

/* dur_span, dur_span_one: never "over the ", "under the ", "within the " */
static const char *const over_under[] = {"over", "under", "within", NULL};

static bool quick_not_over_the(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!word_in(p, over_under, NULL))
		return true;
	p = next_word(p);
	return !(p && ascii_ieq(p, 3, "the") && rx_space(p[3]));
}

/* dur_the_count: "the", white space, then a count (COUNT_NA) */
static const char *const count_words[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
	"dozen", "a", "few", "several", "many", NULL};

static const char *const tens_words[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                         "eighty", "ninety", NULL};
static const char *const big_counts[] = {"hundred", "thousand", "dozen", NULL};

static bool quick_dur_the_count(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!run_is(p, "the"))
		return false;
	p = next_word(p);
	if (p && is_ascii_digit(*p)) {
		/* the count's digits (and decimals), then [\s\-]+ and a unit
		 * or a qualifier ("the 86th minute", "the 62-year-old" cannot
		 * match) */
		p += number_run(p);
		return dur_unit_follows(p, no_words);
	}
	size_t n;
	if (!p || !word_in(p, count_words, &n))
		return false;
	/* a tens word may go on ("twenty-one"); "a" and "one" before
	 * dozen/hundred/thousand */
	return word_in(p, tens_words, NULL) || dur_unit_follows(p + n, big_counts);
}

/* nth_day_of_month_word: "the", an ordinal word (maybe "twenty first"),
 * white space, then "day" or "month" */

static const char *const nth_rel[] = {"this", "next", "last", "coming", "previous", "current",
                                       "following", NULL};

/* After the ordinal: "day of" and maybe "the" and a rel word, then
 * "month"; or "month of" and the same, then "year" */
static bool nth_tail(const char *q)
{
	bool day = run_is(q, "day");
	if (!day && !run_is(q, "month"))
		return false;
	if (!(q = next_word(q)) || !run_is(q, "of") || !(q = next_word(q)))
		return false;
	if (run_is(q, "the") && !(q = next_word(q)))
		return false;
	if (word_in(q, nth_rel, NULL) && !(q = next_word(q)))
		return false;
	return run_is(q, day ? "month" : "year");
}

static bool quick_nth_day_of_month_word(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!run_is(p, "the"))
		return false;
	p = next_word(p);
	size_t n;
	if (!p || !word_in(p, dayword_first, &n))
		return false;
	const char *q = next_word(p);
	if (q && nth_tail(q))
		return true;
	/* "twenty first", "thirty-first" */
	if ((n == 6 && (ascii_ieq(p, 6, "twenty") || ascii_ieq(p, 6, "thirty"))) &&
	    (rx_space(p[6]) || p[6] == '-')) {
		q = next_word(p + 7);
		return q && nth_tail(q);
	}
	return false;
}

/* the_following_unit: "that" and a unit; "the" and same/following/next/
 * previous/preceding/prior or a unit */
static const char *const that_units[] = {"weekend", "week", "month", "year", NULL};
static const char *const after_before[] = {"after", "before", NULL};
static const char *const the_units[] = {"day", "week", "month", "year", NULL};
static const char *const the_dir_units[] = {"day", "week", "month", "year", "quarter", NULL};
static const char *const the_following[] = {"same", "following", "next", "previous", "preceding",
                                            "prior", "day", "week", "month", "year", NULL};

static bool quick_the_following_unit(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	bool that = run_is(p, "that");
	if (!that && !run_is(p, "the"))
		return false;
	p = next_word(p);
	if (!p || !word_in(p, that ? that_units : the_following, NULL))
		return false;
	/* "the" and a unit: only "the day before", "the year after" */
	if (!that && word_in(p, the_units, NULL))
		return (p = next_word(p)) && word_in(p, after_before, NULL);
	/* "the next", "the same": a unit next */
	return that || ((p = next_word(p)) && word_in(p, the_dir_units, NULL));
}

/* week_wday_abbr: this/next/last/coming/following, "week", maybe "on",
 * then a capital M, T, W, F or S ("next week Mon") */
static const char *const week_rel[] = {"this", "next", "last", "coming", "following", NULL};

static bool quick_week_wday_abbr(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!word_in(p, week_rel, NULL) || !(p = next_word(p)) || !run_is(p, "week") || !(p = next_word(p)))
		return false;
	if (run_is(p, "on") && !(p = next_word(p)))
		return false;
	return *p && strchr("MTWFS", *p);
}

/* unit_after_next: "the", week/month/year, then "after" or "before" */
static const char *const week_month_year[] = {"week", "month", "year", NULL};

static bool quick_unit_after_next(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	return run_is(p, "the") && (p = next_word(p)) && word_in(p, week_month_year, NULL) &&
	       (p = next_word(p)) && word_in(p, after_before, NULL);
}

/* month_alone: a full month name; an abbreviation only before '.' or
 * after from/to/until/till/through/between/since/after/before/in */
static const char *const month_alone_before[] = {"from", "to", "until", "till", "through",
                                                 "between", "since", "after", "before", "in",
                                                 NULL};

static const char *const month_may_before[] = {
	"in", "of", "since", "until", "till", "by", "from", "through", "to", "early", "late", "mid",
	"before", "after", "during", "between", "and", "or", "this", "last", "next", NULL};

static bool quick_month_alone(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	bool title = is_ascii_upper(p[0]) && is_ascii_lower(p[1]) && is_ascii_lower(p[2]);
	if (word_in(p, month_full, &n)) {
		/* "May" and "March" only so written, after one of
		 * month_may_before (or "mid-") */
		if (!(n == 3 && ascii_ieq(p, 3, "may")) && !(n == 5 && ascii_ieq(p, 5, "march")))
			return true;
		if (!title || (n == 5 && !(is_ascii_lower(p[3]) && is_ascii_lower(p[4]))))
			return false;
		return word_behind(doc, start, month_may_before) ||
		       (start >= 4 && ascii_ieq(p - 4, 4, "mid-"));
	}
	/* an abbreviation is written "Sep" (the pattern is case-sensitive there) */
	if (!word_in(p, month_abbr, NULL) || !title || (n == 4 && !is_ascii_lower(p[3])))
		return false;
	return p[n] == '.' || word_behind(doc, start, month_alone_before);
}

/* dur_span, dur_span_one, dur_span_vague at "the": one of their rel words
 * next (or "the better part of", a modifier), then what the row needs:
 * a count, a unit, or few/several/couple */
static const char *const dur_span_rel[] = {"past", "last", "next", "coming", "previous", "first",
                                           "latest", "final", "following", "remaining",
                                           "preceding", "ensuing", "initial", NULL};
static const char *const dur_one_rel[] = {"past", "last", "next", "coming", "previous",
                                          "following", NULL};
static const char *const dur_one_units[] = {"year", "month", "week", "decade", "century",
                                            "quarter", NULL};
static const char *const dur_vague_rel[] = {"past", "last", "next", "coming", NULL};
static const char *const few_several[] = {"few", "several", "couple", NULL};

/* Is one of the first eight words from p (words of letters separated by
 * white space) one of ws?  A rel word comes that soon in the "the past N
 * years" rows: after at most a modifier of four words ("the better part
 * of"), "each of" and "the". */
static bool rel_within(const char *p, const char *const *ws)
{
	for (int k = 0; k < 8 && p; k++) {
		if (word_in(p, ws, NULL))
			return true;
		p = next_word(p);
	}
	return false;
}

/* The word after "the" at p and the one after it (NULL: none); false when
 * p is not "the" followed by a word. */
static bool the_next(const char *p, const char **w1, const char **w2)
{
	if (!run_is(p, "the") || !(*w1 = next_word(p)))
		return false;
	*w2 = next_word(*w1);
	return true;
}

static bool quick_dur_span(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start, *w1, *w2;
	if (!quick_not_over_the(doc, start))
		return false;
	if (word_in(p, dur_span_rel, NULL)) {
		/* at the rel word: a count next, and after digits a unit or
		 * a qualifier ("last February", "next 2-1/2 years" cannot) */
		if (!(w2 = next_word(p)))
			return false;
		if (!is_ascii_digit(*w2))
			return word_in(w2, count_words, NULL);
		w2 += number_run(w2);
		return dur_unit_follows(w2, no_words);
	}
	if (!run_is(p, "the"))
		return rel_within(p, dur_span_rel);   /* a modifier, each/all/any first */
	if (!the_next(p, &w1, &w2))
		return false;
	if (run_is(w1, "better"))
		return true;
	return word_in(w1, dur_span_rel, NULL) && w2 && (is_ascii_digit(*w2) || word_in(w2, count_words, NULL));
}

static bool quick_dur_span_one(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start, *w1, *w2;
	if (!quick_not_over_the(doc, start))
		return false;
	if (!run_is(p, "the"))
		return rel_within(p, dur_one_rel);   /* a modifier first */
	if (!the_next(p, &w1, &w2))
		return false;
	if (run_is(w1, "better"))
		return true;
	return word_in(w1, dur_one_rel, NULL) && w2 && word_in(w2, dur_one_units, NULL);
}

static bool quick_dur_span_vague(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (run_is(p, "the") && !(p = next_word(p)))
		return false;
	return word_in(p, dur_vague_rel, NULL) && (p = next_word(p)) && word_in(p, few_several, NULL);
}

/* week_of: maybe "the", an ordinal or last/final, then "week" */
static const char *const week_of_nth[] = {"first", "second", "third", "fourth", "fifth", "last",
                                          "final", "st", "nd", "rd", "th", NULL};

static bool quick_week_of(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (run_is(p, "the") && !(p = next_word(p)))
		return false;
	if (is_ascii_digit(*p))
		p++;   /* "1st" .. "5th" */
	return word_in(p, week_of_nth, NULL) && (p = next_word(p)) && run_is(p, "week") &&
	       (p = next_word(p)) && run_is(p, "of");
}

/* rel_unit's words (its quick check and scanner) */
static const char *const rel_unit_rel[] = {"this", "last", "next", "past", "coming", "previous",
                                           "current", "following", "same", NULL};
static const char *const rel_unit_units[] = {"year", "month", "week", "weekend", "quarter",
                                             "decade", "century", NULL};
static const char *const rel_unit_mods[] = {"earlier", "later", "early", "late", "mid", NULL};

/* season_alone: its lookbehind, one of these words and a space, or "mid-" */
static const char *const season_before[] = {"in", "during", "since", "until", "by", "this",
                                            "early", "late", "over", "through", "throughout",
                                            "for", "whole", NULL};

static bool quick_season_alone(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (start >= 4 && ascii_ieq(p - 4, 4, "mid-") &&
	    (start == 4 || !(is_ascii_digit(p[-5]) || is_ascii_lower(ascii_lower(p[-5])) || p[-5] == '_')))
		return true;
	return word_behind(doc, start, season_before);
}

/* The modifier before a month or a season (month_year, month_rel_year,
 * season_year): early/late/mid, or "(the) end/beginning/start/middle/turn
 * of", then [\s\-]+.  Returns what follows it; p itself when p starts no
 * modifier; NULL when it starts one that breaks off. */
static const char *const mod_first[] = {"early", "late", "mid", NULL};
static const char *const mod_pos[] = {"end", "beginning", "start", "middle", "turn", NULL};

/* Maybe early/late/mid and [\s\-]+ at p: what follows (p itself when no
 * such modifier starts there, NULL when one breaks off), the modifier's
 * length in *n (0 when none). */
static const char *skip_mod_first(const char *p, size_t *n)
{
	if (!word_in(p, mod_first, n)) {
		*n = 0;
		return p;
	}
	return skip_seps(p + *n);
}

static const char *skip_mod(const char *p)
{
	const char *q = p;
	size_t n;
	if (word_in(q, mod_first, &n)) {
		q += n;
	} else {
		const char *w = run_is(q, "the") ? next_word(q) : q;
		if (!w || !word_in(w, mod_pos, NULL))
			return p;
		q = next_word(w);
		if (!q || !run_is(q, "of"))
			return NULL;
		q += 2;
	}
	return skip_seps(q);
}

/* season_year: maybe a modifier, maybe "the", a season, maybe "of", white
 * space and a year (1500..2099) */
static const char *const season_words[] = {"spring", "summer", "fall", "autumn", "winter", NULL};

static bool quick_season_year(const struct document *doc, uint32_t start)
{
	const char *p = skip_mod(doc->text + start);
	if (p && run_is(p, "the"))
		p = next_word(p);
	size_t n;
	if (!p || !word_in(p, season_words, &n) || !rx_space(p[n]))
		return false;
	p = skip_space(p + n);
	if (run_is(p, "of") && !(p = next_word(p)))
		return false;
	return digit_run(p) == 4 && ((p[0] == '1' && p[1] >= '5') || (p[0] == '2' && p[1] == '0'));
}

/* rel_unit: maybe a modifier (earlier/later/early/late/mid, "(the)
 * end/beginning/start/middle/rest of") and [\s\-]+, then its rel word */
static const char *const rel_unit_pos[] = {"end", "beginning", "start", "middle", "rest", NULL};

static const char *const rel_unit_quals[] = {"fiscal", "calendar", "working", "business", NULL};

/* a rel word, white space, maybe a qualifier, then a unit */
static bool rel_then_unit(const char *p)
{
	if (!word_in(p, rel_unit_rel, NULL) || !(p = next_word(p)))
		return false;
	if (word_in(p, rel_unit_quals, NULL) && !(p = next_word(p)))
		return false;
	return word_in(p, rel_unit_units, NULL);
}

static bool quick_rel_unit(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	if (word_in(p, rel_unit_rel, NULL))
		return rel_then_unit(p);
	if (word_in(p, rel_unit_mods, &n)) {
		p += n;
	} else {
		if (run_is(p, "the") && !(p = next_word(p)))
			return false;
		if (!word_in(p, rel_unit_pos, NULL) || !(p = next_word(p)) || !run_is(p, "of"))
			return false;
		p += 2;
	}
	if (!(p = skip_seps(p)))
		return false;
	return rel_then_unit(p);
}

/* posmod_unit: "(the) end/beginning/start/middle of", maybe "the", then a
 * unit not followed by a letter or '-' */
static const char *const posmod_units[] = {"year", "month", "week", "quarter", "decade", NULL};

static bool quick_posmod_unit(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	if (run_is(p, "the") && !(p = next_word(p)))
		return false;
	if (!word_in(p, rel_unit_pos, NULL) || run_is(p, "rest") || !(p = next_word(p)) ||
	    !run_is(p, "of") || !(p = next_word(p)))
		return false;
	if (run_is(p, "the") && !(p = next_word(p)))
		return false;
	return word_in(p, posmod_units, &n) && p[n] != '-';
}

/* year_ended: "the", maybe fiscal/full, "year" (not before '-'), then
 * "ended"/"ending", or "throughout" before it */
static const char *const fiscal_full[] = {"fiscal", "full", NULL};
static const char *const throughout[] = {"throughout", NULL};

static bool quick_year_ended(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!run_is(p, "the") || !(p = next_word(p)))
		return false;
	if (word_in(p, fiscal_full, NULL) && !(p = next_word(p)))
		return false;
	if (!run_is(p, "year") || p[4] == '-')
		return false;
	const char *q = next_word(p);
	if (q && ascii_ieq(q, 3, "end"))
		return true;
	return word_behind(doc, start, throughout);
}

/* times_per at digits: the count (and decimals), white space, "times"; at
 * once/twice/thrice: white space and a/an/per/each/every */
static const char *const once_twice[] = {"once", "twice", "thrice", NULL};
static const char *const per_words[] = {"a", "an", "per", "each", "every", NULL};

static bool quick_times_per(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (is_ascii_digit(*p)) {
		p += number_run(p);
		return rx_space(*p) && run_is(skip_space(p), "times");
	}
	if (word_in(p, once_twice, NULL))
		return (p = next_word(p)) && word_in(p, per_words, NULL);
	return true;
}

static const char *const between_from[] = {"between", "from", NULL};

/* clock_range_bare at three or more digits: only "hhmm" (00..23, 00..59) */
static bool quick_clock_range_bare(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n = digit_run(p);
	if (n == 0)
		return true;   /* "six to eight": the regex judges */
	if (n <= 2) {
		/* an hour (0..23), maybe ':' and minutes, \s*, then a dash
		 * or to/and/till/until ("8.20-8.50", "60 and 70" cannot) */
		if (n == 2 && (p[0] > '2' || (p[0] == '2' && p[1] > '3')))
			return false;
		p += n;
		if (p[0] == ':' && digit_run(p + 1) == 2)
			p += 3;
		p = skip_space(p);
		return p[0] == '-' || ((uint8_t)p[0] == 0xE2 && (uint8_t)p[1] == 0x80 && (uint8_t)p[2] == 0x93) ||
		       ascii_ieq(p, 2, "to") || ascii_ieq(p, 3, "and") || ascii_ieq(p, 4, "till") ||
		       ascii_ieq(p, 5, "until");
	}
	/* only after between/from; then \s*[-–] */
	if (n != 4 || !(p[0] <= '1' || (p[0] == '2' && p[1] <= '3')) || p[2] > '5' ||
	    !word_behind(doc, start, between_from))
		return false;
	p = skip_space(p + 4);
	return p[0] == '-' || ((uint8_t)p[0] == 0xE2 && (uint8_t)p[1] == 0x80 && (uint8_t)p[2] == 0x93);
}

/* A year of four digits (1500..2099, YEAR4) at p */


/* Would the end guard refuse a match ending before p, whatever comes
 * later?  (A letter or digit, or '/' and one; '-' needs the regex.) */
static inline bool guard_refuses(const char *p)
{
	return is_ascii_alnum(p[0]) || (p[0] == '/' && is_ascii_alnum(p[1]));
}

/* year_det: a year, and a match of exactly its four digits that the end
 * guard lets end */
static bool quick_year_det(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	return year4_at(p) && !guard_refuses(p + 4);
}

/* half_year: maybe "the"; then first/second/1st/2nd, [\s\-]+ and "half";
 * or 'H' and 1 or 2; or a year, "-H" */
static const char *const first_second[] = {"first", "second", NULL};

static bool quick_half_year(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	if (run_is(p, "the") && !(p = next_word(p)))
		return false;
	if (p[0] == 'H')
		return p[1] == '1' || p[1] == '2';
	n = digit_run(p);
	if (n == 4)
		return p[4] == '-' && p[5] == 'H';
	if (n == 1 && ((p[0] == '1' && ascii_ieq(p + 1, 2, "st")) || (p[0] == '2' && ascii_ieq(p + 1, 2, "nd"))))
		n = 3;
	else if (!word_in(p, first_second, &n))
		return false;
	p += n;
	if (!(p = skip_seps(p)))
		return false;
	return ascii_ieq(p, 4, "half");
}

/* year_mod: a modifier (skip_mod) and a year; or "the", maybe
 * calendar/school, "year", white space and a year */
static const char *const calendar_school[] = {"calendar", "school", NULL};

static bool quick_year_mod(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start, *q = skip_mod(p);
	if (!q)
		return false;
	if (q != p)
		return year4_at(q);
	if (!run_is(p, "the") || !(p = next_word(p)))
		return false;
	if (word_in(p, calendar_school, NULL) && !(p = next_word(p)))
		return false;
	return run_is(p, "year") && (p = next_word(p)) && year4_at(p);
}

/* quarter_context: the/this/that/its, then "quarter" (not before '-')
 * within the next four words ("the most recent fiscal quarter") */
static const char *const quarter_dets[] = {"the", "this", "that", "its", NULL};
static const char *const quarter_rels1[] = {"latest", "current", "recent", "same", "comparable",
                                            "corresponding", "fiscal", NULL};
static const char *const quarter_not_before[] = {"of", "century", "mile", "point", "percent", NULL};

static bool quick_quarter_context(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!word_in(p, quarter_dets, NULL) || !(p = next_word(p)))
		return false;
	/* maybe a rel (latest, current, most recent, recent, same,
	 * just-ended, just ended, comparable, corresponding, fiscal), maybe
	 * "fiscal", then "quarter" ("the first quarter": no) */
	if (word_in(p, quarter_rels1, NULL)) {
		p = next_word(p);
	} else if (run_is(p, "most")) {
		p = next_word(p);
		p = p && run_is(p, "recent") ? next_word(p) : NULL;
	} else if (run_is(p, "just")) {
		if (p[4] == '-')
			p = run_is(p + 5, "ended") ? next_word(p + 5) : NULL;
		else if ((p = next_word(p)))
			p = run_is(p, "ended") ? next_word(p) : NULL;
	}
	if (p && run_is(p, "fiscal"))
		p = next_word(p);
	if (!p || !run_is(p, "quarter") || p[7] == '-')
		return false;
	const char *w;
	return !(rx_space(p[7]) && (w = skip_space(p + 7)) && word_in(w, quarter_not_before, NULL));
}

/* end_of_day: maybe "the"; "eod", or "end of", maybe "the", "day" */
static bool quick_end_of_day(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (run_is(p, "the") && !(p = next_word(p)))
		return false;
	if (run_is(p, "eod"))
		return true;
	if (!run_is(p, "end") || !(p = next_word(p)) || !run_is(p, "of") || !(p = next_word(p)))
		return false;
	if (run_is(p, "the") && !(p = next_word(p)))
		return false;
	return run_is(p, "day");
}

/* count_rel_units: at digits, the count (and decimals), white space and a
 * rel word; at a word other than a tens word, white space and then a rel
 * word or hundred/thousand/dozen ("a hundred") */
static const char *const count_rel[] = {"next", "upcoming", "coming", "following", "previous",
                                        "past", "last", NULL};
static bool quick_count_rel_units(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (is_ascii_digit(*p)) {
		p += number_run(p);
		return rx_space(*p) && word_in(skip_space(p), count_rel, NULL);
	}
	if (word_in(p, tens_words, NULL))
		return true;
	return (p = next_word(p)) && (word_in(p, count_rel, NULL) || word_in(p, big_counts, NULL));
}

/* count_part: morning/afternoon/evening after "one " or a digit 1-9 and a
 * space, with no word character before those */
static const char *const one_word[] = {"one", NULL};
static const char *const count_parts[] = {"morning", "afternoon", "evening", NULL};

static bool quick_count_part(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!word_in(p, count_parts, NULL) || start < 2 || p[-1] != ' ')
		return false;
	if (p[-2] >= '1' && p[-2] <= '9')
		return start == 2 || !(is_ascii_alnum(p[-3]) || p[-3] == '_');
	return word_behind(doc, start, one_word);
}

/* the_year: "the", maybe fiscal/full/calendar, then year/week/month not
 * before '-' */
static const char *const the_year_mods[] = {"fiscal", "full", "calendar", NULL};
static const char *const year_week_month[] = {"year", "week", "month", NULL};

static bool quick_the_year(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	if (!run_is(p, "the") || !(p = next_word(p)))
		return false;
	if (word_in(p, the_year_mods, NULL) && !(p = next_word(p)))
		return false;
	if (!word_in(p, year_week_month, &n) || p[n] == '-')
		return false;
	/* the lookahead: not before a digit, two, nineteen, ago, before,
	 * after, earlier, later (prefixes), ended/ending, "of" and a year */
	if (!rx_space(p[n]))
		return true;
	const char *w = skip_space(p + n);
	if (is_ascii_digit(*w) || ascii_ieq(w, 3, "two") || ascii_ieq(w, 8, "nineteen") || ascii_ieq(w, 3, "ago") ||
	    ascii_ieq(w, 6, "before") || ascii_ieq(w, 5, "after") || ascii_ieq(w, 7, "earlier") ||
	    ascii_ieq(w, 5, "later"))
		return false;
	if ((ascii_ieq(w, 5, "ended") && !is_ascii_alnum(w[5]) && w[5] != '_') ||
	    (ascii_ieq(w, 6, "ending") && !is_ascii_alnum(w[6]) && w[6] != '_'))
		return false;
	if (run_is(w, "of") && rx_space(w[2])) {
		const char *y = skip_space(w + 2);
		if (((y[0] == '1' && y[1] >= '5' && y[1] <= '9') || (y[0] == '2' && y[1] == '0')) &&
		    is_ascii_digit(y[2]) && is_ascii_digit(y[3]) && !is_ascii_alnum(y[4]) && y[4] != '_')
			return false;
	}
	return true;
}

/* in_the_part: after in/during/through and a space, "the" and a part of
 * the day (maybe plural); or after "in ", morning/afternoon/evening */
static const char *const in_during[] = {"in", "during", "through", NULL};
static const char *const in_only[] = {"in", NULL};

static bool quick_in_the_part(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	if (run_is(p, "the")) {
		if (!word_behind(doc, start, in_during) || !(p = next_word(p)))
			return false;
		n = letter_run(p);
		if (n > 1 && (p[n - 1] | 0x20) == 's')
			n--;   /* "the mornings" */
		for (const char *const *w = part_words; *w; w++)
			if (n == strlen(*w) && ascii_ieq(p, n, *w))
				return true;
		return false;
	}
	return word_in(p, count_parts, NULL) && word_behind(doc, start, in_only);
}

/* dur_for_units: a plural unit, not before ago/later/earlier/before/after */
static const char *const for_units[] = {"years", "months", "weeks", "days", "hours", "minutes",
                                        "decades", "centuries", "quarters", NULL};
static const char *const units_not_before[] = {"ago", "later", "earlier", "before", "after", NULL};

static bool quick_dur_for_units(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!word_in(p, for_units, NULL))
		return false;
	p = next_word(p);
	return !(p && word_in(p, units_not_before, NULL));
}

/* every_wday: every/each and white space */
static const char *const every_each[] = {"every", "each", NULL};

static const char *const unit1_words[] = {"year", "month", "week", "day", "hour", "minute", "decade",
                                          "century", "quarter", "weekend", "fortnight", NULL};

/* every/each, white space, maybe "other", then a weekday, a month, a part
 * of day or a unit ("each other", "every six months": no) */
static bool quick_every_wday(const struct document *doc, uint32_t start)
{
	const char *w = next_word(doc->text + start);
	if (!w || !word_in(doc->text + start, every_each, NULL))
		return false;
	if (run_is(w, "other") && !(w = next_word(w)))
		return false;
	return word_in(w, wday_full, NULL) || month_prefix(w) || word_in(w, part_words, NULL) ||
	       word_in(w, unit1_words, NULL);
}

/* quarter_of_year: this/last/next and "year", or a year; then ['’]s */
static bool quick_quarter_of_year(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start, *q, *w;
	if (year4_at(p)) {
		q = p + 4;
	} else {
		if (!word_in(p, day_clock_rel, NULL) || !(w = next_word(p)) || !run_is(w, "year"))
			return false;
		q = w + 4;
	}
	if (*q == '\'')
		q++;
	else if ((uint8_t)q[0] == 0xE2 && (uint8_t)q[1] == 0x80 && (uint8_t)q[2] == 0x99)
		q += 3;
	else
		return false;
	return ascii_lower(*q) == 's';
}

/* cardinal_day_month_year: a number word (maybe "twenty-one"), white
 * space, maybe "of", then a month */
static const char *const cardinal_words[] = {
	"twenty", "thirty", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen", NULL};

static bool quick_cardinal_day_month_year(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	if (!word_in(p, cardinal_words, &n))
		return false;
	if (n == 6 && (p[0] | 0x20) == 't')
		return true;   /* twenty, thirty: "twenty-one", "twenty one" */
	if (!(p = next_word(p)))
		return false;
	if (run_is(p, "of") && !(p = next_word(p)))
		return false;
	return month_at(p) != 0;
}

/* part_at_clock: this/the, a part of the day, "at", then a digit */
static const char *const this_the[] = {"this", "the", NULL};

static bool quick_part_at_clock(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!word_in(p, this_the, NULL) || !(p = next_word(p)) || !word_in(p, part_words, NULL) ||
	    !(p = next_word(p)) || !run_is(p, "at"))
		return false;
	p += 2;
	return rx_space(*p) && is_ascii_digit(*skip_space(p));
}

/* offset_anchor: somewhere before a mark the match cannot hold, a unit,
 * white space and a direction word ("three years ago") */
static const char *const offset_units[] = {
	"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
	"minute", "minutes", "second", "seconds", "decade", "decades", "century", "centuries",
	"quarter", "quarters", "fortnight", "fortnights", "weekend", "weekends", "nights", "hr",
	"hrs", "min", "mins", "sec", "secs", "yr", "yrs", "millennium", "millennia", NULL};
static const char *const offset_dirs[] = {"ago", "later", "earlier", "from", "hence", "back",
                                          "previously", "afterward", "afterwards", NULL};

/* first-letter masks (bit c & 31, either case) of offset_units and
 * offset_dirs */
#define LBIT(c) (1u << ((c) & 31))
#define OFFSET_UNIT_FIRST                                                                \
	(LBIT('y') | LBIT('m') | LBIT('w') | LBIT('d') | LBIT('h') | LBIT('s') | LBIT('q') | LBIT('f') | \
	 LBIT('n') | LBIT('c'))
#define OFFSET_DIR_FIRST (LBIT('a') | LBIT('l') | LBIT('e') | LBIT('f') | LBIT('h') | LBIT('b') | LBIT('p'))

static bool quick_offset_anchor(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start, *end = p + 160;
	/* the first word: a modifier's or a count's; after digits, maybe
	 * a fraction, or [\s\-]+ and a unit or qualifier */
	if (is_ascii_digit(*p)) {
		const char *q = p + number_run(p);
		const char *r = skip_space(q);
		if (!(r > q && r[0] >= '1' && r[0] <= '3' && r[1] == '/') && !dur_unit_follows(q, no_words))
			return false;
	} else if (run_is(p, "the")) {
		const char *w = next_word(p);   /* MODS' "the better part of" */
		if (!w || !run_is(w, "better"))
			return false;
	} else {
		/* (?:MODS\s+)?COUNT[\s\-]+UNIT, as in duration */
		const char *me, *c = dur_scan_mod(p, &me);
		if (!c || (!(c == p && run_is(p, "no")) && !dur_count_ok(c, c != p || word_start(doc, start))))
			return false;
	}
	while (p < end) {
		size_t n = letter_run(p);
		if (n) {
			/* (the first letters before the lists: most words
			 * start none of them) */
			const char *q;
			if (rx_space(p[n]) && ((OFFSET_UNIT_FIRST >> (p[0] & 31)) & 1) && word_in(p, offset_units, NULL) &&
			    (q = skip_space(p + n)) && ((OFFSET_DIR_FIRST >> (*q & 31)) & 1) &&
			    word_in(q, offset_dirs, NULL) && (!run_is(q, "from") || ((q = next_word(q)) && run_is(q, "now"))))
				return true;
			p += n;
		} else if (is_ascii_digit(*p) || rx_space(*p) || *p == '-' || *p == '.' || *p == '/') {
			p++;
		} else {
			return false;
		}
	}
	return true;   /* a long run: the regex judges */
}

/* the_weekend: "the", white space, "weekend" */
static bool quick_the_weekend(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	return run_is(p, "the") && (p = next_word(p)) && run_is(p, "weekend");
}

/* rel_month: maybe early/late/mid and [\s\-]+, a rel word, white space,
 * a month */
static const char *const rel_month_rel[] = {"this", "last", "next", "coming", "past", NULL};

static bool quick_rel_month(const struct document *doc, uint32_t start)
{
	size_t n;
	const char *p = skip_mod_first(doc->text + start, &n);
	return p && word_in(p, rel_month_rel, NULL) && (p = next_word(p)) && month_at(p);
}

static const char *const ref_words[] = {"currently", "current", "recently", "nowadays", "presently",
                                        "lately", "now", NULL};

/* ref at "the": future, past, or near/distant/short/long next */
static const char *const ref_after_the[] = {"future", "past", "near", "distant", "short", "long",
                                            NULL};

static bool quick_ref(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start, *w = next_word(p);
	size_t n;
	if (run_is(p, "the"))
		return w && word_in(w, ref_after_the, NULL);
	if (run_is(p, "these"))
		return w && run_is(w, "days");
	if (run_is(p, "at"))
		return w && run_is(w, "present");
	if (run_is(p, "to"))   /* (?<=\w )to\s+date */
		return w && run_is(w, "date") && start >= 2 && p[-1] == ' ' &&
		       (is_ascii_alnum(p[-2]) || p[-2] == '_');
	/* one word, not before '-', not "Now," */
	return word_in(p, ref_words, &n) && p[n] != '-' && !(p[0] == 'N' && p[1] == 'o' && p[3] == ',');
}

/* posmod_month: a modifier (skip_mod) and a month */
static bool quick_posmod_month(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start, *q = skip_mod(p);
	return q && q != p && month_at(q);
}

/* every_count_unit: every/each, maybe "other", then a count */
static bool quick_every_count_unit(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	if (!word_in(p, every_each, NULL) || !(p = next_word(p)))
		return false;
	if (run_is(p, "other") && !(p = next_word(p)))
		return false;
	return is_ascii_digit(*p) || word_in(p, count_words, NULL);
}

/* part_of_day_after: maybe early/late/mid and [\s\-]+, a part of the day,
 * white space, today/yesterday/tomorrow/tonight/tonite */
static bool quick_part_of_day_after(const struct document *doc, uint32_t start)
{
	size_t n;
	const char *p = skip_mod_first(doc->text + start, &n);
	return p && word_in(p, part_words, NULL) && (p = next_word(p)) && word_in(p, deic_words, NULL);
}

/* dur_all: "all", white space, day/week/month/year/night not before '-' */
static const char *const all_units[] = {"day", "week", "month", "year", "night", NULL};

static bool quick_dur_all(const struct document *doc, uint32_t start)
{
	const char *p = doc->text + start;
	size_t n;
	return run_is(p, "all") && (p = next_word(p)) && word_in(p, all_units, &n) && p[n] != '-';
}

/* The rows with a quick check (a row named here that is missing from the
 * tables only costs its test). */
static const struct {
	const char *rule;
	quick_fn fn;
} quick_checks[] = {
	{"numeric_date", quick_numeric_date},
	{"numeric_month_day", quick_numeric_month_day},
	{"iso_date", quick_iso_date},
	{"iso_datetime", quick_iso_datetime},
	{"year", quick_year},
	{"dur_glued", quick_dur_glued},
	{"clock_range", quick_clock_range},
	{"clock_day", quick_clock_day},
	{"duration", quick_duration},
	{"day_month_year", quick_day_month_year},
	{"holiday", quick_holiday},
	{"month_year", quick_month_year},
	{"month_day_year", quick_month_day_year},
	{"month_dayword", quick_month_dayword},
	{"month_rel_year", quick_month_rel_year},
	{"wday_daynum", quick_wday_daynum},
	{"wday_part", quick_wday_part},
	{"day_at_clock", quick_day_at_clock},
	{"unit_earlier", quick_unit_earlier},
	{"dur_long", quick_dur_long},
	{"dur_day_long", quick_dur_day_long},
	{"year_to_date", quick_year_to_date},
	{"week_number", quick_week_number},
	{"quarter_ordinal", quick_quarter_ordinal},
	{"year_end", quick_year_end},
	{"dur_span", quick_dur_span},
	{"dur_span_one", quick_dur_span_one},
	{"dur_span_vague", quick_dur_span_vague},
	{"week_wday_abbr", quick_week_wday_abbr},
	{"unit_after_next", quick_unit_after_next},
	{"month_alone", quick_month_alone},
	{"week_of", quick_week_of},
	{"dur_the_count", quick_dur_the_count},
	{"nth_day_of_month_word", quick_nth_day_of_month_word},
	{"the_following_unit", quick_the_following_unit},
	{"season_alone", quick_season_alone},
	{"season_year", quick_season_year},
	{"rel_unit", quick_rel_unit},
	{"posmod_unit", quick_posmod_unit},
	{"year_ended", quick_year_ended},
	{"times_per", quick_times_per},
	{"clock_range_bare", quick_clock_range_bare},
	{"year_det", quick_year_det},
	{"half_year", quick_half_year},
	{"year_mod", quick_year_mod},
	{"quarter_context", quick_quarter_context},
	{"end_of_day", quick_end_of_day},
	{"count_rel_units", quick_count_rel_units},
	{"count_part", quick_count_part},
	{"the_year", quick_the_year},
	{"in_the_part", quick_in_the_part},
	{"dur_for_units", quick_dur_for_units},
	{"every_wday", quick_every_wday},
	{"quarter_of_year", quick_quarter_of_year},
	{"cardinal_day_month_year", quick_cardinal_day_month_year},
	{"part_at_clock", quick_part_at_clock},
	{"offset_anchor", quick_offset_anchor},
	{"the_weekend", quick_the_weekend},
	{"rel_month", quick_rel_month},
	{"ref", quick_ref},
	{"posmod_month", quick_posmod_month},
	{"every_count_unit", quick_every_count_unit},
	{"part_of_day_after", quick_part_of_day_after},
	{"dur_all", quick_dur_all},
};

/* ---- scanners: the commonest matches of a row, without its regex ----
 *
 * For a row that matches often in one simple form (a weekday alone, the
 * ISO date of a dateline), a scanner recognizes that form and gives the
 * match the regex would give: its end and its named groups.  Anything it is
 * not sure of (another form, a mark after the match that the end guard or a
 * lookahead would have to judge, an optional tail that may or may not
 * match) it leaves to the regex, by returning 0.  Where it is sure that no
 * match of the row starts here (the start or what follows rules out every
 * alternative: "H1" for quarter_code, "Jul 5/96" for month_day_year), it
 * returns SCAN_NONE and the regex is not run either.  A scanner runs only
 * after its row's quick check said yes and may rely on it
 * (scan_numeric_date does).  To check a change here, build with
 * -Dc_args=-DDATE_VERIFY: that build runs the regex after every quick "no",
 * every SCAN_NONE and every scanner answer, and writes any difference (end
 * or any field) to stderr as a "VERIFY" line, and each regex call the row
 * loop still makes as an "RXROW" line.  Run it over the corpus, the eval
 * inputs and random date texts (see DATES.md, seventh and ninth rounds). */

/* Does the end guard (END_GUARD) let a match end before c, without
 * looking further?  ('-' and '/' need the regex.) */
static inline bool guard_plain(char c)
{
	return (c & 0x80) == 0 && !is_ascii_digit(c) && !is_ascii_lower(ascii_lower(c)) && c != '-' &&
	       c != '/';
}

static inline void set_field(struct scan_fields *f, enum date_field k, uint32_t s, uint32_t e)
{
	f->k[f->n] = (uint8_t)k;
	f->s[f->n] = s;
	f->e[f->n++] = e;
}

/* iso_date, first alternative: "1996-08-22" */
static uint32_t scan_iso_date(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	if (digit_run(p) != 4 || p[4] != '-' || digit_run(p + 5) != 2 || p[7] != '-' ||
	    digit_run(p + 8) != 2 || !guard_plain(p[10]))
		return 0;
	int m = (p[5] - '0') * 10 + (p[6] - '0'), d = (p[8] - '0') * 10 + (p[9] - '0');
	if (!((p[0] == '1' && p[1] >= '5') || (p[0] == '2' && p[1] == '0')) || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return 0;
	set_field(f, DF_YEAR, start, start + 4);
	set_field(f, DF_MNUM, start + 5, start + 7);
	set_field(f, DF_DAY, start + 8, start + 10);
	return start + 10;
}

/* wday: a weekday name, not after "bloody ", before neither a capital
 * (which may start a title: "Sunday Times") nor a mark the end guard must
 * judge */
/* WDAY_NOT_TITLE's words (case-sensitive) */
static const char *const wday_titles[] = {"Times", "Telegraph", "Mirror", "Express", "Post", "Herald",
                                          "Mail", "Independent", "Star", "Tribune", "Sport", "Observer",
                                          "Age", "Night Live", "School", "Journal", "Business", "Review"};

static uint32_t scan_wday(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	size_t n;
	if (!word_in(p, wday_full, &n) || (start >= 7 && ascii_ieq(p - 7, 7, "bloody ")))
		return SCAN_NONE;   /* WDAY must start here; (?<!bloody ) */
	if (rx_space(p[n])) {
		/* WDAY_NOT_TITLE: a title after it refuses the match */
		const char *w = skip_space(p + n);
		if (is_ascii_upper(*w)) {
			for (size_t k = 0; k < ARRAY_SIZE(wday_titles); k++) {
				size_t tl = strlen(wday_titles[k]);
				if (!strncmp(w, wday_titles[k], tl) && !is_ascii_lower(ascii_lower(w[tl])))
					return SCAN_NONE;
			}
		}
	} else if (!guard_plain(p[n])) {
		return 0;
	}
	set_field(f, DF_WDAY, start, start + (uint32_t)n);
	return start + (uint32_t)n;
}

/* year_det: the words of its lookbehind ("'s " and "’s " apart), then
 * four digits 1500..2099 and a plain end (no '%', "percent", decimal) */
static const char *const year_det_words[] = {"the", "its", "their", "his", "her", "our", "in",
                                             "since", "until", "during", "from", "by", "before",
                                             "after", "through", "between", NULL};

static uint32_t scan_year_det(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	if (digit_run(p) != 4 || !((p[0] == '1' && p[1] >= '5') || (p[0] == '2' && p[1] == '0')) ||
	    !guard_plain(p[4]) || p[4] == '%' || ((p[4] == '.' || p[4] == ',') && is_ascii_digit(p[5])))
		return 0;
	const char *r = skip_space(p + 4);
	if (*r == '%' || ascii_ieq(r, 7, "percent"))
		return 0;
	bool apos = start >= 3 && p[-1] == ' ' && (p[-2] | 0x20) == 's' && p[-3] == '\'';
	if (!apos && !word_behind(doc, start, year_det_words))
		return 0;   /* ("’s " too: the regex judges) */
	set_field(f, DF_YEAR, start, start + 4);
	return start + 4;
}

/* year: four digits 1500..2099 at the start of the text or after white
 * space (not after "no. ", "p. "...: a '.' before the space), then either
 * a plain mark that none of NOT_YEAR_AFTER's tests can start (not '%', a
 * decimal, '-' or '/': "1996,", "1996)"), or white space and a word none of
 * them can take: not '%', '-', "to...", "per...", a lower-case word ending
 * in 's' ("2000 employees") nor one of its count words ("2000 people") */
static const char *const year_count_words[] = {
	"people", "men", "women", "children", "staff", "police", "feet", "yen", "won", "yuan",
	"baht", "rupees", "million", "billion", "thousand", "more", "other", "of", "jobs", "troops",
	NULL};

static bool year_word_after(const char *w)
{
	if (*w == '-') {
		/* "\s*-\s*[0-9]{1,3}(?![0-9])" ("1996 - 97"); a dash before
		 * anything else ends no year */
		size_t k = digit_run(skip_space(w + 1));
		return k == 0 || k > 3;
	}
	if (*w == '%' || (*w & 0x80) || ascii_ieq(w, 2, "to") || ascii_ieq(w, 3, "per"))
		return false;
	size_t n = letter_run(w);
	if (!n)
		return true;
	if (is_ascii_digit(w[n]) || w[n] == '_' || word_in(w, year_count_words, NULL))
		return false;
	for (size_t k = 0; k < n; k++)
		if (!is_ascii_lower(w[k]))
			return true;
	return w[n - 1] != 's';
}

static uint32_t scan_year(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	if (digit_run(p) != 4 || !((p[0] == '1' && p[1] >= '5') || (p[0] == '2' && p[1] == '0')) ||
	    !guard_plain(p[4]) || p[4] == '%' || ((p[4] == '.' || p[4] == ',') && is_ascii_digit(p[5])))
		return 0;
	if (rx_space(p[4]) && !year_word_after(skip_space(p + 4)))
		return 0;
	/* NOT_YEAR_BEFORE: not after '$', '€', '£', '¥', '#', a digit and
	 * '.' or ',', "no. ", "vol. ", "p. ", "pp. ", "cve-", "iso-" */
	if (start > 0) {
		char b = p[-1];
		if (b == '$' || b == '#' || (b & 0x80))
			return 0;
		if ((b == '.' || b == ',') && start >= 2 && is_ascii_digit(p[-2]))
			return 0;
		if (b == ' ' && start >= 3 && p[-2] == '.' &&
		    (ascii_ieq(p - 3, 3, "p. ") || (start >= 4 && ascii_ieq(p - 4, 4, "no. ")) ||
		     (start >= 5 && ascii_ieq(p - 5, 5, "vol. "))))
			return 0;
		if (b == '-' && start >= 4 && (ascii_ieq(p - 4, 4, "cve-") || ascii_ieq(p - 4, 4, "iso-")))
			return 0;
	}
	set_field(f, DF_YEAR, start, start + 4);
	return start + 4;
}

/* month_alone: a full month name other than May and March, before a plain
 * end */
static uint32_t scan_month_alone(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	size_t n;
	bool title = is_ascii_upper(p[0]) && is_ascii_lower(p[1]) && is_ascii_lower(p[2]);
	if (word_in(p, month_full, &n)) {
		/* "May" and "March" so written, after one of month_may_before */
		if ((p[0] | 0x20) == 'm' && (n == 3 || n == 5) &&
		    (!title || (n == 5 && !(is_ascii_lower(p[3]) && is_ascii_lower(p[4]))) ||
		     !(word_behind(doc, start, month_may_before) || (start >= 4 && ascii_ieq(p - 4, 4, "mid-")))))
			return 0;
	} else if (word_in(p, month_abbr, NULL) && title && (n == 3 || is_ascii_lower(p[3]))) {
		/* "Sep." (case-sensitive), "Mar." after one of month_may_before;
		 * with no dot, after one of month_alone_before */
		if (p[n] == '.') {
			if (n == 3 && p[1] == 'a' && p[2] == 'r' &&
			    !(word_behind(doc, start, month_may_before) || (start >= 4 && ascii_ieq(p - 4, 4, "mid-"))))
				return 0;
			n++;
		} else if (!word_behind(doc, start, month_alone_before)) {
			return 0;
		}
	} else {
		return 0;
	}
	if (!guard_plain(p[n]))
		return 0;
	set_field(f, DF_MONTH, start, start + (uint32_t)n);
	return start + (uint32_t)n;
}

/* rel_unit: "last week", "Last year", "earlier this year": maybe one of
 * earlier/later/early/late/mid and '-' or white space, a rel word, white
 * space and a unit in lower case (the row's lookahead for "This Week in
 * Asia" needs a capital unit), not after a quote, before a plain end */

static uint32_t scan_rel_unit(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *r = p;
	size_t n, u, mn = 0;
	if (start > 0 && (p[-1] == '"' || (p[-1] & 0x80)))
		return 0;   /* '"', '“' */
	if (!word_in(p, rel_unit_mods, &mn))
		mn = 0;   /* (word_in sets the run's length either way) */
	if (mn) {
		r = p + mn;
		if (!(r = skip_seps(r)))
			return 0;
	}
	if (!word_in(r, rel_unit_rel, &n) || !rx_space(r[n]))
		return 0;
	const char *q = skip_space(r + n);
	if (!is_ascii_lower(q[0]) || !word_in(q, rel_unit_units, &u) || !guard_plain(q[u]))
		return 0;
	uint32_t rs = (uint32_t)(r - doc->text), us = (uint32_t)(q - doc->text);
	if (mn)
		set_field(f, DF_MOD, start, start + (uint32_t)mn);
	set_field(f, DF_REL, rs, rs + (uint32_t)n);
	set_field(f, DF_UNIT, us, us + (uint32_t)u);
	return us + (uint32_t)u;
}

/* ref: the one-word forms ("recently", "now", "currently"), before a plain
 * end (not "Now,") */

static const char *const near_distant[] = {"near", "distant", NULL};
static const char *const near_short_long[] = {"near", "short", "long", NULL};

static uint32_t scan_ref(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *w, *x;
	size_t n;
	if (run_is(p, "the") && (w = next_word(p))) {
		/* the (near/distant) future, the near/short/long term, the past */
		const char *e = NULL;
		if (run_is(w, "future"))
			e = w + 6;
		else if (run_is(w, "past"))
			e = w + 4;
		else if (word_in(w, near_distant, NULL) && (x = next_word(w)) && run_is(x, "future"))
			e = x + 6;
		else if (word_in(w, near_short_long, NULL) && (x = next_word(w)) && run_is(x, "term"))
			e = x + 4;
		if (!e || !guard_plain(*e))
			return 0;
		n = (size_t)(e - p);
	} else if (!word_in(p, ref_words, &n) || !guard_plain(p[n]) ||
		   (p[0] == 'N' && p[1] == 'o' && p[3] == ',')) {
		return 0;
	}
	set_field(f, DF_WORD, start, start + (uint32_t)n);
	return start + (uint32_t)n;
}

/* One word of ws at p, before a plain end: its length, or 0 */
static size_t plain_word(const char *p, const char *const *ws)
{
	size_t n;
	return word_in(p, ws, &n) && guard_plain(p[n]) ? n : 0;
}

/* deictic: today/yesterday/tomorrow, not "today's" */
static const char *const deictic_words[] = {"today", "yesterday", "tomorrow", NULL};

static uint32_t scan_deictic(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	size_t n = plain_word(p, deictic_words);
	if (!n || (n == 5 && p[5] == '\''))
		return 0;
	set_field(f, DF_WORD, start, start + (uint32_t)n);
	return start + (uint32_t)n;
}

/* tonight: tonight/tonite/overnight */
static const char *const tonight_words[] = {"tonight", "tonite", "overnight", NULL};

static uint32_t scan_tonight(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	size_t n = plain_word(doc->text + start, tonight_words);
	if (!n)
		return 0;
	set_field(f, DF_DEIC, start, start + (uint32_t)n);
	return start + (uint32_t)n;
}

/* adverb: one of its words written without '-' */
static const char *const adverb_words[] = {"daily", "weekly", "monthly", "annually", "yearly",
                                           "hourly", "nightly", "biweekly", "bimonthly",
                                           "semiannually", "biannually", "fortnightly",
                                           "everyday", NULL};

static uint32_t scan_adverb(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	size_t n = plain_word(doc->text + start, adverb_words);
	if (!n)
		return 0;
	set_field(f, DF_WORD, start, start + (uint32_t)n);
	return start + (uint32_t)n;
}

/* the_weekend: "the", white space, "weekend" */
static uint32_t scan_the_weekend(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *w;
	if (!run_is(p, "the") || !(w = next_word(p)) || !run_is(w, "weekend") || !guard_plain(w[7]))
		return 0;
	uint32_t ws = (uint32_t)(w - doc->text);
	set_field(f, DF_UNIT, ws, ws + 7);
	return ws + 7;
}

/* rel_wday: a rel word, white space, a weekday's full name */
static const char *const rel_wday_rel[] = {"this", "last", "next", "coming", "past", "previous",
                                           "following", NULL};

static uint32_t scan_rel_wday(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *w;
	size_t n, m;
	/* (rel)\s+(weekday)(?![a-z]): any other word, or no white space
	 * after the rel word, and there is no match */
	if (!word_in(p, rel_wday_rel, &n) || !(w = next_word(p)))
		return SCAN_NONE;
	if (!word_in(w, wday_full, &m))
		return (*w & 0x80) ? 0 : SCAN_NONE;
	if (!guard_plain(w[m]))
		return 0;
	uint32_t ws = (uint32_t)(w - doc->text);
	set_field(f, DF_REL, start, start + (uint32_t)n);
	set_field(f, DF_WDAY, ws, ws + (uint32_t)m);
	return ws + (uint32_t)m;
}

/* wday_part: maybe a rel word and white space, a weekday's full name (not
 * after "bloody "), white space, maybe early/late and white space, a part
 * of the day */
static const char *const wday_part_rel[] = {"this", "last", "next", "coming", "past", "previous",
                                            NULL};

static uint32_t scan_wday_part(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *w = p, *m = NULL, *q;
	size_t rn = 0, wn, mn = 0, pn;
	if (word_in(p, wday_part_rel, &rn)) {
		if (!(w = next_word(p)))
			return 0;
	} else {
		rn = 0;
	}
	if (w - doc->text >= 7 && ascii_ieq(w - 7, 7, "bloody "))
		return 0;
	if (!word_in(w, wday_full, &wn) || !(q = next_word(w)))
		return 0;
	if (word_in(q, early_late, &mn)) {
		m = q;
		if (!(q = next_word(q)))
			return 0;
	}
	if (!(pn = plain_word(q, part_words)))
		return 0;
	uint32_t ws = (uint32_t)(w - doc->text), qs = (uint32_t)(q - doc->text);
	if (rn)
		set_field(f, DF_REL, start, start + (uint32_t)rn);
	set_field(f, DF_WDAY, ws, ws + (uint32_t)wn);
	if (m)
		set_field(f, DF_MOD, (uint32_t)(m - doc->text), (uint32_t)(m - doc->text) + (uint32_t)mn);
	set_field(f, DF_PART, qs, qs + (uint32_t)pn);
	return qs + (uint32_t)pn;
}

/* rel_month: maybe early/late/mid and [\s\-]+, a rel word, white space,
 * a month (MON) before a plain end */
static uint32_t scan_rel_month(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *r, *w;
	size_t mn, rn, m;
	if (!(r = skip_mod_first(doc->text + start, &mn)))
		return 0;
	if (!word_in(r, rel_month_rel, &rn) || !(w = next_word(r)) || !(m = month_at(w)) || !guard_plain(w[m]))
		return 0;
	uint32_t rs = (uint32_t)(r - doc->text), ws = (uint32_t)(w - doc->text);
	if (mn)
		set_field(f, DF_MOD, start, start + (uint32_t)mn);
	set_field(f, DF_REL, rs, rs + (uint32_t)rn);
	set_field(f, DF_MONTH, ws, ws + (uint32_t)m);
	return ws + (uint32_t)m;
}

/* duration, its plain form: maybe a modifier of one or two words ("over",
 * "up to"), a count (digits with maybe decimals, "a"/"an" or a number word
 * one..nineteen), '-' or white space, a unit; maybe a second count of
 * digits and its unit ("1 hour 28 minutes"); and then nothing the row's
 * optional parts, NOT_AGE or the end guard would have to judge ("3
 * seconds", "a year", "two-day", "five years.", "nearly two weeks").  Not
 * after a word of NOT_RATE ("$2 million a year") nor a digit and a space. */
static const char *const dur_scan_counts[] = {
	"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", NULL};
static const char *const dur_scan_units[] = {
	"year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
	"minute", "minutes", "second", "seconds", "decade", "decades", "century", "centuries",
	"quarter", "fortnight", "fortnights", "weekend", "weekends", "nights", "hr", "hrs", "min",
	"mins", "sec", "secs", "yr", "yrs", "millennium", "millennia", NULL};
/* the vague counts taken (COUNT's several|few|many; "a few" apart) */
static const char *const dur_scan_vague[] = {"several", "few", "many", NULL};
/* the qualifiers after a count (and in UNIT) */
static const char *const dur_scan_quals[] = {"more", "additional", "straight", "consecutive", "full",
                                             "long", NULL};
/* the second unit (unittwo) */
static const char *const dur_scan_units2[] = {
	"month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
	"min", "mins", "second", "seconds", NULL};
/* what after the unit and white space may continue the match */
static const char *const dur_tail_words[] = {
	"and", "old", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"hundred", "a", "dozen", NULL};
/* what after the second unit makes the regex drop it */
static const char *const dur_tail_dirs[] = {"ago", "later", "earlier", "before", "after", "hence",
                                            "from", NULL};

/* The modifier at p (dur_scan_mods1/2): the start of the count after it
 * (*me: the modifier's end), p itself when there is none, NULL when the
 * form is one for the regex. */
static const char *dur_scan_mod(const char *p, const char **me)
{
	size_t n;
	*me = p;
	if (word_in(p, dur_scan_mods1, &n)) {
		*me = p + n;
		return rx_space(p[n]) ? skip_space(p + n) : NULL;
	}
	/* (two pairs share a first word: "just over", "just under"; "at
	 * least", "at most") */
	bool first = false;
	char c0 = ascii_lower(p[0]);
	for (size_t k = 0; k < ARRAY_SIZE(dur_scan_mods2); k++) {
		if (dur_scan_mods2[k][0][0] != c0 || n != strlen(dur_scan_mods2[k][0]) ||
		    !ascii_ieq(p, n, dur_scan_mods2[k][0]))
			continue;
		first = true;
		const char *q = next_word(p);
		if (!q || !run_is(q, dur_scan_mods2[k][1]))
			continue;
		q += strlen(dur_scan_mods2[k][1]);
		*me = q;
		return rx_space(*q) ? skip_space(q) : NULL;
	}
	return first ? NULL : p;
}

/* After a unit ending at r: may the match end there?  It may when nothing
 * the row's optional tail could take follows (white space or ", " and then
 * "and", a count word, or digits, white space and a second unit), nor
 * "-long", " old", nor anything the end guard must judge.  *two: a second
 * count of digits and its unit follows, which the scanner takes (set to
 * NULL when there is none). */
static bool dur_scan_end(const char *r, const char **two)
{
	*two = NULL;
	const char *w;
	if (rx_space(*r))
		w = skip_space(r);
	else if (*r == ',' && rx_space(r[1]))
		w = skip_space(r + 1);
	else
		return guard_plain(*r);
	if (*w & 0x80)
		return false;
	if (is_ascii_digit(*w)) {
		/* numtwo: digits, white space, a second unit (if not, the
		 * tail cannot match) */
		const char *q = w + digit_run(w);
		size_t u;
		if (rx_space(*q) && word_in(skip_space(q), dur_scan_units2, &u))
			*two = w;
		return true;
	}
	size_t n;
	if (run_is(w, "and")) {
		/* \s+and\s+a\s+half, or "and" and a second count
		 * (numtwo): neither when no count word or digit follows
		 * ("36 hours and the", "two years and Paul") */
		const char *x = next_word(w);
		return !(x && (is_ascii_digit(*x) || (*x & 0x80) || word_in(x, dur_tail_words, NULL)));
	}
	if (word_in(w, dur_tail_words, &n) && !(n == 1 && !rx_space(w[1])))
		return false;   /* "a" before a non-space cannot start the tail */
	return true;
}

/* A count at c and the [\s\-]+ after it, the way the duration rows write
 * them: digits with maybe decimals (not before '.' or ',': "1,000",
 * "1.2.3" go to the regex) or a word of counts.  Returns where the unit
 * should start, with the count's end in *end; NULL when the text is not of
 * that form. */
static const char *count_sep(const char *c, const char *const *counts, const char **end)
{
	size_t n = number_run(c);
	const char *q = c + n;
	if (n) {
		if (*q == '.' || *q == ',')
			return NULL;
	} else {
		if (!word_in(c, counts, &n))
			return NULL;
		q = c + n;
	}
	*end = q;
	return skip_seps(q);
}

static uint32_t scan_duration(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *q;
	if (dur_rate_before(doc, start))
		return 0;
	const char *me;
	const char *c = dur_scan_mod(p, &me);
	if (!c)
		return 0;
	size_t u, k;
	const char *ce, *fw;
	if (run_is(c, "a") && (fw = next_word(c)) && run_is(fw, "few")) {
		ce = fw + 3;   /* COUNT's "a\s+few" */
		q = skip_seps(ce);
	} else if (word_in(c, dur_scan_vague, &k)) {
		ce = c + k;   /* several, few, many */
		q = skip_seps(ce);
	} else {
		q = count_sep(c, dur_scan_counts, &ce);
	}
	if (!q)
		return 0;
	/* one qualifier between white space ("four more years", "a long
	 * weekend", "1996 full-year"): the first list's or UNIT's, the same
	 * fields either way */
	if (q > ce && skip_space(ce) == q && word_in(q, dur_scan_quals, &k) && !(q = skip_seps(q + k)))
		return 0;
	uint32_t ns = (uint32_t)(c - doc->text), ne = (uint32_t)(ce - doc->text);
	if (is_ascii_digit(*q) || !word_in(q, dur_scan_units, &u))
		return 0;   /* "2 1/2 years", a second qualifier: the regex judges */
	/* (?<!\ba |\ban )second */
	if (u == 6 && ascii_ieq(q, 6, "second") && q[-1] == ' ' &&
	    ((q - doc->text >= 2 && (q[-2] | 0x20) == 'a') || (q - doc->text >= 3 && (q[-2] | 0x20) == 'n')))
		return 0;
	const char *r = q + u, *two = NULL;
	/* NOT_AGE refuses the end before " old", and nothing else can end
	 * the match: no match ("50 years old", "12-year old") */
	if (rx_space(*r) && run_is(skip_space(r), "old"))
		return SCAN_NONE;
	uint32_t us = (uint32_t)(q - doc->text), end = us + (uint32_t)u;
	if (r[0] == '-' && ascii_ieq(r + 1, 4, "long")) {
		/* (?:-long)? before a plain end, not before " old" */
		const char *l = r + 5;
		if (!guard_plain(*l) || (rx_space(*l) && run_is(skip_space(l), "old")))
			return 0;
		end = (uint32_t)(l - doc->text);
	} else if (!dur_scan_end(r, &two)) {
		return 0;
	}
	uint32_t n2s = 0, n2e = 0, u2s = 0, u2e = 0;
	if (two) {
		/* the second count and unit, not before ago/later/... (the
		 * regex would then drop them) nor anything to judge */
		size_t n2 = digit_run(two), u2;
		const char *v = skip_space(two + n2);
		word_in(v, dur_scan_units2, &u2);
		const char *t2 = v + u2, *w;
		if (rx_space(*t2) && (w = skip_space(t2)) && (word_in(w, dur_tail_dirs, NULL) || run_is(w, "old")))
			return 0;
		if (!rx_space(*t2) && !guard_plain(*t2))
			return 0;
		n2s = (uint32_t)(two - doc->text);
		n2e = n2s + (uint32_t)n2;
		u2s = (uint32_t)(v - doc->text);
		u2e = u2s + (uint32_t)u2;
		end = u2e;
	}
	if (c > p)
		set_field(f, DF_MOD, start, (uint32_t)(me - doc->text));
	set_field(f, DF_NUM, ns, ne);
	set_field(f, DF_UNIT, us, us + (uint32_t)u);
	if (two) {
		set_field(f, DF_NUM2, n2s, n2e);
		set_field(f, DF_UNIT2, u2s, u2e);
	}
	return end;
}

/* month_day_year, its plain form: a month, white space (none needed after
 * an abbreviation's dot), a day of 1-2 digits with no suffix, maybe ','
 * or white space and a year of four digits ("August 22", "Aug. 22, 1996"),
 * before a plain end; nothing that could make a range (a dash, "to",
 * "through"...) nor "of"/"in" after the day */
static const char *const range_joiners[] = {"to", "through", "thru", "till", "until", "of", "in",
                                            NULL};

/* A day of month at d ([12][0-9]|3[01]|0?[1-9], maybe st/nd/rd/th, no
 * digit or letter after): its length with the suffix, 0 if none; *n gets
 * the digits' length */
static size_t day_at(const char *d, size_t *n)
{
	size_t k = digit_run(d);
	int day = k == 2 ? (d[0] - '0') * 10 + (d[1] - '0') : k == 1 ? d[0] - '0' : 0;
	*n = k;
	if (!day || day > 31)
		return 0;
	if (!is_ascii_lower(ascii_lower(d[k])))
		return k;
	char a = ascii_lower(d[k]), b = ascii_lower(d[k + 1]);
	if (!((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h')) ||
	    is_ascii_lower(ascii_lower(d[k + 2])))
		return 0;
	return k + 2;
}

/* After a range ending at e: maybe ',', white space and a year; then a
 * plain end.  The end, or 0 when the regex must judge; *ys: the year's
 * start, or 0. */
static uint32_t range_year_end(const struct document *doc, const char *e, uint32_t *ys)
{
	const char *y = e + (*e == ',');
	*ys = 0;
	if (rx_space(*y) && year4_at(skip_space(y))) {
		y = skip_space(y);
		if (!guard_plain(y[4]))
			return 0;
		*ys = (uint32_t)(y - doc->text);
		return *ys + 4;
	}
	return guard_plain(*e) ? (uint32_t)(e - doc->text) : 0;
}

/* month_day_year's first alternative, its plain forms: a month, white
 * space, a day, '-' or to/through/thru/till/until, a second day
 * ("Oct 15-30", "August 16 to 18"); or a month, '-', a second month
 * ("Jan-April"); maybe ',' and a year; before a plain end and nothing
 * the row's lookahead after the second day refuses (a digit, a unit, a.m.,
 * a month).  d: the first day, or NULL for the month-month form. */
static const char *const day_range_joiners[] = {"to", "through", "thru", "till", "until", NULL};

static uint32_t scan_month_range(const struct document *doc, uint32_t start, size_t m, const char *d,
                                 struct scan_fields *f)
{
	const char *p = doc->text + start, *j, *e;
	size_t n, n2, k, m2 = 0;
	uint32_t ys, end;
	if (d) {
		size_t len = day_at(d, &n);
		const char *r = d + len, *q = skip_space(r);
		if (!len)
			return 0;
		if (*q == '-' || *q == '~')
			j = skip_space(q + 1);
		else if (q > r && word_in(q, day_range_joiners, &k) && rx_space(q[k]))
			j = skip_space(q + k);
		else
			return 0;
		size_t len2 = day_at(j, &n2);
		if (!len2)
			return 0;
		e = j + len2;
		/* the lookahead after the second day */
		const char *t = skip_space(e);
		char c = ascii_lower(*t);
		if (is_ascii_digit(*e) || ((*e == '/' || *e == ':' || *e == '.' || *e == ',') && is_ascii_digit(e[1])) ||
		    c == 'a' || c == 'p' || c == '%' || (c == 'o' && !is_ascii_lower(ascii_lower(t[1]))) ||
		    (c == 'o' && ascii_lower(t[1]) == 'c') || c == 'h' || c == 'd' || c == 'y' || c == 'm' ||
		    (*t & 0x80))
			return 0;
		if (t > e && ((run_is(t, "of") && (t = next_word(t)) && month_prefix(t)) || month_prefix(t)))
			return 0;
	} else {
		const char *q = skip_space(p + m);
		if (*q != '-' || !(m2 = month_at(j = skip_space(q + 1))))
			return 0;
		e = j + m2;
		/* a day or a year: the regex judges; but a run of three digits
		 * or more is no day, and then a year only if year4_at() */
		const char *y = skip_space(e);
		if (rx_space(*e) && is_ascii_digit(*y) && digit_run(y) < 3)
			return 0;
	}
	if (!(end = range_year_end(doc, e, &ys)))
		return 0;
	uint32_t js = (uint32_t)(j - doc->text);
	set_field(f, DF_MONTH, start, start + (uint32_t)m);
	if (d) {
		uint32_t ds = (uint32_t)(d - doc->text);
		set_field(f, DF_DAY, ds, ds + (uint32_t)n);
		set_field(f, DF_DAY2, js, js + (uint32_t)n2);
	} else {
		set_field(f, DF_MONTH2, js, js + (uint32_t)m2);
	}
	if (ys)
		set_field(f, DF_YEAR, ys, ys + 4);
	return end;
}

/* Can (?:the\s+)?(?:DAYNUM|DAYWORD) start at p, the first byte after
 * the white space that follows a month?  False only when it surely
 * cannot: a word that is neither "the" nor a day word, or digits that are
 * no day of the month (three or more, "00", "0", over 31; DAYNUM refuses a
 * digit after it). */
static bool day_surely_not(const char *p)
{
	if (run_is(p, "the")) {
		if (!rx_space(p[3]))
			return true;
		p = skip_space(p + 3);
		if (run_is(p, "the"))
			return true;
	}
	size_t k = digit_run(p);
	if (k)
		return k >= 3 || (k == 2 ? (p[0] - '0') * 10 + (p[1] - '0') > 31 || (p[0] == '0' && p[1] == '0')
		                          : p[0] == '0');
	return is_ascii_lower(ascii_lower(*p)) && !run_is(p, "the") && !word_in(p, dayword_first, NULL);
}

/* month_day_year's range alternative after a month and a day, with q the
 * first byte after the day's white space: does it surely fail (RJOIN
 * followed by no possible second day, or no RJOIN at all: "of", "in")? */
static bool range_surely_not(const char *q)
{
	size_t k;
	if (*q == '-' || *q == '~')
		return day_surely_not(skip_space(q + 1));
	if (*q & 0x80)
		return false;
	if (!word_in(q, day_range_joiners, &k))
		return true;   /* of, in */
	return !rx_space(q[k]) || day_surely_not(skip_space(q + k));
}

static uint32_t scan_month_day_year(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	size_t m = month_at(p), w = 0;
	if (!m) {
		/* a weekday, maybe ',', white space, then the month ("the"
		 * between is left to the regex); the range alternative cannot
		 * start at a weekday */
		const char *q;
		if (!(w = wday_at(p)))
			return 0;
		/* WDAYX ",?\s+", then (?:the\s+)? and MON, or no match */
		if (!(q = after_wday(p, w)))
			return SCAN_NONE;
		if (!(m = month_at(q)))
			return run_is(q, "the") || (*q & 0x80) ? 0 : SCAN_NONE;
		p = q;
	}
	const char *d = skip_space(p + m);
	if (d == p + m && p[m - 1] != '.')
		return w ? 0 : scan_month_range(doc, start, m, NULL, f);
	/* (the day may have a suffix: "AUGUST 28TH") */
	size_t n, dl = day_at(d, &n);
	if (!dl)
		return day_surely_not(d) ? SCAN_NONE : 0;
	size_t sx = dl - n;
	const char *r = d + n + sx, *q = skip_space(r);
	if (*q == '-' || *q == '~' || (*q & 0x80) || (q > r && word_in(q, range_joiners, NULL))) {
		if (w || d == p + m)
			return 0;
		uint32_t re = scan_month_range(doc, start, m, d, f);
		if (re || !range_surely_not(q))
			return re;
		/* no range: the plain form, whose year may follow of/in */
		f->n = 0;
		if (word_in(q, of_in, NULL) && rx_space(q[2]) && !is_ascii_lower(ascii_lower(*skip_space(q + 2))))
			return 0;
	}
	uint32_t ds = (uint32_t)(d - doc->text), end = ds + (uint32_t)(n + sx);
	if (*q == ',')
		q = skip_space(q + 1);
	if (q > r && digit_run(q) == 4 && ((q[0] == '1' && q[1] >= '5') || (q[0] == '2' && q[1] == '0'))) {
		if (!guard_plain(q[4]))
			return 0;
		uint32_t ys = (uint32_t)(q - doc->text);
		set_field(f, DF_YEAR, ys, ys + 4);
		end = ys + 4;
	} else if (!guard_plain(*r)) {
		/* "Jul 5/96": the guard refuses the end after the day, and no
		 * year follows the '/' */
		if (*r == '/' && is_ascii_digit(r[1]) && !year4_at(r + 1))
			return SCAN_NONE;
		return 0;
	}
	uint32_t ms = (uint32_t)(p - doc->text);
	if (w)
		set_field(f, DF_WDAY, start, start + (uint32_t)w);
	set_field(f, DF_MONTH, ms, ms + (uint32_t)m);
	set_field(f, DF_DAY, ds, ds + (uint32_t)n);
	return end;
}

/* month_year, its plain form: a month (MON), [\s,\-/]+ (none after the
 * abbreviation's dot), maybe of/in and white space, a year of four digits
 * before a plain end ("December 1996.", "June, 1996") */
static uint32_t scan_month_year(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *q;
	size_t m = month_at(p);
	if (!m)
		return 0;
	q = p + m;
	while (rx_space(*q) || *q == ',' || *q == '-' || *q == '/')
		q++;
	if (q == p + m && p[m - 1] != '.')
		return 0;
	if (word_in(q, of_in, NULL) && rx_space(q[2]))
		q = skip_space(q + 2);
	if (!year4_at(q) || !guard_plain(q[4]))
		return 0;
	uint32_t ys = (uint32_t)(q - doc->text);
	set_field(f, DF_MONTH, start, start + (uint32_t)m);
	set_field(f, DF_YEAR, ys, ys + 4);
	return ys + 4;
}

/* clock_day, its plain form: maybe around/about/approximately/roughly and
 * white space; "h:mm" or "hh:mm", maybe ":ss", not before a digit, '.' or
 * ':' and a digit, nor before what could be a.m./p.m. or o'clock; or
 * noon/midday/midnight (maybe "-ish"); then nothing the optional zone or
 * date after could take (a zone such as "GMT", "EDT"; "on", a weekday,
 * "today", a month, a day and a month) */
static const char *const clock_tail_words[] = {"on", "today", "yesterday", "tomorrow", "tonight",
                                               "tonite", NULL};
static const char *const clock_mods[] = {"around", "about", "approximately", "roughly", NULL};
static const char *const clock_words[] = {"noon", "noonish", "midday", "middayish", "midnight",
                                          "midnightish", NULL};

/* Could a zone (ZONE) start at t: UTC, GMT, or an upper-case run of 2-5
 * letters ending in 'T' ("EDT", "CEST") */
static bool zone_at(const char *t)
{
	size_t u = 0;
	while (is_ascii_upper(t[u]))
		u++;
	return ascii_ieq(t, 3, "utc") || ascii_ieq(t, 3, "gmt") ||
	       (u >= 2 && u <= 5 && t[u - 1] == 'T' && !is_ascii_lower(t[u]));
}

/* After a time ending at r: can the match end there (the optional zone
 * and date cannot start)? */
static bool clock_end_plain(const char *r)
{
	if (!guard_plain(r[0]))
		return false;
	const char *t = skip_space(r);
	if (t > r && zone_at(t))
		return false;
	if (*t == ',')
		t = skip_space(t + 1);
	if (*t & 0x80)
		return false;
	if (is_ascii_digit(*t)) {
		/* a day and a month ("on June 5" is taken by the words) */
		size_t k = digit_run(t);
		if (k > 2)
			return true;
		const char *u = t + k;
		if (is_ascii_lower(ascii_lower(u[0])) && is_ascii_lower(ascii_lower(u[1])))
			u += 2;
		return !(rx_space(*u) && month_at(skip_space(u)));
	}
	return !(word_in(t, clock_tail_words, NULL) || month_at(t) || wday_at(t));
}

/* The length of a ZONE at z, case-sensitive: UTC or GMT (with no offset:
 * the regex takes those), or 1-3 capitals, maybe S or D, and T; before no
 * letter.  0 if none. */
static size_t zone_len(const char *z)
{
	size_t u = 0;
	while (is_ascii_upper(z[u]))
		u++;
	if ((!strncmp(z, "UTC", 3) || !strncmp(z, "GMT", 3)) && (z[3] == '+' || z[3] == '-'))
		return 0;
	if (u < 2 || u > 5 || z[u - 1] != 'T' || is_ascii_lower(z[u]) || (u == 5 && z[3] != 'S' && z[3] != 'D'))
		return 0;
	return u;
}

/* clock_day, CLOCK's first alternative in its plain form: an hour of 1-2
 * digits at p (n of them, checked), maybe [:.] and minutes, maybe white
 * space, AMPM, maybe white space and a zone; before nothing the end guard
 * or the optional date after it would judge ("4.30 a.m.", "7 a.m. (0400
 * GMT)", "11 a.m. EDT", "10 o'clock").  0 when that is not the form. */
static uint32_t clock_ampm_form(const struct document *doc, uint32_t start, size_t mn, const char *p, size_t n,
                                struct scan_fields *f)
{
	const char *r = p + n, *mi = NULL;
	if ((*r == ':' || *r == '.') && r[1] >= '0' && r[1] <= '5' && is_ascii_digit(r[2])) {
		mi = r + 1;
		r += 3;
	}
	if (is_ascii_digit(*r) || *r == ':' || *r == '.')
		return 0;
	const char *t = skip_space(r), *e, *z = NULL;
	size_t a = ampm_at(t), zl = 0;
	if (!a)
		return 0;
	e = t + a;
	if (rx_space(*e) && (zl = zone_len(skip_space(e)))) {
		z = skip_space(e);
		e = z + zl;
	}
	if (!clock_end_plain(e))
		return 0;
	uint32_t ps = (uint32_t)(p - doc->text), ts = (uint32_t)(t - doc->text);
	if (mn)
		set_field(f, DF_MOD, start, start + (uint32_t)mn);
	set_field(f, DF_HOUR, ps, ps + (uint32_t)n);
	if (mi) {
		uint32_t ms = (uint32_t)(mi - doc->text);
		set_field(f, DF_MIN, ms, ms + 2);
	}
	set_field(f, DF_AMPM, ts, ts + (uint32_t)a);
	if (z) {
		uint32_t zs = (uint32_t)(z - doc->text);
		set_field(f, DF_ZONE, zs, zs + (uint32_t)zl);
	}
	return (uint32_t)(e - doc->text);
}

static uint32_t scan_clock_day(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *q, *r, *t;
	size_t n, mn = 0;
	if (word_in(p, clock_mods, &mn)) {
		if (!rx_space(p[mn]))
			return 0;
		p = skip_space(p + mn);
	} else {
		mn = 0;
	}
	uint32_t ps = (uint32_t)(p - doc->text);
	if (word_in(p, clock_words, &n)) {
		if (!clock_end_plain(p + n))
			return 0;
		if (mn)
			set_field(f, DF_MOD, start, start + (uint32_t)mn);
		set_field(f, DF_WORD, ps, ps + (uint32_t)n);
		return ps + (uint32_t)n;
	}
	n = digit_run(p);
	if (n < 1 || n > 2 || (n == 2 && !(p[0] <= '1' || (p[0] == '2' && p[1] <= '3'))))
		return 0;
	uint32_t e = clock_ampm_form(doc, start, mn, p, n, f);
	if (e)
		return e;
	if (p[n] != ':')
		return 0;
	q = p + n + 1;
	if (!(q[0] >= '0' && q[0] <= '5' && is_ascii_digit(q[1])))
		return 0;
	r = q + 2;
	bool sec = r[0] == ':' && r[1] >= '0' && r[1] <= '5' && is_ascii_digit(r[2]);
	if (sec)
		r += 3;
	if (is_ascii_digit(r[0]) || ((r[0] == '.' || r[0] == ':') && is_ascii_digit(r[1])))
		return 0;
	t = skip_space(r);
	char c = ascii_lower(t[0]);
	if (c == 'a' || c == 'p' || c == 'o')
		return 0;   /* AMPM (the first alternative) */
	if (!clock_end_plain(r))
		return 0;
	uint32_t qs = (uint32_t)(q - doc->text);
	if (mn)
		set_field(f, DF_MOD, start, start + (uint32_t)mn);
	set_field(f, DF_HOUR, ps, ps + (uint32_t)n);
	set_field(f, DF_MIN, qs, qs + 2);
	if (sec)
		set_field(f, DF_SEC, qs + 3, qs + 5);
	return (uint32_t)(r - doc->text);
}

/* The length of an offset unit at q (offset_units, but not "second": the
 * scanners leave that unit to the regex), 0 if none. */
static size_t offset_unit_at(const char *q)
{
	size_t u;
	if (!word_in(q, offset_units, &u) || (u == 6 && ascii_ieq(q, 6, "second")))
		return 0;
	return u;
}

/* offset_anchor, its plain form: maybe a modifier (as duration's), a count
 * (digits and maybe decimals, "a"/"an", one..nineteen), [\s\-]+, a unit,
 * white space and a direction word, before a plain end ("a year ago",
 * "two weeks later"; not "from now") */
static const char *const offset_scan_dirs[] = {"ago", "later", "earlier", "hence", "back",
                                               "previously", "afterward", "afterwards", NULL};

static uint32_t scan_offset_anchor(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *me, *q;
	const char *c = dur_scan_mod(p, &me);
	size_t u, d;
	if (!c)
		return 0;
	const char *ce;
	if (!(q = count_sep(c, dur_scan_counts, &ce)))
		return 0;
	uint32_t ns = (uint32_t)(c - doc->text), ne = (uint32_t)(ce - doc->text);
	if (!(u = offset_unit_at(q)) || !rx_space(q[u]))
		return 0;
	const char *w = skip_space(q + u);
	if (!(d = plain_word(w, offset_scan_dirs)))
		return 0;
	uint32_t us = (uint32_t)(q - doc->text), ws = (uint32_t)(w - doc->text);
	if (c > p)
		set_field(f, DF_MOD, start, (uint32_t)(me - doc->text));
	set_field(f, DF_NUM, ns, ne);
	set_field(f, DF_UNIT, us, us + (uint32_t)u);
	set_field(f, DF_DIR, ws, ws + (uint32_t)d);
	return ws + (uint32_t)d;
}

/* dur_span, its plain form: maybe "the", a one-word rel word, white space,
 * a count (digits and maybe decimals, one..nineteen, few/several/many),
 * [\s\-]+ and a unit, before a plain end and not before "or so" ("the
 * past two years", "the next few days") */
static const char *const dur_span_counts[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
	"few", "several", "many", NULL};

static uint32_t scan_dur_span(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *r = p, *c, *q;
	size_t rn, u;
	if (run_is(p, "the") && !(r = next_word(p)))
		return 0;
	if (!word_in(r, dur_span_rel, &rn) || !(c = next_word(r)))
		return 0;
	const char *ce;
	if (!(q = count_sep(c, dur_span_counts, &ce)))
		return 0;
	uint32_t ns = (uint32_t)(c - doc->text), ne = (uint32_t)(ce - doc->text);
	if (!(u = offset_unit_at(q)) || !guard_plain(q[u]))
		return 0;
	const char *w = next_word(q);
	if (w && run_is(w, "or"))
		return 0;
	uint32_t rs = (uint32_t)(r - doc->text), us = (uint32_t)(q - doc->text);
	set_field(f, DF_REL, rs, rs + (uint32_t)rn);
	set_field(f, DF_NUM, ns, ne);
	set_field(f, DF_UNIT, us, us + (uint32_t)u);
	return us + (uint32_t)u;
}

/* half_year, its plain form: maybe "the", first/second, [\s\-]+, "half";
 * maybe "of", maybe the/fiscal/year, then a year or this/last/next and
 * "year"; before a plain end */
static const char *const half_rel[] = {"this", "last", "next", NULL};

static uint32_t scan_half_year(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *h = p, *q, *w;
	size_t hn;
	if (run_is(p, "the") && !(h = next_word(p)))
		return 0;
	if (h[0] == 'H' && (h[1] == '1' || h[1] == '2')) {
		/* "H1", "H2" before no letter or digit and no year (a year
		 * after white space or '-' goes to the regex) */
		const char *e = h + 2, *y = skip_seps(e);
		if (!guard_plain(*e) || (y && is_ascii_digit(*y)))
			return 0;
		uint32_t hs = (uint32_t)(h - doc->text) + 1;
		set_field(f, DF_HALF, hs, hs + 1);
		return hs + 1;
	}
	if (!word_in(h, first_second, &hn))
		return 0;
	q = h + hn;
	if (!(q = skip_seps(q)))
		return 0;
	if (!run_is(q, "half"))
		return 0;
	const char *end = q + 4;
	uint32_t ys = 0, ye = 0, rs = 0, re = 0;
	if ((w = next_word(q)) && run_is(w, "of")) {
		/* the optional tail: all of it, or the regex judges */
		if (!(w = next_word(w)))
			return 0;
		if (run_is(w, "the") && !(w = next_word(w)))
			return 0;
		if (run_is(w, "fiscal") && !(w = next_word(w)))
			return 0;
		if (run_is(w, "year") && !(w = next_word(w)))
			return 0;
		size_t rn;
		const char *y;
		if (year4_at(w)) {
			ys = (uint32_t)(w - doc->text);
			ye = ys + 4;
			end = w + 4;
		} else if (word_in(w, half_rel, &rn) && (y = next_word(w)) && run_is(y, "year")) {
			rs = (uint32_t)(w - doc->text);
			re = rs + (uint32_t)rn;
			end = y + 4;
		} else {
			return 0;
		}
	}
	if (!guard_plain(*end))
		return 0;
	uint32_t hs = (uint32_t)(h - doc->text);
	set_field(f, DF_HALF, hs, hs + (uint32_t)hn);
	if (ye)
		set_field(f, DF_YEAR, ys, ye);
	if (re)
		set_field(f, DF_REL, rs, re);
	return (uint32_t)(end - doc->text);
}

/* posmod_month: early/late/mid, or "(the) end/beginning/start/middle of"
 * ("turn" only after "the"), [\s\-]+, a month before a plain end */
static uint32_t scan_posmod_month(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *me, *q, *w = p;
	size_t n, m;
	if (word_in(p, mod_first, &n)) {
		me = p + n;
	} else {
		bool the = run_is(p, "the");
		if (the && !(w = next_word(p)))
			return 0;
		if (!word_in(w, mod_pos, NULL) || (!the && run_is(w, "turn")) || !(q = next_word(w)) ||
		    !run_is(q, "of"))
			return 0;
		me = q + 2;
	}
	q = me;
	if (!(q = skip_seps(q)))
		return 0;
	if (!(m = month_at(q)) || !guard_plain(q[m]))
		return 0;
	uint32_t ms = (uint32_t)(q - doc->text);
	set_field(f, DF_MOD, start, (uint32_t)(me - doc->text));
	set_field(f, DF_MONTH, ms, ms + (uint32_t)m);
	return ms + (uint32_t)m;
}

/* day_month_year, its plain form: a day of 1-2 digits (maybe st/nd/rd/th)
 * not before a range ('-', '~', to, and...), white space, a month, maybe
 * ',' and [\s\-/]* and a year of four digits; before a plain end ("28
 * August 1996", "9 April") */
static const char *const day_year_words[] = {"of", "in", "nineteen", "eighteen", "twenty", "two",
                                             NULL};

static uint32_t scan_day_month_year(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *d = doc->text + start, *r, *q, *t;
	size_t n, m, dl = day_at(d, &n);
	if (!dl)
		return 0;
	size_t sx = dl - n;
	r = d + n + sx;
	if (!rx_space(*r))
		return 0;
	q = skip_space(r);
	if (word_in(q, range_words, NULL) || !(m = month_at(q)))
		return 0;
	t = q + m;
	const char *y = t + (*t == ',');
	while (rx_space(*y) || *y == '-' || *y == '/')
		y++;
	uint32_t ms = (uint32_t)(q - doc->text), ys = 0, end = ms + (uint32_t)m;
	if (year4_at(y)) {
		if (!guard_plain(y[4]))
			return 0;
		ys = (uint32_t)(y - doc->text);
		end = ys + 4;
	} else if (word_in(y, day_year_words, NULL) || !guard_plain(*t)) {
		return 0;
	}
	set_field(f, DF_DAY, start, start + (uint32_t)n);
	set_field(f, DF_MONTH, ms, ms + (uint32_t)m);
	if (ys)
		set_field(f, DF_YEAR, ys, ys + 4);
	return end;
}

/* the_year: after for/during/in/of/by and a space (checked here: the
 * before-word test is looser than \b), "the", maybe fiscal/full/calendar,
 * year/week/month before a plain end, and nothing after that the row's
 * lookahead refuses (a digit, "two", "nineteen", ago/before/after/earlier/
 * later, "end...", "of") */
static const char *const the_year_before[] = {"for", "during", "in", "of", "by", NULL};
static const char *const the_year_not[] = {"two", "nineteen", "ago", "before", "after", "earlier",
                                           "later", "end", "of", NULL};

static uint32_t scan_the_year(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *w;
	size_t n;
	if (!run_is(p, "the") || !word_behind(doc, start, the_year_before) || !(w = next_word(p)))
		return 0;
	if (word_in(w, the_year_mods, NULL))
		return 0;   /* "the fiscal year": the regex judges */
	if (!word_in(w, year_week_month, &n) || !guard_plain(w[n]))
		return 0;
	const char *x = skip_space(w + n);
	if (x > w + n) {
		/* (the lookahead's words are prefixes: "afterwards" too) */
		if (is_ascii_digit(*x))
			return 0;
		for (const char *const *t = the_year_not; *t; t++)
			if (ascii_ieq(x, strlen(*t), *t))
				return 0;
	}
	uint32_t ws = (uint32_t)(w - doc->text);
	set_field(f, DF_UNIT, ws, ws + (uint32_t)n);
	return ws + (uint32_t)n;
}

/* numeric_date: what quick_numeric_date passes, not after a digit and '-'
 * (the lookbehind's second half is left to the regex), before a plain end */
static uint32_t scan_numeric_date(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	if (start >= 2 && p[-1] == '-' && is_ascii_digit(p[-2]))
		return 0;
	size_t a = digit_run(p), b = digit_run(p + a + 1);
	const char *y = p + a + 1 + b + 1;
	size_t c = digit_run(y);
	if (!guard_plain(y[c]))
		return 0;
	uint32_t ms = start + (uint32_t)a + 1, ys = (uint32_t)(y - doc->text);
	set_field(f, DF_DAY, start, start + (uint32_t)a);
	set_field(f, DF_MNUM, ms, ms + (uint32_t)b);
	set_field(f, DF_YEAR, ys, ys + (uint32_t)c);
	return ys + (uint32_t)c;
}

/* dur_the_count, its plain form: "the", a count (digits and maybe
 * decimals, one..nineteen, few/several/many), [\s\-]+, a unit before a
 * plain end and not before ago/later/earlier/before/after */
static uint32_t scan_dur_the_count(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *c, *q;
	size_t u;
	if (!run_is(p, "the") || !(c = next_word(p)))
		return 0;
	const char *ce;
	if (!(q = count_sep(c, dur_span_counts, &ce)))
		return 0;
	uint32_t ns = (uint32_t)(c - doc->text), ne = (uint32_t)(ce - doc->text);
	if (!(u = offset_unit_at(q)) || !guard_plain(q[u]))
		return 0;
	const char *w = next_word(q);
	if (w && word_in(w, units_not_before, NULL))
		return 0;
	uint32_t us = (uint32_t)(q - doc->text);
	set_field(f, DF_NUM, ns, ne);
	set_field(f, DF_UNIT, us, us + (uint32_t)u);
	return us + (uint32_t)u;
}

/* quarter_ordinal, its plain form: maybe "the", first..fourth or 1st..4th,
 * [\s\-]+, "quarter" before a plain end and not before "of" */

static uint32_t scan_quarter_ordinal(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *o = p, *q;
	size_t n;
	if (run_is(p, "the") && !(o = next_word(p)))
		return 0;
	if (o[0] >= '1' && o[0] <= '4' &&
	    ascii_ieq(o + 1, 2, o[0] == '1' ? "st" : o[0] == '2' ? "nd" : o[0] == '3' ? "rd" : "th"))
		n = 3;
	else if (!word_in(o, quarter_nth, &n))
		return 0;
	q = o + n;
	if (!(q = skip_seps(q)))
		return 0;
	if (!run_is(q, "quarter") || !guard_plain(q[7]))
		return 0;
	const char *w = next_word(q);
	if (w && run_is(w, "of"))
		return 0;
	uint32_t os = (uint32_t)(o - doc->text);
	set_field(f, DF_QUARTER, os, os + (uint32_t)n);
	return (uint32_t)(q - doc->text) + 7;
}

/* POSMOD at p (early/late/mid, or "(the) end/beginning/start/middle of",
 * "turn" only after "the"): its end, or NULL when p starts none of them */
static const char *posmod_at(const char *p)
{
	size_t n;
	const char *w = p, *q;
	if (word_in(p, mod_first, &n))
		return p + n;
	bool the = run_is(p, "the");
	if (the && !(w = next_word(p)))
		return NULL;
	if (!word_in(w, mod_pos, NULL) || (!the && run_is(w, "turn")) || !(q = next_word(w)) || !run_is(q, "of"))
		return NULL;
	return q + 2;
}

/* the_following_unit, its forms after "the": "the same" (dir "the same")
 * or following/next/previous/preceding/prior (dir the word) and a unit,
 * before a plain end ("the same month", "the previous year");
 * "the same" before "of"/"when" and "the day before" go to the regex */
static const char *const following_dirs[] = {"following", "next", "previous", "preceding", "prior", NULL};
static const char *const following_units[] = {"day", "week", "month", "year", "quarter", NULL};

static uint32_t scan_the_following_unit(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *w, *u, *t;
	size_t dn, un;
	if (!run_is(p, "the") || !(w = next_word(p)))
		return 0;
	bool same = run_is(w, "same");
	if (!same && !word_in(w, following_dirs, &dn))
		return 0;
	if (same)
		dn = 4;
	if (!(u = next_word(w)) || !word_in(u, following_units, &un) || !guard_plain(u[un]))
		return 0;
	if (same && un == 7)   /* quarter: not after "the same" in the second form */
		same = false;
	else if (same && (t = next_word(u)) &&
	         (ascii_ieq(t, 2, "of") || ascii_ieq(t, 4, "when")))
		return 0;
	uint32_t ws = (uint32_t)(w - doc->text), us = (uint32_t)(u - doc->text);
	set_field(f, DF_DIR, same ? start : ws, ws + (uint32_t)dn);
	set_field(f, DF_UNIT, us, us + (uint32_t)un);
	return us + (uint32_t)un;
}

/* dur_span_one at "the": the past/last/next/coming/previous/following and
 * a unit before a plain end ("the past week"); "the better part of" (a
 * MODS) goes to the regex */
static const char *const span_one_rels[] = {"past", "last", "next", "coming", "previous", "following", NULL};
static const char *const span_one_units[] = {"year", "month", "week", "decade", "century", "quarter", NULL};

static uint32_t scan_dur_span_one(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *w, *u;
	size_t rn, un;
	if (!run_is(p, "the") || !(w = next_word(p)) || !word_in(w, span_one_rels, &rn) || !(u = next_word(w)) ||
	    !word_in(u, span_one_units, &un) || !guard_plain(u[un]))
		return 0;
	uint32_t ws = (uint32_t)(w - doc->text), us = (uint32_t)(u - doc->text);
	set_field(f, DF_REL, ws, ws + (uint32_t)rn);
	set_field(f, DF_UNIT, us, us + (uint32_t)un);
	return us + (uint32_t)un;
}

/* dur_span_vague: maybe "the", past/last/next/coming, few/several/"couple
 * of", a plural unit before a plain end ("the next few weeks") */
static const char *const span_vague_rels[] = {"past", "last", "next", "coming", NULL};
static const char *const span_vague_units[] = {"years", "months", "weeks", "days", "hours", "minutes",
                                               "decades", "centuries", "quarters", NULL};

static uint32_t scan_dur_span_vague(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *w, *u;
	size_t rn, un;
	if (run_is(p, "the") && !(p = next_word(p)))
		return 0;
	if (!word_in(p, span_vague_rels, &rn) || !(w = next_word(p)))
		return 0;
	if (run_is(w, "couple")) {
		if (!(w = next_word(w)) || !run_is(w, "of"))
			return 0;
	} else if (!run_is(w, "few") && !run_is(w, "several")) {
		return 0;
	}
	if (!(u = next_word(w)) || !word_in(u, span_vague_units, &un) || !guard_plain(u[un]))
		return 0;
	uint32_t rs = (uint32_t)(p - doc->text), us = (uint32_t)(u - doc->text);
	set_field(f, DF_REL, rs, rs + (uint32_t)rn);
	set_field(f, DF_UNIT, us, us + (uint32_t)un);
	return us + (uint32_t)un;
}

/* year_mod: POSMOD, [\s\-]+ and a year, or "the (calendar|school)? year"
 * and a year, before a plain end ("late 1995", "mid-1997", "the start of
 * 1995", "the year 2000") */
static uint32_t scan_year_mod(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *me = posmod_at(p), *y;
	if (me) {
		if (!(y = skip_seps(me)))
			return 0;
	} else {
		const char *w;
		if (!run_is(p, "the") || !(w = next_word(p)))
			return 0;
		if ((run_is(w, "calendar") || run_is(w, "school")) && !(w = next_word(w)))
			return 0;
		if (!run_is(w, "year") || !rx_space(w[4]))
			return 0;
		y = skip_space(w + 4);
	}
	if (!year4_at(y) || !guard_plain(y[4]))
		return 0;
	uint32_t ys = (uint32_t)(y - doc->text);
	if (me)
		set_field(f, DF_MOD, start, (uint32_t)(me - doc->text));
	set_field(f, DF_YEAR, ys, ys + 4);
	return ys + 4;
}

/* decade: maybe "the", maybe POSMOD and [\s\-]+, then a decade of four
 * digits (1[5-9]x0, 20x0), maybe "'", 's' ("the 1990s", "late 1980s").
 * Digits that are no such decade ("20s", "000s") cannot match (the other
 * form starts with a quote); nor can "the" before a word that is neither
 * "the" nor starts POSMOD ("the Soviet-era 1970s"). */
static uint32_t scan_decade(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *me = NULL, *d = p;
	if (run_is(p, "the")) {
		if (!(d = next_word(p)))
			return 0;
		if (is_ascii_lower(ascii_lower(*d)) && !run_is(d, "the") && !word_in(d, mod_first, NULL) &&
		    !word_in(d, mod_pos, NULL))
			return SCAN_NONE;
	}
	const char *ms = d;
	if (!is_ascii_digit(*d)) {
		if (!(me = posmod_at(d)) || !(d = skip_seps(me)))
			return 0;
		if (!is_ascii_digit(*d))
			return 0;
	}
	size_t k = digit_run(d);
	if (k != 4 || d[3] != '0' || !((d[0] == '1' && d[1] >= '5') || (d[0] == '2' && d[1] == '0')))
		return SCAN_NONE;
	const char *e = d + 4 + (d[4] == '\'');
	if (ascii_lower(*e) != 's' || !guard_plain(e[1]))
		return 0;
	uint32_t ds = (uint32_t)(d - doc->text);
	if (me)
		set_field(f, DF_MOD, (uint32_t)(ms - doc->text), (uint32_t)(me - doc->text));
	set_field(f, DF_DECADE, ds, ds + 4);
	return (uint32_t)(e - doc->text) + 1;
}

/* quarter_code: Q1..Q4 or 1Q..4Q (any case), maybe a year after it (left
 * to the regex); nothing else can match */
static uint32_t scan_quarter_code(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	uint32_t qs;
	if (ascii_lower(p[0]) == 'q' && p[1] >= '1' && p[1] <= '4')
		qs = start + 1;
	else if (p[0] >= '1' && p[0] <= '4' && ascii_lower(p[1]) == 'q')
		qs = start;
	else
		return SCAN_NONE;
	const char *e = p + 2;
	if (rx_space(*e) || *e == '-') {
		const char *w = skip_seps(e);
		char c = ascii_lower(*w);
		if (is_ascii_digit(*w) || c == 'f' || c == 'o' || (*w & 0x80) || *w == '\'')
			return 0;
	}
	if (!guard_plain(*e))
		return 0;
	set_field(f, DF_QUARTER, qs, qs + 1);
	return start + 2;
}

/* dur_vague_recent: recent/coming, white space, a plural unit, before a
 * plain end ("recent weeks"); any other word, or no white space, or
 * another unit: no match */
static const char *const vague_recent_units[] = {"months", "weeks", "days", "quarters", "decades", NULL};

static uint32_t scan_dur_vague_recent(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *u;
	size_t rn = letter_run(p), un;
	if (!(rn == 6 && (ascii_ieq(p, 6, "recent") || ascii_ieq(p, 6, "coming"))))
		return SCAN_NONE;
	if (!(u = next_word(p)) || (*u & 0x80))
		return u ? 0 : SCAN_NONE;
	if (!word_in(u, vague_recent_units, &un))
		return SCAN_NONE;
	if (!guard_plain(u[un]))
		return 0;
	uint32_t us = (uint32_t)(u - doc->text);
	set_field(f, DF_REL, start, start + 6);
	set_field(f, DF_UNIT, us, us + (uint32_t)un);
	return us + (uint32_t)un;
}

/* numeric_month_day: its quick check has settled the lookbehind, the
 * fractions and both numbers (1..31, no third part); the match ends after
 * the second number, before a plain end and no " of " */
static uint32_t scan_numeric_month_day(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *q, *w;
	size_t n = digit_run(p);
	q = p + n + 1;
	size_t m = digit_run(q);
	const char *e = q + m;
	if (!guard_plain(*e) || (rx_space(*e) && (w = skip_space(e)) && run_is(w, "of") && rx_space(w[2])))
		return 0;
	uint32_t qs = (uint32_t)(q - doc->text);
	set_field(f, DF_DAY, start, start + (uint32_t)n);
	set_field(f, DF_MNUM, qs, qs + (uint32_t)m);
	return qs + (uint32_t)m;
}

/* season_rel: maybe POSMOD and [\s\-]+, this/last/next/past/coming,
 * white space, a season, before a plain end ("this fall", "last
 * spring"); a start that is neither POSMOD nor such a word: no match */
static const char *const season_rels[] = {"this", "last", "next", "past", "coming", NULL};
static const char *const season_names[] = {"spring", "summer", "fall", "autumn", "winter", NULL};

static uint32_t scan_season_rel(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *me = posmod_at(p), *r = p, *w;
	size_t rn, sn;
	if (me && !(r = skip_seps(me)))
		return 0;
	if (!word_in(r, season_rels, &rn))
		return me ? 0 : SCAN_NONE;
	if (!(w = next_word(r)) || !word_in(w, season_names, &sn) || !guard_plain(w[sn]))
		return 0;
	uint32_t rs = (uint32_t)(r - doc->text), ws = (uint32_t)(w - doc->text);
	if (me)
		set_field(f, DF_MOD, start, (uint32_t)(me - doc->text));
	set_field(f, DF_REL, rs, rs + (uint32_t)rn);
	set_field(f, DF_SEASON, ws, ws + (uint32_t)sn);
	return ws + (uint32_t)sn;
}

/* season_alone (its lookbehind settled by the quick check): maybe "the",
 * a season, not before "of" and anything but one white space and a year
 * of 19xx or 20xx (the lookahead: "the fall of communism", and with two
 * spaces "of  1998" too, refuse every match); before a plain end */
static uint32_t scan_season_alone(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start, *h = p, *w;
	size_t sn;
	if (run_is(p, "the") && !(h = next_word(p)))
		return 0;
	if (!word_in(h, season_names, &sn))
		return (*h & 0x80) ? 0 : SCAN_NONE;
	const char *e = h + sn;
	if (rx_space(*e) && (w = skip_space(e)) && run_is(w, "of") && rx_space(w[2])) {
		const char *y = w + 3;
		if (!(((y[0] == '1' && y[1] == '9') || (y[0] == '2' && y[1] == '0')) && is_ascii_digit(y[2]) &&
		      is_ascii_digit(y[3])))
			return SCAN_NONE;
	}
	if (!guard_plain(*e))
		return 0;
	uint32_t hs = (uint32_t)(h - doc->text);
	set_field(f, DF_SEASON, hs, hs + (uint32_t)sn);
	return hs + (uint32_t)sn;
}

/* dur_for_units (its quick check has settled the unit and the lookahead):
 * the lookbehind exactly, "for ", "in ", "took ", "take ", "lasted " or
 * "over the " after no word character (before_word() lets "the" through
 * alone); then a plain end */
static const char *const for_units_behind[] = {"for", "in", "took", "take", "lasted", NULL};

static uint32_t scan_dur_for_units(const struct document *doc, uint32_t start, struct scan_fields *f)
{
	const char *p = doc->text + start;
	size_t n;
	if (!word_behind(doc, start, for_units_behind) &&
	    !(start >= 9 && ascii_ieq(p - 9, 9, "over the ") && word_start(doc, start - 9)))
		return SCAN_NONE;
	if (!word_in(p, for_units, &n) || !guard_plain(p[n]))
		return 0;
	set_field(f, DF_UNIT, start, start + (uint32_t)n);
	return start + (uint32_t)n;
}

static const struct {
	const char *rule;
	scan_fn fn;
} row_scanners[] = {
	{"dur_for_units", scan_dur_for_units},
	{"numeric_month_day", scan_numeric_month_day},
	{"season_rel", scan_season_rel},
	{"season_alone", scan_season_alone},
	{"the_following_unit", scan_the_following_unit},
	{"dur_span_one", scan_dur_span_one},
	{"dur_span_vague", scan_dur_span_vague},
	{"year_mod", scan_year_mod},
	{"decade", scan_decade},
	{"quarter_code", scan_quarter_code},
	{"dur_vague_recent", scan_dur_vague_recent},
	{"month_day_year", scan_month_day_year},
	{"duration", scan_duration},
	{"year_det", scan_year_det},
	{"year", scan_year},
	{"month_alone", scan_month_alone},
	{"rel_unit", scan_rel_unit},
	{"ref", scan_ref},
	{"iso_date", scan_iso_date},
	{"wday", scan_wday},
	{"deictic", scan_deictic},
	{"tonight", scan_tonight},
	{"adverb", scan_adverb},
	{"the_weekend", scan_the_weekend},
	{"rel_wday", scan_rel_wday},
	{"wday_part", scan_wday_part},
	{"rel_month", scan_rel_month},
	{"month_year", scan_month_year},
	{"clock_day", scan_clock_day},
	{"offset_anchor", scan_offset_anchor},
	{"dur_span", scan_dur_span},
	{"half_year", scan_half_year},
	{"posmod_month", scan_posmod_month},
	{"day_month_year", scan_day_month_year},
	{"the_year", scan_the_year},
	{"numeric_date", scan_numeric_date},
	{"dur_the_count", scan_dur_the_count},
	{"quarter_ordinal", scan_quarter_ordinal},
};

/* The longest match some rows can make: a row whose longest match is no
 * longer than the best match found so far at a start cannot win there (a tie
 * goes to the earlier row), so it is not tried.  Keep in step with the
 * patterns (a length too small loses matches). */
static const struct {
	const char *rule;
	uint8_t len;
} row_max_len[] = {
	{"year", 4},          /* YEAR4 */
	{"month_alone", 9},   /* "september" */
	{"wday", 9},          /* "wednesday" */
};

/* ---- load ---- */

/* Hash of a folded, NUL-padded gate word held in two words: two multiplies
 * instead of one per byte. */
static inline uint32_t gate_hash(uint64_t a, uint64_t b)
{
	uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ (b >> 29)) * 0xFF51AFD7ED558CCDull;
	return (uint32_t)(h >> 40);
}

/* s[0..n) (n < 16) folded to lower case, NUL-padded, into q. */
static inline void gate_key(const char *s, size_t n, uint64_t q[2])
{
	char lw[16] = {0};
	for (size_t i = 0; i < n; i++)
		lw[i] = (char)(s[i] | ((s[i] >= 'A' && s[i] <= 'Z') ? 0x20 : 0));
	memcpy(q, lw, 16);
}

static void gate_put(struct date_state *st, const char *w, uint8_t g, uint32_t cls)
{
	size_t n = strlen(w);
	uint64_t q[2];
	gate_key(w, n, q);
	uint32_t h = gate_hash(q[0], q[1]) & (GATE_SLOTS - 1);
	while (st->gate[h].w[0] && (st->gate[h].q[0] != q[0] || st->gate[h].q[1] != q[1]))
		h = (h + 1) & (GATE_SLOTS - 1);
	memcpy(st->gate[h].w, w, n + 1);
	st->gate[h].len = (uint8_t)n;
	st->lenmask[(w[0] | 0x20) & 31] |= (uint16_t)(1u << n);
	uint32_t sh = word_shape(w, n);
	st->shape[sh >> 6] |= 1ull << (sh & 63);
	st->gate[h].gate |= g;
	st->gate[h].cls |= cls;
	memcpy(st->key[h].q, q, sizeof q);
	st->key[h].gate = st->gate[h].gate;
	st->key[h].cls = st->gate[h].cls;
	st->key[h].used = 1;
}

/* The key of s[0..n) (0 < n < 16) as gate_key makes it; room is how many
 * bytes of the text there are from s on: with 16 or more, two loads. */
static inline void gate_fold(const char *s, size_t n, size_t room, uint64_t q[2])
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (room >= 16) {
		memcpy(q, s, 16);
		if (n < 8) {
			q[0] &= (1ull << (8 * n)) - 1;
			q[1] = 0;
		} else if (n == 8) {
			q[1] = 0;
		} else {
			q[1] &= (1ull << (8 * (n - 8))) - 1;
		}
		q[0] = ascii8_fold(q[0]);
		q[1] = ascii8_fold(q[1]);
		return;
	}
#endif
	(void)room;
	gate_key(s, n, q);
}

/* Could s[0..n) (0 < n < 16) be a gate word?  Most words are not: reject
 * them on first letter and length, then on first letter, last letter and
 * length. */
static inline bool gate_maybe(const struct date_state *st, const char *s, size_t n)
{
	if (!(st->lenmask[(s[0] | 0x20) & 31] & (1u << n)))
		return false;
	uint32_t sh = word_shape(s, n);
	return (st->shape[sh >> 6] & (1ull << (sh & 63))) != 0;
}

/* The tests mark_candidates makes first on every token, most of which are
 * lower-case words and punctuation that have no class: a plain word is
 * skipped by one bit looked up from its first two letters, last letter and
 * length (word_bit, folded to lower case as gate_key does), any other token
 * at once by its first byte (FK_NONE).  Both only send a token on to the
 * full test; the bit set has every gate word (and "am", "pm", which get a
 * class with no gate), so a word without its bit is none. */
enum {   /* (values read as bits by mark_candidates: 2 = FK_NONE's bit, 1 = FK_SEP's beside it) */
	FK_OTHER,   /* digits, bytes >= 0x80, marks punct_plain() may refuse: the full test */
	FK_LETTER,  /* ASCII letters (of a word that is not plain: the full test) */
	FK_NONE,    /* any other ASCII byte: no class whatever the token (with no NOT_PLAIN flag) */
	FK_SEP,     /* '/', '-', '.', '~': as FK_NONE unless a digit follows */
};

static inline uint32_t word_bit(const char *s, size_t n)
{
	/* the first two bytes in one load: in a one-letter word the second is
	 * the byte after it, so a one-letter gate word sets its bit for every
	 * such byte (kind_tab) */
	uint16_t f2;
	memcpy(&f2, s, 2);
	uint32_t x = ((uint32_t)f2 | (uint32_t)(uint8_t)s[n - 1] << 16 | (uint32_t)n << 24) | 0x202020u;
	return (x * 0x9E3779B1u) >> (32 - WORD_BITS_LOG2);
}

/* Mark word_bit b in st->word_bits, and in st->strong_bits if strong. */
static void word_bits_set(struct date_state *st, uint32_t b, bool strong)
{
	st->word_bits[b / 64] |= 1ull << (b % 64);
	b >>= WORD_BITS_LOG2 - STRONG_BITS_LOG2;
	if (strong)
		st->strong_bits[b / 64] |= 1ull << (b % 64);
}

/* The bucket of a short gate word's folded key q (see short_gate). */
static inline uint32_t short_index(uint64_t q)
{
	return (uint32_t)((q * 0x9E3779B97F4A7C15ull) >> (64 - SHORT_BUCKETS_LOG2));
}

static void short_mark_slow(struct date_state *st, const char *w)
{
	uint64_t q[2];
	gate_key(w, strlen(w), q);
	st->short_gate[short_index(q[0])][0].slow = 1;
}

/* Fill st->short_gate from the gate table.  A word word_class cannot settle
 * from its entry alone marks its bucket slow: "may" and "march" (their class
 * hangs on the case), "am" and "pm" (a class with no gate word), and a word
 * whose bucket is full (some 290 such words in 256 buckets of four: two
 * buckets overflow). */
static void short_gates(struct date_state *st)
{
	memset(st->short_gate, 0, sizeof st->short_gate);
	for (size_t i = 0; i < GATE_SLOTS; i++) {
		if (!st->gate[i].w[0] || st->gate[i].len > 8)
			continue;
		uint64_t q = st->key[i].q[0];
		struct short_gate *b = st->short_gate[short_index(q)];
		size_t n = st->gate[i].len;
		if ((n == 3 && q == st->may_q) || (n == 5 && q == st->march_q)) {
			b[0].slow = 1;
			continue;
		}
		struct short_gate *e = NULL;
		for (size_t w = 0; w < SHORT_WAYS && !e; w++)
			if (!b[w].q)
				e = &b[w];
		if (!e) {
			b[0].slow = 1;
			continue;
		}
		e->q = q;
		e->cls = st->key[i].cls;
		e->slot = (uint16_t)i;
		e->gate = st->key[i].gate;
	}
	short_mark_slow(st, "am");
	short_mark_slow(st, "pm");
}

/* (after the gate words are in: gate words all start with a letter or a
 * digit, so no FK_NONE byte starts one) */
static void kind_tab(struct date_state *st)
{
	for (unsigned b = 0; b < 256; b++) {
		uint8_t k = FK_NONE;
		if (is_ascii_lower(ascii_lower((char)b)))
			k = FK_LETTER;
		else if (b && strchr("/-.~", (int)b))
			k = FK_SEP;
		else if (!b || is_ascii_digit((char)b) || b >= 0x80 || b == ':' || b == '\'')
			k = FK_OTHER;
		st->first_kind[b] = k;
	}
	for (size_t i = 0; i < GATE_SLOTS; i++) {
		if (!st->gate[i].w[0])
			continue;
		char w[16];
		memcpy(w, st->gate[i].w, sizeof w);
		for (unsigned c = 0; c < (st->gate[i].len == 1 ? 256u : 1u); c++) {
			if (st->gate[i].len == 1)
				w[1] = (char)c;
			word_bits_set(st, word_bit(w, st->gate[i].len),
			              st->key[i].gate != DG_WEAK || st->key[i].cls);
		}
		if (st->first_kind[(uint8_t)st->gate[i].w[0]] >= FK_NONE)
			st->first_kind[(uint8_t)st->gate[i].w[0]] = FK_OTHER;
	}
	static const char *const extra[] = {"am", "pm", "may", "march"};
	for (size_t i = 0; i < ARRAY_SIZE(extra); i++)
		word_bits_set(st, word_bit(extra[i], strlen(extra[i])), true);
	short_gates(st);
}

/* Index in st->gate of the word with key q, or -1. */
static inline int gate_probe(const struct date_state *st, const uint64_t q[2])
{
	uint32_t h = gate_hash(q[0], q[1]) & (GATE_SLOTS - 1);
	while (st->key[h].used) {
		if (st->key[h].q[0] == q[0] && st->key[h].q[1] == q[1])
			return (int)h;
		h = (h + 1) & (GATE_SLOTS - 1);
	}
	return -1;
}

static inline const struct gate_slot *gate_find(const struct date_state *st, const char *s, size_t n)
{
	if (n == 0 || n >= sizeof(st->gate[0].w) || !gate_maybe(st, s, n))
		return NULL;
	uint64_t q[2];
	gate_key(s, n, q);
	int gi = gate_probe(st, q);
	return gi < 0 ? NULL : &st->gate[gi];
}

/* Which rows can start with subject text w?  Found once at load by partial
 * matching each row on w after a few context words (the lookbehinds some
 * rows have), so no table of "rows per first word" has to be written or kept
 * in step by hand.  With vmask (per row, from ctx_variants), only the
 * context variants set there are tried. */
static const char *const rows_ctx[] = {"", "in ", "on ", "the ", "for ", "every ", "from ",
                                       "between ", "by ", "of ", "2 ", "items "};

/* Does row r start (or partly match) subject w after context variant c: the
 * context rows_ctx[c / 2], the word capitalized when c is odd? */
static bool row_starts(const struct date_state *st, size_t r, const char *w, size_t c,
                       pcre2_match_data *md)
{
	char subj[64];
	const pcre2_code *re = st->probe[r];
	int n = snprintf(subj, sizeof subj, "%s%s", rows_ctx[c / 2], w);
	if (n < 0 || (size_t)n >= sizeof subj)
		return false;
	size_t cl = strlen(rows_ctx[c / 2]);
	if (c % 2)
		subj[cl] = (char)(is_ascii_lower(subj[cl]) ? subj[cl] - 32 : subj[cl]);
	int rc = pcre2_match(re, (PCRE2_SPTR)subj, (size_t)n, cl, PCRE2_PARTIAL_SOFT,
	                     md, NULL);
	return rc >= 0 || rc == PCRE2_ERROR_PARTIAL;
}

/* The context variants worth trying for row r: context words matter only to
 * rows with a positive lookbehind, the capitalized try only to a row with a
 * case-sensitive group. */
static uint32_t row_variants(const struct date_state *st, size_t r)
{
	const char *pat = st->rows[r].fr->fam->rules[st->rows[r].row].pattern;
	size_t nctx = strstr(pat, "(?<=") ? ARRAY_SIZE(rows_ctx) : 1;
	size_t step = strstr(pat, "(?-i") ? 1 : 2;
	uint32_t m = 0;
	for (size_t c = 0; c < 2 * nctx; c += step)
		m |= 1u << c;
	return m;
}

static void rows_for(const struct date_state *st, const char *w, pcre2_match_data *md,
                     struct rowset *out, const struct rowset *only, const uint32_t *vmask)
{
	for (size_t r = 0; r < st->nrows; r++) {
		if (only && !(only->w[r / 64] & (1ull << (r % 64))))
			continue;
		/* each context with the word as listed, then capitalized
		 * (some rows are case-sensitive: "May" the month) */
		uint32_t m = vmask ? vmask[r] : row_variants(st, r);
		for (; m; m &= m - 1) {
			if (row_starts(st, r, w, (size_t)__builtin_ctz(m), md)) {
				out->w[r / 64] |= 1ull << (r % 64);
				break;
			}
		}
	}
}

/* For each row in rows: the context variants under which it starts with w.
 * A longer subject (w and what follows it) needs only these. */
static void ctx_variants(const struct date_state *st, const char *w, pcre2_match_data *md,
                         const struct rowset *rows, uint32_t *vmask)
{
	for (size_t r = 0; r < st->nrows; r++) {
		vmask[r] = 0;
		if (!(rows->w[r / 64] & (1ull << (r % 64))))
			continue;
		for (uint32_t m = row_variants(st, r); m; m &= m - 1)
			if (row_starts(st, r, w, (size_t)__builtin_ctz(m), md))
				vmask[r] |= m & -m;
	}
}

static int compile_row(struct row_rx *r, const struct date_rule *rule, char *err, size_t errlen)
{
	size_t n = strlen(rule->pattern) + sizeof END_GUARD + 8;
	char *pat = xmalloc(n);
	snprintf(pat, n, "(?:%s)" END_GUARD, rule->pattern);
	char e[200];
	/* anchored at a token: the start optimizations (first-byte and required-byte
	 * scans ahead in the text) only cost time */
	r->re = rx_compile(pat, PCRE2_CASELESS | PCRE2_DUPNAMES | PCRE2_ANCHORED | PCRE2_NO_START_OPTIMIZE,
	                   e, sizeof e);
	free(pat);
	if (!r->re) {
		snprintf(err, errlen, "date rule %s: %s", rule->name, e);
		return -EXT_E_BAD_DATA;
	}
	memset(r->group_field, 0xff, sizeof r->group_field);
	pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &r->ngroups);
	uint32_t count = 0, esize = 0;
	PCRE2_SPTR table = NULL;
	pcre2_pattern_info(r->re, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(r->re, PCRE2_INFO_NAMEENTRYSIZE, &esize);
	pcre2_pattern_info(r->re, PCRE2_INFO_NAMETABLE, &table);
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *ent = table + i * esize;
		uint32_t g = (uint32_t)(ent[0] << 8 | ent[1]);
		const char *name = (const char *)ent + 2;
		int f = -1;
		for (int k = 0; k < DF__COUNT; k++)
			if (!strcmp(name, field_names[k]))
				f = k;
		if (f < 0) {
			snprintf(err, errlen, "date rule %s: unknown group name '%s'", rule->name, name);
			return -EXT_E_BAD_DATA;
		}
		if (g < 64)
			r->group_field[g] = (uint8_t)f;
	}
	return 0;
}

static int compile_family(struct family_rx *fr, const struct date_family *fam, char *err,
                          size_t errlen)
{
	fr->fam = fam;
	snprintf(fr->source, sizeof fr->source, "pattern:%.20s", fam->name);
	fr->rows = xcalloc(fam->nrules, sizeof *fr->rows);
	for (size_t i = 0; i < fam->nrules; i++) {
		int rc = compile_row(&fr->rows[i], &fam->rules[i], err, errlen);
		if (rc)
			return rc;
	}
	return 0;
}

static void free_probes(struct date_state *st)
{
	for (size_t r = 0; r < st->nrows; r++) {
		pcre2_code_free(st->probe[r]);
		st->probe[r] = NULL;
	}
}

static void date_unload(void *state)
{
	struct date_state *st = state;
	if (!st)
		return;
	free_probes(st);
	for (size_t i = 0; i < GATE_SLOTS; i++) {
		free(st->gate[i].next);
		free(st->gate[i].next2);
	}
	for (size_t f = 0; f < st->nfams; f++) {
		struct family_rx *fr = &st->fams[f];
		if (fr->rows)
			for (size_t i = 0; i < fr->fam->nrules; i++)
				pcre2_code_free(fr->rows[i].re);
		free(fr->rows);
	}
	free(st);
}

static int date_load(const struct engine_config *cfg, void **state, char *err, size_t errlen)
{
	UNUSED(cfg);
	/* 64-byte aligned, as its rows and short_gate tables are laid out */
	size_t size = (sizeof(struct date_state) + 63) & ~(size_t)63;
	struct date_state *st = aligned_alloc(64, size);
	if (!st) {
		snprintf(err, errlen, "out of memory");
		return -EXT_E_NOMEM;
	}
	memset(st, 0, size);
	int rc = 0;
	if (date_nfamilies > ARRAY_SIZE(st->fams)) {
		snprintf(err, errlen, "too many date families");
		rc = -EXT_E_BAD_DATA;
		goto fail;
	}
	for (size_t f = 0; f < date_nfamilies; f++) {
		st->nfams = f + 1;
		rc = compile_family(&st->fams[f], &date_families[f], err, errlen);
		if (rc)
			goto fail;
		for (size_t r = 0; r < date_families[f].nrules; r++) {
			if (st->nrows == MAX_ROWS) {
				snprintf(err, errlen, "more than %d date rules", MAX_ROWS);
				rc = -EXT_E_BAD_DATA;
				goto fail;
			}
			st->rows[st->nrows].fr = &st->fams[f];
			st->rows[st->nrows].row = (uint8_t)r;
			for (size_t k = 0; k < date_nlater_words; k++)
				if (!strcmp(date_later_words[k].rule, date_families[f].rules[r].name)) {
					st->row_words[st->nrows].later = date_later_words[k].words;
					/* (every list has words, so later_first is set) */
					for (const char *const *w = date_later_words[k].words; *w; w++) {
						if (!(*w)[0] || !(*w)[1]) {
							/* later_word compares two bytes at once */
							snprintf(err, errlen, "date later word \"%s\" of fewer than two letters", *w);
							rc = -EXT_E_BAD_DATA;
							goto fail;
						}
						st->rows[st->nrows].later_first |= 1u << ((*w)[0] & 31);
					}
				}
			for (size_t k = 0; k < date_nbefore_words; k++)
				if (!strcmp(date_before_words[k].rule, date_families[f].rules[r].name)) {
					st->row_words[st->nrows].before = date_before_words[k].words;
					st->rows[st->nrows].before = true;
					for (const char *const *w = date_before_words[k].words; *w; w++)
						st->row_words[st->nrows].before_first |= (*w)[0] ? 1u << ((*w)[0] & 31) : ~0u;
				}
			for (size_t k = 0; k < ARRAY_SIZE(quick_checks); k++)
				if (!strcmp(quick_checks[k].rule, date_families[f].rules[r].name))
					st->rows[st->nrows].quick = quick_checks[k].fn;
			for (size_t k = 0; k < ARRAY_SIZE(row_scanners); k++)
				if (!strcmp(row_scanners[k].rule, date_families[f].rules[r].name))
					st->rows[st->nrows].scan = row_scanners[k].fn;
			for (size_t k = 0; k < ARRAY_SIZE(row_max_len); k++)
				if (!strcmp(row_max_len[k].rule, date_families[f].rules[r].name))
					st->rows[st->nrows].max_len = row_max_len[k].len;
			st->all_rows.w[st->nrows / 64] |= 1ull << (st->nrows % 64);
			uint32_t need = date_families[f].rules[r].needs;
			if (!need)
				st->need_none.w[st->nrows / 64] |= 1ull << (st->nrows % 64);
			for (int b = 0; b < 32; b++)
				if (need & (1u << b))
					st->need_bit[b].w[st->nrows / 64] |= 1ull << (st->nrows % 64);
			st->nrows++;
		}
	}
	/* load works out which rows can start with which word by partial
	 * matching (rows_for).  Copies of the rows compiled for that take a
	 * tenth of the interpreter's time; they are freed at the end of load,
	 * so the code run per token stays together (without JIT, pcre2_match
	 * falls back to the interpreter). */
	for (size_t r = 0; r < st->nrows; r++) {
		st->probe[r] = pcre2_code_copy(st->rows[r].fr->rows[st->rows[r].row].re);
		if (!st->probe[r]) {
			rc = -EXT_E_NOMEM;
			goto fail;
		}
		pcre2_jit_compile(st->probe[r], PCRE2_JIT_PARTIAL_SOFT);
	}
	for (size_t i = 0; i < date_ngate_words; i++)
		gate_put(st, date_gate_words[i].word, date_gate_words[i].gate, date_gate_words[i].cls);
	uint64_t mq[2];
	gate_key("may", 3, mq);
	st->may_q = mq[0];
	gate_key("march", 5, mq);
	st->march_q = mq[0];
	kind_tab(st);
	pcre2_match_data *md = pcre2_match_data_create(64, NULL);
	if (!md) {
		rc = -EXT_E_NOMEM;
		goto fail;
	}
	for (size_t i = 0; i < GATE_SLOTS; i++)
		if (st->gate[i].w[0] && (st->gate[i].gate & (DG_STRONG | DG_WEAK)))
			rows_for(st, st->gate[i].w, md, &st->gate[i].rows, NULL, NULL);   /* labels start nothing */
	struct rowset case_rows = {{0}};   /* rows with a case-sensitive group */
	for (size_t r = 0; r < st->nrows; r++)
		if (strstr(st->rows[r].fr->fam->rules[st->rows[r].row].pattern, "(?-i"))
			case_rows.w[r / 64] |= 1ull << (r % 64);
	/* a weak word is mostly "the" or "a" before a word that no row it
	 * starts can take: narrow its rows by the character after it */
	for (size_t i = 0; i < GATE_SLOTS; i++) {
		struct gate_slot *g = &st->gate[i];
		if (!g->w[0] || !(g->gate & (DG_WEAK | DG_STRONG)))
			continue;
		int nr = 0;
		for (size_t w = 0; w < ARRAY_SIZE(g->rows.w); w++)
			nr += __builtin_popcountll(g->rows.w[w]);
		if (nr < NEXT_MIN_ROWS)
			continue;   /* not worth the load time */
		g->next = xcalloc(NEXT_CH + GLUED_CH, sizeof *g->next);
		uint32_t vmask[MAX_ROWS];
		ctx_variants(st, g->w, md, &g->rows, vmask);
		/* the pattern is caseless outside "(?-i:...)": an upper-case
		 * letter is tried only on the rows with such a group */
		struct rowset cs_rows;
		for (size_t w = 0; w < ARRAY_SIZE(cs_rows.w); w++)
			cs_rows.w[w] = g->rows.w[w] & case_rows.w[w];
		/* digits and lower case first: upper case starts from lower case */
		static const char order[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
		for (const char *oc = order; *oc; oc++) {
			int c = *oc;
			int k = next_index((unsigned char)c);
			if (k < 0)
				continue;
			char w[24];
			snprintf(w, sizeof w, "%s %c", g->w, c);
			if (c >= 'A' && c <= 'Z') {
				const struct rowset *lo = &g->next[next_index((unsigned char)(c + 32))];
				for (size_t x = 0; x < ARRAY_SIZE(cs_rows.w); x++)
					g->next[k].w[x] = lo->w[x] & ~case_rows.w[x];
				rows_for(st, w, md, &g->next[k], &cs_rows, vmask);
			} else {
				rows_for(st, w, md, &g->next[k], &g->rows, vmask);
			}
		}
		for (size_t k = 0; k < GLUED_CH; k++) {
			char w[24];
			snprintf(w, sizeof w, "%s%c", g->w, glued_chars[k]);
			rows_for(st, w, md, &g->next[NEXT_CH + k], &g->rows, vmask);
		}
		if (nr < NEXT2_MIN_ROWS)
			continue;
		g->next2 = xcalloc(26 * 26, sizeof *g->next2);
		for (char a = 'a'; a <= 'z'; a++) {
			const struct rowset *r1 = &g->next[next_index((unsigned char)a)];
			for (char b = 'a'; b <= 'z'; b++) {
				char w[24];
				snprintf(w, sizeof w, "%s %c%c", g->w, a, b);
				rows_for(st, w, md, &g->next2[NEXT2_INDEX(a, b)], r1, vmask);
			}
		}
	}
	for (char d = '0'; d <= '9'; d++) {
		char w[2] = {d, 0};
		rows_for(st, w, md, &st->digit_rows, NULL, NULL);
	}
	pcre2_match_data_free(md);
	free_probes(st);
	*state = st;
	return 0;
fail:
	date_unload(st);
	return rc;
}

/* ---- matching ---- */


#define DG_DIGIT 4   /* a token starting with a digit: a candidate only in context */
#define NO_GATE 0xffff /* a token that is not one plain gate word */

/* DC_YEAR if s[0..n) holds a run of exactly four digits 1500..2099. */
static uint32_t year_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!is_ascii_digit(s[i]) || (i > 0 && is_ascii_digit(s[i - 1])))
			continue;
		size_t k = i;
		while (k < n && is_ascii_digit(s[k]))
			k++;
		if (k - i == 4 && ((s[i] == '1' && s[i + 1] >= '5') || (s[i] == '2' && s[i + 1] == '0')))
			return DC_YEAR;
	}
	return 0;
}

/* Does token k lead a clock range: "between", "from", a weekday, a deictic
 * word or a part of day ("Monday 11-4", "from 10-4", "this evening from 7")? */
static bool range_lead(const struct document *doc, size_t k)
{
	const struct token *t = &doc->tokens[k];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	if (t->type != TOK_WORD || n < 3)
		return false;
	return ascii_ieq(s, n, "between") || ascii_ieq(s, n, "from") ||
	       (n >= 5 && ascii_ieq(s + n - 3, 3, "day")) || ascii_ieq(s, n, "tomorrow") ||
	       ascii_ieq(s, n, "tonight") || ascii_ieq(s, n, "morning") ||
	       ascii_ieq(s, n, "afternoon") || ascii_ieq(s, n, "evening") || ascii_ieq(s, n, "night");
}

/* Token flags that make a word more than one plain word */
#define NOT_PLAIN (TF_HYPHEN | TF_APOS | TF_HAS_DIGIT | TF_ABBREV | TF_POSSESSIVE)

/* Class of the plain word t (n < 16 bytes) that gate_maybe let through:
 * *dc and *gix are 0 and NO_GATE on entry.  Inlined: it runs for a third
 * of the words. */
static inline __attribute__((always_inline)) uint8_t
plain_gate(const struct date_state *st, const struct document *doc, const struct token *t, size_t n,
           uint32_t *dc, uint16_t *gix)
{
	const char *s = doc->text + t->start;
	uint64_t q[2];
	gate_fold(s, n, doc->len - t->start, q);
	int gi = gate_probe(st, q);
	if ((n == 3 && q[0] == st->may_q) || (n == 5 && q[0] == st->march_q)) {
		if (gi >= 0)
			*gix = (uint16_t)gi;
		if (!(t->flags & TF_CAP))
			return 0;
		*dc = DC_MONTH;
		return DG_STRONG;
	}
	if (gi >= 0) {
		*gix = (uint16_t)gi;
		*dc = st->key[gi].cls;
		return st->key[gi].gate;
	}
	if (n == 2 && (s[1] | 0x20) == 'm' && ((s[0] | 0x20) == 'a' || (s[0] | 0x20) == 'p'))
		*dc = DC_CLOCK;   /* am, pm */
	return 0;
}

/* Is punctuation token s one that token_class gives no class at all?  Not
 * ':', a quote that may start "'90s", nor a separator before a digit. */
static inline bool punct_plain(const char *s)
{
	switch ((unsigned char)s[0]) {
	case ':':
	case '\'':
	case 0xE2:
		return false;
	case '/':
	case '-':
	case '.':
	case '~':
		return !is_ascii_digit(s[1]);
	default:
		return true;
	}
}

/* The classes of token i, which starts with a digit (its gate is DG_DIGIT). */
static uint32_t number_class(const struct document *doc, size_t i)
{
	const struct token *t = &doc->tokens[i];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	uint32_t c = DC_DIGIT | (n >= 4 ? year_run(s, n) : 0);
	/* number tokens hold only digits, ',' and '.': separators are
	 * punctuation tokens (DC_SEP below) */
	const struct token *nx = i + 1 < doc->ntokens ? &doc->tokens[i + 1] : NULL;
	if (nx && nx->start == t->end && nx->type == TOK_WORD)
		c |= DC_GLUED;   /* "3h", "9pm", "1990s" */
	/* "10:30 to 3": the joiner comes after the minutes */
	size_t j = i + 1;
	if (nx && doc->text[nx->start] == ':' && i + 3 < doc->ntokens)
		j = i + 3;
	nx = j < doc->ntokens ? &doc->tokens[j] : NULL;
	/* (the lead word last: it is the dearest test) */
	if (nx && j + 1 < doc->ntokens && i > 0 &&
	    is_ascii_digit(doc->text[doc->tokens[j + 1].start])) {
		const char *x = doc->text + nx->start;
		size_t xn = nx->end - nx->start;
		if (((xn == 1 && x[0] == '-') || (xn == 3 && (uint8_t)x[0] == 0xE2) ||
		     (xn == 2 && ascii_ieq(x, 2, "to")) || (xn == 3 && ascii_ieq(x, 3, "and")) ||
		     (xn == 4 && ascii_ieq(x, 4, "till")) || (xn == 5 && ascii_ieq(x, 5, "until"))) &&
		    range_lead(doc, i - 1))
			c |= DC_RANGE;   /* "11-4", "3 and 8", "10 to 11:30" */
	}
	/* "9pm", "10am" */
	char e1 = ascii_lower(s[n - 1]), e2 = n >= 2 ? ascii_lower(s[n - 2]) : 0;
	if (n >= 3 && e1 == 'm' && (e2 == 'a' || e2 == 'p'))
		c |= DC_CLOCK;
	/* the text after the number (doc->text ends in a NUL): "1990s",
	 * "1990's", "'90s" are decades, "3Q" a quarter */
	const char *a = s + n;
	if (e1 == '0' && ((a[0] == 's' && !is_ascii_lower(ascii_lower(a[1]))) ||
	                  (a[0] == '\'' && a[1] == 's') ||
	                  ((uint8_t)a[0] == 0xE2 && (uint8_t)a[2] == 0x99 && a[3] == 's')))
		c |= DC_DECADE;
	if (n == 1 && s[0] >= '1' && s[0] <= '4' && ascii_lower(a[0]) == 'q' &&
	    !is_ascii_lower(ascii_lower(a[1])))
		c |= DC_QH;
	return c;
}

/* Class of the punctuation token i (DG_STRONG or 0), its classes into *dc
 * (0 on entry).  (Inlined in mark_candidates: most such tokens that get
 * that far are a '-' or ':' next to a number.) */
static inline __attribute__((always_inline)) uint8_t punct_class(const struct document *doc, size_t i,
                                                                 uint32_t *dc)
{
	const struct token *t = &doc->tokens[i];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	if (s[0] == ':')
		*dc = DC_CLOCK;
	else if ((s[0] == '/' || s[0] == '-' || s[0] == '.' || s[0] == '~') && i > 0 &&
	         i + 1 < doc->ntokens && doc->tokens[i - 1].end == t->start &&
	         doc->tokens[i + 1].start == t->end && is_ascii_digit(s[-1]) && is_ascii_digit(s[1]) &&
	         (doc->tokens[i - 1].end - doc->tokens[i - 1].start <= 2 ||
	          (doc->tokens[i - 1].flags & TF_DECIMAL)))
		*dc = DC_SEP;   /* glued between two numbers: "5/16", "03.04.2025" (not "1996-08") */
	/* "'90s" */
	if ((s[0] == '\'' || (n == 3 && (uint8_t)s[0] == 0xE2)) && i + 1 < doc->ntokens &&
	    is_ascii_digit(doc->text[doc->tokens[i + 1].start]))
		return DG_STRONG;
	return 0;
}

/* Class of token i (DG_STRONG, DG_WEAK, DG_DIGIT or 0), its classes into
 * dcls[i] and its gate slot into gix[i].  Words are looked up by each
 * hyphen-separated part ("mid-2024", "third-quarter"); "May" and "March"
 * count only when capitalized (the modal and the verb are not). */
static uint8_t token_class(const struct date_state *st, const struct document *doc, size_t i,
                           uint32_t *dcls, uint16_t *gixs)
{
	uint32_t *dc = &dcls[i];
	uint16_t *gix = &gixs[i];
	const struct token *t = &doc->tokens[i];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	*dc = 0;
	*gix = NO_GATE;
	if (is_ascii_digit(s[0])) {
		*dc = number_class(doc, i);
		return DG_DIGIT;
	}
	if (t->type == TOK_PUNCT)
		return punct_class(doc, i, dc);
	if (t->type != TOK_WORD)
		return 0;
	uint8_t g = 0;
	uint32_t c = 0;
	size_t b = 0;
	if (!(t->flags & NOT_PLAIN)) {
		/* the common case: one plain word, one lookup (mark_candidates
		 * does it inline but for words of 16 bytes or more) */
		if (n >= sizeof(st->gate[0].w))
			return 0;
		if (gate_maybe(st, s, n))
			return plain_gate(st, doc, t, n, dc, gix);
		if (n == 2 && (s[1] | 0x20) == 'm' && ((s[0] | 0x20) == 'a' || (s[0] | 0x20) == 'p'))
			*dc = DC_CLOCK;   /* am, pm */
		return 0;
	}
	if ((s[0] | 0x20) == 'm' && ((n == 3 && ascii_ieq(s, 3, "may")) || (n == 5 && ascii_ieq(s, 5, "march")))) {
		if (!(t->flags & TF_CAP))
			return 0;
		*dc = DC_MONTH;
		return DG_STRONG;
	}
	/* the bytes the loop below acts on: the part separators and digits */
	static const uint8_t part_byte[256] = {
		['-'] = 1, ['.'] = 1, ['\''] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1,
		['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	};
	for (size_t k = 0; k <= n; k++) {
		while (k < n && !part_byte[(uint8_t)s[k]])
			k++;   /* (a letter, or any other byte: nothing to do) */
		if (k == n || s[k] == '-' || s[k] == '.' || s[k] == '\'') {
			if (k > b) {
				if (is_ascii_digit(s[b])) {
					g |= DG_STRONG;
					/* "mid-1990s", "mid-1990's" */
					if (k - b >= 3 && ((s[k - 1] == 's' && s[k - 2] == '0') ||
					                   (s[k - 1] == '0' && k + 1 < n && s[k] == '\'' && s[k + 1] == 's')))
						c |= DC_DECADE;
				} else {
					const struct gate_slot *gs = gate_find(st, s + b, k - b);
					if (gs) {
						g |= gs->gate;
						c |= gs->cls;
					}
				}
			}
			b = k + 1;
		} else if (is_ascii_digit(s[k])) {
			c |= DC_DIGIT;
			g |= DG_STRONG;   /* "Q3", "FY2024", "mid-2024", "9pm" */
			/* "FY2024" */
			if (k == b + 2 && ascii_lower(s[b]) == 'f' && ascii_lower(s[b + 1]) == 'y')
				c |= DC_FISCALW;
			/* "Q3", "H1", "q1-2019" */
			if (k == b + 1 && s[k] >= '1' && s[k] <= '4' && (k + 1 == n || s[k + 1] == '-') &&
			    (ascii_lower(s[b]) == 'q' || ascii_lower(s[b]) == 'h'))
				c |= DC_QH;
		}
	}
	char c0 = ascii_lower(s[0]);
	if ((c0 == 'a' || c0 == 'p') && n <= 4 && n >= 2 &&
	    (ascii_lower(s[1]) == 'm' || (s[1] == '.' && n >= 3 && ascii_lower(s[2]) == 'm')))
		c |= DC_CLOCK;   /* am, p.m. */
	else if (c0 == 'o' && n >= 3 && (s[1] == '\'' || (uint8_t)s[1] == 0xE2))
		c |= DC_CLOCK;   /* o'clock */
	if (c & DC_DIGIT)
		c |= year_run(s, n);
	*dc = c;
	if (g & DG_STRONG)
		return DG_STRONG;
	return g;
}

/* digit_candidate's first test of the tokens after a number: a byte's bits
 * as the first and as the second byte of a token */
enum { NF_AP = 1, NF_O = 2, NF_AND = 4, NF_TO = 8, NF_MARK = 16 };

/* Is the number at token i worth trying?  Years, numbers with letters or
 * separators in them ("9pm", "1990s", "16/05/2025"), and numbers followed
 * closely by a temporal word or a clock/date separator. */
static __attribute__((noinline)) bool digit_candidate(const struct document *doc, const uint8_t *cls, size_t i, size_t limit)
{
	const struct token *t = &doc->tokens[i];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	if (n == 4 && ((s[0] == '1' && s[1] >= '5') || (s[0] == '2' && s[1] == '0')))
		return true;
	/* (a number token holds only digits, ',' and '.': scan_number in
	 * tokenizer.c; a word that starts with a digit may hold more) */
	if (t->type != TOK_NUMBER)
		for (size_t k = 0; k < n; k++)
			if (!is_ascii_digit(s[k]) && s[k] != ',' && s[k] != '.')
				return true;
	/* a letter glued to the number: "3h", "1990s", "9pm", "3Q" */
	if (i + 1 < limit && doc->tokens[i + 1].start == t->end && doc->tokens[i + 1].type == TOK_WORD)
		return true;
	/* The three tokens after the number, first by their first two bytes
	 * and strong class, with no branch each: most numbers are followed
	 * by none that the loop below can accept (a superset of its tests:
	 * a.m./pm, o'clock, and right after the number a mark, "and", "to") */
	if (i + 3 < limit) {
		static const uint8_t nf_first[256] = {
			['a'] = NF_AP | NF_AND, ['A'] = NF_AP | NF_AND, ['p'] = NF_AP, ['P'] = NF_AP,
			['o'] = NF_O, ['O'] = NF_O, ['t'] = NF_TO, ['T'] = NF_TO,
			[':'] = NF_MARK, ['/'] = NF_MARK, ['-'] = NF_MARK, ['.'] = NF_MARK, ['~'] = NF_MARK,
		};
		static const uint8_t nf_second[256] = {
			['m'] = NF_AP, ['M'] = NF_AP, ['.'] = NF_AP, ['\''] = NF_O, [0xE2] = NF_O,
			['n'] = NF_AND, ['N'] = NF_AND, ['o'] = NF_TO, ['O'] = NF_TO,
		};
		const struct token *tk = doc->tokens;
		const uint8_t *u1 = (const uint8_t *)doc->text + tk[i + 1].start;
		const uint8_t *u2 = (const uint8_t *)doc->text + tk[i + 2].start;
		const uint8_t *u3 = (const uint8_t *)doc->text + tk[i + 3].start;
		unsigned f = (cls[i + 1] | cls[i + 2] | cls[i + 3]) & DG_STRONG;
		f |= nf_first[u1[0]] & (nf_second[u1[1]] | NF_MARK);
		f |= nf_first[u2[0]] & nf_second[u2[1]] & (NF_AP | NF_O);
		f |= nf_first[u3[0]] & nf_second[u3[1]] & (NF_AP | NF_O);
		if (!f)
			return false;
	}
	/* (each test below wants a given first byte: that byte decides which
	 * tests are made, most tokens after a number start with none of them) */
	for (size_t k = i + 1; k < limit && k <= i + 3; k++) {
		if (cls[k] & DG_STRONG)
			return true;
		const struct token *u = &doc->tokens[k];
		const char *us = doc->text + u->start;
		char c0 = ascii_lower(us[0]);
		if (c0 == 'a' || c0 == 'p') {
			size_t un = u->end - u->start;
			if (un <= 4 && un >= 2 && (ascii_lower(us[1]) == 'm' || us[1] == '.'))
				return true;   /* a.m., pm */
			if (c0 == 'a' && k == i + 1 && un == 3 && ascii_ieq(us, 3, "and") && k + 1 < limit &&
			    is_ascii_digit(doc->text[doc->tokens[k + 1].start]))
				return true;   /* "between 3 and 8 yesterday" */
		} else if (c0 == 'o') {
			if (u->end - u->start >= 2 && (us[1] == '\'' || (uint8_t)us[1] == 0xE2))
				return true;   /* o'clock */
		} else if (k == i + 1) {
			if (u->type == TOK_PUNCT && (us[0] == ':' || us[0] == '/' || us[0] == '-' || us[0] == '.' ||
			                             us[0] == '~'))
				return true;
			if (c0 == 't' && u->end - u->start == 2 && ascii_ieq(us, 2, "to") && k + 1 < limit &&
			    is_ascii_digit(doc->text[doc->tokens[k + 1].start]))
				return true;   /* "10 to 11:30 a.m." */
		}
	}
	return false;
}

/* Rows worth trying at token i: those that can start with one of its hyphen
 * parts; numbers start the digit rows; codes ("Q3", "'90s") try everything. */
static void token_rows(const struct date_state *st, const struct document *doc, size_t i,
                       struct rowset *out)
{
	const struct token *t = &doc->tokens[i];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	memset(out, 0, sizeof *out);
	if (is_ascii_digit(s[0])) {
		*out = st->digit_rows;
		return;
	}
	if (t->type != TOK_WORD) {
		*out = st->all_rows;
		return;
	}
	size_t b = 0;
	for (size_t k = 0; k <= n; k++) {
		if (k == n || s[k] == '-' || s[k] == '.' || s[k] == '\'') {
			if (k > b) {
				const struct gate_slot *g = gate_find(st, s + b, k - b);
				if (g)
					for (size_t w = 0; w < ARRAY_SIZE(out->w); w++)
						out->w[w] |= g->rows.w[w];
				else if (b == 0)
					*out = st->all_rows;  /* codes like "Q3", "FY2024" */
			}
			b = k + 1;
		}
	}
}

/* A plain gate word followed by ASCII white space and a letter or digit,
 * or by a glued punctuation mark: keep only the rows that can start with
 * the word, a space and that character (or the word and the mark). */
static void weak_next_rows(const struct document *doc, const struct token *t,
                           const struct gate_slot *g, struct rowset *rs)
{
	if (!g->next)
		return;
	size_t p = t->end;
	while (p < doc->len && (doc->text[p] == ' ' || (doc->text[p] >= '\t' && doc->text[p] <= '\r')))
		p++;
	if (p >= doc->len)
		return;
	int k;
	if (p == t->end) {
		k = glued_index((unsigned char)doc->text[p]);
		if (k >= 0)
			k += NEXT_CH;
	} else {
		char a = doc->text[p], b = p + 1 < doc->len ? doc->text[p + 1] : 0;
		if (g->next2 && is_ascii_lower(a) && is_ascii_lower(b)) {
			const struct rowset *n2 = &g->next2[NEXT2_INDEX(a, b)];
			for (size_t w = 0; w < ARRAY_SIZE(rs->w); w++)
				rs->w[w] &= n2->w[w];
			return;
		}
		k = next_index((unsigned char)a);
	}
	if (k < 0)
		return;
	for (size_t w = 0; w < ARRAY_SIZE(rs->w); w++)
		rs->w[w] &= g->next[k].w[w];
}

/* The class of the plain word token i (shorter than 16 bytes) that
 * word_maybe let through; dcls[i] and gix[i] are 0 and NO_GATE on entry.
 * (Out of line, as number_class and token_class, so that the loop over
 * every token in mark_candidates keeps its few values in registers.) */
static __attribute__((noinline)) uint8_t word_class_slow(const struct date_state *st, const struct document *doc,
                                                         size_t i, size_t n, uint32_t *dcls, uint16_t *gix)
{
	return plain_gate(st, doc, &doc->tokens[i], n, &dcls[i], &gix[i]);
}

/* The plain word token i of n < 16 bytes whose word_bit is set.  (The
 * common case, a word of at most 8 letters settled from its short_gate
 * bucket, kept apart from the full lookup: with few registers it needs no
 * stack frame.) */
static __attribute__((noinline)) uint8_t word_class(const struct date_state *st, const struct document *doc,
                                                    size_t i, size_t n, uint32_t *dcls, uint16_t *gix)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t start = doc->tokens[i].start;
	if (n <= 8 && doc->len - start >= 8) {
		uint64_t x;
		memcpy(&x, doc->text + start, 8);
		if (n < 8)
			x &= (1ull << (8 * n)) - 1;
		x = ascii8_fold(x);
		/* the same answer as plain_gate: a gate word equal to the word
		 * is in this bucket, unless the bucket is marked slow */
		const struct short_gate *b = st->short_gate[short_index(x)];
		/* the ways compared with no branch each (at most one holds x) */
		unsigned hit = 0;
		for (size_t w = 0; w < SHORT_WAYS; w++)
			hit |= (unsigned)(b[w].q == x) << w;
		if (hit) {
			size_t w = (size_t)__builtin_ctz(hit);
			gix[i] = b[w].slot;
			dcls[i] = b[w].cls;
			return b[w].gate;
		}
		if (!b[0].slow)
			return 0;
	}
#endif
	return word_class_slow(st, doc, i, n, dcls, gix);
}

/* Is token t a plain word (TOK_WORD, none of the NOT_PLAIN flags)?  Its
 * flags and type in one load and one test: most tokens are plain words. */
_Static_assert(offsetof(struct token, type) == offsetof(struct token, flags) + 2 && TOK_WORD == 0,
               "plain_word_token reads flags and type as one word");
static inline bool plain_word_token(const struct token *t)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint32_t ft;   /* flags, type, pad */
	memcpy(&ft, &t->flags, sizeof ft);
	return !(ft & ((uint32_t)NOT_PLAIN | 0xff0000u));
#else
	return t->type == TOK_WORD && !(t->flags & NOT_PLAIN);
#endif
}

/* The token index the sentence of token i ends at (the first sentence that
 * ends after i, or the last), for a scan from the end: the cursor only goes
 * down.  It keeps the sentence's bounds, so that a token in the same sentence
 * as the last one asked about is answered by one compare. */
struct sent_cursor {
	size_t si;    /* the sentence */
	size_t lo;    /* the first token it answers for (the end of the one before) */
	size_t end;   /* its tok_end (ntokens when there are no sentences) */
};

static void sent_cursor_set(const struct document *doc, struct sent_cursor *sc, size_t si)
{
	sc->si = si;
	sc->lo = si > 0 ? doc->sentences[si - 1].tok_end : 0;
	sc->end = doc->sentences[si].tok_end;
}

static void sent_cursor_init(const struct document *doc, struct sent_cursor *sc)
{
	if (!doc->nsentences) {
		sc->si = sc->lo = 0;
		sc->end = doc->ntokens;
		return;
	}
	sent_cursor_set(doc, sc, doc->nsentences - 1);
}

static inline size_t sentence_limit(const struct document *doc, size_t i, struct sent_cursor *sc)
{
	if (__builtin_expect(i < sc->lo, 0)) {
		size_t si = sc->si;
		while (si > 0 && doc->sentences[si - 1].tok_end > i)
			si--;
		sent_cursor_set(doc, sc, si);
	}
	return sc->end;
}

/* Candidate start tokens, in text order, into list; returns how many.  The
 * tokens are scanned from the end, so that whether a token is a candidate
 * is known when it is classed: what decides it (digit_candidate, the window
 * after a weak word) looks only at the classes of the tokens after it.
 * (Not inlined: in date_run's body its loop over every token ran short of
 * registers.) */
static __attribute__((noinline)) size_t mark_candidates(const struct date_state *st, const struct document *doc,
                              uint8_t *cls, uint32_t *list, uint32_t *dcls, uint16_t *gix)
{
	/* (locals: the stores to cls, a byte array, could alias doc's fields) */
	const struct token *toks = doc->tokens;
	const char *text = doc->text;
	size_t ntok = doc->ntokens;
	/* the candidates are written from the end of list down */
	size_t m = ntok;
	/* the sentence of the last token that needed it, and the first strong
	 * word or number after the token (ntok + GATE_WINDOW + 1: none) */
	struct sent_cursor si;
	sent_cursor_init(doc, &si);
	size_t next_sd = ntok + GATE_WINDOW + 1;
	/* Most tokens get nothing: clear the arrays at once (a few wide stores
	 * per token instead of three narrow ones) and write only the rest. */
	memset(cls, 0, ntok * sizeof *cls);
	memset(dcls, 0, ntok * sizeof *dcls);
	memset(gix, 0xff, ntok * sizeof *gix);   /* NO_GATE */
	for (size_t i = ntok; i-- > 0;) {
		const struct token *t = &toks[i];
		const char *s = text + t->start;
		size_t n = t->end - t->start;
		uint8_t g;
		if (plain_word_token(t)) {
			/* the common case: one plain word, mostly no gate word
			 * (gate words are shorter than 16 bytes: a longer word
			 * that word_bits lets through goes to token_class).
			 * Its first byte is not looked at: a plain word that
			 * does not start with an ASCII letter (a rare one: "é...")
			 * can be no gate word, nor "am", "pm", and the lookups
			 * below say so, as token_class did. */
			uint32_t b = word_bit(s, n);
			if (!((st->word_bits[b / 64] >> (b % 64)) & 1))
				continue;
			/* most words that get this far are weak gate words of
			 * no class ("the", "a", "to"), which matter only before
			 * a strong word or a number: such a word (or one that
			 * is no gate word) is looked up only if one follows
			 * within GATE_WINDOW tokens of its sentence.  Its
			 * class is then DG_WEAK or 0 and its classes 0, as a
			 * strong_bits bit is set for every other gate word
			 * (kind_tab); the later tests read only the DG_STRONG,
			 * DG_DIGIT and DG_LABEL bits of a token that is no
			 * candidate. */
			b >>= WORD_BITS_LOG2 - STRONG_BITS_LOG2;
			if (!((st->strong_bits[b / 64] >> (b % 64)) & 1)) {
				if (next_sd > i + GATE_WINDOW || next_sd >= sentence_limit(doc, i, &si))
					continue;
			}
			g = n < 16 ? word_class(st, doc, i, n, dcls, gix) : token_class(st, doc, i, dcls, gix);
			if (!g)
				continue;
		} else {
			uint8_t k = st->first_kind[(uint8_t)s[0]];
			if (k == FK_NONE && !(t->flags & NOT_PLAIN)) {
				continue;
			} else if (k == FK_SEP && !(t->flags & NOT_PLAIN) && !is_ascii_digit(s[1])) {
				continue;   /* a period, a dash... (see punct_plain) */
			} else if (is_ascii_digit(s[0])) {
				/* token_class's first case; its classes
				 * (number_class) are worked out only when a
				 * candidate looks at them: dcls[i] stays 0 until
				 * then (date_run) */
				g = DG_DIGIT;
			} else if (t->type == TOK_PUNCT) {
				if (punct_plain(s))
					continue;
				g = punct_class(doc, i, &dcls[i]);
				if (!g)
					continue;
			} else {
				g = token_class(st, doc, i, dcls, gix);
				if (!g)
					continue;
			}
		}
		cls[i] = g;
		bool ok;
		if (g & DG_STRONG)
			ok = true;
		else if (g & DG_DIGIT)
			ok = digit_candidate(doc, cls, i, sentence_limit(doc, i, &si));
		else if (g & DG_WEAK)
			ok = next_sd <= i + GATE_WINDOW && next_sd < sentence_limit(doc, i, &si);
		else
			ok = false;
		if (g & (DG_STRONG | DG_DIGIT))
			next_sd = i;
		if (ok)
			list[--m] = (uint32_t)i;
	}
	memmove(list, list + m, (ntok - m) * sizeof *list);
	return ntok - m;
}

/* Can a row whose matches reach one of the words ws (its "later" list) match
 * from token i?  Such a match holds only ASCII letters, digits, white space,
 * '-', '–', '~', '/' and '.' before a digit, so it cannot go past any other mark: look
 * for a token that begins with one of the words, with no letter after it,
 * before such a mark.  (A cheap test that spares the regex, never a reason
 * to match.) */
static bool later_word(const struct document *doc, size_t i, const char *const *ws, uint32_t first)
{
	/* (first: the words' first letters, from load) */
	for (size_t k = i + 1; k < doc->ntokens; k++) {
		const struct token *u = &doc->tokens[k];
		const char *us = doc->text + u->start;
		if (u->type == TOK_PUNCT) {
			if (us[0] == '-' || us[0] == '/' || us[0] == '~' || (us[0] == '.' && is_ascii_digit(us[1])) ||
			    ((uint8_t)us[0] == 0xE2 && (uint8_t)us[1] == 0x80 && (uint8_t)us[2] == 0x93))
				continue;
			return false;
		}
		if (u->type != TOK_WORD) {
			if (u->type != TOK_NUMBER)
				return false;
			continue;
		}
		if (!(first & (1u << (us[0] & 31))))
			continue;
		/* the first two bytes in one compare (every later word has
		 * two letters or more: date_load checks it) */
		uint16_t u01 = (uint16_t)((uint8_t)ascii_lower(us[0]) | (uint8_t)ascii_lower(us[1]) << 8);
		for (const char *const *w = ws; *w; w++) {
			const char *x = *w;
			if ((uint16_t)((uint8_t)x[0] | (uint8_t)x[1] << 8) != u01)
				continue;
			size_t j = 2;
			while (x[j] && ascii_lower(us[j]) == x[j])
				j++;
			if (!x[j] && !is_ascii_lower(ascii_lower(us[j])))
				return true;
		}
	}
	return false;
}

/* Is the text before start one of the words ws and one space (a row's
 * lookbehind; see date_before_words)?  The word is the run of ASCII letters
 * before the space, compared in lower case. */
static bool before_word(const struct document *doc, size_t start, const char *const *ws, uint32_t first)
{
	if (start < 2 || doc->text[start - 1] != ' ')
		return false;
	size_t e = start - 1, b = e;
	while (b > 0 && e - b < 12 && is_ascii_lower(ascii_lower(doc->text[b - 1])))
		b--;
	/* (first: the words' first letters, from load; all bits if a word is
	 * empty.  Most words before a candidate start with none of them, and
	 * the list's strings are cold at every document.) */
	if (!(first & (1u << ((b < e ? doc->text[b] : 0) & 31))))
		return false;
	for (const char *const *w = ws; *w; w++) {
		size_t j = 0;
		while (b + j < e && (*w)[j] == ascii_lower(doc->text[b + j]))
			j++;
		if (b + j == e && !(*w)[j])
			return true;
	}
	return false;
}

/* rx_match through the JIT fast path (no option checks per call; most
 * candidates try a few rows that fail at once).  Anything but a match or no
 * match goes through rx_match again, which reports the error on doc. */
static int date_match(const pcre2_code *re, struct document *doc, struct scratch *s, size_t start)
{
	if (start > doc->len)
		return PCRE2_ERROR_NOMATCH;
	s->matches++;
	int rc = pcre2_jit_match(re, (PCRE2_SPTR)doc->text, doc->len, start, 0, s->md, s->mctx);
	if (rc >= 0 || rc == PCRE2_ERROR_NOMATCH)
		return rc;
	s->matches--;
	return rx_match(re, doc, s, start, 0);
}

/* Read the named groups of row r from the last match (rc from rx_match) into
 * h (the first set group of each name wins). */
static void fields_from_md(const struct row_rx *r, struct scratch *s, int rc, struct hit *h)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	zero_small(h->f, sizeof h->f);
	for (uint32_t g = 1; g < (uint32_t)rc && g < 64; g++) {
		uint8_t f = r->group_field[g];
		if (f == 0xff || h->f[f].set || ov[2 * g] == PCRE2_UNSET)
			continue;
		h->f[f].s = (uint32_t)ov[2 * g];
		h->f[f].e = (uint32_t)ov[2 * g + 1];
		h->f[f].set = true;
	}
	h->end = (uint32_t)ov[1];
}

/* ---- values ---- */

enum gran {
	GR_NONE, GR_CENTURY, GR_DECADE, GR_YEAR, GR_HALF, GR_QUARTER, GR_SEASON, GR_MONTH,
	GR_WEEK, GR_WEEKEND, GR_DAY, GR_TIME,
};

static const char *const gran_names[] = {
	NULL, "century", "decade", "year", "half", "quarter", "season", "month",
	"week", "weekend", "day", "time",
};

/* A calendar point at some granularity. */
struct tpoint {
	enum gran g;
	int y, m, d;       /* y always set when resolved; m, d as granularity needs */
	int q, h, s;       /* quarter 1..4, half 1..2, season 0..3 (SP SU FA WI) */
	int wy, wn;        /* ISO week */
	int dec, cent;     /* "199", "20" */
};

/* Output of a normalizer before it is copied into the arena.  The strings
 * come last: tout_clear() zeroes the fields before them and only the first
 * byte of each string (the whole struct is some 700 bytes, cleared at every
 * match found).  A new field goes before value[]. */
struct tout {
	enum mention_type type;
	const char *gran;
	const char *mod;
	const char *anchor;
	uint32_t anchor_start;
	bool unresolved;
	const char *quant, *freq_static;
	bool has_point;    /* a resolved calendar point (for discourse anchors) */
	bool comparison;   /* a period a year away from the one discussed ("a year ago") */
	bool half_known;   /* a clock time whose a.m./p.m. was stated or implied */
	struct tpoint pt;
	bool explicit_year;
	char value[128];
	char begin[128], end[128];
	char freq[16];
	char ev[160];
};

static void tout_clear(struct tout *o)
{
	_Static_assert(offsetof(struct tout, value) >= 16, "zero_small needs 16 bytes");
	zero_small(o, offsetof(struct tout, value));
	o->value[0] = o->begin[0] = o->end[0] = o->freq[0] = o->ev[0] = 0;
}

/* Per-document resolution context. */
struct dctx {
	struct document *doc;
	bool has_dct;
	struct ext_date dct;
	/* last resolved date mention, for "a year later", "the following day" */
	bool have_last;
	struct tpoint last;
	uint32_t last_start;
	size_t last_sentence;
	bool have_explicit;
	struct tpoint explicit_pt;
	uint32_t explicit_start;
};

static const char *season_code[] = {"SP", "SU", "FA", "WI"};

/* Zero-padded decimal of v (0 <= v) in width digits at p; returns the end.
 * The hot formatting below avoids snprintf, which cost more than the dates. */
static char *put_dec(char *p, int v, int width)
{
	/* widths 2 and 4 (all the callers) by pairs of digits from a table:
	 * the same digits as the loop below, a third of the instructions */
	if ((width == 2 || width == 4) && v >= 0) {
		if (width == 4) {
			memcpy(p, digit_pairs + 2 * (v / 100 % 100), 2);
			p += 2;
		}
		memcpy(p, digit_pairs + 2 * (v % 100), 2);
		return p + 2;
	}
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

/* "YYYY-MM-DD" into out (n >= 11); false when the year has not 4 digits. */
static bool put_ymd(char *out, size_t n, int y, int m, int d)
{
	if (n < 11 || y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99)
		return false;
	char *q = put_dec(out, y, 4);
	*q++ = '-';
	q = put_dec(q, m, 2);
	*q++ = '-';
	q = put_dec(q, d, 2);
	*q = '\0';
	return true;
}

/* a then b into out[0..n) (n > 0), cut as snprintf("%s%s") cuts: the
 * values are mostly put together from strings, and snprintf costs some 600
 * instructions a call */
static void cat2(char *out, size_t n, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > n - 1)
		la = n - 1;
	if (lb > n - 1 - la)
		lb = n - 1 - la;
	memmove(out, a, la);
	memmove(out + la, b, lb);
	out[la + lb] = '\0';
}

static void fmt_point(const struct tpoint *p, char *out, size_t n)
{
	if (n >= 16 && p->y >= 0 && p->y <= 9999) {
		char *q = out;
		switch (p->g) {
		case GR_YEAR: q = put_dec(q, p->y, 4); *q = '\0'; return;
		case GR_QUARTER: q = put_dec(q, p->y, 4); *q++ = '-'; *q++ = 'Q'; *q++ = (char)('0' + (p->q % 10)); *q = '\0'; return;
		case GR_MONTH: q = put_dec(q, p->y, 4); *q++ = '-'; q = put_dec(q, p->m % 100, 2); *q = '\0'; return;
		case GR_HALF:
			if (p->h < 0 || p->h > 9)
				break;
			q = put_dec(q, p->y, 4); *q++ = '-'; *q++ = 'H'; *q++ = (char)('0' + p->h); *q = '\0'; return;
		case GR_DAY:
		case GR_TIME: put_ymd(out, n, p->y, p->m % 100, p->d % 100); return;
		default: break;
		}
	}
	if (n >= 16 && p->wy >= 0 && p->wy <= 9999 && p->wn >= 0 && p->wn <= 99 &&
	    (p->g == GR_WEEK || p->g == GR_WEEKEND)) {
		char *q = put_dec(out, p->wy, 4);
		*q++ = '-';
		*q++ = 'W';
		q = put_dec(q, p->wn, 2);
		if (p->g == GR_WEEKEND) {
			memcpy(q, "-WE", 3);
			q += 3;
		}
		*q = '\0';
		return;
	}
	switch (p->g) {
	case GR_CENTURY: snprintf(out, n, "%02d", p->cent); break;
	case GR_DECADE: snprintf(out, n, "%03d", p->dec); break;
	case GR_YEAR: snprintf(out, n, "%04d", p->y); break;
	case GR_HALF: snprintf(out, n, "%04d-H%d", p->y, p->h); break;
	case GR_QUARTER: snprintf(out, n, "%04d-Q%d", p->y, p->q); break;
	case GR_SEASON: snprintf(out, n, "%04d-%s", p->y, season_code[p->s & 3]); break;
	case GR_MONTH: snprintf(out, n, "%04d-%02d", p->y, p->m); break;
	case GR_WEEK: snprintf(out, n, "%04d-W%02d", p->wy, p->wn); break;
	case GR_WEEKEND: snprintf(out, n, "%04d-W%02d-WE", p->wy, p->wn); break;
	case GR_DAY:
	case GR_TIME: snprintf(out, n, "%04d-%02d-%02d", p->y, p->m, p->d); break;
	default: snprintf(out, n, "XXXX"); break;
	}
}

static void fmt_day(char *out, size_t n, long z)
{
	int y, m, d;
	date_civil_from_days(z, &y, &m, &d);
	if (!put_ymd(out, n, y, m, d))
		snprintf(out, n, "%04d-%02d-%02d", y, m, d);
}

/* Interval [begin, end] (inclusive days) of a point, when it has one. */
static void point_interval(const struct tpoint *p, struct tout *o)
{
	long b, e;
	/* the common granularities straight from the fields */
	switch (p->g) {
	case GR_DAY:
	case GR_TIME:
		if (put_ymd(o->begin, sizeof o->begin, p->y, p->m, p->d)) {
			memcpy(o->end, o->begin, 11);
			return;
		}
		break;
	case GR_MONTH:
		if (p->m >= 1 && p->m <= 12 && put_ymd(o->begin, sizeof o->begin, p->y, p->m, 1) &&
		    put_ymd(o->end, sizeof o->end, p->y, p->m, date_days_in_month(p->y, p->m)))
			return;
		break;
	case GR_YEAR:
		if (put_ymd(o->begin, sizeof o->begin, p->y, 1, 1) && put_ymd(o->end, sizeof o->end, p->y, 12, 31))
			return;
		break;
	default:
		break;
	}
	switch (p->g) {
	case GR_YEAR: b = date_days_from_civil(p->y, 1, 1); e = date_days_from_civil(p->y, 12, 31); break;
	case GR_HALF:
		b = date_days_from_civil(p->y, p->h == 1 ? 1 : 7, 1);
		e = date_days_from_civil(p->y, p->h == 1 ? 6 : 12, p->h == 1 ? 30 : 31);
		break;
	case GR_QUARTER: {
		int m0 = (p->q - 1) * 3 + 1;
		b = date_days_from_civil(p->y, m0, 1);
		e = date_days_from_civil(p->y, m0 + 2, date_days_in_month(p->y, m0 + 2));
		break;
	}
	case GR_MONTH:
		b = date_days_from_civil(p->y, p->m, 1);
		e = date_days_from_civil(p->y, p->m, date_days_in_month(p->y, p->m));
		break;
	case GR_WEEK:
	case GR_WEEKEND: {
		long jan4 = date_days_from_civil(p->wy, 1, 4);
		long mon = jan4 - date_weekday(p->wy, 1, 4) + (long)(p->wn - 1) * 7;
		b = p->g == GR_WEEK ? mon : mon + 5;
		e = mon + 6;
		break;
	}
	case GR_DAY:
	case GR_TIME: b = e = date_days_from_civil(p->y, p->m, p->d); break;
	case GR_DECADE: b = date_days_from_civil(p->dec * 10, 1, 1); e = date_days_from_civil(p->dec * 10 + 9, 12, 31); break;
	case GR_CENTURY: b = date_days_from_civil(p->cent * 100, 1, 1); e = date_days_from_civil(p->cent * 100 + 99, 12, 31); break;
	default: return;
	}
	fmt_day(o->begin, sizeof o->begin, b);
	fmt_day(o->end, sizeof o->end, e);
}

static void point_from_days(struct tpoint *p, long z, enum gran g)
{
	memset(p, 0, sizeof *p);
	date_civil_from_days(z, &p->y, &p->m, &p->d);
	p->g = g;
	p->q = (p->m - 1) / 3 + 1;
	p->h = p->m <= 6 ? 1 : 2;
	/* the ISO week as date_iso_week finds it (the week's Thursday decides
	 * the year), from z: no conversion back to days, and the next year's
	 * first day only for the last days of December */
	long wd = (z + 3) % 7;   /* 1970-01-01 was a Thursday (Monday = 0) */
	if (wd < 0)
		wd += 7;
	long thu = z - wd + 3, jan1 = date_days_from_civil(p->y, 1, 1);
	p->wy = p->y;
	if (thu < jan1) {
		p->wy = p->y - 1;
		jan1 = date_days_from_civil(p->y - 1, 1, 1);
	} else if (p->m == 12 && p->d >= 29) {
		long next = date_days_from_civil(p->y + 1, 1, 1);
		if (thu >= next) {
			p->wy = p->y + 1;
			jan1 = next;
		}
	}
	p->wn = (int)((thu - jan1) / 7 + 1);
	p->dec = p->y / 10;
	p->cent = p->y / 100;
}

/* Finish a point: value, granularity, interval. */
static void emit_point(struct tout *o, const struct tpoint *p)
{
	fmt_point(p, o->value, sizeof o->value);
	o->gran = gran_names[p->g];
	point_interval(p, o);
	o->has_point = true;
	o->pt = *p;
}

static long dct_days(const struct dctx *c)
{
	return date_days_from_civil(c->dct.year, c->dct.month, c->dct.day);
}

/* Field helpers */
static const char *ftext(const struct dctx *c, const struct hit *h, enum date_field f, size_t *n)
{
	*n = h->f[f].e - h->f[f].s;
	return c->doc->text + h->f[f].s;
}

static bool fhas(const struct hit *h, enum date_field f) { return h->f[f].set; }

static int fint(const struct dctx *c, const struct hit *h, enum date_field f)
{
	size_t n;
	const char *s = ftext(c, h, f, &n);
	int v = 0;
	for (size_t i = 0; i < n && is_ascii_digit(s[i]); i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* A field holding a count in digits or words ("7", "seven", "twenty"); -1 if none. */
static int fnum(const struct dctx *c, const struct hit *h, enum date_field f)
{
	size_t n;
	const char *s = ftext(c, h, f, &n);
	double v;
	bool vague;
	if (!fhas(h, f) || !date_parse_count(s, n, &v, &vague) || vague)
		return -1;
	return (int)v;
}

static bool fis(const struct dctx *c, const struct hit *h, enum date_field f, const char *w)
{
	size_t n;
	const char *s = ftext(c, h, f, &n);
	return fhas(h, f) && ascii_ieq(s, n, w);
}

/* Is the REL field a year comparison ("year-ago", "year-earlier")? */
static bool fstarts_year(const struct dctx *c, const struct hit *h)
{
	size_t n;
	const char *s = ftext(c, h, DF_REL, &n);
	return fhas(h, DF_REL) && n > 5 && ascii_ieq(s, 5, "year-");
}

static int year_of(const struct dctx *c, const struct hit *h)
{
	size_t n;
	const char *s = ftext(c, h, DF_YEAR, &n);
	int v = fint(c, h, DF_YEAR);
	UNUSED(s);
	if (n == 2)
		v += v >= 50 ? 1900 : 2000;
	return v;
}

/* TimeML mod of a modifier as written. */
static const char *mod_of(const struct dctx *c, const struct hit *h)
{
	static const struct { const char *w, *mod; } mods[] = {
		{"more than", "MORE_THAN"}, {"over", "MORE_THAN"}, {"just over", "MORE_THAN"},
		{"well over", "MORE_THAN"}, {"less than", "LESS_THAN"}, {"fewer than", "LESS_THAN"},
		{"under", "LESS_THAN"}, {"just under", "LESS_THAN"}, {"within", "LESS_THAN"},
		{"nearly", "LESS_THAN"}, {"almost", "LESS_THAN"}, {"close to", "LESS_THAN"},
		{"at least", "EQUAL_OR_MORE"}, {"no less than", "EQUAL_OR_MORE"},
		{"at most", "EQUAL_OR_LESS"}, {"no more than", "EQUAL_OR_LESS"}, {"up to", "EQUAL_OR_LESS"},
		{"about", "APPROX"}, {"around", "APPROX"}, {"roughly", "APPROX"},
		{"approximately", "APPROX"}, {"some", "APPROX"},
		{"early", "START"}, {"beginning of", "START"}, {"start of", "START"},
		{"the beginning of", "START"}, {"the start of", "START"},
		{"mid", "MID"}, {"middle of", "MID"}, {"the middle of", "MID"},
		{"late", "END"}, {"end of", "END"}, {"the end of", "END"}, {"end", "END"},
	};
	if (!fhas(h, DF_MOD))
		return NULL;
	size_t n;
	const char *s = ftext(c, h, DF_MOD, &n);
	/* collapse runs of whitespace for the comparison */
	char buf[40];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof buf; i++) {
		char ch = ascii_lower(s[i]);
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '-') {
			if (k && buf[k - 1] != ' ')
				buf[k++] = ' ';
		} else {
			buf[k++] = ch;
		}
	}
	buf[k] = '\0';
	/* (first letters apart: a call to strcmp per entry cost more than
	 * the rest of the normalizing) */
	for (size_t i = 0; i < ARRAY_SIZE(mods); i++)
		if (mods[i].w[0] == buf[0] && !strcmp(buf, mods[i].w))
			return mods[i].mod;
	return NULL;
}

static int tense_at(struct dctx *c, const struct hit *h, struct tout *o, const char *what,
                    bool strict)
{
	const char *cue = NULL;
	size_t cl = 0;
	int t = date_tense(c->doc, h->start, h->end, strict, &cue, &cl);
	if (t && cue)
		EV("%s tense '%.*s' -> %s %s", t > 0 ? "future" : "past",
		         (int)(cl > 30 ? 30 : cl), cue, t > 0 ? "next" : "previous", what);
	return t;
}

static void set_unresolved(struct tout *o, const char *value, const char *gran)
{
	if (value != o->value)
		cat2(o->value, sizeof o->value, value, "");
	o->gran = gran;
	o->anchor = "none";
	o->unresolved = true;
}

static void anchor_published(const struct dctx *c, struct tout *o)
{
	UNUSED(c);
	o->anchor = "published";
	o->anchor_start = NO_LINK;
}

/* ---- normalizers ---- */

/* Pick the year of a month/day with no year: the occurrence nearest the
 * publication date, unless that one lies more than TENSE_FAR days on the
 * wrong side of it for the tense of the sentence ("was signed in August" in
 * a February story is last August; "the vote is Dec. 15" in a past-tense
 * October sentence is still this December: reported plans keep the nearest). */
#define TENSE_FAR 90
static int pick_year(struct dctx *c, const struct hit *h, struct tout *o, int m, int d)
{
	long z0 = dct_days(c);
	int best = c->dct.year, alt = c->dct.year;
	long bestdist = -1, altdist = -1;
	long zs[3];
	for (int k = 0; k < 3; k++) {
		int y = c->dct.year - 1 + k;
		int dd = d ? d : (y == c->dct.year && m == c->dct.month ? c->dct.day : 15);
		if (dd > date_days_in_month(y, m))
			dd = date_days_in_month(y, m);
		long z = date_days_from_civil(y, m, dd);
		long dist = z > z0 ? z - z0 : z0 - z;
		zs[k] = z;
		if (bestdist < 0 || dist < bestdist) {
			bestdist = dist;
			best = y;
		}
	}
	/* the tense matters only far from the publication date (the cue scan
	 * is the dear part; in explain mode it is kept for the evidence) */
	if (bestdist <= TENSE_FAR && !c->doc->explain)
		return best;
	int t = tense_at(c, h, o, "occurrence", true);
	for (int k = 0; k < 3; k++) {
		int y = c->dct.year - 1 + k;
		long z = zs[k];
		long dist = z > z0 ? z - z0 : z0 - z;
		/* the nearest occurrence on the side the tense asks for */
		if ((t < 0 && z <= z0) || (t > 0 && z >= z0))
			if (altdist < 0 || dist < altdist) {
				altdist = dist;
				alt = y;
			}
	}
	if (t && alt != best && bestdist > TENSE_FAR)
		return alt;
	if (!t || alt == best)
		EV("occurrence nearest the publication date");
	else
		EV("nearest occurrence kept over the tense (under %d days away)",
		         TENSE_FAR);
	return best;
}

static int year_from_words(const char *s, size_t n);

/* A day of the month with no month: "on the 18th" is that day of the
 * publication month; "Tue 13th" the 13th nearest the publication date that
 * falls on a Tuesday. */
static void norm_day_only(struct dctx *c, const struct hit *h, struct tout *o, int d)
{
	int wd = 0;
	if (fhas(h, DF_WDAY)) {
		size_t n;
		const char *s = ftext(c, h, DF_WDAY, &n);
		wd = date_weekday_number(s, n);
	}
	if (!c->has_dct) {
		if (wd)
			snprintf(o->value, sizeof o->value, "XXXX-WXX-%d", wd);
		else
			snprintf(o->value, sizeof o->value, "XXXX-XX-%02d", d);
		set_unresolved(o, o->value, "day");
		return;
	}
	long z0 = dct_days(c), best = 0, bestdist = -1;
	for (int k = -14; k <= 14; k++) {
		int y = c->dct.year, m = c->dct.month;
		date_add_months(&y, &m, k);
		if (d > date_days_in_month(y, m) || (wd && date_weekday(y, m, d) + 1 != wd) || (!wd && k))
			continue;
		long z = date_days_from_civil(y, m, d);
		long dist = z > z0 ? z - z0 : z0 - z;
		if (bestdist < 0 || dist < bestdist) {
			bestdist = dist;
			best = z;
		}
	}
	if (bestdist < 0) {
		o->type = MT__COUNT;
		return;
	}
	struct tpoint p;
	point_from_days(&p, best, GR_DAY);
	anchor_published(c, o);
	emit_point(o, &p);
	if (fhas(h, DF_HOUR)) {
		/* "friday 23 at 4", "monday the twenty fourth six pm" */
		int hr = fnum(c, h, DF_HOUR);
		if (fhas(h, DF_AMPM) && ascii_lower(c->doc->text[h->f[DF_AMPM].s]) == 'p' && hr < 12)
			hr += 12;
		if (hr < 0 || hr > 23) {
			o->type = MT__COUNT;
			return;
		}
		char day[16];
		memcpy(day, o->value, 10);
		day[10] = '\0';
		snprintf(o->value, sizeof o->value, "%sT%02d", day, hr);
		o->type = MT_TIME;
		o->gran = "time";
		o->has_point = false;
	}
}

static void norm_day_range(struct dctx *c, const struct hit *h, struct tout *o);

static void norm_calendar(struct dctx *c, const struct hit *h, struct tout *o)
{
	int m = 0, d = 0, y = 0;
	size_t n;
	const char *s;
	if (fhas(h, DF_DAY2) || fhas(h, DF_DAYW2) || fhas(h, DF_MONTH2)) {
		/* the range alternative of a calendar row: "November 19-20" */
		norm_day_range(c, h, o);
		return;
	}
	if (fhas(h, DF_MONTH)) {
		s = ftext(c, h, DF_MONTH, &n);
		m = date_month_number(s, n);
	} else if (fhas(h, DF_MNUM)) {
		m = fint(c, h, DF_MNUM);
	}
	if (fhas(h, DF_DAY))
		d = fint(c, h, DF_DAY);
	else if (fhas(h, DF_DAYW)) {
		s = ftext(c, h, DF_DAYW, &n);
		date_parse_ordinal(s, n, &d);
	}
	if (fhas(h, DF_YEAR))
		y = year_of(c, h);
	else if (fhas(h, DF_NUM)) {
		s = ftext(c, h, DF_NUM, &n);
		y = year_from_words(s, n);   /* "October two thousand" */
		if (!y) {
			o->type = MT__COUNT;
			return;
		}
	}
	o->mod = mod_of(c, h);
	if (!m && d >= 1 && d <= 31) {
		norm_day_only(c, h, o, d);
		return;
	}
	if (m < 1 || m > 12 || (d && y && d > date_days_in_month(y, m)) || d > 31) {
		o->type = MT__COUNT; /* not a date after all */
		return;
	}
	struct tpoint p = {0};
	p.m = m;
	p.d = d;
	p.g = d ? GR_DAY : GR_MONTH;
	if (y) {
		p.y = y;
		o->explicit_year = true;
	} else if (c->has_dct) {
		p.y = pick_year(c, h, o, m, d);
		anchor_published(c, o);
	} else {
		if (d)
			snprintf(o->value, sizeof o->value, "XXXX-%02d-%02d", m, d);
		else
			snprintf(o->value, sizeof o->value, "XXXX-%02d", m);
		set_unresolved(o, o->value, d ? "day" : "month");
		return;
	}
	if (d > date_days_in_month(p.y, m)) {
		/* "Feb 30": a day the month does not have, kept as written */
		snprintf(o->value, sizeof o->value, "XXXX-%02d-%02d", m, d);
		set_unresolved(o, o->value, "day");
		return;
	}
	if (d)
		point_from_days(&p, date_days_from_civil(p.y, m, d), GR_DAY);
	emit_point(o, &p);
}

static void norm_numeric(struct dctx *c, const struct hit *h, struct tout *o)
{
	int a = fint(c, h, DF_DAY), b = fint(c, h, DF_MNUM);
	char sep = c->doc->text[h->f[DF_DAY].e];
	bool has_year = fhas(h, DF_YEAR);
	int y = has_year ? year_of(c, h) : 2000; /* a leap year, to validate Feb 29 */
	int d, m;
	/* Policy (docs/DATES.md): with '/', month/day/year (US) unless the first
	 * number cannot be a month; with '.' or '-', day.month.year unless the
	 * second number cannot be a month. */
	if (sep == '/') {
		if (a > 12) { d = a; m = b; } else { m = a; d = b; }
	} else {
		if (b > 12) { m = a; d = b; } else { d = a; m = b; }
	}
	if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m)) {
		o->type = MT__COUNT;
		return;
	}
	if (!has_year) {
		/* "5/16": the year as for "May 16" */
		if (!c->has_dct) {
			snprintf(o->value, sizeof o->value, "XXXX-%02d-%02d", m, d);
			set_unresolved(o, o->value, "day");
			return;
		}
		y = pick_year(c, h, o, m, d);
		if (d > date_days_in_month(y, m)) {
			/* "2/29" in a year with no Feb 29: kept as written */
			snprintf(o->value, sizeof o->value, "XXXX-%02d-%02d", m, d);
			set_unresolved(o, o->value, "day");
			return;
		}
		anchor_published(c, o);
	} else {
		o->explicit_year = true;
		EV("numeric date, '%c' separator -> %s", sep,
		         sep == '/' ? "month/day unless day > 12" : "day.month unless month > 12");
	}
	struct tpoint p;
	point_from_days(&p, date_days_from_civil(y, m, d), GR_DAY);
	emit_point(o, &p);
}

/* "nineteen ninety-six", "two thousand and one", "twenty twenty": 0 if not a year. */
static int year_from_words(const char *s, size_t n)
{
	static const struct { const char *w; int hundreds; } heads[] = {
		{"eighteen", 18}, {"nineteen", 19}, {"twenty", 20},
	};
	bool vague;
	double v;
	if (n > 12 && ascii_ieq(s, 12, "two thousand")) {
		size_t k = 12;
		while (k < n && (s[k] == ' ' || s[k] == '\n'))
			k++;
		if (k + 4 <= n && ascii_ieq(s + k, 4, "and "))
			k += 4;
		if (k >= n)
			return 2000;
		return date_parse_count(s + k, n - k, &v, &vague) && !vague ? 2000 + (int)v : 0;
	}
	if (ascii_ieq(s, n, "two thousand"))
		return 2000;
	for (size_t i = 0; i < ARRAY_SIZE(heads); i++) {
		size_t hl = strlen(heads[i].w);
		if (n <= hl + 1 || !ascii_ieq(s, hl, heads[i].w))
			continue;
		const char *r = s + hl + 1;
		size_t rn = n - hl - 1;
		if (ascii_ieq(r, rn, "hundred"))
			return heads[i].hundreds * 100;
		if (rn > 2 && ascii_lower(r[0]) == 'o' && (r[1] == ' ' || r[1] == '-')) {
			r += 2;
			rn -= 2;
		}
		if (date_parse_count(r, rn, &v, &vague) && !vague && v < 100)
			return heads[i].hundreds * 100 + (int)v;
	}
	return 0;
}

static void norm_year(struct dctx *c, const struct hit *h, struct tout *o)
{
	struct tpoint p = {0};
	p.g = GR_YEAR;
	if (fhas(h, DF_YEAR)) {
		p.y = year_of(c, h);
	} else {
		size_t n;
		const char *s = ftext(c, h, DF_NUM, &n);
		p.y = year_from_words(s, n);
		if (!p.y) {
			o->type = MT__COUNT;
			return;
		}
	}
	o->mod = mod_of(c, h);
	o->explicit_year = true;
	emit_point(o, &p);
}

static void norm_decade(struct dctx *c, const struct hit *h, struct tout *o)
{
	struct tpoint p = {0};
	size_t n;
	int v;
	if (fhas(h, DF_WORD)) {
		/* "the nineties": the 1900s decades */
		static const char *const w[] = {"twenties", "thirties", "forties", "fifties",
		                                "sixties", "seventies", "eighties", "nineties"};
		const char *s = ftext(c, h, DF_WORD, &n);
		v = 0;
		for (int i = 0; i < 8; i++)
			if (ascii_ieq(s, n, w[i]))
				v = 1920 + 10 * i;
	} else {
		ftext(c, h, DF_DECADE, &n);
		v = fint(c, h, DF_DECADE);
		if (n == 2)
			v += v >= 30 ? 1900 : 2000;
	}
	p.g = GR_DECADE;
	p.dec = v / 10;
	p.y = v;
	o->mod = mod_of(c, h);
	emit_point(o, &p);
}

static void norm_century(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *s = ftext(c, h, DF_CENTURY, &n);
	int v = 0;
	if (!date_parse_ordinal(s, n, &v) || v < 1) {
		o->type = MT__COUNT;
		return;
	}
	struct tpoint p = {0};
	p.g = GR_CENTURY;
	p.cent = v - 1;
	p.y = (v - 1) * 100;
	o->mod = mod_of(c, h);
	emit_point(o, &p);
	/* "it happened in the 15th century": a period, given as the interval
	 * (1400-01-01,1500-01-01,P100Y); "an 11th century temple" stays "10" */
	const char *t = c->doc->text;
	uint32_t e = h->start, b;
	while (e > 0 && t[e - 1] == ' ')
		e--;
	for (b = e; b > 0 && is_ascii_lower(ascii_lower(t[b - 1])); b--)
		;
	const char *w = t + b;
	size_t wn = e - b;
	if (!o->mod && v <= 100 && e < h->start &&
	    (ascii_ieq(w, wn, "in") || ascii_ieq(w, wn, "during") || ascii_ieq(w, wn, "since") ||
	     ascii_ieq(w, wn, "through"))) {
		int y0 = (v - 1) * 100;
		snprintf(o->value, sizeof o->value, "(%04d-01-01,%04d-01-01,P100Y)", y0, y0 + 100);
	}
}

static int rel_sign(const struct dctx *c, const struct hit *h)
{
	size_t n;
	const char *s = ftext(c, h, DF_REL, &n);
	if (!fhas(h, DF_REL))
		return 0;
	if (ascii_ieq(s, n, "last") || ascii_ieq(s, n, "past") || ascii_ieq(s, n, "previous") ||
	    (n > 5 && ascii_ieq(s, 5, "year-")) ||
	    (n > 4 && ascii_ieq(s + n - 8 > s ? s + n - 8 : s, 8, "previous")))
		return -1;
	if (ascii_ieq(s, n, "next") || ascii_ieq(s, n, "coming") || ascii_ieq(s, n, "following") ||
	    (n >= 9 && ascii_ieq(s + n - 9, 9, "following")))
		return +1;
	return 0;
}

/* "the quarter", "the latest quarter", "this quarter": the quarter the story
 * is about (the last one mentioned), else the publication date's quarter for
 * "this"/"current", else the quarter before it (the one being reported). */
static void norm_quarter_context(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *s = c->doc->text + h->start;
	n = h->end - h->start;
	bool current = (n >= 4 && ascii_ieq(s, 4, "this") && !memchr(s, '\'', n)) ||
	               fis(c, h, DF_REL, "current");
	/* "last year's quarter", "the year-ago quarter": the same quarter, a year away */
	int yshift = (fhas(h, DF_REL) && !fis(c, h, DF_REL, "current")) ? rel_sign(c, h) : 0;
	struct tpoint p = {0};
	if (fhas(h, DF_YEAR) && !(c->have_last && c->last.g == GR_QUARTER)) {
		/* "the 1988 period" with no quarter before it: that year */
		p.g = GR_YEAR;
		p.y = year_of(c, h);
		o->explicit_year = true;
		emit_point(o, &p);
		return;
	}
	if (!current && c->have_last && c->last.g == GR_QUARTER) {
		p = c->last;
		p.y += yshift;
		if (fhas(h, DF_YEAR)) {
			/* "the 1988 quarter": the quarter under discussion, in 1988 */
			p.y = year_of(c, h);
			o->explicit_year = true;
			yshift = p.y - c->last.y;
		}
		o->comparison = yshift != 0;
		o->anchor = "mention";
		o->anchor_start = c->last_start;
		EV("the quarter mentioned before");
		emit_point(o, &p);
		return;
	}
	if (!c->has_dct) {
		set_unresolved(o, "XXXX-QX", "quarter");
		return;
	}
	point_from_days(&p, dct_days(c), GR_QUARTER);
	if (!current) {
		int qi = p.y * 4 + p.q - 1 - 1;
		p.y = qi / 4;
		p.q = qi % 4 + 1;
		EV("no quarter mentioned -> the last full quarter");
	}
	anchor_published(c, o);
	emit_point(o, &p);
}

static void norm_quarter_half(struct dctx *c, const struct hit *h, struct tout *o, bool half)
{
	size_t n;
	if (!half && !fhas(h, DF_QUARTER)) {
		norm_quarter_context(c, h, o);
		return;
	}
	const char *s = ftext(c, h, half ? DF_HALF : DF_QUARTER, &n);
	int q = 0;
	if (!date_parse_ordinal(s, n, &q) || q < 1 || q > (half ? 2 : 4)) {
		o->type = MT__COUNT;
		return;
	}
	struct tpoint p = {0};
	p.g = half ? GR_HALF : GR_QUARTER;
	if (half)
		p.h = q;
	else
		p.q = q;
	if (fhas(h, DF_YEAR)) {
		p.y = year_of(c, h);
		o->explicit_year = true;
	} else if (c->has_dct) {
		p.y = c->dct.year + rel_sign(c, h);
		o->comparison = fstarts_year(c, h);
		if (!fhas(h, DF_REL)) {
			int cur = half ? (c->dct.month <= 6 ? 1 : 2) : (c->dct.month - 1) / 3 + 1;
			int t = tense_at(c, h, o, half ? "half" : "quarter", true);
			if (t < 0 && q > cur)
				p.y--;
		}
		anchor_published(c, o);
	} else {
		snprintf(o->value, sizeof o->value, half ? "XXXX-H%d" : "XXXX-Q%d", q);
		set_unresolved(o, o->value, half ? "half" : "quarter");
		return;
	}
	emit_point(o, &p);
}

static void norm_season(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *s = ftext(c, h, DF_SEASON, &n);
	int si = 0;
	switch (ascii_lower(s[0])) {
	case 's': si = ascii_lower(s[1]) == 'p' ? 0 : 1; break;
	case 'f': case 'a': si = 2; break;
	default: si = 3; break;
	}
	o->mod = mod_of(c, h);
	struct tpoint p = {0};
	p.g = GR_SEASON;
	p.s = si;
	if (fhas(h, DF_YEAR)) {
		p.y = year_of(c, h);
		o->explicit_year = true;
		emit_point(o, &p);
		return;
	}
	if (!c->has_dct) {
		snprintf(o->value, sizeof o->value, "XXXX-%s", season_code[si]);
		set_unresolved(o, o->value, "season");
		return;
	}
	/* season index of the publication date: Mar-May SP, Jun-Aug SU, Sep-Nov FA, Dec-Feb WI */
	int cur = c->dct.month == 12 || c->dct.month <= 2 ? 3 : (c->dct.month - 3) / 3;
	int y = c->dct.year;
	int sign = rel_sign(c, h);
	if (!fhas(h, DF_REL))
		sign = tense_at(c, h, o, "season", true);
	if (sign < 0 && si >= cur)
		y--;
	else if (sign > 0 && si <= cur)
		y++;
	p.y = y;
	anchor_published(c, o);
	emit_point(o, &p);
}

static void norm_deictic(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *s = ftext(c, h, DF_WORD, &n);
	int off = 0;
	if (ascii_ieq(s, n, "yesterday"))
		off = -1;
	else if (ascii_ieq(s, n, "tomorrow"))
		off = 1;
	else if (n > 6 && ascii_ieq(s, 6, "before"))
		off = -2;
	else if (n > 5 && ascii_ieq(s, 5, "after"))
		off = 2;
	if (!c->has_dct) {
		set_unresolved(o, "XXXX-XX-XX", "day");
		return;
	}
	struct tpoint p;
	point_from_days(&p, dct_days(c) + off, GR_DAY);
	anchor_published(c, o);
	emit_point(o, &p);
}

/* now, currently, recently, the future, the near term: the reference is
 * decided by the last word of the expression. */
static void norm_ref(struct dctx *c, const struct hit *h, struct tout *o)
{
	static const struct { const char *w, *v; } last_word[] = {
		{"future", "FUTURE_REF"}, {"term", "FUTURE_REF"}, {"past", "PAST_REF"},
		{"recently", "PAST_REF"}, {"recent", "PAST_REF"}, {"lately", "PAST_REF"},
		{"years", "PAST_REF"}, {"formerly", "PAST_REF"}, {"previously", "PAST_REF"},
	};
	size_t n;
	const char *s = ftext(c, h, DF_WORD, &n);
	size_t b = n;
	while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n' && s[b - 1] != '\t')
		b--;
	const char *v = "PRESENT_REF";
	for (size_t i = 0; i < ARRAY_SIZE(last_word); i++)
		if (ascii_ieq(s + b, n - b, last_word[i].w))
			v = last_word[i].v;
	cat2(o->value, sizeof o->value, v, "");
	o->gran = NULL;
}

/* Shift a day-resolved point by n units ('Y' 'Q' 'M' 'W' 'D', 'E' decade,
 * 'C' century), keeping its granularity; the day is clamped to the month. */
static void shift_point(struct tpoint *p, char unit, int n)
{
	int y = p->y, m = p->m ? p->m : 1, d = p->d ? p->d : 1;
	long extra = 0;
	switch (unit) {
	case 'Y': y += n; break;
	case 'E': y += 10 * n; break;
	case 'C': y += 100 * n; break;
	case 'Q': date_add_months(&y, &m, 3 * n); break;
	case 'M': date_add_months(&y, &m, n); break;
	case 'W': extra = 7L * n; break;
	case 'D': extra = n; break;
	}
	if (d > date_days_in_month(y, m))
		d = date_days_in_month(y, m);
	point_from_days(p, date_days_from_civil(y, m, d) + extra, p->g);
}

/* Unit letter and granularity of a unit word. */
static char unit_letter(const char *s, size_t n, enum gran *g, bool *is_time)
{
	*is_time = false;
	char a = ascii_lower(s[0]), b = n > 1 ? ascii_lower(s[1]) : 0;
	switch (a) {
	case 'y': *g = GR_YEAR; return 'Y';
	case 'q': *g = GR_QUARTER; return 'Q';
	case 'w': *g = b == 'e' && n > 4 && ascii_lower(s[4]) == 'e' ? GR_WEEKEND : GR_WEEK; return 'W';
	case 'f': *g = GR_WEEK; return 'F';
	case 'd': if (b == 'e') { *g = GR_DECADE; return 'E'; } *g = GR_DAY; return 'D';
	case 'c': *g = GR_CENTURY; return 'C';
	case 'h': *is_time = true; *g = GR_TIME; return 'H';
	case 's': *is_time = true; *g = GR_TIME; return 'S';
	case 'm':
		if (b == 'o') { *g = GR_MONTH; return 'M'; }
		if (b == 'i' && n > 2 && ascii_lower(s[2]) == 'l') { *g = GR_CENTURY; return 'L'; }
		*is_time = true; *g = GR_TIME; return 'm';
	}
	*g = GR_DAY;
	return 'D';
}

/* A day (or month) number written in digits (num) or as an ordinal word
 * (word): "12", "9th", "ninth"; 0 if neither is set. */
static int range_day(const struct dctx *c, const struct hit *h, enum date_field num,
                     enum date_field word)
{
	size_t n;
	const char *s;
	int d = 0;
	if (fhas(h, num))
		return fint(c, h, num);
	if (fhas(h, word)) {
		s = ftext(c, h, word, &n);
		date_parse_ordinal(s, n, &d);
	}
	return d;
}

static void norm_rel_unit(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	if (fhas(h, DF_DAY2) || fhas(h, DF_DAYW2)) {
		/* "from the 4th to the 22nd of next month" */
		norm_day_range(c, h, o);
		return;
	}
	const char *u = ftext(c, h, DF_UNIT, &n);
	enum gran g;
	bool is_time;
	char unit;
	if (fhas(h, DF_UNIT))
		unit = unit_letter(u, n, &g, &is_time);
	else {
		unit = 'Y'; /* "year-end" */
		g = GR_YEAR;
	}
	int sign = rel_sign(c, h);
	if (fhas(h, DF_DIR))   /* "the week after next", "the month before last" */
		sign = ascii_lower(c->doc->text[h->f[DF_DIR].s]) == 'a' ? 2 : -2;
	o->mod = mod_of(c, h);
	if (!c->has_dct) {
		static const char *const uv[] = {[GR_YEAR] = "XXXX", [GR_MONTH] = "XXXX-XX",
		                                 [GR_WEEK] = "XXXX-WXX", [GR_WEEKEND] = "XXXX-WXX-WE",
		                                 [GR_QUARTER] = "XXXX-QX", [GR_DECADE] = "XXX",
		                                 [GR_CENTURY] = "XX", [GR_DAY] = "XXXX-XX-XX"};
		set_unresolved(o, uv[g] ? uv[g] : "XXXX", gran_names[g]);
		return;
	}
	struct tpoint p;
	point_from_days(&p, dct_days(c), g);
	if (g == GR_WEEKEND && !fhas(h, DF_REL) &&
	    date_weekday(c->dct.year, c->dct.month, c->dct.day) < 5 &&
	    tense_at(c, h, o, "weekend", false) <= 0)
		sign = -1; /* "the weekend" in a weekday story about the past */
	if (sign)
		shift_point(&p, unit == 'F' ? 'W' : unit, sign);
	p.g = g;
	/* "the 15th day of next month", "the 9th month of next year" */
	int k = range_day(c, h, fhas(h, DF_MNUM) ? DF_MNUM : DF_DAY, DF_DAYW);
	if (k && g == GR_MONTH) {
		if (k > date_days_in_month(p.y, p.m)) {
			o->type = MT__COUNT;
			return;
		}
		point_from_days(&p, date_days_from_civil(p.y, p.m, k), GR_DAY);
	} else if (k && g == GR_YEAR) {
		if (k > 12) {
			o->type = MT__COUNT;
			return;
		}
		p.m = k;
		p.g = GR_MONTH;
	}
	anchor_published(c, o);
	emit_point(o, &p);
}

static void norm_rel_month(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *s = ftext(c, h, DF_MONTH, &n);
	int m = date_month_number(s, n);
	int sign = rel_sign(c, h);
	o->mod = mod_of(c, h);
	if (!m) {
		o->type = MT__COUNT;
		return;
	}
	if (!c->has_dct) {
		snprintf(o->value, sizeof o->value, "XXXX-%02d", m);
		set_unresolved(o, o->value, "month");
		return;
	}
	struct tpoint p = {0};
	p.g = GR_MONTH;
	p.m = m;
	p.y = c->dct.year;
	if (fhas(h, DF_UNIT)) {
		/* "April last year": the year moves, the month is as written */
		p.y += sign;
	} else if (sign < 0) {
		if (m >= c->dct.month)
			p.y--;
	} else if (sign > 0) {
		if (m <= c->dct.month)
			p.y++;
	}
	anchor_published(c, o);
	emit_point(o, &p);
}

static long resolve_wday(struct dctx *c, const struct hit *h, struct tout *o, int wd, int sign,
                         bool has_rel)
{
	static const char *const names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
	                                    "Friday", "Saturday", "Sunday"};
	long z = dct_days(c);
	int cur = date_weekday(c->dct.year, c->dct.month, c->dct.day) + 1;
	int back = (cur - wd + 7) % 7;   /* days back to the previous (or same) wd */
	int fwd = (wd - cur + 7) % 7;    /* days forward to the next (or same) wd */
	/* "next Friday", "the following Friday", "previous Monday": that day of
	 * the next or the previous week ("last Friday" is the latest one) */
	if (has_rel && sign && !fis(c, h, DF_REL, "last") && !fis(c, h, DF_REL, "past")) {
		EV("'%s' -> %s of the %s week", sign > 0 ? "next" : "previous",
		         names[wd - 1], sign > 0 ? "next" : "previous");
		return z - (cur - 1) + 7L * sign + (wd - 1);
	}
	if (has_rel && sign < 0) {
		EV("'last' -> previous %s", names[wd - 1]);
		return z - (back ? back : 7);
	}
	if (has_rel && sign > 0) {
		EV("'next' -> following %s", names[wd - 1]);
		return z + (fwd ? fwd : 7);
	}
	if (!has_rel && back == 0) {
		EV("%s is the publication day", names[wd - 1]);
		return z;
	}
	int t = tense_at(c, h, o, names[wd - 1], false);
	if (t > 0)
		return z + (fwd ? fwd : 7);
	if (t < 0 || !has_rel) {
		if (!t)
			EV("no tense cue -> previous %s (news default)", names[wd - 1]);
		return z - back;
	}
	/* "this Friday" with no cue: the one in the coming days */
	return z + fwd;
}

static void norm_rel_wday(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *s = ftext(c, h, DF_WDAY, &n);
	int wd = date_weekday_number(s, n);
	if (!wd) {
		o->type = MT__COUNT;
		return;
	}
	if (!c->has_dct) {
		snprintf(o->value, sizeof o->value, "XXXX-WXX-%d", wd);
		set_unresolved(o, o->value, "day");
		return;
	}
	long z = resolve_wday(c, h, o, wd, rel_sign(c, h), fhas(h, DF_REL));
	struct tpoint p;
	point_from_days(&p, z, GR_DAY);
	anchor_published(c, o);
	emit_point(o, &p);
}

/* The anchor of a discourse-relative expression: the last date mentioned in
 * this or the previous sentence, else the last explicit date, else the
 * publication date.  Returns false when there is none. */
static bool discourse_anchor(struct dctx *c, const struct hit *h, struct tout *o, struct tpoint *p)
{
	size_t si = c->doc->nsentences ? doc_sentence_at(c->doc, h->start) : 0;
	if (c->have_last && c->last_sentence + 1 >= si) {
		*p = c->last;
		o->anchor = "mention";
		o->anchor_start = c->last_start;
		return true;
	}
	if (c->have_explicit) {
		*p = c->explicit_pt;
		o->anchor = "mention";
		o->anchor_start = c->explicit_start;
		return true;
	}
	if (c->has_dct) {
		point_from_days(p, dct_days(c), GR_DAY);
		anchor_published(c, o);
		return true;
	}
	return false;
}

static void norm_offset(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *u = ftext(c, h, DF_UNIT, &n);
	enum gran g;
	bool is_time;
	char unit = unit_letter(u, n, &g, &is_time);
	double cnt = 1;
	bool vague = false;
	if (fhas(h, DF_NUM)) {
		const char *ns = ftext(c, h, DF_NUM, &n);
		if (!date_parse_count(ns, n, &cnt, &vague))
			cnt = 1;
	}
	const char *d = ftext(c, h, DF_DIR, &n);
	int sign;
	bool discourse = true;
	char d0 = ascii_lower(d[0]);
	if (ascii_ieq(d, n, "ago") || ascii_ieq(d, n, "back")) {
		sign = -1;
		discourse = false;
	} else if ((d0 == 'f' && n > 4 && ascii_lower(d[1]) == 'r') || ascii_ieq(d, n, "hence")) {
		sign = +1; /* from now */
		discourse = false;
	} else if (ascii_ieq(d, n, "later") || ascii_ieq(d, n, "on") || d0 == 'a' /* after(wards) */ ||
	           ascii_ieq(d, n, "following") || ascii_ieq(d, n, "next")) {
		sign = +1;
	} else if (ascii_ieq(d, n, "that") || (n >= 4 && ascii_ieq(d + n - 4, 4, "same"))) {
		sign = 0;  /* "that day", "the same week": the anchor's own period */
	} else {
		sign = -1; /* earlier, before, previously, previous, preceding, prior */
	}
	o->mod = mod_of(c, h);
	if (vague) {
		cat2(o->value, sizeof o->value, sign > 0 ? "FUTURE_REF" : "PAST_REF", "");
		return;
	}
	int k = (int)cnt;
	if (is_time) {
		/* "three hours ago", "30 minutes later": a TIME, counted from the
		 * publication date taken at 00:00 (it carries no clock time) */
		if (!c->has_dct) {
			set_unresolved(o, "XXXX-XX-XXTXX:XX", "time");
			o->type = MT_TIME;
			return;
		}
		long secs = (long)(cnt * (unit == 'H' ? 3600 : unit == 'm' ? 60 : 1));
		long z = dct_days(c) + (sign * secs) / 86400 - ((sign * secs) % 86400 < 0);
		long r = ((sign * secs) % 86400 + 86400) % 86400;
		int yy, mm, dd2;
		date_civil_from_days(z, &yy, &mm, &dd2);
		snprintf(o->value, sizeof o->value, "%04d-%02d-%02dT%02ld:%02ld:%02ld", yy, mm, dd2,
		         r / 3600, (r / 60) % 60, r % 60);
		o->type = MT_TIME;
		o->gran = "time";
		anchor_published(c, o);
		return;
	}
	if (unit == 'F') {
		unit = 'D';
		k *= 14;
		g = GR_DAY;
	}
	struct tpoint p;
	size_t si = c->doc->nsentences ? doc_sentence_at(c->doc, h->start) : 0;
	/* Financial news compares periods: with a quarter just mentioned, "a year
	 * ago"/"a year earlier" is that quarter a year before. */
	if ((unit == 'Y' || unit == 'Q') && c->have_last && c->last.g == GR_QUARTER &&
	    c->last_sentence + 1 >= si) {
		p = c->last;
		int qi = p.y * 4 + (p.q - 1) + sign * k * (unit == 'Y' ? 4 : 1);
		p.y = qi / 4;
		p.q = qi % 4 + 1;
		p.g = GR_QUARTER;
		o->anchor = "mention";
		o->anchor_start = c->last_start;
		o->comparison = true;
		EV("compared period: the quarter mentioned just before");
		emit_point(o, &p);
		return;
	}
	if (discourse) {
		if (!discourse_anchor(c, h, o, &p)) {
			set_unresolved(o, "XXXX", gran_names[g]);
			return;
		}
		if (o->anchor && !strcmp(o->anchor, "mention"))
			EV("relative to the last date mentioned");
		else if (sign == 0) {
			/* "that weekend" with no date before it: which one is not said */
			static const char *const uv[] = {[GR_YEAR] = "XXXX", [GR_MONTH] = "XXXX-XX",
			                                 [GR_WEEK] = "XXXX-WXX", [GR_WEEKEND] = "XXXX-WXX-WE",
			                                 [GR_QUARTER] = "XXXX-QX", [GR_DAY] = "XXXX-XX-XX"};
			set_unresolved(o, uv[g] ? uv[g] : "XXXX", gran_names[g]);
			return;
		}
	} else {
		if (!c->has_dct) {
			set_unresolved(o, "XXXX", gran_names[g]);
			return;
		}
		point_from_days(&p, dct_days(c), GR_DAY);
		anchor_published(c, o);
	}
	enum gran ag = p.g;
	int y = p.y, m = p.m ? p.m : (p.q ? (p.q - 1) * 3 + 1 : 1), dd = p.d ? p.d : 1;
	switch (unit) {
	case 'Y': y += sign * k; break;
	case 'E': y += sign * k * 10; g = GR_YEAR; break;
	case 'C': y += sign * k * 100; g = GR_YEAR; break;
	case 'L': y += sign * k * 1000; g = GR_YEAR; break;
	case 'Q': date_add_months(&y, &m, sign * k * 3); break;
	case 'M': date_add_months(&y, &m, sign * k); break;
	default: break;
	}
	if (dd > date_days_in_month(y, m))
		dd = date_days_in_month(y, m);
	long z = date_days_from_civil(y, m, dd);
	if (unit == 'W')
		z += 7L * sign * k;
	else if (unit == 'D')
		z += (long)sign * k;
	/* never finer than the anchor: "two days later" after "2013" is 2013;
	 * and "a year earlier" after "March" is a March */
	if (ag != GR_NONE && ag < g)
		g = ag;
	else if (unit == 'Y' && (ag == GR_MONTH || ag == GR_QUARTER || ag == GR_HALF))
		g = ag;
	point_from_days(&p, z, g);
	emit_point(o, &p);
}

/* The day part of a TIME: weekday, today/yesterday/tomorrow, month+day, ISO date. */
static bool time_day(struct dctx *c, const struct hit *h, struct tout *o, struct tpoint *p,
                     bool *unres)
{
	*unres = false;
	if (fhas(h, DF_YEAR) && fhas(h, DF_MNUM) && fhas(h, DF_DAY)) {
		int y = year_of(c, h), m = fint(c, h, DF_MNUM), d = fint(c, h, DF_DAY);
		if (d > date_days_in_month(y, m))
			return false;
		point_from_days(p, date_days_from_civil(y, m, d), GR_DAY);
		return true;
	}
	if (fhas(h, DF_MONTH) && fhas(h, DF_DAY)) {
		size_t n;
		const char *s = ftext(c, h, DF_MONTH, &n);
		int m = date_month_number(s, n), d = fint(c, h, DF_DAY);
		bool has_year = fhas(h, DF_YEAR);
		if (!has_year && !c->has_dct) {
			*unres = true;
			return false;
		}
		int y = has_year ? year_of(c, h) : pick_year(c, h, o, m, d);
		if (!m || d > date_days_in_month(y, m))
			return false;
		point_from_days(p, date_days_from_civil(y, m, d), GR_DAY);
		if (!has_year)
			anchor_published(c, o);
		return true;
	}
	if (fhas(h, DF_WDAY)) {
		size_t n;
		const char *s = ftext(c, h, DF_WDAY, &n);
		int wd = date_weekday_number(s, n);
		if (!c->has_dct || !wd) {
			*unres = true;
			return false;
		}
		point_from_days(p, resolve_wday(c, h, o, wd, rel_sign(c, h), fhas(h, DF_REL)), GR_DAY);
		anchor_published(c, o);
		return true;
	}
	if (fhas(h, DF_DEIC)) {
		size_t n;
		const char *s = ftext(c, h, DF_DEIC, &n);
		if (!c->has_dct) {
			*unres = true;
			return false;
		}
		int off = ascii_ieq(s, n, "yesterday") ? -1 : ascii_ieq(s, n, "tomorrow") ? 1 : 0;
		point_from_days(p, dct_days(c) + off, GR_DAY);
		anchor_published(c, o);
		return true;
	}
	return false;
}

static void norm_clock(struct dctx *c, const struct hit *h, struct tout *o)
{
	int hour = 0, min = 0, sec = 0;
	bool eod = false;
	bool has_min = fhas(h, DF_MIN);
	if (fhas(h, DF_WORD)) {
		size_t n;
		const char *w = ftext(c, h, DF_WORD, &n);
		hour = ascii_lower(w[0]) == 'm' && ascii_lower(w[1]) == 'i' && ascii_lower(w[3]) == 'n' ? 24 : 12;
		if (ascii_lower(w[0]) == 'e')
			eod = true;   /* "end of the day", "eod" */
		/* "noonish": about noon, to the hour */
		has_min = !(n > 3 && ascii_ieq(w + n - 3, 3, "ish"));
		if (!has_min)
			o->mod = "APPROX";
	} else if (fhas(h, DF_DIR)) {
		/* "half past seven", "20 min past eight", "a quarter to nine" */
		hour = fnum(c, h, DF_HOUR);
		size_t n;
		const char *m = ftext(c, h, DF_MIN, &n);
		char m0 = ascii_lower(m[n - 1] == 'r' ? 'q' : m[0]);
		min = m0 == 'h' ? 30 : m0 == 'q' ? 15 : fnum(c, h, DF_MIN);
		if (hour < 1 || hour > 12 || min < 1 || min > 59) {
			o->type = MT__COUNT;
			return;
		}
		const char *d = ftext(c, h, DF_DIR, &n);
		if (ascii_lower(d[0]) == 't' || ascii_lower(d[0]) == 'b') {
			hour = hour == 1 ? 12 : hour - 1;
			min = 60 - min;
		}
		has_min = true;
	} else {
		hour = fint(c, h, DF_HOUR);
		min = has_min ? fint(c, h, DF_MIN) : 0;
		sec = fhas(h, DF_SEC) ? fint(c, h, DF_SEC) : 0;
	}
	o->half_known = fhas(h, DF_AMPM) || fhas(h, DF_PART) || fhas(h, DF_WORD) || hour > 12 ||
	                (fhas(h, DF_HOUR) && c->doc->text[h->f[DF_HOUR].s] == '0');
	if (fhas(h, DF_AMPM)) {
		size_t n;
		const char *a = ftext(c, h, DF_AMPM, &n);
		char ap = ascii_lower(a[0]);
		if (hour > 12 || hour == 0) {
			if (ap == 'a' || ap == 'p') {
				o->type = MT__COUNT;
				return;
			}
		}
		if (ap == 'p' && hour < 12)
			hour += 12;
		else if (ap == 'a' && hour == 12)
			hour = 0;
	} else if (fhas(h, DF_PART)) {
		size_t n;
		const char *pt = ftext(c, h, DF_PART, &n);
		char p0 = ascii_lower(pt[0]);
		if ((p0 == 'a' || p0 == 'e' || p0 == 'n') && hour < 12 && !(p0 == 'n' && hour < 5))
			hour += 12;
	}
	char tm[48];
	if (eod) {
		if (!c->has_dct) {
			set_unresolved(o, "XXXX-XX-XXT23:59:59", "time");
			return;
		}
		char day[16];
		fmt_day(day, sizeof day, dct_days(c));
		snprintf(o->value, sizeof o->value, "%sT23:59:59", day);
		o->gran = "time";
		anchor_published(c, o);
		return;
	}
	if (hour >= 0 && hour <= 99 && min >= 0 && min <= 99 && sec >= 0 && sec <= 99) {
		/* the same text as the snprintf calls below, without them */
		char *q = tm;
		*q++ = 'T';
		q = put_dec(q, hour, 2);
		if (fhas(h, DF_SEC) || has_min) {
			*q++ = ':';
			q = put_dec(q, min, 2);
		}
		if (fhas(h, DF_SEC)) {
			*q++ = ':';
			q = put_dec(q, sec, 2);
		}
		*q = '\0';
	} else if (fhas(h, DF_SEC))
		snprintf(tm, sizeof tm, "T%02d:%02d:%02d", hour, min, sec);
	else if (has_min)
		snprintf(tm, sizeof tm, "T%02d:%02d", hour, min);
	else
		snprintf(tm, sizeof tm, "T%02d", hour); /* "9pm": hour precision */
	if (fhas(h, DF_MOD) || !o->mod)
		o->mod = mod_of(c, h);
	struct tpoint p;
	bool unres;
	if (time_day(c, h, o, &p, &unres)) {
		char day[48];
		fmt_point(&p, day, sizeof day);
		cat2(o->value, sizeof o->value, day, tm);
		o->gran = "time";
		size_t lv = strlen(o->value) + 1;   /* begin, end: as big as value */
		memcpy(o->begin, o->value, lv);
		memcpy(o->end, o->value, lv);
	} else {
		/* a clock time with no day stated: the day is not guessed */
		cat2(o->value, sizeof o->value, tm, "");
		o->gran = "time";
		if (unres) {
			o->anchor = "none";
			o->unresolved = true;
		}
	}
	if (fhas(h, DF_ZONE)) {
		size_t n;
		const char *z = ftext(c, h, DF_ZONE, &n);
		EV("time zone %.*s", (int)(n > 12 ? 12 : n), z);
	}
}

/* "5-6 pm": the am/pm written once belongs to both ends; the start takes the
 * same half of the day unless that would put it after the end. */
static void norm_clock_range(struct dctx *c, const struct hit *h, struct tout *o)
{
	int h1 = fnum(c, h, DF_HOUR), h2 = fnum(c, h, DF_HOUR2);
	int m1 = fhas(h, DF_MIN) ? fint(c, h, DF_MIN) : 0, m2 = fhas(h, DF_MIN2) ? fint(c, h, DF_MIN2) : 0;
	size_t n;
	int b, e;
	if (!fhas(h, DF_AMPM)) {
		/* "11-4", "10:30 to 3", "0930-0730": the hours as written, the
		 * end moved to the afternoon when it would come before the start */
		if (h1 < 0 || h2 < 0 || h1 > 23 || h2 > 23) {
			o->type = MT__COUNT;
			return;
		}
		b = h1 * 60 + m1;
		e = h2 * 60 + m2;
		if (e <= b && h2 < 12)
			e += 12 * 60;
		if (e <= b) {
			o->type = MT__COUNT;
			return;
		}
		goto format;
	}
	const char *a = ftext(c, h, DF_AMPM, &n);
	bool pm = ascii_lower(a[0]) == 'p';
	o->half_known = true;
	if (h1 < 1 || h1 > 12 || h2 < 1 || h2 > 12) {
		o->type = MT__COUNT;
		return;
	}
	e = (h2 % 12 + (pm ? 12 : 0)) * 60 + m2;
	b = (h1 % 12 + (pm ? 12 : 0)) * 60 + m1;
	if (b > e)
		b -= 12 * 60;  /* "11-1 pm": 11 a.m. to 1 p.m. */
	if (b < 0 || b >= e) {
		o->type = MT__COUNT;
		return;
	}
format:;
	char t1[16], t2[16];
	if (fhas(h, DF_MIN))
		snprintf(t1, sizeof t1, "T%02d:%02d", (b / 60) % 24, b % 60);
	else
		snprintf(t1, sizeof t1, "T%02d", (b / 60) % 24);
	if (fhas(h, DF_MIN2))
		snprintf(t2, sizeof t2, "T%02d:%02d", (e / 60) % 24, e % 60);
	else
		snprintf(t2, sizeof t2, "T%02d", (e / 60) % 24);
	int d = e - b;
	if (d < 60)
		snprintf(o->value, sizeof o->value, "(%s,%s,PT%dM)", t1, t2, d);
	else if (d % 60)
		snprintf(o->value, sizeof o->value, "(%s,%s,PT%dH%dM)", t1, t2, d / 60, d % 60);
	else
		snprintf(o->value, sizeof o->value, "(%s,%s,PT%dH)", t1, t2, d / 60);
	o->gran = "time";
}

static const char *part_code(const char *s, size_t n)
{
	switch (ascii_lower(s[0])) {
	case 'm': return ascii_lower(s[1]) == 'i' ? "T12:00" : "TMO";
	case 'a': return "TAF";
	case 'e': return "TEV";
	case 'd': return "TDT";
	case 'o': return "TNI"; /* overnight */
	case 't': return "TNI"; /* tonight */
	default: UNUSED(n); return "TNI";
	}
}

static void norm_partday(struct dctx *c, const struct hit *h, struct tout *o)
{
	const char *code;
	size_t n;
	int off = 0;
	if (fhas(h, DF_PART)) {
		const char *s = ftext(c, h, DF_PART, &n);
		code = part_code(s, n);
	} else {
		const char *s = ftext(c, h, DF_DEIC, &n);
		code = part_code(s, n);
		/* "overnight": the night before publication */
		if (ascii_ieq(s, n, "overnight"))
			off = -1;
	}
	o->mod = mod_of(c, h);
	struct tpoint p;
	bool unres = false;
	if (fhas(h, DF_WDAY) || (fhas(h, DF_DEIC) && !fis(c, h, DF_DEIC, "tonight") && !fis(c, h, DF_DEIC, "overnight"))) {
		if (!time_day(c, h, o, &p, &unres)) {
			snprintf(o->value, sizeof o->value, "XXXX-XX-XX%s", code);
			set_unresolved(o, o->value, "time");
			return;
		}
	} else if (fis(c, h, DF_REL, "that")) {
		if (!discourse_anchor(c, h, o, &p) || p.g < GR_DAY) {
			cat2(o->value, sizeof o->value, code, "");
			o->gran = "time";
			return;
		}
	} else if (!fhas(h, DF_REL) && !fhas(h, DF_DEIC) && !fis(c, h, DF_MOD, "mid")) {
		/* "in the morning": a part of some day the text does not name */
		cat2(o->value, sizeof o->value, code, "");
		o->gran = "time";
		return;
	} else {
		if (!c->has_dct) {
			snprintf(o->value, sizeof o->value, "XXXX-XX-XX%s", code);
			set_unresolved(o, o->value, "time");
			return;
		}
		int sign = rel_sign(c, h);
		/* "last night" is the night before; "next morning" the day after */
		point_from_days(&p, dct_days(c) + off + sign, GR_DAY);
		anchor_published(c, o);
	}
	char day[48];
	p.g = GR_DAY;
	fmt_point(&p, day, sizeof day);
	cat2(o->value, sizeof o->value, day, code);
	o->gran = "time";
	cat2(o->begin, sizeof o->begin, day, "");
	cat2(o->end, sizeof o->end, day, "");
}

/* Format a duration of cnt units as TIMEX3 ("P3Y", "PT8H", "P2Y6M", "PXD"). */
static void fmt_duration(char *out, size_t n, double cnt, char unit, bool vague)
{
	const char *t = (unit == 'H' || unit == 'm' || unit == 'S') ? "T" : "";
	char u = unit == 'm' ? 'M' : unit;
	if (unit == 'E') { u = 'Y'; cnt *= 10; }
	if (unit == 'C') { u = 'Y'; cnt *= 100; }
	if (unit == 'L') { u = 'Y'; cnt *= 1000; }
	if (unit == 'F') { u = 'W'; cnt *= 2; }
	if (unit == 'Q') { u = 'M'; cnt *= 3; }
	if (vague && n >= 5) {
		/* "PXY", "PTXH": as snprintf("P%sX%c") would, a tenth of the cost */
		char *q = out;
		*q++ = 'P';
		if (*t)
			*q++ = 'T';
		*q++ = 'X';
		*q++ = unit == 'E' ? 'E' : unit == 'C' ? 'C' : u;
		*q = '\0';
		return;
	}
	if (vague) {
		snprintf(out, n, "P%sX%c", t, unit == 'E' ? 'E' : unit == 'C' ? 'C' : u);
		return;
	}
	double whole = (double)(long)cnt;
	double frac = cnt - whole;
	if (frac <= 0.001 && whole >= 0 && whole < 1e9 && n >= 16) {
		/* the common case, without snprintf: "P3Y", "PT8H" */
		char d[12];
		size_t k = 0;
		for (long v = (long)whole; k == 0 || v; v /= 10)
			d[k++] = (char)('0' + v % 10);
		char *q = out;
		*q++ = 'P';
		if (*t)
			*q++ = 'T';
		while (k)
			*q++ = d[--k];
		*q++ = u;
		*q = '\0';
		return;
	}
	if (frac > 0.001) {
		/* express the fraction in the next smaller unit when it divides evenly */
		static const struct { char u, sub; int k; const char *t; } sub[] = {
			{'Y', 'M', 12, ""}, {'D', 'H', 24, "T"}, {'H', 'M', 60, ""}, {'M', 'S', 60, ""},
		};
		for (size_t i = 0; i < ARRAY_SIZE(sub); i++) {
			if (sub[i].u != u || (u == 'M' && !*t))
				continue;
			double sv = frac * sub[i].k;
			if (sv - (double)(long)sv < 0.001) {
				if (whole > 0)
					snprintf(out, n, "P%s%ld%c%s%ld%c", t, (long)whole, u, sub[i].t, (long)sv, sub[i].sub);
				else
					snprintf(out, n, "P%s%s%ld%c", t, sub[i].t, (long)sv, sub[i].sub);
				return;
			}
		}
		snprintf(out, n, "P%s%g%c", t, cnt, u);
		return;
	}
	snprintf(out, n, "P%s%ld%c", t, (long)whole, u);
}

/* "3 hours 30 minutes", "2 years and 1 month": two whole counts, the
 * second of a smaller unit, as one length ("PT3H30M", "P2Y1M", "P1DT2H"). */
static void norm_duration_two(struct dctx *c, const struct hit *h, struct tout *o)
{
	static const char order[] = "YMWDHmS";
	char part[2][16];
	int rank[2];
	bool tp[2];
	o->type = MT__COUNT;
	for (int k = 0; k < 2; k++) {
		enum date_field fu = k ? DF_UNIT2 : DF_UNIT, fn = k ? DF_NUM2 : DF_NUM;
		size_t un, nn;
		const char *u = ftext(c, h, fu, &un);
		const char *ns = ftext(c, h, fn, &nn);
		enum gran g;
		bool is_time, vague;
		char unit = unit_letter(u, un, &g, &is_time);
		double cnt;
		const char *p = strchr(order, unit);
		if (!fhas(h, fn) || !p || g == GR_WEEKEND || !date_parse_count(ns, nn, &cnt, &vague) ||
		    vague || cnt < 1 || cnt != (double)(long)cnt)
			return;
		rank[k] = (int)(p - order);
		tp[k] = is_time;
		snprintf(part[k], sizeof part[k], "%ld%c", (long)cnt, unit == 'm' ? 'M' : unit);
	}
	if (rank[1] <= rank[0])
		return;
	snprintf(o->value, sizeof o->value, "P%s%s%s%s", tp[0] ? "T" : "", part[0],
	         tp[1] && !tp[0] ? "T" : "", part[1]);
	o->type = MT_DURATION;
	o->mod = mod_of(c, h);
	o->gran = NULL;
}

static void norm_duration(struct dctx *c, const struct hit *h, struct tout *o, bool span)
{
	size_t n;
	if (fhas(h, DF_NUM2)) {
		norm_duration_two(c, h, o);
		return;
	}
	const char *u = ftext(c, h, DF_UNIT, &n);
	enum gran g;
	bool is_time;
	char unit = unit_letter(u, n, &g, &is_time);
	double cnt = 1;
	bool vague = false;
	if (fhas(h, DF_NUM)) {
		const char *ns = ftext(c, h, DF_NUM, &n);
		if (!date_parse_count(ns, n, &cnt, &vague)) {
			o->type = MT__COUNT;
			return;
		}
	}
	/* "a year and a half", "one and a half hours" */
	{
		/* after the count: "one and a half" is already 1.5 */
		uint32_t from = fhas(h, DF_NUM) ? h->f[DF_NUM].e : h->start;
		const char *t = c->doc->text + from;
		size_t len = h->end - from;
		for (size_t i = 0; i + 11 <= len; i++)
			if (ascii_ieq(t + i, 11, " and a half")) {
				cnt += 0.5;
				break;
			}
	}
	if (unit == 'W' && g == GR_WEEKEND) {
		unit = 'D';
		cnt *= 2;
	}
	/* "back within 5 minutes": the time from now (the publication date at
	 * 00:00, it carries no clock) to 5 minutes later; with hours or
	 * minutes only, and not in a past-tense clause */
	if (is_time && !vague && c->has_dct && fis(c, h, DF_MOD, "within") && cnt >= 1 &&
	    tense_at(c, h, o, "range", true) >= 0) {
		long secs = (long)(cnt * (unit == 'H' ? 3600 : unit == 'm' ? 60 : 1));
		if (secs < 86400) {
			char d0[16], dur[32];
			fmt_day(d0, sizeof d0, dct_days(c));
			fmt_duration(dur, sizeof dur, cnt, unit, false);
			snprintf(o->value, sizeof o->value, "(%sT00:00:00,%sT%02ld:%02ld:%02ld,%s)", d0, d0,
			         secs / 3600, (secs / 60) % 60, secs % 60, dur);
			o->type = MT_TIME;
			o->gran = "time";
			anchor_published(c, o);
			return;
		}
	}
	/* "will be back in two weeks": a future point, not a length */
	if (!span && !vague && c->has_dct && !fhas(h, DF_MOD) && h->start >= 3 &&
	    ascii_ieq(c->doc->text + h->start - 3, 3, "in ") &&
	    (h->start == 3 || !is_ascii_lower(ascii_lower(c->doc->text[h->start - 4]))) &&
	    (tense_at(c, h, o, "date", true) > 0 ||
	     (is_time && !tense_at(c, h, o, "date", true)))) {
		long secs = 0, days = 0;
		int k = (int)cnt, y = c->dct.year, m = c->dct.month, d = c->dct.day;
		switch (unit) {
		case 'Y': y += k; break;
		case 'E': y += 10 * k; break;
		case 'Q': date_add_months(&y, &m, 3 * k); break;
		case 'M': date_add_months(&y, &m, k); break;
		case 'W': days = 7L * k; break;
		case 'F': days = 14L * k; break;
		case 'D': days = k; break;
		case 'H': secs = 3600L * k; break;
		case 'm': secs = 60L * k; break;
		case 'S': secs = k; break;
		default: break;
		}
		if (d > date_days_in_month(y, m))
			d = date_days_in_month(y, m);
		long z = date_days_from_civil(y, m, d) + days + secs / 86400;
		struct tpoint p;
		point_from_days(&p, z, GR_DAY);
		anchor_published(c, o);
		if (is_time) {
			long r = secs % 86400;
			snprintf(o->value, sizeof o->value, "%04d-%02d-%02dT%02ld:%02ld:%02ld", p.y, p.m, p.d,
			         r / 3600, (r / 60) % 60, r % 60);
			o->type = MT_TIME;
			o->gran = "time";
		} else {
			o->type = MT_DATE;
			emit_point(o, &p);
		}
		return;
	}
	o->mod = mod_of(c, h);
	fmt_duration(o->value, sizeof o->value, cnt, unit, vague);
	o->gran = NULL;
	/* "the past three years": an interval ending at the publication date */
	if (span && fhas(h, DF_REL) && c->has_dct && !vague && !is_time) {
		int sign = rel_sign(c, h);
		if (sign) {
			struct tpoint p;
			point_from_days(&p, dct_days(c), GR_DAY);
			long z0 = dct_days(c);
			char uu = unit;
			int k = (int)cnt;
			if (uu == 'E') { uu = 'Y'; k *= 10; }
			if (uu == 'C') { uu = 'Y'; k *= 100; }
			if (uu == 'F') { uu = 'W'; k *= 2; }
			shift_point(&p, uu, sign * k);
			long z1 = date_days_from_civil(p.y, p.m, p.d);
			fmt_day(o->begin, sizeof o->begin, sign < 0 ? z1 : z0);
			fmt_day(o->end, sizeof o->end, sign < 0 ? z0 : z1);
			anchor_published(c, o);
		}
	}
}

static void norm_dur_vague(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *u = ftext(c, h, DF_UNIT, &n);
	enum gran g;
	bool is_time;
	char unit = unit_letter(u, n, &g, &is_time);
	fmt_duration(o->value, sizeof o->value, 0, unit, true);
	o->mod = mod_of(c, h);
	o->gran = NULL;
}

static void norm_set(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	o->quant = NULL;
	if (fhas(h, DF_WORD)) {
		const char *w = ftext(c, h, DF_WORD, &n);
		if (ascii_ieq(w, n, "every") || ascii_ieq(w, n, "each"))
			o->quant = ascii_lower(w[0]) == 'e' && ascii_lower(w[1]) == 'v' ? "EVERY" : "EACH";
		else {
			static const struct { const char *w, *v; } adv[] = {
				{"daily", "P1D"}, {"everyday", "P1D"}, {"weekly", "P1W"}, {"monthly", "P1M"},
				{"annually", "P1Y"}, {"yearly", "P1Y"}, {"quarterly", "P3M"},
				{"hourly", "PT1H"}, {"nightly", "TNI"}, {"biweekly", "P2W"},
				{"bimonthly", "P2M"}, {"semiannually", "P6M"}, {"semi-annually", "P6M"},
				{"biannually", "P6M"}, {"fortnightly", "P2W"}, {"bi-weekly", "P2W"},
				{"bi-monthly", "P2M"},
			};
			for (size_t i = 0; i < ARRAY_SIZE(adv); i++)
				if (ascii_ieq(w, n, adv[i].w)) {
					cat2(o->value, sizeof o->value, adv[i].v, "");
					return;
				}
			o->type = MT__COUNT;
			return;
		}
	}
	if (fhas(h, DF_WDAY)) {
		const char *s = ftext(c, h, DF_WDAY, &n);
		int wd = date_weekday_number(s, n);
		const char *part = "";
		if (fhas(h, DF_PART)) {
			size_t pn;
			const char *ps = ftext(c, h, DF_PART, &pn);
			part = part_code(ps, pn);
		}
		snprintf(o->value, sizeof o->value, "XXXX-WXX-%d%s", wd, part);
		return;
	}
	if (fhas(h, DF_MONTH)) {
		const char *s = ftext(c, h, DF_MONTH, &n);
		snprintf(o->value, sizeof o->value, "XXXX-%02d", date_month_number(s, n));
		return;
	}
	if (fhas(h, DF_PART)) {
		const char *s = ftext(c, h, DF_PART, &n);
		snprintf(o->value, sizeof o->value, "%s", part_code(s, n));
		return;
	}
	double cnt = 1;
	bool vague = false;
	if (fhas(h, DF_NUM)) {
		const char *s = ftext(c, h, DF_NUM, &n);
		double f = 1;
		if (!date_parse_count(s, n, &f, &vague))
			f = 1;
		if (fhas(h, DF_WORD)) {
			cnt = f; /* "every two weeks" */
		} else {
			snprintf(o->freq, sizeof o->freq, "%gX", f);
		}
	}
	const char *u = ftext(c, h, DF_UNIT, &n);
	enum gran g;
	bool is_time;
	char unit = unit_letter(u, n, &g, &is_time);
	/* "every other day": every second one */
	const char *sp = c->doc->text + h->start;
	size_t sl = h->end - h->start;
	for (size_t i = 0; i + 6 <= sl; i++)
		if (ascii_ieq(sp + i, 6, " other"))
			cnt *= 2;
	if (g == GR_WEEKEND && !vague) {
		snprintf(o->value, sizeof o->value, "P%gWE", cnt);
		return;
	}
	fmt_duration(o->value, sizeof o->value, cnt, unit, vague);
}

/* Day of holiday hd in year y, as days since the epoch. */
static long holiday_day(const struct date_holiday *hd, int y)
{
	if (hd->easter) {
		int m, d;
		date_easter(y, &m, &d);
		return date_days_from_civil(y, m, d) + hd->day;
	}
	if (!hd->nth)
		return date_days_from_civil(y, hd->month, hd->day);
	if (hd->nth > 0) {
		long first = date_days_from_civil(y, hd->month, 1);
		int wd = date_weekday(y, hd->month, 1) + 1;
		/* day: days after the nth weekday ("black friday": Thanksgiving + 1) */
		return first + (hd->wday - wd + 7) % 7 + 7L * (hd->nth - 1) + hd->day;
	}
	int last = date_days_in_month(y, hd->month);
	long z = date_days_from_civil(y, hd->month, last);
	int wd = date_weekday(y, hd->month, last) + 1;
	return z - (wd - hd->wday + 7) % 7;
}

/* The day of a holiday, or with "weekend" the weekend it falls in or next
 * to: a Monday holiday's is the one before ("Labor Day weekend"), a Tuesday
 * to Friday holiday's the one after. */
static void holiday_point(const struct hit *h, struct tpoint *p, long z)
{
	if (!fhas(h, DF_UNIT)) {
		point_from_days(p, z, GR_DAY);
		return;
	}
	int y, m, d;
	date_civil_from_days(z, &y, &m, &d);
	int wd = date_weekday(y, m, d);
	z += wd == 0 ? -2 : wd < 5 ? 5 - wd : 0;
	point_from_days(p, z, GR_WEEKEND);
}

static void norm_holiday(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *w = ftext(c, h, DF_WORD, &n);
	char key[40];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < sizeof key; i++) {
		char ch = ascii_lower(w[i]);
		if (ch == ' ' || ch == '\t' || ch == '\n') {
			if (k && key[k - 1] != ' ')
				key[k++] = ' ';
		} else if (is_ascii_lower(ch)) {
			key[k++] = ch;  /* drops apostrophes */
		}
	}
	key[k] = '\0';
	const struct date_holiday *hd = NULL;
	for (size_t i = 0; i < date_nholidays && !hd; i++)
		if (!strcmp(key, date_holidays[i].name))
			hd = &date_holidays[i];
	if (!hd) {
		o->type = MT__COUNT;
		return;
	}
	struct tpoint p;
	if (fhas(h, DF_YEAR)) {
		holiday_point(h, &p, holiday_day(hd, year_of(c, h)));
		o->explicit_year = true;
		emit_point(o, &p);
		return;
	}
	if (!c->has_dct) {
		if (hd->nth || hd->easter)
			set_unresolved(o, "XXXX-XX-XX", "day");
		else {
			snprintf(o->value, sizeof o->value, "XXXX-%02d-%02d", hd->month, hd->day);
			set_unresolved(o, o->value, "day");
		}
		return;
	}
	long z0 = dct_days(c);
	int sign = rel_sign(c, h);
	if (!fhas(h, DF_REL))
		sign = tense_at(c, h, o, "holiday", true);
	/* "last/next Easter": that side; otherwise the nearest occurrence, unless
	 * the tense points the other way and it is over TENSE_FAR days off (as
	 * for months, pick_year) */
	long best = 0, bestdist = -1, alt = 0, altdist = -1;
	for (int y = c->dct.year - 1; y <= c->dct.year + 1; y++) {
		long z = holiday_day(hd, y);
		long dist = z > z0 ? z - z0 : z0 - z;
		bool side = (sign < 0 && z < z0) || (sign > 0 && z > z0);
		if (side && (altdist < 0 || dist < altdist)) {
			altdist = dist;
			alt = z;
		}
		if (bestdist < 0 || dist < bestdist) {
			bestdist = dist;
			best = z;
		}
	}
	if (sign && altdist >= 0 && alt != best && (fhas(h, DF_REL) || bestdist > TENSE_FAR))
		best = alt;
	holiday_point(h, &p, best);
	anchor_published(c, o);
	emit_point(o, &p);
}

/* "the last week of July" (XXXX-07-W05), "first week of Jan 2015"
 * (2015-01-W01): the nth Monday-started week of a month; "the second week of
 * 2021", "last week of 2019": the ISO week of a year.  A month with no year
 * stays underspecified. */
static void norm_week_of(struct dctx *c, const struct hit *h, struct tout *o, const char *ns,
                         size_t n)
{
	int k = 0;
	bool last = ascii_ieq(ns, n, "last") || ascii_ieq(ns, n, "final");
	if (!last && (!date_parse_ordinal(ns, n, &k) || k < 1 || k > 5)) {
		o->type = MT__COUNT;
		return;
	}
	int y = 0, m = 0;
	if (fhas(h, DF_MONTH)) {
		size_t mn;
		const char *ms = ftext(c, h, DF_MONTH, &mn);
		m = date_month_number(ms, mn);
		if (fhas(h, DF_YEAR))
			y = year_of(c, h);
	} else if (fhas(h, DF_YEAR)) {
		y = year_of(c, h);
	} else if (c->has_dct) {
		y = c->dct.year;
		int sign = fis(c, h, DF_REL, "last") ? -1 : fis(c, h, DF_REL, "next") ? 1 : 0;
		if (fis(c, h, DF_UNIT, "month")) {
			m = c->dct.month;
			date_add_months(&y, &m, sign);
		} else {
			y += sign;
		}
		anchor_published(c, o);
	} else {
		set_unresolved(o, "XXXX-WXX", "week");
		return;
	}
	if (m) {
		if (last) {
			k = 5;
			if (y) {
				int off = date_weekday(y, m, 1);
				k = (off + date_days_in_month(y, m) + 6) / 7;
			}
		}
		if (y)
			snprintf(o->value, sizeof o->value, "%04d-%02d-W%02d", y, m, k);
		else
			snprintf(o->value, sizeof o->value, "XXXX-%02d-W%02d", m, k);
		o->gran = "week";
		return;
	}
	int wy, nweeks;
	date_iso_week(y, 12, 28, &wy, &nweeks);
	struct tpoint p = {0};
	p.g = GR_WEEK;
	p.y = p.wy = y;
	p.wn = last ? nweeks : k;
	emit_point(o, &p);
}

/* "week 10", "week 3 of 2027": the ISO week of the year written, else of the
 * publication year. */
static void norm_week(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *ns = ftext(c, h, DF_NUM, &n);
	if (!is_ascii_digit(ns[0]) || fhas(h, DF_MONTH) || fhas(h, DF_REL)) {
		norm_week_of(c, h, o, ns, n);
		return;
	}
	int wn = fint(c, h, DF_NUM), y;
	if (fhas(h, DF_YEAR)) {
		y = year_of(c, h);
		o->explicit_year = true;
	} else if (c->has_dct) {
		y = c->dct.year;
		anchor_published(c, o);
	} else {
		snprintf(o->value, sizeof o->value, "XXXX-W%02d", wn);
		set_unresolved(o, o->value, "week");
		return;
	}
	int wy, last;
	date_iso_week(y, 12, 28, &wy, &last);   /* Dec 28 is always in the last week */
	if (wn < 1 || wn > last) {
		o->type = MT__COUNT;
		return;
	}
	struct tpoint p = {0};
	p.g = GR_WEEK;
	p.y = y;
	p.wy = y;
	p.wn = wn;
	emit_point(o, &p);
}

/* "2 next days" (the two days after publication), "10 previous weeks" (the
 * ten weeks up to publication): a DATE range (begin,end,length). */
static void norm_span_range(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *ns = ftext(c, h, DF_NUM, &n);
	double cnt;
	bool vague;
	if (!date_parse_count(ns, n, &cnt, &vague) || vague || cnt < 1 || cnt > 1000) {
		o->type = MT__COUNT;
		return;
	}
	const char *u = ftext(c, h, DF_UNIT, &n);
	enum gran g;
	bool is_time;
	char unit = unit_letter(u, n, &g, &is_time);
	const char *r = ftext(c, h, DF_REL, &n);
	char r0 = ascii_lower(r[0]);
	int sign = (r0 == 'p' || r0 == 'l') ? -1 : +1;   /* previous, past, last */
	int k = (int)cnt;
	char dur[32];
	fmt_duration(dur, sizeof dur, cnt, unit, false);
	if (!c->has_dct) {
		cat2(o->value, sizeof o->value, dur, "");
		o->type = MT_DURATION;   /* no anchor: the length alone */
		return;
	}
	long z0 = dct_days(c) + (sign > 0 ? 1 : 0);
	struct tpoint p;
	point_from_days(&p, z0, GR_DAY);
	shift_point(&p, unit, sign * k);
	long z1 = date_days_from_civil(p.y, p.m, p.d);
	char a[16], b[16];
	fmt_day(a, sizeof a, sign > 0 ? z0 : z1);
	fmt_day(b, sizeof b, sign > 0 ? z1 : z0);
	snprintf(o->value, sizeof o->value, "(%s,%s,%s)", a, b, dur);
	cat2(o->begin, sizeof o->begin, a, "");
	cat2(o->end, sizeof o->end, b, "");
	anchor_published(c, o);
}

/* ---- run ---- */

static bool date_range_value(const struct dctx *c, const struct tout *a, uint32_t astart,
                             const struct tout *b, uint32_t bstart, bool calendar, char *out,
                             size_t n);

/* Days joined by "and" are a range only after "between" ("between 3 and
 * 12 of Sept"; "April 24 and 25" are two days). */
static bool range_and_ok(const struct dctx *c, const struct hit *h)
{
	const char *t = c->doc->text;
	enum date_field a = fhas(h, DF_DAY) ? DF_DAY : DF_DAYW;
	enum date_field b = fhas(h, DF_DAY2) ? DF_DAY2 : DF_DAYW2;
	if (!fhas(h, a) || !fhas(h, b))
		return true;
	bool and = false;
	for (uint32_t i = h->f[a].e; i + 5 <= h->f[b].s && !and; i++)
		and = t[i] == ' ' && ascii_ieq(t + i + 1, 3, "and") && (t[i + 4] == ' ' || t[i + 4] == '\n');
	if (!and)
		return true;
	uint32_t p = h->start;
	while (p > 0 && t[p - 1] == ' ')
		p--;
	if (p >= 4 && ascii_ieq(t + p - 3, 3, "the") && t[p - 4] == ' ')
		for (p -= 4; p > 0 && t[p - 1] == ' ';)
			p--;
	return p >= 7 && ascii_ieq(t + p - 7, 7, "between") &&
	       (p == 7 || !is_ascii_lower(ascii_lower(t[p - 8])));
}

/* "9 to 12 of June", "November 19-20", "Jan-Feb 2017": both ends in one
 * match.  The end's month and year serve the start unless it has its own;
 * a start after the end is in the year before ("Nov-Feb 5th, 2017"). */
static void norm_day_range(struct dctx *c, const struct hit *h, struct tout *o)
{
	size_t n;
	const char *s = ftext(c, h, DF_MONTH, &n);
	int m1 = fhas(h, DF_MONTH) ? date_month_number(s, n) : 0, m2;
	int y = fhas(h, DF_YEAR) ? year_of(c, h) : 0;
	if (fhas(h, DF_UNIT)) {
		/* "the 4th to the 22nd of next month" */
		if (!c->has_dct) {
			o->type = MT__COUNT;
			return;
		}
		y = c->dct.year;
		m1 = c->dct.month;
		date_add_months(&y, &m1, rel_sign(c, h));
	}
	m2 = m1;
	if (fhas(h, DF_MONTH2)) {
		s = ftext(c, h, DF_MONTH2, &n);
		m2 = date_month_number(s, n);
	}
	int d1 = range_day(c, h, DF_DAY, DF_DAYW), d2 = range_day(c, h, DF_DAY2, DF_DAYW2);
	o->type = MT__COUNT;
	if (!range_and_ok(c, h))
		return;
	if (!m1 || !m2 || d1 > 31 || d2 > 31 || (m1 == m2 && (!d1 || !d2 || d2 <= d1)))
		return;
	bool unresolved = !y && !c->has_dct;
	int ya = y ? y : unresolved ? 2001 : pick_year(c, h, o, m1, d1);
	struct tout ta, tb;
	struct tpoint p;
	memset(&ta, 0, sizeof ta);
	memset(&tb, 0, sizeof tb);
	ta.type = tb.type = MT_DATE;
	for (int k = 0; k < 2; k++) {
		int m = k ? m2 : m1, d = k ? d2 : d1;
		if (d > date_days_in_month(ya, m))
			return;
		memset(&p, 0, sizeof p);
		p.y = ya;
		p.m = m;
		p.g = GR_MONTH;
		if (d)
			point_from_days(&p, date_days_from_civil(ya, m, d), GR_DAY);
		emit_point(k ? &tb : &ta, &p);
	}
	tb.explicit_year = y != 0;
	if (!date_range_value(c, &ta, h->start, &tb, h->start, true, o->value, sizeof o->value))
		return;
	o->type = MT_DATE;
	if (unresolved) {
		/* "(2001-06-09,2001-06-12,P3D)" -> "(XXXX-06-09,XXXX-06-12,P3D)" */
		memcpy(o->value + 1, "XXXX", 4);
		memcpy(o->value + 12, "XXXX", 4);
		set_unresolved(o, o->value, NULL);
		return;
	}
	if (!fhas(h, DF_YEAR))
		anchor_published(c, o);
	else
		o->explicit_year = true;
	snprintf(o->begin, sizeof o->begin, "%.10s", o->value + 1);
	cat2(o->end, sizeof o->end, tb.end, "");
}

static void normalize(struct dctx *c, const struct hit *h, struct tout *o)
{
	switch ((enum date_norm)h->rule->norm) {
	case DN_CALENDAR: norm_calendar(c, h, o); break;
	case DN_NUMERIC: norm_numeric(c, h, o); break;
	case DN_YEAR: norm_year(c, h, o); break;
	case DN_DECADE: norm_decade(c, h, o); break;
	case DN_CENTURY: norm_century(c, h, o); break;
	case DN_QUARTER: norm_quarter_half(c, h, o, false); break;
	case DN_HALF: norm_quarter_half(c, h, o, true); break;
	case DN_SEASON: norm_season(c, h, o); break;
	case DN_DEICTIC: norm_deictic(c, h, o); break;
	case DN_REF: norm_ref(c, h, o); break;
	case DN_REL_UNIT: norm_rel_unit(c, h, o); break;
	case DN_REL_MONTH: norm_rel_month(c, h, o); break;
	case DN_REL_WDAY: norm_rel_wday(c, h, o); break;
	case DN_OFFSET: norm_offset(c, h, o); break;
	case DN_CLOCK: norm_clock(c, h, o); break;
	case DN_CLOCK_RANGE: norm_clock_range(c, h, o); break;
	case DN_PARTDAY: norm_partday(c, h, o); break;
	case DN_DURATION: norm_duration(c, h, o, false); break;
	case DN_DUR_SPAN: norm_duration(c, h, o, true); break;
	case DN_DUR_VAGUE: norm_dur_vague(c, h, o); break;
	case DN_SET: norm_set(c, h, o); break;
	case DN_HOLIDAY: norm_holiday(c, h, o); break;
	case DN_WEEK: norm_week(c, h, o); break;
	case DN_SPAN_RANGE: norm_span_range(c, h, o); break;
	case DN_DAY_RANGE: norm_day_range(c, h, o); break;
	}
}

static int emit(struct dctx *c, const struct hit *h, const struct tout *o)
{
	struct document *doc = c->doc;
	struct mention *m = mention_add(doc, o->type, h->start, h->end, h->fr->source);
	if (!m)
		return doc->error ? doc->error : -EXT_E_NOMEM;
	m->rule = h->rule->name;
	m->priority = PRIO_TEMPORAL;
	/* "today at 9p": a clock after a day word, not 9 pence */
	if (h->rule->norm == DN_CLOCK && fhas(h, DF_AMPM) && h->f[DF_AMPM].e - h->f[DF_AMPM].s == 1 &&
	    h->f[DF_AMPM].e == h->end)
		m->priority = PRIO_NUMERIC + 1;
	m->score = 0.9f;
	m->kind = MV_TIMEX;
	struct timex_value *v = &m->v.timex;
	/* the value and the interval's ends (and a set's frequency) in one
	 * arena block: one allocation per mention instead of three or four */
	size_t lv = strlen(o->value) + 1;
	size_t lb = o->begin[0] ? strlen(o->begin) + 1 : 0;
	size_t le = o->end[0] ? strlen(o->end) + 1 : 0;
	size_t lf = o->freq[0] ? strlen(o->freq) + 1 : 0;
	char *p = arena_alloc(doc->arena, lv + lb + le + lf);
	if (!p)
		return -EXT_E_NOMEM;
	v->value = memcpy(p, o->value, lv);
	p += lv;
	v->begin = lb ? memcpy(p, o->begin, lb) : NULL;
	p += lb;
	v->end = le ? memcpy(p, o->end, le) : NULL;
	p += le;
	v->freq = lf ? memcpy(p, o->freq, lf) : NULL;
	v->granularity = o->gran;
	v->mod = o->mod;
	v->anchor = o->anchor;
	v->anchor_start = o->anchor && !strcmp(o->anchor, "mention") ? o->anchor_start : NO_LINK;
	v->unresolved = o->unresolved;
	v->quant = o->quant;
	if (o->ev[0]) {
		/* m may move on the next mention_add, so evidence goes on now */
		int rc = mention_add_evidence(doc, m, "%s", o->ev);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- composites: a date and a time, or two ends of a range ---- */

enum joint { J_NONE, J_ATTACH, J_RANGE, J_AND };

/* Classify the text between two adjacent mentions. */
static enum joint gap_joint(const char *s, size_t n)
{
	static const char *const attach[] = {"", ",", "at", "on", ", at", ", on", "around", "about", "@",
	                                     "from", "before", "after", "by", ", from", "for", "starting",
	                                     "starting from", "starting on", ", starting", "beginning",
	                                     "of", "between", ", between", "in"};
	static const char *const range[] = {"-", "–", "—", "~", "to", "till", "until", "through", "thru"};
	char buf[24];
	size_t k = 0;
	if (n > 18)
		return J_NONE;
	for (size_t i = 0; i < n; i++) {
		char ch = ascii_lower(s[i]);
		if (ch == ' ' || ch == '\t') {
			if (k && buf[k - 1] != ' ')
				buf[k++] = ' ';
			continue;
		}
		if (ch == '\n' || ch == '.' || ch == ';')
			return J_NONE;
		buf[k++] = ch;
	}
	while (k && buf[k - 1] == ' ')
		k--;
	buf[k] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(attach); i++)
		if (!strcmp(buf, attach[i]))
			return J_ATTACH;
	for (size_t i = 0; i < ARRAY_SIZE(range); i++)
		if (!strcmp(buf, range[i]))
			return J_RANGE;
	if (!strcmp(buf, "and"))
		return J_AND;
	return J_NONE;
}

/* A value that names one day, possibly with a part of day after it
 * ("2025-05-21", "2025-05-21TMO", "XXXX-WXX-3"). */
static bool is_day_value(const char *v)
{
	size_t n = strlen(v);
	if (n < 10 || (n > 10 && v[10] != 'T') || (n > 10 && is_ascii_digit(v[11])))
		return false;
	return (v[4] == '-' && v[7] == '-' && is_ascii_digit(v[8])) || !strncmp(v, "XXXX-WXX-", 9);
}

/* Prefix every clock "T.." of a clock value or clock range with the day:
 * "T10" -> "2025-05-21T10", "(T10,T12,PT2H)" -> "(2025-05-21T10,2025-05-21T12,PT2H)". */
static bool day_clock(const char *day, const char *clk, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = clk; *p; p++) {
		bool clock_t = *p == 'T' && (p == clk || p[-1] == '(' || p[-1] == ',') &&
		               is_ascii_digit(p[1]);
		if (clock_t) {
			int w = snprintf(out + k, n - k, "%.10s", day);
			if (w < 0 || (size_t)w >= n - k)
				return false;
			k += (size_t)w;
		}
		if (k + 1 >= n)
			return false;
		out[k++] = *p;
	}
	out[k] = '\0';
	return true;
}

/* Move the clock hours 1..11 of v to the afternoon or evening; at night
 * only hours from 6 on.  bare: the hours of times with no date ("T05",
 * "(T05,T06,PT1H)"); else the hours of dated times ("2025-05-21T07",
 * "(..T07,..T07:30,PT30M)"). */
static void clock_afternoon(char *v, bool night, bool bare)
{
	for (char *p = v; *p; p++) {
		if (*p != 'T' || !is_ascii_digit(p[1]) || !is_ascii_digit(p[2]))
			continue;
		if (bare ? p != v && p[-1] != '(' && p[-1] != ',' : p == v || !is_ascii_digit(p[-1]))
			continue;
		int hr = (p[1] - '0') * 10 + (p[2] - '0');
		if (hr < 1 || hr > 11 || (night && hr < 6))
			continue;
		hr += 12;
		p[1] = (char)('0' + hr / 10);
		p[2] = (char)('0' + hr % 10);
	}
}

/* "T17" / "T10:30" -> minutes since midnight, or -1. */
static int clock_minutes(const char *v)
{
	if (v[0] != 'T' || !is_ascii_digit(v[1]) || !is_ascii_digit(v[2]))
		return -1;
	int m = ((v[1] - '0') * 10 + (v[2] - '0')) * 60;
	if (v[3] == ':' && is_ascii_digit(v[4]) && is_ascii_digit(v[5]))
		m += (v[4] - '0') * 10 + (v[5] - '0');
	return m;
}

/* Range value in the Recognizers/TIMEX "(begin,end,duration)" form; false
 * when the ends cannot be compared. */
/* Split "2025-05-21T10:30" into its day ("2025-05-21") and clock ("T10:30");
 * a bare clock gives an empty day.  False if v is not a clock value. */
static bool split_clock(const char *v, char *day, const char **clk)
{
	size_t n = strlen(v);
	if (v[0] == 'T') {
		day[0] = '\0';
		*clk = v;
		return true;
	}
	if (n > 11 && v[10] == 'T' && is_ascii_digit(v[11])) {
		memcpy(day, v, 10);
		day[10] = '\0';
		*clk = v + 10;
		return true;
	}
	return false;
}

static bool range_value(const struct tout *a, const struct tout *b, char *out, size_t n)
{
	int w;
	char da[16], db[16];
	const char *ca, *cb;
	if (a->type == MT_TIME && b->type == MT_TIME && split_clock(a->value, da, &ca) &&
	    split_clock(b->value, db, &cb) && (da[0] || db[0]) &&
	    (!da[0] || !db[0] || !strcmp(da, db))) {
		/* "10am to 12pm", "Monday 10am to 12pm", "3:00 to 4:00 tomorrow" */
		const char *day = da[0] ? da : db;
		struct tout ta = *a, tb = *b;
		cat2(ta.value, sizeof ta.value, ca, "");
		cat2(tb.value, sizeof tb.value, cb, "");
		char bare[sizeof a->value];
		if (!range_value(&ta, &tb, bare, sizeof bare))
			return false;
		return day_clock(day, bare, out, n);
	}
	if (a->value[0] == 'T' && b->value[0] == 'T') {
		int x = clock_minutes(a->value), y = clock_minutes(b->value);
		if (x < 0 || y < 0)
			return false;
		char av[16];
		size_t al = strlen(a->value);
		if (al >= sizeof av)
			return false;
		memcpy(av, a->value, al + 1);
		/* "2:00 to 2:30 pm": the p.m. of the end carries to the start */
		if (!a->half_known && y >= 12 * 60 && x < 12 * 60 && x + 12 * 60 <= y && strlen(av) >= 3) {
			x += 12 * 60;
			av[1] = (char)('0' + x / 600);
			av[2] = (char)('0' + (x / 60) % 10);
		}
		int d = y - x;
		if (d <= 0)
			d += 12 * 60;
		if (d < 60)
			w = snprintf(out, n, "(%s,%s,PT%dM)", av, b->value, d);
		else if (d % 60)
			w = snprintf(out, n, "(%s,%s,PT%dH%dM)", av, b->value, d / 60, d % 60);
		else
			w = snprintf(out, n, "(%s,%s,PT%dH)", av, b->value, d / 60);
		return w > 0 && (size_t)w < n;
	}
	if (!a->has_point || !b->has_point || !a->begin[0] || !b->begin[0])
		return false;
	struct ext_date x, y;
	if (!doc_parse_date(a->begin, &x) || !doc_parse_date(b->begin, &y))
		return false;
	long dz = date_days_from_civil(y.year, y.month, y.day) -
	          date_days_from_civil(x.year, x.month, x.day);
	if (dz <= 0)
		return false;
	if (a->pt.g == GR_YEAR && b->pt.g == GR_YEAR)
		w = snprintf(out, n, "(%s,%s,P%dY)", a->begin, b->begin, y.year - x.year);
	else if (a->pt.g == GR_MONTH && b->pt.g == GR_MONTH)
		w = snprintf(out, n, "(%s,%s,P%dM)", a->begin, b->begin,
		             (y.year - x.year) * 12 + y.month - x.month);
	else
		w = snprintf(out, n, "(%s,%s,P%ldD)", a->begin, b->begin, dz);
	return w > 0 && (size_t)w < n;
}

/* "next week on Tuesday", "Wednesday evening next week": a weekday inside a
 * named week is that day of that week. */
static bool week_day_merge(struct dctx *c, struct mention *pm, struct tout *po,
                           const struct hit *h, const struct tout *o)
{
	struct document *doc = c->doc;
	const struct tout *wk, *day;
	if (po->has_point && po->pt.g == GR_WEEK && o->has_point && o->pt.g == GR_DAY &&
	    !strcmp(h->rule->name, "wday")) {
		wk = po;
		day = o;
	} else if (o->has_point && o->pt.g == GR_WEEK && is_day_value(po->value) &&
	           pm->rule && (!strcmp(pm->rule, "wday") || !strcmp(pm->rule, "wday_part"))) {
		/* "Wednesday evening next week": the weekday's value holds its day */
		wk = o;
		day = po;
	} else {
		return false;
	}
	char dv[16];
	struct ext_date dd;
	snprintf(dv, sizeof dv, "%.10s", day->value);
	if (!doc_parse_date(dv, &dd))
		return false;
	long jan4 = date_days_from_civil(wk->pt.wy, 1, 4);
	long monday = jan4 - date_weekday(wk->pt.wy, 1, 4) + (long)(wk->pt.wn - 1) * 7;
	long z = monday + date_weekday(dd.year, dd.month, dd.day);
	struct tpoint p;
	point_from_days(&p, z, GR_DAY);
	struct tout r = *day;
	r.begin[0] = r.end[0] = '\0';
	emit_point(&r, &p);
	/* keep a part of day written with the weekday ("...TEV") */
	const char *part = strlen(day->value) > 10 ? day->value + 10 : "";
	char v[sizeof r.value];
	snprintf(v, sizeof v, "%.10s%.8s", r.value, part);
	char *nv = arena_strdup(doc->arena, v);
	if (!nv)
		return false;
	*po = r;
	cat2(po->value, sizeof po->value, v, "");
	pm->end = h->end;
	pm->type = MT_DATE;
	pm->v.timex.value = nv;
	pm->v.timex.granularity = r.gran;
	pm->v.timex.begin = arena_strdup(doc->arena, r.begin);
	pm->v.timex.end = arena_strdup(doc->arena, r.end);
	pm->v.timex.anchor = "published";
	return true;
}

/* "Friday 5/12", "this Friday, June 6": a weekday then the explicit date it
 * names; the date decides. */
static bool wday_date_merge(struct dctx *c, struct mention *pm, struct tout *po,
                            const struct hit *h, const struct tout *o)
{
	struct document *doc = c->doc;
	if (!pm->rule || (strcmp(pm->rule, "wday") && strcmp(pm->rule, "rel_wday")) ||
	    o->type != MT_DATE || !o->has_point || o->pt.g != GR_DAY ||
	    h->fr->fam != &date_families[0])
		return false;
	char *nv = arena_strdup(doc->arena, o->value);
	if (!nv)
		return false;
	*po = *o;
	pm->end = h->end;
	pm->v.timex.value = nv;
	pm->v.timex.granularity = o->gran;
	pm->v.timex.begin = o->begin[0] ? arena_strdup(doc->arena, o->begin) : NULL;
	pm->v.timex.end = o->end[0] ? arena_strdup(doc->arena, o->end) : NULL;
	pm->v.timex.anchor = o->anchor;
	return true;
}

/* "two weeks before May 13, 1999", "three days from Tuesday": a duration
 * then before/after/from and a resolved day make one shifted DATE. */
static bool offset_merge(struct dctx *c, struct mention *pm, struct tout *po, const struct hit *h,
                         const struct tout *o)
{
	struct document *doc = c->doc;
	if (po->type != MT_DURATION || o->type != MT_DATE || !o->has_point || o->pt.g != GR_DAY)
		return false;
	const char *g = doc->text + pm->end;
	size_t gn = h->start - pm->end;
	while (gn && *g == ' ') {
		g++;
		gn--;
	}
	while (gn && g[gn - 1] == ' ')
		gn--;
	int sign;
	if (ascii_ieq(g, gn, "before"))
		sign = -1;
	else if (ascii_ieq(g, gn, "after") || ascii_ieq(g, gn, "from"))
		sign = +1;
	else
		return false;
	/* the duration's value: "P<n><U>" with a whole count */
	const char *v = po->value;
	if (v[0] != 'P' || !is_ascii_digit(v[1]))
		return false;
	int k = 0;
	size_t i = 1;
	while (is_ascii_digit(v[i]))
		k = k * 10 + (v[i++] - '0');
	char unit = v[i];
	if (v[i + 1] != '\0' || !strchr("YMWD", unit))
		return false;
	struct tpoint p = o->pt;
	shift_point(&p, unit, sign * k);
	p.g = GR_DAY;
	struct tout r = *o;
	r.begin[0] = r.end[0] = '\0';
	emit_point(&r, &p);
	char *nv = arena_strdup(doc->arena, r.value);
	if (!nv)
		return false;
	*po = r;
	pm->end = h->end;
	pm->type = MT_DATE;
	pm->v.timex.value = nv;
	pm->v.timex.granularity = r.gran;
	pm->v.timex.mod = NULL;
	pm->v.timex.begin = r.begin[0] ? arena_strdup(doc->arena, r.begin) : NULL;
	pm->v.timex.end = r.end[0] ? arena_strdup(doc->arena, r.end) : NULL;
	pm->v.timex.anchor = "mention";
	pm->v.timex.anchor_start = h->start;
	return true;
}

/* Seconds (T units) and days/months of a whole-number duration value
 * ("PT2H30M", "P3D", "P2W"); false for vague or fractional ones. */
static bool duration_parts(const char *v, long *secs, long *days, int *months)
{
	*secs = *days = 0;
	*months = 0;
	if (v[0] != 'P')
		return false;
	bool t = false;
	long n = -1;
	for (const char *p = v + 1; *p; p++) {
		if (*p == 'T') {
			t = true;
			continue;
		}
		if (is_ascii_digit(*p)) {
			n = (n < 0 ? 0 : n * 10) + (*p - '0');
			if (n > 100000)
				return false;
			continue;
		}
		if (n < 0)
			return false;
		switch (*p) {
		case 'H': if (!t) return false; *secs += 3600 * n; break;
		case 'S': if (!t) return false; *secs += n; break;
		case 'M': if (t) *secs += 60 * n; else *months += (int)n; break;
		case 'D': *days += n; break;
		case 'W': *days += 7 * n; break;
		case 'Y': *months += 12 * (int)n; break;
		default: return false;
		}
		n = -1;
	}
	return n < 0 && (*secs || *days || *months);
}

static void range_guess_form(const struct document *doc, uint32_t s, uint32_t e, char *v);

/* "for 2 hours from 2pm", "9:30am for 7 hours", "3 days starting from next
 * Monday", "2 weeks starting May 20th": a length and where it starts make one
 * range (start, start + length, length). */
static bool span_merge(struct dctx *c, struct mention *pm, struct tout *po, const struct hit *h,
                       const struct tout *o)
{
	struct document *doc = c->doc;
	const char *g = doc->text + pm->end;
	size_t gn = h->start - pm->end;
	while (gn && (*g == ' ' || *g == ',')) {
		g++;
		gn--;
	}
	while (gn && g[gn - 1] == ' ')
		gn--;
	const struct tout *dur, *at;
	if (po->type == MT_DURATION && o->type != MT_DURATION) {
		dur = po;
		at = o;
		/* "three days from Tuesday" is one shifted day (offset_merge) */
		if (!(gn >= 8 && ascii_ieq(g, 8, "starting")) && !(gn == 9 && ascii_ieq(g, 9, "beginning")) &&
		    !(at->type == MT_TIME && ascii_ieq(g, gn, "from")) &&
		    !(doc->text[pm->end] == ',' && ascii_ieq(g, gn, "from")))
			return false;
	} else if (o->type == MT_DURATION && po->type == MT_TIME && ascii_ieq(g, gn, "for") &&
	           ((pm->start >= 5 && ascii_ieq(doc->text + pm->start - 5, 5, "from ")) ||
	            memmem(doc->text + pm->start, pm->end - pm->start, " from ", 6))) {
		/* "from 9:30am for 7 hours" (but "meet at 2pm for 1 hr" is a time and a length) */
		dur = o;
		at = po;
	} else {
		return false;
	}
	long secs, days;
	int months;
	if (!duration_parts(dur->value, &secs, &days, &months))
		return false;
	char v[sizeof po->value];
	int w;
	char day[16];
	const char *clk;
	if (at->type == MT_TIME && split_clock(at->value, day, &clk) && secs && !days && !months) {
		int m0 = clock_minutes(clk);
		long e = m0 * 60L + secs;
		if (m0 < 0 || e >= 86400)
			return false;
		w = snprintf(v, sizeof v, "(%s,%s%sT%02ld:%02ld:%02ld,%s)", at->value, day, day[0] ? "" : "",
		             e / 3600, (e / 60) % 60, e % 60, dur->value);
	} else if (at->type == MT_DATE && at->has_point && at->pt.g == GR_DAY && !secs) {
		int y = at->pt.y, m = at->pt.m;
		date_add_months(&y, &m, months);
		int d = at->pt.d > date_days_in_month(y, m) ? date_days_in_month(y, m) : at->pt.d;
		char e[16];
		fmt_day(e, sizeof e, date_days_from_civil(y, m, d) + days);
		w = snprintf(v, sizeof v, "(%s,%s,%s)", at->value, e, dur->value);
	} else {
		return false;
	}
	if (w < 0 || (size_t)w >= sizeof v)
		return false;
	if (at->type == MT_TIME)
		range_guess_form(doc, pm->start, h->end, v);
	char *nv = arena_strdup(doc->arena, v);
	if (!nv)
		return false;
	enum mention_type t = at->type;
	*po = *at;
	cat2(po->value, sizeof po->value, v, "");
	po->has_point = false;
	po->gran = NULL;
	pm->end = h->end;
	pm->type = (uint8_t)t;
	pm->v.timex.value = nv;
	pm->v.timex.granularity = NULL;
	pm->v.timex.mod = NULL;
	pm->v.timex.anchor = at->anchor;
	return true;
}

/* One end of a date range joined by words or a dash: its first day, or for
 * "the end of X" the day after X, as Recognizers-Text counts it. */
struct rend {
	long z;
	bool year;     /* a plain year: the range counts in years */
	bool coarse;   /* a month or a year: the range counts in months */
};

static bool range_end(const struct dctx *c, const struct tout *o, uint32_t start, struct rend *e)
{
	const char *t = c->doc->text + start;
	struct ext_date b, x;
	memset(e, 0, sizeof *e);
	if (!strcmp(o->value, "PRESENT_REF") && c->has_dct) {
		/* "between now and May 21" */
		e->z = dct_days(c);
		return true;
	}
	if (o->type != MT_DATE || !o->has_point || o->comparison || !o->begin[0] ||
	    !doc_parse_date(o->begin, &b) || !doc_parse_date(o->end[0] ? o->end : o->begin, &x))
		return false;
	if (o->pt.g != GR_YEAR && o->pt.g != GR_MONTH && o->pt.g != GR_WEEK && o->pt.g != GR_DAY)
		return false;
	/* "this year through August" stays two dates, as TimeML has it */
	if (o->pt.g == GR_YEAR && !o->explicit_year)
		return false;
	e->z = date_days_from_civil(b.year, b.month, b.day);
	e->coarse = o->pt.g == GR_YEAR || o->pt.g == GR_MONTH;
	e->year = o->pt.g == GR_YEAR && !o->mod;
	if (ascii_ieq(t, 4, "the ") )
		t += 4;
	if (o->mod && !strcmp(o->mod, "END") && ascii_ieq(t, 3, "end"))
		e->z = date_days_from_civil(x.year, x.month, x.day) + 1;
	else if (o->mod && !strcmp(o->mod, "MID") && o->pt.g == GR_MONTH && ascii_ieq(t, 6, "middle"))
		e->z += 15;
	return true;
}

/* Move a month or day with no year written next to the other end of its
 * range: "from May 5 to June 2", "Nov-Feb 5th, 2017", "from 2019 to March". */
static void range_year(struct tout *o, const struct tout *other, bool after)
{
	if (o->explicit_year || !o->has_point || !other->has_point ||
	    (o->pt.g != GR_MONTH && o->pt.g != GR_DAY) ||
	    (other->pt.g != GR_MONTH && other->pt.g != GR_DAY && other->pt.g != GR_YEAR))
		return;
	struct tpoint p = o->pt;
	int om = other->pt.g == GR_YEAR ? (after ? 1 : 12) : other->pt.m;
	int od = other->pt.g == GR_DAY ? other->pt.d : (after ? 1 : 31);
	int md = p.m * 100 + (p.g == GR_DAY ? p.d : (after ? 31 : 1));
	p.y = other->pt.y;
	if (other->pt.g != GR_YEAR && after && md < om * 100 + od)
		p.y++;
	else if (other->pt.g != GR_YEAR && !after && md > om * 100 + od)
		p.y--;
	if (p.y == o->pt.y || (p.g == GR_DAY && p.d > date_days_in_month(p.y, p.m)))
		return;
	if (p.g == GR_DAY)
		point_from_days(&p, date_days_from_civil(p.y, p.m, p.d), GR_DAY);
	emit_point(o, &p);
}

/* "(begin,end,length)" of two dates joined into a range; false when they
 * are no range (an end before the start, a comparison period). */
static bool date_range_value(const struct dctx *c, const struct tout *a, uint32_t astart,
                             const struct tout *b, uint32_t bstart, bool calendar, char *out,
                             size_t n)
{
	struct rend x, y;
	struct tout ra = *a, rb = *b;
	/* only between calendar dates: "Friday to December's figures" is none */
	if (calendar && b->explicit_year)
		range_year(&ra, b, false);
	else if (calendar)
		range_year(&rb, a, true);
	if (!range_end(c, &ra, astart, &x) || !range_end(c, &rb, bstart, &y) || y.z <= x.z)
		return false;
	char da[16], db[16];
	fmt_day(da, sizeof da, x.z);
	fmt_day(db, sizeof db, y.z);
	int w, ya, ma, dd, yb, mb;
	date_civil_from_days(x.z, &ya, &ma, &dd);
	date_civil_from_days(y.z, &yb, &mb, &dd);
	if (x.year && y.year)
		w = snprintf(out, n, "(%s,%s,P%dY)", da, db, yb - ya);
	else if (x.coarse && y.coarse)
		w = snprintf(out, n, "(%s,%s,P%dM)", da, db, (yb - ya) * 12 + mb - ma);
	else
		w = snprintf(out, n, "(%s,%s,P%ldD)", da, db, y.z - x.z);
	return w > 0 && (size_t)w < n;
}


/* A clock range on a weekday, or on a month and day with no year, names a
 * day the text does not pin down: Recognizers-Text writes it as that weekday
 * or with XXXX for the year ("Monday morning from 10am to 12pm":
 * (XXXX-WXX-1T10,XXXX-WXX-1T12,PT2H)).  v is rewritten in place; a range
 * with a year, a deictic word or this/next/last is left resolved. */
static void range_guess_form(const struct document *doc, uint32_t s, uint32_t e, char *v)
{
	const char *c2 = strchr(v, ',');
	if (v[0] != '(' || !c2 || strlen(v) < 24 || v[11] != 'T' || c2[11] != 'T' ||
	    !is_ascii_digit(v[1]) || strncmp(v + 1, c2 + 1, 10))
		return;
	bool wday = false, month = false;
	for (uint32_t i = s; i < e;) {
		const char *w = doc->text + i;
		size_t n = 0;
		while (i + n < e && (is_ascii_lower(ascii_lower(w[n])) || is_ascii_digit(w[n])))
			n++;
		if (!n) {
			if (w[0] == '/' || (w[0] == '\'' && i + 1 < e && is_ascii_digit(w[1])))
				return;   /* "6/4/2019", "'19" */
			i++;
			continue;
		}
		i += (uint32_t)n;
		if (n == 4 && is_ascii_digit(w[0]) && is_ascii_digit(w[1]) && is_ascii_digit(w[2]) &&
		    is_ascii_digit(w[3]))
			return;   /* a year */
		if (ascii_ieq(w, n, "this") || ascii_ieq(w, n, "next") || ascii_ieq(w, n, "last") ||
		    ascii_ieq(w, n, "coming") || ascii_ieq(w, n, "previous") || ascii_ieq(w, n, "today") ||
		    ascii_ieq(w, n, "tomorrow") || ascii_ieq(w, n, "yesterday") || ascii_ieq(w, n, "tonight"))
			return;
		if (n >= 6 && n <= 9 && ascii_ieq(w + n - 3, 3, "day") && date_weekday_number(w, n) &&
		    !ascii_ieq(w, n, "today"))
			wday = true;
		else if (date_month_number(w, n))
			month = true;
	}
	char form[12];
	struct ext_date d;
	snprintf(form, sizeof form, "%.10s", v + 1);
	if (!doc_parse_date(form, &d))
		return;
	if (wday && !month)
		memcpy(form, "XXXX-WXX-", 9), form[9] = (char)('1' + date_weekday(d.year, d.month, d.day) % 7);
	else
		memcpy(form, "XXXX", 4);
	memcpy(v + 1, form, 10);
	memcpy((char *)c2 + 1, form, 10);
}

/* "5/1-5/7, 2020", "Jan-Feb, 2017": a range with no year written, then a
 * year after a comma: the year is the range's (its end falls in it). */
static bool range_year_merge(struct dctx *c, struct mention *pm, struct tout *po,
                             const struct hit *h, const struct tout *o)
{
	struct document *doc = c->doc;
	struct ext_date b, e;
	char v[sizeof po->value], bd[16], ed[16];
	if (po->type != MT_DATE || po->value[0] != '(' || po->explicit_year || o->type != MT_DATE ||
	    !o->has_point || o->pt.g != GR_YEAR || !o->explicit_year || o->mod ||
	    h->start - pm->end > 3 || !memchr(doc->text + pm->end, ',', h->start - pm->end))
		return false;
	const char *c1 = strchr(po->value, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
	if (!c1 || !c2 || c1 - po->value != 11 || c2 - c1 != 11)
		return false;
	snprintf(bd, sizeof bd, "%.10s", po->value + 1);
	snprintf(ed, sizeof ed, "%.10s", c1 + 1);
	if (!doc_parse_date(bd, &b) || !doc_parse_date(ed, &e))
		return false;
	int dy = o->pt.y - e.year;
	if (b.day > date_days_in_month(b.year + dy, b.month) ||
	    e.day > date_days_in_month(e.year + dy, e.month))
		return false;
	long zb = date_days_from_civil(b.year + dy, b.month, b.day);
	long ze = date_days_from_civil(e.year + dy, e.month, e.day);
	fmt_day(bd, sizeof bd, zb);
	fmt_day(ed, sizeof ed, ze);
	int w;
	if (c2[strlen(c2) - 2] == 'D')
		w = snprintf(v, sizeof v, "(%s,%s,P%ldD)", bd, ed, ze - zb);
	else
		w = snprintf(v, sizeof v, "(%s,%s,%s", bd, ed, c2 + 1);
	if (w < 0 || (size_t)w >= sizeof v)
		return false;
	char *nv = arena_strdup(doc->arena, v);
	if (!nv)
		return false;
	cat2(po->value, sizeof po->value, v, "");
	po->explicit_year = true;
	pm->end = h->end;
	pm->v.timex.value = nv;
	pm->v.timex.anchor = NULL;
	return true;
}

/* Try to fold the new hit h (value o) into the previous mention pm (value
 * po): "Friday at 10:30 a.m." becomes one TIME, "2014 to 2018" one range.
 * Returns true when merged (pm and po updated). */
static bool try_merge(struct dctx *c, struct mention *pm, struct tout *po, const struct hit *h,
                      const struct tout *o)
{
	struct document *doc = c->doc;
	if (h->start < pm->end)
		return false;
	enum joint j = gap_joint(doc->text + pm->end, h->start - pm->end);
	if (j == J_NONE)
		return false;
	char v[sizeof po->value];
	if (j == J_ATTACH) {
		const struct tout *day, *clk;
		bool po_clock = po->type == MT_TIME && (po->value[0] == 'T' || !strncmp(po->value, "(T", 2));
		bool o_clock = o->type == MT_TIME && (o->value[0] == 'T' || !strncmp(o->value, "(T", 2));
		if ((po_clock && o->type == MT_SET) || (o_clock && po->type == MT_SET)) {
			/* "every Monday at 4pm", "3pm each day": a recurring time */
			const struct tout *set = po->type == MT_SET ? po : o;
			clk = po->type == MT_SET ? o : po;
			if (!strncmp(set->value, "XXXX-WXX-", 9) && strlen(set->value) == 10) {
				if (!day_clock(set->value, clk->value, v, sizeof v))
					return false;
			} else if (snprintf(v, sizeof v, "%s", clk->value) >= (int)sizeof v) {
				return false;
			}
			char *nv = arena_strdup(doc->arena, v);
			if (!nv)
				return false;
			cat2(po->value, sizeof po->value, v, "");
			po->type = MT_SET;
			pm->end = h->end;
			pm->type = MT_SET;
			pm->v.timex.value = nv;
			pm->v.timex.granularity = NULL;
			return true;
		} else if (po_clock && o->type == MT_TIME && o->value[0] == 'T' && !is_ascii_digit(o->value[1])) {
			/* "between 5 and 6 in the afternoon": a part of a day not named */
			if (snprintf(v, sizeof v, "%s", po->value) >= (int)sizeof v)
				return false;
			if (!po->half_known && (!strcmp(o->value, "TAF") || !strcmp(o->value, "TEV") ||
			                        !strcmp(o->value, "TNI")))
				clock_afternoon(v, o->value[1] == 'N', true);
			else if (strcmp(o->value, "TMO"))
				return false;
			char *nv = arena_strdup(doc->arena, v);
			if (!nv)
				return false;
			cat2(po->value, sizeof po->value, v, "");
			pm->end = h->end;
			pm->v.timex.value = nv;
			return true;
		} else if ((po_clock && !strcmp(h->rule->name, "holiday")) ||
		           (o_clock && pm->rule && !strcmp(pm->rule, "holiday"))) {
			return false;   /* "on Christmas at 8:00": the holiday and the time */
		} else if (po_clock && is_day_value(o->value)) {
			clk = po;
			day = o;
		} else if (o_clock && is_day_value(po->value)) {
			clk = o;
			day = po;
		} else {
			return week_day_merge(c, pm, po, h, o) || wday_date_merge(c, pm, po, h, o) ||
			       offset_merge(c, pm, po, h, o) || span_merge(c, pm, po, h, o) ||
			       range_year_merge(c, pm, po, h, o);
		}
		/* a clock range on a bare weekday keeps the weekday form
		 * ("Monday 11-4": XXXX-WXX-1T11..): which Monday is a guess */
		const char *day_rule = day == o ? h->rule->name : pm->rule;
		const char *dayv = day->value;
		char wk[16];
		struct ext_date wd;
		if (clk->value[0] == '(' && day_rule &&
		    (!strcmp(day_rule, "wday") || !strcmp(day_rule, "wday_part")) &&
		    snprintf(wk, sizeof wk, "%.10s", day->value) == 10 && doc_parse_date(wk, &wd)) {
			memcpy(wk, "XXXX-WXX-", 9);
			wk[9] = (char)('1' + date_weekday(wd.year, wd.month, wd.day) % 7);
			wk[10] = '\0';
			dayv = wk;
		} else if (clk->value[0] == '(' && day_rule && !day->explicit_year && day->has_point &&
		           day->pt.g == GR_DAY &&
		           (!strcmp(day_rule, "month_day_year") || !strcmp(day_rule, "day_month_year") ||
		            !strcmp(day_rule, "month_dayword") || !strcmp(day_rule, "numeric_month_day"))) {
			/* likewise a month and day with no year ("December 12th at 4 - 6:30 pm") */
			memcpy(wk, "XXXX", 4);
			memcpy(wk + 4, day->value + 4, 6);
			wk[10] = '\0';
			dayv = wk;
		}
		if (!day_clock(dayv, clk->value, v, sizeof v))
			return false;
		/* "this evening from 7 to 7:30", "between 7 and 9:30 last night" */
		if (!clk->half_known && strlen(day->value) == 13 &&
		    (!strcmp(day->value + 10, "TAF") || !strcmp(day->value + 10, "TEV") ||
		     !strcmp(day->value + 10, "TNI")))
			clock_afternoon(v, day->value[11] == 'N', false);
		if (day->anchor && !po->anchor)
			po->anchor = day->anchor;
		cat2(po->begin, sizeof po->begin, v, "");
		cat2(po->end, sizeof po->end, v, "");
		po->type = MT_TIME;
		po->gran = "time";
	} else {
		/* ranges: clock times "10:30 to 11:15", "between 3pm and 5pm"; dates
		 * glued by punctuation ("2014-2018", "May 1-May 7"), or joined by
		 * words ("from 1991 to 1997"; "and" only after "between") */
		if (po->type != o->type || (o->type != MT_DATE && o->type != MT_TIME))
			return false;
		if (j == J_AND) {
			size_t b = pm->start;
			while (b > 0 && doc->text[b - 1] == ' ')
				b--;
			if (b < 7 || !ascii_ieq(doc->text + b - 7, 7, "between"))
				return false;
		}
		bool cal = h->fr->fam == &date_families[0] && pm->source &&
		           !strcmp(pm->source, h->fr->source);
		if (o->type == MT_DATE ? !date_range_value(c, po, pm->start, o, h->start, cal, v, sizeof v)
		                       : !range_value(po, o, v, sizeof v))
			return false;
		cat2(po->end, sizeof po->end, o->end[0] ? o->end : o->value, "");
		po->gran = NULL;
		po->has_point = false;
	}
	if (po->type == MT_TIME)
		range_guess_form(doc, pm->start, h->end, v);
	char *nv = arena_strdup(doc->arena, v);
	if (!nv)
		return false;
	cat2(po->value, sizeof po->value, v, "");
	pm->end = h->end;
	pm->type = (uint8_t)po->type;
	pm->v.timex.value = nv;
	pm->v.timex.granularity = po->gran;
	pm->v.timex.begin = po->begin[0] ? arena_strdup(doc->arena, po->begin) : NULL;
	pm->v.timex.end = po->end[0] ? arena_strdup(doc->arena, po->end) : NULL;
	if (!pm->v.timex.anchor)
		pm->v.timex.anchor = po->anchor;
	return true;
}

/* Does the text hold neither U+017F (long s) nor U+212A (Kelvin sign),
 * the two characters caseless PCRE2 matches to an ASCII letter?  (memchr
 * for their lead bytes: memmem costs ten times more here.) */
static bool ascii_letters_only(const struct document *doc)
{
	const char *p = doc->text, *end = doc->text + doc->len;
	while ((p = memchr(p, 0xC5, (size_t)(end - p))) && p + 1 < end) {
		if ((uint8_t)p[1] == 0xBF)
			return false;
		p++;
	}
	p = doc->text;
	while ((p = memchr(p, 0xE2, (size_t)(end - p))) && p + 2 < end) {
		if ((uint8_t)p[1] == 0x84 && (uint8_t)p[2] == 0xAA)
			return false;
		p++;
	}
	return true;
}

#ifdef DATE_VERIFY
/* temporary: run the regex after a quick "no", a scanner's certain "no" or
 * a scanner answer, and report any difference */
static void verify_row(const struct row_ref *rr, struct document *doc, struct scratch *s, uint32_t start,
                       int kind, uint32_t e, const struct scan_fields *sf)
{
	const struct row_rx *rx = &rr->fr->rows[rr->row];
	const char *name = rr->fr->fam->rules[rr->row].name;
	int rc = date_match(rx->re, doc, s, start);
	int tl = (int)(doc->len - start < 70 ? doc->len - start : 70);
	if (kind == 0) {
		if (rc > 0)
			fprintf(stderr, "VERIFY quick-no but match %s: %.*s\n", name, tl, doc->text + start);
		return;
	}
	if (kind == 1) {
		if (rc > 0)
			fprintf(stderr, "VERIFY scan-none but match %s: %.*s\n", name, tl, doc->text + start);
		return;
	}
	if (rc <= 0) {
		fprintf(stderr, "VERIFY scan %u but no match %s: %.*s\n", e - start, name, tl, doc->text + start);
		return;
	}
	struct hit h;
	fields_from_md(rx, s, rc, &h);
	struct hit g;
	memset(g.f, 0, sizeof g.f);
	for (size_t k = 0; k < sf->n; k++) {
		g.f[sf->k[k]].s = sf->s[k];
		g.f[sf->k[k]].e = sf->e[k];
		g.f[sf->k[k]].set = true;
	}
	bool same = h.end == e;
	for (int k = 0; k < DF__COUNT; k++)
		if (h.f[k].set != g.f[k].set || (h.f[k].set && (h.f[k].s != g.f[k].s || h.f[k].e != g.f[k].e)))
			same = false;
	if (!same)
		fprintf(stderr, "VERIFY scan differs %s (end %u vs %u): %.*s\n", name, e - start, h.end - start, tl,
			doc->text + start);
}
#endif

static int date_run(const void *state, struct document *doc, struct scratch *s)
{
	const struct date_state *st = state;
	struct dctx c = {0};
	c.doc = doc;
	c.has_dct = doc->has_published;
	c.dct = doc->published;
	uint32_t resume = 0;
	size_t ncand = 0;
	size_t prev = SIZE_MAX;      /* index of our last mention in doc->mentions */
	size_t sent = 0;             /* the sentence of the last date kept as an anchor */
	/* the output being built and the last one emitted (prev), swapped at
	 * each mention instead of copied */
	struct tout outs[2];
	struct tout *op = &outs[0], *prev_op = &outs[1];
	if (!doc->ntokens)
		return 0;
	/* dcls[0..n + NEED_PAD), the candidate list (n), then gix (n), then
	 * cls[0..n + NEED_PAD): the needs window below reads NEED_WINDOW + 1
	 * entries of dcls and cls from any token, past the last one too (the
	 * pads are 0: no class, no number) */
	size_t ntp = doc->ntokens + NEED_PAD;
	uint32_t *dcls = arena_alloc(doc->arena, ntp * (sizeof *dcls + 1) +
	                                         doc->ntokens * (sizeof *dcls + sizeof(uint16_t)));
	if (!dcls) {
		doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
		return -EXT_E_NOMEM;
	}
	uint32_t *cand = dcls + ntp;
	uint16_t *gix = (uint16_t *)(cand + doc->ntokens);
	uint8_t *cls = (uint8_t *)(gix + doc->ntokens);
	memset(dcls + doc->ntokens, 0, NEED_PAD * sizeof *dcls);
	memset(cls + doc->ntokens, 0, NEED_PAD);
	size_t ncands = mark_candidates(st, doc, cls, cand, dcls, gix);
	/* The quick checks, scanners and length limits compare ASCII letters,
	 * but caseless PCRE2 in UTF mode also takes U+017F for 's' and U+212A
	 * (Kelvin) for 'k': in a text with either, only the regexes decide. */
	bool quick_ok = ascii_letters_only(doc);
	for (size_t ci = 0; ci < ncands; ci++) {
		size_t i = cand[ci];
		const struct token *t = &doc->tokens[i];
		if (t->start < resume)
			continue;
		/* the clock is read every 64 candidates, not at each one */
		if ((++ncand & 63) == 0 && doc_over_budget(doc))
			return doc->error;
		/* longest match over the rows that can start with this token;
		 * on a tie the earlier row in table order wins */
		struct rowset rs;
		if (gix[i] != NO_GATE) {
			/* one plain gate word (looked up when classified) */
			rs = st->gate[gix[i]].rows;
			if (cls[i] & (DG_WEAK | DG_STRONG)) {
				weak_next_rows(doc, t, &st->gate[gix[i]], &rs);
				/* no row can start with the word and what follows
				 * (a third of the weak words: "the company"): skip
				 * the needs window */
				uint64_t any = 0;
				for (size_t w = 0; w < ARRAY_SIZE(rs.w); w++)
					any |= rs.w[w];
				if (!any)
					continue;
			}
		} else {
			token_rows(st, doc, i, &rs);
		}
		/* classes near the start, for the rows' "needs" */
		/* after a weak word ("the", "a") the needed word comes sooner:
		 * "the past three years", "the end of the year" */
		/* (a fixed window of NEED_WINDOW + 1 tokens, the last one
		 * masked out after a weak word, with no branch per token: the
		 * pads past the last token are 0) */
		uint32_t last = (cls[i] & (DG_STRONG | DG_DIGIT)) ? ~0u : 0;
		uint32_t near = 0, lazy = 0;
		for (size_t j = 0; j <= NEED_WINDOW; j++) {
			uint32_t d = dcls[i + j];
			uint32_t m = j == NEED_WINDOW ? last : ~0u;
			near |= d & m;
			lazy |= ((uint32_t)(d == 0) & (cls[i + j] / DG_DIGIT) & m & 1) << j;
		}
		/* a number's classes, the first time they are needed
		 * (mark_candidates leaves them: most numbers are near no
		 * candidate); number_class is never 0 */
		for (; lazy; lazy &= lazy - 1) {
			size_t k = i + (size_t)__builtin_ctz(lazy);
			near |= dcls[k] = number_class(doc, k);
		}
		/* a separator counts only right after the start ("5/16") */
		near &= ~(uint32_t)DC_SEP;
		near |= dcls[i + 1] & DC_SEP;
		/* keep the rows whose needs are met */
		struct rowset ok = st->need_none;
		for (uint32_t nb = near; nb; nb &= nb - 1) {
			const struct rowset *nr = &st->need_bit[__builtin_ctz(nb)];
			for (size_t w = 0; w < ARRAY_SIZE(ok.w); w++)
				ok.w[w] |= nr->w[w];
		}
		for (size_t w = 0; w < ARRAY_SIZE(rs.w); w++)
			rs.w[w] &= ok.w[w];
		/* "Section 2030": no year rows right after a label word */
		if (i > 0 && (cls[i - 1] & DG_LABEL) && doc->tokens[i - 1].end + 1 == t->start &&
		    doc->text[t->start - 1] == ' ')
			for (size_t w = 0; w < ARRAY_SIZE(rs.w); w++)
				rs.w[w] &= ~st->need_bit[__builtin_ctz(DC_YEAR)].w[w];
		struct hit h;
		h.fr = NULL;
		h.end = 0;
		for (size_t w = 0; w < ARRAY_SIZE(rs.w); w++) {
			for (uint64_t bits = rs.w[w]; bits; bits &= bits - 1) {
				size_t r = w * 64 + (size_t)__builtin_ctzll(bits);
				const struct row_ref *rr = &st->rows[r];
				if (rr->later_first && !later_word(doc, i, st->row_words[r].later, rr->later_first))
					continue;
				if (rr->before &&
				    !before_word(doc, t->start, st->row_words[r].before, st->row_words[r].before_first))
					continue;
				if (rr->max_len && h.fr && h.end - t->start >= rr->max_len && quick_ok)
					continue;
				if (rr->quick && quick_ok && !rr->quick(doc, t->start)) {
#ifdef DATE_VERIFY
					verify_row(rr, doc, s, t->start, 0, 0, NULL);
#endif
					continue;
				}
				if (rr->scan && quick_ok) {
					struct scan_fields sf;
					sf.n = 0;
					uint32_t e = rr->scan(doc, t->start, &sf);
#ifdef DATE_VERIFY
					if (e)
						verify_row(rr, doc, s, t->start, e == SCAN_NONE ? 1 : 2, e, &sf);
#endif
					if (e == SCAN_NONE)
						continue;
					if (e) {
						if (e > h.end) {
							h.fr = rr->fr;
							h.rule = &rr->fr->fam->rules[rr->row];
							h.start = t->start;
							h.end = e;
							zero_small(h.f, sizeof h.f);
							for (size_t k = 0; k < sf.n; k++) {
								h.f[sf.k[k]].s = sf.s[k];
								h.f[sf.k[k]].e = sf.e[k];
								h.f[sf.k[k]].set = true;
							}
						}
						continue;
					}
				}
				const struct row_rx *rx = &rr->fr->rows[rr->row];
				int rc = date_match(rx->re, doc, s, t->start);
#ifdef DATE_VERIFY
				{
					/* each regex call: row, result, length, text */
					PCRE2_SIZE *lov = pcre2_get_ovector_pointer(s->md);
					int tl = (int)(doc->len - t->start < 60 ? doc->len - t->start : 60);
					fprintf(stderr, "RXROW\t%s\t%d\t%d\t%.*s\n", rr->fr->fam->rules[rr->row].name, rc,
					        rc > 0 ? (int)(lov[1] - t->start) : -1, tl, doc->text + t->start);
				}
#endif
				if (rc < 0) {
					if (rc != PCRE2_ERROR_NOMATCH && doc->error)
						return doc->error;
					continue;
				}
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
				if (rc == 0 || (uint32_t)ov[1] <= h.end)
					continue;
				h.fr = rr->fr;
				h.rule = &rr->fr->fam->rules[rr->row];
				h.start = t->start;
				fields_from_md(rx, s, rc, &h);
			}
		}
		if (!h.fr)
			continue;
		struct tout *o = op;
		tout_clear(o);
		o->type = (enum mention_type)h.rule->type;
		o->anchor_start = NO_LINK;
		normalize(&c, &h, o);
		if (o->type == MT__COUNT || !o->value[0])
			continue;
		resume = h.end;
		if (prev < doc->mentions.n && try_merge(&c, &doc->mentions.v[prev], prev_op, &h, o))
			continue;
		int rc = emit(&c, &h, o);
		if (rc)
			return rc;
		prev = doc->mentions.n - 1;
		op = prev_op;
		prev_op = o;
		/* a compared period ("the year-ago quarter") is not what the story is
		 * about: it does not become the anchor of what follows */
		if (o->has_point && o->type == MT_DATE && o->pt.g >= GR_YEAR && o->pt.g != GR_NONE &&
		    !o->comparison) {
			c.have_last = true;
			c.last = o->pt;
			c.last_start = h.start;
			/* the sentence of h.start, as doc_sentence_at finds it
			 * (the first whose end is past it, else the last): the
			 * starts only grow, so the search goes on from the last */
			while (sent + 1 < doc->nsentences && doc->sentences[sent].end <= h.start)
				sent++;
			c.last_sentence = sent;
			if (o->explicit_year) {
				c.have_explicit = true;
				c.explicit_pt = o->pt;
				c.explicit_start = h.start;
			}
		}
	}
	return 0;
}

const struct extractor ext_date = {
	.name = "date",
	.version = DATE_VERSION,
	.load = date_load,
	.run = date_run,
	.unload = date_unload,
};
