/*
 * Unit tests for model/calc: one energy line to TOE, GJ and CO2
 * (calc_energy_line, calc_from_gj), figures kept and compared to 10^-6
 * (exact), the least-squares baseline and
 * normalised saving (regression), and quantiles, percentile ranks and IQR
 * fences (stats).  The factors are the reference data's own (DOMAIN.md §1,
 * §6, §9); every expected value is worked out by hand beside it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/calc/energy.h"
#include "model/calc/exact.h"
#include "model/calc/regression.h"
#include "model/calc/stats.h"

static const struct calc_unit units[] = {
    {"kWh", "electricity", 1}, {"MWh", "electricity", 1000},
    {"GJ", "energy", 1},       {"MJ", "energy", 0.001},
    {"t", "mass", 1},	       {"kg", "mass", 0.001},
    {"kL", "volume", 1},       {"L", "volume", 0.001},
};

static const struct calc_factor factors[] = {
    {"electricity", "kWh", 0.0001543, 20110419, 0, 0.0036, NAN},
    {"do", "t", 1.02, 20110419, 0, 43.0, 3186.3},
    {"do", "kL", 0.88, 20110419, 0, 37.098, 2748.96},
    {"rice_husk", "t", 0.2771, 20110419, 0, 11.6, 1160},
    {"coke", "t", 0.725, 20110419, 0, NAN, NAN},
};

static const struct calc_carrier carriers[] = {
    {"electricity", "electricity", 0},
    {"do", "fuel", 0},
    {"rice_husk", "biomass", 1},
    {"coke", "fuel", 0},
};

static const struct calc_grid grid[] = {{2019, 0.8458}, {2020, 0.8041}};

static const struct calc_tables tables = {
    units,    sizeof(units) / sizeof(units[0]),	      factors, sizeof(factors) / sizeof(factors[0]),
    carriers, sizeof(carriers) / sizeof(carriers[0]), grid,    sizeof(grid) / sizeof(grid[0]),
};

static void
test_line_electricity(void **state)
{
	(void)state;
	struct calc_energy e;
	assert_int_equal(calc_energy_line(&tables, "electricity", "kWh", 1000000, 2019, &e), 0);
	assert_float_equal(e.toe, 154.3, 1e-9);	  /* 1,000,000 x 0.0001543 */
	assert_float_equal(e.gj, 3600.0, 1e-9);	  /* 1,000,000 x 0.0036 */
	assert_float_equal(e.co2_t, 845.8, 1e-9); /* 1,000 MWh x 0.8458 t/MWh */
	assert_float_equal(e.co2_bio_t, 0.0, 0);
	/* 2 MWh in 2019: 2 x 0.8458 = 1.6916 t CO2; 2,000 kWh x 0.0001543 = 0.3086 TOE. */
	assert_int_equal(calc_energy_line(&tables, "electricity", "MWh", 2, 2019, &e), 0);
	assert_float_equal(e.co2_t, 1.6916, 1e-12);
	assert_float_equal(e.toe, 0.3086, 1e-12);
	/* The same 2 MWh in 2020: 2 x 0.8041 = 1.6082. */
	assert_int_equal(calc_energy_line(&tables, "electricity", "MWh", 2, 2020, &e), 0);
	assert_float_equal(e.co2_t, 1.6082, 1e-12);
}

static void
test_line_fuels(void **state)
{
	(void)state;
	struct calc_energy e;
	/* 100 t DO: 100 x 1.02 = 102 TOE; 100 x 43.0 = 4,300 GJ;
	 * 4,300 GJ x 74,100 kg/TJ = 4.3 TJ x 74,100 = 318,630 kg = 318.63 t. */
	assert_int_equal(calc_energy_line(&tables, "do", "t", 100, 2019, &e), 0);
	assert_float_equal(e.toe, 102.0, 1e-9);
	assert_float_equal(e.gj, 4300.0, 1e-9);
	assert_float_equal(e.co2_t, 318.63, 1e-9);
	/* 5,000 L DO = 5 kL: 5 x 0.88 = 4.4 TOE (the per-kL factor, not the per-t one). */
	assert_int_equal(calc_energy_line(&tables, "do", "L", 5000, 2019, &e), 0);
	assert_float_equal(e.toe, 4.4, 1e-12);
	/* 10 t rice husk: biogenic 11.6 GJ/t x 10 t x 100,000 kg/TJ / 1e6 = 11.6 t CO2,
	 * kept apart: fossil CO2 0.  GJ 116; TOE 10 x 0.2771 = 2.771. */
	assert_int_equal(calc_energy_line(&tables, "rice_husk", "t", 10, 2019, &e), 0);
	assert_float_equal(e.co2_bio_t, 11.6, 1e-9);
	assert_float_equal(e.co2_t, 0.0, 0);
	assert_float_equal(e.gj, 116.0, 1e-9);
	assert_float_equal(e.toe, 2.771, 1e-12);
}

