/*
 * Survey campaigns after their opening (model/survey/campaign.c and
 * campaign_remind.c, cli/cmd_campaign.c): closing (who may, once, audited,
 * the enterprise's links and workbook gone, staff's workbook kept), the
 * reminders on a campaign's own deadline (who owes what, the days, once
 * each, not for a closed campaign, through mail_remind's tick), the
 * workbook link, and the command line's list, progress table and close.
 * Runs on SQLite, and on PostgreSQL under scripts/pg-test.sh.
 *
 * The fixture, worked by hand:
 *
 *   units: province T (9001); district A 't-a' (9002); district B 't-b' (9003)
 *   F1 (1) A, F2 (2) B, F3 (3) A; all active
 *   users: 5 ent1@test and 8 ent8@test of F1, 6 ent2@test of F2, 7 ent3@test
 *   of F3 (app_user.facility_id is confirmed as a membership by a trigger)
 *   reports 2025: F1 submitted, F2 draft, F3 none
 *   registrations 2025: F1 accepted
 *
 *   campaign R: the report on 2025, due 31/03/2026, everyone: F1 F2 F3
 *   campaign B: both, due 31/03/2026, district A: F1 F3
 *   campaign C: the registration, due 10/04/2026, everyone: F1 F2 F3
 *
 * Reminder days are the defaults: 7 and 1 days before, 3 after.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "model/mail/mail.h"
#include "model/mail/notice.h"
#include "model/survey/campaign.h"
#include "testutil.h"
#include "util/arena.h"

#define DBNAME "campaign2.db"
#define DAY    86400
/* 24/03/2026 09:00 in Vietnam (02:00 UTC): 7 days before 31/03/2026. */
#define T0 1774317600

static struct db *db;
static int64_t id_r, id_b, id_c;

static const struct principal province = {2, ROLE_PROVINCE, 0, 0, "province@test"};
static const struct principal district_a = {3, ROLE_DISTRICT, 9002, 0, "district-a@test"};
static const struct principal ent1 = {5, ROLE_ENTERPRISE, 0, 1, "ent1@test"};

static const char fixture_sql[] =
    "INSERT INTO admin_unit(id, code, name, name_en, level, kind, parent_id, source, "
    "reliability) VALUES"
    " (9001,'t-province','Tỉnh T','T Province','province','tỉnh',NULL,'fixture','L'),"
    " (9002,'t-a','Huyện A','A District','district','huyện',9001,'fixture','L'),"
    " (9003,'t-b','Huyện B','B District','district','huyện',9001,'fixture','L');"
    "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id,"
    " ownership, size, status) VALUES"
    " (1,'F1',NULL,'Cơ sở Một','co so mot','1020',9002,'private','small','active'),"
    " (2,'F2',NULL,'Cơ sở Hai','co so hai','1020',9003,'private','small','active'),"
    " (3,'F3',NULL,'Cơ sở Ba','co so ba','1610',9002,'private','medium','active');"
    "INSERT INTO app_user(id, email, role, admin_unit_id, facility_id, created_at) VALUES"
    " (2,'province@test','province',NULL,NULL,'2025-01-01'),"
    " (3,'district-a@test','district',9002,NULL,'2025-01-01'),"
    " (5,'ent1@test','enterprise',NULL,1,'2025-01-01'),"
    " (6,'ent2@test','enterprise',NULL,2,'2025-01-01'),"
    " (7,'ent3@test','enterprise',NULL,3,'2025-01-01'),"
    " (8,'ent8@test','enterprise',NULL,1,'2025-01-01');"
    "INSERT INTO report(id, facility_id, year, status) VALUES"
    " (101,1,2025,'submitted'), (102,2,2025,'draft');"
    "INSERT INTO registration(id, facility_id, year, apply_cp, status) VALUES"
    " (201,1,2025,1,'accepted');";

static int
setup(void **state)
{
	(void)state;
	struct mail_config c;
	mail_config_env(&c, 8080);
	assert_int_equal(mail_config_base_url(&c, "http://sxsh.test/"), 0);
	mail_configure(&c);
	db = fx_db_new(DBNAME, fixture_sql);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(db);
	return 0;
}

/* The integer the query sql answers (through the test's own connection). */
static long
fx_int(struct db *d, const char *sql)
{
	(void)d;
	char buf[64];
	return strtol(tu_query_buf(DBNAME, sql, buf, sizeof(buf)), NULL, 10);
}

