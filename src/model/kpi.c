/*
 * The plan's indicators per year and per administrative unit (see kpi.h for
 * the rules).  The computation runs in three stages: load the plan's targets
 * and the reference tables it needs (units, products, TOE factors, admin
 * units); load facilities and reports (ordered by facility and year), then
 * energy lines and outputs with one plain scan each, attached to their
 * report through an id index and summed here (an SQL GROUP BY or ORDER BY
 * on them costs more than everything else together); then walk every
 * facility once, find its baseline, and add its years to the counters.
 * Factors are looked up once per (carrier, unit, year) and cached.
 */
#include "model/kpi.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/calc/energy.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/log.h"

/* The report fields the indicators read. */
enum cp_field { CPF_AWARE, CPF_STAFF, CPF_APPLIED, CPF__MAX };

/* Indicator table: code (as in plan_target.indicator), names, field. */
static const struct kpi_def {
	const char *code, *name_vi, *name_en;
	enum cp_field field;
	int saving; /* also needs the saving per unit of product */
} kpi_defs[KPI__MAX] = {
    [KPI_AWARE] = {"aware", "Nhận thức được lợi ích của SXSH", "Aware of the benefits of CP",
		   CPF_AWARE, 0},
    [KPI_CP_STAFF] = {"cp_staff", "Có nhân viên kỹ thuật kiêm nhiệm về SXSH",
		      "Have (part-time) CP technical staff", CPF_STAFF, 0},
    [KPI_APPLIES_CP] = {"applies_cp", "Áp dụng SXSH", "Apply CP", CPF_APPLIED, 0},
    [KPI_APPLIES_CP_SAVING] = {"applies_cp_saving",
			       "Áp dụng SXSH và tiết kiệm năng lượng trên đơn vị sản phẩm",
			       "Apply CP and save energy per unit of product", CPF_APPLIED, 1},
};

/* The plan_target indicator that gives the minimum saving. */
static const char kpi_saving_indicator[] = "saving_per_unit";

/* Tolerance, in percentage points, for a saving exactly at the minimum. */
#define KPI_SAVING_EPS 1e-9

/* ---- interned strings: a small open-addressing hash of string -> id ---- */

struct strtab {
	int *slots; /* cap entries: id + 1, 0 = empty */
	size_t cap;
	char **str; /* by id */
	int n, nalloc;
};

