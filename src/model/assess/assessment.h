/*
 * CP assessments (issue 13; DOMAIN.md §5): a facility's cleaner-production
 * assessment by the UNEP/UNIDO method of 6 steps and 18 tasks, as a
 * document of the workflow core (doc.h) of kind "assessment".
 *
 * States (docs/workflow.md, "Assessments"): draft -> in_progress (start)
 * -> submitted (the team submits its report) -> accepted (the province) ->
 * sustaining; the province returns a submitted report with a note
 * (returned, then submitted again) and may reopen an accepted one.
 * Province staff open an assessment (one per facility and start year);
 * the team (enterprise staff, one or more experts) works on it.
 *
 * Who sees an assessment: province staff every one; a district user those
 * of the facilities in its unit (read only); an enterprise user those of
 * its facilities; an expert account only those whose team names it.  Any
 * other id is "not found" (ST_NOTFOUND), never "forbidden", so ids cannot
 * be probed.  The sub-objects (team, tasks, process steps, balances,
 * options, files) are read and changed through assess_ref, which carries
 * that check: every module of model/assess/ starts from assess_open.
 */
#ifndef SXSH_MODEL_ASSESS_ASSESSMENT_H
#define SXSH_MODEL_ASSESS_ASSESSMENT_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/doc/doc.h"
#include "model/doc/workflow.h"
#include "model/names.h"

struct arena;
struct db;

#define ASSESS_STEPS	 6
#define ASSESS_TASKS	 18
#define ASSESS_TITLE_MAX 200
#define ASSESS_FOCUS_MAX 2000
#define ASSESS_NOTE_MAX	 300
#define ASSESS_DATE_SIZE 11 /* "YYYY-MM-DD" */

/* The tolerance of a balance's closure error, percent, unless the assessor sets one. */
#define ASSESS_TOLERANCE_DEFAULT 5.0

/* One of the 18 tasks: the step (1..6) it belongs to and its name. */
struct assess_task_def {
	int step;
	const char *name_vi, *name_en;
};
/* Tasks 1..18 at [0..17] (DOMAIN.md §5). */
extern const struct assess_task_def assess_task_defs[ASSESS_TASKS];
/* Steps 1..6 at [0..5]: code "1".."6" and names. */
extern const struct name assess_step_names[ASSESS_STEPS];

/* The weights of the criteria of an option's score, in this order. */
enum assess_criterion { ASSESS_TECH, ASSESS_FIN, ASSESS_ENV, ASSESS_CRITERIA };

struct assessment {
	struct doc_head doc; /* year: the year it started */
	char title[ASSESS_TITLE_MAX + 1];
	int pilot;
	int funding; /* index in names_funding */
	char funding_note[ASSESS_NOTE_MAX + 1];
	char started_on[ASSESS_DATE_SIZE]; /* ISO */
	char focus[ASSESS_FOCUS_MAX + 1];
	int period;	      /* index in names_period: what a balance line's quantity is per */
	double tolerance_pct; /* closure error flagged beyond it */
	double weight[ASSESS_CRITERIA];
	char accepted_on[ASSESS_DATE_SIZE]; /* "" until accepted */
	int published;			    /* its anonymised case study is public */
};

/* The assessment's row in the document core's kinds table. */
extern const struct doc_kind assessment_kind;

/*
 * Form or API input as typed (canonical numbers: the web layer converts a
 * Vietnamese "3,5"; dates dd/mm/yyyy or YYYY-MM-DD).  Required: started_on;
 * the others default (pilot "0", funding "enterprise", period "year",
 * tolerance 5, weights 1).  funding and period are codes.
 */
struct assessment_input {
	const char *title, *pilot, *funding, *funding_note, *started_on, *focus, *period,
	    *tolerance_pct, *weight_tech, *weight_fin, *weight_env;
};

/*
 * Opens an assessment of facility_id starting in the year of
 * in->started_on (province staff only): ST_OK with *id, ST_NOTFOUND,
 * ST_FORBIDDEN, ST_INVALID (errs: the fields of assessment_input by name),
 * ST_EXISTS (one started that year), ST_ERR or ST_FULL.
 */
int assessment_create(struct db *db, const struct principal *who, int64_t facility_id,
		      const struct assessment_input *in, int64_t *id, struct wf_errors *errs);
/* Checks in alone (the fields of assessment_create), filling *out: ST_OK or ST_INVALID. */
int assessment_check(const struct assessment_input *in, struct assessment *out,
		     struct wf_errors *errs);
/* Replaces the details of assessment id from a form of version (as doc_update). */
int assessment_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
		      const struct assessment_input *in, struct wf_errors *errs);
/* Moves assessment id by action (as doc_transition). */
int assessment_transition(struct db *db, const struct principal *who, int64_t id,
			  enum wf_action action, int64_t version, const char *note,
			  struct wf_errors *errs);
/* Assessment id as who sees it: ST_OK, ST_NOTFOUND or ST_ERR. */
int assessment_get(struct db *db, const struct principal *who, int64_t id, struct assessment *out);

/* ---- access for the sub-objects ---- */

/* What a change to an assessment's sub-objects needs. */
enum assess_edit {
	ASSESS_READ,	/* see it */
	ASSESS_CONTENT, /* team, tasks, process, balances, options: draft, in_progress, returned */
	ASSESS_TRACK,	/* implementation of options: in_progress .. sustaining */
	ASSESS_PUBLISH, /* the case study: province staff, accepted or sustaining */
};

