/*
 * Small descriptive statistics for benchmarks and data checks: sorting,
 * quantiles, the percentile rank of a value among its peers and Tukey's
 * IQR fences.  Pure functions over caller-owned arrays; no allocation.
 *
 * Quantiles use linear interpolation between order statistics (Hyndman
 * and Fan's type 7, the default of R and of Excel's PERCENTILE.INC): for
 * sorted x[0..n) and p in [0, 1], h = (n - 1) p and
 * Q(p) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 *
 * The percentile rank of x among n values is 100 (L + E / 2) / n, where L
 * counts the values strictly below x and E those equal to it (x itself
 * included when it is one of them): the lowest of five distinct values is
 * at 10, the highest at 90, the middle at 50.
 */
#ifndef SXSH_MODEL_CALC_STATS_H
#define SXSH_MODEL_CALC_STATS_H

#include <stddef.h>

/* Sorts v[0..n) ascending (NANs are not allowed). */
void calc_sort(double *v, size_t n);

/* Q(p) of sorted[0..n) as described above; NAN when n == 0 or p is outside [0, 1]. */
double calc_quantile(const double *sorted, size_t n, double p);

/* The percentile rank (0..100) of x among v[0..n) (any order); NAN when n == 0. */
double calc_percentile_rank(const double *v, size_t n, double x);

/*
 * Tukey's fences of sorted[0..n): lo = Q1 - k IQR, hi = Q3 + k IQR with
 * IQR = Q3 - Q1 and k = 1.5.  Returns 0, or -1 (fences untouched) when
 * n < 4, too few values for quartiles to mean anything.
 */
int calc_iqr_fences(const double *sorted, size_t n, double *lo, double *hi);

#endif
