/*
 * Account administration in the web (/users, /users/{id}, /pick/...) and
 * the audit log in words, through the real `sxsh serve`: creating an
 * account whose facility is typed as part of its name without diacritics,
 * by tax code, or chosen among several matches; editing role and scope at
 * a version; disabling (the account's session ends and it cannot sign in)
 * and enabling; resetting a password (sessions end, the new one works);
 * the pickers' JSON; no role, unit or action code and no command-line flag
 * in what the pages say.
 *
 * The fixture's facilities (names folded by hand into name_key the way
 * util/fold.c folds: lower case, diacritics and đ→d):
 *   7301 "Nước đá Hòa Bình"  key "nuoc da hoa binh"  code NDHB, tax 1701234569
 *   7302 "Nước đá Hòa Phú"   key "nuoc da hoa phu"   code NDHP, no tax code
 *   7303 "Gạch Tân Lập"      key "gach tan lap"      code GTL,  no tax code
 * all in Thành phố Rạch Giá (code rach-gia).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"
#include "util/alloc.h"
#include "xlsx_read.h"

#define DB "admin_web.db"

enum { ADMIN, DIST, ENT, VICTIM, NWHO };

static struct hc_server server;
static struct db *db;
static struct user users[NWHO];
static struct hs_session sess[NWHO];

static int
setup(void **state)
{
	db = fx_db_new(DB, "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, "
			   "admin_unit_id, ownership, size) VALUES "
			   "(7301, 'NDHB', '1701234569', 'Nước đá Hòa Bình', 'nuoc da hoa binh', "
			   "'1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), "
			   "'private', 'small'), "
			   "(7302, 'NDHP', NULL, 'Nước đá Hòa Phú', 'nuoc da hoa phu', '1020', "
			   "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', "
			   "'small'), "
			   "(7303, 'GTL', NULL, 'Gạch Tân Lập', 'gach tan lap', '1020', "
			   "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', "
			   "'small'); "
			   /* one accepted report, so the indicators have a year */
			   "INSERT INTO report(id, facility_id, year, status, cp_aware) VALUES "
			   "(9301, 7302, 2024, 'accepted', 1)");
	static const struct user_new u[NWHO] = {
	    [ADMIN] = {.email = "admin@x.vn", .password = "admin password 1", .role = ROLE_ADMIN},
	    [DIST] = {.email = "dist@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7303},
	    [VICTIM] = {.email = "victim@x.vn",
			.password = "victim password 1",
			.role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, users, sess);
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, DB);
	return 0;
}

static void
admin_req(const char *method, const char *target, const char *body, int status,
	  struct hc_response *r)
{
	hs_form_req(server.port, &sess[ADMIN], method, target, body, status, r);
}

/* A column of the account email (its text; "" when the account is not there). */
static char *
user_col(const char *col, const char *email)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT %s FROM app_user WHERE email = '%s'", col, email);
	return tu_query_text(DB, sql);
}

static void
assert_user_col(const char *col, const char *email, const char *want)
{
	char *got = user_col(col, email);
	assert_string_equal(got, want);
	free(got);
}

/* A sign-in through the form that must be refused (a fresh client address each time). */
static void
login_refused(const char *email, const char *password)
{
	static int client = 1;
	char *cookie;
	char *csrf = hs_login_form(server.port, &cookie);
	char *body = xasprintf("csrf=%s&email=%s&password=%s", csrf, email, password);
	char *extra = xasprintf(HS_FORM "%sX-Forwarded-For: 10.77.0.%d\r\n", cookie, client++);
	struct hc_response r;
	hs_req(server.port, "POST", "/login", extra, body, 200, &r);
	hs_contains(&r, "Email hoặc mật khẩu không đúng.");
	hc_response_free(&r);
	free(extra);
	free(body);
	free(cookie);
	free(csrf);
}

