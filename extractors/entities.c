/* entities.c: clusters person/organization/location mentions within one
 * article.  One pass in text order: each mention joins the most recent
 * compatible entity or starts a new one.  Compatible means: the same kb_id;
 * the same folded name and type; or a short form of the entity's longest name
 * (a person's last word, an organization's or place's first word when it is
 * not a generic head, the initials of an organization's capitalized words,
 * an acronym written in parentheses right after the full form).  The
 * canonical name is the link's canonical form when linked, else the longest
 * form seen; the id is the kb_id, or a hash of type and canonical name, so the
 * same name and type give the same id in every article. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "ascii8.h"
#include "document.h"
#include "entities.h"
#include "nominal.h"
#include "errors.h"
#include "mention.h"
#include "ner_cues.h"

#define ENT_KEY 256

/* An entity's clustering state.  The rules compare a mention with it
 * through hashes first (key_h, word_h, kb_h); a hash equal is confirmed on
 * the strings, in the order of the rules, so the result is that of
 * comparing the strings.  word_h: key_hash() of the forms a one-word mention
 * can match as a short form, 0 when there is none. */
enum { W_FIRST, W_LAST, W_ACRONYM, W_DEFINED, W__COUNT };

struct ent_state {
	uint64_t key_h;              /* key_hash of the folded longest form */
	uint64_t word_h[W__COUNT];   /* first word, last word (person), acronym, "(XYZ)" */
	const char *longest;         /* folded longest form (a mention's key) */
	uint32_t kb_h;               /* hash of the kb_id, when has_kb */
	uint16_t longest_len;
	uint8_t type;
	uint8_t has_kb;
	uint32_t longest_start, longest_end;
	uint32_t nmentions;
	uint32_t last_start;         /* start of its latest mention so far */
	uint32_t first, last;        /* its first and latest mentions (indices) */
	char acronym[16];            /* initials of the longest form, "" if none */
	char defined[16];            /* acronym written "(XYZ)" right after a mention */
};

/* Per mention of an entity: its folded text (in one buffer for the
 * document), the text's key_hash, and the entity's next mention (index into
 * doc->mentions; the entity's first is in its ent_state).  Set only for the
 * mentions that join an entity. */
struct ment_key {
	const char *key;
	uint64_t h;
	uint32_t next;
	uint16_t kn;
};

/* Which entities ever had a given hash in one of their hash fields: a
 * chained hash table of (hash, entity) entries, filled as the fields are set.
 * An entity that matches a mention has the mention's key hash (or kb hash)
 * in a field, so it is in that hash's chain; stale entries (a field changed
 * since) are harmless, the rules are checked on the current state. */
struct ent_index {
	uint32_t *head;      /* per bucket: entry + 1, 0 = empty */
	struct ent_hent {
		uint64_t h;
		uint32_t e, next; /* entity; next entry + 1 in the bucket */
	} *v;
	size_t n, cap;
	unsigned shift;      /* bucket = (h * golden) >> shift */
};

static inline size_t idx_bucket(const struct ent_index *x, uint64_t h)
{
	return (size_t)((h * 0x9e3779b97f4a7c15ull) >> x->shift);
}

static void idx_add(struct ent_index *x, uint64_t h, size_t e)
{
	if (!h || x->n == x->cap)
		return; /* cannot happen: cap bounds the field changes */
	size_t b = idx_bucket(x, h);
	x->v[x->n] = (struct ent_hent){.h = h, .e = (uint32_t)e, .next = x->head[b]};
	x->head[b] = (uint32_t)++x->n;
}

/* The kb hash as an index key, apart from the name hashes. */
static inline uint64_t kb_key(uint32_t kb_h)
{
	return ((uint64_t)kb_h << 32) | 0x6b62u;
}


/* FNV-1a 32 of "<type name>|", the start of every entity id hash, as a
 * constant expression: step i of a literal of up to 16 bytes (the steps
 * past its end keep h).  A table of the values, not a switch: GCC made the
 * switch a jump table, an indirect jump a call that the predictor missed
 * for one entity type in eight. */
#define FNV_STEP(h, lit, i) \
	((i) < sizeof(lit) - 1 ? ((h) ^ (unsigned char)(lit)[(i) < sizeof(lit) ? (i) : 0]) * 16777619u : (h))
#define FNV_4(h, lit, i)                                                                     \
	FNV_STEP(FNV_STEP(FNV_STEP(FNV_STEP(h, lit, i), lit, (i) + 1), lit, (i) + 2), lit, \
	         (i) + 3)
