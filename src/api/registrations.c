/*
 * Yearly CP registrations through the API (model/reporting/registration.h),
 * served by the document handlers of documents.c:
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

static json_t *
registration_doc_json(const void *doc)
{
	return registration_doc(doc);
}

static void
registration_input_read(struct http_request *req, json_t *body, void *input, struct wf_errors *errs)
{
	struct registration_input *in = input;
	in->apply_cp = api_text(req, body, "apply_cp", errs, NULL);
	in->planned_saving_pct = api_text(req, body, "planned_saving_pct", errs, NULL);
	in->measures = api_text(req, body, "measures", errs, NULL);
}

static const struct api_doc registrations = {
    .kind = &registration_kind,
    .path = "/api/v1/registrations/",
    .in_size = sizeof(struct registration_input),
    .read = registration_input_read,
    .doc = registration_doc_json,
};

int
api_registrations(struct http_request *req, struct http_response *resp)
{
	return api_doc_list(req, resp, &registrations);
}

int
api_registration(struct http_request *req, struct http_response *resp)
{
	return api_doc_item(req, resp, &registrations);
}
