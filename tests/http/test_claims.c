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
 * Sessions are made through model/accounts/session.c, as test_authz.c does.
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
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"

enum { ENT, ENT2, DIS, PRO, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];

static int
setup(void **state)
{
	/* 1701234569: the valid tax code of test_import.c (check digit 9). */
	db = fx_db_new("claims.db",
		       "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, "
		       "admin_unit_id, ownership, size) VALUES "
		       "(7201, 'C1', '1701234569', 'Cơ sở Một', 'co so mot', '1020', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
		       "(7202, 'C2', NULL, 'Cơ sở Hai', 'co so hai', '1020', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
		       "(7203, 'H1', NULL, 'Nhà máy Ba', 'nha may ba', '1020', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
		       "(7204, 'H2', NULL, 'Nhà máy Bốn', 'nha may bon', '1020', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small')");
	/* An enterprise account comes with its first facility. */
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7203},
	    [ENT2] = {.email = "ent2@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7204},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, "claims.db");
	return 0;
}

/* who sends method target with the form fields body (csrf added); asserts the status. */
static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
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
	hs_contains(&r, "<td>ent@x.vn</td>");
	hs_contains(&r, "C1 · Cơ sở Một");
	hs_contains(&r, "<td>1701234569</td>");
	hs_contains(&r, "data-status=\"claimed\"");
	claim_of(&r, id, v, sizeof(id));
	hc_response_free(&r);
	/* A fresh claim has version 1. */
	assert_string_equal(v, "1");
	snprintf(target, sizeof(target), "/claims/%s", id);

	/* A stale version: 409, the conflict message, the note kept, nothing decided. */
	req(PRO, "POST", target, "op=confirm&version=7&note=gi%E1%BA%A5y+ph%C3%A9p", 409, &r);
	hs_contains(&r, "dữ liệu đã bị người khác thay đổi; hãy tải lại và nhập lại");
	hs_contains(&r, ">giấy phép</textarea>");
	hs_contains(&r, "data-status=\"claimed\"");
	hc_response_free(&r);
	req(PRO, "GET", "/claims?lang=en", NULL, 200, &r);
	hs_contains(&r, "Facility claims");
	hs_contains(&r, ">pending</td>");
	hc_response_free(&r);

	snprintf(body, sizeof(body), "op=confirm&version=%s", v);
	req(PRO, "POST", target, body, 303, &r);
	hs_header_is(&r, "Location", "/claims?done=confirm");
	hc_response_free(&r);
	req(PRO, "GET", "/claims?done=confirm", NULL, 200, &r);
	hs_contains(&r, "Đã xác nhận yêu cầu.");
	hs_lacks(&r, "ent@x.vn"); /* no longer pending */
	hc_response_free(&r);
	req(PRO, "GET", "/claims?status=confirmed", NULL, 200, &r);
	hs_contains(&r, "<td>ent@x.vn</td>");
	hs_contains(&r, "data-status=\"confirmed\"");
	hs_lacks(&r, "action=\"/claims/"); /* decided: no form */
	hc_response_free(&r);

	/* Deciding again: the claim is no longer pending (version 2 now): 409. */
	req(PRO, "POST", target, "op=reject&version=2", 409, &r);
	hs_contains(&r, "không thể thực hiện ở trạng thái hiện tại");
	hc_response_free(&r);

	/* The enterprise now has the facility. */
	req(ENT, "GET", "/my", NULL, 200, &r);
	hs_contains(&r, "<h2><a href=\"/facilities/7201\">C1 · Cơ sở Một</a></h2>");
	hc_response_free(&r);
	req(ENT, "GET", "/facilities/7201", NULL, 200, &r);
	hs_contains(&r, "C1 · Cơ sở Một");
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
	hs_contains(&r, "<td>ent2@x.vn</td>");
	hs_contains(&r, "<td>—</td>"); /* C2 has no tax code */
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
	hs_header_is(&r, "Location", "/claims?done=reject");
	hc_response_free(&r);
	req(PRO, "GET", "/claims?status=rejected", NULL, 200, &r);
	hs_contains(&r, "<td>ent2@x.vn</td>");
	hs_contains(&r, "bị từ chối: sai chủ");
	hc_response_free(&r);
	req(ENT2, "GET", "/my", NULL, 200, &r);
	hs_contains(&r, "C2 · Cơ sở Hai (bị từ chối): sai chủ");
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
	hs_contains(&r, "action=\"/facilities/7202/assign\"");
	hc_response_free(&r);
	req(ENT, "GET", "/facilities/7201", NULL, 200, &r);
	hs_lacks(&r, "/assign\""); /* the form is for province staff */
	hc_response_free(&r);

	req(PRO, "POST", "/facilities/7202/assign", "email=nobody%40x.vn", 400, &r);
	hs_contains(&r, "không có tài khoản với email này");
	hs_contains(&r, "value=\"nobody@x.vn\"");
	hc_response_free(&r);
	req(PRO, "POST", "/facilities/7202/assign", "email=dis%40x.vn", 400, &r);
	hs_contains(&r, "chỉ giao cơ sở cho tài khoản doanh nghiệp đang hoạt động");
	hc_response_free(&r);
	req(ENT, "POST", "/facilities/7201/assign", "email=ent2%40x.vn", 403, &r);
	hc_response_free(&r);

	req(PRO, "POST", "/facilities/7202/assign", "email=ent2%40x.vn", 303, &r);
	hs_header_is(&r, "Location", "/facilities/7202?done=assigned");
	hc_response_free(&r);
	req(ENT2, "GET", "/facilities/7202", NULL, 200, &r);
	hc_response_free(&r);
	req(PRO, "GET", "/claims?status=confirmed", NULL, 200, &r);
	hs_contains(&r, "<td>ent2@x.vn</td>");
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
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
