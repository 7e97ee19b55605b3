/*
 * Unit tests for util/: number formatting and parsing, folding, buffers,
 * arenas.  Expected values are worked out by hand.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/fmt.h"
#include "util/fold.h"

static void
test_fmt_num_vi(void **state)
{
	(void)state;
	char b[64];
	/* The plan's own figure: 16.055,31 tỷ đồng. */
	assert_string_equal(fmt_num(b, sizeof(b), 16055.31, 2, LANG_VI), "16.055,31");
	assert_string_equal(fmt_num(b, sizeof(b), 16055.31, 2, LANG_EN), "16,055.31");
	assert_string_equal(fmt_num(b, sizeof(b), 12151, 0, LANG_VI), "12.151");
	assert_string_equal(fmt_num(b, sizeof(b), 1234567.891, 1, LANG_VI), "1.234.567,9");
	assert_string_equal(fmt_num(b, sizeof(b), -0.004, 2, LANG_VI), "0,00");
	assert_string_equal(fmt_num(b, sizeof(b), -1500.5, 1, LANG_VI), "-1.500,5");
	assert_string_equal(fmt_num(b, sizeof(b), 999, 0, LANG_VI), "999");
	/* Half away from zero (it was half to even, "0", before fmt_num's rule). */
	assert_string_equal(fmt_num(b, sizeof(b), 0.5, 0, LANG_VI), "1");
	assert_string_equal(fmt_int(b, sizeof(b), 1000000, LANG_VI), "1.000.000");
	assert_string_equal(fmt_int(b, sizeof(b), -12151, LANG_EN), "-12,151");
	assert_string_equal(fmt_date(b, sizeof(b), "2013-03-15"), "15/03/2013");
}

/* Computed at run time, so the compiler does not fold them. */
static volatile double v_0145 = 0.145, v_100 = 100, v_tenth = 0.1, v_seventh = 0.7;

/*
 * fmt_num rounds the 15-significant-digit decimal of v half away from zero.
 * Each case: the double as stored, what 15 digits read, the rounded string.
 */
