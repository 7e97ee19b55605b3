/*
 * HTTP test client and server runner (see http_client.h).
 */
#include "http_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "util/alloc.h"
#include "util/buf.h"

static int
hc_connect(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	struct timeval tv = {.tv_sec = 30};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static int
hc_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
hc_request(int port, const char *method, const char *target, const char *extra, const char *body,
	   struct hc_response *out)
{
	memset(out, 0, sizeof(*out));
	int fd = hc_connect(port);
	if (fd < 0)
		return -1;
	struct buf req;
	buf_init(&req, 1u << 20);
	buf_printf(&req, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n", method,
		   target, port);
	if (extra != NULL)
		buf_puts(&req, extra);
	if (body != NULL)
		buf_printf(&req, "Content-Length: %zu\r\n", strlen(body));
	buf_puts(&req, "\r\n");
	if (body != NULL)
		buf_puts(&req, body);
	int rc = hc_write_all(fd, buf_str(&req), req.len);
	buf_free(&req);
	if (rc < 0) {
		close(fd);
		return -1;
	}

	struct buf in;
	buf_init(&in, 64u << 20);
	char chunk[16384];
	ssize_t r;
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		buf_append(&in, chunk, (size_t)r);
	}
	close(fd);
	const char *all = buf_str(&in);
	const char *sep = strstr(all, "\r\n\r\n");
	if (sep == NULL || sscanf(all, "HTTP/1.%*d %d", &out->status) != 1) {
		buf_free(&in);
		out->status = 0;
		return -1;
	}
	out->head = xstrndup(all, (size_t)(sep - all));
	out->body_len = in.len - (size_t)(sep + 4 - all);
	out->body = xstrndup(sep + 4, out->body_len);
	buf_free(&in);
	return 0;
}

void
hc_response_free(struct hc_response *r)
{
	free(r->head);
	free(r->body);
	memset(r, 0, sizeof(*r));
}

char *
hc_header(const struct hc_response *r, const char *name)
{
	size_t n = strlen(name);
	const char *line = r->head ? strstr(r->head, "\r\n") : NULL;
	while (line != NULL) {
		line += 2;
		if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
			const char *v = line + n + 1;
			while (*v == ' ')
				v++;
			const char *end = strstr(v, "\r\n");
			return end ? xstrndup(v, (size_t)(end - v)) : xstrdup(v);
		}
		line = strstr(line, "\r\n");
	}
	return NULL;
}

/* A port the kernel just gave out on 127.0.0.1, free again once closed. */
static int
hc_free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	socklen_t len = sizeof(sa);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return ntohs(sa.sin_port);
}

static void
hc_sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

int
hc_server_start(struct hc_server *s, const char *db_path)
{
	return hc_server_start_args(s, db_path, NULL, NULL);
}

int
hc_server_start_args(struct hc_server *s, const char *db_path, const char *const *args,
		     const char *err_path)
{
	/* The port may be taken between hc_free_port and bind: try a few. */
	for (int attempt = 0; attempt < 5; attempt++) {
		s->port = hc_free_port();
		if (s->port < 0)
			return -1;
		char listen[32];
		snprintf(listen, sizeof(listen), "127.0.0.1:%d", s->port);
		fflush(NULL);
		s->pid = fork();
		if (s->pid < 0)
			return -1;
		if (s->pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			if (null >= 0)
				dup2(null, 1);
			if (err_path != NULL) {
				int err = open(err_path, O_WRONLY | O_CREAT | O_APPEND, 0644);
				if (err >= 0)
					dup2(err, 2);
			}
			/* sxsh serve --listen ADDR --db URL, then args. */
			const char *argv[32] = {"sxsh", "serve", "--listen", listen,
						"--db", db_path, NULL};
			for (int i = 0; args != NULL && args[i] != NULL && i < 25; i++)
				argv[6 + i] = args[i];
			execv(tu_sxsh(), (char *const *)argv);
			_exit(127);
		}
		/* Wait for readiness: poll /healthz until it answers or the child exits. */
		for (int i = 0; i < 400; i++) {
			int st;
			if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
				s->pid = 0;
				break;
			}
			struct hc_response r;
			if (hc_request(s->port, "GET", "/healthz", NULL, NULL, &r) == 0) {
				int ok = r.status == 200;
				hc_response_free(&r);
				if (ok)
					return 0;
			}
			hc_sleep_ms(50);
		}
		if (s->pid > 0) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, NULL, 0);
			s->pid = 0;
		}
	}
	return -1;
}

int
hc_server_stop(struct hc_server *s)
{
	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	for (int i = 0; i < 400; i++) {
		int st;
		pid_t w = waitpid(s->pid, &st, WNOHANG);
		if (w == s->pid) {
			s->pid = 0;
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		}
		hc_sleep_ms(50);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
	s->pid = 0;
	return -1;
}
