/*
 * The audit log (see audit.h).
 */
#include "model/audit.h"

#include <stdio.h>

#include "db/db.h"
#include "model/accounts/principal.h"
#include "util/log.h"

int
audit_write(struct db *db, const struct principal *who, int64_t now, const char *action,
	    const char *entity, const char *entity_id, const char *before_json,
	    const char *after_json)
{
	struct db_stmt *st = db_stmt(db, STMT_AUDIT_INSERT);
	db_bind_int(st, 1, now);
	if (who != NULL && who->user_id > 0) /* user 0: the command line, no account */
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
	log_err("audit: cannot write %s: %s", action, db_errmsg(db));
	return -1;
}

/* Binds f as parameters 1..5 of the audit search statements. */
static void
audit_bind_filter(struct db_stmt *st, const struct audit_filter *f)
{
	const char *v[] = {f->entity, f->actor, f->action, f->from, f->to};
	for (int i = 0; i < 5; i++)
		if (v[i] == NULL || v[i][0] == '\0')
			db_bind_null(st, i + 1);
		else
			db_bind_text(st, i + 1, v[i]);
}

int
audit_count(struct db *db, const struct audit_filter *f, int64_t *total)
{
	*total = 0;
	struct db_stmt *st = db_stmt(db, STMT_AUDIT_SEARCH_COUNT);
	audit_bind_filter(st, f);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*total = db_col_int(st, 0);
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	log_err("audit count: %s", db_errmsg(db));
	return -1;
}

int
audit_each(struct db *db, const struct audit_filter *f, int limit, int64_t offset,
	   audit_entry_fn fn, void *ctx)
{
	struct db_stmt *st = db_stmt(db, STMT_AUDIT_SEARCH);
	audit_bind_filter(st, f);
	db_bind_int(st, 6, limit);
	db_bind_int(st, 7, offset);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		struct audit_entry e = {
		    .at = db_col_text(st, 1),
		    .actor = db_col_text(st, 2),
		    .action = db_col_text(st, 3),
		    .entity = db_col_text(st, 4),
		    .entity_id = db_col_text(st, 5),
		    .before_json = db_col_text(st, 6),
		    .after_json = db_col_text(st, 7),
		};
		fn(ctx, &e);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 0;
	log_err("audit page: %s", db_errmsg(db));
	return -1;
}

int64_t
audit_days(int64_t y, int m, int d)
{
	/* H. Hinnant's days_from_civil */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t
audit_at_unix(const char *at)
{
	int y, mo, d, h, mi, s;
	char sep;
	if (at == NULL ||
	    sscanf(at, "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &s) != 7 ||
	    (sep != ' ' && sep != 'T') || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || s > 60 || h < 0 || mi < 0 || s < 0)
		return 0;
	return audit_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}
