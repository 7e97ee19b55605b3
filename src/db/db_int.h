/*
 * What db.c shares with the backends: the vtable each backend fills and the
 * connection struct.  Only files in src/db/ include this.
 */
#ifndef SXSH_DB_DB_INT_H
#define SXSH_DB_DB_INT_H

#include "db/db.h"

/*
 * What a backend's prepare returns when the server rejects the text itself
 * (a syntax error, an unknown table, column or function, a type it cannot
 * infer): for an enum stmt that is a programming error, and db_stmt()
 * aborts.  Never returned above src/db/.
 */
#define DB_BADSQL (-100)

struct db_ops {
	const char *dialect;
	/* The texts of this backend that differ from db_sql[], indexed by enum
	 * stmt (a NULL entry: the common text), or NULL for none. */
	const char *const *sql_override;
	int (*open)(struct db *db, const char *url);
	void (*close)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	/* Starts a write transaction (SQLite: BEGIN IMMEDIATE, the lock at once). */
	int (*begin)(struct db *db);
	/* Prepares sql, the text of statement id (STMT__MAX: a statement
	 * built at run time, db_table_stmt).  Parameters are written ?N.
	 * Returns DB_OK and sets *impl; DB_BADSQL when the text is rejected;
	 * another error code when the connection fails (db->err says why). */
	int (*prepare)(struct db *db, enum stmt id, const char *sql, void **impl);
	void (*finalize)(void *impl);
	void (*reset)(void *impl);
	int (*bind_int)(void *impl, int idx, int64_t v);
	int (*bind_double)(void *impl, int idx, double v);
	int (*bind_text)(void *impl, int idx, const char *s);
	int (*bind_null)(void *impl, int idx);
	/* Binds a copy of the n bytes at p as a BLOB (SQLite) or bytea (PostgreSQL). */
	int (*bind_blob)(void *impl, int idx, const void *p, size_t n);
	int (*step)(struct db *db, void *impl);
	int (*col_is_null)(void *impl, int col);
	int64_t (*col_int)(void *impl, int col);
	double (*col_double)(void *impl, int col);
	const char *(*col_text)(void *impl, int col);
	/* A BLOB/bytea column's bytes and *n; valid until the next step or reset. */
	const void *(*col_blob)(void *impl, int col, size_t *n);
	int64_t (*last_id)(struct db *db);
	int64_t (*changes)(struct db *db);
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
	void *impl; /* NULL after a failed prepare: nothing to run */
	int fail;   /* then the error code every call on it returns */
};

struct db {
	const struct db_ops *ops;
	void *impl;
	char err[512];
	int must_exist; /* open: refuse to create the database */
	int full;	/* a call since the last begin failed with DB_FULL */
	struct db_stmt stmts[STMT__MAX];
	struct {
		void *p;
		void (*free_fn)(void *);
	} slots[DB_SLOT__MAX];
};

/* Records a formatted error message on the connection. */
void db_set_err(struct db *db, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The text statement id has on db's backend: its override, else db_sql[id]. */
const char *db_stmt_sql(const struct db *db, enum stmt id);

/*
 * Returns a copy of sql (free it) in which every ?N (N one or more digits)
 * reads $N, except inside string literals ('...'), quoted identifiers
 * ("...") and comments (-- to the end of the line, slash-star to star-slash).
 * A ? not followed by a digit stays as it is.  A doubled quote inside a
 * literal ('it''s') needs nothing special: it closes and reopens it.  The
 * copy has the length of sql.  Used by db_pg.c, which prepares $N.
 */
char *db_pg_placeholders(const char *sql);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;
/* The common statement table (sql_sqlite.c): every entry set. */
extern const char *const db_sql[STMT__MAX];
/* PostgreSQL's overrides (sql_pg.c): set only where the text differs. */
extern const char *const db_pg_override[STMT__MAX];
/* The INSERTs db_pg.c ends with " RETURNING id" (sql_pg.c). */
extern const unsigned char db_pg_returning_id[STMT__MAX];

#endif
