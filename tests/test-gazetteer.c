/* test-gazetteer.c: the gazetteer compiler, image checks, matcher policy
 * (case, diacritics, common words, longest match), ambiguity, the lookup API
 * and reload with extra directories (including a rejected broken list).
 * Matcher cases run the whole engine on the bundled data (tu_extract). */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "errors.h"
#include "extractor.h"
#include "gaz_image.h"
#include "gazetteer.h"
#include "testutil.h"

/* ---- helpers ---- */

static char tmpdir[256];

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void tmp_cleanup(void)
{
	if (tmpdir[0])
		nftw(tmpdir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* A fresh temporary directory, removed when the test process exits. */
static void tmp_setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test-gazetteer.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	atexit(tmp_cleanup);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	ck_assert_int_eq(fclose(f), 0);
}

static const char staff_tsv[] =
	"# list: staff\n"
	"# kind: person\n"
	"# licence: test data\n"
	"Hanako Tsubame\tjournalist\tH. Tsubame|Tsubame Hanako\tX1\tdesk=politics\n"
	"Zeb Quillfeather\tjournalist\t\t\t\n";

static const char places_tsv[] =
	"# list: places\n"
	"# kind: location\n"
	"Quarnby\tcity\t\tQ900001\tcc=GB;pop=50000\n"
	"Quarnby\tcity\t\tQ900002\tcc=US;pop=2000\n"
	"Südwald\tregion\tSudwald\tQ900003\tcc=DE\n"
	"QRX\tcity\t\tQ900004\tcc=FR\n";

/* Compile text as one list into a fresh image file in tmpdir; returns 0 or
 * the compiler's error (message in err). */
static int compile_one(const char *text, const char *image, char *err, size_t errlen)
{
	write_file(tmpdir, "list.tsv", text);
	char path[512];
	snprintf(path, sizeof(path), "%s/list.tsv", tmpdir);
	struct gaz_compiler *c = gaz_compiler_new();
	ck_assert_ptr_nonnull(c);
	void *buf = NULL;
	size_t len = 0;
	int rc = gaz_compiler_add_file(c, path, err, errlen);
	if (rc == 0)
		rc = gaz_compiler_build(c, NULL, &buf, &len, err, errlen);
	if (rc == 0 && image)
		ck_assert_int_eq(gaz_write_file(image, buf, len, err, errlen), 0);
	free(buf);
	gaz_compiler_free(c);
	return rc;
}

/* ---- compiler ---- */

START_TEST(test_compile_and_lookup)
{
	tmp_setup();
	char err[512], img[512];
	snprintf(img, sizeof(img), "%s/%s", tmpdir, GAZ_IMAGE_NAME);
	ck_assert_int_eq(compile_one(places_tsv, img, err, sizeof(err)), 0);
	struct gazetteer *g = gaz_open(img, NULL, err, sizeof(err));
	ck_assert_msg(g != NULL, "%s", err);
	ck_assert_uint_eq(gaz_entry_count(g), 4);
	char want[32];
	snprintf(want, sizeof(want), "gaz%u-4-", GAZ_FORMAT_VERSION);
	ck_assert_msg(!strncmp(gaz_data_version(g), want, strlen(want)), "%s", gaz_data_version(g));

	struct gaz_candidate c[4];
	/* ambiguity: both Quarnbys, the populous one first with the higher prior */
	ck_assert_uint_eq(gaz_lookup(g, "Quarnby", 7, c, 4), 2);
	ck_assert_str_eq(c[0].kb_id, "Q900001");
	ck_assert_str_eq(c[1].kb_id, "Q900002");
	ck_assert(c[0].prior > c[1].prior);
	ck_assert(c[0].prior + c[1].prior > 0.999 && c[0].prior + c[1].prior < 1.001);
	ck_assert_str_eq(c[0].list, "places");
	const char *v;
	size_t vl;
	ck_assert(gaz_attr(c[0].attrs, "cc", &v, &vl) && vl == 2 && !memcmp(v, "GB", 2));
	ck_assert(!gaz_attr(c[0].attrs, "c", &v, &vl));
	/* folding: case and diacritics */
	ck_assert_uint_eq(gaz_lookup(g, "SUDWALD", 7, c, 4), 1);
	ck_assert_str_eq(c[0].canonical, "Südwald");
	ck_assert_uint_eq(gaz_lookup(g, "südwald", strlen("südwald"), c, 4), 1);
	ck_assert_uint_eq(gaz_lookup(g, "Nowhere", 7, c, 4), 0);
	gaz_close(g);
}
END_TEST

/* Key hash of a name of plain lower-case ASCII words (the matcher's chain). */
static uint64_t words_key(const char *const *w, size_t n)
{
	uint64_t h = GAZ_HASH_SEED;
	for (size_t i = 0; i < n; i++)
		h = gaz_hash_chain(h, gaz_unit_hash(w[i], strlen(w[i])));
	return h;
}

/* The start filter answers yes for every first unit, one-unit name and first
 * pair of an emitted name (it may say yes to others, never no to these). */
START_TEST(test_start_filter)
{
	tmp_setup();
	char err[512], img_path[512], lists[4096];
	snprintf(img_path, sizeof(img_path), "%s/%s", tmpdir, GAZ_IMAGE_NAME);
	snprintf(lists, sizeof(lists), "%s%s%s", places_tsv,
	         "Nether Quarnby\tvillage\t\t\t\nPort of Quarnby\tport\t\t\t\n",
	         "38 Degrees\tvillage\t\t\t\n007 Point\tcape\t\t\t\n"
	         "1,000 Islands\tregion\t\t\t\n123456 Road\tvillage\t\t\t\n");
	ck_assert_int_eq(compile_one(lists, img_path, err, sizeof(err)), 0);
	struct gaz_image *img = gaz_image_open(img_path, err, sizeof(err));
	ck_assert_msg(img != NULL, "%s", err);
	const uint64_t *f = img->filter_start;
	uint32_t lg = img->hdr->filter_start_log2;
	static const char *const singles[] = {"quarnby", "sudwald", "qrx"};
	for (size_t i = 0; i < 3; i++) {
		uint64_t h1 = words_key(&singles[i], 1);
		ck_assert_msg(gaz_start_test(f, lg, h1, GAZ_START_ANY, h1), "%s", singles[i]);
		ck_assert_msg(gaz_start_test(f, lg, h1, GAZ_START_SINGLE, h1), "%s", singles[i]);
	}
	static const char *const nether[] = {"nether", "quarnby"}, *const port[] = {"port", "of"};
	uint64_t h1 = words_key(nether, 1), h2 = words_key(nether, 2);
	ck_assert(gaz_start_test(f, lg, h1, GAZ_START_ANY, h1));
	ck_assert(gaz_start_test(f, lg, h1, GAZ_START_PAIR, h2));
	h1 = words_key(port, 1);
	h2 = words_key(port, 2);
	ck_assert(gaz_start_test(f, lg, h1, GAZ_START_ANY, h1));
	ck_assert(gaz_start_test(f, lg, h1, GAZ_START_PAIR, h2));
	/* the digit table: names that start with digits alone, leading zeros
	 * and all, and the longest such unit */
	const uint64_t *d = img->digits;
#define DIGIT_SET(n, v) ((d[gaz_digits_index(n, v) >> 6] >> (gaz_digits_index(n, v) & 63)) & 1)
	ck_assert(DIGIT_SET(2, 38));
	ck_assert(DIGIT_SET(3, 7));
	ck_assert(!DIGIT_SET(1, 7));
	ck_assert(DIGIT_SET(4, 1000));
	ck_assert(!DIGIT_SET(2, 39));
#undef DIGIT_SET
	ck_assert_uint_eq(img->hdr->digits_max, 6);
	/* a block of 8 words, and no more blocks than the filter's bits allow */
	ck_assert_uint_ge(lg, 9);
	ck_assert_uint_eq(img->hdr->off_filter % 64, 0);
	gaz_image_free(img);
}
END_TEST

/* A broken list is refused as a whole, with file:line and a reason. */
static const struct {
	const char *text;
	const char *why;
} broken[] = {
	{"Quarnby\tcity\n", "no \"# kind:\" header"},
	{"# kind: planet\nQuarnby\tcity\n", "unknown kind"},
	{"# kind: location\nQuarnby\tcity\t\t\t\textra\n", "more than 5 columns"},
	{"# kind: location\n\tcity\n", "empty canonical name"},
	{"# kind: location\nQuarnby\tcity\t\tQ1 2\n", "contains a space"},
	{"# kind: location\nQuar\xff" "nby\tcity\n", "invalid UTF-8"},
	{"# kind: location\n# list: empty\n", "no entries"},
};

START_TEST(test_broken_list)
{
	tmp_setup();
	char err[512] = "";
	ck_assert_int_eq(compile_one(broken[_i].text, NULL, err, sizeof(err)), -EXT_E_BAD_DATA);
	ck_assert_msg(strstr(err, broken[_i].why) != NULL, "error \"%s\" lacks \"%s\"", err,
	              broken[_i].why);
	ck_assert_msg(strstr(err, "list.tsv:") != NULL, "no file name in \"%s\"", err);
}
END_TEST

/* A damaged image is refused with a clear message. */
enum damage { DMG_BYTE, DMG_TRUNCATE, DMG_MAGIC, DMG_FORMAT, DMG_EMPTY, DMG_SUMMARY };
static const struct {
	enum damage how;
	const char *why;
} damaged[] = {
	{DMG_BYTE, "checksum mismatch"},
	{DMG_TRUNCATE, "truncated"},
	{DMG_MAGIC, "bad magic"},
	{DMG_FORMAT, "format"},
	{DMG_EMPTY, "empty"},
	{DMG_SUMMARY, "does not match its variants"},
};

/* Change the kinds a slot claims for its variants and fix the checksum: the
 * loader must notice the lie, since the matcher trusts the summary. */
static void damage_summary(FILE *f, size_t size)
{
	uint8_t *b = malloc(size);
	ck_assert_ptr_nonnull(b);
	fseek(f, 0, SEEK_SET);
	ck_assert_uint_eq(fread(b, 1, size, f), size);
	struct gaz_header *h = (void *)b;
	struct gaz_slot *slots = (void *)(b + h->off_slots);
	uint32_t i = 0;
	while (i < h->nslots && !slots[i].nvar)
		i++;
	ck_assert_uint_lt(i, h->nslots);
	slots[i].kinds ^= 1u << GAZ_KIND_CURRENCY;
	h->checksum = gaz_checksum(b + h->header_size, size - h->header_size);
	fseek(f, 0, SEEK_SET);
	ck_assert_uint_eq(fwrite(b, 1, size, f), size);
	free(b);
}

START_TEST(test_damaged_image)
{
	tmp_setup();
	char err[512], img[512];
	snprintf(img, sizeof(img), "%s/%s", tmpdir, GAZ_IMAGE_NAME);
	ck_assert_int_eq(compile_one(places_tsv, img, err, sizeof(err)), 0);
	FILE *f = fopen(img, "r+b");
	ck_assert_ptr_nonnull(f);
	struct stat st;
	ck_assert_int_eq(stat(img, &st), 0);
	switch (damaged[_i].how) {
	case DMG_BYTE: {
		/* one flipped bit in the string pool */
		fseek(f, st.st_size / 2, SEEK_SET);
		int b = fgetc(f);
		fseek(f, st.st_size / 2, SEEK_SET);
		fputc(b ^ 0x10, f);
		break;
	}
	case DMG_TRUNCATE:
		ck_assert_int_eq(ftruncate(fileno(f), st.st_size - 64), 0);
		break;
	case DMG_MAGIC:
		fputc('X', f);
		break;
	case DMG_FORMAT: {
		uint32_t v = GAZ_FORMAT_VERSION + 1;
		fseek(f, 8, SEEK_SET);
		fwrite(&v, sizeof(v), 1, f);
		break;
	}
	case DMG_EMPTY:
		ck_assert_int_eq(ftruncate(fileno(f), 0), 0);
		break;
	case DMG_SUMMARY:
		damage_summary(f, (size_t)st.st_size);
		break;
	}
	fclose(f);
	struct gazetteer *g = gaz_open(img, NULL, err, sizeof(err));
	ck_assert_ptr_null(g);
	ck_assert_msg(strstr(err, damaged[_i].why) != NULL, "\"%s\" lacks \"%s\"", err,
	              damaged[_i].why);
	/* and the engine refuses to start on it, naming the file */
	struct engine_config cfg;
	engine_config_defaults(&cfg);
	cfg.data_dir = tmpdir;
	struct engine *e = engine_new(&cfg, err, sizeof(err));
	ck_assert_ptr_null(e);
	ck_assert_msg(strstr(err, "gazetteer") && strstr(err, img), "%s", err);
}
END_TEST

/* ---- matcher on the bundled data ---- */

static const struct {
	const char *text;
	const char *span;   /* expected mention text, or NULL: none of `type` */
	enum mention_type type;
	const char *kb_id;  /* expected link, NULL: no check */
} match_cases[] = {
	/* diacritics either way */
	{"Officials said Dovilė Šakalienė would travel.", "Dovilė Šakalienė", MT_PERSON, "Q27807718"},
	{"Officials said Dovile Sakaliene would travel.", "Dovile Sakaliene", MT_PERSON, "Q27807718"},
	/* full names only: a lone given name is not a person mention */
	{"Later Gen Nakatani spoke to reporters.", "Gen Nakatani", MT_PERSON, "Q5530859"},
	{"He met Fumio Kishida and aides.", "Fumio Kishida", MT_PERSON, "Q359480"},
	/* all-caps acronyms need capitals: "US" yes, "us" no */
	{"The deal worries US officials.", "US", MT_LOCATION, "Q30"},
	{"They told us nothing new.", NULL, MT_LOCATION, NULL},
	{"Troops left the U.S. base.", "U.S.", MT_LOCATION, "Q30"},
	/* common words as names need capitals and a non-initial position */
	{"She moved to Reading last year.", "Reading", MT_LOCATION, NULL},
	{"Reading the report took hours.", NULL, MT_LOCATION, NULL},
	{"Nobody was reading anything.", NULL, MT_LOCATION, NULL},
	{"Shares of Apple rose on Monday.", "Apple", MT_ORGANIZATION, NULL},
	{"She ate an apple at noon.", NULL, MT_ORGANIZATION, NULL},
	/* possessive, longest match, capital required */
	{"Growth in Japan's economy slowed.", "Japan", MT_LOCATION, "Q17"},
	{"He flew Japan Airlines to Nagoya.", "Japan Airlines", MT_ORGANIZATION, NULL},
	{"She studied at Tokyo International University before.",
	 "Tokyo International University", MT_ORGANIZATION, NULL},
	{"Results from Lithuania came late.", "Lithuania", MT_LOCATION, "Q37"},
	{"Results from lithuania came late.", NULL, MT_LOCATION, NULL},
	/* a name does not run across a sentence boundary */
	{"They landed in Japan. Airlines were busy.", "Japan", MT_LOCATION, "Q17"},
};

START_TEST(test_match)
{
	struct arena *a;
	struct document *doc = tu_extract(match_cases[_i].text, NULL, &a);
	enum mention_type t = match_cases[_i].type;
	if (!match_cases[_i].span) {
		for (size_t i = 0; i < doc->mentions.n; i++) {
			const struct mention *m = &doc->mentions.v[i];
			ck_assert_msg(m->type != t || strncmp(m->source, "gazetteer:", 10),
			              "unexpected %s \"%s\" (%s)", mention_type_name(t), tu_text(doc, m),
			              m->source);
		}
	} else {
		const struct mention *m = tu_find(doc, t, match_cases[_i].span);
		ck_assert_msg(m != NULL, "no %s \"%s\" in \"%s\"", mention_type_name(t),
		              match_cases[_i].span, match_cases[_i].text);
		ck_assert_msg(!strncmp(m->source, "gazetteer:", 10), "source %s", m->source);
		ck_assert_ptr_nonnull(m->link.canonical);
		ck_assert(m->link.prior > 0 && m->link.prior <= 1);
		if (match_cases[_i].kb_id) {
			ck_assert_ptr_nonnull(m->link.kb_id);
			ck_assert_str_eq(m->link.kb_id, match_cases[_i].kb_id);
		}
	}
	arena_free(a);
}
END_TEST

/* Names that start with a number, as the gazetteer run itself finds them
 * (in the whole engine NER re-decides them, and would find them without
 * it): the digit table lets these numbers in, and drops the others. */
static const struct {
	const char *text, *span;
} digit_cases[] = {
	{"Campaigners from 38 Degrees met him.", "38 Degrees"},
	{"Shares of 908 Devices rose.", "908 Devices"},
	{"He leads the 21 Party in Yangon.", "21 Party"},
	{"Some 36 Degrees were counted.", NULL},
};

START_TEST(test_digit_start)
{
	struct arena *a;
	struct document *doc = tu_tokenize(digit_cases[_i].text, &a);
	const void *state = engine_extractor_state(tu_engine(), "gazetteer");
	ck_assert_ptr_nonnull(state);
	ck_assert_int_eq(ext_gazetteer.run(state, doc, NULL), 0);
	const struct mention *m = NULL;
	for (size_t i = 0; i < doc->mentions.n; i++) {
		const struct mention *x = &doc->mentions.v[i];
		if (doc->text[x->start] >= '0' && doc->text[x->start] <= '9')
			m = x;  /* a name that starts with the number */
	}
	if (!digit_cases[_i].span) {
		ck_assert_msg(m == NULL, "unexpected \"%s\"", m ? tu_text(doc, m) : "");
	} else {
		ck_assert_msg(m != NULL, "no \"%s\"", digit_cases[_i].span);
		ck_assert_str_eq(tu_text(doc, m), digit_cases[_i].span);
		ck_assert_str_eq(m->rule, "gazetteer");
	}
	arena_free(a);
}
END_TEST

/* ---- lookup API on the bundled data ---- */

static bool has_kb(const struct gaz_candidate *c, size_t n, const char *q)
{
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(c[i].kb_id, q))
			return true;
	}
	return false;
}

