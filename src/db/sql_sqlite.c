/*
 * The common statement table: the SQL text of every enum stmt, which SQLite
 * runs as it is and PostgreSQL runs unless sql_pg.c overrides it (the file
 * keeps its name because SQLite's dialect is the base).  Designated
 * initialisers keep each row beside its name; db_sql_check() (migrate.c)
 * verifies at start-up that none is missing.
 *
 * Written once for both backends: parameters are ?N (db_pg.c rewrites them
 * to $N); coalesce, not ifnull; IS NOT DISTINCT FROM for a comparison that
 * matches NULL with NULL (SQLite 3.39 or later); a parameter that is only
 * tested with IS NULL is CAST to its type there, so PostgreSQL can infer
 * the type at prepare time (CAST changes nothing on SQLite).  A statement
 * whose text must differ (dates, the catalog, sequences) gets a row in
 * sql_pg.c as well, and test_pg.c prepares every statement on both.
 */
#include "db/db_int.h"

/*
 * Whether the caller sees facility f: ?1 role, ?2 unit, ?3 user, bound by
 * scope_bind() (model/accounts/scope.h).  Province staff see every
 * facility; a district its unit and the units directly under it; an
 * enterprise the facilities it is a confirmed member of.
 */
#define SCOPE_SEES_F                                                                               \
	"(?1 IN ('admin', 'province') OR (?1 = 'district' AND f.admin_unit_id IN "                 \
	"(SELECT u.id FROM admin_unit u WHERE u.id = ?2 OR u.parent_id = ?2)) OR "                 \
	"(?1 = 'enterprise' AND EXISTS (SELECT 1 FROM facility_member m WHERE m.facility_id = "    \
	"f.id AND m.user_id = ?3 AND m.status = 'confirmed')))"

