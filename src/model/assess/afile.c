/*
 * The files of a CP assessment (see afile.h).
 */
#include "model/assess/afile.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/scope.h"
#include "model/assess/assessment.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/log.h"

static const struct val_label afile_label = {"tệp của đánh giá", "assessment file"};

/* The audit JSON of file f of assessment id. */
static char *
afile_json(int64_t id, const struct afile *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "assessment_id", json_integer(id));
	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "task", f->task > 0 ? json_integer(f->task) : json_null());
	json_object_set_new(o, "filename", json_string(f->filename));
	json_object_set_new(o, "mime", json_string(attach_types[f->type].mime));
	json_object_set_new(o, "size", json_integer(f->size));
	json_object_set_new(o, "uploaded_by", json_integer(f->uploaded_by));
	return wf_json_take(o);
}

/* Opens assessment id for a change to a file of task (as assess_task_set). */
static int
afile_open(struct db *db, const struct principal *who, int64_t id, int task, struct assess_ref *r)
{
	int rc = assess_open(db, who, id, 0, ASSESS_CONTENT, r);
	if (rc == ST_STATE && task >= 1 && task <= ASSESS_TASKS &&
	    assess_task_defs[task - 1].step >= 5)
		rc = assess_open(db, who, id, 0, ASSESS_TRACK, r);
	return rc;
}

int
afile_list(struct db *db, const struct principal *who, int64_t id, struct arena *a,
	   struct afile **out, int *n)
{
	struct assess_ref r;
	*out = NULL;
	*n = 0;
	int rc = assess_open(db, who, id, 0, ASSESS_READ, &r);
	if (rc != ST_OK)
		return rc;
	int cap = 0;
	struct db_stmt *st = db_stmt(db, STMT_AFILE_LIST);
	db_bind_int(st, 1, id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			struct afile *b = arena_alloc(a, (size_t)cap * sizeof(*b));
			if (*n > 0)
				memcpy(b, *out, (size_t)*n * sizeof(*b));
			*out = b;
		}
		struct afile *f = &(*out)[(*n)++];
		f->id = db_col_int(st, 0);
		f->task = (int)db_col_int(st, 1);
		f->filename = arena_strdup(a, db_col_text(st, 2));
		f->type = attach_type_of_mime(db_col_text(st, 3));
		f->size = db_col_int(st, 4);
		f->uploaded_by = db_col_int(st, 5);
		f->uploader = arena_strdup(a, db_col_text(st, 6));
		f->uploaded_at = db_col_int(st, 7);
	}
	if (rc == DB_DONE)
		return ST_OK;
	log_err("assessment %lld files: %s", (long long)id, db_errmsg(db));
	return ST_ERR;
}

static int
afile_add_tx(struct db *db, const struct principal *who, int64_t id, struct afile *f,
	     const void *data)
{
	struct assess_ref r;
	int rc = afile_open(db, who, id, f->task, &r);
	if (rc != ST_OK)
		return rc;
	struct db_stmt *st = db_stmt(db, STMT_AFILE_INSERT);
	int d = db_bind_int(st, 1, id);
	if (d == DB_OK)
		d = f->task > 0 ? db_bind_int(st, 2, f->task) : db_bind_null(st, 2);
	if (d == DB_OK)
		d = db_bind_text(st, 3, f->filename);
	if (d == DB_OK)
		d = db_bind_text(st, 4, attach_types[f->type].mime);
	if (d == DB_OK)
		d = db_bind_int(st, 5, f->size);
	if (d == DB_OK)
		d = db_bind_blob(st, 6, data, (size_t)f->size);
	if (d == DB_OK)
		d = db_bind_int(st, 7, who->user_id);
	if (d == DB_OK)
		d = db_bind_int(st, 8, f->uploaded_at);
	if (d == DB_OK)
		d = db_run(st);
	if (d != DB_OK) {
		log_err("assessment %lld: cannot store %s: %s", (long long)id, f->filename,
			db_errmsg(db));
		return ST_ERR;
	}
	f->id = db_last_id(db);
	f->uploaded_by = who->user_id;
	char *after = afile_json(id, f);
	rc = assess_touch(db, who, &r, "assessment.file_add", "assessment", id, NULL, after);
	free(after);
	return rc;
}