#define FNV_LIT16(lit) \
	FNV_4(FNV_4(FNV_4(FNV_4(2166136261u, lit, 0), lit, 4), lit, 8), lit, 12)
static const uint32_t type_prefix[MT__COUNT] = {
#define X(e, s) [MT_##e] = FNV_LIT16(s "|"),
	MENTION_TYPES(X)
#undef X
};
#undef FNV_LIT16
#undef FNV_4
#undef FNV_STEP

static uint32_t type_prefix_hash(int mention_type)
{
	if (__builtin_expect((unsigned)mention_type < MT__COUNT, 1))
		return type_prefix[mention_type];
	uint32_t h = 2166136261u;
	for (const char *p = mention_type_name((enum mention_type)mention_type); *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return (h ^ '|') * 16777619u;
}

/* The 8 hex digits of h, most significant first, as "%08x" writes them:
 * each nibble spread into its own byte, then '0'..'9' or 'a'..'f' for all
 * eight at once (no table look-up, no loop). */
static inline void hex8(uint32_t h, char *out)
{
	const uint64_t nib = 0x0f0f0f0f0f0f0f0full, ones = 0x0101010101010101ull;
	uint64_t x = h;
	x = (x | x << 16) & 0x0000ffff0000ffffull;
	x = (x | x << 8) & 0x00ff00ff00ff00ffull;
	x = (x | x << 4) & nib; /* byte i: nibble i, least significant first */
	uint64_t letter = ((x + 6 * ones) >> 4) & ones; /* 1 where the nibble >= 10 */
	x += '0' * ones + letter * ('a' - '0' - 10);
	for (int i = 0; i < 8; i++)
		out[i] = (char)(x >> (8 * (7 - i)));
}

void entities_make_id(int mention_type, const char *name, size_t n, char *buf, size_t cap)
{
	uint32_t h = type_prefix_hash(mention_type);
	const unsigned char *u = (const unsigned char *)name;
	size_t i = 0;
	/* FNV-1a is one byte after the other; four a round saves the loop
	 * control of three */
	for (; i + 4 <= n; i += 4) {
		h = (h ^ u[i]) * 16777619u;
		h = (h ^ u[i + 1]) * 16777619u;
		h = (h ^ u[i + 2]) * 16777619u;
		h = (h ^ u[i + 3]) * 16777619u;
	}
	for (; i < n; i++)
		h = (h ^ u[i]) * 16777619u;
	/* "%s:%08x" by hand: this runs once an entity; the prefix by a
	 * select, not a chain of branches on the type */
	static const char pre[3][4] = {"per:", "org:", "loc:"};
	unsigned pk = mention_type == MT_PERSON ? 0 : mention_type == MT_ORGANIZATION ? 1 : 2;
	char out[12];
	memcpy(out, pre[pk], 4);
	hex8(h, out + 4);
	if (cap > sizeof(out)) { /* the usual case: a copy of constant size */
		memcpy(buf, out, sizeof(out));
		buf[sizeof(out)] = 0;
		return;
	}
	if (!cap)
		return;
	size_t k = cap - 1;
	memcpy(buf, out, k);
	buf[k] = 0;
}

/* A hash of the folded keys, only ever compared within one document: eight
 * bytes a step; never 0.  *space: whether s[0..n) holds a ' '.  Reads up to
 * 8 bytes from s even when n < 8 (KEY_PAD: the key buffers allow it). */
#define KEY_PAD 8
static inline uint64_t key_hash_sp(const char *s, size_t n, bool *space)
{
	const uint64_t ones = 0x0101010101010101ull, sp = 0x2020202020202020ull;
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ull, found = 0, w, x;
	size_t r = n & 7;
	const char *end = s + n;
	for (; s + 8 <= end; s += 8) {
		memcpy(&w, s, 8);
		x = w ^ sp;
		found |= (x - ones) & ~x;
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	if (r) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (n >= 8) {
			/* the last 8 bytes: every one in the key */
			memcpy(&w, end - 8, 8);
			x = w ^ sp;
			w >>= 8 * (8 - r);
		} else {
			/* 8 bytes from s: keep the n in the key */
			memcpy(&w, s, 8);
			w &= ((uint64_t)1 << (8 * r)) - 1;
			x = w ^ sp; /* the zeros turn into 0x20, never a match */
		}
#else
		w = 0;
		for (size_t i = 0; i < r; i++)
			w |= (uint64_t)(unsigned char)s[i] << (8 * i);
		x = w ^ sp;
#endif
		found |= (x - ones) & ~x;
		h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	}
	h ^= h >> 29;
	*space = (found & 0x8080808080808080ull) != 0;
	return h ? h : 1;
}

static inline uint64_t key_hash(const char *s, size_t n)
{
	bool space;
	return key_hash_sp(s, n, &space);
}

/* memcmp(a, b, n) == 0 for two folded keys, eight bytes a step, in line:
 * the libc call cost more than the compare (most keys are under 16 bytes)
 * and its code is out of the instruction cache by the next document.
 * Reads up to 8 bytes past n from both (KEY_PAD: the key buffers and
 * finish()'s buf allow it); those bytes are masked off. */
static inline bool key_eq(const char *a, const char *b, size_t n)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, y;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	if (i == n)
		return true;
	memcpy(&x, a + i, 8);
	memcpy(&y, b + i, 8);
	return ((x ^ y) & (((uint64_t)1 << (8 * (n - i))) - 1)) == 0;
#else
	return !memcmp(a, b, n);
#endif
}