static void
test_list_in_names(void **state)
{
	(void)state;
	struct hc_response r;
	admin_req("GET", "/users", NULL, 200, &r);
	/* Role, unit and facility by name in the table. */
	hs_contains(&r, "<td>Cán bộ huyện</td><td>Thành phố Rạch Giá</td><td>—</td>");
	hs_contains(&r, "<td>Doanh nghiệp</td><td>—</td><td>Gạch Tân Lập</td>");
	hs_contains(&r, "<td>Quản trị</td>");
	hs_contains(&r, "<td>Cán bộ Sở</td>");
	/* The selects offer names; codes only as option values. */
	hs_contains(&r, "<option value=\"district\">Cán bộ huyện</option>");
	hs_contains(&r, "<option value=\"rach-gia\">Thành phố Rạch Giá</option>");
	hs_lacks(&r, ">district<");
	hs_lacks(&r, ">rach-gia<");
	hs_lacks(&r, "(--");
	hc_response_free(&r);

	admin_req("GET", "/users?lang=en", NULL, 200, &r);
	hs_contains(&r, "<td>District staff</td>");
	hc_response_free(&r);
}

static void
test_create_with_picker(void **state)
{
	(void)state;
	struct hc_response r;
	/* An enterprise without a facility: the field is named, no command-line flag. */
	admin_req("POST", "/users", "email=a1%40x.vn&role=enterprise&facility=&password=", 400, &r);
	hs_contains(&r, "Cơ sở: tài khoản doanh nghiệp cần gắn với một cơ sở");
	hs_lacks(&r, "--facility");
	hc_response_free(&r);

	/* "nuoc da hoa" folds into both Hòa Bình's and Hòa Phú's keys: choose one.
	 * The typed email stays in the form. */
	admin_req("POST", "/users",
		  "email=a1%40x.vn&role=enterprise&facility=nuoc+da+hoa&password=", 400, &r);
	hs_contains(&r, "Cơ sở: có nhiều cơ sở khớp với “nuoc da hoa”, hãy chọn một");
	hs_contains(&r, "name=\"facility_pick\" value=\"7301\">Nước đá Hòa Bình (NDHB) · MST "
			"1701234569 · Thành phố Rạch Giá");
	hs_contains(&r, "name=\"facility_pick\" value=\"7302\">Nước đá Hòa Phú (NDHP) · Thành "
			"phố Rạch Giá");
	hs_contains(&r, "value=\"a1@x.vn\"");
	hc_response_free(&r);
	assert_user_col("count(*)", "a1@x.vn", "0");

	/* The radio button chosen wins. */
	admin_req("POST", "/users",
		  "email=a1%40x.vn&role=enterprise&facility=nuoc+da+hoa&facility_pick=7302"
		  "&password=",
		  200, &r);
	hs_contains(&r, "Đã tạo tài khoản a1@x.vn.");
	hs_contains(&r, "<code class=\"secret\">");
	hc_response_free(&r);
	assert_user_col("facility_id", "a1@x.vn", "7302");

	/* Part of the name without diacritics, one match: taken. */
	admin_req("POST", "/users",
		  "email=a2%40x.vn&role=enterprise&facility=HOA+BINH&password=long+enough+pw", 200,
		  &r);
	hc_response_free(&r);
	assert_user_col("facility_id", "a2@x.vn", "7301");

	/* The tax code, and the facility code, exactly. */
	admin_req("POST", "/users",
		  "email=a3%40x.vn&role=enterprise&facility=1701234569&password=", 200, &r);
	hc_response_free(&r);
	assert_user_col("facility_id", "a3@x.vn", "7301");
	admin_req("POST", "/users", "email=a4%40x.vn&role=enterprise&facility=GTL&password=", 200,
		  &r);
	hc_response_free(&r);
	assert_user_col("facility_id", "a4@x.vn", "7303");

	/* The id the script filled counts only while the text is its label. */
	admin_req("POST", "/users",
		  "email=a5%40x.vn&role=enterprise&facility=G%E1%BA%A1ch+T%C3%A2n+L%E1%BA%ADp+"
		  "%28GTL%29&facility_id=7303&facility_label=G%E1%BA%A1ch+T%C3%A2n+L%E1%BA%ADp+"
		  "%28GTL%29&password=",
		  200, &r);
	hc_response_free(&r);
	assert_user_col("facility_id", "a5@x.vn", "7303");
	admin_req("POST", "/users",
		  "email=a6%40x.vn&role=enterprise&facility=hoa+phu&facility_id=7303"
		  "&facility_label=G%E1%BA%A1ch+T%C3%A2n+L%E1%BA%ADp+%28GTL%29&password=",
		  200, &r);
	hc_response_free(&r);
	assert_user_col("facility_id", "a6@x.vn", "7302");

	/* Nothing matches. */
	admin_req("POST", "/users", "email=a7%40x.vn&role=enterprise&facility=xyz&password=", 400,
		  &r);
	hs_contains(&r, "Cơ sở: không có cơ sở nào khớp với “xyz”");
	hc_response_free(&r);

	/* A district account by the unit chosen from the list. */
	admin_req("POST", "/users", "email=d1%40x.vn&role=district&unit=ha-tien&password=", 200,
		  &r);
	hc_response_free(&r);
	assert_user_col("(SELECT code FROM admin_unit WHERE id = admin_unit_id)", "d1@x.vn",
			"ha-tien");
}

