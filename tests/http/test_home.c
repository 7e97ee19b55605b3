/*
 * The enterprise's home (src/web/my.c, model/reporting/home.c) and the
 * deadlines page (src/web/deadlines.c) against a real `sxsh serve`: the
 * pure date and state rules; where each role lands after signing in; the
 * deadlines form (fields named in errors, typed values kept, a stale
 * version 409, the table's defaults); /my with each document's state in
 * words, deadline, overdue flag and one next action; a return's note in a
 * box with line breaks, who and when; the notices of a return and an
 * acceptance, marked seen; another enterprise seeing none of it.
 *
 * The years follow the clock, as the page does: R is the current reporting
 * year (the year before today's in Vietnam).  The documents are rows the
 * fixture inserts; the return, resubmission and acceptance go through the
 * model's doc_transition, as the review page does, so their audit rows are
 * the real ones.
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
#include "model/doc/doc.h"
#include "model/audit.h"
#include "model/reporting/home.h"
#include "testutil.h"
#include "util/alloc.h"
#include "wffix.h"

enum { ENT, ENT2, DIS, PRO, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];
static struct user users[NWHO];
static int R; /* the current reporting year */

#define DBNAME "home.db"

/* ---- the pure rules ---- */

static void
test_date_parse(void **state)
{
	(void)state;
	static const struct {
		const char *in, *iso; /* iso NULL: refused */
	} cases[] = {
	    {"15/01/2026", "2026-01-15"},
	    {"1/2/2026", "2026-02-01"},
	    {" 05/03/2027 ", "2027-03-05"},
	    {"29/02/2024", "2024-02-29"}, /* 2024 is a leap year */
	    {"29/02/2025", NULL},	  /* 2025 is not */
	    {"29/02/2100", NULL},	  /* divisible by 100, not by 400 */
	    {"31/04/2026", NULL},	  /* April has 30 days */
	    {"00/01/2026", NULL},
	    {"15/13/2026", NULL},
	    {"2026-01-15", NULL}, /* ISO is not how a person types it here */
	    {"15/01/26", NULL},
	    {"15.01.2026", NULL},
	    {"15/01/2026x", NULL},
	    {"31/12/1989", NULL}, /* before the first plan year */
	    {"", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char iso[HOME_DATE_SIZE] = "";
		int rc = home_date_parse(cases[i].in, iso);
		if (cases[i].iso == NULL) {
			assert_int_equal(rc, -1);
		} else {
			assert_int_equal(rc, 0);
			assert_string_equal(iso, cases[i].iso);
		}
	}
	char out[HOME_DATE_SIZE];
	assert_string_equal(home_date_show("2026-01-15", out), "15/01/2026");
}

static void
test_rules(void **state)
{
	(void)state;
	/* Defaults: the report on 2025 by 15/01/2026, the registration for 2025 by 15/01/2025. */
	struct home_deadline d;
	home_deadline_default(2025, &d);
	assert_string_equal(d.report_due, "2026-01-15");
	assert_string_equal(d.registration_due, "2025-01-15");
	assert_int_equal(d.version, 0);
	/*
	 * 2026-01-01 00:00 UTC is 1767225600 (2025-01-01 is 1735689600, plus
	 * 365 days of 86400 s).  Vietnam is UTC+7, so its 1 January 2026 began
	 * 7 h earlier, at 1767225600 - 25200 = 1767200400.
	 */
	char today[HOME_DATE_SIZE];
	home_today(1767200400, today);
	assert_string_equal(today, "2026-01-01");
	home_today(1767200399, today);
	assert_string_equal(today, "2025-12-31");
	assert_int_equal(home_reporting_year(1767200400), 2025);
	assert_int_equal(home_reporting_year(1767200399), 2024);
	/*
	 * Audit times: 2025-12-31 17:00:00 UTC is the 1767200400 above; 2024-02-29
	 * 12:00 is 2024-01-01 (1704067200) + 59 days (31 + 28) x 86400 + 12 h:
	 * 1704067200 + 5097600 + 43200 = 1709208000.
	 */
	assert_int_equal(audit_at_unix("2025-12-31 17:00:00"), 1767200400);
	assert_int_equal(audit_at_unix("2026-01-01T00:00:00Z"), 1767225600);
	assert_int_equal(audit_at_unix("2024-02-29 12:00:00"), 1709208000);
	assert_int_equal(audit_at_unix("1767200400"), 0);
	assert_int_equal(audit_at_unix("2026-13-01 00:00:00"), 0);
	/* Actions. */
	assert_int_equal(home_action_of(0, WF_DRAFT), HOME_ACT_CREATE);
	assert_int_equal(home_action_of(1, WF_DRAFT), HOME_ACT_CONTINUE);
	assert_int_equal(home_action_of(1, WF_RETURNED), HOME_ACT_FIX);
	assert_int_equal(home_action_of(1, WF_SUBMITTED), HOME_ACT_VIEW);
	assert_int_equal(home_action_of(1, WF_FORWARDED), HOME_ACT_VIEW);
	assert_int_equal(home_action_of(1, WF_ACCEPTED), HOME_ACT_VIEW);
	/* Overdue: unsent and the day after the deadline; the deadline day itself is in time. */
	assert_int_equal(home_overdue(0, WF_DRAFT, "2026-01-15", "2026-01-16"), 1);
	assert_int_equal(home_overdue(0, WF_DRAFT, "2026-01-15", "2026-01-15"), 0);
	assert_int_equal(home_overdue(1, WF_RETURNED, "2026-01-15", "2026-02-01"), 1);
	assert_int_equal(home_overdue(1, WF_SUBMITTED, "2026-01-15", "2026-02-01"), 0);
	assert_int_equal(home_overdue(1, WF_ACCEPTED, "2026-01-15", "2027-01-01"), 0);
}

/* sxsh deadline set and list on a database of their own. */
static void
test_cli(void **state)
{
	(void)state;
	db_close(fx_db_new("home-cli.db", NULL));
	char cmd[1024], *out = NULL, *err = NULL;
	/* 2030: the report due 31/03/2031; the registration stays at its default, 15/01/2030. */
	snprintf(cmd, sizeof(cmd), "%s deadline set --year 2030 --report 31/03/2031 --db '%s'",
		 tu_sxsh(), tu_db_url("home-cli.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_non_null(
	    strstr(out, "Đã lưu hạn nộp của năm 2030. / The 2030 deadlines are saved.\n"));
	assert_non_null(strstr(out, "\n2030  31/03/2031  15/01/2030 (mặc định / default)\n"));
	free(out);
	/* A day that does not exist: exit 1, the field named; nothing changed. */
	snprintf(cmd, sizeof(cmd),
		 "%s deadline set --year 2030 --registration 30/02/2030 --db '%s'", tu_sxsh(),
		 tu_db_url("home-cli.db"));
	assert_int_equal(tu_run(cmd, NULL, &err), 1);
	assert_non_null(strstr(err,
			       "sxsh deadline set: hạn nộp đăng ký phải là một ngày dạng "
			       "ngày/tháng/năm, ví dụ 15/01/2026 / registration deadline must be "
			       "a date written day/month/year, e.g. 15/01/2026, got '30/02/2030'"));
	free(err);
	snprintf(cmd, sizeof(cmd), "%s deadline list --from 2030 --to 2031 --db '%s'", tu_sxsh(),
		 tu_db_url("home-cli.db"));
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_string_equal(out,
			    "Năm / Year | Hạn báo cáo / Report due | Hạn đăng ký / Registration "
			    "due\n2030  31/03/2031  15/01/2030 (mặc định / default)\n2031  "
			    "15/01/2032 (mặc định / default)  15/01/2031 (mặc định / default)\n");
	free(out);
	/* The audit row names the command line. */
	assert_int_equal(wfx_int("home-cli.db", "SELECT count(*) FROM audit WHERE action = "
						"'deadline.set' AND actor = 'cli'"),
			 1);
	snprintf(cmd, sizeof(cmd), "%s deadline move --db '%s'", tu_sxsh(),
		 tu_db_url("home-cli.db"));
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
}

/* ---- pages ---- */

static int
setup(void **state)
{
	R = home_reporting_year((int64_t)time(NULL));
	/*
	 * Facility 7301 (ENT's): report R submitted (id 8801), registration R a
	 * draft (8802), report R-1 accepted (8803).  Facility 7302 is ENT2's.
	 */
	char sql[2048];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
		 "ownership, size) VALUES (7301, 'H1', 'Cơ sở nước đá Hòa Bình', 'co so nuoc da "
		 "hoa binh', '1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), "
		 "'private', 'small'), (7302, 'H2', 'Cơ sở xay xát Tân Hiệp', 'co so xay xat tan "
		 "hiep', '1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', "
		 "'small');"
		 "INSERT INTO report(id, facility_id, year, status, submitted_on, version) VALUES "
		 "(8801, 7301, %d, 'submitted', '%d-02-01', 2), (8803, 7301, %d, 'accepted', "
		 "'%d-02-01', 3);"
		 "INSERT INTO registration(id, facility_id, year, apply_cp, status, version) "
		 "VALUES (8802, 7301, %d, 1, 'draft', 1)",
		 R, R + 1, R - 1, R, R);
	db = fx_db_new(DBNAME, sql);
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7301},
	    [ENT2] = {.email = "ent2@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7302},
	    [DIS] = {.email = "dis@x.vn",
		     .name = "Nguyễn Văn An",
		     .role = ROLE_DISTRICT,
		     .unit_code = "rach-gia"},
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, users, sess);
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, DBNAME);
	return 0;
}

