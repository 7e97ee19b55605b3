/*
 * Storage interface.  A struct db is one connection to one database, used by
 * one thread at a time.  Callers name SQL statements by enum stmt (stmt.h);
 * their text is one common table (sql_sqlite.c) plus the few texts a
 * backend overrides (sql_pg.c), so nothing above src/db/ knows which
 * backend runs.  The backend is chosen by the URL: a plain path
 * or file:// is SQLite; postgresql:// is PostgreSQL.
 *
 * Return values: functions return DB_OK (0) on success and a negative
 * enum db_rc on failure, with the detail in db_errmsg().  db_step returns
 * DB_ROW while rows remain and DB_DONE at the end.
 */
#ifndef SXSH_DB_DB_H
#define SXSH_DB_DB_H

#include <stddef.h>
#include <stdint.h>

#include "db/stmt.h"

struct db;
struct db_stmt;

enum db_rc {
	DB_OK = 0,
	DB_ROW = 1,
	DB_DONE = 2,
	DB_ERR = -1,
	DB_CONSTRAINT = -2, /* unique, foreign key or check violated */
	DB_BUSY = -3,	    /* locked by another writer past the busy timeout */
	DB_NOTFOUND = -4,   /* a single-row lookup found nothing */
	DB_FULL = -5,	    /* the disk (or the server's) is full: nothing was written */
};

/*
 * Opens the database at url.  On failure returns NULL and writes a message
 * into err (size errsz).  The connection has foreign keys enforced, WAL mode
 * and a busy timeout (SQLite).  It does not apply migrations (migrate.h).
 */
struct db *db_open(const char *url, char *err, size_t errsz);
/*
 * Like db_open, but never creates: a SQLite file that does not exist is an
 * error (a PostgreSQL database always exists before it is opened).
 */
struct db *db_open_existing(const char *url, char *err, size_t errsz);
/*
 * Checks the structure of the database: SQLite runs PRAGMA quick_check and
 * returns DB_OK, or DB_ERR with its first finding in db_errmsg(); PostgreSQL,
 * whose server checks its own pages, returns DB_OK.
 */
int db_quick_check(struct db *db);
/* Finalises cached statements and closes; NULL is a no-op. */
void db_close(struct db *db);
/* "sqlite" or "postgresql": the folder of this backend's migrations. */
const char *db_dialect(const struct db *db);
/*
 * Whether the last failure on this connection since db_begin() was a full
 * disk (DB_FULL), whichever call reported it: callers that turn every
 * storage error into one code use it to tell "storage full" apart.
 */
int db_is_full(const struct db *db);
/* Forgets an earlier DB_FULL (a server thread does so before each request). */
void db_full_clear(struct db *db);
/* The last error message of this connection; valid until the next call. */
const char *db_errmsg(const struct db *db);

/* Runs a script of one or more statements without results. */
int db_exec(struct db *db, const char *sql);
/* Starts a write transaction and takes the database's write lock at once,
 * so write transactions run one at a time on every backend (SQLite: BEGIN
 * IMMEDIATE; PostgreSQL: BEGIN, read committed, plus one advisory lock all
 * sxsh instances share).  Readers are not blocked. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);

/*
 * Returns the prepared statement id, reset and with its bindings cleared;
 * never NULL.  The statement is owned by the connection and cached (it is
 * prepared on first use); the caller must not free it.  Parameters are
 * numbered from 1.
 *
 * A text the backend rejects (a syntax error, an unknown table, column or
 * function, a parameter type PostgreSQL cannot infer) is a programming
 * error: db_stmt logs the statement's number, the backend's message and
 * the start of the SQL, then aborts.  test_every_statement_prepares
 * (tests/unit/test_pg.c) prepares every statement on both backends, so
 * none reaches a user.  When the prepare fails for another reason (the
 * server went away, the database is busy or full) the statement returned
 * has nothing to run: binds and db_step return that error code with
 * db_errmsg() set, columns read as NULL, and the next db_stmt() tries
 * again.
 */
struct db_stmt *db_stmt(struct db *db, enum stmt id);
/*
 * Per-connection caches the model keeps beside a connection (the ledger's
 * reference tables, the key-user lists and the benchmarks, each keyed by
 * the data generation inside): one pointer per
 * slot, owned by the connection once set, freed with free_fn (NULL: not
 * freed) when replaced or when the connection closes.  A connection is
 * used by one thread at a time, so no lock is needed.
 */
enum db_slot { DB_SLOT_LEDGER_REFS, DB_SLOT_KEYUSERS, DB_SLOT_BENCH, DB_SLOT__MAX };
void *db_slot_get(struct db *db, enum db_slot slot);
void db_slot_set(struct db *db, enum db_slot slot, void *p, void (*free_fn)(void *));

