/*
 * Unit tests for the CP options across assessments
 * (model/assess/option_stats.h): the pure rules (saving, what counts, the
 * median) and the aggregation on hand-made items; then a fixture of two
 * facilities in two sectors (F1 in division 10, food; F2 moved to 1410,
 * division 14, apparel) with eight options made through option_create,
 * whose totals, sector and kind sums and payback table are worked by hand
 * below; and the scope (a district sees its unit's options only, an
 * expert its assessments', an enterprise its facility's).
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
#include "model/assess/option_stats.h"
#include "util/arena.h"
#include "wffix.h"

#define W(i) (&wfx_who[i])

static void
near(double got, double want)
{
	double tol = fabs(want) > 1 ? fabs(want) * 1e-9 : 1e-9;
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.12g, want %.12g", got, want);
}

static int
kind_of(const char *code)
{
	return (int)(names_find(names_option_kind, NAMES_OPTION_KIND_N, code) - names_option_kind);
}

static int
triage_of(const char *code)
{
	return (int)(names_find(names_triage, NAMES_TRIAGE_N, code) - names_triage);
}

static int
status_of(const char *code)
{
	return (int)(names_find(names_option_status, NAMES_OPTION_STATUS_N, code) -
		     names_option_status);
}

static void
test_rules(void **state)
{
	(void)state;
	/* median: {5, 1, 3} sorted 1, 3, 5 -> 3; {4, 1, 3, 2} -> (2 + 3) / 2 = 2.5 */
	double odd[] = {5, 1, 3}, even[] = {4, 1, 3, 2};
	near(optstat_median(odd, 3), 3);
	near(optstat_median(even, 4), 2.5);
	assert_true(isnan(optstat_median(odd, 0)));

	/* saving: the constant saving; else the first year's flow; else none */
	struct cp_option o = {.annual_saving = 40e6, .life_years = 5};
	near(optstat_saving(&o), 40e6);
	o = (struct cp_option){
	    .has_flows = 1, .nflows = 2, .cash_flows = {10e6, 20e6}, .annual_saving = NAN};
	near(optstat_saving(&o), 10e6);
	o = (struct cp_option){.annual_saving = NAN};
	assert_true(isnan(optstat_saving(&o)));

	/* counted: now or study; implemented whatever its triage; rejected only when asked */
	int proposed = status_of("proposed"), implemented = status_of("implemented");
	assert_true(optstat_counts(triage_of("now"), proposed, 0));
	assert_true(optstat_counts(triage_of("study"), proposed, 0));
	assert_false(optstat_counts(triage_of("rejected"), proposed, 0));
	assert_true(optstat_counts(triage_of("rejected"), proposed, 1));
	assert_true(optstat_counts(triage_of("rejected"), implemented, 0));
}

/* An option made by hand for the aggregation: kind, capex, saving, payback (NAN: never). */
static struct cp_option
hand(const char *kind, double capex, double saving, double payback, double toe)
{
	struct cp_option o = {.kind = kind_of(kind),
			      .capex = capex,
			      .annual_saving = saving,
			      .life_years = 5,
			      .fin_ok = 1,
			      .toe = toe,
			      .co2_t = toe * 2};
	o.fin.simple_payback = payback;
	o.fin.payback_never = isnan(payback);
	return o;
}

