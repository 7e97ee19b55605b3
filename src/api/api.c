/*
 * Shared pieces of the JSON API (see api.h and api_int.h): problem+json
 * answers, the mapping of workflow results to statuses, the bounded JSON
 * request body, pagination links and ids in paths.
 */
#include "api/api_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "render/html.h"
#include "req/request.h"
#include "util/buf.h"
#include "util/fmt.h"
#include "util/log.h"

static const struct {
	int status;
	const char *title;
} api_titles[] = {
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {409, "Conflict"},
    {413, "Content Too Large"},
    {414, "URI Too Long"},
    {415, "Unsupported Media Type"},
    {422, "Unprocessable Content"},
    {500, "Internal Server Error"},
    {507, "Insufficient Storage"},
};

/* The problem document without errors[]; the caller sends it. */
static json_t *
api_problem_doc(struct http_request *req, int status, const char *detail_vi, const char *detail_en)
{
	const char *title = "Error";
	for (size_t i = 0; i < sizeof(api_titles) / sizeof(api_titles[0]); i++)
		if (api_titles[i].status == status)
			title = api_titles[i].title;
	json_t *p = jsonw_obj();
	jsonw_set(p, "type", jsonw_str("about:blank"));
	jsonw_set(p, "title", jsonw_str(title));
	jsonw_set(p, "status", jsonw_int(status));
	jsonw_set(p, "detail",
		  jsonw_str(req->lang == LANG_EN
				? arena_printf(&req->arena, "%s / %s", detail_en, detail_vi)
				: arena_printf(&req->arena, "%s / %s", detail_vi, detail_en)));
	jsonw_set(p, "instance", jsonw_str(req->path));
	return p;
}

static void
api_send_problem(struct http_response *resp, int status, json_t *doc)
{
	http_response_reset(resp);
	if (api_send(resp, status, doc) < 0) {
		http_response_reset(resp);
		resp->status = status;
		buf_puts(&resp->body, "{\"type\":\"about:blank\"}");
	}
	resp->content_type = "application/problem+json";
}

void
api_problem(struct http_request *req, struct http_response *resp, int status, const char *detail_vi,
	    const char *detail_en)
{
	api_send_problem(resp, status, api_problem_doc(req, status, detail_vi, detail_en));
}

int
api_send(struct http_response *resp, int status, json_t *doc)
{
	buf_reset(&resp->body);
	resp->status = status;
	resp->content_type = "application/json";
	/* Answers depend on the caller or are not public: no cache may keep one. */
	http_response_header(resp, "Cache-Control", "no-store");
	int rc = jsonw_render(&resp->body, doc);
	json_decref(doc);
	if (rc < 0)
		log_err("api: response document larger than the response limit");
	return rc;
}

/*
 * A model message in both languages, the request's first ("vi / en", or
 * "en / vi" with ?lang=en): the form of every problem detail and field
 * message.  Arena string.
 */
static const char *
api_msg(struct http_request *req, const struct msg *m)
{
	char vi[VAL_MSG_MAX], en[VAL_MSG_MAX];
	msg_format(m, LANG_VI, vi, sizeof(vi));
	msg_format(m, LANG_EN, en, sizeof(en));
	return req->lang == LANG_EN ? arena_printf(&req->arena, "%s / %s", en, vi)
				    : arena_printf(&req->arena, "%s / %s", vi, en);
}

