/*
 * One ledger (issue 10, item 1): one multi-product, multi-carrier report
 * with monthly lines goes through every view that shows its energy — the
 * ledger itself, the report form's preview, the facility page, the
 * benchmark, the key-user API and `sxsh keyusers` — and every view shows
 * the same figures, each in its own format.  Worked out by hand from the
 * data/ CSV files:
 *
 * F1, a seafood plant (VSIC 1020) in Rạch Giá, 2024, accepted:
 *   outputs  frozen shrimp 400 t, frozen catfish 300 t (a 700 t plant, so
 *            both TT 52/2018 norms apply: 2,050 and 1,050 kWh/t);
 *   energy   electricity 1,200,000 kWh for the year, named for no product,
 *            and its twelve months of 100,000 kWh (the detail of the year:
 *            counted once);
 *            DO 10 t named for shrimp; coal fines 1-2 1,200 t named for
 *            catfish.
 *   TOE      1,200,000 x 0.0001543 = 185.16; 10 x 1.02 = 10.2;
 *            1,200 x 0.70 = 840; total 1,035.36 TOE: a key energy user.
 *   GJ       1,200,000 x 0.0036 = 4,320; 10 x 43.0 = 430;
 *            1,200 x 29.3076 = 35,169.12; total 39,919.12 GJ.
 *   shrimp   the main product (400 t > 300 t) takes the unnamed electricity:
 *            4,320 + 430 = 4,750 GJ = 4,750 / 0.0036 = 1,319,444.44 kWh;
 *            / 400 t = 3,298.6111 kWh/t, 1.6091 x the norm; 195.36 TOE,
 *            0.4884 TOE/t.
 *   catfish  35,169.12 GJ / 0.0036 = 9,769,200 kWh / 300 t = 32,564 kWh/t;
 *            840 TOE, 2.8 TOE/t.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "model/analytics/benchmark.h"
#include "model/analytics/ledger.h"
#include "model/reporting/report.h"
#include "model/store.h"
#include "testutil.h"

#define DBNAME "oneledger.db"

static const char fixture_sql[] =
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " VALUES (1, 'F1', 'Nhà máy Hải sản Một', 'nha may hai san mot', '1020',"
    " (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'large');"
    "INSERT INTO report(id, facility_id, year, status) VALUES (1, 1, 2024, 'accepted');"
    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
    " (1, 'frozen_shrimp', 400, 't'), (1, 'frozen_catfish', 300, 't');"
    "INSERT INTO report_energy(report_id, carrier_code, month, product_code, quantity, unit)"
    " VALUES (1, 'electricity', NULL, NULL, 1200000, 'kWh'),"
    " (1, 'electricity', 1, NULL, 100000, 'kWh'), (1, 'electricity', 2, NULL, 100000, 'kWh'),"
    " (1, 'electricity', 3, NULL, 100000, 'kWh'), (1, 'electricity', 4, NULL, 100000, 'kWh'),"
    " (1, 'electricity', 5, NULL, 100000, 'kWh'), (1, 'electricity', 6, NULL, 100000, 'kWh'),"
    " (1, 'electricity', 7, NULL, 100000, 'kWh'), (1, 'electricity', 8, NULL, 100000, 'kWh'),"
    " (1, 'electricity', 9, NULL, 100000, 'kWh'), (1, 'electricity', 10, NULL, 100000, 'kWh'),"
    " (1, 'electricity', 11, NULL, 100000, 'kWh'), (1, 'electricity', 12, NULL, 100000, 'kWh'),"
    " (1, 'do', NULL, 'frozen_shrimp', 10, 't'),"
    " (1, 'coal_1_2', NULL, 'frozen_catfish', 1200, 't');";

#define TOE	    1035.36
#define GJ	    39919.12
#define SHRIMP_SEC  (4750 / 0.0036 / 400)
#define CATFISH_SEC (35169.12 / 0.0036 / 300)

static struct hc_server server;
static struct hs_session staff; /* province staff */

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new(DBNAME, fixture_sql);
	static const struct user_new acc[] = {{.email = "so@x.vn", .role = ROLE_PROVINCE}};
	hs_accounts(db, acc, 1, NULL, &staff);
	db_close(db);
	hs_server_start(&server, DBNAME);
	return 0;
}

static struct db *
open_db(void)
{
	char err[256];
	struct db *db = store_open_existing(tu_db_url(DBNAME), err, sizeof(err));
	if (db == NULL)
		fail_msg("open: %s", err);
	return db;
}

