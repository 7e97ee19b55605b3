/*
 * Route table and dispatch (see router.h).
 */
#include "http/router.h"

#include <string.h>
#include <time.h>

#include "api/api.h"
#include "db/db.h"
#include "model/doc/attachment.h"
#include "model/msg.h"
#include "model/survey/wbupload.h"
#include "render/html.h"
#include "req/auth.h"
#include "util/log.h"
#include "web/web.h"

#define M(m) (1u << (m))
/* An upload's body: one file of ATTACH_MAX bytes and the multipart framing and fields around it. */
#define HTTP_UPLOAD_MAX (ATTACH_MAX + HTTP_FORM_MAX)

const struct route_def routes[ROUTE__MAX] = {
    [ROUTE_DASHBOARD] = {.path = "/", .methods = M(HTTP_GET), .handler = web_dashboard},
    [ROUTE_FACILITIES] = {.path = "/facilities", .methods = M(HTTP_GET), .handler = web_facilities},
    [ROUTE_HEALTHZ] = {.path = "/healthz", .methods = M(HTTP_GET), .handler = web_health},
    [ROUTE_STATIC] = {.path = "/static/",
		      .prefix = 1,
		      .methods = M(HTTP_GET),
		      .handler = web_static},
    [ROUTE_LOGIN] = {.path = "/login",
		     .methods = M(HTTP_GET) | M(HTTP_POST),
		     .handler = web_login,
		     .pwhash = M(HTTP_POST)},
    [ROUTE_LOGOUT] = {.path = "/logout",
		      .methods = M(HTTP_POST),
		      .handler = web_logout,
		      .roles = ROLES_ANY},
    [ROUTE_ACCOUNT] = {.path = "/account",
		       .methods = M(HTTP_GET),
		       .handler = web_account,
		       .roles = ROLES_ANY},
    [ROUTE_ACCOUNT_PASSWORD] = {.path = "/account/password",
				.methods = M(HTTP_POST),
				.handler = web_account_password,
				.roles = ROLES_ANY,
				.pwhash = M(HTTP_POST)},
    [ROUTE_ACCOUNT_TOKENS] = {.path = "/account/tokens",
			      .methods = M(HTTP_POST),
			      .handler = web_account_tokens,
			      .roles = ROLES_ANY},
    [ROUTE_ACCOUNT_TOKEN_REVOKE] = {.path = "/account/tokens/revoke",
				    .methods = M(HTTP_POST),
				    .handler = web_account_token_revoke,
				    .roles = ROLES_ANY},
    [ROUTE_USERS] = {.path = "/users",
		     .methods = M(HTTP_GET) | M(HTTP_POST),
		     .handler = web_users,
		     .roles = ROLE_BIT(ROLE_ADMIN),
		     .pwhash = M(HTTP_POST)},
    [ROUTE_INDICATORS] = {.path = "/indicators", .methods = M(HTTP_GET), .handler = web_indicators},
    [ROUTE_BENCHMARK] = {.path = "/benchmark", .methods = M(HTTP_GET), .handler = web_benchmark},
    [ROUTE_KEYUSERS] = {.path = "/keyusers",
			.methods = M(HTTP_GET),
			.handler = web_keyusers,
			.roles = ROLES_STAFF},
    [ROUTE_MY] = {.path = "/my",
		  .methods = M(HTTP_GET),
		  .handler = web_my,
		  .roles = ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_MY_CLAIM] = {.path = "/my/claim",
			.methods = M(HTTP_POST),
			.handler = web_my_claim,
			.roles = ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_FACILITY_PAGE] = {.path = "/facilities/{id}",
			     .methods = M(HTTP_GET),
			     .handler = web_facility_page,
			     .roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_FACILITY_PROFILE] = {.path = "/facilities/{id}/profile",
				.methods = M(HTTP_POST),
				.handler = web_facility_profile,
				.roles = ROLES_PROVINCE | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_REPORT_FORM] = {.path = "/facilities/{id}/report/{id}",
			   .methods = M(HTTP_GET) | M(HTTP_POST),
			   .handler = web_report_form,
			   .roles = ROLES_PROVINCE | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_REGISTRATION_FORM] = {.path = "/facilities/{id}/registration/{id}",
				 .methods = M(HTTP_GET) | M(HTTP_POST),
				 .handler = web_registration_form,
				 .roles = ROLES_PROVINCE | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_REVIEW] = {.path = "/review",
		      .methods = M(HTTP_GET),
		      .handler = web_review,
		      .roles = ROLES_STAFF},
    [ROUTE_REPORT_VIEW] = {.path = "/reports/{id}",
			   .methods = M(HTTP_GET),
			   .handler = web_report_view,
			   .roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_REPORT_ACTION] = {.path = "/reports/{id}/action",
			     .methods = M(HTTP_POST),
			     .handler = web_report_action,
			     .roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_REGISTRATION_VIEW] = {.path = "/registrations/{id}",
				 .methods = M(HTTP_GET),
				 .handler = web_registration_view,
				 .roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_REGISTRATION_ACTION] = {.path = "/registrations/{id}/action",
				   .methods = M(HTTP_POST),
				   .handler = web_registration_action,
				   .roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_AUDIT] = {.path = "/audit",
		     .methods = M(HTTP_GET),
		     .handler = web_audit,
		     .roles = ROLES_PROVINCE},
    [ROUTE_API_FACILITIES] = {.path = "/api/v1/facilities",
			      .methods = M(HTTP_GET),
			      .handler = api_facilities},
    [ROUTE_API_FACILITY] = {.path = "/api/v1/facilities/",
			    .prefix = 1,
			    .methods = M(HTTP_GET),
			    .handler = api_facility,
			    .roles = ROLES_ANY},
    [ROUTE_API_REPORTS] = {.path = "/api/v1/reports",
			   .methods = M(HTTP_GET) | M(HTTP_POST),
			   .handler = api_reports,
			   .roles = ROLES_ANY},
    [ROUTE_API_REPORT] = {.path = "/api/v1/reports/",
			  .prefix = 1,
			  .methods = M(HTTP_GET) | M(HTTP_PUT) | M(HTTP_POST),
			  .handler = api_report,
			  .roles = ROLES_ANY},
    [ROUTE_API_REGISTRATIONS] = {.path = "/api/v1/registrations",
				 .methods = M(HTTP_GET) | M(HTTP_POST),
				 .handler = api_registrations,
				 .roles = ROLES_ANY},
    [ROUTE_API_REGISTRATION] = {.path = "/api/v1/registrations/",
				.prefix = 1,
				.methods = M(HTTP_GET) | M(HTTP_PUT) | M(HTTP_POST),
				.handler = api_registration,
				.roles = ROLES_ANY},
    [ROUTE_API_INDICATORS] = {.path = "/api/v1/indicators",
			      .methods = M(HTTP_GET),
			      .handler = api_indicators},
    [ROUTE_API_KEYUSERS] = {.path = "/api/v1/keyusers",
			    .methods = M(HTTP_GET),
			    .handler = api_keyusers,
			    .roles = ROLES_STAFF},
    [ROUTE_API_REFDATA] = {.path = "/api/v1/refdata",
			   .methods = M(HTTP_GET),
			   .handler = api_refdata},
    [ROUTE_API_REFDATA_ITEM] = {.path = "/api/v1/refdata/",
				.prefix = 1,
				.methods = M(HTTP_GET),
				.handler = api_refdata_item},
    [ROUTE_API_SESSION] = {.path = "/api/v1/session",
			   .methods = M(HTTP_GET),
			   .handler = api_session,
			   .roles = ROLES_ANY},
    [ROUTE_CLAIMS] = {.path = "/claims",
		      .methods = M(HTTP_GET),
		      .handler = web_claims,
		      .roles = ROLES_PROVINCE},
    [ROUTE_CLAIM_DECIDE] = {.path = "/claims/{id}",
			    .methods = M(HTTP_POST),
			    .handler = web_claim_decide,
			    .roles = ROLES_PROVINCE},
    [ROUTE_FACILITY_ASSIGN] = {.path = "/facilities/{id}/assign",
			       .methods = M(HTTP_POST),
			       .handler = web_facility_assign,
			       .roles = ROLES_PROVINCE},
    /* -- form entry and drafts -- */

    [ROUTE_DRAFT] = {.path = "/drafts/",
		     .prefix = 1,
		     .methods = M(HTTP_POST),
		     .handler = web_draft,
		     .roles = ROLES_PROVINCE | ROLE_BIT(ROLE_ENTERPRISE)},

    /* -- enterprise home -- */
    [ROUTE_MY_SEEN] = {.path = "/my/seen",
		       .methods = M(HTTP_POST),
		       .handler = web_my_seen,
		       .roles = ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_DEADLINES] = {.path = "/deadlines",
			 .methods = M(HTTP_GET) | M(HTTP_POST),
			 .handler = web_deadlines,
			 .roles = ROLES_PROVINCE},

    /* -- attachments -- */
    [ROUTE_REPORT_ATTACH] = {.path = "/reports/{id}/attachments",
			     .methods = M(HTTP_POST),
			     .handler = web_report_attach,
			     .roles = ROLES_PROVINCE | ROLE_BIT(ROLE_ENTERPRISE),
			     .body_max = HTTP_UPLOAD_MAX,
			     .offload = M(HTTP_POST)},
    [ROUTE_REGISTRATION_ATTACH] = {.path = "/registrations/{id}/attachments",
				   .methods = M(HTTP_POST),
				   .handler = web_registration_attach,
				   .roles = ROLES_PROVINCE | ROLE_BIT(ROLE_ENTERPRISE),
				   .body_max = HTTP_UPLOAD_MAX,
				   .offload = M(HTTP_POST)},
    [ROUTE_ATTACHMENT] = {.path = "/attachments/{id}",
			  .methods = M(HTTP_GET),
			  .handler = web_attachment,
			  .roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_ATTACHMENT_DELETE] = {.path = "/attachments/{id}/delete",
				 .methods = M(HTTP_POST),
				 .handler = web_attachment_delete,
				 .roles = ROLES_PROVINCE | ROLE_BIT(ROLE_ENTERPRISE)},

    /* -- reviewer's desk -- */

    /* -- admin -- */
    [ROUTE_USER_EDIT] = {.path = "/users/{id}",
			 .methods = M(HTTP_GET) | M(HTTP_POST),
			 .handler = web_user_edit,
			 .roles = ROLE_BIT(ROLE_ADMIN),
			 .pwhash = M(HTTP_POST)},

    /* -- names and pickers -- */
    [ROUTE_PICK_FACILITIES] = {.path = "/pick/facilities",
			       .methods = M(HTTP_GET),
			       .handler = web_pick_facilities,
			       .roles = ROLES_PROVINCE},
    [ROUTE_PICK_USERS] = {.path = "/pick/users",
			  .methods = M(HTTP_GET),
			  .handler = web_pick_users,
			  .roles = ROLES_PROVINCE},

    /* -- campaign -- */
    [ROUTE_CAMPAIGNS] = {.path = "/campaigns",
			 .methods = M(HTTP_GET) | M(HTTP_POST),
			 .handler = web_campaigns,
			 .roles = ROLES_STAFF},
    [ROUTE_CAMPAIGN] = {.path = "/campaigns/{id}",
			.methods = M(HTTP_GET),
			.handler = web_campaign,
			.roles = ROLES_STAFF},
    [ROUTE_CAMPAIGN_WORKBOOK] = {.path = "/campaigns/{id}/workbook",
				 .methods = M(HTTP_GET),
				 .handler = web_campaign_workbook,
				 .roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE)},
    [ROUTE_CAMPAIGN_CLOSE] = {.path = "/campaigns/{id}/close",
			      .methods = M(HTTP_POST),
			      .handler = web_campaign_close,
			      .roles = ROLES_PROVINCE},

    /* -- wbimport -- */
    [ROUTE_WORKBOOK_UPLOAD] = {.path = "/workbooks/upload",
			       .methods = M(HTTP_GET) | M(HTTP_POST),
			       .handler = web_workbook_upload,
			       .roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE),
			       .body_max = WBUPLOAD_MAX + HTTP_FORM_MAX,
			       .offload = M(HTTP_POST)},
    [ROUTE_WORKBOOK_CONFIRM] = {.path = "/workbooks/confirm",
				.methods = M(HTTP_POST),
				.handler = web_workbook_confirm,
				.roles = ROLES_STAFF | ROLE_BIT(ROLE_ENTERPRISE),
				.offload = M(HTTP_POST)},

    /* -- mapping -- */
    [ROUTE_IMPORTS_NEW] = {.path = "/imports/new",
			   .methods = M(HTTP_GET) | M(HTTP_POST),
			   .handler = web_imports_new,
			   .roles = ROLES_STAFF,
			   .body_max = HTTP_UPLOAD_MAX,
			   .offload = M(HTTP_POST)},
    [ROUTE_IMPORTS_MAP] = {.path = "/imports/map",
			   .methods = M(HTTP_GET) | M(HTTP_POST),
			   .handler = web_imports_map,
			   .roles = ROLES_STAFF,
			   .offload = M(HTTP_GET) | M(HTTP_POST)},
    [ROUTE_IMPORTS_PROFILE] = {.path = "/imports/profile",
			       .methods = M(HTTP_GET) | M(HTTP_POST),
			       .handler = web_imports_profile,
			       .roles = ROLES_STAFF,
			       .body_max = HTTP_UPLOAD_MAX},

    /* -- mail -- */
    [ROUTE_PASSWORD_FORGOT] = {.path = "/password/forgot",
			       .methods = M(HTTP_GET) | M(HTTP_POST),
			       .handler = web_password_forgot},
    [ROUTE_PASSWORD_RESET] = {.path = "/password/reset",
			      .methods = M(HTTP_GET) | M(HTTP_POST),
			      .handler = web_password_reset,
			      .pwhash = M(HTTP_POST)},
    [ROUTE_ACCOUNT_NOTICES] = {.path = "/account/notices",
			       .methods = M(HTTP_POST),
			       .handler = web_account_notices,
			       .roles = ROLES_ANY},

    /* -- exports -- */

    /* -- assessments -- */
    [ROUTE_ASSESSMENTS] = {.path = "/assessments",
			   .methods = M(HTTP_GET),
			   .handler = web_assessments,
			   .roles = ROLES_ANY},
    [ROUTE_ASSESSMENT_NEW] = {.path = "/assessments/new",
			      .methods = M(HTTP_GET) | M(HTTP_POST),
			      .handler = web_assessment_new,
			      .roles = ROLES_PROVINCE},
    [ROUTE_ASSESSMENT] = {.path = "/assessments/{id}",
			  .methods = M(HTTP_GET) | M(HTTP_POST),
			  .handler = web_assessment,
			  .roles = ROLES_ANY},
    [ROUTE_ASSESSMENT_ACTION] = {.path = "/assessments/{id}/action",
				 .methods = M(HTTP_POST),
				 .handler = web_assessment_action,
				 .roles = ROLES_ANY},
    [ROUTE_ASSESSMENT_TEAM] = {.path = "/assessments/{id}/team",
			       .methods = M(HTTP_POST),
			       .handler = web_assessment_team,
			       .roles = ROLES_ANY},
    [ROUTE_ASSESSMENT_TASK] = {.path = "/assessments/{id}/tasks/{id}",
			       .methods = M(HTTP_POST),
			       .handler = web_assessment_task,
			       .roles = ROLES_ANY},
    [ROUTE_ASSESSMENT_FILES] = {.path = "/assessments/{id}/files",
				.methods = M(HTTP_POST),
				.handler = web_assessment_files,
				.roles = ROLES_ANY,
				.body_max = HTTP_UPLOAD_MAX,
				.offload = M(HTTP_POST)},
    [ROUTE_ASSESSMENT_FILE] = {.path = "/assessments/{id}/files/{id}",
			       .methods = M(HTTP_GET),
			       .handler = web_assessment_file,
			       .roles = ROLES_ANY},
    [ROUTE_ASSESSMENT_FILE_DELETE] = {.path = "/assessments/{id}/files/{id}/delete",
				      .methods = M(HTTP_POST),
				      .handler = web_assessment_file_delete,
				      .roles = ROLES_ANY},
    [ROUTE_API_ASSESSMENTS] = {.path = "/api/v1/assessments",
			       .methods = M(HTTP_GET) | M(HTTP_POST),
			       .handler = api_assessments,
			       .roles = ROLES_ANY},
    [ROUTE_API_ASSESSMENT] = {.path = "/api/v1/assessments/",
			      .prefix = 1,
			      .methods = M(HTTP_GET) | M(HTTP_PUT) | M(HTTP_POST),
			      .handler = api_assessment,
			      .roles = ROLES_ANY},

    /* -- assessment process -- */
    [ROUTE_ASSESS_PROCESS] = {.path = "/assessments/{id}/process",
			      .methods = M(HTTP_GET) | M(HTTP_POST),
			      .handler = web_assess_process,
			      .roles = ROLES_ANY},

    /* -- assessment options -- */
    [ROUTE_ASSESS_OPTIONS] = {.path = "/assessments/{id}/options",
			      .methods = M(HTTP_GET) | M(HTTP_POST),
			      .handler = web_assess_options,
			      .roles = ROLES_ANY},
    [ROUTE_ASSESS_OPTIONS_XLSX] = {.path = "/assessments/{id}/options.xlsx",
				   .methods = M(HTTP_GET),
				   .handler = web_assess_options_xlsx,
				   .roles = ROLES_ANY},
    [ROUTE_OPTION] = {.path = "/options/{id}",
		      .methods = M(HTTP_GET) | M(HTTP_POST),
		      .handler = web_option,
		      .roles = ROLES_ANY},
    [ROUTE_API_ASSESS_OPTIONS] = {.path = "/api/v1/assessments/{id}/options",
				  .methods = M(HTTP_GET) | M(HTTP_POST),
				  .handler = api_assess_options,
				  .roles = ROLES_ANY},
    [ROUTE_API_OPTION] = {.path = "/api/v1/options/{id}",
			  .methods = M(HTTP_GET) | M(HTTP_PATCH) | M(HTTP_DELETE),
			  .handler = api_option,
			  .roles = ROLES_ANY},

    /* -- options across assessments -- */
    [ROUTE_OPTIONS] = {.path = "/options",
		       .methods = M(HTTP_GET),
		       .handler = web_options,
		       .roles = ROLES_ANY},
    [ROUTE_OPTIONS_XLSX] = {.path = "/options.xlsx",
			    .methods = M(HTTP_GET),
			    .handler = web_options_xlsx,
			    .roles = ROLES_ANY},

    /* -- assessment savings and case studies -- */
    [ROUTE_ASSESSMENT_RESULTS] = {.path = "/assessments/{id}/results",
				  .methods = M(HTTP_GET),
				  .handler = web_assessment_results,
				  .roles = ROLES_ANY},
    [ROUTE_ASSESSMENT_PUBLISH] = {.path = "/assessments/{id}/publish",
				  .methods = M(HTTP_POST),
				  .handler = web_assessment_publish,
				  .roles = ROLES_PROVINCE},
    [ROUTE_CASE_STUDIES] = {.path = "/case-studies",
			    .methods = M(HTTP_GET),
			    .handler = web_case_studies},
    [ROUTE_CASE_STUDY] = {.path = "/case-studies/{id}",
			  .methods = M(HTTP_GET),
			  .handler = web_case_study},

    /* -- assessment report -- */
    [ROUTE_ASSESS_REPORT] = {.path = "/assessments/{id}/report",
			     .methods = M(HTTP_GET),
			     .handler = web_assessment_report,
			     .roles = ROLES_ANY},

    /* @routes */
};

