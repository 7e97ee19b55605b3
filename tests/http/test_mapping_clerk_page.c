/*
 * The mapping page with a province clerk's file: the Statistics Office's
 * enterprise list, Windows-1258 with ';', no facility codes.  The page
 * guesses each column's field from its header and each value's code from
 * its name, marks a value it cannot place as needing a choice, offers
 * "Mã cơ sở: tạo tự động", names every field in Vietnamese, and the dry
 * run and the import give the facilities worked out by hand below.
 */
#include <iconv.h>
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

static struct hc_server server;
static struct db *db;
static struct hs_session pro;

#define DBNAME	 "mapclerk.db"
#define BOUNDARY "----sxshClerkBoundary7MA4YWxkTrZu0gW"

static const char clerk_utf8[] =
    "STT;Mã số thuế;Tên doanh nghiệp;Địa bàn;Mã ngành;Loại hình;Số lao động\r\n"
    "1;0101234567;Công ty TNHH Thủy sản Hòa Bình;Rạch Giá;1020;Công ty TNHH;120\r\n"
    "2;0107654321;Hộ kinh doanh Nước đá Minh Tâm;Kiên Lương;1079;Hộ cá thể;12\r\n";

/*
 * The same list with the tax codes' check digits right (DOMAIN.md §10):
 * 0101234567 sums to 192, 192 mod 11 = 5, check digit 10 − 5 = 5;
 * 0107654321 sums to 378, 378 mod 11 = 4, check digit 6.
 */
static const char fixed_utf8[] =
    "STT;Mã số thuế;Tên doanh nghiệp;Địa bàn;Mã ngành;Loại hình;Số lao động\r\n"
    "1;0101234565;Công ty TNHH Thủy sản Hòa Bình;Rạch Giá;1020;Công ty TNHH;120\r\n"
    "2;0107654326;Hộ kinh doanh Nước đá Minh Tâm;Kiên Lương;1079;Hộ cá thể;12\r\n";

