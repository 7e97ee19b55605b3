/*
 * Unit tests for the reporting workflow (model/reporting/report.h, registration.h,
 * claim.h, facility_edit.h): a report walked through every state with
 * every illegal move per role, version conflicts, audit rows, validation
 * messages, pre-fill and the TOE / SEC / norm preview.  Expected figures
 * are worked out by hand in the comments beside them.
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
#include "model/registry/claim.h"
#include "model/registry/facility_edit.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "testutil.h"
#include "wffix.h"

#define W(i) (&wfx_who[i])

/* 500,000 kWh + 10 t DO for 400 t of frozen shrimp. */
static const struct report_output_in shrimp_out[] = {{"frozen_shrimp", "400", "t"}};
static const struct report_energy_in shrimp_energy[] = {
    {"electricity", "500000", "kWh", NULL, NULL, "900000000"},
    {"do", "10", "t", NULL, NULL, NULL},
};
static const struct report_water_in shrimp_water[] = {{"tap", "12000", NULL}};
static const struct report_input shrimp = {
    .cp = {"1", "1", "0", "1"},
    .nout = 1,
    .out = shrimp_out,
    .nenergy = 2,
    .energy = shrimp_energy,
    .nwater = 1,
    .water = shrimp_water,
};

static long long
audit_rows(const char *dbname, const char *action, int64_t id)
{
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM audit WHERE action = '%s' AND entity_id = '%lld'", action,
		 (long long)id);
	return wfx_int(dbname, sql);
}

