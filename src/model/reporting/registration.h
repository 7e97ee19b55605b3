/*
 * The yearly CP and energy-saving registration of a facility: whether it
 * commits to apply CP that year, the saving it plans (percent of energy
 * per unit of product) and the measures.  Same workflow (workflow.h),
 * scope (scope.h), version, audit and transaction rules as report.h.
 */
#ifndef SXSH_MODEL_REGISTRATION_H
#define SXSH_MODEL_REGISTRATION_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/validate.h"
#include "model/doc/doc.h"
#include "model/doc/workflow.h"

struct db;

/* Bytes of the measures (VF_MEASURES). */
#define REGISTRATION_MEASURES_MAX VAL_MEASURES_MAX

struct registration {
	struct doc_head doc;	   /* id 0 for an unsaved (pre-filled) one */
	int apply_cp;		   /* 1 or 0 */
	double planned_saving_pct; /* 0-100 */
	int has_saving;
	char measures[REGISTRATION_MEASURES_MAX + 1];
};

/* The registration's row in the document core's kinds table (doc.h). */
extern const struct doc_kind registration_kind;

/* Form input as typed; apply_cp "1" or "0" (required), the others optional. */
struct registration_input {
	const char *apply_cp, *planned_saving_pct, *measures;
};

/*
 * Validates in into the commitment fields of *r.  Field names in errs:
 * "apply_cp", "planned_saving_pct", "measures".  Returns ST_OK or
 * ST_INVALID (then *r is unchanged).
 */
int registration_validate(const struct registration_input *in, struct registration *r,
			  struct wf_errors *errs);

/* Registration id into *out.  ST_OK, ST_NOTFOUND or ST_ERR. */
int registration_get(struct db *db, const struct principal *who, int64_t id,
		     struct registration *out);
/* The registration of facility for year.  ST_OK, ST_NOTFOUND or ST_ERR. */
int registration_get_year(struct db *db, const struct principal *who, int64_t facility_id, int year,
			  struct registration *out);
/*
 * An unsaved registration for facility and year with the commitments of
 * the latest earlier one; without one, blank but committed to apply CP
 * (apply_cp 1: the form's default).  ST_OK, ST_NOTFOUND or ST_ERR.
 */
int registration_prefill(struct db *db, const struct principal *who, int64_t facility_id, int year,
			 struct registration *out);
/* As report_create: ST_OK (*id), ST_NOTFOUND, ST_FORBIDDEN, ST_INVALID, ST_EXISTS, ST_ERR. */
int registration_create(struct db *db, const struct principal *who, int64_t facility_id, int year,
			const struct registration_input *in, int64_t *id, struct wf_errors *errs);
/* As report_update. */
int registration_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
			const struct registration_input *in, struct wf_errors *errs);
/* As report_transition. */
int registration_transition(struct db *db, const struct principal *who, int64_t id,
			    enum wf_action action, int64_t version, const char *note,
			    struct wf_errors *errs);

/*
 * Saves and submits in one transaction, as the form's "submit" does:
 * creates the registration (facility_id, year) from in when id is 0, else
 * updates registration id from a form of version, then submits it; all or
 * nothing.  Returns ST_OK with *out_id, or what registration_create,
 * registration_update or registration_transition would return.
 */
int registration_save_and_submit(struct db *db, const struct principal *who, int64_t facility_id,
				 int year, int64_t id, int64_t version,
				 const struct registration_input *in, int64_t *out_id,
				 struct wf_errors *errs);

/* JSON of r (sorted keys, compact) for the audit log; the caller frees it. */
char *registration_json(const struct registration *r);

#endif
