/*
 * Unit tests for model/check and `sxsh check`: a fixture with one case of
 * each finding (an empty report, energy without output, output without
 * energy, a SEC outlier, a year-on-year jump, a missing factor) and the
 * exact expected lines, the benchmark percentiles of the same peer group,
 * and the command's exit codes.
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
#include "model/analytics/benchmark.h"
#include "model/analytics/check.h"
#include "model/registry/refdata.h"
#include "testutil.h"

#define UNIT "(SELECT id FROM admin_unit WHERE code = 'rach-gia')"
#define FAC(id, code)                                                                              \
	"INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "   \
	"size) VALUES (" #id ", '" code "', 'Đá " code "', 'da', '3530', " UNIT                    \
	", 'private', 'small');"

/*
 * 2021 unless noted.  C1 reports nothing.  C2 10,000 kWh, no output.  C3 ice
 * 100 t, no energy.  C4 ice 100 t with 100,000 kWh in 2020 and 200,000 kWh in
 * 2021 (TOE 15.43 -> 30.86, +100 %).  C5 sugar 10 t on 5 t bagasse (no
 * factor).  P1-P4 ice 100 t on 10,000 kWh (36 GJ: 0.36 GJ/t), P5 ice 100 t on
 * 100,000 kWh (3.6 GJ/t); C4's 2021 SEC is 720 GJ / 100 t = 7.2 GJ/t.
 */
static const char fixture[] = FAC(1, "C1") FAC(2, "C2") FAC(3, "C3") FAC(4, "C4") FAC(5, "C5")
    FAC(6, "P1") FAC(7, "P2") FAC(8, "P3") FAC(9, "P4") FAC(
	10,
	"P5") "INSERT INTO report(id, facility_id, year) VALUES (1,1,2021),(2,2,2021),(3,3,2021),"
	      " (4,4,2020),(5,4,2021),(6,5,2021),(7,6,2021),(8,7,2021),(9,8,2021),(10,9,2021),"
	      " (11,10,2021);"
	      "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
	      " (3,'ice',100,'t'), (4,'ice',100,'t'), (5,'ice',100,'t'), (6,'sugar',10,'t'),"
	      " (7,'ice',100,'t'), (8,'ice',100,'t'), (9,'ice',100,'t'), (10,'ice',100,'t'),"
	      " (11,'ice',100,'t');"
	      "INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
	      " (2,'electricity',10000,'kWh'), (4,'electricity',100000,'kWh'),"
	      " (5,'electricity',200000,'kWh'), (6,'bagasse',5,'t'), (7,'electricity',10000,'kWh'),"
	      " (8,'electricity',10000,'kWh'), (9,'electricity',10000,'kWh'),"
	      " (10,'electricity',10000,'kWh'), (11,'electricity',100000,'kWh');"
	      /* Benchmarks count accepted reports; the checks look at every report. */
	      "UPDATE report SET status = 'accepted';";

/*
 * Peer group ice 2021: C3 has no energy (not a peer); sorted SEC 0.36 x 4,
 * 3.6, 7.2.  R-7 quartiles, h = 5p: Q1 h 1.25 -> 0.36; Q3 h 3.75 -> 0.36 +
 * 0.75 x 3.24 = 2.79; IQR 2.43, 1.5 IQR = 3.645: fences -3.285 and 6.435,
 * so only C4's 7.2 is outside.  C4 2020 -> 2021: (30.86 - 15.43) / 15.43 =
 * +100 %.  TOE shows with two decimals, percentages with one ("100,0 %",
 * English "100.0%"), SECs with four significant digits (util/fmt.h).  The
 * findings sort by code, year, field and English reason.
 */
