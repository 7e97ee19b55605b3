/*
 * The route table: every page is one enum route value and one row of
 * routes[] with its path, the methods it accepts and its handler.  The
 * router rejects before dispatch: an oversized query (414), a malformed
 * query or language (400), an unknown path (404) and a method the route does
 * not take (405, with Allow) never reach a handler; nor do an oversized body
 * (413) or form (400), missing credentials (401: pages are redirected with
 * 303 to /login?next=PATH, JSON clients get problem+json; a document form
 * posted after its session expired is kept and the sign-in form shown in
 * place, web_login_in_place in web/drafts.c), a wrong role
 * (403) and a POST/PUT/DELETE without the right CSRF token (403).  The
 * signed-in user is found (req/auth.h) before the role check.  A GET route answers
 * HEAD too (libmicrohttpd leaves out the body).  A handler that fails
 * returns -1 and the client gets a generic 500 page; the detail is logged.
 */
#ifndef SXSH_HTTP_ROUTER_H
#define SXSH_HTTP_ROUTER_H

#include "model/accounts/principal.h"
#include "req/request.h"
#include "req/response.h"

enum route {
	ROUTE_DASHBOARD,	    /* GET / */
	ROUTE_FACILITIES,	    /* GET /facilities */
	ROUTE_HEALTHZ,		    /* GET /healthz */
	ROUTE_STATIC,		    /* GET /static/... */
	ROUTE_LOGIN,		    /* GET, POST /login */
	ROUTE_LOGOUT,		    /* POST /logout */
	ROUTE_ACCOUNT,		    /* GET /account */
	ROUTE_ACCOUNT_PASSWORD,	    /* POST /account/password */
	ROUTE_ACCOUNT_TOKENS,	    /* POST /account/tokens */
	ROUTE_ACCOUNT_TOKEN_REVOKE, /* POST /account/tokens/revoke */
	ROUTE_USERS,		    /* GET, POST /users (admin) */
	ROUTE_INDICATORS,	    /* GET /indicators?year=Y&by=B */
	ROUTE_BENCHMARK,	    /* GET /benchmark?product=P&year=Y */
	ROUTE_KEYUSERS,		    /* GET /keyusers?year=Y[&format=csv] (staff) */
	ROUTE_MY,		    /* GET /my (enterprise home) */
	ROUTE_MY_CLAIM,		    /* POST /my/claim */
	ROUTE_FACILITY_PAGE,	    /* GET /facilities/{id} */
	ROUTE_FACILITY_PROFILE,	    /* POST /facilities/{id}/profile */
	ROUTE_REPORT_FORM,	    /* GET, POST /facilities/{id}/report/{year} */
	ROUTE_REGISTRATION_FORM,    /* GET, POST /facilities/{id}/registration/{year} */
	ROUTE_REVIEW,		    /* GET /review (queue) */
	ROUTE_REPORT_VIEW,	    /* GET /reports/{id} */
	ROUTE_REPORT_ACTION,	    /* POST /reports/{id}/action */
	ROUTE_REGISTRATION_VIEW,    /* GET /registrations/{id} */
	ROUTE_REGISTRATION_ACTION,  /* POST /registrations/{id}/action */
	ROUTE_AUDIT,		    /* GET /audit (province, admin) */
	ROUTE_API_FACILITIES,	    /* GET /api/v1/facilities */
	ROUTE_API_FACILITY,	    /* GET /api/v1/facilities/{id} */
	ROUTE_API_REPORTS,	    /* GET, POST /api/v1/reports */
	ROUTE_API_REPORT,	    /* GET, PUT /api/v1/reports/{id}; POST .../{action} */
	ROUTE_API_REGISTRATIONS,    /* GET, POST /api/v1/registrations */
	ROUTE_API_REGISTRATION,	    /* GET, PUT /api/v1/registrations/{id}; POST .../{action} */
	ROUTE_API_INDICATORS,	    /* GET /api/v1/indicators */
	ROUTE_API_KEYUSERS,	    /* GET /api/v1/keyusers (staff) */
	ROUTE_API_REFDATA,	    /* GET /api/v1/refdata */
	ROUTE_API_REFDATA_ITEM,	    /* GET /api/v1/refdata/{carriers|factor} */
	ROUTE_API_SESSION,	    /* GET /api/v1/session (who, and the session's CSRF token) */
	ROUTE_CLAIMS,		    /* GET /claims?status=S (province) */
	ROUTE_CLAIM_DECIDE,	    /* POST /claims/{id} (confirm or reject) */
	ROUTE_FACILITY_ASSIGN,	    /* POST /facilities/{id}/assign (province) */
	/* -- form entry and drafts -- */

