/*
 * HTTP tests of plausibility on the report form (src/web/report_form.c,
 * model/reporting/plausible.h, data/plausibility.csv) against a real
 * `sxsh serve`: a quantity above its hard limit is refused with the
 * message beside the field, in the page's language; a preview whose
 * figures pass a soft threshold lists the warnings above the submit
 * button, each naming the line and saying why, and the report can still
 * be submitted; the reviewer sees them too.
 *
 * The fixture: I1, an ice plant of 10 employees, reported 1,000,000 kWh in
 * 2024 (accepted); five peers P1-P5 made 100 t of ice each in 2025 on
 * 10,000, 12,000, 14,000, 16,000 and 30,000 kWh (accepted).
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

static struct hc_server server;
enum { ENT, DIS, NWHO }; /* the ice plant's enterprise account, its district officer */
static struct hs_session sess[NWHO];

#define UNIT "(SELECT id FROM admin_unit WHERE code = 'rach-gia')"
#define FAC(id, code, employees)                                                                   \
	"INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "   \
	"size, employees) VALUES (" #id ", '" code "', 'Nước đá " code                             \
	"', 'nuoc da', '3530', " UNIT ", 'private', 'small', " #employees ");"

static const char fixture[] = FAC(7201, "I1", 10) FAC(7202, "P1", NULL) FAC(7203, "P2", NULL)
    FAC(7204, "P3", NULL) FAC(7205, "P4", NULL) FAC(
	7206, "P5",
	NULL) "INSERT INTO report(id, facility_id, year, status) VALUES (1,7201,2024,'accepted'),"
	      " (2,7202,2025,'accepted'), (3,7203,2025,'accepted'), (4,7204,2025,'accepted'),"
	      " (5,7205,2025,'accepted'), (6,7206,2025,'accepted');"
	      "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
	      " (1,'ice',100,'t'), (2,'ice',100,'t'), (3,'ice',100,'t'), (4,'ice',100,'t'),"
	      " (5,'ice',100,'t'), (6,'ice',100,'t');"
	      "INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
	      " (1,'electricity',1000000,'kWh'), (2,'electricity',10000,'kWh'),"
	      " (3,'electricity',12000,'kWh'), (4,'electricity',14000,'kWh'),"
	      " (5,'electricity',16000,'kWh'), (6,'electricity',30000,'kWh');";

static int
setup(void **state)
{
	struct db *db = fx_db_new("plaus.db", fixture);
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ice@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7201},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, "plaus.db");
	return 0;
}

#define FORM "/facilities/7201/report/2025"
#define ICE(kwh, op)                                                                               \
	"n_output=1&output%5B0%5D.product=ice&output%5B0%5D.quantity=1000&output%5B0%5D.unit=t&"   \
	"n_energy=1&energy%5B0%5D.carrier=electricity&energy%5B0%5D.unit=kWh&"                     \
	"energy%5B0%5D.quantity=" kwh "&op=" op

/*
 * 9 x 10^14 kWh, over 3,000 times Vietnam's yearly generation, is above
 * electricity's hard limit of 2.8 x 10^10 kWh a year (a tenth of it): 400,
 * the message beside the quantity, in Vietnamese or in English.
 */
static void
test_hard_limit_on_form(void **state)
{
	(void)state;
	struct hc_response r;
	hs_form_req(server.port, &sess[ENT], "POST", FORM, ICE("900000000000000", "preview"), 400,
		    &r);
	hs_contains(&r, "data-field=\"energy[0].quantity\">lượng năng lượng của Điện là "
			"900.000.000.000.000,00 kWh, vượt giới hạn 28.000.000.000,00 kWh một năm "
			"mà một cơ sở có thể có: hãy kiểm tra lại số và đơn vị</span>");
	hs_lacks(&r, "value=\"submit\"");
	hc_response_free(&r);
	hs_form_req(server.port, &sess[ENT], "POST", FORM "?lang=en",
		    ICE("900000000000000", "save"), 400, &r);
	hs_contains(&r, "data-field=\"energy[0].quantity\">energy quantity of Electricity is "
			"900,000,000,000,000.00 kWh, above 28,000,000,000.00 kWh, the most a "
			"single facility could report in a year: check the number and its "
			"unit</span>");
	hc_response_free(&r);
	assert_int_equal(wfx_int("plaus.db", "SELECT count(*) FROM report WHERE year = 2025 AND "
					     "facility_id = 7201"),
			 0);
}

/*
 * 100,000,000 kWh for 1,000 t of ice:
 *   TOE 100,000,000 x 0.0001543 = 15,430, for 10 employees 1,543 TOE
 *   each, above the 1,000 of data/plausibility.csv;
 *   against 2024's 1,000,000 kWh = 154.3 TOE: (15,430 - 154.3) / 154.3 =
 *   +9,900 %, above 50 %;
 *   SEC 100,000,000 x 0.0036 GJ / 1,000 t = 360 GJ/t; the peers' SECs
 *   (GJ/t) are 0.36, 0.432, 0.504, 0.576, 1.08: Q1 (h = 1) 0.432, Q3 (h =
 *   3) 0.576, IQR 0.144, upper fence 0.576 + 1.5 x 0.144 = 0.792.
 * The warnings stand above the submit button, which stays; submitting
 * works.  1,000,000 kWh (154.3 TOE, 15.43 each; no change from 2024; 3.6 GJ/t) is
 * still above the peers' fence, and only that.
 */
