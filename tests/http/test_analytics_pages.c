/*
 * HTTP tests of the analytics pages: /indicators (the plan's indicators by
 * group), /benchmark (SEC distribution against the norm; public aggregates,
 * facility list for province staff) and /keyusers (staff only), plus the
 * dashboard's drill-down links.  The fixture is the real reference data and
 * a hand-made province of 6 facilities reporting for 2024; every figure
 * asserted is worked out in the comments.  The server runs on 127.0.0.1.
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

static struct hc_server server;
static struct hs_session staff; /* a session of the province account */

/*
 * T1-T5 make frozen shrimp in Rạch Giá, 400 t each (>= 300 t: the TT
 * 52/2018 norm of 2,050 kWh/t applies), with 720,000 to 880,000 kWh:
 * SEC 1,800 / 1,900 / 2,000 / 2,100 / 2,200 kWh/t.  K1 in Hà Tiên uses
 * 7,000,000 kWh x 0.0001543 = 1,080.1 TOE (a key energy user, >= 1,000)
 * and reports no output.  CP answers (aware, staff, applied) for 2024, and
 * for 2020 (inside 78/KH-UBND's 2016-2020 target period) T1 alone.
 */
static const char fixture_sql[] =
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " SELECT 900 + i, 'TOM-' || i, 'Công ty Tôm số ' || i, 'cong ty tom so ' || i, '1020',"
    " (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'medium'"
    " FROM (SELECT 1 AS i UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4"
    " UNION ALL SELECT 5) AS n;"
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " VALUES (910, 'K1', 'Nhà máy Trọng Điểm', 'nha may trong diem', '1020',"
    " (SELECT id FROM admin_unit WHERE code = 'ha-tien'), 'state', 'large');"
    "INSERT INTO report(id, facility_id, year, status, cp_aware, cp_staff, cp_applied) VALUES"
    " (1, 901, 2024, 'accepted', 1, 1, 1), (2, 902, 2024, 'accepted', 1, 0, 0),"
    " (3, 903, 2024, 'accepted', 0, 0, 0), (4, 904, 2024, 'accepted', NULL, NULL, NULL),"
    " (5, 905, 2024, 'accepted', 1, 1, 1), (6, 910, 2024, 'accepted', 1, NULL, 1),"
    " (7, 901, 2020, 'accepted', 1, 1, 0);"
    "INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
    " (1, 'electricity', 720000, 'kWh'), (2, 'electricity', 760000, 'kWh'),"
    " (3, 'electricity', 800000, 'kWh'), (4, 'electricity', 840000, 'kWh'),"
    " (5, 'electricity', 880000, 'kWh'), (6, 'electricity', 7000000, 'kWh');"
    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
    " (1, 'frozen_shrimp', 400, 't'), (2, 'frozen_shrimp', 400, 't'),"
    " (3, 'frozen_shrimp', 400, 't'), (4, 'frozen_shrimp', 400, 't'),"
    " (5, 'frozen_shrimp', 400, 't');"
    "INSERT INTO app_user(id, email, role, status, created_at)"
    " VALUES (1, 'so@congthuong.test', 'province', 'active', '2026-01-01');";

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("pages.db", fixture_sql);
	/* A session of the province account, as signing in would create. */
	struct user u = {.id = 1, .role = ROLE_PROVINCE};
	snprintf(u.email, sizeof(u.email), "so@congthuong.test");
	hs_session_new(db, &u, &staff);
	db_close(db);
	hs_server_start(&server, "pages.db");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return hc_server_stop(&server) == 0 ? 0 : -1;
}

/* GET target (with extra header lines or NULL) and assert its status; the caller frees r. */
static void
get(const char *target, const char *extra, int status, struct hc_response *r)
{
	hs_req(server.port, "GET", target, extra, NULL, status, r);
}

