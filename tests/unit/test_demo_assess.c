/*
 * Tests of the demo's CP assessments (model/demo/demo_assess.c): which
 * exist and in what state, the tasks and history their states imply, the
 * balances' closure, the options' figures against the prices they state
 * and the feasibility formulas (model/calc/finance.h), the pilot's reports
 * before and after its options, and the expert account's membership.  The
 * database is read back through literal queries on a connection of its own
 * (tu_query_text), so the checks run on either backend.
 *
 * The prices the options state, worked by hand from the demo's 2012 prices
 * (model/demo/demo.c) rising 3.5 % a year:
 *   1.035^3 = 1.108718, 1.035^11 = 1.459970, 1.035^12 = 1.511069,
 *   1.035^13 = 1.563956.
 *   electricity (1,500 VND/kWh in 2012, to the nearest 50):
 *     2015: 1,500 x 1.108718 = 1,663.1 -> 1,650
 *     2023: 1,500 x 1.459970 = 2,190.0 -> 2,200
 *     2024: 1,500 x 1.511069 = 2,266.6 -> 2,250
 *     2025: 1,500 x 1.563956 = 2,345.9 -> 2,350
 *   fuels (VND/t, to the nearest 10,000):
 *     rice husk 700,000: 2023: 1,021,979 -> 1,020,000; 2025: 1,094,769 -> 1,090,000
 *     wood 1,100,000: 2025: 1,720,352 -> 1,720,000
 *     coal 2,800,000: 2025: 4,379,077 -> 4,380,000
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
#include "fixture.h"
#include "model/assess/assessment.h"
#include "model/calc/finance.h"
#include "model/demo/demo.h"
#include "model/demo/demo_accounts.h"
#include "testutil.h"
#include "util/arena.h"

/* Large enough for a frozen-shrimp plant with reports in 2014 and 2016 and
 * a rice mill burning husk with reports in 2022 and 2024 (seed 1). */
#define N  2500
#define DB "assess.db"

static struct db *
gen(const char *name, uint64_t seed, long n, struct demo_stats *st)
{
	char err[512];
	struct db *db = fx_db_new(name, NULL);
	struct demo_opts o = {.seed = seed, .facilities = n};
	if (demo_generate(db, &o, st, err, sizeof(err)) != DEMO_OK)
		fail_msg("demo_generate: %s", err);
	return db;
}

static int64_t
q_int(const char *name, const char *sql)
{
	char *t = tu_query_text(name, sql);
	char *end;
	long long v = strtoll(t, &end, 10);
	if (*t == '\0' || *end != '\0')
		fail_msg("%s: not an integer: '%s'", sql, t);
	free(t);
	return v;
}

static double
q_real(const char *name, const char *sql)
{
	char *t = tu_query_text(name, sql);
	char *end;
	double v = strtod(t, &end);
	if (*t == '\0' || *end != '\0')
		fail_msg("%s: not a number: '%s'", sql, t);
	free(t);
	return v;
}

static int
setup(void **state)
{
	(void)state;
	struct demo_stats st;
	db_close(gen(DB, 1, N, &st));
	assert_int_equal(st.assessments, 6);
	return 0;
}

/* One assessment in each state, the pilot sustained, and the history and
 * tasks each state implies. */
