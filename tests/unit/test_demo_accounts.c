/*
 * Tests of the demo accounts (model/demo/demo_accounts.c) and `sxsh demo
 * --accounts`.  What was stored is read back through a connection of its
 * own with literal SQL both backends accept (tu_query_text), and the
 * printed passwords are checked against the stored Argon2id hashes with
 * user_password_verify, so a password that was printed but not stored (or
 * stored but not printed) fails.
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
#include "demohash.h"
#include "fixture.h"
#include "model/demo/demo.h"
#include "model/demo/demo_accounts.h"
#include "model/registry/refdata.h"
#include "model/accounts/user.h"
#include "testutil.h"

#define N 2000 /* facilities: enough for shrimp freezers and rice mills */

/* The stored hash of email's password. */
static const char *
stored_hash(const char *name, const char *email, char *out, size_t n)
{
	char sql[256];
	snprintf(sql, sizeof(sql), "SELECT password_hash FROM app_user WHERE email = '%s'", email);
	return tu_query_buf(name, sql, out, n);
}

/* The code of the facility the enterprise account email is a confirmed
 * member of ("" when none). */
static const char *
member_code(const char *name, const char *email, char *out, size_t n)
{
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "SELECT f.code FROM facility_member m JOIN app_user u ON u.id = m.user_id "
		 "JOIN facility f ON f.id = m.facility_id WHERE m.status = 'confirmed' AND "
		 "u.email = '%s' AND u.facility_id = f.id",
		 email);
	return tu_query_buf(name, sql, out, n);
}

/*
 * The facility the brief asks for, written independently of the
 * statement under test: of the facilities of `sector` with a report
 * listing `product`, the medium-size ones first, then by code.
 */
static const char *
expected_code(const char *name, const char *sector, const char *product, char *out, size_t n)
{
	char sql[700];
	snprintf(sql, sizeof(sql),
		 "SELECT f.code FROM facility f WHERE f.sector_code = '%s' AND f.id IN ("
		 "SELECT r.facility_id FROM report r, report_output o WHERE o.report_id = r.id "
		 "AND o.product_code = '%s') ORDER BY CASE f.size WHEN 'medium' THEN 0 ELSE 1 "
		 "END, f.code LIMIT 1",
		 sector, product);
	return tu_query_buf(name, sql, out, n);
}

static struct db *
gen(const char *name)
{
	char err[512];
	struct db *db = fx_db_new(name, NULL);
	struct demo_opts o = {.seed = 1, .facilities = N};
	if (demo_generate(db, &o, NULL, err, sizeof(err)) != DEMO_OK)
		fail_msg("demo_generate: %s", err);
	return db;
}

