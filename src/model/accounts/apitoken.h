/*
 * Personal API tokens (table api_token): a signed-in user creates named
 * tokens for scripts; a client sends one as "Authorization: Bearer TOKEN"
 * and acts as that user (same role and scope), without cookies or CSRF
 * tokens.  The token is shown once when created; the database keeps only
 * its hash (as for sessions, model/accounts/session.h).  A revoked token stops
 * working at once.
 */
#ifndef SXSH_MODEL_APITOKEN_H
#define SXSH_MODEL_APITOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/session.h"
#include "model/msg.h"
#include "model/status.h"

struct db;
struct principal;

#define APITOKEN_PREFIX	  "sxsh_"
#define APITOKEN_LEN	  (5 + SESSION_TOKEN_LEN) /* prefix and secret */
#define APITOKEN_NAME_MAX 100			  /* bytes of a token's name */

struct apitoken {
	int64_t id;
	char name[APITOKEN_NAME_MAX + 1];
	int64_t created, last_used, revoked; /* Unix seconds; 0 = never */
};

/*
 * Creates a token named name (1..APITOKEN_NAME_MAX bytes of UTF-8) for
 * who->user_id at time now, writes it into token (shown once, never stored)
 * and audits "apitoken.create", in one transaction of its own.  Returns
 * ST_OK; ST_INVALID when the name is not acceptable (MSG_APITOKEN_NAME in
 * *why, which may be NULL); ST_ERR on a storage error (logged).  Nothing is
 * written unless ST_OK.
 */
enum status apitoken_create(struct db *db, const struct principal *who, const char *name,
			    int64_t now, char token[APITOKEN_LEN + 1], struct msg *why);
/*
 * Finds the live token and fills s with its owner (csrf empty); records its
 * use.  Returns 1 when found (and the account is active), 0 when not, -1 on
 * a storage error.
 */
int apitoken_lookup(struct db *db, const char *token, int64_t now, struct session *s);
/* The tokens of user_id, newest first, malloc'd (free()); sets *n.  0 or -1. */
int apitoken_list(struct db *db, int64_t user_id, struct apitoken **out, size_t *n);
/*
 * Revokes token id if it belongs to who and is live, and audits, in one
 * transaction of its own.  Returns ST_OK, ST_NOTFOUND when there is no such
 * live token of who, ST_ERR on a storage error (logged).
 */
enum status apitoken_revoke(struct db *db, const struct principal *who, int64_t id, int64_t now);
/*
 * Revokes every live token of user_id at time now, in the caller's
 * transaction (a password change or reset: model/accounts/user.h; the caller
 * audits).  Returns the number revoked, or -1 on a storage error.
 */
int64_t apitoken_revoke_user(struct db *db, int64_t user_id, int64_t now);

#endif