static uint32_t
str_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot of s: holding it, or the empty one where it would go. */
static size_t
strtab_slot(const struct strtab *t, const char *s)
{
	size_t i = str_hash(s) & (t->cap - 1);
	while (t->slots[i] != 0 && strcmp(t->str[t->slots[i] - 1], s) != 0)
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* The id of s, or -1 when s was never added. */
static int
strtab_find(const struct strtab *t, const char *s)
{
	if (t->cap == 0)
		return -1;
	size_t i = strtab_slot(t, s);
	return t->slots[i] - 1;
}

/* The id of s, adding a copy when new; ids count up from 0. */
static int
strtab_add(struct strtab *t, const char *s)
{
	if ((size_t)(t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		free(t->slots);
		t->slots = xcalloc(cap, sizeof(int));
		t->cap = cap;
		for (int id = 0; id < t->n; id++)
			t->slots[strtab_slot(t, t->str[id])] = id + 1;
	}
	size_t i = strtab_slot(t, s);
	if (t->slots[i] != 0)
		return t->slots[i] - 1;
	if (t->n == t->nalloc) {
		t->nalloc = t->nalloc ? t->nalloc * 2 : 32;
		t->str = xrealloc(t->str, (size_t)t->nalloc * sizeof(char *));
	}
	t->str[t->n] = xstrdup(s);
	t->slots[i] = t->n + 1;
	return t->n++;
}

static void
strtab_free(struct strtab *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->str[i]);
	free(t->str);
	free(t->slots);
}

/* ---- the loaded rows ---- */

struct kfac {
	int64_t id;
	int group;	    /* row in ctx.au of the unit it is counted under */
	int opened, closed; /* INT_MIN / INT_MAX when NULL */
	int rep0, nrep;	    /* its reports: ctx.reps[rep0 .. rep0 + nrep), by year */
};

struct krep {
	int64_t id;
	int fac; /* index in ctx.facs */
	int year;
	signed char cp[CPF__MAX]; /* 1, 0, -1 unknown */
	signed char energy;	  /* 0 no lines, 1 every line converted, -1 a factor missing */
	double toe;
	int out0, nout; /* ctx.outs[out0 .. out0 + nout) */
};

struct kout {
	int rep;     /* index in ctx.reps */
	int product; /* id in ctx.products (ids follow product code order) */
	double qty;  /* in the product's unit; NAN when the unit does not convert */
};

/* A report id and its index in ctx.reps, sorted by id for bsearch. */
struct krid {
	int64_t id;
	int rep;
};

/* A (carrier, unit) pair of energy lines and its factor for each year. */
struct kpair {
	char *carrier;
	int unit;			 /* index in ctx.units, -1 unknown */
	const struct calc_factor **fact; /* by year - ymin; NULL = none */
	const struct calc_unit **funit;	 /* the unit of fact[y] */
};

struct kctx {
	struct db *db;
	char *err;
	size_t errsz;

	struct calc_unit *units;
	int nunits;
	struct strtab unit_ids; /* code -> index in units */
	struct calc_factor *factors;
	int nfactors;

	int64_t *au_id;
	char **au_code, **au_name, **au_level;
	int64_t *au_parent; /* 0 when none */
	int nau;

	struct kfac *facs;
	int nfacs;
	struct krep *reps;
	int nreps, ymin, ymax;
	struct krid *rids; /* nreps entries, by id */
	int *rid_direct;   /* when ids are dense: rep index by id - rid_min, -1 none */
	int64_t rid_min, rid_span;
	struct kout *outs;
	int nouts, nalloc_outs;

	struct strtab products; /* code -> id; ids in code order */
	int *product_unit;	/* by product id: index in units, -1 unknown */
	struct strtab pair_ids;
	struct kpair *pairs;
	int npairs;
};

static void
kctx_free(struct kctx *c)
{
	for (int i = 0; i < c->nunits; i++) {
		free((char *)c->units[i].code);
		free((char *)c->units[i].dimension);
	}
	free(c->units);
	strtab_free(&c->unit_ids);
	for (int i = 0; i < c->nfactors; i++) {
		free((char *)c->factors[i].carrier);
		free((char *)c->factors[i].unit);
	}
	free(c->factors);
	for (int i = 0; i < c->nau; i++) {
		free(c->au_code[i]);
		free(c->au_name[i]);
		free(c->au_level[i]);
	}
	free(c->au_id);
	free(c->au_code);
	free(c->au_name);
	free(c->au_level);
	free(c->au_parent);
	free(c->facs);
	free(c->reps);
	free(c->rids);
	free(c->rid_direct);
	free(c->outs);
	strtab_free(&c->products);
	free(c->product_unit);
	strtab_free(&c->pair_ids);
	for (int i = 0; i < c->npairs; i++) {
		free(c->pairs[i].carrier);
		free(c->pairs[i].fact);
		free(c->pairs[i].funit);
	}
	free(c->pairs);
}

/* Writes "what: the database's message" into err and returns -1. */
static int
kctx_dberr(struct kctx *c, const char *what)
{
	snprintf(c->err, c->errsz, "lỗi cơ sở dữ liệu / database error (%s): %s", what,
		 db_errmsg(c->db));
	return -1;
}

/* Grows *p (of *cap elements of size sz) to hold at least n. */
static void
grow(void **p, int *cap, int n, size_t sz)
{
	if (n <= *cap)
		return;
	int nc = *cap ? *cap : 256;
	while (nc < n)
		nc *= 2;
	*p = xrealloc(*p, (size_t)nc * sz);
	*cap = nc;
}

/* An ISO date as yyyymmdd, or -1 when it is not one. */
static int
date_num(const char *iso)
{
	int y, m, d;
	if (parse_date(iso, &y, &m, &d) != 0)
		return -1;
	return y * 10000 + m * 100 + d;
}

/* ---- stage 1: plan and reference tables ---- */

static int
load_plan(struct kctx *c, const char *plan_code, struct kpi_result *r)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_PLAN_GET);
	if (st == NULL)
		return kctx_dberr(c, "plan");
	db_bind_text(st, 1, plan_code);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		snprintf(c->err, c->errsz, "kế hoạch không tồn tại / unknown plan: %s", plan_code);
		return -1;
	}
	if (rc != DB_ROW)
		return kctx_dberr(c, "plan");
	int64_t plan_id = db_col_int(st, 0);
	db_reset(st);

	st = db_stmt(c->db, STMT_KPI_PLAN_TARGETS);
	if (st == NULL)
		return kctx_dberr(c, "plan_target");
	db_bind_int(st, 1, plan_id);
	int seen_saving = 0, seen[KPI__MAX] = {0};
	while ((rc = db_step(st)) == DB_ROW) {
		/* Rows come latest by_year first: the first row of an indicator wins. */
		const char *ind = db_col_text(st, 0);
		if (strcmp(ind, kpi_saving_indicator) == 0 && !seen_saving) {
			r->min_saving_pct = db_col_double(st, 1);
			seen_saving = 1;
			continue;
		}
		for (int k = 0; k < KPI__MAX; k++) {
			if (seen[k] || strcmp(ind, kpi_defs[k].code) != 0)
				continue;
			struct kpi_series *s = &r->series[k];
			s->target_pct = db_col_double(st, 1);
			s->target_from = db_col_is_null(st, 3) ? 0 : (int)db_col_int(st, 3);
			s->target_by = (int)db_col_int(st, 4);
			seen[k] = 1;
		}
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "plan_target");
	return 0;
}

