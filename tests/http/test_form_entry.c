/*
 * HTTP tests of the report and registration forms' entry (src/web/
 * report_form.c, registration_form.c, wfpage.c, model/reporting/
 * choices.c) against a real `sxsh serve`: pickers that show names and
 * resolve a posted name to its code, a value that is no choice refused
 * with the choices listed, a unit refused for its carrier with both named,
 * the monthly grid stored as twelve monthly lines, the prefill that copies
 * what was made and used but no quantity and says so, warnings that must
 * be explained to submit (not to save), the explanations stored and shown
 * to the reviewer, the save button first in the form (Enter saves), and
 * the registration's commitment defaulting to yes.
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
#include "wffix.h"

enum { ENT, PRO, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];

#define FAC "/facilities/7301"

/*
 * An ice plant (VSIC 3530, whose only product is ice) with 10 employees
 * and an accepted 2024 report: 500 t of ice, electricity billed in January
 * (1,000 kWh) and February (1,100 kWh), 300 m3 of tap water.
 */
static int
setup(void **state)
{
	db = fx_db_new(
	    "form.db",
	    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
	    "ownership, size, employees) VALUES (7301, 'ICE1', 'Nhà máy nước đá', "
	    "'nha may nuoc da', '3530', (SELECT id FROM admin_unit WHERE code = "
	    "'rach-gia'), 'private', 'small', 10);"
	    "INSERT INTO report(id, facility_id, year, status) VALUES (9001, 7301, 2024, "
	    "'accepted');"
	    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES "
	    "(9001, 'ice', 500, 't');"
	    "INSERT INTO report_energy(report_id, carrier_code, month, quantity, unit) "
	    "VALUES (9001, 'electricity', 1, 1000, 'kWh'), (9001, 'electricity', 2, 1100, "
	    "'kWh');"
	    "INSERT INTO report_water(report_id, source, quantity_m3) VALUES (9001, 'tap', "
	    "300)");
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7301},
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, "form.db");
	return 0;
}

static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

/* The prefill copies products, carriers, units and months, no quantity, and says what. */
static void
test_prefill(void **state)
{
	(void)state;
	struct hc_response r;
	req(ENT, "GET", FAC "/report/2025", NULL, 200, &r);
	hs_contains(&r, "Đã điền sẵn từ báo cáo năm trước: 1 sản phẩm, 2 dòng năng lượng, 1 nguồn "
			"nước, 0 nguyên vật liệu, với đơn vị tính. Số lượng để trống");
	/* The facility's sector first: ice is the only product of 3530. */
	hs_contains(&r, "<optgroup label=\"Ngành của cơ sở\"><option value=\"ice\" "
			"selected=\"selected\" data-unit=\"t\">Nước đá</option></optgroup>"
			"<optgroup label=\"Sản phẩm khác\">");
	hs_contains(&r, "name=\"output[0].quantity\" id=\"f-output-0-quantity\" value=\"\"");
	/* January and February's electricity: one grid row, both months empty. */
	hs_contains(&r, "<option value=\"electricity\" selected=\"selected\" data-units=\"kWh MWh "
			"GWh\">Điện</option>");
	hs_contains(&r, "name=\"grid[0].m1\" id=\"f-grid-0-m1\" value=\"\"");
	hs_contains(&r, "name=\"grid[0].m2\" id=\"f-grid-0-m2\" value=\"\"");
	/* one filled row and two blank ones */
	hs_contains(&r, "name=\"n_grid\" value=\"3\"");
	hs_lacks(&r, "name=\"grid[3].carrier\"");
	hs_contains(&r, "<option value=\"tap\" selected=\"selected\">Nước máy</option>");
	hs_contains(&r, "name=\"water[0].quantity_m3\" id=\"f-water-0-quantity_m3\" value=\"\"");
	/* Screen readers hear the column and row, not the field's name. */
	hs_contains(&r, "aria-label=\"Loại năng lượng, dòng 1\"");
	hs_lacks(&r, "aria-label=\"energy[0].carrier\"");
	/* No code shown as text. */
	hs_lacks(&r, ">ice<");
	hs_lacks(&r, ">electricity<");
	hs_lacks(&r, ">tap<");
	/* The form's first submit button saves: Enter in a field never adds a row. */
	const char *form = strstr(r.body, "<form class=\"stack report-form\"");
	assert_non_null(form);
	const char *first = strstr(form, "type=\"submit\"");
	assert_non_null(first);
	assert_int_equal(strncmp(first, "type=\"submit\" name=\"op\" value=\"save\"", 36), 0);
	hc_response_free(&r);

	/* English: the names in English. */
	req(ENT, "GET", FAC "/report/2025?lang=en", NULL, 200, &r);
	hs_contains(&r, "data-unit=\"t\">Ice</option>");
	hs_contains(&r, ">Electricity</option>");
	hs_contains(&r, "Pre-filled from the previous report (products: 1, energy lines: 2, water "
			"sources: 1, materials: 0) with their units. Quantities are empty");
	hc_response_free(&r);
}

