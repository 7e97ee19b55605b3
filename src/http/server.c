/*
 * libmicrohttpd glue (see server.h).  The thread mode is chosen on purpose
 * (manual, "Thread modes"): MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL
 * with a thread pool gives each CPU its own event loop and needs no
 * application threads.  Every request gets a struct http_request created in
 * the URI log callback (which sees the full URI with its query string) and
 * freed in the completion callback, arena and all.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "db/db.h"
#include "http/http_int.h"
#include "http/request.h"
#include "http/router.h"
#include "util/alloc.h"
#include "util/log.h"
#include "web/web.h"

#define HTTP_CONNECTION_LIMIT	1024
#define HTTP_CONNECTION_TIMEOUT 30	     /* seconds idle before a connection is closed */
#define HTTP_CONNECTION_MEMORY	(64u * 1024) /* per connection: request line and headers */

struct http_server {
	struct MHD_Daemon *mhd;
	struct web_app *app;
	uint32_t trusted_proxy; /* network byte order; 0 = none */
};

/* Worker connections: opened lazily per thread, listed so stop can close them. */
static char *http_db_url;
static pthread_mutex_t http_db_lock = PTHREAD_MUTEX_INITIALIZER;
static struct db **http_dbs;
static size_t http_ndbs;
static _Thread_local struct db *http_thread_db;

static struct db *
http_db_get(void)
{
	if (http_thread_db != NULL)
		return http_thread_db;
	char err[512];
	struct db *db = db_open(http_db_url, err, sizeof(err));
	if (db == NULL) {
		log_err("http: cannot open database: %s", err);
		return NULL;
	}
	pthread_mutex_lock(&http_db_lock);
	http_dbs = xrealloc(http_dbs, sizeof(*http_dbs) * (http_ndbs + 1));
	http_dbs[http_ndbs++] = db;
	pthread_mutex_unlock(&http_db_lock);
	http_thread_db = db;
	return db;
}

/* Per request: the request and whether it has been answered. */
struct http_ctx {
	struct http_request req;
	char *uri;
	int headers_seen; /* the access handler ran once */
	int answered;	  /* a response was queued */
	struct buf body;  /* POST/PUT/DELETE body, bounded by HTTP_FORM_MAX */
	size_t drained;	  /* body bytes received in all */
};

static void *
http_on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	(void)c;
	struct http_server *srv = cls;
	struct http_ctx *ctx = xmalloc(sizeof(*ctx));
	http_request_init(&ctx->req);
	ctx->req.app = srv->app;
	ctx->req.db_get = http_db_get;
	ctx->req.priv = ctx;
	ctx->uri = arena_strdup(&ctx->req.arena, uri);
	ctx->headers_seen = 0;
	ctx->answered = 0;
	buf_init(&ctx->body, HTTP_FORM_MAX);
	ctx->drained = 0;
	return ctx;
}

static void
http_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
		  enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	struct http_ctx *ctx = *con_cls;
	if (ctx == NULL)
		return;
	http_request_clear(&ctx->req);
	buf_free(&ctx->body);
	free(ctx);
	*con_cls = NULL;
}

/* The request's headers, client address and scheme, into the request. */
static void
http_read_headers(struct http_server *srv, struct http_ctx *ctx, struct MHD_Connection *c)
{
	struct http_request *req = &ctx->req;
	req->if_none_match =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	req->cookie = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
	req->authorization =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
	req->accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT);
	req->content_type =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	req->csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
	req->client_addr = "";
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL || ci->client_addr->sa_family != AF_INET)
		return;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ci->client_addr;
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
	req->client_addr = arena_strdup(&req->arena, host);
	if (srv->trusted_proxy == 0 || sin->sin_addr.s_addr != srv->trusted_proxy)
		return;
	/* Only the trusted proxy may say how the client connected, and who it is. */
	const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
	req->https = proto != NULL && strcasecmp(proto, "https") == 0;
	const char *xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
	if (xff != NULL && xff[0] != '\0') {
		/* The last entry is the one the proxy itself added. */
		const char *last = strrchr(xff, ',');
		last = last != NULL ? last + 1 : xff;
		while (*last == ' ')
			last++;
		if (*last != '\0' && strlen(last) < 64)
			req->client_addr = arena_strdup(&req->arena, last);
	}
}

/* Answers 413 at once: the body is not read. */
static enum MHD_Result
http_refuse_body(struct http_ctx *ctx, struct MHD_Connection *c)
{
	ctx->answered = 1;
	struct http_response resp;
	http_response_init(&resp);
	web_error(&ctx->req, &resp, 413, "Dữ liệu gửi lên quá lớn.",
		  "The request body is too large.");
	enum MHD_Result ret = http_response_queue(c, &resp);
	http_response_free(&resp);
	return ret;
}