int
api_wf_fail(struct http_request *req, struct http_response *resp, int rc,
	    const struct wf_errors *errs)
{
	static const struct {
		int rc, status;
	} map[] = {
	    {ST_NOTFOUND, 404}, {ST_FORBIDDEN, 403}, {ST_STATE, 409}, {ST_CONFLICT, 409},
	    {ST_INVALID, 422},	{ST_EXISTS, 409},    {ST_FULL, 507},
	};
	int status = 0;
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].rc == rc)
			status = map[i].status;
	if (status == 0)
		return -1;
	struct msg m;
	char vi[VAL_MSG_MAX], en[VAL_MSG_MAX];
	msg_init(&m, msg_status(rc), NULL);
	json_t *p = api_problem_doc(req, status, msg_format(&m, LANG_VI, vi, sizeof(vi)),
				    msg_format(&m, LANG_EN, en, sizeof(en)));
	if (rc == ST_INVALID && errs != NULL) {
		json_t *list = jsonw_arr();
		for (int i = 0; i < errs->n; i++) {
			json_t *e = jsonw_obj();
			jsonw_set(e, "field", jsonw_str(errs->e[i].field));
			jsonw_set(e, "message", jsonw_str(api_msg(req, &errs->e[i].msg)));
			jsonw_push(list, e);
		}
		jsonw_set(p, "errors", list);
	}
	api_send_problem(resp, status, p);
	return 0;
}

/*
 * The deepest nesting of arrays and objects in s[0..n), strings skipped;
 * stops counting past limit.  Checked before parsing so that a hostile body
 * cannot make the parser recurse deeply.
 */
static int
api_depth(const char *s, size_t n, int limit)
{
	int depth = 0, max = 0, in_str = 0;
	for (size_t i = 0; i < n && max <= limit; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > max)
				max = depth;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return max;
}

json_t *
api_body(struct http_request *req, struct http_response *resp)
{
	const char *ct = req->content_type != NULL ? req->content_type : "";
	size_t ctlen = strcspn(ct, "; ");
	if (ctlen != strlen("application/json") ||
	    strncasecmp(ct, "application/json", ctlen) != 0) {
		api_problem(req, resp, 415, "Nội dung gửi lên phải là application/json",
			    "The request body must be application/json");
		return NULL;
	}
	if (api_depth(req->body, req->body_len, API_JSON_DEPTH_MAX) > API_JSON_DEPTH_MAX) {
		api_problem(req, resp, 400, "JSON lồng nhau quá sâu",
			    "The JSON is nested too deeply");
		return NULL;
	}
	json_error_t err;
	json_t *o = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err);
	if (o == NULL) {
		api_problem(req, resp, 400,
			    arena_printf(&req->arena, "JSON không hợp lệ (dòng %d, cột %d)",
					 err.line, err.column),
			    arena_printf(&req->arena, "Malformed JSON (line %d, column %d)",
					 err.line, err.column));
		return NULL;
	}
	if (!json_is_object(o)) {
		json_decref(o);
		api_problem(req, resp, 400, "Nội dung phải là một đối tượng JSON",
			    "The body must be a JSON object");
		return NULL;
	}
	return o;
}

