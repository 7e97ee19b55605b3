/*
 * SQLite backend.  Every connection runs in WAL mode with foreign keys on and
 * a busy timeout, so readers never block the writer and a second writer
 * waits instead of failing at once.
 */
#include "db/db_int.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define BUSY_TIMEOUT_MS 10000

static int
map_rc(struct db *db, int rc)
{
	sqlite3 *h = db->impl;
	switch (rc & 0xff) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT:
		db_set_err(db, "%s", sqlite3_errmsg(h));
		return DB_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		db_set_err(db, "%s", sqlite3_errmsg(h));
		return DB_BUSY;
	case SQLITE_FULL:
		db_set_err(db, "%s", sqlite3_errmsg(h));
		db->full = 1;
		return DB_FULL;
	case SQLITE_IOERR:
		db_set_err(db, "%s", sqlite3_errmsg(h));
		if (sqlite3_system_errno(h) != ENOSPC)
			return DB_ERR;
		db->full = 1;
		return DB_FULL;
	default:
		db_set_err(db, "%s", sqlite3_errmsg(h));
		return DB_ERR;
	}
}

static int
sq_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->impl, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		int r = map_rc(db, rc);
		if (msg != NULL)
			db_set_err(db, "%s", msg);
		sqlite3_free(msg);
		return r;
	}
	return DB_OK;
}

static int
sq_begin(struct db *db)
{
	return sq_exec(db, "BEGIN IMMEDIATE");
}

static int
sq_open(struct db *db, const char *url)
{
	const char *path = url;
	if (strncmp(path, "sqlite://", 9) == 0)
		path += 9;
	else if (strncmp(path, "file://", 7) == 0)
		path += 7;
	sqlite3 *h = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (!db->must_exist)
		flags |= SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(path, &h, flags, NULL);
	if (rc != SQLITE_OK && db->must_exist && access(path, F_OK) != 0) {
		db_set_err(db, "%s: no such file", path);
		sqlite3_close(h);
		return DB_ERR;
	}
	if (rc != SQLITE_OK) {
		db_set_err(db, "%s: %s", path, h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return DB_ERR;
	}
	db->impl = h;
	sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	if (sq_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			"PRAGMA synchronous=NORMAL;") != DB_OK) {
		return DB_ERR;
	}
	return DB_OK;
}

/* PRAGMA quick_check: one row "ok", or rows naming each problem found. */
static int
sq_quick_check(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->impl, "PRAGMA quick_check(1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return map_rc(db, rc);
	rc = sqlite3_step(st);
	int ret = DB_OK;
	if (rc == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r == NULL || strcmp(r, "ok") != 0) {
			db_set_err(db, "quick_check: %s", r != NULL ? r : "?");
			ret = DB_ERR;
		}
	} else {
		ret = map_rc(db, rc);
		if (ret == DB_DONE || ret == DB_OK) {
			db_set_err(db, "quick_check returned nothing");
			ret = DB_ERR;
		}
	}
	sqlite3_finalize(st);
	return ret;
}

static void
sq_close(struct db *db)
{
	sqlite3_close(db->impl);
	db->impl = NULL;
}

/* SQLITE_ERROR from prepare is the text: syntax, an unknown name. */
static int
sq_prepare(struct db *db, enum stmt id, const char *sql, void **impl)
{
	(void)id;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(db->impl, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		int r = map_rc(db, rc);
		return (rc & 0xff) == SQLITE_ERROR ? DB_BADSQL : r;
	}
	*impl = st;
	return DB_OK;
}

static void
sq_finalize(void *impl)
{
	sqlite3_finalize(impl);
}

static void
sq_reset(void *impl)
{
	sqlite3_reset(impl);
	sqlite3_clear_bindings(impl);
}

static int
sq_bind_int(void *impl, int idx, int64_t v)
{
	return sqlite3_bind_int64(impl, idx, v) == SQLITE_OK ? DB_OK : DB_ERR;
}

