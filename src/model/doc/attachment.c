/*
 * Attachments of workflow documents (see attachment.h): sniffing the type,
 * cleaning the name, and the scoped reads and audited writes.
 */
#include "model/doc/attachment.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "db/db.h"
#include "model/accounts/scope.h"
#include "model/audit.h"
#include "model/doc/doc.h"
#include "util/alloc.h"
#include "util/fold.h"
#include "util/log.h"

const struct attach_type_info attach_types[ATTACH__MAX] = {
    [ATTACH_PDF] = {"application/pdf", ".pdf", {"PDF", "PDF"}},
    [ATTACH_JPEG] = {"image/jpeg", ".jpg", {"Ảnh JPEG", "JPEG image"}},
    [ATTACH_PNG] = {"image/png", ".png", {"Ảnh PNG", "PNG image"}},
    [ATTACH_XLSX] = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		     ".xlsx",
		     {"Bảng tính Excel (XLSX)", "Excel workbook (XLSX)"}},
};

static const struct val_label attach_label = {"Tệp đính kèm", "Attachment"};

/* Whether the zip archive in data[0..n) holds [Content_Types].xml and an xl/ entry. */
static int
attach_is_xlsx(const void *data, size_t n)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(data, n, 0, &err);
	if (src == NULL) {
		zip_error_fini(&err);
		return 0;
	}
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &err);
	if (za == NULL) {
		zip_source_free(src);
		zip_error_fini(&err);
		return 0;
	}
	int types = zip_name_locate(za, "[Content_Types].xml", 0) >= 0, xl = 0;
	zip_int64_t entries = zip_get_num_entries(za, 0);
	for (zip_int64_t i = 0; i < entries && !xl; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		xl = name != NULL && strncmp(name, "xl/", 3) == 0;
	}
	zip_discard(za); /* read only: nothing to write back */
	zip_error_fini(&err);
	return types && xl;
}

enum attach_type
attach_sniff(const void *data, size_t n)
{
	const unsigned char *p = data;
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return ATTACH_PDF;
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return ATTACH_JPEG;
	if (n >= 8 && memcmp(p, png, 8) == 0)
		return ATTACH_PNG;
	if (n >= 4 && memcmp(p, "PK\x03\x04", 4) == 0 && attach_is_xlsx(data, n))
		return ATTACH_XLSX;
	return ATTACH_NONE;
}

enum attach_type
attach_type_of_mime(const char *mime)
{
	for (int t = 1; t < ATTACH__MAX; t++)
		if (strcmp(attach_types[t].mime, mime) == 0)
			return (enum attach_type)t;
	return ATTACH_NONE;
}

/* The length of the UTF-8 sequence at s (at most n bytes), or 0 when invalid. */
static size_t
utf8_seq(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = c < 0x80		  ? 1
		     : (c & 0xe0) == 0xc0 ? 2
		     : (c & 0xf0) == 0xe0 ? 3
		     : (c & 0xf8) == 0xf0 ? 4
					  : 0;
	if (len == 0 || len > n || !utf8_valid(s, len))
		return 0;
	return len;
}

/* Whether ext (".png", any case) is the extension of one of the allowed types. */
static int
attach_known_ext(const char *ext)
{
	if (strcasecmp(ext, ".jpeg") == 0)
		return 1;
	for (int t = 1; t < ATTACH__MAX; t++)
		if (strcasecmp(ext, attach_types[t].ext) == 0)
			return 1;
	return 0;
}

