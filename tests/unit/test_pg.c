/*
 * Storage behaviour that a backend could get wrong, run on whichever backend
 * the suite runs against (SQLite, or PostgreSQL under scripts/pg-test.sh):
 * type round trips through text parameters, NULLs, constraint errors mapped
 * to DB_CONSTRAINT, the id of the last insert, rollback, a stale write
 * detected by a version check across two connections, the catalog order
 * used by sxsh copy, and `sxsh copy` / `sxsh backup` from the command line;
 * that every statement, common text or the backend's override, prepares
 * against the migrated schema (PostgreSQL resolves names and parameter
 * types at prepare time, so a type mismatch such as bigint = text shows
 * here, not in a page; db_stmt() aborts on such a statement); and that a
 * prepare the lost connection fails gives a statement that fails cleanly.
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
#include "db/migrate.h"
#include "model/io/copy.h"
#include "testutil.h"

static struct db *
open_url(const char *url)
{
	char err[512];
	struct db *db = db_open(url, err, sizeof(err));
	if (db == NULL)
		fail_msg("db_open %s: %s", url, err);
	return db;
}

static void
test_round_trips(void **state)
{
	(void)state;
	struct db *db = tu_db_new("types.db");
	/* A sector and a unit to hang a factor on. */
	assert_int_equal(db_exec(db, "INSERT INTO unit(code, name_vi, name_en, dimension, to_base) "
				     "VALUES ('kWh', 'kWh', 'kWh', 'energy', 3.6)"),
			 DB_OK);
	assert_int_equal(db_exec(db,
				 "INSERT INTO carrier(code, name_vi, name_en, kind, "
				 "native_unit, biogenic) VALUES ('dien', 'Điện', 'Electricity', "
				 "'electricity', 'kWh', 0)"),
			 DB_OK);
	struct db_stmt *st = db_stmt(db, STMT_REFDATA_FACTOR_UPSERT);
	assert_non_null(st);
	db_bind_text(st, 1, "dien");
	db_bind_text(st, 2, "kWh");
	db_bind_double(st, 3, 0.1 / 1000.0); /* 1e-4 TOE/kWh: not exact in binary */
	db_bind_null(st, 4);
	db_bind_double(st, 5, 1e300);
	db_bind_text(st, 6, "2020-01-01");
	db_bind_null(st, 7);
	db_bind_text(st, 8, "Nguồn: QĐ 2-TT-BCT «thử» ñ");
	db_bind_text(st, 9, "L");
	db_bind_text(st, 10, NULL); /* NULL text binds SQL NULL */
	db_bind_int(st, 11, 0);	    /* toe_derived: a legal factor */
	assert_int_equal(db_run(st), DB_OK);
	/* The inserted row's id is the first of the table: 1. */
	assert_int_equal(db_last_id(db), 1);

	st = db_stmt(db, STMT_REFDATA_FACTOR_GET);
	db_bind_text(st, 1, "dien");
	db_bind_text(st, 2, "kWh");
	db_bind_text(st, 3, "2024-06-30");
	assert_int_equal(db_step(st), DB_ROW);
	assert_true(db_col_double(st, 0) == 0.1 / 1000.0); /* bit for bit */
	assert_true(db_col_is_null(st, 1));
	assert_string_equal(db_col_text(st, 1), ""); /* NULL reads as "" */
	assert_true(db_col_double(st, 2) == 1e300);
	assert_string_equal(db_col_text(st, 3), "L");
	assert_string_equal(db_col_text(st, 4), ""); /* ifnull(note, '') */
	assert_int_equal(db_col_int(st, 5), 0);	     /* toe_derived */
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);

	/* 64-bit integers survive: 2^53 + 1 is not a double. */
	st = db_stmt(db, STMT_META_SET);
	db_bind_text(st, 1, "big");
	db_bind_int(st, 2, 9007199254740993LL);
	assert_int_equal(db_run(st), DB_OK);
	st = db_stmt(db, STMT_META_GET);
	db_bind_text(st, 1, "big");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 0), 9007199254740993LL);
	assert_string_equal(db_col_text(st, 0), "9007199254740993");
	db_reset(st);
	db_close(db);
}

