/*
 * Savings per unit of product and the ISO 50006 regression baseline
 * (savings.h), over one facility's ledger.
 */
#include "model/analytics/savings.h"

#include <math.h>
#include <string.h>
#include <stdlib.h>

#include "model/calc/energy.h"
#include "model/calc/exact.h"
#include "model/calc/regression.h"
#include "model/analytics/kpi.h"
#include "model/analytics/ledger.h"
#include "util/alloc.h"

/* Reports before this year cannot exist (report.year CHECK). */
#define SAVINGS_FIRST_YEAR 1990

static const struct ledger_report *
report_of(const struct ledger *l, int year)
{
	for (int i = 0; i < l->nreports; i++)
		if (l->reports[i].year == year)
			return &l->reports[i];
	return NULL;
}

static const char *
main_code(const struct ledger_report *r)
{
	return r->main_product >= 0 ? r->products[r->main_product].product : NULL;
}

/* Fits the model of the baseline report and the normalised saving of the year. */
static void
regress(struct saving *s, const struct ledger_report *base, const struct ledger_report *yr,
	const struct ledger_product *py)
{
	double p[12], e[12];
	size_t n = 0;
	const char *mp = main_code(base);
	if (base->monthly_points < SAVINGS_MIN_POINTS || mp == NULL || strcmp(mp, py->product) != 0)
		return;
	for (int m = 0; m < 12; m++)
		if (isfinite(base->month_gj[m]) && isfinite(base->month_out[m])) {
			p[n] = base->month_out[m];
			e[n++] = base->month_gj[m];
		}
	struct calc_linfit fit;
	if (calc_linfit(p, e, n, &fit) < 0)
		return;
	s->has_model = 1;
	s->a = fit.a;
	s->b = fit.b;
	s->r2 = fit.r2;
	s->n_points = fit.n;
	s->flagged = !calc_ge(fit.r2, CALC_R2_MIN);

	const char *ym = main_code(yr);
	if (yr->monthly_points >= SAVINGS_MIN_POINTS && ym != NULL &&
	    strcmp(ym, py->product) == 0) {
		n = 0;
		for (int m = 0; m < 12; m++)
			if (isfinite(yr->month_gj[m]) && isfinite(yr->month_out[m])) {
				p[n] = yr->month_out[m];
				e[n++] = yr->month_gj[m];
			}
		s->normalised_saving = calc_normalised_saving(&fit, p, e, n);
		return;
	}
	/* Annual: the year's GJ of the carriers the baseline reported monthly. */
	double ey = 0;
	int any = 0;
	for (int i = 0; i < yr->ncarriers; i++)
		for (int j = 0; j < base->ncarriers; j++)
			if (base->carriers[j].monthly &&
			    strcmp(base->carriers[j].carrier, yr->carriers[i].carrier) == 0) {
				ey += yr->carriers[i].gj;
				any = 1;
			}
	if (any)
		s->normalised_saving = calc_normalised_saving_total(&fit, 12, py->output, ey);
}

void
savings_compare(const struct ledger_report *base, const struct ledger_report *yr,
		const char *product, struct saving *s)
{
	const struct ledger_product *pb = ledger_report_product(base, product);
	const struct ledger_product *py = ledger_report_product(yr, product);
	s->sec_base = pb != NULL ? pb->sec_gj : NAN;
	s->sec_year = py != NULL ? py->sec_gj : NAN;
	s->saving = calc_saving(s->sec_base, s->sec_year);
	s->has_model = 0;
	s->flagged = 0;
	s->n_points = 0;
	s->a = s->b = s->r2 = s->normalised_saving = NAN;
	if (py != NULL)
		regress(s, base, yr, py);
}

double
savings_energy(const struct saving *s)
{
	if (s->has_model && !s->flagged && isfinite(s->normalised_saving))
		return s->normalised_saving;
	return s->saving;
}

int
savings_facility(struct db *db, int64_t facility_id, int year, int base_year, struct saving **out,
		 int *n, char *err, size_t errsz)
{
	struct ledger *l = NULL;
	*out = NULL;
	*n = 0;
	if (ledger_load(db, SAVINGS_FIRST_YEAR, year, facility_id, &l, err, errsz) < 0)
		return -1;
	const struct ledger_report *yr = report_of(l, year);
	if (yr == NULL || yr->nproducts == 0) {
		ledger_free(l);
		return 0;
	}
	struct saving *v = xcalloc((size_t)yr->nproducts, sizeof(*v));
	for (int i = 0; i < yr->nproducts; i++) {
		const struct ledger_product *py = &yr->products[i];
		struct saving *s = &v[i];
		s->facility_id = facility_id;
		s->product = xstrdup(py->product);
		s->year = year;
		s->sec_year = py->sec_gj;
		s->sec_base = s->saving = s->a = s->b = s->r2 = s->normalised_saving = NAN;
		const struct ledger_report *base = NULL;
		for (int k = 0; k < l->nreports && base == NULL; k++) {
			const struct ledger_report *r = &l->reports[k];
			if (base_year != 0 ? r->year != base_year
					   : r->year < KPI_BASELINE_FROM || r->year >= year)
				continue;
			const struct ledger_product *p = ledger_report_product(r, py->product);
			if (base_year == 0 && (p == NULL || !isfinite(p->sec_gj)))
				continue;
			base = r;
		}
		if (base == NULL)
			continue;
		s->base_year = base->year;
		savings_compare(base, yr, py->product, s);
	}
	*out = v;
	*n = yr->nproducts;
	ledger_free(l);
	return 0;
}

void
savings_free(struct saving *s, int n)
{
	if (s == NULL)
		return;
	for (int i = 0; i < n; i++)
		free((char *)s[i].product);
	free(s);
}
