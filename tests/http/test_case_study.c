/*
 * HTTP tests of the case studies of accepted pilot assessments and of an
 * assessment's results page (web/casestudies.c, web/results.c): only
 * province staff publish, only an accepted (or sustaining) pilot; the
 * public page is 404 until published and again once withdrawn; it names
 * no facility (no name, code, tax code, address, people or e-mail, even
 * where the team typed the name into the focus or an option's title); and
 * its figures are the ones worked out by hand below.
 *
 * Facility 7501 'Nhà máy nước đá Bình Minh' (code NDBM, VSIC 1020 of
 * division 10 "Sản xuất, chế biến thực phẩm", in Rạch Giá, small) has
 * accepted reports 2019 (ice 1,000 t; 1,000,000 kWh) and 2021 (1,200 t;
 * 1,080,000 kWh), and pilot assessment 9001 (accepted 01/12/2020) with
 * option 1 implemented 15/06/2020: saves 100,000 kWh a year, capex
 * 300,000,000 VND, annual saving 180,000,000 VND.
 *   expected: 100,000 x 0.0001543 = 15.43 TOE ("15,43"); CO2 with 2020's
 *     grid factor 100 MWh x 0.8041 = 80.41 t ("80,4"); payback 300/180 =
 *     1.666... years ("1,67").
 *   measured 2021: SEC 3.6 -> 3.24 GJ/t, 10 % ("10,0 %"); 120,000 kWh
 *     saved = 18.516 TOE ("18,52"); 120 MWh x 0.7221 = 86.652 t ("86,7").
 * Assessment 9002 (facility 7502) is a pilot still in progress; 9003
 * (facility 7502) is accepted but not a pilot.
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

enum { PRO, DIS, ENT, ENT2, EXP, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];
static struct user users[NWHO];

#define DBNAME "case_study.db"
#define RG     "(SELECT id FROM admin_unit WHERE code = 'rach-gia')"

static int
setup(void **state)
{
	db = fx_db_new(
	    DBNAME,
	    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "
	    "size, tax_code, address) VALUES "
	    "(7501, 'NDBM', 'Nhà máy nước đá Bình Minh', 'nha may nuoc da binh minh', '1020', " RG
	    ", 'private', 'small', '1700123456', '12 Đường Lạc Hồng'), "
	    "(7502, 'XXTH', 'Cơ sở xay xát Tân Hiệp', 'co so xay xat tan hiep', '1061', " RG
	    ", 'private', 'small', NULL, '');"
	    "INSERT INTO report(id, facility_id, year, status) VALUES"
	    " (8501, 7501, 2019, 'accepted'), (8502, 7501, 2021, 'accepted');"
	    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
	    " (8501, 'ice', 1000, 't'), (8502, 'ice', 1200, 't');"
	    "INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
	    " (8501, 'electricity', 1000000, 'kWh'), (8502, 'electricity', 1080000, 'kWh');"
	    "INSERT INTO assessment(id, facility_id, year, title, pilot, started_on, status, "
	    "accepted_on, focus) VALUES"
	    " (9001, 7501, 2019, 'Đánh giá SXSH Nhà máy nước đá Bình Minh', 1, '2019-03-01', "
	    "'accepted', '2020-12-01', 'Hệ thống máy nén của Nhà máy nước đá Bình Minh (NDBM)'),"
	    " (9002, 7502, 2020, 'Thí điểm', 1, '2020-03-01', 'in_progress', NULL, ''),"
	    " (9003, 7502, 2018, 'Không thí điểm', 0, '2018-03-01', 'accepted', '2019-01-10', '');"
	    "INSERT INTO assessment_member(assessment_id, name, team_role, contact) VALUES"
	    " (9001, 'Nguyễn Văn An', 'leader', 'an@ndbm.vn');"
	    "INSERT INTO cp_option(id, assessment_id, seq, title, kind, triage, status, capex, "
	    "annual_saving, implemented_on) VALUES"
	    " (9101, 9001, 1, 'Biến tần cho máy nén NDBM', 'equipment', 'now', 'implemented', "
	    "300000000, 180000000, '2020-06-15');"
	    "INSERT INTO cp_option_effect(option_id, stream, carrier_code, quantity, unit) VALUES"
	    " (9101, 'energy', 'electricity', 100000, 'kWh');");
	static const struct user_new u[NWHO] = {
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7501},
	    [ENT2] = {.email = "ent2@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7502},
	    [EXP] = {.email = "exp@x.vn", .role = ROLE_EXPERT},
	};
	hs_accounts(db, u, NWHO, users, sess);
	*state = db;
	hs_server_start(&server, DBNAME);
	return 0;
}

static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

static void
pub(const char *target, int status, struct hc_response *r)
{
	hs_req(server.port, "GET", target, NULL, NULL, status, r);
}

/* Nothing that names the facility or its people. */
static void
anonymous(const struct hc_response *r)
{
	hs_lacks(r, "Bình Minh");
	hs_lacks(r, "NDBM");
	hs_lacks(r, "1700123456");
	hs_lacks(r, "Lạc Hồng");
	hs_lacks(r, "Nguyễn Văn An");
	hs_lacks(r, "an@ndbm.vn");
	hs_lacks(r, "7501");
}

