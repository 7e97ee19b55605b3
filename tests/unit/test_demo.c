/*
 * Tests of the demo province (model/demo/demo.c), its random number generator
 * (util/rng.c) and the `sxsh demo` command.  The database is read back here
 * through a connection of its own, with queries written for the test
 * (literal SQL that SQLite and PostgreSQL both accept, run by
 * tu_query_text()) and whole-table reads (db_table_stmt()), so the checks
 * do not go through the code under test and run on either backend.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "model/demo/demo.h"
#include "model/registry/refdata.h"
#include "demohash.h"
#include "testutil.h"
#include "util/rng.h"

#define SMALL_N 600

/* Creates database `name`, loads the reference data and generates into it. */
static struct db *
gen(const char *name, uint64_t seed, long n, struct demo_stats *st)
{
	char err[512];
	struct db *db = fx_db_new(name, NULL);
	struct demo_opts o = {.seed = seed, .facilities = n};
	if (demo_generate(db, &o, st, err, sizeof(err)) != DEMO_OK)
		fail_msg("demo_generate: %s", err);
	return db;
}

/* A new connection to database `name` (either backend); db_close() it. */
static struct db *
ro_open(const char *name)
{
	char err[512], url[600];
	snprintf(url, sizeof(url), "%s", tu_db_url(name));
	struct db *db = db_open(url, err, sizeof(err));
	if (db == NULL)
		fail_msg("open %s: %s", name, err);
	return db;
}

/* The single integer a literal query on database `name` returns; the
 * result must be written as an integer (not a real, not NULL). */
static int64_t
q_int(const char *name, const char *sql)
{
	char *t = tu_query_text(name, sql);
	char *end;
	errno = 0;
	long long v = strtoll(t, &end, 10);
	if (*t == '\0' || *end != '\0' || errno != 0)
		fail_msg("%s: not an integer: '%s'", sql, t);
	free(t);
	return v;
}

/* The single number a literal query on database `name` returns. */
static double
q_real(const char *name, const char *sql)
{
	char *t = tu_query_text(name, sql);
	char *end;
	double v = strtod(t, &end);
	if (*t == '\0' || *end != '\0')
		fail_msg("%s: not a number: '%s'", sql, t);
	free(t);
	return v;
}

/* The catalog entry of table `name` among t[0..n), or a test failure. */
static const struct db_table *
find_table(const struct db_table *t, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return &t[i];
	fail_msg("no table %s", name);
	return NULL;
}

/* The index of column `name` of table t, or a test failure. */
static int
find_col(const struct db_table *t, const char *name)
{
	for (int c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c], name) == 0)
			return c;
	fail_msg("no column %s.%s", t->name, name);
	return -1;
}

/* --- rng --- */

static void
test_rng_published_values(void **state)
{
	(void)state;
	/* splitmix64 from state 0: the first outputs of the published
	 * algorithm, checked with an independent Python implementation. */
	uint64_t x = 0;
	assert_true(rng_splitmix64(&x) == 0xe220a8397b1dcdafULL);
	assert_true(rng_splitmix64(&x) == 0x6e789e6aa1b965f4ULL);
	assert_true(rng_splitmix64(&x) == 0x06c45d188009454fULL);
	/* xoshiro256** from state {1, 2, 3, 4}: first output
	 * rotl(2 * 5, 7) * 9 = 1280 * 9 = 11520; after the first step s[1] is
	 * 0, so the second output is 0; the third from the Python check. */
	struct rng r = {{1, 2, 3, 4}};
	assert_true(rng_next(&r) == 11520);
	assert_true(rng_next(&r) == 0);
	assert_true(rng_next(&r) == 1509978240ULL);
	/* Streams and seeds give different sequences; the same ones repeat. */
	struct rng a, b, c;
	rng_seed(&a, 1, 1);
	rng_seed(&b, 1, 2);
	rng_seed(&c, 1, 1);
	uint64_t va = rng_next(&a);
	assert_true(va != rng_next(&b));
	assert_true(va == rng_next(&c));
	for (int i = 0; i < 1000; i++) {
		double d = rng_double(&a);
		assert_true(d >= 0 && d < 1);
		assert_true(rng_below(&a, 7) < 7);
		int64_t v = rng_range(&a, -3, 3);
		assert_true(v >= -3 && v <= 3);
	}
	int w[3] = {0, 5, 0};
	assert_int_equal(rng_pick(&a, w, 3), 1);
}

