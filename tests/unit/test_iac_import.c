/*
 * The IAC assessments (../shared/data/iac/assess.csv, 22,576 rows) through
 * the saved profiles data/profiles/iac-facilities.json and iac-reports.json
 * into the IAC test province (data/profiles/iac/), with the sxsh binary as
 * an operator runs it: every row is either imported or reported, and the
 * counts are those computed independently of sxsh.
 *
 * The expected counts come from this Python over the CSV (the rules of the
 * profiles, written out again):
 *
 *   import csv
 *   sic_ok = {str(g) for g in range(20, 40)} | {"49"}
 *   gj = {"natural_gas": 48.0, "lpg": 47.3, "do": 43.0, "fo": 40.4,
 *         "coal_3_4": 25.1208, "wood": 15.6}            # data/carrier_factors.csv
 *   hard = {"natural_gas": 750000, "lpg": 250000, "do": 1e6, "fo": 1e6,
 *           "coal_3_4": 1e7, "wood": 1e6}               # data/plausibility.csv, t
 *   fuel = {"e2": "natural_gas", "e3": "lpg", "e4": "do", "e5": "do",
 *           "e6": "fo", "e7": "fo", "e8": "coal_3_4", "e9": "wood"}
 *   fac_bad = rep_bad = left = costs = conv = 0
 *   for r in csv.DictReader(open("assess.csv")):
 *       fb = r["sic"][:2] not in sic_ok or r["employees"] == ""
 *       fac_bad += fb
 *       t = {}
 *       for e, c in fuel.items():
 *           if r[e + "_plant_usage"]:
 *               t[c] = t.get(c, 0) + float(r[e + "_plant_usage"]) * 1.055056 / gj[c]
 *       rb = bool(fb or int(r["fy"]) < 1990
 *                 or any(v > hard[c] for c, v in t.items())
 *                 or (r["ec_plant_usage"] and float(r["ec_plant_usage"]) > 2.8e10))
 *       rep_bad += rb
 *       if rb:
 *           continue
 *       left += (r["prodlevel"] != "" and r["produnits"] == "") + \
 *               sum(r[f"e{i}_plant_usage"] != "" for i in (10, 11, 12))
 *       costs += sum(r[f"{e}_plant_usage"] != "" and r[f"{e}_plant_cost"] != ""
 *                    for e in ["ec"] + list(fuel))
 *       conv += sum(r[f"{e}_plant_usage"] != "" for e in fuel)
 *
 * which prints facilities 21903 imported, 673 bad; reports 19455 imported,
 * 3121 bad; 3417 values left out (production without a unit code, paper,
 * other gas, other energy), 37701 costs in USD left out, 18314 quantities
 * in MMBtu converted.  21903 + 673 = 19455 + 3121 = 22576.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "testutil.h"

static char src[1024], data[1100];

/* Runs "sxsh ARGS --db URL", expecting status want; returns its stdout (malloc'd). */
static char *
sxsh(int want, const char *args, char **errout)
{
	char cmd[4096], *out = NULL, *err = NULL;
	snprintf(cmd, sizeof(cmd), "'%s' %s --db '%s'", tu_sxsh(), args, tu_db_url("iac.db"));
	int rc = tu_run(cmd, &out, &err);
	if (rc != want)
		fail_msg("%s: exit %d\n%s\n%s", cmd, rc, out, err);
	if (errout != NULL)
		*errout = err;
	else
		free(err);
	return out;
}

/* The number of distinct source lines N among the messages "PREFIXN: …" of s. */
static long
lines_starting(const char *s, const char *prefix)
{
	static unsigned char seen[30000];
	long n = 0;
	size_t pl = strlen(prefix);
	memset(seen, 0, sizeof(seen));
	for (const char *p = s; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		long line = strncmp(p, prefix, pl) == 0 ? strtol(p + pl, NULL, 10) : 0;
		if (line > 0 && line < (long)sizeof(seen) && !seen[line]++)
			n++;
	}
	return n;
}

