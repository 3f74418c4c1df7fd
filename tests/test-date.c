/* test-date.c: the temporal extractor (dates, times, durations, sets).
 * Table-driven: each row is one sentence, a publication date (or none) and
 * one expected mention with its TIMEX3 value, run through the whole engine
 * with tu_extract.  Further tables cover the traps (words that look temporal
 * and are not), resolution without a publication date, discourse anchors and
 * the calendar helpers in date_resolve.c. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "document.h"
#include "engine.h"
#include "mention.h"
#include "resolver.h"
#include "testutil.h"
#include "util.h"

#define PUB "2025-05-24"   /* a Saturday */
#define NONE NULL

struct date_case {
	const char *text;
	const char *published;  /* NULL: no publication date */
	enum mention_type type;
	const char *span;       /* expected mention text */
	const char *value;      /* expected TIMEX3 value */
	const char *mod;        /* expected mod, or NULL for "don't care" */
};

static const struct date_case date_cases[] = {
	/* absolute dates */
	{"The treaty was signed on May 16, 2025 in Geneva.", PUB, MT_DATE, "May 16, 2025", "2025-05-16", NONE},
	{"The treaty was signed on 16 May 2025 in Geneva.", PUB, MT_DATE, "16 May 2025", "2025-05-16", NONE},
	{"Filing date: 2025-05-16.", PUB, MT_DATE, "2025-05-16", "2025-05-16", NONE},
	{"The form was dated 16/05/2025 by the clerk.", PUB, MT_DATE, "16/05/2025", "2025-05-16", NONE},
	{"The form was dated 5/16/2025 by the clerk.", PUB, MT_DATE, "5/16/2025", "2025-05-16", NONE},
	{"The form was dated 03/04/2025 by the clerk.", PUB, MT_DATE, "03/04/2025", "2025-03-04", NONE},
	{"The form was dated 03.04.2025 by the clerk.", PUB, MT_DATE, "03.04.2025", "2025-04-03", NONE},
	{"Parliament voted on May 16 after a long debate.", PUB, MT_DATE, "May 16", "2025-05-16", NONE},
	{"The hearing is set for 6/12 in the county court.", PUB, MT_DATE, "6/12", "2025-06-12", NONE},
	{"The rules changed on Sept. 30, 1998 for everyone.", PUB, MT_DATE, "Sept. 30, 1998", "1998-09-30", NONE},
	{"The company was founded in June 2022 by two engineers.", PUB, MT_DATE, "June 2022", "2022-06", NONE},
	{"The law took effect in 2011 after a vote.", PUB, MT_DATE, "2011", "2011", NONE},
	{"Music from the 1990s filled the hall.", PUB, MT_DATE, "the 1990s", "199", NONE},
	{"Growth slowed in mid-2024 across the region.", PUB, MT_DATE, "mid-2024", "2024", "MID"},
	{"Sales should pick up in early June as tourists arrive.", PUB, MT_DATE, "early June", "2025-06", "START"},
	{"Sales picked up in early September as tourists arrived.", PUB, MT_DATE, "early September", "2024-09", "START"},
	{"The ministry said the vote is set for June 2 in the capital.", PUB, MT_DATE, "June 2", "2025-06-02", NONE},
	{"Revenue for fiscal 2024 beat forecasts.", PUB, MT_DATE, "fiscal 2024", "2024", NONE},
	{"The chipmaker expects a rebound in Q3 2025.", PUB, MT_DATE, "Q3 2025", "2025-Q3", NONE},
	{"Profit rose in the third quarter of 2024.", PUB, MT_DATE, "the third quarter of 2024", "2024-Q3", NONE},
	{"Output fell in the first half of 2023.", PUB, MT_DATE, "the first half of 2023", "2023-H1", NONE},
	{"The rail line should open by 2030, officials said.", PUB, MT_DATE, "2030", "2030", NONE},
	{"Subsidies will be paid from 2026 onwards.", PUB, MT_DATE, "2026", "2026", NONE},
	{"The empire peaked in the 21st century, the novel says.", PUB, MT_DATE, "the 21st century", "(2000-01-01,2100-01-01,P100Y)", NONE},
	{"They restored an 11th century temple near the river.", PUB, MT_DATE, "11th century", "10", NONE},
	{"Exports surged last summer.", PUB, MT_DATE, "last summer", "2024-SU", NONE},
	{"The census of nineteen ninety-six was the last one.", PUB, MT_DATE, "nineteen ninety-six", "1996", NONE},
	{"The bridge opened in October two thousand and thirty two.", PUB, MT_DATE, "October two thousand and thirty two", "2032-10", NONE},

	/* weekdays and relative expressions, published 2025-05-24 */
	{"The ministers met on Wednesday to discuss tariffs.", PUB, MT_DATE, "Wednesday", "2025-05-21", NONE},
	{"The ministers will meet on Wednesday to discuss tariffs.", PUB, MT_DATE, "Wednesday", "2025-05-28", NONE},
	{"The ministers met last Friday in Oslo.", PUB, MT_DATE, "last Friday", "2025-05-23", NONE},
	{"The ministers will meet next Tuesday in Oslo.", PUB, MT_DATE, "next Tuesday", "2025-05-27", NONE},
	{"They'll sign the deal on Thursday, aides said.", PUB, MT_DATE, "Thursday", "2025-05-29", NONE},
	{"Shops opened on Saturday as usual.", PUB, MT_DATE, "Saturday", "2025-05-24", NONE},
	{"Prices jumped last week on supply fears.", PUB, MT_DATE, "last week", "2025-W20", NONE},
	{"Prices could jump next month on supply fears.", PUB, MT_DATE, "next month", "2025-06", NONE},
	{"The deal was struck earlier this month in Tokyo.", PUB, MT_DATE, "earlier this month", "2025-05", NONE},
	{"The festival moved to this April because of rain.", PUB, MT_DATE, "this April", "2025-04", NONE},
	{"The festival was held last April in the park.", PUB, MT_DATE, "last April", "2025-04", NONE},
	{"The festival was held last June in the park.", PUB, MT_DATE, "last June", "2024-06", NONE},
	{"The minister will visit in June to sign the accord.", PUB, MT_DATE, "June", "2025-06", NONE},
	{"The bridge collapsed two days ago in the storm.", PUB, MT_DATE, "two days ago", "2025-05-22", NONE},
	/* rows tried only when their later word comes before another mark
	 * (date_later_words): a decimal, a hyphen and a capital on the way */
	{"It opened 1.5 years later.", PUB, MT_DATE, "1.5 years later", "2026", NONE},
	{"She left twenty-one days Afterwards.", PUB, MT_DATE, "twenty-one days Afterwards", "2025-06-14", NONE},
	{"Rent is due from the 4th – the 22nd of next month.", PUB, MT_DATE, "the 4th – the 22nd of next month", "(2025-06-04,2025-06-22,P18D)", NONE},
	/* rows tried only after their lookbehind's words (date_before_words):
	 * a capital, a curly "'s", a two-digit year, a duration */
	{"Since 1998 prices have doubled.", PUB, MT_DATE, "1998", "1998", NONE},
	{"They met the company’s 2019 targets.", PUB, MT_DATE, "2019", "2019", NONE},
	{"He was born in '98 in Ohio.", PUB, MT_DATE, "'98", "1998", NONE},
	{"Shares fell for the year ended June 30.", PUB, MT_DURATION, "the year", "P1Y", NONE},
	{"The crew will be back in two weeks, the captain said.", PUB, MT_DATE, "two weeks", "2025-06-07", NONE},
	{"The index rose 4% in two weeks of trading.", PUB, MT_DURATION, "two weeks", "P2W", NONE},
	{"The bridge collapsed yesterday in the storm.", PUB, MT_DATE, "yesterday", "2025-05-23", NONE},
	{"The bridge reopens tomorrow after repairs.", PUB, MT_DATE, "tomorrow", "2025-05-25", NONE},
	{"Inflation is the main worry this year for savers.", PUB, MT_DATE, "this year", "2025", NONE},
	{"The plant will close at the end of the year, the firm said.", PUB, MT_DATE, "the end of the year", "2025", "END"},
	{"Inflation was the main worry last year for savers.", PUB, MT_DATE, "last year", "2024", NONE},
	{"The firm is now the largest in its field.", PUB, MT_DATE, "now", "PRESENT_REF", NONE},
	{"Such cases have recently become more common.", PUB, MT_DATE, "recently", "PAST_REF", NONE},
	{"Nobody knows what the future holds for the port.", PUB, MT_DATE, "the future", "FUTURE_REF", NONE},
	{"Profit fell in the quarter, and a year ago it had risen.", PUB, MT_DATE, "a year ago", "2024-Q1", NONE},

	/* holidays */
	{"Marchers gathered on International Workers' Day downtown.", PUB, MT_DATE, "International Workers' Day", "2025-05-01", NONE},
	{"Shops will close on Christmas Day as usual.", PUB, MT_DATE, "Christmas Day", "2025-12-25", NONE},
	{"Families gathered for Thanksgiving Day 2024 in record numbers.", PUB, MT_DATE, "Thanksgiving Day 2024", "2024-11-28", NONE},
	{"Traffic was heavy over Easter this spring.", PUB, MT_DATE, "Easter", "2025-04-20", NONE},

	/* times */
	{"The market opened at 10:30 a.m. sharp.", PUB, MT_TIME, "10:30 a.m.", "T10:30", NONE},
	{"The launch is set for 9pm JST on the coast.", PUB, MT_TIME, "9pm JST", "T21", NONE},
	{"Talks resumed at noon in the capital.", PUB, MT_TIME, "noon", "T12:00", NONE},
	{"The vote will be held at 10 p.m. Wednesday in the chamber.", PUB, MT_TIME, "10 p.m. Wednesday", "2025-05-28T22", NONE},
	{"The vote was held at 10 p.m. Wednesday in the chamber.", PUB, MT_TIME, "10 p.m. Wednesday", "2025-05-21T22", NONE},
	{"Protesters gathered this morning outside the court.", PUB, MT_TIME, "this morning", "2025-05-24TMO", NONE},
	{"Fighting continued last night near the border.", PUB, MT_TIME, "last night", "2025-05-23TNI", NONE},
	{"The shift runs from 9:00 to 17:30 each weekday.", PUB, MT_TIME, "9:00 to 17:30", "(T09:00,T17:30,PT8H30M)", NONE},
	{"The polls are open 5-8 pm in most towns.", PUB, MT_TIME, "5-8 pm", "(T17,T20,PT3H)", NONE},
	{"The drill ran from 3 in the morning until 5pm.", PUB, MT_TIME, "3 in the morning until 5pm", "(T03,T17,PT14H)", NONE},
	{"Talks resume 3:00 to 4:00 tomorrow in Geneva.", PUB, MT_TIME, "3:00 to 4:00 tomorrow", "(2025-05-25T03:00,2025-05-25T04:00,PT1H)", NONE},

	{"Talks ran between 3 and 8 yesterday in Geneva.", PUB, MT_TIME, "3 and 8 yesterday", "(2025-05-23T03,2025-05-23T08,PT5H)", NONE},
	{"I'll be out on December 12th at 4 - 6:30 pm.", PUB, MT_TIME, "December 12th at 4 - 6:30 pm", "(XXXX-12-12T16,XXXX-12-12T18:30,PT2H30M)", NONE},
	{"The clinic is open Monday 11-4 for walk-ins.", PUB, MT_TIME, "Monday 11-4", "(XXXX-WXX-1T11,XXXX-WXX-1T16,PT5H)", NONE},
	{"We met this evening from 7 to 7:30 at the cafe.", PUB, MT_TIME, "this evening from 7 to 7:30", "(2025-05-24T19,2025-05-24T19:30,PT30M)", NONE},
	{"The bells rang at half past seven o'clock.", PUB, MT_TIME, "half past seven o'clock", "T07:30", NONE},
	{"The train left at a quarter to nine in the morning.", PUB, MT_TIME, "a quarter to nine in the morning", "T08:45", NONE},
	{"Lunch is served noonish on the terrace.", PUB, MT_TIME, "noonish", "T12", "APPROX"},
	{"The store opened at 1140 a.m. yesterday.", PUB, MT_TIME, "1140 a.m. yesterday", "2025-05-23T11:40", NONE},

	{"I'll call tomorrow at 8:45a if the line is free.", PUB, MT_TIME, "tomorrow at 8:45a", "2025-05-25T08:45", NONE},
	{"I'll be out five to seven today, sorry.", PUB, MT_TIME, "five to seven today", "(2025-05-24T05,2025-05-24T07,PT2H)", NONE},
	{"Please file it by the end of the day.", PUB, MT_TIME, "the end of the day", "2025-05-24T23:59:59", NONE},
	{"Let's find one morning together.", PUB, MT_TIME, "morning", "TMO", NONE},
	{"It was a one second delay.", PUB, MT_DURATION, "one second", "PT1S", NONE},
	{"Drinks tonite at the harbour bar.", PUB, MT_TIME, "tonite", "2025-05-24TNI", NONE},

	{"The hall is booked for 2 hours from 2pm, the clerk said.", PUB, MT_TIME, "2 hours from 2pm", "(T14,T16:00:00,PT2H)", NONE},
	{"Replies are off for 3 days starting from next Monday.", PUB, MT_DATE, "3 days starting from next Monday", "(2025-05-26,2025-05-29,P3D)", NONE},
	{"The taxi will come in 5 minutes.", PUB, MT_TIME, "5 minutes", "2025-05-24T00:05:00", NONE},

	/* weeks, days, abbreviated months after a preposition */
	{"The trial ended in week 3 of 2024 after a plea.", PUB, MT_DATE, "week 3 of 2024", "2024-W03", NONE},
	{"The fair opens in the first week of June 2025.", PUB, MT_DATE, "the first week of June 2025", "2025-06-W01", NONE},
	{"Audits run in the last week of 2024, the firm said.", PUB, MT_DATE, "the last week of 2024", "2024-W52", NONE},
	{"The vote is on Tue 13th, the clerk said.", PUB, MT_DATE, "Tue 13th", "2025-05-13", NONE},
	{"We meet friday the 13th at 4 in the hall.", PUB, MT_TIME, "friday the 13th at 4", "2025-06-13T04", NONE},
	{"I'll be back within 5 minutes.", PUB, MT_TIME, "within 5 minutes", "(2025-05-24T00:00:00,2025-05-24T00:05:00,PT5M)", NONE},
	{"The cafe is quiet in the mornings.", PUB, MT_TIME, "the mornings", "TMO", NONE},
	{"The parcel should arrive on the 28th.", PUB, MT_DATE, "the 28th", "2025-05-28", NONE},
	{"Everyone in the village was away that weekend.", PUB, MT_DATE, "that weekend", "XXXX-WXX-WE", NONE},
	{"The fair opened on May 3, 2025. Everyone was away that weekend.", PUB, MT_DATE, "that weekend", "2025-W18-WE", NONE},
	{"She was born in April of 87 in Lyon.", PUB, MT_DATE, "April of 87", "1987-04", NONE},
	{"The form said Feb 30, which cannot be right.", PUB, MT_DATE, "Feb 30", "XXXX-02-30", NONE},
	{"What will happen in the 2 next days?", PUB, MT_DATE, "2 next days", "(2025-05-25,2025-05-27,P2D)", NONE},
	{"Clusters docked to date: 40, the report said.", PUB, MT_DATE, "to date", "PRESENT_REF", NONE},
	{"The stock is down 20% in the year to date.", PUB, MT_DATE, "the year to date", "2025", NONE},
	{"It will happen this working week, aides said.", PUB, MT_DATE, "this working week", "2025-W21", NONE},
	{"The show will start on Christmas at 8:00 sharp.", PUB, MT_DATE, "Christmas", "2025-12-25", NONE},
	{"The desk is closed for the day, staff said.", PUB, MT_DATE, "the day", "2025-05-24", NONE},
	{"The ferry runs from Sep to Nov each year.", PUB, MT_DATE, "Sep to Nov", "(2025-09-01,2025-11-01,P2M)", NONE},

	/* durations */
	{"They booked the cabin for two nights in June.", PUB, MT_DURATION, "two nights", "P2D", NONE},
	{"The battery lasts 3h on one charge.", PUB, MT_DURATION, "3h", "PT3H", NONE},
	{"The hearing lasted more than eight hours on the first day.", PUB, MT_DURATION, "more than eight hours", "PT8H", "MORE_THAN"},
	{"She served three years in the cabinet.", PUB, MT_DURATION, "three years", "P3Y", NONE},
	{"The strike lasted 24 hours before talks resumed.", PUB, MT_DURATION, "24 hours", "PT24H", NONE},
	{"Prices have doubled over the past three years, data show.", PUB, MT_DURATION, "the past three years", "P3Y", NONE},
	{"Output grew 5% in the first nine months of trading.", PUB, MT_DURATION, "the first nine months", "P9M", NONE},
	{"The trial could take about two weeks to finish.", PUB, MT_DURATION, "about two weeks", "P2W", "APPROX"},
	{"He was jailed for a year and a half on the charge.", PUB, MT_DURATION, "a year and a half", "P1Y6M", NONE},
	{"Negotiators agreed a two-year extension of the pact.", PUB, MT_DURATION, "two-year", "P2Y", NONE},
	{"The flight took one and a half hours.", PUB, MT_DURATION, "one and a half hours", "PT1H30M", NONE},
	{"Rescuers worked all day in the rain.", PUB, MT_DURATION, "all day", "P1D", NONE},
	{"The dispute has gone on for years without a ruling.", PUB, MT_DURATION, "years", "PXY", NONE},
	{"The repair took 4 hours 15 minutes on Sunday.", PUB, MT_DURATION, "4 hours 15 minutes", "PT4H15M", NONE},
	{"He spent three years and two months abroad.", PUB, MT_DURATION, "three years and two months", "P3Y2M", NONE},
	{"The stage is booked from 2 pm for 1 hour 45 minutes.", PUB, MT_TIME, "2 pm for 1 hour 45 minutes", "(T14,T15:45:00,PT1H45M)", NONE},
	/* a smaller unit with "ago" after it is its own date */
	{"The talks lasted 3 weeks and 2 days ago they ended.", PUB, MT_DURATION, "3 weeks", "P3W", NONE},

	/* ranges: one DATE "(begin,end,length)" (Recognizers-Text style) */
	{"The exhibition runs from June 3 to August 10, organizers said.", PUB, MT_DATE, "June 3 to August 10", "(2025-06-03,2025-08-10,P68D)", NONE},
	{"The museum will be shut between July and September for repairs.", PUB, MT_DATE, "July and September", "(2025-07-01,2025-09-01,P2M)", NONE},
	{"Exports rose every year from 1991 to 1997 in the region.", PUB, MT_DATE, "1991 to 1997", "(1991-01-01,1997-01-01,P6Y)", NONE},
	{"The survey covers the years between 2003 and 2006 only.", PUB, MT_DATE, "2003 and 2006", "(2003-01-01,2006-01-01,P3Y)", NONE},
	{"The lease runs 2021 through March 4th 2023 at the old rate.", PUB, MT_DATE, "2021 through March 4th 2023", "(2021-01-01,2023-03-04,P792D)", NONE},
	{"The plant ran from 2012 to the end of 2013 on coal.", PUB, MT_DATE, "2012 to the end of 2013", "(2012-01-01,2014-01-01,P24M)", NONE},
	{"The road is closed from May until the end of August.", PUB, MT_DATE, "May until the end of August", "(2025-05-01,2025-09-01,P4M)", NONE},
	{"Tickets are on sale between now and July 9th at the box office.", PUB, MT_DATE, "now and July 9th", "(2025-05-24,2025-07-09,P46D)", NONE},
	{"The shop is closed 4 to 8 of August for stocktaking.", PUB, MT_DATE, "4 to 8 of August", "(2025-08-04,2025-08-08,P4D)", NONE},
	{"The camp runs between 2 and 6 of July this summer.", PUB, MT_DATE, "2 and 6 of July", "(2025-07-02,2025-07-06,P4D)", NONE},
	{"The fair is open October 14-16 in the old market.", PUB, MT_DATE, "October 14-16", "(2025-10-14,2025-10-16,P2D)", NONE},
	{"The pool is shut from the 2nd to the 19th of next month.", PUB, MT_DATE, "the 2nd to the 19th of next month", "(2025-06-02,2025-06-19,P17D)", NONE},
	{"Rooms are free between the 12th and the 14th of June.", PUB, MT_DATE, "12th and the 14th of June", "(2025-06-12,2025-06-14,P2D)", NONE},
	{"She is away august third through eleventh on leave.", PUB, MT_DATE, "august third through eleventh", "(2025-08-03,2025-08-11,P8D)", NONE},
	{"The festival fills the town Mar-Apr 2026 every spring.", PUB, MT_DATE, "Mar-Apr 2026", "(2026-03-01,2026-04-01,P1M)", NONE},
	{"The winter season runs Dec-Jan 10th, 2027 in the Alps.", PUB, MT_DATE, "Dec-Jan 10th, 2027", "(2026-12-01,2027-01-10,P40D)", NONE},
	{"He toured from april in 2015 to May in 2016 with the band.", PUB, MT_DATE, "april in 2015 to May in 2016", "(2015-04-01,2016-05-01,P13M)", NONE},
	{"The archive was sealed on the fifth of june of 1921.", PUB, MT_DATE, "the fifth of june of 1921", "1921-06-05", NONE},
	/* "and" makes a range only after "between" */
	{"He scored in 1998 and 2002 for the national team.", PUB, MT_DATE, "1998", "1998", NONE},
	{"Trains ran on 4 and 9 June only, the operator said.", PUB, MT_DATE, "9 June", "2025-06-09", NONE},
	{"Output grew in 2014-2018, the report said.", PUB, MT_DATE, "2014-2018", "(2014-01-01,2018-01-01,P4Y)", NONE},
	{"The office is shut 5/1/2025-5/7/2025 for repairs.", PUB, MT_DATE, "5/1/2025-5/7/2025", "(2025-05-01,2025-05-07,P6D)", NONE},
	/* clock ranges and days: a weekday or a month-day with no year stays a guess */
	{"Staff answer calls between 2 and 4 in the afternoon.", PUB, MT_TIME, "2 and 4 in the afternoon", "(T14,T16,PT2H)", NONE},
	{"The desk is staffed on Friday morning from 9am to 11am.", PUB, MT_TIME, "Friday morning from 9am to 11am", "(XXXX-WXX-5T09,XXXX-WXX-5T11,PT2H)", NONE},
	{"The lab is open next Monday from 9am to 11am.", PUB, MT_TIME, "next Monday from 9am to 11am", "(2025-05-26T09,2025-05-26T11,PT2H)", NONE},
	{"The hall is booked on 3rd March from 1:30pm for 4 hours.", PUB, MT_TIME, "3rd March from 1:30pm for 4 hours", "(XXXX-03-03T13:30,XXXX-03-03T17:30:00,PT4H)", NONE},
	{"The talk is on 7/9 between 10.15-11.45am in room B.", PUB, MT_TIME, "7/9 between 10.15-11.45am", "(XXXX-07-09T10:15,XXXX-07-09T11:45,PT1H30M)", NONE},
	{"The ferry leaves tomorrow at 7p from the pier.", PUB, MT_TIME, "tomorrow at 7p", "2025-05-25T19", NONE},
	{"We met on wednesday of last week to plan the move.", PUB, MT_DATE, "wednesday of last week", "2025-05-14", NONE},
	{"The board meets Tuesday evening next week in Rome.", PUB, MT_DATE, "Tuesday evening next week", "2025-05-27TEV", NONE},
	/* a day or month of a relative period, "the week after next", holidays with a year */
	{"Rent is due on the 5th day of next month, the landlord said.", PUB, MT_DATE, "the 5th day of next month", "2025-06-05", NONE},
	{"Bills go out before the twentieth day of the month.", PUB, MT_DATE, "the twentieth day of the month", "2025-05-20", NONE},
	{"The audit starts in the 3rd month of next year.", PUB, MT_DATE, "the 3rd month of next year", "2026-03", NONE},
	{"The results come out the week after next, the board said.", PUB, MT_DATE, "the week after next", "2025-W23", NONE},
	{"Prices fell sharply on black friday 2019 at the mall.", PUB, MT_DATE, "black friday 2019", "2019-11-29", NONE},
	{"Traffic was heavy on the Memorial Day weekend, police said.", PUB, MT_DATE, "Memorial Day weekend", "2025-W21-WE", NONE},
	{"The fair returns for Christmas weekend 2026 in the square.", PUB, MT_DATE, "Christmas weekend 2026", "2026-W52-WE", NONE},
	{"The shop will close on Mother's Day this year.", PUB, MT_DATE, "Mother's Day", "2025-05-11", NONE},
	{"He was born on eleven March nineteen fifty two in Leeds.", PUB, MT_DATE, "eleven March nineteen fifty two", "1952-03-11", NONE},
	{"The pipe burst on 4 Oct nineteen ninety.", PUB, MT_DATE, "4 Oct nineteen ninety", "1990-10-04", NONE},
	{"Book the room for next week Thu if it is free.", PUB, MT_DATE, "next week Thu", "2025-05-29", NONE},
	{"The office reopened in the morning at 8 after the storm.", PUB, MT_TIME, "the morning at 8", "T08", NONE},
	{"Payments are due 3/1-3/9, 2026 for members.", PUB, MT_DATE, "3/1-3/9, 2026", "(2026-03-01,2026-03-09,P8D)", NONE},
	{"The card expires 11-2027, the bank said.", PUB, MT_DATE, "11-2027", "2027-11", NONE},
	{"Profit rose in the third quarter. The 2023 quarter was weaker.", PUB, MT_DATE, "The 2023 quarter", "2023-Q3", NONE},
	/* "next"/"previous"/"following" weekday: that day of the next/previous week */
	{"The panel will meet next Friday in Oslo.", "2025-05-20", MT_DATE, "next Friday", "2025-05-30", NONE},
	{"The panel met the previous Monday in Oslo.", "2025-05-22", MT_DATE, "previous Monday", "2025-05-12", NONE},

	/* sets */
	{"The council meets every Monday in the town hall.", PUB, MT_SET, "every Monday", "XXXX-WXX-1", NONE},
	{"The report is published annually by the bank.", PUB, MT_SET, "annually", "P1Y", NONE},
	{"Trains leave every two hours from the station.", PUB, MT_SET, "every two hours", "PT2H", NONE},
	{"The board meets twice a year in private.", PUB, MT_SET, "twice a year", "P1Y", NONE},
	{"The club meets every Monday at 4pm in the hall.", PUB, MT_SET, "every Monday at 4pm", "XXXX-WXX-1T16", NONE},
	{"The market is held on Friday mornings near the port.", PUB, MT_SET, "Friday mornings", "XXXX-WXX-5TMO", NONE},
	{"Patients take the pill every other day.", PUB, MT_SET, "every other day", "P2D", NONE},
	{"The drills are held bi-monthly at the plant.", PUB, MT_SET, "bi-monthly", "P2M", NONE},

	/* rows with a quick check or a scanner (date.c: quick_checks,
	 * row_scanners): forms they pass, and forms they leave to the regex */
	{"Datelined LONDON 1996-08-22, the report said so.", PUB, MT_DATE, "1996-08-22", "1996-08-22", NONE},
	{"They met on Aug. 22, 1996 in Paris.", PUB, MT_DATE, "Aug. 22, 1996", "1996-08-22", NONE},
	{"They met on August 22 1996-97 in Paris.", PUB, MT_DATE, "August 22", "2025-08-22", NONE},
	{"It ran from Aug 22 - 25 in Paris.", PUB, MT_DATE, "Aug 22 - 25", "(2025-08-22,2025-08-25,P3D)", NONE},
	{"The plan was drafted in the year's 2019 review.", PUB, MT_DATE, "2019", "2019", NONE},
	{"Sales doubled (1996) after the merger.", PUB, MT_DATE, "1996", "1996", NONE},
	{"Prices rose sharply 1996 when demand fell.", PUB, MT_DATE, "1996", "1996", NONE},
	{"Sales doubled, 1996-2000, after the merger.", PUB, MT_DATE, "1996-2000", "(1996-01-01,2000-01-01,P4Y)", NONE},
	{"The race lasted 3 seconds longer than planned.", PUB, MT_DURATION, "3 seconds", "PT3S", NONE},
	{"The race lasted 3 minutes 30 seconds this time.", PUB, MT_DURATION, "3 minutes 30 seconds", "PT3M30S", NONE},
	{"The firm signed a five-year deal with the union.", PUB, MT_DURATION, "five-year", "P5Y", NONE},
	{"They waited over two years for the ruling.", PUB, MT_DURATION, "over two years", "P2Y", "MORE_THAN"},
	/* the second pair of a shared first word ("just over", "just under") */
	{"They waited just under two years for the ruling.", PUB, MT_DURATION, "just under two years", "P2Y", "LESS_THAN"},
	{"The visit lasted at most three weeks in all.", PUB, MT_DURATION, "at most three weeks", "P3W", "EQUAL_OR_LESS"},
	{"Prices rose 5% over the past three years, data showed.", PUB, MT_DURATION, "the past three years", "P3Y", NONE},
	{"Shares fell last week on supply fears.", PUB, MT_DATE, "last week", "2025-W20", NONE},
	{"Crowds gathered on the Monday after the vote.", PUB, MT_DATE, "Monday", "2025-05-19", NONE},
	{"Crowds gathered on Monday, 19 May in the square.", PUB, MT_DATE, "Monday, 19 May", "2025-05-19", NONE},
	{"The talks ended Wednesday the 21st, in Rome.", PUB, MT_DATE, "Wednesday the 21st", "2025-05-21", NONE},
	{"The office closes Friday at 5 p.m. this week.", PUB, MT_TIME, "Friday at 5 p.m.", "2025-05-23T17", NONE},
	{"Prices rose in Sept. as expected.", PUB, MT_DATE, "Sept.", "2025-09", NONE},
	{"Prices rose from Sept to December as expected.", PUB, MT_DATE, "Sept to December", "(2025-09-01,2025-12-01,P3M)", NONE},
	/* U+017F is an 's' to caseless PCRE2: only the regexes judge such a text */
	{"Prices rose 5% in the paſt three years, data showed.", PUB, MT_DURATION, "the paſt three years", "P3Y", NONE},
};

