/* date.h: the temporal extractor (dates, times, durations, sets) and the
 * pieces its three files share.  Ownership: the rule tables are static; the
 * compiled state (struct date_state) is built once by load and only read by
 * run; every string a mention gets lives in the document's arena.
 *
 *   date_rules.c   the rule tables, one per family (data, no logic)
 *   date.c         load/run: token gate, regex matching, field capture,
 *                  normalizers that turn captured fields into TIMEX3 values
 *   date_resolve.c calendar arithmetic, ISO weeks, tense cues, number words
 */
#ifndef EXTRACTD_DATE_H
#define EXTRACTD_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extractor.h"

struct document;

extern const struct extractor ext_date;

/* Named capture groups a rule pattern may use.  The name in the pattern is the
 * lower-case string; the normalizers read fields by these ids.  A group name
 * may appear in several rows (patterns are compiled with PCRE2_DUPNAMES). */
#define DATE_FIELDS(X)                                                       \
	X(YEAR, "year")       /* 4-digit year, or 2-digit after an apostrophe */ \
	X(YEAR2, "yeartwo")   /* 2-digit year in numeric dates */               \
	X(MONTH, "month")     /* month name or abbreviation */                  \
	X(MNUM, "mnum")       /* month number */                                \
	X(DAY, "day")         /* day of month, digits with optional suffix */   \
	X(DAYW, "dayword")    /* day of month as an ordinal word */             \
	X(WDAY, "wday")       /* weekday name */                                \
	X(NUM, "num")         /* a count: digits or number words */             \
	X(UNIT, "unit")       /* year, month, week, day, hour, ... */           \
	X(HOUR, "hour")                                                          \
	X(MIN, "min")                                                            \
	X(SEC, "sec")                                                            \
	X(HOUR2, "hourtwo")   /* end of a clock range */                        \
	X(MIN2, "mintwo")                                                        \
	X(AMPM, "ampm")                                                          \
	X(ZONE, "zone")                                                          \
	X(REL, "rel")         /* this/last/next/past/coming/previous ... */     \
	X(DIR, "dir")         /* ago/later/earlier/before/after/from now */     \
	X(MOD, "mod")         /* early/late/mid/more than/about ... */          \
	X(QUARTER, "quarter") /* 1..4 as digit or ordinal word */               \
	X(HALF, "half")       /* first/second half */                           \
	X(DECADE, "decade")   /* "1990" of "the 1990s", "90" of "the '90s" */  \
	X(CENTURY, "century") /* ordinal of "the 21st century" */               \
	X(SEASON, "season")                                                      \
	X(PART, "part")       /* morning/afternoon/evening/night */             \
	X(WORD, "word")       /* the key word of a lexical rule */              \
	X(DEIC, "deic")       /* today/yesterday/tomorrow inside a longer span */ \
	X(FUTURE, "future")   /* a cue inside the span that forces future */    \
	X(PAST, "past")       /* a cue inside the span that forces past */     \
	X(DAY2, "daytwo")     /* end day of a day range: "9 to 12 of June" */  \
	X(DAYW2, "daywordtwo") /* the same as an ordinal word */                \
	X(MONTH2, "monthtwo") /* end month of a range: "Jan-Feb 2017" */   \
	X(NUM2, "numtwo")     /* second count of a length: "3 hours 30 minutes" */ \
	X(UNIT2, "unittwo")   /* its unit */

enum date_field {
#define X(e, s) DF_##e,
	DATE_FIELDS(X)
#undef X
	DF__COUNT
};