static void
test_report_walk(void **state)
{
	(void)state;
	const char *N = "walk.db";
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	int64_t id = 0;
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &shrimp, &id, &errs), ST_OK);
	assert_true(id > 0);
	/* A second report for the same year is refused; district and expert may not create. */
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &shrimp, &id, &errs), ST_EXISTS);
	int64_t other;
	assert_int_equal(report_create(db, W(WFX_DISTRICT_A), 1, 2023, &shrimp, &other, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(report_create(db, W(WFX_EXPERT), 1, 2023, &shrimp, &other, &errs),
			 ST_NOTFOUND);
	assert_int_equal(errs.n, 0);

	struct report *r;
	assert_int_equal(report_get(db, W(WFX_ENT1), id, &r), ST_OK);
	assert_int_equal(r->doc.state, WF_DRAFT);
	assert_int_equal(r->doc.version, 1);
	assert_int_equal(r->nout, 1);
	assert_int_equal(r->nenergy, 2);
	assert_int_equal(r->nwater, 1);
	assert_string_equal(r->energy[1].carrier, "do");
	assert_true(r->energy[0].has_cost && r->energy[0].cost_vnd == 900000000);
	assert_int_equal(r->cp[REPORT_CP_UNIT], 0);
	report_free(r);

	/* Draft: only submit is possible; reviewers cannot act yet. */
	assert_int_equal(report_transition(db, W(WFX_PROVINCE), id, WF_ACCEPT, 1, NULL, &errs),
			 ST_STATE);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_FORWARD, 1, NULL, &errs),
			 ST_STATE);
	/* Stale version: conflict, nothing written. */
	assert_int_equal(report_transition(db, W(WFX_ENT1), id, WF_SUBMIT, 0, NULL, &errs),
			 ST_CONFLICT);
	assert_int_equal(report_transition(db, W(WFX_ENT1), id, WF_SUBMIT, 1, NULL, &errs), ST_OK);

	/* Submitted (v2): the enterprise cannot edit, decide or submit again. */
	assert_int_equal(report_update(db, W(WFX_ENT1), id, 2, &shrimp, &errs), ST_STATE);
	assert_int_equal(report_transition(db, W(WFX_ENT1), id, WF_SUBMIT, 2, NULL, &errs),
			 ST_STATE);
	assert_int_equal(report_transition(db, W(WFX_ENT1), id, WF_ACCEPT, 2, NULL, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_ACCEPT, 2, NULL, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_REOPEN, 2, NULL, &errs),
			 ST_STATE);
	/* District B does not see a facility of district A. */
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_B), id, WF_RETURN, 2, "x", &errs),
			 ST_NOTFOUND);
	/* Returning needs a note. */
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_RETURN, 2, "", &errs),
			 ST_INVALID);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].field, "note");
	tu_assert_msg(&errs.e[0].msg, "thiếu ý kiến của người xem xét",
		      "reviewer's note is missing");
	wf_errors_clear(&errs);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_RETURN, 2,
					   "Thiếu số liệu nước ngầm", &errs),
			 ST_OK);

	/* Returned (v3): the enterprise corrects and resubmits. */
	assert_int_equal(report_get(db, W(WFX_ENT1), id, &r), ST_OK);
	assert_int_equal(r->doc.state, WF_RETURNED);
	assert_string_equal(r->doc.review_note, "Thiếu số liệu nước ngầm");
	report_free(r);
	static const struct report_water_in water2[] = {{"tap", "12000", NULL},
							{"ground", "3000", "0"}};
	struct report_input fixed = shrimp;
	fixed.nwater = 2;
	fixed.water = water2;
	assert_int_equal(report_update(db, W(WFX_ENT1), id, 3, &fixed, &errs), ST_OK);
	assert_int_equal(report_transition(db, W(WFX_ENT1), id, WF_SUBMIT, 4, NULL, &errs), ST_OK);

	/* Submitted again (v5): district A forwards; then only the province decides. */
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_FORWARD, 5, NULL, &errs),
			 ST_OK);
	assert_int_equal(report_get(db, W(WFX_DISTRICT_A), id, &r), ST_OK);
	assert_int_equal(r->doc.state, WF_FORWARDED);
	assert_int_equal(r->doc.version, 6);
	assert_int_equal(r->nwater, 2);
	report_free(r);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_RETURN, 6, "x", &errs),
			 ST_FORBIDDEN);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_FORWARD, 6, NULL, &errs),
			 ST_STATE);
	assert_int_equal(report_transition(db, W(WFX_PROVINCE), id, WF_ACCEPT, 6, NULL, &errs),
			 ST_OK);

	/* Accepted (v7): read-only until the province reopens it. */
	assert_int_equal(report_update(db, W(WFX_ENT1), id, 7, &shrimp, &errs), ST_STATE);
	assert_int_equal(report_update(db, W(WFX_PROVINCE), id, 7, &shrimp, &errs), ST_STATE);
	assert_int_equal(report_transition(db, W(WFX_ENT1), id, WF_REOPEN, 7, NULL, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_REOPEN, 7, NULL, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(report_transition(db, W(WFX_PROVINCE), id, WF_RETURN, 7, "x", &errs),
			 ST_STATE);
	assert_int_equal(
	    report_transition(db, W(WFX_PROVINCE), id, WF_REOPEN, 7, "Sửa sản lượng", &errs),
	    ST_OK);
	assert_int_equal(report_update(db, W(WFX_ENT1), id, 8, &shrimp, &errs), ST_OK);
	assert_int_equal(errs.n, 0);

	/* One audit row per successful change, none for the refused ones. */
	assert_int_equal(audit_rows(N, "report.create", id), 1);
	assert_int_equal(audit_rows(N, "report.submit", id), 2);
	assert_int_equal(audit_rows(N, "report.return", id), 1);
	assert_int_equal(audit_rows(N, "report.forward", id), 1);
	assert_int_equal(audit_rows(N, "report.accept", id), 1);
	assert_int_equal(audit_rows(N, "report.reopen", id), 1);
	assert_int_equal(audit_rows(N, "report.update", id), 2);
	/* 1 + 2 + 1 + 1 + 1 + 1 + 2 = 9 rows in all. */
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE entity = 'report'"), 9);
	char *b = wfx_text(N, "SELECT before_json FROM audit WHERE action = 'report.return'");
	char *a = wfx_text(N, "SELECT after_json FROM audit WHERE action = 'report.return'");
	assert_non_null(strstr(b, "\"review_note\":\"\",\"state\":\"submitted\",\"version\":2"));
	assert_non_null(strstr(a, "\"review_note\":\"Thiếu số liệu nước ngầm\",\"state\":"
				  "\"returned\",\"version\":3"));
	free(b);
	free(a);
	a = wfx_text(N, "SELECT actor FROM audit WHERE action = 'report.accept'");
	assert_string_equal(a, "province@test");
	free(a);
	db_close(db);
}

static void
test_report_conflict_writes_nothing(void **state)
{
	(void)state;
	const char *N = "conflict.db";
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	int64_t id;
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &shrimp, &id, &errs), ST_OK);
	/* Province edits first (v1 -> v2); the enterprise's form still says v1. */
	struct report_input p = shrimp;
	p.cp[REPORT_CP_UNIT] = "1";
	assert_int_equal(report_update(db, W(WFX_PROVINCE), id, 1, &p, &errs), ST_OK);
	struct report_input e = shrimp;
	e.nenergy = 1;
	e.cp[REPORT_CP_AWARE] = "0";
	assert_int_equal(report_update(db, W(WFX_ENT1), id, 1, &e, &errs), ST_CONFLICT);
	/* The province's version stands untouched. */
	assert_int_equal(wfx_int(N, "SELECT version FROM report"), 2);
	assert_int_equal(wfx_int(N, "SELECT cp_aware FROM report"), 1);
	assert_int_equal(wfx_int(N, "SELECT cp_unit FROM report"), 1);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM report_energy"), 2);
	assert_int_equal(audit_rows(N, "report.update", id), 1);
	db_close(db);
}

static void
test_report_validation(void **state)
{
	(void)state;
	struct db *db = wfx_new("valid.db");
	static const struct report_output_in out[] = {{"xyz", "-5", "t"}};
	static const struct report_energy_in en[] = {
	    {"electricity", "100", "kg", NULL, NULL, NULL},
	    {"do", "1", "t", "13", NULL, NULL},
	};
	static const struct report_water_in w[] = {{"river", "5", NULL}};
	static const struct report_material_in m[] = {{"", "1", "t", NULL}};
	struct report_input in = {.cp = {"2", NULL, "", "1"},
				  .nout = 1,
				  .out = out,
				  .nenergy = 2,
				  .energy = en,
				  .nwater = 1,
				  .water = w,
				  .nmat = 1,
				  .mat = m};
	struct wf_errors errs = {0};
	int64_t id = 0;
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &in, &id, &errs), ST_INVALID);
	assert_int_equal(errs.n, 7);
	tu_assert_msg(wf_errors_find(&errs, "cp_aware"),
		      "nhận thức về SXSH phải là 1, 0 hoặc để trống",
		      "CP awareness must be 1, 0 or empty, got '2'");
	tu_assert_msg(wf_errors_find(&errs, "output[0].product"), "sản phẩm không tồn tại",
		      "unknown product 'xyz'");
	/* The upper bound VAL_AMOUNT_MAX = 1e15 has 16 digits: %.15g prints 1e+15. */
	tu_assert_msg(wf_errors_find(&errs, "output[0].quantity"), "sản lượng phải từ 0 đến 1e+15",
		      "output quantity must be between 0 and 1e+15, got '-5'");
	tu_assert_msg(wf_errors_find(&errs, "energy[0].unit"),
		      "đơn vị không dùng được cho loại năng lượng này",
		      "unit cannot be used for this energy carrier 'kg'");
	tu_assert_msg(wf_errors_find(&errs, "energy[1].month"), "tháng phải từ 1 đến 12",
		      "month must be between 1 and 12, got '13'");
	tu_assert_msg(wf_errors_find(&errs, "water[0].source"), "nguồn nước không hợp lệ",
		      "invalid water source 'river' (tap|ground|surface|other)");
	tu_assert_msg(wf_errors_find(&errs, "material[0].name"), "thiếu tên nguyên vật liệu",
		      "material name is missing");
	assert_int_equal(wfx_int("valid.db", "SELECT count(*) FROM report"), 0);
	assert_int_equal(wfx_int("valid.db", "SELECT count(*) FROM audit"), 0);
	db_close(db);
}

