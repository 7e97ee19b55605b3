/*
 * Unit tests for model/calc/balance: the sums and the closure error of a
 * process step's balance, against cases worked by hand (the arithmetic is
 * in the comment beside each).  Quantities in tonnes (mass) or GJ.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model/calc/balance.h"

static void
assert_near(double got, double want)
{
	if (!(fabs(got - want) <= 1e-12 * (fabs(want) > 1 ? fabs(want) : 1)))
		fail_msg("got %.17g, want %.17g", got, want);
}

/*
 * A fish-fillet step: in 10 t fish + 15 m3 water (15 t at 1 t/m3), out
 * 4.2 t fillet + 5.6 t by-products + 14.8 t wastewater.
 *   Σin = 10 + 15 = 25; Σout = 4.2 + 5.6 + 14.8 = 24.6;
 *   diff = 0.4; error = 0.4 / 25 = 0.016 = 1.6 % <= 5 %: within.
 */
static void
test_fillet(void **state)
{
	(void)state;
	const struct bal_line l[] = {
	    {BAL_IN, 10}, {BAL_IN, 15}, {BAL_OUT, 4.2}, {BAL_OUT, 5.6}, {BAL_OUT, 14.8},
	};
	double in, out;
	bal_sum(l, 5, &in, &out);
	assert_near(in, 25);
	assert_near(out, 24.6);
	struct bal_result r;
	bal_of_lines(l, 5, 5, &r);
	assert_near(r.diff, 0.4);
	assert_near(r.error, 0.016);
	assert_int_equal(r.state, BAL_WITHIN);
	/* the same against a tolerance of 1.5 %: 1.6 > 1.5, beyond */
	bal_of_lines(l, 5, 1.5, &r);
	assert_int_equal(r.state, BAL_BEYOND);
}

/*
 * Exactly at the tolerance: in 1.1 + 2.2 = 3.3 (3.3000000000000003 in
 * binary), out 3.135; diff 0.165; error 0.165 / 3.3 = 0.05 = 5 %: within a
 * tolerance of 5 % although the binary quotient may differ from 0.05 in
 * its last bits.  Just beyond: in 100, out 94.9999, error 5.0001 / 100 =
 * 5.0001 % > 5 %.
 */
static void
test_at_tolerance(void **state)
{
	(void)state;
	const struct bal_line l[] = {{BAL_IN, 1.1}, {BAL_IN, 2.2}, {BAL_OUT, 3.135}};
	struct bal_result r;
	bal_of_lines(l, 3, 5, &r);
	assert_near(r.error, 0.05);
	assert_int_equal(r.state, BAL_WITHIN);
	bal_close(100, 94.9999, 5, &r);
	assert_near(r.error, 0.050001);
	assert_int_equal(r.state, BAL_BEYOND);
	/* 5 % of 100 lost exactly: within */
	bal_close(100, 95, 5, &r);
	assert_int_equal(r.state, BAL_WITHIN);
}

/*
 * More out than in: in 10, out 11; diff -1; error -1 / 10 = -10 %, |-10| >
 * 5: beyond.  A little more out: in 40, out 41; error -1 / 40 = -2.5 %:
 * within.
 */
static void
test_negative(void **state)
{
	(void)state;
	struct bal_result r;
	bal_close(10, 11, 5, &r);
	assert_near(r.diff, -1);
	assert_near(r.error, -0.1);
	assert_int_equal(r.state, BAL_BEYOND);
	bal_close(40, 41, 5, &r);
	assert_near(r.error, -0.025);
	assert_int_equal(r.state, BAL_WITHIN);
}

/*
 * Edges: no line at all is empty (error 0); outputs of 2 t and no input
 * leave the error undefined (NAN), never within; inputs of 3 t and no
 * output: error 3 / 3 = 100 %, beyond.
 */
static void
test_edges(void **state)
{
	(void)state;
	struct bal_result r;
	bal_of_lines(NULL, 0, 5, &r);
	assert_int_equal(r.state, BAL_EMPTY);
	assert_true(r.error == 0);
	assert_true(r.in == 0 && r.out == 0);
	bal_close(0, 2, 5, &r);
	assert_int_equal(r.state, BAL_UNDEFINED);
	assert_true(isnan(r.error));
	assert_near(r.diff, -2);
	/* inputs and no output recorded: open, no error stated, not flagged */
	bal_close(3, 0, 5, &r);
	assert_true(isnan(r.error));
	assert_near(r.diff, 3);
	assert_int_equal(r.state, BAL_NO_OUTPUT);
	/* one output, however small, closes it: (3 - 0.03) / 3 = 99 % */
	bal_close(3, 0.03, 100, &r);
	assert_near(r.error, 0.99);
	assert_int_equal(r.state, BAL_WITHIN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fillet),
	    cmocka_unit_test(test_at_tolerance),
	    cmocka_unit_test(test_negative),
	    cmocka_unit_test(test_edges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
