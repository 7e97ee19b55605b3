/*
 * Unit tests for db/migrate and `sxsh init`: a fresh database reaches the
 * latest schema version, migrating again applies nothing, a database newer
 * than the binary is refused with a message naming its version and left
 * untouched, foreign keys are enforced and the journal is WAL.  The CLI
 * tests run the built sxsh ($SXSH_BIN).
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

#include "db/db.h"
#include "db/migrate.h"
#include "model/registry/refdata.h"
#include "testutil.h"

/* Opens a new, empty (not migrated) database file in the test directory. */
static struct db *
empty_db(const char *name)
{
	char err[512];
	const char *path = tu_db_fresh_url(name);
	struct db *db = db_open(path, err, sizeof(err));
	if (db == NULL)
		fail_msg("db_open %s: %s", path, err);
	return db;
}

static int64_t
schema_version(struct db *db)
{
	int64_t v = -1;
	assert_int_equal(db_query_int(db, STMT_SCHEMA_VERSION_GET, &v), DB_OK);
	return v;
}

static void
add_version(struct db *db, int v)
{
	struct db_stmt *st = db_stmt(db, STMT_SCHEMA_VERSION_ADD);
	assert_non_null(st);
	assert_int_equal(db_bind_int(st, 1, v), DB_OK);
	assert_int_equal(db_run(st), DB_OK);
}

static void
test_fresh_then_again(void **state)
{
	(void)state;
	char err[512];
	int applied = -1;
	struct db *db = empty_db("fresh.db");
	int latest = migrate_latest(db);
	assert_true(latest >= 1); /* migrations/sqlite/0001_init.sql at least */
	assert_int_equal(migrate_up(db, &applied, err, sizeof(err)), 0);
	assert_int_equal(applied, latest);
	assert_int_equal(schema_version(db), latest);
	assert_int_equal(migrate_up(db, &applied, err, sizeof(err)), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(schema_version(db), latest);
	db_close(db);
}

static void
test_newer_refused(void **state)
{
	(void)state;
	char err[512] = "";
	int applied = -1;
	int64_t gen = -1;

	/* An empty database that claims version 999: nothing may be created. */
	struct db *db = empty_db("newer.db");
	assert_int_equal(db_exec(db, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
				     "applied_at TEXT NOT NULL)"),
			 DB_OK);
	add_version(db, 999);
	assert_int_equal(migrate_up(db, &applied, err, sizeof(err)), -1);
	assert_int_equal(applied, 0);
	assert_non_null(strstr(err, "999"));
	assert_int_equal(schema_version(db), 999);
	/* The meta table of 0001_init.sql was not created (a statement on it
	 * would not prepare, and db_stmt aborts on that). */
	assert_int_equal(db_exec(db, "SELECT value FROM meta"), DB_ERR);
	assert_non_null(strstr(db_errmsg(db), "meta"));
	db_close(db);

	/* A migrated, loaded database that a newer sxsh has marked 999. */
	db = tu_db_new("newer2.db");
	assert_int_equal(refdata_load(db, err, sizeof(err)), 0);
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &gen), DB_OK);
	add_version(db, 999);
	err[0] = '\0';
	assert_int_equal(migrate_up(db, &applied, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "999"));
	int64_t gen2 = -1;
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &gen2), DB_OK);
	assert_int_equal(gen2, gen);
	assert_int_equal(schema_version(db), 999);
	db_close(db);
}

static void
test_foreign_keys(void **state)
{
	(void)state;
	char err[512];
	struct db *db = tu_db_new("fk.db");
	assert_int_equal(refdata_load(db, err, sizeof(err)), 0);
	/* Sector 9999 does not exist: refused. */
	assert_int_equal(db_exec(db, "INSERT INTO facility(code, name, name_key, sector_code, "
				     "admin_unit_id, ownership, size) VALUES ('f1', 'A', 'a', "
				     "'9999', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), "
				     "'private', 'small')"),
			 DB_CONSTRAINT);
	/* The same row with a known sector is accepted, so the sector was the reason. */
	assert_int_equal(db_exec(db, "INSERT INTO facility(code, name, name_key, sector_code, "
				     "admin_unit_id, ownership, size) VALUES ('f1', 'A', 'a', "
				     "'1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), "
				     "'private', 'small')"),
			 DB_OK);
	db_close(db);
}

static void
test_wal(void **state)
{
	(void)state;
	if (tu_pg() != NULL)
		skip(); /* reads the SQLite file itself */
	struct db *db = tu_db_new("wal.db");
	char path[600];
	snprintf(path, sizeof(path), "%s", tu_path("wal.db"));
	size_t len = 0;
	char *head = tu_read_file(path, &len);
	assert_non_null(head);
	assert_true(len >= 100);
	/* SQLite file header bytes 18 and 19 (write and read format) are 2 in WAL mode. */
	assert_int_equal((unsigned char)head[18], 2);
	assert_int_equal((unsigned char)head[19], 2);
	free(head);
	/* While a connection is open after a write, the -wal file exists. */
	snprintf(path, sizeof(path), "%s-wal", tu_path("wal.db"));
	assert_int_equal(access(path, F_OK), 0);
	db_close(db);
}

static void
test_init_cli(void **state)
{
	(void)state;
	char cmd[2048], *out = NULL, *err = NULL;
	char dbpath[600];

	/* The directory var/x/ does not exist yet: init creates it. */
	snprintf(dbpath, sizeof(dbpath), "%s/var/x/sxsh.db", tu_tmpdir());
	if (tu_pg() != NULL)
		snprintf(dbpath, sizeof(dbpath), "%s", tu_db_fresh_url("init"));
	snprintf(cmd, sizeof(cmd), "'%s' init --db '%s'", tu_sxsh(), dbpath);
	struct db *probe = empty_db("probe.db");
	char want[128];
	snprintf(want, sizeof(want), "schema version %d (mới áp dụng / newly applied: %d)",
		 migrate_latest(probe), migrate_latest(probe));
	db_close(probe);
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "plan_target         17")); /* plan_targets.csv: 17 rows */
	free(out);
	free(err);

	/* Again: nothing applied, the same counts. */
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, "newly applied: 0"));
	assert_non_null(strstr(out, "norm                33")); /* norms.csv: 33 rows */
	free(out);
	free(err);

	/* An unexpected argument is a usage error. */
	snprintf(cmd, sizeof(cmd), "'%s' init extra --db '%s'", tu_sxsh(), dbpath);
	assert_int_equal(tu_run(cmd, &out, &err), 2);
	free(out);
	free(err);

	/* A database marked 999 is refused with exit 1, naming the version. */
	char e[512];
	struct db *db = db_open(dbpath, e, sizeof(e));
	assert_non_null(db);
	add_version(db, 999);
	db_close(db);
	snprintf(cmd, sizeof(cmd), "'%s' init --db '%s'", tu_sxsh(), dbpath);
	assert_int_equal(tu_run(cmd, &out, &err), 1);
	assert_non_null(strstr(err, "999"));
	free(out);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fresh_then_again), cmocka_unit_test(test_newer_refused),
	    cmocka_unit_test(test_foreign_keys),     cmocka_unit_test(test_wal),
	    cmocka_unit_test(test_init_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