START_TEST(test_date_case)
{
	const struct date_case *c = &date_cases[_i];
	struct arena *a;
	struct document *doc = tu_extract(c->text, c->published, &a);
	const struct mention *m = tu_find(doc, c->type, c->span);
	if (!m) {
		char got[512] = "";
		size_t k = 0;
		for (size_t i = 0; i < doc->mentions.n && k < sizeof got - 64; i++) {
			const struct mention *x = &doc->mentions.v[i];
			k += (size_t)snprintf(got + k, sizeof got - k, " [%s '%.*s']",
			                      mention_type_name((enum mention_type)x->type),
			                      (int)(x->end - x->start), doc->text + x->start);
		}
		ck_abort_msg("row %d: no %s '%s' in \"%s\"; got:%s", _i,
		             mention_type_name(c->type), c->span, c->text, got);
	}
	ck_assert_int_eq(m->kind, MV_TIMEX);
	ck_assert_ptr_nonnull(m->v.timex.value);
	ck_assert_msg(!strcmp(m->v.timex.value, c->value), "row %d '%s': value %s, want %s", _i,
	              c->span, m->v.timex.value, c->value);
	if (c->mod)
		ck_assert_msg(m->v.timex.mod && !strcmp(m->v.timex.mod, c->mod),
		              "row %d '%s': mod %s, want %s", _i, c->span,
		              m->v.timex.mod ? m->v.timex.mod : "(null)", c->mod);
	/* a clock with a glued "a"/"p" ("at 9p") outranks money ("9p" pence) */
	ck_assert_uint_ge(m->priority, PRIO_TEMPORAL);
	ck_assert_ptr_nonnull(m->source);
	ck_assert(!strncmp(m->source, "pattern:", 8));
	ck_assert_ptr_nonnull(m->rule);
	arena_free(a);
}
END_TEST

