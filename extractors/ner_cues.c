/* ner_cues.c: parses the embedded cue tables into open-addressing hash tables
 * keyed by the 64-bit hash of the folded key (ner_hash(); the full hash is kept, so
 * a false hit needs a 64-bit collision among ~15k keys).  Built once at load.
 * A row is stored with its key (32 bytes): a hit costs one cache line, not a
 * line of keys and another of values.  ner-words and ner-cues are also merged
 * into one table, so a token's statistics and cue class take one probe. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "ner_cues.h"


#define NER_HOT_LEN (6u << 20)     /* reserved; only the pages used are backed */
#define NER_HOT_ALIGN (2u << 20)   /* a huge page */

/* Reserve the hot region (none if the system refuses: then the tables are
 * allocated one by one). */
static void hot_reserve(struct ner_cues *c)
{
	size_t len = NER_HOT_LEN + NER_HOT_ALIGN;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	/* trim to a huge-page aligned NER_HOT_LEN */
	size_t head = (NER_HOT_ALIGN - ((uintptr_t)p & (NER_HOT_ALIGN - 1))) & (NER_HOT_ALIGN - 1);
	if (head)
		munmap(p, head);
	if (len - head > NER_HOT_LEN)
		munmap(p + head + NER_HOT_LEN, len - head - NER_HOT_LEN);
	c->hot = p + head;
	c->hot_len = NER_HOT_LEN;
#ifdef MADV_HUGEPAGE
	madvise(c->hot, c->hot_len, MADV_HUGEPAGE);
#endif
}

static bool is_hot(const struct ner_cues *c, const void *p)
{
	return c->hot && (const char *)p >= c->hot && (const char *)p < c->hot + c->hot_len;
}

void *ner_cues_hot_alloc(struct ner_cues *c, size_t n)
{
	size_t off = (c->hot_used + 63) & ~(size_t)63;
	if (c->hot && off <= c->hot_len && n <= c->hot_len - off) {
		c->hot_used = off + n;
		return c->hot + off;  /* (fresh anonymous pages are zero) */
	}
	void *p = aligned_alloc(64, (n + 63) & ~(size_t)63);
	if (p)
		memset(p, 0, n);
	return p;
}

void ner_cues_hot_free(const struct ner_cues *c, void *p)
{
	if (!c || !is_hot(c, p))
		free(p);
}

static const char *const table_names[NT__COUNT] = {
	[NT_WORDS] = "ner-words", [NT_SPANS] = "ner-spans", [NT_LEFT] = "ner-left",
	[NT_RIGHT] = "ner-right", [NT_CUES] = "ner-cues", [NT_SUFFIX] = "ner-suffix",
};

static const char *const class_names[] = {
	"title", "person_verb", "org_head", "loc_head", "loc_prep", "connector", "of_head",
	"loc_verb",
};

uint64_t ner_hash(const char *s, size_t n)
{
	return nh_finish(hm_words(NER_HASH_SEED, s, n), n);
}

size_t ner_fold(const char *s, size_t n, char *buf, size_t cap)
{
	size_t k = 0;
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
			space = k > 0;
			continue;
		}
		if (space) {
			if (k + 1 >= cap)
				return 0;
			buf[k++] = ' ';
			space = false;
		}
		if (k + 1 >= cap)
			return 0;
		buf[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	/* possessive: 's, ’s (E2 80 99 73) */
	if (k > 2 && buf[k - 1] == 's' && buf[k - 2] == '\'')
		k -= 2;
	else if (k > 4 && buf[k - 1] == 's' && !memcmp(buf + k - 4, "\xe2\x80\x99", 3))
		k -= 4;
	buf[k] = 0;
	return k;
}

