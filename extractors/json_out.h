/* json_out.h: the only stage that builds output JSON.  It reads a processed
 * document and returns a new jansson object; byte offsets are converted here,
 * once, to the requested offset mode.  The caller owns the returned reference. */
#ifndef EXTRACTD_JSON_OUT_H
#define EXTRACTD_JSON_OUT_H

#include <stdbool.h>

#include <jansson.h>

#include "document.h"

struct engine;

struct jsonout_options {
	enum offset_mode offsets;
	bool explain;      /* add rule/evidence fields to each mention */
};

/* {"id","offsets","published"?,"data_version","mentions":[...],"entities":[],"facts":[]}.
 * Returns NULL on allocation failure. */
json_t *jsonout_document(const struct engine *e, const struct document *doc,
                         const struct jsonout_options *o);

/* {"error":{"code":ID,"message":msg}} plus "id" when given.  New reference. */
json_t *jsonout_error(int code, const char *message, const char *id);

#endif
