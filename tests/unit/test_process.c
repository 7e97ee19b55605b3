/*
 * Unit tests for model/assess/process: steps, balance lines, causes, the
 * access rule, validation, and the balances against hand-worked cases.
 * Fixture: tests/lib/wffix.h (F1 in district A, users of every role); an
 * assessment of F1 opened by province staff with the expert in its team.
 *
 * Factors used below, from data/carrier_factors.csv (GJ per unit):
 * electricity 0.0036 GJ/kWh; rice_husk 11.6 GJ/t; bagasse has no heating
 * value (its line cannot convert and must be reported, not counted as 0).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/assess/process.h"
#include "model/status.h"
#include "util/arena.h"
#include "wffix.h"

#define N "process.db"

static const struct principal *const province = &wfx_who[WFX_PROVINCE];
static const struct principal *const expert = &wfx_who[WFX_EXPERT];
/* a second expert, not in the team */
static const struct principal other_expert = {8, ROLE_EXPERT, 0, 0, "expert2@test"};

static void
assert_near(double got, double want)
{
	if (!(fabs(got - want) <= 1e-9 * (fabs(want) > 1 ? fabs(want) : 1)))
		fail_msg("got %.17g, want %.17g", got, want);
}

/* A new database with an assessment of F1 (balance period month); returns its id. */
static int64_t
setup_assessment(struct db **dbp)
{
	struct db *db = wfx_new(N);
	if (db_exec(db, "INSERT INTO app_user(id, email, role, created_at) VALUES "
			"(8, 'expert2@test', 'expert', '2025-01-01')") != DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	struct assessment_input in = {.started_on = "2024-03-01", .period = "month"};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t id = 0;
	assert_int_equal(assessment_create(db, province, 1, &in, &id, &errs), ST_OK);
	struct assessment a;
	assert_int_equal(assessment_get(db, province, id, &a), ST_OK);
	struct assess_member_input m = {
	    .name = "Chuyên gia", .team_role = "expert", .user = "expert@test"};
	assert_int_equal(assess_member_add(db, province, id, a.doc.version, &m, &errs), ST_OK);
	*dbp = db;
	return id;
}

static int64_t
version_of(struct db *db, int64_t id)
{
	struct assessment a;
	assert_int_equal(assessment_get(db, province, id, &a), ST_OK);
	return a.doc.version;
}

static int64_t
add_step(struct db *db, const struct principal *who, int64_t id, const char *name)
{
	struct process_step_input in = {.name = name, .description = ""};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t sid = 0;
	int rc = process_step_add(db, who, id, version_of(db, id), &in, &sid, &errs);
	if (rc != ST_OK)
		fail_msg("step %s: %d", name, rc);
	return sid;
}

static int64_t
add_line(struct db *db, int64_t id, int64_t step, const struct process_line_input *in)
{
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t lid = 0;
	int rc = process_line_add(db, expert, id, version_of(db, id), step, in, &lid, &errs);
	if (rc != ST_OK)
		fail_msg("line %s: %d (%s)", in->name, rc, errs.n ? errs.e[0].field : "");
	return lid;
}

/*
 * Scope: the expert not in the team does not see the assessment (404 on
 * read and change); district A (F1's) reads it but may not change it
 * (ST_FORBIDDEN); district B does not see it; the team's expert and F1's
 * enterprise user change it.  A stale version is a conflict.
 */
static void
test_scope(void **state)
{
	(void)state;
	struct db *db;
	int64_t id = setup_assessment(&db);
	struct arena a;
	arena_init(&a);
	struct process p;
	assert_int_equal(process_read(db, &other_expert, id, &a, &p), ST_NOTFOUND);
	assert_int_equal(process_read(db, &wfx_who[WFX_DISTRICT_B], id, &a, &p), ST_NOTFOUND);
	assert_int_equal(process_read(db, &wfx_who[WFX_DISTRICT_A], id, &a, &p), ST_OK);
	assert_int_equal(p.nsteps, 0);
	struct process_step_input in = {.name = "Rửa"};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t v = version_of(db, id);
	assert_int_equal(process_step_add(db, &other_expert, id, v, &in, NULL, &errs), ST_NOTFOUND);
	assert_int_equal(process_step_add(db, &wfx_who[WFX_DISTRICT_A], id, v, &in, NULL, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(process_step_add(db, &wfx_who[WFX_ENT2], id, v, &in, NULL, &errs),
			 ST_NOTFOUND);
	int64_t s1 = add_step(db, expert, id, "Rửa");
	add_step(db, &wfx_who[WFX_ENT1], id, "Cắt");
	/* the version the form carried is now stale */
	assert_int_equal(process_step_edit(db, expert, id, v, s1, &in, &errs), ST_CONFLICT);
	/* the audit rows */
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE action = "
				    "'assessment.process'"),
			 2);
	/* a step of this assessment under another id is not found */
	assert_int_equal(process_step_delete(db, expert, id, version_of(db, id), s1 + 100),
			 ST_NOTFOUND);
	arena_free(&a);
	db_close(db);
}

/* Steps: add, edit, move up and down, delete with its lines and causes. */
static void
test_steps(void **state)
{
	(void)state;
	struct db *db;
	int64_t id = setup_assessment(&db);
	int64_t s1 = add_step(db, expert, id, "Tiếp nhận");
	int64_t s2 = add_step(db, expert, id, "Fillet");
	int64_t s3 = add_step(db, expert, id, "Cấp đông");
	struct wf_errors errs;
	wf_errors_clear(&errs);
	/* a blank name is refused, naming the field */
	struct process_step_input bad = {.name = " ", .description = "x"};
	assert_int_equal(process_step_edit(db, expert, id, version_of(db, id), s2, &bad, &errs),
			 ST_INVALID);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].field, "name");
	struct process_step_input ok = {.name = "Phi lê", .description = "Cắt lấy thịt"};
	wf_errors_clear(&errs);
	assert_int_equal(process_step_edit(db, expert, id, version_of(db, id), s2, &ok, &errs),
			 ST_OK);
	/* s3 up: s1, s3, s2; s1 up stays; s2 down stays */
	assert_int_equal(process_step_move(db, expert, id, version_of(db, id), s3, -1), ST_OK);
	assert_int_equal(process_step_move(db, expert, id, version_of(db, id), s1, -1), ST_OK);
	assert_int_equal(process_step_move(db, expert, id, version_of(db, id), s2, +1), ST_OK);
	struct arena a;
	arena_init(&a);
	struct process p;
	assert_int_equal(process_read(db, expert, id, &a, &p), ST_OK);
	assert_int_equal(p.nsteps, 3);
	assert_true(p.steps[0].id == s1 && p.steps[1].id == s3 && p.steps[2].id == s2);
	assert_string_equal(p.steps[2].name, "Phi lê");
	assert_string_equal(p.steps[2].description, "Cắt lấy thịt");
	/* a waste line with a cause on s2, then s2 deleted: line and cause go too */
	struct process_line_input w = {
	    .direction = "out", .stream = "waste", .name = "Vụn", .quantity = "1", .unit = "t"};
	int64_t l = add_line(db, id, s2, &w);
	wf_errors_clear(&errs);
	assert_int_equal(
	    process_cause_add(db, expert, id, version_of(db, id), l, "Dao cùn", NULL, &errs),
	    ST_OK);
	assert_int_equal(process_step_delete(db, expert, id, version_of(db, id), s2), ST_OK);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM balance_item"), 0);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM waste_cause"), 0);
	arena_free(&a);
	arena_init(&a);
	assert_int_equal(process_read(db, expert, id, &a, &p), ST_OK);
	assert_int_equal(p.nsteps, 2);
	arena_free(&a);
	db_close(db);
}

