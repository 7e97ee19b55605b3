/*
 * HTTP tests of the page frame and the dashboard for phones, keyboards and
 * print: the skip link to <main>, the named navigation, tables in
 * focusable scroll boxes (web_scroll_open), the dashboard's as-of line and
 * its charts drawn for a phone's width.  The fixture is a hand-made
 * province of three facilities in two units reporting for 2024; every
 * figure asserted is worked out in the comments.  The layout in a browser
 * (overflow, axe-core, print) is tests/browser/pages.mjs.
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

/*
 * L1 and L2 in Rạch Giá, L3 in Hà Tiên, all reporting for 2024.  Aware:
 * L1 yes, L2 yes, L3 no: 2 of 3 active = 66,7 % of all.
 */
static const char fixture_sql[] =
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " VALUES (801, 'L1', 'Cơ sở Một', 'co so mot', '1020',"
    " (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'),"
    " (802, 'L2', 'Cơ sở Hai', 'co so hai', '1020',"
    " (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'),"
    " (803, 'L3', 'Cơ sở Ba', 'co so ba', '1020',"
    " (SELECT id FROM admin_unit WHERE code = 'ha-tien'), 'private', 'small');"
    "INSERT INTO report(id, facility_id, year, status, cp_aware, cp_staff, cp_applied) VALUES"
    " (1, 801, 2024, 'accepted', 1, 0, 0), (2, 802, 2024, 'accepted', 1, 0, 0),"
    " (3, 803, 2024, 'accepted', 0, 0, 0);";

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("look.db", fixture_sql);
	db_close(db);
	hs_server_start(&server, "look.db");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	return hc_server_stop(&server) == 0 ? 0 : -1;
}

static void
get(const char *target, struct hc_response *r)
{
	hs_req(server.port, "GET", target, NULL, NULL, 200, r);
}

/* Occurrences of needle in hay. */
static int
count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p != NULL; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* The skip link comes before every other link and leads to <main id="main">. */
static void
test_frame(void **state)
{
	(void)state;
	struct hc_response r;
	get("/login", &r);
	const char *skip = strstr(r.body, "<a class=\"skip\" href=\"#main\">Bỏ qua điều hướng</a>");
	assert_non_null(skip);
	assert_ptr_equal(strstr(r.body, "<a "), skip);
	hs_contains(&r, "<main class=\"wrap\" id=\"main\" tabindex=\"-1\">");
	hs_contains(&r, "<nav aria-label=\"Điều hướng chính\">");
	assert_int_equal(count(r.body, "<script"), 1);
	assert_int_equal(count(r.body, "id=\"main\""), 1);
	hc_response_free(&r);

	get("/login?lang=en", &r);
	hs_contains(&r, "<a class=\"skip\" href=\"#main\">Skip to content</a>");
	hs_contains(&r, "<nav aria-label=\"Main navigation\">");
	hc_response_free(&r);
}

/* Today in Vietnam (UTC+7, no daylight saving) as dd/mm/yyyy. */
static void
today_vn(char *out, size_t n)
{
	time_t t = time(NULL) + 7 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	snprintf(out, n, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
}

static void
test_dashboard(void **state)
{
	(void)state;
	char today[48], want[160];
	struct hc_response r;
	get("/", &r);
	/* The as-of line under the heading, for print too. */
	today_vn(today, sizeof(today));
	snprintf(want, sizeof(want), "</h1><p class=\"as-of\">Số liệu tính đến %s</p>", today);
	hs_contains(&r, want);
	/* Charts 320 units wide, titled by the h2 above them, not inside. */
	hs_contains(&r, "viewBox=\"0 0 320 ");
	hs_lacks(&r, "class=\"title\"");
	/*
	 * Aware in 2024: 2 of 3 = 66,7 %; its bar 66.666.. * 1.56 = 104.0 long
	 * (104.0000 exactly to one decimal), its label 44 + 104 + 4 = 152.0.
	 */
	hs_contains(&r, "width=\"104.0\" height=\"12\"");
	hs_contains(&r, "<text class=\"value\" x=\"152.0\"");
	hs_contains(&r, ">66,7 %</text>");
	/* The table by unit in a box of its own the keyboard can scroll. */
	hs_contains(&r, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
			"aria-label=\"Bảng theo đơn vị hành chính\"><table class=\"list units\">");
	hc_response_free(&r);

	get("/?lang=en", &r);
	snprintf(want, sizeof(want), "<p class=\"as-of\">Figures as of %s</p>", today);
	hs_contains(&r, want);
	hs_contains(&r, "aria-label=\"Table by administrative unit\"");
	hc_response_free(&r);
}

static void
test_indicators_scroll(void **state)
{
	(void)state;
	struct hc_response r;
	get("/indicators", &r);
	hs_contains(&r, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
			"aria-label=\"Bảng chỉ tiêu\"><table class=\"list indicators\">");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_frame),
	    cmocka_unit_test(test_dashboard),
	    cmocka_unit_test(test_indicators_scroll),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
