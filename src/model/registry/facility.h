/*
 * The public facility directory: a page of facilities matching a search and
 * filters, with the total count, and the option lists of the filters.  Only
 * public fields are read here (name, sector, administrative unit, ownership,
 * size); energy figures stay private.  Every string returned is allocated
 * from the caller's arena and lives as long as it.
 */
#ifndef SXSH_MODEL_FACILITY_H
#define SXSH_MODEL_FACILITY_H

#include <stdint.h>

#include "model/names.h"

struct arena;
struct db;

/*
 * Whether a facility is active in year: opened_year <= year <= closed_year,
 * a missing year (passed as 0) not limiting.  A facility that closes in
 * year Y worked part of Y, owes the report of Y and is counted in Y, by the
 * indicators (kpi.c) and the key-user list (keyusers.c, whose statement
 * applies the same test) alike; from Y + 1 on it is not
 * (docs/analytics.md, "Which facilities count").
 */
static inline int
facility_active_in(int opened_year, int closed_year, int year)
{
	return (opened_year == 0 || opened_year <= year) &&
	       (closed_year == 0 || closed_year >= year);
}

/* At most this many facilities per page. */
#define FACILITY_PAGE_MAX 200

/* What to list.  NULL fields are not filtered on. */
struct facility_filter {
	const char *q;	       /* search text as typed; folded here (diacritics, case) */
	const char *sector;    /* VSIC code; matches the code and every code under it */
	const char *unit;      /* admin_unit code; matches the unit and its direct children */
	const char *ownership; /* state|private|fdi|household|cooperative */
	const char *size;      /* micro|small|medium|large */
	int page;	       /* 1-based */
	int per_page;	       /* 1..FACILITY_PAGE_MAX */
};

struct facility_row {
	int64_t id;
	const char *name;
	const char *sector_code;
	const char *sector_vi, *sector_en;
	const char *unit_vi, *unit_en;
	const char *ownership; /* code */
	const char *size;      /* code */
};

struct facility_page {
	long total; /* facilities matching, over all pages */
	int page;   /* as asked */
	int pages;  /* ceil(total / per_page), at least 1 */
	int n;	    /* rows on this page */
	struct facility_row *rows;
};

/*
 * Lists one page of active facilities matching f, ordered by folded name.
 * A page past the end gives n = 0 with the right total.  Returns 0, or -1
 * on a storage error (logged).
 */
int facility_list(struct db *db, struct arena *a, const struct facility_filter *f,
		  struct facility_page *out);

/*
 * Called once per facility of facility_each, in the directory's order.  r
 * and its strings (id is 0) are valid only during the call: copy what must
 * outlive it.  Returns 0 to go on, anything else to stop.
 */
typedef int (*facility_row_fn)(void *ctx, const struct facility_row *r);

/*
 * Streams every active facility matching f (page and per_page ignored),
 * ordered as facility_list orders them, to fn(ctx, row).  Only the
 * folded search key is taken from a; rows are not kept, so a large
 * province costs no memory per row.  Returns 0, or -1 on a storage error
 * (logged) or when fn asked to stop.
 */
int facility_each(struct db *db, struct arena *a, const struct facility_filter *f,
		  facility_row_fn fn, void *ctx);

/*
 * The choices of the sector and unit filters, a code and its names each
 * (struct name of model/names.h): the sectors (VSIC divisions and below)
 * and the district-level units.  The fixed ownership and size choices are
 * names_ownership and names_size.
 */
int facility_sector_options(struct db *db, struct arena *a, struct name **out, int *n);
int facility_unit_options(struct db *db, struct arena *a, struct name **out, int *n);

#endif
