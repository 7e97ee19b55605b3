/*
 * The multipart/form-data parser (see multipart.h).  Written from RFC 2046
 * section 5.1.1 and RFC 7578: a delimiter is CRLF "--" boundary, the first
 * one may open the body without its CRLF, the last is followed by "--";
 * between a delimiter and its part's headers there may be spaces (transport
 * padding), then CRLF; headers end at an empty line.
 */
#include "req/multipart.h"

#include <string.h>
#include <strings.h>

#include "util/fold.h"

/* The first occurrence of needle (nl > 0 bytes) in hay[0..hl), or NULL. */
static const char *
mp_find(const char *hay, size_t hl, const char *needle, size_t nl)
{
	const char *p = hay, *end = hay + hl;
	while ((size_t)(end - p) >= nl) {
		p = memchr(p, needle[0], (size_t)(end - p) - nl + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, needle, nl) == 0)
			return p;
		p++;
	}
	return NULL;
}

int
multipart_boundary(const char *ct, char *out, size_t n)
{
	static const char type[] = "multipart/form-data";
	if (ct == NULL || strncasecmp(ct, type, sizeof(type) - 1) != 0)
		return -1;
	const char *p = ct + sizeof(type) - 1;
	while (*p != '\0') {
		if (*p != ';' && *p != ' ' && *p != '\t')
			return -1;
		while (*p == ';' || *p == ' ' || *p == '\t')
			p++;
		size_t klen = strcspn(p, "=;");
		int is_boundary = klen == 8 && strncasecmp(p, "boundary", 8) == 0;
		p += klen;
		if (*p != '=')
			continue;
		p++;
		const char *v = p;
		size_t vlen;
		if (*p == '"') {
			v = ++p;
			const char *q = strchr(p, '"');
			if (q == NULL)
				return -1;
			vlen = (size_t)(q - p);
			p = q + 1;
		} else {
			vlen = strcspn(p, "; \t");
			p += vlen;
		}
		if (is_boundary) {
			if (vlen == 0 || vlen > MULTIPART_BOUNDARY_MAX || vlen + 1 > n)
				return -1;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return 0;
		}
	}
	return -1;
}

/* A NUL-terminated copy of s[0..len) in a, or NULL when it holds a NUL or invalid UTF-8. */
static char *
mp_text(struct arena *a, const char *s, size_t len)
{
	if (memchr(s, '\0', len) != NULL || !utf8_valid(s, len))
		return NULL;
	return arena_strndup(a, s, len);
}

/*
 * Reads a parameter value at *pp (line end at end): a quoted string, in
 * which \" and \\ stand for " and \, or a token up to ';'.  Returns a copy
 * in a, or NULL when malformed; *pp moves past it.
 */
static char *
mp_param_value(struct arena *a, const char **pp, const char *end)
{
	const char *p = *pp;
	if (p < end && *p == '"') {
		p++;
		char *out = arena_alloc(a, (size_t)(end - p) + 1);
		size_t w = 0;
		for (; p < end && *p != '"'; p++) {
			if (*p == '\\' && p + 1 < end && (p[1] == '"' || p[1] == '\\'))
				p++;
			out[w++] = *p;
		}
		if (p == end)
			return NULL; /* unterminated */
		*pp = p + 1;
		out[w] = '\0';
		return memchr(out, '\0', w) == NULL && utf8_valid(out, w) ? out : NULL;
	}
	const char *q = p;
	while (q < end && *q != ';' && *q != ' ' && *q != '\t')
		q++;
	*pp = q;
	return mp_text(a, p, (size_t)(q - p));
}

/* Parses the Content-Disposition value v[0..end) into part: 0 or -1. */
static int
mp_disposition(struct arena *a, const char *v, const char *end, struct multipart_part *part)
{
	static const char fd[] = "form-data";
	if ((size_t)(end - v) < sizeof(fd) - 1 || strncasecmp(v, fd, sizeof(fd) - 1) != 0)
		return -1;
	const char *p = v + sizeof(fd) - 1;
	while (p < end) {
		while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
			p++;
		const char *k = p;
		while (p < end && *p != '=' && *p != ';')
			p++;
		size_t klen = (size_t)(p - k);
		if (p == end || *p != '=')
			continue;
		p++;
		char *val = mp_param_value(a, &p, end);
		if (val == NULL)
			return -1;
		if (klen == 4 && strncasecmp(k, "name", 4) == 0)
			part->name = val;
		else if (klen == 8 && strncasecmp(k, "filename", 8) == 0)
			part->filename = val;
		/* filename* is not sent by browsers (RFC 7578 4.2); other parameters are ignored.
		 */
	}
	return 0;
}

/* Parses the headers h[0..len) (lines ending CRLF, the last one too) into part. */
static int
mp_headers(struct arena *a, const char *h, size_t len, struct multipart_part *part)
{
	const char *p = h, *end = h + len;
	while (p < end) {
		const char *eol = mp_find(p, (size_t)(end - p), "\r\n", 2);
		if (eol == NULL)
			return -1;
		const char *colon = memchr(p, ':', (size_t)(eol - p));
		if (colon == NULL)
			return -1;
		const char *v = colon + 1;
		while (v < eol && (*v == ' ' || *v == '\t'))
			v++;
		size_t nlen = (size_t)(colon - p);
		if (nlen == 19 && strncasecmp(p, "Content-Disposition", 19) == 0) {
			if (mp_disposition(a, v, eol, part) < 0)
				return -1;
		} else if (nlen == 12 && strncasecmp(p, "Content-Type", 12) == 0) {
			if ((part->content_type = mp_text(a, v, (size_t)(eol - v))) == NULL)
				return -1;
		}
		p = eol + 2;
	}
	return part->name != NULL && part->name[0] != '\0' ? 0 : -1;
}

int
multipart_parse(const char *body, size_t len, const char *boundary, struct arena *a,
		struct multipart_part *parts, int max, int *count)
{
	*count = 0;
	char delim[MULTIPART_BOUNDARY_MAX + 5];
	size_t blen = strlen(boundary);
	if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
		return -1;
	/* delim is CRLF "--" boundary; the first one may come without its CRLF. */
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	size_t dlen = blen + 4;
	const char *end = body + len, *p;
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
		p = body + dlen - 2;
	} else {
		const char *d = mp_find(body, len, delim, dlen);
		if (d == NULL)
			return -1;
		p = d + dlen;
	}
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* the close delimiter; an epilogue is ignored */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		size_t look = (size_t)(end - p);
		if (look > MULTIPART_HEAD_MAX + 4)
			look = MULTIPART_HEAD_MAX + 4;
		/* Headers end at an empty line; a part with none has no name and is refused. */
		const char *hend = mp_find(p, look, "\r\n\r\n", 4);
		if (hend == NULL || *count == max)
			return -1;
		struct multipart_part *part = &parts[*count];
		memset(part, 0, sizeof(*part));
		if (mp_headers(a, p, (size_t)(hend - p) + 2, part) < 0)
			return -1;
		const char *data = hend + 4;
		const char *d = mp_find(data, (size_t)(end - data), delim, dlen);
		if (d == NULL)
			return -1;
		part->data = data;
		part->len = (size_t)(d - data);
		(*count)++;
		p = d + dlen;
	}
}
