/*
 * The plan's indicators (KPIs) per year: the share of in-scope active
 * facilities that are aware of cleaner production, have CP staff, apply CP,
 * and apply CP while saving at least the plan's minimum energy per unit of
 * product, each with its coverage, and the same per administrative unit.
 * Used by the dashboard pages, the API and `sxsh stats`.
 *
 * Rules (DESIGN.md "Computations"; "unknown is not no"):
 *   active in Y   opened_year IS NULL OR opened_year <= Y, and
 *                 closed_year IS NULL OR closed_year > Y;
 *   yes / known   among active facilities, those whose report of Y has the
 *                 field 1 / has it not NULL;
 *   share         yes / known (NAN when known = 0);
 *   coverage      known / active (NAN when active = 0).
 * applies_cp_saving: yes = cp_applied 1 and saving >= min_saving_pct;
 * known = cp_applied 0, or cp_applied 1 with a computable saving.  Saving =
 * (SEC_base - SEC_Y) / SEC_base, SEC = total TOE of the year's energy lines
 * (factor valid in that year, units converted within their dimension) per
 * unit of the main product (largest output in the baseline year).  The
 * baseline is the facility's first report in a year >= KPI_BASELINE_FROM
 * with output > 0 and every energy line convertible; the saving is
 * computable for a later year with energy convertible and main-product
 * output > 0.  Applying facility-years without a computable saving are
 * counted in not_computable, never taken as zero.
 *
 * The whole computation loads its rows with a few set-oriented queries and
 * keeps the factors in memory; it does not write to the database.
 */
#ifndef SXSH_MODEL_KPI_H
#define SXSH_MODEL_KPI_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* The first year a facility's baseline may be taken from. */
#define KPI_BASELINE_FROM 2014

enum kpi_indicator { KPI_AWARE, KPI_CP_STAFF, KPI_APPLIES_CP, KPI_APPLIES_CP_SAVING, KPI__MAX };

struct kpi_value {
	int year;
	long yes, known, active;
	double share;	 /* yes/known, NAN if known == 0 */
	double coverage; /* known/active, NAN if active == 0 */
};

struct kpi_series {
	enum kpi_indicator ind;
	const char *code; /* "aware", "cp_staff", "applies_cp", "applies_cp_saving" */
	const char *name_vi, *name_en;
	double target_pct;	    /* NAN when the plan sets none */
	int target_from, target_by; /* 0 when the plan gives none */
	struct kpi_value *values;   /* one per year, first_year..last_year */
};

struct kpi_unit_row {
	const char *unit_code, *unit_name;
	struct kpi_value v[KPI__MAX];
};

struct kpi_result {
	char plan_code[64];
	int first_year, last_year, nyears;
	double min_saving_pct; /* from the plan's saving_per_unit target; NAN if none */
	long not_computable;   /* applying facility-years whose saving could not be computed */
	struct kpi_series series[KPI__MAX];
	/* breakdown for by_unit_year (set in kpi_compute's argument), one row per admin unit */
	int by_unit_year, nunits;
	struct kpi_unit_row *units;
};

/*
 * Computes the plan's indicators for every year first_year..last_year and the
 * breakdown by administrative unit for by_unit_year (0 = none). Returns 0 and
 * *out (free with kpi_result_free) or -1 with a message in err.
 *
 * first_year > last_year gives no years (nyears 0, values NULL) but still
 * checks the plan.  An unknown plan_code is an error ("kế hoạch không tồn
 * tại / unknown plan").  Facilities in a commune are counted under the
 * commune's parent unit; units[] lists, in admin_unit id order, every unit
 * with at least one facility, with active/known/yes for by_unit_year.
 * Strings in the result are static or owned by it.
 */
int kpi_compute(struct db *db, const char *plan_code, int first_year, int last_year,
		int by_unit_year, struct kpi_result **out, char *err, size_t errsz);
/* Frees r and everything it owns; NULL is a no-op. */
void kpi_result_free(struct kpi_result *r);

/* The years that have reports: min and max year in report; -1 if none. */
int kpi_year_range(struct db *db, int *first, int *last);

/* Rows of one table (kpi_table_rows). */
struct kpi_table_count {
	char name[64];
	int64_t rows; /* -1: a table of the schema the count statement does not cover */
};

/*
 * Row counts of every table of the schema, sorted by name.  Returns the
 * number of tables and *out (free with free()), or -1 on a database error.
 */
int kpi_table_rows(struct db *db, struct kpi_table_count **out);

#endif