static int
load_units(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_UNITS);
	if (st == NULL)
		return kctx_dberr(c, "unit");
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		grow((void **)&c->units, &cap, c->nunits + 1, sizeof(*c->units));
		struct calc_unit *u = &c->units[c->nunits];
		u->code = xstrdup(db_col_text(st, 0));
		u->dimension = xstrdup(db_col_text(st, 1));
		u->to_base = db_col_double(st, 2);
		strtab_add(&c->unit_ids, u->code); /* ids follow insertion order */
		c->nunits++;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "unit");

	st = db_stmt(c->db, STMT_KPI_FACTORS);
	if (st == NULL)
		return kctx_dberr(c, "carrier_factor");
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int from = date_num(db_col_text(st, 3));
		int to = db_col_is_null(st, 4) ? 0 : date_num(db_col_text(st, 4));
		if (from < 0 || to < 0) {
			log_warn("kpi: carrier_factor %s/%s has a bad date; ignored",
				 db_col_text(st, 0), db_col_text(st, 1));
			continue;
		}
		grow((void **)&c->factors, &cap, c->nfactors + 1, sizeof(*c->factors));
		struct calc_factor *f = &c->factors[c->nfactors++];
		f->carrier = xstrdup(db_col_text(st, 0));
		f->unit = xstrdup(db_col_text(st, 1));
		f->toe_per_unit = db_col_double(st, 2);
		f->from = from;
		f->to = to;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "carrier_factor");

	st = db_stmt(c->db, STMT_KPI_PRODUCTS);
	if (st == NULL)
		return kctx_dberr(c, "product");
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int id = strtab_add(&c->products, db_col_text(st, 0));
		grow((void **)&c->product_unit, &cap, id + 1, sizeof(int));
		c->product_unit[id] = strtab_find(&c->unit_ids, db_col_text(st, 1));
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "product");
	return 0;
}

