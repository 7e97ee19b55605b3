/*
 * The HTTP server: libmicrohttpd with its own polling threads, a thread pool
 * (one epoll loop per thread), and explicit limits on connections, memory
 * per connection and idle time.  Each worker thread opens its own database
 * connection on first use (SQLite connections are not shared between
 * threads); all of them are closed by http_server_stop.  One server per
 * process.
 */
#ifndef SXSH_HTTP_SERVER_H
#define SXSH_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

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
