/*
 * What assessments.c and assessment_page.c share: dates and steps as a
 * person reads them, the assessment's paths, form fields and the details
 * form read back.  Private to src/web/.
 */
#ifndef SXSH_WEB_ASSESS_INT_H
#define SXSH_WEB_ASSESS_INT_H

#include <stdint.h>

#include "model/assess/assessment.h"
#include "web/wfpage.h"

/* Whether the caller is province staff (or an administrator). */
static inline int
asw_is_province(const struct http_request *req)
{
	return req->who != NULL &&
	       (req->who->role == ROLE_PROVINCE || req->who->role == ROLE_ADMIN);
}

/* ISO "YYYY-MM-DD" as dd/mm/yyyy; "—" for none (arena). */
const char *asw_date(struct http_request *req, const char *iso);
/* The same for an input's value: "" for none. */
const char *asw_date_input(struct http_request *req, const char *iso);
/* "Bước 2/6 — Phân tích các công đoạn sản xuất"; all done past step 6 (arena). */
const char *asw_step_text(struct http_request *req, int step);
/* An assessment's state as people read it (submitted: with the Department). */
const char *asw_state_label(struct http_request *req, enum wf_state s);
/* The URL of /assessments/{id}REST in the page's language (arena). */
const char *asw_path(struct http_request *req, int64_t id, const char *rest);

/* A labelled select of opts with id (NULL: wfp_field_id(name)), any first when not NULL. */
void asw_select(struct http_request *req, struct buf *b, const char *label, const char *name,
		const char *id, const struct name *opts, int n, const char *any, const char *value,
		const struct wf_errors *errs);
/* A labelled textarea with id (NULL: wfp_field_id(name)). */
void asw_textarea(struct http_request *req, struct buf *b, const char *label, const char *name,
		  const char *id, const char *value, const struct wf_errors *errs);

/* The details' fields (a NULL: a new assessment's defaults), posted values first. */
void asw_details_fields(struct http_request *req, struct buf *b, const struct assessment *a,
			const struct wf_errors *errs);
/* The posted details into in (numbers converted from the page's convention). */
void asw_details_input(struct http_request *req, struct assessment_input *in);
/* The number errors of the details worded in the page's convention. */
void asw_details_errors(struct http_request *req, struct wf_errors *errs);

#endif
