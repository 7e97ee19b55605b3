/*
 * libFuzzer driver over the JSON API's body reader (api_body in
 * src/api/api.c): the depth pre-check, jansson with duplicate keys
 * rejected, and the object check.  The input is the body as sent with
 * Content-Type application/json.  Built and run by scripts/fuzz.sh.
 *
 * Invariants: an accepted body is an object nested at most
 * API_JSON_DEPTH_MAX deep (counting the object itself); a refused one is
 * answered 400 with a problem document.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_int.h"
#include "req/request.h"
#include "req/response.h"
#include "util/alloc.h"

/* The nesting depth of arrays and objects in j (a scalar is 0). */
static int
depth(const json_t *j)
{
	int max = 0, d;
	if (json_is_object(j)) {
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)j, k, v)
		{
			if ((d = depth(v)) > max)
				max = d;
		}
		return max + 1;
	}
	if (json_is_array(j)) {
		size_t i;
		json_t *v;
		json_array_foreach(j, i, v)
		{
			if ((d = depth(v)) > max)
				max = d;
		}
		return max + 1;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_request req;
	struct http_response resp;
	char *body = xmalloc(size + 1);
	memcpy(body, data, size);
	body[size] = '\0';
	http_request_init(&req);
	http_response_init(&resp);
	req.method = HTTP_POST;
	req.path = "/api/v1/fuzz";
	req.content_type = "application/json; charset=utf-8";
	req.body = body;
	req.body_len = size;

	json_t *o = api_body(&req, &resp);
	if (o != NULL) {
		if (!json_is_object(o) || depth(o) > API_JSON_DEPTH_MAX)
			abort();
		json_decref(o);
	} else if (resp.status != 400 || resp.body.len == 0) {
		abort();
	}
	http_response_free(&resp);
	http_request_clear(&req);
	free(body);
	return 0;
}
