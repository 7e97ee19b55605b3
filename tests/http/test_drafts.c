/*
 * HTTP tests of "nothing typed is lost" (src/web/drafts.c, the hooks in
 * report_form.c, registration_form.c and auth.c, model/doc/formdraft.c)
 * against a real `sxsh serve`:
 *  - autosave: POST /drafts/PATH keeps the raw body (even text no validator
 *    accepts), only for its user, restored on the next GET of the form with
 *    its notice and a discard button; a failed save keeps the body, a
 *    successful one clears it; drafts older than the document's last change
 *    or than 30 days are not offered;
 *  - an expired session: the form's POST is stashed and the sign-in form is
 *    shown in place (401); the next sign-in in that browser gets the values
 *    back as its draft; a stash is used once and expires; a POST without
 *    the session cookie (what another site can make a browser send) is not
 *    stashed;
 *  - two tabs: the second save is 409 with the version saved meanwhile (who,
 *    when, its values) above the form that keeps what was typed.
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
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"
#include "wffix.h"

enum { ENT, PRO, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];

#define DBN   "drafts.db"
#define FAC   "/facilities/7201"
#define FORM  FAC "/report/2025"
#define DRAFT "/drafts" FORM

static int
setup(void **state)
{
	db = fx_db_new(DBN,
		       "INSERT INTO facility(id, code, name, name_key, sector_code, "
		       "admin_unit_id, ownership, size) VALUES "
		       "(7201, 'D1', 'Cơ sở nước đá', 'co so nuoc da', '1020', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small'), "
		       "(7202, 'D2', 'Cơ sở khác', 'co so khac', '1020', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small')");
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ent@d.vn", .role = ROLE_ENTERPRISE, .facility_id = 7201},
	    [PRO] = {.email = "pro@d.vn", .role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db;
	hs_server_start(&server, DBN);
	return 0;
}

static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

static long long
q_int(const char *sql)
{
	return wfx_int(DBN, sql);
}

static void
exec(const char *sql)
{
	assert_int_equal(db_exec(db, sql), DB_OK);
}

/* exec with a Unix time put in for each %lld (at most two; SQL written once for both backends). */
static void
exec_at(const char *sql_fmt, long long t)
{
	char sql[512];
	snprintf(sql, sizeof(sql), sql_fmt, t, t);
	exec(sql);
}

/* The time of the newest audit row of the reports ("YYYY-MM-DD HH:MM:SS", UTC). */
static long long
last_report_change(void)
{
	char *at = wfx_text(DBN, "SELECT max(at) FROM audit WHERE entity = 'report'");
	struct tm tm = {0};
	assert_non_null(strptime(at, "%Y-%m-%d %H:%M:%S", &tm));
	free(at);
	return (long long)timegm(&tm);
}

/* The typed form: one output line, one energy line whose quantity is not a number. */
#define TYPED                                                                                      \
	"cp_aware=1&cp_staff=0&cp_unit=0&cp_applied=1&n_output=1&output%5B0%5D.product=ice&"       \
	"output%5B0%5D.quantity=12.500&output%5B0%5D.unit=t&n_energy=1&"                           \
	"energy%5B0%5D.carrier=electricity&energy%5B0%5D.quantity=3.5OO&energy%5B0%5D.unit=kWh"

/* The same with a valid quantity: 3.596 kWh read the Vietnamese way is 3596. */
#define VALID(q)                                                                                   \
	"cp_aware=1&cp_staff=0&cp_unit=0&cp_applied=1&n_output=1&output%5B0%5D.product=ice&"       \
	"output%5B0%5D.quantity=12.500&output%5B0%5D.unit=t&n_energy=1&"                           \
	"energy%5B0%5D.carrier=electricity&energy%5B0%5D.quantity=" q "&energy%5B0%5D.unit=kWh"

#define ENT_DRAFTS                                                                                 \
	"SELECT count(*) FROM form_draft WHERE user_id = (SELECT id FROM app_user WHERE email = "  \
	"'ent@d.vn')"

