/*
 * GET /facilities/{id}: one facility for staff in whose scope it is and
 * for its own enterprise users (others get 404: scope is in the SQL).  The
 * page shows the profile (with the edit form for those allowed: province
 * staff and the enterprise), the full energy history from the ledger
 * (TOE, GJ, CO2, SEC of the main product against its norm, and the report
 * of each year with its status), two SVG charts (TOE per year as a share
 * of the highest year; SEC as a percentage of the norm), and the
 * facility's position among peers for its main product in its latest year
 * (bench_compute: percentile, ratio to the norm).  POST
 * /facilities/{id}/profile saves the profile (facility_profile_update)
 * and redirects back; errors are shown beside the fields, a stale version
 * answers 409 with the input kept.  Province staff also get a form that
 * gives the facility to an enterprise account by its email (POST
 * /facilities/{id}/assign, claim_assign: the membership is confirmed at
 * once, no claim needed); an unknown or non-enterprise account is shown
 * beside the field.  The public directory (facilities.c) stays without
 * energy figures.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/analytics/benchmark.h"
#include "model/registry/claim.h"
#include "model/names.h"
#include "model/registry/facility.h"
#include "model/registry/facility_edit.h"
#include "model/analytics/ledger.h"
#include "model/reporting/report.h"
#include "model/accounts/user.h"
#include "render/html.h"
#include "render/svg.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/wfpage.h"

#define FP_FIRST_YEAR 1990
#define FP_LAST_YEAR  2100
#define FP_CHART_MAX  (256u * 1024)

/* The editable profile fields: input member, label. */
static const struct {
	const char *name, *vi, *en;
} fp_fields[] = {
    {"name", "Tên cơ sở", "Name"},
    {"tax_code", "Mã số thuế", "Tax code"},
    {"sector_code", "Ngành (VSIC)", "Sector (VSIC)"},
    {"address", "Địa chỉ", "Address"},
    {"lat", "Vĩ độ", "Latitude"},
    {"lon", "Kinh độ", "Longitude"},
    {"ownership", "Loại hình sở hữu", "Ownership"},
    {"size", "Quy mô", "Size"},
    {"employees", "Số lao động", "Employees"},
    {"opened_year", "Năm hoạt động", "Opened"},
    {"closed_year", "Năm ngừng", "Closed"},
};
#define FP_NFIELDS (sizeof(fp_fields) / sizeof(fp_fields[0]))
enum { FP_SECTOR = 2, FP_LAT = 4, FP_LON = 5, FP_OWNERSHIP = 6, FP_SIZE = 7 };

/* The choices of a field shown as a <select>: codes with names; NULL for a text field. */
struct fp_choices {
	const struct name *opts;
	int n;
};

/*
 * A <select> of choices for field name with label, value selected (a
 * stored or posted code; one not among the choices is kept as an option of
 * its own so that nothing typed is lost), with the field's error.
 */