static void
test_line_errors(void **state)
{
	(void)state;
	struct calc_energy e;
	/* Coke has a TOE factor but no heating value or CO2 factor: 100 x 0.725 = 72.5. */
	assert_int_equal(calc_energy_line(&tables, "coke", "t", 100, 2019, &e),
			 CALC_F_GJ | CALC_F_CO2);
	assert_float_equal(e.toe, 72.5, 1e-9);
	assert_true(isnan(e.gj) && isnan(e.co2_t)); /* never zero */
	/* No grid factor for 2025. */
	assert_int_equal(calc_energy_line(&tables, "electricity", "kWh", 10, 2025, &e),
			 CALC_F_GRID);
	assert_true(isnan(e.co2_t));
	/* An unknown unit fails everything. */
	assert_int_equal(calc_energy_line(&tables, "do", "BTU", 10, 2019, &e),
			 CALC_F_UNIT | CALC_F_TOE | CALC_F_GJ | CALC_F_CO2);
	assert_true(isnan(e.toe));
	/* Electricity in tonnes: no factor of the mass dimension, so the unit is wrong. */
	assert_true(calc_energy_line(&tables, "electricity", "t", 10, 2019, &e) & CALC_F_UNIT);
	/* A factor not yet valid: DO in 2005 (factors from 19/4/2011). */
	assert_true(calc_energy_line(&tables, "do", "t", 10, 2005, &e) & CALC_F_TOE);
	assert_false(calc_energy_line(&tables, "do", "t", 10, 2005, &e) & CALC_F_UNIT);
	/* An unknown carrier. */
	assert_int_equal(calc_energy_line(&tables, "plasma", "t", 1, 2019, &e),
			 CALC_F_TOE | CALC_F_GJ | CALC_F_CO2);
	/* Each calc_rc has its message; an unknown value, the generic one. */
	assert_int_equal(calc_msg(CALC_OK), MSG_ST_OK);
	assert_int_equal(calc_msg(CALC_E_UNIT), MSG_CALC_UNIT);
	assert_int_equal(calc_msg(CALC_E_CO2), MSG_CALC_CO2);
	assert_int_equal(calc_msg(-7), MSG_CALC_UNKNOWN);
	assert_int_equal(calc_msg(1), MSG_CALC_UNKNOWN);
	assert_int_equal(calc_msg(CALC_E_GRID), MSG_CALC_GRID);
	assert_string_equal(msg_template(MSG_CALC_GRID, LANG_VI),
			    "thiếu hệ số phát thải lưới điện của năm");
	assert_string_equal(msg_template(MSG_CALC_GRID, LANG_EN),
			    "missing grid emission factor for the year");
}

static void
test_from_gj(void **state)
{
	(void)state;
	double v = 0;
	const size_t n = sizeof(units) / sizeof(units[0]);
	assert_int_equal(calc_from_gj(3.6, "kWh", units, n, &v), CALC_OK);
	assert_float_equal(v, 1000.0, 1e-9); /* 3.6 GJ / 0.0036 GJ/kWh */
	assert_int_equal(calc_from_gj(2, "MJ", units, n, &v), CALC_OK);
	assert_float_equal(v, 2000.0, 1e-9); /* 2 GJ x 1,000 */
	assert_int_equal(calc_from_gj(36, "MWh", units, n, &v), CALC_OK);
	assert_float_equal(v, 10.0, 1e-9); /* 36 / 0.0036 = 10,000 kWh = 10 MWh */
	assert_int_equal(calc_from_gj(1, "t", units, n, &v), CALC_E_DIMENSION);
	assert_int_equal(calc_from_gj(1, "BTU", units, n, &v), CALC_E_UNIT);
}

