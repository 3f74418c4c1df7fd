/* date_rules.c: the temporal rule tables, one table per family.  Data only:
 * no matching or normalization logic lives here.
 *
 * How the tables are used (see date.c): at load, each family's rows are joined
 * into one caseless, anchored PCRE2 alternation
 *     (?:row0(*MARK:0)|row1(*MARK:1)|...)END_GUARD
 * compiled once with JIT.  At run time a token gate picks candidate start
 * tokens (date_gate_words below, digits, "Q3"...), every family is tried
 * anchored at the candidate, and the longest match over the families wins.
 * Within a family the first row that matches wins, so longer, more specific
 * rows come first.  The (*MARK) tells which row matched; the row's named
 * groups (enum date_field in date.h) feed the row's normalizer (enum
 * date_norm), which builds the TIMEX3 value and resolves it against the
 * publication date.
 *
 * Adding a pattern: add one row { name, type, normalizer, pattern } to the
 * family it belongs to, using the shared fragments below and only group names
 * from DATE_FIELDS.  If its first word is new, add the word to
 * date_gate_words.  Add a test row to tests/test-date.c.  Nothing else.
 *
 * Conventions (TimeML): spans never start with a preposition ("on", "in",
 * "by"); context words that decide a reading are written as lookbehinds.
 * Patterns are matched on the original text with ASCII-only \s and [a-z]
 * classes (no PCRE2_UCP, for speed). */
#include "date.h"
#include "mention.h"
#include "util.h"

/* ---- shared fragments ---- */

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
	"(?-i:May|March|Mar\\.)(?![a-z]))"
#define DAYNUM "(?<day>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
#define DAYWORD                                                                          \
	"(?<dayword>(?:twenty|thirty)[\\s\\-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)" \
	"|thirty-?first|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|" \
	"twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"  \
	"twentieth|thirtieth)"
#define YEAR4 "(?<year>1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])"
#define YEAR2 "'(?<year>[0-9]{2})(?![0-9])"
#define WDAY_NAME "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
#define WDAY "(?<wday>" WDAY_NAME ")(?![a-z])"
/* weekday including abbreviations, only used before an explicit date */
#define WDAYX "(?<wday>(?:" WDAY_NAME ")(?![a-z])|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?![a-z])\\.?)"
/* a weekday that is not part of a title ("Sunday Times", "Bloody Sunday") */
#define WDAY_NOT_TITLE                                                                   \
	"(?!\\s+(?-i:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Independent|Star|"      \
	"Tribune|Sport|Observer|Age|Night Live|School|Journal|Business|Review)(?![a-z]))"
#define DEIC "(?<deic>today|yesterday|tomorrow|tonight)"
#define PART "(?<part>morning|afternoon|evening|night|daytime|midday)"
#define NUMWORD                                                                          \
	"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s\\-](?:one|two|three|four|five|six|seven|eight|nine)(?![a-z]))?" \
	"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|" \
	"fifteen|sixteen|seventeen|eighteen|nineteen|(?:a|one)\\s+hundred|hundred|(?:a|one)\\s+thousand|a\\s+dozen|dozen"
/* a count: digits (with "2 1/2"), number words, or vague counts */
#define COUNT                                                                            \
	"(?<num>[0-9]+(?:\\.[0-9]+)?(?:\\s+[1-3]/[2-4])?|(?:" NUMWORD ")(?![a-z])|"          \
	"a\\s+few|a\\s+couple(?:\\s+of)?|couple\\s+of|several|few|many|dozens\\s+of|hundreds\\s+of|an?|half\\s+an?)(?![a-z])"
/* a count that is not "a"/"an" (for "the nine months") */
#define COUNT_NA                                                                         \
	"(?<num>[0-9]+(?:\\.[0-9]+)?|(?:" NUMWORD ")(?![a-z])|few|several|many)(?![a-z])"
