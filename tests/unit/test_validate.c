/*
 * Unit tests for model/validate: tax codes (DOMAIN.md §10), enumerations
 * and ranges.  Check digits are worked out by hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "model/validate.h"

static struct msg vm;

/*
 * Asserts that vm renders as vi in Vietnamese, en in English and
 * "vi / en" in both.
 */
static void
expect_msg(const char *vi, const char *en)
{
	char out[VAL_MSG_MAX], both[2 * VAL_MSG_MAX];
	assert_string_equal(msg_format(&vm, LANG_VI, out, sizeof(out)), vi);
	assert_string_equal(msg_format(&vm, LANG_EN, out, sizeof(out)), en);
	snprintf(both, sizeof(both), "%s / %s", vi, en);
	assert_string_equal(msg_format(&vm, MSG_BOTH, out, sizeof(out)), both);
}

static void
test_tax_code(void **state)
{
	(void)state;
	/* Σ = 0·31+1·29+0·23+0·19+1·17+0·13+9·7+1·5+0·3 = 114; 114 mod 11 = 4; 10−4 = 6 */
	assert_int_equal(val_tax_code("0100109106", 0, &vm), VAL_OK);
	assert_int_equal(val_tax_code("0100109107", 0, &vm), VAL_CHECKSUM);
	expect_msg("mã số thuế sai chữ số kiểm tra",
		   "tax code has a wrong check digit '0100109107'");
	/* Σ = 1·31+7·29+0+1·19+2·17+3·13+4·7+5·5+6·3 = 397; 397 mod 11 = 1; 10−1 = 9 */
	assert_int_equal(val_tax_code("1701234569", 0, &vm), VAL_OK);
	assert_int_equal(val_tax_code("1701234568", 0, &vm), VAL_CHECKSUM);
	/* Branch codes: the parent's ten digits carry the check; 001–999 after '-'. */
	assert_int_equal(val_tax_code("0100109106-001", 0, &vm), VAL_OK);
	assert_int_equal(val_tax_code("0100109106-999", 0, &vm), VAL_OK);
	assert_int_equal(val_tax_code("0100109106-000", 0, &vm), VAL_FORMAT);
	expect_msg("mã số thuế đơn vị phụ thuộc phải có số thứ tự 001–999",
		   "tax code branch number must be 001–999 '0100109106-000'");
	assert_int_equal(val_tax_code("0100109107-001", 0, &vm), VAL_CHECKSUM);
	assert_int_equal(val_tax_code("0100109106-01", 0, &vm), VAL_FORMAT);
	assert_int_equal(val_tax_code("0100109106_001", 0, &vm), VAL_FORMAT);
	/* Wrong lengths and characters. */
	assert_int_equal(val_tax_code("010010910", 0, &vm), VAL_FORMAT);
	expect_msg(
	    "mã số thuế phải có 10 số, 10 số-3 số hoặc 12 số (hộ kinh doanh)",
	    "tax code must be 10 digits, 10 digits-NNN, or 12 digits for households '010010910'");
	assert_int_equal(val_tax_code("01001091O6", 0, &vm), VAL_FORMAT);
	assert_int_equal(val_tax_code("", 0, &vm), VAL_MISSING);
	/* 12 digits: households only, no checksum. */
	assert_int_equal(val_tax_code("091234567890", 1, &vm), VAL_OK);
	assert_int_equal(val_tax_code("091234567890", 0, &vm), VAL_NOT_ALLOWED);
	expect_msg("mã số thuế 12 số chỉ dành cho hộ kinh doanh",
		   "a 12-digit tax code is allowed only for household businesses '091234567890'");
	assert_int_equal(val_tax_code("09123456789", 1, &vm), VAL_FORMAT);
	/*
	 * Remainder 0: prefix 010010916 sums to 114 + 6·3 = 132 = 12·11, so
	 * 10 − 0 = 10 is no digit and every tenth digit is wrong — including 0,
	 * which a "mod 10" shortcut would accept.
	 */
	for (char d = '0'; d <= '9'; d++) {
		char code[11] = "010010916x";
		code[9] = d;
		assert_int_equal(val_tax_code(code, 0, &vm), VAL_CHECKSUM);
	}
}

static void
test_enums(void **state)
{
	(void)state;
	int v = -1;
	assert_int_equal(val_ownership("fdi", &v, &vm), VAL_OK);
	assert_int_equal(v, OWN_FDI);
	assert_int_equal(val_ownership("cooperative", &v, &vm), VAL_OK);
	assert_int_equal(v, OWN_COOPERATIVE);
	assert_int_equal(val_ownership("FDI", &v, &vm), VAL_FORMAT);
	expect_msg("loại hình sở hữu không hợp lệ",
		   "invalid ownership 'FDI' (state|private|fdi|household|cooperative)");
	/* What was typed may hold " / ": it is quoted whole. */
	assert_int_equal(val_ownership("nhà nước / state", &v, &vm), VAL_FORMAT);
	expect_msg("loại hình sở hữu không hợp lệ", "invalid ownership 'nhà nước / state' "
						    "(state|private|fdi|household|cooperative)");
	assert_int_equal(val_ownership("", &v, &vm), VAL_MISSING);
	expect_msg("thiếu loại hình sở hữu", "ownership is missing");
	assert_int_equal(val_size("large", &v, &vm), VAL_OK);
	assert_int_equal(v, SIZE_LARGE);
	assert_int_equal(val_size("huge", &v, &vm), VAL_FORMAT);
	assert_int_equal(val_fstatus("closed", &v, &vm), VAL_OK);
	assert_int_equal(v, FSTATUS_CLOSED);
	assert_int_equal(val_fstatus("open", &v, &vm), VAL_FORMAT);
	assert_int_equal(val_rstatus("accepted", &v, &vm), VAL_OK);
	assert_int_equal(v, RSTATUS_ACCEPTED);
	assert_int_equal(val_rstatus("done", &v, &vm), VAL_FORMAT);
	expect_msg("trạng thái báo cáo không hợp lệ",
		   "invalid report status 'done' (draft|submitted|returned|accepted)");
	assert_int_equal(val_water("ground", &v, &vm), VAL_OK);
	assert_int_equal(v, WATER_GROUND);
	assert_int_equal(val_water("rain", &v, &vm), VAL_FORMAT);
	assert_string_equal(names_ownership[OWN_HOUSEHOLD].code, "household");
}