static void
test_constraints_and_rollback(void **state)
{
	(void)state;
	struct db *db = tu_db_new("cons.db");
	/* CHECK (to_base > 0). */
	assert_int_equal(db_exec(db, "INSERT INTO unit(code, name_vi, name_en, dimension, to_base) "
				     "VALUES ('x', 'x', 'x', 'mass', -1)"),
			 DB_CONSTRAINT);
	/* UNIQUE through a prepared statement: the same grid year twice is an
	 * upsert, but the same meta key through a plain INSERT is not. */
	assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES ('k', 'v')"), DB_OK);
	assert_int_equal(db_exec(db, "INSERT INTO meta(key, value) VALUES ('k', 'w')"),
			 DB_CONSTRAINT);
	/* NOT NULL. */
	struct db_stmt *st = db_stmt(db, STMT_META_SET);
	db_bind_text(st, 1, "n");
	db_bind_null(st, 2);
	assert_int_equal(db_run(st), DB_CONSTRAINT);

	/* Rollback undoes; a new transaction works afterwards. */
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_run(db_stmt(db, STMT_GENERATION_BUMP)), DB_OK);
	assert_int_equal(db_changes(db), 1);
	assert_int_equal(db_rollback(db), DB_OK);
	int64_t g = -1;
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &g), DB_OK);
	assert_int_equal(g, 0);
	assert_int_equal(db_begin(db), DB_OK);
	assert_int_equal(db_run(db_stmt(db, STMT_GENERATION_BUMP)), DB_OK);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &g), DB_OK);
	assert_int_equal(g, 1);
	db_close(db);
}

/* Two connections read version 1 of a facility; the first write wins, the
 * second's version check matches no row. */
static void
test_stale_write(void **state)
{
	(void)state;
	struct db *a = tu_db_new("stale.db");
	assert_int_equal(db_exec(a, "INSERT INTO admin_unit(code, name, level, kind, source, "
				    "reliability) VALUES ('u1', 'U1', 'district', 'huyen', 's', "
				    "'L'), ('u2', 'U2', 'district', 'huyen', 's', 'L');"
				    "INSERT INTO sector(code, name_vi, name_en, level, source, "
				    "reliability) VALUES ('C', 'C', 'C', 1, 's', 'L');"
				    "INSERT INTO facility(code, name, name_key, sector_code, "
				    "admin_unit_id, ownership, size) VALUES ('F1', 'F', 'f', 'C', "
				    "1, 'private', 'small')"),
			 DB_OK);
	struct db *b = open_url(tu_db_url("stale.db"));
	struct db_stmt *st = db_stmt(a, STMT_UNITH_SET_UNIT);
	db_bind_int(st, 1, 1);
	db_bind_int(st, 2, 2);
	db_bind_int(st, 3, 1);
	assert_int_equal(db_run(st), DB_OK);
	assert_int_equal(db_changes(a), 1);
	st = db_stmt(b, STMT_UNITH_SET_UNIT);
	db_bind_int(st, 1, 1);
	db_bind_int(st, 2, 1);
	db_bind_int(st, 3, 1); /* stale: the row is at version 2 now */
	assert_int_equal(db_run(st), DB_OK);
	assert_int_equal(db_changes(b), 0);
	st = db_stmt(b, STMT_UNITH_FACILITY);
	db_bind_text(st, 1, "F1");
	assert_int_equal(db_step(st), DB_ROW);
	assert_int_equal(db_col_int(st, 1), 2); /* a's unit stays */
	assert_int_equal(db_col_int(st, 2), 2); /* version 1 + 1 */
	db_reset(st);
	db_close(b);
	db_close(a);
}

/* The catalog lists parents before children, schema_version never. */
static void
test_catalog_order(void **state)
{
	(void)state;
	struct db *db = tu_db_new("cat.db");
	struct db_table *t = NULL;
	int n = 0;
	assert_int_equal(db_tables(db, &t, &n), DB_OK);
	int pos_sector = -1, pos_facility = -1, pos_report = -1, pos_energy = -1;
	for (int i = 0; i < n; i++) {
		assert_string_not_equal(t[i].name, "schema_version");
		if (strcmp(t[i].name, "sector") == 0)
			pos_sector = i;
		if (strcmp(t[i].name, "facility") == 0) {
			pos_facility = i;
			assert_int_equal(t[i].nkeys, 1);
			assert_string_equal(t[i].cols[t[i].keys[0]], "id");
			assert_int_equal(t[i].types[t[i].keys[0]], DB_COL_INT);
		}
		if (strcmp(t[i].name, "report") == 0)
			pos_report = i;
		if (strcmp(t[i].name, "report_energy") == 0)
			pos_energy = i;
	}
	assert_true(pos_sector >= 0 && pos_sector < pos_facility);
	assert_true(pos_facility < pos_report && pos_report < pos_energy);
	db_tables_free(t, n);
	db_close(db);
}