static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

/* Signs in through the form as email and asserts where it lands. */
static void
landing(const char *email_enc, const char *next_enc, const char *location)
{
	char *cookie;
	char *csrf = hs_login_form(server.port, &cookie);
	char *extra = xasprintf(HS_FORM "%s", cookie);
	char *body = xasprintf("csrf=%s&email=%s&password=a+long+enough+password&next=%s", csrf,
			       email_enc, next_enc);
	struct hc_response r;
	hs_req(server.port, "POST", "/login", extra, body, 303, &r);
	hs_header_is(&r, "Location", location);
	hc_response_free(&r);
	free(body);
	free(extra);
	free(csrf);
	free(cookie);
}

static void
test_landing(void **state)
{
	(void)state;
	/* The form's next is "/" when none was asked: an enterprise lands on its home. */
	landing("ent%40x.vn", "%2F", "/my");
	landing("ent%40x.vn", "", "/my");
	/* District and province staff land on their review queue. */
	landing("dis%40x.vn", "%2F", "/review");
	landing("pro%40x.vn", "", "/review");
	/* An asked page wins. */
	landing("ent%40x.vn", "%2Ffacilities", "/facilities");
	/* Signed in already, /login sends an enterprise home. */
	struct hc_response r;
	req(ENT, "GET", "/login", NULL, 303, &r);
	hs_header_is(&r, "Location", "/my");
	hc_response_free(&r);
}

