/*
 * The campaign workbook writer (render/workbook.c) against its contract,
 * docs/workbook-format.md: a campaign_book made by hand is written, read
 * back as the zip of XML parts it is (tests/lib/xlsx_read.h), and chosen
 * cells, the hidden key row, the drop-down lists' formulas and ranges, the
 * sheet protection, the number format, the hidden _sxsh sheet and its
 * cells are checked; LibreOffice (headless) must convert it to .ods; and
 * the progress sheet of `sxsh campaign progress --format xlsx`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "model/survey/campaign.h"
#include "render/workbook.h"
#include "render/xlsx.h"
#include "testutil.h"
#include "xlsx_read.h"

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
assert_part_lacks(const char *path, const char *name, const char *s)
{
	char *xml = xr_part(path, name);
	assert_non_null(xml);
	if (strstr(xml, s) != NULL)
		fail_msg("%s has %s", name, s);
	free(xml);
}

static const char *const products[] = {"Cá da trơn đông lạnh", "Tôm đông lạnh", "Nước đá"};
static const char *const carriers[] = {"Điện", "Dầu diesel (DO)"};
static const char *const units[] = {"tấn", "kilôoát giờ"};
static const char *const water[] = {"Nước máy", "Nước ngầm", "Nước mặt", "Nguồn khác"};
static const struct campaign_line f1_out[] = {{"Tôm đông lạnh", "tấn"},
					      {"Cá da trơn đông lạnh", "tấn"}};
static const struct campaign_line f1_energy[] = {{"Điện", "kilôoát giờ"}};
static const struct campaign_book_facility facilities[] = {
    {"F1", "Cơ sở Một", "0100109106", "Xã A1", "Chế biến thủy sản", 2, 1, f1_out, f1_energy},
    {"F3", "Cơ sở Ba", "", "Huyện A", "Chế biến gỗ", 0, 0, NULL, NULL},
};

static void
book_init(struct campaign_book *b, enum campaign_kind kind)
{
	memset(b, 0, sizeof(*b));
	b->campaign.id = 7;
	b->campaign.year = 2025;
	b->campaign.kind = kind;
	strcpy(b->campaign.deadline, "2026-03-31");
	b->campaign.title = "Khảo sát năm 2025";
	b->campaign.sector_code = b->campaign.size = "";
	b->scope = "unit:t-a";
	b->scope_name = "Huyện A";
	b->nfacilities = 2;
	b->facilities = facilities;
	b->products = products;
	b->nproducts = 3;
	b->carriers = carriers;
	b->ncarriers = 2;
	b->units = units;
	b->nunits = 2;
	b->water = water;
	b->nwater = 4;
}

/* Sheets of a campaign of kind both, 1-based as xr_cell counts them. */
enum {
	S_HELP = 1,
	S_FAC,
	S_OUT,
	S_ENERGY,
	S_WATER,
	S_MAT,
	S_STATUS,
	S_REG,
	S_LISTS,
	S_ID,
};

