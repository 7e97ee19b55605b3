/*
 * An enterprise's annual report for one facility and year: output per
 * product, energy per carrier in its unit, water by source, materials and
 * the CP status of the year.  Drafts are created and edited here with full
 * validation (every bad field is reported, by form field name, with a
 * message of model/msg.h), pre-filled from the previous year, previewed (TOE,
 * specific energy consumption and the legal norm) and moved through the
 * workflow of workflow.h.  Every change carries the version the form was
 * loaded with, writes its audit row in the same transaction, and leaves
 * nothing behind when it fails.
 *
 * Every function takes the caller as who (NULL = public) and answers
 * ST_NOTFOUND for a report or facility outside who's scope (scope.h).
 */
#ifndef SXSH_MODEL_REPORT_H
#define SXSH_MODEL_REPORT_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/registry/refdata.h"
#include "model/validate.h"
#include "model/doc/doc.h"
#include "model/doc/workflow.h"
#include "model/reporting/plausible.h"

struct db;

/* At most this many lines of each kind in one report (VF_LINES, as the CSV import). */
#define REPORT_LINES_MAX VAL_LINES_MAX
#define REPORT_NOTE_MAX	 WF_NOTE_MAX
/* Bytes of a material name (VF_MATERIAL, as the CSV import). */
#define REPORT_NAME_MAX VAL_TEXT_MAX

struct report_output {
	char product[32];
	double quantity;
	char unit[16];
};

struct report_energy {
	char carrier[32];
	double quantity;
	char unit[16];
	int month;	  /* 1-12, 0 for the whole year */
	char product[32]; /* the product it went to, "" for the whole facility */
	double cost_vnd;
	int has_cost;
};

struct report_water {
	char source[16]; /* tap|ground|surface|other */
	double quantity_m3;
	double cost_vnd;
	int has_cost;
};

struct report_material {
	char name[REPORT_NAME_MAX + 1];
	double quantity;
	char unit[16];
	double cost_vnd;
	int has_cost;
};

/* CP status fields of a year, in this order in report.cp[]. */
enum report_cp {
	REPORT_CP_AWARE,
	REPORT_CP_STAFF,
	REPORT_CP_UNIT,
	REPORT_CP_APPLIED,
	REPORT_CP__MAX
};

/* Bytes of an explanation of a warning, and of the warning's text as stored. */
#define REPORT_EXPL_MAX	   1000
#define REPORT_WARNING_MAX 512

/*
 * The enterprise's explanation of one plausibility warning (plaus_review)
 * of its report, with the warning as it was shown.
 */
struct report_explanation {
	char field[48]; /* the warning's key: plaus_warning.field */
	char warning_vi[REPORT_WARNING_MAX], warning_en[REPORT_WARNING_MAX];
	char text[REPORT_EXPL_MAX + 1];
};

struct report {
	struct doc_head doc;	/* id 0 for an unsaved (pre-filled) report */
	int cp[REPORT_CP__MAX]; /* 1 yes, 0 no, -1 unknown */
	int nout, nenergy, nwater, nmat;
	struct report_output *out;
	struct report_energy *energy;
	struct report_water *water;
	struct report_material *mat;
	int nexpl;
	struct report_explanation *expl; /* by the order they were typed */
	int expl_set; /* 1: saving writes expl (else the stored explanations stay) */
};

/* The report's row in the document core's kinds table (doc.h). */
extern const struct doc_kind report_kind;

/* Frees r and its lines; NULL is a no-op. */
void report_free(struct report *r);

/*
 * Form input: every field as typed (NULL and "" are empty).  CP fields are
 * "1", "0" or empty (unknown); quantities and costs use '.' decimals;
 * month and energy product are optional; costs are optional.
 */
struct report_output_in {
	const char *product, *quantity, *unit;
};
struct report_energy_in {
	const char *carrier, *quantity, *unit, *month, *product, *cost;
};
struct report_water_in {
	const char *source, *quantity_m3, *cost;
};
struct report_material_in {
	const char *name, *quantity, *unit, *cost;
};
/* An explanation as typed: field is the warning's key, warning_* its text. */
struct report_explanation_in {
	const char *field, *warning_vi, *warning_en, *text;
};
struct report_input {
	const char *cp[REPORT_CP__MAX];
	int nout, nenergy, nwater, nmat;
	const struct report_output_in *out;
	const struct report_energy_in *energy;
	const struct report_water_in *water;
	const struct report_material_in *mat;
	/* Explanations of warnings (the report form); expl NULL keeps the stored ones. */
	int nexpl;
	const struct report_explanation_in *expl;
};

/*
 * Validates in against the reference tables and, when every field is
 * valid, fills the content of *r (CP status and lines; other members are
 * untouched, lines are allocated and owned by r).  Field names in errs:
 * "cp_aware", "cp_staff", "cp_unit", "cp_applied", "output[i].product",
 * "output[i].quantity", "output[i].unit", "energy[i].carrier|quantity|unit|
 * month|product|cost", "water[i].source|quantity_m3|cost",
 * "material[i].name|quantity|unit|cost", "explain.KEY" for an explanation
 * longer than REPORT_EXPL_MAX, and "output", "energy", "water", "material"
 * for too many lines (i counts from 0).  Explanations left blank are
 * dropped.  Returns ST_OK,
 * ST_INVALID (errs filled, *r unchanged) or ST_ERR.
 */
int report_validate(struct db *db, const struct report_input *in, struct report *r,
		    struct wf_errors *errs);

/*
 * The report id with all its lines in *out (caller frees with
 * report_free).  Returns ST_OK, ST_NOTFOUND or ST_ERR.
 */
