/*
 * Checks JSON responses against docs/openapi.json for the HTTP tests: the
 * schema of an operation's response (by path template, method and status)
 * with the subset of JSON Schema the file uses: $ref to
 * #/components/schemas, type, nullable, enum, required, properties,
 * additionalProperties (false or a schema) and items.
 */
#ifndef SXSH_TEST_OPENAPI_CHECK_H
#define SXSH_TEST_OPENAPI_CHECK_H

#include <stddef.h>

/*
 * Validates body, sent with content_type, as the response status of
 * method (lower case, "get") on path_template ("/api/v1/reports/{id}").
 * Returns 0, or -1 with the first mismatch in err ("$.items[0].id: expected
 * integer").  The spec is read once from $SXSH_SRC/docs/openapi.json.
 */
int oa_check(const char *path_template, const char *method, int status, const char *content_type,
	     const char *body, char *err, size_t errsz);

#endif
