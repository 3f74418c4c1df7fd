/* test-money.c: the money and percent extractor and the currency lookup.
 * Table-driven: each row is one sentence and one expected mention (or none),
 * run through the whole engine with tu_extract. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "currency.h"
#include "document.h"
#include "engine.h"
#include "errors.h"
#include "extractor.h"
#include "mention.h"
#include "resolver.h"
#include "testutil.h"
#include "util.h"

#define NONE NULL

struct money_case {
	const char *text;
	const char *span;       /* expected money mention text; NULL: no money at all */
	double amount;
	const char *currency;   /* ISO code, "" for none */
	double amount_max;      /* 0 unless a range */
	const char *modifier;   /* as written, or NULL */
	const char *mod;        /* normalized, or NULL */
	bool defaulted;         /* currency_defaulted */
	const char *equiv_of;   /* text of the mention this one restates, or NULL */
};

static const struct money_case money_cases[] = {
	/* symbols and prefixed symbols */
	{"The bill came to $12.50 in the end.", "$12.50", 12.5, "USD", 0, NONE, NONE, true, NONE},
	{"Shares fell to US$3.10 on Friday.", "US$3.10", 3.1, "USD", 0, NONE, NONE, false, NONE},
	{"The flat sold for HK$8.2 million last week.", "HK$8.2 million", 8.2e6, "HKD", 0, NONE, NONE, false, NONE},
	{"Tickets cost S$45 each.", "S$45", 45, "SGD", 0, NONE, NONE, false, NONE},
	{"The miner raised A$300m from investors.", "A$300m", 3e8, "AUD", 0, NONE, NONE, false, NONE},
	{"A C$2 billion pipeline was approved.", "C$2 billion", 2e9, "CAD", 0, NONE, NONE, false, NONE},
	{"The chip plant got NT$90 billion in loans.", "NT$90 billion", 9e10, "TWD", 0, NONE, NONE, false, NONE},
	{"Brazil spent R$1.2 trillion on pensions.", "R$1.2 trillion", 1.2e12, "BRL", 0, NONE, NONE, false, NONE},
	{"The ticket was ¥3,000 at the door.", "¥3,000", 3000, "JPY", 0, NONE, NONE, false, NONE},
	{"Toyota booked ¥2.5tn in profit.", "¥2.5tn", 2.5e12, "JPY", 0, NONE, NONE, false, NONE},
	{"Nintendo earned JP¥1.2 trillion.", "JP¥1.2 trillion", 1.2e12, "JPY", 0, NONE, NONE, false, NONE},
	{"Fines reached €4.3bn this year.", "€4.3bn", 4.3e9, "EUR", 0, NONE, NONE, false, NONE},
	{"The club paid £60m for the striker.", "£60m", 6e7, "GBP", 0, NONE, NONE, false, NONE},
	{"Samsung set aside ₩1.5 trillion for bonuses.", "₩1.5 trillion", 1.5e12, "KRW", 0, NONE, NONE, false, NONE},
	{"The scheme costs ₹500 crore a year.", "₹500 crore", 5e9, "INR", 0, NONE, NONE, false, NONE},
	{"Gazprom lost ₽200bn in the quarter.", "₽200bn", 2e11, "RUB", 0, NONE, NONE, false, NONE},
	{"The fee is CHF 120 per night.", "CHF 120", 120, "CHF", 0, NONE, NONE, false, NONE},
	{"It was listed at CN¥ 99 online.", "CN¥ 99", 99, "CNY", 0, NONE, NONE, false, NONE},
	{"A meal costs 100 ₱ there.", "100 ₱", 100, "PHP", 0, NONE, NONE, false, NONE},
	{"The Mex$ 500 note is new.", "Mex$ 500", 500, "MXN", 0, NONE, NONE, false, NONE},
	{"Imports were worth RM 3.4 billion.", "RM 3.4 billion", 3.4e9, "MYR", 0, NONE, NONE, false, NONE},
	{"Petrol costs Rs 102 a litre.", "Rs 102", 102, "INR", 0, NONE, NONE, true, NONE},
	{"Lunch cost 20 $ with the tip.", "20 $", 20, "USD", 0, NONE, NONE, true, NONE},

	/* ISO codes before or after the number, glued, scaled codes */
	{"The fund holds USD 5m in cash.", "USD 5m", 5e6, "USD", 0, NONE, NONE, false, NONE},
	{"It raised 5 million USD last year.", "5 million USD", 5e6, "USD", 0, NONE, NONE, false, NONE},
	{"The contract is worth EUR 1.2bn.", "EUR 1.2bn", 1.2e9, "EUR", 0, NONE, NONE, false, NONE},
	{"Invoices total 250 usd per month.", "250 usd", 250, "USD", 0, NONE, NONE, false, NONE},
	{"Pay GBP350 up front.", "GBP350", 350, "GBP", 0, NONE, NONE, false, NONE},
	{"Budget: 90JPY per unit.", "90JPY", 90, "JPY", 0, NONE, NONE, false, NONE},
	{"The order was 40 USD million in total.", "40 USD million", 4e7, "USD", 0, NONE, NONE, false, NONE},
	{"Revenue reached 310 MEUR in 2023.", "310 MEUR", 3.1e8, "EUR", 0, NONE, NONE, false, NONE},
	{"Sales of kUSD 450 were booked.", "kUSD 450", 4.5e5, "USD", 0, NONE, NONE, false, NONE},
	{"The price is cad$ 30.", "cad$ 30", 30, "CAD", 0, NONE, NONE, false, NONE},
	{"the deal is worth hk $ 12 million .", "hk $ 12 million", 1.2e7, "HKD", 0, NONE, NONE, false, NONE},
	{"They paid us $ 40 for it.", "$ 40", 40, "USD", 0, NONE, NONE, true, NONE},
	{"Prices went to $ 9 a share.", "$ 9", 9, "USD", 0, NONE, NONE, true, NONE},

	/* currency words, singular and plural, multi-word names */
	{"The hackers took 58 billion yen from the exchange.", "58 billion yen", 5.8e10, "JPY", 0, NONE, NONE, false, NONE},
	{"He owed her 300 dollars.", "300 dollars", 300, "USD", 0, NONE, NONE, true, NONE},
	{"Exports brought in 2 billion US dollars.", "2 billion US dollars", 2e9, "USD", 0, NONE, NONE, false, NONE},
	{"A loan of 700 million euros was signed.", "700 million euros", 7e8, "EUR", 0, NONE, NONE, false, NONE},
	{"The estate was valued at 4 million pounds sterling.", "4 million pounds sterling", 4e6, "GBP", 0, NONE, NONE, false, NONE},
	{"Seoul pledged 800 billion won for chips.", "800 billion won", 8e11, "KRW", 0, NONE, NONE, true, NONE},
	{"The plant cost 12 billion yuan.", "12 billion yuan", 1.2e10, "CNY", 0, NONE, NONE, false, NONE},
	{"They invested 3 billion renminbi in the port.", "3 billion renminbi", 3e9, "CNY", 0, NONE, NONE, false, NONE},
	{"Farmers got 6,000 rupees each.", "6,000 rupees", 6000, "INR", 0, NONE, NONE, true, NONE},
	{"The bridge cost 1.1 billion ringgit.", "1.1 billion ringgit", 1.1e9, "MYR", 0, NONE, NONE, false, NONE},
	{"A room is 900 baht a night.", "900 baht", 900, "THB", 0, NONE, NONE, false, NONE},
	{"Each voter received 500 pesos.", "500 pesos", 500, "MXN", 0, NONE, NONE, true, NONE},
	{"The deal is worth 20 million Hong Kong dollars.", "20 million Hong Kong dollars", 2e7, "HKD", 0, NONE, NONE, false, NONE},
	{"Bread now costs 15 Turkish lira.", "15 Turkish lira", 15, "TRY", 0, NONE, NONE, false, NONE},
	{"He sold it for 50 quid.", "50 quid", 50, "GBP", 0, NONE, NONE, false, NONE},
	{"They made 40 bucks on it.", "40 bucks", 40, "USD", 0, NONE, NONE, true, NONE},
	{"The museum paid 80,000 Swiss francs.", "80,000 Swiss francs", 80000, "CHF", 0, NONE, NONE, false, NONE},
	{"He was paid 9 million Norwegian kroner.", "9 million Norwegian kroner", 9e6, "NOK", 0, NONE, NONE, false, NONE},

	{"Repsol rose 65 pesetas to 4,150.", "65 pesetas", 65, "ESP", 0, NONE, NONE, false, NONE},
	{"The fine was 2 million lire.", "2 million lire", 2e6, "ITL", 0, NONE, NONE, false, NONE},
	{"It cost 40 million German marks.", "40 million German marks", 4e7, "DEM", 0, NONE, NONE, false, NONE},

	/* spelled-out numbers and fractions */
	{"The prize was two million dollars.", "two million dollars", 2e6, "USD", 0, NONE, NONE, true, NONE},
	{"They wanted a billion yen for it.", "a billion yen", 1e9, "JPY", 0, NONE, NONE, false, NONE},
	{"The house sold for half a million pounds.", "half a million pounds", 5e5, "GBP", 0, NONE, NONE, true, NONE},
	{"It costs twenty-five dollars.", "twenty-five dollars", 25, "USD", 0, NONE, NONE, true, NONE},
	{"She spent three hundred and forty euros.", "three hundred and forty euros", 340, "EUR", 0, NONE, NONE, false, NONE},
	{"A quarter million dollars went missing.", "A quarter million dollars", 2.5e5, "USD", 0, NONE, NONE, true, NONE},
	{"The fund needs one and a half billion euros.", "one and a half billion euros", 1.5e9, "EUR", 0, NONE, NONE, false, NONE},
	{"The bonds pay 35 lakh rupees.", "35 lakh rupees", 3.5e6, "INR", 0, NONE, NONE, true, NONE},

	/* sub-units and compounds */
	{"A stamp costs 50 cents now.", "50 cents", 0.5, "USD", 0, NONE, NONE, true, NONE},
	{"The shares closed at 412 pence.", "412 pence", 4.12, "GBP", 0, NONE, NONE, false, NONE},
	{"Milk now costs 95p a pint.", "95p", 0.95, "GBP", 0, NONE, NONE, false, NONE},
	{"The rebate is 30 sen per unit.", "30 sen", 0.3, "", 0, NONE, NONE, false, NONE},
	{"It was a 15-cent increase.", "15-cent", 0.15, "USD", 0, NONE, NONE, true, NONE},
	{"The toll is twelve dollars and fifty cents.", "twelve dollars and fifty cents", 12.5, "USD", 0, NONE, NONE, true, NONE},
	{"Entry is 8 dollars 75.", "8 dollars 75", 8.75, "USD", 0, NONE, NONE, true, NONE},
	{"She paid ten pounds fifty for lunch.", "ten pounds fifty", 10.5, "GBP", 0, NONE, NONE, true, NONE},
	{"It sold for 5 dollars 20 years ago.", "5 dollars", 5, "USD", 0, NONE, NONE, true, NONE},
	{"they offered rs 500 for the book", "rs 500", 500, "INR", 0, NONE, NONE, true, NONE},

	{"A pencil costs 40c at the kiosk.", "40c", 0.4, "USD", 0, NONE, NONE, true, NONE},
	{"Gum is 75¢ a pack.", "75¢", 0.75, "USD", 0, NONE, NONE, true, NONE},
	{"Rent is Rs.12,000 a month.", "Rs.12,000", 12000, "INR", 0, NONE, NONE, true, NONE},
	{"Fares rose to 3 cad per ride.", "3 cad", 3, "CAD", 0, NONE, NONE, false, NONE},

	{"The plan is a one point six billion dollar program.", "one point six billion dollar", 1.6e9, "USD", 0, NONE, NONE, true, NONE},
	{"Its debt of 130.2 million euros was rolled over.", "130.2 million euros", 1.302e8, "EUR", 0, NONE, NONE, false, NONE},
	{"Each share pays 3 dlrs in cash.", "3 dlrs", 3, "USD", 0, NONE, NONE, true, NONE},
	{"A gift of 500 pounds went to the shelter.", "500 pounds", 500, "GBP", 0, NONE, NONE, true, NONE},

	{"Profit was #94.8 million last year.", "#94.8 million", 9.48e7, "GBP", 0, NONE, NONE, true, NONE},
	{"the loan was u.s. $ 5 million .", "u.s. $ 5 million", 5e6, "USD", 0, NONE, NONE, false, NONE},
	{"Shares rose to $ 20 3/4 yesterday.", "$ 20 3/4", 20.75, "USD", 0, NONE, NONE, true, NONE},
	{"the sale raised $ 1 . 5 billion .", "$ 1 . 5 billion", 1.5e9, "USD", 0, NONE, NONE, true, NONE},

	/* ranges */
	{"Repairs will cost $5-10 million.", "$5-10 million", 5e6, "USD", 1e7, NONE, NONE, true, NONE},
	{"Estimates run from $2 million to $4 million.", "$2 million to $4 million", 2e6, "USD", 4e6, NONE, NONE, true, NONE},
	{"Losses were between 3 and 4 billion yen.", "between 3 and 4 billion yen", 3e9, "JPY", 4e9, NONE, NONE, false, NONE},
	{"They seek 20 to 30 million euros.", "20 to 30 million euros", 2e7, "EUR", 3e7, NONE, NONE, false, NONE},
	{"It needs two to three million dollars.", "two to three million dollars", 2e6, "USD", 3e6, NONE, NONE, true, NONE},
	{"Bonuses of $500,000 to $1 million were paid.", "$500,000 to $1 million", 5e5, "USD", 1e6, NONE, NONE, true, NONE},
	{"Bids came in between $3 and $4 billion.", "between $3 and $4 billion", 3e9, "USD", 4e9, NONE, NONE, true, NONE},
	{"The index rose 500 to 12,300 rupees.", "12,300 rupees", 12300, "INR", 0, NONE, NONE, true, NONE},
	{"Last year's $2.3 billion was a record.", "$2.3 billion", 2.3e9, "USD", 0, NONE, NONE, true, NONE},

	/* modifiers: outside the span, kept and normalized */
	{"Thieves stole an estimated $3 million.", "$3 million", 3e6, "USD", 0, "an estimated", "APPROX", true, NONE},
	{"The firm lost more than €40m.", "€40m", 4e7, "EUR", 0, "more than", "MORE_THAN", false, NONE},
	{"It paid about 900 million yen.", "900 million yen", 9e8, "JPY", 0, "about", "APPROX", false, NONE},
	{"Prices rose nearly £2 a bottle.", "£2", 2, "GBP", 0, "nearly", "LESS_THAN", false, NONE},
	{"Fines of up to $10,000 apply.", "$10,000", 1e4, "USD", 0, "up to", "EQUAL_OR_LESS", true, NONE},
	{"The estate is worth over $1bn.", "$1bn", 1e9, "USD", 0, "over", "MORE_THAN", true, NONE},
	{"Each family gets at least 200 euros.", "200 euros", 200, "EUR", 0, "at least", "EQUAL_OR_MORE", false, NONE},
	{"The drive raised some $45,000.", "$45,000", 45000, "USD", 0, "some", "APPROX", true, NONE},
	{"It costs roughly 70 Swiss francs.", "70 Swiss francs", 70, "CHF", 0, "roughly", "APPROX", false, NONE},
	{"He made less than $5 an hour.", "$5", 5, "USD", 0, "less than", "LESS_THAN", true, NONE},

	/* paired amounts */
	{"The group stole 20 billion yen (US$150 million) in 2019.", "US$150 million", 1.5e8, "USD", 0, NONE, NONE, false, "20 billion yen"},
	{"The group stole 20 billion yen (US$150 million) in 2019.", "20 billion yen", 2e10, "JPY", 0, NONE, NONE, false, NONE},
	{"The club received €5m ($5.4m) for him.", "$5.4m", 5.4e6, "USD", 0, NONE, NONE, true, "€5m"},
	{"Sales were £3bn (US$3.8bn) last year.", "US$3.8bn", 3.8e9, "USD", 0, NONE, NONE, false, "£3bn"},
	{"Costs hit 1.2 billion rupees (about $14.5 million).", "$14.5 million", 1.45e7, "USD", 0, "about", "APPROX", true, "1.2 billion rupees"},

	/* not money */
	{"The company was founded in 1998 and moved in 2004.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Call 555-0142 or 020 7946 0958 for details.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"The meeting is in Room 101 on the third floor.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Type the $ sign before the amount.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Airbus delivered an A380 and Lockheed an F-35.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"A lone $ appears in the text.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"The US and Japan met on 5 May 2024.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Follow #100days for updates.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"The dollar fell against the yen on Monday.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"The video streams at 720p and 1080p.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Shares rose to $ after the bell.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"All 70 of the staff were told.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Give us 5 minutes and send the top 10 names.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"The crowd passed the 10,000 mark on day two.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"He wore number 23 and won 3 titles.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"TOP 10 GADGETS OF THE YEAR", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"The single went to #1 in May.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Costs are shown in 2015 dollars.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"It ended in 2019. 5 people left.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"The boxer weighs 210 pounds.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Police seized 20 kg (44 pounds) of cocaine.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"They found 900 pounds (408 kg) of explosives.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"A 300-pound lineman signed.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Third place: 7 Satoshi Tanaka (Japan).", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"Santos 2 Guarani 1 in the late game.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"It was 40C in the shade.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
	{"They try 3 times and mad 5 people.", NULL, 0, NONE, 0, NONE, NONE, false, NONE},
};

static const struct mention *find_money(const struct document *doc, const char *span)
{
	return tu_find(doc, MT_MONEY, span);
}

START_TEST(test_money_case)
{
	const struct money_case *c = &money_cases[_i];
	struct arena *a;
	struct document *doc = tu_extract(c->text, NULL, &a);
	if (!c->span) {
		for (size_t i = 0; i < doc->mentions.n; i++) {
			const struct mention *m = &doc->mentions.v[i];
			ck_assert_msg(m->type != MT_MONEY, "row %d: unexpected money \"%s\" in \"%s\"", _i,
			              tu_text(doc, m), c->text);
		}
		arena_free(a);
		return;
	}
	const struct mention *m = find_money(doc, c->span);
	if (!m) {
		char got[512] = "";
		size_t len = 0;
		for (size_t i = 0; i < doc->mentions.n && len < sizeof(got) - 80; i++)
			len += (size_t)snprintf(got + len, sizeof(got) - len, " [%s:%s]",
			                        mention_type_name(doc->mentions.v[i].type),
			                        tu_text(doc, &doc->mentions.v[i]));
		ck_abort_msg("row %d: no money \"%s\" in \"%s\"; got%s", _i, c->span, c->text, got);
	}
	const struct money_value *v = &m->v.money;
	ck_assert_int_eq(m->kind, MV_MONEY);
	ck_assert_str_eq(m->source, "pattern:money");
	ck_assert_int_eq(m->priority, PRIO_NUMERIC);
	ck_assert_msg(fabs(v->amount - c->amount) <= 1e-9 * fabs(c->amount) + 1e-12,
	              "row %d: amount %.10g, want %.10g", _i, v->amount, c->amount);
	ck_assert_str_eq(v->currency, c->currency);
	ck_assert_msg(v->currency_defaulted == c->defaulted, "row %d: currency_defaulted %d", _i,
	              v->currency_defaulted);
	if (c->amount_max > 0) {
		ck_assert_msg(v->is_range, "row %d: not a range", _i);
		ck_assert_msg(fabs(v->amount_max - c->amount_max) <= 1e-9 * c->amount_max,
		              "row %d: amount_max %.10g, want %.10g", _i, v->amount_max, c->amount_max);
	} else {
		ck_assert_msg(!v->is_range, "row %d: unexpected range", _i);
	}
	if (c->modifier) {
		ck_assert_ptr_nonnull(v->modifier);
		ck_assert_str_eq(v->modifier, c->modifier);
		ck_assert_str_eq(v->mod, c->mod);
	} else {
		ck_assert_ptr_null(v->modifier);
		ck_assert_ptr_null(v->mod);
	}
	if (c->equiv_of) {
		const struct mention *first = find_money(doc, c->equiv_of);
		ck_assert_msg(first != NULL, "row %d: no \"%s\"", _i, c->equiv_of);
		ck_assert_uint_eq(v->equivalent_of, first->start);
	} else {
		ck_assert_uint_eq(v->equivalent_of, NO_LINK);
	}
	ck_assert_ptr_nonnull(v->currency_text);
	/* explain mode names the currency row that decided */
	ck_assert_uint_ge(m->nevidence, 1);
	ck_assert_msg(strncmp(m->evidence[0], "currency ", 9) == 0, "evidence \"%s\"", m->evidence[0]);
	arena_free(a);
}
END_TEST

struct percent_case {
	const char *text;
	const char *span;       /* NULL: no percent mention */
	double value, value_max;
	bool points;
	const char *mod;
};

static const struct percent_case percent_cases[] = {
	{"Turnout was 25% this time.", "25%", 25, 0, false, NULL},
	{"Prices rose 3.5 per cent in May.", "3.5 per cent", 3.5, 0, false, NULL},
	{"Support fell 12 percent.", "12 percent", 12, 0, false, NULL},
	{"The rate rose 2.5 percentage points.", "2.5 percentage points", 2.5, 0, true, NULL},
	{"Margins were 5-10% lower.", "5-10%", 5, 10, false, NULL},
	{"Growth of between 3 and 4 percent is likely.", "between 3 and 4 percent", 3, 4, false, NULL},
	{"Costs rose by about 8% overall.", "8%", 8, 0, false, "APPROX"},
	{"Rates could rise a quarter percent.", "a quarter percent", 0.25, 0, false, NULL},
	{"Nearly twenty percent said no.", "twenty percent", 20, 0, false, "LESS_THAN"},
	{"Sales were 40 in total.", NULL, 0, 0, false, NULL},
	{"The notes pay 6 3/8% a year.", "6 3/8%", 6.375, 0, false, NULL},
	{"Yields moved 5%-7% this year.", "5%-7%", 5, 7, false, NULL},
	{"Inflation was at least 4 per cent.", "4 per cent", 4, 0, false, "EQUAL_OR_MORE"},
	{"Room 101 is 40 metres long.", NULL, 0, 0, false, NULL},
};

START_TEST(test_percent_case)
{
	const struct percent_case *c = &percent_cases[_i];
	struct arena *a;
	struct document *doc = tu_extract(c->text, NULL, &a);
	if (!c->span) {
		ck_assert_uint_eq(tu_count(doc, MT_PERCENT), 0);
		arena_free(a);
		return;
	}
	const struct mention *m = tu_find(doc, MT_PERCENT, c->span);
	ck_assert_msg(m != NULL, "row %d: no percent \"%s\"", _i, c->span);
	ck_assert_int_eq(m->kind, MV_PERCENT);
	ck_assert_str_eq(m->source, "pattern:percent");
	ck_assert_double_eq_tol(m->v.percent.value, c->value, 1e-9);
	ck_assert(m->v.percent.is_range == (c->value_max > 0));
	if (c->value_max > 0)
		ck_assert_double_eq_tol(m->v.percent.value_max, c->value_max, 1e-9);
	ck_assert(m->v.percent.points == c->points);
	if (c->mod)
		ck_assert_str_eq(m->v.percent.mod, c->mod);
	else
		ck_assert_ptr_null(m->v.percent.mod);
	ck_assert_uint_eq(tu_count(doc, MT_MONEY), 0);
	arena_free(a);
}
END_TEST

struct lookup_case {
	const char *written;
	const char *code;       /* NULL: not a currency form */
	int kind;
	int flags;              /* flags that must be set */
};

static const struct lookup_case lookup_cases[] = {
	{"USD", "USD", CK_CODE, CF_PRE},
	{"usd", "USD", CK_CODE, CF_PRE},
	{"Usd", NULL, 0, 0},               /* codes: upper or all lower case only */
	{"ALL", "ALL", CK_CODE, 0},
	{"all", NULL, 0, 0},               /* English word, never a lower-case code */
	{"top", NULL, 0, 0},
	{"$", "USD", CK_SYMBOL, CF_DOLLAR},
	{"US$", "USD", CK_SYMBOL, CF_PRE},
	{"HK$", "HKD", CK_SYMBOL, 0},
	{"hk$", "HKD", CK_SYMBOL, 0},
	{"C$", "CAD", CK_SYMBOL, 0},
	{"¥", "JPY", CK_SYMBOL, 0},
	{"£", "GBP", CK_SYMBOL, 0},
	{"€", "EUR", CK_SYMBOL, 0},
	{"₩", "KRW", CK_SYMBOL, 0},
	{"yen", "JPY", CK_NAME, 0},
	{"Yen", "JPY", CK_NAME, 0},
	{"Japanese yen", "JPY", CK_NAME, 0},
	{"US dollars", "USD", CK_NAME, 0},
	{"dollar", "USD", CK_UNIT, CF_AMBIGUOUS},
	{"pounds", "GBP", CK_UNIT, CF_AMBIGUOUS},
	{"ringgit", "MYR", CK_UNIT, 0},
	{"cents", "USD", CK_MINOR, CF_DOLLAR},
	{"pence", "GBP", CK_MINOR, 0},
	{"Rs", "INR", CK_SYMBOL, CF_AMBIGUOUS},
	{"RM", "MYR", CK_SYMBOL, CF_CASE},
	{"rm", NULL, 0, 0},                /* letter symbols keep their case */
	{"mark", NULL, 0, 0},              /* "the 1,000 mark" */
	{"real", NULL, 0, 0},
	{"dinars", "", CK_UNIT, CF_AMBIGUOUS},
	{"greenbacks", "USD", CK_INFORMAL, 0},
	{"bitcoins", "", CK_UNIT, 0},
	{"dollarz", NULL, 0, 0},
};

START_TEST(test_currency_lookup)
{
	const struct lookup_case *c = &lookup_cases[_i];
	struct currency_index *ci = currency_index_new();
	ck_assert_ptr_nonnull(ci);
	const struct currency_form *f = currency_lookup(ci, c->written, strlen(c->written));
	if (!c->code) {
		ck_assert_msg(f == NULL, "\"%s\" found as %s", c->written, f ? f->form : "");
	} else {
		ck_assert_msg(f != NULL, "\"%s\" not found", c->written);
		ck_assert_str_eq(f->code, c->code);
		ck_assert_int_eq(f->kind, c->kind);
		ck_assert_int_eq(f->flags & c->flags, c->flags);
	}
	currency_index_free(ci);
}
END_TEST

/* Every row of the generated table is found again by its own form, and
 * phrase heads are recorded for multi-word forms. */
START_TEST(test_currency_table_roundtrip)
{
	struct currency_index *ci = currency_index_new();
	ck_assert_ptr_nonnull(ci);
	ck_assert_uint_gt(currency_forms_count, 500);
	for (size_t i = 0; i < currency_forms_count; i++) {
		const struct currency_form *row = &currency_forms[i];
		const struct currency_form *f = currency_lookup(ci, row->form, strlen(row->form));
		ck_assert_msg(f != NULL, "row %zu \"%s\" not found", i, row->form);
		ck_assert_str_eq(f->form, row->form);
		ck_assert(row->scale > 0);
		if (row->nwords > 1) {
			const char *sp = strchr(row->form, ' ');
			ck_assert(currency_is_phrase_head(ci, row->form, (size_t)(sp - row->form)));
		}
	}
	ck_assert_uint_ge(currency_max_words(ci), 3);
	currency_index_free(ci);
}
END_TEST

START_TEST(test_fold_hash)
{
	struct fold_hash *h = fold_hash_new(2);
	for (int i = 0; i < 200; i++) {
		char k[16];
		int n = snprintf(k, sizeof(k), "Key%d", i);
		ck_assert_int_eq(fold_hash_or(h, k, (size_t)n, (uint32_t)i + 1), 0);
	}
	ck_assert_uint_eq(fold_hash_get(h, "KEY42", 5), 43);
	ck_assert_uint_eq(fold_hash_get(h, "key199", 6), 200);
	ck_assert_uint_eq(fold_hash_get(h, "key200", 6), 0);
	ck_assert_int_eq(fold_hash_or(h, "key42", 5, 0x100), 0);
	ck_assert_uint_eq(fold_hash_get(h, "Key42", 5), 43 | 0x100);
	ck_assert_int_eq(fold_hash_or(h, "", 0, 1), -EXT_E_BAD_DATA);
	fold_hash_free(h);
	fold_hash_free(NULL);
}
END_TEST

/* A bare "$" follows engine_config.dollar_currency. */
START_TEST(test_dollar_currency_config)
{
	struct engine_config cfg;
	char err[256] = "";
	engine_config_defaults(&cfg);
	cfg.dollar_currency = "CAD";
	cfg.doc_budget_ms = 0;
	struct engine *e = engine_new(&cfg, err, sizeof(err));
	ck_assert_msg(e != NULL, "engine_new: %s", err);
	struct scratch *s = scratch_new(&cfg);
	struct arena *a = arena_new(0);
	const char *text = "Tim Hortons paid $40 million, or US$29 million.";
	int rc = 0;
	size_t bad = 0;
	struct document *doc = doc_new(a, text, strlen(text), &rc, &bad);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(engine_process(e, doc, s), 0);
	const struct mention *m = tu_find(doc, MT_MONEY, "$40 million");
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->v.money.currency, "CAD");
	ck_assert(m->v.money.currency_defaulted);
	m = tu_find(doc, MT_MONEY, "US$29 million");
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->v.money.currency, "USD");
	ck_assert(!m->v.money.currency_defaulted);
	arena_free(a);
	scratch_free(s);
	engine_unref(e);
}
END_TEST