/* --- tax codes --- */

/* DOMAIN.md §10, computed here independently of demo_tax_code. */
static int
mst_valid(const char *s)
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	if (strlen(s) != 10)
		return 0;
	int sum = 0;
	for (int i = 0; i < 10; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	for (int i = 0; i < 9; i++)
		sum += (s[i] - '0') * w[i];
	if (sum % 11 == 0)
		return 0;
	return s[9] - '0' == 10 - sum % 11;
}

static void
test_tax_code(void **state)
{
	(void)state;
	char t[16];
	/* The example of DOMAIN.md §10 passes the test's own check. */
	assert_true(mst_valid("0100109106"));
	assert_false(mst_valid("0100109107"));
	/* seq 1: 9*31 + 9*29 + 1*3 = 543; 543 mod 11 = 4; check 10 - 4 = 6. */
	assert_int_equal(demo_tax_code(t, sizeof(t), 1), 0);
	assert_string_equal(t, "9900000016");
	/* seq 3: 540 + 9 = 549; 549 mod 11 = 10; check 0. */
	assert_int_equal(demo_tax_code(t, sizeof(t), 3), 0);
	assert_string_equal(t, "9900000030");
	/* seq 7: 540 + 21 = 561 = 51 * 11: remainder 0, no valid code. */
	assert_int_equal(demo_tax_code(t, sizeof(t), 7), -1);
	assert_int_equal(demo_tax_code(t, sizeof(t), 10000000), -1);
}

/* --- the generator --- */

static void
test_same_seed_same_data(void **state)
{
	(void)state;
	struct demo_stats s1, s2;
	db_close(gen("a.db", 7, SMALL_N, &s1));
	db_close(gen("b.db", 7, SMALL_N, &s2));
	int64_t r1, r2;
	uint64_t h1 = tu_demo_hash("a.db", &r1);
	uint64_t h2 = tu_demo_hash("b.db", &r2);
	assert_true(r1 > SMALL_N);
	assert_int_equal(r1, r2);
	assert_true(h1 == h2);
	assert_int_equal(s1.reports, s2.reports);
	/* The stats count the rows written: facilities + reports + lines. */
	assert_int_equal(
	    s1.facilities + s1.reports + s1.outputs + s1.energy + s1.water + s1.material, r1);

	db_close(gen("c.db", 8, SMALL_N, NULL));
	int64_t r3;
	uint64_t h3 = tu_demo_hash("c.db", &r3);
	assert_true(h3 != h1);
}

