/*
 * libFuzzer driver over the CSV import: the parser (libcsv, line and quote
 * tracking, header mapping) and every field validator.  The first byte of
 * the input picks the format (even: facilities, odd: reports); the rest is
 * the file.  Imports run as dry runs against one in-memory database holding
 * the reference data and one facility, so every input meets the same state.
 * Not built by meson; by hand, from the repository root, after a normal
 * build (for BUILD/embedded.c):
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *     -DSXSH_VERSION='"fuzz"' -Isrc tests/fuzz/fuzz_csv.c src/model/io/csvio.c \
 *     src/model/validate.c src/model/registry/refdata.c $(find src/db src/util -name '[a-z]*.c') \
 *     build-csvio/embedded.c -lsqlite3 -lcsv -lutf8proc -lm -o fuzz_csv
 *   ./fuzz_csv tests/fuzz/corpus/csv
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/migrate.h"
#include "model/io/csvio.h"
#include "model/registry/refdata.h"

static struct db *db;

static void
sink(void *ctx, const char *name, long line, const char *column, const char *reason)
{
	(void)name;
	/* Every message must be a complete, single-line string. */
	if (strchr(reason, '\n') != NULL || strchr(column, '\n') != NULL || line < 0)
		abort();
	(*(long *)ctx)++;
}

static void
init(void)
{
	char err[512];
	int applied;
	static const char fac[] = "code,tax_code,name,sector,admin_unit,address,lat,lon,ownership,"
				  "size,employees,opened_year,closed_year,status\n"
				  "F1,,X,1020,rach-gia,,,,private,small,,,,active\n";
	db = db_open(":memory:", err, sizeof(err));
	if (db == NULL || migrate_up(db, &applied, err, sizeof(err)) < 0 ||
	    refdata_load(db, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz_csv: %s\n", err);
		abort();
	}
	FILE *f = fmemopen((void *)fac, sizeof(fac) - 1, "r");
	if (csvio_import(db, CSVIO_FACILITIES, f, "seed", NULL, NULL, NULL, NULL) != 0)
		abort();
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct csvio_opts dry = {.dry_run = 1, .update = 1, .replace = 1};
	struct csvio_stats st;
	long n = 0;
	if (db == NULL)
		init();
	if (size < 2)
		return 0;
	enum csvio_kind kind = (data[0] & 1) ? CSVIO_REPORTS : CSVIO_FACILITIES;
	FILE *f = fmemopen((void *)(data + 1), size - 1, "r");
	if (f == NULL)
		return 0;
	int rc = csvio_import(db, kind, f, "fuzz.csv", &dry, sink, &n, &st);
	fclose(f);
	/* Errors and the result agree: 1 exactly when something was reported. */
	if ((rc == 0 && n != 0) || (rc == 1 && n == 0) || st.errors != n)
		abort();
	return 0;
}
