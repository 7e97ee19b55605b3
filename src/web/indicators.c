/*
 * GET /indicators?year=Y&by=unit|sector|class|ownership|size: the plan's
 * indicators for one year, for the province and for each group of a
 * breakdown with active facilities that year, each with both shares (of
 * all active, compared with the target, and of known answers), the
 * coverage and the plan's target of that year, or a note that the plan
 * sets none for it (kpi_target_at); every group links to the facility
 * directory filtered to it.  Year defaults to the latest year with reports,
 * by to unit.  With format=xlsx the same view (that year, that breakdown)
 * is a workbook download (render/sheets.h), as `sxsh kpi --format xlsx`.
 *
 * The indicators of every year and every breakdown come from the model's
 * cache (model/analytics/kpi_cache.h, in struct web_app), computed once
 * per data generation and shared with the dashboard and the API, so a
 * request only formats a table.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/analytics/kpi.h"
#include "model/analytics/kpi_cache.h"
#include "model/registry/refdata.h"
#include "model/store.h"
#include "render/html.h"
#include "render/sheets.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/web_int.h"

/* The breakdowns offered, with their labels and the directory parameter of a group. */
static const struct ind_by {
	enum kpi_by by;
	const char *vi, *en;
	const char *param; /* /facilities?param=code */
} ind_bys[] = {
    {KPI_BY_UNIT, "Đơn vị hành chính", "Administrative unit", "unit"},
    {KPI_BY_SECTOR, "Ngành (cấp 2)", "Sector (VSIC division)", "sector"},
    {KPI_BY_CLASS, "Ngành (cấp 4)", "Sector (VSIC class)", "sector"},
    {KPI_BY_OWNERSHIP, "Loại hình sở hữu", "Ownership", "ownership"},
    {KPI_BY_SIZE, "Quy mô", "Size", "size"},
};
#define NBYS (sizeof(ind_bys) / sizeof(ind_bys[0]))

static void
ind_th(struct buf *b, const char *scope, const char *text)
{
	html_open(b, "th", "scope", scope, NULL);
	html_text(b, text);
	html_close(b, "th");
}

/* The view a workbook download shows (ind_fill). */
struct ind_view {
	const struct kpi_result *r;
	enum kpi_by by;
	int year;
	int en; /* the page is English */
};

static int
ind_fill(struct xlsx *x, const void *ctx)
{
	const struct ind_view *v = ctx;
	return sheets_kpi_lang(x, v->r, KPI_BY_BIT(v->by), v->year, v->year,
			       v->en ? SHEETS_EN : SHEETS_VI);
}

/* The link to the workbook of the view shown. */
static void
ind_xlsx_link(struct http_request *req, struct buf *b, int year, const struct ind_by *by)
{
	struct http_param p[3] = {{"year", arena_printf(&req->arena, "%d", year)},
				  {"by", kpi_by_name(by->by)},
				  {"format", "xlsx"}};
	html_open(b, "p", NULL);
	html_open(b, "a", "href", web_url(req, "/indicators", p, 3), "download", "", NULL);
	html_text(b, HTTP_T(req, "Tải Excel", "Download Excel"));
	html_close(b, "a");
	html_close(b, "p");
}

