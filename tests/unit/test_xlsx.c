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
#include "model/names.h"
#include "model/registry/facility.h"
#include "model/registry/refdata.h"
#include "render/sheets.h"
#include "render/xlsx.h"
#include "testutil.h"
#include "util/arena.h"
#include "util/buf.h"
#include "xlsx_read.h"

/* The export date of every workbook of these tests (xlsx.h: SXSH_EXPORT_DATE). */
#define TEST_DATE "2026-12-03"

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

/* Asserts the number format code of cell ref of sheet. */
#define ASSERT_NUMFMT(path, sheet, ref, want)                                                      \
	do {                                                                                       \
		char f_[64];                                                                       \
		if (!xr_numfmt(path, sheet, ref, f_, sizeof(f_)))                                  \
			fail_msg("cell %s of sheet %d absent", ref, sheet);                        \
		assert_string_equal(f_, want);                                                     \
	} while (0)

/* Asserts the whole part of column col's width (the file stores it with Excel's padding). */
#define ASSERT_COL_WIDTH(path, sheet, col, want)                                                   \
	assert_int_equal((int)xr_col_width(path, sheet, col), want)

/* Asserts attribute attr of the first element el of sheet is want. */
static void
assert_sheet_attr(const char *path, int sheet, const char *el, const char *attr, const char *want)
{
	char v[64];
	if (!xr_sheet_attr(path, sheet, el, attr, v, sizeof(v)))
		fail_msg("sheet %d has no %s %s", sheet, el, attr);
	assert_string_equal(v, want);
}

static void
test_writer_cells(void **state)
{
	(void)state;
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("w.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(xlsx_set_date(x, "2026-02-29"), -1); /* 2026 is not a leap year */
	assert_int_equal(xlsx_set_date(x, "2024-2-9"), -1);   /* two digits each */
	assert_int_equal(xlsx_set_date(x, "2024-02-29"), 0);
	assert_string_equal(xlsx_date(x), "29/02/2024");
	assert_string_equal(xlsx_date_iso(x), "2024-02-29");
	xlsx_set_source(x, "Nguồn: thử");
	assert_int_equal(xlsx_sheet(x, "Trọng điểm"), 0);
	xlsx_title(x, "Tiêu đề dài hơn mọi cột của trang");
	const char *codes[] = {"a_code", "b_code", "c_code", "d_code"};
	xlsx_codes_row(x, codes, 4);
	const char *head[] = {"Tên", "Năng lượng tiêu thụ quy đổi (TOE)", "c", "Đơn vị"};
	xlsx_header(x, head, 4);
	xlsx_text(x, "=1+1");
	xlsx_number(x, 1234.5, 2);
	xlsx_int(x, 42);
	xlsx_number(x, 120.5, 1);
	xlsx_row_end(x);
	xlsx_percent(x, 0.452);
	xlsx_blank(x);
	xlsx_number(x, NAN, 1);
	xlsx_text(x, "Đồng Tháp – sạch hơn");
	xlsx_row_end(x);
	xlsx_number(x, 15000, 0);
	xlsx_number(x, 0.0125, 3);
	xlsx_plain(x, 2024);
	xlsx_number(x, 1.0 / 3, 2);
	xlsx_row_end(x);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);

	char tmp[600];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_equal(access(tmp, F_OK), -1); /* renamed away */
	/* Rows 1-2 title and source, 3 the hidden codes, 4 the header. */
	ASSERT_CELL(path, 1, "A1", "s", "Tiêu đề dài hơn mọi cột của trang");
	ASSERT_CELL(path, 1, "A2", "s", "Nguồn: thử");
	ASSERT_CELL(path, 1, "A3", "s", "a_code");
	ASSERT_CELL(path, 1, "D3", "s", "d_code");
	char v[32];
	assert_true(xr_row_attr(path, 1, 3, "hidden", v, sizeof(v)));
	assert_string_equal(v, "1");
	assert_false(xr_row_attr(path, 1, 4, "hidden", v, sizeof(v)));
	ASSERT_CELL(path, 1, "A4", "s", "Tên");
	ASSERT_CELL(path, 1, "A5", "s", "=1+1"); /* a string, not a formula */
	ASSERT_CELL(path, 1, "B5", "n", "1234.5");
	ASSERT_CELL(path, 1, "C5", "n", "42");
	ASSERT_CELL(path, 1, "A6", "n", "0.452"); /* the fraction, shown as 45.2% */
	ASSERT_NO_CELL(path, 1, "B6");		  /* blank */
	ASSERT_NO_CELL(path, 1, "C6");		  /* NAN */
	ASSERT_CELL(path, 1, "D6", "s", "Đồng Tháp – sạch hơn");
	/* The display formats: ',' groups and '.' marks decimals in the code. */
	ASSERT_NUMFMT(path, 1, "B5", "#,##0.00");
	ASSERT_NUMFMT(path, 1, "C5", "#,##0"); /* a count */
	ASSERT_NUMFMT(path, 1, "D5", "#,##0.0");
	ASSERT_NUMFMT(path, 1, "A6", "0.0%");	   /* 45.2% */
	ASSERT_NUMFMT(path, 1, "A7", "#,##0");	   /* "15.000" */
	ASSERT_NUMFMT(path, 1, "B7", "#,##0.000"); /* "0,013": only the display rounds */
	ASSERT_CELL(path, 1, "B7", "n", "0.0125");
	ASSERT_NUMFMT(path, 1, "C7", "General");  /* a year: never grouped */
	ASSERT_NUMFMT(path, 1, "D7", "#,##0.00"); /* "0,33" */
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_null(strstr(sheet, "<f>")); /* no formula anywhere */
	/* header row 4 to the last row written, 7, over columns A..D */
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A4:D7\""));
	free(sheet);
	assert_sheet_attr(path, 1, "pane", "ySplit", "4"); /* frozen below the header */
	assert_sheet_attr(path, 1, "pane", "topLeftCell", "A5");
	/* Printed on A4 (paper size 9) across, the header row on every page. */
	assert_sheet_attr(path, 1, "pageSetup", "orientation", "landscape");
	assert_sheet_attr(path, 1, "pageSetup", "paperSize", "9");
	assert_part_has(path, "xl/workbook.xml", "'Trọng điểm'!$4:$4");
	/*
	 * Widths in characters, not bytes, + 2, within 8..60; the title and the
	 * rows above the header do not count:
	 * A: "15,000" is 6 (the widest), "Tên" 3 -> 8 (the floor);
	 * B: the header has 33 characters (43 bytes), capped at 18 and wrapped;
	 *    "1,234.50" is 8, "0.013" 5 -> 18 + 2 = 20; the header takes
	 *    ceil(33 / 18) = 2 lines;
	 * C: "2024" is 4 -> 8;
	 * D: "Đồng Tháp – sạch hơn" is 20 characters (29 bytes) -> 22.
	 */
	ASSERT_COL_WIDTH(path, 1, 1, 8);
	ASSERT_COL_WIDTH(path, 1, 2, 20);
	ASSERT_COL_WIDTH(path, 1, 3, 8);
	ASSERT_COL_WIDTH(path, 1, 4, 22);
	assert_true(xr_row_attr(path, 1, 4, "ht", v, sizeof(v)));
	assert_string_equal(v, "30"); /* two lines of 15 points */
	char name[64];
	char *wb = xr_part(path, "xl/workbook.xml");
	assert_true(xr_nth_text(wb, "sheet", "name", 0, name, sizeof(name)));
	assert_string_equal(name, "Trọng điểm");
	free(wb);
	/* The header wraps; the title is larger. */
	assert_part_has(path, "xl/styles.xml", "wrapText=\"1\"");
	assert_part_has(path, "xl/styles.xml", "<sz val=\"14\"/>");
}

