/*
 * Drafts and stashes of forms (see formdraft.h).  The stash's token is made
 * and hashed like a session's (model/accounts/session.h): only the hash is
 * stored, so reading the table does not give anyone a stash.
 */
#include "model/doc/formdraft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "util/alloc.h"
#include "util/log.h"

int
formdraft_put(struct db *db, int64_t user_id, const char *path, const char *body,
	      int64_t base_version, int64_t now)
{
	struct db_stmt *st = db_stmt(db, STMT_FORMDRAFT_EXPIRE);
	db_bind_int(st, 1, now - FORMDRAFT_TTL);
	if (db_run(st) != DB_OK)
		goto fail;
	st = db_stmt(db, STMT_FORMDRAFT_PUT);
	db_bind_int(st, 1, user_id);
	db_bind_text(st, 2, path);
	db_bind_text(st, 3, body);
	db_bind_int(st, 4, base_version);
	db_bind_int(st, 5, now);
	if (db_run(st) == DB_OK)
		return 0;
fail:
	log_err("formdraft: cannot store %s for user %lld: %s", path, (long long)user_id,
		db_errmsg(db));
	return -1;
}

int
formdraft_get(struct db *db, int64_t user_id, const char *path, int64_t now, struct formdraft *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = db_stmt(db, STMT_FORMDRAFT_GET);
	db_bind_int(st, 1, user_id);
	db_bind_text(st, 2, path);
	db_bind_int(st, 3, now - FORMDRAFT_TTL);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW) {
		log_err("formdraft: cannot read %s: %s", path, db_errmsg(db));
		return -1;
	}
	out->body = xstrdup(db_col_text(st, 0));
	out->base_version = db_col_int(st, 1);
	out->saved_at = db_col_int(st, 2);
	db_reset(st);
	return 1;
}

void
formdraft_release(struct formdraft *d)
{
	if (d == NULL)
		return;
	free(d->body);
	memset(d, 0, sizeof(*d));
}

int
formdraft_clear(struct db *db, int64_t user_id, const char *path)
{
	struct db_stmt *st = db_stmt(db, STMT_FORMDRAFT_DELETE);
	db_bind_int(st, 1, user_id);
	db_bind_text(st, 2, path);
	if (db_run(st) == DB_OK)
		return 0;
	log_err("formdraft: cannot clear %s: %s", path, db_errmsg(db));
	return -1;
}

int
formdraft_doc_change(struct db *db, const char *kind, int64_t id, char *actor, size_t n,
		     int64_t *at)
{
	char ids[24];
	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	struct db_stmt *st = db_stmt(db, STMT_DOC_LAST_CHANGE);
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, ids);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW) {
		log_err("formdraft: cannot read the last change of %s %s: %s", kind, ids,
			db_errmsg(db));
		return -1;
	}
	snprintf(actor, n, "%s", db_col_text(st, 0));
	*at = audit_at_unix(db_col_text(st, 1));
	db_reset(st);
	return 1;
}

int
formstash_put(struct db *db, const char *path, const char *body, int64_t base_version, int64_t now,
	      char token[FORMSTASH_TOKEN_LEN + 1])
{
	char hash[SESSION_HASH_LEN + 1];
	session_secret_new(token, hash);
	struct db_stmt *st = db_stmt(db, STMT_FORMSTASH_EXPIRE);
	db_bind_int(st, 1, now);
	if (db_run(st) != DB_OK)
		goto fail;
	int64_t live = 0;
	if (db_query_int(db, STMT_FORMSTASH_COUNT, &live) != DB_OK)
		goto fail;
	if (live >= FORMSTASH_LIVE_MAX) {
		log_warn("formdraft: %lld stashes live, none more kept", (long long)live);
		token[0] = '\0';
		return 1;
	}
	st = db_stmt(db, STMT_FORMSTASH_INSERT);
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, path);
	db_bind_text(st, 3, body);
	db_bind_int(st, 4, base_version);
	db_bind_int(st, 5, now);
	db_bind_int(st, 6, now + FORMSTASH_TTL);
	if (db_run(st) == DB_OK)
		return 0;
fail:
	log_err("formdraft: cannot stash a form for %s: %s", path, db_errmsg(db));
	token[0] = '\0';
	return -1;
}

int
formstash_claim(struct db *db, const char *token, int64_t user_id, int64_t now, char *path,
		size_t n)
{
	char hash[SESSION_HASH_LEN + 1];
	path[0] = '\0';
	if (session_secret_hash(token, hash) < 0)
		return 0;
	if (db_begin(db) != DB_OK) {
		log_err("formdraft: cannot begin: %s", db_errmsg(db));
		return -1;
	}
	struct db_stmt *st = db_stmt(db, STMT_FORMSTASH_GET);
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, now);
	int found = 0, rc = db_step(st);
	char *body = NULL;
	int64_t base_version = 0, created = 0;
	if (rc == DB_ROW) {
		found = 1;
		snprintf(path, n, "%s", db_col_text(st, 0));
		body = xstrdup(db_col_text(st, 1));
		base_version = db_col_int(st, 2);
		created = db_col_int(st, 3);
		db_reset(st);
	} else if (rc != DB_DONE) {
		goto fail;
	}
	st = db_stmt(db, STMT_FORMSTASH_DELETE); /* used once, live or expired */
	db_bind_text(st, 1, hash);
	if (db_run(st) != DB_OK)
		goto fail;
	if (found && formdraft_put(db, user_id, path, body, base_version, created) < 0)
		goto fail;
	if (db_commit(db) != DB_OK)
		goto fail;
	free(body);
	return found;
fail:
	log_err("formdraft: cannot claim a stash: %s", db_errmsg(db));
	db_rollback(db);
	free(body);
	path[0] = '\0';
	return -1;
}
