/*
 * The campaign workbook writer (workbook.h, docs/workbook-format.md).  Each
 * data sheet is a table of columns (key, Vietnamese header, width, whether
 * it holds numbers, the list of "Danh mục" its drop-down reads), so the
 * layout of the contract reads in one place.
 */
#include "render/workbook.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "model/reporting/home.h"
#include "model/survey/campaign.h"
#include "render/xlsx.h"

/* The lists of "Danh mục", one column each, in this order (A, B, ...). */
enum wb_list { L_NONE, L_PRODUCT, L_CARRIER, L_UNIT, L_WATER, L_YESNO, L__MAX };

static const char *const list_head[L__MAX] = {
    [L_PRODUCT] = "Sản phẩm", [L_CARRIER] = "Loại năng lượng", [L_UNIT] = "Đơn vị tính",
    [L_WATER] = "Nguồn nước", [L_YESNO] = "Có/Không/Chưa rõ",
};
static const char *const yesno[] = {"Có", "Không", "Chưa rõ"};

struct wb_col {
	const char *key;  /* the hidden row 2 */
	const char *head; /* row 3 */
	double width;
	int num; /* 1: a quantity (#,##0.##) */
	enum wb_list list;
};

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct wb_col cols_facility[] = {
    {"facility_code", "Mã cơ sở", 14, 0, L_NONE},
    {"facility_name", "Tên cơ sở", 48, 0, L_NONE},
    {"tax_code", "Mã số thuế", 14, 0, L_NONE},
    {"unit", "Đơn vị hành chính", 22, 0, L_NONE},
    {"sector", "Ngành", 44, 0, L_NONE},
    {"submit", "Nộp báo cáo (Có = nộp)", 14, 0, L_YESNO},
};
static const struct wb_col cols_output[] = {
    {"facility_code", "Mã cơ sở", 14, 0, L_NONE},
    {"facility_name", "Tên cơ sở", 36, 0, L_NONE},
    {"product", "Sản phẩm", 32, 0, L_PRODUCT},
    {"quantity", "Sản lượng trong năm", 16, 1, L_NONE},
    {"unit", "Đơn vị tính", 14, 0, L_UNIT},
};
static const struct wb_col cols_energy[] = {
    {"facility_code", "Mã cơ sở", 14, 0, L_NONE},
    {"facility_name", "Tên cơ sở", 36, 0, L_NONE},
    {"carrier", "Loại năng lượng", 24, 0, L_CARRIER},
    {"quantity", "Lượng tiêu thụ cả năm", 16, 1, L_NONE},
    {"unit", "Đơn vị tính", 12, 0, L_UNIT},
    {"cost_vnd", "Chi phí (đồng)", 16, 1, L_NONE},
    {"product", "Dùng cho sản phẩm (nếu tách)", 26, 0, L_PRODUCT},
    {"m1", "T1", 10, 1, L_NONE},
    {"m2", "T2", 10, 1, L_NONE},
    {"m3", "T3", 10, 1, L_NONE},
    {"m4", "T4", 10, 1, L_NONE},
    {"m5", "T5", 10, 1, L_NONE},
    {"m6", "T6", 10, 1, L_NONE},
    {"m7", "T7", 10, 1, L_NONE},
    {"m8", "T8", 10, 1, L_NONE},
    {"m9", "T9", 10, 1, L_NONE},
    {"m10", "T10", 10, 1, L_NONE},
    {"m11", "T11", 10, 1, L_NONE},
    {"m12", "T12", 10, 1, L_NONE},
};
static const struct wb_col cols_water[] = {
    {"facility_code", "Mã cơ sở", 14, 0, L_NONE},
    {"facility_name", "Tên cơ sở", 36, 0, L_NONE},
    {"source", "Nguồn nước", 18, 0, L_WATER},
    {"quantity_m3", "Lượng nước (m³)", 16, 1, L_NONE},
    {"cost_vnd", "Chi phí (đồng)", 16, 1, L_NONE},
};
static const struct wb_col cols_material[] = {
    {"facility_code", "Mã cơ sở", 14, 0, L_NONE},
    {"facility_name", "Tên cơ sở", 36, 0, L_NONE},
    {"name", "Nguyên liệu", 28, 0, L_NONE},
    {"quantity", "Lượng dùng trong năm", 16, 1, L_NONE},
    {"unit", "Đơn vị tính", 12, 0, L_UNIT},
    {"cost_vnd", "Chi phí (đồng)", 16, 1, L_NONE},
};
static const struct wb_col cols_status[] = {
    {"facility_code", "Mã cơ sở", 14, 0, L_NONE},
    {"facility_name", "Tên cơ sở", 36, 0, L_NONE},
    {"cp_aware", "Đã biết về SXSH", 18, 0, L_YESNO},
    {"cp_staff", "Có cán bộ phụ trách SXSH", 18, 0, L_YESNO},
    {"cp_unit", "Có bộ phận SXSH", 18, 0, L_YESNO},
    {"cp_applied", "Đã áp dụng SXSH", 18, 0, L_YESNO},
};
static const struct wb_col cols_registration[] = {
    {"facility_code", "Mã cơ sở", 14, 0, L_NONE},
    {"facility_name", "Tên cơ sở", 36, 0, L_NONE},
    {"apply_cp", "Cam kết áp dụng SXSH", 18, 0, L_YESNO},
    {"planned_saving_pct", "Mức tiết kiệm dự kiến (%)", 16, 1, L_NONE},
    {"measures", "Giải pháp dự kiến", 48, 0, L_NONE},
    {"submit", "Nộp đăng ký (Có = nộp)", 14, 0, L_YESNO},
};

