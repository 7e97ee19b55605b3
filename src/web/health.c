/*
 * GET /healthz: "ok" when this worker's database connection answers a
 * trivial query, 503 otherwise.  For load balancers and the tests, which
 * wait for it before they start.
 */
#include "model/store.h"
#include "web/web_int.h"

int
web_health(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	resp->content_type = HTTP_CT_TEXT;
	http_response_header(resp, "Cache-Control", "no-store");
	if (db == NULL || !store_ping(db)) {
		resp->status = 503;
		buf_puts(&resp->body, "unavailable");
		return 0;
	}
	buf_puts(&resp->body, "ok");
	return 0;
}
