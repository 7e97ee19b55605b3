/*
 * Unit tests for model/refdata: the embedded data/NAME.csv files load into a
 * fresh database, loading twice changes no row count, specific values read
 * back exactly as DOMAIN.md gives them, a corrected CSV value replaces the
 * stored one, and a malformed row is reported as FILE:LINE: column: reason
 * with nothing committed.
 *
 * The expected row counts were counted from the files, independently of
 * sxsh, with `grep -c '' data/NAME.csv` minus the header line (no field in
 * these files spans lines).
 */
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
#include "model/registry/refdata.h"
#include "testutil.h"

/* Rows per table: grep -c '' data/NAME.csv, minus 1 for the header. */
static const int64_t expected_counts[REFDATA__MAX] = {
    [REFDATA_UNIT] = 15,	   /* units.csv: 16 lines */
    [REFDATA_SECTOR] = 29,	   /* sectors.csv: 30 lines (C, D, 10 divisions, 17 classes) */
    [REFDATA_PRODUCT] = 29,	   /* products.csv: 30 lines */
    [REFDATA_CARRIER] = 15,	   /* carriers.csv: 16 lines */
    [REFDATA_CARRIER_FACTOR] = 19, /* carrier_factors.csv: 20 lines */
    [REFDATA_GRID_FACTOR] = 11,	   /* grid_factors.csv: 12 lines, years 2014..2024 */
    [REFDATA_NORM] = 33,	   /* norms.csv: 34 lines = 10 beer/drinks + 14 steel
				      + 7 paper + 2 seafood */
    [REFDATA_ADMIN_UNIT] = 17,	   /* admin_units.csv: 18 lines = 2 provinces + 15 districts */
    [REFDATA_PLAN] = 2,		   /* plans.csv: 3 lines */
    [REFDATA_PLAN_TARGET] = 17,	   /* plan_targets.csv: 18 lines = 8 (78/KH-UBND)
				      + 9 (1419/QĐ-TTg) */
};

/* The 15 district-level units of Kiên Giang before 1/7/2025 (DOMAIN.md §7). */
static const char *const districts[] = {
    "rach-gia", "ha-tien",    "phu-quoc",    "kien-luong",    "hon-dat",
    "tan-hiep", "chau-thanh", "giong-rieng", "go-quao",	      "an-bien",
    "an-minh",	"vinh-thuan", "kien-hai",    "u-minh-thuong", "giang-thanh",
};

static struct db *
loaded_db(const char *name)
{
	struct db *db = fx_db_new(name, NULL);
	return db;
}

static int64_t
generation(struct db *db)
{
	int64_t g = -1;
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &g), DB_OK);
	return g;
}

static void
assert_counts(struct db *db, const int64_t want[REFDATA__MAX])
{
	int64_t got[REFDATA__MAX];
	assert_int_equal(refdata_counts(db, got), 0);
	for (int t = 0; t < REFDATA__MAX; t++)
		if (got[t] != want[t])
			fail_msg("table %s: %lld rows, expected %lld", refdata_table_name(t),
				 (long long)got[t], (long long)want[t]);
}

static void
test_load_twice(void **state)
{
	(void)state;
	char err[512];
	struct db *db = tu_db_new("twice.db");
	int64_t g0 = generation(db);
	assert_int_equal(refdata_load(db, err, sizeof(err)), 0);
	assert_counts(db, expected_counts);
	assert_int_equal(generation(db), g0 + 1);
	assert_int_equal(refdata_load(db, err, sizeof(err)), 0);
	assert_counts(db, expected_counts);
	assert_int_equal(generation(db), g0 + 2);
	db_close(db);
}

