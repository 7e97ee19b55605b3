/*
 * Sending a response (http_response_queue, http_int.h), and the one place
 * security headers are set.  Bodies are handed to libmicrohttpd with a free
 * callback, so their memory lives exactly as long as libmicrohttpd needs it
 * (manual, "Validity of pointers"): a detached buffer is freed, a blob loses
 * one reference.
 */
#include <stdlib.h>

#include "http/http_int.h"
#include "util/log.h"

/* Sent with every response, whatever its status. */
static const struct http_header http_security_headers[] = {
    {"Content-Security-Policy",
     "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; "
     "img-src 'self' data:; "
     "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
};

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
