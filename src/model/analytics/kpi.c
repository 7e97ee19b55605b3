/*
 * The plan's indicators per year and per breakdown (see kpi.h for the
 * rules).  The computation runs in three stages: load the plan's targets
 * and the reference tables it needs (units for materials, admin units,
 * sectors); load facilities with their dated unit history and reports
 * (ordered by facility and year), then the ledger of every accepted report
 * (analytics/ledger.h: the one place energy becomes TOE and GJ and outputs
 * become SEC per product) and the water and material lines with one plain
 * scan each, attached to their report through an id index (an SQL GROUP
 * BY or ORDER BY on them costs more than everything else together); then
 * walk every facility once, find its baseline, and add its years to the
 * counters.
 */
#include "model/analytics/kpi.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/msg.h"
#include "model/analytics/ledger.h"
#include "model/analytics/savings.h"
#include "model/calc/energy.h"
#include "model/calc/exact.h"
#include "model/registry/facility.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/fold.h"
#include "util/log.h"

/* The report fields the indicators read. */
enum cp_field { CPF_AWARE, CPF_STAFF, CPF_APPLIED, CPF_UNIT, CPF__MAX };

/* The sizes of KPI_CP_UNIT's population: medium and large enterprises (1419/QĐ-TTg). */
#define KPI_SIZES_MEDIUM_LARGE ((1u << SIZE_MEDIUM) | (1u << SIZE_LARGE))

/*
 * Indicator table: code (as in plan_target.indicator), names, field, the
 * population (sizes: a mask of enum val_size bits, 0 for every facility)
 * and the plan_target.scope_filter of its targets (NULL: none).
 */
static const struct kpi_def {
	const char *code, *name_vi, *name_en, *short_vi, *short_en;
	enum cp_field field;
	int saving; /* also needs the saving per unit of product */
	unsigned sizes;
	const char *scope;
} kpi_defs[KPI__MAX] = {
    [KPI_AWARE] = {"aware", "Nhận thức được lợi ích của SXSH", "Aware of the benefits of CP",
		   "Nhận thức về SXSH", "Aware of CP", CPF_AWARE, 0},
    [KPI_CP_STAFF] = {"cp_staff", "Có nhân viên kỹ thuật kiêm nhiệm về SXSH",
		      "Have (part-time) CP technical staff", "Có nhân viên SXSH", "Have CP staff",
		      CPF_STAFF, 0},
    [KPI_APPLIES_CP] = {"applies_cp", "Áp dụng SXSH", "Apply CP", "Áp dụng SXSH", "Apply CP",
			CPF_APPLIED, 0},
    [KPI_APPLIES_CP_SAVING] =
	{"applies_cp_saving",
	 "Áp dụng SXSH và tiết kiệm năng lượng, nguyên vật liệu trên đơn vị sản phẩm",
	 "Apply CP and save energy and materials per unit of product", "Áp dụng SXSH và tiết kiệm",
	 "Apply CP and save", CPF_APPLIED, 1},
    [KPI_CP_UNIT] = {"cp_unit", "Doanh nghiệp vừa và lớn có bộ phận chuyên trách về SXSH",
		     "Medium and large enterprises with a dedicated CP unit",
		     "Bộ phận SXSH (DN vừa, lớn)", "CP unit (medium, large)", CPF_UNIT, 0,
		     KPI_SIZES_MEDIUM_LARGE, "size=medium,large"},
};

/* Whether facility size index size (-1 unknown) is in indicator k's population. */
static int
in_population(int k, int size)
{
	unsigned m = kpi_defs[k].sizes;
	return m == 0 || (size >= 0 && (m & (1u << size)) != 0);
}

/* The plan_target indicator that gives the minimum saving. */
static const char kpi_saving_indicator[] = "saving_per_unit";
/* The plan_target indicator of the pilot models (kpi_result.pilots). */
static const char kpi_pilot_indicator[] = "pilot_models";

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
	int au;		      /* row in ctx.au of facility.admin_unit_id, -1 unknown */
	int key[KPI_BY__MAX]; /* group key of each breakdown but KPI_BY_UNIT, -1 unknown */
	int opened, closed;   /* 0 when NULL */
	int rep0, nrep;	      /* its reports: ctx.reps[rep0 .. rep0 + nrep), by year */
	int h0, nh;	      /* its dated unit history: ctx.hist[h0 .. h0 + nh) */
	int cp_from;	      /* evidence from an assessment: applies CP from this year; 0 none */
};

/* A dated facility_unit_history row. */
struct khist {
	int au;	      /* row in ctx.au */
	int from, to; /* yyyymmdd; 0 = open-ended */
};

/* An administrative unit. */
struct kau {
	int64_t id, parent, successor; /* 0 when none */
	char *code, *name, *name_en, *level;
	int from, to; /* yyyymmdd; 0 = open-ended */
};

struct krep {
	int64_t id;
	int fac; /* index in ctx.facs */
	int year;
	signed char cp[CPF__MAX];	 /* 1, 0, -1 unknown */
	const struct ledger_report *led; /* its energy and outputs in the ledger; NULL none */
	double water;			 /* m3, every source summed; 0 none reported */
	int mat0, nmat;			 /* ctx.mats[mat0 .. mat0 + nmat), by name */
};

/* One material line of a report, in the base unit of its dimension. */
struct kmat {
	int rep;  /* index in ctx.reps */
	int name; /* id in ctx.mat_names (folded name) */
	int dim;  /* index in ctx.units of a unit of its dimension (the dimension's id) */
	double qty;
};

/* A report id and its index in ctx.reps, sorted by id for bsearch. */
struct krid {
	int64_t id;
	int rep;
};

struct kctx {
	struct db *db;
	char *err;
	size_t errsz;

	/* Units convert material quantities only: energy and outputs come from the ledger. */
	struct calc_unit *units;
	int nunits;
	struct strtab unit_ids; /* code -> index in units */
	int *unit_dim;		/* by unit: the first unit of its dimension */

