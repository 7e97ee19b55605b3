/*
 * A tiny blocking HTTP/1.1 client for the HTTP tests, over a loopback TCP
 * socket, one request per connection (Connection: close, read to EOF), and
 * a helper that runs `$SXSH_BIN serve` on a free loopback port as a child
 * process for the duration of a test program.
 */
#ifndef SXSH_TEST_HTTP_CLIENT_H
#define SXSH_TEST_HTTP_CLIENT_H

#include <stddef.h>
#include <sys/types.h>

struct hc_response {
	int status; /* 0 when the response could not be read */
	char *head; /* status line and headers, malloc'd */
	char *body; /* malloc'd, NUL-terminated */
	size_t body_len;
};

/*
 * Sends "METHOD target HTTP/1.1" to 127.0.0.1:port with the extra header
 * lines extra (each ending in \r\n, or NULL) and an optional body, and reads
 * the whole response.  Returns 0, or -1 when no response was received.
 * Free with hc_response_free.
 */
int hc_request(int port, const char *method, const char *target, const char *extra,
	       const char *body, struct hc_response *out);
void hc_response_free(struct hc_response *r);
/* The value of header name (case-insensitive) as a malloc'd string, or NULL. */
char *hc_header(const struct hc_response *r, const char *name);

struct hc_server {
	pid_t pid;
	int port;
};

/*
 * Starts `$SXSH_BIN serve --listen 127.0.0.1:PORT --db db_path` on a free
 * port and waits until GET /healthz answers 200 (up to 20 s).  Returns 0,
 * or -1 when the server did not come up (it is then killed).
 */
int hc_server_start(struct hc_server *s, const char *db_path);
/*
 * Like hc_server_start, with the extra `serve` arguments args (a
 * NULL-terminated list of at most 25, or NULL) and the server's stderr
 * appended to the file err_path (NULL: inherited).
 */
int hc_server_start_args(struct hc_server *s, const char *db_path, const char *const *args,
			 const char *err_path);
/*
 * Sends SIGTERM and waits for the server.  Returns its exit status (0 for a
 * clean stop), or -1 when it was killed by a signal or did not exit in 20 s.
 */
int hc_server_stop(struct hc_server *s);

#endif
