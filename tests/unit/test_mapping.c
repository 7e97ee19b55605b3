/*
 * Unit tests for column-mapping profiles (model/io/mapping): the JSON round
 * trip (export → import → export gives the same bytes, the shipped IAC
 * profiles included), value maps (exact ignoring case and diacritics,
 * prefix, range, "not imported"), a unit converted through a heating value
 * worked by hand, unmatched values reported with the file, line and column
 * (CSV) or the cell (xlsx, and the same workbook saved by LibreOffice as
 * .ods and .xls), all-or-nothing writing, the leave-out policy,
 * Vietnamese numbers in a ';' file, and the stored profiles' versions.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "db/db.h"
#include "fixture.h"
#include "model/io/mapping.h"
#include "model/registry/refdata.h"
#include "soffice.h"
#include "testutil.h"
#include "util/alloc.h"
#include "util/buf.h"

static struct db *db;
static struct buf errs;
static struct mapping_stats st;

static void
err_buf(void *ctx, const char *where, const char *reason)
{
	buf_printf(ctx, "%s: %s\n", where, reason);
}

static struct mapping_profile *
profile(const char *json)
{
	char err[512];
	struct mapping_profile *p = mapping_from_json(json, err, sizeof(err));
	if (p == NULL)
		fail_msg("profile: %s", err);
	return p;
}

/* Imports text (written as file name) through the profile json. */
static int
run(const char *json, const char *name, const char *text, int dry)
{
	struct mapping_profile *p = profile(json);
	struct mapping_opts o = {.dry_run = dry};
	const char *path = tu_write_file(name, text);
	buf_reset(&errs);
	int rc = mapping_import_path(db, p, path, name, &o, err_buf, &errs, &st);
	mapping_free(p);
	return rc;
}

static int64_t
count(const char *sql_stmt_table)
{
	/* the row count of a table, through the statistics statement */
	struct db_stmt *s = db_stmt(db, STMT_STATS_ROWS);
	int64_t n = -1;
	while (db_step(s) == DB_ROW)
		if (strcmp(db_col_text(s, 0), sql_stmt_table) == 0)
			n = db_col_int(s, 1);
	return n;
}

