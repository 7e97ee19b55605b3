/*
 * Unit tests for render/xlsx (the spreadsheet writer) and web/sheets (the
 * key-user and indicator workbooks), and for `sxsh keyusers|kpi --format
 * xlsx`.  Each workbook is read back as what it is, a zip of XML parts
 * (libzip + libxml2 xmlReader), and chosen cells are checked for their
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
#include <libxml/xmlreader.h>
#include <zip.h>

#include "db/db.h"
#include "model/keyusers.h"
#include "model/kpi.h"
#include "model/ledger.h"
#include "model/refdata.h"
#include "render/xlsx.h"
#include "testutil.h"
#include "web/sheets.h"

/* The zip entry name of the workbook at path, NUL-terminated and malloc'd; NULL if absent. */
static char *
zip_entry(const char *path, const char *name)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	if (z == NULL)
		fail_msg("%s: not a zip (%d)", path, zerr);
	zip_stat_t st;
	char *s = NULL;
	if (zip_stat(z, name, 0, &st) == 0) {
		zip_file_t *f = zip_fopen(z, name, 0);
		assert_non_null(f);
		s = malloc(st.size + 1);
		assert_int_equal(zip_fread(f, s, st.size), (zip_int64_t)st.size);
		s[st.size] = '\0';
		zip_fclose(f);
	}
	zip_close(z);
	return s;
}

/* The text of element <want> number idx (0-based) of xml, children's text joined. */
static int
nth_text(const char *xml, const char *want, const char *attr, int idx, char *out, size_t n)
{
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
	int seen = -1, found = 0;
	out[0] = '\0';
	while (xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), want) != 0)
			continue;
		if (++seen != idx)
			continue;
		xmlChar *s = attr != NULL ? xmlTextReaderGetAttribute(r, (const xmlChar *)attr)
					  : xmlTextReaderReadString(r);
		if (s != NULL) {
			snprintf(out, n, "%s", (const char *)s);
			xmlFree(s);
		}
		found = 1;
		break;
	}
	xmlFreeTextReader(r);
	return found;
}

/*
 * Cell ref of sheet number sheet (1-based) of the workbook at path: its
 * type ("s" shared string, "n" number, "str", "inlineStr") and its value,
 * shared strings resolved.  Returns 0 when the cell is absent.
 */
static int
cell(const char *path, int sheet, const char *ref, char *type, char *val, size_t n)
{
	char name[64];
	snprintf(name, sizeof(name), "xl/worksheets/sheet%d.xml", sheet);
	char *xml = zip_entry(path, name);
	assert_non_null(xml);
	xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)strlen(xml), NULL, "UTF-8", 0);
	int found = 0;
	type[0] = val[0] = '\0';
	while (!found && xmlTextReaderRead(r) == 1) {
		if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
		    strcmp((const char *)xmlTextReaderConstLocalName(r), "c") != 0)
			continue;
		xmlChar *at = xmlTextReaderGetAttribute(r, (const xmlChar *)"r");
		found = at != NULL && strcmp((const char *)at, ref) == 0;
		xmlFree(at);
		if (!found)
			continue;
		xmlChar *t = xmlTextReaderGetAttribute(r, (const xmlChar *)"t");
		snprintf(type, 16, "%s", t != NULL ? (const char *)t : "n");
		xmlFree(t);
		xmlChar *v = xmlTextReaderReadString(r);
		snprintf(val, n, "%s", v != NULL ? (const char *)v : "");
		xmlFree(v);
	}
	xmlFreeTextReader(r);
	free(xml);
	if (found && strcmp(type, "s") == 0) {
		char *ss = zip_entry(path, "xl/sharedStrings.xml");
		assert_non_null(ss);
		assert_true(nth_text(ss, "si", NULL, atoi(val), val, n));
		free(ss);
	}
	return found;
}

