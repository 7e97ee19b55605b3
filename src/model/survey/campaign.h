/*
 * Survey campaigns (issue 12): province staff ask the facilities in scope
 * for the documents of one year, a report on the year, the registration
 * for it, or both, by a deadline.  Opening a campaign resolves its scope
 * criteria (administrative units, sector, size, key-user status; none
 * means every active facility) into the campaign's list of facilities
 * (table campaign_facility) once, in one transaction, so the list does not
 * move when facilities change later.  Each facility is counted under its
 * district of that moment.
 *
 * Progress is read from the documents of the campaign's year: a facility
 * is "opened" once its workbook was downloaded or its form opened by the
 * enterprise (opened_at), or once a document of the year exists; its
 * document is a "draft" (draft or returned), "submitted" (under review) or
 * "accepted".  For a campaign of kind both the facility stands where the
 * less advanced of its two documents stands; one document of the two
 * started counts as a draft.
 *
 * The workbook's content (campaign_book_load) is what render/workbook.h
 * writes: the facilities of one district or one facility, the products and
 * carriers of each facility's last accepted report before the year for
 * prefill, and the reference lists, all with their Vietnamese names.
 *
 * Who may do what: province staff (and admins) open campaigns and see
 * everything; district staff see their own unit's row of the progress and
 * their own unit's workbook; an enterprise user the workbook of a facility
 * it is a confirmed member of.  Anything else is ST_NOTFOUND, so ids
 * cannot be probed.  Results live in the arena a the caller passes.
 */
#ifndef SXSH_MODEL_CAMPAIGN_H
#define SXSH_MODEL_CAMPAIGN_H

#include <stddef.h>
#include <stdint.h>

#include "model/doc/workflow.h"
#include "model/names.h"
#include "model/status.h"

struct arena;
struct db;
struct principal;

enum campaign_kind { CAMPAIGN_REPORT, CAMPAIGN_REGISTRATION, CAMPAIGN_BOTH, CAMPAIGN_KIND__MAX };
/* The kinds' codes ("report", "registration", "both") and labels, by enum. */
extern const struct name campaign_kinds[CAMPAIGN_KIND__MAX];

/* "YYYY-MM-DD" and its NUL. */
#define CAMPAIGN_DATE_SIZE 11
/* Most administrative units one campaign's scope names. */
#define CAMPAIGN_UNITS_MAX 64

struct campaign {
	int64_t id;
	int year;
	enum campaign_kind kind;
	char deadline[CAMPAIGN_DATE_SIZE]; /* ISO */
	const char *title;
	int open;		 /* 1 open, 0 closed */
	const char *sector_code; /* "" when the scope names none */
	const char *size;	 /* "" when none */
	int key_users;
	int nunits;
	const struct name *units; /* the scope's units: code and names */
	int64_t created_at;	  /* Unix seconds */
	const char *created_by;	  /* the e-mail of who opened it; "" for the command line */
	long nfacilities;
};

/*
 * What the form or the command line typed.  Units and the sector may be
 * given by code or by name (case and diacritics ignored); size by code or
 * label; kind by code or label; the deadline as dd/mm/yyyy or YYYY-MM-DD.
 * A NULL or blank title gets one made from the kind and year.
 */
struct campaign_in {
	const char *year, *kind, *deadline, *title, *sector, *size;
	const char *const *units;
	int nunits;
	int key_users;
};

/*
 * Opens a campaign as who (province staff or admin; NULL is the command
 * line) at Unix time now.  Every bad field goes to errs under its form
 * name ("year", "kind", "deadline", "title", "units", "sector", "size")
 * and the result is ST_INVALID; a scope with no active facility is
 * ST_INVALID with an error on "scope".  Returns ST_OK with *id and
 * *nfacilities, ST_FORBIDDEN, or ST_ERR.  Writes the audit.
 */
int campaign_open(struct db *db, const struct principal *who, const struct campaign_in *in,
		  int64_t now, int64_t *id, long *nfacilities, struct wf_errors *errs);

/*
 * Campaigns newest first into *out (arena a), *n of them; what who may
 * see: staff every campaign, others none.  ST_OK or ST_ERR.
 */
int campaign_list(struct db *db, const struct principal *who, struct arena *a,
		  struct campaign **out, int *n);
/* One campaign (staff only): ST_OK, ST_NOTFOUND or ST_ERR. */
int campaign_get(struct db *db, const struct principal *who, struct arena *a, int64_t id,
		 struct campaign *out);

/* The counts of one district, or of the whole campaign. */
struct campaign_count {
	int64_t unit_id; /* 0 for the total */
	const char *unit_code, *unit_name, *unit_name_en;
	long invited, opened, draft, submitted, accepted;
};

struct campaign_progress {
	int n;
	struct campaign_count *units; /* by unit code */
	struct campaign_count total;  /* of the units listed */
};

