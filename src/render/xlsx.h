/*
 * A small spreadsheet writer over libxlsxwriter for what officials take
 * into Excel and hand on (key energy users, plan indicators, exports).  It
 * knows nothing of the model: a workbook is a list of sheets, a sheet a
 * grid filled row by row through a cursor.  Numbers are stored as numbers
 * with a built-in-style display format ("#,##0.00", "0.0%": ',' groups
 * and '.' marks the decimals in the format code, and Excel shows them
 * with the user's locale separators, "1.234,5" in a Vietnamese Excel);
 * years and codes are never grouped.  Text is always stored as a string,
 * never as a formula, so a facility name starting with '=' stays text.
 *
 * A sheet meant to be handed on opens with its title rows (xlsx_title):
 * what it is, then the source line with the date of the export, set once
 * per workbook (xlsx_set_source; the date is today's in Vietnam unless the
 * environment's SXSH_EXPORT_DATE=yyyy-mm-dd or xlsx_set_date fixes it, for
 * tests).  The header row is bold and wraps long names, the sheet is
 * frozen below it, and each column is as wide as its widest text in
 * characters (not bytes), within a floor and a ceiling.
 *
 * The workbook is written to PATH.tmp and renamed over PATH only when it
 * is complete (xlsx_close), so a failed write never leaves half a file.
 * Writing calls on a failed workbook are no-ops; xlsx_close reports it.
 */
#ifndef SXSH_RENDER_XLSX_H
#define SXSH_RENDER_XLSX_H

#include <stddef.h>
#include <stdint.h>

struct xlsx;

/* Columns of a sheet the writer tracks widths for; cells beyond are dropped. */
#define XLSX_COLS_MAX 64

/* Starts a workbook for path.  Never NULL (out of memory aborts); free with xlsx_close or
 * xlsx_discard. */
struct xlsx *xlsx_open(const char *path);
/*
 * Finishes the workbook: writes PATH.tmp and renames it over PATH.  Frees
 * x in every case (NULL is a no-op and returns -1).  Returns 0, or -1 with
 * an English detail in err (no file is left behind).
 */
int xlsx_close(struct xlsx *x, char *err, size_t errsz);
/* Frees x without writing anything; NULL is a no-op. */
void xlsx_discard(struct xlsx *x);

/*
 * Adds a sheet named name (at most 31 characters, none of []:*?/\; UTF-8
 * such as "Trọng điểm" is fine) and moves the cursor to its first cell.
 * Returns 0, or -1 when libxlsxwriter refuses the name (the workbook is
 * then failed).
 */
int xlsx_sheet(struct xlsx *x, const char *name);
/*
 * Writes the n column names at the cursor's row in bold, wrapped when
 * longer than XLSX_HEAD_WRAP characters, freezes the sheet below that row
 * (title rows included) and puts an autofilter on it, over every row
 * written after it; the sheet prints on A4 landscape with that row on
 * every page.  Moves to the next row.
 */
void xlsx_header(struct xlsx *x, const char *const *names, int n);

/* Header names longer than this (characters) wrap onto more lines. */
#define XLSX_HEAD_WRAP 18

/*
 * The date of the export, yyyy-mm-dd: 0, or -1 (nothing changed) when iso
 * is not a valid date.  xlsx_open sets today's (Vietnam, UTC+7) or the
 * environment's SXSH_EXPORT_DATE when that is a valid date.
 */
int xlsx_set_date(struct xlsx *x, const char *iso);
/* The date of the export as dd/mm/yyyy ("03/12/2026"); valid as long as x. */
const char *xlsx_date(const struct xlsx *x);
/* The same as yyyy-mm-dd (for looking up what was valid on that day). */
const char *xlsx_date_iso(const struct xlsx *x);
/*
 * The line every title names the source and date by ("Nguồn: sxsh — Sở
 * Công Thương tỉnh An Giang. Ngày xuất: 03/12/2026"), copied; NULL: none.
 */
void xlsx_set_source(struct xlsx *x, const char *line);
/*
 * At the top of a new sheet: title in bold, larger type, then the source
 * line on the next row (left empty when none is set), each in column A and overflowing to the
 * right (they do not widen the column).  Moves the cursor below them.
 */
void xlsx_title(struct xlsx *x, const char *title);
/*
 * A hidden row holding the n column codes ("tax_code") at the cursor's
 * row: a program reads the columns by them, a person sees the header
 * under it.  Does not widen the columns.  Moves to the next row.
 */
void xlsx_codes_row(struct xlsx *x, const char *const *codes, int n);

/* The cells: each writes at the cursor and moves one column right. */
void xlsx_text(struct xlsx *x, const char *s); /* NULL: blank */
void xlsx_bold(struct xlsx *x, const char *s); /* a title; NULL: blank */
/* A number shown with decimals (0..3) and thousands separators; NAN: blank. */
void xlsx_number(struct xlsx *x, double v, int decimals);
void xlsx_int(struct xlsx *x, int64_t v);
/*
 * A number with no display format (Excel's "General", no thousands
 * separators): years, months, 0/1 flags, coordinates, quantities.  The full
 * double is stored; NAN: blank.
 */
void xlsx_plain(struct xlsx *x, double v);
/* A fraction shown as a percent with one decimal (0.452 -> 45.2%); NAN: blank. */
void xlsx_percent(struct xlsx *x, double fraction);
/* The same with no decimal (decimals 0: 0.5 -> 50%) or one (any other); NAN: blank. */
void xlsx_percent_dec(struct xlsx *x, double fraction, int decimals);
void xlsx_blank(struct xlsx *x);
/* Moves the cursor to the first column of the next row. */
void xlsx_row_end(struct xlsx *x);
/* The cursor's row, 0-based (row 1 of the sheet is 0). */
int xlsx_row(const struct xlsx *x);

/* One series of a chart: its name and its rows (0-based, first..last). */
struct xlsx_series {
	const char *name;
	int first, last;
};
/* The kinds of chart: bars side by side, or a line per series. */
enum xlsx_chart_kind { XLSX_CHART_COLUMN, XLSX_CHART_LINE };
/*
 * A native chart of kind of the current sheet's cells, titled title, with
 * the n series s: categories from column cat_col and values from column
 * val_col (0-based) of each series' rows; the value axis shows percents
 * when percent (the cells hold fractions), else grouped integers.  The
 * chart is anchored at the cursor's row, column A, and the cursor moves
 * below it.  Returns 0, or -1 when the workbook failed.
 */
int xlsx_chart(struct xlsx *x, enum xlsx_chart_kind kind, const char *title, int cat_col,
	       int val_col, const struct xlsx_series *s, int n, int percent);

#endif
