/*
 * Annual reports (see report.h): validation of the form against the
 * reference tables, scoped reads of a report and its lines, draft create
 * and update, the workflow transitions, and the TOE / SEC / norm preview.
 *
 * Every write runs in one transaction: read the report through the scoped
 * statement, check the version and the workflow rule, write, write the
 * audit row, commit; any failure rolls the whole request back.  Lines are
 * replaced as a whole on update with the same statements the CSV import
 * uses.
 */
#include "model/reporting/report.h"

#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/analytics/ledger.h"
#include "model/audit.h"
#include "model/doc/doc.h"
#include "model/calc/energy.h"
#include "model/calc/exact.h"
#include "model/accounts/scope.h"
#include "model/reporting/plausible.h"
#include "util/alloc.h"
#include "util/fold.h"
#include "util/log.h"

static const struct val_label cp_labels[REPORT_CP__MAX] = {
    [REPORT_CP_AWARE] = {"nhận thức về SXSH", "CP awareness"},
    [REPORT_CP_STAFF] = {"cán bộ phụ trách SXSH", "CP staff"},
    [REPORT_CP_UNIT] = {"bộ phận SXSH", "CP unit"},
    [REPORT_CP_APPLIED] = {"áp dụng SXSH", "applies CP"},
};
static const char *const cp_fields[REPORT_CP__MAX] = {
    [REPORT_CP_AWARE] = "cp_aware",
    [REPORT_CP_STAFF] = "cp_staff",
    [REPORT_CP_UNIT] = "cp_unit",
    [REPORT_CP_APPLIED] = "cp_applied",
};

static const struct val_label lbl_product = {"sản phẩm", "product"};
static const struct val_label lbl_out_qty = {"sản lượng", "output quantity"};
static const struct val_label lbl_unit = {"đơn vị", "unit"};
static const struct val_label lbl_carrier = {"loại năng lượng", "energy carrier"};
static const struct val_label lbl_en_qty = {"lượng năng lượng", "energy quantity"};
static const struct val_label lbl_month = {"tháng", "month"};
static const struct val_label lbl_cost = {"chi phí (đồng)", "cost (VND)"};
static const struct val_label lbl_water_qty = {"lượng nước (m3)", "water quantity (m3)"};
static const struct val_label lbl_mat_name = {"tên nguyên vật liệu", "material name"};
static const struct val_label lbl_mat_qty = {"lượng nguyên vật liệu", "material quantity"};
static const struct val_label lbl_year = {"năm báo cáo", "report year"};

static void report_release(void *doc);

void
report_free(struct report *r)
{
	doc_free(&report_kind, r);
}

static void
copy(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s);
}

/* ---- validation ---- */

/* The unit and dimension of product code; 0, or -1 when unknown. */
static int
product_unit(struct db *db, const char *code, char *unit, size_t usz, char *dim, size_t dsz)
{
	struct db_stmt *st = db_stmt(db, STMT_PRODUCT_UNIT);
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		copy(unit, usz, db_col_text(st, 0));
		copy(dim, dsz, db_col_text(st, 1));
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : -1;
}

/* The dimension of unit code into dim; 0, or -1 when unknown. */
static int
unit_dimension(struct db *db, const char *code, char *dim, size_t dsz)
{
	struct db_stmt *st = db_stmt(db, STMT_UNIT_GET);
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW)
		copy(dim, dsz, db_col_text(st, 0));
	db_reset(st);
	return rc == DB_ROW ? 0 : -1;
}

/* 1 and *fits when carrier exists (fits: it has a factor in unit's dimension); 0 unknown. */
/* The factor to the base unit of unit code; 0, or -1 when unknown. */
static int
unit_base(struct db *db, const char *code, double *base)
{
	struct db_stmt *st = db_stmt(db, STMT_UNIT_GET);
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*base = db_col_double(st, 1);
	db_reset(st);
	return rc == DB_ROW ? 0 : -1;
}

/* Whether energy line i was read without an error on any of its fields. */
static int
energy_line_ok(const struct wf_errors *errs, int i)
{
	static const char *const f[] = {"carrier", "quantity", "unit", "month", "product"};
	char name[64];
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
		snprintf(name, sizeof(name), "energy[%d].%s", i, f[k]);
		if (wf_errors_find(errs, name) != NULL)
			return 0;
	}
	return 1;
}

/*
 * Monthly lines are the detail of the yearly figure (docs/analytics.md):
 * where a carrier has both a yearly line and monthly lines for the same
 * product, the months must add up to the year (to 10^-9 of it, as typed
 * decimals do), else an error names the carrier on the yearly line.  The
 * ledger then counts the yearly line only.
 */
static int
check_months(struct db *db, int n, const struct report_energy *en, struct wf_errors *errs)
{
	for (int i = 0; i < n; i++) {
		double ybase, mbase, sum = 0;
		int months = 0, ok = 1;
		if (en[i].month != 0 || !energy_line_ok(errs, i))
			continue;
		/* The unit was found a moment ago: not finding it now is a storage error. */
		if (unit_base(db, en[i].unit, &ybase) < 0)
			return -1;
		if (!(ybase > 0))
			continue;
		for (int j = 0; j < n && ok; j++) {
			if (en[j].month == 0 || strcmp(en[j].carrier, en[i].carrier) != 0 ||
			    strcmp(en[j].product, en[i].product) != 0)
				continue;
			if (!energy_line_ok(errs, j)) {
				ok = 0;
				continue;
			}
			if (unit_base(db, en[j].unit, &mbase) < 0)
				return -1;
			sum += en[j].quantity * mbase;
			months++;
		}
		double y = en[i].quantity * ybase;
		if (!ok || months == 0 || fabs(sum - y) <= 1e-9 * fmax(fabs(sum), fabs(y)))
			continue;
		struct msg em;
		msg_init(&em, MSG_REP_ENERGY_MONTHS, NULL);
		msg_code(&em, en[i].carrier);
		msg_real(&em, sum / ybase, -1);
		msg_real(&em, en[i].quantity, -1);
		msg_code(&em, en[i].unit);
		wf_errors_add(errs, &em, "energy[%d].quantity", i);
	}
	return 0;
}

