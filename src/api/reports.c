/*
 * Annual reports through the API (model/reporting/report.h), served by the
 * document handlers of documents.c:
 *   GET  /api/v1/reports                 the caller's review list (queue)
 *   POST /api/v1/reports                 create a draft {facility_id, year, ...}
 *   GET  /api/v1/reports/{id}            one report with its lines
 *   PUT  /api/v1/reports/{id}            replace the content {version, ...}
 *   POST /api/v1/reports/{id}/{action}   submit|forward|return|accept|reopen
 *                                        {version, note}
 * Field names in bodies and in errors[] are the model's ("cp_aware",
 * "energy[1].unit"), so an error points at the member that caused it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "model/reporting/report.h"

static const char *const cp_names[REPORT_CP__MAX] = {"cp_aware", "cp_staff", "cp_unit",
						     "cp_applied"};

/* A CP field: true, false or null (unknown). */
static json_t *
report_cp_json(int v)
{
	return v < 0 ? json_null() : jsonw_bool(v);
}

static json_t *
report_cost_json(int has, double v)
{
	return has ? jsonw_real(v) : json_null();
}

static json_t *
report_doc(const struct report *r)
{
	json_t *o = jsonw_obj();
	jsonw_set(o, "id", jsonw_int(r->doc.id));
	jsonw_set(o, "facility_id", jsonw_int(r->doc.facility_id));
	jsonw_set(o, "year", jsonw_int(r->doc.year));
	jsonw_set(o, "state", jsonw_str(names_state[r->doc.state].code));
	jsonw_set(o, "version", jsonw_int(r->doc.version));
	jsonw_set(o, "submitted_on", api_str_or_null(r->doc.submitted_on));
	jsonw_set(o, "review_note", api_str_or_null(r->doc.review_note));
	for (int k = 0; k < REPORT_CP__MAX; k++)
		jsonw_set(o, cp_names[k], report_cp_json(r->cp[k]));
	json_t *a = jsonw_arr();
	for (int i = 0; i < r->nout; i++) {
		json_t *l = jsonw_obj();
		jsonw_set(l, "product", jsonw_str(r->out[i].product));
		jsonw_set(l, "quantity", jsonw_real(r->out[i].quantity));
		jsonw_set(l, "unit", jsonw_str(r->out[i].unit));
		jsonw_push(a, l);
	}
	jsonw_set(o, "output", a);
	a = jsonw_arr();
	for (int i = 0; i < r->nenergy; i++) {
		const struct report_energy *e = &r->energy[i];
		json_t *l = jsonw_obj();
		jsonw_set(l, "carrier", jsonw_str(e->carrier));
		jsonw_set(l, "quantity", jsonw_real(e->quantity));
		jsonw_set(l, "unit", jsonw_str(e->unit));
		jsonw_set(l, "month", e->month > 0 ? jsonw_int(e->month) : json_null());
		jsonw_set(l, "product", api_str_or_null(e->product));
		jsonw_set(l, "cost", report_cost_json(e->has_cost, e->cost_vnd));
		jsonw_push(a, l);
	}
	jsonw_set(o, "energy", a);
	a = jsonw_arr();
	for (int i = 0; i < r->nwater; i++) {
		json_t *l = jsonw_obj();
		jsonw_set(l, "source", jsonw_str(r->water[i].source));
		jsonw_set(l, "quantity_m3", jsonw_real(r->water[i].quantity_m3));
		jsonw_set(l, "cost", report_cost_json(r->water[i].has_cost, r->water[i].cost_vnd));
		jsonw_push(a, l);
	}
	jsonw_set(o, "water", a);
	a = jsonw_arr();
	for (int i = 0; i < r->nmat; i++) {
		json_t *l = jsonw_obj();
		jsonw_set(l, "name", jsonw_str(r->mat[i].name));
		jsonw_set(l, "quantity", jsonw_real(r->mat[i].quantity));
		jsonw_set(l, "unit", jsonw_str(r->mat[i].unit));
		jsonw_set(l, "cost", report_cost_json(r->mat[i].has_cost, r->mat[i].cost_vnd));
		jsonw_push(a, l);
	}
	jsonw_set(o, "material", a);
	return o;
}

/*
 * The lines array key of body: its length in *n and the array (NULL when
 * absent or null).  Another type adds an error on key.
 */
