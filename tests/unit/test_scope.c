/*
 * Unit tests for scope (model/accounts/scope.h): every workflow read function, for
 * every role of the fixture (tests/lib/wffix.h).  Admin and province see
 * everything; district A sees F1 (in its commune) and F3 but not F2 of
 * district B; enterprise 1 sees its confirmed F1 only; enterprise 2's
 * pending claim on F3 gives nothing; the expert and the public see none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/registry/claim.h"
#include "model/registry/facility_edit.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "util/arena.h"
#include "testutil.h"
#include "wffix.h"

/* Reports 2024 (id 101-103) and registrations 2025 (id 201-203) of F1-F3, submitted. */
static const char data_sql[] =
    "INSERT INTO report(id, facility_id, year, status, submitted_on) VALUES"
    " (101,1,2024,'submitted','2025-01-10'), (102,2,2024,'submitted','2025-01-11'),"
    " (103,3,2024,'submitted','2025-01-12');"
    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
    " (101,'frozen_shrimp',400,'t'), (102,'frozen_shrimp',350,'t'),"
    " (103,'frozen_shrimp',300,'t');"
    "INSERT INTO registration(id, facility_id, year, apply_cp, status) VALUES"
    " (201,1,2025,1,'submitted'), (202,2,2025,1,'submitted'), (203,3,2025,0,'submitted');";

/* Which of F1, F2, F3 each caller sees: by fixture index, then facility. */
static const int sees[WFX__MAX][3] = {
    [WFX_ADMIN] = {1, 1, 1},	  [WFX_PROVINCE] = {1, 1, 1}, [WFX_DISTRICT_A] = {1, 0, 1},
    [WFX_DISTRICT_B] = {0, 1, 0}, [WFX_ENT1] = {1, 0, 0},     [WFX_ENT2] = {0, 0, 0},
    [WFX_EXPERT] = {0, 0, 0},
};

static int
expect(int who, int fac)
{
	return who < 0 ? 0 : sees[who][fac];
}

static void
test_reads(void **state)
{
	(void)state;
	struct db *db = wfx_new("scope.db");
	assert_int_equal(db_exec(db, data_sql), DB_OK);
	/* who -1 is the public (NULL principal). */
	for (int w = -1; w < WFX__MAX; w++) {
		const struct principal *who = w < 0 ? NULL : &wfx_who[w];
		for (int f = 0; f < 3; f++) {
			int want = expect(w, f) ? ST_OK : ST_NOTFOUND;
			struct facility_profile fp;
			struct report *r = NULL;
			struct registration g;
			assert_int_equal(facility_profile_get(db, who, f + 1, &fp), want);
			assert_int_equal(report_get(db, who, 101 + f, &r), want);
			if (want == ST_OK) {
				/* The lines come with it. */
				assert_int_equal(r->nout, 1);
				assert_int_equal(r->doc.state, WF_SUBMITTED);
			}
			report_free(r);
			assert_int_equal(report_get_year(db, who, f + 1, 2024, &r), want);
			report_free(r);
			assert_int_equal(report_prefill(db, who, f + 1, 2025, &r), want);
			if (want == ST_OK)
				assert_int_equal(r->nout, 1); /* copied from 2024 */
			report_free(r);
			assert_int_equal(registration_get(db, who, 201 + f, &g), want);
			assert_int_equal(registration_get_year(db, who, f + 1, 2025, &g), want);
			assert_int_equal(registration_prefill(db, who, f + 1, 2026, &g), want);
		}
	}
	db_close(db);
}

