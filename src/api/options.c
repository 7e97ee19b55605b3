/*
 * The CP options of an assessment through the API (model/assess/option.h):
 *   GET    /api/v1/assessments/{id}/options   the options with their feasibility
 *   POST   /api/v1/assessments/{id}/options   add one (201, Location)
 *   GET    /api/v1/options/{id}               one option
 *   PATCH  /api/v1/options/{id}               merge inputs and/or {status,
 *                                             implemented_on, actual_cost};
 *                                             version as "version" or If-Match
 *   DELETE /api/v1/options/{id}               version as If-Match or ?version=
 * Amounts are plain numbers (VND, years, fractions: a discount rate of 10 %
 * is 0.1); computed members are null when the inputs give no cash flows.
 * Field names in errors[] are the model's ("effects[0].qty"), so a 422
 * points at the member that caused it; a stale version is 409.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "model/assess/option.h"
#include "util/fmt.h"

/* A number, or null when not finite (NAN: not given or none). */
static json_t *
num_json(double v)
{
	return isfinite(v) ? jsonw_real(v) : json_null();
}

static json_t *
option_doc(const struct cp_option *o)
{
	json_t *j = jsonw_obj();
	jsonw_set(j, "id", jsonw_int(o->id));
	jsonw_set(j, "assessment_id", jsonw_int(o->assessment_id));
	jsonw_set(j, "seq", jsonw_int(o->seq));
	jsonw_set(j, "version", jsonw_int(o->version));
	jsonw_set(j, "title", jsonw_str(o->title));
	jsonw_set(j, "description", jsonw_str(o->description));
	jsonw_set(j, "waste_item_id", o->waste_item_id ? jsonw_int(o->waste_item_id) : json_null());
	jsonw_set(j, "cause_id", o->cause_id ? jsonw_int(o->cause_id) : json_null());
	jsonw_set(j, "kind", jsonw_str(names_option_kind[o->kind].code));
	jsonw_set(j, "offsite", jsonw_bool(o->offsite));
	jsonw_set(j, "triage", jsonw_str(names_triage[o->triage].code));
	jsonw_set(j, "reject_reason", jsonw_str(o->reject_reason));
	jsonw_set(j, "status", jsonw_str(names_option_status[o->status].code));
	jsonw_set(j, "implemented_on", api_str_or_null(o->implemented_on));
	jsonw_set(j, "actual_cost", num_json(o->actual_cost));
	jsonw_set(j, "capex", jsonw_real(o->capex));
	json_t *fl = json_null();
	if (o->has_flows) {
		fl = jsonw_arr();
		for (int i = 0; i < o->nflows; i++)
			jsonw_push(fl, jsonw_real(o->cash_flows[i]));
	}
	jsonw_set(j, "cash_flows", fl);
	jsonw_set(j, "annual_saving", num_json(o->annual_saving));
	jsonw_set(j, "life_years", o->life_years > 0 ? jsonw_int(o->life_years) : json_null());
	jsonw_set(j, "discount_rate", jsonw_real(o->discount_rate));
	jsonw_set(j, "opcost_change", num_json(o->opcost_change));
	jsonw_set(j, "score_tech", num_json(o->score[FIN_CRIT_TECHNICAL]));
	jsonw_set(j, "score_fin", num_json(o->score[FIN_CRIT_FINANCIAL]));
	jsonw_set(j, "score_env", num_json(o->score[FIN_CRIT_ENVIRONMENTAL]));
	json_t *ef = jsonw_arr();
	for (int i = 0; i < o->neffects; i++) {
		const struct cp_effect *e = &o->effects[i];
		json_t *x = jsonw_obj();
		jsonw_set(x, "stream", jsonw_str(names_stream[e->stream].code));
		jsonw_set(x, "carrier", e->carrier ? jsonw_str(e->carrier) : json_null());
		jsonw_set(x, "name", jsonw_str(e->name ? e->name : ""));
		jsonw_set(x, "qty", jsonw_real(e->qty));
		jsonw_set(x, "unit", jsonw_str(e->unit));
		jsonw_set(x, "toe", num_json(e->toe));
		jsonw_set(x, "co2_t", num_json(e->co2_t));
		jsonw_push(ef, x);
	}
	jsonw_set(j, "effects", ef);
	/* computed */
	const struct fin_result *f = &o->fin;
	jsonw_set(j, "simple_payback", o->fin_ok ? num_json(f->simple_payback) : json_null());
	jsonw_set(j, "discounted_payback",
		  o->fin_ok ? num_json(f->discounted_payback) : json_null());
	jsonw_set(j, "npv", o->fin_ok ? num_json(f->npv) : json_null());
	jsonw_set(j, "irr", o->fin_ok ? num_json(f->irr) : json_null());
	jsonw_set(j, "irr_status",
		  o->fin_ok ? jsonw_str(fin_irr_status_code(f->irr_status)) : json_null());
	json_t *roots = jsonw_arr();
	for (int i = 0; o->fin_ok && i < f->nroots && i < FIN_IRR_ROOTS_MAX; i++)
		jsonw_push(roots, num_json(f->roots[i]));
	jsonw_set(j, "irr_roots", roots);
	jsonw_set(j, "weighted_score", num_json(o->weighted_score));
	jsonw_set(j, "toe", num_json(o->toe));
	jsonw_set(j, "co2_t", num_json(o->co2_t));
	jsonw_set(j, "factor_year", jsonw_int(o->factor_year));
	return j;
}