static void
test_autosave_restore_discard(void **state)
{
	(void)state;
	struct hc_response r;
	char want[2048];
	exec("DELETE FROM form_draft");

	/* The script's post: kept raw (the csrf field hs_form_req puts first, too). */
	req(ENT, "POST", DRAFT, TYPED, 200, &r);
	hs_contains(&r, "Đã lưu tạm lúc ");
	hs_header_is(&r, "Content-Type", "text/plain; charset=utf-8");
	/* "Đã lưu tạm lúc " then HH:MM: 5 bytes. */
	assert_int_equal(r.body_len, strlen("Đã lưu tạm lúc ") + 5);
	hc_response_free(&r);
	snprintf(want, sizeof(want), "csrf=%s&%s", sess[ENT].csrf, TYPED);
	char *body = wfx_text(DBN, "SELECT body FROM form_draft WHERE path = '" FORM "'");
	assert_string_equal(body, want);
	free(body);
	assert_int_equal(q_int("SELECT base_version FROM form_draft"), 0); /* no report yet */

	/* On English pages the line is in English. */
	req(ENT, "POST", DRAFT "?lang=en", TYPED, 200, &r);
	hs_contains(&r, "Kept as a draft at ");
	assert_int_equal(r.body_len, strlen("Kept as a draft at ") + 5);
	hc_response_free(&r);

	/* Opening the form shows what was typed, with the notice and the discard button. */
	req(ENT, "GET", FORM, NULL, 200, &r);
	hs_contains(&r, "Đã khôi phục nội dung bạn nhập lúc ");
	hs_contains(&r, ", chưa được lưu.");
	hs_contains(&r, "name=\"energy[0].quantity\" id=\"f-energy-0-quantity\" value=\"3.5OO\"");
	hs_contains(&r, "name=\"output[0].quantity\" id=\"f-output-0-quantity\" value=\"12.500\"");
	hs_contains(&r, "<form method=\"post\" action=\"/drafts/facilities/7201/report/2025\">");
	hs_contains(&r, "name=\"draft_op\" value=\"discard\"");
	/* The notice is the first thing after the page's one heading. */
	const char *h1 = strstr(r.body, "</h1>");
	assert_non_null(h1);
	assert_int_equal(strncmp(h1, "</h1><div class=\"notice draft-restored\"", 39), 0);
	hc_response_free(&r);
	/* Nothing was saved by showing it. */
	assert_int_equal(q_int("SELECT count(*) FROM report WHERE facility_id = 7201"), 0);

	/* Another user of the same form does not see it. */
	req(PRO, "GET", FORM, NULL, 200, &r);
	hs_lacks(&r, "Đã khôi phục");
	hs_lacks(&r, "3.5OO");
	hc_response_free(&r);

	/* English page. */
	req(ENT, "GET", FORM "?lang=en", NULL, 200, &r);
	hs_contains(&r, "Restored what you typed at ");
	hc_response_free(&r);

	/* Discard: back to the form, which no longer offers it. */
	req(ENT, "POST", DRAFT, "draft_op=discard", 303, &r);
	hs_header_is(&r, "Location", FORM);
	hc_response_free(&r);
	assert_int_equal(q_int(ENT_DRAFTS), 0);
	req(ENT, "GET", FORM, NULL, 200, &r);
	hs_lacks(&r, "Đã khôi phục");
	hc_response_free(&r);

	/* A save that fails (400) keeps the body it was sent with. */
	req(ENT, "POST", FORM, TYPED "&op=save", 400, &r);
	hc_response_free(&r);
	snprintf(want, sizeof(want), "csrf=%s&%s&op=save", sess[ENT].csrf, TYPED);
	body = wfx_text(DBN, "SELECT body FROM form_draft WHERE path = '" FORM "'");
	assert_string_equal(body, want);
	free(body);
	/* One that succeeds clears it. */
	req(ENT, "POST", FORM, VALID("3.596") "&op=save", 303, &r);
	hc_response_free(&r);
	assert_int_equal(q_int(ENT_DRAFTS), 0);
	assert_int_equal(q_int("SELECT version FROM report WHERE facility_id = 7201"), 1);

	/* A draft of version 1 kept now is offered; its base version is 1. */
	req(ENT, "POST", DRAFT, VALID("4.000") "&version=1", 200, &r);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT base_version FROM form_draft"), 1);
	req(ENT, "GET", FORM, NULL, 200, &r);
	hs_contains(&r, "name=\"energy[0].quantity\" id=\"f-energy-0-quantity\" value=\"4.000\"");
	hs_lacks(&r, "Đã có một phiên bản khác được lưu"); /* typed on the current version */
	hc_response_free(&r);

	/* Older than the report's last change (the save's audit row): not offered. */
	exec_at("UPDATE form_draft SET saved_at = %lld", last_report_change() - 1);
	req(ENT, "GET", FORM, NULL, 200, &r);
	hs_lacks(&r, "Đã khôi phục");
	hs_contains(&r, "name=\"energy[0].quantity\" id=\"f-energy-0-quantity\" value=\"3.596\"");
	hc_response_free(&r);

	/* 30 days = 2,592,000 s: a draft kept 2,592,001 s ago has expired. */
	req(ENT, "POST", DRAFT, VALID("4.000") "&version=1", 200, &r);
	hc_response_free(&r);
	exec_at("UPDATE form_draft SET saved_at = %lld", (long long)time(NULL) - 2592001);
	req(ENT, "GET", FORM, NULL, 200, &r);
	hs_lacks(&r, "Đã khôi phục");
	hc_response_free(&r);
	/* ... and the next store deletes it with every other expired one. */
	exec("INSERT INTO form_draft(user_id, path, body, base_version, saved_at) SELECT id, "
	     "'/facilities/7201/registration/2025', 'x', 0, 1 FROM app_user WHERE email = "
	     "'pro@d.vn'");
	req(ENT, "POST", DRAFT, VALID("4.000") "&version=1", 200, &r);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM form_draft"), 1);
	exec("DELETE FROM form_draft");
}

