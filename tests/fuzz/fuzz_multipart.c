/*
 * libFuzzer driver over the multipart/form-data parser (src/req/multipart.c)
 * and the Content-Type boundary reader.  The input is split at its first
 * '\n': a Content-Type header value, then the body (anything, NUL too).
 * Built and run by scripts/fuzz.sh.
 *
 * Invariants: an accepted body has at most max parts; each part's data
 * lies inside the body and holds no delimiter (CRLF "--" boundary); each
 * name is non-empty valid UTF-8, each filename and content type valid
 * UTF-8; a boundary read is 1 to MULTIPART_BOUNDARY_MAX bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "req/multipart.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/fold.h"

static int
valid(const char *s)
{
	return s == NULL || utf8_valid(s, strlen(s));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t cl = nl ? (size_t)(nl - data) : size;
	char *ct = xmalloc(cl + 1);
	memcpy(ct, data, cl);
	ct[cl] = '\0';
	size_t blen = nl ? size - cl - 1 : 0;
	char *body = xmalloc(blen + 1);
	memcpy(body, nl ? nl + 1 : data, blen);
	body[blen] = '\0';

	char boundary[MULTIPART_BOUNDARY_MAX + 1];
	if (multipart_boundary(ct, boundary, sizeof(boundary)) == 0) {
		size_t bl = strlen(boundary);
		if (bl == 0 || bl > MULTIPART_BOUNDARY_MAX)
			abort();
		struct arena a;
		arena_init(&a);
		struct multipart_part parts[8];
		int n = -1;
		char delim[MULTIPART_BOUNDARY_MAX + 5] = "\r\n--";
		memcpy(delim + 4, boundary, bl + 1);
		if (multipart_parse(body, blen, boundary, &a, parts, 8, &n) == 0) {
			if (n < 0 || n > 8)
				abort();
			for (int i = 0; i < n; i++) {
				const struct multipart_part *p = &parts[i];
				if (p->data < body || p->data + p->len > body + blen)
					abort();
				if (p->name == NULL || p->name[0] == '\0' || !valid(p->name) ||
				    !valid(p->filename) || !valid(p->content_type))
					abort();
				for (size_t k = 0; k + bl + 4 <= p->len; k++)
					if (memcmp(p->data + k, delim, bl + 4) == 0)
						abort();
			}
		}
		arena_free(&a);
	}
	free(ct);
	free(body);
	return 0;
}
