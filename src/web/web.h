/*
 * The public HTML pages, one file per resource (dashboard.c, facilities.c,
 * health.c, static.c), the shared page layout and error pages (layout.c),
 * and struct web_app, the long-lived state the pages share (the dashboard's
 * page cache).  Handlers follow http/router.h: they receive a well-formed
 * request and return 0, or -1 on an internal error.
 */
#ifndef SXSH_WEB_WEB_H
#define SXSH_WEB_WEB_H

#include "req/request.h"
#include "req/response.h"

struct web_app;

/* Returns the shared state of the pages; free with web_app_free. */
struct web_app *web_app_new(void);
/* Frees app and its caches; NULL is a no-op.  No request may be running. */
void web_app_free(struct web_app *app);
/* The indicators cache app holds (model/analytics/kpi_cache.h), for the API too. */
struct kpi_cache *web_app_kpi(struct web_app *app);

int web_dashboard(struct http_request *req, struct http_response *resp);
int web_indicators(struct http_request *req, struct http_response *resp);
int web_benchmark(struct http_request *req, struct http_response *resp);
int web_keyusers(struct http_request *req, struct http_response *resp);
int web_facilities(struct http_request *req, struct http_response *resp);
int web_health(struct http_request *req, struct http_response *resp);
int web_static(struct http_request *req, struct http_response *resp);
/* Accounts (auth.c, users.c). */
int web_login(struct http_request *req, struct http_response *resp);
int web_logout(struct http_request *req, struct http_response *resp);
int web_account(struct http_request *req, struct http_response *resp);
int web_account_password(struct http_request *req, struct http_response *resp);
int web_account_tokens(struct http_request *req, struct http_response *resp);
int web_account_token_revoke(struct http_request *req, struct http_response *resp);
int web_users(struct http_request *req, struct http_response *resp);
/* The enterprise reporting workflow (my.c, facility_page.c, report_form.c,
 * registration_form.c, review.c, audit.c). */
int web_my(struct http_request *req, struct http_response *resp);
int web_my_claim(struct http_request *req, struct http_response *resp);
int web_facility_page(struct http_request *req, struct http_response *resp);
int web_facility_profile(struct http_request *req, struct http_response *resp);
int web_report_form(struct http_request *req, struct http_response *resp);
int web_registration_form(struct http_request *req, struct http_response *resp);
int web_review(struct http_request *req, struct http_response *resp);
int web_report_view(struct http_request *req, struct http_response *resp);
int web_report_action(struct http_request *req, struct http_response *resp);
int web_registration_view(struct http_request *req, struct http_response *resp);
int web_registration_action(struct http_request *req, struct http_response *resp);
int web_audit(struct http_request *req, struct http_response *resp);
/* Facility claims for province staff (claims.c; the assignment in facility_page.c). */
int web_claims(struct http_request *req, struct http_response *resp);
int web_claim_decide(struct http_request *req, struct http_response *resp);
int web_facility_assign(struct http_request *req, struct http_response *resp);

/* -- form entry and drafts -- */

/* POST /drafts/PATH: autosave of a document form, or discard its draft (drafts.c). */
int web_draft(struct http_request *req, struct http_response *resp);
/*
 * The router's hook for a form posted without a live session: keeps the
 * body as a stash and answers with the sign-in form in place (401); returns
 * 1 when it answered, 0 when the router answers as usual (drafts.c).
 */
int web_login_in_place(struct http_request *req, struct http_response *resp);

/* -- enterprise home -- */
/* Where who lands after signing in without a next page (my.c). */
const char *web_home_path(const struct principal *who);
int web_my_seen(struct http_request *req, struct http_response *resp);
int web_deadlines(struct http_request *req, struct http_response *resp);

/* -- attachments -- */
/* Attachments (attachments.c): upload, download, delete. */
int web_report_attach(struct http_request *req, struct http_response *resp);
int web_registration_attach(struct http_request *req, struct http_response *resp);
int web_attachment(struct http_request *req, struct http_response *resp);
int web_attachment_delete(struct http_request *req, struct http_response *resp);
struct buf;
/*
 * Appends the "Tệp đính kèm" section of document (kind: enum wf_kind,
 * doc_id; 0 for one not saved yet) to b: the files as the caller sees
 * them (name with its download link, type, size, who, when), and, when
 * can_edit (the document is editable by the caller: wfp_editable), the
 * upload form and a delete button on the caller's own files.  A form must
 * not enclose it: it holds forms of its own.
 */
void web_attachments_section(struct http_request *req, struct buf *b, int kind, int64_t doc_id,
			     int can_edit);

/* -- reviewer's desk -- */

/* -- admin -- */
int web_user_edit(struct http_request *req, struct http_response *resp);

/* -- names and pickers -- */
/* The pickers' suggestions as JSON (pick.c). */
int web_pick_facilities(struct http_request *req, struct http_response *resp);
int web_pick_users(struct http_request *req, struct http_response *resp);

