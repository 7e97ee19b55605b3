/*
 * The plan's indicators (KPIs) per year: the share of in-scope active
 * facilities that are aware of cleaner production, have CP staff, apply CP,
 * and apply CP while saving at least the plan's minimum energy per unit of
 * product, each with its coverage; and the same broken down by
 * administrative unit, sector (VSIC division or class), ownership and size.
 * Used by the dashboard and indicator pages, `sxsh stats` and `sxsh kpi`.
 *
 * Rules (docs/analytics.md "Plan indicators"; "unknown is not no"):
 *   active in Y   opened_year IS NULL OR opened_year <= Y, and
 *                 closed_year IS NULL OR closed_year >= Y: a facility
 *                 closing in Y counts in Y (facility_active_in, the rule
 *                 the key-user list applies too);
 *   yes / known   among active facilities, those whose accepted report of Y
 *                 has the field 1 / has it not NULL (drafts, submitted and
 *                 returned reports are not counted yet);
 *   share         yes / known (NAN when known = 0);
 *   share_active  yes / active (NAN when active = 0), the lower bound the
 *                 target is compared with;
 *   coverage      known / active (NAN when active = 0).
 * applies_cp_saving: yes = cp_applied 1 and a saving of at least
 * min_saving_pct; known = cp_applied 0, or cp_applied 1 with a computable
 * saving.  The saving is measured per unit of the main product of the
 * baseline (the ledger's main product: largest output) against the
 * baseline, the facility's first report in a year >= the plan's start
 * year (plan.start_year; KPI_BASELINE_FROM when the plan has none) whose
 * main product has a SEC the ledger computes.  Energy is required: the
 * savings model of analytics/savings.h on the ledger's GJ (the ISO 50006
 * normalised saving when the baseline has 12 monthly points and an
 * adequate model, else (SEC_base - SEC_Y) / SEC_base); water and each
 * material reported in both years count too, and every measure counted
 * must save at least the minimum (docs/analytics.md, "The saving").
 * Applying facility-years without a computable saving are counted in
 * not_computable, never taken as zero.
 *
 * Evidence from assessments (docs/analytics.md, "Evidence from
 * assessments"): an assessment accepted or sustaining with an implemented
 * option dated on or before 31/12 of Y shows that its facility applies CP
 * in Y and every later year.  Such an active facility-year counts yes
 * (known) for applies_cp whatever its report says (or without a report:
 * the evidence is an answer of its own); for applies_cp_saving its saving
 * is measured against the facility's last accepted report before the
 * year of the earliest implementation (as model/assess/measured.h does),
 * and without a report of Y or a baseline it is not computable.  The yes
 * that only the evidence gives are counted in from_assessments too.
 *
 * Pilot models (plan_target "pilot_models", 78/KH-UBND: 1 by 2015): the
 * assessments with pilot = 1 accepted or sustaining, counted by the year
 * of accepted_on, cumulative (kpi_result.pilots).
 *
 * The administrative unit of a facility in year Y is the one it belonged
 * to on 31/12 of Y: its facility_unit_history row covering that date (migration
 * 0002), else facility.admin_unit_id.  That unit is then grouped: a commune
 * whose parent is a district counts under the district (the three-tier
 * units before 1/7/2025); a unit no longer valid on 31/12 of Y counts under
 * its successor (following at most KPI_SUCCESSOR_HOPS links), so a facility
 * left in a district abolished in 2025 counts under the new province for
 * 2025, and a facility moved to a new commune from 1/7/2025 counts under
 * its old district for 2024 and under the commune for 2025.
 *
 * The whole computation loads its rows with a few set-oriented queries and
 * keeps the factors in memory; it does not write to the database.  Its cost
 * grows linearly with facilities and reports; every breakdown of every year
 * comes from the same single pass.
 */
#ifndef SXSH_MODEL_KPI_H
#define SXSH_MODEL_KPI_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* The first year a facility's baseline may be taken from, for a plan without a start year. */
#define KPI_BASELINE_FROM 2014
/* Successor links followed from an abolished unit (admin_unit.successor_id). */
#define KPI_SUCCESSOR_HOPS 8

/*
 * KPI_CP_UNIT is Decision 1419/QĐ-TTg's "90 % of medium and large
 * enterprises have a dedicated CP unit" (2016-2020): cp_unit among the
 * active facilities of size medium or large only (its population), for
 * every plan; its target is the plan_target row "cp_unit" whose
 * scope_filter is "size=medium,large".
 */
enum kpi_indicator {
	KPI_AWARE,
	KPI_CP_STAFF,
	KPI_APPLIES_CP,
	KPI_APPLIES_CP_SAVING,
	KPI_CP_UNIT,
	KPI__MAX
};

/*
 * Both shares of an indicator (docs/analytics.md, "Both shares"): of the
 * facilities whose answer is known (an estimate, meaningful with its
 * coverage) and of every active facility of the indicator's population (a
 * lower bound: an unknown answer counted as no).  The target is compared
 * with share_active (kpi_target_met).
 */
struct kpi_value {
	int year;
	long yes, known, active;
	double share;	       /* yes/known, NAN if known == 0 */
	double share_active;   /* yes/active, NAN if active == 0 */
	double coverage;       /* known/active, NAN if active == 0 */
	long from_assessments; /* of yes: counted on the evidence of a CP assessment
				  (below), the report saying no or nothing */
};

/* One target of a plan for an indicator: pct within from..by (inclusive). */
struct kpi_target {
	double pct;
	int from, by; /* from: the row's from_year, else the plan's start year */
};
#define KPI_TARGETS_MAX 4

