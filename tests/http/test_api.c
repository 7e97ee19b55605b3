/*
 * The JSON API v1 over real HTTP: the workflow fixture (tests/lib/wffix.h)
 * served by `sxsh serve`, each user acting through a personal API token
 * (Authorization: Bearer).  Every JSON answer, success or problem, is
 * checked against the schema of its operation in docs/openapi.json
 * (tests/lib/openapi_check.h) besides the exact values asserted here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>

#include "db/db.h"
#include "http_session.h"
#include "model/accounts/apitoken.h"
#include "openapi_check.h"
#include "testutil.h"
#include "wffix.h"

#define DBNAME "api.db"

static struct hc_server server;
static char tokens[WFX__MAX][APITOKEN_LEN + 1];
#define PUBLIC (-1)
/* A browser session of ent1@test (WFX_ENT1): its cookie value and CSRF token. */
static struct hs_session ent1;

struct api_answer {
	int status;
	json_t *doc; /* parsed body, NULL when not JSON */
};

/*
 * Sends method target as who (a WFX_ index, or PUBLIC) with an optional
 * JSON body, checks the answer against the OpenAPI operation (path
 * template tpl, lower-case method) and returns it parsed.
 */
static struct api_answer
api_hdr(const char *headers, const char *method, const char *target, const char *tpl,
	const char *body)
{
	char extra[512];
	snprintf(extra, sizeof(extra), "%s", headers);
	if (body != NULL)
		strcat(extra, "Content-Type: application/json\r\n");
	struct hc_response r;
	if (hc_request(server.port, method, target, extra, body, &r) < 0)
		fail_msg("%s %s: no answer", method, target);
	char *ct = hc_header(&r, "Content-Type");
	char lower[16], err[512];
	size_t i;
	for (i = 0; method[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (char)(method[i] | 0x20);
	lower[i] = '\0';
	if (oa_check(tpl, lower, r.status, ct, r.body, err, sizeof(err)) < 0)
		fail_msg("%s %s -> %d: %s\n%s", method, target, r.status, err, r.body);
	struct api_answer a = {r.status, json_loads(r.body, 0, NULL)};
	free(ct);
	hc_response_free(&r);
	return a;
}

/* api_hdr as who: with that user's Bearer token, or none for PUBLIC. */
static struct api_answer
api(int who, const char *method, const char *target, const char *tpl, const char *body)
{
	char extra[256] = "";
	if (who != PUBLIC)
		snprintf(extra, sizeof(extra), "Authorization: Bearer %s\r\n", tokens[who]);
	return api_hdr(extra, method, target, tpl, body);
}

static int64_t
jint(const json_t *o, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(o, key));
}

static const char *
jstr(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s != NULL ? s : "";
}

/* Asserts a problem answer of status, and returns its first field error ("" if none). */
static const char *
problem(struct api_answer a, int status)
{
	assert_int_equal(a.status, status);
	assert_int_equal(jint(a.doc, "status"), status);
	json_t *e = json_array_get(json_object_get(a.doc, "errors"), 0);
	return jstr(e, "field");
}

static int
setup(void **state)
{
	(void)state;
	struct db *db = wfx_new(DBNAME);
	for (int w = 0; w < WFX__MAX; w++)
		if (apitoken_create(db, &wfx_who[w], "test", 1700000000, tokens[w], NULL) != ST_OK)
			fail_msg("apitoken_create %d", w);
	struct user u;
	assert_int_equal(user_get(db, wfx_who[WFX_ENT1].user_id, &u), ST_OK);
	hs_session_new(db, &u, &ent1);
	db_close(db);
	hs_server_start(&server, DBNAME);
	return 0;
}

static void
test_facilities_paging(void **state)
{
	(void)state;
	/* 3 facilities in the fixture; 2 per page gives pages 1 (2 rows) and 2 (1 row). */
	struct api_answer a =
	    api(PUBLIC, "GET", "/api/v1/facilities?per_page=2", "/api/v1/facilities", NULL);
	assert_int_equal(a.status, 200);
	assert_int_equal(jint(a.doc, "total"), 3);
	assert_int_equal(json_array_size(json_object_get(a.doc, "items")), 2);
	json_t *links = json_object_get(a.doc, "links");
	assert_string_equal(jstr(links, "next"), "/api/v1/facilities?page=2&per_page=2");
	assert_true(json_is_null(json_object_get(links, "prev")));
	json_decref(a.doc);

	a = api(PUBLIC, "GET", "/api/v1/facilities?page=2&per_page=2&q=co%20so",
		"/api/v1/facilities", NULL);
	assert_int_equal(a.status, 200);
	assert_int_equal(json_array_size(json_object_get(a.doc, "items")), 1);
	links = json_object_get(a.doc, "links");
	assert_true(json_is_null(json_object_get(links, "next")));
	assert_string_equal(jstr(links, "prev"), "/api/v1/facilities?q=co%20so&page=1&per_page=2");
	json_decref(a.doc);

	/* "hai" (folded) matches only "Cơ sở Hai" (F2). */
	a = api(PUBLIC, "GET", "/api/v1/facilities?q=hai", "/api/v1/facilities", NULL);
	assert_int_equal(jint(a.doc, "total"), 1);
	assert_int_equal(jint(json_array_get(json_object_get(a.doc, "items"), 0), "id"), 2);
	json_decref(a.doc);

	a = api(PUBLIC, "GET", "/api/v1/facilities?per_page=201", "/api/v1/facilities", NULL);
	problem(a, 400);
	json_decref(a.doc);
}

static void
test_facility_scope(void **state)
{
	(void)state;
	struct api_answer a =
	    api(WFX_ENT1, "GET", "/api/v1/facilities/1", "/api/v1/facilities/{id}", NULL);
	assert_int_equal(a.status, 200);
	assert_string_equal(jstr(a.doc, "code"), "F1");
	assert_string_equal(jstr(a.doc, "tax_code"), "0100109106");
	json_decref(a.doc);
	/* F2 is not the enterprise's: 404, as for an id that does not exist. */
	static const struct {
		int who;
		const char *target;
		int status;
	} cases[] = {
	    {WFX_ENT1, "/api/v1/facilities/2", 404},
	    {WFX_ENT1, "/api/v1/facilities/999", 404},
	    {WFX_DISTRICT_A, "/api/v1/facilities/1", 200}, /* commune A1 is under A */
	    {WFX_DISTRICT_A, "/api/v1/facilities/2", 404}, /* district B */
	    {WFX_EXPERT, "/api/v1/facilities/1", 404},
	    {WFX_PROVINCE, "/api/v1/facilities/2", 200},
	    {PUBLIC, "/api/v1/facilities/1", 401},
	    {WFX_ENT1, "/api/v1/facilities/x1", 404},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		a = api(cases[i].who, "GET", cases[i].target, "/api/v1/facilities/{id}", NULL);
		if (a.status != cases[i].status)
			fail_msg("%s as %d: %d, expected %d", cases[i].target, cases[i].who,
				 a.status, cases[i].status);
		json_decref(a.doc);
	}
}

static const char report_body[] =
    "{\"facility_id\":1,\"year\":2024,\"cp_aware\":true,\"cp_staff\":false,\"cp_unit\":null,"
    "\"cp_applied\":true,"
    "\"output\":[{\"product\":\"frozen_catfish\",\"quantity\":120.5,\"unit\":\"t\"}],"
    "\"energy\":[{\"carrier\":\"electricity\",\"quantity\":250000,\"unit\":\"kWh\","
    "\"cost\":\"500000000\"}]}";

static void
test_report_workflow(void **state)
{
	(void)state;
	struct api_answer a =
	    api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports", report_body);
	assert_int_equal(a.status, 201);
	int64_t id = jint(a.doc, "id"), version = jint(a.doc, "version");
	assert_string_equal(jstr(a.doc, "state"), "draft");
	assert_true(json_is_true(json_object_get(a.doc, "cp_aware")));
	assert_true(json_is_null(json_object_get(a.doc, "cp_unit")));
	json_t *e0 = json_array_get(json_object_get(a.doc, "energy"), 0);
	assert_true(json_real_value(json_object_get(e0, "quantity")) == 250000.0);
	assert_true(json_real_value(json_object_get(e0, "cost")) == 500000000.0);
	json_decref(a.doc);

	/* The same facility and year again: 409. */
	a = api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports", report_body);
	problem(a, 409);
	json_decref(a.doc);

	char target[64], body[1024];
	snprintf(target, sizeof(target), "/api/v1/reports/%lld", (long long)id);
	/* A stale version: 409 and nothing written (still one energy line of 250000). */
	snprintf(body, sizeof(body),
		 "{\"version\":%lld,\"energy\":[{\"carrier\":\"electricity\",\"quantity\":1,"
		 "\"unit\":\"kWh\"}]}",
		 (long long)version + 7);
	a = api(WFX_ENT1, "PUT", target, "/api/v1/reports/{id}", body);
	problem(a, 409);
	json_decref(a.doc);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report_energy"), 1);
	assert_int_equal(wfx_int(DBNAME, "SELECT sum(quantity) FROM report_energy"), 250000);

	/* Field errors: 422 naming the member; nothing written either. */
	snprintf(body, sizeof(body),
		 "{\"version\":%lld,\"energy\":[{\"carrier\":\"electricity\",\"quantity\":\"abc\","
		 "\"unit\":\"kWh\"}]}",
		 (long long)version);
	a = api(WFX_ENT1, "PUT", target, "/api/v1/reports/{id}", body);
	assert_string_equal(problem(a, 422), "energy[0].quantity");
	json_decref(a.doc);
	snprintf(body, sizeof(body), "{\"version\":%lld,\"output\":[{\"quantity\":[1]}]}",
		 (long long)version);
	a = api(WFX_ENT1, "PUT", target, "/api/v1/reports/{id}", body);
	assert_string_equal(problem(a, 422), "output[0].quantity");
	json_decref(a.doc);
	assert_int_equal(wfx_int(DBNAME, "SELECT sum(quantity) FROM report_energy"), 250000);

	/*
	 * Months that do not add up to the yearly line are refused, naming the
	 * carrier: 2,000 kWh in March against 1,000 kWh for the year.
	 */
	snprintf(body, sizeof(body),
		 "{\"version\":%lld,\"cp_aware\":true,\"output\":[{\"product\":\"frozen_catfish\","
		 "\"quantity\":100,\"unit\":\"t\"}],\"energy\":[{\"carrier\":\"electricity\","
		 "\"quantity\":1000,\"unit\":\"kWh\"},{\"carrier\":\"electricity\",\"quantity\":"
		 "2000,\"unit\":\"kWh\",\"month\":3}]}",
		 (long long)version);
	a = api(WFX_ENT1, "PUT", target, "/api/v1/reports/{id}", body);
	assert_string_equal(problem(a, 422), "energy[0].quantity");
	json_decref(a.doc);

	/* A valid update: 2 energy lines (a yearly one and its only month), version goes up. */
	snprintf(body, sizeof(body),
		 "{\"version\":%lld,\"cp_aware\":true,\"output\":[{\"product\":\"frozen_catfish\","
		 "\"quantity\":100,\"unit\":\"t\"}],\"energy\":[{\"carrier\":\"electricity\","
		 "\"quantity\":2000,\"unit\":\"kWh\"},{\"carrier\":\"electricity\",\"quantity\":"
		 "2000,\"unit\":\"kWh\",\"month\":3}]}",
		 (long long)version);
	a = api(WFX_ENT1, "PUT", target, "/api/v1/reports/{id}", body);
	assert_int_equal(a.status, 200);
	assert_int_equal(json_array_size(json_object_get(a.doc, "energy")), 2);
	assert_true(jint(a.doc, "version") > version);
	version = jint(a.doc, "version");
	json_decref(a.doc);
	/* 2000 + 2000 kWh stored (the month is the detail of the year) */
	assert_int_equal(wfx_int(DBNAME, "SELECT sum(quantity) FROM report_energy"), 4000);

	/* Workflow: enterprise submits, district A forwards, province accepts. */
	static const struct {
		int who;
		const char *action, *state;
	} steps[] = {
	    {WFX_ENT1, "submit", "submitted"},
	    {WFX_DISTRICT_A, "forward", "forwarded"},
	    {WFX_PROVINCE, "accept", "accepted"},
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		char t[96];
		snprintf(t, sizeof(t), "%s/%s", target, steps[i].action);
		snprintf(body, sizeof(body), "{\"version\":%lld}", (long long)version);
		a = api(steps[i].who, "POST", t, "/api/v1/reports/{id}/{action}", body);
		if (a.status != 200)
			fail_msg("%s: %d", steps[i].action, a.status);
		assert_string_equal(jstr(a.doc, "state"), steps[i].state);
		version = jint(a.doc, "version");
		json_decref(a.doc);
	}
	/* Accepted is read-only: an update is 409 (state). */
	snprintf(body, sizeof(body), "{\"version\":%lld}", (long long)version);
	a = api(WFX_ENT1, "PUT", target, "/api/v1/reports/{id}", body);
	problem(a, 409);
	json_decref(a.doc);
	/* The enterprise may not reopen: 403 (role). */
	snprintf(target, sizeof(target), "/api/v1/reports/%lld/reopen", (long long)id);
	a = api(WFX_ENT1, "POST", target, "/api/v1/reports/{id}/{action}", body);
	problem(a, 403);
	json_decref(a.doc);
	/* The province reopens it: back to returned. */
	snprintf(target, sizeof(target), "/api/v1/reports/%lld/reopen", (long long)id);
	a = api(WFX_PROVINCE, "POST", target, "/api/v1/reports/{id}/{action}", body);
	assert_int_equal(a.status, 200);
	assert_string_equal(jstr(a.doc, "state"), "returned");
	json_decref(a.doc);

	/* The list of the province's accepted ones is empty again; the enterprise's returned has
	 * it. */
	a = api(WFX_ENT1, "GET", "/api/v1/reports?state=returned", "/api/v1/reports", NULL);
	assert_int_equal(a.status, 200);
	assert_int_equal(jint(a.doc, "total"), 1);
	assert_int_equal(jint(json_array_get(json_object_get(a.doc, "items"), 0), "id"), id);
	json_decref(a.doc);
	a = api(WFX_DISTRICT_B, "GET", "/api/v1/reports?state=returned", "/api/v1/reports", NULL);
	assert_int_equal(jint(a.doc, "total"), 0); /* F1 is not in district B */
	json_decref(a.doc);

	/* Another enterprise, the expert and district B get 404 for the report. */
	snprintf(target, sizeof(target), "/api/v1/reports/%lld", (long long)id);
	int others[] = {WFX_ENT2, WFX_EXPERT, WFX_DISTRICT_B};
	for (size_t i = 0; i < 3; i++) {
		a = api(others[i], "GET", target, "/api/v1/reports/{id}", NULL);
		problem(a, 404);
		json_decref(a.doc);
	}
	snprintf(target, sizeof(target), "/api/v1/reports/%lld/submit", (long long)id);
	a = api(WFX_ENT2, "POST", target, "/api/v1/reports/{id}/{action}", body);
	problem(a, 404);
	json_decref(a.doc);
	/* Creating for a foreign facility is 404 too. */
	a = api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports",
		"{\"facility_id\":2,\"year\":2024}");
	problem(a, 404);
	json_decref(a.doc);
	/* An unknown action is 404, GET on an action 405. */
	snprintf(target, sizeof(target), "/api/v1/reports/%lld/approve", (long long)id);
	a = api(WFX_ENT1, "POST", target, "/api/v1/reports/{id}/{action}", "{}");
	problem(a, 404);
	json_decref(a.doc);
}

