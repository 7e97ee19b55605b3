/*
 * Who is asking, and may they: the router's authentication step and the
 * cookies it relies on.
 *
 * http_auth fills req->who from "Authorization: Bearer TOKEN" (a personal
 * API token, model/accounts/apitoken.h) or else from the session cookie
 * (HTTP_SESSION_COOKIE, model/accounts/session.h).  A cookie session also sets
 * req->csrf, the token every state-changing request of that session must
 * send back, in the form field "csrf" (pages) or in the header
 * X-CSRF-Token (JSON API clients, which read it from GET /api/v1/session);
 * http_auth_csrf_ok checks it in constant time.
 * Before sign-in there is no session, so the sign-in form uses a
 * double-submit token instead: the page sets HTTP_CSRF_COOKIE and repeats it
 * in the form.  Requests with a Bearer token carry no ambient credential and
 * need no CSRF token.
 *
 * Cookies are HttpOnly, SameSite=Lax (the pre-session one Strict), Path=/,
 * and Secure when the request came over HTTPS through the trusted proxy
 * (req->https, http/server.h).
 */
#ifndef SXSH_REQ_AUTH_H
#define SXSH_REQ_AUTH_H

#include <stdint.h>

#include "req/request.h"
#include "req/response.h"

#define HTTP_SESSION_COOKIE "sxsh_session"
#define HTTP_CSRF_COOKIE    "sxsh_csrf"

/*
 * Fills req->who (arena) and the session fields from the request's
 * credentials at time now.  Returns 0 (who may stay NULL: no or an expired
 * session), 1 when a Bearer token was sent but is not valid (the router
 * answers 401), -1 on a storage error (logged).
 */
int http_auth(struct http_request *req, int64_t now);

/*
 * Returns 1 when the form field "csrf" or the X-CSRF-Token header of req
 * matches the session's token, or, without a session, the form field
 * matches the HTTP_CSRF_COOKIE cookie; 1 as well for Bearer requests.  0
 * otherwise.
 */
int http_auth_csrf_ok(struct http_request *req);

/*
 * Returns a Set-Cookie value (arena) for cookie name with value, Path=/,
 * HttpOnly, SameSite=samesite ("Lax" or "Strict"), Max-Age=max_age (0
 * deletes the cookie; -1 leaves it out: a browser-session cookie) and
 * Secure when req->https.
 */
const char *http_cookie_set(struct http_request *req, const char *name, const char *value,
			    long max_age, const char *samesite);

/*
 * The pre-session CSRF token of this browser (the cookie's value when it is
 * well-formed), or a new one; when new, adds its Set-Cookie header to resp.
 * Returns an arena string.
 */
const char *http_auth_login_csrf(struct http_request *req, struct http_response *resp);

/* Whether req wants JSON answers: a path under /api/ or an Accept of JSON. */
int http_wants_json(const struct http_request *req);

#endif
