/*
 * Signing in and out, and the account page: GET/POST /login, POST /logout,
 * GET /account (details, password change, personal API tokens), POST
 * /account/password, POST /account/tokens and /account/tokens/revoke.
 *
 * The router has already found the user, checked the role and the CSRF
 * token of every POST (req/auth.h); the handlers here call the model, whose
 * use-cases (login_attempt, login_end, login_password_change, apitoken_create…)
 * each make their change in one transaction with its audit row.  A password change
 * ends the user's other sessions and revokes its API tokens unless the
 * form's keep_tokens box is ticked (model/accounts/user.h).  Sign-in and the
 * password change refuse before checking any password while the account or
 * the address is throttled (model/accounts/login.h), and sign-in takes as long
 * for an unknown email as for a wrong password.  After sign-in the browser goes back to `next`,
 * which must be a path on this site (web_local_path), never another site.
 * Pages that show secrets (a new API token) are sent with no-store.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/accounts/apitoken.h"
#include "model/accounts/login.h"
#include "model/accounts/session.h"
#include "model/accounts/user.h"
#include "render/html.h"
#include "req/auth.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/drafts.h"
#include "web/web_int.h"

#define AUTH_PAGE_MAX (256u * 1024)

void
web_csrf_field(struct http_request *req, struct buf *b, const char *token)
{
	html_open(b, "input", "type", "hidden", "name", "csrf", "value",
		  token != NULL ? token : (req->csrf != NULL ? req->csrf : ""), NULL);
}

const char *
web_date_unix(struct http_request *req, int64_t t)
{
	if (t <= 0)
		return "—";
	/* Dates are shown in Vietnam's time zone (UTC+7, no daylight saving). */
	time_t local = (time_t)(t + 7 * 3600);
	struct tm tm;
	gmtime_r(&local, &tm);
	char iso[16], out[16];
	strftime(iso, sizeof(iso), "%Y-%m-%d", &tm);
	return arena_strdup(&req->arena, fmt_date(out, sizeof(out), iso));
}

