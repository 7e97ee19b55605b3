/*
 * Unit tests for model/ledger (energy per report, SEC against norms),
 * model/benchmark (peers, percentiles) and model/savings (baseline year,
 * ISO 50006 regression), on a database with the shipped reference data and
 * a few facilities written in literal SQL below, plus property tests on
 * random reports from a seeded generator.  Expected values are worked out
 * by hand beside each assertion, with the factors of the data/ CSV files.
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

#include "db/db.h"
#include "fixture.h"
#include "model/analytics/benchmark.h"
#include "model/analytics/ledger.h"
#include "model/registry/refdata.h"
#include "model/analytics/savings.h"
#include "testutil.h"
#include "util/alloc.h"
#include "util/rng.h"

#define UNIT "(SELECT id FROM admin_unit WHERE code = 'rach-gia')"
#define FAC(id, code, sector)                                                                      \
	"INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "   \
	"size) VALUES (" #id ", '" code "', 'Cơ sở " code "', '" code "', '" sector "', " UNIT     \
	", 'private', 'medium');"

/*
 * F1 catfish 400 t, 400,000 kWh (2019): the TT 52/2018 norm applies
 *    (>= 300 t): 1,050 kWh/t.
 * F2 catfish 200 t (below the band: no norm), 100,000 kWh + 10 t rice husk.
 * F3 milled rice 1,000 t and ice 500 t; 50,000 kWh named for ice, 10 t DO
 *    unnamed (goes to the main product, rice).
 * F4 sugar 100 t with 5 t bagasse (no factor) and 10,000 kWh in 2019; 1,000
 *    kWh in 2025 (no grid factor).
 * S1 ice: 2013 (before the baseline window), 2015 with 12 monthly points
 *    kWh = 1,000 + 100 P_m for P_m = m t, 2019 annual 120 t, 20,000 kWh.
 */
static const char fixture[] =
    FAC(1, "F1", "1020") FAC(2, "F2", "1020") FAC(3, "F3", "1061") FAC(4, "F4", "1072") FAC(
	5, "S1",
	"3530") "INSERT INTO report(id, facility_id, year) VALUES (1,1,2019),(2,2,2019),(3,3,2019),"
		" (4,4,2019),(5,4,2025),(6,5,2013),(7,5,2015),(8,5,2019);"
		"INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
		" (1,'frozen_catfish',400,'t'), (2,'frozen_catfish',200000,'kg'),"
		" (3,'milled_rice',1000,'t'), (3,'ice',500,'t'), (4,'sugar',100,'t'),"
		" (6,'ice',50,'t'), (7,'ice',78,'t'), (8,'ice',120,'t');"
		"INSERT INTO report_energy(report_id, carrier_code, month, product_code, quantity, "
		"unit)"
		" VALUES (1,'electricity',NULL,NULL,400000,'kWh'),"
		" (2,'electricity',NULL,NULL,100,'MWh'), (2,'rice_husk',NULL,NULL,10,'t'),"
		" (3,'electricity',NULL,'ice',50000,'kWh'), (3,'do',NULL,NULL,10,'t'),"
		" (4,'bagasse',NULL,NULL,5,'t'), (4,'electricity',NULL,NULL,10000,'kWh'),"
		" (5,'electricity',NULL,NULL,1000,'kWh'),"
		" (6,'electricity',NULL,NULL,30000,'kWh'), "
		"(8,'electricity',NULL,NULL,20000,'kWh');"
		/* Benchmarks count accepted reports only (see test_bench_few_peers). */
		"UPDATE report SET status = 'accepted';";

static struct db *
open_fixture(const char *name)
{
	struct db *db = fx_db_new(name, fixture);
	/* S1 2015: twelve months, P_m = m t, E_m = 1,000 + 100 m kWh. */
	for (int m = 1; m <= 12; m++) {
		char sql[256];
		snprintf(sql, sizeof(sql),
			 "INSERT INTO report_energy(report_id, carrier_code, month, quantity, unit)"
			 " VALUES (7,'electricity',%d,%d,'kWh');"
			 "INSERT INTO report_output_month(report_id, product_code, month, quantity)"
			 " VALUES (7,'ice',%d,%d);",
			 m, 1000 + 100 * m, m, m);
		if (db_exec(db, sql) != DB_OK)
			fail_msg("months: %s", db_errmsg(db));
	}
	return db;
}

static const struct ledger_report *
find(const struct ledger *l, int64_t fac, int year)
{
	for (int i = 0; i < l->nreports; i++)
		if (l->reports[i].facility_id == fac && l->reports[i].year == year)
			return &l->reports[i];
	fail_msg("no report %lld/%d", (long long)fac, year);
	return NULL;
}

