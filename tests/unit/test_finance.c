/*
 * Unit tests for model/calc/finance: payback, NPV, IRR and the weighted
 * score of a cleaner-production option.  Each expected value is worked by
 * hand in the comment beside it and was checked in LibreOffice Calc 7.4
 * (the formula is quoted; "LO" gives its result as Calc printed it), and
 * the roots of the cases with several sign changes also against the roots
 * of the polynomial Σ c_k x^k, x = 1/(1+r), at 50 digits.  Amounts in VND.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/calc/finance.h"

/* |got - want| <= tol |want|, or <= tol when want is 0. */
static void
assert_rel(double got, double want, double tol)
{
	double scale = want != 0 ? fabs(want) : 1.0;
	if (!(fabs(got - want) <= tol * scale))
		fail_msg("got %.17g, want %.17g (relative tolerance %g)", got, want, tol);
}

#define REL 1e-6

/*
 * Capex 120,000,000, a constant saving of 40,000,000 a year for 5 years,
 * 10 %.
 *   simple payback = 120 / 40 = 3 years.
 *   NPV = 40e6 x (1 - 1.1^-5) / 0.1 - 120e6 = 40e6 x 3.790786769 - 120e6
 *       = 31,631,470.78.  LO =NPV(0.1;40000000;...x5)-120000000
 *       = 31631470.7763379.
 *   discounted flows 36.3636, 33.0579, 30.0526, 27.3205 (millions): the sum
 *   of years 1..3 is 99.4741 < 120 <= 126.7946 after year 4, so
 *   3 + (120 - 99.4741) / 27.3205; times 1.1^4 = 1.4641 throughout:
 *   (175.692 - 40 x (1.331 + 1.21 + 1.1)) / 40 = 30.052 / 40 = 0.7513, i.e.
 *   3.7513 years.  LO =3+(120000000-NPV(0.1;40000000;40000000;40000000))
 *   /(40000000/1.1^4) = 3.7513.
 *   IRR: the annuity factor (1 - (1+r)^-5) / r = 3; at 19.86 % it is
 *   2.9998 (at 19 %: 3.0576, at 20 %: 2.9906).  LO =IRR({-120000000;
 *   40000000;40000000;40000000;40000000;40000000}) = 19.8577097873201 %,
 *   =RATE(5;40000000;-120000000) the same.
 */
static void
test_constant_saving(void **state)
{
	(void)state;
	double cf[FIN_YEARS_MAX];
	struct fin_result r;
	assert_int_equal(fin_constant_flows(40000000, 5, cf), 0);
	for (int k = 0; k < 5; k++)
		assert_true(cf[k] == 40000000);
	assert_int_equal(fin_evaluate(120000000, cf, 5, 0.1, &r), 0);
	assert_rel(r.simple_payback, 3.0, REL);
	assert_int_equal(r.payback_never, 0);
	assert_rel(r.discounted_payback, 3.7513, REL);
	assert_int_equal(r.dpayback_never, 0);
	assert_rel(r.npv, 31631470.7763379, REL);
	assert_rel(fin_npv(0.1, 120000000, cf, 5), 31631470.7763379, REL);
	assert_int_equal(r.irr_status, FIN_IRR_ONE);
	assert_int_equal(r.nroots, 1);
	assert_rel(r.irr, 0.198577097873201, REL);
	assert_rel(r.roots[0], r.irr, 0);
	assert_true(isnan(r.roots[1]));

	/* The helper's limits: 1..50 years, a finite amount. */
	assert_int_equal(fin_constant_flows(40000000, 0, cf), -1);
	assert_int_equal(fin_constant_flows(40000000, FIN_YEARS_MAX + 1, cf), -1);
	assert_int_equal(fin_constant_flows(NAN, 5, cf), -1);
	assert_int_equal(fin_constant_flows(2e15, 5, cf), -1);
	assert_int_equal(fin_constant_flows(-1000, FIN_YEARS_MAX, cf), 0);
	assert_true(cf[FIN_YEARS_MAX - 1] == -1000);
}

