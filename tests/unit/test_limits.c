/*
 * One set of limits (model/validate.h, val_limits): the CSV import and the
 * model functions the forms and the API call (report_validate,
 * facility_profile_update) accept a value at the limit and refuse one just
 * above with a message naming the field; a report and a facility imported
 * at the limits are saved again unchanged; a tab-separated file or a
 * UTF-16 one without a byte-order mark is refused as a whole with one
 * message saying what it is and how to save it as UTF-8 CSV.  HTTP forms and the API over the wire:
 * tests/http/test_csv_limits.c.
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
#include "fixture.h"
#include "model/io/csvio.h"
#include "model/registry/facility_edit.h"
#include "model/reporting/report.h"
#include "model/validate.h"
#include "model/registry/refdata.h"
#include "testutil.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/fmt.h"
#include "wffix.h"

#define W(i) (&wfx_who[i])

/*
 * Two databases: imp.db (reference data only) for the import rules, and
 * the workflow fixture wf.db (tests/lib/wffix.h) for what the forms and
 * the API do.  db is the one the import helpers write to.
 */
static struct db *imp_db, *wf_db, *db;
static struct buf errs;
static struct csvio_stats st;

/* Imports the n bytes at data as file name; the errors land in errs. */
static int
imp_bytes(enum csvio_kind kind, const char *name, const char *data, size_t n,
	  const struct csvio_opts *o)
{
	FILE *f = fopen(tu_path(name), "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
	f = fopen(tu_path(name), "rb");
	assert_non_null(f);
	buf_reset(&errs);
	int rc = csvio_import(db, kind, f, name, o, csvio_err_buf, &errs, &st);
	fclose(f);
	return rc;
}

static int
imp(enum csvio_kind kind, const char *name, const char *text, const struct csvio_opts *o)
{
	return imp_bytes(kind, name, text, strlen(text), o);
}

static int
setup(void **state)
{
	(void)state;
	char err[512];
	buf_init(&errs, 1 << 20);
	imp_db = tu_db_new("imp.db");
	if (refdata_load(imp_db, err, sizeof(err)) != 0)
		fail_msg("refdata_load: %s", err);
	wf_db = wfx_new("wf.db");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(imp_db);
	db_close(wf_db);
	buf_free(&errs);
	return 0;
}

static void
test_table(void **state)
{
	(void)state;
	struct msg m;
	char out[VAL_MSG_MAX];
	double d;
	int64_t i;
	static const struct val_label l = {"tên", "name"};
	char *t1000 = fx_text_of(1000), *t1001 = fx_text_of(1001);
	assert_int_equal(val_text(VF_NAME, t1000, &l, &m), VAL_OK);
	assert_int_equal(val_text(VF_MATERIAL, t1000, &l, &m), VAL_OK);
	assert_int_equal(val_text(VF_NAME, t1001, &l, &m), VAL_RANGE);
	/* Limits are written as typed, in either language: 1000, not 1.000. */
	assert_string_equal(msg_format(&m, LANG_VI, out, sizeof(out)),
			    "tên dài quá 1000 byte (có 1001 byte)");
	assert_string_equal(msg_format(&m, LANG_EN, out, sizeof(out)),
			    "name is longer than 1000 bytes (1001 given)");
	assert_int_equal(val_text(VF_NAME, "a\xff", &l, &m), VAL_FORMAT);
	assert_string_equal(msg_format(&m, LANG_VI, out, sizeof(out)),
			    "tên không phải văn bản UTF-8 hợp lệ");
	assert_string_equal(msg_format(&m, LANG_EN, out, sizeof(out)),
			    "name is not valid UTF-8 text");
	assert_int_equal(val_text(VF_NAME, "", &l, &m), VAL_MISSING);
	assert_int_equal(val_number(VF_QUANTITY, "1e15", &l, &d, &m), VAL_OK);
	assert_true(d == 1e15);
	assert_int_equal(val_number(VF_COST, "1000000000000000", &l, &d, &m), VAL_OK);
	/* 10^15 + 1 < 2^53 is a double of its own, above the limit. */
	assert_int_equal(val_number(VF_QUANTITY, "1000000000000001", &l, &d, &m), VAL_RANGE);
	assert_int_equal(val_integer(VF_EMPLOYEES, "10000000", &l, &i, &m), VAL_OK);
	assert_int_equal(val_integer(VF_EMPLOYEES, "10000001", &l, &i, &m), VAL_RANGE);
	assert_int_equal(val_integer(VF_REPORT_YEAR, "1989", &l, &i, &m), VAL_RANGE);
	free(t1000);
	free(t1001);
}

/* A facility row in imp.db (sector 1020, unit rach-gia) with these fields. */
static char *
fac_row(const char *code, const char *name, const char *address, const char *employees)
{
	char *s = NULL;
	assert_true(asprintf(&s, FX_FH "%s,,%s,1020,rach-gia,%s,,,private,small,%s,,,active\n",
			     code, name, address, employees) > 0);
	return s;
}

static void
test_import_facility_limits(void **state)
{
	(void)state;
	char *t1000 = fx_text_of(1000), *t1001 = fx_text_of(1001);
	char *c64 = fx_text_of(64), *c65 = fx_text_of(65);
	static const struct {
		int code, name, address, employees; /* 1: just above the limit */
		const char *expect;
	} bad[] = {
	    {1, 0, 0, 0,
	     "code: mã cơ sở dài quá 64 byte (có 65 byte) / facility code is longer than 64 "
	     "bytes (65 given)"},
	    {0, 1, 0, 0,
	     "name: tên cơ sở dài quá 1000 byte (có 1001 byte) / facility name is longer than "
	     "1000 bytes (1001 given)"},
	    {0, 0, 1, 0,
	     "address: địa chỉ dài quá 1000 byte (có 1001 byte) / address is longer than 1000 "
	     "bytes (1001 given)"},
	    {0, 0, 0, 1,
	     "employees: số lao động phải từ 0 đến 10000000 / employees must be between 0 and "
	     "10000000, got '10000001'"},
	};
	db = imp_db;
	char *before = fx_export(db, CSVIO_FACILITIES, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *text = fac_row(bad[i].code ? c65 : c64, bad[i].name ? t1001 : t1000,
				     bad[i].address ? t1001 : t1000,
				     bad[i].employees ? "10000001" : "10000000");
		char want[600];
		snprintf(want, sizeof(want), "f.csv:2: %s\n", bad[i].expect);
		assert_int_equal(imp(CSVIO_FACILITIES, "f.csv", text, NULL), 1);
		assert_string_equal(buf_str(&errs), want);
		assert_int_equal(st.errors, 1);
		free(text);
	}
	char *after = fx_export(db, CSVIO_FACILITIES, 0);
	assert_string_equal(after, before);

	/* Everything at its limit at once is accepted and stored as given. */
	char *text = fac_row(c64, t1000, t1000, "10000000");
	assert_int_equal(imp(CSVIO_FACILITIES, "f.csv", text, NULL), 0);
	free(text);
	char *sql = xasprintf("SELECT name FROM facility WHERE code = '%s'", c64);
	char *name = tu_query_text("imp.db", sql);
	assert_string_equal(name, t1000);
	free(name);
	free(sql);
	free(before);
	free(after);
	free(t1000);
	free(t1001);
	free(c64);
	free(c65);
}

static void
test_import_report_limits(void **state)
{
	(void)state;
	char *t1000 = fx_text_of(1000), *t1001 = fx_text_of(1001);
	char *text = NULL;
	db = imp_db;
	assert_int_equal(imp(CSVIO_FACILITIES, "k.csv",
			     FX_FH "K1,,Kho,1020,rach-gia,,,,private,small,,,,active\n", NULL),
			 0);
	static const char *const bad[][2] = {
	    {"1000000000000001,t,", "quantity: số lượng phải từ 0 đến 1e+15 / quantity must be "
				    "between 0 and 1e+15, got '1000000000000001'"},
	    {"1,t,1000000000000001", "cost_vnd: chi phí (đồng) phải từ 0 đến 1e+15 / cost (VND) "
				     "must be between 0 and 1e+15, got '1000000000000001'"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[600];
		assert_true(asprintf(&text, FX_RH "K1,2023,draft,,,,,material,%s,,,%s\n", t1000,
				     bad[i][0]) > 0);
		snprintf(want, sizeof(want), "r.csv:2: %s\n", bad[i][1]);
		assert_int_equal(imp(CSVIO_REPORTS, "r.csv", text, NULL), 1);
		assert_string_equal(buf_str(&errs), want);
		free(text);
	}
	assert_true(asprintf(&text, FX_RH "K1,2023,draft,,,,,material,%s,,,1,t,\n", t1001) > 0);
	assert_int_equal(imp(CSVIO_REPORTS, "r.csv", text, NULL), 1);
	assert_string_equal(buf_str(&errs),
			    "r.csv:2: item: tên nguyên vật liệu dài quá 1000 byte (có 1001 byte) / "
			    "material name is longer than 1000 bytes (1001 given)\n");
	free(text);
	/*
	 * At the limits: accepted.  A quantity's own limit, 10^15, is reached
	 * by a material counted in pieces, which has no plausibility limit;
	 * electricity is held to its hard plausibility limit, 2.8 x 10^10 kWh
	 * (data/plausibility.csv), which it may reach.
	 */
	assert_true(
	    asprintf(&text,
		     FX_RH
		     "K1,2023,draft,,,,,material,%s,,,1000000000000000,piece,1e15\n"
		     "K1,2023,draft,,,,,energy,electricity,,,28000000000,kWh,1000000000000000\n",
		     t1000) > 0);
	assert_int_equal(imp(CSVIO_REPORTS, "r.csv", text, NULL), 0);
	free(text);

	/*
	 * As many lines of a kind as the form and the API take: 200 material
	 * lines pass; the 201st (line 202 of the file) is refused, once.
	 */
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_printf(&b, FX_RH);
	for (int i = 1; i <= 202; i++)
		buf_printf(&b, "K1,2024,draft,,,,,material,m%d,,,1,t,\n", i);
	assert_int_equal(imp(CSVIO_REPORTS, "r.csv", buf_str(&b), NULL), 1);
	assert_string_equal(buf_str(&errs), "r.csv:202: line: báo cáo có quá 200 dòng 'material' / "
					    "the report has more than 200 'material' lines\n");
	assert_int_equal(st.errors, 1);
	buf_reset(&b);
	buf_printf(&b, FX_RH);
	for (int i = 1; i <= 200; i++)
		buf_printf(&b, "K1,2024,draft,,,,,material,m%d,,,1,t,\n", i);
	assert_int_equal(imp(CSVIO_REPORTS, "r.csv", buf_str(&b), NULL), 0);
	buf_free(&b);
	free(t1000);
	free(t1001);
}

/*
 * The materials of a report input: n lines named name (or mI), quantity
 * qty pieces (a unit without a plausibility limit, so qty may reach
 * 10^15), cost cost.
 */
static struct report_material_in *
materials(int n, const char *name, const char *qty, const char *cost)
{
	struct report_material_in *m = xcalloc((size_t)n + 1, sizeof(*m));
	for (int i = 0; i < n; i++) {
		m[i] = (struct report_material_in){name, qty, "piece", cost};
		if (name == NULL)
			m[i].name = xasprintf("m%d", i);
	}
	return m;
}

/* report_validate of in: ST_OK, or ST_INVALID with the message of field in *msg. */
static int
validate(const struct report_input *in, const char *field, const struct msg **msg)
{
	static struct wf_errors e;
	struct report *r = xcalloc(1, sizeof(*r));
	wf_errors_clear(&e);
	int rc = report_validate(wf_db, in, r, &e);
	report_free(r);
	*msg = field != NULL ? wf_errors_find(&e, field) : NULL;
	return rc;
}

/* The checks report_create and report_update make for the form and the API. */
static void
test_model_limits(void **state)
{
	(void)state;
	const struct msg *msg;
	char *t1000 = fx_text_of(1000), *t1001 = fx_text_of(1001);
	/* Electricity at its hard plausibility limit, 2.8 x 10^10 kWh (data/plausibility.csv). */
	struct report_energy_in en = {"electricity", "28000000000", "kWh",
				      NULL,	     NULL,	    "1000000000000000"};
	struct report_material_in *m = materials(1, t1000, "1000000000000000", "1e15");
	struct report_input in = {.nenergy = 1, .energy = &en, .nmat = 1, .mat = m};
	assert_int_equal(validate(&in, NULL, &msg), ST_OK);

	en.quantity = "1000000000000001";
	assert_int_equal(validate(&in, "energy[0].quantity", &msg), ST_INVALID);
	tu_assert_msg(msg, "lượng năng lượng phải từ 0 đến 1e+15",
		      "energy quantity must be between 0 and 1e+15, got '1000000000000001'");
	en.quantity = "28000000000";
	en.cost = "1000000000000001";
	assert_int_equal(validate(&in, "energy[0].cost", &msg), ST_INVALID);
	tu_assert_msg(msg, "chi phí (đồng) phải từ 0 đến 1e+15",
		      "cost (VND) must be between 0 and 1e+15, got '1000000000000001'");
	en.cost = NULL;
	m[0].name = t1001;
	assert_int_equal(validate(&in, "material[0].name", &msg), ST_INVALID);
	tu_assert_msg(msg, "tên nguyên vật liệu dài quá 1000 byte (có 1001 byte)",
		      "material name is longer than 1000 bytes (1001 given)");
	free(m);

	struct report_material_in *m200 = materials(201, NULL, "1", NULL);
	struct report_input many = {.nmat = 200, .mat = m200};
	assert_int_equal(validate(&many, NULL, &msg), ST_OK);
	many.nmat = 201;
	assert_int_equal(validate(&many, "material", &msg), ST_INVALID);
	tu_assert_msg(msg, "quá nhiều dòng (tối đa 200)", "too many lines (at most 200)");
	for (int i = 0; i < 201; i++)
		free((char *)m200[i].name);
	free(m200);

	/* The facility profile form. */
	struct facility_profile p;
	assert_int_equal(facility_profile_get(wf_db, W(WFX_ENT1), 1, &p), ST_OK);
	struct wf_errors e = {0};
	struct facility_profile_input fin = {.name = t1001,
					     .tax_code = "0100109106",
					     .sector_code = "10",
					     .address = t1001,
					     .ownership = "private",
					     .size = "small",
					     .employees = "10000001"};
	assert_int_equal(facility_profile_update(wf_db, W(WFX_ENT1), 1, p.version, &fin, &e),
			 ST_INVALID);
	assert_int_equal(e.n, 3);
	tu_assert_msg(wf_errors_find(&e, "name"), "tên cơ sở dài quá 1000 byte (có 1001 byte)",
		      "facility name is longer than 1000 bytes (1001 given)");
	tu_assert_msg(wf_errors_find(&e, "address"), "địa chỉ dài quá 1000 byte (có 1001 byte)",
		      "address is longer than 1000 bytes (1001 given)");
	tu_assert_msg(wf_errors_find(&e, "employees"), "số lao động phải từ 0 đến 10000000",
		      "employees must be between 0 and 10000000, got '10000001'");
	wf_errors_clear(&e);
	fin.name = fin.address = t1000;
	fin.employees = "10000000";
	assert_int_equal(facility_profile_update(wf_db, W(WFX_ENT1), 1, p.version, &fin, &e),
			 ST_OK);
	free(t1000);
	free(t1001);
}

/*
 * A facility and a report imported at every limit are saved again through
 * the functions behind the form and the API, with what reading them gave,
 * and nothing changes: the profile holds the whole 1,000-byte name and the
 * 64-byte code, and the report exports the same bytes.  The quantities are
 * at their hard plausibility limits (data/plausibility.csv: catfish 10^6 t,
 * electricity 2.8 x 10^10 kWh, water 10^9 m3), a material in pieces at
 * 10^15.
 */
static void
test_imported_saved_again(void **state)
{
	(void)state;
	char *t1000 = fx_text_of(1000), *text = NULL;
	db = wf_db;
	assert_true(
	    asprintf(&text, FX_FH "F1,0100109106,%s,10,t-a1,%s,,,private,small,10000000,,,active\n",
		     t1000, t1000) > 0);
	assert_int_equal(imp(CSVIO_FACILITIES, "f.csv", text, &(struct csvio_opts){.update = 1}),
			 0);
	free(text);
	assert_true(asprintf(&text,
			     FX_RH "F1,2025,draft,,,,,output,,frozen_catfish,,1000000,t,\n"
				   "F1,2025,draft,,,,,energy,electricity,,,28000000000,kWh,1e15\n"
				   "F1,2025,draft,,,,,water,tap,,,1e9,m3,1e15\n"
				   "F1,2025,draft,,,,,material,%s,,,1e15,piece,1e15\n"
				   "F1,2025,draft,,,,,material,%s,,,0.30000000000000004,kg,\n",
			     t1000, "vôi") > 0);
	assert_int_equal(imp(CSVIO_REPORTS, "r.csv", text, NULL), 0);
	free(text);
	char *before = fx_export(db, CSVIO_REPORTS, 0);
	char *fbefore = fx_export(db, CSVIO_FACILITIES, 0);

	/* The profile form: read, post back unchanged. */
	struct facility_profile p;
	assert_int_equal(facility_profile_get(wf_db, W(WFX_ENT1), 1, &p), ST_OK);
	assert_string_equal(p.name, t1000);
	assert_string_equal(p.address, t1000);
	char emp[32];
	snprintf(emp, sizeof(emp), "%lld", (long long)p.employees);
	struct facility_profile_input fin = {
	    p.name, p.tax_code, p.sector_code, p.address, "", "", p.ownership, p.size, emp, "", ""};
	struct wf_errors e = {0};
	assert_int_equal(facility_profile_update(wf_db, W(WFX_ENT1), 1, p.version, &fin, &e),
			 ST_OK);

	/* The report form and API: read, post back unchanged (numbers as fmt_exact writes). */
	int64_t id =
	    wfx_int("wf.db", "SELECT id FROM report WHERE facility_id = 1 AND year = 2025");
	struct report *r = NULL;
	assert_int_equal(report_get(wf_db, W(WFX_ENT1), id, &r), ST_OK);
	char num[16][32];
	int k = 0;
	struct report_output_in out[1];
	struct report_energy_in en[1];
	struct report_water_in w[1];
	struct report_material_in m[2];
	assert_int_equal(r->nout, 1);
	assert_int_equal(r->nenergy, 1);
	assert_int_equal(r->nwater, 1);
	assert_int_equal(r->nmat, 2);
	out[0] = (struct report_output_in){
	    r->out[0].product, fmt_exact(num[k++], 32, r->out[0].quantity), r->out[0].unit};
	en[0] = (struct report_energy_in){
	    r->energy[0].carrier, fmt_exact(num[k++], 32, r->energy[0].quantity),
	    r->energy[0].unit,	  "",
	    r->energy[0].product, fmt_exact(num[k++], 32, r->energy[0].cost_vnd)};
	w[0] = (struct report_water_in){r->water[0].source,
					fmt_exact(num[k++], 32, r->water[0].quantity_m3),
					fmt_exact(num[k++], 32, r->water[0].cost_vnd)};
	for (int i = 0; i < 2; i++)
		m[i] = (struct report_material_in){
		    r->mat[i].name, fmt_exact(num[k++], 32, r->mat[i].quantity), r->mat[i].unit,
		    r->mat[i].has_cost ? fmt_exact(num[k++], 32, r->mat[i].cost_vnd) : ""};
	struct report_input in = {.nout = 1,
				  .out = out,
				  .nenergy = 1,
				  .energy = en,
				  .nwater = 1,
				  .water = w,
				  .nmat = 2,
				  .mat = m};
	assert_int_equal(report_update(wf_db, W(WFX_ENT1), id, r->doc.version, &in, &e), ST_OK);
	report_free(r);

	char *after = fx_export(db, CSVIO_REPORTS, 0);
	char *fafter = fx_export(db, CSVIO_FACILITIES, 0);
	assert_string_equal(after, before);
	assert_string_equal(fafter, fbefore);
	free(before);
	free(after);
	free(fbefore);
	free(fafter);
	free(t1000);
}

/* Imports n bytes that must be refused as a whole with the one message want. */
static void
refused(const char *name, const char *data, size_t n, const char *want)
{
	db = imp_db;
	char *before = fx_export(db, CSVIO_FACILITIES, 0);
	assert_int_equal(imp_bytes(CSVIO_FACILITIES, name, data, n, NULL), 1);
	assert_string_equal(buf_str(&errs), want);
	assert_int_equal(st.errors, 1);
	assert_int_equal(st.rows, 0);
	assert_int_equal(st.inserted, 0);
	char *after = fx_export(db, CSVIO_FACILITIES, 0);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* The ASCII text s as UTF-16 (le or big-endian), with a byte-order mark when bom; malloc'd. */
static char *
utf16(const char *s, int le, int bom, size_t *n)
{
	size_t len = strlen(s), o = 0;
	char *out = xmalloc(2 * len + 2);
	if (bom) {
		out[o++] = le ? '\xff' : '\xfe';
		out[o++] = le ? '\xfe' : '\xff';
	}
	for (size_t i = 0; i < len; i++) {
		out[o++] = le ? s[i] : '\0';
		out[o++] = le ? '\0' : s[i];
	}
	*n = o;
	return out;
}

#define SAVE_VI                                                                                               \
	"hãy lưu lại bằng \"CSV UTF-8 (Comma delimited)\" trong Excel, hoặc \"Text CSV\" với bộ " \
	"ký tự UTF-8 và dấu phẩy phân cách trong LibreOffice"
#define SAVE_EN                                                                                    \
	"save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or as \"Text CSV\" with character "  \
	"set UTF-8 and field delimiter ',' in LibreOffice"

static void
test_wrong_format(void **state)
{
	(void)state;
	static const char semi[] =
	    "code;tax_code;name;sector;admin_unit;address;lat;lon;ownership;size;employees;"
	    "opened_year;closed_year;status\n"
	    "S1;;Cơ sở;1020;rach-gia;;10,5;105,1;private;small;;;;active\n";
	/*
	 * Semicolons, as Excel writes under a Vietnamese locale, are read
	 * (with or without the BOM Excel puts first); the decimal comma of such
	 * a file is the subject of tests/unit/test_csv_encoding.c.
	 */
	db = imp_db;
	assert_int_equal(
	    imp(CSVIO_FACILITIES, "semi.csv", semi, &(struct csvio_opts){.dry_run = 1}), 0);
	assert_string_equal(buf_str(&errs), "");
	assert_int_equal(st.sep, ';');
	char *bom = xasprintf("\xef\xbb\xbf%s", semi);
	assert_int_equal(imp(CSVIO_FACILITIES, "semi.csv", bom, &(struct csvio_opts){.dry_run = 1}),
			 0);
	assert_string_equal(buf_str(&errs), "");
	free(bom);
	static const char tab[] =
	    "code\ttax_code\tname\tsector\tadmin_unit\taddress\tlat\tlon\townership\tsize\t"
	    "employees\topened_year\tclosed_year\tstatus\n"
	    "S1\t\tCơ sở\t1020\trach-gia\t\t\t\tprivate\tsmall\t\t\t\tactive\n";
	refused("tab.csv", tab, strlen(tab),
		"tab.csv:1: header: tệp phân cách cột bằng dấu tab, không phải dấu phẩy: " SAVE_VI
		" / the file separates columns with tabs, not commas: " SAVE_EN "\n");

	static const char good[] = FX_FH "U1,,Co so,1020,rach-gia,,,,private,small,,,,active\n";
	static const char *const le =
	    "file: tệp mã hoá UTF-16 LE (như \"Unicode Text\" của Excel), không phải "
	    "UTF-8: " SAVE_VI
	    " / the file is UTF-16 LE text (like Excel's \"Unicode Text\"), not UTF-8: " SAVE_EN
	    "\n";
	static const char *const be = "file: tệp mã hoá UTF-16 BE, không phải UTF-8: " SAVE_VI
				      " / the file is UTF-16 BE text, not UTF-8: " SAVE_EN "\n";
	static const struct {
		int le, bom;
	} enc[] = {{1, 0}, {0, 0}};
	/* Without a byte-order mark UTF-16 is refused; with one it is read
	 * (tests/unit/test_csv_encoding.c). */
	for (size_t i = 0; i < sizeof(enc) / sizeof(enc[0]); i++) {
		size_t n;
		char *data = utf16(good, enc[i].le, enc[i].bom, &n);
		char *want = xasprintf("u16.csv:0: %s", enc[i].le ? le : be);
		refused("u16.csv", data, n, want);
		free(data);
		free(want);
	}
	/* The same rows in UTF-8 import. */
	db = imp_db;
	assert_int_equal(imp(CSVIO_FACILITIES, "u8.csv", good, &(struct csvio_opts){.dry_run = 1}),
			 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_import_facility_limits),
	    cmocka_unit_test(test_import_report_limits),
	    cmocka_unit_test(test_model_limits),
	    cmocka_unit_test(test_imported_saved_again),
	    cmocka_unit_test(test_wrong_format),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
