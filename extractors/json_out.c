/* json_out.c: the JSON writer.  The only stage that builds response JSON.
 *
 * It writes JSON text directly into one growing buffer instead of building a
 * jansson tree: a tree costs ~15 allocations per mention and was 40% of the
 * whole pipeline on news text.  jsonout_document() (a jansson tree, for
 * callers that want one: pretty printing, tests) parses the rendered text,
 * so there is one writer and the two can never disagree.
 *
 * Byte offsets are converted to the requested mode once per document (offset
 * map).  Mention ids are "m<N>" with N from the resolver's numbering; links
 * between mentions (equivalent_of, anchors) are looked up by start offset and
 * printed as ids.  Strings are escaped per RFC 8259; the text is valid UTF-8
 * (validated in doc_new) and spans lie on code-point boundaries, so bytes
 * >= 0x80 pass through unchanged. */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "entities.h"
#include "errors.h"
#include "json_out.h"
#include "mention.h"

/* Output buffer: malloc-backed, fallible, capped. */
struct jbuf {
	char *p;
	size_t n, cap, max;
	bool failed;
};

static bool jb_grow(struct jbuf *b, size_t more)
{
	if (b->failed)
		return false;
	if (more > b->max || b->n > b->max - more) {
		b->failed = true;
		return false;
	}
	size_t need = b->n + more;
	if (need <= b->cap)
		return true;
	size_t ncap = b->cap ? b->cap : 4096;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	char *np = realloc(b->p, ncap);
	if (!np) {
		b->failed = true;
		return false;
	}
	b->p = np;
	b->cap = ncap;
	return true;
}

static void jb_raw(struct jbuf *b, const char *s, size_t n)
{
	if (!jb_grow(b, n))
		return;
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

#define JB_LIT(b, lit) jb_raw((b), (lit), sizeof(lit) - 1)

static void jb_char(struct jbuf *b, char c)
{
	if (!jb_grow(b, 1))
		return;
	b->p[b->n++] = c;
}

/* A JSON string from n bytes of valid UTF-8. */
static void jb_strn(struct jbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	/* worst case: every byte becomes \u00XX */
	if (!jb_grow(b, n * 6 + 2))
		return;
	char *o = b->p + b->n;
	*o++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\') {
			*o++ = (char)c;
			continue;
		}
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o++ = '"';
	b->n = (size_t)(o - b->p);
}

static void jb_str(struct jbuf *b, const char *s)
{
	if (s)
		jb_strn(b, s, strlen(s));
	else
		JB_LIT(b, "null");
}

