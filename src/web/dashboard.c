/*
 * GET /: the public dashboard of the default plan (refdata_default_plan).
 * For each of the plan's
 * indicators, a server-drawn SVG bar chart of the share of all active
 * facilities year by year against the target (drawn over its period only),
 * with the latest year's two shares (of all active, compared with the
 * target, and of known answers), coverage (known/active) and the target of
 * that year, or a note that the plan sets none, beside it, and links drilling down to that year
 * by district and by sector (/indicators); then the latest year by unit,
 * each unit linking to its facilities.
 *
 * Under the heading, "Số liệu tính đến dd/mm/yyyy": the figures are computed
 * from every report in the database whenever one changes, so they are as of
 * today (Vietnam's date); the line is printed too (static/sxsh.css, print).
 *
 * The indicators come from the model's shared cache (kpi_cache.h).  The
 * rendered content is cached in struct web_app, one per language, keyed by
 * the database's generation (meta 'generation', bumped by every write that
 * changes public figures) and the day, and so is the whole public page: an anonymous
 * request takes a reference to the cached page; a signed-in one wraps the
 * cached content in its own layout.  Two requests may render the same
 * generation at once; both results are identical and the first one stays.
 * The cached content must not depend on the request beyond its language,
 * so it is rendered as if for "/" exactly.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/analytics/kpi.h"
#include "model/analytics/kpi_cache.h"
#include "model/registry/refdata.h"
#include "model/store.h"
#include "render/html.h"
#include "render/svg.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/web_int.h"

#define DASH_SVG_MAX (256u * 1024)

static void
dash_row(struct buf *b, const char *th, const char *td)
{
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", NULL);
	html_text(b, th);
	html_close(b, "th");
	html_elem(b, "td", td);
	html_close(b, "tr");
}

/* One indicator: its chart and the latest year's figures. */
static void
dash_indicator(struct http_request *req, struct buf *b, const struct kpi_result *r,
	       const struct kpi_series *s)
{
	int n = r->nyears;
	int *labels = arena_alloc(&req->arena, sizeof(int) * (size_t)n);
	double *values = arena_alloc(&req->arena, sizeof(double) * (size_t)n);
	double *coverage = arena_alloc(&req->arena, sizeof(double) * (size_t)n);
	/* The bars are the share of all active, the one compared with the target. */
	for (int i = 0; i < n; i++) {
		labels[i] = s->values[i].year;
		values[i] = s->values[i].share_active * 100.0;
		coverage[i] = s->values[i].coverage * 100.0;
	}
	const char *name = HTTP_T(req, s->name_vi, s->name_en);
	struct svg_chart chart = {
	    .title = name,
	    .n = n,
	    .labels = labels,
	    .values = values,
	    .coverage = coverage,
	    .target = s->target_pct,
	    .target_from = s->target_from,
	    .target_by = s->target_by,
	    .lang = req->lang,
	    .id = arena_printf(&req->arena, "kpi-%s", s->code),
	    .no_title = 1, /* the h2 above says it */
	};
	struct buf svg;
	buf_init(&svg, DASH_SVG_MAX);
	svg_bar_chart(&svg, &chart);

	const struct kpi_value *v = &s->values[n - 1];
	html_open(b, "article", "class", "kpi", NULL);
	html_elem(b, "h2", name);
	html_open(b, "figure", NULL);
	html_raw(b, buf_str(&svg)); /* render/svg.c escapes every text it draws */
	html_open(b, "figcaption", NULL);
	html_open(b, "table", "class", "facts", NULL);
	dash_row(b, HTTP_T(req, "Năm", "Year"), arena_printf(&req->arena, "%d", v->year));
	dash_row(b, web_msg(req, MSG_KPI_SHARE_ALL),
		 arena_printf(&req->arena, "%s (%s / %s)", web_pct(req, v->share_active * 100.0),
			      web_int(req, v->yes), web_int(req, v->active)));
	dash_row(b, web_msg(req, MSG_KPI_SHARE_KNOWN),
		 arena_printf(&req->arena, "%s (%s / %s)", web_pct(req, v->share * 100.0),
			      web_int(req, v->yes), web_int(req, v->known)));
	dash_row(b, web_msg(req, MSG_KPI_COVERAGE),
		 arena_printf(&req->arena, "%s (%s / %s)", web_pct(req, v->coverage * 100.0),
			      web_int(req, v->known), web_int(req, v->active)));
	const char *target = web_kpi_target(req, s, v->year, v);
	dash_row(b, web_msg(req, MSG_KPI_TARGET),
		 target != NULL ? target : web_msg(req, MSG_KPI_NO_TARGET_CELL));
	html_close(b, "table");
	/* Drill down: the same year by district and by sector (indicators.c). */
	html_open(b, "p", "class", "drill", NULL);
	static const struct {
		const char *by, *vi, *en;
	} drill[] = {{"unit", "Theo đơn vị hành chính", "By district"},
		     {"sector", "Theo ngành", "By sector"}};
	for (size_t i = 0; i < sizeof(drill) / sizeof(drill[0]); i++) {
		struct http_param p[2] = {{"year", arena_printf(&req->arena, "%d", v->year)},
					  {"by", drill[i].by}};
		if (i > 0)
			html_text(b, " · ");
		html_open(b, "a", "href", web_url(req, "/indicators", p, 2), NULL);
		html_text(b, HTTP_T(req, drill[i].vi, drill[i].en));
		html_close(b, "a");
	}
	html_close(b, "p");
	html_close(b, "figcaption");
	html_close(b, "figure");
	html_close(b, "article");
	buf_free(&svg);
}

