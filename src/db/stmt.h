/*
 * Every SQL statement sxsh runs, by name.  The common table (sql_sqlite.c)
 * gives the text of each, for both backends; sql_pg.c overrides the few
 * whose PostgreSQL text must differ.  A statement is added by one enum
 * value here and one row there (and one in sql_pg.c only if its text must
 * differ, or in db_pg_returning_id when a caller reads db_last_id() after
 * it).  Parameters are ?N, numbered from 1 in the order the comment beside
 * the value lists them.
 *
 * Statements are named by entity and action (STMT_REPORT_ENERGY_INSERT,
 * STMT_AUDIT_SEARCH), never by the layer or file that calls them; only
 * those private to one model module keep its prefix (STMT_CSVIO_*,
 * STMT_KPI_*, STMT_LEDGER_*, STMT_DEMO_*).  The enum is grouped by the
 * module that uses the statements.
 */
#ifndef SXSH_DB_STMT_H
#define SXSH_DB_STMT_H

enum stmt {
	/* --- core: migrations and meta (db/migrate.c, model/meta.c) --- */
	STMT_SCHEMA_VERSION_GET, /* -> version */
	STMT_SCHEMA_VERSION_ADD, /* version */
	STMT_META_GET,		 /* key -> value */
	STMT_META_SET,		 /* key, value */
	STMT_GENERATION_BUMP,	 /* (no parameters) */
	STMT_GENERATION_GET,	 /* -> generation */
	/* Catalog of the schema, for whole-database copies (db/table.c). */
	STMT_DB_TABLES,	 /* -> name of every table but schema_version; by name */
	STMT_DB_COLUMNS, /* table -> column name, declared type (upper case), position
			    in the primary key (0 = not in it); in column order */
	STMT_DB_FKEYS,	 /* table -> every table its foreign keys reference */

	/* --- attachments (model/doc/attachment.c); who is ?1-?3 (scope.h) --- */
	STMT_ATTACHMENT_INSERT,	       /* doc_kind, doc_id, filename, mime, size, content,
					  uploaded_by, uploaded_at */
	STMT_ATTACHMENT_LIST,	       /* who, doc_kind, doc_id -> id, filename, mime, size,
					  uploaded_by, uploader's name (email when none),
					  uploaded_at; oldest first */
	STMT_ATTACHMENT_META,	       /* who, id -> doc_kind, doc_id, filename, mime, size,
					  uploaded_by, uploaded_at */
	STMT_ATTACHMENT_CONTENT,       /* who, id -> content */
	STMT_ATTACHMENT_DELETE,	       /* id */
	STMT_ATTACHMENT_COUNT,	       /* who, doc_kind, doc_id -> number of attachments */
	STMT_ATTACHMENT_REPORT_COUNTS, /* year (0 = every year) -> facility code, year,
					  attachments of every report; unscoped (the
					  command line's export) */

	/* --- reference data (model/registry/refdata.c) --- */
	STMT_REFDATA_UNIT_UPSERT,    /* code, name_vi, name_en, dimension, to_base */
	STMT_REFDATA_SECTOR_UPSERT,  /* code, name_vi, name_en, level, parent_code, source,
					reliability */
	STMT_REFDATA_PRODUCT_UPSERT, /* code, name_vi, name_en, sector_code, unit, source */
	STMT_REFDATA_CARRIER_UPSERT, /* code, name_vi, name_en, kind, native_unit, biogenic */
	STMT_REFDATA_FACTOR_UPSERT,  /* carrier_code, unit, toe, gj, kgco2, valid_from, valid_to,
					source, reliability, note, toe_derived */
	STMT_REFDATA_GRID_UPSERT,    /* year, tco2_per_mwh, source, reliability */
	STMT_REFDATA_NORM_UPDATE,    /* product_code, band_min, band_max, valid_from, valid_to,
					value, energy_unit, per_unit, legal_ref, source,
					reliability, note, band_plant (key: ?1-?4, NULL bands
					match NULL) */
	STMT_REFDATA_NORM_INSERT,    /* same parameters as STMT_REFDATA_NORM_UPDATE */
	STMT_REFDATA_ADMIN_UPSERT,   /* code, name, name_en, level, kind, (6 unused), valid_from,
					valid_to, (9 unused), source, reliability */
	STMT_REFDATA_ADMIN_LINK,     /* code, (2-5 unused), parent_id, (7-8 unused),
					successor_id */
	STMT_REFDATA_ADMIN_ID,	     /* code -> id */
	STMT_REFDATA_PLAN_UPSERT,    /* code, title_vi, title_en, issuer, issued_on, start_year,
					end_year, scope, source */
	STMT_REFDATA_PLAN_ID,	     /* code -> id */
	STMT_REFDATA_TARGET_UPDATE,  /* plan_id, indicator, value, value_max, unit, from_year,
					by_year, scope_filter, note, source, reliability
					(key: ?1, ?2, ?7, ?8; NULL filter matches NULL) */
	STMT_REFDATA_TARGET_INSERT,  /* same parameters as STMT_REFDATA_TARGET_UPDATE */
	STMT_REFDATA_COUNTS,	     /* -> rows in unit, sector, product, carrier, carrier_factor,
					grid_factor, norm, admin_unit, plan, plan_target */
	STMT_REFDATA_FACTOR_GET,     /* carrier_code, unit, date -> toe, gj, kgco2, reliability,
					note, toe_derived (NULL factor columns stay NULL) */
	STMT_REFDATA_GRID_GET,	     /* year -> tco2_per_mwh, reliability */
	STMT_REFDATA_NORM_GET,	     /* product_code, yearly output, date, the plant's yearly
					output of the product's class -> value, energy_unit,
					per_unit, legal_ref, reliability, band_plant */
	STMT_REFDATA_ADMIN_GET,	     /* code -> name, level, kind, valid_from, valid_to,
					parent code, successor code */
	STMT_REFDATA_TARGET_GET,     /* plan code, indicator, by_year, scope_filter -> value,
					value_max, unit, from_year, reliability */
	STMT_PLAN_DEFAULT_SET,	     /* code, (2-9 unused), is_default: flags the plan when
					is_default is 1 */
	STMT_PLAN_DEFAULT_GET,	     /* -> code of the default plan (no row: none) */
	/* @refdata-stmts */

