/*
 * GET /keyusers?year=Y[&format=csv|xlsx] (government staff only; the router
 * answers 401/403 before this runs): the key energy users of year Y
 * (model/analytics/keyusers.h), the list the province sends to the Ministry, with the
 * TOE of each energy carrier, and the same as a CSV download: one row per
 * facility and carrier, exact '.' decimals (fmt_exact), header row, in the list's order,
 * with each facility's status (key_user, key_user_incomplete,
 * cannot_compute), whether it is listed only through a derived TOE factor
 * (derived_only) and whether each carrier's TOE came through one; and as
 * the workbook of `sxsh keyusers --format xlsx` (render/sheets.h).
 * Facilities whose energy could not all be converted are listed apart, on
 * the page and after the key users in the downloads.
 * A district officer gets its unit's facilities only (the scope is applied
 * in model/analytics/keyusers.c, so the page, CSV and workbook agree).
 * Year defaults to the latest year with reports.  Responses are marked
 * no-store: they carry facility data.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/io/csvio.h"
#include "model/analytics/keyusers.h"
#include "model/analytics/kpi.h"
#include "model/analytics/ledger.h"
#include "model/accounts/principal.h"
#include "model/names.h"
#include "model/registry/facility.h"
#include "model/registry/refdata.h"
#include "render/html.h"
#include "render/sheets.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/web_int.h"

/* A TOE figure as TOE is shown everywhere (two decimals) in the page's language (arena). */
static const char *
ku_toe(struct http_request *req, double toe)
{
	return web_qty(req, toe, FMT_TOE);
}

/* A CSV field of v, exact (fmt_exact), or nothing for NaN. */
static void
ku_csv_num(FILE *f, double v)
{
	char num[32];
	if (isfinite(v))
		fputs(fmt_exact(num, sizeof(num), v), f);
}

/* The carriers' names (refdata), for the HTML list and the workbook's columns. */
struct ku_names {
	struct arena *arena;
	struct name *v;
	int n, cap;
	struct name *sectors; /* the sectors' names (facility_sector_options) */
	int nsectors;
};

static int
ku_name_add(void *ctx, const struct refdata_carrier *c)
{
	struct ku_names *cn = ctx;
	if (cn->n == cn->cap) {
		int cap = cn->cap ? cn->cap * 2 : 32;
		struct name *v = arena_alloc(cn->arena, (size_t)cap * sizeof(*v));
		if (cn->n > 0)
			memcpy(v, cn->v, (size_t)cn->n * sizeof(*v));
		cn->v = v;
		cn->cap = cap;
	}
	cn->v[cn->n++] =
	    (struct name){arena_strdup(cn->arena, c->code), arena_strdup(cn->arena, c->name_vi),
			  arena_strdup(cn->arena, c->name_en)};
	return 0;
}

/* Fills cn with every carrier's names; 0, or -1 on a storage error. */
static int
ku_names_load(struct http_request *req, struct ku_names *cn)
{
	*cn = (struct ku_names){.arena = &req->arena};
	if (facility_sector_options(http_request_db(req), &req->arena, &cn->sectors,
				    &cn->nsectors) < 0)
		return -1;
	return refdata_carriers_each(http_request_db(req), ku_name_add, cn) < 0 ? -1 : 0;
}

/* The carrier code's name in the page's language; the code when unknown. */
static const char *
ku_carrier(struct http_request *req, const struct ku_names *cn, const char *code)
{
	const struct name *nm = names_find(cn->v, cn->n, code);
	return nm == NULL ? code : HTTP_T(req, nm->name_vi, nm->name_en);
}

/* What the workbook download needs (web_sheets_send's fill). */
struct ku_sheet {
	struct db *db;
	const struct keyuser_list *l;
	const struct ku_names *cn;
	enum sheets_lang lang;
};

static int
ku_fill(struct xlsx *x, const void *ctx)
{
	const struct ku_sheet *k = ctx;
	return sheets_keyusers_lang(x, k->db, k->l, k->lang, k->cn->v, k->cn->n);
}