static void
test_factors(void **state)
{
	(void)state;
	struct db *db = loaded_db("factors.db");
	struct refdata_factor f;

	assert_int_equal(refdata_factor_get(db, "electricity", "kWh", "2020-06-30", &f), DB_OK);
	assert_true(f.has_toe && f.toe == 0.0001543); /* 0.1543 TOE/MWh, DOMAIN §1 */
	assert_true(f.has_gj && f.gj == 0.0036);      /* 3.6 MJ per kWh */
	assert_false(f.has_kgco2);		      /* the grid factor of the year applies */

	assert_int_equal(refdata_factor_get(db, "do", "t", "2020-06-30", &f), DB_OK);
	assert_true(f.toe == 1.02);
	assert_true(f.gj == 43.0);	/* IPCC NCV 43.0 MJ/kg = GJ/t */
	assert_true(f.kgco2 == 3186.3); /* 43.0 GJ/t × 74,100 kg/TJ / 1000 = 3,186.3 */
	assert_int_equal(f.reliability, 'S');

	assert_int_equal(refdata_factor_get(db, "do", "kL", "2020-06-30", &f), DB_OK);
	assert_true(f.toe == 0.88);
	/* 43.0 × 0.88 / 1.02 = 37.098 GJ per kL, derived, so uncertain. */
	assert_float_equal(f.gj, 37.098, 1e-3);
	assert_int_equal(f.reliability, '?');

	assert_int_equal(refdata_factor_get(db, "coal_5_6", "t", "2020-06-30", &f), DB_OK);
	assert_true(f.toe == 0.50);
	assert_int_equal(f.reliability, '?');
	assert_non_null(strstr(f.note, "0.60")); /* the DoIT notice's figure is kept in the note */
	/* Coal's heating value follows its TOE factor: 0.50 TOE/t x 41.868 GJ/TOE
	 * = 20.934 GJ/t; CO2 20.934 GJ/t x 98,300 kg/TJ / 1000 = 2,057.8122 kg/t. */
	assert_true(f.gj == 20.934);
	assert_true(f.kgco2 == 2057.8122);
	assert_int_equal(refdata_factor_get(db, "coal_3_4", "t", "2020-06-30", &f), DB_OK);
	assert_true(f.toe == 0.60);
	assert_true(f.gj == 25.1208);	    /* 0.60 x 41.868 */
	assert_true(f.kgco2 == 2469.37464); /* 25.1208 x 98.3 */
	assert_int_equal(refdata_factor_get(db, "coal_1_2", "t", "2020-06-30", &f), DB_OK);
	assert_true(f.toe == 0.70);
	assert_true(f.gj == 29.3076);	    /* 0.70 x 41.868 */
	assert_true(f.kgco2 == 2880.93708); /* 29.3076 x 98.3 */

	assert_int_equal(refdata_factor_get(db, "coke", "t", "2020-06-30", &f), DB_OK);
	assert_true(f.toe == 0.725); /* midpoint of 0.70–0.75 */
	assert_int_equal(f.reliability, '?');

	/* Rice husk: 11.6 GJ/t / 41.868 GJ/TOE = 0.27706 TOE/t, stored as 0.2771. */
	assert_int_equal(refdata_factor_get(db, "rice_husk", "t", "2020-06-30", &f), DB_OK);
	assert_float_equal(f.toe, 11.6 / 41.868, 1e-4);
	assert_true(f.kgco2 == 1160.0);	    /* 11.6 × 100,000 / 1000, biogenic */
	assert_int_equal(f.toe_derived, 1); /* derived from the NCV, not a legal factor */
	assert_int_equal(refdata_factor_get(db, "wood", "t", "2020-06-30", &f), DB_OK);
	assert_float_equal(f.toe, 15.6 / 41.868, 1e-4); /* 0.37260 TOE/t, stored 0.3726 */
	assert_int_equal(f.toe_derived, 1);
	/* The legal factors of Công văn 3505/BCT-KHCN are not derived. */
	assert_int_equal(refdata_factor_get(db, "coal_5_6", "t", "2020-06-30", &f), DB_OK);
	assert_int_equal(f.toe_derived, 0);
	assert_int_equal(refdata_factor_get(db, "electricity", "kWh", "2020-06-30", &f), DB_OK);
	assert_int_equal(f.toe_derived, 0);

	/* Bagasse and steam have no factor: stored empty, never zero. */
	assert_int_equal(refdata_factor_get(db, "bagasse", "t", "2020-06-30", &f), DB_OK);
	assert_false(f.has_toe);
	assert_false(f.has_gj);
	assert_int_equal(refdata_factor_get(db, "steam", "t", "2020-06-30", &f), DB_OK);
	assert_false(f.has_toe);

	/* The TOE table is valid from 19/4/2011 (Công văn 3505/BCT-KHCN). */
	assert_int_equal(refdata_factor_get(db, "do", "t", "2011-04-18", &f), DB_NOTFOUND);
	assert_int_equal(refdata_factor_get(db, "do", "t", "2011-04-19", &f), DB_OK);
	/* Factors are per unit given: MWh is converted through unit.to_base first. */
	assert_int_equal(refdata_factor_get(db, "electricity", "MWh", "2020-06-30", &f),
			 DB_NOTFOUND);
	db_close(db);
}

