/* nominal.h: lower-case descriptions ("the ministry", "the company") that
 * refer to an organization named earlier; see nominal.c.  The extractor
 * proposes them, entities_cluster() links them. */
#ifndef EXTRACTD_NOMINAL_H
#define EXTRACTD_NOMINAL_H

#include <stdbool.h>
#include <stddef.h>

/* The table's head word equal to s[0..n) (lower case), or NULL. */
const char *nominal_head(const char *s, size_t n);

/* Can a description with this head (from nominal_head) refer to the
 * organization named name[0..n)? */
bool nominal_fits(const char *head, const char *name, size_t n);

#endif
