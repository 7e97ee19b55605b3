/*
 * Survey campaigns (model/survey/campaign.c): validation of what is typed,
 * scope resolution (units with their communes, sector prefix, size, key
 * users, closed facilities left out, an empty scope refused), progress per
 * district for each kind, the district's own row, the workbook's content
 * (facilities by code, prefill from the last accepted report before the
 * year) with its access rules, and opened_at.  Runs on SQLite, and on
 * PostgreSQL under scripts/pg-test.sh.
 *
 * The fixture, worked by hand:
 *
 *   units: province T (9001); district A 't-a' (9002) with commune A1
 *   (9004); district B 't-b' (9003).
 *   F1 (1) commune A1 -> A, sector 1020, small
 *   F2 (2) B, 1020, small
 *   F3 (3) A, 1610, medium
 *   F4 (4) A, 1020, large
 *   F5 (5) B, 2394, large
 *   F6 (6) A, 1020, small, closed: never in scope
 *
 *   reports 2025: F1 draft, F2 returned, F3 submitted, F4 accepted, F5 none
 *   registrations 2025: F1 submitted, F4 accepted, F5 draft
 *   accepted reports 2024: F1 (outputs frozen_shrimp 10 t, frozen_catfish
 *   5 t; energy electricity 100.000 kWh in two monthly lines, do 2 t),
 *   F5 (electricity 10.000.000 kWh: 10e6 x 0.0001543 = 1543 TOE >= 1000,
 *   the only key user of 2024; F1 is 15,43 TOE plus its DO, far below).
 *   F1 also has an accepted 2023 report with frozen_seafood, which the
 *   prefill must not use (2024 is the last before 2025).
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
#include "model/mail/outbox.h"
#include "model/survey/campaign.h"
#include "testutil.h"
#include "util/arena.h"

#define DBNAME "campaign.db"

static struct db *db;
/* The campaigns the tests open, in order (ids differ per backend: a refused open may use one). */
static int64_t id_all, id_both, id_reg, id_key;

static const struct principal province = {2, ROLE_PROVINCE, 0, 0, "province@test"};
static const struct principal district_a = {3, ROLE_DISTRICT, 9002, 0, "district-a@test"};
static const struct principal district_b = {4, ROLE_DISTRICT, 9003, 0, "district-b@test"};
static const struct principal ent1 = {5, ROLE_ENTERPRISE, 0, 1, "ent1@test"};
static const struct principal ent2 = {6, ROLE_ENTERPRISE, 0, 2, "ent2@test"};

static const char fixture_sql[] =
    "INSERT INTO admin_unit(id, code, name, name_en, level, kind, parent_id, source, "
    "reliability) VALUES"
    " (9001,'t-province','Tỉnh T','T Province','province','tỉnh',NULL,'fixture','L'),"
    " (9002,'t-a','Huyện A','A District','district','huyện',9001,'fixture','L'),"
    " (9003,'t-b','Huyện B','B District','district','huyện',9001,'fixture','L'),"
    " (9004,'t-a1','Xã A1','A1 Commune','commune','xã',9002,'fixture','L');"
    "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id,"
    " ownership, size, status) VALUES"
    " (1,'F1','0100109106','Cơ sở Một','co so mot','1020',9004,'private','small','active'),"
    " (2,'F2',NULL,'Cơ sở Hai','co so hai','1020',9003,'private','small','active'),"
    " (3,'F3',NULL,'Cơ sở Ba','co so ba','1610',9002,'private','medium','active'),"
    " (4,'F4',NULL,'Cơ sở Bốn','co so bon','1020',9002,'private','large','active'),"
    " (5,'F5',NULL,'Cơ sở Năm','co so nam','2394',9003,'private','large','active'),"
    " (6,'F6',NULL,'Cơ sở Sáu','co so sau','1020',9002,'private','small','closed');"
    "INSERT INTO app_user(id, email, role, admin_unit_id, facility_id, created_at) VALUES"
    " (2,'province@test','province',NULL,NULL,'2025-01-01'),"
    " (3,'district-a@test','district',9002,NULL,'2025-01-01'),"
    " (4,'district-b@test','district',9003,NULL,'2025-01-01'),"
    " (5,'ent1@test','enterprise',NULL,1,'2025-01-01'),"
    " (6,'ent2@test','enterprise',NULL,2,'2025-01-01');"
    /* a trigger of migration 0005 confirms app_user.facility_id as a facility_member */
    "INSERT INTO report(id, facility_id, year, status) VALUES"
    " (101,1,2025,'draft'), (102,2,2025,'returned'), (103,3,2025,'submitted'),"
    " (104,4,2025,'accepted'), (111,1,2024,'accepted'), (115,5,2024,'accepted'),"
    " (121,1,2023,'accepted');"
    "INSERT INTO registration(id, facility_id, year, apply_cp, status) VALUES"
    " (201,1,2025,1,'submitted'), (204,4,2025,1,'accepted'), (205,5,2025,0,'draft');"
    "INSERT INTO report_output(report_id, product_code, quantity, unit) VALUES"
    " (111,'frozen_shrimp',10,'t'), (111,'frozen_catfish',5,'t'),"
    " (121,'frozen_seafood',7,'t');"
    "INSERT INTO report_energy(report_id, carrier_code, month, quantity, unit) VALUES"
    " (111,'electricity',1,60000,'kWh'), (111,'electricity',2,40000,'kWh'),"
    " (111,'do',NULL,2,'t'), (115,'electricity',NULL,10000000,'kWh');";