/*
 * Capex 500,000,000; flows 100, 150, 200, 250, 100 million; 8 %.
 *   simple: cumulative 100, 250, 450, 700: reached in year 4,
 *   3 + (500 - 450) / 250 = 3.2.
 *   discounted: 100/1.08 = 92.5926, 150/1.1664 = 128.6008,
 *   200/1.259712 = 158.7664, 250/1.36048896 = 183.7574,
 *   100/1.46932808 = 68.0583; cumulative after year 3 379.9598, after 4
 *   563.7172, so 3 + 120.0402 / 183.7574; times 1.08^4:
 *   (680.24448 - 125.9712 - 174.96 - 216) / 250 = 0.65325312 → 3.65325312.
 *   LO =3+(500000000-NPV(0.08;100000000;150000000;200000000))
 *   /(250000000/1.08^4) = 3.65325312.
 *   NPV = 631.7755 - 500 = 131.7756 million; LO =NPV(0.08;100000000;
 *   150000000;200000000;250000000;100000000)-500000000 = 131775646.744383.
 *   IRR: NPV at 16 % = +11.50 million, at 18 % = -13.14 million, so
 *   about 16.9 %; LO =IRR({-500000000;100000000;...;100000000})
 *   = 16.9144645222686 %.
 */
static void
test_irregular(void **state)
{
	(void)state;
	const double cf[] = {100e6, 150e6, 200e6, 250e6, 100e6};
	struct fin_result r;
	assert_int_equal(fin_evaluate(500e6, cf, 5, 0.08, &r), 0);
	assert_rel(r.simple_payback, 3.2, REL);
	assert_rel(r.discounted_payback, 3.65325312, REL);
	assert_rel(r.npv, 131775646.744383, REL);
	assert_int_equal(r.irr_status, FIN_IRR_ONE);
	assert_rel(r.irr, 0.169144645222686, REL);
}

/*
 * Payback exactly at a year's end: capex 100 million, flows 30, 30, 40, 50
 * million, 10 %.  Cumulative 30, 60, 100: exactly 100 at the end of year
 * 3, so 2 + 40 / 40 = 3.
 *   discounted: 27.2727, 24.7934, 30.0526, 34.1507; after year 3 82.1187,
 *   after 4 116.2694: 3 + (100 - 82.1187) / 34.1507; times 1.4641:
 *   (146.41 - 39.93 - 36.3 - 44) / 50 = 26.18 / 50 = 0.5236 → 3.5236.
 *   LO =3+(100000000-NPV(0.1;30000000;30000000;40000000))/(50000000/1.1^4)
 *   = 3.5236.
 *   NPV = 116.2694 - 100 = 16.2694 million; LO =NPV(0.1;30000000;30000000;
 *   40000000;50000000)-100000000 = 16269380.506796.
 *   IRR: LO =IRR({-100000000;30000000;30000000;40000000;50000000})
 *   = 16.6359923530828 % (NPV at 16 % +1.40 million, at 17 % -0.79).
 */
static void
test_payback_year_end(void **state)
{
	(void)state;
	const double cf[] = {30e6, 30e6, 40e6, 50e6};
	struct fin_result r;
	assert_int_equal(fin_evaluate(100e6, cf, 4, 0.1, &r), 0);
	assert_true(r.simple_payback == 3.0);
	assert_rel(r.discounted_payback, 3.5236, REL);
	assert_rel(r.npv, 16269380.506796, REL);
	assert_rel(r.irr, 0.166359923530828, REL);
	/* A flow of 0 before the payback: cumulative 50, 50, 100 → 3 exactly. */
	const double gap[] = {50, 0, 50, 10};
	int never = -1;
	assert_true(fin_payback(100, gap, 4, 0, &never) == 3.0);
	assert_int_equal(never, 0);
	/* The first time counts: 60, 110 (paid back in 1 + 40/50 = 1.8), then a
	 * cost of 30 takes the sum to 80 again. */
	const double back[] = {60, 50, -30};
	assert_rel(fin_payback(100, back, 3, 0, &never), 1.8, 1e-15);
	assert_int_equal(never, 0);
	/* capex 0 pays back at once. */
	assert_true(fin_payback(0, back, 3, 0.1, &never) == 0);
	assert_int_equal(never, 0);
}