static void
test_fmt_round(void **state)
{
	(void)state;
	char b[64];
	/* 56.25 is exact in binary: half -> up, 56,3 (C's printf gives 56.2). */
	assert_string_equal(fmt_num(b, sizeof(b), 56.25, 1, LANG_VI), "56,3");
	assert_string_equal(fmt_num(b, sizeof(b), 56.25, 1, LANG_EN), "56.3");
	/* 9 / 16 = 0.5625 x 100 = 56.25 (an indicator's share): 56,3. */
	assert_string_equal(fmt_num(b, sizeof(b), 9.0 / 16.0 * 100, 1, LANG_VI), "56,3");
	/* 1.005 is stored as 1.00499999999999989342; 15 digits read 1.00500000000000:
	 * 1,01 (Excel's ROUND(1.005; 2) too; printf gives 1.00). */
	assert_string_equal(fmt_num(b, sizeof(b), 1.005, 2, LANG_VI), "1,01");
	/* 2.675 is stored as 2.67499999999999982236: 2,68. */
	assert_string_equal(fmt_num(b, sizeof(b), 2.675, 2, LANG_VI), "2,68");
	/* 0.145 x 100 computes to 14.499999999999998; 15 digits read 14.5: 15. */
	assert_string_equal(fmt_num(b, sizeof(b), v_0145 * v_100, 0, LANG_VI), "15");
	/* 0.1 + 0.7 = 0.7999999999999999: 0,80. */
	assert_string_equal(fmt_num(b, sizeof(b), v_tenth + v_seventh, 2, LANG_VI), "0,80");
	/* Below half stays down, above goes up: 1.0049 -> 1,00; 1.0051 -> 1,01. */
	assert_string_equal(fmt_num(b, sizeof(b), 1.0049, 2, LANG_VI), "1,00");
	assert_string_equal(fmt_num(b, sizeof(b), 1.0051, 2, LANG_VI), "1,01");
	/* Away from zero for negatives: -0.5 -> -1; -2.25 -> -2,3; -0.05 -> -0,1. */
	assert_string_equal(fmt_num(b, sizeof(b), -0.5, 0, LANG_VI), "-1");
	assert_string_equal(fmt_num(b, sizeof(b), -2.25, 1, LANG_VI), "-2,3");
	assert_string_equal(fmt_num(b, sizeof(b), -0.05, 1, LANG_EN), "-0.1");
	/* A carry through every digit adds one: 999.995 -> 1.000,00; 9.96 -> 10,0. */
	assert_string_equal(fmt_num(b, sizeof(b), 999.995, 2, LANG_VI), "1.000,00");
	assert_string_equal(fmt_num(b, sizeof(b), 9.96, 1, LANG_EN), "10.0");
	/* The key-user sum 999.9999999999999 shows as 1.000,00. */
	assert_string_equal(fmt_num(b, sizeof(b), 999.9999999999999, 2, LANG_VI), "1.000,00");
	/* Small and large: 0.000154 at 6 decimals; 0.0004 at 3 is 0,000 (no sign
	 * for -0.0004 either); 1e20 with separators; 123456789012.345 at 2:
	 * 15 digits are 123456789012.345, half up: 123.456.789.012,35. */
	assert_string_equal(fmt_num(b, sizeof(b), 0.000154, 6, LANG_VI), "0,000154");
	assert_string_equal(fmt_num(b, sizeof(b), -0.0004, 3, LANG_VI), "0,000");
	assert_string_equal(fmt_num(b, sizeof(b), 1e20, 0, LANG_EN), "100,000,000,000,000,000,000");
	assert_string_equal(fmt_num(b, sizeof(b), 123456789012.345, 2, LANG_VI),
			    "123.456.789.012,35");
	assert_string_equal(fmt_num(b, sizeof(b), 0, 1, LANG_VI), "0,0");
	assert_string_equal(fmt_num(b, sizeof(b), NAN, 1, LANG_VI), "—");
	/* A buffer too small is cut, never overrun. */
	char s[4];
	assert_string_equal(fmt_num(s, sizeof(s), 12345.5, 1, LANG_VI), "12.");
}