const char *
api_text(struct http_request *req, const json_t *o, const char *key, struct wf_errors *errs,
	 const char *field_fmt, ...)
{
	const json_t *v = json_object_get(o, key);
	switch (v != NULL ? json_typeof(v) : JSON_NULL) {
	case JSON_NULL:
		return NULL;
	case JSON_STRING:
		return arena_strdup(&req->arena, json_string_value(v));
	case JSON_INTEGER:
		return arena_printf(&req->arena, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
	case JSON_REAL: { /* every digit: 1000000000000001.0 must not pass as 1e15 */
		char num[32];
		return arena_strdup(&req->arena, fmt_exact(num, sizeof(num), json_real_value(v)));
	}
	case JSON_TRUE:
		return "1";
	case JSON_FALSE:
		return "0";
	default:
		break;
	}
	char field[64];
	if (field_fmt != NULL) {
		va_list ap;
		va_start(ap, field_fmt);
		vsnprintf(field, sizeof(field), field_fmt, ap);
		va_end(ap);
	} else {
		snprintf(field, sizeof(field), "%s", key);
	}
	wf_errors_add_id(errs, MSG_VAL_WRONG_TYPE, "%s", field);
	return NULL;
}

int
api_param_int(struct http_request *req, struct http_response *resp, const char *name, int64_t min,
	      int64_t max, int64_t *out)
{
	const char *s = http_param(req, name);
	if (s == NULL)
		return 0;
	int64_t v;
	if (parse_int64(s, &v) < 0 || v < min || v > max) {
		api_problem(req, resp, 400,
			    arena_printf(&req->arena,
					 "Tham số %s phải là số nguyên từ %" PRId64 " đến %" PRId64,
					 name, min, max),
			    arena_printf(&req->arena,
					 "The parameter %s must be an integer from %" PRId64
					 " to %" PRId64,
					 name, min, max));
		return -1;
	}
	*out = v;
	return 0;
}

int
api_page_read(struct http_request *req, struct http_response *resp, struct api_page *p)
{
	int64_t page = 1, per = API_PER_PAGE_DEFAULT;
	if (api_param_int(req, resp, "page", 1, 1000000, &page) < 0 ||
	    api_param_int(req, resp, "per_page", 1, API_PER_PAGE_MAX, &per) < 0)
		return -1;
	p->page = (int)page;
	p->per_page = (int)per;
	return 0;
}

/* The request's URL with page set to page (arena), or JSON null for page < 1. */
static json_t *
api_page_link(struct http_request *req, const struct api_page *p, int page)
{
	if (page < 1)
		return json_null();
	struct buf b;
	buf_init(&b, HTTP_QUERY_MAX * 3 + 256);
	buf_puts(&b, req->path);
	buf_putc(&b, '?');
	for (int i = 0; i < req->nparams; i++) {
		const char *n = req->params[i].name;
		if (strcmp(n, "page") == 0 || strcmp(n, "per_page") == 0)
			continue;
		html_urlenc(&b, n);
		buf_putc(&b, '=');
		html_urlenc(&b, req->params[i].value);
		buf_putc(&b, '&');
	}
	buf_printf(&b, "page=%d&per_page=%d", page, p->per_page);
	json_t *v = jsonw_str(buf_str(&b));
	buf_free(&b);
	return v;
}

void
api_page_meta(struct http_request *req, json_t *doc, const struct api_page *p, long total)
{
	int last = total > 0 ? (int)((total + p->per_page - 1) / p->per_page) : 1;
	jsonw_set(doc, "page", jsonw_int(p->page));
	jsonw_set(doc, "per_page", jsonw_int(p->per_page));
	jsonw_set(doc, "total", jsonw_int(total));
	json_t *links = jsonw_obj();
	jsonw_set(links, "self", api_page_link(req, p, p->page));
	jsonw_set(links, "first", api_page_link(req, p, 1));
	jsonw_set(links, "last", api_page_link(req, p, last));
	jsonw_set(links, "next", api_page_link(req, p, p->page < last ? p->page + 1 : 0));
	jsonw_set(links, "prev",
		  api_page_link(req, p, p->page > 1 ? (p->page <= last ? p->page - 1 : last) : 0));
	jsonw_set(doc, "links", links);
}

int
api_path_id(struct http_request *req, struct http_response *resp, const char *prefix, int64_t *id,
	    const char **rest)
{
	size_t n = strlen(prefix);
	const char *s = req->path + n;
	size_t digits = strspn(s, "0123456789");
	int64_t v;
	if (strncmp(req->path, prefix, n) != 0 || digits == 0 || digits > 18 ||
	    (s[digits] != '\0' && s[digits] != '/') ||
	    parse_int64(arena_printf(&req->arena, "%.*s", (int)digits, s), &v) < 0 || v < 1) {
		api_problem(req, resp, 404, "Không tìm thấy", "Not found");
		return -1;
	}
	*id = v;
	*rest = s[digits] == '/' ? s + digits + 1 : "";
	return 0;
}

struct db *
api_db(struct http_request *req)
{
	return http_request_db(req);
}

json_t *
api_str_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? jsonw_str(s) : json_null();
}

