/*
 * Editing a facility's profile, by its enterprise (a confirmed member) or
 * by province staff: every field validated with its message (model/msg.h),
 * the version the form was loaded with checked, the audit row written in
 * the same transaction.  The administrative unit and the status are not
 * edited here (a unit change has its own history, migration 0002).
 */
#ifndef SXSH_MODEL_FACILITY_EDIT_H
#define SXSH_MODEL_FACILITY_EDIT_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/validate.h"
#include "model/doc/workflow.h"

struct db;

/* Text members hold the longest value of their field (validate.h), as imported. */
struct facility_profile {
	int64_t id;
	char code[VAL_CODE_MAX + 1];
	char tax_code[32]; /* "" when none */
	char name[VAL_TEXT_MAX + 1];
	char sector_code[16];
	int64_t admin_unit_id;
	char address[VAL_TEXT_MAX + 1];
	double lat, lon;
	int has_geo;
	char ownership[16], size[16];
	int64_t employees;	      /* -1 unknown */
	int opened_year, closed_year; /* 0 unknown */
	char status[16];
	int64_t version;
};

/* Form input as typed; empty optional fields store as unknown. */
struct facility_profile_input {
	const char *name, *tax_code, *sector_code, *address, *lat, *lon, *ownership, *size,
	    *employees, *opened_year, *closed_year;
};

/* The profile of facility id.  ST_OK, ST_NOTFOUND (or out of scope) or ST_ERR. */
int facility_profile_get(struct db *db, const struct principal *who, int64_t id,
			 struct facility_profile *out);

/*
 * Replaces the editable fields of facility id.  Field names in errs match
 * the input members ("name", "tax_code", ..., "closed_year").  name,
 * sector_code, ownership and size are required; lat and lon go together.
 * Returns ST_OK, ST_NOTFOUND, ST_FORBIDDEN (district, expert), ST_CONFLICT,
 * ST_INVALID or ST_ERR.
 */
int facility_profile_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
			    const struct facility_profile_input *in, struct wf_errors *errs);

#endif
