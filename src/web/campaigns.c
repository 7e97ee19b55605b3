/*
 * Survey campaigns (model/survey/campaign.h) on the web.
 *
 * GET /campaigns (staff): the campaigns, newest first; for province staff
 * also the form that opens one: year, kind, deadline typed dd/mm/yyyy, an
 * optional title and the scope (districts by name, sector by name, size,
 * key users only).  POST /campaigns (province staff) opens it and
 * redirects to its page (303); a bad field is named beside it with every
 * typed value kept (400).
 *
 * GET /campaigns/{id} (staff): the progress per district with the total
 * and a link to each district's workbook; ?format=xlsx downloads the
 * progress (render/workbook.h, the file of `sxsh campaign progress
 * --format xlsx`).  A district officer sees its own district's row only.
 *
 * GET /campaigns/{id}/workbook?unit=CODE|facility=CODE: the workbook
 * (render/workbook.h) of a district (province staff any, a district officer
 * its own; another is 404) or of a facility (staff in scope, an enterprise
 * user its own facilities, whose download records the facility as opened).
 *
 * POST /campaigns/{id}/close (province staff): closes the campaign when
 * the confirm box is ticked (303 back to its page, ?done=closed); without
 * it the page again with what to do (400).  The page of a closed campaign
 * says so and has no closing form.
 *
 * web_campaign_home_link puts "Tải sổ khảo sát (Excel)" and "Nộp sổ đã
 * điền (tải lên)" on the enterprise home (/my) for a facility in an open
 * campaign; web_campaign_back_link leads from a confirmed upload back to
 * the campaign its workbook named.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "model/names.h"
#include "model/registry/facility.h"
#include "model/reporting/home.h"
#include "model/survey/campaign.h"
#include "render/html.h"
#include "render/workbook.h"
#include "render/xlsx.h"
#include "util/log.h"
#include "web/wfpage.h"

#define XLSX_CT "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static int
is_province(const struct http_request *req)
{
	return req->who != NULL &&
	       (req->who->role == ROLE_PROVINCE || req->who->role == ROLE_ADMIN);
}

/* A campaign's scope in words: districts, sector, size, key users; "toàn tỉnh" when none. */
static const char *
scope_text(struct http_request *req, const struct campaign *c)
{
	struct buf b;
	buf_init(&b, 4096);
	for (int i = 0; i < c->nunits; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, HTTP_T(req, c->units[i].name_vi, c->units[i].name_en));
	}
	if (c->sector_code[0] != '\0')
		buf_printf(&b, "%s%s %s", b.len ? "; " : "", HTTP_T(req, "ngành", "sector"),
			   c->sector_code);
	const struct name *sz = names_find(names_size, SIZE__MAX, c->size);
	if (sz != NULL)
		buf_printf(&b, "%s%s %s", b.len ? "; " : "", HTTP_T(req, "quy mô", "size"),
			   HTTP_T(req, sz->name_vi, sz->name_en));
	if (c->key_users)
		buf_printf(&b, "%s%s", b.len ? "; " : "",
			   HTTP_T(req, "chỉ cơ sở trọng điểm", "key energy users only"));
	const char *s = b.len ? arena_strdup(&req->arena, buf_str(&b))
			      : HTTP_T(req, "Toàn tỉnh", "The whole province");
	buf_free(&b);
	return s;
}

static const char *
kind_label(struct http_request *req, enum campaign_kind k)
{
	return HTTP_T(req, campaign_kinds[k].name_vi, campaign_kinds[k].name_en);
}

static const char *
date_show(struct http_request *req, const char *iso)
{
	char *d = arena_alloc(&req->arena, HOME_DATE_SIZE);
	return home_date_show(iso, d);
}

static void
th_col(struct buf *b, const char *text)
{
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, text);
	html_close(b, "th");
}

static void
td_num(struct http_request *req, struct buf *b, long v)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, web_int(req, v));
	html_close(b, "td");
}

