/*
 * The campaign workbook import of wbimport.h.  Three passes:
 *
 *   read    sheetread streams the workbook; each data sheet's key row
 *           (row 2) gives its columns, every later row with a filled cell
 *           beyond the facility's code and name is kept, grouped by
 *           facility code; _sxsh gives the year and the campaign.
 *   plan    per facility: the code looked up and held to who's scope, the
 *           cells turned into the input of the report and registration
 *           forms (names through choices.h, numbers the Vietnamese way),
 *           checked by report_validate / registration_validate, the stored
 *           document's state deciding create, update or leave untouched,
 *           and a submission refused where the form would refuse it (a
 *           plausibility warning with no explanation).  Every problem is an
 *           error at its cell.
 *   write   only when there is no error and not a dry run: one
 *           transaction, doc_store_in_tx per document at the version the
 *           plan saw, an audit row naming the file for each.
 */
#include "model/survey/wbimport.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/doc/doc.h"
#include "model/msg.h"
#include "model/names.h"
#include "model/reporting/choices.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/fold.h"
#include "util/log.h"

/* ---- the layout (docs/workbook-format.md) ---- */

enum wsheet { WS_FAC, WS_OUT, WS_ENERGY, WS_WATER, WS_MAT, WS_CP, WS_REG, WS__MAX };

#define NKEYS_MAX 19
#define K_CODE	  0
#define K_NAME	  1

/* Column keys of each sheet, by position; bit k of required marks keys[k] required. */
static const struct {
	const char *name;
	const char *keys[NKEYS_MAX];
	int nkeys;
	unsigned required;
} layout[WS__MAX] = {
    [WS_FAC] = {"Cơ sở",
		{"facility_code", "facility_name", "tax_code", "unit", "sector", "submit"},
		6,
		1u << 0},
    [WS_OUT] = {"Sản phẩm",
		{"facility_code", "facility_name", "product", "quantity", "unit"},
		5,
		1u << 0 | 1u << 2 | 1u << 3 | 1u << 4},
    [WS_ENERGY] = {"Năng lượng",
		   {"facility_code", "facility_name", "carrier", "quantity", "unit", "cost_vnd",
		    "product", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11",
		    "m12"},
		   19,
		   1u << 0 | 1u << 2 | 1u << 3 | 1u << 4},
    [WS_WATER] = {"Nước",
		  {"facility_code", "facility_name", "source", "quantity_m3", "cost_vnd"},
		  5,
		  1u << 0 | 1u << 2 | 1u << 3},
    [WS_MAT] = {"Nguyên liệu",
		{"facility_code", "facility_name", "name", "quantity", "unit", "cost_vnd"},
		6,
		1u << 0 | 1u << 2 | 1u << 3 | 1u << 4},
    [WS_CP] = {"Tình trạng SXSH",
	       {"facility_code", "facility_name", "cp_aware", "cp_staff", "cp_unit", "cp_applied"},
	       6,
	       1u << 0},
    [WS_REG] = {"Đăng ký",
		{"facility_code", "facility_name", "apply_cp", "planned_saving_pct", "measures",
		 "submit"},
		6,
		1u << 0 | 1u << 2},
};

/* Key positions used below. */
enum {
	FAC_SUBMIT = 5,
	OUT_PRODUCT = 2,
	OUT_QTY,
	OUT_UNIT,
	EN_CARRIER = 2,
	EN_QTY,
	EN_UNIT,
	EN_COST,
	EN_PRODUCT,
	EN_M1,
	WA_SOURCE = 2,
	WA_QTY,
	WA_COST,
	MA_NAME = 2,
	MA_QTY,
	MA_UNIT,
	MA_COST,
	CP_FIRST = 2,
	RG_APPLY = 2,
	RG_SAVING,
	RG_MEASURES,
	RG_SUBMIT,
};

/* ---- what was read ---- */

struct wval {
	int set;
	enum sheetread_type type;
	char *text;
	double num;
};

struct wrow {
	enum wsheet ws;
	long row;
	struct wval *v; /* layout[ws].nkeys */
};

struct group {
	char *code;
	int *rows; /* indexes into imp.rows */
	int nrows, cap;
};

struct imp {
	struct db *db;
	const struct principal *who; /* the scope */
	struct principal act;	     /* who the documents are saved as */
	const struct wbimport_opts *o;
	struct wbimport_result *res;
	int errcap;
	long nproblems; /* errors given, kept or not */
	struct choices *ch;
	/* the sheets as met: workbook index -> enum wsheet, -1 for others, WS__MAX for _sxsh */
	int sheet_ws[4096];
	int sheet_index[WS__MAX]; /* workbook index of each sheet, -1 when absent */
	int col_of[WS__MAX][NKEYS_MAX];
	int keys_seen[WS__MAX]; /* 1 once the key row was read, 2 when a required key lacks */
	/* _sxsh A1..A6 */
	char *meta[7];
	long meta_row[7];
	struct wrow *rows;
	int nrows, rowcap;
	struct group *groups;
	int ngroups, groupcap;
	int *hash; /* open addressing over groups by code; -1 empty */
	int hashcap;
	int items_cap;
};

/* ---- errors ---- */

static void
err_add2(struct imp *im, int sheet_index, const char *sheet, long row, int col,
	 const struct msg *mvi, const struct msg *men)
{
	struct wbimport_result *r = im->res;
	im->nproblems++;
	if (r->nerr >= WBIMPORT_ERRORS_MAX) { /* counted, not kept: memory stays bounded */
		r->more++;
		return;
	}
	if (r->nerr == im->errcap)
		xgrow((void **)&r->err, &im->errcap, r->nerr + 1, sizeof *r->err);
	struct wbimport_error *e = &r->err[r->nerr++];
	memset(e, 0, sizeof *e);
	snprintf(e->sheet, sizeof e->sheet, "%s", sheet);
	if (row > 0)
		sheetread_ref(e->cell, sizeof e->cell, col > 0 ? col : 1, row);
	e->sheet_index = sheet_index;
	e->row = row;
	e->col = col;
	struct msg a = *mvi, b = *men;
	if (im->ch != NULL) {
		choices_name_msg(im->ch, &a, 0);
		choices_name_msg(im->ch, &b, 1);
	}
	msg_format(&a, LANG_VI, e->vi, sizeof e->vi);
	msg_format(&b, LANG_EN, e->en, sizeof e->en);
}

