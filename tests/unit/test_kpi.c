/*
 * Unit tests for model/kpi (the plan's indicators), model/calc/energy (TOE
 * conversion) and `sxsh stats`.  The fixture is a tiny province written in
 * literal SQL below: 10 facilities in 2 districts (one facility sits in a
 * commune of district A), reports 2017-2020 with some CP fields unknown,
 * energy in kWh, MWh, t and L of DO and rice husk (no factor), outputs in t
 * and kg.  Every expected count, share, coverage and saving is worked out by
 * hand in the comments beside it.  Later tests add VSIC divisions, a plan
 * start year, and the 2025 reform (the units ending 30/6/2025, a successor
 * province and a test-only commune) with a facility moved into it.
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
#include "model/calc/energy.h"
#include "model/analytics/kpi.h"
#include "model/registry/unit_history.h"
#include "testutil.h"

#define EPS 1e-12

/* ---- calc/energy ---- */

static const struct calc_unit units[] = {
    {"kWh", "electricity", 1}, {"MWh", "electricity", 1000}, {"t", "mass", 1},
    {"kg", "mass", 0.001},     {"kL", "volume", 1},	     {"L", "volume", 0.001},
};
#define NUNITS (sizeof(units) / sizeof(units[0]))

static void
test_energy_toe(void **state)
{
	(void)state;
	double toe = 0;
	const struct calc_unit *kwh = calc_unit_find(units, NUNITS, "kWh");
	const struct calc_unit *mwh = calc_unit_find(units, NUNITS, "MWh");
	const struct calc_unit *t = calc_unit_find(units, NUNITS, "t");
	assert_non_null(kwh);
	/* 1,000,000 kWh x 0.0001543 TOE/kWh = 154.3 TOE */
	assert_int_equal(calc_toe(1000000, kwh, kwh, 0.0001543, &toe), CALC_OK);
	assert_float_equal(toe, 154.3, 1e-9);
	/* 100 t DO x 1.02 TOE/t = 102 TOE */
	assert_int_equal(calc_toe(100, t, t, 1.02, &toe), CALC_OK);
	assert_float_equal(toe, 102.0, 1e-9);
	/* 2 MWh = 2 x 1000 / 1 = 2,000 kWh; x 0.0001543 = 0.3086 TOE */
	double q = 0;
	assert_int_equal(calc_convert(2, mwh, kwh, &q), CALC_OK);
	assert_float_equal(q, 2000.0, 1e-9);
	assert_int_equal(calc_toe(2, mwh, kwh, 0.0001543, &toe), CALC_OK);
	assert_float_equal(toe, 0.3086, 1e-12);
	/* Unknown unit: the lookup finds nothing and the conversion refuses it. */
	toe = -1;
	assert_null(calc_unit_find(units, NUNITS, "BTU"));
	assert_int_equal(calc_toe(5, calc_unit_find(units, NUNITS, "BTU"), kwh, 0.0001543, &toe),
			 CALC_E_UNIT);
	assert_float_equal(toe, -1, 0); /* untouched */
	/* kWh into t: different dimensions. */
	assert_int_equal(calc_toe(5, kwh, t, 1.02, &toe), CALC_E_DIMENSION);
	/* A missing (NAN) or non-positive factor is an error, not zero. */
	assert_int_equal(calc_toe(5, t, t, NAN, &toe), CALC_E_FACTOR);
	assert_int_equal(calc_toe(5, t, t, 0, &toe), CALC_E_FACTOR);
	assert_int_equal(calc_msg(CALC_E_FACTOR), MSG_CALC_FACTOR);
	assert_string_equal(msg_template(MSG_CALC_FACTOR, LANG_EN), "missing conversion factor");
}

static void
test_energy_factor_pick_and_saving(void **state)
{
	(void)state;
	/* DO per t and per kL (DOMAIN.md §1), and an invented change on 1/7/2020. */
	const struct calc_factor f[] = {
	    {"do", "t", 1.02, 20110419, 20200630, 0, 0},
	    {"do", "kL", 0.88, 20110419, 0, 0, 0},
	    {"do", "t", 1.00, 20200701, 0, 0, 0},
	    {"electricity", "kWh", 0.0001543, 20110419, 0, 0, 0},
	};
	const struct calc_unit *kg = calc_unit_find(units, NUNITS, "kg");
	const struct calc_unit *l = calc_unit_find(units, NUNITS, "L");
	const struct calc_unit *kwh = calc_unit_find(units, NUNITS, "kWh");
	/* kg of DO: the mass factor; 2019 -> 1.02, 2020 -> the later start (1.00). */
	assert_ptr_equal(calc_factor_pick(f, 4, "do", kg, units, NUNITS, 2019), &f[0]);
	assert_ptr_equal(calc_factor_pick(f, 4, "do", kg, units, NUNITS, 2020), &f[2]);
	/* 2011: the factor starts 19/4/2011, inside the year, so it applies. */
	assert_ptr_equal(calc_factor_pick(f, 4, "do", kg, units, NUNITS, 2011), &f[0]);
	/* Before any factor: none. */
	assert_null(calc_factor_pick(f, 4, "do", kg, units, NUNITS, 2010));
	/* Litres of DO: the volume factor (per kL). */
	assert_ptr_equal(calc_factor_pick(f, 4, "do", l, units, NUNITS, 2019), &f[1]);
	/* Electricity in kWh has no mass factor to confuse; rice husk has none at all. */
	assert_ptr_equal(calc_factor_pick(f, 4, "electricity", kwh, units, NUNITS, 2019), &f[3]);
	assert_null(calc_factor_pick(f, 4, "rice_husk", kg, units, NUNITS, 2019));

	/* SEC 154.3 TOE / 1000 t = 0.1543; 146.585 / 1000 = 0.146585;
	 * saving (0.1543 - 0.146585) / 0.1543 = 0.007715 / 0.1543 = 0.05. */
	assert_float_equal(calc_saving(calc_sec(154.3, 1000), calc_sec(146.585, 1000)), 0.05,
			   1e-12);
	assert_true(isnan(calc_sec(10, 0)));
	assert_true(isnan(calc_saving(0, 1)));
	/* Consumption up 10 %: saving -0.1. */
	assert_float_equal(calc_saving(2, 2.2), -0.1, 1e-12);
}

/* ---- the fixture province ---- */