/* The formats every sheet shares. */
struct wb_fmt {
	lxw_format *title, *key, *head, *fixed, *input, *input_num, *note, *bold_note;
};

/* One data sheet being written. */
struct wb_sheet {
	lxw_worksheet *ws;
	const struct wb_col *cols;
	int ncols;
	lxw_row_t row; /* the next data row (0-based) */
};

struct wb {
	lxw_workbook *book;
	struct wb_fmt f;
	const struct campaign_book *b;
	int list_n[L__MAX];
	int failed;
};

static void
wb_check(struct wb *w, lxw_error e)
{
	if (e != LXW_NO_ERROR)
		w->failed = 1;
}

/*
 * Every sheet prints on A4 landscape, one page wide (as many pages down as
 * it takes), with rows 0..last_head repeated on each page (-1: none).
 */
static void
print_setup(lxw_worksheet *ws, int last_head)
{
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	if (last_head >= 0)
		worksheet_repeat_rows(ws, 0, (lxw_row_t)last_head);
}

/* Row 1's title of every data sheet: campaign, year, scope, deadline. */
static const char *
wb_title(const struct campaign_book *b, char *out, size_t n)
{
	char due[HOME_DATE_SIZE];
	home_date_show(b->campaign.deadline, due);
	snprintf(out, n, "%s — năm %d — %s — Hạn nộp: %s", b->campaign.title, b->campaign.year,
		 b->scope_name != NULL ? b->scope_name : "", due);
	return out;
}

/*
 * Adds sheet name with its columns, title, key row and headers; the first
 * nlocked columns are locked on every row (the list of "Cơ sở"), the
 * others unlocked below row 3.
 */