	struct kau *au; /* by id */
	int nau;
	struct strtab sector_ids; /* code -> row; rows in code order */
	char **sector_vi, **sector_en;
	int *sector_div; /* by row: the row of its division, or itself */
	struct khist *hist;
	int nhist;

	struct kfac *facs;
	int nfacs;
	struct krep *reps;
	int nreps, ymin, ymax;
	struct krid *rids; /* nreps entries, by id */
	int *rid_direct;   /* when ids are dense: rep index by id - rid_min, -1 none */
	int64_t rid_min, rid_span;
	struct ledger *ledger; /* every accepted report's energy and outputs */
	struct kmat *mats;
	int nmats, nalloc_mats;
	struct strtab mat_raw;	 /* material name as typed -> id */
	int *mat_folded;	 /* by raw id: id in mat_names */
	struct strtab mat_names; /* folded name -> id */
};

static void
kctx_free(struct kctx *c)
{
	for (int i = 0; i < c->nunits; i++) {
		free((char *)c->units[i].code);
		free((char *)c->units[i].dimension);
	}
	free(c->units);
	free(c->unit_dim);
	strtab_free(&c->unit_ids);
	for (int i = 0; i < c->nau; i++) {
		free(c->au[i].code);
		free(c->au[i].name);
		free(c->au[i].name_en);
		free(c->au[i].level);
	}
	free(c->au);
	for (int i = 0; i < c->sector_ids.n; i++) {
		free(c->sector_vi[i]);
		free(c->sector_en[i]);
	}
	free(c->sector_vi);
	free(c->sector_en);
	free(c->sector_div);
	strtab_free(&c->sector_ids);
	free(c->hist);
	free(c->facs);
	free(c->reps);
	free(c->rids);
	free(c->rid_direct);
	ledger_free(c->ledger);
	free(c->mats);
	strtab_free(&c->mat_raw);
	free(c->mat_folded);
	strtab_free(&c->mat_names);
}

/* Writes "what: the database's message" into err and returns -1. */
static int
kctx_dberr(struct kctx *c, const char *what)
{
	msg_both(c->err, c->errsz, MSG_IO_DB_ERROR, " (%s): %s", what, db_errmsg(c->db));
	return -1;
}

/* ---- stage 1: plan and reference tables ---- */

static int
load_plan(struct kctx *c, const char *plan_code, struct kpi_result *r)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_PLAN_GET);
	db_bind_text(st, 1, plan_code);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		msg_both(c->err, c->errsz, MSG_AN_UNKNOWN_PLAN, ": %s", plan_code);
		return -1;
	}
	if (rc != DB_ROW)
		return kctx_dberr(c, "plan");
	int64_t plan_id = db_col_int(st, 0);
	db_reset(st);

	st = db_stmt(c->db, STMT_KPI_PLAN_START);
	db_bind_text(st, 1, plan_code);
	int plan_start = 0;
	if (db_step(st) == DB_ROW && !db_col_is_null(st, 0))
		r->baseline_from = plan_start = (int)db_col_int(st, 0);
	db_reset(st);

	st = db_stmt(c->db, STMT_KPI_PLAN_TARGETS);
	db_bind_int(st, 1, plan_id);
	int seen_saving = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		/* Rows come latest by_year first: the first row of an indicator is its latest. */
		const char *ind = db_col_text(st, 0);
		const char *scope = db_col_is_null(st, 5) ? NULL : db_col_text(st, 5);
		if (strcmp(ind, kpi_pilot_indicator) == 0 && scope == NULL) {
			/* the latest row (rows come latest by_year first) */
			if (!isfinite(r->pilots.target)) {
				r->pilots.target = db_col_double(st, 1);
				r->pilots.from =
				    db_col_is_null(st, 3) ? plan_start : (int)db_col_int(st, 3);
				r->pilots.by = (int)db_col_int(st, 4);
			}
			continue;
		}
		if (strcmp(ind, kpi_saving_indicator) == 0 && scope == NULL) {
			if (!seen_saving)
				r->min_saving_pct = db_col_double(st, 1);
			seen_saving = 1;
			continue;
		}
		for (int k = 0; k < KPI__MAX; k++) {
			const char *want = kpi_defs[k].scope;
			if (strcmp(ind, kpi_defs[k].code) != 0 ||
			    (want == NULL) != (scope == NULL) ||
			    (want != NULL && strcmp(want, scope) != 0))
				continue;
			struct kpi_series *s = &r->series[k];
			if (s->ntargets == KPI_TARGETS_MAX) {
				log_warn("kpi: plan %s has more than %d targets for %s; the "
					 "earliest are ignored",
					 plan_code, KPI_TARGETS_MAX, ind);
				continue;
			}
			struct kpi_target *t = &s->targets[s->ntargets++];
			t->pct = db_col_double(st, 1);
			t->from = db_col_is_null(st, 3) ? plan_start : (int)db_col_int(st, 3);
			t->by = (int)db_col_int(st, 4);
			if (s->ntargets == 1) {
				s->target_pct = t->pct;
				s->target_from = t->from;
				s->target_by = t->by;
			}
		}
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "plan_target");
	return 0;
}

/* The unit table, for converting material quantities within their dimension. */
static int
load_units(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_UNITS);
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&c->units, &cap, c->nunits + 1, sizeof(*c->units));
		struct calc_unit *u = &c->units[c->nunits];
		u->code = xstrdup(db_col_text(st, 0));
		u->dimension = xstrdup(db_col_text(st, 1));
		u->to_base = db_col_double(st, 2);
		strtab_add(&c->unit_ids, u->code); /* ids follow insertion order */
		c->nunits++;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "unit");
	c->unit_dim = xmalloc((size_t)(c->nunits > 0 ? c->nunits : 1) * sizeof(int));
	for (int i = 0; i < c->nunits; i++) {
		c->unit_dim[i] = i;
		for (int k = 0; k < i; k++)
			if (strcmp(c->units[k].dimension, c->units[i].dimension) == 0) {
				c->unit_dim[i] = c->unit_dim[k];
				break;
			}
	}
	return 0;
}