static const char fixture[] =
    /* Reference rows the KPIs need; factors from DOMAIN.md §1. */
    "INSERT INTO unit(code, name_vi, name_en, dimension, to_base) VALUES"
    " ('kWh','kWh','kWh','electricity',1), ('MWh','MWh','MWh','electricity',1000),"
    " ('t','tấn','tonne','mass',1), ('kg','kg','kg','mass',0.001),"
    " ('kL','kL','kL','volume',1), ('L','lít','litre','volume',0.001);"
    "INSERT INTO sector(code, name_vi, name_en, level, source, reliability) VALUES"
    " ('1061','Xay xát','Grain milling',4,'VSIC 2018','L'),"
    " ('3530','Nước đá','Ice',4,'VSIC 2018','L');"
    "INSERT INTO product(code, name_vi, name_en, sector_code, unit, source) VALUES"
    " ('ice','Nước đá','Ice','3530','t','fixture'),"
    " ('milled_rice','Gạo','Milled rice','1061','t','fixture');"
    "INSERT INTO carrier(code, name_vi, name_en, kind, native_unit, biogenic) VALUES"
    " ('electricity','Điện','Electricity','electricity','kWh',0),"
    " ('do','Dầu DO','Diesel oil','fuel','t',0),"
    " ('rice_husk','Trấu','Rice husk','biomass','t',1);"
    /* TOE (3505/BCT-KHCN) and GJ (data/carrier_factors.csv: 3.6 MJ/kWh, IPCC
     * 43.0 GJ/t of DO, 37.098 GJ/kL); rice husk has none. */
    "INSERT INTO carrier_factor(carrier_code, unit, toe_per_unit, gj_per_unit, valid_from,"
    " source, reliability) VALUES"
    " ('electricity','kWh',0.0001543,0.0036,'2011-04-19','3505/BCT-KHCN','S'),"
    " ('do','t',1.02,43.0,'2011-04-19','3505/BCT-KHCN','S'),"
    " ('do','kL',0.88,37.098,'2011-04-19','3505/BCT-KHCN','S');"
    "INSERT INTO admin_unit(id, code, name, level, kind, parent_id, source, reliability)"
    " VALUES (1,'kien-giang','Kiên Giang','province','tỉnh',NULL,'fixture','L'),"
    " (2,'rach-gia','Rạch Giá','district','thành phố',1,'fixture','L'),"
    " (3,'ha-tien','Hà Tiên','district','thành phố',1,'fixture','L'),"
    " (4,'vinh-thanh-van','Vĩnh Thanh Vân','commune','phường',2,'fixture','L');"
    /* The default plan, as data/plans.csv flags it: stats and kpi use it
     * when no --plan is given. */
    "INSERT INTO plan(id, code, title_vi, title_en, issuer, start_year, end_year, scope,"
    " source, is_default) VALUES (1,'78/KH-UBND','Kế hoạch SXSH','CP plan',"
    "'UBND tỉnh Kiên Giang',2013,2020,'province','fixture',1);"
    /* The plan's 2016-2020 targets, and an earlier tier (invented for the
     * fixture) that the latest by_year must override. */
    "INSERT INTO plan_target(plan_id, indicator, value, value_max, unit, from_year, by_year,"
    " source, reliability) VALUES"
    " (1,'aware',30,NULL,'%',2013,2015,'fixture','L'),"
    " (1,'aware',50,NULL,'%',2016,2020,'78/KH-UBND','L'),"
    " (1,'cp_staff',50,NULL,'%',2016,2020,'78/KH-UBND','L'),"
    " (1,'applies_cp',25,NULL,'%',2016,2020,'78/KH-UBND','L'),"
    " (1,'applies_cp_saving',25,NULL,'%',2016,2020,'78/KH-UBND','L'),"
    " (1,'saving_per_unit',5,8,'%',2016,2020,'78/KH-UBND','L');"
    /* F1-F5 in district A (F5 in a commune of A), F6-F10 in district B.
     * F3 opened 2019; F4 closed 2019 (active 2018 and 2019: a facility
     * closing in Y counts in Y); F9 closed 2018 (active 2018 only). */
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership,"
    " size, opened_year, closed_year) VALUES"
    " (1,'F1','Cơ sở 1','co so 1','1061',2,'private','small',NULL,NULL),"
    " (2,'F2','Cơ sở 2','co so 2','1061',2,'private','small',NULL,NULL),"
    " (3,'F3','Cơ sở 3','co so 3','1061',2,'private','small',2019,NULL),"
    " (4,'F4','Cơ sở 4','co so 4','1061',2,'private','small',2010,2019),"
    " (5,'F5','Cơ sở 5','co so 5','1061',4,'household','micro',NULL,NULL),"
    " (6,'F6','Cơ sở 6','co so 6','3530',3,'private','small',NULL,NULL),"
    " (7,'F7','Cơ sở 7','co so 7','3530',3,'private','small',NULL,NULL),"
    " (8,'F8','Cơ sở 8','co so 8','3530',3,'state','medium',NULL,NULL),"
    " (9,'F9','Cơ sở 9','co so 9','3530',3,'private','small',2005,2018),"
    " (10,'F10','Cơ sở 10','co so 10','3530',3,'private','small',NULL,NULL);"
    /* Reports: id = facility * 100 + year - 2000; (aware, staff, applied). */
    "INSERT INTO report(id, facility_id, year, cp_aware, cp_staff, cp_applied) VALUES"
    " (118,1,2018,1,1,0), (119,1,2019,1,1,1), (120,1,2020,1,1,1),"
    " (218,2,2018,1,0,0), (219,2,2019,0,NULL,1), (220,2,2020,NULL,NULL,NULL),"
    " (318,3,2018,1,1,0), (319,3,2019,1,NULL,1), (320,3,2020,1,1,1),"
    " (418,4,2018,0,0,0), (419,4,2019,1,1,1),"
    " (618,6,2018,1,NULL,NULL), (619,6,2019,1,1,1), (620,6,2020,1,1,1),"
    " (718,7,2018,NULL,NULL,NULL), (719,7,2019,0,0,0), (720,7,2020,1,0,1),"
    " (817,8,2017,1,1,1), (819,8,2019,1,1,1),"
    " (918,9,2018,1,1,1),"
    " (1018,10,2018,0,0,0), (1019,10,2019,NULL,NULL,0), (1020,10,2020,0,0,0);"
    /* Only accepted reports count; drafts are checked apart (test_drafts_ignored). */
    "UPDATE report SET status = 'accepted';"
    "INSERT INTO report_energy(report_id, carrier_code, month, quantity, unit) VALUES"
    " (118,'electricity',1,600000,'kWh'), (118,'electricity',2,400000,'kWh'),"
    " (119,'electricity',NULL,950000,'kWh'), (120,'electricity',NULL,900000,'kWh'),"
    " (218,'do',NULL,100,'t'), (219,'do',NULL,95.1,'t'),"
    " (319,'electricity',NULL,500000,'kWh'),"
    " (320,'electricity',NULL,500000,'kWh'), (320,'rice_husk',NULL,50,'t'),"
    " (618,'electricity',NULL,200,'MWh'), (619,'electricity',NULL,180,'MWh'),"
    " (620,'electricity',NULL,150,'MWh'),"
    " (817,'do',NULL,12,'kL'), (819,'do',NULL,10000,'L');"
    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
    " (118,'milled_rice',1000,'t'), (119,'milled_rice',1000,'t'),"
    " (120,'milled_rice',1000,'t'),"
    " (218,'milled_rice',2000000,'kg'), (219,'milled_rice',2000,'t'),"
    " (319,'milled_rice',100,'t'), (320,'milled_rice',100,'t'),"
    " (618,'ice',100,'t'), (619,'ice',100,'t'), (620,'ice',100,'t'),"
    " (720,'ice',50,'t'),"
    " (817,'ice',100,'t'), (817,'milled_rice',50,'t'),"
    " (819,'ice',100,'t'), (819,'milled_rice',500,'t');";

/*
 * Savings per unit of product, from the ledger's GJ and SEC (baseline = the
 * first report from the plan's start year whose main product, the largest
 * output, has a SEC; no monthly outputs here, so no ISO 50006 model, and no
 * water or materials: energy alone decides):
 *   F1 base 2018: 600,000 + 400,000 kWh = 1,000,000 kWh x 0.0036 = 3,600 GJ
 *      / 1000 t = 3.6 GJ/t.  2019: 950,000 kWh = 3,420 GJ / 1000 t = 3.42,
 *      saving 0.18 / 3.6 = 5.0 % (exactly the minimum: counts).
 *      2020: 900,000 kWh -> 3.24, saving 10 %.
 *   F2 base 2018: 100 t DO x 43.0 = 4,300 GJ / (2,000,000 kg = 2000 t) = 2.15.
 *      2019: 95.1 t = 4,089.3 GJ / 2000 t = 2.04465, saving 4.9 % (below).
 *   F3 2018 has no energy, so its base is 2019 itself: applying in 2019 has
 *      no earlier year to compare (not computable); 2020 burns rice husk,
 *      which has no heating value (not computable).
 *   F6 base 2018: 200 MWh = 720 GJ / 100 t = 7.2.
 *      2019: 180 MWh -> 6.48, saving 10 %; 2020: 150 MWh -> 25 %.
 *   F7 2020 applies CP but reports no energy (not computable).
 *   F8 base 2017 (before the range): 12 kL DO x 37.098 = 445.176 GJ, all
 *      for the main product, ice (100 t > 50 t of rice).  2019: 10,000 L of
 *      DO, but rice (500 t) is now the main product and takes every line
 *      that names none (the ledger's allocation rule): ice has no energy in
 *      2019, its SEC is not computable, so neither is the saving.  (The old
 *      computation divided the whole plant's TOE by the ice alone and
 *      counted a 16.7 % saving.)
 *   F4 2019 and F9 2018 apply CP in their closing years without energy or
 *      output lines (not computable).
 * not_computable 2018-2020: F9 2018, F3 2019, F4 2019, F8 2019, F3 2020,
 * F7 2020 = 6.
 */

