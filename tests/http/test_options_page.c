/*
 * The page of CP options across assessments (GET /options), its workbook
 * (/options.xlsx) and `sxsh options --format json`, through the real
 * server and binary, on a fixture of two facilities in two sectors:
 *
 *   RG-FISH (1020, division 10, Rạch Giá), assessment started 15/03/2024:
 *     o1 equipment, now: capex 120,000,000, saving 40,000,000 x 5 years,
 *        payback 120/40 = 3; 100,000 kWh electricity = 15.43 TOE,
 *        68.1 t CO2 (as test_option.c)
 *     o2 housekeeping, study: capex 2,500,000, saving 1,500,000 x 3,
 *        payback 2.5/1.5 = 1.666.. shown 1,7
 *   HT-CEM (2394, division 23, Hà Tiên), started 01/04/2024:
 *     o3 technology, now: capex 1,000,000,000, saving 250,000,000 x 10, payback 4
 *     o4 technology, rejected: capex 500,000,000 (listed, not counted)
 *
 * Counted 3 of 4: investment 120,000,000 + 2,500,000 + 1,000,000,000 =
 * 1,122,500,000; saving 40,000,000 + 1,500,000 + 250,000,000 =
 * 291,500,000 a year; 15.43 TOE and 68.1 t CO2 a year.
 */
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
#include "model/assess/assessment.h"
#include "model/assess/option.h"
#include "testutil.h"
#include "xlsx_read.h"

static const char fixture_sql[] =
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " SELECT 1001, 'RG-FISH', 'Xí nghiệp cá Rạch Giá', 'xi nghiep ca', '1020', id, 'private',"
    " 'medium' FROM admin_unit WHERE code = 'rach-gia';"
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " SELECT 1002, 'HT-CEM', 'Nhà máy xi măng Hà Tiên', 'nha may xi mang', '2394', id,"
    " 'private', 'large' FROM admin_unit WHERE code = 'ha-tien';";

static struct hc_server server;
static struct hs_session province, rach_gia, phu_quoc;

static int64_t
assessment(struct db *db, const struct principal *who, int64_t facility, const char *started)
{
	int64_t id;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct assessment_input in = {.title = "Đánh giá SXSH", .started_on = started};
	assert_int_equal(assessment_create(db, who, facility, &in, &id, &errs), ST_OK);
	return id;
}

static void
option(struct db *db, const struct principal *who, int64_t aid, const struct cp_option_input *in)
{
	int64_t id;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	assert_int_equal(option_create(db, who, aid, 0, in, &id, &errs), ST_OK);
}

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("options-page.db", fixture_sql);
	static const struct user_new acc[] = {
	    {.email = "so@x.vn", .role = ROLE_PROVINCE},
	    {.email = "rachgia@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    {.email = "phuquoc@x.vn", .role = ROLE_DISTRICT, .unit_code = "phu-quoc"},
	};
	struct hs_session s[3];
	struct user u[3];
	hs_accounts(db, acc, 3, u, s);
	province = s[0];
	rach_gia = s[1];
	phu_quoc = s[2];
	struct principal so = {.user_id = u[0].id, .role = ROLE_PROVINCE, .email = "so@x.vn"};
	int64_t a1 = assessment(db, &so, 1001, "15/03/2024");
	int64_t a2 = assessment(db, &so, 1002, "01/04/2024");
	const struct cp_option_input o[4] = {
	    {.title = "Lắp biến tần cho máy nén",
	     .kind = "equipment",
	     .triage = "now",
	     .capex = "120000000",
	     .annual_saving = "40000000",
	     .life_years = "5",
	     .discount_rate = "0.1",
	     .neffects = 1,
	     .effects =
		 {{.stream = "energy", .carrier = "electricity", .qty = "100000", .unit = "kWh"}}},
	    {.title = "Sửa rò rỉ nước rửa",
	     .kind = "housekeeping",
	     .triage = "study",
	     .capex = "2500000",
	     .annual_saving = "1500000",
	     .life_years = "3",
	     .discount_rate = "0.1"},
	    {.title = "Thu hồi nhiệt khí thải lò nung",
	     .kind = "technology",
	     .triage = "now",
	     .capex = "1000000000",
	     .annual_saving = "250000000",
	     .life_years = "10",
	     .discount_rate = "0.1"},
	    {.title = "Thay lò nung mới",
	     .kind = "technology",
	     .triage = "rejected",
	     .reject_reason = "Vốn quá lớn",
	     .capex = "500000000",
	     .annual_saving = "20000000",
	     .life_years = "10",
	     .discount_rate = "0.1"},
	};
	option(db, &so, a1, &o[0]);
	option(db, &so, a1, &o[1]);
	option(db, &so, a2, &o[2]);
	option(db, &so, a2, &o[3]);
	db_close(db);
	hs_server_start(&server, "options-page.db");
	return 0;
}

