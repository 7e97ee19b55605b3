/*
 * Reference data consistent with itself (issue 10, item 5), through the
 * real server: coal's heating value follows its legal TOE factor, the
 * seafood norm's 300 t band bounds the plant's output, and the key-user
 * page, CSV, workbook and API say which facilities are listed only through
 * a derived TOE factor and list those whose TOE cannot be computed with
 * their status.  Every figure is worked out below from the data/ CSV files.
 *
 * The fixture, 2024, accepted reports, all facilities in Rạch Giá:
 *
 *   C1  100 t coal fines 5-6: 100 x 0.50 = 50 TOE; 50 x 41.868 = 2,093.4 GJ
 *       (20.934 GJ/t); 2,093.4 GJ x 98.3 kg/GJ = 205.78122 t CO2.
 *   S1  frozen shrimp 200 t (400,000 kWh named for it), frozen catfish
 *       150 t (165,000 kWh): a 350 t plant (>= 300 t, TT 52/2018), so the
 *       main product, shrimp, has the norm 2,050 kWh/t; its SEC is
 *       400,000 / 200 = 2,000 kWh/t.  TOE 565,000 x 0.0001543 = 87.1795.
 *   D1  2,000 t rice husk x 0.2771 = 554.2 TOE (a derived factor: 11.6
 *       GJ/t / 41.868) + 3,000,000 kWh x 0.0001543 = 462.9 TOE: 1,017.1 TOE,
 *       a key user; the legal part 462.9 < 1,000: listed only through the
 *       derived factor.
 *   D4  1,000 t rice husk = 277.1 TOE + 100 t bagasse (no factor): below
 *       the threshold on what converts: cannot compute.
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
#include "testutil.h"
#include "xlsx_read.h"

static const char fixture_sql[] =
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " SELECT v.id, v.code, 'Nhà máy ' || v.code, 'nha may', v.sector,"
    " (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'large'"
    " FROM (SELECT 1 AS id, 'C1' AS code, '2394' AS sector UNION ALL SELECT 2, 'S1', '1020'"
    " UNION ALL SELECT 3, 'D1', '2392' UNION ALL SELECT 4, 'D4', '1072') AS v;"
    "INSERT INTO report(id, facility_id, year, status)"
    " SELECT id, id, 2024, 'accepted' FROM facility;"
    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
    " (2, 'frozen_shrimp', 200, 't'), (2, 'frozen_catfish', 150, 't');"
    "INSERT INTO report_energy(report_id, carrier_code, product_code, quantity, unit) VALUES"
    " (1, 'coal_5_6', NULL, 100, 't'),"
    " (2, 'electricity', 'frozen_shrimp', 400000, 'kWh'),"
    " (2, 'electricity', 'frozen_catfish', 165000, 'kWh'),"
    " (3, 'rice_husk', NULL, 2000, 't'), (3, 'electricity', NULL, 3000000, 'kWh'),"
    " (4, 'rice_husk', NULL, 1000, 't'), (4, 'bagasse', NULL, 100, 't');";

static struct hc_server server;
static struct hs_session staff; /* province staff */

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("refcons.db", fixture_sql);
	static const struct user_new acc[] = {{.email = "so@x.vn", .role = ROLE_PROVINCE}};
	hs_accounts(db, acc, 1, NULL, &staff);
	db_close(db);
	hs_server_start(&server, "refcons.db");
	return 0;
}

static void
get(const char *target, int status, struct hc_response *r)
{
	hs_req(server.port, "GET", target, staff.cookie, NULL, status, r);
}

/* The number member name of the JSON object o. */
static double
num(const json_t *o, const char *name)
{
	const json_t *v = json_object_get(o, name);
	assert_true(json_is_number(v));
	return json_number_value(v);
}

