/*
 * The page frame shared by every HTML page: templates/layout.html filled
 * with the title, navigation and language switch; the error pages; and the
 * small formatting helpers pages share.  Everything is written with the
 * escaping writer of render/html.h; only the finished fragments are placed
 * into the template.
 */
#include "web/web_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/analytics/kpi.h"
#include "model/accounts/principal.h"
#include "render/html.h"
#include "util/alloc.h"
#include "util/embed.h"
#include "util/fmt.h"
#include "util/log.h"

#define WEB_FRAGMENT_MAX (64u * 1024) /* navigation, switch, footer */

/* Appends path?name=value&... to b, values percent-encoded, skipping skip_name. */
static void
web_url_append(struct buf *b, const char *path, const struct http_param *params, int n,
	       const char *skip_name, int english)
{
	char sep = '?';
	buf_puts(b, path);
	for (int i = 0; i < n; i++) {
		if (params[i].value == NULL || params[i].value[0] == '\0')
			continue;
		if (skip_name != NULL && strcmp(params[i].name, skip_name) == 0)
			continue;
		buf_putc(b, sep);
		sep = '&';
		html_urlenc(b, params[i].name);
		buf_putc(b, '=');
		html_urlenc(b, params[i].value);
	}
	if (english) {
		buf_putc(b, sep);
		buf_puts(b, "lang=en");
	}
}

const char *
web_url(struct http_request *req, const char *path, const struct http_param *params, int n)
{
	struct buf b;
	buf_init(&b, HTTP_QUERY_MAX * 3 + 256);
	web_url_append(&b, path, params, n, "lang", req->lang == LANG_EN);
	const char *url = arena_strdup(&req->arena, buf_str(&b));
	buf_free(&b);
	return url;
}

const char *
web_pct(struct http_request *req, double pct)
{
	return web_qty(req, pct, FMT_PCT);
}

const char *
web_qty(struct http_request *req, double v, enum fmt_qty q)
{
	char num[64];
	return arena_strdup(&req->arena, fmt_qty(num, sizeof(num), v, q, req->lang));
}

int
web_format_xlsx(struct http_request *req, struct http_response *resp)
{
	const char *format = http_param(req, "format");
	if (format == NULL || format[0] == '\0' || strcmp(format, "html") == 0)
		return 0;
	if (strcmp(format, "xlsx") == 0)
		return 1;
	web_error(req, resp, 400, "Tham số format phải là html hoặc xlsx.",
		  "The format parameter must be html or xlsx.");
	return -1;
}

const char *
web_int(struct http_request *req, long v)
{
	char num[32];
	return arena_strdup(&req->arena, fmt_int(num, sizeof(num), v, req->lang));
}

void
web_share_cell(struct http_request *req, struct buf *b, const struct kpi_value *v)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, web_pct(req, v->share * 100.0));
	html_open(b, "small", NULL);
	html_textf(b, " %s/%s", web_int(req, v->yes), web_int(req, v->known));
	html_close(b, "small");
	html_close(b, "td");
}

void
web_share_all_cell(struct http_request *req, struct buf *b, const struct kpi_value *v)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, web_pct(req, v->share_active * 100.0));
	html_open(b, "small", NULL);
	html_textf(b, " %s/%s", web_int(req, v->yes), web_int(req, v->active));
	html_close(b, "small");
	html_close(b, "td");
}

void
web_share_both_cell(struct http_request *req, struct buf *b, const struct kpi_value *v)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, web_pct(req, v->share_active * 100.0));
	html_open(b, "small", NULL);
	html_textf(b, " %s/%s", web_int(req, v->yes), web_int(req, v->active));
	html_close(b, "small");
	html_open(b, "br", NULL);
	html_open(b, "small", "class", "known", NULL);
	html_textf(b, "%s %s/%s", web_pct(req, v->share * 100.0), web_int(req, v->yes),
		   web_int(req, v->known));
	html_close(b, "small");
	html_close(b, "td");
}

