/* date_rules.c: the temporal rule tables, one table per family.  Data only:
 * no matching or normalization logic lives here.
 *
 * How the tables are used (see date.c): at load every row is compiled once
 * into a caseless, anchored, JIT-compiled PCRE2 regex, the pattern followed by
 * an end guard (no match may stop inside a word or a hyphenated compound).
 * The engine then works out, by partial matching, which rows can start with
 * each gate word below and with a digit.  At run time a token gate picks
 * candidate start tokens; at each one the rows that can start there and whose
 * "needs" class occurs nearby are tried, and the longest match wins (ties go
 * to the earlier row, so put the more specific row first).  The winning row's
 * named groups (enum date_field in date.h) feed its normalizer (enum
 * date_norm), which builds the TIMEX3 value and resolves it against the
 * publication date.
 *
 * Adding a pattern: add one row { name, type, normalizer, pattern, needs } to
 * the family it belongs to, using the shared fragments below and only group
 * names from DATE_FIELDS; "needs" names the token class the row cannot match
 * without (N_UNIT for "three years", N_MONTH for "May 16", 0 if none).  If its
 * first word is new, add the word to date_gate_words with its class.  Add a
 * test row to tests/test-date.c.  Nothing else: which rows can start with
 * which word is worked out at load.
 *
 * Conventions (TimeML): spans never start with a preposition ("on", "in",
 * "by"); context words that decide a reading are written as lookbehinds.
 * Patterns are matched on the original text with ASCII-only \s and [a-z]
 * classes (no PCRE2_UCP, for speed). */
#include "date.h"
#include "mention.h"
#include "util.h"

/* ---- shared fragments ---- */

/* Row "needs" (the last field of a row): the row is tried only when a token
 * of one of these classes is within a few tokens of the start (0: always).
 * The classes come from date_gate_words below, digits and clock marks. */
#define N_DIGIT DC_DIGIT
#define N_YEAR DC_YEAR
#define N_UNIT DC_UNIT
#define N_MONTH DC_MONTH
#define N_WDAY DC_WDAY
#define N_DEIC DC_DEIC
#define N_REF DC_REF
#define N_CLOCK DC_CLOCK
#define N_SEP DC_SEP
#define N_SETW DC_SETW
#define N_SEASON DC_SEASON
#define N_PART DC_PART
#define N_DECADE DC_DECADE
#define N_QH DC_QH
#define N_HALF DC_HALF
#define N_YEARW DC_YEARW
#define N_GLUED DC_GLUED
#define N_RANGE DC_RANGE
#define N_WEEKW DC_WEEKW
#define N_WDAYS DC_WDAYS
#define N_PARTS DC_PARTS
#define N_CENTW DC_CENTW
#define N_QUARTERW DC_QUARTERW
#define N_FISCALW DC_FISCALW

#define MONTH_FULL "january|february|march|april|may|june|july|august|september|october|november|december"
#define MONTH_ABBR "(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\\.?"
/* a month in a context that makes it a date (followed by a day or year) */
#define MON "(?<month>(?:" MONTH_FULL ")(?![a-z])|" MONTH_ABBR ")"
/* a month standing alone: never the modal "may" or the verb "march" unless a
 * preposition or determiner before it makes it a date */
#define MON_ALONE                                                                        \
	"(?<month>(?:january|february|april|june|july|august|september|october|november|december)" \
	"(?![a-z])|(?-i:(?:Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.)"                   \
	"|(?<=\\bin |\\bof |\\bsince |\\buntil |\\btill |\\bby |\\bfrom |\\bthrough |\\bto |\\bearly |" \
	"\\blate |\\bmid-|\\bmid |\\bbefore |\\bafter |\\bduring |\\bbetween |\\band |\\bor |\\bthis |" \
	"\\blast |\\bnext |\\bend of |\\bstart of |\\bbeginning of |\\bmiddle of )"              \
	"(?-i:May|March|Mar\\.)(?![a-z])"                                                       \
	"|(?<=\\bfrom |\\bto |\\buntil |\\btill |\\bthrough |\\bbetween |\\bsince |\\bafter |\\bbefore |\\bin )" \
	"(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)(?![a-zA-Z.]))"
#define DAYNUM "(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
#define DAYWORD_ALT                                                                      \
	"(?:twenty|thirty)[\\s\\-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)" \
	"|thirty-?first|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|" \
	"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"  \
	"twentieth|thirtieth"
#define DAYWORD "(?<dayword>" DAYWORD_ALT ")"
/* the end of a day range: "9 to 12 of June", "april ninth through seventeenth" */
#define DAYNUM2 "(?<daytwo>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
#define DAYWORD2 "(?<daywordtwo>" DAYWORD_ALT ")(?![a-z])"
#define MON2 "(?<monthtwo>(?:" MONTH_FULL ")(?![a-z])|" MONTH_ABBR ")"
/* what joins the ends of a range ("and" only after "between": see the rows) */
#define RJOIN "(?:\\s*[\\-–~]\\s*|\\s+(?:to|through|thru|till|until)\\s+)"
/* the start of a day range and its joiner: "9 to", "3rd and" ("and" only
 * after "between": the range normalizer checks, which keeps these rows free
 * of lookbehinds, costly when the rows' first words are worked out at load) */
#define DAY_RANGE_START                                                                  \
	"(?:the\\s+)?(?:" DAYNUM "|" DAYWORD "(?![a-z]))(?:" RJOIN "|\\s+and\\s+)"
#define YEAR4 "(?<year>1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])"
/* a cheap test first, so the long context lookbehinds run only on years */
#define YEAR_AHEAD "(?=(?:1[5-9]|20)[0-9]{2}(?![0-9]))"
#define YEAR2 "'(?<year>[0-9]{2})(?![0-9])"
#define WDAY_NAME "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
#define WDAY "(?<wday>" WDAY_NAME ")(?![a-z])"
/* weekday including abbreviations, only used before an explicit date */
#define WDAYX "(?<wday>(?:" WDAY_NAME ")(?![a-z])|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?![a-z])\\.?)"
/* a weekday that is not part of a title ("Sunday Times", "Bloody Sunday") */
#define WDAY_NOT_TITLE                                                                   \
	"(?!\\s+(?-i:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Independent|Star|"      \
	"Tribune|Sport|Observer|Age|Night Live|School|Journal|Business|Review)(?![a-z]))"
#define DEIC "(?<deic>today|yesterday|tomorrow|tonight|tonite)"
#define PART "(?<part>morning|afternoon|evening|night|daytime|midday)"
#define NUMWORD                                                                          \
	"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s\\-](?:one|two|three|four|five|six|seven|eight|nine)(?![a-z]))?" \
	"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|" \
	"fifteen|sixteen|seventeen|eighteen|nineteen|(?:a|one)\\s+hundred|hundred|(?:a|one)\\s+thousand|a\\s+dozen|dozen"
/* a count: digits (with "2 1/2"), number words, or vague counts */
#define COUNT                                                                            \
	"(?<num>[0-9]+(?:\\.[0-9]+)?(?:\\s+[1-3]/[2-4])?|(?:" NUMWORD ")(?![a-z])(?:\\s+and\\s+a\\s+half)?|" \
	"a\\s+few|a\\s+couple(?:\\s+of)?|couple\\s+of|several|few|many|dozens\\s+of|hundreds\\s+of|an?|half\\s+an?)(?![a-z])"
/* a count that is not "a"/"an" (for "the nine months") */
#define COUNT_NA                                                                         \
	"(?<num>[0-9]+(?:\\.[0-9]+)?|(?:" NUMWORD ")(?![a-z])|few|several|many)(?![a-z])"
#define UNIT                                                                             \
	"(?:(?:trading|business|working|calendar|straight|consecutive|more|additional|full|long)\\s+)?" \
	"(?<unit>years?|months?|weeks?|days?|hours?|minutes?|seconds|(?<!\\ba |\\ban )second|decades?|centur(?:y|ies)|"   \
	"quarters?|fortnights?|weekends?|nights|hrs?|mins?|secs?|yrs?|millenni(?:um|a))(?![a-z])"
#define UNIT1 "(?<unit>year|month|week|day|hour|minute|decade|century|quarter|weekend|fortnight)(?![a-z])"
#define UNIT_PL "(?<unit>years|months|weeks|days|hours|minutes|decades|centuries|quarters)(?![a-z])"
/* modifiers kept as the TIMEX3 mod */
#define MODS                                                                             \
	"(?<mod>no\\s+more\\s+than|no\\s+less\\s+than|more\\s+than|less\\s+than|fewer\\s+than|"   \
	"just\\s+over|just\\s+under|well\\s+over|at\\s+least|at\\s+most|up\\s+to|close\\s+to|"  \
	"nearly|almost|about|around|roughly|approximately|some|over|under|only|within|"     \
	"the\\s+better\\s+part\\s+of)"
#define POSMOD                                                                           \
	"(?<mod>early|late|mid|the\\s+(?:end|beginning|start|middle|turn)\\s+of|"            \
	"(?:end|beginning|start|middle)\\s+of)"
