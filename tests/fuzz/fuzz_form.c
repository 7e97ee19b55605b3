/*
 * libFuzzer driver over the request parsers of src/req/request.c: the
 * query string of a URI (http_request_parse_uri), an
 * application/x-www-form-urlencoded body (http_request_parse_form) and the
 * Cookie header (http_cookie).  The input is split at its first two '\n':
 * URI, Cookie header, then the body (which may hold anything, NUL too).
 * Built and run by scripts/fuzz.sh.
 *
 * Invariants: an accepted query or form has at most its maximum number of
 * parameters, each name and value valid UTF-8; the path never holds the
 * '?'; a cookie value never holds ';'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "req/auth.h"
#include "req/request.h"
#include "util/alloc.h"
#include "util/fold.h"

static void
check_params(const struct http_param *p, int n, int max)
{
	if (n < 0 || n > max)
		abort();
	for (int i = 0; i < n; i++)
		if (!utf8_valid(p[i].name, strlen(p[i].name)) ||
		    !utf8_valid(p[i].value, strlen(p[i].value)))
			abort();
}

/* The next '\n'-terminated piece of [*p, end) as a new string (caller frees). */
static char *
piece(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
	char *s = xmalloc(n + 1);
	memcpy(s, *p, n);
	s[n] = '\0';
	*p += nl ? n + 1 : n;
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char *uri = piece(&p, end), *cookie = piece(&p, end);
	size_t blen = (size_t)(end - p);
	char *body = xmalloc(blen + 1);
	memcpy(body, p, blen);
	body[blen] = '\0';

	struct http_request req;
	http_request_init(&req);
	enum http_query_rc rc = http_request_parse_uri(&req, uri);
	if (req.path == NULL || strchr(req.path, '?') != NULL)
		abort();
	if (rc == HTTP_QUERY_OK) {
		if (strlen(req.query) > HTTP_QUERY_MAX)
			abort();
		check_params(req.params, req.nparams, HTTP_PARAMS_MAX);
	}

	req.content_type = "application/x-www-form-urlencoded; charset=UTF-8";
	req.body = body;
	req.body_len = blen;
	if (http_request_parse_form(&req) == HTTP_QUERY_OK)
		check_params(req.form, req.nform, HTTP_FORM_PARAMS_MAX);

	req.cookie = cookie;
	static const char *const names[] = {HTTP_SESSION_COOKIE, HTTP_CSRF_COOKIE, "a"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = http_cookie(&req, names[i]);
		if (v != NULL && (strchr(v, ';') != NULL || strstr(cookie, v) == NULL))
			abort();
	}

	http_request_clear(&req);
	free(uri);
	free(cookie);
	free(body);
	return 0;
}
