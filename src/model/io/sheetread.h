/*
 * Reading spreadsheets as they come from offices: .xlsx (Excel, LibreOffice,
 * Google Sheets), .xls (Excel 97-2003, through libfreexl) and .ods
 * (LibreOffice).  The reader streams: an .xlsx or .ods sheet is read with
 * libxml2's xmlTextReader straight out of the zip (libzip), never as a
 * DOM, so memory stays bounded by the longest row and the shared strings.
 *
 * Every sheet is read in workbook order, hidden ones included, and each
 * row that holds at least one non-empty cell is handed to a callback with
 * its cells sorted by column.  Rows and columns are 1-based, as Excel
 * numbers them; sheetread_ref writes the address users see ("D7").
 *
 * What libfreexl cannot tell, an .xls read cannot either: its sheets are
 * all reported visible (hidden = 0) and its boolean cells are left out.
 * Limits: Excel's 1,048,576 rows × 16,384 columns, 4 M shared strings,
 * 1 GiB unpacked in all and a part packed more than 200:1 refused.
 */
#ifndef SXSH_MODEL_SHEETREAD_H
#define SXSH_MODEL_SHEETREAD_H

#include <stddef.h>

enum sheetread_format { SHEETREAD_XLSX, SHEETREAD_XLS, SHEETREAD_ODS };

enum sheetread_type {
	SHEETREAD_TEXT,	  /* a string (shared, inline or a formula's string result) */
	SHEETREAD_NUMBER, /* a number, date or time (the serial number) or a boolean (0/1) */
	SHEETREAD_ERROR,  /* an error value such as #DIV/0!; text holds it */
};

struct sheetread_cell {
	int col; /* 1-based: A = 1 */
	enum sheetread_type type;
	const char *text; /* UTF-8, NFC; for a number, its shortest round-trip form */
	double num;	  /* the number; 0 for text */
};

struct sheetread_sheet {
	const char *name; /* as the workbook names it, UTF-8 */
	int index;	  /* 0-based, workbook order */
	int hidden;	  /* 1 when hidden or very hidden */
};

/*
 * Called once per row holding a non-empty cell, rows in increasing order
 * within a sheet.  cells (ncells > 0) are sorted by col, empty cells left
 * out; the strings live until the call returns.  Return 0 to go on, any
 * other value to stop reading (sheetread_* then returns that value).
 */
typedef int sheetread_row_fn(void *ctx, const struct sheetread_sheet *sh, long row,
			     const struct sheetread_cell *cells, int ncells);

/* The format of path from its name (.xlsx, .xls, .ods, any case); -1 when none. */
int sheetread_format_of(const char *path);

/*
 * Reads every sheet of the workbook at path in format fmt, calling fn for
 * each row.  Returns 0 when read to the end, the callback's value when it
 * stopped, or -1 with a bilingual reason in err (size errsz) when the file
 * cannot be read (not a zip, a damaged part, a password, out of limits).
 */
int sheetread_path(const char *path, enum sheetread_format fmt, sheetread_row_fn *fn, void *ctx,
		   char *err, size_t errsz);

/* Writes the address of col, row ("D7", "AA12") into out (size n >= 16); returns out. */
char *sheetread_ref(char *out, size_t n, int col, long row);

#endif