#define ZONE "(?<zone>(?-i:(?:UTC|GMT)(?:[+\\-][0-9]{1,2}(?::?[0-9]{2})?)?|[A-Z]{1,3}[SD]?T))(?![A-Za-z])"
/* "p.m." keeps its final dot; in "5pm." the dot ends the sentence */
#define AMPM "(?<ampm>[ap]\\.\\s?m(?![a-z])\\.?|[ap]\\s?m(?![a-z])|o'clock|o’clock|oclock)"
#define CLOCK                                                                            \
	"(?:(?<hour>[01]?[0-9]|2[0-3])(?:[:.]?(?<min>[0-5][0-9]))?(?::(?<sec>[0-5][0-9]))?\\s*" AMPM \
	"|(?<hour>[01]?[0-9]|2[0-3]):(?<min>[0-5][0-9])(?::(?<sec>[0-5][0-9]))?(?![0-9]|[.:][0-9])" \
	"|(?<word>(?:noon|midday|midnight)(?:ish)?))(?:\\s+" ZONE ")?"
/* a clock range with no a.m./p.m. ("11-4", "10:30 to 3", "3 and 8") and
 * what after it makes it one: a day, a part of day, a date */
#define CLOCK_RANGE_END "(?<hourtwo>[01]?[0-9]|2[0-3])(?::(?<mintwo>[0-5][0-9]))?(?![0-9]|[.,:/][0-9])"
#define CLOCK_RANGE_BARE                                                                 \
	"(?<hour>[01]?[0-9]|2[0-3])(?::(?<min>[0-5][0-9]))?\\s*(?:-|–|to|and|till|until)\\s*" CLOCK_RANGE_END
#define CLOCK_DAY_AFTER                                                                  \
	"\\s*,?\\s+(?:today|tonight|tomorrow|yesterday|last\\s+night|this\\s+(?:morning|afternoon|evening)|" \
	"(?:next|last|this)\\s+" WDAY_NAME_RX "|" WDAY_NAME_RX "|in\\s+the\\s+(?:morning|afternoon|evening|night)|" \
	"on\\s+(?:[0-9]{1,2}/[0-9]|the\\s+[0-9]))"
#define HOUR_WORD "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
#define WDAY_NAME_RX "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![a-z])"

/* a year in words: "nineteen ninety-six", "two thousand and thirty two" */
#define YEAR_WORDS                                                                       \
	"(?<num>(?:nineteen|eighteen|twenty)[\\s\\-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|"          \
	"sixteen|seventeen|eighteen|nineteen|hundred|o[\\s\\-](?:one|two|three|four|five|six|seven|eight|nine)|" \
	"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s\\-](?:one|two|three|four|five|six|seven|eight|nine))?)" \
	"|two\\s+thousand(?:\\s+(?:and\\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|" \
	"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)" \
	"(?:[\\s\\-](?:one|two|three|four|five|six|seven|eight|nine))?))?)(?![a-z])"         \
	"(?!\\s+(?:years?|months?|days?|weeks?|hours?|minutes?|people|percent|dollars)(?![a-z]))"

/* words after a number that show it counts things, not years */
#define NOT_YEAR_AFTER                                                                   \
	"(?!\\s*(?:%|percent|per\\s+cent)|[.,][0-9]|\\s*(?:-|to)\\s*[0-9]{1,3}(?![0-9])|"     \
	"\\s+(?!(?:as|is|was|has|its|his|this|us|plus|versus|thus|whereas|less|unless|yes|onwards|afterwards|"  \
	"elections|olympics|games|census|season|series|crisis|news)\\b)(?-i:[a-z]+s)\\b|"             \
	"\\s+(?:people|men|women|children|staff|police|feet|yen|won|yuan|baht|rupees|"       \
	"million|billion|thousand|more|other|of|jobs|troops)\\b)"
/* "$2 million a year", "four flights a week": a rate, not a duration */
#define RATE_WORDS                                                                       \
	"[0-9] |[0-9]m |[0-9]bn |million |billion |thousand |hundred |times |once |twice |" \
	"percent |cents |dollars |euros |pounds |yen |flights |trips |hours |miles |people "
#define NOT_RATE "(?<!" RATE_WORDS ")"
/* "37 years old" is an age; "three-quarters of its food" a fraction */
#define NOT_AGE "(?!\\s+old(?![a-z]))(?!(?<=quarters)\\s+of\\s)"
/* words before a number that make it a label, not a year */
#define NOT_YEAR_BEFORE                                                                  \
	"(?<![$€£¥#])(?<![0-9][.,])(?<!no\\. |vol\\. |p\\. |pp\\. |cve-|iso-)"
/* (label words, "Section 2030", are DG_LABEL gate words below: a year row is
 * not tried after one) */

/* ---- family: absolute calendar dates ---- */

static const struct date_rule rules_absolute[] = {
	/* day ranges, one DATE "(begin,end,length)" (Recognizers-Text style):
	 * "9 to 12 of June", "between 3 and 12 Sept", "November 19-20",
	 * "april ninth through seventeenth", "Jan-Feb 2017", "Nov-Feb 5th, 2017" */
	{"iso_date", MT_DATE, DN_CALENDAR,
	 "(?<year>1[5-9][0-9]{2}|20[0-9]{2})-(?<mnum>0[1-9]|1[0-2])-(?<day>0[1-9]|[12][0-9]|3[01])(?![0-9])"
	 /* "12-2015", "06/2019": a month number glued to a four-digit year */
	 "|(?<![0-9][/.\\-]|[0-9])(?<mnum>0?[1-9]|1[0-2])[/\\-](?<year>(?:19|20)[0-9]{2})(?![0-9]|[/.\\-][0-9])", N_YEAR},
	{"numeric_date", MT_DATE, DN_NUMERIC,
	 "(?<![0-9][/.]|[0-9]-(?![0-9]{1,2}/))(?<day>[0-9]{1,2})[/.\\-](?<mnum>[0-9]{1,2})[/.\\-](?<year>[12][0-9]{3}|[0-9]{2})(?![0-9]|[/.][0-9]|-[0-9](?![0-9]?[/.\\-][0-9]))", N_SEP},
	{"numeric_month_day", MT_DATE, DN_NUMERIC,
	 /* "5/16", "22/04"; not fractions ("1/2", "3/8", "2 1/2"), "24/7" or scores */
	 "(?<![0-9][/.]|[0-9]-(?![0-9]{1,2}/)|[0-9] |[0-9])(?!(?:24/7|9/11|1/2|1/3|2/3|1/4|3/4|1/5|2/5|3/5|4/5|1/6|5/6|1/8|3/8|5/8|7/8)(?![0-9]))"
	 "(?<day>1[0-2]|0?[1-9]|[12][0-9]|3[01])/(?<mnum>[12][0-9]|3[01]|0?[1-9])(?![0-9]|/[0-9]|\\s+of\\s)", N_SEP},
	{"month_day_year", MT_DATE, DN_CALENDAR,
	 /* a range first ("November 19-20", "april ninth through seventeenth",
	  * months glued by a dash: "Jan-Feb 2017", "Nov-Feb 5th, 2017"), else
	  * "May 16, 2025", "Tuesday, the 13th of May" */
	 MON "(?:\\s+(?:the\\s+)?(?:" DAYNUM "|" DAYWORD "(?![a-z]))" RJOIN "(?:the\\s+)?(?:" DAYNUM2 "|" DAYWORD2 ")"
	 "(?![/:.,]?[0-9]|\\s*(?:[ap]\\.?m(?![a-z])|%|percent|o['’]?clock|hours?|days?|years?|minutes?)|\\s+(?:of\\s+)?(?:" MONTH_FULL "|" MONTH_ABBR "))"
	 "|\\s*[\\-–]\\s*" MON2 "(?:\\s+" DAYNUM2 ")?)(?:,?\\s+" YEAR4 ")?|"
	 "(?:" WDAYX ",?\\s+(?:the\\s+)?)?" MON "(?:\\s*[/\\-]\\s*|\\s+|(?<=\\.))(?:the\\s+)?" DAYNUM
	 "(?:(?:\\s*,\\s*|\\s+|-|/)(?:(?:of|in)\\s+)?" YEAR4 ")?", N_MONTH},
	{"month_dayword", MT_DATE, DN_CALENDAR,
	 "(?:" WDAYX ",?\\s+)?" MON "\\s+(?:the\\s+)?" DAYWORD "(?![a-z])(?:,?\\s+(?:(?:of|in)\\s+)?(?:" YEAR4 "|" YEAR_WORDS "))?", N_MONTH},
	{"day_month_year", MT_DATE, DN_CALENDAR,
	 /* a day range first ("9 to 12 of June", "between 3 and 12 Sept": one
	  * DATE range, norm_calendar hands it to the range normalizer), else
	  * "12 June 2025", "the fifth of june of 1921" */
	 DAY_RANGE_START "(?:the\\s+)?(?:" DAYNUM2 "|" DAYWORD2 ")(?:\\s+day)?(?:\\s+of)?[\\s\\-]+" MON
	 "(?:,?\\s+(?:(?:of|in)\\s+)?" YEAR4 ")?|"
	 "(?:" WDAYX ",?\\s+)?(?:the\\s+)?(?:" DAYNUM "|" DAYWORD "(?:\\s+day)?)(?:\\s+of)?[\\s\\-/]*" MON
	 "(?:,?[\\s\\-/]*(?:(?:of|in)\\s+)?(?:" YEAR4 "|" YEAR_WORDS "))?", N_MONTH},
	{"cardinal_day_month_year", MT_DATE, DN_CALENDAR,
	 /* "twenty five January nineteen eighty six": a day in cardinal words
	  * only with a year after the month */
	 "(?<dayword>(?:twenty|thirty)[\\s\\-](?:one|two|three|four|five|six|seven|eight|nine)|thirty|twenty|one|two|three|"
	 "four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
	 "(?![a-z])\\s+(?:of\\s+)?" MON ",?\\s+(?:" YEAR4 "|" YEAR_WORDS ")", N_MONTH},
	{"wday_daynum", MT_DATE, DN_CALENDAR,
	 /* "Tue 13th", "Sunday 31!", "friday 23 at 4", "monday the twenty fourth" */
	 WDAYX "(?:\\s+the\\s+(?:(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)|" DAYWORD ")"
	 "|,?\\s+(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?)(?![a-z0-9])"
	 "(?=\\s*(?:[.,;!?)](?![0-9])|$|at\\s|around\\s|from\\s|[0-9]|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![a-z])))"
	 "(?:\\s+(?:(?:at|around)\\s+(?<hour>1[0-2]|0?[1-9])(?![0-9:.,])|(?<hour>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
	 "\\s+" AMPM "))?", N_WDAY},
	{"the_nth", MT_DATE, DN_CALENDAR,
	 /* "on the 18th", "on 29th": a day of the current month */
	 "(?<=\\bon )(?:the\\s+)?(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)(?![a-z0-9])"
	 "(?!\\s+(?:of|floor|anniversary|century|day|time|place|round|minute|hole|lap|inning|attempt|try|street|avenue|[a-z]+s)\\b)", N_GLUED},
	{"month_year", MT_DATE, DN_CALENDAR,
	 "(?:" POSMOD "[\\s\\-]+)?" MON "(?:[\\s,\\-/]+|(?<=\\.))(?:(?:of|in)\\s+)?(?:" YEAR4 "|" YEAR2 "|" YEAR_WORDS
	 "|(?<=of )(?<year>[0-9]{2})(?![0-9]|\\s*(?:%|percent)))", N_MONTH},
	{"month_rel_year", MT_DATE, DN_REL_MONTH,
	 "(?:" POSMOD "[\\s\\-]+)?" MON "\\s+(?:of\\s+)?(?<rel>this|last|next|the\\s+previous|the\\s+following)\\s+(?<unit>year)(?![a-z])", N_MONTH},
	{"posmod_month", MT_DATE, DN_CALENDAR,
	 POSMOD "[\\s\\-]+" MON, N_MONTH},
	{"month_alone", MT_DATE, DN_CALENDAR, MON_ALONE, N_MONTH},
};