static int
load_admin_units(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_ADMIN_UNITS);
	if (st == NULL)
		return kctx_dberr(c, "admin_unit");
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int cap0 = cap;
		grow((void **)&c->au_id, &cap, c->nau + 1, sizeof(*c->au_id));
		if (cap != cap0) {
			c->au_code = xrealloc(c->au_code, (size_t)cap * sizeof(char *));
			c->au_name = xrealloc(c->au_name, (size_t)cap * sizeof(char *));
			c->au_level = xrealloc(c->au_level, (size_t)cap * sizeof(char *));
			c->au_parent = xrealloc(c->au_parent, (size_t)cap * sizeof(int64_t));
		}
		int i = c->nau++;
		c->au_id[i] = db_col_int(st, 0);
		c->au_code[i] = xstrdup(db_col_text(st, 1));
		c->au_name[i] = xstrdup(db_col_text(st, 2));
		c->au_level[i] = xstrdup(db_col_text(st, 3));
		c->au_parent[i] = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "admin_unit");
	return 0;
}

/* The row of admin unit id (rows are sorted by id), or -1. */
static int
au_row(const struct kctx *c, int64_t id)
{
	int lo = 0, hi = c->nau - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->au_id[mid] == id)
			return mid;
		if (c->au_id[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* The row a facility in unit row i is counted under: a commune's parent. */
static int
au_group(const struct kctx *c, int i)
{
	if (i >= 0 && strcmp(c->au_level[i], "commune") == 0 && c->au_parent[i] != 0) {
		int p = au_row(c, c->au_parent[i]);
		if (p >= 0)
			return p;
	}
	return i;
}

/* ---- stage 2: facilities, reports, energy, outputs ---- */

static int
load_facilities(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_FACILITIES);
	if (st == NULL)
		return kctx_dberr(c, "facility");
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		grow((void **)&c->facs, &cap, c->nfacs + 1, sizeof(*c->facs));
		struct kfac *f = &c->facs[c->nfacs++];
		f->id = db_col_int(st, 0);
		f->group = au_group(c, au_row(c, db_col_int(st, 1)));
		f->opened = db_col_is_null(st, 2) ? INT_MIN : (int)db_col_int(st, 2);
		f->closed = db_col_is_null(st, 3) ? INT_MAX : (int)db_col_int(st, 3);
		f->rep0 = f->nrep = 0;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "facility");
	return 0;
}

static signed char
tri(struct db_stmt *st, int col)
{
	if (db_col_is_null(st, col))
		return -1;
	return db_col_int(st, col) != 0;
}

static int
rid_cmp(const void *a, const void *b)
{
	const struct krid *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int
load_reports(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_REPORTS);
	if (st == NULL)
		return kctx_dberr(c, "report");
	int rc, cap = 0, fi = 0;
	c->ymin = INT_MAX;
	c->ymax = INT_MIN;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t fid = db_col_int(st, 1);
		/* Both lists are sorted by facility id: advance to this one. */
		while (fi < c->nfacs && c->facs[fi].id < fid)
			fi++;
		if (fi == c->nfacs || c->facs[fi].id != fid)
			continue; /* a report of no facility: cannot happen with foreign keys */
		grow((void **)&c->reps, &cap, c->nreps + 1, sizeof(*c->reps));
		struct krep *r = &c->reps[c->nreps];
		r->id = db_col_int(st, 0);
		r->fac = fi;
		r->year = (int)db_col_int(st, 2);
		r->cp[CPF_AWARE] = tri(st, 3);
		r->cp[CPF_STAFF] = tri(st, 4);
		r->cp[CPF_APPLIED] = tri(st, 5);
		r->energy = 0;
		r->toe = 0;
		r->out0 = r->nout = 0;
		if (c->facs[fi].nrep == 0)
			c->facs[fi].rep0 = c->nreps;
		c->facs[fi].nrep++;
		if (r->year < c->ymin)
			c->ymin = r->year;
		if (r->year > c->ymax)
			c->ymax = r->year;
		c->nreps++;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "report");
	c->rids = xmalloc((size_t)(c->nreps > 0 ? c->nreps : 1) * sizeof(*c->rids));
	for (int i = 0; i < c->nreps; i++)
		c->rids[i] = (struct krid){c->reps[i].id, i};
	qsort(c->rids, (size_t)c->nreps, sizeof(*c->rids), rid_cmp);
	/* Ids are usually dense: then a direct table beats a binary search. */
	if (c->nreps > 0) {
		c->rid_min = c->rids[0].id;
		c->rid_span = c->rids[c->nreps - 1].id - c->rid_min + 1;
		if (c->rid_span <= 4 * (int64_t)c->nreps + 1024) {
			c->rid_direct = xmalloc((size_t)c->rid_span * sizeof(int));
			memset(c->rid_direct, 0xff, (size_t)c->rid_span * sizeof(int));
			for (int i = 0; i < c->nreps; i++)
				c->rid_direct[c->rids[i].id - c->rid_min] = c->rids[i].rep;
		}
	}
	return 0;
}

