/* resolver.h: settles overlapping mentions from different extractors.
 *
 * Precedence (documented in docs/API.md, "Overlaps"), applied to each pair of
 * overlapping mentions:
 *   1. higher `priority` wins (extractors set it; see PRIO_* below);
 *   2. then the longer span wins;
 *   3. then the higher score;
 *   4. then the earlier start, then the lower type number (stable).
 * Losers are marked dropped with beaten_by set, then removed; in explain mode
 * the winner gets an evidence line naming what it beat.  Kept mentions are
 * sorted by (start, end) and numbered 1..n. */
#ifndef EXTRACTD_RESOLVER_H
#define EXTRACTD_RESOLVER_H

struct document;

enum mention_priority {
	PRIO_CANDIDATE = 10,   /* capitalized-sequence candidates */
	PRIO_GAZETTEER = 20,   /* plain gazetteer hits */
	PRIO_TEMPORAL  = 30,   /* dates, times, durations, sets */
	PRIO_NUMERIC   = 40,   /* money, percent, quantity: explicit numbers */
	PRIO_CUED      = 50,   /* names confirmed by strong cues (title, designator) */
};

/* Resolve doc->mentions in place.  Returns 0. */
int resolver_run(struct document *doc);

#endif