static inline bool fold_space(unsigned char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

uint64_t ner_fold_hash(const char *s, size_t n, size_t cap)
{
	/* trailing whitespace folds to nothing */
	size_t e = n;
	while (e > 0 && fold_space((unsigned char)s[e - 1]))
		e--;
	/* The possessive ner_fold() cuts is the last folded bytes, i.e. the last
	 * raw bytes ("'s" and "\xe2\x80\x99s" hold no whitespace), when more
	 * than it is left: then bytes [stop, e) are not hashed. */
	size_t stop = e, before = e;
	if (e >= 2 && (s[e - 1] | 0x20) == 's' && s[e - 2] == '\'')
		before = e - 2;
	else if (e >= 4 && (s[e - 1] | 0x20) == 's' && !memcmp(s + e - 4, "\xe2\x80\x99", 3))
		before = e - 4;
	for (size_t i = before; i-- > 0;) {
		if (!fold_space((unsigned char)s[i])) {
			stop = before;
			break;
		}
	}
	uint64_t h = NER_HASH_SEED, acc = 0;
	unsigned fill = 0;  /* bytes in acc */
	size_t hashed = 0;
	size_t k = 0;  /* folded length, the cut bytes included */
	bool space = false;
	for (size_t i = 0; i < e; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (fold_space(ch)) {
			space = k > 0;
			continue;
		}
		if (space) {
			/* a space before the cut belongs to the key */
			if (i <= stop) {
				acc |= (uint64_t)' ' << (8 * fill);
				hashed++;
				if (++fill == 8) {
					h = hm_step(h, acc);
					acc = 0;
					fill = 0;
				}
			}
			k++;
			space = false;
		}
		if (i < stop) {
			acc |= (uint64_t)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch) << (8 * fill);
			hashed++;
			if (++fill == 8) {
				h = hm_step(h, acc);
				acc = 0;
				fill = 0;
			}
		}
		k++;
	}
	if (k == 0 || k >= cap)
		return 0;
	if (fill)
		h = hm_step(h, acc);
	return nh_finish(h, hashed);
}


/* Index of key h, or of the empty slot where it would go. */
static size_t slot_find(const struct ner_hmap *m, uint64_t h)
{
	size_t i = h & m->mask;
	while (m->e[i].key != h && m->e[i].key != 0)
		i = (i + 1) & m->mask;
	return i;
}


static const struct ner_counts *hmap_get(const struct ner_hmap *m, uint64_t h)
{
	const struct ner_entry *e = nc_entry(m, h);
	return e ? &e->v : NULL;
}

int ner_cues_widen(struct ner_cues *c, enum ner_table t, const double (*x)[NER_WIDE_N])
{
	struct ner_hmap *m = &c->t[t];
	size_t cap = m->mask + 1;
	if (m->w)
		return -1;  /* (once per table) */
	m->w = ner_cues_hot_alloc(c, cap * sizeof(*m->w));
	if (!m->w)
		return -1;
	/* slot for slot: the probe sequences stay the same */
	for (size_t i = 0; i < cap; i++) {
		if (!m->e[i].key)
			continue;
		m->w[i].key = m->e[i].key;
		memcpy(m->w[i].x, x[m->e[i].row], sizeof(m->w[i].x));
	}
	return 0;
}


const struct ner_counts *ner_cues_get(const struct ner_cues *c, enum ner_table t,
                                      const char *key, size_t n)
{
	return hmap_get(&c->t[t], ner_hash(key, n));
}

const struct ner_counts *ner_cues_word(const struct ner_cues *c, const char *key, size_t n,
                                       unsigned *cls)
{
	uint64_t h = ner_hash(key, n);
	const struct ner_counts *cv = hmap_get(&c->t[NT_CUES], h);
	*cls = cv ? cv->c[0] : 0;
	return hmap_get(&c->t[NT_WORDS], h);
}


const struct ner_counts *ner_cues_word_h(const struct ner_cues *c, uint64_t h, unsigned *cls)
{
	unsigned user;
	return ner_cues_word_hu(c, h, cls, &user);
}

const struct ner_counts *ner_cues_word_hu(const struct ner_cues *c, uint64_t h, unsigned *cls,
                                          unsigned *user)
{
	const struct ner_word *e = ner_cues_word_find(c, h);
	*cls = e ? e->cls : 0;
	*user = e ? e->user : 0;
	return e && (e->flags & NW_ROW) ? ner_cues_row(c, NT_WORDS, e->row) : NULL;
}


