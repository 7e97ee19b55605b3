/*
 * Expected versus measured savings of implemented CP options: reads the
 * options and their energy effects with its own statements, converts the
 * effects through the ledger and compares the facility's accepted reports
 * with the baseline through analytics/savings.h (measured.h).
 */
#include "model/assess/measured.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/analytics/ledger.h"
#include "model/analytics/savings.h"
#include "model/calc/finance.h"
#include "model/names.h"
#include "util/arena.h"

/* Years the facility's ledger is loaded for: every report it may have. */
#define MEASURED_FIRST_YEAR 1990
#define MEASURED_LAST_YEAR  2100

enum msg_id
measured_why_msg(enum measured_why why)
{
	switch (why) {
	case MEASURED_OK:
	case MEASURED__MAX:
		break;
	case MEASURED_NO_OPTION:
		return MSG_MEASURED_NO_OPTION;
	case MEASURED_NO_BASELINE:
		return MSG_MEASURED_NO_BASELINE;
	case MEASURED_NO_LATER:
		return MSG_MEASURED_NO_LATER;
	case MEASURED_PRODUCT_GONE:
		return MSG_MEASURED_PRODUCT_GONE;
	case MEASURED_NOT_COMPUTABLE:
		return MSG_MEASURED_NOT_COMPUTABLE;
	}
	return MSG_NONE;
}

static int
dberr(struct db *db, char *err, size_t errsz, const char *what)
{
	msg_both(err, errsz, MSG_IO_DB_ERROR, " (%s): %s", what, db_errmsg(db));
	return -1;
}

/*
 * The numbers of a JSON array of cash flows ("[120000000, -5000000]")
 * into cf (at most max); returns how many, 0 when there is none or the
 * text is not such an array.
 */
static int
read_flows(const char *json, double *cf, int max)
{
	const char *p = json != NULL ? strchr(json, '[') : NULL;
	if (p == NULL)
		return 0;
	p++;
	int n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == ']' || n == max)
			return n;
		char *end;
		double v = strtod(p, &end);
		if (end == p || !isfinite(v))
			return 0;
		cf[n++] = v;
		p = end;
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == ',')
			p++;
		else if (*p != ']')
			return 0;
	}
}

/* The year of an ISO date, or 0. */
static int
year_of(const char *iso)
{
	return iso != NULL && strlen(iso) >= 4 ? atoi(iso) : 0;
}

/*
 * The expected TOE and CO2 per year of option o: its energy effects
 * converted through the ledger of facility_id for year.
 */
static int
expect_energy(struct db *db, int64_t facility_id, int year, struct measured_option *o, char *err,
	      size_t errsz)
{
	struct db_stmt *st = db_stmt(db, STMT_MEASURED_EFFECTS);
	db_bind_int(st, 1, o->id);
	struct arena tmp;
	arena_init(&tmp);
	struct ledger_line *lines = NULL;
	int n = 0, cap = 0, rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			struct ledger_line *nl = arena_alloc(&tmp, (size_t)cap * sizeof(*nl));
			if (n > 0)
				memcpy(nl, lines, (size_t)n * sizeof(*nl));
			lines = nl;
		}
		lines[n] = (struct ledger_line){
		    .carrier = arena_strdup(&tmp, db_col_text(st, 0)),
		    .qty = db_col_double(st, 1),
		    .unit = arena_strdup(&tmp, db_col_text(st, 2)),
		};
		n++;
	}
	db_reset(st);
	if (rc != DB_DONE) {
		arena_free(&tmp);
		return dberr(db, err, errsz, "cp_option_effect");
	}
	o->neffects = n;
	o->exp_toe = o->exp_co2_t = 0;
	if (n > 0) {
		struct ledger *l = NULL;
		if (ledger_of_lines(db, facility_id, year, lines, n, NULL, 0, &l, err, errsz) < 0) {
			arena_free(&tmp);
			return -1;
		}
		const struct ledger_report *r = &l->reports[0];
		o->exp_toe = r->toe_ok ? r->toe : NAN;
		o->exp_co2_t = r->co2_ok ? r->co2_t : NAN;
		ledger_free(l);
	}
	arena_free(&tmp);
	return 0;
}

