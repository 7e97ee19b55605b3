/*
 * HTTP tests of the workflow pages (src/web/my.c, report_form.c,
 * registration_form.c, facility_page.c, review.c, audit.c) against a real
 * `sxsh serve` on a loopback port: field errors placed beside their field
 * with the input kept, the preview's figures, a stale version answered 409
 * with the input kept, the full status walk (enterprise submits, district
 * returns with a note, the enterprise fixes and resubmits, the province
 * accepts, the form is then read-only), and the audit page listing those
 * steps.  Sessions are made through model/accounts/session.c, as test_authz.c does.
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
#include "wffix.h"

enum { ENT, DIS, PRO, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];

#define FAC  "/facilities/7101"
#define FORM FAC "/report/2025"

static int
setup(void **state)
{
	db = fx_db_new("wfp.db",
		       "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
		       "ownership, size) VALUES (7101, 'F1', 'Cơ sở thủy sản', 'co so thuy san', "
		       "'1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', "
		       "'small')");
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7101},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, "wfp.db");
	return 0;
}

/* who sends method target with the form fields body (csrf added); asserts the status. */
static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

/* The value of the first hidden version field of the page, as text. */
static void
version_of(const struct hc_response *r, char *out, size_t n)
{
	const char *p = strstr(r->body, "name=\"version\" value=\"");
	if (p == NULL)
		fail_msg("no version field");
	p += strlen("name=\"version\" value=\"");
	snprintf(out, n, "%.*s", (int)strspn(p, "0123456789"), p);
}

#define LINES                                                                                      \
	"cp_aware=1&cp_staff=1&cp_unit=0&cp_applied=1&n_output=1&output%5B0%5D.product="           \
	"frozen_seafood&output%5B0%5D.quantity=10%2C5&output%5B0%5D.unit=t&n_energy=2&"            \
	"energy%5B0%5D.carrier=electricity&energy%5B0%5D.unit=kWh"

static long long
report_id(void)
{
	return wfx_int("wfp.db", "SELECT id FROM report WHERE facility_id = 7101 AND year = 2025");
}