static struct db *
fixture_db(const char *name)
{
	struct db *db = tu_db_new(name);
	if (db_exec(db, fixture) != DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	return db;
}

static void
check_value(const struct kpi_value *v, int year, long yes, long known, long active)
{
	assert_int_equal(v->year, year);
	assert_int_equal(v->yes, yes);
	assert_int_equal(v->known, known);
	assert_int_equal(v->active, active);
	if (known == 0)
		assert_true(isnan(v->share));
	else
		assert_float_equal(v->share, (double)yes / (double)known, EPS);
	if (active == 0)
		assert_true(isnan(v->coverage));
	else
		assert_float_equal(v->coverage, (double)known / (double)active, EPS);
}

static void
test_kpi_years(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi.db");
	struct kpi_result *r = NULL;
	char err[256] = "";
	assert_int_equal(kpi_compute(db, "78/KH-UBND", 2018, 2020, 0, &r, err, sizeof(err)), 0);
	assert_non_null(r);
	assert_string_equal(r->plan_code, "78/KH-UBND");
	assert_int_equal(r->nyears, 3);
	assert_float_equal(r->min_saving_pct, 5.0, EPS);
	/* The 2016-2020 tier (50 %), not the earlier 30 % by 2015. */
	assert_string_equal(r->series[KPI_AWARE].code, "aware");
	assert_float_equal(r->series[KPI_AWARE].target_pct, 50, EPS);
	assert_int_equal(r->series[KPI_AWARE].target_from, 2016);
	assert_int_equal(r->series[KPI_AWARE].target_by, 2020);
	assert_float_equal(r->series[KPI_CP_STAFF].target_pct, 50, EPS);
	assert_float_equal(r->series[KPI_APPLIES_CP].target_pct, 25, EPS);
	assert_float_equal(r->series[KPI_APPLIES_CP_SAVING].target_pct, 25, EPS);
	assert_string_equal(r->series[KPI_APPLIES_CP_SAVING].code, "applies_cp_saving");

	/*
	 * Active: 2018 F1 F2 F4 F5 F6 F7 F8 F9 F10 = 9 (F3 not yet open; F9
	 * closes in 2018 and counts in it); 2019: F1 F2 F3 F4 F5 F6 F7 F8 F10 = 9
	 * (F4 closes in 2019); 2020: F1 F2 F3 F5 F6 F7 F8 F10 = 8.
	 *
	 * 2018 reports of active facilities: F1 (1,1,0) F2 (1,0,0) F4 (0,0,0)
	 * F6 (1,-,-) F7 (-,-,-) F9 (1,1,1) F10 (0,0,0); F3's is before it opened.
	 *   aware: known F1 F2 F4 F6 F9 F10 = 6, yes F1 F2 F6 F9 = 4: 66.7 %,
	 *     cov 6/9 = 66.7 %
	 *   staff: known F1 F2 F4 F9 F10 = 5, yes F1 F9 = 2: 40 %, cov 5/9
	 *   applies: known 5, yes F9 = 1: 20 %, cov 5/9
	 *   saving: F1 F2 F4 F10 apply no CP -> no; F9 applies without any
	 *     energy (not computable): known 4, yes 0, cov 4/9
	 */
	struct kpi_value *v;
	v = &r->series[KPI_AWARE].values[0];
	check_value(v, 2018, 4, 6, 9);
	assert_float_equal(v->share, 4.0 / 6.0, EPS);
	assert_float_equal(v->coverage, 6.0 / 9.0, EPS);
	check_value(&r->series[KPI_CP_STAFF].values[0], 2018, 2, 5, 9);
	assert_float_equal(r->series[KPI_CP_STAFF].values[0].share, 0.4, EPS);
	check_value(&r->series[KPI_APPLIES_CP].values[0], 2018, 1, 5, 9);
	assert_float_equal(r->series[KPI_APPLIES_CP].values[0].share, 0.2, EPS);
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[0], 2018, 0, 4, 9);

	/*
	 * 2019: F1 (1,1,1) save 5.0 % yes; F2 (0,-,1) save 4.9 % no; F3 (1,-,1)
	 * not computable; F4 (1,1,1) in its closing year, not computable; F6
	 * (1,1,1) 10 % yes; F7 (0,0,0); F8 (1,1,1) not computable; F10 (-,-,0).
	 *   aware: known F1 F2 F3 F4 F6 F7 F8 = 7, yes F1 F3 F4 F6 F8 = 5: 71.4 %,
	 *     cov 7/9 = 77.8 %
	 *   staff: known F1 F4 F6 F7 F8 = 5, yes F1 F4 F6 F8 = 4: 80 %, cov 5/9
	 *   applies: known all but F5 = 8, yes F1 F2 F3 F4 F6 F8 = 6: 75 %,
	 *     cov 8/9 = 88.9 %
	 *   saving: known F1 F2 F6 F7 F10 = 5, yes F1 F6 = 2: 40 %, cov 5/9
	 */
	check_value(&r->series[KPI_AWARE].values[1], 2019, 5, 7, 9);
	assert_float_equal(r->series[KPI_AWARE].values[1].share, 5.0 / 7.0, EPS);
	check_value(&r->series[KPI_CP_STAFF].values[1], 2019, 4, 5, 9);
	assert_float_equal(r->series[KPI_CP_STAFF].values[1].share, 0.8, EPS);
	check_value(&r->series[KPI_APPLIES_CP].values[1], 2019, 6, 8, 9);
	assert_float_equal(r->series[KPI_APPLIES_CP].values[1].coverage, 8.0 / 9.0, EPS);
	v = &r->series[KPI_APPLIES_CP_SAVING].values[1];
	check_value(v, 2019, 2, 5, 9);
	assert_float_equal(v->share, 0.4, EPS);
	assert_float_equal(v->coverage, 5.0 / 9.0, EPS);

	/*
	 * 2020: F1 (1,1,1) 10 % yes; F2 (-,-,-); F3 (1,1,1) rice husk: not
	 * computable; F6 (1,1,1) 25 % yes; F7 (1,0,1) no energy: not computable;
	 * F10 (0,0,0); F5 and F8 did not report.
	 *   aware: known F1 F3 F6 F7 F10 = 5, yes 4: 80 %, cov 62.5 %
	 *   staff: known 5, yes F1 F3 F6 = 3: 60 %
	 *   applies: known 5, yes F1 F3 F6 F7 = 4: 80 %
	 *   saving: known F1 F6 F10 = 3, yes 2: 66.7 %, cov 3/8 = 37.5 %
	 */
	check_value(&r->series[KPI_AWARE].values[2], 2020, 4, 5, 8);
	check_value(&r->series[KPI_CP_STAFF].values[2], 2020, 3, 5, 8);
	check_value(&r->series[KPI_APPLIES_CP].values[2], 2020, 4, 5, 8);
	v = &r->series[KPI_APPLIES_CP_SAVING].values[2];
	check_value(v, 2020, 2, 3, 8);
	assert_float_equal(v->coverage, 0.375, EPS);
	assert_float_equal(v->share, 2.0 / 3.0, EPS);

	assert_int_equal(r->not_computable, 6);
	assert_int_equal(r->nunits, 0);
	kpi_result_free(r);

	/* One year only, 2017: F8 alone reported; the others are active without
	 * reports.  Active 2017: F1 F2 F4 F5 F6 F7 F8 F9 F10 = 9 (F3 opens 2019).
	 * F8 applies CP in its own baseline year: not computable (1). */
	assert_int_equal(kpi_compute(db, "78/KH-UBND", 2017, 2017, 0, &r, err, sizeof(err)), 0);
	check_value(&r->series[KPI_AWARE].values[0], 2017, 1, 1, 9);
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[0], 2017, 0, 0, 9);
	assert_true(isnan(r->series[KPI_APPLIES_CP_SAVING].values[0].share));
	assert_int_equal(r->not_computable, 1);
	kpi_result_free(r);
	db_close(db);
}

/*
 * Only accepted reports count: a report still in draft, submitted or
 * returned is not yet the province's figure.  Moving F1's 2018 report
 * (1,1,0) out of "accepted" takes it out of every 2018 count:
 *   aware 4/6 -> 3/5, staff 2/5 -> 1/4, applies 1/5 -> 1/4 (active stays 9).
 */
static void
test_kpi_only_accepted(void **state)
{
	(void)state;
	static const char *const statuses[] = {"draft", "submitted", "returned"};
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		struct db *db = fixture_db("kpi-accepted.db");
		char sql[128];
		snprintf(sql, sizeof(sql), "UPDATE report SET status = '%s' WHERE id = 118",
			 statuses[i]);
		assert_int_equal(db_exec(db, sql), DB_OK);
		struct kpi_result *r = NULL;
		char err[256] = "";
		assert_int_equal(kpi_compute(db, "78/KH-UBND", 2018, 2018, 0, &r, err, sizeof(err)),
				 0);
		check_value(&r->series[KPI_AWARE].values[0], 2018, 3, 5, 9);
		check_value(&r->series[KPI_CP_STAFF].values[0], 2018, 1, 4, 9);
		check_value(&r->series[KPI_APPLIES_CP].values[0], 2018, 1, 4, 9);
		kpi_result_free(r);
		db_close(db);
	}
}

static void
test_kpi_by_unit(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_unit.db");
	struct kpi_result *r = NULL;
	char err[256] = "";
	assert_int_equal(kpi_compute(db, "78/KH-UBND", 2019, 2019, 2019, &r, err, sizeof(err)), 0);
	/* Units with facilities, by id: Rạch Giá (2; F5's commune counts here), Hà Tiên (3).
	 * The province (1) and the commune (4) have no row of their own. */
	assert_int_equal(r->nunits, 2);
	assert_int_equal(r->by_unit_year, 2019);
	const struct kpi_unit_row *a = &r->units[0], *b = &r->units[1];
	assert_string_equal(a->unit_code, "rach-gia");
	assert_string_equal(a->unit_name, "Rạch Giá");
	assert_string_equal(b->unit_code, "ha-tien");
	/*
	 * A, 2019: active F1 F2 F3 F4 F5 = 5 (F4 closes in 2019).
	 *   aware: known F1 F2 F3 F4 = 4, yes F1 F3 F4 = 3: 75 %, cov 80 %
	 *   staff: known F1 F4 = 2, yes 2: 100 %, cov 40 %
	 *   applies: known 4, yes 4: 100 %, cov 80 %
	 *   saving: F1 yes, F2 no, F3 and F4 not computable: known 2, yes 1: 50 %,
	 *     cov 40 %
	 */
	check_value(&a->v[KPI_AWARE], 2019, 3, 4, 5);
	check_value(&a->v[KPI_CP_STAFF], 2019, 2, 2, 5);
	assert_float_equal(a->v[KPI_CP_STAFF].coverage, 0.4, EPS);
	check_value(&a->v[KPI_APPLIES_CP], 2019, 4, 4, 5);
	assert_float_equal(a->v[KPI_APPLIES_CP].share, 1.0, EPS);
	check_value(&a->v[KPI_APPLIES_CP_SAVING], 2019, 1, 2, 5);
	assert_float_equal(a->v[KPI_APPLIES_CP_SAVING].share, 0.5, EPS);
	/*
	 * B, 2019: active F6 F7 F8 F10 = 4 (F9 closed).
	 *   aware: known F6 F7 F8 = 3, yes F6 F8 = 2
	 *   staff: known F6 F7 F8 = 3, yes F6 F8 = 2
	 *   applies: known 4, yes F6 F8 = 2: 50 %, cov 100 %
	 *   saving: F6 yes, F7 no, F8 not computable, F10 no: known 3, yes 1:
	 *     33.3 %, cov 75 %
	 * A + B = the province: aware 3+2 = 5 of 4+3 = 7, saving 1+1 = 2 of 2+3 = 5.
	 */
	check_value(&b->v[KPI_AWARE], 2019, 2, 3, 4);
	check_value(&b->v[KPI_CP_STAFF], 2019, 2, 3, 4);
	check_value(&b->v[KPI_APPLIES_CP], 2019, 2, 4, 4);
	assert_float_equal(b->v[KPI_APPLIES_CP].coverage, 1.0, EPS);
	check_value(&b->v[KPI_APPLIES_CP_SAVING], 2019, 1, 3, 4);
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[0], 2019, 2, 5, 9);
	kpi_result_free(r);

	/* A breakdown year outside the series years is computed on its own. */
	assert_int_equal(kpi_compute(db, "78/KH-UBND", 2020, 2020, 2018, &r, err, sizeof(err)), 0);
	/* 2018, A: active F1 F2 F4 F5 = 4; aware known F1 F2 F4 = 3, yes F1 F2 = 2. */
	check_value(&r->units[0].v[KPI_AWARE], 2018, 2, 3, 4);
	/* 2018, B: active F6 F7 F8 F9 F10 = 5 (F9 closes in 2018); aware known
	 * F6 F9 F10 = 3, yes F6 F9 = 2. */
	check_value(&r->units[1].v[KPI_AWARE], 2018, 2, 3, 5);
	/* The series is still 2020 only: not_computable F3 and F7 = 2. */
	check_value(&r->series[KPI_AWARE].values[0], 2020, 4, 5, 8);
	assert_int_equal(r->not_computable, 2);
	kpi_result_free(r);
	db_close(db);
}