/* What a rule's normalizer does with the fields it captured. */
enum date_norm {
	DN_CALENDAR,    /* year/month/day/weekday, any subset: "May 16, 2025", "June 2022" */
	DN_NUMERIC,     /* numeric date with a day/month policy: "16/05/2025", "5/16" */
	DN_YEAR,        /* a bare or modified year: "2011", "mid-2024", "fiscal 2024" */
	DN_DECADE,      /* "the 1990s", "the '80s" */
	DN_CENTURY,     /* "the 21st century" */
	DN_QUARTER,     /* "Q3 2025", "the third quarter" */
	DN_HALF,        /* "the first half of 2025" */
	DN_SEASON,      /* "last summer", "spring 2020" */
	DN_DEICTIC,     /* today, yesterday, tomorrow, tonight ... (word -> day offset) */
	DN_REF,         /* now, recently, the future -> PRESENT_REF/PAST_REF/FUTURE_REF */
	DN_REL_UNIT,    /* this/last/next + unit: "last week", "earlier this month" */
	DN_REL_MONTH,   /* this/last/next + month: "this April" */
	DN_REL_WDAY,    /* this/last/next + weekday, or a bare weekday */
	DN_OFFSET,      /* count + unit + ago/later/earlier: "two days ago", "a year later" */
	DN_CLOCK,       /* "10:30 a.m.", "9pm JST", "noon" (+ optional day) */
	DN_CLOCK_RANGE, /* "5-6 pm", "10 to 11:30 a.m.": one am/pm for both ends */
	DN_PARTDAY,     /* "this morning", "Wednesday night", "last night" */
	DN_DURATION,    /* "more than eight hours", "three years", "24-hour" */
	DN_DUR_SPAN,    /* "the past three years", "the next two weeks" (DURATION) */
	DN_DUR_VAGUE,   /* "years", "recent months", "a few days" (PXY ...) */
	DN_SET,         /* "every Monday", "annually", "twice a year" */
	DN_HOLIDAY,     /* "Christmas", "Thanksgiving Day 2024": see date_holidays */
	DN_WEEK,        /* an ISO week number: "week 10", "week 3 of 2027" */
	DN_SPAN_RANGE,  /* "2 next days", "10 previous weeks": a DATE range from or to publication */
	DN_DAY_RANGE,   /* "9 to 12 of June", "November 19-20", "Jan-Feb 2017": one DATE range */
};

/* One rule: a PCRE2 fragment (caseless; use (?-i:...) for case-sensitive
 * parts) with named groups from DATE_FIELDS, the mention type it makes and
 * the normalizer that reads its groups.  Rows of one family are compiled into
 * one alternation, tried in table order: put longer, more specific rows first. */
struct date_rule {
	const char *name;     /* stable rule id, shown in explain mode */
	uint8_t type;         /* enum mention_type: MT_DATE, MT_TIME, MT_DURATION, MT_SET */
	uint8_t norm;         /* enum date_norm */
	const char *pattern;  /* PCRE2 fragment */
	uint32_t needs;       /* enum date_class bits: one must occur near the start; 0 = none */
};

struct date_family {
	const char *name;     /* "absolute", "relative", ... -> source "pattern:<name>" */
	const struct date_rule *rules;
	size_t nrules;
};

extern const struct date_family date_families[];
extern const size_t date_nfamilies;

/* Words that can start or carry a temporal expression (lower case), with
 * their gate class; see date_rules.c. */
enum date_gate {
	DG_STRONG = 1,  /* can start an expression on its own: months, "today", "every" */
	DG_WEAK = 2,    /* starts one only before a strong word: "the", "a", "more" */
	DG_LABEL = 8,   /* a label before a number, which is then no year: "Section 2030" */
};
/* Token classes, for the rows' "needs" (a cheap test before the regex). */
enum date_class {
	DC_DIGIT = 1 << 0,   /* a token with a digit in it */
	DC_UNIT = 1 << 1,    /* year, month, week, day, hour, quarter, decade, ... */
	DC_MONTH = 1 << 2,
	DC_WDAY = 1 << 3,
	DC_DEIC = 1 << 4,    /* today, yesterday, tomorrow, tonight */
	DC_REF = 1 << 5,     /* now, recently, future, past */
	DC_CLOCK = 1 << 6,   /* a.m./p.m., o'clock, noon, ':' */
	DC_SETW = 1 << 7,    /* daily, every, twice */
	DC_SEASON = 1 << 8,
	DC_PART = 1 << 9,    /* morning, afternoon, evening, night */
	DC_YEAR = 1 << 10,   /* a token holding a 4-digit run 1500..2099 ("2011", "mid-2024") */
	DC_SEP = 1 << 11,    /* a date separator: '/', '-', '.' in a number or glued between two */
	DC_DECADE = 1 << 12, /* a number ending in "0s" / "0's": "1990s", "'90s" */
	DC_QH = 1 << 13,     /* a quarter or half code: "Q3", "3Q", "H1", "2025-H2" */
	DC_HALF = 1 << 14,   /* the word "half" */
	DC_YEARW = 1 << 15,  /* words of a year or decade in letters: nineteen, thousand, nineties */
	DC_GLUED = 1 << 16,  /* a number with a word glued after it: "3h", "9pm" */
	DC_RANGE = 1 << 17,  /* after "between"/"from"/a day word, a number, a joiner ('-', "to", "and") and a number */
	DC_WEEKW = 1 << 18,  /* the word "week" */
	DC_WDAYS = 1 << 19,  /* a plural weekday: "Mondays" */
	DC_PARTS = 1 << 20,  /* a plural part of day: "mornings" */
	DC_CENTW = 1 << 21,  /* "century", "centuries" */
	DC_QUARTERW = 1 << 22, /* "quarter", "quarters", "period" */
	DC_FISCALW = 1 << 23,  /* "fiscal", "FY", "FY2024" */
};
struct date_gate_word {
	const char *word;
	uint8_t gate;
	uint32_t cls;         /* enum date_class */
};
extern const struct date_gate_word date_gate_words[];
extern const size_t date_ngate_words;