/* 0x80 in each byte of x that is zero, exactly (no borrow across bytes). */
static inline uint64_t zero_bytes(uint64_t x)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
	return ~(((x & low7) + low7) | x | low7);
}

/* One 8-byte step of fold_key(): lower-case w's ASCII capitals, add its
 * spaces to *sp and its control bytes or double spaces to *bad. */
static inline uint64_t fold_word(uint64_t w, uint64_t *sp, uint64_t *bad)
{
	const uint64_t hi = 0x8080808080808080ull;
	uint64_t spaces = zero_bytes(w ^ 0x2020202020202020ull);
	*sp |= spaces;
	*bad |= (spaces & (spaces << 8)) | ((w - 0x2020202020202020ull) & ~w & hi);
	return ascii8_fold(w);
}

/* Initials of the capitalized words of s[0..n) ("Mitsubishi Heavy Industries"
 * -> "MHI"); "" when fewer than two.  A word starts after ' ' or '-' (or at
 * s); eight bytes a step, the word starts that are capitals as one mask. */
static void initials(const char *s, size_t n, char *out, size_t cap)
{
	const uint64_t ones = 0x0101010101010101ull;
	size_t k = 0;
	uint64_t edge = 0x80; /* byte 0 of the next step follows a separator */
	for (size_t i = 0; i < n; i += 8) {
		size_t r = n - i < 8 ? n - i : 8;
		uint64_t w = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (r == 8)
			memcpy(&w, s + i, 8);
		else
#endif
			for (size_t j = 0; j < r; j++)
				w |= (uint64_t)(unsigned char)s[i + j] << (8 * j);
		/* the zero bytes past r are neither separators nor capitals */
		uint64_t sep = zero_bytes(w ^ (' ' * ones)) | zero_bytes(w ^ ('-' * ones));
		uint64_t starts = ascii8_upper(w) & ((sep << 8) | edge);
		for (; starts; starts &= starts - 1) {
			if (k + 1 < cap)
				out[k++] = s[i + ((unsigned)__builtin_ctzll(starts) >> 3)];
		}
		edge = sep >> 56;
	}
	out[k < 2 ? 0 : k] = 0;
}

/* ner_fold(s, n, out, ENT_KEY) and the key_hash_sp() of its result, in one
 * pass eight bytes a step when the span is plain (no control bytes, no
 * double, leading or trailing space: the fold is then a lower-case copy);
 * otherwise through ner_fold().  out has room for n + 1 + KEY_PAD; avail:
 * the bytes that may be read from s (to the text's NUL). */
