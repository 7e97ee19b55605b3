/*
 * Account administration (admin only, checked by the router):
 *
 *   GET, POST /users       the list of accounts and the form that creates one
 *   GET, POST /users/{id}  one account: its name, role and scope (saved at
 *                          the version the form was opened at), disabling
 *                          and enabling it, and resetting its password
 *
 * Roles, units and facilities are chosen by name: the role and the unit
 * are <select>s of names (their codes stay in the option values), the
 * facility is typed as part of its name (diacritics optional), its code or
 * its tax code.  Without scripts the server resolves the typed text
 * (users_facility): one match is taken, several are listed as radio buttons
 * to choose from, none is an error naming the field.  With scripts
 * static/js/picker.js suggests facilities from GET /pick/facilities
 * (pick.c) and fills the hidden facility_id with the one chosen; the hidden
 * facility_label remembers the text that id stands for, so an id is used
 * only while the text is unchanged.
 *
 * Every change goes through model/accounts/user.h and is audited there.
 * When the password field is left empty a strong password is generated
 * and shown once on the answer page (sent with no-store).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/accounts/user.h"
#include "model/names.h"
#include "model/registry/facility.h"
#include "model/registry/facility_pick.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/fold.h"
#include "util/log.h"
#include "web/web_int.h"

#define USERS_PAGE_MAX	 (2u << 20)
#define USERS_LIST_PAGE	 100 /* accounts shown per page of the list */
#define USERS_PICK_SHOWN 10  /* facilities listed to choose from */

/* What the page shows above the list or the form. */
struct users_say {
	const char *notice;  /* a change done; NULL when none */
	const char *problem; /* what is wrong; NULL when nothing */
	const char *secret;  /* a generated password to show once; NULL when none */
	/* Facilities the typed text matched, to choose from; n == 0 when none. */
	struct facility_pick picks[USERS_PICK_SHOWN];
	int npicks;
};

static const char *
users_role_label(struct http_request *req, enum role r)
{
	return HTTP_T(req, names_role[r].name_vi, names_role[r].name_en);
}

/* "Cơ sở nước đá An Phú (KG-0001)": how a facility is named in a field. */
static const char *
users_facility_label(struct http_request *req, const char *name, const char *code)
{
	return arena_printf(&req->arena, "%s (%s)", name, code);
}

static void
users_cell(struct buf *b, const char *text)
{
	html_elem(b, "td", text != NULL && text[0] != '\0' ? text : "—");
}