/* An error at column key k of stored row w (the code's cell when the sheet lacks k). */
static void
err_at(struct imp *im, const struct wrow *w, int k, const struct msg *m)
{
	int col = im->col_of[w->ws][k] > 0 ? im->col_of[w->ws][k] : im->col_of[w->ws][K_CODE];
	err_add2(im, im->sheet_index[w->ws], layout[w->ws].name, w->row, col, m, m);
}

static void
err_file(struct imp *im, const struct msg *m)
{
	err_add2(im, -1, "", 0, 0, m, m);
}

/* ---- reading ---- */

static unsigned
hash_str(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The group of code, created when new. */
static int
group_of(struct imp *im, const char *code)
{
	if (im->ngroups * 2 >= im->hashcap) {
		int cap = im->hashcap ? im->hashcap * 2 : 1024;
		int *h = xmalloc((size_t)cap * sizeof *h);
		for (int i = 0; i < cap; i++)
			h[i] = -1;
		for (int g = 0; g < im->ngroups; g++) {
			unsigned k = hash_str(im->groups[g].code) & (unsigned)(cap - 1);
			while (h[k] >= 0)
				k = (k + 1) & (unsigned)(cap - 1);
			h[k] = g;
		}
		free(im->hash);
		im->hash = h;
		im->hashcap = cap;
	}
	unsigned k = hash_str(code) & (unsigned)(im->hashcap - 1);
	while (im->hash[k] >= 0) {
		if (strcmp(im->groups[im->hash[k]].code, code) == 0)
			return im->hash[k];
		k = (k + 1) & (unsigned)(im->hashcap - 1);
	}
	if (im->ngroups == im->groupcap)
		xgrow((void **)&im->groups, &im->groupcap, im->ngroups + 1, sizeof *im->groups);
	struct group *g = &im->groups[im->ngroups];
	memset(g, 0, sizeof *g);
	g->code = xstrdup(code);
	im->hash[k] = im->ngroups;
	return im->ngroups++;
}

/* The sheet of the layout named name (ignoring case and diacritics), or -1. */
static int
ws_named(const char *name)
{
	char *k = fold_key(name);
	int found = -1;
	for (int s = 0; s < WS__MAX && found < 0; s++) {
		char *l = fold_key(layout[s].name);
		if (strcmp(k, l) == 0)
			found = s;
		free(l);
	}
	free(k);
	return found;
}

/* Trimmed copy of a cell's text. */
static char *
trimmed(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n > 0 &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return xstrndup(s, n);
}

static void
key_row(struct imp *im, enum wsheet ws, const struct sheetread_cell *cells, int ncells)
{
	for (int i = 0; i < ncells; i++) {
		char *t = trimmed(cells[i].text);
		for (int k = 0; k < layout[ws].nkeys; k++)
			if (strcmp(t, layout[ws].keys[k]) == 0 && im->col_of[ws][k] == 0)
				im->col_of[ws][k] = cells[i].col;
		free(t);
	}
	im->keys_seen[ws] = 1;
	for (int k = 0; k < layout[ws].nkeys; k++)
		if ((layout[ws].required & (1u << k)) && im->col_of[ws][k] == 0) {
			struct msg m;
			msg_init(&m, MSG_WBI_MISSING_KEY, NULL);
			msg_str(&m, layout[ws].keys[k]);
			err_add2(im, im->sheet_index[ws], layout[ws].name, 2, 1, &m, &m);
			im->keys_seen[ws] = 2;
		}
}

static int
on_row(void *ctx, const struct sheetread_sheet *sh, long row, const struct sheetread_cell *cells,
       int ncells)
{
	struct imp *im = ctx;
	if (sh->index >= (int)(sizeof im->sheet_ws / sizeof im->sheet_ws[0]))
		return 0;
	int ws = im->sheet_ws[sh->index];
	if (ws == -2) { /* first row of this sheet: which is it? */
		ws = strcmp(sh->name, "_sxsh") == 0 ? WS__MAX : ws_named(sh->name);
		if (ws >= 0 && ws < WS__MAX && im->sheet_index[ws] >= 0)
			ws = -1; /* a second sheet of the same name (folded): not ours */
		if (ws >= 0 && ws < WS__MAX)
			im->sheet_index[ws] = sh->index;
		im->sheet_ws[sh->index] = ws;
	}
	if (ws < 0)
		return 0;
	if (ws == WS__MAX) {
		if (row >= 1 && row <= 6 && cells[0].col == 1) {
			free(im->meta[row]);
			im->meta[row] = trimmed(cells[0].text);
			im->meta_row[row] = row;
		}
		return 0;
	}
	if (row == 2) {
		key_row(im, (enum wsheet)ws, cells, ncells);
		return 0;
	}
	if (row < 4)
		return 0;
	if (im->keys_seen[ws] == 0) {
		struct msg m;
		msg_init(&m, MSG_WBI_MISSING_KEY, NULL);
		msg_str(&m, layout[ws].keys[K_CODE]);
		err_add2(im, im->sheet_index[ws], layout[ws].name, 2, 1, &m, &m);
		im->keys_seen[ws] = 2;
	}
	if (im->keys_seen[ws] != 1)
		return 0;
	/* the row's cells by key; a row with nothing beyond code and name is skipped */
	struct wval v[NKEYS_MAX];
	memset(v, 0, sizeof v);
	int content = 0;
	for (int i = 0; i < ncells; i++)
		for (int k = 0; k < layout[ws].nkeys; k++)
			if (im->col_of[ws][k] == cells[i].col) {
				char *t = trimmed(cells[i].text);
				if (t[0] == '\0') {
					free(t);
					break;
				}
				v[k] = (struct wval){1, cells[i].type, t, cells[i].num};
				if (k != K_CODE && k != K_NAME &&
				    !(ws == WS_FAC && k != FAC_SUBMIT))
					content = 1;
				break;
			}
	if (!content) {
		for (int k = 0; k < NKEYS_MAX; k++)
			free(v[k].text);
		return 0;
	}
	if (im->nrows == im->rowcap)
		xgrow((void **)&im->rows, &im->rowcap, im->nrows + 1, sizeof *im->rows);
	struct wrow *w = &im->rows[im->nrows];
	w->ws = (enum wsheet)ws;
	w->row = row;
	w->v = xcalloc((size_t)layout[ws].nkeys, sizeof *w->v);
	memcpy(w->v, v, (size_t)layout[ws].nkeys * sizeof *w->v);
	if (!v[K_CODE].set) {
		struct msg m;
		msg_init(&m, MSG_WBI_NO_CODE, NULL);
		err_at(im, w, K_CODE, &m);
		for (int k = 0; k < layout[ws].nkeys; k++)
			free(w->v[k].text);
		free(w->v);
		return 0;
	}
	int g = group_of(im, v[K_CODE].text);
	struct group *gr = &im->groups[g];
	if (gr->nrows == gr->cap)
		xgrow((void **)&gr->rows, &gr->cap, gr->nrows + 1, sizeof *gr->rows);
	gr->rows[gr->nrows++] = im->nrows++;
	return 0;
}

/* ---- cells to form input ---- */

/* Strings made for one facility's input, freed together. */
struct pool {
	char **s;
	int n, cap;
};

static const char *
pool_add(struct pool *p, char *s)
{
	if (p->n == p->cap)
		xgrow((void **)&p->s, &p->cap, p->n + 1, sizeof *p->s);
	p->s[p->n++] = s;
	return s;
}

static void
pool_free(struct pool *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->s[i]);
	free(p->s);
	p->s = NULL;
	p->n = p->cap = 0;
}