/* The export date comes from the environment when it is a date, else today. */
static void
test_writer_date(void **state)
{
	(void)state;
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("d.xlsx"));
	setenv("SXSH_EXPORT_DATE", "2025-07-01", 1);
	struct xlsx *x = xlsx_open(path);
	assert_string_equal(xlsx_date(x), "01/07/2025");
	xlsx_discard(x);
	setenv("SXSH_EXPORT_DATE", "2025-13-01", 1); /* no month 13: today's */
	x = xlsx_open(path);
	assert_int_equal(strlen(xlsx_date(x)), 10);
	assert_string_not_equal(xlsx_date(x), "01/13/2025");
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);
	setenv("SXSH_EXPORT_DATE", TEST_DATE, 1);
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
	/* Two carriers named, electricity left out: its column keeps its code. */
	const struct name cn[] = {{"bagasse", "Bã mía", "Bagasse"},
				  {"coal_5_6", "Than cám loại 5, 6", "Coal fines 5-6"}};
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("ku.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(sheets_source(x, NULL, SHEETS_VI), 0); /* no database: no province */
	assert_int_equal(sheets_keyusers_lang(x, NULL, &l, SHEETS_VI, cn, 2), 0);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);

	ASSERT_CELL(path, 1, "A1", "s", "Danh sách cơ sở sử dụng năng lượng trọng điểm năm 2024");
	ASSERT_CELL(path, 1, "A2", "s", "Nguồn: sxsh — Sở Công Thương. Ngày xuất: 03/12/2026");
	/* Row 3: one sentence, the threshold and the counts written the Vietnamese way. */
	ASSERT_CELL(path, 1, "A3", "s",
		    "Ngưỡng: 1.000 TOE/năm (Nghị định 21/2011/NĐ-CP Điều 6). Số cơ sở trọng "
		    "điểm: 2; số cơ sở không tính được: 1.");
	ASSERT_NO_CELL(path, 1, "B3");
	/* Row 4 the header: the Ministry list's columns, sxsh's, the carriers by code order. */
	ASSERT_CELL(path, 1, "A4", "s", "STT");
	ASSERT_CELL(path, 1, "B4", "s", "Tên cơ sở");
	ASSERT_CELL(path, 1, "C4", "s", "Địa chỉ");
	ASSERT_CELL(path, 1, "D4", "s", "Ngành nghề");
	ASSERT_CELL(path, 1, "E4", "s", "Năng lượng tiêu thụ quy đổi (TOE)");
	ASSERT_CELL(path, 1, "F4", "s", "Mã cơ sở");
	ASSERT_CELL(path, 1, "G4", "s", "Mã số thuế");
	ASSERT_CELL(path, 1, "H4", "s", "Đơn vị hành chính");
	ASSERT_CELL(path, 1, "I4", "s", "Tình trạng");
	ASSERT_CELL(path, 1, "J4", "s", "Chỉ nhờ hệ số suy ra (1 = có)");
	ASSERT_CELL(path, 1, "K4", "s", "Số liệu thiếu");
	ASSERT_CELL(path, 1, "L4", "s", "TOE Bã mía");
	ASSERT_CELL(path, 1, "M4", "s", "TOE Than cám loại 5, 6");
	ASSERT_CELL(path, 1, "N4", "s", "TOE electricity");
	ASSERT_CELL(path, 1, "A5", "n", "1"); /* STT */
	ASSERT_NUMFMT(path, 1, "A5", "General");
	ASSERT_CELL(path, 1, "B5", "s", "=1+1 Gạch");
	ASSERT_CELL(path, 1, "C5", "s", "Kiên Lương"); /* no database: the district */
	ASSERT_CELL(path, 1, "D5", "s", "2392");       /* no database: the sector's code */
	ASSERT_CELL(path, 1, "E5", "n", "1500.25");
	ASSERT_NUMFMT(path, 1, "E5", "#,##0.00");
	ASSERT_CELL(path, 1, "F5", "s", "K1");
	ASSERT_CELL(path, 1, "G5", "s", "0100109106"); /* text, leading zero kept */
	ASSERT_CELL(path, 1, "H5", "s", "Kiên Lương");
	ASSERT_CELL(path, 1, "I5", "s", "Trọng điểm");
	ASSERT_CELL(path, 1, "J5", "n", "0");
	ASSERT_NO_CELL(path, 1, "K5"); /* nothing missing */
	ASSERT_CELL(path, 1, "L5", "n", "0");
	ASSERT_CELL(path, 1, "M5", "n", "1000");
	ASSERT_CELL(path, 1, "N5", "n", "500.25");
	ASSERT_CELL(path, 1, "A6", "n", "2");
	ASSERT_NO_CELL(path, 1, "G6");	      /* no tax code */
	ASSERT_CELL(path, 1, "J6", "n", "1"); /* derived_only */
	ASSERT_CELL(path, 1, "M6", "n", "0"); /* coal not used, 0 as in the CSV */
	ASSERT_CELL(path, 1, "N6", "n", "1200");
	ASSERT_NO_CELL(path, 1, "A7"); /* cannot be computed: not numbered on the list */
	ASSERT_CELL(path, 1, "F7", "s", "K5");
	ASSERT_CELL(path, 1, "E7", "n", "50");
	ASSERT_CELL(path, 1, "I7", "s", "Không tính được");
	ASSERT_CELL(path, 1, "K7", "s", "Bã mía (t): thiếu hệ số TOE");
	ASSERT_NO_CELL(path, 1, "L7"); /* bagasse did not convert: empty, not 0 */
	ASSERT_CELL(path, 1, "M7", "n", "50");
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A4:N7\""));
	assert_null(strstr(sheet, "<f>"));
	free(sheet);
	assert_sheet_attr(path, 1, "pane", "ySplit", "4");
	/* E: the header's 33 characters capped at 18; "1,500.25" is 8 -> 20. */
	ASSERT_COL_WIDTH(path, 1, 5, 20);

	/* The English page's workbook. */
	x = xlsx_open(path);
	assert_int_equal(sheets_source(x, NULL, SHEETS_EN), 0);
	assert_int_equal(sheets_keyusers_lang(x, NULL, &l, SHEETS_EN, cn, 2), 0);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);
	ASSERT_CELL(path, 1, "A1", "s", "List of key energy users, 2024");
	ASSERT_CELL(path, 1, "A2", "s",
		    "Source: sxsh — Department of Industry and Trade. Exported on 03/12/2026");
	ASSERT_CELL(path, 1, "A3", "s",
		    "Threshold: 1,000 TOE a year (Nghị định 21/2011/NĐ-CP Điều 6). Key energy "
		    "users: 2; facilities that cannot be computed: 1.");
	ASSERT_CELL(path, 1, "A4", "s", "No.");
	ASSERT_CELL(path, 1, "I5", "s", "Key user");
	ASSERT_CELL(path, 1, "K7", "s", "Bagasse (t): no TOE factor");
	ASSERT_CELL(path, 1, "L4", "s", "TOE Bagasse");
}

