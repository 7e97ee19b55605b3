/*
 * Nothing typed is lost: form drafts, the sign-in in place, and the version
 * saved meanwhile (see drafts.h for the hooks the forms call).
 *
 * POST /drafts/PATH (PATH a document form's path, such as
 * /facilities/12/report/2025) is where static/js/autosave.js sends the
 * whole form as the person types: the body is stored raw as the user's
 * draft of PATH and the answer is the line the page shows ("Đã lưu tạm lúc
 * HH:MM").  The same address with draft_op=discard (the button beside a
 * restored draft's notice) deletes the draft and goes back to the form.
 * The router has checked the role and the session's CSRF token; the
 * facility must be in the caller's scope, as for the form itself.
 *
 * A form posted after its session expired reaches web_login_in_place
 * (called by the router instead of its redirect to /login): the body is
 * kept as a stash (model/doc/formdraft.h) whose random token only this
 * browser holds, in the HttpOnly, SameSite=Strict cookie STASH_COOKIE, and
 * the sign-in form is shown at the same address with status 401.  Only a
 * request that carries the (expired) session cookie is stashed: the
 * session cookie is SameSite=Lax, so a form another site makes the browser
 * post never carries it and never leaves a stash.  The next successful
 * sign-in in that browser claims the stash (web_draft_claim): it becomes
 * that user's draft of the form, which the form then shows, not saved.
 */
#include "web/drafts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/doc/formdraft.h"
#include "model/reporting/choices.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "render/html.h"
#include "req/auth.h"
#include "util/log.h"
#include "web/wfpage.h"

#define STASH_COOKIE	"sxsh_stash"
#define DRAFTS_PREFIX	"/drafts"
#define DRAFT_BLOCK_MAX (256u * 1024)

struct web_draft {
	struct http_request *req;
	struct db *db;
	const struct doc_kind *kind;
	const struct doc_head *head; /* NULL when the document does not exist yet */
	int restored;
	int64_t saved_at;     /* of the restored draft */
	int64_t base_version; /* the version the restored draft was typed on */
};

/*
 * Whether path is the form of a document: "/facilities/{id}/report/{id}" or
 * "/facilities/{id}/registration/{id}", as the router's table names them.
 */
static int
draft_form_path(const char *path)
{
	static const char *const kinds[] = {"/report/", "/registration/"};
	if (strncmp(path, "/facilities/", 12) != 0)
		return 0;
	const char *p = path + 12;
	size_t n = strspn(p, "0123456789");
	if (n == 0 || n > 18)
		return 0;
	p += n;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t kl = strlen(kinds[i]);
		if (strncmp(p, kinds[i], kl) != 0)
			continue;
		size_t y = strspn(p + kl, "0123456789");
		return y > 0 && y <= 4 && p[kl + y] == '\0';
	}
	return 0;
}

/* The form's hidden "version" as a number; 0 when absent or malformed. */
static int64_t
draft_form_version(const struct http_request *req)
{
	int64_t v = 0;
	const char *s = http_form(req, "version");
	if (s == NULL || parse_int64(s, &v) < 0 || v < 0)
		return 0;
	return v;
}