static int
load_admin_units(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_ADMIN_UNITS);
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&c->au, &cap, c->nau + 1, sizeof(*c->au));
		struct kau *a = &c->au[c->nau++];
		a->id = db_col_int(st, 0);
		a->code = xstrdup(db_col_text(st, 1));
		a->name = xstrdup(db_col_text(st, 2));
		a->level = xstrdup(db_col_text(st, 3));
		a->parent = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
		a->name_en = xstrdup(db_col_text(st, 5));
		a->from = db_col_is_null(st, 6) ? 0 : date_num(db_col_text(st, 6));
		a->to = db_col_is_null(st, 7) ? 0 : date_num(db_col_text(st, 7));
		a->successor = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
		if (a->from < 0 || a->to < 0) {
			log_warn("kpi: admin_unit %s has a bad date; taken as open-ended", a->code);
			a->from = a->from < 0 ? 0 : a->from;
			a->to = a->to < 0 ? 0 : a->to;
		}
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
		if (c->au[mid].id == id)
			return mid;
		if (c->au[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/*
 * The row a facility in unit row i is counted under on date (yyyymmdd): a
 * commune's parent district, then the successor of a unit no longer valid
 * on that date (kpi.h).
 */
static int
au_group_at(const struct kctx *c, int i, int date)
{
	if (i < 0)
		return -1;
	if (strcmp(c->au[i].level, "commune") == 0 && c->au[i].parent != 0) {
		int p = au_row(c, c->au[i].parent);
		if (p >= 0 && strcmp(c->au[p].level, "district") == 0)
			i = p;
	}
	for (int hop = 0; hop < KPI_SUCCESSOR_HOPS; hop++) {
		const struct kau *a = &c->au[i];
		if (a->to == 0 || a->to >= date || a->successor == 0)
			break;
		int s = au_row(c, a->successor);
		if (s < 0)
			break;
		i = s;
	}
	return i;
}

/* Loads the sectors and maps each to its division (the row of its first two digits). */
static int
load_sectors(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_SECTORS);
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int cap0 = cap, id = strtab_add(&c->sector_ids, db_col_text(st, 0));
		xgrow((void **)&c->sector_div, &cap, id + 1, sizeof(int));
		if (cap != cap0) {
			c->sector_vi = xrealloc(c->sector_vi, (size_t)cap * sizeof(char *));
			c->sector_en = xrealloc(c->sector_en, (size_t)cap * sizeof(char *));
		}
		c->sector_vi[id] = xstrdup(db_col_text(st, 1));
		c->sector_en[id] = xstrdup(db_col_text(st, 2));
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "sector");
	for (int i = 0; i < c->sector_ids.n; i++) {
		const char *code = c->sector_ids.str[i];
		char div[3] = {code[0], code[0] ? code[1] : '\0', '\0'};
		int d = -1;
		if (code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9')
			d = strtab_find(&c->sector_ids, div);
		c->sector_div[i] = d >= 0 ? d : i;
	}
	return 0;
}

/* ---- stage 2: facilities, reports, energy, outputs ---- */

static int
load_facilities(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_FACILITIES);
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&c->facs, &cap, c->nfacs + 1, sizeof(*c->facs));
		struct kfac *f = &c->facs[c->nfacs++];
		f->id = db_col_int(st, 0);
		f->au = au_row(c, db_col_int(st, 1));
		f->opened = db_col_is_null(st, 2) ? 0 : (int)db_col_int(st, 2);
		f->closed = db_col_is_null(st, 3) ? 0 : (int)db_col_int(st, 3);
		int sec = strtab_find(&c->sector_ids, db_col_text(st, 4));
		f->key[KPI_BY_UNIT] = -1; /* depends on the year: facility_group */
		f->key[KPI_BY_CLASS] = sec;
		f->key[KPI_BY_SECTOR] = sec >= 0 ? c->sector_div[sec] : -1;
		f->key[KPI_BY_OWNERSHIP] =
		    names_index(names_ownership, OWN__MAX, db_col_text(st, 5));
		f->key[KPI_BY_SIZE] = names_index(names_size, SIZE__MAX, db_col_text(st, 6));
		f->rep0 = f->nrep = 0;
		f->h0 = f->nh = 0;
		f->cp_from = 0;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "facility");
	return 0;
}

/* Loads the dated unit history and attaches it to the facilities (both by facility id). */
static int
load_history(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_UNIT_HISTORY);
	int rc, cap = 0, fi = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t fid = db_col_int(st, 0);
		while (fi < c->nfacs && c->facs[fi].id < fid)
			fi++;
		if (fi == c->nfacs || c->facs[fi].id != fid)
			continue;
		int from = db_col_is_null(st, 2) ? 0 : date_num(db_col_text(st, 2));
		int to = db_col_is_null(st, 3) ? 0 : date_num(db_col_text(st, 3));
		int au = au_row(c, db_col_int(st, 1));
		if (from < 0 || to < 0 || au < 0) {
			log_warn("kpi: facility_unit_history of facility %lld has a bad date or "
				 "unit; ignored",
				 (long long)fid);
			continue;
		}
		xgrow((void **)&c->hist, &cap, c->nhist + 1, sizeof(*c->hist));
		c->hist[c->nhist] = (struct khist){au, from, to};
		if (c->facs[fi].nh == 0)
			c->facs[fi].h0 = c->nhist;
		c->facs[fi].nh++;
		c->nhist++;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "facility_unit_history");
	return 0;
}