static void
campaign_table(struct http_request *req, struct buf *b, const struct campaign *v, int n)
{
	if (n == 0) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, wfp_text_id(req, MSG_CAMP_NONE));
		html_close(b, "p");
		return;
	}
	web_scroll_open(b, HTTP_T(req, "Danh sách đợt khảo sát", "Campaigns"));
	html_open(b, "table", "class", "list campaigns", NULL);
	html_elem(b, "caption", HTTP_T(req, "Các đợt khảo sát", "Survey campaigns"));
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th_col(b, HTTP_T(req, "Đợt khảo sát", "Campaign"));
	th_col(b, HTTP_T(req, "Năm", "Year"));
	th_col(b, HTTP_T(req, "Nội dung", "Documents"));
	th_col(b, HTTP_T(req, "Hạn nộp", "Deadline"));
	th_col(b, HTTP_T(req, "Phạm vi", "Scope"));
	th_col(b, HTTP_T(req, "Số cơ sở", "Facilities"));
	th_col(b, HTTP_T(req, "Trạng thái", "State"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		const struct campaign *c = &v[i];
		html_open(b, "tr", NULL);
		html_open(b, "td", NULL);
		html_open(b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, "/campaigns/%lld", (long long)c->id),
				  NULL, 0),
			  NULL);
		html_text(b, c->title);
		html_close(b, "a");
		html_close(b, "td");
		html_open(b, "td", NULL);
		html_textf(b, "%d", c->year);
		html_close(b, "td");
		html_elem(b, "td", kind_label(req, c->kind));
		html_elem(b, "td", date_show(req, c->deadline));
		html_elem(b, "td", scope_text(req, c));
		td_num(req, b, c->nfacilities);
		html_elem(b, "td",
			  c->open ? HTTP_T(req, "Đang mở", "Open")
				  : HTTP_T(req, "Đã đóng", "Closed"));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

/* A <label> around a <select name> of opts (value, text), "" first as any_text. */
static void
select_field(struct http_request *req, struct buf *b, const char *label, const char *name,
	     const struct name *opts, int n, const char *any_text, const char *value,
	     const struct wf_errors *errs)
{
	int bad = errs != NULL && wf_errors_find(errs, name) != NULL;
	html_open(b, "label", NULL);
	html_text(b, label);
	const char *attr[] = {"name",
			      name,
			      "id",
			      wfp_field_id(req, name),
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, name) : NULL};
	wfp_tag(b, "select", attr, (int)(sizeof(attr) / sizeof(attr[0])));
	if (any_text != NULL) {
		html_open(b, "option", "value", "", NULL);
		html_text(b, any_text);
		html_close(b, "option");
	}
	for (int i = 0; i < n; i++) {
		int sel = value != NULL && strcmp(value, opts[i].code) == 0;
		const char *oa[] = {"value", opts[i].code, "selected", sel ? "selected" : NULL};
		wfp_tag(b, "option", oa, 4);
		html_text(b, HTTP_T(req, opts[i].name_vi, opts[i].name_en));
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
	wfp_field_error(req, b, errs, name);
}

/* Whether the posted form holds field name with value v. */
static int
form_has(const struct http_request *req, const char *name, const char *v)
{
	for (int i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].name, name) == 0 && strcmp(req->form[i].value, v) == 0)
			return 1;
	return 0;
}

