/*
 * Yearly CP registrations through the API (model/reporting/registration.h), with the
 * same paths and rules as reports.c:
 *   GET  /api/v1/registrations, POST /api/v1/registrations
 *   GET, PUT /api/v1/registrations/{id}
 *   POST /api/v1/registrations/{id}/{action}
 * Content members: apply_cp (boolean, required), planned_saving_pct
 * (number or null), measures (string or null).
 */
#include <stdint.h>
#include <string.h>

#include "api/api_int.h"
#include "model/reporting/registration.h"

static json_t *
registration_doc(const struct registration *r)
{
	json_t *o = jsonw_obj();
	jsonw_set(o, "id", jsonw_int(r->doc.id));
	jsonw_set(o, "facility_id", jsonw_int(r->doc.facility_id));
	jsonw_set(o, "year", jsonw_int(r->doc.year));
	jsonw_set(o, "state", jsonw_str(names_state[r->doc.state].code));
	jsonw_set(o, "version", jsonw_int(r->doc.version));
	jsonw_set(o, "submitted_on", api_str_or_null(r->doc.submitted_on));
	jsonw_set(o, "review_note", api_str_or_null(r->doc.review_note));
	jsonw_set(o, "apply_cp", jsonw_bool(r->apply_cp));
	jsonw_set(o, "planned_saving_pct",
		  r->has_saving ? jsonw_real(r->planned_saving_pct) : json_null());
	jsonw_set(o, "measures", api_str_or_null(r->measures));
	return o;
}

static void
registration_input_read(struct http_request *req, json_t *body, struct registration_input *in,
			struct wf_errors *errs)
{
	in->apply_cp = api_text(req, body, "apply_cp", errs, NULL);
	in->planned_saving_pct = api_text(req, body, "planned_saving_pct", errs, NULL);
	in->measures = api_text(req, body, "measures", errs, NULL);
}

static int
registration_answer(struct http_request *req, struct http_response *resp, struct db *db, int64_t id,
		    int status)
{
	struct registration r;
	int rc = registration_get(db, req->who, id, &r);
	if (rc != ST_OK)
		return api_wf_fail(req, resp, rc, NULL);
	return api_send(resp, status, registration_doc(&r));
}

/*
 * One write: create (id 0), update (action -1) or a transition.  Reads the
 * body, runs the model and answers.
 */
static int
registration_write(struct http_request *req, struct http_response *resp, struct db *db, int64_t id,
		   int action)
{
	json_t *body = api_body(req, resp);
	if (body == NULL)
		return 0;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t fid = 0, year = 0, version = 0;
	struct registration_input in = {0};
	const char *note = NULL;
	if (id == 0) {
		api_int_member(body, "facility_id", &fid, &errs);
		if (api_int_member(body, "year", &year, &errs) == 0 && (year < 1 || year > 9999))
			year = 0; /* out of range: the model names the field */
	} else {
		api_int_member(body, "version", &version, &errs);
	}
	if (action >= 0)
		note = api_text(req, body, "note", &errs, NULL);
	else
		registration_input_read(req, body, &in, &errs);
	int rc = ST_INVALID, ret;
	if (errs.n == 0) {
		if (id == 0)
			rc = registration_create(db, req->who, fid, (int)year, &in, &id, &errs);
		else if (action < 0)
			rc = registration_update(db, req->who, id, version, &in, &errs);
		else
			rc = registration_transition(db, req->who, id, (enum wf_action)action,
						     version, note, &errs);
	}
	if (rc != ST_OK) {
		ret = api_wf_fail(req, resp, rc, &errs);
		goto out;
	}
	int created = fid != 0;
	if (created)
		http_response_header(
		    resp, "Location",
		    arena_printf(&req->arena, "/api/v1/registrations/%lld", (long long)id));
	ret = registration_answer(req, resp, db, id, created ? 201 : 200);
out:
	json_decref(body);
	return ret;
}

int
api_registrations(struct http_request *req, struct http_response *resp)
{
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	if (req->method == HTTP_POST)
		return registration_write(req, resp, db, 0, -1);
	return api_queue(req, resp, db, WF_KIND_REGISTRATION);
}

int
api_registration(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	const char *rest;
	if (api_path_id(req, resp, "/api/v1/registrations/", &id, &rest) < 0)
		return 0;
	int action = api_action_route(req, resp, rest);
	if (action == API_ACTION_ANSWERED)
		return 0;
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	if (action >= 0 || req->method == HTTP_PUT)
		return registration_write(req, resp, db, id, action);
	return registration_answer(req, resp, db, id, 200);
}
