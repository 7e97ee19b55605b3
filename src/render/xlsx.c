/*
 * The spreadsheet writer (xlsx.h) over libxlsxwriter.  libxlsxwriter keeps
 * the workbook in memory (shared strings, not constant-memory mode, so
 * repeated district and sector names are stored once) and writes the zip
 * at workbook_close; the writer points it at PATH.tmp and renames.  The
 * cursor, the header row of the current sheet and the widest text of each
 * column are kept here; widths and the autofilter are applied when the
 * sheet is finished (at the next xlsx_sheet or at xlsx_close), because only
 * then is the last row known.
 */
#include "render/xlsx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "util/alloc.h"
#include "util/log.h"
#include "util/fold.h"

/* Cell formats, created once per workbook. */
enum xlsx_fmt {
	XF_BOLD,
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
static const char *const xlsx_numfmt[XF__MAX] = {
    [XF_BOLD] = NULL,	     [XF_PLAIN] = "General", [XF_INT] = "#,##0",
    [XF_NUM0] = "#,##0",     [XF_NUM1] = "#,##0.0",  [XF_NUM2] = "#,##0.00",
    [XF_NUM3] = "#,##0.000", [XF_PCT] = "0.0%",	     [XF_PCT0] = "0%",
};

/* Column widths in characters: a floor so short headers stay readable, a ceiling for names. */
enum { XLSX_WIDTH_MIN = 8, XLSX_WIDTH_MAX = 60 };

struct xlsx {
	char *path, *tmp;
	lxw_workbook *wb;
	lxw_format *fmt[XF__MAX];
	lxw_worksheet *ws; /* current sheet, NULL before the first */
	lxw_row_t row;
	lxw_col_t col;
	int header_row; /* -1: the sheet has no header */
	int ncols;	/* of the header */
	int width[XLSX_COLS_MAX];
	lxw_error failed; /* first error, LXW_NO_ERROR while fine */
};

struct xlsx *
xlsx_open(const char *path)
{
	struct xlsx *x = xcalloc(1, sizeof(*x));
	size_t n = strlen(path) + 5;
	x->path = xstrdup(path);
	x->tmp = xmalloc(n);
	snprintf(x->tmp, n, "%s.tmp", path);
	x->header_row = -1;
	x->wb = workbook_new(x->tmp);
	if (x->wb == NULL) {
		x->failed = LXW_ERROR_MEMORY_MALLOC_FAILED;
		return x;
	}
	for (int f = 0; f < XF__MAX; f++) {
		x->fmt[f] = workbook_add_format(x->wb);
		if (f == XF_BOLD)
			format_set_bold(x->fmt[f]);
		else
			format_set_num_format(x->fmt[f], xlsx_numfmt[f]);
	}
	return x;
}

/* Applies the column widths and the autofilter of the current sheet. */
static void
sheet_finish(struct xlsx *x)
{
	if (x->ws == NULL)
		return;
	for (int c = 0; c < XLSX_COLS_MAX; c++) {
		if (x->width[c] == 0)
			continue;
		int w = x->width[c] + 2;
		w = w < XLSX_WIDTH_MIN ? XLSX_WIDTH_MIN : w > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : w;
		worksheet_set_column(x->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
	if (x->header_row >= 0 && x->ncols > 0) {
		lxw_row_t last = x->col > 0 ? x->row : x->row - 1;
		if (last < (lxw_row_t)x->header_row)
			last = (lxw_row_t)x->header_row;
		worksheet_autofilter(x->ws, (lxw_row_t)x->header_row, 0, last,
				     (lxw_col_t)(x->ncols - 1));
	}
}

static void
xlsx_free(struct xlsx *x)
{
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
	x->row = 0;
	x->col = 0;
	x->header_row = -1;
	x->ncols = 0;
	memset(x->width, 0, sizeof(x->width));
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
	/* A title row spanning the sheet must not widen its first column. */
	if (x->header_row >= 0 || x->ncols > 0)
		if (width > x->width[x->col])
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
	x->row++;
	x->col = 0;
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
	for (int c = 0; c < x->ncols; c++)
		xlsx_bold(x, names[c]);
	worksheet_freeze_panes(x->ws, x->row + 1, 0);
	xlsx_row_end(x);
}
