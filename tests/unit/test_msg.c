/*
 * Unit tests for model/msg: messages as ids with arguments, rendered from
 * the catalogue in Vietnamese, in English or in both.  Every expected
 * string is written out by hand from the templates in msg.c; byte counts
 * of the UTF-8 cuts are worked out in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/msg.h"
#include "model/status.h"

static const struct val_label lbl_name = {"tên cơ sở", "facility name"};
static const struct val_label lbl_year = {"năm", "year"};
static const struct val_label lbl_lat = {"vĩ độ", "latitude"};
static const struct val_label lbl_own = {"loại hình sở hữu", "ownership"};

static char out[400];

static const char *
vi(const struct msg *m)
{
	return msg_format(m, LANG_VI, out, sizeof(out));
}

static const char *
en(const struct msg *m)
{
	return msg_format(m, LANG_EN, out, sizeof(out));
}

static const char *
both(const struct msg *m)
{
	return msg_format(m, MSG_BOTH, out, sizeof(out));
}

static void
test_languages(void **state)
{
	(void)state;
	struct msg m;
	msg_init(&m, MSG_VAL_MISSING, &lbl_name);
	assert_string_equal(vi(&m), "thiếu tên cơ sở");
	assert_string_equal(en(&m), "facility name is missing");
	assert_string_equal(both(&m), "thiếu tên cơ sở / facility name is missing");

	/* An English half with an argument the Vietnamese half does not show. */
	msg_init(&m, MSG_VAL_NOT_INTEGER, &lbl_year);
	msg_str(&m, "20x5");
	assert_string_equal(vi(&m), "năm phải là số nguyên");
	assert_string_equal(en(&m), "year must be a whole number, got '20x5'");
	assert_string_equal(both(&m),
			    "năm phải là số nguyên / year must be a whole number, got '20x5'");

	/* No label: {L} renders as nothing. */
	msg_init(&m, MSG_VAL_MISSING, NULL);
	assert_string_equal(vi(&m), "thiếu ");
	assert_string_equal(en(&m), " is missing");
}

static void
test_statuses(void **state)
{
	(void)state;
	struct msg m;
	assert_int_equal(msg_status(ST_OK), MSG_ST_OK);
	assert_int_equal(msg_status(ST_NOTFOUND), MSG_ST_NOTFOUND);
	assert_int_equal(msg_status(ST_FULL), MSG_ST_FULL);
	assert_int_equal(msg_status(1), MSG_ST_ERR);
	assert_int_equal(msg_status(-9), MSG_ST_ERR);
	msg_init(&m, msg_status(ST_STATE), NULL);
	assert_string_equal(both(&m), "không thể thực hiện ở trạng thái hiện tại / not possible "
				      "in the current state");
	msg_init(&m, msg_status(ST_NOTFOUND), NULL);
	assert_string_equal(vi(&m), "không tìm thấy");
	assert_string_equal(en(&m), "not found");
	/* An id outside the catalogue renders as the internal error. */
	msg_init(&m, MSG__MAX, NULL);
	assert_string_equal(en(&m), "internal error");
	assert_string_equal(msg_template(MSG_ST_EXISTS, LANG_VI), "đã tồn tại");
	assert_string_equal(msg_template(MSG_ST_EXISTS, LANG_EN), "already exists");
}