const char *const db_sql[STMT__MAX] = {
    /* --- core --- */
    [STMT_SCHEMA_VERSION_GET] = "SELECT coalesce(max(version), 0) FROM schema_version",
    [STMT_SCHEMA_VERSION_ADD] = "INSERT INTO schema_version(version, applied_at) "
				"VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [STMT_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [STMT_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
		      "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    [STMT_GENERATION_BUMP] = "UPDATE meta SET value = CAST(CAST(value AS bigint) + 1 AS text) "
			     "WHERE key = 'generation'",
    [STMT_GENERATION_GET] = "SELECT CAST(value AS bigint) FROM meta WHERE key = 'generation'",
    [STMT_DB_TABLES] = "SELECT name FROM sqlite_schema WHERE type = 'table' "
		       "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version' ORDER BY name",
    [STMT_DB_COLUMNS] = "SELECT name, upper(type), pk FROM pragma_table_info(?1) ORDER BY cid",
    [STMT_DB_FKEYS] = "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)",

/* An attachment a is seen by who sees its document d's facility f. */
#define ATTACHMENT_SEEN                                                                            \
	"attachment a JOIN workflow_document d ON d.kind = a.doc_kind AND d.id = a.doc_id "        \
	"JOIN facility f ON f.id = d.facility_id"
    /* --- attachments --- */
    [STMT_ATTACHMENT_INSERT] =
	"INSERT INTO attachment(doc_kind, doc_id, filename, mime, size, content, uploaded_by, "
	"uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [STMT_ATTACHMENT_LIST] =
	"SELECT a.id, a.filename, a.mime, a.size, a.uploaded_by, coalesce(nullif(u.name, ''), "
	"u.email), a.uploaded_at FROM " ATTACHMENT_SEEN " JOIN app_user u ON u.id = a.uploaded_by "
	"WHERE a.doc_kind = ?4 AND a.doc_id = ?5 AND " SCOPE_SEES_F " ORDER BY a.id",
    [STMT_ATTACHMENT_META] =
	"SELECT a.doc_kind, a.doc_id, a.filename, a.mime, a.size, a.uploaded_by, a.uploaded_at "
	"FROM " ATTACHMENT_SEEN " WHERE a.id = ?4 AND " SCOPE_SEES_F,
    [STMT_ATTACHMENT_CONTENT] =
	"SELECT a.content FROM " ATTACHMENT_SEEN " WHERE a.id = ?4 AND " SCOPE_SEES_F,
    [STMT_ATTACHMENT_DELETE] = "DELETE FROM attachment WHERE id = ?1",
    [STMT_ATTACHMENT_COUNT] = "SELECT count(*) FROM " ATTACHMENT_SEEN
			      " WHERE a.doc_kind = ?4 AND a.doc_id = ?5 AND " SCOPE_SEES_F,
    [STMT_ATTACHMENT_REPORT_COUNTS] =
	"SELECT f.code, r.year, count(a.id) FROM report r JOIN facility f ON f.id = r.facility_id "
	"LEFT JOIN attachment a ON a.doc_kind = 'report' AND a.doc_id = r.id "
	"WHERE ?1 = 0 OR r.year = ?1 GROUP BY f.code, r.year ORDER BY f.code, r.year",
#undef ATTACHMENT_SEEN

    /* --- reference data --- */
    [STMT_REFDATA_UNIT_UPSERT] = "INSERT INTO unit(code, name_vi, name_en, dimension, to_base) "
				 "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(code) DO UPDATE SET "
				 "name_vi = excluded.name_vi, name_en = excluded.name_en, "
				 "dimension = excluded.dimension, to_base = excluded.to_base",
    [STMT_REFDATA_SECTOR_UPSERT] =
	"INSERT INTO sector(code, name_vi, name_en, level, parent_code, source, reliability) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(code) DO UPDATE SET "
	"name_vi = excluded.name_vi, name_en = excluded.name_en, level = excluded.level, "
	"parent_code = excluded.parent_code, source = excluded.source, "
	"reliability = excluded.reliability",
    [STMT_REFDATA_PRODUCT_UPSERT] =
	"INSERT INTO product(code, name_vi, name_en, sector_code, unit, source) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET "
	"name_vi = excluded.name_vi, name_en = excluded.name_en, "
	"sector_code = excluded.sector_code, unit = excluded.unit, source = excluded.source",
    [STMT_REFDATA_CARRIER_UPSERT] =
	"INSERT INTO carrier(code, name_vi, name_en, kind, native_unit, biogenic) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(code) DO UPDATE SET "
	"name_vi = excluded.name_vi, name_en = excluded.name_en, kind = excluded.kind, "
	"native_unit = excluded.native_unit, biogenic = excluded.biogenic",
    [STMT_REFDATA_FACTOR_UPSERT] =
	"INSERT INTO carrier_factor(carrier_code, unit, toe_per_unit, gj_per_unit, "
	"kgco2_per_unit, valid_from, valid_to, source, reliability, note, toe_derived) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
	"ON CONFLICT(carrier_code, unit, valid_from) DO UPDATE SET "
	"toe_per_unit = excluded.toe_per_unit, gj_per_unit = excluded.gj_per_unit, "
	"kgco2_per_unit = excluded.kgco2_per_unit, valid_to = excluded.valid_to, "
	"source = excluded.source, reliability = excluded.reliability, note = excluded.note, "
	"toe_derived = excluded.toe_derived",
    [STMT_REFDATA_GRID_UPSERT] = "INSERT INTO grid_factor(year, tco2_per_mwh, source, reliability) "
				 "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(year) DO UPDATE SET "
				 "tco2_per_mwh = excluded.tco2_per_mwh, source = excluded.source, "
				 "reliability = excluded.reliability",
    [STMT_REFDATA_NORM_UPDATE] =
	"UPDATE norm SET valid_to = ?5, value = ?6, energy_unit = ?7, per_unit = ?8, "
	"legal_ref = ?9, source = ?10, reliability = ?11, note = ?12, band_plant = ?13 "
	"WHERE product_code = ?1 AND band_min IS NOT DISTINCT FROM ?2 AND band_max IS NOT DISTINCT "
	"FROM ?3 AND valid_from = ?4",
    [STMT_REFDATA_NORM_INSERT] =
	"INSERT INTO norm(product_code, band_min, band_max, valid_from, valid_to, value, "
	"energy_unit, per_unit, legal_ref, source, reliability, note, band_plant) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    [STMT_REFDATA_ADMIN_UPSERT] =
	"INSERT INTO admin_unit(code, name, name_en, level, kind, valid_from, valid_to, "
	"source, reliability) VALUES (?1, ?2, ?3, ?4, ?5, ?7, ?8, ?10, ?11) "
	"ON CONFLICT(code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, "
	"level = excluded.level, kind = excluded.kind, valid_from = excluded.valid_from, "
	"valid_to = excluded.valid_to, source = excluded.source, "
	"reliability = excluded.reliability",
    [STMT_REFDATA_ADMIN_LINK] =
	"UPDATE admin_unit SET parent_id = ?6, successor_id = ?9 WHERE code = ?1",
    [STMT_REFDATA_ADMIN_ID] = "SELECT id FROM admin_unit WHERE code = ?1",
    [STMT_REFDATA_PLAN_UPSERT] =
	"INSERT INTO plan(code, title_vi, title_en, issuer, issued_on, start_year, end_year, "
	"scope, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
	"ON CONFLICT(code) DO UPDATE SET title_vi = excluded.title_vi, "
	"title_en = excluded.title_en, issuer = excluded.issuer, "
	"issued_on = excluded.issued_on, start_year = excluded.start_year, "
	"end_year = excluded.end_year, scope = excluded.scope, source = excluded.source, "
	"is_default = plan.is_default * ?10",
    [STMT_REFDATA_PLAN_ID] = "SELECT id FROM plan WHERE code = ?1",
    [STMT_REFDATA_TARGET_UPDATE] =
	"UPDATE plan_target SET value = ?3, value_max = ?4, unit = ?5, from_year = ?6, "
	"note = ?9, source = ?10, reliability = ?11 "
	"WHERE plan_id = ?1 AND indicator = ?2 AND by_year = ?7 AND scope_filter IS NOT DISTINCT "
	"FROM ?8",
    [STMT_REFDATA_TARGET_INSERT] =
	"INSERT INTO plan_target(plan_id, indicator, value, value_max, unit, from_year, "
	"by_year, scope_filter, note, source, reliability) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [STMT_REFDATA_COUNTS] =
	"SELECT (SELECT count(*) FROM unit), (SELECT count(*) FROM sector), "
	"(SELECT count(*) FROM product), (SELECT count(*) FROM carrier), "
	"(SELECT count(*) FROM carrier_factor), (SELECT count(*) FROM grid_factor), "
	"(SELECT count(*) FROM norm), (SELECT count(*) FROM admin_unit), "
	"(SELECT count(*) FROM plan), (SELECT count(*) FROM plan_target)",
    [STMT_REFDATA_FACTOR_GET] =
	"SELECT toe_per_unit, gj_per_unit, kgco2_per_unit, reliability, coalesce(note, ''), "
	"toe_derived FROM carrier_factor WHERE carrier_code = ?1 AND unit = ?2 "
	"AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to >= ?3) "
	"ORDER BY valid_from DESC LIMIT 1",
    [STMT_REFDATA_GRID_GET] = "SELECT tco2_per_mwh, reliability FROM grid_factor WHERE year = ?1",
    [STMT_REFDATA_NORM_GET] =
	"SELECT value, energy_unit, per_unit, legal_ref, reliability, band_plant FROM norm "
	"WHERE product_code = ?1 AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to >= ?3) "
	"AND (band_min IS NULL OR (band_plant = 0 AND ?2 >= band_min) "
	"OR (band_plant = 1 AND ?4 >= band_min)) "
	"AND (band_max IS NULL OR (band_plant = 0 AND ?2 < band_max) "
	"OR (band_plant = 1 AND ?4 < band_max)) "
	"ORDER BY valid_from DESC LIMIT 1",
    [STMT_REFDATA_ADMIN_GET] =
	"SELECT a.name, a.level, a.kind, coalesce(a.valid_from, ''), coalesce(a.valid_to, ''), "
	"coalesce(p.code, ''), coalesce(s.code, '') FROM admin_unit a "
	"LEFT JOIN admin_unit p ON p.id = a.parent_id "
	"LEFT JOIN admin_unit s ON s.id = a.successor_id WHERE a.code = ?1",
    [STMT_REFDATA_TARGET_GET] = "SELECT t.value, t.value_max, t.unit, t.from_year, t.reliability "
				"FROM plan_target t JOIN plan p ON p.id = t.plan_id "
				"WHERE p.code = ?1 AND t.indicator = ?2 AND t.by_year = ?3 AND "
				"t.scope_filter IS NOT DISTINCT FROM ?4",
    [STMT_PLAN_DEFAULT_SET] = "UPDATE plan SET is_default = 1 WHERE code = ?1 AND ?10 = 1",
    [STMT_PLAN_DEFAULT_GET] = "SELECT code FROM plan WHERE is_default = 1",
    /* @refdata-sql */

    /* --- demo province --- */
    [STMT_DEMO_FACILITY_COUNT] = "SELECT count(*) FROM facility",
    [STMT_DEMO_UNIT_ID] = "SELECT id FROM admin_unit WHERE code = ?1",
    [STMT_DEMO_PRODUCT_UNIT] = "SELECT unit FROM product WHERE code = ?1",
    [STMT_DEMO_DELETE_MATERIAL] = "DELETE FROM report_material",
    [STMT_DEMO_DELETE_WATER] = "DELETE FROM report_water",
    [STMT_DEMO_DELETE_ENERGY] = "DELETE FROM report_energy",
    [STMT_DEMO_DELETE_OUTPUT] = "DELETE FROM report_output",
    [STMT_DEMO_DELETE_REPORT] = "DELETE FROM report",
    [STMT_DEMO_DELETE_REGISTRATION] = "DELETE FROM registration",
    [STMT_DEMO_DELETE_FACILITY] = "DELETE FROM facility",
    [STMT_DEMO_FACILITY_INSERT] =
	"INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id, "
	"address, ownership, size, employees, opened_year, closed_year, status) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    [STMT_DEMO_REPORT_INSERT] =
	"INSERT INTO report(id, facility_id, year, status, cp_aware, cp_staff, cp_unit, "
	"cp_applied, submitted_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [STMT_DEMO_OUTPUT_INSERT] = "INSERT INTO report_output(report_id, product_code, quantity, "
				"unit) VALUES (?1, ?2, ?3, ?4)",
    [STMT_DEMO_ENERGY_INSERT] =
	"INSERT INTO report_energy(report_id, carrier_code, month, product_code, quantity, "
	"unit, cost_vnd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_DEMO_WATER_INSERT] = "INSERT INTO report_water(report_id, source, quantity_m3, "
			       "cost_vnd) VALUES (?1, ?2, ?3, ?4)",
    [STMT_DEMO_MATERIAL_INSERT] = "INSERT INTO report_material(report_id, name, quantity, "
				  "unit, cost_vnd) VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_DEMO_OUTPUT_MONTH_INSERT] = "INSERT INTO report_output_month(report_id, product_code, "
				      "month, quantity) VALUES (?1, ?2, ?3, ?4)",
    [STMT_DEMO_ACCOUNT_FACILITY] =
	"SELECT f.id, f.code, f.name FROM facility f WHERE f.sector_code = ?1 AND EXISTS ("
	"SELECT 1 FROM report r JOIN report_output o ON o.report_id = r.id "
	"WHERE r.facility_id = f.id AND o.product_code = ?2) "
	"ORDER BY f.size = ?3 DESC, f.code LIMIT 1",
    [STMT_DEMO_ACCOUNT_BIND] =
	"UPDATE app_user SET facility_id = ?2, version = version + 1 WHERE id = ?1",
    [STMT_DEMO_DETACH_USERS] = "UPDATE app_user SET facility_id = NULL, version = version + 1 "
			       "WHERE facility_id IS NOT NULL",
    /* demo CP assessments (model/demo/demo_assess.c) */
    [STMT_DEMO_ASSESS_PICK] =
	"SELECT f.id, r.id FROM facility f JOIN report r ON r.facility_id = f.id AND r.year = ?4 "
	"AND r.status = 'accepted' JOIN report_output o ON o.report_id = r.id AND "
	"o.product_code = ?2 AND o.quantity > 0 WHERE f.sector_code = ?1 "
	"AND (CAST(?6 AS text) = '' OR EXISTS (SELECT 1 FROM report_energy e WHERE "
	"e.report_id = r.id AND e.carrier_code = ?6)) AND (?5 = 0 OR EXISTS (SELECT 1 FROM "
	"report r2 WHERE r2.facility_id = f.id AND r2.year = ?5 AND r2.status = 'accepted')) "
	"AND NOT EXISTS (SELECT 1 FROM assessment a WHERE a.facility_id = f.id) "
	"ORDER BY o.quantity >= ?7 DESC, f.size = ?3 DESC, f.code LIMIT 1",
    [STMT_DEMO_ASSESS_OUTPUT] = "SELECT sum(quantity) FROM report_output WHERE report_id = ?1 "
				"AND product_code = ?2",
    [STMT_DEMO_ASSESS_ENERGY] =
	"SELECT carrier_code, unit, sum(quantity) FROM report_energy WHERE report_id = ?1 "
	"GROUP BY carrier_code, unit ORDER BY carrier_code, unit",
    [STMT_DEMO_ASSESS_INSERT] =
	"INSERT INTO assessment(facility_id, year, title, pilot, funding, funding_note, "
	"started_on, focus, balance_period, status, submitted_on, accepted_on, review_note, "
	"published) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, CASE WHEN "
	"CAST(?4 AS bigint) = 1 AND CAST(?10 AS text) IN ('accepted', 'sustaining') THEN 1 ELSE 0 "
	"END)",
    [STMT_DEMO_ASSESS_MEMBER_INSERT] =
	"INSERT INTO assessment_member(assessment_id, name, team_role, position, organisation, "
	"contact) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_DEMO_ASSESS_TASK_INSERT] =
	"INSERT INTO assessment_task(assessment_id, task, state, responsible, notes, due_on, "
	"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_DEMO_ASSESS_STEP_INSERT] = "INSERT INTO process_step(assessment_id, seq, name, "
				     "description) VALUES (?1, ?2, ?3, ?4)",
    [STMT_DEMO_ASSESS_ITEM_INSERT] =
	"INSERT INTO balance_item(step_id, direction, stream, name, carrier_code, quantity, "
	"unit, to_step_id, lost_value, treatment_cost, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	"?7, ?8, ?9, ?10, ?11)",
    [STMT_DEMO_ASSESS_CAUSE_INSERT] =
	"INSERT INTO waste_cause(item_id, description) VALUES (?1, ?2)",
    [STMT_DEMO_ASSESS_OPTION_INSERT] =
	"INSERT INTO cp_option(assessment_id, seq, title, description, waste_item_id, "
	"cause_id, kind, offsite, triage, reject_reason, status, capex, annual_saving, "
	"life_years, cash_flows, discount_rate, opcost_change, score_tech, score_fin, "
	"score_env, implemented_on, actual_cost) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	"?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    [STMT_DEMO_ASSESS_EFFECT_INSERT] =
	"INSERT INTO cp_option_effect(option_id, stream, carrier_code, name, quantity, unit) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_DEMO_ASSESS_EVENT_INSERT] =
	"INSERT INTO doc_event(kind, doc_id, at, actor, action, note) VALUES ('assessment', "
	"?1, ?2, ?3, ?4, ?5)",
    [STMT_DEMO_ASSESS_EXPERT_BIND] =
	"UPDATE assessment_member SET user_id = (SELECT u.id FROM app_user u WHERE u.email = ?1 "
	"AND u.role = 'expert') WHERE team_role = 'expert' AND contact = ?1 AND user_id IS NULL",
    [STMT_DEMO_ASSESS_DELETE] = "DELETE FROM assessment",
    [STMT_DEMO_ASSESS_DELETE_EVENTS] = "DELETE FROM doc_event WHERE kind = 'assessment'",
    [STMT_DEMO_ASSESS_REPORTS] =
	"SELECT r.id, r.year, (SELECT sum(o.quantity) FROM report_output o WHERE o.report_id = "
	"r.id AND o.product_code = ?3) FROM report r WHERE r.facility_id = ?1 AND r.year >= ?2 "
	"ORDER BY r.year",
    [STMT_DEMO_ASSESS_ENERGY_SCALE] =
	"UPDATE report_energy SET quantity = round(quantity * ?3 * ?4) / ?4, cost_vnd = "
	"round(cost_vnd * ?3 / 1000) * 1000 WHERE report_id = ?1 AND carrier_code = ?2",
    /* @demo-sql */

    /* --- import and export --- */
    [STMT_CSVIO_UNITS] = "SELECT code, dimension, to_base FROM unit",
    [STMT_CSVIO_SECTORS] = "SELECT code FROM sector",
    [STMT_CSVIO_PRODUCTS] = "SELECT code, unit FROM product",
    [STMT_CSVIO_CARRIER_DIMS] = "SELECT DISTINCT c.code, u.dimension FROM carrier c "
				"LEFT JOIN carrier_factor f ON f.carrier_code = c.code "
				"LEFT JOIN unit u ON u.code = f.unit",
    [STMT_CSVIO_ADMIN_UNITS] = "SELECT code, id FROM admin_unit",
    [STMT_CSVIO_FACILITY_KEYS] = "SELECT code, id, coalesce(tax_code, '') FROM facility",
    [STMT_CSVIO_REPORT_KEYS] = "SELECT facility_id, year, id FROM report",
    [STMT_CSVIO_FACILITY_INSERT] =
	"INSERT INTO facility(code, tax_code, name, name_key, sector_code, admin_unit_id, "
	"address, lat, lon, ownership, size, employees, opened_year, closed_year, status) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    [STMT_CSVIO_FACILITY_UPDATE] =
	"UPDATE facility SET tax_code = ?2, name = ?3, name_key = ?4, sector_code = ?5, "
	"admin_unit_id = ?6, address = ?7, lat = ?8, lon = ?9, ownership = ?10, size = ?11, "
	"employees = ?12, opened_year = ?13, closed_year = ?14, status = ?15, "
	"version = version + 1 WHERE code = ?1",
    [STMT_CSVIO_REPORT_INSERT] = "INSERT INTO report(facility_id, year, status, cp_aware, "
				 "cp_staff, cp_unit, cp_applied) "
				 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_CSVIO_REPORT_UPDATE] = "UPDATE report SET status = ?2, cp_aware = ?3, cp_staff = ?4, "
				 "cp_unit = ?5, cp_applied = ?6, version = version + 1 "
				 "WHERE id = ?1",
    [STMT_REPORT_OUTPUT_CLEAR] = "DELETE FROM report_output WHERE report_id = ?1",
    [STMT_REPORT_ENERGY_CLEAR] = "DELETE FROM report_energy WHERE report_id = ?1",
    [STMT_REPORT_WATER_CLEAR] = "DELETE FROM report_water WHERE report_id = ?1",
    [STMT_REPORT_MATERIAL_CLEAR] = "DELETE FROM report_material WHERE report_id = ?1",
    [STMT_REPORT_OUTPUT_INSERT] = "INSERT INTO report_output(report_id, product_code, quantity, "
				  "unit) VALUES (?1, ?2, ?3, ?4)",
    [STMT_REPORT_ENERGY_INSERT] = "INSERT INTO report_energy(report_id, carrier_code, month, "
				  "product_code, quantity, unit, cost_vnd) "
				  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_REPORT_WATER_INSERT] = "INSERT INTO report_water(report_id, source, quantity_m3, "
				 "cost_vnd) VALUES (?1, ?2, ?3, ?4)",
    [STMT_REPORT_MATERIAL_INSERT] = "INSERT INTO report_material(report_id, name, quantity, "
				    "unit, cost_vnd) VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_CSVIO_FACILITY_EXPORT] =
	"SELECT f.code, coalesce(f.tax_code, ''), f.name, f.sector_code, a.code, "
	"coalesce(f.address, ''), f.lat, f.lon, f.ownership, f.size, f.employees, "
	"f.opened_year, f.closed_year, f.status "
	"FROM facility f JOIN admin_unit a ON a.id = f.admin_unit_id ORDER BY f.code",
    /* Line kinds sort output, energy, water, material (lk 0..3); a report
     * without lines is one row with lk -1.  Within a kind: item (carrier,
     * source, material name), product, month, then id. */
    [STMT_CSVIO_REPORT_EXPORT] =
	"WITH r AS (SELECT r.id, f.code AS fc, r.year, r.status, r.cp_aware, r.cp_staff, "
	"r.cp_unit, r.cp_applied FROM report r JOIN facility f ON f.id = r.facility_id "
	"WHERE ?1 IS NULL OR r.year = ?1), "
	"l AS ("
	"SELECT report_id AS rid, 0 AS lk, 'output' AS line, '' AS item, product_code AS pr, "
	"NULL AS month, quantity AS q, unit AS u, NULL AS cost, id FROM report_output "
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
    [STMT_REPORT_OUTPUT_MONTH_CLEAR] = "DELETE FROM report_output_month WHERE report_id = ?1",
    [STMT_REPORT_OUTPUT_MONTH_INSERT] = "INSERT INTO report_output_month(report_id, product_code, "
					"month, quantity) VALUES (?1, ?2, ?3, ?4)",
    /* @csvio-sql */

    /* --- indicators, directory, stats --- */
    [STMT_FACILITY_COUNT] =
	"SELECT count(*) "
	"FROM facility f JOIN sector s ON s.code = f.sector_code "
	"JOIN admin_unit au ON au.id = f.admin_unit_id "
	"LEFT JOIN admin_unit pu ON pu.id = au.parent_id "
	"WHERE f.status = 'active' "
	"AND (CAST(?1 AS text) IS NULL OR f.name_key LIKE '%' || ?1 || '%' ESCAPE '\\') "
	"AND (CAST(?2 AS text) IS NULL OR f.sector_code LIKE ?2 || '%') "
	"AND (CAST(?3 AS text) IS NULL OR au.code = ?3 OR pu.code = ?3) "
	"AND (CAST(?4 AS text) IS NULL OR f.ownership = ?4) "
	"AND (CAST(?5 AS text) IS NULL OR f.size = ?5) ",
    [STMT_FACILITY_LIST] =
	"SELECT f.id, f.name, f.sector_code, s.name_vi, s.name_en, "
	"au.name, coalesce(au.name_en, au.name), f.ownership, f.size "
	"FROM facility f JOIN sector s ON s.code = f.sector_code "
	"JOIN admin_unit au ON au.id = f.admin_unit_id "
	"LEFT JOIN admin_unit pu ON pu.id = au.parent_id "
	"WHERE f.status = 'active' "
	"AND (CAST(?1 AS text) IS NULL OR f.name_key LIKE '%' || ?1 || '%' ESCAPE '\\') "
	"AND (CAST(?2 AS text) IS NULL OR f.sector_code LIKE ?2 || '%') "
	"AND (CAST(?3 AS text) IS NULL OR au.code = ?3 OR pu.code = ?3) "
	"AND (CAST(?4 AS text) IS NULL OR f.ownership = ?4) "
	"AND (CAST(?5 AS text) IS NULL OR f.size = ?5) "
	"ORDER BY f.name_key, f.id LIMIT ?6 OFFSET ?7",
    [STMT_FACILITY_SECTOR_OPTIONS] = "SELECT code, name_vi, name_en FROM sector "
				     "WHERE level >= 2 ORDER BY code",
    [STMT_FACILITY_UNIT_OPTIONS] = "SELECT code, name, coalesce(name_en, name) FROM admin_unit "
				   "WHERE level = 'district' ORDER BY name",
    [STMT_STORE_PING] = "SELECT 1",
    [STMT_KPI_PLAN_GET] = "SELECT id FROM plan WHERE code = ?1",
    [STMT_KPI_PLAN_TARGETS] = "SELECT indicator, value, value_max, from_year, by_year, "
			      "scope_filter FROM plan_target WHERE plan_id = ?1 "
			      "ORDER BY indicator, by_year DESC",
    [STMT_KPI_YEAR_RANGE] = "SELECT min(year), max(year) FROM report",
    [STMT_KPI_ADMIN_UNITS] = "SELECT id, code, name, level, parent_id, coalesce(name_en, name), "
			     "valid_from, valid_to, successor_id FROM admin_unit ORDER BY id",
    [STMT_KPI_FACILITIES] = "SELECT id, admin_unit_id, opened_year, closed_year, sector_code, "
			    "ownership, size FROM facility ORDER BY id",
    [STMT_KPI_REPORTS] = "SELECT id, facility_id, year, cp_aware, cp_staff, cp_applied, "
			 "cp_unit FROM report WHERE status = 'accepted' ORDER BY facility_id, year",
    /* Plain scans: grouping or ordering these in SQL costs more than the rest of the KPIs. */
    [STMT_KPI_WATER] = "SELECT report_id, quantity_m3 FROM report_water",
    [STMT_KPI_MATERIALS] = "SELECT report_id, name, quantity, unit FROM report_material",
    [STMT_KPI_PRODUCTS] = "SELECT code, unit, sector_code FROM product ORDER BY code",
    [STMT_KPI_UNITS] = "SELECT code, dimension, to_base FROM unit",
    [STMT_STATS_TABLES] = "SELECT name FROM sqlite_schema WHERE type = 'table' "
			  "AND name NOT LIKE 'sqlite_%' ORDER BY name",
    /* -- mapping -- */
    [STMT_MAPPROF_LIST] = "SELECT name, target, version, updated_by, updated_at "
			  "FROM mapping_profile ORDER BY name",
    [STMT_MAPPROF_GET] = "SELECT id, target, body, version, created_by, created_at, updated_by, "
			 "updated_at FROM mapping_profile WHERE name = ?1",
    [STMT_MAPPROF_INSERT] =
	"INSERT INTO mapping_profile(name, target, body, version, created_by, "
	"created_at, updated_by, updated_at) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?4, ?5)",
    [STMT_MAPPROF_UPDATE] =
	"UPDATE mapping_profile SET target = ?2, body = ?3, updated_by = ?4, "
	"updated_at = ?5, version = version + 1 WHERE name = ?1 AND version = ?6",
    [STMT_MAPPROF_DELETE] = "DELETE FROM mapping_profile WHERE name = ?1",
    [STMT_MAPUP_INSERT] = "INSERT INTO mapping_upload(token_hash, user_id, filename, content, "
			  "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_MAPUP_GET] = "SELECT filename, content FROM mapping_upload "
		       "WHERE token_hash = ?1 AND user_id = ?2 AND expires_at > ?3",
    [STMT_MAPUP_EXPIRE] = "DELETE FROM mapping_upload WHERE expires_at <= ?1",
    [STMT_MAPREF_SECTORS] = "SELECT code, name_vi, name_en FROM sector ORDER BY code",
    [STMT_MAPREF_ADMIN] =
	"SELECT code, name, coalesce(name_en, name) FROM admin_unit ORDER BY code",
    [STMT_MAPREF_CARRIERS] = "SELECT code, name_vi, name_en FROM carrier ORDER BY code",
    [STMT_MAPREF_PRODUCTS] = "SELECT code, name_vi, name_en FROM product ORDER BY code",
    [STMT_MAPREF_UNITS] = "SELECT code, name_vi, name_en FROM unit ORDER BY code",
    [STMT_MAPREF_SCOPE_UNITS] = "SELECT code FROM admin_unit WHERE id = ?1 OR parent_id = ?1",
    [STMT_MAPREF_SCOPE_FACILITIES] =
	"SELECT f.code FROM facility f JOIN admin_unit u ON u.id = f.admin_unit_id "
	"WHERE u.id = ?1 OR u.parent_id = ?1",
    /* -- end mapping -- */
    [STMT_STATS_ROWS] =
	"SELECT 'meta', count(*) FROM meta UNION ALL "
	"SELECT 'mapping_profile', count(*) FROM mapping_profile UNION ALL "
	"SELECT 'mapping_upload', count(*) FROM mapping_upload UNION ALL "
	"SELECT 'schema_version', count(*) FROM schema_version UNION ALL "
	"SELECT 'admin_unit', count(*) FROM admin_unit UNION ALL "
	"SELECT 'sector', count(*) FROM sector UNION ALL "
	"SELECT 'unit', count(*) FROM unit UNION ALL "
	"SELECT 'product', count(*) FROM product UNION ALL "
	"SELECT 'carrier', count(*) FROM carrier UNION ALL "
	"SELECT 'carrier_factor', count(*) FROM carrier_factor UNION ALL "
	"SELECT 'grid_factor', count(*) FROM grid_factor UNION ALL "
	"SELECT 'norm', count(*) FROM norm UNION ALL "
	"SELECT 'facility', count(*) FROM facility UNION ALL "
	"SELECT 'report', count(*) FROM report UNION ALL "
	"SELECT 'report_output', count(*) FROM report_output UNION ALL "
	"SELECT 'report_output_month', count(*) FROM report_output_month UNION ALL "
	"SELECT 'threshold', count(*) FROM threshold UNION ALL "
	"SELECT 'plausibility', count(*) FROM plausibility UNION ALL "
	"SELECT 'report_energy', count(*) FROM report_energy UNION ALL "
	"SELECT 'report_water', count(*) FROM report_water UNION ALL "
	"SELECT 'report_material', count(*) FROM report_material UNION ALL "
	"SELECT 'report_explanation', count(*) FROM report_explanation UNION ALL "
	"SELECT 'registration', count(*) FROM registration UNION ALL "
	"SELECT 'plan', count(*) FROM plan UNION ALL "
	"SELECT 'plan_target', count(*) FROM plan_target UNION ALL "
	"SELECT 'app_user', count(*) FROM app_user UNION ALL "
	"SELECT 'session', count(*) FROM session UNION ALL "
	"SELECT 'audit', count(*) FROM audit UNION ALL "
	"SELECT 'doc_event', count(*) FROM doc_event UNION ALL "
	"SELECT 'facility_unit_history', count(*) FROM facility_unit_history UNION ALL "
	"SELECT 'login_attempt', count(*) FROM login_attempt UNION ALL "
	"SELECT 'api_token', count(*) FROM api_token UNION ALL "
	"SELECT 'facility_member', count(*) FROM facility_member UNION ALL "
	"SELECT 'deadline', count(*) FROM deadline UNION ALL "
	"SELECT 'home_seen', count(*) FROM home_seen UNION ALL "
	"SELECT 'attachment', count(*) FROM attachment UNION ALL "
	"SELECT 'form_draft', count(*) FROM form_draft UNION ALL "
	"SELECT 'form_stash', count(*) FROM form_stash UNION ALL "
	"SELECT 'campaign', count(*) FROM campaign UNION ALL "
	"SELECT 'campaign_unit', count(*) FROM campaign_unit UNION ALL "
	"SELECT 'campaign_facility', count(*) FROM campaign_facility UNION ALL "
	"SELECT 'mail_outbox', count(*) FROM mail_outbox UNION ALL "
	"SELECT 'mail_optout', count(*) FROM mail_optout UNION ALL "
	"SELECT 'password_reset', count(*) FROM password_reset UNION ALL "
	"SELECT 'wb_upload', count(*) FROM wb_upload UNION ALL "
	"SELECT 'assessment', count(*) FROM assessment UNION ALL "
	"SELECT 'assessment_member', count(*) FROM assessment_member UNION ALL "
	"SELECT 'assessment_task', count(*) FROM assessment_task UNION ALL "
	"SELECT 'assessment_file', count(*) FROM assessment_file UNION ALL "
	"SELECT 'process_step', count(*) FROM process_step UNION ALL "
	"SELECT 'balance_item', count(*) FROM balance_item UNION ALL "
	"SELECT 'waste_cause', count(*) FROM waste_cause UNION ALL "
	"SELECT 'cp_option', count(*) FROM cp_option UNION ALL "
	"SELECT 'cp_option_effect', count(*) FROM cp_option_effect",
    [STMT_FACILITY_LIST_ALL] =
	"SELECT f.name, f.sector_code, s.name_vi, s.name_en, "
	"au.name, coalesce(au.name_en, au.name), f.ownership, f.size "
	"FROM facility f JOIN sector s ON s.code = f.sector_code "
	"JOIN admin_unit au ON au.id = f.admin_unit_id "
	"LEFT JOIN admin_unit pu ON pu.id = au.parent_id "
	"WHERE f.status = 'active' "
	"AND (CAST(?1 AS text) IS NULL OR f.name_key LIKE '%' || ?1 || '%' ESCAPE '\\') "
	"AND (CAST(?2 AS text) IS NULL OR f.sector_code LIKE ?2 || '%') "
	"AND (CAST(?3 AS text) IS NULL OR au.code = ?3 OR pu.code = ?3) "
	"AND (CAST(?4 AS text) IS NULL OR f.ownership = ?4) "
	"AND (CAST(?5 AS text) IS NULL OR f.size = ?5) "
	"ORDER BY f.name_key, f.id",
    /* @web-sql */

    /* --- energy analytics --- */
    [STMT_ANALYTICS_THRESHOLD_UPSERT] =
	"INSERT INTO threshold(code, kind, value, unit, valid_from, valid_to, legal_ref, source, "
	"reliability, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
	"ON CONFLICT(code, kind, valid_from) DO UPDATE SET value = excluded.value, "
	"unit = excluded.unit, valid_to = excluded.valid_to, legal_ref = excluded.legal_ref, "
	"source = excluded.source, reliability = excluded.reliability, note = excluded.note",
    [STMT_ANALYTICS_THRESHOLD_GET] =
	"SELECT value, legal_ref FROM threshold WHERE code = ?1 AND kind = ?2 "
	"AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to >= ?4) "
	"ORDER BY valid_from DESC LIMIT 1",
    [STMT_PLAUS_UPSERT] =
	"INSERT INTO plausibility(code, line, item, unit, value, basis, source, reliability) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(code, line, item, unit) DO UPDATE "
	"SET value = excluded.value, basis = excluded.basis, source = excluded.source, "
	"reliability = excluded.reliability",
    [STMT_PLAUS_LIST] = "SELECT code, line, item, unit, value FROM plausibility",
    [STMT_PLAUS_UNITS] = "SELECT code, dimension, to_base FROM unit",
    [STMT_PLAUS_EMPLOYEES] = "SELECT id, employees FROM facility WHERE employees > 0 "
			     "AND (?1 = 0 OR id = ?1) ORDER BY id",
    [STMT_LEDGER_CARRIERS] = "SELECT code, kind, biogenic, native_unit FROM carrier",
    [STMT_LEDGER_FACTORS] =
	"SELECT carrier_code, unit, toe_per_unit, gj_per_unit, kgco2_per_unit, valid_from, "
	"valid_to, toe_derived FROM carrier_factor",
    [STMT_LEDGER_GRID] = "SELECT year, tco2_per_mwh FROM grid_factor",
    [STMT_LEDGER_NORMS] =
	"SELECT product_code, band_min, band_max, valid_from, valid_to, value, energy_unit, "
	"per_unit, legal_ref, band_plant FROM norm",
    [STMT_LEDGER_REPORTS] =
	"SELECT r.id, r.facility_id, r.year FROM report r "
	"WHERE r.year BETWEEN ?1 AND ?2 AND (?3 = 0 OR r.facility_id = ?3) "
	"AND (CAST(?4 AS text) IS NULL OR EXISTS (SELECT 1 FROM report_output o "
	"WHERE o.report_id = r.id AND o.product_code = ?4)) "
	"AND (?5 = 0 OR r.status = 'accepted') ORDER BY r.facility_id, r.year",
    [STMT_LEDGER_ENERGY] =
	"SELECT e.report_id, e.carrier_code, e.unit, e.quantity, e.month, e.product_code "
	"FROM report_energy e JOIN report r ON r.id = e.report_id "
	"WHERE r.year BETWEEN ?1 AND ?2 AND (?3 = 0 OR r.facility_id = ?3) "
	"AND (CAST(?4 AS text) IS NULL OR EXISTS (SELECT 1 FROM report_output o "
	"WHERE o.report_id = r.id AND o.product_code = ?4))",
    [STMT_LEDGER_OUTPUTS] =
	"SELECT x.report_id, x.product_code, x.quantity, x.unit "
	"FROM report_output x JOIN report r ON r.id = x.report_id "
	"WHERE r.year BETWEEN ?1 AND ?2 AND (?3 = 0 OR r.facility_id = ?3) "
	"AND (CAST(?4 AS text) IS NULL OR EXISTS (SELECT 1 FROM report_output o "
	"WHERE o.report_id = r.id AND o.product_code = ?4))",
    [STMT_LEDGER_OUTPUT_MONTHS] =
	"SELECT x.report_id, x.product_code, x.month, x.quantity "
	"FROM report_output_month x JOIN report r ON r.id = x.report_id "
	"WHERE r.year BETWEEN ?1 AND ?2 AND (?3 = 0 OR r.facility_id = ?3) "
	"AND (CAST(?4 AS text) IS NULL OR EXISTS (SELECT 1 FROM report_output o "
	"WHERE o.report_id = r.id AND o.product_code = ?4))",
    /* Plain scans: a join per line to filter by report costs more than dropping lines. */
    [STMT_LEDGER_ENERGY_SCAN] = "SELECT report_id, carrier_code, unit, quantity, month, "
				"product_code FROM report_energy",
    [STMT_LEDGER_OUTPUTS_SCAN] = "SELECT report_id, product_code, quantity, unit "
				 "FROM report_output",
    [STMT_LEDGER_OUTPUT_MONTHS_SCAN] = "SELECT report_id, product_code, month, quantity "
				       "FROM report_output_month",
    [STMT_ANALYTICS_FACILITIES] =
	"SELECT f.id, f.code, f.name, coalesce(f.tax_code, ''), "
	"CASE WHEN a.level = 'commune' AND p.id IS NOT NULL THEN p.name ELSE a.name END, "
	"f.sector_code FROM facility f JOIN admin_unit a ON a.id = f.admin_unit_id "
	"LEFT JOIN admin_unit p ON p.id = a.parent_id WHERE ?1 = 0 OR f.id = ?1 ORDER BY f.id",
    [STMT_KEYUSERS_FACILITIES] =
	"SELECT f.id, f.code, f.name, coalesce(f.tax_code, ''), "
	"CASE WHEN a.level = 'commune' AND p.id IS NOT NULL THEN p.name ELSE a.name END, "
	"f.sector_code FROM report r JOIN facility f ON f.id = r.facility_id "
	"JOIN admin_unit a ON a.id = coalesce((SELECT h.admin_unit_id FROM facility_unit_history h "
	"WHERE h.facility_id = f.id AND coalesce(h.valid_from, '') <= ?4 AND "
	"(h.valid_to IS NULL OR h.valid_to >= ?4) "
	"ORDER BY coalesce(h.valid_from, '') DESC LIMIT 1), f.admin_unit_id) "
	"LEFT JOIN admin_unit p ON p.id = a.parent_id WHERE r.year = ?5 AND "
	/* active in the year, as facility_active_in() (model/registry/facility.h) */
	"(f.opened_year IS NULL OR f.opened_year <= ?5) AND "
	"(f.closed_year IS NULL OR f.closed_year >= ?5) AND "
	"(?1 IN ('admin', 'province') OR (?1 = 'district' AND (a.id = ?2 OR a.parent_id = ?2)) "
	"OR (?1 = 'enterprise' AND EXISTS (SELECT 1 FROM facility_member m "
	"WHERE m.facility_id = f.id AND m.user_id = ?3 AND m.status = 'confirmed'))) "
	"ORDER BY f.id",
    [STMT_BENCH_PRODUCTS] =
	"SELECT p.code, p.name_vi, p.name_en FROM product p WHERE EXISTS (SELECT 1 FROM "
	"report_output o JOIN report r ON r.id = o.report_id WHERE o.product_code = p.code "
	"AND r.year = ?1 AND r.status = 'accepted') ORDER BY p.code",
    [STMT_BENCH_PRODUCT_GET] = "SELECT name_vi, name_en, unit FROM product WHERE code = ?1",
    /* @analytics-sql */

    /* --- plan indicators by breakdown --- */
    [STMT_KPI_UNIT_HISTORY] = "SELECT facility_id, admin_unit_id, valid_from, valid_to "
			      "FROM facility_unit_history "
			      "WHERE valid_from IS NOT NULL OR valid_to IS NOT NULL "
			      "ORDER BY facility_id, coalesce(valid_from, '')",
    [STMT_KPI_SECTORS] = "SELECT code, name_vi, name_en FROM sector ORDER BY code",
    [STMT_KPI_PLAN_START] = "SELECT start_year FROM plan WHERE code = ?1",
    [STMT_UNITH_FACILITY] = "SELECT id, admin_unit_id, version FROM facility WHERE code = ?1",
    [STMT_UNITH_UNIT] = "SELECT id, level, valid_from, valid_to, name FROM admin_unit "
			"WHERE code = ?1",
    [STMT_UNITH_OPEN] = "SELECT id, valid_from FROM facility_unit_history "
			"WHERE facility_id = ?1 AND valid_to IS NULL",
    [STMT_UNITH_LAST_TO] = "SELECT max(valid_to) FROM facility_unit_history "
			   "WHERE facility_id = ?1",
    [STMT_UNITH_INSERT] = "INSERT INTO facility_unit_history(facility_id, admin_unit_id, "
			  "valid_from, valid_to) VALUES (?1, ?2, ?3, ?4)",
    [STMT_UNITH_CLOSE] = "UPDATE facility_unit_history SET valid_to = date(?2, '-1 day') "
			 "WHERE id = ?1",
    [STMT_UNITH_SET_UNIT] = "UPDATE facility SET admin_unit_id = ?2, version = version + 1 "
			    "WHERE id = ?1 AND version = ?3",
    [STMT_UNITH_LIST] = "SELECT au.code, au.name, fu.valid_from, fu.valid_to "
			"FROM facility_unit_history fu "
			"JOIN admin_unit au ON au.id = fu.admin_unit_id "
			"WHERE fu.facility_id = ?1 ORDER BY coalesce(fu.valid_from, '')",
/* @indicators-sql */

/* --- accounts, sessions, audit --- */
/* The user columns of model/accounts/user.c, in its USER_COL order. */
#define USER_SELECT                                                                                \
	"SELECT u.id, u.email, u.name, u.role, u.admin_unit_id, u.facility_id, u.password_hash, "  \
	"u.status, CAST(strftime('%s', u.created_at) AS INTEGER), au.code, f.name, u.version, "    \
	"au.name, f.code "                                                                         \
	"FROM app_user u LEFT JOIN admin_unit au ON au.id = u.admin_unit_id "                      \
	"LEFT JOIN facility f ON f.id = u.facility_id "
    [STMT_USER_INSERT] = "INSERT INTO app_user(email, name, role, admin_unit_id, facility_id, "
			 "password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
			 "datetime(?7, 'unixepoch'))",
    [STMT_USER_GET] = USER_SELECT "WHERE u.id = ?1",
    [STMT_USER_BY_EMAIL] = USER_SELECT "WHERE u.email = ?1",
    [STMT_USER_LIST] = USER_SELECT "ORDER BY u.email",
    [STMT_USER_SET_PASSWORD] = "UPDATE app_user SET password_hash = ?2, version = version + 1 "
			       "WHERE id = ?1",
    [STMT_USER_SET_STATUS] = "UPDATE app_user SET status = ?2, version = version + 1 WHERE id = ?1",
    [STMT_USER_UNIT_BY_CODE] = "SELECT id, level FROM admin_unit WHERE code = ?1",
    [STMT_USER_FACILITY_GET] = "SELECT id FROM facility WHERE id = ?1",
    [STMT_USER_UPDATE] = "UPDATE app_user SET name = ?2, role = ?3, admin_unit_id = ?4, "
			 "facility_id = ?5, version = version + 1 WHERE id = ?1 AND version = ?6",
    [STMT_USER_PICK] = "SELECT email, coalesce(name, '') FROM app_user "
		       "WHERE lower(email) LIKE '%' || CAST(?1 AS text) || '%' "
		       "OR lower(coalesce(name, '')) LIKE '%' || CAST(?1 AS text) || '%' "
		       "ORDER BY email LIMIT ?2",
    [STMT_FACILITY_PICK] =
	"SELECT f.id, f.name, f.code, coalesce(f.tax_code, ''), au.name, "
	"CASE WHEN f.code = ?2 OR f.tax_code = ?2 THEN 1 ELSE 0 END AS exact "
	"FROM facility f JOIN admin_unit au ON au.id = f.admin_unit_id "
	"WHERE f.status = 'active' AND (f.code = CAST(?2 AS text) OR f.tax_code = ?2 OR "
	"(CAST(?1 AS text) IS NOT NULL AND f.name_key LIKE '%' || ?1 || '%' ESCAPE '\\')) "
	"ORDER BY exact DESC, f.name_key, f.id LIMIT ?3",
    [STMT_SESSION_INSERT] = "INSERT INTO session(token_hash, user_id, csrf, created_at, last_seen, "
			    "expires_at) VALUES (?1, ?2, ?3, datetime(?4, 'unixepoch'), "
			    "datetime(?4, 'unixepoch'), datetime(?5, 'unixepoch'))",
    [STMT_SESSION_GET] = "SELECT s.user_id, s.csrf, CAST(strftime('%s', s.created_at) AS INTEGER), "
			 "CAST(strftime('%s', s.last_seen) AS INTEGER), "
			 "CAST(strftime('%s', s.expires_at) AS INTEGER), u.role, u.admin_unit_id, "
			 "u.facility_id, u.email, u.status FROM session s "
			 "JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?1",
    [STMT_SESSION_TOUCH] = "UPDATE session SET last_seen = datetime(?2, 'unixepoch') "
			   "WHERE token_hash = ?1",
    [STMT_SESSION_DELETE] = "DELETE FROM session WHERE token_hash = ?1",
    [STMT_SESSION_DELETE_USER] = "DELETE FROM session WHERE user_id = ?1 "
				 "AND (CAST(?2 AS text) IS NULL OR token_hash <> ?2)",
    [STMT_SESSION_AGE] = "UPDATE session SET "
			 "created_at = datetime(created_at, '-' || ?2 || ' seconds'), "
			 "last_seen = datetime(last_seen, '-' || ?2 || ' seconds'), "
			 "expires_at = datetime(expires_at, '-' || ?2 || ' seconds') "
			 "WHERE token_hash = ?1",
    [STMT_APITOKEN_INSERT] = "INSERT INTO api_token(user_id, name, token_hash, created_at) "
			     "VALUES (?1, ?2, ?3, ?4)",
    [STMT_APITOKEN_GET] = "SELECT t.id, t.user_id, u.role, u.admin_unit_id, u.facility_id, "
			  "u.email, u.status FROM api_token t JOIN app_user u ON u.id = t.user_id "
			  "WHERE t.token_hash = ?1 AND t.revoked_at IS NULL",
    [STMT_APITOKEN_LIST] = "SELECT id, name, created_at, last_used, revoked_at FROM api_token "
			   "WHERE user_id = ?1 ORDER BY id DESC",
    [STMT_APITOKEN_REVOKE] = "UPDATE api_token SET revoked_at = ?3 "
			     "WHERE id = ?1 AND user_id = ?2 AND revoked_at IS NULL",
    [STMT_APITOKEN_REVOKE_ALL] = "UPDATE api_token SET revoked_at = ?2 "
				 "WHERE user_id = ?1 AND revoked_at IS NULL",
    [STMT_APITOKEN_TOUCH] = "UPDATE api_token SET last_used = ?2 WHERE id = ?1",
    [STMT_THROTTLE_FAIL] = "INSERT INTO login_attempt(at, email, addr) VALUES (?1, ?2, ?3)",
    [STMT_THROTTLE_BY_EMAIL] = "SELECT count(*), min(at) FROM login_attempt "
			       "WHERE email = ?1 AND at >= ?2",
    [STMT_THROTTLE_BY_ADDR] = "SELECT count(*), min(at) FROM login_attempt "
			      "WHERE addr = ?1 AND at >= ?2",
    [STMT_THROTTLE_CLEAR] = "DELETE FROM login_attempt WHERE email = ?1",
    [STMT_THROTTLE_PURGE] = "DELETE FROM login_attempt WHERE at < ?1",
    [STMT_AUDIT_INSERT] = "INSERT INTO audit(at, user_id, actor, action, entity, entity_id, "
			  "before_json, after_json) VALUES (datetime(?1, 'unixepoch'), ?2, ?3, "
			  "?4, ?5, ?6, ?7, ?8)",
    [STMT_AUDIT_COUNT] = "SELECT count(*) FROM audit WHERE action = ?1 "
			 "AND (CAST(?2 AS text) IS NULL OR entity_id = ?2)",
    /* @auth-sql */

    /* --- enterprise reporting workflow --- */
    /* Every scoped statement repeats the predicate of model/accounts/scope.h on
     * facility f: ?1 role, ?2 district unit id, ?3 user id. */
    [STMT_FACILITY_SEE] =

	"SELECT f.id FROM facility f WHERE f.id = ?4 AND " SCOPE_SEES_F,
    [STMT_REPORT_GET] =

	"SELECT r.id, r.facility_id, r.year, r.status, r.forwarded_at IS NOT NULL, "
	"r.cp_aware, r.cp_staff, r.cp_unit, r.cp_applied, coalesce(r.submitted_on, ''), "
	"coalesce(r.review_note, ''), r.version FROM report r JOIN facility f ON f.id = "
	"r.facility_id WHERE r.id = ?4 AND " SCOPE_SEES_F,
    [STMT_REPORT_FIND] =

	"SELECT r.id FROM report r JOIN facility f ON f.id = r.facility_id WHERE "
	"r.facility_id = ?4 AND r.year = ?5 AND " SCOPE_SEES_F,
    [STMT_REPORT_LATEST_BEFORE] =

	"SELECT r.id FROM report r JOIN facility f ON f.id = r.facility_id WHERE "
	"r.facility_id = ?4 AND r.year < ?5 AND " SCOPE_SEES_F " ORDER BY r.year DESC LIMIT 1",
    [STMT_REPORT_OUTPUT_LIST] =

	"SELECT o.product_code, o.quantity, o.unit FROM report_output o JOIN report r ON "
	"r.id = o.report_id JOIN facility f ON f.id = r.facility_id WHERE o.report_id = "
	"?4 AND " SCOPE_SEES_F " ORDER BY o.id",
    [STMT_REPORT_ENERGY_LIST] =

	"SELECT e.carrier_code, e.quantity, e.unit, coalesce(e.month, 0), "
	"coalesce(e.product_code, ''), e.cost_vnd FROM report_energy e JOIN report r ON "
	"r.id = e.report_id JOIN facility f ON f.id = r.facility_id WHERE e.report_id = "
	"?4 AND " SCOPE_SEES_F " ORDER BY e.id",
    [STMT_REPORT_WATER_LIST] =

	"SELECT w.source, w.quantity_m3, w.cost_vnd FROM report_water w JOIN report r ON "
	"r.id = w.report_id JOIN facility f ON f.id = r.facility_id WHERE w.report_id = "
	"?4 AND " SCOPE_SEES_F " ORDER BY w.id",
    [STMT_REPORT_MATERIAL_LIST] =

	"SELECT t.name, t.quantity, t.unit, t.cost_vnd FROM report_material t JOIN "
	"report r ON r.id = t.report_id JOIN facility f ON f.id = r.facility_id WHERE "
	"t.report_id = ?4 AND " SCOPE_SEES_F " ORDER BY t.id",
    [STMT_CHOICE_PRODUCTS] = "SELECT code, name_vi, name_en, sector_code, unit FROM product "
			     "ORDER BY name_vi, code",
    [STMT_CHOICE_UNITS] = "SELECT code, name_vi, name_en, dimension FROM unit "
			  "ORDER BY dimension, to_base, code",
    [STMT_CHOICE_CARRIER_UNITS] =
	"SELECT cf.carrier_code, u.code FROM carrier_factor cf JOIN unit fu ON fu.code = cf.unit "
	"JOIN unit u ON u.dimension = fu.dimension GROUP BY cf.carrier_code, u.code, u.to_base "
	"ORDER BY cf.carrier_code, u.to_base, u.code",
    [STMT_REPORT_EXPL_CLEAR] = "DELETE FROM report_explanation WHERE report_id = ?1",
    [STMT_REPORT_EXPL_INSERT] = "INSERT INTO report_explanation(report_id, field, warning_vi, "
				"warning_en, explanation) VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_REPORT_EXPL_LIST] =
	"SELECT t.field, t.warning_vi, t.warning_en, t.explanation FROM report_explanation t "
	"JOIN report r ON r.id = t.report_id JOIN facility f ON f.id = r.facility_id WHERE "
	"t.report_id = ?4 AND " SCOPE_SEES_F " ORDER BY t.id",
    [STMT_REPORT_INSERT] = "INSERT INTO report(facility_id, year, status, cp_aware, cp_staff, "
			   "cp_unit, cp_applied) VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6)",
    [STMT_REPORT_UPDATE] = "UPDATE report SET cp_aware = ?3, cp_staff = ?4, cp_unit = ?5, "
			   "cp_applied = ?6, version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_REPORT_STATE] =
	"UPDATE report SET status = ?3, "
	"forwarded_at = CASE WHEN ?4 THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END, "
	"review_note = ?5, submitted_on = CASE WHEN ?6 THEN strftime('%Y-%m-%d', 'now') "
	"ELSE submitted_on END, version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_PRODUCT_UNIT] = "SELECT p.unit, u.dimension, p.sector_code FROM product p "
			  "JOIN unit u ON u.code = p.unit WHERE p.code = ?1",
    [STMT_UNIT_GET] = "SELECT dimension, to_base FROM unit WHERE code = ?1",
    [STMT_CARRIER_CHECK] =
	"SELECT EXISTS (SELECT 1 FROM carrier WHERE code = ?1), "
	"EXISTS (SELECT 1 FROM carrier_factor cf JOIN unit fu ON fu.code = cf.unit "
	"JOIN unit qu ON qu.code = ?2 WHERE cf.carrier_code = ?1 AND fu.dimension = qu.dimension)",
    [STMT_UNIT_LIST] = "SELECT code, dimension, to_base FROM unit",
    [STMT_FACTOR_LIST] = "SELECT carrier_code, unit, toe_per_unit, gj_per_unit, valid_from, "
			 "coalesce(valid_to, '') FROM carrier_factor",
    [STMT_REGISTRATION_GET] =

	"SELECT g.id, g.facility_id, g.year, g.status, g.forwarded_at IS NOT NULL, "
	"g.apply_cp, g.planned_saving_pct, coalesce(g.measures, ''), "
	"coalesce(g.submitted_on, ''), coalesce(g.review_note, ''), g.version FROM "
	"registration g JOIN facility f ON f.id = g.facility_id WHERE g.id = ?4 AND " SCOPE_SEES_F,
    [STMT_REGISTRATION_FIND] =

	"SELECT g.id FROM registration g JOIN facility f ON f.id = g.facility_id WHERE "
	"g.facility_id = ?4 AND g.year = ?5 AND " SCOPE_SEES_F,
    [STMT_REGISTRATION_LATEST_BEFORE] =

	"SELECT g.id FROM registration g JOIN facility f ON f.id = g.facility_id WHERE "
	"g.facility_id = ?4 AND g.year < ?5 AND " SCOPE_SEES_F " ORDER BY g.year DESC LIMIT 1",
    [STMT_REGISTRATION_INSERT] =
	"INSERT INTO registration(facility_id, year, apply_cp, "
	"planned_saving_pct, measures, status) VALUES (?1, ?2, ?3, ?4, ?5, 'draft')",
    [STMT_REGISTRATION_UPDATE] =
	"UPDATE registration SET apply_cp = ?3, planned_saving_pct = ?4, "
	"measures = ?5, version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_REGISTRATION_STATE] =
	"UPDATE registration SET status = ?3, "
	"forwarded_at = CASE WHEN ?4 THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END, "
	"review_note = ?5, submitted_on = CASE WHEN ?6 THEN strftime('%Y-%m-%d', 'now') "
	"ELSE submitted_on END, version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_FACILITY_FIND] = "SELECT id FROM facility WHERE code = ?1 OR tax_code = ?1 "
			   "ORDER BY code = ?1 DESC LIMIT 1",
    [STMT_CLAIM_GET] =
	"SELECT m.id, m.user_id, m.facility_id, m.status, m.version, coalesce(m.note, '') "
	"FROM facility_member m JOIN facility f ON f.id = m.facility_id WHERE m.id = ?4 AND "
	"(?1 IN ('admin', 'province') OR m.user_id = ?3 OR (?1 = 'district' AND f.admin_unit_id IN "
	"(SELECT u.id FROM admin_unit u WHERE u.id = ?2 OR u.parent_id = ?2)))",
    [STMT_CLAIM_FIND] = "SELECT id, status, version FROM facility_member "
			"WHERE user_id = ?1 AND facility_id = ?2",
    [STMT_CLAIM_INSERT] =
	"INSERT INTO facility_member(user_id, facility_id, status, claimed_at, decided_at, "
	"decided_by, note) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), "
	"CASE WHEN ?4 IS NOT NULL THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END, ?4, ?5)",
    [STMT_CLAIM_SET] =
	"UPDATE facility_member SET status = ?3, decided_by = ?4, note = ?5, "
	"decided_at = CASE WHEN ?4 IS NOT NULL THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END, "
	"claimed_at = CASE WHEN ?4 IS NULL THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	"ELSE claimed_at END, version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_CLAIM_LIST] =
	"SELECT m.id, m.user_id, a.email, m.facility_id, f.code, f.name, m.status, m.claimed_at, "
	"coalesce(m.note, ''), m.version, coalesce(f.tax_code, '') FROM facility_member m JOIN "
	"facility f "
	"ON f.id = m.facility_id "
	"JOIN app_user a ON a.id = m.user_id WHERE (CAST(?4 AS text) IS NULL OR m.status = ?4) AND "
	"(?1 IN ('admin', 'province') OR m.user_id = ?3 OR (?1 = 'district' AND f.admin_unit_id IN "
	"(SELECT u.id FROM admin_unit u WHERE u.id = ?2 OR u.parent_id = ?2))) "
	"ORDER BY m.claimed_at DESC, m.id DESC LIMIT 500",
    [STMT_USER_ROLE] = "SELECT role, status FROM app_user WHERE id = ?1",
    [STMT_FACILITY_GET] =

	"SELECT f.id, f.code, coalesce(f.tax_code, ''), f.name, f.sector_code, "
	"f.admin_unit_id, coalesce(f.address, ''), f.lat, f.lon, f.ownership, f.size, "
	"f.employees, f.opened_year, f.closed_year, f.status, f.version FROM facility f "
	"WHERE f.id = ?4 AND " SCOPE_SEES_F,
    [STMT_FACILITY_UPDATE] =
	"UPDATE facility SET tax_code = ?3, name = ?4, name_key = ?5, sector_code = ?6, "
	"address = ?7, lat = ?8, lon = ?9, ownership = ?10, size = ?11, employees = ?12, "
	"opened_year = ?13, closed_year = ?14, version = version + 1 "
	"WHERE id = ?1 AND version = ?2",
    [STMT_SECTOR_EXISTS] = "SELECT 1 FROM sector WHERE code = ?1",
    [STMT_FACILITY_TAX_TAKEN] = "SELECT 1 FROM facility WHERE tax_code = ?1 AND id <> ?2",
    [STMT_WORKFLOW_QUEUE] =

	"WITH q AS (SELECT kind, id, facility_id, version, year, status, forwarded_at IS "
	"NOT NULL AS fwd, coalesce(submitted_on, '') AS sub FROM workflow_document) "
	"SELECT q.kind, q.id, q.facility_id, q.version, q.year, q.status, q.fwd, f.name, "
	"f.code, au.name, f.sector_code, q.sub, coalesce((SELECT max(e.at) FROM doc_event e "
	"WHERE e.kind = q.kind AND e.doc_id = q.id AND e.action = 'submit'), 0) "
	"FROM q JOIN facility f ON f.id = "
	"q.facility_id JOIN admin_unit au ON au.id = f.admin_unit_id WHERE (CAST(?4 AS "
	"text) IS NULL OR q.kind = ?4) AND (CAST(?5 AS bigint) IS NULL OR q.year = ?5) "
	"AND (CAST(?6 AS bigint) IS NULL OR f.admin_unit_id = ?6 OR au.parent_id = ?6) "
	"AND (CAST(?7 AS text) IS NULL OR f.sector_code LIKE ?7 || '%') AND (?8 & CASE "
	"WHEN q.status = 'draft' THEN 1 WHEN q.status = 'submitted' AND NOT q.fwd THEN 2 "
	"WHEN q.status = 'submitted' THEN 4 WHEN q.status = 'returned' THEN 8 ELSE 16 "
	"END) <> 0 AND (CAST(?11 AS text) IS NULL OR f.name_key LIKE '%' || ?11 || '%' "
	"ESCAPE '\\' OR upper(f.code) = upper(CAST(?12 AS text)) OR f.tax_code = ?12) "
	"AND " SCOPE_SEES_F " ORDER BY q.sub, q.kind, q.id LIMIT ?9 OFFSET ?10",
    [STMT_WORKFLOW_QUEUE_COUNTS] =

	"WITH q AS (SELECT kind, id, facility_id, version, year, status, forwarded_at IS "
	"NOT NULL AS fwd, coalesce(submitted_on, '') AS sub FROM workflow_document) "
	"SELECT q.status, q.fwd, count(*) FROM q JOIN facility f ON f.id = q.facility_id "
	"JOIN admin_unit au ON au.id = f.admin_unit_id WHERE (CAST(?4 AS text) IS NULL "
	"OR q.kind = ?4) AND (CAST(?5 AS bigint) IS NULL OR q.year = ?5) AND (CAST(?6 AS "
	"bigint) IS NULL OR f.admin_unit_id = ?6 OR au.parent_id = ?6) AND (CAST(?7 AS "
	"text) IS NULL OR f.sector_code LIKE ?7 || '%') AND (CAST(?8 AS text) IS NULL OR "
	"f.name_key LIKE '%' || ?8 || '%' ESCAPE '\\' OR upper(f.code) = "
	"upper(CAST(?9 AS text)) OR f.tax_code = ?9) AND " SCOPE_SEES_F " GROUP BY q.status, q.fwd",
    [STMT_ADMIN_UNIT_ID] = "SELECT id FROM admin_unit WHERE code = ?1",
#define AUDIT_SEARCH_WHERE                                                                         \
	"WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR actor = ?2) "                        \
	"AND (?3 IS NULL OR action LIKE ?3 || '%') AND (?4 IS NULL OR at >= ?4) "                  \
	"AND (?5 IS NULL OR at < ?5) "
    [STMT_AUDIT_SEARCH] =
	"SELECT id, at, actor, action, entity, entity_id, before_json, "
	"after_json FROM audit " AUDIT_SEARCH_WHERE "ORDER BY id DESC LIMIT ?6 OFFSET ?7",
    [STMT_AUDIT_SEARCH_COUNT] = "SELECT count(*) FROM audit " AUDIT_SEARCH_WHERE,
#undef AUDIT_SEARCH_WHERE
    [STMT_CARRIER_LIST] = "SELECT code, name_vi, name_en, kind, native_unit, biogenic FROM carrier "
			  "ORDER BY code",
    /* @workflow-sql */
    /* --- reviewer's desk --- */
    [STMT_DOC_EVENT_INSERT] = "INSERT INTO doc_event(kind, doc_id, at, user_id, actor, action, "
			      "note, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [STMT_DOC_EVENT_LIST] =
	"SELECT e.id, e.at, coalesce(nullif(u.name, ''), e.actor), e.action, e.note, e.content "
	"FROM doc_event e LEFT JOIN app_user u ON u.id = e.user_id "
	"WHERE e.kind = ?1 AND e.doc_id = ?2 ORDER BY e.id",
    [STMT_REFDATA_NAMES] = "SELECT 'product', code, name_vi, name_en FROM product UNION ALL "
			   "SELECT 'carrier', code, name_vi, name_en FROM carrier UNION ALL "
			   "SELECT 'unit', code, name_vi, name_en FROM unit",
    [STMT_PLAN_DEFAULT_ISSUER] =
	"SELECT issuer FROM plan WHERE is_default = 1 ORDER BY code LIMIT 1",
    [STMT_ADMIN_UNIT_PICK] =
	"SELECT u.code, u.name, u.level, coalesce(u.valid_to, '') FROM admin_unit u "
	"WHERE u.level <> 'province' AND (?1 IN ('admin', 'province') OR (?1 = 'district' "
	"AND (u.id = ?2 OR u.parent_id = ?2))) ORDER BY u.name, u.code",
    [STMT_SECTOR_PICK] = "SELECT code, name_vi, name_en, level FROM sector ORDER BY code",
    /* --- enterprise home and deadlines --- */
    [STMT_DEADLINE_GET] = "SELECT coalesce(report_due, ''), coalesce(registration_due, ''), "
			  "version FROM deadline WHERE year = ?1",
    [STMT_DEADLINE_LIST] = "SELECT year, coalesce(report_due, ''), coalesce(registration_due, "
			   "''), version FROM deadline WHERE year BETWEEN ?1 AND ?2 ORDER BY year",
    [STMT_DEADLINE_INSERT] = "INSERT INTO deadline(year, report_due, registration_due, "
			     "updated_at, updated_by, version) VALUES (?1, ?2, ?3, ?4, ?5, 1)",
    [STMT_DEADLINE_UPDATE] = "UPDATE deadline SET report_due = ?3, registration_due = ?4, "
			     "updated_at = ?5, updated_by = ?6, version = version + 1 "
			     "WHERE year = ?1 AND version = ?2",
    [STMT_HOME_SEEN_GET] = "SELECT audit_id FROM home_seen WHERE user_id = ?1",
    [STMT_HOME_SEEN_SET] =
	"INSERT INTO home_seen(user_id, audit_id, seen_at) VALUES (?1, ?2, ?3) "
	"ON CONFLICT(user_id) DO UPDATE SET audit_id = excluded.audit_id, "
	"seen_at = excluded.seen_at WHERE home_seen.audit_id < excluded.audit_id",
    [STMT_HOME_NOTICES] =
	"SELECT a.id, a.at, a.action, d.kind, d.year, d.facility_id, f.name, d.id FROM audit a "
	"JOIN workflow_document d ON d.kind = a.entity AND CAST(d.id AS text) = a.entity_id "
	"JOIN facility f ON f.id = d.facility_id JOIN facility_member m ON m.facility_id = "
	"d.facility_id AND m.user_id = ?1 AND m.status = 'confirmed' WHERE a.action IN "
	"('report.return', 'report.reopen', 'report.accept', 'registration.return', "
	"'registration.reopen', 'registration.accept') AND a.id > ?2 ORDER BY a.id DESC "
	"LIMIT ?3",
    [STMT_HOME_LAST_RETURN] =
	"SELECT a.at, coalesce(nullif(u.name, ''), a.actor) FROM audit a LEFT JOIN app_user u "
	"ON u.id = a.user_id WHERE a.entity = CAST(?1 AS text) AND a.entity_id = ?2 AND "
	"a.action IN (CAST(?1 AS text) || '.return', CAST(?1 AS text) || '.reopen') "
	"ORDER BY a.id DESC LIMIT 1",

    /* --- form drafts and stashes --- */
    [STMT_FORMDRAFT_PUT] = "INSERT INTO form_draft(user_id, path, body, base_version, saved_at) "
			   "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id, path) DO UPDATE SET "
			   "body = excluded.body, base_version = excluded.base_version, "
			   "saved_at = excluded.saved_at",
    [STMT_FORMDRAFT_GET] = "SELECT body, base_version, saved_at FROM form_draft "
			   "WHERE user_id = ?1 AND path = ?2 AND saved_at >= ?3",
    [STMT_FORMDRAFT_DELETE] = "DELETE FROM form_draft WHERE user_id = ?1 AND path = ?2",
    [STMT_FORMDRAFT_EXPIRE] = "DELETE FROM form_draft WHERE saved_at < ?1",
    [STMT_FORMSTASH_INSERT] = "INSERT INTO form_stash(token_hash, path, body, base_version, "
			      "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_FORMSTASH_GET] = "SELECT path, body, base_version, created_at FROM form_stash "
			   "WHERE token_hash = ?1 AND expires_at > ?2",
    [STMT_FORMSTASH_DELETE] = "DELETE FROM form_stash WHERE token_hash = ?1",
    [STMT_FORMSTASH_EXPIRE] = "DELETE FROM form_stash WHERE expires_at <= ?1",
    [STMT_FORMSTASH_COUNT] = "SELECT count(*) FROM form_stash",
    [STMT_DOC_LAST_CHANGE] = "SELECT actor, at FROM audit WHERE entity = ?1 AND entity_id = ?2 "
			     "ORDER BY id DESC LIMIT 1",
    /* @drafts-sql */
    /* @wbimport-sql */
    [STMT_WBI_FACILITY_BY_CODE] = "SELECT id, name FROM facility WHERE code = ?1",
    [STMT_WBUPLOAD_INSERT] = "INSERT INTO wb_upload(token_hash, user_id, filename, year, content, "
			     "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_WBUPLOAD_GET] = "SELECT filename, year, content FROM wb_upload WHERE token_hash = ?1 "
			  "AND user_id = ?2 AND expires_at > ?3",
    [STMT_WBUPLOAD_DELETE] = "DELETE FROM wb_upload WHERE token_hash = ?1",
    [STMT_WBUPLOAD_EXPIRE] = "DELETE FROM wb_upload WHERE expires_at <= ?1",

    /* --- survey campaigns (model/survey/campaign.c) --- */
    [STMT_CAMPAIGN_INSERT] = "INSERT INTO campaign(year, kind, deadline, title, sector_code, size, "
			     "key_users, created_by, created_at) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [STMT_CAMPAIGN_UNIT_INSERT] = "INSERT INTO campaign_unit(campaign_id, unit_id) VALUES (?1, ?2)",
    [STMT_CAMPAIGN_UNIT_ID] = "SELECT id, name FROM admin_unit WHERE code = ?1",
    [STMT_CAMPAIGN_CANDIDATES] =
	"SELECT f.id, au.id, coalesce(au.parent_id, 0), au.level FROM facility f "
	"JOIN admin_unit au ON au.id = f.admin_unit_id WHERE f.status = 'active' "
	"AND (CAST(?1 AS text) IS NULL OR f.sector_code LIKE ?1 || '%') "
	"AND (CAST(?2 AS text) IS NULL OR f.size = ?2) ORDER BY f.id",
    [STMT_CAMPAIGN_FACILITY_INSERT] = "INSERT INTO campaign_facility(campaign_id, facility_id, "
				      "unit_id, invited_at) VALUES (?1, ?2, ?3, ?4)",
    [STMT_CAMPAIGN_LIST] =
	"SELECT c.id, c.year, c.kind, c.deadline, c.title, c.state, coalesce(c.sector_code, ''), "
	"coalesce(c.size, ''), c.key_users, c.created_at, coalesce(u.email, ''), "
	"(SELECT count(*) FROM campaign_facility cf WHERE cf.campaign_id = c.id) "
	"FROM campaign c LEFT JOIN app_user u ON u.id = c.created_by "
	"WHERE ?1 = 0 OR c.id = ?1 ORDER BY c.id DESC",
    [STMT_CAMPAIGN_UNITS] = "SELECT au.code, au.name, coalesce(au.name_en, au.name) "
			    "FROM campaign_unit cu JOIN admin_unit au ON au.id = cu.unit_id "
			    "WHERE cu.campaign_id = ?1 ORDER BY au.code",
    [STMT_CAMPAIGN_PROGRESS_ROWS] =
	"SELECT cf.unit_id, u.code, u.name, coalesce(u.name_en, u.name), "
	"CASE WHEN cf.opened_at IS NULL THEN 0 ELSE 1 END, coalesce(r.status, ''), "
	"coalesce(g.status, '') FROM campaign_facility cf JOIN admin_unit u ON u.id = cf.unit_id "
	"LEFT JOIN report r ON r.facility_id = cf.facility_id AND r.year = ?2 "
	"LEFT JOIN registration g ON g.facility_id = cf.facility_id AND g.year = ?2 "
	"WHERE cf.campaign_id = ?1 AND (?3 = 0 OR cf.unit_id = ?3)",
    [STMT_CAMPAIGN_MEMBERS] =
	"SELECT f.id, f.code, f.name, u.code, u.name FROM campaign_facility cf "
	"JOIN facility f ON f.id = cf.facility_id JOIN admin_unit u ON u.id = cf.unit_id "
	"WHERE cf.campaign_id = ?1 ORDER BY f.code",
    [STMT_CAMPAIGN_FACILITY_FIND] =
	"SELECT f.id, cf.unit_id, f.name FROM facility f JOIN campaign_facility cf "
	"ON cf.facility_id = f.id AND cf.campaign_id = ?4 WHERE f.code = ?5 AND " SCOPE_SEES_F,
    [STMT_CAMPAIGN_BOOK_FACILITIES] =
	"SELECT f.id, f.code, f.name, coalesce(f.tax_code, ''), au.name, s.name_vi "
	"FROM campaign_facility cf JOIN facility f ON f.id = cf.facility_id "
	"JOIN admin_unit au ON au.id = f.admin_unit_id JOIN sector s ON s.code = f.sector_code "
	"WHERE cf.campaign_id = ?1 AND (?2 = 0 OR cf.unit_id = ?2) "
	"AND (?3 = 0 OR cf.facility_id = ?3) ORDER BY f.id",
    [STMT_CAMPAIGN_BOOK_OUTPUTS] =
	"SELECT cf.facility_id, o.product_code, o.unit FROM campaign_facility cf "
	"JOIN report r ON r.id = (SELECT r2.id FROM report r2 WHERE r2.facility_id = "
	"cf.facility_id AND r2.status = 'accepted' AND r2.year < ?4 ORDER BY r2.year DESC LIMIT 1) "
	"JOIN report_output o ON o.report_id = r.id "
	"WHERE cf.campaign_id = ?1 AND (?2 = 0 OR cf.unit_id = ?2) "
	"AND (?3 = 0 OR cf.facility_id = ?3) ORDER BY cf.facility_id, o.product_code",
    [STMT_CAMPAIGN_BOOK_ENERGY] =
	"SELECT cf.facility_id, e.carrier_code, min(e.unit) FROM campaign_facility cf "
	"JOIN report r ON r.id = (SELECT r2.id FROM report r2 WHERE r2.facility_id = "
	"cf.facility_id AND r2.status = 'accepted' AND r2.year < ?4 ORDER BY r2.year DESC LIMIT 1) "
	"JOIN report_energy e ON e.report_id = r.id "
	"WHERE cf.campaign_id = ?1 AND (?2 = 0 OR cf.unit_id = ?2) "
	"AND (?3 = 0 OR cf.facility_id = ?3) GROUP BY cf.facility_id, e.carrier_code "
	"ORDER BY cf.facility_id, e.carrier_code",
    [STMT_CAMPAIGN_OPENED_SET] =
	"UPDATE campaign_facility SET opened_at = ?3 "
	"WHERE campaign_id = ?1 AND facility_id = ?2 AND opened_at IS NULL",
    [STMT_CAMPAIGN_FORM_OPENED] =
	"UPDATE campaign_facility SET opened_at = ?4 WHERE facility_id = ?1 AND opened_at IS NULL "
	"AND campaign_id IN (SELECT c.id FROM campaign c WHERE c.year = ?2 AND c.state = 'open' "
	"AND (c.kind = 'both' OR c.kind = CASE WHEN ?3 = 1 THEN 'registration' ELSE 'report' END))",
    [STMT_CAMPAIGN_OF_FACILITY] =
	"SELECT c.id FROM campaign c JOIN campaign_facility cf ON cf.campaign_id = c.id "
	"WHERE cf.facility_id = ?1 AND c.state = 'open' ORDER BY c.id DESC",
    [STMT_CAMPAIGN_CLOSE] = "UPDATE campaign SET state = 'closed' WHERE id = ?1 AND state = 'open'",
    [STMT_CAMPAIGN_REMIND_ROWS] =
	"SELECT f.id, f.code, coalesce(r.status, ''), coalesce(g.status, '') "
	"FROM campaign_facility cf JOIN facility f ON f.id = cf.facility_id "
	"LEFT JOIN report r ON r.facility_id = cf.facility_id AND r.year = ?2 "
	"LEFT JOIN registration g ON g.facility_id = cf.facility_id AND g.year = ?2 "
	"WHERE cf.campaign_id = ?1 AND f.status = 'active' ORDER BY f.code",
    /* --- e-mail (model/mail/) --- */
    [STMT_MAIL_QUEUE] =
	"INSERT INTO mail_outbox(kind, recipient, user_id, subject, body, facility_id, doc_kind, "
	"doc_id, dedup_key, next_at, created_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10) ON CONFLICT(dedup_key) DO NOTHING",
    [STMT_MAIL_DUE] =
	"SELECT id, state FROM mail_outbox WHERE (state = 'queued' AND next_at <= ?1) "
	"OR (state = 'sending' AND claimed_at < ?2) ORDER BY next_at, id LIMIT ?3",
    [STMT_MAIL_CLAIM] =
	"UPDATE mail_outbox SET state = 'sending', claimed_at = ?2, attempts = attempts + 1 "
	"WHERE id = ?1 AND ((state = 'queued' AND next_at <= ?2) "
	"OR (state = 'sending' AND claimed_at < ?3))",
    [STMT_MAIL_GET] =
	"SELECT recipient, subject, body, attempts, kind FROM mail_outbox WHERE id = ?1",
    [STMT_MAIL_SENT] = "UPDATE mail_outbox SET state = 'sent', sent_at = ?2, last_error = NULL, "
		       "body = CASE WHEN kind = 'password_reset' THEN '' ELSE body END "
		       "WHERE id = ?1 AND state = 'sending'",
    [STMT_MAIL_RETRY] = "UPDATE mail_outbox SET state = 'queued', next_at = ?2, last_error = ?3 "
			"WHERE id = ?1 AND state = 'sending'",
    [STMT_MAIL_FAILED] = "UPDATE mail_outbox SET state = 'failed', last_error = ?2 "
			 "WHERE id = ?1 AND state = 'sending'",
    [STMT_MAIL_LIST] = "SELECT id, kind, recipient, subject, state, attempts, next_at, "
		       "coalesce(last_error, ''), created_at, sent_at FROM mail_outbox "
		       "WHERE state = coalesce(?1, state) ORDER BY id DESC LIMIT ?2",
    [STMT_MAIL_PENDING] = "SELECT id, kind, recipient, subject, attempts FROM mail_outbox "
			  "WHERE state = 'queued' AND next_at <= ?1 ORDER BY next_at, id",
    [STMT_MAIL_OPTOUT_GET] = "SELECT 1 FROM mail_optout WHERE user_id = ?1",
    [STMT_MAIL_OPTOUT_SET] = "INSERT INTO mail_optout(user_id, at) VALUES (?1, ?2) "
			     "ON CONFLICT(user_id) DO UPDATE SET at = excluded.at",
    [STMT_MAIL_OPTOUT_CLEAR] = "DELETE FROM mail_optout WHERE user_id = ?1",
#define MAIL_MEMBERS                                                                               \
	"JOIN facility_member m ON m.facility_id = f.id AND m.status = 'confirmed' "               \
	"JOIN app_user u ON u.id = m.user_id AND u.status = 'active' AND u.role = 'enterprise' "   \
	"AND NOT EXISTS (SELECT 1 FROM mail_optout o WHERE o.user_id = u.id) "
    [STMT_MAIL_FACILITY_RECIPIENTS] =
	"SELECT u.id, u.email, coalesce(u.name, ''), f.name "
	"FROM facility f " MAIL_MEMBERS "WHERE f.id = ?1 ORDER BY u.id",
    [STMT_MAIL_REMIND_RECIPIENTS] =
	"SELECT f.id, f.name, u.id, u.email, coalesce(u.name, '') FROM facility f " MAIL_MEMBERS
	"WHERE f.status = 'active' AND NOT EXISTS (SELECT 1 FROM workflow_document d "
	"WHERE d.kind = ?1 AND d.facility_id = f.id AND d.year = ?2 "
	"AND d.status IN ('submitted', 'accepted')) ORDER BY f.id, u.id",
#undef MAIL_MEMBERS
    [STMT_PWRESET_INSERT] = "INSERT INTO password_reset(email, addr, user_id, token_hash, "
			    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_PWRESET_BY_EMAIL] =
	"SELECT count(*) FROM password_reset WHERE email = ?1 AND created_at >= ?2",
    [STMT_PWRESET_BY_ADDR] =
	"SELECT count(*) FROM password_reset WHERE addr = ?1 AND created_at >= ?2",
    [STMT_PWRESET_GET] = "SELECT id, user_id FROM password_reset WHERE token_hash = ?1 "
			 "AND used_at IS NULL AND expires_at > ?2 AND user_id IS NOT NULL",
    [STMT_PWRESET_USE] =
	"UPDATE password_reset SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
    [STMT_PWRESET_PURGE] = "DELETE FROM password_reset WHERE created_at < ?1",
    /* --- exports officials hand on (model/io/sheetinfo.c) --- */
    [STMT_EXPORTS_PROVINCE] =
	"SELECT name, coalesce(name_en, '') FROM admin_unit WHERE level = 'province' AND "
	"(valid_from IS NULL OR valid_from <= ?1) AND (valid_to IS NULL OR valid_to >= ?1) "
	"ORDER BY coalesce(valid_from, '') DESC, code LIMIT 1",
    [STMT_EXPORTS_FACILITY] =
	"SELECT coalesce(f.address, ''), s.name_vi, s.name_en FROM facility f "
	"JOIN sector s ON s.code = f.sector_code WHERE f.id = ?1",
    [STMT_EXPORTS_NAMES] =
	"SELECT 0, code, name_vi, name_en FROM sector UNION ALL "
	"SELECT 1, code, name, coalesce(name_en, name) FROM admin_unit UNION ALL "
	"SELECT 2, code, name_vi, name_en FROM carrier UNION ALL "
	"SELECT 3, code, name_vi, name_en FROM product",
