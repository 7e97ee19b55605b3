/*
 * libmicrohttpd glue (see server.h).  The thread mode is chosen on purpose
 * (manual, "Thread modes"): MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL
 * with a thread pool gives each CPU its own event loop.  Every request gets
 * a struct http_request created in the URI log callback (which sees the
 * full URI with its query string) and freed in the completion callback,
 * arena and all, after its access line is written.
 *
 * Two kinds of application threads stand beside the workers: the
 * connection guard's watchdog (guard.c) and the password-hashing pool
 * (offload.c).  A request for a route_def.pwhash method is checked by the
 * router on its worker, then its connection is suspended
 * (MHD_ALLOW_SUSPEND_RESUME, manual "Flow control") and the handler runs on
 * a hashing thread with that thread's own database connection; the thread
 * resumes the connection, and libmicrohttpd calls the access handler again
 * on the worker, which queues the answer.  http_server_stop drains the pool
 * before stopping libmicrohttpd, which refuses to stop with a connection
 * still suspended.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "http/http_int.h"
#include "http/router.h"
#include "model/accounts/principal.h"
#include "model/accounts/user.h"
#include "model/msg.h"
#include "req/request.h"
#include "util/alloc.h"
#include "util/log.h"
#include "web/web.h"

#define HTTP_CONNECTION_TIMEOUT 30 /* seconds idle before a connection is closed */
/*
 * Per connection: request line and headers.  No more than 32 KiB, so that
 * libmicrohttpd takes it from malloc rather than mapping it (see
 * http_keep_off_mmap).
 */
#define HTTP_CONNECTION_MEMORY (32u * 1024)
#define HTTP_PWHASH_NICE       10  /* hashing threads yield to the workers */
#define HTTP_PWHASH_RETRY      "5" /* seconds, in Retry-After of a 503 */
#define HTTP_UPLOAD_THREADS    2   /* threads storing uploaded files */
#define HTTP_UPLOAD_QUEUE      16  /* uploads waiting for one; more get a 503 */
/*
 * Bytes of upload bodies held at once, all connections together: each
 * upload reserves its Content-Length (its route's limit when it sends
 * none) when its head arrives, and gives it back when it completes; one
 * that does not fit is answered 503 before its body is read.
 */
#define HTTP_UPLOAD_BUDGET     ((size_t)256 << 20)
#define HTTP_ACCESS_TARGET_MAX 1024 /* bytes of the target in an access line */
#define HTTP_ACCESS_AGENT_MAX  256  /* bytes of the User-Agent in an access line */

struct http_server {
	struct MHD_Daemon *mhd;
	struct web_app *app;
	uint32_t trusted_proxy; /* network byte order; 0 = none */
	struct http_guard *guard;
	struct http_offload *pwhash;
	struct http_offload *uploads; /* route_def.offload handlers (file uploads) */
};

static atomic_size_t http_upload_held; /* bytes reserved against HTTP_UPLOAD_BUDGET */

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

/* Where a handler run off the worker stands. */
enum http_offloaded { HTTP_OFF_NONE, HTTP_OFF_RUNNING, HTTP_OFF_DONE };

/* Per request: the request, its answer, and what its access line says. */
struct http_ctx {
	struct http_request req;
	struct http_response resp;
	char *uri;
	struct MHD_Connection *conn;
	int headers_seen; /* the access handler ran once */
	int answered;	  /* a response was queued */
	struct buf body;  /* POST/PUT/DELETE body, bounded by body_max */
	size_t body_max;  /* router_body_max: HTTP_FORM_MAX but for uploads */
	size_t drained;	  /* body bytes received in all */
	size_t reserved;  /* bytes of HTTP_UPLOAD_BUDGET this upload holds */
	/* A handler run on a hashing thread (HTTP_OFF_DONE: resp holds its answer). */
	const struct route_def *route;
	enum http_offloaded offloaded;
	/* The access line. */
	struct timespec start;	/* the request line arrived */
	const char *method;	/* arena; NULL until the head is in */
	const char *user_agent; /* arena, cut; NULL when none */
	int status;		/* 0 until a response is queued */
	size_t bytes;		/* body bytes of that response */
	struct log_fold fold;	/* what the request's checks and handler logged */
};

/*
 * c's peer address as text in arena a ("" when not IPv4), and in *ip
 * (network byte order; 0 when not IPv4).
 */
static const char *
http_peer(struct arena *a, struct MHD_Connection *c, uint32_t *ip)
{
	*ip = 0;
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL || ci->client_addr->sa_family != AF_INET)
		return "";
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ci->client_addr;
	char host[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
	*ip = sin->sin_addr.s_addr;
	return arena_strdup(a, host);
}

