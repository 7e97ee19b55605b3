#include "model/assess/option_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/scope.h"
#include "model/status.h"
#include "util/arena.h"
#include "util/log.h"

void
optstat_filter_init(struct optstat_filter *f)
{
	*f = (struct optstat_filter){.kind = -1, .status = -1, .triage = -1};
}

double
optstat_saving(const struct cp_option *o)
{
	if (o->has_flows)
		return o->nflows > 0 ? o->cash_flows[0] : NAN;
	return isfinite(o->annual_saving) ? o->annual_saving : NAN;
}

/* Indexes of the codes the rules name, looked up once by code. */
static int
code_index(const struct name *t, int n, const char *code)
{
	const struct name *nm = names_find(t, n, code);
	return nm == NULL ? -2 : (int)(nm - t);
}

int
optstat_counts(int triage, int status, int with_rejected)
{
	if (status == code_index(names_option_status, NAMES_OPTION_STATUS_N, "implemented"))
		return 1;
	if (triage == code_index(names_triage, NAMES_TRIAGE_N, "rejected"))
		return with_rejected;
	return triage >= 0 && triage < NAMES_TRIAGE_N;
}

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return (a > b) - (a < b);
}

double
optstat_median(double *v, int n)
{
	if (n <= 0)
		return NAN;
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Adds item x to sum s. */
static void
sum_add(struct optstat_sum *s, const struct optstat_item *x)
{
	const struct cp_option *o = x->o;
	s->count++;
	s->capex += o->capex;
	if (isfinite(x->saving))
		s->saving += x->saving;
	else
		s->saving_missing++;
	if (isfinite(o->toe))
		s->toe += o->toe;
	else
		s->toe_missing++;
	if (isfinite(o->co2_t))
		s->co2_t += o->co2_t;
	else
		s->co2_missing++;
}

static int
cmp_payback(const void *pa, const void *pb)
{
	const struct optstat_payback *a = pa, *b = pb;
	int c = strcmp(a->division, b->division);
	if (c != 0)
		return c;
	int an = a->npayback == 0, bn = b->npayback == 0;
	if (an != bn)
		return an - bn;
	if (!an) {
		if (a->median != b->median)
			return a->median < b->median ? -1 : 1;
		if (a->min != b->min)
			return a->min < b->min ? -1 : 1;
	}
	return a->kind - b->kind;
}

void
optstat_aggregate(struct optstat_result *r, struct arena *a)
{
	r->total = (struct optstat_sum){.code = "", .name_vi = "", .name_en = ""};
	int cap = r->n > 0 ? r->n : 1;
	r->by_sector = arena_alloc(a, (size_t)cap * sizeof(*r->by_sector));
	r->by_kind = arena_alloc(a, NAMES_OPTION_KIND_N * sizeof(*r->by_kind));
	r->payback = arena_alloc(a, (size_t)cap * sizeof(*r->payback));
	r->nsector = r->nkind = r->npayback = 0;
	double *years = arena_alloc(a, (size_t)cap * sizeof(*years));
	struct optstat_sum kinds[NAMES_OPTION_KIND_N];
	for (int k = 0; k < NAMES_OPTION_KIND_N; k++)
		kinds[k] = (struct optstat_sum){.code = names_option_kind[k].code,
						.name_vi = names_option_kind[k].name_vi,
						.name_en = names_option_kind[k].name_en};
	for (int i = 0; i < r->n; i++) {
		const struct optstat_item *x = &r->items[i];
		if (!x->counted)
			continue;
		sum_add(&r->total, x);
		if (x->o->kind >= 0 && x->o->kind < NAMES_OPTION_KIND_N)
			sum_add(&kinds[x->o->kind], x);
		struct optstat_sum *s = NULL;
		for (int j = 0; j < r->nsector && s == NULL; j++)
			if (strcmp(r->by_sector[j].code, x->division) == 0)
				s = &r->by_sector[j];
		if (s == NULL) {
			s = &r->by_sector[r->nsector++];
			*s = (struct optstat_sum){.code = x->division,
						  .name_vi = x->division_vi,
						  .name_en = x->division_en};
		}
		sum_add(s, x);
		struct optstat_payback *p = NULL;
		for (int j = 0; j < r->npayback && p == NULL; j++)
			if (r->payback[j].kind == x->o->kind &&
			    strcmp(r->payback[j].division, x->division) == 0)
				p = &r->payback[j];
		if (p == NULL) {
			p = &r->payback[r->npayback++];
			*p = (struct optstat_payback){.division = x->division,
						      .division_vi = x->division_vi,
						      .division_en = x->division_en,
						      .kind = x->o->kind};
		}
		p->count++;
	}
	for (int k = 0; k < NAMES_OPTION_KIND_N; k++)
		if (kinds[k].count > 0)
			r->by_kind[r->nkind++] = kinds[k];
	for (int j = 0; j < r->nsector; j++)
		for (int k = j + 1; k < r->nsector; k++)
			if (strcmp(r->by_sector[k].code, r->by_sector[j].code) < 0) {
				struct optstat_sum t = r->by_sector[j];
				r->by_sector[j] = r->by_sector[k];
				r->by_sector[k] = t;
			}
	/* the paybacks of each group: collected, then median and minimum */
	for (int j = 0; j < r->npayback; j++) {
		struct optstat_payback *p = &r->payback[j];
		int m = 0;
		for (int i = 0; i < r->n; i++) {
			const struct optstat_item *x = &r->items[i];
			if (!x->counted || x->o->kind != p->kind ||
			    strcmp(x->division, p->division) != 0)
				continue;
			if (!x->o->fin_ok)
				p->no_data++;
			else if (x->o->fin.payback_never || !isfinite(x->o->fin.simple_payback))
				p->never++;
			else
				years[m++] = x->o->fin.simple_payback;
		}
		p->npayback = m;
		p->median = optstat_median(years, m);
		p->min = m > 0 ? years[0] : NAN; /* sorted by optstat_median */
	}
	qsort(r->payback, (size_t)r->npayback, sizeof(*r->payback), cmp_payback);
}

/* One assessment seen, as the statement gives it. */
struct seen {
	int64_t id, facility_id;
	enum wf_state state;
	int year;
	const char *facility_name, *facility_code, *unit_name, *sector_code, *division,
	    *division_vi, *division_en;
};

/* Whether sector starts with prefix (NULL or "" matches all). */
static int
sector_matches(const char *sector, const char *prefix)
{
	return prefix == NULL || prefix[0] == '\0' ||
	       (sector != NULL && strncmp(sector, prefix, strlen(prefix)) == 0);
}

static int
cmp_item(const void *pa, const void *pb)
{
	const struct optstat_item *a = pa, *b = pb;
	int c = strcmp(a->division, b->division);
	if (c == 0)
		c = strcmp(a->facility_name, b->facility_name);
	if (c == 0)
		c = (a->year > b->year) - (a->year < b->year);
	if (c == 0)
		c = (a->assessment_id > b->assessment_id) - (a->assessment_id < b->assessment_id);
	if (c == 0)
		c = (a->o->seq > b->o->seq) - (a->o->seq < b->o->seq);
	return c;
}

/* Reads the assessments who sees into *out: ST_OK or ST_ERR. */
static int
read_seen(struct db *db, const struct principal *who, const struct optstat_filter *f,
	  struct arena *a, struct seen **out, int *n)
{
	struct db_stmt *st = db_stmt(db, STMT_OPTION_STATS_ASSESSMENTS);
	scope_bind(st, who);
	if (f->year > 0)
		db_bind_int(st, 4, f->year);
	db_bind_text(st, 5, f->unit != NULL && f->unit[0] != '\0' ? f->unit : NULL);
	int cap = 16, rc;
	*n = 0;
	*out = arena_alloc(a, (size_t)cap * sizeof(**out));
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			struct seen *v = arena_alloc(a, (size_t)cap * 2 * sizeof(*v));
			memcpy(v, *out, (size_t)cap * sizeof(*v));
			*out = v;
			cap *= 2;
		}
		struct seen *s = &(*out)[(*n)++];
		s->id = db_col_int(st, 0);
		s->state = wf_state_of(db_col_text(st, 1), 0);
		s->year = (int)db_col_int(st, 2);
		s->facility_id = db_col_int(st, 3);
		s->facility_name = arena_strdup(a, db_col_text(st, 4));
		s->facility_code = arena_strdup(a, db_col_text(st, 5));
		s->unit_name = arena_strdup(a, db_col_text(st, 6));
		s->sector_code = arena_strdup(a, db_col_text(st, 7));
		s->division = arena_strdup(a, db_col_text(st, 8));
		s->division_vi = arena_strdup(a, db_col_text(st, 9));
		s->division_en = arena_strdup(a, db_col_text(st, 10));
	}
	if (rc != DB_DONE) {
		log_err("options across assessments: %s", db_errmsg(db));
		return ST_ERR;
	}
	return ST_OK;
}

