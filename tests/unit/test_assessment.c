/*
 * CP assessments (model/assess/assessment.h, afile.h) on the workflow
 * fixture (wffix.h): F1 in district A (enterprise ent1's), F2 in district
 * B, F3 in district A; one user of every role, expert@test the expert.
 *
 * Opening (province staff only), the validation messages per field, the
 * state machine move by move with a refused move per role, stale
 * versions, the team's rules, the tasks and where they put the
 * assessment, the scope of each role, and the files.
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
#include "model/assess/afile.h"
#include "model/assess/assessment.h"
#include "testutil.h"
#include "util/arena.h"
#include "wffix.h"

#define W(x) (&wfx_who[WFX_##x])

static const struct assessment_input plain = {.title = "Đánh giá SXSH dây chuyền cấp đông",
					      .started_on = "15/03/2026"};

/* The current version of assessment id, as province staff see it. */
static int64_t
version_of(struct db *db, int64_t id)
{
	struct assessment a;
	assert_int_equal(assessment_get(db, W(PROVINCE), id, &a), ST_OK);
	return a.doc.version;
}

static enum wf_state
state_of(struct db *db, int64_t id)
{
	struct assessment a;
	assert_int_equal(assessment_get(db, W(PROVINCE), id, &a), ST_OK);
	return a.doc.state;
}

static int
move(struct db *db, enum wf_action act, const struct principal *who, int64_t id, const char *note)
{
	struct wf_errors e;
	wf_errors_clear(&e);
	return assessment_transition(db, who, id, act, version_of(db, id), note, &e);
}

static void
add_member(struct db *db, int64_t id, const char *name, const char *role, const char *user)
{
	struct wf_errors e;
	wf_errors_clear(&e);
	struct assess_member_input m = {.name = name, .team_role = role, .user = user};
	assert_int_equal(assess_member_add(db, W(PROVINCE), id, version_of(db, id), &m, &e), ST_OK);
}

static void
test_create(void **state)
{
	(void)state;
	struct db *db = wfx_new("assess_create.db");
	struct wf_errors e;
	int64_t id = 0;
	/* Only province staff open one; the others are refused whatever the facility. */
	wf_errors_clear(&e);
	assert_int_equal(assessment_create(db, W(ENT1), 1, &plain, &id, &e), ST_FORBIDDEN);
	assert_int_equal(assessment_create(db, W(DISTRICT_A), 1, &plain, &id, &e), ST_FORBIDDEN);
	/* an expert sees no facility outside its teams' assessments: not found */
	assert_int_equal(assessment_create(db, W(EXPERT), 1, &plain, &id, &e), ST_NOTFOUND);
	/* A facility that does not exist is not found. */
	assert_int_equal(assessment_create(db, W(PROVINCE), 999, &plain, &id, &e), ST_NOTFOUND);
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &plain, &id, &e), ST_OK);
	struct assessment a;
	assert_int_equal(assessment_get(db, W(PROVINCE), id, &a), ST_OK);
	assert_int_equal(a.doc.state, WF_DRAFT);
	assert_int_equal(a.doc.year, 2026); /* the year of 15/03/2026 */
	assert_string_equal(a.started_on, "2026-03-15");
	assert_string_equal(a.title, "Đánh giá SXSH dây chuyền cấp đông");
	/* the defaults: enterprise funding, a yearly balance, 5 %, weights 1 */
	assert_string_equal(names_funding[a.funding].code, "enterprise");
	assert_string_equal(names_period[a.period].code, "year");
	assert_true(a.tolerance_pct == 5.0);
	assert_true(a.weight[0] == 1.0 && a.weight[1] == 1.0 && a.weight[2] == 1.0);
	/* one per facility and start year */
	int64_t id2;
	struct assessment_input again = {.started_on = "2026-06-01"};
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &again, &id2, &e), ST_EXISTS);
	assert_int_equal(wfx_int("assess_create.db", "SELECT count(*) FROM audit WHERE action "
						     "= 'assessment.create'"),
			 1);
	db_close(db);
}