static void
test_bodies(void **state)
{
	(void)state;
	struct api_answer a =
	    api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports", "{\"facility_id\":1,");
	problem(a, 400);
	json_decref(a.doc);
	a = api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports", "[1]");
	problem(a, 400);
	json_decref(a.doc);
	/* 9 levels of nesting, one more than the limit of 8. */
	a = api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports",
		"{\"a\":[[[[[[[[1]]]]]]]]}");
	problem(a, 400);
	json_decref(a.doc);
	a = api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports",
		"{\"facility_id\":\"1\",\"year\":2024}");
	assert_string_equal(problem(a, 422), "facility_id");
	json_decref(a.doc);

	/* 70,000 bytes: over the 64 KiB limit. */
	size_t n = 70000;
	char *big = malloc(n + 1);
	memset(big, ' ', n);
	big[0] = '{';
	big[n - 1] = '}';
	big[n] = '\0';
	a = api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports", big);
	problem(a, 413);
	json_decref(a.doc);
	free(big);

	struct hc_response r;
	char extra[256];
	snprintf(extra, sizeof(extra), "Authorization: Bearer %s\r\nContent-Type: text/plain\r\n",
		 tokens[WFX_ENT1]);
	assert_int_equal(hc_request(server.port, "POST", "/api/v1/reports", extra, "{}", &r), 0);
	assert_int_equal(r.status, 415);
	char err[256], *ct = hc_header(&r, "Content-Type");
	assert_string_equal(ct, "application/problem+json");
	assert_int_equal(oa_check("/api/v1/reports", "post", 415, ct, r.body, err, sizeof(err)), 0);
	free(ct);
	hc_response_free(&r);

	/* A bad token: 401 problem+json. */
	assert_int_equal(hc_request(server.port, "GET", "/api/v1/reports",
				    "Authorization: Bearer sxsh_nope\r\n", NULL, &r),
			 0);
	assert_int_equal(r.status, 401);
	ct = hc_header(&r, "Content-Type");
	assert_int_equal(oa_check("/api/v1/reports", "get", 401, ct, r.body, err, sizeof(err)), 0);
	assert_non_null(strstr(r.body, "\"detail\":\"Cần đăng nhập hoặc mã truy cập API hợp lệ / "
				       "Sign-in or a valid API token is required\""));
	free(ct);
	hc_response_free(&r);
	/* ... with the request's language first, as every problem of the API. */
	assert_int_equal(hc_request(server.port, "GET", "/api/v1/reports?lang=en",
				    "Authorization: Bearer sxsh_nope\r\n", NULL, &r),
			 0);
	assert_int_equal(r.status, 401);
	assert_non_null(strstr(r.body, "\"detail\":\"Sign-in or a valid API token is required / "
				       "Cần đăng nhập hoặc mã truy cập API hợp lệ\""));
	hc_response_free(&r);
}