static void
test_draft_endpoint_refusals(void **state)
{
	(void)state;
	struct hc_response r;
	/* Not a document form: 404; a facility out of the user's scope: 404. */
	req(ENT, "POST", "/drafts/facilities/7201/profile", TYPED, 404, &r);
	hc_response_free(&r);
	req(ENT, "POST", "/drafts/facilities/7202/report/2025", TYPED, 404, &r);
	hc_response_free(&r);
	/* Without the session's CSRF token: 403. */
	hs_req(server.port, "POST", DRAFT, sess[ENT].cookie, "csrf=wrong&" TYPED, 403, &r);
	hc_response_free(&r);
	/* The script's post without a session: 401 problem+json, nothing kept. */
	hs_req(server.port, "POST", DRAFT, HS_FORM "Accept: application/json\r\n", TYPED, 401, &r);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM form_draft"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM form_stash"), 0);
}

/*
 * Signs in through the form as ent@d.vn with the extra cookie line
 * (stash_cookie "sxsh_stash=TOKEN" or NULL); fills s with the new session.
 */
static void
sign_in(const char *stash_cookie, struct hs_session *s, struct hc_response *r)
{
	char *cookie = NULL;
	char *csrf = hs_login_form(server.port, &cookie);
	char extra[512], bodyf[512];
	/* cookie is "Cookie: sxsh_csrf=X\r\n": add the stash cookie to the same line. */
	cookie[strlen(cookie) - 2] = '\0';
	snprintf(extra, sizeof(extra), HS_FORM "%s%s%s\r\n", cookie, stash_cookie ? "; " : "",
		 stash_cookie ? stash_cookie : "");
	snprintf(bodyf, sizeof(bodyf),
		 "csrf=%s&next=%%2Ffacilities%%2F7201%%2Freport%%2F2025&email=ent%%40d.vn&"
		 "password=a+long+enough+password",
		 csrf);
	hs_req(server.port, "POST", "/login", extra, bodyf, 303, r);
	hs_header_is(r, "Location", FORM);
	char *tok = hs_set_cookie_value(r, "sxsh_session");
	assert_non_null(tok);
	snprintf(s->token, sizeof(s->token), "%s", tok);
	snprintf(s->cookie, sizeof(s->cookie), "Cookie: sxsh_session=%s\r\n", tok);
	free(tok);
	struct hc_response a;
	hs_req(server.port, "GET", "/account", s->cookie, NULL, 200, &a);
	char *c = hs_page_csrf(&a);
	snprintf(s->csrf, sizeof(s->csrf), "%s", c);
	free(c);
	hc_response_free(&a);
	free(csrf);
	free(cookie);
}

