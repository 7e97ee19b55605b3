/*
 * Unit tests for model/keyusers and `sxsh keyusers`: facilities at 999.9,
 * 1,000.0 and 1,000.1 TOE around the threshold of Decree 21/2011 Art. 6
 * (>= 1,000 TOE is a key user), one above it with a line that has no
 * factor, and one that cannot be computed.  Coal fines grades 5-6 are
 * 0.50 TOE/t (data/carrier_factors.csv), so t / 2 is the TOE.
 */
#include <math.h>
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
#include "model/analytics/keyusers.h"
#include "model/analytics/ledger.h"
#include "model/accounts/principal.h"
#include "model/registry/refdata.h"
#include "testutil.h"

#define UNIT "(SELECT id FROM admin_unit WHERE code = 'kien-luong')"
#define FAC(id, code, tax)                                                                         \
	"INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id, "    \
	"ownership, size) VALUES (" #id ", '" code "', " tax ", 'Gạch " code                       \
	"', 'gach', '2392', " UNIT ", 'private', 'large');"

static const char fixture[] =
    FAC(1, "K1", "'0100109106'") FAC(2, "K2", "NULL") FAC(3, "K3", "NULL") FAC(4, "K4", "NULL") FAC(
	5, "K5",
	"NULL") "INSERT INTO report(id, facility_id, year) VALUES (1,1,2020),(2,2,2020),(3,3,2020),"
		" (4,4,2020),(5,5,2020);"
		"INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
		" (1,'coal_5_6',1999.8,'t'), (2,'coal_5_6',2000,'t'), (3,'coal_5_6',1600.2,'t'),"
		" (3,'electricity',2590,'MWh'), (4,'coal_5_6',2100,'t'), (4,'bagasse',50,'t'),"
		" (5,'coal_5_6',100,'t'), (5,'bagasse',900,'t');"
		/* The list counts accepted reports (test_drafts_not_listed). */
		"UPDATE report SET status = 'accepted';";

/* Province staff see the whole province. */
static const struct principal province = {.user_id = 1, .role = ROLE_PROVINCE};

static struct db *
open_fixture(const char *name)
{
	struct db *db = fx_db_new(name, fixture);
	return db;
}

static void
test_threshold(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("ku.db");
	struct keyuser_list *l = NULL;
	assert_int_equal(keyusers_list(db, &province, 2020, &l, err, sizeof(err)), 0);
	assert_float_equal(l->threshold_toe, 1000, 0);
	assert_non_null(strstr(l->threshold_ref, "21/2011"));
	/* K1 1,999.8 t x 0.5 = 999.9: not a key user.  K2 2,000 x 0.5 = 1,000.0: is.
	 * K3 1,600.2 x 0.5 = 800.1 + 2,590 MWh = 2,590,000 kWh x 0.0001543 = 399.637:
	 * 1,199.737.  K4 2,100 x 0.5 = 1,050 known, bagasse unknown: listed, incomplete.
	 * K5 100 x 0.5 = 50 known: cannot compute.  Sorted by TOE: K3, K4, K2. */
	assert_int_equal(l->n, 3);
	assert_string_equal(l->items[0].code, "K3");
	assert_float_equal(l->items[0].toe, 1199.737, 1e-9);
	assert_int_equal(l->items[0].ncarriers, 2);
	assert_float_equal(l->items[0].carriers[0].toe, 800.1, 1e-9); /* coal_5_6 */
	assert_float_equal(l->items[0].carriers[1].toe, 399.637, 1e-9);
	assert_string_equal(l->items[1].code, "K4");
	assert_true(l->items[1].incomplete);
	assert_float_equal(l->items[1].toe, 1050, 1e-9);
	assert_string_equal(l->items[2].code, "K2");
	assert_float_equal(l->items[2].toe, 1000, 0);
	assert_false(l->items[2].incomplete);
	assert_string_equal(l->items[2].unit_name, "Huyện Kiên Lương");
	assert_int_equal(l->nunknown, 1);
	assert_string_equal(l->unknown[0].code, "K5");
	keyusers_free(l);

	/* No threshold before the decree (valid from 29/3/2011). */
	assert_int_equal(keyusers_list(db, &province, 2005, &l, err, sizeof(err)), -1);
	assert_string_equal(err,
			    "không có ngưỡng cơ sở sử dụng năng lượng trọng điểm cho năm 2005 / "
			    "no key energy user threshold valid in 2005 (data/thresholds.csv)");
	db_close(db);
}

