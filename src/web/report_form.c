/*
 * GET and POST /facilities/{id}/report/{year}: the annual report form of
 * one facility and year.  A new report is pre-filled from the facility's
 * latest earlier one (report_prefill: products, carriers and units, no
 * quantities); an existing draft or returned one is edited in place with
 * the version it was loaded with.
 *
 * Every kind of line is a table of fields: outputs, the monthly grid (one
 * row per carrier billed monthly, twelve columns T1..T12, stored as the
 * report's monthly energy lines), other energy lines (yearly, or for one
 * product), water and materials.  Every code is a <select> of names
 * (model/reporting/choices.h: the facility's sector's products first); a
 * posted name is resolved to its code, and a value that is not a choice
 * gets an error that lists the choices.  Numbers are read with
 * parse_num_user in the page's language (wfp_qty_posted).  A "Thêm dòng /
 * Add a row" button posts the form back with one more row, keeping what
 * was typed, so the form needs no script; static/js/form.js adds and
 * removes rows in the page, echoes numbers and narrows units.  The first
 * submit button of the form saves the draft, so Enter in a field never
 * adds a row.
 *
 * "Xem trước / Preview" validates and shows TOE, SEC and the norm
 * (report_preview) with its plausibility warnings beside the lines they
 * are about; each warning has a field for the enterprise's explanation,
 * required on "Nộp / Submit" (not on "Lưu nháp / Save draft") and stored
 * with the report (report_explanation).  Field errors are placed beside
 * their fields (aria-describedby) and summed up at the top with a link to
 * each; a stale version answers 409 with the input kept.  A successful
 * save or submission redirects (303) back to the form.  Reports the caller
 * may not edit (submitted, accepted, or a district user) are shown
 * read-only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>

#include "model/survey/campaign.h"
#include "model/calc/exact.h"
#include "model/registry/facility_edit.h"
#include "model/reporting/choices.h"
#include "model/reporting/report.h"
#include "render/html.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "web/drafts.h"
#include "web/wfpage.h"

#define RF_EMPTY_ROWS 2 /* blank rows offered after the filled ones */
#define RF_COLS_MAX   14
#define RF_MONTHS     12

enum rf_kind { RF_OUTPUT, RF_GRID, RF_ENERGY, RF_WATER, RF_MATERIAL, RF__MAX };

/* What a column holds: how it is written and read back. */
enum rf_type {
	RF_TEXT,
	RF_NUM,		 /* parse_num_user in the page's language */
	RF_PRODUCT,	 /* a product */
	RF_PRODUCT_OPT,	 /* a product or "" (the whole facility) */
	RF_CARRIER,	 /* an energy carrier */
	RF_UNIT,	 /* any unit */
	RF_UNIT_CARRIER, /* a unit the row's carrier may be reported in */
	RF_MONTH,	 /* "" (the whole year) or 1-12 */
	RF_WATER_SRC,	 /* a water source */
};

struct rf_col {
	const char *name, *vi, *en;
	enum rf_type type;
};

/* The line kinds: form/field prefix as report_validate names it, and columns. */
static const struct {
	const char *key, *vi, *en;
	int ncols;
	struct rf_col cols[RF_COLS_MAX];
} rf_kinds[RF__MAX] = {
    [RF_OUTPUT] = {"output",
		   "Sản lượng theo sản phẩm",
		   "Output per product",
		   3,
		   {{"product", "Sản phẩm", "Product", RF_PRODUCT},
		    {"quantity", "Sản lượng", "Quantity", RF_NUM},
		    {"unit", "Đơn vị", "Unit", RF_UNIT}}},
    [RF_GRID] = {"grid",
		 "Năng lượng theo hóa đơn tháng",
		 "Energy from monthly bills",
		 14,
		 {{"carrier", "Loại năng lượng", "Carrier", RF_CARRIER},
		  {"unit", "Đơn vị", "Unit", RF_UNIT_CARRIER},
		  {"m1", "T1", "Jan", RF_NUM},
		  {"m2", "T2", "Feb", RF_NUM},
		  {"m3", "T3", "Mar", RF_NUM},
		  {"m4", "T4", "Apr", RF_NUM},
		  {"m5", "T5", "May", RF_NUM},
		  {"m6", "T6", "Jun", RF_NUM},
		  {"m7", "T7", "Jul", RF_NUM},
		  {"m8", "T8", "Aug", RF_NUM},
		  {"m9", "T9", "Sep", RF_NUM},
		  {"m10", "T10", "Oct", RF_NUM},
		  {"m11", "T11", "Nov", RF_NUM},
		  {"m12", "T12", "Dec", RF_NUM}}},
    [RF_ENERGY] = {"energy",
		   "Năng lượng cả năm hoặc theo sản phẩm",
		   "Energy for the year or per product",
		   6,
		   {{"carrier", "Loại năng lượng", "Carrier", RF_CARRIER},
		    {"quantity", "Lượng", "Quantity", RF_NUM},
		    {"unit", "Đơn vị", "Unit", RF_UNIT_CARRIER},
		    {"month", "Tháng", "Month", RF_MONTH},
		    {"product", "Cho sản phẩm", "For product", RF_PRODUCT_OPT},
		    {"cost", "Chi phí (đồng)", "Cost (VND)", RF_NUM}}},
    [RF_WATER] = {"water",
		  "Nước",
		  "Water",
		  3,
		  {{"source", "Nguồn nước", "Water source", RF_WATER_SRC},
		   {"quantity_m3", "Lượng (m³)", "Quantity (m³)", RF_NUM},
		   {"cost", "Chi phí (đồng)", "Cost (VND)", RF_NUM}}},
    [RF_MATERIAL] = {"material",
		     "Nguyên vật liệu",
		     "Materials",
		     4,
		     {{"name", "Tên", "Name", RF_TEXT},
		      {"quantity", "Lượng", "Quantity", RF_NUM},
		      {"unit", "Đơn vị", "Unit", RF_UNIT},
		      {"cost", "Chi phí (đồng)", "Cost (VND)", RF_NUM}}},
};

/* The water sources (the codes of val_water_names) with their names. */
static const struct choice rf_water[] = {
    {"tap", "Nước máy", "Tap water", "", ""},
    {"ground", "Nước ngầm", "Groundwater", "", ""},
    {"surface", "Nước mặt", "Surface water", "", ""},
    {"other", "Khác", "Other", "", ""},
};
#define RF_NWATER ((int)(sizeof(rf_water) / sizeof(rf_water[0])))

/* Field labels of the choice errors (MSG_FORM_NOT_CHOICE). */
static const struct val_label rf_labels[] = {
    [RF_PRODUCT] = {"sản phẩm", "product"},
    [RF_PRODUCT_OPT] = {"sản phẩm", "product"},
    [RF_CARRIER] = {"loại năng lượng", "carrier"},
    [RF_UNIT] = {"đơn vị", "unit"},
    [RF_UNIT_CARRIER] = {"đơn vị", "unit"},
    [RF_WATER_SRC] = {"nguồn nước", "water source"},
    [RF_MONTH] = {"tháng", "month"},
};