/* @exports-sql */
/* --- CP assessments (model/assess/assessment.c) --- */
#define SCOPE_SEES_A                                                                               \
	"(" SCOPE_SEES_F " OR (?1 = 'expert' AND EXISTS (SELECT 1 FROM assessment_member am "      \
	"WHERE am.assessment_id = a.id AND am.user_id = ?3)))"
    [STMT_ASSESS_GET] =
	"SELECT a.id, a.facility_id, a.year, a.status, a.title, a.pilot, a.funding, "
	"a.funding_note, a.started_on, a.focus, a.balance_period, a.tolerance_pct, "
	"a.weight_tech, a.weight_fin, a.weight_env, coalesce(a.submitted_on, ''), "
	"coalesce(a.review_note, ''), coalesce(a.accepted_on, ''), a.published, a.version "
	"FROM assessment a JOIN facility f ON f.id = a.facility_id WHERE a.id = ?4 "
	"AND " SCOPE_SEES_A,
    [STMT_ASSESS_FIND] = "SELECT a.id FROM assessment a JOIN facility f ON f.id = a.facility_id "
			 "WHERE a.facility_id = ?4 AND a.year = ?5 AND " SCOPE_SEES_A,
    [STMT_ASSESS_INSERT] =
	"INSERT INTO assessment(facility_id, year, title, pilot, funding, funding_note, "
	"started_on, focus, balance_period, tolerance_pct, weight_tech, weight_fin, weight_env, "
	"status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'draft')",
    [STMT_ASSESS_UPDATE] =
	"UPDATE assessment SET title = ?3, pilot = ?4, funding = ?5, funding_note = ?6, "
	"started_on = ?7, focus = ?8, balance_period = ?9, tolerance_pct = ?10, "
	"weight_tech = ?11, weight_fin = ?12, weight_env = ?13, version = version + 1 "
	"WHERE id = ?1 AND version = ?2",
    [STMT_ASSESS_STATE] =
	"UPDATE assessment SET status = ?3, review_note = ?5, "
	"submitted_on = CASE WHEN ?6 THEN strftime('%Y-%m-%d', 'now') ELSE submitted_on END, "
	"accepted_on = CASE WHEN ?3 = 'accepted' THEN strftime('%Y-%m-%d', 'now') "
	"WHEN ?3 = 'sustaining' THEN accepted_on END, version = version + 1 "
	"WHERE id = ?1 AND version = ?2",
    [STMT_ASSESS_TOUCH] =
	"UPDATE assessment SET version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_ASSESS_MEMBER_LIST] =
	"SELECT m.id, coalesce(m.user_id, 0), m.name, m.team_role, m.position, m.organisation, "
	"m.contact, coalesce(u.email, '') FROM assessment_member m LEFT JOIN app_user u ON "
	"u.id = m.user_id WHERE m.assessment_id = ?1 ORDER BY CASE m.team_role WHEN 'leader' "
	"THEN 0 WHEN 'member' THEN 1 ELSE 2 END, m.id",
    [STMT_ASSESS_MEMBER_INSERT] =
	"INSERT INTO assessment_member(assessment_id, user_id, name, team_role, position, "
	"organisation, contact) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_ASSESS_MEMBER_DELETE] =
	"DELETE FROM assessment_member WHERE id = ?1 AND assessment_id = ?2",
    [STMT_ASSESS_MEMBER_HAS] =
	"SELECT 1 FROM assessment_member WHERE assessment_id = ?1 AND user_id = ?2",
    [STMT_ASSESS_ACCOUNT] =
	"SELECT id, role, coalesce(name, '') FROM app_user WHERE lower(email) = lower(?1) "
	"AND status = 'active'",
    [STMT_ASSESS_TASK_LIST] =
	"SELECT t.task, t.state, t.responsible, t.notes, coalesce(t.due_on, ''), "
	"coalesce(t.updated_at, 0), (SELECT count(*) FROM assessment_file x WHERE "
	"x.assessment_id = t.assessment_id AND x.task = t.task) FROM assessment_task t "
	"WHERE t.assessment_id = ?1 ORDER BY t.task",
    [STMT_ASSESS_TASK_UPSERT] =
	"INSERT INTO assessment_task(assessment_id, task, state, responsible, notes, due_on, "
	"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(assessment_id, task) DO "
	"UPDATE SET state = excluded.state, responsible = excluded.responsible, notes = "
	"excluded.notes, due_on = excluded.due_on, updated_at = excluded.updated_at",