/* An assessment as its sub-objects' modules see it. */
struct assess_ref {
	int64_t id, facility_id, version;
	int year;
	enum wf_state state;
	int pilot;
	double tolerance_pct;
	double weight[ASSESS_CRITERIA];
	int period; /* index in names_period */
};

/*
 * Whether who may do what on an assessment in state s (not its scope,
 * which assess_open checks): ASSESS_READ always; ASSESS_CONTENT for
 * province staff, experts and enterprise users in draft, in_progress and
 * returned; ASSESS_TRACK for the same roles from in_progress to
 * sustaining; ASSESS_PUBLISH for province staff once accepted.  District
 * users read only.
 */
int assess_may(const struct principal *who, enum wf_state s, enum assess_edit what);

/*
 * Reads assessment id for what, inside the caller's transaction or not:
 * ST_OK with *out; ST_NOTFOUND when who does not see it; ST_FORBIDDEN when
 * who's role may not do what; ST_STATE when its state does not allow it;
 * ST_CONFLICT when version is not 0 and differs from the stored one; or
 * ST_ERR.
 */
int assess_open(struct db *db, const struct principal *who, int64_t id, int64_t version,
		enum assess_edit what, struct assess_ref *out);

/*
 * Records that a sub-object of r changed, inside the caller's transaction:
 * bumps the assessment's version if it is still r->version (so a form
 * opened before sees a conflict) and writes the audit row action (an
 * action of names_action) on entity/entity_id with before and after JSON
 * (either NULL).  ST_OK (r->version is the new one), ST_CONFLICT or ST_ERR.
 */
int assess_touch(struct db *db, const struct principal *who, struct assess_ref *r,
		 const char *action, const char *entity, int64_t entity_id, const char *before,
		 const char *after);

/* ---- the team ---- */

struct assess_member {
	int64_t id, user_id; /* user_id 0: no account */
	const char *name, *position, *organisation, *contact;
	int team_role;		/* index in names_team_role */
	const char *user_email; /* the account's, or "" */
};

/* Input as typed; user is an account's e-mail (required for an expert). */
struct assess_member_input {
	const char *name, *team_role, *position, *organisation, *contact, *user;
};

/* The team of r, leaders first: ST_OK or ST_ERR (strings in a). */
int assess_team(struct db *db, const struct assess_ref *r, struct arena *a,
		struct assess_member **out, int *n);
/*
 * Adds a member to assessment id from a form of version: ST_OK, or as
 * assess_open, or ST_INVALID (errs: "name", "team_role", "user": an expert
 * must have an expert account, an account may be named once).
 */
int assess_member_add(struct db *db, const struct principal *who, int64_t id, int64_t version,
		      const struct assess_member_input *in, struct wf_errors *errs);
/* Removes member member_id of assessment id: as assess_member_add. */
int assess_member_remove(struct db *db, const struct principal *who, int64_t id, int64_t version,
			 int64_t member_id);

/* ---- the 18 tasks ---- */

struct assess_task {
	int task;				  /* 1..18 */
	int state;				  /* index in names_task_state */
	const char *responsible, *notes, *due_on; /* due_on ISO or "" */
	int64_t updated_at;			  /* 0: never */
	int nfiles;
};

/* The 18 tasks of r (rows never written are "todo"): ST_OK or ST_ERR. */
int assess_tasks(struct db *db, const struct assess_ref *r, struct arena *a,
		 struct assess_task out[ASSESS_TASKS]);

struct assess_task_input {
	const char *state, *responsible, *notes, *due_on;
};
/* Sets task 1..18 of assessment id from a form of version: as assess_member_add. */
int assess_task_set(struct db *db, const struct principal *who, int64_t id, int64_t version,
		    int task, const struct assess_task_input *in, struct wf_errors *errs);

/*
 * Where an assessment stands: the current step (the first with a task
 * neither done nor skipped; ASSESS_STEPS + 1 when all are) and the tasks
 * done or skipped.
 */
struct assess_progress {
	int step, done;
};
void assess_progress_of(const struct assess_task t[ASSESS_TASKS], struct assess_progress *out);

/* ---- the list ---- */

struct assess_filter {
	int state;	     /* enum wf_state, or -1 any */
	int year;	     /* 0 any */
	int pilot;	     /* -1 any */
	int64_t facility_id; /* 0 any */
	int limit, offset;
};

struct assess_item {
	int64_t id, facility_id, version;
	int year, pilot;
	enum wf_state state;
	const char *facility_name, *facility_code, *unit_name, *sector_code, *title, *started_on;
	int step, done; /* assess_progress */
	int options, implemented;
};

/* The assessments who sees matching f, newest first: ST_OK or ST_ERR. */
int assess_list(struct db *db, const struct principal *who, const struct assess_filter *f,
		struct arena *a, struct assess_item **out, int *n, long *total);

/* The facility of an assessment as the assessment's readers see it (experts included). */
struct assess_facility {
	const char *name, *code, *address, *sector_code, *sector_vi, *sector_en, *unit_name;
	int size, ownership; /* indices in names_size, names_ownership; -1 unknown */
};
/* The facility of assessment id as who sees it: ST_OK, ST_NOTFOUND or ST_ERR (strings in a). */
int assess_facility(struct db *db, const struct principal *who, int64_t id, struct arena *a,
		    struct assess_facility *out);

/* The audit JSON of a (sorted keys, compact); malloc'd. */
char *assessment_json(const struct assessment *a);

#endif
