/*
 * The reviewer's desk's reads (review.h): names, the year before through
 * the ledger, the peers' range, the changes between two submissions, the
 * queue's unit picker and the letterhead's issuer.
 */
#include "model/reporting/review.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/scope.h"
#include "model/analytics/benchmark.h"
#include "model/analytics/ledger.h"
#include "util/arena.h"
#include "util/log.h"

/* ---- names ---- */

static const char *const rvw_table_names[RVW_TABLE__MAX] = {"product", "carrier", "unit"};

static int
rvw_name_cmp(const void *a, const void *b)
{
	const struct rvw_name *x = a, *y = b;
	if (x->table != y->table)
		return (int)x->table - (int)y->table;
	return strcmp(x->code, y->code);
}

int
rvw_names_load(struct db *db, struct arena *a, struct rvw_names *out)
{
	int cap = 0, rc;
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = db_stmt(db, STMT_REFDATA_NAMES);
	while ((rc = db_step(st)) == DB_ROW) {
		int t = -1;
		for (int i = 0; i < RVW_TABLE__MAX; i++)
			if (strcmp(db_col_text(st, 0), rvw_table_names[i]) == 0)
				t = i;
		if (t < 0)
			continue;
		if (out->n == cap) {
			cap = cap ? 2 * cap : 256;
			struct rvw_name *v = arena_alloc(a, (size_t)cap * sizeof(*v));
			if (out->n > 0)
				memcpy(v, out->v, (size_t)out->n * sizeof(*v));
			out->v = v;
		}
		struct rvw_name *nm = &out->v[out->n++];
		nm->table = (enum rvw_table)t;
		nm->code = arena_strdup(a, db_col_text(st, 1));
		nm->vi = arena_strdup(a, db_col_text(st, 2));
		nm->en = arena_strdup(a, db_col_text(st, 3));
	}
	if (rc != DB_DONE) {
		log_err("review names: %s", db_errmsg(db));
		return ST_ERR;
	}
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof(*out->v), rvw_name_cmp);
	return ST_OK;
}

const char *
rvw_name(const struct rvw_names *nm, enum rvw_table table, const char *code, int en)
{
	if (code == NULL || code[0] == '\0')
		return "";
	struct rvw_name key = {.table = table, .code = code};
	const struct rvw_name *hit =
	    nm->n > 0 ? bsearch(&key, nm->v, (size_t)nm->n, sizeof(*nm->v), rvw_name_cmp) : NULL;
	if (hit == NULL)
		return code;
	return en ? hit->en : hit->vi;
}

const char *
rvw_water_source(const char *code, int en)
{
	const struct name *nm = names_find(names_water, NAMES_WATER_N, code);
	if (nm != NULL)
		return en ? nm->name_en : nm->name_vi;
	return code != NULL ? code : "";
}

/* ---- the year before ---- */

/* The report with id in l, or NULL. */
static const struct ledger_report *
rvw_ledger_report(const struct ledger *l, int64_t id, int year)
{
	for (int i = 0; l != NULL && i < l->nreports; i++)
		if ((id == 0 || l->reports[i].report_id == id) && l->reports[i].year == year)
			return &l->reports[i];
	return NULL;
}

int
rvw_compare_load(struct db *db, const struct principal *who, const struct report *r,
		 struct rvw_compare *out)
{
	char err[256];
	memset(out, 0, sizeof(*out));
	int64_t fac = r->doc.facility_id;
	int rc = report_get_year(db, who, fac, r->doc.year - 1, &out->prev);
	if (rc == ST_NOTFOUND) {
		out->prev = NULL;
	} else if (rc != ST_OK) {
		goto fail;
	} else if (out->prev->doc.state != WF_ACCEPTED) {
		report_free(out->prev); /* only accepted figures are compared with */
		out->prev = NULL;
	}
	if (ledger_load_product(db, r->doc.year, r->doc.year, fac, NULL, 0, &out->led_cur, err,
				sizeof(err)) < 0)
		goto fail_led;
	out->cur = rvw_ledger_report(out->led_cur, r->doc.id, r->doc.year);
	if (out->prev != NULL) {
		if (ledger_load_product(db, r->doc.year - 1, r->doc.year - 1, fac, NULL, 1,
					&out->led_prev, err, sizeof(err)) < 0)
			goto fail_led;
		out->last = rvw_ledger_report(out->led_prev, out->prev->doc.id, r->doc.year - 1);
	}
	return ST_OK;
fail_led:
	log_err("review comparison: %s", err);
fail:
	rvw_compare_free(out);
	return ST_ERR;
}