static void
test_kpi_errors_and_ranges(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_err.db");
	struct kpi_result *r = (struct kpi_result *)1;
	char err[256] = "";
	assert_int_equal(kpi_compute(db, "99/KH-XYZ", 2018, 2020, 0, &r, err, sizeof(err)), -1);
	assert_null(r);
	assert_string_equal(err, "kế hoạch không tồn tại / unknown plan: 99/KH-XYZ");

	/* No years: the plan is checked, nothing counted. */
	assert_int_equal(kpi_compute(db, "78/KH-UBND", 1, 0, 0, &r, err, sizeof(err)), 0);
	assert_int_equal(r->nyears, 0);
	assert_null(r->series[KPI_AWARE].values);
	kpi_result_free(r);
	kpi_result_free(NULL);

	/* Reports span 2017 (F8) to 2020. */
	int first = 0, last = 0;
	assert_int_equal(kpi_year_range(db, &first, &last), 0);
	assert_int_equal(first, 2017);
	assert_int_equal(last, 2020);

	/* Every table of the schema is counted; 10 facilities; 3+3+3+2+0+3+3+2+1+3
	 * = 23 reports; 14 energy lines. */
	struct kpi_table_count *t = NULL;
	int n = kpi_table_rows(db, &t);
	assert_true(n > 0);
	int seen = 0;
	for (int i = 0; i < n; i++) {
		if (t[i].rows < 0)
			fail_msg("table %s is not in STMT_STATS_ROWS", t[i].name);
		static const struct {
			const char *name;
			int64_t rows;
		} want[] = {{"facility", 10}, {"report", 23}, {"report_energy", 14}};
		for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
			if (strcmp(t[i].name, want[k].name) != 0)
				continue;
			assert_int_equal(t[i].rows, want[k].rows);
			seen++;
		}
	}
	assert_int_equal(seen, 3);
	free(t);
	db_close(db);

	/* An empty database has no report years. */
	db = tu_db_new("kpi_empty.db");
	assert_int_equal(kpi_year_range(db, &first, &last), -1);
	assert_int_equal(first, -1);
	assert_int_equal(last, -1);
	db_close(db);
}

static void
test_stats_cli(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_cli.db");
	db_close(db);
	char cmd[1024], *out = NULL, *errs = NULL;
	snprintf(cmd, sizeof(cmd), "'%s' stats --db '%s'", tu_sxsh(), tu_db_url("kpi_cli.db"));
	assert_int_equal(tu_run(cmd, &out, &errs), 0);
	/* Rows per table, Vietnamese grouping not needed at this size. */
	assert_non_null(strstr(out, "Rows per table"));
	assert_non_null(strstr(out, "  facility "));
	/*
	 * Each cell: of all (yes/active) | of known (yes/known) | coverage, and
	 * whether the share of all meets the target of the year.
	 * 2017: aware 1 of 9 active = 11.1 %, 1/1 = 100 % of known, coverage
	 * 1/9; the 2016-2020 target of 50 % applies: not met.
	 */
	assert_non_null(strstr(out, "11,1 % (1/9) | 100,0 % (1/1) | 11,1 %: chưa đạt / not met"));
	/* 2018 aware (test_kpi_years): 4/9 = 44.4 % of all < 50: not met, though
	 * 4/6 = 66.7 % of the known answers is above the target. */
	assert_non_null(strstr(out, "44,4 % (4/9) | 66,7 % (4/6) | 66,7 %: chưa đạt / not met"));
	/* 2019 applies CP: 6/9 = 66.7 % of all >= 25: met; 6/8 = 75 % of known,
	 * coverage 8/9 = 88.9 %. */
	assert_non_null(strstr(out, "66,7 % (6/9) | 75,0 % (6/8) | 88,9 %: đạt / met"));
	/* 2017 saving: nothing known: 0/9 of all, "— (0/0)" of known, 0 % coverage. */
	assert_non_null(strstr(out, "0,0 % (0/9) | — (0/0) | 0,0 %: chưa đạt / not met"));
	/* The targets with their periods, the earlier tier first. */
	assert_non_null(strstr(out, "30 % (2013–2015); 50 % (2016–2020)"));
	/* not computable 2017-2020: F8 2017, F9 2018, F3 2019, F4 2019, F8 2019,
	 * F3 2020, F7 2020 = 7. */
	assert_non_null(strstr(out, "baseline): 7\n"));
	free(out);
	free(errs);

	snprintf(cmd, sizeof(cmd), "'%s' stats --db '%s' --plan 1/XX", tu_sxsh(),
		 tu_db_url("kpi_cli.db"));
	assert_int_equal(tu_run(cmd, &out, &errs), 1);
	assert_non_null(strstr(errs, "unknown plan: 1/XX"));
	free(out);
	free(errs);

	snprintf(cmd, sizeof(cmd), "'%s' stats --db '%s' --bogus", tu_sxsh(),
		 tu_db_url("kpi_cli.db"));
	assert_int_equal(tu_run(cmd, &out, &errs), 2);
	free(out);
	free(errs);
}

/* Sparse report ids (no direct id table) give the same counts as dense ones. */
static void
test_kpi_sparse_ids(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_sparse.db");
	/* Report 1020 (F10 2020, no energy or output lines) moves far away:
	 * span 9,000,000 - 118 > 4 x 23 + 1024. */
	assert_int_equal(db_exec(db, "UPDATE report SET id = 9000000 WHERE id = 1020"), DB_OK);
	struct kpi_result *r = NULL;
	char err[256] = "";
	assert_int_equal(kpi_compute(db, "78/KH-UBND", 2018, 2020, 0, &r, err, sizeof(err)), 0);
	/* The same figures as test_kpi_years. */
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[1], 2019, 2, 5, 9);
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[2], 2020, 2, 3, 8);
	check_value(&r->series[KPI_AWARE].values[2], 2020, 4, 5, 8);
	assert_int_equal(r->not_computable, 6);
	kpi_result_free(r);
	db_close(db);
}

/* The value of indicator k of the group coded code in breakdown b, year; fails if absent. */
static const struct kpi_value *
group_value(const struct kpi_breakdown *b, const char *code, int year, enum kpi_indicator k)
{
	for (int g = 0; g < b->ngroups; g++)
		if (strcmp(b->groups[g].code, code) == 0)
			return kpi_group_value(b, g, year, k);
	fail_msg("no group %s", code);
	return NULL;
}

