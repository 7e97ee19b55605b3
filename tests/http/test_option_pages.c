/*
 * The CP options of an assessment over HTTP (web/assess_options.c,
 * api/options.c): an expert of the team adds an option typing Vietnamese
 * numbers and sees its feasibility; an expert outside the team gets 404; a
 * district officer reads (200) and may not write (403); the API gives the
 * hand-worked figures, answers a stale PATCH with 409 and is checked
 * against docs/openapi.json; the workbook holds the rows.
 *
 * The option, worked by hand (and by LibreOffice Calc):
 *   capex 120,000,000; saving 40,000,000 a year for 5 years; rate 10 %.
 *   simple payback = 120e6 / 40e6 = 3 years.
 *   NPV = 40e6 x (1 - 1.1^-5) / 0.1 - 120e6 = 40e6 x 3.79078676940 - 120e6
 *       = 31,631,470.776   (=NPV(0,1;40000000;40000000;40000000;40000000;
 *                            40000000) - 120000000)
 *   IRR = 19.8577 %        (=IRR({-120000000;40000000;...5 times}))
 *   discounted payback: cumulative discounted 36.36, 69.42, 99.47, 126.79 (M)
 *       reaches 120 M in year 4: 3 + (120 - 99.474)/27.321 = 3.7513 years.
 *   TOE = 100,000 kWh x 0.0001543 = 15.43; CO2 = 100 MWh x 0.681 t = 68.1 t
 *       (the grid factor of 2024, data/grid_factors.csv).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "openapi_check.h"
#include "testutil.h"
#include "xlsx_read.h"

enum { PRO, DIS, EXP, EXP2, ENT, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];

#define LIST "/assessments/9101/options"

static int
setup(void **state)
{
	db = fx_db_new("optpages.db",
		       "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
		       "ownership, size) VALUES (7101, 'F1', 'Cơ sở thủy sản', 'co so thuy san', "
		       "'1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', "
		       "'small');"
		       "INSERT INTO assessment(id, facility_id, year, title, started_on, status) "
		       "VALUES (9101, 7101, 2024, 'Đánh giá xưởng cấp đông', '2024-03-15', "
		       "'in_progress');"
		       "INSERT INTO process_step(id, assessment_id, seq, name) VALUES "
		       "(9201, 9101, 1, 'Cấp đông');"
		       "INSERT INTO balance_item(id, step_id, direction, stream, name, quantity, "
		       "unit) VALUES (9301, 9201, 'out', 'waste', 'Nước thải rửa', 1200, 'm3');"
		       "INSERT INTO waste_cause(id, item_id, description) VALUES "
		       "(9401, 9301, 'Vòi rửa không có van khóa')");
	static const struct user_new u[NWHO] = {
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [EXP] = {.email = "exp@x.vn", .role = ROLE_EXPERT},
	    [EXP2] = {.email = "exp2@x.vn", .role = ROLE_EXPERT},
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7101},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	if (db_exec(db, "INSERT INTO assessment_member(assessment_id, user_id, name, team_role) "
			"SELECT 9101, id, 'Nguyễn Văn Chuyên', 'expert' FROM app_user WHERE "
			"email = 'exp@x.vn'") != DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, "optpages.db");
	return 0;
}

static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

/* A JSON request of who's session (cookie and CSRF header); checked against the spec. */
static json_t *
api(int who, const char *method, const char *target, const char *tpl, const char *headers,
    const char *body, int status)
{
	char extra[1024];
	snprintf(extra, sizeof(extra), "%sX-CSRF-Token: %s\r\n%s%s", sess[who].cookie,
		 sess[who].csrf, body ? "Content-Type: application/json\r\n" : "",
		 headers ? headers : "");
	struct hc_response r;
	if (hc_request(server.port, method, target, extra, body, &r) < 0)
		fail_msg("%s %s: no answer", method, target);
	if (r.status != status)
		fail_msg("%s %s: %d, expected %d\n%s", method, target, r.status, status, r.body);
	char *ct = hc_header(&r, "Content-Type");
	char lower[16], err[512];
	size_t i;
	for (i = 0; method[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (char)(method[i] | 0x20);
	lower[i] = '\0';
	if (status != 204 && oa_check(tpl, lower, r.status, ct, r.body, err, sizeof(err)) < 0)
		fail_msg("%s %s -> %d: %s\n%s", method, target, r.status, err, r.body);
	json_t *j = status == 204 ? NULL : json_loads(r.body, 0, NULL);
	free(ct);
	hc_response_free(&r);
	return j;
}

/* The id of option seq of the assessment. */
static long long
option_id(int seq)
{
	char sql[128], out[32];
	snprintf(sql, sizeof(sql),
		 "SELECT id FROM cp_option WHERE assessment_id = 9101 AND seq = %d", seq);
	tu_query_buf("optpages.db", sql, out, sizeof(out));
	return atoll(out);
}

static void
near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.12g, want %.12g", got, want);
}

static double
num(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	if (!json_is_number(v))
		fail_msg("%s is not a number", key);
	return json_number_value(v);
}

/* The form of the option typed the Vietnamese way ("120.000.000", rate "10"). */
#define VSD_FORM                                                                                   \
	"op=create&rows=3&title=L%E1%BA%AFp+bi%E1%BA%BFn+t%E1%BA%A7n&kind=equipment&triage=now&"   \
	"addresses=c9401&capex=120.000.000&annual_saving=40.000.000&life_years=5&"                 \
	"discount_rate=10&score_tech=8&score_fin=6&score_env=7&"                                   \
	"effects%5B0%5D.stream=energy&effects%5B0%5D.carrier=electricity&"                         \
	"effects%5B0%5D.qty=100.000&effects%5B0%5D.unit=kWh"

static void
test_pages(void **state)
{
	(void)state;
	struct hc_response r;

	/* outside the team an expert sees nothing */
	req(EXP2, "GET", LIST, NULL, 404, &r);
	hc_response_free(&r);
	req(EXP2, "POST", LIST, VSD_FORM, 404, &r);
	hc_response_free(&r);

	/* the team's expert sees the form with the waste line and its cause by name */
	req(EXP, "GET", LIST, NULL, 200, &r);
	hs_contains(&r, "Chưa có giải pháp nào.");
	hs_contains(&r, "<option value=\"i9301\">Cấp đông: Nước thải rửa</option>");
	hs_contains(&r,
		    "<option value=\"c9401\">— nguyên nhân: Vòi rửa không có van khóa</option>");
	hs_contains(&r, "<option value=\"equipment\">Cải tiến thiết bị</option>");
	hc_response_free(&r);

	/* "12.5" is not a Vietnamese number: 400, the typed values kept */
	req(EXP, "POST", LIST, "op=create&rows=3&title=X&kind=equipment&capex=12.5", 400, &r);
	hs_contains(&r, "name=\"capex\" id=\"f-capex\" value=\"12.5\"");
	hs_contains(&r, "<span class=\"field-error\" id=\"e-capex\"");
	hs_contains(&r, "name=\"title\" id=\"f-title\" value=\"X\"");
	hc_response_free(&r);

	/* a rate beyond 1,000 %: the range in percent */
	req(EXP, "POST", LIST, "op=create&rows=3&title=X&kind=equipment&discount_rate=1.500", 400,
	    &r);
	hs_contains(&r, "tỷ lệ chiết khấu (%/năm) phải từ -99 đến 1000");
	hc_response_free(&r);

	/* "thêm dòng" re-renders with two more effect rows, nothing saved */
	req(EXP, "POST", LIST, "op=addrow&rows=3&title=Y", 200, &r);
	hs_contains(&r, "name=\"effects[4].qty\"");
	hs_lacks(&r, "name=\"effects[5].qty\"");
	hs_contains(&r, "name=\"title\" id=\"f-title\" value=\"Y\"");
	hc_response_free(&r);

	req(EXP, "POST", LIST, VSD_FORM, 303, &r);
	hc_response_free(&r);
	req(EXP, "GET", LIST, NULL, 200, &r);
	hs_contains(&r, ">Lắp biến tần</a>");
	hs_contains(&r, "Vòi rửa không có van khóa");
	hs_contains(&r, "<td class=\"num\">120.000.000</td>");
	/* 120e6 / 40e6 = 3 years; discounted 3.7513 (see the top) */
	hs_contains(&r, "<td class=\"num\">3 năm</td>");
	hs_contains(&r, "<td class=\"num\">3,75 năm</td>");
	/* NPV 31,631,470.776 rounded to the đồng */
	hs_contains(&r, "<td class=\"num\">31.631.471</td>");
	hs_contains(&r, "<td class=\"irr\">19,86 %</td>");
	/* weighted score (8 + 6 + 7) / 3 = 7; 15,43 TOE; 68,1 t CO2 */
	hs_contains(&r, "<td class=\"num\">7</td>");
	hs_contains(&r, "<td class=\"num\">15,43</td>");
	hs_contains(&r, "<td class=\"num\">68,1</td>");
	hs_contains(&r, "Tải Excel");
	hc_response_free(&r);

	/* the district officer reads it, without a form, and may not add */
	req(DIS, "GET", LIST, NULL, 200, &r);
	hs_contains(&r, "<td class=\"num\">31.631.471</td>");
	hs_lacks(&r, "name=\"title\"");
	hc_response_free(&r);
	req(DIS, "POST", LIST, VSD_FORM, 403, &r);
	hc_response_free(&r);

	/* the option's page: the cash flows year by year; then a stale save */
	char target[64];
	snprintf(target, sizeof(target), "/options/%lld", option_id(1));
	req(EXP, "GET", target, NULL, 200, &r);
	/* year 1: factor 1/1.1 = 0,9091, 40e6 x 0,909090.. = 36.363.636, cumulative
	 * -120e6 + 36.363.636 = -83.636.364 */
	hs_contains(&r, "<td class=\"num\">0,9091</td><td class=\"num\">36.363.636</td>"
			"<td class=\"num\">-83.636.364</td>");
	/* year 5: cumulative = NPV */
	hs_contains(&r, "<td class=\"num\">31.631.471</td></tr></tbody>");
	/* the rate shown as a percent in the form */
	hs_contains(&r, "name=\"discount_rate\" id=\"f-discount_rate\" value=\"10\"");
	hc_response_free(&r);
	req(EXP, "POST", target, "op=update&version=7&title=Z&kind=equipment", 409, &r);
	hs_contains(&r, "nên chưa lưu gì");
	/* what was typed is kept, with the version now stored */
	hs_contains(&r, "name=\"title\" id=\"f-title\" value=\"Z\"");
	hs_contains(&r, "name=\"version\" value=\"1\"");
	hc_response_free(&r);
	req(EXP, "POST", target,
	    "op=update&version=1&rows=1&title=L%E1%BA%AFp+bi%E1%BA%BFn+t%E1%BA%A7n&kind=equipment&"
	    "triage=now&addresses=c9401&score_tech=8&score_fin=6&score_env=7&"
	    "effects%5B0%5D.stream=energy&effects%5B0%5D.carrier=electricity&"
	    "effects%5B0%5D.qty=100.000&effects%5B0%5D.unit=kWh&capex=120.000.000&cash_flows=40."
	    "000.000%0D%0A40.000.000%0D%0A40.000.000"
	    "%0D%0A40.000.000%0D%0A40.000.000&discount_rate=10,5",
	    303, &r);
	hc_response_free(&r);
	/* NPV at 10.5 %: 1.105^5 = 1.6474468; 40e6 x (1 - 1/1.6474468) / 0.105 - 120e6
	 * = 40e6 x 3.7428582 - 120e6 = 29,714,328.9 (=NPV(0,105;40000000;...5 times)
	 * - 120000000) */
	req(EXP, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<dd>29.714.329</dd>");
	hs_contains(&r, "<dd>10,5 %</dd>");
	hs_contains(&r, "name=\"discount_rate\" id=\"f-discount_rate\" value=\"10,5\"");
	hc_response_free(&r);
}

static void
test_api(void **state)
{
	(void)state;
	char target[64], body[512];
	json_t *j = api(PRO, "GET", "/api/v1/assessments/9101/options",
			"/api/v1/assessments/{id}/options", NULL, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
	json_decref(api(EXP2, "GET", "/api/v1/assessments/9101/options",
			"/api/v1/assessments/{id}/options", NULL, NULL, 404));

	/* flows -100, 230, -132 at 12 %: roots 10 % and 20 % (NPV = 0 at both:
	 * -100 + 230/1.1 - 132/1.21 = -100 + 209.0909 - 109.0909 = 0;
	 * -100 + 230/1.2 - 132/1.44 = -100 + 191.6667 - 91.6667 = 0) */
	j = api(PRO, "POST", "/api/v1/assessments/9101/options", "/api/v1/assessments/{id}/options",
		NULL,
		"{\"title\": \"Thu hồi nhiệt\", \"kind\": \"onsite_recovery\", \"capex\": 100, "
		"\"cash_flows\": [230, -132], \"discount_rate\": 0.12}",
		201);
	assert_string_equal(json_string_value(json_object_get(j, "irr_status")), "several");
	json_t *roots = json_object_get(j, "irr_roots");
	assert_int_equal(json_array_size(roots), 2);
	near(json_number_value(json_array_get(roots, 0)), 0.10, 1e-9);
	near(json_number_value(json_array_get(roots, 1)), 0.20, 1e-9);
	near(num(j, "irr"), 0.10, 1e-9);
	assert_true(json_is_null(json_object_get(j, "weighted_score")));
	json_decref(j);

	/* the first option, the hand-worked figures at 10 % (see the top) */
	long long id = option_id(1);
	snprintf(target, sizeof(target), "/api/v1/options/%lld", id);
	snprintf(body, sizeof(body),
		 "{\"version\": 2, \"discount_rate\": 0.1, \"cash_flows\": null, "
		 "\"annual_saving\": 40000000, \"life_years\": 5}");
	j = api(EXP, "PATCH", target, "/api/v1/options/{id}", NULL, body, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "version")), 3);
	near(num(j, "simple_payback"), 3, 1e-9);
	near(num(j, "npv"), 40e6 * (1 - pow(1.1, -5)) / 0.1 - 120e6, 1e-6);
	near(num(j, "npv"), 31631470.776, 1e-3);
	near(num(j, "irr"), 0.198577, 5e-7);
	assert_string_equal(json_string_value(json_object_get(j, "irr_status")), "one");
	near(num(j, "discounted_payback"), 3.7513, 1e-4);
	near(num(j, "weighted_score"), 7, 1e-9);
	near(num(j, "toe"), 15.43, 1e-9);
	near(num(j, "co2_t"), 68.1, 1e-9);
	assert_true(json_is_null(json_object_get(j, "cash_flows")));
	json_decref(j);

	/* a stale version is 409, nothing changed; If-Match works as well */
	j = api(EXP, "PATCH", target, "/api/v1/options/{id}", NULL,
		"{\"version\": 2, \"title\": \"X\"}", 409);
	json_decref(j);
	j = api(EXP, "PATCH", target, "/api/v1/options/{id}", "If-Match: \"3\"\r\n",
		"{\"status\": \"implemented\", \"implemented_on\": \"2025-01-20\", "
		"\"actual_cost\": 118000000}",
		200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "implemented");
	assert_string_equal(json_string_value(json_object_get(j, "implemented_on")), "2025-01-20");
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Lắp biến tần");
	json_decref(j);
	/* no version: 422 naming it; a bad field: 422 naming it */
	j = api(EXP, "PATCH", target, "/api/v1/options/{id}", NULL, "{\"title\": \"X\"}", 422);
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(json_object_get(j, "errors"), 0), "field")),
			    "version");
	json_decref(j);
	j = api(EXP, "PATCH", target, "/api/v1/options/{id}", NULL,
		"{\"version\": 4, \"effects\": [{\"stream\": \"energy\", \"carrier\": "
		"\"electricity\", \"qty\": \"x\", \"unit\": \"kWh\"}]}",
		422);
	assert_string_equal(json_string_value(json_object_get(
				json_array_get(json_object_get(j, "errors"), 0), "field")),
			    "effects[0].qty");
	json_decref(j);
	/* the district officer may read, not write */
	j = api(DIS, "GET", target, "/api/v1/options/{id}", NULL, NULL, 200);
	json_decref(j);
	j = api(DIS, "PATCH", target, "/api/v1/options/{id}", NULL,
		"{\"version\": 4, \"title\": \"X\"}", 403);
	json_decref(j);
	/* deleting the second option */
	snprintf(target, sizeof(target), "/api/v1/options/%lld", option_id(2));
	j = api(PRO, "DELETE", target, "/api/v1/options/{id}", "If-Match: 9\r\n", NULL, 409);
	json_decref(j);
	api(PRO, "DELETE", target, "/api/v1/options/{id}", "If-Match: 1\r\n", NULL, 204);
	j = api(PRO, "GET", target, "/api/v1/options/{id}", NULL, NULL, 404);
	json_decref(j);
}