void
rvw_compare_free(struct rvw_compare *c)
{
	report_free(c->prev);
	ledger_free(c->led_cur);
	ledger_free(c->led_prev);
	memset(c, 0, sizeof(*c));
}

double
rvw_change_pct(double now, double before)
{
	if (!isfinite(now) || !isfinite(before) || !(before > 0))
		return NAN;
	return (now - before) / before * 100.0;
}

int
rvw_change_flagged(double pct)
{
	return isfinite(pct) && fabs(pct) > RVW_FLAG_PCT;
}

int
rvw_peers_get(struct db *db, const char *product, int year, struct rvw_peers *out)
{
	memset(out, 0, sizeof(*out));
	out->min = out->q1 = out->median = out->q3 = out->max = out->norm = NAN;
	for (int y = year; y >= year - 1; y--) {
		char err[256];
		struct bench_result *b = NULL;
		if (bench_compute(db, product, y, &b, err, sizeof(err)) < 0) {
			log_err("review peers: %s", err);
			return ST_ERR;
		}
		if (b->npeers > 0) {
			out->year = y;
			out->npeers = b->npeers;
			out->enough = b->enough_peers;
			out->min = b->min;
			out->q1 = b->q1;
			out->median = b->median;
			out->q3 = b->q3;
			out->max = b->max;
			out->norm = b->norm;
			snprintf(out->energy_unit, sizeof(out->energy_unit), "%s",
				 b->energy_unit != NULL ? b->energy_unit : "");
			snprintf(out->per_unit, sizeof(out->per_unit), "%s",
				 b->per_unit != NULL ? b->per_unit : "");
			bench_result_free(b);
			return ST_OK;
		}
		bench_result_free(b);
	}
	return ST_OK;
}

/* ---- changes between two submissions ---- */

/* The key members of each line array of a report's JSON. */
static const struct {
	const char *section;
	const char *key[4];
	const char *item; /* the key member that names the line */
	const char *qty;  /* the quantity member */
} rvw_sections[] = {
    {"output", {"product", "unit"}, "product", "quantity"},
    {"energy", {"carrier", "unit", "month", "product"}, "carrier", "quantity"},
    {"water", {"source"}, "source", "quantity_m3"},
    {"material", {"name", "unit"}, "name", "quantity"},
};

/* Members that are not content. */
static int
rvw_meta(const char *k)
{
	static const char *const meta[] = {"id",    "facility_id", "year",
					   "state", "review_note", "version"};
	for (size_t i = 0; i < sizeof(meta) / sizeof(meta[0]); i++)
		if (strcmp(k, meta[i]) == 0)
			return 1;
	return 0;
}

static double
rvw_num(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static const char *
rvw_str(struct arena *a, const json_t *v)
{
	return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : "";
}

/* Whether lines x and y of section s have the same key. */
static int
rvw_same_key(int s, const json_t *x, const json_t *y)
{
	for (int i = 0; i < 4 && rvw_sections[s].key[i] != NULL; i++)
		if (!json_equal(json_object_get(x, rvw_sections[s].key[i]),
				json_object_get(y, rvw_sections[s].key[i])) &&
		    !(json_object_get(x, rvw_sections[s].key[i]) == NULL &&
		      json_is_null(json_object_get(y, rvw_sections[s].key[i]))) &&
		    !(json_is_null(json_object_get(x, rvw_sections[s].key[i])) &&
		      json_object_get(y, rvw_sections[s].key[i]) == NULL))
			return 0;
	return 1;
}

/* Appends a change (arena array grown by doubling). */
static struct rvw_change *
rvw_push(struct arena *a, struct rvw_change **v, int *n, int *cap)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		struct rvw_change *w = arena_alloc(a, (size_t)*cap * sizeof(*w));
		if (*n > 0)
			memcpy(w, *v, (size_t)*n * sizeof(*w));
		*v = w;
	}
	struct rvw_change *c = &(*v)[(*n)++];
	memset(c, 0, sizeof(*c));
	c->old_num = c->new_num = c->old_cost = c->new_cost = NAN;
	c->old_text = c->new_text = "";
	return c;
}