static void
test_district_book(void **state)
{
	(void)state;
	struct campaign_book b;
	book_init(&b, CAMPAIGN_BOTH);
	const char *path = tu_path("book.xlsx");
	char err[256];
	assert_int_equal(workbook_write(path, &b, err, sizeof(err)), 0);
	/* No temporary file is left beside it. */
	char tmp[1024];
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	assert_int_equal(access(tmp, F_OK), -1);

	/* The sheets in the contract's order, _sxsh hidden. */
	assert_part_has(path, "xl/workbook.xml",
			"<sheet name=\"Hướng dẫn\" sheetId=\"1\" r:id=\"rId1\"/>"
			"<sheet name=\"Cơ sở\" sheetId=\"2\" r:id=\"rId2\"/>"
			"<sheet name=\"Sản phẩm\" sheetId=\"3\" r:id=\"rId3\"/>"
			"<sheet name=\"Năng lượng\" sheetId=\"4\" r:id=\"rId4\"/>"
			"<sheet name=\"Nước\" sheetId=\"5\" r:id=\"rId5\"/>"
			"<sheet name=\"Nguyên liệu\" sheetId=\"6\" r:id=\"rId6\"/>"
			"<sheet name=\"Tình trạng SXSH\" sheetId=\"7\" r:id=\"rId7\"/>"
			"<sheet name=\"Đăng ký\" sheetId=\"8\" r:id=\"rId8\"/>"
			"<sheet name=\"Danh mục\" sheetId=\"9\" r:id=\"rId9\"/>"
			"<sheet name=\"_sxsh\" sheetId=\"10\" state=\"hidden\" r:id=\"rId10\"/>");

	/* Cơ sở: title, keys, headers, the facilities prefilled. */
	ASSERT_CELL(path, S_FAC, "A1", "s",
		    "Khảo sát năm 2025 — năm 2025 — Huyện A — Hạn nộp: 31/03/2026");
	static const char *const fac_keys[] = {"facility_code", "facility_name", "tax_code",
					       "unit",		"sector",	 "submit"};
	for (int c = 0; c < 6; c++) {
		char ref[8];
		snprintf(ref, sizeof(ref), "%c2", 'A' + c);
		ASSERT_CELL(path, S_FAC, ref, "s", fac_keys[c]);
	}
	ASSERT_CELL(path, S_FAC, "A3", "s", "Mã cơ sở");
	ASSERT_CELL(path, S_FAC, "A4", "s", "F1");
	ASSERT_CELL(path, S_FAC, "C4", "s", "0100109106");
	ASSERT_CELL(path, S_FAC, "D4", "s", "Xã A1");
	ASSERT_CELL(path, S_FAC, "A5", "s", "F3");
	ASSERT_NO_CELL(path, S_FAC, "A6"); /* Cơ sở has no blank rows */

	/*
	 * Sản phẩm: F1 once per product of its last accepted report (2 rows),
	 * F3 once with no product: data rows 4..6, then 200 blank rows, so the
	 * drop-downs cover rows 4..206.
	 */
	static const char *const out_keys[] = {"facility_code", "facility_name", "product",
					       "quantity", "unit"};
	for (int c = 0; c < 5; c++) {
		char ref[8];
		snprintf(ref, sizeof(ref), "%c2", 'A' + c);
		ASSERT_CELL(path, S_OUT, ref, "s", out_keys[c]);
	}
	ASSERT_CELL(path, S_OUT, "A4", "s", "F1");
	ASSERT_CELL(path, S_OUT, "B4", "s", "Cơ sở Một");
	ASSERT_CELL(path, S_OUT, "C4", "s", "Tôm đông lạnh");
	ASSERT_CELL(path, S_OUT, "E4", "s", "tấn");
	ASSERT_NO_CELL(path, S_OUT, "D4"); /* quantities empty */
	ASSERT_CELL(path, S_OUT, "C5", "s", "Cá da trơn đông lạnh");
	ASSERT_CELL(path, S_OUT, "A6", "s", "F3");
	ASSERT_NO_CELL(path, S_OUT, "C6");
	ASSERT_NO_CELL(path, S_OUT, "A7");
	/* Row 2 (the keys) is hidden; row 3 is not. */
	char *xml = xr_part(path, "xl/worksheets/sheet3.xml");
	char hid[8];
	assert_true(xr_nth_text(xml, "row", "hidden", 1, hid, sizeof(hid)));
	assert_string_equal(hid, "1");
	assert_false(xr_nth_text(xml, "row", "hidden", 2, hid, sizeof(hid)) && hid[0] == '1');
	free(xml);
	/* 3 products in Danh mục A2:A4, 2 units in C2:C3. */
	assert_part_has(path, "xl/worksheets/sheet3.xml",
			"<dataValidation type=\"list\" errorStyle=\"warning\" allowBlank=\"1\" "
			"showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"Giá trị ngoài "
			"danh sách\" error=\"Hãy chọn một giá trị trong danh sách (sheet Danh "
			"mục).\" sqref=\"C4:C206\"><formula1>'Danh mục'!$A$2:$A$4</formula1>");
	assert_part_has(path, "xl/worksheets/sheet3.xml",
			"sqref=\"E4:E206\"><formula1>'Danh mục'!$C$2:$C$3</formula1>");
	assert_part_has(path, "xl/worksheets/sheet3.xml", "<sheetProtection ");
	assert_part_has(path, "xl/worksheets/sheet3.xml",
			"<pane xSplit=\"2\" ySplit=\"3\" topLeftCell=\"C4\"");

	/* Năng lượng: carriers in B, the months m1..m12 in H..S. */
	ASSERT_CELL(path, S_ENERGY, "C2", "s", "carrier");
	ASSERT_CELL(path, S_ENERGY, "F2", "s", "cost_vnd");
	ASSERT_CELL(path, S_ENERGY, "H2", "s", "m1");
	ASSERT_CELL(path, S_ENERGY, "S2", "s", "m12");
	ASSERT_CELL(path, S_ENERGY, "S3", "s", "T12");
	ASSERT_CELL(path, S_ENERGY, "C4", "s", "Điện");
	ASSERT_CELL(path, S_ENERGY, "E4", "s", "kilôoát giờ");
	/* F1 one carrier row, F3 one row: 4..5, blank to 205. */
	assert_part_has(path, "xl/worksheets/sheet4.xml",
			"sqref=\"C4:C205\"><formula1>'Danh mục'!$B$2:$B$3</formula1>");

	/* Nước: one row per facility; the sources in D2:D5. */
	ASSERT_CELL(path, S_WATER, "D2", "s", "quantity_m3");
	ASSERT_CELL(path, S_WATER, "A5", "s", "F3");
	assert_part_has(path, "xl/worksheets/sheet5.xml",
			"sqref=\"C4:C205\"><formula1>'Danh mục'!$D$2:$D$5</formula1>");
	/* Tình trạng SXSH and Đăng ký: Có/Không/Chưa rõ in E2:E4. */
	ASSERT_CELL(path, S_STATUS, "F2", "s", "cp_applied");
	assert_part_has(path, "xl/worksheets/sheet7.xml",
			"sqref=\"C4:C205\"><formula1>'Danh mục'!$E$2:$E$4</formula1>");
	ASSERT_CELL(path, S_REG, "C2", "s", "apply_cp");
	ASSERT_CELL(path, S_REG, "D2", "s", "planned_saving_pct");
	ASSERT_CELL(path, S_REG, "F2", "s", "submit");

	/* Danh mục: the lists under their headers. */
	ASSERT_CELL(path, S_LISTS, "A2", "s", "Cá da trơn đông lạnh");
	ASSERT_CELL(path, S_LISTS, "A4", "s", "Nước đá");
	ASSERT_CELL(path, S_LISTS, "B3", "s", "Dầu diesel (DO)");
	ASSERT_CELL(path, S_LISTS, "D5", "s", "Nguồn khác");
	ASSERT_CELL(path, S_LISTS, "E2", "s", "Có");
	ASSERT_CELL(path, S_LISTS, "E4", "s", "Chưa rõ");
	assert_part_has(path, "xl/worksheets/sheet9.xml", "<sheetProtection ");

	/* _sxsh: the identity. */
	ASSERT_CELL(path, S_ID, "A1", "s", "sxsh-workbook");
	ASSERT_CELL(path, S_ID, "A2", "n", "1");
	ASSERT_CELL(path, S_ID, "A3", "n", "7");
	ASSERT_CELL(path, S_ID, "A4", "n", "2025");
	ASSERT_CELL(path, S_ID, "A5", "s", "both");
	ASSERT_CELL(path, S_ID, "A6", "s", "unit:t-a");

	/* Hướng dẫn: Vietnamese, with the year and the deadline. */
	ASSERT_CELL(path, S_HELP, "A1", "s", "Khảo sát năm 2025");
	ASSERT_CELL(path, S_HELP, "A2", "s", "Năm: 2025.  Hạn nộp: 31/03/2026.  Phạm vi: Huyện A.");
	/* Quantities show the Vietnamese way in a Vietnamese Excel. */
	assert_part_has(path, "xl/styles.xml", "formatCode=\"#,##0.##\"");
	/* Input cells are unlocked; the header rows are not. */
	assert_part_has(path, "xl/styles.xml", "<protection locked=\"0\"/>");
}