static void
test_edit(void **state)
{
	(void)state;
	struct hc_response r;
	char *target = xasprintf("/users/%lld", (long long)users[ENT].id);
	admin_req("GET", target, NULL, 200, &r);
	/* The facility field shows the stored facility by name with its code. */
	hs_contains(&r, "name=\"facility\" autocomplete=\"off\" aria-describedby=\"facility-hint\" "
			"value=\"Gạch Tân Lập (GTL)\"");
	hs_contains(&r, "<option value=\"enterprise\" selected=\"selected\">Doanh nghiệp</option>");
	hc_response_free(&r);

	/* Version 1 is the one hs_accounts made; a stale version is a conflict. */
	admin_req("POST", target,
		  "op=save&version=0&name=Ch%E1%BB%8B+Lan&role=enterprise&unit=&facility=hoa+binh",
		  409, &r);
	hs_contains(&r, "Tài khoản vừa được người khác thay đổi; hãy xem lại và lưu lần nữa");
	hs_contains(&r, "Hiện lưu: Doanh nghiệp · — · Gạch Tân Lập.");
	hs_contains(&r, "value=\"hoa binh\""); /* what was typed stays */
	hc_response_free(&r);
	assert_user_col("facility_id", "ent@x.vn", "7303");

	admin_req("POST", target,
		  "op=save&version=1&name=Ch%E1%BB%8B+Lan&role=enterprise&unit=&facility=hoa+binh",
		  200, &r);
	hs_contains(&r, "Đã lưu thay đổi.");
	hs_contains(&r, "value=\"Nước đá Hòa Bình (NDHB)\"");
	hc_response_free(&r);
	assert_user_col("facility_id", "ent@x.vn", "7301");
	assert_user_col("name", "ent@x.vn", "Chị Lan");
	assert_user_col("version", "ent@x.vn", "2");
	/* The scope changed: the account's session ended. */
	hs_req(server.port, "GET", "/my", sess[ENT].cookie, NULL, 303, &r);
	hc_response_free(&r);

	/* An enterprise account given a unit: the field is named. */
	admin_req("POST", target, "op=save&version=2&role=enterprise&unit=rach-gia&facility=GTL",
		  400, &r);
	hs_contains(&r, "Đơn vị hành chính: chỉ tài khoản cán bộ huyện mới gắn với đơn vị");
	hc_response_free(&r);

	/* The admin cannot change its own role. */
	char *self = xasprintf("/users/%lld", (long long)users[ADMIN].id);
	admin_req("POST", self, "op=save&version=1&role=province&unit=&facility=", 403, &r);
	hs_contains(&r, "Bạn không thể khóa tài khoản của chính mình hay đổi vai trò của mình");
	hc_response_free(&r);
	admin_req("POST", self, "op=disable", 403, &r);
	hc_response_free(&r);
	assert_user_col("status", "admin@x.vn", "active");
	free(self);
	free(target);

	char *n = tu_query_text(DB, "SELECT count(*) FROM audit WHERE action = 'user.update'");
	assert_string_equal(n, "1");
	free(n);
}

