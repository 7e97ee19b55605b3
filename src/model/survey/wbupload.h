/*
 * Uploaded workbooks kept between the upload page's preview and its
 * confirm (table wb_upload), so that the confirm imports exactly the file
 * that was previewed.  An upload is found by an unguessable token (the
 * table keeps only its hash) and only for the user who sent it; it expires
 * after WBUPLOAD_TTL and is removed once imported.
 */
#ifndef SXSH_MODEL_WBUPLOAD_H
#define SXSH_MODEL_WBUPLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/accounts/session.h"
#include "model/msg.h"
#include "model/survey/wbimport.h"

struct db;

#define WBUPLOAD_MAX	   (20u << 20) /* bytes of a workbook: 20 MiB */
#define WBUPLOAD_MAX_MB	   20	       /* the same, as the messages write it */
#define WBUPLOAD_TTL	   3600	       /* seconds an upload waits for its confirm */
#define WBUPLOAD_TOKEN_LEN SESSION_TOKEN_LEN

/*
 * Keeps data (len bytes) sent by who as filename, with the year chosen on
 * the page (0: the workbook's own), until now + WBUPLOAD_TTL, and removes
 * the expired uploads.  Returns ST_OK with token (WBUPLOAD_TOKEN_LEN + 1
 * bytes), ST_INVALID with *why (no file, empty, more than WBUPLOAD_MAX,
 * a name not ending in .xlsx, .xls or .ods), or ST_ERR (logged).
 */
int wbupload_put(struct db *db, const struct principal *who, const char *filename, int year,
		 const void *data, size_t len, int64_t now, char *token, struct msg *why);

/*
 * Imports upload token of who (wbimport_path, with o's dry_run and
 * expected; its name and year are the upload's), filling *res.  When the
 * import wrote (WBIMPORT_OK and not a dry run) the upload is removed.
 * filename (size n) receives the upload's name and *year its year.
 * Returns ST_NOTFOUND when there is no live upload token of who's, else
 * what wbimport_path returns (-1 also when the file cannot be staged).
 */
int wbupload_import(struct db *db, const struct principal *who, const char *token, int64_t now,
		    int dry_run, const char *expected, struct wbimport_result *res, char *filename,
		    size_t n, int *year);

#endif
