/*
 * Returned and accepted notices, deadline reminders and campaign
 * invitations (notice.h).
 */
#include "model/mail/notice.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/mail/mail.h"
#include "model/mail/outbox.h"
#include "model/reporting/home.h"
#include "model/survey/campaign.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/log.h"

/* The two names of a document kind: at the start of a subject, and in a sentence. */
struct mail_doc_names {
	const char *kind;
	struct val_label title, lower;
	const char *view; /* the path of its page: PATH/ID */
};

static const struct mail_doc_names mail_docs[] = {
    {"report", {"Báo cáo", "Annual report"}, {"báo cáo", "annual report"}, "/reports/"},
    {"registration",
     {"Đăng ký SXSH", "CP registration"},
     {"đăng ký SXSH", "CP registration"},
     "/registrations/"},
};

static const struct mail_doc_names *
mail_doc_named(const char *kind)
{
	for (size_t i = 0; i < sizeof(mail_docs) / sizeof(mail_docs[0]); i++)
		if (strcmp(mail_docs[i].kind, kind) == 0)
			return &mail_docs[i];
	return NULL;
}

char *
mail_subject(const struct msg *m, char *out, size_t n)
{
	return msg_format(m, LANG_VI, out, n);
}

/* One language's part of a body. */
static void
mail_compose_lang(struct buf *b, int lang, const char *name, const struct msg *body,
		  const char *link, int notice)
{
	char line[MAIL_BODY_MAX];
	struct msg m;
	msg_init(&m, MSG_MAIL_DEAR, NULL);
	msg_ref(&m, name);
	buf_printf(b, "%s\n\n", msg_format(&m, lang, line, sizeof(line)));
	buf_printf(b, "%s\n\n", msg_format(body, lang, line, sizeof(line)));
	if (link != NULL) {
		msg_init(&m, MSG_MAIL_LINK, NULL);
		msg_ref(&m, link);
		buf_printf(b, "%s\n\n", msg_format(&m, lang, line, sizeof(line)));
	}
	msg_init(&m, MSG_MAIL_SIGNATURE, NULL);
	buf_printf(b, "%s\n", msg_format(&m, lang, line, sizeof(line)));
	if (notice) {
		char account[MAIL_URL_MAX + 16];
		snprintf(account, sizeof(account), "%s/account", mail_conf()->base_url);
		msg_init(&m, MSG_MAIL_OPTOUT_NOTE, NULL);
		msg_ref(&m, account);
		buf_printf(b, "%s\n", msg_format(&m, lang, line, sizeof(line)));
	}
}

char *
mail_compose(const char *name, const struct msg *body, const char *link, int notice)
{
	struct buf b;
	buf_init(&b, MAIL_BODY_MAX);
	mail_compose_lang(&b, LANG_VI, name, body, link, notice);
	buf_puts(&b, "\n-- English --\n\n");
	mail_compose_lang(&b, LANG_EN, name, body, link, notice);
	char *s = xstrdup(b.overflow ? "" : buf_str(&b));
	buf_free(&b);
	return s;
}

/* One recipient of a facility's notices. */
struct mail_rcpt {
	int64_t user_id;
	char *email, *name, *facility;
};

static void
mail_rcpts_free(struct mail_rcpt *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].email);
		free(r[i].name);
		free(r[i].facility);
	}
	free(r);
}

