/*
 * The authorisation matrix: every row of the route table (iterated from
 * routes[] itself, so a new route without an expectation here fails) x
 * every role (public, admin, province, district, enterprise, expert),
 * asserting the exact status code.  Each signed-in request gets a fresh
 * session made through model/accounts/session.c on a second connection, so routes
 * that end sessions (POST /logout) do not disturb the others; POSTs carry
 * that session's CSRF token and an otherwise empty form.
 *
 * Adding a route: add its row to `expect` (one or more cases).  A route
 * that shows one facility's data must have a case for the enterprise
 * user's own facility (OWN_FACILITY, 200) and one for another facility
 * (FOREIGN_FACILITY): 404 for enterprise, whatever the path.
 *
 * Why each status: 303 is a page asking the public to sign in; 403 a role
 * the route does not list; for signed-in users, /login sends them on (303);
 * POSTs with only a CSRF token are missing their fields (400), and a token
 * revocation without an id finds nothing to revoke (404).
 *
 * A list whose rows depend on the caller's scope also names a text that its
 * answer holds for exactly the roles in `shown` (SEES_...): the key-user
 * list of 2021, where OWN (Rạch Giá, the district user's unit) and FOREIGN
 * (Phú Quốc) each burn 7,000,000 kWh x 0.0001543 = 1,080.1 TOE, so both
 * are key users but the district user sees OWN only.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "db/db.h"
#include "http/router.h"
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"

enum { PUB, ADM, PRO, DIS, ENT, EXP, NWHO };

static const char *const who_names[NWHO] = {"public",	"admin",      "province",
					    "district", "enterprise", "expert"};

struct authz_case {
	const char *method; /* "GET" or "POST" */
	const char *target; /* path and query */
	int status[NWHO];
	const char *text; /* NULL, or a text in the answer for exactly the roles of shown */
	unsigned shown;	  /* bit 1u << who per role */
};

/* The roles that see a row of a scoped list. */
#define SEES_PROVINCE ((1u << ADM) | (1u << PRO))
#define SEES_DISTRICT (SEES_PROVINCE | (1u << DIS))

#define ALL(s)                                                                                     \
	{                                                                                          \
		s, s, s, s, s, s                                                                   \
	}
#define MAX_CASES 4

