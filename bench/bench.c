/* bench.c: throughput and memory of the engine on one core.
 *
 *   extractd-bench [--corpus FILE] [--mb N] [--rounds R] [--only EXTRACTOR|pipeline]
 *
 * FILE is JSON lines ({"text", "published"?}, as ../shared/bench/make-corpus
 * writes) or, if it does not start with '{', plain text taken as one document.
 * Without --corpus a synthetic news corpus of N MB (default 5) is generated
 * from built-in sentence templates, so the benchmark runs on a bare clone.
 *
 * Prints, for the whole pipeline (tokenizer + sentence splitter + every
 * extractor + resolver + JSON writer + serialisation) and for each stage
 * alone: MB/s and words/s of article text, plus engine load time and peak
 * RSS.  --only runs just one extractor's stage (for profiling).  Timing is the thread's CPU time on one core (see now()); compare
 * figures, never assert them in tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <jansson.h>

#include "arena.h"
#include "document.h"
#include "engine.h"
#include "extractor.h"
#include "json_out.h"
#include "resolver.h"
#include "tokenizer.h"

struct corpus {
	char **text;
	size_t *len;
	char (*published)[11];
	size_t n, cap, bytes;
	size_t words;  /* word and number tokens, counted once (count_words) */
};

static void corpus_add(struct corpus *c, const char *t, size_t n, const char *pub)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->text = realloc(c->text, c->cap * sizeof(*c->text));
		c->len = realloc(c->len, c->cap * sizeof(*c->len));
		c->published = realloc(c->published, c->cap * sizeof(*c->published));
		if (!c->text || !c->len || !c->published) {
			perror("realloc");
			exit(1);
		}
	}
	c->text[c->n] = malloc(n + 1);
	memcpy(c->text[c->n], t, n);
	c->text[c->n][n] = '\0';
	c->len[c->n] = n;
	snprintf(c->published[c->n], sizeof(c->published[0]), "%s", pub ? pub : "");
	c->n++;
	c->bytes += n;
}

/* Synthetic news: templates filled from small name pools.  Deterministic. */
static void corpus_generate(struct corpus *c, double mb)
{
	static const char *people[] = {"Maria Keller", "Kenji Watanabe", "Aisha Bello",
	                               "Tomas Novak", "Li Wei", "Sarah O'Connor"};
	static const char *orgs[] = {"Northwind Holdings", "Acme Corp.", "the Ministry of Finance",
	                             "Bank of Ruritania", "Helios Energy Ltd", "Orion Airlines"};
	static const char *places[] = {"Tokyo", "Nairobi", "Lima", "Oslo", "Jakarta", "Toronto"};
	char para[4096];
	unsigned seed = 1;
	double target = mb * 1e6;
	char doc[65536];
	while ((double)c->bytes < target) {
		size_t k = 0;
		for (int s = 0; s < 40 && k + 512 < sizeof(doc); s++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = seed >> 8;
			const char *p1 = people[r % 6], *p2 = people[(r / 7) % 6];
			const char *o = orgs[(r / 3) % 6], *pl = places[(r / 5) % 6];
			int n1 = (int)(r % 900) + 10, n2 = (int)(r % 97), n3 = (int)(r % 10);
			int w;
			switch (s % 6) {
			case 0: w = snprintf(para, sizeof(para), "%s, chief executive of %s, said on Tuesday that profit rose 12%% to $%d million in the first quarter. ", p1, o, n1); break;
			case 1: w = snprintf(para, sizeof(para), "The deal, valued at about %d billion yen (US$%d.%d million), was announced in %s last week. ", n2 + 1, n1, n3, pl); break;
			case 2: w = snprintf(para, sizeof(para), "Officials in %s said more than %d,000 people had been evacuated since March 3, 2024. ", pl, n2 + 1); break;
			case 3: w = snprintf(para, sizeof(para), "%s met %s in %s on Wednesday and agreed to invest €%dm over the next three years. ", p1, p2, pl, n1); break;
			case 4: w = snprintf(para, sizeof(para), "Shares of %s fell 4.5 per cent in early trading, the lowest since June 2022. ", o); break;
			default: w = snprintf(para, sizeof(para), "\"We will not back down,\" %s told reporters in %s, adding that talks would resume in May. ", p2, pl); break;
			}
			memcpy(doc + k, para, (size_t)w);
			k += (size_t)w;
			if (s % 5 == 4)
				doc[k++] = '\n';
		}
		corpus_add(c, doc, k, "2025-05-24");
	}
}