static void
sheet_begin(struct wb *w, struct wb_sheet *s, const char *name, const struct wb_col *cols,
	    int ncols, int nlocked)
{
	s->ws = workbook_add_worksheet(w->book, name);
	s->cols = cols;
	s->ncols = ncols;
	s->row = 3;
	if (s->ws == NULL) {
		w->failed = 1;
		return;
	}
	for (int c = 0; c < ncols; c++)
		wb_check(w, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width,
						 c < nlocked   ? NULL
						 : cols[c].num ? w->f.input_num
							       : w->f.input));
	/* Row formats win over the column formats: rows 1-3 stay locked. */
	lxw_row_col_options hidden = {.hidden = 1};
	/*
	 * The title spans the sheet's columns and wraps there, so it prints
	 * whole inside the print area: as many 13 pt lines as its characters
	 * take, a bold character counted as 1.25 of a column's unit.
	 */
	char title[512];
	wb_title(w->b, title, sizeof(title));
	double width = 0;
	for (int c = 0; c < ncols; c++)
		width += cols[c].width;
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)title; *p != '\0'; p++)
		chars += (*p & 0xC0) != 0x80;
	int lines = width > 0 ? (int)(chars * 1.25 / width) + 1 : 1;
	wb_check(w, worksheet_set_row(s->ws, 0, 22 + 17.0 * (lines - 1), w->f.title));
	wb_check(w, worksheet_set_row_opt(s->ws, 1, LXW_DEF_ROW_HEIGHT, w->f.key, &hidden));
	wb_check(w, worksheet_set_row(s->ws, 2, 32, w->f.head));
	if (ncols > 1)
		wb_check(w, worksheet_merge_range(s->ws, 0, 0, 0, (lxw_col_t)(ncols - 1), title,
						  w->f.title));
	else
		wb_check(w, worksheet_write_string(s->ws, 0, 0, title, w->f.title));
	for (int c = 0; c < ncols; c++) {
		wb_check(w, worksheet_write_string(s->ws, 1, (lxw_col_t)c, cols[c].key, w->f.key));
		wb_check(w,
			 worksheet_write_string(s->ws, 2, (lxw_col_t)c, cols[c].head, w->f.head));
	}
	worksheet_freeze_panes(s->ws, 3, 2);
	print_setup(s->ws, 2);
	lxw_protection p = {.format_cells = 1,
			    .format_columns = 1,
			    .format_rows = 1,
			    .insert_rows = 1,
			    .sort = 1,
			    .autofilter = 1};
	worksheet_protect(s->ws, NULL, &p);
}

/* A locked prefilled text cell at column c of the sheet's current row. */
static void
cell_fixed(struct wb *w, struct wb_sheet *s, int c, const char *v)
{
	wb_check(w, worksheet_write_string(s->ws, s->row, (lxw_col_t)c, v, w->f.fixed));
}

/* An unlocked prefilled text cell (a product or unit the user may change). */
static void
cell_input(struct wb *w, struct wb_sheet *s, int c, const char *v)
{
	if (v != NULL && v[0] != '\0')
		wb_check(w, worksheet_write_string(s->ws, s->row, (lxw_col_t)c, v, w->f.input));
}

/* The code and name of f on the current row, locked, and moves to the next row. */
static void
row_facility(struct wb *w, struct wb_sheet *s, const struct campaign_book_facility *f, int c3,
	     const char *v3, int c5, const char *v5)
{
	cell_fixed(w, s, 0, f->code);
	cell_fixed(w, s, 1, f->name);
	if (v3 != NULL)
		cell_input(w, s, c3, v3);
	if (v5 != NULL)
		cell_input(w, s, c5, v5);
	s->row++;
}

/* The drop-downs of the sheet's list columns over every data row, blank rows included. */
static void
sheet_end(struct wb *w, struct wb_sheet *s, int blank_rows)
{
	if (s->ws == NULL)
		return;
	/*
	 * The print area: the sheet's columns only (the header row's format
	 * would carry it further), the prefilled rows and a few blank ones to
	 * write in by hand, not all of them.
	 */
	int print_blank = blank_rows < WORKBOOK_PRINT_BLANK ? blank_rows : WORKBOOK_PRINT_BLANK;
	wb_check(w, worksheet_print_area(s->ws, 0, 0, s->row + (lxw_row_t)print_blank - 1,
					 (lxw_col_t)(s->ncols - 1)));
	lxw_row_t last = s->row + (lxw_row_t)blank_rows - 1;
	if (last < 3)
		return;
	for (int c = 0; c < s->ncols; c++) {
		enum wb_list l = s->cols[c].list;
		if (l == L_NONE || w->list_n[l] == 0)
			continue;
		char formula[96], col = (char)('A' + (l - 1));
		snprintf(formula, sizeof(formula), "='Danh mục'!$%c$2:$%c$%d", col, col,
			 w->list_n[l] + 1);
		lxw_data_validation dv = {
		    .validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
		    .value_formula = formula,
		    .ignore_blank = LXW_VALIDATION_ON,
		    .show_error = LXW_VALIDATION_ON,
		    /* a warning, not a stop: the reader also takes English names and codes */
		    .error_type = LXW_VALIDATION_ERROR_TYPE_WARNING,
		    .error_title = "Giá trị ngoài danh sách",
		    .error_message = "Hãy chọn một giá trị trong danh sách (sheet Danh mục).",
		};
		wb_check(w, worksheet_data_validation_range(s->ws, 3, (lxw_col_t)c, last,
							    (lxw_col_t)c, &dv));
	}
}

