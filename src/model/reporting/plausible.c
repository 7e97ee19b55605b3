/*
 * Plausibility limits (plausible.h): the rows of table plausibility and
 * the unit table held in two small arrays (a few dozen rows), looked up by
 * a linear scan; the soft warnings of one report, computed from its
 * ledger (model/analytics/ledger.h) so the form's preview and `sxsh check`
 * see the same figures.
 */
#include "model/reporting/plausible.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/analytics/benchmark.h"
#include "model/analytics/ledger.h"
#include "model/calc/exact.h"
#include "model/calc/stats.h"
#include "util/alloc.h"
#include "util/log.h"

static const char *const line_codes[PLAUS__LINES] = {
    [PLAUS_OUTPUT] = "output",
    [PLAUS_ENERGY] = "energy",
    [PLAUS_WATER] = "water",
    [PLAUS_MATERIAL] = "material",
};

static const char *const soft_codes[PLAUS__SOFT] = {
    [PLAUS_TOE_PER_EMPLOYEE] = "toe_per_employee",
    [PLAUS_TOE_JUMP] = "toe_jump",
    [PLAUS_SEC_NORM_RATIO] = "sec_norm_ratio",
    [PLAUS_SEC_PEER_IQR] = "sec_peer_iqr",
};

static const struct val_label lbl_energy = {"lượng năng lượng", "energy quantity"};
static const struct val_label lbl_output = {"sản lượng", "output quantity"};

struct plaus_unit {
	char *code, *dim;
	double base;
};

struct plaus_row {
	int line; /* enum plaus_line */
	char *item;
	const struct plaus_unit *unit;
	double value;
};

struct plaus {
	int nunits, nrows;
	struct plaus_unit *units;
	struct plaus_row *rows;
	double soft[PLAUS__SOFT];
};

static const struct plaus_unit *
unit_find(const struct plaus *p, const char *code)
{
	for (int i = 0; i < p->nunits; i++)
		if (strcmp(p->units[i].code, code) == 0)
			return &p->units[i];
	return NULL;
}

void
plaus_free(struct plaus *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < p->nunits; i++) {
		free(p->units[i].code);
		free(p->units[i].dim);
	}
	for (int i = 0; i < p->nrows; i++)
		free(p->rows[i].item);
	free(p->units);
	free(p->rows);
	free(p);
}

/* Keeps one row of STMT_PLAUS_LIST: a hard limit or a soft threshold. */
static void
add_row(struct plaus *p, struct db_stmt *st)
{
	const char *code = db_col_text(st, 0), *line = db_col_text(st, 1);
	double v = db_col_double(st, 4);
	if (strcmp(code, "hard") != 0) {
		for (int s = 0; s < PLAUS__SOFT; s++)
			if (strcmp(code, soft_codes[s]) == 0)
				p->soft[s] = v;
		return;
	}
	int kind = -1;
	for (int k = 0; k < PLAUS__LINES; k++)
		if (strcmp(line, line_codes[k]) == 0)
			kind = k;
	const struct plaus_unit *u = unit_find(p, db_col_text(st, 3));
	if (kind < 0 || u == NULL) {
		log_err("plausibility: row %s %s %s %s ignored (unknown line or unit)", code, line,
			db_col_text(st, 2), db_col_text(st, 3));
		return;
	}
	p->rows = xrealloc(p->rows, (size_t)(p->nrows + 1) * sizeof(*p->rows));
	p->rows[p->nrows++] =
	    (struct plaus_row){kind, xstrdup(db_col_text(st, 2)), u, db_col_double(st, 4)};
}

int
plaus_load(struct db *db, struct plaus **out)
{
	struct plaus *p = xcalloc(1, sizeof(*p));
	int rc;
	*out = NULL;
	for (int s = 0; s < PLAUS__SOFT; s++)
		p->soft[s] = NAN;
	struct db_stmt *st = db_stmt(db, STMT_PLAUS_UNITS);
	while ((rc = db_step(st)) == DB_ROW) {
		p->units = xrealloc(p->units, (size_t)(p->nunits + 1) * sizeof(*p->units));
		p->units[p->nunits++] = (struct plaus_unit){
		    xstrdup(db_col_text(st, 0)), xstrdup(db_col_text(st, 1)), db_col_double(st, 2)};
	}
	db_reset(st);
	if (rc != DB_DONE)
		goto fail;
	/* The units are all read: rows may point into p->units from here on. */
	st = db_stmt(db, STMT_PLAUS_LIST);
	while ((rc = db_step(st)) == DB_ROW)
		add_row(p, st);
	db_reset(st);
	if (rc != DB_DONE)
		goto fail;
	*out = p;
	return ST_OK;
fail:
	log_err("plausibility limits: %s", db_errmsg(db));
	plaus_free(p);
	return ST_ERR;
}

