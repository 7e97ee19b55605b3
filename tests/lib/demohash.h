/*
 * A hash of the demo province's data, shared by the tests of the demo
 * generator (test_demo.c) and of the demo accounts (test_demo_accounts.c):
 * two databases hold the same demo data exactly when the hashes agree.
 */
#ifndef SXSH_TEST_DEMOHASH_H
#define SXSH_TEST_DEMOHASH_H

#include <stdint.h>

/*
 * A canonical dump of everything the demo generator writes (tables
 * facility, report, report_output, report_energy, report_water,
 * report_material) in database tu_db_new(name), read through a connection
 * of its own, hashed with 64-bit FNV-1a: every row of every table in primary
 * key order, each value as text in a fixed form with a tag of its kind: 'N'
 * for NULL, 'i' and "%lld" for an integer column (whose stored text must be
 * that integer, so a real stored there fails), 'r' and "%.17g" for a real
 * column (round-trips a double exactly), 't' and the text itself for a text
 * column; each value ends with a NUL byte.  The form depends on the values
 * alone, not on how a backend stores them.  *rows gets the row count.
 * Fails the test on any error.
 */
uint64_t tu_demo_hash(const char *name, int64_t *rows);

#endif