static void
test_disable_and_reset(void **state)
{
	(void)state;
	struct hc_response r;
	char *target = xasprintf("/users/%lld", (long long)users[VICTIM].id);
	hs_req(server.port, "GET", "/account", sess[VICTIM].cookie, NULL, 200, &r);
	hc_response_free(&r);

	admin_req("POST", target, "op=disable", 200, &r);
	hs_contains(&r, "Đã khóa tài khoản; mọi phiên đăng nhập đã kết thúc.");
	hs_contains(&r, "value=\"enable\">Mở khóa tài khoản</button>");
	hc_response_free(&r);
	assert_user_col("status", "victim@x.vn", "disabled");
	/* Its session is gone and the right password is refused. */
	hs_req(server.port, "GET", "/account", sess[VICTIM].cookie, NULL, 303, &r);
	hc_response_free(&r);
	login_refused("victim%40x.vn", "victim+password+1");

	admin_req("POST", target, "op=enable", 200, &r);
	hs_contains(&r, "Đã mở khóa tài khoản.");
	hc_response_free(&r);
	struct hs_session s;
	hs_login(server.port, "victim%40x.vn", "victim+password+1", &s);

	/* Reset to a password the admin chose: the session ends, the new one works. */
	admin_req("POST", target, "op=password&password=temporary+pass+9", 200, &r);
	hs_contains(&r, "Đã đặt lại mật khẩu; mọi phiên đăng nhập của người dùng đã kết thúc.");
	hs_lacks(&r, "class=\"secret\"");
	hc_response_free(&r);
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 303, &r);
	hc_response_free(&r);
	login_refused("victim%40x.vn", "victim+password+1");
	hs_login(server.port, "victim%40x.vn", "temporary+pass+9", &s);

	/* Too short: the limit is USER_PASSWORD_MIN = 10 characters. */
	admin_req("POST", target, "op=password&password=short", 400, &r);
	hs_contains(&r, "mật khẩu phải có ít nhất 10 ký tự");
	hc_response_free(&r);

	/* Left empty: one is generated and shown once (20 characters). */
	admin_req("POST", target, "op=password&password=", 200, &r);
	const char *p = strstr(r.body, "<code class=\"secret\">");
	assert_non_null(p);
	p += strlen("<code class=\"secret\">");
	assert_int_equal(strcspn(p, "<"), 20);
	hc_response_free(&r);
	free(target);
}

static void
test_pickers(void **state)
{
	(void)state;
	struct hc_response r;
	/* "hoa binh" folds into one key only. */
	admin_req("GET", "/pick/facilities?q=hoa%20binh", NULL, 200, &r);
	hs_header_is(&r, "Content-Type", "application/json");
	assert_string_equal(r.body, "[{\"id\":7301,\"label\":\"Nước đá Hòa Bình (NDHB)\","
				    "\"detail\":\"MST 1701234569 · Thành phố Rạch Giá\"}]");
	hc_response_free(&r);
	/* Both "Hòa" facilities, by folded name: hoa binh < hoa phu. */
	admin_req("GET", "/pick/facilities?q=N%C6%B0%E1%BB%9Bc%20%C4%91%C3%A1", NULL, 200, &r);
	assert_string_equal(r.body, "[{\"id\":7301,\"label\":\"Nước đá Hòa Bình (NDHB)\","
				    "\"detail\":\"MST 1701234569 · Thành phố Rạch Giá\"},"
				    "{\"id\":7302,\"label\":\"Nước đá Hòa Phú (NDHP)\","
				    "\"detail\":\"Thành phố Rạch Giá\"}]");
	hc_response_free(&r);
	admin_req("GET", "/pick/facilities?q=", NULL, 200, &r);
	assert_string_equal(r.body, "[]");
	hc_response_free(&r);
	admin_req("GET", "/pick/users?q=VICT", NULL, 200, &r);
	assert_string_equal(r.body,
			    "[{\"id\":\"victim@x.vn\",\"label\":\"victim@x.vn\",\"detail\":\"\"}]");
	hc_response_free(&r);
	/* Not for enterprises: every facility would be visible. */
	hs_form_req(server.port, &sess[DIST], "GET", "/pick/facilities?q=hoa", NULL, 403, &r);
	hc_response_free(&r);
}