/* The index in ctx.reps of report id, or -1. */
static int
rep_of(const struct kctx *c, int64_t id)
{
	if (c->rid_direct != NULL)
		return id >= c->rid_min && id - c->rid_min < c->rid_span
			   ? c->rid_direct[id - c->rid_min]
			   : -1;
	int lo = 0, hi = c->nreps - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->rids[mid].id == id)
			return c->rids[mid].rep;
		if (c->rids[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* The pair of (carrier, unit), with its factors for every report year. */
static struct kpair *
pair_get(struct kctx *c, const char *carrier, const char *unit)
{
	char key[256];
	size_t lc = strlen(carrier), lu = strlen(unit);
	if (lc + lu + 2 > sizeof(key)) /* codes are short; a longer one cannot match */
		lc = lu = 0;
	memcpy(key, carrier, lc);
	key[lc] = '\t';
	memcpy(key + lc + 1, unit, lu);
	key[lc + 1 + lu] = '\0';
	int id = strtab_find(&c->pair_ids, key);
	if (id >= 0)
		return &c->pairs[id];
	id = strtab_add(&c->pair_ids, key);
	c->pairs = xrealloc(c->pairs, (size_t)(id + 1) * sizeof(*c->pairs));
	c->npairs = id + 1;
	struct kpair *p = &c->pairs[id];
	p->carrier = xstrdup(carrier);
	p->unit = strtab_find(&c->unit_ids, unit);
	int ny = c->ymax - c->ymin + 1;
	p->fact = xcalloc((size_t)ny, sizeof(*p->fact));
	p->funit = xcalloc((size_t)ny, sizeof(*p->funit));
	for (int y = 0; p->unit >= 0 && y < ny; y++) {
		p->fact[y] =
		    calc_factor_pick(c->factors, (size_t)c->nfactors, carrier, &c->units[p->unit],
				     c->units, (size_t)c->nunits, c->ymin + y);
		if (p->fact[y] != NULL)
			p->funit[y] = calc_unit_find(c->units, (size_t)c->nunits, p->fact[y]->unit);
	}
	return p;
}

/* Adds every energy line's TOE to its report; a line without a factor marks it. */
static int
load_energy(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_ENERGY);
	if (st == NULL)
		return kctx_dberr(c, "report_energy");
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int i = rep_of(c, db_col_int(st, 0));
		if (i < 0)
			continue;
		struct krep *r = &c->reps[i];
		struct kpair *p = pair_get(c, db_col_text(st, 1), db_col_text(st, 2));
		int y = r->year - c->ymin;
		const struct calc_factor *f = p->unit >= 0 ? p->fact[y] : NULL;
		double toe;
		if (f == NULL || calc_toe(db_col_double(st, 3), &c->units[p->unit], p->funit[y],
					  f->toe_per_unit, &toe) != CALC_OK) {
			r->energy = -1;
			continue;
		}
		r->toe += toe;
		if (r->energy == 0)
			r->energy = 1;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "report_energy");
	return 0;
}

