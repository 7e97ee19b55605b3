/*
 * Unit tests for the CP options of an assessment (model/assess/option.h):
 * feasibility and effects computed from what is stored, worked by hand;
 * the validation of every field with its name; the access of the roles
 * through the assessment (an expert outside the team sees nothing); the
 * states in which options may be changed or carried out; version
 * conflicts; and the implementation moves.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "model/assess/assessment.h"
#include "model/assess/option.h"
#include "util/arena.h"
#include "wffix.h"

#define W(i) (&wfx_who[i])

/* |got - want| within 10^-9 of want (or 10^-9 when want is 0). */
static void
near(double got, double want)
{
	double tol = fabs(want) > 1 ? fabs(want) * 1e-9 : 1e-9;
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.12g, want %.12g", got, want);
}

/* A new database with an assessment of F1 started 15/03/2024 and its id. */
static struct db *
setup_assessment(const char *name, int64_t *aid)
{
	struct db *db = wfx_new(name);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct assessment_input in = {.title = "Đánh giá xưởng cấp đông",
				      .started_on = "15/03/2024",
				      .pilot = "1",
				      .funding = "provincial"};
	assert_int_equal(assessment_create(db, W(WFX_PROVINCE), 1, &in, aid, &errs), ST_OK);
	return db;
}

static int64_t
version_of(struct db *db, int64_t aid)
{
	struct assessment a;
	assert_int_equal(assessment_get(db, W(WFX_PROVINCE), aid, &a), ST_OK);
	return a.doc.version;
}

static void
add_expert(struct db *db, int64_t aid)
{
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct assess_member_input m = {
	    .name = "Nguyễn Văn Chuyên", .team_role = "expert", .user = "expert@test"};
	assert_int_equal(
	    assess_member_add(db, W(WFX_PROVINCE), aid, version_of(db, aid), &m, &errs), ST_OK);
}

/* A variable-speed drive on a 75 kW motor. */
static const struct cp_option_input vsd = {
    .title = "Lắp biến tần cho động cơ 75 kW",
    .kind = "equipment",
    .triage = "now",
    .capex = "120000000",
    .annual_saving = "40000000",
    .life_years = "5",
    .discount_rate = "0.1",
    .score_tech = "8",
    .score_fin = "6",
    .score_env = "7",
    .neffects = 1,
    .effects = {{.stream = "energy", .carrier = "electricity", .qty = "100000", .unit = "kWh"}},
};

