/*
 * One HTTP request as the handlers see it: method, path, the parsed query
 * and the page language, with an arena that everything the request
 * allocates comes from.  The arena is freed when libmicrohttpd reports the
 * request complete, so pointers from it (and every string in the request)
 * are valid until the handler's response has been sent, no longer.
 *
 * The query string is bounded (HTTP_QUERY_MAX bytes, HTTP_PARAMS_MAX
 * parameters) and parsed once here; values are percent-decoded, '+' reads
 * as a space, and must be valid UTF-8.
 *
 * A POST, PUT or DELETE body is read by the server up to HTTP_FORM_MAX
 * bytes (a longer one is drained and answered 413 by the router, one longer
 * than HTTP_BODY_DRAIN_MAX refused at once).  An
 * application/x-www-form-urlencoded body is parsed like the query into
 * req->form (http_form); a multipart/form-data one (an upload) into
 * req->form and req->files.  A route may allow a larger body
 * (route_def.body_max in http/router.h: the attachment uploads).  The authentication fields are
 * filled by the router (req/auth.h) before the role checks.
 */
#ifndef SXSH_REQ_REQUEST_H
#define SXSH_REQ_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"
#include "util/fmt.h"

struct db;
struct principal;
struct web_app;
struct kpi_cache;

#define HTTP_QUERY_MAX	     2048	  /* bytes of query string; more is 414 */
#define HTTP_PARAMS_MAX	     16		  /* query parameters; more is 400 */
#define HTTP_FORM_MAX	     (64u * 1024) /* bytes of a request body; more is 413 */
#define HTTP_FORM_PARAMS_MAX 512 /* fields of a form (a report has many lines); more is 400 */
#define HTTP_BODY_DRAIN_MAX  (1u << 20) /* a longer body is refused unread */
#define HTTP_FILES_MAX	     4		/* files in one multipart/form-data body */

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_PUT, HTTP_DELETE, HTTP_PATCH, HTTP_OTHER };

struct http_param {
	const char *name, *value; /* decoded, arena */
};

/* A file of a multipart/form-data body (req/multipart.h). */
struct http_file {
	const char *name;	  /* the form field's name (arena) */
	const char *filename;	  /* as the browser sent it (arena; may be "") */
	const char *content_type; /* as sent, or NULL: never trusted */
	const char *data;	  /* into the body; len bytes, may hold NULs */
	size_t len;
};

/* Why a query string was refused. */
enum http_query_rc { HTTP_QUERY_OK = 0, HTTP_QUERY_TOO_LONG, HTTP_QUERY_BAD };

struct http_request {
	struct arena arena;
	enum http_method method;
	const char *path;  /* without the query; as sent (not decoded) */
	const char *query; /* raw, without '?'; "" when none */
	struct http_param params[HTTP_PARAMS_MAX];
	int nparams;
	enum lang lang;		     /* from ?lang=vi|en; Vietnamese by default */
	const char *if_none_match;   /* the If-None-Match header, or NULL */
	const char *if_match;	     /* the If-Match header (an API write's version), or NULL */
	struct web_app *app;	     /* long-lived state shared by all requests */
	struct kpi_cache *kpi;	     /* the shared indicators (model/analytics/kpi_cache.h) */
	struct db *(*db_get)(void);  /* this thread's connection; see http_request_db */
	void *priv;		     /* the server's per-request state */
	const struct principal *who; /* the signed-in user, or NULL (public) */

	/* Headers the server copies in (NULL when absent). */
	const char *cookie;	   /* Cookie */
	const char *authorization; /* Authorization */
	const char *accept;	   /* Accept */
	const char *content_type;  /* Content-Type */
	const char *csrf_header;   /* X-CSRF-Token (API writes from a cookie session) */
	const char *client_addr;   /* client IP (from a trusted proxy: X-Forwarded-For) */
	int https;		   /* the client used HTTPS (X-Forwarded-Proto, trusted proxy) */

	/* The body of POST/PUT/DELETE: NUL-terminated, arena; "" when none. */
	const char *body;
	size_t body_len;
	int body_too_large; /* longer than HTTP_FORM_MAX: the router answers 413 */
	struct http_param form[HTTP_FORM_PARAMS_MAX];
	int nform;
	struct http_file files[HTTP_FILES_MAX]; /* multipart/form-data file parts */
	int nfiles;

	/* Set by http_auth (req/auth.h). */
	const char *csrf;	  /* the session's CSRF token; NULL without a cookie session */
	const char *session_hash; /* the session's key, for signing out; NULL when none */
	int bearer;		  /* who came from an API token (no CSRF check) */
};

/* Prepares req with an empty arena. */
void http_request_init(struct http_request *req);
/* Frees the arena; strings of the request are invalid afterwards. */
void http_request_clear(struct http_request *req);

/*
 * Splits uri ("/path?a=1&b=2") into path and query and parses the query into
 * req->params.  Returns HTTP_QUERY_TOO_LONG when the query is longer than
 * HTTP_QUERY_MAX, HTTP_QUERY_BAD for too many parameters, a bad %-escape or
 * invalid UTF-8.  req->path is set in every case.
 */
enum http_query_rc http_request_parse_uri(struct http_request *req, const char *uri);

/* The decoded value of the first parameter named name, or NULL. */
const char *http_param(const struct http_request *req, const char *name);

/*
 * Parses req->body into req->form when the content type is
 * application/x-www-form-urlencoded, or into req->form (plain fields) and
 * req->files (file parts) when it is multipart/form-data; otherwise leaves
 * the form empty.  Returns HTTP_QUERY_OK, or HTTP_QUERY_BAD for too many
 * fields or files, a bad %-escape, invalid UTF-8 or a malformed multipart
 * body.
 */
enum http_query_rc http_request_parse_form(struct http_request *req);
/* The decoded value of the first form field named name, or NULL. */
const char *http_form(const struct http_request *req, const char *name);
/* The first file part named name, or NULL. */
const struct http_file *http_file(const struct http_request *req, const char *name);
/* The value of cookie name from the Cookie header (arena), or NULL. */
const char *http_cookie(struct http_request *req, const char *name);

/*
 * This worker thread's database connection, opened on first use and closed
 * when the server stops.  Returns NULL when it cannot be opened (logged).
 */
struct db *http_request_db(struct http_request *req);
/*
 * The numeric segments of path in order ("/facilities/12/report/2024" gives
 * 12 and 2024), at most max of them: the values a route path's "{id}"
 * placeholders matched (http/router.h).  Returns how many were stored.
 */
int http_path_ids(const char *path, int64_t *ids, int max);

/* Returns vi or en according to the request's language. */
#define HTTP_T(req, vi, en) ((req)->lang == LANG_EN ? (en) : (vi))

#endif