static void
test_status_walk(void **state)
{
	(void)state;
	struct hc_response r;
	char target[128], v[32], body[1024];

	/* New report: pre-filled (empty: no earlier year), editable. */
	req(ENT, "GET", FORM, NULL, 200, &r);
	hs_contains(&r, "name=\"energy[0].quantity\"");
	hc_response_free(&r);

	/* One invalid field: 400, its message beside it, the typed value kept. */
	req(ENT, "POST", FORM, LINES "&energy%5B0%5D.quantity=abc&op=preview", 400, &r);
	hs_contains(&r, "data-field=\"energy[0].quantity\"");
	/* The field is marked and tied to its message by id (aria-describedby). */
	hs_contains(&r, "name=\"energy[0].quantity\" id=\"f-energy-0-quantity\" value=\"abc\"");
	hs_contains(&r, "aria-invalid=\"true\" aria-describedby=\"e-energy-0-quantity\">");
	hs_contains(&r, "<span class=\"field-error\" id=\"e-energy-0-quantity\"");
	/* The summary at the top links to the field. */
	hs_contains(&r, "<div class=\"error-summary\" role=\"alert\" id=\"errors\">");
	hs_contains(&r, "<a href=\"#f-energy-0-quantity\">");
	hs_contains(&r, "value=\"frozen_seafood\"");
	hc_response_free(&r);

	/*
	 * The message in the page's language only, saying how the page writes
	 * numbers: the Vietnamese one does not quote the value; the English one
	 * quotes it whole, " / " and all.
	 */
	req(ENT, "POST", FORM, LINES "&energy%5B0%5D.quantity=a%20%2F%20b&op=preview", 400, &r);
	hs_contains(&r, "data-field=\"energy[0].quantity\">lượng năng lượng không phải là số: "
			"dấu chấm phân cách hàng nghìn, dấu phẩy trước phần thập phân (12.500 là "
			"mười hai nghìn năm trăm; 3,5 là ba phẩy năm)</span>");
	hc_response_free(&r);
	req(ENT, "POST", FORM "?lang=en", LINES "&energy%5B0%5D.quantity=a%20%2F%20b&op=preview",
	    400, &r);
	hs_contains(&r, "data-field=\"energy[0].quantity\">energy quantity is not a number: "
			"commas group thousands, a point starts the decimals (12,500 or 3.5), got "
			"&#39;a / b&#39;</span>");
	hc_response_free(&r);

	/* Numbers as Vietnamese write them: "12.500" kWh is twelve thousand five
	 * hundred: 12,500 x 0.0001543 = 1.92875 TOE, "1,93 TOE" (not 12.5 kWh,
	 * 0.00193 TOE).  "1,234" reads two ways (1.234 or 1234): refused with
	 * both.  "12.5" is English: refused.  On English pages "12,500" is
	 * 12500 too. */
	req(ENT, "POST", FORM, LINES "&energy%5B0%5D.quantity=12.500&op=preview", 200, &r);
	hs_contains(&r, "1,93 TOE");
	hc_response_free(&r);
	req(ENT, "POST", FORM "?lang=en",
	    "cp_aware=1&cp_staff=1&cp_unit=0&cp_applied=1&n_output=1&output%5B0%5D.product="
	    "frozen_seafood&output%5B0%5D.quantity=10.5&output%5B0%5D.unit=t&n_energy=1&"
	    "energy%5B0%5D.carrier=electricity&energy%5B0%5D.unit=kWh"
	    "&energy%5B0%5D.quantity=12%2C500&op=preview",
	    200, &r);
	hs_contains(&r, "1.93 TOE");
	hc_response_free(&r);
	req(ENT, "POST", FORM, LINES "&energy%5B0%5D.quantity=1%2C234&op=preview", 400, &r);
	hs_contains(&r, "data-field=\"energy[0].quantity\">lượng năng lượng &#39;1,234&#39; có "
			"thể hiểu là 1,234 hoặc 1.234: hãy viết rõ");
	hs_contains(&r, "name=\"energy[0].quantity\" id=\"f-energy-0-quantity\" value=\"1,234\"");
	hc_response_free(&r);
	req(ENT, "POST", FORM, LINES "&energy%5B0%5D.quantity=12.5&op=preview", 400, &r);
	hs_contains(&r, "data-field=\"energy[0].quantity\">lượng năng lượng không phải là số: ");
	hc_response_free(&r);

	/* "Add a row" keeps the input and offers one more energy row: 1 filled + 2 + 1. */
	req(ENT, "POST", FORM, LINES "&energy%5B0%5D.quantity=abc&op=add_energy", 200, &r);
	hs_contains(&r, "name=\"energy[3].carrier\"");
	hs_contains(&r, "value=\"abc\"");
	hc_response_free(&r);

	/* Preview: 3596 kWh x 0.0001543 TOE/kWh = 0.5548628 TOE, with two decimals
	 * as TOE is shown everywhere (util/fmt.h; three before): "0,55 TOE". */
	req(ENT, "POST", FORM, LINES "&energy%5B0%5D.quantity=3596&op=preview", 200, &r);
	hs_contains(&r, "0,55 TOE");
	/* SEC = 0.5548628 / 10.5 t = 0.05284407 TOE/t, four significant digits
	 * (six decimals before): "0,05284". */
	hs_contains(&r, "<td>0,05284</td>");
	hs_contains(&r, "value=\"submit\"");
	hc_response_free(&r);

	/* Submit: 303 back to the form, which is then read-only. */
	req(ENT, "POST", FORM, LINES "&energy%5B0%5D.quantity=3596&op=submit", 303, &r);
	hc_response_free(&r);
	req(ENT, "GET", FORM, NULL, 200, &r);
	assert_null(strstr(r.body, "name=\"energy[0].quantity\""));
	hc_response_free(&r);
	long long id = report_id();
	assert_true(id > 0);

	/* The district sees it in its queue: 1 submitted. */
	req(DIS, "GET", "/review", NULL, 200, &r);
	hs_contains(&r, "data-status=\"submitted\"><a href=\"/review?status=submitted\">");
	hs_contains(&r, "Cơ sở thủy sản");
	hc_response_free(&r);

	/* Return without a note: 400 with the message beside the note. */
	snprintf(target, sizeof(target), "/reports/%lld", id);
	req(DIS, "GET", target, NULL, 200, &r);
	version_of(&r, v, sizeof(v));
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/reports/%lld/action", id);
	snprintf(body, sizeof(body), "version=%s&action=return&note=", v);
	req(DIS, "POST", target, body, 400, &r);
	hs_contains(&r, "data-field=\"note\"");
	hc_response_free(&r);
	snprintf(body, sizeof(body),
		 "version=%s&action=return&note=Thi%%E1%%BA%%BFu+n%%C6%%B0%%E1%%BB%%9Bc", v);
	req(DIS, "POST", target, body, 303, &r);
	hc_response_free(&r);
	/* The same (now stale) version again: 409, the note kept. */
	req(DIS, "POST", target, body, 409, &r);
	hs_contains(&r, "Thiếu nước</textarea>");
	hc_response_free(&r);

	/* The enterprise sees the note, fixes the report (water added) and resubmits. */
	req(ENT, "GET", FORM, NULL, 200, &r);
	hs_contains(&r, "Thiếu nước");
	version_of(&r, v, sizeof(v));
	hc_response_free(&r);
	/* A stale version: 409, input kept, nothing written. */
	req(ENT, "POST", FORM,
	    "version=1&" LINES "&energy%5B0%5D.quantity=4000&n_water=1&water%5B0%5D.source=tap&"
	    "water%5B0%5D.quantity_m3=120&op=save",
	    409, &r);
	hs_contains(&r, "value=\"4000\"");
	hc_response_free(&r);
	snprintf(body, sizeof(body),
		 "version=%s&%s&energy%%5B0%%5D.quantity=3596&n_water=1&"
		 "water%%5B0%%5D.source=tap&water%%5B0%%5D.quantity_m3=120&op=submit",
		 v, LINES);
	req(ENT, "POST", FORM, body, 303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int("wfp.db", "SELECT count(*) FROM report_water WHERE report_id = "
					   "(SELECT id FROM report WHERE facility_id = 7101)"),
			 1);

	/* The province accepts it. */
	snprintf(target, sizeof(target), "/reports/%lld", id);
	req(PRO, "GET", target, NULL, 200, &r);
	hs_contains(&r, "value=\"accept\"");
	version_of(&r, v, sizeof(v));
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/reports/%lld/action", id);
	snprintf(body, sizeof(body), "version=%s&action=accept", v);
	req(PRO, "POST", target, body, 303, &r);
	hc_response_free(&r);
	char *status = NULL;
	status = wfx_text("wfp.db", "SELECT status FROM report WHERE facility_id = 7101");
	assert_string_equal(status, "accepted");
	free(status);

	/* Accepted: the form refuses writes (409) and the enterprise cannot reopen it. */
	req(ENT, "POST", FORM, LINES "&op=save", 409, &r);
	hc_response_free(&r);

	/* The audit page lists the steps in words, filterable by action. */
	req(PRO, "GET", "/audit?entity=report", NULL, 200, &r);
	hs_contains(&r, "<td>Tạo báo cáo</td>");
	hs_contains(&r, "<td>Nộp báo cáo</td>");
	hs_contains(&r, "<td>Trả lại báo cáo</td>");
	hs_contains(&r, "<td>Chấp nhận báo cáo</td>");
	/* The report's lines in words: 10,5 t of the product typed as "10,5",
	 * electricity by name, the CP fields as Có/Không; no code, no JSON. */
	hs_contains(&r, "<dt>Sản lượng</dt><dd>Thủy sản đông lạnh khác 10,50 tấn</dd>");
	hs_contains(&r, "<dt>Đã áp dụng SXSH</dt><dd>Có</dd>");
	hs_lacks(&r, "electricity");
	hs_lacks(&r, "class=\"json\"");
	hc_response_free(&r);
	req(PRO, "GET", "/audit?action=report.accept", NULL, 200, &r);
	assert_null(strstr(r.body, "<td>Tạo báo cáo</td>"));
	hs_contains(&r, "<td>Chấp nhận báo cáo</td>");
	hc_response_free(&r);
	req(PRO, "GET", "/audit?from=2020-13-01", NULL, 400, &r);
	hc_response_free(&r);

	/* The facility page shows the history: 0,55 TOE in 2025, and the status. */
	req(ENT, "GET", FAC, NULL, 200, &r);
	hs_contains(&r, "<td>2025</td><td>0,55</td>");
	hs_contains(&r, "Đã chấp nhận");
	hs_contains(&r, "<svg");
	hc_response_free(&r);
}

