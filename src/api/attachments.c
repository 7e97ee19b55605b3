/*
 * The attachments of a document in its API answer (GET, PUT and the
 * transitions of /api/v1/reports/{id} and /api/v1/registrations/{id}):
 * "attachments", their number, and "attachment_list", each with its id,
 * name, type, size in bytes, uploader's id, time (ISO 8601, UTC) and the
 * URL that downloads it (web/attachments.c).  The list is the caller's
 * view: scoped like the document (model/doc/attachment.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "api/api_int.h"
#include "model/doc/attachment.h"
#include "util/log.h"

int
api_doc_attachments(struct http_request *req, struct db *db, int kind, int64_t id, json_t *doc)
{
	struct attachment *list;
	int n;
	if (attach_list(db, req->who, (enum wf_kind)kind, id, &list, &n) != ST_OK)
		return -1;
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		const struct attachment *t = &list[i];
		char at[32], url[64];
		time_t when = (time_t)t->uploaded_at;
		struct tm tm;
		gmtime_r(&when, &tm);
		strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
		snprintf(url, sizeof(url), "/attachments/%lld", (long long)t->id);
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(t->id));
		json_object_set_new(o, "filename", json_string(t->filename));
		json_object_set_new(o, "type",
				    json_string(t->type != ATTACH_NONE
						    ? attach_types[t->type].mime
						    : "application/octet-stream"));
		json_object_set_new(o, "size", json_integer(t->size));
		json_object_set_new(o, "uploaded_by", json_integer(t->uploaded_by));
		json_object_set_new(o, "uploaded_at", json_string(at));
		json_object_set_new(o, "url", json_string(url));
		json_array_append_new(a, o);
	}
	free(list);
	json_object_set_new(doc, "attachments", json_integer(n));
	json_object_set_new(doc, "attachment_list", a);
	return 0;
}
