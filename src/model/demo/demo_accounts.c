/*
 * Demo accounts (model/demo/demo_accounts.h): a table of the six accounts, the
 * choice of the enterprise accounts' facilities, and one transaction that
 * creates what is missing through the account model (model/accounts/user.c).
 */
#include "model/demo/demo_accounts.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/demo/demo_assess.h"
#include "model/msg.h"
#include "util/log.h"

/* How an enterprise account's facility is chosen: the first by code of the
 * sector whose reports list the product, a facility of size `size` first. */
struct demo_pick {
	const char *sector, *product, *size;
};

static const struct {
	const char *email, *name;
	enum role role;
	const char *unit;
	struct demo_pick pick; /* enterprise accounts */
} demo_account_defs[DEMO_ACCOUNTS] = {
    {"admin@" DEMO_ACCOUNT_DOMAIN, "Quản trị (mẫu)", ROLE_ADMIN, NULL, {0}},
    {"so@" DEMO_ACCOUNT_DOMAIN, "Sở Công Thương (mẫu)", ROLE_PROVINCE, NULL, {0}},
    {"rachgia@" DEMO_ACCOUNT_DOMAIN, "UBND TP Rạch Giá (mẫu)", ROLE_DISTRICT, "rach-gia", {0}},
    {"chuyengia@" DEMO_ACCOUNT_DOMAIN, "Chuyên gia SXSH (mẫu)", ROLE_EXPERT, NULL, {0}},
    {"dn1@" DEMO_ACCOUNT_DOMAIN,
     "Doanh nghiệp đông lạnh (mẫu)",
     ROLE_ENTERPRISE,
     NULL,
     {"1020", "frozen_shrimp", "medium"}},
    {"dn2@" DEMO_ACCOUNT_DOMAIN,
     "Doanh nghiệp xay xát (mẫu)",
     ROLE_ENTERPRISE,
     NULL,
     {"1061", "milled_rice", "medium"}},
};

/* Fills a's facility from pick; returns 0, or -1 with a message in err. */
static int
demo_account_pick(struct db *db, const struct demo_pick *pick, struct demo_account *a, char *err,
		  size_t errsz)
{
	struct db_stmt *st = db_stmt(db, STMT_DEMO_ACCOUNT_FACILITY);
	db_bind_text(st, 1, pick->sector);
	db_bind_text(st, 2, pick->product);
	db_bind_text(st, 3, pick->size);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		a->facility_id = db_col_int(st, 0);
		snprintf(a->facility_code, sizeof(a->facility_code), "%s", db_col_text(st, 1));
		snprintf(a->facility_name, sizeof(a->facility_name), "%s", db_col_text(st, 2));
	}
	db_reset(st);
	if (rc == DB_ROW)
		return 0;
	if (rc == DB_DONE) {
		struct msg m;
		char text[512];
		msg_init(&m, MSG_DEMO_NO_FACILITY, NULL);
		msg_code(&m, pick->sector);
		msg_code(&m, pick->product);
		snprintf(err, errsz, "%s: %s", a->email,
			 msg_format(&m, MSG_BOTH, text, sizeof(text)));
	} else
		snprintf(err, errsz, "demo account facility: %s", db_errmsg(db));
	return -1;
}

/* Binds existing enterprise account a to a->facility_id, audited. */
static int
demo_account_bind(struct db *db, const struct demo_account *a, int64_t before, int64_t now)
{
	struct db_stmt *st = db_stmt(db, STMT_DEMO_ACCOUNT_BIND);
	db_bind_int(st, 1, a->user_id);
	db_bind_int(st, 2, a->facility_id);
	if (db_run(st) != DB_OK)
		return -1;
	char key[32], b[64], f[64];
	snprintf(key, sizeof(key), "%lld", (long long)a->user_id);
	if (before != 0)
		snprintf(b, sizeof(b), "{\"facility_id\":%lld}", (long long)before);
	else
		snprintf(b, sizeof(b), "{\"facility_id\":null}");
	snprintf(f, sizeof(f), "{\"facility_id\":%lld}", (long long)a->facility_id);
	return audit_write(db, NULL, now, "user.facility", "app_user", key, b, f);
}

