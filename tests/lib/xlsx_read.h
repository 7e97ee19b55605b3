/*
 * Reading a workbook back in the tests: an .xlsx is a zip of XML parts
 * (libzip + libxml2's xmlReader), so a test can check chosen cells for
 * their exact value and type and count a sheet's rows.  Every helper fails
 * the running cmocka test when the file is not a zip.  Include after
 * <cmocka.h>'s prerequisites (stdarg, stddef, setjmp, stdint).
 */
#ifndef SXSH_TEST_XLSX_READ_H
#define SXSH_TEST_XLSX_READ_H

#include <stddef.h>

/* Part name of the workbook at path, NUL-terminated and malloc'd; NULL if absent. */
char *xr_part(const char *path, const char *name);
/*
 * The text of element <want> number idx (0-based) of xml, children's text
 * joined, or its attribute attr when attr is not NULL, into out (size n).
 * Returns 1 when that element exists, else 0.
 */
int xr_nth_text(const char *xml, const char *want, const char *attr, int idx, char *out, size_t n);
/*
 * Cell ref ("B2") of sheet number sheet (1-based) of the workbook at path:
 * its type into type (16 bytes: "s" shared string, "n" number, "str",
 * "inlineStr") and its value into val (size n), shared strings resolved.
 * Returns 1, or 0 when the cell is absent.
 */
int xr_cell(const char *path, int sheet, const char *ref, char *type, char *val, size_t n);
/* The number of <row> elements of sheet number sheet (header rows included). */
int xr_rows(const char *path, int sheet);

/*
 * The number format code of cell ref of sheet number sheet into out (size
 * n): its style's numFmtId looked up in xl/styles.xml, the built-in ids
 * Excel does not spell out (0 "General", 3 "#,##0", 9 "0%"…) spelled here.
 * Returns 1, or 0 when the cell is absent.
 */
int xr_numfmt(const char *path, int sheet, const char *ref, char *out, size_t n);
/* Attribute attr of the first element want of sheet number sheet (pane ySplit…); 1 or 0. */
int xr_sheet_attr(const char *path, int sheet, const char *want, const char *attr, char *out,
		  size_t n);
/* The width of column col (1-based) of sheet number sheet from its <col>; -1 when unset. */
double xr_col_width(const char *path, int sheet, int col);
/*
 * Attribute attr of row r (1-based) of sheet number sheet (hidden, ht,
 * customHeight) into out (size n); 1, or 0 when the row or the attribute
 * is absent.
 */
int xr_row_attr(const char *path, int sheet, int r, const char *attr, char *out, size_t n);

#endif
