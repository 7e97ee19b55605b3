/*
 * What the workbooks sxsh hands on print besides their data
 * (render/sheets.h): the province the deployment serves, named on every
 * sheet's source line, and the address and sector of a key energy user,
 * two columns of the list the province sends to the Ministry.  Read from
 * the reference data and the facility table, never from a constant.
 */
#ifndef SXSH_MODEL_SHEETINFO_H
#define SXSH_MODEL_SHEETINFO_H

#include <stddef.h>
#include <stdint.h>

struct db;

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

#endif
