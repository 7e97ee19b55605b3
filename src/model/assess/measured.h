/*
 * Expected versus measured savings of implemented CP options (issue 13,
 * item 5; docs/analytics.md, "Measured savings of implemented options").
 * Everything here is computed when asked; nothing is stored.
 *
 * Expected: an option's energy effects (cp_option_effect, stream energy,
 * a quantity of a carrier in a unit saved per year) converted to TOE and
 * CO2 through the ledger (ledger_of_lines) for the year it was implemented
 * (else the assessment's year), and its money per year: annual_saving,
 * else the first of its cash flows.
 *
 * Measured: per facility, not per option (the options of a facility share
 * one measured saving).  The baseline is the facility's last accepted
 * report of a year before the year of its earliest implementation whose
 * main product has a SEC the ledger computes; each accepted report of the
 * implementation year or later is compared with it by savings_compare
 * (analytics/savings.h: SEC per unit of the baseline's main product, or
 * the ISO 50006 model where the baseline has 12 monthly points), and
 * savings_energy picks the figure.  A saving s of the energy that would
 * have been used at the year's output is, in TOE, E * s / (1 - s) with E
 * the TOE the ledger attributes to the main product that year (for the
 * SEC figure this is (SEC_base - SEC_year) x output); its CO2 is that TOE
 * times the year's report's CO2 per TOE.  A facility or year whose saving
 * cannot be computed carries the reason (enum measured_why), never zero.
 */
#ifndef SXSH_MODEL_ASSESS_MEASURED_H
#define SXSH_MODEL_ASSESS_MEASURED_H

#include <stdint.h>

#include "model/msg.h"

struct arena;
struct db;

/* Why a measured saving is or is not known. */
enum measured_why {
	MEASURED_OK,
	MEASURED_NO_OPTION,	 /* no implemented option with its date */
	MEASURED_NO_BASELINE,	 /* no accepted report before the implementation year
				    with a computable SEC of its main product */
	MEASURED_NO_LATER,	 /* no accepted report of the implementation year or later */
	MEASURED_PRODUCT_GONE,	 /* the year's report has no output of the baseline's product */
	MEASURED_NOT_COMPUTABLE, /* the year's SEC is not computable (energy or factor missing) */
	MEASURED__MAX
};

/* The message saying why (MSG_NONE for MEASURED_OK). */
enum msg_id measured_why_msg(enum measured_why why);

/* One option as the results and the case study show it. */
struct measured_option {
	int64_t id, assessment_id;
	int seq;
	const char *title;
	int kind, triage, status;   /* indexes in names_option_kind, names_triage,
				       names_option_status */
	const char *implemented_on; /* ISO, or "" */
	int year;		    /* its effects' conversion year: implemented_on's, else
				       the assessment's */
	double capex;		    /* VND */
	double exp_vnd;		    /* VND per year: annual_saving, else the first cash flow;
				       NAN when neither */
	double payback;		    /* capex / exp_vnd, years; NAN when not computable */
	double exp_toe, exp_co2_t;  /* per year; NAN when an effect does not convert;
				       0 when it has no energy effect */
	int neffects;		    /* energy effects */
	double share;		    /* of the facility's expected TOE (implemented options);
				       NAN when not an implemented one or the total is 0 */
	double measured_toe;	    /* share x the facility's measured TOE; NAN unknown */
};

/* One year compared with the baseline. */
struct measured_year {
	int year;
	enum measured_why why;
	double output;		     /* of the baseline's main product */
	double sec_base, sec_year;   /* GJ per product unit */
	double saving;		     /* fraction (savings_energy); NAN unknown */
	int has_model, flagged;	     /* the ISO 50006 model was used / is weak */
	double toe_saved, co2_saved; /* per year; NAN unknown */
};

struct measured_facility {
	int64_t facility_id;
	enum measured_why why; /* MEASURED_OK when the latest year with a report is computable */
	int impl_year;	       /* year of the earliest implementation; 0 none */
	int base_year;	       /* 0: no baseline */
	const char *product, *product_unit;  /* the baseline's main product; NULL none */
	const char *product_vi, *product_en; /* its names */
	int nyears;
	struct measured_year *years;	    /* the implementation year on, by year */
	const struct measured_year *latest; /* the latest computable year, or NULL */
	int noptions;
	struct measured_option *options;    /* implemented options, by implementation date */
	double exp_toe, exp_co2_t, exp_vnd; /* sums over options; NAN when one is unknown */
};

/*
 * The measured savings of facility_id with its implemented options.
 * Strings and arrays in a.  Returns 0 or -1 with a bilingual message in
 * err (database errors only).
 */
int measured_facility(struct db *db, int64_t facility_id, struct arena *a,
		      struct measured_facility *out, char *err, size_t errsz);

/*
 * Every option of assessment_id (whatever its status), by seq, with its
 * expected figures; shares and measured TOE are NAN.  The caller has
 * checked who may see the assessment (assess_open) or that it is a
 * published case study.  Returns 0 or -1 with err.
 */
int measured_options(struct db *db, int64_t facility_id, int64_t assessment_id, struct arena *a,
		     struct measured_option **out, int *n, char *err, size_t errsz);

#endif