	ROUTE_DRAFT, /* POST /drafts/{form path} (autosave, discard) */

	/* -- enterprise home -- */
	ROUTE_MY_SEEN,	 /* POST /my/seen (enterprise: notices seen) */
	ROUTE_DEADLINES, /* GET, POST /deadlines (province: deadlines per plan year) */

	/* -- attachments -- */
	ROUTE_REPORT_ATTACH,	   /* POST /reports/{id}/attachments (multipart upload) */
	ROUTE_REGISTRATION_ATTACH, /* POST /registrations/{id}/attachments */
	ROUTE_ATTACHMENT,	   /* GET /attachments/{id} (download) */
	ROUTE_ATTACHMENT_DELETE,   /* POST /attachments/{id}/delete */

	/* -- reviewer's desk -- */

	/* -- admin -- */
	ROUTE_USER_EDIT, /* GET, POST /users/{id} (admin) */

	/* -- names and pickers -- */
	ROUTE_PICK_FACILITIES, /* GET /pick/facilities?q= (province, admin): JSON suggestions */
	ROUTE_PICK_USERS,      /* GET /pick/users?q= (province, admin): JSON suggestions */

	/* @route-enum */
	/* -- campaign -- */
	ROUTE_CAMPAIGNS,	 /* GET, POST /campaigns (staff; opening: province) */
	ROUTE_CAMPAIGN,		 /* GET /campaigns/{id}[?format=xlsx] (staff) */
	ROUTE_CAMPAIGN_WORKBOOK, /* GET /campaigns/{id}/workbook?unit=U|facility=CODE */
	ROUTE_CAMPAIGN_CLOSE,	 /* POST /campaigns/{id}/close (province) */

	/* -- wbimport -- */
	ROUTE_WORKBOOK_UPLOAD,	/* GET, POST /workbooks/upload: the form; the upload and preview */
	ROUTE_WORKBOOK_CONFIRM, /* POST /workbooks/confirm: import what was previewed */

	/* -- mapping -- */
	ROUTE_IMPORTS_NEW,     /* GET, POST /imports/new (staff): the upload */
	ROUTE_IMPORTS_MAP,     /* GET, POST /imports/map (staff): the mapping */
	ROUTE_IMPORTS_PROFILE, /* GET, POST /imports/profile (staff): JSON out, in */

	/* -- mail -- */
	ROUTE_PASSWORD_FORGOT, /* GET, POST /password/forgot (public) */
	ROUTE_PASSWORD_RESET,  /* GET, POST /password/reset?token=T (public) */
	ROUTE_ACCOUNT_NOTICES, /* POST /account/notices (e-mail notices on or off) */

	/* -- exports -- */

	/* -- assessments -- */
	ROUTE_ASSESSMENTS,	      /* GET /assessments (every role, in scope) */
	ROUTE_ASSESSMENT_NEW,	      /* GET, POST /assessments/new (province) */
	ROUTE_ASSESSMENT,	      /* GET, POST /assessments/{id} (POST: the details) */
	ROUTE_ASSESSMENT_ACTION,      /* POST /assessments/{id}/action */
	ROUTE_ASSESSMENT_TEAM,	      /* POST /assessments/{id}/team */
	ROUTE_ASSESSMENT_TASK,	      /* POST /assessments/{id}/tasks/{n} */
	ROUTE_ASSESSMENT_FILES,	      /* POST /assessments/{id}/files (multipart upload) */
	ROUTE_ASSESSMENT_FILE,	      /* GET /assessments/{id}/files/{id} (download) */
	ROUTE_ASSESSMENT_FILE_DELETE, /* POST /assessments/{id}/files/{id}/delete */
	ROUTE_API_ASSESSMENTS,	      /* GET, POST /api/v1/assessments */
	ROUTE_API_ASSESSMENT,	      /* GET, PUT /api/v1/assessments/{id}; POST .../{move} */

	/* -- assessment process -- */
	ROUTE_ASSESS_PROCESS, /* GET, POST /assessments/{id}/process: steps, balances, waste */

