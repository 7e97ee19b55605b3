/*
 * CSV import and export of facilities and annual reports, in the formats of
 * docs/csv-formats.md.  Import streams the file through libcsv, checks every
 * row against the reference data (loaded once into hash tables) and the
 * rows before it, and writes all rows in one transaction or none: the first
 * bad row stops the writing, the rest of the file is still checked so that
 * every bad row is reported, and the transaction is rolled back.  Export
 * writes the same formats in a fixed order, so export → import into a fresh
 * database → export gives the same bytes.
 *
 * The CLI (cli/cmd_import.c, cmd_export.c) and, later, the web upload page
 * are thin shells over these functions.
 */
#ifndef SXSH_MODEL_CSVIO_H
#define SXSH_MODEL_CSVIO_H

#include <stdio.h>

#include "util/buf.h"

struct db;

enum csvio_kind { CSVIO_FACILITIES, CSVIO_REPORTS, CSVIO__MAX };

/* Returns the kind named s ("facilities", "reports") or -1. */
int csvio_kind_parse(const char *s);
/* "facilities" or "reports". */
const char *csvio_kind_name(enum csvio_kind kind);

struct csvio_opts {
	int dry_run;  /* check everything, write nothing */
	int update;   /* facilities: an existing code updates that facility (version + 1) */
	int replace;  /* reports: an existing (facility, year) report has its lines replaced */
	int msg_lang; /* a row's reasons: 0 in both languages (the command line, logs);
			 LANG_VI + 1 or LANG_EN + 1 in that one (a page) */
};

/* What an import did (or, with dry_run, would do). */
struct csvio_stats {
	long rows;	      /* data rows read, blank rows not counted */
	long inserted;	      /* facilities or reports created */
	long updated;	      /* facilities updated or reports replaced */
	long lines;	      /* report lines written */
	long errors;	      /* error messages given */
	const char *encoding; /* as read: "UTF-8", "UTF-16 LE", "UTF-16 BE", "Windows-1258";
				 NULL when nothing was read; static */
	char sep;	      /* the separator, ',' or ';'; 0 when not decided */
};

/*
 * An error sink: called once per problem with the file name given to
 * csvio_import, the physical line (1 = header; 0 = the file as a whole), the
 * column name ("header" for the header, "row" for the row as a whole) and a
 * bilingual reason.  The strings are valid only during the call.
 */
typedef void csvio_err_fn(void *ctx, const char *name, long line, const char *column,
			  const char *reason);

/* Sinks: print "NAME:LINE: column: reason\n" to the FILE * ctx ... */
void csvio_err_print(void *ctx, const char *name, long line, const char *column,
		     const char *reason);
/* ... or append that line to the struct buf * ctx. */
void csvio_err_buf(void *ctx, const char *name, long line, const char *column, const char *reason);

/*
 * Imports the CSV read from in (name is used in messages only).  Returns 0
 * when every row is good (and, unless o->dry_run, all were written and the
 * meta generation bumped), 1 when some row is bad (each reported through
 * err; nothing written), -1 when reading or the database failed (reported
 * through err with line 0; nothing written).  The encoding (UTF-8, UTF-16
 * with a byte-order mark, else Windows-1258 when the first 64 KiB are not
 * UTF-8) and the separator (',' or ';', from the header line) are detected
 * and given in st; a ';' file's numbers are read the Vietnamese way
 * (parse_num_user).  UTF-16 without a byte-order mark, a tab-separated
 * file or a header that splits as well by ',' as by ';' is 1 with a single
 * error saying so.  One leading apostrophe of a text column is dropped
 * (see csvio_put_field); every field is held to the limits of validate.h,
 * as in the forms and the API.  st may be NULL.  Assumes the reference
 * data is loaded; runs its own transaction, so none may be open.
 */
int csvio_import(struct db *db, enum csvio_kind kind, FILE *in, const char *name,
		 const struct csvio_opts *o, csvio_err_fn *err, void *ctx, struct csvio_stats *st);
/* The same, reading the file at path (a file that cannot be opened is -1). */
int csvio_import_path(struct db *db, enum csvio_kind kind, const char *path,
		      const struct csvio_opts *o, csvio_err_fn *err, void *ctx,
		      struct csvio_stats *st);

/*
 * Rows fed by another reader (model/io/mapping.c: a foreign file read
 * through a column-mapping profile), checked and written exactly as the
 * rows of a CSV file: the same validation, the same transaction, all or
 * nothing.  csvio_rows_begin begins the transaction and loads the lookups
 * (a failure is reported through err and makes every later call a no-op
 * returning -1).  csvio_rows_put checks the row v (csvio_ncols(kind)
 * values in the format's order, NULL or "" for empty; text as stored,
 * numbers in the C locale's form) as the row at line; where, when not
 * NULL, names each column in the messages instead of the format's name
 * (where[c] NULL: the format's), so a problem points at the source file's
 * column.  It returns 0 when the row is good, 1 when it was reported bad,
 * -1 when the database failed.  csvio_rows_end (where as for the checks
 * that need every row) commits when every row was good, o->dry_run is 0
 * and refuse is 0 (the caller found no bad row of its own), else rolls
 * back; it returns 0, 1 or -1 as csvio_import, fills st (may be NULL) and
 * frees r.  Assumes no transaction is open.
 */