/*
 * The number in key k of w: a number cell as stored, a text cell read the
 * Vietnamese way ("12.500" is 12500, "3,5" is 3.5).  1 with *out, 0 when
 * empty, -1 (error given) when not a number.
 */
static int
cell_num(struct imp *im, const struct wrow *w, int k, double *out)
{
	const struct wval *v = &w->v[k];
	if (!v->set)
		return 0;
	if (v->type == SHEETREAD_NUMBER) {
		*out = v->num;
		return 1;
	}
	double alt;
	enum num_read nr =
	    v->type == SHEETREAD_TEXT ? parse_num_user(v->text, LANG_VI, out, &alt) : NUM_BAD;
	if (nr != NUM_BAD && isfinite(*out))
		return 1;
	struct msg m;
	msg_init(&m, MSG_WBI_NOT_NUMBER, NULL);
	msg_str(&m, v->text);
	err_at(im, w, k, &m);
	return -1;
}

/* The number of key k as the forms take it ('.' decimals), "" when empty, NULL on error. */
static const char *
num_text(struct imp *im, struct pool *p, const struct wrow *w, int k)
{
	double d;
	int rc = cell_num(im, w, k, &d);
	if (rc < 0)
		return NULL;
	if (rc == 0)
		return "";
	char buf[40];
	return pool_add(p, xstrdup(fmt_exact(buf, sizeof buf, d)));
}

static const struct val_label lbl_list[] = {
    {"sản phẩm", "products"},
    {"loại năng lượng", "energy carriers"},
    {"đơn vị", "units"},
    {"nguồn nước", "water sources"},
};

/* The code of the choice in key k of w, "" when empty, NULL (error given) when unknown. */
static const char *
choice_code(struct imp *im, const struct wrow *w, int k, const struct choice *list, int n,
	    const struct val_label *what)
{
	const struct wval *v = &w->v[k];
	if (!v->set)
		return "";
	const struct choice *c = choice_find(list, n, v->text);
	if (c != NULL)
		return c->code;
	struct msg m;
	msg_init(&m, MSG_WBI_UNKNOWN_CHOICE, what);
	msg_str(&m, v->text);
	err_at(im, w, k, &m);
	return NULL;
}

static const char *
water_code(struct imp *im, const struct wrow *w, int k)
{
	const struct wval *v = &w->v[k];
	if (!v->set)
		return "";
	char *key = fold_key(v->text);
	const char *code = NULL;
	for (int i = 0; i < NAMES_WATER_N && code == NULL; i++) {
		char *a = fold_key(names_water[i].name_vi), *b = fold_key(names_water[i].name_en);
		if (strcmp(key, a) == 0 || strcmp(key, b) == 0 ||
		    strcmp(key, names_water[i].code) == 0)
			code = names_water[i].code;
		free(a);
		free(b);
	}
	free(key);
	if (code != NULL)
		return code;
	struct msg m;
	msg_init(&m, MSG_WBI_UNKNOWN_CHOICE, &lbl_list[3]);
	msg_str(&m, v->text);
	err_at(im, w, k, &m);
	return NULL;
}

/* Có / Không / Chưa rõ as "1", "0", "" (unknown); NULL (error given) otherwise. */
static const char *
yes_no(struct imp *im, const struct wrow *w, int k, int unknown_ok)
{
	const struct wval *v = &w->v[k];
	if (!v->set)
		return "";
	char *key = fold_key(v->text);
	const char *r = NULL;
	if (strcmp(key, "co") == 0 || strcmp(key, "yes") == 0 || strcmp(key, "1") == 0)
		r = "1";
	else if (strcmp(key, "khong") == 0 || strcmp(key, "no") == 0 || strcmp(key, "0") == 0)
		r = "0";
	else if (unknown_ok && (strcmp(key, "chua ro") == 0 || strcmp(key, "unknown") == 0))
		r = "";
	free(key);
	if (r == NULL) {
		struct msg m;
		msg_init(&m, unknown_ok ? MSG_WBI_YES_NO_UNKNOWN : MSG_WBI_YES_NO, NULL);
		msg_str(&m, v->text);
		err_at(im, w, k, &m);
	}
	return r;
}

