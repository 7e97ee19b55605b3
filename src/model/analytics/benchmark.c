/*
 * SEC benchmarks per product and year (benchmark.h).  One ledger load
 * restricted to the reports with an output of the product, then sorting
 * and the statistics of calc/stats.h.
 */
#include "model/analytics/benchmark.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/msg.h"
#include "model/calc/exact.h"
#include "model/calc/stats.h"
#include "model/analytics/ledger.h"
#include "model/store.h"
#include "util/alloc.h"

static int
peer_cmp(const void *a, const void *b)
{
	const struct bench_peer *x = a, *y = b;
	if (x->sec != y->sec)
		return (x->sec > y->sec) - (x->sec < y->sec);
	return strcmp(x->facility_code, y->facility_code);
}

static int
bench_compute_one(struct db *db, const char *product, int year, struct bench_result **out,
		  char *err, size_t errsz)
{
	struct bench_result *r = xcalloc(1, sizeof(*r));
	r->refs = 1;
	double *secs = NULL;
	int rc = -1;
	*out = NULL;
	r->year = year;
	r->norm = r->min = r->q1 = r->median = r->q3 = r->max = NAN;

	struct db_stmt *st = db_stmt(db, STMT_BENCH_PRODUCT_GET);
	db_bind_text(st, 1, product);
	int s = db_step(st);
	if (s == DB_DONE) {
		msg_both(err, errsz, MSG_AN_UNKNOWN_PRODUCT, ": %s", product);
		goto out;
	}
	if (s != DB_ROW)
		goto dberr;
	if (ledger_load_product(db, year, year, 0, product, 1, &r->ledger, err, errsz) < 0)
		goto out;
	struct arena *mem = &r->ledger->mem;
	r->product = arena_strdup(mem, product);
	r->product_name_vi = arena_strdup(mem, db_col_text(st, 0));
	r->product_name_en = arena_strdup(mem, db_col_text(st, 1));
	r->per_unit = arena_strdup(mem, db_col_text(st, 2));
	r->energy_unit = "GJ";
	db_reset(st);
	if (ledger_facilities(db, r->ledger, 0, err, errsz) < 0)
		goto out;

	const struct ledger *l = r->ledger;
	r->peers =
	    arena_alloc(mem, (size_t)(l->nreports > 0 ? l->nreports : 1) * sizeof(*r->peers));
	/* The common unit: the norm's, through the ratio sec / sec_gj of a peer that has one. */
	double mult = 1;
	int norm_seen = 0, norm_same = 1;
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_product *p = ledger_report_product(&l->reports[i], product);
		if (p == NULL || isnan(p->norm) || !(p->sec_gj > 0) || !isfinite(p->sec))
			continue;
		if (!norm_seen) {
			mult = p->sec / p->sec_gj;
			r->energy_unit = p->sec_energy_unit;
			r->per_unit = p->sec_per_unit;
			r->norm = p->norm;
			r->norm_ref = p->norm_ref;
			norm_seen = 1;
		} else if (p->norm != r->norm) {
			norm_same = 0;
		}
	}
	if (!norm_same)
		r->norm = NAN;
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_product *p = ledger_report_product(&l->reports[i], product);
		if (p == NULL)
			continue;
		if (!isfinite(p->sec_gj)) {
			r->nnot_computable++;
			continue;
		}
		const struct ledger_facility *f =
		    ledger_facility_find(l, l->reports[i].facility_id);
		struct bench_peer *peer = &r->peers[r->npeers++];
		peer->facility_id = l->reports[i].facility_id;
		peer->facility_code = f != NULL ? f->code : "";
		peer->facility_name = f != NULL ? f->name : "";
		/* The ledger's own SEC where it is in the common unit (its norm's), so
		 * every view shows the same figure; converted only without a norm. */
		peer->sec = isfinite(p->sec) && norm_seen &&
				    strcmp(p->sec_energy_unit, r->energy_unit) == 0 &&
				    strcmp(p->sec_per_unit, r->per_unit) == 0
				? p->sec
				: p->sec_gj * mult;
		peer->norm = p->norm;
		peer->norm_ratio = isnan(p->norm) ? NAN : peer->sec / p->norm;
		peer->meets = isnan(p->norm) ? -1 : calc_le(peer->sec, p->norm);
		peer->percentile = NAN;
		r->nmeets += peer->meets == 1;
	}
	if (r->npeers > 0)
		qsort(r->peers, (size_t)r->npeers, sizeof(*r->peers), peer_cmp);
	r->enough_peers = r->npeers >= BENCH_MIN_PEERS;
	secs = xmalloc((size_t)(r->npeers > 0 ? r->npeers : 1) * sizeof(double));
	for (int i = 0; i < r->npeers; i++)
		secs[i] = r->peers[i].sec; /* already ascending */
	if (r->npeers > 0) {
		r->min = secs[0];
		r->max = secs[r->npeers - 1];
	}
	if (r->enough_peers) {
		size_t n = (size_t)r->npeers;
		r->q1 = calc_quantile(secs, n, 0.25);
		r->median = calc_quantile(secs, n, 0.5);
		r->q3 = calc_quantile(secs, n, 0.75);
		for (int i = 0; i < r->npeers; i++)
			r->peers[i].percentile = calc_percentile_rank(secs, n, r->peers[i].sec);
	}
	*out = r;
	r = NULL;
	rc = 0;
	goto out;
