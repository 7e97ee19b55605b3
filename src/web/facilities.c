/*
 * GET /facilities: the public facility directory.  A plain GET form (works
 * without JavaScript) searches names without regard to diacritics or case
 * and filters by sector, administrative unit, ownership and size; results
 * come 50 to a page with the total count and previous/next links that keep
 * the filters.  Only public fields are shown; energy figures stay private.
 * With format=xlsx the same search is a workbook of every matching facility
 * (not one page) in the page's columns and language (render/sheets.h); the
 * page links to it with its filters.
 *
 * Parameters are validated here, before any query: page must be a positive
 * integer, format html or xlsx, and every filter a known code (the option
 * lists come from the reference tables); anything else is 400 with a message
 * naming the field.
 */
#include <stdint.h>
#include <string.h>

#include "model/registry/facility.h"
#include "render/html.h"
#include "render/sheets.h"
#include "util/fmt.h"
#include "web/web_int.h"

#define FAC_PER_PAGE 50
#define FAC_PAGE_MAX 1000000
#define FAC_Q_MAX    200 /* bytes of search text */

/* A select-box filter: its parameter, label and the codes it accepts. */
struct fac_filter {
	const char *param;
	const char *label_vi, *label_en;
	const struct name *opts;
	int nopts;
	const char *value; /* validated code, or NULL */
};

enum { FAC_SECTOR, FAC_UNIT, FAC_OWNERSHIP, FAC_SIZE, FAC__NFILTERS };

static const char *
fac_label(struct http_request *req, const struct name *opts, int n, const char *code)
{
	const struct name *o = names_find(opts, n, code);
	return o == NULL ? code : HTTP_T(req, o->name_vi, o->name_en);
}