/*
 * The closing year: a facility that closes in Y worked part of Y and counts
 * in Y, as the indicators count it (facility_active_in).  K3 (1,199.737
 * TOE in 2020) closing in 2020 stays on the 2020 list; K2 (1,000.0 TOE)
 * recorded as closed in 2019 or opened in 2021 is not active in 2020, and
 * its 2020 report does not list it: K3 and K4 remain.
 */
static void
test_closing_year(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("ku-closed.db");
	assert_int_equal(db_exec(db, "UPDATE facility SET opened_year = 2000, closed_year = 2020 "
				     "WHERE id = 3"),
			 DB_OK);
	static const char *const k2[] = {
	    "UPDATE facility SET opened_year = 2000, closed_year = 2019 WHERE id = 2",
	    "UPDATE facility SET opened_year = 2021, closed_year = NULL WHERE id = 2"};
	for (size_t i = 0; i < sizeof(k2) / sizeof(k2[0]); i++) {
		assert_int_equal(db_exec(db, k2[i]), DB_OK);
		struct keyuser_list *l = NULL;
		assert_int_equal(keyusers_list(db, &province, 2020, &l, err, sizeof(err)), 0);
		assert_int_equal(l->n, 2);
		assert_string_equal(l->items[0].code, "K3");
		assert_string_equal(l->items[1].code, "K4");
		keyusers_free(l);
	}
	db_close(db);
}

/*
 * The list sent to the Ministry counts accepted reports only: K3's report
 * (1,199.737 TOE) back in draft, submitted or returned drops K3 from it,
 * leaving K4 and K2.
 */
static void
test_drafts_not_listed(void **state)
{
	(void)state;
	static const char *const statuses[] = {"draft", "submitted", "returned"};
	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		char err[512], sql[96];
		struct db *db = open_fixture("ku-draft.db");
		snprintf(sql, sizeof(sql), "UPDATE report SET status = '%s' WHERE id = 3",
			 statuses[i]);
		assert_int_equal(db_exec(db, sql), DB_OK);
		struct keyuser_list *l = NULL;
		assert_int_equal(keyusers_list(db, &province, 2020, &l, err, sizeof(err)), 0);
		assert_int_equal(l->n, 2);
		assert_string_equal(l->items[0].code, "K4");
		assert_string_equal(l->items[1].code, "K2");
		keyusers_free(l);
		db_close(db);
	}
}

/*
 * Scope: K6 in Hà Tiên burns 2,400 t of coal (x 0.5 = 1,200 TOE); K7,
 * 2,200 t (1,100 TOE) in 2020, was in Kiên Lương until 31/3/2021 and is in
 * Hà Tiên since, so its 2020 report counts for Kiên Lương (its unit on
 * 31/12/2020) and the list names that unit.  A Kiên Lương officer sees K3
 * (1,199.737), K7 (1,100), K4 (1,050) and K2 (1,000), and K5 as "cannot
 * compute"; a Hà Tiên officer sees K6 alone; the public sees nothing;
 * province staff see all five key users.
 */
