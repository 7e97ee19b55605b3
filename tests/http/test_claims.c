/*
 * HTTP tests of the facility claim pages (src/web/claims.c, the claim form
 * of my.c and the assignment form of facility_page.c) against a real
 * `sxsh serve` on a loopback port: an enterprise claims a facility on /my,
 * the claim appears on /claims for the province with the user's email and
 * the facility's code, name and tax code; a stale version answers 409 with
 * the conflict message and the note kept; confirming puts the facility on
 * the enterprise's /my and opens /facilities/ID to it; rejecting shows the
 * note on /my and keeps the facility closed; district and enterprise users
 * get 403; province staff give a facility to an account directly.
 * Sessions are made through model/session.c, as test_authz.c does.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "db/db.h"
#include "http_client.h"
#include "model/refdata.h"
#include "model/session.h"
#include "model/user.h"
#include "testutil.h"
#include "util/alloc.h"

enum { ENT, ENT2, DIS, PRO, NWHO };

static struct hc_server server;
static struct db *db;
static char cookie[NWHO][256], csrf[NWHO][SESSION_TOKEN_LEN + 1];

static int
setup(void **state)
{
	(void)state;
	db = tu_db_new("claims.db");
	char err[512];
	if (refdata_load(db, err, sizeof(err)) < 0)
		fail_msg("refdata_load: %s", err);
	/* 1701234569: the valid tax code of test_import.c (check digit 9). */
	if (db_exec(db,
		    "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, "
		    "admin_unit_id, ownership, size) VALUES "
		    "(7201, 'C1', '1701234569', 'Cơ sở Một', 'co so mot', '1020', "
		    "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
		    "(7202, 'C2', NULL, 'Cơ sở Hai', 'co so hai', '1020', "
		    "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
		    "(7203, 'H1', NULL, 'Nhà máy Ba', 'nha may ba', '1020', "
		    "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
		    "(7204, 'H2', NULL, 'Nhà máy Bốn', 'nha may bon', '1020', "
		    "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small')") !=
	    DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	static const struct {
		const char *email;
		enum role role;
		const char *unit;
		int64_t fac; /* an enterprise account comes with its first facility */
	} u[NWHO] = {
	    [ENT] = {"ent@x.vn", ROLE_ENTERPRISE, NULL, 7203},
	    [ENT2] = {"ent2@x.vn", ROLE_ENTERPRISE, NULL, 7204},
	    [DIS] = {"dis@x.vn", ROLE_DISTRICT, "rach-gia", 0},
	    [PRO] = {"pro@x.vn", ROLE_PROVINCE, NULL, 0},
	};
	for (int i = 0; i < NWHO; i++) {
		struct user_new nu = {.email = u[i].email,
				      .role = u[i].role,
				      .unit_code = u[i].unit,
				      .facility_id = u[i].fac,
				      .password = "a long enough password"};
		int64_t id;
		struct user us;
		if (user_create(db, NULL, &nu, 1700000000, &id) != USER_OK)
			fail_msg("user %s", nu.email);
		assert_int_equal(user_get(db, id, &us), USER_OK);
		char token[SESSION_TOKEN_LEN + 1];
		struct session s;
		if (session_create(db, &us, (int64_t)time(NULL), token, &s) < 0)
			fail_msg("session_create failed");
		snprintf(cookie[i], sizeof(cookie[i]), "Cookie: sxsh_session=%s\r\n", token);
		snprintf(csrf[i], sizeof(csrf[i]), "%s", s.csrf);
	}
	if (hc_server_start(&server, tu_db_url("claims.db")) < 0)
		fail_msg("sxsh serve did not start");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (server.pid > 0)
		assert_int_equal(hc_server_stop(&server), 0);
	db_close(db);
	return 0;
}

/* who sends method target with the form fields body (csrf added); asserts the status. */
static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	char extra[512];
	snprintf(extra, sizeof(extra), "%sContent-Type: application/x-www-form-urlencoded\r\n",
		 cookie[who]);
	char *full = body != NULL ? xasprintf("csrf=%s&%s", csrf[who], body) : NULL;
	if (hc_request(server.port, method, target, extra, full, r) < 0)
		fail_msg("%s %s: no answer", method, target);
	free(full);
	if (r->status != status)
		fail_msg("%s %s: %d, expected %d\n%s", method, target, r->status, status, r->body);
}