/* The first error's field of a line refused as in. */
static void
refused(struct db *db, int64_t id, int64_t step, const struct process_line_input *in,
	const char *field)
{
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int rc = process_line_add(db, expert, id, version_of(db, id), step, in, NULL, &errs);
	assert_int_equal(rc, ST_INVALID);
	assert_true(errs.n >= 1);
	if (wf_errors_find(&errs, field) == NULL)
		fail_msg("no error on %s (first: %s)", field, errs.e[0].field);
}

static void
test_validation(void **state)
{
	(void)state;
	struct db *db;
	int64_t id = setup_assessment(&db);
	int64_t s1 = add_step(db, expert, id, "Sấy");
	int64_t s2 = add_step(db, expert, id, "Đóng gói");
	/* energy without a carrier */
	refused(db, id, s1,
		&(struct process_line_input){.direction = "in",
					     .stream = "energy",
					     .name = "Điện",
					     .quantity = "10",
					     .unit = "kWh"},
		"carrier");
	/* electricity in tonnes: the unit is refused */
	refused(db, id, s1,
		&(struct process_line_input){.direction = "in",
					     .stream = "energy",
					     .name = "Điện",
					     .carrier = "electricity",
					     .quantity = "10",
					     .unit = "t"},
		"unit");
	/* a carrier on a material line */
	refused(db, id, s1,
		&(struct process_line_input){.direction = "in",
					     .stream = "material",
					     .name = "Cá",
					     .carrier = "electricity",
					     .quantity = "10",
					     .unit = "t"},
		"carrier");
	/* a cost on a product line */
	refused(db, id, s1,
		&(struct process_line_input){.direction = "out",
					     .stream = "product",
					     .name = "Cá khô",
					     .quantity = "1",
					     .unit = "t",
					     .lost_value = "1000"},
		"lost_value");
	/* an input cannot feed another step; an output cannot feed an earlier one */
	char t2[32], t1[32];
	snprintf(t2, sizeof(t2), "%lld", (long long)s2);
	snprintf(t1, sizeof(t1), "%lld", (long long)s1);
	refused(db, id, s1,
		&(struct process_line_input){.direction = "in",
					     .stream = "material",
					     .name = "Cá",
					     .quantity = "1",
					     .unit = "t",
					     .to_step = t2},
		"to_step");
	refused(db, id, s2,
		&(struct process_line_input){.direction = "out",
					     .stream = "product",
					     .name = "Cá",
					     .quantity = "1",
					     .unit = "t",
					     .to_step = t1},
		"to_step");
	/* quantity not a number, negative; unit unknown; no name; bad direction */
	refused(db, id, s1,
		&(struct process_line_input){.direction = "in",
					     .stream = "water",
					     .name = "Nước",
					     .quantity = "abc",
					     .unit = "m3"},
		"quantity");
	refused(db, id, s1,
		&(struct process_line_input){.direction = "in",
					     .stream = "water",
					     .name = "Nước",
					     .quantity = "-1",
					     .unit = "m3"},
		"quantity");
	refused(db, id, s1,
		&(struct process_line_input){.direction = "in",
					     .stream = "water",
					     .name = "Nước",
					     .quantity = "1",
					     .unit = "bucket"},
		"unit");
	refused(db, id, s1,
		&(struct process_line_input){
		    .direction = "in", .stream = "water", .quantity = "1", .unit = "m3"},
		"name");
	refused(db, id, s1,
		&(struct process_line_input){.direction = "up",
					     .stream = "water",
					     .name = "Nước",
					     .quantity = "1",
					     .unit = "m3"},
		"direction");
	/* a unit and carrier named in words resolve to their codes */
	int64_t l = add_line(db, id, s1,
			     &(struct process_line_input){.direction = "in",
							  .stream = "energy",
							  .name = "Điện lưới",
							  .carrier = "Điện",
							  .quantity = "12500",
							  .unit = "kilôoát giờ"});
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM balance_item WHERE carrier_code = "
				    "'electricity' AND unit = 'kWh' AND quantity = 12500"),
			 1);
	/* a cause only on a waste line */
	struct wf_errors errs;
	wf_errors_clear(&errs);
	assert_int_equal(
	    process_cause_add(db, expert, id, version_of(db, id), l, "Rò rỉ", NULL, &errs),
	    ST_INVALID);
	assert_non_null(wf_errors_find(&errs, "line"));
	/* nothing of the refused lines was stored */
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM balance_item"), 1);
	db_close(db);
}

