/*
 * The spreadsheets sxsh hands to officials (render/xlsx.h): the key energy
 * users of a year, the plan's indicators, the exports and the public
 * directory, built once here for both `sxsh keyusers|kpi|export --format
 * xlsx` and the pages' "Tải Excel / Download Excel" links (sent by
 * web_sheets_send, web/web_int.h), so the command and the page give the
 * same file.  Every sheet opens with its title, the source and the date of
 * the export (sheets_source), then its header in words; numbers are
 * numbers with display formats.  The builders read the model's results;
 * they know nothing of HTTP.
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
 * The language of a workbook's titles, column headers and labels: the
 * command line's workbooks and the Vietnamese pages write Vietnamese, the
 * English pages English.  Codes that identify a row (a facility's code, a
 * tax code, a group's code) stay as they are.
 */
enum sheets_lang { SHEETS_VI, SHEETS_EN };

/*
 * Sets the source line of x's titles (xlsx_set_source) in lang: "Nguồn:
 * sxsh — Sở Công Thương tỉnh An Giang. Ngày xuất: 03/12/2026", the
 * province being the province-level unit of the reference data valid on
 * x's date (model/io/sheetinfo.h), the date x's (xlsx_date).  Without a
 * province unit the line names the Department alone.  Returns 0, or -1 on
 * a storage error (the line then names no province).
 */
int sheets_source(struct xlsx *x, struct db *db, enum sheets_lang lang);

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
 * Adds the sheet "Trọng điểm", the list of key energy users of l's year
 * in the layout of the yearly list the province sends to the Ministry
 * (Decree 21/2011/NĐ-CP Art. 7; docs/user-guide.md): the title rows, the
 * threshold with its legal reference and the counts, then the header and
 * one row per facility: STT (the key users numbered by TOE), tên cơ sở,
 * địa chỉ, ngành nghề, năng lượng tiêu thụ quy đổi (TOE), then sxsh's own
 * columns: facility code, tax code, district, status, derived factor only,
 * what is missing and the TOE of each carrier.  The facilities that cannot
 * be computed follow, unnumbered, by code.  db (may be NULL: the address
 * shows the district, the sector its code) gives each facility's address
 * and sector name, and to sheets_keyusers the carriers' names.  Returns 0,
 * or -1 when the workbook or the database failed.
 */
int sheets_keyusers(struct xlsx *x, struct db *db, const struct keyuser_list *l);
/*
 * sheets_keyusers in lang; carriers (ncarriers entries of code and names,
 * may be NULL) names the per-carrier columns ("TOE Trấu"); a carrier not
 * in it keeps its code.
 */
int sheets_keyusers_lang(struct xlsx *x, struct db *db, const struct keyuser_list *l,
			 enum sheets_lang lang, const struct name *carriers, int ncarriers);
/*
 * Adds the sheet "Toàn tỉnh" (the province series of years first..last,
 * indicator by indicator, each indicator's years together) with a native
 * chart of the share of active facilities meeting each indicator by year
 * under the table (columns for one year, lines for several), its series
 * referring to the sheet's cells; then
 * one sheet per breakdown in mask (KPI_BY_BIT), year by year.  The columns
 * are those of `sxsh kpi --format csv` headed in words: shares, coverage
 * and targets as percents, counts as grouped integers, years plain.
 * Groups with no active facility in a year are left out, as in the CSV.
 * Returns 0, or -1 when the workbook failed.
 */
int sheets_kpi(struct xlsx *x, const struct kpi_result *r, unsigned mask, int first, int last);
/* sheets_kpi with titles, headers, breakdowns, indicators and group names in lang. */
int sheets_kpi_lang(struct xlsx *x, const struct kpi_result *r, unsigned mask, int first, int last,
		    enum sheets_lang lang);

