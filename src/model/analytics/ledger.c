/*
 * The energy ledger (ledger.h).  Loading runs in three stages: the
 * reference tables (units, carriers, factors, grid factors, products,
 * norms), sorted by code so that lines find theirs by binary search; the
 * reports of the range, then their energy lines, outputs and monthly
 * outputs with one query each, grouped by report with a counting sort
 * (ordering them in SQL costs more than everything else); then one pass
 * per report that sums its lines.  A line is converted with coefficients
 * cached per (carrier, unit, year): calc_energy_line() of one unit, which
 * every quantity then scales, so the factor tables are searched once per
 * combination, not once per line.
 */
#include "model/analytics/ledger.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/msg.h"
#include "model/calc/energy.h"
#include "model/store.h"
#include "model/calc/exact.h"
#include "util/alloc.h"
#include "util/fmt.h"

/* A norm row with its unit multipliers worked out once. */
struct lnorm {
	int product;	   /* index in the product table */
	double bmin, bmax; /* NAN: open */
	int from, to;	   /* yyyymmdd; to 0 = open */
	double value;
	const char *eunit, *punit, *ref;
	double emult, omult; /* GJ -> eunit; product unit -> punit; NAN when they do not convert */
	int plant;	     /* the band bounds the plant's output of the product's class */
};

/* Per-unit conversion of one (carrier, unit, year). */
struct lcoef {
	double toe, gj, co2, bio, native;
	unsigned mask;
	int derived; /* the TOE factor is derived, not legal */
	int done;
};

/* An energy line, grouped by report (rep is the first member: see group()). */
struct lline {
	int rep;
	int raw;	  /* index in ctx.raw of an unknown unit or carrier code, -1 none */
	short c, u, prod; /* indexes; -1 unknown or none */
	signed char month;
	double qty;
};

struct lout {
	int rep;
	short prod;
	double qty; /* in the product's unit, NAN when its unit does not convert */
};

struct lmon {
	int rep;
	short prod;
	signed char month;
	double qty;
};

struct lrep {
	int64_t id, fac;
	int year;
};

struct lctx {
	struct db *db;
	struct ledger *l;
	char *err;
	size_t errsz;
	struct arena *strs; /* where keep() copies strings */
	int refs_shared;    /* the reference tables belong to a struct lrefs */

	struct calc_unit *units;
	int nunits;
	struct calc_carrier *carriers;
	const char **native; /* by carrier: native unit code */
	int ncarriers;
	struct calc_factor *factors;
	int *fderived; /* by factor: carrier_factor.toe_derived */
	int nfactors;
	struct calc_grid *grid;
	int ngrid;
	const char **pcode;
	const char **psector; /* by product: its VSIC class */
	int *punit;	      /* by product: index in units, -1 unknown */
	int nproducts;
	struct lnorm *norms;
	int nnorms;
	struct calc_tables tables;

	struct lrep *reps;
	int nreps;
	int64_t *ids; /* report ids sorted, with their index in reps */
	int *direct;  /* when ids are dense: index in reps by id - dmin, -1 none */
	int64_t dmin, dspan;
	int scan; /* read the line tables with plain scans (ledger_load_all) */
	struct lcoef *coef;
	const char **raw;
	int nraw;
	struct lline *lines;
	int nlines, *line0;
	struct lout *outs;
	int nouts, *out0;
	struct lmon *mons;
	int nmons, *mon0;
};

static int
dberr(struct lctx *c, const char *what)
{
	msg_both(c->err, c->errsz, MSG_IO_DB_ERROR, " (%s): %s", what, db_errmsg(c->db));
	return -1;
}

static int
unit_cmp(const void *a, const void *b)
{
	return strcmp(((const struct calc_unit *)a)->code, ((const struct calc_unit *)b)->code);
}

static int
carrier_cmp(const void *a, const void *b)
{
	return strcmp(((const struct calc_carrier *)a)->code,
		      ((const struct calc_carrier *)b)->code);
}

/* Index of code in a sorted array of n elements of size sz whose first member is the code. */
static int
find_code(const void *base, int n, size_t sz, const char *code)
{
	int lo = 0, hi = n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int r = strcmp(code, *(const char *const *)((const char *)base + (size_t)mid * sz));
		if (r == 0)
			return mid;
		if (r < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return -1;
}

static int
unit_idx(const struct lctx *c, const char *code)
{
	return find_code(c->units, c->nunits, sizeof(*c->units), code);
}

static int
carrier_idx(const struct lctx *c, const char *code)
{
	return find_code(c->carriers, c->ncarriers, sizeof(*c->carriers), code);
}

static int
product_idx(const struct lctx *c, const char *code)
{
	return find_code(c->pcode, c->nproducts, sizeof(*c->pcode), code);
}

static char *
keep(struct lctx *c, const char *s)
{
	return arena_strdup(c->strs, s);
}

/* ---- stage 1: reference tables ---- */

static int
load_units_carriers(struct lctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_UNITS);
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&c->units, &cap, c->nunits + 1, sizeof(*c->units));
		c->units[c->nunits++] = (struct calc_unit){
		    keep(c, db_col_text(st, 0)), keep(c, db_col_text(st, 1)), db_col_double(st, 2)};
	}
	if (rc != DB_DONE)
		return dberr(c, "unit");
	if (c->nunits > 0)
		qsort(c->units, (size_t)c->nunits, sizeof(*c->units), unit_cmp);

	st = db_stmt(c->db, STMT_LEDGER_CARRIERS);
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&c->carriers, &cap, c->ncarriers + 1, sizeof(*c->carriers));
		c->carriers[c->ncarriers++] =
		    (struct calc_carrier){keep(c, db_col_text(st, 0)), keep(c, db_col_text(st, 1)),
					  (int)db_col_int(st, 2)};
		/* The native unit rides in a parallel array, filled after sorting. */
	}
	if (rc != DB_DONE)
		return dberr(c, "carrier");
	if (c->ncarriers > 0)
		qsort(c->carriers, (size_t)c->ncarriers, sizeof(*c->carriers), carrier_cmp);
	c->native = xcalloc((size_t)c->ncarriers + 1, sizeof(*c->native));
	st = db_stmt(c->db, STMT_LEDGER_CARRIERS);
	while ((rc = db_step(st)) == DB_ROW) {
		int i = carrier_idx(c, db_col_text(st, 0));
		if (i >= 0)
			c->native[i] = keep(c, db_col_text(st, 3));
	}
	if (rc != DB_DONE)
		return dberr(c, "carrier");
	return 0;
}

