/*
 * Applies the embedded migrations of the connection's dialect (migrate.h).
 */
#include "db/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db_int.h"
#include "util/embed.h"

/* Finds migration number n of the dialect, or NULL. */
static const struct embed_file *
find_migration(const char *dialect, int n)
{
	char prefix[96];
	int plen = snprintf(prefix, sizeof(prefix), "migrations/%s/%04d_", dialect, n);
	for (size_t i = 0; i < embed_nfiles; i++)
		if (strncmp(embed_files[i].name, prefix, (size_t)plen) == 0)
			return &embed_files[i];
	return NULL;
}

int
migrate_latest(const struct db *db)
{
	int n = 0;
	while (find_migration(db_dialect(db), n + 1) != NULL)
		n++;
	return n;
}

int
db_sql_check(const struct db *db, char *err, size_t errsz)
{
	for (int i = 0; i < STMT__MAX; i++)
		if (db_stmt_sql(db, (enum stmt)i) == NULL) {
			snprintf(err, errsz, "statement %d has no %s SQL", i, db->ops->dialect);
			return -1;
		}
	return 0;
}

int
migrate_up(struct db *db, int *applied, char *err, size_t errsz)
{
	*applied = 0;
	if (db_sql_check(db, err, errsz) < 0)
		return -1;
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_version ("
			"version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)") != DB_OK) {
		snprintf(err, errsz, "cannot create schema_version: %s", db_errmsg(db));
		return -1;
	}
	int64_t cur = 0;
	if (db_query_int(db, STMT_SCHEMA_VERSION_GET, &cur) != DB_OK) {
		snprintf(err, errsz, "cannot read schema version: %s", db_errmsg(db));
		return -1;
	}
	int latest = migrate_latest(db);
	if (cur > latest) {
		snprintf(err, errsz,
			 "the database has schema version %lld but this sxsh knows only up to %d; "
			 "use a newer sxsh (cơ sở dữ liệu mới hơn phiên bản sxsh này)",
			 (long long)cur, latest);
		return -1;
	}
	for (int v = (int)cur + 1; v <= latest; v++) {
		const struct embed_file *f = find_migration(db_dialect(db), v);
		if (db_begin(db) != DB_OK) {
			snprintf(err, errsz, "migration %d: %s", v, db_errmsg(db));
			return -1;
		}
		int rc = db_exec(db, (const char *)f->data);
		if (rc == DB_OK) {
			struct db_stmt *st = db_stmt(db, STMT_SCHEMA_VERSION_ADD);
			db_bind_int(st, 1, v);
			rc = db_run(st);
		}
		if (rc != DB_OK || db_commit(db) != DB_OK) {
			snprintf(err, errsz, "migration %s failed: %s", f->name, db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		(*applied)++;
	}
	return 0;
}