/* Asserts cell ref of sheet has type and value. */
#define ASSERT_CELL(path, sheet, ref, want_type, want_val)                                         \
	do {                                                                                       \
		char t_[16], v_[512];                                                              \
		if (!cell(path, sheet, ref, t_, v_, sizeof(v_)))                                   \
			fail_msg("cell %s of sheet %d absent", ref, sheet);                        \
		assert_string_equal(t_, want_type);                                                \
		assert_string_equal(v_, want_val);                                                 \
	} while (0)

#define ASSERT_NO_CELL(path, sheet, ref)                                                           \
	do {                                                                                       \
		char t_[16], v_[512];                                                              \
		assert_false(cell(path, sheet, ref, t_, v_, sizeof(v_)));                          \
	} while (0)

/* Asserts that part name of path contains s. */
static void
assert_part_has(const char *path, const char *name, const char *s)
{
	char *xml = zip_entry(path, name);
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
	char *sheet = zip_entry(path, "xl/worksheets/sheet1.xml");
	assert_null(strstr(sheet, "<f>")); /* no formula anywhere */
	assert_non_null(strstr(sheet, "ySplit=\"1\""));
	/* header row 1 to the last row written, 3, over columns A..C */
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A1:C3\""));
	free(sheet);
	char name[64];
	char *wb = zip_entry(path, "xl/workbook.xml");
	assert_true(nth_text(wb, "sheet", "name", 0, name, sizeof(name)));
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

