/*
 * Savings per unit of product of one facility against a baseline year:
 * saving = (SEC_base - SEC_year) / SEC_base with SEC in GJ per product unit
 * (calc_saving).  The default baseline of a product is the facility's first
 * report from KPI_BASELINE_FROM (2014) on, before the year, in which that
 * product's SEC is computable; a plan may pass its own base year.
 *
 * ISO 50006 baseline: when the baseline report has at least
 * SAVINGS_MIN_POINTS months with both energy (GJ of the lines reported with
 * a month) and the main product's monthly output (report_output_month), a
 * least-squares line E = a + b P (E in GJ, P in the product's unit) is
 * fitted (calc/regression.h).  The normalised saving for the year is
 * (Σ (a + b P_m) - Σ E_m) / Σ (a + b P_m) over the months of the year
 * that have both, or, when the year has fewer than SAVINGS_MIN_POINTS such
 * months, (12 a + b P_Y - E_Y) / (12 a + b P_Y) with the year's output P_Y
 * and E_Y the GJ of the carriers that were reported monthly in the
 * baseline.  A model with R² < 0.75 is returned but flagged.
 */
#ifndef SXSH_MODEL_SAVINGS_H
#define SXSH_MODEL_SAVINGS_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define SAVINGS_MIN_POINTS 12

struct saving {
	int64_t facility_id;
	const char *product;
	int base_year, year;		   /* base_year 0: no usable baseline */
	double sec_base, sec_year, saving; /* GJ per product unit; saving a fraction; NAN unknown */
	int has_model;
	double a, b, r2;
	int n_points;
	int flagged;		  /* r2 < 0.75 (or undefined) */
	double normalised_saving; /* NAN without a model */
};

/*
 * The savings of facility_id in year, one per product of its report of
 * that year (by product code), against base_year (0 = each product's
 * default).  Returns 0 with *out (free with savings_free) and *n (0 when
 * the facility has no report that year), or -1 with a bilingual message in
 * err on a database error.
 */
int savings_facility(struct db *db, int64_t facility_id, int year, int base_year,
		     struct saving **out, int *n, char *err, size_t errsz);
/*
 * The saving of product in report yr against the baseline report base, two
 * reports of one facility from a ledger (analytics/ledger.h), into *s
 * (facility_id, product, base_year and year are set by the caller or left
 * as they are): sec_base and sec_year (GJ per product unit, NAN when the
 * ledger cannot compute them), saving = (sec_base - sec_year) / sec_base,
 * and, when base has at least SAVINGS_MIN_POINTS monthly points of product
 * as its main product, the ISO 50006 model and the normalised saving.  The
 * one computation behind savings_facility and the plan's indicators
 * (kpi.c).  Pure: no I/O.
 */
struct ledger_report;
void savings_compare(const struct ledger_report *base, const struct ledger_report *yr,
		     const char *product, struct saving *s);
/*
 * The energy saving the indicators use: the normalised saving of an
 * adequate ISO 50006 model (has_model, R² >= 0.75) when there is one, else
 * the year-on-year saving per unit of product; NAN when neither is known.
 */
double savings_energy(const struct saving *s);

/* Frees what savings_facility returned; NULL is a no-op. */
void savings_free(struct saving *s, int n);

#endif
