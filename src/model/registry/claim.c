/*
 * Facility claims and assignments (see claim.h).  Each function is one
 * transaction that ends with its audit row.
 */
#include "model/registry/claim.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/accounts/scope.h"
#include "util/arena.h"
#include "util/log.h"

const char *const claim_status_names[CLAIM__MAX] = {
    [CLAIM_CLAIMED] = "claimed",
    [CLAIM_CONFIRMED] = "confirmed",
    [CLAIM_REJECTED] = "rejected",
};

static enum claim_status
status_of(const char *s)
{
	for (int i = 0; i < CLAIM__MAX; i++)
		if (strcmp(s, claim_status_names[i]) == 0)
			return (enum claim_status)i;
	return CLAIM_CLAIMED;
}

/* The audit row of a membership change; status NULL in before = none. */
static int
audit(struct db *db, const struct principal *who, const char *action, int64_t id, int64_t user_id,
      int64_t facility_id, const char *before_status, const char *after_status, const char *note)
{
	char ids[32];
	char *b = NULL, *a;
	json_t *o;
	if (before_status != NULL) {
		o = json_pack("{s:I, s:I, s:s}", "user_id", (json_int_t)user_id, "facility_id",
			      (json_int_t)facility_id, "status", before_status);
		b = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
		json_decref(o);
	}
	o = json_pack("{s:I, s:I, s:s, s:s}", "user_id", (json_int_t)user_id, "facility_id",
		      (json_int_t)facility_id, "status", after_status, "note", note);
	a = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	int rc = a != NULL && (before_status == NULL || b != NULL)
		     ? audit_write(db, who, wf_now(), action, "facility_member", ids, b, a)
		     : -1;
	free(b);
	free(a);
	return rc;
}

/* The membership of user and facility: ST_OK with id/status/version, ST_NOTFOUND or ST_ERR. */
static int
find(struct db *db, int64_t user_id, int64_t facility_id, int64_t *id, char *status, size_t ssz,
     int64_t *version)
{
	struct db_stmt *st = db_stmt(db, STMT_CLAIM_FIND);
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, facility_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		snprintf(status, ssz, "%s", db_col_text(st, 1));
		*version = db_col_int(st, 2);
	}
	db_reset(st);
	return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : ST_ERR;
}

/* Sets membership id (of version) to status; decided_by 0 = a renewed claim. */
static int
set_status(struct db *db, int64_t id, int64_t version, const char *status, int64_t decided_by,
	   const char *note)
{
	struct db_stmt *st = db_stmt(db, STMT_CLAIM_SET);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, version);
	db_bind_text(st, 3, status);
	if (decided_by != 0)
		db_bind_int(st, 4, decided_by);
	db_bind_text(st, 5, note != NULL && note[0] ? note : NULL);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	return db_changes(db) == 1 ? ST_OK : ST_CONFLICT;
}

static int
insert(struct db *db, int64_t user_id, int64_t facility_id, const char *status, int64_t decided_by,
       int64_t *id)
{
	struct db_stmt *st = db_stmt(db, STMT_CLAIM_INSERT);
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, facility_id);
	db_bind_text(st, 3, status);
	if (decided_by != 0)
		db_bind_int(st, 4, decided_by);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	*id = db_last_id(db);
	return ST_OK;
}

int
claim_request(struct db *db, const struct principal *who, const char *key, int64_t *claim_id)
{
	char status[16];
	int64_t facility_id = 0, id, version;
	if (!scope_has_role(who, ROLE_BIT(ROLE_ENTERPRISE)))
		return ST_FORBIDDEN;
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "claim", WF_PRIVATE);
	int rc = ST_NOTFOUND;
	struct db_stmt *st = db_stmt(db, STMT_FACILITY_FIND);
	db_bind_text(st, 1, key != NULL ? key : "");
	int drc = db_step(st);
	if (drc == DB_ROW)
		facility_id = db_col_int(st, 0);
	db_reset(st);
	if (drc != DB_ROW) {
		rc = drc == DB_DONE ? ST_NOTFOUND : ST_ERR;
		goto out;
	}
	rc = find(db, who->user_id, facility_id, &id, status, sizeof(status), &version);
	if (rc == ST_OK && strcmp(status, "rejected") != 0) {
		rc = ST_EXISTS;
		goto out;
	}
	if (rc == ST_OK) {
		rc = set_status(db, id, version, "claimed", 0, NULL);
		if (rc == ST_OK)
			rc = audit(db, who, "facility_member.claim", id, who->user_id, facility_id,
				   status, "claimed", "") < 0
				 ? ST_ERR
				 : ST_OK;
	} else if (rc == ST_NOTFOUND) {
		rc = insert(db, who->user_id, facility_id, "claimed", 0, &id);
		if (rc == ST_OK)
			rc = audit(db, who, "facility_member.claim", id, who->user_id, facility_id,
				   NULL, "claimed", "") < 0
				 ? ST_ERR
				 : ST_OK;
	}
	if (rc == ST_OK)
		*claim_id = id;
out:
	return wf_finish(db, rc, "claim", WF_PRIVATE);
}

