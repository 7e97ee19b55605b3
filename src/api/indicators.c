/*
 * GET /api/v1/indicators[?from=Y&to=Y&by=unit|sector|class|ownership|size
 * &by_year=Y]: the plan's indicators per year (model/analytics/kpi.h), each value
 * with yes, known, active, share (of known), share_active (of all active,
 * the one compared with the target), coverage ("unknown is not no") and the
 * target of its year (null outside the plan's target periods), and
 * optionally one breakdown for one year.  Years default to those with
 * reports; the plan is the default plan (refdata_default_plan).
 */
#include <stdint.h>
#include <stdlib.h>

#include "api/api_int.h"
#include "model/analytics/kpi.h"
#include "model/analytics/kpi_cache.h"
#include "model/registry/refdata.h"
#include "util/log.h"

/*
 * One value: both shares, the coverage, and the target of its year (null
 * outside every target period) with whether share_active meets it.
 */
static json_t *
indicator_value(const struct kpi_series *s, const struct kpi_value *v)
{
	const struct kpi_target *t = kpi_target_at(s, v->year);
	int met = kpi_target_met(v, t);
	json_t *o = jsonw_obj();
	jsonw_set(o, "year", jsonw_int(v->year));
	jsonw_set(o, "yes", jsonw_int(v->yes));
	jsonw_set(o, "known", jsonw_int(v->known));
	jsonw_set(o, "active", jsonw_int(v->active));
	jsonw_set(o, "share", jsonw_real(v->share));
	jsonw_set(o, "share_active", jsonw_real(v->share_active));
	jsonw_set(o, "coverage", jsonw_real(v->coverage));
	jsonw_set(o, "target_pct", t != NULL ? jsonw_real(t->pct) : json_null());
	jsonw_set(o, "target_met", met < 0 ? json_null() : jsonw_bool(met));
	return o;
}

static json_t *
indicator_breakdown(struct http_request *req, const struct kpi_result *r, enum kpi_by by, int year)
{
	const struct kpi_breakdown *b = &r->by[by];
	json_t *groups = jsonw_arr();
	for (int g = 0; g < b->ngroups; g++) {
		const struct kpi_group *gr = &b->groups[g];
		json_t *o = jsonw_obj();
		jsonw_set(o, "code", jsonw_str(gr->code));
		jsonw_set(o, "name", jsonw_str(HTTP_T(req, gr->name_vi, gr->name_en)));
		json_t *vals = jsonw_obj();
		for (int k = 0; k < KPI__MAX; k++) {
			const struct kpi_value *v =
			    kpi_group_value(b, g, year, (enum kpi_indicator)k);
			if (v != NULL)
				jsonw_set(vals, r->series[k].code,
					  indicator_value(&r->series[k], v));
		}
		jsonw_set(o, "values", vals);
		jsonw_push(groups, o);
	}
	json_t *o = jsonw_obj();
	jsonw_set(o, "by", jsonw_str(kpi_by_name(by)));
	jsonw_set(o, "year", jsonw_int(year));
	jsonw_set(o, "groups", groups);
	return o;
}

int
api_indicators(struct http_request *req, struct http_response *resp)
{
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	int first = 0, last = -1;
	if (kpi_year_range(db, &first, &last) < 0)
		first = 1, last = 0; /* no reports: an empty series */
	int64_t from = first, to = last, by_year = last;
	if (api_param_int(req, resp, "from", 1990, 2100, &from) < 0 ||
	    api_param_int(req, resp, "to", 1990, 2100, &to) < 0 ||
	    api_param_int(req, resp, "by_year", 1990, 2100, &by_year) < 0)
		return 0;
	if (to - from > 50) {
		api_problem(req, resp, 400, "Tối đa 50 năm", "At most 50 years");
		return 0;
	}
	const char *bys = http_param(req, "by");
	int by = bys != NULL ? kpi_by_parse(bys) : -1;
	if (bys != NULL && by < 0) {
		api_problem(req, resp, 400,
			    "Tham số by phải là unit, sector, class, ownership hoặc size",
			    "The by parameter must be unit, sector, class, ownership or size");
		return 0;
	}
	char plan[REFDATA_PLAN_CODE_MAX];
	refdata_default_plan(db, plan, sizeof(plan)); /* none: refused by kpi_compute */
	struct kpi_query q = {.plan_code = plan,
			      .first_year = (int)from,
			      .last_year = (int)to,
			      .by_mask = by >= 0 ? KPI_BY_BIT(by) : 0,
			      .by_first = (int)by_year,
			      .by_last = (int)by_year};
	/*
	 * The shared result holds every year with reports and every breakdown
	 * of each: it answers the default range, and any breakdown year in it.
	 */
	struct kpi_hold h = {0};
	struct kpi_result *own = NULL;
	const struct kpi_result *r;
	if (from == first && to == last && by_year >= first && by_year <= last) {
		if (kpi_cache_get(req->kpi, db, &h) < 0)
			return -1;
		r = h.r;
	}
	if (h.r == NULL) {
		char err[512];
		if (kpi_compute_query(db, &q, &own, err, sizeof(err)) < 0) {
			log_err("api indicators: %s", err);
			return -1;
		}
		r = own;
	}
	json_t *series = jsonw_arr();
	for (int k = 0; k < KPI__MAX; k++) {
		const struct kpi_series *s = &r->series[k];
		json_t *o = jsonw_obj();
		jsonw_set(o, "code", jsonw_str(s->code));
		jsonw_set(o, "name", jsonw_str(HTTP_T(req, s->name_vi, s->name_en)));
		jsonw_set(o, "target_pct", jsonw_real(s->target_pct));
		jsonw_set(o, "target_from",
			  s->target_from > 0 ? jsonw_int(s->target_from) : json_null());
		jsonw_set(o, "target_by", s->target_by > 0 ? jsonw_int(s->target_by) : json_null());
		json_t *targets = jsonw_arr();
		for (int i = 0; i < s->ntargets; i++) {
			json_t *t = jsonw_obj();
			jsonw_set(t, "pct", jsonw_real(s->targets[i].pct));
			jsonw_set(t, "from", jsonw_int(s->targets[i].from));
			jsonw_set(t, "by", jsonw_int(s->targets[i].by));
			jsonw_push(targets, t);
		}
		jsonw_set(o, "targets", targets);
		/* The share a target is compared with (docs/analytics.md, "Both shares"). */
		jsonw_set(o, "compared_with", jsonw_str("share_active"));
		json_t *vals = jsonw_arr();
		for (int y = 0; y < r->nyears; y++)
			jsonw_push(vals, indicator_value(s, &s->values[y]));
		jsonw_set(o, "values", vals);
		jsonw_push(series, o);
	}
	json_t *doc = jsonw_obj();
	jsonw_set(doc, "plan", jsonw_str(r->plan_code));
	jsonw_set(doc, "first_year", jsonw_int(r->first_year));
	jsonw_set(doc, "last_year", jsonw_int(r->last_year));
	jsonw_set(doc, "min_saving_pct", jsonw_real(r->min_saving_pct));
	jsonw_set(doc, "not_computable", jsonw_int(r->not_computable));
	jsonw_set(doc, "series", series);
	jsonw_set(doc, "breakdown",
		  by >= 0 ? indicator_breakdown(req, r, (enum kpi_by)by, (int)by_year)
			  : json_null());
	kpi_cache_release(req->kpi, &h);
	kpi_result_free(own);
	return api_send(resp, 200, doc);
}