bool ner_cues_set_word_user(struct ner_cues *c, uint64_t h, unsigned user)
{
	struct ner_word *e = (struct ner_word *)ner_cues_word_find(c, h);
	if (!e)
		return false;
	e->user = (uint16_t)user;
	return true;
}

void ner_cues_set_row_flags(struct ner_cues *c, size_t k, unsigned flags)
{
	if (k < c->t[NT_WORDS].nrows)
		c->word.e[c->word.order[k]].flags |= (uint8_t)(flags & NW_USER_FLAGS);
}


unsigned ner_cues_class(const struct ner_cues *c, const char *key, size_t n)
{
	const struct ner_counts *v = ner_cues_get(c, NT_CUES, key, n);
	return v ? v->c[0] : 0;
}

size_t ner_cues_nrows(const struct ner_cues *c, enum ner_table t)
{
	return c->t[t].nrows;
}

const struct ner_counts *ner_cues_row(const struct ner_cues *c, enum ner_table t, size_t k)
{
	return &c->t[t].e[c->t[t].order[k]].v;
}

size_t ner_cues_row_index(const struct ner_cues *c, enum ner_table t,
                          const struct ner_counts *row)
{
	(void)c;
	(void)t;
	const struct ner_entry *e = (const struct ner_entry *)((const char *)row - offsetof(struct ner_entry, v));
	return e->row;
}

uint8_t *ner_cues_wide_user(struct ner_cues *c, enum ner_table t, uint64_t h)
{
	struct ner_wide *w = (struct ner_wide *)ner_cues_get_wide(c, t, h);
	return w ? w->user : NULL;
}

uint64_t ner_cues_row_key(const struct ner_cues *c, enum ner_table t, size_t k)
{
	return c->t[t].e[c->t[t].order[k]].key;
}

static int table_of(const char *name)
{
	for (int t = 0; t < NT__COUNT; t++)
		if (!strcmp(name, table_names[t]))
			return t;
	return -1;
}

/* Parse one blob into table t. */
static int load_blob(struct ner_cues *c, enum ner_table t, const struct ner_cue_blob *b,
                     char *err, size_t errlen)
{
	struct ner_hmap *m = &c->t[t];
	size_t rows = 0;
	for (size_t i = 0; i < b->len; i++)
		rows += b->text[i] == '\n';
	size_t cap = 64;
	while (cap * 3 < rows * 4 + 4) /* load factor <= 0.75 */
		cap <<= 1;
	/* The tables widened for NER (64-byte rows, one line each: the names
	 * and context tables) at a load factor of 1/4 or less: a hit is then
	 * mostly in its home slot.  At up to 3/4 a hit read 1.3 to 1.7 rows
	 * on average, a cache line each, and the lines are not in the cache
	 * when a document starts. */
	if (t == NT_SPANS || t == NT_LEFT || t == NT_RIGHT)
		while (cap < rows * 4)
			cap <<= 1;
	/* (the cue and suffix tables are probed per document as they are;
	 * the others through the merged or widened tables made from them) */
	ner_cues_hot_free(c, m->e);  /* (a second blob of the same name replaces it) */
	free(m->order);
	m->e = t == NT_CUES || t == NT_SUFFIX ? ner_cues_hot_alloc(c, cap * sizeof(*m->e))
	                                      : calloc(cap, sizeof(*m->e));
	m->order = calloc(rows + 1, sizeof(*m->order));
	m->nrows = 0;
	if (!m->e || !m->order) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->mask = cap - 1;
	const char *p = b->text, *end = b->text + b->len;
	size_t lineno = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		lineno++;
		const char *tab = memchr(p, '\t', (size_t)(le - p));
		if (!tab) {
			snprintf(err, errlen, "%s row %zu: no tab", b->name, lineno);
			return -1;
		}
		char key[256];
		size_t kn = ner_fold(p, (size_t)(tab - p), key, sizeof(key));
		struct ner_counts v = {{0}};
		if (t == NT_CUES) {
			size_t cl = (size_t)(le - tab - 1);
			size_t k;
			for (k = 0; k < sizeof(class_names) / sizeof(class_names[0]); k++)
				if (strlen(class_names[k]) == cl && !memcmp(tab + 1, class_names[k], cl))
					break;
			if (k == sizeof(class_names) / sizeof(class_names[0])) {
				snprintf(err, errlen, "%s row %zu: unknown class", b->name, lineno);
				return -1;
			}
			v.c[0] = (uint16_t)(1u << k);
		} else {
			const char *q = tab + 1;
			for (int col = 0; col < NC__COUNT && q < le; col++) {
				char *e;
				unsigned long x = strtoul(q, &e, 10);
				v.c[col] = (uint16_t)(x > UINT16_MAX ? UINT16_MAX : x);
				q = e < le && *e == '\t' ? e + 1 : le;
			}
		}
		if (kn) {
			uint64_t h = ner_hash(key, kn);
			size_t i = slot_find(m, h);
			if (m->e[i].key && t == NT_CUES) {
				m->e[i].v.c[0] |= v.c[0];
			} else if (m->e[i].key) {
				for (int col = 0; col < NC__COUNT; col++) {
					unsigned sum = (unsigned)m->e[i].v.c[col] + v.c[col];
					m->e[i].v.c[col] = (uint16_t)(sum > UINT16_MAX ? UINT16_MAX : sum);
				}
			} else {
				m->e[i].key = h;
				m->e[i].v = v;
				m->e[i].aux = (uint16_t)m->nrows;
				m->e[i].row = (uint32_t)m->nrows;
				m->order[m->nrows++] = (uint32_t)i;
			}
		}
		p = le + 1;
	}
	return 0;
}

