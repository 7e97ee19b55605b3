/*
 * Unit tests for model/assess/measured (expected versus measured savings of
 * implemented CP options) and for what the plan's indicators take from
 * assessments (model/analytics/kpi: the evidence of applying CP, and the
 * pilot models against 78/KH-UBND's pilot_models target).
 *
 * The fixture is a hand-made history of four ice plants (product ice, t;
 * electricity only, so 1 kWh = 0.0036 GJ = 0.0001543 TOE, and the grid
 * factors of data/grid_factors.csv: 2020 0.8041, 2021 0.7221, 2022 0.6766
 * t CO2/MWh).  Every expected figure is worked out by hand in the comments.
 *
 * M1 (id 1): accepted reports 2019 (1,000 t; 1,000,000 kWh), 2021 (1,200 t;
 *    1,080,000 kWh), 2022 (1,000 t; 850,000 kWh); a draft 2023 (ignored).
 *    Its pilot assessment 1 (accepted 01/12/2020) has option 1 implemented
 *    15/06/2020 (saves 100,000 kWh/year; capex 300,000,000, annual saving
 *    180,000,000 VND), option 2 implemented 01/09/2020 (saves 50 MWh/year;
 *    capex 45,000,000; cash flows [90,000,000, 90,000,000]) and option 3
 *    proposed (10,000 kWh/year).
 * M2 (id 2): an accepted 2019 report saying cp_applied 0; assessment 2
 *    (accepted 15/05/2021, not a pilot) with an option implemented
 *    01/03/2021; no report after: not computable, "no later report".
 * M3 (id 3): an option implemented 10/01/2020 in assessment 3, still in
 *    progress (a pilot, not accepted); only a 2021 report (cp_applied
 *    NULL): no baseline, and no evidence.
 * M4 (id 4): a 2021 report saying cp_applied 1; its pilot assessment 4 is
 *    sustaining since its acceptance on 30/06/2015, its one option only
 *    planned: no evidence, one pilot.
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
#include "model/analytics/kpi.h"
#include "model/assess/measured.h"
#include "model/names.h"
#include "testutil.h"
#include "util/arena.h"

#define EPS 1e-9

#define UNIT "(SELECT id FROM admin_unit WHERE code = 'rach-gia')"
#define FAC(id, code)                                                                              \
	"INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "   \
	"size) VALUES (" #id ", '" code "', 'Nhà máy nước đá " code "', '" code "', '3530', " UNIT \
	", 'private', 'small');"

static const char fixture[] = FAC(1, "M1") FAC(2, "M2") FAC(3, "M3") FAC(4, "M4")
    /* reports */
    "INSERT INTO report(id, facility_id, year, status, cp_applied) VALUES"
    " (11,1,2019,'accepted',NULL), (12,1,2021,'accepted',NULL), (13,1,2022,'accepted',NULL),"
    " (14,1,2023,'draft',NULL), (21,2,2019,'accepted',0), (31,3,2021,'accepted',NULL),"
    " (41,4,2021,'accepted',1);"
    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
    " (11,'ice',1000,'t'), (12,'ice',1200,'t'), (13,'ice',1000,'t'), (14,'ice',1000,'t'),"
    " (21,'ice',500,'t'), (31,'ice',800,'t'), (41,'ice',700,'t');"
    "INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
    " (11,'electricity',1000000,'kWh'), (12,'electricity',1080000,'kWh'),"
    " (13,'electricity',850000,'kWh'), (14,'electricity',500000,'kWh'),"
    " (21,'electricity',400000,'kWh'), (31,'electricity',700000,'kWh'),"
    " (41,'electricity',600000,'kWh');"
    /* assessments */
    "INSERT INTO assessment(id, facility_id, year, title, pilot, started_on, status, "
    "accepted_on, focus) VALUES"
    " (1,1,2019,'Đánh giá SXSH M1',1,'2019-03-01','accepted','2020-12-01','Máy nén'),"
    " (2,2,2020,'Đánh giá SXSH M2',0,'2020-02-01','accepted','2021-05-15',''),"
    " (3,3,2019,'Đánh giá SXSH M3',1,'2019-04-01','in_progress',NULL,''),"
    " (4,4,2014,'Đánh giá SXSH M4',1,'2014-02-01','sustaining','2015-06-30','');"
    "INSERT INTO cp_option(id, assessment_id, seq, title, kind, triage, status, capex, "
    "annual_saving, cash_flows, implemented_on) VALUES"
    " (101,1,1,'Biến tần máy nén','equipment','now','implemented',300000000,180000000,NULL,"
    "'2020-06-15'),"
    " (102,1,2,'Bảo ôn đường ống','housekeeping','now','implemented',45000000,NULL,"
    "'[90000000, 90000000]','2020-09-01'),"
    " (103,1,3,'Thu hồi nhiệt','technology','study','proposed',500000000,NULL,NULL,NULL),"
    " (201,2,1,'Tắt máy khi nghỉ','housekeeping','now','implemented',0,10000000,NULL,"
    "'2021-03-01'),"
    " (301,3,1,'Sửa rò rỉ','housekeeping','now','implemented',0,5000000,NULL,'2020-01-10'),"
    " (401,4,1,'Thay động cơ','equipment','now','planned',100000000,20000000,NULL,NULL);"
    "INSERT INTO cp_option_effect(option_id, stream, carrier_code, quantity, unit) VALUES"
    " (101,'energy','electricity',100000,'kWh'), (102,'energy','electricity',50,'MWh'),"
    " (103,'energy','electricity',10000,'kWh'), (201,'energy','electricity',20000,'kWh');"
    "INSERT INTO cp_option_effect(option_id, stream, name, quantity, unit) VALUES"
    " (101,'water','Nước làm mát',10,'m3');";