#define ASSESS_LIST_WHERE                                                                          \
	"FROM assessment a JOIN facility f ON f.id = a.facility_id JOIN admin_unit au ON "         \
	"au.id = f.admin_unit_id WHERE (CAST(?4 AS text) IS NULL OR a.status = ?4) AND "           \
	"(CAST(?5 AS bigint) IS NULL OR a.year = ?5) AND (CAST(?6 AS bigint) IS NULL OR "          \
	"a.pilot = ?6) AND (CAST(?7 AS bigint) IS NULL OR a.facility_id = ?7) AND " SCOPE_SEES_A
    [STMT_ASSESS_LIST] =
	"SELECT a.id, a.facility_id, a.version, a.year, a.pilot, a.status, f.name, f.code, "
	"au.name, f.sector_code, a.title, a.started_on, coalesce((SELECT CAST(sum(CAST(1 AS "
	"bigint) << CAST(t.task - 1 AS integer)) AS bigint) FROM assessment_task t WHERE "
	"t.assessment_id = a.id AND t.state IN ('done', 'skipped')), 0), (SELECT count(*) FROM "
	"cp_option o WHERE o.assessment_id = "
	"a.id), (SELECT count(*) FROM cp_option o WHERE o.assessment_id = a.id AND o.status = "
	"'implemented') " ASSESS_LIST_WHERE " ORDER BY a.started_on DESC, a.id DESC "
	"LIMIT ?8 OFFSET ?9",
    [STMT_ASSESS_LIST_COUNT] = "SELECT count(*) " ASSESS_LIST_WHERE,
