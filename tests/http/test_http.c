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
#include "http_session.h"
#include "testutil.h"

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
    "FROM facility WHERE code BETWEEN 'F001' AND 'F008';";

static int
setup(void **state)
{
	(void)state;
	struct db *db = hs_db_new("http.db", fixture_sql);
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
		     "default-src 'none'; style-src 'self'; img-src 'self' data:; "
		     "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
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
	/* Pages carry no inline style or script (the CSP would block them). */
	hs_lacks(&r, "style=");
	hs_lacks(&r, "<script");
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
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_dashboard),	      cmocka_unit_test(test_head_and_methods),
	    cmocka_unit_test(test_health_and_static), cmocka_unit_test(test_search),
	    cmocka_unit_test(test_filters),	      cmocka_unit_test(test_paging),
	    cmocka_unit_test(test_long_query),	      cmocka_unit_test(test_sigterm_stops),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