/* The admin unit row f belonged to on date (yyyymmdd): its history row covering it, or its unit. */
static int
facility_unit_at(const struct kctx *c, const struct kfac *f, int date)
{
	for (int i = 0; i < f->nh; i++) {
		const struct khist *h = &c->hist[f->h0 + i];
		if ((h->from == 0 || h->from <= date) && (h->to == 0 || h->to >= date))
			return h->au;
	}
	return f->au;
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
		xgrow((void **)&c->reps, &cap, c->nreps + 1, sizeof(*c->reps));
		struct krep *r = &c->reps[c->nreps];
		r->id = db_col_int(st, 0);
		r->fac = fi;
		r->year = (int)db_col_int(st, 2);
		r->cp[CPF_AWARE] = tri(st, 3);
		r->cp[CPF_STAFF] = tri(st, 4);
		r->cp[CPF_APPLIED] = tri(st, 5);
		r->cp[CPF_UNIT] = tri(st, 6);
		r->led = NULL;
		r->water = 0;
		r->mat0 = r->nmat = 0;
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

/*
 * Loads the ledger of every accepted report (analytics/ledger.h: energy in
 * TOE and GJ, outputs and SEC per product, monthly points) and attaches
 * each of its reports to ours.  The indicators convert no energy
 * themselves: the saving is the ledger's.
 */
static int
load_ledger(struct kctx *c)
{
	if (ledger_load_all(c->db, c->ymin, c->ymax, 1, &c->ledger, c->err, c->errsz) < 0)
		return -1;
	for (int k = 0; k < c->ledger->nreports; k++) {
		int i = rep_of(c, c->ledger->reports[k].report_id);
		if (i >= 0)
			c->reps[i].led = &c->ledger->reports[k];
	}
	return 0;
}

/*
 * Loads the evidence of CP assessments (kpi.h): per facility, the year of
 * the earliest implemented option of an accepted or sustaining assessment.
 */
static int
load_evidence(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_MEASURED_EVIDENCE);
	int rc, fi = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t fid = db_col_int(st, 0);
		/* Both lists are sorted by facility id. */
		while (fi < c->nfacs && c->facs[fi].id < fid)
			fi++;
		const char *on = db_col_is_null(st, 1) ? "" : db_col_text(st, 1);
		if (fi < c->nfacs && c->facs[fi].id == fid && strlen(on) >= 4)
			c->facs[fi].cp_from = atoi(on);
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "assessment");
	return 0;
}

/*
 * The plan's pilot models (kpi.h): assessments with pilot = 1 accepted or
 * sustaining, by the year of accepted_on, against the target r->pilots.
 */
static int
load_pilots(struct kctx *c, struct kpi_result *r)
{
	struct kpi_pilots *p = &r->pilots;
	if (r->nyears > 0)
		p->cum = xcalloc((size_t)r->nyears, sizeof(*p->cum));
	struct db_stmt *st = db_stmt(c->db, STMT_MEASURED_PILOTS);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int y = atoi(db_col_text(st, 0));
		p->total++;
		if (isfinite(p->target) && y <= p->by)
			p->at_by++;
		for (int i = 0; i < r->nyears; i++)
			p->cum[i] += y <= r->first_year + i;
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "assessment");
	p->met = isfinite(p->target) ? calc_ge((double)p->at_by, p->target) : -1;
	return 0;
}

/* Sums every water line (m3) into its report. */
static int
load_water(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_WATER);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int i = rep_of(c, db_col_int(st, 0));
		if (i >= 0)
			c->reps[i].water += db_col_double(st, 1);
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "report_water");
	return 0;
}

static int
mat_cmp(const void *a, const void *b)
{
	const struct kmat *x = a, *y = b;
	if (x->rep != y->rep)
		return (x->rep > y->rep) - (x->rep < y->rep);
	if (x->name != y->name)
		return (x->name > y->name) - (x->name < y->name);
	return (x->dim > y->dim) - (x->dim < y->dim);
}

/*
 * Loads the material lines, each named by its folded name (util/fold.h:
 * case, diacritics and spacing do not tell two materials apart) and
 * converted to the base unit of its dimension, summed per (report, name,
 * dimension) and grouped by report.  A line whose unit is unknown is left
 * out (report.c refuses it).
 */
static int
load_materials(struct kctx *c)
{
	struct db_stmt *st = db_stmt(c->db, STMT_KPI_MATERIALS);
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		int i = rep_of(c, db_col_int(st, 0));
		int u = strtab_find(&c->unit_ids, db_col_text(st, 3));
		if (i < 0 || u < 0)
			continue;
		int raw = strtab_add(&c->mat_raw, db_col_text(st, 1));
		if (raw >= cap) {
			int cap0 = cap;
			xgrow((void **)&c->mat_folded, &cap, raw + 1, sizeof(int));
			for (int k = cap0; k < cap; k++)
				c->mat_folded[k] = -1;
		}
		if (c->mat_folded[raw] < 0) {
			char *key = fold_key(db_col_text(st, 1));
			c->mat_folded[raw] = strtab_add(&c->mat_names, key);
			free(key);
		}
		xgrow((void **)&c->mats, &c->nalloc_mats, c->nmats + 1, sizeof(*c->mats));
		c->mats[c->nmats++] = (struct kmat){i, c->mat_folded[raw], c->unit_dim[u],
						    db_col_double(st, 2) * c->units[u].to_base};
	}
	if (rc != DB_DONE)
		return kctx_dberr(c, "report_material");
	if (c->nmats > 0)
		qsort(c->mats, (size_t)c->nmats, sizeof(*c->mats), mat_cmp);
	int n = 0; /* merge the lines of one (report, name, dimension) */
	for (int k = 0; k < c->nmats; k++) {
		if (n > 0 && mat_cmp(&c->mats[n - 1], &c->mats[k]) == 0)
			c->mats[n - 1].qty += c->mats[k].qty;
		else
			c->mats[n++] = c->mats[k];
	}
	c->nmats = n;
	for (int k = 0; k < c->nmats; k++) {
		struct krep *r = &c->reps[c->mats[k].rep];
		if (r->nmat == 0)
			r->mat0 = k;
		r->nmat++;
	}
	return 0;
}

/* ---- stage 3: counting ---- */

static int
is_active(const struct kfac *f, int year)
{
	return facility_active_in(f->opened, f->closed, year);
}

/* A facility's baseline: its report and main product. */
struct kbase {
	const struct krep *rep; /* NULL: none */
	const char *product;	/* the ledger's main product of the baseline report */
	double output;		/* its output there, in the product's unit */
};

/*
 * The baseline: the facility's first report from baseline_from on whose
 * main product has a SEC the ledger computes (energy complete, attributed
 * and output > 0).
 */
