/*
 * Yearly registrations (see registration.h).  The write path mirrors
 * report.c: one transaction reads the registration through its scoped
 * statement, checks version and workflow rule, writes, audits, commits.
 */
#include "model/reporting/registration.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/accounts/scope.h"
#include "util/alloc.h"
#include "util/fold.h"
#include "util/log.h"

static const struct val_label lbl_apply = {"cam kết áp dụng SXSH", "commitment to apply CP"};
static const struct val_label lbl_saving = {"mức tiết kiệm dự kiến (%)", "planned saving (%)"};
static const struct val_label lbl_measures = {"các giải pháp", "measures"};
static const struct val_label lbl_year = {"năm đăng ký", "registration year"};

int
registration_validate(const struct registration_input *in, struct registration *r,
		      struct wf_errors *errs)
{
	struct msg em;
	int e0 = errs->n + errs->more, apply = 0, has = 0;
	double pct = 0;
	if (val_bool01(wf_nz(in->apply_cp), &lbl_apply, &apply, &em) != VAL_OK)
		wf_errors_add(errs, &em, "apply_cp");
	const char *p = wf_nz(in->planned_saving_pct);
	if (p[0] != '\0') {
		if (val_number(VF_SAVING_PCT, p, &lbl_saving, &pct, &em) != VAL_OK)
			wf_errors_add(errs, &em, "planned_saving_pct");
		else
			has = 1;
	}
	const char *m = wf_nz(in->measures);
	if (m[0] != '\0' && val_text(VF_MEASURES, m, &lbl_measures, &em) != VAL_OK)
		wf_errors_add(errs, &em, "measures");
	if (errs->n + errs->more != e0)
		return ST_INVALID;
	r->apply_cp = apply;
	r->planned_saving_pct = pct;
	r->has_saving = has;
	snprintf(r->measures, sizeof(r->measures), "%s", m);
	return ST_OK;
}

int
registration_get(struct db *db, const struct principal *who, int64_t id, struct registration *out)
{
	struct db_stmt *st = db_stmt(db, STMT_REGISTRATION_GET);
	if (st == NULL)
		goto fail;
	scope_bind(st, who);
	db_bind_int(st, 4, id);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW)
		goto fail;
	memset(out, 0, sizeof(*out));
	out->id = db_col_int(st, 0);
	out->facility_id = db_col_int(st, 1);
	out->year = (int)db_col_int(st, 2);
	out->state = wf_state_of(db_col_text(st, 3), (int)db_col_int(st, 4));
	out->apply_cp = (int)db_col_int(st, 5);
	out->has_saving = !db_col_is_null(st, 6);
	out->planned_saving_pct = out->has_saving ? db_col_double(st, 6) : 0;
	snprintf(out->measures, sizeof(out->measures), "%s", db_col_text(st, 7));
	snprintf(out->submitted_on, sizeof(out->submitted_on), "%s", db_col_text(st, 8));
	snprintf(out->review_note, sizeof(out->review_note), "%s", db_col_text(st, 9));
	out->version = db_col_int(st, 10);
	db_reset(st);
	return ST_OK;
fail:
	log_err("registration %lld: %s", (long long)id, db_errmsg(db));
	return ST_ERR;
}

int
registration_get_year(struct db *db, const struct principal *who, int64_t facility_id, int year,
		      struct registration *out)
{
	int64_t id;
	int rc = wf_find_id(db, STMT_REGISTRATION_FIND, who, facility_id, year, &id);
	return rc == ST_OK ? registration_get(db, who, id, out) : rc;
}

int
registration_prefill(struct db *db, const struct principal *who, int64_t facility_id, int year,
		     struct registration *out)
{
	int64_t prev;
	int rc = wf_facility_visible(db, who, facility_id);
	if (rc != ST_OK)
		return rc;
	memset(out, 0, sizeof(*out));
	rc = wf_find_id(db, STMT_REGISTRATION_LATEST_BEFORE, who, facility_id, year, &prev);
	if (rc == ST_OK)
		rc = registration_get(db, who, prev, out);
	if (rc != ST_OK && rc != ST_NOTFOUND)
		return rc;
	out->id = 0;
	out->facility_id = facility_id;
	out->year = year;
	out->state = WF_DRAFT;
	out->version = 0;
	out->submitted_on[0] = out->review_note[0] = '\0';
	return ST_OK;
}

