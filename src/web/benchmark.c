/*
 * GET /benchmark: choose a year and a product.  GET /benchmark?product=P&year=Y:
 * how the specific energy consumption (SEC) of the facilities making P in Y
 * is spread (model/analytics/benchmark.h): a histogram of the peers' SECs with the
 * legal norm as a line and the quartiles, how many meet the norm, or "not
 * enough peers" below BENCH_MIN_PEERS.
 *
 * The public sees aggregates only: counts per bin, quartiles, how many meet
 * the norm; never a facility's name or its own position.  Signed-in province
 * staff (roles admin and province) also get the sorted list of facilities
 * with their SEC, ratio to the norm and percentile; that page is not cached
 * by browsers or proxies.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/analytics/benchmark.h"
#include "model/analytics/kpi.h"
#include "model/accounts/principal.h"
#include "render/html.h"
#include "render/svg.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/web_int.h"

#define BENCH_SVG_MAX (256u * 1024)

/* A SEC, norm or quartile as util/fmt.h shows them (4 significant digits; arena). */
static const char *
bench_num(struct http_request *req, double v)
{
	return web_qty(req, v, FMT_SEC);
}

static void
bench_fact(struct buf *b, const char *th, const char *td)
{
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", NULL);
	html_text(b, th);
	html_close(b, "th");
	html_elem(b, "td", td);
	html_close(b, "tr");
}

