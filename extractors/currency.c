/* currency.c: lookup index over the generated currency forms table.
 *
 * Design: one fold_hash (open addressing, full hash kept per slot, a bit
 * filter in front) maps each case-folded form to (index of the first row
 * of its group + 1) in the low 24 bits, plus a PHRASE_HEAD bit on the first
 * word of every multi-word form.  The generated table is sorted by folded form,
 * so rows that differ only in case ("ALL" the code vs. nothing else, "Rs" vs.
 * "rs") sit next to each other and currency_lookup walks that short group to
 * apply the case rules.  Nothing here scans text: callers hand in one word or
 * phrase they already delimited, and a lookup costs one hash of its bytes.
 *
 * What it does not do: no Unicode case folding beyond ASCII (the forms are
 * English or symbols), no prefix search (callers build phrases word by word and
 * use currency_is_phrase_head to know when to stop). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "currency.h"
#include "errors.h"
#include "util.h"

#define GROUP_MASK 0x00FFFFFFu
#define PHRASE_HEAD 0x01000000u

struct fold_slot {
	uint64_t hv;      /* full hash: compared before the key is touched */
	char *key;        /* folded, NUL-terminated; NULL = empty slot */
	uint32_t len;
	uint32_t value;
};

/* A bit filter in front of the slots: most words of running text are in no
 * map, and one bit test answers them without a probe.  It has about 16 bits
 * per key of the size hint given to fold_hash_new (512 to 65536 bits), so a
 * small map's filter (the money grammar words) is a few cache lines that stay
 * cached while the other extractors run, not 8 KiB that do not. */
#define FILTER_MIN_BITS 512u
#define FILTER_MAX_BITS 65536u

struct fold_hash {
	struct fold_slot *slots;
	size_t cap;       /* power of two */
	size_t n;
	uint32_t fmask;   /* filter bits - 1 (a power of two - 1) */
	uint64_t *filter;
};

static inline uint32_t filter_bit(const struct fold_hash *h, uint64_t hv)
{
	return (uint32_t)(hv >> 40) & h->fmask;
}

static inline uint64_t fold_hash_bytes(const char *s, size_t n)
{
	uint64_t h = 0, c;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&c, s + i, 8);
		h = fold_hash_chunk(h, fold_lower8(c));
	}
	if (i < n) {
		c = 0;
		memcpy(&c, s + i, n - i);
		h = fold_hash_chunk(h, fold_lower8(c));
	}
	return fold_hash_finish(h, n);
}

struct fold_hash *fold_hash_new(size_t n)
{
	struct fold_hash *h = xcalloc(1, sizeof(*h));
	size_t cap = 16;
	while (cap < n * 2)
		cap <<= 1;
	h->cap = cap;
	h->slots = xcalloc(cap, sizeof(*h->slots));
	size_t bits = FILTER_MIN_BITS;
	while (bits < n * 16 && bits < FILTER_MAX_BITS)
		bits <<= 1;
	h->fmask = (uint32_t)(bits - 1);
	h->filter = xcalloc(bits / 64, sizeof(uint64_t));
	return h;
}

void fold_hash_free(struct fold_hash *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->cap; i++)
		free(h->slots[i].key);
	free(h->slots);
	free(h->filter);
	free(h);
}