static void
test_iac(void **state)
{
	(void)state;
	char args[2048], buf[64], *out, *err;
	if (access(data, R_OK) != 0)
		skip();
	db_close(tu_db_new("iac.db"));
	free(sxsh(0, "init", NULL));
	snprintf(args, sizeof(args), "profile refdata '%s/data/profiles/iac'", src);
	free(sxsh(0, args, NULL));
	/* 53 units: the test province, the 50 states, DC and Puerto Rico */
	assert_string_equal(tu_query_buf("iac.db",
					 "SELECT count(*) FROM admin_unit WHERE code LIKE 'iac-%'",
					 buf, sizeof(buf)),
			    "53");
	for (int i = 0; i < 2; i++) {
		snprintf(args, sizeof(args), "profile import '%s/data/profiles/iac-%s.json'", src,
			 i ? "reports" : "facilities");
		free(sxsh(0, args, NULL));
	}

	snprintf(args, sizeof(args), "import facilities '%s' --profile iac-facilities", data);
	out = sxsh(0, args, &err);
	assert_string_equal(out, "Đã đọc 22576 dòng: nhập 21903 dòng, bỏ ra 673 dòng lỗi (đã báo "
				 "ở trên) / Read 22576 rows: imported 21903, left out 673 bad rows "
				 "(reported above)\n");
	/* every bad row is reported with the file and its line: 673 lines named */
	char prefix[1200];
	snprintf(prefix, sizeof(prefix), "%s:", data);
	assert_int_equal(lines_starting(err, prefix), 673);
	assert_string_equal(
	    tu_query_buf("iac.db", "SELECT count(*) FROM facility", buf, sizeof(buf)), "21903");
	free(out);
	free(err);

	snprintf(args, sizeof(args), "import reports '%s' --profile iac-reports", data);
	out = sxsh(0, args, &err);
	assert_string_equal(
	    out, "Đã đọc 22576 dòng: nhập 19455 dòng, bỏ ra 3121 dòng lỗi (đã báo ở trên) / Read "
		 "22576 rows: imported 19455, left out 3121 bad rows (reported above)\n"
		 "Không nhập 3417 giá trị theo hồ sơ và 37701 chi phí không tính bằng đồng / Not "
		 "imported: 3417 values the profile leaves out and 37701 costs not in VND\n"
		 "Đã đổi 18314 số lượng sang đơn vị sxsh lưu qua nhiệt trị / Converted 18314 "
		 "quantities into units sxsh stores through heating values\n");
	assert_int_equal(lines_starting(err, prefix), 3121);
	assert_string_equal(tu_query_buf("iac.db", "SELECT count(*) FROM report", buf, sizeof(buf)),
			    "19455");
	/*
	 * AM0304 (fy 1997, SIC 2096 → group 20 → sector 10, TX, 40 employees
	 * → small): 17046 MMBtu of natural gas = 17046 × 1.055056 GJ =
	 * 17984.484576 GJ; at 48 GJ/t (the only natural gas heating value,
	 * valid from 2011, taken for 1997 as the earliest) 374.676762 t.
	 * Electricity 971278 kWh as it is; production 700000 in unit code 1.
	 */
	assert_string_equal(
	    tu_query_buf("iac.db",
			 "SELECT f.sector_code || '|' || a.code || '|' || f.size || "
			 "'|' || f.employees || '|' || f.name FROM facility f JOIN "
			 "admin_unit a ON a.id = f.admin_unit_id WHERE f.code = 'AM0304'",
			 buf, sizeof(buf)),
	    "10|iac-tx|small|40|Baked tortilla chips (IAC AM0304)");
	assert_string_equal(
	    tu_query_buf("iac.db",
			 "SELECT CAST(round(e.quantity * 1000000) AS bigint) || e.unit "
			 "FROM report_energy e JOIN report r ON r.id = e.report_id JOIN "
			 "facility f ON f.id = r.facility_id WHERE f.code = 'AM0304' AND "
			 "r.year = 1997 AND e.carrier_code = 'natural_gas'",
			 buf, sizeof(buf)),
	    "374676762t");
	assert_string_equal(
	    tu_query_buf("iac.db",
			 "SELECT CAST(e.quantity AS bigint) || e.unit FROM report_energy "
			 "e JOIN report r ON r.id = e.report_id JOIN facility f ON f.id "
			 "= r.facility_id WHERE f.code = 'AM0304' AND e.carrier_code = "
			 "'electricity'",
			 buf, sizeof(buf)),
	    "971278kWh");
	assert_string_equal(
	    tu_query_buf("iac.db",
			 "SELECT o.product_code || '|' || CAST(o.quantity AS bigint) || "
			 "'|' || o.unit FROM report_output o JOIN report r ON r.id = "
			 "o.report_id JOIN facility f ON f.id = r.facility_id WHERE "
			 "f.code = 'AM0304'",
			 buf, sizeof(buf)),
	    "iac-output-1|700000|iac-unit-1");
	assert_string_equal(tu_query_buf("iac.db",
					 "SELECT count(*) FROM report_energy WHERE unit = 'MMBtu'",
					 buf, sizeof(buf)),
			    "0");
	assert_string_equal(tu_query_buf("iac.db",
					 "SELECT count(*) FROM report_energy WHERE cost_vnd IS NOT "
					 "NULL",
					 buf, sizeof(buf)),
			    "0");
	free(out);
	free(err);
}

int
main(void)
{
	const char *s = getenv("SXSH_SRC");
	snprintf(src, sizeof(src), "%s", s != NULL ? s : ".");
	snprintf(data, sizeof(data), "%s/../shared/data/iac/assess.csv", src);
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_iac),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
