/*
 * Demo accounts: one account per role on the demo province, so a visitor of
 * a demo server can sign in as each kind of user.  The addresses are fixed
 * (admin@, so@, rachgia@, chuyengia@, dn1@, dn2@demo.sxsh.vn); the
 * passwords are random (user_password_generate), hashed like any other
 * password and handed back once to the caller, never stored in clear.  The
 * accounts are made through user_create, as `sxsh user add` makes them, so
 * each has its "user.create" audit row; an enterprise account is bound to
 * its facility at creation, which confirms its membership (migration 0005).
 *
 * The two enterprise accounts act for facilities chosen from the data, not
 * by id: dn1 for the first facility by code of sector 1020 reporting frozen
 * shrimp, dn2 for the first of sector 1061 reporting milled rice, each
 * preferring a medium-size facility.  For a given seed and facility count
 * the choice is always the same.  Nothing here writes to the demo data
 * tables (facility, report and its lines); the expert account is named on
 * the demo assessments' teams that give its e-mail as contact
 * (demo_assess_bind_experts, model/demo/demo_assess.h).
 */
#ifndef SXSH_MODEL_DEMO_ACCOUNTS_H
#define SXSH_MODEL_DEMO_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/accounts/user.h"

struct db;

#define DEMO_ACCOUNT_DOMAIN "demo.sxsh.vn"
#define DEMO_ACCOUNTS	    6

enum demo_account_state {
	DEMO_ACCOUNT_CREATED, /* new; password holds its password */
	DEMO_ACCOUNT_EXISTS,  /* already there and left alone; password is "" */
	DEMO_ACCOUNT_RESET,   /* already there; given a new password (reset) */
};

struct demo_account {
	const char *email; /* static */
	enum role role;
	const char *unit_code; /* static; NULL for roles without a unit */
	int64_t user_id;
	int64_t facility_id; /* enterprise accounts; else 0 */
	char facility_code[64];
	char facility_name[256];
	enum demo_account_state state;
	char password[USER_GENERATED_PASSWORD + 1]; /* "" unless CREATED or RESET */
};

/*
 * Makes sure the DEMO_ACCOUNTS demo accounts exist in db, in one
 * transaction, and describes each in out[0..DEMO_ACCOUNTS) in a fixed order
 * (admin, province, district, expert, enterprise 1, enterprise 2).  Missing
 * accounts are created with a new random password.  Existing ones are left
 * alone (except that an enterprise account left without a facility by a
 * plain `demo --replace` is bound again, audited "user.facility"), unless
 * reset is set: then each gets a new random password
 * (user_set_password, audited "user.password") and an enterprise one is
 * bound again to its chosen facility (audited "user.facility"), which is
 * what `sxsh demo --replace --accounts` needs after the facilities were
 * regenerated.  Assumes the schema is migrated and the demo province
 * generated (demo_generate).  Returns 0; or -1 with a bilingual message in
 * err (size errsz) after rolling back, out's passwords wiped.  The caller
 * wipes the passwords with demo_accounts_wipe once it has shown them.
 */
int demo_accounts_ensure(struct db *db, int reset, int64_t now,
			 struct demo_account out[DEMO_ACCOUNTS], char *err, size_t errsz);

/* Overwrites the passwords in a[0..n) with zeros. */
void demo_accounts_wipe(struct demo_account *a, size_t n);

#endif
