/*
 * The focus area's process of a CP assessment (issue 13, item 2; tasks 4
 * to 7 of the method, DOMAIN.md §5): its steps in order (process_step),
 * each step's balance lines (balance_item: inputs and outputs of
 * materials, energy by carrier, water, product, waste and emissions per
 * the assessment's balance period), the cost of each waste or emission
 * line (the purchase value of what is lost plus its treatment cost) and
 * its causes (waste_cause); and the balances computed from them.
 *
 * Every change goes through assess_open (ASSESS_CONTENT, the form's
 * version as the conflict check) in its own transaction and records
 * assess_touch: "assessment.process" for steps, "assessment.balance" for
 * lines and causes.  A read needs ASSESS_READ.  An id of a step, line or
 * cause that is not the assessment's is ST_NOTFOUND.
 *
 * The balances (docs/analytics.md, "Balances of an assessment"):
 *   - mass: material, water, product, waste and emission lines whose unit
 *     is of mass (to tonnes by unit.to_base) or of volume (to m3 by
 *     to_base, then 1 t per m3: water and watery streams); a line in any
 *     other unit is left out and counted (mass_left_out);
 *   - energy: energy lines converted to GJ by the ledger's path
 *     (ledger_of_lines with the assessment's facility and year, so the
 *     same factors as the reports); a line without a factor is left out,
 *     counted and named (energy_left_out), never a zero;
 *   - an output line with to_step_id (an intermediate flow) is that
 *     step's output and the target step's input, and is left out of the
 *     whole process's balance;
 *   - the closure error of each (model/calc/balance.h) is flagged beyond
 *     the assessment's tolerance_pct.
 */
#ifndef SXSH_MODEL_ASSESS_PROCESS_H
#define SXSH_MODEL_ASSESS_PROCESS_H

#include <stdint.h>

#include "model/assess/assessment.h"
#include "model/calc/balance.h"

struct arena;
struct db;

#define PROCESS_STEPS_MAX      50   /* steps of one assessment */
#define PROCESS_LINES_MAX      100  /* lines of one step */
#define PROCESS_NAME_MAX       200  /* bytes of a step's or a line's name */
#define PROCESS_DESC_MAX       2000 /* bytes of a step's description */
#define PROCESS_NOTE_MAX       300  /* bytes of a line's note */
#define PROCESS_CAUSE_MAX      1000 /* bytes of a cause */
#define PROCESS_WATER_T_PER_M3 1.0  /* the density every volume line is taken at */

/* A cause of a waste or emission line. */
struct process_cause {
	int64_t id;
	const char *description;
};

struct process_line {
	int64_t id, step_id;
	int64_t to_step_id; /* 0: none; else the later step this output feeds */
	int dir;	    /* BAL_IN or BAL_OUT */
	int stream;	    /* index in names_stream */
	const char *name, *carrier, *unit, *note; /* carrier "" unless energy */
	double qty;
	double lost_value, treatment_cost; /* VND per balance period; NAN when not given */
	/* computed by process_read */
	double tonnes;	      /* mass lines in a mass or volume unit; else NAN */
	double gj;	      /* energy lines that convert; else NAN */
	int left_out;	      /* 1: a line of its balance that could not be converted */
	const char *left_why; /* "unit" (no mass or volume), or a ledger error's what */
	int ncauses;
	struct process_cause *causes;
};

/* One balance (mass in t, energy in GJ) and the lines it could not count. */
struct process_balance {
	struct bal_result r;
	int nlines;   /* lines that entered it */
	int left_out; /* lines of its kind left out (unit or factor) */
};

struct process_step {
	int64_t id;
	int seq; /* its stored order (gaps allowed); its number on the page is its index + 1 */
	const char *name, *description;
	int nlines;
	struct process_line *lines; /* its own lines: inputs first, then outputs */
	int nfeeds;
	const struct process_line **feeds; /* outputs of earlier steps that enter this one */
	struct process_balance mass, energy;
};

/* A waste or emission output's cost. */
struct process_waste {
	const struct process_line *line;
	const struct process_step *step;
	double cost;	  /* lost value + treatment cost (blank parts 0), per period */
	double cost_year; /* per year: x 12 for a month, x 1 for a year; NAN otherwise */
};