static void
test_kpi_sheets(void **state)
{
	(void)state;
	struct kpi_result r = {.first_year = 2024, .last_year = 2024, .nyears = 1};
	snprintf(r.plan_code, sizeof(r.plan_code), "78/KH-UBND");
	static const char *const codes[KPI__MAX] = {"aware", "cp_staff", "applies_cp",
						    "applies_cp_saving", "cp_unit"};
	static const char *const vi[KPI__MAX] = {"Nhận thức", "Cán bộ SXSH", "Áp dụng SXSH",
						 "Áp dụng và tiết kiệm", "Bộ phận SXSH"};
	struct kpi_value pv[KPI__MAX], gv[2][KPI__MAX];
	for (int k = 0; k < KPI__MAX; k++) {
		r.series[k].code = codes[k];
		r.series[k].name_vi = vi[k];
		r.series[k].name_en = codes[k];
		r.series[k].target_pct = NAN;
		r.series[k].values = &pv[k];
		/* (year, yes, known, active, share, share_active, coverage) */
		pv[k] = (struct kpi_value){2024, 0, 0, 5, NAN, 0.0, 0.0, 0};
		gv[0][k] = (struct kpi_value){2024, 1, 2, 3, 0.5, 1.0 / 3, 2.0 / 3, 0};
		gv[1][k] = (struct kpi_value){2024, 0, 0, 0, NAN, NAN, NAN, 0};
	}
	/* aware: a target of 50 % for 2016-2025, so it applies in 2024 */
	r.series[0].target_pct = 50;
	r.series[0].ntargets = 1;
	r.series[0].targets[0] = (struct kpi_target){50, 2016, 2025};
	pv[0] = (struct kpi_value){2024, 3, 4, 5, 0.75, 0.6, 0.8, 0}; /* 3/4, 3/5, 4/5 */
	struct kpi_group groups[2] = {
	    {.code = "large", .name_vi = "Lớn", .name_en = "Large", .v = gv[0]},
	    {.code = "small", .name_vi = "Nhỏ", .name_en = "Small", .v = gv[1]},
	};
	r.by[KPI_BY_SIZE] = (struct kpi_breakdown){KPI_BY_SIZE, 2024, 2024, 1, 2, groups};
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("kpi.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(sheets_source(x, NULL, SHEETS_VI), 0);
	assert_int_equal(sheets_kpi(x, &r, KPI_BY_BIT(KPI_BY_SIZE), 2024, 2024), 0);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);

	char *wb = xr_part(path, "xl/workbook.xml"), name[64];
	assert_true(xr_nth_text(wb, "sheet", "name", 0, name, sizeof(name)));
	assert_string_equal(name, "Toàn tỉnh");
	assert_true(xr_nth_text(wb, "sheet", "name", 1, name, sizeof(name)));
	assert_string_equal(name, "Quy mô");
	free(wb);
	ASSERT_CELL(path, 1, "A1", "s", "Chỉ tiêu của kế hoạch 78/KH-UBND, năm 2024 — Toàn tỉnh");
	ASSERT_CELL(path, 1, "A2", "s", "Nguồn: sxsh — Sở Công Thương. Ngày xuất: 03/12/2026");
	ASSERT_NO_CELL(path, 1, "A3");
	ASSERT_CELL(path, 1, "A4", "s", "Kế hoạch");
	ASSERT_CELL(path, 1, "G4", "s", "Mục tiêu");
	ASSERT_CELL(path, 1, "M4", "s", "Tỷ lệ (trên số đã biết)");
	ASSERT_CELL(path, 1, "N4", "s", "Tỷ lệ (trên tổng số)");
	ASSERT_CELL(path, 1, "O4", "s", "Độ bao phủ");
	ASSERT_CELL(path, 1, "P4", "s", "Đạt mục tiêu");
	ASSERT_CELL(path, 1, "Q4", "s", "So sánh theo");
	ASSERT_CELL(path, 1, "A5", "s", "78/KH-UBND");
	ASSERT_CELL(path, 1, "B5", "n", "2024");
	ASSERT_NUMFMT(path, 1, "B5", "General"); /* a year: "2024", never "2.024" */
	ASSERT_CELL(path, 1, "C5", "s", "Toàn tỉnh");
	ASSERT_NO_CELL(path, 1, "D5");
	ASSERT_CELL(path, 1, "F5", "s", "Nhận thức");
	ASSERT_CELL(path, 1, "G5", "n", "0.5"); /* target 50 % as a fraction */
	/* shown as targets are everywhere, whole: "50%" (util/fmt.h FMT_TARGET) */
	ASSERT_NUMFMT(path, 1, "G5", "0%");
	ASSERT_CELL(path, 1, "H5", "n", "2016"); /* the target's period */
	ASSERT_NUMFMT(path, 1, "H5", "General");
	ASSERT_CELL(path, 1, "I5", "n", "2025");
	ASSERT_CELL(path, 1, "J5", "n", "3");
	ASSERT_NUMFMT(path, 1, "J5", "#,##0");
	ASSERT_CELL(path, 1, "K5", "n", "4");
	ASSERT_CELL(path, 1, "L5", "n", "5");
	ASSERT_CELL(path, 1, "M5", "n", "0.75"); /* 3 / 4 of known */
	ASSERT_NUMFMT(path, 1, "M5", "0.0%");
	ASSERT_CELL(path, 1, "N5", "n", "0.6"); /* 3 / 5 of all */
	ASSERT_CELL(path, 1, "O5", "n", "0.8"); /* 4 / 5 */
	ASSERT_NUMFMT(path, 1, "O5", "0.0%");
	ASSERT_CELL(path, 1, "P5", "s", "Đạt"); /* 60 % of all >= 50 % */
	ASSERT_CELL(path, 1, "Q5", "s", "Tỷ lệ (trên tổng số)");
	ASSERT_CELL(path, 1, "F6", "s", "Cán bộ SXSH");
	ASSERT_NO_CELL(path, 1, "G6"); /* no target */
	ASSERT_NO_CELL(path, 1, "M6"); /* known 0: no share of known */
	ASSERT_CELL(path, 1, "N6", "n", "0");
	ASSERT_CELL(path, 1, "O6", "n", "0");
	ASSERT_NO_CELL(path, 1, "P6"); /* nothing compared */
	ASSERT_NO_CELL(path, 1, "Q6");
	ASSERT_CELL(path, 1, "F9", "s", "Bộ phận SXSH");
	ASSERT_NO_CELL(path, 1, "A10"); /* 5 indicators, rows 5..9 */
	assert_sheet_attr(path, 1, "pane", "ySplit", "4");
	/*
	 * The chart: one series per indicator, its one year's row: categories
	 * the years (B), values the share of all active facilities (N).
	 */
	char *chart = xr_part(path, "xl/charts/chart1.xml"), f[128];
	assert_non_null(chart);
	assert_non_null(strstr(chart, "<c:barChart>"));
	assert_true(xr_nth_text(chart, "f", NULL, 0, f, sizeof(f)));
	assert_string_equal(f, "'Toàn tỉnh'!$B$5"); /* a range of one cell is written as the cell */
	assert_true(xr_nth_text(chart, "f", NULL, 1, f, sizeof(f)));
	assert_string_equal(f, "'Toàn tỉnh'!$N$5");
	assert_true(xr_nth_text(chart, "f", NULL, 9, f, sizeof(f)));
	assert_string_equal(f, "'Toàn tỉnh'!$N$9"); /* the fifth series */
	assert_false(xr_nth_text(chart, "f", NULL, 10, f, sizeof(f)));
	assert_non_null(strstr(chart, "<c:v>Nhận thức</c:v>"));
	assert_non_null(strstr(chart, "formatCode=\"0%\""));
	free(chart);
	assert_part_has(path, "xl/worksheets/_rels/sheet1.xml.rels", "drawing1.xml");
	assert_null(xr_part(path, "xl/charts/chart2.xml")); /* the breakdown has none */

	ASSERT_CELL(path, 2, "A1", "s", "Chỉ tiêu của kế hoạch 78/KH-UBND, năm 2024 — Quy mô");
	ASSERT_CELL(path, 2, "C5", "s", "Quy mô");
	ASSERT_CELL(path, 2, "D5", "s", "large");
	ASSERT_CELL(path, 2, "E5", "s", "Lớn");
	ASSERT_CELL(path, 2, "L8", "n", "3");
	ASSERT_NO_CELL(path, 2, "A10"); /* "small" has no active facility */
}