/* ---- family: years, decades, quarters, halves, seasons ---- */

static const struct date_rule rules_period[] = {
	{"quarter_ordinal", MT_DATE, DN_QUARTER,
	 "(?:the\\s+)?(?:fiscal\\s+|calendar\\s+)?(?:" YEAR4 "\\s+)?(?<quarter>first|second|third|fourth|1st|2nd|3rd|4th)[\\s\\-]+"
	 "(?:fiscal\\s+|calendar\\s+)?quarter(?![a-z])(?:\\s+of\\s+(?:the\\s+)?(?:fiscal\\s+|calendar\\s+)?(?:year\\s+)?"
	 "(?:" YEAR4 "|(?<rel>this|last|next|the\\s+previous|the\\s+current)\\s+(?:fiscal\\s+)?year(?![a-z])))?", N_QUARTERW},
	{"quarter_of_year", MT_DATE, DN_QUARTER,
	 "(?:(?<rel>this|last|next)\\s+year|" YEAR4 ")['’]s\\s+(?:(?<quarter>first|second|third|fourth|1st|2nd|3rd|4th)[\\s\\-]+)?"
	 "(?:fiscal\\s+)?quarter(?![a-z\\-])", N_QUARTERW},
	{"quarter_year_ago", MT_DATE, DN_QUARTER,
	 "the\\s+(?<rel>year-ago|year-earlier)\\s+(?:(?<quarter>first|second|third|fourth)[\\s\\-]+)?(?:fiscal\\s+)?quarter(?![a-z\\-])", N_QUARTERW},
	{"quarter_context", MT_DATE, DN_QUARTER,
	 "(?:the|this|that|its)\\s+(?:(?<rel>latest|current|most\\s+recent|recent|same|just-ended|just\\s+ended|comparable|"
	 "corresponding|fiscal)\\s+)?(?:fiscal\\s+)?quarter(?![a-z\\-])(?!\\s+(?:of|century|mile|point|percent)(?![a-z]))", N_QUARTERW},
	{"year_quarter_context", MT_DATE, DN_QUARTER,
	 /* "the 1988 quarter", "the 1989 period": the quarter under discussion, in that year */
	 "the\\s+" YEAR4 "\\s+(?:fiscal\\s+)?(?:quarter|period)(?![a-z\\-])", N_QUARTERW},
	{"latest_period", MT_DATE, DN_QUARTER,
	 "the\\s+(?<rel>latest|most\\s+recent|year-ago|year-earlier)\\s+period(?![a-z])", N_QUARTERW},
	{"quarter_code", MT_DATE, DN_QUARTER,
	 "(?:Q(?<quarter>[1-4])|(?<quarter>[1-4])Q)(?:(?:[\\s\\-]+|\\s+of\\s+)(?:fiscal\\s+|FY\\s*)?(?:" YEAR4 "|" YEAR2 "))?", N_QH},
	{"half_year", MT_DATE, DN_HALF,
	 "(?:the\\s+)?(?:(?<half>first|second|1st|2nd)[\\s\\-]+half(?![a-z])(?:\\s+of\\s+(?:the\\s+)?(?:fiscal\\s+)?(?:year\\s+)?"
	 "(?:" YEAR4 "|(?<rel>this|last|next)\\s+year(?![a-z])))?|(?-i:H)(?<half>[12])(?:[\\s\\-]+" YEAR4 ")?|"
	 YEAR4 "-(?-i:H)(?<half>[12]))(?![a-z0-9])", N_HALF | N_QH},
	{"decade_word", MT_DATE, DN_DECADE,
	 "the\\s+(?:" POSMOD "[\\s\\-]+)?(?<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![a-z])", N_YEARW},
	{"decade", MT_DATE, DN_DECADE,
	 "(?:the\\s+)?(?:" POSMOD "[\\s\\-]+)?(?:(?<decade>1[5-9][0-9]0|20[0-9]0)'?s|['’](?<decade>[0-9]0)s)(?![a-z])", N_DECADE},
	{"century", MT_DATE, DN_CENTURY,
	 "(?:the\\s+)?(?:" POSMOD "[\\s\\-]+)?(?<century>1[0-9]th|20th|21st|22nd|[2-9]th|1st|2nd|3rd|twentieth|twenty-first|nineteenth|eighteenth)[\\s\\-]+century(?![a-z])", N_CENTW},
	{"season_rel", MT_DATE, DN_SEASON,
	 "(?:" POSMOD "[\\s\\-]+)?(?<rel>this|last|next|past|coming)\\s+(?<season>spring|summer|fall|autumn|winter)(?![a-z])", N_SEASON},
	{"season_year", MT_DATE, DN_SEASON,
	 "(?:" POSMOD "[\\s\\-]+)?(?:the\\s+)?(?<season>spring|summer|fall|autumn|winter)(?:\\s+of)?\\s+" YEAR4, N_SEASON},
	{"season_alone", MT_DATE, DN_SEASON,
	 "(?<=\\bin |\\bduring |\\bsince |\\buntil |\\bby |\\bthis |\\bmid-|\\bearly |\\blate |\\bover |\\bthrough |\\bthroughout |\\bfor |\\bwhole )"
	 "(?:the\\s+)?(?<season>summer|winter|autumn|spring|fall)(?![a-z])(?!\\s+of\\s+(?!(?:19|20)[0-9]{2}))", N_SEASON},
	{"week_of", MT_DATE, DN_WEEK,
	 /* "the last week of July", "first week of Jan 2015", "the second week of 2021" */
	 "(?:the\\s+)?(?<num>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)\\s+week\\s+of\\s+(?:the\\s+)?"
	 "(?:" MON "(?:,?\\s+" YEAR4 ")?|" YEAR4 "|(?<rel>this|last|next)\\s+(?<unit>month|year))(?![a-z])", N_WEEKW},
	{"week_number", MT_DATE, DN_WEEK,
	 "week\\s+(?<num>5[0-3]|[1-4][0-9]|0?[1-9])(?![0-9.,:%])(?:\\s+of\\s+" YEAR4 ")?", N_WEEKW},
	{"the_day", MT_DATE, DN_REL_UNIT,
	 /* "blocked for the day", "the offer of the day" */
	 "(?<=\\bfor |\\bof )the\\s+(?<unit>day)(?![a-z\\-])(?!\\s+(?:before|after|of|when|that|[0-9])\\b)", N_UNIT},
	{"year_to_date", MT_DATE, DN_REL_UNIT,
	 "(?:the\\s+)?(?<unit>year)[\\s\\-]+to[\\s\\-]+date(?![a-z])", N_UNIT},
	{"the_year", MT_DATE, DN_REL_UNIT,
	 "(?<=\\bfor |\\bduring |\\bin |\\bof |\\bby )the\\s+(?:fiscal\\s+|full\\s+|calendar\\s+)?(?<unit>year|week|month)"
	 "(?![a-z\\-])(?!\\s+(?:[0-9]|two|nineteen|ago|before|after|earlier|later|end(?:ed|ing)\\b|of\\s+(?:1[5-9]|20)[0-9]{2}\\b))", N_UNIT},
	{"year_words", MT_DATE, DN_YEAR,
	 "(?:the\\s+year\\s+)?" YEAR_WORDS, N_YEARW},
	{"fiscal_year", MT_DATE, DN_YEAR,
	 "(?:(?:the\\s+)?fiscal(?:\\s+year)?\\s+|(?-i:FY)\\s*)(?:" YEAR4 "|'?(?<year>[0-9]{2})(?![0-9]))", N_FISCALW},
	{"year_mod", MT_DATE, DN_YEAR,
	 "(?:" POSMOD "[\\s\\-]+|the\\s+(?:calendar\\s+|school\\s+)?year\\s+)" YEAR4, N_YEAR},
	{"year_det", MT_DATE, DN_YEAR,
	 YEAR_AHEAD "(?<=\\bthe |'s |’s |\\bits |\\btheir |\\bhis |\\bher |\\bour |\\bin |\\bsince |\\buntil |\\bduring |\\bfrom |\\bby |\\bbefore |\\bafter |\\bthrough |\\bbetween )"
	 YEAR4 "(?!\\s*(?:%|percent)|[.,][0-9])", N_YEAR},
	{"year", MT_DATE, DN_YEAR, YEAR_AHEAD NOT_YEAR_BEFORE YEAR4 NOT_YEAR_AFTER, N_YEAR},
	{"year_apos", MT_DATE, DN_YEAR, "(?<=\\bin |\\bsince |\\bof |\\bby )" YEAR2, N_DIGIT},
};

