/*
 * Yearly registrations (see registration.h): validation, the scoped read,
 * and the registration's row of the document core (model/doc/doc.h), which
 * owns every write path: one transaction reads the registration through
 * its scoped statement, checks version and workflow rule, writes, audits,
 * commits.
 */
#include "model/reporting/registration.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/doc/doc.h"
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

/* Reads registration id as who sees it into out: ST_OK, ST_NOTFOUND or ST_ERR. */
static int
registration_load(struct db *db, const struct principal *who, int64_t id, void *doc)
{
	struct registration *out = doc;
	struct db_stmt *st = db_stmt(db, STMT_REGISTRATION_GET);
	scope_bind(st, who);
	db_bind_int(st, 4, id);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW) {
		log_err("registration %lld: %s", (long long)id, db_errmsg(db));
		return ST_ERR;
	}
	memset(out, 0, sizeof(*out));
	out->doc.id = db_col_int(st, 0);
	out->doc.facility_id = db_col_int(st, 1);
	out->doc.year = (int)db_col_int(st, 2);
	out->doc.state = wf_state_of(db_col_text(st, 3), (int)db_col_int(st, 4));
	out->apply_cp = (int)db_col_int(st, 5);
	out->has_saving = !db_col_is_null(st, 6);
	out->planned_saving_pct = out->has_saving ? db_col_double(st, 6) : 0;
	snprintf(out->measures, sizeof(out->measures), "%s", db_col_text(st, 7));
	snprintf(out->doc.submitted_on, sizeof(out->doc.submitted_on), "%s", db_col_text(st, 8));
	snprintf(out->doc.review_note, sizeof(out->doc.review_note), "%s", db_col_text(st, 9));
	out->doc.version = db_col_int(st, 10);
	db_reset(st);
	return ST_OK;
}

int
registration_get(struct db *db, const struct principal *who, int64_t id, struct registration *out)
{
	return registration_load(db, who, id, out);
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
	if (rc == ST_NOTFOUND)
		out->apply_cp =
		    1; /* a first registration commits to CP unless the facility says not */
	out->doc.id = 0;
	out->doc.facility_id = facility_id;
	out->doc.year = year;
	out->doc.state = WF_DRAFT;
	out->doc.version = 0;
	out->doc.submitted_on[0] = out->doc.review_note[0] = '\0';
	return ST_OK;
}

char *
registration_json(const struct registration *r)
{
	json_t *o = json_pack(
	    "{s:I, s:I, s:i, s:s, s:i, s:o, s:s, s:s, s:I}", "id", (json_int_t)r->doc.id,
	    "facility_id", (json_int_t)r->doc.facility_id, "year", r->doc.year, "state",
	    names_state[r->doc.state].code, "apply_cp", r->apply_cp, "planned_saving_pct",
	    r->has_saving ? json_real(r->planned_saving_pct) : json_null(), "measures", r->measures,
	    "review_note", r->doc.review_note, "version", (json_int_t)r->doc.version);
	return wf_json_take(o);
}

static void
bind_commitments(struct db_stmt *st, const struct registration *r)
{
	db_bind_int(st, 3, r->apply_cp);
	db_bind_opt_double(st, 4, r->planned_saving_pct, !r->has_saving);
	db_bind_text(st, 5, r->measures[0] ? r->measures : NULL);
}

/* The document core's insert. */
static int
registration_insert(struct db *db, void *doc)
{
	struct registration *r = doc;
	struct db_stmt *st = db_stmt(db, STMT_REGISTRATION_INSERT);
	db_bind_int(st, 1, r->doc.facility_id);
	db_bind_int(st, 2, r->doc.year);
	bind_commitments(st, r);
	if (db_run(st) != DB_OK)
		return -1;
	r->doc.id = db_last_id(db);
	return 0;
}

/* The document core's update: the commitments, if version is current. */
static int
registration_update_content(struct db *db, const void *doc, int64_t version)
{
	const struct registration *r = doc;
	struct db_stmt *st = db_stmt(db, STMT_REGISTRATION_UPDATE);
	db_bind_int(st, 1, r->doc.id);
	db_bind_int(st, 2, version);
	bind_commitments(st, r);
	if (db_run(st) != DB_OK)
		return -1;
	return db_changes(db) == 1;
}

static int
registration_validate_doc(struct db *db, const void *in, void *doc, struct wf_errors *errs)
{
	(void)db;
	return registration_validate(in, doc, errs);
}

static char *
registration_json_doc(const void *doc)
{
	return registration_json(doc);
}

const struct doc_kind registration_kind = {
    .kind = WF_KIND_REGISTRATION,
    .name = "registration",
    .label = {"đăng ký SXSH", "CP registration"},
    .year_label = &lbl_year,
    .rules = wf_review_rules,
    .nrules = WF_REVIEW_NRULES,
    .stmt_find = STMT_REGISTRATION_FIND,
    .stmt_state = STMT_REGISTRATION_STATE,
    .size = sizeof(struct registration),
    .head_offset = offsetof(struct registration, doc),
    .get = registration_load,
    .validate = registration_validate_doc,
    .insert = registration_insert,
    .update = registration_update_content,
    .json = registration_json_doc,
    .release = NULL,
};

int
registration_create(struct db *db, const struct principal *who, int64_t facility_id, int year,
		    const struct registration_input *in, int64_t *id, struct wf_errors *errs)
{
	return doc_create(db, &registration_kind, who, facility_id, year, in, id, errs);
}

int
registration_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
		    const struct registration_input *in, struct wf_errors *errs)
{
	return doc_update(db, &registration_kind, who, id, version, in, errs);
}

int
registration_transition(struct db *db, const struct principal *who, int64_t id,
			enum wf_action action, int64_t version, const char *note,
			struct wf_errors *errs)
{
	return doc_transition(db, &registration_kind, who, id, action, version, note, errs);
}

int
registration_save_and_submit(struct db *db, const struct principal *who, int64_t facility_id,
			     int year, int64_t id, int64_t version,
			     const struct registration_input *in, int64_t *out_id,
			     struct wf_errors *errs)
{
	return doc_save_and_submit(db, &registration_kind, who, facility_id, year, id, version, in,
				   out_id, errs);
}
