/*
 * Allocation wrappers that abort on out-of-memory (see alloc.h).
 */
#include "util/alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
oom(size_t n)
{
	fprintf(stderr, "sxsh: out of memory allocating %zu bytes\n", n);
	abort();
}

#ifdef SXSH_FAULT_INJECTION
/* Which allocation and which step fail (0: none), and how many there were. */
static unsigned long fault_alloc_at, fault_step_at;
static unsigned long fault_allocs, fault_steps;

static void
fault_report(void)
{
	fprintf(stderr, "sxsh: fault points: %lu allocations, %lu steps\n",
		__atomic_load_n(&fault_allocs, __ATOMIC_RELAXED),
		__atomic_load_n(&fault_steps, __ATOMIC_RELAXED));
}

static unsigned long
fault_env(const char *name)
{
	const char *s = getenv(name);
	return s != NULL ? strtoul(s, NULL, 10) : 0;
}

/* Runs before main (and before any allocation of the program). */
__attribute__((constructor)) static void
fault_init(void)
{
	fault_alloc_at = fault_env("SXSH_FAULT_ALLOC");
	fault_step_at = fault_env("SXSH_FAULT_STEP");
	if (fault_env("SXSH_FAULT_COUNT") != 0)
		atexit(fault_report);
}

/* Counts an allocation of n bytes and fails it when it is the chosen one. */
static void
fault_alloc(size_t n)
{
	unsigned long i = __atomic_add_fetch(&fault_allocs, 1, __ATOMIC_RELAXED);
	if (i == fault_alloc_at)
		oom(n);
}

int
xfault_step(void)
{
	unsigned long i = __atomic_add_fetch(&fault_steps, 1, __ATOMIC_RELAXED);
	return i == fault_step_at;
}
#else
#define fault_alloc(n) ((void)(n))
#endif

void *
xmalloc(size_t n)
{
	fault_alloc(n);
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	fault_alloc(nmemb * size);
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (p == NULL)
		oom(nmemb * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	fault_alloc(n);
	void *q = realloc(p, n ? n : 1);
	if (q == NULL)
		oom(n);
	return q;
}

void
xgrow(void **p, int *cap, int n, size_t sz)
{
	if (n <= *cap)
		return;
	int nc = *cap ? *cap : 64;
	while (nc < n)
		nc *= 2;
	*p = xrealloc(*p, (size_t)nc * sz);
	*cap = nc;
}

char *
xstrdup(const char *s)
{
	if (s == NULL)
		return NULL;
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	char *p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
