/*
 * HTTP tests: build a fixture database, start the real `sxsh serve` on a free
 * loopback port, and speak HTTP to it.  Every expected count comes from the
 * fixture below and is worked out beside the assertion.
 *
 * Fixture (120 active facilities):
 *   F001..F117  "Cơ sở Xay xát NNN", key "co so xay xat NNN";
 *               sector 1061 when i%3==0, 1020 when i%3==1, 3530 when i%3==2
 *               (39 each); rach-gia when i is even (58), phu-quoc when odd (59);
 *               household when i%4==0 (29), else private; medium when i%5==0,
 *               else small.
 *   F901 "Cơ sở Nước đá Đông Hồ"       3530 ha-tien  private     small
 *   F902 "Nước mắm 100% Phú Quốc"      1020 phu-quoc household   micro
 *   F903 "Xưởng gỗ <Tân Hiệp> & Co"    1610 tan-hiep cooperative large
 * Name-key order: F901 ("co so n…"), F001..F117 ("co so x…"), F902, F903.
 * Reports of 2021 for F001..F008: cp_aware 1 for F001..F004, 0 for F005..F008.
 * F901 has the (private) tax code 1700123456, which no public page or file shows.
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
#include "xlsx_read.h"

static struct hc_server server;

/* i as three digits, in SQL both SQLite and PostgreSQL accept. */
#define PAD3 "(CASE WHEN i < 10 THEN '00' WHEN i < 100 THEN '0' ELSE '' END || i)"
static const char fixture_sql[] =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 117) "
    "INSERT INTO facility(code, name, name_key, sector_code, admin_unit_id, ownership, size) "
    "SELECT 'F' || " PAD3 ", 'Cơ sở Xay xát ' || " PAD3 ", 'co so xay xat ' || " PAD3 ", "
    "CASE i % 3 WHEN 0 THEN '1061' WHEN 1 THEN '1020' ELSE '3530' END, "
    "(SELECT id FROM admin_unit WHERE code = CASE i % 2 WHEN 0 THEN 'rach-gia' ELSE 'phu-quoc' "
    "END), "
    "CASE WHEN i % 4 = 0 THEN 'household' ELSE 'private' END, "
    "CASE WHEN i % 5 = 0 THEN 'medium' ELSE 'small' END FROM n;"
    "INSERT INTO facility(code, name, name_key, sector_code, admin_unit_id, ownership, size) "
    "VALUES ('F901', 'Cơ sở Nước đá Đông Hồ', 'co so nuoc da dong ho', '3530', "
    "(SELECT id FROM admin_unit WHERE code = 'ha-tien'), 'private', 'small'),"
    "('F902', 'Nước mắm 100% Phú Quốc', 'nuoc mam 100% phu quoc', '1020', "
    "(SELECT id FROM admin_unit WHERE code = 'phu-quoc'), 'household', 'micro'),"
    "('F903', 'Xưởng gỗ <Tân Hiệp> & Co', 'xuong go <tan hiep> & co', '1610', "
    "(SELECT id FROM admin_unit WHERE code = 'tan-hiep'), 'cooperative', 'large');"
    "INSERT INTO report(facility_id, year, status, cp_aware, cp_staff, cp_applied) "
    "SELECT id, 2021, 'accepted', CASE WHEN code <= 'F004' THEN 1 ELSE 0 END, 0, 0 "
    "FROM facility WHERE code BETWEEN 'F001' AND 'F008';"
    "UPDATE facility SET tax_code = '1700123456' WHERE code = 'F901';";

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("http.db", fixture_sql);
	db_close(db);
	hs_server_start(&server, "http.db");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (server.pid > 0)
		hc_server_stop(&server);
	return 0;
}

/* GETs target and asserts the status; the caller frees r. */
static void
get(const char *target, int status, struct hc_response *r)
{
	hs_req(server.port, "GET", target, NULL, NULL, status, r);
}

static void
assert_security_headers(const struct hc_response *r)
{
	hs_header_is(r, "Content-Security-Policy",
		     "default-src 'none'; script-src 'self'; connect-src 'self'; "
		     "style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
		     "frame-ancestors 'none'");
	hs_header_is(r, "X-Content-Type-Options", "nosniff");
	hs_header_is(r, "Referrer-Policy", "same-origin");
	hs_header_is(r, "X-Frame-Options", "DENY");
}