static void
test_accounts_created_then_exist(void **state)
{
	(void)state;
	static const char *const emails[DEMO_ACCOUNTS] = {
	    "admin@demo.sxsh.vn",     "so@demo.sxsh.vn",  "rachgia@demo.sxsh.vn",
	    "chuyengia@demo.sxsh.vn", "dn1@demo.sxsh.vn", "dn2@demo.sxsh.vn",
	};
	static const char *const roles[DEMO_ACCOUNTS] = {
	    "admin", "province", "district", "expert", "enterprise", "enterprise",
	};
	char err[512], buf[256], want[64], sql[256];
	struct db *db = gen("a.db");
	int64_t rows0, rows1;
	uint64_t h0 = tu_demo_hash("a.db", &rows0);

	struct demo_account acc[DEMO_ACCOUNTS];
	assert_int_equal(demo_accounts_ensure(db, 0, 1700000000, acc, err, sizeof(err)), 0);
	for (int i = 0; i < DEMO_ACCOUNTS; i++) {
		assert_string_equal(acc[i].email, emails[i]);
		assert_int_equal(acc[i].state, DEMO_ACCOUNT_CREATED);
		assert_int_equal(strlen(acc[i].password), USER_GENERATED_PASSWORD);
		snprintf(sql, sizeof(sql), "SELECT role FROM app_user WHERE email = '%s'",
			 emails[i]);
		assert_string_equal(tu_query_buf("a.db", sql, buf, sizeof(buf)), roles[i]);
		assert_int_equal(
		    user_password_verify(stored_hash("a.db", emails[i], buf, sizeof(buf)),
					 acc[i].password),
		    1);
		assert_int_equal(user_password_verify(buf, "not-the-password-1"), 0);
	}
	/* The passwords are random: no two alike (116 bits each). */
	for (int i = 0; i < DEMO_ACCOUNTS; i++)
		for (int j = i + 1; j < DEMO_ACCOUNTS; j++)
			assert_string_not_equal(acc[i].password, acc[j].password);
	/* Nothing in clear: no column of app_user holds a password. */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM app_user WHERE password_hash = '%s'",
		 acc[0].password);
	assert_string_equal(tu_query_buf("a.db", sql, buf, sizeof(buf)), "0");
	assert_string_equal(
	    tu_query_buf(
		"a.db",
		"SELECT a.code FROM app_user u JOIN admin_unit a ON a.id = u.admin_unit_id "
		"WHERE u.email = 'rachgia@demo.sxsh.vn'",
		buf, sizeof(buf)),
	    "rach-gia");
	assert_string_equal(member_code("a.db", "dn1@demo.sxsh.vn", buf, sizeof(buf)),
			    expected_code("a.db", "1020", "frozen_shrimp", want, sizeof(want)));
	assert_string_equal(member_code("a.db", "dn2@demo.sxsh.vn", buf, sizeof(buf)),
			    expected_code("a.db", "1061", "milled_rice", want, sizeof(want)));
	assert_string_not_equal(want, "");
	/* Each account by the same path as `sxsh user add`: one user.create row. */
	assert_string_equal(tu_query_buf("a.db",
					 "SELECT count(*) FROM audit WHERE action = 'user.create'",
					 buf, sizeof(buf)),
			    "6");
	assert_true(tu_demo_hash("a.db", &rows1) == h0);
	assert_true(rows1 == rows0);

	/* Again: nothing created, nothing changed, no password handed out. */
	char before[256];
	stored_hash("a.db", "dn1@demo.sxsh.vn", before, sizeof(before));
	assert_int_equal(demo_accounts_ensure(db, 0, 1700000001, acc, err, sizeof(err)), 0);
	for (int i = 0; i < DEMO_ACCOUNTS; i++) {
		assert_int_equal(acc[i].state, DEMO_ACCOUNT_EXISTS);
		assert_string_equal(acc[i].password, "");
	}
	assert_string_equal(stored_hash("a.db", "dn1@demo.sxsh.vn", buf, sizeof(buf)), before);
	assert_string_equal(tu_query_buf("a.db", "SELECT count(*) FROM app_user", buf, sizeof(buf)),
			    "6");

	/* Reset: same accounts, new passwords; the old ones stop working. */
	assert_int_equal(demo_accounts_ensure(db, 1, 1700000002, acc, err, sizeof(err)), 0);
	assert_int_equal(acc[4].state, DEMO_ACCOUNT_RESET);
	stored_hash("a.db", "dn1@demo.sxsh.vn", buf, sizeof(buf));
	assert_int_equal(user_password_verify(buf, acc[4].password), 1);
	assert_int_equal(user_password_verify(before, acc[4].password), 0);
	assert_string_equal(tu_query_buf("a.db", "SELECT count(*) FROM app_user", buf, sizeof(buf)),
			    "6");
	demo_accounts_wipe(acc, DEMO_ACCOUNTS);
	assert_string_equal(acc[0].password, "");
	db_close(db);
}