/* The selectors: year (every year with reports) and the products of the chosen year. */
static int
bench_form(struct http_request *req, struct db *db, struct buf *b, int year, const char *product)
{
	int first, last;
	if (kpi_year_range(db, &first, &last) < 0) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, HTTP_T(req, "Chưa có báo cáo nào.", "No reports yet."));
		html_close(b, "p");
		return 0;
	}
	struct bench_product *prods = NULL;
	int n = 0;
	if (bench_products(db, year, &prods, &n) < 0)
		return -1;
	html_open(b, "form", "class", "filters", "method", "get", "action", "/benchmark", NULL);
	if (req->lang == LANG_EN)
		html_open(b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	web_year_select(req, b, first, last, year);
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Sản phẩm", "Product"));
	html_open(b, "select", "name", "product", NULL);
	for (int i = 0; i < n; i++) {
		const char *code = prods[i].code;
		if (product != NULL && strcmp(product, code) == 0)
			html_open(b, "option", "value", code, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", code, NULL);
		html_text(b, HTTP_T(req, prods[i].name_vi, prods[i].name_en));
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Xem", "Show"));
	html_close(b, "button");
	html_close(b, "form");
	bench_products_free(prods, n);
	return 0;
}

/* The staff-only list of peers, sorted by SEC. */
static void
bench_peers(struct http_request *req, struct buf *b, const struct bench_result *r)
{
	html_elem(b, "h2",
		  HTTP_T(req, "Từng cơ sở (chỉ cán bộ Sở xem được)",
			 "Each facility (province staff only)"));
	web_scroll_open(b, HTTP_T(req, "Bảng từng cơ sở", "Table of each facility"));
	html_open(b, "table", "class", "list peers", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	static const char *const head[][2] = {
	    {"Mã", "Code"},
	    {"Cơ sở", "Facility"},
	    {"Suất tiêu hao", "SEC"},
	    {"So với định mức", "Ratio to norm"},
	    {"Bách phân vị", "Percentile"},
	};
	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, HTTP_T(req, head[i][0], head[i][1]));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < r->npeers; i++) {
		const struct bench_peer *p = &r->peers[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", p->facility_code);
		html_elem(b, "td", p->facility_name);
		html_open(b, "td", "class", "num", NULL);
		html_text(b, bench_num(req, p->sec));
		html_close(b, "td");
		html_open(b, "td", "class", "num", NULL);
		html_text(b, isfinite(p->norm_ratio) ? web_pct(req, p->norm_ratio * 100.0) : "—");
		html_close(b, "td");
		html_open(b, "td", "class", "num", NULL);
		html_text(b, web_qty(req, p->percentile, FMT_RANK));
		html_close(b, "td");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

/* The benchmark of one product and year. */
static void
bench_show(struct http_request *req, struct buf *b, const struct bench_result *r, int staff)
{
	const char *unit = arena_printf(&req->arena, "%s/%s", r->energy_unit, r->per_unit);
	html_open(b, "h2", NULL);
	html_textf(b, "%s — %d", HTTP_T(req, r->product_name_vi, r->product_name_en), r->year);
	html_close(b, "h2");
	html_open(b, "table", "class", "facts", NULL);
	bench_fact(b, HTTP_T(req, "Số cơ sở so sánh", "Facilities compared"),
		   web_int(req, r->npeers));
	bench_fact(b, HTTP_T(req, "Định mức", "Norm"),
		   isfinite(r->norm)
		       ? arena_printf(&req->arena, "%s %s (%s)", bench_num(req, r->norm), unit,
				      r->norm_ref ? r->norm_ref : "")
		       : HTTP_T(req, "không có", "none"));
	bench_fact(b, HTTP_T(req, "Đạt định mức", "Meet the norm"),
		   isfinite(r->norm) ? arena_printf(&req->arena, "%s / %s", web_int(req, r->nmeets),
						    web_int(req, r->npeers))
				     : "—"); /* no norm: nobody meets or misses it */
	if (r->enough_peers)
		bench_fact(
		    b, HTTP_T(req, "Tứ phân vị Q1 · trung vị · Q3", "Quartiles Q1 · median · Q3"),
		    arena_printf(&req->arena, "%s · %s · %s %s", bench_num(req, r->q1),
				 bench_num(req, r->median), bench_num(req, r->q3), unit));
	html_close(b, "table");
	if (!r->enough_peers) {
		html_open(b, "p", "class", "empty", NULL);
		html_textf(b,
			   HTTP_T(req, "Chưa đủ cơ sở để so sánh (cần ít nhất %d).",
				  "Not enough peers to compare (at least %d needed)."),
			   BENCH_MIN_PEERS);
		html_close(b, "p");
	} else {
		double *secs = arena_alloc(&req->arena, sizeof(double) * (size_t)r->npeers);
		for (int i = 0; i < r->npeers; i++)
			secs[i] = r->peers[i].sec;
		struct svg_dist d = {
		    .title = HTTP_T(req, "Phân bố suất tiêu hao năng lượng",
				    "Distribution of specific energy consumption"),
		    .n = r->npeers,
		    .values = secs,
		    .nbins = 12,
		    .ref = r->norm,
		    .ref_label = HTTP_T(req, "Định mức", "Norm"),
		    .q1 = r->q1,
		    .median = r->median,
		    .q3 = r->q3,
		    .unit = unit,
		    .lang = req->lang,
		    .id = "bench-dist",
		};
		struct buf svg;
		buf_init(&svg, BENCH_SVG_MAX);
		svg_distribution(&svg, &d);
		html_open(b, "figure", "class", "bench", NULL);
		html_raw(b, buf_str(&svg)); /* render/svg.c escapes every text it draws */
		html_close(b, "figure");
		buf_free(&svg);
	}
	if (staff && r->npeers > 0)
		bench_peers(req, b, r);
}

int
web_benchmark(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int first, last;
	int have_years = kpi_year_range(db, &first, &last) == 0;
	int64_t year = have_years ? last : 0;
	const char *ys = http_param(req, "year"), *product = http_param(req, "product");
	if (ys != NULL && ys[0] != '\0' &&
	    (parse_int64(ys, &year) < 0 || year < 1990 || year > 2100)) {
		web_error(req, resp, 400, "Tham số year phải là một năm.",
			  "The year parameter must be a year.");
		return 0;
	}
	if (product != NULL && product[0] == '\0')
		product = NULL;
	int staff = req->who != NULL && (ROLES_PROVINCE & ROLE_BIT(req->who->role));

	struct bench_result *r = NULL;
	if (product != NULL) {
		char err[512];
		if (bench_compute(db, product, (int)year, &r, err, sizeof(err)) < 0) {
			/* An unknown product is the client's mistake; nothing internal is shown. */
			log_info("benchmark: %s", err);
			web_error(req, resp, 404, "Không có sản phẩm này.", "No such product.");
			return 0;
		}
	}
	struct buf b;
	buf_init(&b, HTTP_BODY_MAX / 2);
	const char *title = HTTP_T(req, "So sánh suất tiêu hao năng lượng",
				   "Specific energy consumption benchmarks");
	html_elem(&b, "h1", title);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Suất tiêu hao năng lượng (năng lượng trên một đơn vị sản phẩm) của các "
			 "cơ sở cùng sản phẩm trong một năm, so với định mức của Bộ Công Thương. "
			 "Trang công khai chỉ hiện số liệu tổng hợp.",
			 "Specific energy consumption (energy per unit of product) of the "
			 "facilities making the same product in a year, against the Ministry's "
			 "norm. The public page shows aggregates only."));
	int rc = bench_form(req, db, &b, (int)year, product);
	if (rc == 0 && r != NULL)
		bench_show(req, &b, r, staff);
	bench_result_free(r);
	if (rc == 0 && b.overflow) {
		log_err("benchmark: page over %u bytes", HTTP_BODY_MAX / 2);
		rc = -1;
	}
	if (rc == 0)
		rc = web_layout(req, &resp->body, title, buf_str(&b));
	if (rc == 0 && staff)
		http_response_header(resp, "Cache-Control", "no-store");
	buf_free(&b);
	return rc;
}