/*
 * Monthly energy lines are the detail of the yearly line: a yearly
 * 3,000,000 kWh beside 12 x 275,000 = 3,300,000 kWh is refused on the
 * yearly line, naming the carrier; a yearly 3,300 MWh agrees (3,300 MWh =
 * 3,300,000 kWh) and is saved.
 */
static void
test_report_months_agree(void **state)
{
	(void)state;
	struct db *db = wfx_new("months.db");
	struct report_energy_in en[13];
	static const char *const months[12] = {"1", "2", "3", "4",  "5",  "6",
					       "7", "8", "9", "10", "11", "12"};
	en[0] = (struct report_energy_in){"electricity", "3000000", "kWh", NULL, NULL, NULL};
	for (int m = 0; m < 12; m++)
		en[m + 1] = (struct report_energy_in){"electricity", "275000", "kWh",
						      months[m],     NULL,     NULL};
	static const struct report_output_in out[] = {{"ice", "1000", "t"}};
	struct report_input in = {.nout = 1, .out = out, .nenergy = 13, .energy = en};
	struct wf_errors errs = {0};
	int64_t id = 0;
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &in, &id, &errs), ST_INVALID);
	assert_int_equal(errs.n, 1);
	assert_string_equal(errs.e[0].field, "energy[0].quantity");
	tu_assert_msg(&errs.e[0].msg,
		      "electricity: các dòng theo tháng cộng lại 3.300.000 kWh, khác số cả năm "
		      "3.000.000 kWh (các tháng là chi tiết của số cả năm)",
		      "electricity: the monthly lines add up to 3,300,000 kWh, not the yearly "
		      "3,000,000 kWh (the months are the detail of the year's figure)");
	en[0] = (struct report_energy_in){"electricity", "3300", "MWh", NULL, NULL, NULL};
	wf_errors_clear(&errs);
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &in, &id, &errs), ST_OK);
	/* Counted once: 3,300,000 kWh x 0.0001543 = 509.19 TOE, not 1,018.38. */
	struct report *r = NULL;
	assert_int_equal(report_get(db, W(WFX_ENT1), id, &r), ST_OK);
	struct report_preview p;
	assert_int_equal(report_preview(db, r, &p), ST_OK);
	assert_true(fabs(p.toe - 509.19) < 1e-9);
	report_preview_free(&p);
	report_free(r);
	db_close(db);
}

