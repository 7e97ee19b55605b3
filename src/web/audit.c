/*
 * GET /audit (province staff and admins): the audit log, newest first,
 * filterable by entity (table or kind: report, registration, facility,
 * app_user ...), user (the actor's email), action (a prefix: "report." or
 * "report.submit") and a date range (from, to: YYYY-MM-DD), 100 rows a
 * page.  Each row shows when, who, what and the before and after JSON
 * documents, so a change can be read back.
 */
#include <stdio.h>
#include <string.h>

#include "model/audit.h"
#include "render/html.h"
#include "util/fmt.h"
#include "web/wfpage.h"

#define AUDIT_PAGE 100

/* The filters: query parameter, label, and whether it is a date. */
static const struct {
	const char *name, *vi, *en;
	int date;
} audit_filters[] = {
    {"entity", "Đối tượng", "Entity", 0},
    {"user", "Người dùng (email)", "User (email)", 0},
    {"action", "Thao tác", "Action", 0},
    {"from", "Từ ngày (YYYY-MM-DD)", "From (YYYY-MM-DD)", 1},
    {"to", "Đến ngày (YYYY-MM-DD)", "To (YYYY-MM-DD)", 1},
};
#define AUDIT_NFILTERS (sizeof(audit_filters) / sizeof(audit_filters[0]))

/* Reads the filters of the query into f; -1 when a date is malformed. */
static int
audit_filter_read(struct http_request *req, struct audit_filter *f)
{
	const char **field[] = {&f->entity, &f->actor, &f->action, &f->from, &f->to};
	for (size_t i = 0; i < AUDIT_NFILTERS; i++) {
		const char *v = http_param(req, audit_filters[i].name);
		int y, m, d;
		*field[i] = v;
		if (v != NULL && v[0] != '\0' && audit_filters[i].date &&
		    parse_date(v, &y, &m, &d) < 0)
			return -1;
	}
	return 0;
}

/* Where audit_row appends. */
struct audit_row_ctx {
	struct http_request *req;
	struct buf *b;
};

/* Appends one row of the log's table (audit_each's callback). */
static void
audit_row(void *ctx, const struct audit_entry *e)
{
	struct audit_row_ctx *c = ctx;
	struct buf *b = c->b;
	html_open(b, "tr", NULL);
	html_elem(b, "td", e->at);
	html_elem(b, "td", e->actor);
	html_elem(b, "td", e->action);
	html_elem(
	    b, "td",
	    arena_printf(&c->req->arena, "%s %s", e->entity, e->entity_id ? e->entity_id : ""));
	const char *json[] = {e->before_json, e->after_json};
	for (int i = 0; i < 2; i++) {
		html_open(b, "td", NULL);
		html_open(b, "code", "class", "json", NULL);
		html_text(b, json[i] != NULL ? json[i] : "—");
		html_close(b, "code");
		html_close(b, "td");
	}
	html_close(b, "tr");
}

int
web_audit(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int64_t page = 1;
	const char *pg = http_param(req, "page");
	if (pg != NULL && pg[0] != '\0' &&
	    (parse_int64(pg, &page) < 0 || page < 1 || page > 1000000)) {
		web_error(req, resp, 400, "Trang không hợp lệ.", "Invalid page.");
		return 0;
	}
	struct audit_filter filter;
	if (audit_filter_read(req, &filter) < 0) {
		web_error(req, resp, 400, "Ngày không hợp lệ (YYYY-MM-DD).",
			  "Invalid date (YYYY-MM-DD).");
		return 0;
	}
	int64_t total;
	audit_count(db, &filter, &total); /* 0 when it fails: the list below reports */

	const char *title = HTTP_T(req, "Nhật ký thay đổi", "Audit log");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	html_open(&b, "form", "class", "filters", "method", "get", "action", "/audit", NULL);
	if (req->lang == LANG_EN)
		html_open(&b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	for (size_t i = 0; i < AUDIT_NFILTERS; i++) {
		const char *v = http_param(req, audit_filters[i].name);
		html_open(&b, "label", NULL);
		html_text(&b, HTTP_T(req, audit_filters[i].vi, audit_filters[i].en));
		html_open(&b, "input", "type", "text", "name", audit_filters[i].name, "value",
			  v ? v : "", NULL);
		html_close(&b, "label");
	}
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, HTTP_T(req, "Lọc", "Filter"));
	html_close(&b, "button");
	html_close(&b, "form");
	html_open(&b, "p", "class", "total", NULL);
	html_textf(&b, "%s: %s", HTTP_T(req, "Số dòng", "Entries"), web_int(req, (long)total));
	html_close(&b, "p");

	html_open(&b, "div", "class", "scroll", NULL);
	html_open(&b, "table", "class", "list audit", NULL);
	html_open(&b, "thead", NULL);
	html_open(&b, "tr", NULL);
	static const char *const th[][2] = {
	    {"Thời điểm (UTC)", "When (UTC)"}, {"Ai", "Who"},	    {"Thao tác", "Action"},
	    {"Đối tượng", "Entity"},	       {"Trước", "Before"}, {"Sau", "After"}};
	for (size_t i = 0; i < sizeof(th) / sizeof(th[0]); i++)
		html_elem(&b, "th", HTTP_T(req, th[i][0], th[i][1]));
	html_close(&b, "tr");
	html_close(&b, "thead");
	html_open(&b, "tbody", NULL);
	struct audit_row_ctx row_ctx = {req, &b};
	int rc = audit_each(db, &filter, AUDIT_PAGE, (page - 1) * AUDIT_PAGE, audit_row, &row_ctx);
	html_close(&b, "tbody");
	html_close(&b, "table");
	html_close(&b, "div");
	if (rc < 0) {
		buf_free(&b);
		return -1;
	}
	if (page * AUDIT_PAGE < total) {
		struct http_param p[AUDIT_NFILTERS + 1];
		int n = 0;
		for (size_t i = 0; i < AUDIT_NFILTERS; i++)
			p[n++] = (struct http_param){audit_filters[i].name,
						     http_param(req, audit_filters[i].name)};
		p[n++] = (struct http_param){
		    "page", arena_printf(&req->arena, "%lld", (long long)page + 1)};
		html_open(&b, "p", NULL);
		html_open(&b, "a", "href", web_url(req, "/audit", p, n), "rel", "next", NULL);
		html_text(&b, HTTP_T(req, "Trang sau", "Next page"));
		html_close(&b, "a");
		html_close(&b, "p");
	}
	rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}