/* The CSV of the list: facility, then one row per carrier. */
static int
ku_csv(struct http_request *req, struct http_response *resp, const struct keyuser_list *l)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	if (f == NULL)
		return -1;
	fprintf(f, "year,code,name,tax_code,unit,sector,toe_total,incomplete,status,derived_only,"
		   "carrier,quantity,native_unit,carrier_toe,carrier_toe_derived\n");
	for (int i = 0; i < l->n + l->nunknown; i++) {
		const struct keyuser *k = i < l->n ? &l->items[i] : &l->unknown[i - l->n];
		for (int c = 0; c < k->ncarriers; c++) {
			const struct ledger_carrier *lc = &k->carriers[c];
			fprintf(f, "%d,", l->year);
			csvio_put_field(f, k->code);
			fputc(',', f);
			csvio_put_field(f, k->name);
			fputc(',', f);
			csvio_put_field(f, k->tax_code != NULL ? k->tax_code : "");
			fputc(',', f);
			csvio_put_field(f, k->unit_name != NULL ? k->unit_name : "");
			fputc(',', f);
			csvio_put_field(f, k->sector_code != NULL ? k->sector_code : "");
			fputc(',', f);
			ku_csv_num(f, k->toe);
			fprintf(f, ",%d,%s,%d,", k->incomplete, keyusers_status_code(k->status),
				k->derived_only);
			csvio_put_field(f, lc->carrier);
			fputc(',', f);
			ku_csv_num(f, lc->qty_native);
			fputc(',', f);
			csvio_put_field(f, lc->native_unit != NULL ? lc->native_unit : "");
			fputc(',', f);
			ku_csv_num(f, lc->toe);
			fprintf(f, ",%d\n", lc->toe_derived);
		}
	}
	if (fclose(f) != 0) {
		free(data);
		return -1;
	}
	resp->content_type = "text/csv; charset=utf-8";
	buf_append(&resp->body, data, len);
	free(data);
	http_response_header(
	    resp, "Content-Disposition",
	    arena_printf(&req->arena, "attachment; filename=\"keyusers-%d.csv\"", l->year));
	return resp->body.overflow ? -1 : 0;
}

static void
ku_th(struct buf *b, const char *text)
{
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, text);
	html_close(b, "th");
}