static int
setup(void **state)
{
	(void)state;
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

/* Opens a campaign as province staff; asserts ST_OK and the facilities invited. */
static int64_t
open_ok(const struct campaign_in *in, long want)
{
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t id = 0;
	long n = -1;
	int rc = campaign_open(db, &province, in, 1767225600, &id, &n, &errs);
	if (rc != ST_OK && errs.n > 0)
		fail_msg("field %s", errs.e[0].field);
	assert_int_equal(rc, ST_OK);
	assert_int_equal(n, want);
	assert_true(id > 0);
	return id;
}

static void
count_is(const struct campaign_count *c, long invited, long opened, long draft, long submitted,
	 long accepted)
{
	assert_int_equal(c->invited, invited);
	assert_int_equal(c->opened, opened);
	assert_int_equal(c->draft, draft);
	assert_int_equal(c->submitted, submitted);
	assert_int_equal(c->accepted, accepted);
}

static void
test_validation(void **state)
{
	(void)state;
	const char *units[] = {"Huyện Z"};
	struct campaign_in in = {.year = "20x5",
				 .kind = "survey",
				 .deadline = "31/02/2026",
				 .sector = "no such sector",
				 .size = "huge",
				 .units = units,
				 .nunits = 1};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t id = 0;
	long n = 0;
	assert_int_equal(campaign_open(db, &province, &in, 1767225600, &id, &n, &errs), ST_INVALID);
	static const char *const fields[] = {"year", "kind", "deadline", "units", "sector", "size"};
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		assert_non_null(wf_errors_find(&errs, fields[i]));
	tu_assert_msg(wf_errors_find(&errs, "deadline"),
		      "hạn nộp phải là một ngày dạng ngày/tháng/năm, ví dụ 31/03/2026",
		      "deadline must be a date written day/month/year (31/03/2026) or "
		      "year-month-day (2026-03-31), got '31/02/2026'");
	tu_assert_msg(wf_errors_find(&errs, "units"), "đơn vị hành chính không tồn tại",
		      "unknown administrative unit 'Huyện Z'");

	/* Missing fields are named. */
	struct campaign_in empty = {0};
	wf_errors_clear(&errs);
	assert_int_equal(campaign_open(db, &province, &empty, 1767225600, &id, &n, &errs),
			 ST_INVALID);
	tu_assert_msg(wf_errors_find(&errs, "deadline"), "thiếu hạn nộp", "deadline is missing");
	assert_non_null(wf_errors_find(&errs, "year"));
	assert_non_null(wf_errors_find(&errs, "kind"));

	/* 2394 (cement) has no small facility: an empty scope is refused, nothing stored. */
	struct campaign_in none = {.year = "2025",
				   .kind = "report",
				   .deadline = "2026-03-31",
				   .sector = "2394",
				   .size = "small"};
	wf_errors_clear(&errs);
	assert_int_equal(campaign_open(db, &province, &none, 1767225600, &id, &n, &errs),
			 ST_INVALID);
	tu_assert_msg(wf_errors_find(&errs, "scope"),
		      "không có cơ sở đang hoạt động nào thuộc phạm vi đã chọn",
		      "no active facility matches the scope chosen");
	char *c = tu_query_text(DBNAME, "SELECT count(*) FROM campaign");
	assert_string_equal(c, "0");
	free(c);

	/* Only province staff open campaigns. */
	struct campaign_in ok = {.year = "2025", .kind = "report", .deadline = "2026-03-31"};
	wf_errors_clear(&errs);
	assert_int_equal(campaign_open(db, &district_a, &ok, 1767225600, &id, &n, &errs),
			 ST_FORBIDDEN);
}

/* Appends "CODE:UNIT " of each member to the text ctx (64 bytes). */
static int
each(const struct campaign_member *m, void *ctx)
{
	char *s = ctx;
	size_t l = strlen(s);
	snprintf(s + l, 64 - l, "%s:%s ", m->code, m->unit_code);
	return 0;
}

/* Campaign 1: the report, no criterion: F1..F5 (F6 is closed). */
static void
test_report_all(void **state)
{
	(void)state;
	struct campaign_in in = {.year = "2025", .kind = "report", .deadline = "31/03/2026"};
	int64_t id = id_all = open_ok(&in, 5);
	struct arena a;
	arena_init(&a);
	struct campaign c;
	assert_int_equal(campaign_get(db, &province, &a, id, &c), ST_OK);
	assert_string_equal(c.deadline, "2026-03-31");
	assert_string_equal(c.title, "Khảo sát báo cáo năng lượng năm 2025");
	assert_int_equal(c.kind, CAMPAIGN_REPORT);
	assert_int_equal(c.nunits, 0);
	assert_int_equal(c.nfacilities, 5);
	/*
	 * A: F1 draft, F3 submitted, F4 accepted: 3 invited, 3 opened (each has
	 * a report), 1 draft, 1 submitted, 1 accepted.  B: F2 returned (a
	 * draft), F5 no report, never opened: 2, 1, 1, 0, 0.  Total 5, 4, 2, 1, 1.
	 */
	struct campaign_progress p;
	assert_int_equal(campaign_progress(db, &province, &a, id, &p), ST_OK);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.units[0].unit_code, "t-a");
	assert_string_equal(p.units[0].unit_name, "Huyện A");
	count_is(&p.units[0], 3, 3, 1, 1, 1);
	assert_string_equal(p.units[1].unit_code, "t-b");
	count_is(&p.units[1], 2, 1, 1, 0, 0);
	count_is(&p.total, 5, 4, 2, 1, 1);

	/*
	 * Opening queued the invitations in its transaction: one to each
	 * enterprise account of a facility in scope, F1's ent1 and F2's ent2
	 * (F3-F5 have none), the deadline 2026-03-31 written 31/03/2026.
	 */
	struct mail_row *rows;
	size_t nrows;
	assert_int_equal(mail_list(db, NULL, 0, 0, &rows, &nrows), ST_OK);
	assert_int_equal(nrows, 2);
	int ent1_seen = 0;
	for (size_t i = 0; i < nrows; i++) {
		assert_string_equal(rows[i].kind, "invitation");
		assert_string_equal(rows[i].state, "queued");
		assert_string_equal(
		    rows[i].subject,
		    "Khảo sát năm 2025: mời cơ sở gửi số liệu trước ngày 31/03/2026");
		ent1_seen += strcmp(rows[i].recipient, "ent1@test") == 0;
		assert_true(strcmp(rows[i].recipient, "ent1@test") == 0 ||
			    strcmp(rows[i].recipient, "ent2@test") == 0);
	}
	assert_int_equal(ent1_seen, 1);
	free(rows);

	/* District B sees its own row only; the total is of that row. */
	assert_int_equal(campaign_progress(db, &district_b, &a, id, &p), ST_OK);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.units[0].unit_code, "t-b");
	count_is(&p.total, 2, 1, 1, 0, 0);
	/* An enterprise sees no campaign. */
	assert_int_equal(campaign_progress(db, &ent1, &a, id, &p), ST_NOTFOUND);

	/* The mail hook's iteration: every facility by code, with its district. */
	char seen[64] = "";
	assert_int_equal(campaign_each_facility(db, id, each, seen), 0);
	assert_string_equal(seen, "F1:t-a F2:t-b F3:t-a F4:t-a F5:t-b ");
	arena_free(&a);
}