static const struct rf_col rf_cp[REPORT_CP__MAX] = {
    [REPORT_CP_AWARE] = {"cp_aware", "Biết về sản xuất sạch hơn", "Aware of cleaner production",
			 RF_TEXT},
    [REPORT_CP_STAFF] = {"cp_staff", "Có cán bộ phụ trách SXSH", "Has CP staff", RF_TEXT},
    [REPORT_CP_UNIT] = {"cp_unit", "Có bộ phận SXSH", "Has a CP unit", RF_TEXT},
    [REPORT_CP_APPLIED] = {"cp_applied", "Đã áp dụng SXSH", "Applies CP", RF_TEXT},
};

/* The form's content as text: what was typed, or a stored report printed. */
struct rf_form {
	const char *cp[REPORT_CP__MAX];
	int rows[RF__MAX];
	const char **val[RF__MAX]; /* rows x ncols, arena */
};

/* Where the k-th energy line of the model's input came from. */
struct rf_src {
	enum rf_kind kind; /* RF_ENERGY or RF_GRID */
	int row, month;	   /* month: the grid's column 1-12 */
};

/* Everything one rendering needs. */
struct rf_page {
	int64_t fid;
	int year;
	struct facility_profile fac;
	struct report *stored; /* NULL when the year has no report yet */
	int editable;
	struct choices *ch;
	struct rf_form form;
	struct wf_errors errs;
	const struct report_preview *preview; /* set after a valid preview */
	const struct plaus_warning *warn;     /* warnings shown beside their lines */
	int nwarn;
	int *warn_shown; /* per warning: placed beside a line already */
	const char *problem, *notice, *prefilled;
	int nsrc;
	struct rf_src *src; /* per energy line of the input */
};

static const char *
rf_field(struct http_request *req, enum rf_kind k, int row, int col)
{
	return arena_printf(&req->arena, "%s[%d].%s", rf_kinds[k].key, row,
			    rf_kinds[k].cols[col].name);
}

static void
rf_alloc(struct http_request *req, struct rf_form *f, enum rf_kind k, int rows)
{
	f->rows[k] = rows;
	f->val[k] =
	    arena_alloc(&req->arena, sizeof(char *) * (size_t)(rows * rf_kinds[k].ncols + 1));
	for (int i = 0; i < rows * rf_kinds[k].ncols; i++)
		f->val[k][i] = "";
}

static const char *
rf_cost(struct http_request *req, double v, int has)
{
	return has ? wfp_qty_input(req, v) : "";
}

/* The list of choices a column of type t offers, in *n. */
static const struct choice *
rf_list(const struct rf_page *p, enum rf_type t, int *n)
{
	switch (t) {
	case RF_PRODUCT:
	case RF_PRODUCT_OPT:
		*n = p->ch->nproduct;
		return p->ch->product;
	case RF_CARRIER:
		*n = p->ch->ncarrier;
		return p->ch->carrier;
	case RF_UNIT:
	case RF_UNIT_CARRIER:
		*n = p->ch->nunit;
		return p->ch->unit;
	case RF_WATER_SRC:
		*n = RF_NWATER;
		return rf_water;
	default:
		*n = 0;
		return NULL;
	}
}

/* The name of code in the page's language when it is a choice of type t, else code. */
static const char *
rf_name(struct http_request *req, const struct rf_page *p, enum rf_type t, const char *code)
{
	int n;
	const struct choice *list = rf_list(p, t, &n);
	for (int i = 0; list != NULL && i < n; i++)
		if (strcmp(list[i].code, code) == 0)
			return HTTP_T(req, list[i].name_vi, list[i].name_en);
	if (t == RF_MONTH && code[0] != '\0')
		return arena_printf(&req->arena, "%s %s", HTTP_T(req, "Tháng", "Month"), code);
	return code;
}

/*
 * m with its product, carrier and unit codes named (choices_name_msg) and,
 * in the message about water sources, the source named.
 */
static struct msg
rf_named(const struct rf_page *p, const struct msg *m, enum lang lang)
{
	struct msg out = *m;
	choices_name_msg(p->ch, &out, lang == LANG_EN);
	for (int i = 0; m->id == MSG_REP_WATER_TWICE && i < out.nargs && i < MSG_ARGS; i++) {
		const struct choice *c =
		    out.arg[i].type == 's' ? choice_find(rf_water, RF_NWATER, out.arg[i].s) : NULL;
		if (c != NULL)
			snprintf(out.arg[i].s, sizeof(out.arg[i].s), "%s",
				 lang == LANG_EN ? c->name_en : c->name_vi);
	}
	return out;
}

/* Every error of the page with its codes named (rf_named). */
static void
rf_name_errors(struct http_request *req, struct rf_page *p)
{
	for (int i = 0; i < p->errs.n; i++)
		p->errs.e[i].msg = rf_named(p, &p->errs.e[i].msg, req->lang);
}

/*
 * Whether energy line e belongs in the monthly grid: a month, no product
 * and no cost (a line with either stays a line of its own).
 */
static int
rf_grid_line(const struct report_energy *e)
{
	return e->month >= 1 && e->month <= RF_MONTHS && e->product[0] == '\0' && !e->has_cost;
}

/* The form from a stored or pre-filled report, with RF_EMPTY_ROWS blank rows per kind. */
static void
rf_from_report(struct http_request *req, const struct report *r, struct rf_form *f)
{
	for (int c = 0; c < REPORT_CP__MAX; c++)
		f->cp[c] = r->cp[c] < 0 ? "" : r->cp[c] ? "1" : "0";
	/* Grid rows: one per carrier and unit of the monthly lines, in their order. */
	int ngrid = 0, nline = 0;
	int *grow = arena_alloc(&req->arena, sizeof(int) * (size_t)(r->nenergy + 1));
	for (int i = 0; i < r->nenergy; i++) {
		const struct report_energy *e = &r->energy[i];
		grow[i] = -1;
		if (!rf_grid_line(e)) {
			nline++;
			continue;
		}
		for (int j = 0; j < i && grow[i] < 0; j++)
			if (grow[j] >= 0 && strcmp(r->energy[j].carrier, e->carrier) == 0 &&
			    strcmp(r->energy[j].unit, e->unit) == 0)
				grow[i] = grow[j];
		if (grow[i] < 0)
			grow[i] = ngrid++;
	}
	int n[RF__MAX] = {r->nout, ngrid, nline, r->nwater, r->nmat};
	for (int k = 0; k < RF__MAX; k++)
		rf_alloc(req, f, (enum rf_kind)k, n[k] + RF_EMPTY_ROWS);
	for (int i = 0; i < r->nout; i++) {
		const char **v = &f->val[RF_OUTPUT][i * 3];
		v[0] = r->out[i].product;
		v[1] = wfp_qty_input(req, r->out[i].quantity);
		v[2] = r->out[i].unit;
	}
	int line = 0;
	for (int i = 0; i < r->nenergy; i++) {
		const struct report_energy *e = &r->energy[i];
		if (grow[i] >= 0) {
			const char **v = &f->val[RF_GRID][grow[i] * 14];
			v[0] = e->carrier;
			v[1] = e->unit;
			v[1 + e->month] = wfp_qty_input(req, e->quantity);
			continue;
		}
		const char **v = &f->val[RF_ENERGY][line++ * 6];
		v[0] = e->carrier;
		v[1] = wfp_qty_input(req, e->quantity);
		v[2] = e->unit;
		v[3] = e->month > 0 ? arena_printf(&req->arena, "%d", e->month) : "";
		v[4] = e->product;
		v[5] = rf_cost(req, e->cost_vnd, e->has_cost);
	}
	for (int i = 0; i < r->nwater; i++) {
		const char **v = &f->val[RF_WATER][i * 3];
		v[0] = r->water[i].source;
		v[1] = wfp_qty_input(req, r->water[i].quantity_m3);
		v[2] = rf_cost(req, r->water[i].cost_vnd, r->water[i].has_cost);
	}
	for (int i = 0; i < r->nmat; i++) {
		const char **v = &f->val[RF_MATERIAL][i * 4];
		v[0] = r->mat[i].name;
		v[1] = wfp_qty_input(req, r->mat[i].quantity);
		v[2] = r->mat[i].unit;
		v[3] = rf_cost(req, r->mat[i].cost_vnd, r->mat[i].has_cost);
	}
}

