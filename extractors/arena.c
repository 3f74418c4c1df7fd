/* arena.c: see arena.h.  Blocks are chained; a request larger than the block
 * size gets a block of its own.  The cap counts bytes handed out, not blocks.
 * arena_reset() keeps up to ARENA_SPARE standard blocks for the next request,
 * so a daemon or CLI thread that reuses its arena does not malloc, free (and
 * page-fault in) the same 64 KiB blocks for every document. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16
#define ARENA_SPARE 16   /* standard blocks kept by arena_reset (1 MiB) */

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

struct arena {
	struct block *head;  /* current block; older blocks follow */
	struct block *spare; /* empty standard blocks kept by arena_reset */
	size_t nspare;
	size_t cap, used;
	bool cap_hit;        /* an allocation was refused by the cap */
};

static struct block *block_new(size_t size)
{
	struct block *b = malloc(sizeof(*b) + size);
	if (!b)
		return NULL;
	b->next = NULL;
	b->size = size;
	b->used = 0;
	return b;
}

struct arena *arena_new(size_t cap)
{
	struct arena *a = malloc(sizeof(*a));
	if (!a)
		return NULL;
	a->head = block_new(ARENA_BLOCK);
	if (!a->head) {
		free(a);
		return NULL;
	}
	a->spare = NULL;
	a->nspare = 0;
	a->cap = cap;
	a->used = 0;
	a->cap_hit = false;
	return a;
}

static void chain_free(struct block *b)
{
	while (b) {
		struct block *n = b->next;
		free(b);
		b = n;
	}
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	chain_free(a->head);
	chain_free(a->spare);
	free(a);
}

void arena_reset(struct arena *a)
{
	struct block *b = a->head;
	/* keep the last (first-allocated) block and up to ARENA_SPARE standard
	 * blocks; free the rest */
	while (b->next) {
		struct block *n = b->next;
		if (b->size == ARENA_BLOCK && a->nspare < ARENA_SPARE) {
			b->next = a->spare;
			a->spare = b;
			a->nspare++;
		} else {
			free(b);
		}
		b = n;
	}
	b->used = 0;
	a->head = b;
	a->used = 0;
	a->cap_hit = false;
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need < n)
		return NULL; /* overflow */
	if (a->cap && (need > a->cap || a->used > a->cap - need)) {
		a->cap_hit = true;
		return NULL;
	}
	struct block *b = a->head;
	if (b->size - b->used < need) {
		size_t sz = need > ARENA_BLOCK ? need : ARENA_BLOCK;
		struct block *nb;
		if (sz == ARENA_BLOCK && a->spare) {
			nb = a->spare;
			a->spare = nb->next;
			a->nspare--;
			nb->next = NULL;
			nb->used = 0;
		} else {
			nb = block_new(sz);
		}
		if (!nb)
			return NULL;
		if (need > ARENA_BLOCK && b->used < b->size / 2) {
			/* big one-off: link it behind the current block so the
			 * current block's free space stays usable */
			nb->next = b->next;
			b->next = nb;
			nb->used = need;
			a->used += need;
			return nb->data;
		}
		nb->next = b;
		a->head = nb;
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += need;
	a->used += need;
	return p;
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *p = arena_alloc(a, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *arena_realloc(struct arena *a, void *old, size_t oldn, size_t newn)
{
	void *p = arena_alloc(a, newn);
	if (p && old)
		memcpy(p, old, oldn < newn ? oldn : newn);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

bool arena_cap_hit(const struct arena *a)
{
	return a->cap_hit;
}

size_t arena_used(const struct arena *a)
{
	return a->used;
}