/* Traps: the span must not come out as any temporal mention. */
struct trap_case {
	const char *text;
	const char *not_span;  /* text that must not be (part of) a temporal mention */
};

static const struct trap_case trap_cases[] = {
	{"May I ask the minister a question?", "May"},
	{"Farmers march on the capital to protest prices.", "march"},
	{"Protesters will March through the city centre.", "March"},
	{"The Sunday Times reported the leak first.", "Sunday"},
	{"He bought coffee at a 7-Eleven near the station.", "7"},
	{"About 1,500 people attended the rally.", "1,500"},
	{"The plant employs 2000 employees in three shifts.", "2000"},
	{"The case turns on Section 2030 of the tax code.", "2030"},
	{"He writes for This Week in Asia and other outlets.", "Week"},
	{"The 52-year-old was 37 years old at the time of the crash.", "37 years"},
	{"The firm pays $2 million a year in rent.", "a year"},
	{"Iraq imports about three-quarters of its food.", "three-quarters"},
	{"The score was 4:3 after extra time.", "4:3"},
	{"The rally in NEW YORK drew thousands.", "NEW"},
	{"The 12-year-old daughter of the minister spoke.", "12-year"},
	{"Shares fell \"last week\" on supply fears.", "last week"},
	{"The record was 4:19.699 set by the winner.", "4:19"},
	{"The chart shows 3.25-3.75 cents a pound.", "3.25"},
	{"The team won 6-1-17-0 in the match.", "6-1-17"},
	{"He ate 1/2 of the cake.", "1/2"},
	{"The march drew 2000 people downtown.", "2000"},
	{"The march drew 2000 marchers downtown.", "2000"},
	{"Profits rose 10 to 12 percent last year.", "10 to 12"},
	{"She won the 1,500 metres in 4:08.22 ahead of the champion.", "4:08"},
	{"Add 1/2 cup of sugar and 3/4 of the flour.", "1/2"},
	{"The clinic is open 24/7 for emergencies.", "24/7"},
	{"Prices rose between 3 and 8 percent on Monday.", "3 and 8"},
	{"Trading was heavy Thursday, 5,745,188 shares changed hands.", "5,745"},
	{"The lift stopped on the 5th floor.", "5th"},
	{"The software is up to date on every machine.", "to date"},
	{"Sales peaked in the year of 2008, the report said.", "the year"},
	{"A second group of three investors joined.", "A second"},
	{"Turnout climbed from 10 to 12 on Monday, officials said.", "10 to 12"},
	{"The stock traded at 9.30-9.45 in early deals.", "9.30"},
	{"Sun Microsystems said next week it will cut jobs.", "Sun"},
	{"The two March votes were delayed again.", "two March"},
	{"Yields rose in the morning at 7.5 percent.", "7.5"},
	/* not day ranges or year ranges */
	{"Prices fell 3 to 5 percent in June, traders said.", "3 to 5"},
	{"Output rose between 2 and 4 in March, the index shows.", "2 and 4"},
	{"The vote on April 24 and 25 delegates was delayed.", "25"},
};