/* The submit cell: 1 for Có or x, 0 for empty or Không, -1 (error given) otherwise. */
static int
submit_of(struct imp *im, const struct wrow *w, int k)
{
	const struct wval *v = &w->v[k];
	if (!v->set)
		return 0;
	char *key = fold_key(v->text);
	int r = strcmp(key, "co") == 0 || strcmp(key, "x") == 0 || strcmp(key, "yes") == 0 ? 1
		: strcmp(key, "khong") == 0 || strcmp(key, "no") == 0			   ? 0
											   : -1;
	free(key);
	if (r < 0) {
		struct msg m;
		msg_init(&m, MSG_WBI_SUBMIT_VALUE, NULL);
		msg_str(&m, v->text);
		err_at(im, w, k, &m);
	}
	return r;
}

/* Where each line of the report input came from, to put its errors on cells. */
struct origin {
	const struct wrow *w;
	int qty_key; /* the key its quantity came from (quantity or mK) */
};

struct facility_plan {
	int64_t fid;
	char name[256];
	int has_report, has_reg;
	int submit_report, submit_reg;
	const struct wrow *fac_row, *cp_row, *reg_row;
	const struct wrow *first_row;
	struct report_input in;
	struct registration_input rin;
	struct origin *o_out, *o_en, *o_wa, *o_ma;
	struct report_output_in *out;
	struct report_energy_in *en;
	struct report_water_in *wa;
	struct report_material_in *ma;
	struct pool pool;
};

static void
plan_free(struct facility_plan *p)
{
	free(p->o_out);
	free(p->o_en);
	free(p->o_wa);
	free(p->o_ma);
	free(p->out);
	free(p->en);
	free(p->wa);
	free(p->ma);
	pool_free(&p->pool);
}

static void
dup_row(struct imp *im, const struct wrow *first, const struct wrow *w)
{
	struct msg m;
	msg_init(&m, MSG_WBI_DUPLICATE, NULL);
	msg_str(&m, first->v[K_CODE].text);
	msg_plain(&m, first->row);
	err_at(im, w, K_CODE, &m);
}

/*
 * The report and registration input of group g from its rows into *p.
 * Returns the number of errors given.
 */
