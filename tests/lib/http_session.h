/*
 * What the HTTP tests do over and over on top of http_client.h: make the
 * fixture database and start or stop the server on it, make accounts and
 * sessions (directly through model/accounts/session.c, or by signing in through the
 * form with its double-submit CSRF cookie), send requests that must answer
 * a given status (form posts carrying the session's cookie and CSRF token),
 * and assert on bodies and headers.  Every helper fails the running cmocka
 * test on error, so callers need no checks of their own.  Include after
 * <cmocka.h>'s prerequisites (stdarg, stddef, setjmp, stdint).
 */
#ifndef SXSH_TEST_HTTP_SESSION_H
#define SXSH_TEST_HTTP_SESSION_H

#include "http_client.h"
#include "model/accounts/session.h"
#include "model/accounts/user.h"

struct db;

/* The header line of an urlencoded form body. */
#define HS_FORM "Content-Type: application/x-www-form-urlencoded\r\n"

/* A signed-in session as a browser holds it. */
struct hs_session {
	char token[SESSION_TOKEN_LEN + 1]; /* the sxsh_session cookie's value */
	char csrf[SESSION_TOKEN_LEN + 1];  /* the session's CSRF token */
	char cookie[128];		   /* "Cookie: sxsh_session=TOKEN\r\n" */
};

/* The password of accounts made by hs_accounts() with none given. */
#define HS_PASSWORD "a long enough password"

/*
 * Starts `sxsh serve` on the database tu_db_new(name) made (fx_db_new() in
 * fixture.h makes one with the reference data) and remembers s for
 * hs_teardown().
 */
void hs_server_start(struct hc_server *s, const char *name);
/* Stops a running server and asserts it exited cleanly; nothing when it is not running. */
void hs_server_stop(struct hc_server *s);
/*
 * A cmocka group teardown that stops the server hs_server_start() started
 * last and closes the database *state (NULL for none), which the group
 * setup may leave there; for test programs whose teardown does nothing else.
 */
int hs_teardown(void **state);

/* A session of u made as signing in would (session_create, now), into *out. */
void hs_session_new(struct db *db, const struct user *u, struct hs_session *out);
/*
 * Creates the account nu (created at 1700000000) and fills *u with it
 * (when u is not NULL) and *out with a new session of it (when out is not NULL).
 */
void hs_account(struct db *db, const struct user_new *nu, struct user *u, struct hs_session *out);
/*
 * hs_account() for each of the n accounts nu[i] in order, an account
 * without a password getting HS_PASSWORD; users[i] and sessions[i] receive
 * the account and a session of it when those arrays are not NULL.
 */
void hs_accounts(struct db *db, const struct user_new *nu, size_t n, struct user *users,
		 struct hs_session *sessions);

/*
 * Sends method target to 127.0.0.1:port with the header lines extra (or
 * NULL) and body (or NULL) and asserts the status; the caller frees r.
 */
void hs_req(int port, const char *method, const char *target, const char *extra, const char *body,
	    int status, struct hc_response *r);
/*
 * A browser's request of session s: its cookie, a form content type, and,
 * when body is not NULL, the form "csrf=TOKEN&body" ("csrf=TOKEN" for an
 * empty body).  Asserts the status; the caller frees r.
 */
void hs_form_req(int port, const struct hs_session *s, const char *method, const char *target,
		 const char *body, int status, struct hc_response *r);

/*
 * The value of the Set-Cookie header that sets cookie name ("name=VALUE;
 * attributes"; hc_header sees only the first header of a name), malloc'd,
 * or NULL.
 */
char *hs_set_cookie(const struct hc_response *r, const char *name);
/* Just the VALUE of cookie name set by r, malloc'd, or NULL. */
char *hs_set_cookie_value(const struct hc_response *r, const char *name);
/* The value of the first hidden csrf field in r's page, malloc'd. */
char *hs_page_csrf(const struct hc_response *r);
/*
 * GET /login: *cookie receives "Cookie: sxsh_csrf=...\r\n" (malloc'd) and
 * the result (malloc'd) is the form's token, asserted equal to the cookie's
 * (double submit).
 */
char *hs_login_form(int port, char **cookie);
/*
 * Signs in through the form (email and password already form-encoded),
 * asserting 303, and fills s, its CSRF token read from GET /account.
 */
void hs_login(int port, const char *email, const char *password, struct hs_session *s);

/* Asserts that r's body contains s / does not contain s. */
void hs_contains(const struct hc_response *r, const char *s);
void hs_lacks(const struct hc_response *r, const char *s);
/* Asserts that r has header name with exactly value. */
void hs_header_is(const struct hc_response *r, const char *name, const char *value);

#endif
