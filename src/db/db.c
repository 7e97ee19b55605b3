/*
 * Backend dispatch and the statement cache (see db.h).  A statement's text
 * is the backend's override when it has one, else the common table's.
 */
#include "db/db_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/log.h"

void
db_set_err(struct db *db, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(db->err, sizeof(db->err), fmt, ap);
	va_end(ap);
}

static const struct db_ops *
pick_backend(const char *url)
{
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
		return &db_pg_ops;
	return &db_sqlite_ops;
}

static struct db *
open_db(const char *url, int must_exist, char *err, size_t errsz)
{
	const struct db_ops *ops = pick_backend(url);
	struct db *db = xcalloc(1, sizeof(*db));
	db->ops = ops;
	db->must_exist = must_exist;
	for (int i = 0; i < STMT__MAX; i++) {
		db->stmts[i].db = db;
		db->stmts[i].id = (enum stmt)i;
	}
	if (ops->open(db, url) != DB_OK) {
		snprintf(err, errsz, "%s", db->err);
		db_close(db);
		return NULL;
	}
	return db;
}

struct db *
db_open(const char *url, char *err, size_t errsz)
{
	return open_db(url, 0, err, errsz);
}

struct db *
db_open_existing(const char *url, char *err, size_t errsz)
{
	return open_db(url, 1, err, errsz);
}

int
db_quick_check(struct db *db)
{
	return db->ops->quick_check != NULL ? db->ops->quick_check(db) : DB_OK;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (int i = 0; i < STMT__MAX; i++)
		if (db->stmts[i].impl != NULL)
			db->ops->finalize(db->stmts[i].impl);
	for (int i = 0; i < DB_SLOT__MAX; i++)
		db_slot_set(db, (enum db_slot)i, NULL, NULL);
	if (db->impl != NULL)
		db->ops->close(db);
	free(db);
}

void *
db_slot_get(struct db *db, enum db_slot slot)
{
	return db->slots[slot].p;
}

void
db_slot_set(struct db *db, enum db_slot slot, void *p, void (*free_fn)(void *))
{
	if (db->slots[slot].p != NULL && db->slots[slot].free_fn != NULL)
		db->slots[slot].free_fn(db->slots[slot].p);
	db->slots[slot].p = p;
	db->slots[slot].free_fn = free_fn;
}

const char *
db_dialect(const struct db *db)
{
	return db->ops->dialect;
}

const char *
db_errmsg(const struct db *db)
{
	return db->err;
}

int
db_exec(struct db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

int
db_begin(struct db *db)
{
	db->full = 0;
	return db->ops->begin(db);
}

int
db_is_full(const struct db *db)
{
	return db->full;
}

void
db_full_clear(struct db *db)
{
	db->full = 0;
}

int
db_commit(struct db *db)
{
	return db->ops->exec(db, "COMMIT");
}

int
db_rollback(struct db *db)
{
	return db->ops->exec(db, "ROLLBACK");
}

const char *
db_stmt_sql(const struct db *db, enum stmt id)
{
	const char *const *over = db->ops->sql_override;
	return over != NULL && over[id] != NULL ? over[id] : db_sql[id];
}

/*
 * Prepares statement id into the cache.  Returns DB_OK; DB_BADSQL with the
 * statement's number, the backend's message and the start of its text in
 * db->err; or the connection's error code.
 */
static int
prepare_stmt(struct db *db, enum stmt id)
{
	struct db_stmt *st = &db->stmts[id];
	const char *sql = db_stmt_sql(db, id);
	int rc;
	if (sql == NULL) {
		db_set_err(db, "statement %d (%s) has no SQL", (int)id, db->ops->dialect);
		rc = DB_BADSQL;
	} else if ((rc = db->ops->prepare(db, id, sql, &st->impl)) == DB_BADSQL) {
		char msg[sizeof(db->err)];
		snprintf(msg, sizeof(msg), "%s", db->err);
		db_set_err(db, "statement %d (%s) does not prepare: %s; SQL: %.160s", (int)id,
			   db->ops->dialect, msg, sql);
	} else if (rc != DB_OK) {
		log_err("prepare statement %d: %s", (int)id, db->err);
	}
	if (rc != DB_OK)
		st->impl = NULL;
	st->fail = rc == DB_BADSQL ? DB_ERR : rc;
	return rc;
}

struct db_stmt *
db_stmt(struct db *db, enum stmt id)
{
	struct db_stmt *st = &db->stmts[id];
	if (st->impl != NULL) {
		db->ops->reset(st->impl);
		return st;
	}
	if (prepare_stmt(db, id) == DB_BADSQL) {
		/* Out of a request's folded log line: this line must be seen. */
		log_fold_end();
		log_err("%s", db->err);
		abort();
	}
	return st;
}

int
db_prepare_all(struct db *db)
{
	int bad = 0;
	for (int i = 0; i < STMT__MAX; i++) {
		if (db->stmts[i].impl != NULL)
			continue;
		int rc = prepare_stmt(db, (enum stmt)i);
		if (rc == DB_BADSQL) {
			log_err("%s", db->err);
			bad++;
		} else if (rc != DB_OK) {
			return rc;
		}
	}
	return bad;
}

/*
 * After a failed prepare a statement has no impl: binds and steps return
 * the failure's code, columns read as NULL, reset does nothing.
 */
int
db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	if (st->impl == NULL)
		return st->fail;
	return st->db->ops->bind_int(st->impl, idx, v);
}

