/*
 * The background sender `sxsh serve` starts: one thread with a database
 * connection of its own that, every MAIL_POLL seconds, sends what is due
 * in the outbox (mail_deliver_due) and, every MAIL_REMIND_EVERY seconds,
 * queues the day's deadline reminders (mail_remind).  Requests never wait
 * for it: they only queue rows.  Several instances may each run one; the
 * outbox's claims keep them from sending a message twice.
 *
 * mail_worker_stop wakes the thread, lets the message being sent finish
 * (SMTP_TIMEOUT at most), joins it and closes its connection.
 */
#ifndef SXSH_MODEL_MAIL_WORKER_H
#define SXSH_MODEL_MAIL_WORKER_H

#include <stddef.h>

#define MAIL_POLL	  2    /* seconds between looks at the outbox */
#define MAIL_REMIND_EVERY 3600 /* seconds between reminder ticks */
#define MAIL_BATCH	  50   /* messages sent per look at most */

struct mail_worker;

/*
 * Starts the sender on the database at db_url with the settings of
 * mail_conf() (configure first).  Returns it, or NULL with a message in
 * err (size errsz) when the database cannot be opened.
 */
struct mail_worker *mail_worker_start(const char *db_url, char *err, size_t errsz);
/* Stops and frees the sender as above; NULL is a no-op. */
void mail_worker_stop(struct mail_worker *w);

#endif