/* Long input: every amount is found, spans stay in bounds. */
START_TEST(test_many_amounts)
{
	size_t n = 3000, cap = n * 40 + 1, len = 0;
	char *text = xmalloc(cap);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "It cost $%zu.%02zu million. ", i + 1,
		                        i % 100);
	struct arena *a;
	struct document *doc = tu_extract(text, NULL, &a);
	ck_assert_uint_eq(tu_count(doc, MT_MONEY), n);
	for (size_t i = 0; i < doc->mentions.n; i++)
		ck_assert_uint_le(doc->mentions.v[i].end, doc->len);
	arena_free(a);
	free(text);
}
END_TEST

/* ---- the walk around keys equals the walk over every lexeme ---- */

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_mention(const struct mention *a, const struct mention *b)
{
	if (a->start != b->start || a->end != b->end || a->type != b->type || a->kind != b->kind ||
	    a->score != b->score || !same_str(a->rule, b->rule) || a->nevidence != b->nevidence)
		return false;
	for (uint16_t i = 0; i < a->nevidence; i++)
		if (!same_str(a->evidence[i], b->evidence[i]))
			return false;
	if (a->kind == MV_MONEY) {
		const struct money_value *x = &a->v.money, *y = &b->v.money;
		return x->amount == y->amount && x->amount_max == y->amount_max &&
		       x->is_range == y->is_range && x->currency_defaulted == y->currency_defaulted &&
		       strcmp(x->currency, y->currency) == 0 && same_str(x->currency_text, y->currency_text) &&
		       same_str(x->modifier, y->modifier) && same_str(x->mod, y->mod) &&
		       x->equivalent_of == y->equivalent_of;
	}
	const struct percent_value *x = &a->v.percent, *y = &b->v.percent;
	return x->value == y->value && x->value_max == y->value_max && x->is_range == y->is_range &&
	       x->points == y->points && same_str(x->modifier, y->modifier) && same_str(x->mod, y->mod);
}

