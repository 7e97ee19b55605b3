/*
 * Backend dispatch and the statement cache (see db.h).
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
	if (db->impl != NULL)
		db->ops->close(db);
	free(db);
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

struct db_stmt *
db_stmt(struct db *db, enum stmt id)
{
	struct db_stmt *st = &db->stmts[id];
	if (st->impl == NULL) {
		const char *sql = db->ops->sql[id];
		if (sql == NULL) {
			db_set_err(db, "statement %d has no SQL for %s", (int)id, db->ops->dialect);
			return NULL;
		}
		if (db->ops->prepare(db, sql, &st->impl) != DB_OK) {
			log_err("prepare statement %d: %s", (int)id, db->err);
			return NULL;
		}
	} else {
		db->ops->reset(st->impl);
	}
	return st;
}

int
db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	return st->db->ops->bind_int(st->impl, idx, v);
}

int
db_bind_double(struct db_stmt *st, int idx, double v)
{
	return st->db->ops->bind_double(st->impl, idx, v);
}

int
db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		return st->db->ops->bind_null(st->impl, idx);
	return st->db->ops->bind_text(st->impl, idx, s);
}

int
db_bind_null(struct db_stmt *st, int idx)
{
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
	return st->db->ops->step(st->db, st->impl);
}

void
db_reset(struct db_stmt *st)
{
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
	return st->db->ops->col_is_null(st->impl, col);
}

int64_t
db_col_int(struct db_stmt *st, int col)
{
	return st->db->ops->col_int(st->impl, col);
}

double
db_col_double(struct db_stmt *st, int col)
{
	return st->db->ops->col_double(st->impl, col);
}

const char *
db_col_text(struct db_stmt *st, int col)
{
	return st->db->ops->col_text(st->impl, col);
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
	if (st == NULL)
		return DB_ERR;
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