static void
test_numbers(void **state)
{
	(void)state;
	struct msg m;
	/* Integers: '.' groups thousands in Vietnamese, ',' in English. */
	msg_init(&m, MSG_VAL_TOO_LONG, &lbl_name);
	msg_int(&m, 1000);
	msg_int(&m, 1234567);
	assert_string_equal(vi(&m), "tên cơ sở dài quá 1.000 byte (có 1.234.567 byte)");
	assert_string_equal(en(&m), "facility name is longer than 1,000 bytes (1,234,567 given)");
	msg_init(&m, MSG_VAL_TOO_LONG, &lbl_name);
	msg_int(&m, -1234);
	msg_int(&m, 999);
	assert_string_equal(vi(&m), "tên cơ sở dài quá -1.234 byte (có 999 byte)");
	assert_string_equal(en(&m), "facility name is longer than -1,234 bytes (999 given)");

	/* Plain integers: digits only in every language (a year, a limit). */
	msg_init(&m, MSG_VAL_TOO_LONG, &lbl_name);
	msg_plain(&m, 1000);
	msg_plain(&m, -20250);
	assert_string_equal(vi(&m), "tên cơ sở dài quá 1000 byte (có -20250 byte)");
	assert_string_equal(en(&m), "facility name is longer than 1000 bytes (-20250 given)");

	/* Reals with fixed decimals: ',' is the Vietnamese decimal point. */
	msg_init(&m, MSG_VAL_RANGE, &lbl_lat);
	msg_real(&m, 3.5, 1);
	msg_real(&m, 1234.5, 2);
	msg_str(&m, "x");
	assert_string_equal(vi(&m), "vĩ độ phải từ 3,5 đến 1.234,50");
	assert_string_equal(en(&m), "latitude must be between 3.5 and 1,234.50, got 'x'");

	/* Decimals -1: as many as the number needs, grouped all the same. */
	msg_init(&m, MSG_VAL_RANGE, &lbl_lat);
	msg_real(&m, -90, -1);
	msg_real(&m, 1234.5, -1);
	msg_str(&m, "-90.5");
	assert_string_equal(vi(&m), "vĩ độ phải từ -90 đến 1.234,5");
	assert_string_equal(en(&m), "latitude must be between -90 and 1,234.5, got '-90.5'");
	assert_string_equal(both(&m), "vĩ độ phải từ -90 đến 1.234,5 / latitude must be between "
				      "-90 and 1,234.5, got '-90.5'");
	msg_init(&m, MSG_VAL_RANGE, &lbl_lat);
	msg_real(&m, 0.1, -1);
	msg_real(&m, 1e15, -1); /* fmt_exact writes 1e+15: only the point would change */
	assert_string_equal(vi(&m), "vĩ độ phải từ 0,1 đến 1e+15");
	assert_string_equal(en(&m), "latitude must be between 0.1 and 1e+15, got ''");
}

static void
test_excerpt(void **state)
{
	(void)state;
	struct msg m;
	char in[80], want[120];

	/* 61 bytes of 'a': the first 60 and "…" (e2 80 a6). */
	memset(in, 'a', 61);
	in[61] = '\0';
	msg_init(&m, MSG_VAL_NOT_INTEGER, &lbl_year);
	msg_str(&m, in);
	memcpy(want, "year must be a whole number, got '", 34);
	memset(want + 34, 'a', 60);
	strcpy(want + 94, "\xe2\x80\xa6'");
	assert_string_equal(en(&m), want);

	/* Exactly 60 bytes: quoted whole, no "…". */
	in[60] = '\0';
	msg_init(&m, MSG_VAL_NOT_INTEGER, &lbl_year);
	msg_str(&m, in);
	strcpy(want + 94, "'");
	assert_string_equal(en(&m), want);

	/*
	 * 59 bytes of 'a', then "ệ" (e1 bb 87) at bytes 59–61 and "xyz": byte
	 * 60 continues "ệ", so the cut falls before it, at 59 bytes.
	 */
	memset(in, 'a', 59);
	strcpy(in + 59, "\xe1\xbb\x87xyz");
	msg_init(&m, MSG_VAL_NOT_INTEGER, &lbl_year);
	msg_str(&m, in);
	memset(want + 34, 'a', 59);
	strcpy(want + 93, "\xe2\x80\xa6'");
	assert_string_equal(en(&m), want);

	/* Control characters become '?'; msg_code copies as it is. */
	msg_init(&m, MSG_VAL_ENUM, &lbl_own);
	msg_str(&m, "a\nb\tc");
	msg_code(&m, "x\ty");
	assert_string_equal(en(&m), "invalid ownership 'a?b?c' (x\ty)");
}

