/*
 * The review side of the workflow.  GET /review: the queue of reports and
 * registrations in the caller's scope (wf_queue_list) with filters (kind,
 * status, year, administrative unit, sector) and the count per status, each
 * count a link to that status.  GET /reports/{id} and /registrations/{id}:
 * one object with its state, the reviewer's note, its content (a report
 * with its TOE/SEC preview) and one POST form per action the caller may
 * take from that state (wf_check): submit, forward, return (note
 * required), accept, reopen, each carrying the version it was loaded with
 * and the CSRF token.  POST .../action moves it (doc_transition) and redirects back (303); a
 * missing note is shown beside the note field, a stale version answers 409 with the note kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/registry/facility_edit.h"
#include "model/registry/refdata.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/wfpage.h"

#define RV_PAGE 50

/* The document under review, whatever its kind. */
struct rv_obj {
	enum wf_kind kind;
	const struct doc_kind *k;
	void *doc;		  /* the kind's struct (report, registration) */
	const struct doc_head *h; /* its head: id, facility, year, state, version */
};

static const char *const rv_paths[WF_KIND__MAX] = {"/reports/%lld", "/registrations/%lld"};

/* The actions offered as buttons, in this order. */
static const struct {
	enum wf_action action;
	const char *vi, *en;
} rv_actions[] = {
    {WF_SUBMIT, "Nộp", "Submit"},	{WF_FORWARD, "Chuyển lên Sở", "Forward to the province"},
    {WF_ACCEPT, "Chấp nhận", "Accept"}, {WF_RETURN, "Trả lại", "Return"},
    {WF_REOPEN, "Mở lại", "Reopen"},
};

static int
rv_load(struct db *db, const struct principal *who, enum wf_kind kind, int64_t id, struct rv_obj *o)
{
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->k = doc_kinds[kind];
	int rc = doc_get(db, o->k, who, id, &o->doc);
	if (rc == ST_OK)
		o->h = doc_head(o->k, o->doc);
	return rc;
}

static void
rv_row(struct buf *b, const char *th, const char *td)
{
	html_open(b, "tr", NULL);
	html_elem(b, "th", th);
	html_elem(b, "td", td);
	html_close(b, "tr");
}

/* A report's content: CP status, outputs and energy, and the preview. */
static int
rv_report_body(struct http_request *req, struct db *db, struct buf *b, const struct report *r)
{
	static const char *const cp_vi[REPORT_CP__MAX] = {"Biết về SXSH", "Có cán bộ SXSH",
							  "Có bộ phận SXSH", "Áp dụng SXSH"};
	static const char *const cp_en[REPORT_CP__MAX] = {"Aware of CP", "Has CP staff",
							  "Has a CP unit", "Applies CP"};
	html_open(b, "table", "class", "list", NULL);
	for (int c = 0; c < REPORT_CP__MAX; c++)
		rv_row(b, HTTP_T(req, cp_vi[c], cp_en[c]),
		       r->cp[c] < 0 ? "—"
		       : r->cp[c]   ? HTTP_T(req, "Có", "Yes")
				    : HTTP_T(req, "Không", "No"));
	for (int i = 0; i < r->nout; i++)
		rv_row(b,
		       arena_printf(&req->arena, "%s %s", HTTP_T(req, "Sản lượng", "Output"),
				    r->out[i].product),
		       arena_printf(&req->arena, "%s %s", web_qty(req, r->out[i].quantity, FMT_QTY),
				    r->out[i].unit));
	for (int i = 0; i < r->nenergy; i++)
		rv_row(b,
		       arena_printf(&req->arena, "%s %s", HTTP_T(req, "Năng lượng", "Energy"),
				    r->energy[i].carrier),
		       arena_printf(&req->arena, "%s %s",
				    web_qty(req, r->energy[i].quantity, FMT_QTY),
				    r->energy[i].unit));
	html_close(b, "table");
	struct report_preview pv;
	if (report_preview(db, r, &pv) != ST_OK)
		return -1;
	html_open(b, "p", NULL);
	html_text(b, HTTP_T(req, "Tổng năng lượng: ", "Total energy: "));
	html_open(b, "strong", "class", "toe", NULL);
	if (pv.energy_missing)
		html_text(b, wfp_text_id(req, MSG_ENERGY_MISSING));
	else
		html_textf(b, "%s TOE", web_qty(req, pv.toe, FMT_TOE));
	html_close(b, "strong");
	html_close(b, "p");
	for (int i = 0; i < pv.nprod; i++) {
		const struct report_preview_product *pp = &pv.prod[i];
		if (!pp->has_norm)
			continue;
		html_open(b, "p", NULL);
		html_textf(b, "%s: %s %s/%s, %s %s (%s)", pp->product,
			   web_qty(req, pp->sec_norm, FMT_SEC), pp->norm.energy_unit,
			   pp->norm.per_unit, HTTP_T(req, "định mức", "norm"),
			   web_qty(req, pp->norm.value, FMT_SEC), web_pct(req, pp->ratio * 100));
		html_close(b, "p");
	}
	wfp_warnings(req, b,
		     HTTP_T(req, "Cảnh báo: số liệu có vẻ không hợp lý, cần xem kỹ:",
			    "Warnings: figures that look implausible, to look at closely:"),
		     pv.warn, pv.nwarn);
	wfp_explanations(req, b, r);
	report_preview_free(&pv);
	return 0;
}

