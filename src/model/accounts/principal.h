/*
 * Who is asking: the signed-in user's role and scope, passed from the HTTP
 * layer (or the CLI) down to the model, whose queries enforce the scope.
 * A NULL principal is the public (no login).
 */
#ifndef SXSH_MODEL_PRINCIPAL_H
#define SXSH_MODEL_PRINCIPAL_H

#include <stdint.h>

enum role { ROLE_ADMIN, ROLE_PROVINCE, ROLE_DISTRICT, ROLE_ENTERPRISE, ROLE_EXPERT, ROLE__MAX };

#define ROLE_BIT(r) (1u << (r))
/* Province staff: the Department's CP unit and administrators. */
#define ROLES_PROVINCE (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_PROVINCE))
/* Government staff: province and district offices. */
#define ROLES_STAFF (ROLES_PROVINCE | ROLE_BIT(ROLE_DISTRICT))
#define ROLES_ANY   (ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE) | ROLE_BIT(ROLE_EXPERT))

struct principal {
	int64_t user_id;
	enum role role;
	int64_t unit_id;     /* district users: their administrative unit; else 0 */
	int64_t facility_id; /* enterprise users with one assigned facility; else 0 */
	const char *email;
};

#endif
