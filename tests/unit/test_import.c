/*
 * Unit tests for the CSV import (model/csvio): for every rule a fixture
 * whose one bad row must give exactly the expected error line, and checks
 * that a failed import writes nothing (the export and the meta generation
 * are unchanged), that every bad row is reported, that --dry-run writes
 * nothing, and that quotes, embedded newlines, CRLF and a BOM are read
 * with correct physical line numbers.
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

static struct db *db;
static struct buf errs;
static struct csvio_stats st;

/* Imports text as file name; the errors land in errs. */
static int
imp(enum csvio_kind kind, const char *name, const char *text, const struct csvio_opts *o)
{
	const char *path = tu_write_file(name, text);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	buf_reset(&errs);
	int rc = csvio_import(db, kind, f, name, o, csvio_err_buf, &errs, &st);
	fclose(f);
	return rc;
}

static int64_t
generation(void)
{
	int64_t g = -1;
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &g), DB_OK);
	return g;
}

static int
setup(void **state)
{
	(void)state;
	char err[512];
	buf_init(&errs, 1 << 20);
	db = tu_db_new("import.db");
	if (refdata_load(db, err, sizeof(err)) != 0)
		fail_msg("refdata_load: %s", err);
	/*
	 * F1 holds tax code 1701234569 (check digit: Σ 1·31+7·29+0·23+1·19+2·17+
	 * 3·13+4·7+5·5+6·3 = 397, 397 mod 11 = 1, 10−1 = 9); F2 is a household
	 * with a 12-digit code; F2 has a 2022 report without lines.
	 */
	if (imp(CSVIO_FACILITIES, "base.csv",
		FX_FH "F1,1701234569,Công ty Một,1020,rach-gia,,,,private,small,50,2001,,active\n"
		      "F2,091234567890,Hộ Hai,1061,tan-hiep,,,,household,micro,,,,active\n"
		      "F3,,Công ty Ba,1701,ha-tien,,,,state,medium,,,,active\n",
		NULL) != 0)
		fail_msg("base facilities: %s", buf_str(&errs));
	if (imp(CSVIO_REPORTS, "base_r.csv", FX_RH "F2,2022,accepted,,,,,,,,,,,\n", NULL) != 0)
		fail_msg("base reports: %s", buf_str(&errs));
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

struct bad_case {
	const char *row;    /* the bad row, line 3 of the file */
	const char *expect; /* the exact error output */
};

/* Runs each case as header + a good row (line 2) + the bad row (line 3). */
static void
run_cases(enum csvio_kind kind, const char *head, const char *good, const char *name,
	  const struct bad_case *c, size_t n)
{
	char *before = fx_export(db, kind, 0);
	int64_t gen = generation();
	for (size_t i = 0; i < n; i++) {
		char *text = NULL, *expect = NULL;
		assert_true(asprintf(&text, "%s%s%s\n", head, good, c[i].row) > 0);
		assert_true(asprintf(&expect, "%s:3: %s\n", name, c[i].expect) > 0);
		int rc = imp(kind, name, text, NULL);
		if (strcmp(buf_str(&errs), expect) != 0)
			fail_msg("case %zu (%s):\n got: %s want: %s", i, c[i].row, buf_str(&errs),
				 expect);
		assert_int_equal(rc, 1);
		assert_int_equal(st.errors, 1);
		free(text);
		free(expect);
	}
	/* Nothing was written by any of them. */
	char *after = fx_export(db, kind, 0);
	assert_string_equal(after, before);
	assert_int_equal(generation(), gen);
	free(before);
	free(after);
}

static void
test_facility_rules(void **state)
{
	(void)state;
	static const struct bad_case c[] = {
	    {",,X,1020,rach-gia,,,,private,small,,,,active",
	     "code: thiếu mã cơ sở / facility code is missing"},
	    {"G1,,X,1020,rach-gia,,,,private,small,,,,active",
	     "code: mã cơ sở trùng với dòng 2 / duplicate facility code 'G1', first on line 2"},
	    {"F1,,X,1020,rach-gia,,,,private,small,,,,active",
	     "code: cơ sở đã có trong cơ sở dữ liệu (dùng --update để cập nhật) / facility 'F1' "
	     "already exists (use --update to change it)"},
	    {"G2,0100109107,X,1020,rach-gia,,,,private,small,,,,active",
	     "tax_code: mã số thuế sai chữ số kiểm tra / tax code has a wrong check digit "
	     "'0100109107'"},
	    {"G2,0100109106-000,X,1020,rach-gia,,,,private,small,,,,active",
	     "tax_code: mã số thuế đơn vị phụ thuộc phải có số thứ tự 001–999 / tax code branch "
	     "number must be 001–999 '0100109106-000'"},
	    {"G2,091234567891,X,1020,rach-gia,,,,private,small,,,,active",
	     "tax_code: mã số thuế 12 số chỉ dành cho hộ kinh doanh / a 12-digit tax code is "
	     "allowed only for household businesses '091234567891'"},
	    {"G2,0100109106,X,1020,rach-gia,,,,private,small,,,,active",
	     "tax_code: mã số thuế trùng với dòng 2 / duplicate tax code '0100109106', first on "
	     "line 2"},
	    {"G2,1701234569,X,1020,rach-gia,,,,private,small,,,,active",
	     "tax_code: mã số thuế đã thuộc về cơ sở 'F1' / tax code '1701234569' already belongs "
	     "to facility 'F1'"},
	    {"G2,,,1020,rach-gia,,,,private,small,,,,active",
	     "name: thiếu tên cơ sở / facility name is missing"},
	    {"G2,,X,9999,rach-gia,,,,private,small,,,,active",
	     "sector: mã ngành không tồn tại / unknown sector code '9999'"},
	    {"G2,,X,1020,atlantis,,,,private,small,,,,active",
	     "admin_unit: đơn vị hành chính không tồn tại / unknown administrative unit code "
	     "'atlantis'"},
	    {"G2,,X,1020,rach-gia,,91,105,private,small,,,,active",
	     "lat: vĩ độ phải từ -90 đến 90 / latitude must be between -90 and 90, got '91'"},
	    {"G2,,X,1020,rach-gia,,10,-180.5,private,small,,,,active",
	     "lon: kinh độ phải từ -180 đến 180 / longitude must be between -180 and 180, got "
	     "'-180.5'"},
	    {"G2,,X,1020,rach-gia,,10.01,,private,small,,,,active",
	     "lon: cần cả vĩ độ và kinh độ hoặc để trống cả hai / latitude and longitude go "
	     "together: give both or neither"},
	    {"G2,,X,1020,rach-gia,,,,public,small,,,,active",
	     "ownership: loại hình sở hữu không hợp lệ / invalid ownership 'public' "
	     "(state|private|fdi|household|cooperative)"},
	    {"G2,,X,1020,rach-gia,,,,private,huge,,,,active",
	     "size: quy mô không hợp lệ / invalid size 'huge' (micro|small|medium|large)"},
	    {"G2,,X,1020,rach-gia,,,,private,small,-1,,,active",
	     "employees: số lao động phải từ 0 đến 10000000 / employees must be between 0 and "
	     "10000000, got '-1'"},
	    {"G2,,X,1020,rach-gia,,,,private,small,2.5,,,active",
	     "employees: số lao động phải là số nguyên / employees must be a whole number, got "
	     "'2.5'"},
	    {"G2,,X,1020,rach-gia,,,,private,small,,1899,,active",
	     "opened_year: năm bắt đầu hoạt động phải từ 1900 đến 2100 / opening year must be "
	     "between 1900 and 2100, got '1899'"},
	    {"G2,,X,1020,rach-gia,,,,private,small,,2010,2005,closed",
	     "closed_year: năm đóng cửa trước năm bắt đầu hoạt động / closed_year 2005 is before "
	     "opened_year 2010"},
	    {"G2,,X,1020,rach-gia,,,,private,small,,2010,,closed",
	     "closed_year: cơ sở đã đóng cửa cần năm đóng cửa / a closed facility needs "
	     "closed_year"},
	    {"G2,,X,1020,rach-gia,,,,private,small,,,,open",
	     "status: trạng thái không hợp lệ / invalid status 'open' (active|closed)"},
	    {"G2,,X,1020,rach-gia,,,,private,small,,,active",
	     "row: dòng có 13 cột, tiêu đề có 14 / row has 13 fields, the header has 14"},
	    {"G2,,X,1020,rach-gia,a\"b,,,private,small,,,,active",
	     "row: dấu nháy kép sai quy cách CSV / malformed CSV quoting (a '\"' inside an "
	     "unquoted field, or text after a closing quote)"},
	};
	run_cases(CSVIO_FACILITIES, FX_FH,
		  "G1,0100109106,Good,1020,rach-gia,,,,private,small,,,,active\n", "facilities.csv",
		  c, sizeof(c) / sizeof(c[0]));
}

static void
test_report_rules(void **state)
{
	(void)state;
	static const struct bad_case c[] = {
	    {"ZZ,2023,draft,,,,,,,,,,,",
	     "facility_code: mã cơ sở không tồn tại / unknown facility code 'ZZ'"},
	    {"F3,1989,draft,,,,,,,,,,,",
	     "year: năm báo cáo phải từ 1990 đến 2100 / report year must be between 1990 and "
	     "2100, got '1989'"},
	    {"F3,2023,done,,,,,,,,,,,",
	     "status: trạng thái báo cáo không hợp lệ / invalid report status 'done' "
	     "(draft|submitted|returned|accepted)"},
	    {"F3,2023,draft,yes,,,,,,,,,,",
	     "cp_aware: nhận thức về SXSH phải là 1, 0 hoặc để trống / CP awareness must be 1, 0 "
	     "or empty, got 'yes'"},
	    {"F1,2023,submitted,1,0,,1,energy,electricity,,,1000,kWh,",
	     "status: khác với dòng 2 ('draft') / differs from line 2 where it is 'draft', got "
	     "'submitted'"},
	    {"F1,2023,draft,1,0,1,1,energy,electricity,,,1000,kWh,",
	     "cp_unit: khác với dòng 2 ('') / differs from line 2 where it is '', got '1'"},
	    {"F2,2022,accepted,,,,,water,tap,,,10,m3,",
	     "year: báo cáo năm 2022 của cơ sở này đã có (dùng --replace để thay) / a 2022 report "
	     "for this facility already exists (use --replace to replace it)"},
	    {"F3,2023,draft,,,,,waste,x,,,1,t,",
	     "line: loại dòng không hợp lệ / invalid line kind 'waste' "
	     "(output|energy|water|material)"},
	    {"F3,2023,draft,,,,,output,x,frozen_shrimp,,1,t,",
	     "item: hạng mục phải để trống với loại dòng 'output' / item must be empty for line "
	     "'output'"},
	    {"F3,2023,draft,,,,,output,,,,1,t,",
	     "product: thiếu mã sản phẩm / product code is missing"},
	    {"F3,2023,draft,,,,,output,,tuna,,1,t,",
	     "product: mã sản phẩm không tồn tại / unknown product code 'tuna'"},
	    {"F3,2023,draft,,,,,output,,frozen_catfish,,1,kWh,",
	     "unit: đơn vị tính không quy đổi được sang đơn vị của sản phẩm ('t') / unit 'kWh' "
	     "does "
	     "not convert to the product's unit 't'"},
	    {"F3,2023,draft,,,,,output,,frozen_catfish,,1,t,5",
	     "cost_vnd: chi phí (đồng) phải để trống với loại dòng 'output' / cost (VND) must be "
	     "empty for line 'output'"},
	    {"F3,2023,draft,,,,,output,,frozen_catfish,,-5,t,",
	     "quantity: số lượng phải từ 0 đến 1e+15 / quantity must be between 0 and 1e+15, got "
	     "'-5'"},
	    {"F3,2023,draft,,,,,output,,frozen_catfish,,\"1,5\",t,",
	     "quantity: số lượng không phải là số (dấu thập phân là '.') / quantity is not a "
	     "number (decimal point '.'), got '1,5'"},
	    {"F3,2023,draft,,,,,material,salt,,,1,tons,",
	     "unit: đơn vị tính không tồn tại / unknown unit 'tons'"},
	    {"F3,2023,draft,,,,,material,,,,1,t,", "item: thiếu hạng mục / item is missing"},
	    {"F3,2023,draft,,,,,energy,uranium,,,1,t,",
	     "item: mã năng lượng không tồn tại / unknown energy carrier code 'uranium'"},
	    /* coal_3_4 has factors per tonne only: mass units are allowed. */
	    {"F3,2023,draft,,,,,energy,coal_3_4,,,1,kWh,",
	     "unit: đơn vị tính không dùng được cho năng lượng 'coal_3_4' / unit 'kWh' is not "
	     "allowed for carrier 'coal_3_4' (allowed: mass)"},
	    {"F3,2023,draft,,,,,energy,electricity,,13,1,kWh,",
	     "month: tháng phải từ 1 đến 12 / month must be between 1 and 12, got '13'"},
	    {"F3,2023,draft,,,,,energy,electricity,,,1,,",
	     "unit: thiếu đơn vị tính / unit is missing"},
	    {"F3,2023,draft,,,,,energy,electricity,,,1,kWh,-1",
	     "cost_vnd: chi phí (đồng) phải từ 0 đến 1e+15 / cost (VND) must be between 0 and "
	     "1e+15, got '-1'"},
	    {"F3,2023,draft,,,,,water,rain,,,1,m3,",
	     "item: nguồn nước không hợp lệ / invalid water source 'rain' "
	     "(tap|ground|surface|other)"},
	    {"F3,2023,draft,,,,,water,tap,,,1,t,",
	     "unit: nước phải tính bằng m3 hoặc đơn vị thể tích khác / water must be in m3 or "
	     "another volume unit, got 't'"},
	    {"F3,2023,draft,,,,,water,tap,,3,1,m3,",
	     "month: tháng phải để trống với loại dòng 'water' / month must be empty for line "
	     "'water'"},
	    {"F3,2023,draft,,,,,,,,,5,,", "quantity: số lượng phải để trống khi không có loại dòng "
					  "/ quantity must be empty when "
					  "line is empty"},
	    {"F1,2023,draft,1,0,,1,output,,frozen_shrimp,,99,t,",
	     "line: trùng với dòng 2 (cùng facility_code, year, line, item, product, month) / "
	     "duplicate of line 2 (same facility_code, year, line, item, product, month)"},
	};
	run_cases(CSVIO_REPORTS, FX_RH, "F1,2023,draft,1,0,,1,output,,frozen_shrimp,,120.5,t,\n",
		  "reports.csv", c, sizeof(c) / sizeof(c[0]));
}

static void
test_header(void **state)
{
	(void)state;
	assert_int_equal(imp(CSVIO_FACILITIES, "h.csv",
			     "code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,"
			     "employees,opened_year,closed_year,state\n"
			     "G1,,X,1020,rach-gia,,,,private,small,,,,active\n",
			     NULL),
			 1);
	assert_string_equal(buf_str(&errs),
			    "h.csv:1: header: thiếu cột / missing column(s): status; "
			    "cột không xác định / unknown column(s): state\n");
	assert_int_equal(imp(CSVIO_REPORTS, "h.csv", "", NULL), 1);
	assert_string_equal(buf_str(&errs),
			    "h.csv:1: header: tệp trống, thiếu dòng tiêu đề / empty "
			    "file: the header row is missing\n");
	/* An empty column name is reported as unknown (it used to pass the header
	 * check and index the row with -1; found by tests/fuzz/fuzz_csv.c). */
	assert_int_equal(imp(CSVIO_FACILITIES, "h.csv",
			     "code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,"
			     "employees,opened_year,closed_year,status,\n"
			     "G1,,X,1020,rach-gia,,,,private,small,,,,active,\n",
			     NULL),
			 1);
	assert_string_equal(buf_str(&errs),
			    "h.csv:1: header: cột không xác định / unknown column(s): \"\"\n");
	/* A column named twice. */
	assert_int_equal(imp(CSVIO_FACILITIES, "h.csv",
			     "code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,"
			     "employees,opened_year,closed_year,status,code\n",
			     NULL),
			 1);
	assert_string_equal(buf_str(&errs),
			    "h.csv:1: header: cột lặp lại / repeated column(s): code\n");
	/*
	 * 65 columns, 51 of them empty: the 50 read (fields 15 to 64 of the 64
	 * kept) are listed as "", then the count, digits as they are.
	 */
	char head[256], want[512];
	snprintf(head, sizeof(head),
		 "code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,"
		 "employees,opened_year,closed_year,status%51s\n",
		 "");
	for (char *p = head; *p != '\0'; p++)
		if (*p == ' ')
			*p = ',';
	int o = snprintf(want, sizeof(want),
			 "h.csv:1: header: cột không xác định / unknown "
			 "column(s): ");
	for (int i = 0; i < 50; i++)
		o += snprintf(want + o, sizeof(want) - (size_t)o, "\"\", ");
	snprintf(want + o, sizeof(want) - (size_t)o, "(65 cột / 65 columns)\n");
	assert_int_equal(imp(CSVIO_FACILITIES, "h.csv", head, NULL), 1);
	assert_string_equal(buf_str(&errs), want);
	/* Columns may come in any order. */
	assert_int_equal(imp(CSVIO_FACILITIES, "h.csv",
			     "status,closed_year,opened_year,employees,size,ownership,lon,lat,"
			     "address,admin_unit,sector,name,tax_code,code\n"
			     "active,,,,small,private,,,,rach-gia,1020,X,,G1\n",
			     &(struct csvio_opts){.dry_run = 1}),
			 0);
	assert_string_equal(buf_str(&errs), "");
}

static void
test_all_bad_rows_reported(void **state)
{
	(void)state;
	char *before = fx_export(db, CSVIO_FACILITIES, 0);
	assert_int_equal(imp(CSVIO_FACILITIES, "three.csv",
			     FX_FH "G1,,X,9999,rach-gia,,,,private,small,,,,active\n"
				   "G2,,X,1020,rach-gia,,,,private,small,,,,active\n"
				   "G3,,X,1020,rach-gia,,,,privat,small,,,,active\n"
				   "G4,,X,1020,rach-gia,,,,private,small,,,,active\n"
				   "G5,,X,1020,rach-gia,,,,private,small,x,,,active\n",
			     NULL),
			 1);
	assert_string_equal(
	    buf_str(&errs),
	    "three.csv:2: sector: mã ngành không tồn tại / unknown sector code "
	    "'9999'\n"
	    "three.csv:4: ownership: loại hình sở hữu không hợp lệ / invalid "
	    "ownership 'privat' (state|private|fdi|household|cooperative)\n"
	    "three.csv:6: employees: số lao động phải là số nguyên / employees must "
	    "be a whole number, got 'x'\n");
	assert_int_equal(st.errors, 3);
	assert_int_equal(st.rows, 5);
	/* G2 and G4 were good but the file failed: neither was written. */
	char *after = fx_export(db, CSVIO_FACILITIES, 0);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void
test_dry_run(void **state)
{
	(void)state;
	char *before = fx_export(db, CSVIO_REPORTS, 0);
	int64_t gen = generation();
	struct csvio_opts o = {.dry_run = 1};
	assert_int_equal(imp(CSVIO_REPORTS, "dry.csv",
			     FX_RH "F3,2024,draft,,,,,energy,electricity,,1,100,kWh,\n"
				   "F3,2024,draft,,,,,energy,electricity,,2,100,kWh,\n",
			     &o),
			 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.rows, 2);
	char *after = fx_export(db, CSVIO_REPORTS, 0);
	assert_string_equal(after, before);
	assert_int_equal(generation(), gen);
	free(before);
	free(after);
}

static void
test_quotes_bom_crlf(void **state)
{
	(void)state;
	/* A BOM, a quoted field with a comma and a newline (lines 2–3), then a
	 * bad row that starts on physical line 4. */
	assert_int_equal(imp(CSVIO_FACILITIES, "q.csv",
			     "\xef\xbb\xbf" FX_FH "Q1,,\"Cơ sở \"\"Q\"\", một\",1020,rach-gia,\"12 "
			     "Trần Phú,\nRạch Giá\",,,private,small,,,,active\n"
			     "Q2,,X,9999,rach-gia,,,,private,small,,,,active\n",
			     NULL),
			 1);
	assert_string_equal(
	    buf_str(&errs),
	    "q.csv:4: sector: mã ngành không tồn tại / unknown sector code '9999'\n");
	/* CRLF line ends count the same. */
	assert_int_equal(imp(CSVIO_FACILITIES, "crlf.csv",
			     "code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,"
			     "employees,opened_year,closed_year,status\r\n"
			     "Q1,,\"a\r\nb\",1020,rach-gia,,,,private,small,,,,active\r\n"
			     "Q2,,X,1020,rach-gia,,,,private,tiny,,,,active\r\n",
			     NULL),
			 1);
	assert_string_equal(buf_str(&errs), "crlf.csv:4: size: quy mô không hợp lệ / invalid size "
					    "'tiny' (micro|small|medium|large)\n");
	/* An unterminated quote is reported on the line its row starts on. */
	assert_int_equal(
	    imp(CSVIO_FACILITIES, "open.csv",
		FX_FH "Q1,,\"never closed,1020,rach-gia,,,,private,small,,,,active\n\n", NULL),
	    1);
	assert_string_equal(buf_str(&errs),
			    "open.csv:2: row: thiếu dấu nháy đóng / unterminated quoted field\n");

	/* The good file imports, and the name keeps its quote, comma and newline. */
	assert_int_equal(imp(CSVIO_FACILITIES, "q.csv",
			     "\xef\xbb\xbf" FX_FH "Q1,,\"Cơ sở \"\"Q\"\", một\",1020,rach-gia,\"12 "
			     "Trần Phú,\nRạch Giá\",,,private,small,,,,active\n",
			     NULL),
			 0);
	assert_int_equal(st.inserted, 1);
	char *e = fx_export(db, CSVIO_FACILITIES, 0);
	assert_non_null(strstr(e, "Q1,,\"Cơ sở \"\"Q\"\", một\",1020,rach-gia,\"12 Trần Phú,\nRạch "
				  "Giá\",,,private,small,,,,active\n"));
	free(e);
}

static void
test_update_and_replace(void **state)
{
	(void)state;
	int64_t gen = generation();
	/* Without --update an existing code is refused; with it the row updates. */
	const char *text = FX_FH "F3,,Công ty Ba mới,1701,ha-tien,,,,state,large,120,,,active\n";
	assert_int_equal(imp(CSVIO_FACILITIES, "u.csv", text, NULL), 1);
	assert_int_equal(imp(CSVIO_FACILITIES, "u.csv", text, &(struct csvio_opts){.update = 1}),
			 0);
	assert_int_equal(st.updated, 1);
	assert_int_equal(st.inserted, 0);
	assert_int_equal(generation(), gen + 1);
	char *e = fx_export(db, CSVIO_FACILITIES, 0);
	assert_non_null(
	    strstr(e, "\nF3,,Công ty Ba mới,1701,ha-tien,,,,state,large,120,,,active\n"));
	free(e);

	/* --replace swaps the lines of F2's 2022 report; water in litres is
	 * stored in m3: 2500 L × 0.001 = 2.5 m3. */
	assert_int_equal(imp(CSVIO_REPORTS, "r.csv",
			     FX_RH "F2,2022,submitted,1,,,,water,tap,,,2500,L,\n"
				   "F2,2022,submitted,1,,,,energy,rice_husk,,,12.5,t,3000000\n",
			     &(struct csvio_opts){.replace = 1}),
			 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.updated, 1);
	assert_int_equal(st.inserted, 0);
	assert_int_equal(st.lines, 2);
	e = fx_export(db, CSVIO_REPORTS, 0);
	assert_non_null(strstr(e, "F2,2022,submitted,1,,,,energy,rice_husk,,,12.5,t,3000000\n"
				  "F2,2022,submitted,1,,,,water,tap,,,2.5,m3,\n"));
	assert_null(strstr(e, "F2,2022,accepted"));
	free(e);
}

/*
 * Monthly output: an output row with a month is that month's detail of
 * the product (report_output_month, in the product's unit), beside the
 * yearly row with an empty month.
 */
static void
test_monthly_output(void **state)
{
	(void)state;
	static const struct bad_case c[] = {
	    {"F1,2023,draft,1,0,,1,output,,frozen_shrimp,13,10,t,",
	     "month: tháng phải từ 1 đến 12 / month must be between 1 and 12, got '13'"},
	    {"F1,2023,draft,1,0,,1,output,,frozen_shrimp,0,10,t,",
	     "month: tháng phải từ 1 đến 12 / month must be between 1 and 12, got '0'"},
	    /* the same product and month as line 2, in another unit */
	    {"F1,2023,draft,1,0,,1,output,,frozen_shrimp,3,11000,kg,",
	     "line: trùng với dòng 2 (cùng facility_code, year, line, item, product, month) / "
	     "duplicate of line 2 (same facility_code, year, line, item, product, month)"},
	    {"F1,2023,draft,1,0,,1,output,,frozen_shrimp,4,10,m3,",
	     "unit: đơn vị tính không quy đổi được sang đơn vị của sản phẩm ('t') / unit 'm3' "
	     "does not convert to the product's unit 't'"},
	    {"F1,2023,draft,1,0,,1,output,,frozen_shrimp,4,10,t,7",
	     "cost_vnd: chi phí (đồng) phải để trống với loại dòng 'output' / cost (VND) must be "
	     "empty for line 'output'"},
	};
	run_cases(CSVIO_REPORTS, FX_RH, "F1,2023,draft,1,0,,1,output,,frozen_shrimp,3,10,t,\n",
		  "reports.csv", c, sizeof(c) / sizeof(c[0]));

	/* 500 kg × 0.001 (kg to_base) / 1 (t to_base) = 0.5 t, exported after the yearly row. */
	assert_int_equal(imp(CSVIO_REPORTS, "m.csv",
			     FX_RH "F3,2024,draft,,,,,output,,frozen_catfish,2,0.75,t,\n"
				   "F3,2024,draft,,,,,output,,frozen_catfish,1,500,kg,\n"
				   "F3,2024,draft,,,,,output,,frozen_catfish,,100,t,\n",
			     NULL),
			 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.lines, 3);
	char *e = fx_export(db, CSVIO_REPORTS, 0);
	assert_non_null(strstr(e, "\nF3,2024,draft,,,,,output,,frozen_catfish,,100,t,\n"
				  "F3,2024,draft,,,,,output,,frozen_catfish,1,0.5,t,\n"
				  "F3,2024,draft,,,,,output,,frozen_catfish,2,0.75,t,\n"));
	free(e);

	/* --replace replaces the monthly rows too: month 1 stays away. */
	assert_int_equal(imp(CSVIO_REPORTS, "m.csv",
			     FX_RH "F3,2024,draft,,,,,output,,frozen_catfish,,100,t,\n"
				   "F3,2024,draft,,,,,output,,frozen_catfish,2,0.8,t,\n",
			     &(struct csvio_opts){.replace = 1}),
			 0);
	e = fx_export(db, CSVIO_REPORTS, 0);
	assert_non_null(strstr(e, "\nF3,2024,draft,,,,,output,,frozen_catfish,,100,t,\n"
				  "F3,2024,draft,,,,,output,,frozen_catfish,2,0.8,t,\n"));
	assert_null(strstr(e, "frozen_catfish,1,"));
	free(e);
}

/*
 * Monthly energy lines are the detail of the yearly line (docs/analytics.md):
 * 12 x 275,000 kWh = 3,300,000 kWh agrees with a yearly 3,300,000 kWh (or
 * 3,300 MWh), and disagrees with a yearly 3,000,000 kWh: an error on the
 * yearly line (line 2) naming the carrier, and nothing written.
 */
static void
test_monthly_energy(void **state)
{
	(void)state;
	char text[4096], *before = fx_export(db, CSVIO_REPORTS, 0);
	size_t o = (size_t)snprintf(text, sizeof(text),
				    FX_RH "F1,2021,draft,,,,,energy,electricity,,,3000000,kWh,\n");
	for (int m = 1; m <= 12; m++)
		o += (size_t)snprintf(text + o, sizeof(text) - o,
				      "F1,2021,draft,,,,,energy,electricity,,%d,275000,kWh,\n", m);
	assert_int_equal(imp(CSVIO_REPORTS, "months.csv", text, NULL), 1);
	assert_string_equal(
	    buf_str(&errs),
	    "months.csv:2: quantity: electricity: các dòng theo tháng cộng lại 3.300.000 kWh, khác "
	    "số cả năm 3.000.000 kWh (các tháng là chi tiết của số cả năm) / electricity: the "
	    "monthly lines add up to 3,300,000 kWh, not the yearly 3,000,000 kWh (the months are "
	    "the detail of the year's figure)\n");
	char *after = fx_export(db, CSVIO_REPORTS, 0);
	assert_string_equal(after, before);
	free(after);

	/* The same months under a yearly 3,300 MWh: they agree. */
	o = (size_t)snprintf(text, sizeof(text),
			     FX_RH "F1,2021,draft,,,,,energy,electricity,,,3300,MWh,\n");
	for (int m = 1; m <= 12; m++)
		o += (size_t)snprintf(text + o, sizeof(text) - o,
				      "F1,2021,draft,,,,,energy,electricity,,%d,275000,kWh,\n", m);
	assert_int_equal(imp(CSVIO_REPORTS, "months.csv", text, NULL), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.lines, 13);
	free(before);
}

/*
 * Hard plausibility limits (data/plausibility.csv), as the form and the
 * API apply them: 9 x 10^14 kWh for a year (line 2) is above electricity's
 * 2.8 x 10^10 kWh, and 2,333,333,334 kWh in one month (line 3) above a
 * twelfth of it, 2,333,333,333.33; both rows are reported, in file order,
 * and nothing is written although line 4 is good.  Exactly at the limit,
 * and 1,000,000 t of ice (ice's limit), the file is accepted.
 */
static void
test_plausibility(void **state)
{
	(void)state;
	char *before = fx_export(db, CSVIO_REPORTS, 0);
	int64_t gen = generation();
	assert_int_equal(imp(CSVIO_REPORTS, "big.csv",
			     FX_RH "F1,2019,draft,,,,,energy,electricity,,,9e14,kWh,\n"
				   "F1,2018,draft,,,,,energy,electricity,,3,2333333334,kWh,\n"
				   "F1,2017,draft,,,,,output,,ice,,1000,t,\n",
			     NULL),
			 1);
	assert_string_equal(
	    buf_str(&errs),
	    "big.csv:2: quantity: số lượng của electricity là 900.000.000.000.000,00 kWh, vượt "
	    "giới hạn 28.000.000.000,00 kWh một năm mà một cơ sở có thể có: hãy kiểm tra lại số "
	    "và đơn vị / quantity of electricity is 900,000,000,000,000.00 kWh, above "
	    "28,000,000,000.00 kWh, the most a single facility could report in a year: check the "
	    "number and its unit\n"
	    "big.csv:3: quantity: số lượng của electricity là 2.333.333.334,00 kWh, vượt giới hạn "
	    "2.333.333.333,33 kWh một tháng (một phần mười hai giới hạn năm) mà một cơ sở có thể "
	    "có: hãy kiểm tra lại số và đơn vị / quantity of electricity is 2,333,333,334.00 kWh, "
	    "above 2,333,333,333.33 kWh, the most a single facility could report in a month (a "
	    "twelfth of the yearly limit): check the number and its unit\n");
	assert_int_equal(st.errors, 2);
	char *after = fx_export(db, CSVIO_REPORTS, 0);
	assert_string_equal(after, before);
	assert_int_equal(generation(), gen);
	free(after);
	free(before);

	assert_int_equal(imp(CSVIO_REPORTS, "edge.csv",
			     FX_RH "F1,2019,draft,,,,,energy,electricity,,,28000000000,kWh,\n"
				   "F1,2019,draft,,,,,output,,ice,,1000000,t,\n",
			     NULL),
			 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.lines, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_facility_rules),
	    cmocka_unit_test(test_report_rules),
	    cmocka_unit_test(test_header),
	    cmocka_unit_test(test_all_bad_rows_reported),
	    cmocka_unit_test(test_dry_run),
	    cmocka_unit_test(test_quotes_bom_crlf),
	    cmocka_unit_test(test_update_and_replace),
	    cmocka_unit_test(test_monthly_output),
	    cmocka_unit_test(test_monthly_energy),
	    cmocka_unit_test(test_plausibility),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
