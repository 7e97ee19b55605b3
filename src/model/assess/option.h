/*
 * The CP options of an assessment (issue 13 items 3-5; DOMAIN.md §5): what
 * an option addresses (a waste or emission line of the balance, or one of
 * its causes), its kind among the eight CP techniques (with the "off-site"
 * flag for by-products made outside the plant), its triage (implement now,
 * study further, rejected with a reason), its expected effects per year
 * (energy by carrier, materials, water, waste; TOE and CO2 through the
 * ledger; the operating cost change), its feasibility (capex, explicit
 * yearly cash flows or a constant saving over a life, the discount rate;
 * simple and discounted payback, NPV and IRR by model/calc/finance.h; the
 * weighted score of the criteria with the assessment's weights) and its
 * implementation (proposed -> planned -> in_progress -> implemented, with
 * the date and the actual cost).
 *
 * Access is the assessment's (assess_open): options are added, edited and
 * deleted with ASSESS_CONTENT, their implementation moved with
 * ASSESS_TRACK.  Each option has its own version (a stale form or PATCH is
 * ST_CONFLICT); every write is audited ("cp_option.*").
 */
#ifndef SXSH_MODEL_ASSESS_OPTION_H
#define SXSH_MODEL_ASSESS_OPTION_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/assess/assessment.h"
#include "model/calc/finance.h"
#include "model/doc/workflow.h"

struct arena;
struct db;

#define OPTION_EFFECTS_MAX 20

/* One expected effect per year: a quantity saved (positive) or added (negative). */
struct cp_effect {
	int stream;	     /* index in names_stream: material, energy, water or waste */
	const char *carrier; /* energy: the carrier's code; else NULL */
	const char *name;    /* materials and waste: what; "" otherwise */
	double qty;
	const char *unit; /* a code of the unit table */
	/* energy, through the ledger (NAN when a factor is missing) */
	double toe, co2_t;
};

struct cp_option {
	int64_t id, assessment_id, version;
	int seq; /* 1, 2, ... within the assessment */
	const char *title, *description;
	int64_t waste_item_id, cause_id; /* 0: none */
	int kind;			 /* index in names_option_kind */
	int offsite;
	int triage; /* index in names_triage */
	const char *reject_reason;
	int status; /* index in names_option_status */
	/* finance inputs: VND, years, fractions */
	double capex;
	int has_flows; /* cash_flows[0..nflows) given; else annual_saving over life_years */
	int nflows;
	double cash_flows[FIN_YEARS_MAX];
	double annual_saving; /* NAN when not given */
	int life_years;	      /* 0 when not given */
	double discount_rate;
	double opcost_change;	     /* VND per year, negative = lower cost; NAN when not given */
	double score[FIN_CRIT__MAX]; /* 0..10, NAN when not given */
	const char *implemented_on;  /* ISO or "" */
	double actual_cost;	     /* NAN when not given */
	int neffects;
	struct cp_effect effects[OPTION_EFFECTS_MAX];
	/* computed */
	int fin_ok; /* the inputs give cash flows: fin holds the results */
	struct fin_result fin;
	double weighted_score; /* NAN when a score or the weights are missing */
	double toe, co2_t;     /* sums of the energy effects per year (NAN: a factor missing) */
	int factor_year;       /* the year whose factors converted them (the assessment's, or
				  the latest earlier one with a grid factor) */
};

/*
 * The options of assessment id as who sees it, by seq: ST_OK, ST_NOTFOUND
 * or ST_ERR; strings and the array in a.
 */
int option_list(struct db *db, const struct principal *who, int64_t assessment_id, struct arena *a,
		struct cp_option **out, int *n);
/* Option id as who sees it (through its assessment): ST_OK, ST_NOTFOUND or ST_ERR. */
int option_get(struct db *db, const struct principal *who, int64_t id, struct arena *a,
	       struct cp_option *out);

/*
 * An option as typed (canonical numbers; dates dd/mm/yyyy or ISO).
 * cash_flows is a list of yearly amounts separated by ';' or newlines
 * (year 1 first), or blank when annual_saving and life_years are given.
 * effects[i] is one effect line; a line whose every field is blank is
 * skipped.  Codes: kind, triage, status, effect stream, carrier, unit.
 */
struct cp_effect_input {
	const char *stream, *carrier, *name, *qty, *unit;
};
struct cp_option_input {
	const char *title, *description, *waste_item_id, *cause_id, *kind, *offsite, *triage,
	    *reject_reason, *capex, *cash_flows, *annual_saving, *life_years, *discount_rate,
	    *opcost_change, *score_tech, *score_fin, *score_env;
	int neffects;
	struct cp_effect_input effects[OPTION_EFFECTS_MAX];
};

/*
 * Adds an option to assessment assessment_id (ASSESS_CONTENT; version: the
 * assessment's as the form knew it, 0 for no check): ST_OK with *id,
 * ST_NOTFOUND, ST_FORBIDDEN, ST_STATE, ST_CONFLICT, ST_INVALID (errs by
 * the input's field names, "effects[2].qty" for lines), ST_ERR or ST_FULL.
 */
int option_create(struct db *db, const struct principal *who, int64_t assessment_id,
		  int64_t version, const struct cp_option_input *in, int64_t *id,
		  struct wf_errors *errs);
/* Replaces option id's content if its version is still version: as option_create. */
int option_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  const struct cp_option_input *in, struct wf_errors *errs);
/* Deletes option id (ASSESS_CONTENT) if its version is still version. */
int option_delete(struct db *db, const struct principal *who, int64_t id, int64_t version);

/*
 * Moves option id's implementation (ASSESS_TRACK): status a code of
 * names_option_status; implemented needs implemented_on (a date) and
 * takes actual_cost (VND, optional); a rejected option is not moved past
 * proposed.  As option_update.
 */
int option_set_status(struct db *db, const struct principal *who, int64_t id, int64_t version,
		      const char *status, const char *implemented_on, const char *actual_cost,
		      struct wf_errors *errs);

/*
 * What an option may address: a waste or emission line of the
 * assessment's balance (cause_id 0) or one of its causes, by process step.
 */
struct cp_target {
	int64_t item_id, cause_id;
	const char *item_name, *step_name, *cause; /* cause "" for a line */
};
/*
 * The lines and causes of assessment id as who sees it, each line
 * followed by its causes: ST_OK, ST_NOTFOUND or ST_ERR; strings and the
 * array in a.
 */
int option_targets(struct db *db, const struct principal *who, int64_t assessment_id,
		   struct arena *a, struct cp_target **out, int *n);

#endif
