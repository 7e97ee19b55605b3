/*
 * The HTTP server: libmicrohttpd with its own polling threads, a thread pool
 * (one epoll loop per thread), and explicit limits on connections, memory
 * per connection and idle time.  Each worker thread opens its own database
 * connection on first use (SQLite connections are not shared between
 * threads); all of them are closed by http_server_stop.  One server per
 * process.
 *
 * Slow clients: a client address may hold per_address_limit connections at
 * once (the trusted proxy excepted), and a request head must arrive whole
 * within head_timeout seconds of the connection opening (or of the previous
 * request completing, on a kept-alive connection), however slowly it
 * trickles in; otherwise the connection is closed.  Routes that hash
 * passwords (route_def.pwhash) run their handler on pwhash_threads
 * lower-priority threads while the connection is suspended, so Argon2id
 * never holds an HTTP worker; when pwhash_queue requests already wait, the
 * next one is answered 503 with Retry-After.
 *
 * Logging: one line per request, written when it completes:
 *   access ADDR METHOD TARGET STATUS BYTES DURATIONms user=ID|- [end=WHY] ua=AGENT [note=...]
 * TARGET is the path and query as sent, AGENT the User-Agent (both cut,
 * spaces written %20); a status or method libmicrohttpd answered itself is
 * "-" when unknown; end= says why a request ended without a whole answer
 * (client-abort, timeout, head-timeout, read-error, error, shutdown); note=
 * holds what the request's checks and handler logged, "; " between, and
 * raises the line's level to theirs.  util/log.h escapes the whole line.
 */
#ifndef SXSH_HTTP_SERVER_H
#define SXSH_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

#define HTTP_CONNECTION_LIMIT	     1024 /* connections at once */
#define HTTP_PER_ADDRESS_DEFAULT     64	  /* connections at once from one address */
#define HTTP_HEAD_TIMEOUT_DEFAULT    10	  /* seconds for a whole request head */
#define HTTP_PWHASH_QUEUE_PER_THREAD 16	  /* hashing requests waiting, per hashing thread */

struct http_server;

struct http_config {
	const char *db_url; /* opened once per worker thread */
	uint32_t addr;	    /* IPv4 address to bind, network byte order */
	uint16_t port;	    /* host byte order */
	unsigned threads;   /* worker threads; 0 = number of CPUs, at least 2 */
	/*
	 * The reverse proxy (IPv4, network byte order; 0 = none) whose
	 * X-Forwarded-Proto and X-Forwarded-For headers are believed: a
	 * request from it with X-Forwarded-Proto: https gets Secure cookies,
	 * and X-Forwarded-For names the client for sign-in throttling.
	 */
	uint32_t trusted_proxy;
	/*
	 * Connections at once from one client address, the trusted proxy
	 * excepted; 0 = HTTP_PER_ADDRESS_DEFAULT.  HTTP_CONNECTION_LIMIT or
	 * more: no limit but the overall one.
	 */
	unsigned per_address_limit;
	/* Seconds a request head may take; 0 = HTTP_HEAD_TIMEOUT_DEFAULT. */
	unsigned head_timeout;
	/*
	 * Password-hashing threads (each hash takes 64 MiB): 0 = half the
	 * CPUs; between 1 and USER_PWHASH_CONCURRENCY (model/accounts/user.h).
	 */
	unsigned pwhash_threads;
	/* Hashing requests that may wait; 0 = HTTP_PWHASH_QUEUE_PER_THREAD per thread. */
	unsigned pwhash_queue;
};

/*
 * Parses "ADDR:PORT" (IPv4 dotted quad, port 1-65535) into cfg->addr and
 * cfg->port.  Returns 0, or -1 when s is not of that form.
 */
int http_parse_listen(const char *s, struct http_config *cfg);

/*
 * Starts serving; returns the server, or NULL with a message in err.  The
 * caller should block SIGINT/SIGTERM first if it waits for them with
 * sigwait, so the worker threads inherit the mask.
 */
struct http_server *http_server_start(const struct http_config *cfg, char *err, size_t errsz);
/* Stops accepting, closes every connection, joins the threads, frees; NULL is a no-op. */
void http_server_stop(struct http_server *srv);

#endif