/* Each quantity shown one way (fmt_qty). */
static void
test_fmt_qty(void **state)
{
	(void)state;
	char b[64];
	/* TOE: two decimals.  1,000 -> 1.000,00; 169.73 -> 169,73; 1,199.737 ->
	 * 1.199,74 (7 >= 5 rounds up). */
	assert_string_equal(fmt_qty(b, sizeof(b), 1000, FMT_TOE, LANG_VI), "1.000,00");
	assert_string_equal(fmt_qty(b, sizeof(b), 169.73, FMT_TOE, LANG_EN), "169.73");
	assert_string_equal(fmt_qty(b, sizeof(b), 1199.737, FMT_TOE, LANG_VI), "1.199,74");
	/* Percentages: one decimal, "56,3 %" in Vietnamese, "56.3%" in English;
	 * 1 / 15 = 6.666...% -> 6,7 %. */
	assert_string_equal(fmt_qty(b, sizeof(b), 56.25, FMT_PCT, LANG_VI), "56,3 %");
	assert_string_equal(fmt_qty(b, sizeof(b), 56.25, FMT_PCT, LANG_EN), "56.3%");
	assert_string_equal(fmt_qty(b, sizeof(b), 100.0 / 15, FMT_PCT, LANG_VI), "6,7 %");
	assert_string_equal(fmt_qty(b, sizeof(b), 50, FMT_PCT, LANG_VI), "50,0 %");
	assert_string_equal(fmt_qty(b, sizeof(b), NAN, FMT_PCT, LANG_VI), "—");
	/* Targets: whole, "50 %"; 7.5 keeps its decimal; 49.96 rounds to 50,0: "50 %". */
	assert_string_equal(fmt_qty(b, sizeof(b), 50, FMT_TARGET, LANG_VI), "50 %");
	assert_string_equal(fmt_qty(b, sizeof(b), 50, FMT_TARGET, LANG_EN), "50%");
	assert_string_equal(fmt_qty(b, sizeof(b), 7.5, FMT_TARGET, LANG_VI), "7,5 %");
	assert_string_equal(fmt_qty(b, sizeof(b), 49.96, FMT_TARGET, LANG_VI), "50 %");
	assert_int_equal(fmt_qty_decimals(FMT_TARGET, 50), 0);
	assert_int_equal(fmt_qty_decimals(FMT_TARGET, 7.5), 1);
	/* SEC: 4 significant digits.  286.043 -> 286,0; 2,200 -> 2.200; 0.108 ->
	 * 0,1080; 1.2345 -> 1,235 (half up); 0.0001543 -> 6 decimals at most,
	 * 0,000154; 999.96 rounds to 1,000 at 4 digits: no decimal, 1.000. */
	assert_string_equal(fmt_qty(b, sizeof(b), 286.043, FMT_SEC, LANG_VI), "286,0");
	assert_string_equal(fmt_qty(b, sizeof(b), 2200, FMT_SEC, LANG_VI), "2.200");
	assert_string_equal(fmt_qty(b, sizeof(b), 0.108, FMT_SEC, LANG_VI), "0,1080");
	assert_string_equal(fmt_qty(b, sizeof(b), 1.2345, FMT_SEC, LANG_EN), "1.235");
	assert_string_equal(fmt_qty(b, sizeof(b), 0.0001543, FMT_SEC, LANG_VI), "0,000154");
	assert_string_equal(fmt_qty(b, sizeof(b), 999.96, FMT_SEC, LANG_VI), "1.000");
	assert_string_equal(fmt_qty(b, sizeof(b), 0, FMT_SEC, LANG_VI), "0");
	/* GJ and CO2 one decimal, quantities two, percentile ranks whole (12.5 -> 13). */
	assert_string_equal(fmt_qty(b, sizeof(b), 4059.9, FMT_GJ, LANG_VI), "4.059,9");
	assert_string_equal(fmt_qty(b, sizeof(b), 318.63, FMT_CO2, LANG_VI), "318,6");
	assert_string_equal(fmt_qty(b, sizeof(b), 1186.1, FMT_QTY, LANG_VI), "1.186,10");
	assert_string_equal(fmt_qty(b, sizeof(b), 12.5, FMT_RANK, LANG_VI), "13");
}

static void
test_fmt_exact(void **state)
{
	(void)state;
	char b[32];
	/* Values people type come back as typed. */
	assert_string_equal(fmt_exact(b, sizeof(b), 0.3), "0.3");
	assert_string_equal(fmt_exact(b, sizeof(b), 12500), "12500");
	assert_string_equal(fmt_exact(b, sizeof(b), 1e15), "1e+15");
	/* 0.1 + 0.7 is 0.79999999999999993338661852249060757458209991455078125: 16 digits suffice.
	 */
	assert_string_equal(fmt_exact(b, sizeof(b), 0.1 + 0.7), "0.7999999999999999");
	/* 0.1 + 0.2 needs all 17. */
	assert_string_equal(fmt_exact(b, sizeof(b), 0.1 + 0.2), "0.30000000000000004");
}

static void
test_parse(void **state)
{
	(void)state;
	double d;
	int64_t i;
	assert_int_equal(parse_double("1234.5", &d, 0), 0);
	assert_true(d == 1234.5);
	assert_int_equal(parse_double(" 16.055,31 ", &d, 1), 0);
	assert_true(d == 16055.31);
	assert_int_equal(parse_double("1234,5", &d, 1), 0);
	assert_true(d == 1234.5);
	assert_int_equal(parse_double("1234,5", &d, 0), -1);
	assert_int_equal(parse_double("12a", &d, 1), -1);
	assert_int_equal(parse_double("", &d, 1), -1);
	assert_int_equal(parse_double("nan", &d, 1), -1);
	assert_int_equal(parse_double("1,2,3", &d, 1), -1);
	assert_int_equal(parse_int64("2015", &i), 0);
	assert_int_equal(i, 2015);
	assert_int_equal(parse_int64("20.5", &i), -1);
	assert_int_equal(parse_int64("99999999999999999999", &i), -1);
	int y, m, dd;
	assert_int_equal(parse_date("2024-02-29", &y, &m, &dd), 0);
	assert_int_equal(parse_date("2023-02-29", &y, &m, &dd), -1);
	assert_int_equal(parse_date("2025-06-31", &y, &m, &dd), -1);
	assert_int_equal(parse_date("2025-6-30", &y, &m, &dd), -1);
	assert_int_equal(date_num("2025-06-30"), 20250630);
	assert_int_equal(date_num("2011-04-19"), 20110419);
	assert_int_equal(date_num("2025-02-30"), -1);
}