static void
test_soft_warnings_on_preview(void **state)
{
	(void)state;
	struct hc_response r;
	hs_form_req(server.port, &sess[ENT], "POST", FORM, ICE("100000000", "preview"), 200, &r);
	/* The form names products and carriers (Nước đá, not ice). */
	hs_contains(&r,
		    "<li data-field=\"toe_per_employee\">Tổng năng lượng 15.430,00 TOE cho 10 "
		    "lao động là 1.543,00 TOE mỗi người, trên ngưỡng 1.000,00 TOE mỗi người: "
		    "hãy kiểm tra đơn vị của các dòng năng lượng và số lao động</li>"
		    "<li data-field=\"toe\">Tổng năng lượng thay đổi 9.900,0 % so với năm 2024 "
		    "(154,30 → 15.430,00 TOE)</li>"
		    "<li data-field=\"sec.ice\">Sản lượng Nước đá: suất tiêu hao 360,0 GJ/t cao "
		    "hơn giới hạn trên 0,7920 GJ/t của các cơ sở cùng sản phẩm</li>");
	/* Above the submit button. */
	const char *w = strstr(r.body, "id=\"warnings\""), *b = strstr(r.body, "value=\"submit\"");
	assert_non_null(w);
	assert_non_null(b);
	assert_true(w < b);
	hc_response_free(&r);

	hs_form_req(server.port, &sess[ENT], "POST", FORM "?lang=en", ICE("100000000", "preview"),
		    200, &r);
	hs_contains(&r, "<li data-field=\"toe_per_employee\">Total energy 15,430.00 TOE for 10 "
			"employees is 1,543.00 TOE per employee, above 1,000.00: check the units "
			"of the energy lines and the number of employees</li>");
	hs_contains(&r, "<li data-field=\"toe\">Total energy changed by 9,900.0% from 2024 "
			"(154.30 → 15,430.00 TOE)</li>");
	hs_contains(&r, "<li data-field=\"sec.ice\">Output Ice: SEC 360.0 GJ/t is above 0.7920 "
			"GJ/t, the upper fence of its peers</li>");
	hc_response_free(&r);

	/* 1,000,000 kWh: 15.43 TOE each, no change from 2024; 3.6 GJ/t still above 0.792. */
	hs_form_req(server.port, &sess[ENT], "POST", FORM, ICE("1000000", "preview"), 200, &r);
	hs_lacks(&r, "data-field=\"toe_per_employee\"");
	hs_lacks(&r, "<li data-field=\"toe\"");
	hs_contains(&r, "<li data-field=\"sec.ice\">Sản lượng Nước đá: suất tiêu hao 3,600 GJ/t");
	hc_response_free(&r);

	/* Warnings do not block, but each needs the enterprise's explanation to
	 * submit: without them 400, an error naming each warning beside its box,
	 * nothing stored. */
	hs_form_req(server.port, &sess[ENT], "POST", FORM, ICE("100000000", "submit"), 400, &r);
	hs_contains(&r, "id=\"e-explain-toe_per_employee\" data-field=\"explain.toe_per_employee\">"
			"Hãy giải thích cảnh báo trước khi nộp: Tổng năng lượng 15.430,00 TOE");
	hs_contains(&r, "id=\"e-explain-sec-ice\"");
	hs_contains(&r, "id=\"e-explain-toe\"");
	hc_response_free(&r);
	assert_int_equal(wfx_int("plaus.db", "SELECT count(*) FROM report WHERE year = 2025 AND "
					     "facility_id = 7201"),
			 0);
	hs_form_req(server.port, &sess[ENT], "POST", FORM,
		    ICE("100000000", "submit") "&explain.toe_per_employee=M%E1%BB%9Bi+m%E1%BB%9F"
					       "&explain.toe=X&explain.sec.ice=Y",
		    303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int("plaus.db", "SELECT count(*) FROM report WHERE year = 2025 AND "
					     "facility_id = 7201 AND status = 'submitted'"),
			 1);

	/* The district officer reviewing it sees the same warnings. */
	char target[64];
	snprintf(
	    target, sizeof(target), "/reports/%lld",
	    wfx_int("plaus.db", "SELECT id FROM report WHERE year = 2025 AND facility_id = 7201"));
	hs_form_req(server.port, &sess[DIS], "GET", target, NULL, 200, &r);
	hs_contains(&r, "<li data-field=\"toe_per_employee\">Tổng năng lượng 15.430,00 TOE cho 10 "
			"lao động là 1.543,00 TOE mỗi người");
	/* ... naming the product as the form does (Nước đá, not ice) ... */
	hs_contains(&r, "<li data-field=\"sec.ice\">Sản lượng Nước đá: suất tiêu hao 360,0 GJ/t "
			"cao hơn giới hạn trên 0,7920 GJ/t");
	hs_lacks(&r, "Sản lượng ice");
	/* ... and the enterprise's explanations ("Mới mở" typed above). */
	hs_contains(&r, "<section class=\"explanations\" id=\"explanations\">");
	hs_contains(&r, "<dd>Mới mở</dd>");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hard_limit_on_form),
	    cmocka_unit_test(test_soft_warnings_on_preview),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