static size_t fold_key(const char *s, size_t n, size_t avail, char *out, uint64_t *hp,
                       bool *space, bool *slow)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (n == 0 || n > ENT_KEY - 2 || s[0] == ' ' || s[n - 1] == ' ')
		goto slow;
	uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ull, sp = 0, bad = 0, w, lw, last = 0;
	size_t i = 0, r = n & 7;
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		uint64_t cur = 0;
		lw = fold_word(w, &cur, &bad);
		/* a space ending the previous step and one starting this */
		bad |= (last >> 56) & cur & 0x80;
		last = cur;
		sp |= cur;
		memcpy(out + i, &lw, 8);
		h = (h ^ lw) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	if (r) {
		if (n >= 8) {
			/* the last 8 bytes, all in the span (it overlaps the
			 * previous step, so the boundary is checked too) */
			memcpy(&w, s + n - 8, 8);
			lw = fold_word(w, &sp, &bad);
			memcpy(out + n - 8, &lw, 8);
			lw >>= 8 * (8 - r);
		} else {
			if (avail >= 8) {
				/* one load, the bytes past n masked off */
				memcpy(&w, s, 8);
				w &= ((uint64_t)1 << (8 * n)) - 1;
			} else {
				w = 0;
				for (size_t k = 0; k < n; k++)
					w |= (uint64_t)(unsigned char)s[k] << (8 * k);
			}
			/* the zero bytes above n are control bytes: mask them */
			uint64_t sp1 = 0, bad1 = 0;
			lw = fold_word(w, &sp1, &bad1);
			uint64_t keep = ((uint64_t)1 << (8 * n)) - 1;
			sp |= sp1 & keep;
			bad |= bad1 & keep;
			memcpy(out, &lw, 8);
		}
		h = (h ^ lw) * 0xc4ceb9fe1a85ec53ull;
	}
	if (bad & 0x8080808080808080ull)
		goto slow;
	size_t k = n;
	/* possessive: 's, ’s (E2 80 99 73), as ner_fold() */
	if (k > 2 && out[k - 1] == 's' && out[k - 2] == '\'')
		k -= 2;
	else if (k > 4 && out[k - 1] == 's' && !memcmp(out + k - 4, "\xe2\x80\x99", 3))
		k -= 4;
	out[k] = 0;
	if (k != n)
		return *hp = key_hash_sp(out, k, space), k;
	h ^= h >> 29;
	*hp = h ? h : 1;
	*space = (sp & 0x8080808080808080ull) != 0;
	return n;
slow:
#endif
	*slow = true;
	n = ner_fold(s, n, out, ENT_KEY);
	*hp = n ? key_hash_sp(out, n, space) : 0;
	return n;
}

/* First or last word of a folded name. */
static bool first_word_is(const char *name, size_t n, const char *w, size_t wn)
{
	return wn < n && name[wn] == ' ' && !memcmp(name, w, wn);
}

static bool last_word_is(const char *name, size_t n, const char *w, size_t wn)
{
	return wn < n && name[n - wn - 1] == ' ' && !memcmp(name + n - wn, w, wn);
}

#define GH(s) {s, sizeof(s) - 1}
static const struct {
	const char *s;
	size_t n;
} generic_heads[] = {
	GH("the"), GH("new"), GH("north"), GH("south"), GH("east"), GH("west"), GH("united"),
	GH("national"), GH("international"), GH("university"), GH("bank"), GH("ministry"),
	GH("city"), GH("state"), GH("republic"),
};
#undef GH

static bool generic(const char *w, size_t n)
{
	for (size_t g = 0; g < sizeof(generic_heads) / sizeof(generic_heads[0]); g++)
		if (generic_heads[g].n == n && !memcmp(generic_heads[g].s, w, n))
			return true;
	return false;
}