static int
count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void
test_dashboard(void **state)
{
	(void)state;
	struct hc_response r;
	get("/", 200, &r);
	hs_header_is(&r, "Content-Type", "text/html; charset=utf-8");
	assert_security_headers(&r);
	hs_contains(&r, "<html lang=\"vi\">");
	hs_contains(&r, "Sản xuất sạch hơn — Kế hoạch 78/KH-UBND");
	hs_contains(&r, "<svg");
	/* Pages carry no inline style or script (the CSP would block them):
	 * the one script tag loads our own module from /static/. */
	hs_lacks(&r, "style=");
	assert_int_equal(count_of(r.body, "<script"), 1);
	hs_contains(&r, "<script type=\"module\" src=\"/static/sxsh.js\"></script>");
	/* Aware in 2021: yes 4 (F001..F004) of known 8 = 50,0 %; coverage 8 of
	 * 120 active = 6,666… % → "6,7 %" with a decimal comma. */
	hs_contains(&r, "4 / 8");
	hs_contains(&r, "50,0 %");
	hs_contains(&r, "6,7 % (8 / 120)");
	hs_contains(&r, "href=\"/?lang=en\"");
	hc_response_free(&r);

	get("/?lang=en", 200, &r);
	hs_contains(&r, "<html lang=\"en\">");
	hs_contains(&r, "Cleaner production — Plan 78/KH-UBND");
	hs_contains(&r, "6.7% (8 / 120)");
	hs_contains(&r, "Tiếng Việt");
	hc_response_free(&r);
}

static void
test_head_and_methods(void **state)
{
	(void)state;
	struct hc_response r;
	assert_int_equal(hc_request(server.port, "HEAD", "/", NULL, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body_len, 0);
	hs_header_is(&r, "Content-Type", "text/html; charset=utf-8");
	hc_response_free(&r);

	assert_int_equal(hc_request(server.port, "POST", "/", NULL, "a=1", &r), 0);
	assert_int_equal(r.status, 405);
	hs_header_is(&r, "Allow", "GET, HEAD");
	assert_security_headers(&r);
	hc_response_free(&r);

	get("/nope", 404, &r);
	assert_security_headers(&r);
	hs_header_is(&r, "Content-Type", "text/html; charset=utf-8");
	hs_contains(&r, "Không tìm thấy");
	hc_response_free(&r);

	get("/nope?lang=en", 404, &r);
	hs_contains(&r, "<html lang=\"en\">");
	hs_contains(&r, "does not exist");
	hc_response_free(&r);
}

static void
test_health_and_static(void **state)
{
	(void)state;
	struct hc_response r;
	get("/healthz", 200, &r);
	hs_header_is(&r, "Content-Type", "text/plain; charset=utf-8");
	assert_string_equal(r.body, "ok");
	hc_response_free(&r);

	get("/static/sxsh.css", 200, &r);
	hs_header_is(&r, "Content-Type", "text/css; charset=utf-8");
	assert_security_headers(&r);
	char *etag = hc_header(&r, "ETag");
	assert_non_null(etag);
	hs_header_is(&r, "Cache-Control", "public, max-age=3600");
	assert_true(r.body_len > 100);
	hc_response_free(&r);

	char extra[128];
	snprintf(extra, sizeof(extra), "If-None-Match: %s\r\n", etag);
	assert_int_equal(hc_request(server.port, "GET", "/static/sxsh.css", extra, NULL, &r), 0);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.body_len, 0);
	hc_response_free(&r);
	free(etag);

	/* Scripts are served as JavaScript (nosniff would refuse a module otherwise). */
	get("/static/sxsh.js", 200, &r);
	hs_header_is(&r, "Content-Type", "text/javascript; charset=utf-8");
	hs_contains(&r, "import './js/form.js';");
	hc_response_free(&r);

	get("/static/none.css", 404, &r);
	hc_response_free(&r);
	get("/static/../meson.build", 404, &r);
	hc_response_free(&r);
}

