/*
 * Unit tests for the storage layer through its public API: binding and
 * reading every type, NULLs, constraint errors, transactions, the
 * statement table's completeness, and the meta generation counter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sql_table_complete),
	    cmocka_unit_test(test_bind_and_read),
	    cmocka_unit_test(test_generation),
	    cmocka_unit_test(test_transactions_and_constraints),
	    cmocka_unit_test(test_open_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