static int
open_form(struct http_request *req, struct buf *b, const struct wf_errors *errs)
{
	struct db *db = http_request_db(req);
	struct name *units = NULL, *sectors = NULL;
	int nunits = 0, nsectors = 0;
	if (facility_unit_options(db, &req->arena, &units, &nunits) != 0 ||
	    facility_sector_options(db, &req->arena, &sectors, &nsectors) != 0)
		return -1;
	int posted = req->method == HTTP_POST;
	const char *(*get)(const struct http_request *, const char *) = posted ? http_form : NULL;
	html_elem(b, "h2", HTTP_T(req, "Mở đợt khảo sát mới", "Open a new campaign"));
	wfp_error_summary(req, b, errs);
	if (errs != NULL && wf_errors_find(errs, "scope") != NULL)
		wfp_message(b, 1, wfp_text(req, wf_errors_find(errs, "scope")));
	if (errs != NULL && wf_errors_find(errs, "key_users") != NULL)
		wfp_message(b, 1, wfp_text(req, wf_errors_find(errs, "key_users")));
	html_open(b, "form", "class", "stack campaign-open", "method", "post", "action",
		  web_url(req, "/campaigns", NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	wfp_input(req, b, HTTP_T(req, "Năm của báo cáo/đăng ký", "Year of the report/registration"),
		  "year",
		  get ? get(req, "year")
		      : arena_printf(&req->arena, "%d", home_reporting_year((int64_t)time(NULL))),
		  errs);
	select_field(req, b, HTTP_T(req, "Nội dung khảo sát", "What to collect"), "kind",
		     campaign_kinds, CAMPAIGN_KIND__MAX, NULL, get ? get(req, "kind") : "report",
		     errs);
	wfp_input(req, b, HTTP_T(req, "Hạn nộp, ngày/tháng/năm", "Deadline, day/month/year"),
		  "deadline", get ? get(req, "deadline") : "", errs);
	wfp_input(
	    req, b,
	    HTTP_T(req, "Tiêu đề (để trống: tự đặt theo năm)", "Title (blank: made from the year)"),
	    "title", get ? get(req, "title") : "", errs);
	html_open(b, "fieldset", "class", "choices campaign-units", "id",
		  wfp_field_id(req, "units"), NULL);
	html_elem(b, "legend",
		  HTTP_T(req, "Huyện, thành phố (không chọn: toàn tỉnh)",
			 "Districts (none chosen: the whole province)"));
	for (int i = 0; i < nunits; i++) {
		int on = posted && form_has(req, "units", units[i].code);
		html_open(b, "label", "class", "check", NULL);
		const char *attr[] = {"type",  "checkbox",    "name",	 "units",
				      "value", units[i].code, "checked", on ? "checked" : NULL};
		wfp_tag(b, "input", attr, 8);
		html_text(b, HTTP_T(req, units[i].name_vi, units[i].name_en));
		html_close(b, "label");
	}
	wfp_field_error(req, b, errs, "units");
	html_close(b, "fieldset");
	select_field(req, b, HTTP_T(req, "Ngành", "Sector"), "sector", sectors, nsectors,
		     HTTP_T(req, "Mọi ngành", "Every sector"), get ? get(req, "sector") : "", errs);
	select_field(req, b, HTTP_T(req, "Quy mô", "Size"), "size", names_size, SIZE__MAX,
		     HTTP_T(req, "Mọi quy mô", "Every size"), get ? get(req, "size") : "", errs);
	html_open(b, "label", "class", "check", NULL);
	const char *ka[] = {
	    "type",    "checkbox",
	    "name",    "key_users",
	    "value",   "1",
	    "checked", posted && form_has(req, "key_users", "1") ? "checked" : NULL};
	wfp_tag(b, "input", ka, 8);
	html_text(b, HTTP_T(req, "Chỉ cơ sở sử dụng năng lượng trọng điểm (theo năm trước)",
			    "Key energy users only (of the year before)"));
	html_close(b, "label");
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Mở đợt khảo sát", "Open the campaign"));
	html_close(b, "button");
	html_close(b, "form");
	return 0;
}

static int
list_render(struct http_request *req, struct http_response *resp, const struct wf_errors *errs)
{
	struct db *db = http_request_db(req);
	struct campaign *v;
	int n;
	if (db == NULL || campaign_list(db, req->who, &req->arena, &v, &n) != ST_OK)
		return -1;
	const char *title = HTTP_T(req, "Đợt khảo sát", "Survey campaigns");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Mỗi đợt khảo sát gửi cho các cơ sở trong phạm vi một sổ Excel theo huyện "
			 "hoặc theo cơ sở; sổ đã điền được nhập lại vào hệ thống.",
			 "Each campaign hands the facilities in its scope an Excel workbook per "
			 "district or per facility; filled workbooks are imported back."));
	campaign_table(req, &b, v, n);
	int rc = 0;
	if (is_province(req))
		rc = open_form(req, &b, errs);
	if (rc == 0)
		rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_campaigns(struct http_request *req, struct http_response *resp)
{
	if (req->method != HTTP_POST)
		return list_render(req, resp, NULL);
	if (!is_province(req)) {
		web_error(req, resp, 403, "Chỉ cán bộ Sở mở được đợt khảo sát.",
			  "Only province staff open campaigns.");
		return 0;
	}
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const char *units[CAMPAIGN_UNITS_MAX + 1];
	int nunits = 0;
	for (int i = 0; i < req->nform && nunits <= CAMPAIGN_UNITS_MAX; i++)
		if (strcmp(req->form[i].name, "units") == 0)
			units[nunits++] = req->form[i].value;
	struct campaign_in in = {
	    .year = http_form(req, "year"),
	    .kind = http_form(req, "kind"),
	    .deadline = http_form(req, "deadline"),
	    .title = http_form(req, "title"),
	    .sector = http_form(req, "sector"),
	    .size = http_form(req, "size"),
	    .units = units,
	    .nunits = nunits,
	    .key_users = form_has(req, "key_users", "1"),
	};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t id = 0;
	long nf = 0;
	int rc = campaign_open(db, req->who, &in, (int64_t)time(NULL), &id, &nf, &errs);
	if (rc == ST_OK) {
		struct http_param p = {"done", "opened"};
		wfp_redirect(
		    resp, web_url(req, arena_printf(&req->arena, "/campaigns/%lld", (long long)id),
				  &p, 1));
		return 0;
	}
	if (rc == ST_INVALID) {
		resp->status = 400;
		return list_render(req, resp, &errs);
	}
	return wfp_fail(req, resp, rc);
}

/* The file name of a download: prefix and code with only [A-Za-z0-9_-] kept. */
static const char *
file_name(struct http_request *req, int64_t id, const char *code)
{
	char *s = arena_printf(&req->arena, "khao-sat-%lld-%s.xlsx", (long long)id, code);
	char *o = s;
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			*o++ = (char)c;
	}
	*o = '\0';
	return s;
}