/*
 * Payback never reached.
 * Capex 1,000 million, 100 million a year for 5 years, 10 %: the sum is
 * 500 < 1,000, so neither payback; NPV = 100e6 x 3.790786769 - 1e9 =
 * -620,921,323.06; LO =NPV(0.1;100000000;...x5)-1000000000 =
 * -620921323.059155.  One sign change, so one IRR, a negative one:
 * Σ_{k=1..5} (1+r)^-k = 10; LO =IRR({-1000000000;100000000;...x5})
 * = -19.4018520188732 %.
 * Capex 100, 40 a year for 3 years, 10 %: simple payback 2 + 20/40 = 2.5,
 * but the discounted sum 36.3636 + 33.0579 + 30.0526 = 99.4741 < 100:
 * the discounted payback is never reached.  LO =NPV(0.1;40;40;40)-100 =
 * -0.525920360631119, =IRR({-100;40;40;40}) = 9.7010257403273 %.
 */
static void
test_payback_never(void **state)
{
	(void)state;
	const double cf[] = {100e6, 100e6, 100e6, 100e6, 100e6};
	struct fin_result r;
	assert_int_equal(fin_evaluate(1000e6, cf, 5, 0.1, &r), 0);
	assert_true(isnan(r.simple_payback));
	assert_int_equal(r.payback_never, 1);
	assert_true(isnan(r.discounted_payback));
	assert_int_equal(r.dpayback_never, 1);
	assert_rel(r.npv, -620921323.059155, REL);
	assert_int_equal(r.irr_status, FIN_IRR_ONE);
	assert_rel(r.irr, -0.194018520188732, REL);

	const double cf2[] = {40, 40, 40};
	assert_int_equal(fin_evaluate(100, cf2, 3, 0.1, &r), 0);
	assert_rel(r.simple_payback, 2.5, REL);
	assert_int_equal(r.payback_never, 0);
	assert_true(isnan(r.discounted_payback));
	assert_int_equal(r.dpayback_never, 1);
	assert_rel(r.npv, -0.525920360631119, REL);
	assert_rel(r.irr, 0.097010257403273, REL);
}

/*
 * A rate of 0: capex 100 million, flows 20, 30, 40, 50 million.  NPV is
 * the plain sum, 140 - 100 = 40 million (LO =NPV(0;20000000;30000000;
 * 40000000;50000000)-100000000 = 40000000); cumulative 20, 50, 90, 140:
 * 3 + 10/50 = 3.2 years, discounted the same.  LO =IRR({-100000000;
 * 20000000;30000000;40000000;50000000}) = 12.8257269001674 %.
 */
static void
test_zero_rate(void **state)
{
	(void)state;
	const double cf[] = {20e6, 30e6, 40e6, 50e6};
	struct fin_result r;
	assert_int_equal(fin_evaluate(100e6, cf, 4, 0, &r), 0);
	assert_rel(r.npv, 40e6, 1e-15);
	assert_rel(r.simple_payback, 3.2, 1e-15);
	assert_rel(r.discounted_payback, 3.2, 1e-15);
	assert_rel(r.irr, 0.128257269001674, REL);
}

/*
 * No sign change, no IRR (LO =IRR({0;10;20}) and =IRR({-100;-10;-20})
 * both answer Err:523, it does not converge).
 * Capex 0, flows 10, 20 at 10 %: NPV = 9.0909 + 16.5289 = 25.6198
 * (10/1.1 + 20/1.21 = (11 + 20) / 1.21 = 31/1.21), payback 0.
 * Capex 100, flows -10, -20: NPV = -100 - 31/1.21 = -125.6198; LO
 * =NPV(0.1;-10;-20)-100 = -125.619834710744; never paid back.
 */