static void
rvw_line_key(struct arena *a, int s, const json_t *line, struct rvw_change *c)
{
	c->section = rvw_sections[s].section;
	c->type = 'n';
	c->item = rvw_str(a, json_object_get(line, rvw_sections[s].item));
	c->unit = rvw_str(a, json_object_get(line, "unit"));
	c->product = s == 1 ? rvw_str(a, json_object_get(line, "product")) : "";
	const json_t *m = json_object_get(line, "month");
	c->month = json_is_integer(m) ? (int)json_integer_value(m) : 0;
}

static void
rvw_diff_lines(struct arena *a, int s, const json_t *before, const json_t *after,
	       struct rvw_change **v, int *n, int *cap)
{
	size_t nb = json_array_size(before), na = json_array_size(after);
	char *used = calloc(nb + 1, 1);
	if (used == NULL)
		abort();
	const char *q = rvw_sections[s].qty;
	for (size_t j = 0; j < na; j++) {
		const json_t *y = json_array_get(after, j);
		size_t hit = nb;
		for (size_t i = 0; i < nb && hit == nb; i++)
			if (!used[i] && rvw_same_key(s, json_array_get(before, i), y))
				hit = i;
		if (hit == nb) {
			struct rvw_change *c = rvw_push(a, v, n, cap);
			rvw_line_key(a, s, y, c);
			c->what = RVW_ADDED;
			c->new_num = rvw_num(json_object_get(y, q));
			c->new_cost = rvw_num(json_object_get(y, "cost_vnd"));
			continue;
		}
		used[hit] = 1;
		const json_t *x = json_array_get(before, hit);
		double oq = rvw_num(json_object_get(x, q)), nq = rvw_num(json_object_get(y, q));
		double oc = rvw_num(json_object_get(x, "cost_vnd"));
		double nc = rvw_num(json_object_get(y, "cost_vnd"));
		int same_cost = (isnan(oc) && isnan(nc)) || oc == nc;
		if (oq == nq && same_cost)
			continue;
		struct rvw_change *c = rvw_push(a, v, n, cap);
		rvw_line_key(a, s, y, c);
		c->what = RVW_CHANGED;
		c->old_num = oq;
		c->new_num = nq;
		c->old_cost = oc;
		c->new_cost = nc;
	}
	for (size_t i = 0; i < nb; i++) {
		if (used[i])
			continue;
		const json_t *x = json_array_get(before, i);
		struct rvw_change *c = rvw_push(a, v, n, cap);
		rvw_line_key(a, s, x, c);
		c->what = RVW_REMOVED;
		c->old_num = rvw_num(json_object_get(x, q));
		c->old_cost = rvw_num(json_object_get(x, "cost_vnd"));
	}
	free(used);
}

/* A field's change: numbers, yes/no (booleans and 0/1 integers of cp_ and apply_ fields) or text.
 */
static void
rvw_diff_field(struct arena *a, const char *k, const json_t *x, const json_t *y,
	       struct rvw_change **v, int *n, int *cap)
{
	if (json_equal(x, y) || (x == NULL && json_is_null(y)) || (json_is_null(x) && y == NULL))
		return;
	struct rvw_change *c = rvw_push(a, v, n, cap);
	c->section = arena_strdup(a, k);
	c->what = x == NULL ? RVW_ADDED : y == NULL ? RVW_REMOVED : RVW_CHANGED;
	c->item = c->unit = c->product = "";
	if (json_is_string(x) || json_is_string(y)) {
		c->type = 's';
		c->old_text = rvw_str(a, x);
		c->new_text = rvw_str(a, y);
	} else {
		int yesno = strncmp(k, "cp_", 3) == 0 || strcmp(k, "apply_cp") == 0;
		c->type = yesno ? 'b' : 'n';
		c->old_num = json_is_boolean(x) ? json_is_true(x) : rvw_num(x);
		c->new_num = json_is_boolean(y) ? json_is_true(y) : rvw_num(y);
	}
}

