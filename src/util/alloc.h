/*
 * Memory allocation with sxsh's out-of-memory policy: an allocation that fails
 * prints a message to stderr and aborts the process.  Callers therefore never
 * check for NULL.  This is the policy of kcgi, Redis and h2o: a server that
 * cannot allocate a few bytes cannot do anything useful, and recovery code
 * that is never exercised is worse than none.
 */
#ifndef SXSH_UTIL_ALLOC_H
#define SXSH_UTIL_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
/* Returns the new pointer; the old one is invalid afterwards. */
void *xrealloc(void *p, size_t n);
/* Returns a NUL-terminated copy; xstrdup(NULL) returns NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * Grows the array *p, of *cap elements of sz bytes, to hold at least n
 * elements (doubling, from 64), updating *p and *cap.
 */
void xgrow(void **p, int *cap, int n, size_t sz);
/* printf into a newly allocated string the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
