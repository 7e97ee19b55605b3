/*
 * The mapping page against a real `sxsh serve`: who may use it, the upload
 * kept behind a token bound to the account, the columns with their samples
 * and value selects, the preview with a bad row marked and its reason in
 * the page's language, saving a profile with its versions (a stale save
 * refused), the dry run and the import, a profile's JSON out and in.
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
#include "model/io/mapping.h"
#include "fixture.h"
#include "http_session.h"
#include "testutil.h"

enum { PRO, PRO2, DIS, EXP, NWHO };

static struct hc_server server;
static struct db *db;
static struct hs_session sess[NWHO];
static char map_url[512]; /* /imports/map?t=…&target=facilities */
static char token[64];

#define DBNAME	 "mappage.db"
#define BOUNDARY "----sxshMapBoundary7MA4YWxkTrZu0gW"

/* Semicolon-separated, Vietnamese headers; line 3's ownership is in no code list. */
static const char csv[] = "Mã;Tên doanh nghiệp;Ngành;Loại hình;Lao động\n"
			  "P1;Công ty Một;1020;Tư nhân;1.250\n"
			  "P2;Hộ Hai;1020;Nhà nước;7\n";

static int
setup(void **state)
{
	db = fx_db_new(DBNAME, NULL);
	static const struct user_new u[NWHO] = {
	    [PRO] = {.email = "pro@x.vn", .role = ROLE_PROVINCE},
	    [PRO2] = {.email = "pro2@x.vn", .role = ROLE_PROVINCE},
	    [DIS] = {.email = "dis@x.vn", .role = ROLE_DISTRICT, .unit_code = "rach-gia"},
	    [EXP] = {.email = "exp@x.vn", .role = ROLE_EXPERT},
	};
	hs_accounts(db, u, NWHO, NULL, sess);
	*state = db;
	hs_server_start(&server, DBNAME);
	return 0;
}

/* A multipart POST of session who: the csrf field, the fields (name, value pairs), one file. */
static void
multipart(int who, const char *target, const char *const *fields, int nfields, const char *field,
	  const char *filename, const char *data, int status, struct hc_response *r)
{
	char body[16384], extra[512];
	int n = snprintf(body, sizeof(body),
			 "--" BOUNDARY
			 "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n",
			 sess[who].csrf);
	for (int i = 0; i < nfields; i++)
		n +=
		    snprintf(body + n, sizeof(body) - (size_t)n,
			     "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n"
			     "%s\r\n",
			     fields[2 * i], fields[2 * i + 1]);
	n += snprintf(body + n, sizeof(body) - (size_t)n,
		      "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"; "
		      "filename=\"%s\"\r\nContent-Type: text/csv\r\n\r\n%s\r\n--" BOUNDARY "--\r\n",
		      field, filename, data);
	snprintf(extra, sizeof(extra),
		 "%sContent-Type: multipart/form-data; boundary=" BOUNDARY "\r\n",
		 sess[who].cookie);
	hs_req(server.port, "POST", target, extra, body, status, r);
}

static void
test_roles(void **state)
{
	(void)state;
	struct hc_response r;
	hs_req(server.port, "GET", "/imports/new", sess[PRO].cookie, NULL, 200, &r);
	hs_contains(&r, "<h1>Nhập tệp khác mẫu</h1>");
	hs_contains(&r, "enctype=\"multipart/form-data\"");
	hc_response_free(&r);
	hs_req(server.port, "GET", "/imports/new", sess[DIS].cookie, NULL, 200, &r);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/imports/new", sess[EXP].cookie, NULL, 403, &r);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/imports/new", NULL, NULL, 303, &r);
	hc_response_free(&r);
}