dberr:
	msg_both(err, errsz, MSG_IO_DB_ERROR, " (benchmark): %s", db_errmsg(db));
out:
	free(secs);
	bench_result_free(r);
	return rc;
}

void
bench_result_free(struct bench_result *r)
{
	if (r == NULL || --r->refs > 0)
		return;
	ledger_free(r->ledger);
	free(r);
}

/* The benchmarks of one connection for one data generation, by product and year. */
#define BENCH_CACHE_MAX 16

struct bench_cache {
	int64_t generation;
	int n, next; /* entries in use; the one to replace next when full */
	struct bench_result *r[BENCH_CACHE_MAX];
	int prod_year; /* the year of prods (0: none) */
	int nprods;
	struct bench_product *prods;
};

static _Atomic long computed;

long
bench_computed(void)
{
	return computed;
}

static void
bench_cache_clear(struct bench_cache *c)
{
	for (int i = 0; i < c->n; i++)
		bench_result_free(c->r[i]);
	c->n = c->next = 0;
	bench_products_free(c->prods, c->nprods);
	c->prods = NULL;
	c->nprods = c->prod_year = 0;
}

static void
bench_cache_free(void *p)
{
	if (p != NULL) {
		bench_cache_clear(p);
		free(p);
	}
}

/* The connection's cache, emptied when the data generation moved; NULL on a storage error. */
static struct bench_cache *
bench_cache_of(struct db *db)
{
	int64_t gen;
	if (store_generation(db, &gen) < 0)
		return NULL;
	struct bench_cache *c = db_slot_get(db, DB_SLOT_BENCH);
	if (c == NULL) {
		c = xcalloc(1, sizeof(*c));
		db_slot_set(db, DB_SLOT_BENCH, c, bench_cache_free);
	}
	if (c->generation != gen) {
		bench_cache_clear(c);
		c->generation = gen;
	}
	return c;
}

int
bench_compute(struct db *db, const char *product, int year, struct bench_result **out, char *err,
	      size_t errsz)
{
	*out = NULL;
	struct bench_cache *c = bench_cache_of(db);
	if (c == NULL) {
		msg_both(err, errsz, MSG_IO_DB_ERROR, " (generation): %s", db_errmsg(db));
		return -1;
	}
	for (int i = 0; i < c->n; i++)
		if (c->r[i]->year == year && strcmp(c->r[i]->product, product) == 0) {
			c->r[i]->refs++;
			*out = c->r[i];
			return 0;
		}
	struct bench_result *r;
	if (bench_compute_one(db, product, year, &r, err, errsz) < 0)
		return -1;
	computed++;
	if (c->n < BENCH_CACHE_MAX) {
		c->r[c->n++] = r;
	} else {
		bench_result_free(c->r[c->next]);
		c->r[c->next] = r;
		c->next = (c->next + 1) % BENCH_CACHE_MAX;
	}
	r->refs++; /* the cache's and the caller's */
	*out = r;
	return 0;
}

static int
products_query(struct db *db, int year, struct bench_product **out, int *n)
{
	struct bench_product *v = NULL;
	int cnt = 0, cap = 0, rc;
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_BENCH_PRODUCTS);
	db_bind_int(st, 1, year);
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&v, &cap, cnt + 1, sizeof(*v));
		v[cnt++] =
		    (struct bench_product){xstrdup(db_col_text(st, 0)), xstrdup(db_col_text(st, 1)),
					   xstrdup(db_col_text(st, 2))};
	}
	if (rc != DB_DONE) {
		bench_products_free(v, cnt);
		return -1;
	}
	*out = v;
	*n = cnt;
	return 0;
}

/* A copy of p[0..n) that bench_products_free frees. */
static struct bench_product *
products_dup(const struct bench_product *p, int n)
{
	struct bench_product *v = xcalloc((size_t)(n > 0 ? n : 1), sizeof(*v));
	for (int i = 0; i < n; i++)
		v[i] = (struct bench_product){xstrdup(p[i].code), xstrdup(p[i].name_vi),
					      xstrdup(p[i].name_en)};
	return v;
}

int
bench_products(struct db *db, int year, struct bench_product **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct bench_cache *c = bench_cache_of(db);
	if (c == NULL)
		return -1;
	if (c->prod_year != year) {
		struct bench_product *v;
		int cnt;
		if (products_query(db, year, &v, &cnt) < 0)
			return -1;
		bench_products_free(c->prods, c->nprods);
		c->prods = v;
		c->nprods = cnt;
		c->prod_year = year;
	}
	*out = products_dup(c->prods, c->nprods);
	*n = c->nprods;
	return 0;
}

void
bench_products_free(struct bench_product *p, int n)
{
	for (int i = 0; p != NULL && i < n; i++) {
		free(p[i].code);
		free(p[i].name_vi);
		free(p[i].name_en);
	}
	free(p);
}
