/*
 * GET /my, "Cơ sở của tôi / My facilities": an enterprise user's home and
 * its landing page after sign-in (web_home_path).  At the top, the notices
 * of its documents returned or accepted since it last marked them seen
 * (POST /my/seen marks them, up to the newest shown).  Then each facility
 * it is a confirmed member of, with the documents that matter now
 * (home_overview: the registration for next year, this reporting year's
 * report and registration, last year's), each with its state in words,
 * its deadline (overdue when passed and not sent), one next action, and a
 * returned one's note in a box with who returned it and when.  Then the
 * claims still pending or rejected, and the form to claim a facility by
 * its code or tax code: POST /my/claim files it (claim_request) and
 * redirects back (303); an unknown or already claimed facility is shown
 * beside the field with the input kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/registry/claim.h"
#include "model/reporting/home.h"
#include "render/html.h"
#include "web/wfpage.h"

static const char *const my_status_vi[CLAIM__MAX] = {"chờ Sở xác nhận", "đã xác nhận",
						     "bị từ chối"};
static const char *const my_status_en[CLAIM__MAX] = {"awaiting the province", "confirmed",
						     "rejected"};

const char *
web_home_path(const struct principal *who)
{
	if (who == NULL)
		return "/";
	switch (who->role) {
	case ROLE_ENTERPRISE:
		return "/my";
	case ROLE_DISTRICT:
	case ROLE_PROVINCE:
		return "/review";
	default:
		return "/";
	}
}

/* Message id with the arguments args (plain integers or texts) in the page's language. */
static const char *
my_text(struct http_request *req, enum msg_id id, const char *a1, const char *a2, const char *a3)
{
	struct msg m;
	msg_init(&m, id, NULL);
	const char *a[3] = {a1, a2, a3};
	for (int i = 0; i < 3 && a[i] != NULL; i++)
		msg_code(&m, a[i]);
	return wfp_text(req, &m);
}

static const char *
my_year(struct http_request *req, int year)
{
	return arena_printf(&req->arena, "%d", year);
}

static const enum msg_id my_state_msg[WF_STATE__MAX] = {
    [WF_DRAFT] = MSG_HOME_ST_DRAFT,	    [WF_SUBMITTED] = MSG_HOME_ST_SUBMITTED,
    [WF_FORWARDED] = MSG_HOME_ST_FORWARDED, [WF_RETURNED] = MSG_HOME_ST_RETURNED,
    [WF_ACCEPTED] = MSG_HOME_ST_ACCEPTED,
};