/*
 * Names typed instead of codes are resolved, ignoring case and diacritics;
 * the grid's twelve bills become twelve monthly lines: month m is m x 1.000
 * kWh, 1,000 + 2,000 + ... + 12,000 = 78,000 kWh.  "12.500" t of ice is
 * twelve thousand five hundred.
 */
static void
test_names_and_grid(void **state)
{
	(void)state;
	struct hc_response r;
	char body[2048];
	int n =
	    snprintf(body, sizeof(body),
		     "n_output=1&output%%5B0%%5D.product=N%%C6%%B0%%E1%%BB%%9Bc+%%C4%%91%%C3%%A1&"
		     "output%%5B0%%5D.quantity=12.500&output%%5B0%%5D.unit=tan&n_grid=1&"
		     "grid%%5B0%%5D.carrier=dien&grid%%5B0%%5D.unit=KILOOAT+GIO&n_water=1&"
		     "water%%5B0%%5D.source=nuoc+may&water%%5B0%%5D.quantity_m3=1.200");
	for (int m = 1; m <= 12; m++)
		n +=
		    snprintf(body + n, sizeof(body) - (size_t)n, "&grid%%5B0%%5D.m%d=%d.000", m, m);
	snprintf(body + n, sizeof(body) - (size_t)n, "&op=save");
	req(ENT, "POST", FAC "/report/2025", body, 303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int("form.db",
				 "SELECT quantity FROM report_output o JOIN report r ON "
				 "r.id = o.report_id WHERE r.facility_id = 7301 AND r.year = "
				 "2025 AND o.product_code = 'ice' AND o.unit = 't'"),
			 12500);
	assert_int_equal(wfx_int("form.db",
				 "SELECT count(*) FROM report_energy e JOIN report r ON "
				 "r.id = e.report_id WHERE r.facility_id = 7301 AND r.year = "
				 "2025 AND e.carrier_code = 'electricity' AND e.unit = 'kWh' "
				 "AND e.month BETWEEN 1 AND 12 AND e.product_code IS NULL"),
			 12);
	assert_int_equal(wfx_int("form.db",
				 "SELECT sum(quantity) FROM report_energy e JOIN report "
				 "r ON r.id = e.report_id WHERE r.facility_id = 7301 AND "
				 "r.year = 2025"),
			 78000);
	assert_int_equal(wfx_int("form.db",
				 "SELECT quantity FROM report_energy e JOIN report r ON "
				 "r.id = e.report_id WHERE r.facility_id = 7301 AND r.year = "
				 "2025 AND e.month = 7"),
			 7000);
	assert_int_equal(wfx_int("form.db",
				 "SELECT quantity_m3 FROM report_water w JOIN report r "
				 "ON r.id = w.report_id WHERE r.facility_id = 7301 AND r.year "
				 "= 2025 AND w.source = 'tap'"),
			 1200);
	/* Back on the form: the stored months in the grid's columns. */
	req(ENT, "GET", FAC "/report/2025", NULL, 200, &r);
	hs_contains(&r, "name=\"grid[0].m7\" id=\"f-grid-0-m7\" value=\"7.000\"");
	hs_contains(&r, "name=\"grid[0].m12\" id=\"f-grid-0-m12\" value=\"12.000\"");
	hs_lacks(&r, "Đã điền sẵn"); /* a stored report: no prefill notice */
	hc_response_free(&r);
}