/* Runs sxsh with args on database `name`; returns the exit status. */
static int
run(const char *name, const char *args, char **out, char **err)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "'%s' demo --db '%s' --facilities %d %s", tu_sxsh(),
		 tu_db_url(name), N, args);
	return tu_run(cmd, out, err);
}

/* The number of times needle occurs in s. */
static int
count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* The password printed on the row of email in out, into pw. */
static void
printed_password(const char *out, const char *email, char *pw)
{
	const char *p = strstr(out, email);
	assert_non_null(p);
	p += strlen(email);
	p += strspn(p, " ");
	size_t n = strcspn(p, " \n"); /* the role column */
	p += n;
	p += strspn(p, " ");
	n = strcspn(p, " \n");
	assert_int_equal(n, USER_GENERATED_PASSWORD);
	memcpy(pw, p, n);
	pw[n] = '\0';
}

static void
test_command(void **state)
{
	(void)state;
	char *out = NULL, *err = NULL, pw[USER_GENERATED_PASSWORD + 1], buf[256];
	db_close(tu_db_new("c.db")); /* new and empty, on either backend */
	db_close(tu_db_new("plain.db"));
	assert_int_equal(run("c.db", "--accounts", &out, &err), 0);
	assert_non_null(strstr(out, "Tài khoản mẫu / Demo accounts"));
	assert_non_null(strstr(out, "mật khẩu / password"));
	assert_int_equal(count(out, "@demo.sxsh.vn"), 6);
	assert_int_equal(count(out, "exists"), 0);
	printed_password(out, "admin@demo.sxsh.vn", pw);
	assert_int_equal(
	    user_password_verify(stored_hash("c.db", "admin@demo.sxsh.vn", buf, sizeof(buf)), pw),
	    1);
	free(out);
	free(err);

	/* The province is the same with or without the accounts. */
	assert_int_equal(run("plain.db", "", NULL, NULL), 0);
	int64_t r1, r2;
	assert_true(tu_demo_hash("c.db", &r1) == tu_demo_hash("plain.db", &r2));
	assert_true(r1 == r2 && r1 > N);

	/* On a province that exists: no new facilities, every account listed. */
	assert_int_equal(run("c.db", "--accounts", &out, &err), 0);
	assert_int_equal(count(out, "(đã có / exists)"), 6);
	assert_null(strstr(out, "Demo province created"));
	free(out);
	free(err);
	/* Without --accounts an existing province is still refused. */
	assert_int_equal(run("c.db", "", NULL, NULL), 1);

	/* --replace with accounts bound to facilities: regenerated, new passwords. */
	assert_int_equal(run("c.db", "--replace --accounts --seed 2", &out, &err), 0);
	printed_password(out, "dn2@demo.sxsh.vn", pw);
	assert_int_equal(
	    user_password_verify(stored_hash("c.db", "dn2@demo.sxsh.vn", buf, sizeof(buf)), pw), 1);
	free(out);
	free(err);
	char want[64];
	assert_string_equal(member_code("c.db", "dn2@demo.sxsh.vn", buf, sizeof(buf)),
			    expected_code("c.db", "1061", "milled_rice", want, sizeof(want)));
	/* A plain --replace unbinds them; --accounts binds them again. */
	assert_int_equal(run("c.db", "--replace", NULL, NULL), 0);
	assert_string_equal(member_code("c.db", "dn1@demo.sxsh.vn", buf, sizeof(buf)), "");
	assert_int_equal(run("c.db", "--accounts", NULL, NULL), 0);
	assert_string_equal(member_code("c.db", "dn1@demo.sxsh.vn", buf, sizeof(buf)),
			    expected_code("c.db", "1020", "frozen_shrimp", want, sizeof(want)));
	assert_string_equal(tu_query_buf("c.db", "SELECT count(*) FROM app_user", buf, sizeof(buf)),
			    "6");

	assert_int_equal(run("c.db", "--acounts", NULL, NULL), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_accounts_created_then_exist),
	    cmocka_unit_test(test_command),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
