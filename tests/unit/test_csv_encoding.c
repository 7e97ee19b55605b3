/*
 * The CSV import reads files as Vietnamese offices save them
 * (docs/csv-formats.md, "Encodings and separators"): UTF-8 with or without
 * a BOM, UTF-16 LE/BE with a BOM, Windows-1258 (whose tone marks are
 * combining characters, normalised to NFC), separated by commas or by
 * semicolons, the latter with Vietnamese numbers (decimal comma).  Every
 * file is written byte by byte below, and every expected value is worked
 * out by hand in the comments.
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
#include "model/io/csvio.h"
#include "model/registry/refdata.h"
#include "testutil.h"
#include "util/alloc.h"
#include "util/buf.h"

static struct db *db;
static struct buf errs;
static struct csvio_stats st;

/* Imports the n bytes data as file name; the errors land in errs. */
static int
imp_bytes(enum csvio_kind kind, const char *name, const char *data, size_t n,
	  const struct csvio_opts *o)
{
	FILE *f = fopen(tu_path(name), "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
	f = fopen(tu_path(name), "rb");
	assert_non_null(f);
	buf_reset(&errs);
	int rc = csvio_import(db, kind, f, name, o, csvio_err_buf, &errs, &st);
	fclose(f);
	return rc;
}

static int
imp(enum csvio_kind kind, const char *name, const char *text, const struct csvio_opts *o)
{
	return imp_bytes(kind, name, text, strlen(text), o);
}

/* Asserts that the export of kind holds the line want. */
static void
exported(enum csvio_kind kind, const char *want)
{
	char *e = fx_export(db, kind, 0);
	if (strstr(e, want) == NULL)
		fail_msg("export lacks:\n%s\nexport:\n%s", want, e);
	free(e);
}

static int
setup(void **state)
{
	(void)state;
	char err[512];
	buf_init(&errs, 1 << 20);
	db = tu_db_new("csvenc.db");
	if (refdata_load(db, err, sizeof(err)) != 0)
		fail_msg("refdata_load: %s", err);
	if (imp(CSVIO_FACILITIES, "base.csv",
		FX_FH "F1,,Cong ty Mot,1020,rach-gia,,,,private,small,,,,active\n", NULL) != 0)
		fail_msg("base facilities: %s", buf_str(&errs));
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
test_windows_1258(void **state)
{
	(void)state;
	/*
	 * "Nước đá" in Windows-1258: N 4E, ư FD, ơ F5 followed by the combining
	 * acute EC (CP1258 has no precomposed ớ), c 63, space 20, đ F0, á E1
	 * (precomposed).  The address "Hòa": H 48, o 6F, combining grave CC,
	 * a 61.  Decoded (glibc's CP1258 converter composes the pairs it
	 * knows; NFC composes the rest): ư U+01B0 = C6 B0, ơ + U+0301 =
	 * ớ U+1EDB = E1 BB 9B, đ U+0111 = C4 91, á U+00E1 = C3 A1, o + U+0300 =
	 * ò U+00F2 = C3 B2.
	 */
	assert_int_equal(imp(CSVIO_FACILITIES, "w.csv",
			     FX_FH "E1,,N\xfd\xf5\xec"
				   "c \xf0\xe1,1020,rach-gia,H\x6f\xcc"
				   "a,,,private,small,,,,active\n",
			     NULL),
			 0);
	assert_string_equal(buf_str(&errs), "");
	assert_string_equal(st.encoding, "Windows-1258");
	assert_int_equal(st.sep, ',');
	assert_int_equal(st.inserted, 1);
	exported(CSVIO_FACILITIES, "E1,,N\xc6\xb0\xe1\xbb\x9b"
				   "c \xc4\x91\xc3\xa1,1020,rach-gia,H\xc3\xb2"
				   "a,,,private,small,,,,active\n");
	/* The same bytes in this UTF-8 source file, typed composed. */
	exported(CSVIO_FACILITIES, "E1,,Nước đá,1020,rach-gia,Hòa,");
}

/* The ASCII text s as UTF-16 code units appended to b (le or big-endian). */
static void
u16(struct buf *b, const char *s, int le)
{
	for (; *s != '\0'; s++) {
		char u[2] = {le ? *s : '\0', le ? '\0' : *s};
		buf_append(b, u, 2);
	}
}

static void
test_utf16_bom(void **state)
{
	(void)state;
	/*
	 * A facility named "Đá Hòa", its ò written decomposed (o, then the
	 * combining grave U+0300), as some programs save it: Đ U+0110 is 10 01
	 * in UTF-16 LE and 01 10 in BE; á U+00E1 is E1 00 / 00 E1; space, H, o
	 * and a are the ASCII byte and 00; U+0300 is 00 03 / 03 00.  The BOM is
	 * FF FE (LE) or FE FF (BE).  Imported and composed (NFC), the name is
	 * UTF-8 C4 90 C3 A1 20 48 C3 B2 61.
	 */
	static const struct {
		int le;
		const char *bom, *da, *code, *label;
	} c[] = {
	    {1, "\xff\xfe", "\x10\x01\xe1\x00\x20\x00\x48\x00\x6f\x00\x00\x03\x61\x00", "L1",
	     "UTF-16 LE"},
	    {0, "\xfe\xff", "\x01\x10\x00\xe1\x00\x20\x00\x48\x00\x6f\x03\x00\x00\x61", "B1",
	     "UTF-16 BE"},
	};
	for (size_t i = 0; i < 2; i++) {
		struct buf b;
		buf_init(&b, 1 << 16);
		buf_append(&b, c[i].bom, 2);
		u16(&b, FX_FH, c[i].le);
		u16(&b, c[i].code, c[i].le);
		u16(&b, ",,", c[i].le);
		buf_append(&b, c[i].da, 14);
		u16(&b, ",1020,rach-gia,,,,private,small,,,,active\r\n", c[i].le);
		assert_int_equal(imp_bytes(CSVIO_FACILITIES, "u16.csv", b.data, b.len, NULL), 0);
		assert_string_equal(buf_str(&errs), "");
		assert_string_equal(st.encoding, c[i].label);
		assert_int_equal(st.sep, ',');
		char *want = xasprintf("%s,,\xc4\x90\xc3\xa1 H\xc3\xb2"
				       "a,1020,rach-gia,,,,private,small,,,,active\n",
				       c[i].code);
		exported(CSVIO_FACILITIES, want);
		free(want);
		buf_free(&b);
	}
}

static void
test_semicolons_vietnamese_numbers(void **state)
{
	(void)state;
	/*
	 * Excel under a Vietnamese locale: a UTF-8 BOM, ';' between cells,
	 * ',' as the decimal mark and '.' between groups of three digits.
	 * "12,5" t of rice husk is 12.5; "12.500" kWh is 12500 (and not 12.5);
	 * "3.000.000" đồng is 3000000.  The export writes them the CSV way:
	 * 12.5, 12500, 3000000.
	 */
	static const char semi[] =
	    "\xef\xbb\xbf"
	    "facility_code;year;status;cp_aware;cp_staff;cp_unit;cp_applied;line;item;product;"
	    "month;quantity;unit;cost_vnd\r\n"
	    "F1;2023;draft;;;;;energy;rice_husk;;;12,5;t;3.000.000\r\n"
	    "F1;2023;draft;;;;;energy;electricity;;;12.500;kWh;\r\n";
	assert_int_equal(imp(CSVIO_REPORTS, "semi.csv", semi, NULL), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_string_equal(st.encoding, "UTF-8");
	assert_int_equal(st.sep, ';');
	assert_int_equal(st.lines, 2);
	exported(CSVIO_REPORTS, "F1,2023,draft,,,,,energy,rice_husk,,,12.5,t,3000000\n");
	exported(CSVIO_REPORTS, "F1,2023,draft,,,,,energy,electricity,,,12500,kWh,\n");

	/* A '.' decimal in a ';' file is refused, naming the column and the line. */
	assert_int_equal(imp(CSVIO_REPORTS, "dot.csv",
			     "facility_code;year;status;cp_aware;cp_staff;cp_unit;cp_applied;line;"
			     "item;product;month;quantity;unit;cost_vnd\n"
			     "F1;2024;draft;;;;;energy;rice_husk;;;12.5;t;\n",
			     NULL),
			 1);
	assert_string_equal(
	    buf_str(&errs),
	    "dot.csv:2: quantity: số lượng: tệp phân cách bằng dấu chấm phẩy viết số kiểu Việt "
	    "Nam, dấu phẩy thập phân, dấu chấm nhóm ba chữ số (12,5 hoặc 12.500) / quantity: a "
	    "semicolon-separated file writes numbers in the Vietnamese style, a decimal comma and "
	    "dots between groups of three digits (12,5 or 12.500)\n");

	/* A comma-separated file keeps the '.' decimal mark: 12.5 is 12.5. */
	assert_int_equal(imp(CSVIO_REPORTS, "comma.csv",
			     FX_RH "F1,2025,draft,,,,,energy,rice_husk,,,12.5,t,\n", NULL),
			 0);
	assert_int_equal(st.sep, ',');
	exported(CSVIO_REPORTS, "F1,2025,draft,,,,,energy,rice_husk,,,12.5,t,\n");
}

static void
test_undecidable_separator(void **state)
{
	(void)state;
	/*
	 * "code;name,sector": by ',' the cells are "code;name" and "sector"
	 * (one column name), by ';' "code" and "name,sector" (one): a tie.
	 */
	char *before = fx_export(db, CSVIO_FACILITIES, 0);
	assert_int_equal(imp(CSVIO_FACILITIES, "u.csv", "code;name,sector\nX;Y,1020\n", NULL), 1);
	assert_string_equal(buf_str(&errs),
			    "u.csv:1: header: không xác định được dấu phân cách cột: dòng tiêu đề "
			    "tách bằng dấu phẩy hay bằng dấu chấm phẩy đều không ra đúng tên cột "
			    "hơn / cannot tell the column separator: the header splits into the "
			    "column names no better by commas than by semicolons\n");
	assert_int_equal(st.errors, 1);
	char *after = fx_export(db, CSVIO_FACILITIES, 0);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void
test_large_windows_1258(void **state)
{
	(void)state;
	/*
	 * 3000 rows "Wnnnn,,Hòa,..." (Hòa as 48 6F CC 61) of 53 bytes each
	 * (8 up to the H, 2 for o and the mark, 43 from the a to the newline),
	 * after a header of 109: 159109 bytes, three reads of 64 KiB, so
	 * rows (and maybe the o + grave pair) straddle the reads.  All 3000
	 * are inserted, the last W2999 with its name composed (48 C3 B2 61).
	 */
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, FX_FH);
	for (int i = 0; i < 3000; i++)
		buf_printf(&b,
			   "W%04d,,H\x6f\xcc"
			   "a,1020,rach-gia,,,,private,small,,,,active\n",
			   i);
	assert_int_equal(b.len, 109 + 3000 * 53);
	assert_int_equal(imp_bytes(CSVIO_FACILITIES, "big.csv", b.data, b.len, NULL), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_string_equal(st.encoding, "Windows-1258");
	assert_int_equal(st.inserted, 3000);
	exported(CSVIO_FACILITIES, "W2999,,H\xc3\xb2"
				   "a,1020,rach-gia,,,,private,small,,,,active\n");
	buf_free(&b);
}

static void
test_late_bad_byte(void **state)
{
	(void)state;
	/*
	 * The encoding is decided on the first read (64 KiB): a file that is
	 * UTF-8 there stays UTF-8, and a later byte FF is reported on its row.
	 * Header (line 1), a good row (2), 5000 empty rows of 13 commas and a
	 * newline (14 bytes each, 70000 bytes: lines 3–5002), the bad row on
	 * line 5003.
	 */
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, FX_FH "G1,,X,1020,rach-gia,,,,private,small,,,,active\n");
	for (int i = 0; i < 5000; i++)
		buf_puts(&b, ",,,,,,,,,,,,,\n");
	buf_puts(&b, "G2,,X\xff,1020,rach-gia,,,,private,small,,,,active\n");
	assert_int_equal(imp_bytes(CSVIO_FACILITIES, "late.csv", b.data, b.len, NULL), 1);
	assert_string_equal(
	    buf_str(&errs),
	    "late.csv:5003: name: không phải văn bản UTF-8 hợp lệ / not valid UTF-8 "
	    "text (save the file as CSV UTF-8)\n");
	assert_string_equal(st.encoding, "UTF-8");
	buf_free(&b);
}

static void
test_cli_says_what_it_read(void **state)
{
	(void)state;
	/*
	 * `sxsh import` on a semicolon-separated Windows-1258 file (the name
	 * "Đá": D0 E1; coordinates with decimal commas) says, on standard
	 * error, what it read; the dry run then counts the one row.
	 */
	FILE *f = fopen(tu_path("cli.csv"), "wb");
	assert_non_null(f);
	fputs("code;tax_code;name;sector;admin_unit;address;lat;lon;ownership;size;employees;"
	      "opened_year;closed_year;status\r\n"
	      "C1;;\xd0\xe1;1020;rach-gia;;10,5;105,1;private;small;;;;active\r\n",
	      f);
	fclose(f);
	/* tu_path and tu_db_url share one static buffer: copy the path first. */
	char *path = xasprintf("%s", tu_path("cli.csv"));
	char *cmd = xasprintf("'%s' import facilities '%s' --dry-run --db '%s'", tu_sxsh(), path,
			      tu_db_url("csvenc.db"));
	char *out = NULL, *err = NULL;
	int rc = tu_run(cmd, &out, &err);
	if (rc != 0)
		fail_msg("%s: exit %d: %s", cmd, rc, err);
	assert_string_equal(err, "đọc tệp: Windows-1258, dấu phân cách ';' / read as "
				 "Windows-1258, ';'-separated\n");
	assert_string_equal(out, "1 dòng hợp lệ, chưa ghi (--dry-run) / 1 rows OK (dry run: "
				 "nothing written)\n");
	free(path);
	free(cmd);
	free(out);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_windows_1258),
	    cmocka_unit_test(test_utf16_bom),
	    cmocka_unit_test(test_semicolons_vietnamese_numbers),
	    cmocka_unit_test(test_undecidable_separator),
	    cmocka_unit_test(test_large_windows_1258),
	    cmocka_unit_test(test_late_bad_byte),
	    cmocka_unit_test(test_cli_says_what_it_read),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
