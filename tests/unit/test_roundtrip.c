/*
 * Export → import → export round trip (model/csvio), through the library
 * and through the real sxsh binary, plus the binary's exit codes: 0 on
 * success, 1 on a bad file (reason on stderr), 2 on bad usage.  The first
 * export is compared with an expected text written by hand from the
 * fixture (order: facilities by code; reports by facility, year, then
 * output, energy by carrier/product/month, water, material by name).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "model/io/csvio.h"
#include "model/registry/refdata.h"
#include "testutil.h"
#include "util/buf.h"

/* Out of order on purpose; quotes, commas, a newline and spaces in fields. */
static const char fac_in[] =
    FX_FH "K2,0100109106-001,\"Nhà máy \"\"Bia\"\", Rạch Giá\",1103,rach-gia,\"Lô A,\nKCN Thạnh "
	  "Lộc\",10.0123456789012,105.1,fdi,large,350,1998,,active\n"
	  "A1,1701234569,Cơ sở Nước mắm,1020,phu-quoc,,,,private,small,12,2005,2020,closed\n"
	  "H9,091234567890,Hộ Xay xát,1061,tan-hiep,\" Ấp 3 \",0.30000000000000004,-0.1,household,"
	  "micro,,,,active\n";

static const char fac_out[] =
    FX_FH "A1,1701234569,Cơ sở Nước mắm,1020,phu-quoc,,,,private,small,12,2005,2020,closed\n"
	  /* 0.1 + 0.2 needs 17 digits to read back; %.15g would give 0.3 */
	  "H9,091234567890,Hộ Xay xát,1061,tan-hiep,\" Ấp 3 \",0.30000000000000004,-0.1,household,"
	  "micro,,,,active\n"
	  "K2,0100109106-001,\"Nhà máy \"\"Bia\"\", Rạch Giá\",1103,rach-gia,\"Lô A,\nKCN Thạnh "
	  "Lộc\",10.0123456789012,105.1,fdi,large,350,1998,,active\n";

static const char rep_in[] =
    FX_RH "K2,2023,submitted,1,1,0,1,material,malt,,,120,t,\n"
	  "K2,2023,submitted,1,1,0,1,energy,electricity,,2,1000,kWh,2500000\n"
	  "K2,2023,submitted,1,1,0,1,output,,beer,2,1300,hl,\n"
	  "K2,2023,submitted,1,1,0,1,output,,beer,,15000,hl,\n"
	  "K2,2023,submitted,1,1,0,1,output,,beer,1,125,kL,\n"
	  "K2,2023,submitted,1,1,0,1,energy,electricity,,1,1100.5,kWh,\n"
	  "K2,2023,submitted,1,1,0,1,water,ground,,,3,kL,\n"
	  "K2,2023,submitted,1,1,0,1,energy,fo,beer,,2,t,\n"
	  "K2,2023,submitted,1,1,0,1,material,hops,,,0.5,t,\n"
	  "K2,2022,draft,,,,,,,,,,,\n"
	  "A1,2023,accepted,0,,,,output,,fish_sauce,12,2000,L,\n"
	  "A1,2023,accepted,0,,,,output,,fish_sauce,,2000,L,\n";

/*
 * Water 3 kL × 1 (kL to_base) / 1 (m3 to_base) = 3 m3.  Monthly output is
 * stored in the product's unit and follows the product's yearly row by
 * month: beer (hl) month 1: 125 kL × 1 / 0.1 (hl to_base) = 1250 hl;
 * fish sauce (kL) month 12: 2000 L × 0.001 (L to_base) / 1 = 2 kL.
 */
static const char rep_out[] =
    FX_RH "A1,2023,accepted,0,,,,output,,fish_sauce,,2000,L,\n"
	  "A1,2023,accepted,0,,,,output,,fish_sauce,12,2,kL,\n"
	  "K2,2022,draft,,,,,,,,,,,\n"
	  "K2,2023,submitted,1,1,0,1,output,,beer,,15000,hl,\n"
	  "K2,2023,submitted,1,1,0,1,output,,beer,1,1250,hl,\n"
	  "K2,2023,submitted,1,1,0,1,output,,beer,2,1300,hl,\n"
	  "K2,2023,submitted,1,1,0,1,energy,electricity,,1,1100.5,kWh,\n"
	  "K2,2023,submitted,1,1,0,1,energy,electricity,,2,1000,kWh,2500000\n"
	  "K2,2023,submitted,1,1,0,1,energy,fo,beer,,2,t,\n"
	  "K2,2023,submitted,1,1,0,1,water,ground,,,3,m3,\n"
	  "K2,2023,submitted,1,1,0,1,material,hops,,,0.5,t,\n"
	  "K2,2023,submitted,1,1,0,1,material,malt,,,120,t,\n";