static int
out_cmp(const void *a, const void *b)
{
	const struct kout *x = a, *y = b;
	if (x->rep != y->rep)
		return (x->rep > y->rep) - (x->rep < y->rep);
	return (x->product > y->product) - (x->product < y->product);
}

/* Loads outputs in the product's unit, then groups them by report. */
static int
load_outputs(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_OUTPUTS);
	if (st == NULL)
		return kctx_dberr(c, "report_output");
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int i = rep_of(c, db_col_int(st, 0));
		int product = strtab_find(&c->products, db_col_text(st, 1));
		if (i < 0 || product < 0)
			continue; /* cannot happen with foreign keys */
		grow((void **)&c->outs, &c->nalloc_outs, c->nouts + 1, sizeof(*c->outs));
		struct kout *o = &c->outs[c->nouts++];
		o->rep = i;
		o->product = product;
		int from = strtab_find(&c->unit_ids, db_col_text(st, 3));
		int to = c->product_unit[product];
		if (calc_convert(db_col_double(st, 2), from >= 0 ? &c->units[from] : NULL,
				 to >= 0 ? &c->units[to] : NULL, &o->qty) != CALC_OK)
			o->qty = NAN;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "report_output");
	if (c->nouts > 0) /* qsort's base must not be NULL, even for 0 items */
		qsort(c->outs, (size_t)c->nouts, sizeof(*c->outs), out_cmp);
	for (int k = 0; k < c->nouts; k++) {
		struct krep *r = &c->reps[c->outs[k].rep];
		if (r->nout == 0)
			r->out0 = k;
		r->nout++;
	}
	return 0;
}

/* ---- stage 3: counting ---- */

static int
is_active(const struct kfac *f, int year)
{
	return f->opened <= year && f->closed > year;
}

/* The output of product in report r (in its unit), or NAN. */
static double
output_of(const struct kctx *c, const struct krep *r, int product)
{
	for (int i = 0; i < r->nout; i++)
		if (c->outs[r->out0 + i].product == product)
			return c->outs[r->out0 + i].qty;
	return NAN;
}

/* A facility's baseline: its report, main product and SEC. */
struct kbase {
	const struct krep *rep; /* NULL: none */
	int product;
	double sec;
};

static struct kbase
find_baseline(const struct kctx *c, const struct kfac *f)
{
	struct kbase b = {NULL, -1, NAN};
	for (int i = 0; i < f->nrep; i++) {
		const struct krep *r = &c->reps[f->rep0 + i];
		if (r->year < KPI_BASELINE_FROM || r->energy != 1 || !(r->toe > 0))
			continue;
		int best = -1;
		double q = 0;
		/* Outputs are by product code: ties keep the first code. */
		for (int k = 0; k < r->nout; k++) {
			const struct kout *o = &c->outs[r->out0 + k];
			if (isfinite(o->qty) && o->qty > q) {
				q = o->qty;
				best = o->product;
			}
		}
		if (best < 0)
			continue;
		b.rep = r;
		b.product = best;
		b.sec = calc_sec(r->toe, q);
		return b;
	}
	return b;
}

/* Saving per unit of product of r against the baseline, as a fraction, or NAN. */
static double
saving_of(const struct kctx *c, const struct kbase *b, const struct krep *r)
{
	if (b->rep == NULL || r->year <= b->rep->year || r->energy != 1)
		return NAN;
	double sec = calc_sec(r->toe, output_of(c, r, b->product));
	return calc_saving(b->sec, sec);
}

static void
add_value(struct kpi_value *v, int state)
{
	if (state < 0)
		return;
	v->known++;
	if (state > 0)
		v->yes++;
}

static void
finish_value(struct kpi_value *v)
{
	v->share = v->known > 0 ? (double)v->yes / (double)v->known : NAN;
	v->coverage = v->active > 0 ? (double)v->known / (double)v->active : NAN;
}