struct progress_sheet {
	const struct campaign *c;
	const struct campaign_progress *p;
	int en;
};

static int
progress_fill(struct xlsx *x, const void *ctx)
{
	const struct progress_sheet *s = ctx;
	return workbook_progress(x, s->c, s->p, s->en);
}

static void
progress_row(struct http_request *req, struct buf *b, const struct campaign *c,
	     const struct campaign_count *u, int total)
{
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", NULL);
	html_text(b, total ? HTTP_T(req, "Tổng cộng", "Total")
			   : HTTP_T(req, u->unit_name, u->unit_name_en));
	html_close(b, "th");
	td_num(req, b, u->invited);
	td_num(req, b, u->opened);
	td_num(req, b, u->draft);
	td_num(req, b, u->submitted);
	td_num(req, b, u->accepted);
	html_open(b, "td", NULL);
	if (!total) {
		struct http_param p = {"unit", u->unit_code};
		html_open(
		    b, "a", "href",
		    web_url(req,
			    arena_printf(&req->arena, "/campaigns/%lld/workbook", (long long)c->id),
			    &p, 1),
		    NULL);
		html_textf(b, "%s %s", HTTP_T(req, "Tải sổ", "Workbook of"),
			   HTTP_T(req, u->unit_name, u->unit_name_en));
		html_close(b, "a");
	}
	html_close(b, "td");
	html_close(b, "tr");
}

/* "Nộp sổ đã điền (tải lên)": the upload of filled workbooks (web/wbupload.c). */
static void
upload_link(struct http_request *req, struct buf *b)
{
	html_open(b, "p", NULL);
	html_open(b, "a", "href", web_url(req, "/workbooks/upload", NULL, 0), NULL);
	html_text(b, HTTP_T(req, "Nộp sổ đã điền (tải lên)", "Upload a filled workbook"));
	html_close(b, "a");
	html_close(b, "p");
}

