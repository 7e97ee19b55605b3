/*
 * HTTP tests of attachments (src/web/attachments.c, model/doc/attachment.c)
 * against a real `sxsh serve`: a multipart upload of a PDF listed on the
 * review page with its size and time as Vietnamese write them, the
 * download with the sniffed type, nosniff and a UTF-8 Content-Disposition,
 * a PDF named .png stored as a PDF named .pdf, a text file refused with
 * the allowed types, the 10 MB limit (10.485.760 bytes pass, one more is
 * 413 with the limit named; a body announced far larger is refused
 * unread), another facility's enterprise answered 404, deletion by the
 * uploader only and only while the report is editable, and the audit rows.
 * Runs on SQLite and, through scripts/pg-test.sh, on PostgreSQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"
#include "wffix.h"

enum { ENT, ENT2, DIS, PRO, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];

#define DBNAME	 "attach.db"
#define BOUNDARY "----sxshTestBoundary7MA4YWxkTrZu0gW"
#define BACK	 "/facilities/7101/report/2025"
#define UPLOAD	 "/reports/8101/attachments"

static int
setup(void **state)
{
	db = fx_db_new(DBNAME,
		       "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
		       "ownership, size) VALUES (7101, 'F1', 'Cơ sở thủy sản', 'co so thuy san', "
		       "'1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', "
		       "'small'), (7102, 'F2', 'Cơ sở nước đá', 'co so nuoc da', '1020', "
		       "(SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', 'small');"
		       "INSERT INTO report(id, facility_id, year, status) VALUES "
		       "(8101, 7101, 2025, 'draft'), (8102, 7102, 2025, 'draft');"
		       "INSERT INTO registration(id, facility_id, year, status, apply_cp) VALUES "
		       "(8201, 7101, 2025, 'draft', 1)");
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ent@x.vn",
		     .name = "Nguyễn Văn An",
		     .role = ROLE_ENTERPRISE,
		     .facility_id = 7101},
	    [ENT2] = {.email = "ent2@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7102},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db; /* closed by hs_teardown */
	hs_server_start(&server, DBNAME);
	return 0;
}

/* Sends the n bytes of req to the server and reads the whole answer into *r. */
static void
raw_request(const char *req, size_t n, struct hc_response *r)
{
	memset(r, 0, sizeof(*r));
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)server.port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	for (size_t off = 0; off < n;) {
		ssize_t w = write(fd, req + off, n - off);
		if (w <= 0)
			break; /* the server answered early (413) and closed: read its answer */
		off += (size_t)w;
	}
	shutdown(fd, SHUT_WR);
	size_t cap = 1 << 16, len = 0;
	char *in = malloc(cap);
	for (;;) {
		if (len + 4096 > cap)
			in = realloc(in, cap *= 2);
		ssize_t got = read(fd, in + len, cap - len - 1);
		if (got <= 0)
			break;
		len += (size_t)got;
	}
	close(fd);
	in[len] = '\0';
	char *sep = strstr(in, "\r\n\r\n");
	assert_non_null(sep);
	size_t hlen = (size_t)(sep - in) + 2;
	r->head = strndup(in, hlen);
	r->body_len = len - hlen - 2;
	r->body = malloc(r->body_len + 1);
	memcpy(r->body, sep + 4, r->body_len);
	r->body[r->body_len] = '\0';
	assert_int_equal(sscanf(in, "HTTP/1.1 %d", &r->status), 1);
	free(in);
}

/*
 * who uploads the len bytes at data named name to target (multipart, with
 * csrf and back); asserts the status.
 */
static void
upload(int who, const char *target, const char *name, const char *data, size_t len, int status,
       struct hc_response *r)
{
	char head[1024], pre[1024];
	int pl = snprintf(pre, sizeof(pre),
			  "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
			  "%s\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"back\""
			  "\r\n\r\n" BACK "\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; "
			  "name=\"file\"; filename=\"%s\"\r\nContent-Type: "
			  "application/octet-stream\r\n\r\n",
			  sess[who].csrf, name);
	static const char post[] = "\r\n--" BOUNDARY "--\r\n";
	size_t blen = (size_t)pl + len + sizeof(post) - 1;
	int hl = snprintf(head, sizeof(head),
			  "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s"
			  "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\n"
			  "Content-Length: %zu\r\n\r\n",
			  target, sess[who].cookie, blen);
	char *req = malloc((size_t)hl + blen);
	memcpy(req, head, (size_t)hl);
	memcpy(req + hl, pre, (size_t)pl);
	memcpy(req + hl + pl, data, len);
	memcpy(req + hl + pl + len, post, sizeof(post) - 1);
	raw_request(req, (size_t)hl + blen, r);
	free(req);
	if (r->status != status)
		fail_msg("%s %s: status %d, want %d: %.300s", target, name, r->status, status,
			 r->body);
}

