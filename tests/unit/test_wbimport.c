/*
 * Unit tests for model/survey/wbimport: a workbook in the layout of
 * docs/workbook-format.md is written here with libxlsxwriter from literal
 * cells, imported (also after LibreOffice saved it again), and the stored
 * reports are compared, through the CSV export (docs/csv-formats.md), with
 * the values worked out by hand from the cells.  Every error kind is
 * checked with its exact cell; a dry run writes nothing, accepted reports
 * are untouched, one bad cell keeps the whole file out.
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

#include "db/db.h"
#include "fixture.h"
#include "model/survey/wbimport.h"
#include "soffice.h"
#include "testutil.h"
#include "util/buf.h"

/* ---- writing a workbook in the layout ---- */

/* A sheet: its name, its keys (row 2), and its data rows (row 4 on), NULL-terminated. */
#define MAXC 20
struct wsheet {
	const char *name;
	const char *keys[MAXC];
	const char *rows[16][MAXC]; /* "#12.5" is a number cell, other text a text cell */
};

/*
 * Writes the workbook path: each sheet's title in row 1, its keys in the
 * hidden row 2, the keys again as headers in row 3 (the reader must not
 * care what the headers say), its rows from row 4; then the hidden _sxsh
 * sheet with meta[0..5] in A1..A6 (meta NULL: no _sxsh).
 */
