/*
 * What the files of src/http/ share among themselves and nobody else: the
 * step that turns a struct http_response into a libmicrohttpd response
 * (queue.c), the connection guard and the offload pool of the server.
 */
#ifndef SXSH_HTTP_HTTP_INT_H
#define SXSH_HTTP_HTTP_INT_H

#include <microhttpd.h>
#include <stdint.h>

#include "req/response.h"

/*
 * Queues r on c with the security headers added, and hands the body over to
 * libmicrohttpd (r->body is left empty, r->blob NULL; the caller still frees
 * r).  Returns MHD_YES or MHD_NO as MHD_queue_response does.
 */
enum MHD_Result http_response_queue(struct MHD_Connection *c, struct http_response *r);

/*
 * The connection guard (guard.c): a limit on connections at once from one
 * client address, and a timeout on the whole request head.  A connection
 * over its address's limit is shut down as soon as libmicrohttpd accepts
 * it; one whose request head (request line and headers) is not complete
 * head_ms after the connection opened, or after its previous request on a
 * kept-alive connection completed, is shut down by a watchdog thread,
 * whatever trickle of bytes it sends.  The exempt address (the trusted
 * proxy, through which every client comes) has no per-address limit.
 * Refusals and closes are logged as counts, a few times a second at most.
 */
struct http_guard;

/* Starts the watchdog; per_address 0 = no limit.  Returns NULL (logged) on failure. */
struct http_guard *http_guard_new(unsigned per_address, unsigned head_ms, uint32_t exempt);
/* Stops the watchdog and frees g, after libmicrohttpd has stopped.  NULL is a no-op. */
void http_guard_free(struct http_guard *g);
/* MHD_OPTION_NOTIFY_CONNECTION callback; cls is the guard. */
void http_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
		       enum MHD_ConnectionNotificationCode code);
/* The head of c's current request is complete: the timeout no longer applies. */
void http_guard_head_done(struct http_guard *g, struct MHD_Connection *c);
/*
 * c's request is complete: the timeout applies to the next head from now.
 * Returns 1 when the guard shut c down for a late head, else 0.
 */
int http_guard_request_done(struct http_guard *g, struct MHD_Connection *c);

/*
 * The offload pool (offload.c): threads that run jobs taken off the HTTP
 * workers (the handlers of routes that hash passwords), at most queue_max
 * of them waiting.  Jobs run in the order submitted.
 */
struct http_offload;
typedef void (*http_offload_fn)(void *arg);

/*
 * Starts threads threads at nice value nice (0 = unchanged).  Returns the
 * pool, or NULL (logged) when a thread cannot be started.
 */
struct http_offload *http_offload_new(unsigned threads, unsigned queue_max, int nice);
/*
 * Queues fn(arg) to run on a pool thread.  Returns 0, or -1 when queue_max
 * jobs already wait or the pool is stopping (fn will not run).
 */
int http_offload_submit(struct http_offload *o, http_offload_fn fn, void *arg);
/*
 * Refuses new jobs, runs every queued one and joins the threads; the pool
 * stays allocated (later submits fail) until http_offload_free.
 */
void http_offload_stop(struct http_offload *o);
/* Stops o if it is not, then frees it.  NULL is a no-op. */
void http_offload_free(struct http_offload *o);

#endif