static bool slot_matches(const struct fold_slot *sl, uint64_t hv, const char *s, size_t n)
{
	if (sl->hv != hv || sl->len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (sl->key[i] != ascii_lower(s[i]))
			return false;
	return true;
}

static void fold_hash_grow(struct fold_hash *h)
{
	size_t ncap = h->cap * 2;
	struct fold_slot *ns = xcalloc(ncap, sizeof(*ns));
	for (size_t i = 0; i < h->cap; i++) {
		struct fold_slot *sl = &h->slots[i];
		if (!sl->key)
			continue;
		size_t j = sl->hv & (ncap - 1);
		while (ns[j].key)
			j = (j + 1) & (ncap - 1);
		ns[j] = *sl;
	}
	free(h->slots);
	h->slots = ns;
	h->cap = ncap;
}

int fold_hash_or(struct fold_hash *h, const char *s, size_t n, uint32_t bits)
{
	if (n == 0 || n > FOLD_MAX_KEY)
		return -EXT_E_BAD_DATA;
	if ((h->n + 1) * 2 > h->cap)
		fold_hash_grow(h);
	uint64_t hv = fold_hash_bytes(s, n);
	size_t j = hv & (h->cap - 1);
	while (h->slots[j].key) {
		if (slot_matches(&h->slots[j], hv, s, n)) {
			h->slots[j].value |= bits;
			return 0;
		}
		j = (j + 1) & (h->cap - 1);
	}
	char *k = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		k[i] = ascii_lower(s[i]);
	k[n] = '\0';
	h->slots[j].key = k;
	h->slots[j].hv = hv;
	h->filter[filter_bit(h, hv) / 64] |= 1ull << (filter_bit(h, hv) % 64);
	h->slots[j].len = (uint32_t)n;
	h->slots[j].value = bits;
	h->n++;
	return 0;
}

uint64_t fold_hash_key(const char *s, size_t n)
{
	return fold_hash_bytes(s, n);
}

uint32_t fold_hash_get(const struct fold_hash *h, const char *s, size_t n)
{
	return fold_hash_get_hashed(h, s, n, fold_hash_bytes(s, n));
}

uint32_t fold_hash_get_hashed(const struct fold_hash *h, const char *s, size_t n, uint64_t hv)
{
	if (n == 0 || n > FOLD_MAX_KEY)
		return 0;
	uint32_t b = filter_bit(h, hv);
	if (!(h->filter[b / 64] & (1ull << (b % 64))))
		return 0;
	size_t j = hv & (h->cap - 1);
	while (h->slots[j].key) {
		if (slot_matches(&h->slots[j], hv, s, n))
			return h->slots[j].value;
		j = (j + 1) & (h->cap - 1);
	}
	return 0;
}

struct currency_index {
	struct fold_hash *h;
	size_t max_words;
};

static bool same_folded(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower(*a) != ascii_lower(*b))
			return false;
	return *a == *b;
}

struct currency_index *currency_index_new(void)
{
	struct currency_index *ci = xcalloc(1, sizeof(*ci));
	ci->h = fold_hash_new(currency_forms_count * 2);
	for (size_t i = 0; i < currency_forms_count; i++) {
		const struct currency_form *f = &currency_forms[i];
		size_t n = strlen(f->form);
		if (i >= GROUP_MASK)
			goto fail;
		/* only the first row of a group records its index */
		if (i == 0 || !same_folded(currency_forms[i - 1].form, f->form)) {
			if (fold_hash_get(ci->h, f->form, n) & GROUP_MASK)
				goto fail;  /* table not sorted by folded form */
			if (fold_hash_or(ci->h, f->form, n, (uint32_t)(i + 1)) < 0)
				goto fail;
		}
		if (f->nwords > ci->max_words)
			ci->max_words = f->nwords;
		if (f->nwords > 1) {
			const char *sp = strchr(f->form, ' ');
			if (fold_hash_or(ci->h, f->form, (size_t)(sp - f->form), PHRASE_HEAD) < 0)
				goto fail;
		}
	}
	return ci;
fail:
	currency_index_free(ci);
	return NULL;
}

void currency_index_free(struct currency_index *ci)
{
	if (!ci)
		return;
	fold_hash_free(ci->h);
	free(ci);
}

/* Case rule of one row against the written s (same folded bytes). */
static bool case_ok(const struct currency_form *f, const char *s, size_t n)
{
	if (!(f->flags & CF_CASE))
		return true;
	if (memcmp(f->form, s, n) == 0)
		return true;
	if (f->flags & CF_LOWER) {
		for (size_t i = 0; i < n; i++)
			if (is_ascii_upper(s[i]))
				return false;
		return true;
	}
	return false;
}

const struct currency_form *currency_lookup(const struct currency_index *ci, const char *s,
                                            size_t n)
{
	return currency_lookup_hashed(ci, s, n, fold_hash_bytes(s, n));
}

const struct currency_form *currency_lookup_hashed(const struct currency_index *ci,
                                                   const char *s, size_t n, uint64_t hv)
{
	uint32_t v = fold_hash_get_hashed(ci->h, s, n, hv) & GROUP_MASK;
	if (!v)
		return NULL;
	for (size_t i = v - 1; i < currency_forms_count; i++) {
		const struct currency_form *f = &currency_forms[i];
		if (strlen(f->form) != n)
			break;
		if (i != v - 1 && !same_folded(currency_forms[v - 1].form, f->form))
			break;
		if (case_ok(f, s, n))
			return f;
	}
	return NULL;
}

bool currency_is_phrase_head(const struct currency_index *ci, const char *s, size_t n)
{
	return (fold_hash_get(ci->h, s, n) & PHRASE_HEAD) != 0;
}

size_t currency_max_words(const struct currency_index *ci)
{
	return ci->max_words;
}

const char *currency_kind_name(enum currency_kind k)
{
	static const char *const names[] = {"code", "symbol", "name", "unit", "minor", "informal"};
	return (unsigned)k < ARRAY_SIZE(names) ? names[k] : "?";
}
