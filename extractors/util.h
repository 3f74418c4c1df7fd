/* util.h: small helpers shared by the engine: aborting allocators for internal
 * sizes (never for client-controlled sizes), UTF-8 decoding, ASCII case tests. */
#ifndef EXTRACTD_UTIL_H
#define EXTRACTD_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x) ((void)(x))

/* Allocate or abort with a log line: for internal, bounded sizes only. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Decode one UTF-8 code point at s[i] (input already validated).  Returns the
 * code point and writes its byte length to *len (1..4). */
uint32_t utf8_decode(const char *s, size_t n, size_t i, int *len);

/* Code point that ends just before byte i (i > 0), with its length. */
uint32_t utf8_decode_prev(const char *s, size_t i, int *len);

/* Validate UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF).
 * Returns true when valid; otherwise writes the offset of the first bad byte. */
bool utf8_validate(const char *s, size_t n, size_t *bad_offset);

/* Unicode letter tests good enough for tokenizing news text: Latin, Greek,
 * Cyrillic, CJK and other alphabetic ranges count as letters. */
bool uc_is_letter(uint32_t cp);
bool uc_is_upper(uint32_t cp);
bool uc_is_lower(uint32_t cp);
bool uc_is_space(uint32_t cp);      /* includes NBSP, thin spaces, ideographic space */
bool uc_is_dash(uint32_t cp);       /* - – — ‒ ― */
bool uc_is_currency_symbol(uint32_t cp); /* Unicode Sc: $ € £ ¥ ₩ ₹ ₽ ... */

static inline bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
static inline bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
static inline bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
static inline char ascii_lower(char c) { return is_ascii_upper(c) ? (char)(c + 32) : c; }

/* Case-insensitive (ASCII) compare of s[0..n) with NUL-terminated w. */
bool ascii_ieq(const char *s, size_t n, const char *w);

/* "00" to "99": the two decimal digits of v (0..99) at digit_pairs + 2 * v,
 * for the writers of numbers that avoid printf. */
extern const char digit_pairs[201];

#endif