static void
test_grid_and_norms(void **state)
{
	(void)state;
	struct db *db = loaded_db("norms.db");
	double g;
	char rel;
	struct refdata_norm n;

	assert_int_equal(refdata_grid_get(db, 2019, &g, &rel), DB_OK);
	assert_true(g == 0.8458);
	assert_int_equal(rel, 'S');
	assert_int_equal(refdata_grid_get(db, 2024, &g, &rel), DB_OK);
	assert_true(g == 0.681);
	assert_int_equal(rel, '?'); /* a study reported in news, not the DCC figure */
	assert_int_equal(refdata_grid_get(db, 2013, &g, &rel), DB_NOTFOUND);

	/* 500,000 hl = 50 M L a year: the 20–100 M L band; 2021–2025 value 196 MJ/hl. */
	assert_int_equal(refdata_norm_get(db, "beer", 500000, 500000, "2023-06-30", &n), DB_OK);
	assert_true(n.value == 196);
	assert_string_equal(n.energy_unit, "MJ");
	assert_string_equal(n.per_unit, "hl");
	assert_string_equal(n.legal_ref, "TT 19/2016/TT-BCT");
	/* The same brewery in 2018 (period to 2020): 215 MJ/hl. */
	assert_int_equal(refdata_norm_get(db, "beer", 500000, 500000, "2018-06-30", &n), DB_OK);
	assert_true(n.value == 215);
	/* 150,000 hl = 15 M L < 20 M L: 286 MJ/hl in 2021–2025. */
	assert_int_equal(refdata_norm_get(db, "beer", 150000, 150000, "2023-06-30", &n), DB_OK);
	assert_true(n.value == 286);
	/* 2,000,000 hl = 200 M L > 100 M L: 129 MJ/hl. */
	assert_int_equal(refdata_norm_get(db, "beer", 2000000, 2000000, "2023-06-30", &n), DB_OK);
	assert_true(n.value == 129);

	/* Seafood, plants of at least 300 t a year: shrimp 2,050 kWh/t to 2025. */
	assert_int_equal(refdata_norm_get(db, "frozen_shrimp", 1000, 1000, "2020-06-30", &n),
			 DB_OK);
	assert_true(n.value == 2050);
	assert_string_equal(n.energy_unit, "kWh");
	assert_int_equal(refdata_norm_get(db, "frozen_catfish", 300, 300, "2024-01-01", &n), DB_OK);
	assert_true(n.value == 1050);
	assert_int_equal(refdata_norm_get(db, "frozen_shrimp", 200, 200, "2020-06-30", &n),
			 DB_NOTFOUND); /* below 300 t */
	assert_int_equal(refdata_norm_get(db, "frozen_shrimp", 1000, 1000, "2026-01-01", &n),
			 DB_NOTFOUND); /* 2026–2030 values unknown: no row */
	/* TT 52/2018 bands the plant, not the product: 200 t of shrimp in a
	 * plant making 200 t of shrimp + 150 t of catfish = 350 t (>= 300 t)
	 * gets the shrimp norm, and the 150 t of catfish the catfish norm. */
	assert_int_equal(refdata_norm_get(db, "frozen_shrimp", 200, 350, "2020-06-30", &n), DB_OK);
	assert_true(n.value == 2050);
	assert_int_equal(n.band_plant, 1);
	assert_int_equal(refdata_norm_get(db, "frozen_catfish", 150, 350, "2020-06-30", &n), DB_OK);
	assert_true(n.value == 1050);
	/* A plant of 299 t in all is outside the band whatever its products. */
	assert_int_equal(refdata_norm_get(db, "frozen_catfish", 299, 299, "2020-06-30", &n),
			 DB_NOTFOUND);
	/* Beer is banded by the beer's own output: 150,000 hl (< 200,000) keeps
	 * 286 MJ/hl even if the plant's class output were 2,000,000 hl. */
	assert_int_equal(refdata_norm_get(db, "beer", 150000, 2000000, "2023-06-30", &n), DB_OK);
	assert_true(n.value == 286);
	assert_int_equal(n.band_plant, 0);

	/* Steel, EAF billet: 2,600 MJ/t to 2020, 2,500 in 2021–2025. */
	assert_int_equal(refdata_norm_get(db, "billet_eaf", 1, 1, "2019-01-01", &n), DB_OK);
	assert_true(n.value == 2600);
	assert_int_equal(refdata_norm_get(db, "billet_eaf", 1, 1, "2022-01-01", &n), DB_OK);
	assert_true(n.value == 2500);
	/* Paper, packaging 10–50 kt a year: 6,744 MJ/t. */
	assert_int_equal(refdata_norm_get(db, "paper_packaging", 20000, 20000, "2022-01-01", &n),
			 DB_OK);
	assert_true(n.value == 6744);
	db_close(db);
}