static const struct {
	struct authz_case c[MAX_CASES];
} expect[ROUTE__MAX] = {
    [ROUTE_DASHBOARD] = {{{"GET", "/", ALL(200)}}},
    [ROUTE_FACILITIES] = {{{"GET", "/facilities", ALL(200)}}},
    [ROUTE_HEALTHZ] = {{{"GET", "/healthz", ALL(200)}}},
    [ROUTE_STATIC] = {{{"GET", "/static/sxsh.css", ALL(200)}}},
    [ROUTE_LOGIN] = {{{"GET", "/login", {200, 303, 303, 303, 303, 303}},
		      /* public: no pre-session token, 403; users: no email, 400 */
		      {"POST", "/login", {403, 400, 400, 400, 400, 400}}}},
    [ROUTE_LOGOUT] = {{{"POST", "/logout", ALL(303)}}},
    [ROUTE_ACCOUNT] = {{{"GET", "/account", {303, 200, 200, 200, 200, 200}}}},
    [ROUTE_ACCOUNT_PASSWORD] = {{{"POST", "/account/password", {303, 400, 400, 400, 400, 400}}}},
    [ROUTE_ACCOUNT_TOKENS] = {{{"POST", "/account/tokens", {303, 400, 400, 400, 400, 400}}}},
    [ROUTE_ACCOUNT_TOKEN_REVOKE] =
	{{{"POST", "/account/tokens/revoke", {303, 404, 404, 404, 404, 404}}}},
    [ROUTE_USERS] = {{{"GET", "/users", {303, 200, 403, 403, 403, 403}},
		      {"POST", "/users", {303, 400, 403, 403, 403, 403}}}},
    [ROUTE_INDICATORS] = {{{"GET", "/indicators", ALL(200)}}},
    [ROUTE_BENCHMARK] = {{{"GET", "/benchmark", ALL(200)}}},
    [ROUTE_KEYUSERS] = {{{"GET",
			  "/keyusers?year=2021",
			  {303, 200, 200, 200, 403, 403},
			  "<td>OWN</td>",
			  SEES_DISTRICT},
			 {"GET",
			  "/keyusers?year=2021",
			  {303, 200, 200, 200, 403, 403},
			  "<td>FOREIGN</td>",
			  SEES_PROVINCE},
			 {"GET",
			  "/keyusers?year=2021&format=csv",
			  {303, 200, 200, 200, 403, 403},
			  "2021,OWN,",
			  SEES_DISTRICT},
			 {"GET",
			  "/keyusers?year=2021&format=csv",
			  {303, 200, 200, 200, 403, 403},
			  "2021,FOREIGN,",
			  SEES_PROVINCE}}},
    /* The workflow pages: facility 7001 is OWN (district rach-gia), 7002 FOREIGN. */
    [ROUTE_MY] = {{{"GET", "/my", {303, 403, 403, 403, 200, 403}}}},
    /* no key: 400 beside the field */
    [ROUTE_MY_CLAIM] = {{{"POST", "/my/claim", {303, 403, 403, 403, 400, 403}}}},
    [ROUTE_FACILITY_PAGE] = {{{"GET", "/facilities/7001", {303, 200, 200, 200, 200, 403}},
			      {"GET", "/facilities/7002", {303, 200, 200, 404, 404, 403}}}},
    /* no version: a stale form, 409 */
    [ROUTE_FACILITY_PROFILE] =
	{{{"POST", "/facilities/7001/profile", {303, 409, 409, 403, 409, 403}},
	  {"POST", "/facilities/7002/profile", {303, 409, 409, 403, 404, 403}}}},
    /* a POST without op re-renders the form */
    [ROUTE_REPORT_FORM] =
	{{{"GET", "/facilities/7001/report/2024", {303, 200, 200, 403, 200, 403}},
	  {"GET", "/facilities/7002/report/2024", {303, 200, 200, 403, 404, 403}},
	  {"POST", "/facilities/7001/report/2024", {303, 200, 200, 403, 200, 403}}}},
    /* a POST without apply_cp is invalid: 400 */
    [ROUTE_REGISTRATION_FORM] =
	{{{"GET", "/facilities/7001/registration/2025", {303, 200, 200, 403, 200, 403}},
	  {"GET", "/facilities/7002/registration/2025", {303, 200, 200, 403, 404, 403}},
	  {"POST", "/facilities/7001/registration/2025", {303, 400, 400, 403, 400, 403}}}},
    [ROUTE_REVIEW] = {{{"GET", "/review", {303, 200, 200, 200, 403, 403}}}},
    [ROUTE_REPORT_VIEW] = {{{"GET", "/reports/8001", {303, 200, 200, 200, 200, 403}},
			    {"GET", "/reports/8002", {303, 200, 200, 404, 404, 403}}}},
    /* no action or version: 400 */
    [ROUTE_REPORT_ACTION] = {{{"POST", "/reports/8001/action", {303, 400, 400, 400, 400, 403}}}},
    [ROUTE_REGISTRATION_VIEW] = {{{"GET", "/registrations/8001", {303, 200, 200, 200, 200, 403}},
				  {"GET", "/registrations/8002", {303, 200, 200, 404, 404, 403}}}},
    [ROUTE_REGISTRATION_ACTION] =
	{{{"POST", "/registrations/8001/action", {303, 400, 400, 400, 400, 403}}}},
    [ROUTE_AUDIT] = {{{"GET", "/audit", {303, 200, 200, 403, 403, 403}}}},
    /* a form's draft: kept (200) where the form may be edited, 404 out of scope */
    [ROUTE_DRAFT] =
	{{{"POST", "/drafts/facilities/7001/report/2024", {303, 200, 200, 403, 200, 403}},
	  {"POST", "/drafts/facilities/7002/report/2024", {303, 200, 200, 403, 404, 403}}}},
    /* Account 1 exists; a POST without op is refused (400). */
    [ROUTE_USER_EDIT] = {{{"GET", "/users/1", {303, 200, 403, 403, 403, 403}},
			  {"POST", "/users/1", {303, 400, 403, 403, 403, 403}}}},
    [ROUTE_PICK_FACILITIES] = {{{"GET", "/pick/facilities?q=a", {303, 200, 200, 403, 403, 403}}}},
    [ROUTE_PICK_USERS] = {{{"GET", "/pick/users?q=a", {303, 200, 200, 403, 403, 403}}}},
    /* Claims are decided by province staff only; without op and version: 400. */
    [ROUTE_CLAIMS] = {{{"GET", "/claims", {303, 200, 200, 403, 403, 403}},
		       {"GET", "/claims?status=all", {303, 200, 200, 403, 403, 403}}}},
    [ROUTE_CLAIM_DECIDE] = {{{"POST", "/claims/1", {303, 400, 400, 403, 403, 403}}}},
    /* no email: 400 beside the field */
    [ROUTE_FACILITY_ASSIGN] =
	{{{"POST", "/facilities/7001/assign", {303, 400, 400, 403, 403, 403}},
	  {"POST", "/facilities/7002/assign", {303, 400, 400, 403, 403, 403}}}},
    /* The enterprise's home (test_home.c): no upto, 400; no year, 400 beside the field. */
    [ROUTE_MY_SEEN] = {{{"POST", "/my/seen", {303, 403, 403, 403, 400, 403}}}},
    [ROUTE_DEADLINES] = {{{"GET", "/deadlines", {303, 200, 200, 403, 403, 403}},
			  {"POST", "/deadlines", {303, 400, 400, 403, 403, 403}}}},
    /* Campaigns (test_campaigns.c): none exists here; opening is province staff's (400 empty). */
    [ROUTE_CAMPAIGNS] = {{{"GET", "/campaigns", {303, 200, 200, 200, 403, 403}},
			  {"POST", "/campaigns", {303, 400, 400, 403, 403, 403}}}},
    [ROUTE_CAMPAIGN] = {{{"GET", "/campaigns/1", {303, 404, 404, 404, 403, 403}}}},
    [ROUTE_CAMPAIGN_WORKBOOK] =
	{{{"GET", "/campaigns/1/workbook?unit=x", {303, 404, 404, 404, 404, 403}}}},
    /* closing is province staff's; campaign 1 does not exist here */
    [ROUTE_CAMPAIGN_CLOSE] = {{{"POST", "/campaigns/1/close", {303, 404, 404, 403, 403, 403}}}},
    /* -- mapping -- staff; no file: 400; no upload token or target: 400; no profile: 404 */
    [ROUTE_IMPORTS_NEW] = {{{"GET", "/imports/new", {303, 200, 200, 200, 403, 403}},
			    {"POST", "/imports/new", {303, 400, 400, 400, 403, 403}}}},
    [ROUTE_IMPORTS_MAP] = {{{"GET", "/imports/map", {303, 400, 400, 400, 403, 403}}}},
    [ROUTE_IMPORTS_PROFILE] = {{{"GET", "/imports/profile", {303, 404, 404, 404, 403, 403}},
				{"POST", "/imports/profile", {303, 400, 400, 400, 403, 403}}}},
    /*
     * The API: no credentials are 401 problem+json; facility 7001, report
     * 8001 and registration 8001 are the enterprise's own (OWN), 7002 and
     * 8002 FOREIGN's (outside the district too); experts see no facility
     * data.  POSTs with a form instead of JSON reach the handler: 415.
     */
    [ROUTE_API_FACILITIES] = {{{"GET", "/api/v1/facilities", ALL(200)}}},
    [ROUTE_API_FACILITY] = {{{"GET", "/api/v1/facilities/7001", {401, 200, 200, 200, 200, 404}},
			     {"GET", "/api/v1/facilities/7002", {401, 200, 200, 404, 404, 404}}}},
    [ROUTE_API_REPORTS] = {{{"GET", "/api/v1/reports", {401, 200, 200, 200, 200, 200}},
			    {"POST", "/api/v1/reports", {401, 415, 415, 415, 415, 415}}}},
    [ROUTE_API_REPORT] =
	{{{"GET", "/api/v1/reports/8001", {401, 200, 200, 200, 200, 404}},
	  {"GET", "/api/v1/reports/8002", {401, 200, 200, 404, 404, 404}},
	  {"POST", "/api/v1/reports/8002/submit", {401, 415, 415, 415, 415, 415}}}},
    [ROUTE_API_REGISTRATIONS] =
	{{{"GET", "/api/v1/registrations", {401, 200, 200, 200, 200, 200}},
	  {"POST", "/api/v1/registrations", {401, 415, 415, 415, 415, 415}}}},
    [ROUTE_API_REGISTRATION] =
	{{{"GET", "/api/v1/registrations/8001", {401, 200, 200, 200, 200, 404}},
	  {"GET", "/api/v1/registrations/8002", {401, 200, 200, 404, 404, 404}},
	  {"POST", "/api/v1/registrations/8002/submit", {401, 415, 415, 415, 415, 415}}}},
    [ROUTE_API_INDICATORS] = {{{"GET", "/api/v1/indicators", ALL(200)}}},
    [ROUTE_API_KEYUSERS] = {{{"GET",
			      "/api/v1/keyusers?year=2021",
			      {401, 200, 200, 200, 403, 403},
			      "\"code\":\"OWN\"",
			      SEES_DISTRICT},
			     {"GET",
			      "/api/v1/keyusers?year=2021",
			      {401, 200, 200, 200, 403, 403},
			      "\"code\":\"FOREIGN\"",
			      SEES_PROVINCE}}},
    [ROUTE_API_REFDATA] = {{{"GET", "/api/v1/refdata", ALL(200)}}},
    [ROUTE_API_REFDATA_ITEM] = {{{"GET", "/api/v1/refdata/carriers", ALL(200)}}},
    [ROUTE_API_SESSION] = {{{"GET", "/api/v1/session", {401, 200, 200, 200, 200, 200}}}},
    /*
     * Attachments: an upload without a file is 400 for those who may edit
     * (the check of the file comes first, the same for every id); district
     * officers and experts may not upload or delete (403); no attachment
     * exists, so a download or deletion in scope is 404.
     */
    [ROUTE_REPORT_ATTACH] =
	{{{"POST", "/reports/8001/attachments", {303, 400, 400, 403, 400, 403}},
	  {"POST", "/reports/8002/attachments", {303, 400, 400, 403, 400, 403}}}},
    [ROUTE_REGISTRATION_ATTACH] =
	{{{"POST", "/registrations/8001/attachments", {303, 400, 400, 403, 400, 403}}}},
    [ROUTE_ATTACHMENT] = {{{"GET", "/attachments/1", {303, 404, 404, 404, 404, 403}}}},
    [ROUTE_ATTACHMENT_DELETE] =
	{{{"POST", "/attachments/1/delete", {303, 404, 404, 403, 404, 403}}}},
    /*
     * -- mail -- Password reset (public; test_mail.c): without the pre-session
     * token a POST is 403; signed in, no email is 400 and no token 410.
     * Notices: anyone signed in turns them off (303 back to /account).
     */
    [ROUTE_PASSWORD_FORGOT] = {{{"GET", "/password/forgot", ALL(200)},
				{"POST", "/password/forgot", {403, 400, 400, 400, 400, 400}}}},
    [ROUTE_PASSWORD_RESET] = {{{"GET", "/password/reset", ALL(410)},
			       {"POST", "/password/reset", {403, 410, 410, 410, 410, 410}}}},
    [ROUTE_ACCOUNT_NOTICES] = {{{"POST", "/account/notices", ALL(303)}}},
    /*
     * Workbook upload (test_wbupload.c): a post without a file is 400 for
     * every role that may upload; a confirm without a live upload of the
     * user's is 404; experts may do neither.
     */
    [ROUTE_WORKBOOK_UPLOAD] = {{{"GET", "/workbooks/upload", {303, 200, 200, 200, 200, 403}},
				{"POST", "/workbooks/upload", {303, 400, 400, 400, 400, 403}}}},
    [ROUTE_WORKBOOK_CONFIRM] = {{{"POST", "/workbooks/confirm", {303, 404, 404, 404, 404, 403}}}},
    /* -- assessments -- */
    /*
     * Assessment 9001 is OWN's, in progress, its team naming the expert;
     * 9002 FOREIGN's, naming nobody (see setup).  Outside the scope is 404
     * for every route; district officers read only (403 on changes, which
     * assess_open tells before the form); a POST with only the token is a
     * stale form (409) or a form missing its fields (400).
     */
    [ROUTE_ASSESSMENTS] =
	{{{"GET", "/assessments", {303, 200, 200, 200, 200, 200}, "Cơ sở khác", SEES_PROVINCE},
	  {"GET",
	   "/assessments",
	   {303, 200, 200, 200, 200, 200},
	   "Cơ sở của doanh nghiệp",
	   SEES_DISTRICT | (1u << ENT) | (1u << EXP)}}},
    [ROUTE_ASSESSMENT_NEW] = {{{"GET", "/assessments/new", {303, 200, 200, 403, 403, 403}},
			       {"POST", "/assessments/new", {303, 400, 400, 403, 403, 403}}}},
    [ROUTE_ASSESSMENT] = {{{"GET", "/assessments/9001", {303, 200, 200, 200, 200, 200}},
			   {"GET", "/assessments/9002", {303, 200, 200, 404, 404, 404}},
			   {"POST", "/assessments/9001", {303, 409, 409, 403, 403, 409}},
			   {"POST", "/assessments/9002", {303, 409, 409, 404, 404, 404}}}},
    [ROUTE_ASSESSMENT_ACTION] =
	{{{"POST", "/assessments/9001/action", {303, 400, 400, 400, 400, 400}}}},
    [ROUTE_ASSESSMENT_TEAM] =
	{{{"POST", "/assessments/9001/team", {303, 400, 400, 403, 400, 400}},
	  {"POST", "/assessments/9002/team", {303, 400, 400, 404, 404, 404}}}},
    [ROUTE_ASSESSMENT_TASK] =
	{{{"POST", "/assessments/9001/tasks/1", {303, 409, 409, 403, 409, 409}},
	  {"POST", "/assessments/9002/tasks/1", {303, 409, 409, 404, 404, 404}},
	  {"POST", "/assessments/9001/tasks/19", {303, 404, 404, 404, 404, 404}}}},
    [ROUTE_ASSESSMENT_FILES] =
	{{{"POST", "/assessments/9001/files", {303, 400, 400, 400, 400, 400}}}},
    [ROUTE_ASSESSMENT_FILE] =
	{{{"GET", "/assessments/9001/files/1", {303, 404, 404, 404, 404, 404}}}},
    [ROUTE_ASSESSMENT_FILE_DELETE] =
	{{{"POST", "/assessments/9001/files/1/delete", {303, 404, 404, 404, 404, 404}}}},
    [ROUTE_API_ASSESSMENTS] = {{{"GET",
				 "/api/v1/assessments",
				 {401, 200, 200, 200, 200, 200},
				 "\"facility_code\":\"FOREIGN\"",
				 SEES_PROVINCE},
				{"GET",
				 "/api/v1/assessments",
				 {401, 200, 200, 200, 200, 200},
				 "\"facility_code\":\"OWN\"",
				 SEES_DISTRICT | (1u << ENT) | (1u << EXP)}}},
    [ROUTE_API_ASSESSMENT] =
	{{{"GET", "/api/v1/assessments/9001", {401, 200, 200, 200, 200, 200}},
	  {"GET", "/api/v1/assessments/9002", {401, 200, 200, 404, 404, 404}}}},

    /* -- assessment process -- */
    /*
     * No assessment 9999: every signed-in role is told "not found" (the
     * scoped check comes first; test_process_page.c covers one that
     * exists); a POST without its op is refused (400) before any lookup.
     */
    [ROUTE_ASSESS_PROCESS] =
	{{{"GET", "/assessments/9999/process", {303, 404, 404, 404, 404, 404}},
	  {"POST", "/assessments/9999/process", {303, 400, 400, 400, 400, 400}}}},

    /* -- assessment options -- */
    /*
     * No assessment or option exists here: every signed-in role gets 404
     * (the model answers "not found" before any role check, so ids cannot
     * be probed); a page POST without op is 400; API writes with a form are
     * 415, a DELETE without the CSRF header 403.
     */
    [ROUTE_ASSESS_OPTIONS] = {{{"GET", "/assessments/1/options", {303, 404, 404, 404, 404, 404}},
			       {"POST", "/assessments/1/options", {303, 404, 404, 404, 404, 404}}}},
    [ROUTE_ASSESS_OPTIONS_XLSX] =
	{{{"GET", "/assessments/1/options.xlsx", {303, 404, 404, 404, 404, 404}}}},
    [ROUTE_OPTION] = {{{"GET", "/options/1", {303, 404, 404, 404, 404, 404}},
		       {"POST", "/options/1", {303, 400, 400, 400, 400, 400}}}},
    [ROUTE_API_ASSESS_OPTIONS] =
	{{{"GET", "/api/v1/assessments/1/options", {401, 404, 404, 404, 404, 404}},
	  {"POST", "/api/v1/assessments/1/options", {401, 415, 415, 415, 415, 415}}}},
    [ROUTE_API_OPTION] = {{{"GET", "/api/v1/options/1", {401, 404, 404, 404, 404, 404}},
			   {"DELETE", "/api/v1/options/1", {401, 403, 403, 403, 403, 403}}}},

    /* -- options across assessments -- */
    [ROUTE_OPTIONS] = {{{"GET", "/options", {303, 200, 200, 200, 200, 200}}}},
    [ROUTE_OPTIONS_XLSX] = {{{"GET", "/options.xlsx", {303, 200, 200, 200, 200, 200}}}},

    /* -- assessment savings and case studies -- */
    /*
     * Results and case studies (test_case_study.c): the fixture has no
     * assessment, so a results page in any scope is 404; a publish without
     * op is 400 for province staff before anything is read; the public list
     * answers everyone and an unpublished case study is 404 for everyone.
     */
    [ROUTE_ASSESSMENT_RESULTS] =
	{{{"GET", "/assessments/1/results", {303, 404, 404, 404, 404, 404}}}},
    [ROUTE_ASSESSMENT_PUBLISH] =
	{{{"POST", "/assessments/1/publish", {303, 400, 400, 403, 403, 403}}}},
    [ROUTE_CASE_STUDIES] = {{{"GET", "/case-studies", ALL(200)}}},
    [ROUTE_CASE_STUDY] = {{{"GET", "/case-studies/1", ALL(404)}}},

    /* -- assessment report: no such assessment for anyone -- */
    [ROUTE_ASSESS_REPORT] = {{{"GET", "/assessments/9999/report", {303, 404, 404, 404, 404, 404}}}},
};