/* The year and breakdown selectors (a plain GET form). */
static void
ind_form(struct http_request *req, struct buf *b, const struct kpi_result *r, int year,
	 const struct ind_by *by)
{
	html_open(b, "form", "class", "filters", "method", "get", "action", "/indicators", NULL);
	if (req->lang == LANG_EN)
		html_open(b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	web_year_select(req, b, r->first_year, r->last_year, year);
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Theo", "By"));
	html_open(b, "select", "name", "by", NULL);
	for (size_t i = 0; i < NBYS; i++) {
		const char *name = kpi_by_name(ind_bys[i].by);
		if (&ind_bys[i] == by)
			html_open(b, "option", "value", name, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", name, NULL);
		html_text(b, HTTP_T(req, ind_bys[i].vi, ind_bys[i].en));
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Xem", "Show"));
	html_close(b, "button");
	html_close(b, "form");
}

/* The three figures of indicator value v: share of all, share of known, coverage. */
static void
ind_cells(struct http_request *req, struct buf *b, const struct kpi_value *v)
{
	web_share_all_cell(req, b, v);
	web_share_cell(req, b, v);
	html_open(b, "td", "class", "num", NULL);
	html_text(b, web_pct(req, v->coverage * 100.0));
	html_close(b, "td");
}

/*
 * The table: the province first, then each group with active facilities in
 * year.  Each indicator has three columns: the share of all active (the one
 * compared with the target), the share of known answers and the coverage.
 */
static void
ind_table(struct http_request *req, struct buf *b, const struct kpi_result *r, int year,
	  const struct ind_by *by)
{
	const struct kpi_breakdown *bd = &r->by[by->by];
	int yi = year - r->first_year;
	web_scroll_open(b, HTTP_T(req, "Bảng chỉ tiêu", "Indicators table"));
	html_open(b, "table", "class", "list indicators", NULL);
	html_open(b, "caption", NULL);
	html_textf(b, HTTP_T(req, "Năm %d, theo %s.", "%d, by %s."), year,
		   HTTP_T(req, by->vi, by->en));
	html_close(b, "caption");
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "col", "rowspan", "2", NULL);
	html_text(b, HTTP_T(req, "Nhóm", "Group"));
	html_close(b, "th");
	html_open(b, "th", "scope", "col", "rowspan", "2", NULL);
	html_text(b, HTTP_T(req, "Đang hoạt động", "Active"));
	html_close(b, "th");
	for (int k = 0; k < KPI__MAX; k++) {
		html_open(b, "th", "scope", "colgroup", "colspan", "3", NULL);
		html_text(b, HTTP_T(req, r->series[k].short_vi, r->series[k].short_en));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_open(b, "tr", NULL);
	for (int k = 0; k < KPI__MAX; k++) {
		ind_th(b, "col", web_msg(req, MSG_KPI_COL_ALL));
		ind_th(b, "col", web_msg(req, MSG_KPI_COL_KNOWN));
		ind_th(b, "col", web_msg(req, MSG_KPI_COL_COVERAGE));
	}
	html_close(b, "tr");
	/* The targets of the year under their indicators, met or not by the province. */
	html_open(b, "tr", "class", "targets", NULL);
	ind_th(b, "row", web_msg(req, MSG_KPI_TARGET));
	html_elem(b, "td", "");
	for (int k = 0; k < KPI__MAX; k++) {
		const struct kpi_series *s = &r->series[k];
		const char *t = web_kpi_target(req, s, year, &s->values[yi]);
		html_open(b, "td", "class", "num", "colspan", "3", NULL);
		html_text(b, t != NULL ? t : web_msg(req, MSG_KPI_NO_TARGET_CELL));
		html_close(b, "td");
	}
	html_close(b, "tr");
	html_close(b, "thead");

	html_open(b, "tbody", NULL);
	html_open(b, "tr", "class", "total", NULL);
	ind_th(b, "row", HTTP_T(req, "Toàn tỉnh", "Province"));
	html_open(b, "td", "class", "num", NULL);
	html_text(b, web_int(req, r->series[0].values[yi].active));
	html_close(b, "td");
	for (int k = 0; k < KPI__MAX; k++)
		ind_cells(req, b, &r->series[k].values[yi]);
	html_close(b, "tr");
	for (int g = 0; g < bd->ngroups; g++) {
		const struct kpi_group *grp = &bd->groups[g];
		const struct kpi_value *v0 = kpi_group_value(bd, g, year, KPI_AWARE);
		if (v0 == NULL || v0->active == 0)
			continue;
		html_open(b, "tr", NULL);
		html_open(b, "th", "scope", "row", NULL);
		/* The directory filters units by district; other units get no link. */
		int link = by->by != KPI_BY_UNIT ||
			   (grp->level != NULL && strcmp(grp->level, "district") == 0);
		if (link) {
			struct http_param p = {by->param, grp->code};
			html_open(b, "a", "href", web_url(req, "/facilities", &p, 1), NULL);
		}
		html_text(b, HTTP_T(req, grp->name_vi, grp->name_en));
		if (link)
			html_close(b, "a");
		html_open(b, "small", NULL);
		html_textf(b, " %s", grp->code);
		html_close(b, "small");
		html_close(b, "th");
		html_open(b, "td", "class", "num", NULL);
		html_text(b, web_int(req, v0->active));
		html_close(b, "td");
		for (int k = 0; k < KPI__MAX; k++)
			ind_cells(req, b, kpi_group_value(bd, g, year, (enum kpi_indicator)k));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

/* What the figures mean, and a note when the plan sets no target for year. */
static void
ind_notes(struct http_request *req, struct buf *b, const struct kpi_result *r, int year)
{
	html_elem(b, "p", web_msg(req, MSG_KPI_COMPARED));
	if (isfinite(r->min_saving_pct)) {
		struct msg m;
		char out[512];
		msg_init(&m, MSG_KPI_SAVING_RULE, NULL);
		msg_real(&m, r->min_saving_pct, -1);
		html_elem(b, "p", msg_format(&m, req->lang, out, sizeof(out)));
	}
	if (kpi_targets_in(r, year) == 0)
		web_kpi_no_target(req, b, r->plan_code, year);
}

/*
 * Under the table: how many of the year's "applies CP" come from CP
 * assessments (kpi.h, evidence), and the plan's pilot models against its
 * target ("Mô hình thí điểm SXSH: đạt 1/1 (mục tiêu đến 2015)").
 */
static void
ind_assess(struct http_request *req, struct buf *b, const struct kpi_result *r, int year)
{
	const struct kpi_value *v = &r->series[KPI_APPLIES_CP].values[year - r->first_year];
	const struct kpi_value *vs = &r->series[KPI_APPLIES_CP_SAVING].values[year - r->first_year];
	html_open(b, "p", "class", "kpi-evidence", NULL);
	html_textf(b,
		   HTTP_T(req,
			  "Áp dụng SXSH năm %d: %s cơ sở, trong đó %s cơ sở có bằng chứng từ đánh "
			  "giá SXSH; áp dụng và tiết kiệm: %s, trong đó %s từ đánh giá SXSH.",
			  "Apply CP in %d: %s facilities, of which %s on the evidence of a CP "
			  "assessment; apply CP and save: %s, of which %s from CP assessments."),
		   year, web_int(req, v->yes), web_int(req, v->from_assessments),
		   web_int(req, vs->yes), web_int(req, vs->from_assessments));
	html_close(b, "p");

	const struct kpi_pilots *p = &r->pilots;
	if (!isfinite(p->target) && p->total == 0)
		return;
	html_open(b, "h2", "id", "pilots", NULL);
	html_text(b, HTTP_T(req, "Mô hình thí điểm SXSH", "CP pilot models"));
	html_close(b, "h2");
	if (isfinite(p->target)) {
		html_open(b, "p", NULL);
		html_textf(b,
			   HTTP_T(req, "Mô hình thí điểm SXSH: %s %s/%s (mục tiêu đến %d)",
				  "CP pilot models: %s %s/%s (target by %d)"),
			   p->met > 0 ? HTTP_T(req, "đạt", "met")
				      : HTTP_T(req, "chưa đạt", "not met"),
			   web_int(req, p->at_by), web_int(req, (long)p->target), p->by);
		html_close(b, "p");
	}
	web_scroll_open(b, HTTP_T(req, "Mô hình thí điểm SXSH", "CP pilot models"));
	html_open(b, "table", "class", "kpi-pilots", NULL);
	html_open(b, "caption", NULL);
	html_text(b, HTTP_T(req, "Mô hình thí điểm đã được nghiệm thu, cộng dồn",
			    "Pilot models accepted, cumulative"));
	html_close(b, "caption");
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	ind_th(b, "col", HTTP_T(req, "Mục tiêu", "Target"));
	ind_th(b, "col", HTTP_T(req, "Đến năm", "By"));
	ind_th(b, "col",
	       HTTP_T(req, "Nghiệm thu đến hết năm mục tiêu", "Accepted by the end of the target"));
	ind_th(b, "col",
	       arena_printf(&req->arena, HTTP_T(req, "Đến hết năm %d", "By the end of %d"), year));
	ind_th(b, "col", HTTP_T(req, "Tất cả", "All"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	html_open(b, "tr", NULL);
	html_open(b, "td", "class", "num", NULL);
	html_text(b, isfinite(p->target) ? web_int(req, (long)p->target) : "—");
	html_close(b, "td");
	html_open(b, "td", "class", "num", NULL);
	if (isfinite(p->target))
		html_textf(b, "%d", p->by);
	else
		html_text(b, "—");
	html_close(b, "td");
	html_open(b, "td", "class", "num", NULL);
	html_text(b, isfinite(p->target) ? web_int(req, p->at_by) : "—");
	html_close(b, "td");
	html_open(b, "td", "class", "num", NULL);
	html_text(b, p->cum != NULL ? web_int(req, p->cum[year - r->first_year]) : "—");
	html_close(b, "td");
	html_open(b, "td", "class", "num", NULL);
	html_text(b, web_int(req, p->total));
	html_close(b, "td");
	html_close(b, "tr");
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

int
web_indicators(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const struct ind_by *by = &ind_bys[0];
	const char *bys = http_param(req, "by");
	if (bys != NULL && bys[0] != '\0') {
		int b = kpi_by_parse(bys);
		by = NULL;
		for (size_t i = 0; b >= 0 && i < NBYS; i++)
			if ((int)ind_bys[i].by == b)
				by = &ind_bys[i];
		if (by == NULL) {
			web_error(
			    req, resp, 400,
			    "Tham số by phải là unit, sector, class, ownership hoặc size.",
			    "The by parameter must be unit, sector, class, ownership or size.");
			return 0;
		}
	}
	int xlsx = web_format_xlsx(req, resp);
	if (xlsx < 0)
		return 0;
	const char *ys = http_param(req, "year");
	int64_t year = 0;
	if (ys != NULL && ys[0] != '\0' && parse_int64(ys, &year) < 0) {
		web_error(req, resp, 400, "Tham số year phải là một năm.",
			  "The year parameter must be a year.");
		return 0;
	}

	struct kpi_hold h;
	if (kpi_cache_get(&req->app->kpi, db, &h) < 0)
		return -1;
	const struct kpi_result *r = h.r;
	if (r != NULL && year == 0)
		year = r->last_year;
	if (r != NULL && (year < r->first_year || year > r->last_year)) {
		kpi_cache_release(&req->app->kpi, &h);
		const char *vi =
		    arena_printf(&req->arena, "Không có số liệu cho năm %s (có từ %d đến %d).", ys,
				 r->first_year, r->last_year);
		const char *en = arena_printf(&req->arena, "No data for %s (data from %d to %d).",
					      ys, r->first_year, r->last_year);
		web_error(req, resp, 404, vi, en);
		return 0;
	}
	if (xlsx) {
		int rc = 0;
		if (r == NULL)
			web_error(req, resp, 404, "Chưa có báo cáo nào.", "No reports yet.");
		else
			rc = web_sheets_send(
			    req, resp, ind_fill,
			    &(struct ind_view){r, by->by, (int)year, req->lang == LANG_EN},
			    arena_printf(&req->arena, "indicators-%d-%s.xlsx", (int)year,
					 kpi_by_name(by->by)));
		kpi_cache_release(&req->app->kpi, &h);
		return rc;
	}

	struct buf b;
	buf_init(&b, HTTP_BODY_MAX / 2);
	char plan[REFDATA_PLAN_CODE_MAX];
	refdata_default_plan(db, plan, sizeof(plan));
	const char *title = arena_printf(
	    &req->arena,
	    HTTP_T(req, "Chỉ tiêu của kế hoạch %s theo nhóm", "Plan %s indicators by group"), plan);
	html_elem(&b, "h1", title);
	html_elem(
	    &b, "p",
	    HTTP_T(req,
		   "Mỗi chỉ tiêu có hai tỷ lệ: trên tổng số cơ sở đang hoạt động và trong số cơ "
		   "sở đã biết câu trả lời; độ phủ là số cơ sở đã biết trên số đang hoạt động. "
		   "Cơ sở được tính theo đơn vị hành chính của ngày 31/12 năm đó.",
		   "Each indicator has two shares: of all active facilities and of those whose "
		   "answer is known; coverage is known over active. Facilities count under "
		   "their administrative unit of 31 December of the year."));
	if (r == NULL) {
		html_open(&b, "p", "class", "empty", NULL);
		html_text(&b, HTTP_T(req, "Chưa có báo cáo nào.", "No reports yet."));
		html_close(&b, "p");
	} else {
		ind_form(req, &b, r, (int)year, by);
		ind_xlsx_link(req, &b, (int)year, by);
		ind_notes(req, &b, r, (int)year);
		ind_table(req, &b, r, (int)year, by);
		ind_assess(req, &b, r, (int)year);
	}
	kpi_cache_release(&req->app->kpi, &h);
	int rc = -1;
	if (b.overflow)
		log_err("indicators: page over %u bytes", HTTP_BODY_MAX / 2);
	else
		rc = web_layout(req, &resp->body, title, buf_str(&b));
	buf_free(&b);
	return rc;
}