/* ner-words rows by how often the word was seen capitalized, most often
 * first (ties in file order).  NER keeps data per row (log terms, the
 * gazetteer's answers) in arrays indexed by the row: in file order
 * (alphabetical) the rows of the words a document asks for were spread
 * over those arrays, one cache line each, while the frequent words' rows
 * now share lines and stay in the caches between documents. */
static int rows_by_count_cmp(const void *pa, const void *pb)
{
	const uint64_t *a = pa, *b = pb;
	return *a < *b ? -1 : *a > *b;
}

static int words_by_count(struct ner_hmap *m)
{
	uint64_t *k = malloc((m->nrows + 1) * sizeof(*k));
	uint32_t *order = calloc(m->nrows + 1, sizeof(*order));
	if (!k || !order) {
		free(k);
		free(order);
		return -1;
	}
	/* (the count's complement above the old row number: one ascending sort) */
	for (size_t r = 0; r < m->nrows; r++) {
		const struct ner_counts *v = &m->e[m->order[r]].v;
		uint64_t caps = 0;
		for (int col = NC_PER; col <= NC_CAP_INITIAL; col++)
			caps += v->c[col];
		k[r] = ((UINT32_MAX - caps) << 32) | r;
	}
	qsort(k, m->nrows, sizeof(*k), rows_by_count_cmp);
	for (size_t r = 0; r < m->nrows; r++) {
		uint32_t slot = m->order[k[r] & UINT32_MAX];
		order[r] = slot;
		m->e[slot].aux = (uint16_t)r;
		m->e[slot].row = (uint32_t)r;
	}
	free(m->order);
	m->order = order;
	free(k);
	return 0;
}

/* The filter of table m: 16 bits per row (4-5% of misses pass it). */
static int build_filter(struct ner_cues *c, struct ner_hmap *m)
{
	size_t bits = 64;
	while (bits < 16 * m->nrows)
		bits <<= 1;
	m->filter = ner_cues_hot_alloc(c, bits / 64 * sizeof(*m->filter));
	if (!m->filter)
		return -1;
	m->fmask = bits - 1;
	for (size_t k = 0; k < m->nrows; k++) {
		size_t b = nc_filter_bit(m, m->e[m->order[k]].key);
		m->filter[b >> 6] |= 1ull << (b & 63);
	}
	return 0;
}

/* Index of key h in the merged word table, or of the empty slot where it
 * would go. */
static size_t word_slot(const struct ner_wmap *m, uint64_t h)
{
	size_t i = h & m->mask;
	while (m->e[i].key != h && m->e[i].key != 0)
		i = (i + 1) & m->mask;
	return i;
}