static void
test_no_sign_change(void **state)
{
	(void)state;
	struct fin_result r;
	const double pos[] = {10, 20};
	assert_int_equal(fin_evaluate(0, pos, 2, 0.1, &r), 0);
	assert_int_equal(r.irr_status, FIN_IRR_NONE_NO_SIGN_CHANGE);
	assert_true(isnan(r.irr));
	assert_int_equal(r.nroots, 0);
	assert_rel(r.npv, 31 / 1.21, 1e-12);
	assert_true(r.simple_payback == 0);

	const double neg[] = {-10, -20};
	assert_int_equal(fin_evaluate(100, neg, 2, 0.1, &r), 0);
	assert_int_equal(r.irr_status, FIN_IRR_NONE_NO_SIGN_CHANGE);
	assert_true(isnan(r.irr));
	assert_rel(r.npv, -125.619834710744, REL);
	assert_int_equal(r.payback_never, 1);
	assert_int_equal(r.dpayback_never, 1);

	/* Every flow 0: nothing changes sign either. */
	const double zero[] = {0, 0, 0};
	struct fin_irr irr;
	assert_int_equal(fin_irr(0, zero, 3, 0.1, &irr), 0);
	assert_int_equal(irr.status, FIN_IRR_NONE_NO_SIGN_CHANGE);
	assert_int_equal(irr.sign_changes, 0);
	assert_string_equal(fin_irr_status_code(irr.status), "none");
}

/*
 * Two sign changes.  -100, 230, -132: with y = 1+r, NPV y² = -100 y² +
 * 230 y - 132 = -100 (y - 1.1)(y - 1.2) (1.1 + 1.2 = 2.3, 1.1 x 1.2 =
 * 1.32): roots 10 % and 20 %.  LO =IRR({-100;230;-132};0.1) = 10 %,
 * =IRR({-100;230;-132};0.3) = 20.0000000000058 %: a spreadsheet answers
 * the root its guess leads to.  At 12 % the nearest is 10 %, at 18 % 20 %.
 * NPV at 12 % = -100 + 230/1.12 - 132/1.2544 = 0.127551; LO
 * =NPV(0.12;230;-132)-100 = 0.127551020408148.
 * -100, 275, -187.5 = -100 (y - 1.25)(y - 1.5): roots 25 % and 50 %, both
 * exact in binary, so 37.5 % is exactly between them: the smaller is
 * taken.  LO =IRR(...;0.2) = 25.0000000000001 %, =IRR(...;0.6)
 * = 49.9999999999999 %.
 * -100, 2210, -2310 = -100 (y - 1.1)(y - 21): roots 10 % and 2,000 %, the
 * second beyond the scan; LO =IRR(...;0.1) = 10 %, =IRR(...;15) = 2000 %.
 * -100, 250, -160: discriminant 250² - 4 x 100 x 160 = -1,500 < 0, NPV
 * is negative at every rate: no root (LO Err:523); NPV at 10 % =
 * -100 + 227.2727 - 132.2314 = -4.958678, LO -4.95867768595042.
 */
static void
test_two_sign_changes(void **state)
{
	(void)state;
	struct fin_irr irr;
	struct fin_result r;
	const double g[] = {230, -132};
	assert_int_equal(fin_irr(100, g, 2, 0.12, &irr), 0);
	assert_int_equal(irr.status, FIN_IRR_SEVERAL);
	assert_int_equal(irr.sign_changes, 2);
	assert_int_equal(irr.nroots, 2);
	assert_rel(irr.roots[0], 0.1, 1e-12);
	assert_rel(irr.roots[1], 0.2, 1e-12);
	assert_rel(irr.irr, 0.1, 1e-12);
	assert_string_equal(fin_irr_status_code(irr.status), "several");
	assert_int_equal(fin_irr(100, g, 2, 0.18, &irr), 0);
	assert_rel(irr.irr, 0.2, 1e-12);
	assert_int_equal(fin_evaluate(100, g, 2, 0.12, &r), 0);
	assert_int_equal(r.irr_status, FIN_IRR_SEVERAL);
	assert_int_equal(r.nroots, 2);
	assert_rel(r.irr, 0.1, 1e-12);
	assert_rel(r.npv, 0.127551020408148, REL);

	const double g2[] = {275, -187.5};
	assert_int_equal(fin_irr(100, g2, 2, 0.375, &irr), 0);
	assert_int_equal(irr.status, FIN_IRR_SEVERAL);
	assert_rel(irr.roots[0], 0.25, 1e-12);
	assert_rel(irr.roots[1], 0.5, 1e-12);
	assert_rel(irr.irr, 0.25, 1e-12);

	const double g3[] = {2210, -2310};
	assert_int_equal(fin_irr(100, g3, 2, 0.1, &irr), 0);
	assert_int_equal(irr.status, FIN_IRR_SCAN_ONE);
	assert_int_equal(irr.nroots, 1);
	assert_rel(irr.irr, 0.1, 1e-12);
	assert_string_equal(fin_irr_status_code(irr.status), "scan_one");

	const double g4[] = {250, -160};
	assert_int_equal(fin_evaluate(100, g4, 2, 0.1, &r), 0);
	assert_int_equal(r.irr_status, FIN_IRR_NOT_FOUND);
	assert_int_equal(r.nroots, 0);
	assert_true(isnan(r.irr));
	assert_rel(r.npv, -4.95867768595042, REL);
	assert_string_equal(fin_irr_status_code(r.irr_status), "not_found");
}