static void
test_audit_in_words(void **state)
{
	(void)state;
	struct hc_response r;
	admin_req("GET", "/audit?action=user.disable", NULL, 200, &r);
	hs_contains(&r, "<td>Khóa tài khoản</td>");
	hs_contains(&r, "<option value=\"user.disable\" selected=\"selected\">Khóa tài "
			"khoản</option>");
	hs_lacks(&r, ">user.disable<");
	hs_lacks(&r, ">app_user");
	/* Before {"status":"active"}, after {"status":"disabled"}, by their labels. */
	hs_contains(&r, "<td class=\"change\"><dl><dt>Trạng thái</dt><dd>Hoạt động</dd></dl></td>"
			"<td class=\"change\"><dl><dt>Trạng thái</dt><dd>Đã khóa</dd></dl></td>");
	hc_response_free(&r);
	/* The edit of test_edit: facility 7303 → 7301, no name → "Chị Lan", role kept.
	 * The documents keep their keys sorted (facility_id, name, role, unit) and
	 * an absent name or unit as null, shown "—". */
	admin_req("GET", "/audit?action=user.update", NULL, 200, &r);
	hs_contains(&r, "<td>Sửa tài khoản</td>");
	hs_contains(
	    &r, "<dl><dt>Cơ sở (mã số)</dt><dd>7303</dd><dt>Tên</dt><dd>—</dd>"
		"<dt>Vai trò</dt><dd>Doanh nghiệp</dd><dt>Đơn vị hành chính</dt><dd>—</dd></dl>");
	hs_contains(
	    &r, "<dl><dt>Cơ sở (mã số)</dt><dd>7301</dd><dt>Tên</dt><dd>Chị Lan</dd>"
		"<dt>Vai trò</dt><dd>Doanh nghiệp</dd><dt>Đơn vị hành chính</dt><dd>—</dd></dl>");
	hc_response_free(&r);
	admin_req("GET", "/audit?action=user.disable&lang=en", NULL, 200, &r);
	hs_contains(&r, "<td>Account disabled</td>");
	hc_response_free(&r);
	/* A user typed by part of the email: "admin" names admin@x.vn alone, who
	 * disabled one account (victim@x.vn; its own disabling was refused). */
	admin_req("GET", "/audit?user=admin&action=user.disable", NULL, 200, &r);
	hs_contains(&r, "<p class=\"total\">Số dòng: 1</p>");
	hc_response_free(&r);
	/* "x.vn" is in every email: no one account, so no row matches the text. */
	admin_req("GET", "/audit?user=x.vn&action=user.disable", NULL, 200, &r);
	hs_contains(&r, "<p class=\"total\">Số dòng: 0</p>");
	hc_response_free(&r);
	/* A sign-in's document {"email", "addr"}: both labelled in words. */
	admin_req("GET", "/audit?action=login", NULL, 200, &r);
	hs_contains(&r, "<dt>Địa chỉ IP</dt><dd>127.0.0.1</dd>");
	hs_lacks(&r, "<dt>addr</dt>");
	hc_response_free(&r);
	/* A date typed the Vietnamese way; a wrong one names the field. */
	admin_req("GET", "/audit?from=01%2F01%2F2020", NULL, 200, &r);
	hc_response_free(&r);
	admin_req("GET", "/audit?from=2020-13-01", NULL, 400, &r);
	hs_contains(&r, "Từ ngày: hãy nhập ngày dạng ngày/tháng/năm, ví dụ 31/12/2025");
	hc_response_free(&r);
	/* Dates are days in Vietnam's time: a row stored at 2026-01-01 18:00 UTC
	 * is 02/01/2026 01:00 in Vietnam (UTC+7), so the day 02/01/2026 holds it
	 * and 01/01/2026 does not. */
	assert_int_equal(db_exec(db, "INSERT INTO audit(at, actor, action, entity, entity_id) "
				     "VALUES ('2026-01-01 18:00:00', 'cli', 'deadline.set', "
				     "'deadline', '2026')"),
			 DB_OK);
	admin_req("GET", "/audit?action=deadline.set&from=02%2F01%2F2026&to=02%2F01%2F2026", NULL,
		  200, &r);
	hs_contains(&r, "<p class=\"total\">Số dòng: 1</p>");
	hs_contains(&r, "02/01/2026 01:00");
	hc_response_free(&r);
	admin_req("GET", "/audit?action=deadline.set&from=01%2F01%2F2026&to=01%2F01%2F2026", NULL,
		  200, &r);
	hs_contains(&r, "<p class=\"total\">Số dòng: 0</p>");
	hc_response_free(&r);
}