static void
sheet_facilities(struct wb *w)
{
	const struct campaign_book *b = w->b;
	struct wb_sheet s;
	/* A registration-only campaign submits through Đăng ký: no report "submit" here. */
	int ncols = NCOLS(cols_facility) - (b->campaign.kind == CAMPAIGN_REGISTRATION);
	sheet_begin(w, &s, "Cơ sở", cols_facility, ncols, 5);
	if (s.ws == NULL)
		return;
	for (int i = 0; i < b->nfacilities; i++) {
		const struct campaign_book_facility *f = &b->facilities[i];
		cell_fixed(w, &s, 0, f->code);
		cell_fixed(w, &s, 1, f->name);
		cell_fixed(w, &s, 2, f->tax_code);
		cell_fixed(w, &s, 3, f->unit_name);
		cell_fixed(w, &s, 4, f->sector_name);
		s.row++;
	}
	sheet_end(w, &s, 0);
}

/* Sản phẩm and Năng lượng: one row per line of the last accepted report, else one. */
static void
sheet_lines(struct wb *w, int energy)
{
	const struct campaign_book *b = w->b;
	struct wb_sheet s;
	if (energy)
		sheet_begin(w, &s, "Năng lượng", cols_energy, NCOLS(cols_energy), 0);
	else
		sheet_begin(w, &s, "Sản phẩm", cols_output, NCOLS(cols_output), 0);
	if (s.ws == NULL)
		return;
	for (int i = 0; i < b->nfacilities; i++) {
		const struct campaign_book_facility *f = &b->facilities[i];
		int n = energy ? f->nenergy : f->noutputs;
		const struct campaign_line *l = energy ? f->energy : f->outputs;
		if (n == 0)
			row_facility(w, &s, f, 0, NULL, 0, NULL);
		for (int j = 0; j < n; j++)
			row_facility(w, &s, f, 2, l[j].name, 4, l[j].unit);
	}
	sheet_end(w, &s, WORKBOOK_BLANK_ROWS);
}

/* Nước, Nguyên liệu, Tình trạng SXSH, Đăng ký: one row per facility. */
static void
sheet_plain(struct wb *w, const char *name, const struct wb_col *cols, int ncols)
{
	const struct campaign_book *b = w->b;
	struct wb_sheet s;
	sheet_begin(w, &s, name, cols, ncols, 0);
	if (s.ws == NULL)
		return;
	for (int i = 0; i < b->nfacilities; i++)
		row_facility(w, &s, &b->facilities[i], 0, NULL, 0, NULL);
	sheet_end(w, &s, WORKBOOK_BLANK_ROWS);
}

static void
sheet_lists(struct wb *w)
{
	const struct campaign_book *b = w->b;
	lxw_worksheet *ws = workbook_add_worksheet(w->book, "Danh mục");
	if (ws == NULL) {
		w->failed = 1;
		return;
	}
	const char *const *v[L__MAX] = {NULL, b->products, b->carriers, b->units, b->water, yesno};
	for (int l = 1; l < L__MAX; l++) {
		lxw_col_t c = (lxw_col_t)(l - 1);
		wb_check(w, worksheet_set_column(ws, c, c, l == L_PRODUCT ? 36 : 22, NULL));
		wb_check(w, worksheet_write_string(ws, 0, c, list_head[l], w->f.head));
		for (int i = 0; i < w->list_n[l]; i++)
			wb_check(w,
				 worksheet_write_string(ws, (lxw_row_t)(i + 1), c, v[l][i], NULL));
	}
	worksheet_freeze_panes(ws, 1, 0);
	print_setup(ws, 0);
	worksheet_protect(ws, NULL, NULL);
}