/*
 * A boiler replacement: capex 2,500,000,000; saving 600 million in year
 * 1, 700 million in years 2..10, less a 900 million overhaul in year 6
 * (net -200 million); 10 %.
 *   simple: cumulative 600, 1,300, 2,000, 2,700: 3 + 500/700 = 3.714286.
 *   discounted: 545.4545, 578.5124, 525.9204, 478.1094, 434.6449 (sum of
 *   1..4 2,127.9968, of 1..5 2,562.6417), so in year 5; times 1.1^5 =
 *   1.61051: (4,026.275 - 600 x 1.4641 - 700 x (1.331 + 1.21 + 1.1)) / 700
 *   = 599.115 / 700 = 0.855879 → 4.855879.  LO =4+(2500000000-NPV(0.1;
 *   600000000;700000000;700000000;700000000))/(700000000/1.1^5)
 *   = 4.85587857142857.
 *   NPV: years 6..10 add -112.8948 + 359.2107 + 326.5552 + 296.8683 +
 *   269.8803 = 1,139.6197 to 2,562.6417: 3,702.2613 - 2,500 = 1,202.2613
 *   million.  LO =NPV(0.1;600000000;700000000;700000000;700000000;
 *   700000000;-200000000;700000000;700000000;700000000;700000000)
 *   -2500000000 = 1202261346.03579.
 *   The flows change sign three times (-, +, -, +), but the polynomial has
 *   one real root with r > -1, 20.606323064383533 %; LO =IRR({-2500000000;
 *   600000000;...}) = 20.6063230643835 %.  So the scan finds one root.
 */
static void
test_boiler(void **state)
{
	(void)state;
	const double cf[] = {600e6, 700e6, 700e6, 700e6, 700e6, -200e6, 700e6, 700e6, 700e6, 700e6};
	struct fin_result r;
	assert_int_equal(fin_evaluate(2.5e9, cf, 10, 0.1, &r), 0);
	assert_rel(r.simple_payback, 3.0 + 500.0 / 700.0, REL);
	assert_rel(r.discounted_payback, 4.85587857142857, REL);
	assert_rel(r.npv, 1202261346.03579, REL);
	assert_int_equal(r.irr_status, FIN_IRR_SCAN_ONE);
	assert_int_equal(r.nroots, 1);
	assert_rel(r.irr, 0.20606323064383533, 1e-12);
}

/*
 * Roots that need the brackets' widening, and the precision of a root.
 * One year: -capex + cf / (1+r) = 0 at r = cf / capex - 1.
 *   -1, 1,000,000: r = 999,999 (far above the scan's 10).
 *   -1,000,000, 1: r = 10^-6 - 1 = -0.999999.
 *   -2^20, 2^20 + 1: r = 2^-20 = 9.5367431640625e-07, exact in binary:
 *   a root near 0 to 10^-12 relative.
 * Two years: -100, 0, 121: (1+r)² = 1.21, r = 10 %; -100, 110: 10 %.
 */