int
db_bind_double(struct db_stmt *st, int idx, double v)
{
	if (st->impl == NULL)
		return st->fail;
	return st->db->ops->bind_double(st->impl, idx, v);
}

int
db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (st->impl == NULL)
		return st->fail;
	if (s == NULL)
		return st->db->ops->bind_null(st->impl, idx);
	return st->db->ops->bind_text(st->impl, idx, s);
}

int
db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n)
{
	if (st->impl == NULL)
		return st->fail;
	return st->db->ops->bind_blob(st->impl, idx, p, n);
}

int
db_bind_null(struct db_stmt *st, int idx)
{
	if (st->impl == NULL)
		return st->fail;
	return st->db->ops->bind_null(st->impl, idx);
}

int
db_bind_opt_double(struct db_stmt *st, int idx, double v, int is_null)
{
	return is_null ? db_bind_null(st, idx) : db_bind_double(st, idx, v);
}

int
db_step(struct db_stmt *st)
{
	if (st->impl == NULL)
		return st->fail;
#ifdef SXSH_FAULT_INJECTION
	/* Test builds only (util/alloc.h): the chosen step fails like a backend's. */
	if (xfault_step()) {
		db_set_err(st->db, "fault injected");
		return DB_ERR;
	}
#endif
	return st->db->ops->step(st->db, st->impl);
}

void
db_reset(struct db_stmt *st)
{
	if (st->impl != NULL)
		st->db->ops->reset(st->impl);
}

int
db_run(struct db_stmt *st)
{
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

int
db_col_is_null(struct db_stmt *st, int col)
{
	return st->impl == NULL || st->db->ops->col_is_null(st->impl, col);
}

int64_t
db_col_int(struct db_stmt *st, int col)
{
	return st->impl == NULL ? 0 : st->db->ops->col_int(st->impl, col);
}

double
db_col_double(struct db_stmt *st, int col)
{
	return st->impl == NULL ? 0.0 : st->db->ops->col_double(st->impl, col);
}

const char *
db_col_text(struct db_stmt *st, int col)
{
	return st->impl == NULL ? "" : st->db->ops->col_text(st->impl, col);
}

const void *
db_col_blob(struct db_stmt *st, int col, size_t *n)
{
	*n = 0;
	return st->impl == NULL ? NULL : st->db->ops->col_blob(st->impl, col, n);
}

int64_t
db_last_id(struct db *db)
{
	return db->ops->last_id(db);
}

int64_t
db_changes(struct db *db)
{
	return db->ops->changes(db);
}

int
db_query_int(struct db *db, enum stmt id, int64_t *out)
{
	struct db_stmt *st = db_stmt(db, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_col_int(st, 0);
		rc = DB_OK;
	} else if (rc == DB_DONE) {
		rc = DB_NOTFOUND;
	}
	db_reset(st);
	return rc;
}
