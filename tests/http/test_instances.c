/*
 * Stateless instances: two `sxsh serve` processes on different loopback
 * ports against one PostgreSQL database.  Nothing an instance keeps in its
 * own memory may matter, so
 *   - a person fetches the sign-in form from instance A, signs in through
 *     instance B, and continues the session through A (GET /account shows
 *     the account); signing out through A ends it on B as well;
 *   - N clients submit M reports each concurrently, alternating between the
 *     instances (JSON API, Bearer token), and all of them also race to
 *     create the same report; afterwards every report exists exactly once,
 *     is in the submitted state, and the audit table holds exactly one
 *     entry per change (a create and a submit per report, one create for
 *     the raced one).
 * The suite runs this only against PostgreSQL (SXSH_TEST_PG, set by
 * scripts/pg-test.sh); under SQLite every test skips with a message.
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
#include <pthread.h>

#include "db/db.h"
#include "http_session.h"
#include "model/accounts/apitoken.h"
#include "testutil.h"
#include "util/alloc.h"
#include "wffix.h"

#define DBNAME	  "instances.db"
#define NCLIENTS  8
#define NREPORTS  5
#define FIRST_FAC 101 /* the clients' facilities: 101 .. 101 + 8 * 5 - 1 = 140 */
#define RACE_FAC  1   /* every client tries to create (F1, 2023) */

static struct hc_server inst[2];
static char token[APITOKEN_LEN + 1];

/* 40 more facilities in district A for the clients, in SQL both backends accept. */
static const char facilities_sql[] =
    "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id,"
    " ownership, size) WITH RECURSIVE n(i) AS (SELECT 101 UNION ALL SELECT i + 1 FROM n"
    " WHERE i < 140) SELECT i, 'T' || i, NULL, 'Cơ sở ' || i, 'co so ' || i, '10', 9002,"
    " 'private', 'small' FROM n";

static int
setup(void **state)
{
	(void)state;
	if (tu_pg() == NULL)
		return 0;
	struct db *db = wfx_new(DBNAME);
	if (db_exec(db, facilities_sql) != DB_OK)
		fail_msg("facilities: %s", db_errmsg(db));
	struct user_new nu = {
	    .email = "inst@x.vn", .role = ROLE_PROVINCE, .password = "instance password"};
	hs_account(db, &nu, NULL, NULL);
	if (apitoken_create(db, &wfx_who[WFX_PROVINCE], "instances", 1700000000, token, NULL) !=
	    ST_OK)
		fail_msg("apitoken_create failed");
	db_close(db);
	hs_server_start(&inst[0], DBNAME);
	hs_server_start(&inst[1], DBNAME);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++)
		hs_server_stop(&inst[i]);
	return 0;
}

static void
need_pg(void)
{
	if (tu_pg() == NULL) {
		print_message("test_instances: needs PostgreSQL (SXSH_TEST_PG; "
			      "scripts/pg-test.sh sets it): skipped\n");
		skip();
	}
}

static void
test_session_moves(void **state)
{
	(void)state;
	need_pg();
	struct hc_response r;
	/* The sign-in form and its double-submit cookie come from A ... */
	hs_req(inst[0].port, "GET", "/login", NULL, NULL, 200, &r);
	char *pre = hs_set_cookie_value(&r, "sxsh_csrf");
	assert_non_null(pre);
	char *form = hs_page_csrf(&r);
	hc_response_free(&r);
	/* ... the sign-in goes to B ... */
	char *extra = xasprintf(HS_FORM "Cookie: sxsh_csrf=%s\r\n", pre);
	char *body = xasprintf("csrf=%s&email=inst%%40x.vn&password=instance+password", form);
	hs_req(inst[1].port, "POST", "/login", extra, body, 303, &r);
	char *sess = hs_set_cookie_value(&r, "sxsh_session");
	assert_non_null(sess);
	hc_response_free(&r);
	/* ... and the session carries on at A. */
	char *cookie = xasprintf("Cookie: sxsh_session=%s\r\n", sess);
	hs_req(inst[0].port, "GET", "/account", cookie, NULL, 200, &r);
	if (strstr(r.body, "inst@x.vn") == NULL)
		fail_msg("/account on A does not show the account");
	char *csrf = hs_page_csrf(&r);
	hc_response_free(&r);
	hs_req(inst[1].port, "GET", "/account", cookie, NULL, 200, &r);
	assert_non_null(strstr(r.body, "inst@x.vn"));
	hc_response_free(&r);
	/* Signing out through A ends the session on B too. */
	char *out = xasprintf("csrf=%s", csrf);
	char *extra2 = xasprintf(HS_FORM "%s", cookie);
	hs_req(inst[0].port, "POST", "/logout", extra2, out, 303, &r);
	hc_response_free(&r);
	hs_req(inst[1].port, "GET", "/account", cookie, NULL, 303, &r);
	hc_response_free(&r);
	free(pre);
	free(form);
	free(extra);
	free(body);
	free(sess);
	free(cookie);
	free(csrf);
	free(out);
	free(extra2);
}