/*
 * The fish-fillet process (balance period: month).
 *   Step 1 "Phi lê": in 10 t fish + 15 m3 water (15 t at 1 t/m3)
 *   = 25 t; out 4.2 t fillet (feeds step 2) + 5.6 t by-products (waste,
 *   value lost 28,000,000) + 14.8 m3 wastewater (14.8 t; treatment
 *   118,400) = 24.6 t; a line of 200 pieces of trays is left out (count).
 *   error = (25 − 24.6) / 25 = 0.4 / 25 = 0.016 = 1.6 % <= 5 %: within.
 *   Step 2 "Cấp đông": in 4.2 t (the fillet fed from step 1), out 4.2 t
 *   frozen fillet: error 0.
 *   Whole process: the fillet is inside it and left out: in 25 t, out
 *   5.6 + 14.8 + 4.2 (frozen) = 24.6 t, error 1.6 %.
 *   Waste cost per month: 28,000,000 + 118,400 = 28,118,400; per year
 *   x 12 = 337,420,800.
 *
 * Energy of step 2: in 12,500 kWh electricity x 0.0036 = 45 GJ and 5 t
 * rice husk x 11.6 = 58 GJ: 103 GJ; out 7,500 kg rice husk (7.5 t x 11.6
 * = 87 GJ; kg to t by the unit table); error (103 − 87) / 103 = 16 / 103
 * = 0.155339805… = 15.53 % > 5 %: beyond.  A line of 2 t bagasse has no
 * heating value: left out (1), never counted as 0.
 */