/* Run money on text twice: as the pipeline does (lexing only around the keys
 * found in doc->tokens) and with the tokens hidden (the reference walk over
 * every lexeme); the mentions must be the same, field by field. */
static void check_same_as_reference(const char *text)
{
	const struct extractor *x = NULL;
	for (size_t i = 0; extractor_table[i]; i++)
		if (strcmp(extractor_table[i]->name, "money") == 0)
			x = extractor_table[i];
	ck_assert_ptr_nonnull(x);
	const void *state = engine_extractor_state(tu_engine(), "money");
	struct arena *a;
	struct document *doc = tu_tokenize(text, &a);
	doc->explain = true;
	ck_assert_int_eq(x->run(state, doc, NULL), 0);  /* money keeps no scratch state */
	size_t n = doc->mentions.n;
	struct mention *keyed = xmalloc((n + 1) * sizeof(*keyed));
	if (n)
		memcpy(keyed, doc->mentions.v, n * sizeof(*keyed));
	size_t ntokens = doc->ntokens;
	doc->mentions.n = 0;
	doc->ntokens = 0;
	ck_assert_int_eq(x->run(state, doc, NULL), 0);
	doc->ntokens = ntokens;
	ck_assert_msg(doc->mentions.n == n, "%zu mentions around keys, %zu walking every lexeme in: %s",
	              n, doc->mentions.n, text);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(same_mention(&keyed[i], &doc->mentions.v[i]), "mention %zu differs in: %s", i,
		              text);
	free(keyed);
	arena_free(a);
}

