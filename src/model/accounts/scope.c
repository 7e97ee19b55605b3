/*
 * Binding the caller into the scope parameters of the workflow statements
 * (see scope.h).  The predicate itself lives in each statement's SQL.
 */
#include "model/accounts/scope.h"

#include "db/db.h"
#include "model/names.h"

const char *
scope_role_name(const struct principal *who)
{
	if (who == NULL || (unsigned)who->role >= ROLE__MAX)
		return "public";
	return names_role[who->role].code;
}

int
scope_bind(struct db_stmt *st, const struct principal *who)
{
	int rc = db_bind_text(st, 1, scope_role_name(who));
	if (rc == DB_OK)
		rc = db_bind_int(st, 2, who != NULL ? who->unit_id : 0);
	if (rc == DB_OK)
		rc = db_bind_int(st, 3, who != NULL ? who->user_id : 0);
	return rc;
}

int
scope_has_role(const struct principal *who, unsigned roles)
{
	return who != NULL && (unsigned)who->role < ROLE__MAX && (ROLE_BIT(who->role) & roles) != 0;
}
