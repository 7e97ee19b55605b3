/*
 * The model behind the admin pages: user_update (the version check, the
 * role and scope rules of user_create, an actor's own role, sessions ended
 * only when the role or scope changes, the audit row) and facility_pick
 * (diacritic-folded name search, exact code and tax code first, the limit).
 *
 * Facilities (name_key folded by hand: lower case, no diacritics, đ → d):
 *   7101 "Nước đá Hòa Bình"  "nuoc da hoa binh"  code NDHB  tax 1701234569
 *   7102 "Nước đá Hòa Phú"   "nuoc da hoa phu"   code NDHP
 *   7103 "Đá lạnh Bình An"   "da lanh binh an"   code 1701234569X (a code that
 *        starts like 7101's tax code, to show codes match exactly, not as a prefix)
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
#include "model/accounts/session.h"
#include "model/accounts/user.h"
#include "model/registry/facility_pick.h"
#include "testutil.h"
#include "util/arena.h"

#define T0 1700000000

static struct db *db;

static int
setup(void **state)
{
	(void)state;
	db = fx_db_new(
	    "admin_user.db",
	    "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, "
	    "admin_unit_id, ownership, size) VALUES "
	    "(7101, 'NDHB', '1701234569', 'Nước đá Hòa Bình', 'nuoc da hoa binh', '1020', "
	    "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
	    "(7102, 'NDHP', NULL, 'Nước đá Hòa Phú', 'nuoc da hoa phu', '1020', "
	    "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
	    "(7103, '1701234569X', NULL, 'Đá lạnh Bình An', 'da lanh binh an', '1020', "
	    "(SELECT id FROM admin_unit WHERE code = 'ha-tien'), 'private', 'small')");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(db);
	return 0;
}

/* The ids facility_pick finds for q (at most max), as "7101,7102". */
static void
assert_pick(const char *q, int max, const char *want, int first_exact)
{
	struct arena a;
	arena_init(&a);
	struct facility_pick p[FACILITY_PICK_MAX];
	int n = -1;
	assert_int_equal(facility_pick(db, &a, q, max, p, &n), 0);
	char got[128] = "";
	for (int i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%lld", i ? "," : "",
			 (long long)p[i].id);
	assert_string_equal(got, want);
	if (n > 0)
		assert_int_equal(p[0].exact, first_exact);
	arena_free(&a);
}

static void
test_pick(void **state)
{
	(void)state;
	/* "hoa" is in both Hòa keys; ordered by key: "...binh" < "...phu". */
	assert_pick("hoa", 10, "7101,7102", 0);
	assert_pick("  HÒA   PHÚ ", 10, "7102", 0); /* folded and trimmed: "hoa phu" */
	/* "binh" is in 7101's key and 7103's ("da lanh binh an" < "nuoc da hoa binh"). */
	assert_pick("binh", 10, "7103,7101", 0);
	assert_pick("binh", 1, "7103", 0);
	/* đ folds to d: "đá" finds all three ("da" is in "nuoc da ..." and "da lanh ..."). */
	assert_pick("đá", 10, "7103,7101,7102", 0);
	/* The tax code exactly: 7101 only (7103's code is longer, not equal). */
	assert_pick("1701234569", 10, "7101", 1);
	assert_pick("NDHP", 10, "7102", 1);
	assert_pick("1701234569X", 10, "7103", 1);
	/* A LIKE wildcard typed is text, not a wildcard. */
	assert_pick("%", 10, "", 0);
	assert_pick("", 10, "", 0);
	assert_pick(NULL, 10, "", 0);
}

static int64_t
count(const char *sql)
{
	char *s = tu_query_text("admin_user.db", sql);
	int64_t n = strtoll(s, NULL, 10);
	free(s);
	return n;
}

