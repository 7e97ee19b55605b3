/*
 * Authentication for the router (see auth.h).  The model does the lookups;
 * this file only reads the credentials off the request, keeps the result in
 * the request's arena and writes cookies.
 */
#include "req/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model/accounts/apitoken.h"
#include "model/accounts/session.h"
#include "util/log.h"

int
http_auth(struct http_request *req, int64_t now)
{
	struct db *db;
	struct session s;
	int rc;
	const char *auth = req->authorization;
	if (auth != NULL && strncasecmp(auth, "Bearer ", 7) == 0) {
		if ((db = http_request_db(req)) == NULL)
			return -1;
		rc = apitoken_lookup(db, auth + 7, now, &s);
		if (rc <= 0)
			return rc < 0 ? -1 : 1;
		req->bearer = 1;
	} else {
		const char *token = http_cookie(req, HTTP_SESSION_COOKIE);
		if (token == NULL || token[0] == '\0')
			return 0;
		if ((db = http_request_db(req)) == NULL)
			return -1;
		rc = session_lookup(db, token, now, &s);
		if (rc <= 0)
			return rc;
		req->csrf = arena_strdup(&req->arena, s.csrf);
		req->session_hash = arena_strdup(&req->arena, s.hash);
	}
	struct principal *p = arena_alloc(&req->arena, sizeof(*p));
	*p = s.who;
	p->email = arena_strdup(&req->arena, s.email);
	req->who = p;
	return 0;
}

/* Whether a and b are equal non-empty strings, in time independent of where they differ. */
static int
http_auth_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL || a[0] == '\0')
		return 0;
	size_t n = strlen(a);
	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

int
http_auth_csrf_ok(struct http_request *req)
{
	if (req->bearer)
		return 1;
	if (req->csrf != NULL)
		return http_auth_same(http_form(req, "csrf"), req->csrf) ||
		       http_auth_same(req->csrf_header, req->csrf);
	/* Before sign-in only the form's double-submit token counts. */
	return http_auth_same(http_form(req, "csrf"), http_cookie(req, HTTP_CSRF_COOKIE));
}

const char *
http_cookie_set(struct http_request *req, const char *name, const char *value, long max_age,
		const char *samesite)
{
	char age[48] = "";
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	return arena_printf(&req->arena, "%s=%s; Path=/%s; HttpOnly; SameSite=%s%s", name, value,
			    age, samesite, req->https ? "; Secure" : "");
}

const char *
http_auth_login_csrf(struct http_request *req, struct http_response *resp)
{
	char hash[SESSION_HASH_LEN + 1];
	const char *have = http_cookie(req, HTTP_CSRF_COOKIE);
	if (have != NULL && session_secret_hash(have, hash) == 0)
		return have;
	char token[SESSION_TOKEN_LEN + 1];
	session_secret_new(token, hash);
	const char *t = arena_strdup(&req->arena, token);
	http_response_header(resp, "Set-Cookie",
			     http_cookie_set(req, HTTP_CSRF_COOKIE, t, -1, "Strict"));
	return t;
}

int
http_wants_json(const struct http_request *req)
{
	return strncmp(req->path, "/api/", 5) == 0 ||
	       (req->accept != NULL && strstr(req->accept, "application/json") != NULL);
}
