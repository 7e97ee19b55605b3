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
	STMT_REFDATA_UNIT_UPSERT,    /* code, name_vi, name_en, dimension, to_base */
	STMT_REFDATA_SECTOR_UPSERT,  /* code, name_vi, name_en, level, parent_code, source,
	                                reliability */
	STMT_REFDATA_PRODUCT_UPSERT, /* code, name_vi, name_en, sector_code, unit, source */
	STMT_REFDATA_CARRIER_UPSERT, /* code, name_vi, name_en, kind, native_unit, biogenic */
	STMT_REFDATA_FACTOR_UPSERT,  /* carrier_code, unit, toe, gj, kgco2, valid_from, valid_to,
	                                source, reliability, note */
	STMT_REFDATA_GRID_UPSERT,    /* year, tco2_per_mwh, source, reliability */
	STMT_REFDATA_NORM_UPDATE,    /* product_code, band_min, band_max, valid_from, valid_to,
	                                value, energy_unit, per_unit, legal_ref, source,
	                                reliability, note (key: ?1-?4, NULL bands match NULL) */
	STMT_REFDATA_NORM_INSERT,    /* same parameters as STMT_REFDATA_NORM_UPDATE */
	STMT_REFDATA_ADMIN_UPSERT,   /* code, name, name_en, level, kind, (6 unused), valid_from,
	                                valid_to, (9 unused), source, reliability */
	STMT_REFDATA_ADMIN_LINK,     /* code, (2-5 unused), parent_id, (7-8 unused),
	                                successor_id */
	STMT_REFDATA_ADMIN_ID,       /* code -> id */
	STMT_REFDATA_PLAN_UPSERT,    /* code, title_vi, title_en, issuer, issued_on, start_year,
	                                end_year, scope, source */
	STMT_REFDATA_PLAN_ID,        /* code -> id */
	STMT_REFDATA_TARGET_UPDATE,  /* plan_id, indicator, value, value_max, unit, from_year,
	                                by_year, scope_filter, note, source, reliability
	                                (key: ?1, ?2, ?7, ?8; NULL filter matches NULL) */
	STMT_REFDATA_TARGET_INSERT,  /* same parameters as STMT_REFDATA_TARGET_UPDATE */
	STMT_REFDATA_COUNTS,         /* -> rows in unit, sector, product, carrier, carrier_factor,
	                                grid_factor, norm, admin_unit, plan, plan_target */
	STMT_REFDATA_FACTOR_GET,     /* carrier_code, unit, date -> toe, gj, kgco2, reliability,
	                                note (NULL factor columns stay NULL) */
	STMT_REFDATA_GRID_GET,       /* year -> tco2_per_mwh, reliability */
	STMT_REFDATA_NORM_GET,       /* product_code, yearly output, date -> value, energy_unit,
	                                per_unit, legal_ref, reliability */
	STMT_REFDATA_ADMIN_GET,      /* code -> name, level, kind, valid_from, valid_to,
	                                parent code, successor code */
	STMT_REFDATA_TARGET_GET,     /* plan code, indicator, by_year, scope_filter -> value,
	                                value_max, unit, from_year, reliability */
	/* @refdata-stmts */

	/* --- demo province (model/demo.c) --- */
	STMT_DEMO_FACILITY_COUNT,      /* -> number of facilities */
	STMT_DEMO_UNIT_ID,             /* admin_unit code -> id */
	STMT_DEMO_PRODUCT_UNIT,        /* product code -> unit */
	STMT_DEMO_DELETE_MATERIAL,     /* (no parameters) */
	STMT_DEMO_DELETE_WATER,        /* (no parameters) */
	STMT_DEMO_DELETE_ENERGY,       /* (no parameters) */
	STMT_DEMO_DELETE_OUTPUT,       /* (no parameters) */
	STMT_DEMO_DELETE_REPORT,       /* (no parameters) */
	STMT_DEMO_DELETE_REGISTRATION, /* (no parameters) */
	STMT_DEMO_DELETE_FACILITY,     /* (no parameters) */
	/* id, code, tax_code, name, name_key, sector_code, admin_unit_id, address,
	 * ownership, size, employees, opened_year, closed_year, status */
	STMT_DEMO_FACILITY_INSERT,
	/* id, facility_id, year, status, cp_aware, cp_staff, cp_unit, cp_applied,
	 * submitted_on */
	STMT_DEMO_REPORT_INSERT,
	STMT_DEMO_OUTPUT_INSERT,   /* report_id, product_code, quantity, unit */
	/* report_id, carrier_code, month, product_code, quantity, unit, cost_vnd */
	STMT_DEMO_ENERGY_INSERT,
	STMT_DEMO_WATER_INSERT,    /* report_id, source, quantity_m3, cost_vnd */
	STMT_DEMO_MATERIAL_INSERT, /* report_id, name, quantity, unit, cost_vnd */
	/* @demo-stmts */

	/* --- import and export (model/csvio.c) --- */
	STMT_CSVIO_UNITS,            /* -> code, dimension, to_base */
	STMT_CSVIO_SECTORS,          /* -> code */
	STMT_CSVIO_PRODUCTS,         /* -> code, unit */
	STMT_CSVIO_CARRIER_DIMS,     /* -> carrier code, dimension of a factor unit (or NULL) */
	STMT_CSVIO_ADMIN_UNITS,      /* -> code, id */
	STMT_CSVIO_FACILITY_KEYS,    /* -> code, id, tax_code ('' when none) */
	STMT_CSVIO_REPORT_KEYS,      /* -> facility_id, year, id */
	STMT_CSVIO_FACILITY_INSERT,  /* code, tax_code, name, name_key, sector_code, admin_unit_id,
	                                address, lat, lon, ownership, size, employees, opened_year,
	                                closed_year, status */
	STMT_CSVIO_FACILITY_UPDATE,  /* code (key), then the same 2..15 as FACILITY_INSERT */
	STMT_CSVIO_REPORT_INSERT,    /* facility_id, year, status, cp_aware, cp_staff, cp_unit,
	                                cp_applied */
	STMT_CSVIO_REPORT_UPDATE,    /* id, status, cp_aware, cp_staff, cp_unit, cp_applied */
	STMT_CSVIO_OUTPUT_CLEAR,     /* report_id */
	STMT_CSVIO_ENERGY_CLEAR,     /* report_id */
	STMT_CSVIO_WATER_CLEAR,      /* report_id */
	STMT_CSVIO_MATERIAL_CLEAR,   /* report_id */
	STMT_CSVIO_OUTPUT_INSERT,    /* report_id, product_code, quantity, unit */
	STMT_CSVIO_ENERGY_INSERT,    /* report_id, carrier_code, month, product_code, quantity,
	                                unit, cost_vnd */
	STMT_CSVIO_WATER_INSERT,     /* report_id, source, quantity_m3, cost_vnd */
	STMT_CSVIO_MATERIAL_INSERT,  /* report_id, name, quantity, unit, cost_vnd */
	STMT_CSVIO_FACILITY_EXPORT,  /* -> the 14 facilities.csv columns, by code */
	STMT_CSVIO_REPORT_EXPORT,    /* year or NULL for all -> the 14 reports.csv columns, in
	                                export order */
	/* @csvio-stmts */

	/* --- indicators, directory, stats (model/kpi.c, model/facility.c) --- */
	STMT_FACILITY_COUNT, /* q_like, sector, unit, ownership, size (NULL = any) -> count */
	STMT_FACILITY_LIST,  /* q_like, sector, unit, ownership, size, limit, offset
	                        -> id, name, sector, sector_vi, sector_en, unit_vi, unit_en,
	                           ownership, size */
	STMT_FACILITY_SECTOR_OPTIONS, /* -> code, name_vi, name_en */
	STMT_FACILITY_UNIT_OPTIONS,   /* -> code, name, name_en */
	STMT_WEB_PING,                /* -> 1 (health check) */
	STMT_KPI_PLAN_GET,      /* plan code -> id */
	STMT_KPI_PLAN_TARGETS,  /* plan id -> indicator, value, value_max, from_year, by_year
	                           (scope_filter NULL; latest by_year first) */
	STMT_KPI_YEAR_RANGE,    /* -> min(year), max(year) of report (NULL, NULL when none) */
	STMT_KPI_ADMIN_UNITS,   /* -> id, code, name, level, parent_id; by id */
	STMT_KPI_FACILITIES,    /* -> id, admin_unit_id, opened_year, closed_year; by id */
	STMT_KPI_REPORTS,       /* -> id, facility_id, year, cp_aware, cp_staff, cp_applied;
	                           by facility_id, year */
	STMT_KPI_ENERGY,        /* -> report_id, carrier_code, unit, quantity (every line,
	                           unordered: a plain scan, summed by the caller) */
	STMT_KPI_OUTPUTS,       /* -> report_id, product_code, quantity, unit (unordered) */
	STMT_KPI_PRODUCTS,      /* -> code, unit; by code */
	STMT_KPI_UNITS,         /* -> code, dimension, to_base */
	STMT_KPI_FACTORS,       /* -> carrier_code, unit, toe_per_unit, valid_from, valid_to
	                           (rows with a TOE factor) */
	STMT_STATS_TABLES,      /* -> name of every table of the schema; by name */
	STMT_STATS_ROWS,        /* -> table name, row count, for the tables of 0001_init.sql */
	/* @web-stmts */

	/* --- energy analytics: ledger, benchmarks, key users, checks --- */
	/* @analytics-stmts */

	/* --- plan indicators by breakdown, unit history --- */
	/* @indicators-stmts */

	/* --- accounts, sessions, audit (model/user.c, model/session.c, model/audit.c) --- */
	/* @auth-stmts */

	/* --- enterprise reporting workflow --- */
	/* @workflow-stmts */

	STMT__MAX
};

#endif