static void
test_coal_heating_value(void **state)
{
	(void)state;
	struct hc_response r;
	json_error_t jerr;
	/* 0.50 TOE/t x 41.868 GJ/TOE = 20.934 GJ/t; x 98.3 kg/GJ = 2,057.8122 kg/t. */
	get("/api/v1/refdata/factor?carrier=coal_5_6&unit=t&date=2024-06-01", 200, &r);
	json_t *f = json_loads(r.body, 0, &jerr);
	assert_non_null(f);
	assert_float_equal(num(f, "toe"), 0.5, 0);
	assert_float_equal(num(f, "gj"), 20.934, 1e-12);
	assert_float_equal(num(f, "kgco2"), 2057.8122, 1e-9);
	assert_true(json_is_false(json_object_get(f, "toe_derived")));
	json_decref(f);
	hc_response_free(&r);
	/* 0.70 x 41.868 = 29.3076 GJ/t for grades 1-2. */
	get("/api/v1/refdata/factor?carrier=coal_1_2&unit=t&date=2024-06-01", 200, &r);
	f = json_loads(r.body, 0, &jerr);
	assert_float_equal(num(f, "gj") / num(f, "toe"), 41.868, 1e-12);
	assert_float_equal(num(f, "gj"), 29.3076, 1e-12);
	json_decref(f);
	hc_response_free(&r);
	get("/api/v1/refdata/factor?carrier=rice_husk&unit=t&date=2024-06-01", 200, &r);
	f = json_loads(r.body, 0, &jerr);
	assert_true(json_is_true(json_object_get(f, "toe_derived")));
	json_decref(f);
	hc_response_free(&r);

	/* C1's page, 2024: 50,00 TOE; 2.093,4 GJ; 205,8 t CO2. */
	get("/facilities/1", 200, &r);
	hs_contains(&r, "<td>2024</td><td>50,00</td><td>2.093,4</td><td>205,8</td>");
	hc_response_free(&r);
}

static void
test_seafood_plant(void **state)
{
	(void)state;
	struct hc_response r;
	/* S1: shrimp 2.000 kWh/t against the norm 2.050 (a 350 t plant; SECs and norms
	 * are shown with 4 significant digits, docs/analytics.md). */
	get("/facilities/2", 200, &r);
	hs_contains(&r, "<td>frozen_shrimp</td><td>2.000 kWh/t</td><td>2.050</td>");
	hc_response_free(&r);
}

