/*
 * GET /api/v1/facilities: the public facility directory (model/registry/facility.h)
 * with its filters (q, sector, unit, ownership, size) and pagination.
 * GET /api/v1/facilities/{id}: one facility's full profile, within the
 * caller's scope (model/registry/facility_edit.h): another facility answers 404.
 */
#include <stdint.h>
#include <string.h>

#include "api/api_int.h"
#include "model/registry/facility.h"
#include "model/registry/facility_edit.h"

/* Filters copied from the query string into struct facility_filter. */
static const struct {
	const char *name;
	size_t off;
} facility_params[] = {
    {"q", offsetof(struct facility_filter, q)},
    {"sector", offsetof(struct facility_filter, sector)},
    {"unit", offsetof(struct facility_filter, unit)},
    {"ownership", offsetof(struct facility_filter, ownership)},
    {"size", offsetof(struct facility_filter, size)},
};

int
api_facilities(struct http_request *req, struct http_response *resp)
{
	struct api_page p;
	if (api_page_read(req, resp, &p) < 0)
		return 0;
	struct facility_filter f = {.page = p.page, .per_page = p.per_page};
	for (size_t i = 0; i < sizeof(facility_params) / sizeof(facility_params[0]); i++) {
		const char *v = http_param(req, facility_params[i].name);
		if (v != NULL && v[0] != '\0')
			*(const char **)((char *)&f + facility_params[i].off) = v;
	}
	if ((f.ownership != NULL && names_find(names_ownership, OWN__MAX, f.ownership) == NULL) ||
	    (f.size != NULL && names_find(names_size, SIZE__MAX, f.size) == NULL)) {
		api_problem(req, resp, 400, "Giá trị ownership hoặc size không hợp lệ",
			    "Unknown ownership or size value");
		return 0;
	}
	struct db *db = api_db(req);
	struct facility_page pg;
	if (db == NULL || facility_list(db, &req->arena, &f, &pg) < 0)
		return -1;
	json_t *items = jsonw_arr();
	for (int i = 0; i < pg.n; i++) {
		const struct facility_row *r = &pg.rows[i];
		json_t *o = jsonw_obj();
		jsonw_set(o, "id", jsonw_int(r->id));
		jsonw_set(o, "name", jsonw_str(r->name));
		jsonw_set(o, "sector_code", jsonw_str(r->sector_code));
		jsonw_set(o, "sector_name", jsonw_str(HTTP_T(req, r->sector_vi, r->sector_en)));
		jsonw_set(o, "unit_name", jsonw_str(HTTP_T(req, r->unit_vi, r->unit_en)));
		jsonw_set(o, "ownership", jsonw_str(r->ownership));
		jsonw_set(o, "size", jsonw_str(r->size));
		jsonw_push(items, o);
	}
	json_t *doc = jsonw_obj();
	jsonw_set(doc, "items", items);
	api_page_meta(req, doc, &p, pg.total);
	return api_send(resp, 200, doc);
}

int
api_facility(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	const char *rest;
	if (api_path_id(req, resp, "/api/v1/facilities/", &id, &rest) < 0)
		return 0;
	if (rest[0] != '\0') {
		api_problem(req, resp, 404, "Không tìm thấy", "Not found");
		return 0;
	}
	struct db *db = api_db(req);
	if (db == NULL)
		return -1;
	struct facility_profile f;
	int rc = facility_profile_get(db, req->who, id, &f);
	if (rc != ST_OK)
		return api_wf_fail(req, resp, rc, NULL);
	json_t *o = jsonw_obj();
	jsonw_set(o, "id", jsonw_int(f.id));
	jsonw_set(o, "code", jsonw_str(f.code));
	jsonw_set(o, "tax_code", api_str_or_null(f.tax_code));
	jsonw_set(o, "name", jsonw_str(f.name));
	jsonw_set(o, "sector_code", jsonw_str(f.sector_code));
	jsonw_set(o, "admin_unit_id", jsonw_int(f.admin_unit_id));
	jsonw_set(o, "address", api_str_or_null(f.address));
	jsonw_set(o, "lat", f.has_geo ? jsonw_real(f.lat) : json_null());
	jsonw_set(o, "lon", f.has_geo ? jsonw_real(f.lon) : json_null());
	jsonw_set(o, "ownership", jsonw_str(f.ownership));
	jsonw_set(o, "size", jsonw_str(f.size));
	jsonw_set(o, "employees", f.employees >= 0 ? jsonw_int(f.employees) : json_null());
	jsonw_set(o, "opened_year", f.opened_year > 0 ? jsonw_int(f.opened_year) : json_null());
	jsonw_set(o, "closed_year", f.closed_year > 0 ? jsonw_int(f.closed_year) : json_null());
	jsonw_set(o, "status", jsonw_str(f.status));
	jsonw_set(o, "version", jsonw_int(f.version));
	return api_send(resp, 200, o);
}
