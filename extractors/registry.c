/* registry.c: the extractor table, in run order.  Adding an extractor: one
 * .c file exporting `const struct extractor ext_<name>`, one row here, one
 * test file. */
#include "extractor.h"

extern const struct extractor ext_money;
extern const struct extractor ext_date;
extern const struct extractor ext_gazetteer;
extern const struct extractor ext_ner;
extern const struct extractor ext_nominal;

const struct extractor *const extractor_table[] = {
	&ext_money,
	&ext_date,
	&ext_gazetteer,
	&ext_ner,
	&ext_nominal,   /* after every name extractor: needs their organizations */
	NULL,
};
