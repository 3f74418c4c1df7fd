/* entities.h: within-article clustering of person, organization and location
 * mentions into entities, run right after the resolver.
 * Ownership: doc->entities and everything an entity points to live in the
 * document's arena. */
#ifndef EXTRACTD_ENTITIES_H
#define EXTRACTD_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

struct document;

struct entity {
	uint8_t type;            /* enum mention_type (person, organization, location) */
	char id[32];             /* kb_id when linked ("Q17"), else "per:<fnv1a32 hex>" */
	const char *name;        /* canonical name: the link's canonical, else the longest form */
	const char *kb_id;       /* Wikidata id or NULL */
	const char **aliases;    /* other forms as written (distinct, folded), naliases */
	size_t naliases;
	uint32_t *mentions;      /* mention ids (1-based, the resolver's numbering) */
	size_t nmentions;
};

/* Cluster the kept mentions of doc into doc->entities and set each clustered
 * mention's `entity` (1-based index).  A later short form joins the entity of
 * an earlier full form: a person's last name ("Nakatani"), an organization's
 * first word ("Mitsubishi") or initials ("MHI"), an acronym defined in
 * parentheses; the same kb_id or the same folded name joins too.  A short
 * form of a person takes the person type.  Returns 0 or -EXT_E_NOMEM. */
int entities_cluster(struct document *doc);

/* The deterministic id of an unlinked entity: "<per|org|loc>:" + FNV-1a 32 of
 * "<type name>|<folded name>", 8 hex digits.  buf must hold 16 bytes. */
void entities_make_id(int mention_type, const char *name, size_t n, char *buf, size_t cap);

#endif
