/*
 * Unit tests of the attachment building blocks: the multipart/form-data
 * parser (req/multipart.c) on bodies written out by hand, the type
 * sniffing (model/doc/attachment.c: attach_sniff) including XLSX against
 * other zips, and the cleaning of file names (attach_name_clean).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "db/db.h"
#include "model/doc/attachment.h"
#include "model/io/copy.h"
#include "render/sheets.h"
#include "render/xlsx.h"
#include "req/multipart.h"
#include "testutil.h"
#include "wffix.h"
#include "xlsx_read.h"
#include "util/arena.h"

static void
test_boundary(void **state)
{
	(void)state;
	char b[MULTIPART_BOUNDARY_MAX + 1];
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=abc", b, sizeof(b)), 0);
	assert_string_equal(b, "abc");
	assert_int_equal(multipart_boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b\"",
					    b, sizeof(b)),
			 0);
	assert_string_equal(b, "a b");
	/* Chrome's: "----WebKitFormBoundary" and 16 characters. */
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundary"
					    "7MA4YWxkTrZu0gW",
					    b, sizeof(b)),
			 0);
	assert_string_equal(b, "----WebKitFormBoundary7MA4YWxkTrZu0gW");
	assert_int_equal(multipart_boundary("multipart/form-data", b, sizeof(b)), -1);
	assert_int_equal(multipart_boundary("multipart/form-data; boundary=", b, sizeof(b)), -1);
	assert_int_equal(multipart_boundary("text/plain; boundary=abc", b, sizeof(b)), -1);
	assert_int_equal(multipart_boundary(NULL, b, sizeof(b)), -1);
	/* 70 characters is the most RFC 2046 allows; 71 is refused. */
	char ct[200];
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%070d", 0);
	assert_int_equal(multipart_boundary(ct, b, sizeof(b)), 0);
	assert_int_equal(strlen(b), 70);
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%071d", 0);
	assert_int_equal(multipart_boundary(ct, b, sizeof(b)), -1);
}

/* A body with a text field and a file holding a NUL, a CR LF and a near-delimiter. */
static const char body1[] = "--XyZ\r\n"
			    "Content-Disposition: form-data; name=\"csrf\"\r\n"
			    "\r\n"
			    "tok\r\n"
			    "--XyZ\r\n"
			    "content-disposition: form-data; name=\"file\"; "
			    "filename=\"Ho\xc3\xa1 \\\"1\\\".pdf\"\r\n"
			    "Content-Type: application/pdf\r\n"
			    "\r\n"
			    "%PDF\0\r\n--Xy\r\nend\r\n"
			    "--XyZ--\r\n"
			    "epilogue";

