/*
 * The workflow-document core (see doc.h): the kinds table and the write
 * paths every kind shares.  Each public function owns its transaction; the
 * *_tx helpers run inside the caller's, so doc_save_and_submit chains an
 * update and a submission in one.
 */
#include "model/doc/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/scope.h"
#include "model/assess/assessment.h"
#include "model/audit.h"
#include "model/doc/history.h"
#include "model/mail/notice.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "util/alloc.h"
#include "util/fmt.h"

const struct doc_kind *const doc_kinds[WF_KIND__MAX] = {
    [WF_KIND_REPORT] = &report_kind,
    [WF_KIND_REGISTRATION] = &registration_kind,
    [WF_KIND_ASSESSMENT] = &assessment_kind,
};

const struct doc_kind *
doc_kind_named(const char *name)
{
	for (int i = 0; i < WF_KIND__MAX; i++)
		if (doc_kinds[i] != NULL && strcmp(doc_kinds[i]->name, name) == 0)
			return doc_kinds[i];
	return NULL;
}

struct doc_head *
doc_head(const struct doc_kind *k, void *doc)
{
	return (struct doc_head *)((char *)doc + k->head_offset);
}

void *
doc_new(const struct doc_kind *k)
{
	return xcalloc(1, k->size);
}

void
doc_free(const struct doc_kind *k, void *doc)
{
	if (doc == NULL)
		return;
	if (k->release != NULL)
		k->release(doc);
	free(doc);
}

int
doc_check(const struct doc_kind *k, enum wf_action action, enum wf_state from,
	  const struct principal *who, enum wf_state *to, int *note_required)
{
	return wf_check_rules(k->rules, k->nrules, action, from, who, to, note_required);
}

int
doc_get(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
	void **out)
{
	void *d = doc_new(k);
	int rc = k->get(db, who, id, d);
	if (rc != ST_OK) {
		doc_free(k, d);
		d = NULL;
	}
	*out = d;
	return rc;
}

/* Writes the audit row of action ("create", "submit") on after, from before (NULL: created). */
static int
doc_audit(struct db *db, const struct doc_kind *k, const struct principal *who, const char *action,
	  const char *before_json, const void *after)
{
	char act[48], id[32];
	char *a = k->json(after);
	snprintf(act, sizeof(act), "%s.%s", k->name, action);
	snprintf(id, sizeof(id), "%lld", (long long)doc_head(k, (void *)after)->id);
	int rc = audit_write(db, who, wf_now(), act, k->name, id, before_json, a);
	free(a);
	return rc < 0 ? ST_ERR : ST_OK;
}

static int
create_tx(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t facility_id,
	  int year, const void *in, int64_t *id, struct wf_errors *errs)
{
	void *d = doc_new(k);
	struct doc_head *h = doc_head(k, d);
	int rc = wf_create_check(db, who, facility_id, year, k->year_label, errs);
	if (rc == ST_OK && k->creators != 0 && !scope_has_role(who, k->creators))
		rc = ST_FORBIDDEN;
	if (rc != ST_OK)
		goto out;
	rc = k->validate(db, in, d, errs);
	if (rc != ST_OK || errs->n > 0) { /* errs may hold the year's error */
		rc = rc == ST_ERR ? ST_ERR : ST_INVALID;
		goto out;
	}
	if ((rc = wf_create_absent(db, k->stmt_find, who, facility_id, year)) != ST_OK)
		goto out;
	h->facility_id = facility_id;
	h->year = year;
	h->state = WF_DRAFT;
	h->version = 1;
	rc = ST_ERR;
	if (k->insert(db, d) < 0)
		goto out;
	if ((rc = doc_audit(db, k, who, "create", NULL, d)) == ST_OK)
		*id = h->id;
out:
	doc_free(k, d);
	return rc;
}

/*
 * Loads document id for action by who from a form of version: ST_OK with
 * *out (doc_free it) and *to, or ST_NOTFOUND, ST_CONFLICT, ST_FORBIDDEN,
 * ST_STATE, ST_ERR (then *out is NULL).
 */
