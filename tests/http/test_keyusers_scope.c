/*
 * The scope of the key-user list (issue 8, item 3), through the real
 * server: a district officer's page, CSV, workbook and /api/v1/keyusers
 * hold exactly the key users of its unit, each counted under its unit on
 * 31/12 of the year; province staff get them all.
 *
 * The fixture, 2024, accepted reports of coal fines only (grades 5-6:
 * 0.50 TOE/t, data/carrier_factors.csv, so TOE = t / 2; the threshold is
 * 1,000 TOE, Decree 21/2011 Art. 6):
 *
 *   code       unit on 31/12/2024        coal t   TOE     key user
 *   RG-A       Rạch Giá                   2,400   1,200   yes
 *   RG-W       Vĩnh Thanh Vân (ward of    2,200   1,100   yes
 *              Rạch Giá, named Rạch Giá)
 *   RG-SMALL   Rạch Giá                   1,000     500   no
 *   MOVED-OUT  Rạch Giá (Hà Tiên from     2,600   1,300   yes
 *              1/3/2025, its unit now)
 *   MOVED-IN   Hà Tiên (Rạch Giá from     2,800   1,400   yes
 *              1/1/2025, its unit now)
 *   HT-B       Hà Tiên                    3,000   1,500   yes
 *   PQ-C       Phú Quốc                   2,000   1,000   yes (>= threshold)
 *
 * So, by TOE descending: the Rạch Giá officer sees MOVED-OUT, RG-A, RG-W;
 * the Hà Tiên officer HT-B, MOVED-IN; province staff HT-B, MOVED-IN,
 * MOVED-OUT, RG-A, RG-W, PQ-C.
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
#include "testutil.h"
#include "xlsx_read.h"

/* Units by code; facilities 1001-1007 as in the table above. */
static const char fixture_sql[] =
    "INSERT INTO admin_unit(code, name, name_en, level, kind, parent_id, source, reliability)"
    " SELECT 'vinh-thanh-van', 'Phường Vĩnh Thanh Vân', 'Vinh Thanh Van Ward', 'commune',"
    " 'phường', id, 'test fixture', '?' FROM admin_unit WHERE code = 'rach-gia';"
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " SELECT v.id, v.code, 'Nhà máy ' || v.code, 'nha may', '2392', a.id, 'private', 'large'"
    " FROM (SELECT 1001 AS id, 'RG-A' AS code, 'rach-gia' AS unit"
    " UNION ALL SELECT 1002, 'RG-W', 'vinh-thanh-van' UNION ALL SELECT 1003, 'RG-SMALL', 'rach-gia'"
    " UNION ALL SELECT 1004, 'MOVED-OUT', 'ha-tien' UNION ALL SELECT 1005, 'MOVED-IN', 'rach-gia'"
    " UNION ALL SELECT 1006, 'HT-B', 'ha-tien' UNION ALL SELECT 1007, 'PQ-C', 'phu-quoc') AS v"
    " JOIN admin_unit a ON a.code = v.unit;"
    /* MOVED-OUT: Rạch Giá until 28/2/2025; MOVED-IN: Hà Tiên until 31/12/2024. */
    "INSERT INTO facility_unit_history(facility_id, admin_unit_id, valid_from, valid_to)"
    " SELECT v.f, a.id, v.vf, v.vt FROM (SELECT 1004 AS f, 'rach-gia' AS unit,"
    " CAST(NULL AS TEXT) AS vf, '2025-02-28' AS vt"
    " UNION ALL SELECT 1004, 'ha-tien', '2025-03-01', NULL"
    " UNION ALL SELECT 1005, 'ha-tien', NULL, '2024-12-31'"
    " UNION ALL SELECT 1005, 'rach-gia', '2025-01-01', NULL) AS v"
    " JOIN admin_unit a ON a.code = v.unit;"
    "INSERT INTO report(id, facility_id, year, status)"
    " SELECT id, id, 2024, 'accepted' FROM facility WHERE id BETWEEN 1001 AND 1007;"
    "INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
    " (1001, 'coal_5_6', 2400, 't'), (1002, 'coal_5_6', 2200, 't'),"
    " (1003, 'coal_5_6', 1000, 't'), (1004, 'coal_5_6', 2600, 't'),"
    " (1005, 'coal_5_6', 2800, 't'), (1006, 'coal_5_6', 3000, 't'),"
    " (1007, 'coal_5_6', 2000, 't');";