static void
test_scope(void **state)
{
	(void)state;
	char err[512];
	struct db *db = open_fixture("ku-scope.db");
	assert_int_equal(
	    db_exec(
		db,
		"INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
		"ownership, size) VALUES (6, 'K6', 'Gạch K6', 'gach', '2392', (SELECT id FROM "
		"admin_unit WHERE code = 'ha-tien'), 'private', 'large'), (7, 'K7', 'Gạch K7', "
		"'gach', '2392', (SELECT id FROM admin_unit WHERE code = 'ha-tien'), 'private', "
		"'large');"
		"INSERT INTO facility_unit_history(facility_id, admin_unit_id, valid_from, "
		"valid_to) VALUES (7, " UNIT ", NULL, '2021-03-31'), (7, (SELECT id FROM "
		"admin_unit WHERE code = 'ha-tien'), '2021-04-01', NULL);"
		"INSERT INTO report(id, facility_id, year, status) VALUES (6, 6, 2020, "
		"'accepted'), (7, 7, 2020, 'accepted');"
		"INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES "
		"(6, 'coal_5_6', 2400, 't'), (7, 'coal_5_6', 2200, 't')"),
	    DB_OK);
	char *kl =
	    tu_query_text("ku-scope.db", "SELECT id FROM admin_unit WHERE code = 'kien-luong'");
	char *ht = tu_query_text("ku-scope.db", "SELECT id FROM admin_unit WHERE code = 'ha-tien'");
	struct principal kien_luong = {.user_id = 2, .role = ROLE_DISTRICT, .unit_id = atoll(kl)};
	struct principal ha_tien = {.user_id = 3, .role = ROLE_DISTRICT, .unit_id = atoll(ht)};
	free(kl);
	free(ht);

	struct keyuser_list *l = NULL;
	assert_int_equal(keyusers_list(db, &kien_luong, 2020, &l, err, sizeof(err)), 0);
	assert_int_equal(l->n, 4);
	static const char *const want[] = {"K3", "K7", "K4", "K2"};
	for (int i = 0; i < 4; i++)
		assert_string_equal(l->items[i].code, want[i]);
	assert_float_equal(l->items[1].toe, 1100, 1e-9);
	assert_string_equal(l->items[1].unit_name, "Huyện Kiên Lương");
	assert_int_equal(l->nunknown, 1);
	assert_string_equal(l->unknown[0].code, "K5");
	keyusers_free(l);

	assert_int_equal(keyusers_list(db, &ha_tien, 2020, &l, err, sizeof(err)), 0);
	assert_int_equal(l->n, 1);
	assert_string_equal(l->items[0].code, "K6");
	assert_float_equal(l->items[0].toe, 1200, 1e-9);
	assert_string_equal(l->items[0].unit_name, "Thành phố Hà Tiên");
	assert_int_equal(l->nunknown, 0);
	keyusers_free(l);

	assert_int_equal(keyusers_list(db, NULL, 2020, &l, err, sizeof(err)), 0);
	assert_int_equal(l->n, 0);
	assert_int_equal(l->nunknown, 0);
	keyusers_free(l);

	/* By TOE: K6 1,200, K3 1,199.737, K7 1,100, K4 1,050, K2 1,000. */
	assert_int_equal(keyusers_list(db, &province, 2020, &l, err, sizeof(err)), 0);
	assert_int_equal(l->n, 5);
	static const char *const all[] = {"K6", "K3", "K7", "K4", "K2"};
	for (int i = 0; i < 5; i++)
		assert_string_equal(l->items[i].code, all[i]);

	/* Kept per connection, generation, year and scope: asked again, the
	 * province gets the same list and Hà Tiên its own, neither computed
	 * again; after the generation moves the list is computed anew. */
	long computed = keyusers_computed();
	struct keyuser_list *again = NULL;
	assert_int_equal(keyusers_list(db, &province, 2020, &again, err, sizeof(err)), 0);
	assert_ptr_equal(again, l);
	keyusers_free(again);
	assert_int_equal(keyusers_list(db, &ha_tien, 2020, &again, err, sizeof(err)), 0);
	assert_int_equal(again->n, 1);
	assert_string_equal(again->items[0].code, "K6");
	keyusers_free(again);
	assert_int_equal(keyusers_computed(), computed);
	assert_int_equal(db_exec(db, "UPDATE meta SET value = CAST(CAST(value AS bigint) + 1 AS "
				     "text) WHERE key = 'generation'"),
			 DB_OK);
	assert_int_equal(keyusers_list(db, &province, 2020, &again, err, sizeof(err)), 0);
	assert_true(again != l);
	assert_int_equal(again->n, 5);
	assert_int_equal(keyusers_computed(), computed + 1);
	keyusers_free(again);
	keyusers_free(l); /* held past the generation's change: still valid until now */
	db_close(db);
}