/* n bytes of a PDF: the magic "%PDF-1.4\n" then filler. */
static char *
pdf_of(size_t n)
{
	char *p = malloc(n);
	memset(p, 'x', n);
	memcpy(p, "%PDF-1.4\n", 9);
	return p;
}

/* The id of the newest attachment. */
static long long
last_id(void)
{
	return wfx_int(DBNAME, "SELECT max(id) FROM attachment");
}

static void
req(int who, const char *method, const char *target, const char *body, int status,
    struct hc_response *r)
{
	hs_form_req(server.port, &sess[who], method, target, body, status, r);
}

static void
test_upload_list_download(void **state)
{
	(void)state;
	struct hc_response r;
	char target[128];
	/* "Hoá đơn tháng 1.pdf" in UTF-8: á C3 A1, đ C4 91, ơ C6 A1. */
	const char *name = "Ho\xc3\xa1 \xc4\x91\xc6\xa1n th\xc3\xa1ng 1.pdf";
	char *pdf = pdf_of(1300);
	upload(ENT, UPLOAD, name, pdf, 1300, 303, &r);
	hs_header_is(&r, "Location", BACK "#attachments");
	hc_response_free(&r);
	long long id = last_id();
	assert_true(id > 0);

	/* The district's review page lists it: 1300 B / 1024 = 1,269... KB, "1,3 KB". */
	req(DIS, "GET", "/reports/8101", NULL, 200, &r);
	hs_contains(&r, "<h2 id=\"attachments-h\">Tệp đính kèm</h2>");
	snprintf(target, sizeof(target), "<a href=\"/attachments/%lld\">", id);
	hs_contains(&r, target);
	hs_contains(&r, "Hoá đơn tháng 1.pdf</a></td><td>PDF</td><td class=\"num\">1,3 KB</td>"
			"<td>Nguyễn Văn An</td>");
	/* When, as dd/mm/yyyy HH:MM in Vietnam's time (UTC+7). */
	time_t at = (time_t)wfx_int(DBNAME, "SELECT max(uploaded_at) FROM attachment") + 7 * 3600;
	struct tm tm;
	gmtime_r(&at, &tm);
	char when[64];
	snprintf(when, sizeof(when), "<td>%02d/%02d/%04d %02d:%02d</td>", tm.tm_mday, tm.tm_mon + 1,
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
	hs_contains(&r, when);
	/* The district may not edit: no upload form, no delete button. */
	hs_lacks(&r, "enctype=\"multipart/form-data\"");
	hs_lacks(&r, "/delete\"");
	hc_response_free(&r);

	/* The enterprise's form has the upload form and a delete button on its file. */
	req(ENT, "GET", BACK, NULL, 200, &r);
	hs_contains(&r, "enctype=\"multipart/form-data\"");
	snprintf(target, sizeof(target), "action=\"/attachments/%lld/delete\"", id);
	hs_contains(&r, target);
	hc_response_free(&r);

	/* The download: the bytes, the sniffed type, never sniffed again nor shown inline. */
	snprintf(target, sizeof(target), "/attachments/%lld", id);
	req(DIS, "GET", target, NULL, 200, &r);
	assert_int_equal(r.body_len, 1300);
	assert_memory_equal(r.body, pdf, 1300);
	hs_header_is(&r, "Content-Type", "application/pdf");
	hs_header_is(&r, "X-Content-Type-Options", "nosniff");
	/* ASCII fallback: one '_' per other character (á đ ơ á); then RFC 8187. */
	hs_header_is(&r, "Content-Disposition",
		     "attachment; filename=\"Ho_ __n th_ng 1.pdf\"; filename*=UTF-8''"
		     "Ho%C3%A1%20%C4%91%C6%A1n%20th%C3%A1ng%201.pdf");
	hc_response_free(&r);

	/* Another facility's enterprise: 404 for the file, its list, and an upload. */
	req(ENT2, "GET", target, NULL, 404, &r);
	hc_response_free(&r);
	upload(ENT2, UPLOAD, "x.pdf", pdf, 1300, 404, &r);
	hc_response_free(&r);
	/* The API counts and lists it for those who see the report, and hides it from others. */
	req(DIS, "GET", "/api/v1/reports/8101", NULL, 200, &r);
	json_t *j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "attachments")), 1);
	json_t *l = json_array_get(json_object_get(j, "attachment_list"), 0);
	assert_int_equal(json_integer_value(json_object_get(l, "id")), id);
	assert_string_equal(json_string_value(json_object_get(l, "filename")), name);
	assert_string_equal(json_string_value(json_object_get(l, "type")), "application/pdf");
	assert_int_equal(json_integer_value(json_object_get(l, "size")), 1300);
	assert_string_equal(json_string_value(json_object_get(l, "url")), target);
	json_decref(j);
	hc_response_free(&r);
	req(ENT2, "GET", "/api/v1/reports/8101", NULL, 404, &r);
	hc_response_free(&r);
	req(ENT2, "GET", "/api/v1/reports/8102", NULL, 200, &r);
	hs_contains(&r, "\"attachments\":0");
	hc_response_free(&r);
	/* The province sees it. */
	req(PRO, "GET", target, NULL, 200, &r);
	assert_int_equal(r.body_len, 1300);
	hc_response_free(&r);
	free(pdf);
}

