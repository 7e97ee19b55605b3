/*
 * HTTP tests of the workbook upload (src/web/wbupload.c,
 * model/survey/wbupload.c) against a real `sxsh serve`: the form, a
 * multipart upload previewed with what would change and nothing written,
 * the confirm writing exactly that (with the file named in the audit), the
 * token bound to its user and used once, the scope of a district (every
 * problem as "Sheet!Cell: lý do", 422), a change between preview and
 * confirm (409 and a new preview), a file that is no workbook (400), and
 * the English page.  Runs on SQLite and, through scripts/pg-test.sh, on
 * PostgreSQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>
#include <xlsxwriter.h>

#include "db/db.h"
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"
#include "wffix.h"

enum { ENT, DIS, PRO, NWHO };
static struct hc_server server;
static struct hs_session sess[NWHO];
static struct db *db;

#define DBNAME	 "wbupload.db"
#define BOUNDARY "----sxshWorkbookBoundary5Qx2"

static int
setup(void **state)
{
	db = fx_db_new(DBNAME,
		       "INSERT INTO facility(id, code, name, name_key, sector_code, admin_unit_id, "
		       "ownership, size) VALUES (7101, 'F1', 'Cơ sở thủy sản', 'co so thuy san', "
		       "'1020', (SELECT id FROM admin_unit WHERE code = 'rach-gia'), 'private', "
		       "'small'), (7102, 'F2', 'Nhà máy gạo', 'nha may gao', '1061', "
		       "(SELECT id FROM admin_unit WHERE code = 'tan-hiep'), 'private', 'small')");
	static const struct user_new u[NWHO] = {
	    [ENT] = {.email = "ent@x.vn", .role = ROLE_ENTERPRISE, .facility_id = 7101},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db;
	hs_server_start(&server, DBNAME);
	return 0;
}

/*
 * A workbook of year 2025 with one Sản phẩm row per code given: product
 * frozen_shrimp for F1, milled_rice for F2, quantity q, unit t.
 */
static char *
workbook(const char *name, const char *const *codes, int n, double q)
{
	char *path = strdup(tu_path(name));
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Sản phẩm");
	const char *keys[] = {"facility_code", "facility_name", "product", "quantity", "unit"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, keys[c], NULL);
	for (int i = 0; i < n; i++) {
		worksheet_write_string(ws, (lxw_row_t)(3 + i), 0, codes[i], NULL);
		worksheet_write_string(
		    ws, (lxw_row_t)(3 + i), 2,
		    strcmp(codes[i], "F1") == 0 ? "frozen_shrimp" : "milled_rice", NULL);
		worksheet_write_number(ws, (lxw_row_t)(3 + i), 3, q, NULL);
		worksheet_write_string(ws, (lxw_row_t)(3 + i), 4, "t", NULL);
	}
	lxw_worksheet *m = workbook_add_worksheet(wb, "_sxsh");
	worksheet_write_string(m, 0, 0, "sxsh-workbook", NULL);
	worksheet_write_number(m, 1, 0, 1, NULL);
	worksheet_write_number(m, 2, 0, 3, NULL);
	worksheet_write_number(m, 3, 0, 2025, NULL);
	worksheet_hide(m);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	return path;
}

/* Sends the n bytes of req and reads the whole answer into *r. */
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
			break;
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

/* who uploads the file at path as name to target (multipart, csrf and year); asserts status. */
static void
upload(int who, const char *target, const char *path, const char *name, const char *year,
       int status, struct hc_response *r)
{
	size_t len = 0;
	char *data = tu_read_file(path, &len);
	assert_non_null(data);
	char head[1024], pre[2048];
	int pl = snprintf(pre, sizeof(pre),
			  "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
			  "%s\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"year\""
			  "\r\n\r\n%s\r\n--" BOUNDARY "\r\nContent-Disposition: form-data; "
			  "name=\"file\"; filename=\"%s\"\r\nContent-Type: "
			  "application/octet-stream\r\n\r\n",
			  sess[who].csrf, year, name);
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
	free(data);
	if (r->status != status)
		fail_msg("%s %s: status %d, want %d: %.2000s", target, name, r->status, status,
			 r->body);
}