START_TEST(test_trap)
{
	const struct trap_case *c = &trap_cases[_i];
	struct arena *a;
	struct document *doc = tu_extract(c->text, PUB, &a);
	const char *p = strstr(c->text, c->not_span);
	ck_assert_ptr_nonnull(p);
	uint32_t s = (uint32_t)(p - c->text), e = s + (uint32_t)strlen(c->not_span);
	for (size_t i = 0; i < doc->mentions.n; i++) {
		const struct mention *m = &doc->mentions.v[i];
		if (m->type != MT_DATE && m->type != MT_TIME && m->type != MT_DURATION && m->type != MT_SET)
			continue;
		ck_assert_msg(m->end <= s || m->start >= e, "row %d: '%s' made %s '%.*s'", _i,
		              c->not_span, mention_type_name((enum mention_type)m->type),
		              (int)(m->end - m->start), doc->text + m->start);
	}
	arena_free(a);
}
END_TEST

/* Without a publication date, relative values stay unresolved and say so. */
struct unresolved_case {
	const char *text;
	const char *span;
	const char *value;
	bool unresolved;
};

static const struct unresolved_case unresolved_cases[] = {
	{"The ministers met on Wednesday.", "Wednesday", "XXXX-WXX-3", true},
	{"The ministers will meet in June.", "June", "XXXX-06", true},
	{"The ministers met yesterday.", "yesterday", "XXXX-XX-XX", true},
	{"The ministers met last week.", "last week", "XXXX-WXX", true},
	{"The ministers met on May 16, 2025.", "May 16, 2025", "2025-05-16", false},
	{"The talks lasted three years.", "three years", "P3Y", false},
};

