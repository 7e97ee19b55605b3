/*
 * The database as a whole (see store.h).
 */
#include "model/store.h"

#include "db/db.h"

int
store_begin(struct db *db)
{
	return db_begin(db) == DB_OK ? 0 : -1;
}

int
store_commit(struct db *db)
{
	return db_commit(db) == DB_OK ? 0 : -1;
}

void
store_rollback(struct db *db)
{
	db_rollback(db);
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