static void
test_update(void **state)
{
	(void)state;
	struct msg why;
	int64_t admin_id, ent_id;
	struct user_new a = {
	    .email = "boss@x.vn", .role = ROLE_ADMIN, .password = "long password 1"};
	struct user_new e = {.email = "ent@x.vn",
			     .role = ROLE_ENTERPRISE,
			     .facility_id = 7101,
			     .password = "long password 2"};
	assert_int_equal(user_add(db, NULL, &a, T0, &admin_id, &why), ST_OK);
	assert_int_equal(user_add(db, NULL, &e, T0, &ent_id, &why), ST_OK);
	struct user boss, ent;
	assert_int_equal(user_get(db, admin_id, &boss), ST_OK);
	assert_int_equal(user_get(db, ent_id, &ent), ST_OK);
	assert_int_equal(ent.version, 1);
	assert_string_equal(ent.facility_code, "NDHB");
	assert_string_equal(ent.facility_name, "Nước đá Hòa Bình");
	struct principal actor;
	user_principal(&boss, &actor);

	char token[SESSION_TOKEN_LEN + 1];
	struct session s;
	assert_int_equal(session_create(db, &ent, T0, token, &s), 0);

	/* Only the name changes: version 1 → 2, the session lives on. */
	struct user_new ch = {.name = "Chị Lan", .role = ROLE_ENTERPRISE, .facility_id = 7101};
	assert_int_equal(user_edit(db, &actor, ent_id, 1, &ch, T0, &why), ST_OK);
	assert_int_equal(session_lookup(db, token, T0 + 1, &s), 1);
	/* Version 1 again is stale. */
	ch.facility_id = 7102;
	assert_int_equal(user_edit(db, &actor, ent_id, 1, &ch, T0, &why), ST_CONFLICT);
	tu_assert_msg(&why, "Tài khoản vừa được người khác thay đổi; hãy xem lại và lưu lần nữa",
		      "Someone else has just changed this account; check it and save again");
	/* A district unit for an enterprise account: refused, the field named. */
	struct user_new bad = {
	    .role = ROLE_ENTERPRISE, .unit_code = "rach-gia", .facility_id = 7102};
	assert_int_equal(user_edit(db, &actor, ent_id, 2, &bad, T0, &why), ST_INVALID);
	tu_assert_msg(&why, "Đơn vị hành chính: chỉ tài khoản cán bộ huyện mới gắn với đơn vị",
		      "Administrative unit: only district accounts have one");
	/* A district account without a unit. */
	bad = (struct user_new){.role = ROLE_DISTRICT};
	assert_int_equal(user_edit(db, &actor, ent_id, 2, &bad, T0, &why), ST_INVALID);
	tu_assert_msg(&why, "Đơn vị hành chính: tài khoản cán bộ huyện cần một đơn vị",
		      "Administrative unit: a district account needs one");
	/* The facility changes at version 2: saved as 3, the session ended. */
	assert_int_equal(user_edit(db, &actor, ent_id, 2, &ch, T0, &why), ST_OK);
	assert_int_equal(user_get(db, ent_id, &ent), ST_OK);
	assert_int_equal(ent.version, 3);
	assert_int_equal(ent.facility_id, 7102);
	assert_string_equal(ent.name, "Chị Lan");
	assert_int_equal(session_lookup(db, token, T0 + 2, &s), 0);
	/* Two changes, two audit rows. */
	assert_int_equal(count("SELECT count(*) FROM audit WHERE action = 'user.update'"), 2);

	/* An admin may rename itself but not change its own role, nor disable itself. */
	struct user_new self = {.name = "Sếp", .role = ROLE_ADMIN};
	assert_int_equal(user_edit(db, &actor, admin_id, 1, &self, T0, &why), ST_OK);
	self.role = ROLE_PROVINCE;
	assert_int_equal(user_edit(db, &actor, admin_id, 2, &self, T0, &why), ST_FORBIDDEN);
	tu_assert_msg(&why, "Bạn không thể khóa tài khoản của chính mình hay đổi vai trò của mình",
		      "You cannot disable your own account or change your own role");
	assert_int_equal(user_status_change(db, &actor, admin_id, 1, T0, &why), ST_FORBIDDEN);
	assert_int_equal(user_get(db, admin_id, &boss), ST_OK);
	assert_int_equal(boss.role, ROLE_ADMIN);
	assert_int_equal(boss.disabled, 0);
	/* The command line (no actor) may. */
	assert_int_equal(user_edit(db, NULL, admin_id, 2, &self, T0, &why), ST_OK);

	/* No such account. */
	assert_int_equal(user_edit(db, &actor, 999999, 1, &ch, T0, &why), ST_NOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pick),
	    cmocka_unit_test(test_update),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
