/*
 * Accounts (see user.h).  Role codes are names_role (model/names.h); the
 * scope each role takes is the table user_roles; messages are the
 * accounts section of the catalogue (model/msg.c).  Hashing runs under a small counting gate so a
 * burst of sign-ins cannot take more than USER_PWHASH_CONCURRENCY x USER_PWHASH_MEMLIMIT bytes at
 * once.
 */
#include "model/accounts/user.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/apitoken.h"
#include "model/audit.h"
#include "model/accounts/session.h"
#include "model/names.h"
#include "util/alloc.h"
#include "util/fold.h"
#include "util/log.h"

/* What scope each role takes. */
enum user_scope { SCOPE_NONE, SCOPE_UNIT, SCOPE_FACILITY };

static const struct {
	enum user_scope scope;
} user_roles[ROLE__MAX] = {
    [ROLE_ADMIN] = {SCOPE_NONE},    [ROLE_PROVINCE] = {SCOPE_NONE},
    [ROLE_DISTRICT] = {SCOPE_UNIT}, [ROLE_ENTERPRISE] = {SCOPE_FACILITY},
    [ROLE_EXPERT] = {SCOPE_NONE},
};

void
user_msg(struct msg *m, enum msg_id id)
{
	msg_init(m, id, NULL);
	if (id == MSG_USER_PASSWORD_SHORT)
		msg_int(m, USER_PASSWORD_MIN);
	else if (id == MSG_USER_PASSWORD_LONG)
		msg_int(m, USER_PASSWORD_MAX);
}

/* Sets *why (when given) to message id and returns st. */
static enum status
user_fail(struct msg *why, enum status st, enum msg_id id)
{
	if (why != NULL)
		user_msg(why, id);
	return st;
}

/* The message of a lookup's failure st (ST_NOTFOUND or ST_ERR), returned as is. */
static enum status
user_fail_lookup(struct msg *why, enum status st)
{
	return user_fail(why, st, st == ST_NOTFOUND ? MSG_USER_NOTFOUND : MSG_USER_INTERNAL);
}

const char *
user_role_name(enum role r)
{
	return (int)r >= 0 && r < ROLE__MAX ? names_role[r].code : "?";
}

int
user_role_parse(const char *s, enum role *out)
{
	int r = names_index(names_role, ROLE__MAX, s);
	if (r < 0)
		return -1;
	*out = (enum role)r;
	return 0;
}

/* --- hashing --- */

static pthread_mutex_t user_gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t user_gate_cond = PTHREAD_COND_INITIALIZER;
static int user_gate_busy;

static void
user_gate_enter(void)
{
	pthread_mutex_lock(&user_gate_lock);
	while (user_gate_busy >= USER_PWHASH_CONCURRENCY)
		pthread_cond_wait(&user_gate_cond, &user_gate_lock);
	user_gate_busy++;
	pthread_mutex_unlock(&user_gate_lock);
}

static void
user_gate_leave(void)
{
	pthread_mutex_lock(&user_gate_lock);
	user_gate_busy--;
	pthread_cond_signal(&user_gate_cond);
	pthread_mutex_unlock(&user_gate_lock);
}

int
user_password_hash(const char *password, char *out, size_t outsz)
{
	if (sodium_init() < 0 || outsz < crypto_pwhash_STRBYTES)
		return -1;
	user_gate_enter();
	int rc = crypto_pwhash_str(out, password, strlen(password), USER_PWHASH_OPSLIMIT,
				   USER_PWHASH_MEMLIMIT);
	user_gate_leave();
	if (rc != 0)
		log_err("user: Argon2id hashing failed (out of memory?)");
	return rc == 0 ? 0 : -1;
}

int
user_password_verify(const char *hash, const char *password)
{
	if (hash == NULL || hash[0] == '\0' || sodium_init() < 0)
		return 0;
	user_gate_enter();
	int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	user_gate_leave();
	return rc == 0;
}

static pthread_once_t user_dummy_once = PTHREAD_ONCE_INIT;
static char user_dummy_hash[crypto_pwhash_STRBYTES];

static void
user_dummy_init(void)
{
	if (user_password_hash("sxsh-no-such-account", user_dummy_hash, sizeof(user_dummy_hash)) <
	    0)
		user_dummy_hash[0] = '\0';
}