START_TEST(test_keys_same_as_reference_cases)
{
	/* lexemes the tokenizer splits differently: a dotted word after a hyphen
	 * (tokens "one-u", ".", "s", "."), "Rs." before digits, a glued chunk */
	static const char *const odd[] = {
		"He paid one-u.s. dollars thousand for it.",
		"It cost 5 x-U.S. dollars.",
		"They offered Rs.5,000 and Rs 20.",
		"$1$2$3-4%5%US$6",
	};
	for (size_t i = 0; i < ARRAY_SIZE(odd); i++)
		check_same_as_reference(odd[i]);
	for (size_t i = 0; i < ARRAY_SIZE(money_cases); i++)
		check_same_as_reference(money_cases[i].text);
	for (size_t i = 0; i < ARRAY_SIZE(percent_cases); i++)
		check_same_as_reference(percent_cases[i].text);
}
END_TEST

/* Random texts from pieces that stress the walk: keys of every kind, what may
 * come before a key (numbers, number words, range links, modifiers, spaced
 * prefixes), context words, tokens the lexer splits, odd spacing. */
START_TEST(test_keys_same_as_reference_random)
{
	static const char *const pieces[] = {
		"$", "US$", "HK$", "C", "€", "£", "¥", "₹", "#", "%", "％", "percent", "per", "cent", "pct",
		"percentage", "points", "point", "5", "10", "1,000", "2.5", "3", "2015", "20", "3/4", "1",
		".", "-", "–", "to", "and", "between", "about", "more", "than", "up", "a", "an", "maximum",
		"of", "as", "much", "at", "least", "in", "excess", "some", "nearly", "million", "billion",
		"bn", "m", "k", "thousand", "hundred", "lakh", "half", "quarter", "one", "two", "twenty",
		"seventeen", "dollars", "yen", "euros", "pounds", "pence", "p", "cents", "rupees", "Rs",
		"Rs.", "rs", "USD", "usd", "MEUR", "kUSD", "won", "Hong", "Kong", "New", "Zealand", "US",
		"U.S.", "u.s.", "sterling", "kuai", "weighs", "kg", "(", ")", ",", "the", "said", "Satoshi",
		"constant", "for", "A380", "F-35", "twenty-five", "12-cent", "year's", "Inc.", "Mex$",
		"mxn$", "TEN$", "ALL", "all", "\xc2\xa0", "’", "\"", "/", "New Zealand dollars",
		"U.S. dollars", "Swiss francs", "per cent", "Rs.5,000", "USD5", "$5-10m", "50p", "720p",
		"u", "s", "S", ".", "-", "one-", "u.s", "St", ".5", "café",
	};
	char buf[1024];
	uint64_t r = 88172645463325252ull;
	for (int it = 0; it < 20000; it++) {
		size_t len = 0;
		r ^= r << 13, r ^= r >> 7, r ^= r << 17;
		int np = 1 + (int)(r % 40);
		for (int p = 0; p < np; p++) {
			r ^= r << 13, r ^= r >> 7, r ^= r << 17;
			const char *pc = pieces[r % ARRAY_SIZE(pieces)];
			size_t pl = strlen(pc);
			if (len + pl + 3 >= sizeof(buf))
				break;
			memcpy(buf + len, pc, pl);
			len += pl;
			switch ((r >> 32) % 8) {
			case 0: case 1: case 2: case 3: buf[len++] = ' '; break;
			case 5: buf[len++] = '\n'; break;
			case 6: memcpy(buf + len, "\xc2\xa0", 2); len += 2; break;
			default: break;  /* glued */
			}
		}
		buf[len] = '\0';
		check_same_as_reference(buf);
	}
}
END_TEST

