/*
 * GET /claims, "Yêu cầu nhận cơ sở / Facility claims": the province staff's
 * side of model/registry/claim.h.  It lists the claims enterprise users made on /my
 * (claim_list, newest first; pending ones by default, ?status=confirmed,
 * rejected or all for the others) with the user's email, the facility's
 * code, name and tax code and when the claim was made.  Each pending claim
 * has one form with an optional note and two buttons (confirm, reject)
 * carrying the claim's version and the CSRF token.  POST /claims/{id}
 * decides (claim_decide) and redirects back (303); a stale version or a
 * claim already decided answers 409 with the list and the message, a note
 * that is too long 400 with the note kept beside the field.
 */
#include <stdio.h>
#include <string.h>

#include "model/registry/claim.h"
#include "render/html.h"
#include "util/fmt.h"
#include "web/wfpage.h"

/* The filter values of ?status=, in the order of the filter links; "" = pending. */
static const struct {
	const char *value, *vi, *en;
	int status; /* enum claim_status, -1 any */
} cl_filters[] = {
    {"", "Chờ xác nhận", "Pending", CLAIM_CLAIMED},
    {"confirmed", "Đã xác nhận", "Confirmed", CLAIM_CONFIRMED},
    {"rejected", "Đã từ chối", "Rejected", CLAIM_REJECTED},
    {"all", "Tất cả", "All", -1},
};

static const char *const cl_status_vi[CLAIM__MAX] = {"chờ xác nhận", "đã xác nhận", "bị từ chối"};
static const char *const cl_status_en[CLAIM__MAX] = {"pending", "confirmed", "rejected"};

/* The decisions a form offers: op value, confirm flag, button label. */
static const struct {
	const char *op;
	int confirm;
	const char *vi, *en, *done_vi, *done_en;
} cl_ops[] = {
    {"confirm", 1, "Xác nhận", "Confirm", "Đã xác nhận yêu cầu.", "Claim confirmed."},
    {"reject", 0, "Từ chối", "Reject", "Đã từ chối yêu cầu.", "Claim rejected."},
};

#define CL_NOPS ((int)(sizeof(cl_ops) / sizeof(cl_ops[0])))

/* The index in cl_filters of ?status= (the pending filter when absent); -1 when unknown. */
static int
cl_filter(struct http_request *req)
{
	const char *v = http_param(req, "status");
	for (size_t i = 0; i < sizeof(cl_filters) / sizeof(cl_filters[0]); i++)
		if (strcmp(v != NULL ? v : "", cl_filters[i].value) == 0 ||
		    (v != NULL && i == 0 && strcmp(v, "claimed") == 0))
			return (int)i;
	return -1;
}

/* The decision form of pending claim c; the note typed for it is kept after an error. */
static void
cl_form(struct http_request *req, struct buf *b, const struct claim_row *c,
	const struct wf_errors *errs, int64_t posted_id)
{
	html_open(
	    b, "form", "class", "stack action", "method", "post", "action",
	    web_url(req, arena_printf(&req->arena, "/claims/%lld", (long long)c->id), NULL, 0),
	    NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "input", "type", "hidden", "name", "version", "value",
		  arena_printf(&req->arena, "%lld", (long long)c->version), NULL);
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Ghi chú", "Note"));
	html_open(b, "textarea", "name", "note", "rows", "2", NULL);
	const char *typed = req->method == HTTP_POST ? http_form(req, "note") : NULL;
	if (typed != NULL && posted_id == c->id)
		html_text(b, typed);
	html_close(b, "textarea");
	if (posted_id == c->id)
		wfp_field_error(req, b, errs, "note");
	html_close(b, "label");
	for (int i = 0; i < CL_NOPS; i++) {
		html_open(b, "button", "type", "submit", "name", "op", "value", cl_ops[i].op, NULL);
		html_text(b, HTTP_T(req, cl_ops[i].vi, cl_ops[i].en));
		html_close(b, "button");
	}
	html_close(b, "form");
}

/*
 * The page: filter links, the message of a finished decision (?done=op) or
 * problem, and the table.  posted_id is the claim whose POST failed (0:
 * none), whose note and errors are shown in its form.
 */
