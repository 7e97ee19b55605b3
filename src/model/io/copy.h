/*
 * Whole-database copy between two connections of any backends (sxsh copy).
 * The tables come from the target's catalog (db_tables()), so a table added
 * by a later migration is copied without a change here.
 */
#ifndef SXSH_MODEL_COPY_H
#define SXSH_MODEL_COPY_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* What was copied, per table, with the verification of both sides. */
struct copy_table {
	char name[64];
	int64_t rows;	  /* rows read from the source */
	uint64_t sum;	  /* checksum of the source's rows */
	int64_t rows_dst; /* rows in the target afterwards */
	uint64_t sum_dst; /* checksum of the target's rows */
};

struct copy_result {
	int ntables;
	struct copy_table tables[64];
};

/* Called after each table (may be NULL). */
typedef void (*copy_progress_fn)(void *arg, const char *table, int done, int total);

/*
 * Copies every row of every table (schema_version aside) from src to dst in
 * one transaction on dst, keeping ids, then re-reads dst and compares each
 * table's row count and checksum with the source's.  Both databases must be
 * migrated to the same schema version.  A target with rows in any table
 * other than meta is refused unless replace is set, in which case its rows
 * are deleted in the same transaction.  Returns 0, or -1 with a message in
 * err (nothing is committed then).
 *
 * The checksum of a table is the sum (mod 2^64) of a 64-bit FNV-1a hash of
 * each row's canonical text: columns joined by tabs, NULL as \N, integers
 * in decimal, reals as %.17g, text as stored.  A sum does not depend on row
 * order, so two servers with different collations agree.
 */
int copy_database(struct db *src, struct db *dst, int replace, struct copy_result *res,
		  copy_progress_fn progress, void *arg, char *err, size_t errsz);

/* The checksum and row count of one table of db (see copy_database). */
int copy_table_checksum(struct db *db, const char *table, int64_t *rows, uint64_t *sum);

#endif