static void
test_report_preview(void **state)
{
	(void)state;
	struct db *db = wfx_new("preview.db");
	struct wf_errors errs = {0};
	struct report r = {.doc.year = 2024};
	assert_int_equal(report_validate(db, &shrimp, &r, &errs), ST_OK);
	struct report_preview p;
	assert_int_equal(report_preview(db, &r, &p), ST_OK);
	assert_true(p.complete);
	/* 500,000 kWh × 0.0001543 = 77.15 TOE; 10 t DO × 1.02 = 10.2 TOE; 87.35 TOE. */
	assert_true(fabs(p.energy[0].toe - 77.15) < 1e-9);
	assert_true(fabs(p.energy[1].toe - 10.2) < 1e-9);
	assert_true(fabs(p.toe - 87.35) < 1e-9);
	/* 500,000 × 0.0036 GJ = 1,800 GJ; 10 × 43.0 = 430 GJ; 2,230 GJ. */
	assert_true(fabs(p.gj - 2230) < 1e-9);
	assert_int_equal(p.nprod, 1);
	/* 87.35 TOE / 400 t = 0.218375 TOE/t. */
	assert_true(fabs(p.prod[0].sec_toe - 0.218375) < 1e-12);
	/* 400 t ≥ 300 t: the TT 52/2018 shrimp norm 2,050 kWh/t applies.  2,230 GJ =
	 * 2,230,000 MJ / 3.6 = 619,444.44 kWh; / 400 t = 1,548.61 kWh/t;
	 * / 2,050 = 0.75542 of the norm. */
	assert_true(p.prod[0].has_norm);
	assert_true(p.prod[0].norm.value == 2050);
	assert_string_equal(p.prod[0].norm.energy_unit, "kWh");
	assert_true(fabs(p.prod[0].sec_norm - 1548.6111111) < 1e-6);
	assert_true(fabs(p.prod[0].ratio - 0.7554200542) < 1e-9);
	report_preview_free(&p);

	/* 100 t is below the norm's 300 t band: no norm; 87.35 / 100 = 0.8735 TOE/t. */
	r.out[0].quantity = 100;
	assert_int_equal(report_preview(db, &r, &p), ST_OK);
	assert_false(p.prod[0].has_norm);
	assert_true(fabs(p.prod[0].sec_toe - 0.8735) < 1e-12);
	assert_true(isnan(p.prod[0].sec_norm));
	report_preview_free(&p);

	/* TT 52/2018 bands the plant, not the product: the same 100 t of shrimp
	 * beside 250 t of catfish is a plant of 350 t >= 300 t, so both norms
	 * apply.  The unnamed energy goes to the main product, the larger
	 * output (docs/analytics.md), as in every other view: catfish, 2,230 GJ
	 * = 619,444.44 kWh / 250 t = 2,477.78 kWh/t, / 1,050 = 2.35979 of its
	 * norm.  Nothing is attributed to shrimp: its SEC is not computable. */
	free(r.out);
	r.out = calloc(2, sizeof(*r.out));
	r.nout = 2;
	strcpy(r.out[0].product, "frozen_shrimp");
	strcpy(r.out[0].unit, "t");
	r.out[0].quantity = 100;
	strcpy(r.out[1].product, "frozen_catfish");
	strcpy(r.out[1].unit, "kg");
	r.out[1].quantity = 250000; /* 250 t */
	assert_int_equal(report_preview(db, &r, &p), ST_OK);
	assert_true(p.prod[0].has_norm);
	assert_true(p.prod[0].norm.value == 2050);
	assert_int_equal(p.prod[0].norm.band_plant, 1);
	assert_true(isnan(p.prod[0].sec_norm) && isnan(p.prod[0].sec_toe));
	assert_int_equal(p.prod[0].why, MSG_SEC_NO_ENERGY);
	assert_true(p.prod[1].has_norm);
	assert_true(p.prod[1].norm.value == 1050);
	assert_int_equal(p.prod[1].norm.band_plant, 1);
	assert_true(fabs(p.prod[1].sec_norm - 2230000.0 / 3.6 / 250) < 1e-6);
	assert_true(fabs(p.prod[1].ratio - 2230000.0 / 3.6 / 250 / 1050) < 1e-12);
	assert_true(fabs(p.prod[1].sec_toe - 87.35 / 250) < 1e-12);
	report_preview_free(&p);
	/* Fish sauce is seafood (VSIC 1020) but in kL: 100 t of shrimp and
	 * 250 kL of fish sauce is not a 350 t plant, so no norm. */
	strcpy(r.out[1].product, "fish_sauce");
	strcpy(r.out[1].unit, "kL");
	r.out[1].quantity = 250;
	assert_int_equal(report_preview(db, &r, &p), ST_OK);
	assert_false(p.prod[0].has_norm);
	assert_false(p.prod[1].has_norm);
	report_preview_free(&p);

	/* Bagasse has no TOE factor: the line says so, the total is incomplete. */
	free(r.energy);
	r.energy = calloc(1, sizeof(*r.energy));
	r.nenergy = 1;
	strcpy(r.energy[0].carrier, "bagasse");
	strcpy(r.energy[0].unit, "t");
	r.energy[0].quantity = 5;
	assert_int_equal(report_preview(db, &r, &p), ST_OK);
	assert_false(p.complete);
	assert_false(p.energy[0].ok);
	assert_int_equal(p.energy[0].msg, MSG_CALC_FACTOR);
	assert_string_equal(msg_template(MSG_CALC_FACTOR, LANG_VI), "thiếu hệ số quy đổi");
	assert_string_equal(msg_template(MSG_CALC_FACTOR, LANG_EN), "missing conversion factor");
	report_preview_free(&p);
	free(r.out);
	free(r.energy);
	free(r.water);
	free(r.mat);
	free(r.expl);
	db_close(db);
}

static void
test_report_prefill(void **state)
{
	(void)state;
	struct db *db = wfx_new("prefill.db");
	struct wf_errors errs = {0};
	int64_t id;
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2022, &shrimp, &id, &errs), ST_OK);
	struct report *r;
	/* 2024 pre-fills from 2022, the latest earlier year. */
	assert_int_equal(report_prefill(db, W(WFX_ENT1), 1, 2024, &r), ST_OK);
	assert_int_equal(r->doc.id, 0);
	assert_int_equal(r->doc.year, 2024);
	assert_int_equal(r->doc.version, 0);
	assert_int_equal(r->doc.state, WF_DRAFT);
	assert_int_equal(r->nout, 1);
	assert_string_equal(r->out[0].product, "frozen_shrimp");
	assert_string_equal(r->out[0].unit, "t");
	/* What was made and used, not how much: 2022's 400 t and 500,000 kWh are not copied. */
	assert_true(isnan(r->out[0].quantity));
	assert_int_equal(r->nenergy, 2);
	assert_string_equal(r->energy[0].carrier, "electricity");
	assert_string_equal(r->energy[0].unit, "kWh");
	assert_true(isnan(r->energy[0].quantity));
	assert_int_equal(r->energy[0].has_cost, 0);
	assert_int_equal(r->nwater, 1);
	assert_true(isnan(r->water[0].quantity_m3));
	assert_int_equal(r->cp[REPORT_CP_APPLIED], 1);
	report_free(r);
	/* Nothing earlier than 2022: an empty draft with unknown CP status. */
	assert_int_equal(report_prefill(db, W(WFX_ENT1), 1, 2022, &r), ST_OK);
	assert_int_equal(r->nout + r->nenergy + r->nwater + r->nmat, 0);
	assert_int_equal(r->cp[REPORT_CP_AWARE], -1);
	report_free(r);
	assert_int_equal(report_prefill(db, W(WFX_ENT2), 1, 2024, &r), ST_NOTFOUND);
	assert_null(r);
	db_close(db);
}