static char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(1);
	}
	size_t cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	size_t r;
	while ((r = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += r;
		if (cap - len < 2) {
			cap *= 2;
			buf = realloc(buf, cap);
		}
	}
	fclose(f);
	buf[len] = '\0';
	*n = len;
	return buf;
}

static void corpus_load(struct corpus *c, const char *path)
{
	size_t n;
	char *buf = read_file(path, &n);
	if (n && buf[0] != '{') {
		corpus_add(c, buf, n, NULL);
		free(buf);
		return;
	}
	char *line = buf;
	while (line < buf + n) {
		char *nl = memchr(line, '\n', (size_t)(buf + n - line));
		size_t ll = nl ? (size_t)(nl - line) : (size_t)(buf + n - line);
		json_error_t je;
		json_t *j = json_loadb(line, ll, 0, &je);
		if (j) {
			json_t *t = json_object_get(j, "text");
			json_t *p = json_object_get(j, "published");
			if (json_is_string(t))
				corpus_add(c, json_string_value(t), json_string_length(t),
				           json_is_string(p) ? json_string_value(p) : NULL);
			json_decref(j);
		}
		line += ll + 1;
	}
	free(buf);
}

/* Thread CPU time: "per core" throughput is bytes per CPU-second of this
 * thread, which stays meaningful on a shared, loaded machine where wall time
 * does not (other processes steal the core, not our instructions). */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ST_SUBSET: tokenizer + the extractors whose bits are set in `ex` + resolver
 * + JSON text, i.e. the pipeline as it would run with only those enabled. */
enum stage { ST_FULL, ST_ENGINE, ST_TOKENIZE, ST_EXTRACTOR, ST_SUBSET };

/* Run one stage over the corpus once; returns seconds; adds the corpus's
 * words (c->words) to *words. */
static double run_stage_t(const struct engine *e, struct scratch *s, const struct corpus *c,
                          enum stage st, size_t ex, size_t *words, size_t *mentions, double *t);

/* Document i of the corpus in a, with its publication date (exits if the
 * engine rejects the text). */
static struct document *corpus_doc(struct arena *a, const struct corpus *c, size_t i)
{
	int err;
	size_t bad;
	struct document *d = doc_new(a, c->text[i], c->len[i], &err, &bad);
	if (!d) {
		fprintf(stderr, "bench: document %zu rejected (%d)\n", i, err);
		exit(1);
	}
	if (c->published[i][0] && doc_parse_date(c->published[i], &d->published))
		d->has_published = true;
	return d;
}

/* The corpus's word and number tokens, counted once before the timed runs
 * (each run adds c->words: a count in the timed loop read every token array
 * again, about 1% of the pipeline's time). */
static void count_words(const struct engine *e, struct corpus *c)
{
	struct arena *a = arena_new(0);
	c->words = 0;
	for (size_t i = 0; i < c->n; i++) {
		struct document *d = corpus_doc(a, c, i);
		engine_prepare(e, d);
		d->deadline_ns = 0;
		tok_document(d);
		for (size_t k = 0; k < d->ntokens; k++)
			c->words += d->tokens[k].type == TOK_WORD || d->tokens[k].type == TOK_NUMBER;
		arena_reset(a);
	}
	arena_free(a);
}

static double run_stage(const struct engine *e, struct scratch *s, const struct corpus *c,
                        enum stage st, size_t ex, size_t *words, size_t *mentions)
{
	return run_stage_t(e, s, c, st, ex, words, mentions, NULL);
}

/* With t (ST_FULL only): per-stage CPU seconds, engine_stage_count(e) slots
 * and one more for the JSON text. */