static void
test_shape(void **state)
{
	(void)state;
	struct demo_stats st;
	const char *s = "shape.db";
	db_close(gen(s, 1, SMALL_N, &st));
	char b[128];

	assert_int_equal(q_int(s, "SELECT count(*) FROM facility"), SMALL_N);
	assert_int_equal(st.facilities, SMALL_N);
	/* All 15 district-level units of Kiên Giang, and only those. */
	assert_int_equal(q_int(s, "SELECT count(DISTINCT admin_unit_id) FROM facility"), 15);
	assert_int_equal(q_int(s, "SELECT count(*) FROM facility f JOIN admin_unit u ON "
				  "u.id = f.admin_unit_id WHERE u.level = 'district' AND "
				  "u.parent_id = (SELECT id FROM admin_unit WHERE code = "
				  "'kien-giang')"),
			 SMALL_N);
	/* Rạch Giá has the most facilities, Kiên Hải the fewest. */
	assert_string_equal(
	    tu_query_buf(s,
			 "SELECT u.code FROM facility f JOIN admin_unit u ON u.id = "
			 "f.admin_unit_id GROUP BY u.code ORDER BY count(*) DESC LIMIT 1",
			 b, sizeof(b)),
	    "rach-gia");
	assert_string_equal(
	    tu_query_buf(s,
			 "SELECT u.code FROM facility f JOIN admin_unit u ON u.id = "
			 "f.admin_unit_id GROUP BY u.code ORDER BY count(*) LIMIT 1",
			 b, sizeof(b)),
	    "kien-hai");
	/* Exactly one sugar mill and one cement plant, the latter in Kiên Lương. */
	assert_int_equal(q_int(s, "SELECT count(*) FROM facility WHERE sector_code = '1072'"), 1);
	assert_int_equal(q_int(s, "SELECT count(*) FROM facility WHERE sector_code = '2394'"), 1);
	assert_string_equal(
	    tu_query_buf(s,
			 "SELECT u.code FROM facility f JOIN admin_unit u ON u.id = "
			 "f.admin_unit_id WHERE f.sector_code = '2394'",
			 b, sizeof(b)),
	    "kien-luong");
	/* 1020 is about a third: 4,155 of 12,151 at full size. */
	int64_t seafood = q_int(s, "SELECT count(*) FROM facility WHERE sector_code = '1020'");
	assert_true(seafood > SMALL_N / 4 && seafood < SMALL_N / 2);
	/* Households the largest ownership group, micro the largest size. */
	assert_string_equal(tu_query_buf(s,
					 "SELECT ownership FROM facility GROUP BY ownership "
					 "ORDER BY count(*) DESC LIMIT 1",
					 b, sizeof(b)),
			    "household");
	assert_string_equal(
	    tu_query_buf(s,
			 "SELECT size FROM facility GROUP BY size ORDER BY count(*) "
			 "DESC LIMIT 1",
			 b, sizeof(b)),
	    "micro");
	/* Visibly synthetic names and codes. */
	assert_int_equal(q_int(s, "SELECT count(*) FROM facility WHERE code LIKE 'DEMO-%' AND "
				  "name LIKE '%mẫu%' AND address LIKE 'Địa chỉ mẫu, %'"),
			 SMALL_N);
	assert_string_equal(
	    tu_query_buf(s, "SELECT code FROM facility WHERE id = 42", b, sizeof(b)), "DEMO-00042");

	/* Reports in every year 2012..2025, more in 2025 than in 2012. */
	assert_int_equal(q_int(s, "SELECT count(DISTINCT year) FROM report"), 14);
	assert_int_equal(q_int(s, "SELECT min(year) FROM report"), 2012);
	assert_int_equal(q_int(s, "SELECT max(year) FROM report"), 2025);
	assert_int_equal(st.year_min, 2012);
	assert_int_equal(st.year_max, 2025);
	int64_t r2012 = q_int(s, "SELECT count(*) FROM report WHERE year = 2012");
	int64_t r2025 = q_int(s, "SELECT count(*) FROM report WHERE year = 2025");
	assert_true(r2025 > r2012);
	/* Only 2025 has reports that are not yet accepted. */
	assert_int_equal(q_int(s, "SELECT count(*) FROM report WHERE year < 2025 AND status <> "
				  "'accepted'"),
			 0);
	assert_true(q_int(s, "SELECT count(DISTINCT status) FROM report WHERE year = 2025") > 1);
	/* No report outside the facility's open years. */
	assert_int_equal(q_int(s, "SELECT count(*) FROM report r JOIN facility f ON f.id = "
				  "r.facility_id WHERE r.year < f.opened_year OR r.year > "
				  "coalesce(f.closed_year, 9999)"),
			 0);
	/* Monthly electricity rows come in complete years of twelve. */
	assert_true(q_int(s, "SELECT count(*) FROM report_energy WHERE month IS NOT NULL") > 0);
	assert_int_equal(q_int(s, "SELECT count(*) FROM (SELECT report_id FROM report_energy "
				  "WHERE month IS NOT NULL GROUP BY report_id HAVING count(*) "
				  "<> 12) AS m"),
			 0);
	/* Output units are the product's unit. */
	assert_int_equal(q_int(s, "SELECT count(*) FROM report_output o JOIN product p ON "
				  "p.code = o.product_code WHERE o.unit <> p.unit"),
			 0);

	/* Tax codes: enterprises a valid 10-digit MST, households none or 12
	 * digits.  Every facility row, read whole; those of households without
	 * a tax code are skipped. */
	struct db *db = ro_open(s);
	struct db_table *cat = NULL;
	int ncat = 0;
	if (db_tables(db, &cat, &ncat) != DB_OK)
		fail_msg("db_tables: %s", db_errmsg(db));
	const struct db_table *fac = find_table(cat, ncat, "facility");
	int c_own = find_col(fac, "ownership");
	int c_tax = find_col(fac, "tax_code");
	struct db_stmt *q = db_table_stmt(db, fac, DB_TABLE_SELECT);
	if (q == NULL)
		fail_msg("select facility: %s", db_errmsg(db));
	int n10 = 0, n12 = 0, nrows = 0, rc;
	while ((rc = db_step(q)) == DB_ROW) {
		nrows++;
		int household = strcmp(db_col_text(q, c_own), "household") == 0;
		if (household && db_col_is_null(q, c_tax))
			continue;
		assert_false(db_col_is_null(q, c_tax));
		const char *tax = db_col_text(q, c_tax);
		if (household) {
			assert_int_equal(strlen(tax), 12);
			assert_int_equal(strspn(tax, "0123456789"), 12);
			n12++;
		} else {
			if (!mst_valid(tax))
				fail_msg("invalid tax code %s", tax);
			n10++;
		}
	}
	assert_int_equal(rc, DB_DONE);
	assert_int_equal(nrows, SMALL_N);
	db_stmt_free(q);
	db_tables_free(cat, ncat);
	db_close(db);
	assert_true(n10 > 0);
	assert_true(n12 > 0);
}

