/*
 * The JSON API v1 under /api/v1/ (docs/api.md, docs/openapi.json): one
 * handler per route of http/router.c, thin shells over the model, which
 * enforces scope (model/accounts/scope.h).  Every answer is application/json, or
 * application/problem+json (RFC 9457) for an error, written with
 * render/json.h.  Authentication (session cookie or Bearer token), role
 * checks and body size limits happen in the router before these run.
 */
#ifndef SXSH_API_API_H
#define SXSH_API_API_H

#include "req/request.h"
#include "req/response.h"

/*
 * Replaces resp with a problem+json document: type about:blank, title the
 * status phrase, status, detail (Vietnamese / English, per req->lang the
 * first) and instance (the request path).  Used by the router for errors of
 * requests that want JSON (http_wants_json).
 */
void api_problem(struct http_request *req, struct http_response *resp, int status,
		 const char *detail_vi, const char *detail_en);

/* Route handlers: return 0, or -1 on an internal error (the router answers 500). */
int api_facilities(struct http_request *req, struct http_response *resp);    /* GET list */
int api_facility(struct http_request *req, struct http_response *resp);	     /* GET {id} */
int api_reports(struct http_request *req, struct http_response *resp);	     /* GET, POST */
int api_report(struct http_request *req, struct http_response *resp);	     /* {id}[/action] */
int api_registrations(struct http_request *req, struct http_response *resp); /* GET, POST */
int api_registration(struct http_request *req, struct http_response *resp);  /* {id}[/action] */
int api_indicators(struct http_request *req, struct http_response *resp);    /* GET */
int api_keyusers(struct http_request *req, struct http_response *resp);	     /* GET */
int api_refdata(struct http_request *req, struct http_response *resp);	     /* GET */
int api_refdata_item(struct http_request *req, struct http_response *resp);  /* GET {name} */
int api_session(struct http_request *req, struct http_response *resp);	     /* GET */

/* -- assessments -- */
int api_assessments(struct http_request *req, struct http_response *resp);
int api_assessment(struct http_request *req, struct http_response *resp);

/* -- assessment process -- */

/* -- assessment options -- */
int api_assess_options(struct http_request *req, struct http_response *resp); /* GET, POST */
int api_option(struct http_request *req, struct http_response *resp); /* GET, PATCH, DELETE */

/* -- options across assessments -- */

/* -- assessment savings and case studies -- */

#endif