/* The audit row of the latest action on report 8801, as "dd/mm/yyyy HH:MM" and "dd/mm/yyyy". */
static void
last_at(const char *action, char *when, size_t n, char *day, size_t dn)
{
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT at FROM audit WHERE action = '%s' AND entity_id = '8801' ORDER BY id "
		 "DESC LIMIT 1",
		 action);
	/* at is UTC "YYYY-MM-DD HH:MM:SS"; read here with the C library's timegm. */
	char *at = wfx_text(DBNAME, sql);
	struct tm tm = {0};
	assert_int_equal(sscanf(at, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
				&tm.tm_hour, &tm.tm_min, &tm.tm_sec),
			 6);
	free(at);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	/* Vietnam's wall clock: UTC + 7 h. */
	time_t local = timegm(&tm) + 7 * 3600;
	gmtime_r(&local, &tm);
	snprintf(when, n, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900,
		 tm.tm_hour, tm.tm_min);
	snprintf(day, dn, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
}

static const struct principal *
who_of(int i, struct principal *p)
{
	p->user_id = users[i].id;
	p->role = users[i].role;
	p->unit_id = users[i].unit_id;
	p->facility_id = users[i].facility_id;
	p->email = users[i].email;
	return p;
}

/* Moves report 8801 by action as user i from its current version; asserts ST_OK. */
static void
move(int i, enum wf_action action, const char *note)
{
	struct principal p;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	long long v = wfx_int(DBNAME, "SELECT version FROM report WHERE id = 8801");
	assert_int_equal(doc_transition(db, doc_kinds[WF_KIND_REPORT], who_of(i, &p), 8801, action,
					v, note, &errs),
			 ST_OK);
}