#define UNIT                                                                             \
	"(?:(?:trading|business|working|calendar|straight|consecutive|more|additional|full|long)\\s+)?" \
	"(?<unit>years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)|"   \
	"quarters?|fortnights?|weekends?|hrs?|mins?|secs?|yrs?|millenni(?:um|a))(?![a-z])"
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
#define AMPM "(?<ampm>[ap]\\.?\\s?m(?![a-z])\\.?|o'clock|o’clock)"
#define CLOCK                                                                            \
	"(?:(?<hour>[01]?[0-9]|2[0-3])(?:[:.](?<min>[0-5][0-9]))?(?::(?<sec>[0-5][0-9]))?\\s*" AMPM \
	"|(?<hour>[01]?[0-9]|2[0-3]):(?<min>[0-5][0-9])(?::(?<sec>[0-5][0-9]))?(?![0-9])"     \
	"|(?<word>noon|midday|midnight))(?:\\s+" ZONE ")?"
/* words after a number that show it counts things, not years */
#define NOT_YEAR_AFTER                                                                   \
	"(?!\\s*(?:%|percent|per\\s+cent)|[.,][0-9]|\\s*(?:-|to)\\s*[0-9]{1,3}(?![0-9])|"     \
	"\\s+(?!(?:as|is|was|has|its|his|this|us|plus|versus|thus|whereas|less|unless|yes|onwards|afterwards|"  \
	"elections|olympics|games|census|season|series|crisis|news)\\b)(?-i:[a-z]+s)\\b|"             \
	"\\s+(?:people|men|women|children|staff|police|feet|yen|won|yuan|baht|rupees|"       \
	"million|billion|thousand|more|other|of|jobs|troops)\\b)"
/* "$2 million a year", "four flights a week": a rate, not a duration */
#define NOT_RATE                                                                         \
	"(?<![0-9] |[0-9]m |[0-9]bn |million |billion |thousand |hundred |times |once |twice |" \
	"percent |cents |dollars |euros |pounds |yen |flights |trips |hours |miles |people )"
/* "37 years old" is an age; "three-quarters of its food" a fraction */
#define NOT_AGE "(?!\\s+old(?![a-z])|\\s+of\\s+(?:the|its|a|an|his|her|their|all|our)\\s)"
/* words before a number that make it a label, not a year */
#define NOT_YEAR_BEFORE                                                                  \
	"(?<![$€£¥#])(?<![0-9][.,])"                                                         \
	"(?<!section |article |chapter |room |flight |route |page |no\\. |number |unit |rule |" \
	"paragraph |clause |bill |model |amendment |windows |office |highway |interstate |"  \
	"resolution |code |version |exit |gate |platform |suite |box |item |pier |station |" \
	"bus |line |track |channel |lot |apartment |district |division |squadron |regulation |" \
	"directive |figure |table |level |act |form |ward |vol\\. |p\\. |pp\\. |cve-|iso |iso-)"

/* ---- family: absolute calendar dates ---- */

static const struct date_rule rules_absolute[] = {
	{"iso_date", MT_DATE, DN_CALENDAR,
	 "(?<year>1[5-9][0-9]{2}|20[0-9]{2})-(?<mnum>0[1-9]|1[0-2])-(?<day>0[1-9]|[12][0-9]|3[01])(?![0-9])"},
	{"numeric_date", MT_DATE, DN_NUMERIC,
	 "(?<![0-9][/.\\-])(?<day>[0-9]{1,2})[/.\\-](?<mnum>[0-9]{1,2})[/.\\-](?<year>[12][0-9]{3}|[0-9]{2})(?![0-9]|[/.\\-][0-9])"},
	{"month_day_year", MT_DATE, DN_CALENDAR,
	 "(?:" WDAYX ",?\\s+(?:the\\s+)?)?" MON "(?:\\s*[/\\-]\\s*|\\s+|(?<=\\.))(?:the\\s+)?" DAYNUM
	 "(?:(?:\\s*,\\s*|\\s+|-|/)(?:of\\s+)?" YEAR4 ")?"},
	{"month_dayword", MT_DATE, DN_CALENDAR,
	 "(?:" WDAYX ",?\\s+)?" MON "\\s+(?:the\\s+)?" DAYWORD "(?![a-z])(?:,?\\s+" YEAR4 ")?"},
	{"day_month_year", MT_DATE, DN_CALENDAR,
	 "(?:" WDAYX ",?\\s+)?(?:the\\s+)?(?:" DAYNUM "|" DAYWORD ")(?:\\s+of)?[\\s\\-/]*" MON
	 "(?:,?[\\s\\-/]*" YEAR4 ")?"},
	{"month_year", MT_DATE, DN_CALENDAR,
	 "(?:" POSMOD "[\\s\\-]+)?" MON "(?:[\\s,\\-/]+|(?<=\\.))(?:of\\s+)?(?:" YEAR4 "|" YEAR2 ")"},
	{"month_rel_year", MT_DATE, DN_REL_MONTH,
	 "(?:" POSMOD "[\\s\\-]+)?" MON "\\s+(?:of\\s+)?(?<rel>this|last|next|the\\s+previous|the\\s+following)\\s+(?<unit>year)(?![a-z])"},
	{"posmod_month", MT_DATE, DN_CALENDAR,
	 POSMOD "[\\s\\-]+" MON},
	{"month_alone", MT_DATE, DN_CALENDAR, MON_ALONE},
};