static void
test_kpi_breakdowns(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_by.db");
	/* VSIC divisions 10 (food) and 35 (electricity, gas, steam, ice) for the sector breakdown.
	 */
	assert_int_equal(db_exec(db, "INSERT INTO sector(code, name_vi, name_en, level, source,"
				     " reliability) VALUES ('10','Thực phẩm','Food',2,'VSIC','L'),"
				     " ('35','Điện, khí đốt, hơi nước','Electricity, gas, steam',2,"
				     "'VSIC','L')"),
			 DB_OK);
	struct kpi_result *r = NULL;
	char err[256] = "";
	struct kpi_query q = {.plan_code = "78/KH-UBND",
			      .first_year = 2019,
			      .last_year = 2019,
			      .by_mask = KPI_BY_ALL,
			      .by_first = 2018,
			      .by_last = 2020};
	assert_int_equal(kpi_compute_query(db, &q, &r, err, sizeof(err)), 0);
	/* The fixture plan starts in 2013: baselines from 2013. */
	assert_int_equal(r->baseline_from, 2013);
	const struct kpi_breakdown *b;

	/* By unit, 2019: as test_kpi_by_unit; 2018: A aware 2 of 3, active 4. */
	b = &r->by[KPI_BY_UNIT];
	assert_int_equal(b->nyears, 3);
	assert_int_equal(b->ngroups, 2);
	assert_string_equal(b->groups[0].code, "rach-gia");
	assert_string_equal(b->groups[0].level, "district");
	check_value(group_value(b, "rach-gia", 2019, KPI_APPLIES_CP_SAVING), 2019, 1, 2, 5);
	check_value(group_value(b, "rach-gia", 2018, KPI_AWARE), 2018, 2, 3, 4);
	check_value(group_value(b, "ha-tien", 2019, KPI_APPLIES_CP), 2019, 2, 4, 4);
	assert_null(kpi_group_value(b, 0, 2021, KPI_AWARE));

	/*
	 * By VSIC division, 2019: 10 = F1-F5 (the facilities of Rạch Giá),
	 * 35 = F6-F10 (those of Hà Tiên), so the same figures as by unit.
	 */
	b = &r->by[KPI_BY_SECTOR];
	assert_int_equal(b->ngroups, 2);
	assert_string_equal(b->groups[0].code, "10");
	assert_string_equal(b->groups[0].name_en, "Food");
	assert_string_equal(b->groups[1].code, "35");
	check_value(group_value(b, "10", 2019, KPI_AWARE), 2019, 3, 4, 5);
	check_value(group_value(b, "10", 2019, KPI_APPLIES_CP_SAVING), 2019, 1, 2, 5);
	check_value(group_value(b, "35", 2019, KPI_CP_STAFF), 2019, 2, 3, 4);
	check_value(group_value(b, "35", 2019, KPI_APPLIES_CP_SAVING), 2019, 1, 3, 4);
	/* By class: the facilities' own codes 1061 and 3530, the same split. */
	b = &r->by[KPI_BY_CLASS];
	assert_int_equal(b->ngroups, 2);
	assert_string_equal(b->groups[0].code, "1061");
	check_value(group_value(b, "3530", 2019, KPI_AWARE), 2019, 2, 3, 4);

	/*
	 * By ownership, 2019, in the schema's order (state, private, fdi,
	 * household, cooperative; only those with facilities):
	 *   state = F8: active 1; (1,1,1), 1/1, but its saving is not computable:
	 *     0 of 0 known.
	 *   private = F1 F2 F3 F4 F6 F7 F10 (F4 closes in 2019; F9 closed in
	 *     2018): active 7;
	 *     aware known F1 F2 F3 F4 F6 F7 = 6, yes F1 F3 F4 F6 = 4;
	 *     staff known F1 F4 F6 F7 = 4, yes F1 F4 F6 = 3;
	 *     applies known all 7, yes F1 F2 F3 F4 F6 = 5;
	 *     saving known F1 F2 F6 F7 F10 = 5 (F3, F4 not computable), yes F1 F6 = 2.
	 *   household = F5: active 1, no report: known 0, share undefined.
	 * Sum = the province: aware 1+4+0 = 5 of 1+6+0 = 7; saving 0+2 = 2 of 0+5 = 5.
	 */
	b = &r->by[KPI_BY_OWNERSHIP];
	assert_int_equal(b->ngroups, 3);
	assert_string_equal(b->groups[0].code, "state");
	assert_string_equal(b->groups[1].code, "private");
	assert_string_equal(b->groups[2].code, "household");
	check_value(group_value(b, "state", 2019, KPI_APPLIES_CP_SAVING), 2019, 0, 0, 1);
	check_value(group_value(b, "private", 2019, KPI_AWARE), 2019, 4, 6, 7);
	check_value(group_value(b, "private", 2019, KPI_CP_STAFF), 2019, 3, 4, 7);
	check_value(group_value(b, "private", 2019, KPI_APPLIES_CP), 2019, 5, 7, 7);
	check_value(group_value(b, "private", 2019, KPI_APPLIES_CP_SAVING), 2019, 2, 5, 7);
	const struct kpi_value *v = group_value(b, "household", 2019, KPI_AWARE);
	check_value(v, 2019, 0, 0, 1);
	assert_true(isnan(v->share));
	assert_float_equal(v->coverage, 0.0, EPS);
	check_value(&r->series[KPI_AWARE].values[0], 2019, 5, 7, 9);

	/* By size: micro = F5, small = the private seven, medium = F8. */
	b = &r->by[KPI_BY_SIZE];
	assert_int_equal(b->ngroups, 3);
	assert_string_equal(b->groups[0].code, "micro");
	assert_string_equal(b->groups[1].code, "small");
	assert_string_equal(b->groups[2].code, "medium");
	check_value(group_value(b, "small", 2019, KPI_APPLIES_CP), 2019, 5, 7, 7);
	check_value(group_value(b, "medium", 2019, KPI_AWARE), 2019, 1, 1, 1);
	/* 2018 small: active F1 F2 F4 F6 F7 F9 F10 = 7; aware known F1 F2 F4 F6 F9
	 * F10 = 6, yes F1 F2 F6 F9 = 4. */
	check_value(group_value(b, "small", 2018, KPI_AWARE), 2018, 4, 6, 7);
	kpi_result_free(r);

	assert_int_equal(kpi_by_parse("ownership"), KPI_BY_OWNERSHIP);
	assert_int_equal(kpi_by_parse("district"), -1);
	assert_string_equal(kpi_by_name(KPI_BY_SIZE), "size");
	db_close(db);
}

/*
 * Both shares and the target of each year.  Figures of test_kpi_years:
 *   2018 aware: yes 4, known 6, active 9: of known 4/6 = 66.7 %, of all
 *     4/9 = 44.4 % (the lower bound: the 3 unknown counted as no).
 *   2019 applies CP: 6/8 = 75 % of known, 6/9 = 66.7 % of all.
 *   2020 saving: 2/3 of known, 2/8 = 25 % of all.
 * Targets (fixture): aware 30 % for 2013-2015, 50 % for 2016-2020; the
 * others 2016-2020 only.  A target applies only within its period: none in
 * 2012 or 2021, the earlier tier in 2014.
 */
static void
test_kpi_shares_and_targets(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_shares.db");
	struct kpi_result *r = NULL;
	char err[256] = "";
	assert_int_equal(kpi_compute(db, "78/KH-UBND", 2018, 2021, 0, &r, err, sizeof(err)), 0);
	const struct kpi_series *aware = &r->series[KPI_AWARE];
	const struct kpi_value *v = &aware->values[0];
	assert_float_equal(v->share, 4.0 / 6.0, EPS);
	assert_float_equal(v->share_active, 4.0 / 9.0, EPS);
	v = &r->series[KPI_APPLIES_CP].values[1];
	check_value(v, 2019, 6, 8, 9);
	assert_float_equal(v->share_active, 6.0 / 9.0, EPS);
	v = &r->series[KPI_APPLIES_CP_SAVING].values[2];
	check_value(v, 2020, 2, 3, 8);
	assert_float_equal(v->share_active, 0.25, EPS);
	/* 2021: 8 active (no one opens or closes), no report: nothing known. */
	v = &aware->values[3];
	check_value(v, 2021, 0, 0, 8);
	assert_float_equal(v->share_active, 0.0, EPS);

	/* Every tier, latest first; the latest repeated in target_pct/from/by. */
	assert_int_equal(aware->ntargets, 2);
	assert_float_equal(aware->targets[0].pct, 50, EPS);
	assert_int_equal(aware->targets[1].from, 2013);
	assert_int_equal(aware->targets[1].by, 2015);
	assert_float_equal(aware->target_pct, 50, EPS);
	/* The period rule. */
	assert_null(kpi_target_at(aware, 2012));
	assert_float_equal(kpi_target_at(aware, 2013)->pct, 30, EPS);
	assert_float_equal(kpi_target_at(aware, 2015)->pct, 30, EPS);
	assert_float_equal(kpi_target_at(aware, 2016)->pct, 50, EPS);
	assert_float_equal(kpi_target_at(aware, 2020)->pct, 50, EPS);
	assert_null(kpi_target_at(aware, 2021));
	assert_null(kpi_target_at(&r->series[KPI_APPLIES_CP], 2014));
	/*
	 * The target is compared with the share of all active: 2018 aware 44.4 %
	 * < 50 %: not met, though 66.7 % of the known answers is above it.  2019
	 * applies CP 66.7 % >= 25 %: met.  2020 saving exactly 25 % = 25 %: met
	 * (at least, to 10^-6).  2021: no target, nothing to compare.
	 */
	assert_int_equal(kpi_target_met(&aware->values[0], kpi_target_at(aware, 2018)), 0);
	assert_int_equal(kpi_target_met(&r->series[KPI_APPLIES_CP].values[1],
					kpi_target_at(&r->series[KPI_APPLIES_CP], 2019)),
			 1);
	assert_int_equal(kpi_target_met(&r->series[KPI_APPLIES_CP_SAVING].values[2],
					kpi_target_at(&r->series[KPI_APPLIES_CP_SAVING], 2020)),
			 1);
	assert_int_equal(kpi_target_met(&aware->values[3], kpi_target_at(aware, 2021)), -1);
	/* A share of all undefined (no active facility) meets nothing. */
	struct kpi_value none = {.year = 2018, .share = NAN, .share_active = NAN, .coverage = NAN};
	assert_int_equal(kpi_target_met(&none, kpi_target_at(aware, 2018)), -1);
	kpi_result_free(r);
	db_close(db);
}

/*
 * The indicator of Decision 1419/QĐ-TTg on CP units: the share of medium
 * and large enterprises with a dedicated CP unit (report.cp_unit), target
 * 90 % in 2016-2020 (the plan_target row scoped "size=medium,large"; a row
 * without that scope is not its target).  F6 becomes large; F8 is medium;
 * every other facility is micro or small and outside the population, so
 * F1's cp_unit = 1 in 2018 is not counted.
 *   2018: population active F6 F8 = 2; F6 (618) unknown, F8 no report:
 *     known 0, share undefined, of all 0 / 2 = 0 %.
 *   2019: F6 (619) 1, F8 (819) 0: yes 1, known 2, active 2: 50 % both ways,
 *     < 90 %: not met.
 * By size, 2019: large = F6: 1/1 of 1; small: active 0 for this indicator
 * (but 6 for the others: F1 F2 F3 F4 F7 F10, whose applies CP is known for
 * all 6, yes F1 F2 F3 F4 = 4).
 */