static void
test_ledger_and_preview(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_db();
	struct ledger *l = NULL;
	assert_int_equal(ledger_load(db, 2024, 2024, 1, &l, err, sizeof(err)), 0);
	const struct ledger_report *r = &l->reports[0];
	assert_true(r->toe_ok && r->gj_ok);
	assert_true(r->toe == TOE); /* kept to 10^-6 TOE: the double nearest 1,035.36 */
	assert_float_equal(r->gj, GJ, 1e-6);
	const struct ledger_product *s = ledger_report_product(r, "frozen_shrimp");
	const struct ledger_product *c = ledger_report_product(r, "frozen_catfish");
	assert_string_equal(r->products[r->main_product].product, "frozen_shrimp");
	assert_float_equal(s->sec, SHRIMP_SEC, 1e-6);
	assert_float_equal(s->energy_toe, 195.36, 1e-6);
	assert_float_equal(s->norm, 2050, 0);
	assert_float_equal(c->sec, CATFISH_SEC, 1e-6);
	assert_float_equal(c->energy_toe, 840, 1e-6);

	/* The form's preview of the same report: the same numbers. */
	static const struct principal province = {.user_id = 1, .role = ROLE_PROVINCE};
	struct report *rep = NULL;
	assert_int_equal(report_get(db, &province, 1, &rep), ST_OK);
	struct report_preview p;
	assert_int_equal(report_preview(db, rep, &p), ST_OK);
	assert_true(p.toe == r->toe);
	assert_float_equal(p.gj, r->gj, 1e-9);
	assert_int_equal(p.nprod, 2);
	for (int i = 0; i < 2; i++) {
		const struct ledger_product *lp = ledger_report_product(r, p.prod[i].product);
		assert_non_null(lp);
		assert_true(p.prod[i].toe == lp->energy_toe);
		assert_true(p.prod[i].sec_toe == lp->sec_toe);
		assert_true(p.prod[i].sec_norm == lp->sec);
		assert_true(p.prod[i].ratio == lp->norm_ratio);
	}
	assert_float_equal(p.prod[0].sec_toe, 195.36 / 400, 1e-12);
	assert_float_equal(p.prod[1].sec_toe, 840.0 / 300, 1e-12);
	report_preview_free(&p);
	report_free(rep);

	/* The benchmark's peer is the same SEC. */
	struct bench_result *b = NULL;
	assert_int_equal(bench_compute(db, "frozen_shrimp", 2024, &b, err, sizeof(err)), 0);
	assert_int_equal(b->npeers, 1);
	assert_true(b->peers[0].sec == s->sec);
	bench_result_free(b);
	ledger_free(l);
	db_close(db);
}

static void
test_pages_api_cli(void **state)
{
	(void)state;
	struct hc_response r;
	json_error_t jerr;
	/* The facility page: TOE with two decimals, the main product's SEC with
	 * four significant digits, its norm. */
	hs_req(server.port, "GET", "/facilities/1", staff.cookie, NULL, 200, &r);
	hs_contains(&r, "<td>1.035,36</td><td>39.919,1</td>");
	hs_contains(&r, "<td>frozen_shrimp</td><td>3.299 kWh/t</td><td>2.050</td>");
	hc_response_free(&r);

	/* The key-user API: the ledger's TOE as kept. */
	hs_req(server.port, "GET", "/api/v1/keyusers?year=2024", staff.cookie, NULL, 200, &r);
	json_t *doc = json_loads(r.body, 0, &jerr);
	assert_non_null(doc);
	json_t *items = json_object_get(doc, "items");
	assert_int_equal(json_array_size(items), 1);
	assert_true(json_real_value(json_object_get(json_array_get(items, 0), "toe")) == TOE);
	json_decref(doc);
	hc_response_free(&r);

	/* `sxsh keyusers`: the same figure, as JSON and in the table. */
	char cmd[1024], *out = NULL;
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2024 --format json", tu_sxsh(),
		 tu_db_url(DBNAME));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_non_null(strstr(out, "\"toe\": 1035.36,"));
	free(out);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2024", tu_sxsh(),
		 tu_db_url(DBNAME));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_non_null(strstr(out, " 1.035,36 "));
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ledger_and_preview),
	    cmocka_unit_test(test_pages_api_cli),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
