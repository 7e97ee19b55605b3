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
#include "model/msg.h"
#include "model/status.h"

struct db;

/*
 * How a sign-in, or an owner's password change, was decided.  The functions
 * return an enum status like the rest of the model (ST_ERR: storage, logged,
 * nothing written); when they return ST_OK the outcome says more than a
 * status could: a refusal is an answer rather than an error (it is recorded
 * as a failed sign-in and counts towards the throttle), and the page must
 * tell a refusal (the form again) from a throttle (429 with Retry-After in
 * whole minutes), which no status tells apart.
 */
enum login_outcome {
	LOGIN_OK = 0,	 /* signed in, or the password changed */
	LOGIN_DENIED,	 /* unknown account, wrong (current) password or disabled: recorded */
	LOGIN_THROTTLED, /* refused before any password check: wait_min is set */
};

/* What a decided sign-in or password change hands back. */
struct login_result {
	enum login_outcome outcome;
	char token[SESSION_TOKEN_LEN + 1]; /* the cookie value (sign-in, LOGIN_OK) */
	struct session session;		   /* the new session (sign-in, LOGIN_OK) */
	int wait_min;			   /* whole minutes to wait, at least 1 (LOGIN_THROTTLED) */
	/*
	 * What to tell the person when the outcome is not LOGIN_OK
	 * (MSG_LOGIN_DENIED or MSG_LOGIN_CURRENT_WRONG, MSG_LOGIN_THROTTLED with
	 * the minutes), or why a password change returned ST_INVALID.
	 */
	struct msg why;
};

/*
 * Tries to sign in email (compared without ASCII case) with password from
 * client address addr at time now (Unix s), as described above.  Unknown
 * accounts take as long to refuse as wrong passwords.  Returns ST_OK with
 * out->outcome set and *out filled as its comments say, or ST_ERR.
 */
enum status login_attempt(struct db *db, const char *email, const char *password, const char *addr,
			  int64_t now, struct login_result *out);

/* The fields of a password change form; NULL when the form lacks one. */
struct login_password {
	const char *current;  /* the password now */
	const char *password; /* the new one */
	const char *confirm;  /* the new one again */
	int keep_tokens;      /* the API tokens stay valid (user_change_password) */
};

/*
 * who changes its own password from client address addr at time now.  In
 * order: refuses while the account or the address is throttled (ST_OK,
 * LOGIN_THROTTLED; nothing checked or written); a missing field or a wrong
 * current password is recorded as a failed sign-in in a transaction of its
 * own (ST_OK, LOGIN_DENIED, MSG_LOGIN_CURRENT_WRONG); two copies of the new
 * password that differ are ST_INVALID with MSG_LOGIN_MISMATCH; then
 * user_password_change sets the new password, ending the sessions other
 * than keep_session and, unless pw->keep_tokens, revoking the API tokens,
 * with its audit row, in one transaction (ST_OK, LOGIN_OK; or ST_INVALID
 * with the password's MSG_USER_PASSWORD_… in out->why, ST_NOTFOUND when
 * the account is gone).  ST_ERR on a storage error.
 */
enum status login_password_change(struct db *db, const struct principal *who,
				  const char *keep_session, const struct login_password *pw,
				  const char *addr, int64_t now, struct login_result *out);

/*
 * Ends the session whose hash is session_hash, signed in as who, and writes
 * the "logout" audit row, in one transaction.  Returns ST_OK, or ST_ERR on a
 * storage error (nothing changed).
 */
enum status login_end(struct db *db, const struct principal *who, const char *session_hash,
		      int64_t now);

#endif