static void
test_indicators(void **state)
{
	(void)state;
	struct hc_response r;
	/* The latest year (2024) by unit. */
	get("/indicators", NULL, 200, &r);
	/*
	 * Each indicator: of all active (yes/active), of known (yes/known),
	 * coverage.
	 * Province: active 6; aware known T1 T2 T3 T5 K1 = 5, yes T1 T2 T5 K1 = 4:
	 * of all 4/6 = 66,7 %, of known 80,0 % "4/5"; coverage 5/6 = 83,3 %.
	 * Rạch Giá: active 5; aware known 4, yes T1 T2 T5 = 3: of all 3/5 = 60,0 %,
	 * of known 75,0 % "3/4", coverage 4/5 = 80,0 %; apply CP known 4, yes T1
	 * T5 = 2: 2/5 = 40,0 % of all, 50,0 % "2/4" of known.
	 * Hà Tiên: K1 alone: aware 100,0 % "1/1" both ways.
	 */
	hs_contains(&r, "<option value=\"2024\" selected=\"selected\">2024</option>");
	hs_contains(&r, "Toàn tỉnh");
	hs_contains(&r, "<td class=\"num\">66,7 %<small> 4/6</small></td><td class=\"num\">80,0 "
			"%<small> 4/5</small></td><td class=\"num\">83,3 %</td>");
	hs_contains(&r, "<a href=\"/facilities?unit=rach-gia\">Thành phố Rạch Giá</a>");
	hs_contains(&r, "<td class=\"num\">60,0 %<small> 3/5</small></td><td class=\"num\">75,0 "
			"%<small> 3/4</small></td><td class=\"num\">80,0 %</td>");
	hs_contains(&r,
		    "40,0 %<small> 2/5</small></td><td class=\"num\">50,0 %<small> 2/4</small>");
	hs_contains(&r, "100,0 %<small> 1/1</small>");
	/* Which share the target is compared with. */
	hs_contains(&r, "Mục tiêu được so với tỷ lệ trên tổng số cơ sở đang hoạt động");
	/*
	 * 2024 is after 78/KH-UBND's 2016-2020 targets: no target is shown
	 * against it (the page showed "50 % (2016–2020)" before), the page says
	 * so, and how an administrator loads a plan's targets.
	 */
	hs_lacks(&r, "(2016–2020)");
	hs_contains(&r, "Kế hoạch 78/KH-UBND không đặt mục tiêu cho năm 2024. Quản trị viên có "
			"thể nạp mục tiêu của một kế hoạch");
	hs_contains(&r, "<td class=\"num\" colspan=\"3\">không đặt</td>");
	hc_response_free(&r);

	/*
	 * 2020, inside the period: T1 alone reported (aware, staff, not applying).
	 * Aware: 1 of 6 active = 16,7 % of all, 1/1 = 100 % of known, coverage
	 * 16,7 %; the 50 % target is compared with 16,7 %: not met (100 % of
	 * the known answers would have read as met).  Apply CP: 0/6 < 25 %.
	 */
	get("/indicators?year=2020", NULL, 200, &r);
	hs_contains(&r, "<td class=\"num\" colspan=\"3\">50 % (2016–2020): chưa đạt</td>");
	hs_contains(&r, "<td class=\"num\" colspan=\"3\">25 % (2016–2020): chưa đạt</td>");
	hs_contains(&r, "<td class=\"num\">16,7 %<small> 1/6</small></td><td class=\"num\">100,0 "
			"%<small> 1/1</small></td><td class=\"num\">16,7 %</td>");
	hs_lacks(&r, "không đặt mục tiêu cho năm");
	hs_lacks(&r, "50,0 % (2016–2020)"); /* targets shown whole (util/fmt.h) */
	hc_response_free(&r);
	get("/indicators?year=2024&lang=en", NULL, 200, &r);
	hs_contains(&r, "Plan 78/KH-UBND sets no target for 2024. An administrator can load a "
			"plan&#39;s targets");
	hs_contains(&r, "The target is compared with the share of all active facilities");
	hc_response_free(&r);

	/* By ownership: state = K1 (1/1), private = T1-T5 (3/4). */
	get("/indicators?year=2024&by=ownership&lang=en", NULL, 200, &r);
	hs_contains(&r, "<a href=\"/facilities?ownership=state&amp;lang=en\">State-owned</a>");
	hs_contains(&r, "60.0%<small> 3/5</small></td><td class=\"num\">75.0%<small> 3/4</small>");
	hc_response_free(&r);
	/* By sector (division 10): all six, the province's figures. */
	get("/indicators?by=sector", NULL, 200, &r);
	hs_contains(&r, "<a href=\"/facilities?sector=10\">");
	hc_response_free(&r);

	get("/indicators?by=district", NULL, 400, &r);
	hc_response_free(&r);
	get("/indicators?year=20x4", NULL, 400, &r);
	hc_response_free(&r);
	get("/indicators?year=2030", NULL, 404, &r);
	hs_contains(&r, "2030");
	hc_response_free(&r);
}