static void
test_kinds(void **state)
{
	(void)state;
	struct campaign_book b;
	char err[256];
	book_init(&b, CAMPAIGN_REPORT);
	const char *path = tu_path("report.xlsx");
	assert_int_equal(workbook_write(path, &b, err, sizeof(err)), 0);
	assert_part_has(path, "xl/workbook.xml", "<sheet name=\"Tình trạng SXSH\"");
	assert_part_lacks(path, "xl/workbook.xml", "Đăng ký");
	ASSERT_CELL(path, 9, "A5", "s", "report");
	book_init(&b, CAMPAIGN_REGISTRATION);
	b.scope = "facility:F1";
	path = tu_path("registration.xlsx");
	assert_int_equal(workbook_write(path, &b, err, sizeof(err)), 0);
	assert_part_has(path, "xl/workbook.xml",
			"<sheet name=\"Cơ sở\" sheetId=\"2\" r:id=\"rId2\"/>"
			"<sheet name=\"Đăng ký\" sheetId=\"3\" r:id=\"rId3\"/>");
	assert_part_lacks(path, "xl/workbook.xml", "Sản phẩm");
	ASSERT_CELL(path, 5, "A6", "s", "facility:F1");
	/* No report to submit on Cơ sở: its keys end with sector. */
	ASSERT_CELL(path, 2, "E2", "s", "sector");
	ASSERT_NO_CELL(path, 2, "F2");
	/* A directory that does not exist: an error, no file. */
	assert_int_equal(workbook_write(tu_path("no/such/dir/x.xlsx"), &b, err, sizeof(err)), -1);
}