static void *
http_on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct http_server *srv = cls;
	if (http_thread_db != NULL) /* a full disk of an earlier request is forgotten */
		db_full_clear(http_thread_db);
	struct http_ctx *ctx = xcalloc(1, sizeof(*ctx));
	clock_gettime(CLOCK_MONOTONIC, &ctx->start);
	http_request_init(&ctx->req);
	http_response_init(&ctx->resp);
	ctx->req.app = srv->app;
	ctx->req.kpi = web_app_kpi(srv->app);
	ctx->req.db_get = http_db_get;
	ctx->req.priv = ctx;
	uint32_t peer; /* the access line's address until the headers say more */
	ctx->req.client_addr = http_peer(&ctx->req.arena, c, &peer);
	ctx->uri = arena_strdup(&ctx->req.arena, uri);
	ctx->conn = c;
	ctx->body_max = HTTP_FORM_MAX; /* until the headers name the route (router_body_max) */
	buf_init(&ctx->body, ctx->body_max);
	log_fold_init(&ctx->fold);
	return ctx;
}

/* Appends at most max bytes of s to b, spaces as %20 (one field of the access line). */
static void
http_access_field(struct buf *b, const char *s, size_t max)
{
	size_t i = 0;
	for (; s[i] != '\0' && i < max; i++) {
		if (s[i] == ' ')
			buf_puts(b, "%20");
		else
			buf_putc(b, s[i]);
	}
	if (s[i] != '\0')
		buf_puts(b, "…");
}

/* Writes the request's one access line (server.h); the log escapes it. */
static void
http_access_log(struct http_ctx *ctx, int late, enum MHD_RequestTerminationCode toe)
{
	static const char *const ends[] = {
	    [MHD_REQUEST_TERMINATED_COMPLETED_OK] = "ok",
	    [MHD_REQUEST_TERMINATED_WITH_ERROR] = "error",
	    [MHD_REQUEST_TERMINATED_TIMEOUT_REACHED] = "timeout",
	    [MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN] = "shutdown",
	    [MHD_REQUEST_TERMINATED_READ_ERROR] = "read-error",
	    [MHD_REQUEST_TERMINATED_CLIENT_ABORT] = "client-abort",
	};
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double ms = (double)(now.tv_sec - ctx->start.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - ctx->start.tv_nsec) / 1e6;
	int status = ctx->status;
	if (status == 0) { /* libmicrohttpd may have answered by itself (400, 431...) */
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(ctx->conn, MHD_CONNECTION_INFO_HTTP_STATUS);
		if (ci != NULL)
			status = (int)ci->http_status;
	}
	struct buf line;
	buf_init(&line, LOG_LINE_MAX);
	buf_printf(&line, "access %s %s ",
		   ctx->req.client_addr[0] != '\0' ? ctx->req.client_addr : "-",
		   ctx->method != NULL ? ctx->method : "-");
	http_access_field(&line, ctx->uri, HTTP_ACCESS_TARGET_MAX);
	if (status > 0)
		buf_printf(&line, " %d", status);
	else
		buf_puts(&line, " -");
	buf_printf(&line, " %zu %.1fms user=", ctx->bytes, ms);
	if (ctx->req.who != NULL)
		buf_printf(&line, "%lld", (long long)ctx->req.who->user_id);
	else
		buf_putc(&line, '-');
	if (late)
		buf_puts(&line, " end=head-timeout");
	else if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
		buf_printf(&line, " end=%s",
			   (unsigned)toe < sizeof(ends) / sizeof(ends[0]) && ends[toe] != NULL
			       ? ends[toe]
			       : "error");
	buf_puts(&line, " ua=");
	http_access_field(&line, ctx->user_agent != NULL ? ctx->user_agent : "-",
			  HTTP_ACCESS_AGENT_MAX);
	if (ctx->fold.count > 0)
		buf_printf(&line, " note=%s", ctx->fold.text);
	log_msg(ctx->fold.level > LOG_INFO ? ctx->fold.level : LOG_INFO, "%s", buf_str(&line));
	buf_free(&line);
}

static void
http_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
		  enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	int late = http_guard_request_done(srv->guard, c);
	struct http_ctx *ctx = *con_cls;
	if (ctx == NULL)
		return;
	http_access_log(ctx, late, toe);
	if (ctx->reserved > 0)
		atomic_fetch_sub(&http_upload_held, ctx->reserved);
	http_request_clear(&ctx->req);
	http_response_free(&ctx->resp);
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
	req->if_match = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_MATCH);
	const char *agent =
	    MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_USER_AGENT);
	if (agent != NULL) /* one byte more than the access line keeps, so it shows the cut */
		ctx->user_agent = arena_strndup(&req->arena, agent, HTTP_ACCESS_AGENT_MAX + 1);
	uint32_t peer;
	req->client_addr = http_peer(&req->arena, c, &peer);
	if (peer == 0 || srv->trusted_proxy == 0 || peer != srv->trusted_proxy)
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