static void
test_validation(void **state)
{
	(void)state;
	struct db *db = wfx_new("assess_valid.db");
	struct wf_errors e;
	int64_t id;
	/* 31/02/2026 is no day; a tolerance of 0; every weight 0. */
	struct assessment_input bad = {.started_on = "31/02/2026",
				       .tolerance_pct = "0",
				       .weight_tech = "0",
				       .weight_fin = "0",
				       .weight_env = "0",
				       .funding = "bank"};
	wf_errors_clear(&e);
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &bad, &id, &e), ST_INVALID);
	tu_assert_msg(wf_errors_find(&e, "started_on"),
		      "ngày bắt đầu phải là một ngày dạng ngày/tháng/năm, ví dụ 15/03/2026",
		      "start date must be a date written day/month/year (15/03/2026) or "
		      "year-month-day (2026-03-15), got '31/02/2026'");
	/* the range 0.01..100 of assessment.c; validate.c writes bounds as codes (%.15g) */
	tu_assert_msg(wf_errors_find(&e, "tolerance_pct"),
		      "sai số cân bằng cho phép (%) phải từ 0.01 đến 100",
		      "balance tolerance (%) must be between 0.01 and 100, got '0'");
	tu_assert_msg(wf_errors_find(&e, "weight_tech"),
		      "trọng số các tiêu chí: phải có ít nhất một trọng số lớn hơn 0",
		      "criteria weights: at least one weight must be above 0");
	assert_non_null(wf_errors_find(&e, "funding"));
	/* a missing start date is named */
	struct assessment_input none = {.title = "x"};
	wf_errors_clear(&e);
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &none, &id, &e), ST_INVALID);
	assert_non_null(wf_errors_find(&e, "started_on"));
	/* assessment_check alone: "2,5" is not canonical (the page converts it first) */
	struct assessment out;
	struct assessment_input ok = {.started_on = "2026-03-15", .tolerance_pct = "2.5"};
	wf_errors_clear(&e);
	assert_int_equal(assessment_check(&ok, &out, &e), ST_OK);
	assert_true(out.tolerance_pct == 2.5);
	assert_int_equal(wfx_int("assess_valid.db", "SELECT count(*) FROM assessment"), 0);
	db_close(db);
}

static void
test_moves(void **state)
{
	(void)state;
	const char *N = "assess_moves.db";
	struct db *db = wfx_new(N);
	struct wf_errors e;
	int64_t id;
	wf_errors_clear(&e);
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &plain, &id, &e), ST_OK);
	add_member(db, id, "Nguyễn Văn Chuyên", "expert", "expert@test");
	/* start: the district officer may not; the expert (in the team) does */
	assert_int_equal(move(db, WF_START, W(DISTRICT_A), id, NULL), ST_FORBIDDEN);
	assert_int_equal(move(db, WF_SUBMIT, W(EXPERT), id, NULL), ST_STATE);
	assert_int_equal(move(db, WF_START, W(EXPERT), id, NULL), ST_OK);
	assert_int_equal(state_of(db, id), WF_IN_PROGRESS);
	/* a stale version changes nothing */
	int64_t v = version_of(db, id);
	wf_errors_clear(&e);
	assert_int_equal(assessment_transition(db, W(ENT1), id, WF_SUBMIT, v - 1, NULL, &e),
			 ST_CONFLICT);
	assert_int_equal(state_of(db, id), WF_IN_PROGRESS);
	/* the enterprise of the facility submits; the expert may not accept */
	assert_int_equal(move(db, WF_SUBMIT, W(ENT1), id, NULL), ST_OK);
	assert_int_equal(move(db, WF_ACCEPT, W(EXPERT), id, NULL), ST_FORBIDDEN);
	assert_int_equal(move(db, WF_ACCEPT, W(ENT1), id, NULL), ST_FORBIDDEN);
	/* returning needs a note */
	wf_errors_clear(&e);
	assert_int_equal(
	    assessment_transition(db, W(PROVINCE), id, WF_RETURN, version_of(db, id), "", &e),
	    ST_INVALID);
	assert_non_null(wf_errors_find(&e, "note"));
	assert_int_equal(move(db, WF_RETURN, W(PROVINCE), id, "Bổ sung cân bằng nước"), ST_OK);
	struct assessment a;
	assert_int_equal(assessment_get(db, W(EXPERT), id, &a), ST_OK);
	assert_int_equal(a.doc.state, WF_RETURNED);
	assert_string_equal(a.doc.review_note, "Bổ sung cân bằng nước");
	/* the team submits again; the province accepts */
	assert_int_equal(move(db, WF_SUBMIT, W(EXPERT), id, NULL), ST_OK);
	assert_int_equal(move(db, WF_ACCEPT, W(PROVINCE), id, NULL), ST_OK);
	assert_int_equal(state_of(db, id), WF_ACCEPTED);
	assert_int_equal(assessment_get(db, W(PROVINCE), id, &a), ST_OK);
	assert_int_equal(strlen(a.accepted_on), 10);
	/* reopening needs a note; the expert may not sustain */
	wf_errors_clear(&e);
	assert_int_equal(
	    assessment_transition(db, W(PROVINCE), id, WF_REOPEN, version_of(db, id), NULL, &e),
	    ST_INVALID);
	assert_int_equal(move(db, WF_SUSTAIN, W(EXPERT), id, NULL), ST_FORBIDDEN);
	assert_int_equal(move(db, WF_REOPEN, W(PROVINCE), id, "Thiếu số liệu tháng 6"), ST_OK);
	assert_int_equal(state_of(db, id), WF_RETURNED);
	assert_int_equal(move(db, WF_SUBMIT, W(EXPERT), id, NULL), ST_OK);
	assert_int_equal(move(db, WF_ACCEPT, W(ADMIN), id, NULL), ST_OK);
	assert_int_equal(move(db, WF_SUSTAIN, W(PROVINCE), id, NULL), ST_OK);
	assert_int_equal(state_of(db, id), WF_SUSTAINING);
	/* nothing moves on from sustaining but the province's reopen, which is not a rule */
	assert_int_equal(move(db, WF_REOPEN, W(PROVINCE), id, "x"), ST_STATE);
	/* the history: start, submit, return, submit, accept, reopen, submit, accept, sustain */
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM doc_event WHERE kind = 'assessment'"), 9);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE action LIKE 'assessment.%'"),
			 /* create, member_add, 9 moves */ 11);
	/* the details: province and experts edit them while the work goes on, not now */
	wf_errors_clear(&e);
	assert_int_equal(assessment_update(db, W(PROVINCE), id, version_of(db, id), &plain, &e),
			 ST_STATE);
	db_close(db);
}