/* The facility profile: ownership, size and sector by name; coordinates the Vietnamese way. */
static void
test_profile(void **state)
{
	(void)state;
	struct hc_response r;
	admin_req("GET", "/facilities/7303", NULL, 200, &r);
	hs_contains(&r, "<option value=\"private\" selected=\"selected\">Tư nhân</option>");
	hs_contains(&r, "<option value=\"small\" selected=\"selected\">Nhỏ</option>");
	hc_response_free(&r);

	/* "10,0123" is ten and 123 ten-thousandths on a Vietnamese page. */
	admin_req("POST", "/facilities/7303/profile",
		  "version=1&name=G%E1%BA%A1ch+T%C3%A2n+L%E1%BA%ADp&tax_code=&sector_code=1020"
		  "&address=&lat=10%2C0123&lon=105%2C08&ownership=household&size=micro"
		  "&employees=&opened_year=&closed_year=",
		  303, &r);
	hc_response_free(&r);
	char *v = tu_query_text(DB, "SELECT lat * 10000 FROM facility WHERE id = 7303");
	assert_true(strcmp(v, "100123") == 0 || strcmp(v, "100123.0") == 0);
	free(v);
	v = tu_query_text(DB, "SELECT ownership || ' ' || size FROM facility WHERE id = 7303");
	assert_string_equal(v, "household micro");
	free(v);

	/* Shown back the same way; read-only for a district officer, by name. */
	admin_req("GET", "/facilities/7303", NULL, 200, &r);
	hs_contains(&r, "name=\"lat\" id=\"f-lat\" value=\"10,0123\"");
	hs_contains(&r, "name=\"lon\" id=\"f-lon\" value=\"105,08\"");
	hs_contains(&r, "<option value=\"household\" selected=\"selected\">Hộ kinh doanh</option>");
	hc_response_free(&r);
	hs_form_req(server.port, &sess[DIST], "GET", "/facilities/7303", NULL, 200, &r);
	hs_contains(&r, "<th scope=\"row\">Loại hình sở hữu</th><td>Hộ kinh doanh</td>");
	hs_contains(&r, "<th scope=\"row\">Quy mô</th><td>Siêu nhỏ</td>");
	hs_lacks(&r, "<td>household</td>");
	hc_response_free(&r);

	/* "10.0123" is no number the Vietnamese way ('.' groups three digits): refused,
	 * the field named, the text kept. */
	admin_req("POST", "/facilities/7303/profile",
		  "version=2&name=G%E1%BA%A1ch+T%C3%A2n+L%E1%BA%ADp&tax_code=&sector_code=1020"
		  "&address=&lat=10.0123&lon=105%2C08&ownership=household&size=micro"
		  "&employees=&opened_year=&closed_year=",
		  400, &r);
	hs_contains(&r, "vĩ độ không phải là số: dấu chấm phân cách hàng nghìn");
	hs_contains(&r, "name=\"lat\" id=\"f-lat\" value=\"10.0123\"");
	hc_response_free(&r);
}

/* Cell ref of the first sheet of the workbook target answers. */
static void
assert_sheet_cell(const char *target, const char *ref, const char *want)
{
	struct hc_response r;
	admin_req("GET", target, NULL, 200, &r);
	const char *path = tu_path("admin_web.xlsx");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r.body, 1, r.body_len, f), r.body_len);
	fclose(f);
	hc_response_free(&r);
	char type[16], val[256];
	assert_true(xr_cell(path, 1, ref, type, val, sizeof(val)));
	assert_string_equal(val, want);
}