static void
test_workbook(void **state)
{
	(void)state;
	struct hc_response r;
	req(DIS, "GET", LIST ".xlsx", NULL, 200, &r);
	hs_header_is(&r, "Content-Type",
		     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	const char *path = tu_path("options.xlsx");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r.body, 1, r.body_len, f), r.body_len);
	fclose(f);
	hc_response_free(&r);
	char type[16], val[256];
	/* title, source, hidden codes, header, one option (the other was deleted) */
	assert_int_equal(xr_rows(path, 1), 5);
	assert_int_equal(xr_cell(path, 1, "A1", type, val, sizeof(val)), 1);
	assert_string_equal(val, "Các giải pháp sản xuất sạch hơn: Đánh giá xưởng cấp đông");
	assert_int_equal(xr_cell(path, 1, "A3", type, val, sizeof(val)), 1);
	assert_string_equal(val, "seq");
	assert_int_equal(xr_cell(path, 1, "B4", type, val, sizeof(val)), 1);
	assert_string_equal(val, "Giải pháp");
	assert_int_equal(xr_cell(path, 1, "B5", type, val, sizeof(val)), 1);
	assert_string_equal(val, "Lắp biến tần");
	assert_int_equal(xr_cell(path, 1, "C5", type, val, sizeof(val)), 1);
	assert_string_equal(val, "Cải tiến thiết bị");
	assert_int_equal(xr_cell(path, 1, "E5", type, val, sizeof(val)), 1);
	assert_string_equal(val, "Vòi rửa không có van khóa");
	assert_int_equal(xr_cell(path, 1, "H5", type, val, sizeof(val)), 1);
	assert_string_equal(val, "Đã thực hiện");
	assert_int_equal(xr_cell(path, 1, "I5", type, val, sizeof(val)), 1);
	assert_string_equal(val, "20/01/2025");
	assert_int_equal(xr_cell(path, 1, "J5", type, val, sizeof(val)), 1);
	assert_string_equal(type, "n");
	assert_string_equal(val, "120000000");
	assert_int_equal(xr_cell(path, 1, "L5", type, val, sizeof(val)), 1);
	assert_string_equal(val, "3");
	/* NPV as a number: 31,631,470.776 */
	assert_int_equal(xr_cell(path, 1, "N5", type, val, sizeof(val)), 1);
	near(strtod(val, NULL), 31631470.776, 1e-3);
	char fmt[64];
	assert_int_equal(xr_numfmt(path, 1, "N5", fmt, sizeof(fmt)), 1);
	assert_string_equal(fmt, "#,##0");
	assert_int_equal(xr_cell(path, 1, "R5", type, val, sizeof(val)), 1);
	near(strtod(val, NULL), 15.43, 1e-9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pages),
	    cmocka_unit_test(test_api),
	    cmocka_unit_test(test_workbook),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
