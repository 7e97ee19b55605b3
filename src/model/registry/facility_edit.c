/*
 * Facility profile edits (see facility_edit.h).  The before and after
 * profiles go to the audit log as JSON with sorted keys.
 */
#include "model/registry/facility_edit.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/accounts/scope.h"
#include "util/fold.h"
#include "util/log.h"

#define R_EDIT (ROLE_BIT(ROLE_ENTERPRISE) | ROLES_PROVINCE)

static const struct val_label lbl_name = {"tên cơ sở", "facility name"};
static const struct val_label lbl_sector = {"ngành (VSIC)", "sector (VSIC)"};
static const struct val_label lbl_address = {"địa chỉ", "address"};
static const struct val_label lbl_lat = {"vĩ độ", "latitude"};
static const struct val_label lbl_lon = {"kinh độ", "longitude"};
static const struct val_label lbl_employees = {"số lao động", "employees"};
static const struct val_label lbl_opened = {"năm hoạt động", "year opened"};
static const struct val_label lbl_closed = {"năm ngừng hoạt động", "year closed"};

int
facility_profile_get(struct db *db, const struct principal *who, int64_t id,
		     struct facility_profile *out)
{
	struct db_stmt *st = db_stmt(db, STMT_FACILITY_GET);
	scope_bind(st, who);
	db_bind_int(st, 4, id);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW)
		goto fail;
	memset(out, 0, sizeof(*out));
	out->id = db_col_int(st, 0);
	snprintf(out->code, sizeof(out->code), "%s", db_col_text(st, 1));
	snprintf(out->tax_code, sizeof(out->tax_code), "%s", db_col_text(st, 2));
	snprintf(out->name, sizeof(out->name), "%s", db_col_text(st, 3));
	snprintf(out->sector_code, sizeof(out->sector_code), "%s", db_col_text(st, 4));
	out->admin_unit_id = db_col_int(st, 5);
	snprintf(out->address, sizeof(out->address), "%s", db_col_text(st, 6));
	out->has_geo = !db_col_is_null(st, 7) && !db_col_is_null(st, 8);
	out->lat = db_col_double(st, 7);
	out->lon = db_col_double(st, 8);
	snprintf(out->ownership, sizeof(out->ownership), "%s", db_col_text(st, 9));
	snprintf(out->size, sizeof(out->size), "%s", db_col_text(st, 10));
	out->employees = db_col_is_null(st, 11) ? -1 : db_col_int(st, 11);
	out->opened_year = (int)db_col_int(st, 12);
	out->closed_year = (int)db_col_int(st, 13);
	snprintf(out->status, sizeof(out->status), "%s", db_col_text(st, 14));
	out->version = db_col_int(st, 15);
	db_reset(st);
	return ST_OK;
fail:
	log_err("facility %lld: %s", (long long)id, db_errmsg(db));
	return ST_ERR;
}

/* The text field f (validate.h); required fields report a missing value. */
static void
check_text(const char *s, enum val_field f, int required, const struct val_label *l,
	   const char *field, char *dst, size_t dsz, struct wf_errors *errs)
{
	struct msg em;
	if (s[0] == '\0' && !required)
		dst[0] = '\0';
	else if (val_text(f, s, l, &em) != VAL_OK)
		wf_errors_add(errs, &em, "%s", field);
	else
		snprintf(dst, dsz, "%s", s);
}