/* ---- family: years, decades, quarters, halves, seasons ---- */

static const struct date_rule rules_period[] = {
	{"quarter_ordinal", MT_DATE, DN_QUARTER,
	 "(?:the\\s+)?(?:fiscal\\s+|calendar\\s+)?(?:" YEAR4 "\\s+)?(?<quarter>first|second|third|fourth|1st|2nd|3rd|4th)[\\s\\-]+"
	 "(?:fiscal\\s+|calendar\\s+)?quarter(?![a-z])(?:\\s+of\\s+(?:the\\s+)?(?:fiscal\\s+|calendar\\s+)?(?:year\\s+)?"
	 "(?:" YEAR4 "|(?<rel>this|last|next|the\\s+previous|the\\s+current)\\s+(?:fiscal\\s+)?year(?![a-z])))?"},
	{"quarter_context", MT_DATE, DN_QUARTER,
	 "(?:the|this|that|its)\\s+(?:(?<rel>latest|current|most\\s+recent|recent|same|just-ended|just\\s+ended|comparable|"
	 "corresponding|fiscal)\\s+)?(?:fiscal\\s+)?quarter(?![a-z\\-])(?!\\s+(?:of|century|mile|point|percent)(?![a-z]))"},
	{"quarter_code", MT_DATE, DN_QUARTER,
	 "(?:Q(?<quarter>[1-4])|(?<quarter>[1-4])Q)(?:(?:[\\s\\-]+|\\s+of\\s+)(?:fiscal\\s+|FY\\s*)?(?:" YEAR4 "|" YEAR2 "))?"},
	{"half_year", MT_DATE, DN_HALF,
	 "(?:the\\s+)?(?:(?<half>first|second|1st|2nd)[\\s\\-]+half(?![a-z])(?:\\s+of\\s+(?:the\\s+)?(?:fiscal\\s+)?(?:year\\s+)?"
	 "(?:" YEAR4 "|(?<rel>this|last|next)\\s+year(?![a-z])))?|(?-i:H)(?<half>[12])(?:[\\s\\-]+" YEAR4 ")?|"
	 YEAR4 "-(?-i:H)(?<half>[12]))(?![a-z0-9])"},
	{"decade_word", MT_DATE, DN_DECADE,
	 "the\\s+(?:" POSMOD "[\\s\\-]+)?(?<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![a-z])"},
	{"decade", MT_DATE, DN_DECADE,
	 "(?:the\\s+)?(?:" POSMOD "[\\s\\-]+)?(?:(?<decade>1[5-9][0-9]0|20[0-9]0)'?s|['’](?<decade>[0-9]0)s)(?![a-z])"},
	{"century", MT_DATE, DN_CENTURY,
	 "(?:the\\s+)?(?:" POSMOD "[\\s\\-]+)?(?<century>1[0-9]th|2[01]st|twentieth|twenty-first|nineteenth|eighteenth)[\\s\\-]+century(?![a-z])"},
	{"season_rel", MT_DATE, DN_SEASON,
	 "(?:" POSMOD "[\\s\\-]+)?(?<rel>this|last|next|past|coming)\\s+(?<season>spring|summer|fall|autumn|winter)(?![a-z])"},
	{"season_year", MT_DATE, DN_SEASON,
	 "(?:" POSMOD "[\\s\\-]+)?(?:the\\s+)?(?<season>spring|summer|fall|autumn|winter)(?:\\s+of)?\\s+" YEAR4},
	{"season_alone", MT_DATE, DN_SEASON,
	 "(?<=\\bin |\\bduring |\\bsince |\\buntil |\\bby |\\bthis |\\bmid-|\\bearly |\\blate )"
	 "(?:the\\s+)?(?<season>summer|winter|autumn|spring|fall)(?![a-z])(?!\\s+of\\s+(?!(?:19|20)[0-9]{2}))"},
	{"year_words", MT_DATE, DN_YEAR,
	 "(?:the\\s+year\\s+)?(?<num>(?:nineteen|eighteen|twenty)[\\s\\-]+(?:ten|eleven|twelve|thirteen|fourteen|fifteen|"
	 "sixteen|seventeen|eighteen|nineteen|hundred|o[\\s\\-](?:one|two|three|four|five|six|seven|eight|nine)|"
	 "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\\s\\-](?:one|two|three|four|five|six|seven|eight|nine))?)"
	 "|two\\s+thousand(?:\\s+(?:and\\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
	 "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\\s\\-](?:one|two|three|four|five))?))?)(?![a-z])"
	 "(?!\\s+(?:years?|months?|days?|weeks?|hours?|minutes?|people|percent|dollars)(?![a-z]))"},
	{"fiscal_year", MT_DATE, DN_YEAR,
	 "(?:(?:the\\s+)?fiscal(?:\\s+year)?\\s+|(?-i:FY)\\s*)(?:" YEAR4 "|'?(?<year>[0-9]{2})(?![0-9]))"},
	{"year_mod", MT_DATE, DN_YEAR,
	 "(?:" POSMOD "[\\s\\-]+|the\\s+(?:calendar\\s+|school\\s+)?year\\s+)" YEAR4},
	{"year_det", MT_DATE, DN_YEAR,
	 "(?<=\\bthe |'s |’s |\\bits |\\btheir |\\bhis |\\bher |\\bour |\\bin |\\bsince |\\buntil |\\bduring |\\bfrom |\\bby |\\bbefore |\\bafter |\\bthrough |\\bbetween )"
	 YEAR4 "(?!\\s*(?:%|percent)|[.,][0-9])"},
	{"year", MT_DATE, DN_YEAR, NOT_YEAR_BEFORE YEAR4 NOT_YEAR_AFTER},
	{"year_apos", MT_DATE, DN_YEAR, "(?<=\\bin |\\bsince |\\bof |\\bby )" YEAR2},
};

