/*
 * The route table: every page is one enum route value and one row of
 * routes[] with its path, the methods it accepts and its handler.  The
 * router rejects before dispatch: an oversized query (414), a malformed
 * query or language (400), an unknown path (404) and a method the route does
 * not take (405, with Allow) never reach a handler.  A GET route answers
 * HEAD too (libmicrohttpd leaves out the body).  A handler that fails
 * returns -1 and the client gets a generic 500 page; the detail is logged.
 */
#ifndef SXSH_HTTP_ROUTER_H
#define SXSH_HTTP_ROUTER_H

#include "http/request.h"
#include "http/response.h"
#include "model/principal.h"

enum route {
	ROUTE_DASHBOARD,  /* GET / */
	ROUTE_FACILITIES, /* GET /facilities */
	ROUTE_HEALTHZ,	  /* GET /healthz */
	ROUTE_STATIC,	  /* GET /static/... */
	/* @route-enum */
	ROUTE__MAX
};

/* Fills resp for a well-formed request; returns 0, or -1 on an internal error. */
typedef int (*http_handler)(struct http_request *req, struct http_response *resp);

struct route_def {
	const char *path; /* exact path, or a prefix when prefix is set */
	int prefix;
	unsigned methods; /* bit (1u << enum http_method) per accepted method */
	http_handler handler;
	/*
	 * Roles allowed (ROLE_BIT(enum role), model/principal.h); 0 = public.
	 * Without a signed-in user such a route answers 401 (pages redirect to
	 * the login page); with a user of another role, 403.
	 */
	unsigned roles;
};

extern const struct route_def routes[ROUTE__MAX];

/* Returns the enum http_method for a method name ("GET"), HTTP_OTHER if unknown. */
enum http_method http_method_parse(const char *name);

/*
 * Routes one request: parses uri (path and query) into req, applies the
 * checks above and runs the handler, leaving the answer in resp.  req must
 * have been initialised with method and app set.
 */
void router_dispatch(struct http_request *req, const char *uri, struct http_response *resp);

#endif
