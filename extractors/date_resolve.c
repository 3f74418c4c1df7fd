/* date_resolve.c: the arithmetic and lexical helpers behind temporal
 * normalization: proleptic Gregorian day numbers (Howard Hinnant's
 * days_from_civil), ISO 8601 weeks, English count and ordinal words, and the
 * tense cues that choose between the previous and the next occurrence of a
 * weekday or month.  Everything here is pure and thread-safe; nothing
 * allocates.  It does not know about rules or mentions. */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "document.h"
#include "tokenizer.h"
#include "util.h"

long date_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

int date_weekday(int y, int m, int d)
{
	long z = date_days_from_civil(y, m, d);
	/* 1970-01-01 was a Thursday (3 with Monday = 0) */
	long w = (z + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

int date_days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 31; /* defensive: callers keep m in 1..12 */
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[(m - 1) % 12];
}

void date_iso_week(int y, int m, int d, int *wy, int *wn)
{
	long z = date_days_from_civil(y, m, d);
	int wd = date_weekday(y, m, d);
	/* the Thursday of this week decides the ISO year */
	long thu = z - wd + 3;
	int ty, tm, td;
	date_civil_from_days(thu, &ty, &tm, &td);
	long jan1 = date_days_from_civil(ty, 1, 1);
	*wy = ty;
	*wn = (int)((thu - jan1) / 7 + 1);
}

void date_add_months(int *y, int *m, int n)
{
	/* floor division: months before year 0 ("the past 1000000 months")
	 * must still land in 1..12 */
	long t = (long)*y * 12 + (*m - 1) + n;
	long q = t / 12, r = t % 12;
	if (r < 0) {
		r += 12;
		q--;
	}
	*y = (int)q;
	*m = (int)r + 1;
}

void date_easter(int y, int *m, int *d)
{
	int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - dd - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int mm = (a + 11 * h + 22 * l) / 451;
	*m = (h + l - 7 * mm + 114) / 31;
	*d = (h + l - 7 * mm + 114) % 31 + 1;
}

struct word_num {
	const char *w;
	int v;
};

static const struct word_num small_numbers[] = {
	{"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5},
	{"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11},
	{"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
	{"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
	{"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
	{"ninety", 90}, {"hundred", 100}, {"thousand", 1000}, {"dozen", 12}, {"a", 1},
	{"an", 1}, {"once", 1}, {"twice", 2}, {"thrice", 3}, {"couple", 2},
	{"hundred", 100},
};

static const struct word_num ordinals[] = {
	{"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5}, {"sixth", 6},
	{"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10}, {"eleventh", 11},
	{"twelfth", 12}, {"thirteenth", 13}, {"fourteenth", 14}, {"fifteenth", 15},
	{"sixteenth", 16}, {"seventeenth", 17}, {"eighteenth", 18}, {"nineteenth", 19},
	{"twentieth", 20}, {"thirtieth", 30},
};

static int lookup(const struct word_num *t, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (ascii_ieq(s, len, t[i].w))
			return t[i].v;
	return -1;
}

/* Next word of s[*i..n) (letters only); returns its length, 0 at the end. */
static size_t next_word(const char *s, size_t n, size_t *i, const char **w)
{
	while (*i < n && !(is_ascii_lower(ascii_lower(s[*i])) || is_ascii_digit(s[*i])))
		(*i)++;
	size_t b = *i;
	while (*i < n && (is_ascii_lower(ascii_lower(s[*i])) || is_ascii_digit(s[*i]) || s[*i] == '.' ||
	                  s[*i] == '/'))
		(*i)++;
	*w = s + b;
	return *i - b;
}

bool date_parse_count(const char *s, size_t n, double *v, bool *vague)
{
	*vague = false;
	if (n > 0 && is_ascii_digit(s[0])) {
		char buf[32];
		size_t k = n < sizeof buf - 1 ? n : sizeof buf - 1;
		memcpy(buf, s, k);
		buf[k] = '\0';
		char *end;
		double x;
		/* a plain whole number (the common count) without strtod, which
		 * costs some 500 instructions; anything with a '.', an exponent
		 * or a hex prefix after the digits, or past 15 digits, still goes
		 * through it */
		size_t d = 0;
		uint64_t u = 0;
		while (d < 15 && is_ascii_digit(buf[d]))
			u = u * 10 + (uint64_t)(buf[d++] - '0');
		char after = buf[d];
		if (!is_ascii_digit(after) && after != '.' && (after | 0x20) != 'e' && (after | 0x20) != 'x') {
			x = (double)u;
			end = buf + d;
		} else {
			x = strtod(buf, &end);
		}
		/* "2 1/2" */
		while (*end == ' ')
			end++;
		if (is_ascii_digit(end[0]) && end[1] == '/' && is_ascii_digit(end[2]) && end[2] != '0')
			x += (double)(end[0] - '0') / (end[2] - '0');
		if (!(x <= DATE_MAX_COUNT)) /* also NaN and "1e999" */
			return false;
		*v = x;
		return true;
	}
	double total = 0, cur = 0;
	bool any = false, article = false;
	size_t i = 0;
	const char *w;
	size_t wl;
	while ((wl = next_word(s, n, &i, &w)) > 0) {
		if (ascii_ieq(w, wl, "few") || ascii_ieq(w, wl, "several") || ascii_ieq(w, wl, "many") ||
		    ascii_ieq(w, wl, "dozens") || ascii_ieq(w, wl, "hundreds") || ascii_ieq(w, wl, "some")) {
			*vague = true;
			*v = 0;
			return true;
		}
		if (ascii_ieq(w, wl, "of") || ascii_ieq(w, wl, "and") || ascii_ieq(w, wl, "times"))
			continue;
		if (ascii_ieq(w, wl, "half")) {
			cur = cur ? cur + 0.5 : 0.5;
			any = true;
			continue;
		}
		/* "twenty-four": split at the hyphen */
		const char *h = memchr(w, '-', wl);
		size_t parts[2] = {h ? (size_t)(h - w) : wl, h ? wl - (size_t)(h - w) - 1 : 0};
		const char *pw[2] = {w, h ? h + 1 : NULL};
		for (int p = 0; p < 2 && parts[p]; p++) {
			int x = lookup(small_numbers, ARRAY_SIZE(small_numbers), pw[p], parts[p]);
			if (x < 0)
				return false;
			any = true;
			if (x == 100 || x == 1000) {
				cur = (cur ? cur : 1) * x;
				if (x == 1000) {
					total += cur;
					cur = 0;
				}
			} else if (ascii_ieq(pw[p], parts[p], "a") || ascii_ieq(pw[p], parts[p], "an")) {
				/* "a couple", "a dozen", "half an": the article alone means one */
				article = true;
			} else {
				cur += x;
			}
		}
	}
	if (total + cur == 0 && article)
		cur = 1;
	if (!any || total + cur > DATE_MAX_COUNT)
		return false;
	*v = total + cur;
	return true;
}

bool date_parse_ordinal(const char *s, size_t n, int *v)
{
	if (n > 0 && is_ascii_digit(s[0])) {
		int x = 0;
		for (size_t i = 0; i < n && is_ascii_digit(s[i]); i++) {
			x = x * 10 + (s[i] - '0');
			if (x > DATE_MAX_COUNT)
				return false;
		}
		*v = x;
		return true;
	}
	/* "twenty-first", "twenty first" */
	int total = 0;
	size_t i = 0;
	const char *w;
	size_t wl;
	bool any = false;
	while ((wl = next_word(s, n, &i, &w)) > 0) {
		const char *h = memchr(w, '-', wl);
		size_t l1 = h ? (size_t)(h - w) : wl;
		int x = lookup(ordinals, ARRAY_SIZE(ordinals), w, l1);
		if (x < 0)
			x = lookup(small_numbers, ARRAY_SIZE(small_numbers), w, l1);
		if (x < 0)
			return false;
		total += x;
		any = true;
		if (h) {
			int y = lookup(ordinals, ARRAY_SIZE(ordinals), h + 1, wl - l1 - 1);
			if (y < 0)
				return false;
			total += y;
		}
	}
	if (!any)
		return false;
	*v = total;
	return true;
}

int date_month_number(const char *s, size_t n)
{
	static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
	                                    "jul", "aug", "sep", "oct", "nov", "dec"};
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (ascii_lower(s[0]) == names[i][0] && ascii_lower(s[1]) == names[i][1] &&
		    ascii_lower(s[2]) == names[i][2])
			return i + 1;
	return 0;
}

int date_weekday_number(const char *s, size_t n)
{
	static const char *const names[] = {"mo", "tu", "we", "th", "fr", "sa", "su"};
	if (n < 2)
		return 0;
	for (int i = 0; i < 7; i++)
		if (ascii_lower(s[0]) == names[i][0] && ascii_lower(s[1]) == names[i][1])
			return i + 1;
	return 0;
}

/* ---- tense cues ---- */

/* The cue words: future ("will", "'ll", "’ll", "shall", "going", "plans",
 * "plan", "planned", "planning", "scheduled", "schedule", "expected",
 * "expects", "expect", "upcoming", "intends", "aims", "won't", "won’t",
 * "wo", "tomorrow", "soon", "set"), past ("was", "were", "had", "did",
 * "met", "took", "made", "began", "came", "went", "saw", "gave", "got",
 * "left", "held", "ago", "since", "yesterday", "earlier") and reporting
 * verbs, which say when something was reported, not when it happens ("said
 * the vote is on Jan. 14"; they count only for weekdays: "said", "says",
 * "told", "announced", "reported", "according", "added", "stated").  Those
 * that start with a letter are in cue_words below. */

static bool in_list(const char *const *l, size_t n, const char *s, size_t len)
{
	/* the lists are lower case: compare first letters before the words */
	char c0 = (char)(s[0] | 0x20);
	for (size_t i = 0; i < n; i++)
		if (l[i][0] == c0 && ascii_ieq(s, len, l[i]))
			return true;
	return false;
}

/* A lower-case word ending in -ed that is probably a past-tense verb. */
static bool looks_past_verb(const char *s, size_t n)
{
	static const char *const not_verbs[] = {"need", "speed", "red", "bed", "feed", "seed",
	                                        "united", "based", "limited", "related",
	                                        "expected", "scheduled", "planned", "proposed",
	                                        "hundred", "indeed", "biased", "aged", "wed",
	                                        "continued", "advanced", "detailed", "combined"};
	if (n < 5 || !is_ascii_lower(s[0]))
		return false;
	if (s[n - 2] != 'e' || s[n - 1] != 'd')
		return false;
	return !in_list(not_verbs, ARRAY_SIZE(not_verbs), s, n);
}

/* The cue words above that start with a letter, with their class (+1
 * future, -2 reporting, -1 past), by first letter and length (the run of
 * first letter c is cue_first[c - 'a'] up to cue_first[c - 'a' + 1]): one
 * short run to compare instead of three lists of 50 words. */
struct cue_word {
	const char *w;
	uint8_t n;
	int8_t cls;
};
static const struct cue_word cue_words[] = {
	{"ago", 3, -1}, {"aims", 4, 1}, {"added", 5, -2}, {"according", 9, -2}, {"announced", 9, -2},
	{"began", 5, -1}, {"came", 4, -1}, {"did", 3, -1}, {"expect", 6, 1}, {"earlier", 7, -1},
	{"expects", 7, 1}, {"expected", 8, 1}, {"got", 3, -1}, {"gave", 4, -1}, {"going", 5, 1},
	{"had", 3, -1}, {"held", 4, -1}, {"intends", 7, 1}, {"left", 4, -1}, {"met", 3, -1},
	{"made", 4, -1}, {"plan", 4, 1}, {"plans", 5, 1}, {"planned", 7, 1}, {"planning", 8, 1},
	{"reported", 8, -2}, {"saw", 3, -1}, {"set", 3, 1}, {"said", 4, -2}, {"says", 4, -2},
	{"soon", 4, 1}, {"shall", 5, 1}, {"since", 5, -1}, {"stated", 6, -2}, {"schedule", 8, 1},
	{"scheduled", 9, 1}, {"told", 4, -2}, {"took", 4, -1}, {"tomorrow", 8, 1}, {"upcoming", 8, 1},
	{"wo", 2, 1}, {"was", 3, -1}, {"went", 4, -1}, {"were", 4, -1}, {"will", 4, 1},
	{"won't", 5, 1}, {"won’t", 7, 1}, {"yesterday", 9, -1},
};
static const uint8_t cue_first[27] = {0,  5,  6,  7,  8,  12, 12, 15, 17, 18, 18, 18, 19, 21,
                                      21, 21, 25, 25, 26, 36, 39, 40, 40, 47, 47, 48, 48};

/* The class of s[0..n) in the cue lists: +1 future, -2 reporting, -1
 * past, 0 none. */
static int cue_listed(const char *s, size_t n)
{
	/* bit n of cue_lens[c]: a listed word of n bytes starts with letter c */
	static const uint16_t cue_lens[26] = {
		['a' - 'a'] = 1u << 3 | 1u << 4 | 1u << 5 | 1u << 9,
		['b' - 'a'] = 1u << 5,
		['c' - 'a'] = 1u << 4,
		['d' - 'a'] = 1u << 3,
		['e' - 'a'] = 1u << 6 | 1u << 7 | 1u << 8,
		['g' - 'a'] = 1u << 3 | 1u << 4 | 1u << 5,
		['h' - 'a'] = 1u << 3 | 1u << 4,
		['i' - 'a'] = 1u << 7,
		['l' - 'a'] = 1u << 4,
		['m' - 'a'] = 1u << 3 | 1u << 4,
		['p' - 'a'] = 1u << 4 | 1u << 5 | 1u << 7 | 1u << 8,
		['r' - 'a'] = 1u << 8,
		['s' - 'a'] = 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 8 | 1u << 9,
		['t' - 'a'] = 1u << 4 | 1u << 8,
		['u' - 'a'] = 1u << 8,
		['w' - 'a'] = 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 7,
		['y' - 'a'] = 1u << 9,
	};
	char c0 = ascii_lower(s[0]);
	if (c0 >= 'a' && c0 <= 'z') {
		if (n > 15 || !((cue_lens[c0 - 'a'] >> n) & 1))
			return 0;
		for (size_t k = cue_first[c0 - 'a']; k < cue_first[c0 - 'a' + 1]; k++)
			if (cue_words[k].n == n && ascii_ieq(s, n, cue_words[k].w))
				return cue_words[k].cls;
		return 0;
	}
	/* "'ll", "’ll" */
	return ((n == 3 && ascii_ieq(s, 3, "'ll")) || (n == 5 && ascii_ieq(s, 5, "’ll"))) ? 1 : 0;
}

/* Cue class of token k: +1 future, -1 past, -2 reporting verb, 0 none.  An
 * -ed form after a present form of "be" is a passive ("will be dispatched",
 * "is held"), no cue; "has been held" still counts as past. */
static int cue_of(const struct document *doc, size_t k)
{
	static const char *const be[] = {"be", "being", "is", "are", "am", "get"};
	const struct token *t = &doc->tokens[k];
	const char *s = doc->text + t->start;
	size_t n = t->end - t->start;
	/* "I'll", "they’ll", "won't": the contraction carries the future */
	if (n >= 4 && ((s[n - 3] == '\'' && ascii_ieq(s + n - 2, 2, "ll")) ||
	               (n >= 6 && (uint8_t)s[n - 5] == 0xE2 && ascii_ieq(s + n - 2, 2, "ll")) ||
	               (n == 5 && ascii_ieq(s, n, "won't")) || (n == 7 && ascii_ieq(s, 3, "won") &&
	                                           (uint8_t)s[3] == 0xE2)))
		return +1;
	int listed = n >= 2 ? cue_listed(s, n) : 0;
	bool ed = n >= 5 && s[n - 2] == 'e' && s[n - 1] == 'd';
	if (!listed && !ed)
		return 0;
	if (listed == 1 || listed == -2)
		return listed;
	if (listed == -1 || looks_past_verb(s, n)) {
		if (k > 0) {
			const struct token *p = &doc->tokens[k - 1];
			if (in_list(be, ARRAY_SIZE(be), doc->text + p->start, p->end - p->start))
				return 0;
		}
		return -1;
	}
	return 0;
}

/* One token of the tense-cue scan: CUE_STOP at a clause boundary, +1/-1 for
 * a future/past cue (written to *cue, *cuelen), 0 to go on. */
#define CUE_STOP 2
static int cue_step(const struct document *doc, size_t k, bool strict, const char **cue,
                    size_t *cuelen)
{
	const struct token *t = &doc->tokens[k];
	const char *s = doc->text + t->start;
	if (t->type == TOK_PUNCT && (s[0] == ';' || s[0] == '"' || s[0] == '(' || s[0] == ':'))
		return CUE_STOP;
	int c = cue_of(doc, k);
	if (c == 0 || (c == -2 && strict))
		return 0;
	*cue = s;
	*cuelen = t->end - t->start;
	return c > 0 ? +1 : -1;
}

int date_tense(const struct document *doc, uint32_t start, uint32_t end, bool strict,
               const char **cue, size_t *cuelen)
{
	if (!doc->tokens || !doc->ntokens)
		return 0;
	size_t ti = doc_token_at(doc, start);
	size_t si = doc->nsentences ? doc_sentence_at(doc, start) : 0;
	size_t sb = doc->nsentences ? doc->sentences[si].tok_begin : 0;
	size_t se = doc->nsentences ? doc->sentences[si].tok_end : doc->ntokens;
	/* The nearest cue in the clause before the mention decides; failing
	 * that, the nearest one just after it. */
	size_t lo = ti > sb + 10 ? ti - 10 : sb;
	for (size_t k = ti; k-- > lo;) {
		int r = cue_step(doc, k, strict, cue, cuelen);
		if (r == CUE_STOP)
			break;
		if (r)
			return r;
	}
	size_t te = doc_token_at(doc, end);
	size_t hi = te + 6 < se ? te + 6 : se;
	for (size_t k = te; k < hi; k++) {
		int r = cue_step(doc, k, strict, cue, cuelen);
		if (r == CUE_STOP)
			break;
		if (r)
			return r;
	}
	return 0;
}