static void
test_registration(void **state)
{
	(void)state;
	const char *N = "reg.db";
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	int64_t id;
	struct registration_input bad = {"yes", "120", NULL};
	assert_int_equal(registration_create(db, W(WFX_ENT1), 1, 2025, &bad, &id, &errs),
			 ST_INVALID);
	assert_int_equal(errs.n, 2);
	tu_assert_msg(wf_errors_find(&errs, "apply_cp"),
		      "cam kết áp dụng SXSH phải là 1, 0 hoặc để trống",
		      "commitment to apply CP must be 1, 0 or empty, got 'yes'");
	tu_assert_msg(wf_errors_find(&errs, "planned_saving_pct"),
		      "mức tiết kiệm dự kiến (%) phải từ 0 đến 100",
		      "planned saving (%) must be between 0 and 100, got '120'");
	wf_errors_clear(&errs);
	struct registration_input in = {"1", "5", "Thay động cơ hiệu suất cao"};
	assert_int_equal(registration_create(db, W(WFX_ENT1), 1, 2025, &in, &id, &errs), ST_OK);
	assert_int_equal(registration_transition(db, W(WFX_ENT1), id, WF_SUBMIT, 1, NULL, &errs),
			 ST_OK);
	assert_int_equal(registration_update(db, W(WFX_ENT1), id, 2, &in, &errs), ST_STATE);
	assert_int_equal(
	    registration_transition(db, W(WFX_DISTRICT_A), id, WF_FORWARD, 1, NULL, &errs),
	    ST_CONFLICT);
	assert_int_equal(
	    registration_transition(db, W(WFX_DISTRICT_A), id, WF_FORWARD, 2, NULL, &errs), ST_OK);
	assert_int_equal(
	    registration_transition(db, W(WFX_PROVINCE), id, WF_ACCEPT, 3, NULL, &errs), ST_OK);
	struct registration g;
	assert_int_equal(registration_get(db, W(WFX_ENT1), id, &g), ST_OK);
	assert_int_equal(g.doc.state, WF_ACCEPTED);
	assert_int_equal(g.doc.version, 4);
	assert_true(g.has_saving && g.planned_saving_pct == 5);
	/* 2026 pre-fills the 2025 commitments. */
	assert_int_equal(registration_prefill(db, W(WFX_ENT1), 1, 2026, &g), ST_OK);
	assert_int_equal(g.doc.id, 0);
	assert_int_equal(g.apply_cp, 1);
	assert_string_equal(g.measures, "Thay động cơ hiệu suất cao");
	/* create, submit, forward, accept: 4 rows. */
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE entity = 'registration'"), 4);
	db_close(db);
}

static void
test_claims(void **state)
{
	(void)state;
	const char *N = "claim.db";
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	int64_t cid;
	/* ent2 already claimed F3 in the fixture; F2 by tax code does not exist. */
	assert_int_equal(claim_request(db, W(WFX_ENT2), "F3", &cid), ST_EXISTS);
	assert_int_equal(claim_request(db, W(WFX_ENT2), "0000000000", &cid), ST_NOTFOUND);
	assert_int_equal(claim_request(db, W(WFX_PROVINCE), "F2", &cid), ST_FORBIDDEN);
	/* ent2 claims F1 by its tax code; pending, it gives no access. */
	assert_int_equal(claim_request(db, W(WFX_ENT2), "0100109106", &cid), ST_OK);
	struct facility_profile fp;
	assert_int_equal(facility_profile_get(db, W(WFX_ENT2), 1, &fp), ST_NOTFOUND);
	assert_int_equal(claim_decide(db, W(WFX_DISTRICT_A), cid, 1, 1, NULL, &errs), ST_FORBIDDEN);
	assert_int_equal(claim_decide(db, W(WFX_DISTRICT_B), cid, 1, 1, NULL, &errs), ST_NOTFOUND);
	assert_int_equal(claim_decide(db, W(WFX_PROVINCE), cid, 0, 1, NULL, &errs), ST_CONFLICT);
	assert_int_equal(claim_decide(db, W(WFX_PROVINCE), cid, 1, 0, "Không khớp", &errs), ST_OK);
	assert_int_equal(claim_decide(db, W(WFX_PROVINCE), cid, 2, 1, NULL, &errs), ST_STATE);
	/* A rejected claim may be made again, then confirmed. */
	assert_int_equal(claim_request(db, W(WFX_ENT2), "F1", &cid), ST_OK);
	assert_int_equal(claim_decide(db, W(WFX_ADMIN), cid, 3, 1, NULL, &errs), ST_OK);
	assert_int_equal(facility_profile_get(db, W(WFX_ENT2), 1, &fp), ST_OK);
	/* Assignment: only to enterprise users, only by province staff. */
	assert_int_equal(claim_assign(db, W(WFX_ENT1), 6, 2, &errs), ST_FORBIDDEN);
	assert_int_equal(claim_assign(db, W(WFX_PROVINCE), 3, 2, &errs), ST_INVALID);
	assert_string_equal(errs.e[0].field, "user_id");
	assert_int_equal(claim_assign(db, W(WFX_PROVINCE), 6, 2, &errs), ST_OK);
	assert_int_equal(facility_profile_get(db, W(WFX_ENT2), 2, &fp), ST_OK);
	/* claim, reject, claim, confirm, assign: 5 audit rows. */
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit WHERE entity = 'facility_member'"),
			 5);
	db_close(db);
}

