/*
 * The workflow's states, the review rules, field error lists and the
 * review queue (see workflow.h).  Every rule about who may move a report
 * or registration from which state is one row of wf_review_rules; the
 * write paths that apply them are the document core's (model/doc/doc.c).
 */
#include "model/doc/workflow.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "model/doc/doc.h"
#include "model/accounts/scope.h"
#include "util/arena.h"
#include "util/fold.h"
#include "util/log.h"

void
wf_errors_clear(struct wf_errors *e)
{
	e->n = 0;
	e->more = 0;
}

static void
errors_addv(struct wf_errors *e, const struct msg *m, const char *field_fmt, va_list ap)
{
	if (e->n == WF_ERRORS_MAX) {
		e->more = 1;
		return;
	}
	struct wf_error *x = &e->e[e->n++];
	vsnprintf(x->field, sizeof(x->field), field_fmt, ap);
	x->msg = *m;
}

void
wf_errors_add(struct wf_errors *e, const struct msg *m, const char *field_fmt, ...)
{
	va_list ap;
	va_start(ap, field_fmt);
	errors_addv(e, m, field_fmt, ap);
	va_end(ap);
}

void
wf_errors_add_id(struct wf_errors *e, enum msg_id id, const char *field_fmt, ...)
{
	struct msg m;
	va_list ap;
	msg_init(&m, id, NULL);
	va_start(ap, field_fmt);
	errors_addv(e, &m, field_fmt, ap);
	va_end(ap);
}

const struct msg *
wf_errors_find(const struct wf_errors *e, const char *field)
{
	for (int i = 0; i < e->n; i++)
		if (strcmp(e->e[i].field, field) == 0)
			return &e->e[i].msg;
	return NULL;
}

const char *const wf_action_names[WF_ACTION__MAX] = {
    [WF_EDIT] = "edit",	    [WF_SUBMIT] = "submit",   [WF_FORWARD] = "forward",
    [WF_RETURN] = "return", [WF_ACCEPT] = "accept",   [WF_REOPEN] = "reopen",
    [WF_START] = "start",   [WF_SUSTAIN] = "sustain",
};

const char *const wf_kind_names[WF_KIND__MAX] = {
    [WF_KIND_REPORT] = "report",
    [WF_KIND_REGISTRATION] = "registration",
    [WF_KIND_ASSESSMENT] = "assessment",
};

#define R_ENT  ROLE_BIT(ROLE_ENTERPRISE)
#define R_DIST ROLE_BIT(ROLE_DISTRICT)

/*
 * Who may do what from which state.  Province staff may decide a report
 * the district has not reviewed (units without district staff); only
 * province staff reopen an accepted one.
 */
const struct wf_rule wf_review_rules[WF_REVIEW_NRULES] = {
    {WF_EDIT, WF_DRAFT, WF_DRAFT, R_ENT | ROLES_PROVINCE, 0},
    {WF_EDIT, WF_RETURNED, WF_RETURNED, R_ENT | ROLES_PROVINCE, 0},
    {WF_SUBMIT, WF_DRAFT, WF_SUBMITTED, R_ENT | ROLES_PROVINCE, 0},
    {WF_SUBMIT, WF_RETURNED, WF_SUBMITTED, R_ENT | ROLES_PROVINCE, 0},
    {WF_FORWARD, WF_SUBMITTED, WF_FORWARDED, R_DIST | ROLE_BIT(ROLE_ADMIN), 0},
    {WF_RETURN, WF_SUBMITTED, WF_RETURNED, R_DIST | ROLES_PROVINCE, 1},
    {WF_RETURN, WF_FORWARDED, WF_RETURNED, ROLES_PROVINCE, 1},
    {WF_ACCEPT, WF_SUBMITTED, WF_ACCEPTED, ROLES_PROVINCE, 0},
    {WF_ACCEPT, WF_FORWARDED, WF_ACCEPTED, ROLES_PROVINCE, 0},
    {WF_REOPEN, WF_ACCEPTED, WF_RETURNED, ROLES_PROVINCE, 0},
};

/* The states that await each role's action in the review queue. */
static const unsigned wf_awaiting[ROLE__MAX] = {
    [ROLE_ADMIN] = 1u << WF_SUBMITTED | 1u << WF_FORWARDED,
    [ROLE_PROVINCE] = 1u << WF_SUBMITTED | 1u << WF_FORWARDED,
    [ROLE_DISTRICT] = 1u << WF_SUBMITTED,
    [ROLE_ENTERPRISE] = 1u << WF_DRAFT | 1u << WF_RETURNED,
    [ROLE_EXPERT] = 0,
};

