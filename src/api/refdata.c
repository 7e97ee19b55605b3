/*
 * Reference data through the API (public):
 *   GET /api/v1/refdata                  every reference table and its rows
 *   GET /api/v1/refdata/carriers         the energy carriers
 *   GET /api/v1/refdata/factor?carrier=C&unit=U&date=yyyy-mm-dd
 *                                        a carrier's factors valid on date
 */
#include <stdint.h>
#include <string.h>

#include "api/api_int.h"
#include "model/registry/refdata.h"
#include "util/fmt.h"

int
api_refdata(struct http_request *req, struct http_response *resp)
{
	struct db *db = api_db(req);
	int64_t counts[REFDATA__MAX];
	if (db == NULL || refdata_counts(db, counts) < 0)
		return -1;
	json_t *tables = jsonw_arr();
	for (int t = 0; t < REFDATA__MAX; t++) {
		json_t *o = jsonw_obj();
		jsonw_set(o, "name", jsonw_str(refdata_table_name((enum refdata_table)t)));
		jsonw_set(o, "rows", jsonw_int(counts[t]));
		jsonw_push(tables, o);
	}
	json_t *doc = jsonw_obj();
	jsonw_set(doc, "tables", tables);
	return api_send(resp, 200, doc);
}

/* What refdata_carriers collects: the request's language and the array. */
struct carriers_ctx {
	int en;
	json_t *items;
};

static int
carrier_item(void *ctx, const struct refdata_carrier *c)
{
	struct carriers_ctx *cc = ctx;
	json_t *o = jsonw_obj();
	jsonw_set(o, "code", jsonw_str(c->code));
	jsonw_set(o, "name", jsonw_str(cc->en ? c->name_en : c->name_vi));
	jsonw_set(o, "kind", jsonw_str(c->kind));
	jsonw_set(o, "native_unit", jsonw_str(c->native_unit));
	jsonw_set(o, "biogenic", jsonw_bool(c->biogenic));
	jsonw_push(cc->items, o);
	return 0;
}

static int
refdata_carriers(struct http_request *req, struct http_response *resp, struct db *db)
{
	json_t *items = jsonw_arr();
	struct carriers_ctx cc = {req->lang == LANG_EN, items};
	if (refdata_carriers_each(db, carrier_item, &cc) != 0) {
		json_decref(items);
		return -1;
	}
	json_t *doc = jsonw_obj();
	jsonw_set(doc, "items", items);
	return api_send(resp, 200, doc);
}

static int
refdata_factor(struct http_request *req, struct http_response *resp, struct db *db)
{
	const char *carrier = http_param(req, "carrier"), *unit = http_param(req, "unit"),
		   *date = http_param(req, "date");
	int y, m, d;
	if (carrier == NULL || unit == NULL || date == NULL || parse_date(date, &y, &m, &d) < 0) {
		api_problem(req, resp, 400, "Cần các tham số carrier, unit và date (yyyy-mm-dd)",
			    "The parameters carrier, unit and date (yyyy-mm-dd) are required");
		return 0;
	}
	struct refdata_factor f;
	int rc = refdata_factor_find(db, carrier, unit,
				     arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d), &f);
	if (rc == 1) {
		api_problem(req, resp, 404, "Không có hệ số cho nhiên liệu, đơn vị và ngày này",
			    "No factor for this carrier, unit and date");
		return 0;
	}
	if (rc != 0)
		return -1;
	json_t *o = jsonw_obj();
	jsonw_set(o, "carrier", jsonw_str(carrier));
	jsonw_set(o, "unit", jsonw_str(unit));
	jsonw_set(o, "date", jsonw_str(arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d)));
	jsonw_set(o, "toe", f.has_toe ? jsonw_real(f.toe) : json_null());
	jsonw_set(o, "gj", f.has_gj ? jsonw_real(f.gj) : json_null());
	jsonw_set(o, "kgco2", f.has_kgco2 ? jsonw_real(f.kgco2) : json_null());
	jsonw_set(o, "toe_derived", jsonw_bool(f.toe_derived));
	return api_send(resp, 200, o);
}

/* The named resources under /api/v1/refdata/. */
static const struct {
	const char *name;
	int (*fn)(struct http_request *, struct http_response *, struct db *);
} refdata_items[] = {
    {"carriers", refdata_carriers},
    {"factor", refdata_factor},
};

int
api_refdata_item(struct http_request *req, struct http_response *resp)
{
	const char *name = req->path + strlen("/api/v1/refdata/");
	for (size_t i = 0; i < sizeof(refdata_items) / sizeof(refdata_items[0]); i++) {
		if (strcmp(name, refdata_items[i].name) != 0)
			continue;
		struct db *db = api_db(req);
		return db != NULL ? refdata_items[i].fn(req, resp, db) : -1;
	}
	api_problem(req, resp, 404, "Không tìm thấy", "Not found");
	return 0;
}