/* The width of the instructions' column, in characters; it fits A4 landscape at 100 %. */
#define HELP_WIDTH 100
/* The characters of a line of it, counted low (Vietnamese letters are narrower than '0'). */
#define HELP_LINE_CHARS 100
/* Points per line of the default 11 pt font. */
#define HELP_LINE_PT 15.0

/*
 * One paragraph of the instructions in row r, wrapped in the wide column:
 * neither Excel nor LibreOffice grows a row for wrapped text written by a
 * program, so the row gets the height of the lines it needs.
 */
static void
help_line(struct wb *w, lxw_worksheet *ws, lxw_row_t r, const char *text, lxw_format *f)
{
	int chars = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++)
		chars +=
		    (*p & 0xC0) != 0x80; /* a character starts at every non-continuation byte */
	int lines = chars / HELP_LINE_CHARS + (chars % HELP_LINE_CHARS != 0);
	if (lines > 1)
		wb_check(w, worksheet_set_row(ws, r, HELP_LINE_PT * lines, NULL));
	wb_check(w, worksheet_write_string(ws, r, 0, text, f));
}

/* The instructions, one paragraph a row. */
static void
sheet_help(struct wb *w)
{
	const struct campaign_book *b = w->b;
	const struct campaign *c = &b->campaign;
	lxw_worksheet *ws = workbook_add_worksheet(w->book, "Hướng dẫn");
	if (ws == NULL) {
		w->failed = 1;
		return;
	}
	wb_check(w, worksheet_set_column(ws, 0, 0, HELP_WIDTH, w->f.note));
	print_setup(ws, -1);
	char due[HOME_DATE_SIZE], line[1024];
	home_date_show(c->deadline, due);
	int report = c->kind != CAMPAIGN_REGISTRATION, reg = c->kind != CAMPAIGN_REPORT;
	lxw_row_t r = 0;
	help_line(w, ws, r++, c->title, w->f.title);
	snprintf(line, sizeof(line), "Năm: %d.  Hạn nộp: %s.  Phạm vi: %s.", c->year, due,
		 b->scope_name != NULL ? b->scope_name : "");
	help_line(w, ws, r++, line, w->f.bold_note);
	snprintf(line, sizeof(line), "Sổ gồm %d cơ sở, liệt kê ở sheet \"Cơ sở\".", b->nfacilities);
	help_line(w, ws, r++, line, w->f.note);
	r++;
	static const char *const common[] = {
	    "Cách điền:",
	    "• Mỗi cơ sở đã có sẵn mã và tên ở các sheet; chỉ điền vào các ô trắng. Các ô tiêu đề, "
	    "mã và tên cơ sở đã khóa.",
	    "• Cần thêm dòng (thêm sản phẩm, loại năng lượng) thì dùng các dòng trống bên dưới: "
	    "ghi mã cơ sở ở cột đầu rồi điền tiếp.",
	    "• Sản phẩm, loại năng lượng, đơn vị tính, nguồn nước và các câu trả lời Có/Không/Chưa "
	    "rõ chọn trong danh sách thả xuống (lấy từ sheet \"Danh mục\").",
	    "• Viết số theo cách Việt Nam: dấu chấm ngăn cách hàng nghìn, dấu phẩy trước phần thập "
	    "phân, ví dụ 12.500 (mười hai nghìn năm trăm) và 3,5 (ba phẩy năm).",
	    "• Không đổi tên sheet, không xóa dòng 2 (dòng ẩn chứa mã cột): hệ thống đọc các cột "
	    "theo dòng đó."};
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		help_line(w, ws, r++, common[i], i == 0 ? w->f.bold_note : w->f.note);
	r++;
	help_line(w, ws, r++, "Các sheet:", w->f.bold_note);
	help_line(w, ws, r++,
		  "• Cơ sở: danh sách cơ sở (đã khóa). Cột \"Nộp\": chọn Có để gửi báo cáo "
		  "của cơ sở đi xét duyệt sau khi lưu; để trống thì báo cáo được lưu "
		  "nháp.",
		  w->f.note);
	if (report) {
		static const char *const rep[] = {
		    "• Sản phẩm: sản lượng từng sản phẩm trong năm, với đơn vị tính.",
		    "• Năng lượng: lượng tiêu thụ cả năm của từng loại năng lượng, hoặc điền theo "
		    "tháng ở các cột T1…T12 (khi đó cột cả năm để trống hoặc bằng tổng các "
		    "tháng); chi phí tính bằng đồng.",
		    "• Nước: lượng nước dùng trong năm theo nguồn (m³).",
		    "• Nguyên liệu: nguyên liệu chính, lượng dùng và đơn vị tính.",
		    "• Tình trạng SXSH: bốn câu hỏi về sản xuất sạch hơn, trả lời Có, Không hoặc "
		    "Chưa rõ."};
		for (size_t i = 0; i < sizeof(rep) / sizeof(rep[0]); i++)
			help_line(w, ws, r++, rep[i], w->f.note);
	}
	if (reg)
		help_line(w, ws, r++,
			  "• Đăng ký: cam kết áp dụng SXSH (Có/Không), mức tiết kiệm năng "
			  "lượng dự kiến (%), các giải pháp; cột \"Nộp\": Có để gửi đăng ký.",
			  w->f.note);
	help_line(w, ws, r++, "• Danh mục: các danh sách để chọn (không sửa).", w->f.note);
	r++;
	help_line(w, ws, r++,
		  "Báo cáo đã được Sở chấp nhận sẽ không bị thay đổi khi nộp lại sổ này; "
		  "báo cáo đang chờ xét duyệt cũng được giữ nguyên.",
		  w->f.bold_note);
	help_line(w, ws, r++,
		  "Gửi lại sổ đã điền cho Sở Công Thương hoặc phòng Kinh tế của huyện, hoặc tải "
		  "lên hệ thống sxsh.",
		  w->f.note);
	worksheet_protect(ws, NULL, NULL);
	worksheet_activate(ws);
}