static void
test_types(void **state)
{
	(void)state;
	struct hc_response r;
	/* A PDF named .png is stored as what it is: a PDF, its name ending .pdf. */
	char *pdf = pdf_of(64);
	upload(ENT, UPLOAD, "scan.png", pdf, 64, 303, &r);
	hc_response_free(&r);
	free(pdf);
	char *got = tu_query_text(DBNAME, "SELECT filename || ' ' || mime || ' ' || size FROM "
					  "attachment WHERE id = (SELECT max(id) FROM attachment)");
	assert_string_equal(got, "scan.pdf application/pdf 64");
	free(got);

	/* A PNG (its 8-byte signature, then filler): 100 B. */
	char png[100];
	memset(png, 0, sizeof(png));
	memcpy(png, "\x89PNG\r\n\x1a\n", 8);
	upload(ENT, UPLOAD, "s\xc6\xa1 \xc4\x91\xe1\xbb\x93.png", png, sizeof(png), 303, &r);
	hc_response_free(&r);
	req(ENT, "GET", "/reports/8101", NULL, 200, &r);
	hs_contains(&r, "sơ đồ.png</a></td><td>Ảnh PNG</td><td class=\"num\">100 B</td>");
	hc_response_free(&r);

	/* A text file: refused, the allowed types listed, nothing stored. */
	long long before = wfx_int(DBNAME, "SELECT count(*) FROM attachment");
	upload(ENT, UPLOAD, "ghichu.txt", "hello, world\n", 13, 400, &r);
	hs_contains(&r, "Tệp “ghichu.txt” không thuộc loại được nhận. Chỉ đính kèm được tệp "
			"PDF, ảnh JPEG, ảnh PNG hoặc bảng tính Excel (XLSX).");
	hs_contains(&r, "href=\"" BACK "#attachments\"");
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM attachment"), before);

	/* No file at all. */
	upload(ENT, UPLOAD, "", "", 0, 400, &r);
	hs_contains(&r, "Chưa chọn tệp đính kèm, hoặc tệp rỗng.");
	hc_response_free(&r);
}