static int
sq_bind_double(void *impl, int idx, double v)
{
	return sqlite3_bind_double(impl, idx, v) == SQLITE_OK ? DB_OK : DB_ERR;
}

static int
sq_bind_text(void *impl, int idx, const char *s)
{
	return sqlite3_bind_text(impl, idx, s, -1, SQLITE_TRANSIENT) == SQLITE_OK ? DB_OK : DB_ERR;
}

static int
sq_bind_blob(void *impl, int idx, const void *p, size_t n)
{
	/* A zero-length blob is still a value, not NULL: bind an empty one. */
	if (n == 0)
		return sqlite3_bind_zeroblob(impl, idx, 0) == SQLITE_OK ? DB_OK : DB_ERR;
	return sqlite3_bind_blob64(impl, idx, p, (sqlite3_uint64)n, SQLITE_TRANSIENT) == SQLITE_OK
		   ? DB_OK
		   : DB_ERR;
}

static int
sq_bind_null(void *impl, int idx)
{
	return sqlite3_bind_null(impl, idx) == SQLITE_OK ? DB_OK : DB_ERR;
}

static int
sq_step(struct db *db, void *impl)
{
	return map_rc(db, sqlite3_step(impl));
}

static int
sq_col_is_null(void *impl, int col)
{
	return sqlite3_column_type(impl, col) == SQLITE_NULL;
}

static int64_t
sq_col_int(void *impl, int col)
{
	return sqlite3_column_int64(impl, col);
}

static double
sq_col_double(void *impl, int col)
{
	return sqlite3_column_double(impl, col);
}

static const char *
sq_col_text(void *impl, int col)
{
	const unsigned char *s = sqlite3_column_text(impl, col);
	return s ? (const char *)s : "";
}

static const void *
sq_col_blob(void *impl, int col, size_t *n)
{
	const void *p = sqlite3_column_blob(impl, col);
	int len = sqlite3_column_bytes(impl, col); /* after column_blob, as SQLite asks */
	*n = p != NULL && len > 0 ? (size_t)len : 0;
	return *n > 0 ? p : NULL;
}

static int64_t
sq_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->impl);
}

static int64_t
sq_changes(struct db *db)
{
	return sqlite3_changes64(db->impl);
}

static int
sq_backup(struct db *db, const char *path)
{
	sqlite3 *dst = NULL;
	int rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		db_set_err(db, "%s: %s", path, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(dst);
		return DB_ERR;
	}
	/* Copy a batch of pages at a time; between batches other connections
	 * may write, and the backup restarts its pass only when they do. */
	sqlite3_backup *bk = sqlite3_backup_init(dst, "main", db->impl, "main");
	if (bk == NULL) {
		db_set_err(db, "%s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return DB_ERR;
	}
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		db_set_err(db, "%s: %s", path, sqlite3_errstr(rc));
		sqlite3_close(dst);
		return DB_ERR;
	}
	/* A backup is one self-contained file: no -wal beside it. */
	rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close(dst);
	return rc == SQLITE_OK ? DB_OK : DB_ERR;
}

static int
sq_defer_fkeys(struct db *db)
{
	return sq_exec(db, "PRAGMA defer_foreign_keys = ON");
}

const struct db_ops db_sqlite_ops = {
    .dialect = "sqlite",
    .sql_override = NULL,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .begin = sq_begin,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .reset = sq_reset,
    .bind_int = sq_bind_int,
    .bind_double = sq_bind_double,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .bind_blob = sq_bind_blob,
    .step = sq_step,
    .col_is_null = sq_col_is_null,
    .col_int = sq_col_int,
    .col_double = sq_col_double,
    .col_text = sq_col_text,
    .col_blob = sq_col_blob,
    .last_id = sq_last_id,
    .changes = sq_changes,
    .backup = sq_backup,
    .defer_fkeys = sq_defer_fkeys,
    .quick_check = sq_quick_check,
};