static int
build_input(struct imp *im, const struct group *g, struct facility_plan *p)
{
	long e0 = im->nproblems;
	struct choices *c = im->ch;
	int n[WS__MAX] = {0};
	for (int i = 0; i < g->nrows; i++)
		n[im->rows[g->rows[i]].ws]++;
	int nen = 0;
	for (int i = 0; i < g->nrows; i++) { /* monthly rows give a line per filled month */
		const struct wrow *w = &im->rows[g->rows[i]];
		if (w->ws != WS_ENERGY)
			continue;
		int months = 0;
		for (int k = EN_M1; k < EN_M1 + 12; k++)
			months += w->v[k].set;
		nen += months > 0 ? months : 1;
	}
	p->out = xcalloc((size_t)n[WS_OUT] + 1, sizeof *p->out);
	p->o_out = xcalloc((size_t)n[WS_OUT] + 1, sizeof *p->o_out);
	p->en = xcalloc((size_t)nen + 1, sizeof *p->en);
	p->o_en = xcalloc((size_t)nen + 1, sizeof *p->o_en);
	p->wa = xcalloc((size_t)n[WS_WATER] + 1, sizeof *p->wa);
	p->o_wa = xcalloc((size_t)n[WS_WATER] + 1, sizeof *p->o_wa);
	p->ma = xcalloc((size_t)n[WS_MAT] + 1, sizeof *p->ma);
	p->o_ma = xcalloc((size_t)n[WS_MAT] + 1, sizeof *p->o_ma);
	struct report_input *in = &p->in;
	memset(in, 0, sizeof *in);
	for (int k = 0; k < REPORT_CP__MAX; k++)
		in->cp[k] = "";
	in->out = p->out;
	in->energy = p->en;
	in->water = p->wa;
	in->mat = p->ma;
	for (int i = 0; i < g->nrows; i++) {
		const struct wrow *w = &im->rows[g->rows[i]];
		if (p->first_row == NULL)
			p->first_row = w;
		switch (w->ws) {
		case WS_FAC: {
			if (p->fac_row != NULL) {
				dup_row(im, p->fac_row, w);
				break;
			}
			p->fac_row = w;
			int s = submit_of(im, w, FAC_SUBMIT);
			p->submit_report = s > 0;
			break;
		}
		case WS_OUT: {
			p->has_report = 1;
			struct report_output_in *o = &p->out[in->nout];
			p->o_out[in->nout++] = (struct origin){w, OUT_QTY};
			o->product =
			    choice_code(im, w, OUT_PRODUCT, c->product, c->nproduct, &lbl_list[0]);
			o->quantity = num_text(im, &p->pool, w, OUT_QTY);
			o->unit = choice_code(im, w, OUT_UNIT, c->unit, c->nunit, &lbl_list[2]);
			break;
		}
		case WS_ENERGY: {
			p->has_report = 1;
			const char *carrier =
			    choice_code(im, w, EN_CARRIER, c->carrier, c->ncarrier, &lbl_list[1]);
			const char *unit =
			    choice_code(im, w, EN_UNIT, c->unit, c->nunit, &lbl_list[2]);
			const char *product =
			    choice_code(im, w, EN_PRODUCT, c->product, c->nproduct, &lbl_list[0]);
			const char *cost = num_text(im, &p->pool, w, EN_COST);
			double sum = 0, q = 0;
			int months = 0, bad = 0;
			for (int k = EN_M1; k < EN_M1 + 12; k++) {
				double d;
				int r = cell_num(im, w, k, &d);
				if (r < 0)
					bad = 1;
				if (r > 0) {
					struct report_energy_in *e = &p->en[in->nenergy];
					p->o_en[in->nenergy++] = (struct origin){w, k};
					char buf[40];
					*e = (struct report_energy_in){
					    carrier,
					    pool_add(&p->pool, xstrdup(fmt_exact(buf, sizeof buf, d))),
					    unit,
					    pool_add(&p->pool, xasprintf("%d", k - EN_M1 + 1)),
					    product,
					    months == 0 ? cost : ""};
					months++;
					sum += d;
				}
			}
			int hq = cell_num(im, w, EN_QTY, &q); /* an error is given once, here */
			if (months == 0 && !bad && hq >= 0) {
				struct report_energy_in *e = &p->en[in->nenergy];
				p->o_en[in->nenergy++] = (struct origin){w, EN_QTY};
				char buf[40];
				*e = (struct report_energy_in){
				    carrier,
				    hq > 0 ? pool_add(&p->pool, xstrdup(fmt_exact(buf, sizeof buf, q))) : "",
				    unit,
				    "",
				    product,
				    cost};
			} else if (months > 0 && hq > 0 &&
				   fabs(q - sum) > 1e-9 * fmax(fabs(q), fabs(sum))) {
				struct msg m;
				msg_init(&m, MSG_WBI_MONTH_SUM, NULL);
				msg_real(&m, q, -1);
				msg_real(&m, sum, -1);
				err_at(im, w, EN_QTY, &m);
			}
			break;
		}
		case WS_WATER: {
			p->has_report = 1;
			struct report_water_in *o = &p->wa[in->nwater];
			p->o_wa[in->nwater++] = (struct origin){w, WA_QTY};
			o->source = water_code(im, w, WA_SOURCE);
			o->quantity_m3 = num_text(im, &p->pool, w, WA_QTY);
			o->cost = num_text(im, &p->pool, w, WA_COST);
			break;
		}
		case WS_MAT: {
			p->has_report = 1;
			struct report_material_in *o = &p->ma[in->nmat];
			p->o_ma[in->nmat++] = (struct origin){w, MA_QTY};
			o->name = w->v[MA_NAME].set ? w->v[MA_NAME].text : "";
			o->quantity = num_text(im, &p->pool, w, MA_QTY);
			o->unit = choice_code(im, w, MA_UNIT, c->unit, c->nunit, &lbl_list[2]);
			o->cost = num_text(im, &p->pool, w, MA_COST);
			break;
		}
		case WS_CP:
			if (p->cp_row != NULL) {
				dup_row(im, p->cp_row, w);
				break;
			}
			p->cp_row = w;
			p->has_report = 1;
			for (int k = 0; k < REPORT_CP__MAX; k++) {
				const char *s = yes_no(im, w, CP_FIRST + k, 1);
				in->cp[k] = s != NULL ? s : "";
			}
			break;
		case WS_REG: {
			if (p->reg_row != NULL) {
				dup_row(im, p->reg_row, w);
				break;
			}
			p->reg_row = w;
			p->has_reg = 1;
			const char *a = yes_no(im, w, RG_APPLY, 0);
			p->rin.apply_cp = a != NULL ? a : "";
			const char *s = num_text(im, &p->pool, w, RG_SAVING);
			p->rin.planned_saving_pct = s != NULL ? s : "";
			p->rin.measures = w->v[RG_MEASURES].set ? w->v[RG_MEASURES].text : "";
			p->submit_reg = submit_of(im, w, RG_SUBMIT) > 0;
			break;
		}
		default:
			break;
		}
	}
	if (p->submit_report && !p->has_report && p->fac_row != NULL) {
		struct msg m;
		msg_init(&m, MSG_WBI_NOTHING_TO_SUBMIT, NULL);
		err_at(im, p->fac_row, FAC_SUBMIT, &m);
	}
	return (int)(im->nproblems - e0);
}

/* The stored row and key that field (a report_validate error field) is about. */
static void
field_cell(const struct facility_plan *p, const char *field, const struct wrow **w, int *k)
{
	static const struct {
		const char *name;
		int key;
	} out_f[] = {{"product", OUT_PRODUCT}, {"quantity", OUT_QTY}, {"unit", OUT_UNIT}},
	  en_f[] = {{"carrier", EN_CARRIER}, {"unit", EN_UNIT}, {"product", EN_PRODUCT},
		    {"cost", EN_COST},	     {"quantity", -1},	{"month", -1}},
	  wa_f[] = {{"source", WA_SOURCE}, {"quantity_m3", WA_QTY}, {"cost", WA_COST}},
	  ma_f[] = {{"name", MA_NAME}, {"quantity", MA_QTY}, {"unit", MA_UNIT}, {"cost", MA_COST}};
	static const char *cp_f[REPORT_CP__MAX] = {"cp_aware", "cp_staff", "cp_unit", "cp_applied"};
	*w = p->first_row;
	*k = K_CODE;
	for (int i = 0; i < REPORT_CP__MAX; i++)
		if (strcmp(field, cp_f[i]) == 0 && p->cp_row != NULL) {
			*w = p->cp_row;
			*k = CP_FIRST + i;
			return;
		}
	char kind[16], sub[32];
	int idx;
	if (sscanf(field, "%15[a-z][%d].%31s", kind, &idx, sub) != 3 || idx < 0)
		return;
	const struct origin *o = NULL;
	int nline = 0, nf = 0;
	const void *fs = NULL;
	if (strcmp(kind, "output") == 0)
		o = p->o_out, nline = p->in.nout, fs = out_f, nf = 3;
	else if (strcmp(kind, "energy") == 0)
		o = p->o_en, nline = p->in.nenergy, fs = en_f, nf = 6;
	else if (strcmp(kind, "water") == 0)
		o = p->o_wa, nline = p->in.nwater, fs = wa_f, nf = 3;
	else if (strcmp(kind, "material") == 0)
		o = p->o_ma, nline = p->in.nmat, fs = ma_f, nf = 4;
	if (o == NULL || idx >= nline)
		return;
	*w = o[idx].w;
	*k = o[idx].qty_key;
	const struct {
		const char *name;
		int key;
	} *f = fs;
	for (int i = 0; i < nf; i++)
		if (strcmp(sub, f[i].name) == 0) {
			*k = f[i].key >= 0 ? f[i].key : o[idx].qty_key;
			return;
		}
}

