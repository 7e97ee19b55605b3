/*
 * Who the API caller is:
 *   GET /api/v1/session   the signed-in user (id, email, role, scope) and,
 *                         for a browser session, its CSRF token
 *
 * A script in the browser that writes through the API with the session
 * cookie reads csrf_token here and sends it back in the X-CSRF-Token header
 * (req/auth.h).  A Bearer-token caller needs none: csrf_token is null.
 */
#include "api/api_int.h"
#include "model/accounts/principal.h"
#include "model/accounts/user.h"

int
api_session(struct http_request *req, struct http_response *resp)
{
	const struct principal *who = req->who; /* the route admits signed-in users only */
	json_t *doc = jsonw_obj();
	jsonw_set(doc, "user_id", jsonw_int(who->user_id));
	jsonw_set(doc, "email", jsonw_str(who->email));
	jsonw_set(doc, "role", jsonw_str(user_role_name(who->role)));
	jsonw_set(doc, "unit_id", who->unit_id != 0 ? jsonw_int(who->unit_id) : json_null());
	jsonw_set(doc, "facility_id",
		  who->facility_id != 0 ? jsonw_int(who->facility_id) : json_null());
	jsonw_set(doc, "auth", jsonw_str(req->bearer ? "bearer" : "cookie"));
	jsonw_set(doc, "csrf_token", jsonw_str(req->bearer ? NULL : req->csrf));
	return api_send(resp, 200, doc);
}