static void
test_registrations(void **state)
{
	(void)state;
	struct api_answer a =
	    api(WFX_ENT1, "POST", "/api/v1/registrations", "/api/v1/registrations",
		"{\"facility_id\":1,\"year\":2025,\"apply_cp\":true,"
		"\"planned_saving_pct\":5.5,\"measures\":\"Thay đèn LED\"}");
	assert_int_equal(a.status, 201);
	int64_t id = jint(a.doc, "id"), version = jint(a.doc, "version");
	assert_true(json_real_value(json_object_get(a.doc, "planned_saving_pct")) == 5.5);
	assert_string_equal(jstr(a.doc, "measures"), "Thay đèn LED");
	json_decref(a.doc);

	char target[96], body[128];
	snprintf(target, sizeof(target), "/api/v1/registrations/%lld", (long long)id);
	a = api(WFX_ENT1, "PUT", target, "/api/v1/registrations/{id}",
		"{\"version\":1000,\"apply_cp\":false}");
	problem(a, 409);
	json_decref(a.doc);
	snprintf(body, sizeof(body),
		 "{\"version\":%lld,\"apply_cp\":true,\"planned_saving_pct\":150}",
		 (long long)version);
	a = api(WFX_ENT1, "PUT", target, "/api/v1/registrations/{id}", body);
	assert_string_equal(problem(a, 422), "planned_saving_pct");
	json_decref(a.doc);
	a = api(WFX_ENT2, "GET", target, "/api/v1/registrations/{id}", NULL);
	problem(a, 404);
	json_decref(a.doc);

	snprintf(target, sizeof(target), "/api/v1/registrations/%lld/submit", (long long)id);
	snprintf(body, sizeof(body), "{\"version\":%lld}", (long long)version);
	a = api(WFX_ENT1, "POST", target, "/api/v1/registrations/{id}/{action}", body);
	assert_int_equal(a.status, 200);
	assert_string_equal(jstr(a.doc, "state"), "submitted");
	json_decref(a.doc);
	/* Awaiting district A's action: exactly this one. */
	a = api(WFX_DISTRICT_A, "GET", "/api/v1/registrations", "/api/v1/registrations", NULL);
	assert_int_equal(a.status, 200);
	assert_int_equal(jint(a.doc, "total"), 1);
	assert_int_equal(jint(json_object_get(a.doc, "counts"), "submitted"), 1);
	json_decref(a.doc);
}

