/*
 * GET /static/NAME: the files under static/ embedded in the binary, with a
 * content type by extension, Cache-Control, and an ETag (a hash of the
 * contents, so it changes exactly when the file does); a matching
 * If-None-Match gets 304 with no body.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/embed.h"
#include "web/web_int.h"

static const struct {
	const char *ext;
	const char *type;
} static_types[] = {
    {".css", HTTP_CT_CSS},  {".svg", "image/svg+xml; charset=utf-8"},
    {".png", "image/png"},  {".ico", "image/x-icon"},
    {".txt", HTTP_CT_TEXT}, {".js", "text/javascript; charset=utf-8"},
};

/* FNV-1a, 64 bits: cheap and stable; the ETag only needs to change with the bytes. */
static uint64_t
static_hash(const unsigned char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

int
web_static(struct http_request *req, struct http_response *resp)
{
	const char *name = req->path + 1; /* "static/..." as embedded */
	const struct embed_file *f = NULL;
	const char *type = NULL;
	if (strstr(name, "..") == NULL)
		f = embed_find(name);
	if (f != NULL) {
		const char *dot = strrchr(name, '.');
		for (size_t i = 0;
		     dot != NULL && i < sizeof(static_types) / sizeof(static_types[0]); i++)
			if (strcmp(dot, static_types[i].ext) == 0)
				type = static_types[i].type;
	}
	if (f == NULL || type == NULL) {
		web_error(req, resp, 404, "Không tìm thấy tệp này.", "This file does not exist.");
		return 0;
	}
	char *etag = arena_printf(&req->arena, "\"%016llx\"",
				  (unsigned long long)static_hash(f->data, f->len));
	resp->content_type = type;
	http_response_header(resp, "ETag", etag);
	http_response_header(resp, "Cache-Control", "public, max-age=3600");
	if (req->if_none_match != NULL && strcmp(req->if_none_match, etag) == 0) {
		resp->status = 304;
		return 0;
	}
	buf_append(&resp->body, f->data, f->len);
	return 0;
}