int
user_password_dummy(const char *password)
{
	pthread_once(&user_dummy_once, user_dummy_init);
	(void)user_password_verify(user_dummy_hash, password);
	return 0;
}

void
user_password_generate(char *out)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	if (sodium_init() < 0)
		abort(); /* no randomness: nothing safe can be generated */
	for (int i = 0; i < USER_GENERATED_PASSWORD; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[USER_GENERATED_PASSWORD] = '\0';
}

enum status
user_password_check(const char *password, struct msg *why)
{
	size_t len = strlen(password);
	if (len > USER_PASSWORD_MAX)
		return user_fail(why, ST_INVALID, MSG_USER_PASSWORD_LONG);
	if (!utf8_valid(password, len))
		return user_fail(why, ST_INVALID, MSG_USER_PASSWORD_BAD);
	size_t chars = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)password[i];
		if (c < 0x20 || c == 0x7f)
			return user_fail(why, ST_INVALID, MSG_USER_PASSWORD_BAD);
		if ((c & 0xc0) != 0x80) /* not a continuation byte: a new code point */
			chars++;
	}
	if (chars < USER_PASSWORD_MIN)
		return user_fail(why, ST_INVALID, MSG_USER_PASSWORD_SHORT);
	return ST_OK;
}

/* --- rows --- */

/* Column order of USER_SELECT (db/sql_sqlite.c). */
enum {
	USER_COL_ID,
	USER_COL_EMAIL,
	USER_COL_NAME,
	USER_COL_ROLE,
	USER_COL_UNIT,
	USER_COL_FACILITY,
	USER_COL_HASH,
	USER_COL_STATUS,
	USER_COL_CREATED,
	USER_COL_UNIT_CODE,
	USER_COL_FACILITY_NAME,
	USER_COL_VERSION,
	USER_COL_UNIT_NAME,
	USER_COL_FACILITY_CODE,
};

static void
user_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

static void
user_from_row(struct db_stmt *st, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_col_int(st, USER_COL_ID);
	user_copy(u->email, sizeof(u->email), db_col_text(st, USER_COL_EMAIL));
	user_copy(u->name, sizeof(u->name), db_col_text(st, USER_COL_NAME));
	if (user_role_parse(db_col_text(st, USER_COL_ROLE), &u->role) < 0)
		u->role = ROLE_EXPERT; /* unreachable: the schema checks role */
	u->unit_id = db_col_int(st, USER_COL_UNIT);
	u->facility_id = db_col_int(st, USER_COL_FACILITY);
	user_copy(u->hash, sizeof(u->hash), db_col_text(st, USER_COL_HASH));
	u->disabled = strcmp(db_col_text(st, USER_COL_STATUS), "disabled") == 0;
	u->created_at = db_col_int(st, USER_COL_CREATED);
	user_copy(u->unit_code, sizeof(u->unit_code), db_col_text(st, USER_COL_UNIT_CODE));
	user_copy(u->facility_name, sizeof(u->facility_name),
		  db_col_text(st, USER_COL_FACILITY_NAME));
	u->version = db_col_int(st, USER_COL_VERSION);
	user_copy(u->unit_name, sizeof(u->unit_name), db_col_text(st, USER_COL_UNIT_NAME));
	user_copy(u->facility_code, sizeof(u->facility_code),
		  db_col_text(st, USER_COL_FACILITY_CODE));
}

static enum status
user_fetch(struct db *db, struct db_stmt *st, struct user *u)
{
	int rc = db_step(st);
	if (rc == DB_ROW) {
		user_from_row(st, u);
		db_reset(st);
		return ST_OK;
	}
	db_reset(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	log_err("user: lookup failed: %s", db_errmsg(db));
	return ST_ERR;
}

enum status
user_get(struct db *db, int64_t id, struct user *u)
{
	struct db_stmt *st = db_stmt(db, STMT_USER_GET);
	db_bind_int(st, 1, id);
	return user_fetch(db, st, u);
}

enum status
user_by_email(struct db *db, const char *email, struct user *u)
{
	struct db_stmt *st = db_stmt(db, STMT_USER_BY_EMAIL);
	db_bind_text(st, 1, email);
	return user_fetch(db, st, u);
}

enum status
user_list(struct db *db, struct user **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_USER_LIST);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		user_from_row(st, &(*out)[(*n)++]);
	}
	if (rc == DB_DONE)
		return ST_OK;
	free(*out);
	*out = NULL;
	*n = 0;
	log_err("user: list failed: %s", db_errmsg(db));
	return ST_ERR;
}