	/* --- demo province (model/demo/demo.c) --- */
	STMT_DEMO_FACILITY_COUNT,      /* -> number of facilities */
	STMT_DEMO_UNIT_ID,	       /* admin_unit code -> id */
	STMT_DEMO_PRODUCT_UNIT,	       /* product code -> unit */
	STMT_DEMO_DELETE_MATERIAL,     /* (no parameters) */
	STMT_DEMO_DELETE_WATER,	       /* (no parameters) */
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
	STMT_DEMO_OUTPUT_INSERT, /* report_id, product_code, quantity, unit */
	/* report_id, carrier_code, month, product_code, quantity, unit, cost_vnd */
	STMT_DEMO_ENERGY_INSERT,
	STMT_DEMO_WATER_INSERT,	       /* report_id, source, quantity_m3, cost_vnd */
	STMT_DEMO_MATERIAL_INSERT,     /* report_id, name, quantity, unit, cost_vnd */
	STMT_DEMO_OUTPUT_MONTH_INSERT, /* report_id, product_code, month, quantity */
	/* demo accounts (model/demo/demo_accounts.c) */
	STMT_DEMO_ACCOUNT_FACILITY, /* sector_code, product_code, preferred size -> id, code, name
				     */
	STMT_DEMO_ACCOUNT_BIND,	    /* user id, facility id */
	STMT_DEMO_DETACH_USERS,	    /* (no parameters) */
	/* demo CP assessments (model/demo/demo_assess.c) */
	/* sector, product, preferred size, base year, later year (0: none),
	 * carrier ('' any), preferred least output -> facility id, base report id */
	STMT_DEMO_ASSESS_PICK,
	STMT_DEMO_ASSESS_OUTPUT, /* report id, product -> quantity */
	STMT_DEMO_ASSESS_ENERGY, /* report id -> carrier, unit, quantity (summed) */
	/* facility id, year, title, pilot, funding, funding_note, started_on, focus,
	 * balance_period, status, submitted_on, accepted_on, review_note */
	STMT_DEMO_ASSESS_INSERT,
	/* assessment id, name, team_role, position, organisation, contact */
	STMT_DEMO_ASSESS_MEMBER_INSERT,
	/* assessment id, task, state, responsible, notes, due_on, updated_at */
	STMT_DEMO_ASSESS_TASK_INSERT,
	STMT_DEMO_ASSESS_STEP_INSERT, /* assessment id, seq, name, description */
	/* step id, direction, stream, name, carrier, quantity, unit, to_step_id,
	 * lost_value, treatment_cost, note */
	STMT_DEMO_ASSESS_ITEM_INSERT,
	STMT_DEMO_ASSESS_CAUSE_INSERT, /* item id, description */
	/* assessment id, seq, title, description, waste_item_id, cause_id, kind,
	 * offsite, triage, reject_reason, status, capex, annual_saving, life_years,
	 * cash_flows, discount_rate, opcost_change, score_tech, score_fin,
	 * score_env, implemented_on, actual_cost */
	STMT_DEMO_ASSESS_OPTION_INSERT,
	/* option id, stream, carrier, name, quantity, unit */
	STMT_DEMO_ASSESS_EFFECT_INSERT,
	STMT_DEMO_ASSESS_EVENT_INSERT, /* assessment id, at, actor, action, note */
	/* e-mail: names that expert account on the expert rows whose contact it is */
	STMT_DEMO_ASSESS_EXPERT_BIND,
	STMT_DEMO_ASSESS_DELETE,	/* (no parameters) */
	STMT_DEMO_ASSESS_DELETE_EVENTS, /* (no parameters) */
	/* facility id, first year, product -> report id, year, output */
	STMT_DEMO_ASSESS_REPORTS,
	/* report id, carrier, factor, rounding scale (1: whole units) */
	STMT_DEMO_ASSESS_ENERGY_SCALE,
	/* @demo-stmts */

	/* --- import and export (model/io/csvio.c); the report's lines
	   (STMT_REPORT_*_CLEAR, STMT_REPORT_*_INSERT) are written by
	   model/reporting/report.c too --- */
	STMT_CSVIO_UNITS,	     /* -> code, dimension, to_base */
	STMT_CSVIO_SECTORS,	     /* -> code */
	STMT_CSVIO_PRODUCTS,	     /* -> code, unit */
	STMT_CSVIO_CARRIER_DIMS,     /* -> carrier code, dimension of a factor unit (or NULL) */
	STMT_CSVIO_ADMIN_UNITS,	     /* -> code, id */
	STMT_CSVIO_FACILITY_KEYS,    /* -> code, id, tax_code ('' when none) */
	STMT_CSVIO_REPORT_KEYS,	     /* -> facility_id, year, id */
	STMT_CSVIO_FACILITY_INSERT,  /* code, tax_code, name, name_key, sector_code, admin_unit_id,
					address, lat, lon, ownership, size, employees, opened_year,
					closed_year, status */
	STMT_CSVIO_FACILITY_UPDATE,  /* code (key), then the same 2..15 as FACILITY_INSERT */
	STMT_CSVIO_REPORT_INSERT,    /* facility_id, year, status, cp_aware, cp_staff, cp_unit,
					cp_applied */
	STMT_CSVIO_REPORT_UPDATE,    /* id, status, cp_aware, cp_staff, cp_unit, cp_applied */
	STMT_REPORT_OUTPUT_CLEAR,    /* report_id */
	STMT_REPORT_ENERGY_CLEAR,    /* report_id */
	STMT_REPORT_WATER_CLEAR,     /* report_id */
	STMT_REPORT_MATERIAL_CLEAR,  /* report_id */
	STMT_REPORT_OUTPUT_INSERT,   /* report_id, product_code, quantity, unit */
	STMT_REPORT_ENERGY_INSERT,   /* report_id, carrier_code, month, product_code, quantity,
				       unit, cost_vnd */
	STMT_REPORT_WATER_INSERT,    /* report_id, source, quantity_m3, cost_vnd */
	STMT_REPORT_MATERIAL_INSERT, /* report_id, name, quantity, unit, cost_vnd */
	STMT_CSVIO_FACILITY_EXPORT,  /* -> the 14 facilities.csv columns, by code */
	STMT_CSVIO_REPORT_EXPORT,    /* year or NULL for all -> the 14 reports.csv columns, in
					export order */
	STMT_REPORT_OUTPUT_MONTH_CLEAR,	 /* report_id */
	STMT_REPORT_OUTPUT_MONTH_INSERT, /* report_id, product_code, month, quantity (product's
					  * unit)
					  */
	/* @csvio-stmts */