int
afile_add(struct db *db, const struct principal *who, int64_t id, int task, const char *name,
	  const void *data, size_t n, int64_t now, int64_t *file_id, struct msg *why)
{
	*file_id = 0;
	msg_init(why, MSG_NONE, NULL);
	if (who == NULL || task < 0 || task > ASSESS_TASKS)
		return ST_NOTFOUND;
	if (data == NULL || n == 0) {
		msg_init(why, MSG_ATTACH_EMPTY, &afile_label);
		return ST_INVALID;
	}
	if (n > AFILE_MAX) {
		msg_init(why, MSG_ATTACH_TOO_LARGE, &afile_label);
		msg_str(why, name != NULL ? name : "");
		msg_int(why, ATTACH_MAX_MB);
		return ST_INVALID;
	}
	enum attach_type t = attach_sniff(data, n);
	if (t == ATTACH_NONE) {
		msg_init(why, MSG_ATTACH_TYPE, &afile_label);
		msg_str(why, name != NULL ? name : "");
		return ST_INVALID;
	}
	char clean[ATTACH_NAME_MAX + 1];
	attach_name_clean(name, t, clean, sizeof(clean));
	struct afile f = {.task = task,
			  .filename = clean,
			  .type = t,
			  .size = (int64_t)n,
			  .uploader = "",
			  .uploaded_at = now};
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "assessment file add", WF_PRIVATE);
	int rc =
	    wf_finish(db, afile_add_tx(db, who, id, &f, data), "assessment file add", WF_PRIVATE);
	if (rc == ST_OK)
		*file_id = f.id;
	return rc;
}

/* The metadata of file file_id of assessment id (already opened): ST_OK, ST_NOTFOUND, ST_ERR. */
static int
afile_meta(struct db *db, int64_t id, int64_t file_id, struct arena *a, struct afile *meta)
{
	memset(meta, 0, sizeof(*meta));
	struct db_stmt *st = db_stmt(db, STMT_AFILE_META);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, file_id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		meta->id = file_id;
		meta->task = (int)db_col_int(st, 0);
		meta->filename = arena_strdup(a, db_col_text(st, 1));
		meta->type = attach_type_of_mime(db_col_text(st, 2));
		meta->size = db_col_int(st, 3);
		meta->uploaded_by = db_col_int(st, 4);
		meta->uploaded_at = db_col_int(st, 5);
		meta->uploader = "";
		db_reset(st);
		return ST_OK;
	}
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	log_err("assessment %lld file %lld: %s", (long long)id, (long long)file_id, db_errmsg(db));
	return ST_ERR;
}

int
afile_get(struct db *db, const struct principal *who, int64_t id, int64_t file_id, struct arena *a,
	  struct afile *meta, void **data)
{
	struct assess_ref r;
	if (data != NULL)
		*data = NULL;
	memset(meta, 0, sizeof(*meta));
	int rc = assess_open(db, who, id, 0, ASSESS_READ, &r);
	if (rc != ST_OK)
		return rc;
	if ((rc = afile_meta(db, id, file_id, a, meta)) != ST_OK || data == NULL)
		return rc;
	struct db_stmt *st = db_stmt(db, STMT_AFILE_CONTENT);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, file_id);
	int d = db_step(st);
	if (d == DB_ROW) {
		size_t len;
		const void *p = db_col_blob(st, 0, &len);
		if ((int64_t)len != meta->size) {
			log_err("assessment file %lld: %zu bytes stored, %lld recorded",
				(long long)file_id, len, (long long)meta->size);
			d = DB_ERR;
		} else {
			*data = xmalloc(len + 1);
			if (len > 0)
				memcpy(*data, p, len);
		}
	}
	db_reset(st);
	if (d == DB_ROW)
		return ST_OK;
	if (d == DB_DONE)
		return ST_NOTFOUND;
	log_err("assessment file %lld: %s", (long long)file_id, db_errmsg(db));
	return ST_ERR;
}

int
afile_may_delete(const struct principal *who, const struct afile *f)
{
	return who != NULL &&
	       (f->uploaded_by == who->user_id || scope_has_role(who, ROLES_PROVINCE));
}

static int
afile_delete_tx(struct db *db, const struct principal *who, int64_t id, int64_t file_id)
{
	struct assess_ref r;
	struct arena a;
	struct afile f;
	int rc = assess_open(db, who, id, 0, ASSESS_READ, &r);
	if (rc != ST_OK)
		return rc;
	arena_init(&a);
	if ((rc = afile_meta(db, id, file_id, &a, &f)) != ST_OK)
		goto out;
	if ((rc = afile_open(db, who, id, f.task, &r)) != ST_OK)
		goto out;
	if (!afile_may_delete(who, &f)) {
		rc = ST_FORBIDDEN;
		goto out;
	}
	struct db_stmt *st = db_stmt(db, STMT_AFILE_DELETE);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, file_id);
	if (db_run(st) != DB_OK) {
		log_err("assessment file %lld: cannot delete: %s", (long long)file_id,
			db_errmsg(db));
		rc = ST_ERR;
		goto out;
	}
	char *before = afile_json(id, &f);
	rc = assess_touch(db, who, &r, "assessment.file_delete", "assessment", id, before, NULL);
	free(before);
out:
	arena_free(&a);
	return rc;
}

int
afile_delete(struct db *db, const struct principal *who, int64_t id, int64_t file_id)
{
	if (who == NULL)
		return ST_NOTFOUND;
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "assessment file delete", WF_PRIVATE);
	return wf_finish(db, afile_delete_tx(db, who, id, file_id), "assessment file delete",
			 WF_PRIVATE);
}
