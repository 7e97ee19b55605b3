/*
 * The ISO 50006 energy baseline as a straight line E = a + b P fitted by
 * ordinary least squares to monthly points (production P, energy E), its
 * coefficient of determination R², and the normalised saving of a later
 * period: the energy the baseline model expects for that period's
 * production minus the energy used, as a share of the expected energy.
 * Pure functions; the caller chooses the units (sxsh uses GJ and the
 * product's unit).
 */
#ifndef SXSH_MODEL_CALC_REGRESSION_H
#define SXSH_MODEL_CALC_REGRESSION_H

#include <stddef.h>

/* The minimum R² of a model that is shown without a flag (ISO 50006 practice). */
#define CALC_R2_MIN 0.75

struct calc_linfit {
	double a, b; /* E = a + b P */
	double r2;   /* 1 - SS_res / SS_tot; NAN when every E is the same */
	int n;	     /* points used */
};

/*
 * Fits e = a + b p over n points: b = Sxy / Sxx, a = mean(e) - b mean(p),
 * with Sxy = Σ (p - mean p)(e - mean e), Sxx = Σ (p - mean p)².  Returns 0
 * and *out, or -1 when n < 2, when all p are equal (no slope), or when a
 * value is not finite.
 */
int calc_linfit(const double *p, const double *e, size_t n, struct calc_linfit *out);

/*
 * The normalised saving over n points of a reporting period:
 * (Σ (a + b p_i) - Σ e_i) / Σ (a + b p_i).  NAN when n == 0 or the expected
 * energy is not positive.
 */
double calc_normalised_saving(const struct calc_linfit *m, const double *p, const double *e,
			      size_t n);

/*
 * The same for a period known only as a total: months months with total
 * production p and energy e: expected = months a + b p; saving =
 * (expected - e) / expected.  NAN when expected is not positive.
 */
double calc_normalised_saving_total(const struct calc_linfit *m, int months, double p, double e);

#endif
