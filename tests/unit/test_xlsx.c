/*
 * Unit tests for render/xlsx (the spreadsheet writer) and render/sheets (the
 * key-user, indicator and export workbooks), and for `sxsh keyusers|kpi|export
 * --format xlsx`.  Each workbook is read back as what it is, a zip of XML parts
 * (tests/lib/xlsx_read.h), and chosen cells are checked for their
 * exact value and type: t="s" is a shared string, no t a number.
 */
#include <math.h>
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
#include "model/analytics/keyusers.h"
#include "model/analytics/kpi.h"
#include "model/analytics/ledger.h"
#include "model/registry/refdata.h"
#include "render/sheets.h"
#include "render/xlsx.h"
#include "testutil.h"
#include "util/buf.h"
#include "xlsx_read.h"

/* Asserts cell ref of sheet has type and value. */
#define ASSERT_CELL(path, sheet, ref, want_type, want_val)                                         \
	do {                                                                                       \
		char t_[16], v_[512];                                                              \
		if (!xr_cell(path, sheet, ref, t_, v_, sizeof(v_)))                                \
			fail_msg("cell %s of sheet %d absent", ref, sheet);                        \
		assert_string_equal(t_, want_type);                                                \
		assert_string_equal(v_, want_val);                                                 \
	} while (0)

#define ASSERT_NO_CELL(path, sheet, ref)                                                           \
	do {                                                                                       \
		char t_[16], v_[512];                                                              \
		assert_false(xr_cell(path, sheet, ref, t_, v_, sizeof(v_)));                       \
	} while (0)

/* Asserts that part name of path contains s. */
static void
assert_part_has(const char *path, const char *name, const char *s)
{
	char *xml = xr_part(path, name);
	assert_non_null(xml);
	if (strstr(xml, s) == NULL)
		fail_msg("%s has no %s", name, s);
	free(xml);
}

static void
test_writer_cells(void **state)
{
	(void)state;
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("w.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(xlsx_sheet(x, "Trọng điểm"), 0);
	const char *head[] = {"a", "b", "c"};
	xlsx_header(x, head, 3);
	xlsx_text(x, "=1+1");
	xlsx_number(x, 1234.5, 2);
	xlsx_int(x, 42);
	xlsx_row_end(x);
	xlsx_percent(x, 0.452);
	xlsx_blank(x);
	xlsx_number(x, NAN, 1);
	xlsx_text(x, "Đồng Tháp – sạch hơn");
	xlsx_row_end(x);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);

	char tmp[600];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_equal(access(tmp, F_OK), -1); /* renamed away */
	ASSERT_CELL(path, 1, "A1", "s", "a");
	ASSERT_CELL(path, 1, "A2", "s", "=1+1"); /* a string, not a formula */
	ASSERT_CELL(path, 1, "B2", "n", "1234.5");
	ASSERT_CELL(path, 1, "C2", "n", "42");
	ASSERT_CELL(path, 1, "A3", "n", "0.452"); /* the fraction, shown as 45.2% */
	ASSERT_NO_CELL(path, 1, "B3");		  /* blank */
	ASSERT_NO_CELL(path, 1, "C3");		  /* NAN */
	ASSERT_CELL(path, 1, "D3", "s", "Đồng Tháp – sạch hơn");
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_null(strstr(sheet, "<f>")); /* no formula anywhere */
	assert_non_null(strstr(sheet, "ySplit=\"1\""));
	/* header row 1 to the last row written, 3, over columns A..C */
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:C3\""));
	free(sheet);
	char name[64];
	char *wb = xr_part(path, "xl/workbook.xml");
	assert_true(xr_nth_text(wb, "sheet", "name", 0, name, sizeof(name)));
	assert_string_equal(name, "Trọng điểm");
	free(wb);
	assert_part_has(path, "xl/styles.xml", "formatCode=\"0.0%\"");
	assert_part_has(path, "xl/styles.xml", "formatCode=\"#,##0.00\"");
}

