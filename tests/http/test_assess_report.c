/*
 * The printable report of an assessment (web/assess_report.c) over HTTP:
 * who gets it (the team's expert yes, another expert 404, the district of
 * the facility yes, another district 404), and what it holds: the
 * facility, the team, the tasks, the flow chart and balance, the options
 * with their feasibility worked by hand, the implementation plan and the
 * signature block, Vietnamese-style numbers and dates.
 *
 * Fixture: facility 7601 in Rạch Giá with assessment 6001 (accepted) of
 * two steps with a balance, a team of a leader and the expert, task 1
 * done, and two options: a variable-speed drive (capex 120,000,000 VND,
 * 40,000,000 a year over 5 years at 10 %, scores 8/6/7, 100,000 kWh a year,
 * implemented 20/06/2024 for 118,000,000) and a rejected boiler change.
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

enum { PRO, DIS, DIS2, EXP, EXP2, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];
static struct user users[NWHO];

#define DBNAME "assess_report.db"
#define PAGE   "/assessments/6001/report"

static int
setup(void **state)
{
	db = fx_db_new(
	    DBNAME,
	    "INSERT INTO facility(id, code, name, name_key, address, sector_code, admin_unit_id, "
	    "ownership, size) VALUES (7601, 'AR1', 'Công ty Chế biến Thủy sản Kiên Hải', 'cong ty "
	    "che bien thuy san kien hai', 'Số 5 Lê Lợi, Rạch Giá', '1020', (SELECT id FROM "
	    "admin_unit WHERE code = 'rach-gia'), 'private', 'medium');"
	    "INSERT INTO assessment(id, facility_id, year, title, pilot, funding, started_on, "
	    "focus, balance_period, status, accepted_on) VALUES (6001, 7601, 2024, 'Xưởng cấp "
	    "đông', 1, 'provincial', '2024-03-15', 'Khâu cấp đông và máy nén lạnh', 'month', "
	    "'accepted', '2024-09-30');"
	    "INSERT INTO assessment_member(assessment_id, name, team_role, position) VALUES "
	    "(6001, 'Trần Thị Hoa', 'leader', 'Phó giám đốc');"
	    "INSERT INTO assessment_task(assessment_id, task, state, responsible, notes) VALUES "
	    "(6001, 1, 'done', 'Trần Thị Hoa', '');"
	    "INSERT INTO process_step(id, assessment_id, seq, name) VALUES (61, 6001, 1, 'Sơ "
	    "chế'), (62, 6001, 2, 'Cấp đông');"
	    "INSERT INTO balance_item(step_id, direction, stream, name, quantity, unit) VALUES "
	    "(61, 'in', 'material', 'Tôm nguyên liệu', 10, 't'), (61, 'out', 'product', 'Tôm sơ "
	    "chế', 9.5, 't'), (61, 'out', 'waste', 'Đầu vỏ tôm', 0.4, 't');"
	    "INSERT INTO cp_option(id, assessment_id, seq, title, kind, triage, status, capex, "
	    "annual_saving, life_years, discount_rate, score_tech, score_fin, score_env, "
	    "implemented_on, actual_cost) VALUES (601, 6001, 1, 'Lắp biến tần cho máy nén', "
	    "'equipment', 'now', 'implemented', 120000000, 40000000, 5, 0.1, 8, 6, 7, "
	    "'2024-06-20', 118000000), (602, 6001, 2, 'Thay lò hơi', 'technology', 'rejected', "
	    "'proposed', 0, NULL, NULL, 0.1, NULL, NULL, NULL, NULL, NULL);"
	    "UPDATE cp_option SET reject_reason = 'Không đủ vốn' WHERE id = 602;"
	    "INSERT INTO cp_option_effect(option_id, stream, carrier_code, quantity, unit) VALUES "
	    "(601, 'energy', 'electricity', 100000, 'kWh')");
	static const struct user_new u[NWHO] = {
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [DIS2] = {.email = "dis2@x.vn", .role = ROLE_DISTRICT, .unit_code = "ha-tien"},
	    [EXP] = {.email = "exp@x.vn", .role = ROLE_EXPERT},
	    [EXP2] = {.email = "exp2@x.vn", .role = ROLE_EXPERT},
	};
	hs_accounts(db, u, NWHO, users, sess);
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO assessment_member(assessment_id, user_id, name, team_role) VALUES "
		 "(6001, %lld, 'Nguyễn Văn Chuyên', 'expert')",
		 (long long)users[EXP].id);
	if (db_exec(db, sql) != DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	*state = db;
	hs_server_start(&server, DBNAME);
	return 0;
}

static void
test_who(void **state)
{
	(void)state;
	struct hc_response r;
	hs_req(server.port, "GET", PAGE, NULL, NULL, 303, &r);
	hc_response_free(&r);
	hs_form_req(server.port, &sess[EXP2], "GET", PAGE, NULL, 404, &r);
	hc_response_free(&r);
	hs_form_req(server.port, &sess[DIS2], "GET", PAGE, NULL, 404, &r);
	hc_response_free(&r);
	hs_form_req(server.port, &sess[DIS], "GET", PAGE, NULL, 200, &r);
	hc_response_free(&r);
	hs_form_req(server.port, &sess[PRO], "GET", PAGE, NULL, 200, &r);
	hc_response_free(&r);
}

static void
test_content(void **state)
{
	(void)state;
	struct hc_response r;
	hs_form_req(server.port, &sess[EXP], "GET", PAGE, NULL, 200, &r);
	hs_contains(&r, "<h1>Báo cáo đánh giá sản xuất sạch hơn</h1>");
	hs_contains(&r, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	hs_contains(&r, "Công ty Chế biến Thủy sản Kiên Hải — Xưởng cấp đông");
	hs_contains(&r, "Số 5 Lê Lợi, Rạch Giá");
	hs_contains(&r, "15/03/2024");
	hs_contains(&r, "30/09/2024");
	hs_contains(&r, "Ngân sách tỉnh");
	hs_contains(&r, "Trần Thị Hoa");
	hs_contains(&r, "Nguyễn Văn Chuyên");
	hs_contains(&r, "Khâu cấp đông và máy nén lạnh");
	/* 1 of 18 tasks done: the current step is the first with a task not done */
	hs_contains(&r, "Đã xong 1/18 nhiệm vụ; đang ở bước 1: Khởi động.");
	/* the flow chart and the balance: in 10 t, out 9,5 + 0,4 = 9,9 t, error 1 % */
	hs_contains(&r, "<svg");
	hs_contains(&r, "Sơ chế");
	hs_contains(&r, "Đầu vỏ tôm");
	/* the drive: capex 120.000.000, saving 40.000.000, payback 120/40 = 3,0 years,
	 * NPV = 40e6 x (1 - 1.1^-5)/0.1 - 120e6 = 31.631.470,78 -> "31.631.471",
	 * IRR =IRR({-120;40;40;40;40;40}) = 19,86 %, score (8+6+7)/3 = 7,0,
	 * 100.000 kWh x 0,0001543 = 15,43 TOE, 100 MWh x 0,681 (2024) = 68,1 t CO2 */
	hs_contains(&r, "Lắp biến tần cho máy nén");
	hs_contains(&r, "<td>120.000.000</td><td>40.000.000</td><td>3,0</td>"
			"<td>31.631.471</td><td>19,9 %</td><td>7,0</td><td>15,43</td>"
			"<td>68,1</td>");
	/* the rejected option is listed with its reason and left out of the totals */
	hs_contains(&r, "Thay lò hơi (loại bỏ: Không đủ vốn)");
	hs_contains(&r, "<td>120.000.000</td><td>40.000.000</td><td></td><td></td><td></td>"
			"<td></td><td>15,43</td><td>68,1</td>");
	/* the plan: the drive implemented on 20/06/2024 for 118.000.000 */
	hs_contains(&r, "<td>Đã thực hiện</td><td>20/06/2024</td><td>118.000.000</td>");
	hs_contains(&r, "(Ký, ghi rõ họ tên)");
	hc_response_free(&r);
}

/* The assessment's page leads to its other pages; the province may publish an accepted pilot. */
static void
test_links(void **state)
{
	(void)state;
	struct hc_response r;
	hs_form_req(server.port, &sess[PRO], "GET", "/assessments/6001", NULL, 200, &r);
	hs_contains(&r, "href=\"/assessments/6001/report\"");
	hs_contains(&r, "href=\"/assessments/6001/results\"");
	hs_contains(&r, "href=\"/assessments/6001/process\"");
	hs_contains(&r, "action=\"/assessments/6001/publish\"");
	hc_response_free(&r);
	/* the expert gets the links, not the publishing */
	hs_form_req(server.port, &sess[EXP], "GET", "/assessments/6001", NULL, 200, &r);
	hs_contains(&r, "href=\"/assessments/6001/report\"");
	hs_lacks(&r, "/publish");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_who),
	    cmocka_unit_test(test_content),
	    cmocka_unit_test(test_links),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