static void
test_admin_units(void **state)
{
	(void)state;
	struct db *db = loaded_db("admin.db");
	struct refdata_admin_unit u;

	assert_int_equal(sizeof(districts) / sizeof(districts[0]), 15);
	for (size_t i = 0; i < 15; i++) {
		assert_int_equal(refdata_admin_unit_get(db, districts[i], &u), DB_OK);
		assert_string_equal(u.level, "district");
		assert_string_equal(u.valid_to, "2025-06-30");
		assert_string_equal(u.parent, "kien-giang");
		assert_string_equal(u.successor, "an-giang-2025");
		assert_string_equal(u.kind, i < 3 ? "thành phố" : "huyện");
	}
	assert_int_equal(refdata_admin_unit_get(db, "rach-gia", &u), DB_OK);
	assert_string_equal(u.name, "Thành phố Rạch Giá");
	assert_int_equal(refdata_admin_unit_get(db, "kien-giang", &u), DB_OK);
	assert_string_equal(u.level, "province");
	assert_string_equal(u.valid_to, "2025-06-30");
	assert_string_equal(u.successor, "an-giang-2025");
	assert_int_equal(refdata_admin_unit_get(db, "an-giang-2025", &u), DB_OK);
	assert_string_equal(u.name, "Tỉnh An Giang");
	assert_string_equal(u.valid_from, "2025-07-01");
	assert_string_equal(u.valid_to, "");
	assert_string_equal(u.successor, "");
	db_close(db);
}

