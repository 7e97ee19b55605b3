/*
 * The campaign workbook (docs/workbook-format.md, the contract with the
 * reader of model/survey/wbimport.c): one .xlsx per district or per
 * facility of a survey campaign, written with libxlsxwriter from what
 * campaign_book_load (model/survey/campaign.h) read.  It knows nothing of
 * the database.
 *
 * Sheets, in order: "Hướng dẫn" (instructions in Vietnamese), "Cơ sở",
 * the report's sheets ("Sản phẩm", "Năng lượng", "Nước", "Nguyên liệu",
 * "Tình trạng SXSH") when the campaign asks for the report, "Đăng ký"
 * when it asks for the registration, "Danh mục" (the drop-down lists) and
 * the hidden "_sxsh".  Each data sheet has the title in row 1, the hidden
 * key row 2, the bold headers in row 3 (rows 1-3 frozen, with the code and
 * name columns), the prefilled rows from row 4 and WORKBOOK_BLANK_ROWS
 * blank rows more carrying the same drop-downs.  Sheets are protected
 * without a password: rows 1-3 and the prefilled code and name cells are
 * locked, every other data cell is unlocked.  Every sheet prints on A4
 * landscape, one page wide, rows 1-3 repeated on each page; the
 * instructions wrap inside one wide column.
 */
#ifndef SXSH_RENDER_WORKBOOK_H
#define SXSH_RENDER_WORKBOOK_H

#include <stddef.h>

struct campaign_book;

/* Blank rows under the prefilled ones of each data sheet. */
#define WORKBOOK_BLANK_ROWS 200
/* Blank rows of each data sheet inside its print area (the rest are for the screen). */
#define WORKBOOK_PRINT_BLANK 10
/* The layout version written into _sxsh!A2. */
#define WORKBOOK_LAYOUT 1

/*
 * Writes the workbook of b to path: first to PATH.tmp, renamed over path
 * only when complete, so a failure never leaves half a file.  Returns 0, or
 * -1 with an English detail in err (size errsz).
 */
int workbook_write(const char *path, const struct campaign_book *b, char *err, size_t errsz);

struct campaign;
struct campaign_progress;
struct xlsx;
/*
 * Adds the sheet "Tiến độ" ("Progress" when en) to x (render/xlsx.h): the
 * campaign's title, year and deadline, then one row per district with
 * invited, opened, draft, submitted and accepted counts as numbers, and
 * the total.  The same file for `sxsh campaign progress --format xlsx` and
 * the page's download.  Returns 0, or -1 when the workbook failed.
 */
int workbook_progress(struct xlsx *x, const struct campaign *c, const struct campaign_progress *p,
		      int en);

#endif
