/*
 * What a person typed into a form and has not saved: drafts and stashes.
 *
 * A draft is the raw urlencoded body of one form (its path, such as
 * "/facilities/12/report/2025") of one user, as the page's script last
 * sent it while the person typed, or as the form's own submit sent it just
 * before the save was tried.  It is kept raw so that text no validator
 * accepts is kept too.  With it: the version of the document the form was
 * loaded with (0 for a document not created yet) and when it was stored.
 * A successful save clears it; one not touched for FORMDRAFT_TTL seconds
 * is gone.  Only its user ever reads it: every call takes the user id.
 *
 * A stash is the body of a form posted after its session expired, kept
 * under the hash of a random token (the token itself lives only in that
 * browser's cookie) for FORMSTASH_TTL seconds and used once: the next
 * sign-in in that browser claims it, which turns it into the draft of the
 * user who signed in, and deletes it.
 *
 * Bodies are at most FORMDRAFT_BODY_MAX bytes (the pages' own form limit);
 * the caller checks.  Times are Unix seconds.
 */
#ifndef SXSH_MODEL_DOC_FORMDRAFT_H
#define SXSH_MODEL_DOC_FORMDRAFT_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/session.h"

struct db;

#define FORMDRAFT_TTL	    (30 * 86400) /* seconds a draft is kept after its last store */
#define FORMSTASH_TTL	    (3600)	 /* seconds a stash waits for a sign-in */
#define FORMDRAFT_BODY_MAX  (64u * 1024) /* bytes of a stored body (HTTP_FORM_MAX) */
#define FORMDRAFT_PATH_MAX  256		 /* bytes of a form path */
#define FORMSTASH_TOKEN_LEN SESSION_TOKEN_LEN
/*
 * Live stashes at most: a stash is written for a request without a live
 * session, so their number (and the space they take, 64 MiB at most) is
 * bounded; beyond it no stash is made.
 */
#define FORMSTASH_LIVE_MAX 1000

struct formdraft {
	char *body; /* malloc'd; formdraft_release frees it */
	int64_t base_version;
	int64_t saved_at;
};

/*
 * Stores body as user_id's draft of the form at path, loaded at
 * base_version, at time now, replacing the one before, and deletes every
 * user's drafts older than FORMDRAFT_TTL.  Returns 0, or -1 (logged) on a
 * storage error.
 */
int formdraft_put(struct db *db, int64_t user_id, const char *path, const char *body,
		  int64_t base_version, int64_t now);

/*
 * Reads user_id's draft of path into *out unless it is older than
 * FORMDRAFT_TTL at now.  Returns 1 (release *out), 0 when there is none, -1
 * (logged) on a storage error.
 */
int formdraft_get(struct db *db, int64_t user_id, const char *path, int64_t now,
		  struct formdraft *out);

/* Frees what d holds; d itself stays (zeroed).  NULL is a no-op. */
void formdraft_release(struct formdraft *d);

/* Deletes user_id's draft of path, if any.  Returns 0, or -1 (logged). */
int formdraft_clear(struct db *db, int64_t user_id, const char *path);

/*
 * The newest audit row of the document of kind (its doc_kind name) and id:
 * who made it (email, into actor of size n) and when (*at).  Returns 1, 0
 * when the document has none, -1 (logged) on a storage error.
 */
int formdraft_doc_change(struct db *db, const char *kind, int64_t id, char *actor, size_t n,
			 int64_t *at);

/*
 * Keeps body, posted to path from a form loaded at base_version, as a new
 * stash at time now, and deletes expired ones.  Writes the stash's token
 * into token (FORMSTASH_TOKEN_LEN characters, for the browser's cookie
 * only).  Returns 0, 1 when FORMSTASH_LIVE_MAX stashes are live (nothing
 * kept), or -1 (logged) on a storage error.
 */
int formstash_put(struct db *db, const char *path, const char *body, int64_t base_version,
		  int64_t now, char token[FORMSTASH_TOKEN_LEN + 1]);

/*
 * Claims the stash of token for user_id at now, in one transaction: a live
 * stash becomes user_id's draft of its path (stored when the stash was
 * made) and the stash is deleted; an expired one is only deleted.  Writes
 * the path into path (size n).  Returns 1 when a draft was made, 0 when
 * there was no live stash (a malformed token, used or expired), -1 (logged)
 * on a storage error (nothing changed).
 */
int formstash_claim(struct db *db, const char *token, int64_t user_id, int64_t now, char *path,
		    size_t n);

#endif