static void jb_uint(struct jbuf *b, uint64_t v)
{
	char tmp[24];
	size_t k = sizeof(tmp);
	do {
		tmp[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	jb_raw(b, tmp + k, sizeof(tmp) - k);
}

/* Numbers: integral values print as integers (58000000000, not 5.8e10);
 * others with the shortest of %.15g/%.17g that reads back exactly. */
static void jb_num(struct jbuf *b, double v)
{
	if (!isfinite(v)) {
		JB_LIT(b, "null");
		return;
	}
	if (v == floor(v) && fabs(v) < 9007199254740992.0) {
		if (v < 0) {
			jb_char(b, '-');
			v = -v;
		}
		jb_uint(b, (uint64_t)v);
		return;
	}
	char tmp[40];
	int w = snprintf(tmp, sizeof(tmp), "%.15g", v);
	if (strtod(tmp, NULL) != v)
		w = snprintf(tmp, sizeof(tmp), "%.17g", v);
	jb_raw(b, tmp, (size_t)w);
}

/* ,"key": */
static void jb_key(struct jbuf *b, const char *key, size_t n)
{
	if (!jb_grow(b, n + 4))
		return;
	char *o = b->p + b->n;
	*o++ = ',';
	*o++ = '"';
	memcpy(o, key, n);
	o += n;
	*o++ = '"';
	*o++ = ':';
	b->n = (size_t)(o - b->p);
}

#define KEY(b, lit) jb_key((b), (lit), sizeof(lit) - 1)

/* ,"key":"s" only when s is set */
static void jb_opt(struct jbuf *b, const char *key, size_t keyn, const char *s)
{
	if (!s)
		return;
	jb_key(b, key, keyn);
	jb_str(b, s);
}

#define OPT(b, lit, s) jb_opt((b), (lit), sizeof(lit) - 1, (s))

/* ["a","b",...] */
static void jb_str_array(struct jbuf *b, const char *const *v, size_t n)
{
	jb_char(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			jb_char(b, ',');
		jb_str(b, v[i]);
	}
	jb_char(b, ']');
}

static void jb_mref(struct jbuf *b, uint32_t id)
{
	jb_char(b, '"');
	jb_char(b, 'm');
	jb_uint(b, id);
	jb_char(b, '"');
}

/* Print a link to the kept mention starting at start; false if none. */
static bool jb_link(struct jbuf *b, const struct document *doc, const char *key, size_t keyn,
                    uint32_t start)
{
	const struct mention *o = mention_find_start(doc, start);
	if (!o)
		return false;
	jb_key(b, key, keyn);
	jb_mref(b, o->id);
	return true;
}

static void write_value(struct jbuf *b, const struct document *doc, const struct mention *m)
{
	switch (m->kind) {
	case MV_MONEY: {
		const struct money_value *v = &m->v.money;
		KEY(b, "value");
		JB_LIT(b, "{\"amount\":");
		jb_num(b, v->amount);
		if (v->is_range) {
			KEY(b, "amount_max");
			jb_num(b, v->amount_max);
		}
		KEY(b, "currency");
		jb_str(b, v->currency[0] ? v->currency : NULL);
		if (v->currency_defaulted)
			JB_LIT(b, ",\"currency_defaulted\":true");
		jb_char(b, '}');
		OPT(b, "currency_text", v->currency_text);
		OPT(b, "modifier", v->modifier);
		OPT(b, "mod", v->mod);
		if (v->equivalent_of != NO_LINK)
			jb_link(b, doc, "equivalent_of", 13, v->equivalent_of);
		break;
	}
	case MV_PERCENT: {
		const struct percent_value *v = &m->v.percent;
		KEY(b, "value");
		JB_LIT(b, "{\"percent\":");
		jb_num(b, v->value);
		if (v->is_range) {
			KEY(b, "percent_max");
			jb_num(b, v->value_max);
		}
		if (v->points)
			JB_LIT(b, ",\"unit\":\"percentage_point\"");
		jb_char(b, '}');
		OPT(b, "modifier", v->modifier);
		OPT(b, "mod", v->mod);
		break;
	}
	case MV_QUANTITY: {
		const struct quantity_value *v = &m->v.quantity;
		KEY(b, "value");
		JB_LIT(b, "{\"amount\":");
		jb_num(b, v->amount);
		KEY(b, "unit");
		jb_str(b, v->unit);
		jb_char(b, '}');
		OPT(b, "modifier", v->modifier);
		OPT(b, "mod", v->mod);
		break;
	}
	case MV_TIMEX: {
		const struct timex_value *v = &m->v.timex;
		OPT(b, "value", v->value);
		OPT(b, "granularity", v->granularity);
		OPT(b, "mod", v->mod);
		/* the interval goes under its own key: "end" is the span's end offset */
		if (v->begin || v->end) {
			KEY(b, "interval");
			jb_char(b, '{');
			if (v->begin) {
				JB_LIT(b, "\"begin\":");
				jb_str(b, v->begin);
			}
			if (v->end) {
				if (v->begin)
					jb_char(b, ',');
				JB_LIT(b, "\"end\":");
				jb_str(b, v->end);
			}
			jb_char(b, '}');
		}
		if (v->anchor_start != NO_LINK && v->anchor && !strcmp(v->anchor, "mention")) {
			if (!jb_link(b, doc, "anchor", 6, v->anchor_start)) {
				KEY(b, "anchor");
				JB_LIT(b, "\"none\"");
			}
		} else if (v->anchor) {
			KEY(b, "anchor");
			jb_str(b, v->anchor);
		}
		if (v->unresolved)
			JB_LIT(b, ",\"unresolved\":true");
		OPT(b, "quant", v->quant);
		OPT(b, "freq", v->freq);
		break;
	}
	default:
		break;
	}
}

static void write_mention(struct jbuf *b, const struct document *doc, const struct mention *m,
                          const struct offset_map *map, const struct jsonout_options *o)
{
	JB_LIT(b, "{\"id\":");
	jb_mref(b, m->id);
	KEY(b, "type");
	jb_str(b, mention_type_name((enum mention_type)m->type));
	KEY(b, "text");
	jb_strn(b, doc->text + m->start, m->end - m->start);
	KEY(b, "start");
	jb_uint(b, doc_offset_convert(map, m->start));
	KEY(b, "end");
	jb_uint(b, doc_offset_convert(map, m->end));
	write_value(b, doc, m);
	OPT(b, "kb_id", m->link.kb_id);
	OPT(b, "canonical", m->link.canonical);
	if (m->entity && m->entity <= doc->nentities) {
		KEY(b, "entity");
		jb_str(b, doc->entities[m->entity - 1].id);
	}
	KEY(b, "source");
	jb_str(b, m->source ? m->source : "unknown");
	if (o->explain) {
		KEY(b, "score");
		/* a float score printed as double shows noise (0.94999998807907104) */
		jb_num(b, round((double)m->score * 1000.0) / 1000.0);
		KEY(b, "priority");
		jb_uint(b, m->priority);
		OPT(b, "rule", m->rule);
		if (m->nevidence) {
			KEY(b, "evidence");
			jb_str_array(b, m->evidence, m->nevidence);
		}
	}
	jb_char(b, '}');
}

static void write_entity(struct jbuf *b, const struct entity *en)
{
	JB_LIT(b, "{\"id\":");
	jb_str(b, en->id);
	KEY(b, "type");
	jb_str(b, mention_type_name((enum mention_type)en->type));
	KEY(b, "name");
	jb_str(b, en->name);
	OPT(b, "kb_id", en->kb_id);
	if (en->naliases) {
		KEY(b, "aliases");
		jb_str_array(b, en->aliases, en->naliases);
	}
	KEY(b, "mentions");
	jb_char(b, '[');
	for (size_t k = 0; k < en->nmentions; k++) {
		if (k)
			jb_char(b, ',');
		jb_mref(b, en->mentions[k]);
	}
	jb_char(b, ']');
	jb_char(b, '}');
}

char *jsonout_render(const struct engine *e, const struct document *doc,
                     const struct jsonout_options *o, size_t *len)
{
	struct offset_map *map = doc_offset_map_new(doc, o->offsets);
	if (!map)
		return NULL;
	struct jbuf b = {.max = o->max_bytes ? o->max_bytes : SIZE_MAX / 2};
	/* a typical response is a few times the text */
	jb_grow(&b, doc->len * 2 + 256);
	JB_LIT(&b, "{\"id\":");
	jb_str(&b, doc->id);
	if (doc->has_published) {
		char buf[16];
		int w = snprintf(buf, sizeof(buf), "%04d-%02d-%02d", doc->published.year,
		                 doc->published.month, doc->published.day);
		KEY(&b, "published");
		jb_strn(&b, buf, (size_t)w);
	}
	KEY(&b, "offsets");
	jb_str(&b, doc_offset_mode_name(o->offsets));
	if (e) {
		KEY(&b, "data_version");
		jb_str(&b, engine_data_version(e));
	}
	KEY(&b, "mentions");
	jb_char(&b, '[');
	for (size_t i = 0; i < doc->mentions.n && !b.failed; i++) {
		if (i)
			jb_char(&b, ',');
		write_mention(&b, doc, &doc->mentions.v[i], map, o);
	}
	jb_char(&b, ']');
	KEY(&b, "entities");
	jb_char(&b, '[');
	for (size_t i = 0; i < doc->nentities && !b.failed; i++) {
		if (i)
			jb_char(&b, ',');
		write_entity(&b, &doc->entities[i]);
	}
	jb_char(&b, ']');
	JB_LIT(&b, ",\"facts\":[]}");
	jb_char(&b, '\0');
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	*len = b.n - 1;
	return b.p;
}

json_t *jsonout_document(const struct engine *e, const struct document *doc,
                         const struct jsonout_options *o)
{
	size_t n;
	char *s = jsonout_render(e, doc, o, &n);
	if (!s)
		return NULL;
	/* our own output: a NUL in the client's text is escaped as \u0000, which
	 * jansson only accepts with JSON_ALLOW_NUL */
	json_t *j = json_loadb(s, n, JSON_ALLOW_NUL, NULL);
	free(s);
	return j;
}

json_t *jsonout_error(int code, const char *message, const char *id)
{
	json_t *err = json_pack("{s:s, s:s}", "code", ext_error_id(code), "message",
	                        message ? message : ext_error_message(code));
	if (!err)
		return NULL;
	json_t *root = json_object();
	if (!root) {
		json_decref(err);
		return NULL;
	}
	if (id)
		json_object_set_new(root, "id", json_string(id));
	json_object_set_new(root, "error", err);
	return root;
}
