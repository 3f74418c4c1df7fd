/* gaz_compile.c: compiles gazetteer source lists (TSV) into one image.
 *
 * Source format (gazetteers/README.md has the full description): '#' lines
 * before the first row carry metadata ("# kind: location" is required;
 * "# list:", "# source:", "# licence:" are recorded in the image); each row
 * is  canonical <TAB> type <TAB> variants (|-separated) <TAB> id <TAB>
 * attributes (key=value;key=value).  Trailing columns may be omitted.
 *
 * The compiler is used at build time (tools/gaz-compile.c), by `extractd
 * compile` and by the engine for the extra directories named in the config,
 * so it is strict and reports "file:line: reason": a malformed list is
 * refused as a whole, never half-loaded.
 *
 * Prominence (the weight behind a candidate's prior) is derived from the
 * attributes, so the facts stay in the TSV and the policy stays here.  It is
 * a log-scale score; the matcher turns the weights w_i of a span's
 * candidates into priors exp(w_i) / sum_j exp(w_j), so one unit of weight is
 * a factor e (Paris, France 7.3 vs Paris, Texas 4.4: 0.95 vs 0.05).
 *   prior=X            explicit, wins;
 *   location           log10(pop + 10), +1.5 country, +1 capital; a region
 *                      counts at least 10^5.5 people (many lack a population), +1;
 *   person             1 + log2(1 + terms) + 1 if open=1 (an office held at
 *                      the source snapshot);
 *   organization       2 (+1 with a Q-id);
 *   everything else    1.
 * Memory: everything is malloc'd in the compiler and released by
 * gaz_compiler_free(); the built image is a new malloc'd buffer. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "errors.h"
#include "gaz_image.h"

struct key_var {
	uint64_t hash;
	uint64_t first;  /* key hash of the first unit alone */
	uint64_t pair;   /* key hash of the first two units (0 for one unit) */
	uint64_t sig;    /* gaz_sig() of the first unit */
	uint64_t sig2;   /* gaz_sig() of the second unit (0 for one unit) */
	uint32_t digits; /* the first unit's length if it is ASCII digits alone, else 0 */
	uint32_t value;  /* then its value, if digits <= GAZ_DIGITS_SHORT */
	struct gaz_variant v;
};

struct gaz_compiler {
	/* string pool with an open-addressing dedup index */
	char *pool;
	size_t pool_len, pool_cap;
	uint32_t *sidx;  /* offsets (0 = empty; offset 0 is the empty string) */
	size_t sidx_cap, sidx_n;

	struct gaz_list_rec *lists;
	size_t nlists, lists_cap;
	struct gaz_entry_rec *entries;
	size_t nentries, entries_cap;
	struct key_var *keys;
	size_t nkeys, keys_cap;
	uint64_t *prefixes;
	size_t nprefixes, prefixes_cap;
};

static bool grow(void **v, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t ncap = *cap ? *cap : 64;
	while (ncap < need)
		ncap *= 2;
	void *nv = realloc(*v, ncap * size);
	if (!nv)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}

static uint64_t str_hash(const char *s, size_t n)
{
	return gaz_unit_hash(s, n);
}

/* Intern s[0..n) (no NUL inside); returns its offset or UINT32_MAX on OOM. */
static uint32_t intern(struct gaz_compiler *c, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (c->sidx_n * 2 >= c->sidx_cap) {
		size_t ncap = c->sidx_cap ? c->sidx_cap * 2 : 1024;
		uint32_t *ni = calloc(ncap, sizeof(*ni));
		if (!ni)
			return UINT32_MAX;
		for (size_t i = 0; i < c->sidx_cap; i++) {
			uint32_t off = c->sidx[i];
			if (!off)
				continue;
			const char *t = c->pool + off;
			size_t j = str_hash(t, strlen(t)) & (ncap - 1);
			while (ni[j])
				j = (j + 1) & (ncap - 1);
			ni[j] = off;
		}
		free(c->sidx);
		c->sidx = ni;
		c->sidx_cap = ncap;
	}
	size_t j = str_hash(s, n) & (c->sidx_cap - 1);
	while (c->sidx[j]) {
		const char *t = c->pool + c->sidx[j];
		if (!strncmp(t, s, n) && t[n] == 0)
			return c->sidx[j];
		j = (j + 1) & (c->sidx_cap - 1);
	}
	if (c->pool_len + n + 1 > UINT32_MAX ||
	    !grow((void **)&c->pool, &c->pool_cap, c->pool_len + n + 1, 1))
		return UINT32_MAX;
	uint32_t off = (uint32_t)c->pool_len;
	memcpy(c->pool + off, s, n);
	c->pool[off + n] = 0;
	c->pool_len += n + 1;
	c->sidx[j] = off;
	c->sidx_n++;
	return off;
}