/* The rows above the data of every sheet: title, source, a note or the codes, header. */
#define SHEETS_TOP_ROWS 4
/* Data rows one sheet holds: Excel's 1,048,576 rows less the rows above them. */
#define SHEETS_ROWS_MAX (1048576L - SHEETS_TOP_ROWS)

/*
 * Adds the sheet "Cơ sở" (kind facilities) or "Báo cáo" (reports, only
 * year's when year > 0) holding the rows of `sxsh export` in the CSV's
 * columns and order: the title rows, the CSV's column codes in a hidden
 * row (a program finds the columns by them), the header in Vietnamese
 * words, frozen, with an autofilter.  After a column of reference codes
 * comes a column of their names, not in the CSV (sector_name,
 * admin_unit_name; item_name: the carrier, water source or material;
 * product_name).  Text columns (codes, tax codes, names) are strings, so
 * a tax code keeps its leading zero; statuses, ownership, size and the
 * kind of a report line show their Vietnamese names; employees are
 * grouped integers, cost_vnd grouped
 * đồng, quantities grouped with two decimals (util/fmt.h FMT_QTY); years, months,
 * flags and coordinates stay plain (General).  Returns 0, or -1 with a
 * bilingual message in err (size errsz) when the database failed, the rows
 * do not fit one sheet (SHEETS_ROWS_MAX) or the workbook failed.  *rows
 * (may be NULL) gets the data rows written.  The reports' workbook has a
 * second sheet, "Tệp đính kèm": facility code, year and the number of
 * files attached to each report (the CSV has no such column).
 */
int sheets_export(struct xlsx *x, struct db *db, enum csvio_kind kind, int year, long *rows,
		  char *err, size_t errsz);

/*
 * Adds the sheet "Cơ sở" ("Facilities" when en) of the public directory:
 * every active facility matching f (its page ignored) in the directory's
 * order, with the page's public columns and nothing else: name, sector
 * code, sector name, administrative unit, ownership, size, as text under
 * the title rows and a bold, frozen header, names and labels in Vietnamese
 * or, when en, English.
 * Rows are streamed from the database (facility_each), so only the search
 * key is taken from a.  Returns 0, or -1 when the database failed, the rows
 * do not fit one sheet (SHEETS_ROWS_MAX) or the workbook failed.  *rows (may
 * be NULL) gets the data rows written.
 */
int sheets_facilities(struct xlsx *x, struct db *db, struct arena *a,
		      const struct facility_filter *f, int en, long *rows);

/* -- assessment options -- */

struct cp_option;
struct cp_target;
/*
 * Adds the sheet "Giải pháp" ("Options" in English) of the n options v of
 * one assessment (model/assess/option.h, as option_list reads them): the
 * title naming the assessment (title), the source, the column codes in a
 * hidden row, the header in words (frozen), then one row per option: seq,
 * title, kind, off-site, what it addresses (named from the nt targets t),
 * triage, reason for rejection, status, date implemented (dd/mm/yyyy),
 * capex, annual saving (the first year's flow when flows are given), the
 * paybacks in years (blank when never), NPV, IRR as a percent, the IRR's
 * status in words, the weighted score, TOE and CO2 per year and the year of
 * the factors.  VND whole and grouped, years and scores with two decimals.
 * Returns 0, or -1 when the workbook failed.
 */
int sheets_options(struct xlsx *x, const struct cp_option *v, int n, const struct cp_target *t,
		   int nt, const char *title, enum sheets_lang lang);

/* -- options across assessments -- */
struct optstat_result;
/*
 * Adds the sheets of the CP options across assessments
 * (model/assess/option_stats.h) in lang: "Giải pháp SXSH" (title, source,
 * the totals' sentence in A3, then the header in row 4, one row per option
 * and the totals of the counted ones in the last row) and "Hoàn vốn" (the
 * payback by sector and kind, fastest first in each sector).  0 or -1.
 */
int sheets_options_across(struct xlsx *x, const struct optstat_result *r, enum sheets_lang lang);

#endif
