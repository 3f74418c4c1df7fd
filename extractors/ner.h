/* ner.h: the named-entity layer: finds, types and scores person, organization
 * and location names, using the gazetteer's mentions and lookups, the other
 * extractors' mentions and the cue tables (ner_cues.h) as evidence.
 * Ownership: the state (a gazetteer handle and the parsed cue tables) is
 * immutable after load and shared by all threads; mentions and evidence go to
 * the document's arena. */
#ifndef EXTRACTD_NER_H
#define EXTRACTD_NER_H

#include <stdbool.h>
#include <stddef.h>

struct extractor;
extern const struct extractor ext_ner;

/* Evidence classes a candidate is scored on, in the order explain mode lists
 * them; exposed for the tests. */
enum ner_class {
	NER_PER,
	NER_ORG,
	NER_LOC,
	NER_MISC,  /* nationality, event, ...: not emitted, but it beats the others */
	NER_NONE,  /* not a name */
	NER__COUNT
};

#endif
