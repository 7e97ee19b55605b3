/*
 * Responses as handlers build them (see response.h).  They are sent, with
 * the security headers, by http_response_queue (http/queue.c).
 */
#include "req/response.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

struct http_blob *
http_blob_new(const char *data, size_t len)
{
	struct http_blob *b = xmalloc(sizeof(*b) + len + 1);
	atomic_init(&b->refs, 1);
	b->len = len;
	memcpy(b->data, data, len);
	b->data[len] = '\0';
	return b;
}

struct http_blob *
http_blob_ref(struct http_blob *b)
{
	atomic_fetch_add(&b->refs, 1);
	return b;
}

void
http_blob_unref(struct http_blob *b)
{
	if (b != NULL && atomic_fetch_sub(&b->refs, 1) == 1)
		free(b);
}

void
http_response_init(struct http_response *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->content_type = HTTP_CT_HTML;
	buf_init(&r->body, HTTP_BODY_MAX);
}

void
http_response_free(struct http_response *r)
{
	if (r == NULL)
		return;
	buf_free(&r->body);
	http_blob_unref(r->blob);
	r->blob = NULL;
}

void
http_response_reset(struct http_response *r)
{
	http_response_free(r);
	http_response_init(r);
}

int
http_response_header(struct http_response *r, const char *name, const char *value)
{
	if (r->nheaders == HTTP_HEADERS_MAX)
		return -1;
	r->headers[r->nheaders].name = name;
	r->headers[r->nheaders].value = value;
	r->nheaders++;
	return 0;
}

void
http_response_set_blob(struct http_response *r, struct http_blob *blob)
{
	http_blob_unref(r->blob);
	r->blob = blob;
}
