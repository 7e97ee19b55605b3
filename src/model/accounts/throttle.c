/*
 * Sign-in throttling (see throttle.h).  The two limits are rows of one table
 * so both are checked the same way.
 */
#include "model/accounts/throttle.h"

#include "db/db.h"
#include "util/log.h"

static const struct {
	enum stmt count;
	int max;
} throttle_limits[] = {
    {STMT_THROTTLE_BY_EMAIL, THROTTLE_MAX_ACCOUNT},
    {STMT_THROTTLE_BY_ADDR, THROTTLE_MAX_ADDR},
};

int
throttle_check(struct db *db, const char *email, const char *addr, int64_t now, int *wait_min)
{
	const char *keys[] = {email, addr};
	*wait_min = 0;
	for (size_t i = 0; i < sizeof(throttle_limits) / sizeof(throttle_limits[0]); i++) {
		struct db_stmt *st = db_stmt(db, throttle_limits[i].count);
		db_bind_text(st, 1, keys[i]);
		db_bind_int(st, 2, now - THROTTLE_WINDOW + 1);
		if (db_step(st) != DB_ROW)
			goto fail;
		int64_t count = db_col_int(st, 0), oldest = db_col_int(st, 1);
		db_reset(st);
		if (count >= throttle_limits[i].max) {
			int64_t left = oldest + THROTTLE_WINDOW - now;
			int m = (int)((left + 59) / 60);
			*wait_min = m > *wait_min ? m : *wait_min;
		}
	}
	if (*wait_min == 0)
		return 0;
	if (*wait_min < 1)
		*wait_min = 1;
	return 1;
fail:
	log_err("throttle: check failed: %s", db_errmsg(db));
	return -1;
}

int
throttle_fail(struct db *db, const char *email, const char *addr, int64_t now)
{
	struct db_stmt *st = db_stmt(db, STMT_THROTTLE_FAIL);
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, email);
	db_bind_text(st, 3, addr);
	if (db_run(st) != DB_OK)
		goto fail;
	st = db_stmt(db, STMT_THROTTLE_PURGE);
	db_bind_int(st, 1, now - THROTTLE_WINDOW);
	if (db_run(st) != DB_OK)
		goto fail;
	return 0;
fail:
	log_err("throttle: cannot record a failure: %s", db_errmsg(db));
	return -1;
}

int
throttle_success(struct db *db, const char *email)
{
	struct db_stmt *st = db_stmt(db, STMT_THROTTLE_CLEAR);
	db_bind_text(st, 1, email);
	if (db_run(st) == DB_OK)
		return 0;
	log_err("throttle: cannot clear failures: %s", db_errmsg(db));
	return -1;
}