static void
test_ranges(void **state)
{
	(void)state;
	static const struct val_label y = {"năm", "year"}, q = {"số lượng", "quantity"},
				      b = {"nhận thức", "awareness"};
	int v;
	int64_t i;
	double d;
	assert_int_equal(val_year("1900", &y, &v, &vm), VAL_OK);
	assert_int_equal(v, 1900);
	assert_int_equal(val_year("2100", &y, &v, &vm), VAL_OK);
	assert_int_equal(val_year("1899", &y, &v, &vm), VAL_RANGE);
	expect_msg("năm phải từ 1900 đến 2100", "year must be between 1900 and 2100, got '1899'");
	assert_int_equal(val_year("2101", &y, &v, &vm), VAL_RANGE);
	assert_int_equal(val_year("20x5", &y, &v, &vm), VAL_FORMAT);
	expect_msg("năm phải là số nguyên", "year must be a whole number, got '20x5'");
	assert_int_equal(val_month("0", &y, &v, &vm), VAL_RANGE);
	assert_int_equal(val_month("12", &y, &v, &vm), VAL_OK);
	assert_int_equal(v, 12);
	assert_int_equal(val_month("13", &y, &v, &vm), VAL_RANGE);
	assert_int_equal(val_int_range("-1", 0, 10, &q, &i, &vm), VAL_RANGE);
	assert_int_equal(val_int_range("2.5", 0, 10, &q, &i, &vm), VAL_FORMAT);
	assert_int_equal(val_int_range("10", 0, 10, &q, &i, &vm), VAL_OK);
	/* Bounds are written as the field is typed, not grouped: 10000000. */
	assert_int_equal(val_int_range("10000001", 0, 10000000, &q, &i, &vm), VAL_RANGE);
	expect_msg("số lượng phải từ 0 đến 10000000",
		   "quantity must be between 0 and 10000000, got '10000001'");
	assert_int_equal(i, 10);
	assert_int_equal(val_double_range("-90.5", -90, 90, &q, &d, &vm), VAL_RANGE);
	expect_msg("số lượng phải từ -90 đến 90",
		   "quantity must be between -90 and 90, got '-90.5'");
	assert_int_equal(val_double_range("-90", -90, 90, &q, &d, &vm), VAL_OK);
	assert_true(d == -90);
	assert_int_equal(val_double_range("1e3", 0, 1e15, &q, &d, &vm), VAL_OK);
	assert_true(d == 1000); /* 1·10³ */
	/* The CSV formats use '.' only: a Vietnamese decimal comma is refused. */
	assert_int_equal(val_double_range("1,5", 0, 10, &q, &d, &vm), VAL_FORMAT);
	expect_msg("số lượng không phải là số (dấu thập phân là '.')",
		   "quantity is not a number (decimal point '.'), got '1,5'");
	assert_int_equal(val_double_range("nan", 0, 10, &q, &d, &vm), VAL_FORMAT);
	assert_int_equal(val_double_range("", 0, 10, &q, &d, &vm), VAL_MISSING);
	assert_int_equal(val_bool01("1", &b, &v, &vm), VAL_OK);
	assert_int_equal(v, 1);
	assert_int_equal(val_bool01("0", &b, &v, &vm), VAL_OK);
	assert_int_equal(v, 0);
	assert_int_equal(val_bool01("yes", &b, &v, &vm), VAL_FORMAT);
	expect_msg("nhận thức phải là 1, 0 hoặc để trống",
		   "awareness must be 1, 0 or empty, got 'yes'");
}

static void
test_excerpt_and_codes(void **state)
{
	(void)state;
	static const struct val_label s = {"mã ngành", "sector code"};
	char out[100], in[71];
	memset(in, 'a', 70);
	in[70] = '\0';
	val_excerpt(out, sizeof(out), in);
	assert_int_equal(strlen(out), 63); /* 60 bytes + the 3-byte "…" */
	assert_memory_equal(out + 60, "\xe2\x80\xa6", 3);
	assert_string_equal(val_excerpt(out, sizeof(out), "a\nb\tc"), "a?b?c");
	assert_int_equal(val_unknown_code(&s, "9999", &vm), VAL_FORMAT);
	expect_msg("mã ngành không tồn tại", "unknown sector code '9999'");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tax_code),
	    cmocka_unit_test(test_enums),
	    cmocka_unit_test(test_ranges),
	    cmocka_unit_test(test_excerpt_and_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