static void
test_user_text(void **state)
{
	(void)state;
	struct msg m;
	/* " / " inside what was typed is text like any other. */
	msg_init(&m, MSG_VAL_ENUM, &lbl_own);
	msg_str(&m, "nhà nước / state");
	msg_code(&m, "state|private");
	assert_string_equal(vi(&m), "loại hình sở hữu không hợp lệ");
	assert_string_equal(en(&m), "invalid ownership 'nhà nước / state' (state|private)");
	assert_string_equal(both(&m), "loại hình sở hữu không hợp lệ / invalid ownership "
				      "'nhà nước / state' (state|private)");
	/* Arguments are not templates: "{1}" and "{L}" typed stay as typed. */
	msg_init(&m, MSG_VAL_UNKNOWN_CODE, &lbl_own);
	msg_str(&m, "{1}{L}{");
	assert_string_equal(en(&m), "unknown ownership '{1}{L}{'");
	/* Arguments beyond MSG_ARGS are dropped. */
	msg_init(&m, MSG_VAL_RANGE, &lbl_year);
	for (int i = 0; i < MSG_ARGS + 2; i++)
		msg_int(&m, i + 1);
	assert_int_equal(m.nargs, MSG_ARGS);
	assert_string_equal(en(&m), "year must be between 1 and 2, got '3'");
}

static void
test_small_buffer(void **state)
{
	(void)state;
	struct msg m;
	char o[32];
	msg_init(&m, MSG_VAL_MISSING, &lbl_name);
	/*
	 * "thiếu tên cơ sở": t h i (0–2), "ế" e1 ba bf (3–5), u (6), ' ' (7),
	 * then the label: t (8), "ê" c3 aa (9–10), n (11), ' ' (12), c (13),
	 * "ơ" c6 a1 (14–15), ' ' (16), s (17), "ở" e1 bb 9f (18–20): 21 bytes.
	 */
	assert_string_equal(msg_format(&m, LANG_VI, o, 7), "thiế"); /* 6 bytes fit */
	assert_string_equal(msg_format(&m, LANG_VI, o, 6), "thi");  /* 5: not half of "ế" */
	assert_string_equal(msg_format(&m, LANG_VI, o, 5), "thi");
	assert_string_equal(msg_format(&m, LANG_VI, o, 12), "thiếu tê"); /* 11 bytes */
	assert_string_equal(msg_format(&m, LANG_VI, o, 11), "thiếu t");	 /* 10: "ê" would split */
	assert_string_equal(msg_format(&m, LANG_VI, o, 22), "thiếu tên cơ sở");
	assert_string_equal(msg_format(&m, LANG_VI, o, 21), "thiếu tên cơ s");
	/* Both languages: once full, nothing more is written, " / " included. */
	assert_string_equal(msg_format(&m, MSG_BOTH, o, 20), "thiếu tên cơ s");
	assert_string_equal(msg_format(&m, MSG_BOTH, o, 25), "thiếu tên cơ sở / ");
	assert_string_equal(msg_format(&m, LANG_EN, o, 1), "");
	o[0] = 'x';
	msg_format(&m, LANG_EN, o, 0); /* no room at all: out is left alone */
	assert_int_equal(o[0], 'x');
}

static void
test_both_with_detail(void **state)
{
	(void)state;
	char o[64];
	/* The detail is appended as it is, untranslated. */
	assert_string_equal(msg_both(o, sizeof(o), MSG_ST_NOTFOUND, ": %s (%d)", "a / b", 7),
			    "không tìm thấy / not found: a / b (7)");
	assert_string_equal(msg_both(o, sizeof(o), MSG_ST_EXISTS, NULL),
			    "đã tồn tại / already exists");
	/*
	 * "đã tồn tại / already exists" is 33 bytes (đ, ã 2 each; ồ, ạ 3 each):
	 * a 34-byte buffer has no room left for the detail, a 36-byte one for
	 * two of its bytes.
	 */
	assert_string_equal(msg_both(o, 34, MSG_ST_EXISTS, ": %s", "x"),
			    "đã tồn tại / already exists");
	assert_string_equal(msg_both(o, 36, MSG_ST_EXISTS, ": %s", "xyz"),
			    "đã tồn tại / already exists: ");
}

/*
 * Three messages of the command line (src/cli/), as `sxsh` prints them
 * (MSG_BOTH) and in each language; msg_ref keeps a path longer than
 * MSG_ARG_MAX whole.
 */