int
claim_decide(struct db *db, const struct principal *who, int64_t claim_id, int64_t version,
	     int confirm, const char *note, struct wf_errors *errs)
{
	char status[16];
	int64_t user_id = 0, facility_id = 0, cur = 0;
	const char *n = note != NULL ? note : "";
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "claim decide", WF_PRIVATE);
	int rc = ST_ERR;
	struct db_stmt *st = db_stmt(db, STMT_CLAIM_GET);
	scope_bind(st, who);
	db_bind_int(st, 4, claim_id);
	int drc = db_step(st);
	if (drc == DB_ROW) {
		user_id = db_col_int(st, 1);
		facility_id = db_col_int(st, 2);
		snprintf(status, sizeof(status), "%s", db_col_text(st, 3));
		cur = db_col_int(st, 4);
	}
	db_reset(st);
	if (drc != DB_ROW) {
		rc = drc == DB_DONE ? ST_NOTFOUND : ST_ERR;
		goto out;
	}
	if (!scope_has_role(who, ROLES_PROVINCE)) {
		rc = ST_FORBIDDEN;
		goto out;
	}
	if (cur != version) {
		rc = ST_CONFLICT;
		goto out;
	}
	if (strcmp(status, "claimed") != 0) {
		rc = ST_STATE;
		goto out;
	}
	if ((rc = wf_note_check(n, 0, errs)) != ST_OK)
		goto out;
	const char *to = confirm ? "confirmed" : "rejected";
	rc = set_status(db, claim_id, version, to, who->user_id, n);
	if (rc == ST_OK &&
	    audit(db, who, confirm ? "facility_member.confirm" : "facility_member.reject", claim_id,
		  user_id, facility_id, status, to, n) < 0)
		rc = ST_ERR;
out:
	return wf_finish(db, rc, "claim decide", WF_PRIVATE);
}

int
claim_assign(struct db *db, const struct principal *who, int64_t user_id, int64_t facility_id,
	     struct wf_errors *errs)
{
	char status[16], role[16] = "", ustatus[16] = "";
	int64_t id, version;
	if (!scope_has_role(who, ROLES_PROVINCE))
		return ST_FORBIDDEN;
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "claim assign", WF_PRIVATE);
	int rc = ST_ERR;
	struct db_stmt *st = db_stmt(db, STMT_USER_ROLE);
	db_bind_int(st, 1, user_id);
	int drc = db_step(st);
	if (drc == DB_ROW) {
		snprintf(role, sizeof(role), "%s", db_col_text(st, 0));
		snprintf(ustatus, sizeof(ustatus), "%s", db_col_text(st, 1));
	}
	db_reset(st);
	if (drc != DB_ROW) {
		rc = drc == DB_DONE ? ST_NOTFOUND : ST_ERR;
		goto out;
	}
	if ((rc = wf_facility_visible(db, who, facility_id)) != ST_OK)
		goto out;
	if (strcmp(role, "enterprise") != 0 || strcmp(ustatus, "active") != 0) {
		wf_errors_add_id(errs, MSG_CLAIM_NOT_ENTERPRISE, "user_id");
		rc = ST_INVALID;
		goto out;
	}
	rc = find(db, user_id, facility_id, &id, status, sizeof(status), &version);
	if (rc == ST_OK) {
		if (strcmp(status, "confirmed") == 0)
			goto out; /* nothing to change */
		rc = set_status(db, id, version, "confirmed", who->user_id, NULL);
		if (rc == ST_OK && audit(db, who, "facility_member.assign", id, user_id,
					 facility_id, status, "confirmed", "") < 0)
			rc = ST_ERR;
	} else if (rc == ST_NOTFOUND) {
		rc = insert(db, user_id, facility_id, "confirmed", who->user_id, &id);
		if (rc == ST_OK && audit(db, who, "facility_member.assign", id, user_id,
					 facility_id, NULL, "confirmed", "") < 0)
			rc = ST_ERR;
	}
out:
	return wf_finish(db, rc, "claim assign", WF_PRIVATE);
}

int
claim_list(struct db *db, const struct principal *who, int status, struct arena *a,
	   struct claim_row **rows, int *n)
{
	int rc, cap = 0;
	*rows = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_CLAIM_LIST);
	scope_bind(st, who);
	db_bind_text(st, 4, status >= 0 && status < CLAIM__MAX ? claim_status_names[status] : NULL);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			struct claim_row *g = arena_alloc(a, (size_t)cap * sizeof(*g));
			if (*n > 0)
				memcpy(g, *rows, (size_t)*n * sizeof(*g));
			*rows = g;
		}
		struct claim_row *r = &(*rows)[(*n)++];
		r->id = db_col_int(st, 0);
		r->user_id = db_col_int(st, 1);
		r->email = arena_strdup(a, db_col_text(st, 2));
		r->facility_id = db_col_int(st, 3);
		r->facility_code = arena_strdup(a, db_col_text(st, 4));
		r->facility_name = arena_strdup(a, db_col_text(st, 5));
		r->status = status_of(db_col_text(st, 6));
		r->claimed_at = arena_strdup(a, db_col_text(st, 7));
		r->note = arena_strdup(a, db_col_text(st, 8));
		r->version = db_col_int(st, 9);
		r->tax_code = arena_strdup(a, db_col_text(st, 10));
	}
	if (rc == DB_DONE)
		return ST_OK;
	log_err("claim list: %s", db_errmsg(db));
	return ST_ERR;
}
