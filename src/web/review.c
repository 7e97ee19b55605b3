/*
 * The review side of the workflow.  GET /review: the queue of reports and
 * registrations in the caller's scope (wf_queue_list) with filters (kind,
 * status, year, administrative unit, sector) and the count per status, each
 * count a link to that status.  GET /reports/{id} and /registrations/{id}:
 * one object with its state, the reviewer's note, its content (a report
 * with its TOE/SEC preview) and one POST form per action the caller may
 * take from that state (wf_check): submit, forward, return (note
 * required), accept, reopen, each carrying the version it was loaded with
 * and the CSRF token.  POST .../action moves it (doc_transition) and redirects back (303); a
 * missing note is shown beside the note field, a stale version answers 409 with the note kept.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/analytics/ledger.h"
#include "model/doc/history.h"
#include "model/registry/facility_edit.h"
#include "model/registry/refdata.h"
#include "model/reporting/choices.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "model/reporting/review.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/wfpage.h"

#define RV_PAGE 50

/* The document under review, whatever its kind. */
struct rv_obj {
	enum wf_kind kind;
	const struct doc_kind *k;
	void *doc;		  /* the kind's struct (report, registration) */
	const struct doc_head *h; /* its head: id, facility, year, state, version */
};

/* What the view shows beside the content: its history and the changes since the last submission. */
struct rv_ctx {
	struct rvw_names names;
	struct doc_event *ev;
	int nev;
	struct rvw_change *chg; /* previous submission -> this content; NULL when not resubmitted */
	int nchg, resubmitted;
};

static const char *const rv_paths[WF_KIND__MAX] = {"/reports/%lld", "/registrations/%lld"};

/* The actions offered as buttons, in this order. */
static const struct {
	enum wf_action action;
	const char *vi, *en;
} rv_actions[] = {
    {WF_SUBMIT, "Nộp", "Submit"},	{WF_FORWARD, "Chuyển lên Sở", "Forward to the province"},
    {WF_ACCEPT, "Chấp nhận", "Accept"}, {WF_RETURN, "Trả lại", "Return"},
    {WF_REOPEN, "Mở lại", "Reopen"},
};

/* What a move is called in the history, by enum wf_action. */
static const char *const rv_moves[WF_ACTION__MAX][2] = {
    [WF_EDIT] = {"Sửa", "Edited"},
    [WF_SUBMIT] = {"Nộp", "Submitted"},
    [WF_FORWARD] = {"Huyện chuyển lên Sở", "Forwarded by the district"},
    [WF_RETURN] = {"Trả lại", "Returned"},
    [WF_ACCEPT] = {"Chấp nhận", "Accepted"},
    [WF_REOPEN] = {"Mở lại", "Reopened"},
    [WF_START] = {"Bắt đầu thực hiện", "Started"},
    [WF_SUSTAIN] = {"Chuyển sang duy trì", "Moved to sustaining"},
};

static int
rv_load(struct db *db, const struct principal *who, enum wf_kind kind, int64_t id, struct rv_obj *o)
{
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->k = doc_kinds[kind];
	int rc = doc_get(db, o->k, who, id, &o->doc);
	if (rc == ST_OK)
		o->h = doc_head(o->k, o->doc);
	return rc;
}

/*
 * Loads the names, the history and the changes since the previous
 * submission: for a document under review (submitted, forwarded, accepted)
 * from the submission before its last one to its content, which is the
 * last one's; for one being corrected (draft, returned) from its last
 * submission to what has been saved since, shown only when something
 * changed.  Returns 0 or -1.
 */
static int
rv_ctx_load(struct http_request *req, struct db *db, const struct rv_obj *o, struct rv_ctx *c)
{
	memset(c, 0, sizeof(*c));
	if (rvw_names_load(db, &req->arena, &c->names) != ST_OK ||
	    doc_history_list(db, o->kind, o->h->id, &req->arena, &c->ev, &c->nev) != ST_OK)
		return -1;
	int editing = o->h->state == WF_DRAFT || o->h->state == WF_RETURNED;
	const char *prev = NULL;
	int nsub = 0;
	for (int i = 0; i < c->nev; i++)
		if (c->ev[i].action == WF_SUBMIT && c->ev[i].content != NULL)
			nsub++;
	int want = editing ? nsub : nsub - 1;
	for (int i = 0, seen = 0; i < c->nev; i++)
		if (c->ev[i].action == WF_SUBMIT && c->ev[i].content != NULL && ++seen == want)
			prev = c->ev[i].content;
	if (prev == NULL)
		return 0;
	char *now = o->k->json(o->doc);
	int rc = rvw_diff(prev, now, &req->arena, &c->chg, &c->nchg);
	free(now);
	c->resubmitted = rc == ST_OK && (!editing || c->nchg > 0);
	return 0;
}

/* "yyyy-mm-dd..." as dd/mm/yyyy; the text itself when it is not a date. */
static const char *
rv_iso_date(struct http_request *req, const char *iso)
{
	int y, m, d;
	if (iso == NULL || iso[0] == '\0')
		return "—";
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return iso;
	return arena_printf(&req->arena, "%02d/%02d/%04d", d, m, y);
}

/* When the document was last submitted: the history's time, else the stored date. */
static const char *
rv_submitted(struct http_request *req, const struct rv_obj *o, const struct rv_ctx *c)
{
	for (int i = c->nev - 1; i >= 0; i--)
		if (c->ev[i].action == WF_SUBMIT)
			return web_datetime_unix(req, c->ev[i].at);
	return rv_iso_date(req, o->h->submitted_on);
}

static void
rv_row(struct buf *b, const char *th, const char *td)
{
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", NULL);
	html_text(b, th);
	html_close(b, "th");
	html_elem(b, "td", td);
	html_close(b, "tr");
}

/* Opens a scrolling table with a caption and column headers ({vi, en} pairs). */
static void
rv_table(struct http_request *req, struct buf *b, const char *cls, const char *const (*th)[2],
	 int n)
{
	web_scroll_open(b, HTTP_T(req, "Bảng số liệu", "Figures"));
	html_open(b, "table", "class", cls, NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	for (int i = 0; i < n; i++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, HTTP_T(req, th[i][0], th[i][1]));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
}

static void
rv_table_end(struct buf *b)
{
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
}

static void
rv_num(struct buf *b, const char *text)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, text);
	html_close(b, "td");
}

/* A change in percent, signed ("+12,5 %"), flagged beyond RVW_FLAG_PCT. */
static void
rv_pct_cell(struct http_request *req, struct buf *b, double now, double before)
{
	double pct = rvw_change_pct(now, before);
	const char *t =
	    isfinite(pct) ? arena_printf(&req->arena, "%s%s", pct > 0 ? "+" : "", web_pct(req, pct))
			  : "—";
	if (rvw_change_flagged(pct)) {
		html_open(b, "td", "class", "num flag", NULL);
		html_open(b, "strong", NULL);
		html_text(b, t);
		html_close(b, "strong");
		html_text(b, HTTP_T(req, " (cần xem)", " (to check)"));
	} else {
		html_open(b, "td", "class", "num", NULL);
		html_text(b, t);
	}
	html_close(b, "td");
}

/* A cost in whole dong ("9.572.000"); "—" when unknown. */
static const char *
rv_vnd(struct http_request *req, double v)
{
	return isfinite(v) ? web_int(req, lround(v)) : "—";
}