static void
test_ledger_energy(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("ledger.db");
	struct ledger *l = NULL;
	assert_int_equal(ledger_load(db, 2019, 2019, 0, &l, err, sizeof(err)), 0);
	assert_int_equal(l->nreports, 5); /* F1-F4 and S1 in 2019 */

	/* F1: 400,000 x 0.0001543 = 61.72 TOE; 400,000 x 0.0036 = 1,440 GJ;
	 * 400 MWh x 0.8458 = 338.32 t CO2. */
	const struct ledger_report *r = find(l, 1, 2019);
	assert_float_equal(r->toe, 61.72, 1e-9);
	assert_float_equal(r->toe_legal, 61.72, 0); /* no derived factor: the same sum */
	assert_float_equal(r->gj, 1440, 1e-9);
	assert_float_equal(r->co2_t, 338.32, 1e-9);
	assert_true(r->toe_ok && r->gj_ok && r->co2_ok);
	assert_int_equal(r->nerrors, 0);
	/* SEC in the norm's unit: 1,440 GJ / 0.0036 = 400,000 kWh / 400 t = 1,000 kWh/t;
	 * norm 1,050: ratio 1,000 / 1,050 = 20/21, meets. */
	const struct ledger_product *p = ledger_report_product(r, "frozen_catfish");
	assert_non_null(p);
	assert_float_equal(p->sec, 1000, 1e-9);
	assert_string_equal(p->sec_energy_unit, "kWh");
	assert_string_equal(p->sec_per_unit, "t");
	assert_float_equal(p->norm, 1050, 0);
	assert_string_equal(p->norm_ref, "TT 52/2018/TT-BCT");
	assert_float_equal(p->norm_ratio, 20.0 / 21.0, 1e-12);
	assert_int_equal(p->meets, 1);
	assert_float_equal(p->sec_gj, 3.6, 1e-12); /* 1,440 / 400 */

	/* F2: 100 MWh = 100,000 kWh: 15.43 TOE, 360 GJ, 84.58 t CO2; 10 t husk:
	 * 2.771 TOE, 116 GJ, 11.6 t biogenic CO2.  TOE 18.201, GJ 476.  Output
	 * 200,000 kg = 200 t, below the 300 t band: no norm; SEC 476 / 200 = 2.38 GJ/t. */
	r = find(l, 2, 2019);
	assert_float_equal(r->toe, 18.201, 1e-9);
	assert_float_equal(r->gj, 476, 1e-9);
	assert_float_equal(r->co2_t, 84.58, 1e-9);
	assert_float_equal(r->co2_bio_t, 11.6, 1e-9);
	assert_int_equal(r->ncarriers, 2);
	assert_string_equal(r->carriers[0].carrier, "electricity");  /* by code */
	assert_float_equal(r->carriers[0].qty_native, 100000, 1e-6); /* in kWh */
	assert_string_equal(r->carriers[1].carrier, "rice_husk");
	/* Rice husk's TOE factor is derived (11.6 GJ/t / 41.868), electricity's legal:
	 * the legal part is the 15.43 TOE of electricity alone. */
	assert_false(r->carriers[0].toe_derived);
	assert_true(r->carriers[1].toe_derived);
	assert_float_equal(r->toe_legal, 15.43, 1e-9);
	p = ledger_report_product(r, "frozen_catfish");
	assert_float_equal(p->output, 200, 1e-12);
	assert_true(isnan(p->norm));
	assert_int_equal(p->meets, -1);
	assert_string_equal(p->sec_energy_unit, "GJ");
	assert_float_equal(p->sec, 2.38, 1e-12);

	/* F3: ice gets its named 50,000 kWh = 180 GJ: 180 / 500 = 0.36 GJ/t; rice, the main
	 * product (1,000 t > 500 t), gets the unnamed 10 t DO = 430 GJ: 0.43 GJ/t. */
	r = find(l, 3, 2019);
	assert_int_equal(r->nproducts, 2);
	assert_string_equal(r->products[r->main_product].product, "milled_rice");
	assert_float_equal(ledger_report_product(r, "ice")->sec, 0.36, 1e-12);
	assert_float_equal(ledger_report_product(r, "milled_rice")->sec, 0.43, 1e-12);
	assert_float_equal(r->gj, 610, 1e-9); /* 180 + 430 */

	/* F4: bagasse has no factor: an error naming carrier, unit and year for TOE,
	 * GJ and CO2; the TOE known so far is 10,000 x 0.0001543 = 1.543, flagged
	 * incomplete, and the SEC is unknown, not a number computed without it. */
	r = find(l, 4, 2019);
	assert_false(r->toe_ok);
	assert_false(r->gj_ok);
	assert_float_equal(r->toe, 1.543, 1e-12);
	assert_int_equal(r->nerrors, 3);
	int seen = 0;
	for (int i = 0; i < r->nerrors; i++) {
		assert_string_equal(r->errors[i].carrier, "bagasse");
		assert_string_equal(r->errors[i].unit, "t");
		assert_int_equal(r->errors[i].year, 2019);
		seen |= strcmp(r->errors[i].what, "factor") == 0;
	}
	assert_true(seen);
	assert_true(isnan(ledger_report_product(r, "sugar")->sec));
	ledger_free(l);

	/* F4 in 2025: no grid factor that year. */
	assert_int_equal(ledger_load(db, 2025, 2025, 4, &l, err, sizeof(err)), 0);
	assert_int_equal(l->nreports, 1);
	assert_int_equal(l->reports[0].nerrors, 1);
	assert_string_equal(l->reports[0].errors[0].what, "grid");
	assert_int_equal(l->reports[0].errors[0].year, 2025);
	assert_false(l->reports[0].co2_ok);
	assert_true(l->reports[0].toe_ok);
	ledger_free(l);
	db_close(db);
}