static void
test_deadlines_page(void **state)
{
	(void)state;
	struct hc_response r;
	char body[512], s[512];
	/* Province staff only. */
	req(ENT, "GET", "/deadlines", NULL, 403, &r);
	hc_response_free(&r);
	req(DIS, "GET", "/deadlines", NULL, 403, &r);
	hc_response_free(&r);
	req(PRO, "GET", "/deadlines", NULL, 200, &r);
	hs_contains(&r, "<h1>Hạn nộp báo cáo và đăng ký</h1>");
	/* R+1's defaults: its report by 15/01 of R+2, its registration by 15/01 of R+1. */
	snprintf(s, sizeof(s),
		 "<td>15/01/%d <small>(mặc định)</small></td><td>15/01/%d <small>(mặc "
		 "định)</small></td>",
		 R + 2, R + 1);
	hs_contains(&r, s);
	hc_response_free(&r);

	/* Every field wrong: each message names its field, every typed value kept. */
	req(PRO, "POST", "/deadlines",
	    "year=1980&report_due=31%2F02%2F2026&registration_due=2026-01-15&version=0", 400, &r);
	hs_contains(&r, "data-field=\"year\">năm kế hoạch phải từ 1990 đến 2100</span>");
	hs_contains(&r, "data-field=\"report_due\">hạn nộp báo cáo phải là một ngày dạng "
			"ngày/tháng/năm, ví dụ 15/01/2026</span>");
	hs_contains(&r, "data-field=\"registration_due\">hạn nộp đăng ký phải là một ngày dạng "
			"ngày/tháng/năm, ví dụ 15/01/2026</span>");
	hs_contains(&r, "value=\"31/02/2026\"");
	hs_contains(&r, "value=\"2026-01-15\"");
	hc_response_free(&r);
	req(PRO, "POST", "/deadlines?lang=en", "year=abc&version=0", 400, &r);
	hs_contains(&r, "data-field=\"year\">plan year must be a whole number, got &#39;abc&#39;");
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM deadline"), 0);

	/* R+1: the registration due 31/12/2100, the report left to the default. */
	snprintf(body, sizeof(body),
		 "year=%d&report_due=&registration_due=31%%2F12%%2F2100&version=0", R + 1);
	req(PRO, "POST", "/deadlines", body, 303, &r);
	snprintf(s, sizeof(s), "/deadlines?year=%d&done=saved", R + 1);
	hs_header_is(&r, "Location", s);
	hc_response_free(&r);
	snprintf(s, sizeof(s),
		 "SELECT coalesce(report_due, 'none') || ' ' || registration_due || ' ' || version "
		 "FROM deadline WHERE year = %d",
		 R + 1);
	char *row = wfx_text(DBNAME, s);
	assert_string_equal(row, "none 2100-12-31 1");
	free(row);
	/* The same form again (version 0, now stale): 409, nothing written, input kept. */
	snprintf(body, sizeof(body),
		 "year=%d&report_due=&registration_due=01%%2F06%%2F2099&version=0", R + 1);
	req(PRO, "POST", "/deadlines", body, 409, &r);
	snprintf(s, sizeof(s), "Hạn nộp của năm %d vừa được người khác thay đổi", R + 1);
	hs_contains(&r, s);
	hs_contains(&r, "value=\"01/06/2099\"");
	hs_contains(&r, "name=\"version\" value=\"1\"");
	snprintf(s, sizeof(s), "<td>15/01/%d <small>(mặc định)</small></td><td>31/12/2100</td>",
		 R + 2);
	hs_contains(&r, s);
	hc_response_free(&r);
	/* R: its report due 31/12/2100 (so a returned report R is not overdue). */
	snprintf(body, sizeof(body), "year=%d&report_due=31%%2F12%%2F2100&version=0", R);
	req(PRO, "POST", "/deadlines", body, 303, &r);
	hc_response_free(&r);
	/* Each save is audited: two rows. */
	assert_int_equal(
	    wfx_int(DBNAME, "SELECT count(*) FROM audit WHERE action = 'deadline.set'"), 2);
	/* The form for a year shows its dates as typed, dd/mm/yyyy. */
	snprintf(s, sizeof(s), "/deadlines?year=%d", R + 1);
	req(PRO, "GET", s, NULL, 200, &r);
	hs_contains(&r, "name=\"registration_due\" id=\"f-registration_due\" value=\"31/12/2100\"");
	hc_response_free(&r);
}

