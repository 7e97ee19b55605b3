/*
 * What the files of src/http/ share among themselves and nobody else: the
 * step that turns a struct http_response into a libmicrohttpd response.
 */
#ifndef SXSH_HTTP_HTTP_INT_H
#define SXSH_HTTP_HTTP_INT_H

#include <microhttpd.h>

#include "http/response.h"

/*
 * Queues r on c with the security headers added, and hands the body over to
 * libmicrohttpd (r->body is left empty, r->blob NULL; the caller still frees
 * r).  Returns MHD_YES or MHD_NO as MHD_queue_response does.
 */
enum MHD_Result http_response_queue(struct MHD_Connection *c, struct http_response *r);

#endif