static int
setup(void **state)
{
	(void)state;
	char err[512];
	buf_init(&errs, 1 << 20);
	db = tu_db_new("mapping.db");
	if (refdata_load(db, err, sizeof(err)) != 0)
		fail_msg("refdata_load: %s", err);
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

/* The facilities profile of the tests: Vietnamese headers, value maps, constants. */
static const char fac_profile[] =
    "{\"sxsh_mapping_profile\": 1, \"name\": \"thong-ke\", \"target\": \"facilities\","
    " \"decimal\": \",\","
    " \"constants\": {\"admin_unit\": \"rach-gia\", \"status\": \"active\"},"
    " \"columns\": ["
    "  {\"header\": \"Mã\", \"field\": \"code\"},"
    "  {\"header\": \"Tên doanh nghiệp\", \"field\": \"name\"},"
    "  {\"header\": \"Ngành\", \"field\": \"sector\", \"match\": \"prefix\","
    "   \"values\": {\"102\": \"1020\", \"10\": \"10\", \"17\": \"1701\"}},"
    "  {\"header\": \"Loại hình\", \"field\": \"ownership\","
    "   \"values\": {\"Hộ cá thể\": \"household\", \"Tư nhân\": \"private\"}},"
    "  {\"header\": \"Lao động\", \"field\": \"employees\"},"
    "  {\"header\": \"Lao động\", \"field\": \"size\", \"match\": \"range\","
    "   \"values\": {\"..10\": \"micro\", \"11..100\": \"small\", \"101..\": \"medium\"}},"
    "  {\"header\": \"Ghi chú\", \"field\": \"skip\"}"
    " ]}";

static void
test_round_trip(void **state)
{
	(void)state;
	/* A profile using every feature: its export reads back to the same export. */
	struct mapping_profile *p = profile(fac_profile);
	char *a = mapping_to_json(p);
	mapping_free(p);
	p = profile(a);
	char *b = mapping_to_json(p);
	assert_string_equal(a, b);
	/* The key order is fixed: format, name, target, decimal, bad_rows, constants, columns. */
	assert_non_null(strstr(a, "\"sxsh_mapping_profile\": 1,\n  \"name\": \"thong-ke\",\n  "
				  "\"target\": \"facilities\",\n  \"decimal\": \",\",\n  "
				  "\"bad_rows\": \"refuse\",\n  \"constants\": {"));
	assert_non_null(strstr(a, "\"match\": \"range\""));
	mapping_free(p);
	free(a);
	free(b);

	/* The shipped IAC profiles are their own export, byte for byte. */
	const char *files[] = {"data/profiles/iac-facilities.json",
			       "data/profiles/iac-reports.json"};
	for (int i = 0; i < 2; i++) {
		char path[1024];
		size_t n;
		snprintf(path, sizeof(path), "%s/%s", getenv("SXSH_SRC"), files[i]);
		char *text = tu_read_file(path, &n);
		assert_non_null(text);
		p = profile(text);
		char *out = mapping_to_json(p);
		assert_string_equal(out, text);
		/* stored and read back: the same again */
		int64_t v = 0;
		assert_int_equal(mapping_save(db, NULL, 1000, p, 0, &v), ST_OK);
		assert_int_equal(v, 1);
		struct mapping_profile *q = NULL;
		assert_int_equal(mapping_get(db, p->name, &q), ST_OK);
		char *again = mapping_to_json(q);
		assert_string_equal(again, text);
		assert_int_equal(mapping_delete(db, NULL, 1001, p->name), ST_OK);
		mapping_free(q);
		mapping_free(p);
		free(again);
		free(out);
		free(text);
	}
}

static void
test_json_errors(void **state)
{
	(void)state;
	char err[512];
	assert_null(
	    mapping_from_json("{\"sxsh_mapping_profile\": 1, \"name\": \"x\", \"target\": "
			      "\"facilities\", \"columns\": [{\"header\": \"A\", \"field\": "
			      "\"colour\"}]}",
			      err, sizeof(err)));
	assert_string_equal(err, "hồ sơ ánh xạ cột không hợp lệ: columns[0]: field: not a field "
				 "of the target / the column-mapping profile is not valid: "
				 "columns[0]: field: not a field of the target");
	assert_null(mapping_from_json("{\"sxsh_mapping_profile\": 1, \"name\": \"x\", \"target\": "
				      "\"plans\", \"columns\": []}",
				      err, sizeof(err)));
	assert_non_null(strstr(err, "target: \"facilities\" or \"reports\""));
	assert_null(mapping_from_json("[1", err, sizeof(err)));
	assert_non_null(strstr(err, "line 1:"));
}

static void
test_value_maps_and_all_or_nothing(void **state)
{
	(void)state;
	int64_t before = count("facility");
	/*
	 * Line 3's "hộ cá thể" matches "Hộ cá thể" ignoring case; its sector
	 * 1020 takes the longest prefix key "102"; 7 employees is micro.  Line
	 * 4's "Nhà nước" is in no value map: reported with its file, line and
	 * header, and, the profile refusing bad rows, nothing is written.
	 */
	const char *csv = "Mã;Tên doanh nghiệp;Ngành;Loại hình;Lao động;Ghi chú\n"
			  "M1;Công ty Một;1079;Tư nhân;1.250;x\n"
			  "M2;Hộ Hai;1020;hộ cá thể;7;\n"
			  "M3;Công ty Ba;1701;Nhà nước;50;\n";
	assert_int_equal(run(fac_profile, "tk.csv", csv, 0), 1);
	assert_string_equal(
	    buf_str(&errs),
	    "tk.csv:4: Loại hình: giá trị 'Nhà nước' không có trong bảng chuyển "
	    "đổi giá trị của hồ sơ / value 'Nhà nước' is not in the profile's value "
	    "map\n");
	assert_int_equal(st.rows, 3);
	assert_int_equal(st.bad_rows, 1);
	assert_int_equal(count("facility"), before);

	/* Without the bad row, all three... two are written. */
	const char *good = "Mã;Tên doanh nghiệp;Ngành;Loại hình;Lao động;Ghi chú\n"
			   "M1;Công ty Một;1079;Tư nhân;1.250;x\n"
			   "M2;Hộ Hai;1020;hộ cá thể;7;\n";
	assert_int_equal(run(fac_profile, "tk.csv", good, 0), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.imported, 2);
	assert_int_equal(count("facility"), before + 2);
	/*
	 * M1: 1.250 in a ',' profile is 1250 employees → the range 101.. →
	 * medium; sector 1079 takes "10" (the key "102" does not begin it).
	 */
	char buf[256];
	assert_string_equal(tu_query_buf("mapping.db",
					 "SELECT code || '|' || sector_code || '|' || ownership || "
					 "'|' || size || '|' || employees FROM facility WHERE code "
					 "IN ('M1', 'M2') ORDER BY code",
					 buf, sizeof(buf)),
			    "M1|10|private|medium|1250");
	assert_string_equal(
	    tu_query_buf("mapping.db",
			 "SELECT code || '|' || sector_code || '|' || ownership || "
			 "'|' || size || '|' || employees FROM facility WHERE code = "
			 "'M2'",
			 buf, sizeof(buf)),
	    "M2|1020|household|micro|7");
}

/* A reports profile: carrier and unit from columns through value maps, costs in VND. */
static const char rep_profile[] =
    "{\"sxsh_mapping_profile\": 1, \"name\": \"nang-luong\", \"target\": \"reports\","
    " \"columns\": ["
    "  {\"header\": \"Mã\", \"field\": \"facility_code\"},"
    "  {\"header\": \"Năm\", \"field\": \"year\"},"
    "  {\"header\": \"Lượng\", \"line\": \"energy\","
    "   \"item\": {\"from\": \"Loại\", \"values\": {\"Điện\": \"electricity\", \"Khí\": "
    "\"natural_gas\", \"Khác\": null, \"Than cốc\": \"coke\"}},"
    "   \"unit\": {\"from\": \"Đơn vị\"},"
    "   \"cost\": {\"from\": \"Tiền\", \"currency\": \"VND\"}},"
    "  {\"header\": \"Tiền USD\", \"line\": \"energy\", \"item\": \"electricity\","
    "   \"unit\": \"kWh\", \"cost\": {\"from\": \"Tiền USD\", \"currency\": \"USD\"}}"
    " ]}";

static void
test_units_and_costs(void **state)
{
	(void)state;
	const char *fac = "Mã;Tên doanh nghiệp;Ngành;Loại hình;Lao động;Ghi chú\n"
			  "E1;Công ty Năng lượng;1020;Tư nhân;20;\n"
			  "E2;Công ty Khí;1020;Tư nhân;20;\n";
	assert_int_equal(run(fac_profile, "f.csv", fac, 0), 0);
	/*
	 * E1 2020: 100 MMBtu of natural gas.  Natural gas is measured in
	 * 1000m3 or t (data/carrier_factors.csv); its heating value 48 GJ/t:
	 * 100 × 1.055056 GJ = 105.5056 GJ; 105.5056 / 48 = 2.198033333… t.
	 * Its cost 5000000 đồng is kept.  E2 2021: electricity 1200 kWh as is;
	 * "Khác" maps to null: not imported, counted.
	 */
	const char *csv = "Mã,Năm,Loại,Lượng,Đơn vị,Tiền,Tiền USD\n"
			  "E1,2020,Khí,100,MMBtu,5000000,\n"
			  "E2,2021,Điện,1200,kWh,,\n"
			  "E2,2022,Khác,7,t,,\n";
	/* "Tiền USD" is both the quantity and the cost column of one line: a cost
	 * in USD is counted and left out, never written into cost_vnd. */
	assert_int_equal(run(rep_profile, "r.csv", csv, 0), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.converted, 1);
	assert_int_equal(st.values_left_out, 1);
	assert_int_equal(st.costs_left_out, 0);
	char buf[256];
	double q =
	    atof(tu_query_buf("mapping.db",
			      "SELECT e.quantity FROM report_energy e JOIN report r ON r.id = "
			      "e.report_id JOIN facility f ON f.id = r.facility_id WHERE f.code "
			      "= 'E1'",
			      buf, sizeof(buf)));
	assert_true(fabs(q - 105.5056 / 48) < 1e-9);
	assert_string_equal(
	    tu_query_buf("mapping.db",
			 "SELECT e.unit || '|' || CAST(e.cost_vnd AS bigint) FROM "
			 "report_energy e "
			 "JOIN report r ON r.id = e.report_id JOIN facility f ON f.id "
			 "= r.facility_id WHERE f.code = 'E1'",
			 buf, sizeof(buf)),
	    "t|5000000");
	assert_string_equal(tu_query_buf("mapping.db",
					 "SELECT count(*) FROM report r JOIN facility f ON f.id = "
					 "r.facility_id WHERE f.code = 'E2'",
					 buf, sizeof(buf)),
			    "2");

	/* A USD cost beside a quantity: the quantity is written, the cost counted. */
	const char *usd = "Mã,Năm,Loại,Lượng,Đơn vị,Tiền,Tiền USD\n"
			  "E1,2023,,,,,250\n";
	assert_int_equal(run(rep_profile, "u.csv", usd, 0), 0);
	assert_int_equal(st.costs_left_out, 1);
	assert_string_equal(tu_query_buf("mapping.db",
					 "SELECT CAST(e.quantity AS bigint) || '|' || "
					 "coalesce(CAST(e.cost_vnd AS text), 'null') "
					 "FROM report_energy e JOIN report r ON r.id = e.report_id "
					 "WHERE r.year = 2023",
					 buf, sizeof(buf)),
			    "250|null");

	/*
	 * Coke is measured in t and has no heating value in the reference data
	 * (data/carrier_factors.csv): GJ of coke cannot be converted; named
	 * with the unit's column.
	 */
	const char *bad = "Mã,Năm,Loại,Lượng,Đơn vị,Tiền,Tiền USD\n"
			  "E1,2024,Than cốc,5,GJ,,\n"
			  "E1,2025,Hơi,5,t,,\n";
	assert_int_equal(run(rep_profile, "b.csv", bad, 0), 1);
	assert_string_equal(buf_str(&errs),
			    "b.csv:2: Đơn vị: không đổi được GJ của coke sang đơn vị sxsh "
			    "lưu: không có nhiệt trị / cannot convert GJ of coke into a unit "
			    "sxsh stores: no heating value\n"
			    "b.csv:3: Loại: giá trị 'Hơi' không có trong bảng chuyển đổi giá trị "
			    "của hồ sơ / value 'Hơi' is not in the profile's value map\n");
}

static void
test_leave_out(void **state)
{
	(void)state;
	/*
	 * bad_rows "leave_out": line 3 (an unknown facility, reported by the
	 * same check as sxsh's own CSV import) and line 4 (a year before 1990)
	 * are reported and left out; lines 2 and 5 are written: 2 + 2 = 4.
	 */
	const char *p = "{\"sxsh_mapping_profile\": 1, \"name\": \"lo\", \"target\": \"reports\","
			" \"bad_rows\": \"leave_out\", \"columns\": ["
			" {\"header\": \"code\", \"field\": \"facility_code\"},"
			" {\"header\": \"fy\", \"field\": \"year\"},"
			" {\"header\": \"kwh\", \"line\": \"energy\", \"item\": \"electricity\","
			"  \"unit\": \"kWh\"}]}";
	const char *csv = "code,fy,kwh\nE1,2010,10\nZZ,2011,10\nE1,1985,10\nE2,2010,20\n";
	assert_int_equal(run(p, "lo.csv", csv, 0), 0);
	assert_string_equal(buf_str(&errs),
			    "lo.csv:3: code: mã cơ sở không tồn tại / unknown facility code 'ZZ'\n"
			    "lo.csv:4: fy: năm báo cáo phải từ 1990 đến 2100 / report year must be "
			    "between 1990 and 2100, got '1985'\n");
	assert_int_equal(st.rows, 4);
	assert_int_equal(st.bad_rows, 2);
	assert_int_equal(st.imported, 2);
	char buf[64];
	assert_string_equal(tu_query_buf("mapping.db",
					 "SELECT count(*) FROM report WHERE year = 2010", buf,
					 sizeof(buf)),
			    "2");
}

static void
test_header_missing(void **state)
{
	(void)state;
	assert_int_equal(run(fac_profile, "h.csv", "Mã;Tên;Ngành\nA;B;C\n", 1), 1);
	assert_non_null(strstr(buf_str(&errs), "h.csv:1: Dòng tiêu đề / header row: tệp không có "
					       "cột 'Tên doanh nghiệp' mà hồ sơ dùng"));
}

static void
test_xlsx_cells(void **state)
{
	(void)state;
	char path[1024]; /* tu_path's buffer is reused by tu_run */
	snprintf(path, sizeof(path), "%s", tu_path("cells.xlsx"));
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách");
	const char *head[] = {"Mã", "Tên doanh nghiệp", "Ngành", "Loại hình", "Lao động"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "X1", NULL);
	worksheet_write_string(ws, 1, 1, "Xưởng Một", NULL);
	worksheet_write_string(ws, 1, 2, "1020", NULL);
	worksheet_write_string(ws, 1, 3, "Tư nhân", NULL);
	worksheet_write_number(ws, 1, 4, 12, NULL);
	worksheet_write_string(ws, 2, 0, "X2", NULL);
	worksheet_write_string(ws, 2, 1, "Xưởng Hai", NULL);
	worksheet_write_string(ws, 2, 2, "9999", NULL);
	worksheet_write_string(ws, 2, 3, "Tư nhân", NULL);
	worksheet_write_number(ws, 2, 4, 12, NULL);
	worksheet_write_string(ws, 3, 0, "X3", NULL);
	worksheet_write_string(ws, 3, 1, "Xưởng Ba", NULL);
	worksheet_write_string(ws, 3, 2, "1020", NULL);
	worksheet_write_string(ws, 3, 3, "Tư nhân", NULL);
	worksheet_write_number(ws, 3, 4, 12.5, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	struct mapping_profile *p = profile(fac_profile);
	struct mapping_opts o = {.dry_run = 1};
	buf_reset(&errs);
	/*
	 * Row 3: sector 9999 has no key (C3; the row's other cells are not
	 * judged without it); row 4: 12.5 employees is not whole (E4).
	 */
	assert_int_equal(mapping_import_path(db, p, path, "cells.xlsx", &o, err_buf, &errs, &st),
			 1);
	static const char want[] =
	    "Danh sách!C3: giá trị '9999' không có trong bảng chuyển đổi giá trị "
	    "của hồ sơ / value '9999' is not in the profile's value map\n"
	    "Danh sách!E4: số lao động phải là số nguyên / employees must be a "
	    "whole number, got '12.5'\n";
	assert_string_equal(buf_str(&errs), want);

	/* The same workbook saved by LibreOffice as .ods and as .xls reads the same. */
	const char *exts[] = {"ods", "xls"};
	for (int i = 0; i < 2; i++) {
		char dir[1024];
		snprintf(dir, sizeof(dir), "%s/so-%s", tu_tmpdir(), exts[i]);
		char *conv = so_convert(path, exts[i], dir);
		buf_reset(&errs);
		assert_int_equal(mapping_import_path(db, p, conv, conv, &o, err_buf, &errs, &st),
				 1);
		assert_string_equal(buf_str(&errs), want);
		assert_int_equal(st.rows, 3);
		free(conv);
	}
	mapping_free(p);
}

/*
 * Tax codes a spreadsheet keeps as numbers.  Check digits by hand with the
 * weights 31 29 23 19 17 13 7 5 3 (DOMAIN.md §10): 0,1,0,1,2,3,4,5,6 give
 * 0+29+0+19+34+39+28+25+18 = 192, 192 mod 11 = 5, 10 - 5 = 5: 0101234565;
 * 1,7,0,0,1,2,3,4,5 give 31+203+0+0+17+26+21+20+15 = 333, 333 mod 11 = 3,
 * 10 - 3 = 7: 1700123457.  Excel stores the first as 101234565 (9 digits),
 * which gets its zero back; the second as 1700123457, kept; a branch
 * 0101234565-001 as 101234565001 (12 digits), written back with its zero
 * and dash.  A text cell is never changed.
 */
static void
test_xlsx_tax_numbers(void **state)
{
	(void)state;
	static const char prof[] =
	    "{\"sxsh_mapping_profile\": 1, \"name\": \"mst\", \"target\": \"facilities\","
	    " \"decimal\": \",\","
	    " \"constants\": {\"admin_unit\": \"rach-gia\", \"status\": \"active\","
	    "  \"sector\": \"1020\", \"ownership\": \"private\", \"size\": \"small\"},"
	    " \"columns\": [{\"header\": \"Mã\", \"field\": \"code\"},"
	    "  {\"header\": \"Tên\", \"field\": \"name\"},"
	    "  {\"header\": \"MST\", \"field\": \"tax_code\"}]}";
	char path[1024];
	snprintf(path, sizeof(path), "%s", tu_path("mst.xlsx"));
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách");
	worksheet_write_string(ws, 0, 0, "Mã", NULL);
	worksheet_write_string(ws, 0, 1, "Tên", NULL);
	worksheet_write_string(ws, 0, 2, "MST", NULL);
	static const char *const codes[] = {"MST1", "MST2", "MST3", "MST4"};
	static const char *const names[] = {"Xưởng Một", "Xưởng Hai", "Xưởng Ba", "Xưởng Bốn"};
	for (int i = 0; i < 4; i++) {
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 0, codes[i], NULL);
		worksheet_write_string(ws, (lxw_row_t)(i + 1), 1, names[i], NULL);
	}
	worksheet_write_number(ws, 1, 2, 101234565, NULL);
	worksheet_write_number(ws, 2, 2, 1700123457, NULL);
	worksheet_write_number(ws, 3, 2, 101234565001, NULL);
	worksheet_write_string(ws, 4, 2, "", NULL); /* no tax code */
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	struct mapping_profile *p = profile(prof);
	struct mapping_opts o = {0};
	buf_reset(&errs);
	int rc = mapping_import_path(db, p, path, "mst.xlsx", &o, err_buf, &errs, &st);
	if (rc != 0)
		fail_msg("%s", buf_str(&errs));
	mapping_free(p);
	char *got =
	    tu_query_text("mapping.db", "SELECT tax_code FROM facility WHERE code = 'MST1'");
	assert_string_equal(got, "0101234565");
	free(got);
	got = tu_query_text("mapping.db", "SELECT tax_code FROM facility WHERE code = 'MST2'");
	assert_string_equal(got, "1700123457");
	free(got);
	got = tu_query_text("mapping.db", "SELECT tax_code FROM facility WHERE code = 'MST3'");
	assert_string_equal(got, "0101234565-001");
	free(got);
}

static void
test_stored_versions(void **state)
{
	(void)state;
	struct mapping_profile *p = profile(fac_profile);
	int64_t v = 0;
	assert_int_equal(mapping_save(db, NULL, 10, p, 0, &v), ST_OK);
	assert_int_equal(v, 1);
	assert_int_equal(mapping_save(db, NULL, 11, p, 0, &v), ST_EXISTS);
	assert_int_equal(mapping_save(db, NULL, 12, p, 1, &v), ST_OK);
	assert_int_equal(v, 2);
	/* a second editor still holding version 1 */
	assert_int_equal(mapping_save(db, NULL, 13, p, 1, &v), ST_CONFLICT);
	assert_int_equal(mapping_save(db, NULL, 14, p, -1, &v), ST_OK);
	assert_int_equal(v, 3);
	struct mapping_info *list;
	int n;
	assert_int_equal(mapping_list(db, &list, &n), ST_OK);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "thong-ke");
	assert_int_equal(list[0].version, 3);
	assert_string_equal(list[0].updated_by, "cli");
	free(list);
	assert_int_equal(mapping_delete(db, NULL, 15, "thong-ke"), ST_OK);
	assert_int_equal(mapping_delete(db, NULL, 16, "thong-ke"), ST_NOTFOUND);
	mapping_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_xlsx_tax_numbers),
	    cmocka_unit_test(test_json_errors),
	    cmocka_unit_test(test_value_maps_and_all_or_nothing),
	    cmocka_unit_test(test_units_and_costs),
	    cmocka_unit_test(test_leave_out),
	    cmocka_unit_test(test_header_missing),
	    cmocka_unit_test(test_xlsx_cells),
	    cmocka_unit_test(test_stored_versions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
