/*
 * Unit tests for util/: number formatting and parsing, folding, buffers,
 * arenas.  Expected values are worked out by hand.
 */
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
	assert_string_equal(fmt_num(b, sizeof(b), 0.5, 0, LANG_VI), "0"); /* round half even */
	assert_string_equal(fmt_int(b, sizeof(b), 1000000, LANG_VI), "1.000.000");
	assert_string_equal(fmt_int(b, sizeof(b), -12151, LANG_EN), "-12,151");
	assert_string_equal(fmt_date(b, sizeof(b), "2013-03-15"), "15/03/2013");
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
	    cmocka_unit_test(test_fmt_num_vi),	cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_fold),	cmocka_unit_test(test_fold_lone_mark),
	    cmocka_unit_test(test_buf_bounded), cmocka_unit_test(test_arena),
	    cmocka_unit_test(test_xgrow),	cmocka_unit_test(test_fmt_exact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