static void
test_cli(void **state)
{
	(void)state;
	struct db *db = open_fixture("kucli.db");
	db_close(db);
	char cmd[1024], *out = NULL, *err = NULL;
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format csv", tu_sxsh(),
		 tu_db_url("kucli.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	/* Carrier columns in code order; exact '.' decimals, as kept (to 10^-6); K4's bagasse
	 * cannot convert (empty).  K5 (50 TOE known, bagasse without a factor) follows the key
	 * users with its status, not only on stderr. */
	assert_string_equal(
	    out, "code,tax_code,name,district,sector,toe,status,derived_only,missing,toe_bagasse,"
		 "toe_coal_5_6,toe_electricity\n"
		 "K3,,Gạch K3,Huyện Kiên Lương,2392,1199.737,key_user,0,,0,800.1,399.637\n"
		 "K4,,Gạch K4,Huyện Kiên Lương,2392,1050,key_user_incomplete,0,bagasse t: "
		 "factor,,1050,0\n"
		 "K2,,Gạch K2,Huyện Kiên Lương,2392,1000,key_user,0,,0,1000,0\n"
		 "K5,,Gạch K5,Huyện Kiên Lương,2392,50,cannot_compute,0,bagasse t: factor,,"
		 "50,0\n");
	assert_non_null(strstr(err, "K5 2020"));
	assert_non_null(strstr(err, "cannot compute"));
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format json", tu_sxsh(),
		 tu_db_url("kucli.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_non_null(strstr(out, "\"code\": \"K3\""));
	assert_non_null(strstr(out, "\"complete\": false"));
	assert_non_null(strstr(out, "\"status\": \"key_user_incomplete\""));
	/* K5 is listed under "unknown", with its status and what is missing. */
	const char *unk = strstr(out, "\"unknown\": [");
	assert_non_null(unk);
	assert_non_null(strstr(unk, "\"code\": \"K5\""));
	assert_non_null(strstr(unk, "\"status\": \"cannot_compute\""));
	assert_non_null(strstr(unk, "\"carrier\": \"bagasse\""));
	assert_non_null(strstr(out, "\"toe\": 1199.737,")); /* as kept, not rounded */
	free(out);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020", tu_sxsh(),
		 tu_db_url("kucli.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	/* The table shows TOE as everywhere, two decimals the Vietnamese way:
	 * 1,199.737 -> "1.199,74", the threshold 1,000 -> "1.000,00". */
	assert_non_null(strstr(out, " 1.199,74 "));
	assert_non_null(strstr(out, "1.000,00 TOE/năm"));
	assert_non_null(strstr(out, "Cannot compute (a factor or unit is missing): 1"));
	free(out);
	/* Usage errors exit 2; a year without a threshold is a user error, 1. */
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s'", tu_sxsh(), tu_db_url("kucli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format xml", tu_sxsh(),
		 tu_db_url("kucli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2005", tu_sxsh(),
		 tu_db_url("kucli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 1);
}

/*
 * Derived factors (rice husk 0.2771, wood 0.3726 TOE/t: IPCC heating value /
 * 41.868 GJ per TOE, carrier_factor.toe_derived) against legal ones, 2020:
 *   D1 2,000 t husk = 554.2 TOE + 3,000,000 kWh x 0.0001543 = 462.9 TOE:
 *      1,017.1 TOE, a key user; legal part 462.9 < 1,000: derived_only,
 *      toe_derived 554.2.
 *   D2 700 t husk = 193.97 TOE + 2,000 t coal 5-6 x 0.5 = 1,000 TOE:
 *      1,193.97; the legal 1,000 reaches the threshold alone: not derived_only.
 *   D3 3,000 t wood x 0.3726 = 1,117.8 TOE, all derived: derived_only.
 *   D4 1,000 t husk = 277.1 TOE + 100 t bagasse (no factor): below on what
 *      converts: cannot compute, listed with that status.
 * By TOE: D2, D3, D1.
 */
static const char derived_fixture[] = FAC(1, "D1", "NULL") FAC(2, "D2", "NULL") FAC(3, "D3", "NULL")
    FAC(4, "D4",
	"NULL") "INSERT INTO report(id, facility_id, year, status) VALUES (1,1,2020,'accepted'),"
		" (2,2,2020,'accepted'), (3,3,2020,'accepted'), (4,4,2020,'accepted');"
		"INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
		" (1,'rice_husk',2000,'t'), (1,'electricity',3000000,'kWh'),"
		" (2,'rice_husk',700,'t'), (2,'coal_5_6',2000,'t'), (3,'wood',3000,'t'),"
		" (4,'rice_husk',1000,'t'), (4,'bagasse',100,'t');";

static void
test_derived(void **state)
{
	(void)state;
	char err[512];
	struct db *db = fx_db_new("ku-derived.db", derived_fixture);
	struct keyuser_list *l = NULL;
	assert_int_equal(keyusers_list(db, &province, 2020, &l, err, sizeof(err)), 0);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->items[0].code, "D2");
	assert_float_equal(l->items[0].toe, 1193.97, 1e-9);
	assert_float_equal(l->items[0].toe_derived, 193.97, 1e-9);
	assert_false(l->items[0].derived_only);
	assert_int_equal(l->items[0].status, KEYUSER_LISTED);
	assert_string_equal(l->items[1].code, "D3");
	assert_float_equal(l->items[1].toe, 1117.8, 1e-9);
	assert_true(l->items[1].derived_only);
	assert_string_equal(l->items[2].code, "D1");
	assert_float_equal(l->items[2].toe, 1017.1, 1e-9);
	assert_float_equal(l->items[2].toe_derived, 554.2, 1e-9);
	assert_true(l->items[2].derived_only);
	/* Per carrier: electricity legal, rice husk derived. */
	assert_string_equal(l->items[2].carriers[0].carrier, "electricity");
	assert_false(l->items[2].carriers[0].toe_derived);
	assert_string_equal(l->items[2].carriers[1].carrier, "rice_husk");
	assert_true(l->items[2].carriers[1].toe_derived);
	assert_int_equal(l->nunknown, 1);
	assert_string_equal(l->unknown[0].code, "D4");
	assert_int_equal(l->unknown[0].status, KEYUSER_CANNOT_COMPUTE);
	assert_false(l->unknown[0].derived_only);
	assert_float_equal(l->unknown[0].toe, 277.1, 1e-9);
	char buf[128];
	assert_string_equal(keyusers_missing(&l->unknown[0], buf, sizeof(buf)),
			    "bagasse t: factor");
	assert_string_equal(keyusers_status_code(l->unknown[0].status), "cannot_compute");
	keyusers_free(l);
	db_close(db);

	char cmd[1024], *out = NULL;
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format csv", tu_sxsh(),
		 tu_db_url("ku-derived.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_string_equal(
	    out, "code,tax_code,name,district,sector,toe,status,derived_only,missing,toe_bagasse,"
		 "toe_coal_5_6,toe_electricity,toe_rice_husk,toe_wood\n"
		 "D2,,Gạch D2,Huyện Kiên Lương,2392,1193.97,key_user,0,,0,1000,0,"
		 "193.97,0\n"
		 "D3,,Gạch D3,Huyện Kiên Lương,2392,1117.8,key_user,1,,0,0,0,0,"
		 "1117.8\n"
		 "D1,,Gạch D1,Huyện Kiên Lương,2392,1017.1,key_user,1,,0,0,462.9,"
		 "554.2,0\n"
		 "D4,,Gạch D4,Huyện Kiên Lương,2392,277.1,cannot_compute,0,bagasse t: factor,,"
		 "0,0,277.1,0\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020 --format json", tu_sxsh(),
		 tu_db_url("ku-derived.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_non_null(strstr(out, "\"derived_only\": true"));
	assert_non_null(strstr(out, "\"toe_derived\": 554.2"));
	free(out);
	snprintf(cmd, sizeof(cmd), "%s keyusers --db '%s' --year 2020", tu_sxsh(),
		 tu_db_url("ku-derived.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_non_null(strstr(out, "1.017,10*")); /* D1, derived only */
	assert_non_null(strstr(out, "through a derived, not a legal, TOE factor"));
	free(out);
}

/*
 * The threshold is exact (calc/exact.h: figures kept and compared to 10^-6
 * TOE), whichever mix of carriers and units reaches it.  Factors from
 * data/carrier_factors.csv: electricity 0.0001543 TOE/kWh, coal fines
 * grades 1-2 0.70 TOE/t (Công văn 3505/BCT-KHCN; DOMAIN.md §1).
 *   E1 1,100,000 kWh x 0.0001543 = 169.73 and 1,186.1 t x 0.70 = 830.27:
 *      169.73 + 830.27 = 1,000.00 exactly (999.9999999999999 in doubles):
 *      a key user.
 *   E2 one kWh less: 1,099,999 x 0.0001543 = 169.7298457, + 830.27 =
 *      999.9998457: not a key user.
 *   E3 one kWh more: 1,100,001 x 0.0001543 = 169.7301543, + 830.27 =
 *      1,000.0001543: a key user.
 *   E4 the same energy as E1 in other units: 1,100 MWh = 1,100,000 kWh and
 *      1,186,100 kg = 1,186.1 t: 1,000.00, a key user.
 *   E5 the electricity month by month, 110,000 kWh in each of Jan-Oct:
 *      10 x 110,000 x 0.0001543 = 10 x 16.973 = 169.73, + 830.27 = 1,000.00
 *      (999.9999999999994 summed in doubles): a key user.
 * Sorted by TOE, then code: E3, then E1, E4, E5 at 1,000.
 */
static const char exact_fixture[] =
    FAC(11, "E1", "NULL") FAC(12, "E2", "NULL") FAC(13, "E3", "NULL") FAC(14, "E4", "NULL") FAC(
	15, "E5", "NULL") "INSERT INTO report(id, facility_id, year) VALUES (11,11,2020),"
			  " (12,12,2020), (13,13,2020), (14,14,2020), (15,15,2020);"
			  "INSERT INTO report_energy(report_id, carrier_code, quantity, unit, "
			  "month) VALUES"
			  " (11,'electricity',1100000,'kWh',NULL), (11,'coal_1_2',1186.1,'t',NULL),"
			  " (12,'electricity',1099999,'kWh',NULL), (12,'coal_1_2',1186.1,'t',NULL),"
			  " (13,'electricity',1100001,'kWh',NULL), (13,'coal_1_2',1186.1,'t',NULL),"
			  " (14,'electricity',1100,'MWh',NULL), (14,'coal_1_2',1186100,'kg',NULL),"
			  " (15,'coal_1_2',1186.1,'t',NULL),"
			  " (15,'electricity',110000,'kWh',1), (15,'electricity',110000,'kWh',2),"
			  " (15,'electricity',110000,'kWh',3), (15,'electricity',110000,'kWh',4),"
			  " (15,'electricity',110000,'kWh',5), (15,'electricity',110000,'kWh',6),"
			  " (15,'electricity',110000,'kWh',7), (15,'electricity',110000,'kWh',8),"
			  " (15,'electricity',110000,'kWh',9), (15,'electricity',110000,'kWh',10);"
			  "UPDATE report SET status = 'accepted';";

static void
test_threshold_exact(void **state)
{
	(void)state;
	char err[512];
	struct db *db = fx_db_new("ku-exact.db", exact_fixture);
	struct keyuser_list *l = NULL;
	assert_int_equal(keyusers_list(db, &province, 2020, &l, err, sizeof(err)), 0);
	assert_int_equal(l->n, 4);
	assert_int_equal(l->nunknown, 0);
	static const char *const codes[] = {"E3", "E1", "E4", "E5"};
	/* E3's 1,000.0001543 kept to 10^-6 TOE is 1,000.000154. */
	static const double toes[] = {1000.000154, 1000, 1000, 1000};
	for (int i = 0; i < 4; i++) {
		assert_string_equal(l->items[i].code, codes[i]);
		/* kept to 10^-6 TOE: exactly the double nearest the decimal */
		assert_true(l->items[i].toe == toes[i]);
		assert_false(l->items[i].incomplete);
	}
	/* E1's carriers, by code: coal 830.27, electricity 169.73. */
	assert_string_equal(l->items[1].carriers[0].carrier, "coal_1_2");
	assert_true(l->items[1].carriers[0].toe == 830.27);
	assert_true(l->items[1].carriers[1].toe == 169.73);
	keyusers_free(l);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_threshold),
	    cmocka_unit_test(test_threshold_exact),
	    cmocka_unit_test(test_drafts_not_listed),
	    cmocka_unit_test(test_closing_year),
	    cmocka_unit_test(test_scope),
	    cmocka_unit_test(test_cli),
	    cmocka_unit_test(test_derived),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
