/*
 * A province clerk's walk with the Statistics Office's enterprise list:
 * a Windows-1258 file separated by ';', without facility codes, whose
 * units, sectors and ownership are written as people write them.  The
 * headers' guesses, the values matched by name, the codes sxsh makes (from
 * the tax code, else numbered after the highest stored), a stored facility
 * matched by its tax code, and every message naming the field in
 * Vietnamese.  Expected values are worked out by hand in the comments.
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
#include "model/io/csvio.h"
#include "model/io/mapping.h"
#include "model/registry/refdata.h"
#include "testutil.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/fold.h"

static struct db *db;
static struct buf errs;
static struct mapping_stats st;

/* The clerk's file, as its lines read (UTF-8 here; written in Windows-1258 below). */
static const char clerk_utf8[] =
    "STT;Mã số thuế;Tên doanh nghiệp;Địa bàn;Mã ngành;Loại hình;Số lao động\r\n"
    "1;0101234567;Công ty TNHH Thủy sản Hòa Bình;Rạch Giá;1020;Công ty TNHH;120\r\n"
    "2;0107654321;Hộ kinh doanh Nước đá Minh Tâm;Kiên Lương;1079;Hộ cá thể;12\r\n";

/*
 * The clerk's tax codes fail the check digit of DOMAIN.md §10 (weights 31
 * 29 23 19 17 13 7 5 3, N10 = 10 − (Σ mod 11)):
 *   0101234567: 0+29+0+19+34+39+28+25+18 = 192; 192 mod 11 = 5; N10 = 5, not 7.
 *   0107654321: 0+29+0+133+102+65+28+15+6 = 378; 378 mod 11 = 4; N10 = 6, not 1.
 * The same list with those check digits right: 0101234565, 0107654326.
 */
static const char *
fixed_tax(const char *text)
{
	static char b[1024];
	snprintf(b, sizeof(b), "%s", text);
	char *p = strstr(b, "0101234567");
	p[9] = '5';
	p = strstr(b, "0107654321");
	p[9] = '6';
	return b;
}

/* text converted to Windows-1258 by iconv, written as name; its path (malloc'd). */
static char *
write_1258(const char *name, const char *text)
{
	iconv_t cd = iconv_open("CP1258", "UTF-8");
	assert_true(cd != (iconv_t)-1);
	char out[2048], *in = (char *)text, *o = out;
	size_t inl = strlen(text), outl = sizeof(out) - 1;
	assert_true(iconv(cd, &in, &inl, &o, &outl) != (size_t)-1);
	iconv_close(cd);
	*o = '\0';
	/* really Windows-1258: "đ" of "Địa bàn" is the byte D0, not UTF-8 */
	assert_false(utf8_valid(out, (size_t)(o - out)));
	assert_non_null(strchr(out, (char)0xD0));
	return xstrdup(tu_write_file(name, out)); /* tu_path's buffer is reused */
}

static void
err_buf(void *ctx, const char *where, const char *reason)
{
	buf_printf(ctx, "%s: %s\n", where, reason);
}

/*
 * The profile the page makes of the guesses (test_guesses checks them) and
 * the clerk's choice "tạo tự động": gen "tax_or_sequence" or "sequence".
 * Size by employees after Nghị định 80/2021/NĐ-CP (the page's constant).
 */
static char *
clerk_profile(const char *gen, int use_tax)
{
	return xasprintf(
	    "{\"sxsh_mapping_profile\": 1, \"name\": \"thong-ke-kg\", \"target\": \"facilities\","
	    " \"decimal\": \",\", \"code\": {\"generate\": \"%s\", \"prefix\": \"TK-\","
	    " \"match_tax_code\": true}, \"columns\": ["
	    " {\"header\": \"STT\", \"field\": \"skip\"},"
	    " {\"header\": \"Mã số thuế\", \"field\": \"%s\"},"
	    " {\"header\": \"Tên doanh nghiệp\", \"field\": \"name\"},"
	    " {\"header\": \"Địa bàn\", \"field\": \"admin_unit\","
	    "  \"values\": {\"Rạch Giá\": \"rach-gia\", \"Kiên Lương\": \"kien-luong\"}},"
	    " {\"header\": \"Mã ngành\", \"field\": \"sector\","
	    "  \"values\": {\"1020\": \"1020\", \"1079\": \"1079\"}},"
	    " {\"header\": \"Loại hình\", \"field\": \"ownership\","
	    "  \"values\": {\"Công ty TNHH\": \"private\", \"Hộ cá thể\": \"household\"}},"
	    " {\"header\": \"Số lao động\", \"field\": \"employees\"},"
	    " {\"header\": \"Số lao động\", \"field\": \"size\", \"match\": \"range\","
	    "  \"values\": {\"..10\": \"micro\", \"11..100\": \"small\", \"101..200\": \"medium\","
	    "   \"201..\": \"large\"}}]}",
	    gen, use_tax ? "tax_code" : "skip");
}

