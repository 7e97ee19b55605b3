/*
 * Key energy users of a year (keyusers.h): the threshold from reference
 * data, one ledger load of the year, the facilities the caller may see
 * (with their unit on 31/12), a filter and a sort.  The lists of the
 * current data generation are kept per connection (DB_SLOT_KEYUSERS), by
 * year and scope: the list reads accepted reports, unit history and
 * reference data only, and every change to those bumps the generation.
 */
#include "model/analytics/keyusers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/msg.h"
#include "model/analytics/ledger.h"
#include "model/calc/exact.h"
#include "model/accounts/principal.h"
#include "model/accounts/scope.h"
#include "model/store.h"
#include "util/alloc.h"

/* The threshold row keyusers reads (data/thresholds.csv). */
static const char ku_code[] = "key_energy_user", ku_kind[] = "industrial";

static int
by_toe(const void *a, const void *b)
{
	const struct keyuser *x = a, *y = b;
	if (x->toe != y->toe)
		return (x->toe < y->toe) - (x->toe > y->toe);
	return strcmp(x->code, y->code);
}

static int
by_code(const void *a, const void *b)
{
	return strcmp(((const struct keyuser *)a)->code, ((const struct keyuser *)b)->code);
}

static void
fill(struct keyuser *k, const struct ledger_facility *f, const struct ledger_report *r,
     enum keyuser_status status)
{
	k->facility_id = r->facility_id;
	k->code = f->code;
	k->name = f->name;
	k->tax_code = f->tax_code;
	k->unit_name = f->district;
	k->sector_code = f->sector_code;
	k->toe = r->toe;
	k->ncarriers = r->ncarriers;
	k->carriers = r->carriers;
	k->incomplete = !r->toe_ok;
	k->status = status;
	k->toe_derived = r->toe - r->toe_legal;
	k->derived_only = 0;
	k->nerrors = r->nerrors;
	k->errors = r->errors;
}

/*
 * Loads into l->facilities (by id, for ledger_facility_find) the facilities
 * with a report of year that who may see, each with the unit it was in on
 * last (31/12 of year): the scope is applied in the statement.  Returns 0
 * or -1 with err.
 */
static int
ku_facilities(struct db *db, const struct principal *who, int year, const char *last,
	      struct ledger *l, char *err, size_t errsz)
{
	struct db_stmt *st = db_stmt(db, STMT_KEYUSERS_FACILITIES);
	if (scope_bind(st, who) != DB_OK || db_bind_text(st, 4, last) != DB_OK ||
	    db_bind_int(st, 5, year) != DB_OK) {
		db_reset(st);
		msg_both(err, errsz, MSG_IO_DB_ERROR, " (facility): %s", db_errmsg(db));
		return -1;
	}
	return ledger_facilities_read(db, st, l, err, errsz);
}

static int
ku_compute(struct db *db, const struct principal *who, int year, struct keyuser_list **out,
	   char *err, size_t errsz)
{
	struct keyuser_list *kl = xcalloc(1, sizeof(*kl));
	kl->refs = 1;
	char last[16], first[16];
	int rc = -1;
	*out = NULL;
	kl->year = year;

	struct db_stmt *st = db_stmt(db, STMT_ANALYTICS_THRESHOLD_GET);
	snprintf(last, sizeof(last), "%04d-12-31", year);
	snprintf(first, sizeof(first), "%04d-01-01", year);
	db_bind_text(st, 1, ku_code);
	db_bind_text(st, 2, ku_kind);
	db_bind_text(st, 3, last);
	db_bind_text(st, 4, first);
	int s = db_step(st);
	if (s == DB_DONE) {
		struct msg m;
		msg_init(&m, MSG_AN_NO_THRESHOLD, NULL);
		msg_plain(&m, year);
		msg_format(&m, MSG_BOTH, err, errsz);
		goto out;
	}
	if (s != DB_ROW)
		goto dberr;
	kl->threshold_toe = db_col_double(st, 0);
	char ref[256];
	snprintf(ref, sizeof(ref), "%s", db_col_text(st, 1));
	db_reset(st);

	if (ledger_load_product(db, year, year, 0, NULL, 1, &kl->ledger, err, errsz) < 0 ||
	    ku_facilities(db, who, year, last, kl->ledger, err, errsz) < 0)
		goto out;
	struct ledger *l = kl->ledger;
	kl->threshold_ref = arena_strdup(&l->mem, ref);
	int nall = l->nreports > 0 ? l->nreports : 1;
	kl->items = arena_alloc(&l->mem, (size_t)nall * sizeof(*kl->items));
	kl->unknown = arena_alloc(&l->mem, (size_t)nall * sizeof(*kl->unknown));
	for (int i = 0; i < l->nreports; i++) {
		const struct ledger_report *r = &l->reports[i];
		const struct ledger_facility *f = ledger_facility_find(l, r->facility_id);
		if (f == NULL) /* outside who's scope */
			continue;
		/* "từ 1.000 TOE trở lên": at least, to 10^-6 TOE (calc/exact.h) */
		if (calc_ge(r->toe, kl->threshold_toe)) {
			struct keyuser *k = &kl->items[kl->n++];
			fill(k, f, r, r->toe_ok ? KEYUSER_LISTED : KEYUSER_LISTED_INCOMPLETE);
			/* Without the derived factors' TOE it would not be listed. */
			k->derived_only = !calc_ge(r->toe_legal, kl->threshold_toe);
		} else if (!r->toe_ok) {
			fill(&kl->unknown[kl->nunknown++], f, r, KEYUSER_CANNOT_COMPUTE);
		}
	}
	if (kl->n > 1)
		qsort(kl->items, (size_t)kl->n, sizeof(*kl->items), by_toe);
	if (kl->nunknown > 1)
		qsort(kl->unknown, (size_t)kl->nunknown, sizeof(*kl->unknown), by_code);
	*out = kl;
	kl = NULL;
	rc = 0;
	goto out;
dberr:
	msg_both(err, errsz, MSG_IO_DB_ERROR, " (threshold): %s", db_errmsg(db));
out:
	keyusers_free(kl);
	return rc;
}