static void
test_regression(void **state)
{
	(void)state;
	/* P = 1..5, E = 5, 9, 10, 13, 18.  mean P = 3, mean E = 55 / 5 = 11;
	 * P - 3 = -2, -1, 0, 1, 2; E - 11 = -6, -2, -1, 2, 7;
	 * Sxy = 12 + 2 + 0 + 2 + 14 = 30, Sxx = 4 + 1 + 0 + 1 + 4 = 10: b = 3,
	 * a = 11 - 3 x 3 = 2.  Fitted 5, 8, 11, 14, 17; residuals 0, 1, -1, -1, 1:
	 * SS_res = 4; SS_tot = 36 + 4 + 1 + 4 + 49 = 94; R² = 1 - 4/94 = 45/47. */
	const double p[] = {1, 2, 3, 4, 5}, e[] = {5, 9, 10, 13, 18};
	struct calc_linfit m;
	assert_int_equal(calc_linfit(p, e, 5, &m), 0);
	assert_float_equal(m.b, 3.0, 1e-12);
	assert_float_equal(m.a, 2.0, 1e-12);
	assert_float_equal(m.r2, 45.0 / 47.0, 1e-12);
	assert_int_equal(m.n, 5);
	/* Reporting months P = 2, 4 with E = 7, 12: expected (2 + 6) + (2 + 12) = 22,
	 * actual 19: saving 3/22. */
	const double py[] = {2, 4}, ey[] = {7, 12};
	assert_float_equal(calc_normalised_saving(&m, py, ey, 2), 3.0 / 22.0, 1e-12);
	/* A year known only as totals: P 30, E 80: expected 12 x 2 + 3 x 30 = 114;
	 * saving (114 - 80) / 114 = 34/114. */
	assert_float_equal(calc_normalised_saving_total(&m, 12, 30, 80), 34.0 / 114.0, 1e-12);
	/* A poor model: E = 10, 2, 12, 4, 14: mean 8.4, Sxy = -3.2 + 6.4 + 0 - 4.4 + 11.2 = 10,
	 * b = 1, SS_reg = b² Sxx = 10, SS_tot = 107.2: R² = 10 / 107.2 < 0.75. */
	const double e2[] = {10, 2, 12, 4, 14};
	assert_int_equal(calc_linfit(p, e2, 5, &m), 0);
	assert_float_equal(m.r2, 10.0 / 107.2, 1e-12);
	assert_true(m.r2 < CALC_R2_MIN);
	/* No slope to fit: every P equal; too few points. */
	const double flat[] = {3, 3, 3};
	assert_int_equal(calc_linfit(flat, e, 3, &m), -1);
	assert_int_equal(calc_linfit(p, e, 1, &m), -1);
	assert_true(isnan(calc_normalised_saving(&m, py, ey, 0)));
}

static void
test_stats(void **state)
{
	(void)state;
	/* {1, 2, 3, 4, 100}: h = 4p; Q1 = x[1] = 2, median x[2] = 3, Q3 = x[3] = 4;
	 * IQR 2: fences 2 - 3 = -1 and 4 + 3 = 7, so 100 is outside. */
	double v[] = {100, 3, 1, 4, 2}, lo, hi;
	calc_sort(v, 5);
	assert_float_equal(v[0], 1, 0);
	assert_float_equal(v[4], 100, 0);
	assert_float_equal(calc_quantile(v, 5, 0.25), 2, 1e-12);
	assert_float_equal(calc_quantile(v, 5, 0.5), 3, 1e-12);
	assert_float_equal(calc_quantile(v, 5, 0.75), 4, 1e-12);
	assert_int_equal(calc_iqr_fences(v, 5, &lo, &hi), 0);
	assert_float_equal(lo, -1, 1e-12);
	assert_float_equal(hi, 7, 1e-12);
	/* Interpolated: {1, 2, 4, 8}, h = 3p: Q1 h 0.75 -> 1 + 0.75 x 1 = 1.75;
	 * median h 1.5 -> 2 + 0.5 x 2 = 3; Q3 h 2.25 -> 4 + 0.25 x 4 = 5;
	 * IQR 3.25, 1.5 IQR = 4.875: fences -3.125 and 9.875. */
	const double w[] = {1, 2, 4, 8};
	assert_float_equal(calc_quantile(w, 4, 0.25), 1.75, 1e-12);
	assert_float_equal(calc_quantile(w, 4, 0.5), 3, 1e-12);
	assert_float_equal(calc_quantile(w, 4, 0.75), 5, 1e-12);
	assert_int_equal(calc_iqr_fences(w, 4, &lo, &hi), 0);
	assert_float_equal(lo, -3.125, 1e-12);
	assert_float_equal(hi, 9.875, 1e-12);
	assert_int_equal(calc_iqr_fences(w, 3, &lo, &hi), -1);
	assert_true(isnan(calc_quantile(w, 0, 0.5)));
	/* Percentile rank among {10, 20, 20, 30, 40}: 20 has 1 below and 2 equal:
	 * 100 (1 + 1) / 5 = 40; 10: 100 x 0.5 / 5 = 10; 40: 100 x 4.5 / 5 = 90. */
	const double g[] = {20, 40, 10, 30, 20};
	assert_float_equal(calc_percentile_rank(g, 5, 20), 40, 1e-12);
	assert_float_equal(calc_percentile_rank(g, 5, 10), 10, 1e-12);
	assert_float_equal(calc_percentile_rank(g, 5, 40), 90, 1e-12);
	assert_true(isnan(calc_percentile_rank(g, 0, 1)));
}