static struct hc_server server;
/* Sessions of a Rạch Giá officer, a Hà Tiên officer and province staff. */
static struct hs_session rach_gia, ha_tien, province;

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("ku-scope.db", fixture_sql);
	static const struct user_new acc[] = {
	    {.email = "rachgia@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    {.email = "hatien@x.vn", .role = ROLE_DISTRICT, .unit_code = "ha-tien"},
	    {.email = "so@x.vn", .role = ROLE_PROVINCE},
	};
	struct hs_session s[3];
	hs_accounts(db, acc, 3, NULL, s);
	rach_gia = s[0];
	ha_tien = s[1];
	province = s[2];
	db_close(db);
	hs_server_start(&server, "ku-scope.db");
	return 0;
}

/* The codes of the page's key-user table rows (first cell of each), comma-joined. */
static void
page_codes(const char *body, char *out, size_t n)
{
	out[0] = '\0';
	for (const char *p = strstr(body, "<tr><td>"); p != NULL; p = strstr(p, "<tr><td>")) {
		p += strlen("<tr><td>");
		size_t len = strcspn(p, "<");
		snprintf(out + strlen(out), n - strlen(out), "%s%.*s", out[0] ? "," : "", (int)len,
			 p);
	}
}

/* The second field (code) of every data row of the CSV, comma-joined. */
static void
csv_codes(const char *body, char *out, size_t n)
{
	out[0] = '\0';
	for (const char *p = strchr(body, '\n'); p != NULL && p[1] != '\0'; p = strchr(p, '\n')) {
		p = strchr(p + 1, ',') + 1;
		size_t len = strcspn(p, ",");
		snprintf(out + strlen(out), n - strlen(out), "%s%.*s", out[0] ? "," : "", (int)len,
			 p);
	}
}

/* The codes of items[] of the API answer, comma-joined. */
static void
api_codes(const char *body, char *out, size_t n)
{
	json_error_t jerr;
	json_t *doc = json_loads(body, 0, &jerr);
	assert_non_null(doc);
	json_t *items = json_object_get(doc, "items");
	assert_true(json_is_array(items));
	out[0] = '\0';
	for (size_t i = 0; i < json_array_size(items); i++)
		snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? "," : "",
			 json_string_value(json_object_get(json_array_get(items, i), "code")));
	assert_int_equal(json_array_size(json_object_get(doc, "unknown")), 0);
	json_decref(doc);
}

/* Saves r's body (a workbook) as tu_path("ku.xlsx") and returns that path (static). */
static const char *
save_xlsx(const struct hc_response *r)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s", tu_path("ku.xlsx"));
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r->body, 1, r->body_len, f), r->body_len);
	assert_int_equal(fclose(f), 0);
	return path;
}

/*
 * The facility codes (column F, after the Ministry list's STT, name,
 * address, sector and TOE) of the workbook's data rows (row 5 on, under
 * the title, source, threshold and header rows), comma-joined.
 */
static void
xlsx_codes(const struct hc_response *r, char *out, size_t n)
{
	char type[16], val[128];
	const char *path = save_xlsx(r);
	out[0] = '\0';
	for (int row = 5; row < 100; row++) {
		char ref[16];
		snprintf(ref, sizeof(ref), "F%d", row);
		if (!xr_cell(path, 1, ref, type, val, sizeof(val)))
			break;
		snprintf(out + strlen(out), n - strlen(out), "%s%s", out[0] ? "," : "", val);
	}
}

/* Asserts what s gets from the page, CSV, workbook and API of 2024: codes in that order. */
static void
assert_lists(const struct hs_session *s, const char *codes)
{
	struct hc_response r;
	char got[512];
	hs_req(server.port, "GET", "/keyusers?year=2024", s->cookie, NULL, 200, &r);
	page_codes(r.body, got, sizeof(got));
	assert_string_equal(got, codes);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/keyusers?year=2024&format=csv", s->cookie, NULL, 200, &r);
	csv_codes(r.body, got, sizeof(got));
	assert_string_equal(got, codes);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/keyusers?year=2024&format=xlsx", s->cookie, NULL, 200, &r);
	xlsx_codes(&r, got, sizeof(got));
	assert_string_equal(got, codes);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/api/v1/keyusers?year=2024", s->cookie, NULL, 200, &r);
	api_codes(r.body, got, sizeof(got));
	assert_string_equal(got, codes);
	hc_response_free(&r);
}

