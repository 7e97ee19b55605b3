/*
 * The notices sxsh e-mails, queued in the outbox (outbox.h), each
 * Vietnamese first with the English below it, signed, and for notices the
 * line saying where to turn them off:
 *
 *  - returned and accepted: to the facility's enterprise users when a
 *    reviewer returns or accepts its report or registration, queued in the
 *    transaction of that move (mail_notice_doc, called by the document
 *    core, model/doc/doc.c);
 *  - reminders: N days before and after each report and registration
 *    deadline (model/reporting/home.h, `sxsh deadline`, the deadlines
 *    page) to the users of every active facility that has not sent that
 *    document (mail_remind, ticked by the background sender and `sxsh mail
 *    remind`).  A reminder goes out on its exact day (days of Vietnam's
 *    time zone); its dedup key (kind, year, deadline, that day, facility,
 *    user) queues it once however often the tick runs, on any instance;
 *  - campaign invitations: mail_queue_campaign_invite.
 *
 * The recipients are the facility's active enterprise accounts (confirmed
 * members), without those who turned notices off.  Links start with the
 * base URL of mail_conf().  Subjects are Vietnamese only (one line; the
 * recipients are Vietnamese offices); bodies carry both languages.
 */
#ifndef SXSH_MODEL_MAIL_NOTICE_H
#define SXSH_MODEL_MAIL_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "model/doc/doc.h"
#include "model/msg.h"

struct db;

/*
 * The document core's hook after document h of kind kind_name ("report",
 * "registration") moved by action with the reviewer's note (may be
 * NULL): a return or an acceptance queues one notice per recipient;
 * other actions queue nothing.  In the caller's transaction.  Returns
 * ST_OK, or ST_ERR on a storage error (logged).
 */
int mail_notice_doc(struct db *db, const char *kind_name, const struct doc_head *h,
		    enum wf_action action, const char *note);

/*
 * Queues the reminders due on the day of now (see above), in a transaction
 * of its own; with dry_run set the transaction is rolled back, so *queued
 * counts what a real run would queue.  Returns ST_OK with *queued set, or
 * ST_ERR.
 */
int mail_remind(struct db *db, int64_t now, int dry_run, int *queued);

/*
 * Queues the invitation of campaign campaign_id (survey year `year`,
 * deadline "YYYY-MM-DD", the facility's workbook at workbook_url) to each
 * recipient of facility_id, once per campaign, facility and recipient (a
 * second call queues nothing new).  In the caller's transaction.  Returns
 * the number queued, or -1 on a storage error.
 */
int mail_queue_campaign_invite(struct db *db, int64_t campaign_id, int64_t facility_id, int year,
			       const char *deadline, const char *workbook_url, int64_t now);

/*
 * The body of a message to name (a person's name or address): greeting,
 * the text of body, the link (NULL: none) and the signature, in Vietnamese
 * and then in English, with the opt-out line when notice is set.
 * malloc'd; the caller frees.
 */
char *mail_compose(const char *name, const struct msg *body, const char *link, int notice);

/* The subject m renders in Vietnamese into out (size n); returns out. */
char *mail_subject(const struct msg *m, char *out, size_t n);

#endif
