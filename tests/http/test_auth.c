/*
 * Sign-in, sessions, CSRF and the security limits, through the real
 * `sxsh serve` on a loopback port.  The fixture database gets its accounts
 * from model/accounts/user.c before the server starts; sessions are aged through
 * the session_age test hook on a second connection to the same file.
 *
 * Every failed sign-in here comes with its own X-Forwarded-For address
 * (the server trusts 127.0.0.1 as its proxy by default), so the per-address
 * limit of one test does not spill into another.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "req/request.h"
#include "testutil.h"
#include "util/alloc.h"

static struct hc_server server;

static const struct user_new fixture_users[] = {
    {.email = "admin@x.vn", .password = "admin password 1", .role = ROLE_ADMIN},
    {.email = "dist@x.vn",
     .password = "district password",
     .role = ROLE_DISTRICT,
     .unit_code = "rach-gia"},
    {.email = "logout@x.vn", .password = "logout password", .role = ROLE_PROVINCE},
    {.email = "throttle@x.vn", .password = "throttle password", .role = ROLE_PROVINCE},
    {.email = "expiry@x.vn", .password = "expiry password", .role = ROLE_PROVINCE},
    {.email = "change@x.vn", .password = "change password 1", .role = ROLE_EXPERT},
};

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("auth.db", NULL);
	hs_accounts(db, fixture_users, sizeof(fixture_users) / sizeof(fixture_users[0]), NULL,
		    NULL);
	db_close(db);
	hs_server_start(&server, "auth.db");
	return 0;
}

static void
test_cookie_attributes(void **state)
{
	(void)state;
	char *cookie;
	char *csrf = hs_login_form(server.port, &cookie);
	char *body = xasprintf("csrf=%s&email=admin%%40x.vn&password=admin+password+1", csrf);
	char *extra = xasprintf(HS_FORM "%s", cookie);
	struct hc_response r;
	hs_req(server.port, "POST", "/login", extra, body, 303, &r);
	hs_header_is(&r, "Location", "/");
	char *sc = hs_set_cookie(&r, "sxsh_session");
	assert_non_null(sc);
	/* 43 base64url characters; then exactly these attributes, no Secure over HTTP. */
	assert_int_equal(strcspn(sc + 13, ";"), 43);
	assert_string_equal(sc + 13 + 43, "; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax");
	free(sc);
	hc_response_free(&r);

	/* Through the trusted proxy (127.0.0.1) with X-Forwarded-Proto: https: Secure. */
	free(extra);
	extra = xasprintf(HS_FORM "%sX-Forwarded-Proto: https\r\n", cookie);
	hs_req(server.port, "POST", "/login", extra, body, 303, &r);
	sc = hs_set_cookie(&r, "sxsh_session");
	assert_non_null(sc);
	assert_string_equal(sc + 13 + 43,
			    "; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax; Secure");
	free(sc);
	hc_response_free(&r);

	/* The pre-session token cookie: Strict, no Max-Age. */
	hs_req(server.port, "GET", "/login", "X-Forwarded-Proto: https\r\n", NULL, 200, &r);
	sc = hs_set_cookie(&r, "sxsh_csrf");
	assert_string_equal(sc + 10 + 43, "; Path=/; HttpOnly; SameSite=Strict; Secure");
	free(sc);
	hc_response_free(&r);
	free(csrf);
	free(cookie);
	free(body);
	free(extra);
}

static void
test_login_failure(void **state)
{
	(void)state;
	char *cookie;
	char *csrf = hs_login_form(server.port, &cookie);
	char *extra = xasprintf(HS_FORM "%sX-Forwarded-For: 203.0.113.10\r\n", cookie);
	static const char *const bodies[] = {
	    "email=admin%%40x.vn&password=wrong+password&csrf=%s",
	    "email=nobody%%40x.vn&password=admin+password+1&csrf=%s",
	};
	for (size_t i = 0; i < 2; i++) {
		char *body = xasprintf(bodies[i], csrf);
		struct hc_response r;
		hs_req(server.port, "POST", "/login", extra, body, 200, &r);
		assert_null(hs_set_cookie(&r, "sxsh_session"));
		hs_contains(&r, "Email hoặc mật khẩu không đúng.");
		hc_response_free(&r);
		free(body);
	}
	/* Without the pre-session token: 403 before any password is checked. */
	struct hc_response r;
	hs_req(server.port, "POST", "/login", HS_FORM,
	       "email=admin%40x.vn&password=admin+password+1", 403, &r);
	hc_response_free(&r);
	/* A token that is not the cookie's. */
	char *body = xasprintf("email=admin%%40x.vn&password=admin+password+1&csrf=%s", csrf);
	body[strlen(body) - 1] = body[strlen(body) - 1] == 'A' ? 'B' : 'A';
	hs_req(server.port, "POST", "/login", extra, body, 403, &r);
	hc_response_free(&r);
	free(body);
	free(csrf);
	free(cookie);
	free(extra);
}