/* One table of facilities (the key users, or those that could not be computed). */
static void
ku_table(struct http_request *req, struct buf *b, const struct ku_names *cn,
	 const struct keyuser *items, int n)
{
	web_scroll_open(b, HTTP_T(req, "Cơ sở sử dụng năng lượng trọng điểm", "Key energy users"));
	html_open(b, "table", "class", "list keyusers", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	ku_th(b, HTTP_T(req, "Mã", "Code"));
	ku_th(b, HTTP_T(req, "Cơ sở", "Facility"));
	ku_th(b, HTTP_T(req, "Mã số thuế", "Tax code"));
	ku_th(b, HTTP_T(req, "Đơn vị hành chính", "Administrative unit"));
	ku_th(b, HTTP_T(req, "Ngành", "Sector"));
	ku_th(b, HTTP_T(req, "Tổng TOE", "Total TOE"));
	ku_th(b, HTTP_T(req, "TOE theo dạng năng lượng", "TOE per carrier"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		const struct keyuser *k = &items[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", k->code);
		html_elem(b, "td", k->name);
		html_elem(b, "td", k->tax_code != NULL ? k->tax_code : "");
		html_elem(b, "td", k->unit_name != NULL ? k->unit_name : "");
		const struct name *sec = names_find(cn->sectors, cn->nsectors, k->sector_code);
		html_elem(b, "td",
			  sec != NULL ? arena_printf(&req->arena, "%s — %s", sec->code,
						     HTTP_T(req, sec->name_vi, sec->name_en))
			  : k->sector_code != NULL ? k->sector_code
						   : "");
		html_open(b, "td", "class", "num", NULL);
		html_text(b, ku_toe(req, k->toe));
		if (k->incomplete) {
			html_open(b, "small", NULL);
			html_text(b, HTTP_T(req, " (chưa đủ)", " (incomplete)"));
			html_close(b, "small");
		}
		if (k->derived_only) {
			html_open(b, "small", NULL);
			html_text(b,
				  HTTP_T(req, " (chỉ nhờ hệ số suy ra)", " (derived factor only)"));
			html_close(b, "small");
		}
		html_close(b, "td");
		html_open(b, "td", NULL);
		for (int c = 0; c < k->ncarriers; c++) {
			const struct ledger_carrier *lc = &k->carriers[c];
			if (c > 0)
				html_text(b, "; ");
			html_textf(b, "%s %s%s", ku_carrier(req, cn, lc->carrier),
				   isfinite(lc->toe) ? ku_toe(req, lc->toe) : "—",
				   lc->toe_derived ? "*" : "");
		}
		html_close(b, "td");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
}

int
web_keyusers(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int first, last;
	int64_t year = kpi_year_range(db, &first, &last) == 0 ? last : 0;
	const char *ys = http_param(req, "year"), *format = http_param(req, "format");
	if (ys != NULL && ys[0] != '\0' &&
	    (parse_int64(ys, &year) < 0 || year < 1990 || year > 2100)) {
		web_error(req, resp, 400, "Năm không hợp lệ.", "Not a valid year.");
		return 0;
	}
	int csv = format != NULL && strcmp(format, "csv") == 0;
	int xlsx = format != NULL && strcmp(format, "xlsx") == 0;
	if (format != NULL && format[0] != '\0' && !csv && !xlsx && strcmp(format, "html") != 0) {
		web_error(req, resp, 400, "Định dạng tải về không hợp lệ.",
			  "Unknown download format.");
		return 0;
	}
	http_response_header(resp, "Cache-Control", "no-store");
	if (year == 0) {
		web_error(req, resp, 404, "Chưa có báo cáo nào.", "No reports yet.");
		return 0;
	}
	struct keyuser_list *l = NULL;
	char err[512];
	if (keyusers_list(db, req->who, (int)year, &l, err, sizeof(err)) < 0) {
		log_info("keyusers: %s", err);
		web_error(req, resp, 404, "Không có ngưỡng cơ sở trọng điểm cho năm này.",
			  "No key-energy-user threshold for this year.");
		return 0;
	}
	int rc;
	struct ku_names cn;
	if (ku_names_load(req, &cn) < 0) {
		keyusers_free(l);
		return -1;
	}
	if (csv || xlsx) {
		struct ku_sheet ks = {http_request_db(req), l, &cn,
				      req->lang == LANG_EN ? SHEETS_EN : SHEETS_VI};
		rc = csv ? ku_csv(req, resp, l)
			 : web_sheets_send(req, resp, ku_fill, &ks,
					   arena_printf(&req->arena, "keyusers-%d.xlsx", l->year));
		keyusers_free(l);
		return rc;
	}
	struct buf b;
	buf_init(&b, HTTP_BODY_MAX / 2);
	const char *title = arena_printf(
	    &req->arena,
	    HTTP_T(req, "Cơ sở sử dụng năng lượng trọng điểm năm %d", "Key energy users, %d"),
	    (int)year);
	html_elem(&b, "h1", title);
	html_open(&b, "p", NULL);
	html_textf(&b,
		   HTTP_T(req, "Ngưỡng: %s TOE/năm (%s). %s cơ sở đạt ngưỡng.",
			  "Threshold: %s TOE a year (%s). %s facilities reach it."),
		   ku_toe(req, l->threshold_toe), l->threshold_ref ? l->threshold_ref : "",
		   web_int(req, l->n));
	html_text(&b, " ");
	struct http_param p[2] = {{"year", arena_printf(&req->arena, "%d", (int)year)},
				  {"format", "csv"}};
	html_open(&b, "a", "href", web_url(req, "/keyusers", p, 2), "download", "", NULL);
	html_text(&b, HTTP_T(req, "Tải về CSV", "Download CSV"));
	html_close(&b, "a");
	html_text(&b, " ");
	p[1].value = "xlsx";
	html_open(&b, "a", "href", web_url(req, "/keyusers", p, 2), "download", "", NULL);
	html_text(&b, HTTP_T(req, "Tải Excel", "Download Excel"));
	html_close(&b, "a");
	html_close(&b, "p");
	if (req->who != NULL && req->who->role == ROLE_DISTRICT) {
		html_open(&b, "p", "class", "note", NULL);
		html_textf(&b,
			   HTTP_T(req,
				  "Chỉ gồm các cơ sở thuộc đơn vị của bạn (đơn vị hành chính ngày "
				  "31/12/%d).",
				  "Only the facilities of your unit (their administrative unit on "
				  "31/12/%d)."),
			   (int)year);
		html_close(&b, "p");
	}
	ku_table(req, &b, &cn, l->items, l->n);
	int derived = 0;
	for (int i = 0; i < l->n + l->nunknown; i++)
		derived |= (i < l->n ? &l->items[i] : &l->unknown[i - l->n])->toe_derived > 0;
	if (derived) {
		html_open(&b, "p", "class", "note", NULL);
		html_text(&b,
			  HTTP_T(req,
				 "* Hệ số TOE suy ra từ nhiệt trị (IPCC) / 41,868 GJ mỗi TOE, "
				 "không phải hệ số pháp lý (trấu, củi gỗ). \"Chỉ nhờ hệ số suy "
				 "ra\": không tính phần này thì cơ sở chưa đạt ngưỡng.",
				 "* A TOE factor derived from a heating value (IPCC) / 41.868 GJ "
				 "per TOE, not a legal factor (rice husk, wood). \"Derived factor "
				 "only\": without that part the facility would not reach the "
				 "threshold."));
		html_close(&b, "p");
	}
	if (l->nunknown > 0) {
		html_elem(&b, "h2",
			  HTTP_T(req, "Chưa tính được (thiếu hệ số hoặc đơn vị)",
				 "Could not be computed (a factor or unit is missing)"));
		ku_table(req, &b, &cn, l->unknown, l->nunknown);
	}
	keyusers_free(l);
	rc = -1;
	if (b.overflow)
		log_err("keyusers: page over %u bytes", HTTP_BODY_MAX / 2);
	else
		rc = web_layout(req, &resp->body, title, buf_str(&b));
	buf_free(&b);
	return rc;
}
