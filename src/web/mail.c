/*
 * Password reset by e-mail and the notice setting (model/mail/):
 *
 *   GET, POST /password/forgot   "Quên mật khẩu?": an address in, the same
 *                                answer whether it has an account or not
 *                                (429 when this client asked too often)
 *   GET, POST /password/reset    ?token=T: the new password, typed twice; a
 *                                used, expired or unknown link is 410
 *   POST /account/notices        the signed-in user turns e-mail notices on
 *                                or off, then back to /account (303)
 *
 * and the two pieces other pages show: the "Quên mật khẩu?" link under the
 * sign-in form and the notices form on the account page (web.h).  The
 * public forms carry the pre-session CSRF token, as sign-in does; the
 * pages are sent with no-store (the reset page holds a secret in its URL
 * and its form).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/accounts/user.h"
#include "model/mail/outbox.h"
#include "model/mail/reset.h"
#include "render/html.h"
#include "req/auth.h"
#include "util/log.h"
#include "web/web_int.h"

#define MAIL_PAGE_MAX (64u * 1024)

/* <p class="notice|problem" role=…>text</p>. */
static void
mail_message(struct buf *b, const char *cls, const char *text)
{
	html_open(b, "p", "class", cls, "role", strcmp(cls, "problem") == 0 ? "alert" : "status",
		  NULL);
	html_text(b, text);
	html_close(b, "p");
}

/* Sends b as the page titled title, never cached. */
static int
mail_page(struct http_request *req, struct http_response *resp, const char *title, struct buf *b)
{
	http_response_header(resp, "Cache-Control", "no-store");
	if (b->overflow) {
		log_err("mail: page over %u bytes", MAIL_PAGE_MAX);
		return -1;
	}
	return web_layout(req, &resp->body, title, buf_str(b));
}

static void
mail_button(struct buf *b, const char *text)
{
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, text);
	html_close(b, "button");
}

/* --- forgot --- */

static int
forgot_render(struct http_request *req, struct http_response *resp, const char *problem,
	      const char *email)
{
	const char *title = HTTP_T(req, "Quên mật khẩu", "Forgot password");
	const char *csrf = http_auth_login_csrf(req, resp);
	struct buf b;
	buf_init(&b, MAIL_PAGE_MAX);
	html_elem(&b, "h1", title);
	if (problem != NULL)
		mail_message(&b, "problem", problem);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Nhập email của tài khoản. Chúng tôi sẽ gửi tới địa chỉ đó một liên kết "
			 "để đặt mật khẩu mới; liên kết dùng được một lần, trong 1 giờ.",
			 "Enter your account's email. We will send a link to set a new password to "
			 "that address; it works once, within 1 hour."));
	html_open(&b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/password/forgot", NULL, 0), NULL);
	web_csrf_field(req, &b, csrf);
	web_input(&b, "Email", "email", "email", "username", email);
	mail_button(&b, HTTP_T(req, "Gửi liên kết đặt lại", "Send the reset link"));
	html_close(&b, "form");
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", web_url(req, "/login", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Quay lại đăng nhập", "Back to sign-in"));
	html_close(&b, "a");
	html_close(&b, "p");
	int rc = mail_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