struct web_draft *
web_draft_enter(struct http_request *req, struct db *db, const struct doc_kind *k,
		const struct doc_head *h, int editable)
{
	struct web_draft *d = arena_alloc(&req->arena, sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->req = req;
	d->db = db;
	d->kind = k;
	d->head = h != NULL && h->id != 0 ? h : NULL;
	if (!editable || req->who == NULL || req->bearer)
		return d;
	int64_t now = (int64_t)time(NULL);
	if (req->method == HTTP_POST) {
		/* Kept before the save is tried: a save that fails loses nothing. */
		if (req->body_len > 0 && req->body_len <= FORMDRAFT_BODY_MAX)
			formdraft_put(db, req->who->user_id, req->path, req->body,
				      draft_form_version(req), now);
		return d;
	}
	if (req->method != HTTP_GET)
		return d;
	struct formdraft fd;
	if (formdraft_get(db, req->who->user_id, req->path, now, &fd) != 1)
		return d;
	char actor[256];
	int64_t changed = 0;
	int rc = d->head != NULL ? formdraft_doc_change(db, k->name, d->head->id, actor,
							sizeof(actor), &changed)
				 : 0;
	/* A draft older than the document's last change is not offered. */
	if (rc >= 0 && (rc == 0 || fd.saved_at >= changed)) {
		req->body = arena_strdup(&req->arena, fd.body);
		req->body_len = strlen(req->body);
		req->content_type = "application/x-www-form-urlencoded";
		req->nform = 0;
		if (http_request_parse_form(req) == HTTP_QUERY_OK) {
			d->restored = 1;
			d->saved_at = fd.saved_at;
			d->base_version = draft_form_version(req);
		} else {
			req->nform = 0;
		}
	}
	formdraft_release(&fd);
	return d;
}

int
web_draft_restored(const struct web_draft *d)
{
	return d != NULL && d->restored;
}

/* --- the version saved meanwhile --- */

/* The name of code in list (n entries) in the page's language; the code when unknown. */
static const char *
draft_name(struct http_request *req, const struct choice *list, int n, const char *code)
{
	const struct choice *c = choice_find(list, n, code);
	return c != NULL ? HTTP_T(req, c->name_vi, c->name_en) : code;
}

static const char *
draft_water_source(struct http_request *req, const char *code)
{
	const struct name *nm = names_find(names_water, NAMES_WATER_N, code);
	return nm != NULL ? HTTP_T(req, nm->name_vi, nm->name_en) : code;
}

static void
draft_row(struct buf *b, const char *th, const char *td)
{
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", NULL);
	html_text(b, th);
	html_close(b, "th");
	html_elem(b, "td", td);
	html_close(b, "tr");
}

/* " — 1.200.000 đồng" for a cost, "" without one. */
static const char *
draft_cost(struct http_request *req, double v, int has)
{
	if (!has)
		return "";
	return arena_printf(&req->arena, " — %s %s", web_qty(req, v, FMT_QTY),
			    HTTP_T(req, "đồng", "VND"));
}

static int
draft_report_rows(struct http_request *req, struct db *db, struct buf *b, const struct report *r)
{
	struct choices *ch = NULL;
	if (choices_load(db, &ch) != 0)
		return -1;
	static const char *const cp_vi[REPORT_CP__MAX] = {"Biết về sản xuất sạch hơn",
							  "Có cán bộ phụ trách SXSH",
							  "Có bộ phận SXSH", "Đã áp dụng SXSH"};
	static const char *const cp_en[REPORT_CP__MAX] = {
	    "Aware of cleaner production", "Has CP staff", "Has a CP unit", "Applies CP"};
	for (int c = 0; c < REPORT_CP__MAX; c++)
		draft_row(b, HTTP_T(req, cp_vi[c], cp_en[c]),
			  r->cp[c] < 0 ? "—"
			  : r->cp[c]   ? HTTP_T(req, "Có", "Yes")
				       : HTTP_T(req, "Không", "No"));
	for (int i = 0; i < r->nout; i++)
		draft_row(
		    b,
		    arena_printf(&req->arena, "%s: %s", HTTP_T(req, "Sản lượng", "Output"),
				 draft_name(req, ch->product, ch->nproduct, r->out[i].product)),
		    arena_printf(&req->arena, "%s %s", web_qty(req, r->out[i].quantity, FMT_QTY),
				 r->out[i].unit));
	for (int i = 0; i < r->nenergy; i++) {
		const struct report_energy *e = &r->energy[i];
		const char *what = draft_name(req, ch->carrier, ch->ncarrier, e->carrier);
		if (e->month > 0)
			what = arena_printf(&req->arena, "%s, %s %d", what,
					    HTTP_T(req, "tháng", "month"), e->month);
		draft_row(
		    b,
		    arena_printf(&req->arena, "%s: %s", HTTP_T(req, "Năng lượng", "Energy"), what),
		    arena_printf(&req->arena, "%s %s%s", web_qty(req, e->quantity, FMT_QTY),
				 e->unit, draft_cost(req, e->cost_vnd, e->has_cost)));
	}
	for (int i = 0; i < r->nwater; i++)
		draft_row(
		    b,
		    arena_printf(&req->arena, "%s: %s", HTTP_T(req, "Nước", "Water"),
				 draft_water_source(req, r->water[i].source)),
		    arena_printf(&req->arena, "%s m³%s",
				 web_qty(req, r->water[i].quantity_m3, FMT_QTY),
				 draft_cost(req, r->water[i].cost_vnd, r->water[i].has_cost)));
	for (int i = 0; i < r->nmat; i++)
		draft_row(b,
			  arena_printf(&req->arena, "%s: %s",
				       HTTP_T(req, "Nguyên vật liệu", "Material"), r->mat[i].name),
			  arena_printf(&req->arena, "%s %s%s",
				       web_qty(req, r->mat[i].quantity, FMT_QTY), r->mat[i].unit,
				       draft_cost(req, r->mat[i].cost_vnd, r->mat[i].has_cost)));
	choices_free(ch);
	return 0;
}

static void
draft_registration_rows(struct http_request *req, struct buf *b, const struct registration *g)
{
	draft_row(b, HTTP_T(req, "Cam kết áp dụng SXSH", "Commits to apply CP"),
		  g->apply_cp ? HTTP_T(req, "Có", "Yes") : HTTP_T(req, "Không", "No"));
	draft_row(b, HTTP_T(req, "Mức tiết kiệm năng lượng dự kiến", "Planned energy saving"),
		  g->has_saving ? web_pct(req, g->planned_saving_pct) : "—");
	draft_row(b, HTTP_T(req, "Giải pháp dự kiến", "Planned measures"),
		  g->measures[0] != '\0' ? g->measures : "—");
}

/*
 * The version of d's document stored now: who saved it and when, and its
 * values, beside the form that keeps what the user typed.  Returns 0, or
 * -1 on a storage error.
 */
static int
draft_conflict(struct web_draft *d, struct buf *b)
{
	struct http_request *req = d->req;
	void *doc = NULL;
	int rc = doc_get(d->db, d->kind, req->who, d->head->id, &doc);
	if (rc == ST_NOTFOUND)
		return 0;
	if (rc != ST_OK)
		return -1;
	char actor[256] = "";
	int64_t at = 0;
	if (formdraft_doc_change(d->db, d->kind->name, d->head->id, actor, sizeof(actor), &at) <
	    0) {
		doc_free(d->kind, doc);
		return -1;
	}
	html_open(b, "section", "class", "draft-conflict", "aria-labelledby", "draft-conflict-h",
		  NULL);
	html_open(b, "h2", "id", "draft-conflict-h", NULL);
	html_text(
	    b, HTTP_T(req, "Đã có một phiên bản khác được lưu", "Another version has been saved"));
	html_close(b, "h2");
	html_open(b, "p", NULL);
	html_textf(b,
		   HTTP_T(req,
			  "Trong lúc bạn nhập, %s đã lưu %s này lúc %s (có thể ở một thẻ hoặc "
			  "cửa sổ khác). Những gì bạn nhập vẫn nằm trong biểu mẫu bên dưới và "
			  "chưa được lưu. Hãy so sánh với phiên bản đã lưu dưới đây, sửa biểu "
			  "mẫu nếu cần rồi lưu lại.",
			  "While you were typing, %s saved this %s at %s (perhaps in another tab "
			  "or window). What you typed is still in the form below and is not "
			  "saved. Compare it with the saved version below, change the form "
			  "where needed and save again."),
		   actor[0] != '\0' ? actor : HTTP_T(req, "người khác", "someone else"),
		   HTTP_T(req, d->kind->label.vi, d->kind->label.en), web_datetime_unix(req, at));
	html_close(b, "p");
	web_scroll_open(b, HTTP_T(req, "Phiên bản đã lưu", "Saved version"));
	html_open(b, "table", "class", "list draft-saved", NULL);
	html_elem(b, "caption", HTTP_T(req, "Phiên bản đã lưu", "The saved version"));
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, HTTP_T(req, "Mục", "Item"));
	html_close(b, "th");
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, HTTP_T(req, "Giá trị đã lưu", "Saved value"));
	html_close(b, "th");
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	if (d->kind == &report_kind && draft_report_rows(req, d->db, b, doc) < 0) {
		doc_free(d->kind, doc);
		return -1;
	} else if (d->kind == &registration_kind)
		draft_registration_rows(req, b, doc);
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
	html_close(b, "section");
	doc_free(d->kind, doc);
	return 0;
}