/* The input members of option_input, in order, with their offsets. */
static const struct {
	const char *key;
	size_t off;
} in_members[] = {
#define IN(k)                                                                                      \
	{                                                                                          \
#k, offsetof(struct cp_option_input, k)                                            \
	}
    IN(title),	       IN(description),	  IN(waste_item_id), IN(cause_id),
    IN(kind),	       IN(offsite),	  IN(triage),	     IN(reject_reason),
    IN(capex),	       IN(annual_saving), IN(life_years),    IN(discount_rate),
    IN(opcost_change), IN(score_tech),	  IN(score_fin),     IN(score_env),
#undef IN
};
#define IN_MEMBERS ((int)(sizeof(in_members) / sizeof(in_members[0])))

static const char **
in_slot(struct cp_option_input *in, int i)
{
	return (const char **)((char *)in + in_members[i].off);
}

/*
 * Reads the members of body present into in (others left as they are):
 * strings as typed, cash_flows an array of numbers (or null, or a string
 * of amounts), effects an array of objects.  Returns how many input
 * members were present; type errors go to errs.
 */
static int
option_input_read(struct http_request *req, json_t *body, struct cp_option_input *in,
		  struct wf_errors *errs)
{
	int present = 0;
	for (int i = 0; i < IN_MEMBERS; i++) {
		if (json_object_get(body, in_members[i].key) == NULL)
			continue;
		present++;
		*in_slot(in, i) = api_text(req, body, in_members[i].key, errs, NULL);
	}
	json_t *cf = json_object_get(body, "cash_flows");
	if (cf != NULL) {
		present++;
		in->cash_flows = NULL;
		if (json_is_array(cf)) {
			struct buf b;
			buf_init(&b, 4096);
			for (size_t k = 0; k < json_array_size(cf); k++) {
				json_t *v = json_array_get(cf, k);
				char num[32];
				if (!json_is_number(v)) {
					wf_errors_add_id(errs, MSG_VAL_WRONG_TYPE, "cash_flows[%d]",
							 (int)k);
					continue;
				}
				buf_printf(&b, "%s%s", k ? ";" : "",
					   fmt_exact(num, sizeof(num), json_number_value(v)));
			}
			in->cash_flows = arena_strdup(&req->arena, buf_str(&b));
			if (b.overflow)
				in->cash_flows = "?"; /* too many: the model names the field */
			buf_free(&b);
		} else if (!json_is_null(cf)) {
			in->cash_flows = api_text(req, body, "cash_flows", errs, NULL);
		}
	}
	json_t *ef = json_object_get(body, "effects");
	if (ef != NULL) {
		present++;
		in->neffects = 0;
		if (json_is_array(ef)) {
			int n = (int)json_array_size(ef);
			/* one more than the model takes is enough for it to refuse */
			if (n > OPTION_EFFECTS_MAX) {
				wf_errors_add_id(errs, MSG_VAL_NOT_ARRAY, "effects");
				n = 0;
			}
			for (int k = 0; k < n; k++) {
				const json_t *l = json_array_get(ef, (size_t)k);
				struct cp_effect_input *e = &in->effects[k];
				if (!json_is_object(l)) {
					wf_errors_add_id(errs, MSG_VAL_NOT_OBJECT, "effects[%d]",
							 k);
					continue;
				}
				e->stream =
				    api_text(req, l, "stream", errs, "effects[%d].stream", k);
				e->carrier =
				    api_text(req, l, "carrier", errs, "effects[%d].carrier", k);
				e->name = api_text(req, l, "name", errs, "effects[%d].name", k);
				e->qty = api_text(req, l, "qty", errs, "effects[%d].qty", k);
				e->unit = api_text(req, l, "unit", errs, "effects[%d].unit", k);
			}
			in->neffects = n;
		} else if (!json_is_null(ef)) {
			wf_errors_add_id(errs, MSG_VAL_NOT_ARRAY, "effects");
		}
	}
	return present;
}