/* Campaign 2: both documents, district A by name (its commune's F1 included). */
static void
test_both_unit(void **state)
{
	(void)state;
	/* The same district twice: its name unaccented, and "H." for "Huyện" (one unit). */
	const char *units[] = {"huyen a", "H. A"};
	struct campaign_in in = {
	    .year = "2025", .kind = "both", .deadline = "2026-03-31", .units = units, .nunits = 2};
	int64_t id = id_both = open_ok(&in, 3);
	struct arena a;
	arena_init(&a);
	/*
	 * Both: the less advanced of the two documents, one started counting as
	 * a draft.  F1 report draft (1), registration submitted (2): draft.  F3
	 * report submitted (2), no registration (0): one started, draft.  F4
	 * both accepted: accepted.  A: 3 invited, 3 opened, 2 draft, 0, 1.
	 */
	struct campaign_progress p;
	assert_int_equal(campaign_progress(db, &province, &a, id, &p), ST_OK);
	assert_int_equal(p.n, 1);
	count_is(&p.units[0], 3, 3, 2, 0, 1);
	struct campaign c;
	assert_int_equal(campaign_get(db, &province, &a, id, &c), ST_OK);
	assert_int_equal(c.nunits, 1);
	assert_string_equal(c.units[0].code, "t-a");
	arena_free(&a);
}

