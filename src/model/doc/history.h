/*
 * The history of a report or registration as its reviewers read it (table
 * doc_event, migration 0014): every workflow move with when, who, the note
 * typed with it and, for a submission, the content as submitted.  The
 * document core (doc.c) adds a row in the transaction of each move; the
 * review pages list them (the note history) and compare the last
 * submission with the one before it (model/reporting/review.h).
 */
#ifndef SXSH_MODEL_DOC_HISTORY_H
#define SXSH_MODEL_DOC_HISTORY_H

#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/doc/workflow.h"

struct arena;
struct db;

/*
 * Records that who did action (not WF_EDIT) on document id of kind at time
 * now (Unix seconds) with note (NULL or "" for none); content is the
 * document's JSON after a submission (NULL otherwise).  Runs in the
 * caller's transaction.  Returns 0, or -1 (logged) on a storage error.
 */
int doc_history_add(struct db *db, enum wf_kind kind, int64_t id, const struct principal *who,
		    int64_t now, enum wf_action action, const char *note, const char *content);

/* One move of a document; strings live in the arena given to doc_history_list. */
struct doc_event {
	int64_t at;	   /* Unix seconds */
	const char *actor; /* the account's name, else its email ("cli": the command line) */
	enum wf_action action;
	const char *note;    /* "" for none */
	const char *content; /* the JSON as submitted (WF_SUBMIT), else NULL */
};

/*
 * The moves of document id of kind, oldest first, into *out (n of them, in
 * arena a).  The caller has checked that who may see the document.
 * Returns ST_OK or ST_ERR (logged).
 */
int doc_history_list(struct db *db, enum wf_kind kind, int64_t id, struct arena *a,
		     struct doc_event **out, int *n);

#endif
