/*
 * Least-squares energy baseline and normalised saving (regression.h).
 * Sums are taken around the means, which keeps them accurate when
 * production is large and varies little.
 */
#include "model/calc/regression.h"

#include <math.h>

int
calc_linfit(const double *p, const double *e, size_t n, struct calc_linfit *out)
{
	if (n < 2)
		return -1;
	double mp = 0, me = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(p[i]) || !isfinite(e[i]))
			return -1;
		mp += p[i];
		me += e[i];
	}
	mp /= (double)n;
	me /= (double)n;
	double sxx = 0, sxy = 0, syy = 0;
	for (size_t i = 0; i < n; i++) {
		sxx += (p[i] - mp) * (p[i] - mp);
		sxy += (p[i] - mp) * (e[i] - me);
		syy += (e[i] - me) * (e[i] - me);
	}
	if (!(sxx > 0))
		return -1;
	out->b = sxy / sxx;
	out->a = me - out->b * mp;
	out->n = (int)n;
	double ssres = 0;
	for (size_t i = 0; i < n; i++) {
		double r = e[i] - (out->a + out->b * p[i]);
		ssres += r * r;
	}
	out->r2 = syy > 0 ? 1.0 - ssres / syy : NAN;
	return 0;
}

double
calc_normalised_saving(const struct calc_linfit *m, const double *p, const double *e, size_t n)
{
	double expected = 0, actual = 0;
	for (size_t i = 0; i < n; i++) {
		expected += m->a + m->b * p[i];
		actual += e[i];
	}
	if (n == 0 || !(expected > 0))
		return NAN;
	return (expected - actual) / expected;
}

double
calc_normalised_saving_total(const struct calc_linfit *m, int months, double p, double e)
{
	double expected = months * m->a + m->b * p;
	if (!(expected > 0) || !isfinite(e))
		return NAN;
	return (expected - e) / expected;
}