static void
test_plan_targets(void **state)
{
	(void)state;
	struct db *db = loaded_db("plans.db");
	struct refdata_target t;

	assert_int_equal(refdata_target_get(db, "78/KH-UBND", "aware", 2020, NULL, &t), DB_OK);
	assert_true(t.value == 50);
	assert_int_equal(t.from_year, 2016);
	assert_string_equal(t.unit, "%");
	assert_int_equal(t.reliability, 'L');
	assert_false(t.has_value_max);
	assert_int_equal(refdata_target_get(db, "78/KH-UBND", "applies_cp", 2020, NULL, &t), DB_OK);
	assert_true(t.value == 25);
	assert_int_equal(refdata_target_get(db, "78/KH-UBND", "saving_per_unit", 2020, NULL, &t),
			 DB_OK);
	assert_true(t.value == 5 && t.has_value_max && t.value_max == 8); /* 5–8 % */
	assert_int_equal(refdata_target_get(db, "78/KH-UBND", "pilot_models", 2015, NULL, &t),
			 DB_OK);
	assert_true(t.value == 1);
	assert_string_equal(t.unit, "count");
	/* National strategy: 90 % of medium and large firms with a CP unit by 2020. */
	assert_int_equal(
	    refdata_target_get(db, "1419/QĐ-TTg", "cp_unit", 2020, "size=medium,large", &t), DB_OK);
	assert_true(t.value == 90);
	assert_int_equal(t.reliability, 'S');
	assert_int_equal(refdata_target_get(db, "1419/QĐ-TTg", "cp_unit", 2020, NULL, &t),
			 DB_NOTFOUND);
	assert_int_equal(refdata_target_get(db, "1419/QĐ-TTg", "aware", 2015, NULL, &t), DB_OK);
	assert_true(t.value == 50);
	assert_int_equal(refdata_target_get(db, "1419/QĐ-TTg", "aware", 2020, NULL, &t), DB_OK);
	assert_true(t.value == 90);
	db_close(db);
}

/* Loads text as file name, expecting failure with exactly the message want. */
static void
expect_error(struct db *db, const char *name, const char *text, const char *want)
{
	char err[512] = "";
	assert_int_equal(refdata_load_file(db, name, text, strlen(text), err, sizeof(err)), -1);
	assert_string_equal(err, want);
}

static void
test_bad_rows(void **state)
{
	(void)state;
	struct db *db = loaded_db("bad.db");
	struct refdata_factor f;
	int64_t g = generation(db);
	const char *hdr = "carrier_code,unit,toe_per_unit,gj_per_unit,kgco2_per_unit,valid_from,"
			  "valid_to,source,reliability,note,toe_derived\n";
	char text[2048];

	/* Line 2 is a good correction, line 3 is bad: neither may be committed. */
	snprintf(text, sizeof(text),
		 "%selectricity,kWh,0.0002,0.0036,,2011-04-19,,x,S,,0\n"
		 "do,t,abc,43.0,3186.3,2011-04-19,,x,S,,0\n",
		 hdr);
	expect_error(
	    db, "carrier_factors.csv", text,
	    "data/carrier_factors.csv:3: toe_per_unit: không phải số / not a number: 'abc'");

	/* A quoted note spanning lines 2–3 and a blank line 4: the bad row is on line 5. */
	snprintf(text, sizeof(text),
		 "%selectricity,kWh,0.0002,0.0036,,2011-04-19,,x,S,\"two\nlines\",0\n\n"
		 "do,t,1.02,43.0,3186.3,2011-04-19,,x,X,,0\n",
		 hdr);
	expect_error(db, "data/carrier_factors.csv", text,
		     "data/carrier_factors.csv:5: reliability: độ tin cậy phải là L, S hoặc ? / "
		     "reliability must be L, S or ?: 'X'");

	/* CRLF line ends count once. */
	snprintf(
	    text, sizeof(text),
	    "carrier_code,unit,toe_per_unit,gj_per_unit,kgco2_per_unit,valid_from,valid_to,"
	    "source,reliability,note,toe_derived\r\ndo,t,1.02,43.0,3186.3,2011-04-19,,x,S,,0\r\n"
	    "do,t,1.02,43.0,3186.3,2011-4-19,,x,S,,0\r\n");
	expect_error(db, "carrier_factors.csv", text,
		     "data/carrier_factors.csv:3: valid_from: ngày phải có dạng yyyy-mm-dd / date "
		     "must be yyyy-mm-dd: '2011-4-19'");

	expect_error(db, "grid_factors.csv", "year,tco2,source,reliability\n2019,1,x,S\n",
		     "data/grid_factors.csv:1: dòng tiêu đề phải là / the header must be: "
		     "year,tco2_per_mwh,source,reliability");
	expect_error(db, "grid_factors.csv",
		     "year,tco2_per_mwh,source,reliability\n2019,1,x,S\n2020,1,x\n",
		     "data/grid_factors.csv:3: có 3 cột, cần 4 / has 3 columns, expected 4");
	expect_error(db, "grid_factors.csv", "year,tco2_per_mwh,source,reliability\n2019,,x,S\n",
		     "data/grid_factors.csv:2: tco2_per_mwh: thiếu giá trị / value required");
	expect_error(db, "grid_factors.csv",
		     "year,tco2_per_mwh,source,reliability\n2019,1,\"x\"y,S\n",
		     "data/grid_factors.csv:2: CSV sai cú pháp / malformed CSV: error parsing data "
		     "while strict checking enabled");
	expect_error(db, "plan_targets.csv",
		     "plan_code,indicator,value,value_max,unit,from_year,by_year,scope_filter,note,"
		     "source,reliability\n99/KH-UBND,aware,50,,%,2016,2020,,,x,L\n",
		     "data/plan_targets.csv:2: plan_code: không có kế hoạch / unknown plan "
		     "'99/KH-UBND'");
	expect_error(db, "units.txt", "x",
		     "data/units.txt: không phải tệp dữ liệu tham chiếu / "
		     "not a reference data file");
	/* A check constraint of the schema: to_base must be positive. */
	char err[512];
	const char *zero = "code,name_vi,name_en,dimension,to_base\nt,tấn,tonne,mass,0\n";
	assert_int_equal(refdata_load_file(db, "units.csv", zero, strlen(zero), err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "data/units.csv:2: "));

	/* Nothing above was committed. */
	assert_counts(db, expected_counts);
	assert_int_equal(generation(db), g);
	assert_int_equal(refdata_factor_get(db, "electricity", "kWh", "2020-06-30", &f), DB_OK);
	assert_true(f.toe == 0.0001543);
	db_close(db);
}