static const char expected[] =
    "C1 2021 report: không có sản lượng và năng lượng / no output and no energy reported\n"
    "C2 2021 output: có năng lượng nhưng không có sản lượng / energy without output\n"
    "C3 2021 energy: có sản lượng nhưng không có năng lượng / output without energy\n"
    "C4 2021 sec.ice: suất tiêu hao 7,200 GJ/t nằm ngoài [-3,285; 6,435] của 6 cơ sở cùng "
    "sản phẩm / SEC 7.200 GJ/t outside the fences [-3.285, 6.435] of 6 peers\n"
    "C4 2021 toe: thay đổi 100,0 % so với năm 2020 (15,43 → 30,86 TOE) / changed by 100.0% "
    "from 2020 (15.43 → 30.86 TOE)\n"
    "C5 2021 energy.bagasse: thiếu hệ số phát thải CO2 (đơn vị t, năm 2021) / missing CO2 "
    "emission factor (unit t, year 2021)\n"
    "C5 2021 energy.bagasse: thiếu hệ số TOE (đơn vị t, năm 2021) / missing TOE factor (unit "
    "t, year 2021)\n"
    "C5 2021 energy.bagasse: thiếu nhiệt trị (GJ) (đơn vị t, năm 2021) / missing heating "
    "value (GJ) (unit t, year 2021)\n";

static void
make_db(const char *name)
{
	struct db *db = fx_db_new(name, fixture);
	db_close(db);
}