/* LibreOffice opens and converts the workbook without error. */
static void
test_libreoffice(void **state)
{
	(void)state;
	struct campaign_book b;
	book_init(&b, CAMPAIGN_BOTH);
	char err[256];
	char path[1024], outdir[1024], cmd[4096];
	snprintf(path, sizeof(path), "%s", tu_path("lo.xlsx"));
	assert_int_equal(workbook_write(path, &b, err, sizeof(err)), 0);
	snprintf(outdir, sizeof(outdir), "%s", tu_path("lo-out"));
	snprintf(cmd, sizeof(cmd),
		 "soffice -env:UserInstallation=file:///tmp/lo-wbtest-%d --headless --convert-to "
		 "ods --outdir '%s' '%s'",
		 (int)getpid(), outdir, path);
	char *out = NULL, *errout = NULL;
	int rc = tu_run(cmd, &out, &errout);
	if (rc != 0)
		fail_msg("soffice: %d: %s %s", rc, out ? out : "", errout ? errout : "");
	free(out);
	free(errout);
	char ods[1200];
	snprintf(ods, sizeof(ods), "%s/lo.ods", outdir);
	struct stat st;
	assert_int_equal(stat(ods, &st), 0);
	assert_true(st.st_size > 1000);
	/* The .ods is a zip whose content holds the sheets and a facility code. */
	char *content = xr_part(ods, "content.xml");
	assert_non_null(content);
	assert_non_null(strstr(content, "table:name=\"Năng lượng\""));
	assert_non_null(strstr(content, "Cơ sở Một"));
	free(content);
}

static void
test_progress_sheet(void **state)
{
	(void)state;
	struct campaign c = {
	    .id = 3, .year = 2025, .kind = CAMPAIGN_REPORT, .title = "Khảo sát", .open = 1};
	strcpy(c.deadline, "2026-03-31");
	struct campaign_count u[2] = {
	    {9002, "t-a", "Huyện A", "A District", 3, 3, 1, 1, 1},
	    {9003, "t-b", "Huyện B", "B District", 1200, 1, 1, 0, 0},
	};
	struct campaign_progress p = {2, u, {0, "", "", "", 1203, 4, 2, 1, 1}};
	const char *path = tu_path("progress.xlsx");
	struct xlsx *x = xlsx_open(path);
	xlsx_set_source(x, "Nguồn: sxsh. Ngày xuất: 03/12/2026");
	assert_int_equal(workbook_progress(x, &c, &p, 0), 0);
	char err[256];
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);
	/* The exports' layout: title, source and date, the header in row 3, data from row 4. */
	ASSERT_CELL(path, 1, "A1", "s",
		    "Tiến độ Khảo sát (Báo cáo năng lượng; hạn nộp 31/03/2026; đang mở)");
	ASSERT_CELL(path, 1, "A2", "s", "Nguồn: sxsh. Ngày xuất: 03/12/2026");
	ASSERT_CELL(path, 1, "B3", "s", "Đơn vị hành chính");
	ASSERT_CELL(path, 1, "A4", "s", "t-a");
	ASSERT_CELL(path, 1, "C4", "n", "3");
	ASSERT_CELL(path, 1, "C5", "n", "1200");
	ASSERT_CELL(path, 1, "B6", "s", "Tổng cộng");
	ASSERT_CELL(path, 1, "C6", "n", "1203");
	ASSERT_CELL(path, 1, "G6", "n", "1");
	/* Frozen below the header: the pane's top-left cell is A4. */
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(sheet);
	assert_non_null(strstr(sheet, "topLeftCell=\"A4\""));
	free(sheet);
}

