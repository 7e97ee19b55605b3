/*
 * GET and POST /facilities/{id}/report/{year}: the annual report form of
 * one facility and year.  A new report is pre-filled from the facility's
 * latest earlier one (report_prefill); an existing draft or returned one
 * is edited in place with the version it was loaded with.  Every kind of
 * line (output, energy, water, material) is a table of inputs with a few
 * empty rows and a "Thêm dòng / Add row" button that posts the form back
 * and re-renders it with one more row, keeping what was typed, so the form
 * needs no script.  "Xem trước / Preview" validates and shows TOE, SEC and
 * the norm (report_preview) above the same form with the "Nộp / Submit"
 * button; "Lưu nháp / Save draft" stores the draft.  Field errors from
 * report_validate are placed beside their inputs in the page's language; a
 * stale version answers 409 with the input kept.  A successful save or
 * submission redirects (303) back to the form.  Reports the caller may not
 * edit (submitted, accepted, or a district user) are shown read-only.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/calc/exact.h"
#include "model/registry/facility_edit.h"
#include "model/reporting/report.h"
#include "render/html.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "web/drafts.h"
#include "web/wfpage.h"

#define RF_EMPTY_ROWS 2 /* blank rows offered after the filled ones */
#define RF_COLS_MAX   6

enum rf_kind { RF_OUTPUT, RF_ENERGY, RF_WATER, RF_MATERIAL, RF__MAX };

struct rf_col {
	const char *name, *vi, *en;
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
		   {{"product", "Mã sản phẩm", "Product code"},
		    {"quantity", "Sản lượng", "Quantity"},
		    {"unit", "Đơn vị", "Unit"}}},
    [RF_ENERGY] = {"energy",
		   "Năng lượng theo loại",
		   "Energy per carrier",
		   6,
		   {{"carrier", "Loại năng lượng", "Carrier"},
		    {"quantity", "Lượng", "Quantity"},
		    {"unit", "Đơn vị", "Unit"},
		    {"month", "Tháng (trống: cả năm)", "Month (empty: whole year)"},
		    {"product", "Cho sản phẩm", "For product"},
		    {"cost", "Chi phí (đồng)", "Cost (VND)"}}},
    [RF_WATER] = {"water",
		  "Nước",
		  "Water",
		  3,
		  {{"source", "Nguồn (tap|ground|surface|other)",
		    "Source (tap|ground|surface|other)"},
		   {"quantity_m3", "Lượng (m³)", "Quantity (m³)"},
		   {"cost", "Chi phí (đồng)", "Cost (VND)"}}},
    [RF_MATERIAL] = {"material",
		     "Nguyên vật liệu",
		     "Materials",
		     4,
		     {{"name", "Tên", "Name"},
		      {"quantity", "Lượng", "Quantity"},
		      {"unit", "Đơn vị", "Unit"},
		      {"cost", "Chi phí (đồng)", "Cost (VND)"}}},
};

static const struct rf_col rf_cp[REPORT_CP__MAX] = {
    [REPORT_CP_AWARE] = {"cp_aware", "Biết về sản xuất sạch hơn", "Aware of cleaner production"},
    [REPORT_CP_STAFF] = {"cp_staff", "Có cán bộ phụ trách SXSH", "Has CP staff"},
    [REPORT_CP_UNIT] = {"cp_unit", "Có bộ phận SXSH", "Has a CP unit"},
    [REPORT_CP_APPLIED] = {"cp_applied", "Đã áp dụng SXSH", "Applies CP"},
};

/* The form's content as text: what was typed, or a stored report printed. */
struct rf_form {
	const char *cp[REPORT_CP__MAX];
	int rows[RF__MAX];
	const char **val[RF__MAX]; /* rows x ncols, arena */
};

