/* gazetteer.h: the gazetteer extractor and its lookup API (for the NER layer).
 * Ownership: a struct gazetteer is immutable after gaz_open() and shared by
 * all threads without locks; every string a lookup returns points into its
 * image and lives as long as the gazetteer (i.e. as long as the engine that
 * loaded it).  Mentions copy what they keep into the document arena.
 *
 * A gazetteer is one compiled image (built from the gazetteers/ TSV lists at build
 * time, mapped read-only) plus zero or more images compiled at load time from
 * the extra directories named in the config.  Lookups consult all of them and
 * return every candidate entry, so ambiguous names ("Georgia", "Paris") come
 * back with one candidate per meaning and a prior each. */
#ifndef EXTRACTD_GAZETTEER_H
#define EXTRACTD_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct document;
struct engine;

/* Entry kinds (X-macro: enum suffix, name used in the "# kind:" header). */
#define GAZ_KINDS(X)                    \
	X(LOCATION, "location")             \
	X(ORGANIZATION, "organization")     \
	X(PERSON, "person")                 \
	X(GIVEN_NAME, "given_name")         \
	X(SURNAME, "surname")               \
	X(TITLE, "title")                   \
	X(DESIGNATOR, "designator")         \
	X(DEMONYM, "demonym")               \
	X(CURRENCY, "currency")             \
	X(COMMON_WORD, "common_word")

enum gaz_kind {
#define X(e, s) GAZ_KIND_##e,
	GAZ_KINDS(X)
#undef X
	GAZ_KIND__COUNT
};

const char *gaz_kind_name(enum gaz_kind k);
bool gaz_kind_parse(const char *s, size_t n, enum gaz_kind *k);

/* The image file name inside a data directory. */
#define GAZ_IMAGE_NAME "gazetteers.img"

struct gazetteer;

/* One candidate entry for a span. */
struct gaz_candidate {
	const char *canonical;  /* canonical name */
	const char *type;       /* row type: "country", "city", "politician", ... ("" if none) */
	const char *kb_id;      /* Wikidata Q-id or other id, "" if none */
	const char *attrs;      /* "key=value;key=value" (positions, cc, pop, ...), "" if none */
	const char *list;       /* list name ("cities", "people", ...) */
	enum gaz_kind kind;
	float weight;           /* prominence, log scale (see gaz_compile.c) */
	double prior;           /* exp(weight) / sum of exp(weight) over the candidates returned */
	bool case_ok;           /* the text's capitalization fits one of the entry's variants */
};

/* Open the image at image_path and compile the extra source directories
 * (':'-separated, may be NULL).  Returns NULL with a message in err when the
 * image is missing, corrupt or of another format, or a source list is broken. */
struct gazetteer *gaz_open(const char *image_path, const char *extra_dirs, char *err,
                           size_t errlen);
/* Release; gaz_close(NULL) is a no-op. */
void gaz_close(struct gazetteer *g);

/* "gaz1-<entries>-<checksum>" of the main image, plus "+<n>extra" when extra
 * directories were merged. */
const char *gaz_data_version(const struct gazetteer *g);
/* Entries across all images. */
size_t gaz_entry_count(const struct gazetteer *g);

/* The gazetteer of a loaded engine, or NULL if it has none. */
const struct gazetteer *gaz_from_engine(const struct engine *e);

/* Every entry whose name equals tokens [tok_begin, tok_end) of doc (folded:
 * case and diacritics ignored; case_ok tells whether the capitalization fits).
 * Writes at most max candidates, best prior first; returns how many there are
 * in total (may exceed max). */
size_t gaz_lookup_tokens(const struct gazetteer *g, const struct document *doc,
                         size_t tok_begin, size_t tok_end, struct gaz_candidate *out,
                         size_t max);

/* The kinds of the candidates gaz_lookup_tokens(g, doc, tok, tok + 1, out, max)
 * would write, as bits (1u << enum gaz_kind): *any for all of them, *ok for
 * those whose case_ok is true.  Reads no entry records and computes no
 * priors, so it is much cheaper when only the kinds matter. */
void gaz_token_kinds(const struct gazetteer *g, const struct document *doc, size_t tok,
                     size_t max, unsigned *any, unsigned *ok);

/* Same for a plain string (case_ok is always true). */
size_t gaz_lookup(const struct gazetteer *g, const char *s, size_t n,
                  struct gaz_candidate *out, size_t max);

/* Membership: is s[0..n) (folded) an entry of this kind?  For given names,
 * surnames, titles/roles, designators, demonyms, common words. */
bool gaz_is(const struct gazetteer *g, enum gaz_kind kind, const char *s, size_t n);

/* Country of a demonym ("Japanese" -> "JP"): writes the ISO code (3 bytes with
 * NUL) and returns true, or false if s is not a known demonym. */
bool gaz_demonym_country(const struct gazetteer *g, const char *s, size_t n, char cc[3]);

/* Value of key in an attrs string ("cc=JP;pop=123"); false if absent.  *v
 * points into attrs, *vlen is its length. */
bool gaz_attr(const char *attrs, const char *key, const char **v, size_t *vlen);

/* The extractor: emits location / organization / person mentions for
 * gazetteer matches, with link.kb_id / canonical / list / prior. */
struct extractor;
extern const struct extractor ext_gazetteer;

#endif