char *
registration_json(const struct registration *r)
{
	json_t *o = json_pack(
	    "{s:I, s:I, s:i, s:s, s:i, s:o, s:s, s:s, s:I}", "id", (json_int_t)r->id, "facility_id",
	    (json_int_t)r->facility_id, "year", r->year, "state", names_state[r->state].code,
	    "apply_cp", r->apply_cp, "planned_saving_pct",
	    r->has_saving ? json_real(r->planned_saving_pct) : json_null(), "measures", r->measures,
	    "review_note", r->review_note, "version", (json_int_t)r->version);
	return wf_json_take(o);
}

static int
audit(struct db *db, const struct principal *who, const char *action,
      const struct registration *before, const struct registration *after)
{
	char id[32];
	char *b = before != NULL ? registration_json(before) : NULL, *a = registration_json(after);
	snprintf(id, sizeof(id), "%lld", (long long)after->id);
	int rc = audit_write(db, who, wf_now(), action, "registration", id, b, a);
	free(b);
	free(a);
	return rc;
}

static void
bind_commitments(struct db_stmt *st, const struct registration *r)
{
	db_bind_int(st, 3, r->apply_cp);
	db_bind_opt_double(st, 4, r->planned_saving_pct, !r->has_saving);
	db_bind_text(st, 5, r->measures[0] ? r->measures : NULL);
}

/* registration_create inside the caller's transaction: an enum status. */
static int
create_tx(struct db *db, const struct principal *who, int64_t facility_id, int year,
	  const struct registration_input *in, int64_t *id, struct wf_errors *errs)
{
	struct registration *r = xcalloc(1, sizeof(*r));
	struct db_stmt *st;
	int rc = wf_create_check(db, who, facility_id, year, &lbl_year, errs);
	if (rc != ST_OK)
		goto out;
	rc = registration_validate(in, r, errs);
	if (rc != ST_OK || errs->n > 0) {
		rc = ST_INVALID;
		goto out;
	}
	if ((rc = wf_create_absent(db, STMT_REGISTRATION_FIND, who, facility_id, year)) != ST_OK)
		goto out;
	rc = ST_ERR;
	if ((st = db_stmt(db, STMT_REGISTRATION_INSERT)) == NULL)
		goto out;
	db_bind_int(st, 1, facility_id);
	db_bind_int(st, 2, year);
	bind_commitments(st, r);
	if (db_run(st) != DB_OK)
		goto out;
	r->id = db_last_id(db);
	r->facility_id = facility_id;
	r->year = year;
	r->state = WF_DRAFT;
	r->version = 1;
	if (audit(db, who, "registration.create", NULL, r) < 0)
		goto out;
	*id = r->id;
	rc = ST_OK;
out:
	free(r);
	return rc;
}

int
registration_create(struct db *db, const struct principal *who, int64_t facility_id, int year,
		    const struct registration_input *in, int64_t *id, struct wf_errors *errs)
{
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "registration create", WF_PRIVATE);
	return wf_finish(db, create_tx(db, who, facility_id, year, in, id, errs),
			 "registration create", WF_PRIVATE);
}

/* Loads registration id into *r for action by who from a form of version. */
static int
load_for_change(struct db *db, const struct principal *who, int64_t id, int64_t version,
		enum wf_action action, struct registration *r, enum wf_state *to, int *note_req)
{
	int rc = registration_get(db, who, id, r);
	if (rc != ST_OK)
		return rc;
	if (r->version != version)
		return ST_CONFLICT;
	return wf_check(action, r->state, who, to, note_req);
}