static void
test_upload_and_columns(void **state)
{
	(void)state;
	struct hc_response r;
	const char *f[] = {"target", "facilities", "profile", ""};
	multipart(PRO, "/imports/new", f, 2, "file", "tk.csv", csv, 303, &r);
	char *loc = hc_header(&r, "Location");
	assert_non_null(loc);
	assert_non_null(strstr(loc, "/imports/map?t="));
	assert_non_null(strstr(loc, "target=facilities"));
	snprintf(map_url, sizeof(map_url), "%s", loc);
	const char *t = strstr(loc, "t=") + 2;
	snprintf(token, sizeof(token), "%.*s", (int)strcspn(t, "&"), t);
	assert_int_equal(strlen(token), 43);
	free(loc);
	hc_response_free(&r);

	/* A file of another type is refused with the field named. */
	multipart(PRO, "/imports/new", f, 2, "file", "tk.txt", csv, 400, &r);
	hs_contains(&r, "Tệp: chỉ nhận .csv, .xlsx, .xls hoặc .ods.");
	hc_response_free(&r);

	hs_req(server.port, "GET", map_url, sess[PRO].cookie, NULL, 200, &r);
	hs_contains(&r, "<h1>Ánh xạ cột của tệp</h1>");
	/* 2 data rows; the columns with their samples, a select each */
	hs_contains(&r, "Tệp: tk.csv — 2 dòng dữ liệu");
	hs_contains(&r, "<th scope=\"row\">Loại hình</th>");
	hs_contains(&r, "Tư nhân; Nhà nước");
	hs_contains(&r, "<select id=\"f3\" name=\"f3\">");
	/* the file's ';' makes the numbers Vietnamese */
	hs_contains(&r,
		    "<option value=\",\" selected=\"selected\">Kiểu Việt Nam: 1.234,5</option>");
	hc_response_free(&r);

	/* The token is bound to the account that uploaded the file. */
	hs_req(server.port, "GET", map_url, sess[PRO2].cookie, NULL, 404, &r);
	hs_contains(&r, "Không tìm thấy tệp đã tải lên");
	hc_response_free(&r);
}

/* The form's fields: code, name, sector, ownership with a value map, employees. */
static const char *
form(const char *action, const char *name, const char *base, const char *version,
     const char *lang_note)
{
	static char b[4096];
	(void)lang_note;
	/* v3_0 is "Tư nhân", v3_1 "Nhà nước" (distinct values in file order) */
	snprintf(b, sizeof(b),
		 "t=%s&target=facilities&base=%s&base_version=%s&name=%s&decimal=%%2C"
		 "&bad_rows=refuse&f0=f%%3Acode&f1=f%%3Aname&f2=f%%3Asector&f3=f%%3Aownership"
		 "&v3_0=private&v3_1=&f4=f%%3Aemployees&k_admin_unit=rach-gia&k_size=small"
		 "&action=%s",
		 token, base, version, name, action);
	return b;
}

