/*
 * Helpers the API handlers share (api.c): sending a document, problem
 * answers for workflow results, the JSON request body, pagination and ids
 * in paths.  Private to src/api/.
 */
#ifndef SXSH_API_API_INT_H
#define SXSH_API_API_INT_H

#include <stdint.h>

#include "api/api.h"
#include "model/doc/doc.h"
#include "model/doc/workflow.h"

struct db;
#include "render/json.h"

#define API_PER_PAGE_DEFAULT 50
#define API_PER_PAGE_MAX     200
#define API_JSON_DEPTH_MAX   8 /* nesting of a request body */

/*
 * Answers status with the JSON document doc (taking its reference), marked
 * Cache-Control: no-store (every API answer, problems included, is sent
 * through here).  Returns 0, or -1 when the document did not fit the
 * response.
 */
int api_send(struct http_response *resp, int status, json_t *doc);

/*
 * Answers a workflow result that is not ST_OK: 404 ST_NOTFOUND, 403
 * ST_FORBIDDEN, 409 ST_STATE / ST_CONFLICT / ST_EXISTS, 422 ST_INVALID
 * (with errors[] from errs, which may be NULL otherwise).  Returns 0, or -1
 * for ST_ERR (the router answers 500; the cause was logged by the model).
 */
int api_wf_fail(struct http_request *req, struct http_response *resp, int rc,
		const struct wf_errors *errs);

/*
 * Parses the body of req as a JSON object: Content-Type application/json
 * (else 415), well-formed (else 400), at most API_JSON_DEPTH_MAX deep and
 * an object (else 400).  Returns the object (caller decrefs), or NULL after
 * answering resp with the problem.
 */
json_t *api_body(struct http_request *req, struct http_response *resp);

/*
 * The text of member key of o as the model's "as typed" input: a string as
 * is, an integer or real printed with '.' decimals, true "1", false "0",
 * null or absent NULL (arena strings).  Another type adds an error on field
 * (printf-formatted as field_fmt, key when NULL) and gives NULL.
 */
const char *api_text(struct http_request *req, const json_t *o, const char *key,
		     struct wf_errors *errs, const char *field_fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Pagination read from ?page= and ?per_page=. */
struct api_page {
	int page, per_page;
};

/*
 * Reads page (default 1, >= 1) and per_page (default API_PER_PAGE_DEFAULT,
 * 1..API_PER_PAGE_MAX).  Returns 0, or -1 after answering 400.
 */
int api_page_read(struct http_request *req, struct http_response *resp, struct api_page *p);

/*
 * Adds "page", "per_page", "total" and "links" {self, first, last, next,
 * prev (null at the ends)} to doc; the links repeat the request's other
 * query parameters.
 */
void api_page_meta(struct http_request *req, json_t *doc, const struct api_page *p, long total);

/*
 * Reads an optional integer query parameter name within [min, max] into
 * *out (left alone when absent).  Returns 0, or -1 after answering 400.
 */
int api_param_int(struct http_request *req, struct http_response *resp, const char *name,
		  int64_t min, int64_t max, int64_t *out);

/*
 * Splits req->path after prefix ("/api/v1/reports/") into a positive id
 * and the rest ("" or "submit").  Returns 0, or -1 after answering 404.
 */
int api_path_id(struct http_request *req, struct http_response *resp, const char *prefix,
		int64_t *id, const char **rest);

/* The request's database connection; NULL after answering (-1 for the caller). */
struct db *api_db(struct http_request *req);

/*
 * The required integer member key of o into *out.  Returns 0, or -1 after
 * adding an error on key to errs.
 */
int api_int_member(const json_t *o, const char *key, int64_t *out, struct wf_errors *errs);

#define API_ACTION_ANSWERED (-2)
/*
 * The workflow action named by rest, the path after an object's id: -1 for
 * "" (the object itself), else an enum wf_action other than WF_EDIT for a
 * POST; API_ACTION_ANSWERED after answering 404 (unknown action) or 405.
 */
int api_action_route(struct http_request *req, struct http_response *resp, const char *rest);

/*
 * GET list of reports or registrations (kind) in the caller's scope: the
 * review queue of model/doc/workflow.h with filters state (a state name or
 * "awaiting", the default), year, unit (admin unit id), sector, and
 * pagination.  Returns 0, or -1 on a storage error.
 */
int api_queue(struct http_request *req, struct http_response *resp, struct db *db,
	      enum wf_kind kind);

/*
 * A workflow document kind as the API serves it (documents.c): the model's
 * kind, the path prefix of one document ("/api/v1/reports/"), and the two
 * things only the kind knows: how its content members are read from a
 * body into its input struct (in_size bytes, zeroed; strings in the
 * request's arena; type errors added to errs, named by member) and how a
 * document is written as JSON.
 */
struct api_doc {
	const struct doc_kind *kind;
	const char *path;
	size_t in_size;
	void (*read)(struct http_request *req, json_t *body, void *in, struct wf_errors *errs);
	json_t *(*doc)(const void *doc);
};

/* GET the kind's review list, POST a new draft.  Returns 0, or -1 (500). */
int api_doc_list(struct http_request *req, struct http_response *resp, const struct api_doc *ad);
/* GET, PUT one document, POST one of its actions.  Returns 0, or -1 (500). */
int api_doc_item(struct http_request *req, struct http_response *resp, const struct api_doc *ad);

/* s, or JSON null for NULL or "". */
json_t *api_str_or_null(const char *s);

/*
 * Adds "attachments" (their number) and "attachment_list" of document
 * (kind: enum wf_kind, id) as the caller sees them to doc (attachments.c).
 * Returns 0, or -1 on a storage error (logged).
 */
int api_doc_attachments(struct http_request *req, struct db *db, int kind, int64_t id, json_t *doc);

#endif
