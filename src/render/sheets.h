/*
 * The spreadsheets sxsh hands to officials (render/xlsx.h): the key energy
 * users of a year and the plan's indicators, built once here for both
 * `sxsh keyusers|kpi --format xlsx` and the pages' "Tải Excel / Download
 * Excel" links (sent by web_sheets_send, web/web_int.h), so the command and
 * the page give the same file.  The columns are those of the commands' CSV,
 * with numbers as numbers.  The public facility directory's download holds
 * the directory's columns.  The builders read the model's results; they
 * know nothing of HTTP.
 */
#ifndef SXSH_RENDER_SHEETS_H
#define SXSH_RENDER_SHEETS_H

#include <stddef.h>

#include "model/io/csvio.h"

struct arena;
struct db;
struct facility_filter;
struct keyuser;
struct keyuser_list;
struct kpi_result;
struct name;
struct xlsx;

/*
 * The language of a workbook's column headers and labels: the codes of the
 * commands' CSV (the command line's workbooks), or the words of a
 * Vietnamese or English page ("Tỷ lệ", "Độ bao phủ", "TOE trấu").  Codes
 * that identify a row (a facility's code, a group's code) stay as they are.
 */
enum sheets_lang { SHEETS_CODES, SHEETS_VI, SHEETS_EN };

/*
 * The carrier codes present in l (key users and those that cannot be
 * computed), sorted and unique: the per-carrier TOE columns of the
 * key-user list.  Returns their number and *codes (free()
 * the array; the strings are l's and live as long as l).
 */
int sheets_ku_carriers(const struct keyuser_list *l, const char ***codes);
/* TOE of carrier code in k: NAN when a line did not convert, 0 when not used. */
double sheets_ku_carrier_toe(const struct keyuser *k, const char *code);

/*
 * Adds the sheet "Trọng điểm": a title, the threshold and its legal
 * reference, the counts of key users and of facilities that cannot be
 * computed, then code, tax_code, name, district, sector, toe, status,
 * derived_only, missing and toe_<carrier> columns (the CSV of `sxsh
 * keyusers`): the key users by TOE, then those that cannot be computed by
 * code.  Returns 0, or -1 when the workbook failed.
 */
int sheets_keyusers(struct xlsx *x, const struct keyuser_list *l);
/*
 * sheets_keyusers with headers and statuses in lang; carriers (ncarriers
 * entries of code and names, may be NULL) names the per-carrier columns
 * ("TOE trấu"); a carrier not in it keeps its code.
 */
int sheets_keyusers_lang(struct xlsx *x, const struct keyuser_list *l, enum sheets_lang lang,
			 const struct name *carriers, int ncarriers);
/*
 * Adds the sheet "Toàn tỉnh" (the province series of years first..last)
 * and one sheet per breakdown in mask (KPI_BY_BIT), with the columns of
 * `sxsh kpi --format csv`: shares, coverage and targets as percents,
 * counts as integers.  Groups with no active facility in a year are left
 * out, as in the CSV.  Returns 0, or -1 when the workbook failed.
 */
int sheets_kpi(struct xlsx *x, const struct kpi_result *r, unsigned mask, int first, int last);
/* sheets_kpi with headers, breakdowns, indicators and group names in lang. */
int sheets_kpi_lang(struct xlsx *x, const struct kpi_result *r, unsigned mask, int first, int last,
		    enum sheets_lang lang);

/* Data rows one sheet holds: Excel's 1,048,576 rows less the header. */
#define SHEETS_ROWS_MAX 1048575L

/*
 * Adds the sheet "Cơ sở" (kind facilities) or "Báo cáo" (reports, only
 * year's when year > 0) holding the rows of `sxsh export` in the CSV's
 * columns and order, under a bold, frozen header with an autofilter.  Text
 * columns (codes, tax codes, names) are strings, so a tax code keeps its
 * leading zero; integer and real columns are numbers: employees with
 * thousands separators, cost_vnd with separators and no decimals, the rest
 * (years, months, flags, coordinates, quantities) in General format.
 * Returns 0, or -1 with a bilingual message in err (size errsz) when the
 * database failed, the rows do not fit one sheet (SHEETS_ROWS_MAX) or the
 * workbook failed.  *rows (may be NULL) gets the data rows written.  The
 * reports' workbook has a second sheet, "Tệp đính kèm": facility_code,
 * year and the number of files attached to each report (the CSV has no
 * such column: it must import back as it is).
 */
int sheets_export(struct xlsx *x, struct db *db, enum csvio_kind kind, int year, long *rows,
		  char *err, size_t errsz);

/*
 * Adds the sheet "Cơ sở" ("Facilities" when en) of the public directory:
 * every active facility matching f (its page ignored) in the directory's
 * order, with the page's public columns and nothing else: name, sector
 * code, sector name, administrative unit, ownership, size, as text under a
 * bold, frozen header, names and labels in Vietnamese or, when en, English.
 * Rows are streamed from the database (facility_each), so only the search
 * key is taken from a.  Returns 0, or -1 when the database failed, the rows
 * do not fit one sheet (SHEETS_ROWS_MAX) or the workbook failed.  *rows (may
 * be NULL) gets the data rows written.
 */
int sheets_facilities(struct xlsx *x, struct db *db, struct arena *a,
		      const struct facility_filter *f, int en, long *rows);

#endif