/* Two years: each indicator's years are one range of the chart. */
static void
test_kpi_chart_years(void **state)
{
	(void)state;
	struct kpi_result r = {.first_year = 2023, .last_year = 2024, .nyears = 2};
	snprintf(r.plan_code, sizeof(r.plan_code), "78/KH-UBND");
	struct kpi_value pv[KPI__MAX][2];
	for (int k = 0; k < KPI__MAX; k++) {
		r.series[k].code = "x";
		r.series[k].name_vi = "Chỉ tiêu";
		r.series[k].name_en = "Indicator";
		r.series[k].target_pct = NAN;
		r.series[k].values = pv[k];
		pv[k][0] = (struct kpi_value){2023, 1, 2, 4, 0.5, 0.25, 0.5, 0};
		pv[k][1] = (struct kpi_value){2024, 2, 2, 4, 1.0, 0.5, 0.5, 0};
	}
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("kpi2.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(sheets_kpi_lang(x, &r, 0, 2023, 2024, SHEETS_EN), 0);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);
	ASSERT_CELL(path, 1, "A1", "s", "Indicators of plan 78/KH-UBND, 2023–2024 — Province");
	ASSERT_CELL(path, 1, "O4", "s", "Coverage");
	/* Rows 5-6 the first indicator's 2023 and 2024, 7-8 the second's... 13-14 the fifth's. */
	ASSERT_CELL(path, 1, "B5", "n", "2023");
	ASSERT_CELL(path, 1, "B6", "n", "2024");
	ASSERT_CELL(path, 1, "N6", "n", "0.5");
	ASSERT_CELL(path, 1, "B14", "n", "2024");
	ASSERT_NO_CELL(path, 1, "A15");
	char *chart = xr_part(path, "xl/charts/chart1.xml"), f[128];
	assert_non_null(chart);
	assert_non_null(strstr(chart, "<c:lineChart>")); /* several years: lines */
	assert_true(xr_nth_text(chart, "f", NULL, 0, f, sizeof(f)));
	assert_string_equal(f, "Province!$B$5:$B$6");
	assert_true(xr_nth_text(chart, "f", NULL, 3, f, sizeof(f)));
	assert_string_equal(f, "Province!$N$7:$N$8");
	free(chart);
}

/* One key user: coal fines 5-6 at 0.50 TOE/t (data/carrier_factors.csv), 2000 t = 1000 TOE. */
static const char fixture[] =
    "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id, "
    "address, ownership, size) VALUES (1, 'K2', NULL, '=SUM(A1)', 'sum', '2392', "
    "(SELECT id FROM admin_unit WHERE code = 'kien-luong'), 'Ấp Ba Hòn, thị trấn Kiên Lương', "
    "'private', 'large');"
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
	/* 3/12/2026 falls after the 2025 merger: the province is An Giang (data/admin_units.csv).
	 */
	ASSERT_CELL(path, 1, "A1", "s", "Danh sách cơ sở sử dụng năng lượng trọng điểm năm 2020");
	ASSERT_CELL(path, 1, "A2", "s",
		    "Nguồn: sxsh — Sở Công Thương tỉnh An Giang. Ngày xuất: 03/12/2026");
	ASSERT_CELL(path, 1, "A4", "s", "STT");
	ASSERT_CELL(path, 1, "L4", "s", "TOE Than cám loại 5, 6"); /* data/carriers.csv */
	ASSERT_CELL(path, 1, "A5", "n", "1");
	ASSERT_CELL(path, 1, "B5", "s", "=SUM(A1)");
	ASSERT_CELL(path, 1, "C5", "s", "Ấp Ba Hòn, thị trấn Kiên Lương"); /* its address */
	ASSERT_CELL(path, 1, "H5", "s", "Huyện Kiên Lương");
	ASSERT_CELL(path, 1, "D5", "s", "Sản xuất vật liệu xây dựng từ đất sét"); /* 2392 */
	ASSERT_CELL(path, 1, "E5", "n", "1000"); /* 2000 t x 0.50 TOE/t */
	ASSERT_CELL(path, 1, "F5", "s", "K2");
	ASSERT_CELL(path, 1, "I5", "s", "Trọng điểm");
	ASSERT_CELL(path, 1, "L5", "n", "1000");

	snprintf(path, sizeof(path), "%s", tu_path("cli-kpi.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s kpi --db '%s' --year 2020 --by size --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	ASSERT_CELL(path, 1, "A1", "s", "Chỉ tiêu của kế hoạch 78/KH-UBND, năm 2020 — Toàn tỉnh");
	ASSERT_CELL(path, 1, "A2", "s",
		    "Nguồn: sxsh — Sở Công Thương tỉnh An Giang. Ngày xuất: 03/12/2026");
	ASSERT_CELL(path, 1, "B4", "s", "Năm");
	ASSERT_CELL(path, 1, "B5", "n", "2020");
	ASSERT_CELL(path, 1, "L5", "n", "1"); /* one active facility */
	/* 2020 is in 78/KH-UBND's 2016-2020 period: aware's 50 % target applies */
	ASSERT_CELL(path, 1, "G5", "n", "0.5");
	ASSERT_CELL(path, 1, "Q5", "s", "Tỷ lệ (trên tổng số)");
	ASSERT_CELL(path, 2, "D5", "s", "large");
	char *chart = xr_part(path, "xl/charts/chart1.xml");
	assert_non_null(chart);
	free(chart);

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
	  "K2,2023,submitted,1,1,0,1,water,ground,,,300,m3,\n"
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
	assert_int_equal(sheets_source(x, db, SHEETS_VI), 0);
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
	ASSERT_CELL(path, 1, "A1", "s", "Danh sách cơ sở công nghiệp");
	ASSERT_CELL(path, 1, "A2", "s",
		    "Nguồn: sxsh — Sở Công Thương tỉnh An Giang. Ngày xuất: 03/12/2026");
	/*
	 * Row 3: the CSV's codes, hidden, for a program, with the codes of the two
	 * name columns the workbook adds (sector_name, admin_unit_name); row 4 the
	 * header in words.  Columns: A code, B tax_code, C name, D sector, E its
	 * name, F admin_unit, G its name, H address, I lat, J lon, K ownership,
	 * L size, M employees, N opened_year, O closed_year, P status.
	 */
	ASSERT_CELL(path, 1, "A3", "s", "code");
	ASSERT_CELL(path, 1, "B3", "s", "tax_code");
	ASSERT_CELL(path, 1, "E3", "s", "sector_name");
	ASSERT_CELL(path, 1, "G3", "s", "admin_unit_name");
	ASSERT_CELL(path, 1, "P3", "s", "status");
	ASSERT_NO_CELL(path, 1, "Q3");
	char v[16];
	assert_true(xr_row_attr(path, 1, 3, "hidden", v, sizeof(v)));
	assert_string_equal(v, "1");
	ASSERT_CELL(path, 1, "A4", "s", "Mã cơ sở");
	ASSERT_CELL(path, 1, "B4", "s", "Mã số thuế");
	ASSERT_CELL(path, 1, "D4", "s", "Mã ngành (VSIC)");
	ASSERT_CELL(path, 1, "E4", "s", "Tên ngành");
	ASSERT_CELL(path, 1, "G4", "s", "Tên đơn vị hành chính");
	ASSERT_CELL(path, 1, "K4", "s", "Loại hình sở hữu");
	ASSERT_CELL(path, 1, "M4", "s", "Số lao động");
	ASSERT_CELL(path, 1, "P4", "s", "Trạng thái");
	/* Row 5: A1 (rows sorted by code). */
	ASSERT_CELL(path, 1, "A5", "s", "A1");
	ASSERT_CELL(path, 1, "B5", "s", "1701234569");
	ASSERT_CELL(path, 1, "C5", "s", "Cơ sở Nước mắm");
	ASSERT_CELL(path, 1, "D5", "s", "1020"); /* a sector code is text */
	ASSERT_CELL(path, 1, "E5", "s", "Chế biến, bảo quản thủy sản và các sản phẩm từ thủy sản");
	ASSERT_CELL(path, 1, "F5", "s", "phu-quoc");
	ASSERT_CELL(path, 1, "G5", "s", "Thành phố Phú Quốc");
	ASSERT_NO_CELL(path, 1, "H5"); /* no address */
	ASSERT_NO_CELL(path, 1, "I5"); /* no coordinates */
	ASSERT_CELL(path, 1, "K5", "s", "Tư nhân");
	ASSERT_CELL(path, 1, "L5", "s", "Nhỏ");
	ASSERT_CELL(path, 1, "M5", "n", "12");
	ASSERT_NUMFMT(path, 1, "M5", "#,##0");
	ASSERT_CELL(path, 1, "N5", "n", "2005");
	ASSERT_NUMFMT(path, 1, "N5", "General"); /* a year */
	ASSERT_CELL(path, 1, "O5", "n", "2020");
	ASSERT_CELL(path, 1, "P5", "s", "Đã đóng cửa");
	/* Row 6: H9, a household's 12-digit tax code starting with 0. */
	ASSERT_CELL(path, 1, "B6", "s", "091234567890");
	ASSERT_CELL(path, 1, "C6", "s", "Hộ Xay xát");
	ASSERT_CELL(path, 1, "E6", "s", "Xay xát và sản xuất bột thô");
	ASSERT_CELL(path, 1, "G6", "s", "Huyện Tân Hiệp");
	ASSERT_CELL(path, 1, "K6", "s", "Hộ kinh doanh");
	ASSERT_CELL(path, 1, "L6", "s", "Siêu nhỏ");
	ASSERT_NO_CELL(path, 1, "M6"); /* employees unknown */
	ASSERT_CELL(path, 1, "P6", "s", "Đang hoạt động");
	/* Row 7: K2. */
	ASSERT_CELL(path, 1, "B7", "s", "0100109106"); /* text: the leading zero stays */
	ASSERT_CELL(path, 1, "E7", "s", "Sản xuất bia và mạch nha ủ men bia");
	ASSERT_CELL(path, 1, "H7", "s", "Lô A, KCN Thạnh Lộc");
	ASSERT_CELL(path, 1, "I7", "n", "10.0125");
	ASSERT_NUMFMT(path, 1, "I7", "General"); /* a coordinate */
	ASSERT_CELL(path, 1, "J7", "n", "105.1");
	ASSERT_CELL(path, 1, "K7", "s", "Vốn đầu tư nước ngoài");
	ASSERT_CELL(path, 1, "L7", "s", "Lớn");
	ASSERT_CELL(path, 1, "M7", "n", "1350");
	ASSERT_NUMFMT(path, 1, "M7", "#,##0"); /* "1.350" in a Vietnamese Excel */
	ASSERT_CELL(path, 1, "N7", "n", "1998");
	ASSERT_NO_CELL(path, 1, "O7");
	ASSERT_NO_CELL(path, 1, "A8"); /* 4 rows above + 3 rows */
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A4:P7\""));
	assert_null(strstr(sheet, "<f>"));
	free(sheet);
	assert_sheet_attr(path, 1, "pane", "ySplit", "4");
	/*
	 * C: the widest name, "Nhà máy Bia Rạch Giá", is 20 characters (25 bytes;
	 * "Cơ sở Nước mắm" 14, "Hộ Xay xát" 10) -> 22.  E: 1020's name has 55
	 * characters -> 57, under the ceiling of 60.
	 */
	ASSERT_COL_WIDTH(path, 1, 3, 22);
	ASSERT_COL_WIDTH(path, 1, 5, 57);
}