/* parse_num_user: readings worked out by hand from the conventions. */
static void
test_parse_user(void **state)
{
	(void)state;
	double v, alt;
	/* Vietnamese pages: '.' groups, ',' is the decimal mark. */
	assert_int_equal(parse_num_user("12.500", LANG_VI, &v, &alt), NUM_OK);
	assert_true(v == 12500);
	assert_int_equal(parse_num_user("3,5", LANG_VI, &v, &alt), NUM_OK);
	assert_true(v == 3.5);
	assert_int_equal(parse_num_user(" 1.234.567,8 ", LANG_VI, &v, &alt), NUM_OK);
	assert_true(v == 1234567.8);
	assert_int_equal(parse_num_user("1 234,5", LANG_VI, &v, &alt), NUM_OK);
	assert_true(v == 1234.5);
	assert_int_equal(parse_num_user("-0,25", LANG_VI, &v, &alt), NUM_OK);
	assert_true(v == -0.25);
	assert_int_equal(parse_num_user("0,125", LANG_VI, &v, &alt), NUM_OK);
	assert_true(v == 0.125); /* "0,125" is no thousands in English either */
	assert_int_equal(parse_num_user("1.000", LANG_VI, &v, &alt), NUM_OK);
	assert_true(v == 1000);
	assert_int_equal(parse_num_user("16055,31", LANG_VI, &v, &alt), NUM_OK);
	assert_true(v == 16055.31);
	/* Two ways: 1,234 in Vietnamese, 1234 in English. */
	assert_int_equal(parse_num_user("1,234", LANG_VI, &v, &alt), NUM_TWO_WAYS);
	assert_true(v == 1.234);
	assert_true(alt == 1234);
	assert_int_equal(parse_num_user("1,000", LANG_VI, &v, &alt), NUM_TWO_WAYS);
	assert_true(v == 1 && alt == 1000);
	/* Not Vietnamese, with the English reading to suggest. */
	assert_int_equal(parse_num_user("12.5", LANG_VI, &v, &alt), NUM_BAD);
	assert_true(alt == 12.5);
	assert_int_equal(parse_num_user("1.2345", LANG_VI, &v, &alt), NUM_BAD);
	assert_true(alt == 1.2345);
	/* Neither. */
	static const char *const bad[] = {"",	"  ", "abc",	"1e5",	     "12a", "1,2,3",
					  ",5", "5,", "1..000", "12.50.000", "nan", "--1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse_num_user(bad[i], LANG_VI, &v, &alt), NUM_BAD);
		assert_true(isnan(alt));
	}
	/* English pages: the other way round. */
	assert_int_equal(parse_num_user("12,500", LANG_EN, &v, &alt), NUM_OK);
	assert_true(v == 12500);
	assert_int_equal(parse_num_user("3.5", LANG_EN, &v, &alt), NUM_OK);
	assert_true(v == 3.5);
	assert_int_equal(parse_num_user("1,234,567.8", LANG_EN, &v, &alt), NUM_OK);
	assert_true(v == 1234567.8);
	assert_int_equal(parse_num_user("1.234", LANG_EN, &v, &alt), NUM_TWO_WAYS);
	assert_true(v == 1.234 && alt == 1234);
	assert_int_equal(parse_num_user("3,5", LANG_EN, &v, &alt), NUM_BAD);
	assert_true(alt == 3.5);
}