/* Campaign 3: the registration, sector 1020 (prefix), small: F1 and F2. */
static void
test_registration_sector_size(void **state)
{
	(void)state;
	struct campaign_in in = {.year = "2025",
				 .kind = "Đăng ký SXSH",
				 .deadline = "2026-03-31",
				 .sector = "1020",
				 .size = "Nhỏ"};
	int64_t id = id_reg = open_ok(&in, 2);
	struct arena a;
	arena_init(&a);
	struct campaign_progress p;
	/* A: F1 registration submitted: 1, 1, 0, 1, 0.  B: F2 none: 1, 0, 0, 0, 0. */
	assert_int_equal(campaign_progress(db, &province, &a, id, &p), ST_OK);
	assert_int_equal(p.n, 2);
	count_is(&p.units[0], 1, 1, 0, 1, 0);
	count_is(&p.units[1], 1, 0, 0, 0, 0);

	/* F2's enterprise opening its registration form records it as opened... */
	assert_int_equal(campaign_form_opened(db, &ent2, 2, 2025, 1, 1767300000), 0);
	assert_int_equal(campaign_progress(db, &province, &a, id, &p), ST_OK);
	count_is(&p.units[1], 1, 1, 0, 0, 0);
	char *t = tu_query_text(DBNAME, "SELECT opened_at FROM campaign_facility WHERE "
					"facility_id = 2 AND campaign_id = (SELECT max(id) FROM "
					"campaign)");
	assert_string_equal(t, "1767300000");
	free(t);
	/* ...once: a later opening keeps the first time; staff opening it records nothing. */
	assert_int_equal(campaign_form_opened(db, &ent2, 2, 2025, 1, 1767400000), 0);
	assert_int_equal(campaign_form_opened(db, &province, 1, 2025, 1, 1767400000), 0);
	t = tu_query_text(DBNAME, "SELECT coalesce(min(opened_at), 0) || '/' || "
				  "count(opened_at) FROM campaign_facility WHERE campaign_id = "
				  "(SELECT max(id) FROM campaign)");
	assert_string_equal(t, "1767300000/1");
	free(t);
	arena_free(&a);
}