static void
test_district_rach_gia(void **state)
{
	(void)state;
	assert_lists(&rach_gia, "MOVED-OUT,RG-A,RG-W");

	/* Exactly the three rows; MOVED-OUT and the ward's RG-W under Rạch Giá.
	 * Coal 5-6 at 0.50 TOE/t: 2,600 t -> 1,300 TOE, 2,400 -> 1,200, 2,200 ->
	 * 1,100, written exactly (fmt_exact; "1300.000" before). */
	struct hc_response r;
	hs_req(server.port, "GET", "/keyusers?year=2024&format=csv", rach_gia.cookie, NULL, 200,
	       &r);
	assert_string_equal(
	    r.body, "year,code,name,tax_code,unit,sector,toe_total,incomplete,status,derived_only,"
		    "carrier,quantity,native_unit,carrier_toe,carrier_toe_derived\n"
		    "2024,MOVED-OUT,Nhà máy MOVED-OUT,,Thành phố Rạch Giá,2392,1300,0,key_user,0,"
		    "coal_5_6,2600,t,1300,0\n"
		    "2024,RG-A,Nhà máy RG-A,,Thành phố Rạch Giá,2392,1200,0,key_user,0,coal_5_6,"
		    "2400,t,1200,0\n"
		    "2024,RG-W,Nhà máy RG-W,,Thành phố Rạch Giá,2392,1100,0,key_user,0,coal_5_6,"
		    "2200,t,1100,0\n");
	hc_response_free(&r);

	hs_req(server.port, "GET", "/keyusers?year=2024", rach_gia.cookie, NULL, 200, &r);
	hs_contains(&r, ". 3 cơ sở đạt ngưỡng.");
	hs_contains(&r, "Chỉ gồm các cơ sở thuộc đơn vị của bạn (đơn vị hành chính ngày "
			"31/12/2024).");
	hs_contains(&r, "<td>MOVED-OUT</td><td>Nhà máy MOVED-OUT</td><td></td>"
			"<td>Thành phố Rạch Giá</td>");
	hc_response_free(&r);

	hs_req(server.port, "GET", "/keyusers?year=2024&format=xlsx", rach_gia.cookie, NULL, 200,
	       &r);
	char type[16], val[256];
	const char *path = save_xlsx(&r);
	assert_true(xr_cell(path, 1, "A3", type, val, sizeof(val))); /* three key users */
	assert_non_null(strstr(val, "Số cơ sở trọng điểm: 3;"));
	assert_true(xr_cell(path, 1, "H5", type, val, sizeof(val))); /* MOVED-OUT's district */
	assert_string_equal(val, "Thành phố Rạch Giá");
	hc_response_free(&r);
}

static void
test_district_ha_tien(void **state)
{
	(void)state;
	assert_lists(&ha_tien, "HT-B,MOVED-IN");
	struct hc_response r;
	hs_req(server.port, "GET", "/api/v1/keyusers?year=2024", ha_tien.cookie, NULL, 200, &r);
	/* MOVED-IN: 2,800 t / 2 = 1,400 TOE, under Hà Tiên, its unit on 31/12/2024. */
	hs_contains(&r, "{\"facility_id\":1005,\"code\":\"MOVED-IN\",\"name\":\"Nhà máy "
			"MOVED-IN\",\"tax_code\":null,\"unit_name\":\"Thành phố Hà Tiên\","
			"\"sector_code\":\"2392\",\"toe\":1400.0,\"incomplete\":false,"
			"\"status\":\"key_user\",\"derived_only\":false,\"toe_derived\":0.0,"
			"\"missing\":[]}");
	hc_response_free(&r);
}

static void
test_province(void **state)
{
	(void)state;
	assert_lists(&province, "HT-B,MOVED-IN,MOVED-OUT,RG-A,RG-W,PQ-C");
	struct hc_response r;
	hs_req(server.port, "GET", "/keyusers?year=2024", province.cookie, NULL, 200, &r);
	hs_contains(&r, ". 6 cơ sở đạt ngưỡng.");
	hs_lacks(&r, "Chỉ gồm các cơ sở thuộc đơn vị của bạn");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_district_rach_gia),
	    cmocka_unit_test(test_district_ha_tien),
	    cmocka_unit_test(test_province),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
