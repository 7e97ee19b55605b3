/*
 * The dashboard's table by administrative unit across the 2025 reform.
 * From 1/7/2025 the district level is gone: a facility whose new commune is
 * not recorded counts under the province (an-giang-2025), so 2025 has a
 * single unit.  The table must then show the last year that still has
 * districts (2024) and point to the indicators page for 2025.
 *
 * Fixture: three facilities, two in Rạch Giá and one in Hà Tiên, with
 * accepted reports for 2024 and 2025.
 *   2024 by unit: Rạch Giá active 2, aware 1 of 2 known (50,0 %);
 *                 Hà Tiên active 1, aware 1 of 1 (100,0 %).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"

static struct hc_server server;

static const char fixture_sql[] =
    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, size)"
    " VALUES (1, 'R1', 'Cơ sở R1', 'co so r1', '1020',"
    " (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'),"
    " (2, 'R2', 'Cơ sở R2', 'co so r2', '1061',"
    " (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'household', 'micro'),"
    " (3, 'H1', 'Cơ sở H1', 'co so h1', '1020',"
    " (SELECT id FROM admin_unit WHERE code = 'ha-tien'), 'private', 'small');"
    "INSERT INTO report(id, facility_id, year, status, cp_aware, cp_staff, cp_applied) VALUES"
    " (1, 1, 2024, 'accepted', 1, 0, 0), (2, 2, 2024, 'accepted', 0, 0, 0),"
    " (3, 3, 2024, 'accepted', 1, 1, 0), (4, 1, 2025, 'accepted', 1, 1, 1);";

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("reform.db", fixture_sql);
	db_close(db);
	hs_server_start(&server, "reform.db");
	return 0;
}

static void
test_table_year_before_reform(void **state)
{
	(void)state;
	struct hc_response r;
	hs_req(server.port, "GET", "/", NULL, NULL, 200, &r);
	assert_non_null(strstr(r.body, "Theo đơn vị hành chính, năm 2024"));
	assert_null(strstr(r.body, "Theo đơn vị hành chính, năm 2025"));
	assert_non_null(strstr(r.body, "href=\"/indicators?year=2025&amp;by=unit\""));
	/* Rạch Giá: 2 active, aware 1/2; Hà Tiên: 1 active, aware 1/1. */
	char *rg = strstr(r.body, "Thành phố Rạch Giá</a>");
	char *ht = strstr(r.body, "Thành phố Hà Tiên</a>");
	assert_non_null(rg);
	assert_non_null(ht);
	assert_non_null(strstr(rg, "50,0 %"));
	assert_non_null(strstr(ht, "100,0 %"));
	/* The province (2025's only unit) is not a row of the 2024 table. */
	assert_null(strstr(r.body, "Tỉnh An Giang</th>"));
	hc_response_free(&r);

	hs_req(server.port, "GET", "/?lang=en", NULL, NULL, 200, &r);
	assert_non_null(strstr(r.body, "By administrative unit, 2024"));
	assert_non_null(strstr(r.body, "See 2025 by unit"));
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_year_before_reform),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