/* The indicators' workbook speaks the page's language; the CSV columns' codes are gone. */
static void
test_workbook_headers(void **state)
{
	(void)state;
	/* Rows 1-3 the title, the source and a blank; row 4 the header. Columns: plan, year,
	 * by, group_code, group_name, indicator, target_pct, target_from, target_by, yes,
	 * known, active, share (M), share_active (N), coverage (O), target_met,
	 * compared_with. */
	assert_sheet_cell("/indicators?year=2024&format=xlsx", "A1",
			  "Chỉ tiêu của kế hoạch 78/KH-UBND, năm 2024 — Toàn tỉnh");
	assert_sheet_cell("/indicators?year=2024&format=xlsx", "A4", "Kế hoạch");
	assert_sheet_cell("/indicators?year=2024&format=xlsx", "M4", "Tỷ lệ (trên số đã biết)");
	assert_sheet_cell("/indicators?year=2024&format=xlsx", "O4", "Độ bao phủ");
	assert_sheet_cell("/indicators?year=2024&format=xlsx", "C5", "Toàn tỉnh");
	assert_sheet_cell("/indicators?year=2024&format=xlsx&lang=en", "A1",
			  "Indicators of plan 78/KH-UBND, 2024 — Province");
	assert_sheet_cell("/indicators?year=2024&format=xlsx&lang=en", "O4", "Coverage");
	assert_sheet_cell("/indicators?year=2024&format=xlsx&lang=en", "C5", "Province");
}

/*
 * The list with thousands of accounts: 150 enterprise accounts
 * "bulk-001@x.vn" … "bulk-150@x.vn", one named "Nguyễn Văn Bé".  Filtered by
 * "bulk" they are 150, shown 100 a page in email order: page 1 ends with
 * bulk-100, page 2 ("Trang 2/2") holds bulk-101 … bulk-150.  The name is
 * found typed without diacritics; the role filter keeps the role.
 */
static void
test_list_filtered(void **state)
{
	(void)state;
	struct hc_response r;
	assert_int_equal(
	    db_exec(
		db,
		"INSERT INTO app_user(email, name, role, created_at) "
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150) "
		"SELECT 'bulk-' || CASE WHEN i < 10 THEN '00' WHEN i < 100 THEN '0' ELSE '' END "
		"|| CAST(i AS TEXT) || '@x.vn', CASE WHEN i = 7 THEN 'Nguyễn Văn Bé' END, "
		"'enterprise', '2026-01-01T00:00:00Z' FROM n"),
	    DB_OK);
	admin_req("GET", "/users?q=bulk", NULL, 200, &r);
	hs_contains(&r, "Số tài khoản: 150");
	hs_contains(&r, ">bulk-001@x.vn</a>");
	hs_contains(&r, ">bulk-100@x.vn</a>");
	hs_lacks(&r, ">bulk-101@x.vn</a>");
	hs_lacks(&r, ">victim@x.vn</a>");
	hs_contains(&r, "Trang 1/2");
	hs_contains(&r, "href=\"/users?q=bulk&amp;page=2\"");
	hc_response_free(&r);
	admin_req("GET", "/users?q=bulk&page=2", NULL, 200, &r);
	hs_contains(&r, ">bulk-101@x.vn</a>");
	hs_contains(&r, ">bulk-150@x.vn</a>");
	hs_lacks(&r, ">bulk-100@x.vn</a>");
	hs_contains(&r, "Trang 2/2");
	hc_response_free(&r);
	admin_req("GET", "/users?q=nguyen+van+be", NULL, 200, &r);
	hs_contains(&r, "Số tài khoản: 1");
	hs_contains(&r, ">bulk-007@x.vn</a>");
	hc_response_free(&r);
	admin_req("GET", "/users?role=admin", NULL, 200, &r);
	hs_contains(&r, "Số tài khoản: 1<");
	hs_lacks(&r, ">victim@x.vn</a>");
	hs_lacks(&r, ">bulk-001@x.vn</a>");
	hs_contains(&r, "<option value=\"admin\" selected=\"selected\">");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_list_in_names),
	    cmocka_unit_test(test_create_with_picker),
	    cmocka_unit_test(test_edit),
	    cmocka_unit_test(test_disable_and_reset),
	    cmocka_unit_test(test_pickers),
	    cmocka_unit_test(test_audit_in_words),
	    cmocka_unit_test(test_profile),
	    cmocka_unit_test(test_list_filtered),
	    cmocka_unit_test(test_workbook_headers),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