static void
test_expired_session(void **state)
{
	(void)state;
	struct hc_response r;
	char want[2048], stash[128];
	exec("DELETE FROM form_draft");
	exec("DELETE FROM form_stash");
	struct hs_session old = sess[ENT];

	/* The session ends (2 hours idle, or signed out elsewhere): its row is gone. */
	exec("DELETE FROM session WHERE user_id = (SELECT id FROM app_user WHERE email = "
	     "'ent@d.vn')");

	/* Without the session cookie (a post another site could make): the usual redirect. */
	hs_req(server.port, "POST", FORM, HS_FORM, "csrf=x&" TYPED "&op=save", 303, &r);
	hc_response_free(&r);
	/* A page that is not a document form: the usual redirect too. */
	hs_form_req(server.port, &old, "POST", "/my/claim", "key=ABC", 303, &r);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM form_stash"), 0);

	/* The form's save: the sign-in form in place, status 401, the values kept. */
	hs_form_req(server.port, &old, "POST", FORM, TYPED "&op=save", 401, &r);
	hs_contains(&r, "<h1>Đăng nhập lại</h1>");
	hs_contains(&r, "Phiên đăng nhập của bạn đã hết hạn nên biểu mẫu chưa được lưu.");
	hs_contains(&r, "action=\"/login\"");
	hs_contains(&r, "name=\"next\" value=\"/facilities/7201/report/2025\"");
	hs_contains(&r, "name=\"password\"");
	char *set = hs_set_cookie(&r, "sxsh_stash");
	assert_non_null(set);
	/* 43 characters of token, one hour, this browser only. */
	assert_int_equal(strlen(set),
			 strlen("sxsh_stash=") + 43 +
			     strlen("; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict"));
	assert_non_null(strstr(set, "; Path=/; Max-Age=3600; HttpOnly; SameSite=Strict"));
	snprintf(stash, sizeof(stash), "%.*s", (int)(strlen("sxsh_stash=") + 43), set);
	free(set);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM form_stash"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM form_draft"), 0);
	/* Only the token's hash is stored: 64 hex characters, never the token. */
	assert_int_equal(q_int("SELECT length(token_hash) FROM form_stash"), 64);
	char *kept = wfx_text(DBN, "SELECT token_hash FROM form_stash");
	assert_null(strstr(stash, kept));
	free(kept);

	/* A wrong password first: the sign-in page again, the stash still waiting. */
	char *lcookie = NULL;
	char *lcsrf = hs_login_form(server.port, &lcookie);
	char extra[512], wrong[512];
	lcookie[strlen(lcookie) - 2] = '\0';
	snprintf(extra, sizeof(extra), HS_FORM "%s; %s\r\n", lcookie, stash);
	snprintf(wrong, sizeof(wrong),
		 "csrf=%s&next=%%2Ffacilities%%2F7201%%2Freport%%2F2025&email=ent%%40d.vn&"
		 "password=wrong+password",
		 lcsrf);
	hs_req(server.port, "POST", "/login", extra, wrong, 200, &r);
	hs_contains(&r, "name=\"next\" value=\"/facilities/7201/report/2025\"");
	hc_response_free(&r);
	free(lcsrf);
	free(lcookie);
	assert_int_equal(q_int("SELECT count(*) FROM form_stash"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM form_draft"), 0);

	/* Signing in in that browser: back to the form, the stash now the draft. */
	struct hs_session s;
	sign_in(stash, &s, &r);
	char *gone = hs_set_cookie(&r, "sxsh_stash");
	assert_non_null(gone);
	assert_non_null(strstr(gone, "sxsh_stash=; Path=/; Max-Age=0"));
	free(gone);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM form_stash"), 0);
	snprintf(want, sizeof(want), "csrf=%s&%s&op=save", old.csrf, TYPED);
	char *body = wfx_text(DBN, "SELECT body FROM form_draft WHERE path = '" FORM "'");
	assert_string_equal(body, want);
	free(body);
	hs_form_req(server.port, &s, "GET", FORM, NULL, 200, &r);
	hs_contains(&r, "Đã khôi phục nội dung bạn nhập lúc ");
	hs_contains(&r, "name=\"energy[0].quantity\" id=\"f-energy-0-quantity\" value=\"3.5OO\"");
	hs_contains(&r, "name=\"output[0].quantity\" id=\"f-output-0-quantity\" value=\"12.500\"");
	hc_response_free(&r);

	/* Used once: signing in again with the same cookie brings nothing back. */
	exec("DELETE FROM form_draft");
	sign_in(stash, &s, &r);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM form_draft"), 0);

	/* An expired stash is deleted, not restored. */
	exec("DELETE FROM session");
	hs_form_req(server.port, &s, "POST", FORM, TYPED "&op=save", 401, &r);
	set = hs_set_cookie(&r, "sxsh_stash");
	snprintf(stash, sizeof(stash), "%.*s", (int)(strlen("sxsh_stash=") + 43), set);
	free(set);
	hc_response_free(&r);
	exec_at("UPDATE form_stash SET expires_at = %lld", (long long)time(NULL) - 1);
	sign_in(stash, &sess[ENT], &r);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM form_stash"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM form_draft"), 0);

	/* 1000 live stashes at most: the 1001st post gets the usual redirect. */
	exec_at("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
		"INSERT INTO form_stash(token_hash, path, body, base_version, created_at, "
		"expires_at) SELECT 'h' || i, '" FORM "', 'x', 0, %lld, %lld + 3600 FROM n",
		(long long)time(NULL));
	assert_int_equal(q_int("SELECT count(*) FROM form_stash"), 1000);
	exec("DELETE FROM session");
	hs_form_req(server.port, &s, "POST", FORM, TYPED "&op=save", 303, &r);
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM form_stash"), 1000);
	exec("DELETE FROM form_stash");
	sign_in(NULL, &sess[ENT], &r);
	hc_response_free(&r);

	/* English: the page says it in English. */
	struct hs_session dead = sess[ENT];
	exec("DELETE FROM session WHERE user_id = (SELECT id FROM app_user WHERE email = "
	     "'ent@d.vn')");
	hs_form_req(server.port, &dead, "POST", FORM "?lang=en", TYPED "&op=save", 401, &r);
	hs_contains(&r, "Your session has expired, so the form was not saved.");
	hs_contains(&r, "action=\"/login?lang=en\"");
	hs_contains(&r, "name=\"next\" value=\"/facilities/7201/report/2025?lang=en\"");
	hc_response_free(&r);
	sign_in(NULL, &sess[ENT], &r);
	hc_response_free(&r);
	exec("DELETE FROM form_stash");
	exec("DELETE FROM form_draft");
}