/* Unchecked fixture: runs in the parent, so every forked row starts with the
 * engine already loaded instead of loading it again. */
static void load_engine(void)
{
	tu_engine();
}

static Suite *money_suite(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("money");
	tcase_add_unchecked_fixture(tc, load_engine, NULL);
	tcase_add_loop_test(tc, test_money_case, 0, (int)ARRAY_SIZE(money_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("percent");
	tcase_add_unchecked_fixture(tc, load_engine, NULL);
	tcase_add_loop_test(tc, test_percent_case, 0, (int)ARRAY_SIZE(percent_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("currency");
	tcase_add_unchecked_fixture(tc, load_engine, NULL);
	tcase_add_loop_test(tc, test_currency_lookup, 0, (int)ARRAY_SIZE(lookup_cases));
	tcase_add_test(tc, test_currency_table_roundtrip);
	tcase_add_test(tc, test_fold_hash);
	tcase_add_test(tc, test_dollar_currency_config);
	tcase_add_test(tc, test_many_amounts);
	suite_add_tcase(s, tc);
	tc = tcase_create("reference");
	tcase_add_unchecked_fixture(tc, load_engine, NULL);
	tcase_add_test(tc, test_keys_same_as_reference_cases);
	tcase_add_test(tc, test_keys_same_as_reference_random);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(money_suite());
}