/* A posted choice as its code when it names one (choice_find), else as typed. */
static const char *
rf_resolve(const struct rf_page *p, enum rf_type t, const char *v)
{
	int n;
	const struct choice *list = rf_list(p, t, &n);
	const struct choice *c = list != NULL ? choice_find(list, n, v) : NULL;
	return c != NULL ? c->code : v;
}

/*
 * The form as posted: rows of each kind up to its n_KIND field, rows left
 * wholly empty dropped (so the indices of the errors are the rendered
 * rows' indices), then extra blank rows (one more for "add_KIND").
 * Choices typed as names become their codes.
 */
static void
rf_from_post(struct http_request *req, struct rf_page *p, const char *op)
{
	struct rf_form *f = &p->form;
	for (int c = 0; c < REPORT_CP__MAX; c++) {
		const char *v = http_form(req, rf_cp[c].name);
		f->cp[c] = v != NULL ? v : "";
	}
	for (int k = 0; k < RF__MAX; k++) {
		int ncols = rf_kinds[k].ncols;
		int64_t posted = 0;
		const char *n = http_form(req, arena_printf(&req->arena, "n_%s", rf_kinds[k].key));
		if (n == NULL || parse_int64(n, &posted) < 0 || posted < 0)
			posted = 0;
		if (posted > REPORT_LINES_MAX + RF_EMPTY_ROWS)
			posted = REPORT_LINES_MAX + RF_EMPTY_ROWS;
		int add = op != NULL && strncmp(op, "add_", 4) == 0 &&
			  strcmp(op + 4, rf_kinds[k].key) == 0;
		rf_alloc(req, f, (enum rf_kind)k, (int)posted + RF_EMPTY_ROWS + add);
		int kept = 0;
		for (int i = 0; i < (int)posted; i++) {
			int filled = 0;
			const char *v[RF_COLS_MAX];
			for (int c = 0; c < ncols; c++) {
				v[c] = http_form(req, rf_field(req, (enum rf_kind)k, i, c));
				if (v[c] == NULL)
					v[c] = "";
				if (v[c][strspn(v[c], " \t")] != '\0')
					filled = 1;
				v[c] = rf_resolve(p, rf_kinds[k].cols[c].type, v[c]);
			}
			if (!filled)
				continue;
			memcpy(&f->val[k][kept * ncols], v, sizeof(char *) * (size_t)ncols);
			kept++;
		}
		f->rows[k] = kept + RF_EMPTY_ROWS + add;
	}
}

/* Whether row i of kind k has any text. */
static int
rf_row_filled(const struct rf_form *f, enum rf_kind k, int i)
{
	for (int c = 0; c < rf_kinds[k].ncols; c++)
		if (f->val[k][i * rf_kinds[k].ncols + c][0] != '\0')
			return 1;
	return 0;
}

/* The filled rows of kind k (they come first). */
static int
rf_filled(const struct rf_form *f, enum rf_kind k)
{
	int n = 0;
	while (n < f->rows[k] && rf_row_filled(f, k, n))
		n++;
	return n;
}

/*
 * The model's input from the form's filled rows: the energy lines are the
 * energy table's rows, then one line per month typed in the grid (its
 * origin in p->src).
 */
static void
rf_input(struct http_request *req, struct rf_page *p, struct report_input *in)
{
	const struct rf_form *f = &p->form;
	memset(in, 0, sizeof(*in));
	for (int c = 0; c < REPORT_CP__MAX; c++)
		in->cp[c] = f->cp[c];
	int n[RF__MAX];
	for (int k = 0; k < RF__MAX; k++)
		n[k] = rf_filled(f, (enum rf_kind)k);
	struct report_output_in *o = arena_alloc(&req->arena, sizeof(*o) * (size_t)(n[0] + 1));
	for (int i = 0; i < n[RF_OUTPUT]; i++) {
		const char **v = &f->val[RF_OUTPUT][i * 3];
		o[i] = (struct report_output_in){v[0], wfp_qty_posted(req, v[1]), v[2]};
	}
	int ne = n[RF_ENERGY] + n[RF_GRID] * RF_MONTHS;
	struct report_energy_in *e = arena_alloc(&req->arena, sizeof(*e) * (size_t)(ne + 1));
	p->src = arena_alloc(&req->arena, sizeof(*p->src) * (size_t)(ne + 1));
	int k = 0;
	for (int i = 0; i < n[RF_ENERGY]; i++, k++) {
		const char **v = &f->val[RF_ENERGY][i * 6];
		e[k] = (struct report_energy_in){v[0], wfp_qty_posted(req, v[1]), v[2], v[3],
						 v[4], wfp_qty_posted(req, v[5])};
		p->src[k] = (struct rf_src){RF_ENERGY, i, 0};
	}
	for (int i = 0; i < n[RF_GRID]; i++) {
		const char **v = &f->val[RF_GRID][i * 14];
		int any = 0;
		for (int m = 1; m <= RF_MONTHS; m++) {
			const char *q = v[1 + m];
			if (q[strspn(q, " \t")] == '\0')
				continue;
			any = 1;
			e[k] = (struct report_energy_in){v[0], wfp_qty_posted(req, q),
							 v[1], arena_printf(&req->arena, "%d", m),
							 "",   ""};
			p->src[k++] = (struct rf_src){RF_GRID, i, m};
		}
		if (!any) { /* a carrier without a month: one line for the model to refuse */
			e[k] = (struct report_energy_in){v[0], "", v[1], "1", "", ""};
			p->src[k++] = (struct rf_src){RF_GRID, i, 1};
		}
	}
	p->nsrc = k;
	struct report_water_in *w = arena_alloc(&req->arena, sizeof(*w) * (size_t)(n[3] + 1));
	for (int i = 0; i < n[RF_WATER]; i++) {
		const char **v = &f->val[RF_WATER][i * 3];
		w[i] = (struct report_water_in){v[0], wfp_qty_posted(req, v[1]),
						wfp_qty_posted(req, v[2])};
	}
	struct report_material_in *m = arena_alloc(&req->arena, sizeof(*m) * (size_t)(n[4] + 1));
	for (int i = 0; i < n[RF_MATERIAL]; i++) {
		const char **v = &f->val[RF_MATERIAL][i * 4];
		m[i] = (struct report_material_in){v[0], wfp_qty_posted(req, v[1]), v[2],
						   wfp_qty_posted(req, v[3])};
	}
	in->nout = n[RF_OUTPUT];
	in->nenergy = k;
	in->nwater = n[RF_WATER];
	in->nmat = n[RF_MATERIAL];
	in->out = o;
	in->energy = e;
	in->water = w;
	in->mat = m;
}

