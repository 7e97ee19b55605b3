/*
 * Sign-in and sign-out as use-cases (model/accounts/login.c): the outcome
 * of each attempt, what it writes (throttle rows, session, audit rows), and
 * that a failure inside its transaction writes nothing.  Times are injected.
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
#include "model/accounts/login.h"
#include "model/accounts/session.h"
#include "model/accounts/throttle.h"
#include "model/accounts/user.h"
#include "testutil.h"

#define T0	 1700000000 /* an arbitrary fixed "now" */
#define PASSWORD "mật khẩu đủ dài"
#define ADDR	 "192.0.2.7"

static struct db *db;
static int64_t uid;
static char uid_text[24];

static int
setup(void **state)
{
	(void)state;
	db = fx_db_new("login.db", NULL);
	struct user_new nu = {
	    .email = "an@example.vn", .role = ROLE_PROVINCE, .password = PASSWORD};
	assert_int_equal(user_add(db, NULL, &nu, T0, &uid, NULL), ST_OK);
	snprintf(uid_text, sizeof(uid_text), "%lld", (long long)uid);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(db);
	return 0;
}

static int64_t
audit_count(const char *action, const char *entity_id)
{
	struct db_stmt *st = db_stmt(db, STMT_AUDIT_COUNT);
	db_bind_text(st, 1, action);
	db_bind_text(st, 2, entity_id);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

/* The failures counted against email since `since`. */
static int64_t
failures(const char *email, int64_t since)
{
	struct db_stmt *st = db_stmt(db, STMT_THROTTLE_BY_EMAIL);
	db_bind_text(st, 1, email);
	db_bind_int(st, 2, since);
	assert_int_equal(db_step(st), DB_ROW);
	int64_t n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

/* Signs in from ADDR at now; asserts the attempt was decided and returns how. */
static enum login_outcome
attempt(const char *email, const char *password, int64_t now, struct login_result *r)
{
	assert_int_equal(login_attempt(db, email, password, ADDR, now, r), ST_OK);
	return r->outcome;
}

/* r's message in lang. */
static const char *
why(const struct login_result *r, int lang)
{
	static char text[256];
	return msg_format(&r->why, lang, text, sizeof(text));
}

static void
test_denied_then_ok(void **state)
{
	(void)state;
	struct login_result r;
	/* user_add wrote its audit row in its own transaction. */
	assert_int_equal(audit_count("user.create", uid_text), 1);

	assert_int_equal(attempt("an@example.vn", "wrong password", T0, &r), LOGIN_DENIED);
	assert_string_equal(why(&r, LANG_VI), "Email hoặc mật khẩu không đúng.");
	assert_string_equal(why(&r, LANG_EN), "The email or password is not correct.");
	assert_int_equal(failures("an@example.vn", 0), 1);
	assert_int_equal(audit_count("login.fail", uid_text), 1);
	/* An unknown account: a failure row too, audited without an entity id. */
	assert_int_equal(attempt("nobody@example.vn", PASSWORD, T0, &r), LOGIN_DENIED);
	assert_int_equal(failures("nobody@example.vn", 0), 1);
	assert_int_equal(audit_count("login.fail", NULL), 2);

	/* The address is compared in lower case; success clears the failures. */
	assert_int_equal(attempt("An@Example.VN", PASSWORD, T0 + 1, &r), LOGIN_OK);
	assert_int_equal(strlen(r.token), SESSION_TOKEN_LEN);
	assert_int_equal(r.session.who.user_id, uid);
	assert_int_equal(failures("an@example.vn", 0), 0);
	assert_int_equal(audit_count("login", uid_text), 1);
	struct session s;
	assert_int_equal(session_lookup(db, r.token, T0 + 2, &s), 1);
	assert_string_equal(s.hash, r.session.hash);

	/* Signing out ends that session and audits it. */
	assert_int_equal(login_end(db, &s.who, s.hash, T0 + 3), ST_OK);
	assert_int_equal(session_lookup(db, r.token, T0 + 4, &s), 0);
	assert_int_equal(audit_count("logout", uid_text), 1);
}

static void
test_throttled(void **state)
{
	(void)state;
	struct login_result r;
	/* THROTTLE_MAX_ACCOUNT (5) failures at T0 + 100 .. T0 + 104. */
	for (int i = 0; i < THROTTLE_MAX_ACCOUNT; i++)
		assert_int_equal(attempt("an@example.vn", "wrong password", T0 + 100 + i, &r),
				 LOGIN_DENIED);
	int64_t fails = audit_count("login.fail", uid_text);
	/* At T0 + 200 the oldest leaves the window at T0 + 100 + 900: 800 s, 14 minutes
	 * rounded up.  Refused before the password is checked, and nothing written. */
	assert_int_equal(attempt("an@example.vn", PASSWORD, T0 + 200, &r), LOGIN_THROTTLED);
	assert_int_equal(r.wait_min, 14);
	assert_string_equal(why(&r, LANG_VI), "Quá nhiều lần đăng nhập sai, thử lại sau 14 phút.");
	assert_string_equal(why(&r, LANG_EN), "Too many failed sign-ins; try again in 14 minutes.");
	assert_int_equal(failures("an@example.vn", 0), THROTTLE_MAX_ACCOUNT);
	assert_int_equal(audit_count("login.fail", uid_text), fails);
	assert_int_equal(audit_count("login", uid_text), 1);
	/* After the window the right password signs in again. */
	assert_int_equal(attempt("an@example.vn", PASSWORD, T0 + 1100, &r), LOGIN_OK);
	assert_int_equal(failures("an@example.vn", 0), 0);
	assert_int_equal(audit_count("login", uid_text), 2);
}

/*
 * The owner's password change under the sign-in's throttle: wrong current
 * passwords count as failed sign-ins of the account until it is throttled;
 * after the window, two different copies, then a short password are refused
 * without writing, and the change itself is audited.  Its own account and
 * address, so the other tests' counts stay as they were.
 */
static void
test_password_change(void **state)
{
	(void)state;
	int64_t id;
	struct user_new nu = {
	    .email = "bo@example.vn", .role = ROLE_PROVINCE, .password = PASSWORD};
	assert_int_equal(user_add(db, NULL, &nu, T0, &id, NULL), ST_OK);
	struct user u;
	assert_int_equal(user_get(db, id, &u), ST_OK);
	struct principal who;
	user_principal(&u, &who);
	char id_text[24];
	snprintf(id_text, sizeof(id_text), "%lld", (long long)id);
	const char *addr = "192.0.2.8";
	struct login_result r;
	struct login_password wrong = {"wrong password", "a new long password",
				       "a new long password", 0};
	for (int i = 0; i < THROTTLE_MAX_ACCOUNT; i++) {
		assert_int_equal(
		    login_password_change(db, &who, NULL, &wrong, addr, T0 + 1200 + i, &r), ST_OK);
		assert_int_equal(r.outcome, LOGIN_DENIED);
	}
	assert_string_equal(why(&r, LANG_VI), "Mật khẩu hiện tại không đúng.");
	assert_string_equal(why(&r, LANG_EN), "The current password is not correct.");
	assert_int_equal(failures("bo@example.vn", 0), THROTTLE_MAX_ACCOUNT);
	/* At T0 + 1300 the oldest failure leaves the window at T0 + 1200 + 900: 800 s,
	 * 14 minutes rounded up; even the right password is not checked. */
	struct login_password right = {PASSWORD, "a new long password", "a new long password", 0};
	assert_int_equal(login_password_change(db, &who, NULL, &right, addr, T0 + 1300, &r), ST_OK);
	assert_int_equal(r.outcome, LOGIN_THROTTLED);
	assert_int_equal(r.wait_min, 14);
	assert_int_equal(failures("bo@example.vn", 0), THROTTLE_MAX_ACCOUNT);

	/* After the window: the copies differ, then the new password is too short. */
	struct login_password differ = {PASSWORD, "a new long password", "a new long passwort", 0};
	assert_int_equal(login_password_change(db, &who, NULL, &differ, addr, T0 + 2200, &r),
			 ST_INVALID);
	assert_string_equal(why(&r, LANG_VI), "Hai lần nhập mật khẩu mới không khớp.");
	assert_string_equal(why(&r, LANG_EN), "The two new passwords differ.");
	/* A missing field counts as a wrong current password. */
	struct login_password missing = {NULL, "a new long password", "a new long password", 0};
	assert_int_equal(login_password_change(db, &who, NULL, &missing, addr, T0 + 2201, &r),
			 ST_OK);
	assert_int_equal(r.outcome, LOGIN_DENIED);
	assert_int_equal(failures("bo@example.vn", T0 + 2201), 1);
	struct login_password shortpw = {PASSWORD, "short", "short", 0};
	assert_int_equal(login_password_change(db, &who, NULL, &shortpw, addr, T0 + 2202, &r),
			 ST_INVALID);
	assert_string_equal(why(&r, LANG_EN), "the password must have at least 10 characters");
	assert_int_equal(audit_count("user.password", id_text), 0);

	assert_int_equal(login_password_change(db, &who, NULL, &right, addr, T0 + 2203, &r), ST_OK);
	assert_int_equal(r.outcome, LOGIN_OK);
	assert_int_equal(audit_count("user.password", id_text), 1);
	assert_int_equal(user_get(db, id, &u), ST_OK);
	assert_true(user_password_verify(u.hash, "a new long password"));
	assert_false(user_password_verify(u.hash, PASSWORD));
}

/* A sign-in whose session cannot be written leaves the failures and the audit log as
 * they were: the throttle reset and the audit row are in the same transaction. */
static void
test_failure_writes_nothing(void **state)
{
	(void)state;
	struct login_result r;
	assert_int_equal(attempt("an@example.vn", "wrong password", T0 + 2000, &r), LOGIN_DENIED);
	assert_int_equal(failures("an@example.vn", 0), 1);
	assert_int_equal(db_exec(db, "DROP TABLE session"), DB_OK);
	assert_int_equal(login_attempt(db, "an@example.vn", PASSWORD, ADDR, T0 + 2001, &r), ST_ERR);
	assert_int_equal(failures("an@example.vn", 0), 1);
	assert_int_equal(audit_count("login", uid_text), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_denied_then_ok),
	    cmocka_unit_test(test_throttled),
	    cmocka_unit_test(test_password_change),
	    cmocka_unit_test(test_failure_writes_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