static const struct {
	const char *name;
	enum http_method method;
} http_methods[] = {
    {"GET", HTTP_GET}, {"HEAD", HTTP_HEAD},	{"POST", HTTP_POST},
    {"PUT", HTTP_PUT}, {"DELETE", HTTP_DELETE}, {"PATCH", HTTP_PATCH},
};

enum http_method
http_method_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(http_methods) / sizeof(http_methods[0]); i++)
		if (strcmp(http_methods[i].name, name) == 0)
			return http_methods[i].method;
	return HTTP_OTHER;
}

/*
 * Whether path matches pattern exactly, where each "{id}" in pattern stands
 * for one run of 1-18 decimal digits (a path segment such as a facility id).
 */
static int
router_match(const char *pattern, const char *path)
{
	while (*pattern != '\0') {
		if (strncmp(pattern, "{id}", 4) == 0) {
			size_t n = strspn(path, "0123456789");
			if (n == 0 || n > 18)
				return 0;
			pattern += 4;
			path += n;
		} else if (*pattern++ != *path++) {
			return 0;
		}
	}
	return *path == '\0';
}

/*
 * The route of path: an exact path or pattern first, whatever its place in
 * the table, then a prefix ("/api/v1/assessments/{id}/options" is its own
 * route although "/api/v1/assessments/" is a prefix of it).
 */