/*
 * The printed workbook: every sheet A4 landscape, one page wide; the data
 * sheets' rows 1-3 repeated on each page, their title spanning their
 * columns, their print area their columns and the prefilled rows plus
 * WORKBOOK_PRINT_BLANK (10) blank ones; the instructions' long lines given
 * the height of the lines they wrap to.
 */
static void
test_print(void **state)
{
	(void)state;
	struct campaign_book b;
	book_init(&b, CAMPAIGN_BOTH);
	const char *path = tu_path("print.xlsx");
	char err[256];
	assert_int_equal(workbook_write(path, &b, err, sizeof(err)), 0);
	static const char *const sheets[] = {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
					     "xl/worksheets/sheet4.xml",
					     "xl/worksheets/sheet9.xml"};
	for (int i = 0; i < 4; i++) {
		assert_part_has(path, sheets[i], "<pageSetUpPr fitToPage=\"1\"/>");
		assert_part_has(path, sheets[i],
				"<pageSetup paperSize=\"9\" fitToHeight=\"0\" "
				"orientation=\"landscape\"/>");
	}
	/* Cơ sở has 6 columns (A-F); Năng lượng 19 (A-S). */
	assert_part_has(path, "xl/worksheets/sheet2.xml", "<mergeCell ref=\"A1:F1\"/>");
	assert_part_has(path, "xl/worksheets/sheet4.xml", "<mergeCell ref=\"A1:S1\"/>");
	/*
	 * Print areas: Cơ sở rows 1-3 and F1, F3 (no blank rows): A1:F5.
	 * Sản phẩm: F1's two products and F3's one row are rows 4-6, then 10
	 * blank: A1:E16.  Năng lượng: F1's electricity and F3's row, 4-5, then
	 * 10: A1:S15.
	 */
	assert_part_has(path, "xl/workbook.xml",
			"<definedName name=\"_xlnm.Print_Area\" localSheetId=\"1\">'Cơ "
			"sở'!$A$1:$F$5</definedName>");
	assert_part_has(path, "xl/workbook.xml",
			"<definedName name=\"_xlnm.Print_Area\" localSheetId=\"2\">'Sản "
			"phẩm'!$A$1:$E$16</definedName>");
	assert_part_has(path, "xl/workbook.xml",
			"<definedName name=\"_xlnm.Print_Area\" localSheetId=\"3\">'Năng "
			"lượng'!$A$1:$S$15</definedName>");
	assert_part_has(path, "xl/workbook.xml",
			"<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">'Cơ "
			"sở'!$1:$3</definedName>");
	/*
	 * Hướng dẫn, column A 100 wide.  Row 9 is "• Viết số theo cách Việt
	 * Nam: …" (152 characters): two lines of 100, 2 x 15 = 30 pt.  Row 5,
	 * "Cách điền:", keeps the default height.
	 */
	assert_part_has(path, "xl/worksheets/sheet1.xml",
			"<row r=\"9\" spans=\"1:1\" ht=\"30\" customHeight=\"1\">");
	assert_part_has(path, "xl/worksheets/sheet1.xml", "<row r=\"5\" spans=\"1:1\">");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_district_book), cmocka_unit_test(test_kinds),
	    cmocka_unit_test(test_libreoffice),	  cmocka_unit_test(test_progress_sheet),
	    cmocka_unit_test(test_print),
	};
	return cmocka_run_group_tests_name("workbook writer", tests, NULL, NULL);
}
