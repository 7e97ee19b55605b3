/*
 * The demo data hash (see demohash.h).
 */
#include "demohash.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "testutil.h"

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t
tu_demo_hash(const char *name, int64_t *rows)
{
	static const char *const tables[] = {
	    "facility",	     "report",	     "report_output",
	    "report_energy", "report_water", "report_material",
	};
	char err[512], url[600];
	snprintf(url, sizeof(url), "%s", tu_db_url(name));
	struct db *db = db_open(url, err, sizeof(err));
	if (db == NULL)
		fail_msg("open %s: %s", name, err);
	struct db_table *cat = NULL;
	int ncat = 0;
	if (db_tables(db, &cat, &ncat) != DB_OK)
		fail_msg("db_tables: %s", db_errmsg(db));
	uint64_t h = 0xcbf29ce484222325ULL;
	*rows = 0;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		const struct db_table *t = NULL;
		for (int k = 0; k < ncat && t == NULL; k++)
			if (strcmp(cat[k].name, tables[i]) == 0)
				t = &cat[k];
		if (t == NULL)
			fail_msg("no table %s", tables[i]);
		struct db_stmt *st = db_table_stmt(db, t, DB_TABLE_SELECT);
		if (st == NULL)
			fail_msg("select %s: %s", t->name, db_errmsg(db));
		h = fnv(h, t->name, strlen(t->name) + 1);
		int rc;
		while ((rc = db_step(st)) == DB_ROW) {
			for (int c = 0; c < t->ncols; c++) {
				char num[64];
				const char *v = num;
				char tag;
				if (db_col_is_null(st, c)) {
					tag = 'N';
					v = "";
				} else if (t->types[c] == DB_COL_INT) {
					tag = 'i';
					snprintf(num, sizeof(num), "%lld",
						 (long long)db_col_int(st, c));
					if (strcmp(db_col_text(st, c), num) != 0)
						fail_msg("%s.%s: '%s' is not an integer", t->name,
							 t->cols[c], db_col_text(st, c));
				} else if (t->types[c] == DB_COL_REAL) {
					tag = 'r';
					snprintf(num, sizeof(num), "%.17g", db_col_double(st, c));
				} else {
					tag = 't';
					v = db_col_text(st, c);
				}
				h = fnv(h, &tag, 1);
				h = fnv(h, v, strlen(v) + 1);
			}
			(*rows)++;
		}
		assert_int_equal(rc, DB_DONE);
		db_stmt_free(st);
	}
	db_tables_free(cat, ncat);
	db_close(db);
	return h;
}