static const struct route_def *
router_find(const char *path)
{
	for (int i = 0; i < ROUTE__MAX; i++) {
		const struct route_def *r = &routes[i];
		if (!r->prefix && (strchr(r->path, '{') != NULL ? router_match(r->path, path)
								: strcmp(path, r->path) == 0))
			return r;
	}
	for (int i = 0; i < ROUTE__MAX; i++) {
		const struct route_def *r = &routes[i];
		if (r->prefix && strncmp(path, r->path, strlen(r->path)) == 0)
			return r;
	}
	return NULL;
}

/* "GET, HEAD" for a route's methods, into the request's arena. */
static const char *
router_allow(struct http_request *req, unsigned methods)
{
	if (methods & M(HTTP_GET))
		methods |= M(HTTP_HEAD);
	char *out = arena_alloc(&req->arena, 64);
	out[0] = '\0';
	for (size_t i = 0; i < sizeof(http_methods) / sizeof(http_methods[0]); i++) {
		if (!(methods & M(http_methods[i].method)))
			continue;
		if (out[0] != '\0')
			strcat(out, ", ");
		strcat(out, http_methods[i].name);
	}
	return out;
}

/*
 * No (valid) credentials: JSON clients get 401 problem+json; a browser is
 * sent to the sign-in page, which brings it back to this path afterwards.
 */
