/*
 * Database and CSV fixtures the unit and HTTP tests share: a new database
 * with the embedded reference data and a literal SQL fixture, the header
 * lines of the two CSV import formats (docs/csv-formats.md), and importing
 * or exporting a CSV text through model/io/csvio.c.  Every helper fails the
 * running cmocka test on error, so callers need no checks of their own.
 * Include after <cmocka.h>'s prerequisites (stdarg, stddef, setjmp, stdint).
 */
#ifndef SXSH_TEST_FIXTURE_H
#define SXSH_TEST_FIXTURE_H

#include "model/io/csvio.h"

struct db;

/* The header line of `sxsh import facilities`, newline included. */
#define FX_FH                                                                                      \
	"code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,size,employees,"           \
	"opened_year,closed_year,status\n"
/* The header line of `sxsh import reports`, newline included. */
#define FX_RH                                                                                      \
	"facility_code,year,status,cp_aware,cp_staff,cp_unit,cp_applied,line,item,product,month,"  \
	"quantity,unit,cost_vnd\n"

/*
 * A new migrated database tu_db_new(name) with the embedded reference data
 * and then the literal SQL fixture_sql (NULL for none).  The caller closes it.
 */
struct db *fx_db_new(const char *name, const char *fixture_sql);
/*
 * Imports text as the CSV of kind through the file tu_path(name), with the
 * default options; fails the test, quoting the import's messages, unless
 * every row is imported.
 */
void fx_import(struct db *db, enum csvio_kind kind, const char *name, const char *text);
/* The CSV export of kind (year 0: every year) as a malloc'd string the caller frees. */
char *fx_export(struct db *db, enum csvio_kind kind, int year);

/*
 * Asserts that the CSV export of kind (every year) is want, byte for byte
 * (the same length, then the same bytes: want may hold NUL-free text only).
 */
void fx_assert_export(struct db *db, enum csvio_kind kind, const char *want);
/*
 * A text of exactly n bytes (n >= 1), malloc'd: "\u1ea1" (3 bytes e1 ba a1)
 * as often as it fits before the last byte, then 'a' for the rest, so that
 * byte and character counts differ (for the length limits).
 */
char *fx_text_of(size_t n);

#endif