/* Reads the rows of st (STMT_MEASURED_OPTIONS_*) into *out with their expected figures. */
static int
read_options(struct db *db, struct db_stmt *st, int64_t facility_id, struct arena *a,
	     struct measured_option **out, int *n, char *err, size_t errsz)
{
	int cap = 0, rc;
	*out = NULL;
	*n = 0;
	/* Rows first, then the effects: one statement is stepped at a time. */
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			struct measured_option *no = arena_alloc(a, (size_t)cap * sizeof(*no));
			if (*n > 0)
				memcpy(no, *out, (size_t)*n * sizeof(*no));
			*out = no;
		}
		struct measured_option *o = &(*out)[(*n)++];
		memset(o, 0, sizeof(*o));
		o->id = db_col_int(st, 0);
		o->assessment_id = db_col_int(st, 1);
		o->seq = (int)db_col_int(st, 2);
		o->title = arena_strdup(a, db_col_text(st, 3));
		o->kind = names_index(names_option_kind, NAMES_OPTION_KIND_N, db_col_text(st, 4));
		o->triage = names_index(names_triage, NAMES_TRIAGE_N, db_col_text(st, 5));
		o->status =
		    names_index(names_option_status, NAMES_OPTION_STATUS_N, db_col_text(st, 6));
		o->implemented_on = arena_strdup(a, db_col_text(st, 7));
		o->capex = db_col_double(st, 8);
		/* Money a year: annual_saving, else the first cash flow; the
		 * simple payback over the flows (calc/finance.h), or capex over
		 * a constant saving without a life. */
		double cf[FIN_YEARS_MAX];
		int ncf = 0, never = 0;
		if (!db_col_is_null(st, 9)) {
			o->exp_vnd = db_col_double(st, 9);
			int life = db_col_is_null(st, 12) ? 0 : (int)db_col_int(st, 12);
			if (life > 0 && fin_constant_flows(o->exp_vnd, life, cf) == 0)
				ncf = life;
		} else {
			ncf = read_flows(db_col_is_null(st, 10) ? NULL : db_col_text(st, 10), cf,
					 FIN_YEARS_MAX);
			o->exp_vnd = ncf > 0 ? cf[0] : NAN;
		}
		if (ncf > 0)
			o->payback = fin_payback(o->capex, cf, ncf, 0, &never);
		else
			o->payback = o->exp_vnd > 0 ? o->capex / o->exp_vnd : NAN;
		int y = year_of(o->implemented_on);
		o->year = y > 0 ? y : (int)db_col_int(st, 11);
		o->share = o->measured_toe = NAN;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return dberr(db, err, errsz, "cp_option");
	for (int i = 0; i < *n; i++) {
		struct measured_option *o = &(*out)[i];
		if (expect_energy(db, facility_id, o->year, o, err, errsz) < 0)
			return -1;
	}
	return 0;
}

int
measured_options(struct db *db, int64_t facility_id, int64_t assessment_id, struct arena *a,
		 struct measured_option **out, int *n, char *err, size_t errsz)
{
	struct db_stmt *st = db_stmt(db, STMT_MEASURED_OPTIONS_ASSESSMENT);
	db_bind_int(st, 1, assessment_id);
	return read_options(db, st, facility_id, a, out, n, err, errsz);
}

/* Compares report yr with the baseline base for product into *y. */
static void
compare_year(const struct ledger_report *base, const struct ledger_report *yr, const char *product,
	     struct measured_year *y)
{
	memset(y, 0, sizeof(*y));
	y->year = yr->year;
	y->output = y->sec_base = y->sec_year = y->saving = y->toe_saved = y->co2_saved = NAN;
	const struct ledger_product *p = ledger_report_product(yr, product);
	if (p == NULL || !(p->output > 0)) {
		y->why = MEASURED_PRODUCT_GONE;
		return;
	}
	y->output = p->output;
	struct saving sv = {0};
	savings_compare(base, yr, product, &sv);
	y->sec_base = sv.sec_base;
	y->sec_year = sv.sec_year;
	double s = savings_energy(&sv);
	if (!isfinite(s) || !isfinite(p->energy_toe) || !(s < 1)) {
		y->why = MEASURED_NOT_COMPUTABLE;
		return;
	}
	y->why = MEASURED_OK;
	y->saving = s;
	y->has_model = sv.has_model && !sv.flagged;
	y->flagged = sv.has_model && sv.flagged;
	y->toe_saved = p->energy_toe * s / (1.0 - s);
	y->co2_saved = yr->co2_ok && yr->toe > 0 ? y->toe_saved * yr->co2_t / yr->toe : NAN;
}