static void
test_facility_edit(void **state)
{
	(void)state;
	const char *N = "fedit.db";
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	struct facility_profile_input in = {
	    .name = "Cơ sở Một (mới)",
	    .tax_code = "0100109107",
	    .sector_code = "99x",
	    .ownership = "private",
	    .size = "huge",
	    .lat = "10.1",
	    .employees = "-3",
	};
	assert_int_equal(facility_profile_update(db, W(WFX_ENT1), 1, 1, &in, &errs), ST_INVALID);
	assert_int_equal(errs.n, 5);
	tu_assert_msg(wf_errors_find(&errs, "tax_code"), "mã số thuế sai chữ số kiểm tra",
		      "tax code has a wrong check digit '0100109107'");
	tu_assert_msg(wf_errors_find(&errs, "sector_code"), "ngành (VSIC) không tồn tại",
		      "unknown sector (VSIC) '99x'");
	tu_assert_msg(wf_errors_find(&errs, "size"), "quy mô không hợp lệ",
		      "invalid size 'huge' (micro|small|medium|large)");
	tu_assert_msg(wf_errors_find(&errs, "lon"), "thiếu kinh độ", "longitude is missing");
	tu_assert_msg(wf_errors_find(&errs, "employees"), "số lao động phải từ 0 đến 10000000",
		      "employees must be between 0 and 10000000, got '-3'");
	wf_errors_clear(&errs);
	struct facility_profile_input ok = {
	    .name = "Cơ sở Một (mới)",
	    .tax_code = "0100109106",
	    .sector_code = "10",
	    .ownership = "private",
	    .size = "medium",
	    .employees = "40",
	};
	assert_int_equal(facility_profile_update(db, W(WFX_DISTRICT_A), 1, 1, &ok, &errs),
			 ST_FORBIDDEN);
	assert_int_equal(facility_profile_update(db, W(WFX_ENT1), 2, 1, &ok, &errs), ST_NOTFOUND);
	assert_int_equal(facility_profile_update(db, W(WFX_ENT1), 1, 1, &ok, &errs), ST_OK);
	assert_int_equal(facility_profile_update(db, W(WFX_PROVINCE), 1, 1, &ok, &errs),
			 ST_CONFLICT);
	char *name = wfx_text(N, "SELECT name_key || '|' || size || '|' || version FROM facility "
				 "WHERE id = 1");
	assert_string_equal(name, "co so mot (moi)|medium|2");
	free(name);
	char *a = wfx_text(N, "SELECT after_json FROM audit WHERE action = 'facility.update'");
	assert_non_null(strstr(a, "\"employees\":40,"));
	free(a);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit"), 1);
	db_close(db);
}

/*
 * Only writes that can change a public figure bump the data generation
 * (the key of the cached public pages): accepting or reopening and profile
 * edits do; creating, saving a draft, submitting, forwarding, returning
 * and claims do not.
 */
static void
test_generation_public_only(void **state)
{
	(void)state;
	const char *N = "gen.db";
	const char *GEN = "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'";
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	long long g0 = wfx_int(N, GEN);
	int64_t id = 0, rid = 0, cid = 0;
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &shrimp, &id, &errs), ST_OK);
	for (int v = 1; v <= 3; v++) /* a draft saved three times: versions 1 to 4 */
		assert_int_equal(report_update(db, W(WFX_ENT1), id, v, &shrimp, &errs), ST_OK);
	assert_int_equal(report_transition(db, W(WFX_ENT1), id, WF_SUBMIT, 4, NULL, &errs), ST_OK);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_RETURN, 5, "Sửa", &errs),
			 ST_OK);
	assert_int_equal(report_transition(db, W(WFX_ENT1), id, WF_SUBMIT, 6, NULL, &errs), ST_OK);
	assert_int_equal(report_transition(db, W(WFX_DISTRICT_A), id, WF_FORWARD, 7, NULL, &errs),
			 ST_OK);
	struct registration_input in = {"1", "5", "Thay động cơ"};
	assert_int_equal(registration_create(db, W(WFX_ENT1), 1, 2025, &in, &rid, &errs), ST_OK);
	assert_int_equal(registration_update(db, W(WFX_ENT1), rid, 1, &in, &errs), ST_OK);
	assert_int_equal(registration_transition(db, W(WFX_ENT1), rid, WF_SUBMIT, 2, NULL, &errs),
			 ST_OK);
	assert_int_equal(claim_request(db, W(WFX_ENT2), "F1", &cid), ST_OK);
	assert_int_equal(errs.n, 0);
	assert_int_equal(wfx_int(N, GEN), g0);

	/* Accepting (v8 -> v9) and reopening (v9 -> v10) change public figures. */
	assert_int_equal(report_transition(db, W(WFX_PROVINCE), id, WF_ACCEPT, 8, NULL, &errs),
			 ST_OK);
	assert_int_equal(wfx_int(N, GEN), g0 + 1);
	assert_int_equal(report_transition(db, W(WFX_PROVINCE), id, WF_REOPEN, 9, NULL, &errs),
			 ST_OK);
	assert_int_equal(wfx_int(N, GEN), g0 + 2);
	assert_int_equal(
	    registration_transition(db, W(WFX_PROVINCE), rid, WF_ACCEPT, 3, NULL, &errs), ST_OK);
	assert_int_equal(wfx_int(N, GEN), g0 + 3);
	struct facility_profile_input ok = {
	    .name = "Cơ sở Một (mới)",
	    .tax_code = "0100109106",
	    .sector_code = "10",
	    .ownership = "private",
	    .size = "medium",
	    .employees = "40",
	};
	assert_int_equal(facility_profile_update(db, W(WFX_ENT1), 1, 1, &ok, &errs), ST_OK);
	assert_int_equal(wfx_int(N, GEN), g0 + 4);
	db_close(db);
}