static void
rv_registration_body(struct http_request *req, struct buf *b, const struct registration *g)
{
	html_open(b, "table", "class", "list", NULL);
	rv_row(b, HTTP_T(req, "Cam kết áp dụng SXSH", "Commits to apply CP"),
	       g->apply_cp ? HTTP_T(req, "Có", "Yes") : HTTP_T(req, "Không", "No"));
	rv_row(b, HTTP_T(req, "Mức tiết kiệm dự kiến", "Planned saving"),
	       g->has_saving ? web_pct(req, g->planned_saving_pct) : "—");
	rv_row(b, HTTP_T(req, "Giải pháp", "Measures"), g->measures[0] ? g->measures : "—");
	html_close(b, "table");
}

/* The action forms the caller may use from o's state. */
static void
rv_actions_forms(struct http_request *req, struct buf *b, const struct rv_obj *o,
		 const struct wf_errors *errs)
{
	const char *action_url =
	    web_url(req,
		    arena_printf(&req->arena, "%s/action",
				 arena_printf(&req->arena, rv_paths[o->kind], (long long)o->h->id)),
		    NULL, 0);
	const char *typed = req->method == HTTP_POST ? http_form(req, "note") : NULL;
	for (size_t i = 0; i < sizeof(rv_actions) / sizeof(rv_actions[0]); i++) {
		enum wf_state to;
		int note_required = 0;
		if (doc_check(o->k, rv_actions[i].action, o->h->state, req->who, &to,
			      &note_required) != ST_OK)
			continue;
		const char *name = wf_action_names[rv_actions[i].action];
		html_open(b, "form", "class", "stack action", "method", "post", "action",
			  action_url, NULL);
		web_csrf_field(req, b, NULL);
		html_open(b, "input", "type", "hidden", "name", "version", "value",
			  arena_printf(&req->arena, "%lld", (long long)o->h->version), NULL);
		html_open(b, "input", "type", "hidden", "name", "action", "value", name, NULL);
		if (rv_actions[i].action == WF_RETURN || rv_actions[i].action == WF_REOPEN) {
			html_open(b, "label", NULL);
			html_text(b, note_required
					 ? HTTP_T(req, "Ghi chú (bắt buộc)", "Note (required)")
					 : HTTP_T(req, "Ghi chú", "Note"));
			html_open(b, "textarea", "name", "note", "rows", "3", NULL);
			const char *was = http_form(req, "action");
			if (typed != NULL && was != NULL && strcmp(was, name) == 0)
				html_text(b, typed);
			html_close(b, "textarea");
			const char *was_action = http_form(req, "action");
			if (was_action != NULL && strcmp(was_action, name) == 0)
				wfp_field_error(req, b, errs, "note");
			html_close(b, "label");
		}
		html_open(b, "button", "type", "submit", "name", "op", "value", name, NULL);
		html_text(b, HTTP_T(req, rv_actions[i].vi, rv_actions[i].en));
		html_close(b, "button");
		html_close(b, "form");
	}
}