/* ---- family: relative and deictic dates ---- */

static const struct date_rule rules_relative[] = {
	{"day_before_yesterday", MT_DATE, DN_DEICTIC,
	 "the\\s+day\\s+(?<word>before\\s+yesterday|after\\s+tomorrow)"},
	{"offset_anchor", MT_DATE, DN_OFFSET,
	 "(?:" MODS "\\s+)?" COUNT "[\\s\\-]+" UNIT "\\s+(?<dir>ago|later|earlier|from\\s+now|hence|back|previously|"
	 "afterwards?)(?![a-z])"},
	{"unit_earlier", MT_DATE, DN_OFFSET,
	 "(?:the\\s+)?(?<unit>year|month|quarter|week|day)-(?<dir>earlier|ago)(?:\\s+(?:quarter|period|month|year))?(?![a-z\\-])"},
	{"the_following_unit", MT_DATE, DN_OFFSET,
	 "the\\s+(?<dir>following|next|previous|preceding|prior|same)\\s+(?<unit>day|week|month|year|quarter)(?![a-z])|"
	 "the\\s+(?<unit>day|week|month|year)\\s+(?<dir>before|after)(?![a-z])"},
	{"rel_unit", MT_DATE, DN_REL_UNIT,
	 "(?!(?-i:(?:This|Next|Last)\\s+(?:Week|Month|Year)\\s+(?:in|at|on)\\s+[A-Z]))(?:(?<mod>earlier|later|early|late|mid|the\\s+(?:end|beginning|start|middle|rest)\\s+of|"
	 "(?:end|beginning|start|middle)\\s+of)[\\s\\-]+)?(?<rel>this|last|next|past|coming|previous|current|"
	 "following|same)\\s+(?:fiscal\\s+|calendar\\s+)?(?<unit>year|month|week|weekend|quarter|decade|century)(?![a-z])"},
	{"rel_month", MT_DATE, DN_REL_MONTH,
	 "(?:(?<mod>early|late|mid)[\\s\\-]+)?(?<rel>this|last|next|coming|past)\\s+" MON},
	{"wday_part", MT_DATE, DN_PARTDAY,
	 "(?:(?<rel>this|last|next|coming|past|previous)\\s+)?(?<!bloody )" WDAY "\\s+(?:(?<mod>early|late)\\s+)?" PART "(?![a-z])"},
	{"the_weekend", MT_DATE, DN_REL_UNIT, "the\\s+(?<unit>weekend)(?![a-z])"},
	{"rel_wday", MT_DATE, DN_REL_WDAY,
	 "(?<rel>this|last|next|coming|past|previous)\\s+" WDAY},
	{"wday", MT_DATE, DN_REL_WDAY, "(?<!bloody )" WDAY WDAY_NOT_TITLE},
	{"deictic", MT_DATE, DN_DEICTIC, "(?<word>today|yesterday|tomorrow)(?![a-z])"},
	{"ref_recent_years", MT_DATE, DN_REF, "(?<word>recent\\s+years)(?![a-z])"},
	{"ref", MT_DATE, DN_REF,
	 "(?<word>the\\s+future|the\\s+past|currently|recently|nowadays|these\\s+days|"
	 "at\\s+present|presently|lately|now)(?![a-z\\-])"},
	{"year_end", MT_DATE, DN_REL_UNIT,
	 "(?<rel>year)-(?<mod>end)(?![a-z])"},
};