/*
 * The preview's verdict against a norm is exact (calc/exact.h) and its
 * numbers are shown as everywhere (util/fmt.h).  Beer, 2024, TT 19/2016:
 * below 200,000 hl a year the norm is 286 MJ/hl.  1,127,750 kWh x 0.0036 =
 * 4,059.9 GJ and 570.7 t DO x 43.0 = 24,540.1 GJ make 28,600 GJ =
 * 28,600,000 MJ / 100,000 hl = 286 MJ/hl (286.00000000000006 in doubles):
 * 100,0 % of the norm, within it.  570.8 t DO adds 4.3 GJ: 28,604.3 GJ,
 * 286.043 MJ/hl, 100.015 % -> "100,0 %", above it.  TOE: 1,127,750 x
 * 0.0001543 = 174.011825 and 570.7 x 1.02 = 582.114: 756.125825 -> "756,13".
 */
#define BEER(do_t)                                                                                 \
	"cp_aware=1&cp_staff=1&cp_unit=0&cp_applied=1&n_output=1&output%5B0%5D.product=beer&"      \
	"output%5B0%5D.quantity=100000&output%5B0%5D.unit=hl&n_energy=2&"                          \
	"energy%5B0%5D.carrier=electricity&energy%5B0%5D.unit=kWh&"                                \
	"energy%5B0%5D.quantity=1127750&energy%5B1%5D.carrier=do&energy%5B1%5D.unit=t&"            \
	"energy%5B1%5D.quantity=" do_t "&op=preview"

