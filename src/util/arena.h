/*
 * A region allocator: many small allocations, one release.  Each HTTP request
 * owns one arena, cleared when the request completes (as h2o's mem pool), so
 * handlers never free what they allocate from it.  Allocation aborts on
 * out-of-memory like xmalloc.
 */
#ifndef SXSH_UTIL_ARENA_H
#define SXSH_UTIL_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
};

void arena_init(struct arena *a);
/* Frees every block; pointers from the arena are invalid afterwards. */
void arena_free(struct arena *a);
/* Returns n bytes aligned for any type, valid until arena_free. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