static void
test_correction(void **state)
{
	(void)state;
	char err[512];
	struct db *db = loaded_db("fix.db");
	double g;
	struct refdata_norm n;
	const char *grid = "year,tco2_per_mwh,source,reliability\n2019,0.85,corrected,S\n";
	/* The beer band below 200,000 hl has an empty band_min: the NULL key must match. */
	const char *norm =
	    "product_code,band_min,band_max,valid_from,valid_to,value,energy_unit,"
	    "per_unit,legal_ref,source,reliability,note,band_plant\n"
	    "beer,,200000,2021-01-01,2025-12-31,300,MJ,hl,TT 19/2016/TT-BCT,x,L,,0\n";

	assert_int_equal(
	    refdata_load_file(db, "grid_factors.csv", grid, strlen(grid), err, sizeof(err)), 0);
	assert_int_equal(refdata_load_file(db, "norms.csv", norm, strlen(norm), err, sizeof(err)),
			 0);
	assert_int_equal(refdata_grid_get(db, 2019, &g, NULL), DB_OK);
	assert_true(g == 0.85);
	assert_int_equal(refdata_norm_get(db, "beer", 150000, 150000, "2023-06-30", &n), DB_OK);
	assert_true(n.value == 300);
	assert_counts(db, expected_counts); /* updated in place, not added */

	/* Loading the shipped files again restores the shipped values. */
	assert_int_equal(refdata_load(db, err, sizeof(err)), 0);
	assert_int_equal(refdata_grid_get(db, 2019, &g, NULL), DB_OK);
	assert_true(g == 0.8458);
	assert_int_equal(refdata_norm_get(db, "beer", 150000, 150000, "2023-06-30", &n), DB_OK);
	assert_true(n.value == 286);
	assert_counts(db, expected_counts);
	db_close(db);
}