	/* --- indicators, directory, stats (model/analytics/kpi.c, model/registry/facility.c) ---
	 */
	STMT_FACILITY_COUNT, /* q_like, sector, unit, ownership, size (NULL = any) -> count */
	STMT_FACILITY_LIST,  /* q_like, sector, unit, ownership, size, limit, offset
				-> id, name, sector, sector_vi, sector_en, unit_vi, unit_en,
				   ownership, size */
	STMT_FACILITY_SECTOR_OPTIONS, /* -> code, name_vi, name_en */
	STMT_FACILITY_UNIT_OPTIONS,   /* -> code, name, name_en */
	STMT_STORE_PING,	      /* -> 1 (health check) */
	STMT_KPI_PLAN_GET,	      /* plan code -> id */
	STMT_KPI_PLAN_TARGETS,	      /* plan id -> indicator, value, value_max, from_year, by_year,
					 scope_filter (latest by_year first) */
	STMT_KPI_YEAR_RANGE,	      /* -> min(year), max(year) of report (NULL, NULL when none) */
	STMT_KPI_ADMIN_UNITS,	      /* -> id, code, name, level, parent_id, name_en, valid_from,
					 valid_to, successor_id; by id */
	STMT_KPI_FACILITIES, /* -> id, admin_unit_id, opened_year, closed_year, sector_code,
				ownership, size; by id */
	STMT_KPI_REPORTS,    /* -> id, facility_id, year, cp_aware, cp_staff, cp_applied, cp_unit;
				by facility_id, year */
	STMT_KPI_WATER,	     /* -> report_id, quantity_m3 (every line, unordered) */
	STMT_KPI_MATERIALS,  /* -> report_id, name, quantity, unit (every line, unordered) */
	STMT_KPI_PRODUCTS,   /* -> code, unit, sector_code; by code */
	STMT_KPI_UNITS,	     /* -> code, dimension, to_base */
	STMT_STATS_TABLES,   /* -> name of every table of the schema; by name */
	STMT_STATS_ROWS,     /* -> table name, row count, for the tables of the migrations */
	STMT_FACILITY_LIST_ALL, /* q_like, sector, unit, ownership, size (NULL = any) -> name,
				   sector, sector_vi, sector_en, unit_vi, unit_en, ownership,
				   size; unpaged, in STMT_FACILITY_LIST's order */
	/* @web-stmts */

	/* --- energy analytics: ledger, benchmarks, key users, checks --- */
	/* code, kind, value, unit, valid_from, valid_to, legal_ref, source, reliability, note */
	STMT_ANALYTICS_THRESHOLD_UPSERT,
	STMT_ANALYTICS_THRESHOLD_GET, /* code, kind, 'yyyy-12-31', 'yyyy-01-01' -> value,
					 legal_ref (latest valid_from overlapping the year) */
	STMT_LEDGER_CARRIERS,	      /* -> code, kind, biogenic, native_unit */
	STMT_LEDGER_FACTORS,	      /* -> carrier_code, unit, toe, gj, kgco2 (NULL = none),
					 valid_from, valid_to, toe_derived */
	STMT_LEDGER_GRID,	      /* -> year, tco2_per_mwh */
	STMT_LEDGER_NORMS,	      /* -> product_code, band_min, band_max, valid_from, valid_to,
					 value, energy_unit, per_unit, legal_ref, band_plant */
	/* The four statements below take: first year, last year, facility id (0 = all),
	 * product code (NULL = all; keeps reports that have an output of it). */
	STMT_LEDGER_REPORTS,	   /* first, last, facility, product, accepted_only -> id,
					 facility_id, year; by facility_id, year */
	STMT_LEDGER_ENERGY,	   /* -> report_id, carrier_code, unit, quantity, month,
				      product_code (unordered) */
	STMT_LEDGER_OUTPUTS,	   /* -> report_id, product_code, quantity, unit (unordered) */
	STMT_LEDGER_OUTPUT_MONTHS, /* -> report_id, product_code, month, quantity (unordered) */
	/* the same three, every row of the table (ledger_load_all) */
	STMT_LEDGER_ENERGY_SCAN,
	STMT_LEDGER_OUTPUTS_SCAN,
	STMT_LEDGER_OUTPUT_MONTHS_SCAN,
	STMT_ANALYTICS_FACILITIES, /* facility id (0 = all) -> id, code, name, tax_code ('' none),
				      district name (a commune's parent), sector_code; by id */
	/* Scoped (who in ?1-?3, model/accounts/scope.h), 'yyyy-12-31', year -> the columns
	 * of STMT_ANALYTICS_FACILITIES for the facilities with a report of year,
	 * the unit being the one each was in on that day (facility_unit_history,
	 * else its unit); for a district user that unit is its own or directly
	 * under it.  By id. */
	STMT_KEYUSERS_FACILITIES,
	STMT_BENCH_PRODUCTS,	/* year -> code, name_vi, name_en of products with an output then */
	STMT_BENCH_PRODUCT_GET, /* code -> name_vi, name_en, unit */
	/* plausibility limits (model/reporting/plausible.c) */
	STMT_PLAUS_UPSERT,    /* code, line, item, unit, value, basis, source, reliability */
	STMT_PLAUS_LIST,      /* -> code, line, item, unit, value */
	STMT_PLAUS_UNITS,     /* -> code, dimension, to_base */
	STMT_PLAUS_EMPLOYEES, /* facility id (0 = all) -> id, employees (known and above 0) */
	/* @analytics-stmts */