static void
test_search(void **state)
{
	(void)state;
	struct hc_response r;
	/* Without diacritics. */
	get("/facilities?q=dong%20ho", 200, &r);
	hs_contains(&r, "Cơ sở Nước đá Đông Hồ");
	hs_contains(&r, "Tìm thấy 1 cơ sở.");
	hc_response_free(&r);
	/* With them: "đông hồ" in UTF-8, and upper case with '+' for the space. */
	get("/facilities?q=%C4%91%C3%B4ng%20h%E1%BB%93", 200, &r);
	hs_contains(&r, "Cơ sở Nước đá Đông Hồ");
	hs_contains(&r, "Tìm thấy 1 cơ sở.");
	/* The search box keeps what was typed. */
	hs_contains(&r, "value=\"đông hồ\"");
	hc_response_free(&r);
	get("/facilities?q=%C4%90%C3%94NG+H%E1%BB%92", 200, &r);
	hs_contains(&r, "Tìm thấy 1 cơ sở.");
	hc_response_free(&r);
	/* '%' matches itself only: "100%" is in F902's key; F100's key has "100"
	 * without '%', which an unescaped LIKE would also match (2). */
	get("/facilities?q=100%25", 200, &r);
	hs_contains(&r, "Tìm thấy 1 cơ sở.");
	hs_contains(&r, "Nước mắm 100% Phú Quốc");
	hc_response_free(&r);
	/* Nothing matches: the empty state. */
	get("/facilities?q=zzzz", 200, &r);
	hs_contains(&r, "Tìm thấy 0 cơ sở.");
	hs_contains(&r, "Không tìm thấy cơ sở nào phù hợp.");
	hc_response_free(&r);
	get("/facilities?q=zzzz&lang=en", 200, &r);
	hs_contains(&r, "0 facilities found.");
	hs_contains(&r, "No facility matches");
	hc_response_free(&r);
}

static void
test_filters(void **state)
{
	(void)state;
	static const struct {
		const char *target, *expect;
	} cases[] = {
	    {"/facilities", "Tìm thấy 120 cơ sở."},		 /* 117 + 3 */
	    {"/facilities?sector=1061", "Tìm thấy 39 cơ sở."},	 /* i%3==0: 3..117 */
	    {"/facilities?sector=10", "Tìm thấy 79 cơ sở."},	 /* 1061 39 + 1020 39 + F902 */
	    {"/facilities?unit=phu-quoc", "Tìm thấy 60 cơ sở."}, /* odd i 59 + F902 */
	    {"/facilities?unit=phu-quoc&ownership=household", "Tìm thấy 1 cơ sở."}, /* only F902:
							     i%4==0 means i even, not phu-quoc */
	    {"/facilities?sector=3530&size=medium", "Tìm thấy 8 cơ sở."}, /* i≡5 mod 15: 5..110 */
	    {"/facilities?ownership=cooperative", "Tìm thấy 1 cơ sở."},	  /* F903 */
	    {"/facilities?q=xay+xat&size=", "Tìm thấy 117 cơ sở."},	  /* empty filter = any */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hc_response r;
		get(cases[i].target, 200, &r);
		if (strstr(r.body, cases[i].expect) == NULL)
			fail_msg("%s: lacks \"%s\"", cases[i].target, cases[i].expect);
		hc_response_free(&r);
	}
}

static void
test_paging(void **state)
{
	(void)state;
	struct hc_response r;
	/* 120 rows, 50 a page: 3 pages.  Page 2 = positions 51..100 in key order:
	 * F901 is 1st, F001..F049 2nd..50th, so F050..F099. */
	get("/facilities?page=2", 200, &r);
	hs_contains(&r, "Trang 2/3");
	assert_int_equal(count_of(r.body, "Cơ sở Xay xát "), 50);
	hs_contains(&r, "Cơ sở Xay xát 050");
	hs_contains(&r, "Cơ sở Xay xát 099");
	hs_lacks(&r, "Cơ sở Xay xát 049");
	hs_lacks(&r, "Cơ sở Xay xát 100");
	hs_contains(&r, "href=\"/facilities?page=1\"");
	hs_contains(&r, "href=\"/facilities?page=3\"");
	hc_response_free(&r);

	/* Page 3: F100..F117 (18), F902, F903 = 20 rows; the name is escaped. */
	get("/facilities?page=3", 200, &r);
	hs_contains(&r, "Trang 3/3");
	assert_int_equal(count_of(r.body, "Cơ sở Xay xát "), 18);
	hs_contains(&r, "Xưởng gỗ &lt;Tân Hiệp&gt; &amp; Co");
	hs_lacks(&r, "<Tân Hiệp>");
	hs_lacks(&r, "rel=\"next\"");
	hc_response_free(&r);

	/* Links keep the filters and the language: 60 in phu-quoc → 2 pages. */
	get("/facilities?unit=phu-quoc&lang=en", 200, &r);
	hs_contains(&r, "Page 1/2");
	hs_contains(&r, "href=\"/facilities?unit=phu-quoc&amp;page=2&amp;lang=en\"");
	hc_response_free(&r);

	static const char *const bad[] = {
	    "/facilities?page=0",    "/facilities?page=abc",	"/facilities?page=-1",
	    "/facilities?page=2.5",  "/facilities?sector=9999", "/facilities?unit=atlantis",
	    "/facilities?size=huge", "/facilities?ownership=x", "/?lang=fr",
	    "/facilities?q=%ZZ",     "/facilities?q=%C4",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		get(bad[i], 400, &r);
		assert_security_headers(&r);
		hc_response_free(&r);
	}
	get("/facilities?page=0&lang=en", 400, &r);
	hs_contains(&r, "page parameter must be a positive integer");
	hc_response_free(&r);
}