void
keyusers_free(struct keyuser_list *l)
{
	if (l == NULL || --l->refs > 0)
		return;
	ledger_free(l->ledger);
	free(l);
}

/* The lists of one connection for one data generation, by year and scope. */
#define KU_CACHE_MAX 8

struct ku_cache {
	int64_t generation;
	int n, next; /* entries in use; the one to replace next when full */
	struct ku_cache_entry {
		int year;
		int who;	      /* 0: no principal (the public) */
		struct principal key; /* email not compared */
		struct keyuser_list *l;
	} e[KU_CACHE_MAX];
};

static _Atomic long ku_computed;

long
keyusers_computed(void)
{
	return ku_computed;
}

static void
ku_cache_clear(struct ku_cache *c)
{
	for (int i = 0; i < c->n; i++)
		keyusers_free(c->e[i].l);
	c->n = c->next = 0;
}

static void
ku_cache_free(void *p)
{
	if (p != NULL) {
		ku_cache_clear(p);
		free(p);
	}
}

static int
ku_same_scope(const struct ku_cache_entry *e, const struct principal *who)
{
	if (who == NULL || !e->who)
		return who == NULL && !e->who;
	return e->key.user_id == who->user_id && e->key.role == who->role &&
	       e->key.unit_id == who->unit_id && e->key.facility_id == who->facility_id;
}

int
keyusers_list(struct db *db, const struct principal *who, int year, struct keyuser_list **out,
	      char *err, size_t errsz)
{
	int64_t gen;
	*out = NULL;
	if (store_generation(db, &gen) < 0) {
		msg_both(err, errsz, MSG_IO_DB_ERROR, " (generation): %s", db_errmsg(db));
		return -1;
	}
	struct ku_cache *c = db_slot_get(db, DB_SLOT_KEYUSERS);
	if (c == NULL) {
		c = xcalloc(1, sizeof(*c));
		db_slot_set(db, DB_SLOT_KEYUSERS, c, ku_cache_free);
	}
	if (c->generation != gen) {
		ku_cache_clear(c);
		c->generation = gen;
	}
	for (int i = 0; i < c->n; i++)
		if (c->e[i].year == year && ku_same_scope(&c->e[i], who)) {
			c->e[i].l->refs++;
			*out = c->e[i].l;
			return 0;
		}
	struct keyuser_list *l;
	if (ku_compute(db, who, year, &l, err, errsz) < 0)
		return -1;
	ku_computed++;
	struct ku_cache_entry *e;
	if (c->n < KU_CACHE_MAX) {
		e = &c->e[c->n++];
	} else {
		e = &c->e[c->next];
		c->next = (c->next + 1) % KU_CACHE_MAX;
		keyusers_free(e->l);
	}
	*e = (struct ku_cache_entry){.year = year, .who = who != NULL, .l = l};
	if (who != NULL) {
		e->key = *who;
		e->key.email = NULL;
	}
	l->refs++; /* the cache's and the caller's */
	*out = l;
	return 0;
}

static const char *const status_codes[KEYUSER__MAX] = {
    [KEYUSER_LISTED] = "key_user",
    [KEYUSER_LISTED_INCOMPLETE] = "key_user_incomplete",
    [KEYUSER_CANNOT_COMPUTE] = "cannot_compute",
};

const char *
keyusers_status_code(enum keyuser_status s)
{
	return (unsigned)s < KEYUSER__MAX ? status_codes[s] : "?";
}

int
keyusers_error_missing(const struct ledger_error *e)
{
	return strcmp(e->what, "factor") == 0 || strcmp(e->what, "unit") == 0;
}

char *
keyusers_missing(const struct keyuser *k, char *buf, size_t n)
{
	size_t len = 0;
	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (int e = 0; e < k->nerrors; e++) {
		const struct ledger_error *le = &k->errors[e];
		if (!keyusers_error_missing(le))
			continue;
		int w = snprintf(buf + len, n - len, "%s%s %s: %s", len > 0 ? "; " : "",
				 le->carrier, le->unit, le->what);
		if (w < 0 || (size_t)w >= n - len) {
			buf[len] = '\0'; /* what does not fit is left out whole */
			break;
		}
		len += (size_t)w;
	}
	return buf;
}