static int
carrier_check(struct db *db, const char *carrier, const char *unit, int *fits)
{
	struct db_stmt *st = db_stmt(db, STMT_CARRIER_CHECK);
	db_bind_text(st, 1, carrier);
	db_bind_text(st, 2, unit);
	int known = 0;
	if (db_step(st) == DB_ROW) {
		known = db_col_int(st, 0) != 0;
		*fits = db_col_int(st, 1) != 0;
	}
	db_reset(st);
	return known;
}

/* An optional cost: empty is no cost. */
static void
check_cost(const char *s, double *v, int *has, struct wf_errors *errs, const char *sect, int i)
{
	struct msg em;
	*has = 0;
	if (s == NULL || s[0] == '\0')
		return;
	if (val_number(VF_COST, s, &lbl_cost, v, &em) != VAL_OK)
		wf_errors_add(errs, &em, "%s[%d].cost", sect, i);
	else
		*has = 1;
}

/* Reads a quantity; returns 1 when it is a valid number. */
static int
check_qty(const char *s, const struct val_label *l, double *v, struct wf_errors *errs,
	  const char *field, const char *sect, int i)
{
	struct msg em;
	if (val_number(VF_QUANTITY, wf_nz(s), l, v, &em) == VAL_OK)
		return 1;
	wf_errors_add(errs, &em, "%s[%d].%s", sect, i, field);
	return 0;
}

/*
 * The hard plausibility limit of a line whose quantity, item and unit were
 * read without error (plausible.h): above it, an error on its quantity.
 */
static void
check_plausible(const struct plaus *pl, enum plaus_line line, const char *item, double qty,
		const char *unit, int month, const struct val_label *l, struct wf_errors *errs,
		const char *field, const char *sect, int i)
{
	struct msg em;
	if (pl != NULL && plaus_hard_check(pl, line, item, qty, unit, month, l, &em))
		wf_errors_add(errs, &em, "%s[%d].%s", sect, i, field);
}

static void
check_outputs(struct db *db, const struct plaus *pl, const struct report_input *in,
	      struct report_output *out, struct wf_errors *errs)
{
	struct msg em;
	char punit[16], pdim[32], udim[32];
	for (int i = 0; i < in->nout; i++) {
		const struct report_output_in *o = &in->out[i];
		const char *p = wf_nz(o->product), *u = wf_nz(o->unit);
		copy(out[i].product, sizeof(out[i].product), p);
		copy(out[i].unit, sizeof(out[i].unit), u);
		int pok = 0;
		if (p[0] == '\0') {
			val_missing(&lbl_product, &em);
			wf_errors_add(errs, &em, "output[%d].product", i);
		} else if (product_unit(db, p, punit, sizeof(punit), pdim, sizeof(pdim)) < 0) {
			val_unknown_code(&lbl_product, p, &em);
			wf_errors_add(errs, &em, "output[%d].product", i);
		} else {
			pok = 1;
			for (int j = 0; j < i; j++)
				if (strcmp(wf_nz(in->out[j].product), p) == 0) {
					msg_init(&em, MSG_REP_PRODUCT_TWICE, NULL);
					msg_str(&em, p);
					wf_errors_add(errs, &em, "output[%d].product", i);
					break;
				}
		}
		int qok = check_qty(o->quantity, &lbl_out_qty, &out[i].quantity, errs, "quantity",
				    "output", i);
		if (u[0] == '\0') {
			val_missing(&lbl_unit, &em);
			wf_errors_add(errs, &em, "output[%d].unit", i);
		} else if (unit_dimension(db, u, udim, sizeof(udim)) < 0) {
			val_unknown_code(&lbl_unit, u, &em);
			wf_errors_add(errs, &em, "output[%d].unit", i);
		} else if (pok && strcmp(udim, pdim) != 0) {
			msg_init(&em, MSG_REP_UNIT_PRODUCT, NULL);
			msg_code(&em, punit);
			msg_str(&em, u);
			wf_errors_add(errs, &em, "output[%d].unit", i);
		} else if (pok && qok) {
			check_plausible(pl, PLAUS_OUTPUT, p, out[i].quantity, u, 0, &lbl_out_qty,
					errs, "quantity", "output", i);
		}
	}
}