	/* --- plan indicators by breakdown, unit history --- */
	STMT_KPI_UNIT_HISTORY, /* -> facility_id, admin_unit_id, valid_from, valid_to (dated
				  facility_unit_history rows only); by facility_id, valid_from */
	STMT_KPI_SECTORS,      /* -> code, name_vi, name_en; by code */
	STMT_KPI_PLAN_START,   /* plan code -> start_year (NULL when the plan has none) */
	STMT_UNITH_FACILITY,   /* facility code -> id, admin_unit_id, version */
	STMT_UNITH_UNIT,       /* unit code -> id, level, valid_from, valid_to, name */
	STMT_UNITH_OPEN,       /* facility_id -> id, valid_from of its open history row */
	STMT_UNITH_LAST_TO,    /* facility_id -> max(valid_to) of its closed rows */
	STMT_UNITH_INSERT,     /* facility_id, admin_unit_id, valid_from, valid_to */
	STMT_UNITH_CLOSE,      /* row id, new unit's valid_from (valid_to = the day before) */
	STMT_UNITH_SET_UNIT,   /* facility id, admin_unit_id, version (optimistic check) */
	STMT_UNITH_LIST,       /* facility id -> unit code, unit name, valid_from, valid_to;
				  by valid_from (NULL first) */
	/* @indicators-stmts */

	/* --- accounts, sessions, audit (model/accounts/user.c, model/accounts/session.c,
	   model/audit.c) --- */
	/* email, name, role, admin_unit_id, facility_id, password_hash, now (Unix s) */
	STMT_USER_INSERT,
	STMT_USER_GET,		/* id -> the user columns (see model/accounts/user.c USER_COLS) */
	STMT_USER_BY_EMAIL,	/* email -> the user columns */
	STMT_USER_LIST,		/* -> the user columns of every user, by email */
	STMT_USER_SET_PASSWORD, /* id, password_hash */
	STMT_USER_SET_STATUS,	/* id, status */
	STMT_USER_UNIT_BY_CODE, /* admin_unit code -> id, level */
	STMT_USER_FACILITY_GET, /* facility id -> id */
	/* id, name, role, admin_unit_id, facility_id, version -> changes 1 row, or 0 when stale */
	STMT_USER_UPDATE,
	STMT_USER_PICK, /* lower-case text, limit -> email, name (email or name containing it) */
	/* folded LIKE key (NULL: none), text as typed, limit -> id, name, code, tax_code,
	   unit name, 1 when code or tax code equals the text; exact matches first */
	STMT_FACILITY_PICK,
	STMT_SESSION_INSERT, /* token_hash, user_id, csrf, now, expires_at (Unix s) */
	STMT_SESSION_GET,    /* token_hash -> user_id, csrf, created, last_seen, expires (Unix s),
				role, admin_unit_id, facility_id, email, status */
	STMT_SESSION_TOUCH,  /* token_hash, now (Unix s) */
	STMT_SESSION_DELETE, /* token_hash */
	STMT_SESSION_DELETE_USER, /* user_id, token_hash to keep (NULL = none) */
	STMT_SESSION_AGE,	  /* token_hash, seconds (test hook: moves all times back) */
	STMT_APITOKEN_INSERT,	  /* user_id, name, token_hash, now */
	STMT_APITOKEN_GET,	  /* token_hash -> id, user_id, role, admin_unit_id, facility_id,
				     email, status (not revoked) */
	STMT_APITOKEN_LIST,	  /* user_id -> id, name, created_at, last_used (NULL), revoked_at
				     (NULL); newest first */
	STMT_APITOKEN_REVOKE,	  /* id, user_id, now */
	STMT_APITOKEN_REVOKE_ALL, /* user_id, now: every live token of the user */
	STMT_APITOKEN_TOUCH,	  /* id, now */
	STMT_THROTTLE_FAIL,	  /* now, email, addr */
	STMT_THROTTLE_BY_EMAIL,	  /* email, since -> count, oldest at (NULL when none) */
	STMT_THROTTLE_BY_ADDR,	  /* addr, since -> count, oldest at (NULL when none) */
	STMT_THROTTLE_CLEAR,	  /* email */
	STMT_THROTTLE_PURGE,	  /* before (Unix s) */
	/* now (Unix s), user_id (NULL), actor, action, entity, entity_id, before_json,
	 * after_json */
	STMT_AUDIT_INSERT,
	STMT_AUDIT_COUNT, /* action, entity_id (NULL = any) -> count */
	/* @auth-stmts */