static void
test_team(void **state)
{
	(void)state;
	struct db *db = wfx_new("assess_team.db");
	struct wf_errors e;
	int64_t id;
	wf_errors_clear(&e);
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &plain, &id, &e), ST_OK);
	/* an expert member needs an account, and an expert's */
	struct assess_member_input noacct = {.name = "Chuyên gia A", .team_role = "expert"};
	wf_errors_clear(&e);
	assert_int_equal(assess_member_add(db, W(PROVINCE), id, version_of(db, id), &noacct, &e),
			 ST_INVALID);
	tu_assert_msg(wf_errors_find(&e, "user"),
		      "chuyên gia tư vấn cần có tài khoản chuyên gia: hãy nhập e-mail tài khoản",
		      "a consultant expert needs an expert account: enter the account e-mail");
	struct assess_member_input notexp = {
	    .name = "Chuyên gia B", .team_role = "expert", .user = "ent1@test"};
	wf_errors_clear(&e);
	assert_int_equal(assess_member_add(db, W(PROVINCE), id, version_of(db, id), &notexp, &e),
			 ST_INVALID);
	tu_assert_msg(wf_errors_find(&e, "user"),
		      "e-mail tài khoản: tài khoản 'ent1@test' không phải tài khoản chuyên gia",
		      "account e-mail: the account 'ent1@test' is not an expert's account");
	add_member(db, id, "Lê Chuyên Gia", "expert", "expert@test");
	struct assess_member_input twice = {
	    .name = "Lần hai", .team_role = "member", .user = "EXPERT@test"};
	wf_errors_clear(&e);
	assert_int_equal(assess_member_add(db, W(PROVINCE), id, version_of(db, id), &twice, &e),
			 ST_INVALID);
	tu_assert_msg(wf_errors_find(&e, "user"),
		      "e-mail tài khoản: tài khoản 'EXPERT@test' đã có trong nhóm",
		      "account e-mail: the account 'EXPERT@test' is already in the team");
	/* a leader without an account; the district officer may not add */
	add_member(db, id, "Trần Thị Trưởng", "leader", NULL);
	struct assess_member_input d = {.name = "X", .team_role = "member"};
	wf_errors_clear(&e);
	assert_int_equal(assess_member_add(db, W(DISTRICT_A), id, version_of(db, id), &d, &e),
			 ST_FORBIDDEN);
	/* stale form */
	wf_errors_clear(&e);
	assert_int_equal(assess_member_add(db, W(PROVINCE), id, version_of(db, id) - 1, &d, &e),
			 ST_CONFLICT);
	struct assess_ref r;
	assert_int_equal(assess_open(db, W(PROVINCE), id, 0, ASSESS_READ, &r), ST_OK);
	struct arena a;
	arena_init(&a);
	struct assess_member *ms;
	int n;
	assert_int_equal(assess_team(db, &r, &a, &ms, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_string_equal(ms[0].name, "Trần Thị Trưởng"); /* leaders first */
	assert_string_equal(ms[1].user_email, "expert@test");
	/* removing the expert takes the assessment out of its sight */
	assert_int_equal(assess_open(db, W(EXPERT), id, 0, ASSESS_READ, &r), ST_OK);
	assert_int_equal(assess_member_remove(db, W(PROVINCE), id, version_of(db, id), ms[1].id),
			 ST_OK);
	assert_int_equal(assess_open(db, W(EXPERT), id, 0, ASSESS_READ, &r), ST_NOTFOUND);
	arena_free(&a);
	db_close(db);
}

/* Tasks states by index (0 todo, 1 doing, 2 done, 3 skipped). */
static void
test_progress(void **state)
{
	(void)state;
	struct assess_task t[ASSESS_TASKS];
	struct assess_progress p;
	memset(t, 0, sizeof(t));
	assess_progress_of(t, &p);
	assert_int_equal(p.step, 1);
	assert_int_equal(p.done, 0);
	/* tasks 1-3 (step 1) done or skipped, task 4 doing: step 2, 3 done */
	t[0].state = 2;
	t[1].state = 3;
	t[2].state = 2;
	t[3].state = 1;
	assess_progress_of(t, &p);
	assert_int_equal(p.step, 2);
	assert_int_equal(p.done, 3);
	/* task 9 (step 3) done ahead: counted, the step still the first unfinished */
	t[8].state = 2;
	assess_progress_of(t, &p);
	assert_int_equal(p.step, 2);
	assert_int_equal(p.done, 4);
	/* all 18: past step 6 */
	for (int i = 0; i < ASSESS_TASKS; i++)
		t[i].state = 2;
	assess_progress_of(t, &p);
	assert_int_equal(p.step, ASSESS_STEPS + 1);
	assert_int_equal(p.done, 18);
}

static void
test_tasks(void **state)
{
	(void)state;
	const char *N = "assess_tasks.db";
	struct db *db = wfx_new(N);
	struct wf_errors e;
	int64_t id;
	wf_errors_clear(&e);
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &plain, &id, &e), ST_OK);
	struct assess_task_input done = {
	    .state = "done", .responsible = "Nguyễn Văn A", .due_on = "30/04/2026"};
	for (int t = 1; t <= 3; t++) {
		wf_errors_clear(&e);
		assert_int_equal(assess_task_set(db, W(ENT1), id, version_of(db, id), t, &done, &e),
				 ST_OK);
	}
	struct assess_task_input bad = {.state = "finished", .due_on = "31/04/2026"};
	wf_errors_clear(&e);
	assert_int_equal(assess_task_set(db, W(ENT1), id, version_of(db, id), 4, &bad, &e),
			 ST_INVALID);
	assert_non_null(wf_errors_find(&e, "state"));
	tu_assert_msg(wf_errors_find(&e, "due_on"),
		      "hạn hoàn thành phải là một ngày dạng ngày/tháng/năm, ví dụ 15/03/2026",
		      "due date must be a date written day/month/year (15/03/2026) or "
		      "year-month-day (2026-03-15), got '31/04/2026'");
	/* task 19 does not exist; the district officer reads only */
	assert_int_equal(assess_task_set(db, W(ENT1), id, version_of(db, id), 19, &done, &e),
			 ST_NOTFOUND);
	assert_int_equal(assess_task_set(db, W(DISTRICT_A), id, version_of(db, id), 4, &done, &e),
			 ST_FORBIDDEN);
	struct assess_ref r;
	struct assess_task t[ASSESS_TASKS];
	struct arena a;
	arena_init(&a);
	assert_int_equal(assess_open(db, W(DISTRICT_A), id, 0, ASSESS_READ, &r), ST_OK);
	assert_int_equal(assess_tasks(db, &r, &a, t), ST_OK);
	assert_string_equal(t[0].responsible, "Nguyễn Văn A");
	assert_string_equal(t[0].due_on, "2026-04-30");
	assert_int_equal(t[3].state, 0);
	struct assess_progress p;
	assess_progress_of(t, &p);
	assert_int_equal(p.step, 2);
	assert_int_equal(p.done, 3);
	/* the list says the same */
	struct assess_filter f = {.state = -1, .pilot = -1};
	struct assess_item *items;
	int n;
	long total;
	assert_int_equal(assess_list(db, W(PROVINCE), &f, &a, &items, &n, &total), ST_OK);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].step, 2);
	assert_int_equal(items[0].done, 3);
	arena_free(&a);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE action = "
				    "'assessment.task'"),
			 3);
	db_close(db);
}