int
measured_facility(struct db *db, int64_t facility_id, struct arena *a,
		  struct measured_facility *out, char *err, size_t errsz)
{
	memset(out, 0, sizeof(*out));
	out->facility_id = facility_id;
	out->exp_toe = out->exp_co2_t = out->exp_vnd = 0;

	struct db_stmt *st = db_stmt(db, STMT_MEASURED_OPTIONS_FACILITY);
	db_bind_int(st, 1, facility_id);
	if (read_options(db, st, facility_id, a, &out->options, &out->noptions, err, errsz) < 0)
		return -1;
	if (out->noptions == 0) {
		out->why = MEASURED_NO_OPTION;
		return 0;
	}
	for (int i = 0; i < out->noptions; i++) {
		const struct measured_option *o = &out->options[i];
		int y = year_of(o->implemented_on);
		if (out->impl_year == 0 || (y > 0 && y < out->impl_year))
			out->impl_year = y;
		out->exp_toe += o->exp_toe;
		out->exp_co2_t += o->exp_co2_t;
		out->exp_vnd += o->exp_vnd;
	}

	struct ledger *l = NULL;
	if (ledger_load_product(db, MEASURED_FIRST_YEAR, MEASURED_LAST_YEAR, facility_id, NULL, 1,
				&l, err, errsz) < 0)
		return -1;
	/* The baseline: the last report before the implementation year with a SEC. */
	const struct ledger_report *base = NULL;
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_report *r = &l->reports[i];
		if (r->year >= out->impl_year || r->main_product < 0)
			continue;
		if (isfinite(r->products[r->main_product].sec_gj) &&
		    r->products[r->main_product].output > 0)
			base = r;
	}
	int nlater = 0;
	for (int i = 0; i < l->nreports; i++)
		nlater += l->reports[i].year >= out->impl_year;
	if (base == NULL) {
		out->why = MEASURED_NO_BASELINE;
	} else {
		const struct ledger_product *bp = &base->products[base->main_product];
		out->base_year = base->year;
		out->product = arena_strdup(a, bp->product);
		out->product_unit = arena_strdup(a, bp->unit != NULL ? bp->unit : "");
		struct db_stmt *ps = db_stmt(db, STMT_MEASURED_PRODUCT);
		db_bind_text(ps, 1, bp->product);
		int prc = db_step(ps);
		out->product_vi = arena_strdup(a, prc == DB_ROW ? db_col_text(ps, 0) : bp->product);
		out->product_en = arena_strdup(a, prc == DB_ROW ? db_col_text(ps, 1) : bp->product);
		db_reset(ps);
		out->why = nlater > 0 ? MEASURED_OK : MEASURED_NO_LATER;
		if (nlater > 0)
			out->years = arena_alloc(a, (size_t)nlater * sizeof(*out->years));
		for (int i = 0; i < l->nreports; i++) {
			const struct ledger_report *r = &l->reports[i];
			if (r->year < out->impl_year)
				continue;
			struct measured_year *y = &out->years[out->nyears++];
			compare_year(base, r, out->product, y);
			if (y->why == MEASURED_OK)
				out->latest = y;
		}
		if (out->nyears > 0)
			out->why = out->years[out->nyears - 1].why;
	}
	ledger_free(l);

	/* Each implemented option's share of the expected TOE, and of the measured. */
	for (int i = 0; i < out->noptions; i++) {
		struct measured_option *o = &out->options[i];
		o->share =
		    out->exp_toe > 0 && isfinite(o->exp_toe) ? o->exp_toe / out->exp_toe : NAN;
		o->measured_toe = out->latest != NULL && isfinite(o->share)
				      ? o->share * out->latest->toe_saved
				      : NAN;
	}
	return 0;
}