static void
test_logout_server_side(void **state)
{
	(void)state;
	struct hs_session s;
	hs_login(server.port, "logout%40x.vn", "logout+password", &s);
	struct hc_response r;
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 200, &r);
	hs_contains(&r, "logout@x.vn");
	hs_contains(&r, "Đăng xuất");
	hc_response_free(&r);

	char *extra = xasprintf(HS_FORM "%s", s.cookie);
	char *body = xasprintf("csrf=%s", s.csrf);
	hs_req(server.port, "POST", "/logout", extra, body, 303, &r);
	hs_header_is(&r, "Location", "/");
	char *sc = hs_set_cookie(&r, "sxsh_session");
	assert_string_equal(sc, "sxsh_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
	free(sc);
	hc_response_free(&r);
	/* The old cookie, replayed, no longer signs in: the session is gone. */
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 303, &r);
	hs_header_is(&r, "Location", "/login?next=%2Faccount");
	hc_response_free(&r);
	free(extra);
	free(body);
}

static void
test_expiry(void **state)
{
	(void)state;
	char err[256];
	struct db *db = db_open(tu_db_url("auth.db"), err, sizeof(err));
	assert_non_null(db);
	struct hs_session s;
	struct hc_response r;

	/* Idle: last used 2 h (7200 s) ago. */
	hs_login(server.port, "expiry%40x.vn", "expiry+password", &s);
	assert_int_equal(session_age(db, s.token, 7200), 0);
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 303, &r);
	hc_response_free(&r);

	/* Used 1 h 59 min ago: still live. */
	hs_login(server.port, "expiry%40x.vn", "expiry+password", &s);
	assert_int_equal(session_age(db, s.token, 7140), 0);
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 200, &r);
	hc_response_free(&r);

	/* Absolute: signed in 12 h ago, though used just now. */
	char hash[SESSION_HASH_LEN + 1];
	assert_int_equal(session_secret_hash(s.token, hash), 0);
	/* A fixed old sign-in time: portable SQL, and far more than 12 h ago. */
	char *sql = xasprintf("UPDATE session SET created_at = '2000-01-01 00:00:00' "
			      "WHERE token_hash = '%s'",
			      hash); /* hash is 64 hex digits: nothing to quote */
	assert_int_equal(db_exec(db, sql), DB_OK);
	free(sql);
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 303, &r);
	hc_response_free(&r);
	db_close(db);
}

static void
test_throttle(void **state)
{
	(void)state;
	char *cookie;
	char *csrf = hs_login_form(server.port, &cookie);
	char *extra = xasprintf(HS_FORM "%sX-Forwarded-For: 203.0.113.20\r\n", cookie);
	char *bad = xasprintf("email=throttle%%40x.vn&password=guess&csrf=%s", csrf);
	char *good = xasprintf("email=throttle%%40x.vn&password=throttle+password&csrf=%s", csrf);
	struct hc_response r;
	for (int i = 0; i < 5; i++) { /* THROTTLE_MAX_ACCOUNT = 5 failures */
		hs_req(server.port, "POST", "/login", extra, bad, 200, &r);
		hc_response_free(&r);
	}
	/* The sixth try is refused even with the right password, from any address. */
	free(extra);
	extra = xasprintf(HS_FORM "%sX-Forwarded-For: 203.0.113.21\r\n", cookie);
	hs_req(server.port, "POST", "/login", extra, good, 429, &r);
	assert_null(hs_set_cookie(&r, "sxsh_session"));
	hs_contains(&r, "Quá nhiều lần đăng nhập sai, thử lại sau ");
	char *ra = hc_header(&r, "Retry-After");
	assert_non_null(ra);
	assert_true(atoi(ra) > 0 && atoi(ra) <= 900 && atoi(ra) % 60 == 0);
	free(ra);
	hc_response_free(&r);
	free(extra);
	free(bad);
	free(good);
	free(csrf);
	free(cookie);
}

