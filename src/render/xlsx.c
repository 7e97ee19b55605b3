/*
 * The spreadsheet writer (xlsx.h) over libxlsxwriter.  libxlsxwriter keeps
 * the workbook in memory (shared strings, not constant-memory mode, so
 * repeated district and sector names are stored once) and writes the zip
 * at workbook_close; the writer points it at PATH.tmp and renames.  The
 * cursor, the header row of the current sheet, the widest text of each
 * column and the length of its header are kept here; widths, the header
 * row's height and the autofilter are applied when the sheet is finished
 * (at the next xlsx_sheet or at xlsx_close), because only then is the last
 * row known.
 */
#include "render/xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "util/alloc.h"
#include "util/log.h"
#include "util/fold.h"

/* Cell formats, created once per workbook. */
enum xlsx_fmt {
	XF_BOLD,
	XF_TITLE,
	XF_HEAD,
	XF_PLAIN,
	XF_INT,
	XF_NUM0,
	XF_NUM1,
	XF_NUM2,
	XF_NUM3,
	XF_PCT,
	XF_PCT0,
	XF__MAX
};
/*
 * The display formats, in the format code's own notation (',' groups, '.'
 * the decimals), which Excel shows with the user's locale separators.
 */
static const char *const xlsx_numfmt[XF__MAX] = {
    [XF_BOLD] = NULL,	     [XF_TITLE] = NULL,	  [XF_HEAD] = NULL,	 [XF_PLAIN] = "General",
    [XF_INT] = "#,##0",	     [XF_NUM0] = "#,##0", [XF_NUM1] = "#,##0.0", [XF_NUM2] = "#,##0.00",
    [XF_NUM3] = "#,##0.000", [XF_PCT] = "0.0%",	  [XF_PCT0] = "0%",
};

/* Column widths in characters: a floor so short headers stay readable, a ceiling for names. */
enum { XLSX_WIDTH_MIN = 8, XLSX_WIDTH_MAX = 60 };
/* Row heights in points: one line of the default font, the title's larger type. */
#define XLSX_LINE_PT  15.0
#define XLSX_TITLE_PT 21.0

struct xlsx {
	char *path, *tmp;
	lxw_workbook *wb;
	lxw_format *fmt[XF__MAX];
	lxw_worksheet *ws; /* current sheet, NULL before the first */
	char *sheet_name;  /* of ws, for the charts' references */
	lxw_row_t row;
	lxw_col_t col;
	int header_row; /* -1: the sheet has no header */
	int data_last;	/* the last row holding a cell after the header; -1: none */
	int ncols;	/* of the header */
	int width[XLSX_COLS_MAX];
	int head_len[XLSX_COLS_MAX];  /* characters of each header name */
	int head_word[XLSX_COLS_MAX]; /* characters of its longest word */
	char *source;		      /* the title's source line; NULL: none */
	char date[40], iso[40];	      /* dd/mm/yyyy, yyyy-mm-dd */
	lxw_error failed;	      /* first error, LXW_NO_ERROR while fine */
};

/* Sets x's date from y, m, d when they make a real date; 0 or -1. */
static int
set_ymd(struct xlsx *x, int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return -1;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d > mdays[m - 1] + (m == 2 && leap))
		return -1;
	snprintf(x->date, sizeof(x->date), "%02d/%02d/%04d", d, m, y);
	snprintf(x->iso, sizeof(x->iso), "%04d-%02d-%02d", y, m, d);
	return 0;
}

int
xlsx_set_date(struct xlsx *x, const char *iso)
{
	int y, m, d, end = 0;
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &end) != 3 || end != 10 ||
	    iso[10] != '\0')
		return -1;
	return set_ymd(x, y, m, d);
}

const char *
xlsx_date(const struct xlsx *x)
{
	return x->date;
}

const char *
xlsx_date_iso(const struct xlsx *x)
{
	return x->iso;
}

void
xlsx_set_source(struct xlsx *x, const char *line)
{
	free(x->source);
	x->source = line != NULL ? xstrdup(line) : NULL;
}

