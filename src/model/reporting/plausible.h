/*
 * Plausibility of reported quantities (docs/analytics.md, "Plausibility"),
 * from the limits of data/plausibility.csv (table plausibility).
 *
 * Hard limits: per line kind (energy, output, water, material), item (a
 * carrier or product code, or "*" for any) and unit dimension, the largest
 * yearly quantity any single facility could report.  A line above it is
 * refused by report_validate (form and API) and by the CSV import, with
 * an error naming the field; a monthly line is held to a twelfth of the
 * yearly limit, as the limits are fractions of what the country produces
 * or uses over the same period.
 *
 * Soft thresholds (TOE per employee, SEC against the norm, the jump from
 * last year, Tukey's fences among peers): a figure beyond one is a warning
 * on the report form's preview and a finding of `sxsh check`, never an
 * error.
 */
#ifndef SXSH_MODEL_PLAUSIBLE_H
#define SXSH_MODEL_PLAUSIBLE_H

#include <stddef.h>
#include <stdint.h>

#include "model/msg.h"

struct db;
struct ledger_report;

enum plaus_line { PLAUS_OUTPUT, PLAUS_ENERGY, PLAUS_WATER, PLAUS_MATERIAL, PLAUS__LINES };

/* The soft thresholds, by their code in data/plausibility.csv. */
enum plaus_soft {
	PLAUS_TOE_PER_EMPLOYEE, /* "toe_per_employee": TOE per employee */
	PLAUS_TOE_JUMP,		/* "toe_jump": change of total TOE from last year, percent */
	PLAUS_SEC_NORM_RATIO,	/* "sec_norm_ratio": SEC above norm x k or below norm / k */
	PLAUS_SEC_PEER_IQR,	/* "sec_peer_iqr": k of Tukey's fences among peers */
	PLAUS__SOFT
};

/* The limits and the unit table, loaded once (plaus_load). */
struct plaus;

/*
 * Loads the limits and the unit table.  Returns ST_OK with *out (free with
 * plaus_free) or ST_ERR (logged).  An empty table loads: nothing is then
 * limited.
 */
int plaus_load(struct db *db, struct plaus **out);
/* Frees p; NULL is a no-op. */
void plaus_free(struct plaus *p);

/*
 * The hard limit of a line of kind line for item in unit (a unit code),
 * expressed in that unit: the row of the item, else the row "*", whose
 * unit has unit's dimension, converted through the units' to_base; for a
 * monthly line (month 1-12) a twelfth of it.  INFINITY when no row
 * applies or the unit is unknown.
 */
double plaus_hard_limit(const struct plaus *p, enum plaus_line line, const char *item,
			const char *unit, int month);

/*
 * Whether qty is above plaus_hard_limit (compared to 10^-6 of the unit,
 * calc/exact.h): 1 with *m set to MSG_PL_HARD_YEAR (MSG_PL_HARD_MONTH for
 * a monthly line) about the field label (may be NULL), with item, qty, the
 * limit and unit as arguments; 0 otherwise (*m untouched).
 */
int plaus_hard_check(const struct plaus *p, enum plaus_line line, const char *item, double qty,
		     const char *unit, int month, const struct val_label *label, struct msg *m);

/* The soft threshold s, or NAN when data/plausibility.csv has no row for it. */
double plaus_soft_value(const struct plaus *p, enum plaus_soft s);

/*
 * Tukey's fences of sorted[0..n) with factor k: lo = Q1 - k IQR, hi = Q3 +
 * k IQR (quartiles of calc/stats.h).  Returns 0, or -1 (untouched) when
 * n < 4 or k is not finite.
 */
int plaus_fences(const double *sorted, size_t n, double k, double *lo, double *hi);

/*
 * The fences of the SECs (GJ per product unit) of product in year among
 * accepted reports of facilities other than facility_id, with k of
 * PLAUS_SEC_PEER_IQR, when there are at least BENCH_MIN_PEERS of them.
 * Returns 1 with *lo, *hi and *npeers, 0 when there are too few peers or
 * no k, -1 on a storage error (logged).
 */
int plaus_peer_fences(struct db *db, const struct plaus *p, const char *product, int year,
		      int64_t facility_id, double *lo, double *hi, int *npeers);

/* The employees of facility_id (facility.employees); 0 when unknown. */
int64_t plaus_employees(struct db *db, int64_t facility_id);
/*
 * Every facility whose employees are known, by id: fills *ids and *emp
 * (malloc'd, the caller frees both) and returns their number, or -1 on a
 * storage error (logged).
 */
int plaus_employees_all(struct db *db, int64_t **ids, int64_t **emp);

/* One warning: the figure it is about and why, with its numbers. */
struct plaus_warning {
	char field[48]; /* "energy.CARRIER", "output.PRODUCT", "toe_per_employee",
			   "sec_norm.PRODUCT", "sec.PRODUCT", "toe" */
	struct msg m;
};

/* The peers' fences of a product (plaus_review); 1 with lo, hi, 0 none, -1 error. */
typedef int plaus_fences_fn(void *ctx, const char *product, double *lo, double *hi);

/*
 * The warnings of r, in this order:
 *   energy.CARRIER / output.PRODUCT: a carrier's total (every line summed,
 *     in its native unit) or a product's output above its hard limit (a
 *     report stored before the limits, or several lines each within);
 *   toe_per_employee: total TOE / employees above the threshold (employees
 *     > 0 and the TOE complete);
 *   sec_norm.PRODUCT: SEC above norm x k or below norm / k;
 *   toe: when prev (the facility's report of the year before) is given,
 *     total TOE changed by more than the jump threshold (both complete);
 *   sec.PRODUCT: when fences is given, SEC in GJ per unit outside them.
 * Appends to *w (xrealloc'd; *n counts) and returns the number added.
 */
int plaus_review(const struct plaus *p, const struct ledger_report *r, int64_t employees,
		 const struct ledger_report *prev, plaus_fences_fn *fences, void *ctx,
		 struct plaus_warning **w, int *n);

#endif
