/*
 * HTTP tests of the reviewer's desk (src/web/review.c) against a real
 * `sxsh serve`: a report shown with names instead of codes, its months,
 * water and materials, each line against the facility's accepted report of
 * the year before and each product's SEC against its peers'; a return
 * with a note and a resubmission with one changed and one added line, the
 * changes listed old -> new; the note history with who and when in
 * Vietnam's time; the queue filtered by unit, sector and facility by name;
 * the print-only letterhead and signature block.  And rvw_diff and
 * rvw_change_pct on hand-made documents.
 *
 * The figures, worked by hand (electricity 0.0001543 TOE and 0.0036 GJ per
 * kWh; frozen_seafood has no norm, so SEC is in GJ per tonne):
 *   F1 2024 (accepted, imported): 8 t; 3000 kWh -> 10.8 GJ, SEC 1.35 GJ/t,
 *     0.4629 TOE; tap water 100 m3; salt 2 t.
 *   F2 2024 (accepted, imported): 10 t; 5000 kWh -> 18 GJ, SEC 1.8 GJ/t.
 *   F1 2025, first submission: 10 t; January 2000 kWh, February 2000 kWh;
 *     salt 2.5 t.  Returned ("Thiếu nước").  Resubmitted: February 2500
 *     kWh (changed), tap water 160 m3 (added).
 *   Then: output (10 - 8) / 8 = +25.0 %; electricity 4500 kWh against
 *     3000: +50.0 %, exactly the limit, not flagged; water (160 - 100) /
 *     100 = +60.0 %, flagged; salt (2.5 - 2) / 2 = +25.0 %; TOE 4500 x
 *     0.0001543 = 0.69435 -> "0,69" against "0,46"; SEC 4500 x 0.0036 / 10
 *     = 1.62 GJ/t against 1.35: +20.0 %; peers: nobody accepted 2025 yet,
 *     so 2024's: F1 1.35 and F2 1.8 -> "1,350–1,800" (4 significant
 *     digits), 2 facilities.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "model/reporting/review.h"
#include "testutil.h"
#include "util/arena.h"
#include "wffix.h"

enum { ENT, DIS, PRO, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];

#define DBN  "rvd.db"
#define FORM "/facilities/7201/report/2025"

static int
setup(void **state)
{
	db = fx_db_new(DBN,
		       "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, "
		       "admin_unit_id, address, ownership, size) VALUES "
		       "(7201, 'RV-1', '1700000001', 'Cơ sở Thủy sản Đông Hải', "
		       "'co so thuy san dong hai', '1020', (SELECT id FROM admin_unit WHERE code = "
		       "'rach-gia'), '12 Đường Biển, Rạch Giá', 'private', 'small'), "
		       "(7202, 'RV-2', NULL, 'Cơ sở Hải Sản Nam', 'co so hai san nam', '1020', "
		       "(SELECT id FROM admin_unit WHERE code = 'ha-tien'), NULL, 'private', "
		       "'small')");
	fx_import(db, CSVIO_REPORTS, "rvd.csv",
		  FX_RH "RV-1,2024,accepted,1,0,0,0,output,,frozen_seafood,,8,t,\n"
			"RV-1,2024,accepted,1,0,0,0,energy,electricity,,,3000,kWh,\n"
			"RV-1,2024,accepted,1,0,0,0,water,tap,,,100,m3,\n"
			"RV-1,2024,accepted,1,0,0,0,material,Muối,,,2,t,\n"
			"RV-2,2024,accepted,1,0,0,0,output,,frozen_seafood,,10,t,\n"
			"RV-2,2024,accepted,1,0,0,0,energy,electricity,,,5000,kWh,\n");
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ent@rv.vn", .role = ROLE_ENTERPRISE, .facility_id = 7201},
	    [DIS] = {.email = "dis@rv.vn",
		     .name = "Trần Huyện",
		     .role = ROLE_DISTRICT,
		     .unit_code = "rach-gia"},
	    [PRO] = {.email = "pro@rv.vn", .name = "Lê Sở", .role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, DBN);
	return 0;
}

static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

static void
version_of(const struct hc_response *r, char *out, size_t n)
{
	const char *p = strstr(r->body, "name=\"version\" value=\"");
	if (p == NULL)
		fail_msg("no version field");
	p += strlen("name=\"version\" value=\"");
	snprintf(out, n, "%.*s", (int)strspn(p, "0123456789"), p);
}

/* dd/mm/yyyy HH:MM of Unix time t in UTC+7, worked with gmtime on t + 7 h. */
static void
vn_time(long long t, char *out, size_t n)
{
	time_t s = (time_t)(t + 7 * 3600);
	struct tm tm;
	gmtime_r(&s, &tm);
	snprintf(out, n, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900,
		 tm.tm_hour, tm.tm_min);
}