	/* -- assessment options -- */
	ROUTE_ASSESS_OPTIONS,	   /* GET, POST /assessments/{id}/options */
	ROUTE_ASSESS_OPTIONS_XLSX, /* GET /assessments/{id}/options.xlsx */
	ROUTE_OPTION,		   /* GET, POST /options/{id} (op=update|delete|status) */
	ROUTE_API_ASSESS_OPTIONS,  /* GET, POST /api/v1/assessments/{id}/options */
	ROUTE_API_OPTION,	   /* GET, PATCH, DELETE /api/v1/options/{id} */

	/* -- options across assessments -- */
	ROUTE_OPTIONS,	    /* GET /options (signed in): CP options across assessments */
	ROUTE_OPTIONS_XLSX, /* GET /options.xlsx: the same as a workbook */

	/* -- assessment savings and case studies -- */
	ROUTE_ASSESSMENT_RESULTS,
	ROUTE_ASSESSMENT_PUBLISH,
	ROUTE_CASE_STUDIES,
	ROUTE_CASE_STUDY,

	/* -- assessment report -- */
	ROUTE_ASSESS_REPORT, /* GET /assessments/{id}/report: the printable report */

	ROUTE__MAX
};

/* Fills resp for a well-formed request; returns 0, or -1 on an internal error. */
typedef int (*http_handler)(struct http_request *req, struct http_response *resp);

struct route_def {
	const char *path; /* exact path ("{id}" matches a run of digits), or a prefix */
	int prefix;
	unsigned methods; /* bit (1u << enum http_method) per accepted method */
	http_handler handler;
	/*
	 * Roles allowed (ROLE_BIT(enum role), model/accounts/principal.h); 0 = public.
	 * Without a signed-in user such a route answers 401 (pages redirect to
	 * the login page); with a user of another role, 403.
	 */
	unsigned roles;
	/*
	 * Methods (bits as in methods) whose handler hashes a password with
	 * Argon2id (about 0.3 s of CPU and 64 MiB): the server runs that
	 * handler on its hashing threads, never on an HTTP worker, once the
	 * checks above have passed (http/server.h).
	 */
	unsigned pwhash;
	/*
	 * Bytes a request body may have on this route; 0: HTTP_FORM_MAX.  Only
	 * the file uploads raise it; the server sizes its buffer from it
	 * (router_body_max) before the body arrives.
	 */
	size_t body_max;
	/*
	 * Methods (bits as in methods) whose handler is slow for reasons other
	 * than a password (storing an uploaded file of megabytes): run on the
	 * server's upload threads, never on an HTTP worker.
	 */
	unsigned offload;
};

extern const struct route_def routes[ROUTE__MAX];

/* Returns the enum http_method for a method name ("GET"), HTTP_OTHER if unknown. */
enum http_method http_method_parse(const char *name);

/*
 * Routes one request: parses uri (path and query) into req, applies the
 * checks above and runs the handler, leaving the answer in resp.  req must
 * have been initialised with method and app set.
 */
void router_dispatch(struct http_request *req, const char *uri, struct http_response *resp);

/*
 * The bytes a body sent with method to uri may have: the route's body_max
 * when it takes that method and sets one, else HTTP_FORM_MAX.  The server
 * asks before reading the body; the router's 413 then names the limit.
 */
size_t router_body_max(enum http_method method, const char *uri);
/* The 413 message of an upload, naming the limit, in lang (arena string). */
const char *router_upload_limit(struct http_request *req, int lang);

/*
 * router_dispatch in two steps, for a server that runs some handlers on
 * another thread: router_check applies every check and returns the route
 * whose handler is to run, or NULL when resp already holds the answer (an
 * error, a redirect to sign in); router_run runs r's handler on req (a
 * failure becomes the generic 500 page).  req and resp may pass from one
 * thread to another between the two, one thread at a time.
 */
const struct route_def *router_check(struct http_request *req, const char *uri,
				     struct http_response *resp);
void router_run(const struct route_def *r, struct http_request *req, struct http_response *resp);

/*
 * An error answer in resp: problem+json for JSON clients (the API), else
 * the error page, with the message in the request's language.
 */
void router_error(struct http_request *req, struct http_response *resp, int status, const char *vi,
		  const char *en);

#endif