static void
count_all(struct kctx *c, struct kpi_result *res, const int *unit_of_group)
{
	for (int fi = 0; fi < c->nfacs; fi++) {
		const struct kfac *f = &c->facs[fi];
		struct kpi_unit_row *urow =
		    res->nunits > 0 && f->group >= 0 ? &res->units[unit_of_group[f->group]] : NULL;
		for (int y = res->first_year; y <= res->last_year; y++)
			if (is_active(f, y))
				for (int k = 0; k < KPI__MAX; k++)
					res->series[k].values[y - res->first_year].active++;
		if (urow != NULL && is_active(f, res->by_unit_year))
			for (int k = 0; k < KPI__MAX; k++)
				urow->v[k].active++;

		struct kbase base = find_baseline(c, f);
		for (int i = 0; i < f->nrep; i++) {
			const struct krep *r = &c->reps[f->rep0 + i];
			int in_range = r->year >= res->first_year && r->year <= res->last_year;
			int in_unit = urow != NULL && r->year == res->by_unit_year;
			if ((!in_range && !in_unit) || !is_active(f, r->year))
				continue;
			int state[KPI__MAX];
			for (int k = 0; k < KPI__MAX; k++) {
				state[k] = r->cp[kpi_defs[k].field];
				if (!kpi_defs[k].saving || state[k] != 1)
					continue;
				/* Applies CP: yes only with a saving >= the minimum. */
				double s = saving_of(c, &base, r);
				if (isnan(res->min_saving_pct)) {
					state[k] = -1;
				} else if (isnan(s)) {
					state[k] = -1;
					if (in_range)
						res->not_computable++;
				} else {
					state[k] =
					    s * 100.0 >= res->min_saving_pct - KPI_SAVING_EPS;
				}
			}
			for (int k = 0; k < KPI__MAX; k++) {
				if (in_range)
					add_value(&res->series[k].values[r->year - res->first_year],
						  state[k]);
				if (in_unit)
					add_value(&urow->v[k], state[k]);
			}
		}
	}
	for (int k = 0; k < KPI__MAX; k++) {
		for (int y = 0; y < res->nyears; y++)
			finish_value(&res->series[k].values[y]);
		for (int u = 0; u < res->nunits; u++)
			finish_value(&res->units[u].v[k]);
	}
}

/* Fills res->units with the units that have facilities; returns the group -> row map. */
static int *
make_units(struct kctx *c, struct kpi_result *res)
{
	int *map = xmalloc((size_t)(c->nau > 0 ? c->nau : 1) * sizeof(int));
	for (int i = 0; i < c->nau; i++)
		map[i] = -1;
	for (int fi = 0; fi < c->nfacs; fi++)
		if (c->facs[fi].group >= 0)
			map[c->facs[fi].group] = 0;
	for (int i = 0; i < c->nau; i++)
		if (map[i] == 0)
			map[i] = res->nunits++;
	res->units = xcalloc((size_t)(res->nunits > 0 ? res->nunits : 1), sizeof(*res->units));
	for (int i = 0; i < c->nau; i++) {
		if (map[i] < 0)
			continue;
		struct kpi_unit_row *u = &res->units[map[i]];
		u->unit_code = xstrdup(c->au_code[i]);
		u->unit_name = xstrdup(c->au_name[i]);
		for (int k = 0; k < KPI__MAX; k++)
			u->v[k].year = res->by_unit_year;
	}
	return map;
}

int
kpi_compute(struct db *db, const char *plan_code, int first_year, int last_year, int by_unit_year,
	    struct kpi_result **out, char *err, size_t errsz)
{
	struct kctx c = {.db = db, .err = err, .errsz = errsz};
	struct kpi_result *res = xcalloc(1, sizeof(*res));
	int *unit_map = NULL, rc = -1;
	*out = NULL;