START_TEST(test_unresolved)
{
	const struct unresolved_case *c = &unresolved_cases[_i];
	struct arena *a;
	struct document *doc = tu_extract(c->text, NULL, &a);
	const struct mention *m = NULL;
	for (int t = MT_DATE; t <= MT_SET && !m; t++)
		m = tu_find(doc, (enum mention_type)t, c->span);
	ck_assert_msg(m != NULL, "row %d: no mention '%s'", _i, c->span);
	ck_assert_str_eq(m->v.timex.value, c->value);
	ck_assert_int_eq(m->v.timex.unresolved, c->unresolved);
	if (c->unresolved)
		ck_assert_str_eq(m->v.timex.anchor, "none");
	arena_free(a);
}
END_TEST

/* "a year later" resolves against the last date mentioned, and says which. */
START_TEST(test_discourse_anchor)
{
	const char *text = "The agency was created in 2013. A year later it opened an office abroad. "
	                   "The office closed on March 3, 2019, and reopened two days later.";
	struct arena *a;
	struct document *doc = tu_extract(text, PUB, &a);
	const struct mention *y = tu_find(doc, MT_DATE, "2013");
	const struct mention *m = tu_find(doc, MT_DATE, "A year later");
	ck_assert_ptr_nonnull(y);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->v.timex.value, "2014");
	ck_assert_str_eq(m->v.timex.anchor, "mention");
	ck_assert_uint_eq(m->v.timex.anchor_start, y->start);
	const struct mention *d = tu_find(doc, MT_DATE, "March 3, 2019");
	m = tu_find(doc, MT_DATE, "two days later");
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->v.timex.value, "2019-03-05");
	ck_assert_uint_eq(m->v.timex.anchor_start, d->start);
	arena_free(a);
}
END_TEST

