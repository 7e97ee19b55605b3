/*
 * The plan's indicators as everyone reads them: every year with reports
 * and every breakdown of every year, for the default plan, computed once
 * per data generation and shared by the dashboard (signed in or not), the
 * indicators page and its workbook, the API and `sxsh kpi`.  The result is
 * reference-counted: a reader holds it while it formats, and a newer
 * generation replaces it without waiting for the readers.  Concurrent
 * readers of a generation not computed yet wait for the one computing it
 * (single flight): a change followed by a burst of requests computes once.
 *
 * The indicators are province-wide public figures, the same for every
 * caller, so the cache has one entry (no scope key).
 */
#ifndef SXSH_MODEL_KPI_CACHE_H
#define SXSH_MODEL_KPI_CACHE_H

#include <pthread.h>
#include <stdint.h>

#include "model/analytics/kpi.h"

struct db;
struct kpi_cache_entry;

struct kpi_cache {
	pthread_mutex_t lock;
	pthread_cond_t done;
	struct kpi_cache_entry *cur; /* NULL until first use */
	int computing;		     /* a reader is computing generation computing_gen */
	int64_t computing_gen;
	long computed; /* how many times a result was computed (tests, benchmarks) */
};

void kpi_cache_init(struct kpi_cache *c);
/* Drops the cached result (readers still holding it keep it) and the lock. */
void kpi_cache_destroy(struct kpi_cache *c);

/* What a reader holds; release it with kpi_cache_release. */
struct kpi_hold {
	const struct kpi_result *r; /* NULL when the database has no reports */
	int64_t generation;
	struct kpi_cache_entry *e;
};

/*
 * The indicators of db's current generation into *h: the cached result
 * when it is current, else computed (by this caller, or by another one
 * already computing it, whom this caller waits for).  Returns 0, or -1 on
 * a storage error (logged; *h is empty).  Release with kpi_cache_release.
 */
int kpi_cache_get(struct kpi_cache *c, struct db *db, struct kpi_hold *h);
void kpi_cache_release(struct kpi_cache *c, struct kpi_hold *h);

#endif
