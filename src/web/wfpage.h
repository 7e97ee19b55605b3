/*
 * What the workflow pages (my.c, facility_page.c, report_form.c,
 * registration_form.c, review.c, audit.c) share: a model message in the
 * page's language, the answer for an enum status, field errors
 * placed beside their input, the 303 after a successful POST, and the page
 * frame with its size check.  Private to src/web/.
 */
#ifndef SXSH_WEB_WFPAGE_H
#define SXSH_WEB_WFPAGE_H

#include <stdint.h>

#include "model/doc/doc.h"
#include "model/registry/facility_edit.h"
#include "model/doc/workflow.h"
#include "model/reporting/plausible.h"
#include "model/reporting/report.h"
#include "web/web_int.h"

struct db;

#define WFP_PAGE_MAX (4u << 20) /* bytes of one workflow page's body */

/* The model message m in the request's language (msg_format).  Arena string. */
const char *wfp_text(struct http_request *req, const struct msg *m);
/* The same for message id without label or arguments (msg_status(rc), calc_msg(rc)). */
const char *wfp_text_id(struct http_request *req, enum msg_id id);

/* A 303 to location (a URL from web_url), never cached: POST-redirect-GET. */
void wfp_redirect(struct http_response *resp, const char *location);

/*
 * Answers a failed workflow call with an error page: ST_NOTFOUND 404,
 * ST_FORBIDDEN 403, ST_STATE and ST_CONFLICT 409, ST_INVALID and ST_EXISTS
 * 400.  Returns 0, or -1 for ST_ERR (the router's 500).
 */
int wfp_fail(struct http_request *req, struct http_response *resp, int rc);

/*
 * Opens the form of a document of one facility and year, as the path
 * names them ("/facilities/{id}/report/{year}"): *fid, *year and the
 * facility's profile in *fac.  Returns 1 when the caller goes on; else the
 * request is answered (a year outside VF_REPORT_YEAR or a facility out of
 * scope 404) and it returns 0, or -1 for the router's 500.
 */
int wfp_form_open(struct http_request *req, struct http_response *resp, struct db *db, int64_t *fid,
		  int *year, struct facility_profile *fac);

/*
 * Whether the caller may edit a document of kind k with head h (NULL or id
 * 0: one not created yet, which the caller's role must be allowed to create).
 */
int wfp_editable(struct http_request *req, const struct doc_kind *k, const struct doc_head *h);

/* What wfp_stored leaves to its caller. */
#define WFP_RENDER 1

/*
 * Answers a form's save (submit 0) or save-and-submit (submit 1) that
 * returned rc (doc_store): ST_OK redirects (303) to the page itself with
 * done=saved or done=submitted and returns 0.  ST_INVALID (400), and
 * ST_CONFLICT, ST_STATE (409) and ST_FULL (507) with *problem set, return
 * WFP_RENDER: the caller shows the form again with every typed value and
 * the status already set.  Anything else is wfp_fail's answer.
 */
int wfp_stored(struct http_request *req, struct http_response *resp, int rc, int submit,
	       const char **problem);

/*
 * The id of the element of form field ("energy[0].carrier" ->
 * "f-energy-0-carrier"), and of its error ("e-energy-0-carrier").  Arena
 * strings.
 */
const char *wfp_field_id(struct http_request *req, const char *field);
const char *wfp_error_id(struct http_request *req, const char *field);

/*
 * <span class="field-error" id=wfp_error_id(field)>message</span> for
 * field's first error, if any.
 */
void wfp_field_error(struct http_request *req, struct buf *b, const struct wf_errors *errs,
		     const char *field);

/*
 * A labelled text input named name with id wfp_field_id(name) and value
 * (NULL: empty), its error from errs placed right after it, and, when
 * there is one, aria-invalid="true" and aria-describedby naming the error.
 * label may be NULL (table cells).  wfp_input_num marks a number field
 * (num 1: inputmode decimal, data-num, which static/js/form.js echoes).
 */
void wfp_input(struct http_request *req, struct buf *b, const char *label, const char *name,
	       const char *value, const struct wf_errors *errs);
void wfp_input_num(struct http_request *req, struct buf *b, const char *label, const char *name,
		   const char *value, const struct wf_errors *errs, int num);
/* The same input without a <label> (a table cell), named aria for screen readers. */
void wfp_cell_input(struct http_request *req, struct buf *b, const char *aria, const char *name,
		    const char *value, const struct wf_errors *errs, int num);

/*
 * An opening tag with the attributes attr[0..n) as name, value pairs; a
 * pair whose value is NULL is left out.  Values are escaped.
 */
void wfp_tag(struct buf *b, const char *tag, const char *const *attr, int n);

/*
 * The error summary at the top of a form: <div class="error-summary"
 * role="alert" id="errors"> with one link per error to its field's id;
 * nothing when errs has none.
 */
void wfp_error_summary(struct http_request *req, struct buf *b, const struct wf_errors *errs);

/* <p class="problem|notice" role=...>text</p>; NULL text writes nothing. */
void wfp_message(struct buf *b, int problem, const char *text);

/*
 * The plausibility warnings w[0..n) of a report (plaus_review) as
 * <div class="warnings" id="warnings"> with the intro paragraph and one
 * <li data-field=FIELD> per warning in the page's language; nothing when n
 * is 0.
 */
void wfp_warnings(struct http_request *req, struct buf *b, const char *intro,
		  const struct plaus_warning *w, int n);

/*
 * The warnings of report r that its enterprise explained when it filed
 * it (report_explanation), each with the explanation, for the reviewer:
 * <section class="explanations" id="explanations"> with one <dl> entry per
 * warning in the page's language; nothing when r has none.
 */
void wfp_explanations(struct http_request *req, struct buf *b, const struct report *r);

/* A submit button named "op" with value op. */
void wfp_button(struct buf *b, const char *op, const char *label);

/* The display label of a state in the request's language (static). */
const char *wfp_state_label(struct http_request *req, enum wf_state s);

/* A double for an input field ("12.5"); "" for NaN.  Arena string. */
const char *wfp_num_input(struct http_request *req, double v);
/*
 * A quantity for an input field in the page's convention, every digit kept
 * and no grouping ("12,5" on Vietnamese pages, "12.5" on English ones), so
 * saving the form again stores the same value; "" for NaN.  Arena string.
 */
const char *wfp_qty_input(struct http_request *req, double v);
/*
 * A quantity as typed on the page (parse_num_user in the page's language:
 * "12.500" is 12500 on Vietnamese pages) in the model's exact form
 * ("12500"); text that is not a number in the page's convention, or reads
 * two ways, is returned as a text no parser reads as a number, for the
 * model to refuse with the field named (then wfp_qty_error).  NULL and
 * blank text stay as they are.
 */
const char *wfp_qty_posted(struct http_request *req, const char *s);
/*
 * After the model's validation: the error "not a number" on field, whose
 * text as typed was typed, becomes one in the page's convention, with both
 * readings when the text reads two ways.
 */
void wfp_qty_error(struct http_request *req, struct wf_errors *errs, const char *field,
		   const char *typed);

/*
 * Finishes a page: b (built with render/html.h) inside the layout with
 * title, never cached.  Returns 0, or -1 when b overflowed or the layout
 * failed (logged).
 */
int wfp_page(struct http_request *req, struct http_response *resp, const char *title,
	     struct buf *b);

/* The n numeric segments of the request path ("{id}" values); 0 when fewer. */
int wfp_ids(struct http_request *req, int64_t *ids, int n);

#endif