static uint32_t str_hash32(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* key_hash() of the lower-case form of an acronym (A-Z only), 0 for "". */
static uint64_t acronym_hash(const char *acr)
{
	char low[16];
	size_t k = 0;
	for (; acr[k] && k < sizeof(low); k++)
		low[k] = (char)(acr[k] + ('a' - 'A'));
	return k ? key_hash(low, k) : 0;
}

/* memset(p, 0, n) for a struct of n >= 16 bytes, as 16-byte stores of a
 * zero register: a memset of these sizes compiles to a "rep stos" with its
 * start-up cost, and a copy from a zeroed constant loads as much as it
 * stores.  The empty asm hides that z is zero, or the compiler turns the
 * stores back into that memset. */
static inline __attribute__((always_inline)) void zero16(void *p, size_t n)
{
#if defined(__SSE2__)
	typedef unsigned char v16 __attribute__((vector_size(16)));
	v16 z = {0};
	__asm__("" : "+x"(z));
	size_t k = 0;
	for (; k + 16 <= n; k += 16)
		memcpy((char *)p + k, &z, 16);
	if (k < n) /* the tail: the last 16 bytes again */
		memcpy((char *)p + n - 16, &z, 16);
#else
	memset(p, 0, n);
#endif
}

/* n rounded up to a multiple of 16 (arrays cut from one allocation keep
 * the arena's alignment). */
static inline size_t al16(size_t n)
{
	return (n + 15) & ~(size_t)15;
}

/* Record the arena cap failure on the document, like the extractors do. */
static int nomem(struct document *doc)
{
	doc_fail(doc, -EXT_E_NOMEM, "request memory limit exceeded");
	return -EXT_E_NOMEM;
}

/* One mention being clustered: its folded text and what the rules ask of it
 * (caps and is_generic only when a one-word rule gets that far). */
struct probe {
	const struct document *doc;
	const struct mention *m;
	const char *key;
	size_t kn;
	uint64_t key_h;
	uint32_t kb_h;
	bool one_word;
	int8_t caps, is_generic;   /* -1: not computed yet */
};

static bool probe_caps(struct probe *p)
{
	if (p->caps < 0) {
		p->caps = 1;
		for (uint32_t i = p->m->start; i < p->m->end; i++) {
			char ch = p->doc->text[i];
			if ((ch >= 'a' && ch <= 'z') || ch == ' ')
				p->caps = 0;
		}
	}
	return p->caps;
}

static bool probe_generic(struct probe *p)
{
	if (p->is_generic < 0)
		p->is_generic = generic(p->key, p->kn);
	return p->is_generic;
}

static bool acronym_is(const char *acr, const char *key, size_t kn)
{
	return acr[0] && strlen(acr) == kn && !strncasecmp(acr, key, kn);
}

/* Does the mention join entity en (state st)?  The rules in order; *retype
 * when the mention takes the entity's type. */
static bool joins(struct probe *p, const struct ent_state *st, const struct entity *en,
                  bool *retype)
{
	const struct mention *m = p->m;
	if (m->link.kb_id && st->has_kb && st->kb_h == p->kb_h && !strcmp(m->link.kb_id, en->kb_id))
		return true;
	if (st->type == m->type && st->longest_len == p->kn && st->key_h == p->key_h &&
	    key_eq(st->longest, p->key, p->kn))
		return true;
	if (!p->one_word)
		return false;
	uint64_t h = p->key_h;
	if (st->word_h[W_FIRST] != h && st->word_h[W_LAST] != h && st->word_h[W_ACRONYM] != h &&
	    st->word_h[W_DEFINED] != h)
		return false;
	size_t ln = st->longest_len;
	/* one-word short forms of a longer name */
	if (st->type == MT_PERSON && last_word_is(st->longest, ln, p->key, p->kn)) {
		*retype = m->type != MT_PERSON;
		return true;
	}
	if (p->kn >= 2 && (st->word_h[W_ACRONYM] == h || st->word_h[W_DEFINED] == h) &&
	    probe_caps(p) &&
	    (acronym_is(st->acronym, p->key, p->kn) || acronym_is(st->defined, p->key, p->kn))) {
		*retype = m->type != st->type;
		return true;
	}
	if (st->type == m->type && st->type != MT_PERSON && st->word_h[W_FIRST] == h &&
	    !probe_generic(p) && first_word_is(st->longest, ln, p->key, p->kn))
		return true;
	return false;
}

/* Set field f of entity e to hash h, indexing a new value. */
static inline void set_word(struct ent_index *x, struct ent_state *st, size_t e, int f, uint64_t h)
{
	if (st->word_h[f] != h) {
		st->word_h[f] = h;
		idx_add(x, h, e);
	}
}

/* The entity's longest form became the mention's key: its hashes and
 * initials follow. */
static void set_longest(const struct document *doc, const struct probe *p, struct ent_index *x,
                        size_t e, struct ent_state *st)
{
	const struct mention *m = p->m;
	const char *key = p->key;
	size_t kn = p->kn;
	st->longest = key;
	st->longest_len = (uint16_t)kn;
	if (st->key_h != p->key_h) {
		st->key_h = p->key_h;
		idx_add(x, p->key_h, e);
	}
	st->longest_start = m->start;
	st->longest_end = m->end;
	if (!p->one_word) {
		if (st->type != MT_PERSON) {
			const char *sp = memchr(key, ' ', kn);
			set_word(x, st, e, W_FIRST, key_hash(key, (size_t)(sp - key)));
		} else {
			const char *last = key + kn;
			while (last[-1] != ' ')
				last--;
			set_word(x, st, e, W_LAST, key_hash(last, (size_t)(key + kn - last)));
		}
	}
	if (st->type == MT_ORGANIZATION) {
		initials(doc->text + m->start, m->end - m->start, st->acronym, sizeof(st->acronym));
		set_word(x, st, e, W_ACRONYM, acronym_hash(st->acronym));
	}
}

/* "Name (ACR)" right after the mention sets (or clears) the defined acronym. */
static void set_defined(const struct document *doc, const struct mention *m,
                        struct ent_index *x, size_t e, struct ent_state *st)
{
	/* doc->text ends in a NUL, which stops the scan: no bound tests */
	const char *t = doc->text;
	uint32_t p = m->end;
	while (t[p] == ' ')
		p++;
	if (t[p] != '(')
		return;
	size_t q = p + 1, k = 0;
	while (q < doc->len && doc->text[q] >= 'A' && doc->text[q] <= 'Z' && k < 15)
		st->defined[k++] = doc->text[q++];
	if (q < doc->len && doc->text[q] == ')' && k >= 2)
		st->defined[k] = 0;
	else
		st->defined[0] = 0;
	set_word(x, st, e, W_DEFINED, acronym_hash(st->defined));
}

/* Mention i (mk[i] set) joins the entity of st: at the end of its list. */
static inline void join_list(struct ent_state *st, struct ment_key *mk, uint32_t i)
{
	if (st->nmentions++)
		mk[st->last].next = i;
	else
		st->first = i;
	st->last = i;
}

/* Is the C string s the n bytes at t (strnlen(s, n + 1) == n and the bytes
 * equal)?  A byte loop in line: names are short, and the two libc calls
 * are code that the other stages evict between documents. */
static bool cstr_is(const char *s, const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i] || s[i] != t[i])
			return false;
	return !s[n];
}

