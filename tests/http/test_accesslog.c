/*
 * The server's log through the real `sxsh serve`, its stderr in a file:
 * each request is exactly one access line, and what a client controls
 * (path, query, User-Agent, X-Forwarded-For from the trusted proxy) has its
 * control characters escaped (util/log.h) so it can neither start a line
 * nor reach a terminal as an escape sequence.  Requests are sent as raw
 * bytes, so the control characters really are on the wire: ESC and a bare
 * CR where HTTP lets them through, and %0d%0a, which stays as sent.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"

static char log_path[600];
static char *log_text; /* the whole log, read once the server has stopped */

/* Sends the len bytes of raw to the server and returns the answer's status (0: none). */
static int
raw_request(int port, const char *raw, size_t len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	struct timeval tv = {.tv_sec = 10};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	assert_int_equal(send(fd, raw, len, MSG_NOSIGNAL), (ssize_t)len);
	char buf[16384];
	size_t got = 0;
	ssize_t r;
	while (got < sizeof(buf) - 1 && (r = recv(fd, buf + got, sizeof(buf) - 1 - got, 0)) > 0)
		got += (size_t)r;
	buf[got] = '\0';
	close(fd);
	int status = 0;
	if (sscanf(buf, "HTTP/1.1 %d", &status) != 1)
		status = 0;
	return status;
}

#define RAW(port, lit) raw_request(port, lit, sizeof(lit) - 1)

