/*
 * Responses (see response.h), and the one place security headers are set.
 * Bodies are handed to libmicrohttpd with a free callback, so their memory
 * lives exactly as long as libmicrohttpd needs it (manual, "Validity of
 * pointers"): a detached buffer is freed, a blob loses one reference.
 */
#include "http/response.h"

#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"
#include "util/alloc.h"
#include "util/log.h"

/* Sent with every response, whatever its status. */
static const struct http_header http_security_headers[] = {
    {"Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "
				"form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
};

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

static void
http_blob_release(void *cls)
{
	http_blob_unref(cls);
}

enum MHD_Result
http_response_queue(struct MHD_Connection *c, struct http_response *r)
{
	struct MHD_Response *mr;
	if (r->blob != NULL) {
		mr = MHD_create_response_from_buffer_with_free_callback_cls(
		    r->blob->len, r->blob->data, http_blob_release, r->blob);
		r->blob = NULL; /* the reference now belongs to mr */
	} else {
		size_t len = 0;
		char *data = buf_detach(&r->body, &len);
		if (data == NULL)
			mr = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		else
			mr = MHD_create_response_from_buffer_with_free_callback(len, data, free);
	}
	if (mr == NULL) {
		log_err("http: cannot create a response");
		return MHD_NO;
	}
	for (size_t i = 0; i < sizeof(http_security_headers) / sizeof(http_security_headers[0]);
	     i++)
		MHD_add_response_header(mr, http_security_headers[i].name,
					http_security_headers[i].value);
	MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
	for (int i = 0; i < r->nheaders; i++)
		MHD_add_response_header(mr, r->headers[i].name, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, mr);
	MHD_destroy_response(mr);
	return ret;
}
