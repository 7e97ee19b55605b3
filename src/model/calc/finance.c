/*
 * Payback, NPV, IRR and the weighted score of a cleaner-production option
 * (finance.h).  The IRR's root finding works on the flows c_0 = -capex,
 * c_1..c_n held in a struct flows; it needs only the sign of NPV at a
 * rate, so each range of rates uses the form of NPV (or of NPV times a
 * positive factor) that neither overflows nor loses the digits that decide
 * the sign there.
 */
#include "model/calc/finance.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

/* The flows of year 0..n, with their first and last nonzero index. */
struct flows {
	double c[FIN_YEARS_MAX + 1];
	int n;
	int first, last; /* -1 when every flow is 0 */
	double sum;	 /* Σ c_k, compensated: NPV at rate 0 */
};

/* How far the single root of one sign change is looked for. */
#define IRR_LO_GAP 1e-12 /* down to -1 + 1e-12 */
#define IRR_HI_MAX 1e9	 /* up to 10^9 (10^11 %) */

/* A bracket narrower than this, near a rate of 0, is a root. */
#define IRR_ABS_TOL 1e-20

static int
sign_of(double v)
{
	return (v > 0) - (v < 0);
}

static int
amount_ok(double v)
{
	return isfinite(v) && fabs(v) <= FIN_AMOUNT_MAX;
}