static void
write_wb(const char *path, const struct wsheet *sheets, int n, const char *const *meta)
{
	lxw_workbook *wb = workbook_new(path);
	assert_non_null(wb);
	lxw_row_col_options hidden = {.hidden = 1};
	for (int s = 0; s < n; s++) {
		lxw_worksheet *ws = workbook_add_worksheet(wb, sheets[s].name);
		worksheet_write_string(ws, 0, 0, "Khảo sát năm 2025", NULL);
		for (int c = 0; c < MAXC && sheets[s].keys[c] != NULL; c++) {
			worksheet_write_string(ws, 1, (lxw_col_t)c, sheets[s].keys[c], NULL);
			worksheet_write_string(ws, 2, (lxw_col_t)c, sheets[s].keys[c], NULL);
		}
		worksheet_set_row_opt(ws, 1, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
		for (int r = 0; r < 16 && sheets[s].rows[r][0] != NULL; r++)
			for (int c = 0; c < MAXC && sheets[s].keys[c] != NULL; c++) {
				const char *v = sheets[s].rows[r][c];
				if (v == NULL || v[0] == '\0')
					continue;
				if (v[0] == '#')
					worksheet_write_number(ws, (lxw_row_t)(r + 3), (lxw_col_t)c,
							       strtod(v + 1, NULL), NULL);
				else
					worksheet_write_string(ws, (lxw_row_t)(r + 3), (lxw_col_t)c,
							       v, NULL);
			}
	}
	if (meta != NULL) {
		lxw_worksheet *ws = workbook_add_worksheet(wb, "_sxsh");
		for (int i = 0; i < 6; i++)
			if (meta[i][0] == '#')
				worksheet_write_number(ws, (lxw_row_t)i, 0,
						       strtod(meta[i] + 1, NULL), NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)i, 0, meta[i], NULL);
		worksheet_hide(ws);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static const char *const meta2025[6] = {"sxsh-workbook", "#1",	   "#7",
					"#2025",	 "report", "unit:rach-gia"};

/* The sheets of a good workbook for F1 (draft none), F2 (a draft) and F3 (accepted). */
static const struct wsheet good[] = {
    {"Cơ sở",
     {"facility_code", "facility_name", "tax_code", "unit", "sector", "submit"},
     {{"F1", "Công ty Một", "1701234569", "Rạch Giá", "1020", "Có"},
      {"F2", "Hộ Hai", "", "Tân Hiệp", "1061", ""},
      {"F3", "Công ty Ba", "", "Hà Tiên", "1701", "Có"}}},
    {"Sản phẩm",
     {"facility_code", "facility_name", "product", "quantity", "unit"},
     {{"F1", "Công ty Một", "frozen_shrimp", "#120.5", "tấn"},
      {"F2", "Hộ Hai", "gạo xay xát", "1.234,5", "t"},
      {"F3", "Công ty Ba", "gạo xay xát", "#9", "t"}}},
    /* keys in another order than the writer's, and a column inserted (notes) */
    {"Năng lượng",
     {"facility_code", "notes", "carrier", "unit", "quantity", "cost_vnd", "product", "m1", "m2"},
     {{"F1", "ghi chú", "Điện", "kWh", "", "#2000000", "", "#1000", "1.500"},
      {"F2", "", "TRAU", "tấn", "#30", "", "", "", ""}}},
    {"Nước",
     {"facility_code", "facility_name", "source", "quantity_m3", "cost_vnd"},
     {{"F1", "Công ty Một", "Nước máy", "#250", "#1500000"}}},
    {"Nguyên liệu",
     {"facility_code", "facility_name", "name", "quantity", "unit", "cost_vnd"},
     {{"F1", "Công ty Một", "Muối", "3,5", "t", ""}}},
    {"Tình trạng SXSH",
     {"facility_code", "facility_name", "cp_aware", "cp_staff", "cp_unit", "cp_applied"},
     {{"F1", "Công ty Một", "Có", "Không", "Chưa rõ", "có"}}},
};
#define NGOOD ((int)(sizeof good / sizeof good[0]))

static struct db *db;

/*
 * F1 rach-gia, F2 tan-hiep, F3 ha-tien; F2 has a 2025 draft with one
 * output line (to be replaced), F3 an accepted 2025 report.
 */
static int
setup(void **state)
{
	(void)state;
	db = fx_db_new("wbi.db", NULL);
	fx_import(db, CSVIO_FACILITIES, "f.csv",
		  FX_FH "F1,1701234569,Công ty Một,1020,rach-gia,,,,private,small,50,2001,,active\n"
			"F2,091234567890,Hộ Hai,1061,tan-hiep,,,,household,micro,,,,active\n"
			"F3,,Công ty Ba,1701,ha-tien,,,,state,medium,,,,active\n");
	fx_import(db, CSVIO_REPORTS, "r.csv",
		  FX_RH "F2,2025,draft,,,,,output,,milled_rice,,1,t,\n"
			"F3,2025,accepted,1,1,1,1,output,,milled_rice,,5,t,\n");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(db);
	return 0;
}

/* Imports path as the system; returns the result code, res filled. */
static int
import(const char *path, int dry_run, int year, struct wbimport_result *res)
{
	struct wbimport_opts o = {.dry_run = dry_run, .year = year, .name = "so-lieu.xlsx"};
	return wbimport_path(db, NULL, path, (enum sheetread_format)sheetread_format_of(path), &o,
			     res);
}

/* The errors of res as "SHEET!CELL: vi\n" lines. */
static char *
errors_of(const struct wbimport_result *res)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	for (int i = 0; i < res->nerr; i++)
		buf_printf(&b, "%s!%s: %s\n", res->err[i].sheet, res->err[i].cell, res->err[i].vi);
	char *s = buf_detach(&b, NULL);
	return s ? s : strdup("");
}

/*
 * What the good workbook stores, by hand from its cells:
 *   F1: CP 1,0,unknown,1 (Có, Không, Chưa rõ, có); output frozen_shrimp
 *   120.5 t ("tấn" is t); electricity by month: m1 1000 kWh with the
 *   year's cost 2,000,000 on the first month's line, m2 "1.500" read the
 *   Vietnamese way = 1500 kWh; water tap 250 m3, cost 1,500,000; material
 *   Muối "3,5" = 3.5 t.  Submitted (Có).
 *   F2: its draft's line replaced: milled_rice "1.234,5" = 1234.5 t
 *   ("gạo xay xát" without capitals is the name Gạo xay xát); rice_husk
 *   ("TRAU" folds to Trấu) 30 t.  Still a draft (submit empty).
 *   F3: accepted, untouched (its 5 t stay, not the file's 9).
 */
static const char *want_2025 =
    FX_RH "F1,2025,submitted,1,0,,1,output,,frozen_shrimp,,120.5,t,\n"
	  "F1,2025,submitted,1,0,,1,energy,electricity,,1,1000,kWh,2000000\n"
	  "F1,2025,submitted,1,0,,1,energy,electricity,,2,1500,kWh,\n"
	  "F1,2025,submitted,1,0,,1,water,tap,,,250,m3,1500000\n"
	  "F1,2025,submitted,1,0,,1,material,Muối,,,3.5,t,\n"
	  "F2,2025,draft,,,,,output,,milled_rice,,1234.5,t,\n"
	  "F2,2025,draft,,,,,energy,rice_husk,,,30,t,\n"
	  "F3,2025,accepted,1,1,1,1,output,,milled_rice,,5,t,\n";
static const char *want_before = FX_RH "F2,2025,draft,,,,,output,,milled_rice,,1,t,\n"
				       "F3,2025,accepted,1,1,1,1,output,,milled_rice,,5,t,\n";

static void
check_plan(const struct wbimport_result *res)
{
	assert_int_equal(res->year, 2025);
	assert_int_equal(res->campaign_id, 7);
	/* F1 new and submitted, F2 updated, F3 untouched */
	assert_int_equal(res->nitem, 3);
	assert_string_equal(res->item[0].code, "F1");
	assert_int_equal(res->item[0].action, WBIMPORT_NEW);
	assert_int_equal(res->item[0].submit, 1);
	assert_string_equal(res->item[1].code, "F2");
	assert_int_equal(res->item[1].action, WBIMPORT_UPDATE);
	assert_int_equal(res->item[1].submit, 0);
	assert_string_equal(res->item[1].name, "Hộ Hai");
	assert_string_equal(res->item[2].code, "F3");
	assert_int_equal(res->item[2].action, WBIMPORT_UNTOUCHED);
	assert_int_equal(res->item[2].state, WF_ACCEPTED);
	assert_int_equal(res->item[2].submit, 0);
	assert_int_equal(res->n_new, 1);
	assert_int_equal(res->n_update, 1);
	assert_int_equal(res->n_submit, 1);
	assert_int_equal(res->n_untouched, 1);
}

static void
run_good(const char *path)
{
	struct wbimport_result res;
	/* the dry run plans and writes nothing */
	int rc = import(path, 1, 0, &res);
	char *e = errors_of(&res);
	assert_string_equal(e, "");
	free(e);
	assert_int_equal(rc, WBIMPORT_OK);
	check_plan(&res);
	wbimport_result_free(&res);
	fx_assert_export(db, CSVIO_REPORTS, want_before);

	rc = import(path, 0, 0, &res);
	assert_int_equal(rc, WBIMPORT_OK);
	check_plan(&res);
	wbimport_result_free(&res);
	fx_assert_export(db, CSVIO_REPORTS, want_2025);
	/* the audit names the file, for the report created and the one updated */
	char *n = tu_query_text("wbi.db", "SELECT count(*) FROM audit WHERE action = "
					  "'import_workbook' AND after_json LIKE '%so-lieu.xlsx%'");
	assert_string_equal(n, "2");
	free(n);
}

/* Puts the database back as setup left it. */
static void
reset(void)
{
	assert_int_equal(
	    db_exec(db, "DELETE FROM doc_event; DELETE FROM report_explanation; "
			"DELETE FROM report_output; DELETE FROM report_energy; "
			"DELETE FROM report_water; DELETE FROM report_material; "
			"DELETE FROM report; DELETE FROM registration; DELETE FROM audit;"),
	    DB_OK);
	fx_import(db, CSVIO_REPORTS, "r.csv",
		  FX_RH "F2,2025,draft,,,,,output,,milled_rice,,1,t,\n"
			"F3,2025,accepted,1,1,1,1,output,,milled_rice,,5,t,\n");
}

static void
test_good(void **state)
{
	(void)state;
	const char *path = tu_path("good.xlsx");
	write_wb(path, good, NGOOD, meta2025);
	run_good(path);
	reset();
}

/* The same workbook saved again by LibreOffice (xlsx, ods, xls) imports the same. */
static void
test_good_libreoffice(void **state)
{
	(void)state;
	char src[512], dir[512];
	snprintf(src, sizeof src, "%s", tu_path("good.xlsx"));
	snprintf(dir, sizeof dir, "%s", tu_path("lo"));
	write_wb(src, good, NGOOD, meta2025);
	char *x = so_convert(src, "xlsx", dir);
	run_good(x);
	reset();
	char *o = so_convert(src, "ods", dir);
	run_good(o);
	reset();
	/* .xls through libfreexl: hidden sheets are not told apart, _sxsh is found by name */
	char *xl = so_convert(src, "xls", dir);
	run_good(xl);
	reset();
	free(x);
	free(o);
	free(xl);
}

/* Every error kind, each at its cell, and nothing written. */
static void
test_errors(void **state)
{
	(void)state;
	static const struct wsheet bad[] = {
	    {"Cơ sở",
	     {"facility_code", "facility_name", "submit"},
	     {{"F1", "", "có lẽ"}, {"F9", "", "x"}, {"F1", "", "Có"}}},
	    {"Sản phẩm",
	     {"facility_code", "facility_name", "product", "quantity", "unit"},
	     {{"F1", "", "Bánh kẹo", "12,5,3", "t"},
	      {"", "", "frozen_shrimp", "#1", "t"},
	      {"F2", "", "milled_rice", "#-4", "t"}}},
	    {"Năng lượng",
	     {"facility_code", "carrier", "unit", "quantity", "m1", "m2"},
	     {{"F1", "Điện", "kWh", "#300", "#100", "#150"}, {"F1", "Điện", "kWh", "abc", "", ""}}},
	    {"Nước", {"facility_code", "source", "cost_vnd"}, {{"F2", "Nước máy", "#5"}}},
	    {"Tình trạng SXSH", {"facility_code", "cp_aware"}, {{"F1", "Hình như"}}},
	};
	const char *path = tu_path("bad.xlsx");
	write_wb(path, bad, 5, meta2025);
	struct wbimport_result res;
	int rc = import(path, 0, 0, &res);
	assert_int_equal(rc, WBIMPORT_ERRORS);
	char *e = errors_of(&res);
	/*
	 * By sheet (workbook order), row, column:
	 *   Cơ sở!C4   "có lẽ" is not a submit value
	 *   Cơ sở!A5   no facility F9
	 *   Cơ sở!A6   F1 twice (first at row 4)
	 *   Sản phẩm!C4  "Bánh kẹo" is no product; D4 "12,5,3" no number
	 *   Sản phẩm!A5  a filled row without a code
	 *   Sản phẩm!D6  -4: report_validate's negative quantity (F2 has no error
	 *                of its own cells, so its report is validated; F1's is not)
	 *   Năng lượng!D4  300 is not 100 + 150 = 250; D5 "abc", said once
	 *   Nước!A2      the key row lacks quantity_m3
	 *   Tình trạng SXSH!B4  "Hình như" is not Có/Không/Chưa rõ
	 */
	const char *want =
	    "Cơ sở!C4: \"có lẽ\": ghi Có để nộp, để trống để lưu nháp\n"
	    "Cơ sở!A5: không có cơ sở nào mã F9\n"
	    "Cơ sở!A6: cơ sở F1 đã có một dòng ở hàng 4 của trang này\n"
	    "Sản phẩm!C4: \"Bánh kẹo\" không có trong danh mục sản phẩm\n"
	    "Sản phẩm!D4: \"12,5,3\" không phải là số (viết 12.500 hoặc 3,5)\n"
	    "Sản phẩm!A5: dòng có số liệu nhưng thiếu mã cơ sở\n"
	    "Sản phẩm!D6: NEGATIVE\n"
	    "Năng lượng!D4: lượng cả năm 300 khác tổng các tháng 250; để trống hoặc sửa lại\n"
	    "Năng lượng!D5: \"abc\" không phải là số (viết 12.500 hoặc 3,5)\n"
	    "Nước!A2: thiếu cột quantity_m3 ở hàng khoá (hàng 2, ẩn)\n"
	    "Tình trạng SXSH!B4: \"Hình như\": hãy ghi Có, Không hoặc Chưa rõ\n";
	/* the negative quantity's words are report_validate's: only the cell is ours */
	const char *neg = strstr(e, "Sản phẩm!D6: ");
	if (neg == NULL)
		fail_msg("%s", e);
	/* quantities are 0 or more (csv-formats.md): the message says so */
	assert_memory_equal(neg + strlen("Sản phẩm!D6: "), "sản lượng phải từ 0",
			    strlen("sản lượng phải từ 0"));
	char *got = strdup(e);
	char *p = strstr(got, "Sản phẩm!D6: ") + strlen("Sản phẩm!D6: ");
	char *nl = strchr(p, '\n');
	memmove(p + strlen("NEGATIVE"), nl, strlen(nl) + 1);
	memcpy(p, "NEGATIVE", strlen("NEGATIVE"));
	assert_string_equal(got, want);
	free(got);
	free(e);
	wbimport_result_free(&res);
	fx_assert_export(db, CSVIO_REPORTS, want_before);
}

/*
 * A submission the report form would refuse: 50,000,000 kWh for 400 t of
 * frozen shrimp is 125,000 kWh/t, some 61 times the legal norm of 2,050
 * kWh/t for plants of 300 t or more (TT 52/2018), a plausibility warning; with no explanation
 * stored, submit = Có is an error on F1's submit cell (Cơ sở!F4), the report is not written.  The
 * words are the form's (MSG_FORM_EXPLAIN_MISSING).
 */
static void
test_submit_refused(void **state)
{
	(void)state;
	struct wsheet s[2] = {good[0], good[1]};
	memset(s[0].rows[1], 0, sizeof s[0].rows[1]); /* F1 only */
	memset(s[1].rows[1], 0, sizeof s[1].rows[1]);
	s[1].rows[0][3] = "#400";
	static const struct wsheet en = {"Năng lượng",
					 {"facility_code", "carrier", "quantity", "unit"},
					 {{"F1", "Điện", "#50000000", "kWh"}}};
	struct wsheet all[3] = {s[0], s[1], en};
	const char *path = tu_path("warn.xlsx");
	write_wb(path, all, 3, meta2025);
	struct wbimport_result res;
	assert_int_equal(import(path, 0, 0, &res), WBIMPORT_ERRORS);
	assert_true(res.nerr >= 1);
	for (int i = 0; i < res.nerr; i++) {
		assert_string_equal(res.err[i].sheet, "Cơ sở");
		assert_string_equal(res.err[i].cell, "F4");
		const char *want = "Hãy giải thích cảnh báo trước khi nộp: ";
		assert_memory_equal(res.err[i].vi, want, strlen(want));
	}
	wbimport_result_free(&res);
	fx_assert_export(db, CSVIO_REPORTS, want_before);
	/* the same without submit = Có is a draft: nothing refused */
	all[0].rows[0][5] = "";
	write_wb(path, all, 3, meta2025);
	assert_int_equal(import(path, 1, 0, &res), WBIMPORT_OK);
	assert_int_equal(res.n_new, 1);
	assert_int_equal(res.n_submit, 0);
	wbimport_result_free(&res);
	reset();
}

/*
 * 10,005 rows of unknown facilities: 10,005 problems, of which the first
 * WBIMPORT_ERRORS_MAX (10,000) are kept and 5 counted, so a hostile file
 * cannot make the list grow without bound.
 */
static void
test_many_errors(void **state)
{
	(void)state;
	const char *path = tu_path("many.xlsx");
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Sản phẩm");
	const char *keys[] = {"facility_code", "facility_name", "product", "quantity", "unit"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, keys[c], NULL);
	char code[16];
	for (int r = 0; r < 10005; r++) {
		snprintf(code, sizeof code, "X%d", r);
		worksheet_write_string(ws, (lxw_row_t)(3 + r), 0, code, NULL);
		worksheet_write_number(ws, (lxw_row_t)(3 + r), 3, 1, NULL);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	struct wbimport_result res;
	assert_int_equal(import(path, 1, 2025, &res), WBIMPORT_ERRORS);
	assert_int_equal(res.nerr, WBIMPORT_ERRORS_MAX);
	assert_int_equal(res.more, 5);
	assert_string_equal(res.err[0].sheet, "Sản phẩm");
	assert_int_equal(res.err[0].col, 1);
	wbimport_result_free(&res);
}

/* One bad cell among good ones: nothing of the file is written. */
static void
test_all_or_nothing(void **state)
{
	(void)state;
	struct wsheet s[NGOOD];
	memcpy(s, good, sizeof s);
	s[3].rows[0][3] = "nhiều"; /* Nước!D4 */
	const char *path = tu_path("one_bad.xlsx");
	write_wb(path, s, NGOOD, meta2025);
	struct wbimport_result res;
	assert_int_equal(import(path, 0, 0, &res), WBIMPORT_ERRORS);
	char *e = errors_of(&res);
	assert_string_equal(e, "Nước!D4: \"nhiều\" không phải là số (viết 12.500 hoặc 3,5)\n");
	free(e);
	wbimport_result_free(&res);
	fx_assert_export(db, CSVIO_REPORTS, want_before);
}

/* Without _sxsh the year comes from the caller; a different year is an error. */
static void
test_year(void **state)
{
	(void)state;
	const char *path = tu_path("noyear.xlsx");
	write_wb(path, good, 2, NULL);
	struct wbimport_result res;
	assert_int_equal(import(path, 1, 0, &res), WBIMPORT_ERRORS);
	char *e = errors_of(&res);
	assert_string_equal(e, "!: không biết bảng tính là của năm nào: hãy chọn năm\n");
	free(e);
	wbimport_result_free(&res);
	assert_int_equal(import(path, 1, 2025, &res), WBIMPORT_OK);
	assert_int_equal(res.year, 2025);
	assert_int_equal(res.n_new, 1);
	wbimport_result_free(&res);

	path = tu_path("year.xlsx");
	write_wb(path, good, 2, meta2025);
	assert_int_equal(import(path, 1, 2024, &res), WBIMPORT_ERRORS);
	e = errors_of(&res);
	assert_string_equal(e,
			    "_sxsh!A4: bảng tính là của năm 2025, không phải năm đã chọn 2024\n");
	free(e);
	wbimport_result_free(&res);
}

/* A district imports only its unit's facilities; an enterprise only its own. */
static void
test_scope(void **state)
{
	(void)state;
	char *unit = tu_query_text("wbi.db", "SELECT id FROM admin_unit WHERE code = 'rach-gia'");
	assert_int_equal(db_exec(db, "INSERT INTO app_user(id, email, name, role, password_hash, "
				     "created_at) VALUES (901, 'd@x.vn', 'D', 'district', 'x', "
				     "'2025-01-01 00:00:00')"),
			 DB_OK);
	struct principal district = {.user_id = 901,
				     .role = ROLE_DISTRICT,
				     .unit_id = strtoll(unit, NULL, 10),
				     .email = "d@x.vn"};
	const char *path = tu_path("scope.xlsx");
	write_wb(path, good, NGOOD, meta2025);
	struct wbimport_opts o = {.name = "scope.xlsx"};
	struct wbimport_result res;
	assert_int_equal(wbimport_path(db, &district, path, SHEETREAD_XLSX, &o, &res),
			 WBIMPORT_ERRORS);
	char *e = errors_of(&res);
	/*
	 * F2 (tan-hiep) and F3 (ha-tien) are outside rach-gia: an error at every
	 * code cell of a filled row (F2's Cơ sở row has nothing beyond its code
	 * and name, so it is not read)
	 */
	assert_string_equal(e, "Cơ sở!A6: cơ sở F3 không thuộc phạm vi bạn được nhập\n"
			       "Sản phẩm!A5: cơ sở F2 không thuộc phạm vi bạn được nhập\n"
			       "Sản phẩm!A6: cơ sở F3 không thuộc phạm vi bạn được nhập\n"
			       "Năng lượng!A5: cơ sở F2 không thuộc phạm vi bạn được nhập\n");
	free(e);
	wbimport_result_free(&res);

	/* F1 alone: the district files it; the audit names the district user */
	const struct wsheet one[] = {good[0], good[1]};
	struct wsheet only[2];
	memcpy(only, one, sizeof only);
	memset(only[0].rows[1], 0, sizeof only[0].rows[1]);
	memset(only[1].rows[1], 0, sizeof only[1].rows[1]);
	path = tu_path("scope1.xlsx");
	write_wb(path, only, 2, meta2025);
	assert_int_equal(wbimport_path(db, &district, path, SHEETREAD_XLSX, &o, &res), WBIMPORT_OK);
	assert_int_equal(res.n_new, 1);
	assert_int_equal(res.n_submit, 1);
	wbimport_result_free(&res);
	char *who = tu_query_text("wbi.db", "SELECT actor FROM audit WHERE action = "
					    "'import_workbook' ORDER BY id DESC LIMIT 1");
	assert_string_equal(who, "d@x.vn");
	free(who);
	reset();

	assert_int_equal(db_exec(db,
				 "INSERT INTO app_user(id, email, name, role, password_hash, "
				 "created_at) VALUES (902, 'e@x.vn', 'E', 'enterprise', 'x', "
				 "'2025-01-01 00:00:00'); INSERT INTO facility_member(user_id, "
				 "facility_id, status, claimed_at) SELECT 902, id, 'confirmed', "
				 "'2025-01-01' FROM facility WHERE code = 'F1'"),
			 DB_OK);
	struct principal ent = {.user_id = 902, .role = ROLE_ENTERPRISE, .email = "e@x.vn"};
	path = tu_path("scope.xlsx");
	assert_int_equal(wbimport_path(db, &ent, path, SHEETREAD_XLSX, &o, &res), WBIMPORT_ERRORS);
	/* the same four cells as for the district: F2 and F3 are not the enterprise's */
	assert_int_equal(res.nerr, 4);
	assert_string_equal(res.err[0].cell, "A6");
	wbimport_result_free(&res);
	free(unit);
}

/* The confirm of a preview: the same plan writes; a changed one is refused. */
static void
test_expected(void **state)
{
	(void)state;
	const char *path = tu_path("exp.xlsx");
	write_wb(path, good, NGOOD, meta2025);
	struct wbimport_result res;
	assert_int_equal(import(path, 1, 0, &res), WBIMPORT_OK);
	char fp[17];
	snprintf(fp, sizeof fp, "%s", res.fingerprint);
	wbimport_result_free(&res);
	/* F2's draft changes meanwhile (its version moves on) */
	assert_int_equal(db_exec(db, "UPDATE report SET version = version + 1 WHERE facility_id = "
				     "(SELECT id FROM facility WHERE code = 'F2')"),
			 DB_OK);
	struct wbimport_opts o = {.name = "exp.xlsx", .expected = fp};
	assert_int_equal(wbimport_path(db, NULL, path, SHEETREAD_XLSX, &o, &res), WBIMPORT_CHANGED);
	assert_string_not_equal(res.fingerprint, fp);
	snprintf(fp, sizeof fp, "%s", res.fingerprint);
	wbimport_result_free(&res);
	fx_assert_export(db, CSVIO_REPORTS, want_before);
	assert_int_equal(wbimport_path(db, NULL, path, SHEETREAD_XLSX, &o, &res), WBIMPORT_OK);
	wbimport_result_free(&res);
	fx_assert_export(db, CSVIO_REPORTS, want_2025);
	reset();
}

/* sxsh import workbook: errors as FILE: SHEET!CELL: reason, exit 1; the dry run's plan. */
static void
test_cli(void **state)
{
	(void)state;
	char path[512], cmd[2048];
	snprintf(path, sizeof path, "%s", tu_path("cli.xlsx"));
	write_wb(path, good, NGOOD, meta2025);
	char *out = NULL, *err = NULL;
	snprintf(cmd, sizeof cmd, "%s import workbook '%s' --dry-run --db '%s'", tu_sxsh(), path,
		 tu_db_url("wbi.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_string_equal(
	    out, "Xem trước, chưa ghi (--dry-run): 1 tạo mới, 1 cập nhật, 1 nộp, 1 giữ "
		 "nguyên / Preview, nothing written (--dry-run): 1 new, 1 updated, 1 "
		 "submitted, 1 left as they are\n"
		 "F1\tCông ty Một\tbáo cáo / report\ttạo mới / created, nộp / submitted\n"
		 "F2\tHộ Hai\tbáo cáo / report\tcập nhật bản nháp / draft updated (Nháp / Draft)\n"
		 "F3\tCông ty Ba\tbáo cáo / report\tgiữ nguyên / left as it is (Đã chấp nhận / "
		 "Accepted)\n");
	free(out);
	free(err);
	fx_assert_export(db, CSVIO_REPORTS, want_before);

	struct wsheet s[1] = {good[1]};
	s[0].rows[0][3] = "12,5,3";
	snprintf(path, sizeof path, "%s", tu_path("clibad.xlsx"));
	write_wb(path, s, 1, meta2025);
	snprintf(cmd, sizeof cmd, "%s import workbook '%s' --db '%s'", tu_sxsh(), path,
		 tu_db_url("wbi.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 1);
	char want[1024];
	snprintf(want, sizeof want,
		 "%s: Sản phẩm!D4: \"12,5,3\" không phải là số (viết 12.500 hoặc 3,5) / "
		 "\"12,5,3\" is not a number (write 12.500 or 3,5)\n",
		 path);
	assert_non_null(strstr(err, want));
	free(out);
	free(err);
}

/* ---- the round trip through the campaign writer (render/workbook.c) ---- */

struct rcell {
	int sheet, hidden, col;
	long row;
	enum sheetread_type type;
	char *text;
	double num;
};

struct rbook {
	char *names[32];
	int hidden[32], nsheets;
	struct rcell *c;
	int n, cap;
};

static int
keep_cells(void *ctx, const struct sheetread_sheet *sh, long row,
	   const struct sheetread_cell *cells, int ncells)
{
	struct rbook *b = ctx;
	if (sh->index >= 32)
		return 1;
	if (sh->index >= b->nsheets) {
		b->names[sh->index] = strdup(sh->name);
		b->hidden[sh->index] = sh->hidden;
		b->nsheets = sh->index + 1;
	}
	for (int i = 0; i < ncells; i++) {
		if (b->n == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 256;
			b->c = realloc(b->c, (size_t)b->cap * sizeof *b->c);
		}
		b->c[b->n++] = (struct rcell){sh->index,   sh->hidden,	  cells[i].col,
					      row,	   cells[i].type, strdup(cells[i].text),
					      cells[i].num};
	}
	return 0;
}

/* The column of key in row 2 of sheet s, 0 when none. */
static int
key_col(const struct rbook *b, int s, const char *key)
{
	for (int i = 0; i < b->n; i++)
		if (b->c[i].sheet == s && b->c[i].row == 2 && strcmp(b->c[i].text, key) == 0)
			return b->c[i].col;
	return 0;
}

/* The first row of sheet s from row 4 whose facility_code is code, 0 when none. */
static long
code_row(const struct rbook *b, int s, const char *code)
{
	int col = key_col(b, s, "facility_code");
	for (int i = 0; i < b->n; i++)
		if (b->c[i].sheet == s && b->c[i].row >= 4 && b->c[i].col == col &&
		    strcmp(b->c[i].text, code) == 0)
			return b->c[i].row;
	return 0;
}

struct fill {
	const char *sheet, *key, *text; /* "#…" a number */
};

/*
 * Writes the cells of b to path as they were (sheet order, hidden sheets,
 * text and numbers), with the fills f[0..n) put in F1's prefilled row of
 * their sheet at their key's column: filling the workbook as a person
 * would, by program.
 */
static void
refill(const struct rbook *b, const struct fill *f, int n, const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	for (int s = 0; s < b->nsheets; s++) {
		lxw_worksheet *ws = workbook_add_worksheet(wb, b->names[s]);
		for (int i = 0; i < b->n; i++) {
			const struct rcell *c = &b->c[i];
			if (c->sheet != s)
				continue;
			if (c->type == SHEETREAD_NUMBER)
				worksheet_write_number(ws, (lxw_row_t)(c->row - 1),
						       (lxw_col_t)(c->col - 1), c->num, NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(c->row - 1),
						       (lxw_col_t)(c->col - 1), c->text, NULL);
		}
		for (int k = 0; k < n; k++) {
			if (strcmp(f[k].sheet, b->names[s]) != 0)
				continue;
			int col = key_col(b, s, f[k].key);
			long row = code_row(b, s, "F1");
			if (col == 0 || row == 0)
				fail_msg("%s: no column %s or no row of F1", f[k].sheet, f[k].key);
			if (f[k].text[0] == '#')
				worksheet_write_number(ws, (lxw_row_t)(row - 1),
						       (lxw_col_t)(col - 1),
						       strtod(f[k].text + 1, NULL), NULL);
			else
				worksheet_write_string(ws, (lxw_row_t)(row - 1),
						       (lxw_col_t)(col - 1), f[k].text, NULL);
		}
		if (b->hidden[s])
			worksheet_hide(ws);
	}
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

/*
 * A district workbook from the campaign writer (`sxsh campaign workbook`),
 * filled by program, saved again by LibreOffice, imported: the stored
 * report and registration are the values filled.
 */
static void
test_campaign_roundtrip(void **state)
{
	(void)state;
	char cmd[2048], gen[512], filled[512], dir[512];
	char *out = NULL, *err = NULL;
	snprintf(cmd, sizeof cmd,
		 "%s campaign open --year 2025 --kind both --deadline 2026-03-31 --unit rach-gia "
		 "--db '%s'",
		 tu_sxsh(), tu_db_url("wbi.db"));
	if (tu_run(cmd, &out, &err) != 0)
		fail_msg("%s: %s", cmd, err);
	free(out);
	free(err);
	char *id = tu_query_text("wbi.db", "SELECT max(id) FROM campaign");
	snprintf(gen, sizeof gen, "%s", tu_path("district.xlsx"));
	snprintf(cmd, sizeof cmd, "%s campaign workbook %s --unit rach-gia -o '%s' --db '%s'",
		 tu_sxsh(), id, gen, tu_db_url("wbi.db"));
	if (tu_run(cmd, &out, &err) != 0)
		fail_msg("%s: %s", cmd, err);
	free(out);
	free(err);

	struct rbook b = {0};
	char e[256];
	assert_int_equal(sheetread_path(gen, SHEETREAD_XLSX, keep_cells, &b, e, sizeof e), 0);
	/*
	 * F1 (the only facility of rach-gia) filled: 80 t of frozen shrimp
	 * written by its Vietnamese name, 40.000 kWh of electricity typed as
	 * Vietnamese text, aware of CP; the registration: applies CP, plans to
	 * save 5 %, submitted.
	 */
	static const struct fill f[] = {
	    {"Sản phẩm", "product", "Tôm đông lạnh (tấn sản phẩm quy đổi)"},
	    {"Sản phẩm", "quantity", "#80"},
	    {"Sản phẩm", "unit", "tấn"},
	    {"Năng lượng", "carrier", "Điện"},
	    {"Năng lượng", "quantity", "40.000"},
	    {"Năng lượng", "unit", "kWh"},
	    {"Tình trạng SXSH", "cp_aware", "Có"},
	    {"Đăng ký", "apply_cp", "Có"},
	    {"Đăng ký", "planned_saving_pct", "#5"},
	    {"Đăng ký", "measures", "Thay đèn LED"},
	    {"Đăng ký", "submit", "Có"},
	};
	snprintf(filled, sizeof filled, "%s", tu_path("filled.xlsx"));
	refill(&b, f, (int)(sizeof f / sizeof f[0]), filled);
	snprintf(dir, sizeof dir, "%s", tu_path("lo-rt"));
	char *lo = so_convert(filled, "xlsx", dir);

	struct wbimport_result res;
	int rc = import(lo, 0, 0, &res);
	char *es = errors_of(&res);
	assert_string_equal(es, "");
	free(es);
	assert_int_equal(rc, WBIMPORT_OK);
	assert_int_equal(res.campaign_id, strtoll(id, NULL, 10));
	/* F1: a new report (draft) and a new registration, submitted */
	assert_int_equal(res.nitem, 2);
	assert_int_equal(res.item[0].kind, WF_KIND_REPORT);
	assert_int_equal(res.item[0].action, WBIMPORT_NEW);
	assert_int_equal(res.item[0].submit, 0);
	assert_int_equal(res.item[1].kind, WF_KIND_REGISTRATION);
	assert_int_equal(res.item[1].submit, 1);
	wbimport_result_free(&res);
	fx_assert_export(db, CSVIO_REPORTS,
			 FX_RH "F1,2025,draft,1,,,,output,,frozen_shrimp,,80,t,\n"
			       "F1,2025,draft,1,,,,energy,electricity,,,40000,kWh,\n"
			       "F2,2025,draft,,,,,output,,milled_rice,,1,t,\n"
			       "F3,2025,accepted,1,1,1,1,output,,milled_rice,,5,t,\n");
	char *reg =
	    tu_query_text("wbi.db", "SELECT r.status || '|' || r.apply_cp || '|' || "
				    "CAST(r.planned_saving_pct * 10 AS INTEGER) || '|' || "
				    "r.measures FROM registration r JOIN facility f ON f.id = "
				    "r.facility_id WHERE f.code = 'F1' AND r.year = 2025");
	/* 5 % as tenths: 50 */
	assert_string_equal(reg, "submitted|1|50|Thay đèn LED");
	free(reg);
	for (int i = 0; i < b.n; i++)
		free(b.c[i].text);
	free(b.c);
	for (int s = 0; s < b.nsheets; s++)
		free(b.names[s]);
	free(lo);
	free(id);
	reset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_good),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_all_or_nothing),
	    cmocka_unit_test(test_year),
	    cmocka_unit_test(test_scope),
	    cmocka_unit_test(test_expected),
	    cmocka_unit_test(test_cli),
	    cmocka_unit_test(test_good_libreoffice),
	    cmocka_unit_test(test_submit_refused),
	    cmocka_unit_test(test_many_errors),
	    cmocka_unit_test(test_campaign_roundtrip),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