static void
test_irr_range(void **state)
{
	(void)state;
	struct fin_irr irr;
	const double big[] = {1e6};
	assert_int_equal(fin_irr(1, big, 1, 0.1, &irr), 0);
	assert_int_equal(irr.status, FIN_IRR_ONE);
	assert_rel(irr.irr, 999999, 1e-12);
	const double small[] = {1};
	assert_int_equal(fin_irr(1e6, small, 1, 0.1, &irr), 0);
	assert_int_equal(irr.status, FIN_IRR_ONE);
	assert_rel(irr.irr, -0.999999, 1e-12);
	const double tiny[] = {1048577};
	assert_int_equal(fin_irr(1048576, tiny, 1, 0.1, &irr), 0);
	assert_rel(irr.irr, 9.5367431640625e-07, 1e-12);
	const double two[] = {0, 121};
	assert_int_equal(fin_irr(100, two, 2, 0.1, &irr), 0);
	assert_rel(irr.irr, 0.1, 1e-14);
	const double one[] = {110};
	assert_int_equal(fin_irr(100, one, 1, 0.1, &irr), 0);
	assert_rel(irr.irr, 0.1, 1e-14);
	/* A trailing zero year changes nothing. */
	const double trail[] = {110, 0, 0};
	assert_int_equal(fin_irr(100, trail, 3, 0.1, &irr), 0);
	assert_rel(irr.irr, 0.1, 1e-14);
}

/* Inputs outside the limits are refused, and *out is left alone. */
static void
test_limits(void **state)
{
	(void)state;
	double cf[FIN_YEARS_MAX + 1];
	for (int k = 0; k <= FIN_YEARS_MAX; k++)
		cf[k] = 10;
	struct fin_result r;
	struct fin_irr irr;
	r.npv = 12345;
	assert_int_equal(fin_evaluate(100, cf, 0, 0.1, &r), -1);
	assert_int_equal(fin_evaluate(100, cf, FIN_YEARS_MAX + 1, 0.1, &r), -1);
	assert_int_equal(fin_evaluate(-1, cf, 5, 0.1, &r), -1);
	assert_int_equal(fin_evaluate(NAN, cf, 5, 0.1, &r), -1);
	assert_int_equal(fin_evaluate(2e15, cf, 5, 0.1, &r), -1);
	assert_int_equal(fin_evaluate(100, cf, 5, -1, &r), -1);
	assert_int_equal(fin_evaluate(100, cf, 5, -0.995, &r), -1);
	assert_int_equal(fin_evaluate(100, cf, 5, 10.5, &r), -1);
	assert_int_equal(fin_evaluate(100, cf, 5, INFINITY, &r), -1);
	assert_int_equal(fin_evaluate(100, NULL, 5, 0.1, &r), -1);
	assert_int_equal(fin_irr(100, cf, 0, 0.1, &irr), -1);
	cf[2] = INFINITY;
	assert_int_equal(fin_evaluate(100, cf, 5, 0.1, &r), -1);
	cf[2] = -1e16;
	assert_int_equal(fin_evaluate(100, cf, 5, 0.1, &r), -1);
	assert_true(r.npv == 12345);
	assert_true(isnan(fin_npv(-1, 100, cf, 1)));
	assert_true(isnan(fin_npv(0.1, 100, cf, -1)));

	/* 50 years at the edge rates: 500 / 50 = 10 years' payback; at -0.99
	 * each year's 10 is worth 10 x 100^k, so the NPV is finite and huge. */
	cf[2] = 10;
	assert_int_equal(fin_evaluate(100, cf, FIN_YEARS_MAX, FIN_RATE_MIN, &r), 0);
	assert_true(isfinite(r.npv) && r.npv > 1e100);
	assert_rel(r.simple_payback, 10, 1e-15);
	/* At 1,000 % the sum of 10/11^k over 50 years is 1 - 11^-50 < 100. */
	assert_int_equal(fin_evaluate(100, cf, FIN_YEARS_MAX, FIN_RATE_MAX, &r), 0);
	assert_int_equal(r.dpayback_never, 1);
	assert_rel(r.npv, -99.0, 1e-12);
	/* IRR of -100 and 10 a year for 50 years: (1 - (1+r)^-50) / r = 10;
	 * at 10 % the factor is (1 - 0.008519) / 0.1 = 9.9148, at 9.91 % it is
	 * 10.0013, so r is a little above 9.91 %.  LO =IRR({-100;10;...x50})
	 * = 9.91130869361696 %. */
	assert_int_equal(r.irr_status, FIN_IRR_ONE);
	assert_rel(r.irr, 0.0991130869361696, REL);
	assert_true(fabs(fin_npv(r.irr, 100, cf, FIN_YEARS_MAX)) < 1e-10);
}