/* The closing form of campaign c (province staff, open campaigns): a confirm box and a button. */
static void
close_form(struct http_request *req, struct buf *b, const struct campaign *c, const char *problem)
{
	html_open(b, "section", "class", "campaign-close", "aria-labelledby", "campaign-close-h",
		  NULL);
	html_open(b, "h2", "id", "campaign-close-h", NULL);
	html_text(b, HTTP_T(req, "Đóng đợt khảo sát", "Close the campaign"));
	html_close(b, "h2");
	html_elem(b, "p",
		  HTTP_T(req,
			 "Khi đóng: hệ thống thôi nhắc hạn các cơ sở, trang của doanh nghiệp không "
			 "còn liên kết tới sổ khảo sát; cán bộ vẫn xem được tiến độ và tải được "
			 "các sổ. Không mở lại được.",
			 "Once closed, no more reminders are sent and the enterprises' home no "
			 "longer links to the workbook; staff still see the progress and download "
			 "the workbooks. It cannot be reopened."));
	if (problem != NULL)
		wfp_message(b, 1, problem);
	html_open(b, "form", "method", "post", "action",
		  web_url(req, arena_printf(&req->arena, "/campaigns/%lld/close", (long long)c->id),
			  NULL, 0),
		  NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "label", "class", "check", NULL);
	const char *attr[] = {
	    "type", "checkbox", "name",		 "confirm",	 "value",
	    "1",    "id",	"close-confirm", "aria-invalid", problem != NULL ? "true" : NULL};
	wfp_tag(b, "input", attr, 10);
	html_text(b, HTTP_T(req, "Tôi xác nhận đóng đợt khảo sát này",
			    "I confirm closing this campaign"));
	html_close(b, "label");
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Đóng đợt khảo sát", "Close the campaign"));
	html_close(b, "button");
	html_close(b, "form");
	html_close(b, "section");
}