static const char totals_vi[] =
    "Tổng vốn đầu tư: 1.122.500.000 đồng; Tiết kiệm: 291.500.000 đồng/năm; 15,43 TOE/năm; "
    "68,1 tấn CO2/năm";

static void
test_page(void **state)
{
	(void)state;
	struct hc_response r;
	hs_req(server.port, "GET", "/options", province.cookie, NULL, 200, &r);
	hs_contains(&r, totals_vi);
	hs_contains(&r, "Tính 3 trong 4 giải pháp được liệt kê.");
	hs_contains(&r, "<a href=\"/options.xlsx\" download=\"\">Tải Excel</a>");
	/* the payback table: division 10 housekeeping (1,7) before equipment (3,0), then 23 */
	const char *hk = strstr(r.body, "<td>Quản lý nội vi<small> (nhanh nhất)</small></td>");
	const char *eq = strstr(r.body, "<td>Cải tiến thiết bị</td>");
	assert_non_null(hk);
	assert_non_null(eq);
	assert_true(hk < eq);
	hs_contains(&r, "<td class=\"num\">1,7</td><td class=\"num\">1,7</td>");
	hs_contains(&r, "23 — ");
	/* the list links each option and its assessment; the rejected one is marked */
	hs_contains(&r, "(không tính vào tổng)");
	hs_contains(&r, "href=\"/assessments/");
	hs_contains(&r, "href=\"/options/");
	hs_lacks(&r, "2024-03-15");
	hc_response_free(&r);

	/* English */
	hs_req(server.port, "GET", "/options?lang=en", province.cookie, NULL, 200, &r);
	hs_contains(&r, "Total investment: 1,122,500,000 VND; Saving: 291,500,000 VND a year; "
			"15.43 TOE a year; 68.1 tonnes CO2 a year");
	hc_response_free(&r);

	/* filters: sector 23 -> o3 only counted (o4 rejected); rejected asked -> o4 counted */
	hs_req(server.port, "GET", "/options?sector=23", province.cookie, NULL, 200, &r);
	hs_contains(&r, "Tổng vốn đầu tư: 1.000.000.000 đồng; Tiết kiệm: 250.000.000 đồng/năm");
	hs_contains(&r, "Tính 1 trong 2 giải pháp được liệt kê.");
	hs_contains(&r, "href=\"/options.xlsx?sector=23\"");
	hc_response_free(&r);
	hs_req(server.port, "GET", "/options?triage=rejected", province.cookie, NULL, 200, &r);
	hs_contains(&r, "Tổng vốn đầu tư: 500.000.000 đồng; Tiết kiệm: 20.000.000 đồng/năm");
	hs_contains(&r, "Bộ lọc chọn các giải pháp bị loại nên chúng được tính.");
	hc_response_free(&r);
	hs_req(server.port, "GET", "/options?kind=painting", province.cookie, NULL, 400, &r);
	hc_response_free(&r);

	/* a district sees its unit's: Rạch Giá's two options; Phú Quốc none */
	hs_req(server.port, "GET", "/options", rach_gia.cookie, NULL, 200, &r);
	hs_contains(&r, "Tổng vốn đầu tư: 122.500.000 đồng; Tiết kiệm: 41.500.000 đồng/năm");
	hs_lacks(&r, "Thu hồi nhiệt khí thải lò nung");
	hc_response_free(&r);
	hs_req(server.port, "GET", "/options", phu_quoc.cookie, NULL, 200, &r);
	hs_contains(&r, "Chưa có giải pháp SXSH nào phù hợp trong các đánh giá bạn được xem.");
	hc_response_free(&r);
}