static void
test_read_only(void **state)
{
	(void)state;
	struct api_answer a =
	    api(PUBLIC, "GET", "/api/v1/indicators?by=size", "/api/v1/indicators", NULL);
	assert_int_equal(a.status, 200);
	/* aware, cp_staff, applies_cp, applies_cp_saving and 1419/QĐ-TTg's cp_unit */
	json_t *series = json_object_get(a.doc, "series");
	assert_int_equal(json_array_size(series), 5);
	assert_string_equal(jstr(json_array_get(series, 4), "code"), "cp_unit");
	/* The fixture reports for 2024, after 78/KH-UBND's 2016-2020 targets:
	 * the target stays listed with its period, but none applies in 2024. */
	json_t *aware = json_array_get(series, 0);
	assert_string_equal(jstr(aware, "compared_with"), "share_active");
	assert_int_equal(jint(aware, "target_from"), 2016);
	json_t *v2024 = json_array_get(json_object_get(aware, "values"), 0);
	assert_int_equal(jint(v2024, "year"), 2024);
	assert_true(json_is_null(json_object_get(v2024, "target_pct")));
	assert_true(json_is_null(json_object_get(v2024, "target_met")));
	assert_true(json_is_number(json_object_get(v2024, "share_active")));
	json_decref(a.doc);
	a = api(PUBLIC, "GET", "/api/v1/indicators?by=planet", "/api/v1/indicators", NULL);
	problem(a, 400);
	json_decref(a.doc);

	a = api(WFX_PROVINCE, "GET", "/api/v1/keyusers?year=2024", "/api/v1/keyusers", NULL);
	assert_int_equal(a.status, 200);
	/* the threshold of Decree 21/2011 Art. 6: 1,000 TOE a year */
	assert_true(json_real_value(json_object_get(a.doc, "threshold_toe")) == 1000.0);
	json_decref(a.doc);
	a = api(WFX_ENT1, "GET", "/api/v1/keyusers?year=2024", "/api/v1/keyusers", NULL);
	problem(a, 403);
	json_decref(a.doc);

	a = api(PUBLIC, "GET", "/api/v1/refdata", "/api/v1/refdata", NULL);
	assert_int_equal(a.status, 200);
	assert_string_equal(jstr(json_array_get(json_object_get(a.doc, "tables"), 0), "name"),
			    "unit");
	json_decref(a.doc);
	a = api(PUBLIC, "GET", "/api/v1/refdata/carriers", "/api/v1/refdata/carriers", NULL);
	assert_int_equal(a.status, 200);
	assert_true(json_array_size(json_object_get(a.doc, "items")) > 0);
	json_decref(a.doc);
	a = api(PUBLIC, "GET",
		"/api/v1/refdata/factor?carrier=electricity&unit=kWh&date=2024-06-01",
		"/api/v1/refdata/factor", NULL);
	assert_int_equal(a.status, 200);
	json_decref(a.doc);
	a = api(PUBLIC, "GET", "/api/v1/refdata/factor?carrier=electricity",
		"/api/v1/refdata/factor", NULL);
	problem(a, 400);
	json_decref(a.doc);
}