START_TEST(test_ambiguous)
{
	const struct gazetteer *g = gaz_from_engine(tu_engine());
	ck_assert_ptr_nonnull(g);
	struct gaz_candidate c[32];
	size_t n = gaz_lookup(g, "Georgia", 7, c, 32);
	ck_assert_uint_ge(n, 2);
	ck_assert(has_kb(c, n, "Q230"));   /* the country */
	ck_assert(has_kb(c, n, "Q1428"));  /* the US state */
	double sum = 0;
	for (size_t i = 0; i < n && i < 32; i++) {
		sum += c[i].prior;
		if (i)
			ck_assert(c[i - 1].weight >= c[i].weight);
	}
	ck_assert(sum > 0.999 && sum < 1.001);
	/* Paris: several cities; the French capital has the highest prior of them */
	n = gaz_lookup(g, "Paris", 5, c, 32);
	size_t cities = 0;
	const struct gaz_candidate *first_city = NULL;
	for (size_t i = 0; i < n && i < 32; i++) {
		if (!strcmp(c[i].type, "city")) {
			cities++;
			if (!first_city)
				first_city = &c[i];
		}
	}
	ck_assert_uint_ge(cities, 2);
	const char *v;
	size_t vl;
	ck_assert(gaz_attr(first_city->attrs, "cc", &v, &vl) && !memcmp(v, "FR", 2));
}
END_TEST

