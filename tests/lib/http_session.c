/*
 * The HTTP tests' shared fixture, session, request and assertion helpers
 * (see http_session.h).  Sessions made directly go through
 * model/accounts/session.c on the caller's connection; everything else speaks HTTP
 * through http_client.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "db/db.h"
#include "http_session.h"
#include "testutil.h"
#include "util/alloc.h"

/* The server hs_server_start() started last, for hs_teardown(). */
static struct hc_server *last_server;

void
hs_server_start(struct hc_server *s, const char *name)
{
	if (hc_server_start(s, tu_db_url(name)) < 0)
		fail_msg("sxsh serve did not start");
	last_server = s;
}

void
hs_server_stop(struct hc_server *s)
{
	if (s->pid > 0)
		assert_int_equal(hc_server_stop(s), 0);
}

int
hs_teardown(void **state)
{
	if (last_server != NULL)
		hs_server_stop(last_server);
	db_close(*state);
	*state = NULL;
	return 0;
}

void
hs_session_new(struct db *db, const struct user *u, struct hs_session *out)
{
	struct session s;
	if (session_create(db, u, (int64_t)time(NULL), out->token, &s) < 0)
		fail_msg("session_create: %s", db_errmsg(db));
	snprintf(out->csrf, sizeof(out->csrf), "%s", s.csrf);
	snprintf(out->cookie, sizeof(out->cookie), "Cookie: sxsh_session=%s\r\n", out->token);
}

void
hs_account(struct db *db, const struct user_new *nu, struct user *u, struct hs_session *out)
{
	int64_t id;
	struct user us;
	struct msg why;
	char text[512];
	if (user_create(db, NULL, nu, 1700000000, &id, &why) != ST_OK)
		fail_msg("%s: %s", nu->email, msg_format(&why, MSG_BOTH, text, sizeof(text)));
	assert_int_equal(user_get(db, id, &us), ST_OK);
	if (u != NULL)
		*u = us;
	if (out != NULL)
		hs_session_new(db, &us, out);
}

void
hs_accounts(struct db *db, const struct user_new *nu, size_t n, struct user *users,
	    struct hs_session *sessions)
{
	for (size_t i = 0; i < n; i++) {
		struct user_new a = nu[i];
		if (a.password == NULL)
			a.password = HS_PASSWORD;
		hs_account(db, &a, users != NULL ? &users[i] : NULL,
			   sessions != NULL ? &sessions[i] : NULL);
	}
}

void
hs_req(int port, const char *method, const char *target, const char *extra, const char *body,
       int status, struct hc_response *r)
{
	if (hc_request(port, method, target, extra, body, r) < 0)
		fail_msg("%s %s (port %d): no answer", method, target, port);
	if (r->status != status)
		fail_msg("%s %s (port %d): status %d, expected %d\n%s\n%.1500s", method, target,
			 port, r->status, status, r->head,
			 r->body != NULL && strstr(r->body, "<main") ? strstr(r->body, "<main")
								     : r->body);
}

void
hs_form_req(int port, const struct hs_session *s, const char *method, const char *target,
	    const char *body, int status, struct hc_response *r)
{
	char extra[256];
	snprintf(extra, sizeof(extra), "%s" HS_FORM, s->cookie);
	char *full = NULL;
	if (body != NULL)
		full = body[0] != '\0' ? xasprintf("csrf=%s&%s", s->csrf, body)
				       : xasprintf("csrf=%s", s->csrf);
	hs_req(port, method, target, extra, full, status, r);
	free(full);
}

char *
hs_set_cookie(const struct hc_response *r, const char *name)
{
	char pat[64];
	snprintf(pat, sizeof(pat), "\r\nSet-Cookie: %s=", name);
	const char *p = strstr(r->head, pat);
	if (p == NULL)
		return NULL;
	p += strlen("\r\nSet-Cookie: ");
	const char *end = strstr(p, "\r\n");
	return end ? xstrndup(p, (size_t)(end - p)) : xstrdup(p);
}

char *
hs_set_cookie_value(const struct hc_response *r, const char *name)
{
	char *sc = hs_set_cookie(r, name);
	if (sc == NULL)
		return NULL;
	const char *v = strchr(sc, '=') + 1;
	char *value = xstrndup(v, strcspn(v, ";"));
	free(sc);
	return value;
}

char *
hs_page_csrf(const struct hc_response *r)
{
	const char *p = strstr(r->body, "name=\"csrf\" value=\"");
	if (p == NULL)
		fail_msg("no csrf field in the page");
	p += strlen("name=\"csrf\" value=\"");
	return xstrndup(p, strcspn(p, "\""));
}

char *
hs_login_form(int port, char **cookie)
{
	struct hc_response r;
	hs_req(port, "GET", "/login", NULL, NULL, 200, &r);
	char *v = hs_set_cookie_value(&r, "sxsh_csrf");
	assert_non_null(v);
	*cookie = xasprintf("Cookie: sxsh_csrf=%s\r\n", v);
	char *form = hs_page_csrf(&r);
	assert_string_equal(form, v); /* double submit: the same value twice */
	free(v);
	hc_response_free(&r);
	return form;
}

void
hs_login(int port, const char *email, const char *password, struct hs_session *s)
{
	char *cookie;
	char *csrf = hs_login_form(port, &cookie);
	char *body = xasprintf("csrf=%s&email=%s&password=%s", csrf, email, password);
	char *extra = xasprintf(HS_FORM "%s", cookie);
	struct hc_response r;
	hs_req(port, "POST", "/login", extra, body, 303, &r);
	char *v = hs_set_cookie_value(&r, "sxsh_session");
	assert_non_null(v);
	snprintf(s->token, sizeof(s->token), "%s", v);
	snprintf(s->cookie, sizeof(s->cookie), "Cookie: sxsh_session=%s\r\n", v);
	free(v);
	hc_response_free(&r);
	hs_req(port, "GET", "/account", s->cookie, NULL, 200, &r);
	char *c = hs_page_csrf(&r);
	snprintf(s->csrf, sizeof(s->csrf), "%s", c);
	free(c);
	hc_response_free(&r);
	free(csrf);
	free(cookie);
	free(body);
	free(extra);
}

void
hs_contains(const struct hc_response *r, const char *s)
{
	if (strstr(r->body, s) == NULL)
		fail_msg("body lacks \"%s\"", s);
}

void
hs_lacks(const struct hc_response *r, const char *s)
{
	if (strstr(r->body, s) != NULL)
		fail_msg("body has \"%s\"", s);
}

void
hs_header_is(const struct hc_response *r, const char *name, const char *value)
{
	char *v = hc_header(r, name);
	if (v == NULL)
		fail_msg("header %s missing\n%s", name, r->head);
	assert_string_equal(v, value);
	free(v);
}
