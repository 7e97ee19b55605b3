/*
 * Reading a filled campaign workbook back (docs/workbook-format.md): the
 * rows of its sheets, found by the keys of each sheet's hidden key row,
 * grouped by facility code into one annual report (and one registration)
 * per facility, names resolved as the forms resolve them (choices.h),
 * numbers read the Vietnamese way, every report and registration checked
 * by the validation of report.h and registration.h, and every problem
 * reported at its cell ("Năng lượng!D7").  The file is written all or
 * nothing, in one transaction: drafts and returned documents have their
 * content replaced (at the version seen), missing ones are created,
 * submitted and accepted ones are left as they are and listed.  `submit`
 * = Có submits after saving.
 *
 * The CLI (`sxsh import workbook`) and the upload page (web/wbupload.c)
 * are thin shells over wbimport_path.
 */
#ifndef SXSH_MODEL_WBIMPORT_H
#define SXSH_MODEL_WBIMPORT_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/doc/workflow.h"
#include "model/io/sheetread.h"

struct db;

/* Problems kept in a result; more are counted (wbimport_result.more), not kept. */
#define WBIMPORT_ERRORS_MAX 10000

/* Bytes of one rendered reason, in one language. */
#define WBIMPORT_REASON_MAX 480

/* One problem, at a cell ("Năng lượng", "D7") or, with sheet "", the file as a whole. */
struct wbimport_error {
	char sheet[96];
	char cell[16];
	char vi[WBIMPORT_REASON_MAX], en[WBIMPORT_REASON_MAX];
	int sheet_index; /* for ordering: workbook order, -1 for the file */
	long row;
	int col;
};

enum wbimport_action {
	WBIMPORT_NEW,	    /* created */
	WBIMPORT_UPDATE,    /* a draft or returned document, content replaced */
	WBIMPORT_UNTOUCHED, /* submitted or accepted: left as it is */
};

/* What happens (or would happen) to one document. */
struct wbimport_item {
	char code[32];	/* the facility's code */
	char name[256]; /* its name as stored */
	int64_t facility_id;
	enum wf_kind kind; /* report or registration */
	enum wbimport_action action;
	int submit;	     /* submitted after saving (never for UNTOUCHED) */
	enum wf_state state; /* the stored state (for UNTOUCHED, why); WF_DRAFT for NEW */
	int64_t id;	     /* the document (0 for NEW until written) */
	int64_t version;     /* the version seen (0 for NEW) */
};

struct wbimport_opts {
	int dry_run;	      /* check and plan; write nothing */
	int year;	      /* the year when the workbook has no _sxsh sheet; 0 none */
	const char *name;     /* the file's name as the user knows it: audit and messages */
	const char *expected; /* the plan's fingerprint that was previewed; NULL: any */
};

struct wbimport_result {
	int year; /* the year read (or given) */
	int64_t campaign_id;
	int nerr;
	struct wbimport_error *err; /* by sheet, row, column: the first WBIMPORT_ERRORS_MAX found */
	long more;		    /* problems found beyond those */
	int nitem;
	struct wbimport_item *item; /* by facility code, report before registration */
	long n_new, n_update, n_submit, n_untouched;
	char fingerprint[17]; /* of the plan: hex; the confirm compares it */
};

/* Return values of wbimport_path besides ST-style -1. */
enum {
	WBIMPORT_OK = 0,      /* read and (unless dry_run) written */
	WBIMPORT_ERRORS = 1,  /* problems in the file (res->err); nothing written */
	WBIMPORT_CHANGED = 2, /* the plan is not the one previewed (o->expected): nothing
				 written, res holds the new plan */
};

/*
 * Imports the workbook at path (format fmt) as who: a district user only
 * its unit's facilities, an enterprise only its own (others are errors at
 * their facility_code cell); NULL or a principal with user_id 0 acts as
 * the system (the command line).  The documents are saved in who's name
 * (district staff file them on the facilities' behalf) and every one gets
 * an audit row "import_workbook" naming o->name.  Fills *res (free with
 * wbimport_result_free).  Returns WBIMPORT_OK, WBIMPORT_ERRORS,
 * WBIMPORT_CHANGED, or -1 on a storage error (logged; nothing written).
 * Assumes the reference data is loaded; runs its own transaction.
 */
int wbimport_path(struct db *db, const struct principal *who, const char *path,
		  enum sheetread_format fmt, const struct wbimport_opts *o,
		  struct wbimport_result *res);

void wbimport_result_free(struct wbimport_result *res);

#endif