/*
 * Replaces resp by an HTML error page with the given status and message in
 * the request's language.  Messages are plain text (escaped here) and must
 * never carry internal error detail.
 */
void web_error(struct http_request *req, struct http_response *resp, int status, const char *msg_vi,
	       const char *msg_en);

/* -- campaign -- */
/* Survey campaigns: the list and opening form, the progress, the workbooks (campaigns.c). */
int web_campaigns(struct http_request *req, struct http_response *resp);
int web_campaign(struct http_request *req, struct http_response *resp);
int web_campaign_workbook(struct http_request *req, struct http_response *resp);
int web_campaign_close(struct http_request *req, struct http_response *resp);
struct buf;
/*
 * After a confirmed workbook import: the way back to campaign id (0: none),
 * its page for staff, the enterprise home for an enterprise user.
 */
void web_campaign_back_link(struct http_request *req, struct buf *b, int64_t id);
/*
 * The enterprise home's link "Tải sổ khảo sát (Excel)" to the workbook of
 * facility_id (code) in its newest open campaign; nothing when it is in none.
 */
void web_campaign_home_link(struct http_request *req, struct buf *b, int64_t facility_id,
			    const char *code);

/* -- wbimport -- */
/* The upload of filled campaign workbooks, its preview and its confirm (wbupload.c). */
int web_workbook_upload(struct http_request *req, struct http_response *resp);
int web_workbook_confirm(struct http_request *req, struct http_response *resp);
struct buf;
/* Appends the link to the upload page (the staff and enterprise homes' hook). */
void web_workbook_upload_link(struct http_request *req, struct buf *b);

/* -- mapping -- */
int web_imports_new(struct http_request *req, struct http_response *resp);
int web_imports_map(struct http_request *req, struct http_response *resp);
int web_imports_profile(struct http_request *req, struct http_response *resp);

/* -- mail -- */
/* Password reset by e-mail and the notice setting (mail.c). */
int web_password_forgot(struct http_request *req, struct http_response *resp);
int web_password_reset(struct http_request *req, struct http_response *resp);
int web_account_notices(struct http_request *req, struct http_response *resp);
/* The "Quên mật khẩu?" link under the sign-in form. */
void web_mail_forgot_link(struct http_request *req, struct buf *b);
/* The account page's notices form (req->who signed in; left out on a storage error). */
void web_mail_account_notices(struct http_request *req, struct buf *b);

/* -- exports -- */

/* -- assessments -- */
int web_assessments(struct http_request *req, struct http_response *resp);
int web_assessment_new(struct http_request *req, struct http_response *resp);
int web_assessment(struct http_request *req, struct http_response *resp);
int web_assessment_action(struct http_request *req, struct http_response *resp);
int web_assessment_team(struct http_request *req, struct http_response *resp);
int web_assessment_task(struct http_request *req, struct http_response *resp);
int web_assessment_files(struct http_request *req, struct http_response *resp);
int web_assessment_file(struct http_request *req, struct http_response *resp);
int web_assessment_file_delete(struct http_request *req, struct http_response *resp);

/* -- assessment process -- */
/* The process steps, balances, waste costs and causes of an assessment (assess_process.c). */
int web_assess_process(struct http_request *req, struct http_response *resp);
struct assess_ref;
struct db;
/* The flow chart, balances, steps and waste streams, read only, into b (the report): 0 or -1. */
int web_assess_process_section(struct http_request *req, struct db *db, struct buf *b,
			       const struct assess_ref *r);
/* The printable assessment report (assess_report.c). */
int web_assessment_report(struct http_request *req, struct http_response *resp);

/* -- assessment options -- */
int web_assess_options(struct http_request *req, struct http_response *resp);	   /* GET, POST */
int web_assess_options_xlsx(struct http_request *req, struct http_response *resp); /* GET */
int web_option(struct http_request *req, struct http_response *resp);		   /* GET, POST */

/* -- options across assessments -- */
/* GET /options and /options.xlsx (web/options.c). */
int web_options(struct http_request *req, struct http_response *resp);
int web_options_xlsx(struct http_request *req, struct http_response *resp);

/* -- assessment savings and case studies -- */
/* GET /assessments/{id}/results: expected versus measured savings (who sees the assessment). */
int web_assessment_results(struct http_request *req, struct http_response *resp);
/* POST /assessments/{id}/publish, op=publish|unpublish: province staff; back to the assessment. */
int web_assessment_publish(struct http_request *req, struct http_response *resp);
/* GET /case-studies: the published case studies (public). */
int web_case_studies(struct http_request *req, struct http_response *resp);
/* GET /case-studies/{id}: one published case study, anonymised (public; 404 otherwise). */
int web_case_study(struct http_request *req, struct http_response *resp);

#endif