/* Checks the energy lines into en; 0, or -1 on a storage error (logged). */
static int
check_energy(struct db *db, const struct plaus *pl, const struct report_input *in,
	     struct report_energy *en, struct wf_errors *errs)
{
	struct msg em;
	char udim[32];
	for (int i = 0; i < in->nenergy; i++) {
		const struct report_energy_in *e = &in->energy[i];
		const char *c = wf_nz(e->carrier), *u = wf_nz(e->unit), *p = wf_nz(e->product);
		struct report_energy *x = &en[i];
		copy(x->carrier, sizeof(x->carrier), c);
		copy(x->unit, sizeof(x->unit), u);
		copy(x->product, sizeof(x->product), p);
		int fits = 0, cok = 0;
		if (c[0] == '\0') {
			val_missing(&lbl_carrier, &em);
			wf_errors_add(errs, &em, "energy[%d].carrier", i);
		} else if (!carrier_check(db, c, u, &fits)) {
			val_unknown_code(&lbl_carrier, c, &em);
			wf_errors_add(errs, &em, "energy[%d].carrier", i);
		} else {
			cok = 1;
		}
		int qok = check_qty(e->quantity, &lbl_en_qty, &x->quantity, errs, "quantity",
				    "energy", i);
		int uok = 0;
		if (u[0] == '\0') {
			val_missing(&lbl_unit, &em);
			wf_errors_add(errs, &em, "energy[%d].unit", i);
		} else if (unit_dimension(db, u, udim, sizeof(udim)) < 0) {
			val_unknown_code(&lbl_unit, u, &em);
			wf_errors_add(errs, &em, "energy[%d].unit", i);
		} else if (cok && !fits) {
			msg_init(&em, MSG_REP_UNIT_CARRIER, NULL);
			msg_str(&em, u);
			wf_errors_add(errs, &em, "energy[%d].unit", i);
		} else {
			uok = cok;
		}
		x->month = 0;
		int mok = 1;
		if (e->month != NULL && e->month[0] != '\0' &&
		    val_month(e->month, &lbl_month, &x->month, &em) != VAL_OK) {
			wf_errors_add(errs, &em, "energy[%d].month", i);
			mok = 0;
		}
		if (qok && uok && mok)
			check_plausible(pl, PLAUS_ENERGY, c, x->quantity, u, x->month, &lbl_en_qty,
					errs, "quantity", "energy", i);
		if (p[0] != '\0') {
			int found = 0;
			for (int j = 0; j < in->nout && !found; j++)
				found = strcmp(wf_nz(in->out[j].product), p) == 0;
			if (!found) {
				msg_init(&em, MSG_REP_PRODUCT_NOT_OUTPUT, NULL);
				msg_str(&em, p);
				wf_errors_add(errs, &em, "energy[%d].product", i);
			}
		}
		check_cost(e->cost, &x->cost_vnd, &x->has_cost, errs, "energy", i);
		for (int j = 0; cok && j < i; j++)
			if (strcmp(en[j].carrier, c) == 0 && en[j].month == x->month &&
			    strcmp(en[j].product, p) == 0) {
				msg_init(&em, MSG_REP_ENERGY_TWICE, NULL);
				msg_str(&em, c);
				wf_errors_add(errs, &em, "energy[%d].carrier", i);
				break;
			}
	}
	if (check_months(db, in->nenergy, en, errs) < 0) {
		log_err("report validation: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

static void
check_water(const struct plaus *pl, const struct report_input *in, struct report_water *w,
	    struct wf_errors *errs)
{
	struct msg em;
	for (int i = 0; i < in->nwater; i++) {
		const struct report_water_in *x = &in->water[i];
		int src;
		copy(w[i].source, sizeof(w[i].source), wf_nz(x->source));
		if (val_water(wf_nz(x->source), &src, &em) != VAL_OK) {
			wf_errors_add(errs, &em, "water[%d].source", i);
		} else {
			for (int j = 0; j < i; j++)
				if (strcmp(w[j].source, w[i].source) == 0) {
					msg_init(&em, MSG_REP_WATER_TWICE, NULL);
					msg_str(&em, w[i].source);
					wf_errors_add(errs, &em, "water[%d].source", i);
					break;
				}
		}
		if (check_qty(x->quantity_m3, &lbl_water_qty, &w[i].quantity_m3, errs,
			      "quantity_m3", "water", i))
			check_plausible(pl, PLAUS_WATER, w[i].source, w[i].quantity_m3, "m3", 0,
					&lbl_water_qty, errs, "quantity_m3", "water", i);
		check_cost(x->cost, &w[i].cost_vnd, &w[i].has_cost, errs, "water", i);
	}
}

static void
check_materials(struct db *db, const struct plaus *pl, const struct report_input *in,
		struct report_material *m, struct wf_errors *errs)
{
	struct msg em;
	char udim[32];
	for (int i = 0; i < in->nmat; i++) {
		const struct report_material_in *x = &in->mat[i];
		const char *name = wf_nz(x->name), *u = wf_nz(x->unit);
		copy(m[i].name, sizeof(m[i].name), name);
		copy(m[i].unit, sizeof(m[i].unit), u);
		if (val_text(VF_MATERIAL, name, &lbl_mat_name, &em) != VAL_OK)
			wf_errors_add(errs, &em, "material[%d].name", i);
		int qok = check_qty(x->quantity, &lbl_mat_qty, &m[i].quantity, errs, "quantity",
				    "material", i);
		if (u[0] == '\0') {
			val_missing(&lbl_unit, &em);
			wf_errors_add(errs, &em, "material[%d].unit", i);
		} else if (unit_dimension(db, u, udim, sizeof(udim)) < 0) {
			val_unknown_code(&lbl_unit, u, &em);
			wf_errors_add(errs, &em, "material[%d].unit", i);
		} else if (qok) {
			check_plausible(pl, PLAUS_MATERIAL, name, m[i].quantity, u, 0, &lbl_mat_qty,
					errs, "quantity", "material", i);
		}
		check_cost(x->cost, &m[i].cost_vnd, &m[i].has_cost, errs, "material", i);
	}
}

/*
 * The explanations of in that are not blank into *out (xcalloc'd, the
 * caller frees); one longer than REPORT_EXPL_MAX is an error on
 * "explain.KEY".  Returns their number.
 */
static int
check_explanations(const struct report_input *in, struct report_explanation **out,
		   struct wf_errors *errs)
{
	struct msg em;
	int n = 0;
	*out = xcalloc((size_t)(in->expl != NULL ? in->nexpl : 0) + 1, sizeof(**out));
	for (int i = 0; in->expl != NULL && i < in->nexpl; i++) {
		const struct report_explanation_in *x = &in->expl[i];
		const char *t = wf_nz(x->text);
		if (t[strspn(t, " \t\r\n")] == '\0')
			continue;
		if (strlen(t) > REPORT_EXPL_MAX) {
			msg_init(&em, MSG_FORM_EXPLAIN_LONG, NULL);
			msg_plain(&em, REPORT_EXPL_MAX);
			wf_errors_add(errs, &em, "explain.%s", wf_nz(x->field));
			continue;
		}
		struct report_explanation *e = &(*out)[n++];
		copy(e->field, sizeof(e->field), wf_nz(x->field));
		copy(e->warning_vi, sizeof(e->warning_vi), wf_nz(x->warning_vi));
		copy(e->warning_en, sizeof(e->warning_en), wf_nz(x->warning_en));
		copy(e->text, sizeof(e->text), t);
	}
	return n;
}

/* The number of lines n of section name, or an error when there are too many. */
static int
check_count(int n, const char *name, struct wf_errors *errs)
{
	struct msg em;
	if (n >= 0 && n <= REPORT_LINES_MAX)
		return n;
	msg_init(&em, MSG_REP_TOO_MANY_LINES, NULL);
	msg_int(&em, REPORT_LINES_MAX);
	wf_errors_add(errs, &em, "%s", name);
	return 0;
}

int
report_validate(struct db *db, const struct report_input *in, struct report *r,
		struct wf_errors *errs)
{
	struct msg em;
	int cp[REPORT_CP__MAX];
	int e0 = errs->n + errs->more;
	for (int i = 0; i < REPORT_CP__MAX; i++) {
		cp[i] = -1;
		const char *s = wf_nz(in->cp[i]);
		if (s[0] != '\0' && val_bool01(s, &cp_labels[i], &cp[i], &em) != VAL_OK)
			wf_errors_add(errs, &em, "%s", cp_fields[i]);
	}
	struct report_input c = *in;
	c.nout = check_count(in->nout, "output", errs);
	c.nenergy = check_count(in->nenergy, "energy", errs);
	c.nwater = check_count(in->nwater, "water", errs);
	c.nmat = check_count(in->nmat, "material", errs);
	struct report_output *out = xcalloc((size_t)c.nout + 1, sizeof(*out));
	struct report_energy *en = xcalloc((size_t)c.nenergy + 1, sizeof(*en));
	struct report_water *w = xcalloc((size_t)c.nwater + 1, sizeof(*w));
	struct report_material *m = xcalloc((size_t)c.nmat + 1, sizeof(*m));
	struct plaus *pl = NULL;
	if (plaus_load(db, &pl) != ST_OK) {
		free(out);
		free(en);
		free(w);
		free(m);
		return ST_ERR;
	}
	check_outputs(db, pl, &c, out, errs);
	int stored = check_energy(db, pl, &c, en, errs);
	check_water(pl, &c, w, errs);
	check_materials(db, pl, &c, m, errs);
	plaus_free(pl);
	struct report_explanation *ex = NULL;
	int nex = check_explanations(in, &ex, errs);
	if (stored < 0 || errs->n + errs->more != e0) {
		free(out);
		free(en);
		free(w);
		free(m);
		free(ex);
		return stored < 0 ? ST_ERR : ST_INVALID;
	}
	free(r->expl);
	r->expl = ex, r->nexpl = nex;
	r->expl_set = in->expl != NULL;
	memcpy(r->cp, cp, sizeof(cp));
	free(r->out);
	free(r->energy);
	free(r->water);
	free(r->mat);
	r->out = out, r->nout = c.nout;
	r->energy = en, r->nenergy = c.nenergy;
	r->water = w, r->nwater = c.nwater;
	r->mat = m, r->nmat = c.nmat;
	return ST_OK;
}

/* ---- reading ---- */

/* Binds who and the report id into a scoped line statement. */
static struct db_stmt *
line_stmt(struct db *db, enum stmt id, const struct principal *who, int64_t report_id)
{
	struct db_stmt *st = db_stmt(db, id);
	scope_bind(st, who);
	db_bind_int(st, 4, report_id);
	return st;
}

static double
col_opt(struct db_stmt *st, int col, int *has)
{
	*has = !db_col_is_null(st, col);
	return *has ? db_col_double(st, col) : 0;
}

/* Reads every line of r->doc.id into r. */
static int
load_lines(struct db *db, const struct principal *who, struct report *r)
{
	int rc;
	struct db_stmt *st = line_stmt(db, STMT_REPORT_OUTPUT_LIST, who, r->doc.id);
	while ((rc = db_step(st)) == DB_ROW) {
		r->out = xrealloc(r->out, (size_t)(r->nout + 1) * sizeof(*r->out));
		struct report_output *o = &r->out[r->nout++];
		copy(o->product, sizeof(o->product), db_col_text(st, 0));
		o->quantity = db_col_double(st, 1);
		copy(o->unit, sizeof(o->unit), db_col_text(st, 2));
	}
	if (rc != DB_DONE)
		return -1;
	st = line_stmt(db, STMT_REPORT_ENERGY_LIST, who, r->doc.id);
	while ((rc = db_step(st)) == DB_ROW) {
		r->energy = xrealloc(r->energy, (size_t)(r->nenergy + 1) * sizeof(*r->energy));
		struct report_energy *e = &r->energy[r->nenergy++];
		copy(e->carrier, sizeof(e->carrier), db_col_text(st, 0));
		e->quantity = db_col_double(st, 1);
		copy(e->unit, sizeof(e->unit), db_col_text(st, 2));
		e->month = (int)db_col_int(st, 3);
		copy(e->product, sizeof(e->product), db_col_text(st, 4));
		e->cost_vnd = col_opt(st, 5, &e->has_cost);
	}
	if (rc != DB_DONE)
		return -1;
	st = line_stmt(db, STMT_REPORT_WATER_LIST, who, r->doc.id);
	while ((rc = db_step(st)) == DB_ROW) {
		r->water = xrealloc(r->water, (size_t)(r->nwater + 1) * sizeof(*r->water));
		struct report_water *w = &r->water[r->nwater++];
		copy(w->source, sizeof(w->source), db_col_text(st, 0));
		w->quantity_m3 = db_col_double(st, 1);
		w->cost_vnd = col_opt(st, 2, &w->has_cost);
	}
	if (rc != DB_DONE)
		return -1;
	st = line_stmt(db, STMT_REPORT_MATERIAL_LIST, who, r->doc.id);
	while ((rc = db_step(st)) == DB_ROW) {
		r->mat = xrealloc(r->mat, (size_t)(r->nmat + 1) * sizeof(*r->mat));
		struct report_material *m = &r->mat[r->nmat++];
		copy(m->name, sizeof(m->name), db_col_text(st, 0));
		m->quantity = db_col_double(st, 1);
		copy(m->unit, sizeof(m->unit), db_col_text(st, 2));
		m->cost_vnd = col_opt(st, 3, &m->has_cost);
	}
	if (rc != DB_DONE)
		return -1;
	st = line_stmt(db, STMT_REPORT_EXPL_LIST, who, r->doc.id);
	while ((rc = db_step(st)) == DB_ROW) {
		r->expl = xrealloc(r->expl, (size_t)(r->nexpl + 1) * sizeof(*r->expl));
		struct report_explanation *e = &r->expl[r->nexpl++];
		copy(e->field, sizeof(e->field), db_col_text(st, 0));
		copy(e->warning_vi, sizeof(e->warning_vi), db_col_text(st, 1));
		copy(e->warning_en, sizeof(e->warning_en), db_col_text(st, 2));
		copy(e->text, sizeof(e->text), db_col_text(st, 3));
	}
	return rc == DB_DONE ? 0 : -1;
}

/* Reads report id as who sees it into r (zeroed): ST_OK, ST_NOTFOUND or ST_ERR. */
static int
report_load(struct db *db, const struct principal *who, int64_t id, struct report *r)
{
	struct db_stmt *st = db_stmt(db, STMT_REPORT_GET);
	scope_bind(st, who);
	db_bind_int(st, 4, id);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW)
		goto fail;
	r->doc.id = db_col_int(st, 0);
	r->doc.facility_id = db_col_int(st, 1);
	r->doc.year = (int)db_col_int(st, 2);
	r->doc.state = wf_state_of(db_col_text(st, 3), (int)db_col_int(st, 4));
	for (int i = 0; i < REPORT_CP__MAX; i++)
		r->cp[i] = db_col_is_null(st, 5 + i) ? -1 : (int)db_col_int(st, 5 + i);
	copy(r->doc.submitted_on, sizeof(r->doc.submitted_on), db_col_text(st, 9));
	copy(r->doc.review_note, sizeof(r->doc.review_note), db_col_text(st, 10));
	r->doc.version = db_col_int(st, 11);
	db_reset(st);
	if (load_lines(db, who, r) < 0)
		goto fail;
	return ST_OK;
fail:
	log_err("report %lld: %s", (long long)id, db_errmsg(db));
	return ST_ERR;
}

int
report_get(struct db *db, const struct principal *who, int64_t id, struct report **out)
{
	void *d;
	int rc = doc_get(db, &report_kind, who, id, &d);
	*out = d;
	return rc;
}

int
report_get_year(struct db *db, const struct principal *who, int64_t facility_id, int year,
		struct report **out)
{
	int64_t id;
	*out = NULL;
	int rc = wf_find_id(db, STMT_REPORT_FIND, who, facility_id, year, &id);
	return rc == ST_OK ? report_get(db, who, id, out) : rc;
}

int
report_prefill(struct db *db, const struct principal *who, int64_t facility_id, int year,
	       struct report **out)
{
	int64_t prev;
	*out = NULL;
	int rc = wf_facility_visible(db, who, facility_id);
	if (rc != ST_OK)
		return rc;
	rc = wf_find_id(db, STMT_REPORT_LATEST_BEFORE, who, facility_id, year, &prev);
	struct report *r = NULL;
	if (rc == ST_OK) {
		if ((rc = report_get(db, who, prev, &r)) != ST_OK)
			return rc;
	} else if (rc == ST_NOTFOUND) {
		r = xcalloc(1, sizeof(*r));
		for (int i = 0; i < REPORT_CP__MAX; i++)
			r->cp[i] = -1;
	} else {
		return rc;
	}
	/* What was made and used, not how much: last year's figures are not this year's. */
	for (int i = 0; i < r->nout; i++)
		r->out[i].quantity = NAN;
	for (int i = 0; i < r->nenergy; i++)
		r->energy[i].quantity = NAN, r->energy[i].has_cost = 0;
	for (int i = 0; i < r->nwater; i++)
		r->water[i].quantity_m3 = NAN, r->water[i].has_cost = 0;
	for (int i = 0; i < r->nmat; i++)
		r->mat[i].quantity = NAN, r->mat[i].has_cost = 0;
	free(r->expl);
	r->expl = NULL;
	r->nexpl = 0;
	r->doc.id = 0;
	r->doc.facility_id = facility_id;
	r->doc.year = year;
	r->doc.state = WF_DRAFT;
	r->doc.version = 0;
	r->doc.submitted_on[0] = '\0';
	r->doc.review_note[0] = '\0';
	*out = r;
	return ST_OK;
}

/* ---- writing ---- */

static json_t *
jnum_opt(double v, int has)
{
	return has ? json_real(v) : json_null();
}

char *
report_json(const struct report *r)
{
	json_t *o = json_object(), *a;
	json_object_set_new(o, "id", json_integer(r->doc.id));
	json_object_set_new(o, "facility_id", json_integer(r->doc.facility_id));
	json_object_set_new(o, "year", json_integer(r->doc.year));
	json_object_set_new(o, "state", json_string(names_state[r->doc.state].code));
	for (int i = 0; i < REPORT_CP__MAX; i++)
		json_object_set_new(o, cp_fields[i],
				    r->cp[i] < 0 ? json_null() : json_integer(r->cp[i]));
	json_object_set_new(o, "review_note", json_string(r->doc.review_note));
	json_object_set_new(o, "version", json_integer(r->doc.version));
	a = json_array();
	for (int i = 0; i < r->nout; i++)
		json_array_append_new(a, json_pack("{s:s, s:f, s:s}", "product", r->out[i].product,
						   "quantity", r->out[i].quantity, "unit",
						   r->out[i].unit));
	json_object_set_new(o, "output", a);
	a = json_array();
	for (int i = 0; i < r->nenergy; i++) {
		const struct report_energy *e = &r->energy[i];
		json_array_append_new(
		    a, json_pack("{s:s, s:f, s:s, s:o, s:s, s:o}", "carrier", e->carrier,
				 "quantity", e->quantity, "unit", e->unit, "month",
				 e->month ? json_integer(e->month) : json_null(), "product",
				 e->product, "cost_vnd", jnum_opt(e->cost_vnd, e->has_cost)));
	}
	json_object_set_new(o, "energy", a);
	a = json_array();
	for (int i = 0; i < r->nwater; i++)
		json_array_append_new(
		    a, json_pack("{s:s, s:f, s:o}", "source", r->water[i].source, "quantity_m3",
				 r->water[i].quantity_m3, "cost_vnd",
				 jnum_opt(r->water[i].cost_vnd, r->water[i].has_cost)));
	json_object_set_new(o, "water", a);
	a = json_array();
	for (int i = 0; i < r->nmat; i++)
		json_array_append_new(
		    a, json_pack("{s:s, s:f, s:s, s:o}", "name", r->mat[i].name, "quantity",
				 r->mat[i].quantity, "unit", r->mat[i].unit, "cost_vnd",
				 jnum_opt(r->mat[i].cost_vnd, r->mat[i].has_cost)));
	json_object_set_new(o, "material", a);
	if (r->nexpl > 0) { /* only when there are some: older audit rows read the same */
		a = json_array();
		for (int i = 0; i < r->nexpl; i++)
			json_array_append_new(a, json_pack("{s:s, s:s}", "field", r->expl[i].field,
							   "explanation", r->expl[i].text));
		json_object_set_new(o, "explanations", a);
	}
	return wf_json_take(o);
}

static void
bind_cp(struct db_stmt *st, int first, const int cp[REPORT_CP__MAX])
{
	for (int i = 0; i < REPORT_CP__MAX; i++)
		if (cp[i] < 0)
			db_bind_null(st, first + i);
		else
			db_bind_int(st, first + i, cp[i]);
}

/* Replaces the stored lines of report id with r's.  Returns DB_OK or an error. */
static int
write_lines(struct db *db, int64_t id, const struct report *r)
{
	static const enum stmt clear[] = {STMT_REPORT_OUTPUT_CLEAR, STMT_REPORT_ENERGY_CLEAR,
					  STMT_REPORT_WATER_CLEAR, STMT_REPORT_MATERIAL_CLEAR};
	struct db_stmt *st;
	int rc = DB_OK;
	for (size_t i = 0; i < sizeof(clear) / sizeof(clear[0]) && rc == DB_OK; i++) {
		st = db_stmt(db, clear[i]);
		db_bind_int(st, 1, id);
		rc = db_run(st);
	}
	for (int i = 0; i < r->nout && rc == DB_OK; i++) {
		st = db_stmt(db, STMT_REPORT_OUTPUT_INSERT);
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, r->out[i].product);
		db_bind_double(st, 3, r->out[i].quantity);
		db_bind_text(st, 4, r->out[i].unit);
		rc = db_run(st);
	}
	for (int i = 0; i < r->nenergy && rc == DB_OK; i++) {
		const struct report_energy *e = &r->energy[i];
		st = db_stmt(db, STMT_REPORT_ENERGY_INSERT);
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, e->carrier);
		if (e->month)
			db_bind_int(st, 3, e->month);
		db_bind_text(st, 4, e->product[0] ? e->product : NULL);
		db_bind_double(st, 5, e->quantity);
		db_bind_text(st, 6, e->unit);
		db_bind_opt_double(st, 7, e->cost_vnd, !e->has_cost);
		rc = db_run(st);
	}
	for (int i = 0; i < r->nwater && rc == DB_OK; i++) {
		st = db_stmt(db, STMT_REPORT_WATER_INSERT);
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, r->water[i].source);
		db_bind_double(st, 3, r->water[i].quantity_m3);
		db_bind_opt_double(st, 4, r->water[i].cost_vnd, !r->water[i].has_cost);
		rc = db_run(st);
	}
	for (int i = 0; i < r->nmat && rc == DB_OK; i++) {
		st = db_stmt(db, STMT_REPORT_MATERIAL_INSERT);
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, r->mat[i].name);
		db_bind_double(st, 3, r->mat[i].quantity);
		db_bind_text(st, 4, r->mat[i].unit);
		db_bind_opt_double(st, 5, r->mat[i].cost_vnd, !r->mat[i].has_cost);
		rc = db_run(st);
	}
	if (!r->expl_set || rc != DB_OK)
		return rc;
	st = db_stmt(db, STMT_REPORT_EXPL_CLEAR);
	db_bind_int(st, 1, id);
	rc = db_run(st);
	for (int i = 0; i < r->nexpl && rc == DB_OK; i++) {
		st = db_stmt(db, STMT_REPORT_EXPL_INSERT);
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, r->expl[i].field);
		db_bind_text(st, 3, r->expl[i].warning_vi);
		db_bind_text(st, 4, r->expl[i].warning_en);
		db_bind_text(st, 5, r->expl[i].text);
		rc = db_run(st);
	}
	return rc;
}

