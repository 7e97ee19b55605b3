/*
 * The province and facility details of the workbooks (sheetinfo.h): one
 * statement each (STMT_EXPORTS_*), the same SQL for both backends.
 */
#include "model/io/sheetinfo.h"

#include <stdio.h>

#include "db/db.h"
#include "db/stmt.h"
#include "util/log.h"

int
sheetinfo_province(struct db *db, const char *date, char *vi, size_t nvi, char *en, size_t nen)
{
	vi[0] = en[0] = '\0';
	struct db_stmt *st = db_stmt(db, STMT_EXPORTS_PROVINCE);
	db_bind_text(st, 1, date);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW) {
		log_err("sheetinfo: cannot read the province of %s: %s", date, db_errmsg(db));
		return -1;
	}
	snprintf(vi, nvi, "%s", db_col_text(st, 0));
	snprintf(en, nen, "%s", db_col_text(st, 1));
	db_reset(st);
	return 1;
}

int
sheetinfo_facility(struct db *db, int64_t facility_id, struct sheetinfo_facility *out)
{
	out->address[0] = out->sector_vi[0] = out->sector_en[0] = '\0';
	struct db_stmt *st = db_stmt(db, STMT_EXPORTS_FACILITY);
	db_bind_int(st, 1, facility_id);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW) {
		log_err("sheetinfo: cannot read facility %lld: %s", (long long)facility_id,
			db_errmsg(db));
		return -1;
	}
	snprintf(out->address, sizeof(out->address), "%s", db_col_text(st, 0));
	snprintf(out->sector_vi, sizeof(out->sector_vi), "%s", db_col_text(st, 1));
	snprintf(out->sector_en, sizeof(out->sector_en), "%s", db_col_text(st, 2));
	db_reset(st);
	return 1;
}