int
api_int_member(const json_t *o, const char *key, int64_t *out, struct wf_errors *errs)
{
	const json_t *v = json_object_get(o, key);
	if (!json_is_integer(v)) {
		wf_errors_add_id(errs, MSG_VAL_REQUIRED_INT, "%s", key);
		return -1;
	}
	*out = (int64_t)json_integer_value(v);
	return 0;
}

int
api_action_route(struct http_request *req, struct http_response *resp, const char *rest)
{
	if (rest[0] == '\0') {
		if (req->method != HTTP_POST)
			return -1;
		api_problem(req, resp, 405, "Phương thức không được phép", "Method not allowed");
		http_response_header(resp, "Allow", "GET, HEAD, PUT");
		return API_ACTION_ANSWERED;
	}
	for (int a = 0; a < WF_ACTION__MAX; a++) {
		if (a == WF_EDIT || strcmp(rest, wf_action_names[a]) != 0)
			continue;
		if (req->method == HTTP_POST)
			return a;
		api_problem(req, resp, 405, "Phương thức không được phép", "Method not allowed");
		http_response_header(resp, "Allow", "POST");
		return API_ACTION_ANSWERED;
	}
	api_problem(req, resp, 404, "Không tìm thấy", "Not found");
	return API_ACTION_ANSWERED;
}

int
api_queue(struct http_request *req, struct http_response *resp, struct db *db, enum wf_kind kind)
{
	struct api_page p;
	int64_t year = 0, unit = 0;
	if (api_page_read(req, resp, &p) < 0 ||
	    api_param_int(req, resp, "year", 1, 9999, &year) < 0 ||
	    api_param_int(req, resp, "unit", 1, INT64_MAX, &unit) < 0)
		return 0;
	struct wf_queue_filter f = {.kind = (int)kind,
				    .state = -1,
				    .year = (int)year,
				    .unit_id = unit,
				    .sector = http_param(req, "sector"),
				    .limit = p.per_page,
				    .offset = (p.page - 1) * p.per_page};
	const char *state = http_param(req, "state");
	if (state != NULL && strcmp(state, "awaiting") != 0) {
		f.state = -2;
		for (int s = 0; s < WF_REVIEW_STATES; s++)
			if (strcmp(state, names_state[s].code) == 0)
				f.state = s;
		if (f.state == -2) {
			api_problem(req, resp, 400,
				    "Tham số state phải là awaiting, draft, submitted, forwarded, "
				    "returned hoặc accepted",
				    "The state parameter must be awaiting, draft, submitted, "
				    "forwarded, returned or accepted");
			return 0;
		}
	}
	struct wf_queue q;
	if (wf_queue_list(db, req->who, &f, &req->arena, &q) != ST_OK)
		return -1;
	json_t *items = jsonw_arr();
	for (int i = 0; i < q.n; i++) {
		const struct wf_queue_item *it = &q.items[i];
		json_t *o = jsonw_obj();
		jsonw_set(o, "id", jsonw_int(it->id));
		jsonw_set(o, "facility_id", jsonw_int(it->facility_id));
		jsonw_set(o, "facility_code", jsonw_str(it->facility_code));
		jsonw_set(o, "facility_name", jsonw_str(it->facility_name));
		jsonw_set(o, "unit_name", jsonw_str(it->unit_name));
		jsonw_set(o, "sector_code", jsonw_str(it->sector_code));
		jsonw_set(o, "year", jsonw_int(it->year));
		jsonw_set(o, "state", jsonw_str(names_state[it->state].code));
		jsonw_set(o, "version", jsonw_int(it->version));
		jsonw_set(o, "submitted_on", api_str_or_null(it->submitted_on));
		jsonw_push(items, o);
	}
	json_t *counts = jsonw_obj();
	for (int s = 0; s < WF_REVIEW_STATES; s++)
		jsonw_set(counts, names_state[s].code, jsonw_int(q.counts[s]));
	json_t *doc = jsonw_obj();
	jsonw_set(doc, "items", items);
	jsonw_set(doc, "counts", counts);
	api_page_meta(req, doc, &p, q.total);
	return api_send(resp, 200, doc);
}