/* registration_update inside the caller's transaction: an enum status. */
static int
update_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	  const struct registration_input *in, struct wf_errors *errs)
{
	struct registration *b = xcalloc(2, sizeof(*b));
	enum wf_state to;
	int note_req;
	struct db_stmt *st;
	int rc = load_for_change(db, who, id, version, WF_EDIT, &b[0], &to, &note_req);
	if (rc != ST_OK)
		goto out;
	b[1] = b[0];
	if ((rc = registration_validate(in, &b[1], errs)) != ST_OK)
		goto out;
	rc = ST_ERR;
	if ((st = db_stmt(db, STMT_REGISTRATION_UPDATE)) == NULL)
		goto out;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, version);
	bind_commitments(st, &b[1]);
	if (db_run(st) != DB_OK)
		goto out;
	b[1].version = version + 1;
	if (audit(db, who, "registration.update", &b[0], &b[1]) < 0)
		goto out;
	rc = ST_OK;
out:
	free(b);
	return rc;
}

int
registration_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
		    const struct registration_input *in, struct wf_errors *errs)
{
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "registration update", WF_PRIVATE);
	return wf_finish(db, update_tx(db, who, id, version, in, errs), "registration update",
			 WF_PRIVATE);
}

/*
 * registration_transition inside the caller's transaction (action already
 * checked to be a transition): an enum status, and *pub for wf_finish.
 */
static int
transition_tx(struct db *db, const struct principal *who, int64_t id, enum wf_action action,
	      int64_t version, const char *note, struct wf_errors *errs, enum wf_publish *pub)
{
	struct registration *b = xcalloc(2, sizeof(*b));
	enum wf_state to;
	int note_req = 0;
	char act[40];
	struct db_stmt *st;
	int rc = load_for_change(db, who, id, version, action, &b[0], &to, &note_req);
	if (rc != ST_OK)
		goto out;
	*pub = wf_transition_publish(b[0].state, to);
	const char *n = wf_nz(note);
	if ((rc = wf_note_check(n, note_req, errs)) != ST_OK)
		goto out;
	rc = ST_ERR;
	if ((st = db_stmt(db, STMT_REGISTRATION_STATE)) == NULL)
		goto out;
	wf_bind_state(st, id, version, action, to, n, b[0].review_note);
	if (db_run(st) != DB_OK)
		goto out;
	if (registration_get(db, who, id, &b[1]) != ST_OK)
		goto out;
	snprintf(act, sizeof(act), "registration.%s", wf_action_names[action]);
	if (audit(db, who, act, &b[0], &b[1]) < 0)
		goto out;
	rc = ST_OK;
out:
	free(b);
	return rc;
}

int
registration_transition(struct db *db, const struct principal *who, int64_t id,
			enum wf_action action, int64_t version, const char *note,
			struct wf_errors *errs)
{
	enum wf_publish pub = WF_PRIVATE;
	if (action == WF_EDIT || action < 0 || action >= WF_ACTION__MAX)
		return ST_STATE;
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "registration transition", WF_PRIVATE);
	int rc = transition_tx(db, who, id, action, version, note, errs, &pub);
	return wf_finish(db, rc, "registration transition", pub);
}

int
registration_save_and_submit(struct db *db, const struct principal *who, int64_t facility_id,
			     int year, int64_t id, int64_t version,
			     const struct registration_input *in, int64_t *out_id,
			     struct wf_errors *errs)
{
	enum wf_publish pub = WF_PRIVATE;
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "registration save and submit", WF_PRIVATE);
	int rc;
	if (id == 0) {
		rc = create_tx(db, who, facility_id, year, in, &id, errs);
		version = 1;
	} else {
		rc = update_tx(db, who, id, version, in, errs);
		version++;
	}
	if (rc == ST_OK)
		rc = transition_tx(db, who, id, WF_SUBMIT, version, NULL, errs, &pub);
	if (rc == ST_OK)
		*out_id = id;
	return wf_finish(db, rc, "registration save and submit", pub);
}