static void
contains(const struct hc_response *r, const char *s)
{
	if (strstr(r->body, s) == NULL)
		fail_msg("body lacks \"%s\"", s);
}

static void
lacks(const struct hc_response *r, const char *s)
{
	if (strstr(r->body, s) != NULL)
		fail_msg("body has \"%s\"", s);
}

static void
location_is(const struct hc_response *r, const char *want)
{
	char *loc = hc_header(r, "Location");
	assert_non_null(loc);
	assert_string_equal(loc, want);
	free(loc);
}

/* The claim id and version of the first decision form on a /claims page. */
static void
claim_of(const struct hc_response *r, char *id, char *version, size_t n)
{
	const char *p = strstr(r->body, "action=\"/claims/");
	if (p == NULL)
		fail_msg("no decision form\n%s", r->body);
	p += strlen("action=\"/claims/");
	snprintf(id, n, "%.*s", (int)strspn(p, "0123456789"), p);
	const char *v = strstr(p, "name=\"version\" value=\"");
	assert_non_null(v);
	v += strlen("name=\"version\" value=\"");
	snprintf(version, n, "%.*s", (int)strspn(v, "0123456789"), v);
}

static void
test_confirm(void **state)
{
	(void)state;
	struct hc_response r;
	char id[32], v[32], target[64], body[256];

	/* Not yet his: the facility page is out of scope. */
	req(ENT, "GET", "/facilities/7201", NULL, 404, &r);
	hc_response_free(&r);
	req(ENT, "POST", "/my/claim", "key=C1", 303, &r);
	hc_response_free(&r);

	/* The province sees the pending claim with email, code, name, tax code. */
	req(PRO, "GET", "/claims", NULL, 200, &r);
	contains(&r, "<td>ent@x.vn</td>");
	contains(&r, "C1 · Cơ sở Một");
	contains(&r, "<td>1701234569</td>");
	contains(&r, "data-status=\"claimed\"");
	claim_of(&r, id, v, sizeof(id));
	hc_response_free(&r);
	/* A fresh claim has version 1. */
	assert_string_equal(v, "1");
	snprintf(target, sizeof(target), "/claims/%s", id);

	/* A stale version: 409, the conflict message, the note kept, nothing decided. */
	req(PRO, "POST", target, "op=confirm&version=7&note=gi%E1%BA%A5y+ph%C3%A9p", 409, &r);
	contains(&r, "dữ liệu đã bị người khác thay đổi; hãy tải lại và nhập lại");
	contains(&r, ">giấy phép</textarea>");
	contains(&r, "data-status=\"claimed\"");
	hc_response_free(&r);
	req(PRO, "GET", "/claims?lang=en", NULL, 200, &r);
	contains(&r, "Facility claims");
	contains(&r, ">pending</td>");
	hc_response_free(&r);

	snprintf(body, sizeof(body), "op=confirm&version=%s", v);
	req(PRO, "POST", target, body, 303, &r);
	location_is(&r, "/claims?done=confirm");
	hc_response_free(&r);
	req(PRO, "GET", "/claims?done=confirm", NULL, 200, &r);
	contains(&r, "Đã xác nhận yêu cầu.");
	lacks(&r, "ent@x.vn"); /* no longer pending */
	hc_response_free(&r);
	req(PRO, "GET", "/claims?status=confirmed", NULL, 200, &r);
	contains(&r, "<td>ent@x.vn</td>");
	contains(&r, "data-status=\"confirmed\"");
	lacks(&r, "action=\"/claims/"); /* decided: no form */
	hc_response_free(&r);

	/* Deciding again: the claim is no longer pending (version 2 now): 409. */
	req(PRO, "POST", target, "op=reject&version=2", 409, &r);
	contains(&r, "không thể thực hiện ở trạng thái hiện tại");
	hc_response_free(&r);

	/* The enterprise now has the facility. */
	req(ENT, "GET", "/my", NULL, 200, &r);
	contains(&r,
		 "<li data-status=\"confirmed\"><a href=\"/facilities/7201\">C1 · Cơ sở Một</a>");
	hc_response_free(&r);
	req(ENT, "GET", "/facilities/7201", NULL, 200, &r);
	contains(&r, "C1 · Cơ sở Một");
	hc_response_free(&r);
}