/* The document core's insert: the report row, then its lines. */
static int
report_insert(struct db *db, void *doc)
{
	struct report *r = doc;
	struct db_stmt *st = db_stmt(db, STMT_REPORT_INSERT);
	db_bind_int(st, 1, r->doc.facility_id);
	db_bind_int(st, 2, r->doc.year);
	bind_cp(st, 3, r->cp);
	if (db_run(st) != DB_OK)
		return -1;
	r->doc.id = db_last_id(db);
	return write_lines(db, r->doc.id, r) == DB_OK ? 0 : -1;
}

/* The document core's update: the CP status if version is current, then every line. */
static int
report_update_content(struct db *db, const void *doc, int64_t version)
{
	const struct report *r = doc;
	struct db_stmt *st = db_stmt(db, STMT_REPORT_UPDATE);
	db_bind_int(st, 1, r->doc.id);
	db_bind_int(st, 2, version);
	bind_cp(st, 3, r->cp);
	if (db_run(st) != DB_OK)
		return -1;
	if (db_changes(db) != 1)
		return 0;
	return write_lines(db, r->doc.id, r) == DB_OK ? 1 : -1;
}

static int
report_get_doc(struct db *db, const struct principal *who, int64_t id, void *doc)
{
	return report_load(db, who, id, doc);
}