struct gaz_compiler *gaz_compiler_new(void)
{
	struct gaz_compiler *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->pool = malloc(4096);
	if (!c->pool) {
		free(c);
		return NULL;
	}
	c->pool_cap = 4096;
	c->pool[0] = 0;
	c->pool_len = 1;
	return c;
}

void gaz_compiler_free(struct gaz_compiler *c)
{
	if (!c)
		return;
	free(c->pool);
	free(c->sidx);
	free(c->lists);
	free(c->entries);
	free(c->keys);
	free(c->prefixes);
	free(c);
}

size_t gaz_compiler_entries(const struct gaz_compiler *c)
{
	return c->nentries;
}

/* Value of attribute key in "k=v;k=v" (not NUL-terminated); NULL if absent. */
static const char *attr_find(const char *a, size_t n, const char *key, size_t *vlen)
{
	size_t kl = strlen(key);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && a[j] != ';')
			j++;
		if (j - i > kl && !memcmp(a + i, key, kl) && a[i + kl] == '=') {
			*vlen = j - i - kl - 1;
			return a + i + kl + 1;
		}
		i = j + 1;
	}
	return NULL;
}

static double attr_num(const char *a, size_t n, const char *key, double dflt)
{
	size_t vl;
	const char *v = attr_find(a, n, key, &vl);
	if (!v || vl == 0 || vl > 30)
		return dflt;
	char buf[32];
	memcpy(buf, v, vl);
	buf[vl] = 0;
	char *end;
	double d = strtod(buf, &end);
	return *end == 0 && isfinite(d) ? d : dflt;
}

static bool streq(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !memcmp(s, w, n);
}

static float entry_weight(enum gaz_kind kind, const char *type, size_t tl, const char *a,
                          size_t al, bool has_id)
{
	double p = attr_num(a, al, "prior", -1);
	if (p > 0)
		return (float)p;
	double w = 1;
	switch (kind) {
	case GAZ_KIND_LOCATION:
		w = log10(attr_num(a, al, "pop", 0) + 10);
		if (streq(type, tl, "country"))
			w += 1.5;
		else if (streq(type, tl, "region"))
			w = (w < 5.5 ? 5.5 : w) + 1;  /* many regions lack a population */
		if (attr_num(a, al, "capital", 0) > 0)
			w += 1;
		break;
	case GAZ_KIND_PERSON:
		w = 1 + log2(1 + attr_num(a, al, "terms", 0)) + (attr_num(a, al, "open", 0) > 0);
		break;
	case GAZ_KIND_ORGANIZATION:
		w = has_id ? 3 : 2;
		break;
	default:
		break;
	}
	return (float)(w > 0.01 ? w : 0.01);
}

/* Add one name (canonical or alias) of entry e.  Returns 0, 1 (skipped:
 * empty or too long) or -1 on OOM. */