/* The recipients of facility_id into *out (malloc'd) and *n; 0 or -1. */
static int
mail_rcpts(struct db *db, int64_t facility_id, struct mail_rcpt **out, int *n)
{
	*out = NULL;
	*n = 0;
	int cap = 0, rc;
	struct db_stmt *st = db_stmt(db, STMT_MAIL_FACILITY_RECIPIENTS);
	db_bind_int(st, 1, facility_id);
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		struct mail_rcpt *r = &(*out)[(*n)++];
		r->user_id = db_col_int(st, 0);
		r->email = xstrdup(db_col_text(st, 1));
		r->name = xstrdup(db_col_text(st, 2)[0] ? db_col_text(st, 2) : db_col_text(st, 1));
		r->facility = xstrdup(db_col_text(st, 3));
	}
	db_reset(st);
	if (rc != DB_DONE) {
		log_err("mail: recipients of facility %" PRId64 ": %s", facility_id, db_errmsg(db));
		mail_rcpts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Queues subject and body (built for r) of kind to r; 1, 0 (duplicate) or -1. */
static int
mail_queue_to(struct db *db, enum mail_kind kind, const struct mail_rcpt *r, int64_t facility_id,
	      const char *doc_kind, int64_t doc_id, const struct msg *subject,
	      const struct msg *body, const char *link, const char *key, int64_t now)
{
	char subj[MAIL_SUBJECT_MAX];
	mail_subject(subject, subj, sizeof(subj));
	char *text = mail_compose(r->name, body, link, 1);
	struct mail_new m = {
	    .kind = kind,
	    .recipient = r->email,
	    .user_id = r->user_id,
	    .subject = subj,
	    .body = text,
	    .facility_id = facility_id,
	    .doc_kind = doc_kind,
	    .doc_id = doc_id,
	    .dedup_key = key,
	};
	int rc = mail_queue(db, &m, now);
	free(text);
	return rc;
}

int
mail_notice_doc(struct db *db, const char *kind_name, const struct doc_head *h,
		enum wf_action action, const char *note)
{
	if (action != WF_RETURN && action != WF_ACCEPT)
		return ST_OK;
	const struct mail_doc_names *dn = mail_doc_named(kind_name);
	if (dn == NULL)
		return ST_OK; /* a kind without notices */
	struct mail_rcpt *r;
	int n;
	if (mail_rcpts(db, h->facility_id, &r, &n) < 0)
		return ST_ERR;
	char link[MAIL_URL_MAX + 64];
	snprintf(link, sizeof(link), "%s%s%" PRId64, mail_conf()->base_url, dn->view, h->id);
	int64_t now = wf_now();
	int ret = WF_RETURN == action;
	int rc = ST_OK;
	for (int i = 0; i < n && rc == ST_OK; i++) {
		struct msg subject, body;
		msg_init(&subject, ret ? MSG_MAIL_RETURNED_SUBJECT : MSG_MAIL_ACCEPTED_SUBJECT,
			 &dn->title);
		msg_plain(&subject, h->year);
		msg_init(&body, ret ? MSG_MAIL_RETURNED_BODY : MSG_MAIL_ACCEPTED_BODY, &dn->lower);
		msg_plain(&body, h->year);
		msg_ref(&body, r[i].facility);
		if (ret)
			msg_ref(&body, note != NULL && note[0] != '\0' ? note : "—");
		if (mail_queue_to(db, ret ? MAIL_RETURNED : MAIL_ACCEPTED, &r[i], h->facility_id,
				  kind_name, h->id, &subject, &body, link, NULL, now) < 0)
			rc = ST_ERR;
	}
	mail_rcpts_free(r, n);
	return rc;
}

/* Days since 1970-01-01 of "YYYY-MM-DD"; -1 when it is not such a date. */
static int64_t
mail_day(const char *iso)
{
	int y, m, d;
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	return audit_days(y, m, d);
}

/* The reminders of one document kind, year and deadline due on day `today`; 0 or -1. */
static int
mail_remind_doc(struct db *db, const struct mail_doc_names *dn, int year, const char *due,
		const char *today, int64_t now, int *queued)
{
	const struct mail_config *c = mail_conf();
	int64_t delta = mail_day(today) - mail_day(due); /* negative before the deadline */
	int stage = 0;
	for (int i = 0; i < c->nbefore; i++)
		stage |= delta == -(int64_t)c->before[i];
	for (int i = 0; i < c->nafter; i++)
		stage |= delta == (int64_t)c->after[i] && c->after[i] > 0;
	if (!stage || mail_day(due) < 0)
		return 0;
	char due_vi[HOME_DATE_SIZE], link[MAIL_URL_MAX + 8];
	home_date_show(due, due_vi);
	snprintf(link, sizeof(link), "%s/my", c->base_url);
	struct db_stmt *st = db_stmt(db, STMT_MAIL_REMIND_RECIPIENTS);
	db_bind_text(st, 1, dn->kind);
	db_bind_int(st, 2, year);
	struct mail_rcpt *r = NULL;
	int n = 0, cap = 0, rc;
	int64_t *fac = NULL;
	int fcap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&r, &cap, n + 1, sizeof(*r));
		xgrow((void **)&fac, &fcap, n + 1, sizeof(*fac));
		fac[n] = db_col_int(st, 0);
		r[n].facility = xstrdup(db_col_text(st, 1));
		r[n].user_id = db_col_int(st, 2);
		r[n].email = xstrdup(db_col_text(st, 3));
		r[n].name =
		    xstrdup(db_col_text(st, 4)[0] ? db_col_text(st, 4) : db_col_text(st, 3));
		n++;
	}
	db_reset(st);
	int ret = rc == DB_DONE ? 0 : -1;
	for (int i = 0; i < n && ret == 0; i++) {
		int late = delta > 0;
		struct msg subject, body;
		msg_init(&subject,
			 late ? MSG_MAIL_REMIND_LATE_SUBJECT : MSG_MAIL_REMIND_SOON_SUBJECT,
			 &dn->lower);
		msg_plain(&subject, year);
		msg_ref(&subject, due_vi);
		msg_init(&body, late ? MSG_MAIL_REMIND_LATE_BODY : MSG_MAIL_REMIND_SOON_BODY,
			 &dn->lower);
		msg_plain(&body, year);
		msg_ref(&body, r[i].facility);
		msg_ref(&body, due_vi);
		msg_plain(&body, late ? delta : -delta);
		char key[160];
		snprintf(key, sizeof(key), "reminder/%s/%d/%s/%s/%" PRId64 "/%" PRId64, dn->kind,
			 year, due, today, fac[i], r[i].user_id);
		int q = mail_queue_to(db, MAIL_REMINDER, &r[i], fac[i], dn->kind, 0, &subject,
				      &body, link, key, now);
		if (q < 0)
			ret = -1;
		else
			*queued += q;
	}
	mail_rcpts_free(r, n);
	free(fac);
	return ret;
}