static int
report_validate_doc(struct db *db, const void *in, void *doc, struct wf_errors *errs)
{
	return report_validate(db, in, doc, errs);
}

static char *
report_json_doc(const void *doc)
{
	return report_json(doc);
}

/* Frees the lines of r, not r. */
static void
report_release(void *doc)
{
	struct report *r = doc;
	free(r->out);
	free(r->energy);
	free(r->water);
	free(r->mat);
	free(r->expl);
}

const struct doc_kind report_kind = {
    .kind = WF_KIND_REPORT,
    .name = "report",
    .label = {"báo cáo", "report"},
    .year_label = &lbl_year,
    .rules = wf_review_rules,
    .nrules = WF_REVIEW_NRULES,
    .stmt_find = STMT_REPORT_FIND,
    .stmt_state = STMT_REPORT_STATE,
    .size = sizeof(struct report),
    .head_offset = offsetof(struct report, doc),
    .get = report_get_doc,
    .validate = report_validate_doc,
    .insert = report_insert,
    .update = report_update_content,
    .json = report_json_doc,
    .release = report_release,
};

int
report_create(struct db *db, const struct principal *who, int64_t facility_id, int year,
	      const struct report_input *in, int64_t *id, struct wf_errors *errs)
{
	return doc_create(db, &report_kind, who, facility_id, year, in, id, errs);
}

