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

#endif