static void
test_dashboard_drill(void **state)
{
	(void)state;
	struct hc_response r;
	get("/", NULL, 200, &r);
	/* The latest year's two shares of aware (test_indicators), and no target
	 * for 2024 (78/KH-UBND's targets end in 2020). */
	hs_contains(&r, "<th scope=\"row\">Tỷ lệ trên tổng số cơ sở đang hoạt động (cận "
			"dưới)</th><td>66,7 % (4 / 6)</td>");
	hs_contains(&r, "<th scope=\"row\">Tỷ lệ trong số cơ sở đã biết câu trả lời</th><td>80,0 "
			"% (4 / 5)</td>");
	hs_contains(&r, "<th scope=\"row\">Mục tiêu</th><td>không đặt</td>");
	hs_contains(&r, "Kế hoạch 78/KH-UBND không đặt mục tiêu cho năm 2024.");
	hs_contains(&r, "href=\"/indicators?year=2024&amp;by=unit\"");
	hs_contains(&r, "href=\"/indicators?year=2024&amp;by=sector\"");
	hs_contains(&r, "<a href=\"/facilities?unit=rach-gia\">");
	hc_response_free(&r);
}

static void
test_benchmark_public(void **state)
{
	(void)state;
	struct hc_response r;
	get("/benchmark", NULL, 200, &r);
	/* Options name the product (data/products.csv), not its code. */
	hs_contains(
	    &r, "<option value=\"frozen_shrimp\">Tôm đông lạnh (tấn sản phẩm quy đổi)</option>");
	hc_response_free(&r);

	get("/benchmark?product=frozen_shrimp&year=2024", NULL, 200, &r);
	/* 5 peers; 1,800 1,900 2,000 meet 2,050: 3 / 5; median 2,000. */
	hs_contains(&r, "<th scope=\"row\">Số cơ sở so sánh</th><td>5</td>");
	hs_contains(&r, "<td>3 / 5</td>");
	hs_contains(&r, "2.050 kWh/t");
	hs_contains(&r, " · 2.000 · ");
	hs_contains(&r, "<svg");
	hs_contains(&r, "class=\"target\"");
	/* Aggregates only: no names, codes or per-facility list. */
	hs_lacks(&r, "Công ty Tôm");
	hs_lacks(&r, "TOM-");
	hs_lacks(&r, "class=\"list peers\"");
	hc_response_free(&r);

	get("/benchmark?product=no_such_product&year=2024", NULL, 404, &r);
	hc_response_free(&r);
	get("/benchmark?product=frozen_shrimp&year=abc", NULL, 400, &r);
	hc_response_free(&r);
}

static void
test_benchmark_staff(void **state)
{
	(void)state;
	struct hc_response r;
	get("/benchmark?product=frozen_shrimp&year=2024", staff.cookie, 200, &r);
	hs_contains(&r, "class=\"list peers\"");
	/* Sorted by SEC: T1 (1,800) first; ratio 1,800 / 2,050 = 87,8 %. */
	hs_contains(&r, "<td>TOM-1</td><td>Công ty Tôm số 1</td><td class=\"num\">1.800</td>"
			"<td class=\"num\">87,8 %</td>");
	/* T5: 2,200 / 2,050 = 107,3 %. */
	hs_contains(&r, "<td class=\"num\">2.200</td><td class=\"num\">107,3 %</td>");
	char *cc = hc_header(&r, "Cache-Control");
	assert_non_null(cc);
	assert_non_null(strstr(cc, "no-store"));
	free(cc);
	hc_response_free(&r);
}

