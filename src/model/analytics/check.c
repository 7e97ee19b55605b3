/*
 * Data-quality checks (check.h) over one ledger of the years concerned (a
 * single year also loads the year before, for the year-on-year check).
 * Numbers in reasons are printed the Vietnamese way in the Vietnamese text
 * and the English way in the English one.
 */
#include "model/analytics/check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/analytics/benchmark.h"
#include "model/calc/exact.h"
#include "model/calc/stats.h"
#include "model/analytics/ledger.h"
#include "model/reporting/plausible.h"
#include "util/alloc.h"
#include "util/fmt.h"

/* The years check_run(0) covers: every year a report may have. */
#define CHECK_FIRST_YEAR 1990
#define CHECK_LAST_YEAR	 2100

struct fvec {
	struct finding *v;
	int n, cap;
	const struct ledger *l;
	const struct plaus *pl;
	int64_t *emp_ids, *emp; /* known employees by facility id (sorted) */
	int nemp;
};

static void
add(struct fvec *fv, const struct ledger_report *r, char *field, char *vi, char *en)
{
	if (fv->n == fv->cap) {
		fv->cap = fv->cap ? fv->cap * 2 : 64;
		fv->v = xrealloc(fv->v, (size_t)fv->cap * sizeof(*fv->v));
	}
	const struct ledger_facility *f = ledger_facility_find(fv->l, r->facility_id);
	fv->v[fv->n++] =
	    (struct finding){r->facility_id, xstrdup(f ? f->code : "?"), r->year, field, vi, en};
}

static double
total_output(const struct ledger_report *r)
{
	double s = 0;
	for (int i = 0; i < r->nproducts; i++)
		if (r->products[i].output > 0)
			s += r->products[i].output;
	return s;
}

/* The employees of facility id, 0 when unknown. */
static int64_t
employees_of(const struct fvec *fv, int64_t id)
{
	int lo = 0, hi = fv->nemp;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (fv->emp_ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < fv->nemp && fv->emp_ids[lo] == id ? fv->emp[lo] : 0;
}

/*
 * The plausibility findings of r (plaus_review): hard limits on its sums,
 * TOE per employee and SEC against the norm; the jump and the peers are
 * check_report's and check_sec's own.
 */
static void
check_plausible(struct fvec *fv, const struct ledger_report *r)
{
	struct plaus_warning *w = NULL;
	int n = 0;
	plaus_review(fv->pl, r, employees_of(fv, r->facility_id), NULL, NULL, NULL, &w, &n);
	for (int i = 0; i < n; i++) {
		char vi[512], en[512];
		add(fv, r, xstrdup(w[i].field),
		    xstrdup(msg_format(&w[i].m, LANG_VI, vi, sizeof(vi))),
		    xstrdup(msg_format(&w[i].m, LANG_EN, en, sizeof(en))));
	}
	free(w);
}

static void
check_report(struct fvec *fv, const struct ledger_report *r, const struct ledger_report *prev)
{
	double out = total_output(r);
	if (r->nlines == 0 && r->nproducts == 0)
		add(fv, r, xstrdup("report"), xstrdup("không có sản lượng và năng lượng"),
		    xstrdup("no output and no energy reported"));
	else if (r->nlines > 0 && !(out > 0))
		add(fv, r, xstrdup("output"), xstrdup("có năng lượng nhưng không có sản lượng"),
		    xstrdup("energy without output"));
	else if (r->nlines == 0 && out > 0)
		add(fv, r, xstrdup("energy"), xstrdup("có sản lượng nhưng không có năng lượng"),
		    xstrdup("output without energy"));

	for (int i = 0; i < r->nerrors; i++) {
		const struct ledger_error *e = &r->errors[i];
		enum msg_id m = ledger_error_msg(e->what);
		add(fv, r, xasprintf("energy.%s", e->carrier),
		    xasprintf("%s (đơn vị %s, năm %d)", msg_template(m, LANG_VI), e->unit, e->year),
		    xasprintf("%s (unit %s, year %d)", msg_template(m, LANG_EN), e->unit, e->year));
	}

	double jump = plaus_soft_value(fv->pl, PLAUS_TOE_JUMP);
	if (prev != NULL && isfinite(jump) && prev->year == r->year - 1 && prev->toe_ok &&
	    r->toe_ok && prev->nlines > 0 && r->nlines > 0 && prev->toe > 0) {
		double ch = (r->toe - prev->toe) / prev->toe;
		/* more than the threshold (50 %), in percent to 10^-6 (calc/exact.h) */
		if (calc_gt(fabs(ch) * 100, jump)) {
			char a[32], b[32], pvi[32], pen[32];
			fmt_qty(pvi, sizeof(pvi), ch * 100, FMT_PCT, LANG_VI);
			fmt_qty(pen, sizeof(pen), ch * 100, FMT_PCT, LANG_EN);
			add(fv, r, xstrdup("toe"),
			    xasprintf("thay đổi %s so với năm %d (%s → %s TOE)", pvi, prev->year,
				      fmt_qty(a, sizeof(a), prev->toe, FMT_TOE, LANG_VI),
				      fmt_qty(b, sizeof(b), r->toe, FMT_TOE, LANG_VI)),
			    xasprintf("changed by %s from %d (%s → %s TOE)", pen, prev->year,
				      fmt_qty(a, sizeof(a), prev->toe, FMT_TOE, LANG_EN),
				      fmt_qty(b, sizeof(b), r->toe, FMT_TOE, LANG_EN)));
		}
	}
}

/* A (report, product) SEC, for the peer groups. */
struct secref {
	const char *product;
	int year;
	double sec;
	const struct ledger_report *r;
	const struct ledger_product *p;
};

static int
sec_cmp(const void *a, const void *b)
{
	const struct secref *x = a, *y = b;
	int c = strcmp(x->product, y->product);
	if (c != 0)
		return c;
	if (x->year != y->year)
		return x->year - y->year;
	return (x->sec > y->sec) - (x->sec < y->sec);
}

static void
check_sec(struct fvec *fv, const struct ledger *l, int year)
{
	int n = 0, cap = 0;
	struct secref *v = NULL;
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_report *r = &l->reports[i];
		if (year != 0 && r->year != year)
			continue;
		for (int k = 0; k < r->nproducts; k++) {
			const struct ledger_product *p = &r->products[k];
			if (!isfinite(p->sec_gj))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 256;
				v = xrealloc(v, (size_t)cap * sizeof(*v));
			}
			v[n++] = (struct secref){p->product, r->year, p->sec_gj, r, p};
		}
	}
	if (n > 0)
		qsort(v, (size_t)n, sizeof(*v), sec_cmp);
	double *vals = xmalloc((size_t)(n > 0 ? n : 1) * sizeof(double));
	for (int g = 0; g < n;) {
		int e = g;
		while (e < n && strcmp(v[e].product, v[g].product) == 0 && v[e].year == v[g].year)
			e++;
		double lo, hi;
		for (int i = g; i < e; i++)
			vals[i - g] = v[i].sec;
		if (e - g >= BENCH_MIN_PEERS &&
		    plaus_fences(vals, (size_t)(e - g),
				 plaus_soft_value(fv->pl, PLAUS_SEC_PEER_IQR), &lo, &hi) == 0)
			for (int i = g; i < e; i++) {
				if (calc_ge(v[i].sec, lo) && calc_le(v[i].sec, hi))
					continue;
				char s[3][2][32];
				for (int k = 0; k < 2; k++) {
					enum lang lg = k == 0 ? LANG_VI : LANG_EN;
					fmt_qty(s[0][k], 32, v[i].sec, FMT_SEC, lg);
					fmt_qty(s[1][k], 32, lo, FMT_SEC, lg);
					fmt_qty(s[2][k], 32, hi, FMT_SEC, lg);
				}
				const char *u = v[i].p->unit;
				add(fv, v[i].r, xasprintf("sec.%s", v[i].product),
				    xasprintf(
					"suất tiêu hao %s GJ/%s nằm ngoài [%s; %s] của %d cơ sở "
					"cùng sản phẩm",
					s[0][0], u, s[1][0], s[2][0], e - g),
				    xasprintf(
					"SEC %s GJ/%s outside the fences [%s, %s] of %d peers",
					s[0][1], u, s[1][1], s[2][1], e - g));
			}
		g = e;
	}
	free(vals);
	free(v);
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->facility_code, y->facility_code);
	if (c == 0)
		c = x->year - y->year;
	if (c == 0)
		c = strcmp(x->field, y->field);
	if (c == 0)
		c = strcmp(x->reason_en, y->reason_en);
	return c;
}

