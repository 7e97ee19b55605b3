/*
 * GET /deadlines, "Hạn nộp / Deadlines" (province staff and admins): the
 * report and registration deadlines of the plan years around the current
 * reporting year (home_deadline_list: the default where none is set) and a
 * form for one year (?year=Y, else the current reporting year) with dates
 * typed dd/mm/yyyy.  POST /deadlines saves it (home_deadline_set) and
 * redirects back (303); a bad field is shown beside it with every typed
 * value kept (400); a year changed by someone else since the form was
 * shown is 409 with the current values in the table, the typed ones kept
 * in the form and the current version, so saving again is a choice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/reporting/home.h"
#include "render/html.h"
#include "web/wfpage.h"

/* The years the table shows, from the year before the reporting year on. */
#define DL_YEARS 4

/* A date for the table: dd/mm/yyyy, and "(mặc định)" when it is the default. */
static void
dl_cell(struct http_request *req, struct buf *b, const char *iso, int set)
{
	char d[HOME_DATE_SIZE];
	html_open(b, "td", NULL);
	html_text(b, home_date_show(iso, d));
	if (!set) {
		html_text(b, " ");
		html_elem(b, "small", HTTP_T(req, "(mặc định)", "(default)"));
	}
	html_close(b, "td");
}

/* The year the form is about: the posted or asked one when valid, else r. */
static int
dl_form_year(struct http_request *req, int r)
{
	const char *s = req->method == HTTP_POST ? http_form(req, "year") : http_param(req, "year");
	if (s != NULL && strlen(s) == 4 && strspn(s, "0123456789") == 4) {
		int y = atoi(s);
		if (y >= 1990 && y <= 2100)
			return y;
	}
	return r;
}