/* The registration fields' cells. */
static int
reg_key(const char *field)
{
	return strcmp(field, "apply_cp") == 0		  ? RG_APPLY
	       : strcmp(field, "planned_saving_pct") == 0 ? RG_SAVING
	       : strcmp(field, "measures") == 0		  ? RG_MEASURES
							  : K_CODE;
}

/* ---- planning ---- */

static void
item_add(struct imp *im, const char *code, const struct facility_plan *p, enum wf_kind kind,
	 enum wbimport_action action, int submit, enum wf_state state, int64_t id, int64_t version)
{
	struct wbimport_result *r = im->res;
	if (r->nitem == im->items_cap)
		xgrow((void **)&r->item, &im->items_cap, r->nitem + 1, sizeof *r->item);
	struct wbimport_item *it = &r->item[r->nitem++];
	memset(it, 0, sizeof *it);
	snprintf(it->code, sizeof it->code, "%s", code);
	snprintf(it->name, sizeof it->name, "%s", p->name);
	it->facility_id = p->fid;
	it->kind = kind;
	it->action = action;
	it->submit = action != WBIMPORT_UNTOUCHED && submit;
	it->state = state;
	it->id = id;
	it->version = version;
	if (action == WBIMPORT_NEW)
		r->n_new++;
	else if (action == WBIMPORT_UPDATE)
		r->n_update++;
	else
		r->n_untouched++;
	if (it->submit)
		r->n_submit++;
}

/* The facility of code: 1 with id and name, 0 when none, -1 on error. */
static int
facility_by_code(struct db *db, const char *code, int64_t *id, char *name, size_t n)
{
	struct db_stmt *st = db_stmt(db, STMT_WBI_FACILITY_BY_CODE);
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		snprintf(name, n, "%s", db_col_text(st, 1));
		db_reset(st);
		return 1;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Errors at the code cell of every row of g. */
static void
err_all_codes(struct imp *im, const struct group *g, const struct msg *m)
{
	for (int i = 0; i < g->nrows; i++)
		err_at(im, &im->rows[g->rows[i]], K_CODE, m);
}

/* Whether report r (the stored one, may be NULL) explains warning field. */
static int
explained(const struct report *r, const char *field)
{
	for (int i = 0; r != NULL && i < r->nexpl; i++)
		if (strcmp(r->expl[i].field, field) == 0 && r->expl[i].text[0] != '\0')
			return 1;
	return 0;
}

/* Plans the report of p: validation, state, the submission check.  0, or -1 on error. */
static int
plan_report(struct imp *im, const struct group *g, struct facility_plan *p)
{
	struct report *stored = NULL;
	int rc = report_get_year(im->db, &im->act, p->fid, im->res->year, &stored);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return -1;
	enum wf_state st = stored != NULL ? stored->doc.state : WF_DRAFT;
	if (stored != NULL && st != WF_DRAFT && st != WF_RETURNED) {
		item_add(im, g->code, p, WF_KIND_REPORT, WBIMPORT_UNTOUCHED, 0, st, stored->doc.id,
			 stored->doc.version);
		report_free(stored);
		return 0;
	}
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct report *tmp = xcalloc(1, sizeof *tmp);
	tmp->doc.facility_id = p->fid;
	tmp->doc.year = im->res->year;
	int v = report_validate(im->db, &p->in, tmp, &errs);
	if (v == ST_ERR) {
		report_free(tmp);
		report_free(stored);
		return -1;
	}
	for (int i = 0; i < errs.n; i++) {
		const struct wrow *w;
		int k;
		field_cell(p, errs.e[i].field, &w, &k);
		err_at(im, w, k, &errs.e[i].msg);
	}
	if (v == ST_OK && p->submit_report) {
		struct report_preview pv = {0};
		if (report_preview(im->db, tmp, &pv) != ST_OK) {
			report_free(tmp);
			report_free(stored);
			return -1;
		}
		for (int i = 0; i < pv.nwarn; i++) {
			if (explained(stored, pv.warn[i].field))
				continue;
			struct msg wv = pv.warn[i].m, we = pv.warn[i].m, mv, me;
			char tv[256], te[256];
			choices_name_msg(im->ch, &wv, 0);
			choices_name_msg(im->ch, &we, 1);
			msg_init(&mv, MSG_FORM_EXPLAIN_MISSING, NULL);
			msg_str(&mv, msg_format(&wv, LANG_VI, tv, sizeof tv));
			msg_init(&me, MSG_FORM_EXPLAIN_MISSING, NULL);
			msg_str(&me, msg_format(&we, LANG_EN, te, sizeof te));
			const struct wrow *w = p->fac_row;
			int col = im->col_of[WS_FAC][FAC_SUBMIT];
			err_add2(im, im->sheet_index[WS_FAC], layout[WS_FAC].name, w->row, col, &mv,
				 &me);
		}
		report_preview_free(&pv);
	}
	if (v == ST_OK)
		item_add(im, g->code, p, WF_KIND_REPORT,
			 stored != NULL ? WBIMPORT_UPDATE : WBIMPORT_NEW, p->submit_report, st,
			 stored != NULL ? stored->doc.id : 0,
			 stored != NULL ? stored->doc.version : 0);
	report_free(tmp);
	report_free(stored);
	return 0;
}

static int
plan_registration(struct imp *im, const struct group *g, struct facility_plan *p)
{
	struct registration stored;
	memset(&stored, 0, sizeof stored);
	int rc = registration_get_year(im->db, &im->act, p->fid, im->res->year, &stored);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return -1;
	int have = rc == ST_OK;
	enum wf_state st = have ? stored.doc.state : WF_DRAFT;
	if (have && st != WF_DRAFT && st != WF_RETURNED) {
		item_add(im, g->code, p, WF_KIND_REGISTRATION, WBIMPORT_UNTOUCHED, 0, st,
			 stored.doc.id, stored.doc.version);
		return 0;
	}
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct registration tmp;
	memset(&tmp, 0, sizeof tmp);
	int v = registration_validate(&p->rin, &tmp, &errs);
	for (int i = 0; i < errs.n; i++)
		err_at(im, p->reg_row, reg_key(errs.e[i].field), &errs.e[i].msg);
	if (v == ST_OK)
		item_add(im, g->code, p, WF_KIND_REGISTRATION,
			 have ? WBIMPORT_UPDATE : WBIMPORT_NEW, p->submit_reg, st,
			 have ? stored.doc.id : 0, have ? stored.doc.version : 0);
	return 0;
}

/* The year and campaign from _sxsh (or o->year).  0, or -1 when unknown (error given). */
static int
read_meta(struct imp *im)
{
	struct msg m;
	int year = 0;
	if (im->meta[1] != NULL && strcmp(im->meta[1], "sxsh-workbook") == 0) {
		if (im->meta[2] == NULL || strcmp(im->meta[2], "1") != 0) {
			msg_init(&m, MSG_WBI_LAYOUT, NULL);
			msg_str(&m, im->meta[2] != NULL ? im->meta[2] : "");
			err_add2(im, -1, "_sxsh", 2, 1, &m, &m);
			return -1;
		}
		int64_t v;
		if (im->meta[3] != NULL && parse_int64(im->meta[3], &v) == 0)
			im->res->campaign_id = v;
		if (im->meta[4] == NULL || parse_int64(im->meta[4], &v) != 0 || v < 1990 ||
		    v > 2100) {
			msg_init(&m, MSG_WBI_NO_YEAR, NULL);
			err_add2(im, -1, "_sxsh", 4, 1, &m, &m);
			return -1;
		}
		year = (int)v;
		if (im->o->year != 0 && im->o->year != year) {
			msg_init(&m, MSG_WBI_YEAR_DIFFERS, NULL);
			msg_plain(&m, year);
			msg_plain(&m, im->o->year);
			err_add2(im, -1, "_sxsh", 4, 1, &m, &m);
			return -1;
		}
	} else {
		year = im->o->year;
	}
	if (year == 0) {
		msg_init(&m, MSG_WBI_NO_YEAR, NULL);
		err_file(im, &m);
		return -1;
	}
	im->res->year = year;
	return 0;
}

/* ---- writing ---- */

static int
audit_import(struct imp *im, const struct wbimport_item *it)
{
	json_t *o = json_object();
	json_object_set_new(o, "file", json_string(im->o->name != NULL ? im->o->name : ""));
	json_object_set_new(o, "year", json_integer(im->res->year));
	if (im->res->campaign_id > 0)
		json_object_set_new(o, "campaign", json_integer(im->res->campaign_id));
	json_object_set_new(o, "submitted", json_boolean(it->submit));
	char *j = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)it->id);
	int rc = audit_write(im->db, &im->act, wf_now(), "import_workbook",
			     it->kind == WF_KIND_REPORT ? "report" : "registration", id, NULL, j);
	free(j);
	return rc;
}