/* A value that is no choice lists the choices; a unit wrong for its carrier names both. */
static void
test_not_a_choice(void **state)
{
	(void)state;
	struct hc_response r;
	req(ENT, "POST", FAC "/report/2026",
	    "n_output=1&output%5B0%5D.product=kem&output%5B0%5D.quantity=1&output%5B0%5D.unit=t&"
	    "n_grid=1&grid%5B0%5D.carrier=electricity&grid%5B0%5D.unit=t&grid%5B0%5D.m3=5&"
	    "n_water=1&water%5B0%5D.source=gi%E1%BA%BFng&water%5B0%5D.quantity_m3=1&op=preview",
	    400, &r);
	hs_contains(&r, "id=\"e-output-0-product\" data-field=\"output[0].product\">sản phẩm "
			"&#39;kem&#39; không có trong danh sách; hãy chọn một trong: ");
	hs_contains(&r, "Nước đá");
	/* what was typed stays selected */
	hs_contains(&r, "<option value=\"kem\" selected=\"selected\">kem</option>");
	/* electricity's units, by to_base: kWh 1, MWh 1,000, GWh 1,000,000 */
	hs_contains(&r, "id=\"e-grid-0-unit\" data-field=\"grid[0].unit\">đơn vị &#39;tấn&#39; "
			"không dùng được cho &#39;Điện&#39;; hãy chọn: kilôoát giờ, megaoát giờ, "
			"gigaoát giờ.</span>");
	hs_contains(&r, "id=\"e-water-0-source\" data-field=\"water[0].source\">nguồn nước "
			"&#39;giếng&#39; không có trong danh sách; hãy chọn một trong: Nước máy, "
			"Nước ngầm, Nước mặt, Khác.</span>");
	/* each tied to its field and listed at the top */
	hs_contains(&r, "aria-invalid=\"true\" aria-describedby=\"e-grid-0-unit\"");
	hs_contains(&r, "<a href=\"#f-grid-0-unit\">");
	hs_contains(&r, "<a href=\"#f-output-0-product\">");
	hc_response_free(&r);
	/* A unit of another dimension than the product's, both named: ice is in tonnes. */
	req(ENT, "POST", FAC "/report/2026",
	    "n_output=1&output%5B0%5D.product=ice&output%5B0%5D.quantity=1&output%5B0%5D.unit=kWh&"
	    "op=preview",
	    400, &r);
	hs_contains(&r, "data-field=\"output[0].unit\">đơn vị không phù hợp với sản phẩm (tính "
			"theo tấn)</span>");
	hc_response_free(&r);
	assert_int_equal(wfx_int("form.db", "SELECT count(*) FROM report WHERE year = 2026"), 0);
}

/*
 * 12 x 8,000,000 kWh = 96,000,000 kWh x 0.0001543 TOE/kWh = 14,812.8 TOE
 * for 10 employees: 1,481.28 TOE each, above the 1,000 of
 * data/plausibility.csv.  Saving a draft needs no explanation; submitting
 * does, for each warning.
 */
#define BIG_YEAR(op, extra)                                                                        \
	"n_output=1&output%5B0%5D.product=ice&output%5B0%5D.quantity=12.500&output%5B0%5D.unit=t&" \
	"n_grid=1&grid%5B0%5D.carrier=electricity&grid%5B0%5D.unit=kWh&"                           \
	"grid%5B0%5D.m1=8.000.000&grid%5B0%5D.m2=8.000.000&grid%5B0%5D.m3=8.000.000&"              \
	"grid%5B0%5D.m4=8.000.000&grid%5B0%5D.m5=8.000.000&grid%5B0%5D.m6=8.000.000&"              \
	"grid%5B0%5D.m7=8.000.000&grid%5B0%5D.m8=8.000.000&grid%5B0%5D.m9=8.000.000&"              \
	"grid%5B0%5D.m10=8.000.000&grid%5B0%5D.m11=8.000.000&grid%5B0%5D.m12=8.000.000" extra      \
	"&op=" op