/* Everything one rendering needs. */
struct rf_page {
	int64_t fid;
	int year;
	struct facility_profile fac;
	struct report *stored; /* NULL when the year has no report yet */
	int editable;
	struct rf_form form;
	struct wf_errors errs;
	const struct report_preview *preview; /* set after a valid preview */
	const char *problem, *notice;
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

/* The form from a stored or pre-filled report, with RF_EMPTY_ROWS blank rows per kind. */
static void
rf_from_report(struct http_request *req, const struct report *r, struct rf_form *f)
{
	for (int c = 0; c < REPORT_CP__MAX; c++)
		f->cp[c] = r->cp[c] < 0 ? "" : r->cp[c] ? "1" : "0";
	int n[RF__MAX] = {r->nout, r->nenergy, r->nwater, r->nmat};
	for (int k = 0; k < RF__MAX; k++)
		rf_alloc(req, f, (enum rf_kind)k, n[k] + RF_EMPTY_ROWS);
	for (int i = 0; i < r->nout; i++) {
		const char **v = &f->val[RF_OUTPUT][i * 3];
		v[0] = r->out[i].product;
		v[1] = wfp_qty_input(req, r->out[i].quantity);
		v[2] = r->out[i].unit;
	}
	for (int i = 0; i < r->nenergy; i++) {
		const struct report_energy *e = &r->energy[i];
		const char **v = &f->val[RF_ENERGY][i * 6];
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

/*
 * The form as posted: rows of each kind up to its n_KIND field, rows left
 * wholly empty dropped (so the indices of report_validate's errors are the
 * rendered rows' indices), then extra blank rows (one more for "add_KIND").
 */
static void
rf_from_post(struct http_request *req, struct rf_form *f, const char *op)
{
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

/* The model's input from the form's filled rows (which come first). */
static void
rf_input(struct http_request *req, const struct rf_form *f, struct report_input *in)
{
	memset(in, 0, sizeof(*in));
	for (int c = 0; c < REPORT_CP__MAX; c++)
		in->cp[c] = f->cp[c];
	int n[RF__MAX] = {0};
	for (int k = 0; k < RF__MAX; k++)
		while (n[k] < f->rows[k] && rf_row_filled(f, (enum rf_kind)k, n[k]))
			n[k]++;
	struct report_output_in *o = arena_alloc(&req->arena, sizeof(*o) * (size_t)(n[0] + 1));
	for (int i = 0; i < n[0]; i++) {
		const char **v = &f->val[RF_OUTPUT][i * 3];
		o[i] = (struct report_output_in){v[0], wfp_qty_posted(req, v[1]), v[2]};
	}
	struct report_energy_in *e = arena_alloc(&req->arena, sizeof(*e) * (size_t)(n[1] + 1));
	for (int i = 0; i < n[1]; i++) {
		const char **v = &f->val[RF_ENERGY][i * 6];
		e[i] = (struct report_energy_in){v[0], wfp_qty_posted(req, v[1]), v[2], v[3],
						 v[4], wfp_qty_posted(req, v[5])};
	}
	struct report_water_in *w = arena_alloc(&req->arena, sizeof(*w) * (size_t)(n[2] + 1));
	for (int i = 0; i < n[2]; i++) {
		const char **v = &f->val[RF_WATER][i * 3];
		w[i] = (struct report_water_in){v[0], wfp_qty_posted(req, v[1]),
						wfp_qty_posted(req, v[2])};
	}
	struct report_material_in *m = arena_alloc(&req->arena, sizeof(*m) * (size_t)(n[3] + 1));
	for (int i = 0; i < n[3]; i++) {
		const char **v = &f->val[RF_MATERIAL][i * 4];
		m[i] = (struct report_material_in){v[0], wfp_qty_posted(req, v[1]), v[2],
						   wfp_qty_posted(req, v[3])};
	}
	in->nout = n[0];
	in->nenergy = n[1];
	in->nwater = n[2];
	in->nmat = n[3];
	in->out = o;
	in->energy = e;
	in->water = w;
	in->mat = m;
}

/* The page's own message on every quantity and cost not written as the page writes numbers. */
static void
rf_qty_errors(struct http_request *req, struct rf_page *p)
{
	for (int k = 0; k < RF__MAX; k++)
		for (int i = 0; i < p->form.rows[k]; i++)
			for (int c = 0; c < rf_kinds[k].ncols; c++) {
				const char *name = rf_kinds[k].cols[c].name;
				if (strncmp(name, "quantity", 8) == 0 || strcmp(name, "cost") == 0)
					wfp_qty_error(req, &p->errs,
						      rf_field(req, (enum rf_kind)k, i, c),
						      p->form.val[k][i * rf_kinds[k].ncols + c]);
			}
}

static void
rf_cp_select(struct http_request *req, struct buf *b, const struct rf_page *p, int c)
{
	static const struct rf_col opts[] = {
	    {"", "Không rõ", "Unknown"}, {"1", "Có", "Yes"}, {"0", "Không", "No"}};
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, rf_cp[c].vi, rf_cp[c].en));
	html_open(b, "select", "name", rf_cp[c].name, NULL);
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		if (strcmp(p->form.cp[c], opts[i].name) == 0)
			html_open(b, "option", "value", opts[i].name, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", opts[i].name, NULL);
		html_text(b, HTTP_T(req, opts[i].vi, opts[i].en));
		html_close(b, "option");
	}
	html_close(b, "select");
	wfp_field_error(req, b, &p->errs, rf_cp[c].name);
	html_close(b, "label");
}

/* One kind's table: inputs when editable, text otherwise. */
static void
rf_lines(struct http_request *req, struct buf *b, const struct rf_page *p, enum rf_kind k)
{
	int ncols = rf_kinds[k].ncols;
	html_open(b, "fieldset", "id", rf_kinds[k].key, NULL);
	html_elem(b, "legend", HTTP_T(req, rf_kinds[k].vi, rf_kinds[k].en));
	wfp_field_error(req, b, &p->errs, rf_kinds[k].key);
	html_open(b, "div", "class", "scroll", NULL);
	html_open(b, "table", "class", "list lines", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	for (int c = 0; c < ncols; c++)
		html_elem(b, "th", HTTP_T(req, rf_kinds[k].cols[c].vi, rf_kinds[k].cols[c].en));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < p->form.rows[k]; i++) {
		if (!p->editable && !rf_row_filled(&p->form, k, i))
			continue;
		html_open(b, "tr", NULL);
		for (int c = 0; c < ncols; c++) {
			const char *v = p->form.val[k][i * ncols + c];
			html_open(b, "td", NULL);
			if (p->editable)
				wfp_input(req, b, NULL, rf_field(req, k, i, c), v, &p->errs);
			else
				html_text(b, v);
			html_close(b, "td");
		}
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
	if (p->editable) {
		char n[32];
		snprintf(n, sizeof(n), "%d", p->form.rows[k]);
		html_open(b, "input", "type", "hidden", "name",
			  arena_printf(&req->arena, "n_%s", rf_kinds[k].key), "value", n, NULL);
		wfp_button(b, arena_printf(&req->arena, "add_%s", rf_kinds[k].key),
			   HTTP_T(req, "Thêm dòng", "Add a row"));
	}
	html_close(b, "fieldset");
}

/* The preview: totals, each energy line, SEC per product against its norm. */
static void
rf_preview(struct http_request *req, struct buf *b, const struct report_preview *pv)
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
		if (!pv->energy[i].ok)
			wfp_message(b, 1,
				    arena_printf(&req->arena, "%s %d: %s",
						 HTTP_T(req, "Dòng năng lượng", "Energy line"),
						 i + 1, wfp_text_id(req, pv->energy[i].msg)));
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
		html_elem(b, "td", pp->product);
		html_elem(b, "td",
			  arena_printf(&req->arena, "%s %s", web_qty(req, pp->output, FMT_QTY),
				       pp->unit));
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
	html_close(b, "section");
}

/*
 * The preview's plausibility warnings (report_preview, model/reporting/
 * plausible.h), above the submit button: each names the line and says why,
 * in the page's language.  They are warnings: the report may still be
 * submitted.
 */
static void
rf_warnings(struct http_request *req, struct buf *b, const struct report_preview *pv)
{
	if (pv != NULL)
		wfp_warnings(req, b,
			     HTTP_T(req, "Cảnh báo: số liệu có vẻ không hợp lý (vẫn có thể nộp):",
				    "Warnings: figures that look implausible (the report can still "
				    "be submitted):"),
			     pv->warn, pv->nwarn);
}

static int
rf_render(struct http_request *req, struct http_response *resp, struct rf_page *p)
{
	const char *title =
	    arena_printf(&req->arena, "%s %d — %s", HTTP_T(req, "Báo cáo năm", "Annual report"),
			 p->year, p->fac.name);
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
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
	} else {
		wfp_message(&b, 0,
			    HTTP_T(req, "Báo cáo mới, điền sẵn từ năm trước.",
				   "A new report, pre-filled from the previous year."));
	}
	wfp_message(&b, 0, p->notice);
	wfp_message(&b, 1, p->problem);
	if (p->errs.n > 0)
		wfp_message(
		    &b, 1,
		    HTTP_T(req, "Có trường chưa hợp lệ; xem thông báo bên cạnh từng trường.",
			   "Some fields are not valid; see the message beside each field."));
	if (p->preview != NULL)
		rf_preview(req, &b, p->preview);
	if (p->editable) {
		html_open(&b, "form", "class", "stack report-form", "method", "post", "action",
			  web_url(req, req->path, NULL, 0), NULL);
		web_csrf_field(req, &b, NULL);
		if (p->stored != NULL)
			html_open(
			    &b, "input", "type", "hidden", "name", "version", "value",
			    arena_printf(&req->arena, "%lld", (long long)p->stored->doc.version),
			    NULL);
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
		rf_warnings(req, &b, p->preview);
		html_open(&b, "div", "class", "actions", NULL);
		wfp_button(&b, "save", HTTP_T(req, "Lưu nháp", "Save draft"));
		wfp_button(&b, "preview", HTTP_T(req, "Xem trước", "Preview"));
		if (p->preview != NULL)
			wfp_button(&b, "submit", HTTP_T(req, "Nộp", "Submit"));
		html_close(&b, "div");
		html_close(&b, "form");
	} else if (p->stored != NULL) {
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

static int
rf_post(struct db *db, struct http_request *req, struct http_response *resp, struct rf_page *p)
{
	const char *op = http_form(req, "op");
	rf_from_post(req, &p->form, op);
	if (op == NULL || strncmp(op, "add_", 4) == 0)
		return rf_render(req, resp, p);
	struct report_input in;
	rf_input(req, &p->form, &in);
	int ret, submit = strcmp(op, "submit") == 0;
	if (submit || strcmp(op, "save") == 0) { /* doc_store validates, in its transaction */
		int64_t id;
		int rc = doc_store(db, &report_kind, req->who, p->fid, p->year,
				   p->stored != NULL ? p->stored->doc.id : 0,
				   http_form(req, "version"), &in, submit, &id, &p->errs);
		rf_qty_errors(req, p);
		ret = wfp_stored(req, resp, rc, submit, &p->problem);
		return ret == WFP_RENDER ? rf_render(req, resp, p) : ret;
	}
	struct report *tmp = xcalloc(1, sizeof(*tmp));
	tmp->doc.facility_id = p->fid;
	tmp->doc.year = p->year;
	struct report_preview pv = {0};
	int have_pv = 0;
	int rc = report_validate(db, &in, tmp, &p->errs);
	rf_qty_errors(req, p);
	if (rc == ST_OK && strcmp(op, "preview") == 0) {
		if (report_preview(db, tmp, &pv) != ST_OK) {
			ret = -1;
			goto out;
		}
		have_pv = 1;
		p->preview = &pv;
	} else if (rc != ST_OK && (ret = wfp_stored(req, resp, rc, 0, &p->problem)) != WFP_RENDER) {
		goto out;
	}
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
	rc = report_get_year(db, req->who, p->fid, p->year, &p->stored);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return -1;
	int ret;
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
		rf_from_post(req, &p->form, NULL);
	} else if (p->stored != NULL) {
		rf_from_report(req, p->stored, &p->form);
	} else {
		struct report *pre = NULL;
		rc = report_prefill(db, req->who, p->fid, p->year, &pre);
		if (rc != ST_OK) {
			ret = wfp_fail(req, resp, rc);
			goto out;
		}
		rf_from_report(req, pre, &p->form);
		/* The strings point into pre: keep it until the page is written. */
		ret = rf_render(req, resp, p);
		report_free(pre);
		goto out;
	}
	ret = rf_render(req, resp, p);
out:
	ret = web_draft_leave(draft, resp, ret);
	report_free(p->stored);
	return ret;
}