static void
test_library_roundtrip(void **state)
{
	(void)state;
	struct db *a = fx_db_new("a.db", NULL);
	fx_import(a, CSVIO_FACILITIES, "f.csv", fac_in);
	fx_import(a, CSVIO_REPORTS, "r.csv", rep_in);
	char *f1 = fx_export(a, CSVIO_FACILITIES, 0);
	char *r1 = fx_export(a, CSVIO_REPORTS, 0);
	assert_string_equal(f1, fac_out);
	assert_string_equal(r1, rep_out);
	/* --year keeps one year's reports. */
	char *r23 = fx_export(a, CSVIO_REPORTS, 2023);
	assert_null(strstr(r23, "K2,2022"));
	assert_non_null(strstr(r23, "A1,2023"));
	free(r23);
	db_close(a);

	struct db *b = fx_db_new("b.db", NULL);
	fx_import(b, CSVIO_FACILITIES, "f1.csv", f1);
	fx_import(b, CSVIO_REPORTS, "r1.csv", r1);
	fx_assert_export(b, CSVIO_FACILITIES, f1);
	fx_assert_export(b, CSVIO_REPORTS, r1);
	db_close(b);
	free(f1);
	free(r1);
}

static int
run(const char *args, char **out, char **err)
{
	char cmd[9000];
	snprintf(cmd, sizeof(cmd), "'%s' %s", tu_sxsh(), args);
	return tu_run(cmd, out, err);
}

static void
test_binary(void **state)
{
	(void)state;
	char args[8192], *out = NULL, *err = NULL;
	char p1[512], p2[512], dir[512];
	db_close(fx_db_new("c1.db", NULL));
	db_close(fx_db_new("c2.db", NULL));
	snprintf(p1, sizeof(p1), "%s", tu_db_url("c1.db"));
	snprintf(p2, sizeof(p2), "%s", tu_db_url("c2.db"));
	snprintf(dir, sizeof(dir), "%s", tu_tmpdir());
	tu_write_file("fin.csv", fac_in);
	tu_write_file("rin.csv", rep_in);

	/* A bad file: exit 1, the row's reason on stderr, nothing written. */
	tu_write_file("bad.csv", FX_FH "B1,,X,1020,rach-gia,,,,private,small,,,,active\n"
				       "B2,,X,9999,rach-gia,,,,private,small,,,,active\n");
	snprintf(args, sizeof(args), "import facilities '%s/bad.csv' --db '%s'", dir, p1);
	assert_int_equal(run(args, &out, &err), 1);
	assert_non_null(strstr(err, "/bad.csv:3: sector: mã ngành không tồn tại / unknown sector "
				    "code '9999'\n"));
	free(out);
	free(err);

	/* --dry-run: exit 0, "rows OK", nothing written. */
	snprintf(args, sizeof(args), "import facilities '%s/fin.csv' --dry-run --db '%s'", dir, p1);
	assert_int_equal(run(args, &out, NULL), 0);
	assert_non_null(strstr(out, "3 rows OK"));
	free(out);
	snprintf(args, sizeof(args), "export facilities --db '%s'", p1);
	assert_int_equal(run(args, &out, NULL), 0);
	assert_string_equal(out, FX_FH);
	free(out);

	/* Import, export to files, import those elsewhere, export again. */
	snprintf(args, sizeof(args), "import facilities '%s/fin.csv' --db '%s'", dir, p1);
	assert_int_equal(run(args, &out, NULL), 0);
	assert_non_null(strstr(out, "Read 3 rows: 3 facilities inserted, 0 updated"));
	free(out);
	snprintf(args, sizeof(args), "import reports '%s/rin.csv' --db '%s'", dir, p1);
	assert_int_equal(run(args, &out, NULL), 0);
	/* 12 rows: 3 reports (A1 2023, K2 2023, K2 2022), 11 lines (the 2022 one has none) */
	assert_non_null(
	    strstr(out, "Read 12 rows: 3 reports inserted, 0 replaced, 11 lines written"));
	free(out);
	snprintf(args, sizeof(args),
		 "export facilities -o '%s/f1.csv' --db '%s' && '%s' export reports -o '%s/r1.csv' "
		 "--db '%s'",
		 dir, p1, tu_sxsh(), dir, p1);
	assert_int_equal(run(args, NULL, NULL), 0);
	snprintf(args, sizeof(args), "%s/f1.csv.tmp", dir);
	assert_int_equal(access(args, F_OK), -1); /* no temporary left behind */
	snprintf(args, sizeof(args),
		 "import facilities '%s/f1.csv' --db '%s' && '%s' import reports '%s/r1.csv' "
		 "--db '%s' && '%s' export facilities -o '%s/f2.csv' --db '%s' && '%s' export "
		 "reports -o '%s/r2.csv' --db '%s'",
		 dir, p2, tu_sxsh(), dir, p2, tu_sxsh(), dir, p2, tu_sxsh(), dir, p2);
	assert_int_equal(run(args, NULL, NULL), 0);
	char *f1 = tu_read_file(tu_path("f1.csv"), NULL),
	     *f2 = tu_read_file(tu_path("f2.csv"), NULL);
	char *r1 = tu_read_file(tu_path("r1.csv"), NULL),
	     *r2 = tu_read_file(tu_path("r2.csv"), NULL);
	assert_non_null(f1);
	assert_non_null(r1);
	assert_string_equal(f1, fac_out);
	assert_string_equal(r1, rep_out);
	assert_string_equal(f2, f1);
	assert_string_equal(r2, r1);
	free(f1);
	free(f2);
	free(r1);
	free(r2);

	/* Importing the same reports again is refused (exit 1) unless --replace. */
	snprintf(args, sizeof(args), "import reports '%s/rin.csv' --db '%s'", dir, p1);
	assert_int_equal(run(args, NULL, &err), 1);
	assert_non_null(strstr(err, "rin.csv:2: year: "));
	free(err);
	snprintf(args, sizeof(args), "import reports '%s/rin.csv' --replace --db '%s'", dir, p1);
	assert_int_equal(run(args, NULL, NULL), 0);

	/* Usage errors: exit 2. */
	static const char *const bad_usage[] = {
	    "import",
	    "import facilities",
	    "import bogus x.csv",
	    "import facilities x.csv --frobnicate",
	    "import facilities x.csv --replace",
	    "export",
	    "export bogus",
	    "export reports --year abc",
	    "export facilities --year 2020",
	    "export reports -o",
	};
	for (size_t i = 0; i < sizeof(bad_usage) / sizeof(bad_usage[0]); i++) {
		snprintf(args, sizeof(args), "%s --db '%s'", bad_usage[i], p1);
		if (run(args, NULL, NULL) != 2)
			fail_msg("'%s' did not exit 2", bad_usage[i]);
	}
	/* A missing file is a user error. */
	snprintf(args, sizeof(args), "import facilities '%s/none.csv' --db '%s'", dir, p1);
	assert_int_equal(run(args, NULL, &err), 1);
	assert_non_null(strstr(err, "none.csv:0: file: không mở được tệp / cannot open the file"));
	free(err);
}