/* Name, id and aliases of entity en, whose n mentions are a list in text
 * order from st->first through mk[].next; amention: room for n. */
static int finish(struct document *doc, struct entity *en, const struct ent_state *st, size_t n,
                  const struct ment_key *mk, uint32_t *amention, char **names, bool text_nul)
{
	const struct mention *v = doc->mentions.v;
	uint32_t i;
	en->nmentions = n;
	/* the folded name: the longest form's key when the name is that
	 * form's text, else the name folded again */
	size_t span = st->longest_end - st->longest_start;
	const char *name_key = st->longest;
	size_t name_kn = st->longest_len;
	uint64_t name_h = st->key_h;
	char buf[ENT_KEY];
	if (!en->name) {
		/* cut from the names block (*names), sized for every entity's */
		char *nm = *names;
		const char *from = doc->text + st->longest_start;
		/* most names are under 16 bytes: one 16-byte copy in line (the
		 * block has 16 bytes of slack; the text is read only
		 * up to its NUL), not a libc call */
		if (span < 16 && st->longest_start + 16 <= doc->len + 1)
			memcpy(nm, from, 16);
		else
			memcpy(nm, from, span);
		nm[span] = 0;
		*names += span + 1;
		en->name = nm;
		if (text_nul && memchr(nm, 0, span))
			name_key = NULL;
	} else if (!cstr_is(en->name, doc->text + st->longest_start, span)) {
		/* the link's canonical name, not the longest form as written
		 * (when it is, that form's key serves: the same bytes fold alike) */
		name_key = NULL;
	}
	if (!name_key) {
		name_kn = ner_fold(en->name, strlen(en->name), buf, sizeof(buf));
		name_key = buf;
		name_h = key_hash(name_key, name_kn);
	}
	if (en->kb_id) {
		/* strnlen and memcpy, in line: an id is a few bytes ("Q90") */
		size_t k = 0;
		for (; k < sizeof(en->id) - 1 && en->kb_id[k]; k++)
			en->id[k] = en->kb_id[k];
		en->id[k] = 0;
	} else {
		entities_make_id(en->type, name_key, name_kn, en->id, sizeof(en->id));
	}
	/* The mention ids, and the aliases: an alias is a form whose folded
	 * text differs from the name's and from the earlier aliases'
	 * (amention: their mention indices). */
	i = st->first;
	for (size_t k = 0; k < n; k++, i = mk[i].next) {
		const struct ment_key *a = &mk[i];
		en->mentions[k] = v[i].id;
		if (v[i].type == MT_NOMINAL)
			continue; /* a description is not a form of the name */
		/* the name's own key (the longest form's mention: most entities
		 * have that one mention) is equal without a compare */
		if (a->key == name_key ||
		    (a->kn == name_kn && a->h == name_h && key_eq(a->key, name_key, name_kn)))
			continue;
		bool seen = false;
		for (size_t j = 0; j < en->naliases && !seen; j++) {
			const struct ment_key *b = &mk[amention[j]];
			seen = b->h == a->h && b->kn == a->kn && key_eq(b->key, a->key, a->kn);
		}
		if (!seen) {
			const struct mention *m = &v[i];
			const char *s = arena_strndup(doc->arena, doc->text + m->start, m->end - m->start);
			if (!s)
				return nomem(doc);
			amention[en->naliases] = i;
			en->aliases[en->naliases++] = s;
		}
	}
	return 0;
}