int
rvw_diff(const char *before, const char *after, struct arena *a, struct rvw_change **out, int *n)
{
	*out = NULL;
	*n = 0;
	int cap = 0;
	json_error_t e;
	json_t *b = json_loads(before != NULL ? before : "", 0, &e);
	json_t *f = json_loads(after != NULL ? after : "", 0, &e);
	if (!json_is_object(b) || !json_is_object(f)) {
		json_decref(b);
		json_decref(f);
		log_err("review changes: a document does not parse");
		return ST_ERR;
	}
	/* Fields first, in the after document's (sorted) order, then what it lost. */
	const char *k;
	json_t *y;
	json_object_foreach(f, k, y)
	{
		if (rvw_meta(k) || json_is_array(y))
			continue;
		rvw_diff_field(a, k, json_object_get(b, k), y, out, n, &cap);
	}
	json_object_foreach(b, k, y)
	{
		if (rvw_meta(k) || json_is_array(y) || json_object_get(f, k) != NULL)
			continue;
		rvw_diff_field(a, k, y, NULL, out, n, &cap);
	}
	for (int s = 0; s < (int)(sizeof(rvw_sections) / sizeof(rvw_sections[0])); s++)
		rvw_diff_lines(a, s, json_object_get(b, rvw_sections[s].section),
			       json_object_get(f, rvw_sections[s].section), out, n, &cap);
	json_decref(b);
	json_decref(f);
	return ST_OK;
}

/* ---- the queue's unit picker and the letterhead ---- */

int
rvw_units(struct db *db, const struct principal *who, struct arena *a, struct rvw_unit **out,
	  int *n)
{
	int cap = 0, rc;
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_ADMIN_UNIT_PICK);
	db_bind_text(st, 1, scope_role_name(who));
	db_bind_int(st, 2, who != NULL ? who->unit_id : 0);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			struct rvw_unit *v = arena_alloc(a, (size_t)cap * sizeof(*v));
			if (*n > 0)
				memcpy(v, *out, (size_t)*n * sizeof(*v));
			*out = v;
		}
		struct rvw_unit *u = &(*out)[(*n)++];
		u->code = arena_strdup(a, db_col_text(st, 0));
		u->name = arena_strdup(a, db_col_text(st, 1));
		u->level = arena_strdup(a, db_col_text(st, 2));
		u->valid_to = arena_strdup(a, db_col_text(st, 3));
	}
	if (rc == DB_DONE)
		return ST_OK;
	log_err("review units: %s", db_errmsg(db));
	return ST_ERR;
}

int
rvw_sectors(struct db *db, struct arena *a, struct rvw_sector **out, int *n)
{
	int cap = 0, rc;
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_SECTOR_PICK);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			struct rvw_sector *v = arena_alloc(a, (size_t)cap * sizeof(*v));
			if (*n > 0)
				memcpy(v, *out, (size_t)*n * sizeof(*v));
			*out = v;
		}
		struct rvw_sector *x = &(*out)[(*n)++];
		x->code = arena_strdup(a, db_col_text(st, 0));
		x->vi = arena_strdup(a, db_col_text(st, 1));
		x->en = arena_strdup(a, db_col_text(st, 2));
		x->level = (int)db_col_int(st, 3);
	}
	if (rc == DB_DONE)
		return ST_OK;
	log_err("review sectors: %s", db_errmsg(db));
	return ST_ERR;
}

int
rvw_issuer(struct db *db, char *buf, size_t n)
{
	buf[0] = '\0';
	struct db_stmt *st = db_stmt(db, STMT_PLAN_DEFAULT_ISSUER);
	int rc = db_step(st);
	if (rc == DB_ROW)
		snprintf(buf, n, "%s", db_col_text(st, 0));
	if (rc == DB_ROW || rc == DB_DONE) {
		db_reset(st);
		return ST_OK;
	}
	log_err("review letterhead: %s", db_errmsg(db));
	return ST_ERR;
}