static int
run(const char *json, const char *path, int dry)
{
	char err[512];
	struct mapping_profile *p = mapping_from_json(json, err, sizeof(err));
	if (p == NULL)
		fail_msg("profile: %s", err);
	struct mapping_opts o = {.dry_run = dry, .msg_lang = LANG_VI + 1};
	buf_reset(&errs);
	int rc = mapping_import_path(db, p, path, "tk.csv", &o, err_buf, &errs, &st);
	mapping_free(p);
	return rc;
}

/* The facilities stored, as sxsh exports them. */
static const char *
stored(void)
{
	static char out[4096];
	char err[256];
	FILE *f = fopen(tu_path("export.csv"), "w+");
	assert_non_null(f);
	assert_int_equal(csvio_export(db, CSVIO_FACILITIES, f, 0, err, sizeof(err)), 0);
	rewind(f);
	size_t n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	return out;
}

static int
setup(void **state)
{
	(void)state;
	char err[512];
	buf_init(&errs, 1 << 20);
	db = tu_db_new("clerk.db");
	if (refdata_load(db, err, sizeof(err)) != 0)
		fail_msg("refdata_load: %s", err);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(db);
	buf_free(&errs);
	return 0;
}

static void
test_guesses(void **state)
{
	(void)state;
	struct mapping_codes c;
	struct mapping_guess g;
	assert_int_equal(mapping_codes_load(db, &c), ST_OK);
	/* the clerk's headers; "STT" (a row number) is nothing */
	static const char *const heads[][2] = {
	    {"STT", NULL},
	    {"Mã số thuế", "tax_code"},
	    {"Tên doanh nghiệp", "name"},
	    {"Địa bàn", "admin_unit"},
	    {"Mã ngành", "sector"},
	    {"Loại hình", "ownership"},
	    {"Số lao động", "employees"},
	    /* other offices' headers, case and diacritics ignored */
	    {"TEN CO SO", "name"},
	    {"Tên đơn vị", "name"},
	    {"Huyện", "admin_unit"},
	    {"Địa chỉ hành chính", "admin_unit"},
	    {"Địa chỉ", "address"},
	    {"Ngành nghề", "sector"},
	    {"VSIC", "sector"},
	    {"Loại hình doanh nghiệp", "ownership"},
	    {"Quy mô", "size"},
	    {"Lao động", "employees"},
	    {"MST", "tax_code"},
	};
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		int hit = mapping_guess_header(&c, CSVIO_FACILITIES, heads[i][0], &g);
		if (heads[i][1] == NULL) {
			assert_int_equal(hit, 0);
			continue;
		}
		assert_int_equal(hit, 1);
		assert_int_equal(g.role, MAPR_FIELD);
		assert_string_equal(g.field, heads[i][1]);
	}
	/* reports: the year, and a carrier's name is its energy line with the unit in brackets */
	assert_int_equal(mapping_guess_header(&c, CSVIO_REPORTS, "Năm", &g), 1);
	assert_string_equal(g.field, "year");
	assert_int_equal(mapping_guess_header(&c, CSVIO_REPORTS, "Điện (kWh)", &g), 1);
	assert_int_equal(g.role, MAPR_LINE);
	assert_int_equal(g.line, MAPL_ENERGY);
	assert_string_equal(g.item, "electricity");
	assert_string_equal(g.unit, "kWh");

	/* values matched by name (data/admin_units.csv, data/sectors.csv, names.c) */
	static const char *const vals[][3] = {
	    {"admin_unit", "Rạch Giá", "rach-gia"},
	    {"admin_unit", "Kiên Lương", "kien-luong"},
	    {"admin_unit", "THÀNH PHỐ RẠCH GIÁ", "rach-gia"},
	    {"admin_unit", "Huyện Châu Thành", "chau-thanh"},
	    {"admin_unit", "TP. Rạch Giá", "rach-gia"},
	    {"admin_unit", "TX Hà Tiên", "ha-tien"},
	    {"admin_unit", "H. Hòn Đất", "hon-dat"},
	    {"admin_unit", "TP Hồ Chí Minh", NULL},
	    {"sector", "1020", "1020"},
	    {"sector", "1079", "1079"},
	    {"sector", "10201", "1020"}, /* a 5-digit code under 1020 */
	    {"sector", "Sản xuất thực phẩm khác chưa được phân vào đâu", "1079"},
	    {"ownership", "Công ty TNHH", "private"},
	    {"ownership", "Hộ cá thể", "household"},
	    {"ownership", "Hộ kinh doanh", "household"},
	    {"ownership", "Công ty cổ phần", "private"},
	    {"ownership", "Doanh nghiệp tư nhân", "private"},
	    {"ownership", "Hợp tác xã", "cooperative"},
	    {"ownership", "Doanh nghiệp nhà nước", "state"},
	    {"ownership", "Doanh nghiệp ngoài nhà nước", "private"},
	    {"ownership", "Doanh nghiệp có vốn đầu tư nước ngoài", "fdi"},
	    {"ownership", "Công ty TNHH 100% vốn nước ngoài", "fdi"},
	    {"ownership", "FDI", "fdi"},
	    {"ownership", "Khác", NULL},
	    {"size", "Doanh nghiệp nhỏ", "small"},
	    {"size", "Siêu nhỏ", "micro"},
	    {"size", "Vừa", "medium"},
	};
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		const char *got = mapping_guess_value(&c, CSVIO_FACILITIES, vals[i][0], vals[i][1]);
		if (vals[i][2] == NULL && got != NULL)
			fail_msg("%s '%s': %s, expected none", vals[i][0], vals[i][1], got);
		if (vals[i][2] != NULL && (got == NULL || strcmp(got, vals[i][2]) != 0))
			fail_msg("%s '%s': %s, expected %s", vals[i][0], vals[i][1],
				 got != NULL ? got : "none", vals[i][2]);
	}
	mapping_codes_free(&c);
}