/*
 * The model at its default size (12,151 facilities): SECs of the products
 * with a norm spread around it, CP targets met in some districts and not in
 * others, CP savings on both sides of 5 %, and the reporting share growing.
 * Bounds are the model's intent, not figures read off a run.
 */
static void
test_model_full_size(void **state)
{
	(void)state;
	struct demo_stats st;
	const char *s = "full.db";
	db_close(gen(s, 1, DEMO_DEFAULT_FACILITIES, &st));
	assert_int_equal(q_int(s, "SELECT count(*) FROM facility"), 12151);
	/* DOMAIN.md §7: 155 fish-sauce makers, 720 rice mills, 7 fishmeal plants. */
	assert_int_equal(q_int(s, "SELECT count(*) FROM facility WHERE sector_code = '1061'"), 720);
	assert_int_equal(q_int(s, "SELECT count(*) FROM facility WHERE sector_code = '1080'"), 7);
	assert_int_equal(q_int(s, "SELECT count(DISTINCT f.id) FROM facility f JOIN report r ON "
				  "r.facility_id = f.id JOIN report_output o ON o.report_id = r.id "
				  "WHERE o.product_code = 'fish_sauce'") <= 155,
			 1);

	/* SEC in kWh per t, all energy converted through its GJ factor
	 * (1 kWh = 0.0036 GJ); per report with output of a normed product.  A
	 * common table expression each query starts with; a zero output gives
	 * a NULL SEC on both backends (NULLIF), as SQLite's division does. */
#define SEC_CTE                                                                                    \
	"WITH e AS (SELECT x.report_id, sum(x.quantity * cf.gj_per_unit) / 0.0036 AS kwh FROM "    \
	"report_energy x JOIN carrier_factor cf ON cf.carrier_code = x.carrier_code AND cf.unit "  \
	"= x.unit GROUP BY x.report_id), sec AS (SELECT r.facility_id AS f, r.year AS y, "         \
	"r.cp_applied AS a, o.product_code AS p, e.kwh / NULLIF(o.quantity, 0) AS sec FROM "       \
	"report r JOIN e ON e.report_id = r.id JOIN report_output o ON o.report_id = r.id WHERE "  \
	"o.product_code IN ('frozen_shrimp', 'frozen_catfish')) "
	int64_t shrimp = q_int(s, SEC_CTE "SELECT count(*) FROM sec WHERE p = 'frozen_shrimp'");
	int64_t shrimp_ok =
	    q_int(s, SEC_CTE "SELECT count(*) FROM sec WHERE p = 'frozen_shrimp' AND sec <= 2050");
	int64_t cat = q_int(s, SEC_CTE "SELECT count(*) FROM sec WHERE p = 'frozen_catfish'");
	int64_t cat_ok =
	    q_int(s, SEC_CTE "SELECT count(*) FROM sec WHERE p = 'frozen_catfish' AND sec <= 1050");
	assert_true(shrimp >= 50 && cat >= 30);
	/* About half meet the norm: between 35 % and 70 %. */
	assert_true(shrimp_ok * 100 >= shrimp * 35 && shrimp_ok * 100 <= shrimp * 70);
	assert_true(cat_ok * 100 >= cat * 35 && cat_ok * 100 <= cat * 70);
	/* Spread: none below half or above twice the norm, but not all alike. */
	assert_int_equal(q_int(s, SEC_CTE "SELECT count(*) FROM sec WHERE p = 'frozen_shrimp' "
					  "AND (sec < 1025 OR sec > 4100)"),
			 0);
	assert_int_equal(q_int(s, SEC_CTE "SELECT count(*) FROM sec WHERE p = 'frozen_catfish' "
					  "AND (sec < 525 OR sec > 2100)"),
			 0);
	/* The integer part of the spread, over 300 kWh/t. */
	assert_true((int64_t)q_real(s, SEC_CTE "SELECT max(sec) - min(sec) FROM sec WHERE p = "
					       "'frozen_shrimp'") > 300);

	/* Saving per unit against the facility's first report, for reports that
	 * apply CP: some save >= 5 %, some do not.  b0 is the SEC of the first
	 * year of each facility and product: one row, since a facility has one
	 * report a year and a report one output line a product. */
	static const char saving_sql[] =
	    SEC_CTE ", b AS (SELECT f, p, min(y) AS y0 FROM sec GROUP BY f, p), "
		    "b0 AS (SELECT s.f, s.p, s.sec AS s0, b.y0 FROM sec s JOIN b ON b.f = s.f "
		    "AND b.p = s.p AND b.y0 = s.y) "
		    "SELECT count(*) FROM sec JOIN b0 ON b0.f = sec.f AND b0.p = sec.p WHERE "
		    "sec.a = 1 AND sec.y > b0.y0 AND (b0.s0 - sec.sec) / NULLIF(b0.s0, 0) %s 0.05";
#undef SEC_CTE
	char q[2048];
	snprintf(q, sizeof(q), saving_sql, ">=");
	assert_true(q_int(s, q) > 0);
	snprintf(q, sizeof(q), saving_sql, "<");
	assert_true(q_int(s, q) > 0);

	/* 78/KH-UBND by 2020 (50 % aware, 50 % CP staff, 25 % applying, among
	 * reporting facilities): some districts reach all three, others none. */
	static const char cp_sql[] =
	    "SELECT count(*) FROM (SELECT avg(r.cp_aware) AS aw, avg(r.cp_staff) AS sf, "
	    "avg(r.cp_applied) AS ap FROM report r JOIN facility f ON f.id = r.facility_id "
	    "WHERE r.year = 2020 GROUP BY f.admin_unit_id) AS d WHERE %s";
	snprintf(q, sizeof(q), cp_sql, "aw >= 0.5 AND sf >= 0.5 AND ap >= 0.25");
	assert_true(q_int(s, q) >= 2);
	snprintf(q, sizeof(q), cp_sql, "aw < 0.5 AND sf < 0.5 AND ap < 0.25");
	assert_true(q_int(s, q) >= 2);
	/* Adoption rises after 2014: applying share in 2025 over 5 x 2014's.
	 * cp_applied is 0, 1 or NULL, so the CASE sum is sum(cp_applied) as an
	 * integer on both backends (PostgreSQL's sum of bigint is numeric). */
	assert_true(q_int(s, "SELECT sum(CASE WHEN cp_applied = 1 THEN 1 ELSE 0 END) * 1000 / "
			     "count(*) FROM report WHERE year = 2025") >
		    5 * q_int(s, "SELECT sum(CASE WHEN cp_applied = 1 THEN 1 ELSE 0 END) * 1000 / "
				 "count(*) FROM report WHERE year = 2014"));

	/* Share of open facilities that report: under 10 % in 2012, over 35 %
	 * in 2025 (the model aims at 5 % and 45 %). */
	static const char share_sql[] =
	    "SELECT (SELECT count(*) FROM report WHERE year = %d) * 1000 / (SELECT count(*) "
	    "FROM facility WHERE opened_year <= %d AND coalesce(closed_year, 9999) >= %d)";
	snprintf(q, sizeof(q), share_sql, 2012, 2012, 2012);
	assert_true(q_int(s, q) < 100);
	snprintf(q, sizeof(q), share_sql, 2025, 2025, 2025);
	assert_true(q_int(s, q) > 350);
	/* Almost every large facility reports every year it is open. */
	assert_true(q_int(s, "WITH RECURSIVE yr(y) AS (SELECT 2012 UNION ALL SELECT y + 1 "
			     "FROM yr WHERE y < 2025) SELECT (SELECT count(*) FROM report r "
			     "JOIN facility f ON f.id = r.facility_id WHERE f.size = 'large') * "
			     "100 / count(*) FROM facility f, yr WHERE f.size = 'large' AND "
			     "f.opened_year <= y AND coalesce(f.closed_year, 9999) >= y") >= 90);
}

