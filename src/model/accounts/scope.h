/*
 * Who may see what, enforced in SQL.  Every workflow statement that reads
 * facility, report or registration data reserves its first three parameters
 * for the caller and filters with the same predicate, written out in each
 * statement of db/sql_sqlite.c:
 *
 *   ?1 role text ('admin', 'province', 'district', 'enterprise', 'expert',
 *      or 'public' for no login), ?2 the district user's admin_unit id,
 *   ?3 the user id;
 *   admin and province see every facility; a district user the facilities
 *   of its unit and of the units directly under it; an enterprise user the
 *   facilities it has a confirmed facility_member row for; experts and the
 *   public see no facility data here.
 *
 * A row outside the caller's scope is simply not returned, so callers
 * answer "not found" and ids cannot be probed.  principal.facility_id (the
 * app_user's default facility) plays no part in scope: migration 0005 keeps
 * a confirmed facility_member row for it.
 */
#ifndef SXSH_MODEL_SCOPE_H
#define SXSH_MODEL_SCOPE_H

#include "model/accounts/principal.h"

struct db_stmt;

/* The role spelling the statements compare with; "public" for NULL. */
const char *scope_role_name(const struct principal *who);

/*
 * Binds who into parameters 1-3 of st as described above.  Returns DB_OK
 * or a negative db_rc.
 */
int scope_bind(struct db_stmt *st, const struct principal *who);

/* Whether who's role is one of the ROLE_BIT mask roles (0 for the public). */
int scope_has_role(const struct principal *who, unsigned roles);

#endif