static void
test_registration_restore(void **state)
{
	(void)state;
	struct hc_response r;
	/* Typed into the registration form: 12,5 % (not valid as 12.5 on this page). */
	req(ENT, "POST", "/drafts" FAC "/registration/2026",
	    "apply_cp=1&planned_saving_pct=12%2C5&measures=Thay+%C4%91%C3%A8n+LED", 200, &r);
	hc_response_free(&r);
	req(ENT, "GET", FAC "/registration/2026", NULL, 200, &r);
	hs_contains(&r, "Đã khôi phục nội dung bạn nhập lúc ");
	hs_contains(&r, "name=\"planned_saving_pct\" id=\"f-planned_saving_pct\" value=\"12,5\"");
	hs_contains(&r, ">Thay đèn LED</textarea>");
	hc_response_free(&r);
	assert_int_equal(q_int("SELECT count(*) FROM registration WHERE facility_id = 7201"), 0);
	exec("DELETE FROM form_draft");
}

/* The hidden version of the report form in r. */
static long long
form_version(const struct hc_response *r)
{
	const char *p = strstr(r->body, "name=\"version\" value=\"");
	assert_non_null(p);
	return atoll(p + strlen("name=\"version\" value=\""));
}

static void
test_two_tabs(void **state)
{
	(void)state;
	struct hc_response r;
	char bodyf[1024];
	/* Both tabs open the form at the same version. */
	req(ENT, "GET", FORM, NULL, 200, &r);
	long long v = form_version(&r);
	hc_response_free(&r);
	assert_true(v >= 1);

	/* Tab A saves 5.000 kWh (five thousand). */
	snprintf(bodyf, sizeof(bodyf), "%s&version=%lld&op=save", VALID("5.000"), v);
	req(ENT, "POST", FORM, bodyf, 303, &r);
	hc_response_free(&r);

	/* Tab B saves 6.000 kWh on the same version: 409 with both versions. */
	snprintf(bodyf, sizeof(bodyf), "%s&version=%lld&op=save", VALID("6.000"), v);
	req(ENT, "POST", FORM, bodyf, 409, &r);
	hs_contains(&r, "<h2 id=\"draft-conflict-h\">Đã có một phiên bản khác được lưu</h2>");
	/* The message above the form says what happened and what to do, not "reload". */
	hs_contains(&r, "Trong lúc bạn nhập, một phiên bản khác đã được lưu nên chưa lưu được bản "
			"của bạn.");
	hs_lacks(&r, "hãy tải lại và nhập lại");
	hs_contains(&r, "Trong lúc bạn nhập, ent@d.vn đã lưu báo cáo này lúc ");
	/* The saved version: 5000 kWh of electricity with two decimals, "5.000,00 kWh". */
	hs_contains(&r, "<th scope=\"row\">Năng lượng: Điện</th><td>5.000,00 kWh</td>");
	hs_contains(&r, "<th scope=\"row\">Sản lượng: Nước đá</th><td>12.500,00 t</td>");
	hs_contains(&r, "<th scope=\"row\">Đã áp dụng SXSH</th><td>Có</td>");
	/* What tab B typed stays in the form. */
	hs_contains(&r, "name=\"energy[0].quantity\" id=\"f-energy-0-quantity\" value=\"6.000\"");
	/* The table scrolls in its own box. */
	hs_contains(&r, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Phiên "
			"bản đã lưu\"><table class=\"list draft-saved\">");
	hc_response_free(&r);
	/* Nothing of tab B was written: the stored report has 5000. */
	assert_int_equal(q_int("SELECT CAST(quantity AS INTEGER) FROM report_energy WHERE "
			       "report_id = (SELECT id FROM report WHERE facility_id = 7201)"),
			 5000);
	/* ... and tab B's text is kept as its draft. */
	char *body = wfx_text(DBN, "SELECT body FROM form_draft WHERE path = '" FORM "'");
	assert_non_null(strstr(body, "energy%5B0%5D.quantity=6.000"));
	free(body);

	/* English: numbers as English pages write them (12,500 t; 6,000 kWh). */
	snprintf(
	    bodyf, sizeof(bodyf),
	    "cp_aware=1&cp_staff=0&cp_unit=0&cp_applied=1&n_output=1&output%%5B0%%5D.product=ice&"
	    "output%%5B0%%5D.quantity=12%%2C500&output%%5B0%%5D.unit=t&n_energy=1&"
	    "energy%%5B0%%5D.carrier=electricity&energy%%5B0%%5D.quantity=6%%2C000&"
	    "energy%%5B0%%5D.unit=kWh&version=%lld&op=save",
	    v);
	req(ENT, "POST", FORM "?lang=en", bodyf, 409, &r);
	hs_contains(&r, "While you were typing, ent@d.vn saved this report at ");
	hs_contains(&r, "<th scope=\"row\">Energy: Electricity</th>");
	hc_response_free(&r);

	/* The registration form: the same block with its three fields. */
	req(ENT, "POST", FAC "/registration/2026",
	    "apply_cp=1&planned_saving_pct=5&measures=LED&op=save", 303, &r);
	hc_response_free(&r);
	req(ENT, "POST", FAC "/registration/2026",
	    "apply_cp=1&planned_saving_pct=7&measures=LED&op=save", 409, &r);
	hs_contains(&r, "Trong lúc bạn nhập, ent@d.vn đã lưu đăng ký SXSH này lúc ");
	hs_contains(&r, "<th scope=\"row\">Giải pháp dự kiến</th><td>LED</td>");
	hs_contains(&r, "value=\"7\"");
	hc_response_free(&r);
	exec("DELETE FROM form_draft");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_autosave_restore_discard),
	    cmocka_unit_test(test_draft_endpoint_refusals),
	    cmocka_unit_test(test_expired_session),
	    cmocka_unit_test(test_registration_restore),
	    cmocka_unit_test(test_two_tabs),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