/*
 * Refuses every move of table's rows to status 'submitted' (a trigger), so
 * that a submit fails after the save before it in the same transaction.
 */
static void
block_submit(struct db *db, const char *table, int on)
{
	char sql[1024];
	if (!on)
		snprintf(sql, sizeof(sql), "DROP TRIGGER no_submit_%s%s%s", table,
			 tu_pg() ? " ON " : "", tu_pg() ? table : "");
	else if (tu_pg())
		snprintf(sql, sizeof(sql),
			 "CREATE OR REPLACE FUNCTION no_submit() RETURNS trigger AS $$ BEGIN "
			 "IF NEW.status = 'submitted' THEN RAISE EXCEPTION 'no submit'; END IF; "
			 "RETURN NEW; END $$ LANGUAGE plpgsql; "
			 "CREATE TRIGGER no_submit_%s BEFORE UPDATE ON %s FOR EACH ROW "
			 "EXECUTE FUNCTION no_submit()",
			 table, table);
	else
		snprintf(
		    sql, sizeof(sql),
		    "CREATE TRIGGER no_submit_%s BEFORE UPDATE OF status ON %s "
		    "WHEN NEW.status = 'submitted' BEGIN SELECT RAISE(ABORT, 'no submit'); END",
		    table, table);
	if (db_exec(db, sql) != DB_OK)
		fail_msg("%s: %s", sql, db_errmsg(db));
}

/*
 * Saving and submitting from the form is one transaction: a submit that
 * fails after its save leaves nothing of the save (no new report, no new
 * version, no audit row); without the failure both happen at once.
 */
static void
test_save_and_submit_atomic(void **state)
{
	(void)state;
	const char *N = "sas.db";
	struct db *db = wfx_new(N);
	struct wf_errors errs = {0};
	int64_t id = 0, rid = 0;
	const char *RCOUNT = "SELECT count(*) FROM report WHERE facility_id = 1";

	/* A new report: create + submit fails at the submit; nothing stays. */
	block_submit(db, "report", 1);
	assert_int_equal(
	    report_save_and_submit(db, W(WFX_ENT1), 1, 2024, 0, 0, &shrimp, &id, &errs), ST_ERR);
	assert_int_equal(wfx_int(N, RCOUNT), 0);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM report_energy"), 0);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit"), 0);

	/* A saved draft (v1, 500,000 kWh): update + submit fails; v1 stays as it was. */
	block_submit(db, "report", 0);
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &shrimp, &id, &errs), ST_OK);
	static const struct report_energy_in more[] = {
	    {"electricity", "650000", "kWh", NULL, NULL, NULL},
	};
	struct report_input changed = shrimp;
	changed.nenergy = 1;
	changed.energy = more;
	block_submit(db, "report", 1);
	int64_t got = 0;
	assert_int_equal(
	    report_save_and_submit(db, W(WFX_ENT1), 1, 2024, id, 1, &changed, &got, &errs), ST_ERR);
	assert_int_equal(wfx_int(N, "SELECT version FROM report WHERE facility_id = 1"), 1);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM report_energy WHERE quantity = 500000"),
			 1);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM report_energy WHERE quantity = 650000"),
			 0);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM audit"), 1); /* the create */

	/* Without the failure: saved (v2) and submitted (v3) together. */
	block_submit(db, "report", 0);
	assert_int_equal(
	    report_save_and_submit(db, W(WFX_ENT1), 1, 2024, id, 1, &changed, &got, &errs), ST_OK);
	assert_int_equal(got, id);
	struct report *r;
	assert_int_equal(report_get(db, W(WFX_ENT1), id, &r), ST_OK);
	assert_int_equal(r->doc.state, WF_SUBMITTED);
	assert_int_equal(r->doc.version, 3);
	assert_int_equal(r->nenergy, 1);
	assert_true(r->energy[0].quantity == 650000);
	report_free(r);
	assert_int_equal(audit_rows(N, "report.update", id), 1);
	assert_int_equal(audit_rows(N, "report.submit", id), 1);
	/* A stale version: nothing written. */
	assert_int_equal(
	    report_save_and_submit(db, W(WFX_ENT1), 1, 2024, id, 1, &changed, &got, &errs),
	    ST_CONFLICT);

	/* Registrations: the same. */
	struct registration_input in = {"1", "5", "Thay động cơ"};
	block_submit(db, "registration", 1);
	assert_int_equal(
	    registration_save_and_submit(db, W(WFX_ENT1), 1, 2025, 0, 0, &in, &rid, &errs), ST_ERR);
	assert_int_equal(wfx_int(N, "SELECT count(*) FROM registration"), 0);
	block_submit(db, "registration", 0);
	assert_int_equal(
	    registration_save_and_submit(db, W(WFX_ENT1), 1, 2025, 0, 0, &in, &rid, &errs), ST_OK);
	struct registration g;
	assert_int_equal(registration_get(db, W(WFX_ENT1), rid, &g), ST_OK);
	assert_int_equal(g.doc.state, WF_SUBMITTED);
	assert_int_equal(g.doc.version, 2);
	assert_int_equal(errs.n, 0);
	db_close(db);
}