struct kpi_series {
	enum kpi_indicator ind;
	const char *code; /* "aware", "cp_staff", "applies_cp", "applies_cp_saving", "cp_unit" */
	const char *name_vi, *name_en;
	const char *short_vi, *short_en; /* column headers: "Áp dụng SXSH", "Apply CP" */
	/* The plan's latest target (NAN / 0 when it sets none); targets[] has every one. */
	double target_pct;
	int target_from, target_by;
	int ntargets;
	struct kpi_target targets[KPI_TARGETS_MAX]; /* latest by first */
	struct kpi_value *values;		    /* one per year, first_year..last_year */
};

/*
 * The target of s that applies in year: the one whose period from..by
 * holds it, or NULL.  Outside every period no target is set: 78/KH-UBND's
 * 2016-2020 targets are not compared with 2014 or 2025.
 */
const struct kpi_target *kpi_target_at(const struct kpi_series *s, int year);
/*
 * Whether v meets target t: share_active x 100 >= t->pct, to 10^-6 of a
 * percentage point (calc/exact.h).  1 met, 0 not met, -1 when t is NULL or
 * the share is undefined.
 */
int kpi_target_met(const struct kpi_value *v, const struct kpi_target *t);

struct kpi_result;
/*
 * How many of r's indicators have a target in year; 0 means the plan sets
 * none for that year (the pages and the command then say so).
 */
int kpi_targets_in(const struct kpi_result *r, int year);

struct kpi_unit_row {
	const char *unit_code, *unit_name;
	struct kpi_value v[KPI__MAX];
};

/* What a breakdown groups by. */
enum kpi_by {
	KPI_BY_UNIT,	  /* the district-level unit of the year (see above) */
	KPI_BY_SECTOR,	  /* VSIC division: the first two digits of the sector code */
	KPI_BY_CLASS,	  /* the facility's own sector code (VSIC class) */
	KPI_BY_OWNERSHIP, /* state|private|fdi|household|cooperative */
	KPI_BY_SIZE,	  /* micro|small|medium|large */
	KPI_BY__MAX
};
#define KPI_BY_BIT(b) (1u << (b))
#define KPI_BY_ALL    ((1u << KPI_BY__MAX) - 1)

/* "unit", "sector", "class", "ownership", "size"; NULL for a bad value. */
const char *kpi_by_name(enum kpi_by by);
/* The enum kpi_by named name, or -1. */
int kpi_by_parse(const char *name);

/* One group of a breakdown. */
struct kpi_group {
	const char *code; /* admin unit code, VSIC code, ownership or size code */
	const char *name_vi, *name_en;
	const char *level;   /* admin units: province|district|commune; else NULL */
	struct kpi_value *v; /* nyears x KPI__MAX; use kpi_group_value */
};

struct kpi_breakdown {
	enum kpi_by by;
	int first_year, last_year, nyears; /* nyears 0: not computed */
	/*
	 * Every group some facility falls in during first_year..last_year
	 * (active or not): admin units in id order, sectors by code, ownership
	 * and size in the schema's order.  A group may have active = 0 in a
	 * year (all its facilities closed, or moved elsewhere).
	 */
	int ngroups;
	struct kpi_group *groups;
};

/* The value of indicator k for group g in year, or NULL if year is outside the breakdown. */
const struct kpi_value *kpi_group_value(const struct kpi_breakdown *b, int g, int year,
					enum kpi_indicator k);

/* What to compute (kpi_compute_query). */
struct kpi_query {
	const char *plan_code;
	int first_year, last_year; /* the series; first > last: none */
	unsigned by_mask;	   /* KPI_BY_BIT of each breakdown wanted; 0: none */
	int by_first, by_last;	   /* the breakdowns' years */
};

/* The plan's pilot models against its target (kpi_result.pilots). */
struct kpi_pilots {
	double target; /* NAN when the plan sets none */
	int from, by;  /* the target's years */
	long at_by;    /* pilots accepted on or before 31/12 of by */
	long total;    /* every accepted pilot */
	int met;       /* at_by >= target: 1, 0; -1 without a target */
	long *cum;     /* per series year: accepted on or before its 31/12 */
};

struct kpi_result {
	char plan_code[64];
	int first_year, last_year, nyears;
	double min_saving_pct; /* from the plan's saving_per_unit target; NAN if none */
	long not_computable;   /* applying facility-years whose saving could not be computed */
	struct kpi_series series[KPI__MAX];
	int baseline_from; /* the first year a baseline may be taken from */
	struct kpi_pilots pilots;
	/* breakdown for by_unit_year (kpi_compute only), one row per admin unit */
	int by_unit_year, nunits;
	struct kpi_unit_row *units;
	/* breakdowns asked for in kpi_query.by_mask (others have nyears 0) */
	struct kpi_breakdown by[KPI_BY__MAX];
};

/*
 * Computes the plan's indicators for the series years and every breakdown
 * of q->by_mask for every year q->by_first..q->by_last, in one pass.
 * Returns 0 and *out (free with kpi_result_free) or -1 with a message in
 * err; an unknown plan is an error ("kế hoạch không tồn tại / unknown
 * plan").  units/nunits stay empty.  Strings in the result are static or
 * owned by it.
 */
int kpi_compute_query(struct db *db, const struct kpi_query *q, struct kpi_result **out, char *err,
		      size_t errsz);

/*
 * Computes the plan's indicators for every year first_year..last_year and the
 * breakdown by administrative unit for by_unit_year (0 = none). Returns 0 and
 * *out (free with kpi_result_free) or -1 with a message in err.
 *
 * first_year > last_year gives no years (nyears 0, values NULL) but still
 * checks the plan.  An unknown plan_code is an error ("kế hoạch không tồn
 * tại / unknown plan").  units[] is the KPI_BY_UNIT breakdown of
 * by_unit_year (see the unit rule above): in admin_unit id order, every unit
 * with at least one facility in that year, with its active/known/yes.
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