/* Units with active facilities in year, in the unit breakdown b. */
static int
dash_units_active(const struct kpi_breakdown *b, int year)
{
	int n = 0;
	for (int g = 0; g < b->ngroups; g++) {
		const struct kpi_value *v = kpi_group_value(b, g, year, KPI_AWARE);
		n += v != NULL && v->active > 0;
	}
	return n;
}

/*
 * The table by administrative unit.  District level was abolished on
 * 1/7/2025: facilities whose new commune is not recorded yet count under
 * the province, so a year after the reform may have a single unit.  The
 * table shows the last year with more than one, and links to the
 * indicators page for the latest.
 */
static void
dash_units(struct http_request *req, struct buf *b, const struct kpi_result *r)
{
	const struct kpi_breakdown *bd = &r->by[KPI_BY_UNIT];
	int year = r->last_year;
	while (year > r->first_year && dash_units_active(bd, year) <= 1)
		year--;
	html_open(b, "h2", NULL);
	html_textf(b, HTTP_T(req, "Theo đơn vị hành chính, năm %d", "By administrative unit, %d"),
		   year);
	html_close(b, "h2");
	web_scroll_open(b,
			HTTP_T(req, "Bảng theo đơn vị hành chính", "Table by administrative unit"));
	html_open(b, "table", "class", "list units", NULL);
	html_elem(b, "caption", web_msg(req, MSG_KPI_CELL_LEGEND));
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, HTTP_T(req, "Đơn vị", "Unit"));
	html_close(b, "th");
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, HTTP_T(req, "Đang hoạt động", "Active"));
	html_close(b, "th");
	for (int k = 0; k < KPI__MAX; k++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, HTTP_T(req, r->series[k].name_vi, r->series[k].name_en));
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int g = 0; g < bd->ngroups; g++) {
		const struct kpi_group *u = &bd->groups[g];
		const struct kpi_value *v0 = kpi_group_value(bd, g, year, KPI_AWARE);
		if (v0 == NULL || v0->active == 0)
			continue;
		html_open(b, "tr", NULL);
		html_open(b, "th", "scope", "row", NULL);
		/* The directory filters by district. */
		int link = u->level != NULL && strcmp(u->level, "district") == 0;
		struct http_param p = {"unit", u->code};
		if (link)
			html_open(b, "a", "href", web_url(req, "/facilities", &p, 1), NULL);
		html_text(b, HTTP_T(req, u->name_vi,
				    u->name_en != NULL && u->name_en[0] ? u->name_en : u->name_vi));
		if (link)
			html_close(b, "a");
		html_close(b, "th");
		html_open(b, "td", "class", "num", NULL);
		html_text(b, web_int(req, v0->active));
		html_close(b, "td");
		for (int k = 0; k < KPI__MAX; k++)
			web_share_both_cell(req, b,
					    kpi_group_value(bd, g, year, (enum kpi_indicator)k));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
	if (year < r->last_year) {
		html_open(b, "p", "class", "note", NULL);
		html_text(b, HTTP_T(req,
				    "Từ 01/07/2025 không còn cấp huyện: cơ sở chưa ghi nhận đơn vị "
				    "cấp xã mới được tính cho tỉnh. ",
				    "From 01/07/2025 there are no districts: facilities whose new "
				    "commune is not recorded yet count under the province. "));
		struct http_param p[2] = {{"year", arena_printf(&req->arena, "%d", r->last_year)},
					  {"by", "unit"}};
		html_open(b, "a", "href", web_url(req, "/indicators", p, 2), NULL);
		html_textf(b, HTTP_T(req, "Xem năm %d theo đơn vị", "See %d by unit"),
			   r->last_year);
		html_close(b, "a");
		html_close(b, "p");
	}
}

/*
 * Renders the page's content (what goes inside the layout) into b and its
 * title into *title (arena), from the shared indicators.  Returns 0 or -1
 * (logged).
 */
