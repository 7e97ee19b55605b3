/*
 * The enterprise's home (web/my.c) and the deadlines the province sets per
 * plan year (web/deadlines.c), as docs/workflow.md describes them.
 *
 * Deadlines: for plan year Y, the day by which the annual report on Y is
 * due and the day by which the registration for Y is due.  When the
 * province has set none, the default holds: the report on Y by 15/01 of
 * Y+1, the date Circular 25/2020/TT-BCT sets for the annual energy report
 * of key energy users, and the registration for Y by 15/01 of Y (no legal
 * date for the CP registration was found; it goes with the report on the
 * year before).  Dates are kept as "YYYY-MM-DD" and typed as dd/mm/yyyy.
 *
 * The overview: each facility the user is a confirmed member of, and for
 * the current reporting year R (the calendar year before today's, in
 * Vietnam's time zone) and R-1 the report and the registration, plus the
 * registration for R+1, each with its state, deadline, whether it is
 * overdue, its one next action and, when returned, the reviewer's note,
 * who returned it and when (from the audit log).
 *
 * Notices: the returns and acceptances of those documents (audit rows
 * report.return, report.reopen, report.accept and the registration's)
 * newer than the last one the user marked seen.
 */
#ifndef SXSH_MODEL_HOME_H
#define SXSH_MODEL_HOME_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/doc/workflow.h"
#include "model/status.h"

struct arena;
struct db;

/* "YYYY-MM-DD" and its NUL. */
#define HOME_DATE_SIZE 11

/* The deadlines of one plan year. */
struct home_deadline {
	int year;
	char report_due[HOME_DATE_SIZE];       /* the report on year */
	char registration_due[HOME_DATE_SIZE]; /* the registration for year */
	int report_set, registration_set;      /* 1: set by the province; 0: the default */
	int64_t version;		       /* 0 when the province never set this year */
};

/* The default deadlines of year into *out (version 0, nothing set).  Pure. */
void home_deadline_default(int year, struct home_deadline *out);

/*
 * Reads "d/m/yyyy" or "dd/mm/yyyy" (a real calendar day, year 1990..2100,
 * blanks around it ignored) into iso ("YYYY-MM-DD").  Returns 0, or -1 for
 * anything else.  Pure.
 */
int home_date_parse(const char *s, char iso[HOME_DATE_SIZE]);

/* iso ("YYYY-MM-DD") as "dd/mm/yyyy" into out (at least HOME_DATE_SIZE bytes).  Pure. */
char *home_date_show(const char *iso, char *out);

/* The day of Unix time now in Vietnam's time zone (UTC+7) as "YYYY-MM-DD".  Pure. */
void home_today(int64_t now, char iso[HOME_DATE_SIZE]);

/* The current reporting year at Unix time now: the year before today's (UTC+7).  Pure. */
int home_reporting_year(int64_t now);

/* The deadlines of year (the default where none is set): ST_OK or ST_ERR. */
int home_deadline_get(struct db *db, int year, struct home_deadline *out);

/*
 * The deadlines of years first..last, one entry per year in order (the
 * default where none is set), into out (last - first + 1 entries, at most
 * 20).  ST_OK or ST_ERR.
 */
int home_deadline_list(struct db *db, int first, int last, struct home_deadline *out);

/* What a deadline form sends; each NULL when the form lacks it. */
struct home_deadline_in {
	const char *year;	      /* the plan year */
	const char *report_due;	      /* dd/mm/yyyy; blank: the default */
	const char *registration_due; /* dd/mm/yyyy; blank: the default */
	const char *version;	      /* the version the form was shown ("0": none set) */
};

/*
 * who (province staff or admin; NULL: the command line) sets the deadlines
 * of a year from in, at Unix time now, with an audit row "deadline.set", in
 * one transaction.
 * Errors name their field ("year", "report_due", "registration_due").
 * Returns ST_OK (*year set), ST_INVALID (errs filled), ST_FORBIDDEN (other
 * roles), ST_CONFLICT (someone changed that year since the form was shown:
 * nothing written), ST_ERR or ST_FULL.
 */
int home_deadline_set(struct db *db, const struct principal *who, const struct home_deadline_in *in,
		      int64_t now, int *year, struct wf_errors *errs);

/* What the enterprise should do next about one document. */
enum home_action {
	HOME_ACT_CREATE,   /* none yet: prepare it */
	HOME_ACT_CONTINUE, /* a draft: finish and send it */
	HOME_ACT_FIX,	   /* returned: correct and send again */
	HOME_ACT_VIEW,	   /* sent or accepted: nothing to do but read it */
};

/* The action for a document that exists (0: none yet) in state s.  Pure. */
enum home_action home_action_of(int exists, enum wf_state s);

/*
 * Whether a document that exists (0: none) in state s is overdue on day
 * today with deadline due (both "YYYY-MM-DD"): not yet sent (none, draft
 * or returned) and today after due.  Pure.
 */
int home_overdue(int exists, enum wf_state s, const char *due, const char *today);

/* One document of the overview. */
struct home_doc {
	enum wf_kind kind;
	int year;
	int64_t id; /* 0: none yet */
	enum wf_state state;
	char due[HOME_DATE_SIZE];
	int overdue;
	enum home_action action;
	const char *note;	 /* the reviewer's note when returned, else "" */
	int64_t returned_at;	 /* Unix time of the return, 0 when unknown */
	const char *returned_by; /* the reviewer's name or email, "" when unknown */
};

#define HOME_DOCS 5

/* One facility of the overview: its documents, the newest year first. */
struct home_facility {
	int64_t id;
	const char *code, *name;
	int ndocs;
	struct home_doc docs[HOME_DOCS];
};

/*
 * The overview of enterprise user who at Unix time now: its confirmed
 * facilities in *out (*n of them, strings in arena a).  ST_OK or ST_ERR.
 */
int home_overview(struct db *db, const struct principal *who, int64_t now, struct arena *a,
		  struct home_facility **out, int *n);

/* One notice: a document of the user's returned or accepted. */
struct home_notice {
	int64_t audit_id, at; /* at: Unix time */
	enum wf_kind kind;
	int accepted; /* 0: returned (or reopened) */
	int year;
	int64_t facility_id, doc_id;
	const char *facility_name;
};

#define HOME_NOTICES_MAX 20

/*
 * The notices of who newer than the last one it marked seen, newest first,
 * at most HOME_NOTICES_MAX, into *out (*n, strings in arena a).  ST_OK or
 * ST_ERR.
 */
int home_notices(struct db *db, const struct principal *who, struct arena *a,
		 struct home_notice **out, int *n);

/*
 * who marks the notices up to audit row upto (the newest it was shown) as
 * seen at Unix time now; a mark never moves back.  ST_OK, ST_INVALID (upto
 * not positive) or ST_ERR.
 */
int home_seen_set(struct db *db, const struct principal *who, int64_t upto, int64_t now);

#endif
