/*
 * Attachments on the pages (model/doc/attachment.h): the "Tệp đính kèm"
 * section the document's view and form pages show (web_attachments_section),
 * the upload (a multipart/form-data POST to /reports/{id}/attachments or
 * /registrations/{id}/attachments), the download (GET /attachments/{id})
 * and the deletion (POST /attachments/{id}/delete).
 *
 * Uploads and deletions answer with a 303 back to the page they came from
 * (the form's hidden "back", a path on this site), at its #attachments
 * section; a refused file gets a page saying why, with a link back.  A
 * download is always sent as an attachment with the type sniffed when it
 * was stored (and the server's X-Content-Type-Options: nosniff), so a
 * browser never renders one inline as a page of this site.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/doc/attachment.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/wfpage.h"

#define ATTACH_SECTION_MAX (64u * 1024) /* bytes of the section's markup */

/* The size of a file as people read it: "850 B", "12,5 KB", "1,2 MB" (arena). */
static const char *
attach_size_text(struct http_request *req, int64_t bytes)
{
	char num[64];
	if (bytes < 1024)
		return arena_printf(&req->arena, "%s B",
				    fmt_int(num, sizeof(num), bytes, req->lang));
	if (bytes < 1024 * 1024)
		return arena_printf(
		    &req->arena, "%s KB",
		    fmt_num(num, sizeof(num), (double)bytes / 1024.0, 1, req->lang));
	return arena_printf(&req->arena, "%s MB",
			    fmt_num(num, sizeof(num), (double)bytes / 1048576.0, 1, req->lang));
}

/* The path a kind's upload goes to ("/reports/12/attachments"; arena). */
static const char *
attach_upload_path(struct http_request *req, enum wf_kind kind, int64_t doc_id)
{
	return arena_printf(&req->arena, "/%ss/%lld/attachments", wf_kind_names[kind],
			    (long long)doc_id);
}

/* The hidden fields every form of the section carries: csrf and back (this page). */
static void
attach_hidden(struct http_request *req, struct buf *b)
{
	web_csrf_field(req, b, NULL);
	html_open(b, "input", "type", "hidden", "name", "back", "value",
		  web_url(req, req->path, NULL, 0), NULL);
}

/* One row of the list. */
static void
attach_row(struct http_request *req, struct buf *b, const struct attachment *a, int may_delete)
{
	html_open(b, "tr", NULL);
	html_open(b, "td", NULL);
	html_open(
	    b, "a", "href",
	    web_url(req, arena_printf(&req->arena, "/attachments/%lld", (long long)a->id), NULL, 0),
	    NULL);
	html_text(b, a->filename);
	html_close(b, "a");
	html_close(b, "td");
	const struct val_label *tn = &attach_types[a->type].name;
	html_elem(b, "td", a->type != ATTACH_NONE ? HTTP_T(req, tn->vi, tn->en) : "—");
	html_open(b, "td", "class", "num", NULL);
	html_text(b, attach_size_text(req, a->size));
	html_close(b, "td");
	html_elem(b, "td", a->uploader);
	html_elem(b, "td", web_datetime_unix(req, a->uploaded_at));
	if (may_delete) {
		html_open(b, "td", NULL);
		if (req->who != NULL && a->uploaded_by == req->who->user_id) {
			html_open(b, "form", "method", "post", "class", "attach-delete", "action",
				  web_url(req,
					  arena_printf(&req->arena, "/attachments/%lld/delete",
						       (long long)a->id),
					  NULL, 0),
				  NULL);
			attach_hidden(req, b);
			html_open(b, "button", "type", "submit", "aria-label",
				  arena_printf(&req->arena, "%s %s",
					       HTTP_T(req, "Xoá tệp", "Delete"), a->filename),
				  NULL);
			html_text(b, HTTP_T(req, "Xoá", "Delete"));
			html_close(b, "button");
			html_close(b, "form");
		}
		html_close(b, "td");
	}
	html_close(b, "tr");
}

