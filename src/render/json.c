/*
 * JSON serialisation over jansson (see json.h).
 */
#include "render/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"

static json_t *
jsonw_must(json_t *v)
{
	if (v == NULL) {
		fprintf(stderr, "sxsh: out of memory\n");
		abort();
	}
	return v;
}

static int
jsonw_put(const char *s, size_t n, void *data)
{
	return buf_append(data, s, n);
}

int
jsonw_render(struct buf *b, const json_t *v)
{
	return json_dump_callback(v, jsonw_put, b, JSON_COMPACT | JSON_PRESERVE_ORDER) == 0 ? 0
											    : -1;
}

json_t *
jsonw_obj(void)
{
	return jsonw_must(json_object());
}

json_t *
jsonw_arr(void)
{
	return jsonw_must(json_array());
}

json_t *
jsonw_str(const char *s)
{
	if (s == NULL)
		return json_null();
	json_t *v = json_string(s);
	return v != NULL ? v : json_null(); /* invalid UTF-8 */
}

json_t *
jsonw_int(int64_t v)
{
	return jsonw_must(json_integer((json_int_t)v));
}

json_t *
jsonw_real(double v)
{
	if (!isfinite(v))
		return json_null();
	return jsonw_must(json_real(v));
}

json_t *
jsonw_bool(int v)
{
	return v ? json_true() : json_false();
}

json_t *
jsonw_set(json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, v != NULL ? v : json_null()) < 0)
		jsonw_must(NULL);
	return o;
}

json_t *
jsonw_push(json_t *a, json_t *v)
{
	if (json_array_append_new(a, v != NULL ? v : json_null()) < 0)
		jsonw_must(NULL);
	return a;
}
