/*
 * The connection guard (see http_int.h): every open connection is one entry
 * of a list under one mutex, filled and emptied by libmicrohttpd's
 * connection notifications.  A connection over its address's limit is shut
 * down as soon as it starts; a watchdog thread wakes a few times a second
 * and shuts down every connection whose request head has been arriving for
 * longer than the head timeout.
 *
 * Shutting down, not closing: the socket belongs to libmicrohttpd, which
 * sees end-of-file, closes the connection in its own thread, and then
 * notifies MHD_CONNECTION_NOTIFY_CLOSED.  The entry leaves the list in that
 * notification, under the mutex and before libmicrohttpd closes the
 * descriptor, so the watchdog never touches a descriptor number that has
 * been reused for another connection.
 *
 * Both checks walk the whole list: at most HTTP_CONNECTION_LIMIT entries,
 * a few microseconds per new connection and per tick.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "http/http_int.h"
#include "util/alloc.h"
#include "util/log.h"

struct guard_conn {
	struct guard_conn *prev, *next;
	int fd;
	uint32_t addr;	    /* IPv4, network byte order; 0 for another family */
	int counted;	    /* counts against its address's limit */
	int64_t head_since; /* ms (monotonic) since the current head began; -1: none pending */
	int expired;	    /* shut down by the watchdog */
};

struct http_guard {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pthread_t watchdog;
	int stopping;
	struct guard_conn *conns;
	unsigned per_address; /* 0: no limit */
	int64_t head_ms;
	uint32_t exempt; /* the trusted proxy; 0 = none */
	/* Counted since the watchdog last logged them. */
	unsigned refused, expired;
	uint32_t refused_addr; /* the last address refused */
};

static int64_t
guard_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Logs and resets the counts of refused and expired connections.  Called locked. */
static void
guard_report(struct http_guard *g)
{
	unsigned refused = g->refused, expired = g->expired;
	char host[INET_ADDRSTRLEN] = "";
	struct in_addr a = {.s_addr = g->refused_addr};
	inet_ntop(AF_INET, &a, host, sizeof(host));
	g->refused = g->expired = 0;
	pthread_mutex_unlock(&g->lock);
	if (refused > 0)
		log_warn("http: refused %u connections over the limit of %u per address (last "
			 "from %s)",
			 refused, g->per_address, host);
	if (expired > 0)
		log_warn("http: closed %u connections whose request head took longer than %lld s",
			 expired, (long long)(g->head_ms / 1000));
	pthread_mutex_lock(&g->lock);
}

static void *
guard_watchdog(void *arg)
{
	struct http_guard *g = arg;
	/* A tick of an eighth of the timeout, between 10 and 250 ms. */
	int64_t tick = g->head_ms / 8;
	tick = tick < 10 ? 10 : tick > 250 ? 250 : tick;
	pthread_mutex_lock(&g->lock);
	while (!g->stopping) {
		int64_t now = guard_now_ms();
		for (struct guard_conn *e = g->conns; e != NULL; e = e->next) {
			if (e->head_since < 0 || e->expired || now - e->head_since < g->head_ms)
				continue;
			shutdown(e->fd, SHUT_RDWR);
			e->expired = 1;
			g->expired++;
		}
		if (g->refused > 0 || g->expired > 0)
			guard_report(g);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += (long)(tick % 1000) * 1000000L;
		until.tv_sec += tick / 1000 + until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		int rc = 0;
		while (!g->stopping && rc != ETIMEDOUT)
			rc = pthread_cond_timedwait(&g->wake, &g->lock, &until);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

struct http_guard *
http_guard_new(unsigned per_address, unsigned head_ms, uint32_t exempt)
{
	struct http_guard *g = xcalloc(1, sizeof(*g));
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->wake, NULL);
	g->per_address = per_address;
	g->head_ms = head_ms;
	g->exempt = exempt;
	if (pthread_create(&g->watchdog, NULL, guard_watchdog, g) != 0) {
		log_err("http: cannot start the connection watchdog");
		pthread_cond_destroy(&g->wake);
		pthread_mutex_destroy(&g->lock);
		free(g);
		return NULL;
	}
	return g;
}

void
http_guard_free(struct http_guard *g)
{
	if (g == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	g->stopping = 1;
	pthread_cond_signal(&g->wake);
	pthread_mutex_unlock(&g->lock);
	pthread_join(g->watchdog, NULL);
	/* libmicrohttpd has stopped and notified every close: the list is empty. */
	while (g->conns != NULL) {
		struct guard_conn *e = g->conns;
		g->conns = e->next;
		free(e);
	}
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

static void
guard_started(struct http_guard *g, struct MHD_Connection *c, void **socket_context)
{
	struct guard_conn *e = xcalloc(1, sizeof(*e));
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
	e->fd = ci != NULL ? ci->connect_fd : -1;
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL && ci->client_addr->sa_family == AF_INET)
		e->addr = ((const struct sockaddr_in *)ci->client_addr)->sin_addr.s_addr;
	e->head_since = guard_now_ms();

	pthread_mutex_lock(&g->lock);
	unsigned n = 0;
	if (g->per_address > 0 && e->addr != 0 && e->addr != g->exempt)
		for (const struct guard_conn *o = g->conns; o != NULL; o = o->next)
			n += o->counted && o->addr == e->addr;
	if (g->per_address > 0 && n >= g->per_address && e->addr != 0 && e->addr != g->exempt) {
		/* Over the limit: closed at once, never served. */
		if (e->fd >= 0)
			shutdown(e->fd, SHUT_RDWR);
		e->head_since = -1;
		g->refused++;
		g->refused_addr = e->addr;
	} else {
		e->counted = 1;
	}
	e->next = g->conns;
	if (g->conns != NULL)
		g->conns->prev = e;
	g->conns = e;
	pthread_mutex_unlock(&g->lock);
	*socket_context = e;
}

static void
guard_closed(struct http_guard *g, void **socket_context)
{
	struct guard_conn *e = *socket_context;
	if (e == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		g->conns = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	pthread_mutex_unlock(&g->lock);
	free(e);
	*socket_context = NULL;
}

void
http_guard_notify(void *cls, struct MHD_Connection *c, void **socket_context,
		  enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		guard_started(cls, c, socket_context);
	else if (code == MHD_CONNECTION_NOTIFY_CLOSED)
		guard_closed(cls, socket_context);
}

/* The entry of connection c, or NULL (a connection the guard never saw). */
static struct guard_conn *
guard_entry(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci != NULL ? ci->socket_context : NULL;
}

void
http_guard_head_done(struct http_guard *g, struct MHD_Connection *c)
{
	struct guard_conn *e = guard_entry(c);
	if (e == NULL)
		return;
	pthread_mutex_lock(&g->lock);
	e->head_since = -1;
	pthread_mutex_unlock(&g->lock);
}

int
http_guard_request_done(struct http_guard *g, struct MHD_Connection *c)
{
	struct guard_conn *e = guard_entry(c);
	if (e == NULL)
		return 0;
	pthread_mutex_lock(&g->lock);
	int expired = e->expired;
	if (!expired)
		e->head_since = guard_now_ms(); /* the next request's head, kept alive */
	pthread_mutex_unlock(&g->lock);
	return expired;
}