static int
dash_render(struct http_request *req, struct db *db, struct buf *b, const char **title, int64_t now)
{
	char plan[REFDATA_PLAN_CODE_MAX];
	refdata_default_plan(db, plan, sizeof(plan)); /* none: "", refused by kpi_compute */
	*title = arena_printf(
	    &req->arena,
	    HTTP_T(req, "Sản xuất sạch hơn — Kế hoạch %s", "Cleaner production — Plan %s"), plan);
	html_elem(b, "h1", *title);
	/* The figures are computed from every report in the database when it
	 * changes, so they are as of today (the cache is kept per day). */
	struct msg m;
	char asof[128];
	msg_init(&m, MSG_DASH_AS_OF, NULL);
	msg_code(&m, web_date_unix(req, now));
	msg_format(&m, req->lang, asof, sizeof(asof));
	html_open(b, "p", "class", "as-of", NULL);
	html_text(b, asof);
	html_close(b, "p");
	html_elem(
	    b, "p",
	    HTTP_T(req,
		   "Tỷ lệ cơ sở đạt từng chỉ tiêu của kế hoạch, theo năm: trên tổng số cơ sở "
		   "đang hoạt động (cột biểu đồ) và trong số cơ sở đã biết câu trả lời. Độ phủ "
		   "là số cơ sở đã biết trên số cơ sở đang hoạt động: chưa biết không có nghĩa "
		   "là không.",
		   "Share of facilities meeting each indicator of the plan, year by year: of "
		   "all active facilities (the bars) and of the facilities whose answer is "
		   "known. Coverage is known over active facilities: unknown does not mean "
		   "no."));
	struct kpi_hold h;
	if (kpi_cache_get(&req->app->kpi, db, &h) < 0)
		return -1;
	const struct kpi_result *r = h.r;
	if (r == NULL) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, HTTP_T(req, "Chưa có báo cáo nào.", "No reports yet."));
		html_close(b, "p");
	} else {
		html_elem(b, "p", web_msg(req, MSG_KPI_COMPARED));
		if (r->nyears > 0 && kpi_targets_in(r, r->last_year) == 0)
			web_kpi_no_target(req, b, r->plan_code, r->last_year);
		html_open(b, "div", "class", "kpis", NULL);
		for (int k = 0; k < KPI__MAX && r->nyears > 0; k++)
			dash_indicator(req, b, r, &r->series[k]);
		html_close(b, "div");
		if (r->by[KPI_BY_UNIT].ngroups > 0)
			dash_units(req, b, r);
	}
	kpi_cache_release(&req->app->kpi, &h);
	if (b->overflow) {
		log_err("dashboard: page over %u bytes", HTTP_BODY_MAX / 2);
		return -1;
	}
	return 0;
}

int
web_dashboard(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	int64_t gen;
	if (db == NULL || store_generation(db, &gen) < 0)
		return -1;
	int64_t now = (int64_t)time(NULL);
	int64_t day = (now + 7 * 3600) / 86400; /* Asia/Ho_Chi_Minh, as web_date_unix */
	struct web_page_cache *c = &req->app->dashboard;
	int l = req->lang == LANG_EN ? 1 : 0;
	struct http_blob *page = NULL, *content = NULL;
	const char *title = NULL;

	/*
	 * The cached page is the public one: its header has the sign-in link.
	 * A signed-in user's page carries their email and CSRF token, so only
	 * its content is shared: the layout around it is theirs alone, never
	 * cached or served to anyone else.
	 */
	int shared = req->who == NULL;
	pthread_mutex_lock(&c->lock);
	if (c->lang[l].generation == gen && c->lang[l].day == day) {
		if (shared && c->lang[l].page != NULL)
			page = http_blob_ref(c->lang[l].page);
		else if (c->lang[l].content != NULL) {
			content = http_blob_ref(c->lang[l].content);
			title = arena_strdup(&req->arena, c->lang[l].title);
		}
	}
	pthread_mutex_unlock(&c->lock);

	if (page == NULL && content == NULL) {
		/* Render for "/" exactly: other parameters must not reach the shared content. */
		int nparams = req->nparams;
		req->nparams = 0;
		struct buf b;
		buf_init(&b, HTTP_BODY_MAX / 2);
		int rc = dash_render(req, db, &b, &title, now);
		req->nparams = nparams;
		if (rc < 0) {
			buf_free(&b);
			return -1;
		}
		content = http_blob_new(buf_str(&b), b.len);
		buf_free(&b);
		pthread_mutex_lock(&c->lock);
		if (c->lang[l].content == NULL || c->lang[l].generation < gen ||
		    c->lang[l].day < day) {
			http_blob_unref(c->lang[l].page);
			http_blob_unref(c->lang[l].content);
			free(c->lang[l].title);
			c->lang[l].page = NULL;
			c->lang[l].content = http_blob_ref(content);
			c->lang[l].title = xstrdup(title);
			c->lang[l].generation = gen;
			c->lang[l].day = day;
		}
		pthread_mutex_unlock(&c->lock);
	}
	if (page == NULL) {
		struct buf out;
		buf_init(&out, HTTP_BODY_MAX);
		int rc = web_layout(req, &out, title, content->data);
		http_blob_unref(content);
		if (rc < 0 || out.overflow) {
			buf_free(&out);
			return -1;
		}
		page = http_blob_new(buf_str(&out), out.len);
		buf_free(&out);
		if (shared) {
			pthread_mutex_lock(&c->lock);
			if (c->lang[l].generation == gen && c->lang[l].day == day &&
			    c->lang[l].page == NULL)
				c->lang[l].page = http_blob_ref(page);
			pthread_mutex_unlock(&c->lock);
		}
	}
	if (!shared)
		http_response_header(resp, "Cache-Control", "no-store");
	http_response_set_blob(resp, page);
	return 0;
}
