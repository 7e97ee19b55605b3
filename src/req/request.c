/*
 * Request parsing (see request.h): the bounded query-string parser.
 */
#include "req/request.h"

#include <string.h>
#include <strings.h>

#include "req/multipart.h"
#include "util/fold.h"

void
http_request_init(struct http_request *req)
{
	memset(req, 0, sizeof(*req));
	arena_init(&req->arena);
	req->path = "/";
	req->query = "";
	req->lang = LANG_VI;
}

void
http_request_clear(struct http_request *req)
{
	arena_free(&req->arena);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes s[0..n) into the arena.  NULL on a bad escape, an encoded NUL
 * (which would cut the value short) or invalid UTF-8.
 */
static char *
http_unescape(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[w++] = ' ';
		} else if (s[i] == '%') {
			if (i + 2 >= n)
				return NULL;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[w++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[w++] = s[i];
		}
	}
	out[w] = '\0';
	if (memchr(out, '\0', w) != NULL || !utf8_valid(out, w))
		return NULL;
	return out;
}

/*
 * Parses "a=1&b=2" (s, n bytes) into params (at most max); *count is the
 * number stored.  HTTP_QUERY_BAD for too many or undecodable parameters.
 */
static enum http_query_rc
http_parse_pairs(struct http_request *req, const char *s, size_t n, struct http_param *params,
		 int *count, int max)
{
	const char *p = s, *end = s + n;
	while (p < end) {
		size_t len = strcspn(p, "&");
		if (len > (size_t)(end - p))
			len = (size_t)(end - p);
		if (len > 0) {
			if (*count == max)
				return HTTP_QUERY_BAD;
			const char *eq = memchr(p, '=', len);
			size_t nlen = eq ? (size_t)(eq - p) : len;
			const char *name = http_unescape(&req->arena, p, nlen);
			const char *value =
			    eq ? http_unescape(&req->arena, eq + 1, len - nlen - 1) : "";
			if (name == NULL || value == NULL)
				return HTTP_QUERY_BAD;
			params[*count].name = name;
			params[*count].value = value;
			(*count)++;
		}
		p += len;
		if (p < end && *p == '&')
			p++;
	}
	return HTTP_QUERY_OK;
}

enum http_query_rc
http_request_parse_uri(struct http_request *req, const char *uri)
{
	const char *q = strchr(uri, '?');
	if (q == NULL) {
		req->path = arena_strdup(&req->arena, uri);
		req->query = "";
		return HTTP_QUERY_OK;
	}
	req->path = arena_strndup(&req->arena, uri, (size_t)(q - uri));
	q++;
	size_t qlen = strlen(q);
	if (qlen > HTTP_QUERY_MAX)
		return HTTP_QUERY_TOO_LONG;
	req->query = arena_strndup(&req->arena, q, qlen);
	return http_parse_pairs(req, req->query, qlen, req->params, &req->nparams, HTTP_PARAMS_MAX);
}

/* A multipart/form-data body into req->form and req->files. */
static enum http_query_rc
http_parse_multipart(struct http_request *req, const char *boundary)
{
	int max = HTTP_FORM_PARAMS_MAX + HTTP_FILES_MAX, n;
	struct multipart_part *parts = arena_alloc(&req->arena, sizeof(*parts) * (size_t)max);
	if (multipart_parse(req->body, req->body_len, boundary, &req->arena, parts, max, &n) < 0)
		return HTTP_QUERY_BAD;
	for (int i = 0; i < n; i++) {
		const struct multipart_part *p = &parts[i];
		if (p->filename != NULL) {
			if (req->nfiles == HTTP_FILES_MAX)
				return HTTP_QUERY_BAD;
			req->files[req->nfiles++] = (struct http_file){
			    p->name, p->filename, p->content_type, p->data, p->len};
			continue;
		}
		if (req->nform == HTTP_FORM_PARAMS_MAX || memchr(p->data, '\0', p->len) != NULL ||
		    !utf8_valid(p->data, p->len))
			return HTTP_QUERY_BAD;
		req->form[req->nform].name = p->name;
		req->form[req->nform].value = arena_strndup(&req->arena, p->data, p->len);
		req->nform++;
	}
	return HTTP_QUERY_OK;
}

enum http_query_rc
http_request_parse_form(struct http_request *req)
{
	static const char form_type[] = "application/x-www-form-urlencoded";
	const char *ct = req->content_type;
	char boundary[MULTIPART_BOUNDARY_MAX + 1];
	if (req->body != NULL && multipart_boundary(ct, boundary, sizeof(boundary)) == 0)
		return http_parse_multipart(req, boundary);
	size_t tl = sizeof(form_type) - 1;
	if (ct == NULL || strncasecmp(ct, form_type, tl) != 0 || (ct[tl] != '\0' && ct[tl] != ';'))
		return HTTP_QUERY_OK;
	if (req->body == NULL || memchr(req->body, '\0', req->body_len) != NULL)
		return req->body == NULL ? HTTP_QUERY_OK : HTTP_QUERY_BAD;
	return http_parse_pairs(req, req->body, req->body_len, req->form, &req->nform,
				HTTP_FORM_PARAMS_MAX);
}

const char *
http_form(const struct http_request *req, const char *name)
{
	for (int i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].name, name) == 0)
			return req->form[i].value;
	return NULL;
}

const struct http_file *
http_file(const struct http_request *req, const char *name)
{
	for (int i = 0; i < req->nfiles; i++)
		if (strcmp(req->files[i].name, name) == 0)
			return &req->files[i];
	return NULL;
}

const char *
http_cookie(struct http_request *req, const char *name)
{
	size_t nl = strlen(name);
	for (const char *p = req->cookie; p != NULL && *p != '\0';) {
		while (*p == ' ' || *p == ';')
			p++;
		size_t len = strcspn(p, ";");
		if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=')
			return arena_strndup(&req->arena, p + nl + 1, len - nl - 1);
		p += len;
	}
	return NULL;
}

const char *
http_param(const struct http_request *req, const char *name)
{
	for (int i = 0; i < req->nparams; i++)
		if (strcmp(req->params[i].name, name) == 0)
			return req->params[i].value;
	return NULL;
}

struct db *
http_request_db(struct http_request *req)
{
	return req->db_get();
}

int
http_path_ids(const char *path, int64_t *ids, int max)
{
	int n = 0;
	for (const char *p = path; *p != '\0' && n < max;) {
		while (*p == '/')
			p++;
		size_t len = strcspn(p, "/");
		size_t digits = strspn(p, "0123456789");
		if (len > 0 && digits == len && len <= 18) {
			int64_t v = 0;
			for (size_t k = 0; k < len; k++)
				v = v * 10 + (p[k] - '0');
			ids[n++] = v;
		}
		p += len;
	}
	return n;
}