/*
 * Prepares every statement not prepared yet, as db_stmt() would, but a
 * rejected text is logged (as db_stmt() logs it) instead of aborting.
 * Returns how many statements were rejected (0: all prepare), or a
 * negative enum db_rc when the connection fails.
 */
int db_prepare_all(struct db *db);
int db_bind_int(struct db_stmt *st, int idx, int64_t v);
int db_bind_double(struct db_stmt *st, int idx, double v);
/* Binds a copy of s; NULL binds SQL NULL. */
int db_bind_text(struct db_stmt *st, int idx, const char *s);
int db_bind_null(struct db_stmt *st, int idx);
/* Binds a copy of the n bytes at p as a BLOB (SQLite) or bytea (PostgreSQL). */
int db_bind_blob(struct db_stmt *st, int idx, const void *p, size_t n);
/* Binds v, or NULL when is_null is set. */
int db_bind_opt_double(struct db_stmt *st, int idx, double v, int is_null);
int db_step(struct db_stmt *st);
/* Ends the current execution early, releasing locks it holds. */
void db_reset(struct db_stmt *st);
/* Runs a statement that returns no rows: step once, then reset. */
int db_run(struct db_stmt *st);

/* Columns of the current row, numbered from 0. */
int db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
/* Returns "" for NULL; valid until the next step or reset. */
const char *db_col_text(struct db_stmt *st, int col);
/*
 * The bytes of a BLOB (bytea) column and their number in *n; NULL with *n 0
 * for NULL or an empty value.  Valid until the next step or reset.
 */
const void *db_col_blob(struct db_stmt *st, int col, size_t *n);

/* The id of the row the last INSERT on this connection created. */
int64_t db_last_id(struct db *db);
/* Rows changed by the last statement. */
int64_t db_changes(struct db *db);

/*
 * A single integer from a statement that returns one row and column
 * (a count, a max).  Returns DB_OK and sets *out, DB_NOTFOUND for no row.
 */
int db_query_int(struct db *db, enum stmt id, int64_t *out);

/*
 * Writes a consistent copy of the whole database to the new file path with
 * SQLite's online backup API; readers and writers carry on meanwhile.
 * Returns DB_OK, or DB_ERR with the reason in db_errmsg().  PostgreSQL has
 * pg_dump for this: there it always returns DB_ERR saying so.
 */
int db_backup(struct db *db, const char *path);

/*
 * Whole tables, named by the schema's own catalog (sxsh copy).  Nothing
 * here takes a name from a user: table and column names come from
 * db_tables() and are checked to be plain identifiers before use.
 */
enum db_coltype { DB_COL_INT, DB_COL_REAL, DB_COL_TEXT, DB_COL_BLOB /* BLOB, bytea */ };

struct db_table {
	char *name;
	int ncols;
	char **cols;
	enum db_coltype *types;
	int nkeys; /* primary key columns; all columns when the table has none */
	int *keys; /* column indexes, in key order */
	int ndeps; /* tables its foreign keys reference (itself excluded) */
	char **deps;
};

/*
 * Lists every table of the schema except schema_version, ordered so that a
 * table comes after the tables its foreign keys reference.  Returns DB_OK
 * and sets *out (free with db_tables_free) and *n, or an error.
 */
int db_tables(struct db *db, struct db_table **out, int *n);
void db_tables_free(struct db_table *t, int n);

enum db_table_op {
	DB_TABLE_SELECT, /* -> every column, in column order, by primary key */
	DB_TABLE_INSERT, /* every column, bound 1..ncols in column order */
	DB_TABLE_DELETE, /* removes every row */
	DB_TABLE_COUNT,	 /* -> the number of rows */
};

/*
 * Prepares op on table t.  Returns a statement the caller owns and frees
 * with db_stmt_free(), or NULL with db_errmsg() set (it never aborts: the
 * text is built from a catalog).  Used like db_stmt()'s.
 */
struct db_stmt *db_table_stmt(struct db *db, const struct db_table *t, enum db_table_op op);
/* Frees a statement from db_table_stmt(); NULL is a no-op. */
void db_stmt_free(struct db_stmt *st);
/*
 * Defers foreign key checks to the commit of the current transaction, so a
 * table whose rows reference each other (a unit's successor) loads in any
 * order.
 */
int db_defer_fkeys(struct db *db);
/*
 * Tells the backend that rows with explicit ids were loaded into t: on
 * PostgreSQL the id sequence moves past the largest id; on SQLite nothing.
 */
int db_table_loaded(struct db *db, const struct db_table *t);

#endif
