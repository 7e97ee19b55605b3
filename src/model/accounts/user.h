/*
 * Accounts (table app_user): create, look up, list, change password and
 * status, and the rules that tie a role to its scope.  An account has one
 * role (model/accounts/principal.h); a district account is bound to one
 * administrative unit, an enterprise account to one facility, and the other
 * roles to neither.  Pages, API and CLI create accounts through user_create
 * so the rules exist once.
 *
 * Passwords are hashed with Argon2id (libsodium crypto_pwhash_str) at
 * USER_PWHASH_OPSLIMIT passes over USER_PWHASH_MEMLIMIT bytes; the encoded
 * hash carries its own parameters, so raising them later re-verifies old
 * hashes unchanged.  At most USER_PWHASH_CONCURRENCY hashes run at once in
 * a process, which caps the memory that sign-ins can take (4 x 64 MiB).
 * docs/performance.md records the measured cost per sign-in.
 */
#ifndef SXSH_MODEL_USER_H
#define SXSH_MODEL_USER_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/msg.h"
#include "model/status.h"

struct db;

#define USER_PWHASH_OPSLIMIT	3u
#define USER_PWHASH_MEMLIMIT	(64u << 20) /* bytes */
#define USER_PWHASH_CONCURRENCY 4
#define USER_PASSWORD_MIN	10  /* characters (UTF-8 code points) */
#define USER_PASSWORD_MAX	128 /* bytes */
#define USER_EMAIL_MAX		254 /* bytes (RFC 5321 path limit) */
#define USER_GENERATED_PASSWORD 20  /* characters of user_password_generate */

struct user {
	int64_t id;
	char email[USER_EMAIL_MAX + 1];
	char name[256];
	enum role role;
	int64_t unit_id;	 /* district accounts; else 0 */
	char unit_code[64];	 /* the unit's code, "" when none */
	char unit_name[256];	 /* the unit's name, "" when none */
	int64_t facility_id;	 /* enterprise accounts; else 0 */
	char facility_name[256]; /* "" when none */
	char facility_code[64];	 /* the facility's code, "" when none */
	int disabled;
	int64_t created_at; /* Unix seconds */
	char hash[128];	    /* the encoded Argon2id hash, "" when none is set */
	int64_t version;    /* raised by every change; user_update compares it */
};

/*
 * Results: functions return an enum status (model/status.h).  Those that
 * change something, or check what a person typed, also fill a struct msg
 * *why (model/msg.h) whenever they return anything but ST_OK: ST_INVALID
 * with what is wrong (MSG_USER_EMAIL, MSG_USER_ROLE, MSG_USER_UNIT_…,
 * MSG_USER_FACILITY_…, MSG_USER_PASSWORD_…), ST_EXISTS (MSG_USER_EXISTS),
 * ST_NOTFOUND (MSG_USER_NOTFOUND) or ST_ERR (MSG_USER_INTERNAL: a storage
 * error, logged).  why may be NULL.  Lookups return ST_OK, ST_NOTFOUND or
 * ST_ERR and no message.
 */

/*
 * Starts *m as the accounts message id with the arguments its template
 * takes (the password limits of MSG_USER_PASSWORD_SHORT and _LONG), for an
 * edge that finds the problem itself (a role or facility id that does not
 * parse, a password line too long to read).
 */
void user_msg(struct msg *m, enum msg_id id);

/* "admin" for ROLE_ADMIN, ...; static. */
const char *user_role_name(enum role r);
/* The role named s; returns 0, or -1 when s names none. */
int user_role_parse(const char *s, enum role *out);

/* What a new account asks for; strings are borrowed for the call. */
struct user_new {
	const char *email;
	const char *name; /* may be NULL */
	enum role role;
	const char *unit_code; /* NULL or "" when none */
	int64_t facility_id;   /* 0 when none */
	const char *password;
};

/*
 * Checks nu against the rules above, hashes the password and inserts the
 * account in one statement (the caller may wrap it in a transaction with
 * other writes), writing an audit row "user.create" as actor.  actor may be
 * NULL (the command line).  Returns ST_OK and sets *id; ST_INVALID,
 * ST_EXISTS or ST_ERR with *why.
 */
enum status user_create(struct db *db, const struct principal *actor, const struct user_new *nu,
			int64_t now, int64_t *id, struct msg *why);
/* Fills u for id or email (compared as stored: lower case); ST_OK, ST_NOTFOUND or ST_ERR. */
enum status user_get(struct db *db, int64_t id, struct user *u);
enum status user_by_email(struct db *db, const char *email, struct user *u);
/*
 * Every account, by email, into a malloc'd array the caller frees with
 * free(); sets *n.  Returns ST_OK or ST_ERR.
 */
enum status user_list(struct db *db, struct user **out, size_t *n);

#define USER_PICK_MAX 10 /* most suggestions of user_pick */
struct user_pick {
	char email[USER_EMAIL_MAX + 1];
	char name[256];
};
/*
 * The accounts whose email or name contains q (ASCII case ignored), by
 * email, at most USER_PICK_MAX into out; sets *n (0 for an empty q).  The
 * audit log's user filter suggests them.  ST_OK or ST_ERR.
 */
