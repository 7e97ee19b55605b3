/*
 * The public case studies of accepted pilot CP assessments
 * (model/assess/casestudy.h), read without signing in.
 *
 * GET /case-studies: the published ones, newest first: sector (VSIC
 * division), district-level unit, size class, year, focus area.
 * GET /case-studies/{id}: one of them with its options (kind, title,
 * screening, status, investment, simple payback, expected TOE, CO2 and VND
 * a year) and the facility's measured savings; 404 unless published.
 *
 * Neither page names the facility: no name, code, tax code, address,
 * people or e-mails; typed texts are scrubbed of the name and code.
 * Plain HTML, no script: readable on a phone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/assess/casestudy.h"
#include "model/assess/measured.h"
#include "model/names.h"
#include "model/status.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/web_int.h"
#include "web/wfpage.h"

/* "Chế biến thực phẩm · Rạch Giá · doanh nghiệp nhỏ" */
static void
case_facts(struct http_request *req, struct buf *b, const struct casestudy *c)
{
	html_open(b, "dl", "class", "case-facts", NULL);
	html_elem(b, "dt", HTTP_T(req, "Ngành", "Sector"));
	html_elem(b, "dd",
		  c->division_vi[0] != '\0' ? HTTP_T(req, c->division_vi, c->division_en) : "—");
	html_elem(b, "dt", HTTP_T(req, "Địa bàn", "District"));
	html_elem(b, "dd", c->district[0] != '\0' ? c->district : "—");
	html_elem(b, "dt", HTTP_T(req, "Quy mô", "Size"));
	html_elem(b, "dd",
		  c->size >= 0 ? names_label(&names_size[c->size], req->lang == LANG_EN) : "—");
	html_elem(b, "dt", HTTP_T(req, "Năm đánh giá", "Assessment year"));
	html_open(b, "dd", NULL);
	html_textf(b, "%d", c->year);
	html_close(b, "dd");
	char d[16];
	html_elem(b, "dt", HTTP_T(req, "Được nghiệm thu", "Accepted on"));
	html_elem(b, "dd",
		  c->accepted_on[0] != '\0' ? fmt_date(d, sizeof(d), c->accepted_on) : "—");
	html_close(b, "dl");
}

/* The heading of a case study: its sector and district, never its facility. */
static const char *
case_title(struct http_request *req, const struct casestudy *c)
{
	const char *sector = c->division_vi[0] != '\0'
				 ? HTTP_T(req, c->division_vi, c->division_en)
				 : HTTP_T(req, "Cơ sở công nghiệp", "Industrial facility");
	return c->district[0] != '\0' ? arena_printf(&req->arena, "%s — %s", sector, c->district)
				      : sector;
}

static int
send(struct http_request *req, struct http_response *resp, struct buf *b, const char *title)
{
	int rc = -1;
	if (b->overflow)
		log_err("case studies: page over %u bytes", HTTP_BODY_MAX / 2);
	else
		rc = web_layout(req, &resp->body, title, buf_str(b));
	buf_free(b);
	return rc;
}

int
web_case_studies(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct casestudy *cs;
	int n;
	if (casestudy_list(db, &req->arena, &cs, &n) != ST_OK)
		return -1;
	struct buf b;
	buf_init(&b, HTTP_BODY_MAX / 2);
	const char *title =
	    HTTP_T(req, "Điển hình sản xuất sạch hơn", "Cleaner production case studies");
	html_elem(&b, "h1", title);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Các mô hình thí điểm đã được Sở Công Thương nghiệm thu: lĩnh vực trọng "
			 "tâm, giải pháp đã chọn và tiết kiệm đo được. Tên cơ sở không được nêu.",
			 "The pilot models the Department has accepted: the focus area, the "
			 "options chosen and the savings measured. Facilities are not named."));
	if (n == 0) {
		html_open(&b, "p", "class", "empty", NULL);
		html_text(&b, HTTP_T(req, "Chưa có điển hình nào được công bố.",
				     "No case study has been published yet."));
		html_close(&b, "p");
	}
	html_open(&b, "ul", "class", "case-list", NULL);
	for (int i = 0; i < n; i++) {
		const struct casestudy *c = &cs[i];
		html_open(&b, "li", NULL);
		html_open(&b, "h2", NULL);
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, "/case-studies/%lld", (long long)c->id),
				  NULL, 0),
			  NULL);
		html_text(&b, case_title(req, c));
		html_close(&b, "a");
		html_close(&b, "h2");
		case_facts(req, &b, c);
		if (c->focus[0] != '\0') {
			html_open(&b, "p", NULL);
			html_textf(&b, "%s %s", HTTP_T(req, "Trọng tâm:", "Focus:"), c->focus);
			html_close(&b, "p");
		}
		html_close(&b, "li");
	}
	html_close(&b, "ul");
	return send(req, resp, &b, title);
}