static void
fingerprint(struct wbimport_result *r)
{
	uint64_t h = 1469598103934665603ull;
	char line[128];
	for (int i = 0; i < r->nitem; i++) {
		const struct wbimport_item *it = &r->item[i];
		int n = snprintf(line, sizeof line, "%s|%d|%d|%d|%d|%lld|%lld;", it->code, it->kind,
				 it->action, it->submit, it->state, (long long)it->id,
				 (long long)it->version);
		for (int k = 0; k < n && k < (int)sizeof line; k++)
			h = (h ^ (unsigned char)line[k]) * 1099511628211ull;
	}
	snprintf(r->fingerprint, sizeof r->fingerprint, "%016llx", (unsigned long long)h);
}

/* Writes the plan in one transaction.  WBIMPORT_OK, WBIMPORT_CHANGED, ERRORS or -1. */
static int
write_plan(struct imp *im, struct facility_plan *fplans, const int *item_fp)
{
	struct wbimport_result *r = im->res;
	if (db_begin(im->db) != DB_OK) {
		log_err("workbook import: %s", db_errmsg(im->db));
		return -1;
	}
	int rc = WBIMPORT_OK;
	for (int i = 0; i < r->nitem && rc == WBIMPORT_OK; i++) {
		struct wbimport_item *it = &r->item[i];
		if (it->action == WBIMPORT_UNTOUCHED)
			continue;
		struct facility_plan *p = &fplans[item_fp[i]];
		struct wf_errors errs;
		wf_errors_clear(&errs);
		const struct doc_kind *k =
		    it->kind == WF_KIND_REPORT ? &report_kind : &registration_kind;
		const void *in =
		    it->kind == WF_KIND_REPORT ? (const void *)&p->in : (const void *)&p->rin;
		int64_t id = it->id;
		int s = doc_store_in_tx(im->db, k, &im->act, it->facility_id, r->year, it->id,
					it->version, in, it->submit, &id, &errs);
		if (s == ST_CONFLICT || s == ST_EXISTS || s == ST_STATE) {
			rc = WBIMPORT_CHANGED;
		} else if (s == ST_INVALID) {
			for (int e = 0; e < errs.n; e++) {
				const struct wrow *w;
				int key;
				if (it->kind == WF_KIND_REPORT) {
					field_cell(p, errs.e[e].field, &w, &key);
				} else {
					w = p->reg_row;
					key = reg_key(errs.e[e].field);
				}
				err_at(im, w, key, &errs.e[e].msg);
			}
			rc = WBIMPORT_ERRORS;
		} else if (s != ST_OK) {
			rc = -1;
		} else {
			it->id = id;
			if (audit_import(im, it) != 0)
				rc = -1;
		}
	}
	if (rc == WBIMPORT_OK &&
	    (db_run(db_stmt(im->db, STMT_GENERATION_BUMP)) != DB_OK || db_commit(im->db) != DB_OK))
		rc = -1;
	if (rc != WBIMPORT_OK) {
		if (rc < 0)
			log_err("workbook import: %s", db_errmsg(im->db));
		db_rollback(im->db);
		if (rc == WBIMPORT_CHANGED) {
			struct msg m;
			msg_init(&m, MSG_WBI_CHANGED, NULL);
			err_file(im, &m);
		}
	}
	return rc;
}