static void
test_writer_bad_sheet_name(void **state)
{
	(void)state;
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("bad.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(xlsx_sheet(x, "a/b"), -1); /* '/' is not allowed in sheet names */
	xlsx_text(x, "ignored");
	assert_int_equal(xlsx_close(x, err, sizeof(err)), -1);
	assert_int_equal(access(path, F_OK), -1);
}

/*
 * Two key users and one that cannot be computed.  K2's 1,200 TOE are
 * marked derived_only (its TOE without derived factors is below the
 * threshold); K5 burns bagasse (no factor): 50 TOE known, listed after
 * the key users with its status and the line that did not convert.
 */
static void
test_keyusers_sheet(void **state)
{
	(void)state;
	struct ledger_carrier c1[] = {
	    {.carrier = "coal_5_6", .toe = 1000.0},
	    {.carrier = "electricity", .toe = 500.25},
	};
	struct ledger_carrier c2[] = {{.carrier = "electricity", .toe = 1200.0}};
	struct ledger_carrier c5[] = {
	    {.carrier = "bagasse", .toe = NAN},
	    {.carrier = "coal_5_6", .toe = 50.0},
	};
	struct ledger_error e5[] = {{"bagasse", "t", 2024, "factor"}};
	struct keyuser items[] = {
	    {.code = "K1",
	     .tax_code = "0100109106",
	     .name = "=1+1 Gạch",
	     .unit_name = "Kiên Lương",
	     .sector_code = "2392",
	     .toe = 1500.25, /* 1000.0 + 500.25 */
	     .ncarriers = 2,
	     .carriers = c1},
	    {.code = "K2",
	     .name = "Xi măng",
	     .unit_name = "Hà Tiên",
	     .sector_code = "2394",
	     .toe = 1200.0,
	     .derived_only = 1,
	     .ncarriers = 1,
	     .carriers = c2},
	};
	struct keyuser unknown[] = {{.code = "K5",
				     .name = "Đường",
				     .unit_name = "Hòn Đất",
				     .sector_code = "1072",
				     .toe = 50.0,
				     .incomplete = 1,
				     .status = KEYUSER_CANNOT_COMPUTE,
				     .ncarriers = 2,
				     .carriers = c5,
				     .nerrors = 1,
				     .errors = e5}};
	struct keyuser_list l = {.year = 2024,
				 .threshold_toe = 1000,
				 .threshold_ref = "Nghị định 21/2011/NĐ-CP Điều 6",
				 .n = 2,
				 .items = items,
				 .nunknown = 1,
				 .unknown = unknown};
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("ku.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(sheets_keyusers(x, &l), 0);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);

	ASSERT_CELL(path, 1, "B2", "n", "1000");
	ASSERT_CELL(path, 1, "C2", "s", "Nghị định 21/2011/NĐ-CP Điều 6");
	ASSERT_CELL(path, 1, "B3", "n", "2");
	ASSERT_CELL(path, 1, "D3", "n", "1"); /* cannot compute */
	/* Rows 1-3 the block, 4 empty, 5 the header: the carriers sorted by code. */
	ASSERT_CELL(path, 1, "A5", "s", "code");
	ASSERT_CELL(path, 1, "F5", "s", "toe");
	ASSERT_CELL(path, 1, "G5", "s", "status");
	ASSERT_CELL(path, 1, "H5", "s", "derived_only");
	ASSERT_CELL(path, 1, "I5", "s", "missing");
	ASSERT_CELL(path, 1, "J5", "s", "toe_bagasse");
	ASSERT_CELL(path, 1, "K5", "s", "toe_coal_5_6");
	ASSERT_CELL(path, 1, "L5", "s", "toe_electricity");
	ASSERT_CELL(path, 1, "A6", "s", "K1");
	ASSERT_CELL(path, 1, "B6", "s", "0100109106"); /* text, leading zero kept */
	ASSERT_CELL(path, 1, "C6", "s", "=1+1 Gạch");
	ASSERT_CELL(path, 1, "D6", "s", "Kiên Lương");
	ASSERT_CELL(path, 1, "F6", "n", "1500.25");
	ASSERT_CELL(path, 1, "G6", "s", "key_user");
	ASSERT_CELL(path, 1, "H6", "n", "0");
	ASSERT_NO_CELL(path, 1, "I6"); /* nothing missing */
	ASSERT_CELL(path, 1, "J6", "n", "0");
	ASSERT_CELL(path, 1, "K6", "n", "1000");
	ASSERT_CELL(path, 1, "L6", "n", "500.25");
	ASSERT_NO_CELL(path, 1, "B7");	      /* no tax code */
	ASSERT_CELL(path, 1, "H7", "n", "1"); /* derived_only */
	ASSERT_CELL(path, 1, "K7", "n", "0"); /* coal not used, 0 as in the CSV */
	ASSERT_CELL(path, 1, "L7", "n", "1200");
	ASSERT_CELL(path, 1, "A8", "s", "K5");
	ASSERT_CELL(path, 1, "F8", "n", "50");
	ASSERT_CELL(path, 1, "G8", "s", "cannot_compute");
	ASSERT_CELL(path, 1, "I8", "s", "bagasse t: factor");
	ASSERT_NO_CELL(path, 1, "J8"); /* bagasse did not convert: empty, not 0 */
	ASSERT_CELL(path, 1, "K8", "n", "50");
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A5:L8\""));
	assert_non_null(strstr(sheet, "ySplit=\"5\""));
	assert_null(strstr(sheet, "<f>"));
	free(sheet);
}