/* A number as the model reads it; NULL for NAN. */
static const char *
exact_or_null(struct http_request *req, double v)
{
	char num[32];
	return isfinite(v) ? arena_strdup(&req->arena, fmt_exact(num, sizeof(num), v)) : NULL;
}

/* o's stored inputs as the model's input, the base a PATCH merges into. */
static void
option_input_of(struct http_request *req, const struct cp_option *o, struct cp_option_input *in)
{
	memset(in, 0, sizeof(*in));
	in->title = o->title;
	in->description = o->description;
	in->waste_item_id = o->waste_item_id
				? arena_printf(&req->arena, "%lld", (long long)o->waste_item_id)
				: NULL;
	in->cause_id =
	    o->cause_id ? arena_printf(&req->arena, "%lld", (long long)o->cause_id) : NULL;
	in->kind = names_option_kind[o->kind].code;
	in->offsite = o->offsite ? "1" : "0";
	in->triage = names_triage[o->triage].code;
	in->reject_reason = o->reject_reason;
	in->capex = exact_or_null(req, o->capex);
	if (o->has_flows) {
		struct buf b;
		buf_init(&b, 4096);
		for (int i = 0; i < o->nflows; i++) {
			char num[32];
			buf_printf(&b, "%s%s", i ? ";" : "",
				   fmt_exact(num, sizeof(num), o->cash_flows[i]));
		}
		in->cash_flows = arena_strdup(&req->arena, buf_str(&b));
		buf_free(&b);
	}
	in->annual_saving = exact_or_null(req, o->annual_saving);
	in->life_years = o->life_years > 0 ? arena_printf(&req->arena, "%d", o->life_years) : NULL;
	in->discount_rate = exact_or_null(req, o->discount_rate);
	in->opcost_change = exact_or_null(req, o->opcost_change);
	in->score_tech = exact_or_null(req, o->score[FIN_CRIT_TECHNICAL]);
	in->score_fin = exact_or_null(req, o->score[FIN_CRIT_FINANCIAL]);
	in->score_env = exact_or_null(req, o->score[FIN_CRIT_ENVIRONMENTAL]);
	in->neffects = o->neffects;
	for (int i = 0; i < o->neffects; i++) {
		const struct cp_effect *e = &o->effects[i];
		in->effects[i].stream = names_stream[e->stream].code;
		in->effects[i].carrier = e->carrier;
		in->effects[i].name = e->name;
		in->effects[i].qty = exact_or_null(req, e->qty);
		in->effects[i].unit = e->unit;
	}
}

/* Answers status with option id as the caller now sees it. */
static int
option_answer(struct http_request *req, struct http_response *resp, struct db *db, int64_t id,
	      int status)
{
	struct cp_option o;
	int rc = option_get(db, req->who, id, &req->arena, &o);
	if (rc != ST_OK)
		return api_wf_fail(req, resp, rc, NULL);
	return api_send(resp, status, option_doc(&o));
}

int
api_assess_options(struct http_request *req, struct http_response *resp)
{
	int64_t aid;
	if (http_path_ids(req->path, &aid, 1) != 1) {
		api_problem(req, resp, 404, "Không tìm thấy", "Not found");
		return 0;
	}
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	if (req->method != HTTP_POST) {
		struct cp_option *v;
		int n;
		int rc = option_list(db, req->who, aid, &req->arena, &v, &n);
		if (rc != ST_OK)
			return api_wf_fail(req, resp, rc, NULL);
		json_t *doc = jsonw_obj(), *items = jsonw_arr();
		jsonw_set(doc, "assessment_id", jsonw_int(aid));
		for (int i = 0; i < n; i++)
			jsonw_push(items, option_doc(&v[i]));
		jsonw_set(doc, "items", items);
		jsonw_set(doc, "total", jsonw_int(n));
		return api_send(resp, 200, doc);
	}
	json_t *body = api_body(req, resp);
	if (body == NULL)
		return 0;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct cp_option_input *in = arena_alloc(&req->arena, sizeof(*in));
	memset(in, 0, sizeof(*in));
	option_input_read(req, body, in, &errs);
	int64_t id = 0;
	int rc = errs.n == 0 ? option_create(db, req->who, aid, 0, in, &id, &errs) : ST_INVALID;
	json_decref(body);
	if (rc != ST_OK)
		return api_wf_fail(req, resp, rc, &errs);
	http_response_header(resp, "Location",
			     arena_printf(&req->arena, "/api/v1/options/%lld", (long long)id));
	return option_answer(req, resp, db, id, 201);
}