/* sxsh copy SQLite -> this backend -> SQLite, then the commands' errors. */
static void
test_copy_and_backup_cli(void **state)
{
	(void)state;
	char cmd[4096], *out = NULL, *err = NULL;
	char a[600], b[600], c[600];
	snprintf(a, sizeof(a), "%s", tu_path("copy_a.db"));
	snprintf(c, sizeof(c), "%s", tu_path("copy_c.db"));
	snprintf(b, sizeof(b), "%s", tu_db_url("copy_b"));
	snprintf(cmd, sizeof(cmd), "'%s' demo --db '%s' --facilities 60 --seed 3", tu_sxsh(), a);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(cmd, sizeof(cmd), "'%s' copy --from '%s' --to '%s'", tu_sxsh(), a, b);
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, "facility"));
	free(out);
	free(err);
	/* Again: the target is not empty now. */
	assert_int_equal(tu_run(cmd, &out, &err), 1);
	assert_non_null(strstr(err, "sxsh copy: cơ sở dữ liệu đích có dữ liệu (bảng "));
	assert_non_null(strstr(err, " dòng); dùng --replace để thay / the target is not empty "
				    "(table "));
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "'%s' copy --from '%s' --to '%s' --replace", tu_sxsh(), a, b);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(cmd, sizeof(cmd), "'%s' copy --from '%s' --to '%s'", tu_sxsh(), b, c);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);

	/* Every table agrees between the first and the last. */
	struct db *da = open_url(a), *dc = open_url(c);
	struct db_table *t = NULL;
	int n = 0;
	assert_int_equal(db_tables(da, &t, &n), DB_OK);
	int64_t facilities = 0;
	for (int i = 0; i < n; i++) {
		int64_t ra, rc;
		uint64_t sa, sc;
		assert_int_equal(copy_table_checksum(da, t[i].name, &ra, &sa), 0);
		assert_int_equal(copy_table_checksum(dc, t[i].name, &rc, &sc), 0);
		assert_int_equal(ra, rc);
		assert_true(sa == sc);
		if (strcmp(t[i].name, "facility") == 0)
			facilities = rc;
	}
	assert_int_equal(facilities, 60); /* --facilities 60 */
	db_tables_free(t, n);
	db_close(da);
	db_close(dc);

	/* The exports agree too. */
	snprintf(cmd, sizeof(cmd),
		 "'%s' export reports --db '%s' -o '%s/ra.csv' && '%s' export "
		 "reports --db '%s' -o '%s/rb.csv' && cmp '%s/ra.csv' '%s/rb.csv'",
		 tu_sxsh(), a, tu_tmpdir(), tu_sxsh(), b, tu_tmpdir(), tu_tmpdir(), tu_tmpdir());
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);

	/* Usage errors. */
	snprintf(cmd, sizeof(cmd), "'%s' copy --from '%s'", tu_sxsh(), a);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);

	/* backup: a SQLite file gives a second file with the same facilities. */
	snprintf(cmd, sizeof(cmd), "'%s' backup --db '%s' '%s/bk.db'", tu_sxsh(), a, tu_tmpdir());
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	assert_int_equal(tu_run(cmd, NULL, &err), 1); /* the file exists now */
	free(err);
	snprintf(cmd, sizeof(cmd), "%s/bk.db", tu_tmpdir());
	struct db *bk = open_url(cmd);
	int64_t rows;
	uint64_t sum;
	assert_int_equal(copy_table_checksum(bk, "facility", &rows, &sum), 0);
	assert_int_equal(rows, 60);
	db_close(bk);
	/* PostgreSQL says to use pg_dump. */
	if (tu_pg() != NULL) {
		snprintf(cmd, sizeof(cmd), "'%s' backup --db '%s' '%s/pg.dump'", tu_sxsh(), b,
			 tu_tmpdir());
		assert_int_equal(tu_run(cmd, NULL, &err), 1);
		assert_non_null(strstr(err, "pg_dump"));
		free(err);
	}
}

static void
test_every_statement_prepares(void **state)
{
	(void)state;
	struct db *db = tu_db_new("prepare.db");
	/* Each rejected statement is logged with its number and SQL. */
	assert_int_equal(db_prepare_all(db), 0);
	for (int i = 0; i < STMT__MAX; i++)
		assert_non_null(db_stmt(db, (enum stmt)i));
	db_close(db);
}

/* PostgreSQL: a prepare that fails on the connection, not on the text. */
static void
test_lost_connection(void **state)
{
	(void)state;
	if (tu_pg() == NULL)
		skip();
	struct db *db = tu_db_new("lost.db");
	/* The server ends this connection's own backend. */
	assert_int_equal(db_exec(db, "SELECT pg_terminate_backend(pg_backend_pid())"), DB_ERR);
	struct db_stmt *st = db_stmt(db, STMT_META_GET);
	assert_non_null(st);
	assert_int_equal(db_bind_text(st, 1, "generation"), DB_ERR);
	assert_int_equal(db_step(st), DB_ERR);
	assert_true(db_col_is_null(st, 0));
	assert_string_equal(db_col_text(st, 0), "");
	assert_int_equal(db_col_int(st, 0), 0);
	db_reset(st);
	assert_true(strlen(db_errmsg(db)) > 0);
	int64_t v = -1;
	assert_int_equal(db_query_int(db, STMT_GENERATION_GET, &v), DB_ERR);
	assert_int_equal(v, -1);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trips),
	    cmocka_unit_test(test_constraints_and_rollback),
	    cmocka_unit_test(test_stale_write),
	    cmocka_unit_test(test_catalog_order),
	    cmocka_unit_test(test_copy_and_backup_cli),
	    cmocka_unit_test(test_every_statement_prepares),
	    cmocka_unit_test(test_lost_connection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
