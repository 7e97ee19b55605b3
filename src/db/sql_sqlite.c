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
    [STMT_REFDATA_UNIT_UPSERT] =
        "INSERT INTO unit(code, name_vi, name_en, dimension, to_base) "
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
        "kgco2_per_unit, valid_from, valid_to, source, reliability, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT(carrier_code, unit, valid_from) DO UPDATE SET "
        "toe_per_unit = excluded.toe_per_unit, gj_per_unit = excluded.gj_per_unit, "
        "kgco2_per_unit = excluded.kgco2_per_unit, valid_to = excluded.valid_to, "
        "source = excluded.source, reliability = excluded.reliability, note = excluded.note",
    [STMT_REFDATA_GRID_UPSERT] =
        "INSERT INTO grid_factor(year, tco2_per_mwh, source, reliability) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(year) DO UPDATE SET "
        "tco2_per_mwh = excluded.tco2_per_mwh, source = excluded.source, "
        "reliability = excluded.reliability",
    [STMT_REFDATA_NORM_UPDATE] =
        "UPDATE norm SET valid_to = ?5, value = ?6, energy_unit = ?7, per_unit = ?8, "
        "legal_ref = ?9, source = ?10, reliability = ?11, note = ?12 "
        "WHERE product_code = ?1 AND band_min IS ?2 AND band_max IS ?3 AND valid_from = ?4",
    [STMT_REFDATA_NORM_INSERT] =
        "INSERT INTO norm(product_code, band_min, band_max, valid_from, valid_to, value, "
        "energy_unit, per_unit, legal_ref, source, reliability, note) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
        "end_year = excluded.end_year, scope = excluded.scope, source = excluded.source",
    [STMT_REFDATA_PLAN_ID] = "SELECT id FROM plan WHERE code = ?1",
    [STMT_REFDATA_TARGET_UPDATE] =
        "UPDATE plan_target SET value = ?3, value_max = ?4, unit = ?5, from_year = ?6, "
        "note = ?9, source = ?10, reliability = ?11 "
        "WHERE plan_id = ?1 AND indicator = ?2 AND by_year = ?7 AND scope_filter IS ?8",
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
        "SELECT toe_per_unit, gj_per_unit, kgco2_per_unit, reliability, ifnull(note, '') "
        "FROM carrier_factor WHERE carrier_code = ?1 AND unit = ?2 AND valid_from <= ?3 "
        "AND (valid_to IS NULL OR valid_to >= ?3) ORDER BY valid_from DESC LIMIT 1",
    [STMT_REFDATA_GRID_GET] =
        "SELECT tco2_per_mwh, reliability FROM grid_factor WHERE year = ?1",
    [STMT_REFDATA_NORM_GET] =
        "SELECT value, energy_unit, per_unit, legal_ref, reliability FROM norm "
        "WHERE product_code = ?1 AND valid_from <= ?3 AND (valid_to IS NULL OR valid_to >= ?3) "
        "AND (band_min IS NULL OR ?2 >= band_min) AND (band_max IS NULL OR ?2 < band_max) "
        "ORDER BY valid_from DESC LIMIT 1",
    [STMT_REFDATA_ADMIN_GET] =
        "SELECT a.name, a.level, a.kind, ifnull(a.valid_from, ''), ifnull(a.valid_to, ''), "
        "ifnull(p.code, ''), ifnull(s.code, '') FROM admin_unit a "
        "LEFT JOIN admin_unit p ON p.id = a.parent_id "
        "LEFT JOIN admin_unit s ON s.id = a.successor_id WHERE a.code = ?1",
    [STMT_REFDATA_TARGET_GET] =
        "SELECT t.value, t.value_max, t.unit, t.from_year, t.reliability "
        "FROM plan_target t JOIN plan p ON p.id = t.plan_id "
        "WHERE p.code = ?1 AND t.indicator = ?2 AND t.by_year = ?3 AND t.scope_filter IS ?4",
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
    /* @demo-sql */

    /* --- import and export --- */
    [STMT_CSVIO_UNITS] = "SELECT code, dimension, to_base FROM unit",
    [STMT_CSVIO_SECTORS] = "SELECT code FROM sector",
    [STMT_CSVIO_PRODUCTS] = "SELECT code, unit FROM product",
    [STMT_CSVIO_CARRIER_DIMS] = "SELECT DISTINCT c.code, u.dimension FROM carrier c "
                                "LEFT JOIN carrier_factor f ON f.carrier_code = c.code "
                                "LEFT JOIN unit u ON u.code = f.unit",
    [STMT_CSVIO_ADMIN_UNITS] = "SELECT code, id FROM admin_unit",
    [STMT_CSVIO_FACILITY_KEYS] = "SELECT code, id, ifnull(tax_code, '') FROM facility",
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
    [STMT_CSVIO_OUTPUT_CLEAR] = "DELETE FROM report_output WHERE report_id = ?1",
    [STMT_CSVIO_ENERGY_CLEAR] = "DELETE FROM report_energy WHERE report_id = ?1",
    [STMT_CSVIO_WATER_CLEAR] = "DELETE FROM report_water WHERE report_id = ?1",
    [STMT_CSVIO_MATERIAL_CLEAR] = "DELETE FROM report_material WHERE report_id = ?1",
    [STMT_CSVIO_OUTPUT_INSERT] = "INSERT INTO report_output(report_id, product_code, quantity, "
                                 "unit) VALUES (?1, ?2, ?3, ?4)",
    [STMT_CSVIO_ENERGY_INSERT] = "INSERT INTO report_energy(report_id, carrier_code, month, "
                                 "product_code, quantity, unit, cost_vnd) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [STMT_CSVIO_WATER_INSERT] = "INSERT INTO report_water(report_id, source, quantity_m3, "
                                "cost_vnd) VALUES (?1, ?2, ?3, ?4)",
    [STMT_CSVIO_MATERIAL_INSERT] = "INSERT INTO report_material(report_id, name, quantity, "
                                   "unit, cost_vnd) VALUES (?1, ?2, ?3, ?4, ?5)",
    [STMT_CSVIO_FACILITY_EXPORT] =
        "SELECT f.code, ifnull(f.tax_code, ''), f.name, f.sector_code, a.code, "
        "ifnull(f.address, ''), f.lat, f.lon, f.ownership, f.size, f.employees, "
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
        "UNION ALL SELECT report_id, 1, 'energy', carrier_code, ifnull(product_code, ''), "
        "month, quantity, unit, cost_vnd, id FROM report_energy "
        "UNION ALL SELECT report_id, 2, 'water', source, '', NULL, quantity_m3, 'm3', "
        "cost_vnd, id FROM report_water "
        "UNION ALL SELECT report_id, 3, 'material', name, '', NULL, quantity, unit, cost_vnd, "
        "id FROM report_material) "
        "SELECT r.fc, r.year, r.status, r.cp_aware, r.cp_staff, r.cp_unit, r.cp_applied, "
        "ifnull(l.line, ''), ifnull(l.item, ''), ifnull(l.pr, ''), l.month, l.q, "
        "ifnull(l.u, ''), l.cost "
        "FROM r LEFT JOIN l ON l.rid = r.id "
        "ORDER BY r.fc, r.year, ifnull(l.lk, -1), l.item, l.pr, ifnull(l.month, 0), l.id",
    /* @csvio-sql */

    /* --- indicators, directory, stats --- */
    [STMT_FACILITY_COUNT] = "SELECT count(*) "
    "FROM facility f JOIN sector s ON s.code = f.sector_code "
    "JOIN admin_unit au ON au.id = f.admin_unit_id "
    "LEFT JOIN admin_unit pu ON pu.id = au.parent_id "
    "WHERE f.status = 'active' "
    "AND (?1 IS NULL OR f.name_key LIKE '%' || ?1 || '%' ESCAPE '\\') "
    "AND (?2 IS NULL OR f.sector_code LIKE ?2 || '%') "
    "AND (?3 IS NULL OR au.code = ?3 OR pu.code = ?3) "
    "AND (?4 IS NULL OR f.ownership = ?4) "
    "AND (?5 IS NULL OR f.size = ?5) ",
    [STMT_FACILITY_LIST] = "SELECT f.id, f.name, f.sector_code, s.name_vi, s.name_en, "
    "au.name, ifnull(au.name_en, au.name), f.ownership, f.size "
    "FROM facility f JOIN sector s ON s.code = f.sector_code "
    "JOIN admin_unit au ON au.id = f.admin_unit_id "
    "LEFT JOIN admin_unit pu ON pu.id = au.parent_id "
    "WHERE f.status = 'active' "
    "AND (?1 IS NULL OR f.name_key LIKE '%' || ?1 || '%' ESCAPE '\\') "
    "AND (?2 IS NULL OR f.sector_code LIKE ?2 || '%') "
    "AND (?3 IS NULL OR au.code = ?3 OR pu.code = ?3) "
    "AND (?4 IS NULL OR f.ownership = ?4) "
    "AND (?5 IS NULL OR f.size = ?5) "
    "ORDER BY f.name_key, f.id LIMIT ?6 OFFSET ?7",
    [STMT_FACILITY_SECTOR_OPTIONS] = "SELECT code, name_vi, name_en FROM sector "
    "WHERE level >= 2 ORDER BY code",
    [STMT_FACILITY_UNIT_OPTIONS] = "SELECT code, name, ifnull(name_en, name) FROM admin_unit "
    "WHERE level = 'district' ORDER BY name",
    [STMT_WEB_PING] = "SELECT 1",
    [STMT_KPI_PLAN_GET] = "SELECT id FROM plan WHERE code = ?1",
    [STMT_KPI_PLAN_TARGETS] = "SELECT indicator, value, value_max, from_year, by_year "
                              "FROM plan_target WHERE plan_id = ?1 AND scope_filter IS NULL "
                              "ORDER BY indicator, by_year DESC",
    [STMT_KPI_YEAR_RANGE] = "SELECT min(year), max(year) FROM report",
    [STMT_KPI_ADMIN_UNITS] = "SELECT id, code, name, level, parent_id FROM admin_unit ORDER BY id",
    [STMT_KPI_FACILITIES] = "SELECT id, admin_unit_id, opened_year, closed_year FROM facility "
                            "ORDER BY id",
    [STMT_KPI_REPORTS] = "SELECT id, facility_id, year, cp_aware, cp_staff, cp_applied "
                         "FROM report ORDER BY facility_id, year",
    /* Plain scans: grouping or ordering these in SQL costs more than the rest of the KPIs. */
    [STMT_KPI_ENERGY] = "SELECT report_id, carrier_code, unit, quantity FROM report_energy",
    [STMT_KPI_OUTPUTS] = "SELECT report_id, product_code, quantity, unit FROM report_output",
    [STMT_KPI_PRODUCTS] = "SELECT code, unit FROM product ORDER BY code",
    [STMT_KPI_UNITS] = "SELECT code, dimension, to_base FROM unit",
    [STMT_KPI_FACTORS] = "SELECT carrier_code, unit, toe_per_unit, valid_from, valid_to "
                         "FROM carrier_factor WHERE toe_per_unit IS NOT NULL",
    [STMT_STATS_TABLES] = "SELECT name FROM sqlite_schema WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' ORDER BY name",
    [STMT_STATS_ROWS] =
        "SELECT 'meta', count(*) FROM meta UNION ALL "
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
        "SELECT 'report_energy', count(*) FROM report_energy UNION ALL "
        "SELECT 'report_water', count(*) FROM report_water UNION ALL "
        "SELECT 'report_material', count(*) FROM report_material UNION ALL "
        "SELECT 'registration', count(*) FROM registration UNION ALL "
        "SELECT 'plan', count(*) FROM plan UNION ALL "
        "SELECT 'plan_target', count(*) FROM plan_target UNION ALL "
        "SELECT 'app_user', count(*) FROM app_user UNION ALL "
        "SELECT 'session', count(*) FROM session UNION ALL "
        "SELECT 'audit', count(*) FROM audit",
    /* @web-sql */

    /* --- energy analytics --- */
    /* @analytics-sql */

    /* --- plan indicators by breakdown --- */
    /* @indicators-sql */

    /* --- accounts, sessions, audit --- */
    /* @auth-sql */

    /* --- enterprise reporting workflow --- */
    /* @workflow-sql */
};
