/*
 * The workflow tests' fixture (test_workflow.c, test_scope.c): the embedded
 * reference data, a province with districts A and B (and a commune of A),
 * three facilities and one user of every role, made with literal SQL.
 *
 *   F1 (id 1) in commune A1 under district A; F2 (id 2) in district B;
 *   F3 (id 3) in district A.
 *   users: 1 admin, 2 province, 3 district A, 4 district B, 5 enterprise
 *   with F1 assigned (app_user.facility_id), 6 enterprise with a pending
 *   claim on F3, 7 expert.
 */
#ifndef SXSH_TESTS_WFFIX_H
#define SXSH_TESTS_WFFIX_H

#include "model/accounts/principal.h"

struct db;

enum {
	WFX_ADMIN,
	WFX_PROVINCE,
	WFX_DISTRICT_A,
	WFX_DISTRICT_B,
	WFX_ENT1,
	WFX_ENT2,
	WFX_EXPERT,
	WFX__MAX
};
#define WFX_UNIT_A 9002
#define WFX_UNIT_B 9003

/* The principals of the fixture users, by WFX_ index. */
extern const struct principal wfx_who[WFX__MAX];

/*
 * A new migrated database tu_db_new(name) holding the fixture; fails the
 * test on error.
 */
struct db *wfx_new(const char *name);

/* The integer result of a one-value SQL query on that database (tests only). */
long long wfx_int(const char *name, const char *sql);
/* The text result of a one-value query, malloc'd ("" for none); the caller frees it. */
char *wfx_text(const char *name, const char *sql);

#endif
