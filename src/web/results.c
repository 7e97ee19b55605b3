/*
 * Implementation results of CP assessments on the web: expected versus
 * measured savings (model/assess/measured.h) and the publishing of a
 * pilot's case study (model/assess/casestudy.h).
 *
 * GET /assessments/{id}/results (whoever sees the assessment: assess_open,
 * a foreign id is 404): the assessment's options with their expected
 * figures, then the facility's implemented options, expected total and
 * measured saving per year (web_measured_block, which other pages may
 * call), and for province staff the case study's publish form.
 *
 * POST /assessments/{id}/publish, op=publish|unpublish (province staff,
 * an accepted or sustaining pilot; CSRF checked by the router): 303 back
 * to /assessments/{id}; another op is 400, another state 409.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/assess/assessment.h"
#include "model/assess/casestudy.h"
#include "model/assess/measured.h"
#include "model/names.h"
#include "model/status.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/web_int.h"
#include "web/wfpage.h"

/* A number cell: v as q, or "—" when it is not known. */
static void
num_cell(struct http_request *req, struct buf *b, double v, enum fmt_qty q)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, isfinite(v) ? web_qty(req, v, q) : "—");
	html_close(b, "td");
}

/* A whole amount of VND ("180.000.000"), or "—". */
static void
vnd_cell(struct http_request *req, struct buf *b, double v)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, isfinite(v) ? web_int(req, (long)llround(v)) : "—");
	html_close(b, "td");
}

static void
th(struct buf *b, const char *scope, const char *text)
{
	html_open(b, "th", "scope", scope, NULL);
	html_text(b, text);
	html_close(b, "th");
}

/* An ISO date as dd/mm/yyyy; "—" when empty. */
static const char *
date_text(struct http_request *req, const char *iso)
{
	char out[16];
	if (iso == NULL || iso[0] == '\0')
		return "—";
	return arena_strdup(&req->arena, fmt_date(out, sizeof(out), iso));
}

static const char *
name_of(struct http_request *req, const struct name *t, int n, int i)
{
	return i >= 0 && i < n ? names_label(&t[i], req->lang == LANG_EN) : "—";
}

