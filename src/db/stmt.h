/*
 * Every SQL statement sxsh runs, by name.  Each backend's table
 * (sql_sqlite.c, later sql_pg.c) gives the text of each; a statement is
 * added by one enum value here and one row per table.  Parameters are
 * numbered from 1 in the order the comment beside the value lists them.
 *
 * The enum is grouped by the module that uses the statements.
 */
#ifndef SXSH_DB_STMT_H
#define SXSH_DB_STMT_H

enum stmt {
	/* --- core: migrations and meta (db/migrate.c, model/meta.c) --- */
	STMT_SCHEMA_VERSION_GET, /* -> version */
	STMT_SCHEMA_VERSION_ADD, /* version */
	STMT_META_GET,           /* key -> value */
	STMT_META_SET,           /* key, value */
	STMT_GENERATION_BUMP,    /* (no parameters) */
	STMT_GENERATION_GET,     /* -> generation */

	/* --- reference data (model/refdata.c) --- */
	/* @refdata-stmts */

	/* --- demo province (model/demo.c) --- */
	/* @demo-stmts */

	/* --- import and export (model/csvio.c) --- */
	/* @csvio-stmts */

	/* --- indicators, directory, stats (model/kpi.c, model/facility.c) --- */
	/* @web-stmts */

	STMT__MAX
};

#endif