static void
test_aggregate(void **state)
{
	(void)state;
	struct cp_option o[6] = {
	    hand("equipment", 100, 10, 10, 1),	   /* 20: counted */
	    hand("equipment", 60, 20, 3, NAN),	   /* 20: counted, TOE missing */
	    hand("housekeeping", 5, 5, 1, 0.5),	   /* 20: counted */
	    hand("equipment", 50, 5, 10, 0),	   /* 10: counted */
	    hand("technology", 900, 1, NAN, 0),	   /* 10: counted, never pays back */
	    hand("housekeeping", 1000, 1, 9, 100), /* 10: not counted */
	};
	struct optstat_item it[6];
	const char *div[6] = {"20", "20", "20", "10", "10", "10"};
	for (int i = 0; i < 6; i++)
		it[i] = (struct optstat_item){.o = &o[i],
					      .division = div[i],
					      .division_vi = "",
					      .division_en = "",
					      .saving = o[i].annual_saving,
					      .counted = i < 5};
	struct optstat_result r = {.items = it, .n = 6};
	struct arena a;
	arena_init(&a);
	optstat_aggregate(&r, &a);
	/* counted 5: capex 100 + 60 + 5 + 50 + 900 = 1115; saving 10 + 20 + 5 + 5 + 1 = 41;
	 * TOE 1 + 0.5 + 0 + 0 = 1.5 (one missing); CO2 twice that, 3 */
	assert_int_equal(r.total.count, 5);
	near(r.total.capex, 1115);
	near(r.total.saving, 41);
	near(r.total.toe, 1.5);
	near(r.total.co2_t, 3);
	assert_int_equal(r.total.toe_missing, 1);
	/* sectors by code: 10 (2 options, capex 950), 20 (3 options, capex 165) */
	assert_int_equal(r.nsector, 2);
	assert_string_equal(r.by_sector[0].code, "10");
	assert_int_equal(r.by_sector[0].count, 2);
	near(r.by_sector[0].capex, 950);
	assert_string_equal(r.by_sector[1].code, "20");
	near(r.by_sector[1].capex, 165);
	/* kinds in names_option_kind order: housekeeping (1), equipment (3), technology (1) */
	assert_int_equal(r.nkind, 3);
	assert_string_equal(r.by_kind[0].code, "housekeeping");
	assert_int_equal(r.by_kind[0].count, 1);
	assert_string_equal(r.by_kind[1].code, "equipment");
	assert_int_equal(r.by_kind[1].count, 3);
	near(r.by_kind[1].capex, 210);
	assert_string_equal(r.by_kind[2].code, "technology");
	/* payback: 10 equipment (10; median 10) before 10 technology (never);
	 * 20 housekeeping (1) before 20 equipment (10 and 3: median 6.5, min 3) */
	assert_int_equal(r.npayback, 4);
	assert_string_equal(r.payback[0].division, "10");
	assert_int_equal(r.payback[0].kind, kind_of("equipment"));
	near(r.payback[0].median, 10);
	assert_int_equal(r.payback[1].kind, kind_of("technology"));
	assert_int_equal(r.payback[1].npayback, 0);
	assert_int_equal(r.payback[1].never, 1);
	assert_true(isnan(r.payback[1].median));
	assert_string_equal(r.payback[2].division, "20");
	assert_int_equal(r.payback[2].kind, kind_of("housekeeping"));
	near(r.payback[2].median, 1);
	assert_int_equal(r.payback[3].kind, kind_of("equipment"));
	assert_int_equal(r.payback[3].count, 2);
	near(r.payback[3].median, 6.5);
	near(r.payback[3].min, 3);
	arena_free(&a);
}

/* ---- the fixture through the model ---- */

static int64_t
version_of(struct db *db, int64_t aid)
{
	struct assessment a;
	assert_int_equal(assessment_get(db, W(WFX_PROVINCE), aid, &a), ST_OK);
	return a.doc.version;
}

static int64_t
new_assessment(struct db *db, int64_t facility, const char *started)
{
	int64_t aid;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct assessment_input in = {.title = "Đánh giá SXSH", .started_on = started};
	assert_int_equal(assessment_create(db, W(WFX_PROVINCE), facility, &in, &aid, &errs), ST_OK);
	return aid;
}

static void
add(struct db *db, int64_t aid, const struct cp_option_input *in)
{
	int64_t oid;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int rc = option_create(db, W(WFX_PROVINCE), aid, 0, in, &oid, &errs);
	if (rc != ST_OK)
		fail_msg("option %s: %d (%s)", in->title, rc, errs.n > 0 ? errs.e[0].field : "");
}

/*
 * A1: F1 (division 10), started 15/03/2024, expert on its team:
 *   o1 equipment, now:  capex 120,000,000, saving 40,000,000 x 5 years -> payback 3;
 *      100,000 kWh of electricity: 15.43 TOE, 68.1 t CO2 (2024 factors, as test_option.c)
 *   o2 equipment, study: 50,000,000, 10,000,000 x 10 -> payback 5
 *   o3 housekeeping, now: 2,000,000, 4,000,000 x 3 -> payback 0.5
 *   o4 technology, rejected: 900,000,000, 30,000,000 x 10 (listed, not counted)
 *   o5 equipment, now: 100,000,000, 10,000,000 x 5: 50,000,000 < capex, never
 * A2: F2 (moved to 1410, division 14), started 10/01/2025:
 *   o6 housekeeping, study: 10,000,000, 5,000,000 x 4 -> payback 2
 *   o7 housekeeping, now: 30,000,000, flows 10,000,000; 20,000,000; 20,000,000:
 *      the saving counted is the first year's, 10,000,000; payback 1 + 20/20 = 2
 *   o8 equipment, now: no finance inputs (capex 0; no saving: counted apart)
 */