static void
test_size_limit(void **state)
{
	(void)state;
	struct hc_response r;
	/* 10 MB is 10 x 1024 x 1024 = 10.485.760 bytes: exactly that passes. */
	size_t max = 10u * 1024 * 1024;
	assert_int_equal(max, 10485760);
	char *pdf = pdf_of(max + 1);
	upload(ENT, UPLOAD, "lon.pdf", pdf, max, 303, &r);
	hc_response_free(&r);
	char *got = tu_query_text(DBNAME, "SELECT size FROM attachment WHERE filename = 'lon.pdf'");
	assert_string_equal(got, "10485760");
	free(got);
	/* ... and its bytes come back whole. */
	char target[64];
	snprintf(target, sizeof(target), "/attachments/%lld", last_id());
	req(ENT, "GET", target, NULL, 200, &r);
	assert_int_equal(r.body_len, max);
	assert_memory_equal(r.body, pdf, max);
	hc_response_free(&r);

	/* One byte more: 413, the limit named. */
	upload(ENT, UPLOAD, "qua-lon.pdf", pdf, max + 1, 413, &r);
	hs_contains(&r, "Tệp “qua-lon.pdf” lớn hơn 10 MB: mỗi tệp đính kèm tối đa 10 MB.");
	hc_response_free(&r);
	free(pdf);

	/* A body announced far larger is refused before it is read. */
	char head[512];
	int n = snprintf(head, sizeof(head),
			 "POST " UPLOAD " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s"
			 "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\n"
			 "Content-Length: 50000000\r\n\r\n",
			 sess[ENT].cookie);
	raw_request(head, (size_t)n, &r);
	assert_int_equal(r.status, 413);
	hs_contains(&r, "Dữ liệu gửi lên quá lớn: mỗi tệp đính kèm tối đa 10 MB.");
	hc_response_free(&r);

	/* Other routes keep their 64 KiB limit: 70.000 bytes of form to the report's actions. */
	char *big = malloc(70001);
	memset(big, 'a', 70000);
	memcpy(big, "note=", 5);
	big[70000] = '\0';
	req(DIS, "POST", "/reports/8101/action", big, 413, &r);
	hs_contains(&r, "Dữ liệu gửi lên quá lớn.");
	hc_response_free(&r);
	free(big);
}

static void
test_delete_and_state(void **state)
{
	(void)state;
	struct hc_response r;
	char target[128];
	char *pdf = pdf_of(200);
	upload(ENT, UPLOAD, "xoa.pdf", pdf, 200, 303, &r);
	hc_response_free(&r);
	long long id = last_id();
	snprintf(target, sizeof(target), "/attachments/%lld/delete", id);
	/* The province may edit the report but not delete another's file: 403. */
	req(PRO, "POST", target, "back=%2Freports%2F8101", 403, &r);
	hc_response_free(&r);
	/* A district officer may not delete at all (the route's roles): 403. */
	req(DIS, "POST", target, "back=%2Freports%2F8101", 403, &r);
	hc_response_free(&r);
	/* Another enterprise does not see it: 404. */
	req(ENT2, "POST", target, "back=%2Freports%2F8101", 404, &r);
	hc_response_free(&r);
	/* The uploader deletes it and goes back. */
	req(ENT, "POST", target, "back=%2Freports%2F8101", 303, &r);
	hs_header_is(&r, "Location", "/reports/8101#attachments");
	hc_response_free(&r);
	assert_int_equal(
	    wfx_int(DBNAME, "SELECT count(*) FROM attachment WHERE filename = 'xoa.pdf'"), 0);

	/* Each upload and deletion is in the audit log, with who. */
	snprintf(target, sizeof(target),
		 "SELECT count(*) FROM audit WHERE action = 'attachment.delete' AND entity_id = "
		 "'%lld'",
		 id);
	assert_int_equal(wfx_int(DBNAME, target), 1);
	snprintf(
	    target, sizeof(target),
	    "SELECT count(*) FROM audit WHERE action = 'attachment.add' AND entity_id = '%lld'",
	    id);
	assert_int_equal(wfx_int(DBNAME, target), 1);

	/* Submitted: the report is no longer editable, so no upload (409) and no delete. */
	upload(ENT, UPLOAD, "muon.pdf", pdf, 200, 303, &r);
	hc_response_free(&r);
	long long late = last_id();
	assert_int_equal(db_exec(db, "UPDATE report SET status = 'submitted' WHERE id = 8101"),
			 DB_OK);
	upload(ENT, UPLOAD, "muon2.pdf", pdf, 200, 409, &r);
	hc_response_free(&r);
	snprintf(target, sizeof(target), "/attachments/%lld/delete", late);
	req(ENT, "POST", target, "back=%2Freports%2F8101", 409, &r);
	hc_response_free(&r);
	/* Still listed, without the form. */
	req(ENT, "GET", "/reports/8101", NULL, 200, &r);
	hs_contains(&r, "muon.pdf</a>");
	hs_lacks(&r, "enctype=\"multipart/form-data\"");
	hc_response_free(&r);
	free(pdf);
}

