/*
 * A small JSON Schema validator for the subset docs/openapi.json uses (see
 * openapi_check.h).
 */
#include "openapi_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static json_t *oa_spec;

static json_t *
oa_load(void)
{
	if (oa_spec != NULL)
		return oa_spec;
	const char *src = getenv("SXSH_SRC");
	char path[4096];
	snprintf(path, sizeof(path), "%s/docs/openapi.json", src != NULL ? src : ".");
	json_error_t e;
	oa_spec = json_load_file(path, 0, &e);
	if (oa_spec == NULL)
		fprintf(stderr, "openapi_check: %s: %s\n", path, e.text);
	return oa_spec;
}

static const json_t *
oa_deref(const json_t *s)
{
	const char *ref = json_string_value(json_object_get(s, "$ref"));
	const char *pre = "#/components/schemas/";
	if (ref == NULL || strncmp(ref, pre, strlen(pre)) != 0)
		return s;
	return json_object_get(json_object_get(json_object_get(oa_spec, "components"), "schemas"),
			       ref + strlen(pre));
}

static int
oa_type_ok(const char *type, const json_t *v)
{
	if (strcmp(type, "object") == 0)
		return json_is_object(v);
	if (strcmp(type, "array") == 0)
		return json_is_array(v);
	if (strcmp(type, "string") == 0)
		return json_is_string(v);
	if (strcmp(type, "integer") == 0)
		return json_is_integer(v);
	if (strcmp(type, "number") == 0)
		return json_is_number(v);
	if (strcmp(type, "boolean") == 0)
		return json_is_boolean(v);
	return 0;
}

static int oa_validate(const json_t *schema, const json_t *v, const char *at, char *err,
		       size_t errsz);

static int
oa_object(const json_t *s, const json_t *v, const char *at, char *err, size_t errsz)
{
	char sub[512];
	const json_t *props = json_object_get(s, "properties");
	size_t i;
	const json_t *req;
	json_array_foreach(json_object_get(s, "required"), i, req)
	{
		if (json_object_get(v, json_string_value(req)) == NULL) {
			snprintf(err, errsz, "%s: missing member %s", at, json_string_value(req));
			return -1;
		}
	}
	const json_t *addl = json_object_get(s, "additionalProperties");
	const char *key;
	const json_t *m;
	json_object_foreach((json_t *)v, key, m)
	{
		snprintf(sub, sizeof(sub), "%s.%s", at, key);
		const json_t *ps = json_object_get(props, key);
		if (ps == NULL && json_is_false(addl)) {
			snprintf(err, errsz, "%s: member not in the schema", sub);
			return -1;
		}
		if (ps == NULL && json_is_object(addl))
			ps = addl;
		if (ps != NULL && oa_validate(ps, m, sub, err, errsz) < 0)
			return -1;
	}
	return 0;
}

static int
oa_validate(const json_t *schema, const json_t *v, const char *at, char *err, size_t errsz)
{
	const json_t *s = oa_deref(schema);
	if (s == NULL) {
		snprintf(err, errsz, "%s: unresolved $ref", at);
		return -1;
	}
	if (json_is_null(v)) {
		if (json_is_true(json_object_get(s, "nullable")))
			return 0;
		snprintf(err, errsz, "%s: null where the schema does not allow it", at);
		return -1;
	}
	const char *type = json_string_value(json_object_get(s, "type"));
	if (type != NULL && !oa_type_ok(type, v)) {
		snprintf(err, errsz, "%s: expected %s", at, type);
		return -1;
	}
	const json_t *en = json_object_get(s, "enum");
	if (en != NULL) {
		size_t i;
		const json_t *e;
		int found = 0;
		json_array_foreach(en, i, e) found |= json_equal(e, v);
		if (!found) {
			snprintf(err, errsz, "%s: value not in enum", at);
			return -1;
		}
	}
	if (json_is_object(v))
		return oa_object(s, v, at, err, errsz);
	if (json_is_array(v) && json_object_get(s, "items") != NULL) {
		size_t i;
		const json_t *e;
		char sub[512];
		json_array_foreach(v, i, e)
		{
			snprintf(sub, sizeof(sub), "%s[%zu]", at, i);
			if (oa_validate(json_object_get(s, "items"), e, sub, err, errsz) < 0)
				return -1;
		}
	}
	return 0;
}

int
oa_check(const char *path_template, const char *method, int status, const char *content_type,
	 const char *body, char *err, size_t errsz)
{
	if (oa_load() == NULL) {
		snprintf(err, errsz, "docs/openapi.json not readable");
		return -1;
	}
	char code[16];
	snprintf(code, sizeof(code), "%d", status);
	const json_t *op = json_object_get(
	    json_object_get(json_object_get(oa_spec, "paths"), path_template), method);
	const json_t *r = json_object_get(json_object_get(op, "responses"), code);
	if (r == NULL) {
		snprintf(err, errsz, "%s %s: status %d not documented", method, path_template,
			 status);
		return -1;
	}
	char ct[128];
	snprintf(ct, sizeof(ct), "%s", content_type != NULL ? content_type : "");
	ct[strcspn(ct, "; ")] = '\0';
	const json_t *schema =
	    json_object_get(json_object_get(json_object_get(r, "content"), ct), "schema");
	if (schema == NULL) {
		snprintf(err, errsz, "%s %s %d: content type '%s' not documented", method,
			 path_template, status, ct);
		return -1;
	}
	json_error_t e;
	json_t *v = json_loads(body, JSON_DECODE_ANY, &e);
	if (v == NULL) {
		snprintf(err, errsz, "body is not JSON: %s", e.text);
		return -1;
	}
	int rc = oa_validate(schema, v, "$", err, errsz);
	json_decref(v);
	return rc;
}