START_TEST(test_membership_and_positions)
{
	const struct gazetteer *g = gaz_from_engine(tu_engine());
	ck_assert(gaz_is(g, GAZ_KIND_SURNAME, "Nakatani", 8));
	ck_assert(gaz_is(g, GAZ_KIND_GIVEN_NAME, "Ryo", 3));
	ck_assert(gaz_is(g, GAZ_KIND_TITLE, "Defence Minister", 16));
	ck_assert(gaz_is(g, GAZ_KIND_DESIGNATOR, "Inc.", 4));
	ck_assert(gaz_is(g, GAZ_KIND_DESIGNATOR, "Holdings", 8));
	ck_assert(!gaz_is(g, GAZ_KIND_SURNAME, "Tokyo International University", 30));
	char cc[3];
	ck_assert(gaz_demonym_country(g, "Japanese", 8, cc));
	ck_assert_str_eq(cc, "JP");
	ck_assert(!gaz_demonym_country(g, "Tokyo", 5, cc));
	/* people keep their positions */
	struct gaz_candidate c[8];
	size_t n = gaz_lookup(g, "Gen Nakatani", 12, c, 8);
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(c[0].kb_id, "Q5530859");
	const char *v;
	size_t vl;
	ck_assert(gaz_attr(c[0].attrs, "positions", &v, &vl));
	ck_assert_msg(memmem(v, vl, "Minister of Defence (Japan) 2014", 32) != NULL, "%.*s",
	              (int)vl, v);
	/* token-span lookup gives the same entries, with the case check */
	struct arena *a;
	struct document *doc = tu_tokenize("Defence Minister Gen Nakatani said.", &a);
	n = gaz_lookup_tokens(g, doc, 2, 4, c, 8);
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(c[0].kb_id, "Q5530859");
	ck_assert(c[0].case_ok);
	arena_free(a);
}
END_TEST

