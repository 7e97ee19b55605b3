/*
 * Times the analytics model on a database (normally the demo province):
 * ledger_load over every year, keyusers_list for one year, bench_compute
 * for one product-year and check_run over every year, three rounds each.
 * Build and run against a build directory's library (docs/analytics.md):
 *   cc -O2 -I src -o /tmp/analytics-bench bench/analytics.c BUILD/libsxsh.a \
 *      -lsqlite3 -lpq -ljansson -lsodium -lcsv -lutf8proc -lxlsxwriter -lzip \
 *      -lxml2 -lmicrohttpd -lm -pthread
 *   /tmp/analytics-bench DB [YEAR] [PRODUCT]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "db/db.h"
#include "model/analytics/benchmark.h"
#include "model/analytics/check.h"
#include "model/analytics/keyusers.h"
#include "model/analytics/ledger.h"
#include "model/accounts/principal.h"

/* The key-user list of the whole province, as `sxsh keyusers` makes it. */
static const struct principal province = {.role = ROLE_PROVINCE};

static double
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	char err[512];
	if (argc < 2) {
		fprintf(stderr, "usage: analytics-bench DB [YEAR] [PRODUCT]\n");
		return 2;
	}
	int year = argc > 2 ? atoi(argv[2]) : 2020;
	const char *product = argc > 3 ? argv[3] : "milled_rice";
	struct db *db = db_open(argv[1], err, sizeof(err));
	if (db == NULL) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (int round = 0; round < 3; round++) {
		struct ledger *l = NULL;
		struct keyuser_list *ku = NULL;
		struct bench_result *b = NULL;
		struct finding *f = NULL;
		int n = 0;
		double t0 = now_ms();
		if (ledger_load(db, 1990, 2100, 0, &l, err, sizeof(err)) < 0)
			goto fail;
		double t1 = now_ms();
		if (keyusers_list(db, &province, year, &ku, err, sizeof(err)) < 0)
			goto fail;
		double t2 = now_ms();
		if (bench_compute(db, product, year, &b, err, sizeof(err)) < 0)
			goto fail;
		double t3 = now_ms();
		if (check_run(db, 0, &f, &n, err, sizeof(err)) < 0)
			goto fail;
		double t4 = now_ms();
		printf("ledger_load all years (%d reports) %.1f ms; keyusers %d (%d) %.1f ms; "
		       "bench %s %d (%d peers) %.1f ms; check all years (%d findings) %.1f ms\n",
		       l->nreports, t1 - t0, year, ku->n, t2 - t1, product, year, b->npeers,
		       t3 - t2, n, t4 - t3);
		ledger_free(l);
		keyusers_free(ku);
		bench_result_free(b);
		check_free(f, n);
	}
	db_close(db);
	return 0;
fail:
	fprintf(stderr, "%s\n", err);
	db_close(db);
	return 1;
}