/*
 * The progress of campaign id per district and in total, as who sees it:
 * province staff every district, a district officer its own only.
 * ST_OK, ST_NOTFOUND (no such campaign, or not staff) or ST_ERR.
 */
int campaign_progress(struct db *db, const struct principal *who, struct arena *a, int64_t id,
		      struct campaign_progress *out);

/* A facility of a campaign, for the invitation e-mails. */
struct campaign_member {
	int64_t facility_id;
	const char *code, *name, *unit_code, *unit_name; /* valid during the call */
};
/*
 * Calls fn for every facility of campaign id, by facility code, until fn
 * returns non-zero (which is returned).  No scope check: for the system's
 * own jobs.  Returns 0, what fn returned, or -1 on a storage error.
 */
int campaign_each_facility(struct db *db, int64_t id,
			   int (*fn)(const struct campaign_member *m, void *ctx), void *ctx);

/* What one row of a facility sheet prefills: a product or a carrier and its unit. */
struct campaign_line {
	const char *name; /* Vietnamese name */
	const char *unit; /* Vietnamese name of its unit */
};

struct campaign_book_facility {
	const char *code, *name, *tax_code, *unit_name, *sector_name;
	int noutputs, nenergy;
	const struct campaign_line *outputs, *energy; /* of the last accepted report */
};

/* Everything a campaign workbook holds; render/workbook.h writes it. */
struct campaign_book {
	struct campaign campaign;
	const char *scope;	/* "unit:CODE" or "facility:CODE" (the _sxsh sheet) */
	const char *scope_name; /* the district's or the facility's name */
	int nfacilities;
	const struct campaign_book_facility *facilities; /* by code */
	/* the reference lists of the sheet "Danh mục", Vietnamese names */
	int nproducts, ncarriers, nunits, nwater;
	const char *const *products, *const *carriers, *const *units, *const *water;
};

/*
 * The workbook of campaign id for one district (unit_code, a code; the
 * other NULL) or one facility (facility_code) as who may have it: province
 * staff any unit or facility; a district officer its own unit only (or a
 * facility of it); an enterprise user a facility it is a confirmed member
 * of.  A facility workbook downloaded by an enterprise user records the
 * facility as opened (first time only).  Returns ST_OK with *out (arena
 * a), ST_NOTFOUND (no such campaign, unit or facility in it, or not
 * allowed), or ST_ERR.
 */
int campaign_book_load(struct db *db, const struct principal *who, struct arena *a, int64_t id,
		       const char *unit_code, const char *facility_code, int64_t now,
		       struct campaign_book **out);

/*
 * The form of facility_id's document for year was opened by who: when who
 * is an enterprise user, records the facility as opened in every open
 * campaign of that year asking for that document (registration 0: the
 * report, 1: the registration) where it is not yet.  Returns 0, or -1
 * (logged) on a storage error; never fails the page that calls it.
 */
int campaign_form_opened(struct db *db, const struct principal *who, int64_t facility_id, int year,
			 int registration, int64_t now);

/*
 * The open campaigns facility_id is in (enterprise home): up to max ids
 * into ids, newest first.  Returns how many, or -1 on a storage error.
 */
int campaign_open_for_facility(struct db *db, int64_t facility_id, int64_t *ids, int max);

/*
 * Closes campaign id as who (province staff or admin; NULL is the command
 * line) at Unix time now: it is shown as closed, its workbooks stay
 * downloadable for staff, the enterprise home no longer links to it, and
 * it sends no reminders.  Audited as campaign.close.  Returns ST_OK,
 * ST_NOTFOUND (no such campaign, or who is not staff), ST_FORBIDDEN (staff
 * that is not province), ST_STATE (closed already) or ST_ERR.
 */
int campaign_close(struct db *db, const struct principal *who, int64_t id, int64_t now);

/*
 * The link to the workbook of facility code in campaign id, as the
 * invitations and reminders carry it: BASE/campaigns/ID/workbook?facility=
 * CODE with the code percent-encoded (BASE: mail_conf()->base_url), into
 * out (n bytes, truncated if short).  Returns out.
 */
char *campaign_workbook_url(int64_t id, const char *code, char *out, size_t n);

/*
 * The reminders of the open campaigns due on the day of now, inside the
 * caller's transaction (mail_remind's): the users of each of a campaign's
 * facilities that has not submitted the campaign's document(s) for its
 * year get one N days before and N days after the campaign's deadline (the
 * days of mail_conf(), as the deadline reminders), once each (the dedup
 * key holds the campaign, the day, the facility and the user).  Adds what
 * it queued to *queued.  Returns 0, or -1 on a storage error (logged).
 */
int campaign_remind(struct db *db, int64_t now, int *queued);

#endif