static double run_stage_t(const struct engine *e, struct scratch *s, const struct corpus *c,
                          enum stage st, size_t ex, size_t *words, size_t *mentions, double *t)
{
	double t0 = now(), excluded = 0;
	struct arena *a = arena_new(0);
	for (size_t i = 0; i < c->n; i++) {
		struct document *d = corpus_doc(a, c, i);
		if (st == ST_FULL || st == ST_ENGINE) {
			if (t ? engine_process_timed(e, d, s, t) : engine_process(e, d, s)) {
				fprintf(stderr, "bench: document %zu failed: %s\n", i,
				        d->error_detail ? d->error_detail : "?");
				exit(1);
			}
			*mentions += d->mentions.n;
			if (st == ST_ENGINE)
				goto next;
			struct jsonout_options o = {.offsets = OFFSETS_UTF8};
			size_t outlen;
			double tj = t ? now() : 0;
			free(jsonout_render(e, d, &o, &outlen));
			if (t)
				t[engine_stage_count(e)] += now() - tj;
		} else {
			engine_prepare(e, d);
			d->deadline_ns = 0;
			tok_document(d);
			if (st == ST_SUBSET) {
				for (size_t x = 0; extractor_table[x]; x++) {
					if (ex & ((size_t)1 << x))
						extractor_table[x]->run(
							engine_extractor_state(e, extractor_table[x]->name), d, s);
				}
				resolver_run(d);
				*mentions += d->mentions.n;
				struct jsonout_options o = {.offsets = OFFSETS_UTF8};
				size_t outlen;
				free(jsonout_render(e, d, &o, &outlen));
			}
			if (st == ST_EXTRACTOR) {
				/* time only the extractor: subtract the tokenizer */
				double t1 = now();
				const struct extractor *x = extractor_table[ex];
				x->run(engine_extractor_state(e, x->name), d, s);
				excluded -= now() - t1;
				*mentions += d->mentions.n;
			}
		}
	next:
		arena_reset(a);
	}
	arena_free(a);
	double total = now() - t0;
	*words += c->words;
	return st == ST_EXTRACTOR ? -excluded : total;
}

static void report(const char *name, double secs, size_t bytes, size_t words, size_t mentions,
                   int rounds)
{
	double mb = (double)bytes * rounds / 1e6;
	printf("%-34s %9.1f MB/s %12.0f words/s %10zu mentions  (%.3f CPU s)\n", name, mb / secs,
	       (double)words / secs, mentions / (size_t)rounds, secs);
}

/* Each round's rate, and the fastest: on a shared VM the spread between
 * rounds shows how much of a figure is the neighbours. */
static void report_rounds(const double *rs, int rounds, size_t bytes)
{
	double best = 0;
	printf("  rounds (MB/s):");
	for (int r = 0; r < rounds; r++) {
		double v = (double)bytes / 1e6 / rs[r];
		printf(" %.1f", v);
		if (v > best)
			best = v;
	}
	printf("; fastest %.1f\n", best);
}