static int64_t
open_ok(const char *kind, const char *deadline, const char *unit, long want)
{
	const char *units[1] = {unit};
	struct campaign_in in = {.year = "2025",
				 .kind = kind,
				 .deadline = deadline,
				 .units = units,
				 .nunits = unit != NULL ? 1 : 0};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t id = 0;
	long n = -1;
	assert_int_equal(campaign_open(db, &province, &in, T0 - 30 * DAY, &id, &n, &errs), ST_OK);
	assert_int_equal(n, want);
	return id;
}

/* The campaign reminders in the outbox. */
static long
reminders(void)
{
	return (long)fx_int(db, "SELECT count(*) FROM mail_outbox WHERE kind = 'reminder' AND "
				"dedup_key LIKE 'campaign-reminder/%'");
}

static void
test_url(void **state)
{
	(void)state;
	char url[256];
	/* ' ' is %20, '/' %2F, 'é' (C3 A9) %C3%A9; '-', '.', '_', '~' stay. */
	assert_string_equal(campaign_workbook_url(12, "A B/é-x._~", url, sizeof(url)),
			    "http://sxsh.test/campaigns/12/workbook?facility=A%20B%2F%C3%A9-x._~");
	/* Too short: cut, still terminated, never past the buffer. */
	char small[20];
	campaign_workbook_url(12, "F1", small, sizeof(small));
	assert_int_equal(strlen(small), 19);
}

static void
test_open(void **state)
{
	(void)state;
	id_r = open_ok("report", "31/03/2026", NULL, 3);
	id_b = open_ok("both", "31/03/2026", "t-a", 2);
	id_c = open_ok("registration", "10/04/2026", NULL, 3);
	/* The invitations: one per user, F1's two users in each: R 4, B 3, C 4. */
	assert_int_equal(fx_int(db, "SELECT count(*) FROM mail_outbox WHERE kind = 'invitation'"),
			 11);
}

static void
test_close(void **state)
{
	(void)state;
	assert_int_equal(campaign_close(db, &district_a, id_c, T0), ST_FORBIDDEN);
	assert_int_equal(campaign_close(db, &ent1, id_c, T0), ST_NOTFOUND);
	assert_int_equal(campaign_close(db, &province, 99999, T0), ST_NOTFOUND);
	int64_t ids[4];
	/* F1 is in C, B and R, newest first. */
	assert_int_equal(campaign_open_for_facility(db, 1, ids, 4), 3);
	assert_int_equal(ids[0], id_c);
	assert_int_equal(campaign_close(db, &province, id_c, T0), ST_OK);
	assert_int_equal(campaign_close(db, &province, id_c, T0), ST_STATE);
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM audit WHERE action = 'campaign.close' AND entity = "
		 "'campaign' AND entity_id = '%lld' AND actor = 'province@test'",
		 (long long)id_c);
	assert_int_equal(fx_int(db, sql), 1);
	/* The enterprise home: B and R only. */
	assert_int_equal(campaign_open_for_facility(db, 1, ids, 4), 2);
	assert_int_equal(ids[0], id_b);
	assert_int_equal(ids[1], id_r);
	struct arena a;
	arena_init(&a);
	struct campaign c;
	assert_int_equal(campaign_get(db, &province, &a, id_c, &c), ST_OK);
	assert_int_equal(c.open, 0);
	/* Its workbooks: staff yes, the enterprise no longer. */
	struct campaign_book *b;
	assert_int_equal(campaign_book_load(db, &ent1, &a, id_c, NULL, "F1", T0, &b), ST_NOTFOUND);
	assert_int_equal(campaign_book_load(db, &province, &a, id_c, NULL, "F1", T0, &b), ST_OK);
	assert_int_equal(campaign_book_load(db, &district_a, &a, id_c, "t-a", NULL, T0, &b), ST_OK);
	assert_int_equal(b->nfacilities, 2);
	/* an open one still works for the enterprise */
	assert_int_equal(campaign_book_load(db, &ent1, &a, id_r, NULL, "F1", T0, &b), ST_OK);
	arena_free(&a);
}

