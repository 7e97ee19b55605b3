/*
 * Unit tests for the shared indicators (model/analytics/kpi_cache.h): a
 * burst of readers on a generation not computed yet computes it once;
 * readers of the same generation share one result; a change (a new data
 * generation) computes again, and a reader still holding the old result
 * can read it after it was replaced.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/analytics/kpi_cache.h"
#include "model/reporting/report.h"
#include "model/store.h"
#include "testutil.h"
#include "wffix.h"

#define READERS 8

static const char *const N = "kpi_cache.db";
static struct kpi_cache cache;
static pthread_barrier_t start;
/*
 * The database's URL, copied once before the readers start: tu_db_url
 * writes a static buffer, and a reader reading it while another rewrites
 * it may see it empty (SQLite then opens an empty private database).
 */
static char url[700];

struct reader {
	const struct kpi_result *r;
	int64_t generation;
	int rc;
};

static void *
reader_run(void *arg)
{
	struct reader *rd = arg;
	char err[256];
	struct db *db = store_open_existing(url, err, sizeof(err));
	rd->rc = -1;
	if (db == NULL)
		return NULL;
	struct kpi_hold h;
	pthread_barrier_wait(&start);
	rd->rc = kpi_cache_get(&cache, db, &h);
	rd->r = h.r;
	rd->generation = h.generation;
	kpi_cache_release(&cache, &h);
	store_close(db);
	return NULL;
}

/* 400 t of frozen shrimp on 500,000 kWh: one report, so the indicators have a year. */
static const struct report_output_in out1[] = {{"frozen_shrimp", "400", "t"}};
static const struct report_energy_in en1[] = {{"electricity", "500000", "kWh", NULL, NULL, NULL}};
static const struct report_input rep1 = {
    .cp = {"1", "1", "0", "1"}, .nout = 1, .out = out1, .nenergy = 1, .energy = en1};

static void
test_single_flight(void **state)
{
	(void)state;
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	int64_t id;
	assert_int_equal(report_create(db, &wfx_who[WFX_ENT1], 1, 2024, &rep1, &id, &errs), ST_OK);
	kpi_cache_init(&cache);
	snprintf(url, sizeof(url), "%s", tu_db_url(N));
	pthread_barrier_init(&start, NULL, READERS);
	pthread_t t[READERS];
	struct reader rd[READERS];
	memset(rd, 0, sizeof(rd));
	for (int i = 0; i < READERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, reader_run, &rd[i]), 0);
	for (int i = 0; i < READERS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&start);
	for (int i = 0; i < READERS; i++) {
		assert_int_equal(rd[i].rc, 0);
		assert_non_null(rd[i].r);
		assert_ptr_equal(rd[i].r, rd[0].r); /* one result, shared */
	}
	assert_int_equal(cache.computed, 1);

	/* Same generation: served from the cache. */
	struct kpi_hold old;
	assert_int_equal(kpi_cache_get(&cache, db, &old), 0);
	assert_ptr_equal(old.r, rd[0].r);
	assert_int_equal(cache.computed, 1);
	assert_int_equal(old.r->first_year, 2024);
	assert_int_equal(old.r->last_year, 2024);

	/* A change that public figures see: submitted and accepted in 2025. */
	int64_t id2;
	assert_int_equal(report_create(db, &wfx_who[WFX_ENT1], 1, 2025, &rep1, &id2, &errs), ST_OK);
	assert_int_equal(report_transition(db, &wfx_who[WFX_ENT1], id2, WF_SUBMIT, 1, NULL, &errs),
			 ST_OK);
	assert_int_equal(
	    report_transition(db, &wfx_who[WFX_PROVINCE], id2, WF_ACCEPT, 2, NULL, &errs), ST_OK);
	struct kpi_hold now;
	assert_int_equal(kpi_cache_get(&cache, db, &now), 0);
	assert_int_equal(cache.computed, 2);
	assert_true(now.generation > old.generation);
	assert_int_equal(now.r->last_year, 2025);
	/* The old result is still whole for the reader that holds it. */
	assert_int_equal(old.r->first_year, 2024);
	assert_int_equal(old.r->last_year, 2024);
	kpi_cache_release(&cache, &old);
	kpi_cache_release(&cache, &now);
	kpi_cache_destroy(&cache);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_single_flight),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