/* The page of campaign id; problem: the closing form's error (status 400), else NULL. */
static int
campaign_page(struct http_request *req, struct http_response *resp, int64_t id, const char *problem)
{
	int xlsx = problem == NULL ? web_format_xlsx(req, resp) : 0;
	if (xlsx < 0)
		return 0;
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct campaign c;
	struct campaign_progress p;
	int rc = campaign_get(db, req->who, &req->arena, id, &c);
	if (rc == ST_OK)
		rc = campaign_progress(db, req->who, &req->arena, id, &p);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	if (xlsx) {
		struct progress_sheet s = {&c, &p, req->lang == LANG_EN};
		return web_sheets_send(
		    req, resp, progress_fill, &s,
		    arena_printf(&req->arena, "tien-do-khao-sat-%lld.xlsx", (long long)id));
	}
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", c.title);
	const char *done = http_param(req, "done");
	if (done != NULL && strcmp(done, "opened") == 0) {
		struct msg m;
		msg_init(&m, MSG_CAMP_OPENED, NULL);
		msg_plain(&m, c.id);
		msg_int(&m, c.nfacilities);
		wfp_message(&b, 0, wfp_text(req, &m));
	}
	if (done != NULL && strcmp(done, "closed") == 0 && !c.open) {
		struct msg m;
		msg_init(&m, MSG_CAMP_CLOSED, NULL);
		msg_plain(&m, c.id);
		wfp_message(&b, 0, wfp_text(req, &m));
	} else if (!c.open) {
		html_open(&b, "p", "class", "notice", NULL);
		html_text(&b,
			  HTTP_T(req,
				 "Đợt khảo sát đã đóng: không còn nhắc hạn; các sổ vẫn tải được.",
				 "This campaign is closed: no more reminders; the workbooks can "
				 "still be downloaded."));
		html_close(&b, "p");
	}
	html_open(&b, "table", "class", "facts", NULL);
	html_elem(&b, "caption", HTTP_T(req, "Thông tin đợt khảo sát", "About the campaign"));
	const char *k[] = {HTTP_T(req, "Năm", "Year"),
			   HTTP_T(req, "Nội dung", "Documents"),
			   HTTP_T(req, "Hạn nộp", "Deadline"),
			   HTTP_T(req, "Phạm vi", "Scope"),
			   HTTP_T(req, "Số cơ sở", "Facilities"),
			   HTTP_T(req, "Mở ngày", "Opened on"),
			   HTTP_T(req, "Trạng thái", "State")};
	const char *val[] = {arena_printf(&req->arena, "%d", c.year),
			     kind_label(req, c.kind),
			     date_show(req, c.deadline),
			     scope_text(req, &c),
			     web_int(req, c.nfacilities),
			     web_date_unix(req, c.created_at),
			     c.open ? HTTP_T(req, "Đang mở", "Open")
				    : HTTP_T(req, "Đã đóng", "Closed")};
	for (int i = 0; i < 7; i++) {
		html_open(&b, "tr", NULL);
		html_open(&b, "th", "scope", "row", NULL);
		html_text(&b, k[i]);
		html_close(&b, "th");
		html_elem(&b, "td", val[i]);
		html_close(&b, "tr");
	}
	html_close(&b, "table");
	html_elem(&b, "h2", HTTP_T(req, "Tiến độ theo huyện", "Progress by district"));
	html_elem(
	    &b, "p",
	    HTTP_T(req,
		   "Đã mở: cơ sở đã tải sổ hoặc mở biểu mẫu, hoặc đã có báo cáo. Nháp gồm cả "
		   "báo cáo bị trả lại.",
		   "Opened: the facility downloaded its workbook or opened its form, or has a "
		   "document. Draft includes documents returned."));
	web_scroll_open(&b, HTTP_T(req, "Tiến độ theo huyện", "Progress by district"));
	html_open(&b, "table", "class", "list campaign-progress", NULL);
	html_elem(&b, "caption", HTTP_T(req, "Số cơ sở theo tình trạng", "Facilities by state"));
	html_open(&b, "thead", NULL);
	html_open(&b, "tr", NULL);
	th_col(&b, HTTP_T(req, "Huyện, thành phố", "District"));
	th_col(&b, HTTP_T(req, "Được mời", "Invited"));
	th_col(&b, HTTP_T(req, "Đã mở", "Opened"));
	th_col(&b, HTTP_T(req, "Đang nháp", "Draft"));
	th_col(&b, HTTP_T(req, "Đã nộp, chờ duyệt", "Submitted"));
	th_col(&b, HTTP_T(req, "Đã chấp nhận", "Accepted"));
	th_col(&b, HTTP_T(req, "Sổ Excel", "Workbook"));
	html_close(&b, "tr");
	html_close(&b, "thead");
	html_open(&b, "tbody", NULL);
	for (int i = 0; i < p.n; i++)
		progress_row(req, &b, &c, &p.units[i], 0);
	html_close(&b, "tbody");
	html_open(&b, "tfoot", NULL);
	progress_row(req, &b, &c, &p.total, 1);
	html_close(&b, "tfoot");
	html_close(&b, "table");
	web_scroll_close(&b);
	struct http_param fp = {"format", "xlsx"};
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href",
		  web_url(req, arena_printf(&req->arena, "/campaigns/%lld", (long long)id), &fp, 1),
		  NULL);
	html_text(&b, HTTP_T(req, "Tải Excel tiến độ", "Download the progress (Excel)"));
	html_close(&b, "a");
	html_close(&b, "p");
	upload_link(req, &b);
	if (c.open && is_province(req))
		close_form(req, &b, &c, problem);
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", web_url(req, "/campaigns", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Tất cả đợt khảo sát", "All campaigns"));
	html_close(&b, "a");
	html_close(&b, "p");
	if (problem != NULL)
		resp->status = 400;
	rc = wfp_page(req, resp, c.title, &b);
	buf_free(&b);
	return rc;
}

int
web_campaign(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	return campaign_page(req, resp, id, NULL);
}

int
web_campaign_close(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	const char *confirm = http_form(req, "confirm");
	if (confirm == NULL || strcmp(confirm, "1") != 0)
		return campaign_page(req, resp, id,
				     HTTP_T(req,
					    "Hãy đánh dấu ô xác nhận đóng đợt khảo sát rồi bấm "
					    "lại nút Đóng.",
					    "Tick the box confirming the closing, then press Close "
					    "again."));
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int rc = campaign_close(db, req->who, id, (int64_t)time(NULL));
	if (rc == ST_OK || rc == ST_STATE) { /* closed already: show it closed */
		struct http_param p = {"done", "closed"};
		wfp_redirect(
		    resp, web_url(req, arena_printf(&req->arena, "/campaigns/%lld", (long long)id),
				  &p, rc == ST_OK ? 1 : 0));
		return 0;
	}
	return wfp_fail(req, resp, rc);
}