static int add_name(struct gaz_compiler *c, uint32_t e, const char *s, size_t n, bool canon,
                    uint64_t *seen, int *nseen)
{
	struct gaz_unit u[GAZ_MAX_UNITS];
	int k = gaz_segment(s, n, u, GAZ_MAX_UNITS);
	if (k <= 0)
		return 1;
	uint64_t h = GAZ_HASH_SEED, first = 0, pair = 0, sig = 0, sig2 = 0;
	uint32_t cap = 0, caps = 0, digits = 0, value = 0;
	char buf[GAZ_MAX_UNIT_BYTES * 4];
	int kept = 0;
	for (int i = 0; i < k; i++) {
		size_t fl = gaz_fold(s + u[i].start, u[i].end - u[i].start, buf, sizeof(buf));
		if (fl == 0 && !u[i].word)
			continue;  /* a lone apostrophe: the matcher skips it too */
		if (fl == 0 || fl > GAZ_MAX_UNIT_BYTES)
			return 1;
		if (kept > 0) {
			if (!grow((void **)&c->prefixes, &c->prefixes_cap, c->nprefixes + 1,
			          sizeof(uint64_t)))
				return -1;
			c->prefixes[c->nprefixes++] = h;
		}
		h = gaz_hash_chain(h, gaz_unit_hash(buf, fl));
		if (kept == 0) {
			first = h;
			sig = gaz_sig(buf, fl);
			digits = (uint32_t)fl;
			for (size_t j = 0; j < fl && digits; j++) {
				if (buf[j] < '0' || buf[j] > '9')
					digits = 0;
				else if (j < GAZ_DIGITS_SHORT)
					value = value * 10 + (uint32_t)(buf[j] - '0');
			}
		} else if (kept == 1) {
			pair = h;
			sig2 = gaz_sig(buf, fl);
		}
		if (u[i].cap)
			cap |= 1u << kept;
		if (u[i].allcaps && u[i].end - u[i].start <= 6)
			caps |= 1u << kept;
		kept++;
	}
	if (kept == 0)
		return 1;
	k = kept;
	/* the same key with the same case masks adds nothing */
	for (int i = 0; i < *nseen; i++) {
		if (seen[i] == (h ^ ((uint64_t)cap << 32 | caps)))
			return 1;
	}
	if (*nseen < 64)
		seen[(*nseen)++] = h ^ ((uint64_t)cap << 32 | caps);
	if (!grow((void **)&c->keys, &c->keys_cap, c->nkeys + 1, sizeof(struct key_var)))
		return -1;
	c->keys[c->nkeys++] = (struct key_var){
		.hash = h,
		.first = first,
		.pair = pair,
		.sig = sig,
		.sig2 = sig2,
		.digits = digits,
		.value = value,
		.v = {.entry = e, .cap_mask = cap, .caps_mask = caps, .nunits = (uint8_t)k,
		      .flags = canon ? GAZ_VAR_CANON : 0, .kind = c->entries[e].kind},
	};
	return 0;
}

static bool valid_utf8(const char *s, size_t n, size_t *bad)
{
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			if (s[i] == 0) {
				*bad = i;
				return false;
			}
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (l <= 0) {
			*bad = i;
			return false;
		}
		i += (size_t)l;
	}
	return true;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 65536 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 1 << 20;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
			cap = ncap;
		}
		size_t r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

#define FAIL(...)                                             \
	do {                                                      \
		int n_ = snprintf(err, errlen, "%s:%zu: ", path, lineno); \
		if (n_ >= 0 && (size_t)n_ < errlen)                   \
			snprintf(err + n_, errlen - (size_t)n_, __VA_ARGS__); \
		rc = -EXT_E_BAD_DATA;                                 \
		goto out;                                             \
	} while (0)

