/*
 * Sign-in sessions (table session) and the random secrets behind them.
 *
 * A session is a 32-byte random token.  The browser holds it base64url
 * encoded (43 characters) in the session cookie; the database holds only
 * its BLAKE2b-256 hash, so a copy of the database signs nobody in.  Each
 * session carries its own CSRF token (another 32 random bytes) that every
 * form of that session must send back.
 *
 * A session ends SESSION_IDLE_MAX seconds after its last use or
 * SESSION_ABSOLUTE_MAX seconds after sign-in, whichever comes first.  The
 * time is always a parameter (Unix seconds), never read here, so expiry is
 * tested with an injected clock.  Use is recorded at most once per
 * SESSION_TOUCH_EVERY seconds to keep reads from becoming writes.
 */
#ifndef SXSH_MODEL_SESSION_H
#define SXSH_MODEL_SESSION_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/accounts/user.h"

struct db;

#define SESSION_TOKEN_LEN    43		 /* base64url characters of 32 bytes, no padding */
#define SESSION_HASH_LEN     64		 /* hex characters of a BLAKE2b-256 hash */
#define SESSION_IDLE_MAX     (2 * 3600)	 /* seconds without use */
#define SESSION_ABSOLUTE_MAX (12 * 3600) /* seconds after sign-in */
#define SESSION_TOUCH_EVERY  60		 /* seconds between last_seen updates */

/* A signed-in identity, from a session or an API token. */
struct session {
	struct principal who; /* who.email points to email below */
	char email[USER_EMAIL_MAX + 1];
	char csrf[SESSION_TOKEN_LEN + 1]; /* "" for API tokens */
	char hash[SESSION_HASH_LEN + 1];  /* the token's hash: the session's key */
	int64_t created, last_seen, expires;
};

/* Why a session is no longer valid (session_expiry). */
enum session_state { SESSION_LIVE = 0, SESSION_IDLE, SESSION_ABSOLUTE };

/*
 * The state of a session created at `created` and last used at last_seen,
 * at time now: SESSION_IDLE when now - last_seen >= SESSION_IDLE_MAX,
 * SESSION_ABSOLUTE when now - created >= SESSION_ABSOLUTE_MAX (absolute
 * wins when both hold), else SESSION_LIVE.  Pure.
 */
enum session_state session_expiry(int64_t created, int64_t last_seen, int64_t now);

/*
 * Writes a new random secret (SESSION_TOKEN_LEN characters) into token and
 * its hash into hash.  Aborts if the system has no randomness.
 */
void session_secret_new(char token[SESSION_TOKEN_LEN + 1], char hash[SESSION_HASH_LEN + 1]);
/*
 * Writes the hash of the secret token into hash.  Returns 0, or -1 when
 * token is not SESSION_TOKEN_LEN base64url characters (hash is then "").
 */
int session_secret_hash(const char *token, char hash[SESSION_HASH_LEN + 1]);

/*
 * Starts a session for account u at time now and writes its cookie value
 * into token; fills s.  Runs in the caller's transaction.  Returns 0, or -1
 * on a storage error (logged).
 */
int session_create(struct db *db, const struct user *u, int64_t now,
		   char token[SESSION_TOKEN_LEN + 1], struct session *s);
/*
 * Finds the live session of cookie value token at time now and fills s.
 * An expired session is deleted; a session of a disabled account does not
 * count.  Returns 1 when found, 0 when there is none, -1 on a storage error.
 */
int session_lookup(struct db *db, const char *token, int64_t now, struct session *s);
/* Ends the session whose hash is hash.  Returns 0 or -1. */
int session_destroy(struct db *db, const char *hash);
/*
 * Ends every session of user_id except the one whose hash is keep (NULL:
 * all).  Returns the number ended, or -1 on a storage error.
 */
int64_t session_destroy_user(struct db *db, int64_t user_id, const char *keep);
/*
 * Test hook: moves the times of the session of cookie value token back by
 * seconds, as if it had been created and used that long ago.  Returns 0 or -1.
 */
int session_age(struct db *db, const char *token, int64_t seconds);

#endif