static int
load_for_change(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
		int64_t version, enum wf_action action, void **out, enum wf_state *to,
		int *note_req)
{
	int rc = doc_get(db, k, who, id, out);
	if (rc != ST_OK)
		return rc;
	const struct doc_head *h = doc_head(k, *out);
	if (h->version != version)
		rc = ST_CONFLICT;
	else
		rc = doc_check(k, action, h->state, who, to, note_req);
	if (rc != ST_OK) {
		doc_free(k, *out);
		*out = NULL;
	}
	return rc;
}

static int
update_tx(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
	  int64_t version, const void *in, struct wf_errors *errs)
{
	void *before = NULL, *after = doc_new(k);
	char *bjson = NULL;
	enum wf_state to;
	int note_req;
	int rc = load_for_change(db, k, who, id, version, WF_EDIT, &before, &to, &note_req);
	if (rc != ST_OK)
		goto out;
	if ((rc = k->validate(db, in, after, errs)) != ST_OK)
		goto out;
	struct doc_head *h = doc_head(k, after);
	*h = *doc_head(k, before);
	h->state = to;
	int u = k->update(db, after, version);
	if (u <= 0) { /* a storage error (a full disk, say) is not a stale version */
		rc = u == 0 ? ST_CONFLICT : ST_ERR;
		goto out;
	}
	h->version = version + 1;
	bjson = k->json(before);
	rc = doc_audit(db, k, who, "update", bjson, after);
out:
	free(bjson);
	doc_free(k, before);
	doc_free(k, after);
	return rc;
}

/* Binds and runs k's state statement; 1 when moved, 0 when stale, -1 on error. */
static int
write_state(struct db *db, const struct doc_kind *k, int64_t id, int64_t version,
	    enum wf_action action, enum wf_state to, const char *note, const char *old_note)
{
	/* A return or reopen replaces the note; other moves keep it. */
	int set_note = action == WF_RETURN || action == WF_REOPEN;
	struct db_stmt *st = db_stmt(db, (enum stmt)k->stmt_state);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, version);
	db_bind_text(st, 3, wf_state_status(to));
	db_bind_int(st, 4, to == WF_FORWARDED);
	db_bind_text(st, 5, set_note ? note : old_note);
	db_bind_int(st, 6, action == WF_SUBMIT);
	if (db_run(st) != DB_OK)
		return -1;
	return db_changes(db) == 1;
}

/*
 * The move's row in the document's history (history.h), with the content
 * as submitted for a submission, so the reviewer can compare a
 * resubmission with the one before it.
 */
static int
doc_history_record(struct db *db, const struct doc_kind *k, const struct principal *who,
		   enum wf_action action, const char *note, const void *d)
{
	char *content = action == WF_SUBMIT ? k->json(d) : NULL;
	int rc = doc_history_add(db, k->kind, doc_head(k, (void *)d)->id, who, wf_now(), action,
				 note, content);
	free(content);
	return rc < 0 ? ST_ERR : ST_OK;
}

/* The transition inside the caller's transaction; *pub for wf_finish. */
static int
transition_tx(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
	      enum wf_action action, int64_t version, const char *note, struct wf_errors *errs,
	      enum wf_publish *pub)
{
	void *d = NULL;
	char *bjson = NULL;
	enum wf_state to;
	int note_req = 0;
	int rc = load_for_change(db, k, who, id, version, action, &d, &to, &note_req);
	if (rc != ST_OK)
		goto out;
	const struct doc_head *h = doc_head(k, d);
	*pub = wf_transition_publish(h->state, to);
	const char *n = wf_nz(note);
	if ((rc = wf_note_check(n, note_req, errs)) != ST_OK)
		goto out;
	bjson = k->json(d);
	int w = write_state(db, k, id, version, action, to, n, h->review_note);
	if (w <= 0) {
		rc = w == 0 ? ST_CONFLICT : ST_ERR;
		goto out;
	}
	doc_free(k, d);
	d = NULL;
	if ((rc = doc_get(db, k, who, id, &d)) != ST_OK) {
		rc = ST_ERR; /* it was there a moment ago, in this transaction */
		goto out;
	}
	rc = doc_audit(db, k, who, wf_action_names[action], bjson, d);
	if (rc == ST_OK)
		rc = doc_history_record(db, k, who, action, n, d);
	if (rc == ST_OK) /* a return or acceptance e-mails the facility (model/mail/notice.h) */
		rc = mail_notice_doc(db, k->name, doc_head(k, d), action, n);
out:
	free(bjson);
	doc_free(k, d);
	return rc;
}

