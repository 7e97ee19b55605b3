/*
 * Unit tests for the workflow-document core (model/doc/doc.h): the kinds
 * table is consistent; the core follows each kind's own rule table (a
 * kind whose rules differ from the review rules is checked by them, not by
 * the review rules); a kind's content write that fails or finds a stale
 * version leaves nothing behind; and a form's save (doc_store) refuses a
 * version that does not match what is stored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/doc/doc.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "wffix.h"

#define W(i) (&wfx_who[i])

static const struct registration_input commit5 = {"1", "5", "Thay đèn LED / biến tần"};

static void
test_kinds_table(void **state)
{
	(void)state;
	for (int i = 0; i < WF_KIND__MAX; i++) {
		const struct doc_kind *k = doc_kinds[i];
		assert_non_null(k);
		assert_int_equal(k->kind, i);
		assert_ptr_equal(doc_kind_named(k->name), k);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(doc_kinds[j]->name, k->name);
		assert_true(k->label.vi[0] != '\0' && k->label.en[0] != '\0');
		assert_non_null(k->year_label);
		assert_true(k->nrules > 0 && k->rules != NULL);
		assert_true(k->head_offset + sizeof(struct doc_head) <= k->size);
		assert_true(k->get && k->validate && k->insert && k->update && k->json);
	}
	assert_string_equal(doc_kinds[WF_KIND_REPORT]->name, "report");
	assert_string_equal(doc_kinds[WF_KIND_REGISTRATION]->name, "registration");
	assert_string_equal(doc_kinds[WF_KIND_ASSESSMENT]->name, "assessment");
	assert_null(doc_kind_named("event"));
}

/* Registrations under other rules: only province staff submit, nobody forwards. */
static const struct wf_rule strict_rules[] = {
    {WF_EDIT, WF_DRAFT, WF_DRAFT, ROLE_BIT(ROLE_ENTERPRISE) | ROLES_PROVINCE, 0},
    {WF_SUBMIT, WF_DRAFT, WF_SUBMITTED, ROLES_PROVINCE, 0},
    {WF_ACCEPT, WF_SUBMITTED, WF_ACCEPTED, ROLES_PROVINCE, 1},
};

static void
test_kind_rules(void **state)
{
	(void)state;
	const char *N = "doc_rules.db";
	struct db *db = wfx_new(N);
	struct doc_kind strict = registration_kind;
	strict.rules = strict_rules;
	strict.nrules = sizeof(strict_rules) / sizeof(strict_rules[0]);
	struct wf_errors errs = {0};
	int64_t id = 0, id2 = 0;
	assert_int_equal(doc_create(db, &strict, W(WFX_ENT1), 1, 2025, &commit5, &id, &errs),
			 ST_OK);
	/* The review rules let the enterprise submit; these do not. */
	assert_int_equal(doc_transition(db, &strict, W(WFX_ENT1), id, WF_SUBMIT, 1, NULL, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(
	    doc_transition(db, &strict, W(WFX_PROVINCE), id, WF_FORWARD, 1, NULL, &errs), ST_STATE);
	assert_int_equal(
	    doc_transition(db, &strict, W(WFX_PROVINCE), id, WF_SUBMIT, 1, NULL, &errs), ST_OK);
	/* Accepting needs a note under these rules (not under the review rules). */
	assert_int_equal(
	    doc_transition(db, &strict, W(WFX_PROVINCE), id, WF_ACCEPT, 2, NULL, &errs),
	    ST_INVALID);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].field, "note");
	assert_int_equal(wfx_int(N, "SELECT version FROM registration WHERE facility_id = 1"), 2);
	wf_errors_clear(&errs);
	assert_int_equal(
	    doc_transition(db, &strict, W(WFX_PROVINCE), id, WF_ACCEPT, 2, "Đạt yêu cầu", &errs),
	    ST_OK);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM registration WHERE status = 'accepted'"),
			 1);
	/* The same move by the registration kind's own rules, for another year. */
	assert_int_equal(
	    doc_create(db, &registration_kind, W(WFX_ENT1), 1, 2026, &commit5, &id2, &errs), ST_OK);
	assert_int_equal(
	    doc_transition(db, &registration_kind, W(WFX_ENT1), id2, WF_SUBMIT, 1, NULL, &errs),
	    ST_OK);
	enum wf_state to;
	int note;
	assert_int_equal(doc_check(&strict, WF_REOPEN, WF_ACCEPTED, W(WFX_PROVINCE), &to, &note),
			 ST_STATE);
	assert_int_equal(
	    doc_check(&registration_kind, WF_REOPEN, WF_ACCEPTED, W(WFX_PROVINCE), &to, &note),
	    ST_OK);
	assert_int_equal(to, WF_RETURNED);
	db_close(db);
}