static struct kbase
find_baseline(const struct kctx *c, const struct kfac *f, int baseline_from)
{
	struct kbase b = {NULL, NULL, NAN};
	for (int i = 0; i < f->nrep; i++) {
		const struct krep *r = &c->reps[f->rep0 + i];
		const struct ledger_report *l = r->led;
		if (r->year < baseline_from || l == NULL || l->main_product < 0)
			continue;
		const struct ledger_product *p = &l->products[l->main_product];
		if (!isfinite(p->sec_gj) || !(p->output > 0))
			continue;
		b.rep = r;
		b.product = p->product;
		b.output = p->output;
		return b;
	}
	return b;
}

/*
 * The baseline of an assessment's evidence: the facility's last report of
 * a year before year whose main product has a SEC the ledger computes.
 */
static struct kbase
baseline_before(const struct kctx *c, const struct kfac *f, int year)
{
	struct kbase b = {NULL, NULL, NAN};
	for (int i = 0; i < f->nrep; i++) {
		const struct krep *r = &c->reps[f->rep0 + i];
		const struct ledger_report *l = r->led;
		if (r->year >= year || l == NULL || l->main_product < 0)
			continue;
		const struct ledger_product *p = &l->products[l->main_product];
		if (!isfinite(p->sec_gj) || !(p->output > 0))
			continue;
		b.rep = r;
		b.product = p->product;
		b.output = p->output;
	}
	return b;
}

/* The saving of a measure per unit of product: base and year quantities over their outputs. */
static double
per_unit_saving(double q_base, double out_base, double q_year, double out_year)
{
	return calc_saving(calc_sec(q_base, out_base), calc_sec(q_year, out_year));
}

/*
 * Whether r saves at least min_pct per unit of the baseline's main product
 * (docs/analytics.md, "The saving"): 1 yes, 0 no, -1 not computable.
 * Energy is required: the savings model of analytics/savings.h (the ISO
 * 50006 normalised saving where the baseline has 12 monthly points and an
 * adequate model, else the year-on-year SEC), in GJ from the ledger.
 * Water (m3) and each material (by folded name and dimension) count when
 * both reports have them; every measure counted must save at least
 * min_pct.
 */
static int
saving_state(const struct kctx *c, const struct kbase *b, const struct krep *r, double min_pct)
{
	if (b->rep == NULL || r->year <= b->rep->year || r->led == NULL)
		return -1;
	struct saving sv = {0};
	savings_compare(b->rep->led, r->led, b->product, &sv);
	double e = savings_energy(&sv);
	const struct ledger_product *py = ledger_report_product(r->led, b->product);
	double out = py != NULL ? py->output : NAN;
	if (!isfinite(e) || !(out > 0))
		return -1;
	int ok = calc_ge(e * 100.0, min_pct);
	if (b->rep->water > 0 && r->water > 0)
		ok &= calc_ge(per_unit_saving(b->rep->water, b->output, r->water, out) * 100.0,
			      min_pct);
	if (b->rep->nmat == 0 || r->nmat == 0)
		return ok;
	/* Materials: both lists are sorted by (name, dimension); walk them together. */
	const struct kmat *mb = &c->mats[b->rep->mat0], *my = &c->mats[r->mat0];
	for (int i = 0, k = 0; i < b->rep->nmat && k < r->nmat;) {
		int d = mb[i].name != my[k].name
			    ? (mb[i].name > my[k].name) - (mb[i].name < my[k].name)
			    : (mb[i].dim > my[k].dim) - (mb[i].dim < my[k].dim);
		if (d < 0) {
			i++;
		} else if (d > 0) {
			k++;
		} else {
			if (mb[i].qty > 0 && my[k].qty > 0)
				ok &= calc_ge(
				    per_unit_saving(mb[i].qty, b->output, my[k].qty, out) * 100.0,
				    min_pct);
			i++;
			k++;
		}
	}
	return ok;
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
	v->share_active = v->active > 0 ? (double)v->yes / (double)v->active : NAN;
	v->coverage = v->active > 0 ? (double)v->known / (double)v->active : NAN;
}

const struct kpi_target *
kpi_target_at(const struct kpi_series *s, int year)
{
	for (int i = 0; s != NULL && i < s->ntargets; i++)
		if (isfinite(s->targets[i].pct) && s->targets[i].from <= year &&
		    year <= s->targets[i].by)
			return &s->targets[i];
	return NULL;
}

int
kpi_targets_in(const struct kpi_result *r, int year)
{
	int n = 0;
	for (int k = 0; r != NULL && k < KPI__MAX; k++)
		n += kpi_target_at(&r->series[k], year) != NULL;
	return n;
}

int
kpi_target_met(const struct kpi_value *v, const struct kpi_target *t)
{
	if (v == NULL || t == NULL || !isfinite(v->share_active))
		return -1;
	return calc_ge(v->share_active * 100.0, t->pct);
}

/* Counters of one breakdown, by group key, year (of the breakdown) and indicator. */
struct kcount {
	int nkeys;
	long *active;	     /* (key x nyears + year) x KPI__MAX + indicator */
	long *yes, *known;   /* (key x nyears + year) x KPI__MAX + indicator */
	long *from;	     /* the same: yes from an assessment's evidence */
	unsigned char *seen; /* nkeys: some facility falls in the key in some year */
};

/* The state of one counting pass. */
struct kpass {
	unsigned mask; /* breakdowns counted */
	int by_first, byn;
	struct kcount cnt[KPI_BY__MAX];
	int *ygroup; /* byn x nau: the group row of each admin unit row in each year */
};

static int
nkeys_of(const struct kctx *c, enum kpi_by by)
{
	switch (by) {
	case KPI_BY_UNIT:
		return c->nau;
	case KPI_BY_SECTOR:
	case KPI_BY_CLASS:
		return c->sector_ids.n;
	case KPI_BY_OWNERSHIP:
		return OWN__MAX;
	case KPI_BY_SIZE:
		return SIZE__MAX;
	case KPI_BY__MAX:
		break;
	}
	return 0;
}