static int
forgot_post(struct http_request *req, struct http_response *resp)
{
	const char *email = http_form(req, "email");
	if (email == NULL || email[0] == '\0' || strlen(email) > USER_EMAIL_MAX) {
		resp->status = 400;
		return forgot_render(req, resp,
				     HTTP_T(req, "Hãy nhập email của tài khoản (tối đa 254 ký tự).",
					    "Enter the account's email (254 characters at most)."),
				     email != NULL && strlen(email) <= USER_EMAIL_MAX ? email
										      : NULL);
	}
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int wait_min = 0;
	enum status st =
	    mail_reset_request(db, email, req->client_addr, (int64_t)time(NULL), &wait_min);
	if (st == ST_FORBIDDEN) {
		struct msg m;
		char text[256];
		msg_init(&m, MSG_MAIL_RESET_THROTTLED, NULL);
		msg_int(&m, wait_min);
		resp->status = 429;
		http_response_header(resp, "Retry-After",
				     arena_printf(&req->arena, "%d", wait_min * 60));
		return forgot_render(req, resp, msg_format(&m, req->lang, text, sizeof(text)),
				     email);
	}
	if (st != ST_OK)
		return -1;
	const char *title = HTTP_T(req, "Quên mật khẩu", "Forgot password");
	struct buf b;
	buf_init(&b, MAIL_PAGE_MAX);
	html_elem(&b, "h1", title);
	html_open(&b, "p", "class", "notice", "role", "status", NULL);
	html_text(&b, HTTP_T(req, "Nếu địa chỉ ", "If "));
	html_elem(&b, "strong", email);
	html_text(&b, HTTP_T(req,
			     " có tài khoản, chúng tôi đã gửi tới đó liên kết đặt lại mật khẩu. "
			     "Liên kết dùng được một lần, trong 1 giờ. Không thấy thư? Hãy xem "
			     "cả hộp thư rác.",
			     " has an account, a link to reset its password is on its way. It "
			     "works once, within 1 hour. No message? Look in the spam folder "
			     "too."));
	html_close(&b, "p");
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", web_url(req, "/login", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Quay lại đăng nhập", "Back to sign-in"));
	html_close(&b, "a");
	html_close(&b, "p");
	int rc = mail_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_password_forgot(struct http_request *req, struct http_response *resp)
{
	if (req->method == HTTP_POST)
		return forgot_post(req, resp);
	return forgot_render(req, resp, NULL, NULL);
}

/* --- reset --- */

/* The page of a link that does not work (410), with the way to a new one. */
static int
reset_gone(struct http_request *req, struct http_response *resp)
{
	const char *title = HTTP_T(req, "Đặt lại mật khẩu", "Reset password");
	char text[512];
	struct msg m;
	msg_init(&m, MSG_MAIL_RESET_INVALID, NULL);
	resp->status = 410;
	struct buf b;
	buf_init(&b, MAIL_PAGE_MAX);
	html_elem(&b, "h1", title);
	mail_message(&b, "problem", msg_format(&m, req->lang, text, sizeof(text)));
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", web_url(req, "/password/forgot", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Yêu cầu liên kết mới", "Ask for a new link"));
	html_close(&b, "a");
	html_close(&b, "p");
	int rc = mail_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

static int
reset_render(struct http_request *req, struct http_response *resp, const char *token,
	     const char *problem)
{
	const char *title = HTTP_T(req, "Đặt lại mật khẩu", "Reset password");
	const char *csrf = http_auth_login_csrf(req, resp);
	struct buf b;
	buf_init(&b, MAIL_PAGE_MAX);
	html_elem(&b, "h1", title);
	if (problem != NULL)
		mail_message(&b, "problem", problem);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Đặt mật khẩu mới cho tài khoản. Mọi phiên đăng nhập của tài khoản sẽ "
			 "kết thúc và các mã truy cập API bị thu hồi.",
			 "Set a new password for the account. Every session of the account will "
			 "be signed out and its API tokens revoked."));
	html_open(&b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/password/reset", NULL, 0), NULL);
	web_csrf_field(req, &b, csrf);
	html_open(&b, "input", "type", "hidden", "name", "token", "value", token, NULL);
	web_input(&b,
		  HTTP_T(req, "Mật khẩu mới (ít nhất 10 ký tự)", "New password (10+ characters)"),
		  "password", "password", "new-password", NULL);
	web_input(&b, HTTP_T(req, "Nhập lại mật khẩu mới", "New password again"), "confirm",
		  "password", "new-password", NULL);
	mail_button(&b, HTTP_T(req, "Đặt mật khẩu mới", "Set the new password"));
	html_close(&b, "form");
	int rc = mail_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

static int
reset_post(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const char *token = http_form(req, "token");
	const char *password = http_form(req, "password"), *confirm = http_form(req, "confirm");
	if (password != NULL && strlen(password) > USER_PASSWORD_MAX)
		password = ""; /* refused below as too long would be; never hashed */
	struct msg why;
	enum status st =
	    mail_reset_complete(db, token, password, confirm, (int64_t)time(NULL), &why);
	if (st == ST_NOTFOUND)
		return reset_gone(req, resp);
	if (st == ST_INVALID) {
		char text[512];
		resp->status = 400;
		return reset_render(req, resp, token,
				    msg_format(&why, req->lang, text, sizeof(text)));
	}
	if (st != ST_OK)
		return -1;
	/* This browser's own session, if any, ended with the others. */
	http_response_header(resp, "Set-Cookie",
			     http_cookie_set(req, HTTP_SESSION_COOKIE, "", 0, "Lax"));
	const char *title = HTTP_T(req, "Đã đặt mật khẩu mới", "New password set");
	struct buf b;
	buf_init(&b, MAIL_PAGE_MAX);
	html_elem(&b, "h1", title);
	mail_message(&b, "notice",
		     HTTP_T(req,
			    "Mật khẩu mới đã được lưu; mọi phiên đăng nhập của tài khoản đã kết "
			    "thúc. Hãy đăng nhập bằng mật khẩu mới.",
			    "The new password is saved; every session of the account has been "
			    "signed out. Sign in with the new password."));
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", web_url(req, "/login", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Đăng nhập", "Sign in"));
	html_close(&b, "a");
	html_close(&b, "p");
	int rc = mail_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_password_reset(struct http_request *req, struct http_response *resp)
{
	if (req->method == HTTP_POST)
		return reset_post(req, resp);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const char *token = http_param(req, "token");
	enum status st = mail_reset_check(db, token, (int64_t)time(NULL));
	if (st == ST_NOTFOUND)
		return reset_gone(req, resp);
	if (st != ST_OK)
		return -1;
	return reset_render(req, resp, token, NULL);
}