/*
 * An upload arriving slowly (to F2's draft: 8101 is submitted by now) holds no thread: while half
 * of a 4 MB body is in and the rest waits, other requests are answered at once; then the rest
 * arrives and the file is stored.
 */
static void
test_slow_upload(void **state)
{
	(void)state;
	size_t len = 4u << 20;
	char *pdf = pdf_of(len);
	char pre[1024], head[1024];
	int pl = snprintf(pre, sizeof(pre),
			  "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
			  "%s\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"file\"; "
			  "filename=\"cham.pdf\"\r\n\r\n",
			  sess[ENT2].csrf);
	static const char post[] = "\r\n--" BOUNDARY "--\r\n";
	size_t blen = (size_t)pl + len + sizeof(post) - 1;
	int hl = snprintf(
	    head, sizeof(head),
	    "POST /reports/8102/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s"
	    "Content-Type: multipart/form-data; boundary=" BOUNDARY "\r\n"
	    "Content-Length: %zu\r\n\r\n",
	    sess[ENT2].cookie, blen);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)server.port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(write(fd, head, (size_t)hl), hl);
	assert_int_equal(write(fd, pre, (size_t)pl), pl);
	size_t half = len / 2, off = 0;
	while (off < half) {
		ssize_t w = write(fd, pdf + off, half - off);
		assert_true(w > 0);
		off += (size_t)w;
	}
	/* Meanwhile, five pages, each well within a second. */
	for (int i = 0; i < 5; i++) {
		struct timespec t0, t1;
		struct hc_response r;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		hs_req(server.port, "GET", "/healthz", NULL, NULL, 200, &r);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		hc_response_free(&r);
		double ms =
		    (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (ms > 1000)
			fail_msg("GET /healthz took %.0f ms during an upload", ms);
	}
	while (off < len) {
		ssize_t w = write(fd, pdf + off, len - off);
		assert_true(w > 0);
		off += (size_t)w;
	}
	assert_int_equal(write(fd, post, sizeof(post) - 1), (ssize_t)(sizeof(post) - 1));
	char in[512] = "";
	ssize_t got = read(fd, in, sizeof(in) - 1);
	close(fd);
	assert_true(got > 12);
	assert_memory_equal(in, "HTTP/1.1 303", 12);
	assert_int_equal(wfx_int(DBNAME, "SELECT size FROM attachment WHERE filename = 'cham.pdf'"),
			 len);
	free(pdf);
}

/* A registration takes files the same way, listed on its page. */
static void
test_registration(void **state)
{
	(void)state;
	struct hc_response r;
	/* A JPEG: FF D8 FF then filler, 3.000 bytes: 3000 / 1024 = 2,93 KB, "2,9 KB". */
	char jpg[3000];
	memset(jpg, 1, sizeof(jpg));
	memcpy(jpg, "\xff\xd8\xff\xe0", 4);
	upload(ENT, "/registrations/8201/attachments", "chung-nhan.jpeg", jpg, sizeof(jpg), 303,
	       &r);
	hc_response_free(&r);
	req(DIS, "GET", "/registrations/8201", NULL, 200, &r);
	hs_contains(&r, "chung-nhan.jpeg</a></td><td>Ảnh JPEG</td><td class=\"num\">2,9 KB</td>");
	hc_response_free(&r);
	req(ENT, "GET", "/facilities/7101/registration/2025", NULL, 200, &r);
	hs_contains(&r, "action=\"/registrations/8201/attachments\"");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_upload_list_download), cmocka_unit_test(test_types),
	    cmocka_unit_test(test_size_limit),		 cmocka_unit_test(test_delete_and_state),
	    cmocka_unit_test(test_registration),	 cmocka_unit_test(test_slow_upload),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
