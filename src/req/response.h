/*
 * A response as handlers build it: status, content type, extra headers and a
 * body that is either a bounded buffer the response owns or a shared,
 * reference-counted blob (a cached page served to many clients at once).
 * The security headers (CSP, nosniff, referrer policy, frame denial) are not
 * set by handlers: http_response_queue() in http/queue.c adds them to every
 * response, in that one place.
 */
#ifndef SXSH_REQ_RESPONSE_H
#define SXSH_REQ_RESPONSE_H

#include <stdatomic.h>
#include <stddef.h>

#include "util/buf.h"

#define HTTP_BODY_MAX	 (8u << 20) /* bytes of one response body */
#define HTTP_HEADERS_MAX 8	    /* extra headers a handler may add */

#define HTTP_CT_HTML "text/html; charset=utf-8"
#define HTTP_CT_TEXT "text/plain; charset=utf-8"
#define HTTP_CT_CSS  "text/css; charset=utf-8"

/* Immutable bytes shared between a cache and the responses being sent. */
struct http_blob {
	atomic_long refs;
	size_t len;
	char data[]; /* NUL-terminated */
};

/* Returns a copy of data[0..len) with one reference, owned by the caller. */
struct http_blob *http_blob_new(const char *data, size_t len);
/* Adds a reference and returns b. */
struct http_blob *http_blob_ref(struct http_blob *b);
/* Drops a reference; the last one frees b.  NULL is a no-op.  Thread-safe. */
void http_blob_unref(struct http_blob *b);

struct http_header {
	const char *name;  /* static */
	const char *value; /* must live until the response is queued (arena is fine) */
};

struct http_response {
	int status;		  /* 200 unless set */
	const char *content_type; /* static string; HTTP_CT_HTML unless set */
	struct buf body;	  /* bounded by HTTP_BODY_MAX */
	struct http_blob *blob;	  /* when set, sent instead of body; one reference owned */
	struct http_header headers[HTTP_HEADERS_MAX];
	int nheaders;
};

void http_response_init(struct http_response *r);
/* Frees the body and drops the blob reference; NULL is a no-op. */
void http_response_free(struct http_response *r);
/* Empties the response back to its initial state (to replace it by an error page). */
void http_response_reset(struct http_response *r);
/* Adds a header; returns -1 when HTTP_HEADERS_MAX are already set. */
int http_response_header(struct http_response *r, const char *name, const char *value);
/* Sends blob as the body; the response takes over the caller's reference. */
void http_response_set_blob(struct http_response *r, struct http_blob *blob);

#endif