int gaz_compiler_add_file(struct gaz_compiler *c, const char *path, char *err, size_t errlen)
{
	int rc = 0;
	size_t len = 0, lineno = 0, bad;
	char *buf = read_all(path, &len);
	if (!buf) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		return -EXT_E_BAD_DATA;
	}
	if (!valid_utf8(buf, len, &bad)) {
		lineno = 1;
		for (size_t i = 0; i < bad; i++)
			lineno += buf[i] == '\n';
		FAIL("invalid UTF-8 (or NUL byte) at byte %zu", bad);
	}
	/* metadata */
	const char *meta[4] = {NULL, NULL, NULL, NULL};  /* list, kind, source, licence */
	size_t meta_len[4] = {0, 0, 0, 0};
	static const char *const meta_keys[4] = {"list", "kind", "source", "licence"};
	enum gaz_kind kind = GAZ_KIND__COUNT;
	uint32_t list = UINT32_MAX;
	size_t first_entry = c->nentries;
	for (char *line = buf, *next; line < buf + len || (line == buf && len == 0); line = next) {
		char *nl = line < buf + len ? memchr(line, '\n', (size_t)(buf + len - line)) : NULL;
		next = nl ? nl + 1 : buf + len;
		size_t ll = (size_t)((nl ? nl : buf + len) - line);
		if (ll && line[ll - 1] == '\r')
			ll--;
		lineno++;
		if (ll == 0) {
			if (!nl)
				break;
			continue;
		}
		if (line[0] == '#') {
			if (list != UINT32_MAX)
				continue;  /* comments between rows */
			const char *p = line + 1;
			const char *end = line + ll;
			while (p < end && *p == ' ')
				p++;
			for (int i = 0; i < 4; i++) {
				size_t kl = strlen(meta_keys[i]);
				if ((size_t)(end - p) > kl && !memcmp(p, meta_keys[i], kl) && p[kl] == ':') {
					const char *v = p + kl + 1;
					while (v < end && *v == ' ')
						v++;
					meta[i] = v;
					meta_len[i] = (size_t)(end - v);
				}
			}
			continue;
		}
		if (list == UINT32_MAX) {
			/* first row: the header must be complete */
			if (!meta[1])
				FAIL("no \"# kind:\" header before the first row");
			if (!gaz_kind_parse(meta[1], meta_len[1], &kind))
				FAIL("unknown kind \"%.*s\"", (int)meta_len[1], meta[1]);
			const char *lname = meta[0];
			size_t lname_len = meta_len[0];
			if (!lname) {
				lname = base_name(path);
				lname_len = strcspn(lname, ".");
			}
			if (c->nlists >= 65535)
				FAIL("too many lists");
			if (!grow((void **)&c->lists, &c->lists_cap, c->nlists + 1,
			          sizeof(struct gaz_list_rec)))
				FAIL("out of memory");
			struct gaz_list_rec *l = &c->lists[c->nlists];
			memset(l, 0, sizeof(*l));
			l->name = intern(c, lname, lname_len);
			l->source = intern(c, meta[2] ? meta[2] : "", meta_len[2]);
			l->licence = intern(c, meta[3] ? meta[3] : "", meta_len[3]);
			l->file = intern(c, base_name(path), strlen(base_name(path)));
			l->kind = (uint8_t)kind;
			if (l->name == UINT32_MAX || l->source == UINT32_MAX ||
			    l->licence == UINT32_MAX || l->file == UINT32_MAX)
				FAIL("out of memory");
			list = (uint32_t)c->nlists++;
		}
		/* columns */
		const char *col[5] = {0};
		size_t cl[5] = {0};
		int ncol = 0;
		for (const char *p = line, *end = line + ll;;) {
			const char *t = memchr(p, '\t', (size_t)(end - p));
			if (ncol == 5)
				FAIL("more than 5 columns");
			col[ncol] = p;
			cl[ncol] = (size_t)((t ? t : end) - p);
			ncol++;
			if (!t)
				break;
			p = t + 1;
		}
		if (cl[0] == 0)
			FAIL("empty canonical name");
		for (size_t i = 0; i < cl[3]; i++) {
			if (col[3][i] == ' ' || col[3][i] == '|')
				FAIL("id \"%.*s\" contains a space or '|'", (int)cl[3], col[3]);
		}
		if (c->nentries >= UINT32_MAX / 2)
			FAIL("too many entries");
		if (!grow((void **)&c->entries, &c->entries_cap, c->nentries + 1,
		          sizeof(struct gaz_entry_rec)))
			FAIL("out of memory");
		uint32_t e = (uint32_t)c->nentries;
		struct gaz_entry_rec *er = &c->entries[e];
		memset(er, 0, sizeof(*er));
		er->canonical = intern(c, col[0], cl[0]);
		er->type = intern(c, col[1] ? col[1] : "", cl[1]);
		er->kb_id = intern(c, col[3] ? col[3] : "", cl[3]);
		er->attrs = intern(c, col[4] ? col[4] : "", cl[4]);
		if (er->canonical == UINT32_MAX || er->type == UINT32_MAX ||
		    er->kb_id == UINT32_MAX || er->attrs == UINT32_MAX)
			FAIL("out of memory");
		er->list = (uint16_t)list;
		er->kind = (uint8_t)kind;
		er->weight = entry_weight(kind, col[1] ? col[1] : "", cl[1], col[4] ? col[4] : "",
		                          cl[4], cl[3] > 0);
		c->nentries++;
		uint64_t seen[64];
		int nseen = 0;
		int r = add_name(c, e, col[0], cl[0], true, seen, &nseen);
		if (r < 0)
			FAIL("out of memory");
		/* r > 0: the canonical form is longer than GAZ_MAX_UNITS units or has no
		 * word; the entry is kept (its variants may match) */
		for (size_t i = 0; i < cl[2];) {
			size_t j = i;
			while (j < cl[2] && col[2][j] != '|')
				j++;
			if (add_name(c, e, col[2] + i, j - i, false, seen, &nseen) < 0)
				FAIL("out of memory");
			i = j + 1;
		}
		if (!nl)
			break;
	}
	if (list == UINT32_MAX) {
		lineno = 0;
		FAIL("no entries");
	}
	c->lists[list].nentries = (uint32_t)(c->nentries - first_entry);