	snprintf(res->plan_code, sizeof(res->plan_code), "%s", plan_code);
	res->first_year = first_year;
	res->last_year = last_year;
	res->nyears = last_year >= first_year ? last_year - first_year + 1 : 0;
	res->min_saving_pct = NAN;
	res->by_unit_year = by_unit_year;
	for (int k = 0; k < KPI__MAX; k++) {
		struct kpi_series *s = &res->series[k];
		s->ind = (enum kpi_indicator)k;
		s->code = kpi_defs[k].code;
		s->name_vi = kpi_defs[k].name_vi;
		s->name_en = kpi_defs[k].name_en;
		s->target_pct = NAN;
		if (res->nyears > 0) {
			s->values = xcalloc((size_t)res->nyears, sizeof(*s->values));
			for (int y = 0; y < res->nyears; y++)
				s->values[y].year = first_year + y;
		}
	}

	if (load_plan(&c, plan_code, res) < 0 || load_units(&c) < 0 || load_admin_units(&c) < 0 ||
	    load_facilities(&c) < 0)
		goto out;
	if (by_unit_year != 0)
		unit_map = make_units(&c, res);
	if (res->nyears > 0 || by_unit_year != 0) {
		if (load_reports(&c) < 0)
			goto out;
		if (c.nreps > 0 && (load_energy(&c) < 0 || load_outputs(&c) < 0))
			goto out;
	}
	count_all(&c, res, unit_map);
	*out = res;
	res = NULL;
	rc = 0;
out:
	free(unit_map);
	kctx_free(&c);
	kpi_result_free(res);
	return rc;
}

void
kpi_result_free(struct kpi_result *r)
{
	if (r == NULL)
		return;
	for (int k = 0; k < KPI__MAX; k++)
		free(r->series[k].values);
	for (int u = 0; u < r->nunits; u++) {
		free((char *)r->units[u].unit_code);
		free((char *)r->units[u].unit_name);
	}
	free(r->units);
	free(r);
}

int
kpi_year_range(struct db *db, int *first, int *last)
{
	*first = *last = -1;
	struct db_stmt *st = db_stmt(db, STMT_KPI_YEAR_RANGE);
	if (st == NULL)
		return -1;
	int rc = db_step(st), ok = -1;
	if (rc == DB_ROW && !db_col_is_null(st, 0) && !db_col_is_null(st, 1)) {
		*first = (int)db_col_int(st, 0);
		*last = (int)db_col_int(st, 1);
		ok = 0;
	}
	db_reset(st);
	return ok;
}

int
kpi_table_rows(struct db *db, struct kpi_table_count **out)
{
	struct kpi_table_count *counted = NULL, *res = NULL;
	int ncounted = 0, capc = 0, n = 0, capr = 0, rc, ret = -1;
	*out = NULL;

	struct db_stmt *st = db_stmt(db, STMT_STATS_ROWS);
	if (st == NULL)
		goto out;
	while ((rc = db_step(st)) == DB_ROW) {
		grow((void **)&counted, &capc, ncounted + 1, sizeof(*counted));
		snprintf(counted[ncounted].name, sizeof(counted[ncounted].name), "%s",
			 db_col_text(st, 0));
		counted[ncounted++].rows = db_col_int(st, 1);
	}
	if (rc != DB_DONE)
		goto out;

	st = db_stmt(db, STMT_STATS_TABLES);
	if (st == NULL)
		goto out;
	while ((rc = db_step(st)) == DB_ROW) {
		grow((void **)&res, &capr, n + 1, sizeof(*res));
		snprintf(res[n].name, sizeof(res[n].name), "%s", db_col_text(st, 0));
		res[n].rows = -1;
		for (int i = 0; i < ncounted; i++)
			if (strcmp(counted[i].name, res[n].name) == 0)
				res[n].rows = counted[i].rows;
		n++;
	}
	if (rc != DB_DONE)
		goto out;
	*out = res;
	res = NULL;
	ret = n;
out:
	if (ret < 0)
		log_err("kpi: table counts: %s", db_errmsg(db));
	free(counted);
	free(res);
	return ret;
}