/*
 * Coal fines: the heating value follows the legal TOE factor (x 41.868 GJ
 * per TOE), the CO2 is that heating value x IPCC anthracite's 98,300 kg/TJ.
 * 100 t of each grade in 2019 (reports without output, but for K3):
 *   K1 grades 1-2: 100 x 0.70 = 70 TOE; 70 x 41.868 = 2,930.76 GJ;
 *      2,930.76 GJ x 98.3 kg/GJ = 288,093.708 kg = 288.093708 t CO2.
 *   K2 grades 3-4: 60 TOE; 60 x 41.868 = 2,512.08 GJ; x 98.3 = 246.937464 t.
 *   K3 grades 5-6: 50 TOE; 50 x 41.868 = 2,093.4 GJ; x 98.3 = 205.78122 t;
 *      clinker 1,000 t, no norm: SEC 2,093.4 / 1,000 = 2.0934 GJ/t (with
 *      anthracite's 26.7 GJ/t it was 2.67, 27.5 % too high).
 */
static const char coal_fixture[] = FAC(1, "K1", "2394") FAC(2, "K2", "2394")
    FAC(3, "K3",
	"2394") "INSERT INTO report(id, facility_id, year) VALUES (1,1,2019),(2,2,2019),(3,3,2019);"
		"INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
		" (3,'clinker',1000,'t');"
		"INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
		" (1,'coal_1_2',100,'t'), (2,'coal_3_4',100,'t'), (3,'coal_5_6',100,'t');";

static void
test_ledger_coal(void **state)
{
	(void)state;
	char err[512];
	struct db *db = fx_db_new("coal.db", coal_fixture);
	struct ledger *l = NULL;
	assert_int_equal(ledger_load(db, 2019, 2019, 0, &l, err, sizeof(err)), 0);
	assert_int_equal(l->nreports, 3);
	static const struct {
		double toe, gj, co2;
	} want[3] = {{70, 2930.76, 288.093708}, {60, 2512.08, 246.937464}, {50, 2093.4, 205.78122}};
	for (int i = 0; i < 3; i++) {
		const struct ledger_report *r = find(l, i + 1, 2019);
		assert_true(r->toe_ok && r->gj_ok && r->co2_ok);
		assert_float_equal(r->toe, want[i].toe, 1e-9);
		assert_float_equal(r->gj, want[i].gj, 1e-9);
		assert_float_equal(r->co2_t, want[i].co2, 1e-9);
		assert_float_equal(r->co2_bio_t, 0, 0);
		/* GJ and TOE agree: 41.868 GJ per TOE for every grade. */
		assert_float_equal(r->gj / r->toe, 41.868, 1e-12);
	}
	const struct ledger_product *p = ledger_report_product(find(l, 3, 2019), "clinker");
	assert_non_null(p);
	assert_string_equal(p->sec_energy_unit, "GJ");
	assert_float_equal(p->sec, 2.0934, 1e-12);
	ledger_free(l);
	db_close(db);
}