/*
 * GETs the directory download target, asserts a workbook attachment, writes
 * it to tu_path("dir.xlsx") and returns that path (valid until the next
 * tu_path call).
 */
static const char *
get_xlsx(const char *target)
{
	struct hc_response r;
	get(target, 200, &r);
	char *ct = hc_header(&r, "Content-Type"), *cd = hc_header(&r, "Content-Disposition");
	assert_non_null(ct);
	assert_string_equal(ct,
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_non_null(cd);
	assert_string_equal(cd, "attachment; filename=\"facilities.xlsx\"");
	/* a zip: the local file header signature */
	assert_true(r.body_len > 4);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
	free(ct);
	free(cd);
	const char *path = tu_path("dir.xlsx");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r.body, 1, r.body_len, f), r.body_len);
	assert_int_equal(fclose(f), 0);
	hc_response_free(&r);
	return path;
}

/* Asserts row row of the directory sheet holds exactly the six texts want. */
static void
assert_dir_row(const char *path, int row, const char *const want[6])
{
	for (int c = 0; c < 6; c++) {
		char ref[16], type[16], val[256];
		snprintf(ref, sizeof(ref), "%c%d", 'A' + c, row);
		if (!xr_cell(path, 1, ref, type, val, sizeof(val)))
			fail_msg("cell %s absent", ref);
		assert_string_equal(type, "s");
		assert_string_equal(val, want[c]);
	}
	/* six public columns and nothing after them (no tax code, no energy) */
	char ref[16], type[16], val[256];
	snprintf(ref, sizeof(ref), "G%d", row);
	assert_false(xr_cell(path, 1, ref, type, val, sizeof(val)));
}

