/*
 * What the page files of src/web/ share: the page layout, links that keep
 * the language, and the page cache's place in struct web_app.
 */
#ifndef SXSH_WEB_WEB_INT_H
#define SXSH_WEB_WEB_INT_H

#include <pthread.h>
#include <stdint.h>

#include "model/msg.h"
#include "model/analytics/kpi_cache.h"
#include "web/web.h"

/*
 * The dashboard as last rendered, per language, for one database generation
 * and one day (it shows the date its figures are as of).
 */
struct web_page_cache {
	pthread_mutex_t lock;
	struct {
		int64_t generation;	   /* meaningless while content is NULL */
		int64_t day;		   /* days since 1970 in Vietnam's time zone */
		struct http_blob *content; /* inside the layout: the same for everyone */
		char *title;
		struct http_blob *page; /* the whole public page; NULL until one is asked for */
	} lang[2];
};

struct web_app {
	struct web_page_cache dashboard;
	struct kpi_cache kpi; /* the indicators every page and the API read */
};

/*
 * Writes the whole page into body: templates/layout.html with the title, the
 * navigation, the language switch (same path and query, other language) and
 * body_html (trusted markup built with render/html.h).  Returns 0 or -1.
 */
int web_layout(struct http_request *req, struct buf *body, const char *title,
	       const char *body_html);

/*
 * Opens the box a wide table scrolls sideways in, so that the page itself
 * never gets wider than a phone's screen: a region named label (what the
 * table is, in the page's language) that the keyboard can focus and scroll.
 * Close it with web_scroll_close after the table.
 */
/*
 * The letterhead of a printed document, hidden on screen: the issuer of the
 * default plan and the Department, the national name and motto.  0, or -1
 * on a storage error.
 */
int web_letterhead(struct http_request *req, struct db *db, struct buf *b);
void web_scroll_open(struct buf *b, const char *label);
void web_scroll_close(struct buf *b);

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
/* v shown as quantity q (util/fmt.h: fmt_qty) in the page's language; arena string. */
const char *web_qty(struct http_request *req, double v, enum fmt_qty q);
/* An integer in the page's language ("12.151"); arena string. */
const char *web_int(struct http_request *req, long v);
/*
 * The page's ?format: 0 for html (or none), 1 for xlsx; for anything else
 * fills resp with a 400 naming the parameter and returns -1.
 */
int web_format_xlsx(struct http_request *req, struct http_response *resp);

struct kpi_value;
struct kpi_series;
struct kpi_target;
/* Appends a table cell "45,2 %" with "120/300" (yes/known) under it: the share of known. */
void web_share_cell(struct http_request *req, struct buf *b, const struct kpi_value *v);
/* Appends a table cell "12,0 %" with "120/1.000" (yes/active): the share of all active. */
void web_share_all_cell(struct http_request *req, struct buf *b, const struct kpi_value *v);
/*
 * Appends one cell with both shares: the share of all active (yes/active),
 * compared with the target, and under it the share of known (yes/known).
 */
void web_share_both_cell(struct http_request *req, struct buf *b, const struct kpi_value *v);
/* Catalogue message id (model/msg.h) in the page's language; static. */
const char *web_msg(struct http_request *req, enum msg_id id);
/*
 * The target of s for year as "50 % (2016–2020)", followed by ": đạt/met"
 * or ": chưa đạt/not met" when v is given (kpi_target_met); NULL when no
 * target applies in year (kpi_target_at).  Arena string.
 */
const char *web_kpi_target(struct http_request *req, const struct kpi_series *s, int year,
			   const struct kpi_value *v);
/*
 * Appends a <p class="note"> saying the plan sets no target for year and
 * how an administrator loads a plan's targets.
 */
void web_kpi_no_target(struct http_request *req, struct buf *b, const char *plan, int year);
/*
 * Appends <label>Năm/Year <select name="year"> with the years last down to
 * first, year selected.
 */
void web_year_select(struct http_request *req, struct buf *b, int first, int last, int year);

/*
 * Appends the hidden form field "csrf" with token, or the session's token
 * when token is NULL (auth.c).  Every POST form must carry it.
 */
void web_csrf_field(struct http_request *req, struct buf *b, const char *token);
/*
 * Appends <label>label<input type name autocomplete value></label>, all
 * escaped; value may be NULL (empty).  The form fields of auth.c and users.c.
 */
void web_input(struct buf *b, const char *label, const char *name, const char *type,
	       const char *autocomplete, const char *value);

struct xlsx;
/* Fills a workbook for web_sheets_send; returns 0 or -1. */
typedef int (*web_sheets_fill_fn)(struct xlsx *x, const void *ctx);
/*
 * Answers req with the workbook fill(x, ctx) builds (render/sheets.h), as
 * an attachment named filename (ASCII, e.g. "keyusers-2024.xlsx"): the file
 * is written to a temporary file in the system temporary directory, read
 * into the body and removed.  Returns 0, or -1 (logged) when it cannot be
 * built or is larger than the response body may be (sheets.c).
 */
int web_sheets_send(struct http_request *req, struct http_response *resp, web_sheets_fill_fn fill,
		    const void *ctx, const char *filename);

/* A Unix time as dd/mm/yyyy in Vietnam's time zone; "—" for 0 (arena). */
const char *web_date_unix(struct http_request *req, int64_t t);
/* A Unix time as "dd/mm/yyyy HH:MM" in Vietnam's time zone (UTC+7, no
 * daylight saving since 1975); "—" for 0 (arena). */
const char *web_datetime_unix(struct http_request *req, int64_t t);
/* next when it is a path on this site ("/x", not "//host" or "/\host"), else "/". */
const char *web_local_path(const char *next);

/* -- assessment savings and case studies (web/results.c) -- */
struct db;
/*
 * Appends the expected versus measured savings of facility_id's implemented
 * CP options (model/assess/measured.h): the options with their expected
 * TOE, CO2 and VND a year and their shares, the facility's totals, and the
 * years compared with the baseline, or why the saving is not computable.
 * Shows no facility name.  The caller has checked who may see it.
 */
void web_measured_block(struct http_request *req, struct buf *b, struct db *db,
			int64_t facility_id);
/*
 * Appends the form that publishes or withdraws the case study of
 * assessment id (POST /assessments/{id}/publish) when who may do it.
 */
void web_case_publish_form(struct http_request *req, struct buf *b, int64_t id, int published);
struct measured_option;
struct casestudy;
/*
 * Appends the table of an assessment's options o[0..n-1] (kind, title,
 * screening, status, investment, simple payback, expected TOE, CO2 and VND
 * a year); with cs, each title scrubbed of cs's facility (casestudy_scrub).
 */
void web_options_table(struct http_request *req, struct buf *b, const struct measured_option *o,
		       int n, const struct casestudy *cs);

#endif