#undef ASSESS_LIST_WHERE
    /* @assess-sql */
    [STMT_AFILE_INSERT] =
	"INSERT INTO assessment_file(assessment_id, task, filename, mime, size, content, "
	"uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [STMT_AFILE_LIST] =
	"SELECT x.id, coalesce(x.task, 0), x.filename, x.mime, x.size, x.uploaded_by, "
	"coalesce(nullif(u.name, ''), u.email), x.uploaded_at FROM assessment_file x JOIN "
	"app_user u ON u.id = x.uploaded_by WHERE x.assessment_id = ?1 ORDER BY coalesce(x.task, "
	"0), x.id",
    [STMT_AFILE_META] =
	"SELECT coalesce(task, 0), filename, mime, size, uploaded_by, uploaded_at FROM "
	"assessment_file WHERE assessment_id = ?1 AND id = ?2",
    [STMT_AFILE_CONTENT] =
	"SELECT content FROM assessment_file WHERE assessment_id = ?1 AND id = ?2",
    [STMT_AFILE_DELETE] = "DELETE FROM assessment_file WHERE assessment_id = ?1 AND id = ?2",

    /* @assess-process-sql */
    [STMT_PROCESS_STEP_LIST] = "SELECT id, seq, name, description FROM process_step WHERE "
			       "assessment_id = ?1 ORDER BY seq",
    [STMT_PROCESS_STEP_INSERT] =
	"INSERT INTO process_step(assessment_id, seq, name, description) VALUES (?1, "
	"(SELECT coalesce(max(seq), 0) + 1 FROM process_step WHERE assessment_id = ?1), ?2, ?3)",
    [STMT_PROCESS_STEP_UPDATE] =
	"UPDATE process_step SET name = ?3, description = ?4 WHERE id = ?1 AND assessment_id = ?2",
    [STMT_PROCESS_STEP_SEQ] =
	"UPDATE process_step SET seq = ?3 WHERE id = ?1 AND assessment_id = ?2",
    [STMT_PROCESS_STEP_DELETE] = "DELETE FROM process_step WHERE id = ?1 AND assessment_id = ?2",
    [STMT_PROCESS_LINE_LIST] =
	"SELECT b.id, b.step_id, b.direction, b.stream, b.name, coalesce(b.carrier_code, ''), "
	"b.quantity, b.unit, coalesce(b.to_step_id, 0), b.lost_value, b.treatment_cost, b.note "
	"FROM balance_item b JOIN process_step s ON s.id = b.step_id WHERE s.assessment_id = ?1 "
	"ORDER BY s.seq, b.id",
    [STMT_PROCESS_LINE_INSERT] =
	"INSERT INTO balance_item(step_id, direction, stream, name, carrier_code, quantity, unit, "
	"to_step_id, lost_value, treatment_cost, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	"?10, ?11)",
    [STMT_PROCESS_LINE_UPDATE] =
	"UPDATE balance_item SET direction = ?2, stream = ?3, name = ?4, carrier_code = ?5, "
	"quantity = ?6, unit = ?7, to_step_id = ?8, lost_value = ?9, treatment_cost = ?10, "
	"note = ?11 WHERE id = ?1",
    [STMT_PROCESS_LINE_DELETE] = "DELETE FROM balance_item WHERE id = ?1",
    [STMT_PROCESS_CAUSE_LIST] =
	"SELECT c.id, c.item_id, c.description FROM waste_cause c JOIN balance_item b ON b.id = "
	"c.item_id JOIN process_step s ON s.id = b.step_id WHERE s.assessment_id = ?1 ORDER BY "
	"c.id",
    [STMT_PROCESS_CAUSE_INSERT] = "INSERT INTO waste_cause(item_id, description) VALUES (?1, ?2)",
    [STMT_PROCESS_CAUSE_DELETE] = "DELETE FROM waste_cause WHERE id = ?1",
    [STMT_PROCESS_UNITS] = "SELECT code, dimension, to_base FROM unit",

    /* @assess-option-sql */
    /* --- CP options (model/assess/option.c) --- */
    [STMT_OPTION_LIST] =
	"SELECT id, assessment_id, version, seq, title, description, waste_item_id, cause_id, "
	"kind, offsite, triage, reject_reason, status, capex, annual_saving, life_years, "
	"cash_flows, discount_rate, opcost_change, score_tech, score_fin, score_env, "
	"coalesce(implemented_on, ''), actual_cost FROM cp_option WHERE assessment_id = ?1 "
	"ORDER BY seq",
    [STMT_OPTION_EFFECT_LIST] =
	"SELECT e.option_id, e.stream, e.carrier_code, e.name, e.quantity, e.unit FROM "
	"cp_option_effect e JOIN cp_option o ON o.id = e.option_id WHERE o.assessment_id = ?1 "
	"ORDER BY e.option_id, e.id",
    [STMT_OPTION_ASSESSMENT] = "SELECT assessment_id FROM cp_option WHERE id = ?1",
    [STMT_OPTION_WASTE_OF] =
	"SELECT 1 FROM balance_item b JOIN process_step s ON s.id = b.step_id WHERE b.id = ?1 "
	"AND s.assessment_id = ?2 AND b.stream IN ('waste', 'emission')",
    [STMT_OPTION_CAUSE_OF] =
	"SELECT 1 FROM waste_cause c JOIN balance_item b ON b.id = c.item_id JOIN process_step "
	"s ON s.id = b.step_id WHERE c.id = ?1 AND s.assessment_id = ?2",
    [STMT_OPTION_CARRIER] = "SELECT 1 FROM carrier WHERE code = ?1",
    [STMT_OPTION_UNIT] = "SELECT 1 FROM unit WHERE code = ?1",
    [STMT_OPTION_NEXT_SEQ] =
	"SELECT coalesce(max(seq), 0) + 1 FROM cp_option WHERE assessment_id = ?1",
    [STMT_OPTION_INSERT] =
	"INSERT INTO cp_option(assessment_id, seq, title, description, waste_item_id, "
	"cause_id, kind, offsite, triage, reject_reason, capex, annual_saving, life_years, "
	"cash_flows, discount_rate, opcost_change, score_tech, score_fin, score_env) VALUES "
	"(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    [STMT_OPTION_UPDATE] =
	"UPDATE cp_option SET title = ?3, description = ?4, waste_item_id = ?5, cause_id = ?6, "
	"kind = ?7, offsite = ?8, triage = ?9, reject_reason = ?10, capex = ?11, "
	"annual_saving = ?12, life_years = ?13, cash_flows = ?14, discount_rate = ?15, "
	"opcost_change = ?16, score_tech = ?17, score_fin = ?18, score_env = ?19, status = ?20, "
	"version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_OPTION_DELETE] = "DELETE FROM cp_option WHERE id = ?1 AND version = ?2",
    [STMT_OPTION_STATUS] =
	"UPDATE cp_option SET status = ?3, implemented_on = ?4, actual_cost = ?5, "
	"version = version + 1 WHERE id = ?1 AND version = ?2",
    [STMT_OPTION_EFFECT_INSERT] =
	"INSERT INTO cp_option_effect(option_id, stream, carrier_code, name, quantity, unit) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [STMT_OPTION_EFFECT_DELETE] = "DELETE FROM cp_option_effect WHERE option_id = ?1",
    [STMT_OPTION_TARGETS] =
	"SELECT b.id, b.name, s.name, c.id, coalesce(c.description, '') FROM balance_item b "
	"JOIN process_step s ON s.id = b.step_id LEFT JOIN waste_cause c ON c.item_id = b.id "
	"WHERE s.assessment_id = ?1 AND b.stream IN ('waste', 'emission') "
	"ORDER BY s.seq, b.id, c.id",

    [STMT_OPTION_STATS_ASSESSMENTS] =
	"SELECT a.id, a.status, a.year, f.id, f.name, f.code, au.name, f.sector_code, "
	"coalesce(d.code, ''), coalesce(d.name_vi, ''), coalesce(d.name_en, '') FROM assessment a "
	"JOIN facility f ON f.id = a.facility_id JOIN admin_unit au ON au.id = f.admin_unit_id "
	"LEFT JOIN sector d ON d.code = substr(f.sector_code, 1, 2) AND d.level = 2 WHERE "
	"(CAST(?4 AS bigint) IS NULL OR a.year = ?4) AND (CAST(?5 AS text) IS NULL OR au.code = "
	"?5 OR au.parent_id IN (SELECT p.id FROM admin_unit p WHERE p.code = ?5)) AND " SCOPE_SEES_A
	" ORDER BY a.id",

    /* @assess-savings-sql */
    [STMT_MEASURED_OPTIONS_FACILITY] =
	"SELECT o.id, o.assessment_id, o.seq, o.title, o.kind, o.triage, o.status, "
	"coalesce(o.implemented_on, ''), o.capex, o.annual_saving, o.cash_flows, a.year, "
	"o.life_years "
	"FROM cp_option o JOIN assessment a ON a.id = o.assessment_id "
	"WHERE a.facility_id = ?1 AND o.status = 'implemented' AND o.implemented_on IS NOT NULL "
	"ORDER BY o.implemented_on, o.assessment_id, o.seq",
    [STMT_MEASURED_OPTIONS_ASSESSMENT] =
	"SELECT o.id, o.assessment_id, o.seq, o.title, o.kind, o.triage, o.status, "
	"coalesce(o.implemented_on, ''), o.capex, o.annual_saving, o.cash_flows, a.year, "
	"o.life_years "
	"FROM cp_option o JOIN assessment a ON a.id = o.assessment_id "
	"WHERE o.assessment_id = ?1 ORDER BY o.seq",
    [STMT_MEASURED_PRODUCT] = "SELECT name_vi, name_en FROM product WHERE code = ?1",
    [STMT_MEASURED_EFFECTS] = "SELECT carrier_code, quantity, unit FROM cp_option_effect "
			      "WHERE option_id = ?1 AND stream = 'energy' ORDER BY id",
    [STMT_MEASURED_EVIDENCE] =
	"SELECT a.facility_id, min(o.implemented_on) FROM assessment a "
	"JOIN cp_option o ON o.assessment_id = a.id "
	"WHERE a.status IN ('accepted', 'sustaining') AND o.status = 'implemented' "
	"AND o.implemented_on IS NOT NULL GROUP BY a.facility_id ORDER BY a.facility_id",
    [STMT_MEASURED_PILOTS] = "SELECT accepted_on FROM assessment WHERE pilot = 1 "
			     "AND status IN ('accepted', 'sustaining') AND accepted_on IS NOT NULL "
			     "ORDER BY accepted_on",
    [STMT_CASE_LIST] =
	"SELECT a.id, a.year, a.title, a.focus, f.sector_code, coalesce(d.name_vi, ''), "
	"coalesce(d.name_en, ''), coalesce(u.name, ''), f.size, "
	"coalesce(a.accepted_on, ''), a.facility_id, f.name, f.code FROM assessment a "
	"JOIN facility f ON f.id = a.facility_id "
	"LEFT JOIN sector d ON d.code = substr(f.sector_code, 1, 2) "
	"LEFT JOIN admin_unit c ON c.id = f.admin_unit_id "
	"LEFT JOIN admin_unit u ON u.id = CASE WHEN c.level = 'commune' "
	"AND c.parent_id IS NOT NULL THEN c.parent_id ELSE c.id END "
	"WHERE a.published = 1 AND a.pilot = 1 AND a.status IN ('accepted', 'sustaining') "
	"ORDER BY a.accepted_on DESC, a.id DESC",
    [STMT_CASE_GET] =
	"SELECT a.id, a.year, a.title, a.focus, f.sector_code, coalesce(d.name_vi, ''), "
	"coalesce(d.name_en, ''), coalesce(u.name, ''), f.size, "
	"coalesce(a.accepted_on, ''), a.facility_id, f.name, f.code FROM assessment a "
	"JOIN facility f ON f.id = a.facility_id "
	"LEFT JOIN sector d ON d.code = substr(f.sector_code, 1, 2) "
	"LEFT JOIN admin_unit c ON c.id = f.admin_unit_id "
	"LEFT JOIN admin_unit u ON u.id = CASE WHEN c.level = 'commune' "
	"AND c.parent_id IS NOT NULL THEN c.parent_id ELSE c.id END "
	"WHERE a.id = ?1 AND a.published = 1 AND a.pilot = 1 "
	"AND a.status IN ('accepted', 'sustaining')",
    [STMT_CASE_PUBLISH] = "UPDATE assessment SET published = ?2 WHERE id = ?1",

    /* @assess-report-sql */
    [STMT_ASSESS_FACILITY] =
	"SELECT f.name, f.code, coalesce(f.address, ''), f.sector_code, s.name_vi, s.name_en, "
	"au.name, f.size, f.ownership FROM assessment a JOIN facility f ON f.id = a.facility_id "
	"JOIN sector s ON s.code = f.sector_code JOIN admin_unit au ON au.id = f.admin_unit_id "
	"WHERE a.id = ?4 AND " SCOPE_SEES_A,
};