/*
 * Writes from a browser session: the session's CSRF token, read from GET
 * /api/v1/session, goes in the X-CSRF-Token header; without it or with a
 * wrong one the router answers 403 before the handler.  Bearer callers
 * need none.
 */
static void
test_cookie_csrf(void **state)
{
	(void)state;
	const char *cookie = ent1.cookie;
	char with[512], wrong[512], body[128], target[96];
	snprintf(with, sizeof(with), "%sX-CSRF-Token: %s\r\n", cookie, ent1.csrf);
	/* the same length, one character changed */
	snprintf(wrong, sizeof(wrong), "%sX-CSRF-Token: %c%s\r\n", cookie,
		 ent1.csrf[0] == 'A' ? 'B' : 'A', ent1.csrf + 1);

	struct api_answer a = api_hdr(cookie, "GET", "/api/v1/session", "/api/v1/session", NULL);
	assert_int_equal(a.status, 200);
	assert_int_equal(jint(a.doc, "user_id"), 5); /* ent1@test is user 5, with F1 */
	assert_string_equal(jstr(a.doc, "email"), "ent1@test");
	assert_string_equal(jstr(a.doc, "role"), "enterprise");
	assert_int_equal(jint(a.doc, "facility_id"), 1);
	assert_true(json_is_null(json_object_get(a.doc, "unit_id")));
	assert_string_equal(jstr(a.doc, "auth"), "cookie");
	assert_string_equal(jstr(a.doc, "csrf_token"), ent1.csrf);
	json_decref(a.doc);
	a = api(WFX_ENT1, "GET", "/api/v1/session", "/api/v1/session", NULL);
	assert_string_equal(jstr(a.doc, "auth"), "bearer");
	assert_true(json_is_null(json_object_get(a.doc, "csrf_token")));
	json_decref(a.doc);
	a = api(PUBLIC, "GET", "/api/v1/session", "/api/v1/session", NULL);
	problem(a, 401);
	json_decref(a.doc);

	const char *reg = "{\"facility_id\":1,\"year\":2026,\"apply_cp\":true}";
	a = api_hdr(cookie, "POST", "/api/v1/registrations", "/api/v1/registrations", reg);
	problem(a, 403);
	json_decref(a.doc);
	a = api_hdr(wrong, "POST", "/api/v1/registrations", "/api/v1/registrations", reg);
	problem(a, 403);
	json_decref(a.doc);
	/* Neither wrote anything: the 2026 registration is created only now. */
	a = api_hdr(with, "POST", "/api/v1/registrations", "/api/v1/registrations", reg);
	assert_int_equal(a.status, 201);
	int64_t id = jint(a.doc, "id"), version = jint(a.doc, "version");
	json_decref(a.doc);

	snprintf(target, sizeof(target), "/api/v1/registrations/%lld", (long long)id);
	snprintf(body, sizeof(body), "{\"version\":%lld,\"apply_cp\":false}", (long long)version);
	a = api_hdr(cookie, "PUT", target, "/api/v1/registrations/{id}", body);
	problem(a, 403);
	json_decref(a.doc);
	a = api_hdr(with, "PUT", target, "/api/v1/registrations/{id}", body);
	assert_int_equal(a.status, 200);
	assert_true(json_is_false(json_object_get(a.doc, "apply_cp")));
	json_decref(a.doc);

	/* A Bearer token needs no CSRF header. */
	a = api(WFX_ENT1, "POST", "/api/v1/registrations", "/api/v1/registrations",
		"{\"facility_id\":1,\"year\":2027,\"apply_cp\":true}");
	assert_int_equal(a.status, 201);
	json_decref(a.doc);
}

