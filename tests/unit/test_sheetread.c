/*
 * Unit tests for model/io/sheetread: one workbook written with
 * libxlsxwriter, and the same saved again by LibreOffice as .xlsx, .ods
 * and .xls, must read back as the same rows; hand-made parts (built with
 * libzip here) cover what those writers never write: rows and cells
 * without an address, inline rich strings with phonetic runs, relative
 * and absolute targets, repeated ODS cells and rows, hidden ODS tables.
 * Damaged files give -1 with a reason.
 *
 * Each read is dumped as one line per row, "SHEET[h]:ROW: COL=T|N|E:text
 * ...", h marking a hidden sheet, and compared whole with the expected
 * dump, worked out from what the test wrote.
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
#include <xlsxwriter.h>
#include <zip.h>

#include "model/io/sheetread.h"
#include "soffice.h"
#include "testutil.h"
#include "util/buf.h"

static int
dump_row(void *ctx, const struct sheetread_sheet *sh, long row, const struct sheetread_cell *cells,
	 int ncells)
{
	struct buf *b = ctx;
	buf_printf(b, "%s%s:%ld:", sh->name, sh->hidden ? "[h]" : "", row);
	for (int i = 0; i < ncells; i++) {
		char ref[16];
		sheetread_ref(ref, sizeof ref, cells[i].col, row);
		char t = cells[i].type == SHEETREAD_TEXT     ? 'T'
			 : cells[i].type == SHEETREAD_NUMBER ? 'N'
							     : 'E';
		buf_printf(b, " %s=%c:%s", ref, t, cells[i].text);
	}
	buf_putc(b, '\n');
	return 0;
}

/* The dump of path; fails the test when the read fails. */
static char *
dump(const char *path)
{
	struct buf b;
	buf_init(&b, 1 << 24);
	char err[256];
	int fmt = sheetread_format_of(path);
	assert_true(fmt >= 0);
	int rc = sheetread_path(path, (enum sheetread_format)fmt, dump_row, &b, err, sizeof err);
	if (rc != 0)
		fail_msg("%s: %d %s", path, rc, err);
	char *s = buf_detach(&b, NULL);
	return s ? s : strdup("");
}

/* ---- the libxlsxwriter workbook and its LibreOffice copies ---- */

/*
 * Sheet "Dữ liệu":
 *   A1 "Tên"  B1 12.5  C1 TRUE  D1 2026-03-31 (serial 46112, by Python's
 *   date(2026,3,31) - date(1899,12,30))
 *   A2 "Cơ sở" written decomposed, o + U+031B and ơ + U+0309 (must come back NFC)
 *   B2 16055.31  C2 -3  D2 1e20
 *   (row 3 empty)
 *   A4 rich text "Sản " (bold) + "xuất" → "Sản xuất"; C4 0.1
 * Sheet "_sxsh", hidden: A1 "sxsh-workbook", A2 1.
 */
static const char *want_lxw = "Dữ liệu:1: A1=T:Tên B1=N:12.5 C1=N:1 D1=N:46112\n"
			      "Dữ liệu:2: A2=T:Cơ sở B2=N:16055.31 C2=N:-3 D2=N:1e+20\n"
			      "Dữ liệu:4: A4=T:Sản xuất C4=N:0.1\n"
			      "_sxsh[h]:1: A1=T:sxsh-workbook\n"
			      "_sxsh[h]:2: A2=N:1\n";