static void
test_keyusers_sheet(void **state)
{
	(void)state;
	struct ledger_carrier c1[] = {
	    {.carrier = "coal_5_6", .toe = 1000.0},
	    {.carrier = "electricity", .toe = 500.25},
	};
	struct ledger_carrier c2[] = {{.carrier = "electricity", .toe = 1200.0}};
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
	     .ncarriers = 1,
	     .carriers = c2},
	};
	struct keyuser_list l = {.year = 2024,
				 .threshold_toe = 1000,
				 .threshold_ref = "Nghị định 21/2011/NĐ-CP Điều 6",
				 .n = 2,
				 .items = items};
	char path[512], err[256];
	snprintf(path, sizeof(path), "%s", tu_path("ku.xlsx"));
	struct xlsx *x = xlsx_open(path);
	assert_int_equal(sheets_keyusers(x, &l), 0);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);

	ASSERT_CELL(path, 1, "B2", "n", "1000");
	ASSERT_CELL(path, 1, "C2", "s", "Nghị định 21/2011/NĐ-CP Điều 6");
	ASSERT_CELL(path, 1, "B3", "n", "2");
	/* Rows 1-3 the block, 4 empty, 5 the header: the carriers sorted by code. */
	ASSERT_CELL(path, 1, "A5", "s", "code");
	ASSERT_CELL(path, 1, "F5", "s", "toe");
	ASSERT_CELL(path, 1, "G5", "s", "toe_coal_5_6");
	ASSERT_CELL(path, 1, "H5", "s", "toe_electricity");
	ASSERT_CELL(path, 1, "A6", "s", "K1");
	ASSERT_CELL(path, 1, "B6", "s", "0100109106"); /* text, leading zero kept */
	ASSERT_CELL(path, 1, "C6", "s", "=1+1 Gạch");
	ASSERT_CELL(path, 1, "D6", "s", "Kiên Lương");
	ASSERT_CELL(path, 1, "F6", "n", "1500.25");
	ASSERT_CELL(path, 1, "G6", "n", "1000");
	ASSERT_CELL(path, 1, "H6", "n", "500.25");
	ASSERT_NO_CELL(path, 1, "B7");	      /* no tax code */
	ASSERT_CELL(path, 1, "G7", "n", "0"); /* coal not used, 0 as in the CSV */
	ASSERT_CELL(path, 1, "H7", "n", "1200");
	char *sheet = zip_entry(path, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(sheet, "<autoFilter ref=\"A5:H7\""));
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
						    "applies_cp_saving"};
	struct kpi_value pv[KPI__MAX], gv[2][KPI__MAX];
	for (int k = 0; k < KPI__MAX; k++) {
		r.series[k].code = codes[k];
		r.series[k].target_pct = k == 0 ? 50 : NAN;
		r.series[k].values = &pv[k];
		pv[k] = (struct kpi_value){2024, 0, 0, 5, NAN, 0.0};
		gv[0][k] = (struct kpi_value){2024, 1, 2, 3, 0.5, 2.0 / 3};
		gv[1][k] = (struct kpi_value){2024, 0, 0, 0, NAN, NAN};
	}
	pv[0] = (struct kpi_value){2024, 3, 4, 5, 0.75, 0.8}; /* 3/4, 4/5 */
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

	char *wb = zip_entry(path, "xl/workbook.xml"), name[64];
	assert_true(nth_text(wb, "sheet", "name", 0, name, sizeof(name)));
	assert_string_equal(name, "Toàn tỉnh");
	assert_true(nth_text(wb, "sheet", "name", 1, name, sizeof(name)));
	assert_string_equal(name, "Quy mô");
	free(wb);
	ASSERT_CELL(path, 1, "L1", "s", "coverage");
	ASSERT_CELL(path, 1, "A2", "s", "78/KH-UBND");
	ASSERT_CELL(path, 1, "B2", "n", "2024");
	ASSERT_CELL(path, 1, "C2", "s", "province");
	ASSERT_NO_CELL(path, 1, "D2");
	ASSERT_CELL(path, 1, "F2", "s", "aware");
	ASSERT_CELL(path, 1, "G2", "n", "0.5"); /* target 50 % as a fraction */
	ASSERT_CELL(path, 1, "H2", "n", "3");
	ASSERT_CELL(path, 1, "I2", "n", "4");
	ASSERT_CELL(path, 1, "J2", "n", "5");
	ASSERT_CELL(path, 1, "K2", "n", "0.75"); /* 3 / 4 */
	ASSERT_CELL(path, 1, "L2", "n", "0.8");	 /* 4 / 5 */
	ASSERT_CELL(path, 1, "F3", "s", "cp_staff");
	ASSERT_NO_CELL(path, 1, "G3"); /* no target */
	ASSERT_NO_CELL(path, 1, "K3"); /* known 0: no share */
	ASSERT_CELL(path, 1, "L3", "n", "0");
	ASSERT_NO_CELL(path, 1, "A6"); /* 4 indicators, rows 2..5 */
	ASSERT_CELL(path, 2, "C2", "s", "size");
	ASSERT_CELL(path, 2, "D2", "s", "large");
	ASSERT_CELL(path, 2, "E2", "s", "Lớn");
	ASSERT_CELL(path, 2, "J5", "n", "3");
	ASSERT_NO_CELL(path, 2, "A6"); /* "small" has no active facility */
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
	char err[512], cmd[2048], path[512];
	struct db *db = tu_db_new("cli.db");
	if (refdata_load(db, err, sizeof(err)) < 0)
		fail_msg("refdata_load: %s", err);
	if (db_exec(db, fixture) != DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	db_close(db);

	snprintf(path, sizeof(path), "%s", tu_path("cli-ku.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	ASSERT_CELL(path, 1, "A6", "s", "K2");
	ASSERT_CELL(path, 1, "C6", "s", "=SUM(A1)");
	ASSERT_CELL(path, 1, "F6", "n", "1000"); /* 2000 t x 0.50 TOE/t */
	ASSERT_CELL(path, 1, "G5", "s", "toe_coal_5_6");

	snprintf(path, sizeof(path), "%s", tu_path("cli-kpi.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s kpi --db '%s' --year 2020 --by size --format xlsx -o '%s'",
		 tu_sxsh(), tu_db_url("cli.db"), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	ASSERT_CELL(path, 1, "B2", "n", "2020");
	ASSERT_CELL(path, 1, "J2", "n", "1"); /* one active facility */
	ASSERT_CELL(path, 2, "D2", "s", "large");

	/* xlsx goes to a file only */
	snprintf(cmd, sizeof(cmd), "%s kpi --db '%s' --year 2020 --format xlsx", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format xlsx", tu_sxsh(),
		 tu_db_url("cli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
