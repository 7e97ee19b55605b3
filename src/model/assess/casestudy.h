/*
 * The anonymised case studies of accepted pilot assessments (issue 13,
 * item 6): province staff publish and withdraw them; anyone reads a
 * published one without signing in.  What a case study carries names no
 * facility: the sector (VSIC division), the district-level unit, the size
 * class, the focus area and the options; the facility's name and code are
 * removed from those texts as well (casestudy_scrub), and its id is only
 * kept to compute its measured savings (model/assess/measured.h).
 */
#ifndef SXSH_MODEL_ASSESS_CASESTUDY_H
#define SXSH_MODEL_ASSESS_CASESTUDY_H

#include <stdint.h>

#include "model/accounts/principal.h"

struct arena;
struct db;

struct casestudy {
	int64_t id;				   /* the assessment's */
	int year;				   /* the assessment's start year */
	const char *focus;			   /* scrubbed */
	const char *sector_code;		   /* the facility's VSIC code */
	const char *division_vi, *division_en;	   /* its division's names ("" unknown) */
	const char *district;			   /* the district-level unit's name ("" unknown) */
	int size;				   /* index in names_size, -1 unknown */
	const char *accepted_on;		   /* ISO */
	int64_t facility_id;			   /* for measured_facility only: never shown */
	const char *facility_name, *facility_code; /* for casestudy_scrub only: never shown */
};

/*
 * Publishes (publish 1) or withdraws (0) the case study of assessment id:
 * province staff, an accepted or sustaining pilot (assess_open with
 * ASSESS_PUBLISH).  Writes the audit row assessment.publish or
 * assessment.unpublish and bumps the assessment's version.  ST_OK,
 * ST_NOTFOUND, ST_FORBIDDEN, ST_STATE (not accepted, or not a pilot),
 * ST_CONFLICT (version not 0 and stale) or ST_ERR.
 */
int casestudy_publish(struct db *db, const struct principal *who, int64_t id, int64_t version,
		      int publish);

/* The published case studies, newest first, into *out (a): ST_OK or ST_ERR. */
int casestudy_list(struct db *db, struct arena *a, struct casestudy **out, int *n);

/* The published case study id: ST_OK, ST_NOTFOUND (not published) or ST_ERR. */
int casestudy_get(struct db *db, int64_t id, struct arena *a, struct casestudy *out);

/*
 * text with every occurrence of the case study's facility name and code
 * (ignoring case) replaced by "…": what a page shows of free text typed
 * by the team.  Arena string.
 */
const char *casestudy_scrub(const struct casestudy *c, struct arena *a, const char *text);

#endif