/* The notice of a restored draft, with the button that discards it. */
static void
draft_notice(struct web_draft *d, struct buf *b)
{
	struct http_request *req = d->req;
	struct msg m;
	char text[512];
	msg_init(&m, MSG_DRAFT_RESTORED, NULL);
	msg_code(&m, web_datetime_unix(req, d->saved_at));
	msg_format(&m, req->lang, text, sizeof(text));
	html_open(b, "div", "class", "notice draft-restored", "role", "status", NULL);
	html_open(b, "p", NULL);
	html_text(b, text);
	html_close(b, "p");
	html_open(b, "form", "method", "post", "action",
		  web_url(req, arena_printf(&req->arena, DRAFTS_PREFIX "%s", req->path), NULL, 0),
		  NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "input", "type", "hidden", "name", "draft_op", "value", "discard", NULL);
	html_open(b, "button", "type", "submit", "class", "secondary", NULL);
	html_text(b, HTTP_T(req, "Bỏ nội dung này, mở bản đã lưu",
			    "Discard this and open the saved version"));
	html_close(b, "button");
	html_close(b, "form");
	html_close(b, "div");
}

/* Inserts block right after the first </h1> of resp's body. */
static int
draft_insert(struct http_response *resp, const struct buf *block)
{
	const char *body = buf_str(&resp->body);
	const char *h1 = strstr(body, "</h1>");
	if (h1 == NULL || block->len == 0)
		return 0;
	size_t at = (size_t)(h1 - body) + 5;
	struct buf out;
	buf_init(&out, resp->body.max);
	buf_append(&out, body, at);
	buf_append(&out, block->data, block->len);
	buf_append(&out, body + at, resp->body.len - at);
	if (out.overflow) {
		buf_free(&out);
		return -1;
	}
	buf_free(&resp->body);
	resp->body = out;
	return 0;
}

