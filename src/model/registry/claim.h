/*
 * Which enterprise users act for which facility (table facility_member,
 * migration 0005).  An enterprise user claims a facility by its code or
 * tax code; province staff confirm or reject the claim, or assign a
 * facility to a user directly.  Only a confirmed membership puts the
 * facility in the user's scope (scope.h).  Every change writes its audit
 * row in the same transaction; decisions carry the claim's version.
 */
#ifndef SXSH_MODEL_CLAIM_H
#define SXSH_MODEL_CLAIM_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/doc/workflow.h"

struct arena;
struct db;

enum claim_status { CLAIM_CLAIMED, CLAIM_CONFIRMED, CLAIM_REJECTED, CLAIM__MAX };
/* "claimed", "confirmed", "rejected"; static. */
extern const char *const claim_status_names[CLAIM__MAX];

/*
 * who (an enterprise user) claims the facility whose code or tax code is
 * key.  A rejected claim may be made again.  Returns ST_OK with *claim_id,
 * ST_FORBIDDEN (not an enterprise user), ST_NOTFOUND (no such facility),
 * ST_EXISTS (already claimed or confirmed) or ST_ERR.
 */
int claim_request(struct db *db, const struct principal *who, const char *key, int64_t *claim_id);

/*
 * Province staff confirm (confirm = 1) or reject a pending claim of the
 * given version, with an optional note.  Returns ST_OK, ST_NOTFOUND,
 * ST_FORBIDDEN, ST_STATE (not pending), ST_CONFLICT, ST_INVALID (note,
 * errs) or ST_ERR.
 */
int claim_decide(struct db *db, const struct principal *who, int64_t claim_id, int64_t version,
		 int confirm, const char *note, struct wf_errors *errs);

/*
 * Province staff give user_id (an active enterprise user) the facility
 * directly: its membership becomes confirmed whatever it was.  Returns
 * ST_OK, ST_FORBIDDEN, ST_NOTFOUND (no such user or facility), ST_INVALID
 * (errs field "user_id": not an enterprise user) or ST_ERR.
 */
int claim_assign(struct db *db, const struct principal *who, int64_t user_id, int64_t facility_id,
		 struct wf_errors *errs);

struct claim_row {
	int64_t id, user_id, facility_id, version;
	const char *email, *facility_code, *facility_name, *tax_code, *claimed_at, *note;
	enum claim_status status;
};

/*
 * The claims who may see (province staff: all; district: those on
 * facilities of its unit; anyone: their own), newest first, at most 500,
 * filtered by status (-1 any).  Strings live in arena a.  ST_OK or ST_ERR.
 */
int claim_list(struct db *db, const struct principal *who, int status, struct arena *a,
	       struct claim_row **rows, int *n);

#endif