static const char *
make_lxw(void)
{
	static char path[512];
	snprintf(path, sizeof path, "%s", tu_path("lxw.xlsx"));
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Dữ liệu");
	lxw_worksheet *hid = workbook_add_worksheet(wb, "_sxsh");
	lxw_format *datef = workbook_add_format(wb);
	format_set_num_format(datef, "dd/mm/yyyy");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	worksheet_write_string(ws, 0, 0, "Tên", NULL);
	worksheet_write_number(ws, 0, 1, 12.5, NULL);
	worksheet_write_boolean(ws, 0, 2, 1, NULL);
	lxw_datetime d = {2026, 3, 31, 0, 0, 0};
	worksheet_write_datetime(ws, 0, 3, &d, datef);
	worksheet_write_string(ws, 1, 0, "Co\xcc\x9b s\xc6\xa1\xcc\x89", NULL);
	worksheet_write_number(ws, 1, 1, 16055.31, NULL);
	worksheet_write_number(ws, 1, 2, -3, NULL);
	worksheet_write_number(ws, 1, 3, 1e20, NULL);
	lxw_rich_string_tuple f1 = {.format = bold, .string = "Sản "};
	lxw_rich_string_tuple f2 = {.format = NULL, .string = "xuất"};
	lxw_rich_string_tuple *rich[] = {&f1, &f2, NULL};
	worksheet_write_rich_string(ws, 3, 0, rich, NULL);
	worksheet_write_number(ws, 3, 2, 0.1, NULL);
	worksheet_write_string(hid, 0, 0, "sxsh-workbook", NULL);
	worksheet_write_number(hid, 1, 0, 1, NULL);
	worksheet_hide(hid);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return path;
}

static void
test_lxw(void **state)
{
	(void)state;
	char *s = dump(make_lxw());
	assert_string_equal(s, want_lxw);
	free(s);
}

/* The same workbook saved again by LibreOffice reads the same. */
static void
test_lo_xlsx(void **state)
{
	(void)state;
	char dir[512];
	snprintf(dir, sizeof dir, "%s", tu_path("lo"));
	char *out = so_convert(make_lxw(), "xlsx", dir);
	char *s = dump(out);
	assert_string_equal(s, want_lxw);
	free(s);
	free(out);
}

static void
test_lo_ods(void **state)
{
	(void)state;
	char dir[512];
	snprintf(dir, sizeof dir, "%s", tu_path("lo"));
	char *out = so_convert(make_lxw(), "ods", dir);
	char *s = dump(out);
	assert_string_equal(s, want_lxw);
	free(s);
	free(out);
}

/*
 * .xls through libfreexl: it does not say which sheets are hidden, and it
 * does not read boolean cells (BOOLERR records), so C1 is not there.
 */
static void
test_lo_xls(void **state)
{
	(void)state;
	char dir[512];
	snprintf(dir, sizeof dir, "%s", tu_path("lo"));
	char *out = so_convert(make_lxw(), "xls", dir);
	char *s = dump(out);
	assert_string_equal(s, "Dữ liệu:1: A1=T:Tên B1=N:12.5 D1=N:46112\n"
			       "Dữ liệu:2: A2=T:Cơ sở B2=N:16055.31 C2=N:-3 D2=N:1e+20\n"
			       "Dữ liệu:4: A4=T:Sản xuất C4=N:0.1\n"
			       "_sxsh:1: A1=T:sxsh-workbook\n"
			       "_sxsh:2: A2=N:1\n");
	free(s);
	free(out);
}

/* ---- hand-made packages ---- */

struct part {
	const char *name, *text;
};