static void
test_cli_messages(void **state)
{
	(void)state;
	struct msg m;
	/* 77 bytes ("/srv/sxsh/var/" 14, seven "xxxxxxx/" 56, "sxsh.db" 7): msg_code would cut it
	 * at 71 */
	const char *path =
	    "/srv/sxsh/var/aaaaaaa/bbbbbbb/ccccccc/ddddddd/eeeeeee/fffffff/ggggggg/sxsh.db";
	assert_int_equal(strlen(path), 77);
	msg_init(&m, MSG_CLI_DB_MISSING, NULL);
	msg_ref(&m, path);
	msg_ref(&m, "unable to open database file");
	assert_string_equal(vi(&m),
			    "không mở được cơ sở dữ liệu /srv/sxsh/var/aaaaaaa/bbbbbbb/"
			    "ccccccc/ddddddd/eeeeeee/fffffff/ggggggg/sxsh.db (unable to "
			    "open database file); tạo mới bằng `sxsh init` hoặc `sxsh demo`");
	assert_string_equal(en(&m), "cannot open database /srv/sxsh/var/aaaaaaa/bbbbbbb/ccccccc/"
				    "ddddddd/eeeeeee/fffffff/ggggggg/sxsh.db (unable to open "
				    "database file); create one with `sxsh init` or `sxsh demo`");
	assert_string_equal(
	    both(&m), "không mở được cơ sở dữ liệu /srv/sxsh/var/aaaaaaa/bbbbbbb/ccccccc/ddddddd/"
		      "eeeeeee/fffffff/ggggggg/sxsh.db (unable to open database file); tạo mới "
		      "bằng `sxsh init` hoặc `sxsh demo` / cannot open database /srv/sxsh/var/"
		      "aaaaaaa/bbbbbbb/ccccccc/ddddddd/eeeeeee/fffffff/ggggggg/sxsh.db (unable to "
		      "open database file); create one with `sxsh init` or `sxsh demo`");

	/* The import's summary: counts as plain digits in both languages. */
	msg_init(&m, MSG_CLI_IMPORT_REPORTS, NULL);
	msg_plain(&m, 1200);
	msg_plain(&m, 3);
	msg_plain(&m, 1);
	msg_plain(&m, 5400);
	assert_string_equal(vi(&m),
			    "Đã đọc 1200 dòng: thêm 3 báo cáo, thay 1, ghi 5400 dòng chi tiết");
	assert_string_equal(en(&m), "Read 1200 rows: 3 reports inserted, 1 replaced, 5400 lines "
				    "written");
	assert_string_equal(both(&m), "Đã đọc 1200 dòng: thêm 3 báo cáo, thay 1, ghi 5400 dòng chi "
				      "tiết / Read 1200 rows: 3 reports inserted, 1 replaced, 5400 "
				      "lines written");

	/* The demo's summary: one line per language, each grouping its own way. */
	msg_init(&m, MSG_CLI_DEMO_CREATED, NULL);
	msg_code(&m, "7");
	msg_int(&m, 12151);
	msg_int(&m, 39520);
	msg_code(&m, "2012–2025");
	assert_string_equal(vi(&m), "Đã tạo tỉnh mẫu (seed 7): 12.151 cơ sở, 39.520 báo cáo năm "
				    "2012–2025.");
	assert_string_equal(en(&m), "Demo province created (seed 7): 12,151 facilities, 39,520 "
				    "reports for 2012–2025.");
	assert_string_equal(both(&m), "Đã tạo tỉnh mẫu (seed 7): 12.151 cơ sở, 39.520 báo cáo năm "
				      "2012–2025. / Demo province created (seed 7): 12,151 "
				      "facilities, 39,520 reports for 2012–2025.");

	/* A label the command line follows with its own detail. */
	assert_string_equal(msg_both(out, sizeof(out), MSG_CLI_COPY_SAME, ": %s", "var/a.db"),
			    "nguồn và đích trùng nhau / source and target are the same: var/a.db");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_languages),	     cmocka_unit_test(test_statuses),
	    cmocka_unit_test(test_numbers),	     cmocka_unit_test(test_excerpt),
	    cmocka_unit_test(test_user_text),	     cmocka_unit_test(test_small_buffer),
	    cmocka_unit_test(test_both_with_detail), cmocka_unit_test(test_cli_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
