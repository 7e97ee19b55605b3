/*
 * The enterprise's home and the deadlines per plan year (see home.h).
 */
#include "model/reporting/home.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "model/accounts/scope.h"
#include "model/audit.h"
#include "model/doc/doc.h"
#include "model/registry/claim.h"
#include "util/arena.h"
#include "util/log.h"

/* The plan years a deadline may be set for (the table's CHECK says the same). */
#define HOME_YEAR_MIN 1990
#define HOME_YEAR_MAX 2100

static const struct val_label lbl_year = {"năm kế hoạch", "plan year"};
static const struct val_label lbl_report_due = {"hạn nộp báo cáo", "report deadline"};
static const struct val_label lbl_registration_due = {"hạn nộp đăng ký", "registration deadline"};

void
home_deadline_default(int year, struct home_deadline *out)
{
	memset(out, 0, sizeof(*out));
	out->year = year;
	/* year is 1990..2100 wherever it comes from; the modulo only tells the compiler. */
	snprintf(out->report_due, sizeof(out->report_due), "%04u-01-15",
		 (unsigned)(year + 1) % 10000u);
	snprintf(out->registration_due, sizeof(out->registration_due), "%04u-01-15",
		 (unsigned)year % 10000u);
}

/* Days in month m (1..12) of year y. */
static int
month_days(int y, int m)
{
	static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* Reads 1..max digits at *p as a number into *v, moving *p past them: 0, or -1. */
static int
digits(const char **p, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n == 0 ? -1 : 0;
}

int
home_date_parse(const char *s, char iso[HOME_DATE_SIZE])
{
	int d, m, y;
	if (s == NULL)
		return -1;
	while (*s == ' ' || *s == '\t')
		s++;
	const char *p = s;
	if (digits(&p, 2, &d) < 0 || *p++ != '/' || digits(&p, 2, &m) < 0 || *p++ != '/')
		return -1;
	const char *ys = p;
	if (digits(&p, 4, &y) < 0 || p - ys != 4)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' || y < HOME_YEAR_MIN || y > HOME_YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return -1;
	snprintf(iso, HOME_DATE_SIZE, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return 0;
}

char *
home_date_show(const char *iso, char *out)
{
	if (strlen(iso) != 10) {
		out[0] = '\0';
		return out;
	}
	snprintf(out, HOME_DATE_SIZE, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return out;
}

void
home_today(int64_t now, char iso[HOME_DATE_SIZE])
{
	time_t local = (time_t)(now + 7 * 3600); /* Asia/Ho_Chi_Minh: UTC+7, no DST */
	struct tm tm;
	gmtime_r(&local, &tm);
	snprintf(iso, HOME_DATE_SIZE, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
		 (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

int
home_reporting_year(int64_t now)
{
	char today[HOME_DATE_SIZE];
	home_today(now, today);
	return atoi(today) - 1;
}

/* Fills d (year set, defaults in) from the current row of a deadline statement. */
static void
deadline_row(struct db_stmt *st, int col, struct home_deadline *d)
{
	const char *r = db_col_text(st, col), *g = db_col_text(st, col + 1);
	if (r[0] != '\0') {
		snprintf(d->report_due, sizeof(d->report_due), "%s", r);
		d->report_set = 1;
	}
	if (g[0] != '\0') {
		snprintf(d->registration_due, sizeof(d->registration_due), "%s", g);
		d->registration_set = 1;
	}
	d->version = db_col_int(st, col + 2);
}

int
home_deadline_get(struct db *db, int year, struct home_deadline *out)
{
	home_deadline_default(year, out);
	struct db_stmt *st = db_stmt(db, STMT_DEADLINE_GET);
	db_bind_int(st, 1, year);
	int rc = db_step(st);
	if (rc == DB_ROW)
		deadline_row(st, 0, out);
	db_reset(st);
	if (rc == DB_ROW || rc == DB_DONE)
		return ST_OK;
	log_err("deadline get: %s", db_errmsg(db));
	return ST_ERR;
}

int
home_deadline_list(struct db *db, int first, int last, struct home_deadline *out)
{
	if (last < first || last - first >= 20)
		return ST_ERR;
	for (int y = first; y <= last; y++)
		home_deadline_default(y, &out[y - first]);
	struct db_stmt *st = db_stmt(db, STMT_DEADLINE_LIST);
	db_bind_int(st, 1, first);
	db_bind_int(st, 2, last);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int y = (int)db_col_int(st, 0);
		if (y >= first && y <= last)
			deadline_row(st, 1, &out[y - first]);
	}
	if (rc == DB_DONE)
		return ST_OK;
	log_err("deadline list: %s", db_errmsg(db));
	return ST_ERR;
}

/* A typed date into iso ("" for blank: the default); an error on field when bad. */
static void
due_check(const char *s, const struct val_label *l, const char *field, char iso[HOME_DATE_SIZE],
	  struct wf_errors *errs)
{
	iso[0] = '\0';
	if (s == NULL || s[strspn(s, " \t")] == '\0')
		return;
	if (home_date_parse(s, iso) == 0)
		return;
	struct msg m;
	msg_init(&m, MSG_HOME_DATE_BAD, l);
	msg_str(&m, s);
	wf_errors_add(errs, &m, "%s", field);
}

/* The audit JSON of a year's deadlines ("" dates as null). */
static char *
deadline_json(int year, const char *report_due, const char *registration_due)
{
	json_t *o =
	    json_pack("{s:i, s:o, s:o}", "year", year, "report_due",
		      report_due[0] ? json_string(report_due) : json_null(), "registration_due",
		      registration_due[0] ? json_string(registration_due) : json_null());
	return wf_json_take(o);
}

/* Binds a date, NULL for "". */
static void
bind_date(struct db_stmt *st, int idx, const char *iso)
{
	if (iso[0] == '\0')
		db_bind_null(st, idx);
	else
		db_bind_text(st, idx, iso);
}

/* Binds who's user id, NULL for the command line. */
static void
bind_user(struct db_stmt *st, int idx, const struct principal *who)
{
	if (who == NULL)
		db_bind_null(st, idx);
	else
		db_bind_int(st, idx, who->user_id);
}

/* The write of home_deadline_set inside its transaction. */
static int
deadline_set_tx(struct db *db, const struct principal *who, int year, int64_t version,
		const char *rep, const char *reg, int64_t now)
{
	struct home_deadline cur;
	if (home_deadline_get(db, year, &cur) != ST_OK)
		return ST_ERR;
	if (cur.version != version)
		return ST_CONFLICT;
	char *before = NULL;
	struct db_stmt *st;
	if (version == 0) {
		st = db_stmt(db, STMT_DEADLINE_INSERT);
		db_bind_int(st, 1, year);
		bind_date(st, 2, rep);
		bind_date(st, 3, reg);
		db_bind_int(st, 4, now);
		bind_user(st, 5, who);
	} else {
		before = deadline_json(year, cur.report_set ? cur.report_due : "",
				       cur.registration_set ? cur.registration_due : "");
		st = db_stmt(db, STMT_DEADLINE_UPDATE);
		db_bind_int(st, 1, year);
		db_bind_int(st, 2, version);
		bind_date(st, 3, rep);
		bind_date(st, 4, reg);
		db_bind_int(st, 5, now);
		bind_user(st, 6, who);
	}
	int w = db_run(st);
	if (w == DB_CONSTRAINT) { /* another insert of the same year won */
		free(before);
		return ST_CONFLICT;
	}
	if (w != DB_OK) {
		free(before);
		return ST_ERR;
	}
	if (db_changes(db) != 1) {
		free(before);
		return ST_CONFLICT;
	}
	char id[16];
	snprintf(id, sizeof(id), "%d", year);
	char *after = deadline_json(year, rep, reg);
	int rc = audit_write(db, who, now, "deadline.set", "deadline", id, before, after);
	free(before);
	free(after);
	return rc < 0 ? ST_ERR : ST_OK;
}

int
home_deadline_set(struct db *db, const struct principal *who, const struct home_deadline_in *in,
		  int64_t now, int *year, struct wf_errors *errs)
{
	if (who != NULL && who->role != ROLE_ADMIN && who->role != ROLE_PROVINCE)
		return ST_FORBIDDEN;
	struct msg m;
	int64_t y = 0, version = -1;
	if (in->year == NULL || in->year[0] == '\0') {
		val_missing(&lbl_year, &m);
		wf_errors_add(errs, &m, "year");
	} else if (val_int_range(in->year, HOME_YEAR_MIN, HOME_YEAR_MAX, &lbl_year, &y, &m) !=
		   VAL_OK) {
		wf_errors_add(errs, &m, "year");
	}
	char rep[HOME_DATE_SIZE], reg[HOME_DATE_SIZE];
	due_check(in->report_due, &lbl_report_due, "report_due", rep, errs);
	due_check(in->registration_due, &lbl_registration_due, "registration_due", reg, errs);
	if (errs->n > 0)
		return ST_INVALID;
	/* A form without a version, or with a malformed one, cannot prove it saw the current row.
	 */
	if (in->version != NULL && in->version[0] != '\0' &&
	    in->version[strspn(in->version, "0123456789")] == '\0' && strlen(in->version) < 18)
		version = strtoll(in->version, NULL, 10);
	if (version < 0)
		return ST_CONFLICT;
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "deadline set", WF_PRIVATE);
	int rc = deadline_set_tx(db, who, (int)y, version, rep, reg, now);
	rc = wf_finish(db, rc, "deadline set", WF_PRIVATE);
	if (rc == ST_OK)
		*year = (int)y;
	return rc;
}

enum home_action
home_action_of(int exists, enum wf_state s)
{
	if (!exists)
		return HOME_ACT_CREATE;
	switch (s) {
	case WF_DRAFT:
		return HOME_ACT_CONTINUE;
	case WF_RETURNED:
		return HOME_ACT_FIX;
	default:
		return HOME_ACT_VIEW;
	}
}

int
home_overdue(int exists, enum wf_state s, const char *due, const char *today)
{
	int unsent = !exists || s == WF_DRAFT || s == WF_RETURNED;
	return unsent && strcmp(today, due) > 0;
}

/* Who returned document id of kind k and when, into d (left empty when unknown). */
static int
last_return(struct db *db, const struct doc_kind *k, struct arena *a, struct home_doc *d)
{
	char id[32];
	snprintf(id, sizeof(id), "%lld", (long long)d->id);
	struct db_stmt *st = db_stmt(db, STMT_HOME_LAST_RETURN);
	db_bind_text(st, 1, k->name);
	db_bind_text(st, 2, id);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		d->returned_at = audit_at_unix(db_col_text(st, 0));
		d->returned_by = arena_strdup(a, db_col_text(st, 1));
	}
	db_reset(st);
	if (rc == DB_ROW || rc == DB_DONE)
		return ST_OK;
	log_err("home: last return: %s", db_errmsg(db));
	return ST_ERR;
}

/* Fills document d (kind and year set) of facility fid as who sees it. */
static int
doc_fill(struct db *db, const struct principal *who, int64_t fid, const char *today,
	 const struct home_deadline *dl, struct arena *a, struct home_doc *d)
{
	const struct doc_kind *k = doc_kinds[d->kind];
	snprintf(d->due, sizeof(d->due), "%s",
		 d->kind == WF_KIND_REPORT ? dl->report_due : dl->registration_due);
	d->note = "";
	d->returned_by = "";
	int64_t id;
	int rc = wf_find_id(db, k->stmt_find, who, fid, d->year, &id);
	if (rc == ST_NOTFOUND) {
		d->action = home_action_of(0, WF_DRAFT);
		d->overdue = home_overdue(0, WF_DRAFT, d->due, today);
		return ST_OK;
	}
	if (rc != ST_OK)
		return ST_ERR;
	void *doc = NULL;
	if ((rc = doc_get(db, k, who, id, &doc)) != ST_OK)
		return rc == ST_NOTFOUND ? ST_OK : ST_ERR;
	const struct doc_head *h = doc_head(k, doc);
	d->id = h->id;
	d->state = h->state;
	if (h->state == WF_RETURNED)
		d->note = arena_strdup(a, h->review_note);
	doc_free(k, doc);
	d->action = home_action_of(1, d->state);
	d->overdue = home_overdue(1, d->state, d->due, today);
	if (d->state == WF_RETURNED)
		return last_return(db, k, a, d);
	return ST_OK;
}

int
home_overview(struct db *db, const struct principal *who, int64_t now, struct arena *a,
	      struct home_facility **out, int *n)
{
	*out = NULL;
	*n = 0;
	struct claim_row *rows;
	int nrows;
	if (claim_list(db, who, CLAIM_CONFIRMED, a, &rows, &nrows) != ST_OK)
		return ST_ERR;
	int r = home_reporting_year(now);
	char today[HOME_DATE_SIZE];
	home_today(now, today);
	struct home_deadline dl[3]; /* r - 1, r, r + 1 */
	if (home_deadline_list(db, r - 1, r + 1, dl) != ST_OK)
		return ST_ERR;
	/* The registration for next year first, then each year's report and registration. */
	static const struct {
		enum wf_kind kind;
		int dy;
	} plan[HOME_DOCS] = {{WF_KIND_REGISTRATION, 1},
			     {WF_KIND_REPORT, 0},
			     {WF_KIND_REGISTRATION, 0},
			     {WF_KIND_REPORT, -1},
			     {WF_KIND_REGISTRATION, -1}};
	struct home_facility *f = arena_alloc(a, (size_t)(nrows > 0 ? nrows : 1) * sizeof(*f));
	for (int i = 0; i < nrows; i++) {
		if (rows[i].user_id != who->user_id)
			continue;
		struct home_facility *h = &f[(*n)++];
		memset(h, 0, sizeof(*h));
		h->id = rows[i].facility_id;
		h->code = rows[i].facility_code;
		h->name = rows[i].facility_name;
		for (int j = 0; j < HOME_DOCS; j++) {
			struct home_doc *d = &h->docs[h->ndocs++];
			d->kind = plan[j].kind;
			d->year = r + plan[j].dy;
			if (doc_fill(db, who, h->id, today, &dl[plan[j].dy + 1], a, d) != ST_OK)
				return ST_ERR;
		}
	}
	*out = f;
	return ST_OK;
}

int
home_notices(struct db *db, const struct principal *who, struct arena *a, struct home_notice **out,
	     int *n)
{
	*out = NULL;
	*n = 0;
	int64_t seen = 0;
	struct db_stmt *st = db_stmt(db, STMT_HOME_SEEN_GET);
	db_bind_int(st, 1, who->user_id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		seen = db_col_int(st, 0);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		goto fail;
	st = db_stmt(db, STMT_HOME_NOTICES);
	db_bind_int(st, 1, who->user_id);
	db_bind_int(st, 2, seen);
	db_bind_int(st, 3, HOME_NOTICES_MAX);
	struct home_notice *v = arena_alloc(a, HOME_NOTICES_MAX * sizeof(*v));
	while ((rc = db_step(st)) == DB_ROW && *n < HOME_NOTICES_MAX) {
		struct home_notice *x = &v[(*n)++];
		x->audit_id = db_col_int(st, 0);
		x->at = audit_at_unix(db_col_text(st, 1));
		const char *action = db_col_text(st, 2);
		const char *dot = strchr(action, '.');
		x->accepted = dot != NULL && strcmp(dot, ".accept") == 0;
		x->kind = strcmp(db_col_text(st, 3), "report") == 0 ? WF_KIND_REPORT
								    : WF_KIND_REGISTRATION;
		x->year = (int)db_col_int(st, 4);
		x->facility_id = db_col_int(st, 5);
		x->facility_name = arena_strdup(a, db_col_text(st, 6));
		x->doc_id = db_col_int(st, 7);
	}
	db_reset(st);
	if (rc == DB_ROW || rc == DB_DONE) {
		*out = v;
		return ST_OK;
	}
fail:
	log_err("home notices: %s", db_errmsg(db));
	return ST_ERR;
}

int
home_seen_set(struct db *db, const struct principal *who, int64_t upto, int64_t now)
{
	if (upto <= 0)
		return ST_INVALID;
	struct db_stmt *st = db_stmt(db, STMT_HOME_SEEN_SET);
	db_bind_int(st, 1, who->user_id);
	db_bind_int(st, 2, upto);
	db_bind_int(st, 3, now);
	if (db_run(st) == DB_OK)
		return ST_OK;
	log_err("home seen: %s", db_errmsg(db));
	return db_is_full(db) ? ST_FULL : ST_ERR;
}