static void
test_kpi_cp_unit(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_cpunit.db");
	assert_int_equal(
	    db_exec(db,
		    "UPDATE facility SET size = 'large' WHERE id = 6;"
		    "UPDATE report SET cp_unit = 1 WHERE id IN (118, 619);"
		    "UPDATE report SET cp_unit = 0 WHERE id = 819;"
		    "INSERT INTO plan_target(plan_id, indicator, value, unit, from_year, by_year,"
		    " scope_filter, source, reliability) VALUES"
		    " (1,'cp_unit',90,'%',2016,2020,'size=medium,large','1419/QĐ-TTg','S'),"
		    " (1,'cp_unit',10,'%',2016,2020,NULL,'invented','S');"),
	    DB_OK);
	struct kpi_result *r = NULL;
	char err[256] = "";
	struct kpi_query q = {.plan_code = "78/KH-UBND",
			      .first_year = 2018,
			      .last_year = 2019,
			      .by_mask = KPI_BY_BIT(KPI_BY_SIZE),
			      .by_first = 2019,
			      .by_last = 2019};
	assert_int_equal(kpi_compute_query(db, &q, &r, err, sizeof(err)), 0);
	const struct kpi_series *s = &r->series[KPI_CP_UNIT];
	assert_string_equal(s->code, "cp_unit");
	assert_int_equal(s->ntargets, 1);
	assert_float_equal(s->target_pct, 90, EPS);
	const struct kpi_value *v = &s->values[0];
	check_value(v, 2018, 0, 0, 2);
	assert_true(isnan(v->share));
	assert_float_equal(v->share_active, 0.0, EPS);
	v = &s->values[1];
	check_value(v, 2019, 1, 2, 2);
	assert_float_equal(v->share_active, 0.5, EPS);
	assert_int_equal(kpi_target_met(v, kpi_target_at(s, 2019)), 0);
	/* The other indicators keep their whole population: aware 2019 as before. */
	check_value(&r->series[KPI_AWARE].values[1], 2019, 5, 7, 9);
	const struct kpi_breakdown *b = &r->by[KPI_BY_SIZE];
	check_value(group_value(b, "large", 2019, KPI_CP_UNIT), 2019, 1, 1, 1);
	check_value(group_value(b, "medium", 2019, KPI_CP_UNIT), 2019, 0, 1, 1);
	check_value(group_value(b, "small", 2019, KPI_CP_UNIT), 2019, 0, 0, 0);
	check_value(group_value(b, "small", 2019, KPI_APPLIES_CP), 2019, 4, 6, 6);
	kpi_result_free(r);
	db_close(db);
}

/*
 * The saving rule (docs/analytics.md, "The saving"): energy through the
 * savings model, and water and materials per unit of product.  Five more
 * facilities G1-G5 of milled rice, all applying CP in 2018 (their
 * baseline) and 2019; minimum saving 5 %.
 *   G1: 2018 month by month: P_m = 100 m t and 10,000 (m + 1) kWh, i.e.
 *     E_m = 36 (m + 1) GJ = 36 + 0.36 P_m exactly (7,800 t, 3,240 GJ in
 *     the year); the ISO 50006 fit is a = 36, b = 0.36, R² = 1.  2019,
 *     yearly: 6,000 t and 684,000 kWh = 2,462.4 GJ.  Expected energy 12 x
 *     36 + 0.36 x 6,000 = 2,592 GJ: normalised saving 129.6 / 2,592 = 5.0 %
 *     -> yes.  (Year on year, 3,240 / 7,800 = 0.41538 against 2,462.4 /
 *     6,000 = 0.4104 GJ/t would be 1.2 %: no.)
 *   G2: 100,000 -> 90,000 kWh for 100 t both years (energy 10 %), salt
 *     "Muối" 10 t -> "muối" 9 t (10 %, the same material once folded), but
 *     water 1,000 -> 980 m3 (2 %) -> no: every measure must save 5 %.
 *   G3: energy 10 %, water 1,000 m3 (tap) -> 900 m3 (ground; sources are
 *     summed) 10 %, salt 10 t -> "MUỐI " 9,500 kg = 9.5 t: 5 % -> yes.
 *   G4: energy 10 %; salt in 2018 only, sugar and 500 m3 of water in 2019
 *     only: nothing to compare them with, so energy decides -> yes.
 *   G5: energy 10 %, bags "Bao bì" 1,000 pieces -> "bao bi" 990 (1 %) -> no.
 * 2019 saving: test_kpi_years' yes 2, known 5, active 9 plus G1 G3 G4 yes,
 * G2 G5 no: yes 5, known 10, active 14.
 */
static const char saving_fixture[] =
    "INSERT INTO unit(code, name_vi, name_en, dimension, to_base) VALUES"
    " ('piece','cái','piece','count',1);"
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership,"
    " size) VALUES (11,'G1','G1','g1','1061',2,'private','small'),"
    " (12,'G2','G2','g2','1061',2,'private','small'),"
    " (13,'G3','G3','g3','1061',2,'private','small'),"
    " (14,'G4','G4','g4','1061',2,'private','small'),"
    " (15,'G5','G5','g5','1061',2,'private','small');"
    "INSERT INTO report(id, facility_id, year, status, cp_aware, cp_staff, cp_applied) VALUES"
    " (1118,11,2018,'accepted',1,1,1), (1119,11,2019,'accepted',1,1,1),"
    " (1218,12,2018,'accepted',1,1,1), (1219,12,2019,'accepted',1,1,1),"
    " (1318,13,2018,'accepted',1,1,1), (1319,13,2019,'accepted',1,1,1),"
    " (1418,14,2018,'accepted',1,1,1), (1419,14,2019,'accepted',1,1,1),"
    " (1518,15,2018,'accepted',1,1,1), (1519,15,2019,'accepted',1,1,1);"
    "INSERT INTO report_energy(report_id, carrier_code, month, quantity, unit) VALUES"
    " (1118,'electricity',1,20000,'kWh'), (1118,'electricity',2,30000,'kWh'),"
    " (1118,'electricity',3,40000,'kWh'), (1118,'electricity',4,50000,'kWh'),"
    " (1118,'electricity',5,60000,'kWh'), (1118,'electricity',6,70000,'kWh'),"
    " (1118,'electricity',7,80000,'kWh'), (1118,'electricity',8,90000,'kWh'),"
    " (1118,'electricity',9,100000,'kWh'), (1118,'electricity',10,110000,'kWh'),"
    " (1118,'electricity',11,120000,'kWh'), (1118,'electricity',12,130000,'kWh'),"
    " (1119,'electricity',NULL,684000,'kWh'),"
    " (1218,'electricity',NULL,100000,'kWh'), (1219,'electricity',NULL,90000,'kWh'),"
    " (1318,'electricity',NULL,100000,'kWh'), (1319,'electricity',NULL,90000,'kWh'),"
    " (1418,'electricity',NULL,100000,'kWh'), (1419,'electricity',NULL,90000,'kWh'),"
    " (1518,'electricity',NULL,100000,'kWh'), (1519,'electricity',NULL,90000,'kWh');"
    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
    " (1118,'milled_rice',7800,'t'), (1119,'milled_rice',6000,'t'),"
    " (1218,'milled_rice',100,'t'), (1219,'milled_rice',100,'t'),"
    " (1318,'milled_rice',100,'t'), (1319,'milled_rice',100,'t'),"
    " (1418,'milled_rice',100,'t'), (1419,'milled_rice',100,'t'),"
    " (1518,'milled_rice',100,'t'), (1519,'milled_rice',100,'t');"
    "INSERT INTO report_output_month(report_id, product_code, month, quantity) VALUES"
    " (1118,'milled_rice',1,100), (1118,'milled_rice',2,200), (1118,'milled_rice',3,300),"
    " (1118,'milled_rice',4,400), (1118,'milled_rice',5,500), (1118,'milled_rice',6,600),"
    " (1118,'milled_rice',7,700), (1118,'milled_rice',8,800), (1118,'milled_rice',9,900),"
    " (1118,'milled_rice',10,1000), (1118,'milled_rice',11,1100),"
    " (1118,'milled_rice',12,1200);"
    "INSERT INTO report_water(report_id, source, quantity_m3) VALUES"
    " (1218,'tap',1000), (1219,'tap',980), (1318,'tap',1000), (1319,'ground',900),"
    " (1419,'tap',500);"
    "INSERT INTO report_material(report_id, name, quantity, unit) VALUES"
    " (1218,'Muối',10,'t'), (1219,'muối',9,'t'), (1318,'Muối',10,'t'),"
    " (1319,'MUỐI ',9500,'kg'), (1418,'Muối',10,'t'), (1419,'Đường',5,'t'),"
    " (1518,'Bao bì',1000,'piece'), (1519,'bao bi',990,'piece');";