/*
 * The weighted score, on 0..10.
 * Scores 8, 6, 9 with weights 40, 35, 25: (320 + 210 + 225) / 100 = 7.55;
 * LO =SUMPRODUCT({8;6;9};{40;35;25})/SUM({40;35;25}) = 7.55.
 * Scores 7.5, 4, 10 with weights 1, 1, 0 (environment left out):
 * (7.5 + 4) / 2 = 5.75; LO =SUMPRODUCT({7.5;4;10};{1;1;0})/SUM({1;1;0})
 * = 5.75.  Weights 0.4, 0.35, 0.25 give the same as 40, 35, 25.
 */
static void
test_score(void **state)
{
	(void)state;
	double out = -1;
	int which = 99;
	const double s1[] = {8, 6, 9}, w1[] = {40, 35, 25};
	assert_int_equal(fin_score(s1, w1, &out), FIN_SCORE_OK);
	assert_rel(out, 7.55, 1e-15);
	const double w1f[] = {0.4, 0.35, 0.25};
	assert_int_equal(fin_score(s1, w1f, &out), FIN_SCORE_OK);
	assert_rel(out, 7.55, 1e-15);
	const double s2[] = {7.5, 4, 10}, w2[] = {1, 1, 0};
	assert_int_equal(fin_score(s2, w2, &out), FIN_SCORE_OK);
	assert_rel(out, 5.75, 1e-15);
	/* The ends of the scale are scores. */
	const double s3[] = {0, 10, 0};
	assert_int_equal(fin_score(s3, w1, &out), FIN_SCORE_OK);
	assert_rel(out, 3.5, 1e-15); /* 10 x 35 / 100 */
	assert_int_equal(fin_score_check(s3, w1, &which), FIN_SCORE_OK);
	assert_int_equal(which, -1);

	/* Errors, and the criterion they name; *out is left alone. */
	out = -1;
	const double neg_score[] = {8, -0.5, 9};
	assert_int_equal(fin_score(neg_score, w1, &out), FIN_SCORE_ERR_SCORE);
	assert_int_equal(fin_score_check(neg_score, w1, &which), FIN_SCORE_ERR_SCORE);
	assert_int_equal(which, FIN_CRIT_FINANCIAL);
	const double high_score[] = {8, 6, 10.5};
	assert_int_equal(fin_score_check(high_score, w1, &which), FIN_SCORE_ERR_SCORE);
	assert_int_equal(which, FIN_CRIT_ENVIRONMENTAL);
	const double nan_score[] = {NAN, 6, 9};
	assert_int_equal(fin_score_check(nan_score, w1, &which), FIN_SCORE_ERR_SCORE);
	assert_int_equal(which, FIN_CRIT_TECHNICAL);
	const double neg_weight[] = {40, 35, -1};
	assert_int_equal(fin_score(s1, neg_weight, &out), FIN_SCORE_ERR_WEIGHT);
	assert_int_equal(fin_score_check(s1, neg_weight, &which), FIN_SCORE_ERR_WEIGHT);
	assert_int_equal(which, FIN_CRIT_ENVIRONMENTAL);
	const double inf_weight[] = {INFINITY, 35, 25};
	assert_int_equal(fin_score_check(s1, inf_weight, &which), FIN_SCORE_ERR_WEIGHT);
	assert_int_equal(which, FIN_CRIT_TECHNICAL);
	const double big_weight[] = {40, 1001, 25};
	assert_int_equal(fin_score_check(s1, big_weight, &which), FIN_SCORE_ERR_WEIGHT);
	assert_int_equal(which, FIN_CRIT_FINANCIAL);
	const double zero_weight[] = {0, 0, 0};
	assert_int_equal(fin_score(s1, zero_weight, &out), FIN_SCORE_ERR_WEIGHTS_ZERO);
	assert_int_equal(fin_score_check(s1, zero_weight, &which), FIN_SCORE_ERR_WEIGHTS_ZERO);
	assert_int_equal(which, -1);
	assert_int_equal(fin_score_check(s1, zero_weight, NULL), FIN_SCORE_ERR_WEIGHTS_ZERO);
	assert_true(out == -1);
}