static void
test_publish_rules(void **state)
{
	(void)state;
	struct hc_response r;
	/* Unpublished: 404 for the public, and the list is empty. */
	pub("/case-studies/9001", 404, &r);
	hc_response_free(&r);
	pub("/case-studies", 200, &r);
	hs_contains(&r, "Chưa có điển hình nào được công bố.");
	hc_response_free(&r);

	/* Only province staff publish (the router: 403 for the others). */
	req(DIS, "POST", "/assessments/9001/publish", "op=publish", 403, &r);
	hc_response_free(&r);
	req(ENT, "POST", "/assessments/9001/publish", "op=publish", 403, &r);
	hc_response_free(&r);
	req(EXP, "POST", "/assessments/9001/publish", "op=publish", 403, &r);
	hc_response_free(&r);
	/* Only an accepted pilot: in progress, or not a pilot, is 409. */
	req(PRO, "POST", "/assessments/9002/publish", "op=publish", 409, &r);
	hc_response_free(&r);
	req(PRO, "POST", "/assessments/9003/publish", "op=publish", 409, &r);
	hc_response_free(&r);
	req(PRO, "POST", "/assessments/9001/publish", "op=show", 400, &r);
	hc_response_free(&r);
	req(PRO, "POST", "/assessments/9999/publish", "op=publish", 404, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM assessment WHERE published = 1"), 0);

	/* Province staff publish: back to the assessment, audited. */
	req(PRO, "POST", "/assessments/9001/publish", "op=publish", 303, &r);
	char *loc = hc_header(&r, "Location");
	assert_string_equal(loc, "/assessments/9001?done=published");
	free(loc);
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT published FROM assessment WHERE id = 9001"), 1);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM audit WHERE action = "
					 "'assessment.publish' AND entity_id = '9001'"),
			 1);
}

static void
test_public_page(void **state)
{
	(void)state;
	struct hc_response r;
	pub("/case-studies", 200, &r);
	hs_contains(&r, "href=\"/case-studies/9001\"");
	hs_contains(&r, "Sản xuất, chế biến thực phẩm — Thành phố Rạch Giá");
	anonymous(&r);
	hc_response_free(&r);

	pub("/case-studies/9001", 200, &r);
	hs_contains(&r, "Sản xuất, chế biến thực phẩm");
	hs_contains(&r, "Rạch Giá");
	hs_contains(&r, "<dd>01/12/2020</dd>");
	/* The focus and the option's title with the name and code scrubbed. */
	hs_contains(&r, "Hệ thống máy nén của … (…)");
	hs_contains(&r, "Biến tần cho máy nén …");
	/* capex, payback, expected TOE and CO2, VND (hand values above) */
	hs_contains(&r, "<td class=\"num\">300.000.000</td>");
	hs_contains(&r, "<td class=\"num\">1,67</td>");
	hs_contains(&r, "<td class=\"num\">15,43</td>");
	hs_contains(&r, "<td class=\"num\">80,4</td>");
	hs_contains(&r, "<td class=\"num\">180.000.000</td>");
	/* measured 2021 against 2019 */
	hs_contains(&r, "Năm 2021 so với năm cơ sở 2019");
	hs_contains(&r, "giảm 10,0 %, tức 18,52 TOE/năm và 86,7 tấn CO₂/năm");
	anonymous(&r);
	hc_response_free(&r);

	/* English */
	pub("/case-studies/9001?lang=en", 200, &r);
	hs_contains(&r, "Manufacture of food products");
	anonymous(&r);
	hc_response_free(&r);

	/* Withdrawn: 404 again. */
	req(PRO, "POST", "/assessments/9001/publish", "op=unpublish", 303, &r);
	hc_response_free(&r);
	pub("/case-studies/9001", 404, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM audit WHERE action = "
					 "'assessment.unpublish' AND entity_id = '9001'"),
			 1);
}