static int update_answer;
static int insert_answer;

static int
update_fake(struct db *db, const void *doc, int64_t version)
{
	(void)db;
	(void)doc;
	(void)version;
	return update_answer;
}

static int
insert_fake(struct db *db, void *doc)
{
	(void)db;
	(void)doc;
	return insert_answer;
}

static void
test_failed_writes(void **state)
{
	(void)state;
	const char *N = "doc_fail.db";
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	int64_t id = 0;
	assert_int_equal(
	    doc_create(db, &registration_kind, W(WFX_ENT1), 1, 2025, &commit5, &id, &errs), ST_OK);
	long long audits = wfx_int(N, "SELECT count(*) FROM audit");

	struct doc_kind broken = registration_kind;
	broken.update = update_fake;
	broken.insert = insert_fake;
	const struct registration_input other = {"0", NULL, NULL};
	update_answer = 0; /* the row's version moved under the write */
	assert_int_equal(doc_update(db, &broken, W(WFX_ENT1), id, 1, &other, &errs), ST_CONFLICT);
	update_answer = -1; /* a storage error is not a stale version */
	assert_int_equal(doc_update(db, &broken, W(WFX_ENT1), id, 1, &other, &errs), ST_ERR);
	insert_answer = -1;
	int64_t id2 = 0;
	assert_int_equal(doc_create(db, &broken, W(WFX_ENT1), 1, 2026, &commit5, &id2, &errs),
			 ST_ERR);
	assert_int_equal(id2, 0);
	/* Save and submit: the failed update takes the submission with it. */
	update_answer = -1;
	assert_int_equal(
	    doc_save_and_submit(db, &broken, W(WFX_ENT1), 1, 2025, id, 1, &other, &id2, &errs),
	    ST_ERR);
	assert_int_equal(errs.n, 0);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit"), audits);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM registration"), 1);
	assert_int_equal(
	    wfx_int(N, "SELECT count(*) FROM registration WHERE version = 1 AND apply_cp = 1 "
		       "AND status = 'draft'"),
	    1);
	db_close(db);
}

static void
test_store_versions(void **state)
{
	(void)state;
	const char *N = "doc_store.db";
	struct db *db = wfx_new(N);
	const struct doc_kind *k = &registration_kind;
	struct wf_errors errs = {0};
	int64_t id = 0, got = 0;
	/* A new form saves; the same new form saved again finds one made meanwhile. */
	assert_int_equal(doc_store(db, k, W(WFX_ENT1), 1, 2025, 0, NULL, &commit5, 0, &id, &errs),
			 ST_OK);
	assert_true(id > 0);
	assert_int_equal(doc_store(db, k, W(WFX_ENT1), 1, 2025, 0, "", &commit5, 0, &got, &errs),
			 ST_CONFLICT);
	/* A new form that carries a version knew a document that is gone. */
	assert_int_equal(doc_store(db, k, W(WFX_ENT1), 1, 2024, 0, "3", &commit5, 0, &got, &errs),
			 ST_CONFLICT);
	/* An existing document needs the version it was loaded with, as digits. */
	assert_int_equal(doc_store(db, k, W(WFX_ENT1), 1, 2025, id, NULL, &commit5, 0, &got, &errs),
			 ST_CONFLICT);
	assert_int_equal(doc_store(db, k, W(WFX_ENT1), 1, 2025, id, "1x", &commit5, 0, &got, &errs),
			 ST_CONFLICT);
	assert_int_equal(doc_store(db, k, W(WFX_ENT1), 1, 2025, id, "2", &commit5, 0, &got, &errs),
			 ST_CONFLICT);
	assert_int_equal(wfx_int(N, "SELECT version FROM registration"), 1);
	/* The right version saves and submits in one go: version 1 -> 2 (update) -> 3 (submit). */
	assert_int_equal(doc_store(db, k, W(WFX_ENT1), 1, 2025, id, "1", &commit5, 1, &got, &errs),
			 ST_OK);
	assert_int_equal(got, id);
	assert_int_equal(wfx_int(N, "SELECT version FROM registration WHERE status = 'submitted'"),
			 3);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kinds_table),
	    cmocka_unit_test(test_kind_rules),
	    cmocka_unit_test(test_failed_writes),
	    cmocka_unit_test(test_store_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