static struct hc_server server;
static struct db *db;
static struct user users[NWHO]; /* users[PUB] unused */

static int
setup(void **state)
{
	/* Explicit ids: db_last_id after db_exec is not portable to PostgreSQL. */
	db = fx_db_new("authz.db",
		       "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
		       "ownership, size) VALUES "
		       "(7001, 'OWN', 'Cơ sở của doanh nghiệp', 'co so cua doanh nghiep', '1061', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
		       "(7002, 'FOREIGN', 'Cơ sở khác', 'co so khac', '1061', "
		       "(SELECT id FROM admin_unit WHERE code = 'phu-quoc'), 'private', 'small')");
	/* The API cases' report and registration of each facility. */
	if (db_exec(
		db,
		"INSERT INTO report(id, facility_id, year) VALUES (8001, 7001, 2023), "
		"(8002, 7002, 2023); INSERT INTO registration(id, facility_id, year, apply_cp) "
		"VALUES (8001, 7001, 2023, 1), (8002, 7002, 2023, 1);"
		/* The key users of 2021: 1,080.1 TOE each (see above). */
		"INSERT INTO report(id, facility_id, year, status) VALUES "
		"(8003, 7001, 2021, 'accepted'), (8004, 7002, 2021, 'accepted');"
		"INSERT INTO report_energy(report_id, carrier_code, quantity, unit) VALUES "
		"(8003, 'electricity', 7000000, 'kWh'), (8004, 'electricity', 7000000, 'kWh')") !=
	    DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	static const struct user_new u[NWHO] = {
	    [ADM] = {.email = "admin@x.vn", .role = ROLE_ADMIN},
	    [PRO] = {.email = "province@x.vn", .role = ROLE_PROVINCE},
	    [DIS] = {.email = "district@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [ENT] = {.email = "enterprise@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7001},
	    [EXP] = {.email = "expert@x.vn", .role = ROLE_EXPERT},
	};
	hs_accounts(db, u + ADM, NWHO - ADM, users + ADM, NULL);
	/* -- assessments -- 9001 (OWN, in progress, the expert in its team), 9002 (FOREIGN) */
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO assessment(id, facility_id, year, started_on, status) VALUES "
		 "(9001, 7001, 2026, '2026-03-15', 'in_progress'), "
		 "(9002, 7002, 2026, '2026-03-16', 'draft'); "
		 "INSERT INTO assessment_member(assessment_id, user_id, name, team_role) VALUES "
		 "(9001, %lld, 'Chuyên gia', 'expert')",
		 (long long)users[EXP].id);
	if (db_exec(db, sql) != DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, "authz.db");
	return 0;
}