static int
rv_render(struct http_request *req, struct http_response *resp, struct db *db,
	  const struct rv_obj *o, const struct wf_errors *errs, const char *problem)
{
	struct facility_profile fac;
	if (facility_profile_get(db, req->who, o->h->facility_id, &fac) != ST_OK)
		return -1;
	const char *title =
	    arena_printf(&req->arena, "%s %d — %s",
			 o->kind == WF_KIND_REPORT ? HTTP_T(req, "Báo cáo năm", "Annual report")
						   : HTTP_T(req, "Đăng ký năm", "Registration for"),
			 o->h->year, fac.name);
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	html_open(&b, "p", NULL);
	html_open(
	    &b, "a", "href",
	    web_url(req, arena_printf(&req->arena, "/facilities/%lld", (long long)fac.id), NULL, 0),
	    NULL);
	html_textf(&b, "%s · %s", fac.code, fac.name);
	html_close(&b, "a");
	html_close(&b, "p");
	html_open(&b, "p", "class", "state", NULL);
	html_text(&b, HTTP_T(req, "Trạng thái: ", "Status: "));
	html_open(&b, "strong", "class", names_state[o->h->state].code, NULL);
	html_text(&b, wfp_state_label(req, o->h->state));
	html_close(&b, "strong");
	if (o->h->submitted_on[0] != '\0')
		html_textf(&b, " · %s %s", HTTP_T(req, "nộp ngày", "submitted on"),
			   o->h->submitted_on);
	html_close(&b, "p");
	if (o->h->review_note[0] != '\0') {
		html_open(&b, "blockquote", "class", "review-note", NULL);
		html_text(&b, HTTP_T(req, "Ghi chú của người xem xét: ", "Reviewer's note: "));
		html_text(&b, o->h->review_note);
		html_close(&b, "blockquote");
	}
	const char *done = http_param(req, "done");
	if (done != NULL && req->method == HTTP_GET)
		wfp_message(&b, 0, HTTP_T(req, "Đã cập nhật trạng thái.", "Status updated."));
	wfp_message(&b, 1, problem);
	int rc = 0;
	if (o->kind == WF_KIND_REPORT)
		rc = rv_report_body(req, db, &b, o->doc);
	else
		rv_registration_body(req, &b, o->doc);
	enum wf_state to;
	int nr;
	if (doc_check(o->k, WF_EDIT, o->h->state, req->who, &to, &nr) == ST_OK) {
		html_open(&b, "p", NULL);
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena,
					       o->kind == WF_KIND_REPORT
						   ? "/facilities/%lld/report/%d"
						   : "/facilities/%lld/registration/%d",
					       (long long)o->h->facility_id, o->h->year),
				  NULL, 0),
			  NULL);
		html_text(&b, HTTP_T(req, "Sửa", "Edit"));
		html_close(&b, "a");
		html_close(&b, "p");
	}
	const char *typed = req->method == HTTP_POST ? http_form(req, "note") : NULL;
	if (problem != NULL && typed != NULL && typed[0] != '\0') {
		/* The note survives a conflict even when its form is gone with the state. */
		html_open(&b, "label", "class", "kept", NULL);
		html_text(&b, HTTP_T(req, "Ghi chú bạn đã nhập", "The note you typed"));
		html_open(&b, "textarea", "readonly", "readonly", "rows", "3", NULL);
		html_text(&b, typed);
		html_close(&b, "textarea");
		html_close(&b, "label");
	}
	rv_actions_forms(req, &b, o, errs);
	if (rc == 0)
		rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

static int
rv_view(struct http_request *req, struct http_response *resp, enum wf_kind kind)
{
	int64_t id;
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct rv_obj o;
	int rc = rv_load(db, req->who, kind, id, &o);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	rc = rv_render(req, resp, db, &o, &errs, NULL);
	doc_free(o.k, o.doc);
	return rc;
}