struct process {
	struct assess_ref ref;
	int nsteps;
	struct process_step *steps;	     /* in order */
	struct process_balance mass, energy; /* the whole process, intermediate flows left out */
	int nwaste;
	struct process_waste *waste; /* every waste or emission output, in step order */
	double waste_lost, waste_treat, waste_cost; /* totals per period */
	double waste_cost_year;			    /* NAN when the period is a batch or a day */
};

/*
 * The process of assessment id as who sees it (ASSESS_READ), with every
 * balance computed: ST_OK and *out (strings and arrays in a), ST_NOTFOUND,
 * or ST_ERR.  The reports and the printable report read it too.
 */
int process_read(struct db *db, const struct principal *who, int64_t id, struct arena *a,
		 struct process *out);

/* The step with id in p, or NULL; the line with id, or NULL. */
const struct process_step *process_step_find(const struct process *p, int64_t step_id);
const struct process_line *process_line_find(const struct process *p, int64_t line_id);

/* ---- changes: each one transaction; forms carry the assessment's version ---- */

/* A step as typed: name required, description optional. */
struct process_step_input {
	const char *name, *description;
};

/*
 * Adds a step at the end of assessment id's process: ST_OK with *step_id
 * (may be NULL), as assess_open, or ST_INVALID (errs: "name",
 * "description").
 */
int process_step_add(struct db *db, const struct principal *who, int64_t id, int64_t version,
		     const struct process_step_input *in, int64_t *step_id, struct wf_errors *errs);
/* Replaces the name and description of step_id: as process_step_add, ST_NOTFOUND. */
int process_step_edit(struct db *db, const struct principal *who, int64_t id, int64_t version,
		      int64_t step_id, const struct process_step_input *in, struct wf_errors *errs);
/*
 * Moves step_id one place up (delta -1) or down (+1): ST_OK (a step
 * already first or last stays), ST_NOTFOUND, or as assess_open.  An
 * intermediate flow that would then feed an earlier step is kept: the
 * page shows it as it is stored.
 */
int process_step_move(struct db *db, const struct principal *who, int64_t id, int64_t version,
		      int64_t step_id, int delta);
/* Deletes step_id with its lines and their causes: ST_OK, ST_NOTFOUND or as assess_open. */
int process_step_delete(struct db *db, const struct principal *who, int64_t id, int64_t version,
			int64_t step_id);

/*
 * A balance line as typed (canonical numbers: the web layer converts a
 * Vietnamese "12.500"): direction "in" or "out", stream a code of
 * names_stream, name, carrier (a carrier's code or name; required for
 * energy, refused otherwise, and it must take the unit), quantity (>= 0),
 * unit (a unit's code or name), to_step (an id of a later step; outputs
 * only), lost_value and treatment_cost (VND, >= 0; waste and emission
 * lines only), note.
 */
struct process_line_input {
	const char *direction, *stream, *name, *carrier, *quantity, *unit, *to_step, *lost_value,
	    *treatment_cost, *note;
};

/*
 * Adds a line to step_id: ST_OK with *line_id (may be NULL), ST_NOTFOUND,
 * as assess_open, or ST_INVALID (errs by the field names of
 * process_line_input).
 */
int process_line_add(struct db *db, const struct principal *who, int64_t id, int64_t version,
		     int64_t step_id, const struct process_line_input *in, int64_t *line_id,
		     struct wf_errors *errs);
/* Replaces line_id (it stays on its step): as process_line_add. */
int process_line_edit(struct db *db, const struct principal *who, int64_t id, int64_t version,
		      int64_t line_id, const struct process_line_input *in, struct wf_errors *errs);
/* Deletes line_id with its causes: ST_OK, ST_NOTFOUND or as assess_open. */
int process_line_delete(struct db *db, const struct principal *who, int64_t id, int64_t version,
			int64_t line_id);

/*
 * Adds a cause to line_id, a waste or emission line: ST_OK with *cause_id
 * (may be NULL), ST_NOTFOUND, as assess_open, or ST_INVALID (errs:
 * "description"; "line" when the line is not waste or emission).
 */
int process_cause_add(struct db *db, const struct principal *who, int64_t id, int64_t version,
		      int64_t line_id, const char *description, int64_t *cause_id,
		      struct wf_errors *errs);
/* Deletes cause_id: ST_OK, ST_NOTFOUND or as assess_open. */
int process_cause_delete(struct db *db, const struct principal *who, int64_t id, int64_t version,
			 int64_t cause_id);

/* Whether stream (an index in names_stream) is waste or emission: lines with a cost and causes. */
int process_stream_is_waste(int stream);

#endif
