/*
 * A small spreadsheet writer over libxlsxwriter for what officials take
 * into Excel (key energy users, plan indicators).  It knows nothing of the
 * model: a workbook is a list of sheets, a sheet a grid filled row by row
 * through a cursor.  Numbers are stored as numbers with a display format
 * ("#,##0.00", "0.0%"), so Excel shows them in the user's locale; text is
 * always stored as a string, never as a formula, so a facility name
 * starting with '=' stays text.
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
 * Writes the n column names at the cursor's row in bold, freezes the
 * sheet below that row and puts an autofilter on it, over every row
 * written after it.  Moves to the next row.
 */
void xlsx_header(struct xlsx *x, const char *const *names, int n);

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

#endif