static void
test_states(void **state)
{
	(void)state;
	char b[64];
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment"), 6);
	static const char *const states[] = {"draft",	 "in_progress", "submitted",
					     "returned", "accepted",	"sustaining"};
	/* Moves recorded to reach each state: start, submit, return; start,
	 * submit, accept; and sustain after accepting. */
	static const int moves[] = {0, 1, 2, 3, 3, 4};
	for (int i = 0; i < 6; i++) {
		char sql[300];
		snprintf(sql, sizeof(sql), "SELECT count(*) FROM assessment WHERE status = '%s'",
			 states[i]);
		assert_int_equal(q_int(DB, sql), 1);
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM doc_event e JOIN assessment a ON a.id = e.doc_id "
			 "WHERE e.kind = 'assessment' AND a.status = '%s'",
			 states[i]);
		assert_int_equal(q_int(DB, sql), moves[i]);
	}
	/* The pilot: accepted in 2015 (78/KH-UBND: one pilot model by 2015). */
	assert_string_equal(tu_query_buf(DB,
					 "SELECT status FROM assessment WHERE pilot = 1 AND "
					 "accepted_on LIKE '2015-%'",
					 b, sizeof(b)),
			    "sustaining");
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment WHERE pilot = 1"), 1);
	/* Dates only where the state has them. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment WHERE (submitted_on IS NULL) "
				   "<> (status IN ('draft', 'in_progress'))"),
			 0);
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment WHERE (accepted_on IS NULL) "
				   "<> (status NOT IN ('accepted', 'sustaining'))"),
			 0);
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment WHERE status = 'returned' "
				   "AND review_note LIKE '%7 %'"),
			 1);
	/* Steps 1-4 are tasks 1-13: all done once the report went to the
	 * province (submitted, accepted, sustaining: 3 x 13 = 39); the
	 * returned one reopened task 5 (the balance): 12 done. */
	assert_int_equal(q_int(DB,
			       "SELECT count(*) FROM assessment_task t JOIN assessment a ON "
			       "a.id = t.assessment_id WHERE a.status IN ('submitted', "
			       "'accepted', 'sustaining') AND t.task <= 13 AND t.state = 'done'"),
			 39);
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment_task t JOIN assessment a ON "
				   "a.id = t.assessment_id WHERE a.status = 'returned' AND t.state "
				   "= 'done'"),
			 12);
	/* Implementation (tasks 14-15) done where options are implemented. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment_task t JOIN assessment a ON "
				   "a.id = t.assessment_id WHERE a.status IN ('accepted', "
				   "'sustaining') AND t.task IN (14, 15) AND t.state = 'done'"),
			 4);
	/* A draft has done nothing; work in progress is in steps 1-3. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment_task t JOIN assessment a ON "
				   "a.id = t.assessment_id WHERE a.status = 'draft' AND t.state = "
				   "'done'"),
			 0);
	assert_int_equal(q_int(DB, "SELECT max(t.task) FROM assessment_task t JOIN assessment a "
				   "ON a.id = t.assessment_id WHERE a.status = 'in_progress'"),
			 8);
	/* The accepted pilot's case study is public; no other is. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment WHERE published = 1"), 1);
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment WHERE published = 1 AND pilot "
				   "= 1 AND status IN ('accepted', 'sustaining')"),
			 1);
	/* Teams: a leader each; names with Vietnamese letters. */
	assert_int_equal(q_int(DB, "SELECT count(DISTINCT assessment_id) FROM assessment_member "
				   "WHERE team_role = 'leader'"),
			 6);
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment_member WHERE name = 'Trần "
				   "Thị Ngọc Hân'"),
			 1);
}

/*
 * Mass closure of each step over its lines in tonnes and cubic metres
 * (water taken as 1 t/m3; energy lines left out), a flow fed from the step
 * before counted as the step's input as the process model counts it, for the steps that have
 * no line in another unit (12: the fish-sauce steps 2 and 3 count kL).
 * Worked by hand from the table, per unit of the base year's output P:
 *   shrimp  1: in 1.70 + 14 = 15.70, out 1.12 + 0.55 + 13.6 = 15.27: 2.7 %
 *           2: in 1.12 + 0.09 = 1.21, out 1.00 + 0.18 = 1.18: 2.5 %
 *           3: in 1.00, out 0.992: 0.8 %
 *   rice    1: in 1.78, out 1.55 + 0.21 + ash 0.18 x husk: about 1 %
 *           2: in 1.55, out 1.00 + 0.30 + 0.12 + 0.10 = 1.52: 1.9 %
 *   fish    1: in 0.80 + 0.27 = 1.07, out 1.02 + 0.03 = 1.05: 1.9 %
 *   ice     1: in 1.12, out 1.06 + 0.05 = 1.11: 0.9 %
 *           2: in 1.06, out 1.00 + 0.03 = 1.03: 2.8 %
 *           3: in 1.00, out 0.91 + 0.02 = 0.93: 7.0 %, beyond 5 %
 *   brick   1: in 2.60 + 0.38 = 2.98, out 2.90 + 0.04 = 2.94: 1.3 %
 *           2: in 2.90, out 2.45 + 0.40 + 0.03 = 2.88: 0.7 %
 *           3: in 2.45, out 2.25 + 0.08 + 0.09 = 2.42: 1.2 %
 * (the sawmill, a draft, has no steps yet).
 */