static void
test_keyusers(void **state)
{
	(void)state;
	struct hc_response r;
	json_error_t jerr;
	get("/keyusers?year=2024", 200, &r);
	hs_contains(&r, "<td>D1</td>");
	hs_contains(&r, "1.017,10<small> (chỉ nhờ hệ số suy ra)</small>");
	hs_contains(&r, "Trấu 554,20*"); /* the carrier by name, TOE with two decimals */
	/* D1's sector 2392 by its name (data/sectors.csv). */
	hs_contains(&r, "<td>2392 — Sản xuất vật liệu xây dựng từ đất sét</td>");
	hs_contains(&r, "Hệ số TOE suy ra từ nhiệt trị");
	hs_contains(&r, "Chưa tính được (thiếu hệ số hoặc đơn vị)");
	hs_contains(&r, "<td>D4</td>");
	hc_response_free(&r);

	/* One row per facility and carrier: D1's two, then D4's two; D4's 100 t of
	 * bagasse is a known quantity without a TOE (empty, not 0).  Figures are
	 * written exactly as kept (fmt_exact). */
	get("/keyusers?year=2024&format=csv", 200, &r);
	hs_contains(&r, "year,code,name,tax_code,unit,sector,toe_total,incomplete,status,"
			"derived_only,carrier,quantity,native_unit,carrier_toe,"
			"carrier_toe_derived\n"
			"2024,D1,Nhà máy D1,,Thành phố Rạch Giá,2392,1017.1,0,key_user,1,"
			"electricity,3000000,kWh,462.9,0\n"
			"2024,D1,Nhà máy D1,,Thành phố Rạch Giá,2392,1017.1,0,key_user,1,"
			"rice_husk,2000,t,554.2,1\n"
			"2024,D4,Nhà máy D4,,Thành phố Rạch Giá,1072,277.1,1,cannot_compute,0,"
			"bagasse,100,t,,0\n"
			"2024,D4,Nhà máy D4,,Thành phố Rạch Giá,1072,277.1,1,cannot_compute,0,"
			"rice_husk,1000,t,277.1,1\n");
	hc_response_free(&r);

	get("/api/v1/keyusers?year=2024", 200, &r);
	json_t *doc = json_loads(r.body, 0, &jerr);
	assert_non_null(doc);
	json_t *items = json_object_get(doc, "items"), *unknown = json_object_get(doc, "unknown");
	assert_int_equal(json_array_size(items), 1);
	json_t *d1 = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(d1, "code")), "D1");
	assert_string_equal(json_string_value(json_object_get(d1, "status")), "key_user");
	assert_true(json_is_true(json_object_get(d1, "derived_only")));
	assert_float_equal(num(d1, "toe"), 1017.1, 1e-9);
	assert_float_equal(num(d1, "toe_derived"), 554.2, 1e-9);
	assert_int_equal(json_array_size(json_object_get(d1, "missing")), 0);
	assert_int_equal(json_array_size(unknown), 1);
	json_t *d4 = json_array_get(unknown, 0);
	assert_string_equal(json_string_value(json_object_get(d4, "code")), "D4");
	assert_string_equal(json_string_value(json_object_get(d4, "status")), "cannot_compute");
	assert_true(json_is_false(json_object_get(d4, "derived_only")));
	json_t *m = json_array_get(json_object_get(d4, "missing"), 0);
	assert_string_equal(json_string_value(json_object_get(m, "carrier")), "bagasse");
	assert_string_equal(json_string_value(json_object_get(m, "unit")), "t");
	assert_string_equal(json_string_value(json_object_get(m, "what")), "factor");
	json_decref(doc);
	hc_response_free(&r);

	/* The workbook: D1 on row 5, D4 after it with its status. */
	get("/keyusers?year=2024&format=xlsx", 200, &r);
	char path[512], type[16], val[256];
	snprintf(path, sizeof(path), "%s", tu_path("refcons.xlsx"));
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r.body, 1, r.body_len, f), r.body_len);
	fclose(f);
	hc_response_free(&r);
	static const struct {
		const char *ref, *val;
	} cells[] = {
	    /* data/thresholds.csv: 1,000 TOE, its reference; D1 listed, D4 cannot compute */
	    {"A3", "Ngưỡng: 1.000 TOE/năm (Nghị định 21/2011/NĐ-CP, Điều 6). Số cơ sở trọng "
		   "điểm: 1; số cơ sở không tính được: 1."},
	    /* A Vietnamese page's workbook: headers and statuses in words, the
	     * carriers' columns (bagasse, electricity, rice_husk by code) by name. */
	    {"I4", "Tình trạng"},
	    {"J4", "Chỉ nhờ hệ số suy ra (1 = có)"},
	    {"K4", "Số liệu thiếu"},
	    {"L4", "TOE Bã mía"},
	    {"M4", "TOE Điện"},
	    {"N4", "TOE Trấu"},
	    {"A5", "1"}, /* STT: the first key user */
	    {"F5", "D1"},
	    {"I5", "Trọng điểm"},
	    {"J5", "1"},
	    {"F6", "D4"},
	    {"I6", "Không tính được"},
	    {"J6", "0"},
	    {"K6", "Bã mía (t): thiếu hệ số TOE"},
	};
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		assert_true(xr_cell(path, 1, cells[i].ref, type, val, sizeof(val)));
		assert_string_equal(val, cells[i].val);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_coal_heating_value),
	    cmocka_unit_test(test_seafood_plant),
	    cmocka_unit_test(test_keyusers),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
