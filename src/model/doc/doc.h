/*
 * The workflow-document core: what every document an enterprise or an
 * official files and others review has in common, written once.  A
 * document belongs to one facility and one year, has a state and a
 * version, moves by the transitions of its kind's rule table, and every
 * change is one transaction that reads it through its scoped statement,
 * checks the version (a stale one is ST_CONFLICT, nothing written) and the
 * rule, writes, writes the audit row and commits.
 *
 * A kind (report, registration; later assessments, event records, plan
 * activities) is one row of doc_kinds[]: its names, its statements, its
 * rule table and the few operations only it knows (read, validate, insert,
 * update its content, its audit JSON).  Everything else (create, update,
 * transition, save-and-submit, the checks, the audit rows, the generation
 * bump for public changes) is here.  Adding a kind: a migration (its table,
 * and its branch of the workflow_document view the review queue reads), a
 * row in doc_kinds[], its fields and validation in its own module, its
 * page and its API handler on the shared helpers (web/wfpage.h,
 * api/api_int.h).
 *
 * A kind's document struct holds a struct doc_head (at head_offset) and its
 * content.  The core allocates documents of the kind's size, zeroed, and
 * releases them with doc_free.
 */
#ifndef SXSH_MODEL_DOC_H
#define SXSH_MODEL_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/doc/workflow.h"
#include "model/status.h"

struct db;

/* What every document has, whatever its kind. */
struct doc_head {
	int64_t id; /* 0 for an unsaved (pre-filled) document */
	int64_t facility_id;
	int year;
	enum wf_state state;
	char submitted_on[32]; /* "" until submitted */
	char review_note[WF_NOTE_MAX + 1];
	int64_t version;
};

struct doc_kind {
	enum wf_kind kind;
	const char *name;		    /* "report": audit entity, action prefix, queue */
	struct val_label label;		    /* "báo cáo" / "report" */
	const struct val_label *year_label; /* names the year field in errors */
	const struct wf_rule *rules;	    /* who may move it from which state */
	size_t nrules;
	int stmt_find;	   /* scoped (who, facility, year) -> id */
	int stmt_state;	   /* (id, version, status, forwarded, note, submitted) */
	unsigned creators; /* ROLE_BIT()s that may create one; 0: wf_may_create's */
	size_t size;	   /* bytes of the kind's document struct */
	size_t head_offset;

	/*
	 * Reads document id as who sees it into doc (size bytes, zeroed):
	 * ST_OK, ST_NOTFOUND or ST_ERR (logged).
	 */
	int (*get)(struct db *db, const struct principal *who, int64_t id, void *doc);
	/*
	 * Validates the kind's input in and, when valid, fills doc's content
	 * (the head untouched): ST_OK, ST_INVALID (errs filled) or ST_ERR.
	 */
	int (*validate)(struct db *db, const void *in, void *doc, struct wf_errors *errs);
	/* Inserts the document (head facility and year set) and sets head.id: 0 or -1. */
	int (*insert)(struct db *db, void *doc);
	/*
	 * Replaces the content of document head.id if its version is still
	 * version: 1 when done, 0 when the version was stale, -1 on error.
	 */
	int (*update)(struct db *db, const void *doc, int64_t version);
	/* The audit JSON of doc (sorted keys, compact); malloc'd, the caller frees. */
	char *(*json)(const void *doc);
	/* Frees what doc's content owns (not doc); NULL when it owns nothing. */
	void (*release)(void *doc);
};

/* The kinds, indexed by enum wf_kind. */
extern const struct doc_kind *const doc_kinds[WF_KIND__MAX];

/* The kind named name ("report"), or NULL. */
const struct doc_kind *doc_kind_named(const char *name);

/* The head of document doc of kind k. */
struct doc_head *doc_head(const struct doc_kind *k, void *doc);

/* A new zeroed document of kind k (aborts when out of memory). */
void *doc_new(const struct doc_kind *k);
/* Releases doc and what it owns; NULL is a no-op. */
void doc_free(const struct doc_kind *k, void *doc);