enum status
user_pick(struct db *db, const char *q, struct user_pick out[USER_PICK_MAX], int *n)
{
	*n = 0;
	if (q == NULL || q[0] == '\0')
		return ST_OK;
	char low[USER_EMAIL_MAX + 1];
	size_t i = 0;
	for (; q[i] != '\0' && i < USER_EMAIL_MAX; i++)
		low[i] = (char)(q[i] >= 'A' && q[i] <= 'Z' ? q[i] + 32 : q[i]);
	low[i] = '\0';
	struct db_stmt *st = db_stmt(db, STMT_USER_PICK);
	db_bind_text(st, 1, low);
	db_bind_int(st, 2, USER_PICK_MAX);
	int rc;
	while ((rc = db_step(st)) == DB_ROW && *n < USER_PICK_MAX) {
		user_copy(out[*n].email, sizeof(out[*n].email), db_col_text(st, 0));
		user_copy(out[*n].name, sizeof(out[*n].name), db_col_text(st, 1));
		(*n)++;
	}
	db_reset(st);
	if (rc == DB_ROW || rc == DB_DONE)
		return ST_OK;
	log_err("user: pick failed: %s", db_errmsg(db));
	return ST_ERR;
}

/* Begins the transaction of a use-case below: ST_OK, or ST_ERR with *why. */
static enum status
user_tx_begin(struct db *db, struct msg *why)
{
	if (db_begin(db) == DB_OK)
		return ST_OK;
	log_err("user: begin failed: %s", db_errmsg(db));
	return user_fail(why, ST_ERR, MSG_USER_INTERNAL);
}

/*
 * Ends the transaction user_tx_begin began for a change that returned st:
 * commits when st is ST_OK, else rolls back.  Returns st, or ST_ERR (with
 * *why) when the commit fails (then rolled back).
 */
static enum status
user_tx_end(struct db *db, enum status st, struct msg *why)
{
	if (st == ST_OK && db_commit(db) == DB_OK)
		return ST_OK;
	db_rollback(db);
	return st == ST_OK ? user_fail(why, ST_ERR, MSG_USER_INTERNAL) : st;
}

enum status
user_add(struct db *db, const struct principal *actor, const struct user_new *nu, int64_t now,
	 int64_t *id, struct msg *why)
{
	if (user_tx_begin(db, why) != ST_OK)
		return ST_ERR;
	return user_tx_end(db, user_create(db, actor, nu, now, id, why), why);
}

enum status
user_password_reset(struct db *db, const struct principal *actor, int64_t id, const char *password,
		    int64_t now, struct msg *why)
{
	if (user_tx_begin(db, why) != ST_OK)
		return ST_ERR;
	return user_tx_end(db, user_set_password(db, actor, id, password, now, why), why);
}

enum status
user_password_change(struct db *db, const struct principal *who, const char *keep_session,
		     int keep_tokens, const char *password, int64_t now, struct msg *why)
{
	if (user_tx_begin(db, why) != ST_OK)
		return ST_ERR;
	return user_tx_end(
	    db, user_change_password(db, who, keep_session, keep_tokens, password, now, why), why);
}

enum status
user_edit(struct db *db, const struct principal *actor, int64_t id, int64_t version,
	  const struct user_new *ch, int64_t now, struct msg *why)
{
	enum status st = user_tx_begin(db, why);
	if (st != ST_OK)
		return st;
	return user_tx_end(db, user_update(db, actor, id, version, ch, now, why), why);
}

enum status
user_status_change(struct db *db, const struct principal *actor, int64_t id, int disabled,
		   int64_t now, struct msg *why)
{
	if (user_tx_begin(db, why) != ST_OK)
		return ST_ERR;
	return user_tx_end(db, user_set_disabled(db, actor, id, disabled, now, why), why);
}

void
user_principal(const struct user *u, struct principal *p)
{
	p->user_id = u->id;
	p->role = u->role;
	p->unit_id = u->unit_id;
	p->facility_id = u->facility_id;
	p->email = u->email;
}

/* --- creating and changing --- */

