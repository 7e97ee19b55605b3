/*
 * The public HTML pages, one file per resource (dashboard.c, facilities.c,
 * health.c, static.c), the shared page layout and error pages (layout.c),
 * and struct web_app, the long-lived state the pages share (the dashboard's
 * page cache).  Handlers follow http/router.h: they receive a well-formed
 * request and return 0, or -1 on an internal error.
 */
#ifndef SXSH_WEB_WEB_H
#define SXSH_WEB_WEB_H

#include "http/request.h"
#include "http/response.h"

struct web_app;

/* Returns the shared state of the pages; free with web_app_free. */
struct web_app *web_app_new(void);
/* Frees app and its caches; NULL is a no-op.  No request may be running. */
void web_app_free(struct web_app *app);

int web_dashboard(struct http_request *req, struct http_response *resp);
int web_facilities(struct http_request *req, struct http_response *resp);
int web_health(struct http_request *req, struct http_response *resp);
int web_static(struct http_request *req, struct http_response *resp);

/*
 * Replaces resp by an HTML error page with the given status and message in
 * the request's language.  Messages are plain text (escaped here) and must
 * never carry internal error detail.
 */
void web_error(struct http_request *req, struct http_response *resp, int status, const char *msg_vi,
	       const char *msg_en);

#endif