static struct db *
open_fixture(const char *name)
{
	return fx_db_new(name, fixture);
}

/* M1: two implemented options, a baseline and two later accepted reports. */
static void
test_measured_facility(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("measured.db");
	struct arena a;
	arena_init(&a);
	struct measured_facility m;
	assert_int_equal(measured_facility(db, 1, &a, &m, err, sizeof(err)), 0);

	/* The earliest implementation is 15/06/2020: the baseline is the last
	 * accepted report before 2020 (2019), of the main product ice. */
	assert_int_equal(m.why, MEASURED_OK);
	assert_int_equal(m.impl_year, 2020);
	assert_int_equal(m.base_year, 2019);
	assert_string_equal(m.product, "ice");

	/* Options 1 and 2 (option 3 is only proposed), by date. */
	assert_int_equal(m.noptions, 2);
	const struct measured_option *o1 = &m.options[0], *o2 = &m.options[1];
	assert_int_equal(o1->id, 101);
	assert_int_equal(o2->id, 102);
	assert_int_equal(o1->kind,
			 names_index(names_option_kind, NAMES_OPTION_KIND_N, "equipment"));
	/* Option 1: 100,000 kWh x 0.0001543 = 15.43 TOE; CO2 with 2020's grid
	 * factor 100 MWh x 0.8041 = 80.41 t; 180,000,000 VND a year; simple
	 * payback 300,000,000 / 180,000,000 = 1.6667 years.  The water effect
	 * is not energy and adds nothing. */
	assert_int_equal(o1->neffects, 1);
	assert_float_equal(o1->exp_toe, 15.43, EPS);
	assert_float_equal(o1->exp_co2_t, 80.41, EPS);
	assert_float_equal(o1->exp_vnd, 180000000.0, EPS);
	assert_float_equal(o1->payback, 300.0 / 180.0, EPS);
	/* Option 2: 50 MWh = 50,000 kWh -> 7.715 TOE and 40.205 t CO2; no
	 * annual saving: the first cash flow, 90,000,000; payback 45/90 = 0.5. */
	assert_float_equal(o2->exp_toe, 7.715, EPS);
	assert_float_equal(o2->exp_co2_t, 40.205, EPS);
	assert_float_equal(o2->exp_vnd, 90000000.0, EPS);
	assert_float_equal(o2->payback, 0.5, EPS);
	/* The facility expects 15.43 + 7.715 = 23.145 TOE, 120.615 t CO2 and
	 * 270,000,000 VND a year; option 1's share 15.43 / 23.145 = 2/3. */
	assert_float_equal(m.exp_toe, 23.145, EPS);
	assert_float_equal(m.exp_co2_t, 120.615, EPS);
	assert_float_equal(m.exp_vnd, 270000000.0, EPS);
	assert_float_equal(o1->share, 2.0 / 3.0, EPS);
	assert_float_equal(o2->share, 1.0 / 3.0, EPS);

	/* Years compared: 2021 and 2022 (no 2020 report; 2023 is a draft). */
	assert_int_equal(m.nyears, 2);
	const struct measured_year *y1 = &m.years[0], *y2 = &m.years[1];
	/* 2021: SEC base 1,000,000 x 0.0036 / 1,000 = 3.6 GJ/t; 2021
	 * 1,080,000 x 0.0036 / 1,200 = 3.24 GJ/t; saving (3.6 - 3.24) / 3.6 =
	 * 10 %.  At 2021's output the base SEC would have used 1,200 x 1,000 =
	 * 1,200,000 kWh: 120,000 kWh saved = 18.516 TOE (= 166.644 TOE used x
	 * 0.1 / 0.9); CO2 120 MWh x 0.7221 = 86.652 t. */
	assert_int_equal(y1->year, 2021);
	assert_int_equal(y1->why, MEASURED_OK);
	assert_float_equal(y1->sec_base, 3.6, EPS);
	assert_float_equal(y1->sec_year, 3.24, EPS);
	assert_float_equal(y1->saving, 0.10, EPS);
	assert_float_equal(y1->output, 1200, EPS);
	assert_float_equal(y1->toe_saved, 18.516, EPS);
	assert_float_equal(y1->co2_saved, 86.652, EPS);
	/* 2022: 850,000 x 0.0036 / 1,000 = 3.06 GJ/t; saving 0.54 / 3.6 = 15 %;
	 * 150,000 kWh saved = 23.145 TOE; CO2 150 MWh x 0.6766 = 101.49 t. */
	assert_int_equal(y2->year, 2022);
	assert_float_equal(y2->saving, 0.15, EPS);
	assert_float_equal(y2->toe_saved, 23.145, EPS);
	assert_float_equal(y2->co2_saved, 101.49, EPS);
	assert_ptr_equal(m.latest, y2);
	/* The latest measured 23.145 TOE shared 2/3 and 1/3: 15.43 and 7.715. */
	assert_float_equal(o1->measured_toe, 15.43, EPS);
	assert_float_equal(o2->measured_toe, 7.715, EPS);

	/* Every option of assessment 1, by seq, with the proposed one: option
	 * 3 (no date) converts for the assessment's year 2019: 10,000 kWh =
	 * 1.543 TOE, 10 MWh x 0.8458 = 8.458 t; no money: payback unknown. */
	struct measured_option *all;
	int n;
	assert_int_equal(measured_options(db, 1, 1, &a, &all, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 3);
	assert_int_equal(all[2].id, 103);
	assert_int_equal(all[2].year, 2019);
	assert_float_equal(all[2].exp_toe, 1.543, EPS);
	assert_float_equal(all[2].exp_co2_t, 8.458, EPS);
	assert_true(isnan(all[2].exp_vnd));
	assert_true(isnan(all[2].payback));
	assert_true(isnan(all[2].share));

	arena_free(&a);
	db_close(db);
}

/* Facilities whose saving is not computable say why, and carry no figure. */
static void
test_measured_not_computable(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("measured-nc.db");
	struct arena a;
	arena_init(&a);
	struct measured_facility m;

	/* M2: baseline 2019, implemented 2021, no accepted report from 2021 on.
	 * Expected: 20,000 kWh = 3.086 TOE (2021: 20 MWh x 0.7221 = 14.442 t). */
	assert_int_equal(measured_facility(db, 2, &a, &m, err, sizeof(err)), 0);
	assert_int_equal(m.why, MEASURED_NO_LATER);
	assert_int_equal(m.base_year, 2019);
	assert_int_equal(m.nyears, 0);
	assert_null(m.latest);
	assert_float_equal(m.exp_toe, 3.086, EPS);
	assert_float_equal(m.exp_co2_t, 14.442, EPS);
	assert_true(isnan(m.options[0].measured_toe));

	/* M3: implemented 2020, its only report is 2021: no baseline. */
	assert_int_equal(measured_facility(db, 3, &a, &m, err, sizeof(err)), 0);
	assert_int_equal(m.why, MEASURED_NO_BASELINE);
	assert_int_equal(m.base_year, 0);
	assert_null(m.latest);

	/* M4: nothing implemented. */
	assert_int_equal(measured_facility(db, 4, &a, &m, err, sizeof(err)), 0);
	assert_int_equal(m.why, MEASURED_NO_OPTION);
	assert_int_equal(m.noptions, 0);

	/* Each reason has its message. */
	for (int w = MEASURED_NO_OPTION; w < MEASURED__MAX; w++)
		assert_int_not_equal(measured_why_msg((enum measured_why)w), MSG_NONE);
	assert_int_equal(measured_why_msg(MEASURED_OK), MSG_NONE);

	arena_free(&a);
	db_close(db);
}

/*
 * The indicators take an accepted assessment's implemented option as
 * evidence of applying CP (78/KH-UBND: minimum saving 5 %).  Evidence: M1
 * from 2020 (implemented 15/06/2020, accepted), M2 from 2021; none for M3
 * (in progress) or M4 (nothing implemented).  All four are active (no
 * opening or closing year) and small.
 *
 * applies_cp, by hand:
 *   2019  M1 NULL (no evidence yet): unknown; M2 0: known no.
 *         yes 0, known 1, from assessments 0.
 *   2020  M1 evidence, no report: yes.  yes 1, known 1, from 1.
 *   2021  M1 NULL + evidence: yes; M2 evidence (no report): yes; M3 NULL:
 *         unknown; M4 1: yes.  yes 3, known 3, from 2.
 *   2022  M1 yes (evidence), M2 yes (evidence).  yes 2, known 2, from 2.
 * applies_cp_saving (5 %):
 *   2019  M2 0: known no.  yes 0, known 1.
 *   2020  M1 has no report: not computable.  yes 0, known 0.
 *   2021  M1 10 % against 2019 >= 5: yes (from the assessment); M2 no
 *         report: not computable; M4 says 1 but has no earlier report for
 *         a baseline: not computable.  yes 1, known 1, from 1.
 *   2022  M1 15 %: yes (from); M2 not computable.  yes 1, known 1, from 1.
 *   not computable: 1 + 2 + 1 = 4.
 * Pilot models (target 1 by 2015): M4's (accepted 30/06/2015) and M1's
 * (01/12/2020); M3's is not accepted.  By 31/12/2015: 1, met; cumulative
 * 2019: 1, 2020: 2, 2021: 2, 2022: 2; total 2.
 */
static void
test_kpi_evidence_and_pilots(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("measured-kpi.db");
	struct kpi_result *r = NULL;
	struct kpi_query q = {.plan_code = "78/KH-UBND",
			      .first_year = 2019,
			      .last_year = 2022,
			      .by_mask = KPI_BY_BIT(KPI_BY_UNIT),
			      .by_first = 2021,
			      .by_last = 2021};
	assert_int_equal(kpi_compute_query(db, &q, &r, err, sizeof(err)), 0);

	static const long cp[4][4] = {
	    /* year, yes, known, from */
	    {2019, 0, 1, 0},
	    {2020, 1, 1, 1},
	    {2021, 3, 3, 2},
	    {2022, 2, 2, 2},
	};
	static const long cps[4][4] = {
	    {2019, 0, 1, 0},
	    {2020, 0, 0, 0},
	    {2021, 1, 1, 1},
	    {2022, 1, 1, 1},
	};
	for (int i = 0; i < 4; i++) {
		const struct kpi_value *v = &r->series[KPI_APPLIES_CP].values[i];
		assert_int_equal(v->year, cp[i][0]);
		assert_int_equal(v->active, 4);
		assert_int_equal(v->yes, cp[i][1]);
		assert_int_equal(v->known, cp[i][2]);
		assert_int_equal(v->from_assessments, cp[i][3]);
		v = &r->series[KPI_APPLIES_CP_SAVING].values[i];
		assert_int_equal(v->yes, cps[i][1]);
		assert_int_equal(v->known, cps[i][2]);
		assert_int_equal(v->from_assessments, cps[i][3]);
		/* The other indicators take nothing from assessments. */
		assert_int_equal(r->series[KPI_AWARE].values[i].from_assessments, 0);
	}
	assert_int_equal(r->not_computable, 4);

	/* The breakdown by unit for 2021: all four in Rạch Giá, as the series. */
	const struct kpi_breakdown *b = &r->by[KPI_BY_UNIT];
	assert_int_equal(b->ngroups, 1);
	const struct kpi_value *g = kpi_group_value(b, 0, 2021, KPI_APPLIES_CP);
	assert_int_equal(g->yes, 3);
	assert_int_equal(g->known, 3);
	assert_int_equal(g->from_assessments, 2);

	/* Pilot models. */
	assert_float_equal(r->pilots.target, 1, EPS);
	assert_int_equal(r->pilots.from, 2014);
	assert_int_equal(r->pilots.by, 2015);
	assert_int_equal(r->pilots.at_by, 1);
	assert_int_equal(r->pilots.total, 2);
	assert_int_equal(r->pilots.met, 1);
	static const long cum[4] = {1, 2, 2, 2};
	for (int i = 0; i < 4; i++)
		assert_int_equal(r->pilots.cum[i], cum[i]);
	kpi_result_free(r);

	/* Reopening M2's assessment (returned) withdraws its evidence: 2021
	 * applies_cp yes 2 (M1, M4), known 2, from 1. */
	assert_int_equal(db_exec(db, "UPDATE assessment SET status = 'returned' WHERE id = 2"),
			 DB_OK);
	assert_int_equal(kpi_compute_query(db, &q, &r, err, sizeof(err)), 0);
	const struct kpi_value *v = &r->series[KPI_APPLIES_CP].values[2];
	assert_int_equal(v->yes, 2);
	assert_int_equal(v->known, 2);
	assert_int_equal(v->from_assessments, 1);
	kpi_result_free(r);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_measured_facility),
	    cmocka_unit_test(test_measured_not_computable),
	    cmocka_unit_test(test_kpi_evidence_and_pilots),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