static void
kpass_init(struct kpass *p, const struct kctx *c, const struct kpi_query *q)
{
	memset(p, 0, sizeof(*p));
	p->byn = q->by_mask != 0 && q->by_last >= q->by_first ? q->by_last - q->by_first + 1 : 0;
	p->mask = p->byn > 0 ? q->by_mask & KPI_BY_ALL : 0;
	p->by_first = q->by_first;
	for (int b = 0; b < KPI_BY__MAX; b++) {
		if (!(p->mask & KPI_BY_BIT(b)))
			continue;
		struct kcount *k = &p->cnt[b];
		k->nkeys = nkeys_of(c, (enum kpi_by)b);
		size_t cells = (size_t)(k->nkeys > 0 ? k->nkeys : 1) * (size_t)p->byn;
		k->active = xcalloc(cells * KPI__MAX, sizeof(long));
		k->yes = xcalloc(cells * KPI__MAX, sizeof(long));
		k->known = xcalloc(cells * KPI__MAX, sizeof(long));
		k->from = xcalloc(cells * KPI__MAX, sizeof(long));
		k->seen = xcalloc((size_t)(k->nkeys > 0 ? k->nkeys : 1), 1);
	}
	if (p->mask & KPI_BY_BIT(KPI_BY_UNIT)) {
		p->ygroup =
		    xmalloc((size_t)p->byn * (size_t)(c->nau > 0 ? c->nau : 1) * sizeof(int));
		for (int y = 0; y < p->byn; y++)
			for (int i = 0; i < c->nau; i++)
				p->ygroup[y * c->nau + i] =
				    au_group_at(c, i, (p->by_first + y) * 10000 + 1231);
	}
}

static void
kpass_free(struct kpass *p)
{
	for (int b = 0; b < KPI_BY__MAX; b++) {
		free(p->cnt[b].active);
		free(p->cnt[b].yes);
		free(p->cnt[b].known);
		free(p->cnt[b].from);
		free(p->cnt[b].seen);
	}
	free(p->ygroup);
}

/* The group key of f in breakdown by for breakdown year index yi, or -1. */
static int
facility_key(const struct kctx *c, const struct kpass *p, const struct kfac *f, int by, int yi)
{
	if (by != KPI_BY_UNIT)
		return f->key[by];
	int au = f->nh > 0 ? facility_unit_at(c, f, (p->by_first + yi) * 10000 + 1231) : f->au;
	return au >= 0 ? p->ygroup[yi * c->nau + au] : -1;
}

/* Whether year is counted: in the series or in the breakdowns' years. */
static int
counted_year(const struct kpi_result *res, const struct kpass *p, int year)
{
	int yi = year - p->by_first;
	return (year >= res->first_year && year <= res->last_year) ||
	       (p->mask != 0 && yi >= 0 && yi < p->byn);
}

/* The last year counted_year may hold. */
static int
last_counted(const struct kpi_result *res, const struct kpass *p)
{
	int last = res->last_year;
	if (p->mask != 0 && p->by_first + p->byn - 1 > last)
		last = p->by_first + p->byn - 1;
	return last;
}

/* Whether f has an accepted report of year. */
static int
has_report(const struct kctx *c, const struct kfac *f, int year)
{
	for (int i = 0; i < f->nrep; i++)
		if (c->reps[f->rep0 + i].year == year)
			return 1;
	return 0;
}

/*
 * Adds the states of one facility-year (1 yes, 0 no, -1 unknown; from[k]
 * set when a yes comes from an assessment's evidence) to the series and
 * to every breakdown counted.
 */
static void
count_states(const struct kctx *c, struct kpi_result *res, struct kpass *p, const struct kfac *f,
	     int year, const int state[KPI__MAX], const int from[KPI__MAX])
{
	if (year >= res->first_year && year <= res->last_year)
		for (int k = 0; k < KPI__MAX; k++) {
			struct kpi_value *v = &res->series[k].values[year - res->first_year];
			add_value(v, state[k]);
			if (state[k] > 0 && from[k])
				v->from_assessments++;
		}
	int yi = year - p->by_first;
	if (p->mask == 0 || yi < 0 || yi >= p->byn)
		return;
	for (int b = 0; b < KPI_BY__MAX; b++) {
		if (!(p->mask & KPI_BY_BIT(b)))
			continue;
		int key = facility_key(c, p, f, b, yi);
		if (key < 0)
			continue;
		size_t cell = ((size_t)key * (size_t)p->byn + (size_t)yi) * KPI__MAX;
		for (int k = 0; k < KPI__MAX; k++) {
			if (state[k] < 0)
				continue;
			p->cnt[b].known[cell + (size_t)k]++;
			if (state[k] > 0) {
				p->cnt[b].yes[cell + (size_t)k]++;
				p->cnt[b].from[cell + (size_t)k] += from[k] != 0;
			}
		}
	}
}

