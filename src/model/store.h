/*
 * The database as a whole, for the layers above the model (web/, api/),
 * which never see src/db/: where a unit of work over several model calls
 * begins and ends, the generation counter that tells caches the public
 * figures may have changed, and a liveness check.
 *
 * A caller that combines model calls into one change (a sign-in, its
 * throttle reset and its audit row) brackets them with store_begin and
 * store_commit, and calls store_rollback when any of them, or the commit,
 * failed.
 */
#ifndef SXSH_MODEL_STORE_H
#define SXSH_MODEL_STORE_H

#include <stdint.h>

struct db;

/* Starts a write transaction (db_begin).  Returns 0, or -1 on a storage error. */
int store_begin(struct db *db);
/* Commits it.  Returns 0, or -1; on -1 the caller still rolls back. */
int store_commit(struct db *db);
/* Rolls the transaction back. */
void store_rollback(struct db *db);

/*
 * Sets *gen to the database's generation, which every write that can change
 * a public figure increments.  Returns 0, or -1 on a storage error.
 */
int store_generation(struct db *db, int64_t *gen);
/* Whether the database answers a trivial query: 1 yes, 0 no. */
int store_ping(struct db *db);

#endif