static void
test_replace(void **state)
{
	(void)state;
	char err[512];
	struct db *db = gen("r.db", 3, 300, NULL);
	int64_t rows0, rows1;
	uint64_t h0 = tu_demo_hash("r.db", &rows0);

	/* Without replace: refused, nothing changed. */
	struct demo_opts o = {.seed = 4, .facilities = 200};
	assert_int_equal(demo_generate(db, &o, NULL, err, sizeof(err)), DEMO_EXISTS);
	assert_string_equal(err, "cơ sở dữ liệu đã có 300 cơ sở; dùng --replace để thay thế / the "
				 "database already has 300 facilities; use --replace to replace "
				 "them");
	o.facilities = 0;
	assert_int_not_equal(demo_generate(db, &o, NULL, err, sizeof(err)), DEMO_OK);
	assert_string_equal(err,
			    "số cơ sở phải từ 1 đến 2000000 / facilities must be 1 to 2000000");
	o.facilities = 200;
	assert_true(tu_demo_hash("r.db", &rows1) == h0);
	assert_int_equal(rows1, rows0);

	/* With replace: the same content as a fresh database with that seed. */
	o.replace = 1;
	assert_int_equal(demo_generate(db, &o, NULL, err, sizeof(err)), DEMO_OK);
	db_close(db);
	db_close(gen("fresh.db", 4, 200, NULL));
	int64_t rows2, rows3;
	uint64_t h2 = tu_demo_hash("r.db", &rows2);
	uint64_t h3 = tu_demo_hash("fresh.db", &rows3);
	assert_int_equal(rows2, rows3);
	assert_true(h2 == h3);
	assert_int_equal(q_int("r.db", "SELECT count(*) FROM facility"), 200);
}