static void
test_feasibility_and_effects(void **state)
{
	(void)state;
	int64_t aid, oid;
	struct db *db = setup_assessment("option_feas", &aid);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	/* outside the team the expert does not see the assessment */
	assert_int_equal(option_create(db, W(WFX_EXPERT), aid, 0, &vsd, &oid, &errs), ST_NOTFOUND);
	add_expert(db, aid);
	assert_int_equal(option_create(db, W(WFX_EXPERT), aid, 0, &vsd, &oid, &errs), ST_OK);

	struct arena a;
	arena_init(&a);
	struct cp_option o;
	assert_int_equal(option_get(db, W(WFX_EXPERT), oid, &a, &o), ST_OK);
	assert_int_equal(o.seq, 1);
	assert_string_equal(names_option_kind[o.kind].code, "equipment");
	assert_string_equal(names_option_status[o.status].code, "proposed");
	assert_true(o.fin_ok);
	/* simple payback: 120,000,000 / 40,000,000 = 3 years */
	near(o.fin.simple_payback, 3);
	/* NPV = 40e6 x (1 - 1.1^-5) / 0.1 - 120e6 = 40e6 x 3.790786769 - 120e6
	 * = 31,631,470.776 (LibreOffice: =NPV(0,1;40000000;...5 times) - 120000000) */
	near(o.fin.npv, 40e6 * (1 - pow(1.1, -5)) / 0.1 - 120e6);
	near(o.fin.npv, 31631470.7757);
	/* IRR: =IRR({-120000000;40000000;40000000;40000000;40000000;40000000}) = 19.8577 % */
	assert_true(fabs(o.fin.irr - 0.198577) < 5e-7);
	/* weighted score with the default weights 1, 1, 1: (8 + 6 + 7) / 3 = 7 */
	near(o.weighted_score, 7);
	/* 100,000 kWh x 0.0001543 TOE/kWh = 15.43 TOE; 100 MWh x 0.681 t/MWh (2024) = 68.1 t */
	assert_int_equal(o.neffects, 1);
	near(o.toe, 15.43);
	near(o.co2_t, 68.1);
	assert_int_equal(o.factor_year, 2024);

	/* explicit flows -100 (capex), 230, -132: roots 10 % and 20 % */
	struct cp_option_input two = {.title = "Thu hồi nhiệt khói lò",
				      .kind = "onsite_recovery",
				      .capex = "100",
				      .cash_flows = "230; -132",
				      .discount_rate = "0.12"};
	assert_int_equal(option_create(db, W(WFX_PROVINCE), aid, 0, &two, &oid, &errs), ST_OK);
	assert_int_equal(option_get(db, W(WFX_PROVINCE), oid, &a, &o), ST_OK);
	assert_int_equal(o.seq, 2);
	assert_int_equal(o.nflows, 2);
	assert_int_equal(o.fin.irr_status, FIN_IRR_SEVERAL);
	assert_int_equal(o.fin.nroots, 2);
	near(o.fin.roots[0], 0.10);
	near(o.fin.roots[1], 0.20);
	near(o.fin.irr, 0.10);		      /* the root nearest to 12 % */
	assert_true(isnan(o.weighted_score)); /* no scores given */

	struct cp_option *list;
	int n;
	assert_int_equal(option_list(db, W(WFX_DISTRICT_A), aid, &a, &list, &n), ST_OK);
	assert_int_equal(n, 2);
	assert_int_equal(option_list(db, W(WFX_DISTRICT_B), aid, &a, &list, &n), ST_NOTFOUND);
	assert_int_equal(option_list(db, W(WFX_ENT2), aid, &a, &list, &n), ST_NOTFOUND);
	assert_int_equal(option_get(db, W(WFX_DISTRICT_B), oid, &a, &o), ST_NOTFOUND);
	arena_free(&a);
	db_close(db);
}

/* The field named field has an error. */
static void
has_error(const struct wf_errors *e, const char *field)
{
	if (wf_errors_find(e, field) == NULL)
		fail_msg("no error on %s", field);
}

static void
test_validation(void **state)
{
	(void)state;
	int64_t aid, oid;
	struct db *db = setup_assessment("option_val", &aid);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct cp_option_input bad = {
	    .title = "",
	    .kind = "painting",
	    .offsite = "1",
	    .triage = "rejected",
	    .capex = "-5",
	    .cash_flows = "10; mười",
	    .score_tech = "11",
	    .neffects = 2,
	    .effects = {{.stream = "energy", .qty = "5", .unit = "kWh"},
			{.stream = "water", .qty = "nhiều", .unit = "bể"}},
	};
	assert_int_equal(option_create(db, W(WFX_PROVINCE), aid, 0, &bad, &oid, &errs), ST_INVALID);
	has_error(&errs, "title");
	has_error(&errs, "kind");
	has_error(&errs, "reject_reason");
	has_error(&errs, "capex");
	has_error(&errs, "cash_flows");
	has_error(&errs, "score_tech");
	has_error(&errs, "effects[0].carrier");
	has_error(&errs, "effects[1].qty");
	has_error(&errs, "effects[1].unit");

	/* both flows and a constant saving; a saving without a life; off-site equipment */
	struct cp_option_input both = {.title = "A",
				       .kind = "equipment",
				       .offsite = "1",
				       .cash_flows = "5; 5",
				       .annual_saving = "5"};
	wf_errors_clear(&errs);
	assert_int_equal(option_create(db, W(WFX_PROVINCE), aid, 0, &both, &oid, &errs),
			 ST_INVALID);
	has_error(&errs, "cash_flows");
	has_error(&errs, "offsite");
	struct cp_option_input nolife = {
	    .title = "B", .kind = "housekeeping", .annual_saving = "5"};
	wf_errors_clear(&errs);
	assert_int_equal(option_create(db, W(WFX_PROVINCE), aid, 0, &nolife, &oid, &errs),
			 ST_INVALID);
	has_error(&errs, "life_years");
	assert_int_equal(wfx_int("option_val", "SELECT count(*) FROM cp_option"), 0);
	db_close(db);
}