static void
test_fold(void **state)
{
	(void)state;
	char *k = fold_key("Sản Xuất  Sạch Hơn");
	assert_string_equal(k, "san xuat sach hon");
	free(k);
	k = fold_key("  Đông Hồ  đường ");
	assert_string_equal(k, "dong ho duong");
	free(k);
	k = fold_key("Nước mắm Phú Quốc");
	assert_string_equal(k, "nuoc mam phu quoc");
	free(k);
	/* NFD input (decomposed marks) folds the same as NFC. */
	k = fold_key("Ha\xcc\x80 Tie\xcc\x82n");
	assert_string_equal(k, "ha tien");
	free(k);
	/* "Kiên Giang" is 10 characters in 11 bytes (ê is 2 bytes). */
	assert_int_equal(utf8_width("Kiên Giang"), 10);
	assert_int_equal(utf8_width("Đường"), 5); /* Đ 2 bytes, ư 2, ờ 3 */
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_valid("Kiên Giang", strlen("Kiên Giang")), 1);
	assert_int_equal(utf8_valid("\xff\xfe", 2), 0);
}

/*
 * A combining mark with no base letter folds to nothing and must not count
 * as a word: found by tests/fuzz/fuzz_validate.c ("\xdb\x9c\n." gave " .").
 */
static void
test_fold_lone_mark(void **state)
{
	(void)state;
	/* U+0301 alone between spaces: "a", one space, "b". */
	char *k = fold_key("a \xcc\x81 b");
	assert_string_equal(k, "a b");
	free(k);
	/* A leading lone mark, then a space: no leading space. */
	k = fold_key("\xcc\x81 x");
	assert_string_equal(k, "x");
	free(k);
	/* A trailing lone mark after a space: no trailing space. */
	k = fold_key("x \xcc\x81 ");
	assert_string_equal(k, "x");
	free(k);
}

static void
test_buf_bounded(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 10);
	assert_int_equal(buf_puts(&b, "12345"), 0);
	assert_int_equal(buf_printf(&b, "%d", 6789), 0);
	assert_string_equal(buf_str(&b), "123456789");
	assert_int_equal(buf_puts(&b, "ab"), -1); /* 11 > 10: refused whole */
	assert_int_equal(b.overflow, 1);
	assert_string_equal(buf_str(&b), "123456789");
	assert_int_equal(buf_putc(&b, '0'), 0);
	assert_int_equal(b.len, 10);
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
	buf_free(NULL);
	/* Long printf goes through the slow path. */
	buf_init(&b, 100000);
	char big[1000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(buf_printf(&b, "<%s>", big), 0);
	assert_int_equal(b.len, 1001);
	buf_free(&b);
}

static void
test_xgrow(void **state)
{
	(void)state;
	int *a = NULL, cap = 0;
	xgrow((void **)&a, &cap, 1, sizeof(*a));
	assert_int_equal(cap, 64); /* the first allocation holds 64 */
	xgrow((void **)&a, &cap, 64, sizeof(*a));
	assert_int_equal(cap, 64); /* enough already: unchanged */
	xgrow((void **)&a, &cap, 200, sizeof(*a));
	assert_int_equal(cap, 256); /* 64 -> 128 -> 256 >= 200 */
	a[199] = 7;
	assert_int_equal(a[199], 7);
	free(a);
}

static void
test_arena(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	char *s = arena_strdup(&a, "Kiên Giang");
	char *p = arena_printf(&a, "%s/%d", "KH", 78);
	void *big = arena_alloc(&a, 100000);
	memset(big, 1, 100000);
	assert_string_equal(s, "Kiên Giang");
	assert_string_equal(p, "KH/78");
	assert_int_equal(((uintptr_t)arena_alloc(&a, 3)) % _Alignof(max_align_t), 0);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fmt_num_vi),	   cmocka_unit_test(test_fmt_round),
	    cmocka_unit_test(test_fmt_qty),	   cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_parse_user),	   cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_fold_lone_mark), cmocka_unit_test(test_buf_bounded),
	    cmocka_unit_test(test_arena),	   cmocka_unit_test(test_xgrow),
	    cmocka_unit_test(test_fmt_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