static void
router_unauthorized(struct http_request *req, struct http_response *resp)
{
	http_response_reset(resp);
	if (http_wants_json(req) || req->authorization != NULL) {
		/* A problem like every other of the API: the detail in the request's language
		 * first. */
		api_problem(req, resp, 401, msg_template(MSG_HTTP_UNAUTHORIZED, LANG_VI),
			    msg_template(MSG_HTTP_UNAUTHORIZED, LANG_EN));
		http_response_header(resp, "WWW-Authenticate", "Bearer");
		return;
	}
	struct buf url;
	buf_init(&url, HTTP_QUERY_MAX * 3 + 1024);
	buf_puts(&url, "/login?next=");
	html_urlenc(&url, req->query[0] != '\0'
			      ? arena_printf(&req->arena, "%s?%s", req->path, req->query)
			      : req->path);
	if (req->lang == LANG_EN)
		buf_puts(&url, "&lang=en");
	resp->status = 303;
	http_response_header(resp, "Location", arena_strdup(&req->arena, buf_str(&url)));
	http_response_header(resp, "Cache-Control", "no-store");
	buf_free(&url);
}

void
router_error(struct http_request *req, struct http_response *resp, int status, const char *vi,
	     const char *en)
{
	if (http_wants_json(req))
		api_problem(req, resp, status, vi, en);
	else
		web_error(req, resp, status, vi, en);
}

