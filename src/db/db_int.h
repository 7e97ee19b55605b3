/*
 * What db.c shares with the backends: the vtable each backend fills and the
 * connection struct.  Only files in src/db/ include this.
 */
#ifndef SXSH_DB_DB_INT_H
#define SXSH_DB_DB_INT_H

#include "db/db.h"

struct db_ops {
	const char *dialect;
	/* SQL text of every enum stmt, indexed by it; all entries set. */
	const char *const *sql;
	int (*open)(struct db *db, const char *url);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	/* Starts a write transaction (SQLite: BEGIN IMMEDIATE, the lock at once). */
	int (*begin)(struct db *db);
	int (*prepare)(struct db *db, const char *sql, void **impl);
	void (*finalize)(void *impl);
	void (*reset)(void *impl);
	int (*bind_int)(void *impl, int idx, int64_t v);
	int (*bind_double)(void *impl, int idx, double v);
	int (*bind_text)(void *impl, int idx, const char *s);
	int (*bind_null)(void *impl, int idx);
	int (*step)(struct db *db, void *impl);
	int (*col_is_null)(void *impl, int col);
	int64_t (*col_int)(void *impl, int col);
	double (*col_double)(void *impl, int col);
	const char *(*col_text)(void *impl, int col);
	int64_t (*last_id)(struct db *db);
	int64_t (*changes)(struct db *db);
	/* The placeholder of parameter n is param_prefix followed by n. */
	char param_prefix;
	int (*backup)(struct db *db, const char *path);
	int (*defer_fkeys)(struct db *db);
	/* After explicit ids were loaded into table (optional: NULL = nothing). */
	int (*table_loaded)(struct db *db, const char *table);
	/* Structure check (optional: NULL = nothing to check). */
	int (*quick_check)(struct db *db);
};

struct db_stmt {
	struct db *db;
	enum stmt id;
	void *impl;
};

struct db {
	const struct db_ops *ops;
	void *impl;
	char err[512];
	int must_exist; /* open: refuse to create the database */
	int full;	/* a call since the last begin failed with DB_FULL */
	struct db_stmt stmts[STMT__MAX];
};

/* Records a formatted error message on the connection. */
void db_set_err(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

extern const struct db_ops db_sqlite_ops;
extern const char *const db_sqlite_sql[STMT__MAX];
extern const struct db_ops db_pg_ops;
extern const char *const db_pg_sql[STMT__MAX];

#endif