/* ---- family: relative and deictic dates ---- */

static const struct date_rule rules_relative[] = {
	{"day_before_yesterday", MT_DATE, DN_DEICTIC,
	 "the\\s+day\\s+(?<word>before\\s+yesterday|after\\s+tomorrow)", N_DEIC},
	{"offset_anchor", MT_DATE, DN_OFFSET,
	 "(?:" MODS "\\s+)?" COUNT "[\\s\\-]+" UNIT "\\s+(?<dir>ago|later|earlier|from\\s+now|hence|back|previously|"
	 "afterwards?)(?![a-z])", N_UNIT},
	{"unit_earlier", MT_DATE, DN_OFFSET,
	 "(?:the\\s+)?(?<unit>year|month|quarter|week|day)-(?<dir>earlier|ago)(?:\\s+(?:quarter|period|month|year))?(?![a-z\\-])", N_UNIT},
	{"the_following_unit", MT_DATE, DN_OFFSET,
	 "(?<dir>that)\\s+(?<unit>weekend|week|month|year)(?![a-z])(?!\\s+(?:of|when)\\b)|"
	 "(?<dir>the\\s+same)\\s+(?<unit>day|week|month|year)(?![a-z])(?!\\s+(?:of|when)\\b)|"
	 "the\\s+(?<dir>following|next|previous|preceding|prior|same)\\s+(?<unit>day|week|month|year|quarter)(?![a-z])|"
	 "the\\s+(?<unit>day|week|month|year)\\s+(?<dir>before|after)(?![a-z])"
	 "(?!\\s+(?:[a-z]+ing|the|a|an|his|her|their|its|he|she|they|it|we|i|you)(?![a-z]))", N_UNIT},
	{"unit_after_next", MT_DATE, DN_REL_UNIT,
	 "the\\s+(?<unit>week|month|year)\\s+(?<dir>after\\s+next|before\\s+last)(?![a-z])", N_UNIT},
	{"nth_day_of_month", MT_DATE, DN_REL_UNIT,
	 /* "the 15th day of next month", "the 9th month of next year"; and a
	  * day range in a relative month ("from the 4th to the 22nd of next
	  * month": norm_rel_unit hands it to the range normalizer) */
	 "(?:the\\s+)?(?:(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)\\s+day\\s+of\\s+(?:the\\s+)?"
	 "(?:(?<rel>this|next|last|coming|previous|current|following)\\s+)?(?<unit>month)|"
	 "(?<mnum>1[0-2]|0?[1-9])(?:st|nd|rd|th)\\s+month\\s+of\\s+(?:the\\s+)?"
	 "(?:(?<rel>this|next|last|coming|previous|current|following)\\s+)?(?<unit>year))(?![a-z])|"
	 DAY_RANGE_START "(?:the\\s+)?(?:" DAYNUM2 "|" DAYWORD2 ")(?:\\s+day)?(?:\\s+of)?\\s+(?:the\\s+)?"
	 "(?<rel>this|next|last|coming|previous|following|current)\\s+(?<unit>month)(?![a-z])", N_GLUED},
	{"nth_day_of_month_word", MT_DATE, DN_REL_UNIT,
	 /* "the twenty-sixth day of the month", "the ninth month of next year" */
	 "the\\s+" DAYWORD "(?![a-z])\\s+(?:day\\s+of\\s+(?:the\\s+)?"
	 "(?:(?<rel>this|next|last|coming|previous|current|following)\\s+)?(?<unit>month)|month\\s+of\\s+(?:the\\s+)?"
	 "(?:(?<rel>this|next|last|coming|previous|current|following)\\s+)?(?<unit>year))(?![a-z])", N_UNIT},
	{"week_wday_abbr", MT_DATE, DN_REL_WDAY,
	 /* "next week Mon": a weekday abbreviation right after a named week */
	 "(?<rel>this|next|last|coming|following)\\s+week\\s+(?:on\\s+)?"
	 "(?-i:(?<wday>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun))\\.?(?![A-Za-z])", N_WEEKW},
	{"rel_unit", MT_DATE, DN_REL_UNIT,
	 "(?<![\"“])(?!(?-i:(?:This|Next|Last)\\s+(?:Week|Month|Year)\\s+(?:(?:in|at|on)\\s+[A-Z]|[Ww]ith\\s)))(?:(?<mod>earlier|later|early|late|mid|the\\s+(?:end|beginning|start|middle|rest)\\s+of|"
	 "(?:end|beginning|start|middle)\\s+of)[\\s\\-]+)?(?<rel>this|last|next|past|coming|previous|current|"
	 "following|same)\\s+(?:fiscal\\s+|calendar\\s+|working\\s+|business\\s+)?(?<unit>year|month|week|weekend|quarter|decade|century)(?![a-z])", N_UNIT},
	{"count_rel_units", MT_DATE, DN_SPAN_RANGE,
	 /* "the 2 next days", "5 upcoming years", "10 previous weeks" (the count first) */
	 COUNT_NA "\\s+(?<rel>next|upcoming|coming|following|previous|past|last)\\s+"
	 "(?<unit>days|weeks|months|years)(?![a-z])", N_UNIT},
	{"rel_month", MT_DATE, DN_REL_MONTH,
	 "(?:(?<mod>early|late|mid)[\\s\\-]+)?(?<rel>this|last|next|coming|past)\\s+" MON, N_MONTH},
	{"wday_part", MT_DATE, DN_PARTDAY,
	 "(?:(?<rel>this|last|next|coming|past|previous)\\s+)?(?<!bloody )" WDAY "\\s+(?:(?<mod>early|late)\\s+)?" PART "(?![a-z])", N_WDAY},
	{"the_weekend", MT_DATE, DN_REL_UNIT, "the\\s+(?<unit>weekend)(?![a-z])", N_UNIT},
	{"rel_wday", MT_DATE, DN_REL_WDAY,
	 "(?<rel>this|last|next|coming|past|previous|following)\\s+" WDAY, N_WDAY},
	{"wday", MT_DATE, DN_REL_WDAY, "(?<!bloody )" WDAY WDAY_NOT_TITLE, N_WDAY},
	{"holiday", MT_DATE, DN_HOLIDAY,
	 "(?:(?<rel>this|last|next|following|coming)\\s+)?(?<word>christmas(?:\\s+day|\\s+eve)?|new\\s+year['’]?s(?:\\s+day|\\s+eve)|"
	 "thanksgiving(?:\\s+day)?|easter(?:\\s+sunday|\\s+monday)?|good\\s+friday|independence\\s+day|labou?r\\s+day|"
	 "memorial\\s+day|halloween|valentine['’]?s\\s+day|boxing\\s+day|international\\s+workers['’]?\\s+day|"
	 "black\\s+friday|cyber\\s+monday|mother['’]?s\\s+day|father['’]?s\\s+day|martin\\s+luther\\s+king(?:\\s+jr\\.?)?\\s+day|"
	 "presidents['’]?\\s+day|columbus\\s+day|veterans['’]?\\s+day|st\\.?\\s+patrick['’]?s\\s+day|saint\\s+patrick['’]?s\\s+day)(?![a-z])"
	 /* "halloween weekend 2021", "labor day 2021 weekend": the weekend of the holiday */
	 "(?:\\s+(?<unit>weekend)(?![a-z]))?(?:,?\\s+(?:of\\s+)?" YEAR4 ")?(?:\\s+(?<unit>weekend)(?![a-z]))?", 0},
	{"deictic", MT_DATE, DN_DEICTIC, "(?<word>today|yesterday|tomorrow)(?![a-z])(?!(?<=(?i:today))['’]s)", N_DEIC},
	{"ref_recent_years", MT_DATE, DN_REF, "(?<word>recent\\s+years)(?![a-z])", N_UNIT},
	{"ref", MT_DATE, DN_REF,
	 "(?!(?-i:Now),)(?<word>the\\s+(?:near\\s+|distant\\s+)?future|the\\s+(?:near|short|long)\\s+term|the\\s+past|currently|current|recently|nowadays|these\\s+days|(?<=\\w )(?<!up |equals )to\\s+date|"
	 "at\\s+present|presently|lately|now)(?![a-z\\-])", N_REF},
	{"posmod_unit", MT_DATE, DN_REL_UNIT,
	 "(?<mod>the\\s+(?:end|beginning|start|middle)\\s+of|(?:end|beginning|start|middle)\\s+of)\\s+"
	 "(?:the\\s+)?(?<unit>year|month|week|quarter|decade)(?![a-z\\-])(?!\\s+(?:of|in|ago|before|after)\\b)", N_UNIT},
	{"year_end", MT_DATE, DN_REL_UNIT,
	 "(?<rel>year)-(?<mod>end)(?![a-z])", N_UNIT},
};