/* text in Windows-1258 (static buffer) */
static const char *
cp1258(const char *text)
{
	static char out[2048];
	iconv_t cd = iconv_open("CP1258", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char *in = (char *)text, *o = out;
	size_t inl = strlen(text), outl = sizeof(out) - 1;
	assert_true(iconv(cd, &in, &inl, &o, &outl) != (size_t)-1);
	iconv_close(cd);
	*o = '\0';
	return out;
}

static int
setup(void **state)
{
	db = fx_db_new(DBNAME, NULL);
	static const struct user_new u = {.email = "clerk@x.vn", .role = ROLE_PROVINCE};
	hs_accounts(db, &u, 1, NULL, &pro);
	*state = db;
	hs_server_start(&server, DBNAME);
	return 0;
}

/* Uploads data as tk.csv for target; the token of /imports/map into token. */
static void
upload_as(const char *target, const char *data, char token[64])
{
	char body[8192], extra[512];
	struct hc_response r;
	snprintf(body, sizeof(body),
		 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
		 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"target\"\r\n\r\n"
		 "%s\r\n"
		 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"profile\"\r\n\r\n\r\n"
		 "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
		 "filename=\"tk.csv\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n--" BOUNDARY "--\r\n",
		 pro.csrf, target, data);
	snprintf(extra, sizeof(extra),
		 "%sContent-Type: multipart/form-data; boundary=" BOUNDARY "\r\n", pro.cookie);
	hs_req(server.port, "POST", "/imports/new", extra, body, 303, &r);
	char *loc = hc_header(&r, "Location");
	const char *t = strstr(loc, "t=") + 2;
	snprintf(token, 64, "%.*s", (int)strcspn(t, "&"), t);
	free(loc);
	hc_response_free(&r);
}

static void
upload(const char *data, char token[64])
{
	upload_as("facilities", data, token);
}

/*
 * The form as the clerk posts it after accepting every guess: the columns
 * (f0 STT skipped), the values matched, size by employees, and the code
 * rule gen ("" none, "tax", "seq") with prefix.
 */
static const char *
form(const char *token, const char *action, const char *gen, const char *prefix)
{
	static char b[2048];
	snprintf(b, sizeof(b),
		 "t=%s&target=facilities&base=&base_version=0&name=thong-ke&decimal=%%2C"
		 "&bad_rows=refuse&f0=skip&f1=f%%3Atax_code&f2=f%%3Aname&f3=f%%3Aadmin_unit"
		 "&v3_0=rach-gia&v3_1=kien-luong&f4=f%%3Asector&v4_0=1020&v4_1=1079"
		 "&f5=f%%3Aownership&v5_0=private&v5_1=household&f6=f%%3Aemployees"
		 "&k_size=%%40employees&codegen=%s&code_prefix=%s&match_tax=1&action=%s",
		 token, gen, prefix, action);
	return b;
}

static void
test_guesses(void **state)
{
	(void)state;
	char token[64], url[256];
	struct hc_response r;
	upload(cp1258(clerk_utf8), token);
	snprintf(url, sizeof(url), "/imports/map?t=%s&target=facilities&profile=", token);
	hs_req(server.port, "GET", url, pro.cookie, NULL, 200, &r);
	/* the file read as Windows-1258: its Vietnamese headers intact */
	hs_contains(&r, "<th scope=\"row\">Tên doanh nghiệp</th>");
	/* each header's field guessed; STT (a row number) skipped */
	hs_contains(&r, "<select id=\"f0\" name=\"f0\"><option value=\"skip\" "
			"selected=\"selected\">Bỏ qua</option>");
	hs_contains(&r, "<option value=\"f:tax_code\" selected=\"selected\">Mã số thuế</option>");
	hs_contains(&r, "<option value=\"f:name\" selected=\"selected\">Tên cơ sở</option>");
	hs_contains(&r, "<option value=\"f:admin_unit\" selected=\"selected\">Đơn vị hành "
			"chính</option>");
	hs_contains(&r,
		    "<option value=\"f:sector\" selected=\"selected\">Ngành (mã VSIC)</option>");
	hs_contains(
	    &r, "<option value=\"f:ownership\" selected=\"selected\">Loại hình sở hữu</option>");
	hs_contains(&r, "<option value=\"f:employees\" selected=\"selected\">Số lao động</option>");
	/* values matched ignoring the unit's kind word and by the Statistics Office's words */
	hs_contains(&r, "<option value=\"rach-gia\" selected=\"selected\">rach-gia – Thành phố "
			"Rạch Giá</option>");
	hs_contains(&r, "<option value=\"kien-luong\" selected=\"selected\">kien-luong – Huyện "
			"Kiên Lương</option>");
	hs_contains(&r, "<option value=\"1020\" selected=\"selected\">1020 – ");
	hs_contains(&r, "<option value=\"1079\" selected=\"selected\">1079 – ");
	hs_contains(&r, "<option value=\"private\" selected=\"selected\">Tư nhân</option>");
	hs_contains(&r, "<option value=\"household\" selected=\"selected\">Hộ kinh doanh</option>");
	hs_lacks(&r, "map-need");
	/* size by employees offered and chosen (the file has no size); codes not yet made */
	hs_contains(&r, "<option value=\"@employees\" selected=\"selected\">Theo số lao động");
	hs_contains(&r, "<option value=\"\" selected=\"selected\">Không tạo: lấy từ cột của "
			"tệp</option>");
	hs_contains(&r, "Tạo tự động từ mã số thuế (MST-0101234567)");
	hc_response_free(&r);

	/* A value nothing matches is marked as needing a choice, not kept silently. */
	upload("Tên doanh nghiệp;Loại hình\r\nCông ty A;Khác\r\n", token);
	snprintf(url, sizeof(url), "/imports/map?t=%s&target=facilities&profile=", token);
	hs_req(server.port, "GET", url, pro.cookie, NULL, 200, &r);
	hs_contains(&r, "<div class=\"map-value map-need\"><label for=\"v1_0\">Khác<strong "
			"class=\"map-need-note\"> (cần chọn)</strong></label>");
	hs_contains(&r, "<option value=\"?\" selected=\"selected\">— Cần chọn —</option>");
	hc_response_free(&r);
}

/* Reports: the facility code, the year, electricity in kWh guessed from the headers. */
static void
test_report_guesses(void **state)
{
	(void)state;
	char token[64], url[256];
	struct hc_response r;
	upload_as("reports", "Mã cơ sở;Năm;Điện (kWh)\r\nTK-00001;2024;1.250\r\n", token);
	snprintf(url, sizeof(url), "/imports/map?t=%s&target=reports&profile=", token);
	hs_req(server.port, "GET", url, pro.cookie, NULL, 200, &r);
	hs_contains(&r,
		    "<option value=\"f:facility_code\" selected=\"selected\">Mã cơ sở</option>");
	hs_contains(&r, "<option value=\"f:year\" selected=\"selected\">Năm báo cáo</option>");
	hs_contains(&r, "<option value=\"e:electricity\" selected=\"selected\">Điện</option>");
	hs_contains(&r, "<option value=\"kWh\" selected=\"selected\">");
	/* no facility code to make in a report */
	hs_lacks(&r, "map-codegen");
	hc_response_free(&r);
}

static void
test_messages(void **state)
{
	(void)state;
	char token[64];
	struct hc_response r;
	upload(cp1258(clerk_utf8), token);
	/* no code column and no code made: the field by its Vietnamese name, not "code" */
	hs_form_req(server.port, &pro, "POST", "/imports/map", form(token, "preview", "", ""), 200,
		    &r);
	hs_contains(&r, "<li>tk.csv:2: Mã cơ sở: thiếu mã cơ sở</li>");
	hs_contains(&r, "<li>tk.csv:2: Mã số thuế: mã số thuế sai chữ số kiểm tra</li>");
	hs_contains(&r, "<li>tk.csv:3: Mã cơ sở: thiếu mã cơ sở</li>");
	hs_lacks(&r, ": code:");
	hc_response_free(&r);
	/* in English on the English page */
	hs_form_req(server.port, &pro, "POST", "/imports/map?lang=en",
		    form(token, "preview", "", ""), 200, &r);
	hs_contains(&r, "<li>tk.csv:2: Facility code: facility code is missing</li>");
	hc_response_free(&r);
	/* "tạo tự động" without a prefix: said, nothing run, the choice kept */
	hs_form_req(server.port, &pro, "POST", "/imports/map", form(token, "import", "tax", ""),
		    200, &r);
	hs_contains(&r, "<li>Tiền tố của số thứ tự: hãy gõ từ 1 đến 20 ký tự");
	hs_contains(&r, "<option value=\"tax\" selected=\"selected\">");
	hs_lacks(&r, "Đã nhập");
	hc_response_free(&r);
}

static void
test_import(void **state)
{
	(void)state;
	char token[64], buf[256];
	struct hc_response r;
	upload(cp1258(fixed_utf8), token);
	/*
	 * Codes from the tax codes: MST-0101234565, MST-0107654326; size by
	 * employees (NĐ 80/2021): 120 in 101..200 medium, 12 in 11..100 small.
	 */
	hs_form_req(server.port, &pro, "POST", "/imports/map", form(token, "preview", "tax", "TK-"),
		    200, &r);
	hs_contains(&r, "<td class=\"num\">2</td><td>Được</td><td>MST-0101234565</td>"
			"<td>0101234565</td><td>Công ty TNHH Thủy sản Hòa Bình</td>");
	hs_contains(&r, "<td>Thành phố Rạch Giá</td><td></td><td></td><td></td><td>Tư nhân</td>"
			"<td>Vừa</td><td class=\"num\">120</td>");
	hs_lacks(&r, "map-problems");
	/* what was chosen comes back chosen: the sector code, not "Giữ nguyên" */
	hs_contains(&r, "<option value=\"1020\" selected=\"selected\">1020 – ");
	hs_contains(&r, "<option value=\"@employees\" selected=\"selected\">");
	hc_response_free(&r);
	hs_form_req(server.port, &pro, "POST", "/imports/map", form(token, "dryrun", "tax", "TK-"),
		    200, &r);
	hs_contains(&r, "Chạy thử: 2 dòng, 2 dòng hợp lệ, 0 dòng lỗi. Chưa ghi gì vào sxsh.");
	hc_response_free(&r);
	assert_string_equal(tu_query_buf(DBNAME,
					 "SELECT count(*) FROM facility WHERE code LIKE 'MST-%'",
					 buf, sizeof(buf)),
			    "0");
	hs_form_req(server.port, &pro, "POST", "/imports/map", form(token, "import", "tax", "TK-"),
		    200, &r);
	hs_contains(&r, "Đã nhập: 2 dòng đọc, 2 dòng đã nhập, 0 dòng lỗi bị bỏ ra.");
	hc_response_free(&r);
	assert_string_equal(
	    tu_query_buf(
		DBNAME,
		"SELECT f.code || '|' || f.tax_code || '|' || f.sector_code || '|' || a.code"
		" || '|' || f.ownership || '|' || f.size || '|' || f.employees"
		" FROM facility f JOIN admin_unit a ON a.id = f.admin_unit_id"
		" WHERE f.code = 'MST-0107654326'",
		buf, sizeof(buf)),
	    "MST-0107654326|0107654326|1079|kien-luong|household|small|12");
	/* The same list again: the facilities of those tax codes are updated, none added. */
	hs_form_req(server.port, &pro, "POST", "/imports/map", form(token, "import", "tax", "TK-"),
		    200, &r);
	hs_contains(&r, "Đã nhập: 2 dòng đọc, 2 dòng đã nhập, 0 dòng lỗi bị bỏ ra.");
	hc_response_free(&r);
	assert_string_equal(tu_query_buf(DBNAME,
					 "SELECT count(*) FROM facility WHERE tax_code IN "
					 "('0101234565', '0107654326')",
					 buf, sizeof(buf)),
			    "2");
	/* Numbered with the clerk's prefix: the tax column skipped, TK-00001 and TK-00002. */
	char body[2048];
	snprintf(body, sizeof(body), "%s", form(token, "import", "seq", "TK-"));
	memcpy(strstr(body, "f1=f%3Atax_code"), "f1=skip&x=12345", 15);
	hs_form_req(server.port, &pro, "POST", "/imports/map", body, 200, &r);
	hs_contains(&r, "Đã nhập: 2 dòng đọc, 2 dòng đã nhập");
	hc_response_free(&r);
	assert_string_equal(tu_query_buf(DBNAME,
					 "SELECT name FROM facility WHERE code = 'TK-00002'", buf,
					 sizeof(buf)),
			    "Hộ kinh doanh Nước đá Minh Tâm");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_guesses),
	    cmocka_unit_test(test_report_guesses),
	    cmocka_unit_test(test_messages),
	    cmocka_unit_test(test_import),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
