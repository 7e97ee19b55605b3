/*
 * Signing in and out as one use-case each, for the page and any other
 * caller: login_attempt checks the throttle (model/accounts/throttle.h),
 * the account and its password, and then, in one transaction it owns,
 * either records the failure (throttle row and "login.fail" audit row) or
 * creates the session, clears the account's failures and writes the
 * "login" audit row.  login_end deletes a session and writes its "logout"
 * row, in one transaction.  login_password_change is the signed-in user's
 * own password change under the same throttle (the current password is
 * guessable through its form too).  Callers hold no transaction of their
 * own.
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
#include "model/accounts/user.h"

struct db;

/* How a sign-in ended. */
enum login_rc {
	LOGIN_OK = 0,	    /* signed in: the result's token and session are set */
	LOGIN_DENIED,	    /* unknown account, wrong password or disabled: recorded */
	LOGIN_THROTTLED,    /* refused before any password check: wait_min is set */
	LOGIN_ERR_INTERNAL, /* storage error, logged; nothing was written */
	LOGIN_MISMATCH,	    /* password change: the two copies of the new password differ */
	LOGIN_REFUSED,	    /* password change: the new password is refused (urc says why) */
};

/* What a successful or throttled sign-in hands back. */
struct login_result {
	char token[SESSION_TOKEN_LEN + 1]; /* the cookie value (LOGIN_OK) */
	struct session session;		   /* the new session (LOGIN_OK) */
	int wait_min;			   /* whole minutes to wait, at least 1 (LOGIN_THROTTLED) */
	enum user_rc urc;		   /* what is wrong with a new password (LOGIN_REFUSED) */
};

/*
 * Tries to sign in email (compared without ASCII case) with password from
 * client address addr at time now (Unix s), as described above.  Unknown
 * accounts take as long to refuse as wrong passwords.  Returns the outcome
 * and fills *out as its comment says.
 */
enum login_rc login_attempt(struct db *db, const char *email, const char *password,
			    const char *addr, int64_t now, struct login_result *out);

/* The fields of a password change form; NULL when the form lacks one. */
struct login_password {
	const char *current;  /* the password now */
	const char *password; /* the new one */
	const char *confirm;  /* the new one again */
	int keep_tokens;      /* the API tokens stay valid (user_change_password) */
};

/*
 * who changes its own password from client address addr at time now.  In
 * order: refuses while the account or the address is throttled
 * (LOGIN_THROTTLED, out->wait_min set; nothing checked or written); a
 * missing field or a wrong current password is recorded as a failed
 * sign-in in a transaction of its own (LOGIN_DENIED); two copies of the
 * new password that differ are LOGIN_MISMATCH; then user_password_change
 * sets the new password, ending the other sessions than keep_session and,
 * unless pw->keep_tokens, revoking the API tokens, with its audit row, in
 * one transaction (LOGIN_OK, or LOGIN_REFUSED with out->urc when the new
 * password is not acceptable).  LOGIN_ERR_INTERNAL on a storage error.
 */
enum login_rc login_password_change(struct db *db, const struct principal *who,
				    const char *keep_session, const struct login_password *pw,
				    const char *addr, int64_t now, struct login_result *out);

/*
 * Ends the session whose hash is session_hash, signed in as who, and writes
 * the "logout" audit row, in one transaction.  Returns 0, or -1 on a storage
 * error (nothing changed).
 */
int login_end(struct db *db, const struct principal *who, const char *session_hash, int64_t now);

#endif