/* Fills p from in; returns the number of errors added. */
static int
validate(struct db *db, int64_t id, const struct facility_profile_input *in,
	 struct facility_profile *p, struct wf_errors *errs)
{
	struct msg em;
	int e0 = errs->n + errs->more, k;
	int64_t v;
	check_text(wf_nz(in->name), VF_NAME, 1, &lbl_name, "name", p->name, sizeof(p->name), errs);
	check_text(wf_nz(in->address), VF_ADDRESS, 0, &lbl_address, "address", p->address,
		   sizeof(p->address), errs);
	const char *own = wf_nz(in->ownership);
	if (val_ownership(own, &k, &em) != VAL_OK)
		wf_errors_add(errs, &em, "ownership");
	else
		snprintf(p->ownership, sizeof(p->ownership), "%s", own);
	if (val_size(wf_nz(in->size), &k, &em) != VAL_OK)
		wf_errors_add(errs, &em, "size");
	else
		snprintf(p->size, sizeof(p->size), "%s", in->size);
	const char *tax = wf_nz(in->tax_code);
	p->tax_code[0] = '\0';
	if (tax[0] != '\0') {
		if (val_tax_code(tax, strcmp(own, "household") == 0, &em) != VAL_OK) {
			wf_errors_add(errs, &em, "tax_code");
		} else {
			struct db_stmt *st = db_stmt(db, STMT_FACILITY_TAX_TAKEN);
			int taken = 0;
			if (st != NULL) {
				db_bind_text(st, 1, tax);
				db_bind_int(st, 2, id);
				taken = db_step(st) == DB_ROW;
				db_reset(st);
			}
			if (taken)
				wf_errors_add_id(errs, MSG_FAC_TAX_TAKEN, "tax_code");
			snprintf(p->tax_code, sizeof(p->tax_code), "%s", tax);
		}
	}
	const char *sec = wf_nz(in->sector_code);
	struct db_stmt *st = db_stmt(db, STMT_SECTOR_EXISTS);
	int known = 0;
	if (sec[0] != '\0' && st != NULL) {
		db_bind_text(st, 1, sec);
		known = db_step(st) == DB_ROW;
		db_reset(st);
	}
	if (sec[0] == '\0') {
		val_missing(&lbl_sector, &em);
		wf_errors_add(errs, &em, "sector_code");
	} else if (!known) {
		val_unknown_code(&lbl_sector, sec, &em);
		wf_errors_add(errs, &em, "sector_code");
	} else {
		snprintf(p->sector_code, sizeof(p->sector_code), "%s", sec);
	}
	const char *lat = wf_nz(in->lat), *lon = wf_nz(in->lon);
	p->has_geo = lat[0] != '\0' || lon[0] != '\0';
	if (p->has_geo) {
		if (val_number(VF_LAT, lat, &lbl_lat, &p->lat, &em) != VAL_OK)
			wf_errors_add(errs, &em, "lat");
		if (val_number(VF_LON, lon, &lbl_lon, &p->lon, &em) != VAL_OK)
			wf_errors_add(errs, &em, "lon");
	}
	p->employees = -1;
	if (wf_nz(in->employees)[0] != '\0') {
		if (val_integer(VF_EMPLOYEES, in->employees, &lbl_employees, &v, &em) != VAL_OK)
			wf_errors_add(errs, &em, "employees");
		else
			p->employees = v;
	}
	p->opened_year = p->closed_year = 0;
	if (wf_nz(in->opened_year)[0] != '\0' &&
	    val_year(in->opened_year, &lbl_opened, &p->opened_year, &em) != VAL_OK)
		wf_errors_add(errs, &em, "opened_year");
	if (wf_nz(in->closed_year)[0] != '\0' &&
	    val_year(in->closed_year, &lbl_closed, &p->closed_year, &em) != VAL_OK)
		wf_errors_add(errs, &em, "closed_year");
	if (p->opened_year && p->closed_year && p->closed_year < p->opened_year)
		wf_errors_add_id(errs, MSG_FAC_CLOSED_BEFORE_OPENED, "closed_year");
	return errs->n + errs->more - e0;
}

static char *
profile_json(const struct facility_profile *p)
{
	json_t *o = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:s, s:I}",
	    "id", (json_int_t)p->id, "code", p->code, "tax_code", p->tax_code, "name", p->name,
	    "sector_code", p->sector_code, "admin_unit_id", (json_int_t)p->admin_unit_id, "address",
	    p->address, "lat", p->has_geo ? json_real(p->lat) : json_null(), "lon",
	    p->has_geo ? json_real(p->lon) : json_null(), "ownership", p->ownership, "size",
	    p->size, "employees", p->employees >= 0 ? json_integer(p->employees) : json_null(),
	    "opened_year", p->opened_year ? json_integer(p->opened_year) : json_null(),
	    "closed_year", p->closed_year ? json_integer(p->closed_year) : json_null(), "status",
	    p->status, "version", (json_int_t)p->version);
	return wf_json_take(o);
}

int
facility_profile_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
			const struct facility_profile_input *in, struct wf_errors *errs)
{
	struct facility_profile before, after;
	char ids[32];
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "facility update", WF_PUBLIC);
	int rc = facility_profile_get(db, who, id, &before);
	if (rc != ST_OK)
		goto out;
	rc = ST_FORBIDDEN;
	if (!scope_has_role(who, R_EDIT))
		goto out;
	rc = ST_CONFLICT;
	if (before.version != version)
		goto out;
	after = before;
	rc = ST_INVALID;
	if (validate(db, id, in, &after, errs) > 0)
		goto out;
	rc = ST_ERR;
	char *key = fold_key(after.name);
	struct db_stmt *st = db_stmt(db, STMT_FACILITY_UPDATE);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, version);
	db_bind_text(st, 3, after.tax_code[0] ? after.tax_code : NULL);
	db_bind_text(st, 4, after.name);
	db_bind_text(st, 5, key);
	db_bind_text(st, 6, after.sector_code);
	db_bind_text(st, 7, after.address[0] ? after.address : NULL);
	db_bind_opt_double(st, 8, after.lat, !after.has_geo);
	db_bind_opt_double(st, 9, after.lon, !after.has_geo);
	db_bind_text(st, 10, after.ownership);
	db_bind_text(st, 11, after.size);
	if (after.employees >= 0)
		db_bind_int(st, 12, after.employees);
	if (after.opened_year)
		db_bind_int(st, 13, after.opened_year);
	if (after.closed_year)
		db_bind_int(st, 14, after.closed_year);
	rc = db_run(st) == DB_OK ? ST_OK : ST_ERR;
	free(key);
	if (rc != ST_OK)
		goto out;
	after.version = version + 1;
	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	char *b = profile_json(&before), *a = profile_json(&after);
	if (audit_write(db, who, wf_now(), "facility.update", "facility", ids, b, a) < 0)
		rc = ST_ERR;
	free(b);
	free(a);
out:
	return wf_finish(db, rc, "facility update", WF_PUBLIC);
}