/* ---- family: times of day ---- */

static const struct date_rule rules_time[] = {
	{"iso_datetime", MT_TIME, DN_CLOCK,
	 "(?<year>[12][0-9]{3})-(?<mnum>0[1-9]|1[0-2])-(?<day>0[1-9]|[12][0-9]|3[01])[T\\s](?<hour>[01][0-9]|2[0-3]):(?<min>[0-5][0-9])"
	 "(?::(?<sec>[0-5][0-9]))?(?:\\s*" ZONE ")?"},
	{"day_at_clock", MT_TIME, DN_CLOCK,
	 "(?:(?<rel>this|last|next)\\s+)?(?:" WDAY "|" DEIC ")(?:\\s+" PART ")?(?:,\\s*|\\s+)(?:at\\s+|around\\s+|about\\s+)?" CLOCK},
	{"clock_day", MT_TIME, DN_CLOCK,
	 "(?:(?<mod>around|about|approximately|roughly)\\s+)?"
	 CLOCK "(?:\\s*,?\\s*(?:on\\s+)?(?:" WDAY "|" DEIC "|" MON "\\s+" DAYNUM "|" DAYNUM "\\s+" MON "))?"},
	{"clock_part", MT_TIME, DN_CLOCK,
	 "(?<hour>[01]?[0-9])(?:[:.](?<min>[0-5][0-9]))?\\s*(?:" AMPM "\\s*)?(?:(?<deic>this)|in\\s+the)\\s+" PART},
	{"part_of_day", MT_TIME, DN_PARTDAY,
	 "(?:(?<mod>early|late|mid|later|earlier)[\\s\\-]+)?(?:(?<rel>this|last|next|that)\\s+|" DEIC "\\s+)" PART
	 "(?![a-z])"},
	{"part_of_day_after", MT_TIME, DN_PARTDAY,
	 "(?:(?<mod>early|late|mid)[\\s\\-]+)?" PART "\\s+" DEIC},
	{"tonight", MT_TIME, DN_PARTDAY, "(?<deic>tonight|overnight)(?![a-z])"},
	{"mod_part", MT_TIME, DN_PARTDAY, "(?<mod>mid)[\\s\\-]?" PART},
};