static void
test_workbook(void **state)
{
	(void)state;
	struct hc_response r;
	hs_req(server.port, "GET", "/options.xlsx", province.cookie, NULL, 200, &r);
	const char *path = tu_path("options.xlsx");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r.body, 1, r.body_len, f), r.body_len);
	assert_int_equal(fclose(f), 0);
	hc_response_free(&r);
	char type[16], val[512];
	/* title, source, the totals' sentence, the header in row 4, four options, the total */
	assert_true(xr_cell(path, 1, "A1", type, val, sizeof(val)));
	assert_string_equal(val, "Giải pháp sản xuất sạch hơn của các đánh giá");
	assert_true(xr_cell(path, 1, "A3", type, val, sizeof(val)));
	assert_non_null(strstr(val, "Tổng vốn đầu tư 1.122.500.000 đồng"));
	assert_true(xr_cell(path, 1, "J4", type, val, sizeof(val)));
	assert_string_equal(val, "Vốn đầu tư (đồng)");
	assert_int_equal(xr_rows(path, 1), 9);
	/* rows by division: 10 (o1, o2 by seq), then 23 (o3, o4) */
	assert_true(xr_cell(path, 1, "B5", type, val, sizeof(val)));
	assert_string_equal(val, "Lắp biến tần cho máy nén");
	assert_true(xr_cell(path, 1, "D5", type, val, sizeof(val)));
	assert_string_equal(val, "10 — Sản xuất, chế biến thực phẩm");
	assert_true(xr_cell(path, 1, "J5", type, val, sizeof(val)));
	assert_string_equal(type, "n");
	assert_string_equal(val, "120000000");
	assert_true(xr_cell(path, 1, "G7", type, val, sizeof(val)));
	assert_string_equal(val, "Đổi mới công nghệ");
	assert_true(xr_cell(path, 1, "O8", type, val, sizeof(val)));
	assert_string_equal(val, "Không"); /* o4, rejected */
	/* the total of the counted ones: 1,122,500,000 and 291,500,000 */
	assert_true(xr_cell(path, 1, "J9", type, val, sizeof(val)));
	assert_string_equal(val, "1122500000");
	assert_true(xr_cell(path, 1, "K9", type, val, sizeof(val)));
	assert_string_equal(val, "291500000");
	/* the payback sheet: header in row 3; 10 housekeeping (1.666..) first */
	assert_true(xr_cell(path, 2, "B4", type, val, sizeof(val)));
	assert_string_equal(val, "Quản lý nội vi");
	assert_true(xr_cell(path, 2, "B5", type, val, sizeof(val)));
	assert_string_equal(val, "Cải tiến thiết bị");
	assert_true(xr_cell(path, 2, "E6", type, val, sizeof(val)));
	assert_string_equal(val, "4"); /* 23 technology: 1,000,000,000 / 250,000,000 */
}

/* The number at key of the totals of `sxsh options --format json`. */
static double
cli_total(json_t *doc, const char *key)
{
	json_t *v = json_object_get(json_object_get(doc, "totals"), key);
	assert_true(json_is_number(v));
	return json_number_value(v);
}

static void
test_cli_json(void **state)
{
	(void)state;
	char cmd[1024], *out = NULL, *err = NULL;
	snprintf(cmd, sizeof(cmd), "'%s' options --db '%s' --format json", tu_sxsh(),
		 tu_db_url("options-page.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	json_error_t jerr;
	json_t *doc = json_loads(out, 0, &jerr);
	assert_non_null(doc);
	/* the page's totals (test_page): the same figures */
	assert_true(cli_total(doc, "investment_vnd") == 1122500000.0);
	assert_true(cli_total(doc, "saving_vnd_per_year") == 291500000.0);
	assert_true(cli_total(doc, "count") == 3);
	assert_true(cli_total(doc, "listed") == 4);
	double toe = cli_total(doc, "toe_per_year"), co2 = cli_total(doc, "co2_t_per_year");
	assert_true(toe > 15.43 - 1e-9 && toe < 15.43 + 1e-9);
	assert_true(co2 > 68.1 - 1e-9 && co2 < 68.1 + 1e-9);
	assert_int_equal(json_array_size(json_object_get(doc, "options")), 4);
	assert_int_equal(json_array_size(json_object_get(doc, "by_sector")), 2);
	json_t *pb = json_array_get(json_object_get(doc, "payback"), 0);
	assert_string_equal(json_string_value(json_object_get(pb, "kind")), "housekeeping");
	json_decref(doc);
	free(out);
	free(err);
	/* a usage error is exit 2 */
	snprintf(cmd, sizeof(cmd), "'%s' options --db '%s' --status done", tu_sxsh(),
		 tu_db_url("options-page.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
}

static int
teardown(void **state)
{
	(void)state;
	hs_server_stop(&server);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_page),
	    cmocka_unit_test(test_workbook),
	    cmocka_unit_test(test_cli_json),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