/* ---- family: times of day ---- */

static const struct date_rule rules_time[] = {
	{"iso_datetime", MT_TIME, DN_CLOCK,
	 "(?<year>[12][0-9]{3})-(?<mnum>0[1-9]|1[0-2])-(?<day>0[1-9]|[12][0-9]|3[01])[T\\s](?<hour>[01][0-9]|2[0-3]):(?<min>[0-5][0-9])"
	 "(?::(?<sec>[0-5][0-9]))?(?:\\s*" ZONE ")?", N_CLOCK},
	{"day_at_clock", MT_TIME, DN_CLOCK,
	 "(?:(?<rel>this|last|next)\\s+)?(?:" WDAY "|" DEIC ")(?:\\s+" PART ")?(?:,\\s*|\\s+)(?:(?:at\\s+|around\\s+|about\\s+)?" CLOCK
	 "|(?:at|around|about)\\s+(?<hour>[01]?[0-9]|2[0-3])(?::(?<min>[0-5][0-9]))?(?:(?<ampm>[ap])(?![a-z0-9])|(?![0-9.,:]|\\s*(?:%|[a-z]))))",
	 N_CLOCK | N_DIGIT},
	{"clock_range", MT_TIME, DN_CLOCK_RANGE,
	 "(?<hour>[01]?[0-9])(?:[:.](?<min>[0-5][0-9]))?\\s*(?:-|–|to)\\s*(?<hourtwo>[01]?[0-9])(?:[:.](?<mintwo>[0-5][0-9]))?\\s*"
	 AMPM "(?:\\s+" ZONE ")?", N_CLOCK},
	{"clock_range_bare", MT_TIME, DN_CLOCK_RANGE,
	 /* "between 3 and 8 yesterday", "Monday 11-4", "from 10:30 to 3 on 1/1/2015",
	  * "this evening from 7 to 7:30", "between 0730-0930": no a.m./p.m., so a
	  * day, a part of day or a written minute must show these are clock times */
	 "(?:(?<=\\bbetween |\\bfrom )(?:(?<hour>[01][0-9]|2[0-3])(?<min>[0-5][0-9])\\s*[\\-–]\\s*(?<hourtwo>[01][0-9]|2[0-3])(?<mintwo>[0-5][0-9])"
	 "|" CLOCK_RANGE_BARE "(?=" CLOCK_DAY_AFTER ")|" CLOCK_RANGE_BARE "(?<=:[0-5][0-9])"
	 "|(?<hour>[01]?[0-9]|2[0-3]):(?<min>[0-5][0-9])\\s*(?:-|–|to|and|till|until)\\s*" CLOCK_RANGE_END ")"
	 "|(?<=day |today |tomorrow |yesterday |morning |afternoon |evening |night |day from |today from |morning from |"
	 "afternoon from |evening from |night from )" CLOCK_RANGE_BARE
	 /* "five to seven today" */
	 "|(?<hour>" HOUR_WORD ")\\s+(?:to|till|until)\\s+(?<hourtwo>" HOUR_WORD ")(?![a-z])(?=" CLOCK_DAY_AFTER "))"
	 "(?!\\s*(?:%|percent|per|[ap]\\.?m\\b))", N_RANGE | N_DEIC},
	{"end_of_day", MT_TIME, DN_CLOCK,
	 /* "end of the day", "the eod": the end of the publication day */
	 "(?:the\\s+)?(?<word>end\\s+of\\s+(?:the\\s+)?day|eod)(?![a-z])(?!\\s+(?:of|on|that|when)\\b)", N_UNIT},
	{"count_part", MT_TIME, DN_PARTDAY,
	 /* "one morning", "1 evening" */
	 "(?<=\\bone |\\b[1-9] )(?<part>morning|afternoon|evening)(?![a-z])", N_PART},
	{"clock_past", MT_TIME, DN_CLOCK,
	 /* "half past seven", "20 min past eight", "a quarter to nine" */
	 "(?<min>half|(?:a\\s+)?quarter|[0-5]?[0-9]|" NUMWORD ")(?:\\s+min(?:ute)?s?)?\\s+(?<dir>past|after|to|before)\\s+"
	 "(?<hour>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![a-z0-9])"
	 "(?=\\s*(?:o['’]?clock|[ap]\\.?m\\b|in\\s+the\\s+(?:morning|afternoon|evening)|this|tonight|today|tomorrow|" PART "))"
	 "(?:\\s*" AMPM ")?(?:\\s+(?:in\\s+the\\s+)?" PART ")?", N_CLOCK | N_PART},
	{"clock_day", MT_TIME, DN_CLOCK,
	 "(?:(?<mod>around|about|approximately|roughly)\\s+)?"
	 CLOCK "(?:\\s*,?\\s*(?:on\\s+)?(?:" WDAY "|" DEIC "|(?:" MON "\\s+" DAYNUM "|" DAYNUM "\\s+" MON ")(?:,?\\s+" YEAR4 ")?))?", N_CLOCK},
	{"part_at_clock", MT_TIME, DN_CLOCK,
	 /* "in the morning at 7", "this evening at 8:30" */
	 "(?:(?<deic>this)\\s+|the\\s+)" PART "\\s+at\\s+(?<hour>1[0-2]|0?[1-9])(?:[:.](?<min>[0-5][0-9]))?"
	 "(?![0-9]|[.,:][0-9]|\\s*(?:%|percent|[ap]\\.?m(?![a-z])))", N_PART},
	{"clock_part", MT_TIME, DN_CLOCK,
	 "(?<hour>[01]?[0-9])(?:[:.](?<min>[0-5][0-9]))?\\s*(?:" AMPM "\\s*)?(?:(?<deic>this)|in\\s+the)\\s+" PART, N_PART},
	{"part_of_day", MT_TIME, DN_PARTDAY,
	 "(?:(?<mod>early|late|mid|later|earlier)[\\s\\-]+)?(?:(?<rel>this|last|next|that)\\s+|" DEIC "\\s+)" PART
	 "(?![a-z])", N_PART},
	{"part_of_day_after", MT_TIME, DN_PARTDAY,
	 "(?:(?<mod>early|late|mid)[\\s\\-]+)?" PART "\\s+" DEIC, N_PART},
	{"mod_in_the_part", MT_TIME, DN_PARTDAY,
	 "(?<mod>early|late|later|earlier)\\s+in\\s+the\\s+" PART "(?![a-z])", N_PART},
	{"in_the_part", MT_TIME, DN_PARTDAY,
	 "(?<=\\bin |\\bduring |\\bthrough )the\\s+" PART "s?(?![a-z])|(?<=\\bin )(?<part>morning|afternoon|evening)(?![a-z])", N_PART},
	{"tonight", MT_TIME, DN_PARTDAY, "(?<deic>tonight|tonite|overnight)(?![a-z])", N_DEIC},
	{"mod_part", MT_TIME, DN_PARTDAY, "(?<mod>mid)[\\s\\-]?" PART, N_PART},
};

/* ---- family: durations ---- */

