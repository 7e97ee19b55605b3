/*
 * Exact comparison of computed figures with legal thresholds and norms.
 * A figure sxsh computes (a sum of TOE, a SEC, a saving in percent) comes
 * from binary floating point: 1,100,000 kWh x 0.0001543 plus 1,186.1 t x
 * 0.70 is 999.9999999999999 in double arithmetic, not 1,000.  The law
 * ("từ 1.000 TOE trở lên") speaks of decimal quantities, so every figure
 * is kept to, and compared at, CALC_EXACT_DECIMALS digits after the point
 * of its own unit (10^-6 TOE, 10^-6 MJ/hl, 10^-6 percentage points): two
 * figures equal to that many decimals are equal.
 *
 * Why 10^-6: double arithmetic on a facility's figure (below 10^7 TOE,
 * from a few hundred lines) errs by less than 3 x 10^-7, so rounding to 10^-6
 * removes that noise; and what it may merge, a figure short of a threshold
 * by less than half a millionth of its unit (5 x 10^-7 TOE is about 3 Wh
 * of electricity), is far below what a meter or a four-digit legal factor
 * can tell apart.  The rounding is half away from zero.  Pure functions,
 * no I/O.
 */
#ifndef SXSH_MODEL_CALC_EXACT_H
#define SXSH_MODEL_CALC_EXACT_H

/* Digits after the decimal point a computed figure is kept to and compared at. */
#define CALC_EXACT_DECIMALS 6

/*
 * v rounded to CALC_EXACT_DECIMALS decimals, half away from zero: the
 * double nearest to k x 10^-6 for the integer k nearest to v x 10^6.
 * NaN and infinities are returned as they are, and so is a v too large to
 * carry decimals (|v| x 10^6 >= 2^52, i.e. |v| above about 4.5 x 10^9).
 * -0 is returned as 0.
 */
double calc_exact(double v);

/* calc_cmp's answer when either side is NaN. */
#define CALC_UNORDERED 2

/*
 * a compared with b after both are rounded by calc_exact: -1 when a < b,
 * 0 when equal, 1 when a > b, CALC_UNORDERED when either is NaN.  The
 * predicates below are false for NaN: a figure that cannot be computed
 * neither reaches nor stays within a threshold.
 */
int calc_cmp(double a, double b);
int calc_ge(double a, double b); /* a >= b: "từ ... trở lên", at least a threshold */
int calc_le(double a, double b); /* a <= b: within a norm (SEC <= norm) */
int calc_gt(double a, double b); /* a > b: more than a limit */
int calc_lt(double a, double b); /* a < b: below a band's upper end */

#endif