/* Makes sure account i exists (see demo_accounts_ensure); fills *a. */
static int
demo_account_one(struct db *db, size_t i, int reset, int64_t now, struct demo_account *a, char *err,
		 size_t errsz)
{
	const struct demo_pick *pick = &demo_account_defs[i].pick;
	struct user u;
	memset(a, 0, sizeof(*a));
	a->email = demo_account_defs[i].email;
	a->role = demo_account_defs[i].role;
	a->unit_code = demo_account_defs[i].unit;
	struct msg why;
	char text[512];
	enum status st = user_by_email(db, a->email, &u);
	if (st != ST_OK && st != ST_NOTFOUND)
		goto internal;
	if (st == ST_OK && !reset) {
		a->state = DEMO_ACCOUNT_EXISTS;
		a->user_id = u.id;
		a->role = u.role;
		a->facility_id = u.facility_id;
		snprintf(a->facility_name, sizeof(a->facility_name), "%s", u.facility_name);
		/* Unbound by a plain `demo --replace`: bind it again. */
		if (pick->sector == NULL || u.role != ROLE_ENTERPRISE || u.facility_id != 0)
			return 0;
		if (demo_account_pick(db, pick, a, err, errsz) < 0)
			return -1;
		if (demo_account_bind(db, a, 0, now) == 0)
			return 0;
		goto internal;
	}
	if (pick->sector != NULL && demo_account_pick(db, pick, a, err, errsz) < 0)
		return -1;
	user_password_generate(a->password);
	if (st == ST_OK) {
		a->state = DEMO_ACCOUNT_RESET;
		a->user_id = u.id;
		a->role = u.role;
		if (user_set_password(db, NULL, u.id, a->password, now, &why) != ST_OK)
			goto fail;
		if (pick->sector != NULL && u.role == ROLE_ENTERPRISE &&
		    u.facility_id != a->facility_id &&
		    demo_account_bind(db, a, u.facility_id, now) < 0)
			goto internal;
		return 0;
	}
	struct user_new nu = {.email = a->email,
			      .name = demo_account_defs[i].name,
			      .role = a->role,
			      .unit_code = a->unit_code,
			      .facility_id = a->facility_id,
			      .password = a->password};
	a->state = DEMO_ACCOUNT_CREATED;
	if (user_create(db, NULL, &nu, now, &a->user_id, &why) == ST_OK)
		return 0;
	goto fail;
internal:
	user_msg(&why, MSG_USER_INTERNAL);
fail:
	snprintf(err, errsz, "%s: %s", a->email, msg_format(&why, MSG_BOTH, text, sizeof(text)));
	return -1;
}

int
demo_accounts_ensure(struct db *db, int reset, int64_t now, struct demo_account out[DEMO_ACCOUNTS],
		     char *err, size_t errsz)
{
	int rc = -1;
	memset(out, 0, DEMO_ACCOUNTS * sizeof(*out));
	if (db_begin(db) != DB_OK) {
		snprintf(err, errsz, "begin: %s", db_errmsg(db));
		goto out;
	}
	for (size_t i = 0; i < DEMO_ACCOUNTS; i++) {
		if (demo_account_one(db, i, reset, now, &out[i], err, errsz) < 0) {
			db_rollback(db);
			goto out;
		}
		/* The demo assessments name the expert account by its e-mail. */
		if (out[i].role == ROLE_EXPERT && demo_assess_bind_experts(db, out[i].email) < 0) {
			snprintf(err, errsz, "%s: %s", out[i].email, db_errmsg(db));
			db_rollback(db);
			goto out;
		}
	}
	if (db_commit(db) != DB_OK) {
		snprintf(err, errsz, "commit: %s", db_errmsg(db));
		db_rollback(db);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		log_err("demo accounts: %s", err);
		demo_accounts_wipe(out, DEMO_ACCOUNTS);
	}
	return rc;
}

void
demo_accounts_wipe(struct demo_account *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sodium_memzero(a[i].password, sizeof(a[i].password));
}