/* Adds the division of s to r's choices if new. */
static void
division_add(struct optstat_result *r, const struct seen *s, int cap)
{
	if (s->division[0] == '\0')
		return;
	for (int j = 0; j < r->ndivisions; j++)
		if (strcmp(r->divisions[j].code, s->division) == 0)
			return;
	if (r->ndivisions < cap)
		r->divisions[r->ndivisions++] =
		    (struct name){s->division, s->division_vi, s->division_en};
}

static void
year_add(struct optstat_result *r, int year)
{
	for (int j = 0; j < r->nyears; j++)
		if (r->years[j] == year)
			return;
	if (r->nyears < (int)(sizeof(r->years) / sizeof(r->years[0])))
		r->years[r->nyears++] = year;
}

static int
cmp_name(const void *pa, const void *pb)
{
	return strcmp(((const struct name *)pa)->code, ((const struct name *)pb)->code);
}

static int
cmp_year_desc(const void *pa, const void *pb)
{
	int a = *(const int *)pa, b = *(const int *)pb;
	return (a < b) - (a > b);
}

int
optstat_list(struct db *db, const struct principal *who, const struct optstat_filter *f,
	     struct arena *a, struct optstat_result *out)
{
	*out = (struct optstat_result){0};
	struct optstat_filter any;
	optstat_filter_init(&any);
	any.unit = f->unit;
	struct seen *seen;
	int nseen;
	/* every assessment seen in the unit (the filters' choices), then those of the year */
	int rc = read_seen(db, who, &any, a, &seen, &nseen);
	if (rc != ST_OK)
		return rc;
	out->divisions = arena_alloc(a, (size_t)(nseen > 0 ? nseen : 1) * sizeof(*out->divisions));
	for (int i = 0; i < nseen; i++) {
		division_add(out, &seen[i], nseen);
		year_add(out, seen[i].year);
	}
	qsort(out->divisions, (size_t)out->ndivisions, sizeof(*out->divisions), cmp_name);
	qsort(out->years, (size_t)out->nyears, sizeof(out->years[0]), cmp_year_desc);
	out->with_rejected =
	    f->triage >= 0 && f->triage == code_index(names_triage, NAMES_TRIAGE_N, "rejected");
	int cap = 16;
	out->items = arena_alloc(a, (size_t)cap * sizeof(*out->items));
	for (int i = 0; i < nseen; i++) {
		const struct seen *s = &seen[i];
		if ((f->year > 0 && s->year != f->year) ||
		    !sector_matches(s->sector_code, f->sector))
			continue;
		struct cp_option *opts;
		int nopts;
		rc = option_list(db, who, s->id, a, &opts, &nopts);
		if (rc == ST_NOTFOUND)
			continue; /* gone since it was listed */
		if (rc != ST_OK)
			return ST_ERR;
		for (int k = 0; k < nopts; k++) {
			const struct cp_option *o = &opts[k];
			if ((f->kind >= 0 && o->kind != f->kind) ||
			    (f->status >= 0 && o->status != f->status) ||
			    (f->triage >= 0 && o->triage != f->triage))
				continue;
			if (out->n == cap) {
				struct optstat_item *v =
				    arena_alloc(a, (size_t)cap * 2 * sizeof(*v));
				memcpy(v, out->items, (size_t)cap * sizeof(*v));
				out->items = v;
				cap *= 2;
			}
			out->items[out->n++] = (struct optstat_item){
			    .o = o,
			    .assessment_id = s->id,
			    .facility_id = s->facility_id,
			    .state = s->state,
			    .year = s->year,
			    .facility_name = s->facility_name,
			    .facility_code = s->facility_code,
			    .unit_name = s->unit_name,
			    .sector_code = s->sector_code,
			    .division = s->division,
			    .division_vi = s->division_vi,
			    .division_en = s->division_en,
			    .saving = optstat_saving(o),
			    .counted = optstat_counts(o->triage, o->status, out->with_rejected),
			};
		}
	}
	qsort(out->items, (size_t)out->n, sizeof(*out->items), cmp_item);
	optstat_aggregate(out, a);
	return ST_OK;
}