int
check_run(struct db *db, int year, struct finding **out, int *n, char *err, size_t errsz)
{
	struct ledger *l = NULL;
	struct fvec fv = {0};
	*out = NULL;
	*n = 0;
	int first = year != 0 ? year - 1 : CHECK_FIRST_YEAR;
	int last = year != 0 ? year : CHECK_LAST_YEAR;
	if (ledger_load(db, first, last, 0, &l, err, errsz) < 0)
		return -1;
	struct plaus *pl = NULL;
	if (ledger_facilities(db, l, 0, err, errsz) < 0) {
		ledger_free(l);
		return -1;
	}
	if (plaus_load(db, &pl) != ST_OK ||
	    (fv.nemp = plaus_employees_all(db, &fv.emp_ids, &fv.emp)) < 0) {
		msg_both(err, errsz, MSG_IO_DB_ERROR, ": %s", db_errmsg(db));
		plaus_free(pl);
		ledger_free(l);
		return -1;
	}
	fv.l = l;
	fv.pl = pl;
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_report *r = &l->reports[i];
		if (year != 0 && r->year != year)
			continue;
		const struct ledger_report *prev =
		    i > 0 && l->reports[i - 1].facility_id == r->facility_id ? &l->reports[i - 1]
									     : NULL;
		check_report(&fv, r, prev);
		check_plausible(&fv, r);
	}
	check_sec(&fv, l, year);
	if (fv.n > 1)
		qsort(fv.v, (size_t)fv.n, sizeof(*fv.v), finding_cmp);
	ledger_free(l);
	plaus_free(pl);
	free(fv.emp_ids);
	free(fv.emp);
	*out = fv.v;
	*n = fv.n;
	return 0;
}

void
check_free(struct finding *f, int n)
{
	if (f == NULL)
		return;
	for (int i = 0; i < n; i++) {
		free((char *)f[i].facility_code);
		free((char *)f[i].field);
		free((char *)f[i].reason_vi);
		free((char *)f[i].reason_en);
	}
	free(f);
}