/* gaz_token_kinds gives the kinds gaz_lookup_tokens would return for one token,
 * with the same cap on the candidates and the same case rule. */
START_TEST(test_token_kinds)
{
	const struct gazetteer *g = gaz_from_engine(tu_engine());
	struct arena *a;
	struct document *doc = tu_tokenize("Paris and PARIS, Japan's Diet. Reading us US Gen "
	                                   "Nakatani . Smith-Jones Georgia", &a);
	bool some = false;
	for (size_t max = 1; max <= 32; max *= 2) {
		for (size_t i = 0; i < doc->ntokens; i++) {
			struct gaz_candidate c[32];
			size_t n = gaz_lookup_tokens(g, doc, i, i + 1, c, max);
			unsigned any = 0, ok = 0, kany, kok;
			for (size_t k = 0; k < n && k < max; k++) {
				any |= 1u << c[k].kind;
				if (c[k].case_ok)
					ok |= 1u << c[k].kind;
			}
			gaz_token_kinds(g, doc, i, max, &kany, &kok);
			ck_assert_msg(kany == any && kok == ok, "token %zu, max %zu: %x/%x, want %x/%x", i,
			              max, kany, kok, any, ok);
			some = some || (any && any != ok);
		}
	}
	ck_assert(some);  /* a case rule was exercised */
	arena_free(a);
}
END_TEST

