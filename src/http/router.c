/*
 * Route table and dispatch (see router.h).
 */
#include "http/router.h"

#include <string.h>

#include "util/log.h"
#include "web/web.h"

#define M(m) (1u << (m))

const struct route_def routes[ROUTE__MAX] = {
    [ROUTE_DASHBOARD] = {.path = "/", .methods = M(HTTP_GET), .handler = web_dashboard},
    [ROUTE_FACILITIES] = {.path = "/facilities", .methods = M(HTTP_GET), .handler = web_facilities},
    [ROUTE_HEALTHZ] = {.path = "/healthz", .methods = M(HTTP_GET), .handler = web_health},
    [ROUTE_STATIC] = {.path = "/static/",
		      .prefix = 1,
		      .methods = M(HTTP_GET),
		      .handler = web_static},
    /* @routes */
};

static const struct {
	const char *name;
	enum http_method method;
} http_methods[] = {
    {"GET", HTTP_GET}, {"HEAD", HTTP_HEAD},	{"POST", HTTP_POST},
    {"PUT", HTTP_PUT}, {"DELETE", HTTP_DELETE},
};

enum http_method
http_method_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(http_methods) / sizeof(http_methods[0]); i++)
		if (strcmp(http_methods[i].name, name) == 0)
			return http_methods[i].method;
	return HTTP_OTHER;
}

static const struct route_def *
router_find(const char *path)
{
	for (int i = 0; i < ROUTE__MAX; i++) {
		const struct route_def *r = &routes[i];
		if (r->prefix ? strncmp(path, r->path, strlen(r->path)) == 0
			      : strcmp(path, r->path) == 0)
			return r;
	}
	return NULL;
}

/* "GET, HEAD" for a route's methods, into the request's arena. */
static const char *
router_allow(struct http_request *req, unsigned methods)
{
	if (methods & M(HTTP_GET))
		methods |= M(HTTP_HEAD);
	char *out = arena_alloc(&req->arena, 64);
	out[0] = '\0';
	for (size_t i = 0; i < sizeof(http_methods) / sizeof(http_methods[0]); i++) {
		if (!(methods & M(http_methods[i].method)))
			continue;
		if (out[0] != '\0')
			strcat(out, ", ");
		strcat(out, http_methods[i].name);
	}
	return out;
}

void
router_dispatch(struct http_request *req, const char *uri, struct http_response *resp)
{
	enum http_query_rc qrc = http_request_parse_uri(req, uri);
	const char *lang = http_param(req, "lang");
	if (lang != NULL && strcmp(lang, "en") == 0)
		req->lang = LANG_EN;

	if (qrc == HTTP_QUERY_TOO_LONG) {
		web_error(req, resp, 414, "Địa chỉ quá dài.", "The address is too long.");
		return;
	}
	const struct route_def *r = router_find(req->path);
	if (r == NULL) {
		web_error(req, resp, 404, "Không tìm thấy trang này.", "This page does not exist.");
		return;
	}
	unsigned accepted = r->methods & M(HTTP_GET) ? r->methods | M(HTTP_HEAD) : r->methods;
	if (!(accepted & M(req->method))) {
		web_error(req, resp, 405, "Phương thức không được phép với trang này.",
			  "This method is not allowed for this page.");
		http_response_header(resp, "Allow", router_allow(req, r->methods));
		return;
	}
	if (qrc == HTTP_QUERY_BAD) {
		web_error(req, resp, 400, "Tham số truy vấn không hợp lệ.",
			  "Invalid query parameters.");
		return;
	}
	if (lang != NULL && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0) {
		web_error(req, resp, 400, "Tham số lang phải là vi hoặc en.",
			  "The lang parameter must be vi or en.");
		return;
	}
	if (r->roles != 0 && req->who == NULL) {
		web_error(req, resp, 401, "Vui lòng đăng nhập để xem trang này.",
			  "Please sign in to see this page.");
		return;
	}
	if (r->roles != 0 && !(r->roles & ROLE_BIT(req->who->role))) {
		web_error(req, resp, 403, "Tài khoản của bạn không có quyền xem trang này.",
			  "Your account may not see this page.");
		return;
	}
	if (r->handler(req, resp) < 0) {
		log_err("http: handler for %s failed", req->path);
		http_response_reset(resp);
		web_error(req, resp, 500, "Đã xảy ra lỗi nội bộ. Vui lòng thử lại sau.",
			  "An internal error occurred. Please try again later.");
	}
}