static void
test_parse(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct multipart_part p[4];
	int n = -1;
	assert_int_equal(multipart_parse(body1, sizeof(body1) - 1, "XyZ", &a, p, 4, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "csrf");
	assert_null(p[0].filename);
	assert_int_equal(p[0].len, 3);
	assert_memory_equal(p[0].data, "tok", 3);
	assert_string_equal(p[1].name, "file");
	/* The quoted filename's \" read as a quote. */
	assert_string_equal(p[1].filename, "Ho\xc3\xa1 \"1\".pdf");
	assert_string_equal(p[1].content_type, "application/pdf");
	/* "%PDF" NUL CR LF "--Xy" CR LF "end": 4 + 1 + 2 + 4 + 2 + 3 = 16 bytes. */
	assert_int_equal(p[1].len, 16);
	assert_memory_equal(p[1].data, "%PDF\0\r\n--Xy\r\nend", 16);

	/* A preamble before the first delimiter is skipped. */
	static const char pre[] = "ignored\r\n--XyZ\r\nContent-Disposition: form-data; "
				  "name=\"a\"\r\n\r\n1\r\n--XyZ--";
	assert_int_equal(multipart_parse(pre, sizeof(pre) - 1, "XyZ", &a, p, 4, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].len, 1);

	/* Refused: no close delimiter; a part without a name; no empty line after
	 * the headers; more parts than max; a name not in UTF-8; the wrong boundary. */
	static const char open[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1";
	assert_int_equal(multipart_parse(open, sizeof(open) - 1, "XyZ", &a, p, 4, &n), -1);
	static const char noname[] = "--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--";
	assert_int_equal(multipart_parse(noname, sizeof(noname) - 1, "XyZ", &a, p, 4, &n), -1);
	static const char nohead[] = "--XyZ\r\n\r\n1\r\n--XyZ--";
	assert_int_equal(multipart_parse(nohead, sizeof(nohead) - 1, "XyZ", &a, p, 4, &n), -1);
	assert_int_equal(multipart_parse(body1, sizeof(body1) - 1, "XyZ", &a, p, 1, &n), -1);
	static const char badutf[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n1\r\n--XyZ--";
	assert_int_equal(multipart_parse(badutf, sizeof(badutf) - 1, "XyZ", &a, p, 4, &n), -1);
	assert_int_equal(multipart_parse(body1, sizeof(body1) - 1, "Other", &a, p, 4, &n), -1);
	assert_int_equal(multipart_parse("", 0, "XyZ", &a, p, 4, &n), -1);
	arena_free(&a);
}

/* A zip holding the entries names (each with a few bytes), read back whole; *n its size. */
static char *
zip_of(const char *const *names, int count, size_t *n)
{
	const char *path = tu_path("sniff.zip");
	int err;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (int i = 0; i < count; i++) {
		zip_source_t *s = zip_source_buffer(z, "<x/>", 4, 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	return tu_read_file(path, n);
}

static void
test_sniff(void **state)
{
	(void)state;
	assert_int_equal(attach_sniff("%PDF-1.7\n", 9), ATTACH_PDF);
	assert_int_equal(attach_sniff("\xff\xd8\xff\xe0\0\x10JFIF", 10), ATTACH_JPEG);
	assert_int_equal(attach_sniff("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), ATTACH_PNG);
	/* Too short to be sure, or something else. */
	assert_int_equal(attach_sniff("%PDF", 4), ATTACH_NONE);
	assert_int_equal(attach_sniff("\x89PNG\r\n\x1a", 7), ATTACH_NONE);
	assert_int_equal(attach_sniff("hello, world\n", 13), ATTACH_NONE);
	assert_int_equal(attach_sniff("<html><script>", 14), ATTACH_NONE);
	assert_int_equal(attach_sniff("", 0), ATTACH_NONE);
	/* A zip is an XLSX only with [Content_Types].xml and an xl/ entry. */
	size_t n;
	static const char *const xlsx[] = {"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"};
	char *z = zip_of(xlsx, 3, &n);
	assert_int_equal(attach_sniff(z, n), ATTACH_XLSX);
	free(z);
	static const char *const docx[] = {"[Content_Types].xml", "word/document.xml"};
	z = zip_of(docx, 2, &n);
	assert_int_equal(attach_sniff(z, n), ATTACH_NONE);
	free(z);
	static const char *const plain[] = {"xl/workbook.xml"};
	z = zip_of(plain, 1, &n);
	assert_int_equal(attach_sniff(z, n), ATTACH_NONE);
	free(z);
	assert_int_equal(attach_sniff("PK\x03\x04garbage that is no zip", 27), ATTACH_NONE);
}

static void
test_name_clean(void **state)
{
	(void)state;
	char out[ATTACH_NAME_MAX + 1];
	/* The last segment of a Windows path. */
	assert_string_equal(attach_name_clean("C:\\Users\\An\\Ho\xc3\xa1 \xc4\x91\xc6\xa1n.pdf",
					      ATTACH_PDF, out, sizeof(out)),
			    "Ho\xc3\xa1 \xc4\x91\xc6\xa1n.pdf");
	/* A PDF named .png: the extension says what it is. */
	assert_string_equal(attach_name_clean("scan.png", ATTACH_PDF, out, sizeof(out)),
			    "scan.pdf");
	assert_string_equal(attach_name_clean("bao-cao", ATTACH_PDF, out, sizeof(out)),
			    "bao-cao.pdf");
	/* The user's spelling of a right extension is kept. */
	assert_string_equal(attach_name_clean("anh.JPEG", ATTACH_JPEG, out, sizeof(out)),
			    "anh.JPEG");
	assert_string_equal(attach_name_clean("HOADON.PDF", ATTACH_PDF, out, sizeof(out)),
			    "HOADON.PDF");
	/* An extension of no allowed type stays, and the right one follows. */
	assert_string_equal(attach_name_clean("ghi.chu.txt", ATTACH_PDF, out, sizeof(out)),
			    "ghi.chu.txt.pdf");
	/* Characters a file system or a header would trip on become '_'. */
	assert_string_equal(attach_name_clean("a<b>:c?\"|*.pdf", ATTACH_PDF, out, sizeof(out)),
			    "a_b__c____.pdf");
	assert_string_equal(attach_name_clean("tab\there.png", ATTACH_PNG, out, sizeof(out)),
			    "tab_here.png");
	/* Invalid UTF-8 bytes too. */
	assert_string_equal(attach_name_clean("bad\xff\xfe.pdf", ATTACH_PDF, out, sizeof(out)),
			    "bad__.pdf");
	/* Nothing left: a name of our own. */
	assert_string_equal(attach_name_clean("  ..  ", ATTACH_PNG, out, sizeof(out)),
			    "tep-dinh-kem.png");
	assert_string_equal(attach_name_clean(NULL, ATTACH_XLSX, out, sizeof(out)),
			    "tep-dinh-kem.xlsx");
	assert_string_equal(attach_name_clean(".pdf", ATTACH_PDF, out, sizeof(out)), "pdf.pdf");
	/* 300 "ă" (C4 83: 600 bytes) and ".pdf": the stem may have 255 - 4 = 251
	 * bytes; byte 251 is the second of a character, so the cut is at 250
	 * (125 characters): 254 bytes in all. */
	char longname[700];
	for (int i = 0; i < 300; i++)
		memcpy(longname + 2 * i, "\xc4\x83", 2);
	memcpy(longname + 600, ".pdf", 5);
	attach_name_clean(longname, ATTACH_PDF, out, sizeof(out));
	assert_int_equal(strlen(out), 254);
	assert_memory_equal(out, longname, 250);
	assert_string_equal(out + 250, ".pdf");
}

static void
test_types_table(void **state)
{
	(void)state;
	assert_string_equal(attach_types[ATTACH_XLSX].mime,
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_int_equal(attach_type_of_mime("image/png"), ATTACH_PNG);
	assert_int_equal(attach_type_of_mime("text/html"), ATTACH_NONE);
	/* 10 MB = 10 x 1024 x 1024. */
	assert_int_equal(ATTACH_MAX, 10485760);
}

/*
 * The model on the fixture of wffix.h (both backends): bytes with NUL and
 * every high byte stored and read back exactly, scope, editability, the
 * uploader-only deletion, and `sxsh copy` carrying the bytes whole.
 */
static void
test_model_and_copy(void **state)
{
	(void)state;
	struct db *db = wfx_new("attach-model.db");
	char err[512];
	assert_int_equal(db_exec(db, "INSERT INTO report(id, facility_id, year, status) VALUES "
				     "(500, 1, 2025, 'draft'), (501, 2, 2025, 'draft')"),
			 DB_OK);
	/* "%PDF-" then the 256 byte values: 5 + 256 = 261 bytes. */
	unsigned char data[261];
	memcpy(data, "%PDF-", 5);
	for (int i = 0; i < 256; i++)
		data[5 + i] = (unsigned char)i;
	const struct principal *ent = &wfx_who[WFX_ENT1], *dis_b = &wfx_who[WFX_DISTRICT_B];
	struct msg why;
	int64_t id;
	assert_int_equal(attach_add(db, ent, WF_KIND_REPORT, 500, "a.pdf", data, sizeof(data),
				    1767225600, &id, &why),
			 ST_OK);
	/* Report 501 is F2's: not the enterprise's, so "not found". */
	int64_t other;
	assert_int_equal(attach_add(db, ent, WF_KIND_REPORT, 501, "b.pdf", data, sizeof(data),
				    1767225600, &other, &why),
			 ST_NOTFOUND);
	struct attachment a;
	void *back = NULL;
	assert_int_equal(attach_get(db, ent, id, &a, &back), ST_OK);
	assert_int_equal(a.size, 261);
	assert_int_equal(a.type, ATTACH_PDF);
	assert_int_equal(a.uploaded_at, 1767225600);
	assert_memory_equal(back, data, sizeof(data));
	free(back);
	/* District B does not see F1 (district A's): not found, and an empty list. */
	assert_int_equal(attach_get(db, dis_b, id, &a, NULL), ST_NOTFOUND);
	struct attachment *list;
	int n;
	assert_int_equal(attach_list(db, dis_b, WF_KIND_REPORT, 500, &list, &n), ST_OK);
	assert_int_equal(n, 0);
	int64_t count;
	assert_int_equal(attach_count(db, &wfx_who[WFX_PROVINCE], WF_KIND_REPORT, 500, &count),
			 ST_OK);
	assert_int_equal(count, 1);

	/* The copy keeps the 261 bytes as bytes (a text copy would stop at the NUL). */
	struct db *dst = tu_db_new("attach-copy.db");
	struct copy_result res;
	assert_int_equal(copy_database(db, dst, 0, &res, NULL, NULL, err, sizeof(err)), 0);
	assert_int_equal(attach_get(dst, ent, id, &a, &back), ST_OK);
	assert_memory_equal(back, data, sizeof(data));
	free(back);
	db_close(dst);

	/* The reports' workbook counts them on its second sheet: F1 2025 has 1, F2 2025 none. */
	const char *book = tu_path("attach-export.xlsx");
	struct xlsx *x = xlsx_open(book);
	assert_int_equal(sheets_export(x, db, CSVIO_REPORTS, 2025, NULL, err, sizeof(err)), 0);
	assert_int_equal(xlsx_close(x, err, sizeof(err)), 0);
	/*
	 * Row 1 the title, row 2 the source (none set here: no cells, no <row>),
	 * row 3 the column codes (hidden), row 4 the header in words, data from 5.
	 */
	static const char *const cells[][3] = {
	    {"A1", "s", "Số tệp đính kèm của mỗi báo cáo"},
	    {"A3", "s", "facility_code"},
	    {"B3", "s", "year"},
	    {"C3", "s", "attachments"},
	    {"A4", "s", "Mã cơ sở"},
	    {"C4", "s", "Số tệp đính kèm"},
	    {"A5", "s", "F1"},
	    {"B5", "n", "2025"},
	    {"C5", "n", "1"},
	    {"A6", "s", "F2"},
	    {"B6", "n", "2025"},
	    {"C6", "n", "0"},
	};
	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		char t[16], v[64];
		if (!xr_cell(book, 2, cells[i][0], t, v, sizeof(v)))
			fail_msg("no cell %s", cells[i][0]);
		assert_string_equal(t, cells[i][1]);
		assert_string_equal(v, cells[i][2]);
	}
	assert_int_equal(xr_rows(book, 2), 5); /* rows 1, 3, 4, 5, 6 */

	/* Only the uploader deletes, only while the report is editable. */
	assert_int_equal(attach_delete(db, &wfx_who[WFX_PROVINCE], id, 1767225601), ST_FORBIDDEN);
	assert_int_equal(db_exec(db, "UPDATE report SET status = 'accepted' WHERE id = 500"),
			 DB_OK);
	/* Accepted: no rule edits it any more (ST_STATE, the pages' 409). */
	assert_int_equal(attach_delete(db, ent, id, 1767225601), ST_STATE);
	assert_int_equal(attach_add(db, ent, WF_KIND_REPORT, 500, "c.pdf", data, sizeof(data),
				    1767225600, &other, &why),
			 ST_STATE);
	assert_int_equal(db_exec(db, "UPDATE report SET status = 'returned' WHERE id = 500"),
			 DB_OK);
	assert_int_equal(attach_delete(db, ent, id, 1767225601), ST_OK);
	assert_int_equal(attach_get(db, ent, id, &a, NULL), ST_NOTFOUND);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_boundary),	cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_sniff),	cmocka_unit_test(test_name_clean),
	    cmocka_unit_test(test_types_table), cmocka_unit_test(test_model_and_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