#define BASE                                                                                       \
	"cp_aware=1&cp_staff=1&cp_unit=0&cp_applied=0&n_output=1&output%5B0%5D.product="           \
	"frozen_seafood&output%5B0%5D.quantity=10&output%5B0%5D.unit=t&n_energy=2&"                \
	"energy%5B0%5D.carrier=electricity&energy%5B0%5D.unit=kWh&energy%5B0%5D.month=1&"          \
	"energy%5B0%5D.quantity=2000&energy%5B1%5D.carrier=electricity&energy%5B1%5D.unit=kWh&"    \
	"energy%5B1%5D.month=2&n_material=1&material%5B0%5D.name=Mu%E1%BB%91i&"                    \
	"material%5B0%5D.quantity=2%2C5&material%5B0%5D.unit=t"

static long long
report_id(void)
{
	return wfx_int(DBN, "SELECT id FROM report WHERE facility_id = 7201 AND year = 2025");
}

static void
act(int who, long long id, const char *action, const char *note)
{
	struct hc_response r;
	char target[64], v[32], body[512];
	snprintf(target, sizeof(target), "/reports/%lld", id);
	req(who, "GET", target, NULL, 200, &r);
	version_of(&r, v, sizeof(v));
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/reports/%lld/action", id);
	snprintf(body, sizeof(body), "version=%s&action=%s&note=%s", v, action, note);
	req(who, "POST", target, body, 303, &r);
	hc_response_free(&r);
}

