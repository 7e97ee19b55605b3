/*
 * The demo province: a deterministic synthetic set of facilities and their
 * annual reports 2012-2025, modelled on Kiên Giang before the 2025 merger
 * (DOMAIN.md §7), for demonstrations, manual testing and benchmarks.
 * Everything derives from a seed: the same seed and facility count give the
 * same rows with the same ids, and a different seed gives different data.
 * Names, codes and addresses are visibly synthetic ("Cơ sở mẫu 00042",
 * "DEMO-00042", "Địa chỉ mẫu, Tân Hiệp"); tax codes are made up but pass the
 * check-digit rule (DOMAIN.md §10).
 */
#ifndef SXSH_MODEL_DEMO_H
#define SXSH_MODEL_DEMO_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* The number of facilities in Kiên Giang's plan (DOMAIN.md, open item 1). */
#define DEMO_DEFAULT_FACILITIES 12151
#define DEMO_MAX_FACILITIES	2000000
#define DEMO_FIRST_YEAR		2012
#define DEMO_LAST_YEAR		2025

struct demo_opts {
	uint64_t seed;
	long facilities; /* 1 .. DEMO_MAX_FACILITIES */
	int replace;	 /* delete existing facilities, reports, registrations first */
	/* Called now and then with the facilities generated so far; may be NULL. */
	void (*progress)(void *arg, long done, long total);
	void *progress_arg;
};

/* Rows written by one run. */
struct demo_stats {
	long facilities;
	long reports;
	long outputs;
	long energy;
	long water;
	long material;
	long assessments, options; /* CP assessments and their options (demo_assess.h) */
	int year_min, year_max;	   /* of the reports; 0 when there are none */
};

enum demo_rc {
	DEMO_OK = 0,
	DEMO_EXISTS = 1, /* facilities exist and replace was not asked for; nothing changed */
	DEMO_ERR = -1,
};

/*
 * Generates the demo province into db in one transaction and bumps the meta
 * generation: the facilities, their reports and the CP assessments of
 * model/demo/demo_assess.h.  Assumes the schema is migrated and the
 * reference data loaded (admin units, products, carriers, units:
 * refdata_load).  Returns DEMO_OK and fills *st (may be NULL); DEMO_EXISTS
 * when the database already holds facilities and opts->replace is 0;
 * DEMO_ERR with a bilingual message in err (size errsz) on any other
 * failure, after rolling back.  With replace, an existing database's
 * facilities, reports, registrations and assessments are deleted in the
 * same transaction, so a failure leaves them as they were; accounts bound
 * to a facility (app_user.facility_id) are unbound in it too.
 */
int demo_generate(struct db *db, const struct demo_opts *opts, struct demo_stats *st, char *err,
		  size_t errsz);

/*
 * Sets *n to the number of facilities in db.  Returns 0, or -1 with a
 * message in err.  Lets a caller refuse early, before loading anything;
 * demo_generate checks again inside its transaction.
 */
int demo_facility_count(struct db *db, int64_t *n, char *err, size_t errsz);

/*
 * Writes a synthetic 10-digit enterprise tax code for sequence number seq
 * (0 <= seq < 10,000,000) under province prefix "99" into out (size >= 11)
 * and returns 0, or returns -1 when that sequence has no valid check digit
 * (the weighted sum is a multiple of 11; DOMAIN.md §10).
 */
int demo_tax_code(char *out, size_t n, long seq);

#endif