/* The upload form of document (kind, doc_id). */
static void
attach_form(struct http_request *req, struct buf *b, enum wf_kind kind, int64_t doc_id)
{
	char max[32];
	snprintf(max, sizeof(max), "%u", (unsigned)ATTACH_MAX);
	html_open(b, "form", "method", "post", "enctype", "multipart/form-data", "class",
		  "attach-form", "data-max", max, "action",
		  web_url(req, attach_upload_path(req, kind, doc_id), NULL, 0), NULL);
	attach_hidden(req, b);
	html_open(b, "label", "for", "attach-file", NULL);
	html_text(b, HTTP_T(req, "Chọn tệp (PDF, JPEG, PNG hoặc Excel XLSX; mỗi tệp tối đa 10 MB)",
			    "Choose a file (PDF, JPEG, PNG or Excel XLSX; at most 10 MB each)"));
	html_close(b, "label");
	html_open(b, "input", "type", "file", "id", "attach-file", "name", "file", "required",
		  "required", "accept",
		  ".pdf,.jpg,.jpeg,.png,.xlsx,application/pdf,image/jpeg,image/png,"
		  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		  NULL);
	html_open(b, "p", "class", "attach-status", "role", "status", "aria-live", "polite", NULL);
	html_close(b, "p");
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Tải tệp lên", "Upload the file"));
	html_close(b, "button");
	html_close(b, "form");
}

void
web_attachments_section(struct http_request *req, struct buf *b, int kind, int64_t doc_id,
			int can_edit)
{
	if ((unsigned)kind >= WF_QUEUE_KINDS) /* assessments keep their files apart */
		return;
	struct buf s;
	buf_init(&s, ATTACH_SECTION_MAX);
	html_open(&s, "section", "class", "attachments", "id", "attachments", "aria-labelledby",
		  "attachments-h", NULL);
	html_open(&s, "h2", "id", "attachments-h", NULL);
	html_text(&s, HTTP_T(req, "Tệp đính kèm", "Attachments"));
	html_close(&s, "h2");
	struct attachment *list = NULL;
	int n = 0;
	struct db *db = doc_id != 0 ? http_request_db(req) : NULL;
	if (doc_id != 0 && (db == NULL || attach_list(db, req->who, (enum wf_kind)kind, doc_id,
						      &list, &n) != ST_OK)) {
		wfp_message(&s, 1,
			    HTTP_T(req, "Chưa đọc được danh sách tệp đính kèm. Hãy tải lại trang.",
				   "The attachments could not be read. Reload the page."));
	} else if (n == 0) {
		html_open(&s, "p", "class", "note", NULL);
		html_text(&s, HTTP_T(req, "Chưa có tệp đính kèm.", "No files attached yet."));
		html_close(&s, "p");
	} else {
		web_scroll_open(&s, HTTP_T(req, "Tệp đính kèm", "Attachments"));
		html_open(&s, "table", "class", "attach-list", NULL);
		html_open(&s, "caption", NULL);
		html_text(&s, HTTP_T(req, "Hoá đơn năng lượng, báo cáo kiểm toán, chứng nhận",
				     "Energy bills, audit reports, certificates"));
		html_close(&s, "caption");
		html_raw(&s, "<thead><tr>");
		static const char *const heads[][2] = {
		    {"Tên tệp", "File name"},
		    {"Loại", "Type"},
		    {"Dung lượng", "Size"},
		    {"Người tải lên", "Uploaded by"},
		    {"Thời gian tải lên", "Uploaded"},
		};
		for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
			html_open(&s, "th", "scope", "col", NULL);
			html_text(&s, HTTP_T(req, heads[i][0], heads[i][1]));
			html_close(&s, "th");
		}
		if (can_edit) {
			html_open(&s, "th", "scope", "col", NULL);
			html_text(&s, HTTP_T(req, "Thao tác", "Action"));
			html_close(&s, "th");
		}
		html_raw(&s, "</tr></thead><tbody>");
		for (int i = 0; i < n; i++)
			attach_row(req, &s, &list[i], can_edit);
		html_raw(&s, "</tbody></table></div>");
	}
	free(list);
	if (can_edit && doc_id != 0) {
		attach_form(req, &s, (enum wf_kind)kind, doc_id);
	} else if (can_edit) {
		html_open(&s, "p", "class", "note", NULL);
		html_text(&s, wfp_text_id(req, MSG_ATTACH_SAVE_FIRST));
		html_close(&s, "p");
	}
	html_close(&s, "section");
	if (s.overflow)
		log_err("web: attachments of %s %lld over %u bytes", wf_kind_names[kind],
			(long long)doc_id, ATTACH_SECTION_MAX);
	else
		buf_puts(b, buf_str(&s));
	buf_free(&s);
}