static int
cl_render(struct http_request *req, struct http_response *resp, int filter,
	  const struct wf_errors *errs, int64_t posted_id, const char *problem)
{
	struct db *db = http_request_db(req);
	struct claim_row *rows = NULL;
	int n = 0;
	if (db == NULL ||
	    claim_list(db, req->who, cl_filters[filter].status, &req->arena, &rows, &n) != ST_OK)
		return -1;
	const char *title = HTTP_T(req, "Yêu cầu nhận cơ sở", "Facility claims");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	const char *done = http_param(req, "done");
	for (int i = 0; done != NULL && req->method == HTTP_GET && i < CL_NOPS; i++)
		if (strcmp(done, cl_ops[i].op) == 0)
			wfp_message(&b, 0, HTTP_T(req, cl_ops[i].done_vi, cl_ops[i].done_en));
	wfp_message(&b, 1, problem);

	html_open(&b, "ul", "class", "counts", NULL);
	for (size_t i = 0; i < sizeof(cl_filters) / sizeof(cl_filters[0]); i++) {
		struct http_param p = {"status", cl_filters[i].value};
		html_open(&b, "li", NULL);
		const char *url = web_url(req, "/claims", &p, p.value[0] != '\0');
		if ((int)i == filter)
			html_open(&b, "a", "href", url, "aria-current", "page", NULL);
		else
			html_open(&b, "a", "href", url, NULL);
		html_text(&b, HTTP_T(req, cl_filters[i].vi, cl_filters[i].en));
		html_close(&b, "a");
		html_close(&b, "li");
	}
	html_close(&b, "ul");

	html_open(&b, "p", "class", "total", NULL);
	html_textf(&b, "%s: %s", HTTP_T(req, "Số yêu cầu", "Claims"), web_int(req, n));
	html_close(&b, "p");
	web_scroll_open(&b, HTTP_T(req, "Yêu cầu nhận cơ sở", "Facility claims"));
	html_open(&b, "table", "class", "list claims", NULL);
	html_open(&b, "thead", NULL);
	html_open(&b, "tr", NULL);
	static const char *const th[][2] = {
	    {"Người yêu cầu", "Claimed by"}, {"Cơ sở", "Facility"},    {"Mã số thuế", "Tax code"},
	    {"Thời điểm", "When"},	     {"Trạng thái", "Status"}, {"Quyết định", "Decision"}};
	for (size_t i = 0; i < sizeof(th) / sizeof(th[0]); i++)
		html_elem(&b, "th", HTTP_T(req, th[i][0], th[i][1]));
	html_close(&b, "tr");
	html_close(&b, "thead");
	html_open(&b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		const struct claim_row *c = &rows[i];
		html_open(&b, "tr", "data-claim",
			  arena_printf(&req->arena, "%lld", (long long)c->id), "data-status",
			  claim_status_names[c->status], NULL);
		html_elem(&b, "td", c->email);
		html_open(&b, "td", NULL);
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, "/facilities/%lld",
					       (long long)c->facility_id),
				  NULL, 0),
			  NULL);
		html_textf(&b, "%s · %s", c->facility_code, c->facility_name);
		html_close(&b, "a");
		html_close(&b, "td");
		html_elem(&b, "td", c->tax_code[0] != '\0' ? c->tax_code : "—");
		html_elem(&b, "td", c->claimed_at);
		html_open(&b, "td", NULL);
		html_text(&b, HTTP_T(req, cl_status_vi[c->status], cl_status_en[c->status]));
		if (c->note[0] != '\0')
			html_textf(&b, ": %s", c->note);
		html_close(&b, "td");
		html_open(&b, "td", NULL);
		if (c->status == CLAIM_CLAIMED)
			cl_form(req, &b, c, errs, posted_id);
		html_close(&b, "td");
		html_close(&b, "tr");
	}
	html_close(&b, "tbody");
	html_close(&b, "table");
	html_close(&b, "div");
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_claims(struct http_request *req, struct http_response *resp)
{
	int filter = cl_filter(req);
	if (filter < 0) {
		web_error(req, resp, 400, "Bộ lọc không hợp lệ.", "Invalid filter.");
		return 0;
	}
	return cl_render(req, resp, filter, NULL, 0, NULL);
}

int
web_claim_decide(struct http_request *req, struct http_response *resp)
{
	int64_t id, version = 0;
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	const char *op = http_form(req, "op"), *ver = http_form(req, "version");
	int k = -1;
	for (int i = 0; op != NULL && i < CL_NOPS; i++)
		if (strcmp(op, cl_ops[i].op) == 0)
			k = i;
	if (k < 0 || ver == NULL || parse_int64(ver, &version) < 0) {
		web_error(req, resp, 400, "Thiếu quyết định hoặc phiên bản.",
			  "The decision or the version is missing.");
		return 0;
	}
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int rc = claim_decide(db, req->who, id, version, cl_ops[k].confirm, http_form(req, "note"),
			      &errs);
	if (rc == ST_OK) {
		struct http_param done = {"done", cl_ops[k].op};
		wfp_redirect(resp, web_url(req, "/claims", &done, 1));
		return 0;
	}
	static const struct {
		int rc, status;
	} st[] = {{ST_INVALID, 400}, {ST_CONFLICT, 409}, {ST_STATE, 409}};
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		if (st[i].rc != rc)
			continue;
		resp->status = st[i].status;
		return cl_render(req, resp, 0, &errs, id,
				 rc == ST_INVALID ? NULL : wfp_text_id(req, msg_status(rc)));
	}
	return wfp_fail(req, resp, rc);
}
