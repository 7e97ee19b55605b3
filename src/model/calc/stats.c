/*
 * Quantiles, percentile ranks and IQR fences (see stats.h for the methods).
 */
#include "model/calc/stats.h"

#include <math.h>
#include <stdlib.h>

/* Tukey's multiplier for the inner fences. */
#define CALC_TUKEY_K 1.5

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void
calc_sort(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), dbl_cmp);
}

double
calc_quantile(const double *sorted, size_t n, double p)
{
	if (n == 0 || !(p >= 0 && p <= 1))
		return NAN;
	double h = (double)(n - 1) * p;
	size_t i = (size_t)floor(h);
	if (i + 1 >= n)
		return sorted[n - 1];
	return sorted[i] + (h - (double)i) * (sorted[i + 1] - sorted[i]);
}

double
calc_percentile_rank(const double *v, size_t n, double x)
{
	if (n == 0)
		return NAN;
	size_t below = 0, equal = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < x)
			below++;
		else if (v[i] == x)
			equal++;
	}
	return 100.0 * ((double)below + (double)equal / 2.0) / (double)n;
}

int
calc_iqr_fences(const double *sorted, size_t n, double *lo, double *hi)
{
	if (n < 4)
		return -1;
	double q1 = calc_quantile(sorted, n, 0.25), q3 = calc_quantile(sorted, n, 0.75);
	*lo = q1 - CALC_TUKEY_K * (q3 - q1);
	*hi = q3 + CALC_TUKEY_K * (q3 - q1);
	return 0;
}