/*
 * The errors of the model's energy lines that came from the grid, renamed
 * to the grid's fields: "energy[k].quantity" -> "grid[r].mM",
 * "energy[k].carrier|unit" -> "grid[r].carrier|unit".
 */
static void
rf_grid_errors(struct rf_page *p)
{
	for (int i = 0; i < p->errs.n; i++) {
		struct wf_error *e = &p->errs.e[i];
		int k, off = 0;
		if (sscanf(e->field, "energy[%d].%n", &k, &off) != 1 || off == 0 || k < 0 ||
		    k >= p->nsrc || p->src[k].kind != RF_GRID)
			continue;
		const char *col = e->field + off;
		char name[64];
		if (strcmp(col, "carrier") == 0 || strcmp(col, "unit") == 0)
			snprintf(name, sizeof(name), "grid[%d].%s", p->src[k].row, col);
		else
			snprintf(name, sizeof(name), "grid[%d].m%d", p->src[k].row,
				 p->src[k].month);
		snprintf(e->field, sizeof(e->field), "%s", name);
	}
}

/* The page's own message on every number not written as the page writes numbers. */
static void
rf_qty_errors(struct http_request *req, struct rf_page *p)
{
	for (int k = 0; k < RF__MAX; k++)
		for (int i = 0; i < p->form.rows[k]; i++)
			for (int c = 0; c < rf_kinds[k].ncols; c++)
				if (rf_kinds[k].cols[c].type == RF_NUM)
					wfp_qty_error(req, &p->errs,
						      rf_field(req, (enum rf_kind)k, i, c),
						      p->form.val[k][i * rf_kinds[k].ncols + c]);
}

/* Sets the message of field's first error to m, or adds it. */
static void
rf_set_error(struct wf_errors *errs, const char *field, const struct msg *m)
{
	for (int i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0) {
			errs->e[i].msg = *m;
			return;
		}
	wf_errors_add(errs, m, "%s", field);
}

/* The names of list (n entries) in the page's language, for a message.  Arena string. */
static const char *
rf_names(struct http_request *req, const struct rf_page *p, const struct choice *list, int n,
	 const char *carrier)
{
	char out[4096];
	choices_names(p->ch, list, n, carrier, req->lang == LANG_EN, out, sizeof(out));
	return arena_strdup(&req->arena, out);
}

/*
 * After validation: a choice that is not one gets MSG_FORM_NOT_CHOICE with
 * the names allowed, and a unit the row's carrier may not be reported in
 * MSG_FORM_UNIT_CARRIER with both names and the units allowed.
 */
static void
rf_choice_errors(struct http_request *req, struct rf_page *p)
{
	struct msg m;
	for (int k = 0; k < RF__MAX; k++)
		for (int i = 0; i < p->form.rows[k]; i++) {
			const char **v = &p->form.val[k][i * rf_kinds[k].ncols];
			const char *carrier = NULL;
			for (int c = 0; c < rf_kinds[k].ncols; c++) {
				enum rf_type t = rf_kinds[k].cols[c].type;
				int n;
				const struct choice *list = rf_list(p, t, &n);
				if (list == NULL || v[c][0] == '\0')
					continue;
				const char *field = rf_field(req, (enum rf_kind)k, i, c);
				const struct choice *hit = NULL;
				for (int j = 0; j < n && hit == NULL; j++)
					if (strcmp(list[j].code, v[c]) == 0)
						hit = &list[j];
				if (hit == NULL) {
					msg_init(&m, MSG_FORM_NOT_CHOICE, &rf_labels[t]);
					msg_str(&m, v[c]);
					msg_ref(&m, rf_names(req, p, list, n, NULL));
					rf_set_error(&p->errs, field, &m);
					continue;
				}
				if (t == RF_CARRIER)
					carrier = hit->code;
				if (t == RF_UNIT_CARRIER && carrier != NULL &&
				    !choices_carrier_unit(p->ch, carrier, hit->code)) {
					msg_init(&m, MSG_FORM_UNIT_CARRIER, NULL);
					msg_str(&m, HTTP_T(req, hit->name_vi, hit->name_en));
					msg_str(&m, rf_name(req, p, RF_CARRIER, carrier));
					msg_ref(&m, rf_names(req, p, list, n, carrier));
					rf_set_error(&p->errs, field, &m);
				}
			}
		}
}

static void
rf_option(struct buf *b, const char *value, const char *label, int selected, const char *dattr,
	  const char *dval)
{
	const char *attr[] = {"value", value, "selected", selected ? "selected" : NULL,
			      dattr,   dval};
	wfp_tag(b, "option", attr, dattr != NULL ? 6 : 4);
	html_text(b, label);
	html_close(b, "option");
}

/* Whether product code sector is the facility's sector (the same VSIC class or under it). */
static int
rf_own_sector(const struct rf_page *p, const char *sector)
{
	size_t n = strlen(p->fac.sector_code);
	return n > 0 && strncmp(sector, p->fac.sector_code, n < 4 ? n : 4) == 0;
}

/* The units carrier may be reported in, space-separated (data-units).  Arena string. */
static const char *
rf_carrier_units(struct http_request *req, const struct rf_page *p, const char *carrier)
{
	char *out = arena_strdup(&req->arena, "");
	for (int i = 0; i < p->ch->npair; i++)
		if (strcmp(p->ch->pair[i].carrier, carrier) == 0)
			out = arena_printf(&req->arena, "%s%s%s", out, out[0] ? " " : "",
					   p->ch->pair[i].unit);
	return out;
}

/*
 * The <select> of field (column type t) with value selected; a value that
 * is not a choice stays selected as typed, so nothing is lost.
 */