/* The direction choice leaves evidence, and the interval is filled in. */
START_TEST(test_evidence_and_interval)
{
	struct arena *a;
	struct document *doc = tu_extract("The envoys met on Wednesday in Vienna.", PUB, &a);
	const struct mention *m = tu_find(doc, MT_DATE, "Wednesday");
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_ge(m->nevidence, 1);
	ck_assert_ptr_nonnull(strstr(m->evidence[0], "met"));
	ck_assert_str_eq(m->v.timex.anchor, "published");
	ck_assert_str_eq(m->v.timex.granularity, "day");
	arena_free(a);
	doc = tu_extract("Sales rose in June 2022.", PUB, &a);
	m = tu_find(doc, MT_DATE, "June 2022");
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->v.timex.begin, "2022-06-01");
	ck_assert_str_eq(m->v.timex.end, "2022-06-30");
	ck_assert_str_eq(m->v.timex.granularity, "month");
	arena_free(a);
}
END_TEST

/* Calendar helpers. */
START_TEST(test_calendar)
{
	int y, m, d, wy, wn;
	for (long z = -800000; z < 800000; z += 997) {
		date_civil_from_days(z, &y, &m, &d);
		ck_assert_int_eq(date_days_from_civil(y, m, d), z);
	}
	ck_assert_int_eq(date_weekday(2025, 5, 24), 5);   /* Saturday */
	ck_assert_int_eq(date_weekday(2000, 1, 1), 5);
	date_iso_week(2025, 5, 24, &wy, &wn);
	ck_assert_int_eq(wy, 2025);
	ck_assert_int_eq(wn, 21);
	date_iso_week(2021, 1, 3, &wy, &wn);                /* belongs to 2020-W53 */
	ck_assert_int_eq(wy, 2020);
	ck_assert_int_eq(wn, 53);
	ck_assert_int_eq(date_days_in_month(2024, 2), 29);
	ck_assert_int_eq(date_days_in_month(2100, 2), 28);
	y = 2025;
	m = 11;
	date_add_months(&y, &m, 3);
	ck_assert_int_eq(y, 2026);
	ck_assert_int_eq(m, 2);
}
END_TEST