	/* --- enterprise reporting workflow: reports, registrations, claims, facility
	   profiles, the review queue, the audit search (model/reporting/,
	   model/registry/claim.c, model/registry/facility_edit.c, model/audit.c) --- */
	/* Scoped statements take the caller in ?1 role, ?2 unit id, ?3 user id
	 * (model/accounts/scope.h); their own parameters follow from ?4. */
	STMT_FACILITY_SEE,	   /* who, facility id -> id */
	STMT_REPORT_GET,	   /* who, report id -> id, facility_id, year, status,
				      forwarded (0/1), cp_aware, cp_staff, cp_unit,
				      cp_applied, submitted_on, review_note, version */
	STMT_REPORT_FIND,	   /* who, facility id, year -> report id */
	STMT_REPORT_LATEST_BEFORE, /* who, facility id, year -> id of the latest earlier */
	STMT_REPORT_OUTPUT_LIST,   /* who, report id -> product, quantity, unit; by id */
	STMT_REPORT_ENERGY_LIST,   /* who, report id -> carrier, quantity, unit, month (0 =
			      none), product ('' = none), cost_vnd; by id */
	STMT_REPORT_WATER_LIST,	   /* who, report id -> source, quantity_m3, cost_vnd; by id */
	STMT_REPORT_MATERIAL_LIST, /* who, report id -> name, quantity, unit, cost_vnd; by id */
	/* The report form's choices and explanations (reporting/choices.c, report.c). */
	STMT_CHOICE_PRODUCTS,	   /* -> code, name_vi, name_en, sector_code, unit; by name_vi */
	STMT_CHOICE_UNITS,	   /* -> code, name_vi, name_en, dimension; by dimension, to_base */
	STMT_CHOICE_CARRIER_UNITS, /* -> carrier code, unit code: every unit in the dimension of
				      one of the carrier's factors; by carrier, to_base */
	STMT_REPORT_EXPL_CLEAR,	   /* report_id */
	STMT_REPORT_EXPL_INSERT,   /* report_id, field, warning_vi, warning_en, explanation */
	STMT_REPORT_EXPL_LIST,	   /* who, report id -> field, warning_vi, warning_en,
				      explanation; by id */
	STMT_REPORT_INSERT,	   /* facility_id, year, cp_aware, cp_staff, cp_unit,
				      cp_applied */
	STMT_REPORT_UPDATE,	   /* id, version (expected), cp_aware, cp_staff, cp_unit,
				      cp_applied; bumps version */
	STMT_REPORT_STATE,	   /* id, version (expected), status, forwarded (0/1),
				      review_note, submitted (1 = stamp submitted_on) */
	STMT_PRODUCT_UNIT,	   /* product code -> unit, unit dimension, sector_code */
	STMT_UNIT_GET,		   /* unit code -> dimension, to_base */
	STMT_CARRIER_CHECK,	   /* carrier, unit -> carrier exists (0/1), has a factor in
				      the unit's dimension (0/1) */
	STMT_UNIT_LIST,		   /* -> code, dimension, to_base */
	STMT_FACTOR_LIST,	   /* -> carrier, unit, toe (NULL), gj (NULL), valid_from,
				      valid_to ('' = open) */
	STMT_REGISTRATION_GET,	   /* who, id -> id, facility_id, year, status, forwarded,
				      apply_cp, planned_saving_pct, measures, submitted_on,
				      review_note, version */
	STMT_REGISTRATION_FIND,	   /* who, facility id, year -> registration id */
	STMT_REGISTRATION_LATEST_BEFORE, /* who, facility id, year -> id of the latest earlier */
	STMT_REGISTRATION_INSERT,   /* facility_id, year, apply_cp, planned_saving_pct, measures */
	STMT_REGISTRATION_UPDATE,   /* id, version (expected), apply_cp, planned_saving_pct,
			       measures; bumps version */
	STMT_REGISTRATION_STATE,    /* same parameters as STMT_REPORT_STATE */
	STMT_FACILITY_FIND,	    /* code or tax code -> facility id (public data) */
	STMT_CLAIM_GET,		    /* who, claim id -> id, user_id, facility_id, status,
					       version, note (visible to province staff, the
					       claimant, and the facility's district) */
	STMT_CLAIM_FIND,	    /* user id, facility id -> id, status, version */
	STMT_CLAIM_INSERT,	    /* user id, facility id, status, decided_by (NULL), note */
	STMT_CLAIM_SET,		    /* id, version (expected), status, decided_by (NULL = a new
					       claim: restamps claimed_at), note; bumps version */
	STMT_CLAIM_LIST,	    /* who, status (NULL = any) -> id, user_id, email,
				       facility_id, code, name, status, claimed_at, note,
				       version; newest first */
	STMT_USER_ROLE,		    /* user id -> role, status */
	STMT_FACILITY_GET,	    /* who, id -> id, code, tax_code, name, sector_code,
				       admin_unit_id, address, lat, lon, ownership, size,
				       employees, opened_year, closed_year, status, version */
	STMT_FACILITY_UPDATE,	    /* id, version (expected), tax_code, name, name_key,
					  sector_code, address, lat, lon, ownership, size,
					  employees, opened_year, closed_year; bumps version */
	STMT_SECTOR_EXISTS,	    /* sector code -> 1 */
	STMT_FACILITY_TAX_TAKEN,    /* tax code, facility id -> 1 when another facility has it */
	STMT_WORKFLOW_QUEUE,	    /* who, kind, year, unit id, sector prefix (NULL = any),
			       state mask (1 << enum wf_state), limit, offset, facility
			       name key (folded, LIKE-escaped; NULL = any), the same
			       text as typed (code or tax code)
			       -> kind, id, facility_id, version, year, status,
			       forwarded, facility name, code, unit name, sector,
			       submitted_on, last submission's time (Unix s, 0) */
	STMT_WORKFLOW_QUEUE_COUNTS, /* who, kind, year, unit id, sector, facility name key,
			       text as typed -> status, forwarded, count */
	STMT_ADMIN_UNIT_ID,	    /* admin_unit code -> id */
	STMT_AUDIT_SEARCH,	    /* entity, actor (email), action prefix, from date,
				       to date (YYYY-MM-DD; NULL = any), limit, offset
				       -> id, at, actor, action, entity, entity_id,
				       before_json, after_json; newest first */
	STMT_AUDIT_SEARCH_COUNT,    /* the filters of STMT_AUDIT_SEARCH -> count */
	STMT_CARRIER_LIST,	    /* -> code, name_vi, name_en, kind, native_unit, biogenic */
	/* @workflow-stmts */

