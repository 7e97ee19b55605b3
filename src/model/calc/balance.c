/*
 * Balance closure (see balance.h).
 */
#include "model/calc/balance.h"

#include <math.h>

#include "model/calc/exact.h"

void
bal_sum(const struct bal_line *lines, int n, double *in, double *out)
{
	double si = 0, so = 0;
	for (int i = 0; i < n; i++) {
		if (lines[i].dir == BAL_IN)
			si += lines[i].qty;
		else
			so += lines[i].qty;
	}
	*in = si;
	*out = so;
}

void
bal_close(double in, double out, double tol_pct, struct bal_result *r)
{
	r->in = in;
	r->out = out;
	r->diff = in - out;
	/* the sums are compared as the figures they are kept to (exact.h) */
	if (calc_cmp(in, 0) == 0 && calc_cmp(out, 0) == 0) {
		r->diff = 0;
		r->error = 0;
		r->state = BAL_EMPTY;
		return;
	}
	if (calc_cmp(in, 0) == 0) {
		r->error = NAN;
		r->state = BAL_UNDEFINED;
		return;
	}
	if (calc_cmp(out, 0) == 0) {
		r->error = NAN;
		r->state = BAL_NO_OUTPUT;
		return;
	}
	r->error = r->diff / in;
	/* percent against percent: 10^-6 percentage points decide */
	r->state = calc_gt(fabs(r->error * 100.0), tol_pct) ? BAL_BEYOND : BAL_WITHIN;
}

void
bal_of_lines(const struct bal_line *lines, int n, double tol_pct, struct bal_result *r)
{
	double in, out;
	bal_sum(lines, n, &in, &out);
	bal_close(in, out, tol_pct, r);
}
