/*
 * Unit tests for the storage layer through its public API: binding and
 * reading every type, NULLs, constraint errors, transactions, the
 * statement table's completeness, and the meta generation counter.  And,
 * through db_int.h, the pieces of the statement table: the ?N to $N
 * rewrite PostgreSQL's prepare applies, that every override of sql_pg.c
 * really differs from the common text, and that a statement whose text
 * does not prepare aborts with its number and the backend's message.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "db/db_int.h"
#include "db/migrate.h"
#include "testutil.h"

static void
test_sql_table_complete(void **state)
{
	(void)state;
	struct db *db = tu_db_new("complete.db");
	char err[256] = "";
	assert_int_equal(db_sql_check(db, err, sizeof(err)), 0);
	assert_string_equal(db_dialect(db), tu_pg() != NULL ? "postgresql" : "sqlite");
	db_close(db);
}

static void
test_bind_and_read(void **state)
{
	(void)state;
	struct db *db = tu_db_new("bind.db");
	/* meta is a plain key/value table: set, read back, overwrite. */
	struct db_stmt *st = db_stmt(db, STMT_META_SET);
	assert_non_null(st);
	db_bind_text(st, 1, "greeting");
	db_bind_text(st, 2, "Xin chào, Kiên Giang");
	assert_int_equal(db_run(st), DB_OK);
	st = db_stmt(db, STMT_META_GET);
	db_bind_text(st, 1, "greeting");
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "Xin chào, Kiên Giang");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	st = db_stmt(db, STMT_META_SET);
	db_bind_text(st, 1, "greeting");
	db_bind_text(st, 2, "second");
	assert_int_equal(db_run(st), DB_OK);
	st = db_stmt(db, STMT_META_GET);
	db_bind_text(st, 1, "greeting");
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "second");
	db_reset(st);
	/* A missing key gives no row. */
	st = db_stmt(db, STMT_META_GET);
	db_bind_text(st, 1, "absent");
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	db_close(db);
}

static void
test_generation(void **state)
{
	(void)state;
	struct db *db = tu_db_new("gen.db");
	int64_t g = -1;
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &g), DB_OK);
	assert_int_equal(g, 0); /* the schema starts at 0 */
	assert_int_equal(db_run(db_stmt(db, STMT_GENERATION_BUMP)), DB_OK);
	assert_int_equal(db_run(db_stmt(db, STMT_GENERATION_BUMP)), DB_OK);
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &g), DB_OK);
	assert_int_equal(g, 2);
	db_close(db);
}

static void
test_transactions_and_constraints(void **state)
{
	(void)state;
	struct db *db = tu_db_new("tx.db");
	/* A rolled-back write leaves nothing behind. */
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_run(db_stmt(db, STMT_GENERATION_BUMP)), DB_OK);
	assert_int_equal(db_rollback(db), DB_OK);
	int64_t g = -1;
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &g), DB_OK);
	assert_int_equal(g, 0);
	/* CHECK and foreign-key violations map to DB_CONSTRAINT. */
	assert_int_equal(db_exec(db, "INSERT INTO unit(code, name_vi, name_en, dimension, to_base) "
				     "VALUES ('t', 'tấn', 'tonne', 'mass', 0)"),
			 DB_CONSTRAINT);
	assert_int_equal(db_exec(db, "INSERT INTO product(code, name_vi, name_en, sector_code, "
				     "unit, source) VALUES ('x', 'x', 'x', 'nope', 'nope', 's')"),
			 DB_CONSTRAINT);
	assert_true(strstr(db_errmsg(db), "FOREIGN KEY") != NULL ||
		    strstr(db_errmsg(db), "foreign key") != NULL);
	/* A syntax error is DB_ERR with a message. */
	assert_int_equal(db_exec(db, "SELEC 1"), DB_ERR);
	assert_true(strlen(db_errmsg(db)) > 0);
	db_close(db);
}

static void
test_open_failure(void **state)
{
	(void)state;
	char err[256] = "";
	struct db *db = db_open("/nonexistent-dir/x/y.db", err, sizeof(err));
	assert_null(db);
	assert_non_null(strstr(err, "/nonexistent-dir/x/y.db"));
	db_close(NULL);
}

static void
assert_placeholders(const char *sql, const char *want)
{
	char *got = db_pg_placeholders(sql);
	assert_string_equal(got, want);
	free(got);
}