/* Campaign 4: key users of 2024 only: F5 (1543 TOE). */
static void
test_key_users(void **state)
{
	(void)state;
	struct campaign_in in = {
	    .year = "2025", .kind = "report", .deadline = "2026-03-31", .key_users = 1};
	id_key = open_ok(&in, 1);
	char *t = tu_query_text(DBNAME, "SELECT facility_id FROM campaign_facility WHERE "
					"campaign_id = (SELECT max(id) FROM campaign)");
	assert_string_equal(t, "5");
	free(t);
}

/* The workbook of district A in campaign 1 and who may have it. */
static void
test_book(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct campaign_book *b;
	int64_t id = id_all;
	char sql[256];
	assert_int_equal(campaign_book_load(db, &province, &a, id, "t-a", NULL, 1767225600, &b),
			 ST_OK);
	assert_string_equal(b->scope, "unit:t-a");
	assert_string_equal(b->scope_name, "Huyện A");
	assert_int_equal(b->nfacilities, 3);
	assert_string_equal(b->facilities[0].code, "F1");
	assert_string_equal(b->facilities[0].tax_code, "0100109106");
	assert_string_equal(b->facilities[0].unit_name, "Xã A1");
	assert_string_equal(b->facilities[1].code, "F3");
	assert_string_equal(b->facilities[2].code, "F4");
	/* F1's 2024 report: two products by code order (frozen_catfish, frozen_shrimp). */
	assert_int_equal(b->facilities[0].noutputs, 2);
	assert_string_equal(b->facilities[0].outputs[0].name,
			    "Cá da trơn đông lạnh (tấn sản phẩm quy đổi)");
	assert_string_equal(b->facilities[0].outputs[1].name,
			    "Tôm đông lạnh (tấn sản phẩm quy đổi)");
	/* Electricity once (two monthly lines), then DO (by code: do < electricity). */
	assert_int_equal(b->facilities[0].nenergy, 2);
	assert_string_equal(b->facilities[0].energy[0].name, "Dầu diesel (DO)");
	assert_string_equal(b->facilities[0].energy[1].name, "Điện");
	/* units by their Vietnamese names (data/units.csv: kWh "kilôoát giờ") */
	assert_string_equal(b->facilities[0].energy[1].unit, "kilôoát giờ");
	assert_int_equal(b->facilities[1].noutputs, 0);
	assert_int_equal(b->nwater, 4);
	assert_string_equal(b->water[0], "Nước máy");
	assert_true(b->nproducts > 10);

	/* District A may have its own; district B not; an enterprise no district. */
	assert_int_equal(campaign_book_load(db, &district_a, &a, id, "t-a", NULL, 0, &b), ST_OK);
	assert_int_equal(campaign_book_load(db, &district_b, &a, id, "t-a", NULL, 0, &b),
			 ST_NOTFOUND);
	assert_int_equal(campaign_book_load(db, &ent1, &a, id, "t-a", NULL, 0, &b), ST_NOTFOUND);
	assert_int_equal(campaign_book_load(db, &province, &a, 999, "t-a", NULL, 0, &b),
			 ST_NOTFOUND);

	/* An enterprise has its own facility's, and its download records F1 opened. */
	assert_int_equal(campaign_book_load(db, &ent1, &a, id, NULL, "F2", 0, &b), ST_NOTFOUND);
	assert_int_equal(campaign_book_load(db, &province, &a, id, NULL, "F1", 1767225700, &b),
			 ST_OK);
	snprintf(sql, sizeof(sql),
		 "SELECT count(opened_at) FROM campaign_facility WHERE campaign_id = %lld",
		 (long long)id);
	char *t = tu_query_text(DBNAME, sql);
	assert_string_equal(t, "0"); /* staff downloads record nothing */
	free(t);
	assert_int_equal(campaign_book_load(db, &ent1, &a, id, NULL, "F1", 1767225800, &b), ST_OK);
	assert_string_equal(b->scope, "facility:F1");
	assert_int_equal(b->nfacilities, 1);
	snprintf(
	    sql, sizeof(sql),
	    "SELECT opened_at FROM campaign_facility WHERE campaign_id = %lld AND facility_id = 1",
	    (long long)id);
	t = tu_query_text(DBNAME, sql);
	assert_string_equal(t, "1767225800");
	free(t);
	arena_free(&a);
}

