/*
 * CP assessments through the API (model/assess/assessment.h):
 *   GET  /api/v1/assessments              the caller's assessments (state, year,
 *                                         pilot, facility_id; page, per_page)
 *   POST /api/v1/assessments              open one {facility_id, started_on, title,
 *                                         pilot, funding, funding_note, focus, period,
 *                                         tolerance_pct, weight_tech, weight_fin,
 *                                         weight_env} (province staff): 201, Location
 *   GET  /api/v1/assessments/{id}         one with its team, tasks, step and version
 *   PUT  /api/v1/assessments/{id}         replace the details {version, ...}
 *   POST /api/v1/assessments/{id}/{move}  start|submit|return|accept|reopen|sustain
 *                                         {version, note}
 * An assessment outside the caller's scope is 404.  Field names in bodies
 * and in errors[] are the model's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "model/assess/assessment.h"
#include "util/arena.h"

#define PREFIX "/api/v1/assessments/"

static json_t *
assessment_doc(struct http_request *req, struct db *db, const struct assessment *a, int *rc)
{
	struct assess_ref r;
	struct assess_task tasks[ASSESS_TASKS];
	struct assess_member *team;
	int nteam;
	*rc = assess_open(db, req->who, a->doc.id, 0, ASSESS_READ, &r);
	if (*rc == ST_OK)
		*rc = assess_tasks(db, &r, &req->arena, tasks);
	if (*rc == ST_OK)
		*rc = assess_team(db, &r, &req->arena, &team, &nteam);
	if (*rc != ST_OK)
		return NULL;
	struct assess_progress p;
	assess_progress_of(tasks, &p);
	json_t *o = jsonw_obj();
	jsonw_set(o, "id", jsonw_int(a->doc.id));
	jsonw_set(o, "facility_id", jsonw_int(a->doc.facility_id));
	jsonw_set(o, "year", jsonw_int(a->doc.year));
	jsonw_set(o, "state", jsonw_str(names_state[a->doc.state].code));
	jsonw_set(o, "version", jsonw_int(a->doc.version));
	jsonw_set(o, "title", jsonw_str(a->title));
	jsonw_set(o, "pilot", jsonw_bool(a->pilot));
	jsonw_set(o, "funding", jsonw_str(names_funding[a->funding].code));
	jsonw_set(o, "funding_note", jsonw_str(a->funding_note));
	jsonw_set(o, "started_on", jsonw_str(a->started_on));
	jsonw_set(o, "focus", jsonw_str(a->focus));
	jsonw_set(o, "period", jsonw_str(names_period[a->period].code));
	jsonw_set(o, "tolerance_pct", jsonw_real(a->tolerance_pct));
	jsonw_set(o, "weight_tech", jsonw_real(a->weight[ASSESS_TECH]));
	jsonw_set(o, "weight_fin", jsonw_real(a->weight[ASSESS_FIN]));
	jsonw_set(o, "weight_env", jsonw_real(a->weight[ASSESS_ENV]));
	jsonw_set(o, "submitted_on", api_str_or_null(a->doc.submitted_on));
	jsonw_set(o, "accepted_on", api_str_or_null(a->accepted_on));
	jsonw_set(o, "review_note", api_str_or_null(a->doc.review_note));
	jsonw_set(o, "step", jsonw_int(p.step));
	jsonw_set(o, "tasks_done", jsonw_int(p.done));
	json_t *arr = jsonw_arr();
	for (int i = 0; i < nteam; i++) {
		const struct assess_member *m = &team[i];
		json_t *x = jsonw_obj();
		jsonw_set(x, "id", jsonw_int(m->id));
		jsonw_set(x, "name", jsonw_str(m->name));
		jsonw_set(x, "team_role", jsonw_str(names_team_role[m->team_role].code));
		jsonw_set(x, "position", jsonw_str(m->position));
		jsonw_set(x, "organisation", jsonw_str(m->organisation));
		jsonw_set(x, "contact", jsonw_str(m->contact));
		jsonw_set(x, "user", api_str_or_null(m->user_email));
		jsonw_push(arr, x);
	}
	jsonw_set(o, "team", arr);
	arr = jsonw_arr();
	for (int i = 0; i < ASSESS_TASKS; i++) {
		const struct assess_task *t = &tasks[i];
		json_t *x = jsonw_obj();
		jsonw_set(x, "task", jsonw_int(t->task));
		jsonw_set(x, "step", jsonw_int(assess_task_defs[i].step));
		jsonw_set(x, "state", jsonw_str(names_task_state[t->state].code));
		jsonw_set(x, "responsible", jsonw_str(t->responsible));
		jsonw_set(x, "notes", jsonw_str(t->notes));
		jsonw_set(x, "due_on", api_str_or_null(t->due_on));
		jsonw_set(x, "files", jsonw_int(t->nfiles));
		jsonw_push(arr, x);
	}
	jsonw_set(o, "tasks", arr);
	return o;
}

static int
answer(struct http_request *req, struct http_response *resp, struct db *db, int64_t id, int status)
{
	struct assessment a;
	int rc = assessment_get(db, req->who, id, &a);
	json_t *j = rc == ST_OK ? assessment_doc(req, db, &a, &rc) : NULL;
	if (j == NULL)
		return api_wf_fail(req, resp, rc, NULL);
	return api_send(resp, status, j);
}

static void
input_read(struct http_request *req, json_t *body, struct assessment_input *in,
	   struct wf_errors *errs)
{
	in->title = api_text(req, body, "title", errs, NULL);
	in->pilot = api_text(req, body, "pilot", errs, NULL);
	in->funding = api_text(req, body, "funding", errs, NULL);
	in->funding_note = api_text(req, body, "funding_note", errs, NULL);
	in->started_on = api_text(req, body, "started_on", errs, NULL);
	in->focus = api_text(req, body, "focus", errs, NULL);
	in->period = api_text(req, body, "period", errs, NULL);
	in->tolerance_pct = api_text(req, body, "tolerance_pct", errs, NULL);
	in->weight_tech = api_text(req, body, "weight_tech", errs, NULL);
	in->weight_fin = api_text(req, body, "weight_fin", errs, NULL);
	in->weight_env = api_text(req, body, "weight_env", errs, NULL);
}

static int
list(struct http_request *req, struct http_response *resp, struct db *db)
{
	struct api_page p;
	int64_t year = 0, fid = 0, pilot = -1;
	if (api_page_read(req, resp, &p) < 0 ||
	    api_param_int(req, resp, "year", 1990, 2100, &year) < 0 ||
	    api_param_int(req, resp, "facility_id", 1, INT64_MAX, &fid) < 0 ||
	    api_param_int(req, resp, "pilot", 0, 1, &pilot) < 0)
		return 0;
	struct assess_filter f = {.state = -1,
				  .year = (int)year,
				  .pilot = (int)pilot,
				  .facility_id = fid,
				  .limit = p.per_page,
				  .offset = (p.page - 1) * p.per_page};
	const char *s = http_param(req, "state");
	if (s != NULL && s[0] != '\0') {
		f.state = names_index(names_state, WF_STATE__MAX, s);
		if (f.state < 0 || f.state == WF_FORWARDED) {
			api_problem(req, resp, 400, "Tham số state không hợp lệ",
				    "Invalid parameter state");
			return 0;
		}
	}
	struct assess_item *v;
	int n;
	long total;
	if (assess_list(db, req->who, &f, &req->arena, &v, &n, &total) != ST_OK)
		return -1;
	json_t *doc = jsonw_obj();
	json_t *arr = jsonw_arr();
	for (int i = 0; i < n; i++) {
		const struct assess_item *x = &v[i];
		json_t *o = jsonw_obj();
		jsonw_set(o, "id", jsonw_int(x->id));
		jsonw_set(o, "facility_id", jsonw_int(x->facility_id));
		jsonw_set(o, "facility_code", jsonw_str(x->facility_code));
		jsonw_set(o, "facility_name", jsonw_str(x->facility_name));
		jsonw_set(o, "year", jsonw_int(x->year));
		jsonw_set(o, "title", jsonw_str(x->title));
		jsonw_set(o, "started_on", jsonw_str(x->started_on));
		jsonw_set(o, "pilot", jsonw_bool(x->pilot));
		jsonw_set(o, "state", jsonw_str(names_state[x->state].code));
		jsonw_set(o, "version", jsonw_int(x->version));
		jsonw_set(o, "step", jsonw_int(x->step));
		jsonw_set(o, "tasks_done", jsonw_int(x->done));
		jsonw_set(o, "options", jsonw_int(x->options));
		jsonw_set(o, "implemented", jsonw_int(x->implemented));
		jsonw_push(arr, o);
	}
	jsonw_set(doc, "items", arr);
	api_page_meta(req, doc, &p, total);
	return api_send(resp, 200, doc);
}

/* create (id 0), update (action -1) or a move. */
static int
write_one(struct http_request *req, struct http_response *resp, struct db *db, int64_t id,
	  int action)
{
	json_t *body = api_body(req, resp);
	if (body == NULL)
		return 0;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t fid = 0, version = 0;
	struct assessment_input in;
	memset(&in, 0, sizeof(in));
	const char *note = NULL;
	if (id == 0)
		api_int_member(body, "facility_id", &fid, &errs);
	else
		api_int_member(body, "version", &version, &errs);
	if (action >= 0)
		note = api_text(req, body, "note", &errs, NULL);
	else
		input_read(req, body, &in, &errs);
	int rc = ST_INVALID, ret;
	if (errs.n == 0) {
		if (id == 0)
			rc = assessment_create(db, req->who, fid, &in, &id, &errs);
		else if (action < 0)
			rc = assessment_update(db, req->who, id, version, &in, &errs);
		else
			rc = assessment_transition(db, req->who, id, (enum wf_action)action,
						   version, note, &errs);
	}
	if (rc != ST_OK) {
		ret = api_wf_fail(req, resp, rc, &errs);
	} else {
		if (fid != 0)
			http_response_header(
			    resp, "Location",
			    arena_printf(&req->arena, "%s%lld", PREFIX, (long long)id));
		ret = answer(req, resp, db, id, fid != 0 ? 201 : 200);
	}
	json_decref(body);
	return ret;
}

int
api_assessments(struct http_request *req, struct http_response *resp)
{
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	if (req->method == HTTP_POST)
		return write_one(req, resp, db, 0, -1);
	return list(req, resp, db);
}

int
api_assessment(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	const char *rest;
	if (api_path_id(req, resp, PREFIX, &id, &rest) < 0)
		return 0;
	int action = api_action_route(req, resp, rest);
	if (action == API_ACTION_ANSWERED)
		return 0;
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	if (action >= 0 || req->method == HTTP_PUT)
		return write_one(req, resp, db, id, action);
	return answer(req, resp, db, id, 200);
}
