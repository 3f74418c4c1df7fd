/* mention.h: a mention is one typed span with an optional normalized value.
 * Ownership: the list and every string a mention points to live in the
 * document's arena; `source`, `rule` and evidence strings may also be static.
 * Mentions link to each other by byte offset (equivalent_of, anchor_start),
 * never by index, so links survive the resolver's reordering. */
#ifndef EXTRACTD_MENTION_H
#define EXTRACTD_MENTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct document;

/* Mention types: enum suffix and the lower-case API name. */
#define MENTION_TYPES(X)        \
	X(PERSON, "person")         \
	X(ORGANIZATION, "organization") \
	X(LOCATION, "location")     \
	X(DATE, "date")             \
	X(TIME, "time")             \
	X(DURATION, "duration")     \
	X(SET, "set")               \
	X(MONEY, "money")           \
	X(PERCENT, "percent")       \
	X(QUANTITY, "quantity")     \
	X(NOMINAL, "nominal")       /* "the ministry": see nominal.h */

enum mention_type {
#define X(e, s) MT_##e,
	MENTION_TYPES(X)
#undef X
	MT__COUNT
};

const char *mention_type_name(enum mention_type t);
/* Parse an API type name ("money"); false if unknown. */
bool mention_type_parse(const char *s, enum mention_type *t);

#define NO_LINK UINT32_MAX

/* Money: {"amount", "currency"} plus range, modifier and equivalence. */
struct money_value {
	double amount;            /* the (lower) amount in main units */
	double amount_max;        /* upper end when is_range */
	bool is_range;
	bool currency_defaulted;  /* currency came from the configured default */
	char currency[4];         /* ISO 4217 code, "" when unknown */
	const char *currency_text;/* the currency as written ("US$", "yen"), or NULL */
	const char *modifier;     /* "about", "more than", ... as written, or NULL */
	const char *mod;          /* normalized modifier: APPROX, MORE_THAN, LESS_THAN, ... */
	uint32_t equivalent_of;   /* start offset of the mention this restates, or NO_LINK */
};

/* Percent: 25% -> 25; "2.5 percentage points" sets points. */
struct percent_value {
	double value, value_max;
	bool is_range;
	bool points;
	const char *modifier, *mod;
};

/* Quantity: a counted or measured amount ("24,000 people", "5 km"). */
struct quantity_value {
	double amount;
	const char *unit;
	const char *modifier, *mod;
};

/* Temporal value (TIMEX3). */
struct timex_value {
	const char *value;        /* TIMEX3 value: "2025-05-21", "P3Y", "XXXX-WXX-1", "PRESENT_REF" */
	const char *granularity;  /* "day", "month", "year", "week", "quarter", "time", ... or NULL */
	const char *mod;          /* TIMEX3 mod: "MORE_THAN", "START", "APPROX", ... or NULL */
	const char *begin, *end;  /* interval as ISO dates/times when known, else NULL */
	const char *anchor;       /* "published", "mention", "none", or NULL for absolute */
	uint32_t anchor_start;    /* start offset of the anchoring mention, or NO_LINK */
	const char *quant, *freq; /* SET attributes, or NULL */
	bool unresolved;          /* relative but no anchor available */
};

/* Knowledge-base link from a gazetteer entry. */
struct kb_link {
	const char *kb_id;        /* Wikidata Q-id or NULL */
	const char *canonical;    /* canonical name */
	const char *list;         /* gazetteer list name */
	double prior;
};

enum mention_value_kind {
	MV_NONE,
	MV_MONEY,
	MV_PERCENT,
	MV_QUANTITY,
	MV_TIMEX,
};

struct mention {
	uint32_t start, end;      /* byte span in doc->text */
	uint8_t type;             /* enum mention_type */
	uint8_t kind;             /* enum mention_value_kind: which of v is set */
	uint16_t priority;        /* resolver precedence, see resolver.h */
	float score;              /* confidence 0..1 */
	uint32_t id;              /* 1-based, assigned after resolution; 0 before */
	const char *source;       /* "pattern:money", "gazetteer:cities", ... */
	const char *rule;         /* rule name, for explain mode; may be NULL */
	union {
		struct money_value money;
		struct percent_value percent;
		struct quantity_value quantity;
		struct timex_value timex;
	} v;
	struct kb_link link;      /* kb_id NULL when unlinked */
	const char **evidence;    /* nevidence strings, for explain mode */
	uint16_t nevidence;
	bool dropped;             /* set by the resolver for losers */
	const char *beaten_by;    /* explain: the rule/source that won over this */
	uint32_t entity;          /* 1-based index into doc->entities, 0 = none */
};

struct mention_list {
	struct mention *v;
	size_t n, cap;
	size_t max;               /* limit; 0 = none */
};

/* Append a zeroed mention of type t spanning [start,end) with the given source.
 * Returns NULL (and records -EXT_E_TOO_COMPLEX or -EXT_E_NOMEM on doc) when the
 * mention limit or the arena cap is reached.  The pointer is valid until the
 * next mention_add on the same document. */
struct mention *mention_add(struct document *doc, enum mention_type t, uint32_t start,
                            uint32_t end, const char *source);

/* Attach one evidence string (copied into the arena) when doc->explain is set;
 * a no-op otherwise.  Returns 0 or -EXT_E_NOMEM. */
int mention_add_evidence(struct document *doc, struct mention *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Find the kept mention that starts at byte offset start, or NULL. */
const struct mention *mention_find_start(const struct document *doc, uint32_t start);

#endif