static void
test_kpi_sheets(void **state)
{
	(void)state;
	struct kpi_result r = {.first_year = 2024, .last_year = 2024, .nyears = 1};
	snprintf(r.plan_code, sizeof(r.plan_code), "78/KH-UBND");
	static const char *const codes[KPI__MAX] = {"aware", "cp_staff", "applies_cp",
						    "applies_cp_saving", "cp_unit"};
	struct kpi_value pv[KPI__MAX], gv[2][KPI__MAX];
	for (int k = 0; k < KPI__MAX; k++) {
		r.series[k].code = codes[k];
		r.series[k].target_pct = NAN;
		r.series[k].values = &pv[k];
		/* (year, yes, known, active, share, share_active, coverage) */
		pv[k] = (struct kpi_value){2024, 0, 0, 5, NAN, 0.0, 0.0};
		gv[0][k] = (struct kpi_value){2024, 1, 2, 3, 0.5, 1.0 / 3, 2.0 / 3};
		gv[1][k] = (struct kpi_value){2024, 0, 0, 0, NAN, NAN, NAN};
	}
	/* aware: a target of 50 % for 2016-2025, so it applies in 2024 */
	r.series[0].target_pct = 50;
	r.series[0].ntargets = 1;
	r.series[0].targets[0] = (struct kpi_target){50, 2016, 2025};
	pv[0] = (struct kpi_value){2024, 3, 4, 5, 0.75, 0.6, 0.8}; /* 3/4, 3/5, 4/5 */
	struct kpi_group groups[2] = {
	    {.code = "large", .name_vi = "Lớn", .name_en = "Large", .v = gv[0]},
	    {.code = "small", .name_vi = "Nhỏ", .name_en = "Small", .v = gv[1]},
	};
	r.by[KPI_BY_SIZE] = (struct kpi_breakdown){KPI_BY_SIZE, 2024, 2024, 1, 2, groups};
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("kpi.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(sheets_kpi(x, &r, KPI_BY_BIT(KPI_BY_SIZE), 2024, 2024), 0);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);

	char *wb = xr_part(path, "xl/workbook.xml"), name[64];
	assert_true(xr_nth_text(wb, "sheet", "name", 0, name, sizeof(name)));
	assert_string_equal(name, "Toàn tỉnh");
	assert_true(xr_nth_text(wb, "sheet", "name", 1, name, sizeof(name)));
	assert_string_equal(name, "Quy mô");
	free(wb);
	ASSERT_CELL(path, 1, "N1", "s", "share_active");
	ASSERT_CELL(path, 1, "O1", "s", "coverage");
	ASSERT_CELL(path, 1, "Q1", "s", "compared_with");
	ASSERT_CELL(path, 1, "A2", "s", "78/KH-UBND");
	ASSERT_CELL(path, 1, "B2", "n", "2024");
	ASSERT_CELL(path, 1, "C2", "s", "province");
	ASSERT_NO_CELL(path, 1, "D2");
	ASSERT_CELL(path, 1, "F2", "s", "aware");
	ASSERT_CELL(path, 1, "G2", "n", "0.5"); /* target 50 % as a fraction */
	/* shown as targets are everywhere, whole: "50%" (util/fmt.h FMT_TARGET) */
	assert_part_has(path, "xl/styles.xml", "formatCode=\"0%\"");
	ASSERT_CELL(path, 1, "H2", "n", "2016"); /* the target's period */
	ASSERT_CELL(path, 1, "I2", "n", "2025");
	ASSERT_CELL(path, 1, "J2", "n", "3");
	ASSERT_CELL(path, 1, "K2", "n", "4");
	ASSERT_CELL(path, 1, "L2", "n", "5");
	ASSERT_CELL(path, 1, "M2", "n", "0.75"); /* 3 / 4 of known */
	ASSERT_CELL(path, 1, "N2", "n", "0.6");	 /* 3 / 5 of all */
	ASSERT_CELL(path, 1, "O2", "n", "0.8");	 /* 4 / 5 */
	ASSERT_CELL(path, 1, "P2", "n", "1");	 /* 60 % of all >= 50 %: met */
	ASSERT_CELL(path, 1, "Q2", "s", "share_active");
	ASSERT_CELL(path, 1, "F3", "s", "cp_staff");
	ASSERT_NO_CELL(path, 1, "G3"); /* no target */
	ASSERT_NO_CELL(path, 1, "M3"); /* known 0: no share of known */
	ASSERT_CELL(path, 1, "N3", "n", "0");
	ASSERT_CELL(path, 1, "O3", "n", "0");
	ASSERT_NO_CELL(path, 1, "P3"); /* nothing compared */
	ASSERT_NO_CELL(path, 1, "Q3");
	ASSERT_NO_CELL(path, 1, "A7"); /* 5 indicators, rows 2..6 */
	ASSERT_CELL(path, 2, "C2", "s", "size");
	ASSERT_CELL(path, 2, "D2", "s", "large");
	ASSERT_CELL(path, 2, "E2", "s", "Lớn");
	ASSERT_CELL(path, 2, "L5", "n", "3");
	ASSERT_NO_CELL(path, 2, "A7"); /* "small" has no active facility */
}

/* One key user: coal fines 5-6 at 0.50 TOE/t (data/carrier_factors.csv), 2000 t = 1000 TOE. */
static const char fixture[] =
    "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id, "
    "ownership, size) VALUES (1, 'K2', NULL, '=SUM(A1)', 'sum', '2392', "
    "(SELECT id FROM admin_unit WHERE code = 'kien-luong'), 'private', 'large');"
    "INSERT INTO report(id, facility_id, year) VALUES (1, 1, 2020);"
    "INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES "
    "(1, 'coal_5_6', 2000, 't');"
    "UPDATE report SET status = 'accepted';";

static void
test_cli(void **state)
{
	(void)state;
	char cmd[2048], path[512];
	struct db *db = fx_db_new("cli.db", fixture);
	db_close(db);

	snprintf(path, sizeof(path), "%s", tu_path("cli-ku.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	ASSERT_CELL(path, 1, "A6", "s", "K2");
	ASSERT_CELL(path, 1, "C6", "s", "=SUM(A1)");
	ASSERT_CELL(path, 1, "F6", "n", "1000"); /* 2000 t x 0.50 TOE/t */
	ASSERT_CELL(path, 1, "G6", "s", "key_user");
	ASSERT_CELL(path, 1, "J5", "s", "toe_coal_5_6");

	snprintf(path, sizeof(path), "%s", tu_path("cli-kpi.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s kpi --db '%s' --year 2020 --by size --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	ASSERT_CELL(path, 1, "B2", "n", "2020");
	ASSERT_CELL(path, 1, "L2", "n", "1"); /* one active facility */
	/* 2020 is in 78/KH-UBND's 2016-2020 period: aware's 50 % target applies */
	ASSERT_CELL(path, 1, "G2", "n", "0.5");
	ASSERT_CELL(path, 1, "Q2", "s", "share_active");
	ASSERT_CELL(path, 2, "D2", "s", "large");

	/* xlsx goes to a file only */
	snprintf(cmd, sizeof(cmd), "%s kpi --db '%s' --year 2020 --format xlsx", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format xlsx", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
}

/* ---- sxsh export --format xlsx ---------------------------------------- */

/* Out of code order on purpose; K2's tax code starts with a zero. */
static const char exp_fac[] =
    FX_FH "K2,0100109106,Nhà máy Bia Rạch Giá,1103,rach-gia,\"Lô A, KCN Thạnh Lộc\",10.0125,105.1,"
	  "fdi,large,1350,1998,,active\n"
	  "A1,1701234569,Cơ sở Nước mắm,1020,phu-quoc,,,,private,small,12,2005,2020,closed\n"
	  "H9,091234567890,Hộ Xay xát,1061,tan-hiep,,,,household,micro,,,,active\n";

static const char exp_rep[] =
    FX_RH "K2,2023,submitted,1,1,0,1,energy,electricity,,2,1000,kWh,2500000\n"
	  "K2,2023,submitted,1,1,0,1,output,,beer,,15000,hl,\n"
	  "K2,2023,submitted,1,1,0,1,material,malt,,,120.5,t,\n"
	  "K2,2022,draft,,,,,,,,,,,\n"
	  "A1,2023,accepted,0,,,,output,,fish_sauce,,2000,L,\n";

/* A database named name holding the export fixture. */
static struct db *
export_db(const char *name)
{
	struct db *db = fx_db_new(name, NULL);
	fx_import(db, CSVIO_FACILITIES, "exp-fac.csv", exp_fac);
	fx_import(db, CSVIO_REPORTS, "exp-rep.csv", exp_rep);
	return db;
}

/* Data rows of the CSV export of kind (lines less the header; no field holds a newline). */
static long
csv_rows(struct db *db, enum csvio_kind kind, int year)
{
	char *s = NULL, err[256];
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	assert_int_equal(csvio_export(db, kind, f, year, err, sizeof(err)), 0);
	fclose(f);
	long lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	free(s);
	return lines - 1;
}

/* Writes the one-sheet workbook of kind to tmp/name; returns its data rows. */
static long
export_book(struct db *db, enum csvio_kind kind, int year, const char *name, char *path,
	    size_t pathsz)
{
	char err[512];
	long rows = -1;
	snprintf(path, pathsz, "%s", tu_path(name));
	struct xlsx *x = xlsx_open(path);
	if (sheets_export(x, db, kind, year, &rows, err, sizeof(err)) != 0)
		fail_msg("sheets_export: %s", err);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);
	return rows;
}

/* The workbook's first sheet is want and its second second (NULL: there is none). */
static void
assert_sheet_name(const char *path, const char *want, const char *second)
{
	char name[64];
	char *wb = xr_part(path, "xl/workbook.xml");
	assert_true(xr_nth_text(wb, "sheet", "name", 0, name, sizeof(name)));
	assert_string_equal(name, want);
	if (second != NULL) {
		assert_true(xr_nth_text(wb, "sheet", "name", 1, name, sizeof(name)));
		assert_string_equal(name, second);
	}
	assert_false(xr_nth_text(wb, "sheet", "name", second != NULL ? 2 : 1, name, sizeof(name)));
	free(wb);
}

static void
test_export_facilities(void **state)
{
	(void)state;
	char path[512];
	struct db *db = export_db("exp-f.db");
	long rows = export_book(db, CSVIO_FACILITIES, 0, "fac.xlsx", path, sizeof(path));
	assert_int_equal(rows, 3); /* A1, H9, K2 */
	assert_int_equal(csv_rows(db, CSVIO_FACILITIES, 0), rows);
	db_close(db);

	assert_sheet_name(path, "Cơ sở", NULL);
	ASSERT_CELL(path, 1, "A1", "s", "code");
	ASSERT_CELL(path, 1, "B1", "s", "tax_code");
	ASSERT_CELL(path, 1, "N1", "s", "status"); /* 14 columns, A..N */
	/* Row 2: A1 (rows sorted by code). */
	ASSERT_CELL(path, 1, "A2", "s", "A1");
	ASSERT_CELL(path, 1, "B2", "s", "1701234569");
	ASSERT_CELL(path, 1, "C2", "s", "Cơ sở Nước mắm");
	ASSERT_CELL(path, 1, "D2", "s", "1020"); /* a sector code is text */
	ASSERT_CELL(path, 1, "E2", "s", "phu-quoc");
	ASSERT_NO_CELL(path, 1, "F2"); /* no address */
	ASSERT_NO_CELL(path, 1, "G2"); /* no coordinates */
	ASSERT_CELL(path, 1, "K2", "n", "12");
	ASSERT_CELL(path, 1, "L2", "n", "2005");
	ASSERT_CELL(path, 1, "M2", "n", "2020");
	ASSERT_CELL(path, 1, "N2", "s", "closed");
	/* Row 3: H9, a household's 12-digit tax code starting with 0. */
	ASSERT_CELL(path, 1, "B3", "s", "091234567890");
	ASSERT_CELL(path, 1, "C3", "s", "Hộ Xay xát");
	ASSERT_NO_CELL(path, 1, "K3"); /* employees unknown */
	/* Row 4: K2. */
	ASSERT_CELL(path, 1, "B4", "s", "0100109106"); /* text: the leading zero stays */
	ASSERT_CELL(path, 1, "F4", "s", "Lô A, KCN Thạnh Lộc");
	ASSERT_CELL(path, 1, "G4", "n", "10.0125");
	ASSERT_CELL(path, 1, "H4", "n", "105.1");
	ASSERT_CELL(path, 1, "I4", "s", "fdi");
	ASSERT_CELL(path, 1, "K4", "n", "1350");
	ASSERT_CELL(path, 1, "L4", "n", "1998");
	ASSERT_NO_CELL(path, 1, "M4");
	ASSERT_NO_CELL(path, 1, "A5"); /* 1 header + 3 rows */
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:N4\""));
	assert_non_null(strstr(sheet, "ySplit=\"1\""));
	assert_null(strstr(sheet, "<f>"));
	free(sheet);
	assert_part_has(path, "xl/styles.xml", "formatCode=\"#,##0\""); /* employees */
}

static void
test_export_reports(void **state)
{
	(void)state;
	char path[512];
	struct db *db = export_db("exp-r.db");
	/* A1 2023 one line; K2 2022 no line (one row); K2 2023 three lines: 1 + 1 + 3 = 5. */
	long rows = export_book(db, CSVIO_REPORTS, 0, "rep.xlsx", path, sizeof(path));
	assert_int_equal(rows, 5);
	assert_int_equal(csv_rows(db, CSVIO_REPORTS, 0), rows);

	assert_sheet_name(path, "Báo cáo", "Tệp đính kèm"); /* each report's attachments */
	ASSERT_CELL(path, 1, "A1", "s", "facility_code");
	ASSERT_CELL(path, 1, "N1", "s", "cost_vnd");
	/* Row 2: A1 2023, fish sauce. */
	ASSERT_CELL(path, 1, "A2", "s", "A1");
	ASSERT_CELL(path, 1, "B2", "n", "2023");
	ASSERT_CELL(path, 1, "C2", "s", "accepted");
	ASSERT_CELL(path, 1, "D2", "n", "0");
	ASSERT_NO_CELL(path, 1, "E2"); /* cp_staff unknown */
	ASSERT_CELL(path, 1, "H2", "s", "output");
	ASSERT_CELL(path, 1, "J2", "s", "fish_sauce");
	ASSERT_CELL(path, 1, "L2", "n", "2000");
	ASSERT_CELL(path, 1, "M2", "s", "L");
	/* Row 3: K2 2022, a draft without lines. */
	ASSERT_CELL(path, 1, "A3", "s", "K2");
	ASSERT_CELL(path, 1, "B3", "n", "2022");
	ASSERT_CELL(path, 1, "C3", "s", "draft");
	ASSERT_NO_CELL(path, 1, "D3");
	ASSERT_NO_CELL(path, 1, "H3");
	/* Rows 4-6: K2 2023 in export order output, energy, material. */
	ASSERT_CELL(path, 1, "H4", "s", "output");
	ASSERT_CELL(path, 1, "L4", "n", "15000");
	ASSERT_CELL(path, 1, "G5", "n", "1");
	ASSERT_CELL(path, 1, "H5", "s", "energy");
	ASSERT_CELL(path, 1, "I5", "s", "electricity");
	ASSERT_CELL(path, 1, "K5", "n", "2");
	ASSERT_CELL(path, 1, "L5", "n", "1000");
	ASSERT_CELL(path, 1, "M5", "s", "kWh");
	ASSERT_CELL(path, 1, "N5", "n", "2500000");
	ASSERT_CELL(path, 1, "I6", "s", "malt");
	ASSERT_CELL(path, 1, "L6", "n", "120.5");
	ASSERT_NO_CELL(path, 1, "N6"); /* no cost */
	ASSERT_NO_CELL(path, 1, "A7");
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:N6\""));
	free(sheet);

	/* One year: only K2's 2022 draft. */
	rows = export_book(db, CSVIO_REPORTS, 2022, "rep-2022.xlsx", path, sizeof(path));
	assert_int_equal(rows, 1);
	assert_int_equal(csv_rows(db, CSVIO_REPORTS, 2022), 1);
	ASSERT_CELL(path, 1, "A2", "s", "K2");
	ASSERT_CELL(path, 1, "B2", "n", "2022");
	ASSERT_NO_CELL(path, 1, "A3");
	db_close(db);
}

/* A row sink that takes ctx's count of rows, then stops. */
static int
take_rows(void *ctx, const char *const *fields, int n)
{
	int *left = ctx;
	assert_int_equal(n, 14);
	assert_non_null(fields[0]); /* the code is always there */
	return --*left < 0 ? -1 : 0;
}

static void
test_export_rows_stop(void **state)
{
	(void)state;
	char err[256] = "";
	struct db *db = export_db("exp-s.db");
	int left = 1;
	/* The second row is refused: the export stops with -1 and err untouched. */
	assert_int_equal(
	    csvio_export_rows(db, CSVIO_FACILITIES, 0, take_rows, &left, err, sizeof(err)), -1);
	assert_string_equal(err, "");
	/* The statement was reset: a full export runs again. */
	left = 3;
	assert_int_equal(
	    csvio_export_rows(db, CSVIO_FACILITIES, 0, take_rows, &left, err, sizeof(err)), 0);
	assert_int_equal(left, 0);					   /* 3 rows */
	assert_int_equal(csvio_col_type(CSVIO_FACILITIES, 1), CSVIO_TEXT); /* tax_code */
	assert_int_equal(csvio_col_type(CSVIO_FACILITIES, 6), CSVIO_REAL); /* lat */
	assert_int_equal(csvio_col_type(CSVIO_REPORTS, 1), CSVIO_INT);	   /* year */
	db_close(db);
}

static void
test_export_cli(void **state)
{
	(void)state;
	char cmd[2048], path[512];
	db_close(export_db("exp-cli.db"));

	snprintf(path, sizeof(path), "%s", tu_path("cli-fac.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s export facilities --db '%s' --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("exp-cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	assert_sheet_name(path, "Cơ sở", NULL);
	ASSERT_CELL(path, 1, "B4", "s", "0100109106");
	ASSERT_CELL(path, 1, "K4", "n", "1350");

	snprintf(path, sizeof(path), "%s", tu_path("cli-rep.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s export reports --db '%s' --year 2023 --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("exp-cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	assert_sheet_name(path, "Báo cáo", "Tệp đính kèm"); /* each report's attachments */
	ASSERT_CELL(path, 1, "A2", "s", "A1");
	ASSERT_CELL(path, 1, "A5", "s", "K2"); /* 2023: A1's line + K2's 3 lines, rows 2..5 */
	ASSERT_NO_CELL(path, 1, "A6");

	/* csv stays the default and can be named; xlsx goes to a file only. */
	snprintf(cmd, sizeof(cmd), "%s export facilities --db '%s' --format csv", tu_sxsh(),
		 tu_db_url("exp-cli.db"));
	char *out = NULL;
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_int_equal(strncmp(out, FX_FH, strlen(FX_FH)), 0);
	free(out);
	snprintf(cmd, sizeof(cmd), "%s export facilities --db '%s' --format xlsx", tu_sxsh(),
		 tu_db_url("exp-cli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(path, sizeof(path), "%s", tu_path("cli-bad.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s export facilities --db '%s' --format ods -o '%s'", tu_sxsh(),
		 tu_db_url("exp-cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	assert_int_equal(access(path, F_OK), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_writer_cells),
	    cmocka_unit_test(test_writer_bad_sheet_name),
	    cmocka_unit_test(test_keyusers_sheet),
	    cmocka_unit_test(test_kpi_sheets),
	    cmocka_unit_test(test_cli),
	    cmocka_unit_test(test_export_facilities),
	    cmocka_unit_test(test_export_reports),
	    cmocka_unit_test(test_export_rows_stop),
	    cmocka_unit_test(test_export_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