/* ---- reload: extra directories merged at load, broken data rejected ---- */

static struct engine *engine_with_dir(const char *dir, char *err, size_t errlen)
{
	struct engine_config cfg;
	engine_config_defaults(&cfg);
	cfg.doc_budget_ms = 0;
	cfg.gazetteer_dirs = dir;
	return engine_new(&cfg, err, errlen);
}

static const struct mention *extract_with(struct engine *e, const char *text,
                                          struct arena **a, struct document **docp)
{
	*a = arena_new(0);
	int er;
	size_t bad;
	struct document *doc = doc_new(*a, text, strlen(text), &er, &bad);
	ck_assert_ptr_nonnull(doc);
	struct scratch *s = scratch_new(engine_config(e));
	ck_assert_int_eq(engine_process(e, doc, s), 0);
	scratch_free(s);
	*docp = doc;
	const struct mention *m = NULL;
	for (size_t i = 0; i < doc->mentions.n && !m; i++) {
		if (!strcmp(doc->mentions.v[i].source, "gazetteer:staff"))
			m = &doc->mentions.v[i];
	}
	return m;
}

START_TEST(test_reload_extra_dir)
{
	tmp_setup();
	char err[512];
	write_file(tmpdir, "staff.tsv", staff_tsv);
	struct engine *e1 = engine_with_dir(tmpdir, err, sizeof(err));
	ck_assert_msg(e1 != NULL, "%s", err);
	ck_assert_msg(strstr(engine_data_version(e1), "+1extra-2-") != NULL, "%s",
	              engine_data_version(e1));
	struct arena *a;
	struct document *doc;
	const struct mention *m = extract_with(e1, "Reporter Hanako Tsubame wrote it.", &a, &doc);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(tu_text(doc, m), "Hanako Tsubame");
	ck_assert_str_eq(m->link.kb_id, "X1");
	arena_free(a);

	/* a broken list: the new engine is refused, the old one keeps working */
	write_file(tmpdir, "zz-broken.tsv", "# kind: person\nName\ta\tb\tc\td\te\n");
	struct engine *e2 = engine_with_dir(tmpdir, err, sizeof(err));
	ck_assert_ptr_null(e2);
	ck_assert_msg(strstr(err, "zz-broken.tsv:2") != NULL, "%s", err);
	m = extract_with(e1, "Then Zeb Quillfeather replied.", &a, &doc);
	ck_assert_ptr_nonnull(m);
	arena_free(a);

	/* fixed: a new engine sees the added name */
	write_file(tmpdir, "zz-broken.tsv", "# kind: person\n# list: staff\nMira Okonkwo-Lind\n");
	e2 = engine_with_dir(tmpdir, err, sizeof(err));
	ck_assert_msg(e2 != NULL, "%s", err);
	m = extract_with(e2, "Columnist Mira Okonkwo-Lind replied.", &a, &doc);
	ck_assert_ptr_nonnull(m);
	arena_free(a);
	ck_assert_str_ne(engine_data_version(e1), engine_data_version(e2));
	engine_unref(e1);
	engine_unref(e2);
}
END_TEST

