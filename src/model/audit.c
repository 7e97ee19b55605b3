/*
 * The audit log (see audit.h).
 */
#include "model/audit.h"

#include "db/db.h"
#include "model/principal.h"
#include "util/log.h"

int
audit_write(struct db *db, const struct principal *who, int64_t now, const char *action,
	    const char *entity, const char *entity_id, const char *before_json,
	    const char *after_json)
{
	struct db_stmt *st = db_stmt(db, STMT_AUDIT_INSERT);
	if (st == NULL)
		goto fail;
	db_bind_int(st, 1, now);
	if (who != NULL)
		db_bind_int(st, 2, who->user_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, who != NULL && who->email != NULL ? who->email : "cli");
	db_bind_text(st, 4, action);
	db_bind_text(st, 5, entity);
	db_bind_text(st, 6, entity_id);
	db_bind_text(st, 7, before_json);
	db_bind_text(st, 8, after_json);
	if (db_run(st) == DB_OK)
		return 0;
fail:
	log_err("audit: cannot write %s: %s", action, db_errmsg(db));
	return -1;
}
