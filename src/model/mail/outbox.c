/*
 * The outbox: queueing in the caller's transaction, claiming and sending in
 * the background, listing, and the notice opt-out (outbox.h).
 */
#include "model/mail/outbox.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/mail/smtp.h"
#include "util/alloc.h"
#include "util/log.h"

const char *const mail_kind_codes[MAIL_KIND__MAX] = {
    [MAIL_INVITATION] = "invitation",
    [MAIL_REMINDER] = "reminder",
    [MAIL_RETURNED] = "returned",
    [MAIL_ACCEPTED] = "accepted",
    [MAIL_PASSWORD_RESET] = "password_reset",
};

/* Binds v, or NULL when it is 0. */
static void
bind_id(struct db_stmt *st, int idx, int64_t v)
{
	if (v != 0)
		db_bind_int(st, idx, v);
	else
		db_bind_null(st, idx);
}

int
mail_queue(struct db *db, const struct mail_new *m, int64_t now)
{
	struct db_stmt *st = db_stmt(db, STMT_MAIL_QUEUE);
	db_bind_text(st, 1, mail_kind_codes[m->kind]);
	db_bind_text(st, 2, m->recipient);
	bind_id(st, 3, m->user_id);
	db_bind_text(st, 4, m->subject);
	db_bind_text(st, 5, m->body);
	bind_id(st, 6, m->facility_id);
	db_bind_text(st, 7, m->doc_kind);
	bind_id(st, 8, m->doc_id);
	db_bind_text(st, 9, m->dedup_key);
	db_bind_int(st, 10, now);
	if (db_run(st) != DB_OK) {
		log_err("mail: cannot queue a %s to %s: %s", mail_kind_codes[m->kind], m->recipient,
			db_errmsg(db));
		return -1;
	}
	return db_changes(db) == 1;
}

int64_t
mail_retry_delay(int attempts)
{
	static const int64_t delays[] = {60, 300, 1800, 7200};
	if (attempts < 1)
		attempts = 1;
	return attempts <= 4 ? delays[attempts - 1] : 21600;
}

/*
 * Claims message id (in state `state` when it was listed) at now, in a
 * transaction of its own.  1 when this caller won it, 0 when another did,
 * -1 on a storage error.
 */
static int
mail_claim(struct db *db, int64_t id, int64_t now)
{
	if (db_begin(db) != DB_OK)
		return -1;
	struct db_stmt *st = db_stmt(db, STMT_MAIL_CLAIM);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, now - MAIL_CLAIM_STALE);
	if (db_run(st) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	int won = db_changes(db) == 1;
	if (db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return won;
}

/* Records the result of sending id (attempts made so far) in a transaction of its own. */
static int
mail_record(struct db *db, int64_t id, int attempts, int ok, const char *error, int64_t now,
	    struct mail_run *run)
{
	if (db_begin(db) != DB_OK)
		return -1;
	struct db_stmt *st;
	if (ok) {
		st = db_stmt(db, STMT_MAIL_SENT);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, now);
		run->sent++;
	} else if (attempts >= MAIL_MAX_ATTEMPTS) {
		st = db_stmt(db, STMT_MAIL_FAILED);
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, error);
		run->failed++;
	} else {
		st = db_stmt(db, STMT_MAIL_RETRY);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, now + mail_retry_delay(attempts));
		db_bind_text(st, 3, error);
		run->retried++;
	}
	if (db_run(st) != DB_OK || db_commit(db) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* Sends claimed message id; 0, or -1 on a storage error. */
static int
mail_send_one(struct db *db, const struct mail_config *c, int64_t id, int64_t now,
	      struct mail_run *run)
{
	struct db_stmt *st = db_stmt(db, STMT_MAIL_GET);
	db_bind_int(st, 1, id);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return -1;
	}
	char *to = xstrdup(db_col_text(st, 0));
	char *msg = smtp_message(c->from, to, db_col_text(st, 1), db_col_text(st, 2), now);
	int attempts = (int)db_col_int(st, 3);
	db_reset(st);
	char err[SMTP_ERR_MAX] = "";
	int ok = 0;
	if (msg == NULL)
		snprintf(err, sizeof(err), "message too large");
	else
		ok = smtp_send(c, to, msg, err) == 0;
	if (ok)
		log_info("mail: sent message %" PRId64 " to %s", id, to);
	else
		log_warn("mail: message %" PRId64 " to %s, attempt %d: %s", id, to, attempts, err);
	free(msg);
	free(to);
	return mail_record(db, id, attempts, ok, err, now, run);
}

