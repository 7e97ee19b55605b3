/*
 * Reminders on a campaign's own deadline (campaign.h, campaign_remind):
 * ticked by mail_remind (model/mail/notice.c) inside its transaction, so
 * `sxsh mail remind --dry-run` and the background sender treat them like
 * the deadline reminders.  A campaign's facility still owes its documents
 * while it stands below "submitted" in the campaign's progress
 * (campaign.c's facility_level): for a campaign of kind both, until both
 * documents of the year are submitted.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/mail/mail.h"
#include "model/mail/notice.h"
#include "model/mail/outbox.h"
#include "model/msg.h"
#include "model/reporting/home.h"
#include "model/survey/campaign.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/log.h"

/* Days since 1970-01-01 of "YYYY-MM-DD"; -1 when it is not such a date. */
static int64_t
day_of(const char *iso)
{
	int y, m, d;
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	return audit_days(y, m, d);
}

/* Whether a document status counts as sent: submitted or accepted. */
static int
sent(const char *status)
{
	return strcmp(status, "submitted") == 0 || strcmp(status, "accepted") == 0;
}

/* Whether a facility with these statuses still owes campaign kind k its documents. */
static int
owes(enum campaign_kind k, const char *report, const char *registration)
{
	if (k == CAMPAIGN_REPORT)
		return !sent(report);
	if (k == CAMPAIGN_REGISTRATION)
		return !sent(registration);
	return !sent(report) || !sent(registration);
}

/* A facility that owes its documents. */
struct owing {
	int64_t id;
	char *code;
};

/* The facilities of campaign c that owe their documents, into *out (malloc'd); 0 or -1. */
static int
owing_list(struct db *db, const struct campaign *c, struct owing **out, int *n)
{
	int cap = 0, r;
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_REMIND_ROWS);
	db_bind_int(st, 1, c->id);
	db_bind_int(st, 2, c->year);
	while ((r = db_step(st)) == DB_ROW) {
		if (!owes(c->kind, db_col_text(st, 2), db_col_text(st, 3)))
			continue;
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		(*out)[*n].id = db_col_int(st, 0);
		(*out)[*n].code = xstrdup(db_col_text(st, 1));
		(*n)++;
	}
	db_reset(st);
	return r == DB_DONE ? 0 : -1;
}

/* Queues the reminder of facility f of campaign c to each of its users; 0 or -1. */
static int
remind_facility(struct db *db, const struct campaign *c, const struct owing *f, int64_t delta,
		const char *today, int64_t now, int *queued)
{
	char due_vi[HOME_DATE_SIZE], url[MAIL_URL_MAX + 160];
	home_date_show(c->deadline, due_vi);
	campaign_workbook_url(c->id, f->code, url, sizeof(url));
	int late = delta > 0, r, rc = 0;
	struct db_stmt *st = db_stmt(db, STMT_MAIL_FACILITY_RECIPIENTS);
	db_bind_int(st, 1, f->id);
	/* Read whole first: queueing uses the same connection. */
	struct rcpt {
		int64_t id;
		char *email, *name, *facility;
	} *v = NULL;
	int n = 0, cap = 0;
	while ((r = db_step(st)) == DB_ROW) {
		xgrow((void **)&v, &cap, n + 1, sizeof(*v));
		v[n].id = db_col_int(st, 0);
		v[n].email = xstrdup(db_col_text(st, 1));
		v[n].name =
		    xstrdup(db_col_text(st, 2)[0] ? db_col_text(st, 2) : db_col_text(st, 1));
		v[n].facility = xstrdup(db_col_text(st, 3));
		n++;
	}
	db_reset(st);
	if (r != DB_DONE)
		rc = -1;
	for (int i = 0; i < n && rc == 0; i++) {
		struct msg subject, body;
		msg_init(&subject,
			 late ? MSG_CAMP_REMIND_LATE_SUBJECT : MSG_CAMP_REMIND_SOON_SUBJECT, NULL);
		msg_ref(&subject, c->title);
		msg_ref(&subject, due_vi);
		msg_init(&body, late ? MSG_CAMP_REMIND_LATE_BODY : MSG_CAMP_REMIND_SOON_BODY, NULL);
		msg_ref(&body, v[i].facility);
		msg_ref(&body, due_vi);
		msg_plain(&body, late ? delta : -delta);
		msg_ref(&body, url);
		char subj[MAIL_SUBJECT_MAX], key[160];
		mail_subject(&subject, subj, sizeof(subj));
		char *text = mail_compose(v[i].name, &body, NULL, 1);
		snprintf(key, sizeof(key), "campaign-reminder/%" PRId64 "/%s/%" PRId64 "/%" PRId64,
			 c->id, today, f->id, v[i].id);
		struct mail_new m = {
		    .kind = MAIL_REMINDER,
		    .recipient = v[i].email,
		    .user_id = v[i].id,
		    .subject = subj,
		    .body = text,
		    .facility_id = f->id,
		    .dedup_key = key,
		};
		int q = mail_queue(db, &m, now);
		free(text);
		if (q < 0)
			rc = -1;
		else
			*queued += q;
	}
	for (int i = 0; i < n; i++) {
		free(v[i].email);
		free(v[i].name);
		free(v[i].facility);
	}
	free(v);
	return rc;
}

/* Whether delta (days from the deadline, negative before it) is a reminder day. */
static int
reminder_day(int64_t delta)
{
	const struct mail_config *mc = mail_conf();
	for (int i = 0; i < mc->nbefore; i++)
		if (delta == -(int64_t)mc->before[i])
			return 1;
	for (int i = 0; i < mc->nafter; i++)
		if (mc->after[i] > 0 && delta == (int64_t)mc->after[i])
			return 1;
	return 0;
}

int
campaign_remind(struct db *db, int64_t now, int *queued)
{
	char today[HOME_DATE_SIZE];
	home_today(now, today);
	struct arena a;
	arena_init(&a);
	struct campaign *v;
	int n, rc = 0;
	if (campaign_list(db, NULL, &a, &v, &n) != ST_OK)
		rc = -1;
	for (int i = 0; rc == 0 && i < n; i++) {
		int64_t due = day_of(v[i].deadline);
		if (!v[i].open || due < 0 || !reminder_day(day_of(today) - due))
			continue;
		struct owing *f;
		int nf;
		if (owing_list(db, &v[i], &f, &nf) < 0)
			rc = -1;
		for (int k = 0; rc == 0 && k < nf; k++)
			rc = remind_facility(db, &v[i], &f[k], day_of(today) - due, today, now,
					     queued);
		for (int k = 0; k < nf; k++)
			free(f[k].code);
		free(f);
	}
	if (rc < 0)
		log_err("campaign: reminders: %s", db_errmsg(db));
	arena_free(&a);
	return rc;
}