const char *
router_upload_limit(struct http_request *req, int lang)
{
	struct msg m;
	char text[256];
	msg_init(&m, MSG_ATTACH_BODY_LIMIT, NULL);
	msg_int(&m, ATTACH_MAX_MB);
	return arena_strdup(&req->arena, msg_format(&m, lang, text, sizeof(text)));
}

size_t
router_body_max(enum http_method method, const char *uri)
{
	char path[256];
	size_t n = strcspn(uri, "?");
	if (n >= sizeof(path))
		return HTTP_FORM_MAX;
	memcpy(path, uri, n);
	path[n] = '\0';
	const struct route_def *r = router_find(path);
	if (r == NULL || r->body_max == 0 || !(r->methods & M(method)))
		return HTTP_FORM_MAX;
	return r->body_max;
}

const struct route_def *
router_check(struct http_request *req, const char *uri, struct http_response *resp)
{
	enum http_query_rc qrc = http_request_parse_uri(req, uri);
	const char *lang = http_param(req, "lang");
	if (lang != NULL && strcmp(lang, "en") == 0)
		req->lang = LANG_EN;

	if (qrc == HTTP_QUERY_TOO_LONG) {
		router_error(req, resp, 414, "Địa chỉ quá dài.", "The address is too long.");
		return NULL;
	}
	const struct route_def *r = router_find(req->path);
	if (r == NULL) {
		router_error(req, resp, 404, "Không tìm thấy trang này.",
			     "This page does not exist.");
		return NULL;
	}
	unsigned accepted = r->methods & M(HTTP_GET) ? r->methods | M(HTTP_HEAD) : r->methods;
	if (!(accepted & M(req->method))) {
		router_error(req, resp, 405, "Phương thức không được phép với trang này.",
			     "This method is not allowed for this page.");
		http_response_header(resp, "Allow", router_allow(req, r->methods));
		return NULL;
	}
	if (qrc == HTTP_QUERY_BAD) {
		router_error(req, resp, 400, "Tham số truy vấn không hợp lệ.",
			     "Invalid query parameters.");
		return NULL;
	}
	if (lang != NULL && strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0) {
		router_error(req, resp, 400, "Tham số lang phải là vi hoặc en.",
			     "The lang parameter must be vi or en.");
		return NULL;
	}
	int has_body = req->method == HTTP_POST || req->method == HTTP_PUT ||
		       req->method == HTTP_DELETE || req->method == HTTP_PATCH;
	if (has_body && req->body_too_large) {
		if (r->body_max > HTTP_FORM_MAX) /* an upload: say what the limit is */
			router_error(req, resp, 413, router_upload_limit(req, LANG_VI),
				     router_upload_limit(req, LANG_EN));
		else
			router_error(req, resp, 413, "Dữ liệu gửi lên quá lớn.",
				     "The request body is too large.");
		return NULL;
	}
	if (has_body && http_request_parse_form(req) != HTTP_QUERY_OK) {
		if (r->body_max > HTTP_FORM_MAX)
			router_error(req, resp, 400, msg_template(MSG_ATTACH_BAD_FORM, LANG_VI),
				     msg_template(MSG_ATTACH_BAD_FORM, LANG_EN));
		else
			router_error(req, resp, 400, "Dữ liệu biểu mẫu không hợp lệ.",
				     "Invalid form data.");
		return NULL;
	}
	int arc = http_auth(req, (int64_t)time(NULL));
	if (arc < 0) {
		router_error(req, resp, 500, "Đã xảy ra lỗi nội bộ. Vui lòng thử lại sau.",
			     "An internal error occurred. Please try again later.");
		return NULL;
	}
	if (arc == 1 || (r->roles != 0 && req->who == NULL)) {
		if (arc == 0 && has_body && web_login_in_place(req, resp) == 1)
			return NULL; /* the typed form kept, sign-in shown in place */
		router_unauthorized(req, resp);
		return NULL;
	}
	if (r->roles != 0 && !(r->roles & ROLE_BIT(req->who->role))) {
		router_error(req, resp, 403, "Tài khoản của bạn không có quyền xem trang này.",
			     "Your account may not see this page.");
		return NULL;
	}
	if (has_body && !http_auth_csrf_ok(req)) {
		router_error(
		    req, resp, 403,
		    "Biểu mẫu đã hết hạn hoặc không hợp lệ (mã CSRF). Hãy tải lại trang và "
		    "thử lại.",
		    "The form has expired or is not valid (CSRF token). Reload the page and "
		    "try again.");
		return NULL;
	}
	return r;
}

/*
 * Whether a write of this request failed because the storage is full
 * (db_is_full on this thread's connection, cleared before each request).
 */
static int
router_storage_full(struct http_request *req)
{
	struct db *db = req->db_get();
	return db != NULL && db_is_full(db);
}

void
router_run(const struct route_def *r, struct http_request *req, struct http_response *resp)
{
	if (r->handler(req, resp) < 0) {
		log_err("http: handler for %s failed", req->path);
		http_response_reset(resp);
		if (router_storage_full(req))
			router_error(req, resp, 507,
				     "Bộ nhớ lưu trữ của máy chủ đã đầy nên chưa lưu được. Hãy "
				     "thử lại sau hoặc báo quản trị viên.",
				     "The server's storage is full, so nothing was saved. Try "
				     "again later or tell the administrator.");
		else
			router_error(req, resp, 500, "Đã xảy ra lỗi nội bộ. Vui lòng thử lại sau.",
				     "An internal error occurred. Please try again later.");
	}
}

void
router_dispatch(struct http_request *req, const char *uri, struct http_response *resp)
{
	const struct route_def *r = router_check(req, uri, resp);
	if (r != NULL)
		router_run(r, req, resp);
}