/*
 * Hard plausibility limits (data/plausibility.csv, docs/analytics.md): a
 * facility's electricity may reach 2.8 x 10^10 kWh a year, a tenth of
 * Vietnam's generation; 9 x 10^14 kWh, over 3,000 times the country's,
 * is refused on the form and the API (both report_validate) with the
 * field named.  28,000,000,000 kWh, exactly the limit, is accepted; one
 * kWh more is not.  In MWh the limit is 28,000,000 MWh.  A monthly line is
 * held to a twelfth: 28,000,000,000 / 12 = 2,333,333,333.33 kWh, so
 * 2,333,333,333 kWh in March passes and 2,333,333,334 does not.
 */
static void
test_report_plausibility(void **state)
{
	(void)state;
	struct db *db = wfx_new("plausible.db");
	struct wf_errors errs = {0};
	const struct msg *m;
	int64_t id = 0;
	struct report_output_in out[] = {{"ice", "1000", "t"}};
	struct report_energy_in en[] = {
	    {"electricity", "900000000000000", "kWh", NULL, NULL, NULL}};
	struct report_input in = {.nout = 1, .out = out, .nenergy = 1, .energy = en};

	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &in, &id, &errs), ST_INVALID);
	assert_non_null(m = wf_errors_find(&errs, "energy[0].quantity"));
	tu_assert_msg(m,
		      "lượng năng lượng của electricity là 900.000.000.000.000,00 kWh, vượt giới "
		      "hạn 28.000.000.000,00 kWh một năm mà một cơ sở có thể có: hãy kiểm tra lại "
		      "số và đơn vị",
		      "energy quantity of electricity is 900,000,000,000,000.00 kWh, above "
		      "28,000,000,000.00 kWh, the most a single facility could report in a year: "
		      "check the number and its unit");
	assert_int_equal(wfx_int("plausible.db", "SELECT count(*) FROM report"), 0);

	wf_errors_clear(&errs);
	en[0].quantity = "28000000001";
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &in, &id, &errs), ST_INVALID);
	assert_non_null(wf_errors_find(&errs, "energy[0].quantity"));
	wf_errors_clear(&errs);
	en[0].quantity = "28000001";
	en[0].unit = "MWh";
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &in, &id, &errs), ST_INVALID);
	assert_non_null(m = wf_errors_find(&errs, "energy[0].quantity"));
	tu_assert_msg(
	    m,
	    "lượng năng lượng của electricity là 28.000.001,00 MWh, vượt giới hạn "
	    "28.000.000,00 MWh một năm mà một cơ sở có thể có: hãy kiểm tra lại số và "
	    "đơn vị",
	    "energy quantity of electricity is 28,000,001.00 MWh, above 28,000,000.00 MWh, "
	    "the most a single facility could report in a year: check the number and its "
	    "unit");

	/* Monthly: a twelfth of the yearly limit. */
	wf_errors_clear(&errs);
	en[0] = (struct report_energy_in){"electricity", "2333333334", "kWh", "3", NULL, NULL};
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &in, &id, &errs), ST_INVALID);
	assert_non_null(m = wf_errors_find(&errs, "energy[0].quantity"));
	tu_assert_msg(
	    m,
	    "lượng năng lượng của electricity là 2.333.333.334,00 kWh, vượt giới hạn "
	    "2.333.333.333,33 kWh một tháng (một phần mười hai giới hạn năm) mà một cơ sở "
	    "có thể có: hãy kiểm tra lại số và đơn vị",
	    "energy quantity of electricity is 2,333,333,334.00 kWh, above "
	    "2,333,333,333.33 kWh, the most a single facility could report in a month (a "
	    "twelfth of the yearly limit): check the number and its unit");
	wf_errors_clear(&errs);
	en[0].quantity = "2333333333";
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2023, &in, &id, &errs), ST_OK);

	/* At the yearly limit: accepted. */
	en[0] = (struct report_energy_in){"electricity", "28000000000", "kWh", NULL, NULL, NULL};
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2024, &in, &id, &errs), ST_OK);
	assert_int_equal(errs.n, 0);

	/* An output above its product's limit: 10^6 t of ice a year. */
	out[0].quantity = "1000001";
	assert_int_equal(report_create(db, W(WFX_ENT1), 1, 2025, &in, &id, &errs), ST_INVALID);
	assert_non_null(m = wf_errors_find(&errs, "output[0].quantity"));
	tu_assert_msg(
	    m,
	    "sản lượng của ice là 1.000.001,00 t, vượt giới hạn 1.000.000,00 t một năm mà "
	    "một cơ sở có thể có: hãy kiểm tra lại số và đơn vị",
	    "output quantity of ice is 1,000,001.00 t, above 1,000,000.00 t, the most a "
	    "single facility could report in a year: check the number and its unit");
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_report_walk),
	    cmocka_unit_test(test_report_conflict_writes_nothing),
	    cmocka_unit_test(test_report_validation),
	    cmocka_unit_test(test_report_months_agree),
	    cmocka_unit_test(test_report_preview),
	    cmocka_unit_test(test_report_prefill),
	    cmocka_unit_test(test_registration),
	    cmocka_unit_test(test_claims),
	    cmocka_unit_test(test_facility_edit),
	    cmocka_unit_test(test_generation_public_only),
	    cmocka_unit_test(test_save_and_submit_atomic),
	    cmocka_unit_test(test_report_plausibility),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