static void
fp_select(struct http_request *req, struct buf *b, const char *label, const char *name,
	  const char *value, const struct fp_choices *c, int with_code,
	  const struct wf_errors *errs)
{
	int bad = errs != NULL && wf_errors_find(errs, name) != NULL;
	int found = value == NULL || value[0] == '\0';
	html_open(b, "label", NULL);
	html_text(b, label);
	if (bad)
		html_open(b, "select", "name", name, "aria-invalid", "true", NULL);
	else
		html_open(b, "select", "name", name, NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, HTTP_T(req, "— Chọn —", "— Choose —"));
	html_close(b, "option");
	for (int i = 0; i < c->n; i++) {
		const struct name *o = &c->opts[i];
		int sel = value != NULL && strcmp(value, o->code) == 0;
		found |= sel;
		if (sel)
			html_open(b, "option", "value", o->code, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", o->code, NULL);
		if (with_code)
			html_textf(b, "%s — %s", o->code, HTTP_T(req, o->name_vi, o->name_en));
		else
			html_text(b, HTTP_T(req, o->name_vi, o->name_en));
		html_close(b, "option");
	}
	if (!found) {
		html_open(b, "option", "value", value, "selected", "selected", NULL);
		html_text(b, value);
		html_close(b, "option");
	}
	html_close(b, "select");
	wfp_field_error(req, b, errs, name);
	html_close(b, "label");
}

/* The name of code among c's choices in the page's language; code itself when unknown. */
static const char *
fp_choice_name(struct http_request *req, const struct fp_choices *c, const char *code,
	       int with_code)
{
	const struct name *o = names_find(c->opts, c->n, code);
	if (o == NULL)
		return code;
	const char *nm = HTTP_T(req, o->name_vi, o->name_en);
	return with_code ? arena_printf(&req->arena, "%s — %s", o->code, nm) : nm;
}

/* The profile's stored values as text, in fp_fields order. */
static void
fp_values(struct http_request *req, const struct facility_profile *p, const char **v)
{
	v[0] = p->name;
	v[1] = p->tax_code;
	v[2] = p->sector_code;
	v[3] = p->address;
	/* Coordinates the page's way ("10,0123" on Vietnamese pages), every digit kept. */
	v[4] = p->has_geo ? wfp_qty_input(req, p->lat) : "";
	v[5] = p->has_geo ? wfp_qty_input(req, p->lon) : "";
	v[6] = p->ownership;
	v[7] = p->size;
	v[8] = p->employees >= 0 ? arena_printf(&req->arena, "%lld", (long long)p->employees) : "";
	v[9] = p->opened_year > 0 ? arena_printf(&req->arena, "%d", p->opened_year) : "";
	v[10] = p->closed_year > 0 ? arena_printf(&req->arena, "%d", p->closed_year) : "";
}

static int
fp_may_edit(const struct http_request *req)
{
	return req->who != NULL &&
	       (ROLE_BIT(req->who->role) & (ROLES_PROVINCE | ROLE_BIT(ROLE_ENTERPRISE)));
}

static int
fp_profile(struct http_request *req, struct buf *b, const struct facility_profile *p,
	   const char **v, const struct wf_errors *errs)
{
	struct fp_choices ch[FP_NFIELDS] = {0};
	struct name *sectors;
	int nsectors;
	if (facility_sector_options(http_request_db(req), &req->arena, &sectors, &nsectors) < 0)
		return -1;
	ch[FP_SECTOR] = (struct fp_choices){sectors, nsectors};
	ch[FP_OWNERSHIP] = (struct fp_choices){names_ownership, OWN__MAX};
	ch[FP_SIZE] = (struct fp_choices){names_size, SIZE__MAX};
	html_elem(b, "h2", HTTP_T(req, "Hồ sơ", "Profile"));
	if (!fp_may_edit(req)) {
		html_open(b, "table", "class", "list", NULL);
		for (size_t i = 0; i < FP_NFIELDS; i++) {
			const char *shown = ch[i].opts != NULL
						? fp_choice_name(req, &ch[i], v[i], i == FP_SECTOR)
						: v[i];
			html_open(b, "tr", NULL);
			html_open(b, "th", "scope", "row", NULL);
			html_text(b, HTTP_T(req, fp_fields[i].vi, fp_fields[i].en));
			html_close(b, "th");
			html_elem(b, "td", shown[0] ? shown : "—");
			html_close(b, "tr");
		}
		html_close(b, "table");
		return 0;
	}
	html_open(b, "form", "class", "stack profile", "method", "post", "action",
		  web_url(req,
			  arena_printf(&req->arena, "/facilities/%lld/profile", (long long)p->id),
			  NULL, 0),
		  NULL);
	web_csrf_field(req, b, NULL);
	const char *ver = req->method == HTTP_POST ? http_form(req, "version") : NULL;
	html_open(b, "input", "type", "hidden", "name", "version", "value",
		  ver != NULL ? ver : arena_printf(&req->arena, "%lld", (long long)p->version),
		  NULL);
	for (size_t i = 0; i < FP_NFIELDS; i++) {
		const char *label = HTTP_T(req, fp_fields[i].vi, fp_fields[i].en);
		if (ch[i].opts != NULL)
			fp_select(req, b, label, fp_fields[i].name, v[i], &ch[i], i == FP_SECTOR,
				  errs);
		else
			wfp_input(req, b, label, fp_fields[i].name, v[i], errs);
	}
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Lưu hồ sơ", "Save the profile"));
	html_close(b, "button");
	html_close(b, "form");
	return 0;
}

/* The history table and charts from the ledger. */
static void
fp_history(struct http_request *req, struct db *db, struct buf *b, const struct ledger *l)
{
	html_elem(b, "h2", HTTP_T(req, "Lịch sử năng lượng", "Energy history"));
	if (l->nreports == 0) {
		html_elem(b, "p", HTTP_T(req, "Chưa có báo cáo.", "No reports yet."));
		return;
	}
	int n = l->nreports;
	int *years = arena_alloc(&req->arena, sizeof(int) * (size_t)n);
	double *toe = arena_alloc(&req->arena, sizeof(double) * (size_t)n);
	double *ratio = arena_alloc(&req->arena, sizeof(double) * (size_t)n);
	double max = 0;
	for (int i = 0; i < n; i++)
		if (l->reports[i].toe_ok && l->reports[i].toe > max)
			max = l->reports[i].toe;
	web_scroll_open(b, HTTP_T(req, "Bảng số liệu", "Figures"));
	html_open(b, "table", "class", "list history", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	static const char *const th[][2] = {{"Năm", "Year"},
					    {"TOE", "TOE"},
					    {"GJ", "GJ"},
					    {"tCO₂", "tCO₂"},
					    {"Sản phẩm chính", "Main product"},
					    {"Suất tiêu hao", "SEC"},
					    {"Định mức", "Norm"},
					    {"Báo cáo", "Report"}};
	for (size_t i = 0; i < sizeof(th) / sizeof(th[0]); i++)
		html_elem(b, "th", HTTP_T(req, th[i][0], th[i][1]));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		const struct ledger_report *r = &l->reports[i];
		years[i] = r->year;
		toe[i] = r->toe_ok && max > 0 ? r->toe / max * 100 : NAN;
		const struct ledger_product *mp =
		    r->main_product >= 0 ? &r->products[r->main_product] : NULL;
		ratio[i] = mp != NULL && isfinite(mp->norm_ratio) ? mp->norm_ratio * 100 : NAN;
		html_open(b, "tr", NULL);
		html_elem(b, "td", arena_printf(&req->arena, "%d", r->year));
		html_elem(b, "td",
			  r->toe_ok	      ? web_qty(req, r->toe, FMT_TOE)
			  : r->energy_missing ? wfp_text_id(req, MSG_ENERGY_MISSING)
					      : "—");
		html_elem(b, "td", r->gj_ok ? web_qty(req, r->gj, FMT_GJ) : "—");
		html_elem(b, "td", r->co2_ok ? web_qty(req, r->co2_t, FMT_CO2) : "—");
		html_elem(b, "td", mp != NULL ? mp->product : "—");
		html_elem(b, "td",
			  mp != NULL && isfinite(mp->sec)
			      ? arena_printf(&req->arena, "%s %s/%s",
					     web_qty(req, mp->sec, FMT_SEC), mp->sec_energy_unit,
					     mp->sec_per_unit)
			      : "—");
		html_elem(b, "td",
			  mp != NULL && isfinite(mp->norm) ? web_qty(req, mp->norm, FMT_SEC) : "—");
		struct report *rep = NULL;
		html_open(b, "td", NULL);
		if (report_get(db, req->who, r->report_id, &rep) == ST_OK) {
			html_open(b, "a", "href",
				  web_url(req,
					  arena_printf(&req->arena, "/reports/%lld",
						       (long long)r->report_id),
					  NULL, 0),
				  NULL);
			html_text(b, wfp_state_label(req, rep->doc.state));
			html_close(b, "a");
		}
		report_free(rep);
		html_close(b, "td");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");

	struct buf chart;
	buf_init(&chart, FP_CHART_MAX);
	struct svg_chart c = {
	    .title = HTTP_T(req, "TOE theo năm (% so với năm cao nhất)",
			    "TOE per year (% of the highest year)"),
	    .n = n,
	    .labels = years,
	    .values = toe,
	    .target = NAN,
	    .lang = req->lang,
	    .id = "fac-toe",
	};
	svg_bar_chart(&chart, &c);
	struct svg_chart s = {
	    .title = HTTP_T(req, "Suất tiêu hao của sản phẩm chính (% định mức)",
			    "SEC of the main product (% of the norm)"),
	    .n = n,
	    .labels = years,
	    .values = ratio,
	    .target = 100,
	    .lang = req->lang,
	    .id = "fac-sec",
	};
	svg_bar_chart(&chart, &s);
	if (!chart.overflow) {
		html_open(b, "div", "class", "charts", NULL);
		html_raw(b, buf_str(&chart)); /* markup from render/svg.c, escaped there */
		html_close(b, "div");
	}
	buf_free(&chart);
}

/* Position among peers for the main product of the latest year with one. */
static void
fp_peers(struct http_request *req, struct db *db, struct buf *b, const struct ledger *l,
	 int64_t fid)
{
	const struct ledger_report *r = NULL;
	for (int i = l->nreports - 1; i >= 0 && r == NULL; i--)
		if (l->reports[i].main_product >= 0)
			r = &l->reports[i];
	if (r == NULL)
		return;
	const char *product = r->products[r->main_product].product;
	html_elem(b, "h2",
		  HTTP_T(req, "Vị trí so với các cơ sở cùng sản phẩm", "Position among peers"));
	struct bench_result *br = NULL;
	char err[256];
	if (bench_compute(db, product, r->year, &br, err, sizeof(err)) < 0) {
		log_err("facility page: %s", err);
		html_elem(b, "p", HTTP_T(req, "Không tính được.", "Could not be computed."));
		return;
	}
	const struct bench_peer *me = NULL;
	for (int i = 0; i < br->npeers; i++)
		if (br->peers[i].facility_id == fid)
			me = &br->peers[i];
	html_open(b, "p", "class", "peers", NULL);
	if (me == NULL) {
		html_textf(b, "%s %s, %d: %s", HTTP_T(req, "Sản phẩm", "Product"), product, r->year,
			   HTTP_T(req, "suất tiêu hao chưa tính được.", "SEC not computable."));
	} else if (!br->enough_peers) {
		html_textf(b, "%s %s, %d: %s (%d)", HTTP_T(req, "Sản phẩm", "Product"), product,
			   r->year, HTTP_T(req, "chưa đủ cơ sở để so sánh", "not enough peers"),
			   br->npeers);
	} else {
		html_textf(b, "%s %s, %d: %s %s %s %d %s; %s %s",
			   HTTP_T(req, "Sản phẩm", "Product"), product, r->year,
			   HTTP_T(req, "bách phân vị", "percentile"),
			   web_qty(req, me->percentile, FMT_RANK), HTTP_T(req, "trong", "among"),
			   br->npeers, HTTP_T(req, "cơ sở", "facilities"),
			   HTTP_T(req, "tỷ lệ so với định mức", "ratio to the norm"),
			   web_pct(req, me->norm_ratio * 100));
	}
	html_close(b, "p");
	bench_result_free(br);
}

/* Province staff: give the facility to an enterprise account (by email). */
static void
fp_assign_form(struct http_request *req, struct buf *b, const struct facility_profile *p,
	       const struct wf_errors *errs)
{
	if (req->who == NULL || !(ROLE_BIT(req->who->role) & ROLES_PROVINCE))
		return;
	html_elem(b, "h2", HTTP_T(req, "Giao cơ sở cho doanh nghiệp", "Give to an enterprise"));
	html_open(b, "form", "class", "stack", "method", "post", "action",
		  web_url(req,
			  arena_printf(&req->arena, "/facilities/%lld/assign", (long long)p->id),
			  NULL, 0),
		  NULL);
	web_csrf_field(req, b, NULL);
	wfp_input(req, b, HTTP_T(req, "Email tài khoản doanh nghiệp", "Enterprise account email"),
		  "email", req->method == HTTP_POST ? http_form(req, "email") : NULL, errs);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Giao cơ sở", "Give the facility"));
	html_close(b, "button");
	html_close(b, "form");
}

static int
fp_render(struct http_request *req, struct http_response *resp, struct db *db,
	  const struct facility_profile *p, const char **v, const struct wf_errors *errs,
	  const char *problem)
{
	struct ledger *l = NULL;
	char err[256];
	if (ledger_load(db, FP_FIRST_YEAR, FP_LAST_YEAR, p->id, &l, err, sizeof(err)) < 0) {
		log_err("facility page: %s", err);
		return -1;
	}
	const char *title = arena_printf(&req->arena, "%s · %s", p->code, p->name);
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	const char *done = http_param(req, "done");
	if (done != NULL && req->method == HTTP_GET)
		wfp_message(&b, 0,
			    strcmp(done, "assigned") == 0
				? HTTP_T(req, "Đã giao cơ sở cho tài khoản.",
					 "The facility was given to the account.")
				: HTTP_T(req, "Đã lưu hồ sơ.", "Profile saved."));
	wfp_message(&b, 1, problem);
	if (fp_may_edit(req)) {
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		int year = tm.tm_year + 1900 - 1; /* the report filed in a year is for the last */
		html_open(&b, "p", "class", "actions", NULL);
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, "/facilities/%lld/report/%d",
					       (long long)p->id, year),
				  NULL, 0),
			  NULL);
		html_textf(&b, "%s %d", HTTP_T(req, "Báo cáo năm", "Annual report"), year);
		html_close(&b, "a");
		html_text(&b, " · ");
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, "/facilities/%lld/registration/%d",
					       (long long)p->id, year + 1),
				  NULL, 0),
			  NULL);
		html_textf(&b, "%s %d", HTTP_T(req, "Đăng ký năm", "Registration for"), year + 1);
		html_close(&b, "a");
		html_close(&b, "p");
	}
	if (fp_profile(req, &b, p, v, errs) < 0) {
		ledger_free(l);
		buf_free(&b);
		return -1;
	}
	fp_assign_form(req, &b, p, errs);
	fp_history(req, db, &b, l);
	fp_peers(req, db, &b, l, p->id);
	ledger_free(l);
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/* Answers 303 to the facility's page with ?done=what. */
static void
fp_done(struct http_request *req, struct http_response *resp, int64_t id, const char *what)
{
	struct http_param done = {"done", what};
	wfp_redirect(
	    resp,
	    web_url(req, arena_printf(&req->arena, "/facilities/%lld", (long long)id), &done, 1));
}