/*
 * A demo province of 300 facilities moved through CSV keeps everything,
 * monthly production included: export → import into a fresh database →
 * export gives the same bytes, and both databases hold the same number
 * of monthly output rows (the demo gives some to facilities with monthly
 * electricity, so there is at least one).
 */
static void
test_demo_roundtrip(void **state)
{
	(void)state;
	char args[8192];
	char p1[512], p2[512], dir[512];
	snprintf(dir, sizeof(dir), "%s", tu_tmpdir());
	snprintf(p1, sizeof(p1), "%s", tu_db_fresh_url("demo1.db"));
	db_close(fx_db_new("demo2.db", NULL));
	snprintf(p2, sizeof(p2), "%s", tu_db_url("demo2.db"));
	snprintf(args, sizeof(args),
		 "demo --facilities 300 --db '%s' >/dev/null && '%s' export facilities -o "
		 "'%s/df1.csv' --db '%s' && '%s' export reports -o '%s/dr1.csv' --db '%s' && '%s' "
		 "import facilities '%s/df1.csv' --db '%s' && '%s' import reports '%s/dr1.csv' "
		 "--db '%s' && '%s' export facilities -o '%s/df2.csv' --db '%s' && '%s' export "
		 "reports -o '%s/dr2.csv' --db '%s'",
		 p1, tu_sxsh(), dir, p1, tu_sxsh(), dir, p1, tu_sxsh(), dir, p2, tu_sxsh(), dir, p2,
		 tu_sxsh(), dir, p2, tu_sxsh(), dir, p2);
	assert_int_equal(run(args, NULL, NULL), 0);
	static const char *const pairs[][2] = {{"df1.csv", "df2.csv"}, {"dr1.csv", "dr2.csv"}};
	for (size_t i = 0; i < 2; i++) {
		size_t n1 = 0, n2 = 0;
		char *a = tu_read_file(tu_path(pairs[i][0]), &n1);
		char *b = tu_read_file(tu_path(pairs[i][1]), &n2);
		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(n2, n1);
		assert_memory_equal(b, a, n1);
		free(a);
		free(b);
	}
	const char *q = "SELECT count(*) FROM report_output_month";
	char *m1 = tu_query_text("demo1.db", q), *m2 = tu_query_text("demo2.db", q);
	assert_true(atol(m1) > 0);
	assert_string_equal(m2, m1);
	free(m1);
	free(m2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_library_roundtrip),
	    cmocka_unit_test(test_binary),
	    cmocka_unit_test(test_demo_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