/*
 * The default plan is data: plans.csv flags it.  A file flagging another
 * plan moves the flag (the shipped 78/KH-UBND first, then 1419/QĐ-TTg, a
 * plan the file flags after one it clears); a file flagging two plans is
 * refused whole; a file flagging none leaves no default.
 */
static void
test_default_plan(void **state)
{
	(void)state;
	char err[512], code[REFDATA_PLAN_CODE_MAX];
	struct db *db = loaded_db("default.db");
	static const char head[] =
	    "code,title_vi,title_en,issuer,issued_on,start_year,end_year,scope,source,is_default\n";
	char text[1024];

	assert_int_equal(refdata_default_plan(db, code, sizeof(code)), 0);
	assert_string_equal(code, "78/KH-UBND");

	snprintf(text, sizeof(text),
		 "%s78/KH-UBND,KH,Plan,UBND,2013-03-15,2014,2020,province,x,0\n"
		 "1419/QĐ-TTg,CL,Strategy,TTg,2009-09-07,2010,2020,national,y,1\n",
		 head);
	assert_int_equal(refdata_load_file(db, "plans.csv", text, strlen(text), err, sizeof(err)),
			 0);
	assert_int_equal(refdata_default_plan(db, code, sizeof(code)), 0);
	assert_string_equal(code, "1419/QĐ-TTg");
	assert_counts(db, expected_counts); /* updated in place, not added */

	/* The flag moves back to a plan that comes first in the file. */
	snprintf(text, sizeof(text),
		 "%s78/KH-UBND,KH,Plan,UBND,2013-03-15,2014,2020,province,x,1\n"
		 "1419/QĐ-TTg,CL,Strategy,TTg,2009-09-07,2010,2020,national,y,0\n",
		 head);
	assert_int_equal(refdata_load_file(db, "plans.csv", text, strlen(text), err, sizeof(err)),
			 0);
	assert_int_equal(refdata_default_plan(db, code, sizeof(code)), 0);
	assert_string_equal(code, "78/KH-UBND");

	/* Two flagged plans: refused, nothing changed. */
	snprintf(text, sizeof(text),
		 "%s78/KH-UBND,KH,Plan,UBND,2013-03-15,2014,2020,province,x,1\n"
		 "1419/QĐ-TTg,CL,Strategy,TTg,2009-09-07,2010,2020,national,y,1\n",
		 head);
	assert_int_equal(refdata_load_file(db, "plans.csv", text, strlen(text), err, sizeof(err)),
			 -1);
	assert_non_null(strstr(err, "data/plans.csv:3: "));
	assert_int_equal(refdata_default_plan(db, code, sizeof(code)), 0);
	assert_string_equal(code, "78/KH-UBND");

	/* A flag must be 0 or 1. */
	snprintf(text, sizeof(text),
		 "%s78/KH-UBND,KH,Plan,UBND,2013-03-15,2014,2020,province,x,2\n", head);
	expect_error(db, "plans.csv", text,
		     "data/plans.csv:2: is_default: phải là 0 hoặc 1 / must be 0 or 1: '2'");

	/* None flagged: no default plan. */
	snprintf(text, sizeof(text),
		 "%s78/KH-UBND,KH,Plan,UBND,2013-03-15,2014,2020,province,x,0\n"
		 "1419/QĐ-TTg,CL,Strategy,TTg,2009-09-07,2010,2020,national,y,0\n",
		 head);
	assert_int_equal(refdata_load_file(db, "plans.csv", text, strlen(text), err, sizeof(err)),
			 0);
	assert_int_equal(refdata_default_plan(db, code, sizeof(code)), -1);
	assert_string_equal(code, "");
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_load_twice),	   cmocka_unit_test(test_factors),
	    cmocka_unit_test(test_grid_and_norms), cmocka_unit_test(test_admin_units),
	    cmocka_unit_test(test_plan_targets),   cmocka_unit_test(test_bad_rows),
	    cmocka_unit_test(test_correction),	   cmocka_unit_test(test_default_plan),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
