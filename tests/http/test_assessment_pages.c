/*
 * CP assessments over HTTP against a real `sxsh serve`: the province opens
 * one through the form (a date that is no day first: named, everything
 * typed kept), adds an expert to its team; the authorisation of the pages
 * and the API per role (the enterprise its own facility's, 404 for
 * another's; the expert the assessments whose team names it, 404 for
 * another; the district officer reads its unit's, 403 on changes; the
 * province everything); then the whole walk: the expert starts, sets a
 * task done, uploads a file and submits; the province returns it with a
 * note (none first: refused), the expert submits again, the province
 * accepts and moves it to sustaining.  A stale form changes nothing (409).
 * The audit rows of the walk are counted at the end.
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
#include "http_session.h"
#include "testutil.h"

enum { PRO, DIS, ENT, ENT2, EXP, EXP2, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];
static struct user users[NWHO];

#define DBNAME "assessment_pages.db"

static int
setup(void **state)
{
	db = fx_db_new(
	    DBNAME,
	    "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, ownership, "
	    "size) VALUES "
	    "(7501, 'DH1', 'Công ty chế biến thủy sản Đông Hải', 'cong ty che bien thuy san dong "
	    "hai', '1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', "
	    "'medium'), "
	    "(7502, 'PQ1', 'Cơ sở nước mắm Phú Quốc', 'co so nuoc mam phu quoc', '1020', (SELECT "
	    "id FROM admin_unit WHERE code = 'phu-quoc'), 'private', 'small')");
	static const struct user_new u[NWHO] = {
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7501},
	    [ENT2] = {.email = "ent2@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7502},
	    [EXP] = {.email = "exp@x.vn", .role = ROLE_EXPERT},
	    [EXP2] = {.email = "exp2@x.vn", .role = ROLE_EXPERT},
	};
	hs_accounts(db, u, NWHO, users, sess);
	*state = db;
	hs_server_start(&server, DBNAME);
	return 0;
}

static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

static void
status_is(int who, const char *method, const char *target, const char *body, int status)
{
	struct hc_response r;
	req(who, method, target, body, status, &r);
	hc_response_free(&r);
}

static long long
num(const char *sql)
{
	char out[64];
	tu_query_buf(DBNAME, sql, out, sizeof(out));
	return atoll(out);
}

static long long
version_of(long long id)
{
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT version FROM assessment WHERE id = %lld", id);
	return num(sql);
}

/* POSTs form "op=OP&version=V&rest" to the assessment's path; asserts status. */
static void
post_v(int who, long long id, const char *sub, const char *rest, int status, struct hc_response *r)
{
	char target[128], body[1024];
	snprintf(target, sizeof(target), "/assessments/%lld%s", id, sub);
	snprintf(body, sizeof(body), "version=%lld%s%s", version_of(id), rest[0] ? "&" : "", rest);
	req(who, "POST", target, body, status, r);
}

static void
post_ok(int who, long long id, const char *sub, const char *rest)
{
	struct hc_response r;
	post_v(who, id, sub, rest, 303, &r);
	hc_response_free(&r);
}

