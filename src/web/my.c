/*
 * GET /my, "Cơ sở của tôi / My facilities": an enterprise user's home.  It
 * lists the user's facilities and claims (claim_list: confirmed ones link
 * to the facility page, the last year's report form and next year's
 * registration; pending and rejected ones show their status and note) and
 * a form to claim a facility by its code or tax code.  POST /my/claim
 * files the claim (claim_request) for the province to confirm and
 * redirects back (303); an unknown or already claimed facility is shown
 * beside the field with the input kept.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/registry/claim.h"
#include "render/html.h"
#include "web/wfpage.h"

static const char *const my_status_vi[CLAIM__MAX] = {"chờ Sở xác nhận", "đã xác nhận",
						     "bị từ chối"};
static const char *const my_status_en[CLAIM__MAX] = {"awaiting the province", "confirmed",
						     "rejected"};

static void
my_link(struct http_request *req, struct buf *b, const char *path, const char *text)
{
	html_open(b, "a", "href", web_url(req, path, NULL, 0), NULL);
	html_text(b, text);
	html_close(b, "a");
}

static int
my_render(struct http_request *req, struct http_response *resp, const struct wf_errors *errs)
{
	struct db *db = http_request_db(req);
	struct claim_row *rows = NULL;
	int n = 0;
	if (db == NULL || claim_list(db, req->who, -1, &req->arena, &rows, &n) != ST_OK)
		return -1;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	int year = tm.tm_year + 1900 - 1;
	const char *title = HTTP_T(req, "Cơ sở của tôi", "My facilities");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	const char *done = http_param(req, "done");
	if (done != NULL && req->method == HTTP_GET)
		wfp_message(&b, 0,
			    HTTP_T(req, "Đã gửi yêu cầu; Sở Công Thương sẽ xác nhận.",
				   "Claim sent; the Department will confirm it."));
	if (n == 0)
		html_elem(&b, "p",
			  HTTP_T(req,
				 "Bạn chưa có cơ sở nào. Hãy nhận cơ sở bằng mã hoặc mã số thuế.",
				 "You have no facility yet. Claim one by its code or tax code."));
	html_open(&b, "ul", "class", "my-facilities", NULL);
	for (int i = 0; i < n; i++) {
		const struct claim_row *c = &rows[i];
		html_open(&b, "li", "data-status", claim_status_names[c->status], NULL);
		const char *name =
		    arena_printf(&req->arena, "%s · %s", c->facility_code, c->facility_name);
		if (c->status == CLAIM_CONFIRMED) {
			my_link(req, &b,
				arena_printf(&req->arena, "/facilities/%lld",
					     (long long)c->facility_id),
				name);
			html_text(&b, " — ");
			my_link(req, &b,
				arena_printf(&req->arena, "/facilities/%lld/report/%d",
					     (long long)c->facility_id, year),
				arena_printf(&req->arena, "%s %d",
					     HTTP_T(req, "Báo cáo năm", "Annual report"), year));
			html_text(&b, " · ");
			my_link(req, &b,
				arena_printf(&req->arena, "/facilities/%lld/registration/%d",
					     (long long)c->facility_id, year + 1),
				arena_printf(&req->arena, "%s %d",
					     HTTP_T(req, "Đăng ký năm", "Registration for"),
					     year + 1));
		} else {
			html_text(&b, name);
			html_textf(&b, " (%s)",
				   HTTP_T(req, my_status_vi[c->status], my_status_en[c->status]));
			if (c->note != NULL && c->note[0] != '\0')
				html_textf(&b, ": %s", c->note);
		}
		html_close(&b, "li");
	}
	html_close(&b, "ul");
	html_elem(&b, "h2", HTTP_T(req, "Nhận cơ sở", "Claim a facility"));
	html_open(&b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/my/claim", NULL, 0), NULL);
	web_csrf_field(req, &b, NULL);
	wfp_input(req, &b, HTTP_T(req, "Mã cơ sở hoặc mã số thuế", "Facility code or tax code"),
		  "key", req->method == HTTP_POST ? http_form(req, "key") : NULL, errs);
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, HTTP_T(req, "Gửi yêu cầu", "Send the claim"));
	html_close(&b, "button");
	html_close(&b, "form");
	html_open(&b, "p", NULL);
	my_link(req, &b, "/review", HTTP_T(req, "Việc cần làm", "To do"));
	html_close(&b, "p");
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_my(struct http_request *req, struct http_response *resp)
{
	return my_render(req, resp, NULL);
}

int
web_my_claim(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const char *key = http_form(req, "key");
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t id;
	int rc = ST_NOTFOUND;
	if (key == NULL || key[0] == '\0')
		wf_errors_add_id(&errs, MSG_VAL_REQUIRED, "key");
	else
		rc = claim_request(db, req->who, key, &id);
	if (rc == ST_OK) {
		struct http_param done = {"done", "claimed"};
		wfp_redirect(resp, web_url(req, "/my", &done, 1));
		return 0;
	}
	if (rc == ST_ERR)
		return -1;
	if (errs.n == 0)
		wf_errors_add_id(&errs, rc == ST_EXISTS ? MSG_CLAIM_TAKEN : MSG_CLAIM_NO_FACILITY,
				 "key");
	resp->status = 400;
	return my_render(req, resp, &errs);
}