/* A plausible address: one @, a dot in the domain, no spaces or controls. */
static int
user_email_ok(const char *e)
{
	size_t len = strlen(e);
	const char *at = strchr(e, '@');
	if (len == 0 || len > USER_EMAIL_MAX || at == NULL || at == e || strchr(at + 1, '@'))
		return 0;
	const char *dot = strrchr(at, '.');
	if (dot == NULL || dot == at + 1 || dot[1] == '\0')
		return 0;
	for (const char *p = e; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == '"')
			return 0;
	return utf8_valid(e, len);
}

/* Resolves and checks the scope of nu; sets *unit_id.  ST_OK, or ST_INVALID or ST_ERR with *why. */
static enum status
user_check_scope(struct db *db, const struct user_new *nu, int64_t *unit_id, struct msg *why)
{
	int has_unit = nu->unit_code != NULL && nu->unit_code[0] != '\0';
	enum user_scope scope = user_roles[nu->role].scope;
	*unit_id = 0;
	if (scope != SCOPE_UNIT && has_unit)
		return user_fail(why, ST_INVALID, MSG_USER_UNIT_EXTRA);
	if (scope != SCOPE_FACILITY && nu->facility_id != 0)
		return user_fail(why, ST_INVALID, MSG_USER_FACILITY_EXTRA);
	if (scope == SCOPE_UNIT) {
		if (!has_unit)
			return user_fail(why, ST_INVALID, MSG_USER_UNIT_NEEDED);
		struct db_stmt *st = db_stmt(db, STMT_USER_UNIT_BY_CODE);
		db_bind_text(st, 1, nu->unit_code);
		int rc = db_step(st);
		int ok = rc == DB_ROW && strcmp(db_col_text(st, 1), "province") != 0;
		if (ok)
			*unit_id = db_col_int(st, 0);
		db_reset(st);
		if (rc != DB_ROW && rc != DB_DONE)
			return user_fail(why, ST_ERR, MSG_USER_INTERNAL);
		if (!ok)
			return user_fail(why, ST_INVALID, MSG_USER_UNIT_UNKNOWN);
	}
	if (scope == SCOPE_FACILITY) {
		if (nu->facility_id <= 0)
			return user_fail(why, ST_INVALID, MSG_USER_FACILITY_NEEDED);
		struct db_stmt *st = db_stmt(db, STMT_USER_FACILITY_GET);
		db_bind_int(st, 1, nu->facility_id);
		int rc = db_step(st);
		db_reset(st);
		if (rc != DB_ROW && rc != DB_DONE)
			return user_fail(why, ST_ERR, MSG_USER_INTERNAL);
		if (rc == DB_DONE)
			return user_fail(why, ST_INVALID, MSG_USER_FACILITY_UNKNOWN);
	}
	return ST_OK;
}

/* A JSON document from a jansson object (stolen); malloc'd, or NULL. */
static char *
user_json(json_t *o)
{
	char *s = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	return s;
}