static void
rf_select(struct http_request *req, struct buf *b, const struct rf_page *p, const char *field,
	  enum rf_type t, const char *value, const char *label)
{
	int bad = wf_errors_find(&p->errs, field) != NULL, n, found = value[0] == '\0';
	const struct choice *list = rf_list(p, t, &n);
	const char *cls = t == RF_PRODUCT || t == RF_PRODUCT_OPT ? "pick product"
			  : t == RF_CARRIER			 ? "pick carrier"
			  : t == RF_UNIT_CARRIER		 ? "pick unit carrier-unit"
			  : t == RF_UNIT			 ? "pick unit"
								 : "pick";
	const char *attr[] = {"name",
			      field,
			      "id",
			      wfp_field_id(req, field),
			      "class",
			      cls,
			      "aria-label",
			      label,
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, field) : NULL};
	wfp_tag(b, "select", attr, (int)(sizeof(attr) / sizeof(attr[0])));
	rf_option(b, "",
		  t == RF_PRODUCT_OPT ? HTTP_T(req, "(cả cơ sở)", "(whole facility)")
		  : t == RF_MONTH     ? HTTP_T(req, "Cả năm", "Whole year")
				      : HTTP_T(req, "— chọn —", "— choose —"),
		  value[0] == '\0', NULL, NULL);
	if (t == RF_MONTH) {
		for (int m = 1; m <= RF_MONTHS; m++) {
			char v[4];
			snprintf(v, sizeof(v), "%d", m);
			found |= strcmp(value, v) == 0;
			rf_option(b, v, rf_name(req, p, RF_MONTH, v), strcmp(value, v) == 0, NULL,
				  NULL);
		}
	}
	/* Products: the facility's own sector first, then the others. */
	int groups = t == RF_PRODUCT || t == RF_PRODUCT_OPT ? 2 : 1;
	for (int g = 0; g < groups && list != NULL; g++) {
		if (groups == 2)
			html_open(b, "optgroup", "label",
				  g == 0 ? HTTP_T(req, "Ngành của cơ sở", "The facility's sector")
					 : HTTP_T(req, "Sản phẩm khác", "Other products"),
				  NULL);
		for (int i = 0; i < n; i++) {
			if (groups == 2 && rf_own_sector(p, list[i].group) != (g == 0))
				continue;
			int sel = strcmp(value, list[i].code) == 0;
			found |= sel;
			const char *name = HTTP_T(req, list[i].name_vi, list[i].name_en);
			if (t == RF_CARRIER)
				rf_option(b, list[i].code, name, sel, "data-units",
					  rf_carrier_units(req, p, list[i].code));
			else if (groups == 2)
				rf_option(b, list[i].code, name, sel, "data-unit", list[i].unit);
			else
				rf_option(b, list[i].code, name, sel, NULL, NULL);
		}
		if (groups == 2)
			html_close(b, "optgroup");
	}
	if (!found)
		rf_option(b, value, value, 1, NULL, NULL);
	html_close(b, "select");
	wfp_field_error(req, b, &p->errs, field);
}

static void
rf_cp_select(struct http_request *req, struct buf *b, const struct rf_page *p, int c)
{
	static const struct rf_col opts[] = {{"", "Không rõ", "Unknown", RF_TEXT},
					     {"1", "Có", "Yes", RF_TEXT},
					     {"0", "Không", "No", RF_TEXT}};
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, rf_cp[c].vi, rf_cp[c].en));
	html_open(b, "select", "name", rf_cp[c].name, "id", wfp_field_id(req, rf_cp[c].name), NULL);
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		rf_option(b, opts[i].name, HTTP_T(req, opts[i].vi, opts[i].en),
			  strcmp(p->form.cp[c], opts[i].name) == 0, NULL, NULL);
	html_close(b, "select");
	wfp_field_error(req, b, &p->errs, rf_cp[c].name);
	html_close(b, "label");
}

/* ---- warnings and their explanations ---- */

/* The explanation of warning key as typed, or as stored; "" when none. */
static const char *
rf_explanation(struct http_request *req, const struct rf_page *p, const char *key)
{
	if (req->method == HTTP_POST) {
		const char *v = http_form(req, arena_printf(&req->arena, "explain.%s", key));
		return v != NULL ? v : "";
	}
	for (int i = 0; p->stored != NULL && i < p->stored->nexpl; i++)
		if (strcmp(p->stored->expl[i].field, key) == 0)
			return p->stored->expl[i].text;
	return "";
}

/* Warning w with the field for its explanation. */
static void
rf_warning(struct http_request *req, struct buf *b, const struct rf_page *p,
	   const struct plaus_warning *w)
{
	const char *field = arena_printf(&req->arena, "explain.%s", w->field);
	int bad = wf_errors_find(&p->errs, field) != NULL;
	html_open(b, "div", "class", "warn", "id",
		  arena_printf(&req->arena, "w-%s", wfp_field_id(req, w->field) + 2), NULL);
	html_open(b, "p", "class", "warn-text", NULL);
	html_elem(b, "strong", HTTP_T(req, "Cảnh báo: ", "Warning: "));
	struct msg named = rf_named(p, &w->m, req->lang);
	html_text(b, wfp_text(req, &named));
	html_close(b, "p");
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Giải thích của cơ sở (bắt buộc khi nộp)",
			    "The facility's explanation (required to submit)"));
	const char *attr[] = {"name",
			      field,
			      "id",
			      wfp_field_id(req, field),
			      "rows",
			      "2",
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, field) : NULL};
	wfp_tag(b, "textarea", attr, (int)(sizeof(attr) / sizeof(attr[0])));
	html_text(b, rf_explanation(req, p, w->field));
	html_close(b, "textarea");
	html_close(b, "label");
	wfp_field_error(req, b, &p->errs, field);
	html_close(b, "div");
}

/*
 * Whether warning w is about row i of kind k: "energy.CARRIER" the first
 * row of that carrier (grid first), "output.P", "sec.P", "sec_norm.P",
 * "norm.P" the output row of product P.
 */
static int
rf_warning_at(const struct rf_page *p, const struct plaus_warning *w, enum rf_kind k, int i)
{
	const char *dot = strchr(w->field, '.');
	if (dot == NULL)
		return 0;
	const char *item = dot + 1;
	int out = strncmp(w->field, "output.", 7) == 0 || strncmp(w->field, "sec.", 4) == 0 ||
		  strncmp(w->field, "sec_norm.", 9) == 0 || strncmp(w->field, "norm.", 5) == 0;
	if (out)
		return k == RF_OUTPUT && strcmp(p->form.val[k][i * 3], item) == 0;
	if (strncmp(w->field, "energy.", 7) != 0 || (k != RF_GRID && k != RF_ENERGY))
		return 0;
	if (strcmp(p->form.val[k][i * rf_kinds[k].ncols], item) != 0)
		return 0;
	for (int j = 0; j < p->form.rows[RF_GRID]; j++) /* the first row of the carrier */
		if (strcmp(p->form.val[RF_GRID][j * 14], item) == 0)
			return k == RF_GRID && j == i;
	for (int j = 0; j < p->form.rows[RF_ENERGY]; j++)
		if (strcmp(p->form.val[RF_ENERGY][j * 6], item) == 0)
			return j == i;
	return 0;
}

/* The warnings about row i of kind k, as a table row under it. */
static void
rf_row_warnings(struct http_request *req, struct buf *b, const struct rf_page *p, enum rf_kind k,
		int i)
{
	for (int w = 0; w < p->nwarn; w++) {
		if (p->warn_shown[w] || !rf_warning_at(p, &p->warn[w], k, i))
			continue;
		p->warn_shown[w] = 1;
		html_open(b, "tr", "class", "warn-row", NULL);
		html_open(b, "td", "colspan",
			  arena_printf(&req->arena, "%d", rf_kinds[k].ncols + p->editable), NULL);
		rf_warning(req, b, p, &p->warn[w]);
		html_close(b, "td");
		html_close(b, "tr");
	}
}

/* The warnings not placed beside a line yet (the report's totals). */
static void
rf_other_warnings(struct http_request *req, struct buf *b, const struct rf_page *p)
{
	for (int w = 0; w < p->nwarn; w++)
		if (!p->warn_shown[w]) {
			p->warn_shown[w] = 1;
			rf_warning(req, b, p, &p->warn[w]);
		}
}