static void
test_walk(void **state)
{
	(void)state;
	struct hc_response r;
	char path[128];
	/* 1. A date that is no day: the field named, the typed values kept. */
	req(PRO, "POST", "/assessments/new",
	    "facility=%C4%90%C3%B4ng+H%E1%BA%A3i&started_on=31%2F02%2F2026&tolerance_pct=2%2C5"
	    "&title=D%C3%A2y+chuy%E1%BB%81n+c%E1%BA%A5p+%C4%91%C3%B4ng&funding=provincial",
	    400, &r);
	hs_contains(&r, "ngày bắt đầu phải là một ngày dạng ngày/tháng/năm, ví dụ 15/03/2026");
	hs_contains(&r, "value=\"31/02/2026\"");
	hs_contains(&r, "value=\"2,5\"");
	hs_contains(&r, "value=\"Dây chuyền cấp đông\"");
	hs_contains(&r, "value=\"Đông Hải\"");
	hc_response_free(&r);
	assert_int_equal(num("SELECT count(*) FROM assessment"), 0);
	/* No facility typed: named. */
	req(PRO, "POST", "/assessments/new", "started_on=15%2F03%2F2026", 400, &r);
	hs_contains(&r, "Cơ sở: hãy gõ tên, mã cơ sở hoặc mã số thuế của cơ sở được đánh giá");
	hc_response_free(&r);
	/* 2. Typed right: "Đông Hải" (with its diacritics) names one facility. */
	req(PRO, "POST", "/assessments/new",
	    "facility=%C4%90%C3%B4ng+H%E1%BA%A3i&started_on=15%2F03%2F2026&tolerance_pct=2%2C5"
	    "&title=D%C3%A2y+chuy%E1%BB%81n+c%E1%BA%A5p+%C4%91%C3%B4ng&funding=provincial",
	    303, &r);
	char *loc = hc_header(&r, "Location");
	long long id = 0;
	assert_int_equal(sscanf(loc, "/assessments/%lld?done=created", &id), 1);
	free(loc);
	hc_response_free(&r);
	assert_int_equal(num("SELECT facility_id FROM assessment"), 7501);
	/* 2.5 % as typed "2,5"; year of 15/03/2026 */
	assert_int_equal(num("SELECT count(*) FROM assessment WHERE tolerance_pct = 2.5 AND year = "
			     "2026 AND started_on = '2026-03-15' AND funding = 'provincial'"),
			 1);
	/* the page: dd/mm/yyyy, Vietnamese labels, no codes */
	snprintf(path, sizeof(path), "/assessments/%lld", id);
	req(PRO, "GET", path, NULL, 200, &r);
	hs_contains(&r, "15/03/2026");
	hs_contains(&r, "Ngân sách tỉnh");
	hs_contains(&r, "2,5 %");
	hs_contains(&r, "Bước 1: Khởi động");
	hs_lacks(&r, "2026-03-15");
	hc_response_free(&r);

	/* 3. The team: an expert member needs an expert account. */
	post_v(PRO, id, "/team", "op=add&name=A&team_role=expert&user=ent%40x.vn", 400, &r);
	hs_contains(&r, "e-mail tài khoản: tài khoản &#39;ent@x.vn&#39; không phải tài khoản");
	hc_response_free(&r);
	post_ok(PRO, id, "/team",
		"op=add&name=Nguy%E1%BB%85n+Chuy%C3%AAn+Gia&team_role=expert&user=exp%40x.vn");

	/* 4. Who sees it: pages and API. */
	snprintf(path, sizeof(path), "/assessments/%lld", id);
	status_is(ENT, "GET", path, NULL, 200);
	status_is(ENT2, "GET", path, NULL, 404);
	status_is(EXP, "GET", path, NULL, 200);
	status_is(EXP2, "GET", path, NULL, 404);
	status_is(DIS, "GET", path, NULL, 200);
	status_is(PRO, "GET", path, NULL, 200);
	snprintf(path, sizeof(path), "/api/v1/assessments/%lld", id);
	status_is(ENT, "GET", path, NULL, 200);
	status_is(ENT2, "GET", path, NULL, 404);
	status_is(EXP, "GET", path, NULL, 200);
	status_is(EXP2, "GET", path, NULL, 404);
	status_is(DIS, "GET", path, NULL, 200);
	req(PRO, "GET", path, NULL, 200, &r);
	hs_contains(&r, "\"state\":\"draft\"");
	hs_contains(&r, "\"started_on\":\"2026-03-15\"");
	hs_contains(&r, "\"user\":\"exp@x.vn\"");
	hc_response_free(&r);
	/* the lists */
	req(EXP2, "GET", "/assessments", NULL, 200, &r);
	hs_contains(&r, "Bạn chưa có tên trong nhóm SXSH của đánh giá nào.");
	hs_lacks(&r, "Đông Hải");
	hc_response_free(&r);
	req(EXP, "GET", "/assessments", NULL, 200, &r);
	hs_contains(&r, "Công ty chế biến thủy sản Đông Hải");
	hs_contains(&r, "Bước 1/6 — Khởi động");
	hs_contains(&r, "0/18");
	hc_response_free(&r);
	req(ENT2, "GET", "/api/v1/assessments", NULL, 200, &r);
	hs_contains(&r, "\"total\":0");
	hc_response_free(&r);
	/* the district officer reads only */
	struct hc_response d;
	post_v(DIS, id, "/tasks/1", "state=done", 403, &d);
	hc_response_free(&d);
	post_v(DIS, id, "/action", "op=start", 403, &d);
	hc_response_free(&d);
	post_v(ENT2, id, "/action", "op=start", 404, &d);
	hc_response_free(&d);
	status_is(ENT, "GET", "/assessments/new", NULL, 403);

	/* 5. The walk: the expert starts, sets task 1 done, uploads, submits. */
	post_ok(EXP, id, "/action", "op=start");
	post_ok(EXP, id, "/tasks/1",
		"state=done&responsible=Tr%E1%BA%A7n+V%C4%83n+B&due_on=30%2F04%2F2026");
	/* a stale form: nothing changes */
	snprintf(path, sizeof(path), "/assessments/%lld/tasks/2", id);
	req(EXP, "POST", path, "version=1&state=done", 409, &r);
	hs_contains(&r, "Đánh giá đã được người khác thay đổi sau khi bạn mở trang");
	hc_response_free(&r);
	assert_int_equal(num("SELECT count(*) FROM assessment_task WHERE task = 2"), 0);
	/* a file of task 5, a PDF of 24 bytes named .png */
	char extra[512], body[1024];
	snprintf(extra, sizeof(extra), "%sContent-Type: multipart/form-data; boundary=XyZ\r\n",
		 sess[EXP].cookie);
	snprintf(body, sizeof(body),
		 "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=\"task\"\r\n\r\n5\r\n"
		 "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s\xc6\xa1 "
		 "\xc4\x91\xe1\xbb\x93.png\"\r\nContent-Type: image/png\r\n\r\n"
		 "%%PDF-1.4\nsample %%%%EOF\n\r\n--XyZ--\r\n",
		 sess[EXP].csrf);
	snprintf(path, sizeof(path), "/assessments/%lld/files", id);
	assert_int_equal(hc_request(server.port, "POST", path, extra, body, &r), 0);
	assert_int_equal(r.status, 303);
	hc_response_free(&r);
	long long fid = num("SELECT id FROM assessment_file");
	/* "%PDF-1.4\n" (9) + "sample %%EOF\n" (13) = 22 bytes */
	assert_int_equal(num("SELECT size FROM assessment_file"), 22);
	snprintf(path, sizeof(path), "/assessments/%lld/files/%lld", id, fid);
	req(DIS, "GET", path, NULL, 200, &r);
	hs_header_is(&r, "Content-Type", "application/pdf");
	/* "sơ đồ": ơ, đ and ồ each one '_' in the ASCII fallback */
	hs_header_is(
	    &r, "Content-Disposition",
	    "attachment; filename=\"s_ __.pdf\"; filename*=UTF-8''s%C6%A1%20%C4%91%E1%BB%93.pdf");
	hc_response_free(&r);
	status_is(EXP2, "GET", path, NULL, 404);
	post_ok(EXP, id, "/action", "op=submit");

	/* 6. The province returns it: a note is required. */
	post_v(PRO, id, "/action", "op=return&note=", 400, &r);
	hc_response_free(&r);
	assert_int_equal(num("SELECT count(*) FROM assessment WHERE status = 'submitted'"), 1);
	post_ok(PRO, id, "/action",
		"op=return&note=B%E1%BB%95+sung+c%C3%A2n+b%E1%BA%B1ng+n%C6%B0%E1%BB%9Bc");
	snprintf(path, sizeof(path), "/assessments/%lld", id);
	req(EXP, "GET", path, NULL, 200, &r);
	hs_contains(&r, "Bổ sung cân bằng nước");
	hs_contains(&r, "Trả lại để chỉnh sửa");
	hc_response_free(&r);
	/* nothing to accept while returned (409); submitted, the expert may not accept (403) */
	post_v(PRO, id, "/action", "op=accept", 409, &r);
	hc_response_free(&r);
	post_ok(EXP, id, "/action", "op=submit");
	post_v(EXP, id, "/action", "op=accept", 403, &r);
	hc_response_free(&r);
	post_ok(PRO, id, "/action", "op=accept");
	post_ok(PRO, id, "/action", "op=sustain");
	assert_int_equal(num("SELECT count(*) FROM assessment WHERE status = 'sustaining'"), 1);
	req(ENT, "GET", path, NULL, 200, &r);
	hs_contains(&r, "Nộp báo cáo"); /* the history */
	hs_contains(&r, "Chuyển sang duy trì");
	hc_response_free(&r);

	/* 7. The audit: create, member_add, start, task, file_add, submit, return, submit,
	 * accept, sustain. */
	assert_int_equal(num("SELECT count(*) FROM audit WHERE action LIKE 'assessment.%'"), 10);
	assert_int_equal(num("SELECT count(*) FROM audit WHERE action = 'assessment.file_add'"), 1);
	assert_int_equal(num("SELECT count(*) FROM doc_event WHERE kind = 'assessment'"), 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_walk),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
