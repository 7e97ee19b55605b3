/*
 * The JSON writer of the API: documents are built as jansson values (which
 * escape every string by construction and can only nest in balance) and
 * serialised here, compact, with object keys in the order they were set,
 * so a response always reads the same.  The constructors below never
 * return NULL: a NaN or infinity becomes null, a string that is not valid
 * UTF-8 becomes null, and out of memory aborts (util/alloc.h policy).
 */
#ifndef SXSH_RENDER_JSON_H
#define SXSH_RENDER_JSON_H

#include <stdint.h>

#include <jansson.h>

struct buf;

/*
 * Appends the compact text of v to b; v keeps its reference.  Returns 0,
 * or -1 when b's maximum was reached (b then holds a truncated prefix).
 */
int jsonw_render(struct buf *b, const json_t *v);

/* New references; see above for what they never return. */
json_t *jsonw_obj(void);
json_t *jsonw_arr(void);
json_t *jsonw_str(const char *s); /* NULL -> null */
json_t *jsonw_int(int64_t v);
json_t *jsonw_real(double v); /* non-finite -> null */
json_t *jsonw_bool(int v);

/* Sets o[key] = v, taking v's reference (v NULL stores null).  Returns o. */
json_t *jsonw_set(json_t *o, const char *key, json_t *v);
/* Appends v to array a, taking v's reference.  Returns a. */
json_t *jsonw_push(json_t *a, json_t *v);

#endif