static double
col_or_nan(struct db_stmt *st, int col)
{
	return db_col_is_null(st, col) ? NAN : db_col_double(st, col);
}

static int
load_factors(struct lctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_LEDGER_FACTORS);
	int rc, cap = 0, cap2 = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int from = date_num(db_col_text(st, 5));
		int to = db_col_is_null(st, 6) ? 0 : date_num(db_col_text(st, 6));
		if (from < 0 || to < 0)
			continue; /* refdata validates dates on load */
		xgrow((void **)&c->factors, &cap, c->nfactors + 1, sizeof(*c->factors));
		xgrow((void **)&c->fderived, &cap2, c->nfactors + 1, sizeof(*c->fderived));
		c->fderived[c->nfactors] = (int)db_col_int(st, 7);
		c->factors[c->nfactors++] = (struct calc_factor){
		    .carrier = keep(c, db_col_text(st, 0)),
		    .unit = keep(c, db_col_text(st, 1)),
		    .toe_per_unit = col_or_nan(st, 2),
		    .gj_per_unit = col_or_nan(st, 3),
		    .kgco2_per_unit = col_or_nan(st, 4),
		    .from = from,
		    .to = to,
		};
	}
	if (rc != DB_DONE)
		return dberr(c, "carrier_factor");

	st = db_stmt(c->db, STMT_LEDGER_GRID);
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&c->grid, &cap, c->ngrid + 1, sizeof(*c->grid));
		c->grid[c->ngrid++] =
		    (struct calc_grid){(int)db_col_int(st, 0), db_col_double(st, 1)};
	}
	if (rc != DB_DONE)
		return dberr(c, "grid_factor");
	return 0;
}

static int
load_products_norms(struct lctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_PRODUCTS); /* by code */
	int rc, cap = 0, cap2 = 0, cap3 = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&c->pcode, &cap, c->nproducts + 1, sizeof(*c->pcode));
		xgrow((void **)&c->punit, &cap2, c->nproducts + 1, sizeof(*c->punit));
		xgrow((void **)&c->psector, &cap3, c->nproducts + 1, sizeof(*c->psector));
		c->pcode[c->nproducts] = keep(c, db_col_text(st, 0));
		c->psector[c->nproducts] = keep(c, db_col_text(st, 2));
		c->punit[c->nproducts++] = unit_idx(c, db_col_text(st, 1));
	}
	if (rc != DB_DONE)
		return dberr(c, "product");

	st = db_stmt(c->db, STMT_LEDGER_NORMS);
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int p = product_idx(c, db_col_text(st, 0));
		int from = date_num(db_col_text(st, 3));
		int to = db_col_is_null(st, 4) ? 0 : date_num(db_col_text(st, 4));
		if (p < 0 || from < 0 || to < 0)
			continue;
		xgrow((void **)&c->norms, &cap, c->nnorms + 1, sizeof(*c->norms));
		struct lnorm *n = &c->norms[c->nnorms++];
		n->product = p;
		n->bmin = col_or_nan(st, 1);
		n->bmax = col_or_nan(st, 2);
		n->from = from;
		n->to = to;
		n->value = db_col_double(st, 5);
		n->eunit = keep(c, db_col_text(st, 6));
		n->punit = keep(c, db_col_text(st, 7));
		n->ref = keep(c, db_col_text(st, 8));
		n->plant = (int)db_col_int(st, 9);
		if (calc_from_gj(1.0, n->eunit, c->units, (size_t)c->nunits, &n->emult) != CALC_OK)
			n->emult = NAN;
		int pu = c->punit[p], nu = unit_idx(c, n->punit);
		if (calc_convert(1.0, pu >= 0 ? &c->units[pu] : NULL,
				 nu >= 0 ? &c->units[nu] : NULL, &n->omult) != CALC_OK)
			n->omult = NAN;
	}
	if (rc != DB_DONE)
		return dberr(c, "norm");
	c->tables =
	    (struct calc_tables){c->units,    (size_t)c->nunits,    c->factors, (size_t)c->nfactors,
				 c->carriers, (size_t)c->ncarriers, c->grid,	(size_t)c->ngrid};
	return 0;
}

/* ---- stage 2: reports and their rows ---- */

static void
bind_range(struct db_stmt *st, const struct ledger *l, int64_t facility, const char *product)
{
	db_bind_int(st, 1, l->first_year);
	db_bind_int(st, 2, l->last_year);
	db_bind_int(st, 3, facility);
	db_bind_text(st, 4, product);
}

static int
id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int
load_reports(struct lctx *c, int64_t facility, const char *product, int accepted_only)
{
	struct db_stmt *st = db_stmt(c->db, STMT_LEDGER_REPORTS);
	int rc, cap = 0;
	bind_range(st, c->l, facility, product);
	db_bind_int(st, 5, accepted_only);
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&c->reps, &cap, c->nreps + 1, sizeof(*c->reps));
		c->reps[c->nreps++] =
		    (struct lrep){db_col_int(st, 0), db_col_int(st, 1), (int)db_col_int(st, 2)};
	}
	if (rc != DB_DONE)
		return dberr(c, "report");
	/* ids[2i] = id, ids[2i+1] = index: sorted by id for the lookups below. */
	c->ids = xmalloc((size_t)(c->nreps + 1) * 2 * sizeof(int64_t));
	for (int i = 0; i < c->nreps; i++) {
		c->ids[2 * i] = c->reps[i].id;
		c->ids[2 * i + 1] = i;
	}
	if (c->nreps > 0)
		qsort(c->ids, (size_t)c->nreps, 2 * sizeof(int64_t), id_cmp);
	/* Ids are usually dense: then a direct table beats a binary search per line. */
	if (c->nreps > 0) {
		c->dmin = c->ids[0];
		c->dspan = c->ids[2 * (c->nreps - 1)] - c->dmin + 1;
		if (c->dspan <= 4 * (int64_t)c->nreps + 1024) {
			c->direct = xmalloc((size_t)c->dspan * sizeof(int));
			memset(c->direct, 0xff, (size_t)c->dspan * sizeof(int));
			for (int i = 0; i < c->nreps; i++)
				c->direct[c->ids[2 * i] - c->dmin] = (int)c->ids[2 * i + 1];
		}
	}
	return 0;
}