static json_t *
report_lines(json_t *body, const char *key, int *n, struct wf_errors *errs)
{
	json_t *a = json_object_get(body, key);
	*n = 0;
	if (a == NULL || json_is_null(a))
		return NULL;
	if (!json_is_array(a)) {
		wf_errors_add_id(errs, MSG_VAL_NOT_ARRAY, "%s", key);
		return NULL;
	}
	*n = (int)json_array_size(a);
	return a;
}

/*
 * Line i of array a; a line that is not an object gets an error and reads
 * as empty (NULL: api_text finds no members in it).
 */
static const json_t *
report_line(json_t *a, int i, const char *key, struct wf_errors *errs)
{
	const json_t *l = json_array_get(a, (size_t)i);
	if (json_is_object(l))
		return l;
	wf_errors_add_id(errs, MSG_VAL_NOT_OBJECT, "%s[%d]", key, i);
	return NULL;
}

/*
 * Reads the content members of body into input (a struct report_input,
 * arena strings), adding type errors to errs.
 */
static void
report_input_read(struct http_request *req, json_t *body, void *input, struct wf_errors *errs)
{
	struct report_input *in = input;
	for (int k = 0; k < REPORT_CP__MAX; k++)
		in->cp[k] = api_text(req, body, cp_names[k], errs, NULL);
	json_t *a = report_lines(body, "output", &in->nout, errs);
	struct report_output_in *out = arena_alloc(&req->arena, sizeof(*out) * (in->nout + 1));
	for (int i = 0; i < in->nout; i++) {
		const json_t *l = report_line(a, i, "output", errs);
		out[i].product = api_text(req, l, "product", errs, "output[%d].product", i);
		out[i].quantity = api_text(req, l, "quantity", errs, "output[%d].quantity", i);
		out[i].unit = api_text(req, l, "unit", errs, "output[%d].unit", i);
	}
	in->out = out;
	a = report_lines(body, "energy", &in->nenergy, errs);
	struct report_energy_in *en = arena_alloc(&req->arena, sizeof(*en) * (in->nenergy + 1));
	for (int i = 0; i < in->nenergy; i++) {
		const json_t *l = report_line(a, i, "energy", errs);
		en[i].carrier = api_text(req, l, "carrier", errs, "energy[%d].carrier", i);
		en[i].quantity = api_text(req, l, "quantity", errs, "energy[%d].quantity", i);
		en[i].unit = api_text(req, l, "unit", errs, "energy[%d].unit", i);
		en[i].month = api_text(req, l, "month", errs, "energy[%d].month", i);
		en[i].product = api_text(req, l, "product", errs, "energy[%d].product", i);
		en[i].cost = api_text(req, l, "cost", errs, "energy[%d].cost", i);
	}
	in->energy = en;
	a = report_lines(body, "water", &in->nwater, errs);
	struct report_water_in *w = arena_alloc(&req->arena, sizeof(*w) * (in->nwater + 1));
	for (int i = 0; i < in->nwater; i++) {
		const json_t *l = report_line(a, i, "water", errs);
		w[i].source = api_text(req, l, "source", errs, "water[%d].source", i);
		w[i].quantity_m3 =
		    api_text(req, l, "quantity_m3", errs, "water[%d].quantity_m3", i);
		w[i].cost = api_text(req, l, "cost", errs, "water[%d].cost", i);
	}
	in->water = w;
	a = report_lines(body, "material", &in->nmat, errs);
	struct report_material_in *m = arena_alloc(&req->arena, sizeof(*m) * (in->nmat + 1));
	for (int i = 0; i < in->nmat; i++) {
		const json_t *l = report_line(a, i, "material", errs);
		m[i].name = api_text(req, l, "name", errs, "material[%d].name", i);
		m[i].quantity = api_text(req, l, "quantity", errs, "material[%d].quantity", i);
		m[i].unit = api_text(req, l, "unit", errs, "material[%d].unit", i);
		m[i].cost = api_text(req, l, "cost", errs, "material[%d].cost", i);
	}
	in->mat = m;
}

static json_t *
report_doc_json(const void *doc)
{
	return report_doc(doc);
}

static const struct api_doc reports = {
    .kind = &report_kind,
    .path = "/api/v1/reports/",
    .in_size = sizeof(struct report_input),
    .read = report_input_read,
    .doc = report_doc_json,
};

int
api_reports(struct http_request *req, struct http_response *resp)
{
	return api_doc_list(req, resp, &reports);
}

int
api_report(struct http_request *req, struct http_response *resp)
{
	return api_doc_item(req, resp, &reports);
}