static void
test_balances(void **state)
{
	(void)state;
#define CLOSURE                                                                                    \
	"WITH l AS (SELECT step_id AS sid, direction AS d, quantity AS q, unit AS u FROM "         \
	"balance_item WHERE stream <> 'energy' UNION ALL SELECT to_step_id, 'in', quantity, unit " \
	"FROM balance_item WHERE to_step_id IS NOT NULL AND stream <> 'energy'), s AS (SELECT "    \
	"sid, sum(CASE WHEN d = 'in' THEN q ELSE 0 END) AS qi, sum(CASE WHEN d = 'out' THEN q "    \
	"ELSE 0 END) AS qo, sum(CASE WHEN u NOT IN ('t', 'm3') THEN 1 ELSE 0 END) AS other FROM "  \
	"l GROUP BY sid) SELECT count(*) FROM s WHERE other = 0 "
	assert_int_equal(q_int(DB, CLOSURE), 12);
	assert_int_equal(q_int(DB, CLOSURE "AND abs(qi - qo) > 0.05 * qi"), 1);
	assert_int_equal(q_int(DB, CLOSURE "AND abs(qi - qo) > 0.065 * qi AND abs(qi - qo) < "
					   "0.075 * qi"),
			 1);
	assert_int_equal(q_int(DB, CLOSURE "AND abs(qi - qo) < 0.004 * qi"), 0);
#undef CLOSURE
	/* Energy lines carry a carrier in its unit; waste costs and causes. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM balance_item WHERE stream = 'energy' AND "
				   "NOT ((carrier_code = 'electricity' AND unit = 'kWh') OR "
				   "(carrier_code <> 'electricity' AND unit = 't'))"),
			 0);
	assert_true(q_int(DB, "SELECT count(*) FROM balance_item WHERE stream = 'waste' AND "
			      "(lost_value > 0 OR treatment_cost > 0)") >= 10);
	assert_true(q_int(DB, "SELECT count(*) FROM waste_cause") >= 12);
}

/* Each option's saving is its effects times the price it states. */
static void
test_option_prices(void **state)
{
	(void)state;
	/* Options saving electricity only, with a constant annual saving: the
	 * shrimp plant's 2 (2015), the rice mill's 2 (2023), the fish-sauce
	 * maker's pump (2024), the ice plant's 2 (2025). */
#define ELEC_ONLY                                                                                  \
	"SELECT count(*) FROM cp_option o JOIN assessment a ON a.id = o.assessment_id WHERE "      \
	"o.annual_saving IS NOT NULL AND EXISTS (SELECT 1 FROM cp_option_effect e WHERE "          \
	"e.option_id = o.id) AND NOT EXISTS (SELECT 1 FROM cp_option_effect e WHERE e.option_id "  \
	"= o.id AND (e.carrier_code IS NULL OR e.carrier_code <> 'electricity')) "
#define KWH "(SELECT sum(e.quantity) FROM cp_option_effect e WHERE e.option_id = o.id)"
#define PRICE                                                                                      \
	"CASE a.year WHEN 2015 THEN 1650 WHEN 2023 THEN 2200 WHEN 2024 THEN 2250 WHEN 2025 THEN "  \
	"2350 END"
	assert_int_equal(q_int(DB, ELEC_ONLY), 7);
	/* Rounded to 1,000 VND: within 500. */
	assert_int_equal(
	    q_int(DB, ELEC_ONLY "AND abs(o.annual_saving - " KWH " * " PRICE ") > 500"), 0);
	/* Fuel: the rice mill's dryer control (husk, 2023), the brick kiln's
	 * three options with a constant saving (2025, its own fuel). */
	assert_int_equal(
	    q_int(DB, "SELECT count(*) FROM cp_option o JOIN assessment a ON a.id = "
		      "o.assessment_id JOIN cp_option_effect e ON e.option_id = o.id WHERE "
		      "o.annual_saving IS NOT NULL AND e.carrier_code IN ('rice_husk', 'wood', "
		      "'coal_3_4')"),
	    4);
	assert_int_equal(
	    q_int(DB, "SELECT count(*) FROM cp_option o JOIN assessment a ON a.id = "
		      "o.assessment_id JOIN cp_option_effect e ON e.option_id = o.id WHERE "
		      "o.annual_saving IS NOT NULL AND e.carrier_code IN ('rice_husk', 'wood', "
		      "'coal_3_4') AND abs(o.annual_saving - e.quantity * CASE WHEN a.year = 2023 "
		      "THEN 1020000 WHEN e.carrier_code = 'rice_husk' THEN 1090000 WHEN "
		      "e.carrier_code = 'wood' THEN 1720000 ELSE 4380000 END) > 500"),
	    0);
	/* The shrimp plant's water: 6,000 VND/m3 pumped and 4,500 treated =
	 * 10,500 VND per m3 saved; its heads and shells: 2,000,000 VND/t sold
	 * and 250,000 not spent on treatment = 2,250,000 VND/t. */
	assert_int_equal(
	    q_int(DB,
		  "SELECT count(*) FROM cp_option o JOIN assessment a ON a.id = "
		  "o.assessment_id JOIN cp_option_effect e ON e.option_id = o.id WHERE a.pilot = "
		  "1 AND ((e.stream = 'water' AND abs(o.annual_saving - e.quantity * 10500) <= "
		  "500) OR (e.stream = 'waste' AND abs(o.annual_saving - e.quantity * 2250000) "
		  "<= 500))"),
	    2);
	/* The description states the price: the 2015 electricity price. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM cp_option o JOIN assessment a ON a.id = "
				   "o.assessment_id WHERE a.pilot = 1 AND o.description LIKE "
				   "'%× 1.650 đ/kWh'"),
			 3);
	/* Explicit cash flows: year 2 is the full saving, year 1 half of it. */
	char buf[2048];
	double y1, y2;
	assert_int_equal(q_int(DB,
			       "SELECT count(*) FROM cp_option WHERE cash_flows IS NOT NULL AND "
			       "annual_saving IS NULL"),
			 4);
	tu_query_buf(DB,
		     "SELECT o.cash_flows FROM cp_option o JOIN assessment a ON a.id = "
		     "o.assessment_id WHERE a.pilot = 1 AND o.kind = 'technology'",
		     buf, sizeof(buf));
	assert_int_equal(sscanf(buf, "[%lf,%lf", &y1, &y2), 2);
	double kwh = q_real(DB, "SELECT e.quantity FROM cp_option_effect e JOIN cp_option o ON "
				"o.id = e.option_id JOIN assessment a ON a.id = o.assessment_id "
				"WHERE a.pilot = 1 AND o.kind = 'technology'");
	assert_true(fabs(y2 - kwh * 1650) <= 500);
	assert_true(fabs(y1 - y2 / 2) <= 1000);
	/* Ten yearly amounts for a life of ten years. */
	int commas = 0;
	for (const char *p = buf; *p; p++)
		commas += *p == ',';
	assert_int_equal(commas, 9);
	/* Discount rates of 10-12 %; scores on the 0-10 scale. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM cp_option WHERE discount_rate < 0.0999 "
				   "OR discount_rate > 0.1201"),
			 0);
	/* Rejected options give their reason. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM cp_option WHERE triage = 'rejected' AND "
				   "reject_reason = ''"),
			 0);
	assert_true(q_int(DB, "SELECT count(DISTINCT kind) FROM cp_option") >= 7);
#undef ELEC_ONLY
#undef KWH
#undef PRICE
}

/*
 * Feasibility through model/calc/finance.h: the simple payback of a
 * constant saving S over n years after capital C is C / S; housekeeping,
 * process control and equipment options pay back in 0.5-4 years; the
 * implemented ones have a positive NPV at their rate.
 */
static void
test_option_paybacks(void **state)
{
	(void)state;
	int64_t n = q_int(DB, "SELECT count(*) FROM cp_option WHERE annual_saving IS NOT NULL");
	assert_true(n >= 15);
	int quick = 0;
	for (int64_t id = 1; id <= q_int(DB, "SELECT max(id) FROM cp_option"); id++) {
		char sql[256], kind[64];
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM cp_option WHERE id = %lld AND annual_saving IS NOT "
			 "NULL",
			 (long long)id);
		if (q_int(DB, sql) == 0)
			continue;
#define FIELD(f)                                                                                   \
	(snprintf(sql, sizeof(sql), "SELECT " f " FROM cp_option WHERE id = %lld", (long long)id), \
	 sql)
		double capex = q_real(DB, FIELD("capex"));
		double saving = q_real(DB, FIELD("annual_saving"));
		int life = (int)q_int(DB, FIELD("life_years"));
		double rate = q_real(DB, FIELD("discount_rate"));
		tu_query_buf(DB, FIELD("kind"), kind, sizeof(kind));
		int implemented =
		    q_int(DB, FIELD("CASE WHEN implemented_on IS NULL THEN 0 ELSE 1 END"));
#undef FIELD
		assert_true(saving > 0 && capex > 0 && life >= 3);
		double cf[FIN_YEARS_MAX];
		for (int i = 0; i < life; i++)
			cf[i] = saving;
		struct fin_result r;
		assert_int_equal(fin_evaluate(capex, cf, life, rate, &r), 0);
		assert_false(r.payback_never);
		assert_true(fabs(r.simple_payback - capex / saving) < 1e-9 * (capex / saving));
		if (strcmp(kind, "housekeeping") == 0 || strcmp(kind, "equipment") == 0 ||
		    strcmp(kind, "process_control") == 0) {
			if (r.simple_payback < 0.5 || r.simple_payback > 4)
				fail_msg("option %lld (%s): payback %g years", (long long)id, kind,
					 r.simple_payback);
			quick++;
		}
		if (implemented)
			assert_true(r.npv > 0);
	}
	assert_true(quick >= 10);
}

/*
 * The pilot's facility: the base is its last accepted report before 2015,
 * the year of its first implemented option (2014); every accepted report
 * after 2015 uses 9 % less electricity per tonne (the implemented options:
 * 3 % housekeeping of the cold store, 6 % variable-speed drives), within
 * the demo's 1 % year-to-year wobble: 0.91 x (1 -+ 0.009) = 0.90181..0.91819,
 * and the whole kWh the lines are rounded to: 0.9015..0.9185.
 */
static void
test_pilot_measured(void **state)
{
	(void)state;
	char sql[600];
	int64_t f = q_int(DB, "SELECT facility_id FROM assessment WHERE pilot = 1");
	assert_int_equal(q_int(DB, "SELECT count(*) FROM cp_option o JOIN assessment a ON a.id = "
				   "o.assessment_id WHERE a.pilot = 1 AND o.status = 'implemented' "
				   "AND o.implemented_on IS NOT NULL"),
			 4);
	assert_int_equal(q_int(DB, "SELECT min(CAST(substr(o.implemented_on, 1, 4) AS integer)) "
				   "FROM cp_option o JOIN assessment a ON a.id = o.assessment_id "
				   "WHERE a.pilot = 1"),
			 2015);
#define SEC                                                                                        \
	"SELECT (SELECT sum(e.quantity) FROM report_energy e WHERE e.report_id = r.id AND "        \
	"e.carrier_code = 'electricity') / (SELECT sum(o.quantity) FROM report_output o WHERE "    \
	"o.report_id = r.id AND o.product_code = 'frozen_shrimp') FROM report r WHERE "            \
	"r.facility_id = %lld AND r.status = 'accepted' AND r.year = %d"
	snprintf(
	    sql, sizeof(sql),
	    "SELECT max(year) FROM report WHERE facility_id = %lld AND status = 'accepted' AND "
	    "year < 2015",
	    (long long)f);
	int base = (int)q_int(DB, sql);
	assert_int_equal(base, 2014);
	snprintf(sql, sizeof(sql), SEC, (long long)f, base);
	double sec0 = q_real(DB, sql);
	/* The options' expected electricity saving against the base year. */
	snprintf(
	    sql, sizeof(sql),
	    "SELECT (SELECT sum(e.quantity) FROM cp_option_effect e JOIN cp_option o ON o.id = "
	    "e.option_id JOIN assessment a ON a.id = o.assessment_id WHERE a.pilot = 1 AND "
	    "o.status = 'implemented' AND e.carrier_code = 'electricity') / (SELECT "
	    "sum(e.quantity) FROM report_energy e JOIN report r ON r.id = e.report_id WHERE "
	    "r.facility_id = %lld AND r.year = 2014 AND e.carrier_code = 'electricity')",
	    (long long)f);
	assert_true(fabs(q_real(DB, sql) - 0.09) < 0.0005);
	int later = 0;
	for (int y = 2016; y <= 2024; y++) {
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM report WHERE facility_id = %lld AND status = "
			 "'accepted' AND year = %d",
			 (long long)f, y);
		if (q_int(DB, sql) == 0)
			continue;
		snprintf(sql, sizeof(sql), SEC, (long long)f, y);
		double ratio = q_real(DB, sql) / sec0;
		if (ratio < 0.9015 || ratio > 0.9185)
			fail_msg("%d: SEC %g of the base's", y, ratio);
		later++;
	}
#undef SEC
	assert_true(later >= 1);
}