/* The index in reps of report id, or -1. */
static int
rep_of(const struct lctx *c, int64_t id)
{
	if (c->direct != NULL)
		return id >= c->dmin && id - c->dmin < c->dspan ? c->direct[id - c->dmin] : -1;
	int lo = 0, hi = c->nreps - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (c->ids[2 * mid] == id)
			return (int)c->ids[2 * mid + 1];
		if (c->ids[2 * mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * Groups n items of sz bytes (each starting with an int report index) by
 * report with a counting sort: replaces *items and returns start[], where
 * report r's items are [start[r], start[r + 1]).  The caller frees both.
 */
static int *
group(void **items, int n, size_t sz, int nreps)
{
	int *start = xcalloc((size_t)nreps + 2, sizeof(int));
	const char *src = *items;
	for (int i = 0; i < n; i++)
		start[*(const int *)(src + (size_t)i * sz) + 1]++;
	for (int r = 0; r < nreps; r++)
		start[r + 1] += start[r];
	int *pos = xmalloc(((size_t)nreps + 1) * sizeof(int));
	memcpy(pos, start, ((size_t)nreps + 1) * sizeof(int));
	char *dst = xmalloc((size_t)(n > 0 ? n : 1) * sz);
	for (int i = 0; i < n; i++) {
		int r = *(const int *)(src + (size_t)i * sz);
		memcpy(dst + (size_t)pos[r]++ * sz, src + (size_t)i * sz, sz);
	}
	free(pos);
	free(*items);
	*items = dst;
	return start;
}

/* The index of an unknown code kept for error messages. */
static int
raw_add(struct lctx *c, const char *s, int *cap)
{
	for (int i = 0; i < c->nraw; i++)
		if (strcmp(c->raw[i], s) == 0)
			return i;
	xgrow((void **)&c->raw, cap, c->nraw + 1, sizeof(*c->raw));
	c->raw[c->nraw] = keep(c, s);
	return c->nraw++;
}

static int
load_lines(struct lctx *c, int64_t facility, const char *product)
{
	struct db_stmt *st = db_stmt(c->db, c->scan ? STMT_LEDGER_ENERGY_SCAN : STMT_LEDGER_ENERGY);
	int rc, cap = 0, rawcap = 0;
	if (!c->scan)
		bind_range(st, c->l, facility, product);
	while ((rc = db_step(st)) == DB_ROW) {
		int r = rep_of(c, db_col_int(st, 0));
		if (r < 0)
			continue;
		xgrow((void **)&c->lines, &cap, c->nlines + 1, sizeof(*c->lines));
		struct lline *ln = &c->lines[c->nlines++];
		const char *carrier = db_col_text(st, 1), *unit = db_col_text(st, 2);
		ln->rep = r;
		ln->c = (short)carrier_idx(c, carrier);
		ln->u = (short)unit_idx(c, unit);
		ln->raw = -1;
		if (ln->c < 0)
			ln->raw = raw_add(c, carrier, &rawcap);
		else if (ln->u < 0)
			ln->raw = raw_add(c, unit, &rawcap);
		ln->qty = db_col_double(st, 3);
		ln->month = db_col_is_null(st, 4) ? 0 : (signed char)db_col_int(st, 4);
		ln->prod = db_col_is_null(st, 5) ? -1 : (short)product_idx(c, db_col_text(st, 5));
	}
	if (rc != DB_DONE)
		return dberr(c, "report_energy");
	c->line0 = group((void **)&c->lines, c->nlines, sizeof(*c->lines), c->nreps);

	st = db_stmt(c->db, c->scan ? STMT_LEDGER_OUTPUTS_SCAN : STMT_LEDGER_OUTPUTS);
	if (!c->scan)
		bind_range(st, c->l, facility, product);
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int r = rep_of(c, db_col_int(st, 0));
		int p = product_idx(c, db_col_text(st, 1));
		if (r < 0 || p < 0)
			continue;
		xgrow((void **)&c->outs, &cap, c->nouts + 1, sizeof(*c->outs));
		struct lout *o = &c->outs[c->nouts++];
		o->rep = r;
		o->prod = (short)p;
		int from = unit_idx(c, db_col_text(st, 3)), to = c->punit[p];
		if (calc_convert(db_col_double(st, 2), from >= 0 ? &c->units[from] : NULL,
				 to >= 0 ? &c->units[to] : NULL, &o->qty) != CALC_OK)
			o->qty = NAN;
	}
	if (rc != DB_DONE)
		return dberr(c, "report_output");
	c->out0 = group((void **)&c->outs, c->nouts, sizeof(*c->outs), c->nreps);

	st = db_stmt(c->db, c->scan ? STMT_LEDGER_OUTPUT_MONTHS_SCAN : STMT_LEDGER_OUTPUT_MONTHS);
	if (!c->scan)
		bind_range(st, c->l, facility, product);
	cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int r = rep_of(c, db_col_int(st, 0));
		int p = product_idx(c, db_col_text(st, 1));
		int m = (int)db_col_int(st, 2);
		if (r < 0 || p < 0 || m < 1 || m > 12)
			continue;
		xgrow((void **)&c->mons, &cap, c->nmons + 1, sizeof(*c->mons));
		c->mons[c->nmons++] =
		    (struct lmon){r, (short)p, (signed char)m, db_col_double(st, 3)};
	}
	if (rc != DB_DONE)
		return dberr(c, "report_output_month");
	c->mon0 = group((void **)&c->mons, c->nmons, sizeof(*c->mons), c->nreps);
	return 0;
}

/* ---- stage 3: one report ---- */

/* The coefficients of one (carrier, unit, year), computed on first use. */
static const struct lcoef *
coef_get(struct lctx *c, int ci, int ui, int year)
{
	int ny = c->l->last_year - c->l->first_year + 1;
	struct lcoef *k = &c->coef[((size_t)ci * (size_t)c->nunits + (size_t)ui) * (size_t)ny +
				   (size_t)(year - c->l->first_year)];
	if (k->done)
		return k;
	struct calc_energy e;
	k->mask =
	    calc_energy_line(&c->tables, c->carriers[ci].code, c->units[ui].code, 1.0, year, &e);
	k->toe = e.toe;
	k->gj = e.gj;
	/* Which TOE factor the line took, to tell a derived one from a legal one. */
	const struct calc_factor *f =
	    calc_factor_pick_for(c->factors, (size_t)c->nfactors, c->carriers[ci].code,
				 &c->units[ui], c->units, (size_t)c->nunits, year, CALC_M_TOE);
	k->derived = f != NULL && isfinite(e.toe) && c->fderived[f - c->factors];
	k->co2 = e.co2_t;
	k->bio = e.co2_bio_t;
	int nu = c->native[ci] != NULL ? unit_idx(c, c->native[ci]) : -1;
	if (calc_convert(1.0, &c->units[ui], nu >= 0 ? &c->units[nu] : NULL, &k->native) != CALC_OK)
		k->native = NAN;
	k->done = 1;
	return k;
}

/* The failure bits and the error word each stands for. */
static const struct {
	unsigned bit;
	const char *what;
} err_words[] = {
    {CALC_F_UNIT, "unit"}, {CALC_F_TOE, "factor"}, {CALC_F_GJ, "gj"},
    {CALC_F_GRID, "grid"}, {CALC_F_CO2, "co2"},
};

/* Scratch space reused by every report: per carrier and per product. */
struct lscratch {
	struct ledger_carrier *car;
	int *car_seen;
	double *p_out, *p_gj, *p_toe;
	int *p_seen, *p_list, *p_lines, np;
	struct ledger_error err[64];
	int nerr;
};

static void
add_error(struct lscratch *s, const char *carrier, const char *unit, int year, const char *what)
{
	for (int i = 0; i < s->nerr; i++)
		if (s->err[i].what == what && strcmp(s->err[i].carrier, carrier) == 0 &&
		    strcmp(s->err[i].unit, unit) == 0)
			return;
	if (s->nerr < (int)(sizeof(s->err) / sizeof(s->err[0])))
		s->err[s->nerr++] = (struct ledger_error){carrier, unit, year, what};
}

static void
touch_product(struct lscratch *s, int p)
{
	if (s->p_seen[p])
		return;
	s->p_seen[p] = 1;
	s->p_out[p] = 0; /* energy named for a product without output: SEC not computable */
	s->p_gj[p] = 0;
	s->p_toe[p] = 0;
	s->p_lines[p] = 0;
	s->p_list[s->np++] = p;
}

static int
int_cmp(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/*
 * The plant's yearly output of every product of p's VSIC class in the
 * report, in p's unit: what a norm with a plant band (TT 52/2018: seafood
 * plants of at least 300 t a year) is banded by.  Products of another
 * dimension (fish sauce in kL beside frozen shrimp in t) are left out.
 */
static double
plant_output(const struct lctx *c, const struct lscratch *s, int p)
{
	double sum = 0;
	int pu = c->punit[p];
	for (int i = 0; i < s->np; i++) {
		int q = s->p_list[i], qu = c->punit[q];
		double x;
		if (strcmp(c->psector[q], c->psector[p]) != 0 || !isfinite(s->p_out[q]) ||
		    calc_convert(s->p_out[q], qu >= 0 ? &c->units[qu] : NULL,
				 pu >= 0 ? &c->units[pu] : NULL, &x) != CALC_OK)
			continue;
		sum += x;
	}
	return sum;
}

/*
 * The norm of product p in year for its yearly output (or, for a norm
 * whose band is the plant's, the plant's output of p's class), or NULL.
 */
static const struct lnorm *
norm_pick(const struct lctx *c, int p, double output, double plant, int year)
{
	const struct lnorm *best = NULL;
	int first = year * 10000 + 101, last = year * 10000 + 1231;
	for (int i = 0; i < c->nnorms; i++) {
		const struct lnorm *n = &c->norms[i];
		if (n->product != p || n->from > last || (n->to != 0 && n->to < first))
			continue;
		double x = n->plant ? plant : output;
		/* [band_min, band_max), compared at 10^-6 (calc/exact.h) */
		if ((!isnan(n->bmin) && !calc_ge(x, n->bmin)) ||
		    (!isnan(n->bmax) && !calc_lt(x, n->bmax)))
			continue;
		if (best == NULL || n->from > best->from)
			best = n;
	}
	return best;
}

static void
fill_product(struct lctx *c, const struct lscratch *s, struct ledger_product *lp, int p, double out,
	     double gj, double toe, int year)
{
	int pu = c->punit[p];
	lp->product = c->pcode[p];
	lp->output = out;
	lp->unit = pu >= 0 ? c->units[pu].code : "";
	lp->energy_gj = gj;
	lp->energy_toe = toe;
	lp->sec_toe = calc_sec(toe, out);
	lp->sec_gj = calc_sec(gj, out);
	lp->sec = lp->sec_gj;
	lp->sec_energy_unit = "GJ";
	lp->sec_per_unit = lp->unit;
	lp->norm = NAN;
	lp->norm_ref = NULL;
	lp->norm_ratio = NAN;
	lp->meets = -1;
	const struct lnorm *n =
	    isfinite(out) ? norm_pick(c, p, out, plant_output(c, s, p), year) : NULL;
	if (n == NULL)
		return;
	lp->sec = calc_sec(gj * n->emult, out * n->omult);
	lp->sec_energy_unit = n->eunit;
	lp->sec_per_unit = n->punit;
	lp->norm = n->value;
	lp->norm_ref = n->ref;
	lp->norm_band_plant = n->plant;
	lp->norm_ratio = lp->sec / n->value;
	if (isfinite(lp->sec))
		lp->meets = calc_le(lp->sec, n->value);
}

/*
 * Whether report ri has a yearly line (no month) of ln's carrier and
 * product: then ln, a monthly line, is its detail and is not counted again
 * (docs/analytics.md; forms, API and import refuse months that do not add
 * up to the year).
 */
static int
has_year_line(const struct lctx *c, int ri, const struct lline *ln)
{
	for (int k = c->line0[ri]; k < c->line0[ri + 1]; k++) {
		const struct lline *y = &c->lines[k];
		if (y->month == 0 && y->c == ln->c && y->prod == ln->prod && y->u >= 0)
			return 1;
	}
	return 0;
}

static void
build_report(struct lctx *c, int ri, struct lscratch *s, struct ledger_report *r)
{
	const struct lrep *rp = &c->reps[ri];
	struct arena *mem = &c->l->mem;
	int month_bad[12] = {0};

	memset(r, 0, sizeof(*r));
	r->report_id = rp->id;
	r->facility_id = rp->fac;
	r->year = rp->year;
	r->toe_ok = r->gj_ok = r->co2_ok = 1;
	r->main_product = -1;
	for (int m = 0; m < 12; m++)
		r->month_gj[m] = r->month_out[m] = NAN;
	s->np = 0;
	s->nerr = 0;

	/* Outputs first: they decide the main product. */
	for (int k = c->out0[ri]; k < c->out0[ri + 1]; k++) {
		touch_product(s, c->outs[k].prod);
		s->p_out[c->outs[k].prod] = c->outs[k].qty;
	}
	int main_p = -1;
	double best = 0;
	for (int k = c->out0[ri]; k < c->out0[ri + 1]; k++) {
		const struct lout *o = &c->outs[k];
		if (isfinite(o->qty) && (o->qty > best || (o->qty == best && main_p >= 0 &&
							   o->prod < main_p && best > 0))) {
			best = o->qty;
			main_p = o->prod;
		}
	}

	double unassigned_gj = 0, unassigned_toe = 0;
	int ncar = 0, unassigned_lines = 0;
	for (int k = c->line0[ri]; k < c->line0[ri + 1]; k++) {
		const struct lline *ln = &c->lines[k];
		r->nlines++;
		if (ln->c < 0 || ln->u < 0) {
			const char *carrier = ln->c < 0 ? c->raw[ln->raw] : c->carriers[ln->c].code;
			const char *unit = ln->u < 0 ? c->raw[ln->raw] : c->units[ln->u].code;
			add_error(s, carrier, unit, r->year, ln->c < 0 ? "factor" : "unit");
			r->toe_ok = r->gj_ok = r->co2_ok = 0;
			if (ln->c >= 0 && s->car_seen[ln->c] == 0) {
				s->car_seen[ln->c] = 1;
				s->car[ln->c] = (struct ledger_carrier){
				    c->carriers[ln->c].code, 0, 0, 0, 0, 0, c->native[ln->c], 0, 0};
				ncar++;
			}
			if (ln->c >= 0) {
				struct ledger_carrier *lc = &s->car[ln->c];
				lc->qty_native = lc->toe = lc->gj = lc->co2_t = lc->co2_bio_t = NAN;
			}
			if (ln->month >= 1)
				month_bad[ln->month - 1] = 1;
			if (ln->prod >= 0) {
				touch_product(s, ln->prod);
				s->p_gj[ln->prod] = s->p_toe[ln->prod] = NAN;
				s->p_lines[ln->prod]++;
			} else {
				unassigned_gj = unassigned_toe = NAN;
				unassigned_lines++;
			}
			continue;
		}
		const struct lcoef *k1 = coef_get(c, ln->c, ln->u, r->year);
		for (size_t w = 0; w < sizeof(err_words) / sizeof(err_words[0]); w++)
			if (k1->mask & err_words[w].bit)
				add_error(s, c->carriers[ln->c].code, c->units[ln->u].code, r->year,
					  err_words[w].what);
		struct ledger_carrier *lc = &s->car[ln->c];
		if (!s->car_seen[ln->c]) {
			s->car_seen[ln->c] = 1;
			*lc = (struct ledger_carrier){c->carriers[ln->c].code, 0, 0, 0, 0, 0,
						      c->native[ln->c],	       0, 0};
			ncar++;
		}
		double q = ln->qty, gj = q * k1->gj;
		if (ln->month >= 1 && has_year_line(c, ri, ln)) {
			/* The detail of a yearly line: it feeds the monthly series only. */
			lc->monthly = 1;
			int m = ln->month - 1;
			if (isnan(r->month_gj[m]))
				r->month_gj[m] = 0;
			r->month_gj[m] += gj;
			if (!isfinite(gj))
				month_bad[m] = 1;
			continue;
		}
		lc->qty_native += q * k1->native;
		lc->toe += q * k1->toe;
		lc->gj += gj;
		lc->co2_t += q * k1->co2;
		lc->co2_bio_t += q * k1->bio;
		if (isfinite(k1->toe)) {
			r->toe += q * k1->toe;
			if (k1->derived)
				lc->toe_derived = 1;
			else
				r->toe_legal += q * k1->toe;
		} else {
			r->toe_ok = 0;
		}
		if (isfinite(gj))
			r->gj += gj;
		else
			r->gj_ok = 0;
		if (isfinite(k1->co2) && isfinite(k1->bio)) {
			r->co2_t += q * k1->co2;
			r->co2_bio_t += q * k1->bio;
		} else {
			r->co2_ok = 0;
		}
		if (ln->month >= 1) {
			lc->monthly = 1;
			int m = ln->month - 1;
			if (isnan(r->month_gj[m]))
				r->month_gj[m] = 0;
			r->month_gj[m] += gj;
			if (!isfinite(gj))
				month_bad[m] = 1;
		}
		double toe = q * k1->toe;
		if (ln->prod >= 0) {
			touch_product(s, ln->prod);
			s->p_gj[ln->prod] += gj;
			s->p_toe[ln->prod] += toe;
			s->p_lines[ln->prod]++;
		} else {
			unassigned_gj += gj;
			unassigned_toe += toe;
			unassigned_lines++;
		}
	}
	for (int m = 0; m < 12; m++)
		if (month_bad[m])
			r->month_gj[m] = NAN;
		else
			r->month_gj[m] = calc_exact(r->month_gj[m]);
	/* Sums kept to 10^-6 of their unit, as thresholds compare them (calc/exact.h). */
	r->toe = calc_exact(r->toe);
	r->gj = calc_exact(r->gj);
	r->co2_t = calc_exact(r->co2_t);
	r->co2_bio_t = calc_exact(r->co2_bio_t);
	unassigned_gj = calc_exact(unassigned_gj);
	unassigned_toe = calc_exact(unassigned_toe);
	if (r->nlines == 0 && c->out0[ri + 1] > c->out0[ri]) {
		/* Output without energy: the energy is missing, never 0 TOE. */
		r->energy_missing = 1;
		r->toe_ok = r->gj_ok = r->co2_ok = 0; /* the sums stay 0: read them only when ok */
	}

	/* Carriers, in code order. */
	r->carriers = arena_alloc(mem, (size_t)(ncar > 0 ? ncar : 1) * sizeof(*r->carriers));
	for (int ci = 0; ci < c->ncarriers && r->ncarriers < ncar; ci++)
		if (s->car_seen[ci]) {
			struct ledger_carrier *lc = &r->carriers[r->ncarriers++];
			*lc = s->car[ci];
			lc->qty_native = calc_exact(lc->qty_native);
			lc->toe = calc_exact(lc->toe);
			lc->gj = calc_exact(lc->gj);
			lc->co2_t = calc_exact(lc->co2_t);
			lc->co2_bio_t = calc_exact(lc->co2_bio_t);
			s->car_seen[ci] = 0;
		}

	/* Energy not named for a product goes to the main product. */
	if (main_p >= 0) {
		s->p_gj[main_p] += unassigned_gj;
		s->p_toe[main_p] += unassigned_toe;
		s->p_lines[main_p] += unassigned_lines;
	}
	if (s->np > 1)
		qsort(s->p_list, (size_t)s->np, sizeof(int), int_cmp);
	r->products = arena_alloc(mem, (size_t)(s->np > 0 ? s->np : 1) * sizeof(*r->products));
	for (int i = 0; i < s->np; i++) {
		int p = s->p_list[i];
		if (p == main_p)
			r->main_product = r->nproducts;
		/* No energy line at all: the energy is unknown, not zero. */
		double gj = calc_exact(s->p_gj[p]), toe = calc_exact(s->p_toe[p]);
		int nl = s->p_lines[p];
		/* No output at all: the first product named carries the unnamed energy. */
		if (main_p < 0 && i == 0 && s->p_out[p] > 0) {
			gj += unassigned_gj;
			toe += unassigned_toe;
			nl += unassigned_lines;
		}
		enum ledger_sec_why why = LEDGER_SEC_OK;
		if (r->nlines == 0)
			why = LEDGER_SEC_NO_LINES; /* the energy is unknown, not zero */
		else if (nl == 0)
			why = LEDGER_SEC_NO_ENERGY; /* nothing attributed to it: not zero either */
		else if (isnan(s->p_out[p]))
			why = LEDGER_SEC_OUTPUT_UNIT;
		else if (!(s->p_out[p] > 0))
			why = LEDGER_SEC_NO_OUTPUT;
		else if (!isfinite(gj))
			why = LEDGER_SEC_FACTOR;
		if (why == LEDGER_SEC_NO_LINES || why == LEDGER_SEC_NO_ENERGY)
			gj = toe = NAN;
		fill_product(c, s, &r->products[r->nproducts], p, s->p_out[p], gj, toe, r->year);
		r->products[r->nproducts].sec_why = why;
		if (why != LEDGER_SEC_OK) {
			struct ledger_product *lp = &r->products[r->nproducts];
			lp->sec = lp->sec_gj = lp->sec_toe = lp->norm_ratio = NAN;
			lp->meets = -1;
		}
		r->nproducts++;
		s->p_seen[p] = 0;
	}

	if (main_p >= 0)
		for (int k = c->mon0[ri]; k < c->mon0[ri + 1]; k++)
			if (c->mons[k].prod == main_p)
				r->month_out[c->mons[k].month - 1] = c->mons[k].qty;
	for (int m = 0; m < 12; m++)
		r->monthly_points += isfinite(r->month_gj[m]) && isfinite(r->month_out[m]);

	r->nerrors = s->nerr;
	r->errors = arena_alloc(mem, (size_t)(s->nerr > 0 ? s->nerr : 1) * sizeof(*r->errors));
	memcpy(r->errors, s->err, (size_t)s->nerr * sizeof(*r->errors));
}

/* The reference-table members of c (stage 1). */
static void
lctx_free_refs(struct lctx *c)
{
	free(c->units);
	free(c->carriers);
	free(c->native);
	free(c->factors);
	free(c->fderived);
	free(c->grid);
	free(c->pcode);
	free(c->psector);
	free(c->punit);
	free(c->norms);
}

static void
lctx_free(struct lctx *c)
{
	if (!c->refs_shared)
		lctx_free_refs(c);
	free(c->reps);
	free(c->ids);
	free(c->direct);
	free(c->coef);
	free(c->raw);
	free(c->lines);
	free(c->line0);
	free(c->outs);
	free(c->out0);
	free(c->mons);
	free(c->mon0);
}

/* Stage 3 for every report loaded into c. */
static void
build_reports(struct lctx *c)
{
	struct ledger *l = c->l;
	int ny = l->last_year - l->first_year + 1;
	c->coef = xcalloc((size_t)(c->ncarriers > 0 ? c->ncarriers : 1) *
			      (size_t)(c->nunits > 0 ? c->nunits : 1) * (size_t)ny,
			  sizeof(*c->coef));
	struct lscratch s = {0};
	s.car = xcalloc((size_t)c->ncarriers + 1, sizeof(*s.car));
	s.car_seen = xcalloc((size_t)c->ncarriers + 1, sizeof(int));
	s.p_out = xcalloc((size_t)c->nproducts + 1, sizeof(double));
	s.p_gj = xcalloc((size_t)c->nproducts + 1, sizeof(double));
	s.p_toe = xcalloc((size_t)c->nproducts + 1, sizeof(double));
	s.p_seen = xcalloc((size_t)c->nproducts + 1, sizeof(int));
	s.p_lines = xcalloc((size_t)c->nproducts + 1, sizeof(int));
	s.p_list = xcalloc((size_t)c->nproducts + 1, sizeof(int));
	l->reports =
	    arena_alloc(&l->mem, (size_t)(c->nreps > 0 ? c->nreps : 1) * sizeof(*l->reports));
	for (int i = 0; i < c->nreps; i++)
		build_report(c, i, &s, &l->reports[i]);
	l->nreports = c->nreps;
	free(s.car);
	free(s.car_seen);
	free(s.p_out);
	free(s.p_gj);
	free(s.p_toe);
	free(s.p_seen);
	free(s.p_lines);
	free(s.p_list);
}

/*
 * The reference tables of one connection for one data generation (stage
 * 1), kept in the connection's DB_SLOT_LEDGER_REFS: every ledger of that
 * generation on that connection shares them.  Reference data only changes
 * through writes that bump the generation (refdata_load, imports), so a
 * new generation loads them again.
 */
struct lrefs {
	_Atomic int refs; /* the connection's slot and each ledger built on them */
	int64_t generation;
	struct arena mem; /* their strings */
	struct lctx c;	  /* only the reference-table members are set */
};

static _Atomic long ref_loads;

/* Drops a reference; the last one frees the tables. */
static void
lrefs_unref(void *p)
{
	struct lrefs *r = p;
	if (r == NULL || --r->refs > 0)
		return;
	lctx_free_refs(&r->c);
	arena_free(&r->mem);
	free(r);
}

long
ledger_ref_loads(void)
{
	return ref_loads;
}

/* Points c's reference tables at those of db's current generation, loading them once. */
static int
load_tables(struct lctx *c)
{
	int64_t gen;
	if (store_generation(c->db, &gen) < 0)
		return dberr(c, "meta");
	struct lrefs *r = db_slot_get(c->db, DB_SLOT_LEDGER_REFS);
	if (r == NULL || r->generation != gen) {
		r = xcalloc(1, sizeof(*r));
		r->generation = gen;
		arena_init(&r->mem);
		r->c =
		    (struct lctx){.db = c->db, .err = c->err, .errsz = c->errsz, .strs = &r->mem};
		r->refs = 1; /* the slot's */
		if (load_units_carriers(&r->c) < 0 || load_factors(&r->c) < 0 ||
		    load_products_norms(&r->c) < 0) {
			lrefs_unref(r);
			return -1;
		}
		ref_loads++;
		db_slot_set(c->db, DB_SLOT_LEDGER_REFS, r, lrefs_unref);
	}
	/* The ledger's strings point into r: it holds r until ledger_free. */
	r->refs++;
	c->l->refs = r;
	struct lctx *rc = &r->c;
	c->units = rc->units;
	c->nunits = rc->nunits;
	c->carriers = rc->carriers;
	c->native = rc->native;
	c->ncarriers = rc->ncarriers;
	c->factors = rc->factors;
	c->fderived = rc->fderived;
	c->nfactors = rc->nfactors;
	c->grid = rc->grid;
	c->ngrid = rc->ngrid;
	c->pcode = rc->pcode;
	c->psector = rc->psector;
	c->punit = rc->punit;
	c->nproducts = rc->nproducts;
	c->norms = rc->norms;
	c->nnorms = rc->nnorms;
	c->tables = rc->tables;
	c->refs_shared = 1;
	return 0;
}

/* ledger_load_product, reading the line tables with plain scans when scan is set. */
static int
ledger_load_how(struct db *db, int first_year, int last_year, int64_t facility_id,
		const char *product, int accepted_only, int scan, struct ledger **out, char *err,
		size_t errsz)
{
	struct ledger *l = xcalloc(1, sizeof(*l));
	struct lctx c = {
	    .db = db, .l = l, .err = err, .errsz = errsz, .strs = &l->mem, .scan = scan};
	int rc = -1;
	*out = NULL;
	arena_init(&l->mem);
	l->first_year = first_year;
	l->last_year = last_year;
	if (last_year < first_year) {
		*out = l;
		return 0;
	}
	if (load_tables(&c) < 0 || load_reports(&c, facility_id, product, accepted_only) < 0 ||
	    load_lines(&c, facility_id, product) < 0)
		goto out;

	build_reports(&c);
	*out = l;
	l = NULL;
	rc = 0;
out:
	lctx_free(&c);
	ledger_free(l);
	return rc;
}

int
ledger_load_product(struct db *db, int first_year, int last_year, int64_t facility_id,
		    const char *product, int accepted_only, struct ledger **out, char *err,
		    size_t errsz)
{
	return ledger_load_how(db, first_year, last_year, facility_id, product, accepted_only, 0,
			       out, err, errsz);
}

int
ledger_load_all(struct db *db, int first_year, int last_year, int accepted_only,
		struct ledger **out, char *err, size_t errsz)
{
	return ledger_load_how(db, first_year, last_year, 0, NULL, accepted_only, 1, out, err,
			       errsz);
}

int
ledger_of_lines(struct db *db, int64_t facility_id, int year, struct ledger_line *lines, int nlines,
		const struct ledger_output *outs, int nouts, struct ledger **out, char *err,
		size_t errsz)
{
	struct ledger *l = xcalloc(1, sizeof(*l));
	struct lctx c = {.db = db, .l = l, .err = err, .errsz = errsz, .strs = &l->mem};
	int rc = -1, rawcap = 0;
	*out = NULL;
	arena_init(&l->mem);
	l->first_year = l->last_year = year;
	if (load_tables(&c) < 0)
		goto out;
	c.nreps = 1;
	c.reps = xcalloc(1, sizeof(*c.reps));
	c.reps[0] = (struct lrep){0, facility_id, year};
	c.lines = xcalloc((size_t)nlines + 1, sizeof(*c.lines));
	for (int i = 0; i < nlines; i++) {
		struct lline *ln = &c.lines[c.nlines++];
		ln->rep = 0;
		ln->c = (short)carrier_idx(&c, lines[i].carrier);
		ln->u = (short)unit_idx(&c, lines[i].unit);
		ln->raw = -1;
		if (ln->c < 0)
			ln->raw = raw_add(&c, lines[i].carrier, &rawcap);
		else if (ln->u < 0)
			ln->raw = raw_add(&c, lines[i].unit, &rawcap);
		ln->qty = lines[i].qty;
		ln->month = (signed char)lines[i].month;
		ln->prod = lines[i].product != NULL && lines[i].product[0] != '\0'
			       ? (short)product_idx(&c, lines[i].product)
			       : -1;
	}
	c.line0 = xcalloc(2, sizeof(int));
	c.line0[1] = c.nlines;
	c.outs = xcalloc((size_t)nouts + 1, sizeof(*c.outs));
	for (int i = 0; i < nouts; i++) {
		int p = product_idx(&c, outs[i].product);
		if (p < 0)
			continue;
		struct lout *o = &c.outs[c.nouts++];
		o->rep = 0;
		o->prod = (short)p;
		int from = unit_idx(&c, outs[i].unit), to = c.punit[p];
		if (calc_convert(outs[i].qty, from >= 0 ? &c.units[from] : NULL,
				 to >= 0 ? &c.units[to] : NULL, &o->qty) != CALC_OK)
			o->qty = NAN;
	}
	c.out0 = xcalloc(2, sizeof(int));
	c.out0[1] = c.nouts;
	c.mon0 = xcalloc(2, sizeof(int));
	build_reports(&c);
	/* Each line as it entered the sums: the same coefficients, line by line. */
	for (int i = 0; i < nlines; i++) {
		const struct lline *ln = &c.lines[i];
		struct ledger_line *li = &lines[i];
		li->toe = li->gj = NAN;
		li->fail = CALC_F_UNIT;
		if (ln->c < 0 || ln->u < 0) {
			li->fail = ln->c < 0 ? CALC_F_TOE | CALC_F_GJ | CALC_F_CO2 : CALC_F_UNIT;
			continue;
		}
		const struct lcoef *k = coef_get(&c, ln->c, ln->u, year);
		li->fail = k->mask;
		li->toe = ln->qty * k->toe;
		li->gj = ln->qty * k->gj;
	}
	*out = l;
	l = NULL;
	rc = 0;
out:
	lctx_free(&c);
	ledger_free(l);
	return rc;
}

int
ledger_load(struct db *db, int first_year, int last_year, int64_t facility_id, struct ledger **out,
	    char *err, size_t errsz)
{
	return ledger_load_product(db, first_year, last_year, facility_id, NULL, 0, out, err,
				   errsz);
}

void
ledger_free(struct ledger *l)
{
	if (l == NULL)
		return;
	lrefs_unref(l->refs);
	arena_free(&l->mem);
	free(l);
}

int
ledger_facilities_read(struct db *db, struct db_stmt *st, struct ledger *l, char *err, size_t errsz)
{
	int rc, cap = 0, n = 0;
	struct ledger_facility *f = NULL;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&f, &cap, n + 1, sizeof(*f));
		f[n++] = (struct ledger_facility){
		    db_col_int(st, 0),
		    arena_strdup(&l->mem, db_col_text(st, 1)),
		    arena_strdup(&l->mem, db_col_text(st, 2)),
		    arena_strdup(&l->mem, db_col_text(st, 3)),
		    arena_strdup(&l->mem, db_col_text(st, 4)),
		    arena_strdup(&l->mem, db_col_text(st, 5)),
		};
	}
	if (rc != DB_DONE) {
		db_reset(st);
		msg_both(err, errsz, MSG_IO_DB_ERROR, " (facility): %s", db_errmsg(db));
		free(f);
		return -1;
	}
	l->facilities = arena_alloc(&l->mem, (size_t)(n > 0 ? n : 1) * sizeof(*f));
	if (n > 0)
		memcpy(l->facilities, f, (size_t)n * sizeof(*f));
	l->nfacilities = n;
	free(f);
	return 0;
}

