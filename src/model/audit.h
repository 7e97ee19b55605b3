/*
 * The audit log (table audit): one row per change, written by the code that
 * makes the change, inside the caller's transaction, so a change and its
 * audit row commit or roll back together.  Every module that changes data
 * calls audit_write; sign-ins, sign-outs and account changes are logged too.
 */
#ifndef SXSH_MODEL_AUDIT_H
#define SXSH_MODEL_AUDIT_H

#include <stdint.h>

struct db;
struct principal;

/*
 * Appends one audit row at time now (Unix seconds).  who is the actor (NULL:
 * the command line or the system, recorded as actor "cli"); action is a dotted
 * verb such as "user.create"; entity the table or kind ("app_user");
 * entity_id its key as text (may be NULL); before_json and after_json
 * well-formed JSON documents or NULL.  Runs in whatever transaction the
 * caller holds.  Returns 0, or -1 (logged) on a storage error.
 */
int audit_write(struct db *db, const struct principal *who, int64_t now, const char *action,
		const char *entity, const char *entity_id, const char *before_json,
		const char *after_json);

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar.  Pure. */
int64_t audit_days(int64_t y, int m, int d);

/*
 * The Unix time of an audit row's at ("YYYY-MM-DD HH:MM:SS", UTC, as both
 * backends write it; a 'T' between date and time and a trailing 'Z' are
 * read too); 0 when at is not such a text.  Pure.
 */
int64_t audit_at_unix(const char *at);

/*
 * The filters of the audit log's search; a NULL or empty field leaves that
 * filter out.  action matches as a prefix ("report." or "report.submit");
 * from and to (stored times, see audit_filter.from) bound the time.
 */
struct audit_filter {
	const char *entity; /* table or kind: report, facility, app_user ... */
	const char *actor;  /* the actor's email */
	const char *action;
	const char *from, *to; /* stored UTC times "YYYY-MM-DD HH:MM:SS": from <= at < to */
};

/* One audit row; strings valid until the next row ("" for NULL). */
struct audit_entry {
	const char *at, *actor, *action, *entity, *entity_id, *before_json, *after_json;
};
typedef void (*audit_entry_fn)(void *ctx, const struct audit_entry *e);

/* Sets *total to the number of rows matching f.  Returns 0, or -1 (logged). */
int audit_count(struct db *db, const struct audit_filter *f, int64_t *total);
/*
 * Calls fn for the rows matching f, newest first, skipping offset and at
 * most limit of them.  Returns 0, or -1 (logged) on a storage error (fn may
 * have seen some rows).
 */
int audit_each(struct db *db, const struct audit_filter *f, int limit, int64_t offset,
	       audit_entry_fn fn, void *ctx);

#endif
