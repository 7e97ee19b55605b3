/*
 * libFuzzer driver over the reference-data loader (refdata_load_file in
 * src/model/registry/refdata.c) on arbitrary CSV text.  The first byte picks the
 * file (units.csv, sectors.csv, ... in the loader's order); the rest is its
 * text.  Every input meets a fresh in-memory SQLite database with the
 * migrations applied and no reference data, so an input that loads one
 * file is checked against the schema alone.  Built and run by
 * scripts/fuzz.sh.
 *
 * Invariants: the result is 0 or -1; a refusal leaves a non-empty,
 * single-line message; an empty database stays empty on
 * a refusal (nothing is committed half-way).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/migrate.h"
#include "model/registry/refdata.h"

static const char *const files[] = {
    "units.csv",	   "sectors.csv",      "products.csv",	 "carriers.csv",
    "carrier_factors.csv", "grid_factors.csv", "norms.csv",	 "admin_units.csv",
    "plans.csv",	   "plan_targets.csv", "thresholds.csv", "bogus.csv",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	int applied;
	int64_t counts[REFDATA__MAX];
	if (size < 1)
		return 0;
	struct db *db = db_open(":memory:", err, sizeof(err));
	if (db == NULL || migrate_up(db, &applied, err, sizeof(err)) < 0) {
		fprintf(stderr, "fuzz_refdata: %s\n", err);
		abort();
	}
	const char *name = files[data[0] % (sizeof(files) / sizeof(files[0]))];
	err[0] = '\0';
	int rc = refdata_load_file(db, name, (const char *)data + 1, size - 1, err, sizeof(err));
	if (rc != 0 && rc != -1)
		abort();
	if (rc == -1) {
		if (err[0] == '\0' || strchr(err, '\n') != NULL)
			abort();
		if (refdata_counts(db, counts) != 0)
			abort();
		for (int t = 0; t < REFDATA__MAX; t++)
			if (counts[t] != 0)
				abort();
	}
	db_close(db);
	return 0;
}