static const char *
rv_month(struct http_request *req, int m)
{
	static const char *const en[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	if (m < 1 || m > 12)
		return HTTP_T(req, "cả năm", "whole year");
	return req->lang == LANG_EN ? en[m - 1] : arena_printf(&req->arena, "T%d", m);
}

static int
rv_en(const struct http_request *req)
{
	return req->lang == LANG_EN;
}

/* The change since the previous submission of a line, or NULL (removed lines are listed apart). */
static const struct rvw_change *
rv_line_change(const struct rv_ctx *c, const char *section, const char *item, const char *unit,
	       int month, const char *product)
{
	for (int i = 0; c->resubmitted && i < c->nchg; i++) {
		const struct rvw_change *x = &c->chg[i];
		if (x->what != RVW_REMOVED && strcmp(x->section, section) == 0 &&
		    strcmp(x->item, item) == 0 && strcmp(x->unit, unit ? unit : "") == 0 &&
		    x->month == month && strcmp(x->product, product ? product : "") == 0)
			return x;
	}
	return NULL;
}

/* The first cell of a line: its name, marked when it changed since the previous submission. */
static void
rv_item_cell(struct http_request *req, struct buf *b, const char *name, const struct rvw_change *x)
{
	html_open(b, "td", NULL);
	html_text(b, name);
	if (x != NULL) {
		html_text(b, " ");
		html_open(b, "mark", "class", x->what == RVW_ADDED ? "chg added" : "chg changed",
			  NULL);
		html_text(b, x->what == RVW_ADDED ? HTTP_T(req, "mới", "new")
						  : HTTP_T(req, "đã sửa", "changed"));
		html_close(b, "mark");
	}
	html_close(b, "td");
}

static void
rv_tr(struct buf *b, const struct rvw_change *x)
{
	if (x != NULL)
		html_open(b, "tr", "class", "chg-row", NULL);
	else
		html_open(b, "tr", NULL);
}

static const char *
rv_unit(struct http_request *req, const struct rv_ctx *c, const char *unit)
{
	return rvw_name(&c->names, RVW_UNIT, unit, rv_en(req));
}

/* Outputs, with last year's and the change, then each product's SEC beside its peers'. */
static int
rv_outputs(struct http_request *req, struct db *db, struct buf *b, const struct report *r,
	   const struct rvw_compare *cmp, const struct rv_ctx *c)
{
	int en = rv_en(req);
	html_elem(b, "h2", HTTP_T(req, "Sản phẩm", "Products"));
	if (r->nout == 0) {
		html_elem(b, "p", HTTP_T(req, "Không khai sản phẩm.", "No output reported."));
		return 0;
	}
	static const char *const th[][2] = {{"Sản phẩm", "Product"},
					    {"Sản lượng", "Output"},
					    {"Đơn vị", "Unit"},
					    {"Năm trước", "Last year"},
					    {"Thay đổi", "Change"}};
	rv_table(req, b, "list lines outputs", th, 5);
	for (int i = 0; i < r->nout; i++) {
		const struct report_output *o = &r->out[i];
		double last = NAN;
		for (int j = 0; cmp->prev != NULL && j < cmp->prev->nout; j++)
			if (strcmp(cmp->prev->out[j].product, o->product) == 0 &&
			    strcmp(cmp->prev->out[j].unit, o->unit) == 0)
				last = isnan(last) ? cmp->prev->out[j].quantity
						   : last + cmp->prev->out[j].quantity;
		const struct rvw_change *x =
		    rv_line_change(c, "output", o->product, o->unit, 0, "");
		rv_tr(b, x);
		rv_item_cell(req, b, rvw_name(&c->names, RVW_PRODUCT, o->product, en), x);
		rv_num(b, web_qty(req, o->quantity, FMT_QTY));
		html_elem(b, "td", rv_unit(req, c, o->unit));
		rv_num(b, web_qty(req, last, FMT_QTY));
		rv_pct_cell(req, b, o->quantity, last);
		html_close(b, "tr");
	}
	rv_table_end(b);

	html_elem(
	    b, "h3",
	    HTTP_T(req, "Suất tiêu hao năng lượng (SEC)", "Specific energy consumption (SEC)"));
	if (cmp->cur == NULL || cmp->cur->nproducts == 0) {
		html_elem(b, "p",
			  HTTP_T(req, "Không tính được suất tiêu hao năng lượng.",
				 "No specific energy consumption to compute."));
		return 0;
	}
	static const char *const sh[][2] = {{"Sản phẩm", "Product"},
					    {"SEC năm nay", "SEC this year"},
					    {"SEC năm trước", "SEC last year"},
					    {"Thay đổi", "Change"},
					    {"Các cơ sở cùng sản phẩm", "Peers"},
					    {"Định mức", "Legal norm"}};
	rv_table(req, b, "list sec", sh, 6);
	for (int i = 0; cmp->cur != NULL && i < cmp->cur->nproducts; i++) {
		const struct ledger_product *p = &cmp->cur->products[i];
		const struct ledger_product *q =
		    cmp->last != NULL ? ledger_report_product(cmp->last, p->product) : NULL;
		double last = q != NULL && strcmp(q->sec_energy_unit, p->sec_energy_unit) == 0 &&
				      strcmp(q->sec_per_unit, p->sec_per_unit) == 0
				  ? q->sec
				  : NAN;
		const char *per = arena_printf(&req->arena, "%s/%s", p->sec_energy_unit,
					       rv_unit(req, c, p->sec_per_unit));
		html_open(b, "tr", NULL);
		html_elem(b, "td", rvw_name(&c->names, RVW_PRODUCT, p->product, en));
		if (isfinite(p->sec))
			rv_num(b, arena_printf(&req->arena, "%s %s", web_qty(req, p->sec, FMT_SEC),
					       per));
		else
			html_elem(b, "td", wfp_text_id(req, ledger_sec_msg(p->sec_why)));
		rv_num(b, isfinite(last)
			      ? arena_printf(&req->arena, "%s %s", web_qty(req, last, FMT_SEC), per)
			      : "—");
		rv_pct_cell(req, b, p->sec, last);
		struct rvw_peers pr;
		if (rvw_peers_get(db, p->product, r->doc.year, &pr) != ST_OK)
			return -1;
		html_open(b, "td", "class", "peers", NULL);
		if (pr.npeers == 0) {
			html_text(b, HTTP_T(req, "chưa có cơ sở nào được chấp nhận",
					    "no accepted peer yet"));
		} else {
			const char *pu = arena_printf(&req->arena, "%s/%s", pr.energy_unit,
						      rv_unit(req, c, pr.per_unit));
			html_textf(b, "%s–%s %s", web_qty(req, pr.min, FMT_SEC),
				   web_qty(req, pr.max, FMT_SEC), pu);
			if (pr.enough)
				html_textf(b,
					   HTTP_T(req, "; trung vị %s, tứ phân vị %s–%s",
						  "; median %s, quartiles %s–%s"),
					   web_qty(req, pr.median, FMT_SEC),
					   web_qty(req, pr.q1, FMT_SEC),
					   web_qty(req, pr.q3, FMT_SEC));
			html_textf(b, HTTP_T(req, " (%d cơ sở, năm %d)", " (%d facilities, %d)"),
				   pr.npeers, pr.year);
		}
		html_close(b, "td");
		if (isfinite(p->norm)) {
			html_open(b, "td", "class", p->meets == 0 ? "num flag" : "num", NULL);
			html_textf(b, "%s %s", web_qty(req, p->norm, FMT_SEC), per);
			if (p->meets == 0)
				html_textf(b, HTTP_T(req, " (vượt định mức: %s)", " (above: %s)"),
					   web_pct(req, p->norm_ratio * 100));
			html_close(b, "td");
		} else {
			html_elem(b, "td", HTTP_T(req, "không có", "none"));
		}
		html_close(b, "tr");
	}
	rv_table_end(b);
	return 0;
}

/* Energy lines as sent (carrier, month, product), then each carrier's year against last year's. */
static void
rv_energy(struct http_request *req, struct buf *b, const struct report *r,
	  const struct rvw_compare *cmp, const struct rv_ctx *c)
{
	int en = rv_en(req);
	html_elem(b, "h2", HTTP_T(req, "Năng lượng", "Energy"));
	if (r->nenergy == 0) {
		html_elem(b, "p", HTTP_T(req, "Không khai năng lượng.", "No energy reported."));
		return;
	}
	static const char *const th[][2] = {
	    {"Loại năng lượng", "Carrier"}, {"Tháng", "Month"},
	    {"Số lượng", "Quantity"},	    {"Đơn vị", "Unit"},
	    {"Dùng cho", "Used for"},	    {"Chi phí (đồng)", "Cost (VND)"}};
	rv_table(req, b, "list lines energy", th, 6);
	for (int i = 0; i < r->nenergy; i++) {
		const struct report_energy *e = &r->energy[i];
		const struct rvw_change *x =
		    rv_line_change(c, "energy", e->carrier, e->unit, e->month, e->product);
		rv_tr(b, x);
		rv_item_cell(req, b, rvw_name(&c->names, RVW_CARRIER, e->carrier, en), x);
		html_elem(b, "td", rv_month(req, e->month));
		rv_num(b, web_qty(req, e->quantity, FMT_QTY));
		html_elem(b, "td", rv_unit(req, c, e->unit));
		html_elem(b, "td",
			  e->product[0] ? rvw_name(&c->names, RVW_PRODUCT, e->product, en)
					: HTTP_T(req, "cả cơ sở", "whole facility"));
		rv_num(b, e->has_cost ? rv_vnd(req, e->cost_vnd) : "—");
		html_close(b, "tr");
	}
	rv_table_end(b);
	if (cmp->cur == NULL)
		return;
	html_elem(
	    b, "h3",
	    HTTP_T(req, "Theo loại năng lượng, so với năm trước", "By carrier, against last year"));
	static const char *const ch[][2] = {{"Loại năng lượng", "Carrier"},
					    {"Cả năm", "Year"},
					    {"Năm trước", "Last year"},
					    {"Thay đổi", "Change"},
					    {"TOE", "TOE"}};
	rv_table(req, b, "list carriers", ch, 5);
	for (int i = 0; i < cmp->cur->ncarriers; i++) {
		const struct ledger_carrier *k = &cmp->cur->carriers[i];
		double last = NAN;
		for (int j = 0; cmp->last != NULL && j < cmp->last->ncarriers; j++)
			if (strcmp(cmp->last->carriers[j].carrier, k->carrier) == 0)
				last = cmp->last->carriers[j].qty_native;
		const char *u = rv_unit(req, c, k->native_unit);
		html_open(b, "tr", NULL);
		html_elem(b, "td", rvw_name(&c->names, RVW_CARRIER, k->carrier, en));
		rv_num(b,
		       arena_printf(&req->arena, "%s %s", web_qty(req, k->qty_native, FMT_QTY), u));
		rv_num(b, isfinite(last)
			      ? arena_printf(&req->arena, "%s %s", web_qty(req, last, FMT_QTY), u)
			      : "—");
		rv_pct_cell(req, b, k->qty_native, last);
		rv_num(b, web_qty(req, k->toe, FMT_TOE));
		html_close(b, "tr");
	}
	html_open(b, "tr", "class", "total", NULL);
	html_elem(b, "td", HTTP_T(req, "Tổng (TOE)", "Total (TOE)"));
	rv_num(b, web_qty(req, cmp->cur->toe_ok ? cmp->cur->toe : NAN, FMT_TOE));
	double lt = cmp->last != NULL && cmp->last->toe_ok ? cmp->last->toe : NAN;
	rv_num(b, web_qty(req, lt, FMT_TOE));
	rv_pct_cell(req, b, cmp->cur->toe_ok ? cmp->cur->toe : NAN, lt);
	rv_num(b, web_qty(req, cmp->cur->toe_ok ? cmp->cur->toe : NAN, FMT_TOE));
	html_close(b, "tr");
	rv_table_end(b);
}

static void
rv_water(struct http_request *req, struct buf *b, const struct report *r,
	 const struct rvw_compare *cmp, const struct rv_ctx *c)
{
	int en = rv_en(req);
	html_elem(b, "h2", HTTP_T(req, "Nước", "Water"));
	if (r->nwater == 0) {
		html_elem(b, "p", HTTP_T(req, "Không khai nước.", "No water reported."));
		return;
	}
	static const char *const th[][2] = {{"Nguồn nước", "Source"},
					    {"Lượng (m³)", "Quantity (m³)"},
					    {"Năm trước (m³)", "Last year (m³)"},
					    {"Thay đổi", "Change"},
					    {"Chi phí (đồng)", "Cost (VND)"}};
	rv_table(req, b, "list lines water", th, 5);
	for (int i = 0; i < r->nwater; i++) {
		const struct report_water *w = &r->water[i];
		double last = NAN;
		for (int j = 0; cmp->prev != NULL && j < cmp->prev->nwater; j++)
			if (strcmp(cmp->prev->water[j].source, w->source) == 0)
				last = isnan(last) ? cmp->prev->water[j].quantity_m3
						   : last + cmp->prev->water[j].quantity_m3;
		const struct rvw_change *x = rv_line_change(c, "water", w->source, "", 0, "");
		rv_tr(b, x);
		rv_item_cell(req, b, rvw_water_source(w->source, en), x);
		rv_num(b, web_qty(req, w->quantity_m3, FMT_QTY));
		rv_num(b, web_qty(req, last, FMT_QTY));
		rv_pct_cell(req, b, w->quantity_m3, last);
		rv_num(b, w->has_cost ? rv_vnd(req, w->cost_vnd) : "—");
		html_close(b, "tr");
	}
	rv_table_end(b);
}

static void
rv_materials(struct http_request *req, struct buf *b, const struct report *r,
	     const struct rvw_compare *cmp, const struct rv_ctx *c)
{
	html_elem(b, "h2", HTTP_T(req, "Nguyên vật liệu", "Materials"));
	if (r->nmat == 0) {
		html_elem(b, "p",
			  HTTP_T(req, "Không khai nguyên vật liệu.", "No materials reported."));
		return;
	}
	static const char *const th[][2] = {{"Nguyên vật liệu", "Material"},
					    {"Số lượng", "Quantity"},
					    {"Đơn vị", "Unit"},
					    {"Năm trước", "Last year"},
					    {"Thay đổi", "Change"},
					    {"Chi phí (đồng)", "Cost (VND)"}};
	rv_table(req, b, "list lines materials", th, 6);
	for (int i = 0; i < r->nmat; i++) {
		const struct report_material *m = &r->mat[i];
		double last = NAN;
		for (int j = 0; cmp->prev != NULL && j < cmp->prev->nmat; j++)
			if (strcmp(cmp->prev->mat[j].name, m->name) == 0 &&
			    strcmp(cmp->prev->mat[j].unit, m->unit) == 0)
				last = isnan(last) ? cmp->prev->mat[j].quantity
						   : last + cmp->prev->mat[j].quantity;
		const struct rvw_change *x = rv_line_change(c, "material", m->name, m->unit, 0, "");
		rv_tr(b, x);
		rv_item_cell(req, b, m->name, x);
		rv_num(b, web_qty(req, m->quantity, FMT_QTY));
		html_elem(b, "td", rv_unit(req, c, m->unit));
		rv_num(b, web_qty(req, last, FMT_QTY));
		rv_pct_cell(req, b, m->quantity, last);
		rv_num(b, m->has_cost ? rv_vnd(req, m->cost_vnd) : "—");
		html_close(b, "tr");
	}
	rv_table_end(b);
}

static const char *const rv_cp_vi[REPORT_CP__MAX] = {"Biết về SXSH", "Có cán bộ SXSH",
						     "Có bộ phận SXSH", "Áp dụng SXSH"};
static const char *const rv_cp_en[REPORT_CP__MAX] = {"Aware of CP", "Has CP staff", "Has a CP unit",
						     "Applies CP"};
static const char *const rv_cp_json[REPORT_CP__MAX] = {"cp_aware", "cp_staff", "cp_unit",
						       "cp_applied"};

/* A report's content: CP status, products with SEC, energy, water, materials, the totals. */
static int
rv_report_body(struct http_request *req, struct db *db, struct buf *b, const struct report *r,
	       const struct rv_ctx *c)
{
	struct rvw_compare cmp;
	if (rvw_compare_load(db, req->who, r, &cmp) != ST_OK)
		return -1;
	html_open(b, "p", "class", "compare-basis", NULL);
	if (cmp.prev != NULL)
		html_textf(b,
			   HTTP_T(req,
				  "So sánh với báo cáo năm %d đã được chấp nhận; thay đổi vượt "
				  "±50 %% được đánh dấu «cần xem».",
				  "Compared with the accepted report of %d; changes beyond ±50%% "
				  "are marked \"to check\"."),
			   r->doc.year - 1);
	else
		html_textf(b,
			   HTTP_T(req, "Không có báo cáo năm %d đã được chấp nhận để so sánh.",
				  "No accepted report of %d to compare with."),
			   r->doc.year - 1);
	html_close(b, "p");

	html_elem(b, "h2", HTTP_T(req, "Tình hình áp dụng SXSH", "Cleaner production status"));
	web_scroll_open(b, HTTP_T(req, "Bảng số liệu", "Figures"));
	html_open(b, "table", "class", "list cp", NULL);
	for (int i = 0; i < REPORT_CP__MAX; i++)
		rv_row(b, HTTP_T(req, rv_cp_vi[i], rv_cp_en[i]),
		       r->cp[i] < 0 ? HTTP_T(req, "Chưa rõ", "Unknown")
		       : r->cp[i]   ? HTTP_T(req, "Có", "Yes")
				    : HTTP_T(req, "Không", "No"));
	html_close(b, "table");
	html_close(b, "div");

	int rc = rv_outputs(req, db, b, r, &cmp, c);
	if (rc == 0) {
		rv_energy(req, b, r, &cmp, c);
		rv_water(req, b, r, &cmp, c);
		rv_materials(req, b, r, &cmp, c);
	}
	rvw_compare_free(&cmp);
	if (rc < 0)
		return -1;

	struct report_preview pv;
	if (report_preview(db, r, &pv) != ST_OK)
		return -1;
	html_open(b, "p", NULL);
	html_text(b, HTTP_T(req, "Tổng năng lượng: ", "Total energy: "));
	html_open(b, "strong", "class", "toe", NULL);
	if (pv.energy_missing)
		html_text(b, wfp_text_id(req, MSG_ENERGY_MISSING));
	else
		html_textf(b, "%s TOE", web_qty(req, pv.toe, FMT_TOE));
	html_close(b, "strong");
	html_close(b, "p");
	/* The warnings name products and carriers, as the form does. */
	struct choices *ch = NULL;
	if (pv.nwarn > 0 && choices_load(db, &ch) != 0) {
		report_preview_free(&pv);
		return -1;
	}
	for (int i = 0; i < pv.nwarn; i++)
		choices_name_msg(ch, &pv.warn[i].m, req->lang == LANG_EN);
	choices_free(ch);
	wfp_warnings(req, b,
		     HTTP_T(req, "Cảnh báo: số liệu có vẻ không hợp lý, cần xem kỹ:",
			    "Warnings: figures that look implausible, to look at closely:"),
		     pv.warn, pv.nwarn);
	wfp_explanations(req, b, r);
	report_preview_free(&pv);
	return 0;
}

static void
rv_registration_body(struct http_request *req, struct buf *b, const struct registration *g)
{
	web_scroll_open(b, HTTP_T(req, "Bảng số liệu", "Figures"));
	html_open(b, "table", "class", "list", NULL);
	rv_row(b, HTTP_T(req, "Cam kết áp dụng SXSH", "Commits to apply CP"),
	       g->apply_cp ? HTTP_T(req, "Có", "Yes") : HTTP_T(req, "Không", "No"));
	rv_row(b, HTTP_T(req, "Mức tiết kiệm dự kiến", "Planned saving"),
	       g->has_saving ? web_pct(req, g->planned_saving_pct) : "—");
	rv_row(b, HTTP_T(req, "Giải pháp", "Measures"), g->measures[0] ? g->measures : "—");
	html_close(b, "table");
	html_close(b, "div");
}

/* A field's label in the list of changes. */
static const char *
rv_field_label(struct http_request *req, const char *k)
{
	static const char *const f[][3] = {
	    {"apply_cp", "Cam kết áp dụng SXSH", "Commits to apply CP"},
	    {"planned_saving_pct", "Mức tiết kiệm dự kiến (%)", "Planned saving (%)"},
	    {"measures", "Giải pháp", "Measures"}};
	for (int i = 0; i < REPORT_CP__MAX; i++)
		if (strcmp(k, rv_cp_json[i]) == 0)
			return HTTP_T(req, rv_cp_vi[i], rv_cp_en[i]);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (strcmp(k, f[i][0]) == 0)
			return HTTP_T(req, f[i][1], f[i][2]);
	return HTTP_T(req, "Nội dung khác", "Other content");
}

/* One side of a change as text. */
static const char *
rv_change_value(struct http_request *req, const struct rv_ctx *c, const struct rvw_change *x,
		int after)
{
	if ((after && x->what == RVW_REMOVED) || (!after && x->what == RVW_ADDED))
		return "—";
	if (x->type == 's')
		return after ? x->new_text : x->old_text;
	double v = after ? x->new_num : x->old_num;
	if (x->type == 'b')
		return isnan(v) ? HTTP_T(req, "Chưa rõ", "Unknown")
		       : v != 0 ? HTTP_T(req, "Có", "Yes")
				: HTTP_T(req, "Không", "No");
	const char *t = web_qty(req, v, FMT_QTY);
	if (x->unit[0] != '\0')
		t = arena_printf(&req->arena, "%s %s", t, rv_unit(req, c, x->unit));
	else if (strcmp(x->section, "water") == 0)
		t = arena_printf(&req->arena, "%s m³", t);
	double cost = after ? x->new_cost : x->old_cost;
	double other = after ? x->old_cost : x->new_cost;
	if (!(isnan(cost) && isnan(other)) && cost != other)
		t = arena_printf(&req->arena, "%s; %s %s", t, HTTP_T(req, "chi phí", "cost"),
				 rv_vnd(req, cost));
	return t;
}

/* The changes since the previous submission: what was added, removed or changed, old -> new. */
static void
rv_changes(struct http_request *req, struct buf *b, const struct rv_ctx *c)
{
	if (!c->resubmitted)
		return;
	int en = rv_en(req);
	html_open(b, "section", "class", "changes", "aria-labelledby", "rv-changes", NULL);
	html_open(b, "h2", "id", "rv-changes", NULL);
	html_text(b, HTTP_T(req, "Thay đổi so với lần nộp trước",
			    "Changes since the previous submission"));
	html_close(b, "h2");
	if (c->nchg == 0) {
		html_elem(b, "p", HTTP_T(req, "Không có thay đổi nào.", "Nothing changed."));
		html_close(b, "section");
		return;
	}
	static const char *const th[][2] = {{"Mục", "Section"},
					    {"Dòng", "Line"},
					    {"Thay đổi", "Change"},
					    {"Trước", "Before"},
					    {"Sau", "After"}};
	rv_table(req, b, "list changes", th, 5);
	static const char *const what[][2] = {[RVW_ADDED] = {"thêm", "added"},
					      [RVW_REMOVED] = {"bỏ", "removed"},
					      [RVW_CHANGED] = {"sửa", "changed"}};
	static const struct {
		const char *key, *vi, *en;
	} sec[] = {{"output", "Sản phẩm", "Products"},
		   {"energy", "Năng lượng", "Energy"},
		   {"water", "Nước", "Water"},
		   {"material", "Nguyên vật liệu", "Materials"}};
	for (int i = 0; i < c->nchg; i++) {
		const struct rvw_change *x = &c->chg[i];
		const char *section = NULL, *line = "";
		for (size_t s = 0; s < sizeof(sec) / sizeof(sec[0]); s++)
			if (strcmp(x->section, sec[s].key) == 0)
				section = HTTP_T(req, sec[s].vi, sec[s].en);
		if (section == NULL) {
			section = HTTP_T(req, "Thông tin chung", "General");
			line = rv_field_label(req, x->section);
		} else if (strcmp(x->section, "output") == 0) {
			line = rvw_name(&c->names, RVW_PRODUCT, x->item, en);
		} else if (strcmp(x->section, "energy") == 0) {
			line = arena_printf(&req->arena, "%s, %s",
					    rvw_name(&c->names, RVW_CARRIER, x->item, en),
					    rv_month(req, x->month));
			if (x->product[0] != '\0')
				line =
				    arena_printf(&req->arena, "%s, %s", line,
						 rvw_name(&c->names, RVW_PRODUCT, x->product, en));
		} else if (strcmp(x->section, "water") == 0) {
			line = rvw_water_source(x->item, en);
		} else {
			line = x->item;
		}
		html_open(b, "tr", "class", arena_printf(&req->arena, "chg-%s", what[x->what][1]),
			  NULL);
		html_elem(b, "td", section);
		html_elem(b, "td", line);
		html_elem(b, "td", HTTP_T(req, what[x->what][0], what[x->what][1]));
		html_elem(b, "td", rv_change_value(req, c, x, 0));
		html_elem(b, "td", rv_change_value(req, c, x, 1));
		html_close(b, "tr");
	}
	rv_table_end(b);
	html_close(b, "section");
}

/* Every move with its time, who made it and its note, oldest first. */
static void
rv_history(struct http_request *req, struct buf *b, const struct rv_ctx *c)
{
	html_open(b, "section", "class", "history", "aria-labelledby", "rv-history", NULL);
	html_open(b, "h2", "id", "rv-history", NULL);
	html_text(b, HTTP_T(req, "Lịch sử xử lý và ghi chú", "History and notes"));
	html_close(b, "h2");
	if (c->nev == 0) {
		html_elem(
		    b, "p",
		    HTTP_T(req, "Chưa có bước xử lý nào được ghi lại.", "No step recorded yet."));
		html_close(b, "section");
		return;
	}
	static const char *const th[][2] = {{"Thời gian", "When"},
					    {"Người thực hiện", "By"},
					    {"Thao tác", "Action"},
					    {"Ghi chú", "Note"}};
	rv_table(req, b, "list history", th, 4);
	for (int i = 0; i < c->nev; i++) {
		const struct doc_event *e = &c->ev[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", web_datetime_unix(req, e->at));
		html_elem(b, "td",
			  strcmp(e->actor, "cli") == 0 ? HTTP_T(req, "hệ thống", "system")
						       : e->actor);
		html_elem(b, "td", HTTP_T(req, rv_moves[e->action][0], rv_moves[e->action][1]));
		html_elem(b, "td", e->note[0] ? e->note : "—");
		html_close(b, "tr");
	}
	rv_table_end(b);
	html_close(b, "section");
}

int
web_letterhead(struct http_request *req, struct db *db, struct buf *b)
{
	char issuer[256];
	if (rvw_issuer(db, issuer, sizeof(issuer)) != ST_OK)
		return -1;
	html_open(b, "div", "class", "print-only letterhead", NULL);
	html_open(b, "div", "class", "lh-org", NULL);
	if (issuer[0] != '\0') {
		html_open(b, "p", "class", "lh-issuer", NULL);
		html_text(b, issuer);
		html_close(b, "p");
	}
	html_open(b, "p", "class", "lh-dept", NULL);
	html_text(b, HTTP_T(req, "Sở Công Thương", "Department of Industry and Trade"));
	html_close(b, "p");
	html_close(b, "div");
	html_open(b, "div", "class", "lh-nation", NULL);
	html_elem(
	    b, "p",
	    HTTP_T(req, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"));
	html_elem(b, "p",
		  HTTP_T(req, "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"));
	html_close(b, "div");
	html_close(b, "div");
	return 0;
}

/* The facility and document fields at the top: what identifies the document on paper. */
static void
rv_head(struct http_request *req, struct buf *b, const struct rv_obj *o,
	const struct facility_profile *fac, const struct rv_ctx *c)
{
	web_scroll_open(b, HTTP_T(req, "Bảng số liệu", "Figures"));
	html_open(b, "table", "class", "list doc-head", NULL);
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", NULL);
	html_text(b, HTTP_T(req, "Cơ sở", "Facility"));
	html_close(b, "th");
	html_open(b, "td", NULL);
	html_open(b, "a", "href",
		  web_url(req, arena_printf(&req->arena, "/facilities/%lld", (long long)fac->id),
			  NULL, 0),
		  NULL);
	html_text(b, fac->name);
	html_close(b, "a");
	html_close(b, "td");
	html_close(b, "tr");
	rv_row(b, HTTP_T(req, "Mã cơ sở", "Facility code"), fac->code);
	rv_row(b, HTTP_T(req, "Mã số thuế", "Tax code"), fac->tax_code[0] ? fac->tax_code : "—");
	rv_row(b, HTTP_T(req, "Địa chỉ", "Address"), fac->address[0] ? fac->address : "—");
	rv_row(b, HTTP_T(req, "Năm", "Year"), arena_printf(&req->arena, "%d", o->h->year));
	rv_row(b, HTTP_T(req, "Nộp lúc", "Submitted"), rv_submitted(req, o, c));
	html_close(b, "table");
	html_close(b, "div");
	html_open(b, "p", "class", "state", NULL);
	html_text(b, HTTP_T(req, "Trạng thái: ", "Status: "));
	html_open(b, "strong", "class", names_state[o->h->state].code, NULL);
	html_text(b, wfp_state_label(req, o->h->state));
	html_close(b, "strong");
	html_close(b, "p");
	html_open(b, "p", "class", "print-only print-date", NULL);
	html_textf(b, "%s %s", HTTP_T(req, "In ngày", "Printed on"),
		   web_date_unix(req, (int64_t)time(NULL)));
	html_close(b, "p");
}

/* The signature block of the printed document, with the acceptance when there is one. */
static void
rv_signatures(struct http_request *req, struct buf *b, const struct rv_obj *o,
	      const struct rv_ctx *c)
{
	html_open(b, "div", "class", "print-only signatures", NULL);
	static const char *const who[][4] = {
	    {"Người lập biểu", "(Ký, ghi rõ họ tên)", "Prepared by", "(signature and full name)"},
	    {"Thủ trưởng đơn vị", "(Ký tên, đóng dấu)", "Head of the facility",
	     "(signature and seal)"}};
	for (int i = 0; i < 2; i++) {
		html_open(b, "div", "class", "sig", NULL);
		html_open(b, "p", "class", "sig-role", NULL);
		html_text(b, HTTP_T(req, who[i][0], who[i][2]));
		html_close(b, "p");
		html_elem(b, "p", HTTP_T(req, who[i][1], who[i][3]));
		html_close(b, "div");
	}
	html_close(b, "div");
	if (o->h->state != WF_ACCEPTED)
		return;
	for (int i = c->nev - 1; i >= 0; i--) {
		if (c->ev[i].action != WF_ACCEPT)
			continue;
		html_open(b, "p", "class", "accepted-by", NULL);
		html_textf(b, HTTP_T(req, "Đã chấp nhận: %s, %s", "Accepted by %s, %s"),
			   c->ev[i].actor, web_datetime_unix(req, c->ev[i].at));
		html_close(b, "p");
		break;
	}
}

/* The action forms the caller may use from o's state. */
static void
rv_actions_forms(struct http_request *req, struct buf *b, const struct rv_obj *o,
		 const struct wf_errors *errs)
{
	const char *action_url =
	    web_url(req,
		    arena_printf(&req->arena, "%s/action",
				 arena_printf(&req->arena, rv_paths[o->kind], (long long)o->h->id)),
		    NULL, 0);
	const char *typed = req->method == HTTP_POST ? http_form(req, "note") : NULL;
	for (size_t i = 0; i < sizeof(rv_actions) / sizeof(rv_actions[0]); i++) {
		enum wf_state to;
		int note_required = 0;
		if (doc_check(o->k, rv_actions[i].action, o->h->state, req->who, &to,
			      &note_required) != ST_OK)
			continue;
		const char *name = wf_action_names[rv_actions[i].action];
		html_open(b, "form", "class", "stack action", "method", "post", "action",
			  action_url, NULL);
		web_csrf_field(req, b, NULL);
		html_open(b, "input", "type", "hidden", "name", "version", "value",
			  arena_printf(&req->arena, "%lld", (long long)o->h->version), NULL);
		html_open(b, "input", "type", "hidden", "name", "action", "value", name, NULL);
		if (rv_actions[i].action !=
		    WF_SUBMIT) { /* a return needs a note; others may have one */
			html_open(b, "label", NULL);
			html_text(b, note_required
					 ? HTTP_T(req, "Ghi chú (bắt buộc)", "Note (required)")
					 : HTTP_T(req, "Ghi chú", "Note"));
			html_open(b, "textarea", "name", "note", "rows", "3", NULL);
			const char *was = http_form(req, "action");
			if (typed != NULL && was != NULL && strcmp(was, name) == 0)
				html_text(b, typed);
			html_close(b, "textarea");
			const char *was_action = http_form(req, "action");
			if (was_action != NULL && strcmp(was_action, name) == 0)
				wfp_field_error(req, b, errs, "note");
			html_close(b, "label");
		}
		html_open(b, "button", "type", "submit", "name", "op", "value", name, NULL);
		html_text(b, HTTP_T(req, rv_actions[i].vi, rv_actions[i].en));
		html_close(b, "button");
		html_close(b, "form");
	}
}

static int
rv_render(struct http_request *req, struct http_response *resp, struct db *db,
	  const struct rv_obj *o, const struct wf_errors *errs, const char *problem)
{
	struct facility_profile fac;
	if (facility_profile_get(db, req->who, o->h->facility_id, &fac) != ST_OK)
		return -1;
	struct rv_ctx c;
	if (rv_ctx_load(req, db, o, &c) < 0)
		return -1;
	const char *title =
	    arena_printf(&req->arena, "%s %d — %s",
			 o->kind == WF_KIND_REPORT ? HTTP_T(req, "Báo cáo năm", "Annual report")
						   : HTTP_T(req, "Đăng ký năm", "Registration for"),
			 o->h->year, fac.name);
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	int rc = web_letterhead(req, db, &b);
	html_open(&b, "div", "class", "doc-view", NULL);
	html_elem(&b, "h1", title);
	rv_head(req, &b, o, &fac, &c);
	/* Only a returned document has a note to act on; the history keeps every note. */
	if (o->h->state == WF_RETURNED && o->h->review_note[0] != '\0') {
		html_open(&b, "blockquote", "class", "review-note", NULL);
		html_text(&b, HTTP_T(req, "Lý do trả lại: ", "Returned because: "));
		html_text(&b, o->h->review_note);
		html_close(&b, "blockquote");
	}
	const char *done = http_param(req, "done");
	if (done != NULL && req->method == HTTP_GET)
		wfp_message(&b, 0, HTTP_T(req, "Đã cập nhật trạng thái.", "Status updated."));
	wfp_message(&b, 1, problem);
	if (rc == 0 && o->kind == WF_KIND_REPORT)
		rc = rv_report_body(req, db, &b, o->doc, &c);
	else if (rc == 0)
		rv_registration_body(req, &b, o->doc);
	/* The enterprise's explanations of warnings and the attachments go here. */
	rv_changes(req, &b, &c);
	rv_history(req, &b, &c);
	rv_signatures(req, &b, o, &c);
	html_close(&b, "div");
	html_open(&b, "div", "class", "no-print", NULL);
	enum wf_state to;
	int nr;
	if (doc_check(o->k, WF_EDIT, o->h->state, req->who, &to, &nr) == ST_OK) {
		html_open(&b, "p", NULL);
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena,
					       o->kind == WF_KIND_REPORT
						   ? "/facilities/%lld/report/%d"
						   : "/facilities/%lld/registration/%d",
					       (long long)o->h->facility_id, o->h->year),
				  NULL, 0),
			  NULL);
		html_text(&b, HTTP_T(req, "Sửa", "Edit"));
		html_close(&b, "a");
		html_close(&b, "p");
	}
	const char *typed = req->method == HTTP_POST ? http_form(req, "note") : NULL;
	if (problem != NULL && typed != NULL && typed[0] != '\0') {
		/* The note survives a conflict even when its form is gone with the state. */
		html_open(&b, "label", "class", "kept", NULL);
		html_text(&b, HTTP_T(req, "Ghi chú bạn đã nhập", "The note you typed"));
		html_open(&b, "textarea", "readonly", "readonly", "rows", "3", NULL);
		html_text(&b, typed);
		html_close(&b, "textarea");
		html_close(&b, "label");
	}
	web_attachments_section(req, &b, o->kind, o->h->id,
				doc_check(o->k, WF_EDIT, o->h->state, req->who, &to, &nr) == ST_OK);
	rv_actions_forms(req, &b, o, errs);
	html_close(&b, "div");
	if (rc == 0)
		rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

static int
rv_view(struct http_request *req, struct http_response *resp, enum wf_kind kind)
{
	int64_t id;
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct rv_obj o;
	int rc = rv_load(db, req->who, kind, id, &o);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	rc = rv_render(req, resp, db, &o, &errs, NULL);
	doc_free(o.k, o.doc);
	return rc;
}

static int
rv_action(struct http_request *req, struct http_response *resp, enum wf_kind kind)
{
	int64_t id, version = 0;
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	const char *name = http_form(req, "action");
	const char *ver = http_form(req, "version");
	int action = -1;
	for (int i = 0; name != NULL && i < WF_ACTION__MAX; i++)
		if (i != WF_EDIT && strcmp(name, wf_action_names[i]) == 0)
			action = i;
	if (action < 0 || ver == NULL || parse_int64(ver, &version) < 0) {
		web_error(req, resp, 400, "Thiếu thao tác hoặc phiên bản.",
			  "The action or the version is missing.");
		return 0;
	}
	struct wf_errors errs;
	wf_errors_clear(&errs);
	const char *note = http_form(req, "note");
	int rc = doc_transition(db, doc_kinds[kind], req->who, id, (enum wf_action)action, version,
				note, &errs);
	if (rc == ST_OK) {
		struct http_param done = {"done", name};
		wfp_redirect(resp,
			     web_url(req, arena_printf(&req->arena, rv_paths[kind], (long long)id),
				     &done, 1));
		return 0;
	}
	if (rc != ST_INVALID && rc != ST_CONFLICT && rc != ST_STATE && rc != ST_FORBIDDEN)
		return wfp_fail(req, resp, rc);
	struct rv_obj o;
	int lrc = rv_load(db, req->who, kind, id, &o);
	if (lrc != ST_OK)
		return wfp_fail(req, resp, lrc);
	static const struct {
		int rc, status;
	} st[] = {{ST_INVALID, 400}, {ST_CONFLICT, 409}, {ST_STATE, 409}, {ST_FORBIDDEN, 403}};
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (st[i].rc == rc)
			resp->status = st[i].status;
	int ret = rv_render(req, resp, db, &o, &errs,
			    rc == ST_INVALID ? NULL : wfp_text_id(req, msg_status(rc)));
	doc_free(o.k, o.doc);
	return ret;
}

int
web_report_view(struct http_request *req, struct http_response *resp)
{
	return rv_view(req, resp, WF_KIND_REPORT);
}

int
web_registration_view(struct http_request *req, struct http_response *resp)
{
	return rv_view(req, resp, WF_KIND_REGISTRATION);
}

int
web_report_action(struct http_request *req, struct http_response *resp)
{
	return rv_action(req, resp, WF_KIND_REPORT);
}

int
web_registration_action(struct http_request *req, struct http_response *resp)
{
	return rv_action(req, resp, WF_KIND_REGISTRATION);
}

/* ---- the queue ---- */

/*
 * A select of name: first the option "" labelled any, then values with
 * their labels; the query's value is selected.
 */
static void
rv_select(struct http_request *req, struct buf *b, const char *label, const char *name,
	  const char *any, const char *const *values, const char *const *labels, int n)
{
	const char *cur = http_param(req, name);
	html_open(b, "label", NULL);
	html_text(b, label);
	html_open(b, "select", "name", name, NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, any);
	html_close(b, "option");
	for (int i = 0; i < n; i++) {
		if (cur != NULL && strcmp(cur, values[i]) == 0)
			html_open(b, "option", "value", values[i], "selected", "selected", NULL);
		else
			html_open(b, "option", "value", values[i], NULL);
		html_text(b, labels[i]);
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
}

/* The longest facility search text, in bytes. */
#define RV_FACILITY_Q_MAX 100

/*
 * Reads the filters from the query: NULL, or the message (in the page's
 * language) naming the first malformed one.
 */
static const char *
rv_filter(struct http_request *req, struct db *db, struct wf_queue_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = -1;
	f->state = -1;
	f->limit = RV_PAGE;
	const char *v = http_param(req, "kind");
	if (v != NULL && v[0] != '\0') {
		f->kind = -2;
		for (int k = 0; k < WF_QUEUE_KINDS; k++)
			if (strcmp(v, wf_kind_names[k]) == 0)
				f->kind = k;
		if (f->kind == -2)
			return HTTP_T(req, "Loại hồ sơ không hợp lệ.", "Unknown kind.");
	}
	v = http_param(req, "status");
	if (v != NULL && strcmp(v, "all") == 0) {
		f->state = WF_QUEUE_ALL;
	} else if (v != NULL && v[0] != '\0') {
		f->state = -2;
		for (int s = 0; s < WF_REVIEW_STATES; s++)
			if (strcmp(v, names_state[s].code) == 0)
				f->state = s;
		if (f->state == -2)
			return HTTP_T(req, "Trạng thái không hợp lệ.", "Unknown status.");
	}
	int64_t n;
	v = http_param(req, "year");
	if (v != NULL && v[0] != '\0') {
		if (parse_int64(v, &n) < 0 || n < 1990 || n > 2100)
			return HTTP_T(req, "Năm phải là một năm từ 1990 đến 2100, ví dụ 2025.",
				      "The year must be a year from 1990 to 2100, such as 2025.");
		f->year = (int)n;
	}
	v = http_param(req, "page");
	if (v != NULL && v[0] != '\0') {
		if (parse_int64(v, &n) < 0 || n < 1 || n > 100000)
			return HTTP_T(req, "Số trang không hợp lệ.", "Invalid page number.");
		f->offset = (int)(n - 1) * RV_PAGE;
	}
	v = http_param(req, "unit");
	if (v != NULL && v[0] != '\0') {
		f->unit_id = refdata_admin_unit_id(db, v);
		if (f->unit_id == 0)
			return HTTP_T(req, "Không có đơn vị hành chính này.",
				      "No such administrative unit.");
	}
	v = http_param(req, "sector");
	if (v != NULL && v[0] != '\0') {
		if (strspn(v, "0123456789") != strlen(v) || strlen(v) > 8)
			return HTTP_T(req, "Ngành không hợp lệ.", "Unknown sector.");
		f->sector = v;
	}
	v = http_param(req, "facility");
	if (v != NULL && v[0] != '\0') {
		if (strlen(v) > RV_FACILITY_Q_MAX)
			return HTTP_T(req,
				      "Tên, mã cơ sở hoặc mã số thuế cần tìm dài quá 100 ký tự.",
				      "The facility searched for is longer than 100 characters.");
		f->facility = v;
	}
	return NULL;
}

/* The filters' form: kind, status, year, unit and sector by name, facility by name or code. */
static int
rv_filters_form(struct http_request *req, struct db *db, struct buf *b,
		const struct rvw_sector *sectors, int ns)
{
	int en = rv_en(req);
	struct rvw_unit *units;
	int nu;
	if (rvw_units(db, req->who, &req->arena, &units, &nu) != ST_OK)
		return -1;
	html_open(b, "form", "class", "filters", "method", "get", "action", "/review", NULL);
	if (req->lang == LANG_EN)
		html_open(b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	const char *kl[WF_QUEUE_KINDS] = {HTTP_T(req, "Báo cáo năm", "Annual report"),
					  HTTP_T(req, "Đăng ký", "Registration")};
	rv_select(req, b, HTTP_T(req, "Loại hồ sơ", "Kind"), "kind",
		  HTTP_T(req, "Tất cả loại", "Every kind"), wf_kind_names, kl, WF_QUEUE_KINDS);
	const char *sc[WF_REVIEW_STATES + 1], *sl[WF_REVIEW_STATES + 1];
	sc[0] = "all";
	sl[0] = HTTP_T(req, "Tất cả trạng thái", "Every status");
	for (int s = 0; s < WF_REVIEW_STATES; s++) {
		sc[s + 1] = names_state[s].code;
		sl[s + 1] = wfp_state_label(req, (enum wf_state)s);
	}
	rv_select(req, b, HTTP_T(req, "Trạng thái", "Status"), "status",
		  HTTP_T(req, "Chờ tôi xử lý", "Waiting for me"), sc, sl, WF_REVIEW_STATES + 1);
	const char *v = http_param(req, "year");
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Năm", "Year"));
	html_open(b, "input", "type", "text", "name", "year", "inputmode", "numeric", "size", "6",
		  "value", v ? v : "", NULL);
	html_close(b, "label");
	const char **uc = arena_alloc(&req->arena, (size_t)(nu + 1) * sizeof(*uc));
	const char **ul = arena_alloc(&req->arena, (size_t)(nu + 1) * sizeof(*ul));
	for (int i = 0; i < nu; i++) {
		uc[i] = units[i].code;
		ul[i] = units[i].valid_to[0]
			    ? arena_printf(&req->arena, "%s (%s %s)", units[i].name,
					   HTTP_T(req, "đến", "until"),
					   rv_iso_date(req, units[i].valid_to))
			    : units[i].name;
	}
	rv_select(req, b, HTTP_T(req, "Đơn vị hành chính", "Administrative unit"), "unit",
		  HTTP_T(req, "Tất cả đơn vị", "Every unit"), uc, ul, nu);
	const char **xc = arena_alloc(&req->arena, (size_t)(ns + 1) * sizeof(*xc));
	const char **xl = arena_alloc(&req->arena, (size_t)(ns + 1) * sizeof(*xl));
	int nx = 0;
	for (int i = 0; i < ns; i++)
		if (sectors[i].level == 2) { /* divisions: the facility's class is under one */
			xc[nx] = sectors[i].code;
			xl[nx++] = en ? sectors[i].en : sectors[i].vi;
		}
	rv_select(req, b, HTTP_T(req, "Ngành", "Sector"), "sector",
		  HTTP_T(req, "Tất cả ngành", "Every sector"), xc, xl, nx);
	v = http_param(req, "facility");
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Cơ sở (tên, mã cơ sở hoặc mã số thuế)",
			    "Facility (name, code or tax code)"));
	html_open(b, "input", "type", "search", "name", "facility", "maxlength", "100", "value",
		  v ? v : "", NULL);
	html_close(b, "label");
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Lọc", "Filter"));
	html_close(b, "button");
	html_close(b, "form");
	return 0;
}

/* Previous / "Trang p/n" / next when the list has more than one page, keeping the filters. */
static void
rv_pager(struct http_request *req, struct buf *b, const struct wf_queue_filter *f, long total)
{
	long pages = (total + RV_PAGE - 1) / RV_PAGE, page = f->offset / RV_PAGE + 1;
	if (pages <= 1)
		return;
	struct http_param p[HTTP_PARAMS_MAX];
	int n = 0;
	for (int i = 0; i < req->nparams && n < HTTP_PARAMS_MAX - 1; i++)
		if (strcmp(req->params[i].name, "page") != 0)
			p[n++] = req->params[i];
	html_open(b, "nav", "class", "pager", "aria-label", HTTP_T(req, "Phân trang", "Pages"),
		  NULL);
	if (page > 1) {
		p[n] = (struct http_param){"page", arena_printf(&req->arena, "%ld", page - 1)};
		html_open(b, "a", "rel", "prev", "href", web_url(req, "/review", p, n + 1), NULL);
		html_text(b, HTTP_T(req, "« Trang trước", "« Previous"));
		html_close(b, "a");
	}
	html_open(b, "span", "class", "page", NULL);
	html_textf(b, "%s %s/%s", HTTP_T(req, "Trang", "Page"), web_int(req, page),
		   web_int(req, pages));
	html_close(b, "span");
	if (page < pages) {
		p[n] = (struct http_param){"page", arena_printf(&req->arena, "%ld", page + 1)};
		html_open(b, "a", "rel", "next", "href", web_url(req, "/review", p, n + 1), NULL);
		html_text(b, HTTP_T(req, "Trang sau »", "Next »"));
		html_close(b, "a");
	}
	html_close(b, "nav");
}

int
web_review(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct wf_queue_filter f;
	const char *bad = rv_filter(req, db, &f);
	struct wf_queue q;
	memset(&q, 0, sizeof(q));
	if (bad == NULL && wf_queue_list(db, req->who, &f, &req->arena, &q) != ST_OK)
		return -1;
	const char *title = HTTP_T(req, "Hàng chờ xem xét", "Review queue");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	web_workbook_upload_link(req, &b);

	/* Counts per status, each a link keeping the other filters. */
	html_open(&b, "ul", "class", "counts", NULL);
	for (int s = 0; bad == NULL && s < WF_REVIEW_STATES; s++) {
		struct http_param p[HTTP_PARAMS_MAX];
		int n = 0;
		for (int i = 0; i < req->nparams && n < HTTP_PARAMS_MAX - 1; i++)
			if (strcmp(req->params[i].name, "status") != 0 &&
			    strcmp(req->params[i].name, "page") != 0)
				p[n++] = req->params[i];
		p[n++] = (struct http_param){"status", names_state[s].code};
		html_open(&b, "li", "data-status", names_state[s].code, NULL);
		html_open(&b, "a", "href", web_url(req, "/review", p, n), NULL);
		html_text(&b, wfp_state_label(req, (enum wf_state)s));
		html_close(&b, "a");
		html_text(&b, ": ");
		html_open(&b, "strong", "class", "count", NULL);
		html_text(&b, web_int(req, q.counts[s]));
		html_close(&b, "strong");
		html_close(&b, "li");
	}
	html_close(&b, "ul");

	struct rvw_sector *sectors;
	int ns = 0;
	int rc = rvw_sectors(db, &req->arena, &sectors, &ns) == ST_OK ? 0 : -1;
	if (rc == 0)
		rc = rv_filters_form(req, db, &b, sectors, ns);
	if (bad != NULL) { /* the form keeps what was typed; the message says what is wrong */
		resp->status = 400;
		wfp_message(&b, 1, bad);
		if (rc == 0)
			rc = wfp_page(req, resp, title, &b);
		buf_free(&b);
		return rc;
	}

	html_open(&b, "p", "class", "total", NULL);
	html_textf(&b, "%s: %s",
		   f.state < 0 ? HTTP_T(req, "Số hồ sơ chờ bạn xử lý", "Items waiting for you")
			       : HTTP_T(req, "Số hồ sơ", "Items"),
		   web_int(req, q.total));
	html_close(&b, "p");
	static const char *const th[][2] = {
	    {"Loại hồ sơ", "Kind"},  {"Cơ sở", "Facility"}, {"Đơn vị hành chính", "Unit"},
	    {"Ngành", "Sector"},     {"Năm", "Year"},	    {"Trạng thái", "Status"},
	    {"Nộp lúc", "Submitted"}};
	rv_table(req, &b, "list queue", th, 7);
	const char *kl[WF_QUEUE_KINDS] = {HTTP_T(req, "Báo cáo năm", "Annual report"),
					  HTTP_T(req, "Đăng ký", "Registration")};
	for (int i = 0; i < q.n; i++) {
		const struct wf_queue_item *it = &q.items[i];
		html_open(&b, "tr", NULL);
		html_open(&b, "td", NULL);
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, rv_paths[it->kind], (long long)it->id),
				  NULL, 0),
			  NULL);
		html_text(&b, kl[it->kind]);
		html_close(&b, "a");
		html_close(&b, "td");
		html_elem(
		    &b, "td",
		    arena_printf(&req->arena, "%s · %s", it->facility_code, it->facility_name));
		html_elem(&b, "td", it->unit_name);
		const char *sector = it->sector_code;
		for (int k = 0; k < ns; k++)
			if (strcmp(sectors[k].code, it->sector_code) == 0)
				sector = rv_en(req) ? sectors[k].en : sectors[k].vi;
		html_elem(&b, "td", sector);
		html_elem(&b, "td", arena_printf(&req->arena, "%d", it->year));
		html_elem(&b, "td", wfp_state_label(req, it->state));
		html_elem(&b, "td",
			  it->submitted_at > 0	? web_datetime_unix(req, it->submitted_at)
			  : it->submitted_on[0] ? rv_iso_date(req, it->submitted_on)
						: "—");
		html_close(&b, "tr");
	}
	rv_table_end(&b);
	rv_pager(req, &b, &f, q.total);
	if (rc == 0)
		rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}