/*
 * Seafood plants (TT 52/2018): the 300 t band bounds the plant's output of
 * every VSIC 1020 product in tonnes, not each product's.  2019, every
 * energy line named for its product:
 *   P1 shrimp 200 t (400,000 kWh), catfish 150 t (165,000 kWh), fish sauce
 *      50 kL (10,000 kWh): 200 + 150 = 350 t >= 300 (fish sauce, in kL, is
 *      not counted).  Shrimp 400,000 / 200 = 2,000 kWh/t <= 2,050, ratio
 *      2,000 / 2,050 = 40/41; catfish 165,000 / 150 = 1,100 kWh/t > 1,050,
 *      ratio 1,100 / 1,050 = 22/21.  Fish sauce has no norm: 10,000 x
 *      0.0036 = 36 GJ / 50 kL = 0.72 GJ/kL.
 *   P2 shrimp 200 t (400,000 kWh), fish sauce 150 kL (30,000 kWh): 200 t
 *      of seafood in tonnes < 300: no norm; 1,440 GJ / 200 t = 7.2 GJ/t.
 *   P3 catfish 150,000 kg = 150 t (150,000 kWh), shrimp 150 t (300,000
 *      kWh): 300 t, on the band's inclusive lower bound: catfish 1,000
 *      kWh/t, shrimp 2,000 kWh/t, both meet.
 */
static const char seafood_fixture[] = FAC(1, "P1", "1020") FAC(2, "P2", "1020") FAC(
    3, "P3",
    "1020") "INSERT INTO report(id, facility_id, year) VALUES (1,1,2019),(2,2,2019),(3,3,2019);"
	    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
	    " (1,'frozen_shrimp',200,'t'), (1,'frozen_catfish',150,'t'), (1,'fish_sauce',50,'kL'),"
	    " (2,'frozen_shrimp',200,'t'), (2,'fish_sauce',150,'kL'),"
	    " (3,'frozen_catfish',150000,'kg'), (3,'frozen_shrimp',150,'t');"
	    "INSERT INTO report_energy(report_id, carrier_code, product_code, quantity, unit) "
	    "VALUES"
	    " (1,'electricity','frozen_shrimp',400000,'kWh'),"
	    " (1,'electricity','frozen_catfish',165000,'kWh'),"
	    " (1,'electricity','fish_sauce',10000,'kWh'),"
	    " (2,'electricity','frozen_shrimp',400000,'kWh'),"
	    " (2,'electricity','fish_sauce',30000,'kWh'),"
	    " (3,'electricity','frozen_catfish',150000,'kWh'),"
	    " (3,'electricity','frozen_shrimp',300000,'kWh');";

static void
test_ledger_seafood_plant(void **state)
{
	(void)state;
	char err[512];
	struct db *db = fx_db_new("seafood.db", seafood_fixture);
	struct ledger *l = NULL;
	assert_int_equal(ledger_load(db, 2019, 2019, 0, &l, err, sizeof(err)), 0);

	const struct ledger_report *r = find(l, 1, 2019);
	const struct ledger_product *p = ledger_report_product(r, "frozen_shrimp");
	assert_float_equal(p->norm, 2050, 0);
	assert_string_equal(p->sec_energy_unit, "kWh");
	assert_float_equal(p->sec, 2000, 1e-9);
	assert_float_equal(p->norm_ratio, 40.0 / 41.0, 1e-12);
	assert_int_equal(p->meets, 1);
	p = ledger_report_product(r, "frozen_catfish");
	assert_float_equal(p->norm, 1050, 0);
	assert_float_equal(p->sec, 1100, 1e-9);
	assert_float_equal(p->norm_ratio, 22.0 / 21.0, 1e-12);
	assert_int_equal(p->meets, 0);
	p = ledger_report_product(r, "fish_sauce");
	assert_true(isnan(p->norm));
	assert_string_equal(p->sec_energy_unit, "GJ");
	assert_float_equal(p->sec, 0.72, 1e-12);

	r = find(l, 2, 2019);
	p = ledger_report_product(r, "frozen_shrimp");
	assert_true(isnan(p->norm));
	assert_int_equal(p->meets, -1);
	assert_string_equal(p->sec_energy_unit, "GJ");
	assert_float_equal(p->sec, 7.2, 1e-12);

	r = find(l, 3, 2019);
	p = ledger_report_product(r, "frozen_catfish");
	assert_float_equal(p->output, 150, 1e-12);
	assert_float_equal(p->norm, 1050, 0);
	assert_float_equal(p->sec, 1000, 1e-9);
	assert_int_equal(p->meets, 1);
	p = ledger_report_product(r, "frozen_shrimp");
	assert_float_equal(p->norm, 2050, 0);
	assert_float_equal(p->sec, 2000, 1e-9);
	assert_int_equal(p->meets, 1);
	ledger_free(l);
	db_close(db);
}

