/*
 * CP options across assessments (issue 13 item 7; docs/analytics.md,
 * "Options across assessments"): every option of the assessments who
 * sees, with its facility, sector (the VSIC division) and assessment, and
 * the totals the province reports: investment, VND saved a year, TOE and
 * CO2 a year, in all, by sector and by kind; and which kinds of option pay
 * back fastest in each sector.
 *
 * The options are read by option_list (model/assess/option.h) assessment
 * by assessment, so every figure (feasibility, TOE and CO2 through the
 * ledger) is the one the option's own page shows; nothing is recomputed
 * here.  The assessments are those who sees (the scope of assess_open:
 * province staff all, a district its unit's facilities', an enterprise
 * its facilities', an expert those whose team names it).
 *
 * Rules of the totals:
 *  - Counted options: triaged "now" or "study", or implemented whatever
 *    their triage.  Rejected options are listed but not counted, unless
 *    the filter asks for rejected ones (triage "rejected"): then they
 *    are counted.
 *  - Investment: Σ capex (VND).
 *  - VND saved a year: the option's annual saving when it is given as a
 *    constant saving over a life; the first year's cash flow when its
 *    flows are explicit; nothing when neither is given.
 *  - TOE and CO2 a year: Σ of the options' energy effects (option.h);
 *    an option whose effects could not all be converted (a factor
 *    missing: NAN) adds nothing and is counted in *_missing.
 *  - Payback: per (division, kind) among counted options, the median and
 *    the minimum simple payback (years) of those that have one; those
 *    whose cash flows never pay the capex back are counted in "never",
 *    those without finance inputs in "no_data".  Rows are sorted by
 *    division code, then fastest first: by median, then minimum, then
 *    kind (rows without any payback last).
 */
#ifndef SXSH_MODEL_ASSESS_OPTION_STATS_H
#define SXSH_MODEL_ASSESS_OPTION_STATS_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/assess/option.h"
#include "model/doc/workflow.h"
#include "model/names.h"

struct arena;
struct db;

/* What to list; each field "any" by default (optstat_filter_init). */
struct optstat_filter {
	const char
	    *sector;	  /* a VSIC code prefix of the facility's sector ("10", "107"); NULL any */
	int kind;	  /* index in names_option_kind, -1 any */
	int status;	  /* index in names_option_status, -1 any */
	int triage;	  /* index in names_triage, -1 any */
	int year;	  /* the assessment's year, 0 any */
	const char *unit; /* an admin unit's code: its facilities and its communes'; NULL any */
};

void optstat_filter_init(struct optstat_filter *f);

/* One option with its assessment and facility. */
struct optstat_item {
	const struct cp_option *o;
	int64_t assessment_id, facility_id;
	enum wf_state state; /* the assessment's */
	int year;	     /* the assessment's */
	const char *facility_name, *facility_code, *unit_name, *sector_code;
	const char *division, *division_vi, *division_en; /* "" when the sector is unknown */
	double saving; /* VND a year by the rule above; NAN when not given */
	int counted;   /* counts in the totals */
};

/* A total: of all counted options, of a division's or of a kind's. */
struct optstat_sum {
	const char *code, *name_vi, *name_en; /* the division or kind; "" for the total */
	int count;			      /* counted options */
	double capex, saving, toe, co2_t;
	int saving_missing;	      /* counted options without a saving */
	int toe_missing, co2_missing; /* counted options whose effects did not convert */
};

/* The payback of one kind of option in one division. */
struct optstat_payback {
	const char *division, *division_vi, *division_en;
	int kind;	    /* index in names_option_kind */
	int count;	    /* counted options of the kind in the division */
	int npayback;	    /* of which with a simple payback */
	double median, min; /* years; NAN when npayback is 0 */
	int never;	    /* cash flows that never pay the capex back */
	int no_data;	    /* no finance inputs */
};

struct optstat_result {
	struct optstat_item *items; /* matching the filter, by division, facility, year, seq */
	int n;
	int with_rejected; /* the filter asked for rejected options: they count */
	struct optstat_sum total;
	struct optstat_sum *by_sector; /* by division code */
	int nsector;
	struct optstat_sum *by_kind; /* in the order of names_option_kind, kinds present only */
	int nkind;
	struct optstat_payback *payback;
	int npayback;
	struct name *divisions; /* of every assessment seen (the sector filter's choices) */
	int ndivisions;
	int years[64]; /* the assessments' years seen, newest first (the year filter's) */
	int nyears;
};

/*
 * The options who sees matching f, with the totals and the payback table:
 * ST_OK or ST_ERR.  Everything is allocated in a.
 */
int optstat_list(struct db *db, const struct principal *who, const struct optstat_filter *f,
		 struct arena *a, struct optstat_result *out);

/* ---- the pure parts (tested on their own) ---- */

/* The VND saved a year by o by the rule above; NAN when not given. */
double optstat_saving(const struct cp_option *o);
/* Whether an option of triage and status counts (with_rejected: rejected ones do too). */
int optstat_counts(int triage, int status, int with_rejected);
/*
 * The median of v[0..n) (sorted in place): the middle value, or the mean
 * of the two middle ones when n is even; NAN when n is 0.
 */
double optstat_median(double *v, int n);
/*
 * Fills r's total, by_sector, by_kind and payback from r->items[0..n)
 * (their counted flags set), in a.
 */
void optstat_aggregate(struct optstat_result *r, struct arena *a);

#endif