int
web_draft_leave(struct web_draft *d, struct http_response *resp, int ret)
{
	struct http_request *req = d->req;
	if (ret < 0 || req->who == NULL)
		return ret;
	if (req->method == HTTP_POST && resp->status == 303) {
		/* Saved: the draft has done its work (a failure costs only a stale offer). */
		formdraft_clear(d->db, req->who->user_id, req->path);
		return ret;
	}
	int conflict = d->head != NULL && ((req->method == HTTP_POST && resp->status == 409) ||
					   (d->restored && d->base_version != d->head->version));
	if (!d->restored && !conflict)
		return ret;
	struct buf block;
	buf_init(&block, DRAFT_BLOCK_MAX);
	int rc = 0;
	if (d->restored)
		draft_notice(d, &block);
	if (conflict)
		rc = draft_conflict(d, &block);
	if (rc == 0 && !block.overflow)
		rc = draft_insert(resp, &block);
	else
		rc = -1;
	buf_free(&block);
	return rc < 0 ? -1 : ret;
}

/* --- POST /drafts/PATH --- */

int
web_draft(struct http_request *req, struct http_response *resp)
{
	const char *path = req->path + strlen(DRAFTS_PREFIX);
	if (!draft_form_path(path)) {
		web_error(req, resp, 404, "Không tìm thấy trang này.", "This page does not exist.");
		return 0;
	}
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int64_t fid;
	int year;
	struct facility_profile fac;
	int rc = wfp_form_open(req, resp, db, &fid, &year, &fac); /* scope: as the form's */
	if (rc != 1)
		return rc;
	http_response_header(resp, "Cache-Control", "no-store");
	const char *op = http_form(req, "draft_op");
	if (op != NULL && strcmp(op, "discard") == 0) {
		if (formdraft_clear(db, req->who->user_id, path) < 0)
			return -1;
		wfp_redirect(resp, web_url(req, path, NULL, 0));
		return 0;
	}
	int64_t now = (int64_t)time(NULL);
	if (formdraft_put(db, req->who->user_id, path, req->body, draft_form_version(req), now) < 0)
		return -1;
	resp->content_type = HTTP_CT_TEXT;
	const char *when = web_datetime_unix(req, now);
	buf_printf(&resp->body, "%s %s", HTTP_T(req, "Đã lưu tạm lúc", "Kept as a draft at"),
		   when + 11); /* "dd/mm/yyyy HH:MM": the time of day */
	return 0;
}

