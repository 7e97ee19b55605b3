/*
 * Directory queries (see facility.h).  The search folds the query the way
 * facility.name_key was folded and matches it as a substring with LIKE; the
 * LIKE wildcards % and _ in the query are escaped so they match themselves.
 * Absent filters bind NULL, which the statements read as "any".
 */
#include "model/registry/facility.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/fold.h"
#include "util/log.h"

/* The folded query with \, % and _ escaped for LIKE ... ESCAPE '\'; NULL if empty. */
static char *
facility_like_key(struct arena *a, const char *q)
{
	if (q == NULL)
		return NULL;
	char *key = fold_key(q);
	char *out = NULL;
	if (key[0] != '\0') {
		out = arena_alloc(a, 2 * strlen(key) + 1);
		char *w = out;
		for (const char *p = key; *p; p++) {
			if (*p == '\\' || *p == '%' || *p == '_')
				*w++ = '\\';
			*w++ = *p;
		}
		*w = '\0';
	}
	free(key);
	return out;
}

static int
facility_bind_filter(struct db_stmt *st, const char *key, const struct facility_filter *f)
{
	if (db_bind_text(st, 1, key) != DB_OK || db_bind_text(st, 2, f->sector) != DB_OK ||
	    db_bind_text(st, 3, f->unit) != DB_OK || db_bind_text(st, 4, f->ownership) != DB_OK ||
	    db_bind_text(st, 5, f->size) != DB_OK)
		return -1;
	return 0;
}

int
facility_list(struct db *db, struct arena *a, const struct facility_filter *f,
	      struct facility_page *out)
{
	int rc = -1;
	memset(out, 0, sizeof(*out));
	out->page = f->page;
	const char *key = facility_like_key(a, f->q);

	struct db_stmt *st = db_stmt(db, STMT_FACILITY_COUNT);
	if (facility_bind_filter(st, key, f) < 0 || db_step(st) != DB_ROW)
		goto out;
	out->total = (long)db_col_int(st, 0);
	db_reset(st);
	out->pages = out->total == 0 ? 1 : (int)((out->total + f->per_page - 1) / f->per_page);

	st = db_stmt(db, STMT_FACILITY_LIST);
	if (facility_bind_filter(st, key, f) < 0 || db_bind_int(st, 6, f->per_page) != DB_OK ||
	    db_bind_int(st, 7, (int64_t)(f->page - 1) * f->per_page) != DB_OK)
		goto out;
	out->rows = arena_alloc(a, sizeof(*out->rows) * (size_t)f->per_page);
	int s;
	while ((s = db_step(st)) == DB_ROW && out->n < f->per_page) {
		struct facility_row *r = &out->rows[out->n++];
		r->id = db_col_int(st, 0);
		r->name = arena_strdup(a, db_col_text(st, 1));
		r->sector_code = arena_strdup(a, db_col_text(st, 2));
		r->sector_vi = arena_strdup(a, db_col_text(st, 3));
		r->sector_en = arena_strdup(a, db_col_text(st, 4));
		r->unit_vi = arena_strdup(a, db_col_text(st, 5));
		r->unit_en = arena_strdup(a, db_col_text(st, 6));
		r->ownership = arena_strdup(a, db_col_text(st, 7));
		r->size = arena_strdup(a, db_col_text(st, 8));
	}
	db_reset(st);
	if (s != DB_ROW && s != DB_DONE)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		log_err("facility_list: %s", db_errmsg(db));
	return rc;
}

int
facility_each(struct db *db, struct arena *a, const struct facility_filter *f, facility_row_fn fn,
	      void *ctx)
{
	const char *key = facility_like_key(a, f->q);
	struct db_stmt *st = db_stmt(db, STMT_FACILITY_LIST_ALL);
	if (facility_bind_filter(st, key, f) < 0) {
		log_err("facility_each: %s", db_errmsg(db));
		return -1;
	}
	int s = DB_DONE, stopped = 0;
	while (!stopped && (s = db_step(st)) == DB_ROW) {
		/* Column texts live until the next step: the callback sees them in place. */
		struct facility_row r = {
		    .name = db_col_text(st, 0),
		    .sector_code = db_col_text(st, 1),
		    .sector_vi = db_col_text(st, 2),
		    .sector_en = db_col_text(st, 3),
		    .unit_vi = db_col_text(st, 4),
		    .unit_en = db_col_text(st, 5),
		    .ownership = db_col_text(st, 6),
		    .size = db_col_text(st, 7),
		};
		stopped = fn(ctx, &r) != 0;
	}
	if (!stopped && s != DB_DONE)
		log_err("facility_each: %s", db_errmsg(db));
	db_reset(st);
	return stopped || s != DB_DONE ? -1 : 0;
}

static int
facility_options(struct db *db, enum stmt id, struct arena *a, struct name **out, int *n)
{
	struct db_stmt *st = db_stmt(db, id);
	*out = NULL;
	*n = 0;
	int cap = 0, s;
	while ((s = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			/* Arena memory cannot grow in place: copy to a bigger block. */
			int ncap = cap ? cap * 2 : 32;
			struct name *bigger = arena_alloc(a, sizeof(*bigger) * (size_t)ncap);
			if (*n > 0)
				memcpy(bigger, *out, sizeof(*bigger) * (size_t)*n);
			*out = bigger;
			cap = ncap;
		}
		struct name *o = &(*out)[(*n)++];
		o->code = arena_strdup(a, db_col_text(st, 0));
		o->name_vi = arena_strdup(a, db_col_text(st, 1));
		o->name_en = arena_strdup(a, db_col_text(st, 2));
	}
	if (s != DB_DONE)
		goto fail;
	return 0;
fail:
	log_err("facility options: %s", db_errmsg(db));
	return -1;
}

int
facility_sector_options(struct db *db, struct arena *a, struct name **out, int *n)
{
	return facility_options(db, STMT_FACILITY_SECTOR_OPTIONS, a, out, n);
}

int
facility_unit_options(struct db *db, struct arena *a, struct name **out, int *n)
{
	return facility_options(db, STMT_FACILITY_UNIT_OPTIONS, a, out, n);
}