double
plaus_hard_limit(const struct plaus *p, enum plaus_line line, const char *item, const char *unit,
		 int month)
{
	const struct plaus_unit *u = unit_find(p, unit);
	if (u == NULL || !(u->base > 0))
		return INFINITY;
	const struct plaus_row *any = NULL, *own = NULL;
	for (int i = 0; i < p->nrows; i++) {
		const struct plaus_row *r = &p->rows[i];
		if (r->line != (int)line || strcmp(r->unit->dim, u->dim) != 0)
			continue;
		if (strcmp(r->item, item) == 0)
			own = r;
		else if (strcmp(r->item, "*") == 0)
			any = r;
	}
	const struct plaus_row *r = own != NULL ? own : any;
	if (r == NULL)
		return INFINITY;
	double v = r->unit == u ? r->value : r->value * r->unit->base / u->base;
	return month >= 1 && month <= 12 ? v / 12 : v;
}

int
plaus_hard_check(const struct plaus *p, enum plaus_line line, const char *item, double qty,
		 const char *unit, int month, const struct val_label *label, struct msg *m)
{
	double lim = plaus_hard_limit(p, line, item, unit, month);
	if (!isfinite(lim) || !calc_gt(qty, lim))
		return 0;
	int monthly = month >= 1 && month <= 12;
	msg_init(m, monthly ? MSG_PL_HARD_MONTH : MSG_PL_HARD_YEAR, label);
	msg_str(m, item);
	msg_real(m, qty, fmt_qty_decimals(FMT_QTY, qty));
	msg_real(m, lim, fmt_qty_decimals(FMT_QTY, lim));
	msg_code(m, unit);
	return 1;
}

double
plaus_soft_value(const struct plaus *p, enum plaus_soft s)
{
	return (unsigned)s < PLAUS__SOFT ? p->soft[s] : NAN;
}

int
plaus_fences(const double *sorted, size_t n, double k, double *lo, double *hi)
{
	if (n < 4 || !isfinite(k))
		return -1;
	double q1 = calc_quantile(sorted, n, 0.25), q3 = calc_quantile(sorted, n, 0.75);
	*lo = q1 - k * (q3 - q1);
	*hi = q3 + k * (q3 - q1);
	return 0;
}

int
plaus_peer_fences(struct db *db, const struct plaus *p, const char *product, int year,
		  int64_t facility_id, double *lo, double *hi, int *npeers)
{
	char err[256];
	struct ledger *l = NULL;
	double k = plaus_soft_value(p, PLAUS_SEC_PEER_IQR);
	*npeers = 0;
	if (!isfinite(k))
		return 0;
	if (ledger_load_product(db, year, year, 0, product, 1, &l, err, sizeof(err)) < 0) {
		log_err("plausibility peers: %s", err);
		return -1;
	}
	double *v = xmalloc((size_t)(l->nreports + 1) * sizeof(*v));
	int n = 0;
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_product *lp = ledger_report_product(&l->reports[i], product);
		if (l->reports[i].facility_id != facility_id && lp != NULL && isfinite(lp->sec_gj))
			v[n++] = lp->sec_gj;
	}
	int rc = 0;
	if (n >= BENCH_MIN_PEERS) {
		calc_sort(v, (size_t)n);
		rc = plaus_fences(v, (size_t)n, k, lo, hi) == 0;
		*npeers = n;
	}
	free(v);
	ledger_free(l);
	return rc;
}

int64_t
plaus_employees(struct db *db, int64_t facility_id)
{
	int64_t n = 0;
	struct db_stmt *st = db_stmt(db, STMT_PLAUS_EMPLOYEES);
	db_bind_int(st, 1, facility_id);
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 1);
	db_reset(st);
	return n;
}

int
plaus_employees_all(struct db *db, int64_t **ids, int64_t **emp)
{
	int n = 0, rc;
	*ids = *emp = NULL;
	struct db_stmt *st = db_stmt(db, STMT_PLAUS_EMPLOYEES);
	db_bind_int(st, 1, 0);
	while ((rc = db_step(st)) == DB_ROW) {
		*ids = xrealloc(*ids, (size_t)(n + 1) * sizeof(**ids));
		*emp = xrealloc(*emp, (size_t)(n + 1) * sizeof(**emp));
		(*ids)[n] = db_col_int(st, 0);
		(*emp)[n++] = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return n;
	log_err("plausibility: employees: %s", db_errmsg(db));
	free(*ids);
	free(*emp);
	*ids = *emp = NULL;
	return -1;
}

/* Appends a warning about field (printf) with message m. */
__attribute__((format(printf, 4, 5))) static void
warn(struct plaus_warning **w, int *n, const struct msg *m, const char *fmt, ...)
{
	*w = xrealloc(*w, (size_t)(*n + 1) * sizeof(**w));
	struct plaus_warning *x = &(*w)[(*n)++];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->field, sizeof(x->field), fmt, ap);
	va_end(ap);
	x->m = *m;
}