void
web_campaign_back_link(struct http_request *req, struct buf *b, int64_t id)
{
	struct db *db = http_request_db(req);
	struct campaign c;
	/* Read as the system: the uploader named it in the file; only staff get its page. */
	if (id <= 0 || req->who == NULL || db == NULL ||
	    campaign_get(db, NULL, &req->arena, id, &c) != ST_OK)
		return;
	int staff = req->who->role != ROLE_ENTERPRISE;
	html_open(b, "p", "class", "campaign-back", NULL);
	html_open(
	    b, "a", "href",
	    web_url(req,
		    staff ? arena_printf(&req->arena, "/campaigns/%lld", (long long)id) : "/my",
		    NULL, 0),
	    NULL);
	if (staff)
		html_textf(b, "%s %s", HTTP_T(req, "Về đợt khảo sát:", "Back to the campaign:"),
			   c.title);
	else
		html_text(b, HTTP_T(req, "Về trang cơ sở của tôi", "Back to my facilities"));
	html_close(b, "a");
	html_close(b, "p");
}

/* Reads the file at path into resp's body; -1 when it does not fit (logged). */
static int
slurp(const char *path, struct http_response *resp)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		log_err("campaigns: %s: %s", path, strerror(errno));
		return -1;
	}
	char chunk[16384];
	size_t n;
	int rc = 0;
	while (rc == 0 && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(&resp->body, chunk, n) < 0) {
			log_err("campaigns: workbook over %u bytes", HTTP_BODY_MAX);
			rc = -1;
		}
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

int
web_campaign_workbook(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	const char *unit = http_param(req, "unit"), *fac = http_param(req, "facility");
	if (unit != NULL && unit[0] == '\0')
		unit = NULL;
	if (fac != NULL && fac[0] == '\0')
		fac = NULL;
	if ((unit == NULL) == (fac == NULL)) {
		web_error(req, resp, 400, "Cần chọn một huyện hoặc một cơ sở.",
			  "Choose one district or one facility.");
		return 0;
	}
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct campaign_book *book;
	int rc = campaign_book_load(db, req->who, &req->arena, id, unit, fac, (int64_t)time(NULL),
				    &book);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	const char *dir = getenv("TMPDIR");
	char path[4096], err[512];
	snprintf(path, sizeof(path), "%s/sxsh-camp-XXXXXX",
		 dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		log_err("campaigns: mkstemp %s: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	int ret = -1;
	if (workbook_write(path, book, err, sizeof(err)) < 0) {
		log_err("campaigns: %s", err);
		goto out;
	}
	buf_reset(&resp->body);
	if (slurp(path, resp) < 0) {
		buf_reset(&resp->body);
		goto out;
	}
	resp->content_type = XLSX_CT;
	http_response_header(resp, "Cache-Control", "no-store");
	http_response_header(resp, "Content-Disposition",
			     arena_printf(&req->arena, "attachment; filename=\"%s\"",
					  file_name(req, id, unit != NULL ? unit : fac)));
	ret = 0;
out:
	unlink(path);
	return ret;
}

void
web_campaign_home_link(struct http_request *req, struct buf *b, int64_t facility_id,
		       const char *code)
{
	struct db *db = http_request_db(req);
	int64_t ids[1];
	if (db == NULL || campaign_open_for_facility(db, facility_id, ids, 1) < 1)
		return;
	struct http_param p = {"facility", code};
	html_open(b, "div", "class", "campaign-links", NULL);
	html_open(b, "p", "class", "campaign-link", NULL);
	html_open(b, "a", "href",
		  web_url(req,
			  arena_printf(&req->arena, "/campaigns/%lld/workbook", (long long)ids[0]),
			  &p, 1),
		  NULL);
	html_text(b,
		  HTTP_T(req, "Tải sổ khảo sát (Excel)", "Download the survey workbook (Excel)"));
	html_close(b, "a");
	html_close(b, "p");
	upload_link(req, b);
	html_close(b, "div");
}