/* Runs one case for one role; returns the status, and whether c->text is in the body. */
static int
authz_run(const struct authz_case *c, int who, int *has_text)
{
	char extra[512] = "", body[128] = "";
	if (who != PUB) {
		struct hs_session s;
		hs_session_new(db, &users[who], &s);
		snprintf(extra, sizeof(extra), "%s", s.cookie);
		snprintf(body, sizeof(body), "csrf=%s", s.csrf);
	}
	int post = strcmp(c->method, "POST") == 0;
	if (post)
		strcat(extra, HS_FORM);
	struct hc_response r;
	if (hc_request(server.port, c->method, c->target, extra, post ? body : NULL, &r) < 0)
		fail_msg("%s %s as %s: no answer", c->method, c->target, who_names[who]);
	int status = r.status;
	*has_text = c->text != NULL && r.body != NULL && strstr(r.body, c->text) != NULL;
	hc_response_free(&r);
	return status;
}

static void
test_matrix(void **state)
{
	(void)state;
	int failures = 0, checked = 0;
	for (int i = 0; i < ROUTE__MAX; i++) {
		if (expect[i].c[0].method == NULL) {
			print_error("route %d (%s) has no expectation in tests/http/test_authz.c\n",
				    i, routes[i].path);
			failures++;
			continue;
		}
		for (int k = 0; k < MAX_CASES && expect[i].c[k].method != NULL; k++) {
			const struct authz_case *c = &expect[i].c[k];
			for (int w = 0; w < NWHO; w++) {
				int has_text;
				int got = authz_run(c, w, &has_text);
				checked++;
				if (got != c->status[w]) {
					print_error("%s %s as %s: %d, expected %d\n", c->method,
						    c->target, who_names[w], got, c->status[w]);
					failures++;
				}
				if (c->text != NULL && has_text != (int)((c->shown >> w) & 1u)) {
					print_error("%s %s as %s: %s %s\n", c->method, c->target,
						    who_names[w], c->text,
						    has_text ? "shown, outside the scope"
							     : "missing");
					failures++;
				}
			}
		}
	}
	/* 14 routes when this was written; at least one case of 6 roles each. */
	assert_true(checked >= ROUTE__MAX * NWHO);
	assert_int_equal(failures, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_matrix),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