const char *
web_msg(struct http_request *req, enum msg_id id)
{
	return msg_template(id, req->lang == LANG_EN ? LANG_EN : LANG_VI);
}

const char *
web_kpi_target(struct http_request *req, const struct kpi_series *s, int year,
	       const struct kpi_value *v)
{
	const struct kpi_target *t = kpi_target_at(s, year);
	if (t == NULL)
		return NULL;
	struct msg m;
	char out[256];
	msg_init(&m, MSG_KPI_TARGET_OF_YEAR, NULL);
	msg_code(&m, web_qty(req, t->pct, FMT_TARGET));
	msg_plain(&m, t->from);
	msg_plain(&m, t->by);
	msg_format(&m, req->lang, out, sizeof(out));
	int met = kpi_target_met(v, t);
	if (met < 0)
		return arena_strdup(&req->arena, out);
	return arena_printf(&req->arena, "%s: %s", out,
			    web_msg(req, met ? MSG_KPI_MET : MSG_KPI_NOT_MET));
}

void
web_kpi_no_target(struct http_request *req, struct buf *b, const char *plan, int year)
{
	struct msg m;
	char out[256];
	msg_init(&m, MSG_KPI_NO_TARGET, NULL);
	msg_code(&m, plan);
	msg_plain(&m, year);
	msg_format(&m, req->lang, out, sizeof(out));
	html_open(b, "p", "class", "note no-target", NULL);
	html_textf(b, "%s. %s", out, web_msg(req, MSG_KPI_LOAD_TARGETS));
	html_close(b, "p");
}