/* One kind's table: fields when editable, names otherwise. */
static void
rf_lines(struct http_request *req, struct buf *b, const struct rf_page *p, enum rf_kind k)
{
	int ncols = rf_kinds[k].ncols;
	if (!p->editable && rf_filled(&p->form, k) == 0)
		return;
	html_open(b, "fieldset", "id", rf_kinds[k].key, "class", "lines", NULL);
	html_elem(b, "legend", HTTP_T(req, rf_kinds[k].vi, rf_kinds[k].en));
	if (k == RF_GRID && p->editable)
		html_elem(b, "p",
			  HTTP_T(req,
				 "Mỗi dòng một loại năng lượng có hóa đơn hằng tháng (ví "
				 "dụ điện): nhập số của từng hóa đơn vào cột tháng.",
				 "One row per carrier billed monthly (electricity, for "
				 "instance): type each bill in its month's column."));
	wfp_field_error(req, b, &p->errs, rf_kinds[k].key);
	web_scroll_open(b, HTTP_T(req, "Bảng nhập liệu", "Entry table"));
	html_open(b, "table", "class", k == RF_GRID ? "list lines grid" : "list lines", "data-kind",
		  rf_kinds[k].key, NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	for (int c = 0; c < ncols; c++)
		html_elem(b, "th", HTTP_T(req, rf_kinds[k].cols[c].vi, rf_kinds[k].cols[c].en));
	if (p->editable)
		html_elem(b, "th", HTTP_T(req, "Xóa", "Remove"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < p->form.rows[k]; i++) {
		if (!p->editable && !rf_row_filled(&p->form, k, i))
			continue;
		html_open(b, "tr", "class", "line", NULL);
		for (int c = 0; c < ncols; c++) {
			const char *v = p->form.val[k][i * ncols + c];
			const struct rf_col *col = &rf_kinds[k].cols[c];
			const char *label =
			    arena_printf(&req->arena, "%s, %s %d", HTTP_T(req, col->vi, col->en),
					 HTTP_T(req, "dòng", "row"), i + 1);
			html_open(b, "td", "data-label", HTTP_T(req, col->vi, col->en), NULL);
			if (!p->editable)
				html_text(b, col->type == RF_NUM || col->type == RF_TEXT
						 ? v
						 : rf_name(req, p, col->type, v));
			else if (col->type == RF_NUM || col->type == RF_TEXT)
				wfp_cell_input(req, b, label, rf_field(req, k, i, c), v, &p->errs,
					       col->type == RF_NUM);
			else
				rf_select(req, b, p, rf_field(req, k, i, c), col->type, v, label);
			html_close(b, "td");
		}
		if (p->editable) {
			/* Without scripts a row is removed by emptying it; form.js adds a button.
			 */
			html_open(b, "td", "class", "remove", NULL);
			html_close(b, "td");
		}
		html_close(b, "tr");
		rf_row_warnings(req, b, p, k, i);
	}
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
	if (k == RF_ENERGY)
		rf_other_warnings(req, b, p);
	if (p->editable) {
		char n[32];
		snprintf(n, sizeof(n), "%d", p->form.rows[k]);
		html_open(b, "input", "type", "hidden", "name",
			  arena_printf(&req->arena, "n_%s", rf_kinds[k].key), "value", n, NULL);
		html_open(b, "button", "type", "submit", "name", "op", "value",
			  arena_printf(&req->arena, "add_%s", rf_kinds[k].key), "class", "add-row",
			  "data-kind", rf_kinds[k].key, NULL);
		html_text(b, HTTP_T(req, "Thêm dòng", "Add a row"));
		html_close(b, "button");
	}
	html_close(b, "fieldset");
}
/* The preview: totals, each energy line, SEC per product against its norm. */
static void
rf_preview(struct http_request *req, struct buf *b, const struct rf_page *p,
	   const struct report_preview *pv)
{
	html_open(b, "section", "class", "preview", "id", "preview", NULL);
	html_elem(b, "h2", HTTP_T(req, "Xem trước", "Preview"));
	html_open(b, "p", NULL);
	html_text(b, HTTP_T(req, "Tổng năng lượng: ", "Total energy: "));
	html_open(b, "strong", "class", "toe", NULL);
	if (pv->energy_missing)
		html_text(b, wfp_text_id(req, MSG_ENERGY_MISSING));
	else
		html_textf(b, "%s TOE", web_qty(req, pv->toe, FMT_TOE));
	html_close(b, "strong");
	if (!pv->complete && !pv->energy_missing)
		html_text(b, HTTP_T(req, " (chưa đủ: có dòng không quy đổi được)",
				    " (incomplete: some lines could not be converted)"));
	html_close(b, "p");
	for (int i = 0; i < pv->nenergy; i++)
		if (!pv->energy[i].ok) {
			const struct rf_src *s = i < p->nsrc ? &p->src[i] : NULL;
			const char *where =
			    s == NULL ? arena_printf(&req->arena, "%d", i + 1)
			    : s->kind == RF_GRID
				? arena_printf(
				      &req->arena, "%s %d, %s %d",
				      HTTP_T(req, "hóa đơn tháng, dòng", "monthly bills, row"),
				      s->row + 1, HTTP_T(req, "tháng", "month"), s->month)
				: arena_printf(&req->arena, "%d", s->row + 1);
			wfp_message(b, 1,
				    arena_printf(&req->arena, "%s %s: %s",
						 HTTP_T(req, "Dòng năng lượng", "Energy line"),
						 where, wfp_text_id(req, pv->energy[i].msg)));
		}
	web_scroll_open(b, HTTP_T(req, "Bảng nhập liệu", "Entry table"));
	html_open(b, "table", "class", "list", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	html_elem(b, "th", HTTP_T(req, "Sản phẩm", "Product"));
	html_elem(b, "th", HTTP_T(req, "Sản lượng", "Output"));
	html_elem(b, "th", "TOE");
	html_elem(b, "th", HTTP_T(req, "Suất tiêu hao (TOE/đơn vị)", "SEC (TOE/unit)"));
	html_elem(b, "th", HTTP_T(req, "Suất tiêu hao theo định mức", "SEC in the norm's unit"));
	html_elem(b, "th", HTTP_T(req, "Định mức", "Norm"));
	html_elem(b, "th", HTTP_T(req, "So với định mức", "Against the norm"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < pv->nprod; i++) {
		const struct report_preview_product *pp = &pv->prod[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", rf_name(req, p, RF_PRODUCT, pp->product));
		html_elem(b, "td",
			  arena_printf(&req->arena, "%s %s", web_qty(req, pp->output, FMT_QTY),
				       rf_name(req, p, RF_UNIT, pp->unit)));
		html_elem(b, "td", web_qty(req, pp->toe, FMT_TOE));
		if (isfinite(pp->sec_toe) || pp->why == MSG_NONE)
			html_elem(b, "td", web_qty(req, pp->sec_toe, FMT_SEC));
		else
			html_elem(b, "td",
				  arena_printf(&req->arena, "— (%s)", wfp_text_id(req, pp->why)));
		if (pp->has_norm) {
			html_elem(b, "td",
				  arena_printf(&req->arena, "%s %s/%s",
					       web_qty(req, pp->sec_norm, FMT_SEC),
					       pp->norm.energy_unit, pp->norm.per_unit));
			html_elem(b, "td",
				  arena_printf(&req->arena, "%s %s/%s (%s)",
					       web_qty(req, pp->norm.value, FMT_SEC),
					       pp->norm.energy_unit, pp->norm.per_unit,
					       pp->norm.legal_ref));
			/* SEC <= norm meets it, compared to 10^-6 (calc/exact.h); a SEC
			 * that cannot be computed meets nothing: "—". */
			int above = calc_gt(pp->sec_norm, pp->norm.value);
			if (!isfinite(pp->sec_norm)) {
				html_elem(b, "td", "—");
			} else {
				html_open(b, "td", "class", above ? "above-norm" : "within-norm",
					  NULL);
				html_textf(b, "%s %s", web_pct(req, pp->ratio * 100),
					   above ? HTTP_T(req, "vượt định mức", "above the norm")
						 : HTTP_T(req, "đạt định mức", "within the norm"));
				html_close(b, "td");
			}
		} else {
			html_elem(b, "td", "—");
			html_elem(b, "td", HTTP_T(req, "không có định mức", "no norm"));
			html_elem(b, "td", "—");
		}
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
	html_close(b, "section");
}

/* What the prefill copied, for the notice: NULL when it copied nothing. */
static const char *
rf_prefilled(struct http_request *req, const struct report *r)
{
	if (r->nout + r->nenergy + r->nwater + r->nmat == 0)
		return NULL;
	return arena_printf(
	    &req->arena,
	    HTTP_T(req,
		   "Đã điền sẵn từ báo cáo năm trước: %d sản phẩm, %d dòng năng lượng, %d nguồn "
		   "nước, %d nguyên vật liệu, với đơn vị tính. Số lượng để trống: hãy nhập số "
		   "của năm nay.",
		   "Pre-filled from the previous report (products: %d, energy lines: %d, water "
		   "sources: %d, materials: %d) with their units. Quantities are empty: type "
		   "this year's figures."),
	    r->nout, r->nenergy, r->nwater, r->nmat);
}

static int
rf_render(struct http_request *req, struct http_response *resp, struct rf_page *p)
{
	const char *title =
	    arena_printf(&req->arena, "%s %d — %s", HTTP_T(req, "Báo cáo năm", "Annual report"),
			 p->year, p->fac.name);
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	p->warn_shown = arena_alloc(&req->arena, sizeof(int) * (size_t)(p->nwarn + 1));
	memset(p->warn_shown, 0, sizeof(int) * (size_t)(p->nwarn + 1));
	html_elem(&b, "h1", title);
	html_open(&b, "p", NULL);
	html_open(
	    &b, "a", "href",
	    web_url(req, arena_printf(&req->arena, "/facilities/%lld", (long long)p->fid), NULL, 0),
	    NULL);
	html_text(&b, HTTP_T(req, "← Trang cơ sở", "← Facility page"));
	html_close(&b, "a");
	html_close(&b, "p");
	if (p->stored != NULL) {
		html_open(&b, "p", "class", "state", NULL);
		html_text(&b, HTTP_T(req, "Trạng thái: ", "Status: "));
		html_open(&b, "strong", "class", names_state[p->stored->doc.state].code, NULL);
		html_text(&b, wfp_state_label(req, p->stored->doc.state));
		html_close(&b, "strong");
		html_close(&b, "p");
		if (p->stored->doc.review_note[0] != '\0') {
			html_open(&b, "blockquote", "class", "review-note", NULL);
			html_text(&b,
				  HTTP_T(req, "Ghi chú của người xem xét: ", "Reviewer's note: "));
			html_text(&b, p->stored->doc.review_note);
			html_close(&b, "blockquote");
		}
	}
	wfp_message(&b, 0, p->prefilled);
	wfp_message(&b, 0, p->notice);
	wfp_message(&b, 1, p->problem);
	wfp_error_summary(req, &b, &p->errs);
	if (p->preview != NULL)
		rf_preview(req, &b, p, p->preview);
	if (p->editable) {
		html_open(&b, "form", "class", "stack report-form", "method", "post", "action",
			  web_url(req, req->path, NULL, 0), NULL);
		web_csrf_field(req, &b, NULL);
		if (p->stored != NULL) {
			const char *ver =
			    req->method == HTTP_POST ? http_form(req, "version") : NULL;
			html_open(&b, "input", "type", "hidden", "name", "version", "value",
				  ver != NULL ? ver
					      : arena_printf(&req->arena, "%lld",
							     (long long)p->stored->doc.version),
				  NULL);
		}
		/* The form's first submit button saves: Enter in a field saves, never adds a row.
		 */
		html_open(&b, "div", "class", "actions top", NULL);
		wfp_button(&b, "save", HTTP_T(req, "Lưu nháp", "Save draft"));
		html_close(&b, "div");
	}
	html_open(&b, "fieldset", "id", "cp", NULL);
	html_elem(&b, "legend", HTTP_T(req, "Sản xuất sạch hơn trong năm", "Cleaner production"));
	for (int c = 0; c < REPORT_CP__MAX; c++) {
		if (p->editable) {
			rf_cp_select(req, &b, p, c);
		} else {
			html_open(&b, "p", NULL);
			html_textf(&b, "%s: %s", HTTP_T(req, rf_cp[c].vi, rf_cp[c].en),
				   p->form.cp[c][0] == '\0'  ? "—"
				   : p->form.cp[c][0] == '1' ? HTTP_T(req, "Có", "Yes")
							     : HTTP_T(req, "Không", "No"));
			html_close(&b, "p");
		}
	}
	html_close(&b, "fieldset");
	for (int k = 0; k < RF__MAX; k++)
		rf_lines(req, &b, p, (enum rf_kind)k);
	if (p->editable) {
		rf_other_warnings(req, &b, p);
		/* The warnings again above the buttons: a list to check before submitting. */
		struct plaus_warning *named =
		    arena_alloc(&req->arena, sizeof(*named) * (size_t)(p->nwarn + 1));
		for (int i = 0; i < p->nwarn; i++) {
			named[i] = p->warn[i];
			named[i].m = rf_named(p, &p->warn[i].m, req->lang);
		}
		wfp_warnings(
		    req, &b,
		    HTTP_T(req,
			   "Cảnh báo: số liệu có vẻ không hợp lý. Vẫn có thể nộp, nhưng mỗi "
			   "cảnh báo cần một lời giải thích (ô bên cạnh dòng liên quan):",
			   "Warnings: figures that look implausible. The report can still be "
			   "submitted, with an explanation of each (the box beside its "
			   "line):"),
		    named, p->nwarn);
		html_open(&b, "div", "class", "actions", NULL);
		wfp_button(&b, "save", HTTP_T(req, "Lưu nháp", "Save draft"));
		wfp_button(&b, "preview", HTTP_T(req, "Xem trước", "Preview"));
		if (p->preview != NULL || p->nwarn > 0)
			wfp_button(&b, "submit", HTTP_T(req, "Nộp", "Submit"));
		html_close(&b, "div");
		html_close(&b, "form");
	} else if (p->stored != NULL) {
		wfp_explanations(req, &b, p->stored);
		html_open(&b, "p", NULL);
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, "/reports/%lld",
					       (long long)p->stored->doc.id),
				  NULL, 0),
			  NULL);
		html_text(&b, HTTP_T(req, "Xem báo cáo và thao tác duyệt",
				     "Open the report and its review"));
		html_close(&b, "a");
		html_close(&b, "p");
	}
	web_attachments_section(req, &b, WF_KIND_REPORT, p->stored != NULL ? p->stored->doc.id : 0,
				p->editable);
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/*
 * The explanations of the warnings pv->warn as typed (explain.KEY), with
 * each warning's text in both languages, into *in.  On submit, a warning
 * without one is an error on its explanation field.
 */
static void
rf_explain_input(struct http_request *req, struct rf_page *p, const struct report_preview *pv,
		 int submit, struct report_input *in)
{
	struct report_explanation_in *x =
	    arena_alloc(&req->arena, sizeof(*x) * (size_t)(pv->nwarn + 1));
	char vi[2 * VAL_MSG_MAX], en[2 * VAL_MSG_MAX];
	for (int i = 0; i < pv->nwarn; i++) {
		const struct plaus_warning *w = &pv->warn[i];
		const char *t = rf_explanation(req, p, w->field);
		struct msg mvi = rf_named(p, &w->m, LANG_VI), men = rf_named(p, &w->m, LANG_EN);
		x[i] = (struct report_explanation_in){
		    w->field, arena_strdup(&req->arena, msg_format(&mvi, LANG_VI, vi, sizeof(vi))),
		    arena_strdup(&req->arena, msg_format(&men, LANG_EN, en, sizeof(en))), t};
		if (submit && t[strspn(t, " \t\r\n")] == '\0') {
			struct msg m;
			msg_init(&m, MSG_FORM_EXPLAIN_MISSING, NULL);
			struct msg named = rf_named(p, &w->m, req->lang);
			msg_str(&m, wfp_text(req, &named));
			wf_errors_add(&p->errs, &m, "explain.%s", w->field);
		}
	}
	in->nexpl = pv->nwarn;
	in->expl = x;
}

/* The form's errors after validation, in the page's words and on the page's fields. */
static void
rf_errors(struct http_request *req, struct rf_page *p)
{
	rf_grid_errors(p);
	rf_qty_errors(req, p);
	rf_choice_errors(req, p);
	rf_name_errors(req, p);
}

static int
rf_post(struct db *db, struct http_request *req, struct http_response *resp, struct rf_page *p)
{
	const char *op = http_form(req, "op");
	rf_from_post(req, p, op);
	if (op == NULL || strncmp(op, "add_", 4) == 0)
		return rf_render(req, resp, p);
	struct report_input in;
	rf_input(req, p, &in);
	int ret, submit = strcmp(op, "submit") == 0, store = submit || strcmp(op, "save") == 0;
	struct report *tmp = xcalloc(1, sizeof(*tmp));
	tmp->doc.facility_id = p->fid;
	tmp->doc.year = p->year;
	struct report_preview pv = {0};
	int have_pv = 0;
	int rc = report_validate(db, &in, tmp, &p->errs);
	if (rc == ST_OK) {
		if (report_preview(db, tmp, &pv) != ST_OK) {
			ret = -1;
			goto out;
		}
		have_pv = 1;
		p->warn = pv.warn;
		p->nwarn = pv.nwarn;
		rf_explain_input(req, p, &pv, submit, &in);
		if (p->errs.n > 0) { /* a warning not explained: nothing stored */
			resp->status = 400;
			p->preview = &pv;
			ret = rf_render(req, resp, p);
			goto out;
		}
	}
	if (rc == ST_OK && store) { /* doc_store validates again, in its transaction */
		int64_t id;
		rc = doc_store(db, &report_kind, req->who, p->fid, p->year,
			       p->stored != NULL ? p->stored->doc.id : 0, http_form(req, "version"),
			       &in, submit, &id, &p->errs);
		rf_errors(req, p);
		ret = wfp_stored(req, resp, rc, submit, &p->problem);
		if (ret == WFP_RENDER)
			ret = rf_render(req, resp, p);
		goto out;
	}
	rf_errors(req, p);
	if (rc == ST_OK && strcmp(op, "preview") == 0)
		p->preview = &pv;
	else if (rc != ST_OK && (ret = wfp_stored(req, resp, rc, 0, &p->problem)) != WFP_RENDER)
		goto out;
	ret = rf_render(req, resp, p); /* the preview, an unknown op, or the form with its errors */
out:
	if (have_pv)
		report_preview_free(&pv);
	report_free(tmp);
	return ret;
}

int
web_report_form(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct rf_page *p = arena_alloc(&req->arena, sizeof(*p));
	memset(p, 0, sizeof(*p));
	int rc = wfp_form_open(req, resp, db, &p->fid, &p->year, &p->fac);
	if (rc != 1)
		return rc;
	campaign_form_opened(db, req->who, p->fid, p->year, 0, (int64_t)time(NULL));
	rc = report_get_year(db, req->who, p->fid, p->year, &p->stored);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return -1;
	if (choices_load(db, &p->ch) < 0) {
		report_free(p->stored);
		return -1;
	}
	int ret;
	struct report *pre = NULL;
	struct report_preview pv = {0};
	int have_pv = 0;
	p->editable = wfp_editable(req, &report_kind, p->stored != NULL ? &p->stored->doc : NULL);
	struct web_draft *draft = web_draft_enter(
	    req, db, &report_kind, p->stored != NULL ? &p->stored->doc : NULL, p->editable);
	if (req->method == HTTP_POST) {
		if (!p->editable) {
			ret = wfp_fail(req, resp, p->stored != NULL ? ST_STATE : ST_FORBIDDEN);
			goto out;
		}
		ret = rf_post(db, req, resp, p);
		goto out;
	}
	const char *done = http_param(req, "done");
	if (done != NULL && strcmp(done, "saved") == 0)
		p->notice = HTTP_T(req, "Đã lưu nháp.", "Draft saved.");
	else if (done != NULL && strcmp(done, "submitted") == 0)
		p->notice = HTTP_T(req, "Đã nộp báo cáo.", "Report submitted.");
	if (web_draft_restored(draft)) { /* what was typed, shown as posted, not saved */
		rf_from_post(req, p, NULL);
	} else if (p->stored != NULL) {
		rf_from_report(req, p->stored, &p->form);
		/* A draft's warnings beside its lines, with what was explained so far. */
		if (p->editable && p->stored->nenergy + p->stored->nout > 0) {
			if (report_preview(db, p->stored, &pv) != ST_OK) {
				ret = -1;
				goto out;
			}
			have_pv = 1;
			p->warn = pv.warn;
			p->nwarn = pv.nwarn;
		}
	} else {
		rc = report_prefill(db, req->who, p->fid, p->year, &pre);
		if (rc != ST_OK) {
			ret = wfp_fail(req, resp, rc);
			goto out;
		}
		/* The strings point into pre: it is kept until the page is written. */
		rf_from_report(req, pre, &p->form);
		p->prefilled = rf_prefilled(req, pre);
	}
	ret = rf_render(req, resp, p);
out:
	ret = web_draft_leave(draft, resp, ret);
	if (have_pv)
		report_preview_free(&pv);
	report_free(pre);
	report_free(p->stored);
	choices_free(p->ch);
	return ret;
}