/*
 * No silent zeros (docs/analytics.md, "Energy per product").  C1, a cement
 * plant (VSIC 2394), electricity only (factors: 0.0001543 TOE and 0.0036
 * GJ per kWh):
 *   2019: cement 1,000 t and clinker 800 t, 2,000,000 kWh named for no
 *         product.  The unnamed energy goes to the main product, the larger
 *         output: cement 2,000,000 x 0.0036 = 7,200 GJ, 7.2 GJ/t, and
 *         2,000,000 x 0.0001543 = 308.6 TOE, 0.3086 TOE/t.  Nothing is
 *         attributed to clinker: its SEC is not computable, never 0.
 *   2020: cement 500 t and no energy line: the energy is missing, not 0.
 *   2021: cement 100 t, 100,000 kWh named for clinker, which has no
 *         output: clinker's SEC is not computable (no output), and nothing
 *         is attributed to cement.
 */
static void
test_ledger_no_silent_zeros(void **state)
{
	(void)state;
	char err[512];
	struct db *db = fx_db_new(
	    "zeros.db",
	    FAC(1, "C1",
		"2394") "INSERT INTO report(id, facility_id, year, status) VALUES"
			" (1,1,2019,'accepted'),(2,1,2020,'accepted'),(3,1,2021,'accepted');"
			"INSERT INTO report_output(report_id, product_code, quantity, unit)"
			" VALUES (1,'cement',1000,'t'), (1,'clinker',800,'t'),"
			" (2,'cement',500,'t'), (3,'cement',100,'t');"
			"INSERT INTO report_energy(report_id, carrier_code, month, "
			"product_code, quantity, unit) VALUES"
			" (1,'electricity',NULL,NULL,2000000,'kWh'),"
			" (3,'electricity',NULL,'clinker',100000,'kWh');");
	struct ledger *l = NULL;
	assert_int_equal(ledger_load(db, 2019, 2021, 0, &l, err, sizeof(err)), 0);
	assert_int_equal(l->nreports, 3);

	const struct ledger_report *r = find(l, 1, 2019);
	assert_true(r->toe_ok);
	assert_false(r->energy_missing);
	assert_float_equal(r->toe, 308.6, 1e-9);
	const struct ledger_product *cement = ledger_report_product(r, "cement");
	const struct ledger_product *clinker = ledger_report_product(r, "clinker");
	assert_int_equal(cement->sec_why, LEDGER_SEC_OK);
	assert_float_equal(cement->energy_gj, 7200, 1e-9);
	assert_float_equal(cement->sec_gj, 7.2, 1e-12);
	assert_float_equal(cement->energy_toe, 308.6, 1e-9);
	assert_float_equal(cement->sec_toe, 0.3086, 1e-12);
	assert_int_equal(clinker->sec_why, LEDGER_SEC_NO_ENERGY);
	assert_true(isnan(clinker->sec_gj) && isnan(clinker->sec) && isnan(clinker->energy_gj));
	assert_int_equal(clinker->meets, -1);
	assert_int_equal(ledger_sec_msg(clinker->sec_why), MSG_SEC_NO_ENERGY);

	r = find(l, 1, 2020);
	assert_true(r->energy_missing);
	assert_false(r->toe_ok || r->gj_ok || r->co2_ok);
	assert_int_equal(ledger_report_product(r, "cement")->sec_why, LEDGER_SEC_NO_LINES);
	assert_true(isnan(ledger_report_product(r, "cement")->sec_gj));

	r = find(l, 1, 2021);
	assert_true(r->toe_ok);
	assert_float_equal(r->toe, 15.43, 1e-9); /* 100,000 x 0.0001543 */
	assert_int_equal(ledger_report_product(r, "clinker")->sec_why, LEDGER_SEC_NO_OUTPUT);
	assert_int_equal(ledger_report_product(r, "cement")->sec_why, LEDGER_SEC_NO_ENERGY);
	ledger_free(l);
	db_close(db);
}

/*
 * The reference tables load once per connection and data generation: three
 * ledgers of one generation (two stored, one unsaved) load them once; after
 * the generation moves they load again, and a ledger built before still
 * reads its units and codes (it holds the tables it was built on).
 */