static struct db *
setup_fixture(const char *name, int64_t *a1, int64_t *a2)
{
	struct db *db = wfx_new(name);
	assert_int_equal(db_exec(db, "UPDATE facility SET sector_code = '1410' WHERE id = 2"), 0);
	*a1 = new_assessment(db, 1, "15/03/2024");
	*a2 = new_assessment(db, 2, "10/01/2025");
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct assess_member_input m = {
	    .name = "Nguyễn Văn Chuyên", .team_role = "expert", .user = "expert@test"};
	assert_int_equal(
	    assess_member_add(db, W(WFX_PROVINCE), *a1, version_of(db, *a1), &m, &errs), ST_OK);
	const struct cp_option_input in[8] = {
	    {.title = "o1",
	     .kind = "equipment",
	     .triage = "now",
	     .capex = "120000000",
	     .annual_saving = "40000000",
	     .life_years = "5",
	     .discount_rate = "0.1",
	     .neffects = 1,
	     .effects =
		 {{.stream = "energy", .carrier = "electricity", .qty = "100000", .unit = "kWh"}}},
	    {.title = "o2",
	     .kind = "equipment",
	     .triage = "study",
	     .capex = "50000000",
	     .annual_saving = "10000000",
	     .life_years = "10",
	     .discount_rate = "0.1"},
	    {.title = "o3",
	     .kind = "housekeeping",
	     .triage = "now",
	     .capex = "2000000",
	     .annual_saving = "4000000",
	     .life_years = "3",
	     .discount_rate = "0.1"},
	    {.title = "o4",
	     .kind = "technology",
	     .triage = "rejected",
	     .reject_reason = "Vốn quá lớn",
	     .capex = "900000000",
	     .annual_saving = "30000000",
	     .life_years = "10",
	     .discount_rate = "0.1"},
	    {.title = "o5",
	     .kind = "equipment",
	     .triage = "now",
	     .capex = "100000000",
	     .annual_saving = "10000000",
	     .life_years = "5",
	     .discount_rate = "0.1"},
	    {.title = "o6",
	     .kind = "housekeeping",
	     .triage = "study",
	     .capex = "10000000",
	     .annual_saving = "5000000",
	     .life_years = "4",
	     .discount_rate = "0.1"},
	    {.title = "o7",
	     .kind = "housekeeping",
	     .triage = "now",
	     .capex = "30000000",
	     .cash_flows = "10000000; 20000000; 20000000",
	     .discount_rate = "0.1"},
	    {.title = "o8", .kind = "equipment", .triage = "now", .capex = "0"},
	};
	for (int i = 0; i < 8; i++)
		add(db, i < 5 ? *a1 : *a2, &in[i]);
	return db;
}

