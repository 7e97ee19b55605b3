/*
 * A workbook as a page download (web_sheets_send, web_int.h): the sheets
 * of render/sheets.h, their source line in the page's language, written to
 * a temporary file and read back into the response body.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/sheets.h"
#include "render/xlsx.h"
#include "util/log.h"
#include "web/web_int.h"

#define SHEETS_CT "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* Reads the whole file at path into resp's body; -1 when it does not fit. */
static int
slurp(const char *path, struct http_response *resp)
{
	int rc = -1;
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		log_err("sheets: %s: %s", path, strerror(errno));
		return -1;
	}
	char chunk[16384];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(&resp->body, chunk, n) < 0) {
			log_err("sheets: workbook over %u bytes", HTTP_BODY_MAX);
			goto out;
		}
	rc = ferror(f) ? -1 : 0;
out:
	fclose(f);
	return rc;
}

int
web_sheets_send(struct http_request *req, struct http_response *resp, web_sheets_fill_fn fill,
		const void *ctx, const char *filename)
{
	const char *dir = getenv("TMPDIR");
	char path[4096], err[512];
	snprintf(path, sizeof(path), "%s/sxsh-xlsx-XXXXXX",
		 dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	/* mkstemp reserves a unique name; the workbook then replaces it by rename. */
	int fd = mkstemp(path);
	if (fd < 0) {
		log_err("sheets: mkstemp %s: %s", path, strerror(errno));
		return -1;
	}
	close(fd);
	int rc = -1;
	struct xlsx *x = xlsx_open(path);
	enum sheets_lang lang = req->lang == LANG_EN ? SHEETS_EN : SHEETS_VI;
	if (sheets_source(x, http_request_db(req), lang) < 0 || fill(x, ctx) < 0) {
		xlsx_discard(x);
		log_err("sheets: %s: cannot build the workbook", filename);
		goto out;
	}
	if (xlsx_close(x, err, sizeof(err)) < 0) {
		log_err("sheets: %s", err);
		goto out;
	}
	buf_reset(&resp->body);
	if (slurp(path, resp) < 0) {
		buf_reset(&resp->body);
		goto out;
	}
	resp->content_type = SHEETS_CT;
	http_response_header(resp, "Content-Disposition",
			     arena_printf(&req->arena, "attachment; filename=\"%s\"", filename));
	rc = 0;
out:
	unlink(path);
	return rc;
}