void
web_year_select(struct http_request *req, struct buf *b, int first, int last, int year)
{
	html_open(b, "label", NULL);
	html_text(b, HTTP_T(req, "Năm", "Year"));
	html_open(b, "select", "name", "year", NULL);
	for (int y = last; y >= first; y--) {
		const char *ys = arena_printf(&req->arena, "%d", y);
		if (y == year)
			html_open(b, "option", "value", ys, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", ys, NULL);
		html_text(b, ys);
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
}

/* The link to this page in the other language: every parameter but lang kept. */
static void
web_switch(struct http_request *req, struct buf *b)
{
	/* A path like //host would be read as another site: link home instead. */
	const char *path = strncmp(req->path, "//", 2) == 0 ? "/" : req->path;
	struct buf url;
	buf_init(&url, HTTP_QUERY_MAX * 3 + 256);
	int to_en = req->lang == LANG_VI;
	web_url_append(&url, path, req->params, req->nparams, "lang", to_en);
	html_open(b, "a", "href", buf_str(&url), "hreflang", to_en ? "en" : "vi", "lang",
		  to_en ? "en" : "vi", NULL);
	html_text(b, to_en ? "English" : "Tiếng Việt");
	html_close(b, "a");
	buf_free(&url);
}

static void
web_nav(struct http_request *req, struct buf *b)
{
	static const struct {
		const char *path, *vi, *en;
		unsigned roles; /* shown only to these roles; 0 = everyone */
	} items[] = {
	    {"/", "Tổng quan", "Dashboard", 0},
	    {"/indicators", "Chỉ tiêu", "Indicators", 0},
	    {"/benchmark", "So sánh năng lượng", "Energy benchmarks", 0},
	    {"/keyusers", "Cơ sở trọng điểm", "Key energy users", ROLES_STAFF},
	    {"/facilities", "Danh bạ cơ sở", "Facility directory", 0},
	    {"/my", "Cơ sở của tôi", "My facilities", ROLE_BIT(ROLE_ENTERPRISE)},
	    {"/review", "Xem xét báo cáo", "Review", ROLES_STAFF},
	    {"/claims", "Nhận cơ sở", "Facility claims", ROLES_PROVINCE},
	    {"/audit", "Nhật ký", "Audit log", ROLES_PROVINCE},
	    {"/deadlines", "Hạn nộp", "Deadlines", ROLES_PROVINCE},
	    {"/campaigns", "Đợt khảo sát", "Campaigns", ROLES_STAFF},
	    {"/assessments", "Đánh giá SXSH", "CP assessments", ROLES_ANY},
	    {"/imports/new", "Nhập tệp", "Import files", ROLES_STAFF},
	};
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		if (items[i].roles != 0 &&
		    (req->who == NULL || !(items[i].roles & ROLE_BIT(req->who->role))))
			continue;
		const char *url = web_url(req, items[i].path, NULL, 0);
		if (strcmp(req->path, items[i].path) == 0)
			html_open(b, "a", "href", url, "aria-current", "page", NULL);
		else
			html_open(b, "a", "href", url, NULL);
		html_text(b, HTTP_T(req, items[i].vi, items[i].en));
		html_close(b, "a");
	}
}

/*
 * The account box: a sign-in link for the public; for a signed-in user the
 * email (to the account page) and a sign-out form with the CSRF token.
 */
static void
web_userbox(struct http_request *req, struct buf *b)
{
	if (req->who == NULL) {
		struct http_param next = {"next", req->path};
		int keep = strcmp(req->path, "/") != 0 && strcmp(req->path, "/login") != 0;
		html_open(b, "a", "href", web_url(req, "/login", &next, keep), NULL);
		html_text(b, HTTP_T(req, "Đăng nhập", "Sign in"));
		html_close(b, "a");
		return;
	}
	html_open(b, "a", "href", web_url(req, "/account", NULL, 0), "title",
		  HTTP_T(req, "Tài khoản", "Account"), NULL);
	html_text(b, req->who->email);
	html_close(b, "a");
	if (req->csrf == NULL) /* an API token has no session to end */
		return;
	html_open(b, "form", "class", "logout", "method", "post", "action",
		  web_url(req, "/logout", NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Đăng xuất", "Sign out"));
	html_close(b, "button");
	html_close(b, "form");
}

int
web_layout(struct http_request *req, struct buf *body, const char *title, const char *body_html)
{
	const struct embed_file *tpl = embed_find("templates/layout.html");
	if (tpl == NULL) {
		log_err("web: templates/layout.html is not embedded");
		return -1;
	}
	struct buf t, home, site, nav, sw, foot, user;
	buf_init(&t, 1024);
	buf_init(&home, 64);
	buf_init(&site, 256);
	buf_init(&nav, WEB_FRAGMENT_MAX);
	buf_init(&sw, WEB_FRAGMENT_MAX);
	buf_init(&foot, WEB_FRAGMENT_MAX);
	buf_init(&user, WEB_FRAGMENT_MAX);
	web_userbox(req, &user);
	html_text(&t, title);
	html_text(&home, web_url(req, "/", NULL, 0));
	html_text(&site, HTTP_T(req, "sxsh · Sản xuất sạch hơn", "sxsh · Cleaner production"));
	web_nav(req, &nav);
	web_switch(req, &sw);
	html_text(&foot,
		  HTTP_T(req,
			 "Sở Công Thương — Chương trình sản xuất sạch hơn trong công nghiệp. "
			 "Số liệu công khai ở dạng tổng hợp.",
			 "Department of Industry and Trade — cleaner production programme. "
			 "Public figures are aggregated."));
	/* the public case studies of pilot assessments (web/casestudies.c) */
	html_text(&foot, " ");
	html_open(&foot, "a", "href", web_url(req, "/case-studies", NULL, 0), NULL);
	html_text(&foot, HTTP_T(req, "Điển hình SXSH", "CP case studies"));
	html_close(&foot, "a");
	const struct html_var vars[] = {
	    {"lang", req->lang == LANG_EN ? "en" : "vi"},
	    {"title", buf_str(&t)},
	    {"home", buf_str(&home)},
	    {"site", buf_str(&site)},
	    {"nav", buf_str(&nav)},
	    {"switch", buf_str(&sw)},
	    {"body", body_html},
	    {"footer", buf_str(&foot)},
	    {"user", buf_str(&user)},
	    {"skip", HTTP_T(req, "Bỏ qua điều hướng", "Skip to content")},
	    {"navlabel", HTTP_T(req, "Điều hướng chính", "Main navigation")},
	};
	int rc = html_template(body, (const char *)tpl->data, vars, sizeof(vars) / sizeof(vars[0]));
	if (rc < 0)
		log_err("web: templates/layout.html has an unknown placeholder");
	buf_free(&t);
	buf_free(&home);
	buf_free(&site);
	buf_free(&nav);
	buf_free(&sw);
	buf_free(&foot);
	buf_free(&user);
	return rc;
}

void
web_scroll_open(struct buf *b, const char *label)
{
	html_open(b, "div", "class", "scroll", "role", "region", "tabindex", "0", "aria-label",
		  label, NULL);
}

void
web_scroll_close(struct buf *b)
{
	html_close(b, "div");
}

static const struct {
	int status;
	const char *vi, *en;
} web_statuses[] = {
    {400, "Yêu cầu không hợp lệ", "Bad request"},
    {404, "Không tìm thấy", "Not found"},
    {401, "Cần đăng nhập", "Sign-in required"},
    {403, "Không có quyền", "Forbidden"},
    {405, "Phương thức không được phép", "Method not allowed"},
    {413, "Dữ liệu quá lớn", "Request too large"},
    {429, "Quá nhiều yêu cầu", "Too many requests"},
    {414, "Địa chỉ quá dài", "URI too long"},
    {500, "Lỗi máy chủ", "Server error"},
    {503, "Dịch vụ tạm thời không sẵn sàng", "Service unavailable"},
    {507, "Bộ nhớ của máy chủ đã đầy", "Server storage full"},
};

void
web_error(struct http_request *req, struct http_response *resp, int status, const char *msg_vi,
	  const char *msg_en)
{
	const char *title = HTTP_T(req, "Lỗi", "Error");
	for (size_t i = 0; i < sizeof(web_statuses) / sizeof(web_statuses[0]); i++)
		if (web_statuses[i].status == status)
			title = HTTP_T(req, web_statuses[i].vi, web_statuses[i].en);
	http_response_reset(resp);
	resp->status = status;
	resp->content_type = HTTP_CT_HTML;

	struct buf b;
	buf_init(&b, WEB_FRAGMENT_MAX);
	html_open(&b, "section", "class", "error", NULL);
	html_open(&b, "h1", NULL);
	html_textf(&b, "%d — %s", status, title);
	html_close(&b, "h1");
	html_elem(&b, "p", HTTP_T(req, msg_vi, msg_en));
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", web_url(req, "/", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Về trang chủ", "Back to the home page"));
	html_close(&b, "a");
	html_close(&b, "p");
	html_close(&b, "section");
	if (web_layout(req, &resp->body, title, buf_str(&b)) < 0) {
		buf_reset(&resp->body);
		buf_puts(&resp->body, title);
	}
	buf_free(&b);
}

struct web_app *
web_app_new(void)
{
	struct web_app *app = xcalloc(1, sizeof(*app));
	pthread_mutex_init(&app->dashboard.lock, NULL);
	kpi_cache_init(&app->kpi);
	return app;
}

struct kpi_cache *
web_app_kpi(struct web_app *app)
{
	return &app->kpi;
}

void
web_app_free(struct web_app *app)
{
	if (app == NULL)
		return;
	for (int i = 0; i < 2; i++) {
		http_blob_unref(app->dashboard.lang[i].page);
		http_blob_unref(app->dashboard.lang[i].content);
		free(app->dashboard.lang[i].title);
	}
	pthread_mutex_destroy(&app->dashboard.lock);
	kpi_cache_destroy(&app->kpi);
	free(app);
}