static void
fac_form(struct http_request *req, struct buf *b, const char *q, struct fac_filter *filters)
{
	html_open(b, "form", "class", "filters directory-filters", "method", "get", "action",
		  "/facilities", "role", "search", NULL);
	html_open(b, "label", "class", "search", NULL);
	html_elem(b, "span", HTTP_T(req, "Tên cơ sở", "Facility name"));
	html_open(b, "input", "type", "search", "name", "q", "value", q ? q : "", "maxlength",
		  "100", NULL);
	html_close(b, "label");
	for (int i = 0; i < FAC__NFILTERS; i++) {
		struct fac_filter *f = &filters[i];
		html_open(b, "label", NULL);
		html_elem(b, "span", HTTP_T(req, f->label_vi, f->label_en));
		html_open(b, "select", "name", f->param, NULL);
		html_open(b, "option", "value", "", NULL);
		html_text(b, HTTP_T(req, "— Tất cả —", "— All —"));
		html_close(b, "option");
		for (int j = 0; j < f->nopts; j++) {
			const struct name *o = &f->opts[j];
			if (f->value != NULL && strcmp(f->value, o->code) == 0)
				html_open(b, "option", "value", o->code, "selected", "selected",
					  NULL);
			else
				html_open(b, "option", "value", o->code, NULL);
			if (i == FAC_SECTOR)
				html_textf(b, "%s — %s", o->code,
					   HTTP_T(req, o->name_vi, o->name_en));
			else
				html_text(b, HTTP_T(req, o->name_vi, o->name_en));
			html_close(b, "option");
		}
		html_close(b, "select");
		html_close(b, "label");
	}
	if (req->lang == LANG_EN)
		html_open(b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Tìm", "Search"));
	html_close(b, "button");
	html_close(b, "form");
}

static void
fac_table(struct http_request *req, struct buf *b, const struct facility_page *pg)
{
	static const struct {
		const char *vi, *en;
	} cols[] = {
	    {"Tên", "Name"},
	    {"Ngành", "Sector"},
	    {"Đơn vị hành chính", "Administrative unit"},
	    {"Loại hình", "Ownership"},
	    {"Quy mô", "Size"},
	};
	web_scroll_open(
	    b, HTTP_T(req, "Danh sách cơ sở", "Facilities")); /* the table scrolls, not the page */
	html_open(b, "table", "class", "list", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, HTTP_T(req, cols[i].vi, cols[i].en));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < pg->n; i++) {
		const struct facility_row *r = &pg->rows[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", r->name);
		html_open(b, "td", NULL);
		html_textf(b, "%s — %s", r->sector_code, HTTP_T(req, r->sector_vi, r->sector_en));
		html_close(b, "td");
		html_elem(b, "td", HTTP_T(req, r->unit_vi, r->unit_en));
		html_elem(b, "td", fac_label(req, names_ownership, OWN__MAX, r->ownership));
		html_elem(b, "td", fac_label(req, names_size, SIZE__MAX, r->size));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	html_close(b, "div");
}

/* The search and filters as link parameters: keep[0..FAC__NFILTERS], NULL values skipped. */
static int
fac_keep(const char *q, const struct fac_filter *filters, struct http_param *keep)
{
	int n = 0;
	keep[n++] = (struct http_param){"q", q};
	for (int i = 0; i < FAC__NFILTERS; i++)
		keep[n++] = (struct http_param){filters[i].param, filters[i].value};
	return n;
}

/* "Tải Excel": the workbook of every facility the search and filters match. */
static void
fac_xlsx_link(struct http_request *req, struct buf *b, const char *q,
	      const struct fac_filter *filters)
{
	struct http_param keep[FAC__NFILTERS + 2];
	int n = fac_keep(q, filters, keep);
	keep[n++] = (struct http_param){"format", "xlsx"};
	html_open(b, "p", "class", "download", NULL);
	html_open(b, "a", "href", web_url(req, "/facilities", keep, n), "download", "", NULL);
	html_text(b, HTTP_T(req, "Tải Excel", "Download Excel"));
	html_close(b, "a");
	html_close(b, "p");
}

/* The workbook download (web_sheets_send's fill). */
struct fac_sheet {
	struct db *db;
	struct arena *arena;
	const struct facility_filter *filter;
	int en;
};

static int
fac_fill(struct xlsx *x, const void *ctx)
{
	const struct fac_sheet *s = ctx;
	return sheets_facilities(x, s->db, s->arena, s->filter, s->en, NULL);
}

/* Previous / "Trang p/n" / next, the links keeping search and filters. */
static void
fac_pager(struct http_request *req, struct buf *b, const char *q, const struct fac_filter *filters,
	  const struct facility_page *pg)
{
	struct http_param keep[FAC__NFILTERS + 2];
	int n = fac_keep(q, filters, keep);
	html_open(b, "nav", "class", "pager", "aria-label", HTTP_T(req, "Phân trang", "Pages"),
		  NULL);
	if (pg->page > 1) {
		keep[n] =
		    (struct http_param){"page", arena_printf(&req->arena, "%d", pg->page - 1)};
		html_open(b, "a", "rel", "prev", "href", web_url(req, "/facilities", keep, n + 1),
			  NULL);
		html_text(b, HTTP_T(req, "« Trang trước", "« Previous"));
		html_close(b, "a");
	}
	html_open(b, "span", "class", "page", NULL);
	html_textf(b, "%s %s/%s", HTTP_T(req, "Trang", "Page"), web_int(req, pg->page),
		   web_int(req, pg->pages));
	html_close(b, "span");
	if (pg->page < pg->pages) {
		keep[n] =
		    (struct http_param){"page", arena_printf(&req->arena, "%d", pg->page + 1)};
		html_open(b, "a", "rel", "next", "href", web_url(req, "/facilities", keep, n + 1),
			  NULL);
		html_text(b, HTTP_T(req, "Trang sau »", "Next »"));
		html_close(b, "a");
	}
	html_close(b, "nav");
}

int
web_facilities(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct fac_filter filters[FAC__NFILTERS] = {
	    [FAC_SECTOR] = {"sector", "Ngành", "Sector", NULL, 0, NULL},
	    [FAC_UNIT] = {"unit", "Đơn vị hành chính", "Administrative unit", NULL, 0, NULL},
	    [FAC_OWNERSHIP] = {"ownership", "Loại hình", "Ownership", names_ownership, OWN__MAX,
			       NULL},
	    [FAC_SIZE] = {"size", "Quy mô", "Size", names_size, SIZE__MAX, NULL},
	};
	struct name *sectors, *units;
	int nsectors, nunits;
	if (facility_sector_options(db, &req->arena, &sectors, &nsectors) < 0 ||
	    facility_unit_options(db, &req->arena, &units, &nunits) < 0)
		return -1;
	filters[FAC_SECTOR].opts = sectors;
	filters[FAC_SECTOR].nopts = nsectors;
	filters[FAC_UNIT].opts = units;
	filters[FAC_UNIT].nopts = nunits;

	/* Validate every parameter before querying. */
	const char *q = http_param(req, "q");
	if (q != NULL && strlen(q) > FAC_Q_MAX) {
		web_error(req, resp, 400, "Từ khóa tìm kiếm (q) quá dài.",
			  "The search text (q) is too long.");
		return 0;
	}
	int64_t page = 1;
	const char *ps = http_param(req, "page");
	if (ps != NULL && (parse_int64(ps, &page) < 0 || page < 1 || page > FAC_PAGE_MAX)) {
		web_error(req, resp, 400, "Tham số page phải là số nguyên dương.",
			  "The page parameter must be a positive integer.");
		return 0;
	}
	int xlsx = web_format_xlsx(req, resp);
	if (xlsx < 0)
		return 0;
	for (int i = 0; i < FAC__NFILTERS; i++) {
		struct fac_filter *f = &filters[i];
		const char *v = http_param(req, f->param);
		if (v == NULL || v[0] == '\0')
			continue;
		if (names_find(f->opts, f->nopts, v) == NULL) {
			const char *msg_vi =
			    arena_printf(&req->arena, "%s: mã không hợp lệ (tham số %s).",
					 f->label_vi, f->param);
			const char *msg_en = arena_printf(
			    &req->arena, "%s: unknown code (parameter %s).", f->label_en, f->param);
			web_error(req, resp, 400, msg_vi, msg_en);
			return 0;
		}
		f->value = v;
	}

	struct facility_filter ff = {
	    .q = q,
	    .sector = filters[FAC_SECTOR].value,
	    .unit = filters[FAC_UNIT].value,
	    .ownership = filters[FAC_OWNERSHIP].value,
	    .size = filters[FAC_SIZE].value,
	    .page = (int)page,
	    .per_page = FAC_PER_PAGE,
	};
	if (xlsx)
		return web_sheets_send(
		    req, resp, fac_fill,
		    &(struct fac_sheet){db, &req->arena, &ff, req->lang == LANG_EN},
		    "facilities.xlsx");
	struct facility_page pg;
	if (facility_list(db, &req->arena, &ff, &pg) < 0)
		return -1;

	const char *title = HTTP_T(req, "Danh bạ cơ sở công nghiệp", "Facility directory");
	struct buf b;
	buf_init(&b, HTTP_BODY_MAX / 2);
	html_elem(&b, "h1", title);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Các cơ sở công nghiệp – tiểu thủ công nghiệp trong chương trình. Số liệu "
			 "năng lượng của từng cơ sở không được công khai.",
			 "Industrial and handicraft facilities in the programme. Energy figures of "
			 "individual facilities are not public."));
	fac_form(req, &b, q, filters);
	html_open(&b, "p", "class", "count", NULL);
	html_textf(&b, HTTP_T(req, "Tìm thấy %s cơ sở.", "%s facilities found."),
		   web_int(req, pg.total));
	html_close(&b, "p");
	if (pg.n == 0) {
		html_open(&b, "p", "class", "empty", NULL);
		html_text(&b, HTTP_T(req, "Không tìm thấy cơ sở nào phù hợp.",
				     "No facility matches your search."));
		html_close(&b, "p");
	} else {
		fac_xlsx_link(req, &b, q, filters);
		fac_table(req, &b, &pg);
	}
	fac_pager(req, &b, q, filters, &pg);
	int rc = b.overflow ? -1 : web_layout(req, &resp->body, title, buf_str(&b));
	buf_free(&b);
	return rc;
}