static void
test_results_page(void **state)
{
	(void)state;
	struct hc_response r;
	/* Who sees the assessment sees its results; a foreign one is 404. */
	req(ENT, "GET", "/assessments/9001/results", NULL, 200, &r);
	hs_contains(&r, "Tiết kiệm dự kiến và đo được của cơ sở");
	hs_contains(&r, "<td>15/06/2020</td>");
	/* share 100 %, measured 18,52 TOE allotted to the one option */
	hs_contains(&r, "<td class=\"num\">100,0 %</td><td class=\"num\">18,52</td>");
	hs_contains(&r, "<td class=\"num\">86,7</td>");
	hs_lacks(&r, "case-publish");
	hc_response_free(&r);
	req(ENT2, "GET", "/assessments/9001/results", NULL, 404, &r);
	hc_response_free(&r);
	req(EXP, "GET", "/assessments/9001/results", NULL, 404, &r);
	hc_response_free(&r);
	req(DIS, "GET", "/assessments/9001/results", NULL, 200, &r);
	hs_lacks(&r, "case-publish");
	hc_response_free(&r);
	/* Province staff get the publish form of the accepted pilot. */
	req(PRO, "GET", "/assessments/9001/results", NULL, 200, &r);
	hs_contains(&r, "Công bố điển hình");
	hc_response_free(&r);
	/* A facility with no implemented option says why. */
	req(PRO, "GET", "/assessments/9003/results", NULL, 200, &r);
	hs_contains(&r, "chưa có giải pháp nào được thực hiện (có ngày thực hiện)");
	hc_response_free(&r);
}

/*
 * The indicators page and `sxsh kpi`: 7501 says nothing of CP in 2021 but
 * its accepted assessment 9001 has an option implemented in 2020: applies
 * CP yes 1, of which 1 from assessments; its saving 10 % >= 78/KH-UBND's
 * 5 %: applies and saves 1, from 1.  Pilot models: 9001, accepted
 * 01/12/2020, is after the target's 2015: 0/1, not met; 1 by 2021.
 */
static void
test_indicators(void **state)
{
	(void)state;
	struct hc_response r;
	pub("/indicators?year=2021", 200, &r);
	hs_contains(&r, "Áp dụng SXSH năm 2021: 1 cơ sở, trong đó 1 cơ sở có bằng chứng từ "
			"đánh giá SXSH; áp dụng và tiết kiệm: 1, trong đó 1 từ đánh giá SXSH.");
	hs_contains(&r, "Mô hình thí điểm SXSH: chưa đạt 0/1 (mục tiêu đến 2015)");
	hc_response_free(&r);

	char cmd[1024], *out, *errs;
	snprintf(cmd, sizeof(cmd), "'%s' kpi --year 2021 --format json --db '%s'", tu_sxsh(),
		 tu_db_url(DBNAME));
	assert_int_equal(tu_run(cmd, &out, &errs), 0);
	assert_non_null(strstr(out, "\"code\": \"applies_cp\""));
	assert_non_null(strstr(out, "\"from_assessments\": 1"));
	assert_non_null(strstr(out, "\"pilot_models\": {\n    \"target\": 1"));
	assert_non_null(strstr(out, "\"accepted_by_target\": 0"));
	assert_non_null(strstr(out, "\"accepted_to_year\": 1"));
	assert_non_null(strstr(out, "\"target_met\": false\n  }"));
	free(out);
	free(errs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_publish_rules),
	    cmocka_unit_test(test_public_page),
	    cmocka_unit_test(test_results_page),
	    cmocka_unit_test(test_indicators),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
