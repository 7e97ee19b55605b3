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
#include "db/db.h"
#include "model/refdata.h"
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

static int
refdata_carriers(struct http_request *req, struct http_response *resp, struct db *db)
{
	struct db_stmt *st = db_stmt(db, STMT_API_CARRIERS);
	if (st == NULL)
		return -1;
	json_t *items = jsonw_arr();
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		json_t *o = jsonw_obj();
		jsonw_set(o, "code", jsonw_str(db_col_text(st, 0)));
		jsonw_set(o, "name", jsonw_str(db_col_text(st, req->lang == LANG_EN ? 2 : 1)));
		jsonw_set(o, "kind", jsonw_str(db_col_text(st, 3)));
		jsonw_set(o, "native_unit", jsonw_str(db_col_text(st, 4)));
		jsonw_set(o, "biogenic", jsonw_bool(db_col_int(st, 5) != 0));
		jsonw_push(items, o);
	}
	db_reset(st);
	if (rc != DB_DONE) {
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
	int rc = refdata_factor_get(db, carrier, unit,
				    arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d), &f);
	if (rc == DB_NOTFOUND) {
		api_problem(req, resp, 404, "Không có hệ số cho nhiên liệu, đơn vị và ngày này",
			    "No factor for this carrier, unit and date");
		return 0;
	}
	if (rc != DB_OK)
		return -1;
	json_t *o = jsonw_obj();
	jsonw_set(o, "carrier", jsonw_str(carrier));
	jsonw_set(o, "unit", jsonw_str(unit));
	jsonw_set(o, "date", jsonw_str(arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d)));
	jsonw_set(o, "toe", f.has_toe ? jsonw_real(f.toe) : json_null());
	jsonw_set(o, "gj", f.has_gj ? jsonw_real(f.gj) : json_null());
	jsonw_set(o, "kgco2", f.has_kgco2 ? jsonw_real(f.kgco2) : json_null());
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