/* The hidden identity sheet (docs/workbook-format.md, "_sxsh"). */
static void
sheet_identity(struct wb *w)
{
	const struct campaign_book *b = w->b;
	lxw_worksheet *ws = workbook_add_worksheet(w->book, "_sxsh");
	if (ws == NULL) {
		w->failed = 1;
		return;
	}
	wb_check(w, worksheet_write_string(ws, 0, 0, "sxsh-workbook", NULL));
	wb_check(w, worksheet_write_number(ws, 1, 0, WORKBOOK_LAYOUT, NULL));
	wb_check(w, worksheet_write_number(ws, 2, 0, (double)b->campaign.id, NULL));
	wb_check(w, worksheet_write_number(ws, 3, 0, b->campaign.year, NULL));
	wb_check(w, worksheet_write_string(ws, 4, 0, campaign_kinds[b->campaign.kind].code, NULL));
	wb_check(w, worksheet_write_string(ws, 5, 0, b->scope, NULL));
	worksheet_hide(ws);
	worksheet_protect(ws, NULL, NULL);
}

static void
formats(struct wb *w)
{
	lxw_workbook *book = w->book;
	struct wb_fmt *f = &w->f;
	f->title = workbook_add_format(book);
	format_set_bold(f->title);
	format_set_font_size(f->title, 13);
	format_set_text_wrap(f->title);
	format_set_align(f->title, LXW_ALIGN_VERTICAL_TOP);
	f->key = workbook_add_format(book);
	format_set_font_color(f->key, 0x595959);
	f->head = workbook_add_format(book);
	format_set_bold(f->head);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->head, 0xDDEBF7);
	format_set_border(f->head, LXW_BORDER_THIN);
	f->fixed = workbook_add_format(book);
	format_set_bg_color(f->fixed, 0xF2F2F2);
	f->input = workbook_add_format(book);
	format_set_unlocked(f->input);
	f->input_num = workbook_add_format(book);
	format_set_unlocked(f->input_num);
	format_set_num_format(f->input_num, "#,##0.##");
	f->note = workbook_add_format(book);
	format_set_text_wrap(f->note);
	format_set_align(f->note, LXW_ALIGN_VERTICAL_TOP);
	f->bold_note = workbook_add_format(book);
	format_set_text_wrap(f->bold_note);
	format_set_bold(f->bold_note);
}

