/*
 * What the page files of src/web/ share: the page layout, links that keep
 * the language, and the page cache's place in struct web_app.
 */
#ifndef SXSH_WEB_WEB_INT_H
#define SXSH_WEB_WEB_INT_H

#include <pthread.h>
#include <stdint.h>

#include "web/web.h"

/* The dashboard as last rendered, per language, for one database generation. */
struct web_page_cache {
	pthread_mutex_t lock;
	struct {
		int64_t generation; /* meaningless while page is NULL */
		struct http_blob *page;
	} lang[2];
};

struct web_app {
	struct web_page_cache dashboard;
};

/*
 * Writes the whole page into body: templates/layout.html with the title, the
 * navigation, the language switch (same path and query, other language) and
 * body_html (trusted markup built with render/html.h).  Returns 0 or -1.
 */
int web_layout(struct http_request *req, struct buf *body, const char *title,
	       const char *body_html);

/*
 * Returns the URL of path with the n parameters params (those with a NULL
 * or empty value left out) percent-encoded, and lang=en when the page is
 * English.  The result (arena) is a URL, not HTML: pass it to html_open,
 * which escapes it.
 */
const char *web_url(struct http_request *req, const char *path, const struct http_param *params,
		    int n);

/* Percent with one decimal in the page's language ("45,2 %", "45.2%"); "—" for NaN. */
const char *web_pct(struct http_request *req, double pct);
/* An integer in the page's language ("12.151"); arena string. */
const char *web_int(struct http_request *req, long v);

#endif
