/*
 * Exact comparison of computed figures with thresholds and norms
 * (exact.h): round to 10^-6 of the figure's unit, then compare.
 */
#include "model/calc/exact.h"

#include <math.h>

/* 10^CALC_EXACT_DECIMALS, and the scaled magnitude above which a double has no such decimals. */
#define EXACT_SCALE 1e6
#define EXACT_BIG   4503599627370496.0 /* 2^52 */

double
calc_exact(double v)
{
	if (!isfinite(v))
		return v;
	double s = v * EXACT_SCALE;
	if (fabs(s) >= EXACT_BIG)
		return v;
	/* round() goes half away from zero; + 0.0 turns -0 into 0. */
	return round(s) / EXACT_SCALE + 0.0;
}

int
calc_cmp(double a, double b)
{
	if (isnan(a) || isnan(b))
		return CALC_UNORDERED;
	double x = calc_exact(a), y = calc_exact(b);
	return (x > y) - (x < y);
}

int
calc_ge(double a, double b)
{
	int c = calc_cmp(a, b);
	return c == 0 || c == 1;
}

int
calc_le(double a, double b)
{
	int c = calc_cmp(a, b);
	return c == 0 || c == -1;
}

int
calc_gt(double a, double b)
{
	return calc_cmp(a, b) == 1;
}

int
calc_lt(double a, double b)
{
	return calc_cmp(a, b) == -1;
}