/* Where an upload or deletion goes back to: the form's "back", at the section. */
static const char *
attach_back(struct http_request *req)
{
	return arena_printf(&req->arena, "%s#attachments", web_local_path(http_form(req, "back")));
}

/* The page of a refused upload: why, and the way back. */
static int
attach_refused(struct http_request *req, struct http_response *resp, int status,
	       const struct msg *why)
{
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	const char *title = HTTP_T(req, "Chưa đính kèm được tệp", "The file was not attached");
	html_elem(&b, "h1", title);
	wfp_message(&b, 1, wfp_text(req, why));
	html_open(&b, "p", NULL);
	html_open(&b, "a", "href", attach_back(req), NULL);
	html_text(&b, HTTP_T(req, "Quay lại hồ sơ để chọn tệp khác",
			     "Back to the document to choose another file"));
	html_close(&b, "a");
	html_close(&b, "p");
	resp->status = status;
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/* An upload to document (kind, the path's id). */
static int
attach_post(struct http_request *req, struct http_response *resp, enum wf_kind kind)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const struct http_file *f = http_file(req, "file");
	struct msg why;
	int64_t aid;
	int rc =
	    attach_add(db, req->who, kind, id, f != NULL ? f->filename : NULL,
		       f != NULL ? f->data : NULL, f != NULL ? f->len : 0, wf_now(), &aid, &why);
	if (rc == ST_OK) {
		wfp_redirect(resp, attach_back(req));
		return 0;
	}
	if (rc == ST_INVALID)
		return attach_refused(req, resp, why.id == MSG_ATTACH_TOO_LARGE ? 413 : 400, &why);
	return wfp_fail(req, resp, rc);
}

int
web_report_attach(struct http_request *req, struct http_response *resp)
{
	return attach_post(req, resp, WF_KIND_REPORT);
}

int
web_registration_attach(struct http_request *req, struct http_response *resp)
{
	return attach_post(req, resp, WF_KIND_REGISTRATION);
}

/*
 * The Content-Disposition of a download of name: an ASCII fallback (every
 * other character and " \ as '_') and the UTF-8 name (RFC 6266, RFC 8187).
 */
static const char *
attach_disposition(struct http_request *req, const char *name)
{
	size_t len = strlen(name);
	char *ascii = arena_alloc(&req->arena, len + 1);
	size_t w = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x80) {
			if ((c & 0xc0) != 0x80) /* one '_' per character, not per byte */
				ascii[w++] = '_';
			continue;
		}
		ascii[w++] = c < 0x20 || c == '"' || c == '\\' || c == 0x7f ? '_' : (char)c;
	}
	ascii[w] = '\0';
	struct buf enc;
	buf_init(&enc, 3 * ATTACH_NAME_MAX + 1);
	html_urlenc(&enc, name);
	const char *out = arena_printf(
	    &req->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, buf_str(&enc));
	buf_free(&enc);
	return out;
}

int
web_attachment(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct attachment a;
	void *data = NULL;
	int rc = attach_get(db, req->who, id, &a, &data);
	if (rc != ST_OK || a.type == ATTACH_NONE) {
		free(data);
		return wfp_fail(req, resp, rc == ST_OK ? ST_NOTFOUND : rc);
	}
	resp->content_type = attach_types[a.type].mime;
	http_response_header(resp, "Content-Disposition", attach_disposition(req, a.filename));
	http_response_header(resp, "Cache-Control", "private, no-store");
	http_response_set_blob(resp, http_blob_new(data, (size_t)a.size));
	free(data);
	return 0;
}

int
web_attachment_delete(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int rc = attach_delete(db, req->who, id, wf_now());
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	wfp_redirect(resp, attach_back(req));
	return 0;
}