static void
users_table(struct http_request *req, struct buf *b, const struct user *u, size_t n)
{
	static const char *const th[][2] = {
	    {"Email", "Email"},	     {"Họ tên", "Name"},
	    {"Vai trò", "Role"},     {"Đơn vị hành chính", "Unit"},
	    {"Cơ sở", "Facility"},   {"Trạng thái", "Status"},
	    {"Tạo ngày", "Created"},
	};
	web_scroll_open(b, HTTP_T(req, "Tài khoản", "Accounts"));
	html_open(b, "table", "class", "list users", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	for (size_t i = 0; i < sizeof(th) / sizeof(th[0]); i++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, HTTP_T(req, th[i][0], th[i][1]));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(b, "tr", NULL);
		html_open(b, "td", NULL);
		html_open(b, "a", "href",
			  web_url(req, arena_printf(&req->arena, "/users/%lld", (long long)u[i].id),
				  NULL, 0),
			  NULL);
		html_text(b, u[i].email);
		html_close(b, "a");
		html_close(b, "td");
		users_cell(b, u[i].name);
		users_cell(b, users_role_label(req, u[i].role));
		users_cell(b, u[i].unit_name);
		users_cell(b, u[i].facility_name);
		users_cell(b, u[i].disabled ? HTTP_T(req, "Đã khóa", "Disabled")
					    : HTTP_T(req, "Hoạt động", "Active"));
		users_cell(b, web_date_unix(req, u[i].created_at));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
}

/* The value a field shows: what was posted when the form comes back, else stored. */
static const char *
users_val(struct http_request *req, const char *name, const char *stored)
{
	const char *v = req->method == HTTP_POST ? http_form(req, name) : NULL;
	return v != NULL ? v : stored;
}

/* A form field without autocompletion: the admin types another person's data. */
static void
users_field(struct buf *b, const char *label, const char *name, const char *type, const char *value)
{
	web_input(b, label, name, type, "off", value);
}

static void
users_role_select(struct http_request *req, struct buf *b, const char *role)
{
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Vai trò", "Role"));
	html_open(b, "select", "name", "role", NULL);
	for (int r = 0; r < ROLE__MAX; r++) {
		const char *code = names_role[r].code;
		if (role != NULL && strcmp(role, code) == 0)
			html_open(b, "option", "value", code, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", code, NULL);
		html_text(b, users_role_label(req, (enum role)r));
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
}

/* The district-level units by name; the option values are their codes. */
static int
users_unit_select(struct http_request *req, struct buf *b, const char *unit)
{
	struct name *opts;
	int n;
	if (facility_unit_options(http_request_db(req), &req->arena, &opts, &n) < 0)
		return -1;
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Đơn vị hành chính (cán bộ huyện)",
			    "Administrative unit (district staff)"));
	html_open(b, "select", "name", "unit", NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, HTTP_T(req, "— Không —", "— None —"));
	html_close(b, "option");
	for (int i = 0; i < n; i++) {
		if (unit != NULL && strcmp(unit, opts[i].code) == 0)
			html_open(b, "option", "value", opts[i].code, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", opts[i].code, NULL);
		html_text(b, HTTP_T(req, opts[i].name_vi, opts[i].name_en));
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
	return 0;
}

/*
 * The facility picker: the text field, its hint, the hidden id and label
 * the script fills, and the matches to choose from when the typed text
 * named several.  text, id and label are the field's current values.
 */
static void
users_facility_field(struct http_request *req, struct buf *b, const char *text, const char *id,
		     const char *label, const struct users_say *say)
{
	html_open(b, "div", "class", "picker", "data-pick",
		  web_url(req, "/pick/facilities", NULL, 0), NULL);
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Cơ sở (doanh nghiệp)", "Facility (enterprise)"));
	html_open(b, "input", "type", "text", "name", "facility", "autocomplete", "off",
		  "aria-describedby", "facility-hint", "value", text != NULL ? text : "", NULL);
	html_close(b, "label");
	html_open(b, "p", "class", "hint", "id", "facility-hint", NULL);
	html_text(b, web_msg(req, MSG_ADMIN_FACILITY_PICK));
	html_close(b, "p");
	html_open(b, "input", "type", "hidden", "name", "facility_id", "data-pick-id", "", "value",
		  id ? id : "", NULL);
	html_open(b, "input", "type", "hidden", "name", "facility_label", "data-pick-label", "",
		  "value", label ? label : "", NULL);
	if (say != NULL && say->npicks > 0) {
		html_open(b, "fieldset", "class", "choices", NULL);
		html_elem(b, "legend", HTTP_T(req, "Chọn một cơ sở", "Choose a facility"));
		for (int i = 0; i < say->npicks; i++) {
			const struct facility_pick *p = &say->picks[i];
			html_open(b, "label", NULL);
			html_open(b, "input", "type", "radio", "name", "facility_pick", "value",
				  arena_printf(&req->arena, "%lld", (long long)p->id), NULL);
			html_text(b, users_facility_label(req, p->name, p->code));
			if (p->tax_code[0] != '\0')
				html_textf(b, " · %s %s", HTTP_T(req, "MST", "Tax code"),
					   p->tax_code);
			html_textf(b, " · %s", p->unit);
			html_close(b, "label");
		}
		html_close(b, "fieldset");
	}
	html_close(b, "div");
}

static void
users_say(struct http_request *req, struct buf *b, const struct users_say *say)
{
	if (say->notice != NULL) {
		html_open(b, "p", "class", "notice", "role", "status", NULL);
		html_text(b, say->notice);
		if (say->secret != NULL) {
			html_text(b, HTTP_T(req, " Mật khẩu (chỉ hiển thị lần này): ",
					    " Password (shown this once): "));
			html_open(b, "code", "class", "secret", NULL);
			html_text(b, say->secret);
			html_close(b, "code");
		}
		html_close(b, "p");
	}
	if (say->problem != NULL) {
		html_open(b, "p", "class", "problem", "role", "alert", NULL);
		html_text(b, say->problem);
		html_close(b, "p");
	}
}

static void
users_button(struct buf *b, const char *op, const char *text)
{
	html_open(b, "button", "type", "submit", "name", "op", "value", op, NULL);
	html_text(b, text);
	html_close(b, "button");
}

/* The scope fields shared by the create and edit forms. */
static int
users_scope_fields(struct http_request *req, struct buf *b, const char *role, const char *unit,
		   const char *fac_text, const char *fac_id, const char *fac_label,
		   const struct users_say *say)
{
	users_role_select(req, b, role);
	if (users_unit_select(req, b, unit) < 0)
		return -1;
	users_facility_field(req, b, fac_text, fac_id, fac_label, say);
	return 0;
}

static int
users_create_form(struct http_request *req, struct buf *b, const struct users_say *say)
{
	html_elem(b, "h2", HTTP_T(req, "Tạo tài khoản", "Create an account"));
	html_open(b, "form", "class", "stack", "method", "post", "action",
		  web_url(req, "/users", NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	users_field(b, "Email", "email", "email", http_form(req, "email"));
	users_field(b, HTTP_T(req, "Họ tên", "Name"), "name", "text", http_form(req, "name"));
	if (users_scope_fields(req, b, http_form(req, "role"), http_form(req, "unit"),
			       http_form(req, "facility"), http_form(req, "facility_id"),
			       http_form(req, "facility_label"), say) < 0)
		return -1;
	users_field(b, HTTP_T(req, "Mật khẩu (để trống: tự tạo)", "Password (empty: generate one)"),
		    "password", "password", NULL);
	users_button(b, "create", HTTP_T(req, "Tạo tài khoản", "Create the account"));
	html_close(b, "form");
	return 0;
}

/* Sends the page whose inner markup is b (title its one <h1>). */
static int
users_send(struct http_request *req, struct http_response *resp, const char *title, struct buf *b)
{
	http_response_header(resp, "Cache-Control", "no-store");
	int rc = -1;
	if (b->overflow)
		log_err("users: page over %u bytes", USERS_PAGE_MAX);
	else
		rc = web_layout(req, &resp->body, title, buf_str(b));
	buf_free(b);
	return rc;
}

/*
 * Whether account u matches the list's filters: role (a code, "" for any)
 * and key, the folded text typed (found in the folded email or name).
 */
static int
users_match(const struct user *u, const char *role, const char *key)
{
	if (role[0] != '\0' && strcmp(names_role[u->role].code, role) != 0)
		return 0;
	if (key == NULL || key[0] == '\0')
		return 1;
	char *e = fold_key(u->email), *nm = fold_key(u->name);
	int hit = (e != NULL && strstr(e, key) != NULL) || (nm != NULL && strstr(nm, key) != NULL);
	free(e);
	free(nm);
	return hit;
}

/* The filters of the list: the text to find and the role, kept in the form. */
static void
users_filters(struct http_request *req, struct buf *b, const char *q, const char *role)
{
	html_open(b, "form", "class", "filters", "method", "get", "action", "/users", NULL);
	if (req->lang == LANG_EN)
		html_open(b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Email hoặc họ tên", "Email or name"));
	html_open(b, "input", "type", "search", "name", "q", "value", q, NULL);
	html_close(b, "label");
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Vai trò", "Role"));
	html_open(b, "select", "name", "role", NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, HTTP_T(req, "Tất cả vai trò", "Every role"));
	html_close(b, "option");
	for (int r = 0; r < ROLE__MAX; r++) {
		if (strcmp(role, names_role[r].code) == 0)
			html_open(b, "option", "value", names_role[r].code, "selected", "selected",
				  NULL);
		else
			html_open(b, "option", "value", names_role[r].code, NULL);
		html_text(b, users_role_label(req, (enum role)r));
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Lọc", "Filter"));
	html_close(b, "button");
	html_close(b, "form");
}

static int
users_list_page(struct http_request *req, struct http_response *resp, const struct users_say *say)
{
	struct db *db = http_request_db(req);
	struct user *users = NULL;
	size_t n = 0;
	if (db == NULL || user_list(db, &users, &n) != ST_OK)
		return -1;
	/* A province has thousands of enterprise accounts: the list is
	 * filtered and shown USERS_LIST_PAGE at a time. */
	const char *q = http_param(req, "q"), *role = http_param(req, "role");
	const char *pg = http_param(req, "page");
	q = q != NULL ? q : "";
	role = role != NULL ? role : "";
	int64_t page = 1;
	if (pg != NULL && pg[0] != '\0' && (parse_int64(pg, &page) < 0 || page < 1))
		page = 1;
	char *key = fold_key(q);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (users_match(&users[i], role, key))
			users[m++] = users[i];
	free(key);
	size_t pages = m == 0 ? 1 : (m + USERS_LIST_PAGE - 1) / USERS_LIST_PAGE;
	if ((size_t)page > pages)
		page = (int64_t)pages;
	size_t from = (size_t)(page - 1) * USERS_LIST_PAGE;
	size_t shown = m - from < USERS_LIST_PAGE ? m - from : USERS_LIST_PAGE;

	const char *title = HTTP_T(req, "Tài khoản người dùng", "User accounts");
	struct buf b;
	buf_init(&b, USERS_PAGE_MAX);
	html_elem(&b, "h1", title);
	users_say(req, &b, say);
	users_filters(req, &b, q, role);
	html_open(&b, "p", "class", "count", NULL);
	char num[32];
	html_textf(&b, HTTP_T(req, "Số tài khoản: %s", "Accounts: %s"),
		   fmt_int(num, sizeof(num), (int64_t)m, req->lang));
	html_close(&b, "p");
	users_table(req, &b, users + from, shown);
	free(users);
	if (pages > 1) {
		html_open(&b, "p", "class", "pager", NULL);
		for (int d = -1; d <= 1; d += 2) {
			int64_t to = page + d;
			if (to < 1 || (size_t)to > pages)
				continue;
			struct http_param p[] = {
			    {"q", q},
			    {"role", role},
			    {"page", arena_printf(&req->arena, "%lld", (long long)to)}};
			html_open(&b, "a", "href", web_url(req, "/users", p, 3), NULL);
			html_text(&b, d < 0 ? HTTP_T(req, "« Trang trước", "« Previous")
					    : HTTP_T(req, "Trang sau »", "Next »"));
			html_close(&b, "a");
			html_text(&b, " ");
		}
		html_textf(&b, HTTP_T(req, "Trang %lld/%zu", "Page %lld of %zu"), (long long)page,
			   pages);
		html_close(&b, "p");
	}
	if (users_create_form(req, &b, say) < 0) {
		buf_free(&b);
		return -1;
	}
	return users_send(req, resp, title, &b);
}

/* msg in the page's language (arena). */
static const char *
users_msg_text(struct http_request *req, const struct msg *m)
{
	char text[512];
	return arena_strdup(&req->arena, msg_format(m, req->lang, text, sizeof(text)));
}

/*
 * Reads the facility of the posted form into *id (0: none): a radio button
 * chosen among matches, else the id the picker filled while the text is
 * still the one it stands for, else the typed text resolved by
 * facility_pick.  ST_OK; ST_INVALID with *why (and say->picks when several
 * match); ST_ERR.
 */
static enum status
users_facility(struct http_request *req, int64_t *id, struct users_say *say, struct msg *why)
{
	const char *pick = http_form(req, "facility_pick");
	const char *text = http_form(req, "facility");
	const char *hid = http_form(req, "facility_id");
	const char *label = http_form(req, "facility_label");
	*id = 0;
	if (pick != NULL && pick[0] != '\0') {
		if (parse_int64(pick, id) < 0 || *id <= 0) {
			user_msg(why, MSG_USER_FACILITY_UNKNOWN);
			return ST_INVALID;
		}
		return ST_OK;
	}
	if (text == NULL || text[0] == '\0')
		return ST_OK;
	if (hid != NULL && hid[0] != '\0' && label != NULL && strcmp(label, text) == 0) {
		if (parse_int64(hid, id) < 0 || *id <= 0) {
			user_msg(why, MSG_USER_FACILITY_UNKNOWN);
			return ST_INVALID;
		}
		return ST_OK;
	}
	struct facility_pick found[USERS_PICK_SHOWN];
	int n;
	if (facility_pick(http_request_db(req), &req->arena, text, USERS_PICK_SHOWN, found, &n) < 0)
		return ST_ERR;
	if (n == 1 || (n > 1 && found[0].exact && !found[1].exact)) {
		*id = found[0].id;
		return ST_OK;
	}
	msg_init(why, n == 0 ? MSG_ADMIN_FACILITY_NONE : MSG_ADMIN_FACILITY_MANY, NULL);
	msg_str(why, text);
	memcpy(say->picks, found, (size_t)n * sizeof(found[0]));
	say->npicks = n;
	return ST_INVALID;
}

/* Reads the role, name, unit and facility of the posted form into nu. */
static enum status
users_read(struct http_request *req, struct user_new *nu, struct users_say *say, struct msg *why)
{
	nu->name = http_form(req, "name");
	nu->unit_code = http_form(req, "unit");
	if (user_role_parse(http_form(req, "role"), &nu->role) < 0) {
		user_msg(why, MSG_USER_ROLE);
		return ST_INVALID;
	}
	return users_facility(req, &nu->facility_id, say, why);
}

static int
users_create(struct http_request *req, struct http_response *resp)
{
	struct user_new nu = {
	    .email = http_form(req, "email"),
	    .password = http_form(req, "password"),
	};
	struct users_say say = {0};
	char generated[USER_GENERATED_PASSWORD + 1];
	struct msg why;
	enum status st = users_read(req, &nu, &say, &why);
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
		resp->status = st == ST_EXISTS ? 409 : 400;
		say.problem = users_msg_text(req, &why);
		return users_list_page(req, resp, &say);
	}
	say.notice = arena_printf(
	    &req->arena, HTTP_T(req, "Đã tạo tài khoản %s.", "Account %s created."), nu.email);
	say.secret = gen ? generated : NULL;
	/* The form must come back empty after success. */
	req->nform = 0;
	return users_list_page(req, resp, &say);
}

int
web_users(struct http_request *req, struct http_response *resp)
{
	struct users_say say = {0};
	if (req->method == HTTP_POST)
		return users_create(req, resp);
	return users_list_page(req, resp, &say);
}

/* --- one account --- */

static int
users_edit_page(struct http_request *req, struct http_response *resp, const struct user *u,
		const struct users_say *say)
{
	const char *title =
	    arena_printf(&req->arena, "%s %s", HTTP_T(req, "Tài khoản", "Account"), u->email);
	const char *action =
	    web_url(req, arena_printf(&req->arena, "/users/%lld", (long long)u->id), NULL, 0);
	struct buf b;
	buf_init(&b, USERS_PAGE_MAX);
	html_elem(&b, "h1", title);
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", web_url(req, "/users", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "« Mọi tài khoản", "« All accounts"));
	html_close(&b, "a");
	html_close(&b, "p");
	users_say(req, &b, say);
	html_open(&b, "p", "class", "state", NULL);
	html_textf(&b, "%s: %s · %s: %s", HTTP_T(req, "Trạng thái", "Status"),
		   u->disabled ? HTTP_T(req, "Đã khóa", "Disabled")
			       : HTTP_T(req, "Hoạt động", "Active"),
		   HTTP_T(req, "Tạo ngày", "Created"), web_date_unix(req, u->created_at));
	html_close(&b, "p");

	html_elem(&b, "h2", HTTP_T(req, "Vai trò và phạm vi", "Role and scope"));
	html_open(&b, "form", "class", "stack", "method", "post", "action", action, NULL);
	web_csrf_field(req, &b, NULL);
	html_open(
	    &b, "input", "type", "hidden", "name", "version", "value",
	    users_val(req, "version", arena_printf(&req->arena, "%lld", (long long)u->version)),
	    NULL);
	const char *fac_label = u->facility_id != 0
				    ? users_facility_label(req, u->facility_name, u->facility_code)
				    : "";
	const char *fac_id =
	    u->facility_id != 0 ? arena_printf(&req->arena, "%lld", (long long)u->facility_id) : "";
	users_field(&b, HTTP_T(req, "Họ tên", "Name"), "name", "text",
		    users_val(req, "name", u->name));
	if (users_scope_fields(req, &b, users_val(req, "role", names_role[u->role].code),
			       users_val(req, "unit", u->unit_code),
			       users_val(req, "facility", fac_label),
			       users_val(req, "facility_id", fac_id),
			       users_val(req, "facility_label", fac_label), say) < 0) {
		buf_free(&b);
		return -1;
	}
	users_button(&b, "save", HTTP_T(req, "Lưu thay đổi", "Save the changes"));
	html_close(&b, "form");

	html_elem(&b, "h2", HTTP_T(req, "Khóa tài khoản", "Disable the account"));
	html_open(&b, "form", "class", "stack", "method", "post", "action", action, NULL);
	web_csrf_field(req, &b, NULL);
	html_elem(&b, "p",
		  u->disabled
		      ? HTTP_T(req, "Tài khoản đang bị khóa: không đăng nhập được.",
			       "The account is disabled: it cannot sign in.")
		      : HTTP_T(req,
			       "Khóa tài khoản sẽ đăng xuất người dùng ở mọi nơi; khóa API "
			       "của họ không dùng được khi tài khoản bị khóa.",
			       "Disabling signs the user out everywhere; their API keys are "
			       "refused while the account is disabled."));
	if (u->disabled)
		users_button(&b, "enable", HTTP_T(req, "Mở khóa tài khoản", "Enable the account"));
	else
		users_button(&b, "disable", HTTP_T(req, "Khóa tài khoản", "Disable the account"));
	html_close(&b, "form");

	html_elem(&b, "h2", HTTP_T(req, "Đặt lại mật khẩu", "Reset the password"));
	html_open(&b, "form", "class", "stack", "method", "post", "action", action, NULL);
	web_csrf_field(req, &b, NULL);
	users_field(&b,
		    HTTP_T(req, "Mật khẩu tạm (để trống: tự tạo)",
			   "Temporary password (empty: generate one)"),
		    "password", "password", NULL);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Người dùng sẽ bị đăng xuất ở mọi nơi; hãy báo mật khẩu mới cho họ và "
			 "nhắc họ đổi sau khi đăng nhập.",
			 "The user is signed out everywhere; give them the new password and ask "
			 "them to change it after signing in."));
	users_button(&b, "password", HTTP_T(req, "Đặt lại mật khẩu", "Reset the password"));
	html_close(&b, "form");
	return users_send(req, resp, title, &b);
}

static int
users_status_of(enum status st)
{
	switch (st) {
	case ST_CONFLICT:
	case ST_EXISTS:
		return 409;
	case ST_FORBIDDEN:
		return 403;
	case ST_NOTFOUND:
		return 404;
	default:
		return 400;
	}
}

/* POST /users/{id}: op save, disable, enable or password. */
static int
users_change(struct http_request *req, struct http_response *resp, struct user *u)
{
	struct db *db = http_request_db(req);
	const char *op = http_form(req, "op");
	struct users_say say = {0};
	struct msg why;
	enum status st;
	int64_t now = (int64_t)time(NULL);
	char generated[USER_GENERATED_PASSWORD + 1];
	if (op == NULL)
		op = "";
	if (strcmp(op, "save") == 0) {
		struct user_new ch = {0};
		int64_t version = 0;
		const char *v = http_form(req, "version");
		st = users_read(req, &ch, &say, &why);
		if (st == ST_OK && (v == NULL || parse_int64(v, &version) < 0)) {
			user_msg(&why, MSG_USER_CONFLICT);
			st = ST_CONFLICT;
		}
		if (st == ST_OK)
			st = user_edit(db, req->who, u->id, version, &ch, now, &why);
		if (st == ST_OK)
			say.notice = HTTP_T(req, "Đã lưu thay đổi.", "Changes saved.");
	} else if (strcmp(op, "disable") == 0 || strcmp(op, "enable") == 0) {
		int off = op[0] == 'd';
		st = user_status_change(db, req->who, u->id, off, now, &why);
		if (st == ST_OK)
			say.notice = off ? HTTP_T(req,
						  "Đã khóa tài khoản; mọi phiên đăng nhập đã "
						  "kết thúc.",
						  "Account disabled; every session has ended.")
					 : HTTP_T(req, "Đã mở khóa tài khoản.", "Account enabled.");
	} else if (strcmp(op, "password") == 0) {
		const char *pw = http_form(req, "password");
		int gen = pw == NULL || pw[0] == '\0';
		if (gen) {
			user_password_generate(generated);
			pw = generated;
		}
		st = user_password_reset(db, req->who, u->id, pw, now, &why);
		if (st == ST_OK) {
			say.notice = HTTP_T(req,
					    "Đã đặt lại mật khẩu; mọi phiên đăng nhập của người "
					    "dùng đã kết thúc.",
					    "Password reset; every session of the user has ended.");
			say.secret = gen ? generated : NULL;
		}
	} else {
		web_error(req, resp, 400, "Thao tác không hợp lệ.", "Unknown action.");
		return 0;
	}
	if (st == ST_ERR)
		return -1;
	if (st != ST_OK) {
		resp->status = users_status_of(st);
		say.problem = users_msg_text(req, &why);
		if (st == ST_CONFLICT) {
			/* Show what is stored now beside what was typed; the form keeps the
			 * typed values and takes the new version, so saving again is a
			 * choice made knowing both. */
			struct user now_u;
			if (user_get(db, u->id, &now_u) == ST_OK) {
				say.problem = arena_printf(
				    &req->arena, "%s %s: %s · %s · %s.", say.problem,
				    HTTP_T(req, "Hiện lưu", "Stored now"),
				    users_role_label(req, now_u.role),
				    now_u.unit_name[0] ? now_u.unit_name : "—",
				    now_u.facility_name[0] ? now_u.facility_name : "—");
				*u = now_u;
				for (int i = 0; i < req->nform; i++)
					if (strcmp(req->form[i].name, "version") == 0)
						req->form[i].value = arena_printf(
						    &req->arena, "%lld", (long long)u->version);
			}
		}
		return users_edit_page(req, resp, u, &say);
	}
	if (user_get(db, u->id, u) != ST_OK)
		return -1;
	req->nform = 0; /* show what is stored now */
	return users_edit_page(req, resp, u, &say);
}

int
web_user_edit(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct user u;
	enum status st = http_path_ids(req->path, &id, 1) == 1 ? user_get(db, id, &u) : ST_NOTFOUND;
	if (st == ST_ERR)
		return -1;
	if (st != ST_OK) {
		web_error(req, resp, 404, "Không tìm thấy tài khoản.", "No such account.");
		return 0;
	}
	if (req->method == HTTP_POST)
		return users_change(req, resp, &u);
	struct users_say say = {0};
	return users_edit_page(req, resp, &u, &say);
}