/*
 * Whether who may do action on a document of kind k in state from, by k's
 * rule table: ST_OK with *to and *note_required, ST_STATE when no rule
 * allows the action from that state, ST_FORBIDDEN when one does but not
 * for who's role.
 */
int doc_check(const struct doc_kind *k, enum wf_action action, enum wf_state from,
	      const struct principal *who, enum wf_state *to, int *note_required);

/*
 * Document id of kind k into a new document (*out, doc_free it): ST_OK,
 * ST_NOTFOUND or ST_ERR.
 */
int doc_get(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
	    void **out);

/*
 * Creates the draft of kind k for (facility_id, year) from the kind's input
 * in: ST_OK with *id, ST_NOTFOUND (facility out of scope), ST_FORBIDDEN
 * (role may not create), ST_INVALID (errs: "year" or the kind's fields),
 * ST_EXISTS (one exists for that year), ST_ERR or ST_FULL.  One
 * transaction; nothing is written unless ST_OK.
 */
int doc_create(struct db *db, const struct doc_kind *k, const struct principal *who,
	       int64_t facility_id, int year, const void *in, int64_t *id, struct wf_errors *errs);

/*
 * Replaces the content of document id with in if its version is still
 * version: ST_OK, ST_NOTFOUND, ST_FORBIDDEN, ST_STATE (not editable in its
 * state), ST_CONFLICT (stale: nothing written), ST_INVALID, ST_ERR or
 * ST_FULL.
 */
int doc_update(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
	       int64_t version, const void *in, struct wf_errors *errs);

/*
 * Moves document id by action (not WF_EDIT) if its version is still
 * version.  note is the reviewer's note: required where the rule says so
 * (else ST_INVALID with errs field "note"), at most WF_NOTE_MAX bytes.
 * Accepting or reopening bumps the data generation (public figures
 * change).  Returns ST_OK, ST_NOTFOUND, ST_FORBIDDEN, ST_STATE,
 * ST_CONFLICT, ST_INVALID, ST_ERR or ST_FULL.
 */
int doc_transition(struct db *db, const struct doc_kind *k, const struct principal *who, int64_t id,
		   enum wf_action action, int64_t version, const char *note,
		   struct wf_errors *errs);

/*
 * Saves and submits in one transaction, as a form's "submit" does: creates
 * (facility_id, year) from in when id is 0, else updates id from a form of
 * version, then submits it; all or nothing.  ST_OK with *out_id, or what
 * doc_create, doc_update or doc_transition would return.
 */
int doc_save_and_submit(struct db *db, const struct doc_kind *k, const struct principal *who,
			int64_t facility_id, int year, int64_t id, int64_t version, const void *in,
			int64_t *out_id, struct wf_errors *errs);

/*
 * A form's save (submit 0) or save-and-submit (submit 1) of the document
 * of (facility_id, year) that the form loaded as id (0: none yet) and
 * version_text (the form's hidden "version"; NULL or "" for a new one).
 * A version that does not match (a new form for an existing document, a
 * missing or malformed version, or one created meanwhile) is ST_CONFLICT.
 * Returns ST_OK with *out_id, or as doc_create/doc_update/
 * doc_save_and_submit.
 */
int doc_store(struct db *db, const struct doc_kind *k, const struct principal *who,
	      int64_t facility_id, int year, int64_t id, const char *version_text, const void *in,
	      int submit, int64_t *out_id, struct wf_errors *errs);

/*
 * What doc_save_and_submit (submit 1) or doc_create/doc_update (submit 0)
 * do, inside the caller's transaction (db_begin), so that many documents
 * are written all or nothing (a workbook import): creates (facility_id,
 * year) from in when id is 0, else updates id if its version is still
 * version, then submits it when asked.  Writes nothing of its own when it
 * fails, but the caller must roll back.  Returns ST_OK with *out_id, or as
 * doc_save_and_submit (never ST_FULL: the caller's commit tells).
 */
int doc_store_in_tx(struct db *db, const struct doc_kind *k, const struct principal *who,
		    int64_t facility_id, int year, int64_t id, int64_t version, const void *in,
		    int submit, int64_t *out_id, struct wf_errors *errs);

#endif
