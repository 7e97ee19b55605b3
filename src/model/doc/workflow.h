/*
 * The shared rules of the enterprise workflow (docs/workflow.md): field
 * error lists, the states of a report or registration and the
 * table of who may move it from which state to which, and the review queue.
 * report.h, registration.h, claim.h and facility_edit.h build on it.
 *
 * States: draft -> submitted -> (district) forwarded -> accepted, with
 * returned (reviewer's note required) going back to the enterprise and
 * reopen taking an accepted one back to returned.  Stored as the status
 * column plus forwarded_at (submitted with forwarded_at set = forwarded).
 */
#ifndef SXSH_MODEL_WORKFLOW_H
#define SXSH_MODEL_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/status.h"
#include "model/validate.h"

struct arena;
struct db;

/*
 * One field error: the field's name in the form and the message, for the
 * edge to render in its reader's language (msg_format).  The message of an
 * enum status is msg_status(rc).
 */
struct wf_error {
	char field[64]; /* "year", "energy[2].unit" */
	struct msg msg;
};

#define WF_ERRORS_MAX 64

/* Field errors in input order; more is set when some did not fit. */
struct wf_errors {
	int n, more;
	struct wf_error e[WF_ERRORS_MAX];
};

void wf_errors_clear(struct wf_errors *e);
/* Appends the error m (copied); field is printf-formatted. */
void wf_errors_add(struct wf_errors *e, const struct msg *m, const char *field_fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Appends the error of message id, one with neither label nor arguments. */
void wf_errors_add_id(struct wf_errors *e, enum msg_id id, const char *field_fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The message of the first error on field (valid while e is), or NULL. */
const struct msg *wf_errors_find(const struct wf_errors *e, const char *field);

/* enum wf_state and its codes and labels (names_state) are in model/names.h. */
enum wf_action {
	WF_EDIT,    /* change the content (draft or returned) */
	WF_SUBMIT,  /* enterprise sends it for review */
	WF_FORWARD, /* district approves and passes it to the province */
	WF_RETURN,  /* reviewer sends it back with a note */
	WF_ACCEPT,  /* province accepts: read-only from then on */
	WF_REOPEN,  /* province takes an accepted one back to returned */
	WF_START,   /* assessments: the team starts work on a draft */
	WF_SUSTAIN, /* assessments: an accepted one moves on to sustaining CP */
	WF_ACTION__MAX
};

/* "edit", "submit", "forward", "return", "accept", "reopen"; static. */
extern const char *const wf_action_names[WF_ACTION__MAX];

/* The state of a stored status and forwarded flag; WF_DRAFT for unknown text. */
enum wf_state wf_state_of(const char *status, int forwarded);
/* The status column value of a state ("submitted" for WF_FORWARDED). */
const char *wf_state_status(enum wf_state s);

/*
 * Whether who may do action on an object in state from, by the review
 * rules (scope is checked
 * by the caller's SQL first).  Returns ST_OK and *to, ST_STATE when no rule
 * allows the action from that state, or ST_FORBIDDEN when one does but not
 * for who's role.  *note_required is set for actions that need a note.
 */
int wf_check(enum wf_action action, enum wf_state from, const struct principal *who,
	     enum wf_state *to, int *note_required);

/* One rule: who (a set of ROLE_BIT()s) may do action from one state, to another. */
struct wf_rule {
	enum wf_action action;
	enum wf_state from, to;
	unsigned roles;
	int note_required;
};

/*
 * The review rules reports and registrations share: the enterprise files,
 * the district forwards or returns, the province accepts, returns or
 * reopens.  A kind with other rules has its own table.
 */
#define WF_REVIEW_NRULES 10
extern const struct wf_rule wf_review_rules[WF_REVIEW_NRULES];

/* wf_check against the table rules[0..n). */
int wf_check_rules(const struct wf_rule *rules, size_t n, enum wf_action action, enum wf_state from,
		   const struct principal *who, enum wf_state *to, int *note_required);

/* Whether who's role may create a new report or registration (in scope). */
int wf_may_create(const struct principal *who);

/* Whether a write can change a public figure: wf_finish()'s publish. */
enum wf_publish {
	WF_PRIVATE, /* drafts, submissions, returns, claims: no public page changes */
	WF_PUBLIC,  /* accepting or reopening, facility profiles: public pages change */
};

/*
 * Ends a write transaction: when rc is ST_OK, commits, bumping the data
 * generation first when publish is WF_PUBLIC (so cached public pages,
 * keyed by it, are rebuilt; a private write leaves them cached); otherwise
 * rolls back.  Returns rc, or ST_ERR when the commit failed (logged with
 * what).
 */
int wf_finish(struct db *db, int rc, const char *what, enum wf_publish publish);

/*
 * The publish of a transition from one state to another: public figures
 * count accepted documents only, so only a move into or out of
 * WF_ACCEPTED is WF_PUBLIC.
 */
enum wf_publish wf_transition_publish(enum wf_state from, enum wf_state to);

/* The longest reviewer's note, in bytes. */
#define WF_NOTE_MAX 2000

/*
 * Checks a reviewer's note: required and empty, too long or not UTF-8 add
 * an error on field "note" and return ST_INVALID; else ST_OK.
 */
int wf_note_check(const char *note, int required, struct wf_errors *errs);

/*
 * Whether facility_id is in who's scope (STMT_FACILITY_SEE): ST_OK,
 * ST_NOTFOUND or ST_ERR.
 */
int wf_facility_visible(struct db *db, const struct principal *who, int64_t facility_id);

/*
 * Runs a scoped lookup statement sid taking (who, facility id, year) and
 * returning one id: ST_OK with *id, ST_NOTFOUND or ST_ERR.
 */
int wf_find_id(struct db *db, int sid, const struct principal *who, int64_t facility_id, int year,
	       int64_t *id);

/*
 * The checks before who creates the report or registration of
 * (facility_id, year), in one transaction: the facility in scope (else
 * ST_NOTFOUND or ST_ERR) and a role that may create (else ST_FORBIDDEN).
 * A year outside 1990..2100 adds an error on field "year" named lbl_year
 * to errs and still returns ST_OK, so the input's own errors join it.
 */
int wf_create_check(struct db *db, const struct principal *who, int64_t facility_id, int year,
		    const struct val_label *lbl_year, struct wf_errors *errs);
/*
 * Whether (facility_id, year) has no object yet, by the lookup sid of
 * wf_find_id: ST_OK when none, ST_EXISTS when one, or ST_ERR.
 */
int wf_create_absent(struct db *db, int sid, const struct principal *who, int64_t facility_id,
		     int year);

/* s, or "" for NULL. */
const char *wf_nz(const char *s);

struct json_t;
/*
 * The compact JSON text of o with sorted keys (stable for audit rows);
 * takes o's reference.  Returns a malloc'd string the caller frees; aborts
 * when out of memory (o NULL included).
 */
char *wf_json_take(struct json_t *o);

/* Current time as Unix seconds, for audit rows. */
int64_t wf_now(void);

/* ---- the review queue ---- */

/*
 * The document kinds.  The review queue holds reports and registrations
 * (the workflow_document view); assessments have their own list.
 */
enum wf_kind { WF_KIND_REPORT, WF_KIND_REGISTRATION, WF_KIND_ASSESSMENT, WF_KIND__MAX };
/* The kinds the review queue holds: WF_KIND_REPORT and WF_KIND_REGISTRATION. */
#define WF_QUEUE_KINDS (WF_KIND_REGISTRATION + 1)
/* "report", "registration", "assessment" */
extern const char *const wf_kind_names[WF_KIND__MAX];

#define WF_QUEUE_PAGE_MAX 200
/* wf_queue_filter.state for every state. */
#define WF_QUEUE_ALL WF_STATE__MAX

/* Filters; 0 / -1 / NULL mean "any". */
struct wf_queue_filter {
	int kind;	      /* enum wf_kind, or -1 both */
	int state;	      /* enum wf_state, -1: those awaiting the caller's action, or
				 WF_QUEUE_ALL: every state */
	int year;	      /* 0 any */
	int64_t unit_id;      /* admin_unit id: that unit and the units directly under it */
	const char *sector;   /* VSIC code prefix */
	const char *facility; /* part of the name (diacritics and case ignored), or the
				 whole code or tax code, as typed; NULL or "" any */
	int limit, offset;    /* limit 1..WF_QUEUE_PAGE_MAX */
};

struct wf_queue_item {
	enum wf_kind kind;
	int64_t id, facility_id, version;
	int year;
	enum wf_state state;
	const char *facility_name, *facility_code, *unit_name, *sector_code;
	const char *submitted_on; /* "" when not submitted */
	int64_t submitted_at;	  /* the last submission (Unix s); 0 when not recorded */
};

struct wf_queue {
	int n;
	struct wf_queue_item *items; /* ordered by submitted_on, kind, id */
	long counts[WF_STATE__MAX];  /* in scope and filters, every state */
	long total;		     /* items matching every filter, over all pages */
};

/*
 * The reports and registrations in who's scope matching f.  With f->state
 * -1 the list holds what awaits who: a district user's submitted ones
 * (not yet forwarded), province and admin's submitted and forwarded ones,
 * an enterprise user's drafts and returned ones.  counts[] ignore the state
 * filter.  Strings live in arena a.  Returns ST_OK or ST_ERR.
 */
int wf_queue_list(struct db *db, const struct principal *who, const struct wf_queue_filter *f,
		  struct arena *a, struct wf_queue *out);

#endif