static const char *
make_zip(const char *name, const struct part *parts, int n)
{
	static char path[512];
	snprintf(path, sizeof path, "%s", tu_path(name));
	unlink(path);
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (int i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(za, parts[i].text, strlen(parts[i].text), 0);
		assert_non_null(src);
		assert_true(zip_file_add(za, parts[i].name, src, ZIP_FL_OVERWRITE) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	return path;
}

static const char *ct = "<?xml version=\"1.0\"?><Types "
			"xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char *pkg_rels =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    "officeDocument\" Target=\"/xl/workbook.xml\"/></Relationships>";
static const char *wb_xml =
    "<?xml version=\"1.0\"?><workbook "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Một\" sheetId=\"1\" r:id=\"rId7\"/>"
    "<sheet name=\"Hai\" sheetId=\"2\" state=\"veryHidden\" r:id=\"rId8\"/></sheets></workbook>";
static const char *wb_rels =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/a.xml\"/>"
    "<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"/xl/worksheets/b.xml\"/></Relationships>";
/*
 * Rows and cells without r: the first row is 1, its cells A, B, C, D, E;
 * the second row says r="5" and its first cell r="C5", the next cell none
 * (so D5); the third row has no r (so 6).  Inline strings with runs and a
 * phonetic run left out; t="e", t="b", t="str", a formula before its value.
 */
static const char *sheet_a =
    "<?xml version=\"1.0\"?><worksheet "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row><c t=\"inlineStr\"><is><r><rPr><b/></rPr><t xml:space=\"preserve\">Năng </t></r>"
    "<r><t>lượng</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></is></c>"
    "<c t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c t=\"b\"><v>0</v></c>"
    "<c t=\"str\"><f>A1&amp;\"x\"</f><v>ax</v></c><c><v>3.25</v></c></row>"
    "<row r=\"5\"><c r=\"C5\" s=\"1\"><v>7</v></c><c t=\"inlineStr\"><is><t>a&lt;b</t></is></c>"
    "<c r=\"F5\" s=\"2\"/></row>"
    "<row><c r=\"B6\" t=\"inlineStr\"><is><t/></is></c><c><v>-0.5</v></c></row>"
    "</sheetData></worksheet>";
static const char *sheet_b =
    "<?xml version=\"1.0\"?><worksheet "
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"2\"><c r=\"AA2\"><v>1</v></c></row></sheetData></worksheet>";

static void
test_handmade_xlsx(void **state)
{
	(void)state;
	struct part parts[] = {
	    {"[Content_Types].xml", ct},      {"_rels/.rels", pkg_rels},
	    {"xl/workbook.xml", wb_xml},      {"xl/_rels/workbook.xml.rels", wb_rels},
	    {"xl/worksheets/a.xml", sheet_a}, {"xl/worksheets/b.xml", sheet_b}};
	char *s = dump(make_zip("hand.xlsx", parts, 6));
	/* B6's inline string is empty, so row 6 holds C6 only. */
	assert_string_equal(s, "Một:1: A1=T:Năng lượng B1=E:#DIV/0! C1=N:0 D1=T:ax E1=N:3.25\n"
			       "Một:5: C5=N:7 D5=T:a<b\n"
			       "Một:6: C6=N:-0.5\n"
			       "Hai[h]:2: AA2=N:1\n");
	free(s);
}

static const char *ods_head =
    "<?xml version=\"1.0\"?><office:document-content "
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:calcext=\"urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0\">"
    "<office:automatic-styles><style:style style:name=\"ta1\" style:family=\"table\">"
    "<style:table-properties table:display=\"true\"/></style:style>"
    "<style:style style:name=\"ta2\" style:family=\"table\">"
    "<style:table-properties table:display=\"false\"/></style:style>"
    "</office:automatic-styles><office:body><office:spreadsheet>";

/*
 * Row 1: A1 "x" repeated over 3 columns (A, B, C), then 16,000 empty
 * columns (nothing), then nothing more.  Row 2: two paragraphs, three
 * spaces by text:c, a tab and a line break; an annotation and the
 * indentation around it (text outside a paragraph) left out; a
 * percentage, a boolean, a date with a time (46112.5), an error.  Rows 3
 * to 1002: one empty repeated row (1,000).  Row 1003 repeated twice with
 * a number in B.  Then 1,048,000 empty rows.  A hidden second table.
 */
static void
test_handmade_ods(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, ods_head);
	buf_puts(&b,
		 "<table:table table:name=\"Trang 1\" table:style-name=\"ta1\">"
		 "<table:table-column table:number-columns-repeated=\"16384\"/>"
		 "<table:table-row><table:table-cell table:number-columns-repeated=\"3\" "
		 "office:value-type=\"string\"><text:p>x</text:p></table:table-cell>"
		 "<table:table-cell table:number-columns-repeated=\"16000\"/></table:table-row>"
		 "<table:table-row><table:table-cell office:value-type=\"string\">"
		 "\n    <office:annotation><text:p>ghi chú</text:p></office:annotation>\n    "
		 "<text:p>a<text:s text:c=\"3\"/>b<text:tab/>c</text:p>"
		 "<text:p><text:span>d</text:span><text:line-break/>e</text:p>"
		 "</table:table-cell>"
		 "<table:table-cell office:value-type=\"percentage\" office:value=\"0.25\">"
		 "<text:p>25%</text:p></table:table-cell>"
		 "<table:covered-table-cell office:value-type=\"boolean\" "
		 "office:boolean-value=\"true\"><text:p>TRUE</text:p></table:covered-table-cell>"
		 "<table:table-cell office:value-type=\"date\" "
		 "office:date-value=\"2026-03-31T12:00:00\"><text:p>31/03/2026</text:p>"
		 "</table:table-cell>"
		 "<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"float\" "
		 "office:value=\"0\" calcext:value-type=\"error\"><text:p>#DIV/0!</text:p>"
		 "</table:table-cell></table:table-row>"
		 "<table:table-row table:number-rows-repeated=\"1000\"><table:table-cell/>"
		 "</table:table-row>"
		 "<table:table-row table:number-rows-repeated=\"2\"><table:table-cell/>"
		 "<table:table-cell office:value-type=\"float\" office:value=\"1234.5\">"
		 "<text:p>1.234,5</text:p></table:table-cell></table:table-row>"
		 "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell "
		 "table:number-columns-repeated=\"16384\"/></table:table-row>"
		 "</table:table>"
		 "<table:table table:name=\"Ẩn\" table:style-name=\"ta2\"><table:table-row>"
		 "<table:table-cell office:value-type=\"float\" office:value=\"2\"/>"
		 "</table:table-row></table:table>"
		 "</office:spreadsheet></office:body></office:document-content>");
	struct part parts[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
			       {"content.xml", b.data}};
	char *s = dump(make_zip("hand.ods", parts, 2));
	assert_string_equal(s, "Trang 1:1: A1=T:x B1=T:x C1=T:x\n"
			       "Trang 1:2: A2=T:a   b\tc\nd\ne B2=N:0.25 C2=N:1 D2=N:46112.5 "
			       "E2=E:#DIV/0!\n"
			       "Trang 1:1003: B1003=N:1234.5\n"
			       "Trang 1:1004: B1004=N:1234.5\n"
			       "Ẩn[h]:1: A1=N:2\n");
	free(s);
	buf_free(&b);
}

/* ---- damaged files ---- */

static void
assert_fails(const char *path, enum sheetread_format fmt, const char *want_in_reason)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	char err[256];
	int rc = sheetread_path(path, fmt, dump_row, &b, err, sizeof err);
	assert_int_equal(rc, -1);
	if (strstr(err, want_in_reason) == NULL)
		fail_msg("%s: reason \"%s\" lacks \"%s\"", path, err, want_in_reason);
	buf_free(&b);
}