/* ---- family: durations ---- */

static const struct date_rule rules_duration[] = {
	{"dur_span", MT_DURATION, DN_DUR_SPAN,
	 "(?!(?:over|under|within)\\s+the\\s)(?:" MODS "\\s+)?(?:(?:each|all|any)\\s+of\\s+)?(?:the\\s+)?(?<rel>past|last|next|coming|previous|first|latest|final|"
	 "following|remaining|preceding|ensuing|initial|last\\s+few|past\\s+few|next\\s+few)\\s+" COUNT_NA "[\\s\\-]+" UNIT
	 "(?:\\s+or\\s+so)?"},
	{"dur_span_vague", MT_DURATION, DN_DUR_VAGUE,
	 "(?:the\\s+)?(?<rel>past|last|next|coming)\\s+(?:few|several|couple\\s+of)\\s+" UNIT_PL},
	{"dur_the_count", MT_DURATION, DN_DURATION,
	 "the\\s+" COUNT_NA "[\\s\\-]+" UNIT "(?!\\s+(?:ago|later|earlier|before|after)(?![a-z]))"},
	{"dur_span_one", MT_DURATION, DN_DUR_SPAN,
	 "(?!(?:over|under|within)\\s+the\\s)(?:" MODS "\\s+)?the\\s+(?<rel>past|last|next|coming|previous|following)\\s+(?<unit>year|month|week|decade|century|quarter)(?![a-z])"},
	{"duration", MT_DURATION, DN_DURATION,
	 NOT_RATE "(?:" MODS "\\s+)?(?:an?\\s+(?:additional|extra|further|full|whole)\\s+)?" COUNT
	 "(?:\\s+(?:more|additional|straight|consecutive|full|long))?[\\s\\-]+" UNIT
	 "(?:\\s+and\\s+a\\s+half)?(?:-long)?" NOT_AGE},
	{"dur_vague_recent", MT_DURATION, DN_DUR_VAGUE,
	 "(?<rel>recent|coming)\\s+(?<unit>months|weeks|days|quarters|decades)(?![a-z])"},
	{"dur_for_units", MT_DURATION, DN_DUR_VAGUE,
	 "(?<=\\bfor |\\bover the |\\bin |\\btook |\\btake |\\blasted )" UNIT_PL "(?!\\s+(?:ago|later|earlier|before|after)(?![a-z]))"},
	{"dur_long", MT_DURATION, DN_DUR_VAGUE,
	 "(?<unit>decades|years|months|weeks|days|hours)-long"},
	{"dur_day_long", MT_DURATION, DN_DURATION, "(?<unit>day|week|month|year|hour)-long(?![a-z])"},
};

/* ---- family: sets (recurring times) ---- */