static const struct date_rule rules_duration[] = {
	{"dur_span", MT_DURATION, DN_DUR_SPAN,
	 "(?!(?:over|under|within)\\s+the\\s)(?:" MODS "\\s+)?(?:(?:each|all|any)\\s+of\\s+)?(?:the\\s+)?(?<rel>past|last|next|coming|previous|first|latest|final|"
	 "following|remaining|preceding|ensuing|initial|last\\s+few|past\\s+few|next\\s+few)\\s+" COUNT_NA "[\\s\\-]+" UNIT
	 "(?:\\s+or\\s+so)?", N_UNIT},
	{"dur_span_vague", MT_DURATION, DN_DUR_VAGUE,
	 "(?:the\\s+)?(?<rel>past|last|next|coming)\\s+(?:few|several|couple\\s+of)\\s+" UNIT_PL, N_UNIT},
	{"dur_the_count", MT_DURATION, DN_DURATION,
	 "the\\s+" COUNT_NA "[\\s\\-]+" UNIT "(?!\\s+(?:ago|later|earlier|before|after)(?![a-z]))", N_UNIT},
	{"dur_span_one", MT_DURATION, DN_DUR_SPAN,
	 "(?!(?:over|under|within)\\s+the\\s)(?:" MODS "\\s+)?the\\s+(?<rel>past|last|next|coming|previous|following)\\s+(?<unit>year|month|week|decade|century|quarter)(?![a-z])", N_UNIT},
	{"duration", MT_DURATION, DN_DURATION,
	 NOT_RATE "(?:" MODS "\\s+)?(?:an?\\s+(?:additional|extra|further|full|whole)\\s+)?" COUNT
	 "(?:\\s+(?:more|additional|straight|consecutive|full|long))?[\\s\\-]+" UNIT
	 "(?:\\s+and\\s+a\\s+half|,?\\s+(?:and\\s+)?(?<numtwo>[0-9]+|" NUMWORD ")\\s+"
	 "(?<unittwo>months?|weeks?|days?|hours?|minutes?|mins?|seconds?)(?![a-z])"
	 "(?!\\s+(?:ago|later|earlier|before|after|hence|from\\s+now)(?![a-z])))?(?:-long)?" NOT_AGE, N_UNIT},
	{"year_ended", MT_DURATION, DN_DURATION,
	 /* "for the year ended July 2", "throughout the fiscal year": a length */
	 "(?<=\\bfor |\\bin |\\bduring |\\bthroughout )the\\s+(?:fiscal\\s+|full\\s+)?(?<unit>year)(?![a-z\\-])"
	 "(?:(?=\\s+end(?:ed|ing)\\b)|(?<=throughout the year|throughout the fiscal year))", N_UNIT},
	{"dur_vague_recent", MT_DURATION, DN_DUR_VAGUE,
	 "(?<rel>recent|coming)\\s+(?<unit>months|weeks|days|quarters|decades)(?![a-z])", N_UNIT},
	{"dur_for_units", MT_DURATION, DN_DUR_VAGUE,
	 "(?<=\\bfor |\\bover the |\\bin |\\btook |\\btake |\\blasted )" UNIT_PL "(?!\\s+(?:ago|later|earlier|before|after)(?![a-z]))", N_UNIT},
	{"dur_all", MT_DURATION, DN_DURATION,
	 "all\\s+(?<unit>day|week|month|year|night)(?![a-z\\-])(?!\\s+(?:long|round)\\b)", N_UNIT},
	{"dur_some", MT_DURATION, DN_DUR_VAGUE,
	 "some\\s+(?<unit>days|weeks|months|years|hours|minutes)(?![a-z])(?!\\s+(?:ago|later|earlier)\\b)", N_UNIT},
	{"dur_long", MT_DURATION, DN_DUR_VAGUE,
	 "(?<unit>decades|years|months|weeks|days|hours)-long", N_UNIT},
	{"dur_glued", MT_DURATION, DN_DURATION,
	 /* "3h", "1.5hrs", "90min" */
	 "(?<num>[0-9]+(?:\\.[0-9]+)?)(?<unit>h|hrs?|mins)(?![a-z0-9])", N_GLUED},
	{"dur_day_long", MT_DURATION, DN_DURATION, "(?<unit>day|week|month|year|hour)-long(?![a-z])", N_UNIT},
};

/* ---- family: sets (recurring times) ---- */

static const struct date_rule rules_set[] = {
	{"every_count_unit", MT_SET, DN_SET,
	 "(?<word>every|each)\\s+(?:other\\s+)?" COUNT_NA "\\s+" UNIT, N_UNIT},
	{"every_wday", MT_SET, DN_SET,
	 "(?<word>every|each)\\s+(?:other\\s+)?(?:" WDAY "(?:\\s+" PART ")?|" MON_ALONE "|" PART "|" UNIT1 ")", N_WDAY | N_UNIT | N_PART | N_MONTH},
	{"times_per", MT_SET, DN_SET,
	 "(?<num>once|twice|thrice|" COUNT_NA "\\s+times)\\s+(?:a|an|per|each|every)\\s+" UNIT1, N_SETW},
	{"adverb", MT_SET, DN_SET,
	 "(?<word>daily|weekly|monthly|annually|yearly|hourly|nightly|bi-?weekly|bi-?monthly|"
	 "semi-?annually|biannually|fortnightly|everyday)(?![a-z\\-])", N_SETW},
	{"wday_parts", MT_SET, DN_SET,
	 "(?<wday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\\s+(?<part>morning|afternoon|evening|night)s(?![a-z])", N_PARTS},
	{"on_wdays", MT_SET, DN_SET,
	 "(?<wday>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)(?![a-z])", N_WDAYS},
};

/* Holidays known to the "holiday" row (US and Western calendars; national
 * days like Independence Day are the US ones). */
const struct date_holiday date_holidays[] = {
	{"christmas", 12, 25, 0, 0, false},
	{"christmas day", 12, 25, 0, 0, false},
	{"christmas eve", 12, 24, 0, 0, false},
	{"new years day", 1, 1, 0, 0, false},
	{"new years eve", 12, 31, 0, 0, false},
	{"boxing day", 12, 26, 0, 0, false},
	{"valentines day", 2, 14, 0, 0, false},
	{"halloween", 10, 31, 0, 0, false},
	{"independence day", 7, 4, 0, 0, false},
	{"thanksgiving", 11, 0, 4, 4, false},
	{"thanksgiving day", 11, 0, 4, 4, false},
	{"labor day", 9, 0, 1, 1, false},
	{"labour day", 9, 0, 1, 1, false},
	{"memorial day", 5, 0, -1, 1, false},
	{"easter", 0, 0, 0, 0, true},
	{"easter sunday", 0, 0, 0, 0, true},
	{"easter monday", 0, 1, 0, 0, true},
	{"good friday", 0, -2, 0, 0, true},
	{"international workers day", 5, 1, 0, 0, false},
	{"black friday", 11, 1, 4, 4, false},
	{"cyber monday", 11, 4, 4, 4, false},
	{"mothers day", 5, 0, 2, 7, false},
	{"fathers day", 6, 0, 3, 7, false},
	{"martin luther king day", 1, 0, 3, 1, false},
	{"martin luther king jr day", 1, 0, 3, 1, false},
	{"presidents day", 2, 0, 3, 1, false},
	{"columbus day", 10, 0, 2, 1, false},
	{"veterans day", 11, 11, 0, 0, false},
	{"st patricks day", 3, 17, 0, 0, false},
	{"saint patricks day", 3, 17, 0, 0, false},
};
const size_t date_nholidays = ARRAY_SIZE(date_holidays);

const struct date_family date_families[] = {
	{"absolute", rules_absolute, ARRAY_SIZE(rules_absolute)},
	{"period", rules_period, ARRAY_SIZE(rules_period)},
	{"relative", rules_relative, ARRAY_SIZE(rules_relative)},
	{"time", rules_time, ARRAY_SIZE(rules_time)},
	{"duration", rules_duration, ARRAY_SIZE(rules_duration)},
	{"set", rules_set, ARRAY_SIZE(rules_set)},
};
const size_t date_nfamilies = ARRAY_SIZE(date_families);

/* Gate words (lower case).  A token whose text (up to its first hyphen) is a
 * STRONG word, or that starts with a digit, is tried as the start of an
 * expression.  A WEAK word is tried only when a STRONG word or a digit follows
 * within a few tokens of the same sentence. */