static void
test_kpi_saving_rule(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_saving.db");
	if (db_exec(db, saving_fixture) != DB_OK)
		fail_msg("saving fixture: %s", db_errmsg(db));
	struct kpi_result *r = NULL;
	char err[256] = "";
	struct kpi_query q = {.plan_code = "78/KH-UBND",
			      .first_year = 2019,
			      .last_year = 2019,
			      .by_mask = KPI_BY_BIT(KPI_BY_CLASS),
			      .by_first = 2019,
			      .by_last = 2019};
	assert_int_equal(kpi_compute_query(db, &q, &r, err, sizeof(err)), 0);
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[0], 2019, 5, 10, 14);
	/* By class: 1061 = F1-F5 (1 yes of 2 known, test_kpi_by_unit) and G1-G5. */
	check_value(group_value(&r->by[KPI_BY_CLASS], "1061", 2019, KPI_APPLIES_CP_SAVING), 2019, 4,
		    7, 10);
	kpi_result_free(r);

	/* Without G1's monthly outputs there is no model: year on year, 1.2 % < 5. */
	assert_int_equal(db_exec(db, "DELETE FROM report_output_month WHERE report_id = 1118"),
			 DB_OK);
	assert_int_equal(kpi_compute_query(db, &q, &r, err, sizeof(err)), 0);
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[0], 2019, 4, 10, 14);
	kpi_result_free(r);
	db_close(db);
}

/* A plan's own start year moves the baselines. */
static void
test_kpi_plan_baseline(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_base.db");
	assert_int_equal(db_exec(db, "UPDATE plan SET start_year = 2019 WHERE id = 1"), DB_OK);
	struct kpi_result *r = NULL;
	char err[256] = "";
	assert_int_equal(kpi_compute(db, "78/KH-UBND", 2019, 2020, 0, &r, err, sizeof(err)), 0);
	assert_int_equal(r->baseline_from, 2019);
	/*
	 * Baselines are now the 2019 reports (F8's 2017 one is too early), so no
	 * 2019 saving is computable: F1 F2 F3 F6 F8 apply in their baseline year,
	 * and F4 (closing in 2019) has no energy at all.
	 * 2019 saving known = F7 and F10 (not applying) = 2, yes 0; active 9.
	 * 2020: F1 950,000 -> 900,000 kWh per 1000 t: (3.42 - 3.24) / 3.42 GJ/t
	 * = 5.26 % >= 5 yes; F6 180 -> 150 MWh: 16.7 % yes; F10 no; F3, F7 not
	 * computable: known 3, yes 2.  not_computable = 6 + 2 = 8.
	 */
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[0], 2019, 0, 2, 9);
	check_value(&r->series[KPI_APPLIES_CP_SAVING].values[1], 2020, 2, 3, 8);
	assert_int_equal(r->not_computable, 8);
	kpi_result_free(r);
	db_close(db);
}

/* The 2025 reform: the units abolished on 30/6/2025 and a test-only commune. */
static const char reform[] =
    "INSERT INTO admin_unit(id, code, name, level, kind, parent_id, valid_from, source,"
    " reliability) VALUES (5,'an-giang-2025','An Giang','province','tỉnh',NULL,'2025-07-01',"
    "'fixture','L'),"
    " (6,'xa-thu-nghiem','Xã thử nghiệm (fixture)','commune','xã',5,'2025-07-01','fixture',"
    "'L');"
    "UPDATE admin_unit SET valid_to = '2025-06-30', successor_id = 5 WHERE id IN (1, 2, 3, 4);"
    /* (aware, staff, applied) */
    "INSERT INTO report(id, facility_id, year, cp_aware, cp_staff, cp_applied) VALUES"
    " (124,1,2024,1,1,1), (224,2,2024,0,0,0), (324,3,2024,1,NULL,0),"
    " (624,6,2024,1,1,0), (724,7,2024,NULL,NULL,NULL), (1024,10,2024,0,0,0),"
    " (125,1,2025,1,0,1), (225,2,2025,1,NULL,0), (625,6,2025,1,1,1), (825,8,2025,0,0,0);"
    "UPDATE report SET status = 'accepted';";

static void
test_kpi_unit_reform(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_reform.db");
	assert_int_equal(db_exec(db, reform), DB_OK);
	char err[256] = "";
	/* F1 moves to the new commune from 1/7/2025. */
	assert_int_equal(
	    unit_history_move(db, NULL, "F1", "xa-thu-nghiem", "2025-07-01", err, sizeof(err)), 0);
	struct unit_history_row *h = NULL;
	assert_int_equal(unit_history_list(db, "F1", &h, err, sizeof(err)), 2);
	assert_string_equal(h[0].unit_code, "rach-gia");
	assert_string_equal(h[0].valid_from, "");
	assert_string_equal(h[0].valid_to, "2025-06-30");
	assert_string_equal(h[1].unit_code, "xa-thu-nghiem");
	assert_string_equal(h[1].valid_from, "2025-07-01");
	assert_string_equal(h[1].valid_to, "");
	free(h);

	/* Refused moves change nothing. */
	assert_int_equal(
	    unit_history_move(db, NULL, "F1", "ha-tien", "2025-07-01", err, sizeof(err)), -1);
	/* ha-tien has no start and ends on 30/6/2025 (data/admin_units.csv). */
	assert_string_equal(err, "--unit: đơn vị ha-tien không có hiệu lực vào ngày 2025-07-01 "
				 "(hiệu lực … – 2025-06-30) / unit ha-tien is not valid on "
				 "2025-07-01 (valid … to 2025-06-30)");
	assert_int_equal(
	    unit_history_move(db, NULL, "F1", "an-giang-2025", "2025-07-01", err, sizeof(err)), -1);
	assert_string_equal(err, "--from: ngày 2025-07-01 phải sau ngày 2025-07-01 của đơn vị hiện "
				 "tại / date 2025-07-01 must be after 2025-07-01, the start of the "
				 "current unit");
	assert_int_equal(
	    unit_history_move(db, NULL, "F1", "xa-thu-nghiem", "2025-08-01", err, sizeof(err)), -1);
	assert_string_equal(err, "cơ sở F1 đã thuộc đơn vị xa-thu-nghiem / facility F1 is already "
				 "in xa-thu-nghiem");
	assert_int_equal(
	    unit_history_move(db, NULL, "F99", "an-giang-2025", "2025-08-01", err, sizeof(err)),
	    -1);
	assert_string_equal(err, "cơ sở không tồn tại / unknown facility: F99");
	assert_int_equal(
	    unit_history_move(db, NULL, "F2", "nowhere", "2025-08-01", err, sizeof(err)), -1);
	assert_string_equal(err, "--unit: đơn vị hành chính không tồn tại / unknown administrative "
				 "unit: nowhere");
	assert_int_equal(
	    unit_history_move(db, NULL, "F2", "an-giang-2025", "2025-02-30", err, sizeof(err)), -1);
	assert_string_equal(err, "--from: ngày không hợp lệ, cần dạng yyyy-mm-dd / invalid date, "
				 "expected yyyy-mm-dd: 2025-02-30");

	struct kpi_result *r = NULL;
	struct kpi_query q = {.plan_code = "78/KH-UBND",
			      .first_year = 2024,
			      .last_year = 2025,
			      .by_mask = KPI_BY_BIT(KPI_BY_UNIT),
			      .by_first = 2024,
			      .by_last = 2025};
	assert_int_equal(kpi_compute_query(db, &q, &r, err, sizeof(err)), 0);
	const struct kpi_breakdown *b = &r->by[KPI_BY_UNIT];
	/* Groups in id order: the two districts (2024), the new province and commune (2025). */
	assert_int_equal(b->ngroups, 4);
	assert_string_equal(b->groups[0].code, "rach-gia");
	assert_string_equal(b->groups[1].code, "ha-tien");
	assert_string_equal(b->groups[2].code, "an-giang-2025");
	assert_string_equal(b->groups[3].code, "xa-thu-nghiem");
	/*
	 * 2024 (31/12/2024: the districts still exist; F1 in its first row, Rạch Giá):
	 *   Rạch Giá: active F1 F2 F3 F5 = 4; aware known F1 F2 F3 = 3, yes F1 F3 = 2;
	 *     staff known F1 F2 = 2, yes 1; applies known 3, yes F1 = 1;
	 *     saving: F1 applies without energy (unknown), F2 F3 no: known 2, yes 0.
	 *   Hà Tiên: active F6 F7 F8 F10 = 4; aware known F6 F10 = 2, yes 1;
	 *     applies known 2, yes 0.
	 */
	check_value(group_value(b, "rach-gia", 2024, KPI_AWARE), 2024, 2, 3, 4);
	check_value(group_value(b, "rach-gia", 2024, KPI_CP_STAFF), 2024, 1, 2, 4);
	check_value(group_value(b, "rach-gia", 2024, KPI_APPLIES_CP), 2024, 1, 3, 4);
	check_value(group_value(b, "rach-gia", 2024, KPI_APPLIES_CP_SAVING), 2024, 0, 2, 4);
	check_value(group_value(b, "ha-tien", 2024, KPI_AWARE), 2024, 1, 2, 4);
	check_value(group_value(b, "ha-tien", 2024, KPI_APPLIES_CP), 2024, 0, 2, 4);
	check_value(group_value(b, "xa-thu-nghiem", 2024, KPI_AWARE), 2024, 0, 0, 0);
	check_value(group_value(b, "an-giang-2025", 2024, KPI_AWARE), 2024, 0, 0, 0);
	/*
	 * 2025 (31/12/2025: the districts ended 30/6/2025): F1 in the commune,
	 * whose parent is a province, so it is its own group; every other
	 * facility (F5 through its commune's district) under the successor.
	 *   commune: active F1 = 1; aware 1/1; staff known 1, yes 0; applies 1/1;
	 *     saving unknown (no energy): known 0.
	 *   An Giang: active F2 F3 F5 F6 F7 F8 F10 = 7; aware known F2 F6 F8 = 3,
	 *     yes F2 F6 = 2; staff known F6 F8 = 2, yes 1; applies known 3, yes F6 = 1.
	 *   The old districts: active 0.
	 * Province: aware 1 + 2 = 3 of 1 + 3 = 4.
	 */
	check_value(group_value(b, "xa-thu-nghiem", 2025, KPI_AWARE), 2025, 1, 1, 1);
	check_value(group_value(b, "xa-thu-nghiem", 2025, KPI_CP_STAFF), 2025, 0, 1, 1);
	check_value(group_value(b, "xa-thu-nghiem", 2025, KPI_APPLIES_CP), 2025, 1, 1, 1);
	check_value(group_value(b, "xa-thu-nghiem", 2025, KPI_APPLIES_CP_SAVING), 2025, 0, 0, 1);
	check_value(group_value(b, "an-giang-2025", 2025, KPI_AWARE), 2025, 2, 3, 7);
	check_value(group_value(b, "an-giang-2025", 2025, KPI_CP_STAFF), 2025, 1, 2, 7);
	check_value(group_value(b, "an-giang-2025", 2025, KPI_APPLIES_CP), 2025, 1, 3, 7);
	check_value(group_value(b, "rach-gia", 2025, KPI_AWARE), 2025, 0, 0, 0);
	check_value(group_value(b, "ha-tien", 2025, KPI_AWARE), 2025, 0, 0, 0);
	check_value(&r->series[KPI_AWARE].values[1], 2025, 3, 4, 8);
	kpi_result_free(r);
	db_close(db);
}