static void
test_damaged(void **state)
{
	(void)state;
	const char *txt = tu_write_file("plain.xlsx", "hello, not a zip");
	assert_fails(txt, SHEETREAD_XLSX, "không phải bảng tính xlsx");
	assert_fails(txt, SHEETREAD_ODS, "not a ods workbook");
	assert_fails(txt, SHEETREAD_XLS, "not a xls workbook");
	assert_fails(tu_path("absent.xlsx"), SHEETREAD_XLSX, "không mở được tệp xlsx");

	/* a zip without a workbook part */
	struct part none[] = {{"[Content_Types].xml", ct}};
	assert_fails(make_zip("noworkbook.xlsx", none, 1), SHEETREAD_XLSX,
		     "(part xl/workbook.xml)");

	/* a sheet cut in the middle of a tag */
	struct part cut[] = {{"_rels/.rels", pkg_rels},
			     {"xl/workbook.xml", wb_xml},
			     {"xl/_rels/workbook.xml.rels", wb_rels},
			     {"xl/worksheets/a.xml", "<worksheet><sheetData><row><c><v>1</v"},
			     {"xl/worksheets/b.xml", sheet_b}};
	assert_fails(make_zip("cut.xlsx", cut, 5), SHEETREAD_XLSX, "(part xl/worksheets/a.xml)");

	/* a shared string index past the table */
	struct part sst[] = {{"_rels/.rels", pkg_rels},
			     {"xl/workbook.xml", wb_xml},
			     {"xl/_rels/workbook.xml.rels", wb_rels},
			     {"xl/worksheets/a.xml",
			      "<worksheet><sheetData><row><c t=\"s\"><v>4</v></c></row>"
			      "</sheetData></worksheet>"},
			     {"xl/worksheets/b.xml", sheet_b}};
	assert_fails(make_zip("sst.xlsx", sst, 5), SHEETREAD_XLSX, "sharedStrings");

	/* a column past XFD */
	struct part wide[] = {
	    {"_rels/.rels", pkg_rels},
	    {"xl/workbook.xml", wb_xml},
	    {"xl/_rels/workbook.xml.rels", wb_rels},
	    {"xl/worksheets/a.xml",
	     "<worksheet><sheetData><row><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c>"
	     "</row></sheetData></worksheet>"},
	    {"xl/worksheets/b.xml", sheet_b}};
	assert_fails(make_zip("wide.xlsx", wide, 5), SHEETREAD_XLSX, "exceeds the limits");

	/* 64 MiB of one repeated byte in a sheet: far beyond the ratio allowed */
	size_t n = 64u << 20;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, ' ', n);
	big[n] = '\0';
	memcpy(big, "<worksheet>", 11);
	struct part bomb[] = {{"_rels/.rels", pkg_rels},
			      {"xl/workbook.xml", wb_xml},
			      {"xl/_rels/workbook.xml.rels", wb_rels},
			      {"xl/worksheets/a.xml", big},
			      {"xl/worksheets/b.xml", sheet_b}};
	assert_fails(make_zip("bomb.xlsx", bomb, 5), SHEETREAD_XLSX, "unpacks to too much");
	free(big);

	/* a good workbook cut in half */
	size_t len = 0;
	char *whole = tu_read_file(make_lxw(), &len);
	assert_non_null(whole);
	FILE *f = fopen(tu_path("half.xlsx"), "wb");
	assert_non_null(f);
	fwrite(whole, 1, len / 2, f);
	fclose(f);
	free(whole);
	assert_fails(tu_path("half.xlsx"), SHEETREAD_XLSX, "xlsx");
}