out:
	free(buf);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int gaz_compiler_add_dir(struct gaz_compiler *c, const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "%s: cannot open directory: %s", dir, strerror(errno));
		return -EXT_E_BAD_DATA;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (l < 5 || de->d_name[0] == '.' || strcmp(de->d_name + l - 4, ".tsv"))
			continue;
		if (!grow((void **)&names, &cap, n + 1, sizeof(char *)) ||
		    !(names[n] = strdup(de->d_name))) {
			snprintf(err, errlen, "out of memory");
			rc = -EXT_E_NOMEM;
			goto out;
		}
		n++;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		rc = gaz_compiler_add_file(c, path, err, errlen);
	}
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

static int cmp_key(const void *a, const void *b)
{
	const struct key_var *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->v.entry < y->v.entry ? -1 : x->v.entry > y->v.entry;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

enum key_set { KEY_FIRST, KEY_PAIR, KEY_SINGLE, KEY_WORD };

/* Distinct keys of one start filter (tmp: room for c->nkeys). */
static size_t distinct_keys(const struct gaz_compiler *c, uint64_t *tmp, enum key_set set)
{
	size_t n = 0, d = 0;
	for (size_t i = 0; i < c->nkeys; i++) {
		const struct key_var *k = &c->keys[i];
		bool emits = gaz_kind_emits((enum gaz_kind)k->v.kind, k->v.nunits);
		if (set == KEY_FIRST && emits)
			tmp[n++] = k->first;
		else if (set == KEY_PAIR && emits && k->v.nunits >= 2)
			tmp[n++] = k->pair;
		else if (set == KEY_SINGLE && emits && k->v.nunits == 1)
			tmp[n++] = k->hash;
		else if (set == KEY_WORD && k->v.nunits == 1)
			tmp[n++] = k->hash;
	}
	qsort(tmp, n, sizeof(*tmp), cmp_u64);
	for (size_t i = 0; i < n; i++)
		d += i == 0 || tmp[i] != tmp[i - 1];
	return d;
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

static size_t align64(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

/* May a lower-case token match this one-unit variant?  (Not if it needs a
 * capital, all caps, or is a common word, which needs a capital.) */
static bool single_lower(const struct gaz_variant *v)
{
	return !(v->cap_mask & 1) && !(v->caps_mask & 1) && !(v->flags & GAZ_VAR_COMMON);
}

/* Has this emitting variant a key in the lower-case continuation filter
 * (gaz_image.h)?  Its first unit may be lower case, and a token without a
 * capital may follow it: a name of this unit alone that a lower-case word
 * may match, or a second unit written in lower case. */
static bool lower_lc_key(const struct gaz_variant *v)
{
	if ((v->cap_mask & 1) || (v->caps_mask & 1))
		return false;
	if (v->nunits == 1)
		return single_lower(v);
	return !(v->cap_mask & 2) && !(v->caps_mask & 2);
}

/* Has this emitting variant a key in the seventh filter?  One unit that a
 * lower-case word may match, or 2+ units of which the first may be lower
 * case (as for the second filter). */
static bool lower2_key(const struct gaz_variant *v)
{
	if (v->nunits == 1)
		return single_lower(v);
	return !(v->cap_mask & 1) && !(v->caps_mask & 1);
}

static void filter_set(uint64_t *bits, uint32_t log2, uint64_t h)
{
	uint64_t b = h >> (64 - log2);
	bits[b >> 6] |= 1ull << (b & 63);
}

/* Set the bits of question q about hash h in the block of h1 (the inverse
 * of gaz_start_test()). */
static void start_set(uint64_t *bits, uint32_t log2, uint64_t h1, enum gaz_start_q q,
                      uint64_t h)
{
	unsigned w;
	uint64_t m = gaz_start_mask(q, h, &w);
	bits[((h1 >> (64 - (log2 - 9))) << 3) + w] |= m;
}

static struct gaz_slot *slot_for(struct gaz_slot *slots, uint32_t mask, uint64_t h)
{
	uint32_t i = (uint32_t)h & mask;
	while (slots[i].hash && slots[i].hash != h)
		i = (i + 1) & mask;
	return &slots[i];
}

int gaz_compiler_build(struct gaz_compiler *c, const char *version, void **out, size_t *outlen,
                       char *err, size_t errlen)
{
	if (c->nentries == 0) {
		snprintf(err, errlen, "no gazetteer entries to compile");
		return -EXT_E_BAD_DATA;
	}
	/* common words: single-unit keys of common_word lists */
	uint64_t *common = NULL;
	size_t ncommon = 0;
	for (size_t i = 0; i < c->nkeys; i++) {
		if (c->entries[c->keys[i].v.entry].kind == GAZ_KIND_COMMON_WORD &&
		    c->keys[i].v.nunits == 1)
			ncommon++;
	}
	if (ncommon) {
		common = malloc(ncommon * sizeof(*common));
		if (!common)
			goto oom;
		ncommon = 0;
		for (size_t i = 0; i < c->nkeys; i++) {
			if (c->entries[c->keys[i].v.entry].kind == GAZ_KIND_COMMON_WORD &&
			    c->keys[i].v.nunits == 1)
				common[ncommon++] = c->keys[i].hash;
		}
		qsort(common, ncommon, sizeof(*common), cmp_u64);
		for (size_t i = 0; i < c->nkeys; i++) {
			struct key_var *k = &c->keys[i];
			if (k->v.nunits == 1 && k->v.caps_mask == 0 &&
			    c->entries[k->v.entry].kind != GAZ_KIND_COMMON_WORD &&
			    bsearch(&k->hash, common, ncommon, sizeof(*common), cmp_u64))
				k->v.flags |= GAZ_VAR_COMMON;
		}
		free(common);
	}
	qsort(c->keys, c->nkeys, sizeof(*c->keys), cmp_key);
	if (c->nprefixes)
		qsort(c->prefixes, c->nprefixes, sizeof(uint64_t), cmp_u64);
	size_t np = 0;
	for (size_t i = 0; i < c->nprefixes; i++) {
		if (np == 0 || c->prefixes[np - 1] != c->prefixes[i])
			c->prefixes[np++] = c->prefixes[i];
	}
	c->nprefixes = np;
	size_t nfull = 0;
	for (size_t i = 0; i < c->nkeys; i++)
		nfull += i == 0 || c->keys[i].hash != c->keys[i - 1].hash;
	size_t nslots = 16;
	while (nslots < 2 * (nfull + np))
		nslots *= 2;
	if (nslots > UINT32_MAX / 2 || c->nkeys > UINT32_MAX) {
		snprintf(err, errlen, "too many gazetteer keys");
		return -EXT_E_BAD_DATA;
	}

	size_t off_lists = align8(sizeof(struct gaz_header));
	size_t off_entries = align8(off_lists + c->nlists * sizeof(struct gaz_list_rec));
	size_t off_slots = align64(off_entries + c->nentries * sizeof(struct gaz_entry_rec));
	size_t off_variants = align8(off_slots + nslots * sizeof(struct gaz_slot));
	size_t off_strings = align8(off_variants + c->nkeys * sizeof(struct gaz_variant));
	/* start filters: ~8 bits per start key, between 2^10 and 2^24 bits */
	size_t nstart = 0, nlower = 0, npair = 0, nsingle = 0, nword = 0, nslower = 0;
	size_t nlower2 = 0, nlc = 0;
	for (size_t i = 0; i < c->nkeys; i++) {
		const struct gaz_variant *v = &c->keys[i].v;
		nword += v->nunits == 1;
		if (gaz_kind_emits((enum gaz_kind)v->kind, v->nunits)) {
			nlower += !(v->cap_mask & 1) && !(v->caps_mask & 1);
			nslower += v->nunits == 1 && single_lower(v);
			nlower2 += lower2_key(v);
			nlc += lower_lc_key(v);
		}
	}
	/* the big filters are sized by distinct keys (many variants share a
	 * first unit or a first pair): smaller filters stay in cache */
	uint64_t *tmp = malloc((c->nkeys + 1) * sizeof(*tmp));
	if (!tmp)
		goto oom;
	nstart = distinct_keys(c, tmp, KEY_FIRST);
	npair = distinct_keys(c, tmp, KEY_PAIR);
	nsingle = distinct_keys(c, tmp, KEY_SINGLE);
	nword = distinct_keys(c, tmp, KEY_WORD);
	free(tmp);
	/* the start filter holds the three kinds of keys; two bits each in a
	 * 512-bit block, ~8 bits per key as for the flat filters (measured on
	 * the bundled lists: about as many false starts, singles and pairs as
	 * three flat filters of 416 KB, from 256 KB) */
	uint32_t flog2 = 10, llog2 = 10, wlog2 = 10, sllog2 = 10;
	uint32_t l2log2 = 10, lclog2 = 10;
	while (flog2 < 24 && ((size_t)1 << flog2) < 8 * (nstart + npair + nsingle))
		flog2++;
	while (llog2 < 24 && ((size_t)1 << llog2) < 8 * nlower)
		llog2++;
	while (wlog2 < 24 && ((size_t)1 << wlog2) < 8 * nword)
		wlog2++;
	while (sllog2 < 24 && ((size_t)1 << sllog2) < 8 * nslower)
		sllog2++;
	while (l2log2 < 24 && ((size_t)1 << l2log2) < 8 * nlower2)
		l2log2++;
	while (lclog2 < 24 && ((size_t)1 << lclog2) < 8 * nlc)
		lclog2++;
	/* the start filter's blocks are cache lines */
	size_t off_filter = align64(off_strings + c->pool_len);
	size_t total = off_filter + ((size_t)1 << (flog2 - 3)) + ((size_t)1 << (llog2 - 3)) +
	               ((size_t)1 << (wlog2 - 3)) + ((size_t)1 << (sllog2 - 3)) +
	               ((size_t)1 << (l2log2 - 3)) + GAZ_DIGITS_BITS / 8 +
	               ((size_t)1 << (lclog2 - 3));
	uint8_t *img = calloc(1, total);
	if (!img)
		goto oom;
	struct gaz_header *h = (void *)img;
	memcpy(h->magic, GAZ_MAGIC, 8);
	h->format = GAZ_FORMAT_VERSION;
	h->header_size = sizeof(*h);
	h->file_size = total;
	h->nlists = (uint32_t)c->nlists;
	h->nentries = (uint32_t)c->nentries;
	h->nslots = (uint32_t)nslots;
	h->nvariants = (uint32_t)c->nkeys;
	h->off_lists = off_lists;
	h->off_entries = off_entries;
	h->off_slots = off_slots;
	h->off_variants = off_variants;
	h->off_strings = off_strings;
	h->strings_size = c->pool_len;
	h->off_filter = off_filter;
	h->filter_start_log2 = flog2;
	h->filter_lower_log2 = llog2;
	h->filter_word_log2 = wlog2;
	h->filter_single_lower_log2 = sllog2;
	h->filter_lower2_log2 = l2log2;
	h->filter_lower_lc_log2 = lclog2;
	memcpy(img + off_lists, c->lists, c->nlists * sizeof(struct gaz_list_rec));
	memcpy(img + off_entries, c->entries, c->nentries * sizeof(struct gaz_entry_rec));
	memcpy(img + off_strings, c->pool, c->pool_len);
	struct gaz_slot *slots = (void *)(img + off_slots);
	struct gaz_variant *vars = (void *)(img + off_variants);
	uint32_t mask = (uint32_t)nslots - 1;
	for (size_t i = 0; i < c->nkeys;) {
		size_t j = i;
		while (j < c->nkeys && c->keys[j].hash == c->keys[i].hash) {
			vars[j] = c->keys[j].v;
			j++;
		}
		struct gaz_slot *s = slot_for(slots, mask, c->keys[i].hash);
		s->hash = c->keys[i].hash;
		s->first_var = (uint32_t)i;
		/* a key shared by more than 65535 entries keeps the first ones */
		s->nvar = (uint16_t)(j - i > 65535 ? 65535 : j - i);
		gaz_slot_summarize(s, &vars[i], s->nvar);
		i = j;
	}
	uint64_t *fstart = (void *)(img + off_filter);
	uint64_t *flower = fstart + ((size_t)1 << (flog2 - 6));
	uint64_t *fword = flower + ((size_t)1 << (llog2 - 6));
	uint64_t *fslower = fword + ((size_t)1 << (wlog2 - 6));
	uint64_t *flower2 = fslower + ((size_t)1 << (sllog2 - 6));
	uint64_t *fdigits = flower2 + ((size_t)1 << (l2log2 - 6));
	uint64_t *flc = fdigits + GAZ_DIGITS_BITS / 64;
	for (size_t i = 0; i < c->nkeys; i++) {
		const struct key_var *k = &c->keys[i];
		if (k->v.nunits == 1)
			filter_set(fword, wlog2, k->hash);
		if (!gaz_kind_emits((enum gaz_kind)k->v.kind, k->v.nunits))
			continue;
		start_set(fstart, flog2, k->first, GAZ_START_ANY, k->first);
		if (k->digits > h->digits_max)
			h->digits_max = k->digits;
		if (k->digits && k->digits <= GAZ_DIGITS_SHORT) {
			uint32_t b = gaz_digits_index(k->digits, k->value);
			fdigits[b >> 6] |= 1ull << (b & 63);
		}
		if (!(k->v.cap_mask & 1) && !(k->v.caps_mask & 1))
			filter_set(flower, llog2, k->sig);
		if (lower_lc_key(&k->v))
			filter_set(flc, lclog2, gaz_sig_lc(k->sig));
		if (k->v.nunits >= 2)
			start_set(fstart, flog2, k->first, GAZ_START_PAIR, k->pair);
		else
			start_set(fstart, flog2, k->first, GAZ_START_SINGLE, k->hash);
		if (k->v.nunits == 1 && single_lower(&k->v))
			filter_set(fslower, sllog2, k->hash);
		if (lower2_key(&k->v))
			filter_set(flower2, l2log2, k->v.nunits == 1 ? gaz_sig_single(k->sig)
			                                             : gaz_sig_pair(k->sig, k->sig2));
	}
	for (size_t i = 0; i < np; i++) {
		struct gaz_slot *s = slot_for(slots, mask, c->prefixes[i]);
		s->hash = c->prefixes[i];
		s->flags |= GAZ_SLOT_PREFIX;
	}
	h->checksum = gaz_checksum(img + h->header_size, total - h->header_size);
	if (version)
		snprintf(h->data_version, sizeof(h->data_version), "%s", version);
	else
		snprintf(h->data_version, sizeof(h->data_version), "gaz%u-%zu-%08llx",
		         GAZ_FORMAT_VERSION, c->nentries,
		         (unsigned long long)(h->checksum >> 32));
	*out = img;
	*outlen = total;
	return 0;
oom:
	snprintf(err, errlen, "out of memory compiling gazetteers");
	return -EXT_E_NOMEM;
}

int gaz_write_file(const char *path, const void *buf, size_t len, char *err, size_t errlen)
{
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "wb");
	if (!f) {
		snprintf(err, errlen, "cannot create %s: %s", tmp, strerror(errno));
		return -1;
	}
	bool ok = fwrite(buf, 1, len, f) == len;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) < 0) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