int
mail_deliver_due(struct db *db, const struct mail_config *c, int64_t now, int max,
		 struct mail_run *run)
{
	enum { BATCH = 32 };
	int64_t ids[BATCH];
	int done = 0;
	while (done < max) {
		struct db_stmt *st = db_stmt(db, STMT_MAIL_DUE);
		db_bind_int(st, 1, now);
		db_bind_int(st, 2, now - MAIL_CLAIM_STALE);
		db_bind_int(st, 3, max - done < BATCH ? max - done : BATCH);
		int n = 0, rc;
		while ((rc = db_step(st)) == DB_ROW)
			ids[n++] = db_col_int(st, 0);
		db_reset(st);
		if (rc != DB_DONE)
			return -1;
		if (n == 0)
			break;
		for (int i = 0; i < n; i++) {
			int won = mail_claim(db, ids[i], now);
			if (won < 0)
				return -1;
			if (won == 0)
				continue; /* another instance has it */
			if (mail_send_one(db, c, ids[i], now, run) < 0)
				return -1;
		}
		done += n;
	}
	return 0;
}

/* Copies a column into a fixed field, cut at a character boundary. */
static void
col_copy(char *dst, size_t n, const char *s)
{
	size_t len = strlen(s);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

enum status
mail_list(struct db *db, const char *state, int due_only, int64_t now, struct mail_row **out,
	  size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st;
	if (due_only) {
		st = db_stmt(db, STMT_MAIL_PENDING);
		db_bind_int(st, 1, now);
	} else {
		st = db_stmt(db, STMT_MAIL_LIST);
		db_bind_text(st, 1, state);
		db_bind_int(st, 2, MAIL_LIST_MAX);
	}
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW && *n < MAIL_LIST_MAX) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		struct mail_row *r = &(*out)[(*n)++];
		memset(r, 0, sizeof(*r));
		r->id = db_col_int(st, 0);
		col_copy(r->kind, sizeof(r->kind), db_col_text(st, 1));
		col_copy(r->recipient, sizeof(r->recipient), db_col_text(st, 2));
		col_copy(r->subject, sizeof(r->subject), db_col_text(st, 3));
		if (due_only) {
			snprintf(r->state, sizeof(r->state), "queued");
			r->attempts = (int)db_col_int(st, 4);
			continue;
		}
		col_copy(r->state, sizeof(r->state), db_col_text(st, 4));
		r->attempts = (int)db_col_int(st, 5);
		r->next_at = db_col_int(st, 6);
		col_copy(r->last_error, sizeof(r->last_error), db_col_text(st, 7));
		r->created_at = db_col_int(st, 8);
		r->sent_at = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return ST_ERR;
	}
	return ST_OK;
}

int
mail_optout_get(struct db *db, int64_t user_id)
{
	struct db_stmt *st = db_stmt(db, STMT_MAIL_OPTOUT_GET);
	db_bind_int(st, 1, user_id);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

enum status
mail_optout_set(struct db *db, const struct principal *who, int off, int64_t now)
{
	char id[24];
	snprintf(id, sizeof(id), "%" PRId64, who->user_id);
	if (db_begin(db) != DB_OK)
		return ST_ERR;
	int was = mail_optout_get(db, who->user_id);
	struct db_stmt *st = db_stmt(db, off ? STMT_MAIL_OPTOUT_SET : STMT_MAIL_OPTOUT_CLEAR);
	db_bind_int(st, 1, who->user_id);
	if (off)
		db_bind_int(st, 2, now);
	if (was < 0 || db_run(st) != DB_OK ||
	    audit_write(db, who, now, "user.notices", "app_user", id,
			was ? "{\"notices\":false}" : "{\"notices\":true}",
			off ? "{\"notices\":false}" : "{\"notices\":true}") < 0 ||
	    db_commit(db) != DB_OK) {
		db_rollback(db);
		return ST_ERR;
	}
	return ST_OK;
}