/* The ids the list gives who, in order, into ids; returns their number. */
static int
listed(struct db *db, const struct principal *who, int64_t *ids)
{
	struct assess_filter f = {.state = -1, .pilot = -1};
	struct assess_item *items;
	int n;
	long total;
	struct arena a;
	arena_init(&a);
	assert_int_equal(assess_list(db, who, &f, &a, &items, &n, &total), ST_OK);
	for (int i = 0; i < n; i++)
		ids[i] = items[i].id;
	arena_free(&a);
	assert_int_equal(total, n);
	return n;
}

static void
test_scope(void **state)
{
	(void)state;
	struct db *db = wfx_new("assess_scope.db");
	struct wf_errors e;
	int64_t a1, a2, a3, ids[8];
	struct assessment_input i2 = {.started_on = "2026-03-16"},
				i3 = {.started_on = "2026-03-17"};
	wf_errors_clear(&e);
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &plain, &a1, &e), ST_OK);
	assert_int_equal(assessment_create(db, W(PROVINCE), 2, &i2, &a2, &e), ST_OK);
	assert_int_equal(assessment_create(db, W(PROVINCE), 3, &i3, &a3, &e), ST_OK);
	add_member(db, a2, "Chuyên gia", "expert", "expert@test");
	/* newest start first: a3, a2, a1 */
	assert_int_equal(listed(db, W(PROVINCE), ids), 3);
	assert_true(ids[0] == a3 && ids[1] == a2 && ids[2] == a1);
	/* the expert: exactly the one whose team names it */
	assert_int_equal(listed(db, W(EXPERT), ids), 1);
	assert_true(ids[0] == a2);
	struct assess_ref r;
	assert_int_equal(assess_open(db, W(EXPERT), a1, 0, ASSESS_READ, &r), ST_NOTFOUND);
	assert_int_equal(assess_open(db, W(EXPERT), a2, 0, ASSESS_CONTENT, &r), ST_OK);
	/* the enterprise: its facility F1's */
	assert_int_equal(listed(db, W(ENT1), ids), 1);
	assert_true(ids[0] == a1);
	assert_int_equal(assess_open(db, W(ENT1), a2, 0, ASSESS_READ, &r), ST_NOTFOUND);
	assert_int_equal(listed(db, W(ENT2), ids), 0);
	/* district A: F1 and F3, read only; district B: F2 */
	assert_int_equal(listed(db, W(DISTRICT_A), ids), 2);
	assert_true(ids[0] == a3 && ids[1] == a1);
	assert_int_equal(assess_open(db, W(DISTRICT_A), a1, 0, ASSESS_READ, &r), ST_OK);
	assert_int_equal(assess_open(db, W(DISTRICT_A), a1, 0, ASSESS_CONTENT, &r), ST_FORBIDDEN);
	assert_int_equal(assess_open(db, W(DISTRICT_A), a2, 0, ASSESS_READ, &r), ST_NOTFOUND);
	assert_int_equal(listed(db, W(DISTRICT_B), ids), 1);
	assert_true(ids[0] == a2);
	/* filters: the year and pilot */
	struct assess_filter f = {.state = WF_DRAFT, .year = 2025, .pilot = -1};
	struct assess_item *items;
	int n;
	long total;
	struct arena a;
	arena_init(&a);
	assert_int_equal(assess_list(db, W(PROVINCE), &f, &a, &items, &n, &total), ST_OK);
	assert_int_equal(n, 0);
	f.year = 2026;
	f.pilot = 0;
	assert_int_equal(assess_list(db, W(PROVINCE), &f, &a, &items, &n, &total), ST_OK);
	assert_int_equal(n, 3);
	arena_free(&a);
	db_close(db);
}

