/*
 * The facility picker's search: what a person types to name a facility
 * (part of its name, with or without diacritics, its facility code or its
 * tax code) to the few facilities it may mean.  Admin pages resolve the
 * typed text with it when no script ran, and the picker's JSON endpoint
 * offers its rows as suggestions.  Any active facility is found, so the
 * callers are staff pages whose route admits only the province's staff.
 */
#ifndef SXSH_MODEL_FACILITY_PICK_H
#define SXSH_MODEL_FACILITY_PICK_H

#include <stdint.h>

struct arena;
struct db;

#define FACILITY_PICK_MAX 20 /* most rows one search returns */

struct facility_pick {
	int64_t id;
	const char *name, *code, *tax_code, *unit; /* tax_code "" when none */
	int exact; /* the text is this facility's code or tax code */
};

/*
 * Fills out[0..*n) (at most max, 1..FACILITY_PICK_MAX) with the active
 * facilities q names: those whose code or tax code equals q (then exact is
 * set and they come first), and those whose folded name contains q folded
 * (util/fold.h), by folded name.  Strings live in a.  An empty q finds
 * nothing.  Returns 0, or -1 on a storage error (logged).
 */
int facility_pick(struct db *db, struct arena *a, const char *q, int max, struct facility_pick *out,
		  int *n);

#endif