static const struct date_rule rules_set[] = {
	{"every_count_unit", MT_SET, DN_SET,
	 "(?<word>every|each)\\s+(?:other\\s+)?" COUNT_NA "\\s+" UNIT},
	{"every_wday", MT_SET, DN_SET,
	 "(?<word>every|each)\\s+(?:other\\s+)?(?:" WDAY "(?:\\s+" PART ")?|" MON_ALONE "|" PART "|" UNIT1 ")"},
	{"times_per", MT_SET, DN_SET,
	 "(?<num>once|twice|thrice|" COUNT_NA "\\s+times)\\s+(?:a|an|per|each|every)\\s+" UNIT1},
	{"adverb", MT_SET, DN_SET,
	 "(?<word>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|bimonthly|"
	 "semi-?annually|biannually|fortnightly|everyday)(?![a-z\\-])"},
	{"on_wdays", MT_SET, DN_SET,
	 "(?<=\\bon |\\bevery |\\bor |\\band )(?<wday>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)(?![a-z])"},
};

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
	{"january", DG_STRONG}, {"february", DG_STRONG}, {"march", DG_STRONG}, {"april", DG_STRONG},
	{"may", DG_STRONG}, {"june", DG_STRONG}, {"july", DG_STRONG}, {"august", DG_STRONG},
	{"september", DG_STRONG}, {"october", DG_STRONG}, {"november", DG_STRONG},
	{"december", DG_STRONG}, {"jan", DG_STRONG}, {"feb", DG_STRONG}, {"mar", DG_STRONG},
	{"apr", DG_STRONG}, {"jun", DG_STRONG}, {"jul", DG_STRONG}, {"aug", DG_STRONG},
	{"sep", DG_STRONG}, {"sept", DG_STRONG}, {"oct", DG_STRONG}, {"nov", DG_STRONG},
	{"dec", DG_STRONG},
	{"monday", DG_STRONG}, {"tuesday", DG_STRONG}, {"wednesday", DG_STRONG},
	{"thursday", DG_STRONG}, {"friday", DG_STRONG}, {"saturday", DG_STRONG},
	{"sunday", DG_STRONG}, {"mondays", DG_STRONG}, {"tuesdays", DG_STRONG},
	{"wednesdays", DG_STRONG}, {"thursdays", DG_STRONG}, {"fridays", DG_STRONG},
	{"saturdays", DG_STRONG}, {"sundays", DG_STRONG},
	{"mon", DG_WEAK}, {"tue", DG_WEAK}, {"tues", DG_WEAK}, {"wed", DG_WEAK}, {"thu", DG_WEAK},
	{"thur", DG_WEAK}, {"thurs", DG_WEAK}, {"fri", DG_WEAK}, {"sat", DG_WEAK}, {"sun", DG_WEAK},
	/* deictic and reference words */
	{"today", DG_STRONG}, {"yesterday", DG_STRONG}, {"tomorrow", DG_STRONG},
	{"tonight", DG_STRONG}, {"overnight", DG_STRONG}, {"now", DG_STRONG},
	{"currently", DG_STRONG}, {"current", DG_STRONG}, {"recently", DG_STRONG},
	{"recent", DG_STRONG}, {"future", DG_STRONG}, {"nowadays", DG_STRONG},
	{"presently", DG_STRONG}, {"formerly", DG_STRONG}, {"previously", DG_STRONG},
	{"lately", DG_STRONG}, {"soon", DG_STRONG}, {"noon", DG_STRONG}, {"midday", DG_STRONG},
	{"midnight", DG_STRONG}, {"mid", DG_STRONG}, {"fiscal", DG_STRONG}, {"fy", DG_STRONG},
	{"every", DG_STRONG}, {"each", DG_WEAK}, {"once", DG_WEAK}, {"twice", DG_STRONG},
	{"thrice", DG_STRONG},
	{"daily", DG_STRONG}, {"weekly", DG_STRONG}, {"monthly", DG_STRONG}, {"annually", DG_STRONG},
	{"yearly", DG_STRONG}, {"quarterly", DG_STRONG}, {"hourly", DG_STRONG},
	{"nightly", DG_STRONG}, {"biweekly", DG_STRONG}, {"bimonthly", DG_STRONG},
	{"semiannually", DG_STRONG}, {"semi", DG_STRONG}, {"biannually", DG_STRONG},
	{"fortnightly", DG_STRONG}, {"everyday", DG_STRONG},
	/* units and periods */
	{"year", DG_STRONG}, {"years", DG_STRONG}, {"month", DG_STRONG}, {"months", DG_STRONG},
	{"week", DG_STRONG}, {"weeks", DG_STRONG}, {"day", DG_STRONG}, {"days", DG_STRONG},
	{"hour", DG_STRONG}, {"hours", DG_STRONG}, {"minute", DG_STRONG}, {"minutes", DG_STRONG},
	{"seconds", DG_STRONG}, {"decade", DG_STRONG}, {"decades", DG_STRONG},
	{"century", DG_STRONG}, {"centuries", DG_STRONG}, {"quarter", DG_STRONG},
	{"quarters", DG_STRONG}, {"weekend", DG_STRONG}, {"weekends", DG_STRONG},
	{"fortnight", DG_STRONG}, {"half", DG_STRONG}, {"hrs", DG_STRONG}, {"mins", DG_STRONG},
	{"spring", DG_STRONG}, {"summer", DG_STRONG}, {"fall", DG_STRONG}, {"autumn", DG_STRONG},
	{"winter", DG_STRONG}, {"morning", DG_STRONG}, {"afternoon", DG_STRONG},
	{"evening", DG_STRONG}, {"night", DG_STRONG}, {"daytime", DG_STRONG},
	{"millennium", DG_STRONG},
	/* words that start a longer expression */
	{"the", DG_WEAK}, {"a", DG_WEAK}, {"an", DG_WEAK}, {"this", DG_WEAK}, {"last", DG_WEAK},
	{"next", DG_WEAK}, {"past", DG_STRONG}, {"coming", DG_WEAK}, {"previous", DG_WEAK},
	{"following", DG_WEAK}, {"same", DG_WEAK}, {"more", DG_WEAK}, {"less", DG_WEAK},
	{"fewer", DG_WEAK}, {"over", DG_WEAK}, {"under", DG_WEAK}, {"nearly", DG_WEAK},
	{"almost", DG_WEAK}, {"about", DG_WEAK}, {"around", DG_WEAK}, {"roughly", DG_WEAK},
	{"approximately", DG_WEAK}, {"some", DG_WEAK}, {"at", DG_WEAK}, {"up", DG_WEAK},
	{"no", DG_WEAK}, {"just", DG_WEAK}, {"well", DG_WEAK}, {"close", DG_WEAK},
	{"within", DG_WEAK}, {"only", DG_WEAK}, {"early", DG_WEAK}, {"late", DG_WEAK},
	{"earlier", DG_WEAK}, {"later", DG_WEAK}, {"end", DG_WEAK}, {"beginning", DG_WEAK},
	{"start", DG_WEAK}, {"middle", DG_WEAK}, {"first", DG_WEAK}, {"second", DG_WEAK},
	{"third", DG_WEAK}, {"fourth", DG_WEAK}, {"1st", DG_WEAK}, {"several", DG_WEAK},
	{"few", DG_WEAK}, {"many", DG_WEAK}, {"couple", DG_WEAK}, {"dozen", DG_WEAK},
	{"dozens", DG_WEAK}, {"hundreds", DG_WEAK}, {"all", DG_WEAK}, {"any", DG_WEAK},
	{"latest", DG_WEAK}, {"final", DG_WEAK}, {"remaining", DG_WEAK}, {"preceding", DG_WEAK},
	{"ensuing", DG_WEAK}, {"initial", DG_WEAK}, {"calendar", DG_WEAK}, {"that", DG_WEAK},
	{"shortly", DG_WEAK}, {"after", DG_WEAK}, {"before", DG_WEAK}, {"other", DG_WEAK},
	{"one", DG_WEAK}, {"two", DG_WEAK}, {"three", DG_WEAK}, {"four", DG_WEAK},
	{"five", DG_WEAK}, {"six", DG_WEAK}, {"seven", DG_WEAK}, {"eight", DG_WEAK},
	{"nine", DG_WEAK}, {"ten", DG_WEAK}, {"eleven", DG_WEAK}, {"twelve", DG_WEAK},
	{"thirteen", DG_WEAK}, {"fourteen", DG_WEAK}, {"fifteen", DG_WEAK}, {"sixteen", DG_WEAK},
	{"seventeen", DG_WEAK}, {"eighteen", DG_STRONG}, {"nineteen", DG_STRONG},
	{"twenty", DG_WEAK}, {"thirty", DG_WEAK}, {"forty", DG_WEAK}, {"fifty", DG_WEAK},
	{"sixty", DG_WEAK}, {"seventy", DG_WEAK}, {"eighty", DG_WEAK}, {"ninety", DG_WEAK},
	{"hundred", DG_WEAK}, {"twentieth", DG_WEAK}, {"nineteenth", DG_WEAK},
	{"eighteenth", DG_WEAK}, {"better", DG_WEAK}, {"its", DG_WEAK},
};
const size_t date_ngate_words = ARRAY_SIZE(date_gate_words);