/*
 * The API refuses what the form refuses (report_validate): 9 x 10^14 kWh
 * for an ice plant is above electricity's hard plausibility limit of
 * 2.8 x 10^10 kWh a year (data/plausibility.csv): 422, the quantity named,
 * nothing written; exactly 2.8 x 10^10 kWh is created.
 */
static void
test_plausibility(void **state)
{
	(void)state;
	struct api_answer a = api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports",
				  "{\"facility_id\":1,\"year\":2019,\"output\":[{\"product\":"
				  "\"ice\",\"quantity\":1000,\"unit\":\"t\"}],\"energy\":[{"
				  "\"carrier\":\"electricity\",\"quantity\":9e14,\"unit\":"
				  "\"kWh\"}]}");
	assert_string_equal(problem(a, 422), "energy[0].quantity");
	json_t *e = json_array_get(json_object_get(a.doc, "errors"), 0);
	assert_string_equal(
	    jstr(e, "message"),
	    "lượng năng lượng của electricity là 900.000.000.000.000,00 kWh, vượt "
	    "giới hạn 28.000.000.000,00 kWh một năm mà một cơ sở có thể có: hãy "
	    "kiểm tra lại số và đơn vị / energy quantity of electricity is "
	    "900,000,000,000,000.00 kWh, above 28,000,000,000.00 kWh, the most a "
	    "single facility could report in a year: check the number and its unit");
	json_decref(a.doc);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report WHERE year = 2019"), 0);
	a = api(WFX_ENT1, "POST", "/api/v1/reports", "/api/v1/reports",
		"{\"facility_id\":1,\"year\":2019,\"energy\":[{\"carrier\":\"electricity\","
		"\"quantity\":28000000000,\"unit\":\"kWh\"}]}");
	assert_int_equal(a.status, 201);
	json_decref(a.doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_facilities_paging), cmocka_unit_test(test_facility_scope),
	    cmocka_unit_test(test_report_workflow),   cmocka_unit_test(test_bodies),
	    cmocka_unit_test(test_registrations),     cmocka_unit_test(test_read_only),
	    cmocka_unit_test(test_cookie_csrf),	      cmocka_unit_test(test_plausibility),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