static void
test_preview_norm(void **state)
{
	(void)state;
	struct hc_response r;
	req(ENT, "POST", FAC "/report/2024", BEER("570%2C7"), 200, &r);
	hs_contains(&r, "756,13 TOE");
	hs_contains(&r, "<td>286,0 MJ/hl</td>");
	hs_contains(&r, "<td class=\"within-norm\">100,0 % đạt định mức</td>");
	hs_lacks(&r, "id=\"w-norm-beer\"");
	hc_response_free(&r);
	req(ENT, "POST", FAC "/report/2024", BEER("570%2C8"), 200, &r);
	hs_contains(&r, "<td class=\"above-norm\">100,0 % vượt định mức</td>");
	/* Above the norm: a warning beside the beer's row, named, with its box. */
	hs_contains(&r, "<div class=\"warn\" id=\"w-norm-beer\"><p class=\"warn-text\"><strong>"
			"Cảnh báo: </strong>Sản lượng Bia: suất tiêu hao bằng 100,0 % định mức (");
	hs_contains(&r, "<textarea name=\"explain.norm.beer\" id=\"f-explain-norm-beer\"");
	hc_response_free(&r);
}

static void
test_my_and_registration(void **state)
{
	(void)state;
	struct hc_response r;
	req(ENT, "GET", "/my", NULL, 200, &r);
	hs_contains(&r, "href=\"" FAC "\"");
	hc_response_free(&r);
	req(ENT, "POST", "/my/claim", "key=NO-SUCH", 400, &r);
	hs_contains(&r, "data-field=\"key\"");
	hs_contains(&r, "value=\"NO-SUCH\"");
	hc_response_free(&r);
	/* A planned saving of 150 % is out of range: beside the field, input kept. */
	req(ENT, "POST", FAC "/registration/2026",
	    "apply_cp=1&planned_saving_pct=150&measures=LED&op=save", 400, &r);
	hs_contains(&r, "data-field=\"planned_saving_pct\"");
	hs_contains(&r, "value=\"150\"");
	hc_response_free(&r);
	req(ENT, "POST", FAC "/registration/2026",
	    "apply_cp=1&planned_saving_pct=5&measures=LED&op=submit", 303, &r);
	hc_response_free(&r);
	assert_int_equal(wfx_int("wfp.db", "SELECT count(*) FROM registration WHERE status = "
					   "'submitted' AND planned_saving_pct = 5"),
			 1);
	/* English page: messages in English. */
	req(ENT, "POST", "/my/claim?lang=en", "key=NO-SUCH", 400, &r);
	hs_contains(&r, "no facility has this code");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_status_walk),
	    cmocka_unit_test(test_my_and_registration),
	    cmocka_unit_test(test_preview_norm),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