struct count_case {
	const char *s;
	double v;
	bool vague;
};

static const struct count_case count_cases[] = {
	{"eight", 8, false}, {"twenty-four", 24, false}, {"a", 1, false}, {"an", 1, false},
	{"a couple of", 2, false}, {"2 1/2", 2.5, false}, {"several", 0, true},
	{"a few", 0, true}, {"a hundred", 100, false}, {"half an", 0.5, false}, {"a dozen", 12, false},
};

START_TEST(test_count)
{
	const struct count_case *c = &count_cases[_i];
	double v = -1;
	bool vague = !c->vague;
	ck_assert(date_parse_count(c->s, strlen(c->s), &v, &vague));
	ck_assert_int_eq(vague, c->vague);
	ck_assert_msg(v == c->v, "'%s' -> %g, want %g", c->s, v, c->v);
}
END_TEST

/* Counts and ordinals past DATE_MAX_COUNT are refused, so the calendar
 * arithmetic on them cannot overflow (UBSan found "-1 * INT_MIN" from a
 * 10-digit count of years in a mutated news text). */
START_TEST(test_count_limits)
{
	double v;
	bool vague;
	int o;
	ck_assert(!date_parse_count("2147483648", 10, &v, &vague));
	ck_assert(!date_parse_count("1e999", 5, &v, &vague));
	ck_assert(date_parse_count("1000000", 7, &v, &vague) && v == DATE_MAX_COUNT);
	ck_assert(!date_parse_ordinal("99999999999th", 13, &o));
	/* months before year 0 stay in 1..12 */
	int y = 2025, m = 5;
	date_add_months(&y, &m, -1000000);
	ck_assert(m >= 1 && m <= 12);
	ck_assert_int_eq(y * 12 + m - 1, 2025 * 12 + 4 - 1000000);
	/* whole documents with such numbers: no crash, no overflow; the first
	 * four have no length at all, the last two a length far in the past */
	static const char *const texts[] = {
		"The rock formed 2147483648 years ago, the survey said.",
		"The fund will close in 99999999999 years, it said on Monday.",
		"Over the past 4294967296 centuries the coast moved.",
		"He returned 1e999 days later.",
		"Sea levels changed over the past 1000000 months.",
		"Ice covered it for the past 999999 centuries.",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct arena *ar;
		struct document *doc = tu_extract(texts[i], "2025-05-24", &ar);
		ck_assert_int_eq(doc->error, 0);
		if (i < 4)
			ck_assert_uint_eq(tu_count(doc, MT_DURATION), 0);
		arena_free(ar);
	}
}
END_TEST