static void
test_reject_and_roles(void **state)
{
	(void)state;
	struct hc_response r;
	char id[32], v[32], target[64], body[256];

	req(ENT2, "POST", "/my/claim", "key=C2", 303, &r);
	hc_response_free(&r);
	req(PRO, "GET", "/claims", NULL, 200, &r);
	contains(&r, "<td>ent2@x.vn</td>");
	contains(&r, "<td>—</td>"); /* C2 has no tax code */
	claim_of(&r, id, v, sizeof(id));
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/claims/%s", id);

	/* Neither district nor enterprise users may see or decide claims. */
	req(DIS, "GET", "/claims", NULL, 403, &r);
	hc_response_free(&r);
	req(ENT2, "GET", "/claims", NULL, 403, &r);
	hc_response_free(&r);
	snprintf(body, sizeof(body), "op=confirm&version=%s", v);
	req(ENT2, "POST", target, body, 403, &r);
	hc_response_free(&r);
	req(DIS, "POST", target, body, 403, &r);
	hc_response_free(&r);
	/* An unknown decision: 400. */
	snprintf(body, sizeof(body), "op=maybe&version=%s", v);
	req(PRO, "POST", target, body, 400, &r);
	hc_response_free(&r);

	snprintf(body, sizeof(body), "op=reject&version=%s&note=sai+ch%%E1%%BB%%A7", v);
	req(PRO, "POST", target, body, 303, &r);
	location_is(&r, "/claims?done=reject");
	hc_response_free(&r);
	req(PRO, "GET", "/claims?status=rejected", NULL, 200, &r);
	contains(&r, "<td>ent2@x.vn</td>");
	contains(&r, "bị từ chối: sai chủ");
	hc_response_free(&r);
	req(ENT2, "GET", "/my", NULL, 200, &r);
	contains(&r, "C2 · Cơ sở Hai (bị từ chối): sai chủ");
	hc_response_free(&r);
	req(ENT2, "GET", "/facilities/7202", NULL, 404, &r);
	hc_response_free(&r);
	req(PRO, "GET", "/claims?status=bogus", NULL, 400, &r);
	hc_response_free(&r);
}

/* Runs after test_reject_and_roles: ent2's claim on C2 was rejected. */
static void
test_assign(void **state)
{
	(void)state;
	struct hc_response r;
	req(PRO, "GET", "/facilities/7202", NULL, 200, &r);
	contains(&r, "action=\"/facilities/7202/assign\"");
	hc_response_free(&r);
	req(ENT, "GET", "/facilities/7201", NULL, 200, &r);
	lacks(&r, "/assign\""); /* the form is for province staff */
	hc_response_free(&r);

	req(PRO, "POST", "/facilities/7202/assign", "email=nobody%40x.vn", 400, &r);
	contains(&r, "không có tài khoản với email này");
	contains(&r, "value=\"nobody@x.vn\"");
	hc_response_free(&r);
	req(PRO, "POST", "/facilities/7202/assign", "email=dis%40x.vn", 400, &r);
	contains(&r, "chỉ giao cơ sở cho tài khoản doanh nghiệp đang hoạt động");
	hc_response_free(&r);
	req(ENT, "POST", "/facilities/7201/assign", "email=ent2%40x.vn", 403, &r);
	hc_response_free(&r);

	req(PRO, "POST", "/facilities/7202/assign", "email=ent2%40x.vn", 303, &r);
	location_is(&r, "/facilities/7202?done=assigned");
	hc_response_free(&r);
	req(ENT2, "GET", "/facilities/7202", NULL, 200, &r);
	hc_response_free(&r);
	req(PRO, "GET", "/claims?status=confirmed", NULL, 200, &r);
	contains(&r, "<td>ent2@x.vn</td>");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_confirm),
	    cmocka_unit_test(test_reject_and_roles),
	    cmocka_unit_test(test_assign),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