/* msg_real with the decimals fmt_qty shows q with. */
static void
arg_qty(struct msg *m, double v, enum fmt_qty q)
{
	msg_real(m, v, fmt_qty_decimals(q, v));
}

int
plaus_review(const struct plaus *p, const struct ledger_report *r, int64_t employees,
	     const struct ledger_report *prev, plaus_fences_fn *fences, void *ctx,
	     struct plaus_warning **w, int *n)
{
	struct msg m;
	int n0 = *n;

	/* Hard limits on the report's sums: every line counted, as the ledger does. */
	for (int i = 0; i < r->ncarriers; i++) {
		const struct ledger_carrier *c = &r->carriers[i];
		if (isfinite(c->qty_native) &&
		    plaus_hard_check(p, PLAUS_ENERGY, c->carrier, c->qty_native, c->native_unit, 0,
				     &lbl_energy, &m))
			warn(w, n, &m, "energy.%s", c->carrier);
	}
	for (int i = 0; i < r->nproducts; i++) {
		const struct ledger_product *lp = &r->products[i];
		if (isfinite(lp->output) && lp->unit != NULL &&
		    plaus_hard_check(p, PLAUS_OUTPUT, lp->product, lp->output, lp->unit, 0,
				     &lbl_output, &m))
			warn(w, n, &m, "output.%s", lp->product);
	}

	/* TOE per employee. */
	double tpe = plaus_soft_value(p, PLAUS_TOE_PER_EMPLOYEE);
	if (employees > 0 && r->toe_ok && r->nlines > 0 && isfinite(tpe) &&
	    calc_gt(r->toe / (double)employees, tpe)) {
		msg_init(&m, MSG_PL_PER_EMPLOYEE, NULL);
		arg_qty(&m, r->toe, FMT_TOE);
		msg_int(&m, employees);
		arg_qty(&m, r->toe / (double)employees, FMT_TOE);
		arg_qty(&m, tpe, FMT_TOE);
		warn(w, n, &m, "toe_per_employee");
	}

	/* SEC against the legal norm: k times above or below it. */
	double k = plaus_soft_value(p, PLAUS_SEC_NORM_RATIO);
	for (int i = 0; isfinite(k) && k > 0 && i < r->nproducts; i++) {
		const struct ledger_product *lp = &r->products[i];
		if (!isfinite(lp->sec) || !isfinite(lp->norm) || !(lp->norm > 0))
			continue;
		double ratio = lp->sec / lp->norm;
		if (!calc_gt(ratio, k) && !calc_lt(ratio, 1 / k))
			continue;
		msg_init(&m, MSG_PL_SEC_NORM, NULL);
		msg_code(&m, lp->product);
		arg_qty(&m, lp->sec, FMT_SEC);
		char u[40];
		snprintf(u, sizeof(u), "%s/%s", lp->sec_energy_unit, lp->sec_per_unit);
		msg_code(&m, u);
		msg_real(&m, ratio * 100, fmt_qty_decimals(FMT_PCT, ratio * 100));
		warn(w, n, &m, "sec_norm.%s", lp->product);
	}

	/* Against last year: more than the jump threshold, in percent. */
	double jump = plaus_soft_value(p, PLAUS_TOE_JUMP);
	if (prev != NULL && isfinite(jump) && prev->year == r->year - 1 && prev->toe_ok &&
	    r->toe_ok && prev->nlines > 0 && r->nlines > 0 && prev->toe > 0) {
		double ch = (r->toe - prev->toe) / prev->toe * 100;
		if (calc_gt(fabs(ch), jump)) {
			msg_init(&m, MSG_PL_JUMP, NULL);
			msg_real(&m, ch, fmt_qty_decimals(FMT_PCT, ch));
			msg_plain(&m, prev->year);
			arg_qty(&m, prev->toe, FMT_TOE);
			arg_qty(&m, r->toe, FMT_TOE);
			warn(w, n, &m, "toe");
		}
	}

	/* Against peers: outside the fences of the product's SEC in GJ per unit. */
	for (int i = 0; fences != NULL && i < r->nproducts; i++) {
		const struct ledger_product *lp = &r->products[i];
		double lo, hi;
		if (!isfinite(lp->sec_gj) || fences(ctx, lp->product, &lo, &hi) != 1)
			continue;
		int high = calc_gt(lp->sec_gj, hi);
		if (!high && !calc_lt(lp->sec_gj, lo))
			continue;
		msg_init(&m, high ? MSG_PL_PEERS_HIGH : MSG_PL_PEERS_LOW, NULL);
		msg_code(&m, lp->product);
		arg_qty(&m, lp->sec_gj, FMT_SEC);
		char u[40];
		snprintf(u, sizeof(u), "GJ/%s", lp->unit != NULL ? lp->unit : "");
		msg_code(&m, u);
		arg_qty(&m, high ? hi : lo, FMT_SEC);
		warn(w, n, &m, "sec.%s", lp->product);
	}
	return *n - n0;
}