/* ---- the whole ---- */

static int
group_cmp(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	return strcmp(x->code, y->code);
}

static int
err_cmp(const void *a, const void *b)
{
	const struct wbimport_error *x = a, *y = b;
	if (x->sheet_index != y->sheet_index)
		return x->sheet_index < y->sheet_index ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

int
wbimport_path(struct db *db, const struct principal *who, const char *path,
	      enum sheetread_format fmt, const struct wbimport_opts *o, struct wbimport_result *res)
{
	memset(res, 0, sizeof *res);
	struct imp *im = xcalloc(1, sizeof *im);
	im->db = db;
	im->o = o;
	im->res = res;
	if (who == NULL || who->user_id == 0) {
		im->act = (struct principal){.role = ROLE_ADMIN};
		who = &im->act;
	} else {
		im->act = *who;
		/* district offices file the facilities' documents on their behalf */
		if (who->role == ROLE_DISTRICT)
			im->act.role = ROLE_PROVINCE;
	}
	im->who = who;
	for (size_t i = 0; i < sizeof im->sheet_ws / sizeof im->sheet_ws[0]; i++)
		im->sheet_ws[i] = -2;
	for (int s = 0; s < WS__MAX; s++)
		im->sheet_index[s] = -1;
	int rc = -1, nfp = 0, *item_fp = NULL;
	struct facility_plan *fplans = NULL;
	struct msg m;
	if (choices_load(db, &im->ch) != 0)
		goto out;
	char err[512];
	int r = sheetread_path(path, fmt, on_row, im, err, sizeof err);
	if (r != 0) {
		msg_init(&m, MSG_WBI_UNREADABLE, NULL);
		msg_ref(&m, err);
		err_file(im, &m);
		rc = WBIMPORT_ERRORS;
		goto out;
	}
	int any = 0;
	for (int s = 0; s < WS__MAX; s++)
		any |= im->sheet_index[s] >= 0;
	if (!any) {
		msg_init(&m, MSG_WBI_NO_SHEETS, NULL);
		err_file(im, &m);
	}
	if (!any || read_meta(im) != 0) { /* without a year nothing can be checked */
		rc = WBIMPORT_ERRORS;
		goto out;
	}
	/* documents in the order of their facility codes */
	if (im->ngroups > 1)
		qsort(im->groups, (size_t)im->ngroups, sizeof *im->groups, group_cmp);
	/* fplans[item_fp[i]] holds the input of res->item[i] */
	int fpcap = 0, ifcap = 0;
	for (int gi = 0; gi < im->ngroups; gi++) {
		const struct group *g = &im->groups[gi];
		struct facility_plan p;
		memset(&p, 0, sizeof p);
		int f = facility_by_code(db, g->code, &p.fid, p.name, sizeof p.name);
		if (f < 0)
			goto out;
		int vis = f == 1 ? wf_facility_visible(db, im->who, p.fid) : ST_NOTFOUND;
		if (vis == ST_ERR)
			goto out;
		if (f == 0 || vis != ST_OK) {
			msg_init(&m, f == 0 ? MSG_WBI_UNKNOWN_FACILITY : MSG_WBI_OUT_OF_SCOPE,
				 NULL);
			msg_str(&m, g->code);
			err_all_codes(im, g, &m);
			continue;
		}
		int n0 = res->nitem;
		if (build_input(im, g, &p) == 0 &&
		    ((p.has_report && plan_report(im, g, &p) != 0) ||
		     (p.has_reg && plan_registration(im, g, &p) != 0))) {
			plan_free(&p);
			goto out;
		}
		if (res->nitem == n0) {
			plan_free(&p);
			continue;
		}
		if (nfp == fpcap)
			xgrow((void **)&fplans, &fpcap, nfp + 1, sizeof *fplans);
		fplans[nfp] = p;
		if (res->nitem > ifcap)
			xgrow((void **)&item_fp, &ifcap, res->nitem, sizeof *item_fp);
		for (int i = n0; i < res->nitem; i++)
			item_fp[i] = nfp;
		nfp++;
	}
	fingerprint(res);
	if (res->nerr > 0) {
		rc = WBIMPORT_ERRORS;
	} else if (o->expected != NULL && strcmp(o->expected, res->fingerprint) != 0) {
		rc = WBIMPORT_CHANGED;
	} else if (o->dry_run) {
		rc = WBIMPORT_OK;
	} else {
		rc = write_plan(im, fplans, item_fp);
	}
out:
	if (rc < 0 && res->nerr == 0) {
		msg_init(&m, MSG_ST_ERR, NULL);
		err_file(im, &m);
	}
	if (res->nerr > 1)
		qsort(res->err, (size_t)res->nerr, sizeof *res->err, err_cmp);
	for (int i = 0; i < nfp; i++)
		plan_free(&fplans[i]);
	free(fplans);
	free(item_fp);
	choices_free(im->ch);
	for (int i = 0; i < im->nrows; i++) {
		for (int k = 0; k < layout[im->rows[i].ws].nkeys; k++)
			free(im->rows[i].v[k].text);
		free(im->rows[i].v);
	}
	free(im->rows);
	for (int g = 0; g < im->ngroups; g++) {
		free(im->groups[g].code);
		free(im->groups[g].rows);
	}
	free(im->groups);
	free(im->hash);
	for (int i = 0; i < 7; i++)
		free(im->meta[i]);
	free(im);
	return rc;
}

void
wbimport_result_free(struct wbimport_result *res)
{
	if (res == NULL)
		return;
	free(res->err);
	free(res->item);
	memset(res, 0, sizeof *res);
}