/* The card of (kind, year) on a /my page, from its <li to its </li>, malloc'd. */
static char *
card(const struct hc_response *r, const char *kind, int year)
{
	char key[128];
	snprintf(key, sizeof(key), "data-kind=\"%s\" data-year=\"%d\"", kind, year);
	const char *p = strstr(r->body, key);
	if (p == NULL)
		fail_msg("no card %s %d", kind, year);
	while (p > r->body && strncmp(p, "<li", 3) != 0)
		p--;
	const char *e = strstr(p, "</li>");
	assert_non_null(e);
	return xasprintf("%.*s", (int)(e - p), p);
}

static void
card_has(const char *c, const char *s)
{
	if (strstr(c, s) == NULL)
		fail_msg("card lacks \"%s\" in:\n%s", s, c);
}

static void
test_home_walk(void **state)
{
	(void)state;
	struct hc_response r;
	char s[512], when[64], day[32];
	char *c;

	req(ENT, "GET", "/my", NULL, 200, &r);
	hs_contains(&r, "<a href=\"/facilities/7301\">H1 · Cơ sở nước đá Hòa Bình</a>");
	hs_lacks(&r, "href=\"/review\"");
	hs_lacks(&r, "H2 · ");
	hs_lacks(&r, "home-notices"); /* nothing returned or accepted yet */
	/* Registration R+1: none, due 31/12/2100 (set above), prepare it. */
	c = card(&r, "registration", R + 1);
	card_has(c, "data-state=\"none\"");
	card_has(c, "<p class=\"home-state\">Chưa nộp</p>");
	card_has(c, "<p class=\"home-due\">Hạn nộp 31/12/2100</p>");
	snprintf(s, sizeof(s),
		 "<a class=\"home-action\" href=\"/facilities/7301/registration/%d\">Lập đăng ký "
		 "năm %d</a>",
		 R + 1, R + 1);
	card_has(c, s);
	free(c);
	/* Report R: sent, waiting; view it. */
	c = card(&r, "report", R);
	card_has(c, "<p class=\"home-state\">Đã nộp, chờ xem xét</p>");
	card_has(c, "<p class=\"home-due\">Hạn nộp 31/12/2100</p>");
	card_has(c, "<a class=\"home-action view\" href=\"/reports/8801\">Xem báo cáo</a>");
	free(c);
	/*
	 * Registration R: a draft, due 15/01/R by default; today is in R+1, so
	 * it is overdue.
	 */
	c = card(&r, "registration", R);
	card_has(c, "class=\"home-doc overdue\"");
	card_has(c, "<p class=\"home-state\">Bản nháp, chưa nộp</p>");
	snprintf(s, sizeof(s), "<p class=\"home-due overdue\">Quá hạn (hạn nộp 15/01/%d)</p>", R);
	card_has(c, s);
	snprintf(s, sizeof(s),
		 "<a class=\"home-action\" href=\"/facilities/7301/registration/%d\">Hoàn thành "
		 "và nộp</a>",
		 R);
	card_has(c, s);
	free(c);
	/* Report R-1: accepted (due 15/01/R, the default), view it. */
	c = card(&r, "report", R - 1);
	card_has(c, "<p class=\"home-state\">Đã chấp nhận</p>");
	snprintf(s, sizeof(s), "<p class=\"home-due\">Hạn nộp 15/01/%d</p>", R);
	card_has(c, s);
	card_has(c, "href=\"/reports/8803\">Xem báo cáo</a>");
	free(c);
	/* Registration R-1: none, due 15/01/(R-1): overdue; prepare it. */
	c = card(&r, "registration", R - 1);
	snprintf(s, sizeof(s), "Quá hạn (hạn nộp 15/01/%d)", R - 1);
	card_has(c, s);
	snprintf(s, sizeof(s), "Lập đăng ký năm %d", R - 1);
	card_has(c, s);
	free(c);
	hc_response_free(&r);

	/* The district returns report R with a note of two lines. */
	move(DIS, WF_RETURN, "Thiếu số liệu nước.\nBổ sung hóa đơn tháng 3.");
	last_at("report.return", when, sizeof(when), day, sizeof(day));
	req(ENT, "GET", "/my", NULL, 200, &r);
	c = card(&r, "report", R);
	card_has(c, "data-state=\"returned\"");
	card_has(c, "<p class=\"home-state\">Bị trả lại — cần sửa</p>");
	/* Due 31/12/2100: returned but not overdue. */
	card_has(c, "<p class=\"home-due\">Hạn nộp 31/12/2100</p>");
	snprintf(s, sizeof(s),
		 "<div class=\"home-note\" role=\"note\"><p class=\"home-note-by\">Ý kiến của "
		 "Nguyễn Văn An, lúc %s:</p><p class=\"home-note-text\">Thiếu số liệu nước.\nBổ "
		 "sung hóa đơn tháng 3.</p></div>",
		 when);
	card_has(c, s);
	snprintf(s, sizeof(s),
		 "<a class=\"home-action\" href=\"/facilities/7301/report/%d\">Sửa và nộp lại</a>",
		 R);
	card_has(c, s);
	free(c);
	/* The notice. */
	snprintf(s, sizeof(s),
		 "<li class=\"home-notice returned\">Báo cáo năm %d của Cơ sở nước đá Hòa Bình đã "
		 "bị trả lại ngày %s: cần sửa và nộp lại. <a href=\"/reports/8801\">Xem báo "
		 "cáo</a></li>",
		 R, day);
	hs_contains(&r, s);
	hc_response_free(&r);
	/* Another enterprise sees neither the facility nor the notice. */
	req(ENT2, "GET", "/my", NULL, 200, &r);
	hs_lacks(&r, "Hòa Bình");
	hs_lacks(&r, "home-notices");
	hs_contains(&r, "H2 · Cơ sở xay xát Tân Hiệp");
	hc_response_free(&r);

	/* Sent again and accepted: the newest notice first. */
	move(ENT, WF_SUBMIT, NULL);
	move(PRO, WF_ACCEPT, NULL);
	char aday[32];
	last_at("report.accept", when, sizeof(when), aday, sizeof(aday));
	req(ENT, "GET", "/my", NULL, 200, &r);
	snprintf(s, sizeof(s),
		 "<li class=\"home-notice accepted\">Báo cáo năm %d của Cơ sở nước đá Hòa Bình đã "
		 "được chấp nhận ngày %s. <a href=\"/reports/8801\">Xem báo cáo</a></li><li "
		 "class=\"home-notice returned\">Báo cáo năm %d",
		 R, aday, R);
	hs_contains(&r, s);
	c = card(&r, "report", R);
	card_has(c, "<p class=\"home-state\">Đã chấp nhận</p>");
	if (strstr(c, "home-note") != NULL)
		fail_msg("an accepted report shows no return note");
	free(c);
	hc_response_free(&r);

	/* Marked seen up to the newest: the notices go. */
	long long upto =
	    wfx_int(DBNAME, "SELECT max(id) FROM audit WHERE action = 'report.accept'");
	req(ENT, "POST", "/my/seen", "upto=abc", 400, &r);
	hc_response_free(&r);
	snprintf(s, sizeof(s), "upto=%lld", upto);
	req(ENT, "POST", "/my/seen", s, 303, &r);
	hs_header_is(&r, "Location", "/my");
	hc_response_free(&r);
	req(ENT, "GET", "/my", NULL, 200, &r);
	hs_lacks(&r, "home-notices");
	hc_response_free(&r);
	/* A mark never moves back. */
	req(ENT, "POST", "/my/seen", "upto=1", 303, &r);
	hc_response_free(&r);
	snprintf(s, sizeof(s), "SELECT audit_id FROM home_seen WHERE user_id = %lld",
		 (long long)users[ENT].id);
	assert_int_equal(wfx_int(DBNAME, s), upto);
	/* Staff have no home page. */
	req(DIS, "POST", "/my/seen", "upto=5", 403, &r);
	hc_response_free(&r);

	/* The English page. */
	req(ENT, "GET", "/my?lang=en", NULL, 200, &r);
	c = card(&r, "registration", R + 1);
	card_has(c, "<p class=\"home-state\">Not filed</p>");
	snprintf(s, sizeof(s), "Prepare the %d registration", R + 1);
	card_has(c, s);
	free(c);
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest pure[] = {
	    cmocka_unit_test(test_date_parse),
	    cmocka_unit_test(test_rules),
	    cmocka_unit_test(test_cli),
	};
	const struct CMUnitTest pages[] = {
	    cmocka_unit_test(test_landing),
	    cmocka_unit_test(test_deadlines_page),
	    cmocka_unit_test(test_home_walk),
	};
	int rc = cmocka_run_group_tests_name("home rules", pure, NULL, NULL);
	return rc | cmocka_run_group_tests_name("home pages", pages, setup, hs_teardown);
}