/* The source names the province valid on the export's date: before the merger, Kiên Giang. */
static void
test_source_province(void **state)
{
	(void)state;
	char path[512], err[256];
	struct db *db = fx_db_new("src.db", NULL);
	snprintf(path, sizeof(path), "%s", tu_path("src.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(xlsx_set_date(x, "2025-06-30"), 0); /* Kiên Giang's last day */
	assert_int_equal(sheets_source(x, db, SHEETS_VI), 0);
	assert_int_equal(xlsx_sheet(x, "a"), 0);
	xlsx_title(x, "t");
	assert_int_equal(xlsx_set_date(x, "2025-07-01"), 0); /* An Giang's first */
	assert_int_equal(sheets_source(x, db, SHEETS_EN), 0);
	assert_int_equal(xlsx_sheet(x, "b"), 0);
	xlsx_title(x, "t");
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);
	db_close(db);
	ASSERT_CELL(path, 1, "A2", "s",
		    "Nguồn: sxsh — Sở Công Thương tỉnh Kiên Giang. Ngày xuất: 30/06/2025");
	ASSERT_CELL(path, 2, "A2", "s",
		    "Source: sxsh — Department of Industry and Trade, An Giang Province. "
		    "Exported on 01/07/2025");
}

static void
test_export_reports(void **state)
{
	(void)state;
	char path[512];
	struct db *db = export_db("exp-r.db");
	/* A1 2023 one line; K2 2022 no line (one row); K2 2023 four lines: 1 + 1 + 4 = 6. */
	long rows = export_book(db, CSVIO_REPORTS, 0, "rep.xlsx", path, sizeof(path));
	assert_int_equal(rows, 6);
	assert_int_equal(csv_rows(db, CSVIO_REPORTS, 0), rows);

	assert_sheet_name(path, "Báo cáo", "Tệp đính kèm"); /* each report's attachments */
	ASSERT_CELL(path, 1, "A1", "s", "Báo cáo hằng năm của các cơ sở, mọi năm");
	/*
	 * Columns: A facility_code, B year, C status, D cp_aware, E cp_staff,
	 * F cp_unit, G cp_applied, H line, I item, J its name, K product, L its
	 * name, M month, N quantity, O unit, P cost_vnd.
	 */
	ASSERT_CELL(path, 1, "A3", "s", "facility_code");
	ASSERT_CELL(path, 1, "J3", "s", "item_name");
	ASSERT_CELL(path, 1, "L3", "s", "product_name");
	ASSERT_CELL(path, 1, "P3", "s", "cost_vnd");
	ASSERT_CELL(path, 1, "A4", "s", "Mã cơ sở");
	ASSERT_CELL(path, 1, "H4", "s", "Loại dòng");
	ASSERT_CELL(path, 1, "J4", "s", "Tên hạng mục");
	ASSERT_CELL(path, 1, "L4", "s", "Tên sản phẩm");
	ASSERT_CELL(path, 1, "P4", "s", "Chi phí (đồng)");
	/* Row 5: A1 2023, fish sauce. */
	ASSERT_CELL(path, 1, "A5", "s", "A1");
	ASSERT_CELL(path, 1, "B5", "n", "2023");
	ASSERT_NUMFMT(path, 1, "B5", "General");
	ASSERT_CELL(path, 1, "C5", "s", "Đã chấp nhận");
	ASSERT_CELL(path, 1, "D5", "n", "0");
	ASSERT_NO_CELL(path, 1, "E5"); /* cp_staff unknown */
	ASSERT_CELL(path, 1, "H5", "s", "Sản lượng");
	ASSERT_NO_CELL(path, 1, "J5"); /* an output line has no item */
	ASSERT_CELL(path, 1, "K5", "s", "fish_sauce");
	ASSERT_CELL(path, 1, "L5", "s", "Nước mắm");
	ASSERT_CELL(path, 1, "N5", "n", "2000");
	ASSERT_NUMFMT(path, 1, "N5", "#,##0.00"); /* "2.000,00", FMT_QTY */
	ASSERT_CELL(path, 1, "O5", "s", "L");
	/* Row 6: K2 2022, a draft without lines. */
	ASSERT_CELL(path, 1, "A6", "s", "K2");
	ASSERT_CELL(path, 1, "B6", "n", "2022");
	ASSERT_CELL(path, 1, "C6", "s", "Nháp");
	ASSERT_NO_CELL(path, 1, "D6");
	ASSERT_NO_CELL(path, 1, "H6");
	/* Rows 7-10: K2 2023 in export order output, energy, water, material. */
	ASSERT_CELL(path, 1, "C7", "s", "Đã nộp, chờ huyện xem xét");
	ASSERT_CELL(path, 1, "H7", "s", "Sản lượng");
	ASSERT_CELL(path, 1, "L7", "s", "Bia");
	ASSERT_CELL(path, 1, "N7", "n", "15000");
	ASSERT_NUMFMT(path, 1, "N7", "#,##0.00"); /* "15.000,00" */
	ASSERT_CELL(path, 1, "G8", "n", "1");
	ASSERT_CELL(path, 1, "H8", "s", "Năng lượng");
	ASSERT_CELL(path, 1, "I8", "s", "electricity");
	ASSERT_CELL(path, 1, "J8", "s", "Điện");
	ASSERT_NO_CELL(path, 1, "L8"); /* no product */
	ASSERT_CELL(path, 1, "M8", "n", "2");
	ASSERT_NUMFMT(path, 1, "M8", "General"); /* a month */
	ASSERT_CELL(path, 1, "N8", "n", "1000");
	ASSERT_CELL(path, 1, "O8", "s", "kWh");
	ASSERT_CELL(path, 1, "P8", "n", "2500000");
	ASSERT_NUMFMT(path, 1, "P8", "#,##0"); /* "2.500.000" đồng */
	ASSERT_CELL(path, 1, "H9", "s", "Nước");
	ASSERT_CELL(path, 1, "I9", "s", "ground"); /* the source's code */
	ASSERT_CELL(path, 1, "J9", "s", "Nước ngầm");
	ASSERT_CELL(path, 1, "N9", "n", "300");
	ASSERT_CELL(path, 1, "H10", "s", "Nguyên vật liệu");
	ASSERT_CELL(path, 1, "I10", "s", "malt");
	ASSERT_CELL(path, 1, "J10", "s", "malt"); /* a material is its own name */
	ASSERT_CELL(path, 1, "N10", "n", "120.5");
	ASSERT_NUMFMT(path, 1, "N10", "#,##0.00"); /* "120,50" */
	ASSERT_NO_CELL(path, 1, "P10");		   /* no cost */
	ASSERT_NO_CELL(path, 1, "A11");
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A4:P10\""));
	free(sheet);
	ASSERT_CELL(path, 2, "A1", "s", "Số tệp đính kèm của mỗi báo cáo");
	ASSERT_CELL(path, 2, "A3", "s", "facility_code");
	ASSERT_CELL(path, 2, "C4", "s", "Số tệp đính kèm");

	/* One year: only K2's 2022 draft. */
	rows = export_book(db, CSVIO_REPORTS, 2022, "rep-2022.xlsx", path, sizeof(path));
	assert_int_equal(rows, 1);
	assert_int_equal(csv_rows(db, CSVIO_REPORTS, 2022), 1);
	ASSERT_CELL(path, 1, "A1", "s", "Báo cáo hằng năm của các cơ sở, năm 2022");
	ASSERT_CELL(path, 1, "A5", "s", "K2");
	ASSERT_CELL(path, 1, "B5", "n", "2022");
	ASSERT_NO_CELL(path, 1, "A6");
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
	ASSERT_CELL(path, 1, "A2", "s",
		    "Nguồn: sxsh — Sở Công Thương tỉnh An Giang. Ngày xuất: 03/12/2026");
	ASSERT_CELL(path, 1, "B7", "s", "0100109106");
	ASSERT_CELL(path, 1, "M7", "n", "1350");

	snprintf(path, sizeof(path), "%s", tu_path("cli-rep.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s export reports --db '%s' --year 2023 --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("exp-cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	assert_sheet_name(path, "Báo cáo", "Tệp đính kèm"); /* each report's attachments */
	ASSERT_CELL(path, 1, "A5", "s", "A1");
	ASSERT_CELL(path, 1, "A9", "s", "K2"); /* 2023: A1's line + K2's 4 lines, rows 5..9 */
	ASSERT_NO_CELL(path, 1, "A10");

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

/*
 * One workbook of each kind opens in another program: LibreOffice
 * (headless) converts the key-user list, the indicators, both exports and
 * the public directory to PDF.  Each result must be a PDF of some size; a
 * workbook LibreOffice cannot read converts to nothing.
 */
static void
test_soffice_opens(void **state)
{
	(void)state;
	if (access("/usr/bin/soffice", X_OK) != 0)
		skip(); /* scripts/deps.sh installs it; without it nothing is proved */
	static const char *const books[] = {"so-ku", "so-kpi", "so-fac", "so-rep", "so-dir"};
	char cmd[4096], path[512], err[512];
	db_close(fx_db_new("so.db", fixture));
	snprintf(path, sizeof(path), "%s", tu_path("so-ku.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("so.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(path, sizeof(path), "%s", tu_path("so-kpi.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s kpi --db '%s' --year 2020 --by size --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("so.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	struct db *db = export_db("so-exp.db");
	export_book(db, CSVIO_FACILITIES, 0, "so-fac.xlsx", path, sizeof(path));
	export_book(db, CSVIO_REPORTS, 0, "so-rep.xlsx", path, sizeof(path));
	snprintf(path, sizeof(path), "%s", tu_path("so-dir.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(sheets_source(x, db, SHEETS_VI), 0);
	struct arena a;
	arena_init(&a);
	struct facility_filter f = {.page = 1, .per_page = 20};
	long rows = 0;
	assert_int_equal(sheets_facilities(x, db, &a, &f, 0, &rows), 0);
	assert_int_equal(rows, 2); /* A1 is closed: K2 and H9 */
	arena_free(&a);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);
	db_close(db);

	/* One LibreOffice run for the five, in a profile of its own. */
	char dir[512], files[2048] = "";
	snprintf(dir, sizeof(dir), "%s", tu_path("so-pdf"));
	for (size_t i = 0; i < sizeof(books) / sizeof(books[0]); i++) {
		char name[64];
		snprintf(name, sizeof(name), "%s.xlsx", books[i]);
		snprintf(files + strlen(files), sizeof(files) - strlen(files), " '%s'",
			 tu_path(name));
	}
	snprintf(cmd, sizeof(cmd),
		 "soffice -env:UserInstallation=file://%s-profile --headless --convert-to pdf "
		 "--outdir '%s'%s",
		 dir, dir, files);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	for (size_t i = 0; i < sizeof(books) / sizeof(books[0]); i++) {
		char pdf[640], head[5] = "";
		snprintf(pdf, sizeof(pdf), "%s/%s.pdf", dir, books[i]);
		FILE *fp = fopen(pdf, "rb");
		if (fp == NULL)
			fail_msg("LibreOffice did not convert %s.xlsx", books[i]);
		assert_int_equal(fread(head, 1, 4, fp), 4);
		assert_int_equal(fseek(fp, 0, SEEK_END), 0);
		long size = ftell(fp);
		fclose(fp);
		assert_memory_equal(head, "%PDF", 4);
		if (size < 1000)
			fail_msg("%s.pdf has %ld bytes", books[i], size);
	}
}

int
main(void)
{
	setenv("SXSH_EXPORT_DATE", TEST_DATE, 1); /* also for the commands the tests run */
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_writer_cells),
	    cmocka_unit_test(test_writer_bad_sheet_name),
	    cmocka_unit_test(test_keyusers_sheet),
	    cmocka_unit_test(test_kpi_sheets),
	    cmocka_unit_test(test_kpi_chart_years),
	    cmocka_unit_test(test_writer_date),
	    cmocka_unit_test(test_cli),
	    cmocka_unit_test(test_export_facilities),
	    cmocka_unit_test(test_source_province),
	    cmocka_unit_test(test_export_reports),
	    cmocka_unit_test(test_export_rows_stop),
	    cmocka_unit_test(test_export_cli),
	    cmocka_unit_test(test_soffice_opens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
