/*
 * Nothing typed is lost: the hooks the document forms (report_form.c,
 * registration_form.c) and the sign-in (auth.c) place around their own
 * work, written in drafts.c.  Private to src/web/.
 *
 * A form calls web_draft_enter once it knows its document and whether the
 * caller may edit it, and web_draft_leave on every way out.  Between the
 * two:
 *  - a POST of the form has already been stored as the user's draft (raw,
 *    model/doc/formdraft.h), so a save that fails keeps it;
 *  - on a GET, when the user has a draft newer than the document's last
 *    change, web_draft_restored is 1 and the draft's body is req's posted
 *    form (http_form reads it; req->method stays GET): the form shows it
 *    as it would show a posted form, and must not save it.
 * web_draft_leave clears the draft after a successful POST (the 303 of
 * wfp_stored), and places a block right after the page's <h1>: the notice
 * of a restored draft with its "discard" button, or, after a stale save
 * (409) or for a draft typed on an older version, the version saved
 * meanwhile (who saved it, when, and its values) beside the form that
 * keeps what the user typed.
 */
#ifndef SXSH_WEB_DRAFTS_H
#define SXSH_WEB_DRAFTS_H

#include "model/doc/doc.h"
#include "web/web_int.h"

struct db;
struct web_draft;

/*
 * Starts the draft handling of the form of document kind k at req->path,
 * whose stored document is h (NULL, or id 0, when none exists yet); editable
 * as wfp_editable says.  Storage errors are logged and only turn the drafts
 * off for this request.  Returns a state in req's arena, never NULL.
 */
struct web_draft *web_draft_enter(struct http_request *req, struct db *db, const struct doc_kind *k,
				  const struct doc_head *h, int editable);

/* Whether d restored a draft into req's form (see above). */
int web_draft_restored(const struct web_draft *d);

/*
 * Finishes the request the form answered in resp with ret (its handler's
 * return value): see above.  Returns ret, or -1 when the block could not be
 * placed for lack of memory or storage.
 */
int web_draft_leave(struct web_draft *d, struct http_response *resp, int ret);

/*
 * After a successful sign-in of user_id in this browser: claims the
 * browser's stash, if any (it becomes the user's draft of its form), and
 * deletes the stash cookie.  Errors are logged; sign-in goes on.
 */
void web_draft_claim(struct http_request *req, struct http_response *resp, int64_t user_id);

#endif