enum wf_state
wf_state_of(const char *status, int forwarded)
{
	for (int s = 0; s < WF_STATE__MAX; s++)
		if (s != WF_FORWARDED && strcmp(status, names_state[s].code) == 0)
			return s == WF_SUBMITTED && forwarded ? WF_FORWARDED : (enum wf_state)s;
	return WF_DRAFT;
}

const char *
wf_state_status(enum wf_state s)
{
	return names_state[s == WF_FORWARDED ? WF_SUBMITTED : s].code;
}

int
wf_check_rules(const struct wf_rule *rules, size_t n, enum wf_action action, enum wf_state from,
	       const struct principal *who, enum wf_state *to, int *note_required)
{
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		const struct wf_rule *r = &rules[i];
		if (r->action != action || r->from != from)
			continue;
		seen = 1;
		if (scope_has_role(who, r->roles)) {
			*to = r->to;
			*note_required = r->note_required;
			return ST_OK;
		}
	}
	return seen ? ST_FORBIDDEN : ST_STATE;
}

int
wf_check(enum wf_action action, enum wf_state from, const struct principal *who, enum wf_state *to,
	 int *note_required)
{
	return wf_check_rules(wf_review_rules, WF_REVIEW_NRULES, action, from, who, to,
			      note_required);
}

int
wf_may_create(const struct principal *who)
{
	return scope_has_role(who, R_ENT | ROLES_PROVINCE);
}

int
wf_finish(struct db *db, int rc, const char *what, enum wf_publish publish)
{
	/*
	 * Public pages are cached per data generation.  Only a write that can
	 * change a public figure bumps it, in the same transaction, whichever
	 * way the change came (pages or API): an enterprise saving its draft
	 * again and again must not drop the public caches.
	 */
	if (rc == ST_OK &&
	    (publish == WF_PRIVATE || db_run(db_stmt(db, STMT_GENERATION_BUMP)) == DB_OK) &&
	    db_commit(db) == DB_OK)
		return ST_OK;
	if (rc == ST_OK || rc == ST_ERR) {
		log_err("%s: %s", what, db_errmsg(db));
		rc = db_is_full(db) ? ST_FULL : ST_ERR;
	}
	db_rollback(db);
	return rc;
}

enum wf_publish
wf_transition_publish(enum wf_state from, enum wf_state to)
{
	return from == WF_ACCEPTED || to == WF_ACCEPTED ? WF_PUBLIC : WF_PRIVATE;
}

int
wf_note_check(const char *note, int required, struct wf_errors *errs)
{
	static const struct val_label lbl_note = {"ý kiến của người xem xét", "reviewer's note"};
	struct msg m;
	size_t len = strlen(note);
	if (required && len == 0) {
		val_missing(&lbl_note, &m);
		wf_errors_add(errs, &m, "note");
		return ST_INVALID;
	}
	if (len > WF_NOTE_MAX || !utf8_valid(note, len)) {
		msg_init(&m, MSG_WF_NOTE_LONG, &lbl_note);
		msg_plain(&m, WF_NOTE_MAX);
		wf_errors_add(errs, &m, "note");
		return ST_INVALID;
	}
	return ST_OK;
}

int
wf_facility_visible(struct db *db, const struct principal *who, int64_t facility_id)
{
	struct db_stmt *st = db_stmt(db, STMT_FACILITY_SEE);
	scope_bind(st, who);
	db_bind_int(st, 4, facility_id);
	int rc = db_step(st);
	db_reset(st);
	return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : ST_ERR;
}

int
wf_create_check(struct db *db, const struct principal *who, int64_t facility_id, int year,
		const struct val_label *lbl_year, struct wf_errors *errs)
{
	int rc = wf_facility_visible(db, who, facility_id);
	if (rc != ST_OK)
		return rc;
	if (!wf_may_create(who))
		return ST_FORBIDDEN;
	char ys[16];
	struct msg m;
	int64_t y;
	snprintf(ys, sizeof(ys), "%d", year);
	if (val_integer(VF_REPORT_YEAR, ys, lbl_year, &y, &m) != VAL_OK)
		wf_errors_add(errs, &m, "year");
	return ST_OK;
}

int
wf_create_absent(struct db *db, int sid, const struct principal *who, int64_t facility_id, int year)
{
	int64_t existing;
	int rc = wf_find_id(db, sid, who, facility_id, year, &existing);
	return rc == ST_NOTFOUND ? ST_OK : rc == ST_OK ? ST_EXISTS : rc;
}

int
wf_find_id(struct db *db, int sid, const struct principal *who, int64_t facility_id, int year,
	   int64_t *id)
{
	struct db_stmt *st = db_stmt(db, (enum stmt)sid);
	scope_bind(st, who);
	db_bind_int(st, 4, facility_id);
	db_bind_int(st, 5, year);
	int rc = db_step(st);
	if (rc == DB_ROW)
		*id = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : ST_ERR;
}

const char *
wf_nz(const char *s)
{
	return s != NULL ? s : "";
}