/* The entity a description ("the ministry", nominal.c) refers to: the one
 * organization entity it fits (nominal_fits on the longest form) that was
 * mentioned in the description's sentence or the two before it.  None, or
 * two that fit: SIZE_MAX, and the description stays unlinked. */
static size_t nominal_antecedent(const struct document *doc, const struct mention *m,
                                 const struct ent_state *st, size_t ne)
{
	uint32_t from = 0;
	size_t lo = 0, hi = doc->nsentences;
	while (lo < hi) { /* the first sentence that ends after m->start */
		size_t mid = lo + (hi - lo) / 2;
		if (doc->sentences[mid].end <= m->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < doc->nsentences)
		from = doc->sentences[lo >= 2 ? lo - 2 : 0].start;
	size_t found = SIZE_MAX;
	for (size_t e = 0; e < ne; e++) {
		if (st[e].type != MT_ORGANIZATION || st[e].last_start < from ||
		    !nominal_fits(m->rule, doc->text + st[e].longest_start,
		                  st[e].longest_end - st[e].longest_start))
			continue;
		if (found != SIZE_MAX)
			return SIZE_MAX;
		found = e;
	}
	return found;
}

int entities_cluster(struct document *doc)
{
	struct mention_list *l = &doc->mentions;
	doc->entities = NULL;
	doc->nentities = 0;
	if (l->n == 0)
		return 0;
	/* folded keys never grow: one buffer holds every mention's */
	size_t keybytes = KEY_PAD, ncand = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct mention *m = &l->v[i];
		if (m->type <= MT_LOCATION) {
			keybytes += m->end - m->start + 1;
			ncand++;
		}
	}
	if (!ncand)
		return 0;
	/* a mention sets at most 5 fields (kb, key, first or last word,
	 * acronym, "(XYZ)"); at least 2 buckets a candidate mention */
	struct ent_index x = {.cap = 5 * ncand, .shift = 64 - 4};
	while (((size_t)1 << (64 - x.shift)) < 2 * ncand)
		x.shift--;
	size_t nbuckets = (size_t)1 << (64 - x.shift);
	/* the working arrays cut from one allocation (each 16-byte aligned) */
	size_t o_v = al16(nbuckets * sizeof(*x.head)), o_ents = o_v + al16(x.cap * sizeof(*x.v));
	size_t o_st = o_ents + al16(ncand * sizeof(struct entity));
	size_t o_mk = o_st + al16(ncand * sizeof(struct ent_state));
	size_t o_keys = o_mk + al16(l->n * sizeof(struct ment_key));
	char *blk = arena_alloc(doc->arena, o_keys + keybytes);
	if (!blk)
		return nomem(doc);
	x.head = (uint32_t *)(void *)blk;
	memset(x.head, 0, nbuckets * sizeof(*x.head));
	x.v = (struct ent_hent *)(void *)(blk + o_v);
	struct entity *ents = (struct entity *)(void *)(blk + o_ents);
	struct ent_state *st = (struct ent_state *)(void *)(blk + o_st);
	struct ment_key *mk = (struct ment_key *)(void *)(blk + o_mk);
	char *keys = blk + o_keys;
	size_t ne = 0, nowned = 0;
	bool any_slow = false; /* a key that went through ner_fold() */
	for (size_t i = 0; i < l->n; i++) {
		struct mention *m = &l->v[i];
		if (m->type == MT_NOMINAL) {
			size_t e = nominal_antecedent(doc, m, st, ne);
			if (e != SIZE_MAX) {
				mk[i] = (struct ment_key){.key = NULL};
				join_list(&st[e], mk, (uint32_t)i);
				m->entity = (uint32_t)e + 1;
				nowned++;
			}
			continue;
		}
		if (m->type > MT_LOCATION)
			continue;
		/* fold straight into the key buffer: the fold of n bytes takes
		 * at most n + 1 */
		bool space = false;
		uint64_t key_h;
		size_t kn = fold_key(doc->text + m->start, m->end - m->start, doc->len + 1 - m->start,
		                     keys, &key_h, &space, &any_slow);
		if (!kn)
			continue;
		struct probe p = {
			.doc = doc,
			.m = m,
			.key = keys,
			.kn = kn,
			.key_h = key_h,
			.kb_h = m->link.kb_id ? str_hash32(m->link.kb_id) : 0,
			.one_word = !space,
			.caps = -1,
			.is_generic = -1,
		};
		keys += kn + 1;
		size_t best = SIZE_MAX;
		bool retype = false;
		/* the latest entity the rules join: it has the mention's key hash
		 * or kb hash in a field, so it is in one of these two chains */
		for (int c = 0; c < 2; c++) {
			uint64_t h = c == 0 ? p.key_h : kb_key(p.kb_h);
			if (c == 1 && !m->link.kb_id)
				break;
			for (uint32_t y = x.head[idx_bucket(&x, h)]; y; y = x.v[y - 1].next) {
				const struct ent_hent *he = &x.v[y - 1];
				if (he->h != h || (best != SIZE_MAX && he->e <= best))
					continue;
				bool rt = false;
				if (joins(&p, &st[he->e], &ents[he->e], &rt)) {
					best = he->e;
					retype = rt;
				}
			}
		}
		if (best == SIZE_MAX) {
			best = ne++;
			zero16(&ents[best], sizeof(ents[best]));
			zero16(&st[best], sizeof(st[best]));
			ents[best].type = m->type;
			st[best].type = m->type;
		}
		struct entity *en = &ents[best];
		struct ent_state *s = &st[best];
		if (retype)
			m->type = en->type;
		if (m->link.kb_id && !en->kb_id) {
			en->kb_id = m->link.kb_id;
			en->name = m->link.canonical;
			s->has_kb = 1;
			s->kb_h = p.kb_h;
			idx_add(&x, kb_key(p.kb_h), best);
		}
		if (kn > s->longest_len)
			set_longest(doc, &p, &x, best, s);
		set_defined(doc, m, &x, best, s);
		s->last_start = m->start;
		mk[i] = (struct ment_key){.key = p.key, .h = key_h, .kn = (uint16_t)kn};
		join_list(s, mk, (uint32_t)i);
		m->entity = (uint32_t)best + 1;
		nowned++;
	}
	/* Exact-size mention and alias arrays, cut from one allocation each
	 * (an entity has at most one alias per mention).  Sizing them "every
	 * mention from here on" when the entity was made cost O(mentions^2)
	 * bytes: 1.1 GB for a dense 1 MB text.  Each entity's mentions are a
	 * list (join_list()), not grouped again by a pass over every mention. */
	char *blk2 = arena_alloc(doc->arena, al16(nowned * sizeof(const char *)) +
	                                     2 * al16(nowned * sizeof(uint32_t)));
	if (!blk2)
		return nomem(doc);
	const char **aliases = (const char **)(void *)blk2;
	uint32_t *ids = (uint32_t *)(void *)(blk2 + al16(nowned * sizeof(const char *)));
	uint32_t *amention = ids + al16(nowned * sizeof(uint32_t)) / sizeof(uint32_t);
	size_t off = 0, namebytes = 0;
	for (size_t e = 0; e < ne; e++) {
		ents[e].mentions = ids + off;
		ents[e].aliases = aliases + off;
		off += st[e].nmentions;
		if (!ents[e].name)
			namebytes += st[e].longest_end - st[e].longest_start + 1;
	}
	/* the names that are copies of the text, in one block: one
	 * allocation, not one per entity.  A name with a NUL byte (it then
	 * folds again) is a longest form whose key went through ner_fold()
	 * (fold_key() sends control bytes there): only then is a look needed */
	char *names = arena_alloc(doc->arena, namebytes + 16);
	if (!names)
		return nomem(doc);
	bool text_nul = any_slow;
	for (size_t e = 0; e < ne; e++) {
		int rc = finish(doc, &ents[e], &st[e], st[e].nmentions, mk, amention, &names,
		                text_nul);
		if (rc)
			return rc;
	}
	doc->entities = ents;
	doc->nentities = ne;
	return 0;
}
