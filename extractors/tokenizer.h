/* tokenizer.h: splits a document into tokens and sentences, news-text aware.
 * Tokens are (start, end, type, flags) byte spans into doc->text, never copies.
 * Both arrays live in the document's arena.
 *
 * Token rules (see tokenizer.c for the why):
 *  - words: letters/digits with internal hyphens and apostrophes (' and ’):
 *    "Hinata-Yamaguchi", "O'Brien", "University’s" is one word token; the
 *    possessive is marked with TF_POSSESSIVE and tok_possessive_len() gives its length.
 *  - abbreviations keep their period: "U.S.", "Inc.", "Mr.", "Gen.", initials "J.".
 *  - numbers: "24,000", "443.2", "1,234.56", ".5" stay one token.
 *  - currency: a Unicode currency symbol is its own TOK_SYMBOL token, and an
 *    upper-case prefix glued to '$' joins it: "US$", "HK$", "NT$", "R$", "C$".
 *  - everything else printable is one TOK_PUNCT token per code point.
 * Sentences split after . ! ? … (plus closing quotes/brackets) when the next
 * token can start a sentence, never after abbreviations, initials or inside
 * numbers; a blank line always splits, a single newline splits unless the next
 * line starts in lower case. */
#ifndef EXTRACTD_TOKENIZER_H
#define EXTRACTD_TOKENIZER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct document;

enum tok_type {
	TOK_WORD,
	TOK_NUMBER,
	TOK_SYMBOL,  /* currency symbol, possibly prefixed: $, US$, €, ¥ */
	TOK_PUNCT,
};

enum tok_flag {
	TF_SPACE_BEFORE   = 1 << 0,  /* whitespace (or start of text) before */
	TF_NEWLINE_BEFORE = 1 << 1,  /* a line break in the whitespace before */
	TF_CAP            = 1 << 2,  /* first letter upper case */
	TF_ALLCAPS        = 1 << 3,  /* every letter upper case (>= 1 letter) */
	TF_LOWER          = 1 << 4,  /* first letter lower case */
	TF_SENT_START     = 1 << 5,  /* first token of its sentence */
	TF_ABBREV         = 1 << 6,  /* word includes an abbreviation period */
	TF_HAS_DIGIT      = 1 << 7,  /* word with a digit in it ("F-35", "7-Eleven") */
	TF_HYPHEN         = 1 << 8,  /* internal hyphen */
	TF_APOS           = 1 << 9,  /* internal apostrophe */
	TF_POSSESSIVE     = 1 << 10, /* ends in 's / ’s / s' */
	TF_DECIMAL        = 1 << 11, /* number with a decimal point */
	TF_GROUPED        = 1 << 12, /* number with thousands separators */
	TF_BLANK_BEFORE   = 1 << 13, /* a blank line before (paragraph start) */
};

struct token {
	uint32_t start, end;  /* byte span in doc->text, end exclusive */
	uint16_t flags;       /* enum tok_flag bits */
	uint8_t type;         /* enum tok_type */
	uint8_t pad;
};

struct sentence {
	uint32_t start, end;          /* byte span */
	uint32_t tok_begin, tok_end;  /* token index range, end exclusive */
};

/* Tokenize doc->text into doc->tokens, then split doc->sentences.
 * Returns 0, -EXT_E_NOMEM (arena cap) or -EXT_E_TOO_COMPLEX (doc->max_tokens). */
int tok_document(struct document *doc);

/* Length in bytes of the possessive suffix of token t ("'s", "’s", "'"), 0 if none. */
size_t tok_possessive_len(const struct document *doc, const struct token *t);

/* Number value of a TOK_NUMBER token ("24,000" -> 24000, "443.2"); false if
 * the text is not a plain number. */
bool tok_number_value(const struct document *doc, const struct token *t, double *out);

/* True if token t's text equals w, ignoring ASCII case. */
bool tok_ieq(const struct document *doc, const struct token *t, const char *w);
/* True if token t's text equals w exactly. */
bool tok_eq(const struct document *doc, const struct token *t, const char *w);

/* Is this word (without its period) a known abbreviation?  Used by the
 * tokenizer and exposed for tests. */
bool tok_is_abbreviation(const char *s, size_t n);

#endif
