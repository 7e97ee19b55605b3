/*
 * The process page of an assessment (web/assess_process.c) over HTTP:
 * who sees it and who may change it, adding steps and lines as a person
 * types them on a Vietnamese page ("12.500" is 12,500; "3,5" is 3.5), a
 * refused field re-rendered with what was typed, a stale version (409),
 * and the balances and waste cost shown Vietnamese-style.
 *
 * Fixture: facility 7501 in Rạch Giá with assessment 5001 (balance period
 * month, in progress); the expert is in its team, expert2 is not; the
 * district user is Rạch Giá's; the enterprise user is 7501's.
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
#include "wffix.h"

enum { PRO, DIS, ENT, EXP, EXP2, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];
static struct user users[NWHO];
static int version = 1; /* the assessment's, as the pages carry it */

#define DBNAME "process_page.db"
#define PAGE   "/assessments/5001/process"

static int
setup(void **state)
{
	db = fx_db_new(
	    DBNAME,
	    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "
	    "size) VALUES (7501, 'PP1', 'Cơ sở chế biến cá Rạch Giá', 'co so che bien ca rach "
	    "gia', "
	    "'1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small');"
	    "INSERT INTO assessment(id, facility_id, year, title, started_on, balance_period, "
	    "status) VALUES (5001, 7501, 2024, 'Đánh giá xưởng phi lê', '2024-03-01', 'month', "
	    "'in_progress')");
	static const struct user_new u[NWHO] = {
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7501},
	    [EXP] = {.email = "exp@x.vn", .role = ROLE_EXPERT},
	    [EXP2] = {.email = "exp2@x.vn", .role = ROLE_EXPERT},
	};
	hs_accounts(db, u, NWHO, users, sess);
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO assessment_member(assessment_id, user_id, name, team_role) VALUES "
		 "(5001, %lld, 'Chuyên gia', 'expert')",
		 (long long)users[EXP].id);
	if (db_exec(db, sql) != DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	*state = db;
	hs_server_start(&server, DBNAME);
	return 0;
}

static void
req(int who, const char *method, const char *body, int status, struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, PAGE, body, status, r);
}

/* POSTs body with the current version as who; on 303 the version moves on. */
static void
post(int who, const char *body, int status, struct hc_response *r)
{
	char b[2048];
	snprintf(b, sizeof(b), "version=%d&%s", version, body);
	req(who, "POST", b, status, r);
	if (status == 303)
		version++;
}

static long long
step_id(const char *name)
{
	char q[256];
	snprintf(q, sizeof(q), "SELECT id FROM process_step WHERE name = '%s'", name);
	return wfx_int(DBNAME, q);
}

static void
test_access(void **state)
{
	(void)state;
	struct hc_response r;
	hs_req(server.port, "GET", PAGE, NULL, NULL, 303, &r);
	hc_response_free(&r);
	req(EXP2, "GET", NULL, 404, &r);
	hc_response_free(&r);
	req(EXP, "GET", NULL, 200, &r);
	hs_contains(&r, "<h1>Công đoạn sản xuất và cân bằng</h1>");
	hs_contains(&r, "Thêm công đoạn");
	hs_contains(&r, "href=\"/assessments/5001\"");
	hs_contains(&r, "Kỳ cân bằng: Tháng");
	hs_contains(&r, "<title id=\"process-diagram-title\">Sơ đồ công nghệ</title>");
	hc_response_free(&r);
	/* the district reads, without forms; a change is forbidden */
	req(DIS, "GET", NULL, 200, &r);
	hs_contains(&r, "Chỉ xem");
	hs_lacks(&r, "name=\"op\"");
	hc_response_free(&r);
	post(DIS, "op=add_step&name=X", 403, &r);
	hc_response_free(&r);
	post(EXP2, "op=add_step&name=X", 404, &r);
	hc_response_free(&r);
}

/*
 * Step "Phi lê": in 10 t fish ("10") and 15 m3 water ("15"), out 4,2 t
 * fillet ("4,2"), 5,6 t by-products ("5,6", value lost "28.000.000") and
 * 14,8 m3 wastewater ("14,8", treatment "118.400").
 *   mass: in 10 + 15 = 25 t; out 4.2 + 5.6 + 14.8 = 24.6 t; difference
 *   0.4 t; error 0.4 / 25 = 1.6 %: within 5 %.
 *   waste per month 28,000,000 + 118,400 = 28,118,400; per year x 12 =
 *   337,420,800.
 * Step "Cấp đông": 12.500 kWh electricity in: 12,500 x 0.0036 = 45 GJ and
 * no energy out: error (45 − 0) / 45 = 100 %: beyond 5 %.  "3,5" t of
 * ice in is stored as 3.5.
 */