static void
test_queue(void **state)
{
	(void)state;
	struct db *db = wfx_new("queue.db");
	assert_int_equal(db_exec(db, data_sql), DB_OK);
	/* Forward F3's report: it then awaits the province, not district A. */
	assert_int_equal(
	    db_exec(db, "UPDATE report SET forwarded_at = '2025-02-01' WHERE id = 103"), DB_OK);
	struct wf_queue_filter all = {.kind = -1, .state = -1};
	struct arena a;
	arena_init(&a);
	struct wf_queue q;
	/* Province: 3 reports + 3 registrations await it (submitted or forwarded). */
	assert_int_equal(wf_queue_list(db, &wfx_who[WFX_PROVINCE], &all, &a, &q), ST_OK);
	assert_int_equal(q.n, 6);
	assert_int_equal(q.total, 6);
	assert_int_equal(q.counts[WF_SUBMITTED], 5);
	assert_int_equal(q.counts[WF_FORWARDED], 1);
	/* District A: F1's and F3's registrations and F1's report (F3's report is forwarded). */
	assert_int_equal(wf_queue_list(db, &wfx_who[WFX_DISTRICT_A], &all, &a, &q), ST_OK);
	assert_int_equal(q.n, 3);
	assert_int_equal(q.counts[WF_SUBMITTED], 3);
	assert_int_equal(q.counts[WF_FORWARDED], 1);
	for (int i = 0; i < q.n; i++)
		assert_true(q.items[i].facility_id == 1 || q.items[i].facility_id == 3);
	/* Filters: reports only, of district B's unit. */
	struct wf_queue_filter f = {.kind = WF_KIND_REPORT, .state = -1, .unit_id = WFX_UNIT_B};
	assert_int_equal(wf_queue_list(db, &wfx_who[WFX_ADMIN], &f, &a, &q), ST_OK);
	assert_int_equal(q.n, 1);
	assert_int_equal(q.items[0].id, 102);
	assert_string_equal(q.items[0].facility_code, "F2");
	/* Enterprise 1: nothing awaits it; asking for submitted shows its own two. */
	assert_int_equal(wf_queue_list(db, &wfx_who[WFX_ENT1], &all, &a, &q), ST_OK);
	assert_int_equal(q.n, 0);
	struct wf_queue_filter sub = {.kind = -1, .state = WF_SUBMITTED};
	assert_int_equal(wf_queue_list(db, &wfx_who[WFX_ENT1], &sub, &a, &q), ST_OK);
	assert_int_equal(q.n, 2);
	/* Enterprise 2 (pending claim), the expert and the public: nothing at all. */
	for (int w = -1; w < WFX__MAX; w++) {
		if (w >= 0 && w != WFX_ENT2 && w != WFX_EXPERT)
			continue;
		assert_int_equal(wf_queue_list(db, w < 0 ? NULL : &wfx_who[w], &sub, &a, &q),
				 ST_OK);
		assert_int_equal(q.n, 0);
		assert_int_equal(q.counts[WF_SUBMITTED], 0);
	}
	arena_free(&a);
	db_close(db);
}

static void
test_claim_list(void **state)
{
	(void)state;
	struct db *db = wfx_new("claims.db");
	struct arena a;
	arena_init(&a);
	struct claim_row *rows;
	int n;
	/* The fixture's claims: ent1's confirmed F1 (trigger) and ent2's pending F3. */
	assert_int_equal(claim_list(db, &wfx_who[WFX_PROVINCE], -1, &a, &rows, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(claim_list(db, &wfx_who[WFX_PROVINCE], CLAIM_CLAIMED, &a, &rows, &n),
			 ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].facility_code, "F3");
	assert_string_equal(rows[0].email, "ent2@test");
	assert_int_equal(claim_list(db, &wfx_who[WFX_ENT2], -1, &a, &rows, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(claim_list(db, &wfx_who[WFX_DISTRICT_B], -1, &a, &rows, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(claim_list(db, &wfx_who[WFX_DISTRICT_A], -1, &a, &rows, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(claim_list(db, &wfx_who[WFX_EXPERT], -1, &a, &rows, &n), ST_OK);
	assert_int_equal(n, 0);
	assert_int_equal(claim_list(db, NULL, -1, &a, &rows, &n), ST_OK);
	assert_int_equal(n, 0);
	arena_free(&a);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reads),
	    cmocka_unit_test(test_queue),
	    cmocka_unit_test(test_claim_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