const struct date_gate_word date_gate_words[] = {
	/* months and weekdays */
	{"january", DG_STRONG, N_MONTH}, {"february", DG_STRONG, N_MONTH}, {"march", DG_STRONG, N_MONTH}, {"april", DG_STRONG, N_MONTH},
	{"may", DG_STRONG, N_MONTH}, {"june", DG_STRONG, N_MONTH}, {"july", DG_STRONG, N_MONTH}, {"august", DG_STRONG, N_MONTH},
	{"september", DG_STRONG, N_MONTH}, {"october", DG_STRONG, N_MONTH}, {"november", DG_STRONG, N_MONTH},
	{"december", DG_STRONG, N_MONTH}, {"jan", DG_STRONG, N_MONTH}, {"feb", DG_STRONG, N_MONTH}, {"mar", DG_STRONG, N_MONTH},
	{"apr", DG_STRONG, N_MONTH}, {"jun", DG_STRONG, N_MONTH}, {"jul", DG_STRONG, N_MONTH}, {"aug", DG_STRONG, N_MONTH},
	{"sep", DG_STRONG, N_MONTH}, {"sept", DG_STRONG, N_MONTH}, {"oct", DG_STRONG, N_MONTH}, {"nov", DG_STRONG, N_MONTH},
	{"dec", DG_STRONG, N_MONTH},
	{"monday", DG_STRONG, N_WDAY}, {"tuesday", DG_STRONG, N_WDAY}, {"wednesday", DG_STRONG, N_WDAY},
	{"thursday", DG_STRONG, N_WDAY}, {"friday", DG_STRONG, N_WDAY}, {"saturday", DG_STRONG, N_WDAY},
	{"sunday", DG_STRONG, N_WDAY}, {"mondays", DG_STRONG, N_WDAY | N_WDAYS},
	{"tuesdays", DG_STRONG, N_WDAY | N_WDAYS}, {"wednesdays", DG_STRONG, N_WDAY | N_WDAYS},
	{"thursdays", DG_STRONG, N_WDAY | N_WDAYS}, {"fridays", DG_STRONG, N_WDAY | N_WDAYS},
	{"saturdays", DG_STRONG, N_WDAY | N_WDAYS}, {"sundays", DG_STRONG, N_WDAY | N_WDAYS},
	{"mon", DG_WEAK, N_WDAY}, {"tue", DG_WEAK, N_WDAY}, {"tues", DG_WEAK, N_WDAY}, {"wed", DG_WEAK, N_WDAY}, {"thu", DG_WEAK, N_WDAY},
	{"thur", DG_WEAK, N_WDAY}, {"thurs", DG_WEAK, N_WDAY}, {"fri", DG_WEAK, N_WDAY}, {"sat", DG_WEAK, N_WDAY}, {"sun", DG_WEAK, N_WDAY},
	/* deictic and reference words */
	{"christmas", DG_STRONG, 0}, {"easter", DG_STRONG, 0}, {"thanksgiving", DG_STRONG, 0},
	{"halloween", DG_STRONG, 0}, {"independence", DG_WEAK, 0}, {"labor", DG_WEAK, 0},
	{"labour", DG_WEAK, 0}, {"international", DG_WEAK, 0}, {"black", DG_WEAK, 0}, {"cyber", DG_WEAK, 0},
	{"mother", DG_WEAK, 0}, {"mothers", DG_WEAK, 0}, {"father", DG_WEAK, 0}, {"fathers", DG_WEAK, 0},
	{"martin", DG_WEAK, 0}, {"presidents", DG_WEAK, 0}, {"columbus", DG_WEAK, 0}, {"veterans", DG_WEAK, 0},
	{"st", DG_WEAK, 0}, {"saint", DG_WEAK, 0}, {"eod", DG_STRONG, N_UNIT}, {"memorial", DG_WEAK, 0}, {"valentine", DG_WEAK, 0},
	{"valentines", DG_WEAK, 0}, {"boxing", DG_WEAK, 0}, {"good", DG_WEAK, 0}, {"new", DG_WEAK, 0},
	{"today", DG_STRONG, N_DEIC}, {"yesterday", DG_STRONG, N_DEIC}, {"tomorrow", DG_STRONG, N_DEIC},
	{"tonight", DG_STRONG, N_DEIC}, {"tonite", DG_STRONG, N_DEIC}, {"overnight", DG_STRONG, N_DEIC}, {"now", DG_STRONG, N_REF},
	{"currently", DG_STRONG, N_REF}, {"current", DG_STRONG, N_REF}, {"recently", DG_STRONG, N_REF},
	{"recent", DG_STRONG, N_REF}, {"future", DG_STRONG, N_REF}, {"nowadays", DG_STRONG, N_REF},
	{"presently", DG_STRONG, N_REF}, {"formerly", DG_STRONG, N_REF}, {"previously", DG_STRONG, N_REF},
	{"lately", DG_STRONG, N_REF}, {"soon", DG_STRONG, N_REF}, {"to", DG_WEAK, 0}, {"date", DG_STRONG, N_REF}, {"noon", DG_STRONG, N_CLOCK}, {"midday", DG_STRONG, N_CLOCK},
	{"midnight", DG_STRONG, N_CLOCK}, {"noonish", DG_STRONG, N_CLOCK}, {"oclock", 0, N_CLOCK}, {"mid", DG_STRONG, 0}, {"fiscal", DG_STRONG, N_FISCALW}, {"fy", DG_STRONG, N_FISCALW},
	{"every", DG_STRONG, N_SETW}, {"each", DG_WEAK, N_SETW}, {"once", DG_WEAK, N_SETW}, {"twice", DG_STRONG, N_SETW},
	{"thrice", DG_STRONG, N_SETW},
	{"daily", DG_STRONG, N_SETW}, {"weekly", DG_STRONG, N_SETW}, {"monthly", DG_STRONG, N_SETW}, {"annually", DG_STRONG, N_SETW},
	{"yearly", DG_STRONG, N_SETW}, {"quarterly", DG_STRONG, N_SETW}, {"hourly", DG_STRONG, N_SETW},
	{"nightly", DG_STRONG, N_SETW}, {"biweekly", DG_STRONG, N_SETW}, {"bimonthly", DG_STRONG, N_SETW},
	{"semiannually", DG_STRONG, N_SETW}, {"semi", DG_STRONG, N_SETW}, {"biannually", DG_STRONG, N_SETW},
	{"fortnightly", DG_STRONG, N_SETW}, {"everyday", DG_STRONG, N_SETW},
	/* units and periods */
	{"year", DG_STRONG, N_UNIT}, {"years", DG_STRONG, N_UNIT}, {"month", DG_STRONG, N_UNIT}, {"months", DG_STRONG, N_UNIT},
	{"week", DG_STRONG, N_UNIT | N_WEEKW}, {"weeks", DG_STRONG, N_UNIT}, {"day", DG_STRONG, N_UNIT}, {"days", DG_STRONG, N_UNIT},
	{"hour", DG_STRONG, N_UNIT}, {"hours", DG_STRONG, N_UNIT}, {"minute", DG_STRONG, N_UNIT}, {"minutes", DG_STRONG, N_UNIT},
	{"seconds", DG_STRONG, N_UNIT}, {"nights", DG_STRONG, N_UNIT | N_PARTS}, {"mornings", DG_STRONG, N_PARTS | N_PART},
	{"afternoons", DG_STRONG, N_PARTS | N_PART}, {"evenings", DG_STRONG, N_PARTS | N_PART}, {"times", 0, N_SETW}, {"decade", DG_STRONG, N_UNIT}, {"decades", DG_STRONG, N_UNIT},
	{"century", DG_STRONG, N_UNIT | N_CENTW}, {"centuries", DG_STRONG, N_UNIT | N_CENTW},
	{"quarter", DG_STRONG, N_UNIT | N_QUARTERW}, {"quarters", DG_STRONG, N_UNIT | N_QUARTERW}, {"weekend", DG_STRONG, N_UNIT}, {"weekends", DG_STRONG, N_UNIT},
	{"fortnight", DG_STRONG, N_UNIT}, {"half", DG_STRONG, N_HALF}, {"period", DG_STRONG, N_UNIT | N_QUARTERW}, {"hrs", DG_STRONG, N_UNIT}, {"mins", DG_STRONG, N_UNIT}, {"hr", DG_STRONG, N_UNIT},
	{"yr", DG_WEAK, N_UNIT}, {"yrs", DG_WEAK, N_UNIT}, {"min", DG_WEAK, N_UNIT}, {"sec", DG_WEAK, N_UNIT},
	{"secs", DG_WEAK, N_UNIT},
	{"spring", DG_STRONG, N_SEASON}, {"summer", DG_STRONG, N_SEASON}, {"fall", DG_STRONG, N_SEASON}, {"autumn", DG_STRONG, N_SEASON},
	{"winter", DG_STRONG, N_SEASON}, {"morning", DG_STRONG, N_PART}, {"afternoon", DG_STRONG, N_PART},
	{"evening", DG_STRONG, N_PART}, {"night", DG_STRONG, N_PART}, {"daytime", DG_STRONG, N_PART},
	{"millennium", DG_STRONG, N_UNIT},
	/* words that start a longer expression */
	{"the", DG_WEAK, 0}, {"these", DG_WEAK, 0}, {"near", DG_WEAK, 0}, {"a", DG_WEAK, 0}, {"an", DG_WEAK, 0}, {"this", DG_WEAK, 0}, {"last", DG_WEAK, 0},
	{"next", DG_WEAK, 0}, {"past", DG_STRONG, N_REF}, {"coming", DG_WEAK, 0}, {"previous", DG_WEAK, 0},
	{"following", DG_WEAK, 0}, {"same", DG_WEAK, 0}, {"more", DG_WEAK, 0}, {"less", DG_WEAK, 0},
	{"fewer", DG_WEAK, 0}, {"over", DG_WEAK, 0}, {"under", DG_WEAK, 0}, {"nearly", DG_WEAK, 0},
	{"almost", DG_WEAK, 0}, {"about", DG_WEAK, 0}, {"around", DG_WEAK, 0}, {"roughly", DG_WEAK, 0},
	{"approximately", DG_WEAK, 0}, {"some", DG_WEAK, 0}, {"at", DG_WEAK, 0}, {"up", DG_WEAK, 0},
	{"no", DG_WEAK, 0}, {"just", DG_WEAK, 0}, {"well", DG_WEAK, 0}, {"close", DG_WEAK, 0},
	{"within", DG_WEAK, 0}, {"only", DG_WEAK, 0}, {"early", DG_WEAK, 0}, {"late", DG_WEAK, 0},
	{"earlier", DG_WEAK, 0}, {"later", DG_WEAK, 0}, {"end", DG_WEAK, 0}, {"beginning", DG_WEAK, 0},
	{"start", DG_WEAK, 0}, {"middle", DG_WEAK, 0}, {"first", DG_WEAK, 0}, {"second", DG_STRONG, N_UNIT},
	{"third", DG_WEAK, 0}, {"fourth", DG_WEAK, 0}, {"1st", DG_WEAK, 0}, {"several", DG_WEAK, 0},
	{"few", DG_WEAK, 0}, {"many", DG_WEAK, 0}, {"couple", DG_WEAK, 0}, {"dozen", DG_WEAK, 0},
	{"dozens", DG_WEAK, 0}, {"hundreds", DG_WEAK, 0}, {"all", DG_WEAK, 0}, {"any", DG_WEAK, 0},
	{"latest", DG_WEAK, 0}, {"final", DG_WEAK, 0}, {"remaining", DG_WEAK, 0}, {"preceding", DG_WEAK, 0},
	{"ensuing", DG_WEAK, 0}, {"initial", DG_WEAK, 0}, {"calendar", DG_WEAK, 0}, {"that", DG_WEAK, 0},
	{"shortly", DG_WEAK, 0}, {"after", DG_WEAK, 0}, {"before", DG_WEAK, 0}, {"other", DG_WEAK, 0},
	{"one", DG_WEAK, 0}, {"two", DG_WEAK, 0}, {"three", DG_WEAK, 0}, {"four", DG_WEAK, 0},
	{"five", DG_WEAK, 0}, {"six", DG_WEAK, 0}, {"seven", DG_WEAK, 0}, {"eight", DG_WEAK, 0},
	{"nine", DG_WEAK, 0}, {"ten", DG_WEAK, 0}, {"eleven", DG_WEAK, 0}, {"twelve", DG_WEAK, 0},
	{"thirteen", DG_WEAK, 0}, {"fourteen", DG_WEAK, 0}, {"fifteen", DG_WEAK, 0}, {"sixteen", DG_WEAK, 0},
	{"seventeen", DG_WEAK, 0}, {"eighteen", DG_STRONG, N_YEARW}, {"nineteen", DG_STRONG, N_YEARW},
	{"twenty", DG_WEAK, N_YEARW}, {"thirty", DG_WEAK, 0}, {"forty", DG_WEAK, 0}, {"fifty", DG_WEAK, 0},
	{"sixty", DG_WEAK, 0}, {"seventy", DG_WEAK, 0}, {"eighty", DG_WEAK, 0}, {"ninety", DG_WEAK, 0},
	{"hundred", DG_WEAK, 0}, {"twentieth", DG_WEAK, 0}, {"nineteenth", DG_WEAK, 0},
	{"eighteenth", DG_WEAK, 0}, {"better", DG_WEAK, 0}, {"its", DG_WEAK, 0},
	/* ordinal days: "the ninth of May", "between ninth and seventeenth of april" */
	{"fifth", DG_WEAK, 0}, {"sixth", DG_WEAK, 0}, {"seventh", DG_WEAK, 0}, {"eighth", DG_WEAK, 0},
	{"ninth", DG_WEAK, 0}, {"tenth", DG_WEAK, 0}, {"eleventh", DG_WEAK, 0}, {"twelfth", DG_WEAK, 0},
	{"thirteenth", DG_WEAK, 0}, {"fourteenth", DG_WEAK, 0}, {"fifteenth", DG_WEAK, 0},
	{"sixteenth", DG_WEAK, 0}, {"seventeenth", DG_WEAK, 0}, {"thirtieth", DG_WEAK, 0},
	/* labels: a number right after one is not a year ("Section 2030", "Flight 1999") */
	{"section", DG_LABEL, 0}, {"article", DG_LABEL, 0}, {"chapter", DG_LABEL, 0}, {"room", DG_LABEL, 0},
	{"flight", DG_LABEL, 0}, {"route", DG_LABEL, 0}, {"page", DG_LABEL, 0}, {"number", DG_LABEL, 0},
	{"unit", DG_LABEL, 0}, {"rule", DG_LABEL, 0}, {"paragraph", DG_LABEL, 0}, {"clause", DG_LABEL, 0},
	{"bill", DG_LABEL, 0}, {"model", DG_LABEL, 0}, {"amendment", DG_LABEL, 0}, {"windows", DG_LABEL, 0},
	{"office", DG_LABEL, 0}, {"highway", DG_LABEL, 0}, {"interstate", DG_LABEL, 0},
	{"resolution", DG_LABEL, 0}, {"code", DG_LABEL, 0}, {"version", DG_LABEL, 0}, {"exit", DG_LABEL, 0},
	{"gate", DG_LABEL, 0}, {"platform", DG_LABEL, 0}, {"suite", DG_LABEL, 0}, {"box", DG_LABEL, 0},
	{"item", DG_LABEL, 0}, {"pier", DG_LABEL, 0}, {"station", DG_LABEL, 0}, {"bus", DG_LABEL, 0},
	{"line", DG_LABEL, 0}, {"track", DG_LABEL, 0}, {"channel", DG_LABEL, 0}, {"lot", DG_LABEL, 0},
	{"apartment", DG_LABEL, 0}, {"district", DG_LABEL, 0}, {"division", DG_LABEL, 0},
	{"squadron", DG_LABEL, 0}, {"regulation", DG_LABEL, 0}, {"directive", DG_LABEL, 0},
	{"figure", DG_LABEL, 0}, {"table", DG_LABEL, 0}, {"level", DG_LABEL, 0}, {"act", DG_LABEL, 0},
	{"form", DG_LABEL, 0}, {"ward", DG_LABEL, 0}, {"iso", DG_LABEL, 0},
	/* not starts, only classes for the rows' needs */
	{"thousand", DG_STRONG, N_YEARW}, {"twenties", 0, N_YEARW}, {"thirties", 0, N_YEARW},
	{"forties", 0, N_YEARW}, {"fifties", 0, N_YEARW}, {"sixties", 0, N_YEARW},
	{"seventies", 0, N_YEARW}, {"eighties", 0, N_YEARW}, {"nineties", 0, N_YEARW},
};
const size_t date_ngate_words = ARRAY_SIZE(date_gate_words);