char *
attach_name_clean(const char *name, enum attach_type t, char *out, size_t n)
{
	char tmp[4 * ATTACH_NAME_MAX];
	size_t w = 0;
	const char *base = name != NULL ? name : "";
	for (const char *p = base; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	size_t len = strlen(base);
	for (size_t i = 0; i < len && w + 4 < sizeof(tmp);) {
		size_t k = utf8_seq(base + i, len - i);
		unsigned char c = (unsigned char)base[i];
		if (k == 0 ||
		    (k == 1 && (c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>|", c) != NULL))) {
			tmp[w++] = '_';
			i += k == 0 ? 1 : k;
			continue;
		}
		memcpy(tmp + w, base + i, k);
		w += k;
		i += k;
	}
	tmp[w] = '\0';
	/* Trim spaces and dots at both ends ("..", " a.pdf "). */
	size_t start = 0;
	while (tmp[start] == ' ' || tmp[start] == '.')
		start++;
	while (w > start && (tmp[w - 1] == ' ' || tmp[w - 1] == '.'))
		tmp[--w] = '\0';
	char *stem = tmp + start;
	char ext[8];
	snprintf(ext, sizeof(ext), "%s", t != ATTACH_NONE ? attach_types[t].ext : "");
	char *dot = strrchr(stem, '.');
	if (dot != NULL && dot != stem &&
	    (strcasecmp(dot, ext) == 0 || (t == ATTACH_JPEG && strcasecmp(dot, ".jpeg") == 0))) {
		snprintf(ext, sizeof(ext), "%s", dot); /* already right: keep the user's ".PDF" */
		*dot = '\0';
	} else if (dot != NULL && dot != stem && attach_known_ext(dot)) {
		*dot = '\0'; /* "hoadon.png" holding a PDF: "hoadon" + ".pdf" */
	}
	if (*stem == '\0')
		stem = "tep-dinh-kem";
	/* Cut the stem at a character boundary so stem and extension fit. */
	size_t room = ATTACH_NAME_MAX - strlen(ext), sl = strlen(stem);
	if (sl > room) {
		sl = room;
		while (sl > 0 && ((unsigned char)stem[sl] & 0xc0) == 0x80)
			sl--;
	}
	snprintf(out, n, "%.*s%s", (int)sl, stem, ext);
	return out;
}

/* Reads the row of STMT_ATTACHMENT_META (from column col) into a. */
static void
attach_row_meta(struct db_stmt *st, struct attachment *a)
{
	a->kind =
	    strcmp(db_col_text(st, 0), "registration") == 0 ? WF_KIND_REGISTRATION : WF_KIND_REPORT;
	a->doc_id = db_col_int(st, 1);
	snprintf(a->filename, sizeof(a->filename), "%s", db_col_text(st, 2));
	a->type = attach_type_of_mime(db_col_text(st, 3));
	a->size = db_col_int(st, 4);
	a->uploaded_by = db_col_int(st, 5);
	a->uploaded_at = db_col_int(st, 6);
}

int
attach_list(struct db *db, const struct principal *who, enum wf_kind kind, int64_t doc_id,
	    struct attachment **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_ATTACHMENT_LIST);
	int rc = scope_bind(st, who);
	if (rc == DB_OK)
		rc = db_bind_text(st, 4, wf_kind_names[kind]);
	if (rc == DB_OK)
		rc = db_bind_int(st, 5, doc_id);
	int cap = 0;
	while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
		rc = DB_OK;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			*out = xrealloc(*out, sizeof(**out) * (size_t)cap);
		}
		struct attachment *a = &(*out)[(*n)++];
		memset(a, 0, sizeof(*a));
		a->id = db_col_int(st, 0);
		a->kind = kind;
		a->doc_id = doc_id;
		snprintf(a->filename, sizeof(a->filename), "%s", db_col_text(st, 1));
		a->type = attach_type_of_mime(db_col_text(st, 2));
		a->size = db_col_int(st, 3);
		a->uploaded_by = db_col_int(st, 4);
		snprintf(a->uploader, sizeof(a->uploader), "%s", db_col_text(st, 5));
		a->uploaded_at = db_col_int(st, 6);
	}
	db_reset(st);
	if (rc != DB_DONE) {
		log_err("attachment: cannot list %s %lld: %s", wf_kind_names[kind],
			(long long)doc_id, db_errmsg(db));
		free(*out);
		*out = NULL;
		*n = 0;
		return ST_ERR;
	}
	return ST_OK;
}

int
attach_count(struct db *db, const struct principal *who, enum wf_kind kind, int64_t doc_id,
	     int64_t *count)
{
	*count = 0;
	struct db_stmt *st = db_stmt(db, STMT_ATTACHMENT_COUNT);
	int rc = scope_bind(st, who);
	if (rc == DB_OK)
		rc = db_bind_text(st, 4, wf_kind_names[kind]);
	if (rc == DB_OK)
		rc = db_bind_int(st, 5, doc_id);
	if (rc == DB_OK && (rc = db_step(st)) == DB_ROW)
		*count = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_ROW) {
		log_err("attachment: cannot count %s %lld: %s", wf_kind_names[kind],
			(long long)doc_id, db_errmsg(db));
		return ST_ERR;
	}
	return ST_OK;
}

