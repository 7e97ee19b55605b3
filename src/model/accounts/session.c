/*
 * Sessions (see session.h).  Secrets come from libsodium's randombytes;
 * hashes are BLAKE2b-256 (crypto_generichash) in lower-case hex.  A fast
 * hash is right here, unlike for passwords: the secret has 256 random bits,
 * so there is nothing to guess.
 */
#include "model/accounts/session.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "util/log.h"

enum session_state
session_expiry(int64_t created, int64_t last_seen, int64_t now)
{
	if (now - created >= SESSION_ABSOLUTE_MAX)
		return SESSION_ABSOLUTE;
	if (now - last_seen >= SESSION_IDLE_MAX)
		return SESSION_IDLE;
	return SESSION_LIVE;
}

static void
session_hash_bytes(const unsigned char *bin, size_t n, char hash[SESSION_HASH_LEN + 1])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), bin, n, NULL, 0);
	sodium_bin2hex(hash, SESSION_HASH_LEN + 1, h, sizeof(h));
}

void
session_secret_new(char token[SESSION_TOKEN_LEN + 1], char hash[SESSION_HASH_LEN + 1])
{
	unsigned char bin[32];
	if (sodium_init() < 0)
		abort(); /* no randomness: no secret can be made */
	randombytes_buf(bin, sizeof(bin));
	sodium_bin2base64(token, SESSION_TOKEN_LEN + 1, bin, sizeof(bin),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	session_hash_bytes(bin, sizeof(bin), hash);
	sodium_memzero(bin, sizeof(bin));
}

int
session_secret_hash(const char *token, char hash[SESSION_HASH_LEN + 1])
{
	unsigned char bin[32];
	size_t n = 0;
	hash[0] = '\0';
	if (token == NULL || strlen(token) != SESSION_TOKEN_LEN || sodium_init() < 0)
		return -1;
	if (sodium_base642bin(bin, sizeof(bin), token, SESSION_TOKEN_LEN, NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(bin))
		return -1;
	session_hash_bytes(bin, sizeof(bin), hash);
	return 0;
}

int
session_create(struct db *db, const struct user *u, int64_t now, char token[SESSION_TOKEN_LEN + 1],
	       struct session *s)
{
	char csrf_hash[SESSION_HASH_LEN + 1];
	memset(s, 0, sizeof(*s));
	session_secret_new(token, s->hash);
	session_secret_new(s->csrf, csrf_hash); /* only the random text is used */
	snprintf(s->email, sizeof(s->email), "%s", u->email);
	user_principal(u, &s->who);
	s->who.email = s->email;
	s->created = s->last_seen = now;
	s->expires = now + SESSION_ABSOLUTE_MAX;

	struct db_stmt *st = db_stmt(db, STMT_SESSION_INSERT);
	db_bind_text(st, 1, s->hash);
	db_bind_int(st, 2, u->id);
	db_bind_text(st, 3, s->csrf);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, s->expires);
	if (db_run(st) == DB_OK)
		return 0;
	log_err("session: cannot create: %s", db_errmsg(db));
	return -1;
}

/* Columns of STMT_SESSION_GET. */
enum {
	SG_USER,
	SG_CSRF,
	SG_CREATED,
	SG_LAST_SEEN,
	SG_EXPIRES,
	SG_ROLE,
	SG_UNIT,
	SG_FACILITY,
	SG_EMAIL,
	SG_STATUS
};

int
session_lookup(struct db *db, const char *token, int64_t now, struct session *s)
{
	memset(s, 0, sizeof(*s));
	if (session_secret_hash(token, s->hash) < 0)
		return 0;
	struct db_stmt *st = db_stmt(db, STMT_SESSION_GET);
	db_bind_text(st, 1, s->hash);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		goto fail;
	int ok = user_role_parse(db_col_text(st, SG_ROLE), &s->who.role) == 0 &&
		 strcmp(db_col_text(st, SG_STATUS), "active") == 0;
	s->who.user_id = db_col_int(st, SG_USER);
	s->who.unit_id = db_col_int(st, SG_UNIT);
	s->who.facility_id = db_col_int(st, SG_FACILITY);
	snprintf(s->email, sizeof(s->email), "%s", db_col_text(st, SG_EMAIL));
	snprintf(s->csrf, sizeof(s->csrf), "%s", db_col_text(st, SG_CSRF));
	s->who.email = s->email;
	s->created = db_col_int(st, SG_CREATED);
	s->last_seen = db_col_int(st, SG_LAST_SEEN);
	s->expires = db_col_int(st, SG_EXPIRES);
	db_reset(st);
	if (session_expiry(s->created, s->last_seen, now) != SESSION_LIVE || now >= s->expires) {
		session_destroy(db, s->hash);
		return 0;
	}
	if (!ok)
		return 0;
	if (now - s->last_seen >= SESSION_TOUCH_EVERY) {
		st = db_stmt(db, STMT_SESSION_TOUCH);
		db_bind_text(st, 1, s->hash);
		db_bind_int(st, 2, now);
		/*
		 * A touch that fails (a full disk) costs only idle time: the
		 * session stays valid and the read it serves goes on.
		 */
		if (db_run(st) == DB_OK)
			s->last_seen = now;
		else
			log_warn("session: touch failed: %s", db_errmsg(db));
	}
	return 1;
fail:
	log_err("session: lookup failed: %s", db_errmsg(db));
	return -1;
}

int
session_destroy(struct db *db, const char *hash)
{
	struct db_stmt *st = db_stmt(db, STMT_SESSION_DELETE);
	db_bind_text(st, 1, hash);
	if (db_run(st) == DB_OK)
		return 0;
	log_err("session: cannot delete: %s", db_errmsg(db));
	return -1;
}

int64_t
session_destroy_user(struct db *db, int64_t user_id, const char *keep)
{
	struct db_stmt *st = db_stmt(db, STMT_SESSION_DELETE_USER);
	db_bind_int(st, 1, user_id);
	db_bind_text(st, 2, keep);
	if (db_run(st) == DB_OK)
		return db_changes(db);
	log_err("session: cannot end the sessions of user %lld: %s", (long long)user_id,
		db_errmsg(db));
	return -1;
}

int
session_age(struct db *db, const char *token, int64_t seconds)
{
	char hash[SESSION_HASH_LEN + 1];
	if (session_secret_hash(token, hash) < 0)
		return -1;
	struct db_stmt *st = db_stmt(db, STMT_SESSION_AGE);
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, seconds);
	return db_run(st) == DB_OK && db_changes(db) == 1 ? 0 : -1;
}