int
report_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
	      const struct report_input *in, struct wf_errors *errs)
{
	return doc_update(db, &report_kind, who, id, version, in, errs);
}

int
report_transition(struct db *db, const struct principal *who, int64_t id, enum wf_action action,
		  int64_t version, const char *note, struct wf_errors *errs)
{
	return doc_transition(db, &report_kind, who, id, action, version, note, errs);
}

int
report_save_and_submit(struct db *db, const struct principal *who, int64_t facility_id, int year,
		       int64_t id, int64_t version, const struct report_input *in, int64_t *out_id,
		       struct wf_errors *errs)
{
	return doc_save_and_submit(db, &report_kind, who, facility_id, year, id, version, in,
				   out_id, errs);
}

/* ---- preview ---- */

void
report_preview_free(struct report_preview *p)
{
	free(p->energy);
	free(p->prod);
	free(p->warn);
	memset(p, 0, sizeof(*p));
}

/* The peers of the previewed report (plaus_fences_fn). */
struct peer_ctx {
	struct db *db;
	const struct plaus *pl;
	int year;
	int64_t facility_id;
};

static int
peer_fences(void *ctx, const char *product, double *lo, double *hi)
{
	const struct peer_ctx *c = ctx;
	int n;
	return plaus_peer_fences(c->db, c->pl, product, c->year, c->facility_id, lo, hi, &n);
}

