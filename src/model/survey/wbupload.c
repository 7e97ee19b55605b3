/*
 * Uploaded workbooks awaiting their confirm (wbupload.h).  The import reads
 * a path (the spreadsheet reader works on files), so the kept bytes are
 * staged in a private temporary file for the time of the import.
 */
#include "model/survey/wbupload.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "model/io/sheetread.h"
#include "util/log.h"

static const struct val_label lbl_file = {"tệp bảng tính", "workbook file"};

int
wbupload_put(struct db *db, const struct principal *who, const char *filename, int year,
	     const void *data, size_t len, int64_t now, char *token, struct msg *why)
{
	token[0] = '\0';
	if (filename == NULL || filename[0] == '\0' || data == NULL || len == 0) {
		msg_init(why, MSG_WBI_UPLOAD_NONE, &lbl_file);
		return ST_INVALID;
	}
	if (len > WBUPLOAD_MAX) {
		msg_init(why, MSG_WBI_UPLOAD_TOO_LARGE, &lbl_file);
		msg_plain(why, WBUPLOAD_MAX_MB);
		return ST_INVALID;
	}
	if (sheetread_format_of(filename) < 0 || strlen(filename) > 255) {
		msg_init(why, MSG_WBI_CLI_FORMAT, NULL);
		return ST_INVALID;
	}
	char hash[SESSION_HASH_LEN + 1];
	session_secret_new(token, hash);
	struct db_stmt *st = db_stmt(db, STMT_WBUPLOAD_EXPIRE);
	db_bind_int(st, 1, now);
	if (db_run(st) != DB_OK)
		goto fail;
	st = db_stmt(db, STMT_WBUPLOAD_INSERT);
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, who->user_id);
	db_bind_text(st, 3, filename);
	db_bind_int(st, 4, year);
	db_bind_blob(st, 5, data, len);
	db_bind_int(st, 6, now);
	db_bind_int(st, 7, now + WBUPLOAD_TTL);
	if (db_run(st) == DB_OK)
		return ST_OK;
fail:
	log_err("wbupload: cannot keep %s: %s", filename, db_errmsg(db));
	token[0] = '\0';
	return ST_ERR;
}

/* Writes data to a new private temporary file ending in ext; its path in path. */
static int
stage(const void *data, size_t len, const char *ext, char *path, size_t n)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, n, "%s/sxsh-wb-XXXXXX%s", dir != NULL && dir[0] ? dir : "/tmp", ext);
	int fd = mkstemps(path, (int)strlen(ext));
	if (fd < 0)
		return -1;
	const char *p = data;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, p + done, len - done);
		if (w <= 0) {
			close(fd);
			unlink(path);
			return -1;
		}
		done += (size_t)w;
	}
	if (close(fd) != 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

int
wbupload_import(struct db *db, const struct principal *who, const char *token, int64_t now,
		int dry_run, const char *expected, struct wbimport_result *res, char *filename,
		size_t n, int *year)
{
	memset(res, 0, sizeof *res);
	filename[0] = '\0';
	*year = 0;
	char hash[SESSION_HASH_LEN + 1];
	if (session_secret_hash(token, hash) != 0)
		return ST_NOTFOUND;
	struct db_stmt *st = db_stmt(db, STMT_WBUPLOAD_GET);
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, who->user_id);
	db_bind_int(st, 3, now);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		if (rc == DB_DONE)
			return ST_NOTFOUND;
		log_err("wbupload: %s", db_errmsg(db));
		return -1;
	}
	snprintf(filename, n, "%s", db_col_text(st, 0));
	*year = (int)db_col_int(st, 1);
	size_t len = 0;
	const void *blob = db_col_blob(st, 2, &len);
	const char *ext = strrchr(filename, '.');
	char path[4096];
	int staged = stage(blob, len, ext != NULL ? ext : ".xlsx", path, sizeof path);
	db_reset(st);
	if (staged != 0) {
		log_err("wbupload: cannot stage %s for reading", filename);
		return -1;
	}
	struct wbimport_opts o = {
	    .dry_run = dry_run, .year = *year, .name = filename, .expected = expected};
	rc = wbimport_path(db, who, path, (enum sheetread_format)sheetread_format_of(filename), &o,
			   res);
	unlink(path);
	if (rc == WBIMPORT_OK && !dry_run) {
		st = db_stmt(db, STMT_WBUPLOAD_DELETE);
		db_bind_text(st, 1, hash);
		if (db_run(st) != DB_OK) /* it expires anyway; the import is done */
			log_warn("wbupload: cannot remove %s: %s", filename, db_errmsg(db));
	}
	return rc;
}
