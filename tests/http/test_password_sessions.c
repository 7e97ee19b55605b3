/*
 * Sessions and API tokens after a password change (issue 8, item 7),
 * through the real server: the user's own change on /account ends its other
 * sessions and, unless "Giữ các khoá API hiện có / Keep my existing API
 * tokens" is ticked, revokes its API tokens; a reset by `sxsh user passwd`
 * ends every session and token of the account.  And every answer of every
 * /api/ route of the route table carries Cache-Control: no-store.
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
#include "http/router.h"
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"
#include "util/alloc.h"

static struct hc_server server;

static const struct {
	const char *email, *email_enc, *password_enc;
	enum role role;
} accounts[] = {
    {"change@x.vn", "change%40x.vn", "first+password+1", ROLE_PROVINCE},
    {"keep@x.vn", "keep%40x.vn", "first+password+2", ROLE_PROVINCE},
    {"reset@x.vn", "reset%40x.vn", "first+password+3", ROLE_DISTRICT},
    {"admin@x.vn", "admin%40x.vn", "first+password+4", ROLE_ADMIN},
};
enum { CHANGE, KEEP, RESET, ADMIN };

static int
setup(void **state)
{
	(void)state;
	/* A facility with a report and a registration, for the API routes' targets. */
	struct db *db = fx_db_new(
	    "pwsess.db",
	    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "
	    "size) VALUES (7001, 'F1', 'Cơ sở Một', 'co so mot', '1061', (SELECT id FROM "
	    "admin_unit WHERE code = 'rach-gia'), 'private', 'small');"
	    "INSERT INTO report(id, facility_id, year) VALUES (8001, 7001, 2023);"
	    "INSERT INTO registration(id, facility_id, year, apply_cp) VALUES (8001, 7001, 2023, "
	    "1);"
	    /* an assessment with one CP option, for the options' routes */
	    "INSERT INTO assessment(id, facility_id, year, started_on) VALUES (9301, 7001, 2024, "
	    "'2024-03-15');"
	    "INSERT INTO cp_option(id, assessment_id, seq, title, kind) VALUES (9301, 9301, 1, "
	    "'Giải pháp', 'housekeeping')");
	for (size_t i = 0; i < sizeof(accounts) / sizeof(accounts[0]); i++) {
		/* The form-encoded passwords above, decoded: '+' is a space. */
		char *pw = xasprintf("%s", accounts[i].password_enc);
		for (char *p = pw; *p; p++)
			if (*p == '+')
				*p = ' ';
		struct user_new nu = {.email = accounts[i].email,
				      .role = accounts[i].role,
				      .unit_code =
					  accounts[i].role == ROLE_DISTRICT ? "rach-gia" : NULL,
				      .password = pw};
		hs_account(db, &nu, NULL, NULL);
		free(pw);
	}
	db_close(db);
	hs_server_start(&server, "pwsess.db");
	return 0;
}

/* Creates an API token named name in session s; returns "Authorization: Bearer ...\r\n". */
static char *
new_token(const struct hs_session *s, const char *name)
{
	struct hc_response r;
	char *body = xasprintf("name=%s", name);
	hs_form_req(server.port, s, "POST", "/account/tokens", body, 200, &r);
	free(body);
	const char *p = strstr(r.body, "<code class=\"secret\">");
	assert_non_null(p);
	p += strlen("<code class=\"secret\">");
	size_t len = strcspn(p, "<");
	assert_int_equal(len, 5 + SESSION_TOKEN_LEN); /* "sxsh_" and the secret */
	char *h = xasprintf("Authorization: Bearer %.*s\r\n", (int)len, p);
	hc_response_free(&r);
	return h;
}

/* Asserts GET target with the header lines extra answers status. */
static void
expect(const char *target, const char *extra, int status)
{
	struct hc_response r;
	hs_req(server.port, "GET", target, extra, NULL, status, &r);
	hc_response_free(&r);
}

