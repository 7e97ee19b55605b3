/*
 * The database as a whole (see store.h): thin wrappers over src/db/ for the
 * layers that may not include it.
 */
#include "model/store.h"

#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/migrate.h"

struct db *
store_open(const char *url, char *err, size_t errsz)
{
	return db_open(url, err, errsz);
}

struct db *
store_open_existing(const char *url, char *err, size_t errsz)
{
	return db_open_existing(url, err, errsz);
}

void
store_close(struct db *db)
{
	db_close(db);
}

int
store_migrate(struct db *db, int *applied, char *err, size_t errsz)
{
	return migrate_up(db, applied, err, errsz) < 0 ? -1 : 0;
}

int
store_schema_version(const struct db *db)
{
	return migrate_latest(db);
}

int
store_check(struct db *db)
{
	return db_quick_check(db) == DB_OK ? 0 : -1;
}

int
store_table_count(struct db *db)
{
	struct db_table *t = NULL;
	int n = 0;
	if (db_tables(db, &t, &n) != DB_OK)
		return -1;
	db_tables_free(t, n);
	return n;
}

int
store_backup(struct db *db, const char *path)
{
	/* Only SQLite writes the file; PostgreSQL is refused before touching it. */
	if (strcmp(db_dialect(db), "sqlite") != 0)
		return STORE_BACKUP_PG;
	if (db_backup(db, path) == DB_OK)
		return 0;
	unlink(path);
	return -1;
}

const char *
store_errmsg(const struct db *db)
{
	return db_errmsg(db);
}

int
store_generation(struct db *db, int64_t *gen)
{
	return db_query_int(db, STMT_GENERATION_GET, gen) == DB_OK ? 0 : -1;
}

int
store_ping(struct db *db)
{
	int64_t one = 0;
	return db_query_int(db, STMT_STORE_PING, &one) == DB_OK && one == 1;
}