static enum MHD_Result
http_on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
		const char *version, const char *upload_data, size_t *upload_data_size,
		void **con_cls)
{
	(void)version;
	struct http_server *srv = cls;
	struct http_ctx *ctx = *con_cls;
	if (ctx == NULL) /* the URI callback always runs first; be safe anyway */
		*con_cls = ctx = http_on_uri(cls, url, c);
	if (ctx->answered) {
		/* A request body after the answer was queued: discard it. */
		*upload_data_size = 0;
		return MHD_YES;
	}
	ctx->req.method = http_method_parse(method);
	/*
	 * The first call comes when the headers are in.  GET and HEAD are
	 * answered on the next call, when the request is complete: answering
	 * earlier makes libmicrohttpd close the connection instead of keeping
	 * it alive.  POST, PUT and DELETE bodies arrive in the calls between:
	 * up to HTTP_FORM_MAX bytes are kept, up to HTTP_BODY_DRAIN_MAX read
	 * and dropped (so the client gets its 413 instead of a reset), and a
	 * body announced or found longer than that is refused at once.  Other
	 * methods are answered at once, so their body is never read.
	 */
	int has_body = ctx->req.method == HTTP_POST || ctx->req.method == HTTP_PUT ||
		       ctx->req.method == HTTP_DELETE;
	if (!ctx->headers_seen) {
		ctx->headers_seen = 1;
		http_read_headers(srv, ctx, c);
		if (has_body) {
			const char *cl = MHD_lookup_connection_value(
			    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
			if (cl != NULL && strtoull(cl, NULL, 10) > HTTP_BODY_DRAIN_MAX)
				return http_refuse_body(ctx, c);
		}
		if (ctx->req.method == HTTP_GET || ctx->req.method == HTTP_HEAD || has_body)
			return MHD_YES;
	}
	if (has_body && *upload_data_size > 0) {
		ctx->drained += *upload_data_size;
		buf_append(&ctx->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		if (ctx->drained > HTTP_BODY_DRAIN_MAX)
			return http_refuse_body(ctx, c);
		return MHD_YES;
	}
	ctx->answered = 1;
	if (has_body) {
		ctx->req.body_too_large = ctx->body.overflow;
		ctx->req.body_len = ctx->body.overflow ? 0 : ctx->body.len;
		char *body = arena_alloc(&ctx->req.arena, ctx->req.body_len + 1);
		memcpy(body, buf_str(&ctx->body), ctx->req.body_len);
		body[ctx->req.body_len] = '\0';
		ctx->req.body = body;
	}

	struct http_response resp;
	http_response_init(&resp);
	router_dispatch(&ctx->req, ctx->uri, &resp);
	if (resp.body.overflow) {
		log_err("http: response body of %s over %u bytes", ctx->req.path, HTTP_BODY_MAX);
		http_response_reset(&resp);
		web_error(&ctx->req, &resp, 500, "Đã xảy ra lỗi nội bộ.",
			  "An internal error occurred.");
	}
	enum MHD_Result ret = http_response_queue(c, &resp);
	http_response_free(&resp);
	return ret;
}

int
http_parse_listen(const char *s, struct http_config *cfg)
{
	const char *colon = strrchr(s, ':');
	if (colon == NULL || colon == s || (size_t)(colon - s) >= 16)
		return -1;
	char host[16];
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	struct in_addr a;
	if (inet_pton(AF_INET, host, &a) != 1)
		return -1;
	const char *p = colon + 1;
	long port = 0;
	if (*p == '\0')
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || port > 65535)
			return -1;
		port = port * 10 + (*p - '0');
	}
	if (port < 1 || port > 65535)
		return -1;
	cfg->addr = a.s_addr;
	cfg->port = (uint16_t)port;
	return 0;
}

struct http_server *
http_server_start(const struct http_config *cfg, char *err, size_t errsz)
{
	struct http_server *srv = xcalloc(1, sizeof(*srv));
	srv->app = web_app_new();
	srv->trusted_proxy = cfg->trusted_proxy;
	free(http_db_url);
	http_db_url = xstrdup(cfg->db_url);

	unsigned threads = cfg->threads;
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 2 ? (unsigned)n : 2;
	}
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = cfg->addr;
	sa.sin_port = htons(cfg->port);

	srv->mhd = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, cfg->port, NULL,
	    NULL, http_on_request, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)HTTP_CONNECTION_LIMIT, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)HTTP_CONNECTION_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    (size_t)HTTP_CONNECTION_MEMORY, MHD_OPTION_URI_LOG_CALLBACK, http_on_uri, srv,
	    MHD_OPTION_NOTIFY_COMPLETED, http_on_completed, srv, MHD_OPTION_END);
	if (srv->mhd == NULL) {
		char host[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &sa.sin_addr, host, sizeof(host));
		snprintf(err, errsz, "không lắng nghe được / cannot listen on %s:%u", host,
			 (unsigned)cfg->port);
		web_app_free(srv->app);
		free(srv);
		return NULL;
	}
	return srv;
}

void
http_server_stop(struct http_server *srv)
{
	if (srv == NULL)
		return;
	MHD_stop_daemon(srv->mhd);
	/* The worker threads are joined: their connections can be closed here. */
	pthread_mutex_lock(&http_db_lock);
	for (size_t i = 0; i < http_ndbs; i++)
		db_close(http_dbs[i]);
	free(http_dbs);
	http_dbs = NULL;
	http_ndbs = 0;
	pthread_mutex_unlock(&http_db_lock);
	web_app_free(srv->app);
	free(http_db_url);
	http_db_url = NULL;
	free(srv);
}