/* The years compared with the baseline, or why there is no measured saving. */
static void
measured_years(struct http_request *req, struct buf *b, const struct measured_facility *m)
{
	if (m->base_year > 0) {
		html_open(b, "p", NULL);
		html_textf(b,
			   HTTP_T(req,
				  "Đường cơ sở: báo cáo năm %d, sản phẩm chính %s; năm thực hiện "
				  "giải pháp đầu tiên: %d.",
				  "Baseline: the %d report, main product %s; first implementation "
				  "in %d."),
			   m->base_year, HTTP_T(req, m->product_vi, m->product_en), m->impl_year);
		html_close(b, "p");
	}
	if (m->nyears == 0) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, HTTP_T(req, "Chưa tính được tiết kiệm đo được: ",
				    "The measured saving is not computable: "));
		html_text(b, web_msg(req, measured_why_msg(m->why)));
		html_text(b, ".");
		html_close(b, "p");
		return;
	}
	const char *unit = m->product_unit != NULL ? m->product_unit : "";
	web_scroll_open(b, HTTP_T(req, "Tiết kiệm đo được theo năm", "Measured saving by year"));
	html_open(b, "table", "class", "measured-years", NULL);
	html_open(b, "caption", NULL);
	html_text(b, HTTP_T(req, "Tiết kiệm đo được so với đường cơ sở",
			    "Measured saving against the baseline"));
	html_close(b, "caption");
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th(b, "col", HTTP_T(req, "Năm", "Year"));
	th(b, "col",
	   arena_printf(&req->arena, "%s (%s)", HTTP_T(req, "Sản lượng", "Output"), unit));
	th(b, "col",
	   arena_printf(&req->arena, "%s (GJ/%s)", HTTP_T(req, "Suất tiêu hao cơ sở", "Base SEC"),
			unit));
	th(b, "col",
	   arena_printf(&req->arena, "%s (GJ/%s)", HTTP_T(req, "Suất tiêu hao năm", "Year's SEC"),
			unit));
	th(b, "col", HTTP_T(req, "Tiết kiệm trên đơn vị sản phẩm", "Saving per unit of product"));
	th(b, "col", HTTP_T(req, "TOE tiết kiệm/năm", "TOE saved/year"));
	th(b, "col", HTTP_T(req, "CO₂ giảm (tấn/năm)", "CO₂ avoided (t/year)"));
	th(b, "col", HTTP_T(req, "Ghi chú", "Note"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < m->nyears; i++) {
		const struct measured_year *y = &m->years[i];
		html_open(b, "tr", NULL);
		html_open(b, "th", "scope", "row", NULL);
		html_textf(b, "%d", y->year);
		html_close(b, "th");
		num_cell(req, b, y->output, FMT_QTY);
		num_cell(req, b, y->sec_base, FMT_SEC);
		num_cell(req, b, y->sec_year, FMT_SEC);
		num_cell(req, b, y->saving * 100.0, FMT_PCT);
		num_cell(req, b, y->toe_saved, FMT_TOE);
		num_cell(req, b, y->co2_saved, FMT_CO2);
		html_open(b, "td", NULL);
		if (y->why != MEASURED_OK)
			html_text(b, web_msg(req, measured_why_msg(y->why)));
		else if (y->has_model)
			html_text(b, HTTP_T(req, "theo mô hình hồi quy ISO 50006",
					    "by the ISO 50006 regression model"));
		else if (y->year == m->impl_year)
			html_text(b, HTTP_T(req, "năm thực hiện (một phần năm)",
					    "year of implementation (part of the year)"));
		html_close(b, "td");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

void
web_measured_block(struct http_request *req, struct buf *b, struct db *db, int64_t facility_id)
{
	struct measured_facility m;
	char err[512];
	html_open(b, "section", "class", "measured", "aria-labelledby", "measured-h", NULL);
	html_open(b, "h2", "id", "measured-h", NULL);
	html_text(b, HTTP_T(req, "Tiết kiệm dự kiến và đo được của cơ sở",
			    "Expected and measured savings of the facility"));
	html_close(b, "h2");
	if (measured_facility(db, facility_id, &req->arena, &m, err, sizeof(err)) < 0) {
		log_err("results: %s", err);
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, HTTP_T(req, "Không đọc được số liệu tiết kiệm.",
				    "The savings could not be read."));
		html_close(b, "p");
		html_close(b, "section");
		return;
	}
	if (m.noptions == 0) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, web_msg(req, MSG_MEASURED_NO_OPTION));
		html_close(b, "p");
		html_close(b, "section");
		return;
	}
	html_elem(b, "p",
		  HTTP_T(req,
			 "Tiết kiệm đo được là của cả cơ sở; mỗi giải pháp đã thực hiện được phân "
			 "bổ theo tỷ trọng TOE dự kiến của nó.",
			 "The measured saving is the facility's; each implemented option is "
			 "allotted its share of the expected TOE."));
	web_scroll_open(b, HTTP_T(req, "Giải pháp đã thực hiện", "Implemented options"));
	html_open(b, "table", "class", "measured-options", NULL);
	html_open(b, "caption", NULL);
	html_text(b, HTTP_T(req, "Giải pháp đã thực hiện: dự kiến và đo được",
			    "Implemented options: expected and measured"));
	html_close(b, "caption");
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th(b, "col", HTTP_T(req, "Giải pháp", "Option"));
	th(b, "col", HTTP_T(req, "Ngày thực hiện", "Implemented on"));
	th(b, "col", HTTP_T(req, "TOE dự kiến/năm", "Expected TOE/year"));
	th(b, "col", HTTP_T(req, "CO₂ dự kiến (tấn/năm)", "Expected CO₂ (t/year)"));
	th(b, "col", HTTP_T(req, "Lợi ích dự kiến (đồng/năm)", "Expected benefit (VND/year)"));
	th(b, "col", HTTP_T(req, "Tỷ trọng", "Share"));
	th(b, "col", HTTP_T(req, "TOE đo được phân bổ/năm", "Measured TOE allotted/year"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < m.noptions; i++) {
		const struct measured_option *o = &m.options[i];
		html_open(b, "tr", NULL);
		html_open(b, "th", "scope", "row", NULL);
		html_text(b, o->title);
		html_open(b, "br", NULL);
		html_open(b, "small", NULL);
		html_text(b, name_of(req, names_option_kind, NAMES_OPTION_KIND_N, o->kind));
		html_close(b, "small");
		html_close(b, "th");
		html_open(b, "td", NULL);
		html_text(b, date_text(req, o->implemented_on));
		html_close(b, "td");
		num_cell(req, b, o->neffects > 0 ? o->exp_toe : NAN, FMT_TOE);
		num_cell(req, b, o->neffects > 0 ? o->exp_co2_t : NAN, FMT_CO2);
		vnd_cell(req, b, o->exp_vnd);
		num_cell(req, b, o->share * 100.0, FMT_PCT);
		num_cell(req, b, o->measured_toe, FMT_TOE);
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_open(b, "tfoot", NULL);
	html_open(b, "tr", "class", "total", NULL);
	th(b, "row", HTTP_T(req, "Cả cơ sở", "Facility"));
	html_elem(b, "td", "");
	num_cell(req, b, m.exp_toe, FMT_TOE);
	num_cell(req, b, m.exp_co2_t, FMT_CO2);
	vnd_cell(req, b, m.exp_vnd);
	html_elem(b, "td", "");
	num_cell(req, b, m.latest != NULL ? m.latest->toe_saved : NAN, FMT_TOE);
	html_close(b, "tr");
	html_close(b, "tfoot");
	html_close(b, "table");
	web_scroll_close(b);
	if (m.latest != NULL) {
		html_open(b, "p", "class", "measured-sum", NULL);
		html_textf(
		    b,
		    HTTP_T(req,
			   "Năm %d: dự kiến %s TOE/năm, đo được %s TOE/năm (%s trên đơn vị "
			   "sản phẩm), giảm %s tấn CO₂.",
			   "%d: expected %s TOE/year, measured %s TOE/year (%s per unit of "
			   "product), %s t CO₂ avoided."),
		    m.latest->year, isfinite(m.exp_toe) ? web_qty(req, m.exp_toe, FMT_TOE) : "—",
		    web_qty(req, m.latest->toe_saved, FMT_TOE),
		    web_qty(req, m.latest->saving * 100.0, FMT_PCT),
		    isfinite(m.latest->co2_saved) ? web_qty(req, m.latest->co2_saved, FMT_CO2)
						  : "—");
		html_close(b, "p");
	}
	measured_years(req, b, &m);
	html_close(b, "section");
}

void
web_case_publish_form(struct http_request *req, struct buf *b, int64_t id, int published)
{
	if (req->who == NULL || !(req->who->role == ROLE_PROVINCE || req->who->role == ROLE_ADMIN))
		return;
	html_open(b, "form", "class", "stack case-publish", "method", "post", "action",
		  web_url(req,
			  arena_printf(&req->arena, "/assessments/%lld/publish", (long long)id),
			  NULL, 0),
		  NULL);
	web_csrf_field(req, b, NULL);
	html_elem(b, "p",
		  published ? HTTP_T(req,
				     "Điển hình của mô hình thí điểm này đang được công bố (không "
				     "nêu tên cơ sở).",
				     "This pilot's case study is published (without the "
				     "facility's name).")
			    : HTTP_T(req, "Điển hình của mô hình thí điểm này chưa được công bố.",
				     "This pilot's case study is not published."));
	wfp_button(b, published ? "unpublish" : "publish",
		   published ? HTTP_T(req, "Thôi công bố điển hình", "Withdraw the case study")
			     : HTTP_T(req, "Công bố điển hình", "Publish the case study"));
	html_close(b, "form");
}

void
web_options_table(struct http_request *req, struct buf *b, const struct measured_option *o, int n,
		  const struct casestudy *cs)
{
	web_scroll_open(b, HTTP_T(req, "Các giải pháp SXSH", "The CP options"));
	html_open(b, "table", "class", "case-options", NULL);
	html_open(b, "caption", NULL);
	html_text(b, HTTP_T(req, "Các giải pháp SXSH", "The CP options"));
	html_close(b, "caption");
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th(b, "col", HTTP_T(req, "Giải pháp", "Option"));
	th(b, "col", HTTP_T(req, "Sàng lọc", "Screening"));
	th(b, "col", HTTP_T(req, "Tình trạng", "Status"));
	th(b, "col", HTTP_T(req, "Vốn đầu tư (đồng)", "Investment (VND)"));
	th(b, "col", HTTP_T(req, "Hoàn vốn giản đơn (năm)", "Simple payback (years)"));
	th(b, "col", HTTP_T(req, "TOE dự kiến/năm", "Expected TOE/year"));
	th(b, "col", HTTP_T(req, "CO₂ dự kiến (tấn/năm)", "Expected CO₂ (t/year)"));
	th(b, "col", HTTP_T(req, "Lợi ích dự kiến (đồng/năm)", "Expected benefit (VND/year)"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		html_open(b, "tr", NULL);
		html_open(b, "th", "scope", "row", NULL);
		html_text(b,
			  cs != NULL ? casestudy_scrub(cs, &req->arena, o[i].title) : o[i].title);
		html_open(b, "br", NULL);
		html_open(b, "small", NULL);
		html_text(b, name_of(req, names_option_kind, NAMES_OPTION_KIND_N, o[i].kind));
		html_close(b, "small");
		html_close(b, "th");
		html_open(b, "td", NULL);
		html_text(b, name_of(req, names_triage, NAMES_TRIAGE_N, o[i].triage));
		html_close(b, "td");
		html_open(b, "td", NULL);
		html_text(b, name_of(req, names_option_status, NAMES_OPTION_STATUS_N, o[i].status));
		html_close(b, "td");
		vnd_cell(req, b, o[i].capex);
		num_cell(req, b, o[i].payback, FMT_QTY);
		/* no energy effect: nothing expected of energy, shown as such */
		num_cell(req, b, o[i].neffects > 0 ? o[i].exp_toe : NAN, FMT_TOE);
		num_cell(req, b, o[i].neffects > 0 ? o[i].exp_co2_t : NAN, FMT_CO2);
		vnd_cell(req, b, o[i].exp_vnd);
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

int
web_assessment_results(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct assessment a;
	int rc = assessment_get(db, req->who, id, &a);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);

	struct buf b;
	buf_init(&b, HTTP_BODY_MAX / 2);
	const char *title = HTTP_T(req, "Kết quả thực hiện giải pháp SXSH",
				   "Results of the implemented CP options");
	html_elem(&b, "h1", title);
	html_open(&b, "p", NULL);
	html_open(
	    &b, "a", "href",
	    web_url(req, arena_printf(&req->arena, "/assessments/%lld", (long long)id), NULL, 0),
	    NULL);
	html_textf(&b, "%s %s (%d)", HTTP_T(req, "Về đánh giá:", "Back to the assessment:"),
		   a.title[0] != '\0' ? a.title : HTTP_T(req, "Đánh giá SXSH", "CP assessment"),
		   a.doc.year);
	html_close(&b, "a");
	html_close(&b, "p");

	struct measured_option *opts;
	int n;
	char err[512];
	if (measured_options(db, a.doc.facility_id, id, &req->arena, &opts, &n, err, sizeof(err)) <
	    0) {
		log_err("results: %s", err);
		buf_free(&b);
		return -1;
	}
	html_open(&b, "h2", NULL);
	html_text(&b, HTTP_T(req, "Các giải pháp của đánh giá", "The assessment's options"));
	html_close(&b, "h2");
	if (n == 0) {
		html_open(&b, "p", "class", "empty", NULL);
		html_text(&b, HTTP_T(req, "Đánh giá chưa có giải pháp nào.",
				     "The assessment has no option yet."));
		html_close(&b, "p");
	} else {
		web_options_table(req, &b, opts, n, NULL);
	}
	web_measured_block(req, &b, db, a.doc.facility_id);
	if (a.pilot && assess_may(req->who, a.doc.state, ASSESS_PUBLISH)) {
		html_open(&b, "h2", NULL);
		html_text(&b, HTTP_T(req, "Điển hình SXSH", "CP case study"));
		html_close(&b, "h2");
		web_case_publish_form(req, &b, id, a.published);
	}
	rc = -1;
	if (b.overflow)
		log_err("results: page over %u bytes", HTTP_BODY_MAX / 2);
	else
		rc = web_layout(req, &resp->body, title, buf_str(&b));
	buf_free(&b);
	return rc;
}

int
web_assessment_publish(struct http_request *req, struct http_response *resp)
{
	int64_t id, version = 0;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	const char *op = http_form(req, "op");
	int publish = op != NULL && strcmp(op, "publish") == 0;
	if (!publish && (op == NULL || strcmp(op, "unpublish") != 0)) {
		web_error(req, resp, 400, "Thao tác phải là công bố hoặc thôi công bố điển hình.",
			  "The action must be publishing or withdrawing the case study.");
		return 0;
	}
	const char *vs = http_form(req, "version");
	if (vs != NULL && vs[0] != '\0' && parse_int64(vs, &version) < 0)
		version = -1; /* a stale form: a conflict */
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int rc = casestudy_publish(db, req->who, id, version, publish);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	struct http_param p = {"done", publish ? "published" : "unpublished"};
	wfp_redirect(
	    resp,
	    web_url(req, arena_printf(&req->arena, "/assessments/%lld", (long long)id), &p, 1));
	return 0;
}