static void
test_placeholders(void **state)
{
	(void)state;
	assert_placeholders("", "");
	assert_placeholders("SELECT 1", "SELECT 1");
	assert_placeholders("SELECT ?1", "SELECT $1");
	assert_placeholders("VALUES (?1, ?2, ?10, ?123)", "VALUES ($1, $2, $10, $123)");
	/* Literals and quoted identifiers keep their text. */
	assert_placeholders("SELECT '?1', ?1", "SELECT '?1', $1");
	assert_placeholders("SELECT 'it''s ?1', ?2", "SELECT 'it''s ?1', $2");
	assert_placeholders("SELECT \"a?1\" FROM t WHERE x = ?3",
			    "SELECT \"a?1\" FROM t WHERE x = $3");
	assert_placeholders("x LIKE '%' || ?1 || '%' ESCAPE '\\'",
			    "x LIKE '%' || $1 || '%' ESCAPE '\\'");
	/* A ? without a digit after it stays (jsonb's ? operator). */
	assert_placeholders("a ?? b ??1 ? 'k'", "a ?? b ?$1 ? 'k'");
	assert_placeholders("?", "?");
	/* Comments keep their text. */
	assert_placeholders("SELECT ?1 -- ?2\n, ?3 /* ?4 */ , ?5",
			    "SELECT $1 -- ?2\n, $3 /* ?4 */ , $5");
	/* An unterminated literal or comment runs to the end. */
	assert_placeholders("SELECT ?1, 'abc ?2", "SELECT $1, 'abc ?2");
	assert_placeholders("SELECT ?1 /* ?2", "SELECT $1 /* ?2");
	/* Casts after a parameter. */
	assert_placeholders("(?4::text IS NULL OR s = ?4)", "($4::text IS NULL OR s = $4)");
}

/* sql_pg.c holds only what differs; RETURNING id goes on INSERTs only. */
static void
test_override_table(void **state)
{
	(void)state;
	int overrides = 0, returning = 0;
	for (int i = 0; i < STMT__MAX; i++) {
		assert_non_null(db_sql[i]);
		if (db_pg_override[i] != NULL) {
			overrides++;
			if (strcmp(db_pg_override[i], db_sql[i]) == 0)
				fail_msg("statement %d: the override repeats the common text", i);
		}
		if (db_pg_returning_id[i]) {
			returning++;
			const char *sql = db_pg_override[i] ? db_pg_override[i] : db_sql[i];
			if (strncmp(sql, "INSERT INTO ", 12) != 0 ||
			    strstr(sql, "RETURNING") != NULL)
				fail_msg("statement %d: RETURNING id on %.40s", i, sql);
		}
	}
	assert_int_equal(overrides, 30); /* 28, STMT_ASSESS_STATE, STMT_DEMO_ASSESS_DELETE */
	/* every INSERT of db_pg_returning_id (src/db/sql_pg.c) */
	assert_int_equal(returning, 37);
}

/* A text the backend rejects is a programming error: db_stmt aborts. */
static void
test_rejected_text_aborts(void **state)
{
	(void)state;
	/* A database without the migrations: table meta does not exist. */
	char path[512], errpath[512];
	snprintf(path, sizeof(path), "%s", tu_path("bare.db"));
	snprintf(errpath, sizeof(errpath), "%s", tu_path("bare.err"));
	unlink(path);
	assert_int_equal(STMT_META_GET, 2);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char err[256];
		if (freopen(errpath, "w", stderr) == NULL)
			_exit(3);
		struct db *db = db_open(path, err, sizeof(err));
		if (db == NULL)
			_exit(4);
		db_stmt(db, STMT_META_GET);
		_exit(0); /* not reached */
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	char *text = tu_read_file(errpath, NULL);
	assert_non_null(text);
	if (strstr(text, "statement 2 (sqlite) does not prepare: no such table: meta; "
			 "SQL: SELECT value FROM meta WHERE key = ?1") == NULL)
		fail_msg("stderr: %s", text);
	free(text);
}

/* db_prepare_all counts rejected statements instead of aborting. */
static void
test_prepare_all_counts(void **state)
{
	(void)state;
	struct db *db = tu_db_new("dropped.db");
	assert_int_equal(db_exec(db, "DROP TABLE api_token"), DB_OK);
	/* The six STMT_APITOKEN_* and STMT_STATS_ROWS name api_token. */
	assert_int_equal(db_prepare_all(db), 7);
	/* The others prepared and run. */
	struct db_stmt *st = db_stmt(db, STMT_META_SET);
	db_bind_text(st, 1, "k");
	db_bind_text(st, 2, "v");
	assert_int_equal(db_run(st), DB_OK);
	assert_int_equal(db_prepare_all(db), 7); /* the rejected ones stay unprepared */
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_placeholders),
	    cmocka_unit_test(test_override_table),
	    cmocka_unit_test(test_rejected_text_aborts),
	    cmocka_unit_test(test_prepare_all_counts),
	    cmocka_unit_test(test_sql_table_complete),
	    cmocka_unit_test(test_bind_and_read),
	    cmocka_unit_test(test_generation),
	    cmocka_unit_test(test_transactions_and_constraints),
	    cmocka_unit_test(test_open_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
