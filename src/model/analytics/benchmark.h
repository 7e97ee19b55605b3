/*
 * Benchmarks of specific energy consumption (SEC) for one product and
 * year: every facility that reported an output of the product and whose
 * SEC is computable is a peer; SECs are compared in one unit (the norm's
 * unit when a norm exists for the product in that year, else GJ per
 * product unit), each with its own legal norm (by output band), the ratio
 * to it and whether it meets it.  With at least BENCH_MIN_PEERS peers each
 * gets its percentile rank and the group its quartiles (calc/stats.h);
 * with fewer, those are NAN and enough_peers is 0 ("chưa đủ cơ sở để so
 * sánh / not enough peers").  Used by the benchmark page and the API.
 */
#ifndef SXSH_MODEL_BENCHMARK_H
#define SXSH_MODEL_BENCHMARK_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct ledger;

#define BENCH_MIN_PEERS 5

struct bench_peer {
	int64_t facility_id;
	const char *facility_code, *facility_name;
	double sec, norm_ratio; /* norm_ratio NAN when no norm applies to this peer */
	int meets;		/* 1, 0, -1 no norm */
	double percentile;	/* 0..100; NAN when not enough peers */
	double norm;		/* this peer's norm (NAN none) */
};

struct bench_result {
	const char *product, *product_name_vi, *product_name_en;
	int year;
	const char *energy_unit, *per_unit;
	double norm; /* the norm when every peer with one has the same; else NAN */
	const char *norm_ref;
	int npeers;
	int enough_peers;		 /* npeers >= BENCH_MIN_PEERS */
	struct bench_peer *peers;	 /* sorted by sec ascending, then facility code */
	double min, q1, median, q3, max; /* min/max NAN without peers; quartiles NAN
					    without enough peers */
	int nmeets;
	int nnot_computable;   /* reports with the product whose SEC is unknown */
	struct ledger *ledger; /* owns the strings; private */
	int refs;	       /* private: the connection's cache and each caller */
};

/*
 * The benchmark of product in year.  Returns 0 and *out (free with
 * bench_result_free), or -1 with a bilingual message in err: unknown
 * product or a database error.  No peers is not an error (npeers 0).
 * The connection keeps the benchmarks of the current data generation (they
 * read accepted reports and reference data only, whose every change bumps
 * it), so a second call for the same product and year returns the same
 * result without reading the ledger again; the caller must not change it.
 */
int bench_compute(struct db *db, const char *product, int year, struct bench_result **out,
		  char *err, size_t errsz);
/* Releases r (see bench_compute); NULL is a no-op. */
void bench_result_free(struct bench_result *r);
/* How many benchmarks this process computed (not taken from the cache): for tests. */
long bench_computed(void);

/* A product with outputs in a year, for choosing what to compare. */
struct bench_product {
	char *code, *name_vi, *name_en;
};

/*
 * The products that have accepted outputs in year (kept per connection and
 * data generation, as the benchmarks are), by code: *out is a malloc'd array
 * of *n (free with bench_products_free).  Returns 0 or -1 on a database
 * error.
 */
int bench_products(struct db *db, int year, struct bench_product **out, int *n);
/* Frees what bench_products returned; NULL is a no-op. */
void bench_products_free(struct bench_product *p, int n);

#endif
