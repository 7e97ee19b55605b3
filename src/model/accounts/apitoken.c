/*
 * Personal API tokens (see apitoken.h).  A token is APITOKEN_PREFIX and a
 * session-style secret (model/accounts/session.c makes and hashes both), so leaked
 * tokens are easy to recognise in logs and by secret scanners.
 */
#include "model/accounts/apitoken.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/accounts/principal.h"
#include "util/alloc.h"
#include "util/fold.h"
#include "util/log.h"

/* apitoken_create's work, in the caller's transaction. */
static enum status
apitoken_insert(struct db *db, const struct principal *who, const char *name, int64_t now,
		char token[APITOKEN_LEN + 1], struct msg *why)
{
	char secret[SESSION_TOKEN_LEN + 1], hash[SESSION_HASH_LEN + 1];
	size_t len = name != NULL ? strlen(name) : 0;
	if (len == 0 || len > APITOKEN_NAME_MAX || !utf8_valid(name, len)) {
		if (why != NULL) {
			msg_init(why, MSG_APITOKEN_NAME, NULL);
			msg_int(why, APITOKEN_NAME_MAX);
		}
		return ST_INVALID;
	}
	session_secret_new(secret, hash);
	snprintf(token, APITOKEN_LEN + 1, "%s%s", APITOKEN_PREFIX, secret);
	struct db_stmt *st = db_stmt(db, STMT_APITOKEN_INSERT);
	db_bind_int(st, 1, who->user_id);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, hash);
	db_bind_int(st, 4, now);
	if (db_run(st) != DB_OK)
		goto fail;
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)db_last_id(db));
	return audit_write(db, who, now, "apitoken.create", "api_token", key, NULL, NULL) < 0
		   ? ST_ERR
		   : ST_OK;
fail:
	log_err("apitoken: cannot create: %s", db_errmsg(db));
	return ST_ERR;
}

int
apitoken_lookup(struct db *db, const char *token, int64_t now, struct session *s)
{
	memset(s, 0, sizeof(*s));
	size_t plen = strlen(APITOKEN_PREFIX);
	if (token == NULL || strncmp(token, APITOKEN_PREFIX, plen) != 0 ||
	    session_secret_hash(token + plen, s->hash) < 0)
		return 0;
	struct db_stmt *st = db_stmt(db, STMT_APITOKEN_GET);
	db_bind_text(st, 1, s->hash);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		goto fail;
	int64_t id = db_col_int(st, 0);
	s->who.user_id = db_col_int(st, 1);
	int ok = user_role_parse(db_col_text(st, 2), &s->who.role) == 0 &&
		 strcmp(db_col_text(st, 6), "active") == 0;
	s->who.unit_id = db_col_int(st, 3);
	s->who.facility_id = db_col_int(st, 4);
	snprintf(s->email, sizeof(s->email), "%s", db_col_text(st, 5));
	s->who.email = s->email;
	db_reset(st);
	if (!ok)
		return 0;
	st = db_stmt(db, STMT_APITOKEN_TOUCH);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, now);
	/* "Last used" is a courtesy: a failed touch (a full disk) does not refuse the token. */
	if (db_run(st) != DB_OK)
		log_warn("apitoken: touch failed: %s", db_errmsg(db));
	return 1;
fail:
	log_err("apitoken: lookup failed: %s", db_errmsg(db));
	return -1;
}

int
apitoken_list(struct db *db, int64_t user_id, struct apitoken **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_APITOKEN_LIST);
	db_bind_int(st, 1, user_id);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		struct apitoken *t = &(*out)[(*n)++];
		t->id = db_col_int(st, 0);
		snprintf(t->name, sizeof(t->name), "%s", db_col_text(st, 1));
		t->created = db_col_int(st, 2);
		t->last_used = db_col_int(st, 3);
		t->revoked = db_col_int(st, 4);
	}
	if (rc == DB_DONE)
		return 0;
	free(*out);
	*out = NULL;
	*n = 0;
	log_err("apitoken: list failed: %s", db_errmsg(db));
	return -1;
}

/* apitoken_revoke's work, in the caller's transaction. */
static enum status
apitoken_revoke_one(struct db *db, const struct principal *who, int64_t id, int64_t now)
{
	struct db_stmt *st = db_stmt(db, STMT_APITOKEN_REVOKE);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, who->user_id);
	db_bind_int(st, 3, now);
	if (db_run(st) != DB_OK)
		goto fail;
	if (db_changes(db) == 0)
		return ST_NOTFOUND;
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	return audit_write(db, who, now, "apitoken.revoke", "api_token", key, NULL, NULL) < 0
		   ? ST_ERR
		   : ST_OK;
fail:
	log_err("apitoken: cannot revoke: %s", db_errmsg(db));
	return ST_ERR;
}

/* Ends the transaction of a change that returned st: ST_OK commits, the rest roll back. */
static enum status
apitoken_tx_end(struct db *db, enum status st)
{
	if (st == ST_OK && db_commit(db) == DB_OK)
		return ST_OK;
	db_rollback(db);
	return st == ST_OK ? ST_ERR : st;
}

enum status
apitoken_create(struct db *db, const struct principal *who, const char *name, int64_t now,
		char token[APITOKEN_LEN + 1], struct msg *why)
{
	if (db_begin(db) != DB_OK)
		return ST_ERR;
	return apitoken_tx_end(db, apitoken_insert(db, who, name, now, token, why));
}

enum status
apitoken_revoke(struct db *db, const struct principal *who, int64_t id, int64_t now)
{
	if (db_begin(db) != DB_OK)
		return ST_ERR;
	return apitoken_tx_end(db, apitoken_revoke_one(db, who, id, now));
}

int64_t
apitoken_revoke_user(struct db *db, int64_t user_id, int64_t now)
{
	struct db_stmt *st = db_stmt(db, STMT_APITOKEN_REVOKE_ALL);
	if (db_bind_int(st, 1, user_id) == DB_OK && db_bind_int(st, 2, now) == DB_OK &&
	    db_run(st) == DB_OK)
		return db_changes(db);
	log_err("apitoken: cannot revoke the tokens of user %lld: %s", (long long)user_id,
		db_errmsg(db));
	return -1;
}
