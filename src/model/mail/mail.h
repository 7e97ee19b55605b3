/*
 * E-mail settings, one set per process: where the SMTP server is, who the
 * messages come from, the base of the links they carry and the reminder
 * days.  `sxsh serve` and `sxsh mail` fill them once from their options
 * and the environment (mail_config_env, then the options) and call
 * mail_configure before any thread that queues or sends mail starts;
 * afterwards they are only read (mail_conf), so no lock is needed.
 *
 * The SMTP URL (docs/deploy.md):
 *   smtp://HOST[:PORT]            plain SMTP (port 25), no TLS
 *   smtp+starttls://HOST[:PORT]   SMTP that must switch to TLS with STARTTLS
 *                                 before anything is sent (port 587)
 *   smtps://HOST[:PORT]           SMTP over TLS from the start (port 465)
 * A user and password may be given in the URL (smtp://USER:PASS@HOST,
 * percent-encoded) or by SXSH_SMTP_USER and SXSH_SMTP_PASSWORD, which win.
 */
#ifndef SXSH_MODEL_MAIL_MAIL_H
#define SXSH_MODEL_MAIL_MAIL_H

#include <stddef.h>

#define MAIL_URL_MAX	  512
#define MAIL_FIELD_MAX	  256
#define MAIL_REMIND_MAX	  4 /* reminder days before, and after, a deadline */
#define MAIL_DEFAULT_FROM "sxsh@localhost"

struct mail_config {
	char smtp_url[MAIL_URL_MAX]; /* "" when mail is not configured: nothing is sent */
	char user[MAIL_FIELD_MAX];   /* "" when the server needs no authentication */
	char password[MAIL_FIELD_MAX];
	char from[MAIL_FIELD_MAX];   /* "addr" or "Name <addr>" */
	char base_url[MAIL_URL_MAX]; /* links: BASE/reports/12, no trailing '/' */
	int before[MAIL_REMIND_MAX]; /* days before a deadline, largest first */
	int nbefore;
	int after[MAIL_REMIND_MAX]; /* days after a deadline, smallest first */
	int nafter;
};

/*
 * The defaults (no SMTP server, From MAIL_DEFAULT_FROM, links to
 * http://127.0.0.1:PORT, reminders 7 and 1 days before and 3 after) with
 * SXSH_SMTP_URL, SXSH_SMTP_USER, SXSH_SMTP_PASSWORD, SXSH_MAIL_FROM and
 * SXSH_BASE_URL applied, into *c.
 */
void mail_config_env(struct mail_config *c, unsigned port);

/*
 * Sets c->smtp_url from url after checking its scheme and host (see
 * above); a user and password in it move to c->user and c->password unless
 * those are set already.  Returns 0, or -1 when url is not such a URL.
 */
int mail_config_smtp(struct mail_config *c, const char *url);

/* Sets c->base_url (http:// or https://, trailing '/' dropped); 0 or -1. */
int mail_config_base_url(struct mail_config *c, const char *url);

/*
 * Parses a list of reminder days "7,1" (each 0..60, at most
 * MAIL_REMIND_MAX, "" or "none" for none) into days (sorted, largest first
 * when desc, else smallest first) and *n.  Returns 0 or -1.
 */
int mail_config_days(const char *s, int desc, int days[MAIL_REMIND_MAX], int *n);

/* Makes c the process's settings (copied).  Call before starting threads. */
void mail_configure(const struct mail_config *c);
/* The process's settings: the defaults of mail_config_env(8080) until mail_configure. */
const struct mail_config *mail_conf(void);

#endif