static void
test_across(void **state)
{
	(void)state;
	int64_t a1, a2;
	struct db *db = setup_fixture("optstat_across", &a1, &a2);
	struct arena a;
	arena_init(&a);
	struct optstat_filter f;
	optstat_filter_init(&f);
	struct optstat_result r;
	assert_int_equal(optstat_list(db, W(WFX_PROVINCE), &f, &a, &r), ST_OK);
	/* listed 8 (by division 10 then 14, seq); counted 7 (o4 rejected) */
	assert_int_equal(r.n, 8);
	assert_string_equal(r.items[0].o->title, "o1");
	assert_string_equal(r.items[0].division, "10");
	assert_string_equal(r.items[5].o->title, "o6");
	assert_string_equal(r.items[5].division, "14");
	assert_string_equal(r.items[5].sector_code, "1410");
	assert_int_equal(r.items[5].year, 2025);
	assert_false(r.items[3].counted);
	assert_int_equal(r.total.count, 7);
	/* capex 120 + 50 + 2 + 100 + 10 + 30 + 0 = 312 million */
	near(r.total.capex, 312e6);
	/* saving 40 + 10 + 4 + 10 + 5 + 10 (o7's first year) = 79 million; o8 none */
	near(r.total.saving, 79e6);
	assert_int_equal(r.total.saving_missing, 1);
	near(r.total.toe, 15.43);
	near(r.total.co2_t, 68.1);
	/* by sector: 10 has o1 o2 o3 o5 (272 million, saving 64 million, 15.43 TOE);
	 * 14 has o6 o7 o8 (40 million, saving 15 million) */
	assert_int_equal(r.nsector, 2);
	assert_string_equal(r.by_sector[0].code, "10");
	assert_int_equal(r.by_sector[0].count, 4);
	near(r.by_sector[0].capex, 272e6);
	near(r.by_sector[0].saving, 64e6);
	near(r.by_sector[0].toe, 15.43);
	assert_string_equal(r.by_sector[1].code, "14");
	assert_int_equal(r.by_sector[1].count, 3);
	near(r.by_sector[1].capex, 40e6);
	near(r.by_sector[1].saving, 15e6);
	/* by kind: housekeeping o3 o6 o7 (42 million, saving 19 million), equipment o1 o2 o5 o8
	 * (270 million, saving 60 million); technology only rejected: absent */
	assert_int_equal(r.nkind, 2);
	assert_string_equal(r.by_kind[0].code, "housekeeping");
	assert_int_equal(r.by_kind[0].count, 3);
	near(r.by_kind[0].capex, 42e6);
	near(r.by_kind[0].saving, 19e6);
	assert_string_equal(r.by_kind[1].code, "equipment");
	assert_int_equal(r.by_kind[1].count, 4);
	near(r.by_kind[1].capex, 270e6);
	near(r.by_kind[1].saving, 60e6);
	/* payback, fastest first in each sector:
	 * 10 housekeeping: o3 0.5 -> median 0.5, min 0.5
	 * 10 equipment: o1 3, o2 5, o5 never -> median (3 + 5) / 2 = 4, min 3, never 1
	 * 14 housekeeping: o6 2, o7 2 -> median 2, min 2
	 * 14 equipment: o8 without finance -> no payback, last */
	assert_int_equal(r.npayback, 4);
	assert_string_equal(r.payback[0].division, "10");
	assert_int_equal(r.payback[0].kind, kind_of("housekeeping"));
	near(r.payback[0].median, 0.5);
	assert_int_equal(r.payback[1].kind, kind_of("equipment"));
	assert_int_equal(r.payback[1].count, 3);
	assert_int_equal(r.payback[1].npayback, 2);
	near(r.payback[1].median, 4);
	near(r.payback[1].min, 3);
	assert_int_equal(r.payback[1].never, 1);
	assert_string_equal(r.payback[2].division, "14");
	assert_int_equal(r.payback[2].kind, kind_of("housekeeping"));
	near(r.payback[2].median, 2);
	near(r.payback[2].min, 2);
	assert_int_equal(r.payback[3].kind, kind_of("equipment"));
	assert_int_equal(r.payback[3].npayback, 0);
	assert_int_equal(r.payback[3].no_data, 1);
	/* the filters' choices: divisions 10 and 14, years 2025 then 2024 */
	assert_int_equal(r.ndivisions, 2);
	assert_string_equal(r.divisions[0].code, "10");
	assert_string_equal(r.divisions[0].name_vi, "Sản xuất, chế biến thực phẩm");
	assert_int_equal(r.nyears, 2);
	assert_int_equal(r.years[0], 2025);

	/* filters: sector 14 -> o6 o7 o8; kind equipment -> o1 o2 o5 o8; year 2024 -> A1 */
	f.sector = "14";
	assert_int_equal(optstat_list(db, W(WFX_PROVINCE), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 3);
	optstat_filter_init(&f);
	f.kind = kind_of("equipment");
	assert_int_equal(optstat_list(db, W(WFX_PROVINCE), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 4);
	near(r.total.capex, 270e6);
	optstat_filter_init(&f);
	f.year = 2024;
	assert_int_equal(optstat_list(db, W(WFX_PROVINCE), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.total.count, 4);
	/* asking for rejected ones: o4 alone, counted (900 million) */
	optstat_filter_init(&f);
	f.triage = triage_of("rejected");
	assert_int_equal(optstat_list(db, W(WFX_PROVINCE), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 1);
	assert_true(r.with_rejected);
	assert_int_equal(r.total.count, 1);
	near(r.total.capex, 900e6);
	/* a unit: district B's code t-b -> F2's */
	optstat_filter_init(&f);
	f.unit = "t-a";
	assert_int_equal(optstat_list(db, W(WFX_PROVINCE), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 5); /* F1 is in commune A1 under district A */
	arena_free(&a);
	db_close(db);
}

static void
test_scope(void **state)
{
	(void)state;
	int64_t a1, a2;
	struct db *db = setup_fixture("optstat_scope", &a1, &a2);
	struct arena a;
	arena_init(&a);
	struct optstat_filter f;
	optstat_filter_init(&f);
	struct optstat_result r;
	/* district A: F1 (in its commune A1) -> A1's five options, four counted (272 million) */
	assert_int_equal(optstat_list(db, W(WFX_DISTRICT_A), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.total.count, 4);
	near(r.total.capex, 272e6);
	assert_int_equal(r.ndivisions, 1);
	/* district B: F2 -> A2's three (40 million) */
	assert_int_equal(optstat_list(db, W(WFX_DISTRICT_B), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 3);
	near(r.total.capex, 40e6);
	/* the expert is on A1's team only */
	assert_int_equal(optstat_list(db, W(WFX_EXPERT), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 5);
	for (int i = 0; i < r.n; i++)
		assert_true(r.items[i].assessment_id == a1);
	/* enterprise 1 has F1; enterprise 2 only a pending claim on F3 */
	assert_int_equal(optstat_list(db, W(WFX_ENT1), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 5);
	assert_int_equal(optstat_list(db, W(WFX_ENT2), &f, &a, &r), ST_OK);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.total.count, 0);
	assert_int_equal(r.npayback, 0);
	(void)a2;
	arena_free(&a);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_aggregate),
	    cmocka_unit_test(test_across),
	    cmocka_unit_test(test_scope),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
