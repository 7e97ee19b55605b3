/*
 * GET /users and POST /users (admin only, checked by the router): the list
 * of accounts and a form to create one with its role and scope.  Creation
 * goes through user_create, the same rules as `sxsh user add`; when the
 * password field is left empty a strong one is generated and shown once on
 * the answer page (sent with no-store).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/accounts/user.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/web_int.h"

#define USERS_PAGE_MAX (2u << 20)

static void
users_cell(struct buf *b, const char *text)
{
	html_elem(b, "td", text != NULL && text[0] != '\0' ? text : "—");
}

static void
users_table(struct http_request *req, struct buf *b, const struct user *u, size_t n)
{
	html_open(b, "div", "class", "scroll", NULL);
	html_open(b, "table", "class", "list", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	html_elem(b, "th", "Email");
	html_elem(b, "th", HTTP_T(req, "Họ tên", "Name"));
	html_elem(b, "th", HTTP_T(req, "Vai trò", "Role"));
	html_elem(b, "th", HTTP_T(req, "Đơn vị", "Unit"));
	html_elem(b, "th", HTTP_T(req, "Cơ sở", "Facility"));
	html_elem(b, "th", HTTP_T(req, "Trạng thái", "Status"));
	html_elem(b, "th", HTTP_T(req, "Tạo ngày", "Created"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(b, "tr", NULL);
		users_cell(b, u[i].email);
		users_cell(b, u[i].name);
		users_cell(b, user_role_name(u[i].role));
		users_cell(b, u[i].unit_code);
		users_cell(b, u[i].facility_id != 0
				  ? arena_printf(&req->arena, "%lld · %s",
						 (long long)u[i].facility_id, u[i].facility_name)
				  : NULL);
		users_cell(b, u[i].disabled ? HTTP_T(req, "đã khóa", "disabled")
					    : HTTP_T(req, "hoạt động", "active"));
		users_cell(b, web_date_unix(req, u[i].created_at));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
}

/* A form field without autocompletion: the admin types another person's data. */
static void
users_field(struct buf *b, const char *label, const char *name, const char *type, const char *value)
{
	web_input(b, label, name, type, "off", value);
}

static void
users_form(struct http_request *req, struct buf *b)
{
	const char *role = http_form(req, "role");
	html_elem(b, "h2", HTTP_T(req, "Tạo tài khoản", "Create an account"));
	html_open(b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/users", NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	users_field(b, "Email", "email", "email", http_form(req, "email"));
	users_field(b, HTTP_T(req, "Họ tên", "Name"), "name", "text", http_form(req, "name"));
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Vai trò", "Role"));
	html_open(b, "select", "name", "role", NULL);
	for (int r = 0; r < ROLE__MAX; r++) {
		const char *name = user_role_name((enum role)r);
		if (role != NULL && strcmp(role, name) == 0)
			html_open(b, "option", "value", name, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", name, NULL);
		html_text(b, name);
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
	users_field(
	    b,
	    HTTP_T(req, "Mã đơn vị hành chính (district)", "Administrative unit code (district)"),
	    "unit", "text", http_form(req, "unit"));
	users_field(b, HTTP_T(req, "Mã số cơ sở (enterprise)", "Facility id (enterprise)"),
		    "facility", "text", http_form(req, "facility"));
	users_field(b, HTTP_T(req, "Mật khẩu (để trống: tự tạo)", "Password (empty: generate one)"),
		    "password", "password", NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Tạo", "Create"));
	html_close(b, "button");
	html_close(b, "form");
}

static int
users_render(struct http_request *req, struct http_response *resp, const char *notice,
	     const char *problem, const char *secret)
{
	struct db *db = http_request_db(req);
	struct user *users = NULL;
	size_t n = 0;
	if (db == NULL || user_list(db, &users, &n) != ST_OK)
		return -1;
	const char *title = HTTP_T(req, "Tài khoản người dùng", "User accounts");
	struct buf b;
	buf_init(&b, USERS_PAGE_MAX);
	html_elem(&b, "h1", title);
	if (notice != NULL) {
		html_open(&b, "p", "class", "notice", "role", "status", NULL);
		html_text(&b, notice);
		if (secret != NULL) {
			html_text(&b, HTTP_T(req, " Mật khẩu (chỉ hiển thị lần này): ",
					     " Password (shown this once): "));
			html_open(&b, "code", "class", "secret", NULL);
			html_text(&b, secret);
			html_close(&b, "code");
		}
		html_close(&b, "p");
	}
	if (problem != NULL) {
		html_open(&b, "p", "class", "problem", "role", "alert", NULL);
		html_text(&b, problem);
		html_close(&b, "p");
	}
	users_table(req, &b, users, n);
	users_form(req, &b);
	free(users);
	http_response_header(resp, "Cache-Control", "no-store");
	int rc = -1;
	if (b.overflow)
		log_err("users: page over %u bytes", USERS_PAGE_MAX);
	else
		rc = web_layout(req, &resp->body, title, buf_str(&b));
	buf_free(&b);
	return rc;
}

static int
users_create(struct http_request *req, struct http_response *resp)
{
	struct user_new nu = {
	    .email = http_form(req, "email"),
	    .name = http_form(req, "name"),
	    .unit_code = http_form(req, "unit"),
	    .password = http_form(req, "password"),
	};
	char generated[USER_GENERATED_PASSWORD + 1];
	const char *fac = http_form(req, "facility");
	struct msg why;
	enum status st = ST_OK;
	if (user_role_parse(http_form(req, "role"), &nu.role) < 0) {
		st = ST_INVALID;
		user_msg(&why, MSG_USER_ROLE);
	} else if (fac != NULL && fac[0] != '\0' &&
		   (parse_int64(fac, &nu.facility_id) < 0 || nu.facility_id <= 0)) {
		st = ST_INVALID;
		user_msg(&why, MSG_USER_FACILITY_UNKNOWN);
	}
	int gen = nu.password == NULL || nu.password[0] == '\0';
	if (gen) {
		user_password_generate(generated);
		nu.password = generated;
	}
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int64_t id = 0;
	if (st == ST_OK)
		st = user_add(db, req->who, &nu, (int64_t)time(NULL), &id, &why);
	if (st == ST_ERR)
		return -1;
	if (st != ST_OK) {
		char problem[256];
		resp->status = 400;
		return users_render(req, resp, NULL,
				    msg_format(&why, req->lang, problem, sizeof(problem)), NULL);
	}
	const char *notice = arena_printf(
	    &req->arena, HTTP_T(req, "Đã tạo tài khoản %s.", "Account %s created."), nu.email);
	/* The form must come back empty after success. */
	req->nform = 0;
	return users_render(req, resp, notice, NULL, gen ? generated : NULL);
}

int
web_users(struct http_request *req, struct http_response *resp)
{
	if (req->method == HTTP_POST)
		return users_create(req, resp);
	return users_render(req, resp, NULL, NULL, NULL);
}