/* --- notices --- */

int
web_account_notices(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int on = http_form(req, "notices") != NULL;
	if (mail_optout_set(db, req->who, !on, (int64_t)time(NULL)) != ST_OK)
		return -1;
	const struct http_param p[] = {{"notices", on ? "on" : "off"}};
	resp->status = 303;
	http_response_header(resp, "Location", web_url(req, "/account", p, 1));
	http_response_header(resp, "Cache-Control", "no-store");
	return 0;
}

void
web_mail_forgot_link(struct http_request *req, struct buf *b)
{
	html_open(b, "p", NULL);
	html_open(b, "a", "href", web_url(req, "/password/forgot", NULL, 0), NULL);
	html_text(b, HTTP_T(req, "Quên mật khẩu?", "Forgot your password?"));
	html_close(b, "a");
	html_close(b, "p");
}

void
web_mail_account_notices(struct http_request *req, struct buf *b)
{
	struct db *db = http_request_db(req);
	int off = db != NULL ? mail_optout_get(db, req->who->user_id) : -1;
	if (off < 0) {
		log_err("mail: cannot read the notice setting of user %lld",
			(long long)req->who->user_id);
		return;
	}
	html_elem(b, "h2", HTTP_T(req, "Thông báo qua e-mail", "E-mail notices"));
	const char *saved = http_param(req, "notices");
	if (saved != NULL && (strcmp(saved, "on") == 0 || strcmp(saved, "off") == 0))
		mail_message(
		    b, "notice",
		    strcmp(saved, "on") == 0
			? HTTP_T(req, "Đã bật thông báo qua e-mail.", "E-mail notices are on.")
			: HTTP_T(req, "Đã tắt thông báo qua e-mail.", "E-mail notices are off."));
	html_elem(b, "p",
		  HTTP_T(req,
			 "Thư mời khảo sát, nhắc hạn nộp và báo kết quả xét duyệt báo cáo, đăng "
			 "ký. Thư đặt lại mật khẩu vẫn được gửi khi bạn yêu cầu.",
			 "Survey invitations, deadline reminders and the outcome of reviews of "
			 "reports and registrations. Password reset messages still come when you "
			 "ask for them."));
	html_open(b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/account/notices", NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "label", "class", "check", NULL);
	if (off)
		html_open(b, "input", "type", "checkbox", "name", "notices", "value", "1", NULL);
	else
		html_open(b, "input", "type", "checkbox", "name", "notices", "value", "1",
			  "checked", "checked", NULL);
	html_text(b, HTTP_T(req, "Nhận thông báo qua e-mail", "Receive notices by e-mail"));
	html_close(b, "label");
	mail_button(b, HTTP_T(req, "Lưu", "Save"));
	html_close(b, "form");
}