static int
rv_action(struct http_request *req, struct http_response *resp, enum wf_kind kind)
{
	int64_t id, version = 0;
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	const char *name = http_form(req, "action");
	const char *ver = http_form(req, "version");
	int action = -1;
	for (int i = 0; name != NULL && i < WF_ACTION__MAX; i++)
		if (i != WF_EDIT && strcmp(name, wf_action_names[i]) == 0)
			action = i;
	if (action < 0 || ver == NULL || parse_int64(ver, &version) < 0) {
		web_error(req, resp, 400, "Thiếu thao tác hoặc phiên bản.",
			  "The action or the version is missing.");
		return 0;
	}
	struct wf_errors errs;
	wf_errors_clear(&errs);
	const char *note = http_form(req, "note");
	int rc = doc_transition(db, doc_kinds[kind], req->who, id, (enum wf_action)action, version,
				note, &errs);
	if (rc == ST_OK) {
		struct http_param done = {"done", name};
		wfp_redirect(resp,
			     web_url(req, arena_printf(&req->arena, rv_paths[kind], (long long)id),
				     &done, 1));
		return 0;
	}
	if (rc != ST_INVALID && rc != ST_CONFLICT && rc != ST_STATE && rc != ST_FORBIDDEN)
		return wfp_fail(req, resp, rc);
	struct rv_obj o;
	int lrc = rv_load(db, req->who, kind, id, &o);
	if (lrc != ST_OK)
		return wfp_fail(req, resp, lrc);
	static const struct {
		int rc, status;
	} st[] = {{ST_INVALID, 400}, {ST_CONFLICT, 409}, {ST_STATE, 409}, {ST_FORBIDDEN, 403}};
	for (size_t i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (st[i].rc == rc)
			resp->status = st[i].status;
	int ret = rv_render(req, resp, db, &o, &errs,
			    rc == ST_INVALID ? NULL : wfp_text_id(req, msg_status(rc)));
	doc_free(o.k, o.doc);
	return ret;
}

int
web_report_view(struct http_request *req, struct http_response *resp)
{
	return rv_view(req, resp, WF_KIND_REPORT);
}

int
web_registration_view(struct http_request *req, struct http_response *resp)
{
	return rv_view(req, resp, WF_KIND_REGISTRATION);
}

int
web_report_action(struct http_request *req, struct http_response *resp)
{
	return rv_action(req, resp, WF_KIND_REPORT);
}

int
web_registration_action(struct http_request *req, struct http_response *resp)
{
	return rv_action(req, resp, WF_KIND_REGISTRATION);
}

/* ---- the queue ---- */

/* A select of name with "" (any) and the given values/labels. */
static void
rv_select(struct http_request *req, struct buf *b, const char *label, const char *name,
	  const char *const *values, const char *const *labels, int n)
{
	const char *cur = http_param(req, name);
	html_open(b, "label", NULL);
	html_text(b, label);
	html_open(b, "select", "name", name, NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, HTTP_T(req, "(tất cả)", "(any)"));
	html_close(b, "option");
	for (int i = 0; i < n; i++) {
		if (cur != NULL && strcmp(cur, values[i]) == 0)
			html_open(b, "option", "value", values[i], "selected", "selected", NULL);
		else
			html_open(b, "option", "value", values[i], NULL);
		html_text(b, labels[i]);
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
}

/* Reads the filters from the query; returns 0, or -1 when one is malformed. */
static int
rv_filter(struct http_request *req, struct db *db, struct wf_queue_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = -1;
	f->state = -1;
	f->limit = RV_PAGE;
	const char *v = http_param(req, "kind");
	if (v != NULL && v[0] != '\0') {
		f->kind = -2;
		for (int k = 0; k < WF_KIND__MAX; k++)
			if (strcmp(v, wf_kind_names[k]) == 0)
				f->kind = k;
		if (f->kind == -2)
			return -1;
	}
	v = http_param(req, "status");
	if (v != NULL && v[0] != '\0') {
		f->state = -2;
		for (int s = 0; s < WF_STATE__MAX; s++)
			if (strcmp(v, names_state[s].code) == 0)
				f->state = s;
		if (f->state == -2)
			return -1;
	}
	int64_t n;
	v = http_param(req, "year");
	if (v != NULL && v[0] != '\0') {
		if (parse_int64(v, &n) < 0 || n < 1990 || n > 2100)
			return -1;
		f->year = (int)n;
	}
	v = http_param(req, "page");
	if (v != NULL && v[0] != '\0') {
		if (parse_int64(v, &n) < 0 || n < 1 || n > 100000)
			return -1;
		f->offset = (int)(n - 1) * RV_PAGE;
	}
	v = http_param(req, "unit");
	if (v != NULL && v[0] != '\0') {
		f->unit_id = refdata_admin_unit_id(db, v);
		if (f->unit_id == 0)
			return -1;
	}
	v = http_param(req, "sector");
	if (v != NULL && v[0] != '\0') {
		if (strspn(v, "0123456789") != strlen(v) || strlen(v) > 8)
			return -1;
		f->sector = v;
	}
	return 0;
}

int
web_review(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct wf_queue_filter f;
	if (rv_filter(req, db, &f) < 0) {
		web_error(req, resp, 400, "Bộ lọc không hợp lệ.", "Invalid filter.");
		return 0;
	}
	struct wf_queue q;
	if (wf_queue_list(db, req->who, &f, &req->arena, &q) != ST_OK)
		return -1;
	const char *title = HTTP_T(req, "Hàng chờ xem xét", "Review queue");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);

	/* Counts per status, each a link keeping the other filters. */
	html_open(&b, "ul", "class", "counts", NULL);
	for (int s = 0; s < WF_STATE__MAX; s++) {
		struct http_param p[HTTP_PARAMS_MAX];
		int n = 0;
		for (int i = 0; i < req->nparams && n < HTTP_PARAMS_MAX - 1; i++)
			if (strcmp(req->params[i].name, "status") != 0 &&
			    strcmp(req->params[i].name, "page") != 0)
				p[n++] = req->params[i];
		p[n++] = (struct http_param){"status", names_state[s].code};
		html_open(&b, "li", "data-status", names_state[s].code, NULL);
		html_open(&b, "a", "href", web_url(req, "/review", p, n), NULL);
		html_text(&b, wfp_state_label(req, (enum wf_state)s));
		html_close(&b, "a");
		html_text(&b, ": ");
		html_open(&b, "strong", "class", "count", NULL);
		html_text(&b, web_int(req, q.counts[s]));
		html_close(&b, "strong");
		html_close(&b, "li");
	}
	html_close(&b, "ul");

	html_open(&b, "form", "class", "filters", "method", "get", "action", "/review", NULL);
	if (req->lang == LANG_EN)
		html_open(&b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	const char *kl[WF_KIND__MAX] = {HTTP_T(req, "Báo cáo", "Report"),
					HTTP_T(req, "Đăng ký", "Registration")};
	rv_select(req, &b, HTTP_T(req, "Loại", "Kind"), "kind", wf_kind_names, kl, WF_KIND__MAX);
	const char *sc[WF_STATE__MAX], *sl[WF_STATE__MAX];
	for (int s = 0; s < WF_STATE__MAX; s++) {
		sc[s] = names_state[s].code;
		sl[s] = wfp_state_label(req, (enum wf_state)s);
	}
	rv_select(req, &b,
		  HTTP_T(req, "Trạng thái (trống: chờ bạn xử lý)", "Status (empty: awaiting you)"),
		  "status", sc, sl, WF_STATE__MAX);
	static const char *const fields[][3] = {{"year", "Năm", "Year"},
						{"unit", "Mã đơn vị hành chính", "Unit code"},
						{"sector", "Mã ngành (VSIC)", "Sector (VSIC)"}};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *v = http_param(req, fields[i][0]);
		html_open(&b, "label", NULL);
		html_text(&b, HTTP_T(req, fields[i][1], fields[i][2]));
		html_open(&b, "input", "type", "text", "name", fields[i][0], "value", v ? v : "",
			  NULL);
		html_close(&b, "label");
	}
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, HTTP_T(req, "Lọc", "Filter"));
	html_close(&b, "button");
	html_close(&b, "form");

	html_open(&b, "p", "class", "total", NULL);
	html_textf(&b, "%s: %s", HTTP_T(req, "Số mục", "Items"), web_int(req, q.total));
	html_close(&b, "p");
	html_open(&b, "div", "class", "scroll", NULL);
	html_open(&b, "table", "class", "list queue", NULL);
	html_open(&b, "thead", NULL);
	html_open(&b, "tr", NULL);
	static const char *const th[][2] = {{"Loại", "Kind"},	      {"Cơ sở", "Facility"},
					    {"Đơn vị", "Unit"},	      {"Ngành", "Sector"},
					    {"Năm", "Year"},	      {"Trạng thái", "Status"},
					    {"Ngày nộp", "Submitted"}};
	for (size_t i = 0; i < sizeof(th) / sizeof(th[0]); i++)
		html_elem(&b, "th", HTTP_T(req, th[i][0], th[i][1]));
	html_close(&b, "tr");
	html_close(&b, "thead");
	html_open(&b, "tbody", NULL);
	for (int i = 0; i < q.n; i++) {
		const struct wf_queue_item *it = &q.items[i];
		html_open(&b, "tr", NULL);
		html_open(&b, "td", NULL);
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, rv_paths[it->kind], (long long)it->id),
				  NULL, 0),
			  NULL);
		html_text(&b, kl[it->kind]);
		html_close(&b, "a");
		html_close(&b, "td");
		html_elem(
		    &b, "td",
		    arena_printf(&req->arena, "%s · %s", it->facility_code, it->facility_name));
		html_elem(&b, "td", it->unit_name);
		html_elem(&b, "td", it->sector_code);
		html_elem(&b, "td", arena_printf(&req->arena, "%d", it->year));
		html_elem(&b, "td", wfp_state_label(req, it->state));
		html_elem(&b, "td", it->submitted_on[0] ? it->submitted_on : "—");
		html_close(&b, "tr");
	}
	html_close(&b, "tbody");
	html_close(&b, "table");
	html_close(&b, "div");
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}