static void
test_csrf(void **state)
{
	(void)state;
	struct hs_session s;
	hs_login(server.port, "admin%40x.vn", "admin+password+1", &s);
	char *extra = xasprintf(HS_FORM "%s", s.cookie);
	struct hc_response r;
	hs_req(server.port, "POST", "/account/tokens", extra, "name=cli", 403, &r); /* missing */
	hs_contains(&r, "CSRF");
	hc_response_free(&r);
	hs_req(server.port, "POST", "/account/tokens", extra,
	       "name=cli&csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 403, &r); /* wrong */
	hc_response_free(&r);
	char *body = xasprintf("name=cli&csrf=%s", s.csrf);
	hs_req(server.port, "POST", "/account/tokens", extra, body, 200, &r);
	hs_header_is(&r, "Cache-Control", "no-store");
	const char *t = strstr(r.body, "<code class=\"secret\">sxsh_");
	assert_non_null(t);
	char *token = xstrndup(t + strlen("<code class=\"secret\">"), 48);
	hc_response_free(&r);

	/* The API token signs in without cookies, and needs no CSRF token. */
	char *bearer = xasprintf("Authorization: Bearer %s\r\n", token);
	hs_req(server.port, "GET", "/users", bearer, NULL, 200, &r);
	hs_contains(&r, "admin@x.vn");
	hc_response_free(&r);
	char *bform = xasprintf(HS_FORM "%s", bearer);
	hs_req(server.port, "POST", "/account/tokens", bform, "name=second", 200, &r);
	hc_response_free(&r);
	/* A wrong token is 401 problem+json, even on a public page. */
	hs_req(server.port, "GET", "/", "Authorization: Bearer sxsh_nope\r\n", NULL, 401, &r);
	hs_header_is(&r, "Content-Type", "application/problem+json");
	hs_header_is(&r, "WWW-Authenticate", "Bearer");
	hc_response_free(&r);
	free(bform);
	free(bearer);
	free(token);
	free(body);
	free(extra);
}

static void
test_redirects_and_roles(void **state)
{
	(void)state;
	struct hc_response r;
	hs_req(server.port, "GET", "/users", NULL, NULL, 303, &r);
	hs_header_is(&r, "Location", "/login?next=%2Fusers");
	hc_response_free(&r);
	hs_req(server.port, "GET", "/users?lang=en", NULL, NULL, 303, &r);
	hs_header_is(&r, "Location", "/login?next=%2Fusers%3Flang%3Den&lang=en");
	hc_response_free(&r);
	hs_req(server.port, "GET", "/users", "Accept: application/json\r\n", NULL, 401, &r);
	hs_header_is(&r, "Content-Type", "application/problem+json");
	hc_response_free(&r);

	struct hs_session s;
	hs_login(server.port, "dist%40x.vn", "district+password", &s);
	hs_req(server.port, "GET", "/users", s.cookie, NULL, 403, &r);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 200, &r);
	hs_contains(&r, "rach-gia");
	hc_response_free(&r);
	/* Signed in, the login page sends the user on. */
	hs_req(server.port, "GET", "/login?next=%2Ffacilities", s.cookie, NULL, 303, &r);
	hs_header_is(&r, "Location", "/facilities");
	hc_response_free(&r);
}

static void
test_next_is_local(void **state)
{
	(void)state;
	static const struct {
		const char *next_enc, *location;
	} cases[] = {
	    {"%2Ffacilities%3Fq%3Da", "/facilities?q=a"}, {"%2F%2Fevil.example%2Fx", "/"},
	    {"https%3A%2F%2Fevil.example%2F", "/"},	  {"%2F%5Cevil.example", "/"},
	    {"%2Fa%0D%0ASet-Cookie%3A+x%3D1", "/"},	  {"", "/"},
	};
	char *cookie;
	char *csrf = hs_login_form(server.port, &cookie);
	char *extra = xasprintf(HS_FORM "%s", cookie);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *body =
		    xasprintf("csrf=%s&email=admin%%40x.vn&password=admin+password+1&next=%s", csrf,
			      cases[i].next_enc);
		struct hc_response r;
		hs_req(server.port, "POST", "/login", extra, body, 303, &r);
		hs_header_is(&r, "Location", cases[i].location);
		hc_response_free(&r);
		free(body);
	}
	free(extra);
	free(csrf);
	free(cookie);
}