/*
 * A warning "norm.PRODUCT" for each product whose SEC is above its legal
 * norm (compared to 10^-6, calc/exact.h) and not already so far above it
 * that plaus_review warned (sec_norm.PRODUCT).
 */
static void
above_norm_warnings(const struct ledger_report *lr, struct report_preview *out)
{
	for (int i = 0; i < lr->nproducts; i++) {
		const struct ledger_product *lp = &lr->products[i];
		if (!isfinite(lp->norm) || !isfinite(lp->sec) || !calc_gt(lp->sec, lp->norm))
			continue;
		char field[48];
		snprintf(field, sizeof(field), "sec_norm.%s", lp->product);
		int dup = 0;
		for (int w = 0; w < out->nwarn && !dup; w++)
			dup = strcmp(out->warn[w].field, field) == 0;
		if (dup)
			continue;
		out->warn = xrealloc(out->warn, sizeof(*out->warn) * (size_t)(out->nwarn + 1));
		struct plaus_warning *w = &out->warn[out->nwarn++];
		snprintf(w->field, sizeof(w->field), "norm.%s", lp->product);
		msg_init(&w->m, MSG_FORM_ABOVE_NORM, NULL);
		msg_code(&w->m, lp->product);
		msg_real(&w->m, lp->norm_ratio * 100, 1);
		msg_code(&w->m, wf_nz(lp->norm_ref));
	}
}