static void
test_files(void **state)
{
	(void)state;
	const char *N = "assess_files.db";
	struct db *db = wfx_new(N);
	struct wf_errors e;
	int64_t id, other, fid, fid2;
	struct msg why;
	wf_errors_clear(&e);
	assert_int_equal(assessment_create(db, W(PROVINCE), 1, &plain, &id, &e), ST_OK);
	struct assessment_input i2 = {.started_on = "2026-03-16"};
	assert_int_equal(assessment_create(db, W(PROVINCE), 2, &i2, &other, &e), ST_OK);
	static const char pdf[] = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n";
	size_t npdf = sizeof(pdf) - 1; /* 35 bytes */
	/* a PDF named .png is stored as what it is */
	assert_int_equal(
	    afile_add(db, W(ENT1), id, 5, "so do.png", pdf, npdf, 1767225600, &fid, &why), ST_OK);
	assert_int_equal(
	    afile_add(db, W(PROVINCE), id, 0, "bao cao.pdf", pdf, npdf, 1767225601, &fid2, &why),
	    ST_OK);
	/* text is no allowed type; nothing is no file; another's assessment is not found */
	assert_int_equal(afile_add(db, W(ENT1), id, 5, "a.txt", "hello", 5, 1, &fid, &why),
			 ST_INVALID);
	assert_int_equal(why.id, MSG_ATTACH_TYPE);
	assert_int_equal(afile_add(db, W(ENT1), id, 5, "a.pdf", NULL, 0, 1, &fid, &why),
			 ST_INVALID);
	assert_int_equal(why.id, MSG_ATTACH_EMPTY);
	assert_int_equal(afile_add(db, W(ENT1), other, 0, "a.pdf", pdf, npdf, 1, &fid, &why),
			 ST_NOTFOUND);
	assert_int_equal(afile_add(db, W(DISTRICT_A), id, 0, "a.pdf", pdf, npdf, 1, &fid, &why),
			 ST_FORBIDDEN);
	struct arena a;
	arena_init(&a);
	struct afile *fs;
	int n;
	assert_int_equal(afile_list(db, W(DISTRICT_A), id, &a, &fs, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(fs[0].task, 0); /* by task: the general one first */
	assert_string_equal(fs[1].filename, "so do.pdf");
	assert_int_equal(fs[1].type, ATTACH_PDF);
	assert_int_equal(fs[1].size, 35);
	int64_t task_file = fs[1].id;
	struct afile *none;
	int nn;
	assert_int_equal(afile_list(db, W(EXPERT), id, &a, &none, &nn), ST_NOTFOUND);
	struct afile meta;
	void *data;
	assert_int_equal(afile_get(db, W(ENT1), id, task_file, &a, &meta, &data), ST_OK);
	assert_memory_equal(data, pdf, npdf);
	free(data);
	/* the file must be the assessment's */
	assert_int_equal(afile_get(db, W(PROVINCE), other, task_file, &a, &meta, NULL),
			 ST_NOTFOUND);
	/* the district may not delete; the enterprise not the province's file; the province any */
	assert_int_equal(afile_delete(db, W(DISTRICT_A), id, task_file), ST_FORBIDDEN);
	assert_int_equal(afile_delete(db, W(ENT1), id, fid2), ST_FORBIDDEN);
	assert_int_equal(afile_delete(db, W(PROVINCE), id, task_file), ST_OK);
	assert_int_equal(afile_delete(db, W(PROVINCE), id, task_file), ST_NOTFOUND);
	assert_int_equal(afile_delete(db, W(PROVINCE), id, fid2), ST_OK);
	arena_free(&a);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE action = "
				    "'assessment.file_add'"),
			 2);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE action = "
				    "'assessment.file_delete'"),
			 2);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM assessment_file"), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_create),   cmocka_unit_test(test_validation),
	    cmocka_unit_test(test_moves),    cmocka_unit_test(test_team),
	    cmocka_unit_test(test_progress), cmocka_unit_test(test_tasks),
	    cmocka_unit_test(test_scope),    cmocka_unit_test(test_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