static void
test_preview_save_import(void **state)
{
	(void)state;
	struct hc_response r;
	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map",
		    form("preview", "thu", "", "0", NULL), 200, &r);
	/* line 3 keeps "Nhà nước" as it is: not an ownership code; said in Vietnamese only */
	hs_contains(&r, "tk.csv:3: Loại hình: loại hình sở hữu không hợp lệ");
	hs_lacks(&r, "invalid ownership");
	hs_contains(&r, "<tr class=\"map-bad\"><td class=\"num\">3</td><td>Lỗi</td>");
	/* line 2 as stored: names for codes, 1.250 read the Vietnamese way */
	hs_contains(&r, "<td class=\"num\">2</td><td>Được</td><td>P1</td>");
	hs_contains(&r, "<td class=\"num\">1.250</td>");
	/* nothing typed is lost: the value map and the name come back */
	hs_contains(&r, "<option value=\"private\" selected=\"selected\">");
	hs_contains(&r, "value=\"thu\"");
	hc_response_free(&r);

	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map?lang=en",
		    form("preview", "thu", "", "0", NULL), 200, &r);
	hs_contains(&r, "tk.csv:3: Loại hình: invalid ownership");
	hc_response_free(&r);

	/* Save: version 1; the same name again as a new profile is refused. */
	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map",
		    form("save", "thu", "", "0", NULL), 200, &r);
	hs_contains(&r, "Đã lưu hồ sơ &#39;thu&#39;, phiên bản 1.");
	hc_response_free(&r);
	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map",
		    form("save", "thu", "", "0", NULL), 200, &r);
	hs_contains(&r, "đã có hồ sơ tên này");
	hc_response_free(&r);
	/* Two editors opened version 1: the first saves 2, the second is refused. */
	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map",
		    form("save", "thu", "thu", "1", NULL), 200, &r);
	hs_contains(&r, "Đã lưu hồ sơ &#39;thu&#39;, phiên bản 2.");
	hc_response_free(&r);
	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map",
		    form("save", "thu", "thu", "1", NULL), 200, &r);
	hs_contains(&r, "hồ sơ đã được người khác lưu sau khi bạn mở");
	hc_response_free(&r);

	/* The import refuses the file (line 3) and writes nothing. */
	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map",
		    form("import", "thu", "thu", "2", NULL), 200, &r);
	hs_contains(&r, "Có dòng lỗi nên chưa ghi gì vào sxsh.");
	hc_response_free(&r);
	char buf[32];
	assert_string_equal(tu_query_buf(DBNAME,
					 "SELECT count(*) FROM facility WHERE code IN "
					 "('P1', 'P2')",
					 buf, sizeof(buf)),
			    "0");

	/* "Nhà nước" mapped to state: the dry run says 2 good rows, the import writes 2. */
	char body[4096];
	snprintf(body, sizeof(body), "%s", form("dryrun", "thu", "thu", "2", NULL));
	char *v = strstr(body, "&v3_1=");
	memmove(v + 11, v + 6, strlen(v + 6) + 1);
	memcpy(v, "&v3_1=state", 11);
	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map", body, 200, &r);
	hs_contains(&r, "Chạy thử: 2 dòng, 2 dòng hợp lệ, 0 dòng lỗi. Chưa ghi gì vào sxsh.");
	hc_response_free(&r);
	memcpy(strstr(body, "action=dryrun"), "action=import", 13);
	hs_form_req(server.port, &sess[PRO], "POST", "/imports/map", body, 200, &r);
	hs_contains(&r, "Đã nhập: 2 dòng đọc, 2 dòng đã nhập, 0 dòng lỗi bị bỏ ra.");
	hc_response_free(&r);
	assert_string_equal(tu_query_buf(DBNAME,
					 "SELECT ownership || '|' || employees FROM facility WHERE "
					 "code = 'P2'",
					 buf, sizeof(buf)),
			    "state|7");
	assert_string_equal(tu_query_buf(DBNAME, "SELECT employees FROM facility WHERE code = 'P1'",
					 buf, sizeof(buf)),
			    "1250");
}

static void
test_profile_json(void **state)
{
	(void)state;
	struct hc_response r;
	hs_req(server.port, "GET", "/imports/profile?name=thu", sess[PRO].cookie, NULL, 200, &r);
	hs_header_is(&r, "Content-Disposition", "attachment; filename=\"thu.json\"");
	hs_contains(&r, "\"name\": \"thu\",\n  \"target\": \"facilities\",\n  \"decimal\": \",\"");
	/* version 2 was saved with "Nhà nước" kept as it is */
	hs_contains(&r, "\"values\": {\n        \"Tư nhân\": \"private\",\n        \"Nhà nước\": "
			"\"Nhà nước\"\n      }");
	/* uploaded back under another name */
	char *json = strdup(r.body);
	hc_response_free(&r);
	char *nm = strstr(json, "\"thu\"");
	memcpy(nm, "\"th2\"", 5);
	multipart(PRO, "/imports/profile", NULL, 0, "file", "th2.json", json, 303, &r);
	hc_response_free(&r);
	hs_req(server.port, "GET", "/imports/new", sess[PRO].cookie, NULL, 200, &r);
	hs_contains(&r, "<td>th2</td>");
	hc_response_free(&r);
	/* the same again without "replace": refused, saying why */
	multipart(PRO, "/imports/profile", NULL, 0, "file", "th2.json", json, 409, &r);
	hs_contains(&r, "Đã có hồ sơ &#39;th2&#39;.");
	hc_response_free(&r);
	free(json);
	multipart(PRO, "/imports/profile", NULL, 0, "file", "x.json", "{\"name\": 1}", 400, &r);
	hs_contains(&r, "hồ sơ ánh xạ cột không hợp lệ: sxsh_mapping_profile: must be 1");
	hc_response_free(&r);
}

/*
 * A district officer of Rạch Giá imports facilities of its own unit only:
 * the file's unit column says ha-tien on line 3, which is refused naming
 * the column; with every row in rach-gia the dry run passes.
 */
