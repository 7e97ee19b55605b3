/*
 * Workbooks for bench/workbook_import.sh, written with libxlsxwriter:
 *
 *   wbgen fill YEAR OUT.xlsx < CODES   a campaign workbook (docs/workbook-
 *       format.md) of year YEAR with one filled report per facility code
 *       read from stdin (one a line): a product line on "Sản phẩm", an
 *       electricity line on "Năng lượng", the CP status on "Tình trạng
 *       SXSH", and the _sxsh sheet
 *   wbgen big ROWS COLS OUT.xlsx       one sheet "Dữ liệu" of ROWS rows x COLS
 *       columns (half numbers, half texts from 5,000 distinct shared
 *       strings): a large file for the reader's memory
 *
 * Built by the bench script: cc -O2 bench/wbgen.c $(pkg-config --cflags
 * --libs xlsxwriter).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

static lxw_worksheet *
data_sheet(lxw_workbook *wb, const char *name, const char *const *keys, int n)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	lxw_row_col_options hidden = {.hidden = 1};
	worksheet_write_string(ws, 0, 0, name, NULL);
	for (int c = 0; c < n; c++) {
		worksheet_write_string(ws, 1, (lxw_col_t)c, keys[c], NULL);
		worksheet_write_string(ws, 2, (lxw_col_t)c, keys[c], NULL);
	}
	worksheet_set_row_opt(ws, 1, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
	return ws;
}

static int
fill(int year, const char *out)
{
	lxw_workbook *wb = workbook_new(out);
	const char *kp[] = {"facility_code", "facility_name", "product", "quantity", "unit"};
	const char *ke[] = {"facility_code", "facility_name", "carrier",
			    "quantity",	     "unit",	      "cost_vnd"};
	const char *kc[] = {"facility_code", "facility_name", "cp_aware",
			    "cp_staff",	     "cp_unit",	      "cp_applied"};
	lxw_worksheet *p = data_sheet(wb, "Sản phẩm", kp, 5);
	lxw_worksheet *e = data_sheet(wb, "Năng lượng", ke, 6);
	lxw_worksheet *c = data_sheet(wb, "Tình trạng SXSH", kc, 6);
	char code[64];
	lxw_row_t r = 3;
	while (fgets(code, sizeof code, stdin) != NULL) {
		code[strcspn(code, "\r\n")] = '\0';
		if (code[0] == '\0')
			continue;
		worksheet_write_string(p, r, 0, code, NULL);
		worksheet_write_string(p, r, 2, "Thủy sản đông lạnh khác", NULL);
		worksheet_write_number(p, r, 3, 100 + r % 900, NULL);
		worksheet_write_string(p, r, 4, "tấn", NULL);
		worksheet_write_string(e, r, 0, code, NULL);
		worksheet_write_string(e, r, 2, "Điện", NULL);
		worksheet_write_string(e, r, 3, "12.500", NULL); /* Vietnamese text: 12500 */
		worksheet_write_string(e, r, 4, "kWh", NULL);
		worksheet_write_number(e, r, 5, 25000000, NULL);
		worksheet_write_string(c, r, 0, code, NULL);
		worksheet_write_string(c, r, 2, "Có", NULL);
		worksheet_write_string(c, r, 3, "Không", NULL);
		worksheet_write_string(c, r, 4, "Chưa rõ", NULL);
		worksheet_write_string(c, r, 5, "Có", NULL);
		r++;
	}
	lxw_worksheet *m = workbook_add_worksheet(wb, "_sxsh");
	worksheet_write_string(m, 0, 0, "sxsh-workbook", NULL);
	worksheet_write_number(m, 1, 0, 1, NULL);
	worksheet_write_number(m, 2, 0, 0, NULL);
	worksheet_write_number(m, 3, 0, year, NULL);
	worksheet_write_string(m, 4, 0, "report", NULL);
	worksheet_hide(m);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

static int
big(long rows, int cols, const char *out)
{
	lxw_workbook *wb = workbook_new(out);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Dữ liệu");
	char s[64];
	for (long r = 0; r < rows; r++) {
		for (int c = 0; c < cols / 2; c++)
			worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c,
					       (double)(r * 7 + c) / 3.0, NULL);
		for (int c = cols / 2; c < cols; c++) {
			snprintf(s, sizeof s, "Cơ sở sản xuất số %ld", (r * 31 + c) % 5000);
			worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s, NULL);
		}
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "fill") == 0)
		return fill(atoi(argv[2]), argv[3]);
	if (argc == 5 && strcmp(argv[1], "big") == 0)
		return big(atol(argv[2]), atoi(argv[3]), argv[4]);
	fprintf(stderr, "usage: wbgen fill YEAR OUT.xlsx < CODES | wbgen big ROWS COLS OUT.xlsx\n");
	return 2;
}
