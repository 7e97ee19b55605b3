/*
 * The API of every workflow document kind (see struct api_doc in
 * api_int.h), written once on the document core (model/doc/doc.h):
 *   GET  PREFIX                 the caller's review list of the kind (queue)
 *   POST PREFIX                 create a draft {facility_id, year, ...content}
 *   GET  PREFIX/{id}            one document
 *   PUT  PREFIX/{id}            replace the content {version, ...content}
 *   POST PREFIX/{id}/{action}   submit|forward|return|accept|reopen {version, note}
 * A kind supplies only how its content members are read and written.
 */
#include <stdint.h>
#include <string.h>

#include "api/api_int.h"

/* Answers status with document id as the caller now sees it. */
static int
doc_answer(struct http_request *req, struct http_response *resp, struct db *db,
	   const struct api_doc *ad, int64_t id, int status)
{
	void *d;
	int rc = doc_get(db, ad->kind, req->who, id, &d);
	if (rc != ST_OK)
		return api_wf_fail(req, resp, rc, NULL);
	json_t *j = ad->doc(d);
	doc_free(ad->kind, d);
	if (api_doc_attachments(req, db, ad->kind->kind, id, j) < 0) {
		json_decref(j);
		return -1;
	}
	return api_send(resp, status, j);
}

/* One write: create (id 0), update (action -1) or a transition. */
static int
doc_write(struct http_request *req, struct http_response *resp, struct db *db,
	  const struct api_doc *ad, int64_t id, int action)
{
	json_t *body = api_body(req, resp);
	if (body == NULL)
		return 0;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t fid = 0, year = 0, version = 0;
	void *in = arena_alloc(&req->arena, ad->in_size);
	memset(in, 0, ad->in_size);
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
		ad->read(req, body, in, &errs);
	int rc = ST_INVALID, ret;
	if (errs.n == 0) {
		if (id == 0)
			rc = doc_create(db, ad->kind, req->who, fid, (int)year, in, &id, &errs);
		else if (action < 0)
			rc = doc_update(db, ad->kind, req->who, id, version, in, &errs);
		else
			rc = doc_transition(db, ad->kind, req->who, id, (enum wf_action)action,
					    version, note, &errs);
	}
	if (rc != ST_OK) {
		ret = api_wf_fail(req, resp, rc, &errs);
		goto out;
	}
	int created = fid != 0;
	if (created)
		http_response_header(resp, "Location",
				     arena_printf(&req->arena, "%s%lld", ad->path, (long long)id));
	ret = doc_answer(req, resp, db, ad, id, created ? 201 : 200);
out:
	json_decref(body);
	return ret;
}

int
api_doc_list(struct http_request *req, struct http_response *resp, const struct api_doc *ad)
{
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	if (req->method == HTTP_POST)
		return doc_write(req, resp, db, ad, 0, -1);
	return api_queue(req, resp, db, ad->kind->kind);
}

int
api_doc_item(struct http_request *req, struct http_response *resp, const struct api_doc *ad)
{
	int64_t id;
	const char *rest;
	if (api_path_id(req, resp, ad->path, &id, &rest) < 0)
		return 0;
	int action = api_action_route(req, resp, rest);
	if (action == API_ACTION_ANSWERED)
		return 0;
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	if (action >= 0 || req->method == HTTP_PUT)
		return doc_write(req, resp, db, ad, id, action);
	return doc_answer(req, resp, db, ad, id, 200);
}