/* sxsh facility move and sxsh kpi, as a person runs them. */
static void
test_kpi_cli(void **state)
{
	(void)state;
	struct db *db = fixture_db("kpi_cli2.db");
	assert_int_equal(db_exec(db, reform), DB_OK);
	db_close(db);
	char path[512], cmd[1024], *out = NULL, *errs = NULL;
	/* A copy: tu_db_url's buffer is reused by later helper calls. */
	snprintf(path, sizeof(path), "%s", tu_db_url("kpi_cli2.db"));

	snprintf(cmd, sizeof(cmd),
		 "'%s' facility move F1 --unit xa-thu-nghiem --from 2025-07-01 --db '%s'",
		 tu_sxsh(), path);
	assert_int_equal(tu_run(cmd, &out, &errs), 0);
	/* An open end is "…" and 9 spaces, the width of a date. */
	assert_non_null(strstr(out, "  …          – 30/06/2025  Rạch Giá (rach-gia)\n"));
	assert_non_null(
	    strstr(out, "  01/07/2025 – …           Xã thử nghiệm (fixture) (xa-thu-nghiem)\n"));
	free(out);
	free(errs);
	snprintf(cmd, sizeof(cmd),
		 "'%s' facility move F1 --unit ha-tien --from 2025-07-01 --db '%s'", tu_sxsh(),
		 path);
	assert_int_equal(tu_run(cmd, &out, &errs), 1);
	assert_non_null(strstr(errs, "not valid on 2025-07-01"));
	free(out);
	free(errs);
	snprintf(cmd, sizeof(cmd), "'%s' facility move F1 --unit ha-tien --db '%s'", tu_sxsh(),
		 path);
	assert_int_equal(tu_run(cmd, &out, &errs), 2);
	free(out);
	free(errs);

	/* CSV, 2025 by unit: the province rows, then the groups with active facilities
	 * (figures of test_kpi_unit_reform).  2025 is after the plan's 2016-2020
	 * targets: no target, no target_met, nothing compared. */
	snprintf(cmd, sizeof(cmd), "'%s' kpi --year 2025 --by unit --format csv --db '%s'",
		 tu_sxsh(), path);
	assert_int_equal(tu_run(cmd, &out, &errs), 0);
	/* aware 3/4 = 0.75 of known, 3/8 = 0.375 of all, coverage 4/8. */
	assert_non_null(strstr(out, "plan,year,by,group_code,group_name,indicator,target_pct,"
				    "target_from,target_by,yes,known,active,share,share_active,"
				    "coverage,target_met,compared_with\n"
				    "78/KH-UBND,2025,province,,,aware,,,,3,4,8,0.750000,0.375000,"
				    "0.500000,,\n"));
	/* 2 / 3 = 0.666667, 2 / 7 = 0.285714, coverage 3 / 7 = 0.428571. */
	assert_non_null(strstr(out, "78/KH-UBND,2025,unit,an-giang-2025,An Giang,aware,,,,2,3,7,"
				    "0.666667,0.285714,0.428571,,\n"));
	/* saving: nothing known in the commune: empty share, 0 of all, coverage 0. */
	assert_non_null(strstr(out, "78/KH-UBND,2025,unit,xa-thu-nghiem,Xã thử nghiệm (fixture),"
				    "applies_cp_saving,,,,0,0,1,,0.000000,0.000000,,\n"));
	assert_null(strstr(out, "rach-gia")); /* no active facility in 2025 */
	free(out);
	free(errs);

	/* 2018 is in the 2016-2020 period: aware 50 %, compared with share_active
	 * 4/9 = 0.444444: not met (test_kpi_years). */
	snprintf(cmd, sizeof(cmd), "'%s' kpi --year 2018 --format csv --db '%s'", tu_sxsh(), path);
	assert_int_equal(tu_run(cmd, &out, &errs), 0);
	assert_non_null(strstr(out, "78/KH-UBND,2018,province,,,aware,50,2016,2020,4,6,9,0.666667,"
				    "0.444444,0.666667,0,share_active\n"));
	/* applies CP: 6/9 of all would be 2019; 2018 is 1/9 = 0.111111 < 25 %. */
	assert_non_null(strstr(out, "78/KH-UBND,2018,province,,,applies_cp,25,2016,2020,1,5,9,"
				    "0.200000,0.111111,0.555556,0,share_active\n"));
	free(out);
	free(errs);

	/* JSON: keys in order; null share when nothing is known. */
	snprintf(cmd, sizeof(cmd), "'%s' kpi --year 2025 --by unit --format json --db '%s'",
		 tu_sxsh(), path);
	assert_int_equal(tu_run(cmd, &out, &errs), 0);
	assert_non_null(
	    strstr(out, "\"plan\": \"78/KH-UBND\",\n  \"year\": 2025,\n  \"indicators\""));
	assert_non_null(strstr(out, "\"code\": \"xa-thu-nghiem\""));
	assert_non_null(strstr(out, "\"share\": null"));
	/* No target in 2025: null target and nothing compared. */
	assert_non_null(strstr(out, "\"target_pct\": null"));
	assert_non_null(strstr(out, "\"compared_with\": null"));
	assert_null(strstr(out, "\"target_met\": false"));
	free(out);
	free(errs);

	/* Table, 2024 (districts): Vietnamese numbers; a year without reports prints zeros. */
	snprintf(cmd, sizeof(cmd), "'%s' kpi --year 2024 --by unit --db '%s'", tu_sxsh(), path);
	assert_int_equal(tu_run(cmd, &out, &errs), 0);
	assert_non_null(strstr(out, "Đang hoạt động"));
	/* Rạch Giá aware 2 of 4 active = 50,0 %, 2/3 = 66,7 % of known, coverage 3/4. */
	assert_non_null(strstr(out, "50,0 % (2/4) | 66,7 % (2/3) | 75,0 %"));
	/* 2024 is outside the plan's 2016-2020 targets: no target, and how to load one. */
	assert_non_null(strstr(out, "Kế hoạch 78/KH-UBND không đặt mục tiêu cho năm 2024 / Plan "
				    "78/KH-UBND sets no target for 2024"));
	assert_non_null(strstr(out, "data/plan_targets.csv"));
	free(out);
	free(errs);
	snprintf(cmd, sizeof(cmd), "'%s' kpi --year 2030 --db '%s'", tu_sxsh(), path);
	assert_int_equal(tu_run(cmd, &out, &errs), 0);
	/* 2030: 8 active, nothing known: share "—", coverage 0,0 %. */
	assert_non_null(strstr(out, "—"));
	assert_non_null(strstr(out, "0,0 %"));
	free(out);
	free(errs);

	/* Errors: unknown plan 1; bad --by, bad --format, missing --year 2. */
	static const struct {
		const char *args;
		int rc;
	} bad[] = {{"--year 2025 --plan 9/XX", 1},
		   {"--year 2025 --by district", 2},
		   {"--year 2025 --format xml", 2},
		   {"--by unit", 2},
		   {"--year 20x5", 2}};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(cmd, sizeof(cmd), "'%s' kpi %s --db '%s'", tu_sxsh(), bad[i].args, path);
		assert_int_equal(tu_run(cmd, &out, &errs), bad[i].rc);
		free(out);
		free(errs);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_energy_toe),
	    cmocka_unit_test(test_energy_factor_pick_and_saving),
	    cmocka_unit_test(test_kpi_years),
	    cmocka_unit_test(test_kpi_only_accepted),
	    cmocka_unit_test(test_kpi_by_unit),
	    cmocka_unit_test(test_kpi_errors_and_ranges),
	    cmocka_unit_test(test_kpi_sparse_ids),
	    cmocka_unit_test(test_stats_cli),
	    cmocka_unit_test(test_kpi_breakdowns),
	    cmocka_unit_test(test_kpi_plan_baseline),
	    cmocka_unit_test(test_kpi_shares_and_targets),
	    cmocka_unit_test(test_kpi_cp_unit),
	    cmocka_unit_test(test_kpi_saving_rule),
	    cmocka_unit_test(test_kpi_unit_reform),
	    cmocka_unit_test(test_kpi_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