enum status user_pick(struct db *db, const char *q, struct user_pick out[USER_PICK_MAX], int *n);
/*
 * Resets the password of id for someone else (an administrator, `sxsh user
 * passwd`, a demo reset): sets it (checked as for user_create), ends every
 * session of id and revokes every API token of id, and writes an audit row
 * "user.password" with {"sessions_ended": N, "tokens_revoked": M}, all in
 * the caller's transaction.  Returns ST_OK; ST_INVALID, ST_NOTFOUND or
 * ST_ERR with *why.
 */
enum status user_set_password(struct db *db, const struct principal *actor, int64_t id,
			      const char *password, int64_t now, struct msg *why);
/*
 * The signed-in user who changes its own password: as user_set_password
 * for who->user_id, except that the session whose hash is keep_session
 * (the one making the change; NULL: none) stays signed in and, when
 * keep_tokens is set, the API tokens stay valid.  The caller has checked
 * the current password (login_password_change does).  In the caller's
 * transaction.
 */
enum status user_change_password(struct db *db, const struct principal *who,
				 const char *keep_session, int keep_tokens, const char *password,
				 int64_t now, struct msg *why);
/*
 * Disables (disabled != 0) or enables id; disabling ends its sessions (its
 * API tokens are refused while it is disabled); audited.  An actor may not disable itself
 * (ST_FORBIDDEN, MSG_USER_SELF).  ST_OK; ST_NOTFOUND or ST_ERR with *why.
 */
enum status user_set_disabled(struct db *db, const struct principal *actor, int64_t id,
			      int disabled, int64_t now, struct msg *why);

/*
 * ST_OK when password is acceptable as a new password, else ST_INVALID with
 * MSG_USER_PASSWORD_SHORT, _LONG or _BAD in *why.
 */
enum status user_password_check(const char *password, struct msg *why);
/*
 * Hashes password with Argon2id into out (crypto_pwhash_STRBYTES bytes at
 * least).  Returns 0, or -1 when memory for the hash is not available.
 */
int user_password_hash(const char *password, char *out, size_t outsz);
/*
 * Returns 1 when password matches the encoded hash, 0 otherwise (also for an
 * empty or malformed hash).  Takes as long for a wrong password as for the
 * right one.
 */
int user_password_verify(const char *hash, const char *password);
/*
 * Verifies password against a fixed hash of the same cost and returns 0: for
 * unknown accounts, so that they take as long to refuse as known ones.
 */
int user_password_dummy(const char *password);
/*
 * Writes a random password of USER_GENERATED_PASSWORD characters from an
 * unambiguous alphabet of 56 characters (log2 56 = 5.8 bits each, 116 bits in all) into out
 * (at least USER_GENERATED_PASSWORD + 1 bytes).
 */
void user_password_generate(char *out);

/*
 * The changes above as use-cases that own their transaction, for pages and
 * commands (the caller holds none): each begins one, makes the change with
 * its audit row, and commits it, or rolls everything back and returns the
 * error with *why (ST_ERR, MSG_USER_INTERNAL, when the storage failed).
 */
/* user_create in a transaction of its own. */
enum status user_add(struct db *db, const struct principal *actor, const struct user_new *nu,
		     int64_t now, int64_t *id, struct msg *why);
/* user_set_password in a transaction of its own. */
enum status user_password_reset(struct db *db, const struct principal *actor, int64_t id,
				const char *password, int64_t now, struct msg *why);
/* user_change_password in a transaction of its own. */
enum status user_password_change(struct db *db, const struct principal *who,
				 const char *keep_session, int keep_tokens, const char *password,
				 int64_t now, struct msg *why);
/*
 * Changes the name, role and scope of id to those of ch (email and password
 * of ch are ignored), checked as for user_create, when the account is still
 * at version; ends the account's sessions when its role or scope changes
 * (a session must not keep rights the account lost); audited as
 * "user.update" with the old and new values.  An actor may not change its
 * own role (MSG_USER_SELF).  ST_OK; ST_INVALID, ST_CONFLICT
 * (MSG_USER_CONFLICT), ST_NOTFOUND or ST_ERR with *why.
 */
enum status user_update(struct db *db, const struct principal *actor, int64_t id, int64_t version,
			const struct user_new *ch, int64_t now, struct msg *why);
/* user_update in a transaction of its own. */
enum status user_edit(struct db *db, const struct principal *actor, int64_t id, int64_t version,
		      const struct user_new *ch, int64_t now, struct msg *why);
/* user_set_disabled in a transaction of its own. */
enum status user_status_change(struct db *db, const struct principal *actor, int64_t id,
			       int disabled, int64_t now, struct msg *why);

/* Fills p (borrowing u's strings) from u: the principal of that account. */
void user_principal(const struct user *u, struct principal *p);

#endif