/* Rows that reach a given word (date.h, struct date_later): "<count> <unit>
 * ago", "the 2 next days", "half past seven", "the 5th day of next month".  Check the row's pattern when
 * changing one of them: the words are where its "dir"/"rel" group is, and
 * nothing before that may hold other marks than the ones struct date_later
 * names. */
static const char *const later_dir[] = {"ago", "later", "earlier", "from", "hence", "back",
                                        "previously", "afterward", "afterwards", NULL};
static const char *const later_rel[] = {"next", "upcoming", "coming", "following", "previous",
                                        "past", "last", NULL};
static const char *const later_past[] = {"past", "after", "to", "before", NULL};
static const char *const later_month_year[] = {"month", "year", NULL};
const struct date_later date_later_words[] = {
	{"offset_anchor", later_dir},
	{"count_rel_units", later_rel},
	{"clock_past", later_past},
	{"nth_day_of_month", later_month_year},
};
const size_t date_nlater_words = ARRAY_SIZE(date_later_words);

/* Rows whose pattern starts with a lookbehind of words and one space (date.h):
 * the words those lookbehinds end with.  Keep in step with the patterns. */
static const char *const before_year_det[] = {"the", "s", "its", "their", "his", "her", "our",
                                              "in", "since", "until", "during", "from", "by",
                                              "before", "after", "through", "between", NULL};
static const char *const before_for_units[] = {"for", "the", "in", "took", "take", "lasted", NULL};
static const char *const before_the_year[] = {"for", "during", "in", "of", "by", NULL};
static const char *const before_year_ended[] = {"for", "in", "during", "throughout", NULL};
static const char *const before_the_day[] = {"for", "of", NULL};
static const char *const before_year_apos[] = {"in", "since", "of", "by", NULL};
static const char *const before_on[] = {"on", NULL};
const struct date_later date_before_words[] = {
	{"year_det", before_year_det},
	{"dur_for_units", before_for_units},
	{"the_year", before_the_year},
	{"year_ended", before_year_ended},
	{"the_day", before_the_day},
	{"year_apos", before_year_apos},
	{"the_nth", before_on},
};
const size_t date_nbefore_words = ARRAY_SIZE(date_before_words);
