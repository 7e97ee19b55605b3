/*
 * A multipart/form-data body (RFC 7578), the way a browser sends a form
 * with a file: parts separated by "--" and the boundary of the
 * Content-Type, each with its headers (Content-Disposition with name and
 * filename, Content-Type) and its bytes.  The parser is binary-safe: a
 * part's data is a pointer into the body and a length, never copied and
 * never cut at a NUL; names are copied into the arena, NUL-terminated, and
 * must be valid UTF-8 without NUL.  Anything malformed (no closing
 * delimiter, a part without a name, headers longer than
 * MULTIPART_HEAD_MAX, more than max parts) is refused as a whole.
 */
#ifndef SXSH_REQ_MULTIPART_H
#define SXSH_REQ_MULTIPART_H

#include <stddef.h>

#include "util/arena.h"

#define MULTIPART_BOUNDARY_MAX 70   /* bytes of a boundary (RFC 2046) */
#define MULTIPART_HEAD_MAX     4096 /* bytes of one part's headers */

struct multipart_part {
	const char *name;	  /* the form field's name (arena) */
	const char *filename;	  /* the file's name as sent (arena), or NULL for a plain field */
	const char *content_type; /* as sent (arena), or NULL */
	const char *data;	  /* into the body: not NUL-terminated, may hold NULs */
	size_t len;
};

/*
 * The boundary of a "multipart/form-data; boundary=..." Content-Type
 * (quoted or not) into out (at least MULTIPART_BOUNDARY_MAX + 1 bytes).
 * Returns 0, or -1 when ct is not multipart/form-data or its boundary is
 * missing, empty or too long.
 */
int multipart_boundary(const char *ct, char *out, size_t n);

/*
 * Splits body[0..len) by boundary into parts (at most max), *count set to
 * how many.  Strings go into arena a.  Returns 0, or -1 when the body is
 * malformed or has more than max parts.
 */
int multipart_parse(const char *body, size_t len, const char *boundary, struct arena *a,
		    struct multipart_part *parts, int max, int *count);

#endif