struct xlsx *
xlsx_open(const char *path)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	size_t n = strlen(path) + 5;
	x->path = xstrdup(path);
	x->tmp = xmalloc(n);
	snprintf(x->tmp, n, "%s.tmp", path);
	x->header_row = -1;
	x->data_last = -1;
	/* Today in Vietnam (UTC+7, no summer time), unless fixed for a test. */
	if (xlsx_set_date(x, getenv("SXSH_EXPORT_DATE")) < 0) {
		time_t now = time(NULL) + 7 * 3600;
		struct tm tm;
		gmtime_r(&now, &tm);
		set_ymd(x, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
	x->wb = workbook_new(x->tmp);
	if (x->wb == NULL) {
		x->failed = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return x;
	}
	for (int f = 0; f < XF__MAX; f++) {
		x->fmt[f] = workbook_add_format(x->wb);
		switch (f) {
		case XF_BOLD:
			format_set_bold(x->fmt[f]);
			break;
		case XF_TITLE:
			format_set_bold(x->fmt[f]);
			format_set_font_size(x->fmt[f], 14);
			break;
		case XF_HEAD:
			format_set_bold(x->fmt[f]);
			format_set_text_wrap(x->fmt[f]);
			format_set_align(x->fmt[f], LXW_ALIGN_VERTICAL_TOP);
			format_set_bottom(x->fmt[f], LXW_BORDER_THIN);
			break;
		default:
			format_set_num_format(x->fmt[f], xlsx_numfmt[f]);
		}
	}
	return x;
}

/*
 * The width of column c in characters: its widest cell, or its header up
 * to XLSX_HEAD_WRAP (a longer one wraps) but never narrower than the
 * header's longest word; plus a margin, within the floor and the ceiling.
 * 0 for a column with nothing in it.
 */
static int
col_width(const struct xlsx *x, int c)
{
	int w = x->width[c];
	int h = x->head_len[c] < XLSX_HEAD_WRAP ? x->head_len[c] : XLSX_HEAD_WRAP;
	if (h < x->head_word[c])
		h = x->head_word[c];
	if (w < h)
		w = h;
	if (w == 0)
		return 0;
	w += 2;
	return w < XLSX_WIDTH_MIN ? XLSX_WIDTH_MIN : w > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : w;
}

/*
 * Applies the column widths, the header row's height (the most lines a
 * wrapped header takes at its column's width), the print setup and the
 * autofilter of the current sheet.
 */
static void
sheet_finish(struct xlsx *x)
{
	if (x->ws == NULL)
		return;
	int lines = 1;
	for (int c = 0; c < XLSX_COLS_MAX; c++) {
		int w = col_width(x, c);
		if (w == 0)
			continue;
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
		/* The text area is the width less the margin of 2. */
		int l = (x->head_len[c] + (w - 2) - 1) / (w - 2);
		if (l > lines)
			lines = l;
	}
	if (x->header_row >= 0 && x->ncols > 0) {
		worksheet_set_row(x->ws, (lxw_row_t)x->header_row, XLSX_LINE_PT * lines, NULL);
		/* Printed on A4 across, the header again on every page. */
		worksheet_set_landscape(x->ws);
		worksheet_set_paper(x->ws, 9);
		worksheet_repeat_rows(x->ws, (lxw_row_t)x->header_row, (lxw_row_t)x->header_row);
		lxw_row_t last =
		    x->data_last >= 0 ? (lxw_row_t)x->data_last : (lxw_row_t)x->header_row;
		worksheet_autofilter(x->ws, (lxw_row_t)x->header_row, 0, last,
				     (lxw_col_t)(x->ncols - 1));
	}
}

static void
xlsx_free(struct xlsx *x)
{
	free(x->sheet_name);
	free(x->source);
	free(x->path);
	free(x->tmp);
	free(x);
}

int
xlsx_close(struct xlsx *x, char *err, size_t errsz)
{
	if (x == NULL) {
		snprintf(err, errsz, "no workbook");
		return -1;
	}
	int rc = -1;
	if (x->wb == NULL) {
		snprintf(err, errsz, "%s", lxw_strerror(x->failed));
		goto out;
	}
	sheet_finish(x);
	lxw_error e = workbook_close(x->wb);
	x->wb = NULL;
	if (x->failed == LXW_NO_ERROR)
		x->failed = e;
	if (x->failed != LXW_NO_ERROR) {
		snprintf(err, errsz, "%s: %s", x->path, lxw_strerror(x->failed));
		remove(x->tmp);
		goto out;
	}
	if (rename(x->tmp, x->path) != 0) {
		snprintf(err, errsz, "%s: cannot rename %s", x->path, x->tmp);
		remove(x->tmp);
		goto out;
	}
	rc = 0;
out:
	xlsx_free(x);
	return rc;
}

void
xlsx_discard(struct xlsx *x)
{
	if (x == NULL)
		return;
	if (x->wb != NULL) {
		/* libxlsxwriter has no "free without writing": write, then remove. */
		workbook_close(x->wb);
		remove(x->tmp);
	}
	xlsx_free(x);
}

int
xlsx_sheet(struct xlsx *x, const char *name)
{
	if (x->wb == NULL || x->failed != LXW_NO_ERROR)
		return -1;
	lxw_error e = workbook_validate_sheet_name(x->wb, name);
	if (e != LXW_NO_ERROR) {
		log_err("xlsx: sheet name %s: %s", name, lxw_strerror(e));
		x->failed = e;
		return -1;
	}
	sheet_finish(x);
	x->ws = workbook_add_worksheet(x->wb, name);
	if (x->ws == NULL) {
		x->failed = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return -1;
	}
	free(x->sheet_name);
	x->sheet_name = xstrdup(name);
	x->row = 0;
	x->col = 0;
	x->header_row = -1;
	x->data_last = -1;
	x->ncols = 0;
	memset(x->width, 0, sizeof(x->width));
	memset(x->head_len, 0, sizeof(x->head_len));
	memset(x->head_word, 0, sizeof(x->head_word));
	return 0;
}

/* Whether the cursor is on a writable cell of a workbook that has not failed. */
static int
cell_ok(struct xlsx *x)
{
	return x->ws != NULL && x->failed == LXW_NO_ERROR && x->col < XLSX_COLS_MAX;
}

static void
note(struct xlsx *x, lxw_error e, int width)
{
	if (e != LXW_NO_ERROR && x->failed == LXW_NO_ERROR)
		x->failed = e;
	/* Rows above the header (title, notes) must not widen their columns. */
	if (x->header_row >= 0 && x->row > (lxw_row_t)x->header_row && width > x->width[x->col])
		x->width[x->col] = width;
	x->col++;
}

static void
put_string(struct xlsx *x, const char *s, lxw_format *f)
{
	if (!cell_ok(x))
		return;
	if (s == NULL || s[0] == '\0') {
		xlsx_blank(x);
		return;
	}
	/* worksheet_write_string stores a string cell; it never parses a formula. */
	note(x, worksheet_write_string(x->ws, x->row, x->col, s, f), utf8_width(s));
}

void
xlsx_text(struct xlsx *x, const char *s)
{
	put_string(x, s, NULL);
}

void
xlsx_bold(struct xlsx *x, const char *s)
{
	put_string(x, s, x->fmt[XF_BOLD]);
}

/* Writes v with format f; width is the characters it shows at most. */
static void
put_number(struct xlsx *x, double v, enum xlsx_fmt f, int width)
{
	if (!cell_ok(x))
		return;
	if (!isfinite(v)) {
		xlsx_blank(x);
		return;
	}
	note(x, worksheet_write_number(x->ws, x->row, x->col, v, x->fmt[f]), width);
}

/* Characters of v shown with separators and decimals: digits, a separator per 3, sign. */
static int
num_width(double v, int decimals)
{
	double a = fabs(v);
	int digits = a < 10 ? 1 : (int)log10(a) + 1;
	return digits + (digits - 1) / 3 + (decimals > 0 ? decimals + 1 : 0) + (v < 0);
}

void
xlsx_number(struct xlsx *x, double v, int decimals)
{
	static const enum xlsx_fmt by_dec[] = {XF_NUM0, XF_NUM1, XF_NUM2, XF_NUM3};
	if (decimals < 0)
		decimals = 0;
	if (decimals > 3)
		decimals = 3;
	put_number(x, v, by_dec[decimals], isfinite(v) ? num_width(v, decimals) : 0);
}

void
xlsx_int(struct xlsx *x, int64_t v)
{
	put_number(x, (double)v, XF_INT, num_width((double)v, 0));
}

void
xlsx_plain(struct xlsx *x, double v)
{
	char s[32];
	/* Width: the characters of the shortest form, about what General shows. */
	int w = isfinite(v) ? snprintf(s, sizeof(s), "%.15g", v) : 0;
	put_number(x, v, XF_PLAIN, w);
}

void
xlsx_percent(struct xlsx *x, double fraction)
{
	xlsx_percent_dec(x, fraction, 1);
}

void
xlsx_percent_dec(struct xlsx *x, double fraction, int decimals)
{
	int d = decimals > 0 ? 1 : 0;
	put_number(x, fraction, d ? XF_PCT : XF_PCT0,
		   isfinite(fraction) ? num_width(fraction * 100, d) + 1 : 0);
}

void
xlsx_blank(struct xlsx *x)
{
	if (!cell_ok(x))
		return;
	/* An empty cell needs no record: libxlsxwriter drops unformatted blanks anyway. */
	x->col++;
}

void
xlsx_row_end(struct xlsx *x)
{
	if (x->col > 0 && x->header_row >= 0 && x->row > (lxw_row_t)x->header_row)
		x->data_last = (int)x->row;
	x->row++;
	x->col = 0;
}

int
xlsx_row(const struct xlsx *x)
{
	return (int)x->row;
}

/* Characters of the longest space-separated word of s. */
static int
longest_word(const char *s)
{
	int best = 0, cur = 0;
	for (; *s != '\0'; s++) {
		if (*s == ' ') {
			cur = 0;
			continue;
		}
		/* A UTF-8 continuation byte does not start a character. */
		if (((unsigned char)*s & 0xC0) != 0x80 && ++cur > best)
			best = cur;
	}
	return best;
}

void
xlsx_header(struct xlsx *x, const char *const *names, int n)
{
	if (x->ws == NULL)
		return;
	if (x->col > 0)
		xlsx_row_end(x);
	x->header_row = (int)x->row;
	x->ncols = n < XLSX_COLS_MAX ? n : XLSX_COLS_MAX;
	for (int c = 0; c < x->ncols; c++) {
		const char *s = names[c] != NULL ? names[c] : "";
		x->head_len[c] = utf8_width(s);
		x->head_word[c] = longest_word(s);
		put_string(x, s, x->fmt[XF_HEAD]);
	}
	worksheet_freeze_panes(x->ws, x->row + 1, 0);
	xlsx_row_end(x);
}

void
xlsx_title(struct xlsx *x, const char *title)
{
	if (!cell_ok(x))
		return;
	if (x->col > 0)
		xlsx_row_end(x);
	worksheet_set_row(x->ws, x->row, XLSX_TITLE_PT, NULL);
	put_string(x, title, x->fmt[XF_TITLE]);
	xlsx_row_end(x);
	/* The source row is there even when empty, so every sheet's rows keep their place. */
	if (x->source != NULL)
		xlsx_text(x, x->source);
	xlsx_row_end(x);
}

void
xlsx_codes_row(struct xlsx *x, const char *const *codes, int n)
{
	if (!cell_ok(x))
		return;
	if (x->col > 0)
		xlsx_row_end(x);
	lxw_row_col_options hidden = {.hidden = 1};
	lxw_error e = worksheet_set_row_opt(x->ws, x->row, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
	for (int c = 0; c < n && c < XLSX_COLS_MAX && e == LXW_NO_ERROR; c++)
		if (codes[c] != NULL && codes[c][0] != '\0')
			e = worksheet_write_string(x->ws, x->row, (lxw_col_t)c, codes[c], NULL);
	if (e != LXW_NO_ERROR && x->failed == LXW_NO_ERROR)
		x->failed = e;
	xlsx_row_end(x);
}

int
xlsx_chart(struct xlsx *x, enum xlsx_chart_kind kind, const char *title, int cat_col, int val_col,
	   const struct xlsx_series *s, int n, int percent)
{
	if (!cell_ok(x))
		return -1;
	if (x->col > 0)
		xlsx_row_end(x);
	lxw_chart *ch =
	    workbook_add_chart(x->wb, kind == XLSX_CHART_LINE ? LXW_CHART_LINE : LXW_CHART_COLUMN);
	if (ch == NULL) {
		x->failed = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return -1;
	}
	chart_title_set_name(ch, title);
	for (int i = 0; i < n; i++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		if (se == NULL) {
			x->failed = LXW_ERROR_MEMORY_MALLOC_FAILED;
			return -1;
		}
		chart_series_set_categories(se, x->sheet_name, (lxw_row_t)s[i].first,
					    (lxw_col_t)cat_col, (lxw_row_t)s[i].last,
					    (lxw_col_t)cat_col);
		chart_series_set_values(se, x->sheet_name, (lxw_row_t)s[i].first,
					(lxw_col_t)val_col, (lxw_row_t)s[i].last,
					(lxw_col_t)val_col);
		if (s[i].name != NULL)
			chart_series_set_name(se, s[i].name);
	}
	chart_axis_set_num_format(ch->y_axis, percent ? "0%" : "#,##0");
	if (percent) {
		chart_axis_set_min(ch->y_axis, 0);
		chart_axis_set_max(ch->y_axis, 1);
	}
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	lxw_chart_options place = {.x_scale = 1.5, .y_scale = 1.5};
	lxw_error e = worksheet_insert_chart_opt(x->ws, x->row + 1, 0, ch, &place);
	if (e != LXW_NO_ERROR) {
		x->failed = e;
		return -1;
	}
	/* The default chart is 15 rows high; scaled by 1.5, with a row of space above. */
	x->row += 25;
	return 0;
}