/* The notices and the button that marks them seen. */
static void
my_notices(struct http_request *req, struct buf *b, const struct home_notice *v, int n)
{
	if (n == 0)
		return;
	html_open(b, "section", "class", "home-notices", "aria-labelledby", "home-notices-h", NULL);
	html_open(b, "h2", "id", "home-notices-h", NULL);
	html_text(b, HTTP_T(req, "Thông báo mới", "New notices"));
	html_close(b, "h2");
	html_open(b, "ul", NULL);
	for (int i = 0; i < n; i++) {
		const struct home_notice *x = &v[i];
		enum msg_id id =
		    x->kind == WF_KIND_REPORT
			? (x->accepted ? MSG_HOME_NOTICE_REP_ACC : MSG_HOME_NOTICE_REP_RET)
			: (x->accepted ? MSG_HOME_NOTICE_REG_ACC : MSG_HOME_NOTICE_REG_RET);
		html_open(b, "li", "class",
			  x->accepted ? "home-notice accepted" : "home-notice returned", NULL);
		html_text(b, my_text(req, id, my_year(req, x->year), x->facility_name,
				     web_date_unix(req, x->at)));
		html_text(b, " ");
		html_open(
		    b, "a", "href",
		    web_url(req,
			    arena_printf(&req->arena, "/%s/%lld",
					 x->kind == WF_KIND_REPORT ? "reports" : "registrations",
					 (long long)x->doc_id),
			    NULL, 0),
		    NULL);
		html_text(b, x->kind == WF_KIND_REPORT ? web_msg(req, MSG_HOME_ACT_REPORT_VIEW)
						       : web_msg(req, MSG_HOME_ACT_REG_VIEW));
		html_close(b, "a");
		html_close(b, "li");
	}
	html_close(b, "ul");
	html_open(b, "form", "class", "home-seen", "method", "post", "action",
		  web_url(req, "/my/seen", NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "input", "type", "hidden", "name", "upto", "value",
		  arena_printf(&req->arena, "%lld", (long long)v[0].audit_id), NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Đã xem, ẩn các thông báo này", "Seen, hide these notices"));
	html_close(b, "button");
	html_close(b, "form");
	html_close(b, "section");
}

/* Where the next action of d of facility fid leads. */
static const char *
my_action_path(struct http_request *req, int64_t fid, const struct home_doc *d)
{
	int rep = d->kind == WF_KIND_REPORT;
	if (d->action == HOME_ACT_VIEW)
		return arena_printf(&req->arena, "/%s/%lld", rep ? "reports" : "registrations",
				    (long long)d->id);
	return arena_printf(&req->arena, "/facilities/%lld/%s/%d", (long long)fid,
			    rep ? "report" : "registration", d->year);
}

static const char *
my_action_text(struct http_request *req, const struct home_doc *d)
{
	int rep = d->kind == WF_KIND_REPORT;
	switch (d->action) {
	case HOME_ACT_CREATE:
		return my_text(req, rep ? MSG_HOME_ACT_REPORT_NEW : MSG_HOME_ACT_REG_NEW,
			       my_year(req, d->year), NULL, NULL);
	case HOME_ACT_CONTINUE:
		return web_msg(req, MSG_HOME_ACT_CONTINUE);
	case HOME_ACT_FIX:
		return web_msg(req, MSG_HOME_ACT_FIX);
	default:
		return web_msg(req, rep ? MSG_HOME_ACT_REPORT_VIEW : MSG_HOME_ACT_REG_VIEW);
	}
}

/* One document: its name, state, deadline, the return note, the next action. */
static void
my_doc(struct http_request *req, struct buf *b, int64_t fid, const struct home_doc *d)
{
	int rep = d->kind == WF_KIND_REPORT;
	const char *state = d->id == 0 ? "none" : names_state[d->state].code;
	html_open(b, "li", "class", d->overdue ? "home-doc overdue" : "home-doc", "data-kind",
		  wf_kind_names[d->kind], "data-year", my_year(req, d->year), "data-state", state,
		  NULL);
	html_open(b, "h4", NULL);
	html_textf(b, "%s %d",
		   rep ? HTTP_T(req, "Báo cáo năm", "Report for")
		       : HTTP_T(req, "Đăng ký năm", "Registration for"),
		   d->year);
	html_close(b, "h4");
	html_open(b, "p", "class", "home-state", NULL);
	html_text(b, web_msg(req, d->id == 0 ? MSG_HOME_ST_NONE : my_state_msg[d->state]));
	html_close(b, "p");
	char due[HOME_DATE_SIZE];
	home_date_show(d->due, due);
	html_open(b, "p", "class", d->overdue ? "home-due overdue" : "home-due", NULL);
	html_text(b, my_text(req, d->overdue ? MSG_HOME_OVERDUE : MSG_HOME_DUE, due, NULL, NULL));
	html_close(b, "p");
	if (d->state == WF_RETURNED && d->id != 0) {
		html_open(b, "div", "class", "home-note", "role", "note", NULL);
		html_open(b, "p", "class", "home-note-by", NULL);
		if (d->returned_at > 0)
			html_text(b, my_text(req, MSG_HOME_NOTE_BY, d->returned_by,
					     web_datetime_unix(req, d->returned_at), NULL));
		else
			html_text(b, HTTP_T(req, "Ý kiến của người xem xét:", "Reviewer's note:"));
		html_close(b, "p");
		html_open(b, "p", "class", "home-note-text", NULL); /* line breaks kept (CSS) */
		html_text(b, d->note);
		html_close(b, "p");
		html_close(b, "div");
	}
	html_open(b, "p", "class", "home-next", NULL);
	html_open(b, "a", "class", d->action == HOME_ACT_VIEW ? "home-action view" : "home-action",
		  "href", web_url(req, my_action_path(req, fid, d), NULL, 0), NULL);
	html_text(b, my_action_text(req, d));
	html_close(b, "a");
	html_close(b, "p");
	html_close(b, "li");
}

static void
my_facility(struct http_request *req, struct buf *b, const struct home_facility *f)
{
	html_open(b, "section", "class", "home-facility", NULL);
	html_open(b, "h2", NULL);
	html_open(
	    b, "a", "href",
	    web_url(req, arena_printf(&req->arena, "/facilities/%lld", (long long)f->id), NULL, 0),
	    NULL);
	html_textf(b, "%s · %s", f->code, f->name);
	html_close(b, "a");
	html_close(b, "h2");
	web_campaign_home_link(req, b, f->id, f->code);
	int year = 0;
	for (int i = 0; i < f->ndocs; i++) {
		if (f->docs[i].year != year) {
			if (year != 0)
				html_close(b, "ul");
			year = f->docs[i].year;
			html_open(b, "h3", NULL);
			html_textf(b, "%s %d", HTTP_T(req, "Năm", "Year"), year);
			html_close(b, "h3");
			html_open(b, "ul", "class", "home-docs", NULL);
		}
		my_doc(req, b, f->id, &f->docs[i]);
	}
	if (year != 0)
		html_close(b, "ul");
	html_close(b, "section");
}

static int
my_render(struct http_request *req, struct http_response *resp, const struct wf_errors *errs)
{
	struct db *db = http_request_db(req);
	struct claim_row *rows = NULL;
	struct home_facility *fac = NULL;
	struct home_notice *notes = NULL;
	int n = 0, nfac = 0, nnotes = 0;
	int64_t now = (int64_t)time(NULL);
	if (db == NULL || claim_list(db, req->who, -1, &req->arena, &rows, &n) != ST_OK ||
	    home_overview(db, req->who, now, &req->arena, &fac, &nfac) != ST_OK ||
	    home_notices(db, req->who, &req->arena, &notes, &nnotes) != ST_OK)
		return -1;
	const char *title = HTTP_T(req, "Cơ sở của tôi", "My facilities");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	const char *done = http_param(req, "done");
	if (done != NULL && req->method == HTTP_GET && strcmp(done, "claimed") == 0)
		wfp_message(&b, 0,
			    HTTP_T(req, "Đã gửi yêu cầu; Sở Công Thương sẽ xác nhận.",
				   "Claim sent; the Department will confirm it."));
	my_notices(req, &b, notes, nnotes);
	web_workbook_upload_link(req, &b);
	if (n == 0)
		html_elem(&b, "p",
			  HTTP_T(req,
				 "Bạn chưa có cơ sở nào. Hãy nhận cơ sở bằng mã hoặc mã số thuế.",
				 "You have no facility yet. Claim one by its code or tax code."));
	for (int i = 0; i < nfac; i++)
		my_facility(req, &b, &fac[i]);
	int pending = 0;
	for (int i = 0; i < n; i++)
		pending += rows[i].status != CLAIM_CONFIRMED;
	if (pending > 0) {
		html_elem(&b, "h2", HTTP_T(req, "Yêu cầu nhận cơ sở", "Facility claims"));
		html_open(&b, "ul", "class", "my-facilities", NULL);
		for (int i = 0; i < n; i++) {
			const struct claim_row *c = &rows[i];
			if (c->status == CLAIM_CONFIRMED)
				continue;
			html_open(&b, "li", "data-status", claim_status_names[c->status], NULL);
			html_textf(&b, "%s · %s (%s)", c->facility_code, c->facility_name,
				   HTTP_T(req, my_status_vi[c->status], my_status_en[c->status]));
			if (c->note != NULL && c->note[0] != '\0')
				html_textf(&b, ": %s", c->note);
			html_close(&b, "li");
		}
		html_close(&b, "ul");
	}
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

int
web_my_seen(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const char *upto = http_form(req, "upto");
	long long v = 0;
	if (upto != NULL && upto[0] != '\0' && strlen(upto) < 19 &&
	    upto[strspn(upto, "0123456789")] == '\0')
		v = strtoll(upto, NULL, 10);
	int rc = home_seen_set(db, req->who, v, (int64_t)time(NULL));
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	wfp_redirect(resp, web_url(req, "/my", NULL, 0));
	return 0;
}