enum status
user_create(struct db *db, const struct principal *actor, const struct user_new *nu, int64_t now,
	    int64_t *id, struct msg *why)
{
	enum status st;
	char hash[crypto_pwhash_STRBYTES];
	char email[USER_EMAIL_MAX + 1];
	char *after = NULL;
	if (nu->email == NULL || strlen(nu->email) > USER_EMAIL_MAX || !user_email_ok(nu->email))
		return user_fail(why, ST_INVALID, MSG_USER_EMAIL);
	/* Addresses are compared without case; store them in lower case. */
	size_t i = 0;
	for (; nu->email[i]; i++)
		email[i] = (char)((nu->email[i] >= 'A' && nu->email[i] <= 'Z') ? nu->email[i] + 32
									       : nu->email[i]);
	email[i] = '\0';
	if ((int)nu->role < 0 || nu->role >= ROLE__MAX)
		return user_fail(why, ST_INVALID, MSG_USER_ROLE);
	int64_t unit_id;
	if ((st = user_check_scope(db, nu, &unit_id, why)) != ST_OK)
		return st;
	if ((st = user_password_check(nu->password, why)) != ST_OK)
		return st;
	struct user existing;
	if ((st = user_by_email(db, email, &existing)) != ST_NOTFOUND)
		return st == ST_OK ? user_fail(why, ST_EXISTS, MSG_USER_EXISTS)
				   : user_fail_lookup(why, st);
	if (user_password_hash(nu->password, hash, sizeof(hash)) < 0)
		return user_fail(why, ST_ERR, MSG_USER_INTERNAL);

	st = ST_ERR; /* until the audit row is written */
	struct db_stmt *ins = db_stmt(db, STMT_USER_INSERT);
	db_bind_text(ins, 1, email);
	db_bind_text(ins, 2, nu->name != NULL && nu->name[0] != '\0' ? nu->name : NULL);
	db_bind_text(ins, 3, names_role[nu->role].code);
	if (unit_id != 0)
		db_bind_int(ins, 4, unit_id);
	else
		db_bind_null(ins, 4);
	if (nu->facility_id != 0)
		db_bind_int(ins, 5, nu->facility_id);
	else
		db_bind_null(ins, 5);
	db_bind_text(ins, 6, hash);
	db_bind_int(ins, 7, now);
	int rc = db_run(ins);
	if (rc == DB_CONSTRAINT) {
		st = user_fail(why, ST_EXISTS, MSG_USER_EXISTS);
		goto out;
	}
	if (rc != DB_OK) {
		log_err("user: insert failed: %s", db_errmsg(db));
		goto out;
	}
	*id = db_last_id(db);
	after = user_json(json_pack("{s:s, s:s, s:s?, s:I, s:I}", "email", email, "role",
				    names_role[nu->role].code, "unit", nu->unit_code, "facility_id",
				    (json_int_t)nu->facility_id, "id", (json_int_t)*id));
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)*id);
	if (audit_write(db, actor, now, "user.create", "app_user", key, NULL, after) < 0)
		goto out;
	st = ST_OK;
out:
	sodium_memzero(hash, sizeof(hash));
	free(after);
	return st == ST_ERR ? user_fail(why, ST_ERR, MSG_USER_INTERNAL) : st;
}

/*
 * Sets id's password and ends its sessions but keep_session, and its API
 * tokens unless keep_tokens; audited as "user.password" (the counts in
 * after, never the hash).  A new password makes every credential made with
 * the old one suspect: whoever knew it may have signed in or made a token.
 */
static enum status
user_password_write(struct db *db, const struct principal *actor, int64_t id, const char *password,
		    int64_t now, const char *keep_session, int keep_tokens, struct msg *why)
{
	char hash[crypto_pwhash_STRBYTES];
	char *after = NULL;
	enum status st = user_password_check(password, why);
	if (st != ST_OK)
		return st;
	struct user u;
	if ((st = user_get(db, id, &u)) != ST_OK)
		return user_fail_lookup(why, st);
	if (user_password_hash(password, hash, sizeof(hash)) < 0)
		return user_fail(why, ST_ERR, MSG_USER_INTERNAL);
	st = ST_ERR; /* until the audit row is written */
	struct db_stmt *upd = db_stmt(db, STMT_USER_SET_PASSWORD);
	db_bind_int(upd, 1, id);
	db_bind_text(upd, 2, hash);
	if (db_run(upd) != DB_OK) {
		log_err("user: password update failed: %s", db_errmsg(db));
		goto out;
	}
	int64_t sessions = session_destroy_user(db, id, keep_session);
	int64_t tokens = keep_tokens ? 0 : apitoken_revoke_user(db, id, now);
	if (sessions < 0 || tokens < 0)
		goto out;
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	after = user_json(json_pack("{s:I, s:I}", "sessions_ended", (json_int_t)sessions,
				    "tokens_revoked", (json_int_t)tokens));
	if (audit_write(db, actor, now, "user.password", "app_user", key, NULL, after) < 0)
		goto out;
	st = ST_OK;
out:
	sodium_memzero(hash, sizeof(hash));
	free(after);
	return st == ST_ERR ? user_fail(why, ST_ERR, MSG_USER_INTERNAL) : st;
}

enum status
user_set_password(struct db *db, const struct principal *actor, int64_t id, const char *password,
		  int64_t now, struct msg *why)
{
	return user_password_write(db, actor, id, password, now, NULL, 0, why);
}

enum status
user_change_password(struct db *db, const struct principal *who, const char *keep_session,
		     int keep_tokens, const char *password, int64_t now, struct msg *why)
{
	return user_password_write(db, who, who->user_id, password, now, keep_session, keep_tokens,
				   why);
}

