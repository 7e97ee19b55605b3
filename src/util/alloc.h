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

#ifdef SXSH_FAULT_INJECTION
/*
 * Fault injection, compiled only with meson -Dfault_injection=true (see
 * docs/testing.md, "Fault injection"); a normal build has none of it.  The
 * environment, read once at start-up, chooses what fails:
 *   SXSH_FAULT_ALLOC=N  the Nth allocation through this module (xmalloc,
 *                       xcalloc, xrealloc and all built on them) fails as a
 *                       real one would: the process ends with the message
 *                       above (the policy of this module);
 *   SXSH_FAULT_STEP=N   the Nth db_step() returns DB_ERR with db_errmsg()
 *                       "fault injected";
 *   SXSH_FAULT_COUNT=1  nothing fails; at exit the process prints
 *                       "sxsh: fault points: N allocations, N steps" to
 *                       stderr.
 * Counting is process-wide and thread-safe; N counts from 1.
 */
/* Counts a db_step() call; returns 1 when it is the one to fail, else 0. */
int xfault_step(void);
#endif

#endif