/* The value of the hidden field name in r's page, malloc'd. */
static char *
hidden(const struct hc_response *r, const char *name)
{
	char pat[64];
	snprintf(pat, sizeof pat, "name=\"%s\" value=\"", name);
	const char *p = strstr(r->body, pat);
	if (p == NULL)
		fail_msg("no hidden %s in %.2000s", name, r->body);
	p += strlen(pat);
	return strndup(p, strcspn(p, "\""));
}

static void
confirm(int who, const char *token, const char *plan, int status, struct hc_response *r)
{
	char body[512];
	snprintf(body, sizeof body, "token=%s&plan=%s", token, plan);
	hs_form_req(server.port, &sess[who], "POST", "/workbooks/confirm", body, status, r);
}

static void
test_form(void **state)
{
	(void)state;
	struct hc_response r;
	hs_form_req(server.port, &sess[DIS], "GET", "/workbooks/upload", NULL, 200, &r);
	hs_contains(&r, "<h1>Nộp bảng tính khảo sát</h1>");
	hs_contains(&r, "<label for=\"wb-file\">Tệp bảng tính (.xlsx, .xls hoặc .ods)</label>");
	hs_contains(&r, "enctype=\"multipart/form-data\"");
	hc_response_free(&r);
	hs_form_req(server.port, &sess[ENT], "GET", "/workbooks/upload?lang=en", NULL, 200, &r);
	hs_contains(&r, "<h1>Upload survey workbooks</h1>");
	hc_response_free(&r);
	/* the staff home and the enterprise home link to it */
	hs_form_req(server.port, &sess[DIS], "GET", "/review", NULL, 200, &r);
	hs_contains(&r, "<p class=\"wb-link\"><a href=\"/workbooks/upload\">Nộp bảng tính khảo "
			"sát đã điền</a></p>");
	hc_response_free(&r);
	hs_form_req(server.port, &sess[ENT], "GET", "/my?lang=en", NULL, 200, &r);
	hs_contains(&r, "<a href=\"/workbooks/upload?lang=en\">Upload a filled survey "
			"workbook</a>");
	hc_response_free(&r);
	/* no session: the sign-in page */
	hs_req(server.port, "GET", "/workbooks/upload", NULL, NULL, 303, &r);
	hc_response_free(&r);
}

/* Province staff: preview (nothing written), someone else's confirm refused, the confirm. */
static void
test_preview_confirm(void **state)
{
	(void)state;
	const char *codes[] = {"F1", "F2"};
	char *path = workbook("both.xlsx", codes, 2, 12.5);
	struct hc_response r;
	upload(PRO, "/workbooks/upload", path, "khảo sát.xlsx", "", 200, &r);
	hs_contains(&r, "<h2>Xem trước, năm 2025</h2>");
	/* two reports created: F1 and F2, none yet in the database */
	hs_contains(&r, "<tr data-code=\"F1\"><th scope=\"row\">F1</th><td>Cơ sở thủy "
			"sản</td><td>báo cáo</td><td>Tạo mới</td><td>—</td></tr>");
	hs_contains(&r, "<tr data-code=\"F2\">");
	hs_contains(&r, "<li><strong>2</strong> báo cáo/đăng ký tạo mới</li>");
	char *token = hidden(&r, "token"), *plan = hidden(&r, "plan");
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report"), 0);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM wb_upload"), 1);

	/* the token is bound to its uploader */
	confirm(DIS, token, plan, 404, &r);
	hs_contains(&r, "tệp đã tải lên không còn");
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report"), 0);

	/* the workbook names campaign 3 (_sxsh!A3): the page links back to it */
	assert_int_equal(db_exec(db, "INSERT INTO campaign(id, year, kind, deadline, title, "
				     "created_at) VALUES (3, 2025, 'report', '2026-03-31', "
				     "'Khảo sát thử', 0)"),
			 DB_OK);
	confirm(PRO, token, plan, 200, &r);
	hs_contains(&r, "Đã ghi tệp khảo sát.xlsx (năm 2025).");
	hs_contains(&r, "<p class=\"campaign-back\"><a href=\"/campaigns/3\">Về đợt khảo sát: "
			"Khảo sát thử</a></p>");
	hc_response_free(&r);
	/* 12.5 t of each product, as typed in the number cells */
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report WHERE year = 2025 AND "
					 "status = 'draft'"),
			 2);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report_output WHERE quantity = "
					 "12.5 AND unit = 't'"),
			 2);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM audit WHERE action = "
					 "'import_workbook' AND actor = 'pro@x.vn' AND after_json "
					 "LIKE '%khảo sát.xlsx%'"),
			 2);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM wb_upload"), 0);
	/* used once */
	confirm(PRO, token, plan, 404, &r);
	hc_response_free(&r);
	free(token);
	free(plan);
	free(path);
}