/* A name in an extra directory that starts in lower case: the lower-case
 * start filters of the extra image (not only the bundled one's) let it in. */
START_TEST(test_extra_dir_lower_start)
{
	tmp_setup();
	char err[512];
	write_file(tmpdir, "staff.tsv",
	           "# list: staff\n# kind: organization\n# licence: test data\n"
	           "von Quarnwick Tessly Fund\t\t\tX7\t\n");
	struct engine *e = engine_with_dir(tmpdir, err, sizeof(err));
	ck_assert_msg(e != NULL, "%s", err);
	struct arena *a;
	struct document *doc;
	const struct mention *m =
		extract_with(e, "The grant came from von Quarnwick Tessly Fund last year.", &a, &doc);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(tu_text(doc, m), "von Quarnwick Tessly Fund");
	ck_assert_str_eq(m->link.kb_id, "X7");
	arena_free(a);
	engine_unref(e);
}
END_TEST

static Suite *gazetteer_suite(void)
{
	Suite *s = suite_create("gazetteer");
	TCase *tc = tcase_create("compiler");
	tcase_add_test(tc, test_compile_and_lookup);
	tcase_add_test(tc, test_start_filter);
	tcase_add_loop_test(tc, test_broken_list, 0, (int)(sizeof(broken) / sizeof(broken[0])));
	tcase_add_loop_test(tc, test_damaged_image, 0,
	                    (int)(sizeof(damaged) / sizeof(damaged[0])));
	suite_add_tcase(s, tc);
	tc = tcase_create("matcher");
	tcase_add_loop_test(tc, test_match, 0, (int)(sizeof(match_cases) / sizeof(match_cases[0])));
	tcase_add_loop_test(tc, test_digit_start, 0,
	                    (int)(sizeof(digit_cases) / sizeof(digit_cases[0])));
	tcase_add_test(tc, test_ambiguous);
	tcase_add_test(tc, test_membership_and_positions);
	tcase_add_test(tc, test_token_kinds);
	suite_add_tcase(s, tc);
	tc = tcase_create("reload");
	tcase_add_test(tc, test_reload_extra_dir);
	tcase_add_test(tc, test_extra_dir_lower_start);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(gazetteer_suite());
}