/* Rows every match of which reaches, after its first token, a word that
 * begins with one of these (no letter after it), and holds nothing but ASCII
 * letters, digits, white space, '-', '–', '~', '/' and '.' before a digit on the way:
 * the engine tries them only where such a word comes before any other mark
 * (date.c, later_word).  A speed table: a row missing here is only slower. */
struct date_later {
	const char *rule;            /* a row name */
	const char *const *words;    /* lower case, NULL-terminated */
};
extern const struct date_later date_later_words[];
extern const size_t date_nlater_words;

/* Rows every match of which is preceded by one of these words (ASCII
 * letters, lower case) and one space, as their lookbehinds say ("s" stands
 * for "'s"): the engine tries them only there (date.c, before_word). */
extern const struct date_later date_before_words[];
extern const size_t date_nbefore_words;

/* Holidays: a fixed month/day, the nth weekday of a month (nth -1: the
 * last), or a day counted from Western Easter Sunday. */
struct date_holiday {
	const char *name;     /* lower case, single spaces, no apostrophes */
	int8_t month, day;    /* fixed date; or month of an nth-weekday rule and
	                       * days after that weekday ("black friday": 1) */
	int8_t nth, wday;     /* nth (1..5, -1 last) weekday (1 = Monday); 0 if fixed */
	bool easter;          /* day = offset from Easter Sunday */
};
extern const struct date_holiday date_holidays[];
extern const size_t date_nholidays;

/* ---- date_resolve.c: calendar arithmetic and cues ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long date_days_from_civil(int y, int m, int d);
void date_civil_from_days(long z, int *y, int *m, int *d);
/* 0 = Monday .. 6 = Sunday. */
int date_weekday(int y, int m, int d);
int date_days_in_month(int y, int m);
/* ISO 8601 week-numbering year and week of a date. */
void date_iso_week(int y, int m, int d, int *wy, int *wn);
/* Add n months to (y, m) keeping the month in 1..12. */
void date_add_months(int *y, int *m, int n);

/* The largest count or ordinal the date parsers accept: beyond it a number
 * is no date or length ("100000000 years" is not normalized), and the
 * calendar arithmetic on counts (years * 100, seconds) stays far from int
 * and long overflow. */
#define DATE_MAX_COUNT 1000000

/* Parse a count written in digits or English words ("eight", "twenty-four",
 * "a", "a couple of", "2 1/2").  Returns true with *v set; *vague is set when
 * the count is unspecified ("several", "a few"), and *v is then 0. */
bool date_parse_count(const char *s, size_t n, double *v, bool *vague);
/* Ordinal or cardinal word/digits to an integer ("third" -> 3, "21st" -> 21);
 * false above DATE_MAX_COUNT. */
bool date_parse_ordinal(const char *s, size_t n, int *v);
/* Month name/abbreviation (1..12) and weekday name (1 = Monday .. 7), 0 if none. */
int date_month_number(const char *s, size_t n);
int date_weekday_number(const char *s, size_t n);

/* Date of Western Easter Sunday in year y (anonymous Gregorian algorithm). */
void date_easter(int y, int *m, int *d);

/* Tense around a mention: the nearest cue in the clause before it (else just
 * after it) decides: future cues ("will", "'ll", "scheduled", "plans") or past
 * cues ("was", "-ed" verbs, "ago").  Reporting verbs ("said", "told") count as
 * past unless strict is set: they date the report, not the event.  Returns +1
 * future, -1 past, 0 unknown; *cue receives the deciding word (a pointer into
 * doc->text) and *cuelen its length. */
int date_tense(const struct document *doc, uint32_t start, uint32_t end, bool strict,
               const char **cue, size_t *cuelen);

#endif
