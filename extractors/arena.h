/* arena.h: per-request bump allocator.  Everything a request makes (document
 * copy, tokens, mentions, value strings) lives in one arena and is released by
 * one arena_free().  The arena has a byte cap: allocations past it fail with
 * NULL instead of growing without bound, so client-controlled sizes are safe. */
#ifndef EXTRACTD_ARENA_H
#define EXTRACTD_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* New arena whose total allocations may not exceed cap bytes (0 = no cap).
 * Returns NULL only if the first block cannot be allocated. */
struct arena *arena_new(size_t cap);
/* Free every block; arena_free(NULL) is a no-op. */
void arena_free(struct arena *a);
/* Drop all allocations but keep the first block for reuse. */
void arena_reset(struct arena *a);

/* n bytes aligned to 16, or NULL when the cap would be exceeded or malloc fails. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* Grow an allocation made with arena_alloc (copying); old memory stays until free. */
void *arena_realloc(struct arena *a, void *old, size_t oldn, size_t newn);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True once an allocation was refused because of the cap (not malloc). */
bool arena_cap_hit(const struct arena *a);

/* Bytes handed out so far (for limits and metrics). */
size_t arena_used(const struct arena *a);

#endif