static int
inputs_ok(double capex, const double *cf, int n, double rate)
{
	if (n < 1 || n > FIN_YEARS_MAX || cf == NULL)
		return 0;
	if (!amount_ok(capex) || capex < 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (!amount_ok(cf[i]))
			return 0;
	return isfinite(rate) && rate >= FIN_RATE_MIN && rate <= FIN_RATE_MAX;
}

static void
flows_make(struct flows *f, double capex, const double *cf, int n)
{
	f->n = n;
	f->c[0] = capex != 0 ? -capex : 0.0; /* no -0 */
	for (int k = 1; k <= n; k++)
		f->c[k] = cf[k - 1];
	f->first = f->last = -1;
	/* Neumaier's compensated sum: the flows at rate 0 decide the sign of
	 * NPV near 0 and may nearly cancel. */
	double s = 0, comp = 0;
	for (int k = 0; k <= n; k++) {
		double v = f->c[k];
		if (v != 0) {
			if (f->first < 0)
				f->first = k;
			f->last = k;
		}
		double t = s + v;
		if (fabs(s) >= fabs(v))
			comp += (s - t) + v;
		else
			comp += (v - t) + s;
		s = t;
	}
	f->sum = s + comp;
}

/*
 * NPV at rate r times a positive factor (so of the same sign), for
 * r > -1 and f->first >= 0:
 *   r > 1:        Σ c_k x^(k-first), x = 1/(1+r) < 1/2, by Horner;
 *   r < -1/2:     Σ c_k y^(last-k), y = 1+r < 1/2, by Horner (NPV y^last);
 *   otherwise:    Σ c_k + Σ c_k expm1(-k log1p r), NPV itself, which keeps
 *                 its digits when r is near 0 and the flows nearly cancel.
 * Powers of a number below 1/2 neither overflow nor, with the zero flows at
 * either end left out, underflow before the leading term.
 */
static double
flows_eval(const struct flows *f, double r)
{
	double v;
	if (r > 1) {
		double x = 1.0 / (1.0 + r);
		v = f->c[f->last];
		for (int k = f->last - 1; k >= f->first; k--)
			v = v * x + f->c[k];
	} else if (r < -0.5) {
		double y = 1.0 + r;
		v = f->c[f->first];
		for (int k = f->first + 1; k <= f->last; k++)
			v = v * y + f->c[k];
	} else {
		double l = log1p(r);
		v = 0;
		for (int k = 1; k <= f->n; k++)
			if (f->c[k] != 0)
				v += f->c[k] * expm1(-(double)k * l);
		v += f->sum;
	}
	return v;
}

/*
 * The root in (lo, hi), where flows_eval has the nonzero sign slo at lo
 * and the opposite at hi: bisection until the bracket is a double or two
 * wide (or IRR_ABS_TOL near 0).  Bisection needs only signs, which the
 * forms of flows_eval give reliably; 200 halvings take any bracket here
 * (at most 10^9 wide) below the tolerance.
 */
static double
bisect(const struct flows *f, double lo, double hi, int slo)
{
	for (int i = 0; i < 200; i++) {
		double mid = lo + (hi - lo) / 2;
		if (mid <= lo || mid >= hi)
			break;
		if (hi - lo <= 2 * DBL_EPSILON * fmax(fabs(lo), fabs(hi)) || hi - lo <= IRR_ABS_TOL)
			break;
		int sm = sign_of(flows_eval(f, mid));
		if (sm == 0)
			return mid;
		if (sm == slo)
			lo = mid;
		else
			hi = mid;
	}
	return lo + (hi - lo) / 2;
}

/* The one root when the flows change sign once; NAN when it lies beyond
 * the range searched. */
static double
irr_single(const struct flows *f)
{
	/* NPV tends to the sign of c_first as r grows, to that of c_last as r
	 * nears -1; they differ, and the root lies on the side of 0 where NPV
	 * at 0 has not yet taken the sign it ends with. */
	int s0 = sign_of(flows_eval(f, 0));
	if (s0 == 0)
		return 0;
	if (s0 == sign_of(f->c[f->first])) {
		double hi = 0, lo = -0.5;
		for (;;) {
			int s = sign_of(flows_eval(f, lo));
			if (s == 0)
				return lo;
			if (s != s0)
				return bisect(f, lo, hi, s);
			hi = lo;
			lo = -1 + (1 + lo) / 16;
			if (1 + lo < IRR_LO_GAP)
				return NAN;
		}
	}
	double lo = 0, hi = 1;
	for (;;) {
		int s = sign_of(flows_eval(f, hi));
		if (s == 0)
			return hi;
		if (s != s0)
			return bisect(f, lo, hi, s0);
		lo = hi;
		hi *= 16;
		if (hi > IRR_HI_MAX)
			return NAN;
	}
}

static void
irr_add_root(struct fin_irr *out, double root, double rate)
{
	if (out->nroots < FIN_IRR_ROOTS_MAX)
		out->roots[out->nroots] = root;
	out->nroots++;
	/* Roots come in ascending order, so a tie keeps the smaller. */
	if (isnan(out->irr) || fabs(root - rate) < fabs(out->irr - rate))
		out->irr = root;
}

/* Every root on the grid FIN_IRR_SCAN_LO + i FIN_IRR_SCAN_STEP: a grid
 * point where NPV is 0, or a cell whose ends have opposite signs. */
static void
irr_scan(const struct flows *f, double rate, struct fin_irr *out)
{
	int cells = (int)lround((FIN_IRR_SCAN_HI - FIN_IRR_SCAN_LO) / FIN_IRR_SCAN_STEP);
	double a = FIN_IRR_SCAN_LO;
	int sa = sign_of(flows_eval(f, a));
	if (sa == 0)
		irr_add_root(out, a, rate);
	for (int i = 1; i <= cells; i++) {
		/* Each point from i, not by adding steps, so errors do not pile up. */
		double b = i == cells ? FIN_IRR_SCAN_HI : FIN_IRR_SCAN_LO + i * FIN_IRR_SCAN_STEP;
		int sb = sign_of(flows_eval(f, b));
		if (sb == 0)
			irr_add_root(out, b, rate);
		else if (sa != 0 && sa != sb)
			irr_add_root(out, bisect(f, a, b, sa), rate);
		a = b;
		sa = sb;
	}
}

const char *
fin_irr_status_code(enum fin_irr_status st)
{
	switch (st) {
	case FIN_IRR_ONE:
		return "one";
	case FIN_IRR_NONE_NO_SIGN_CHANGE:
		return "none";
	case FIN_IRR_SEVERAL:
		return "several";
	case FIN_IRR_NOT_FOUND:
		return "not_found";
	case FIN_IRR_SCAN_ONE:
		return "scan_one";
	}
	return "not_found";
}

int
fin_irr(double capex, const double *cf, int n, double rate, struct fin_irr *out)
{
	if (!inputs_ok(capex, cf, n, rate))
		return -1;
	struct flows f;
	flows_make(&f, capex, cf, n);
	out->irr = NAN;
	out->nroots = 0;
	for (int i = 0; i < FIN_IRR_ROOTS_MAX; i++)
		out->roots[i] = NAN;
	out->sign_changes = 0;
	int prev = 0;
	for (int k = 0; k <= n; k++) {
		int s = sign_of(f.c[k]);
		if (s == 0)
			continue;
		if (prev != 0 && s != prev)
			out->sign_changes++;
		prev = s;
	}
	if (out->sign_changes == 0) {
		out->status = FIN_IRR_NONE_NO_SIGN_CHANGE;
		return 0;
	}
	if (out->sign_changes == 1) {
		double r = irr_single(&f);
		if (isnan(r)) {
			out->status = FIN_IRR_NOT_FOUND;
			return 0;
		}
		irr_add_root(out, r, rate);
		out->status = FIN_IRR_ONE;
		return 0;
	}
	irr_scan(&f, rate, out);
	out->status = out->nroots == 0	 ? FIN_IRR_NOT_FOUND
		      : out->nroots == 1 ? FIN_IRR_SCAN_ONE
					 : FIN_IRR_SEVERAL;
	return 0;
}

double
fin_npv(double rate, double capex, const double *cf, int n)
{
	if (n < 0 || n > FIN_YEARS_MAX || !isfinite(rate) || !(rate > -1))
		return NAN;
	double sum = 0, d = 1;
	for (int k = 0; k < n; k++) {
		d /= 1 + rate;
		sum += cf[k] * d;
	}
	return sum - capex;
}

double
fin_payback(double capex, const double *cf, int n, double rate, int *never)
{
	*never = 0;
	if (!(capex > 0))
		return 0;
	double cum = 0, d = 1;
	for (int k = 1; k <= n; k++) {
		d /= 1 + rate;
		double v = cf[k - 1] * d;
		double before = cum;
		cum += v;
		/* before < capex <= cum, so v > 0 here. */
		if (cum >= capex)
			return (k - 1) + (capex - before) / v;
	}
	*never = 1;
	return NAN;
}

int
fin_evaluate(double capex, const double *cf, int n, double rate, struct fin_result *out)
{
	struct fin_irr irr;
	if (fin_irr(capex, cf, n, rate, &irr) != 0)
		return -1;
	out->simple_payback = fin_payback(capex, cf, n, 0, &out->payback_never);
	out->discounted_payback = fin_payback(capex, cf, n, rate, &out->dpayback_never);
	out->npv = fin_npv(rate, capex, cf, n);
	out->irr = irr.irr;
	out->irr_status = irr.status;
	out->nroots = irr.nroots;
	memcpy(out->roots, irr.roots, sizeof out->roots);
	return 0;
}

int
fin_constant_flows(double saving, int life, double *cf)
{
	if (life < 1 || life > FIN_YEARS_MAX || !amount_ok(saving))
		return -1;
	for (int k = 0; k < life; k++)
		cf[k] = saving;
	return 0;
}

enum fin_score_error
fin_score_check(const double score[FIN_CRIT__MAX], const double weight[FIN_CRIT__MAX], int *which)
{
	double wsum = 0;
	if (which)
		*which = -1;
	for (int i = 0; i < FIN_CRIT__MAX; i++) {
		if (!isfinite(score[i]) || score[i] < 0 || score[i] > FIN_SCORE_MAX) {
			if (which)
				*which = i;
			return FIN_SCORE_ERR_SCORE;
		}
		if (!isfinite(weight[i]) || weight[i] < 0 || weight[i] > FIN_WEIGHT_MAX) {
			if (which)
				*which = i;
			return FIN_SCORE_ERR_WEIGHT;
		}
		wsum += weight[i];
	}
	if (!(wsum > 0))
		return FIN_SCORE_ERR_WEIGHTS_ZERO;
	return FIN_SCORE_OK;
}

int
fin_score(const double score[FIN_CRIT__MAX], const double weight[FIN_CRIT__MAX], double *out)
{
	enum fin_score_error e = fin_score_check(score, weight, NULL);
	if (e != FIN_SCORE_OK)
		return e;
	double num = 0, den = 0;
	for (int i = 0; i < FIN_CRIT__MAX; i++) {
		num += weight[i] * score[i];
		den += weight[i];
	}
	*out = num / den;
	return FIN_SCORE_OK;
}
