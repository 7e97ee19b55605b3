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

#endif