/* The plausibility warnings of lr, the ledger of r, into out.  Returns 0 or -1. */
static int
preview_warnings(struct db *db, const struct report *r, const struct ledger_report *lr,
		 struct report_preview *out)
{
	char err[VAL_MSG_MAX];
	struct plaus *pl = NULL;
	struct ledger *prev = NULL;
	if (plaus_load(db, &pl) != ST_OK)
		return -1;
	/* The facility's latest accepted report before the year: its figures as published. */
	if (ledger_load_product(db, (int)val_limits[VF_REPORT_YEAR].lo, r->doc.year - 1,
				r->doc.facility_id, NULL, 1, &prev, err, sizeof(err)) < 0) {
		log_err("report preview: %s", err);
		plaus_free(pl);
		return -1;
	}
	struct peer_ctx ctx = {db, pl, r->doc.year, r->doc.facility_id};
	const struct ledger_report *last = NULL;
	for (int i = 0; i < prev->nreports; i++)
		if (last == NULL || prev->reports[i].year > last->year)
			last = &prev->reports[i];
	plaus_review(pl, lr, plaus_employees(db, r->doc.facility_id), last, peer_fences, &ctx,
		     &out->warn, &out->nwarn);
	above_norm_warnings(lr, out);
	ledger_free(prev);
	plaus_free(pl);
	return 0;
}

int
report_preview(struct db *db, const struct report *r, struct report_preview *out)
{
	char err[VAL_MSG_MAX];
	struct ledger *l = NULL;
	memset(out, 0, sizeof(*out));
	struct ledger_line *lines = xcalloc((size_t)r->nenergy + 1, sizeof(*lines));
	struct ledger_output *outs = xcalloc((size_t)r->nout + 1, sizeof(*outs));
	for (int i = 0; i < r->nenergy; i++) {
		const struct report_energy *e = &r->energy[i];
		lines[i] = (struct ledger_line){.carrier = e->carrier,
						.unit = e->unit,
						.qty = e->quantity,
						.month = e->month,
						.product = e->product};
	}
	for (int i = 0; i < r->nout; i++)
		outs[i] =
		    (struct ledger_output){r->out[i].product, r->out[i].unit, r->out[i].quantity};
	/* The same path as every stored report's figures (ledger.h). */
	if (ledger_of_lines(db, r->doc.facility_id, r->doc.year, lines, r->nenergy, outs, r->nout,
			    &l, err, sizeof(err)) < 0) {
		log_err("report preview: %s", err);
		free(lines);
		free(outs);
		return ST_ERR;
	}
	const struct ledger_report *lr = &l->reports[0];
	out->complete = lr->toe_ok;
	out->energy_missing = lr->energy_missing;
	out->toe = lr->toe;
	out->gj = lr->gj_ok ? lr->gj : NAN;
	out->nenergy = r->nenergy;
	out->nprod = r->nout;
	out->energy = xcalloc((size_t)r->nenergy + 1, sizeof(*out->energy));
	out->prod = xcalloc((size_t)r->nout + 1, sizeof(*out->prod));
	for (int i = 0; i < r->nenergy; i++) {
		struct report_preview_energy *pe = &out->energy[i];
		pe->ok = !(lines[i].fail & (CALC_F_UNIT | CALC_F_TOE));
		pe->toe = pe->ok ? lines[i].toe : NAN;
		pe->gj = lines[i].fail & (CALC_F_UNIT | CALC_F_GJ) ? NAN : lines[i].gj;
		pe->msg = pe->ok			? MSG_NONE
			  : lines[i].fail & CALC_F_UNIT ? calc_msg(CALC_E_DIMENSION)
							: calc_msg(CALC_E_FACTOR);
	}
	for (int i = 0; i < r->nout; i++) {
		struct report_preview_product *pp = &out->prod[i];
		const struct ledger_product *lp = ledger_report_product(lr, r->out[i].product);
		copy(pp->product, sizeof(pp->product), r->out[i].product);
		pp->output = pp->toe = pp->sec_toe = pp->sec_norm = pp->ratio = NAN;
		if (lp == NULL)
			continue;
		copy(pp->unit, sizeof(pp->unit), lp->unit);
		pp->why = ledger_sec_msg(lp->sec_why);
		pp->output = lp->output;
		pp->toe = lp->energy_toe;
		pp->sec_toe = lp->sec_toe;
		if (!isfinite(lp->norm))
			continue;
		pp->has_norm = 1;
		pp->norm.value = lp->norm;
		pp->norm.band_plant = lp->norm_band_plant;
		copy(pp->norm.energy_unit, sizeof(pp->norm.energy_unit), lp->sec_energy_unit);
		copy(pp->norm.per_unit, sizeof(pp->norm.per_unit), lp->sec_per_unit);
		copy(pp->norm.legal_ref, sizeof(pp->norm.legal_ref), wf_nz(lp->norm_ref));
		pp->sec_norm = lp->sec;
		pp->ratio = lp->norm_ratio;
	}
	int rc = preview_warnings(db, r, lr, out) == 0 ? ST_OK : ST_ERR;
	ledger_free(l);
	free(lines);
	free(outs);
	if (rc != ST_OK)
		report_preview_free(out);
	return rc;
}