static void
test_balances(void **state)
{
	(void)state;
	struct db *db;
	int64_t id = setup_assessment(&db);
	int64_t s1 = add_step(db, expert, id, "Phi lê");
	int64_t s2 = add_step(db, expert, id, "Cấp đông");
	char t2[32];
	snprintf(t2, sizeof(t2), "%lld", (long long)s2);
#define L(...) (&(struct process_line_input){__VA_ARGS__})
	add_line(db, id, s1,
		 L(.direction = "in", .stream = "material", .name = "Cá tra", .quantity = "10",
		   .unit = "t"));
	add_line(db, id, s1,
		 L(.direction = "in", .stream = "water", .name = "Nước", .quantity = "15",
		   .unit = "m3"));
	add_line(db, id, s1,
		 L(.direction = "out", .stream = "product", .name = "Phi lê", .quantity = "4.2",
		   .unit = "t", .to_step = t2));
	int64_t bp = add_line(db, id, s1,
			      L(.direction = "out", .stream = "waste", .name = "Phụ phẩm",
				.quantity = "5.6", .unit = "t", .lost_value = "28000000"));
	add_line(db, id, s1,
		 L(.direction = "out", .stream = "waste", .name = "Nước thải", .quantity = "14.8",
		   .unit = "m3", .treatment_cost = "118400"));
	add_line(db, id, s1,
		 L(.direction = "in", .stream = "material", .name = "Khay", .quantity = "200",
		   .unit = "piece"));
	add_line(db, id, s2,
		 L(.direction = "out", .stream = "product", .name = "Phi lê đông lạnh",
		   .quantity = "4.2", .unit = "t"));
	add_line(db, id, s2,
		 L(.direction = "in", .stream = "energy", .name = "Điện", .carrier = "electricity",
		   .quantity = "12500", .unit = "kWh"));
	add_line(db, id, s2,
		 L(.direction = "in", .stream = "energy", .name = "Trấu", .carrier = "rice_husk",
		   .quantity = "5", .unit = "t"));
	add_line(db, id, s2,
		 L(.direction = "out", .stream = "energy", .name = "Trấu dư",
		   .carrier = "rice_husk", .quantity = "7500", .unit = "kg"));
	add_line(db, id, s2,
		 L(.direction = "in", .stream = "energy", .name = "Bã mía", .carrier = "bagasse",
		   .quantity = "2", .unit = "t"));
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t cid = 0;
	assert_int_equal(process_cause_add(db, expert, id, version_of(db, id), bp,
					   "Cắt không đúng kỹ thuật", &cid, &errs),
			 ST_OK);
	assert_int_equal(process_cause_add(db, expert, id, version_of(db, id), bp,
					   "Nguyên liệu kém chất lượng", NULL, &errs),
			 ST_OK);
	assert_int_equal(process_cause_delete(db, expert, id, version_of(db, id), cid), ST_OK);
#undef L
	struct arena a;
	arena_init(&a);
	struct process p;
	assert_int_equal(process_read(db, &wfx_who[WFX_DISTRICT_A], id, &a, &p), ST_OK);
	assert_int_equal(p.nsteps, 2);
	const struct process_step *f = &p.steps[0], *c = &p.steps[1];
	/* step 1, mass */
	assert_near(f->mass.r.in, 25);
	assert_near(f->mass.r.out, 24.6);
	assert_near(f->mass.r.error, 0.016);
	assert_int_equal(f->mass.r.state, BAL_WITHIN);
	assert_int_equal(f->mass.left_out, 1);
	assert_int_equal(f->mass.nlines, 5);
	assert_int_equal(f->energy.r.state, BAL_EMPTY);
	/* step 2, mass: the fed fillet */
	assert_int_equal(c->nfeeds, 1);
	assert_near(c->mass.r.in, 4.2);
	assert_near(c->mass.r.out, 4.2);
	assert_int_equal(c->mass.r.state, BAL_WITHIN);
	/* step 2, energy */
	assert_near(c->energy.r.in, 103);
	assert_near(c->energy.r.out, 87);
	assert_near(c->energy.r.error, 16.0 / 103.0);
	assert_int_equal(c->energy.r.state, BAL_BEYOND);
	assert_int_equal(c->energy.left_out, 1);
	const struct process_line *bag = NULL;
	for (int i = 0; i < c->nlines; i++)
		if (strcmp(c->lines[i].carrier, "bagasse") == 0)
			bag = &c->lines[i];
	assert_non_null(bag);
	assert_true(bag->left_out && isnan(bag->gj));
	/* the whole process */
	assert_near(p.mass.r.in, 25);
	assert_near(p.mass.r.out, 24.6);
	assert_near(p.mass.r.error, 0.016);
	assert_near(p.energy.r.in, 103);
	/* waste: two lines, per month and per year */
	assert_int_equal(p.nwaste, 2);
	assert_near(p.waste_lost, 28000000);
	assert_near(p.waste_treat, 118400);
	assert_near(p.waste_cost, 28118400);
	assert_near(p.waste_cost_year, 337420800);
	assert_int_equal(p.waste[0].line->ncauses, 1);
	assert_string_equal(p.waste[0].line->causes[0].description, "Nguyên liệu kém chất lượng");
	/* the tolerance the assessor sets: 20 % accepts the energy balance */
	assert_int_equal(db_exec(db, "UPDATE assessment SET tolerance_pct = 20"), DB_OK);
	arena_free(&a);
	arena_init(&a);
	assert_int_equal(process_read(db, expert, id, &a, &p), ST_OK);
	assert_int_equal(p.steps[1].energy.r.state, BAL_WITHIN);
	/* a line edited: the by-products 5.6 -> 6.4 t: step 1 out 25.4, error -1.6 % */
	const struct process_line *l = process_line_find(&p, bp);
	assert_non_null(l);
	struct process_line_input e = {.direction = "out",
				       .stream = "waste",
				       .name = "Phụ phẩm",
				       .quantity = "6.4",
				       .unit = "t",
				       .lost_value = "32000000"};
	wf_errors_clear(&errs);
	assert_int_equal(process_line_edit(db, expert, id, version_of(db, id), bp, &e, &errs),
			 ST_OK);
	arena_free(&a);
	arena_init(&a);
	assert_int_equal(process_read(db, expert, id, &a, &p), ST_OK);
	assert_near(p.steps[0].mass.r.out, 25.4);
	assert_near(p.steps[0].mass.r.error, -0.016);
	assert_int_equal(process_line_delete(db, expert, id, version_of(db, id), bp), ST_OK);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM waste_cause"), 0);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE action = "
				    "'assessment.balance'"),
			 11 + 3 + 2);
	arena_free(&a);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scope),
	    cmocka_unit_test(test_steps),
	    cmocka_unit_test(test_validation),
	    cmocka_unit_test(test_balances),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