static void
test_xlsx_download(void **state)
{
	(void)state;
	/*
	 * Every facility, not one page: 120 rows (3 pages on screen) + the title,
	 * the source line and the header (row 3 is empty: no <row>).
	 */
	const char *path = get_xlsx("/facilities?format=xlsx");
	assert_int_equal(xr_rows(path, 1), 123);
	char type[16], val[256];
	assert_true(xr_cell(path, 1, "A1", type, val, sizeof(val)));
	assert_string_equal(val, "Danh bạ cơ sở công nghiệp");
	/* The date the server's environment fixes (main); the demo's province on it. */
	assert_true(xr_cell(path, 1, "A2", type, val, sizeof(val)));
	assert_string_equal(val,
			    "Nguồn: sxsh — Sở Công Thương tỉnh An Giang. Ngày xuất: 03/12/2026");
	static const char *const head_vi[6] = {
	    "Tên", "Mã ngành", "Ngành", "Đơn vị hành chính", "Loại hình", "Quy mô"};
	assert_dir_row(path, 4, head_vi);
	/* Key order: F901 first (row 5), F903 last (row 124), its name raw, not escaped. */
	static const char *const f901[6] = {
	    "Cơ sở Nước đá Đông Hồ",
	    "3530",
	    "Sản xuất, phân phối hơi nước, nước nóng, điều hoà không khí và sản xuất nước đá",
	    "Thành phố Hà Tiên",
	    "Tư nhân",
	    "Nhỏ"};
	assert_dir_row(path, 5, f901);
	static const char *const f903[6] = {
	    "Xưởng gỗ <Tân Hiệp> & Co", "1610",	      "Cưa, xẻ, bào gỗ và bảo quản gỗ",
	    "Huyện Tân Hiệp",		"Hợp tác xã", "Lớn"};
	assert_dir_row(path, 124, f903);
	/* F901's tax code is in no cell. */
	char *ss = xr_part(path, "xl/sharedStrings.xml");
	assert_non_null(ss);
	assert_null(strstr(ss, "1700123456"));
	free(ss);

	/* unit=phu-quoc: odd i (59) + F902 = 60 rows; F001 first, F902 last (row 64). */
	path = get_xlsx("/facilities?unit=phu-quoc&format=xlsx");
	assert_int_equal(xr_rows(path, 1), 63);
	static const char *const f001[6] = {
	    "Cơ sở Xay xát 001",
	    "1020",
	    "Chế biến, bảo quản thủy sản và các sản phẩm từ thủy sản",
	    "Thành phố Phú Quốc",
	    "Tư nhân",
	    "Nhỏ"}; /* 1%3==1, odd, 1%4!=0, 1%5!=0 */
	assert_dir_row(path, 5, f001);
	static const char *const f902[6] = {
	    "Nước mắm 100% Phú Quốc",
	    "1020",
	    "Chế biến, bảo quản thủy sản và các sản phẩm từ thủy sản",
	    "Thành phố Phú Quốc",
	    "Hộ kinh doanh",
	    "Siêu nhỏ"};
	assert_dir_row(path, 64, f902);

	/* sector=10 is a prefix: 1061 39 + 1020 39 + F902 = 79 rows, + 3. */
	path = get_xlsx("/facilities?sector=10&format=xlsx");
	assert_int_equal(xr_rows(path, 1), 82);

	/* In English: 3530 and medium is i≡5 mod 15, 5..110 = 8 rows; the first is F005
	 * (5%3==2: 3530, odd: phu-quoc, 5%4!=0: private, 5%5==0: medium). */
	path = get_xlsx("/facilities?sector=3530&size=medium&format=xlsx&lang=en");
	assert_int_equal(xr_rows(path, 1), 11);
	assert_true(xr_cell(path, 1, "A1", type, val, sizeof(val)));
	assert_string_equal(val, "Facility directory");
	assert_true(xr_cell(path, 1, "A2", type, val, sizeof(val)));
	assert_string_equal(val,
			    "Source: sxsh — Department of Industry and Trade, An Giang Province. "
			    "Exported on 03/12/2026");
	static const char *const head_en[6] = {
	    "Name", "Sector code", "Sector", "Administrative unit", "Ownership", "Size"};
	assert_dir_row(path, 4, head_en);
	static const char *const f005[6] = {
	    "Cơ sở Xay xát 005",
	    "3530",
	    "Steam, hot water and air conditioning supply; production of ice",
	    "Phu Quoc City",
	    "Private",
	    "Medium"};
	assert_dir_row(path, 5, f005);

	/* The search applies too; no match is the title rows and the header alone. */
	path = get_xlsx("/facilities?q=dong+ho&format=xlsx");
	assert_int_equal(xr_rows(path, 1), 4);
	path = get_xlsx("/facilities?q=zzzz&format=xlsx");
	assert_int_equal(xr_rows(path, 1), 3);

	/* The page links to the download with its search and filters. */
	struct hc_response r;
	get("/facilities?q=xay&unit=phu-quoc", 200, &r);
	hs_contains(&r, "href=\"/facilities?q=xay&amp;unit=phu-quoc&amp;format=xlsx\"");
	hs_contains(&r, ">Tải Excel</a>");
	hc_response_free(&r);
	get("/facilities?sector=10&lang=en", 200, &r);
	hs_contains(&r, "href=\"/facilities?sector=10&amp;format=xlsx&amp;lang=en\"");
	hs_contains(&r, ">Download Excel</a>");
	hc_response_free(&r);
	get("/facilities?format=html", 200, &r);
	hs_contains(&r, "Tìm thấy 120 cơ sở.");
	hc_response_free(&r);

	static const char *const bad[] = {"/facilities?format=pdf", "/facilities?format=XLSX",
					  "/facilities?format=xlsx&sector=9999"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		get(bad[i], 400, &r);
		assert_security_headers(&r);
		hc_response_free(&r);
	}
	get("/facilities?format=pdf&lang=en", 400, &r);
	hs_contains(&r, "The format parameter must be html or xlsx.");
	hc_response_free(&r);
}

static void
test_long_query(void **state)
{
	(void)state;
	/* 3 KiB of query string, over the 2 KiB cap. */
	char target[3200];
	strcpy(target, "/facilities?q=");
	size_t n = strlen(target);
	memset(target + n, 'a', 3072);
	target[n + 3072] = '\0';
	struct hc_response r;
	get(target, 414, &r);
	assert_security_headers(&r);
	hc_response_free(&r);
}

static void
test_sigterm_stops(void **state)
{
	(void)state;
	assert_int_equal(hc_server_stop(&server), 0);
}

int
main(void)
{
	/* The workbooks' export date, in the environment the server inherits. */
	setenv("SXSH_EXPORT_DATE", "2026-12-03", 1);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dashboard),	      cmocka_unit_test(test_head_and_methods),
	    cmocka_unit_test(test_health_and_static), cmocka_unit_test(test_search),
	    cmocka_unit_test(test_filters),	      cmocka_unit_test(test_paging),
	    cmocka_unit_test(test_xlsx_download),     cmocka_unit_test(test_long_query),
	    cmocka_unit_test(test_sigterm_stops),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
