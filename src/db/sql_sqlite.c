/*
 * The SQL text of every enum stmt for SQLite.  Designated initialisers keep
 * each row beside its name; db_sql_check() (migrate.c) verifies at start-up
 * that none is missing.
 */
#include "db/db_int.h"

const char *const db_sqlite_sql[STMT__MAX] = {
    /* --- core --- */
    [STMT_SCHEMA_VERSION_GET] = "SELECT ifnull(max(version), 0) FROM schema_version",
    [STMT_SCHEMA_VERSION_ADD] = "INSERT INTO schema_version(version, applied_at) "
                                "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [STMT_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [STMT_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    [STMT_GENERATION_BUMP] = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
                             "WHERE key = 'generation'",
    [STMT_GENERATION_GET] = "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'",

    /* --- reference data --- */
    /* @refdata-sql */

    /* --- demo province --- */
    /* @demo-sql */

    /* --- import and export --- */
    /* @csvio-sql */

    /* --- indicators, directory, stats --- */
    /* @web-sql */
};