	/* --- reviewer's desk (model/doc/history.c, model/reporting/review.c) --- */
	STMT_DOC_EVENT_INSERT,	  /* kind, doc id, at (Unix s), user id (NULL), actor, action,
				     note, content (NULL) */
	STMT_DOC_EVENT_LIST,	  /* kind, doc id -> id, at, actor's name (the account's
				     name, else the recorded actor), action, note, content
				     (NULL but for submissions); oldest first */
	STMT_REFDATA_NAMES,	  /* -> table ('product', 'carrier', 'unit'), code, name_vi,
				     name_en */
	STMT_PLAN_DEFAULT_ISSUER, /* -> issuer of the default plan */
	STMT_ADMIN_UNIT_PICK,	  /* who -> code, name, level, valid_to ('' none): the units
				     below the province the caller's queue covers; by name */
	STMT_SECTOR_PICK, /* -> code, name_vi, name_en, level of every VSIC sector; by code */
	/* --- enterprise home and deadlines (model/reporting/home.c) --- */
	STMT_DEADLINE_GET,     /* year -> report_due ('' = default), registration_due,
				  version */
	STMT_DEADLINE_LIST,    /* first year, last year -> year, report_due,
				  registration_due, version; by year */
	STMT_DEADLINE_INSERT,  /* year, report_due (NULL), registration_due (NULL), now,
				  user id */
	STMT_DEADLINE_UPDATE,  /* year, version (expected), report_due (NULL),
				  registration_due (NULL), now, user id; bumps version */
	STMT_HOME_SEEN_GET,    /* user id -> audit id marked seen */
	STMT_HOME_SEEN_SET,    /* user id, audit id, now; never moves back */
	STMT_HOME_NOTICES,     /* user id, after audit id, limit -> audit id, at, action,
				  kind, year, facility id, facility name, document id;
				  returns and acceptances of documents of the user's
				  confirmed facilities, newest first */
	STMT_HOME_LAST_RETURN, /* kind, document id (text) -> at, the reviewer's name or
				  email; its latest return or reopen */
	/* --- form drafts and stashes (model/doc/formdraft.c) --- */
	STMT_FORMDRAFT_PUT,    /* user, path, body, base_version, saved_at; replaces */
	STMT_FORMDRAFT_GET,    /* user, path, saved since -> body, base_version, saved_at */
	STMT_FORMDRAFT_DELETE, /* user, path */
	STMT_FORMDRAFT_EXPIRE, /* drafts saved before ?1 */
	STMT_FORMSTASH_INSERT, /* hash, path, body, base_version, created_at, expires_at */
	STMT_FORMSTASH_GET,    /* hash, now -> path, body, base_version, created_at */
	STMT_FORMSTASH_DELETE, /* hash */
	STMT_FORMSTASH_EXPIRE, /* stashes expired at ?1 */
	STMT_FORMSTASH_COUNT,  /* -> the number of stashes */
	STMT_DOC_LAST_CHANGE,  /* entity (kind), entity_id -> actor, at (UTC text); newest */
	/* @drafts-stmts */

	/* @campaign-stmts */
	STMT_CAMPAIGN_INSERT, /* year, kind, deadline, title, sector, size, key_users, by, at */
	STMT_CAMPAIGN_UNIT_INSERT,     /* campaign, unit id */
	STMT_CAMPAIGN_UNIT_ID,	       /* unit code -> id, name */
	STMT_CAMPAIGN_CANDIDATES,      /* sector prefix|NULL, size|NULL -> facility id, unit id,
					  parent id (0), level */
	STMT_CAMPAIGN_FACILITY_INSERT, /* campaign, facility, district id, invited_at */
	STMT_CAMPAIGN_LIST,	       /* id (0: all) -> id, year, kind, deadline, title, state,
					  sector, size, key_users, created_at, email, facilities */
	STMT_CAMPAIGN_UNITS,	       /* campaign -> code, name, name_en of its scope's units */
	STMT_CAMPAIGN_PROGRESS_ROWS,   /* campaign, year, unit id (0: all) -> unit id, code, name,
					  name_en, opened 0/1, report status, registration status */
	STMT_CAMPAIGN_MEMBERS,	     /* campaign -> facility id, code, name, unit code, unit name */
	STMT_CAMPAIGN_FACILITY_FIND, /* scope 1-3, campaign, facility code -> id, unit id, name */
	STMT_CAMPAIGN_BOOK_FACILITIES, /* campaign, unit id|0, facility id|0 -> id, code, name,
					  tax code, unit name, sector name; by code */
	STMT_CAMPAIGN_BOOK_OUTPUTS,    /* campaign, unit id|0, facility id|0, year -> facility id,
					  product, unit of the last accepted report before year */
	STMT_CAMPAIGN_BOOK_ENERGY,     /* the same -> facility id, carrier, unit */
	STMT_CAMPAIGN_OPENED_SET,      /* campaign, facility, now: first opening */
	STMT_CAMPAIGN_FORM_OPENED,     /* facility, year, registration 0/1, now */
	STMT_CAMPAIGN_OF_FACILITY,     /* facility -> ids of the open campaigns it is in */
	STMT_CAMPAIGN_CLOSE,	       /* campaign: open -> closed */
	STMT_CAMPAIGN_REMIND_ROWS,     /* campaign, year -> facility id, code, report status,
					  registration status; active facilities */

	/* @wbimport-stmts */
	STMT_WBI_FACILITY_BY_CODE, /* code -> id, name */
	STMT_WBUPLOAD_INSERT,	   /* token_hash, user_id, filename, year, content, created_at,
				      expires_at */
	STMT_WBUPLOAD_GET,	   /* token_hash, user_id, now -> filename, year, content */
	STMT_WBUPLOAD_DELETE,	   /* token_hash */
	STMT_WBUPLOAD_EXPIRE,	   /* now: removes the expired */