/* Start-word narrowing (date.c): the rows tried at a gate word are narrowed
 * by the character after it (after white space, or a punctuation mark glued
 * to it), and after words that start many rows by the next two letters.  Each row here starts at such a word and must still be found, with
 * its type and span; values are the resolution's business, tested above. */
struct start_case {
	const char *text;
	enum mention_type type;
	const char *span;
};

static const struct start_case start_cases[] = {
	{"Talks resumed in July.", MT_DATE, "July"},
	{"Exports rose in May!", MT_DATE, "May"},
	{"The report (due in September) was late.", MT_DATE, "September"},
	{"The deal closed on May 5.", MT_DATE, "May 5"},
	{"Sales fell in June 2022, the report said.", MT_DATE, "June 2022"},
	{"The vote was held on Friday, officials said.", MT_DATE, "Friday"},
	{"They met on Thursday; talks went on.", MT_DATE, "Thursday"},
	{"Trading resumes Tuesday: markets are calm.", MT_DATE, "Tuesday"},
	{"Shares fell on Wednesday?", MT_DATE, "Wednesday"},
	{"He said the deal closes \"today\" as planned.", MT_DATE, "today"},
	{"He arrived yesterday, aides said.", MT_DATE, "yesterday"},
	{"Profits rose last year.", MT_DATE, "last year"},
	{"The plant will reopen next week.", MT_DATE, "next week"},
	{"Sales grew in the fourth quarter.", MT_DATE, "the fourth quarter"},
	{"Prices rose for the year.", MT_DATE, "the year"},
	{"Talks resumed the following day.", MT_DATE, "the following day"},
	{"Sales rose late last year.", MT_DATE, "late last year"},
	{"Prices fell at the end of the year.", MT_DATE, "the end of the year"},
	{"Rain fell early this morning.", MT_TIME, "early this morning"},
	{"The fund grew over the past three years.", MT_DURATION, "the past three years"},
	{"The talks lasted three years.", MT_DURATION, "three years"},
	{"It rained all day.", MT_DURATION, "all day"},
	/* the first tests of mark_candidates (date.c: first_kind, word_bits):
	 * a one-letter gate word, "am"/"pm" (a class with no gate word), upper
	 * case, a possessive, an abbreviation, separators and quotes before
	 * digits.  A word the filter wrongly drops loses its row here. */
	{"A year ago the plant closed.", MT_DATE, "A year ago"},
	{"The plant closed a year ago.", MT_DATE, "a year ago"},
	{"The shop opens at 9 am and closes at 5 pm daily.", MT_TIME, "9 am"},
	{"The shop opens at 9 AM sharp.", MT_TIME, "9 AM"},
	{"The final was held in MARCH 2020.", MT_DATE, "MARCH 2020"},
	{"He arrived on Monday's flight.", MT_DATE, "Monday"},
	{"The U.S. economy grew in the third quarter.", MT_DATE, "the third quarter"},
	{"The vote is on 5/16 in the capital.", MT_DATE, "5/16"},
	{"It happened at 10:30 on Friday.", MT_TIME, "10:30 on Friday"},
	{"The index fell 2.5% over the past 12 months.", MT_DURATION, "the past 12 months"},
	{"They met in the '90s.", MT_DATE, "the '90s"},
};

START_TEST(test_start_case)
{
	const struct start_case *c = &start_cases[_i];
	struct arena *a;
	struct document *doc = tu_extract(c->text, PUB, &a);
	ck_assert_msg(tu_find(doc, c->type, c->span), "row %d: no %s '%s' in \"%s\"", _i,
	              mention_type_name(c->type), c->span, c->text);
	arena_free(a);
}
END_TEST

static Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("cases");
	tcase_add_loop_test(tc, test_date_case, 0, (int)ARRAY_SIZE(date_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("traps");
	tcase_add_loop_test(tc, test_trap, 0, (int)ARRAY_SIZE(trap_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("start words");
	tcase_add_loop_test(tc, test_start_case, 0, (int)ARRAY_SIZE(start_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("resolution");
	tcase_add_loop_test(tc, test_unresolved, 0, (int)ARRAY_SIZE(unresolved_cases));
	tcase_add_test(tc, test_discourse_anchor);
	tcase_add_test(tc, test_evidence_and_interval);
	suite_add_tcase(s, tc);
	tc = tcase_create("helpers");
	tcase_add_test(tc, test_calendar);
	tcase_add_loop_test(tc, test_count, 0, (int)ARRAY_SIZE(count_cases));
	tcase_add_test(tc, test_count_limits);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(date_suite());
}