static void
test_states_and_implementation(void **state)
{
	(void)state;
	int64_t aid, oid;
	struct db *db = setup_assessment("option_states", &aid);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	add_expert(db, aid);
	/* the district reads but does not write */
	assert_int_equal(option_create(db, W(WFX_DISTRICT_A), aid, 0, &vsd, &oid, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(option_create(db, W(WFX_EXPERT), aid, 0, &vsd, &oid, &errs), ST_OK);
	/* a stale assessment version is a conflict */
	assert_int_equal(option_create(db, W(WFX_EXPERT), aid, 1, &vsd, &oid, &errs), ST_CONFLICT);

	/* a stale option version is a conflict, nothing changed */
	struct cp_option_input v2 = vsd;
	v2.capex = "150000000";
	assert_int_equal(option_update(db, W(WFX_EXPERT), oid, 7, &v2, &errs), ST_CONFLICT);
	assert_int_equal(option_update(db, W(WFX_EXPERT), oid, 1, &v2, &errs), ST_OK);
	assert_int_equal(wfx_int("option_states", "SELECT capex FROM cp_option"), 150000000);

	/* no carrying out before the team has started */
	assert_int_equal(option_set_status(db, W(WFX_EXPERT), oid, 2, "planned", NULL, NULL, &errs),
			 ST_STATE);
	assert_int_equal(assessment_transition(db, W(WFX_EXPERT), aid, WF_START,
					       version_of(db, aid), NULL, &errs),
			 ST_OK);
	assert_int_equal(assessment_transition(db, W(WFX_EXPERT), aid, WF_SUBMIT,
					       version_of(db, aid), NULL, &errs),
			 ST_OK);
	/* the report is with the province: options are frozen */
	assert_int_equal(option_update(db, W(WFX_EXPERT), oid, 2, &vsd, &errs), ST_STATE);
	assert_int_equal(assessment_transition(db, W(WFX_PROVINCE), aid, WF_ACCEPT,
					       version_of(db, aid), NULL, &errs),
			 ST_OK);
	/* implemented needs its date */
	wf_errors_clear(&errs);
	assert_int_equal(
	    option_set_status(db, W(WFX_EXPERT), oid, 2, "implemented", "", NULL, &errs),
	    ST_INVALID);
	has_error(&errs, "implemented_on");
	wf_errors_clear(&errs);
	assert_int_equal(option_set_status(db, W(WFX_EXPERT), oid, 2, "implemented", "20/06/2024",
					   "118000000", &errs),
			 ST_OK);
	char *d = wfx_text("option_states", "SELECT implemented_on FROM cp_option");
	assert_string_equal(d, "2024-06-20");
	free(d);
	assert_int_equal(wfx_int("option_states", "SELECT actual_cost FROM cp_option"), 118000000);
	assert_int_equal(wfx_int("option_states", "SELECT count(*) FROM audit WHERE action = "
						  "'cp_option.status'"),
			 1);
	/* the district still cannot move it */
	assert_int_equal(
	    option_set_status(db, W(WFX_DISTRICT_A), oid, 3, "planned", NULL, NULL, &errs),
	    ST_FORBIDDEN);
	db_close(db);
}

static void
test_rejected_not_carried_out(void **state)
{
	(void)state;
	int64_t aid, oid;
	struct db *db = setup_assessment("option_rej", &aid);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct cp_option_input r = {.title = "Thay lò hơi đốt dầu FO bằng lò hơi điện",
				    .kind = "technology",
				    .triage = "rejected",
				    .reject_reason = "Chi phí điện cao hơn tiết kiệm"};
	assert_int_equal(option_create(db, W(WFX_PROVINCE), aid, 0, &r, &oid, &errs), ST_OK);
	assert_int_equal(assessment_transition(db, W(WFX_PROVINCE), aid, WF_START,
					       version_of(db, aid), NULL, &errs),
			 ST_OK);
	assert_int_equal(
	    option_set_status(db, W(WFX_PROVINCE), oid, 1, "planned", NULL, NULL, &errs),
	    ST_INVALID);
	has_error(&errs, "status");
	assert_int_equal(option_delete(db, W(WFX_PROVINCE), oid, 1), ST_OK);
	assert_int_equal(wfx_int("option_rej", "SELECT count(*) FROM cp_option"), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_feasibility_and_effects),
	    cmocka_unit_test(test_validation),
	    cmocka_unit_test(test_states_and_implementation),
	    cmocka_unit_test(test_rejected_not_carried_out),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
