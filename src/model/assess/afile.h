/*
 * The files of a CP assessment (table assessment_file): the team's
 * evidence per task (a flow chart, a measurement sheet, the assessment
 * report), stored in the database like the documents' attachments
 * (model/doc/attachment.h) and typed the same way: by the content
 * (attach_sniff), never by the name or the type the browser sent, at most
 * ATTACH_MAX bytes.
 *
 * Every function starts from assess_open, so a file is seen by exactly
 * those who see its assessment and another id reads as "not found".
 * Adding needs ASSESS_CONTENT (the tasks of steps 5 and 6 also
 * ASSESS_TRACK, as assess_task_set); deleting needs the same and the
 * caller to be the uploader or province staff.  Both write their audit row
 * ("assessment.file_add", "assessment.file_delete") and bump the
 * assessment's version (assess_touch) in their transaction.
 */
#ifndef SXSH_MODEL_ASSESS_AFILE_H
#define SXSH_MODEL_ASSESS_AFILE_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/doc/attachment.h"
#include "model/msg.h"

struct arena;
struct db;

#define AFILE_MAX ATTACH_MAX /* bytes of one file */

struct afile {
	int64_t id;
	int task; /* 1..18, or 0: the assessment as a whole */
	const char *filename;
	enum attach_type type;
	int64_t size;
	int64_t uploaded_by;
	const char *uploader; /* name, or e-mail when no name ("" from afile_get) */
	int64_t uploaded_at;  /* Unix seconds */
};

/*
 * The files of assessment id as who sees them, by task then upload, into
 * *out (strings and array in a) and *n: ST_OK, ST_NOTFOUND or ST_ERR.
 */
int afile_list(struct db *db, const struct principal *who, int64_t id, struct arena *a,
	       struct afile **out, int *n);

/*
 * Adds the n bytes at data, named name by the user, to task (0: none) of
 * assessment id at now: ST_OK with *file_id; as assess_open (ST_NOTFOUND,
 * ST_FORBIDDEN, ST_STATE); ST_NOTFOUND for a task outside 1..18;
 * ST_INVALID with *why (no file or an empty one, too large, a type not
 * allowed); ST_ERR or ST_FULL.
 */
int afile_add(struct db *db, const struct principal *who, int64_t id, int task, const char *name,
	      const void *data, size_t n, int64_t now, int64_t *file_id, struct msg *why);

/*
 * File file_id of assessment id: ST_OK with *meta (strings in a) and, when
 * data is not NULL, its bytes in *data (malloc'd, meta->size of them);
 * ST_NOTFOUND; ST_ERR.
 */
int afile_get(struct db *db, const struct principal *who, int64_t id, int64_t file_id,
	      struct arena *a, struct afile *meta, void **data);

/*
 * Deletes file file_id of assessment id: ST_OK, ST_NOTFOUND, ST_FORBIDDEN
 * (another's file and who is not province staff, or a role that may not
 * change the assessment), ST_STATE, ST_ERR or ST_FULL.
 */
int afile_delete(struct db *db, const struct principal *who, int64_t id, int64_t file_id);

/* Whether who may delete f of an assessment it may change (ASSESS_CONTENT). */
int afile_may_delete(const struct principal *who, const struct afile *f);

#endif
