/*
 * PostgreSQL's side of the statement table: only what differs from the
 * common text of sql_sqlite.c, which PostgreSQL runs too.  Texts here use
 * the same ?N placeholders; db_pg.c rewrites them to $N when it prepares.
 *
 * An entry here is a statement whose text really differs: dates and times
 * are formatted with to_char so the stored text is the same as SQLite's
 * (UTC, 'YYYY-MM-DD HH:MM:SS' or ISO 8601 with T and Z); the catalog is read
 * from pg_catalog and information_schema instead of sqlite_schema and
 * pragmas; e-mail addresses compare without case through lower() where
 * SQLite's column is COLLATE NOCASE; the demo's bulk deletes and inserts
 * with explicit ids move the identity sequences; a NULL written into a
 * UNION carries a type.
 *
 * db_pg_returning_id[] lists the INSERTs (and upserts) whose new row's id
 * a caller may read with db_last_id(): db_pg.c appends " RETURNING id" to
 * their text, common or overridden, and keeps the id; on SQLite every
 * INSERT sets it.  A statement not listed leaves db_last_id() unchanged.
 */
#include "db/db_int.h"

const char *const db_pg_override[STMT__MAX] = {
    [STMT_SCHEMA_VERSION_ADD] =
	"INSERT INTO schema_version(version, applied_at) "
	"VALUES (?1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
    [STMT_DB_TABLES] =
	"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
	"AND table_type = 'BASE TABLE' AND table_name <> 'schema_version' ORDER BY table_name",
    [STMT_DB_COLUMNS] =
	"SELECT a.attname, upper(format_type(a.atttypid, a.atttypmod)), "
	"coalesce((SELECT k.n FROM pg_index i, unnest(i.indkey) WITH ORDINALITY k(att, n) "
	"WHERE i.indrelid = c.oid AND i.indisprimary AND k.att = a.attnum), 0) "
	"FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
	"WHERE c.relname = ?1 AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = "
	"current_schema()) "
	"AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
    [STMT_DB_FKEYS] =
	"SELECT DISTINCT r.relname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
	"JOIN pg_class r ON r.oid = k.confrelid WHERE k.contype = 'f' AND c.relname = ?1 "
	"AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
    [STMT_DEMO_DELETE_MATERIAL] =
	"WITH d AS (DELETE FROM report_material RETURNING 1) SELECT "
	"setval(pg_get_serial_sequence('report_material', 'id'), 1, false)",
    [STMT_DEMO_DELETE_WATER] = "WITH d AS (DELETE FROM report_water RETURNING 1) SELECT "
			       "setval(pg_get_serial_sequence('report_water', 'id'), 1, false)",
    [STMT_DEMO_DELETE_ENERGY] = "WITH d AS (DELETE FROM report_energy RETURNING 1) SELECT "
				"setval(pg_get_serial_sequence('report_energy', 'id'), 1, false)",
    [STMT_DEMO_DELETE_OUTPUT] = "WITH d AS (DELETE FROM report_output RETURNING 1) SELECT "
				"setval(pg_get_serial_sequence('report_output', 'id'), 1, false)",
    [STMT_DEMO_FACILITY_INSERT] =
	"WITH i AS ("
	"INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id, "
	"address, ownership, size, employees, opened_year, closed_year, status) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
	" RETURNING id) SELECT setval('facility_id_seq', greatest((SELECT id FROM i), (SELECT "
	"last_value FROM facility_id_seq)))",
    [STMT_DEMO_REPORT_INSERT] =
	"WITH i AS ("
	"INSERT INTO report(id, facility_id, year, status, cp_aware, cp_staff, cp_unit, "
	"cp_applied, submitted_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	" RETURNING id) SELECT setval('report_id_seq', greatest((SELECT id FROM i), (SELECT "
	"last_value FROM report_id_seq)))",
    [STMT_CSVIO_REPORT_EXPORT] =
	"WITH r AS (SELECT r.id, f.code AS fc, r.year, r.status, r.cp_aware, r.cp_staff, "
	"r.cp_unit, r.cp_applied FROM report r JOIN facility f ON f.id = r.facility_id "
	"WHERE ?1::bigint IS NULL OR r.year = ?1), "
	"l AS ("
	"SELECT report_id AS rid, 0 AS lk, 'output' AS line, '' AS item, product_code AS pr, "
	"NULL::bigint AS month, quantity AS q, unit AS u, NULL::double precision AS cost, id "
	"FROM report_output "
	"UNION ALL SELECT m.report_id, 0, 'output', '', m.product_code, m.month, m.quantity, "
	"p.unit, NULL, m.month FROM report_output_month m JOIN product p ON p.code = "
	"m.product_code "
	"UNION ALL SELECT report_id, 1, 'energy', carrier_code, coalesce(product_code, ''), "
	"month, quantity, unit, cost_vnd, id FROM report_energy "
	"UNION ALL SELECT report_id, 2, 'water', source, '', NULL, quantity_m3, 'm3', "
	"cost_vnd, id FROM report_water "
	"UNION ALL SELECT report_id, 3, 'material', name, '', NULL, quantity, unit, cost_vnd, "
	"id FROM report_material) "
	"SELECT r.fc, r.year, r.status, r.cp_aware, r.cp_staff, r.cp_unit, r.cp_applied, "
	"coalesce(l.line, ''), coalesce(l.item, ''), coalesce(l.pr, ''), l.month, l.q, "
	"coalesce(l.u, ''), l.cost "
	"FROM r LEFT JOIN l ON l.rid = r.id "
	"ORDER BY r.fc, r.year, coalesce(l.lk, -1), l.item, l.pr, coalesce(l.month, 0), l.id",
    [STMT_STATS_TABLES] =
	"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
	"AND table_type = 'BASE TABLE' ORDER BY table_name",
    [STMT_UNITH_CLOSE] =
	"UPDATE facility_unit_history SET valid_to = to_char(CAST(?2 AS date) - 1, 'YYYY-MM-DD') "
	"WHERE id = ?1",
/* The user columns of model/accounts/user.c, in its USER_COL order: created_at as epoch seconds. */
#define PG_USER_SELECT                                                                             \
	"SELECT u.id, u.email, u.name, u.role, u.admin_unit_id, u.facility_id, u.password_hash, "  \
	"u.status, CAST(extract(epoch FROM CAST(u.created_at AS timestamp)) AS bigint), au.code, " \
	"f.name, u.version, au.name, f.code "                                                      \
	"FROM app_user u LEFT JOIN admin_unit au ON au.id = u.admin_unit_id "                      \
	"LEFT JOIN facility f ON f.id = u.facility_id "
    [STMT_USER_INSERT] = "INSERT INTO app_user(email, name, role, admin_unit_id, facility_id, "
			 "password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			 "to_char(to_timestamp(?7) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))",
    [STMT_USER_GET] = PG_USER_SELECT "WHERE u.id = ?1",
    [STMT_USER_BY_EMAIL] = PG_USER_SELECT "WHERE lower(u.email) = lower(?1)",
    [STMT_USER_LIST] = PG_USER_SELECT "ORDER BY lower(u.email), u.email",
    [STMT_SESSION_INSERT] =
	"INSERT INTO session(token_hash, user_id, csrf, created_at, last_seen, "
	"expires_at) VALUES (?1, ?2, ?3, to_char(to_timestamp(?4) AT TIME ZONE 'UTC', 'YYYY-MM-DD "
	"HH24:MI:SS'), "
	"to_char(to_timestamp(?4) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
	"to_char(to_timestamp(?5) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'))",
    [STMT_SESSION_GET] = "SELECT s.user_id, s.csrf, CAST(extract(epoch FROM CAST(s.created_at AS "
			 "timestamp)) AS bigint), "
			 "CAST(extract(epoch FROM CAST(s.last_seen AS timestamp)) AS bigint), "
			 "CAST(extract(epoch FROM CAST(s.expires_at AS timestamp)) AS bigint), "
			 "u.role, u.admin_unit_id, "
			 "u.facility_id, u.email, u.status FROM session s "
			 "JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?1",
    [STMT_SESSION_TOUCH] = "UPDATE session SET last_seen = to_char(to_timestamp(?2) AT TIME ZONE "
			   "'UTC', 'YYYY-MM-DD HH24:MI:SS') "
			   "WHERE token_hash = ?1",
    [STMT_SESSION_AGE] = "UPDATE session SET "
			 "created_at = to_char(CAST(created_at AS timestamp) - make_interval(secs "
			 "=> ?2), 'YYYY-MM-DD HH24:MI:SS'), "
			 "last_seen = to_char(CAST(last_seen AS timestamp) - make_interval(secs => "
			 "?2), 'YYYY-MM-DD HH24:MI:SS'), "
			 "expires_at = to_char(CAST(expires_at AS timestamp) - make_interval(secs "
			 "=> ?2), 'YYYY-MM-DD HH24:MI:SS') "
			 "WHERE token_hash = ?1",
    [STMT_AUDIT_INSERT] = "INSERT INTO audit(at, user_id, actor, action, entity, entity_id, "
			  "before_json, after_json) VALUES (to_char(to_timestamp(?1) AT TIME ZONE "
			  "'UTC', 'YYYY-MM-DD HH24:MI:SS'), ?2, ?3, "
			  "?4, ?5, ?6, ?7, ?8)",
    [STMT_REPORT_STATE] =
	"UPDATE report SET status = ?3, "
	"forwarded_at = CASE WHEN ?4 THEN to_char(now() AT TIME ZONE 'UTC', "
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') END, "
	"review_note = ?5, submitted_on = CASE WHEN ?6 THEN to_char(now() AT TIME ZONE 'UTC', "
	"'YYYY-MM-DD') "
	"ELSE submitted_on END, version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_REGISTRATION_STATE] =
	"UPDATE registration SET status = ?3, "
	"forwarded_at = CASE WHEN ?4 THEN to_char(now() AT TIME ZONE 'UTC', "
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') END, "
	"review_note = ?5, submitted_on = CASE WHEN ?6 THEN to_char(now() AT TIME ZONE 'UTC', "
	"'YYYY-MM-DD') "
	"ELSE submitted_on END, version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_CLAIM_INSERT] =
	"INSERT INTO facility_member(user_id, facility_id, status, claimed_at, decided_at, "
	"decided_by, note) VALUES (?1, ?2, ?3, to_char(now() AT TIME ZONE 'UTC', "
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
	"CASE WHEN ?4::bigint IS NOT NULL THEN to_char(now() AT TIME ZONE 'UTC', "
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') END, ?4, ?5)",
    [STMT_CLAIM_SET] =
	"UPDATE facility_member SET status = ?3, decided_by = ?4::bigint, note = ?5, "
	"decided_at = CASE WHEN ?4::bigint IS NOT NULL THEN to_char(now() AT TIME ZONE 'UTC', "
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') END, "
	"claimed_at = CASE WHEN ?4::bigint IS NULL THEN to_char(now() AT TIME ZONE 'UTC', "
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
	"ELSE claimed_at END, version = version + 1 WHERE id = ?1 AND version = ?2",
#define AUDIT_SEARCH_WHERE                                                                         \
	"WHERE (?1::text IS NULL OR entity = ?1) AND (?2::text IS NULL OR actor = ?2) "            \
	"AND (?3::text IS NULL OR action LIKE ?3 || '%') AND (?4::text IS NULL OR at >= ?4) "      \
	"AND (?5::text IS NULL OR at < ?5) "
    [STMT_AUDIT_SEARCH] =
	"SELECT id, at, actor, action, entity, entity_id, before_json, "
	"after_json FROM audit " AUDIT_SEARCH_WHERE "ORDER BY id DESC LIMIT ?6 OFFSET ?7",
    [STMT_AUDIT_SEARCH_COUNT] = "SELECT count(*) FROM audit " AUDIT_SEARCH_WHERE,
#undef AUDIT_SEARCH_WHERE
#undef PG_USER_SELECT
    /* --- CP assessments --- */
    [STMT_ASSESS_STATE] =
	"UPDATE assessment SET status = ?3, review_note = ?5, "
	"submitted_on = CASE WHEN ?6 THEN to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
	"ELSE submitted_on END, accepted_on = CASE WHEN ?3 = 'accepted' THEN "
	"to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') WHEN ?3 = 'sustaining' THEN "
	"accepted_on END, version = version + 1 WHERE id = ?1 AND version = ?2",
    /* demo CP assessments: the children go by cascade; every sequence restarts */
    [STMT_DEMO_ASSESS_DELETE] =
	"WITH d AS (DELETE FROM assessment RETURNING 1) SELECT "
	"setval(pg_get_serial_sequence('assessment', 'id'), 1, false), "
	"setval(pg_get_serial_sequence('assessment_member', 'id'), 1, false), "
	"setval(pg_get_serial_sequence('process_step', 'id'), 1, false), "
	"setval(pg_get_serial_sequence('balance_item', 'id'), 1, false), "
	"setval(pg_get_serial_sequence('waste_cause', 'id'), 1, false), "
	"setval(pg_get_serial_sequence('cp_option', 'id'), 1, false), "
	"setval(pg_get_serial_sequence('cp_option_effect', 'id'), 1, false)",
    /* @assess-pg */
};

const unsigned char db_pg_returning_id[STMT__MAX] = {
    [STMT_REFDATA_FACTOR_UPSERT] = 1,
    [STMT_REFDATA_NORM_INSERT] = 1,
    [STMT_REFDATA_ADMIN_UPSERT] = 1,
    [STMT_REFDATA_PLAN_UPSERT] = 1,
    [STMT_REFDATA_TARGET_INSERT] = 1,
    [STMT_DEMO_OUTPUT_INSERT] = 1,
    [STMT_DEMO_ENERGY_INSERT] = 1,
    [STMT_DEMO_WATER_INSERT] = 1,
    [STMT_DEMO_MATERIAL_INSERT] = 1,
    [STMT_CSVIO_FACILITY_INSERT] = 1,
    [STMT_CSVIO_REPORT_INSERT] = 1,
    [STMT_REPORT_OUTPUT_INSERT] = 1,
    [STMT_REPORT_ENERGY_INSERT] = 1,
    [STMT_REPORT_WATER_INSERT] = 1,
    [STMT_REPORT_MATERIAL_INSERT] = 1,
    [STMT_UNITH_INSERT] = 1,
    [STMT_USER_INSERT] = 1,
    [STMT_APITOKEN_INSERT] = 1,
    [STMT_THROTTLE_FAIL] = 1,
    [STMT_AUDIT_INSERT] = 1,
    [STMT_REPORT_INSERT] = 1,
    [STMT_REGISTRATION_INSERT] = 1,
    [STMT_CLAIM_INSERT] = 1,
    [STMT_ATTACHMENT_INSERT] = 1,
    /* survey campaigns */
    [STMT_CAMPAIGN_INSERT] = 1,
    /* CP assessments */
    [STMT_ASSESS_INSERT] = 1,
    [STMT_ASSESS_MEMBER_INSERT] = 1,
    [STMT_OPTION_INSERT] = 1,
    [STMT_PROCESS_STEP_INSERT] = 1,
    [STMT_PROCESS_LINE_INSERT] = 1,
    [STMT_PROCESS_CAUSE_INSERT] = 1,
    [STMT_AFILE_INSERT] = 1,
    /* demo CP assessments (model/demo/demo_assess.c) */
    [STMT_DEMO_ASSESS_INSERT] = 1,
    [STMT_DEMO_ASSESS_STEP_INSERT] = 1,
    [STMT_DEMO_ASSESS_ITEM_INSERT] = 1,
    [STMT_DEMO_ASSESS_CAUSE_INSERT] = 1,
    [STMT_DEMO_ASSESS_OPTION_INSERT] = 1,
    /* @assess-returning */
};
