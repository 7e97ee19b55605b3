/*
 * GET /api/v1/keyusers[?year=Y] (government staff; the router checks the
 * role): the key energy users of year Y (model/analytics/keyusers.h), by TOE, and
 * those that cannot be computed, each with its status, whether it is listed
 * only through a derived TOE factor and the lines that did not convert.  Year defaults to the
 * latest with reports.
 */
#include <stdint.h>

#include "api/api_int.h"
#include "model/analytics/keyusers.h"
#include "model/analytics/kpi.h"
#include "model/analytics/ledger.h"

static json_t *
keyusers_items(const struct keyuser *k, int n)
{
	json_t *a = jsonw_arr();
	for (int i = 0; i < n; i++) {
		json_t *o = jsonw_obj();
		jsonw_set(o, "facility_id", jsonw_int(k[i].facility_id));
		jsonw_set(o, "code", jsonw_str(k[i].code));
		jsonw_set(o, "name", jsonw_str(k[i].name));
		jsonw_set(o, "tax_code", api_str_or_null(k[i].tax_code));
		jsonw_set(o, "unit_name", jsonw_str(k[i].unit_name));
		jsonw_set(o, "sector_code", jsonw_str(k[i].sector_code));
		jsonw_set(o, "toe", jsonw_real(k[i].toe));
		jsonw_set(o, "incomplete", jsonw_bool(k[i].incomplete));
		jsonw_set(o, "status", jsonw_str(keyusers_status_code(k[i].status)));
		jsonw_set(o, "derived_only", jsonw_bool(k[i].derived_only));
		jsonw_set(o, "toe_derived", jsonw_real(k[i].toe_derived));
		json_t *missing = jsonw_arr();
		for (int e = 0; e < k[i].nerrors; e++) {
			const struct ledger_error *le = &k[i].errors[e];
			if (!keyusers_error_missing(le))
				continue;
			json_t *m = jsonw_obj();
			jsonw_set(m, "carrier", jsonw_str(le->carrier));
			jsonw_set(m, "unit", jsonw_str(le->unit));
			jsonw_set(m, "what", jsonw_str(le->what));
			jsonw_push(missing, m);
		}
		jsonw_set(o, "missing", missing);
		jsonw_push(a, o);
	}
	return a;
}

int
api_keyusers(struct http_request *req, struct http_response *resp)
{
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	int first, last;
	int64_t year = kpi_year_range(db, &first, &last) == 0 ? last : 0;
	if (api_param_int(req, resp, "year", 1990, 2100, &year) < 0)
		return 0;
	struct keyuser_list *l = NULL;
	char err[512];
	if (year == 0 || keyusers_list(db, req->who, (int)year, &l, err, sizeof(err)) < 0) {
		api_problem(req, resp, 404,
			    "Không có ngưỡng sử dụng năng lượng trọng điểm cho năm này",
			    "No key-energy-user threshold for this year");
		return 0;
	}
	json_t *doc = jsonw_obj();
	jsonw_set(doc, "year", jsonw_int(l->year));
	jsonw_set(doc, "threshold_toe", jsonw_real(l->threshold_toe));
	jsonw_set(doc, "threshold_ref", jsonw_str(l->threshold_ref));
	jsonw_set(doc, "items", keyusers_items(l->items, l->n));
	jsonw_set(doc, "unknown", keyusers_items(l->unknown, l->nunknown));
	keyusers_free(l);
	return api_send(resp, 200, doc);
}