enum status
user_set_disabled(struct db *db, const struct principal *actor, int64_t id, int disabled,
		  int64_t now, struct msg *why)
{
	struct user u;
	if (disabled && actor != NULL && actor->user_id == id)
		return user_fail(why, ST_FORBIDDEN, MSG_USER_SELF);
	enum status st = user_get(db, id, &u);
	if (st != ST_OK)
		return user_fail_lookup(why, st);
	struct db_stmt *upd = db_stmt(db, STMT_USER_SET_STATUS);
	db_bind_int(upd, 1, id);
	db_bind_text(upd, 2, disabled ? "disabled" : "active");
	if (db_run(upd) != DB_OK)
		goto fail;
	if (disabled && session_destroy_user(db, id, NULL) < 0)
		return user_fail(why, ST_ERR, MSG_USER_INTERNAL);
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	char *before = user_json(json_pack("{s:s}", "status", u.disabled ? "disabled" : "active"));
	char *after = user_json(json_pack("{s:s}", "status", disabled ? "disabled" : "active"));
	int arc = audit_write(db, actor, now, disabled ? "user.disable" : "user.enable", "app_user",
			      key, before, after);
	free(before);
	free(after);
	return arc < 0 ? user_fail(why, ST_ERR, MSG_USER_INTERNAL) : ST_OK;
fail:
	log_err("user: status update failed: %s", db_errmsg(db));
	return user_fail(why, ST_ERR, MSG_USER_INTERNAL);
}

/* The audit document of an account's role and scope. */
static char *
user_scope_json(const char *name, enum role role, const char *unit_code, int64_t facility_id)
{
	return user_json(json_pack("{s:s?, s:s, s:s?, s:I}", "name",
				   name != NULL && name[0] != '\0' ? name : NULL, "role",
				   names_role[role].code, "unit",
				   unit_code != NULL && unit_code[0] != '\0' ? unit_code : NULL,
				   "facility_id", (json_int_t)facility_id));
}

enum status
user_update(struct db *db, const struct principal *actor, int64_t id, int64_t version,
	    const struct user_new *ch, int64_t now, struct msg *why)
{
	struct user u;
	enum status st = user_get(db, id, &u);
	if (st != ST_OK)
		return user_fail_lookup(why, st);
	if ((int)ch->role < 0 || ch->role >= ROLE__MAX)
		return user_fail(why, ST_INVALID, MSG_USER_ROLE);
	if (actor != NULL && actor->user_id == id && ch->role != u.role)
		return user_fail(why, ST_FORBIDDEN, MSG_USER_SELF);
	if (u.version != version)
		return user_fail(why, ST_CONFLICT, MSG_USER_CONFLICT);
	int64_t unit_id;
	if ((st = user_check_scope(db, ch, &unit_id, why)) != ST_OK)
		return st;
	struct db_stmt *upd = db_stmt(db, STMT_USER_UPDATE);
	db_bind_int(upd, 1, id);
	db_bind_text(upd, 2, ch->name != NULL && ch->name[0] != '\0' ? ch->name : NULL);
	db_bind_text(upd, 3, names_role[ch->role].code);
	if (unit_id != 0)
		db_bind_int(upd, 4, unit_id);
	else
		db_bind_null(upd, 4);
	if (ch->facility_id != 0)
		db_bind_int(upd, 5, ch->facility_id);
	else
		db_bind_null(upd, 5);
	db_bind_int(upd, 6, version);
	if (db_run(upd) != DB_OK) {
		log_err("user: update failed: %s", db_errmsg(db));
		return user_fail(why, ST_ERR, MSG_USER_INTERNAL);
	}
	if (db_changes(db) == 0)
		return user_fail(why, ST_CONFLICT, MSG_USER_CONFLICT);
	if ((ch->role != u.role || unit_id != u.unit_id || ch->facility_id != u.facility_id) &&
	    session_destroy_user(db, id, NULL) < 0)
		return user_fail(why, ST_ERR, MSG_USER_INTERNAL);
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)id);
	char *before = user_scope_json(u.name, u.role, u.unit_code, u.facility_id);
	char *after = user_scope_json(ch->name, ch->role, ch->unit_code, ch->facility_id);
	int arc = audit_write(db, actor, now, "user.update", "app_user", key, before, after);
	free(before);
	free(after);
	return arc < 0 ? user_fail(why, ST_ERR, MSG_USER_INTERNAL) : ST_OK;
}