/* A district may import its unit's facilities only; every problem is listed at its cell. */
static void
test_scope(void **state)
{
	(void)state;
	const char *codes[] = {"F1", "F2"};
	char *path = workbook("scope.xlsx", codes, 2, 3);
	struct hc_response r;
	upload(DIS, "/workbooks/upload", path, "scope.xlsx", "", 422, &r);
	hs_contains(&r, "<li><span class=\"wb-cell\">Sản phẩm!A5</span>: cơ sở F2 không thuộc "
			"phạm vi bạn được nhập</li>");
	hs_lacks(&r, "name=\"token\"");
	hc_response_free(&r);
	/* the enterprise sees the same in English */
	upload(ENT, "/workbooks/upload?lang=en", path, "scope.xlsx", "", 422, &r);
	hs_contains(&r, "<li><span class=\"wb-cell\">Sản phẩm!A5</span>: facility F2 is outside "
			"what you may import</li>");
	hc_response_free(&r);
	free(path);
}

/* The data changes between preview and confirm: 409, a new preview, then the confirm. */
static void
test_changed(void **state)
{
	(void)state;
	const char *codes[] = {"F1"};
	char *path = workbook("change.xlsx", codes, 1, 20);
	struct hc_response r;
	upload(ENT, "/workbooks/upload", path, "change.xlsx", "", 200, &r);
	hs_contains(&r, "<td>Cập nhật bản nháp</td><td>Nháp</td>");
	char *token = hidden(&r, "token"), *plan = hidden(&r, "plan");
	hc_response_free(&r);
	assert_int_equal(
	    db_exec(db, "UPDATE report SET version = version + 1 WHERE facility_id = 7101"), DB_OK);
	confirm(ENT, token, plan, 409, &r);
	hs_contains(&r, "số liệu đã thay đổi từ khi xem trước");
	char *plan2 = hidden(&r, "plan");
	assert_string_not_equal(plan, plan2);
	hc_response_free(&r);
	/* nothing written: still 12.5 */
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report_output WHERE quantity = 20"),
			 0);
	confirm(ENT, token, plan2, 200, &r);
	/* an enterprise user has no campaign page: back to its home */
	hs_contains(&r, "<p class=\"campaign-back\"><a href=\"/my\">Về trang cơ sở của "
			"tôi</a></p>");
	hc_response_free(&r);
	assert_int_equal(wfx_int(DBNAME, "SELECT count(*) FROM report_output r JOIN report p ON "
					 "p.id = r.report_id WHERE p.facility_id = 7101 AND "
					 "r.quantity = 20"),
			 1);
	free(token);
	free(plan);
	free(plan2);
	free(path);
}

static void
test_not_a_workbook(void **state)
{
	(void)state;
	const char *p = tu_write_file("notes.txt", "hello");
	struct hc_response r;
	upload(PRO, "/workbooks/upload", p, "notes.txt", "2025", 400, &r);
	hs_contains(&r, "tệp phải là .xlsx, .xls hoặc .ods");
	/* the year chosen is kept */
	hs_contains(&r, "<option value=\"2025\" selected=\"selected\">2025</option>");
	hc_response_free(&r);
	/* a .xlsx name on bytes that are not one */
	upload(PRO, "/workbooks/upload", p, "notes.xlsx", "", 422, &r);
	hs_contains(&r, "không đọc được tệp");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_form),	   cmocka_unit_test(test_preview_confirm),
	    cmocka_unit_test(test_scope),	   cmocka_unit_test(test_changed),
	    cmocka_unit_test(test_not_a_workbook),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
