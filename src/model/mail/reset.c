/*
 * Password reset tokens and their messages (reset.h).
 */
#include "model/mail/reset.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/session.h"
#include "model/accounts/user.h"
#include "model/mail/mail.h"
#include "model/mail/notice.h"
#include "model/mail/outbox.h"
#include "util/log.h"

/* The count of statement id for (text, since); -1 on a storage error. */
static int64_t
reset_count(struct db *db, enum stmt id, const char *key, int64_t since)
{
	struct db_stmt *st = db_stmt(db, id);
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, since);
	int64_t n = -1;
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

/* Queues the reset link for u; 0 or -1.  In the caller's transaction. */
static int
reset_queue(struct db *db, const struct user *u, const char *token, int64_t now)
{
	char link[MAIL_URL_MAX + 96];
	snprintf(link, sizeof(link), "%s/password/reset?token=%s", mail_conf()->base_url, token);
	struct msg subject, body;
	msg_init(&subject, MSG_MAIL_RESET_SUBJECT, NULL);
	msg_init(&body, MSG_MAIL_RESET_BODY, NULL);
	msg_ref(&body, u->email);
	msg_ref(&body, link);
	char subj[MAIL_SUBJECT_MAX];
	mail_subject(&subject, subj, sizeof(subj));
	char *text = mail_compose(u->name[0] ? u->name : u->email, &body, NULL, 0);
	struct mail_new m = {
	    .kind = MAIL_PASSWORD_RESET,
	    .recipient = u->email,
	    .user_id = u->id,
	    .subject = subj,
	    .body = text,
	};
	int rc = mail_queue(db, &m, now);
	free(text);
	return rc < 0 ? -1 : 0;
}

enum status
mail_reset_request(struct db *db, const char *email, const char *addr, int64_t now, int *wait_min)
{
	/* Addresses are compared in lower case, as sign-in does. */
	char key[USER_EMAIL_MAX + 1];
	size_t i;
	for (i = 0; email[i] != '\0' && i < USER_EMAIL_MAX; i++)
		key[i] = email[i] >= 'A' && email[i] <= 'Z' ? (char)(email[i] + 32) : email[i];
	key[i] = '\0';

	if (db_begin(db) != DB_OK)
		return ST_ERR;
	enum status st = ST_ERR;
	int64_t by_addr = reset_count(db, STMT_PWRESET_BY_ADDR, addr, now - RESET_WINDOW_ADDR);
	int64_t by_email = reset_count(db, STMT_PWRESET_BY_EMAIL, key, now - RESET_WINDOW_EMAIL);
	if (by_addr < 0 || by_email < 0)
		goto fail;
	if (by_addr >= RESET_PER_ADDR) {
		db_rollback(db);
		*wait_min = RESET_WINDOW_ADDR / 60;
		return ST_FORBIDDEN;
	}
	struct user u;
	enum status ust = user_by_email(db, key, &u);
	if (ust == ST_ERR)
		goto fail;
	int send = ust == ST_OK && !u.disabled && by_email < RESET_PER_EMAIL;
	char token[SESSION_TOKEN_LEN + 1], hash[SESSION_HASH_LEN + 1];
	if (send)
		session_secret_new(token, hash);
	struct db_stmt *s = db_stmt(db, STMT_PWRESET_INSERT);
	db_bind_text(s, 1, key);
	db_bind_text(s, 2, addr);
	if (send) {
		db_bind_int(s, 3, u.id);
		db_bind_text(s, 4, hash);
	} else {
		db_bind_null(s, 3);
		db_bind_null(s, 4);
	}
	db_bind_int(s, 5, now);
	db_bind_int(s, 6, now + RESET_TTL);
	if (db_run(s) != DB_OK || (send && reset_queue(db, &u, token, now) < 0))
		goto fail;
	/* Requests older than a day serve no throttle any more. */
	s = db_stmt(db, STMT_PWRESET_PURGE);
	db_bind_int(s, 1, now - 86400);
	if (db_run(s) != DB_OK || db_commit(db) != DB_OK)
		goto fail;
	return ST_OK;
fail:
	log_err("mail: password reset request: %s", db_errmsg(db));
	db_rollback(db);
	return st;
}

/* The reset row and account of token at now: ST_OK, ST_NOTFOUND or ST_ERR. */
static enum status
reset_find(struct db *db, const char *token, int64_t now, int64_t *user_id)
{
	char hash[SESSION_HASH_LEN + 1];
	if (token == NULL || session_secret_hash(token, hash) < 0)
		return ST_NOTFOUND;
	struct db_stmt *st = db_stmt(db, STMT_PWRESET_GET);
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, now);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*user_id = db_col_int(st, 1);
	db_reset(st);
	return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : ST_ERR;
}

enum status
mail_reset_check(struct db *db, const char *token, int64_t now)
{
	int64_t uid;
	return reset_find(db, token, now, &uid);
}

enum status
mail_reset_complete(struct db *db, const char *token, const char *password, const char *confirm,
		    int64_t now, struct msg *why)
{
	int64_t uid = 0;
	enum status st = reset_find(db, token, now, &uid);
	if (st != ST_OK) {
		msg_init(why, st == ST_NOTFOUND ? MSG_MAIL_RESET_INVALID : MSG_ST_ERR, NULL);
		return st;
	}
	if (password == NULL || confirm == NULL || strcmp(password, confirm) != 0) {
		msg_init(why, MSG_LOGIN_MISMATCH, NULL);
		return ST_INVALID;
	}
	if ((st = user_password_check(password, why)) != ST_OK)
		return st;
	if (db_begin(db) != DB_OK) {
		msg_init(why, MSG_ST_ERR, NULL);
		return ST_ERR;
	}
	/* Again inside the transaction: another request may have used it meanwhile. */
	int64_t again = 0;
	struct user u;
	st = reset_find(db, token, now, &again);
	if (st == ST_OK && again != uid)
		st = ST_NOTFOUND;
	if (st == ST_OK)
		st = user_get(db, uid, &u);
	if (st == ST_OK && u.disabled)
		st = ST_NOTFOUND;
	if (st != ST_OK) {
		db_rollback(db);
		msg_init(why, st == ST_NOTFOUND ? MSG_MAIL_RESET_INVALID : MSG_ST_ERR, NULL);
		return st;
	}
	struct principal who;
	user_principal(&u, &who);
	st = user_set_password(db, &who, uid, password, now, why);
	if (st == ST_OK) {
		struct db_stmt *s = db_stmt(db, STMT_PWRESET_USE);
		db_bind_int(s, 1, uid);
		db_bind_int(s, 2, now);
		if (db_run(s) != DB_OK)
			st = ST_ERR;
	}
	if (st == ST_OK && db_commit(db) == DB_OK)
		return ST_OK;
	db_rollback(db);
	if (st == ST_OK || st == ST_ERR) {
		msg_init(why, MSG_ST_ERR, NULL);
		return ST_ERR;
	}
	return st;
}