static void
test_desk(void **state)
{
	(void)state;
	struct hc_response r;
	char target[64], when[4][64];

	req(ENT, "POST", FORM, BASE "&energy%5B1%5D.quantity=2000&op=submit", 303, &r);
	hc_response_free(&r);
	long long id = report_id();
	assert_true(id > 0);
	snprintf(target, sizeof(target), "/reports/%lld", id);

	/* First submission: names, months, the comparison; nothing resubmitted yet. */
	req(DIS, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<td>Thủy sản đông lạnh khác</td><td class=\"num\">10,00</td>"
			"<td>tấn</td><td class=\"num\">8,00</td><td class=\"num\">+25,0 %</td>");
	hs_contains(&r, "<td>Điện</td><td>T1</td><td class=\"num\">2.000,00</td>"
			"<td>kilôoát giờ</td><td>cả cơ sở</td>");
	hs_contains(&r, "<td>Điện</td><td>T2</td>");
	/* 4000 kWh against 3000: +33,3 %. */
	hs_contains(&r, "<td class=\"num\">+33,3 %</td>");
	hs_contains(&r, "<td>Muối</td><td class=\"num\">2,50</td><td>tấn</td>"
			"<td class=\"num\">2,00</td><td class=\"num\">+25,0 %</td>");
	hs_contains(&r, "Không khai nước.");
	hs_contains(&r, "<th scope=\"row\">Mã số thuế</th><td>1700000001</td>");
	hs_contains(&r, "<th scope=\"row\">Địa chỉ</th><td>12 Đường Biển, Rạch Giá</td>");
	hs_lacks(&r, "Thay đổi so với lần nộp trước");
	hs_lacks(&r, ">electricity<");
	hs_lacks(&r, ">frozen_seafood<");
	hc_response_free(&r);

	act(DIS, id, "return", "Thi%E1%BA%BFu+n%C6%B0%E1%BB%9Bc");
	req(ENT, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<blockquote class=\"review-note\">Lý do trả lại: Thiếu nước</blockquote>");
	hs_lacks(&r, "Thay đổi so với lần nộp trước"); /* returned, nothing edited yet */
	hc_response_free(&r);

	/* Resubmitted with February changed and water added. */
	char body[2048], v[32];
	req(ENT, "GET", FORM, NULL, 200, &r);
	version_of(&r, v, sizeof(v));
	hc_response_free(&r);
	snprintf(body, sizeof(body),
		 "version=%s&%s&energy%%5B1%%5D.quantity=2500&n_water=1&water%%5B0%%5D.source=tap&"
		 "water%%5B0%%5D.quantity_m3=160&op=submit",
		 v, BASE);
	req(ENT, "POST", FORM, body, 303, &r);
	hc_response_free(&r);

	req(DIS, "GET", target, NULL, 200, &r);
	/* The changes, old -> new, and the changed lines marked where they stand. */
	hs_contains(&r, "<tr class=\"chg-changed\"><td>Năng lượng</td><td>Điện, T2</td>"
			"<td>sửa</td><td>2.000,00 kilôoát giờ</td><td>2.500,00 kilôoát giờ</td>"
			"</tr>");
	hs_contains(&r, "<tr class=\"chg-added\"><td>Nước</td><td>Nước máy</td><td>thêm</td>"
			"<td>—</td><td>160,00 m³</td></tr>");
	hs_contains(&r, "<tr class=\"chg-row\"><td>Điện <mark class=\"chg changed\">đã sửa</mark>"
			"</td><td>T2</td>");
	hs_contains(&r, "<td>Điện</td><td>T1</td>"); /* unchanged: not marked */
	hs_lacks(&r, "<td>Thủy sản đông lạnh khác <mark");
	/* Water +60,0 % flagged; electricity +50,0 % is the limit, not beyond it. */
	hs_contains(&r, "<td>Nước máy <mark class=\"chg added\">mới</mark></td>"
			"<td class=\"num\">160,00</td><td class=\"num\">100,00</td>"
			"<td class=\"num flag\"><strong>+60,0 %</strong> (cần xem)</td>");
	hs_contains(&r, "<td>Điện</td><td class=\"num\">4.500,00 kilôoát giờ</td>"
			"<td class=\"num\">3.000,00 kilôoát giờ</td><td class=\"num\">+50,0 %</td>"
			"<td class=\"num\">0,69</td>");
	hs_contains(&r, "<td class=\"num\">0,69</td><td class=\"num\">0,46</td>");
	/* SEC 1,620 against 1,350 (+20,0 %), peers of 2024 1,350–1,800. */
	hs_contains(&r, "<td>Thủy sản đông lạnh khác</td><td class=\"num\">1,620 GJ/tấn</td>"
			"<td class=\"num\">1,350 GJ/tấn</td><td class=\"num\">+20,0 %</td>"
			"<td class=\"peers\">1,350–1,800 GJ/tấn (2 cơ sở, năm 2024)</td>"
			"<td>không có</td>");
	hc_response_free(&r);

	act(DIS, id, "forward", "");
	act(PRO, id, "accept", "%C4%90%E1%BA%A1t");

	/* The history, oldest first, with names and Vietnam's time; the old note no longer current.
	 */
	long long at[4];
	static const char *const q[4] = {
	    "SELECT at FROM doc_event WHERE action = 'submit' ORDER BY id LIMIT 1",
	    "SELECT at FROM doc_event WHERE action = 'return'",
	    "SELECT at FROM doc_event WHERE action = 'submit' ORDER BY id DESC LIMIT 1",
	    "SELECT at FROM doc_event WHERE action = 'accept'"};
	for (int i = 0; i < 4; i++) {
		at[i] = wfx_int(DBN, q[i]);
		vn_time(at[i], when[i], sizeof(when[i]));
	}
	req(PRO, "GET", target, NULL, 200, &r);
	char want[512];
	snprintf(want, sizeof(want),
		 "<tr><td>%s</td><td>ent@rv.vn</td><td>Nộp</td><td>—</td></tr>"
		 "<tr><td>%s</td><td>Trần Huyện</td><td>Trả lại</td><td>Thiếu nước</td></tr>"
		 "<tr><td>%s</td><td>ent@rv.vn</td><td>Nộp</td><td>—</td></tr>",
		 when[0], when[1], when[2]);
	hs_contains(&r, want);
	snprintf(want, sizeof(want), "<td>%s</td><td>Lê Sở</td><td>Chấp nhận</td><td>Đạt</td>",
		 when[3]);
	hs_contains(&r, want);
	hs_lacks(&r, "Lý do trả lại");
	/* Print: letterhead, print date, signatures and the acceptance, forms apart. */
	hs_contains(&r, "<p class=\"lh-issuer\">UBND tỉnh Kiên Giang</p>"
			"<p class=\"lh-dept\">Sở Công Thương</p>");
	hs_contains(&r, "<p class=\"print-only print-date\">In ngày ");
	hs_contains(&r, "<p class=\"sig-role\">Người lập biểu</p>");
	hs_contains(&r, "<p class=\"sig-role\">Thủ trưởng đơn vị</p>");
	snprintf(want, sizeof(want), "<p class=\"accepted-by\">Đã chấp nhận: Lê Sở, %s</p>",
		 when[3]);
	hs_contains(&r, want);
	hs_contains(&r, "<div class=\"no-print\">");
	hc_response_free(&r);

	/* English: names and months in English. */
	snprintf(want, sizeof(want), "%s?lang=en", target);
	req(PRO, "GET", want, NULL, 200, &r);
	hs_contains(&r, "<td>Electricity</td><td>Jan</td>");
	hs_contains(&r,
		    "<td>Electricity <mark class=\"chg changed\">changed</mark></td><td>Feb</td>");
	hs_contains(&r, "<td>Other frozen seafood</td>");
	hc_response_free(&r);
}

