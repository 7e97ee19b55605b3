/*
 * Sign-in, sign-out and the owner's password change as use-cases (login.h):
 * the throttle, the account, the session and the audit row, each change in
 * one transaction of its own.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/login.h"
#include "model/accounts/throttle.h"
#include "model/accounts/user.h"
#include "model/audit.h"
#include "util/log.h"

/* The audit document of a sign-in attempt: {"addr": ..., "email": ...}; malloc'd. */
static char *
login_audit_json(const char *email, const char *addr)
{
	json_t *o = json_pack("{s:s, s:s}", "email", email, "addr", addr);
	char *s = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return s;
}

/* Sets out's outcome and its message id (no arguments); returns ST_OK. */
static enum status
login_decided(struct login_result *out, enum login_outcome outcome, enum msg_id id)
{
	out->outcome = outcome;
	msg_init(&out->why, id, NULL);
	return ST_OK;
}

/* A throttled outcome: out->wait_min is set. */
static enum status
login_throttled(struct login_result *out)
{
	login_decided(out, LOGIN_THROTTLED, MSG_LOGIN_THROTTLED);
	msg_int(&out->why, out->wait_min);
	return ST_OK;
}

enum status
login_attempt(struct db *db, const char *email, const char *password, const char *addr, int64_t now,
	      struct login_result *out)
{
	/* Throttle by the address as it is compared (lower case). */
	char key[USER_EMAIL_MAX + 1];
	if (strlen(email) > USER_EMAIL_MAX)
		return login_decided(out, LOGIN_DENIED, MSG_LOGIN_DENIED);
	size_t i;
	for (i = 0; email[i] != '\0'; i++)
		key[i] = email[i] >= 'A' && email[i] <= 'Z' ? (char)(email[i] + 32) : email[i];
	key[i] = '\0';

	int trc = throttle_check(db, key, addr, now, &out->wait_min);
	if (trc < 0)
		return ST_ERR;
	if (trc == 1)
		return login_throttled(out);

	struct user u;
	enum status ust = user_by_email(db, key, &u);
	if (ust == ST_ERR)
		return ST_ERR;
	int ok;
	if (ust == ST_NOTFOUND)
		ok = user_password_dummy(password);
	else
		ok = user_password_verify(u.hash, password) && !u.disabled;

	char id[24];
	snprintf(id, sizeof(id), "%" PRId64, ust == ST_OK ? u.id : 0);
	char *doc = login_audit_json(key, addr);
	enum status st = ST_ERR;
	if (db_begin(db) != DB_OK)
		goto out;
	if (!ok) {
		if (throttle_fail(db, key, addr, now) < 0 ||
		    audit_write(db, NULL, now, "login.fail", "app_user", ust == ST_OK ? id : NULL,
				NULL, doc) < 0 ||
		    db_commit(db) != DB_OK)
			goto fail;
		st = login_decided(out, LOGIN_DENIED, MSG_LOGIN_DENIED);
		goto out;
	}
	struct principal who;
	user_principal(&u, &who);
	if (session_create(db, &u, now, out->token, &out->session) < 0 ||
	    throttle_success(db, key) < 0 ||
	    audit_write(db, &who, now, "login", "app_user", id, NULL, doc) < 0 ||
	    db_commit(db) != DB_OK)
		goto fail;
	st = login_decided(out, LOGIN_OK, MSG_NONE);
	goto out;
fail:
	db_rollback(db);
out:
	free(doc);
	return st;
}

enum status
login_password_change(struct db *db, const struct principal *who, const char *keep_session,
		      const struct login_password *pw, const char *addr, int64_t now,
		      struct login_result *out)
{
	struct user u;
	if (user_get(db, who->user_id, &u) != ST_OK)
		return ST_ERR;
	/* The account's address is stored in lower case: the sign-in's throttle key. */
	int trc = throttle_check(db, u.email, addr, now, &out->wait_min);
	if (trc < 0)
		return ST_ERR;
	if (trc == 1)
		return login_throttled(out);
	if (pw->current == NULL || pw->password == NULL || pw->confirm == NULL ||
	    !user_password_verify(u.hash, pw->current)) {
		if (db_begin(db) != DB_OK)
			return ST_ERR;
		if (throttle_fail(db, u.email, addr, now) < 0 || db_commit(db) != DB_OK) {
			db_rollback(db);
			return ST_ERR;
		}
		return login_decided(out, LOGIN_DENIED, MSG_LOGIN_CURRENT_WRONG);
	}
	if (strcmp(pw->password, pw->confirm) != 0) {
		msg_init(&out->why, MSG_LOGIN_MISMATCH, NULL);
		return ST_INVALID;
	}
	enum status st = user_password_change(db, who, keep_session, pw->keep_tokens, pw->password,
					      now, &out->why);
	return st == ST_OK ? login_decided(out, LOGIN_OK, MSG_NONE) : st;
}

enum status
login_end(struct db *db, const struct principal *who, const char *session_hash, int64_t now)
{
	char id[24];
	snprintf(id, sizeof(id), "%" PRId64, who->user_id);
	if (db_begin(db) != DB_OK)
		return ST_ERR;
	if (session_destroy(db, session_hash) < 0 ||
	    audit_write(db, who, now, "logout", "app_user", id, NULL, NULL) < 0 ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return ST_ERR;
	}
	return ST_OK;
}