/* What one client saw; checked by the main thread (cmocka is not thread-safe). */
struct client {
	int n;		     /* client number, 0 .. NCLIENTS - 1 */
	int created;	     /* 201 answers to its own creates */
	int submitted;	     /* 200 answers to its submits */
	int race_status;     /* the answer to the raced create */
	int other[NREPORTS]; /* an unexpected status, 0 when none */
};

/* POSTs body to target on instance i as the API user; returns the status, *doc the JSON. */
static int
api_post(int i, const char *target, const char *body, json_t **doc)
{
	char extra[256];
	snprintf(extra, sizeof(extra),
		 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n", token);
	struct hc_response r;
	if (hc_request(inst[i].port, "POST", target, extra, body, &r) < 0)
		return 0;
	int status = r.status;
	if (doc != NULL)
		*doc = json_loads(r.body, 0, NULL);
	hc_response_free(&r);
	return status;
}

static char *
report_body(int facility, int year)
{
	return xasprintf("{\"facility_id\":%d,\"year\":%d,\"cp_aware\":true,\"cp_applied\":false,"
			 "\"output\":[{\"product\":\"frozen_catfish\",\"quantity\":100,\"unit\":"
			 "\"t\"}],\"energy\":[{\"carrier\":\"electricity\",\"quantity\":1000,"
			 "\"unit\":\"kWh\"}]}",
			 facility, year);
}

static void *
client_run(void *arg)
{
	struct client *c = arg;
	/* First the race: all clients at once create (F1, 2023). */
	char *b = report_body(RACE_FAC, 2023);
	c->race_status = api_post(c->n % 2, "/api/v1/reports", b, NULL);
	free(b);
	for (int m = 0; m < NREPORTS; m++) {
		int i = (c->n + m) % 2; /* alternate instances request by request */
		json_t *doc = NULL;
		b = report_body(FIRST_FAC + c->n * NREPORTS + m, 2024);
		int st = api_post(i, "/api/v1/reports", b, &doc);
		free(b);
		if (st != 201 || doc == NULL) {
			c->other[m] = st;
			json_decref(doc);
			continue;
		}
		c->created++;
		long long id = json_integer_value(json_object_get(doc, "id"));
		long long version = json_integer_value(json_object_get(doc, "version"));
		json_decref(doc);
		char target[64], vb[64];
		snprintf(target, sizeof(target), "/api/v1/reports/%lld/submit", id);
		snprintf(vb, sizeof(vb), "{\"version\":%lld}", version);
		/* The submit goes to the other instance than the create. */
		st = api_post(1 - i, target, vb, NULL);
		if (st == 200)
			c->submitted++;
		else
			c->other[m] = st;
	}
	return NULL;
}

static void
test_concurrent_submissions(void **state)
{
	(void)state;
	need_pg();
	struct client cl[NCLIENTS];
	pthread_t th[NCLIENTS];
	memset(cl, 0, sizeof(cl));
	for (int i = 0; i < NCLIENTS; i++) {
		cl[i].n = i;
		assert_int_equal(pthread_create(&th[i], NULL, client_run, &cl[i]), 0);
	}
	for (int i = 0; i < NCLIENTS; i++)
		assert_int_equal(pthread_join(th[i], NULL), 0);
	int race_won = 0, race_conflict = 0;
	for (int i = 0; i < NCLIENTS; i++) {
		for (int m = 0; m < NREPORTS; m++)
			if (cl[i].other[m] != 0)
				fail_msg("client %d report %d: status %d", i, m, cl[i].other[m]);
		assert_int_equal(cl[i].created, NREPORTS);
		assert_int_equal(cl[i].submitted, NREPORTS);
		race_won += cl[i].race_status == 201;
		race_conflict += cl[i].race_status == 409;
	}
	/* Exactly one client created (F1, 2023); the 7 others were told 409. */
	assert_int_equal(race_won, 1);
	assert_int_equal(race_conflict, NCLIENTS - 1);

	/* 8 clients x 5 reports = 40, plus the raced one = 41 rows, one per key. */
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report"), 41);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM (SELECT DISTINCT facility_id, year "
					 "FROM report) k"),
			 41);
	/* every client facility 101..140 has its 2024 report, submitted */
	assert_int_equal(wfx_int(DBNAME,
				 "SELECT count(*) FROM report WHERE year = 2024 AND "
				 "facility_id BETWEEN 101 AND 140 AND status = 'submitted'"),
			 40);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report WHERE facility_id = 1 AND "
					 "year = 2023 AND status = 'draft'"),
			 1);
	/* Each report line was written once: 41 reports x 1 energy line. */
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report_energy"), 41);
	/* Audit: 40 creates + 40 submits + 1 create (the race) = 81 entries,
	 * no two for the same change, each naming a report that exists. */
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM audit WHERE entity = 'report'"), 81);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM audit WHERE action = "
					 "'report.create'"),
			 41);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM audit WHERE action = "
					 "'report.submit'"),
			 40);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM (SELECT DISTINCT action, entity_id "
					 "FROM audit WHERE entity = 'report') k"),
			 81);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM audit a WHERE a.entity = 'report' "
					 "AND NOT EXISTS (SELECT 1 FROM report r WHERE "
					 "CAST(r.id AS TEXT) = a.entity_id)"),
			 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_session_moves),
	    cmocka_unit_test(test_concurrent_submissions),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
