/*
 * The campaign pages (src/web/campaigns.c) against a real `sxsh serve`:
 * who may see and open campaigns, the opening form (fields named in the
 * errors, everything typed kept), the progress page per district (a
 * district officer sees its own row), the progress download, the workbook
 * downloads with the district's own-unit rule, an enterprise's own
 * facility's workbook recording opened_at, the enterprise home's link, the
 * links to the upload, and closing a campaign.
 *
 * Fixture: CP1 and CP2 in Rạch Giá (CP1 with a submitted 2025 report),
 * CP3 in Hà Tiên; a province user, the districts of Rạch Giá and Hà Tiên,
 * the enterprise of CP1.
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
#include "util/alloc.h"
#include "wffix.h"

enum { PRO, DIS, DIS2, ENT, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];
static struct user users[NWHO];
static long long cid; /* the campaign the form opens */

#define DBNAME "campaigns.db"

static int
setup(void **state)
{
	db = fx_db_new(
	    DBNAME,
	    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "
	    "size) VALUES "
	    "(7401, 'CP1', 'Cơ sở nước đá Hòa Bình', 'co so nuoc da hoa binh', '1020', (SELECT id "
	    "FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
	    "(7402, 'CP2', 'Cơ sở xay xát Tân Hiệp', 'co so xay xat tan hiep', '1020', (SELECT id "
	    "FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
	    "(7403, 'CP3', 'Cơ sở gỗ Hà Tiên', 'co so go ha tien', '1610', (SELECT id FROM "
	    "admin_unit WHERE code = 'ha-tien'), 'private', 'medium');"
	    "INSERT INTO report(id, facility_id, year, status) VALUES (8901, 7401, 2025, "
	    "'submitted')");
	static const struct user_new u[NWHO] = {
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [DIS2] = {.email = "dis2@x.vn", .role = ROLE_DISTRICT, .unit_code = "ha-tien"},
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7401},
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
get_status(int who, const char *target, int status)
{
	struct hc_response r;
	req(who, "GET", target, NULL, status, &r);
	hc_response_free(&r);
}

static void
test_open_form(void **state)
{
	(void)state;
	struct hc_response r;
	/* Enterprises and the public have no campaigns page. */
	get_status(ENT, "/campaigns", 403);
	req(PRO, "GET", "/campaigns", NULL, 200, &r);
	hs_contains(&r, "<h1>Đợt khảo sát</h1>");
	hs_contains(&r, "Chưa có đợt khảo sát nào.");
	hs_contains(&r, "<legend>Huyện, thành phố (không chọn: toàn tỉnh)</legend>");
	hs_contains(&r, "value=\"rach-gia\"");
	hc_response_free(&r);
	/* A district officer sees the list but no form, and may not post one. */
	req(DIS, "GET", "/campaigns", NULL, 200, &r);
	hs_lacks(&r, "Mở đợt khảo sát mới");
	hc_response_free(&r);
	req(DIS, "POST", "/campaigns", "year=2025&kind=report&deadline=31%2F03%2F2026", 403, &r);
	hc_response_free(&r);

	/* Wrong fields: each named, everything typed kept, nothing opened. */
	req(PRO, "POST", "/campaigns",
	    "year=20x5&kind=report&deadline=31%2F02%2F2026&title=Th%E1%BB%AD&units=rach-gia&size="
	    "small",
	    400, &r);
	hs_contains(&r, "data-field=\"year\">năm phải là số nguyên</span>");
	hs_contains(&r, "data-field=\"deadline\">hạn nộp phải là một ngày dạng ngày/tháng/năm, ví "
			"dụ 31/03/2026</span>");
	hs_contains(&r, "value=\"20x5\"");
	hs_contains(&r, "value=\"31/02/2026\"");
	hs_contains(&r, "value=\"Thử\"");
	hs_contains(&r, "value=\"rach-gia\" checked=\"checked\"");
	hs_contains(&r, "<option value=\"small\" selected=\"selected\">Nhỏ</option>");
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM campaign"), 0);

	/* The same in English. */
	req(PRO, "POST", "/campaigns?lang=en", "year=2025&kind=report&deadline=2026-02-31", 400,
	    &r);
	hs_contains(&r, "deadline must be a date written day/month/year (31/03/2026) or "
			"year-month-day (2026-03-31), got &#39;2026-02-31&#39;");
	hc_response_free(&r);

	/* Rạch Giá and Hà Tiên, typed as a clerk does: 303 to the campaign's page. */
	req(PRO, "POST", "/campaigns",
	    "year=2025&kind=report&deadline=31%2F03%2F2026&title=&units=rach-gia&units=ha-tien",
	    303, &r);
	cid = wfx_int(DBNAME, "SELECT max(id) FROM campaign");
	char *loc = hc_header(&r, "Location");
	char want[64];
	snprintf(want, sizeof(want), "/campaigns/%lld?done=opened", cid);
	assert_string_equal(loc, want);
	free(loc);
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM campaign_facility"), 3);
}

static void
test_progress(void **state)
{
	(void)state;
	struct hc_response r;
	char target[128], s[512];
	snprintf(target, sizeof(target), "/campaigns/%lld?done=opened", cid);
	req(PRO, "GET", target, NULL, 200, &r);
	snprintf(s, sizeof(s), "Đã mở đợt khảo sát số %lld cho 3 cơ sở", cid);
	hs_contains(&r, s);
	hs_contains(&r, "<h1>Khảo sát báo cáo năng lượng năm 2025</h1>");
	hs_contains(&r, "<td>31/03/2026</td>");
	/*
	 * Hà Tiên: CP3, nothing yet: 1 invited, 0 opened.  Rạch Giá: CP1
	 * submitted (opened, submitted), CP2 nothing: 2, 1, 0, 1, 0.  Total:
	 * 3, 1, 0, 1, 0.  Units by code: ha-tien before rach-gia.
	 */
	hs_contains(&r, "<th scope=\"row\">Thành phố Hà Tiên</th><td class=\"num\">1</td><td "
			"class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td><td "
			"class=\"num\">0</td>");
	hs_contains(&r, "<th scope=\"row\">Thành phố Rạch Giá</th><td class=\"num\">2</td><td "
			"class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td><td "
			"class=\"num\">0</td>");
	hs_contains(&r, "<th scope=\"row\">Tổng cộng</th><td class=\"num\">3</td><td "
			"class=\"num\">1</td><td class=\"num\">0</td><td class=\"num\">1</td><td "
			"class=\"num\">0</td><td></td>");
	snprintf(s, sizeof(s),
		 "href=\"/campaigns/%lld/workbook?unit=rach-gia\">Tải sổ Thành phố "
		 "Rạch Giá</a>",
		 cid);
	hs_contains(&r, s);
	hs_contains(&r, "Tải Excel tiến độ");
	hc_response_free(&r);

	/* A district officer: its own row, and the total of it. */
	snprintf(target, sizeof(target), "/campaigns/%lld", cid);
	req(DIS, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<th scope=\"row\">Thành phố Rạch Giá</th>");
	hs_lacks(&r, "<th scope=\"row\">Thành phố Hà Tiên</th>");
	hs_contains(&r, "<th scope=\"row\">Tổng cộng</th><td class=\"num\">2</td>");
	hc_response_free(&r);
	get_status(ENT, target, 403);
	get_status(PRO, "/campaigns/99999", 404);

	/* English. */
	snprintf(target, sizeof(target), "/campaigns/%lld?lang=en", cid);
	req(PRO, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<h2>Progress by district</h2>");
	hs_contains(&r, "Ha Tien City");
	hc_response_free(&r);

	/* The progress as a workbook. */
	snprintf(target, sizeof(target), "/campaigns/%lld?format=xlsx", cid);
	req(PRO, "GET", target, NULL, 200, &r);
	hs_header_is(&r, "Content-Type",
		     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_true(r.body_len > 2 && memcmp(r.body, "PK", 2) == 0);
	hc_response_free(&r);
}

static void
test_workbooks(void **state)
{
	(void)state;
	struct hc_response r;
	char target[128];
	/* Province staff: any district. */
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook?unit=ha-tien", cid);
	req(PRO, "GET", target, NULL, 200, &r);
	hs_header_is(&r, "Content-Type",
		     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	char want[128];
	snprintf(want, sizeof(want), "attachment; filename=\"khao-sat-%lld-ha-tien.xlsx\"", cid);
	hs_header_is(&r, "Content-Disposition", want);
	assert_true(r.body_len > 1000 && memcmp(r.body, "PK", 2) == 0);
	hc_response_free(&r);
	/* A district officer: its own unit only; another is 404, as is one not in it. */
	get_status(DIS2, target, 200);
	get_status(DIS, target, 404);
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook?unit=rach-gia", cid);
	get_status(DIS, target, 200);
	get_status(DIS2, target, 404);
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook?unit=phu-quoc", cid);
	get_status(PRO, target, 404);
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook", cid);
	get_status(PRO, target, 400);
	/* Staff downloads record no opening. */
	assert_int_equal(wfx_int(DBNAME, "SELECT count(opened_at) FROM campaign_facility"), 0);

	/* The enterprise: no district workbook, not another facility's, its own. */
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook?unit=rach-gia", cid);
	get_status(ENT, target, 404);
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook?facility=CP2", cid);
	get_status(ENT, target, 404);
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook?facility=CP1", cid);
	get_status(ENT, target, 200);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(opened_at) FROM campaign_facility"), 1);
	assert_true(wfx_int(DBNAME, "SELECT opened_at FROM campaign_facility WHERE facility_id = "
				    "7401") > 1700000000);
}

static void
test_home_link(void **state)
{
	(void)state;
	struct hc_response r;
	req(ENT, "GET", "/my", NULL, 200, &r);
	char s[256];
	snprintf(s, sizeof(s),
		 "<a href=\"/campaigns/%lld/workbook?facility=CP1\">Tải sổ khảo sát (Excel)</a>",
		 cid);
	hs_contains(&r, s);
	hc_response_free(&r);
}

/* The way to the upload, from the campaign's page and the enterprise home. */
static void
test_upload_links(void **state)
{
	(void)state;
	struct hc_response r;
	char target[128];
	snprintf(target, sizeof(target), "/campaigns/%lld", cid);
	req(PRO, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<a href=\"/workbooks/upload\">Nộp sổ đã điền (tải lên)</a>");
	hc_response_free(&r);
	req(DIS, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<a href=\"/workbooks/upload\">Nộp sổ đã điền (tải lên)</a>");
	/* a district officer may not close it: no form */
	hs_lacks(&r, "/close\"");
	hc_response_free(&r);
	req(ENT, "GET", "/my", NULL, 200, &r);
	char s[320];
	snprintf(
	    s, sizeof(s),
	    "<div class=\"campaign-links\"><p class=\"campaign-link\"><a "
	    "href=\"/campaigns/%lld/workbook?facility=CP1\">Tải sổ khảo sát (Excel)</a></p><p><a "
	    "href=\"/workbooks/upload\">Nộp sổ đã điền (tải lên)</a></p></div>",
	    cid);
	hs_contains(&r, s);
	hc_response_free(&r);
}

/*
 * Closing: district staff refused by the router, the confirm box required
 * (400, still open), then closed (303 to the page saying so), audited
 * once; afterwards no form, no link on the enterprise home, no workbook
 * for the enterprise, the district workbook still there for staff, and a
 * second close changes nothing.
 */
static void
test_close(void **state)
{
	(void)state;
	struct hc_response r;
	char target[128], s[256];
	snprintf(target, sizeof(target), "/campaigns/%lld/close", cid);
	req(DIS, "POST", target, "", 403, &r);
	hc_response_free(&r);
	snprintf(s, sizeof(s), "/campaigns/%lld", cid);
	req(PRO, "GET", s, NULL, 200, &r);
	hs_contains(&r, "<td>Đang mở</td>");
	snprintf(s, sizeof(s), "action=\"/campaigns/%lld/close\"", cid);
	hs_contains(&r, s);
	hs_contains(&r, "<button type=\"submit\">Đóng đợt khảo sát</button>");
	hc_response_free(&r);
	req(PRO, "POST", target, "", 400, &r);
	hs_contains(&r, "Hãy đánh dấu ô xác nhận đóng đợt khảo sát rồi bấm lại nút Đóng.");
	hc_response_free(&r);
	snprintf(s, sizeof(s), "SELECT count(*) FROM campaign WHERE id = %lld AND state = 'open'",
		 cid);
	assert_int_equal(wfx_int(DBNAME, s), 1);

	req(PRO, "POST", target, "confirm=1", 303, &r);
	char *loc = hc_header(&r, "Location");
	snprintf(s, sizeof(s), "/campaigns/%lld?done=closed", cid);
	assert_string_equal(loc, s);
	free(loc);
	hc_response_free(&r);
	snprintf(s, sizeof(s), "SELECT count(*) FROM campaign WHERE id = %lld AND state = 'closed'",
		 cid);
	assert_int_equal(wfx_int(DBNAME, s), 1);
	snprintf(s, sizeof(s),
		 "SELECT count(*) FROM audit WHERE action = 'campaign.close' AND entity_id = "
		 "'%lld' AND actor = 'pro@x.vn'",
		 cid);
	assert_int_equal(wfx_int(DBNAME, s), 1);

	snprintf(target, sizeof(target), "/campaigns/%lld?done=closed", cid);
	req(PRO, "GET", target, NULL, 200, &r);
	snprintf(s, sizeof(s), "Đã đóng đợt khảo sát số %lld.", cid);
	hs_contains(&r, s);
	hs_contains(&r, "<td>Đã đóng</td>");
	hs_lacks(&r, "<button type=\"submit\">Đóng đợt khảo sát</button>");
	hc_response_free(&r);
	req(PRO, "GET", "/campaigns", NULL, 200, &r);
	hs_contains(&r, "<td>Đã đóng</td>");
	hc_response_free(&r);

	/* The enterprise: no link, no workbook; staff keep the district's. */
	req(ENT, "GET", "/my", NULL, 200, &r);
	hs_lacks(&r, "Tải sổ khảo sát (Excel)");
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook?facility=CP1", cid);
	get_status(ENT, target, 404);
	get_status(PRO, target, 200);
	snprintf(target, sizeof(target), "/campaigns/%lld/workbook?unit=rach-gia", cid);
	get_status(DIS, target, 200);

	/* Closed already: back to the page, nothing written again. */
	snprintf(target, sizeof(target), "/campaigns/%lld/close", cid);
	req(PRO, "POST", target, "confirm=1", 303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM audit WHERE action = "
					 "'campaign.close'"),
			 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_open_form),	 cmocka_unit_test(test_progress),
	    cmocka_unit_test(test_workbooks),	 cmocka_unit_test(test_home_link),
	    cmocka_unit_test(test_upload_links), cmocka_unit_test(test_close),
	};
	return cmocka_run_group_tests_name("campaign pages", tests, setup, hs_teardown);
}