/* The after_json of the latest "user.password" audit row of the account email. */
static char *
audit_after(const char *email)
{
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT a.after_json FROM audit a JOIN app_user u ON CAST(u.id AS TEXT) = "
		 "a.entity_id WHERE a.action = 'user.password' AND u.email = '%s' "
		 "ORDER BY a.id DESC",
		 email);
	return tu_query_text("pwsess.db", sql);
}

/*
 * Sessions A and B and a token; A changes the password (keep_tokens
 * unticked or ticked).  B is signed out (a page redirects to sign-in, the
 * API answers 401), A goes on, the token stops working (401) unless kept.
 */
static void
change_in_a(int who, int keep, const char *new_password_enc)
{
	struct hs_session a, b;
	hs_login(server.port, accounts[who].email_enc, accounts[who].password_enc, &a);
	hs_login(server.port, accounts[who].email_enc, accounts[who].password_enc, &b);
	char *bearer = new_token(&a, "script");
	expect("/api/v1/session", bearer, 200);
	expect("/account", b.cookie, 200);

	struct hc_response r;
	char *body = xasprintf("current=%s&password=%s&confirm=%s%s", accounts[who].password_enc,
			       new_password_enc, new_password_enc, keep ? "&keep_tokens=1" : "");
	hs_form_req(server.port, &a, "POST", "/account/password", body, 303, &r);
	hs_header_is(&r, "Location",
		     keep ? "/account?done=password-kept" : "/account?done=password");
	hc_response_free(&r);
	free(body);

	expect("/account", b.cookie, 303);
	expect("/api/v1/session", b.cookie, 401);
	expect("/api/v1/session", a.cookie, 200);
	expect("/api/v1/session", bearer, keep ? 200 : 401);
	hs_req(server.port, "GET", keep ? "/account?done=password-kept" : "/account?done=password",
	       a.cookie, NULL, 200, &r);
	hs_contains(&r, keep ? "các mã truy cập API vẫn dùng được."
			     : "các mã truy cập API đã bị thu hồi.");
	hc_response_free(&r);
	free(bearer);
}

static void
test_change_revokes_tokens(void **state)
{
	(void)state;
	change_in_a(CHANGE, 0, "second+password+1");
	/* One other session (B) ended, one token revoked, in the change's audit row. */
	char *after = audit_after("change@x.vn");
	assert_string_equal(after, "{\"sessions_ended\":1,\"tokens_revoked\":1}");
	free(after);
	/* The new password signs in. */
	struct hs_session s;
	hs_login(server.port, "change%40x.vn", "second+password+1", &s);
}

static void
test_change_keeps_tokens(void **state)
{
	(void)state;
	change_in_a(KEEP, 1, "second+password+2");
	char *after = audit_after("keep@x.vn");
	assert_string_equal(after, "{\"sessions_ended\":1,\"tokens_revoked\":0}");
	free(after);
}

/* The form offers the box, unticked; a refused change keeps the choice. */
static void
test_form(void **state)
{
	(void)state;
	struct hs_session s;
	hs_login(server.port, "admin%40x.vn", "first+password+4", &s);
	struct hc_response r;
	hs_req(server.port, "GET", "/account", s.cookie, NULL, 200, &r);
	hs_contains(&r, "<label class=\"check\"><input type=\"checkbox\" name=\"keep_tokens\" "
			"value=\"1\">Giữ các khoá API hiện có</label>");
	hc_response_free(&r);
	hs_form_req(server.port, &s, "POST", "/account/password",
		    "current=first+password+4&password=x&confirm=y&keep_tokens=1", 400, &r);
	hs_contains(&r, "<input type=\"checkbox\" name=\"keep_tokens\" value=\"1\" "
			"checked=\"checked\">");
	hc_response_free(&r);
}