static void
test_list(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct campaign *v;
	int n;
	assert_int_equal(campaign_list(db, &province, &a, &v, &n), ST_OK);
	/* Four opened above, newest first. */
	assert_int_equal(n, 4);
	assert_int_equal(v[0].id, id_key);
	assert_int_equal(v[1].id, id_reg);
	assert_int_equal(v[2].id, id_both);
	assert_int_equal(v[3].id, id_all);
	assert_int_equal(v[0].key_users, 1);
	assert_int_equal(v[1].kind, CAMPAIGN_REGISTRATION);
	assert_string_equal(v[1].sector_code, "1020");
	assert_string_equal(v[1].size, "small");
	assert_int_equal(v[3].nfacilities, 5);
	assert_int_equal(campaign_list(db, &ent1, &a, &v, &n), ST_OK);
	assert_int_equal(n, 0);
	int64_t ids[4];
	/* F1 is in campaigns 1, 2 and 3, newest first. */
	assert_int_equal(campaign_open_for_facility(db, 1, ids, 4), 3);
	assert_int_equal(ids[0], id_reg);
	assert_int_equal(ids[1], id_both);
	assert_int_equal(ids[2], id_all);
	arena_free(&a);
}

/* sxsh campaign on the same database: open, list, progress, workbook, errors. */
static void
test_cli(void **state)
{
	(void)state;
	char cmd[4096], want[512], *out = NULL, *err = NULL;
	char url[1024]; /* tu_db_url's buffer is reused by tu_run */
	snprintf(url, sizeof(url), "%s", tu_db_url(DBNAME));
	/* District B: F2 and F5. */
	snprintf(cmd, sizeof(cmd),
		 "%s campaign open --year 2025 --kind report --deadline 2026-03-31 --unit t-b "
		 "--base-url https://sxsh.example.vn/ --db '%s'",
		 tu_sxsh(), url);
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	long long id = strtoll(out, NULL, 10);
	snprintf(want, sizeof(want), "%lld\n", id);
	assert_string_equal(out, want);
	snprintf(want, sizeof(want),
		 "Đã mở đợt khảo sát số %lld cho 2 cơ sở / Campaign %lld opened for 2 facilities\n",
		 id, id);
	assert_string_equal(err, want);
	free(out);
	free(err);
	/*
	 * F2's ent2 is invited with the link under --base-url (its trailing '/'
	 * dropped): https://sxsh.example.vn/campaigns/ID/workbook?facility=F2.
	 */
	char sql[256];
	snprintf(sql, sizeof(sql),
		 "SELECT body FROM mail_outbox WHERE kind = 'invitation' AND recipient = "
		 "'ent2@test' AND dedup_key LIKE 'invitation/%lld/%%'",
		 id);
	char *body = tu_query_text(DBNAME, sql);
	assert_non_null(body);
	snprintf(want, sizeof(want),
		 "https://sxsh.example.vn/campaigns/%lld/workbook?facility=F2\n", id);
	if (strstr(body, want) == NULL)
		fail_msg("no link %s in %s", want, body);
	free(body);
	/* A --base-url that is not http(s) is a usage error. */
	snprintf(cmd, sizeof(cmd),
		 "%s campaign open --year 2025 --kind report --deadline 2026-03-31 --unit t-b "
		 "--base-url ftp://x --db '%s'",
		 tu_sxsh(), url);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);

	/*
	 * F2's 2025 report was returned: opened (it has a document) and a
	 * draft; F5 has none.  B: 2, 1, 1, 0, 0, and the same total.
	 */
	snprintf(cmd, sizeof(cmd), "%s campaign progress %lld --format csv --db '%s'", tu_sxsh(),
		 id, url);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_string_equal(out, "unit_code,unit,invited,opened,draft,submitted,accepted\n"
				 "t-b,Huyện B,2,1,1,0,0\n"
				 "total,,2,1,1,0,0\n");
	free(out);
	snprintf(cmd, sizeof(cmd), "%s campaign progress %lld --format json --db '%s'", tu_sxsh(),
		 id, url);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_non_null(strstr(out, "\"deadline\": \"2026-03-31\""));
	assert_non_null(strstr(out, "\"unit_code\": \"t-b\""));
	free(out);
	snprintf(cmd, sizeof(cmd), "%s campaign list --db '%s'", tu_sxsh(), url);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	/*
	 * The kind column is 42 characters wide (campaign 2 is "Báo cáo và đăng
	 * ký/Report and registration"), the state 16 ("Trạng thái/State"), the
	 * facilities 16 ("Cơ sở/Facilities"), the id 5 ("Số/ID").
	 */
	snprintf(want, sizeof(want),
		 "\n%5lld  2025      Báo cáo năng lượng/Energy report            31/03/2026   Đang "
		 "mở/Open                     2  Khảo sát",
		 id);
	if (strstr(out, want) == NULL)
		fail_msg("list: %s", out);
	free(out);

	/* The district's workbook; a district not in it; a campaign that does not exist. */
	char path[1024];
	snprintf(path, sizeof(path), "%s", tu_path("cli-b.xlsx"));
	snprintf(cmd, sizeof(cmd), "%s campaign workbook %lld --unit t-b -o '%s' --db '%s'",
		 tu_sxsh(), id, path, url);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	size_t len = 0;
	char *book = tu_read_file(path, &len);
	assert_non_null(book);
	assert_true(len > 1000 && memcmp(book, "PK", 2) == 0);
	free(book);
	snprintf(cmd, sizeof(cmd), "%s campaign workbook %lld --unit t-a -o '%s' --db '%s'",
		 tu_sxsh(), id, path, url);
	assert_int_equal(tu_run(cmd, NULL, &err), 1);
	assert_string_equal(err, "sxsh campaign: t-a không thuộc đợt khảo sát này / t-a is not in "
				 "this campaign\n");
	free(err);
	snprintf(cmd, sizeof(cmd), "%s campaign workbook 99999 --unit t-b -o '%s' --db '%s'",
		 tu_sxsh(), path, url);
	assert_int_equal(tu_run(cmd, NULL, &err), 1);
	assert_string_equal(err,
			    "sxsh campaign: không có đợt khảo sát số 99999 / no campaign 99999\n");
	free(err);

	/* Wrong fields: exit 1, each named by its option in both languages. */
	snprintf(cmd, sizeof(cmd),
		 "%s campaign open --year 2025 --kind x --deadline 2026-02-30 --db '%s'", tu_sxsh(),
		 url);
	assert_int_equal(tu_run(cmd, NULL, &err), 1);
	assert_string_equal(err,
			    "sxsh campaign: --kind: loại khảo sát không hợp lệ / invalid "
			    "campaign kind 'x' (report|registration|both)\n"
			    "sxsh campaign: --deadline: hạn nộp phải là một ngày dạng "
			    "ngày/tháng/năm, ví dụ 31/03/2026 / deadline must be a date written "
			    "day/month/year (31/03/2026) or year-month-day (2026-03-31), got "
			    "'2026-02-30'\n");
	free(err);
	/* Usage errors: exit 2. */
	snprintf(cmd, sizeof(cmd), "%s campaign --db '%s'", tu_sxsh(), url);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof(cmd), "%s campaign workbook %lld -o x.xlsx --db '%s'", tu_sxsh(), id,
		 url);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
	snprintf(cmd, sizeof(cmd), "%s campaign progress %lld --format xlsx --db '%s'", tu_sxsh(),
		 id, url);
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_validation), cmocka_unit_test(test_report_all),
	    cmocka_unit_test(test_both_unit),  cmocka_unit_test(test_registration_sector_size),
	    cmocka_unit_test(test_key_users),  cmocka_unit_test(test_book),
	    cmocka_unit_test(test_list),       cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests_name("campaign", tests, setup, teardown);
}
