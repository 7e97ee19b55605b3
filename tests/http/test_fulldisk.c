/*
 * A full disk, for real: the database lives on a small tmpfs mounted for
 * this test, which a filler file then fills to the last byte.  A report
 * saved through the form then answers 507 with a page that says the
 * server's storage is full and keeps every typed value; the same through
 * the JSON API answers 507 problem+json; nothing is written; pages and
 * /healthz keep working.  Once the filler is removed, the same form saves.
 *
 * Mounting needs root (CAP_SYS_ADMIN): without it the test says it is
 * skipped, and fails under CI=true, where it must run.  It runs against
 * SQLite only (the database must be a file on the tmpfs); the PostgreSQL
 * suite says so and passes.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "http_session.h"
#include "model/accounts/apitoken.h"
#include "openapi_check.h"
#include "testutil.h"
#include "wffix.h"

#define DBNAME "fs/full.db"
#define FORM   "/facilities/1/report/2024"

static struct hc_server server;
static struct hs_session ent;
static char token[APITOKEN_LEN + 1];
static char mnt[512], filler[600];
static int mounted;

static int
setup(void **state)
{
	(void)state;
	if (tu_pg() != NULL) {
		printf("fulldisk: runs in the SQLite suite (the database must be a file on the "
		       "test's tmpfs)\n");
		return 0;
	}
	snprintf(mnt, sizeof(mnt), "%s", tu_path("fs"));
	snprintf(filler, sizeof(filler), "%s/filler", mnt);
	if (mkdir(mnt, 0755) < 0)
		fail_msg("mkdir %s: %s", mnt, strerror(errno));
	char cmd[700];
	/* The fixture database is about 0.3 MB; 4 MB leaves room for the server's WAL. */
	snprintf(cmd, sizeof(cmd), "mount -t tmpfs -o size=4m sxsh-fulldisk '%s' 2>&1", mnt);
	char *out = NULL;
	if (tu_run(cmd, &out, NULL) != 0) {
		const char *ci = getenv("CI");
		printf("fulldisk test SKIPPED: cannot mount a tmpfs (%s)\n", out ? out : "");
		free(out);
		if (ci != NULL && strcmp(ci, "true") == 0)
			fail_msg("CI must run the full-disk test (it runs as root there)");
		return 0;
	}
	free(out);
	mounted = 1;
	struct db *db = wfx_new(DBNAME);
	struct user_new nu = {.email = "ent@full.vn",
			      .role = ROLE_ENTERPRISE,
			      .facility_id = 1,
			      .password = "a long enough password"};
	hs_account(db, &nu, NULL, &ent);
	if (apitoken_create(db, &wfx_who[WFX_ENT1], "test", 1700000000, token, NULL) != ST_OK)
		fail_msg("apitoken_create");
	db_close(db); /* the last connection: the WAL goes back into the file */
	hs_server_start(&server, DBNAME);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	if (!mounted)
		return 0;
	hs_server_stop(&server);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "umount '%s'", mnt);
	if (tu_run(cmd, NULL, NULL) != 0)
		fprintf(stderr, "fulldisk: could not unmount %s\n", mnt);
	return 0;
}

/* Writes zeros to the filler file until the file system refuses a byte more. */
static void
fill_disk(void)
{
	int fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	static char chunk[65536];
	size_t len = sizeof(chunk);
	for (;;) {
		ssize_t n = write(fd, chunk, len);
		if (n > 0)
			continue;
		assert_int_equal(errno, ENOSPC);
		if (len == 1)
			break;
		len /= 2; /* fill the last partial chunk too */
	}
	close(fd);
}

#define TYPED                                                                                      \
	"cp_aware=1&cp_staff=1&cp_unit=0&cp_applied=1&n_output=1&output%5B0%5D.product="           \
	"frozen_seafood&output%5B0%5D.quantity=417%2C25&output%5B0%5D.unit=t&n_energy=1&"          \
	"energy%5B0%5D.carrier=electricity&energy%5B0%5D.quantity=358123&energy%5B0%5D.unit=kWh&"  \
	"op=save"

static const char api_body[] =
    "{\"facility_id\":1,\"year\":2023,\"cp_aware\":true,\"cp_staff\":false,\"cp_unit\":null,"
    "\"cp_applied\":true,"
    "\"output\":[{\"product\":\"frozen_catfish\",\"quantity\":120.5,\"unit\":\"t\"}],"
    "\"energy\":[{\"carrier\":\"electricity\",\"quantity\":250000,\"unit\":\"kWh\"}]}";

static long long
reports(void)
{
	return wfx_int(DBNAME, "SELECT count(*) FROM report");
}

static void
test_full_disk(void **state)
{
	(void)state;
	if (!mounted)
		return;
	struct hc_response r;
	/* The form of an empty report, before the disk fills. */
	hs_form_req(server.port, &ent, "GET", FORM, NULL, 200, &r);
	hc_response_free(&r);
	assert_int_equal(reports(), 0);

	fill_disk();
	/* Saving: 507, the storage message, every typed value still in the form. */
	hs_form_req(server.port, &ent, "POST", FORM, TYPED, 507, &r);
	hs_contains(&r, "Bộ nhớ lưu trữ của máy chủ đã đầy nên chưa lưu được");
	hs_contains(&r, "value=\"417,25\"");
	hs_contains(&r, "value=\"358123\"");
	hs_contains(&r, "value=\"frozen_seafood\"");
	hc_response_free(&r);
	assert_int_equal(reports(), 0);

	/* The API: 507 problem+json, as documented. */
	char extra[256], err[512];
	snprintf(extra, sizeof(extra),
		 "Authorization: Bearer %s\r\nContent-Type: application/json\r\n", token);
	assert_int_equal(hc_request(server.port, "POST", "/api/v1/reports", extra, api_body, &r),
			 0);
	assert_int_equal(r.status, 507);
	char *ct = hc_header(&r, "Content-Type");
	assert_string_equal(ct, "application/problem+json");
	if (oa_check("/api/v1/reports", "post", r.status, ct, r.body, err, sizeof(err)) < 0)
		fail_msg("507 answer not as documented: %s\n%s", err, r.body);
	free(ct);
	hs_contains(&r, "\"status\":507");
	hs_contains(&r, "The server's storage is full");
	hc_response_free(&r);
	assert_int_equal(reports(), 0);

	/* Reads go on: the signed-in facility page, the public pages, the health check. */
	hs_form_req(server.port, &ent, "GET", "/facilities/1", NULL, 200, &r);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/", NULL, NULL, 200, &r);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/healthz", NULL, NULL, 200, &r);
	hc_response_free(&r);

	/* Space again: the same form saves. */
	assert_int_equal(unlink(filler), 0);
	hs_form_req(server.port, &ent, "POST", FORM, TYPED, 303, &r);
	hc_response_free(&r);
	assert_int_equal(reports(), 1);
	assert_int_equal(
	    wfx_int(DBNAME, "SELECT count(*) FROM report_energy WHERE quantity = 358123"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_full_disk),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
