/*
 * Accounts, sessions, API tokens, throttling and audit (model/accounts/user.c,
 * session.c, apitoken.c, throttle.c, audit.c).  Times are injected: every
 * call takes `now`, so expiry is checked at exact boundaries without
 * waiting.  Expected values are worked out beside each assertion.
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
#include "model/accounts/apitoken.h"
#include "model/registry/refdata.h"
#include "model/accounts/session.h"
#include "model/accounts/throttle.h"
#include "model/accounts/user.h"
#include "testutil.h"

#define T0 1700000000 /* an arbitrary fixed "now" */

static struct db *db;
static int64_t facility_id;

static int
setup(void **state)
{
	(void)state;
	/* An explicit id: db_last_id after db_exec is not portable to PostgreSQL. */
	db = fx_db_new("user.db",
		       "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
		       "ownership, size) VALUES (7001, 'F1', 'Cơ sở Một', 'co so mot', '1061', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small')");
	facility_id = 7001;
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

/*
 * Creates an account with a fixed long password, expecting status want and,
 * when want is not ST_OK, message want_msg.  Returns its id (0 when refused).
 */
static int64_t
add(const char *email, enum role role, const char *unit, int64_t facility, enum status want,
    enum msg_id want_msg)
{
	struct user_new nu = {.email = email,
			      .role = role,
			      .unit_code = unit,
			      .facility_id = facility,
			      .password = "mật khẩu đủ dài"};
	int64_t id = 0;
	struct msg why;
	msg_init(&why, MSG_NONE, NULL);
	enum status st = user_create(db, NULL, &nu, T0, &id, &why);
	char text[512];
	if (st != want || (want != ST_OK && why.id != want_msg))
		fail_msg("%s: status %d (%s), expected %d", email, st,
			 msg_format(&why, MSG_BOTH, text, sizeof(text)), want);
	return id;
}

/* The message of user_password_check(pw): MSG_NONE when it is accepted. */
static enum msg_id
pw_check(const char *pw)
{
	struct msg why;
	enum status st = user_password_check(pw, &why);
	if (st == ST_OK)
		return MSG_NONE;
	assert_int_equal(st, ST_INVALID);
	return why.id;
}

static void
test_hash_round_trip(void **state)
{
	(void)state;
	char hash[256];
	assert_int_equal(user_password_hash("correct horse battery", hash, sizeof(hash)), 0);
	/* Argon2id v1.3, m = 64 MiB = 65536 KiB, t = 3 passes, p = 1 lane. */
	assert_memory_equal(hash, "$argon2id$v=19$m=65536,t=3,p=1$", 31);
	assert_int_equal(user_password_verify(hash, "correct horse battery"), 1);
	assert_int_equal(user_password_verify(hash, "correct horse batterY"), 0);
	assert_int_equal(user_password_verify(hash, ""), 0);
	assert_int_equal(user_password_verify("", "correct horse battery"), 0);
	assert_int_equal(user_password_verify("$argon2id$garbage", "x"), 0);

	char g1[USER_GENERATED_PASSWORD + 1], g2[USER_GENERATED_PASSWORD + 1];
	user_password_generate(g1);
	user_password_generate(g2);
	assert_int_equal(strlen(g1), 20);
	assert_string_not_equal(g1, g2); /* 2^-116 chance of a false failure */
	assert_int_equal(pw_check(g1), MSG_NONE);
}

static void
test_password_rules(void **state)
{
	(void)state;
	assert_int_equal(pw_check("123456789"), MSG_USER_PASSWORD_SHORT); /* 9 < 10 */
	assert_int_equal(pw_check("1234567890"), MSG_NONE);		  /* 10 */
	/* 10 code points, 2 bytes each = 20 bytes: counted as 10 characters. */
	assert_int_equal(pw_check("ăâđêôơưăâđ"), MSG_NONE);
	assert_int_equal(pw_check("ăâđêôơưăâ"), MSG_USER_PASSWORD_SHORT); /* 9 */
	char long_pw[130];
	memset(long_pw, 'a', 129);
	long_pw[129] = '\0';
	assert_int_equal(pw_check(long_pw), MSG_USER_PASSWORD_LONG); /* 129 > 128 */
	long_pw[128] = '\0';
	assert_int_equal(pw_check(long_pw), MSG_NONE); /* exactly 128 */
	assert_int_equal(pw_check("abcdefghij\n"), MSG_USER_PASSWORD_BAD);
	assert_int_equal(pw_check("abcdefghij\xff"), MSG_USER_PASSWORD_BAD);
}

/* The accounts' messages render as they read before they became ids. */
static void
test_messages(void **state)
{
	(void)state;
	char text[512];
	struct msg m;
	assert_int_equal(user_password_check("short", &m), ST_INVALID);
	assert_string_equal(msg_format(&m, LANG_VI, text, sizeof(text)),
			    "mật khẩu phải có ít nhất 10 ký tự");
	assert_string_equal(msg_format(&m, LANG_EN, text, sizeof(text)),
			    "the password must have at least 10 characters");
	user_msg(&m, MSG_USER_PASSWORD_LONG);
	assert_string_equal(msg_format(&m, MSG_BOTH, text, sizeof(text)),
			    "mật khẩu dài quá 128 byte / the password is longer than 128 bytes");
	user_msg(&m, MSG_USER_EXISTS);
	assert_string_equal(msg_format(&m, MSG_BOTH, text, sizeof(text)),
			    "email này đã có tài khoản / this email already has an account");
	user_msg(&m, MSG_USER_INTERNAL);
	assert_string_equal(msg_format(&m, MSG_BOTH, text, sizeof(text)),
			    "lỗi nội bộ, xem nhật ký máy chủ / internal error, see the server log");
}

static void
test_create_rules(void **state)
{
	(void)state;
	int64_t before = audit_count("user.create", NULL);
	int64_t admin = add("Admin@Example.ORG", ROLE_ADMIN, NULL, 0, ST_OK, MSG_NONE);
	add("admin@example.org", ROLE_PROVINCE, NULL, 0, ST_EXISTS,
	    MSG_USER_EXISTS); /* same, other case */
	add("not-an-email", ROLE_ADMIN, NULL, 0, ST_INVALID, MSG_USER_EMAIL);
	add("a@b", ROLE_ADMIN, NULL, 0, ST_INVALID, MSG_USER_EMAIL); /* no dot in the domain */
	add("d1@x.vn", ROLE_DISTRICT, NULL, 0, ST_INVALID, MSG_USER_UNIT_NEEDED);
	add("d1@x.vn", ROLE_DISTRICT, "nowhere", 0, ST_INVALID, MSG_USER_UNIT_UNKNOWN);
	add("d1@x.vn", ROLE_DISTRICT, "kien-giang", 0, ST_INVALID,
	    MSG_USER_UNIT_UNKNOWN); /* a province */
	int64_t district = add("d1@x.vn", ROLE_DISTRICT, "rach-gia", 0, ST_OK, MSG_NONE);
	add("p1@x.vn", ROLE_PROVINCE, "rach-gia", 0, ST_INVALID, MSG_USER_UNIT_EXTRA);
	add("e1@x.vn", ROLE_ENTERPRISE, NULL, 0, ST_INVALID, MSG_USER_FACILITY_NEEDED);
	add("e1@x.vn", ROLE_ENTERPRISE, NULL, facility_id + 1000, ST_INVALID,
	    MSG_USER_FACILITY_UNKNOWN);
	add("x1@x.vn", ROLE_EXPERT, NULL, facility_id, ST_INVALID, MSG_USER_FACILITY_EXTRA);
	int64_t ent = add("e1@x.vn", ROLE_ENTERPRISE, NULL, facility_id, ST_OK, MSG_NONE);
	/* Three accounts created, each with one audit row. */
	assert_int_equal(audit_count("user.create", NULL) - before, 3);

	struct user u;
	assert_int_equal(user_get(db, admin, &u), ST_OK);
	assert_string_equal(u.email, "admin@example.org"); /* stored in lower case */
	assert_int_equal(u.role, ROLE_ADMIN);
	assert_int_equal(u.created_at, T0);
	assert_int_equal(user_by_email(db, "D1@X.VN", &u), ST_OK);
	assert_int_equal(u.id, district);
	assert_string_equal(u.unit_code, "rach-gia");
	assert_int_equal(user_get(db, ent, &u), ST_OK);
	assert_int_equal(u.facility_id, facility_id);
	assert_string_equal(u.facility_name, "Cơ sở Một");
	assert_int_equal(user_by_email(db, "nobody@x.vn", &u), ST_NOTFOUND);

	enum role r = ROLE_ADMIN;
	assert_int_equal(user_role_parse("expert", &r), 0);
	assert_int_equal(r, ROLE_EXPERT);
	assert_int_equal(user_role_parse("root", &r), -1);
}

static void
test_expiry_arithmetic(void **state)
{
	(void)state;
	/* Idle limit 2 h = 7200 s, absolute 12 h = 43200 s. */
	assert_int_equal(session_expiry(1000, 1000, 1000 + 7199), SESSION_LIVE);
	assert_int_equal(session_expiry(1000, 1000, 1000 + 7200), SESSION_IDLE);
	/* Used 199 s ago, but 43199 s after sign-in: still live; one second more is not. */
	assert_int_equal(session_expiry(0, 43000, 43199), SESSION_LIVE);
	assert_int_equal(session_expiry(0, 43000, 43200), SESSION_ABSOLUTE);
	/* Both limits passed: absolute is reported. */
	assert_int_equal(session_expiry(0, 0, 50000), SESSION_ABSOLUTE);
}

static void
test_sessions(void **state)
{
	(void)state;
	struct user u;
	assert_int_equal(user_by_email(db, "d1@x.vn", &u), ST_OK);
	char token[SESSION_TOKEN_LEN + 1], hash[SESSION_HASH_LEN + 1];
	struct session s, f;
	assert_int_equal(session_create(db, &u, T0, token, &s), 0);
	assert_int_equal(strlen(token), 43); /* ceil(32 * 4 / 3) = 43 base64url characters */
	assert_int_equal(strlen(s.csrf), 43);
	assert_int_equal(session_secret_hash(token, hash), 0);
	assert_string_equal(hash, s.hash);
	assert_int_equal(strlen(hash), 64); /* 32-byte BLAKE2b in hex */
	assert_int_equal(session_secret_hash("short", hash), -1);

	assert_int_equal(session_lookup(db, token, T0 + 30, &f), 1);
	assert_int_equal(f.who.user_id, u.id);
	assert_int_equal(f.who.role, ROLE_DISTRICT);
	assert_int_equal(f.who.unit_id, u.unit_id);
	assert_string_equal(f.csrf, s.csrf);
	assert_string_equal(f.who.email, "d1@x.vn");
	/* Used at T0+30, under SESSION_TOUCH_EVERY (60): last_seen stays T0. */
	assert_int_equal(f.last_seen, T0);
	/* Used at T0+3600: touched; idle now counts from there. */
	assert_int_equal(session_lookup(db, token, T0 + 3600, &f), 1);
	assert_int_equal(session_lookup(db, token, T0 + 3600 + 7199, &f), 1);
	assert_int_equal(f.last_seen, T0 + 3600 + 7199);
	/* Touched at T0+10799; 12 h after sign-in (T0+43200) it ends anyway. */
	assert_int_equal(session_lookup(db, token, T0 + 10799 + 7000, &f), 1);
	assert_int_equal(session_lookup(db, token, T0 + 17799 + 7000, &f), 1);
	assert_int_equal(session_lookup(db, token, T0 + 24799 + 7000, &f), 1);
	assert_int_equal(session_lookup(db, token, T0 + 31799 + 7000, &f), 1); /* T0+38799 */
	assert_int_equal(session_lookup(db, token, T0 + 43200, &f), 0);
	/* Expired sessions are deleted: even an earlier clock no longer finds it. */
	assert_int_equal(session_lookup(db, token, T0 + 100, &f), 0);

	/* Idle expiry, and destroy. */
	assert_int_equal(session_create(db, &u, T0, token, &s), 0);
	assert_int_equal(session_lookup(db, token, T0 + 7200, &f), 0);
	assert_int_equal(session_create(db, &u, T0, token, &s), 0);
	assert_int_equal(session_destroy(db, s.hash), 0);
	assert_int_equal(session_lookup(db, token, T0 + 1, &f), 0);

	/* The test hook ages a session as if it had started an hour earlier. */
	assert_int_equal(session_create(db, &u, T0, token, &s), 0);
	assert_int_equal(session_age(db, token, 3600), 0);
	assert_int_equal(session_lookup(db, token, T0 + 3599, &f), 1); /* 7199 s idle */
	assert_int_equal(f.created, T0 - 3600);

	/* Disabling the account ends its sessions. */
	assert_int_equal(user_set_disabled(db, NULL, u.id, 1, T0, NULL), ST_OK);
	assert_int_equal(session_lookup(db, token, T0 + 3600, &f), 0);
	assert_int_equal(user_set_disabled(db, NULL, u.id, 0, T0, NULL), ST_OK);
	assert_int_equal(audit_count("user.disable", NULL), 1);
	assert_int_equal(audit_count("user.enable", NULL), 1);
}

static void
test_password_change(void **state)
{
	(void)state;
	struct user u;
	assert_int_equal(user_by_email(db, "admin@example.org", &u), ST_OK);
	assert_int_equal(user_password_verify(u.hash, "mật khẩu đủ dài"), 1);
	struct msg why;
	assert_int_equal(user_set_password(db, NULL, u.id, "short", T0, &why), ST_INVALID);
	assert_int_equal(why.id, MSG_USER_PASSWORD_SHORT);
	assert_int_equal(user_set_password(db, NULL, u.id, "a new long password", T0, NULL), ST_OK);
	assert_int_equal(user_get(db, u.id, &u), ST_OK);
	assert_int_equal(user_password_verify(u.hash, "mật khẩu đủ dài"), 0);
	assert_int_equal(user_password_verify(u.hash, "a new long password"), 1);
	char key[32];
	snprintf(key, sizeof(key), "%lld", (long long)u.id);
	assert_int_equal(audit_count("user.password", key), 1);
	assert_int_equal(user_set_password(db, NULL, 999999, "a new long password", T0, &why),
			 ST_NOTFOUND);
	assert_int_equal(why.id, MSG_USER_NOTFOUND);
}

/* The after_json of the latest "user.password" audit row of user id. */
static char *
password_audit(int64_t id)
{
	char sql[192];
	snprintf(sql, sizeof(sql),
		 "SELECT after_json FROM audit WHERE action = 'user.password' AND entity_id = "
		 "'%lld' ORDER BY id DESC",
		 (long long)id);
	return tu_query_text("user.db", sql);
}

/*
 * A new password ends the credentials made with the old one: the user's
 * own change keeps the session making it and, when asked, the API tokens;
 * a reset (user_set_password) ends every session and token.  Each change
 * records in its audit row how many it ended.
 */
static void
test_password_credentials(void **state)
{
	(void)state;
	int64_t id = add("pw@x.vn", ROLE_PROVINCE, NULL, 0, ST_OK, MSG_NONE);
	struct user u;
	struct principal who;
	assert_int_equal(user_get(db, id, &u), ST_OK);
	user_principal(&u, &who);
	char tok[3][SESSION_TOKEN_LEN + 1], key[3][APITOKEN_LEN + 1];
	struct session s[3], f;
	for (int i = 0; i < 3; i++)
		assert_int_equal(session_create(db, &u, T0, tok[i], &s[i]), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(apitoken_create(db, &who, "script", T0, key[i], NULL), ST_OK);
	struct apitoken *list = NULL;
	size_t n = 0;
	assert_int_equal(apitoken_list(db, id, &list, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(apitoken_revoke(db, &who, list[0].id, T0), ST_OK); /* newest: key[2] */
	free(list);

	/* Keep tokens: sessions 1 and 2 end, 0 stays; key 0 and 1 still work. */
	assert_int_equal(
	    user_change_password(db, &who, s[0].hash, 1, "second long password", T0, NULL), ST_OK);
	assert_int_equal(session_lookup(db, tok[0], T0 + 1, &f), 1);
	assert_int_equal(session_lookup(db, tok[1], T0 + 1, &f), 0);
	assert_int_equal(session_lookup(db, tok[2], T0 + 1, &f), 0);
	assert_int_equal(apitoken_lookup(db, key[0], T0 + 1, &f), 1);
	assert_int_equal(apitoken_lookup(db, key[1], T0 + 1, &f), 1);
	char *after = password_audit(id);
	assert_string_equal(after, "{\"sessions_ended\":2,\"tokens_revoked\":0}");
	free(after);

	/* Without: a new session 1 ends, 0 stays; the two live keys are revoked. */
	assert_int_equal(session_create(db, &u, T0, tok[1], &s[1]), 0);
	assert_int_equal(
	    user_change_password(db, &who, s[0].hash, 0, "third long password", T0, NULL), ST_OK);
	assert_int_equal(session_lookup(db, tok[0], T0 + 2, &f), 1);
	assert_int_equal(session_lookup(db, tok[1], T0 + 2, &f), 0);
	assert_int_equal(apitoken_lookup(db, key[0], T0 + 2, &f), 0);
	assert_int_equal(apitoken_lookup(db, key[1], T0 + 2, &f), 0);
	after = password_audit(id);
	assert_string_equal(after, "{\"sessions_ended\":1,\"tokens_revoked\":2}");
	free(after);

	/* A reset ends sessions 0 and a new 1, and a new key 2. */
	assert_int_equal(session_create(db, &u, T0, tok[1], &s[1]), 0);
	assert_int_equal(apitoken_create(db, &who, "script", T0, key[2], NULL), ST_OK);
	assert_int_equal(user_set_password(db, NULL, id, "a reset long password", T0, NULL), ST_OK);
	assert_int_equal(session_lookup(db, tok[0], T0 + 3, &f), 0);
	assert_int_equal(session_lookup(db, tok[1], T0 + 3, &f), 0);
	assert_int_equal(apitoken_lookup(db, key[2], T0 + 3, &f), 0);
	after = password_audit(id);
	assert_string_equal(after, "{\"sessions_ended\":2,\"tokens_revoked\":1}");
	free(after);
	/* A refused password changes nothing. */
	assert_int_equal(session_create(db, &u, T0, tok[1], &s[1]), 0);
	struct msg why;
	assert_int_equal(user_change_password(db, &who, NULL, 0, "short", T0, &why), ST_INVALID);
	assert_int_equal(why.id, MSG_USER_PASSWORD_SHORT);
	assert_int_equal(session_lookup(db, tok[1], T0 + 4, &f), 1);
}

static void
test_api_tokens(void **state)
{
	(void)state;
	struct user u;
	assert_int_equal(user_by_email(db, "e1@x.vn", &u), ST_OK);
	struct principal who;
	user_principal(&u, &who);
	char token[APITOKEN_LEN + 1];
	struct msg why;
	char text[128];
	assert_int_equal(apitoken_create(db, &who, "", T0, token, &why), ST_INVALID);
	assert_string_equal(
	    msg_format(&why, MSG_BOTH, text, sizeof(text)),
	    "Tên mã phải có từ 1 đến 100 byte. / A token's name must have 1 to 100 bytes.");
	assert_int_equal(apitoken_create(db, &who, "script", T0, token, NULL), ST_OK);
	assert_int_equal(strlen(token), 48); /* "sxsh_" 5 + 43 */
	assert_memory_equal(token, "sxsh_", 5);
	struct session s;
	assert_int_equal(apitoken_lookup(db, token, T0 + 5, &s), 1);
	assert_int_equal(s.who.user_id, u.id);
	assert_int_equal(s.who.role, ROLE_ENTERPRISE);
	assert_int_equal(s.who.facility_id, facility_id);
	assert_string_equal(s.csrf, "");
	assert_int_equal(apitoken_lookup(db, token + 5, T0, &s), 0); /* prefix required */

	struct apitoken *list = NULL;
	size_t n = 0;
	assert_int_equal(apitoken_list(db, u.id, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "script");
	assert_int_equal(list[0].last_used, T0 + 5);
	int64_t id = list[0].id;
	free(list);

	/* Another user cannot revoke it; its owner can, once. */
	struct user other;
	struct principal ow;
	assert_int_equal(user_by_email(db, "admin@example.org", &other), ST_OK);
	user_principal(&other, &ow);
	assert_int_equal(apitoken_revoke(db, &ow, id, T0), ST_NOTFOUND);
	assert_int_equal(apitoken_revoke(db, &who, id, T0 + 9), ST_OK);
	assert_int_equal(apitoken_revoke(db, &who, id, T0 + 9), ST_NOTFOUND);
	assert_int_equal(apitoken_lookup(db, token, T0 + 10, &s), 0);
}

static void
test_throttle(void **state)
{
	(void)state;
	int wait = -1;
	const char *addr = "192.0.2.1";
	for (int i = 0; i < 5; i++) {
		assert_int_equal(throttle_check(db, "t@x.vn", addr, T0 + i, &wait), 0);
		assert_int_equal(throttle_fail(db, "t@x.vn", addr, T0 + i), 0);
	}
	/* 5 failures at T0..T0+4: refused at T0+5 until T0 + 900 leaves the window:
	 * 895 s left, ceil(895 / 60) = 15 minutes. */
	assert_int_equal(throttle_check(db, "t@x.vn", addr, T0 + 5, &wait), 1);
	assert_int_equal(wait, 15);
	/* At T0+839: 61 s left -> 2 minutes. */
	assert_int_equal(throttle_check(db, "t@x.vn", addr, T0 + 839, &wait), 1);
	assert_int_equal(wait, 2);
	/* At T0+900 the window is (T0, T0+900]: the failure at T0 has left, 4 remain. */
	assert_int_equal(throttle_check(db, "t@x.vn", addr, T0 + 900, &wait), 0);
	/* Other accounts from another address are not affected. */
	assert_int_equal(throttle_check(db, "u@x.vn", "192.0.2.2", T0 + 5, &wait), 0);
	/* Success clears the account's failures. */
	assert_int_equal(throttle_success(db, "t@x.vn"), 0);
	assert_int_equal(throttle_check(db, "t@x.vn", "192.0.2.9", T0 + 6, &wait), 0);

	/* 20 failures from one address over 20 accounts: the address is refused. */
	char email[32];
	for (int i = 0; i < 20; i++) {
		snprintf(email, sizeof(email), "spray%d@x.vn", i);
		assert_int_equal(throttle_fail(db, email, "198.51.100.7", T0 + 100), 0);
	}
	assert_int_equal(throttle_check(db, "fresh@x.vn", "198.51.100.7", T0 + 100, &wait), 1);
	assert_int_equal(wait, 15); /* 900 s left -> 15 minutes */
	assert_int_equal(throttle_check(db, "fresh@x.vn", "198.51.100.8", T0 + 100, &wait), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hash_round_trip),   cmocka_unit_test(test_password_rules),
	    cmocka_unit_test(test_messages),	      cmocka_unit_test(test_create_rules),
	    cmocka_unit_test(test_expiry_arithmetic), cmocka_unit_test(test_sessions),
	    cmocka_unit_test(test_password_change),   cmocka_unit_test(test_password_credentials),
	    cmocka_unit_test(test_api_tokens),	      cmocka_unit_test(test_throttle),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