int report_get(struct db *db, const struct principal *who, int64_t id, struct report **out);

/*
 * The report of facility for year, as report_get; ST_NOTFOUND when there
 * is none or the facility is outside who's scope.
 */
int report_get_year(struct db *db, const struct principal *who, int64_t facility_id, int year,
		    struct report **out);

/*
 * An unsaved draft for facility and year pre-filled from the facility's
 * latest report before year: CP status and every line with its product,
 * carrier, unit and month, but no quantity or cost (NAN and has_cost 0:
 * last year's figures are not this year's); no note, no explanations.  Without
 * an earlier report the draft is empty.  Returns ST_OK with *out (caller
 * frees), ST_NOTFOUND (facility out of scope) or ST_ERR.
 */
int report_prefill(struct db *db, const struct principal *who, int64_t facility_id, int year,
		   struct report **out);

/*
 * Creates the draft report of facility for year from in.  Returns ST_OK
 * with *id, ST_NOTFOUND, ST_FORBIDDEN (role may not create), ST_INVALID
 * (errs: "year" or the report_validate fields), ST_EXISTS (a report for
 * that year exists: edit it instead) or ST_ERR.
 */
int report_create(struct db *db, const struct principal *who, int64_t facility_id, int year,
		  const struct report_input *in, int64_t *id, struct wf_errors *errs);

/*
 * Replaces the content of report id (CP status and every line) with in,
 * if its version is still version.  Returns ST_OK, ST_NOTFOUND,
 * ST_FORBIDDEN, ST_STATE (submitted or accepted: not editable),
 * ST_CONFLICT (stale version: nothing written), ST_INVALID or ST_ERR.
 */
int report_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  const struct report_input *in, struct wf_errors *errs);

/*
 * Moves report id through the workflow (WF_SUBMIT, WF_FORWARD, WF_RETURN,
 * WF_ACCEPT, WF_REOPEN) if its version is still version.  note is the
 * reviewer's note: required for WF_RETURN (else ST_INVALID with errs field
 * "note"), kept for WF_REOPEN, ignored otherwise; at most REPORT_NOTE_MAX
 * bytes.  Returns ST_OK, ST_NOTFOUND, ST_FORBIDDEN, ST_STATE, ST_CONFLICT,
 * ST_INVALID or ST_ERR.
 */
int report_transition(struct db *db, const struct principal *who, int64_t id, enum wf_action action,
		      int64_t version, const char *note, struct wf_errors *errs);

/*
 * Saves and submits in one transaction, as the form's "submit" does:
 * creates report (facility_id, year) from in when id is 0, else updates
 * report id from a form of version, then submits it.  Either everything is
 * written or nothing is.  Returns ST_OK with *out_id, or what
 * report_create, report_update or report_transition would return (errs as
 * theirs).
 */
int report_save_and_submit(struct db *db, const struct principal *who, int64_t facility_id,
			   int year, int64_t id, int64_t version, const struct report_input *in,
			   int64_t *out_id, struct wf_errors *errs);

/* ---- preview: TOE, SEC and the norm ---- */

struct report_preview_energy {
	int ok;		 /* 1 when converted; else msg says why */
	double toe, gj;	 /* gj NAN when the carrier has no GJ factor */
	enum msg_id msg; /* why not, when !ok (calc_msg); else MSG_NONE */
};

struct report_preview_product {
	char product[32];
	char unit[16];	/* the product's unit */
	double output;	/* in unit */
	double toe;	/* energy attributed to it */
	double sec_toe; /* TOE per unit of product; NAN without output */
	int has_norm;
	struct refdata_norm norm;
	double sec_norm; /* SEC in norm.energy_unit per norm.per_unit; NAN when unknown */
	double ratio;	 /* sec_norm / norm.value; > 1 means above the norm */
	enum msg_id why; /* why sec_toe is NAN (ledger_sec_msg); MSG_NONE when computed */
};

struct report_preview {
	int complete;	    /* every energy line converted */
	int energy_missing; /* output and no energy line: the energy is unknown, not 0 */
	double toe, gj;	    /* totals; gj NAN when a line lacks a GJ factor */
	int nenergy, nprod;
	struct report_preview_energy *energy; /* by report line */
	struct report_preview_product *prod;  /* by output line */
	int nwarn;
	struct plaus_warning *warn; /* plausibility warnings (plaus_review), never errors */
};

/*
 * Computes the preview of r (a stored or a validated unsaved report) with
 * the factors and norms valid in r->year.  Energy lines with a product go
 * to that product; lines without go to the first output line (the main
 * product).  A norm's band is matched against the product's output, or,
 * for a norm with band_plant (seafood, TT 52/2018), against the report's
 * output of every product of the same VSIC class (refdata_norm_get).  The
 * SEC in the norm's unit uses the carriers' GJ factors (1 kWh = 3.6 MJ).
 * The warnings are those of plaus_review with the facility's employees,
 * its latest accepted report before r's year and the fences of its peers'
 * accepted reports of the same year, then "norm.PRODUCT" for a SEC above
 * its legal norm (MSG_FORM_ABOVE_NORM) that plaus_review did not already
 * flag as sec_norm.PRODUCT.  Fills *out (free with
 * report_preview_free).  Returns ST_OK or ST_ERR.
 */
int report_preview(struct db *db, const struct report *r, struct report_preview *out);
void report_preview_free(struct report_preview *p);

/*
 * The JSON document of r for the audit log and the API: keys sorted,
 * compact.  Returns a malloc'd string the caller frees.
 */
char *report_json(const struct report *r);

#endif