int
ledger_facilities(struct db *db, struct ledger *l, int64_t facility_id, char *err, size_t errsz)
{
	struct db_stmt *st = db_stmt(db, STMT_ANALYTICS_FACILITIES);
	db_bind_int(st, 1, facility_id);
	return ledger_facilities_read(db, st, l, err, errsz);
}

const struct ledger_facility *
ledger_facility_find(const struct ledger *l, int64_t id)
{
	int lo = 0, hi = l->nfacilities - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		if (l->facilities[mid].id == id)
			return &l->facilities[mid];
		if (l->facilities[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

const struct ledger_product *
ledger_report_product(const struct ledger_report *r, const char *product)
{
	for (int i = 0; i < r->nproducts; i++)
		if (strcmp(r->products[i].product, product) == 0)
			return &r->products[i];
	return NULL;
}

static const struct {
	const char *what;
	enum msg_id msg;
} error_msgs[] = {
    {"unit", MSG_LEDGER_UNIT}, {"factor", MSG_LEDGER_FACTOR}, {"gj", MSG_LEDGER_GJ},
    {"grid", MSG_LEDGER_GRID}, {"co2", MSG_LEDGER_CO2},
};

enum msg_id
ledger_error_msg(const char *what)
{
	for (size_t i = 0; i < sizeof(error_msgs) / sizeof(error_msgs[0]); i++)
		if (strcmp(error_msgs[i].what, what) == 0)
			return error_msgs[i].msg;
	return MSG_CALC_UNKNOWN;
}

const char *
ledger_error_text(const char *what)
{
	static _Thread_local char text[256];
	return msg_both(text, sizeof(text), ledger_error_msg(what), NULL);
}

enum msg_id
ledger_sec_msg(enum ledger_sec_why why)
{
	static const enum msg_id ids[] = {
	    [LEDGER_SEC_OK] = MSG_NONE,
	    [LEDGER_SEC_NO_LINES] = MSG_SEC_NO_LINES,
	    [LEDGER_SEC_NO_ENERGY] = MSG_SEC_NO_ENERGY,
	    [LEDGER_SEC_NO_OUTPUT] = MSG_SEC_NO_OUTPUT,
	    [LEDGER_SEC_FACTOR] = MSG_SEC_FACTOR,
	    [LEDGER_SEC_OUTPUT_UNIT] = MSG_SEC_OUTPUT_UNIT,
	};
	return (unsigned)why < sizeof(ids) / sizeof(ids[0]) ? ids[why] : MSG_NONE;
}