int
mail_remind(struct db *db, int64_t now, int dry_run, int *queued)
{
	*queued = 0;
	char today[HOME_DATE_SIZE];
	home_today(now, today);
	int r = home_reporting_year(now);
	/* Every deadline within two months of today falls in these plan years. */
	struct home_deadline d[4];
	if (home_deadline_list(db, r - 1, r + 2, d) != ST_OK)
		return ST_ERR;
	if (db_begin(db) != DB_OK)
		return ST_ERR;
	int rc = 0;
	for (int i = 0; i < 4 && rc == 0; i++) {
		rc = mail_remind_doc(db, &mail_docs[0], d[i].year, d[i].report_due, today, now,
				     queued);
		if (rc == 0)
			rc = mail_remind_doc(db, &mail_docs[1], d[i].year, d[i].registration_due,
					     today, now, queued);
	}
	if (rc == 0) /* the campaigns' own deadlines (model/survey/campaign_remind.c) */
		rc = campaign_remind(db, now, queued);
	if (rc < 0 || dry_run) {
		db_rollback(db);
		return rc < 0 ? ST_ERR : ST_OK;
	}
	if (db_commit(db) != DB_OK) {
		db_rollback(db);
		return ST_ERR;
	}
	return ST_OK;
}

int
mail_queue_campaign_invite(struct db *db, int64_t campaign_id, int64_t facility_id, int year,
			   const char *deadline, const char *workbook_url, int64_t now)
{
	struct mail_rcpt *r;
	int n;
	if (mail_rcpts(db, facility_id, &r, &n) < 0)
		return -1;
	char due_vi[HOME_DATE_SIZE];
	home_date_show(deadline, due_vi);
	int queued = 0;
	for (int i = 0; i < n && queued >= 0; i++) {
		struct msg subject, body;
		msg_init(&subject, MSG_MAIL_INVITE_SUBJECT, NULL);
		msg_plain(&subject, year);
		msg_ref(&subject, due_vi);
		msg_init(&body, MSG_MAIL_INVITE_BODY, NULL);
		msg_ref(&body, r[i].facility);
		msg_plain(&body, year);
		msg_ref(&body, due_vi);
		msg_ref(&body, workbook_url);
		char key[96];
		snprintf(key, sizeof(key), "invitation/%" PRId64 "/%" PRId64 "/%" PRId64,
			 campaign_id, facility_id, r[i].user_id);
		int q = mail_queue_to(db, MAIL_INVITATION, &r[i], facility_id, NULL, 0, &subject,
				      &body, NULL, key, now);
		queued = q < 0 ? -1 : queued + q;
	}
	mail_rcpts_free(r, n);
	return queued;
}