static void
test_cli(void **state)
{
	(void)state;
	char cmd[1024], *out = NULL, *err = NULL;
	const char *db = tu_db_url("cli.db");
	char dbp[600];
	snprintf(dbp, sizeof(dbp), "%s", db);

	snprintf(cmd, sizeof(cmd), "'%s' demo --db '%s' --facilities 200 --seed 5", tu_sxsh(), dbp);
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, "200 cơ sở"));
	assert_non_null(strstr(out, "200 facilities"));
	assert_non_null(strstr(out, "2012–2025"));
	free(out);
	free(err);

	/* A second run without --replace refuses with exit 1. */
	assert_int_equal(tu_run(cmd, &out, &err), 1);
	assert_non_null(strstr(err, "--replace"));
	free(out);
	free(err);

	snprintf(cmd, sizeof(cmd), "'%s' demo --db '%s' --facilities 150 --replace", tu_sxsh(),
		 dbp);
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, "150 facilities"));
	free(out);
	free(err);

	/* Usage errors exit 2. */
	snprintf(cmd, sizeof(cmd), "'%s' demo --db '%s' --facilities 0", tu_sxsh(), dbp);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof(cmd), "'%s' demo --db '%s' --bogus", tu_sxsh(), dbp);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rng_published_values),
	    cmocka_unit_test(test_tax_code),
	    cmocka_unit_test(test_same_seed_same_data),
	    cmocka_unit_test(test_shape),
	    cmocka_unit_test(test_model_full_size),
	    cmocka_unit_test(test_replace),
	    cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