/* The demo's expert account is on the teams that name its e-mail. */
static void
test_expert_bound(void **state)
{
	(void)state;
	char err[512];
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment_member WHERE contact = "
				   "'chuyengia@demo.sxsh.vn' AND team_role = 'expert'"),
			 4);
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment_member WHERE user_id IS NOT "
				   "NULL"),
			 0);
	char url[600];
	snprintf(url, sizeof(url), "%s", tu_db_url(DB));
	struct db *db = db_open(url, err, sizeof(err));
	assert_non_null(db);
	struct demo_account acc[DEMO_ACCOUNTS];
	assert_int_equal(demo_accounts_ensure(db, 0, 1700000000, acc, err, sizeof(err)), 0);
	demo_accounts_wipe(acc, DEMO_ACCOUNTS);
	/* Through the assessment model: the province sees the six, the expert
	 * account (acc[3]) the four whose team names it, each one it sees whole. */
	assert_int_equal(acc[3].role, ROLE_EXPERT);
	struct principal prov = {acc[1].user_id, ROLE_PROVINCE, 0, 0, acc[1].email};
	struct principal expert = {acc[3].user_id, ROLE_EXPERT, 0, 0, acc[3].email};
	struct assess_filter any = {.state = -1, .pilot = -1, .limit = 50};
	struct arena a;
	arena_init(&a);
	struct assess_item *items;
	int n;
	long total;
	assert_int_equal(assess_list(db, &prov, &any, &a, &items, &n, &total), ST_OK);
	assert_int_equal(total, 6);
	assert_int_equal(assess_list(db, &expert, &any, &a, &items, &n, &total), ST_OK);
	assert_int_equal(total, 4);
	assert_int_equal(n, 4);
	int implemented = 0;
	for (int i = 0; i < n; i++) {
		struct assessment as;
		assert_int_equal(assessment_get(db, &expert, items[i].id, &as), ST_OK);
		assert_int_equal(as.doc.state, items[i].state);
		implemented += items[i].implemented;
	}
	/* The pilot's four and the rice mill's three. */
	assert_int_equal(implemented, 7);
	arena_free(&a);
	db_close(db);
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment_member m JOIN app_user u ON "
				   "u.id = m.user_id WHERE u.email = 'chuyengia@demo.sxsh.vn' AND "
				   "u.role = 'expert'"),
			 4);
	/* The other experts have no account; two assessments are not the
	 * demo expert's to see. */
	assert_int_equal(q_int(DB, "SELECT count(*) FROM assessment a WHERE NOT EXISTS (SELECT 1 "
				   "FROM assessment_member m WHERE m.assessment_id = a.id AND "
				   "m.user_id IS NOT NULL)"),
			 2);
}