static void
test_ledger_refs_once(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("refs.db");
	long n0 = ledger_ref_loads();
	struct ledger *a = NULL, *b = NULL, *c = NULL, *d = NULL;
	assert_int_equal(ledger_load(db, 2019, 2019, 0, &a, err, sizeof(err)), 0);
	assert_int_equal(ledger_ref_loads(), n0 + 1);
	assert_int_equal(ledger_load(db, 2019, 2019, 1, &b, err, sizeof(err)), 0);
	struct ledger_line line = {.carrier = "electricity", .unit = "kWh", .qty = 1000};
	struct ledger_output out = {"ice", "t", 10};
	assert_int_equal(ledger_of_lines(db, 5, 2019, &line, 1, &out, 1, &c, err, sizeof(err)), 0);
	assert_int_equal(ledger_ref_loads(), n0 + 1);
	/* 1,000 kWh x 0.0001543 = 0.1543 TOE */
	assert_float_equal(c->reports[0].toe, 0.1543, 1e-12);
	assert_int_equal(db_exec(db, "UPDATE meta SET value = CAST(CAST(value AS bigint) + 1 AS "
				     "text) WHERE key = 'generation'"),
			 DB_OK);
	assert_int_equal(ledger_load(db, 2019, 2019, 0, &d, err, sizeof(err)), 0);
	assert_int_equal(ledger_ref_loads(), n0 + 2);
	const struct ledger_product *p = ledger_report_product(find(a, 1, 2019), "frozen_catfish");
	assert_string_equal(p->unit, "t");
	assert_string_equal(p->sec_energy_unit, "kWh");
	assert_string_equal(find(a, 1, 2019)->carriers[0].carrier, "electricity");
	ledger_free(a);
	ledger_free(b);
	ledger_free(c);
	ledger_free(d);
	db_close(db);
}