/* `sxsh user passwd` (an administrator's reset) ends every session and token. */
static void
test_cli_reset(void **state)
{
	(void)state;
	struct hs_session a, b;
	hs_login(server.port, "reset%40x.vn", "first+password+3", &a);
	hs_login(server.port, "reset%40x.vn", "first+password+3", &b);
	char *bearer = new_token(&a, "script");
	expect("/api/v1/session", bearer, 200);
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "printf '%%s\\n' 'a reset password' | %s user passwd --db '%s' --email reset@x.vn",
		 tu_sxsh(), tu_db_url("pwsess.db"));
	char *out = NULL;
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	expect("/account", a.cookie, 303);
	expect("/account", b.cookie, 303);
	expect("/api/v1/session", bearer, 401);
	free(bearer);
	assert_non_null(strstr(out, "sessions ended and API tokens revoked: reset@x.vn"));
	free(out);
	char *after = audit_after("reset@x.vn");
	assert_string_equal(after, "{\"sessions_ended\":2,\"tokens_revoked\":1}");
	free(after);
}

/*
 * A GET of each /api/ route of the route table, with a signed-in caller
 * (cookie and Bearer token): every answer carries Cache-Control: no-store,
 * and so does a problem answer (a POST that is not JSON: 415).  A new API
 * route without a target here fails the test.
 */
static void
test_api_no_store(void **state)
{
	(void)state;
	static const char *const targets[ROUTE__MAX] = {
	    [ROUTE_API_FACILITIES] = "/api/v1/facilities",
	    [ROUTE_API_FACILITY] = "/api/v1/facilities/7001",
	    [ROUTE_API_REPORTS] = "/api/v1/reports",
	    [ROUTE_API_REPORT] = "/api/v1/reports/8001",
	    [ROUTE_API_REGISTRATIONS] = "/api/v1/registrations",
	    [ROUTE_API_REGISTRATION] = "/api/v1/registrations/8001",
	    [ROUTE_API_INDICATORS] = "/api/v1/indicators",
	    [ROUTE_API_KEYUSERS] = "/api/v1/keyusers?year=2023",
	    [ROUTE_API_REFDATA] = "/api/v1/refdata",
	    [ROUTE_API_REFDATA_ITEM] = "/api/v1/refdata/carriers",
	    [ROUTE_API_SESSION] = "/api/v1/session",
	    /* -- assessment options -- */
	    [ROUTE_API_ASSESSMENTS] = "/api/v1/assessments",
	    [ROUTE_API_ASSESSMENT] = "/api/v1/assessments/9301",
	    [ROUTE_API_ASSESS_OPTIONS] = "/api/v1/assessments/9301/options",
	    [ROUTE_API_OPTION] = "/api/v1/options/9301",
	};
	struct hs_session s;
	hs_login(server.port, "admin%40x.vn", "first+password+4", &s);
	char *bearer = new_token(&s, "no-store");
	const char *creds[] = {s.cookie, bearer};
	int n = 0;
	for (int i = 0; i < ROUTE__MAX; i++) {
		if (strncmp(routes[i].path, "/api/", 5) != 0)
			continue;
		if (targets[i] == NULL)
			fail_msg("API route %s has no target in %s", routes[i].path, __FILE__);
		for (int c = 0; c < 2; c++) {
			struct hc_response r;
			hs_req(server.port, "GET", targets[i], creds[c], NULL, 200, &r);
			hs_header_is(&r, "Cache-Control", "no-store");
			hc_response_free(&r);
			n++;
		}
	}
	assert_true(n >= 2 * 11); /* 11 API routes when this was written */
	struct hc_response r;
	char *extra = xasprintf("%s" HS_FORM, bearer);
	hs_req(server.port, "POST", "/api/v1/reports", extra, "a=1", 415, &r);
	hs_header_is(&r, "Content-Type", "application/problem+json");
	hs_header_is(&r, "Cache-Control", "no-store");
	hc_response_free(&r);
	free(extra);
	free(bearer);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_change_revokes_tokens),
	    cmocka_unit_test(test_change_keeps_tokens),
	    cmocka_unit_test(test_form),
	    cmocka_unit_test(test_cli_reset),
	    cmocka_unit_test(test_api_no_store),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