int
attach_report_counts(struct db *db, int year, attach_count_fn fn, void *ctx)
{
	struct db_stmt *st = db_stmt(db, STMT_ATTACHMENT_REPORT_COUNTS);
	int rc = db_bind_int(st, 1, year);
	while (rc == DB_OK && (rc = db_step(st)) == DB_ROW)
		rc = fn(ctx, db_col_text(st, 0), (int)db_col_int(st, 1), db_col_int(st, 2)) == 0
			 ? DB_OK
			 : DB_ERR;
	db_reset(st);
	if (rc != DB_DONE) {
		log_err("attachment: cannot count the reports' files: %s", db_errmsg(db));
		return ST_ERR;
	}
	return ST_OK;
}

int
attach_may_edit(enum wf_kind kind, const struct doc_head *h, const struct principal *who)
{
	enum wf_state to;
	int note_req;
	return h != NULL && h->id != 0 &&
	       doc_check(doc_kinds[kind], WF_EDIT, h->state, who, &to, &note_req) == ST_OK;
}

/* Whether who may change the files of document (kind, doc_id): a status. */
static int
attach_editable(struct db *db, const struct principal *who, enum wf_kind kind, int64_t doc_id)
{
	const struct doc_kind *k = doc_kinds[kind];
	void *d = NULL;
	int rc = doc_get(db, k, who, doc_id, &d);
	if (rc != ST_OK)
		return rc;
	enum wf_state to;
	int note_req;
	rc = doc_check(k, WF_EDIT, doc_head(k, d)->state, who, &to, &note_req);
	doc_free(k, d);
	return rc;
}

/* The audit JSON of attachment a (sorted keys; malloc'd). */
static char *
attach_json(const struct attachment *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "doc_id", json_integer(a->doc_id));
	json_object_set_new(o, "doc_kind", json_string(wf_kind_names[a->kind]));
	json_object_set_new(o, "filename", json_string(a->filename));
	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "mime", json_string(attach_types[a->type].mime));
	json_object_set_new(o, "size", json_integer(a->size));
	return wf_json_take(o);
}

static int
attach_audit(struct db *db, const struct principal *who, int64_t now, const char *action,
	     const struct attachment *a, int deleted)
{
	char id[32];
	snprintf(id, sizeof(id), "%lld", (long long)a->id);
	char *j = attach_json(a);
	int rc = audit_write(db, who, now, action, "attachment", id, deleted ? j : NULL,
			     deleted ? NULL : j);
	free(j);
	return rc < 0 ? ST_ERR : ST_OK;
}

static int
attach_add_tx(struct db *db, const struct principal *who, struct attachment *a, const void *data,
	      int64_t now)
{
	int rc = attach_editable(db, who, a->kind, a->doc_id);
	if (rc != ST_OK)
		return rc;
	int64_t have = 0;
	if ((rc = attach_count(db, who, a->kind, a->doc_id, &have)) != ST_OK)
		return rc;
	if (have >= ATTACH_PER_DOC_MAX)
		return ST_EXISTS; /* the caller turns it into its message */
	struct db_stmt *st = db_stmt(db, STMT_ATTACHMENT_INSERT);
	int d = db_bind_text(st, 1, wf_kind_names[a->kind]);
	if (d == DB_OK)
		d = db_bind_int(st, 2, a->doc_id);
	if (d == DB_OK)
		d = db_bind_text(st, 3, a->filename);
	if (d == DB_OK)
		d = db_bind_text(st, 4, attach_types[a->type].mime);
	if (d == DB_OK)
		d = db_bind_int(st, 5, a->size);
	if (d == DB_OK)
		d = db_bind_blob(st, 6, data, (size_t)a->size);
	if (d == DB_OK)
		d = db_bind_int(st, 7, who->user_id);
	if (d == DB_OK)
		d = db_bind_int(st, 8, now);
	if (d == DB_OK)
		d = db_run(st);
	if (d != DB_OK) {
		log_err("attachment: cannot store %s for %s %lld: %s", a->filename,
			wf_kind_names[a->kind], (long long)a->doc_id, db_errmsg(db));
		return ST_ERR;
	}
	a->id = db_last_id(db);
	return attach_audit(db, who, now, "attachment.add", a, 0);
}