static void
test_edit(void **state)
{
	(void)state;
	struct hc_response r;
	post(EXP, "op=add_step&name=Phi+l%C3%AA&description=C%E1%BA%AFt", 303, &r);
	hs_header_is(&r, "Location", PAGE "?done=saved");
	hc_response_free(&r);
	post(ENT, "op=add_step&name=C%E1%BA%A5p+%C4%91%C3%B4ng", 303, &r);
	hc_response_free(&r);
	long long s1 = step_id("Phi lê"), s2 = step_id("Cấp đông");
	assert_true(s1 > 0 && s2 > 0);
	char b[1024];
	/* a stale version: 409, the page again with the name typed kept */
	char stale[256];
	snprintf(stale, sizeof(stale), "version=%d&op=add_step&name=R%%E1%%BB%%ADa", version - 1);
	req(EXP, "POST", stale, 409, &r);
	hs_contains(&r, "vừa được người khác sửa");
	hs_contains(&r, "value=\"Rửa\"");
	hc_response_free(&r);
	const char *lines[] = {
	    "direction=in&stream=material&name=C%C3%A1&quantity=10&unit=t",
	    "direction=in&stream=water&name=N%C6%B0%E1%BB%9Bc&quantity=15&unit=m3",
	    "direction=out&stream=product&name=Phi+l%C3%AA&quantity=4%2C2&unit=t",
	    "direction=out&stream=waste&name=Ph%E1%BB%A5+ph%E1%BA%A9m&quantity=5%2C6&unit=t&"
	    "lost_value=28.000.000",
	    "direction=out&stream=waste&name=N%C6%B0%E1%BB%9Bc+th%E1%BA%A3i&quantity=14%2C8&unit="
	    "m3&"
	    "treatment_cost=118.400",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		snprintf(b, sizeof(b), "op=add_line&step=%lld&%s", s1, lines[i]);
		post(EXP, b, 303, &r);
		hc_response_free(&r);
	}
	snprintf(b, sizeof(b),
		 "op=add_line&step=%lld&direction=in&stream=energy&name=%%C4%%90i%%E1%%BB%%87n&"
		 "carrier=electricity&quantity=12.500&unit=kWh",
		 s2);
	post(EXP, b, 303, &r);
	hc_response_free(&r);
	snprintf(b, sizeof(b),
		 "op=add_line&step=%lld&direction=in&stream=material&name=%%C4%%90%%C3%%A1&"
		 "quantity=3%%2C5&unit=t",
		 s2);
	post(EXP, b, 303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM balance_item WHERE quantity = 12500 "
					 "AND carrier_code = 'electricity'"),
			 1);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM balance_item WHERE quantity = 3.5"),
			 1);
	/* a refused quantity: 400, named, and everything typed kept */
	snprintf(b, sizeof(b),
		 "op=add_line&step=%lld&direction=out&stream=waste&name=V%%E1%%BB%%A5n&"
		 "quantity=abc&unit=kg&note=ghi+ch%%C3%%BA",
		 s2);
	post(EXP, b, 400, &r);
	hs_contains(&r, "class=\"error-summary\"");
	hs_contains(&r, "value=\"abc\"");
	hs_contains(&r, "value=\"Vụn\"");
	hs_contains(&r, "value=\"ghi chú\"");
	hs_contains(&r, "<option value=\"kg\" selected=\"selected\">");
	hc_response_free(&r);
	/* the page */
	req(EXP, "GET", NULL, 200, &r);
	hs_contains(&r, "Công đoạn 1: Phi lê");
	hs_contains(&r, "Sai số cân bằng: 1,6 %");
	hs_contains(&r, "25,00 t");
	hs_contains(&r, "24,60 t");
	hs_contains(&r, "Trong mức cho phép 5 %");
	hs_contains(&r, "12.500,00 kWh");
	hs_contains(&r, "45,0 GJ");
	/* 45 GJ in and no energy out recorded: open, not flagged */
	hs_contains(&r, "Sai số cân bằng: chưa tính (chưa nhập dòng ra)");
	hs_contains(&r, "Chưa đủ số liệu để đánh giá");
	hs_contains(&r, "28.118.400,00");
	hs_contains(&r, "337.420.800,00");
	hs_contains(&r, "1 m³ = 1 tấn");
	hs_lacks(&r, ">waste<");
	hs_lacks(&r, ">electricity<");
	hc_response_free(&r);
	/* a cause on the by-products, then deleted */
	long long bp = wfx_int(DBNAME, "SELECT id FROM balance_item WHERE lost_value = 28000000");
	snprintf(b, sizeof(b), "op=add_cause&line=%lld&description=Dao+c%%C3%%B9n", bp);
	post(EXP, b, 303, &r);
	hc_response_free(&r);
	req(EXP, "GET", NULL, 200, &r);
	hs_contains(&r, "<li>Dao cùn");
	hc_response_free(&r);
	long long cid = wfx_int(DBNAME, "SELECT id FROM waste_cause");
	snprintf(b, sizeof(b), "op=delete_cause&cause=%lld", cid);
	post(EXP, b, 303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM waste_cause"), 0);
	/* move step 2 up, then delete it */
	snprintf(b, sizeof(b), "op=move_step&step=%lld&dir=up", s2);
	post(EXP, b, 303, &r);
	hc_response_free(&r);
	req(EXP, "GET", NULL, 200, &r);
	hs_contains(&r, "Công đoạn 1: Cấp đông");
	hc_response_free(&r);
	snprintf(b, sizeof(b), "op=delete_step&step=%lld", s2);
	post(EXP, b, 303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM process_step"), 1);
	/* an unknown op */
	post(EXP, "op=explode", 400, &r);
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_access),
	    cmocka_unit_test(test_edit),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