static void
test_remind(void **state)
{
	(void)state;
	/*
	 * 24/03, 7 days before R's and B's deadline.  R owes: F2 (draft) and
	 * F3 (nothing); F1 submitted.  B owes: F3 (nothing); F1 has its report
	 * submitted and its registration accepted.  C is closed.  Users: F2's
	 * 6, F3's 7 (twice, once per campaign): 3.  Through mail_remind, whose
	 * own deadlines (15/01) are not due: the same 3, dry first.
	 */
	int q = -1;
	assert_int_equal(mail_remind(db, T0, 1, &q), ST_OK);
	assert_int_equal(q, 3);
	assert_int_equal(reminders(), 0);
	assert_int_equal(mail_remind(db, T0, 0, &q), ST_OK);
	assert_int_equal(q, 3);
	/* The tick again, an hour later: queued once. */
	assert_int_equal(mail_remind(db, T0 + 3600, 0, &q), ST_OK);
	assert_int_equal(q, 0);
	q = 0;
	assert_int_equal(campaign_remind(db, T0 + 7200, &q), 0);
	assert_int_equal(q, 0);
	assert_int_equal(reminders(), 3);
	char sql[512], buf[512];
	snprintf(sql, sizeof(sql),
		 "SELECT subject FROM mail_outbox WHERE kind = 'reminder' AND recipient = "
		 "'ent2@test'");
	assert_string_equal(
	    tu_query_buf(DBNAME, sql, buf, sizeof(buf)),
	    "Nhắc nộp sổ khảo sát: Khảo sát báo cáo năng lượng năm 2025 (hạn ngày 31/03/2026)");
	char *body = tu_query_text(DBNAME, "SELECT body FROM mail_outbox WHERE kind = 'reminder' "
					   "AND recipient = 'ent2@test'");
	snprintf(buf, sizeof(buf),
		 "Cơ sở Hai chưa nộp sổ khảo sát. Hạn nộp là "
		 "ngày 31/03/2026, còn 7 ngày.\n\nTải sổ khảo sát của cơ sở, điền rồi gửi lại hoặc "
		 "tải lên hệ thống: http://sxsh.test/campaigns/%lld/workbook?facility=F2\n",
		 (long long)id_r);
	if (strstr(body, buf) == NULL)
		fail_msg("body: %s", body);
	free(body);
	snprintf(
	    sql, sizeof(sql),
	    "SELECT count(*) FROM mail_outbox WHERE kind = 'reminder' AND recipient = "
	    "'ent3@test' AND facility_id = 3 AND dedup_key = 'campaign-reminder/%lld/2026-03-24/"
	    "3/7'",
	    (long long)id_b);
	assert_int_equal(fx_int(db, sql), 1);

	/* 25/03: no reminder day. */
	q = 0;
	assert_int_equal(campaign_remind(db, T0 + DAY, &q), 0);
	assert_int_equal(q, 0);

	/* F2 submits its report; 30/03, one day before: F3 for R and for B: 2. */
	assert_int_equal(db_exec(db, "UPDATE report SET status = 'submitted' WHERE id = 102"),
			 DB_OK);
	q = 0;
	assert_int_equal(campaign_remind(db, T0 + 6 * DAY, &q), 0);
	assert_int_equal(q, 2);

	/* B closed; 03/04, three days after: F3 for R only, the "late" wording. */
	assert_int_equal(campaign_close(db, NULL, id_b, T0 + 9 * DAY), ST_OK);
	q = 0;
	assert_int_equal(campaign_remind(db, T0 + 10 * DAY, &q), 0);
	assert_int_equal(q, 1);
	assert_int_equal(reminders(), 6);
	assert_string_equal(
	    tu_query_buf(DBNAME,
			 "SELECT subject FROM mail_outbox WHERE kind = 'reminder' ORDER BY id DESC "
			 "LIMIT 1",
			 buf, sizeof(buf)),
	    "Quá hạn nộp sổ khảo sát: Khảo sát báo cáo năng lượng năm 2025 (hạn ngày 31/03/2026)");
	body = tu_query_text(DBNAME, "SELECT body FROM mail_outbox WHERE kind = 'reminder' ORDER "
				     "BY id DESC LIMIT 1");
	snprintf(
	    buf, sizeof(buf),
	    "Cơ sở Ba chưa nộp sổ khảo sát. Hạn nộp ngày "
	    "31/03/2026 đã qua 3 ngày; xin gửi sớm.\n\nTải sổ khảo sát của cơ sở, điền rồi gửi "
	    "lại hoặc tải lên hệ thống: http://sxsh.test/campaigns/%lld/workbook?facility=F3\n",
	    (long long)id_r);
	if (strstr(body, buf) == NULL)
		fail_msg("body: %s", body);
	free(body);
	/* 04/04: none. */
	q = 0;
	assert_int_equal(campaign_remind(db, T0 + 11 * DAY, &q), 0);
	assert_int_equal(q, 0);
}

/*
 * The command line: the list with kind and state in words, columns as
 * wide as their widest cell in characters, two spaces between; the
 * progress table; close.
 */