/*
 * The facility of the route's id as req->who may see it: fills *db (the
 * request's connection) and *p, and returns 0.  Otherwise returns -1 and
 * *result is what the handler returns: -1 without a connection, or the
 * answer of wfp_fail (404 for a bad id, or the model's refusal).
 */
static int
fp_load(struct http_request *req, struct http_response *resp, struct db **db,
	struct facility_profile *p, int *result)
{
	int64_t id;
	*db = http_request_db(req);
	if (*db == NULL) {
		*result = -1;
		return -1;
	}
	if (!wfp_ids(req, &id, 1)) {
		*result = wfp_fail(req, resp, ST_NOTFOUND);
		return -1;
	}
	int rc = facility_profile_get(*db, req->who, id, p);
	if (rc != ST_OK) {
		*result = wfp_fail(req, resp, rc);
		return -1;
	}
	return 0;
}

int
web_facility_page(struct http_request *req, struct http_response *resp)
{
	struct db *db;
	struct facility_profile p;
	int rc;
	if (fp_load(req, resp, &db, &p, &rc) < 0)
		return rc;
	const char *v[FP_NFIELDS];
	fp_values(req, &p, v);
	return fp_render(req, resp, db, &p, v, NULL, NULL);
}

int
web_facility_profile(struct http_request *req, struct http_response *resp)
{
	int64_t version = 0;
	struct db *db;
	struct facility_profile p;
	int rc;
	if (fp_load(req, resp, &db, &p, &rc) < 0)
		return rc;
	const char *v[FP_NFIELDS];
	for (size_t i = 0; i < FP_NFIELDS; i++) {
		v[i] = http_form(req, fp_fields[i].name);
		if (v[i] == NULL)
			v[i] = "";
	}
	/* Coordinates typed the page's way: "10,0123" on Vietnamese pages. */
	struct facility_profile_input in = {v[0],
					    v[1],
					    v[2],
					    v[3],
					    wfp_qty_posted(req, v[FP_LAT]),
					    wfp_qty_posted(req, v[FP_LON]),
					    v[6],
					    v[7],
					    v[8],
					    v[9],
					    v[10]};
	const char *ver = http_form(req, "version");
	struct wf_errors errs;
	wf_errors_clear(&errs);
	if (ver == NULL || parse_int64(ver, &version) < 0)
		rc = ST_CONFLICT;
	else
		rc = facility_profile_update(db, req->who, p.id, version, &in, &errs);
	if (rc == ST_OK) {
		fp_done(req, resp, p.id, "profile");
		return 0;
	}
	if (rc == ST_INVALID) {
		resp->status = 400;
		wfp_qty_error(req, &errs, "lat", v[FP_LAT]);
		wfp_qty_error(req, &errs, "lon", v[FP_LON]);
		return fp_render(req, resp, db, &p, v, &errs, NULL);
	}
	if (rc == ST_CONFLICT || rc == ST_FULL) { /* the form again, input kept */
		resp->status = rc == ST_FULL ? 507 : 409;
		return fp_render(req, resp, db, &p, v, &errs, wfp_text_id(req, msg_status(rc)));
	}
	return wfp_fail(req, resp, rc);
}