static void
test_queue(void **state)
{
	(void)state;
	struct hc_response r;
	/* Units and sectors by name; the default says what it means. */
	req(PRO, "GET", "/review?status=all", NULL, 200, &r);
	hs_contains(&r, "<option value=\"\">Chờ tôi xử lý</option>"
			"<option value=\"all\" selected=\"selected\">Tất cả trạng thái</option>");
	hs_contains(&r, "<option value=\"rach-gia\">Thành phố Rạch Giá (đến 30/06/2025)</option>");
	hs_contains(&r, "<option value=\"10\">Sản xuất, chế biến thực phẩm</option>");
	hs_contains(&r, "Cơ sở Thủy sản Đông Hải");
	hs_contains(&r, "Cơ sở Hải Sản Nam");
	hc_response_free(&r);
	/* By unit: Hà Tiên holds only RV-2. */
	req(PRO, "GET", "/review?status=all&unit=ha-tien", NULL, 200, &r);
	hs_contains(&r, "Cơ sở Hải Sản Nam");
	hs_lacks(&r, "Cơ sở Thủy sản Đông Hải");
	hc_response_free(&r);
	/* By facility name without diacritics, by code in lower case, by tax code. */
	static const char *const find1[] = {"/review?status=all&facility=thuy+san+dong",
					    "/review?status=all&facility=rv-1",
					    "/review?status=all&facility=1700000001"};
	for (int i = 0; i < 3; i++) {
		req(PRO, "GET", find1[i], NULL, 200, &r);
		hs_contains(&r, "Cơ sở Thủy sản Đông Hải");
		hs_lacks(&r, "Cơ sở Hải Sản Nam");
		hs_contains(&r, "Số hồ sơ: 2"); /* its 2024 and 2025 reports */
		hc_response_free(&r);
	}
	/* The sector's name in the list, not its code. */
	req(PRO, "GET", "/review?status=all&facility=rv-2", NULL, 200, &r);
	hs_contains(&r, "<td>Chế biến, bảo quản thủy sản và các sản phẩm từ thủy sản</td>");
	hc_response_free(&r);
	req(PRO, "GET", "/review?unit=no-such", NULL, 400, &r);
	hs_contains(&r, "Không có đơn vị hành chính này.");
	hc_response_free(&r);
	/* A bad year: 400, the message names the field, what was typed is kept. */
	req(PRO, "GET", "/review?year=20255&facility=dong+hai", NULL, 400, &r);
	hs_contains(&r, "Năm phải là một năm từ 1990 đến 2100, ví dụ 2025.");
	hs_contains(&r, "name=\"year\" inputmode=\"numeric\" size=\"6\" value=\"20255\"");
	hs_contains(&r, "value=\"dong hai\"");
	hs_lacks(&r, "Cơ sở Thủy sản Đông Hải"); /* no list under a wrong filter */
	hc_response_free(&r);
}

/*
 * A registration returned and resubmitted: the planned saving 5 % -> 7 %
 * listed, the measures unchanged; the letterhead and history as a report's.
 */