static void
test_keyusers(void **state)
{
	(void)state;
	struct hc_response r;
	/* Without a session: pages send the visitor to sign in. */
	get("/keyusers", NULL, 303, &r);
	hs_header_is(&r, "Location", "/login?next=%2Fkeyusers");
	hc_response_free(&r);

	get("/keyusers?year=2024", staff.cookie, 200, &r);
	/* K1 alone: 7,000,000 kWh x 0.0001543 = 1,080.1 TOE; T5's 135,8 TOE is below.
	 * TOE with two decimals, as everywhere: "1.080,10"; the threshold "1.000,00". */
	hs_contains(&r, "<td>K1</td><td>Nhà máy Trọng Điểm</td>");
	hs_contains(&r, "1.080,10");
	hs_contains(&r, "1.000,00");
	hs_lacks(&r, "TOM-5");
	hs_contains(&r, "href=\"/keyusers?year=2024&amp;format=csv\"");
	hc_response_free(&r);

	get("/keyusers?year=2024&format=csv", staff.cookie, 200, &r);
	char *ct = hc_header(&r, "Content-Type");
	assert_non_null(ct);
	assert_non_null(strstr(ct, "text/csv"));
	free(ct);
	assert_non_null(strstr(r.body, "year,code,name,tax_code,unit,sector,toe_total,incomplete,"
				       "status,derived_only,carrier,quantity,native_unit,"
				       "carrier_toe,carrier_toe_derived\n"));
	/* 7,000,000 x 0.0001543 = 1,080.1 TOE exactly, through a legal factor,
	 * written exactly (fmt_exact; "1080.100" with three decimals before). */
	assert_non_null(strstr(r.body,
			       "2024,K1,Nhà máy Trọng Điểm,,Thành phố Hà Tiên,1020,1080.1,0,"
			       "key_user,0,electricity,7000000,kWh,1080.1,0\n"));
	hc_response_free(&r);

	get("/keyusers?year=2024&format=xls", staff.cookie, 400, &r);
	hc_response_free(&r);
}

/* GET target as staff (or public) and assert a workbook download named filename. */
static void
assert_xlsx(const char *target, const char *cookie, const char *filename)
{
	struct hc_response r;
	get(target, cookie, 200, &r);
	char *ct = hc_header(&r, "Content-Type"), *cd = hc_header(&r, "Content-Disposition");
	assert_non_null(ct);
	assert_string_equal(ct,
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_non_null(cd);
	char want[128];
	snprintf(want, sizeof(want), "attachment; filename=\"%s\"", filename);
	assert_string_equal(cd, want);
	/* a zip: the local file header signature */
	assert_true(r.body_len > 4);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
	free(ct);
	free(cd);
	hc_response_free(&r);
}

static void
test_xlsx_downloads(void **state)
{
	(void)state;
	struct hc_response r;
	get("/keyusers?year=2024", staff.cookie, 200, &r);
	hs_contains(&r, "href=\"/keyusers?year=2024&amp;format=xlsx\"");
	hc_response_free(&r);
	assert_xlsx("/keyusers?year=2024&format=xlsx", staff.cookie, "keyusers-2024.xlsx");
	get("/keyusers?year=2024&format=xlsx", NULL, 303, &r); /* staff only */
	hc_response_free(&r);

	get("/indicators?year=2024&by=size", NULL, 200, &r);
	hs_contains(&r, "href=\"/indicators?year=2024&amp;by=size&amp;format=xlsx\"");
	hc_response_free(&r);
	assert_xlsx("/indicators?year=2024&by=size&format=xlsx", NULL, "indicators-2024-size.xlsx");
	get("/indicators?format=pdf", NULL, 400, &r);
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_indicators),	     cmocka_unit_test(test_dashboard_drill),
	    cmocka_unit_test(test_benchmark_public), cmocka_unit_test(test_benchmark_staff),
	    cmocka_unit_test(test_keyusers),	     cmocka_unit_test(test_xlsx_downloads),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