/* The merged word table: every row of ner-words (NW_ROW) and the class
 * bits of ner-cues, one probe for both. */
static int build_word(struct ner_cues *c)
{
	const struct ner_hmap *w = &c->t[NT_WORDS], *q = &c->t[NT_CUES];
	struct ner_wmap *m = &c->word;
	size_t rows = w->nrows + q->nrows;
	size_t cap = 64;
	/* (load factor 1/2 or less: ~11K words in 512 KB.  At up to 3/4, in
	 * 256 KB, a probe read two slots on average, a word not in the table
	 * about five, often into the next line) */
	while (cap < rows * 2)
		cap <<= 1;
	m->e = ner_cues_hot_alloc(c, cap * sizeof(*m->e));
	m->order = calloc(rows + 1, sizeof(*m->order));
	if (!m->e || !m->order)
		return -1;
	m->mask = cap - 1;
	/* (at most UINT16_MAX + 1 rows: checked by ner_cues_new()) */
	for (size_t k = 0; k < w->nrows; k++) {
		const struct ner_entry *src = &w->e[w->order[k]];
		size_t i = word_slot(m, src->key);
		m->e[i].key = src->key;
		m->e[i].flags = NW_ROW;
		m->e[i].row = (uint16_t)k;
		m->order[m->nrows++] = (uint32_t)i;
	}
	for (size_t k = 0; k < q->nrows; k++) {
		const struct ner_entry *src = &q->e[q->order[k]];
		size_t i = word_slot(m, src->key);
		if (!m->e[i].key) {
			m->e[i].key = src->key;
			m->order[m->nrows++] = (uint32_t)i;
		}
		m->e[i].cls |= (uint8_t)(src->v.c[0] & 0xff);
	}
	return 0;
}

struct ner_cues *ner_cues_new(char *err, size_t errlen)
{
	struct ner_cues *c = calloc(1, sizeof(*c));
	if (!c) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	hot_reserve(c);
	for (const struct ner_cue_blob *b = ner_cue_blobs; b->name; b++) {
		int t = table_of(b->name);
		if (t < 0)
			continue;
		if (load_blob(c, (enum ner_table)t, b, err, errlen) < 0) {
			ner_cues_free(c);
			return NULL;
		}
	}
	for (int t = 0; t < NT__COUNT; t++) {
		if (!c->t[t].e) {
			snprintf(err, errlen, "cue table %s missing", table_names[t]);
			ner_cues_free(c);
			return NULL;
		}
	}
	if (words_by_count(&c->t[NT_WORDS]) < 0) {
		snprintf(err, errlen, "out of memory");
		ner_cues_free(c);
		return NULL;
	}
	static const enum ner_table filtered[] = {NT_SPANS, NT_CUES, NT_LEFT, NT_RIGHT, NT_SUFFIX};
	for (size_t k = 0; k < sizeof(filtered) / sizeof(filtered[0]); k++) {
		if (build_filter(c, &c->t[filtered[k]]) < 0) {
			snprintf(err, errlen, "out of memory");
			ner_cues_free(c);
			return NULL;
		}
	}
	if (c->t[NT_WORDS].nrows > UINT16_MAX + 1u) {
		/* (struct ner_word keeps a row in 16 bits) */
		snprintf(err, errlen, "ner-words: more than %u rows", UINT16_MAX + 1u);
		ner_cues_free(c);
		return NULL;
	}
	if (build_word(c) < 0) {
		snprintf(err, errlen, "out of memory");
		ner_cues_free(c);
		return NULL;
	}
	return c;
}

void ner_cues_free(struct ner_cues *c)
{
	if (!c)
		return;
	for (int t = 0; t < NT__COUNT; t++) {
		ner_cues_hot_free(c, c->t[t].e);
		free(c->t[t].order);
		ner_cues_hot_free(c, c->t[t].filter);
		ner_cues_hot_free(c, c->t[t].w);
	}
	ner_cues_hot_free(c, c->word.e);
	free(c->word.order);
	if (c->hot)
		munmap(c->hot, c->hot_len);
	free(c);
}
