/*
 * The shared indicators (see kpi_cache.h).  The lock guards the entry
 * pointer, the reference counts and the computing flag; the computation
 * itself runs outside it.
 */
#include "model/analytics/kpi_cache.h"

#include <stdlib.h>

#include "model/registry/refdata.h"
#include "model/store.h"
#include "util/alloc.h"
#include "util/log.h"

struct kpi_cache_entry {
	int refs;
	int64_t generation;
	struct kpi_result *r; /* NULL: no reports */
};

void
kpi_cache_init(struct kpi_cache *c)
{
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->done, NULL);
	c->cur = NULL;
	c->computing = 0;
	c->computed = 0;
}

static void
unref_locked(struct kpi_cache_entry *e)
{
	if (e != NULL && --e->refs == 0) {
		kpi_result_free(e->r);
		free(e);
	}
}

void
kpi_cache_destroy(struct kpi_cache *c)
{
	pthread_mutex_lock(&c->lock);
	unref_locked(c->cur);
	c->cur = NULL;
	pthread_mutex_unlock(&c->lock);
	pthread_cond_destroy(&c->done);
	pthread_mutex_destroy(&c->lock);
}

/* Computes the whole result of db as it is now; NULL r for no reports.  -1 on error. */
static int
compute(struct db *db, struct kpi_result **out)
{
	int first, last;
	*out = NULL;
	if (kpi_year_range(db, &first, &last) < 0)
		return 0; /* no reports */
	char plan[REFDATA_PLAN_CODE_MAX], err[512];
	refdata_default_plan(db, plan, sizeof(plan)); /* none: refused by kpi_compute_query */
	struct kpi_query q = {.plan_code = plan,
			      .first_year = first,
			      .last_year = last,
			      .by_mask = KPI_BY_ALL,
			      .by_first = first,
			      .by_last = last};
	if (kpi_compute_query(db, &q, out, err, sizeof(err)) < 0) {
		log_err("indicators: %s", err);
		return -1;
	}
	return 0;
}

int
kpi_cache_get(struct kpi_cache *c, struct db *db, struct kpi_hold *h)
{
	int64_t gen;
	h->r = NULL;
	h->e = NULL;
	if (store_generation(db, &gen) < 0)
		return -1;
	h->generation = gen;
	pthread_mutex_lock(&c->lock);
	for (;;) {
		if (c->cur != NULL && c->cur->generation >= gen) {
			/* current (or newer: another reader saw a later change) */
			h->e = c->cur;
			h->e->refs++;
			h->r = h->e->r;
			h->generation = h->e->generation;
			pthread_mutex_unlock(&c->lock);
			return 0;
		}
		if (!c->computing)
			break;
		pthread_cond_wait(&c->done, &c->lock);
		if (!c->computing && (c->cur == NULL || c->cur->generation < gen))
			break; /* the one computing failed or computed an older generation */
	}
	c->computing = 1;
	c->computing_gen = gen;
	pthread_mutex_unlock(&c->lock);

	struct kpi_result *r;
	int rc = compute(db, &r);

	pthread_mutex_lock(&c->lock);
	c->computing = 0;
	if (rc == 0) {
		struct kpi_cache_entry *e = xcalloc(1, sizeof(*e));
		e->generation = gen;
		e->r = r;
		e->refs = 2; /* the cache's and this reader's */
		c->computed++;
		if (c->cur == NULL || c->cur->generation <= gen) {
			unref_locked(c->cur);
			c->cur = e;
		} else {
			e->refs = 1; /* a newer one is cached: this reader's only */
		}
		h->e = e;
		h->r = r;
	}
	pthread_cond_broadcast(&c->done);
	pthread_mutex_unlock(&c->lock);
	return rc;
}

void
kpi_cache_release(struct kpi_cache *c, struct kpi_hold *h)
{
	if (h->e == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	unref_locked(h->e);
	pthread_mutex_unlock(&c->lock);
	h->e = NULL;
	h->r = NULL;
}
