/* json_out.c: the JSON writer.  The only stage that builds response JSON; it
 * converts byte offsets to the requested mode once per document (offset map)
 * and renders each value kind.  Mention ids are "m<N>" with N from the
 * resolver's numbering, so links between mentions (equivalent_of, anchors)
 * are looked up by start offset and printed as ids. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "entities.h"
#include "errors.h"
#include "json_out.h"
#include "mention.h"

/* jansson's setters take ownership; json_object_set_new tolerates NULL values
 * by failing, so every setter result is checked once at the end via `ok`. */
#define SET(obj, key, val) ok &= json_object_set_new((obj), (key), (val)) == 0

static json_t *number(double v)
{
	/* integral amounts print as integers: 58000000000, not 5.8e10 */
	if (isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0)
		return json_integer((json_int_t)v);
	return json_real(v);
}

static json_t *mention_ref(const struct document *doc, uint32_t start)
{
	const struct mention *o = mention_find_start(doc, start);
	if (!o)
		return NULL;
	char buf[24];
	snprintf(buf, sizeof(buf), "m%u", o->id);
	return json_string(buf);
}

static json_t *string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static bool add_value(json_t *j, const struct document *doc, const struct mention *m)
{
	bool ok = true;
	switch (m->kind) {
	case MV_MONEY: {
		const struct money_value *v = &m->v.money;
		json_t *val = json_object();
		SET(val, "amount", number(v->amount));
		if (v->is_range)
			SET(val, "amount_max", number(v->amount_max));
		SET(val, "currency", v->currency[0] ? json_string(v->currency) : json_null());
		if (v->currency_defaulted)
			SET(val, "currency_defaulted", json_true());
		SET(j, "value", val);
		if (v->currency_text)
			SET(j, "currency_text", json_string(v->currency_text));
		if (v->modifier)
			SET(j, "modifier", json_string(v->modifier));
		if (v->mod)
			SET(j, "mod", json_string(v->mod));
		if (v->equivalent_of != NO_LINK) {
			json_t *r = mention_ref(doc, v->equivalent_of);
			if (r)
				SET(j, "equivalent_of", r);
		}
		break;
	}
	case MV_PERCENT: {
		const struct percent_value *v = &m->v.percent;
		json_t *val = json_object();
		SET(val, "percent", number(v->value));
		if (v->is_range)
			SET(val, "percent_max", number(v->value_max));
		if (v->points)
			SET(val, "unit", json_string("percentage_point"));
		SET(j, "value", val);
		if (v->modifier)
			SET(j, "modifier", json_string(v->modifier));
		if (v->mod)
			SET(j, "mod", json_string(v->mod));
		break;
	}
	case MV_QUANTITY: {
		const struct quantity_value *v = &m->v.quantity;
		json_t *val = json_object();
		SET(val, "amount", number(v->amount));
		SET(val, "unit", string_or_null(v->unit));
		SET(j, "value", val);
		if (v->modifier)
			SET(j, "modifier", json_string(v->modifier));
		if (v->mod)
			SET(j, "mod", json_string(v->mod));
		break;
	}
	case MV_TIMEX: {
		const struct timex_value *v = &m->v.timex;
		if (v->value)
			SET(j, "value", json_string(v->value));
		if (v->granularity)
			SET(j, "granularity", json_string(v->granularity));
		if (v->mod)
			SET(j, "mod", json_string(v->mod));
		/* the interval goes under its own key: "end" is the span's end offset */
		if (v->begin || v->end) {
			json_t *iv = json_object();
			if (v->begin)
				SET(iv, "begin", json_string(v->begin));
			if (v->end)
				SET(iv, "end", json_string(v->end));
			SET(j, "interval", iv);
		}
		if (v->anchor_start != NO_LINK && v->anchor && !strcmp(v->anchor, "mention")) {
			json_t *r = mention_ref(doc, v->anchor_start);
			SET(j, "anchor", r ? r : json_string("none"));
		} else if (v->anchor) {
			SET(j, "anchor", json_string(v->anchor));
		}
		if (v->unresolved)
			SET(j, "unresolved", json_true());
		if (v->quant)
			SET(j, "quant", json_string(v->quant));
		if (v->freq)
			SET(j, "freq", json_string(v->freq));
		break;
	}
	default:
		break;
	}
	return ok;
}