const char *
web_datetime_unix(struct http_request *req, int64_t t)
{
	if (t <= 0)
		return "—";
	time_t local = (time_t)(t + 7 * 3600); /* Asia/Ho_Chi_Minh, as web_date_unix */
	struct tm tm;
	gmtime_r(&local, &tm);
	return arena_printf(&req->arena, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
			    tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

const char *
web_local_path(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strlen(next) > HTTP_QUERY_MAX)
		return "/";
	for (const char *p = next; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

/* A 303 to location, never cached. */
static void
auth_redirect(struct http_response *resp, const char *location)
{
	resp->status = 303;
	http_response_header(resp, "Location", location);
	http_response_header(resp, "Cache-Control", "no-store");
}

/* <p class="notice|problem">text</p> when text is set. */
static void
auth_message(struct buf *b, const char *cls, const char *text)
{
	if (text == NULL)
		return;
	html_open(b, "p", "class", cls, "role", cls[0] == 'p' ? "alert" : "status", NULL);
	html_text(b, text);
	html_close(b, "p");
}

void
web_input(struct buf *b, const char *label, const char *name, const char *type,
	  const char *autocomplete, const char *value)
{
	html_open(b, "label", NULL);
	html_text(b, label);
	html_open(b, "input", "type", type, "name", name, "autocomplete", autocomplete, "value",
		  value != NULL ? value : "", NULL);
	html_close(b, "label");
}

static int
auth_page(struct http_request *req, struct http_response *resp, const char *title, struct buf *b)
{
	http_response_header(resp, "Cache-Control", "no-store");
	if (b->overflow) {
		log_err("auth: page over %u bytes", AUTH_PAGE_MAX);
		return -1;
	}
	return web_layout(req, &resp->body, title, buf_str(b));
}

/* --- sign-in --- */

static int
login_render(struct http_request *req, struct http_response *resp, const char *problem,
	     const char *email)
{
	const char *title = HTTP_T(req, "Đăng nhập", "Sign in");
	const char *csrf = http_auth_login_csrf(req, resp);
	const char *next = web_local_path(http_form(req, "next") != NULL ? http_form(req, "next")
									 : http_param(req, "next"));
	struct buf b;
	buf_init(&b, AUTH_PAGE_MAX);
	html_elem(&b, "h1", title);
	auth_message(&b, "problem", problem);
	html_open(&b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/login", NULL, 0), NULL);
	web_csrf_field(req, &b, csrf);
	html_open(&b, "input", "type", "hidden", "name", "next", "value", next, NULL);
	web_input(&b, "Email", "email", "email", "username", email);
	web_input(&b, HTTP_T(req, "Mật khẩu", "Password"), "password", "password",
		  "current-password", NULL);
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, title);
	html_close(&b, "button");
	html_close(&b, "form");
	web_mail_forgot_link(req, &b);
	int rc = auth_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

static int
login_post(struct http_request *req, struct http_response *resp)
{
	const char *email = http_form(req, "email"), *password = http_form(req, "password");
	if (email == NULL || password == NULL || email[0] == '\0' ||
	    strlen(email) > USER_EMAIL_MAX || strlen(password) > USER_PASSWORD_MAX) {
		resp->status = 400;
		return login_render(
		    req, resp,
		    HTTP_T(req, "Hãy nhập email và mật khẩu.", "Enter your email and password."),
		    email != NULL && strlen(email) <= USER_EMAIL_MAX ? email : NULL);
	}
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct login_result lr;
	if (login_attempt(db, email, password, req->client_addr, (int64_t)time(NULL), &lr) != ST_OK)
		return -1;
	if (lr.outcome != LOGIN_OK) {
		char problem[256];
		msg_format(&lr.why, req->lang, problem, sizeof(problem));
		resp->status = 200;
		if (lr.outcome == LOGIN_THROTTLED) {
			resp->status = 429;
			http_response_header(resp, "Retry-After",
					     arena_printf(&req->arena, "%d", lr.wait_min * 60));
		}
		return login_render(req, resp, problem, email);
	}
	http_response_header(resp, "Set-Cookie",
			     http_cookie_set(req, HTTP_SESSION_COOKIE,
					     arena_strdup(&req->arena, lr.token),
					     SESSION_ABSOLUTE_MAX, "Lax"));
	http_response_header(resp, "Set-Cookie",
			     http_cookie_set(req, HTTP_CSRF_COOKIE, "", 0, "Strict"));
	web_draft_claim(req, resp,
			lr.session.who.user_id); /* a form kept when the session expired */
	const char *next = web_local_path(http_form(req, "next"));
	auth_redirect(resp, strcmp(next, "/") == 0 ? web_home_path(&lr.session.who) : next);
	return 0;
}

int
web_login(struct http_request *req, struct http_response *resp)
{
	if (req->method == HTTP_POST)
		return login_post(req, resp);
	if (req->who != NULL) {
		const char *next = web_local_path(http_param(req, "next"));
		auth_redirect(resp, strcmp(next, "/") == 0 ? web_home_path(req->who) : next);
		return 0;
	}
	return login_render(req, resp, NULL, NULL);
}

int
web_logout(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	if (req->session_hash != NULL) {
		if (login_end(db, req->who, req->session_hash, (int64_t)time(NULL)) != ST_OK)
			return -1;
	}
	http_response_header(resp, "Set-Cookie",
			     http_cookie_set(req, HTTP_SESSION_COOKIE, "", 0, "Lax"));
	auth_redirect(resp, web_url(req, "/", NULL, 0));
	return 0;
}

/* --- the account page --- */

static void
account_row(struct buf *b, const char *th, const char *td)
{
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", NULL);
	html_text(b, th);
	html_close(b, "th");
	html_elem(b, "td", td);
	html_close(b, "tr");
}

static void
account_tokens(struct http_request *req, struct buf *b, const struct apitoken *t, size_t n)
{
	html_elem(b, "h2", HTTP_T(req, "Mã truy cập API cá nhân", "Personal API tokens"));
	html_elem(b, "p",
		  HTTP_T(req,
			 "Gửi mã trong tiêu đề \"Authorization: Bearer MÃ\". Mã có quyền như tài "
			 "khoản của bạn; chỉ hiển thị một lần khi tạo.",
			 "Send a token in the header \"Authorization: Bearer TOKEN\". It has your "
			 "account's rights and is shown only once, when created."));
	if (n > 0) {
		html_open(b, "table", "class", "list", NULL);
		html_open(b, "thead", NULL);
		html_open(b, "tr", NULL);
		html_elem(b, "th", HTTP_T(req, "Tên", "Name"));
		html_elem(b, "th", HTTP_T(req, "Tạo ngày", "Created"));
		html_elem(b, "th", HTTP_T(req, "Dùng lần cuối", "Last used"));
		html_elem(b, "th", HTTP_T(req, "Trạng thái", "Status"));
		html_close(b, "tr");
		html_close(b, "thead");
		html_open(b, "tbody", NULL);
	}
	for (size_t i = 0; i < n; i++) {
		html_open(b, "tr", NULL);
		html_elem(b, "td", t[i].name);
		html_elem(b, "td", web_date_unix(req, t[i].created));
		html_elem(b, "td", web_date_unix(req, t[i].last_used));
		html_open(b, "td", NULL);
		if (t[i].revoked > 0) {
			html_text(b, HTTP_T(req, "đã thu hồi", "revoked"));
		} else {
			html_open(b, "form", "method", "post", "action",
				  web_url(req, "/account/tokens/revoke", NULL, 0), NULL);
			web_csrf_field(req, b, NULL);
			html_open(b, "input", "type", "hidden", "name", "id", "value",
				  arena_printf(&req->arena, "%lld", (long long)t[i].id), NULL);
			html_open(b, "button", "type", "submit", NULL);
			html_text(b, HTTP_T(req, "Thu hồi", "Revoke"));
			html_close(b, "button");
			html_close(b, "form");
		}
		html_close(b, "td");
		html_close(b, "tr");
	}
	if (n > 0) {
		html_close(b, "tbody");
		html_close(b, "table");
	}
	html_open(b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/account/tokens", NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	web_input(b, HTTP_T(req, "Tên mã mới", "New token's name"), "name", "text", "off", NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Tạo mã", "Create token"));
	html_close(b, "button");
	html_close(b, "form");
}

/*
 * The account page with an optional message (notice or problem) and a new
 * token to show once.
 */
static int
account_render(struct http_request *req, struct http_response *resp, const char *notice,
	       const char *problem, const char *new_token)
{
	struct db *db = http_request_db(req);
	struct user u;
	struct apitoken *tokens = NULL;
	size_t ntokens = 0;
	if (db == NULL || user_get(db, req->who->user_id, &u) != ST_OK ||
	    apitoken_list(db, u.id, &tokens, &ntokens) < 0)
		return -1;
	const char *title = HTTP_T(req, "Tài khoản", "Account");
	struct buf b;
	buf_init(&b, AUTH_PAGE_MAX);
	html_elem(&b, "h1", title);
	auth_message(&b, "notice", notice);
	auth_message(&b, "problem", problem);
	if (new_token != NULL) {
		html_open(&b, "p", "class", "notice", NULL);
		html_text(&b, HTTP_T(req, "Mã mới (chép ngay, sẽ không hiển thị lại): ",
				     "New token (copy it now, it will not be shown again): "));
		html_open(&b, "code", "class", "secret", NULL);
		html_text(&b, new_token);
		html_close(&b, "code");
		html_close(&b, "p");
	}
	html_open(&b, "table", "class", "facts", NULL);
	account_row(&b, "Email", u.email);
	account_row(&b, HTTP_T(req, "Họ tên", "Name"), u.name[0] ? u.name : "—");
	account_row(&b, HTTP_T(req, "Vai trò", "Role"), user_role_name(u.role));
	if (u.unit_code[0] != '\0')
		account_row(&b, HTTP_T(req, "Đơn vị hành chính", "Administrative unit"),
			    u.unit_code);
	if (u.facility_id != 0)
		account_row(&b, HTTP_T(req, "Cơ sở", "Facility"), u.facility_name);
	account_row(&b, HTTP_T(req, "Tạo ngày", "Created"), web_date_unix(req, u.created_at));
	html_close(&b, "table");

	html_elem(&b, "h2", HTTP_T(req, "Đổi mật khẩu", "Change password"));
	html_elem(
	    &b, "p",
	    HTTP_T(req,
		   "Đổi mật khẩu sẽ đăng xuất mọi phiên đăng nhập khác của bạn và thu hồi các "
		   "mã truy cập API, trừ khi bạn chọn giữ lại.",
		   "Changing your password signs out your other sessions and revokes your API "
		   "tokens, unless you choose to keep them."));
	html_open(&b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/account/password", NULL, 0), NULL);
	web_csrf_field(req, &b, NULL);
	web_input(&b, HTTP_T(req, "Mật khẩu hiện tại", "Current password"), "current", "password",
		  "current-password", NULL);
	web_input(&b,
		  HTTP_T(req, "Mật khẩu mới (ít nhất 10 ký tự)", "New password (10+ characters)"),
		  "password", "password", "new-password", NULL);
	web_input(&b, HTTP_T(req, "Nhập lại mật khẩu mới", "New password again"), "confirm",
		  "password", "new-password", NULL);
	/* Unticked by default; a refused change keeps the choice. */
	html_open(&b, "label", "class", "check", NULL);
	if (req->method == HTTP_POST && http_form(req, "keep_tokens") != NULL)
		html_open(&b, "input", "type", "checkbox", "name", "keep_tokens", "value", "1",
			  "checked", "checked", NULL);
	else
		html_open(&b, "input", "type", "checkbox", "name", "keep_tokens", "value", "1",
			  NULL);
	html_text(&b, HTTP_T(req, "Giữ các khoá API hiện có", "Keep my existing API tokens"));
	html_close(&b, "label");
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, HTTP_T(req, "Đổi mật khẩu", "Change password"));
	html_close(&b, "button");
	html_close(&b, "form");

	web_mail_account_notices(req, &b); /* e-mail notices on or off (mail.c) */
	account_tokens(req, &b, tokens, ntokens);
	free(tokens);
	int rc = auth_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_account(struct http_request *req, struct http_response *resp)
{
	static const struct {
		const char *done, *vi, *en;
	} notices[] = {
	    {"password",
	     "Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc và các mã truy cập API đã bị "
	     "thu hồi.",
	     "Password changed; your other sessions have been signed out and your API tokens "
	     "revoked."},
	    {"password-kept",
	     "Đã đổi mật khẩu; các phiên đăng nhập khác đã kết thúc, các mã truy cập API vẫn "
	     "dùng được.",
	     "Password changed; your other sessions have been signed out, your API tokens "
	     "still work."},
	    {"revoked", "Đã thu hồi mã truy cập.", "The token has been revoked."},
	};
	const char *done = http_param(req, "done"), *notice = NULL;
	for (size_t i = 0; done != NULL && i < sizeof(notices) / sizeof(notices[0]); i++)
		if (strcmp(done, notices[i].done) == 0)
			notice = HTTP_T(req, notices[i].vi, notices[i].en);
	return account_render(req, resp, notice, NULL, NULL);
}

int
web_account_password(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct login_password pw = {
	    .current = http_form(req, "current"),
	    .password = http_form(req, "password"),
	    .confirm = http_form(req, "confirm"),
	    .keep_tokens = http_form(req, "keep_tokens") != NULL,
	};
	struct login_result lr;
	enum status st = login_password_change(db, req->who, req->session_hash, &pw,
					       req->client_addr, (int64_t)time(NULL), &lr);
	if (st == ST_ERR)
		return -1;
	if (st == ST_OK && lr.outcome == LOGIN_OK) {
		auth_redirect(resp, arena_printf(&req->arena, "%s%cdone=%s",
						 web_url(req, "/account", NULL, 0),
						 req->lang == LANG_EN ? '&' : '?',
						 pw.keep_tokens ? "password-kept" : "password"));
		return 0;
	}
	resp->status = st == ST_OK && lr.outcome == LOGIN_THROTTLED ? 429 : 400;
	char problem[256];
	return account_render(req, resp, NULL,
			      msg_format(&lr.why, req->lang, problem, sizeof(problem)), NULL);
}

int
web_account_tokens(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	char token[APITOKEN_LEN + 1];
	struct msg why;
	enum status st =
	    apitoken_create(db, req->who, http_form(req, "name"), (int64_t)time(NULL), token, &why);
	if (st == ST_ERR)
		return -1;
	if (st != ST_OK) {
		char problem[256];
		resp->status = 400;
		return account_render(req, resp, NULL,
				      msg_format(&why, req->lang, problem, sizeof(problem)), NULL);
	}
	return account_render(req, resp, NULL, NULL, token);
}

int
web_account_token_revoke(struct http_request *req, struct http_response *resp)
{
	int64_t id = 0;
	const char *s = http_form(req, "id");
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	enum status st = ST_NOTFOUND;
	if (s != NULL && parse_int64(s, &id) == 0)
		st = apitoken_revoke(db, req->who, id, (int64_t)time(NULL));
	if (st == ST_ERR)
		return -1;
	if (st != ST_OK) { /* not this user's token: as if it did not exist */
		web_error(req, resp, 404, "Không tìm thấy mã truy cập này.", "No such token.");
		return 0;
	}
	auth_redirect(resp, arena_printf(&req->arena, "%s%cdone=revoked",
					 web_url(req, "/account", NULL, 0),
					 req->lang == LANG_EN ? '&' : '?'));
	return 0;
}