int
attach_add(struct db *db, const struct principal *who, enum wf_kind kind, int64_t doc_id,
	   const char *name, const void *data, size_t n, int64_t now, int64_t *id, struct msg *why)
{
	*id = 0;
	msg_init(why, MSG_NONE, NULL);
	if (who == NULL || (unsigned)kind >= WF_QUEUE_KINDS)
		return ST_NOTFOUND;
	if (data == NULL || n == 0) {
		msg_init(why, MSG_ATTACH_EMPTY, &attach_label);
		return ST_INVALID;
	}
	if (n > ATTACH_MAX) {
		msg_init(why, MSG_ATTACH_TOO_LARGE, &attach_label);
		msg_str(why, name != NULL ? name : "");
		msg_int(why, ATTACH_MAX_MB);
		return ST_INVALID;
	}
	enum attach_type t = attach_sniff(data, n);
	if (t == ATTACH_NONE) {
		msg_init(why, MSG_ATTACH_TYPE, &attach_label);
		msg_str(why, name != NULL ? name : "");
		return ST_INVALID;
	}
	struct attachment a = {.kind = kind, .doc_id = doc_id, .type = t, .size = (int64_t)n};
	attach_name_clean(name, t, a.filename, sizeof(a.filename));
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "attachment add", WF_PRIVATE);
	int rc = attach_add_tx(db, who, &a, data, now);
	if (rc == ST_EXISTS) {
		msg_init(why, MSG_ATTACH_TOO_MANY, &attach_label);
		msg_int(why, ATTACH_PER_DOC_MAX);
		wf_finish(db, rc, "attachment add", WF_PRIVATE);
		return ST_INVALID;
	}
	rc = wf_finish(db, rc, "attachment add", WF_PRIVATE);
	if (rc == ST_OK)
		*id = a.id;
	return rc;
}

int
attach_get(struct db *db, const struct principal *who, int64_t id, struct attachment *meta,
	   void **data)
{
	memset(meta, 0, sizeof(*meta));
	if (data != NULL)
		*data = NULL;
	struct db_stmt *st = db_stmt(db, STMT_ATTACHMENT_META);
	int rc = scope_bind(st, who);
	if (rc == DB_OK)
		rc = db_bind_int(st, 4, id);
	if (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
		meta->id = id;
		attach_row_meta(st, meta);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW)
		goto fail;
	if (data == NULL)
		return ST_OK;
	st = db_stmt(db, STMT_ATTACHMENT_CONTENT);
	rc = scope_bind(st, who);
	if (rc == DB_OK)
		rc = db_bind_int(st, 4, id);
	if (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
		size_t len;
		const void *p = db_col_blob(st, 0, &len);
		if ((int64_t)len != meta->size) {
			log_err("attachment %lld: %zu bytes stored, %lld recorded", (long long)id,
				len, (long long)meta->size);
			rc = DB_ERR;
		} else {
			*data = xmalloc(len + 1);
			if (len > 0)
				memcpy(*data, p, len);
		}
	}
	db_reset(st);
	if (rc == DB_ROW)
		return ST_OK;
	if (rc == DB_DONE)
		return ST_NOTFOUND; /* deleted in between */
fail:
	log_err("attachment: cannot read %lld: %s", (long long)id, db_errmsg(db));
	return ST_ERR;
}

static int
attach_delete_tx(struct db *db, const struct principal *who, int64_t id, int64_t now)
{
	struct attachment a;
	int rc = attach_get(db, who, id, &a, NULL);
	if (rc != ST_OK)
		return rc;
	if (a.uploaded_by != who->user_id)
		return ST_FORBIDDEN;
	if ((rc = attach_editable(db, who, a.kind, a.doc_id)) != ST_OK)
		return rc;
	struct db_stmt *st = db_stmt(db, STMT_ATTACHMENT_DELETE);
	int d = db_bind_int(st, 1, id);
	if (d == DB_OK)
		d = db_run(st);
	if (d != DB_OK) {
		log_err("attachment: cannot delete %lld: %s", (long long)id, db_errmsg(db));
		return ST_ERR;
	}
	return attach_audit(db, who, now, "attachment.delete", &a, 1);
}

int
attach_delete(struct db *db, const struct principal *who, int64_t id, int64_t now)
{
	if (who == NULL)
		return ST_NOTFOUND;
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "attachment delete", WF_PRIVATE);
	return wf_finish(db, attach_delete_tx(db, who, id, now), "attachment delete", WF_PRIVATE);
}