int
workbook_write(const char *path, const struct campaign_book *b, char *err, size_t errsz)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		snprintf(err, errsz, "path too long");
		return -1;
	}
	struct wb w = {.b = b};
	lxw_workbook_options opt = {.tmpdir = NULL};
	w.book = workbook_new_opt(tmp, &opt);
	if (w.book == NULL) {
		snprintf(err, errsz, "cannot create %s", tmp);
		return -1;
	}
	w.list_n[L_PRODUCT] = b->nproducts;
	w.list_n[L_CARRIER] = b->ncarriers;
	w.list_n[L_UNIT] = b->nunits;
	w.list_n[L_WATER] = b->nwater;
	w.list_n[L_YESNO] = 3;
	formats(&w);
	sheet_help(&w);
	sheet_facilities(&w);
	if (b->campaign.kind != CAMPAIGN_REGISTRATION) {
		sheet_lines(&w, 0);
		sheet_lines(&w, 1);
		sheet_plain(&w, "Nước", cols_water, NCOLS(cols_water));
		sheet_plain(&w, "Nguyên liệu", cols_material, NCOLS(cols_material));
		sheet_plain(&w, "Tình trạng SXSH", cols_status, NCOLS(cols_status));
	}
	if (b->campaign.kind != CAMPAIGN_REPORT)
		sheet_plain(&w, "Đăng ký", cols_registration, NCOLS(cols_registration));
	sheet_lists(&w);
	sheet_identity(&w);
	lxw_error e = workbook_close(w.book);
	if (w.failed || e != LXW_NO_ERROR) {
		snprintf(err, errsz, "cannot write the workbook: %s",
			 e != LXW_NO_ERROR ? lxw_strerror(e) : "a sheet failed");
		remove(tmp);
		return -1;
	}
	if (rename(tmp, path) != 0) {
		snprintf(err, errsz, "cannot rename %s: %s", tmp, strerror(errno));
		remove(tmp);
		return -1;
	}
	return 0;
}

int
workbook_progress(struct xlsx *x, const struct campaign *c, const struct campaign_progress *p,
		  int en)
{
	if (xlsx_sheet(x, en ? "Progress" : "Tiến độ") < 0)
		return -1;
	char due[HOME_DATE_SIZE], line[512];
	home_date_show(c->deadline, due);
	/* One title line: a second one in column A would widen the unit code column. */
	snprintf(line, sizeof(line),
		 en ? "Progress of %s (%s; due on %s; %s)" : "Tiến độ %s (%s; hạn nộp %s; %s)",
		 c->title, en ? campaign_kinds[c->kind].name_en : campaign_kinds[c->kind].name_vi,
		 due, c->open ? (en ? "open" : "đang mở") : (en ? "closed" : "đã đóng"));
	xlsx_title(x, line);
	static const char *const vi[] = {"Mã đơn vị", "Đơn vị hành chính", "Được mời",	  "Đã mở",
					 "Đang nháp", "Đã nộp, chờ duyệt", "Đã chấp nhận"};
	static const char *const en_h[] = {"Unit code", "Administrative unit", "Invited", "Opened",
					   "Draft",	"Submitted",	       "Accepted"};
	xlsx_header(x, en ? en_h : vi, 7);
	for (int i = 0; i <= p->n; i++) {
		const struct campaign_count *u = i < p->n ? &p->units[i] : &p->total;
		if (i < p->n) {
			xlsx_text(x, u->unit_code);
			xlsx_text(x, en ? u->unit_name_en : u->unit_name);
		} else {
			xlsx_blank(x);
			xlsx_bold(x, en ? "Total" : "Tổng cộng");
		}
		xlsx_int(x, u->invited);
		xlsx_int(x, u->opened);
		xlsx_int(x, u->draft);
		xlsx_int(x, u->submitted);
		xlsx_int(x, u->accepted);
		xlsx_row_end(x);
	}
	return 0;
}