static void
test_messages_name_fields(void **state)
{
	(void)state;
	char *path = write_1258("tk.csv", clerk_utf8);
	/* without a code column and without making codes: the field in Vietnamese, not "code" */
	char *p = clerk_profile("sequence", 1);
	char *nogen = xstrdup(p);
	char *c = strstr(nogen, "\"code\": {");
	memmove(c, strstr(c, "}, ") + 3, strlen(strstr(c, "}, ") + 3) + 1);
	assert_int_equal(run(nogen, path, 1), 1);
	/*
	 * Row 2: no code (a field without a column: by its label), a tax code
	 * with a wrong check digit (the file's own column).  Row 3 likewise.
	 */
	assert_string_equal(buf_str(&errs),
			    "tk.csv:2: Mã cơ sở: thiếu mã cơ sở\n"
			    "tk.csv:2: Mã số thuế: mã số thuế sai chữ số kiểm tra\n"
			    "tk.csv:3: Mã cơ sở: thiếu mã cơ sở\n"
			    "tk.csv:3: Mã số thuế: mã số thuế sai chữ số kiểm tra\n");
	free(nogen);
	free(p);
	/* the clerk's list as it is, codes from the tax code: its tax codes are refused */
	p = clerk_profile("tax_or_sequence", 1);
	assert_int_equal(run(p, path, 1), 1);
	assert_string_equal(buf_str(&errs),
			    "tk.csv:2: Mã số thuế: mã số thuế sai chữ số kiểm tra\n"
			    "tk.csv:3: Mã số thuế: mã số thuế sai chữ số kiểm tra\n");
	free(p);
	free(path);
}