char *
wf_json_take(struct json_t *o)
{
	char *s = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	if (s == NULL) {
		fprintf(stderr, "sxsh: out of memory\n");
		abort();
	}
	return s;
}

int64_t
wf_now(void)
{
	return (int64_t)time(NULL);
}

/*
 * The folded search key of text (util/fold.h) with \, % and _ escaped for
 * LIKE ... ESCAPE '\', in arena a; NULL when it folds to nothing.
 */
static const char *
wf_like_key(struct arena *a, const char *text)
{
	if (text == NULL || text[0] == '\0')
		return NULL;
	char *key = fold_key(text);
	char *out = NULL;
	if (key[0] != '\0') {
		out = arena_alloc(a, 2 * strlen(key) + 1);
		char *w = out;
		for (const char *p = key; *p; p++) {
			if (*p == '\\' || *p == '%' || *p == '_')
				*w++ = '\\';
			*w++ = *p;
		}
		*w = '\0';
	}
	free(key);
	return out;
}

int
wf_queue_list(struct db *db, const struct principal *who, const struct wf_queue_filter *f,
	      struct arena *a, struct wf_queue *out)
{
	memset(out, 0, sizeof(*out));
	unsigned mask = f->state == WF_QUEUE_ALL		    ? (1u << WF_STATE__MAX) - 1
			: f->state >= 0 && f->state < WF_STATE__MAX ? 1u << f->state
			: who != NULL				    ? wf_awaiting[who->role]
								    : 0;
	int limit = f->limit < 1 ? 50 : f->limit > WF_QUEUE_PAGE_MAX ? WF_QUEUE_PAGE_MAX : f->limit;
	const char *kind = f->kind >= 0 && f->kind < WF_KIND__MAX ? wf_kind_names[f->kind] : NULL;
	const char *fkey = wf_like_key(a, f->facility);
	int rc;

	struct db_stmt *st = db_stmt(db, STMT_WORKFLOW_QUEUE_COUNTS);
	scope_bind(st, who);
	db_bind_text(st, 4, kind);
	if (f->year > 0)
		db_bind_int(st, 5, f->year);
	if (f->unit_id > 0)
		db_bind_int(st, 6, f->unit_id);
	db_bind_text(st, 7, f->sector != NULL && f->sector[0] ? f->sector : NULL);
	db_bind_text(st, 8, fkey);
	db_bind_text(st, 9, fkey != NULL ? f->facility : NULL);
	while ((rc = db_step(st)) == DB_ROW) {
		enum wf_state s = wf_state_of(db_col_text(st, 0), db_col_int(st, 1));
		out->counts[s] += db_col_int(st, 2);
	}
	if (rc != DB_DONE)
		goto fail;
	for (int s = 0; s < WF_STATE__MAX; s++)
		if (mask & (1u << s))
			out->total += out->counts[s];

	st = db_stmt(db, STMT_WORKFLOW_QUEUE);
	scope_bind(st, who);
	db_bind_text(st, 4, kind);
	if (f->year > 0)
		db_bind_int(st, 5, f->year);
	if (f->unit_id > 0)
		db_bind_int(st, 6, f->unit_id);
	db_bind_text(st, 7, f->sector != NULL && f->sector[0] ? f->sector : NULL);
	db_bind_int(st, 8, mask);
	db_bind_int(st, 9, limit);
	db_bind_int(st, 10, f->offset > 0 ? f->offset : 0);
	db_bind_text(st, 11, fkey);
	db_bind_text(st, 12, fkey != NULL ? f->facility : NULL);
	out->items = arena_alloc(a, (size_t)limit * sizeof(*out->items));
	while ((rc = db_step(st)) == DB_ROW) {
		struct wf_queue_item *it = &out->items[out->n++];
		const struct doc_kind *k = doc_kind_named(db_col_text(st, 0));
		it->kind = k != NULL ? k->kind : WF_KIND_REPORT;
		it->id = db_col_int(st, 1);
		it->facility_id = db_col_int(st, 2);
		it->version = db_col_int(st, 3);
		it->year = (int)db_col_int(st, 4);
		it->state = wf_state_of(db_col_text(st, 5), db_col_int(st, 6));
		it->facility_name = arena_strdup(a, db_col_text(st, 7));
		it->facility_code = arena_strdup(a, db_col_text(st, 8));
		it->unit_name = arena_strdup(a, db_col_text(st, 9));
		it->sector_code = arena_strdup(a, db_col_text(st, 10));
		it->submitted_on = arena_strdup(a, db_col_text(st, 11));
		it->submitted_at = db_col_int(st, 12);
	}
	if (rc != DB_DONE)
		goto fail;
	return ST_OK;
fail:
	log_err("review queue: %s", db_errmsg(db));
	return ST_ERR;
}