/* Queues ctx->resp on c, noting its status and size for the access line. */
static enum MHD_Result
http_answer(struct http_ctx *ctx, struct MHD_Connection *c)
{
	struct http_response *resp = &ctx->resp;
	ctx->answered = 1;
	ctx->offloaded = HTTP_OFF_NONE;
	if (resp->body.overflow) {
		log_fold_begin(&ctx->fold);
		log_err("http: response body of %s over %u bytes", ctx->req.path, HTTP_BODY_MAX);
		log_fold_end();
		http_response_reset(resp);
		web_error(&ctx->req, resp, 500, "Đã xảy ra lỗi nội bộ.",
			  "An internal error occurred.");
	}
	ctx->status = resp->status;
	/* libmicrohttpd sends no body in answer to HEAD. */
	ctx->bytes = ctx->req.method == HTTP_HEAD ? 0
		     : resp->blob != NULL	  ? resp->blob->len
						  : resp->body.len;
	return http_response_queue(c, resp);
}

/* Answers 413 at once: the body is not read. */
static enum MHD_Result
http_refuse_body(struct http_ctx *ctx, struct MHD_Connection *c)
{
	if (ctx->body_max > HTTP_FORM_MAX) /* an upload: say what the limit is */
		web_error(&ctx->req, &ctx->resp, 413, router_upload_limit(&ctx->req, LANG_VI),
			  router_upload_limit(&ctx->req, LANG_EN));
	else
		web_error(&ctx->req, &ctx->resp, 413, "Dữ liệu gửi lên quá lớn.",
			  "The request body is too large.");
	return http_answer(ctx, c);
}

/*
 * Reserves an upload's announced length (cl, or its limit when absent)
 * against HTTP_UPLOAD_BUDGET: 1 when it fits, 0 when it does not.
 */
static int
http_upload_reserve(struct http_ctx *ctx, const char *cl)
{
	size_t want = cl != NULL ? (size_t)strtoull(cl, NULL, 10) : ctx->body_max;
	if (want > ctx->body_max)
		want = ctx->body_max; /* the rest is drained, not kept */
	size_t held = atomic_load(&http_upload_held);
	do {
		if (held + want > HTTP_UPLOAD_BUDGET)
			return 0;
	} while (!atomic_compare_exchange_weak(&http_upload_held, &held, held + want));
	ctx->reserved = want;
	return 1;
}

/* Answers 503 at once to an upload that does not fit HTTP_UPLOAD_BUDGET now. */
static enum MHD_Result
http_refuse_busy(struct http_ctx *ctx, struct MHD_Connection *c)
{
	log_fold_begin(&ctx->fold);
	log_warn("http: uploads hold %u MiB: one more must wait",
		 (unsigned)(HTTP_UPLOAD_BUDGET >> 20));
	log_fold_end();
	router_error(&ctx->req, &ctx->resp, 503,
		     "Máy chủ đang nhận tệp của nhiều người. Vui lòng gửi lại sau vài giây.",
		     "The server is receiving other people's files. Please send it again in a "
		     "few seconds.");
	http_response_header(&ctx->resp, "Retry-After", HTTP_PWHASH_RETRY);
	return http_answer(ctx, c);
}

/* The most body bytes read (and dropped past body_max) before a request is refused unread. */
static size_t
http_drain_max(const struct http_ctx *ctx)
{
	return ctx->body_max > HTTP_FORM_MAX ? ctx->body_max + HTTP_BODY_DRAIN_MAX
					     : HTTP_BODY_DRAIN_MAX;
}

/* On a hashing thread: runs the checked request's handler, then resumes its connection. */
static void
http_offload_job(void *arg)
{
	struct http_ctx *ctx = arg;
	if (http_thread_db != NULL) /* this thread's connection, as http_on_uri does */
		db_full_clear(http_thread_db);
	log_fold_begin(&ctx->fold);
	router_run(ctx->route, &ctx->req, &ctx->resp);
	log_fold_end();
	ctx->offloaded = HTTP_OFF_DONE;
	/* libmicrohttpd's lock orders these writes before the worker's next call. */
	MHD_resume_connection(ctx->conn);
}

/*
 * Suspends c and hands route r's handler to the hashing threads (the
 * upload threads when upload is set); when as many requests already wait,
 * answers 503 instead (through the same resume, so the answer is queued as
 * any other).
 */