static void
count_all(struct kctx *c, struct kpi_result *res, struct kpass *p)
{
	for (int fi = 0; fi < c->nfacs; fi++) {
		const struct kfac *f = &c->facs[fi];
		int size = f->key[KPI_BY_SIZE];
		for (int y = res->first_year; y <= res->last_year; y++)
			if (is_active(f, y))
				for (int k = 0; k < KPI__MAX; k++)
					res->series[k].values[y - res->first_year].active +=
					    in_population(k, size);
		for (int b = 0; b < KPI_BY__MAX; b++) {
			if (!(p->mask & KPI_BY_BIT(b)))
				continue;
			struct kcount *cn = &p->cnt[b];
			for (int yi = 0; yi < p->byn; yi++) {
				int key = facility_key(c, p, f, b, yi);
				if (key < 0)
					continue;
				cn->seen[key] = 1;
				if (!is_active(f, p->by_first + yi))
					continue;
				size_t cell =
				    ((size_t)key * (size_t)p->byn + (size_t)yi) * KPI__MAX;
				for (int k = 0; k < KPI__MAX; k++)
					cn->active[cell + (size_t)k] += in_population(k, size);
			}
		}

		struct kbase base = find_baseline(c, f, res->baseline_from);
		struct kbase evbase = {NULL, NULL, NAN};
		if (f->cp_from > 0)
			evbase = baseline_before(c, f, f->cp_from);
		for (int i = 0; i < f->nrep; i++) {
			const struct krep *r = &c->reps[f->rep0 + i];
			if (!counted_year(res, p, r->year) || !is_active(f, r->year))
				continue;
			int in_range = r->year >= res->first_year && r->year <= res->last_year;
			int ev = f->cp_from > 0 && r->year >= f->cp_from;
			int state[KPI__MAX], from[KPI__MAX];
			for (int k = 0; k < KPI__MAX; k++) {
				state[k] = in_population(k, size) ? r->cp[kpi_defs[k].field] : -1;
				from[k] = 0;
				if (ev && kpi_defs[k].field == CPF_APPLIED && state[k] != 1 &&
				    in_population(k, size)) {
					/* the assessment's evidence answers yes */
					state[k] = 1;
					from[k] = 1;
				}
				if (!kpi_defs[k].saving || state[k] != 1)
					continue;
				/* Applies CP: yes only with a saving >= the minimum, in
				 * percent to 10^-6 (calc/exact.h); on an assessment's
				 * evidence, measured from before its implementation. */
				int s = isnan(res->min_saving_pct)
					    ? -1
					    : saving_state(c, from[k] ? &evbase : &base, r,
							   res->min_saving_pct);
				if (s < 0 && !isnan(res->min_saving_pct) && in_range)
					res->not_computable++;
				state[k] = s;
			}
			count_states(c, res, p, f, r->year, state, from);
		}
		/* Years the evidence answers without an accepted report. */
		for (int y = f->cp_from; f->cp_from > 0 && y <= last_counted(res, p); y++) {
			if (!counted_year(res, p, y) || !is_active(f, y) || has_report(c, f, y))
				continue;
			int state[KPI__MAX], from[KPI__MAX];
			for (int k = 0; k < KPI__MAX; k++) {
				int applies =
				    kpi_defs[k].field == CPF_APPLIED && in_population(k, size);
				state[k] = applies && !kpi_defs[k].saving ? 1 : -1;
				from[k] = state[k] == 1;
				/* the saving needs the year's report: not computable */
				if (applies && kpi_defs[k].saving && !isnan(res->min_saving_pct) &&
				    y >= res->first_year && y <= res->last_year)
					res->not_computable++;
			}
			count_states(c, res, p, f, y, state, from);
		}
	}
	for (int k = 0; k < KPI__MAX; k++)
		for (int y = 0; y < res->nyears; y++)
			finish_value(&res->series[k].values[y]);
}

/* The names of key in breakdown by: pointers into c or static tables. */
static void
key_names(const struct kctx *c, int by, int key, const char **code, const char **vi,
	  const char **en, const char **level)
{
	*level = NULL;
	switch (by) {
	case KPI_BY_UNIT:
		*code = c->au[key].code;
		*vi = c->au[key].name;
		*en = c->au[key].name_en;
		*level = c->au[key].level;
		return;
	case KPI_BY_SECTOR:
	case KPI_BY_CLASS:
		*code = c->sector_ids.str[key];
		*vi = c->sector_vi[key];
		*en = c->sector_en[key];
		return;
	case KPI_BY_OWNERSHIP:
		*code = names_ownership[key].code;
		*vi = names_ownership[key].name_vi;
		*en = names_ownership[key].name_en;
		return;
	default:
		*code = names_size[key].code;
		*vi = names_size[key].name_vi;
		*en = names_size[key].name_en;
		return;
	}
}

/* Turns the counters into res->by[]: the groups seen, in key order. */
static void
make_breakdowns(const struct kctx *c, struct kpi_result *res, const struct kpass *p)
{
	for (int b = 0; b < KPI_BY__MAX; b++) {
		if (!(p->mask & KPI_BY_BIT(b)))
			continue;
		const struct kcount *cn = &p->cnt[b];
		struct kpi_breakdown *bd = &res->by[b];
		bd->by = (enum kpi_by)b;
		bd->first_year = p->by_first;
		bd->last_year = p->by_first + p->byn - 1;
		bd->nyears = p->byn;
		for (int key = 0; key < cn->nkeys; key++)
			bd->ngroups += cn->seen[key];
		bd->groups =
		    xcalloc((size_t)(bd->ngroups > 0 ? bd->ngroups : 1), sizeof(*bd->groups));
		int g = 0;
		for (int key = 0; key < cn->nkeys; key++) {
			if (!cn->seen[key])
				continue;
			struct kpi_group *grp = &bd->groups[g++];
			const char *code, *vi, *en, *level;
			key_names(c, b, key, &code, &vi, &en, &level);
			grp->code = xstrdup(code);
			grp->name_vi = xstrdup(vi);
			grp->name_en = xstrdup(en);
			grp->level = level != NULL ? xstrdup(level) : NULL;
			grp->v = xcalloc((size_t)p->byn * KPI__MAX, sizeof(*grp->v));
			for (int yi = 0; yi < p->byn; yi++) {
				size_t cell = (size_t)key * (size_t)p->byn + (size_t)yi;
				for (int k = 0; k < KPI__MAX; k++) {
					struct kpi_value *v = &grp->v[yi * KPI__MAX + k];
					v->year = p->by_first + yi;
					v->active = cn->active[cell * KPI__MAX + (size_t)k];
					v->known = cn->known[cell * KPI__MAX + (size_t)k];
					v->yes = cn->yes[cell * KPI__MAX + (size_t)k];
					v->from_assessments = cn->from[cell * KPI__MAX + (size_t)k];
					finish_value(v);
				}
			}
		}
	}
}

static const char *const kpi_by_names[KPI_BY__MAX] = {
    [KPI_BY_UNIT] = "unit",	      [KPI_BY_SECTOR] = "sector", [KPI_BY_CLASS] = "class",
    [KPI_BY_OWNERSHIP] = "ownership", [KPI_BY_SIZE] = "size",
};