static void
test_registration(void **state)
{
	(void)state;
	struct hc_response r;
	char target[64], v[32], body[256];
	req(ENT, "POST", "/facilities/7201/registration/2025",
	    "apply_cp=1&planned_saving_pct=5&measures=LED&op=submit", 303, &r);
	hc_response_free(&r);
	long long id = wfx_int(DBN, "SELECT id FROM registration WHERE facility_id = 7201");
	snprintf(target, sizeof(target), "/registrations/%lld", id);
	req(DIS, "GET", target, NULL, 200, &r);
	version_of(&r, v, sizeof(v));
	hs_lacks(&r, "Thay đổi so với lần nộp trước");
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/registrations/%lld/action", id);
	snprintf(body, sizeof(body), "version=%s&action=return&note=T%%C4%%83ng", v);
	req(DIS, "POST", target, body, 303, &r);
	hc_response_free(&r);
	/* Saved but not resubmitted: the change against the last submission, 5 -> 6. */
	req(ENT, "GET", "/facilities/7201/registration/2025", NULL, 200, &r);
	version_of(&r, v, sizeof(v));
	hc_response_free(&r);
	snprintf(body, sizeof(body),
		 "version=%s&apply_cp=1&planned_saving_pct=6&measures=LED&op=save", v);
	req(ENT, "POST", "/facilities/7201/registration/2025", body, 303, &r);
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/registrations/%lld", id);
	req(ENT, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<td>Mức tiết kiệm dự kiến (%)</td><td>sửa</td><td>5,00</td><td>6,00</td>");
	hc_response_free(&r);
	req(ENT, "GET", "/facilities/7201/registration/2025", NULL, 200, &r);
	version_of(&r, v, sizeof(v));
	hc_response_free(&r);
	snprintf(body, sizeof(body),
		 "version=%s&apply_cp=1&planned_saving_pct=7&measures=LED&op=submit", v);
	req(ENT, "POST", "/facilities/7201/registration/2025", body, 303, &r);
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/registrations/%lld", id);
	req(DIS, "GET", target, NULL, 200, &r);
	hs_contains(
	    &r, "<tr class=\"chg-changed\"><td>Thông tin chung</td>"
		"<td>Mức tiết kiệm dự kiến (%)</td><td>sửa</td><td>5,00</td><td>7,00</td></tr>");
	assert_int_equal(wfx_int(DBN, "SELECT count(*) FROM doc_event WHERE kind = "
				      "'registration' AND action = 'submit'"),
			 2);
	hs_contains(&r, "<td>Trả lại</td><td>Tăng</td>");
	hs_contains(&r, "<p class=\"lh-dept\">Sở Công Thương</p>");
	hs_lacks(&r, "Giải pháp</td><td>sửa"); /* measures unchanged */
	hc_response_free(&r);
}

static void
test_diff(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct rvw_change *c;
	int n;
	/* One changed quantity, one removed line, one added, one yes/no field. */
	const char *before =
	    "{\"cp_aware\":1,\"energy\":[{\"carrier\":\"do\",\"month\":null,\"product\":\"\","
	    "\"quantity\":3.5,\"unit\":\"t\",\"cost_vnd\":null}],\"output\":[{\"product\":\"ice\","
	    "\"quantity\":100,\"unit\":\"t\"}],\"water\":[],\"material\":[],\"version\":3}";
	const char *after =
	    "{\"cp_aware\":0,\"energy\":[{\"carrier\":\"electricity\",\"month\":4,\"product\":\"\","
	    "\"quantity\":1200,\"unit\":\"kWh\",\"cost_vnd\":null}],\"output\":[{\"product\":"
	    "\"ice\","
	    "\"quantity\":120,\"unit\":\"t\"}],\"water\":[],\"material\":[],\"version\":5}";
	assert_int_equal(rvw_diff(before, after, &a, &c, &n), ST_OK);
	assert_int_equal(n, 4);
	assert_string_equal(c[0].section, "cp_aware");
	assert_int_equal(c[0].type, 'b');
	assert_true(c[0].old_num == 1 && c[0].new_num == 0);
	assert_string_equal(c[1].section, "output");
	assert_int_equal(c[1].what, RVW_CHANGED);
	assert_true(c[1].old_num == 100 && c[1].new_num == 120);
	assert_string_equal(c[2].section, "energy");
	assert_int_equal(c[2].what, RVW_ADDED);
	assert_string_equal(c[2].item, "electricity");
	assert_int_equal(c[2].month, 4);
	assert_string_equal(c[3].item, "do");
	assert_int_equal(c[3].what, RVW_REMOVED);
	assert_true(c[3].old_num == 3.5);
	assert_int_equal(rvw_diff("{", after, &a, &c, &n), ST_ERR);
	arena_free(&a);

	/* (112.5 - 100) / 100 = +12.5 %; -50 % is not beyond the limit, -50.1 % is. */
	assert_true(fabs(rvw_change_pct(112.5, 100) - 12.5) < 1e-12);
	assert_true(isnan(rvw_change_pct(5, 0)));
	assert_false(rvw_change_flagged(rvw_change_pct(50, 100)));
	assert_true(rvw_change_flagged(rvw_change_pct(49.9, 100)));
	assert_true(rvw_change_flagged(rvw_change_pct(150.1, 100)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_diff),
	    cmocka_unit_test(test_desk),
	    cmocka_unit_test(test_queue),
	    cmocka_unit_test(test_registration),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