/* The facility's expected total and measured saving, without option titles. */
static void
case_measured(struct http_request *req, struct buf *b, const struct measured_facility *m)
{
	html_open(b, "h2", NULL);
	html_text(b, HTTP_T(req, "Tiết kiệm đo được", "Savings measured"));
	html_close(b, "h2");
	if (m->noptions > 0) {
		html_open(b, "p", NULL);
		html_textf(
		    b,
		    HTTP_T(req,
			   "Các giải pháp đã thực hiện dự kiến tiết kiệm %s TOE/năm, giảm %s "
			   "tấn CO₂/năm và đem lại %s đồng/năm.",
			   "The implemented options were expected to save %s TOE/year, "
			   "avoid %s t CO₂/year and bring %s VND/year."),
		    isfinite(m->exp_toe) ? web_qty(req, m->exp_toe, FMT_TOE) : "—",
		    isfinite(m->exp_co2_t) ? web_qty(req, m->exp_co2_t, FMT_CO2) : "—",
		    isfinite(m->exp_vnd) ? web_int(req, (long)llround(m->exp_vnd)) : "—");
		html_close(b, "p");
	}
	if (m->latest == NULL) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, HTTP_T(req, "Chưa tính được tiết kiệm đo được: ",
				    "The measured saving is not computable: "));
		html_text(b, web_msg(req, measured_why_msg(m->why)));
		html_text(b, ".");
		html_close(b, "p");
		return;
	}
	const struct measured_year *y = m->latest;
	html_open(b, "p", "class", "measured-sum", NULL);
	html_textf(b,
		   HTTP_T(req,
			  "Năm %d so với năm cơ sở %d: suất tiêu hao năng lượng của sản phẩm chính "
			  "(%s) giảm %s, tức %s TOE/năm và %s tấn CO₂/năm.",
			  "%d against the base year %d: the main product's (%s) specific energy "
			  "consumption fell %s, that is %s TOE/year and %s t CO₂/year."),
		   y->year, m->base_year, HTTP_T(req, m->product_vi, m->product_en),
		   web_qty(req, y->saving * 100.0, FMT_PCT), web_qty(req, y->toe_saved, FMT_TOE),
		   isfinite(y->co2_saved) ? web_qty(req, y->co2_saved, FMT_CO2) : "—");
	html_close(b, "p");
}

int
web_case_study(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct casestudy c;
	int rc = casestudy_get(db, id, &req->arena, &c);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	struct measured_option *opts;
	int n;
	struct measured_facility m;
	char err[512];
	if (measured_options(db, c.facility_id, id, &req->arena, &opts, &n, err, sizeof(err)) < 0 ||
	    measured_facility(db, c.facility_id, &req->arena, &m, err, sizeof(err)) < 0) {
		log_err("case study: %s", err);
		return -1;
	}
	struct buf b;
	buf_init(&b, HTTP_BODY_MAX / 2);
	const char *title = case_title(req, &c);
	html_open(&b, "p", "class", "crumbs", NULL);
	html_open(&b, "a", "href", web_url(req, "/case-studies", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Điển hình SXSH", "CP case studies"));
	html_close(&b, "a");
	html_close(&b, "p");
	html_open(&b, "h1", NULL);
	html_text(&b, HTTP_T(req, "Điển hình SXSH: ", "CP case study: "));
	html_text(&b, title);
	html_close(&b, "h1");
	case_facts(req, &b, &c);
	if (c.focus[0] != '\0') {
		html_open(&b, "h2", NULL);
		html_text(&b, HTTP_T(req, "Lĩnh vực trọng tâm", "Focus area"));
		html_close(&b, "h2");
		html_elem(&b, "p", c.focus);
	}
	html_open(&b, "h2", NULL);
	html_text(&b, HTTP_T(req, "Giải pháp", "Options"));
	html_close(&b, "h2");
	if (n == 0)
		html_elem(&b, "p", HTTP_T(req, "Không có giải pháp.", "No option."));
	else
		web_options_table(req, &b, opts, n, &c);
	case_measured(req, &b, &m);
	return send(req, resp, &b, title);
}