static int
dl_render(struct http_request *req, struct http_response *resp, const struct wf_errors *errs,
	  const char *problem)
{
	struct db *db = http_request_db(req);
	int r = home_reporting_year((int64_t)time(NULL));
	struct home_deadline rows[DL_YEARS], cur;
	int fy = dl_form_year(req, r);
	if (db == NULL || home_deadline_list(db, r - 1, r - 2 + DL_YEARS, rows) != ST_OK ||
	    home_deadline_get(db, fy, &cur) != ST_OK)
		return -1;
	const char *title =
	    HTTP_T(req, "Hạn nộp báo cáo và đăng ký", "Report and registration deadlines");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	const char *done = http_param(req, "done");
	if (done != NULL && req->method == HTTP_GET && strcmp(done, "saved") == 0) {
		struct msg m;
		msg_init(&m, MSG_HOME_DEADLINE_SAVED, NULL);
		msg_plain(&m, fy);
		wfp_message(&b, 0, wfp_text(req, &m));
	}
	wfp_message(&b, 1, problem);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Khi Sở chưa đặt hạn, hạn mặc định là: báo cáo năng lượng năm N nộp "
			 "trước ngày 15/01 năm N+1 (Thông tư 25/2020/TT-BCT); đăng ký năm N nộp "
			 "trước ngày 15/01 năm N, cùng lúc với báo cáo năm trước.",
			 "Where the Department has set none, the default holds: the energy report "
			 "on year N is due by 15/01 of year N+1 (Circular 25/2020/TT-BCT); the "
			 "registration for year N by 15/01 of year N, with the report on the year "
			 "before."));
	web_scroll_open(&b, HTTP_T(req, "Hạn nộp theo năm", "Deadlines by year"));
	html_open(&b, "table", "class", "list deadlines", NULL);
	html_elem(&b, "caption",
		  HTTP_T(req, "Hạn nộp theo năm kế hoạch", "Deadlines by plan year"));
	html_open(&b, "thead", NULL);
	html_open(&b, "tr", NULL);
	static const char *const head_vi[] = {"Năm kế hoạch", "Hạn nộp báo cáo của năm",
					      "Hạn nộp đăng ký cho năm", "Sửa"};
	static const char *const head_en[] = {"Plan year", "Report on the year due",
					      "Registration for the year due", "Edit"};
	for (int i = 0; i < 4; i++) {
		html_open(&b, "th", "scope", "col", NULL);
		html_text(&b, HTTP_T(req, head_vi[i], head_en[i]));
		html_close(&b, "th");
	}
	html_close(&b, "tr");
	html_close(&b, "thead");
	html_open(&b, "tbody", NULL);
	for (int i = 0; i < DL_YEARS; i++) {
		const struct home_deadline *d = &rows[i];
		html_open(&b, "tr", "data-year", arena_printf(&req->arena, "%d", d->year), NULL);
		html_open(&b, "th", "scope", "row", NULL);
		html_textf(&b, "%d", d->year);
		html_close(&b, "th");
		dl_cell(req, &b, d->report_due, d->report_set);
		dl_cell(req, &b, d->registration_due, d->registration_set);
		html_open(&b, "td", NULL);
		struct http_param p = {"year", arena_printf(&req->arena, "%d", d->year)};
		html_open(&b, "a", "href", web_url(req, "/deadlines", &p, 1), NULL);
		html_textf(&b, "%s %d", HTTP_T(req, "Sửa năm", "Edit"), d->year);
		html_close(&b, "a");
		html_close(&b, "td");
		html_close(&b, "tr");
	}
	html_close(&b, "tbody");
	html_close(&b, "table");
	html_close(&b, "div");

	html_open(&b, "h2", NULL);
	html_textf(&b, "%s %d", HTTP_T(req, "Đặt hạn nộp năm", "Set the deadlines of"), fy);
	html_close(&b, "h2");
	html_open(&b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/deadlines", NULL, 0), NULL);
	web_csrf_field(req, &b, NULL);
	html_open(&b, "input", "type", "hidden", "name", "version", "value",
		  arena_printf(&req->arena, "%lld", (long long)cur.version), NULL);
	int posted = req->method == HTTP_POST;
	char d1[HOME_DATE_SIZE], d2[HOME_DATE_SIZE];
	const char *rep = posted ? http_form(req, "report_due")
				 : (cur.report_set ? home_date_show(cur.report_due, d1) : "");
	const char *reg =
	    posted ? http_form(req, "registration_due")
		   : (cur.registration_set ? home_date_show(cur.registration_due, d2) : "");
	struct home_deadline def;
	home_deadline_default(fy, &def);
	char dd1[HOME_DATE_SIZE], dd2[HOME_DATE_SIZE];
	home_date_show(def.report_due, dd1);
	home_date_show(def.registration_due, dd2);
	wfp_input(req, &b, HTTP_T(req, "Năm kế hoạch", "Plan year"), "year",
		  posted ? http_form(req, "year") : arena_printf(&req->arena, "%d", fy), errs);
	wfp_input(req, &b,
		  arena_printf(&req->arena, "%s (%s %s)",
			       HTTP_T(req, "Hạn nộp báo cáo, ngày/tháng/năm",
				      "Report deadline, day/month/year"),
			       HTTP_T(req, "để trống: mặc định", "blank: the default"), dd1),
		  "report_due", rep, errs);
	wfp_input(req, &b,
		  arena_printf(&req->arena, "%s (%s %s)",
			       HTTP_T(req, "Hạn nộp đăng ký, ngày/tháng/năm",
				      "Registration deadline, day/month/year"),
			       HTTP_T(req, "để trống: mặc định", "blank: the default"), dd2),
		  "registration_due", reg, errs);
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, HTTP_T(req, "Lưu hạn nộp", "Save the deadlines"));
	html_close(&b, "button");
	html_close(&b, "form");
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_deadlines(struct http_request *req, struct http_response *resp)
{
	if (req->method != HTTP_POST)
		return dl_render(req, resp, NULL, NULL);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct home_deadline_in in = {
	    .year = http_form(req, "year"),
	    .report_due = http_form(req, "report_due"),
	    .registration_due = http_form(req, "registration_due"),
	    .version = http_form(req, "version"),
	};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int year = 0;
	int rc = home_deadline_set(db, req->who, &in, (int64_t)time(NULL), &year, &errs);
	if (rc == ST_OK) {
		struct http_param p[2] = {{"year", arena_printf(&req->arena, "%d", year)},
					  {"done", "saved"}};
		wfp_redirect(resp, web_url(req, "/deadlines", p, 2));
		return 0;
	}
	if (rc == ST_INVALID) {
		resp->status = 400;
		return dl_render(req, resp, &errs, NULL);
	}
	if (rc == ST_CONFLICT) {
		resp->status = 409;
		struct msg m;
		msg_init(&m, MSG_HOME_DEADLINE_CONFLICT, NULL);
		msg_plain(&m, dl_form_year(req, 0));
		return dl_render(req, resp, NULL, wfp_text(req, &m));
	}
	return wfp_fail(req, resp, rc);
}