const char *
kpi_by_name(enum kpi_by by)
{
	return (unsigned)by < KPI_BY__MAX ? kpi_by_names[by] : NULL;
}

int
kpi_by_parse(const char *name)
{
	for (int b = 0; name != NULL && b < KPI_BY__MAX; b++)
		if (strcmp(name, kpi_by_names[b]) == 0)
			return b;
	return -1;
}

const struct kpi_value *
kpi_group_value(const struct kpi_breakdown *b, int g, int year, enum kpi_indicator k)
{
	if (b == NULL || g < 0 || g >= b->ngroups || year < b->first_year || year > b->last_year ||
	    (unsigned)k >= KPI__MAX)
		return NULL;
	return &b->groups[g].v[(year - b->first_year) * KPI__MAX + k];
}

int
kpi_compute_query(struct db *db, const struct kpi_query *q, struct kpi_result **out, char *err,
		  size_t errsz)
{
	struct kctx c = {.db = db, .err = err, .errsz = errsz};
	struct kpi_result *res = xcalloc(1, sizeof(*res));
	struct kpass pass = {0};
	int rc = -1;
	*out = NULL;

	snprintf(res->plan_code, sizeof(res->plan_code), "%s", q->plan_code);
	res->first_year = q->first_year;
	res->last_year = q->last_year;
	res->nyears = q->last_year >= q->first_year ? q->last_year - q->first_year + 1 : 0;
	res->min_saving_pct = NAN;
	res->baseline_from = KPI_BASELINE_FROM;
	res->pilots.target = NAN;
	res->pilots.met = -1;
	for (int k = 0; k < KPI__MAX; k++) {
		struct kpi_series *s = &res->series[k];
		s->ind = (enum kpi_indicator)k;
		s->code = kpi_defs[k].code;
		s->name_vi = kpi_defs[k].name_vi;
		s->name_en = kpi_defs[k].name_en;
		s->short_vi = kpi_defs[k].short_vi;
		s->short_en = kpi_defs[k].short_en;
		s->target_pct = NAN;
		if (res->nyears > 0) {
			s->values = xcalloc((size_t)res->nyears, sizeof(*s->values));
			for (int y = 0; y < res->nyears; y++)
				s->values[y].year = q->first_year + y;
		}
	}
	for (int b = 0; b < KPI_BY__MAX; b++)
		res->by[b].by = (enum kpi_by)b;

	if (load_plan(&c, q->plan_code, res) < 0 || load_units(&c) < 0 ||
	    load_admin_units(&c) < 0 || load_sectors(&c) < 0 || load_facilities(&c) < 0 ||
	    load_history(&c) < 0 || load_evidence(&c) < 0 || load_pilots(&c, res) < 0)
		goto out;
	kpass_init(&pass, &c, q);
	if (res->nyears > 0 || pass.mask != 0) {
		if (load_reports(&c) < 0)
			goto out;
		if (c.nreps > 0 &&
		    (load_ledger(&c) < 0 || load_water(&c) < 0 || load_materials(&c) < 0))
			goto out;
	}
	count_all(&c, res, &pass);
	make_breakdowns(&c, res, &pass);
	*out = res;
	res = NULL;
	rc = 0;
out:
	kpass_free(&pass);
	kctx_free(&c);
	kpi_result_free(res);
	return rc;
}

int
kpi_compute(struct db *db, const char *plan_code, int first_year, int last_year, int by_unit_year,
	    struct kpi_result **out, char *err, size_t errsz)
{
	struct kpi_query q = {
	    .plan_code = plan_code,
	    .first_year = first_year,
	    .last_year = last_year,
	    .by_mask = by_unit_year != 0 ? KPI_BY_BIT(KPI_BY_UNIT) : 0,
	    .by_first = by_unit_year,
	    .by_last = by_unit_year,
	};
	if (kpi_compute_query(db, &q, out, err, errsz) < 0)
		return -1;
	struct kpi_result *r = *out;
	const struct kpi_breakdown *b = &r->by[KPI_BY_UNIT];
	r->by_unit_year = by_unit_year;
	r->nunits = b->ngroups;
	r->units = xcalloc((size_t)(b->ngroups > 0 ? b->ngroups : 1), sizeof(*r->units));
	for (int g = 0; g < b->ngroups; g++) {
		r->units[g].unit_code = xstrdup(b->groups[g].code);
		r->units[g].unit_name = xstrdup(b->groups[g].name_vi);
		for (int k = 0; k < KPI__MAX; k++)
			r->units[g].v[k] = b->groups[g].v[k];
	}
	return 0;
}

void
kpi_result_free(struct kpi_result *r)
{
	if (r == NULL)
		return;
	for (int k = 0; k < KPI__MAX; k++)
		free(r->series[k].values);
	free(r->pilots.cum);
	for (int u = 0; u < r->nunits; u++) {
		free((char *)r->units[u].unit_code);
		free((char *)r->units[u].unit_name);
	}
	free(r->units);
	for (int b = 0; b < KPI_BY__MAX; b++) {
		for (int g = 0; g < r->by[b].ngroups; g++) {
			struct kpi_group *grp = &r->by[b].groups[g];
			free((char *)grp->code);
			free((char *)grp->name_vi);
			free((char *)grp->name_en);
			free((char *)grp->level);
			free(grp->v);
		}
		free(r->by[b].groups);
	}
	free(r);
}

int
kpi_year_range(struct db *db, int *first, int *last)
{
	*first = *last = -1;
	struct db_stmt *st = db_stmt(db, STMT_KPI_YEAR_RANGE);
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
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&counted, &capc, ncounted + 1, sizeof(*counted));
		snprintf(counted[ncounted].name, sizeof(counted[ncounted].name), "%s",
			 db_col_text(st, 0));
		counted[ncounted++].rows = db_col_int(st, 1);
	}
	if (rc != DB_DONE)
		goto out;

	st = db_stmt(db, STMT_STATS_TABLES);
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&res, &capr, n + 1, sizeof(*res));
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