struct csvio_rows;
struct csvio_rows *csvio_rows_begin(struct db *db, enum csvio_kind kind, const char *name,
				    const struct csvio_opts *o, csvio_err_fn *err, void *ctx);
int csvio_rows_put(struct csvio_rows *r, long line, const char *const *v, const char *const *where);
int csvio_rows_end(struct csvio_rows *r, const char *const *where, int refuse,
		   struct csvio_stats *st);

/*
 * A record sink for csvio_scan: the header (first) and every non-blank row
 * with its n fields (UTF-8, NFC) and the physical line it starts on.  The
 * strings live until the call returns.  Returns 0 to go on, anything else
 * to stop the scan.
 */
typedef int csvio_raw_fn(void *ctx, long line, const char *const *fields, int n);

/*
 * Reads any CSV file as csvio_import does (the encoding detected, UTF-16 and
 * Windows-1258 converted, the separator ',' or ';' decided from the header
 * line by which splits out more of names, the nnames header texts
 * expected), handing each record to fn instead of checking it.  Problems of
 * the file itself go to err (ctx) as csvio_import's.  Returns 0, 1 when a
 * problem was reported, -1 when reading failed, or fn's non-zero value when
 * it stopped the scan; st (may be NULL) gets rows, encoding and sep.
 */
int csvio_scan(FILE *in, const char *name, const char *const *names, int nnames, csvio_raw_fn *fn,
	       void *fnctx, csvio_err_fn *err, void *ctx, struct csvio_stats *st);

/*
 * The export as rows, for writers other than CSV (the Excel export in
 * render/sheets.c).  The columns are those of the CSV format, in its order;
 * each has a type: text (codes, names, tax codes with their leading zeros),
 * an integer or a real number.
 */
enum csvio_type { CSVIO_TEXT = 't', CSVIO_INT = 'i', CSVIO_REAL = 'r' };

/* The number of columns of kind's format. */
int csvio_ncols(enum csvio_kind kind);
/* Column c's name ("tax_code"), static storage; c < csvio_ncols(kind). */
const char *csvio_col_name(enum csvio_kind kind, int c);
/*
 * Column c's label as a person reads it ("mã cơ sở", "facility code") in
 * lang (LANG_VI or LANG_EN); static storage; c < csvio_ncols(kind).
 */
const char *csvio_col_label(enum csvio_kind kind, int c, int lang);
/* Column c's type; c < csvio_ncols(kind). */
enum csvio_type csvio_col_type(enum csvio_kind kind, int c);

/*
 * A row sink: called once per data row with its n fields as the CSV writes
 * them (integers in decimal, reals in the shortest form that reads back
 * exactly with strtod), NULL for an empty field.  The strings are valid
 * only during the call.  Returns 0 to go on, -1 to stop the export.
 */
typedef int csvio_row_fn(void *ctx, const char *const *fields, int n);

/*
 * Calls fn for every facility, or every report line (only year's reports
 * when year > 0), in the export order of the CSV.  Returns 0; -1 with a
 * message in err (size errsz) when the database failed; or -1 with err
 * untouched when fn stopped it (fn reports its own reason).
 */
int csvio_export_rows(struct db *db, enum csvio_kind kind, int year, csvio_row_fn *fn, void *ctx,
		      char *err, size_t errsz);

/*
 * Writes every facility, or every report (only year's when year > 0), to
 * out.  Returns 0, or -1 with a message in err (size errsz) when the
 * database or the write failed.
 */
int csvio_export(struct db *db, enum csvio_kind kind, FILE *out, int year, char *err, size_t errsz);
/*
 * The same into the file at path, written as path.tmp and renamed over path
 * only when complete, so a failed export leaves no partial file.
 */
int csvio_export_path(struct db *db, enum csvio_kind kind, const char *path, int year, char *err,
		      size_t errsz);

/*
 * Writes the text s as one RFC 4180 field to out; every text cell of every
 * CSV sxsh writes goes through here.  A text starting with = + - @, a tab,
 * a CR or an apostrophe is written with an apostrophe before it, so that
 * Excel and LibreOffice never run it as a formula (OWASP "CSV injection");
 * csvio_import drops exactly one leading apostrophe of a text column, so
 * export → import gives s back.  The field is quoted (with doubled quotes)
 * when it would not read back unquoted: commas, quotes, line breaks, or
 * spaces at either end.  Numbers are not written through here.
 */
void csvio_put_field(FILE *out, const char *s);

#endif