/* "report create": what the log says when the transaction fails. */
static const char *
what(const struct doc_kind *k, const char *op, char *buf, size_t n)
{
	snprintf(buf, n, "%s %s", k->name, op);
	return buf;
}

int
doc_create(struct db *db, const struct doc_kind *k, const struct principal *who,
	   int64_t facility_id, int year, const void *in, int64_t *id, struct wf_errors *errs)
{
	char w[64];
	what(k, "create", w, sizeof(w));
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, w, WF_PRIVATE);
	return wf_finish(db, create_tx(db, k, who, facility_id, year, in, id, errs), w, WF_PRIVATE);
}

int
doc_update(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
	   int64_t version, const void *in, struct wf_errors *errs)
{
	char w[64];
	what(k, "update", w, sizeof(w));
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, w, WF_PRIVATE);
	return wf_finish(db, update_tx(db, k, who, id, version, in, errs), w, WF_PRIVATE);
}

int
doc_transition(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
	       enum wf_action action, int64_t version, const char *note, struct wf_errors *errs)
{
	char w[64];
	enum wf_publish pub = WF_PRIVATE;
	if (action == WF_EDIT || (int)action < 0 || action >= WF_ACTION__MAX)
		return ST_STATE;
	what(k, "transition", w, sizeof(w));
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, w, WF_PRIVATE);
	int rc = transition_tx(db, k, who, id, action, version, note, errs, &pub);
	return wf_finish(db, rc, w, pub);
}

int
doc_save_and_submit(struct db *db, const struct doc_kind *k, const struct principal *who,
		    int64_t facility_id, int year, int64_t id, int64_t version, const void *in,
		    int64_t *out_id, struct wf_errors *errs)
{
	char w[64];
	enum wf_publish pub = WF_PRIVATE;
	what(k, "save and submit", w, sizeof(w));
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, w, WF_PRIVATE);
	int rc;
	if (id == 0) {
		rc = create_tx(db, k, who, facility_id, year, in, &id, errs);
		version = 1;
	} else {
		rc = update_tx(db, k, who, id, version, in, errs);
		version++;
	}
	if (rc == ST_OK)
		rc = transition_tx(db, k, who, id, WF_SUBMIT, version, NULL, errs, &pub);
	if (rc == ST_OK)
		*out_id = id;
	return wf_finish(db, rc, w, pub);
}

int
doc_store_in_tx(struct db *db, const struct doc_kind *k, const struct principal *who,
		int64_t facility_id, int year, int64_t id, int64_t version, const void *in,
		int submit, int64_t *out_id, struct wf_errors *errs)
{
	enum wf_publish pub = WF_PRIVATE;
	int rc;
	if (id == 0) {
		rc = create_tx(db, k, who, facility_id, year, in, &id, errs);
		version = 1;
	} else {
		rc = update_tx(db, k, who, id, version, in, errs);
		version++;
	}
	if (rc == ST_OK && submit)
		rc = transition_tx(db, k, who, id, WF_SUBMIT, version, NULL, errs, &pub);
	if (rc == ST_OK)
		*out_id = id;
	return rc;
}

int
doc_store(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t facility_id,
	  int year, int64_t id, const char *version_text, const void *in, int submit,
	  int64_t *out_id, struct wf_errors *errs)
{
	int64_t version = 0;
	int rc;
	if (id == 0) {
		if (version_text != NULL && version_text[0] != '\0')
			return ST_CONFLICT; /* the form knew a document that is gone */
	} else if (version_text == NULL || parse_int64(version_text, &version) < 0) {
		return ST_CONFLICT;
	}
	*out_id = id;
	if (submit)
		rc = doc_save_and_submit(db, k, who, facility_id, year, id, version, in, out_id,
					 errs);
	else if (id == 0)
		rc = doc_create(db, k, who, facility_id, year, in, out_id, errs);
	else
		rc = doc_update(db, k, who, id, version, in, errs);
	/* created by someone else since the form was opened */
	return rc == ST_EXISTS ? ST_CONFLICT : rc;
}
