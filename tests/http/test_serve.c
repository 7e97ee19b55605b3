/*
 * sxsh serve and the database it is given: it never creates one.  A SQLite
 * file that does not exist, a database with no tables and a SQLite file
 * that fails PRAGMA quick_check are each refused with exit status 1 and a
 * message saying what to do, and nothing is created.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "testutil.h"

/* Runs `sxsh serve --db url` (which must refuse at once); returns its stderr. */
static char *
serve_refused(const char *url)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "'%s' serve --db '%s' --listen 127.0.0.1:1", tu_sxsh(), url);
	char *err = NULL;
	assert_int_equal(tu_run(cmd, NULL, &err), 1);
	assert_non_null(err);
	return err;
}

static void
test_missing_file(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s", tu_path("missing.db"));
	char *err = serve_refused(path);
	assert_non_null(strstr(err, "no such file"));
	assert_non_null(strstr(err, "create one with `sxsh init` or `sxsh demo`"));
	assert_non_null(strstr(err, "tạo mới bằng `sxsh init`"));
	free(err);
	assert_int_equal(access(path, F_OK), -1); /* nothing was created */
}

static void
test_empty_database(void **state)
{
	(void)state;
	/* An empty file (SQLite), or a new database with no tables (PostgreSQL). */
	const char *url =
	    tu_pg() != NULL ? tu_db_fresh_url("empty") : tu_write_file("empty.db", "");
	char buf[512];
	snprintf(buf, sizeof(buf), "%s", url);
	char *err = serve_refused(buf);
	assert_non_null(strstr(err, "is empty; set it up with `sxsh init` or `sxsh demo`"));
	free(err);
}

static void
test_damaged_file(void **state)
{
	(void)state;
	char path[512], cmd[1024];
	snprintf(path, sizeof(path), "%s", tu_path("damaged.db"));
	snprintf(cmd, sizeof(cmd), "'%s' init --db '%s' >/dev/null 2>&1", tu_sxsh(), path);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	/*
	 * Pages 3 to 6 overwritten with 0xAB: the header and schema (page 1)
	 * stay readable, so the file opens, but those b-tree pages are no
	 * longer pages.  (init closes its connection, which checkpoints the
	 * WAL into the file and removes it.)
	 */
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	unsigned char hdr[18];
	assert_int_equal(fread(hdr, 1, sizeof(hdr), f), sizeof(hdr));
	long page = hdr[16] << 8 | hdr[17];
	if (page == 1)
		page = 65536;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true(ftell(f) >= 6 * page);
	unsigned char junk[65536];
	memset(junk, 0xAB, sizeof(junk));
	for (int p = 3; p <= 6; p++) {
		assert_int_equal(fseek(f, (p - 1) * page, SEEK_SET), 0);
		assert_int_equal(fwrite(junk, 1, (size_t)page, f), (size_t)page);
	}
	assert_int_equal(fclose(f), 0);
	char *err = serve_refused(path);
	assert_non_null(strstr(err, "is damaged (quick_check: "));
	assert_non_null(strstr(err, "restore it from a backup"));
	assert_non_null(strstr(err, "bị hỏng"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_empty_database),
	    cmocka_unit_test(test_damaged_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