int main(int argc, char **argv)
{
	const char *path = NULL, *only = NULL;
	double mb = 5;
	int rounds = 3;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--corpus") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--mb") && i + 1 < argc)
			mb = atof(argv[++i]);
		else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else {
			fprintf(stderr, "usage: %s [--corpus FILE] [--mb N] [--rounds R] [--only EXTRACTOR|pipeline]\n",
			        argv[0]);
			return 2;
		}
	}
	if (rounds < 1)
		rounds = 1;
	struct corpus c = {0};
	if (path)
		corpus_load(&c, path);
	else
		corpus_generate(&c, mb);
	if (!c.n) {
		fprintf(stderr, "bench: empty corpus\n");
		return 1;
	}

	struct engine_config cfg;
	engine_config_defaults(&cfg);
	cfg.doc_budget_ms = 0;
	char err[512];
	double t0 = now();
	struct engine *e = engine_new(&cfg, err, sizeof(err));
	double load = now() - t0;
	if (!e) {
		fprintf(stderr, "bench: %s\n", err);
		return 1;
	}
	struct scratch *s = scratch_new(&cfg);
	count_words(e, &c);
	printf("corpus: %s, %zu documents, %.2f MB; engine load %.3f s; data %s\n",
	       path ? path : "synthetic", c.n, (double)c.bytes / 1e6, load, engine_data_version(e));

	size_t words = 0, mentions = 0;
	double secs = 0;
	if (only && strcmp(only, "pipeline"))
		goto stages;
	/* warm-up: one pass of the full pipeline */
	run_stage(e, s, &c, ST_FULL, 0, &words, &mentions);

	secs = 0;
	words = mentions = 0;
	size_t nst = engine_stage_count(e);
	double *st = calloc(nst + 1, sizeof(*st));
	if (!st)
		return 1;
	/* the headline figure: the pipeline as the daemon runs it, no clock
	 * reads inside (a thread CPU clock read is a system call here, ~0.5 us,
	 * ten of them a document would add ~8% on this corpus) */
	double *rs = calloc((size_t)rounds, sizeof(*rs));
	if (!rs)
		return 1;
	for (int r = 0; r < rounds; r++) {
		rs[r] = run_stage(e, s, &c, ST_FULL, 0, &words, &mentions);
		secs += rs[r];
	}
	report("pipeline (all + JSON)", secs, c.bytes, words, mentions, rounds);
	report_rounds(rs, rounds, c.bytes);
	free(rs);
	/* where the pipeline's time goes, measured inside it in separate rounds:
	 * each stage's share of those rounds (which include the clock reads),
	 * and the rate the pipeline would have if that stage were all it did */
	double tsecs = 0;
	size_t w2 = 0, m2 = 0;
	for (int r = 0; r < rounds; r++)
		tsecs += run_stage_t(e, s, &c, ST_FULL, 0, &w2, &m2, st);
	for (size_t i = 0; i <= nst; i++) {
		const char *nm = i < nst ? engine_stage_name(e, i) : "JSON";
		printf("  in pipeline: %-18s %5.1f%%  %8.1f MB/s  (%.3f CPU s)\n", nm,
		       100.0 * st[i] / tsecs, (double)c.bytes * rounds / 1e6 / st[i], st[i]);
	}
	free(st);
	if (only)
		goto done;

	secs = 0;
	words = mentions = 0;
	for (int r = 0; r < rounds; r++)
		secs += run_stage(e, s, &c, ST_ENGINE, 0, &words, &mentions);
	report("pipeline without JSON", secs, c.bytes, words, mentions, rounds);

	/* the pipeline as it grows, extractor by extractor, in table order:
	 * "tokenizer+money+JSON", "tokenizer+money+date+JSON", ... */
	{
		size_t mask = 0;
		char name[128] = "tokenizer";
		for (size_t x = 0; extractor_table[x] && extractor_table[x + 1]; x++) {
			mask |= (size_t)1 << x;
			size_t used = strlen(name);
			snprintf(name + used, sizeof(name) - used, "+%s", extractor_table[x]->name);
			char label[160];
			snprintf(label, sizeof(label), "%s+JSON", name);
			secs = 0;
			words = mentions = 0;
			for (int r = 0; r < rounds; r++)
				secs += run_stage(e, s, &c, ST_SUBSET, mask, &words, &mentions);
			report(label, secs, c.bytes, words, mentions, rounds);
		}
	}

	secs = 0;
	words = mentions = 0;
	for (int r = 0; r < rounds; r++)
		secs += run_stage(e, s, &c, ST_TOKENIZE, 0, &words, &mentions);
	report("tokenizer+sentences", secs, c.bytes, words, mentions, rounds);

stages:
	for (size_t x = 0; extractor_table[x]; x++) {
		if (only && strcmp(only, extractor_table[x]->name))
			continue;
		secs = 0;
		words = mentions = 0;
		for (int r = 0; r < rounds; r++)
			secs += run_stage(e, s, &c, ST_EXTRACTOR, x, &words, &mentions);
		char name[64];
		snprintf(name, sizeof(name), "extractor %s", extractor_table[x]->name);
		report(name, secs, c.bytes, words, mentions, rounds);
	}

done:;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);

	scratch_free(s);
	engine_unref(e);
	for (size_t i = 0; i < c.n; i++)
		free(c.text[i]);
	free(c.text);
	free(c.len);
	free(c.published);
	return 0;
}