static void
test_district_scope(void **state)
{
	(void)state;
	struct hc_response r;
	const char *f[] = {"target", "facilities", "profile", ""};
	const char *dcsv = "Mã,Tên,Ngành,Đơn vị,Loại hình,Quy mô\n"
			   "D1,Xưởng Một,1020,rach-gia,private,small\n"
			   "D2,Xưởng Hai,1020,ha-tien,private,small\n";
	multipart(DIS, "/imports/new", f, 2, "file", "huyen.csv", dcsv, 303, &r);
	char *loc = hc_header(&r, "Location");
	const char *t = strstr(loc, "t=") + 2;
	char tok[64];
	snprintf(tok, sizeof(tok), "%.*s", (int)strcspn(t, "&"), t);
	free(loc);
	hc_response_free(&r);
	char body[2048];
	snprintf(body, sizeof(body),
		 "t=%s&target=facilities&base=&base_version=0&name=&decimal=.&bad_rows=refuse"
		 "&f0=f%%3Acode&f1=f%%3Aname&f2=f%%3Asector&f3=f%%3Aadmin_unit&v3_0=&v3_1="
		 "&f4=f%%3Aownership&v4_0=&f5=f%%3Asize&v5_0=&action=dryrun",
		 tok);
	hs_form_req(server.port, &sess[DIS], "POST", "/imports/map", body, 200, &r);
	hs_contains(&r, "huyen.csv:3: Đơn vị: &#39;ha-tien&#39; không thuộc đơn vị hành chính "
			"của bạn");
	hs_contains(&r, "Có dòng lỗi nên chưa ghi gì vào sxsh.");
	hc_response_free(&r);
	/* ha-tien mapped to rach-gia: every row in the unit */
	char *v = strstr(body, "&v3_1=");
	char fixed[2048];
	snprintf(fixed, sizeof(fixed), "%.*s&v3_1=rach-gia%s", (int)(v - body), body, v + 6);
	hs_form_req(server.port, &sess[DIS], "POST", "/imports/map", fixed, 200, &r);
	hs_contains(&r, "Chạy thử: 2 dòng, 2 dòng hợp lệ, 0 dòng lỗi.");
	hc_response_free(&r);
}

/*
 * A stored profile with what the page cannot edit (IAC production read
 * through the unit code column): the page shows it as "as the stored
 * profile says" and keeps it; electricity shows as its carrier with its
 * unit and cost column; the preview converts nothing it should not.
 */
static void
test_stored_profile_kept(void **state)
{
	(void)state;
	char path[1024], err[512];
	size_t n;
	snprintf(path, sizeof(path), "%s/data/profiles/iac-reports.json", getenv("SXSH_SRC"));
	char *text = tu_read_file(path, &n);
	assert_non_null(text);
	struct mapping_profile *p = mapping_from_json(text, err, sizeof(err));
	free(text);
	assert_non_null(p);
	assert_int_equal(mapping_save(db, NULL, 1, p, 0, NULL), ST_OK);
	mapping_free(p);

	struct hc_response r;
	const char *f[] = {"target", "facilities", "profile", "iac-reports"};
	const char *icsv = "id,fy,prodlevel,produnits,ec_plant_usage,ec_plant_cost\n"
			   "P1,2020,700000,1,971278,50000\n";
	multipart(PRO, "/imports/new", f, 2, "file", "iac.csv", icsv, 303, &r);
	char *loc = hc_header(&r, "Location");
	/* the stored profile's target wins over the select's */
	assert_non_null(strstr(loc, "target=reports"));
	hc_response_free(&r);
	hs_req(server.port, "GET", loc, sess[PRO].cookie, NULL, 200, &r);
	free(loc);
	hs_contains(&r, "<option value=\"keep\" selected=\"selected\">Như hồ sơ đã lưu</option>");
	hs_contains(&r, "<option value=\"e:electricity\" selected=\"selected\">Điện</option>");
	hs_contains(&r, "<option value=\"kWh\" selected=\"selected\">");
	hs_contains(&r, "<option value=\"USD\" selected=\"selected\">");
	hs_contains(&r, "value=\"iac-reports\"");
	hc_response_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_roles),
	    cmocka_unit_test(test_upload_and_columns),
	    cmocka_unit_test(test_preview_save_import),
	    cmocka_unit_test(test_profile_json),
	    cmocka_unit_test(test_district_scope),
	    cmocka_unit_test(test_stored_profile_kept),
	};
	return cmocka_run_group_tests(tests, setup, hs_teardown);
}
