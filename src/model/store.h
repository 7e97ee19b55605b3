/*
 * The database as a whole, for the layers above the model (web/, api/,
 * cli/), which never see src/db/: opening and closing a connection and
 * bringing its schema up to date, the checks a command makes before it
 * trusts a database, an online backup, the generation counter that tells
 * caches the public figures may have changed, and a liveness check.
 *
 * Transactions are not here: each model use-case begins and commits its
 * own (docs/architecture.md, "SQL only behind the model").
 *
 * Functions that fail leave the reason in store_errmsg() unless they say
 * otherwise; it is storage detail for the operator (the command line, the
 * log), never for a page or an API client.
 */
#ifndef SXSH_MODEL_STORE_H
#define SXSH_MODEL_STORE_H

#include <stddef.h>
#include <stdint.h>

struct db;

/*
 * Opens the database at url (a SQLite path or file://..., or
 * postgresql://...), creating a SQLite file that does not exist.  The
 * schema is left as it is (store_migrate).  Returns the connection, which
 * the caller closes with store_close, or NULL with the reason in err (size
 * errsz).
 */
struct db *store_open(const char *url, char *err, size_t errsz);
/*
 * Like store_open, but never creates: a SQLite file that does not exist is
 * an error.
 */
struct db *store_open_existing(const char *url, char *err, size_t errsz);
/* Closes db; NULL is a no-op. */
void store_close(struct db *db);

/*
 * Applies the schema migrations db lacks, each in a transaction of its own.
 * Returns 0 and sets *applied to how many ran, or -1 with the reason in err
 * (size errsz): a migration failed (it was rolled back) or the database is
 * newer than this binary.
 */
int store_migrate(struct db *db, int *applied, char *err, size_t errsz);
/* The schema version this binary brings a database to. */
int store_schema_version(const struct db *db);

/*
 * Checks the structure of the database file: 0 when sound, -1 when SQLite's
 * quick check finds damage (its first finding in store_errmsg()) or cannot
 * run.  A PostgreSQL server checks its own pages: always 0 there.
 */
int store_check(struct db *db);
/*
 * The number of tables in the database, sxsh's schema_version table not
 * counted: 0 for a database nobody has set up.  Returns -1 on a storage
 * error.
 */
int store_table_count(struct db *db);
/*
 * Writes a consistent copy of a SQLite database to the new file path while
 * readers and writers carry on (SQLite's online backup).  Returns 0, or -1
 * with the reason in store_errmsg(); a partly written copy is removed.  A
 * PostgreSQL database is backed up with pg_dump: there it returns
 * STORE_BACKUP_PG and touches no file (the caller says what to do, from
 * the message catalogue).
 */
#define STORE_BACKUP_PG (-2)
int store_backup(struct db *db, const char *path);
/* The last storage error of db, for the operator; valid until the next call. */
const char *store_errmsg(const struct db *db);

/*
 * Sets *gen to the database's generation, which every write that can change
 * a public figure increments.  Returns 0, or -1 on a storage error.
 */
int store_generation(struct db *db, int64_t *gen);
/* Whether the database answers a trivial query: 1 yes, 0 no. */
int store_ping(struct db *db);

#endif
