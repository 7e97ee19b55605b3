/*
 * Data-quality checks over the reports (`sxsh check`, the review pages).
 * Each finding names the facility, the year, the field and the reason in
 * Vietnamese and English.  The checks:
 *   report        a report with neither outputs nor energy lines;
 *   output        energy reported but no output above zero;
 *   energy        output reported but no energy line;
 *   sec.PRODUCT   SEC (GJ per product unit) outside Tukey's fences
 *                 (Q1 - k IQR, Q3 + k IQR, k = sec_peer_iqr of
 *                 data/plausibility.csv, 1.5) of the same product and
 *                 year, when that group has at least BENCH_MIN_PEERS peers;
 *   toe           total TOE changed by more than toe_jump (50 %) from the
 *                 facility's report of the previous year (both complete and
 *                 the previous one above zero);
 *   energy.CARRIER  a line whose unit or factor (TOE, GJ, grid, CO2) is
 *                 missing for the year (one finding per carrier, unit and
 *                 kind of factor); or the carrier's yearly total above its
 *                 hard plausibility limit (model/reporting/plausible.h);
 *   output.PRODUCT  an output above its hard plausibility limit;
 *   toe_per_employee  total TOE per employee above toe_per_employee;
 *   sec_norm.PRODUCT  SEC more than sec_norm_ratio (3) times its legal
 *                 norm, or less than the norm divided by it.
 * Findings are sorted by facility code, year, field and reason.
 */
#ifndef SXSH_MODEL_CHECK_H
#define SXSH_MODEL_CHECK_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct finding {
	int64_t facility_id;
	const char *facility_code;
	int year;
	const char *field;
	const char *reason_vi, *reason_en;
};

/*
 * Runs every check on the reports of year (0 = all years).  Returns 0 with
 * *out (free with check_free) and *n findings, or -1 with a bilingual
 * message in err on a database error.
 */
int check_run(struct db *db, int year, struct finding **out, int *n, char *err, size_t errsz);
/* Frees the findings and their strings; NULL is a no-op. */
void check_free(struct finding *f, int n);

#endif
