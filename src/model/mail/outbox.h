/*
 * The outbox (table mail_outbox): every message sxsh sends, kept with its
 * state from the moment it is queued.
 *
 * Queueing (mail_queue) runs in the caller's transaction, so a notice
 * commits or rolls back with the change it announces, and never touches
 * the network: requests only ever write a row.  Sending (mail_deliver_due)
 * runs in the background sender (worker.h) or `sxsh mail send`: it claims
 * due messages one by one, each with an UPDATE guarded by its state, so
 * two instances never send one message twice; sends each outside any
 * transaction; and records the result: sent, or back to queued with the
 * next attempt MAIL_RETRY_DELAYS further away, or failed with the error
 * kept after MAIL_MAX_ATTEMPTS attempts.  A message left 'sending' by an
 * instance that died is claimed again after MAIL_CLAIM_STALE seconds.
 *
 * Opt-out (table mail_optout): users who turned notices off get no
 * invitation, reminder, returned or accepted notice (the queries that find
 * recipients leave them out); password resets reach everyone.
 */
#ifndef SXSH_MODEL_MAIL_OUTBOX_H
#define SXSH_MODEL_MAIL_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "model/accounts/principal.h"
#include "model/mail/mail.h"
#include "model/status.h"

struct db;

#define MAIL_MAX_ATTEMPTS 6	/* tries before a message is given up */
#define MAIL_CLAIM_STALE  600	/* seconds after which a 'sending' claim is taken over */
#define MAIL_SUBJECT_MAX  512	/* bytes */
#define MAIL_BODY_MAX	  16384 /* bytes */
#define MAIL_LIST_MAX	  1000	/* rows mail_list returns at most */

/* The kinds of message, in the order of their codes (mail_kind_codes). */
enum mail_kind {
	MAIL_INVITATION,
	MAIL_REMINDER,
	MAIL_RETURNED,
	MAIL_ACCEPTED,
	MAIL_PASSWORD_RESET,
	MAIL_KIND__MAX
};
/* "invitation", "reminder", "returned", "accepted", "password_reset": the kind column. */
extern const char *const mail_kind_codes[MAIL_KIND__MAX];

/* A message to queue.  Pointers are borrowed for the call. */
struct mail_new {
	enum mail_kind kind;
	const char *recipient; /* one address */
	int64_t user_id;       /* the account it goes to; 0 when none */
	const char *subject;   /* UTF-8, one line */
	const char *body;      /* UTF-8, lines ended by '\n' */
	int64_t facility_id;   /* 0 when none */
	const char *doc_kind;  /* "report", "registration" or NULL */
	int64_t doc_id;	       /* 0 when none */
	const char *dedup_key; /* NULL: none; else the message is queued once per key */
};

/*
 * Queues m, due at now, in the caller's transaction.  Returns 1 when
 * queued, 0 when a message with its dedup_key exists already, -1 on a
 * storage error (logged).
 */
int mail_queue(struct db *db, const struct mail_new *m, int64_t now);

/*
 * Seconds to wait after the attempts-th failed attempt (1 -> 60, 2 -> 300,
 * 3 -> 1800, 4 -> 7200, then 21600).  Pure.
 */
int64_t mail_retry_delay(int attempts);

/* What one run of mail_deliver_due did. */
struct mail_run {
	int sent, retried, failed;
};

/*
 * Claims and sends up to max messages due at now through c's server,
 * recording each result as described above, and adds the counts to *run.
 * Each claim and each result is a transaction of its own; the sending
 * happens outside them.  Returns 0, or -1 on a storage error (logged; a
 * message claimed then is taken over after MAIL_CLAIM_STALE).
 */
int mail_deliver_due(struct db *db, const struct mail_config *c, int64_t now, int max,
		     struct mail_run *run);

/* One row of the outbox as listed. */
struct mail_row {
	int64_t id;
	char kind[24];
	char recipient[256];
	char subject[MAIL_SUBJECT_MAX];
	char state[16];
	int attempts;
	int64_t next_at, created_at, sent_at; /* sent_at 0 until sent */
	char last_error[256];
};

/*
 * The newest rows (at most MAIL_LIST_MAX) in state (NULL: any), newest
 * first, into *out (malloc'd, the caller frees) and *n.  due_only: only
 * queued messages due at now, oldest first (what a send would take).
 * ST_OK or ST_ERR.
 */
enum status mail_list(struct db *db, const char *state, int due_only, int64_t now,
		      struct mail_row **out, size_t *n);

/* 1 when user_id has turned notices off, 0 when not, -1 on a storage error. */
int mail_optout_get(struct db *db, int64_t user_id);
/*
 * who turns its own notices off (off != 0) or on at now, audited as
 * "user.notices", in a transaction of its own.  ST_OK or ST_ERR.
 */
enum status mail_optout_set(struct db *db, const struct principal *who, int off, int64_t now);

#endif