	/* @mapping-stmts */
	STMT_MAPPROF_LIST,	 /* -> name, target, version, updated_by, updated_at; by name */
	STMT_MAPPROF_GET,	 /* name -> id, target, body, version, created_by, created_at,
				    updated_by, updated_at */
	STMT_MAPPROF_INSERT,	 /* name, target, body, actor, now */
	STMT_MAPPROF_UPDATE,	 /* name, target, body, actor, now, version expected; version + 1 */
	STMT_MAPPROF_DELETE,	 /* name */
	STMT_MAPUP_INSERT,	 /* token_hash, user_id, filename, content, expires_at */
	STMT_MAPUP_GET,		 /* token_hash, user_id, now -> filename, content */
	STMT_MAPUP_EXPIRE,	 /* uploads expired at ?1 */
	STMT_MAPREF_SECTORS,	 /* -> code, name_vi, name_en; by code */
	STMT_MAPREF_ADMIN,	 /* -> code, name, name_en; by code */
	STMT_MAPREF_CARRIERS,	 /* -> code, name_vi, name_en; by code */
	STMT_MAPREF_PRODUCTS,	 /* -> code, name_vi, name_en; by code */
	STMT_MAPREF_UNITS,	 /* -> code, name_vi, name_en; by code */
	STMT_MAPREF_SCOPE_UNITS, /* district unit id -> codes of it and the units under it */
	STMT_MAPREF_SCOPE_FACILITIES, /* district unit id -> codes of its facilities */

	/* @mail-stmts */
	/* --- e-mail (model/mail/): the outbox, opt-outs, password reset tokens --- */
	/* kind, recipient, user_id (NULL), subject, body, facility_id (NULL), doc_kind (NULL),
	   doc_id (NULL), dedup_key (NULL), now: queued, due now; a taken dedup_key inserts
	   nothing (0 rows changed) */
	STMT_MAIL_QUEUE,
	STMT_MAIL_DUE,	   /* now, stale claim time, limit -> id, state; due first */
	STMT_MAIL_CLAIM,   /* id, now, stale claim time -> 1 row changed when this caller won it */
	STMT_MAIL_GET,	   /* id -> recipient, subject, body, attempts, kind */
	STMT_MAIL_SENT,	   /* id, now (a password reset's body is blanked) */
	STMT_MAIL_RETRY,   /* id, next_at, error */
	STMT_MAIL_FAILED,  /* id, error */
	STMT_MAIL_LIST,	   /* state (NULL = any), limit -> id, kind, recipient, subject, state,
			      attempts, next_at, last_error, created_at, sent_at (NULL); newest
			      first */
	STMT_MAIL_PENDING, /* now -> id, kind, recipient, subject, attempts: queued and due */
	STMT_MAIL_OPTOUT_GET,	/* user_id -> 1 when the user turned notices off */
	STMT_MAIL_OPTOUT_SET,	/* user_id, now (replaces) */
	STMT_MAIL_OPTOUT_CLEAR, /* user_id */
	/* facility id -> user id, email, name ('' when none), facility name: the facility's
	   active enterprise users (confirmed members) with notices on; by user id */
	STMT_MAIL_FACILITY_RECIPIENTS,
	/* doc kind name, year -> facility id, facility name, user id, email, name: every active
	   facility with such users (as above) and no submitted or accepted document of that
	   kind and year; by facility, user */
	STMT_MAIL_REMIND_RECIPIENTS,
	/* email, addr, user_id (NULL), token_hash (NULL), now, expires_at */
	STMT_PWRESET_INSERT,
	STMT_PWRESET_BY_EMAIL, /* email, since -> requests naming it since then */
	STMT_PWRESET_BY_ADDR,  /* addr, since -> requests from it since then */
	STMT_PWRESET_GET,      /* token_hash, now -> id, user_id: unused and not expired */
	STMT_PWRESET_USE,      /* id, now -> 1 row changed when still unused */
	STMT_PWRESET_PURGE,    /* before: requests created before then */

	/* @exports-stmts */
	STMT_EXPORTS_PROVINCE, /* date (yyyy-mm-dd) -> name, name_en of the province valid then */
	STMT_EXPORTS_FACILITY, /* facility id -> address, sector name_vi, sector name_en */
	STMT_EXPORTS_NAMES,    /* -> table (0 sector, 1 unit, 2 carrier, 3 product), code, vi, en */

	/* --- CP assessments (model/assess/assessment.c); scoped ones take who in
	   ?1-?3 (scope.h, and an expert sees the assessments its team row names)
	   --- */
	STMT_ASSESS_GET,	   /* who, id -> id, facility_id, year, status, title, pilot,
				      funding, funding_note, started_on, focus, balance_period,
				      tolerance_pct, weight_tech, weight_fin, weight_env,
				      submitted_on, review_note, accepted_on, published, version */
	STMT_ASSESS_FIND,	   /* who, facility id, year -> id */
	STMT_ASSESS_INSERT,	   /* facility, year, title, pilot, funding, funding_note,
				      started_on, focus, period, tolerance, 3 weights -> id */
	STMT_ASSESS_UPDATE,	   /* id, version, then as STMT_ASSESS_INSERT from title */
	STMT_ASSESS_STATE,	   /* id, version, status, forwarded, note, submitted */
	STMT_ASSESS_TOUCH,	   /* id, version -> 1 row changed when still current */
	STMT_ASSESS_MEMBER_LIST,   /* assessment -> id, user_id (0), name, team_role, position,
				      organisation, contact, account email ('') */
	STMT_ASSESS_MEMBER_INSERT, /* assessment, user_id, name, team_role, position,
				      organisation, contact -> id */
	STMT_ASSESS_MEMBER_DELETE, /* member id, assessment */
	STMT_ASSESS_MEMBER_HAS,	   /* assessment, user id -> 1 when a member */
	STMT_ASSESS_ACCOUNT,	   /* e-mail -> id, role, name; active accounts */
	STMT_ASSESS_TASK_LIST,	   /* assessment -> task, state, responsible, notes, due_on
				      (''), updated_at (0), files */
	STMT_ASSESS_TASK_UPSERT,   /* assessment, task, state, responsible, notes, due_on,
				      updated_at */
	STMT_ASSESS_LIST,	   /* who, state, year, pilot, facility (NULL any), limit,
				      offset -> id, facility_id, version, year, pilot, status,
				      facility name, code, unit name, sector, title, started_on,
				      tasks done or skipped (bit task-1 set), options,
				      implemented ones */
	STMT_ASSESS_LIST_COUNT,	   /* who, state, year, pilot, facility -> count */
	/* @assess-stmts */
	/* files of an assessment (model/assess/afile.c) */
	STMT_AFILE_INSERT,  /* assessment, task (NULL), filename, mime, size, content,
			       uploaded_by, uploaded_at -> id */
	STMT_AFILE_LIST,    /* assessment -> id, task (0), filename, mime, size, uploaded_by,
			       uploader name or e-mail, uploaded_at */
	STMT_AFILE_META,    /* assessment, file id -> task (0), filename, mime, size,
			       uploaded_by, uploaded_at */
	STMT_AFILE_CONTENT, /* assessment, file id -> content */
	STMT_AFILE_DELETE,  /* assessment, file id */