/* Computed at run time, so the compiler does not fold the sums. */
static volatile double v_kwh = 1100000, v_kwh_factor = 0.0001543, v_coal = 1186.1,
		       v_coal_factor = 0.70;

static void
test_exact(void **state)
{
	(void)state;
	/* 1,100,000 kWh x 0.0001543 = 169.73 TOE; 1,186.1 t x 0.70 = 830.27 TOE;
	 * 169.73 + 830.27 = 1,000.00 TOE, which doubles make 999.9999999999999. */
	double toe = v_kwh * v_kwh_factor + v_coal * v_coal_factor;
	assert_true(toe < 1000); /* the fault this module is for */
	assert_true(calc_exact(toe) == 1000);
	assert_true(calc_ge(toe, 1000));
	assert_int_equal(calc_cmp(toe, 1000), 0);
	/* Just below, at and above the threshold at the 10^-6 TOE grain:
	 * 999.999999 is a millionth short; 999.9999996 rounds to 1,000.000000;
	 * 999.9999994 rounds to 999.999999; 1,000.000001 is a millionth over. */
	assert_false(calc_ge(999.999999, 1000));
	assert_true(calc_ge(999.9999996, 1000));
	assert_false(calc_ge(999.9999994, 1000));
	assert_true(calc_ge(1000.000001, 1000));
	assert_true(calc_gt(1000.000001, 1000));
	assert_false(calc_gt(1000.0000001, 1000)); /* equal at 10^-6: not more */
	assert_true(calc_exact(999.9999994) == 999.999999);
	/* A norm: SEC 28,600 GJ x 1,000 / 100,000 hl = 286 MJ/hl, exactly the norm
	 * of TT 19/2016 (286 MJ/hl): it meets it even as 286.00000000000006;
	 * 286.000001 is above it, 285.999999 below. */
	assert_true(calc_le(286.00000000000006, 286));
	assert_false(calc_le(286.000001, 286));
	assert_true(calc_lt(285.999999, 286));
	assert_false(calc_lt(285.9999999, 286));
	/* A saving at the minimum: SEC 0.0484 TOE/t in the baseline, 0.04598 now:
	 * (0.0484 - 0.04598) / 0.0484 = 0.00242 / 0.0484 = 0.05, i.e. 5 %, which
	 * doubles make 4.9999999999999964: at least the 5 % minimum. */
	volatile double base = 0.0484, year = 0.04598;
	assert_true((base - year) / base * 100 < 5);
	assert_true(calc_ge((base - year) / base * 100, 5));
	/* Rounding is half away from zero, and -0 comes back as 0. */
	assert_true(calc_exact(-1.2345674) == -1.234567);
	assert_true(calc_exact(-1.2345676) == -1.234568);
	assert_true(calc_exact(0.25) == 0.25);
	double z = calc_exact(-0.0000004);
	assert_true(z == 0 && !signbit(z));
	/* Non-numbers and figures too large to carry decimals pass unchanged. */
	assert_true(isnan(calc_exact(NAN)));
	assert_true(isinf(calc_exact(INFINITY)));
	assert_true(calc_exact(1e12 + 0.3) == 1e12 + 0.3);
	/* NaN neither reaches nor stays within anything. */
	assert_int_equal(calc_cmp(NAN, 1000), CALC_UNORDERED);
	assert_false(calc_ge(NAN, 1000));
	assert_false(calc_le(NAN, 1000));
	assert_false(calc_gt(NAN, 1000));
	assert_false(calc_lt(NAN, 1000));
	assert_false(calc_ge(1000, NAN));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line_electricity),
	    cmocka_unit_test(test_line_fuels),
	    cmocka_unit_test(test_line_errors),
	    cmocka_unit_test(test_from_gj),
	    cmocka_unit_test(test_regression),
	    cmocka_unit_test(test_stats),
	    cmocka_unit_test(test_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