static void
test_limits(void **state)
{
	(void)state;
	/* 70 KiB = 71680 bytes > HTTP_FORM_MAX (65536): 413, read and dropped. */
	size_t n = 70 * 1024;
	char *body = xmalloc(n + 1);
	memcpy(body, "email=", 6);
	memset(body + 6, 'a', n - 6);
	body[n] = '\0';
	struct hc_response r;
	hs_req(server.port, "POST", "/login", HS_FORM, body, 413, &r);
	hs_header_is(&r, "X-Content-Type-Options", "nosniff");
	hc_response_free(&r);
	free(body);
	/* A body of 65536 bytes exactly is accepted (and then fails the CSRF check). */
	n = 65536;
	body = xmalloc(n + 1);
	memcpy(body, "email=", 6);
	memset(body + 6, 'a', n - 6);
	body[n] = '\0';
	hs_req(server.port, "POST", "/login", HS_FORM, body, 403, &r);
	hc_response_free(&r);
	free(body);
	/* A form of HTTP_FORM_PARAMS_MAX + 1 fields: 400. */
	char fields[(HTTP_FORM_PARAMS_MAX + 1) * 4 + 1] = "";
	for (int i = 0; i < HTTP_FORM_PARAMS_MAX + 1; i++)
		strcat(fields, i ? "&a=1" : "a=1");
	hs_req(server.port, "POST", "/login", HS_FORM, fields, 400, &r);
	hc_response_free(&r);
}

static void
test_password_change_and_users(void **state)
{
	(void)state;
	struct hs_session s, other;
	hs_login(server.port, "change%40x.vn", "change+password+1", &s);
	hs_login(server.port, "change%40x.vn", "change+password+1", &other);
	char *extra = xasprintf(HS_FORM "%s", s.cookie);
	char *body = xasprintf("csrf=%s&current=wrong+one&password=new+password+22&"
			       "confirm=new+password+22",
			       s.csrf);
	struct hc_response r;
	hs_req(server.port, "POST", "/account/password", extra, body, 400, &r);
	hs_contains(&r, "Mật khẩu hiện tại không đúng.");
	hc_response_free(&r);
	free(body);
	body = xasprintf("csrf=%s&current=change+password+1&password=new+password+22&"
			 "confirm=new+password+22",
			 s.csrf);
	hs_req(server.port, "POST", "/account/password", extra, body, 303, &r);
	hs_header_is(&r, "Location", "/account?done=password");
	hc_response_free(&r);
	/* This session lives on; the other one has been ended. */
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 200, &r);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/account", other.cookie, NULL, 303, &r);
	hc_response_free(&r);
	hs_login(server.port, "change%40x.vn", "new+password+22", &other);
	free(body);
	free(extra);

	/* An admin creates accounts with the CLI's rules. */
	struct hs_session a;
	hs_login(server.port, "admin%40x.vn", "admin+password+1", &a);
	extra = xasprintf(HS_FORM "%s", a.cookie);
	body = xasprintf("csrf=%s&email=new%%40x.vn&role=district&unit=&password=", a.csrf);
	hs_req(server.port, "POST", "/users", extra, body, 400, &r);
	hs_contains(&r, "Đơn vị hành chính: tài khoản cán bộ huyện cần một đơn vị");
	hc_response_free(&r);
	free(body);
	body = xasprintf("csrf=%s&email=new%%40x.vn&role=district&unit=ha-tien&password=", a.csrf);
	hs_req(server.port, "POST", "/users", extra, body, 200, &r);
	hs_contains(&r, "Đã tạo tài khoản new@x.vn.");
	hs_contains(&r, "<code class=\"secret\">"); /* the generated password, once */
	hc_response_free(&r);
	free(body);
	free(extra);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cookie_attributes),
	    cmocka_unit_test(test_login_failure),
	    cmocka_unit_test(test_logout_server_side),
	    cmocka_unit_test(test_expiry),
	    cmocka_unit_test(test_throttle),
	    cmocka_unit_test(test_csrf),
	    cmocka_unit_test(test_redirects_and_roles),
	    cmocka_unit_test(test_next_is_local),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_password_change_and_users),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