	/* @assess-process-stmts */
	STMT_PROCESS_STEP_LIST,	   /* assessment -> id, seq, name, description; by seq */
	STMT_PROCESS_STEP_INSERT,  /* assessment, name, description (seq: the last + 1) */
	STMT_PROCESS_STEP_UPDATE,  /* id, assessment, name, description */
	STMT_PROCESS_STEP_SEQ,	   /* id, assessment, seq */
	STMT_PROCESS_STEP_DELETE,  /* id, assessment */
	STMT_PROCESS_LINE_LIST,	   /* assessment -> id, step_id, direction, stream, name,
				      carrier ('' none), quantity, unit, to_step_id (0 none),
				      lost_value, treatment_cost (NULL none), note; by step seq,
				      then id */
	STMT_PROCESS_LINE_INSERT,  /* step, direction, stream, name, carrier, quantity, unit,
				      to_step, lost_value, treatment_cost, note (NULLs allowed) */
	STMT_PROCESS_LINE_UPDATE,  /* id, direction, stream, name, carrier, quantity, unit,
				      to_step, lost_value, treatment_cost, note */
	STMT_PROCESS_LINE_DELETE,  /* id */
	STMT_PROCESS_CAUSE_LIST,   /* assessment -> id, item_id, description; by id */
	STMT_PROCESS_CAUSE_INSERT, /* item, description */
	STMT_PROCESS_CAUSE_DELETE, /* id */
	STMT_PROCESS_UNITS,	   /* -> code, dimension, to_base */

	/* @assess-option-stmts */
	/* --- CP options (model/assess/option.c); the caller checked the assessment --- */
	STMT_OPTION_LIST,	   /* assessment -> id, assessment_id, version, seq, title,
				      description, waste_item_id, cause_id, kind, offsite, triage,
				      reject_reason, status, capex, annual_saving, life_years,
				      cash_flows, discount_rate, opcost_change, score_tech,
				      score_fin, score_env, implemented_on (''), actual_cost; by seq */
	STMT_OPTION_EFFECT_LIST,   /* assessment -> option_id, stream, carrier, name, qty, unit */
	STMT_OPTION_ASSESSMENT,	   /* option id -> assessment id */
	STMT_OPTION_WASTE_OF,	   /* balance item id, assessment -> 1 when a waste or emission
				      line of it */
	STMT_OPTION_CAUSE_OF,	   /* cause id, assessment -> 1 when a cause of it */
	STMT_OPTION_CARRIER,	   /* carrier code -> 1 */
	STMT_OPTION_UNIT,	   /* unit code -> 1 */
	STMT_OPTION_NEXT_SEQ,	   /* assessment -> the next seq */
	STMT_OPTION_INSERT,	   /* assessment, seq, title, description, waste_item_id,
				      cause_id, kind, offsite, triage, reject_reason, capex,
				      annual_saving, life_years, cash_flows, discount_rate,
				      opcost_change, score_tech, score_fin, score_env -> id */
	STMT_OPTION_UPDATE,	   /* id, version, as STMT_OPTION_INSERT from title, status */
	STMT_OPTION_DELETE,	   /* id, version */
	STMT_OPTION_STATUS,	   /* id, version, status, implemented_on, actual_cost */
	STMT_OPTION_EFFECT_INSERT, /* option, stream, carrier, name, qty, unit */
	STMT_OPTION_EFFECT_DELETE, /* option */
	STMT_OPTION_TARGETS,	   /* assessment -> balance item id, item name, step name, cause id
				      (NULL), cause description; waste and emission lines */

	/* --- CP options across assessments (model/assess/option_stats.c) --- */
	STMT_OPTION_STATS_ASSESSMENTS, /* who, year, unit code (NULL any) -> assessment id, status,
					  year, facility id, name, code, unit name, sector code,
					  its division's code, name_vi, name_en ('' unknown) */

	/* @assess-savings-stmts */
	STMT_MEASURED_OPTIONS_FACILITY,	  /* facility -> the implemented options (dated) of its
					     assessments, by date: id, assessment_id, seq, title,
					     kind, triage, status, implemented_on, capex,
					     annual_saving, cash_flows, assessment year,
					     life_years */
	STMT_MEASURED_OPTIONS_ASSESSMENT, /* assessment -> every option, by seq (same columns) */
	STMT_MEASURED_PRODUCT,		  /* product code -> name_vi, name_en */
	STMT_MEASURED_EFFECTS,	/* option -> carrier, quantity, unit of its energy effects */
	STMT_MEASURED_EVIDENCE, /* -> facility_id, earliest implemented_on of an
				   implemented option in an accepted or sustaining
				   assessment, by facility */
	STMT_MEASURED_PILOTS,	/* -> accepted_on of every accepted or sustaining pilot */
	STMT_CASE_LIST,		/* -> published case studies: id, year, title, focus,
				   sector code, division name vi/en, district name,
				   size, accepted_on, facility_id, facility name,
				   code (to scrub texts only); newest first */
	STMT_CASE_GET,		/* id -> the published case study (same columns) */
	STMT_CASE_PUBLISH,	/* id, published (0/1) -> sets assessment.published */

	/* @assess-report-stmts */
	STMT_ASSESS_FACILITY, /* who, assessment id -> facility name, code, address, sector
				 code, sector name_vi, name_en, unit name, size, ownership */

	STMT__MAX
};

#endif
