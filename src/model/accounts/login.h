/*
 * Signing in and out as one use-case each, for the page and any other
 * caller: login_attempt checks the throttle (model/accounts/throttle.h),
 * the account and its password, and then, in one transaction it owns,
 * either records the failure (throttle row and "login.fail" audit row) or
 * creates the session, clears the account's failures and writes the
 * "login" audit row.  login_end deletes a session and writes its "logout"
 * row, in one transaction.  Callers hold no transaction of their own.
 *
 * The Argon2id verification (about 64 MiB and a tenth of a second) runs
 * before the write transaction begins, not inside it, so that a sign-in
 * never holds the database's write lock while it hashes.
 */
#ifndef SXSH_MODEL_LOGIN_H
#define SXSH_MODEL_LOGIN_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/accounts/session.h"

struct db;

/* How a sign-in ended. */
enum login_rc {
	LOGIN_OK = 0,	    /* signed in: the result's token and session are set */
	LOGIN_DENIED,	    /* unknown account, wrong password or disabled: recorded */
	LOGIN_THROTTLED,    /* refused before any password check: wait_min is set */
	LOGIN_ERR_INTERNAL, /* storage error, logged; nothing was written */
};

/* What a successful or throttled sign-in hands back. */
struct login_result {
	char token[SESSION_TOKEN_LEN + 1]; /* the cookie value (LOGIN_OK) */
	struct session session;		   /* the new session (LOGIN_OK) */
	int wait_min;			   /* whole minutes to wait, at least 1 (LOGIN_THROTTLED) */
};

/*
 * Tries to sign in email (compared without ASCII case) with password from
 * client address addr at time now (Unix s), as described above.  Unknown
 * accounts take as long to refuse as wrong passwords.  Returns the outcome
 * and fills *out as its comment says.
 */
enum login_rc login_attempt(struct db *db, const char *email, const char *password,
			    const char *addr, int64_t now, struct login_result *out);

/*
 * Ends the session whose hash is session_hash, signed in as who, and writes
 * the "logout" audit row, in one transaction.  Returns 0, or -1 on a storage
 * error (nothing changed).
 */
int login_end(struct db *db, const struct principal *who, const char *session_hash, int64_t now);

#endif