/* A small province: whatever exists is made, the rest skipped; the same
 * seed makes the same assessments, and --replace makes them again. */
static void
test_small_and_same(void **state)
{
	(void)state;
	char err[512];
	struct demo_stats s1, s2;
	db_close(gen("s1.db", 5, 40, &s1));
	db_close(gen("s2.db", 5, 40, &s2));
	assert_true(s1.assessments < 6);
	assert_int_equal(s1.assessments, s2.assessments);
	assert_int_equal(s1.options, s2.options);
	static const char *const sums[] = {
	    "SELECT count(*) FROM assessment",
	    "SELECT count(*) FROM balance_item",
	    "SELECT coalesce(sum(quantity), 0) FROM balance_item",
	    "SELECT coalesce(sum(capex), 0) FROM cp_option",
	};
	for (size_t i = 0; i < sizeof(sums) / sizeof(sums[0]); i++) {
		char a[64], b[64];
		assert_string_equal(tu_query_buf("s1.db", sums[i], a, sizeof(a)),
				    tu_query_buf("s2.db", sums[i], b, sizeof(b)));
	}

	struct db *db = gen("r.db", 1, 1500, &s1);
	assert_int_equal(s1.assessments, 6);
	struct demo_opts o = {.seed = 1, .facilities = 1500, .replace = 1};
	assert_int_equal(demo_generate(db, &o, &s2, err, sizeof(err)), DEMO_OK);
	db_close(db);
	assert_int_equal(s2.assessments, 6);
	assert_int_equal(q_int("r.db", "SELECT count(*) FROM assessment"), 6);
	assert_int_equal(q_int("r.db", "SELECT min(id) FROM assessment"), 1);
	assert_int_equal(q_int("r.db", "SELECT count(*) FROM doc_event WHERE kind = 'assessment'"),
			 13);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_states),	   cmocka_unit_test(test_balances),
	    cmocka_unit_test(test_option_prices),  cmocka_unit_test(test_option_paybacks),
	    cmocka_unit_test(test_pilot_measured), cmocka_unit_test(test_expert_bound),
	    cmocka_unit_test(test_small_and_same),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