/* xorshift64: the same flows on every platform. */
static uint64_t
next_u64(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Uniform in [lo, hi), whole VND. */
static double
uniform(uint64_t *s, double lo, double hi)
{
	double u = (double)(next_u64(s) >> 11) / 9007199254740992.0; /* / 2^53 */
	return floor(lo + u * (hi - lo));
}

/*
 * Property: for random flows that change sign, every root reported makes
 * NPV 0 up to the rounding of its terms (10^-9 of Σ|c_k|/(1+r)^k), the
 * roots ascend, the chosen IRR is one of them and no other root is nearer
 * to the discount rate; one sign change always gives exactly one root.
 */
static void
test_property_npv_at_irr(void **state)
{
	(void)state;
	uint64_t seed = 0x5158534813ULL;
	int single = 0, several = 0;
	for (int t = 0; t < 400; t++) {
		int n = 1 + (int)(next_u64(&seed) % 30);
		double capex = uniform(&seed, 1e6, 3e9);
		double cf[FIN_YEARS_MAX];
		/* One case in four has costs among its years. */
		double low = next_u64(&seed) % 4 == 0 ? -1e9 : 0;
		for (int k = 0; k < n; k++)
			cf[k] = uniform(&seed, low, 1e9);
		double rate = uniform(&seed, 0, 30) / 100;
		struct fin_irr irr;
		assert_int_equal(fin_irr(capex, cf, n, rate, &irr), 0);
		if (irr.sign_changes == 1) {
			single++;
			assert_int_equal(irr.status, FIN_IRR_ONE);
			assert_int_equal(irr.nroots, 1);
		} else if (irr.sign_changes > 1) {
			several++;
		}
		int kept = irr.nroots < FIN_IRR_ROOTS_MAX ? irr.nroots : FIN_IRR_ROOTS_MAX;
		int chosen = 0;
		for (int i = 0; i < kept; i++) {
			double x = irr.roots[i];
			double scale = capex, d = 1;
			for (int k = 0; k < n; k++) {
				d /= 1 + x;
				scale += fabs(cf[k]) * d;
			}
			double npv = fin_npv(x, capex, cf, n);
			if (!(fabs(npv) <= 1e-9 * scale))
				fail_msg("case %d: NPV %.17g at root %.17g (scale %g)", t, npv, x,
					 scale);
			if (i > 0)
				assert_true(irr.roots[i] > irr.roots[i - 1]);
			if (x == irr.irr)
				chosen = 1;
			assert_true(fabs(x - rate) >= fabs(irr.irr - rate));
		}
		if (kept > 0)
			assert_true(chosen || irr.nroots > FIN_IRR_ROOTS_MAX);
		else
			assert_true(isnan(irr.irr));
	}
	/* The seed gives both kinds. */
	assert_true(single > 100);
	assert_true(several > 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_constant_saving),
	    cmocka_unit_test(test_irregular),
	    cmocka_unit_test(test_payback_year_end),
	    cmocka_unit_test(test_payback_never),
	    cmocka_unit_test(test_zero_rate),
	    cmocka_unit_test(test_no_sign_change),
	    cmocka_unit_test(test_two_sign_changes),
	    cmocka_unit_test(test_boiler),
	    cmocka_unit_test(test_irr_range),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_score),
	    cmocka_unit_test(test_property_npv_at_irr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