static int
setup(void **state)
{
	(void)state;
	struct db *db = fx_db_new("log.db", NULL);
	db_close(db);
	snprintf(log_path, sizeof(log_path), "%s", tu_path("serve.log"));
	struct hc_server srv;
	if (hc_server_start_args(&srv, tu_db_url("log.db"), NULL, log_path) < 0)
		fail_msg("sxsh serve did not start");
	int port = srv.port;
	/* Raw ESC and CSI in the path and query, %0d%0a as sent, ESC, BEL and a
	 * space in the User-Agent; an extra header with ESC (not logged). */
	assert_int_equal(RAW(port, "GET /healthz?mark=LOG1&q=%0d%0a\x1b[2J HTTP/1.1\r\n"
				   "Host: 127.0.0.1\r\n"
				   "User-Agent: ua\x1b]0;pwn\x07 x\r\n"
				   "X-Evil: a\x1b"
				   "b\r\n"
				   "Connection: close\r\n\r\n"),
			 200);
	/* A bare CR inside a header value reaches the server. */
	assert_int_equal(RAW(port, "GET /healthz?mark=LOG2 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				   "User-Agent: a\rb\r\nConnection: close\r\n\r\n"),
			 200);
	/* An unknown path with ESC and DEL: 404 from the router. */
	assert_int_equal(RAW(port, "GET /no\x1bpage\x7f?mark=LOG3 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				   "Connection: close\r\n\r\n"),
			 404);
	/* A C1 control (CSI, U+009B) in UTF-8 and a backslash. */
	assert_int_equal(RAW(port, "GET /healthz?mark=LOG4 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				   "User-Agent: \xc2\x9b"
				   "31m\\x\r\nConnection: close\r\n\r\n"),
			 200);
	/* The trusted proxy (127.0.0.1 by default) names the client: logged escaped. */
	assert_int_equal(RAW(port, "GET /healthz?mark=LOG5 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				   "X-Forwarded-For: 198.51.100.7\x1b[0m\r\n"
				   "Connection: close\r\n\r\n"),
			 200);
	/* A bare LF in a header: libmicrohttpd answers 400 itself; still one line. */
	assert_int_equal(RAW(port, "GET /healthz?mark=LOG6 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				   "User-Agent: a\nb\r\nConnection: close\r\n\r\n"),
			 400);
	/* %0d%0a (and %20) in the path stay as sent: no line break to escape. */
	assert_int_equal(RAW(port, "GET /account%0d%0aX:%20y?mark=LOG7 HTTP/1.1\r\n"
				   "Host: 127.0.0.1\r\nConnection: close\r\n\r\n"),
			 404);
	if (hc_server_stop(&srv) != 0)
		fail_msg("sxsh serve did not stop cleanly");
	log_text = tu_read_file(log_path, NULL);
	assert_non_null(log_text);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(log_text);
	return 0;
}

/*
 * The one line that holds mark (the test fails unless exactly one does),
 * from after its 20-byte timestamp, without the newline; malloc'd.
 */
static char *
line_of(const char *mark)
{
	char *found = NULL;
	int n = 0;
	for (const char *line = log_text; *line != '\0';) {
		const char *nl = strchr(line, '\n');
		assert_non_null(nl);
		size_t len = (size_t)(nl - line);
		char *copy = strndup(line, len);
		if (strstr(copy, mark) != NULL) {
			n++;
			free(found);
			found = copy;
		} else {
			free(copy);
		}
		line = nl + 1;
	}
	if (n != 1)
		fail_msg("%d log lines hold %s, not 1:\n%s", n, mark, log_text);
	assert_true(strlen(found) > 20);
	memmove(found, found + 20, strlen(found + 20) + 1);
	return found;
}

/* Asserts that line starts with head and ends with tail (the duration lies between). */
static void
assert_line(const char *line, const char *head, const char *tail)
{
	if (strncmp(line, head, strlen(head)) != 0)
		fail_msg("line\n  %s\ndoes not start with\n  %s", line, head);
	size_t n = strlen(line), t = strlen(tail);
	if (n < t || strcmp(line + n - t, tail) != 0)
		fail_msg("line\n  %s\ndoes not end with\n  %s", line, tail);
}

static void
test_no_raw_controls(void **state)
{
	(void)state;
	for (const char *p = log_text; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c < 0x20 && c != '\n') || c == 0x7f)
			fail_msg("raw byte 0x%02x at offset %td of the log", c, p - log_text);
		if (c == 0xc2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f)
			fail_msg("raw C1 control at offset %td of the log", p - log_text);
	}
}

static void
test_access_lines(void **state)
{
	(void)state;
	char *l = line_of("mark=LOG1");
	assert_line(l,
		    " sxsh info: access 127.0.0.1 GET /healthz?mark=LOG1&q=%0d%0a\\x1b[2J 200 2 ",
		    "ms user=- ua=ua\\x1b]0;pwn\\x07%20x");
	free(l);
	l = line_of("mark=LOG2");
	assert_line(l, " sxsh info: access 127.0.0.1 GET /healthz?mark=LOG2 200 2 ",
		    "ms user=- ua=a\\rb");
	free(l);
	l = line_of("mark=LOG3");
	assert_line(l, " sxsh info: access 127.0.0.1 GET /no\\x1bpage\\x7f?mark=LOG3 404 ",
		    "ms user=- ua=-");
	free(l);
	l = line_of("mark=LOG4");
	assert_line(l, " sxsh info: access 127.0.0.1 GET /healthz?mark=LOG4 200 2 ",
		    "ms user=- ua=\\u009b31m\\\\x");
	free(l);
	l = line_of("mark=LOG5");
	assert_line(l, " sxsh info: access 198.51.100.7\\x1b[0m GET /healthz?mark=LOG5 200 2 ",
		    "ms user=- ua=-");
	free(l);
	/* Answered by libmicrohttpd before the access handler: no method, end=error. */
	l = line_of("mark=LOG6");
	assert_line(l, " sxsh info: access 127.0.0.1 - /healthz?mark=LOG6 400 0 ",
		    "ms user=- end=error ua=-");
	free(l);
	l = line_of("mark=LOG7");
	assert_line(l, " sxsh info: access 127.0.0.1 GET /account%0d%0aX:%20y?mark=LOG7 404 ",
		    "ms user=- ua=-");
	free(l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_raw_controls),
	    cmocka_unit_test(test_access_lines),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
