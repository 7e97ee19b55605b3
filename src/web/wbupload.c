/*
 * The upload of filled campaign workbooks, for district and province staff
 * and enterprises (docs/user-guide.md, "Nộp bảng tính khảo sát"):
 *
 *   GET  /workbooks/upload          the form: the file and, for a workbook
 *                                   made by hand, the year
 *   POST /workbooks/upload          (multipart) keeps the file
 *                                   (model/survey/wbupload.h) and shows the
 *                                   preview: what would change, or every
 *                                   problem as "Sheet!Cell: lý do" (422)
 *   POST /workbooks/confirm         imports the kept file if the plan is
 *                                   still the one previewed; when the data
 *                                   changed meanwhile, says so and previews
 *                                   again (409); an upload gone or not the
 *                                   user's is 404 with the form
 *
 * The import itself, its scope rules and its audit are
 * model/survey/wbimport.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/names.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "model/survey/wbupload.h"
#include "render/html.h"
#include "web/wfpage.h"

/* The years a hand-made workbook may be for, around now. */
#define WBU_YEARS 6

static const char *
wbu_title(struct http_request *req)
{
	return HTTP_T(req, "Nộp bảng tính khảo sát", "Upload survey workbooks");
}

/* The upload form; year is the one chosen before (0: the workbook's own). */
static void
wbu_form(struct http_request *req, struct buf *b, int year)
{
	html_open(b, "form", "class", "stack wbupload", "method", "post", "enctype",
		  "multipart/form-data", "action", web_url(req, "/workbooks/upload", NULL, 0),
		  NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "label", "for", "wb-file", NULL);
	html_text(b, HTTP_T(req, "Tệp bảng tính (.xlsx, .xls hoặc .ods)",
			    "Workbook file (.xlsx, .xls or .ods)"));
	html_close(b, "label");
	html_open(b, "input", "type", "file", "id", "wb-file", "name", "file", "required",
		  "required", "accept",
		  ".xlsx,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml."
		  "sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet",
		  NULL);
	html_open(b, "label", "for", "wb-year", NULL);
	html_text(b, HTTP_T(req, "Năm (chỉ khi tệp không phải mẫu do sxsh tạo)",
			    "Year (only for a workbook sxsh did not make)"));
	html_close(b, "label");
	html_open(b, "select", "id", "wb-year", "name", "year", NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, HTTP_T(req, "Năm ghi trong tệp", "The year the workbook says"));
	html_close(b, "option");
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	int last = tm.tm_year + 1900;
	for (int y = last; y > last - WBU_YEARS; y--) {
		const char *ys = arena_printf(&req->arena, "%d", y);
		if (y == year)
			html_open(b, "option", "value", ys, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", ys, NULL);
		html_text(b, ys);
		html_close(b, "option");
	}
	html_close(b, "select");
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Tải lên và xem trước", "Upload and preview"));
	html_close(b, "button");
	html_close(b, "form");
}

static void
wbu_intro(struct http_request *req, struct buf *b)
{
	html_elem(
	    b, "p",
	    HTTP_T(req,
		   "Tải lên bảng tính khảo sát đã điền. Trước khi ghi, trang cho xem những gì "
		   "sẽ thay đổi: báo cáo tạo mới, bản nháp được cập nhật, báo cáo được nộp, "
		   "và báo cáo đã nộp hoặc đã chấp nhận được giữ nguyên. Nếu tệp có lỗi, "
		   "trang liệt kê từng ô có lỗi và không ghi gì.",
		   "Upload a filled survey workbook. Before anything is saved the page "
		   "shows what would change: reports created, drafts updated, reports "
		   "submitted, and submitted or accepted reports left as they are. When the "
		   "file has problems, the page lists every cell at fault and saves "
		   "nothing."));
}

/* Every problem as a list "Sheet!Cell: lý do", in the page's language. */
static void
wbu_errors(struct http_request *req, struct buf *b, const struct wbimport_result *res)
{
	html_open(b, "div", "class", "error-summary wb-errors", "role", "alert", "id", "errors",
		  NULL);
	html_open(b, "h2", NULL);
	html_textf(b, "%s: %s",
		   HTTP_T(req, "Tệp có lỗi, chưa ghi gì",
			  "The file has problems, "
			  "nothing was saved"),
		   web_int(req, res->nerr + res->more));
	html_close(b, "h2");
	html_open(b, "ul", NULL);
	for (int i = 0; i < res->nerr; i++) {
		const struct wbimport_error *e = &res->err[i];
		html_open(b, "li", NULL);
		if (e->sheet[0] != '\0' && e->cell[0] != '\0') {
			html_open(b, "span", "class", "wb-cell", NULL);
			html_textf(b, "%s!%s", e->sheet, e->cell);
			html_close(b, "span");
			html_text(b, ": ");
		}
		html_text(b, HTTP_T(req, e->vi, e->en));
		html_close(b, "li");
	}
	html_close(b, "ul");
	if (res->more > 0) {
		struct msg m;
		msg_init(&m, MSG_WBI_MORE_ERRORS, NULL);
		msg_int(&m, res->more);
		html_elem(b, "p", wfp_text(req, &m));
	}
	html_close(b, "div");
}

static const char *
wbu_action(struct http_request *req, const struct wbimport_item *it)
{
	switch (it->action) {
	case WBIMPORT_NEW:
		return HTTP_T(req, "Tạo mới", "Created");
	case WBIMPORT_UPDATE:
		return HTTP_T(req, "Cập nhật bản nháp", "Draft updated");
	default:
		return HTTP_T(req, "Giữ nguyên", "Left as it is");
	}
}

/* The counts and the list of documents of res. */
static void
wbu_plan(struct http_request *req, struct buf *b, const struct wbimport_result *res, int done)
{
	html_open(b, "ul", "class", "wb-counts", NULL);
	const char *vi[] = {"báo cáo/đăng ký tạo mới", "bản nháp cập nhật", "được nộp",
			    "giữ nguyên (đã nộp hoặc đã chấp nhận)"};
	const char *en[] = {"reports or registrations created", "drafts updated", "submitted",
			    "left as they are (submitted or accepted)"};
	long n[] = {res->n_new, res->n_update, res->n_submit, res->n_untouched};
	for (int i = 0; i < 4; i++) {
		html_open(b, "li", NULL);
		html_elem(b, "strong", web_int(req, n[i]));
		html_textf(b, " %s", HTTP_T(req, vi[i], en[i]));
		html_close(b, "li");
	}
	html_close(b, "ul");
	if (res->nitem == 0) {
		html_elem(b, "p",
			  HTTP_T(req, "Tệp không có số liệu nào ngoài mã và tên cơ sở.",
				 "The file holds no data beyond facility codes and names."));
		return;
	}
	const char *cap = done ? HTTP_T(req, "Những gì đã ghi", "What was saved")
			       : HTTP_T(req, "Những gì sẽ ghi", "What would be saved");
	web_scroll_open(b, cap);
	html_open(b, "table", "class", "list wb-plan", NULL);
	html_elem(b, "caption", cap);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	const char *hv[] = {"Mã cơ sở", "Tên cơ sở", "Hồ sơ", "Thay đổi", "Trạng thái hiện nay"};
	const char *he[] = {"Facility code", "Facility", "Document", "Change", "Current state"};
	for (int i = 0; i < 5; i++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, HTTP_T(req, hv[i], he[i]));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < res->nitem; i++) {
		const struct wbimport_item *it = &res->item[i];
		html_open(b, "tr", "data-code", it->code, NULL);
		html_open(b, "th", "scope", "row", NULL);
		html_text(b, it->code);
		html_close(b, "th");
		html_elem(b, "td", it->name);
		const struct val_label *k =
		    it->kind == WF_KIND_REPORT ? &report_kind.label : &registration_kind.label;
		html_elem(b, "td", HTTP_T(req, k->vi, k->en));
		html_open(b, "td", NULL);
		html_text(b, wbu_action(req, it));
		if (it->submit)
			html_textf(b, ", %s", HTTP_T(req, "nộp", "submitted"));
		html_close(b, "td");
		html_elem(b, "td",
			  it->action == WBIMPORT_NEW ? "—" : wfp_state_label(req, it->state));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

/* The preview of upload token: the plan and the confirm form, or the errors. */
static int
wbu_preview(struct http_request *req, struct http_response *resp, const char *token,
	    const struct wbimport_result *res, const char *notice, int year)
{
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	const char *title = wbu_title(req);
	html_elem(&b, "h1", title);
	wfp_message(&b, 1, notice);
	if (res->nerr > 0) {
		wbu_errors(req, &b, res);
		html_elem(&b, "h2", HTTP_T(req, "Tải lên tệp đã sửa", "Upload the corrected file"));
		wbu_form(req, &b, year);
	} else {
		html_open(&b, "h2", NULL);
		html_textf(&b, "%s %d", HTTP_T(req, "Xem trước, năm", "Preview, year"), res->year);
		html_close(&b, "h2");
		wbu_plan(req, &b, res, 0);
		html_open(&b, "form", "class", "stack", "method", "post", "action",
			  web_url(req, "/workbooks/confirm", NULL, 0), NULL);
		web_csrf_field(req, &b, NULL);
		html_open(&b, "input", "type", "hidden", "name", "token", "value", token, NULL);
		html_open(&b, "input", "type", "hidden", "name", "plan", "value", res->fingerprint,
			  NULL);
		html_open(&b, "button", "type", "submit", NULL);
		html_text(&b, HTTP_T(req, "Ghi vào cơ sở dữ liệu", "Save to the database"));
		html_close(&b, "button");
		html_close(&b, "form");
		html_open(&b, "p", NULL);
		html_open(&b, "a", "href", web_url(req, "/workbooks/upload", NULL, 0), NULL);
		html_text(&b, HTTP_T(req, "Huỷ, chọn tệp khác", "Cancel, choose another file"));
		html_close(&b, "a");
		html_close(&b, "p");
	}
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/* The bare form, with a problem above it (NULL: none). */
static int
wbu_form_page(struct http_request *req, struct http_response *resp, const char *problem, int year)
{
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	const char *title = wbu_title(req);
	html_elem(&b, "h1", title);
	wfp_message(&b, 1, problem);
	wbu_intro(req, &b);
	wbu_form(req, &b, year);
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/* The year field: 0 for "the workbook's own" or anything not a year. */
static int
wbu_year(const char *s)
{
	if (s != NULL && strlen(s) == 4 && strspn(s, "0123456789") == 4) {
		int y = atoi(s);
		if (y >= 1990 && y <= 2100)
			return y;
	}
	return 0;
}

int
web_workbook_upload(struct http_request *req, struct http_response *resp)
{
	if (req->method != HTTP_POST)
		return wbu_form_page(req, resp, NULL, 0);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int year = wbu_year(http_form(req, "year"));
	const struct http_file *f = http_file(req, "file");
	int64_t now = (int64_t)time(NULL);
	char token[WBUPLOAD_TOKEN_LEN + 1];
	struct msg why;
	int rc = wbupload_put(db, req->who, f != NULL ? f->filename : NULL, year,
			      f != NULL ? f->data : NULL, f != NULL ? f->len : 0, now, token, &why);
	if (rc == ST_INVALID) {
		resp->status = why.id == MSG_WBI_UPLOAD_TOO_LARGE ? 413 : 400;
		return wbu_form_page(req, resp, wfp_text(req, &why), year);
	}
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	struct wbimport_result res;
	char name[256];
	int y;
	rc = wbupload_import(db, req->who, token, now, 1, NULL, &res, name, sizeof name, &y);
	if (rc < 0 || rc == ST_NOTFOUND) {
		wbimport_result_free(&res);
		return wfp_fail(req, resp, ST_ERR);
	}
	if (rc == WBIMPORT_ERRORS)
		resp->status = 422;
	int ret = wbu_preview(req, resp, token, &res, NULL, year);
	wbimport_result_free(&res);
	return ret;
}

int
web_workbook_confirm(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const char *token = http_form(req, "token"), *plan = http_form(req, "plan");
	int64_t now = (int64_t)time(NULL);
	struct wbimport_result res;
	char name[256];
	int year;
	int rc = wbupload_import(db, req->who, token != NULL ? token : "", now, 0,
				 plan != NULL ? plan : "", &res, name, sizeof name, &year);
	if (rc == ST_NOTFOUND) {
		wbimport_result_free(&res);
		resp->status = 404;
		return wbu_form_page(req, resp, wfp_text_id(req, MSG_WBI_UPLOAD_GONE), 0);
	}
	if (rc < 0) {
		wbimport_result_free(&res);
		return wfp_fail(req, resp, ST_ERR);
	}
	int ret;
	if (rc == WBIMPORT_CHANGED) {
		/* the preview again, with the plan as it now stands */
		resp->status = 409;
		struct wbimport_result fresh = res;
		fresh.nerr = 0; /* the "changed" notice is shown above, not as a cell error */
		ret =
		    wbu_preview(req, resp, token, &fresh, wfp_text_id(req, MSG_WBI_CHANGED), year);
	} else if (rc == WBIMPORT_ERRORS) {
		resp->status = 422;
		ret = wbu_preview(req, resp, token, &res, NULL, year);
	} else {
		struct buf b;
		buf_init(&b, WFP_PAGE_MAX);
		const char *title = wbu_title(req);
		html_elem(&b, "h1", title);
		html_open(&b, "p", "class", "notice", "role", "status", NULL);
		html_textf(&b, "%s %s (%s %d).", HTTP_T(req, "Đã ghi tệp", "Saved the file"), name,
			   HTTP_T(req, "năm", "year"), res.year);
		html_close(&b, "p");
		wbu_plan(req, &b, &res, 1);
		web_campaign_back_link(req, &b, res.campaign_id);
		html_elem(&b, "h2", HTTP_T(req, "Tải lên tệp khác", "Upload another file"));
		wbu_form(req, &b, 0);
		ret = wfp_page(req, resp, title, &b);
		buf_free(&b);
	}
	wbimport_result_free(&res);
	return ret;
}

void
web_workbook_upload_link(struct http_request *req, struct buf *b)
{
	html_open(b, "p", "class", "wb-link", NULL);
	html_open(b, "a", "href", web_url(req, "/workbooks/upload", NULL, 0), NULL);
	html_text(b,
		  HTTP_T(req, "Nộp bảng tính khảo sát đã điền", "Upload a filled survey workbook"));
	html_close(b, "a");
	html_close(b, "p");
}