static void
test_warnings_explained(void **state)
{
	(void)state;
	struct hc_response r;
	char v[32], body[2048];
	/* The preview puts the warning beside the energy lines with a box for the explanation. */
	req(ENT, "POST", FAC "/report/2027", BIG_YEAR("preview", ""), 200, &r);
	hs_contains(&r,
		    "<div class=\"warn\" id=\"w-toe_per_employee\"><p class=\"warn-text\">"
		    "<strong>Cảnh báo: </strong>Tổng năng lượng 14.812,80 TOE cho 10 lao động là "
		    "1.481,28 TOE mỗi người, trên ngưỡng 1.000,00 TOE mỗi người");
	hs_contains(&r, "<textarea name=\"explain.toe_per_employee\" "
			"id=\"f-explain-toe_per_employee\" rows=\"2\"></textarea>");
	hc_response_free(&r);

	/* A draft saves without explanations. */
	req(ENT, "POST", FAC "/report/2027", BIG_YEAR("save", ""), 303, &r);
	hc_response_free(&r);
	req(ENT, "GET", FAC "/report/2027", NULL, 200, &r);
	const char *p = strstr(r.body, "name=\"version\" value=\"");
	assert_non_null(p);
	p += strlen("name=\"version\" value=\"");
	snprintf(v, sizeof(v), "%.*s", (int)strspn(p, "0123456789"), p);
	/* the stored draft's warning is shown beside its lines again */
	hs_contains(&r, "id=\"w-toe_per_employee\"");
	hc_response_free(&r);

	/* Submitting without the explanation: 400, the error names the warning, nothing moves. */
	snprintf(body, sizeof(body), "version=%s&%s", v, BIG_YEAR("submit", ""));
	req(ENT, "POST", FAC "/report/2027", body, 400, &r);
	hs_contains(&r, "<span class=\"field-error\" id=\"e-explain-toe_per_employee\" "
			"data-field=\"explain.toe_per_employee\">Hãy giải thích cảnh báo trước khi "
			"nộp: Tổng năng lượng 14.812,80 TOE cho 10");
	hs_contains(&r, "aria-invalid=\"true\" aria-describedby=\"e-explain-toe_per_employee\"");
	hs_contains(&r, "<a href=\"#f-explain-toe_per_employee\">");
	hs_contains(&r, "name=\"grid[0].m12\" id=\"f-grid-0-m12\" value=\"8.000.000\"");
	hc_response_free(&r);
	assert_int_equal(wfx_int("form.db", "SELECT count(*) FROM report WHERE year = 2027 AND "
					    "status = 'draft'"),
			 1);

	/* With an explanation of every warning ("Máy mới" for each): submitted and stored. */
	snprintf(body, sizeof(body), "version=%s&%s", v,
		 BIG_YEAR("submit", "&explain.toe_per_employee=M%C3%A1y+m%E1%BB%9Bi"
				    "&explain.toe=M%C3%A1y+m%E1%BB%9Bi"
				    "&explain.sec.ice=M%C3%A1y+m%E1%BB%9Bi"
				    "&explain.sec_norm.ice=M%C3%A1y+m%E1%BB%9Bi"
				    "&explain.energy.electricity=M%C3%A1y+m%E1%BB%9Bi"));
	req(ENT, "POST", FAC "/report/2027", body, 303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int("form.db", "SELECT count(*) FROM report WHERE year = 2027 AND "
					    "status = 'submitted'"),
			 1);
	char *t =
	    wfx_text("form.db", "SELECT explanation || '|' || substr(warning_vi, 1, 15) || "
				"'|' || substr(warning_en, 1, 12) FROM report_explanation WHERE "
				"field = 'toe_per_employee'");
	assert_string_equal(t, "Máy mới|Tổng năng lượng|Total energy");
	free(t);
	/* ... and in the audit log's record of the submission. */
	assert_true(wfx_int("form.db", "SELECT count(*) FROM audit WHERE entity = 'report' AND "
				       "after_json LIKE '%\"explanations\":[%\"field\":"
				       "\"toe_per_employee\"%'") >= 1);

	/* The reviewer sees the warnings with the explanations. */
	char target[64];
	snprintf(target, sizeof(target), "/reports/%lld",
		 wfx_int("form.db", "SELECT id FROM report WHERE year = 2027"));
	req(PRO, "GET", target, NULL, 200, &r);
	hs_contains(&r, "<section class=\"explanations\" id=\"explanations\"><h2>Cảnh báo và giải "
			"thích của cơ sở</h2><dl><dt>");
	hs_contains(&r, "<dd>Máy mới</dd>");
	hc_response_free(&r);
}

/* A first registration commits to CP by default; its saving is a number field. */
static void
test_registration_default(void **state)
{
	(void)state;
	struct hc_response r;
	req(ENT, "GET", FAC "/registration/2025", NULL, 200, &r);
	hs_contains(&r, "<option value=\"1\" selected=\"selected\">Có</option>"
			"<option value=\"0\">Không</option>");
	hs_contains(&r, "inputmode=\"decimal\" data-num=\"1\"");
	hc_response_free(&r);
	/* "7,5" % read the Vietnamese way. */
	req(ENT, "POST", FAC "/registration/2025",
	    "apply_cp=1&planned_saving_pct=7%2C5&measures=LED&op=save", 303, &r);
	hc_response_free(&r);
	char *t = wfx_text("form.db", "SELECT planned_saving_pct FROM registration WHERE "
				      "facility_id = 7301 AND year = 2025");
	assert_string_equal(t, "7.5");
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_prefill),
	    cmocka_unit_test(test_names_and_grid),
	    cmocka_unit_test(test_not_a_choice),
	    cmocka_unit_test(test_warnings_explained),
	    cmocka_unit_test(test_registration_default),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