int
web_facility_assign(struct http_request *req, struct http_response *resp)
{
	struct db *db;
	struct facility_profile p;
	int rc;
	if (fp_load(req, resp, &db, &p, &rc) < 0)
		return rc;
	const char *email = http_form(req, "email");
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct user u;
	memset(&u, 0, sizeof(u));
	enum status ust = ST_NOTFOUND;
	if (email == NULL || email[0] == '\0')
		wf_errors_add_id(&errs, MSG_VAL_REQUIRED, "email");
	else if ((ust = user_by_email(db, email, &u)) == ST_ERR)
		return -1;
	else if (ust == ST_NOTFOUND)
		wf_errors_add_id(&errs, MSG_CLAIM_NO_ACCOUNT, "email");
	rc = errs.n > 0 ? ST_INVALID : claim_assign(db, req->who, u.id, p.id, &errs);
	if (rc == ST_OK) {
		fp_done(req, resp, p.id, "assigned");
		return 0;
	}
	if (rc != ST_INVALID)
		return wfp_fail(req, resp, rc);
	/* The model names the field user_id; on this form it is the email. */
	for (int i = 0; i < errs.n; i++)
		if (strcmp(errs.e[i].field, "user_id") == 0)
			snprintf(errs.e[i].field, sizeof(errs.e[i].field), "email");
	const char *v[FP_NFIELDS];
	fp_values(req, &p, v);
	resp->status = 400;
	return fp_render(req, resp, db, &p, v, &errs, NULL);
}
