/*
 * Schema migrations.  Numbered scripts migrations/DIALECT/NNNN_name.sql are
 * embedded in the binary and applied in order, each in its own transaction
 * with its number recorded in schema_version.  Applying is idempotent.
 */
#ifndef SXSH_DB_MIGRATE_H
#define SXSH_DB_MIGRATE_H

#include <stddef.h>

struct db;

/* The highest schema version this binary knows. */
int migrate_latest(const struct db *db);
/*
 * Brings the database up to migrate_latest().  Returns 0 and sets *applied
 * to the number of scripts run; returns -1 with a message in err when a
 * script fails (that script is rolled back) or when the database is newer
 * than this binary.
 */
int migrate_up(struct db *db, int *applied, char *err, size_t errsz);
/* Returns 0 when every statement has SQL for this backend, else -1 and err. */
int db_sql_check(const struct db *db, char *err, size_t errsz);

#endif