static enum MHD_Result
http_offload(struct http_server *srv, struct http_ctx *ctx, struct MHD_Connection *c,
	     const struct route_def *r, int upload)
{
	ctx->route = r;
	ctx->offloaded = HTTP_OFF_RUNNING;
	MHD_suspend_connection(c);
	if (http_offload_submit(upload ? srv->uploads : srv->pwhash, http_offload_job, ctx) == 0)
		return MHD_YES; /* ctx belongs to the pool's thread until it resumes c */
	log_fold_begin(&ctx->fold);
	log_warn(upload ? "http: too many uploads waiting"
			: "http: too many password checks waiting");
	log_fold_end();
	if (upload)
		router_error(&ctx->req, &ctx->resp, 503,
			     "Máy chủ đang nhận tệp của nhiều người. Vui lòng gửi lại sau vài "
			     "giây.",
			     "The server is receiving other people's files. Please send it again "
			     "in a few seconds.");
	else
		router_error(&ctx->req, &ctx->resp, 503,
			     "Máy chủ đang bận kiểm tra mật khẩu của nhiều người. Vui lòng thử "
			     "lại sau vài giây.",
			     "The server is busy checking other people's passwords. Please try "
			     "again in a few seconds.");
	http_response_header(&ctx->resp, "Retry-After", HTTP_PWHASH_RETRY);
	ctx->offloaded = HTTP_OFF_DONE;
	MHD_resume_connection(c);
	return MHD_YES;
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
	if (ctx->offloaded == HTTP_OFF_DONE) /* resumed: the hashing thread's answer */
		return http_answer(ctx, c);
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
		       ctx->req.method == HTTP_DELETE || ctx->req.method == HTTP_PATCH;
	if (!ctx->headers_seen) {
		ctx->headers_seen = 1;
		http_guard_head_done(srv->guard, c);
		ctx->method = arena_strndup(&ctx->req.arena, method, 32);
		http_read_headers(srv, ctx, c);
		if (has_body) {
			ctx->body_max = router_body_max(ctx->req.method, ctx->uri);
			buf_free(&ctx->body);
			buf_init(&ctx->body, ctx->body_max);
			const char *cl = MHD_lookup_connection_value(
			    c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
			if (cl != NULL && strtoull(cl, NULL, 10) > http_drain_max(ctx))
				return http_refuse_body(ctx, c);
			if (ctx->body_max > HTTP_FORM_MAX && !http_upload_reserve(ctx, cl))
				return http_refuse_busy(ctx, c);
		}
		if (ctx->req.method == HTTP_GET || ctx->req.method == HTTP_HEAD || has_body)
			return MHD_YES;
	}
	if (has_body && *upload_data_size > 0) {
		ctx->drained += *upload_data_size;
		buf_append(&ctx->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		if (ctx->drained > http_drain_max(ctx))
			return http_refuse_body(ctx, c);
		return MHD_YES;
	}
	if (has_body) {
		/* The buffer lives until the request completes: no copy of an upload. */
		ctx->req.body_too_large = ctx->body.overflow;
		ctx->req.body_len = ctx->body.overflow ? 0 : ctx->body.len;
		ctx->req.body = ctx->body.overflow ? "" : buf_str(&ctx->body);
	}

	log_fold_begin(&ctx->fold);
	const struct route_def *r = router_check(&ctx->req, ctx->uri, &ctx->resp);
	log_fold_end();
	if (r != NULL && (r->pwhash & (1u << ctx->req.method)))
		return http_offload(srv, ctx, c, r, 0);
	if (r != NULL && (r->offload & (1u << ctx->req.method)))
		return http_offload(srv, ctx, c, r, 1);
	if (r != NULL) {
		log_fold_begin(&ctx->fold);
		router_run(r, &ctx->req, &ctx->resp);
		log_fold_end();
	}
	return http_answer(ctx, c);
}

/* libmicrohttpd's own messages, through the log (escaped, one line each). */
static void
http_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	/*
	 * Messages about one connection are debug: a malformed request's access
	 * line says what it was answered (400, 413, 431...), and connections
	 * closed by their client or by the guard would flood the log.
	 */
	static const char *const quiet[] = {"Error processing request",
					    "Connection socket is closed"};
	enum log_level lvl = LOG_WARN;
	for (size_t i = 0; i < sizeof(quiet) / sizeof(quiet[0]); i++)
		if (strncmp(msg, quiet[i], strlen(quiet[i])) == 0)
			lvl = LOG_DEBUG;
	log_msg(lvl, "libmicrohttpd: %s", msg);
}

/*
 * A password hash maps 64 MiB and unmaps it when done (libsodium); while it
 * faults those pages in and unmaps them, any other thread of the process
 * that maps, unmaps or grows memory waits for the kernel's lock on the
 * address space, for tens of milliseconds on a busy machine.  So the
 * workers stay off that lock: libmicrohttpd's connection memory is small
 * enough to come from malloc (HTTP_CONNECTION_MEMORY), malloc's heaps grow
 * in steps of 16 MiB rather than at the first burst of requests, and
 * buffers up to 32 MiB (a response is at most HTTP_BODY_MAX) come from
 * the heaps rather than from mmap.  Measured in docs/performance.md.
 */
static void
http_keep_off_mmap(void)
{
	mallopt(M_TOP_PAD, 16 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

/* Raises the soft limit on open files so every connection can be accepted. */
static void
http_raise_nofile(void)
{
	const rlim_t want = HTTP_CONNECTION_LIMIT + 256; /* and databases, logs, epoll */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want ? rl.rlim_max : want;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < want)
		log_warn("http: only %llu open files allowed; fewer than %u connections fit",
			 (unsigned long long)rl.rlim_cur, (unsigned)HTTP_CONNECTION_LIMIT);
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

	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned threads = cfg->threads;
	if (threads == 0)
		threads = ncpu > 2 ? (unsigned)ncpu : 2;
	unsigned hashers = cfg->pwhash_threads;
	if (hashers == 0)
		hashers = ncpu > 2 ? (unsigned)ncpu / 2 : 1;
	if (hashers > USER_PWHASH_CONCURRENCY) /* more would only wait at user.c's gate */
		hashers = USER_PWHASH_CONCURRENCY;
	unsigned queue =
	    cfg->pwhash_queue != 0 ? cfg->pwhash_queue : hashers * HTTP_PWHASH_QUEUE_PER_THREAD;
	unsigned per_address =
	    cfg->per_address_limit != 0 ? cfg->per_address_limit : HTTP_PER_ADDRESS_DEFAULT;
	if (per_address >= HTTP_CONNECTION_LIMIT)
		per_address = 0;
	unsigned head = cfg->head_timeout != 0 ? cfg->head_timeout : HTTP_HEAD_TIMEOUT_DEFAULT;
	http_raise_nofile();
	http_keep_off_mmap();
	srv->guard = http_guard_new(per_address, head * 1000u, cfg->trusted_proxy);
	srv->pwhash = http_offload_new(hashers, queue, HTTP_PWHASH_NICE);
	srv->uploads = http_offload_new(HTTP_UPLOAD_THREADS, HTTP_UPLOAD_QUEUE, 0);
	if (srv->guard == NULL || srv->pwhash == NULL || srv->uploads == NULL) {
		msg_both(err, errsz, MSG_HTTP_CANNOT_START_THREADS, NULL);
		http_offload_free(srv->uploads);
		http_offload_free(srv->pwhash);
		http_guard_free(srv->guard);
		web_app_free(srv->app);
		free(srv);
		return NULL;
	}
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = cfg->addr;
	sa.sin_port = htons(cfg->port);

	srv->mhd = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
		MHD_USE_ERROR_LOG,
	    cfg->port, NULL, NULL, http_on_request, srv,
	    /* First, so that every message of libmicrohttpd goes through the log. */
	    MHD_OPTION_EXTERNAL_LOGGER, http_mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)HTTP_CONNECTION_LIMIT,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)HTTP_CONNECTION_TIMEOUT,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONNECTION_MEMORY,
	    MHD_OPTION_URI_LOG_CALLBACK, http_on_uri, srv, MHD_OPTION_NOTIFY_COMPLETED,
	    http_on_completed, srv, MHD_OPTION_NOTIFY_CONNECTION, http_guard_notify, srv->guard,
	    MHD_OPTION_END);
	if (srv->mhd == NULL) {
		char host[INET_ADDRSTRLEN];
		inet_ntop(AF_INET, &sa.sin_addr, host, sizeof(host));
		msg_both(err, errsz, MSG_HTTP_CANNOT_LISTEN, " %s:%u", host, (unsigned)cfg->port);
		http_offload_free(srv->uploads);
		http_offload_free(srv->pwhash);
		http_guard_free(srv->guard);
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
	/* Every suspended connection is resumed first (a late one is answered 503). */
	http_offload_stop(srv->pwhash);
	http_offload_stop(srv->uploads);
	MHD_stop_daemon(srv->mhd);
	http_guard_free(srv->guard);
	http_offload_free(srv->pwhash);
	http_offload_free(srv->uploads);
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