static void
test_check_cli(void **state)
{
	(void)state;
	make_db("check.db");
	char cmd[1024], *out = NULL, *err = NULL;
	snprintf(cmd, sizeof(cmd), "%s check --db '%s' --year 2021", tu_sxsh(),
		 tu_db_url("check.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 0); /* findings alone do not fail */
	assert_string_equal(out, expected);
	assert_non_null(strstr(err, "8 phát hiện / findings"));
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s check --db '%s' --year 2021 --strict", tu_sxsh(),
		 tu_db_url("check.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 1);
	/* 2020 alone: C4's first report is fine; no previous year to jump from. */
	snprintf(cmd, sizeof(cmd), "%s check --db '%s' --year 2020 --strict", tu_sxsh(),
		 tu_db_url("check.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_string_equal(out, "");
	free(out);
	snprintf(cmd, sizeof(cmd), "%s check --db '%s' --year 2021 --format csv", tu_sxsh(),
		 tu_db_url("check.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_non_null(
	    strstr(out, "facility_code,year,field,reason_vi,reason_en\nC1,2021,report,"));
	free(out);
	snprintf(cmd, sizeof(cmd), "%s check --db '%s' --bogus", tu_sxsh(), tu_db_url("check.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
}

static void
test_check_model_and_bench(void **state)
{
	(void)state;
	char err[512];
	make_db("checkm.db");
	struct db *db = db_open(tu_db_url("checkm.db"), err, sizeof(err));
	assert_non_null(db);
	struct finding *f = NULL;
	int n = 0;
	/* All years: the same 8 findings (2020 adds none). */
	assert_int_equal(check_run(db, 0, &f, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 8);
	assert_string_equal(f[3].field, "sec.ice");
	assert_int_equal(f[3].facility_id, 4);
	check_free(f, n);

	struct bench_result *b = NULL;
	assert_int_equal(bench_compute(db, "tuna", 2021, &b, err, sizeof(err)), -1);
	assert_string_equal(err, "sản phẩm không tồn tại / unknown product: tuna");
	assert_int_equal(bench_compute(db, "ice", 2021, &b, err, sizeof(err)), 0);
	assert_int_equal(b->npeers, 6);
	assert_true(b->enough_peers);
	assert_int_equal(b->nnot_computable, 1); /* C3 */
	assert_string_equal(b->energy_unit, "GJ");
	assert_string_equal(b->per_unit, "t");
	/* Percentile ranks: 0.36 has 0 below, 4 equal: 100 x 2 / 6 = 33.33;
	 * 3.6: 100 x 4.5 / 6 = 75; 7.2: 100 x 5.5 / 6 = 91.67. */
	assert_float_equal(b->peers[0].percentile, 100.0 * 2 / 6, 1e-9);
	assert_string_equal(b->peers[4].facility_code, "P5");
	assert_float_equal(b->peers[4].percentile, 75, 1e-9);
	assert_string_equal(b->peers[5].facility_code, "C4");
	assert_float_equal(b->peers[5].percentile, 100.0 * 5.5 / 6, 1e-9);
	assert_float_equal(b->q1, 0.36, 1e-12);
	assert_float_equal(b->median, 0.36, 1e-12); /* h 2.5 between two 0.36 */
	assert_float_equal(b->q3, 2.79, 1e-12);
	assert_float_equal(b->max, 7.2, 1e-12);
	assert_true(isnan(b->norm));
	bench_result_free(b);
	db_close(db);
}

/*
 * Plausibility findings (data/plausibility.csv), 2021:
 *   H1 reported 9 x 10^14 kWh for 100 t of ice before the hard limits
 *     existed: above electricity's 2.8 x 10^10 kWh a year; H2's 2.8 x 10^10
 *     kWh is exactly the limit, no finding;
 *   E1: 100,000,000 kWh x 0.0001543 = 15,430 TOE for 10 employees is
 *     1,543 TOE each, above 1,000; G1, the same for 16, is 964.375: none;
 *   B1: 1,000 hl of beer on 1,000,000 kWh = 3,600 GJ = 3,600,000 MJ, so
 *     3,600 MJ/hl against the 2021-2025 norm below 200,000 hl, 286 MJ/hl:
 *     3,600 / 286 = 12.587 times, "1.258,7 %", more than 3 times the norm.
 * Four ice peers are too few for Tukey's fences.
 */
#define FACE(id, code, product_sector, employees)                                                  \
	"INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "   \
	"size, employees) VALUES (" #id ", '" code "', 'Cơ sở " code                               \
	"', 'co so', '" product_sector "', " UNIT ", 'private', 'small', " #employees ");"

static const char plaus_fixture[] = FACE(1, "H1", "3530", NULL) FACE(2, "H2", "3530", NULL)
    FACE(3, "E1", "3530", 10) FACE(4, "G1", "3530", 16) FACE(
	5, "B1", "1103",
	NULL) "INSERT INTO report(id, facility_id, year) VALUES (1,1,2021),(2,2,2021),(3,3,2021),"
	      " (4,4,2021),(5,5,2021);"
	      "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
	      " (1,'ice',100,'t'), (2,'ice',1000,'t'), (3,'ice',1000,'t'), (4,'ice',1000,'t'),"
	      " (5,'beer',1000,'hl');"
	      "INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES"
	      " (1,'electricity',9e14,'kWh'), (2,'electricity',28000000000,'kWh'),"
	      " (3,'electricity',100000000,'kWh'), (4,'electricity',100000000,'kWh'),"
	      " (5,'electricity',1000000,'kWh');";

static const char plaus_expected[] =
    "B1 2021 sec_norm.beer: Sản lượng beer: suất tiêu hao 3.600 MJ/hl bằng 1.258,7 % định "
    "mức, quá xa định mức: hãy kiểm tra đơn vị của sản lượng và năng lượng / Output beer: SEC "
    "3,600 MJ/hl is 1,258.7% of the norm, too far from it: check the units of output and "
    "energy\n"
    "E1 2021 toe_per_employee: Tổng năng lượng 15.430,00 TOE cho 10 lao động là 1.543,00 TOE "
    "mỗi người, trên ngưỡng 1.000,00 TOE mỗi người: hãy kiểm tra đơn vị của các dòng năng "
    "lượng và số lao động / Total energy 15,430.00 TOE for 10 employees is 1,543.00 TOE per "
    "employee, above 1,000.00: check the units of the energy lines and the number of "
    "employees\n"
    "H1 2021 energy.electricity: lượng năng lượng của electricity là "
    "900.000.000.000.000,00 kWh, vượt giới hạn 28.000.000.000,00 kWh một năm mà một cơ sở có "
    "thể có: hãy kiểm tra lại số và đơn vị / energy quantity of electricity is "
    "900,000,000,000,000.00 kWh, above 28,000,000,000.00 kWh, the most a single facility "
    "could report in a year: check the number and its unit\n";

static void
test_check_plausible(void **state)
{
	(void)state;
	struct db *db = fx_db_new("checkp.db", plaus_fixture);
	db_close(db);
	char cmd[1024], *out = NULL, *err = NULL;
	snprintf(cmd, sizeof(cmd), "%s check --db '%s' --year 2021", tu_sxsh(),
		 tu_db_url("checkp.db"));
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_string_equal(out, plaus_expected);
	assert_non_null(strstr(err, "3 phát hiện / findings"));
	free(out);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_check_cli),
	    cmocka_unit_test(test_check_model_and_bench),
	    cmocka_unit_test(test_check_plausible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
