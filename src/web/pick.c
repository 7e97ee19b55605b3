/*
 * The pickers' suggestions (static/js/picker.js), for province staff and
 * admins (checked by the router):
 *
 *   GET /pick/facilities?q=TEXT  up to 10 active facilities TEXT names
 *        (part of the name, diacritics optional; the code; the tax code):
 *        [{"id": 12, "label": "Name (CODE)", "detail": "MST … · unit"}]
 *   GET /pick/users?q=TEXT       up to 10 accounts whose email or name
 *        contains TEXT: [{"id": "email", "label": "email", "detail": "name"}]
 *
 * "label" is what the picker writes into the field, "detail" a second line
 * for telling similar entries apart, "id" what it writes into the hidden
 * field beside it.  The same searches serve the pages without scripts
 * (users.c resolves typed text with facility_pick), so a suggestion never
 * offers what the form would refuse.
 */
#include <string.h>

#include "model/accounts/user.h"
#include "model/registry/facility_pick.h"
#include "render/json.h"
#include "util/log.h"
#include "web/web_int.h"

#define PICK_SHOWN 10
#define PICK_Q_MAX 200 /* bytes of text searched; longer text finds nothing */

static int
pick_send(struct http_response *resp, json_t *arr)
{
	resp->content_type = "application/json";
	http_response_header(resp, "Cache-Control", "no-store");
	int rc = jsonw_render(&resp->body, arr);
	json_decref(arr);
	if (rc < 0)
		log_err("pick: suggestions over the response limit");
	return rc;
}

static json_t *
pick_item(json_t *id, const char *label, const char *detail)
{
	json_t *o = jsonw_obj();
	jsonw_set(o, "id", id);
	jsonw_set(o, "label", jsonw_str(label));
	jsonw_set(o, "detail", jsonw_str(detail));
	return o;
}

/* The text to search, or NULL when there is none or too much. */
static const char *
pick_q(struct http_request *req)
{
	const char *q = http_param(req, "q");
	return q != NULL && strlen(q) <= PICK_Q_MAX ? q : NULL;
}

int
web_pick_facilities(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct facility_pick found[PICK_SHOWN];
	int n = 0;
	if (facility_pick(db, &req->arena, pick_q(req), PICK_SHOWN, found, &n) < 0)
		return -1;
	json_t *arr = jsonw_arr();
	for (int i = 0; i < n; i++) {
		const struct facility_pick *p = &found[i];
		const char *detail =
		    p->tax_code[0] != '\0'
			? arena_printf(&req->arena, "%s %s · %s", HTTP_T(req, "MST", "Tax code"),
				       p->tax_code, p->unit)
			: p->unit;
		jsonw_push(arr, pick_item(jsonw_int(p->id),
					  arena_printf(&req->arena, "%s (%s)", p->name, p->code),
					  detail));
	}
	return pick_send(resp, arr);
}

int
web_pick_users(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct user_pick found[USER_PICK_MAX];
	int n = 0;
	const char *q = pick_q(req);
	if (q != NULL && user_pick(db, q, found, &n) != ST_OK)
		return -1;
	json_t *arr = jsonw_arr();
	for (int i = 0; i < n; i++)
		jsonw_push(arr,
			   pick_item(jsonw_str(found[i].email), found[i].email, found[i].name));
	return pick_send(resp, arr);
}