/* --- sign-in in place --- */

int
web_login_in_place(struct http_request *req, struct http_response *resp)
{
	const char *cookie = http_cookie(req, HTTP_SESSION_COOKIE);
	if (req->method != HTTP_POST || http_wants_json(req) || req->authorization != NULL ||
	    cookie == NULL || cookie[0] == '\0' || !draft_form_path(req->path) || req->nform == 0 ||
	    http_form(req, "csrf") == NULL || req->body_len > FORMDRAFT_BODY_MAX)
		return 0;
	struct db *db = http_request_db(req);
	if (db == NULL)
		return 0;
	char token[FORMSTASH_TOKEN_LEN + 1];
	if (formstash_put(db, req->path, req->body, draft_form_version(req), (int64_t)time(NULL),
			  token) != 0)
		return 0; /* the router's redirect, as before */
	http_response_reset(resp);
	resp->status = 401;
	http_response_header(resp, "Cache-Control", "no-store");
	http_response_header(resp, "Set-Cookie",
			     http_cookie_set(req, STASH_COOKIE, arena_strdup(&req->arena, token),
					     FORMSTASH_TTL, "Strict"));
	const char *csrf = http_auth_login_csrf(req, resp);
	const char *title = HTTP_T(req, "Đăng nhập lại", "Sign in again");
	struct buf b;
	buf_init(&b, DRAFT_BLOCK_MAX);
	html_elem(&b, "h1", title);
	html_open(&b, "div", "class", "notice session-expired", "role", "status", NULL);
	html_open(&b, "p", NULL);
	html_text(&b, web_msg(req, MSG_DRAFT_SESSION_EXPIRED));
	html_close(&b, "p");
	html_close(&b, "div");
	html_open(&b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/login", NULL, 0), NULL);
	web_csrf_field(req, &b, csrf);
	const char *back = req->query[0] != '\0'
			       ? arena_printf(&req->arena, "%s?%s", req->path, req->query)
			       : req->path; /* ?lang=en stays */
	html_open(&b, "input", "type", "hidden", "name", "next", "value", back, NULL);
	const char *email = req->who != NULL ? req->who->email : NULL;
	web_input(&b, "Email", "email", "email", "username", email);
	web_input(&b, HTTP_T(req, "Mật khẩu", "Password"), "password", "password",
		  "current-password", NULL);
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b,
		  HTTP_T(req, "Đăng nhập và quay lại biểu mẫu", "Sign in and return to the form"));
	html_close(&b, "button");
	html_close(&b, "form");
	int rc = b.overflow ? -1 : web_layout(req, &resp->body, title, buf_str(&b));
	buf_free(&b);
	if (rc < 0) {
		http_response_reset(resp);
		return 0;
	}
	return 1;
}

void
web_draft_claim(struct http_request *req, struct http_response *resp, int64_t user_id)
{
	const char *token = http_cookie(req, STASH_COOKIE);
	if (token == NULL || token[0] == '\0')
		return;
	struct db *db = http_request_db(req);
	char path[FORMDRAFT_PATH_MAX];
	if (db != NULL)
		formstash_claim(db, token, user_id, (int64_t)time(NULL), path, sizeof(path));
	http_response_header(resp, "Set-Cookie",
			     http_cookie_set(req, STASH_COOKIE, "", 0, "Strict"));
}