static void
test_cli(void **state)
{
	(void)state;
	char cmd[2048], url[1024], want[4096], *out = NULL, *err = NULL;
	snprintf(url, sizeof(url), "%s", tu_db_url(DBNAME));
	/*
	 * Widths (characters): ID 5 ("Số/ID"), year 8 ("Năm/Year"), kind 42
	 * ("Báo cáo và đăng ký/Report and registration" = 18 + 1 + 23), due
	 * 11 ("Hạn nộp/Due"), state 16 ("Trạng thái/State"), facilities 16
	 * ("Cơ sở/Facilities"); the title last, unpadded.  B and C are closed.
	 */
	snprintf(cmd, sizeof(cmd), "%s campaign list --db '%s'", tu_sxsh(), url);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	snprintf(want, sizeof(want),
		 "Số/ID  Năm/Year  Nội dung/Kind                               Hạn nộp/Due  "
		 "Trạng thái/State  Cơ sở/Facilities  Tiêu đề/Title\n"
		 "    %lld  2025      Đăng ký SXSH/CP registration                10/04/2026   "
		 "Đã đóng/Closed                   3  Đăng ký áp dụng SXSH năm 2025\n"
		 "    %lld  2025      Báo cáo và đăng ký/Report and registration  31/03/2026   "
		 "Đã đóng/Closed                   2  Khảo sát báo cáo năng lượng và đăng ký SXSH "
		 "năm 2025\n"
		 "    %lld  2025      Báo cáo năng lượng/Energy report            31/03/2026   "
		 "Đang mở/Open                     3  Khảo sát báo cáo năng lượng năm 2025\n",
		 (long long)id_c, (long long)id_b, (long long)id_r);
	assert_string_equal(out, want);
	free(out);

	/*
	 * R's progress: F1 and F2 submitted (opened), F3 nothing.  A: F1, F3:
	 * 2 invited, 1 opened, 0, 1 submitted, 0.  B: F2: 1, 1, 0, 1, 0.
	 * Total 3, 2, 0, 2, 0.  Widths: 15 ("Tổng cộng/Total"), then the
	 * heads': 16, 12, 10, 16, 18, numbers right-aligned.
	 */
	snprintf(cmd, sizeof(cmd), "%s campaign progress %lld --db '%s'", tu_sxsh(),
		 (long long)id_r, url);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_string_equal(
	    out, "Khảo sát báo cáo năng lượng năm 2025\n"
		 "Năm/Year 2025; Báo cáo năng lượng/Energy report; hạn nộp/due 31/03/2026; đang "
		 "mở/open\n\n"
		 "Huyện/District   Được mời/Invited  Đã mở/Opened  Nháp/Draft  Đã nộp/Submitted  "
		 "Chấp nhận/Accepted\n"
		 "Huyện A                         2             1           0                 1  "
		 "                 0\n"
		 "Huyện B                         1             1           0                 1  "
		 "                 0\n"
		 "Tổng cộng/Total                 3             2           0                 2  "
		 "                 0\n");
	free(out);

	/* close: done, then closed already (exit 1), then no such campaign. */
	snprintf(cmd, sizeof(cmd), "%s campaign close %lld --db '%s'", tu_sxsh(), (long long)id_r,
		 url);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	snprintf(want, sizeof(want), "Đã đóng đợt khảo sát số %lld. / Campaign %lld closed.\n",
		 (long long)id_r, (long long)id_r);
	assert_string_equal(out, want);
	free(out);
	assert_int_equal(tu_run(cmd, NULL, &err), 1);
	snprintf(want, sizeof(want),
		 "sxsh campaign: Đợt khảo sát số %lld đã đóng trước đó. / Campaign %lld is closed "
		 "already.\n",
		 (long long)id_r, (long long)id_r);
	assert_string_equal(err, want);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s campaign close 99999 --db '%s'", tu_sxsh(), url);
	assert_int_equal(tu_run(cmd, NULL, &err), 1);
	assert_string_equal(err,
			    "sxsh campaign: không có đợt khảo sát số 99999 / no campaign 99999\n");
	free(err);
	snprintf(cmd, sizeof(cmd), "%s campaign close x --db '%s'", tu_sxsh(), url);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	/* The command line's closing is audited too, with no user. */
	char sql[256];
	snprintf(
	    sql, sizeof(sql),
	    "SELECT count(*) FROM audit WHERE action = 'campaign.close' AND entity_id = '%lld'",
	    (long long)id_r);
	assert_int_equal(fx_int(db, sql), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_url),	  cmocka_unit_test(test_open),
	    cmocka_unit_test(test_close), cmocka_unit_test(test_remind),
	    cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests_name("campaign after opening", tests, setup, teardown);
}