static void
test_codes_made(void **state)
{
	(void)state;
	static const char head[] =
	    "code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,employees,"
	    "opened_year,closed_year,status\n";
	/*
	 * The clerk's list with the tax column skipped: numbered after the
	 * highest TK- code stored (none): TK-00001, TK-00002.  Size by
	 * employees: 120 in 101..200 medium, 12 in 11..100 small.  A dry run
	 * writes nothing.
	 */
	char *seq = clerk_profile("sequence", 0);
	char *path = write_1258("tk.csv", clerk_utf8);
	int rc = run(seq, path, 1);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(rc, 0);
	assert_int_equal(st.rows, 2);
	assert_int_equal(st.bad_rows, 0);
	assert_string_equal(stored(), head);
	rc = run(seq, path, 0);
	assert_int_equal(rc, 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.imported, 2);
	const char *rows_seq =
	    "TK-00001,,Công ty TNHH Thủy sản Hòa "
	    "Bình,1020,rach-gia,,,,private,medium,120,,,active\n"
	    "TK-00002,,Hộ kinh doanh Nước đá Minh Tâm,1079,kien-luong,,,,household,small,12,,,"
	    "active\n";
	char want[2048];
	snprintf(want, sizeof(want), "%s%s", head, rows_seq);
	assert_string_equal(stored(), want);

	/* The list with right tax codes: codes from them, MST-0101234565 and MST-0107654326. */
	char *tax = clerk_profile("tax_or_sequence", 1);
	char *fixed = write_1258("tk2.csv", fixed_tax(clerk_utf8));
	assert_int_equal(run(tax, fixed, 0), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.imported, 2);
	assert_int_equal(st.cs.inserted, 2);
	const char *rows_mst =
	    "MST-0101234565,0101234565,Công ty TNHH Thủy sản Hòa Bình,1020,rach-gia,,,,private,"
	    "medium,120,,,active\n"
	    "MST-0107654326,0107654326,Hộ kinh doanh Nước đá Minh Tâm,1079,kien-luong,,,,"
	    "household,small,12,,,active\n";
	snprintf(want, sizeof(want), "%s%s%s", head, rows_mst, rows_seq);
	assert_string_equal(stored(), want);

	/* Again: the stored facilities of those tax codes are updated, none added. */
	assert_int_equal(run(tax, fixed, 0), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.cs.inserted, 0);
	assert_int_equal(st.cs.updated, 2);
	assert_string_equal(stored(), want);

	/* Numbered again: after the highest stored, TK-00003 and TK-00004. */
	assert_int_equal(run(seq, path, 0), 0);
	assert_int_equal(st.cs.inserted, 2);
	assert_non_null(strstr(stored(), "\nTK-00003,,Công ty TNHH Thủy sản Hòa Bình,"));
	assert_non_null(strstr(stored(), "\nTK-00004,,Hộ kinh doanh Nước đá Minh Tâm,"));

	/*
	 * With a column of codes too ("STT" used as the code, the tax column
	 * skipped), a stored code is not overwritten unasked: the second
	 * import is refused.
	 */
	char *withcol = xstrdup(seq);
	char *at = strstr(withcol, "\"STT\", \"field\": \"skip\"");
	memcpy(at + strlen("\"STT\", \"field\": \""), "code", 4);
	assert_int_equal(run(withcol, path, 0), 0);
	assert_int_equal(st.cs.inserted, 2);
	assert_int_equal(run(withcol, path, 0), 1);
	assert_string_equal(
	    buf_str(&errs),
	    "tk.csv:2: STT: cơ sở '1' đã có trong sxsh; nhập tệp không ghi đè lên cơ "
	    "sở đã có\n"
	    "tk.csv:3: STT: cơ sở '2' đã có trong sxsh; nhập tệp không ghi đè lên cơ "
	    "sở đã có\n");
	free(withcol);

	/* The profile round-trips its code rule through JSON. */
	char err[256];
	struct mapping_profile *p = mapping_from_json(tax, err, sizeof(err));
	assert_non_null(p);
	assert_int_equal(p->code_gen, MAPG_TAX_OR_SEQ);
	assert_string_equal(p->code_prefix, "TK-");
	assert_int_equal(p->match_tax, 1);
	char *j = mapping_to_json(p);
	assert_non_null(strstr(j, "\"code\": {\n    \"generate\": \"tax_or_sequence\",\n    "
				  "\"prefix\": \"TK-\",\n    \"match_tax_code\": true\n  }"));
	mapping_free(p);
	free(j);
	free(seq);
	free(tax);
	free(path);
	free(fixed);
}

static void
test_bad_code_rule(void **state)
{
	(void)state;
	char err[256];
	const char *bad =
	    "{\"sxsh_mapping_profile\": 1, \"name\": \"x\", \"target\": \"facilities\","
	    " \"code\": {\"generate\": \"sequence\", \"prefix\": \"TK 1\"},"
	    " \"columns\": []}";
	assert_null(mapping_from_json(bad, err, sizeof(err)));
	assert_non_null(strstr(err, "code.prefix: 1 to 20 letters, digits, '-', '_' or '.'"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_guesses),
	    cmocka_unit_test(test_messages_name_fields),
	    cmocka_unit_test(test_codes_made),
	    cmocka_unit_test(test_bad_code_rule),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