static json_t *mention_json(const struct document *doc, const struct mention *m,
                            const struct offset_map *map, const struct jsonout_options *o)
{
	bool ok = true;
	json_t *j = json_object();
	if (!j)
		return NULL;
	char id[24];
	snprintf(id, sizeof(id), "m%u", m->id);
	SET(j, "id", json_string(id));
	SET(j, "type", json_string(mention_type_name((enum mention_type)m->type)));
	/* text was validated as UTF-8 and spans lie on code-point boundaries */
	SET(j, "text", json_stringn(doc->text + m->start, m->end - m->start));
	SET(j, "start", json_integer((json_int_t)doc_offset_convert(map, m->start)));
	SET(j, "end", json_integer((json_int_t)doc_offset_convert(map, m->end)));
	ok &= add_value(j, doc, m);
	if (m->link.kb_id)
		SET(j, "kb_id", json_string(m->link.kb_id));
	if (m->link.canonical)
		SET(j, "canonical", json_string(m->link.canonical));
	if (m->entity && m->entity <= doc->nentities)
		SET(j, "entity", json_string(doc->entities[m->entity - 1].id));
	SET(j, "source", json_string(m->source ? m->source : "unknown"));
	if (o->explain) {
		SET(j, "score", json_real(m->score));
		SET(j, "priority", json_integer(m->priority));
		if (m->rule)
			SET(j, "rule", json_string(m->rule));
		if (m->nevidence) {
			json_t *ev = json_array();
			for (uint16_t i = 0; i < m->nevidence; i++)
				ok &= json_array_append_new(ev, json_string(m->evidence[i])) == 0;
			SET(j, "evidence", ev);
		}
	}
	if (!ok) {
		json_decref(j);
		return NULL;
	}
	return j;
}

json_t *jsonout_document(const struct engine *e, const struct document *doc,
                         const struct jsonout_options *o)
{
	bool ok = true;
	struct offset_map *map = doc_offset_map_new(doc, o->offsets);
	json_t *root = json_object();
	json_t *mentions = json_array();
	if (!map || !root || !mentions) {
		json_decref(root);
		json_decref(mentions);
		return NULL;
	}
	SET(root, "id", string_or_null(doc->id));
	if (doc->has_published) {
		char buf[16];
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", doc->published.year,
		         doc->published.month, doc->published.day);
		SET(root, "published", json_string(buf));
	}
	SET(root, "offsets", json_string(doc_offset_mode_name(o->offsets)));
	if (e)
		SET(root, "data_version", json_string(engine_data_version(e)));
	for (size_t i = 0; i < doc->mentions.n; i++) {
		json_t *mj = mention_json(doc, &doc->mentions.v[i], map, o);
		if (!mj) {
			ok = false;
			break;
		}
		ok &= json_array_append_new(mentions, mj) == 0;
	}
	SET(root, "mentions", mentions);
	json_t *ents = json_array();
	for (size_t i = 0; ents && i < doc->nentities; i++) {
		const struct entity *en = &doc->entities[i];
		json_t *ej = json_object(), *ml = json_array();
		SET(ej, "id", json_string(en->id));
		SET(ej, "type", json_string(mention_type_name((enum mention_type)en->type)));
		SET(ej, "name", json_string(en->name));
		if (en->kb_id)
			SET(ej, "kb_id", json_string(en->kb_id));
		if (en->naliases) {
			json_t *al = json_array();
			for (size_t a = 0; a < en->naliases; a++)
				ok &= json_array_append_new(al, json_string(en->aliases[a])) == 0;
			SET(ej, "aliases", al);
		}
		for (size_t k = 0; k < en->nmentions; k++) {
			char mid[24];
			snprintf(mid, sizeof(mid), "m%u", en->mentions[k]);
			ok &= json_array_append_new(ml, json_string(mid)) == 0;
		}
		SET(ej, "mentions", ml);
		ok &= json_array_append_new(ents, ej) == 0;
	}
	SET(root, "entities", ents);
	SET(root, "facts", json_array());
	if (!ok) {
		json_decref(root);
		return NULL;
	}
	return root;
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