static void
test_bench_few_peers(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("bench.db");
	struct bench_result *b = NULL;
	assert_int_equal(bench_compute(db, "frozen_catfish", 2019, &b, err, sizeof(err)), 0);
	/* Two peers, in the norm's kWh/t: F2 2.38 GJ/t / 0.0036 = 661.11 kWh/t, F1 1,000. */
	assert_int_equal(b->npeers, 2);
	assert_false(b->enough_peers);
	assert_string_equal(b->energy_unit, "kWh");
	assert_string_equal(b->peers[0].facility_code, "F2");
	assert_float_equal(b->peers[0].sec, 2.38 / 0.0036, 1e-9);
	assert_int_equal(b->peers[0].meets, -1);
	assert_float_equal(b->peers[1].sec, 1000, 1e-9);
	assert_true(isnan(b->peers[1].percentile)); /* not enough peers: no number */
	assert_true(isnan(b->median));
	assert_float_equal(b->min, 2.38 / 0.0036, 1e-9);
	assert_float_equal(b->max, 1000, 1e-9);
	assert_int_equal(b->nmeets, 1);
	/* The connection keeps it for this generation: the same result again,
	 * not computed a second time. */
	long computed = bench_computed();
	struct bench_result *again;
	assert_int_equal(bench_compute(db, "frozen_catfish", 2019, &again, err, sizeof(err)), 0);
	assert_ptr_equal(again, b);
	assert_int_equal(bench_computed(), computed);
	bench_result_free(again);
	bench_result_free(b);
	assert_int_equal(bench_compute(db, "nothing", 2019, &b, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown product"));

	struct bench_product *prods;
	int n;
	assert_int_equal(bench_products(db, 2019, &prods, &n), 0);
	/* 2019 outputs: frozen_catfish, ice, milled_rice, sugar (by code). */
	assert_int_equal(n, 4);
	assert_string_equal(prods[0].code, "frozen_catfish");
	assert_string_equal(prods[3].code, "sugar");
	assert_string_equal(prods[3].name_vi, "Đường");
	bench_products_free(prods, n);

	/* A peer whose report is not accepted yet is not a peer: F2 (report 2)
	 * back to submitted leaves F1 alone; F4's sugar (report 4) in draft
	 * takes sugar off the product list. */
	/* (Reopening an accepted report bumps the generation: so does this.) */
	assert_int_equal(db_exec(db, "UPDATE report SET status = 'submitted' WHERE id = 2;"
				     "UPDATE report SET status = 'draft' WHERE id = 4;"
				     "UPDATE meta SET value = CAST(CAST(value AS bigint) + 1 AS "
				     "text) WHERE key = 'generation'"),
			 DB_OK);
	assert_int_equal(bench_compute(db, "frozen_catfish", 2019, &b, err, sizeof(err)), 0);
	assert_int_equal(bench_computed(), computed + 1);
	assert_int_equal(b->npeers, 1);
	assert_string_equal(b->peers[0].facility_code, "F1");
	bench_result_free(b);
	assert_int_equal(bench_products(db, 2019, &prods, &n), 0);
	assert_int_equal(n, 3); /* frozen_catfish, ice, milled_rice */
	assert_string_equal(prods[2].code, "milled_rice");
	bench_products_free(prods, n);
	db_close(db);
}

static void
test_savings(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("savings.db");
	struct saving *s = NULL;
	int n = 0;
	assert_int_equal(savings_facility(db, 5, 2019, 0, &s, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 1);
	/* Default baseline: 2015 (2013 is before 2014).  2015: 78 t, Σ kWh =
	 * 12 x 1,000 + 100 x 78 = 19,800 = 71.28 GJ: SEC 71.28 / 78; 2019: 72 GJ / 120 t
	 * = 0.6.  Saving 1 - 0.6 x 78 / 71.28 = 24.48 / 71.28 = 34/99. */
	assert_int_equal(s[0].base_year, 2015);
	assert_float_equal(s[0].sec_base, 71.28 / 78, 1e-12);
	assert_float_equal(s[0].sec_year, 0.6, 1e-12);
	assert_float_equal(s[0].saving, 34.0 / 99.0, 1e-12);
	/* Regression over 12 points: E_m = 3.6 + 0.36 P_m GJ exactly, R² = 1.
	 * 2019 has no months: expected 12 x 3.6 + 0.36 x 120 = 86.4 GJ, used 72:
	 * normalised saving 14.4 / 86.4 = 1/6. */
	assert_true(s[0].has_model);
	assert_int_equal(s[0].n_points, 12);
	assert_float_equal(s[0].a, 3.6, 1e-9);
	assert_float_equal(s[0].b, 0.36, 1e-9);
	assert_float_equal(s[0].r2, 1.0, 1e-12);
	assert_false(s[0].flagged);
	assert_float_equal(s[0].normalised_saving, 1.0 / 6.0, 1e-9);
	savings_free(s, n);

	/* A plan's own base year 2013: 30,000 kWh = 108 GJ / 50 t = 2.16 GJ/t;
	 * saving (2.16 - 0.6) / 2.16 = 1.56 / 2.16 = 13/18; no monthly points: no model. */
	assert_int_equal(savings_facility(db, 5, 2019, 2013, &s, &n, err, sizeof(err)), 0);
	assert_int_equal(s[0].base_year, 2013);
	assert_float_equal(s[0].saving, 13.0 / 18.0, 1e-12);
	assert_false(s[0].has_model);
	assert_true(isnan(s[0].normalised_saving));
	savings_free(s, n);
	/* No report in 2020. */
	assert_int_equal(savings_facility(db, 5, 2020, 0, &s, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 0);
	db_close(db);
}

/* Random reports: TOE adds up over carriers; doubling every output halves every SEC. */
static void
test_properties(void **state)
{
	(void)state;
	static const char *const lines[][2] = {
	    {"electricity", "kWh"}, {"electricity", "MWh"}, {"do", "t"}, {"do", "L"},
	    {"lpg", "t"},	    {"rice_husk", "t"},
	};
	char err[512], sql[512];
	struct db *db = fx_db_new("prop.db", NULL);
	struct rng r;
	rng_seed(&r, 20190101, 7);
	for (int f = 1; f <= 60; f++) {
		snprintf(
		    sql, sizeof(sql),
		    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id,"
		    " ownership, size) VALUES (%d, 'R%03d', 'R', 'r', '3530', " UNIT
		    ", 'private', 'small');"
		    "INSERT INTO report(id, facility_id, year) VALUES (%d, %d, 2019);"
		    "INSERT INTO report_output(report_id, product_code, quantity, unit)"
		    " VALUES (%d, 'ice', %.3f, 't');",
		    f, f, f, f, f, 1 + rng_double(&r) * 5000);
		if (db_exec(db, sql) != DB_OK)
			fail_msg("%s: %s", sql, db_errmsg(db));
		/* One line per carrier (the unique key), in one of its units. */
		static const int carrier_of[6] = {0, 0, 1, 1, 2, 3};
		int used[4] = {0};
		for (int k = (int)rng_range(&r, 1, 4); k > 0; k--) {
			int i = (int)rng_below(&r, 6);
			if (used[carrier_of[i]]++)
				continue;
			snprintf(
			    sql, sizeof(sql),
			    "INSERT INTO report_energy(report_id, carrier_code, quantity, unit)"
			    " VALUES (%d, '%s', %.3f, '%s');",
			    f, lines[i][0], rng_double(&r) * 100000, lines[i][1]);
			assert_int_equal(db_exec(db, sql), DB_OK);
		}
	}
	struct ledger *l = NULL, *l2 = NULL;
	assert_int_equal(ledger_load(db, 2019, 2019, 0, &l, err, sizeof(err)), 0);
	assert_int_equal(l->nreports, 60);
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_report *rep = &l->reports[i];
		double sum = 0;
		for (int c = 0; c < rep->ncarriers; c++)
			sum += rep->carriers[c].toe;
		assert_true(rep->toe_ok);
		assert_true(rep->toe > 0);
		assert_float_equal(rep->toe, sum, 1e-9 * rep->toe);
	}
	assert_int_equal(db_exec(db, "UPDATE report_output SET quantity = quantity * 2"), DB_OK);
	assert_int_equal(ledger_load(db, 2019, 2019, 0, &l2, err, sizeof(err)), 0);
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_product *a = &l->reports[i].products[0];
		const struct ledger_product *b = &l2->reports[i].products[0];
		assert_true(isfinite(a->sec) && a->sec > 0);
		assert_float_equal(b->sec, a->sec / 2, 1e-12 * a->sec);
		assert_float_equal(b->sec_gj, a->sec_gj / 2, 1e-12 * a->sec_gj);
	}
	ledger_free(l);
	ledger_free(l2);
	db_close(db);
}

/*
 * A SEC exactly at its norm meets it, and the output bands are closed below
 * and open above, all compared to 10^-6 (calc/exact.h).  Beer in 2021, TT
 * 19/2016: below 200,000 hl a year 286 MJ/hl, 200,000-1,000,000 hl 196 MJ/hl
 * (data/norms.csv).  Electricity 0.0036 GJ/kWh, DO 43.0 GJ/t (IPCC 2006).
 *   B1 1,127,750 kWh x 0.0036 = 4,059.9 GJ and 570.7 t DO x 43.0 = 24,540.1
 *      GJ: 28,600 GJ = 28,600,000 MJ / 100,000 hl = 286 MJ/hl, at the norm
 *      (286.00000000000006 in doubles): meets.
 *   B2 570.8 t DO: + 4.3 GJ = 28,604.3 GJ, 286.043 MJ/hl: above, fails.
 *   B3 570.6 t DO: - 4.3 GJ = 28,595.7 GJ, 285.957 MJ/hl: meets.
 *   B4 the energy of B1 for 20,000,000 L = 200,000 hl, the lower edge of the
 *      second band: norm 196; 28,600,000 MJ / 200,000 hl = 143 MJ/hl, meets.
 *   B5 19,999,999 L = 199,999.99 hl, just below that edge: norm 286.
 */
#define BEER(id, do_t, qty, unit)                                                                  \
	FAC(id, "B" #id, "1103")                                                                   \
	"INSERT INTO report(id, facility_id, year, status) VALUES (" #id ", " #id                  \
	", 2021, 'accepted');"                                                                     \
	"INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES (" #id          \
	", 'beer', " #qty ", '" unit "');"                                                         \
	"INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES (" #id          \
	", 'electricity', 1127750, 'kWh'), (" #id ", 'do', " #do_t ", 't');"

static const char beer_fixture[] = BEER(1, 570.7, 100000, "hl") BEER(2, 570.8, 100000, "hl")
    BEER(3, 570.6, 100000, "hl") BEER(4, 570.7, 20000000, "L") BEER(5, 570.7, 19999999, "L");

static void
test_norm_exact(void **state)
{
	(void)state;
	char err[512];
	struct db *db = fx_db_new("ledger-norm.db", beer_fixture);
	struct ledger *l = NULL;
	assert_int_equal(ledger_load(db, 2021, 2021, 0, &l, err, sizeof(err)), 0);
	static const struct {
		double gj, sec, norm;
		int meets;
	} want[] = {
	    {28600, 286, 286, 1},
	    {28604.3, 286.043, 286, 0},
	    {28595.7, 285.957, 286, 1},
	    {28600, 143, 196, 1},
	    {28600, 28600000 / 199999.99, 286, 1},
	};
	for (int i = 0; i < 5; i++) {
		const struct ledger_report *r = find(l, i + 1, 2021);
		const struct ledger_product *p = ledger_report_product(r, "beer");
		assert_non_null(p);
		assert_true(r->gj == want[i].gj); /* kept to 10^-6 GJ */
		assert_float_equal(p->sec, want[i].sec, 1e-9);
		assert_string_equal(p->sec_energy_unit, "MJ");
		assert_float_equal(p->norm, want[i].norm, 0);
		assert_int_equal(p->meets, want[i].meets);
	}
	ledger_free(l);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_norm_exact),
	    cmocka_unit_test(test_ledger_energy),
	    cmocka_unit_test(test_ledger_no_silent_zeros),
	    cmocka_unit_test(test_ledger_refs_once),
	    cmocka_unit_test(test_ledger_coal),
	    cmocka_unit_test(test_ledger_seafood_plant),
	    cmocka_unit_test(test_bench_few_peers),
	    cmocka_unit_test(test_savings),
	    cmocka_unit_test(test_properties),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