static int
stop_at_second(void *ctx, const struct sheetread_sheet *sh, long row,
	       const struct sheetread_cell *cells, int ncells)
{
	(void)sh;
	(void)row;
	(void)cells;
	(void)ncells;
	return ++*(int *)ctx == 2 ? 42 : 0;
}

static void
test_stop_and_refs(void **state)
{
	(void)state;
	int calls = 0;
	char err[128];
	assert_int_equal(
	    sheetread_path(make_lxw(), SHEETREAD_XLSX, stop_at_second, &calls, err, sizeof err),
	    42);
	assert_int_equal(calls, 2);
	char ref[16];
	/* 26 = Z, 27 = AA, 16384 = XFD (X=24, F=6, D=4: 24*676 + 6*26 + 4) */
	assert_string_equal(sheetread_ref(ref, sizeof ref, 1, 7), "A7");
	assert_string_equal(sheetread_ref(ref, sizeof ref, 26, 1), "Z1");
	assert_string_equal(sheetread_ref(ref, sizeof ref, 27, 12), "AA12");
	assert_string_equal(sheetread_ref(ref, sizeof ref, 16384, 1048576), "XFD1048576");
	assert_int_equal(sheetread_format_of("a/B.XLSX"), SHEETREAD_XLSX);
	assert_int_equal(sheetread_format_of("b.xls"), SHEETREAD_XLS);
	assert_int_equal(sheetread_format_of("c.Ods"), SHEETREAD_ODS);
	assert_int_equal(sheetread_format_of("d.csv"), -1);
	assert_int_equal(sheetread_format_of("noext"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lxw),		  cmocka_unit_test(test_handmade_xlsx),
	    cmocka_unit_test(test_handmade_ods),  cmocka_unit_test(test_damaged),
	    cmocka_unit_test(test_stop_and_refs), cmocka_unit_test(test_lo_xlsx),
	    cmocka_unit_test(test_lo_ods),	  cmocka_unit_test(test_lo_xls),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