/*
 * The version of a write: the If-Match header ("3", "\"3\"" or W/"3"),
 * else the query's version, else member "version" of body (may be NULL).
 * 0 when absent (adds an error on "version"); -1 when malformed (too).
 */
static int64_t
write_version(struct http_request *req, const json_t *body, struct wf_errors *errs)
{
	const char *s = req->if_match;
	if (s == NULL)
		s = http_param(req, "version");
	if (s != NULL) {
		if (strncmp(s, "W/", 2) == 0)
			s += 2;
		size_t n = strlen(s);
		if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
			s = arena_printf(&req->arena, "%.*s", (int)n - 2, s + 1);
		int64_t v;
		if (parse_int64(s, &v) == 0 && v > 0)
			return v;
		wf_errors_add_id(errs, MSG_VAL_WRONG_TYPE, "version");
		return -1;
	}
	int64_t v = 0;
	json_t *none = body == NULL ? json_object() : NULL;
	int rc = api_int_member(body != NULL ? body : none, "version", &v, errs);
	json_decref(none);
	return rc < 0 ? 0 : v;
}

static int
option_patch(struct http_request *req, struct http_response *resp, struct db *db, int64_t id)
{
	json_t *body = api_body(req, resp);
	if (body == NULL)
		return 0;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int ret;
	struct cp_option cur;
	int rc = option_get(db, req->who, id, &req->arena, &cur);
	if (rc != ST_OK) {
		ret = api_wf_fail(req, resp, rc, NULL);
		goto out;
	}
	int64_t version = write_version(req, body, &errs);
	struct cp_option_input *in = arena_alloc(&req->arena, sizeof(*in));
	option_input_of(req, &cur, in);
	int content = option_input_read(req, body, in, &errs);
	const char *status = api_text(req, body, "status", &errs, NULL);
	const char *impl_on = api_text(req, body, "implemented_on", &errs, NULL);
	const char *actual = api_text(req, body, "actual_cost", &errs, NULL);
	int track = json_object_get(body, "status") != NULL ||
		    json_object_get(body, "implemented_on") != NULL ||
		    json_object_get(body, "actual_cost") != NULL;
	rc = errs.n == 0 ? ST_OK : ST_INVALID;
	/* the content first, then the implementation with the version it made */
	if (rc == ST_OK && content > 0 &&
	    (rc = option_update(db, req->who, id, version, in, &errs)) == ST_OK)
		version++;
	if (rc == ST_OK && track) {
		if (status == NULL) /* a date or cost alone keeps the status */
			status = names_option_status[cur.status].code;
		rc = option_set_status(db, req->who, id, version, status, impl_on, actual, &errs);
	}
	if (rc == ST_OK && content == 0 && !track && cur.version != version)
		rc = ST_CONFLICT; /* nothing to change, but the version must still hold */
	ret =
	    rc == ST_OK ? option_answer(req, resp, db, id, 200) : api_wf_fail(req, resp, rc, &errs);
out:
	json_decref(body);
	return ret;
}

int
api_option(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (http_path_ids(req->path, &id, 1) != 1) {
		api_problem(req, resp, 404, "Không tìm thấy", "Not found");
		return 0;
	}
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	if (req->method == HTTP_PATCH)
		return option_patch(req, resp, db, id);
	if (req->method == HTTP_DELETE) {
		struct wf_errors errs;
		wf_errors_clear(&errs);
		int64_t version = write_version(req, NULL, &errs);
		int rc = errs.n == 0 ? option_delete(db, req->who, id, version) : ST_INVALID;
		if (rc != ST_OK)
			return api_wf_fail(req, resp, rc, &errs);
		resp->status = 204;
		http_response_header(resp, "Cache-Control", "no-store");
		return 0;
	}
	return option_answer(req, resp, db, id, 200);
}
