/*
 * The province and facility details of the workbooks (sheetinfo.h): one
 * statement each (STMT_EXPORTS_*), the same SQL for both backends.
 */
#include "model/io/sheetinfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/stmt.h"
#include "model/names.h"
#include "util/arena.h"
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

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->code, ((const struct name *)b)->code);
}

int
sheetinfo_names_load(struct db *db, struct arena *a, struct sheetinfo_names *out)
{
	int cap[SHEETINFO__MAX] = {0};
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = db_stmt(db, STMT_EXPORTS_NAMES);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t t = db_col_int(st, 0);
		if (t < 0 || t >= SHEETINFO__MAX)
			continue;
		if (out->n[t] == cap[t]) {
			/* Doubling in the arena: the old array stays until arena_free. */
			cap[t] = cap[t] > 0 ? cap[t] * 2 : 64;
			struct name *v = arena_alloc(a, (size_t)cap[t] * sizeof(*v));
			if (out->n[t] > 0)
				memcpy(v, out->v[t], (size_t)out->n[t] * sizeof(*v));
			out->v[t] = v;
		}
		out->v[t][out->n[t]++] = (struct name){arena_strdup(a, db_col_text(st, 1)),
						       arena_strdup(a, db_col_text(st, 2)),
						       arena_strdup(a, db_col_text(st, 3))};
	}
	if (rc != DB_DONE) {
		log_err("sheetinfo: cannot read the reference names: %s", db_errmsg(db));
		db_reset(st);
		return -1;
	}
	/* Sorted here, not in SQL: PostgreSQL's collation is not strcmp's order. */
	for (int t = 0; t < SHEETINFO__MAX; t++)
		if (out->n[t] > 1)
			qsort(out->v[t], (size_t)out->n[t], sizeof(struct name), name_cmp);
	return 0;
}

const char *
sheetinfo_name(const struct sheetinfo_names *nm, enum sheetinfo_ref t, const char *code, int en)
{
	if (code == NULL || nm->n[t] == 0)
		return NULL;
	struct name key = {code, NULL, NULL};
	const struct name *hit =
	    bsearch(&key, nm->v[t], (size_t)nm->n[t], sizeof(struct name), name_cmp);
	return hit == NULL ? NULL : en ? hit->name_en : hit->name_vi;
}
