/*
 * What the workbooks sxsh hands on print besides their data
 * (render/sheets.h): the province the deployment serves, named on every
 * sheet's source line; the address and sector of a key energy user, two
 * columns of the list the province sends to the Ministry; the names of the
 * reference codes an export holds.  Read from the reference data and the
 * facility table, never from a constant.
 */
#ifndef SXSH_MODEL_SHEETINFO_H
#define SXSH_MODEL_SHEETINFO_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct name;

/*
 * The province-level administrative unit valid on date (yyyy-mm-dd): its
 * Vietnamese name into vi ("Tỉnh An Giang") and its English one into en
 * (both truncated to fit; en "" when the row has none).  After the 2025
 * merger a date before 1/7/2025 names Kiên Giang, a later one An Giang.
 * Returns 1, 0 when no province unit is valid then, -1 on a storage error
 * (logged).
 */
int sheetinfo_province(struct db *db, const char *date, char *vi, size_t nvi, char *en, size_t nen);

/* A facility's address and its sector's names, as the key-user list shows them. */
struct sheetinfo_facility {
	char address[256]; /* "" when not recorded */
	char sector_vi[256];
	char sector_en[256];
};

/* The facility with that id into out.  Returns 1, 0 when absent, -1 on a storage error. */
int sheetinfo_facility(struct db *db, int64_t facility_id, struct sheetinfo_facility *out);

/* The reference tables whose codes an export names. */
enum sheetinfo_ref {
	SHEETINFO_SECTOR,
	SHEETINFO_UNIT,
	SHEETINFO_CARRIER,
	SHEETINFO_PRODUCT,
	SHEETINFO__MAX
};

/* The codes and names of each table, sorted by code (strcmp) for sheetinfo_name. */
struct sheetinfo_names {
	struct name *v[SHEETINFO__MAX];
	int n[SHEETINFO__MAX];
};

/*
 * Loads every sector, administrative unit, carrier and product with its
 * names into out, allocated from a (valid until arena_free).  Returns 0,
 * or -1 on a storage error (logged).
 */
int sheetinfo_names_load(struct db *db, struct arena *a, struct sheetinfo_names *out);
/* The Vietnamese (or, when en, English) name of code in table t; NULL when unknown. */
const char *sheetinfo_name(const struct sheetinfo_names *nm, enum sheetinfo_ref t, const char *code,
			   int en);

#endif
