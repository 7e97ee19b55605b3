/*
 * Survey campaigns: opening one (scope resolution in one transaction), the
 * list, the progress per district, the members for the mail hook, the
 * workbook's content and the record of a facility opening its workbook or
 * form.  See campaign.h for the rules.
 */
#include "model/survey/campaign.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/principal.h"
#include "model/accounts/scope.h"
#include "model/analytics/keyusers.h"
#include "model/audit.h"
#include "model/mail/mail.h"
#include "model/mail/notice.h"
#include "model/msg.h"
#include "model/registry/facility.h"
#include "model/reporting/choices.h"
#include "model/reporting/home.h"
#include "model/validate.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/fold.h"
#include "util/log.h"

const struct name campaign_kinds[CAMPAIGN_KIND__MAX] = {
    [CAMPAIGN_REPORT] = {"report", "Báo cáo năng lượng", "Energy report"},
    [CAMPAIGN_REGISTRATION] = {"registration", "Đăng ký SXSH", "CP registration"},
    [CAMPAIGN_BOTH] = {"both", "Báo cáo và đăng ký", "Report and registration"},
};

static const struct val_label lbl_year = {"năm", "year"};
static const struct val_label lbl_kind = {"loại khảo sát", "campaign kind"};
static const struct val_label lbl_deadline = {"hạn nộp", "deadline"};
static const struct val_label lbl_title = {"tiêu đề", "title"};
static const struct val_label lbl_unit = {"đơn vị hành chính", "administrative unit"};
static const struct val_label lbl_sector = {"ngành", "sector"};
static const struct val_label lbl_size = {"quy mô", "size"};

#define TITLE_MAX 200

static int
is_blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* Whether s names nm: its code, or a label ignoring case and diacritics. */
static int
name_matches(const struct name *nm, const char *s, const char *folded)
{
	if (strcmp(nm->code, s) == 0)
		return 1;
	int hit = 0;
	char *a = fold_key(nm->name_vi), *b = fold_key(nm->name_en);
	if (strcmp(a, folded) == 0 || strcmp(b, folded) == 0)
		hit = 1;
	free(a);
	free(b);
	return hit;
}

/*
 * The entry of t (n entries) s names, or -1: its code or a label ignoring
 * case and diacritics, else the one entry whose Vietnamese label is the
 * same name without the word of its kind (a unit typed "rach gia" or
 * "TP. Rạch Giá" for "Thành phố Rạch Giá": fold_place_key).
 */
static int
name_lookup(const struct name *t, int n, const char *s)
{
	if (is_blank(s))
		return -1;
	char *f = fold_key(s), *place = fold_place_key(s);
	int hit = -1, nplace = 0, placed = -1;
	for (int i = 0; i < n && hit < 0; i++) {
		if (name_matches(&t[i], s, f)) {
			hit = i;
			break;
		}
		char *a = fold_place_key(t[i].name_vi);
		if (strcmp(a, place) == 0) {
			nplace++;
			placed = i;
		}
		free(a);
	}
	free(f);
	free(place);
	return hit >= 0 ? hit : nplace == 1 ? placed : -1;
}

/* "YYYY-MM-DD" as typed, a real day of 1990..2100, into iso; 0 or -1. */
static int
iso_date_parse(const char *s, char iso[CAMPAIGN_DATE_SIZE])
{
	while (*s == ' ')
		s++;
	int y, m, d, used = 0;
	if (strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
	    s[used + strspn(s + used, " ")] != '\0' || s[4] != '-' || s[7] != '-')
		return -1;
	char dmy[16];
	snprintf(dmy, sizeof(dmy), "%02d/%02d/%04d", d, m, y);
	return home_date_parse(dmy, iso);
}

/* The candidate facilities before the unit and key-user filters. */
struct cand {
	int64_t id, unit, parent;
	int commune;
};

/* The ids of the key energy users of year (sorted), or -1 when not listed. */
static int
keyuser_ids(struct db *db, int year, int64_t **ids, int *n)
{
	static const struct principal province = {.role = ROLE_PROVINCE};
	struct keyuser_list *l = NULL;
	char err[256];
	if (keyusers_list(db, &province, year, &l, err, sizeof(err)) < 0) {
		log_warn("campaign: key users of %d: %s", year, err);
		return -1;
	}
	*n = l->n;
	*ids = xcalloc((size_t)l->n + 1, sizeof(**ids));
	for (int i = 0; i < l->n; i++)
		(*ids)[i] = l->items[i].facility_id;
	keyusers_free(l);
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The audit JSON of a new campaign. */
static char *
open_json(const struct campaign_in *in, int year, const char *kind, const char *deadline,
	  const char *sector, const char *size, long n)
{
	json_t *units = json_array();
	for (int i = 0; i < in->nunits; i++)
		if (!is_blank(in->units[i]))
			json_array_append_new(units, json_string(in->units[i]));
	json_t *o = json_pack("{s:i, s:s, s:s, s:o, s:o, s:o, s:b, s:I}", "year", year, "kind",
			      kind, "deadline", deadline, "units", units, "sector",
			      sector ? json_string(sector) : json_null(), "size",
			      size ? json_string(size) : json_null(), "key_users", in->key_users,
			      "facilities", (json_int_t)n);
	return wf_json_take(o);
}

char *
campaign_workbook_url(int64_t id, const char *code, char *out, size_t n)
{
	if (n == 0)
		return out;
	int len = snprintf(out, n, "%s/campaigns/%lld/workbook?facility=", mail_conf()->base_url,
			   (long long)id);
	if (len < 0 || (size_t)len >= n)
		return out;
	size_t k = (size_t)len;
	/* The code percent-encoded: anything but unreserved characters. */
	for (const unsigned char *p = (const unsigned char *)code; *p != '\0' && k + 4 < n; p++) {
		if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= 'a' && *p <= 'z') || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			out[k++] = (char)*p;
		else
			k += (size_t)snprintf(out + k, n - k, "%%%02X", *p);
	}
	out[k] = '\0';
	return out;
}

/* What invite_one needs of the campaign being opened. */
struct invite_ctx {
	struct db *db;
	int64_t campaign_id, now;
	int year;
	const char *deadline;
};

/*
 * Queues the invitation of one facility of the campaign being opened: its
 * enterprise users get the link to the facility's own workbook, which
 * web/campaigns.c serves to them.  In the opening transaction, so a
 * campaign that fails to open leaves no message behind.
 */
static int
invite_one(const struct campaign_member *m, void *ctx)
{
	const struct invite_ctx *c = ctx;
	char url[MAIL_URL_MAX + 160];
	campaign_workbook_url(c->campaign_id, m->code, url, sizeof(url));
	return mail_queue_campaign_invite(c->db, c->campaign_id, m->facility_id, c->year,
					  c->deadline, url, c->now) < 0
		   ? -1
		   : 0;
}

static int
open_tx(struct db *db, const struct principal *who, const struct campaign_in *in, int year,
	enum campaign_kind kind, const char *deadline, const char *title, const char *sector,
	const char *size, const int64_t *unit_ids, int nunit_ids, const int64_t *keys, int nkeys,
	int64_t now, int64_t *id, long *count)
{
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_INSERT);
	db_bind_int(st, 1, year);
	db_bind_text(st, 2, campaign_kinds[kind].code);
	db_bind_text(st, 3, deadline);
	db_bind_text(st, 4, title);
	sector ? db_bind_text(st, 5, sector) : db_bind_null(st, 5);
	size ? db_bind_text(st, 6, size) : db_bind_null(st, 6);
	db_bind_int(st, 7, in->key_users ? 1 : 0);
	who != NULL && who->user_id > 0 ? db_bind_int(st, 8, who->user_id) : db_bind_null(st, 8);
	db_bind_int(st, 9, now);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	int64_t cid = db_last_id(db);
	for (int i = 0; i < nunit_ids; i++) {
		st = db_stmt(db, STMT_CAMPAIGN_UNIT_INSERT);
		db_bind_int(st, 1, cid);
		db_bind_int(st, 2, unit_ids[i]);
		if (db_run(st) != DB_OK)
			return ST_ERR;
	}
	/* The candidates are read whole before the inserts start. */
	struct cand *c = NULL;
	size_t nc = 0, cap = 0;
	st = db_stmt(db, STMT_CAMPAIGN_CANDIDATES);
	sector ? db_bind_text(st, 1, sector) : db_bind_null(st, 1);
	size ? db_bind_text(st, 2, size) : db_bind_null(st, 2);
	int r;
	while ((r = db_step(st)) == DB_ROW) {
		if (nc == cap) {
			cap = cap ? cap * 2 : 1024;
			c = xrealloc(c, cap * sizeof(*c));
		}
		c[nc++] = (struct cand){db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2),
					strcmp(db_col_text(st, 3), "commune") == 0};
	}
	db_reset(st);
	if (r != DB_DONE) {
		free(c);
		return ST_ERR;
	}
	long n = 0;
	for (size_t i = 0; i < nc; i++) {
		if (nunit_ids > 0) {
			int in_scope = 0;
			for (int u = 0; u < nunit_ids && !in_scope; u++)
				in_scope = c[i].unit == unit_ids[u] || c[i].parent == unit_ids[u];
			if (!in_scope)
				continue;
		}
		if (keys != NULL &&
		    bsearch(&c[i].id, keys, (size_t)nkeys, sizeof(*keys), cmp_id) == NULL)
			continue;
		st = db_stmt(db, STMT_CAMPAIGN_FACILITY_INSERT);
		db_bind_int(st, 1, cid);
		db_bind_int(st, 2, c[i].id);
		db_bind_int(st, 3, c[i].commune && c[i].parent > 0 ? c[i].parent : c[i].unit);
		db_bind_int(st, 4, now);
		if (db_run(st) != DB_OK) {
			free(c);
			return ST_ERR;
		}
		n++;
	}
	free(c);
	if (n == 0)
		return ST_INVALID;
	char idtext[24];
	snprintf(idtext, sizeof(idtext), "%lld", (long long)cid);
	char *after = open_json(in, year, campaign_kinds[kind].code, deadline, sector, size, n);
	int a = audit_write(db, who, now, "campaign.open", "campaign", idtext, NULL, after);
	free(after);
	if (a < 0)
		return ST_ERR;
	struct invite_ctx ic = {db, cid, now, year, deadline};
	if (campaign_each_facility(db, cid, invite_one, &ic) != 0)
		return ST_ERR;
	*id = cid;
	*count = n;
	return ST_OK;
}

int
campaign_open(struct db *db, const struct principal *who, const struct campaign_in *in, int64_t now,
	      int64_t *id, long *nfacilities, struct wf_errors *errs)
{
	if (who != NULL && !scope_has_role(who, ROLES_PROVINCE))
		return ST_FORBIDDEN;
	struct msg m;
	int64_t y = 0;
	if (is_blank(in->year)) {
		val_missing(&lbl_year, &m);
		wf_errors_add(errs, &m, "year");
	} else if (val_int_range(in->year, 1990, 2100, &lbl_year, &y, &m) != VAL_OK) {
		wf_errors_add(errs, &m, "year");
	}
	int kind = -1;
	if (is_blank(in->kind)) {
		val_missing(&lbl_kind, &m);
		wf_errors_add(errs, &m, "kind");
	} else if ((kind = name_lookup(campaign_kinds, CAMPAIGN_KIND__MAX, in->kind)) < 0) {
		msg_init(&m, MSG_VAL_ENUM, &lbl_kind);
		msg_str(&m, in->kind);
		msg_code(&m, "report|registration|both");
		wf_errors_add(errs, &m, "kind");
	}
	char deadline[CAMPAIGN_DATE_SIZE] = "";
	if (is_blank(in->deadline)) {
		val_missing(&lbl_deadline, &m);
		wf_errors_add(errs, &m, "deadline");
	} else if (home_date_parse(in->deadline, deadline) != 0 &&
		   iso_date_parse(in->deadline, deadline) != 0) {
		msg_init(&m, MSG_CAMP_DATE_BAD, &lbl_deadline);
		msg_str(&m, in->deadline);
		wf_errors_add(errs, &m, "deadline");
	}
	if (!is_blank(in->title) && !utf8_valid(in->title, strlen(in->title))) {
		msg_init(&m, MSG_VAL_NOT_UTF8, &lbl_title);
		wf_errors_add(errs, &m, "title");
	} else if (!is_blank(in->title) && strlen(in->title) > TITLE_MAX) {
		msg_init(&m, MSG_VAL_TOO_LONG, &lbl_title);
		msg_int(&m, TITLE_MAX);
		msg_int(&m, (int64_t)strlen(in->title));
		wf_errors_add(errs, &m, "title");
	}

	struct arena a;
	arena_init(&a);
	int rc = ST_ERR;
	int64_t unit_ids[CAMPAIGN_UNITS_MAX];
	int nunit_ids = 0;
	int64_t *keys = NULL;
	int nkeys = 0;
	struct name *units = NULL, *sectors = NULL;
	int nunits = 0, nsectors = 0;
	if (facility_unit_options(db, &a, &units, &nunits) != 0 ||
	    facility_sector_options(db, &a, &sectors, &nsectors) != 0)
		goto out;
	for (int i = 0; i < in->nunits; i++) {
		if (is_blank(in->units[i]))
			continue;
		int k = name_lookup(units, nunits, in->units[i]);
		if (k < 0) {
			val_unknown_code(&lbl_unit, in->units[i], &m);
			wf_errors_add(errs, &m, "units");
			continue;
		}
		if (nunit_ids == CAMPAIGN_UNITS_MAX) {
			msg_init(&m, MSG_CAMP_TOO_MANY_UNITS, NULL);
			msg_int(&m, CAMPAIGN_UNITS_MAX);
			wf_errors_add(errs, &m, "units");
			break;
		}
		struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_UNIT_ID);
		db_bind_text(st, 1, units[k].code);
		int r = db_step(st);
		int64_t uid = r == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (r != DB_ROW)
			goto out;
		int dup = 0;
		for (int j = 0; j < nunit_ids; j++)
			dup |= unit_ids[j] == uid;
		if (!dup)
			unit_ids[nunit_ids++] = uid;
	}
	const char *sector = NULL, *size = NULL;
	if (!is_blank(in->sector)) {
		int k = name_lookup(sectors, nsectors, in->sector);
		if (k < 0) {
			val_unknown_code(&lbl_sector, in->sector, &m);
			wf_errors_add(errs, &m, "sector");
		} else {
			sector = sectors[k].code;
		}
	}
	if (!is_blank(in->size)) {
		int k = name_lookup(names_size, SIZE__MAX, in->size);
		if (k < 0) {
			msg_init(&m, MSG_VAL_ENUM, &lbl_size);
			msg_str(&m, in->size);
			msg_code(&m, "micro|small|medium|large");
			wf_errors_add(errs, &m, "size");
		} else {
			size = names_size[k].code;
		}
	}
	if (errs->n > 0) {
		rc = ST_INVALID;
		goto out;
	}
	/* The key-user list of the year before: the campaign's own year is not reported yet. */
	if (in->key_users) {
		if (keyuser_ids(db, (int)y - 1, &keys, &nkeys) < 0) {
			msg_init(&m, MSG_CAMP_NO_KEYUSERS, NULL);
			msg_plain(&m, y - 1);
			wf_errors_add(errs, &m, "key_users");
			rc = ST_INVALID;
			goto out;
		}
		if (nkeys > 1)
			qsort(keys, (size_t)nkeys, sizeof(*keys), cmp_id);
	}
	char title[TITLE_MAX + 1];
	if (is_blank(in->title)) {
		static const enum msg_id tid[CAMPAIGN_KIND__MAX] = {
		    MSG_CAMP_TITLE_REPORT, MSG_CAMP_TITLE_REGISTRATION, MSG_CAMP_TITLE_BOTH};
		msg_init(&m, tid[kind], NULL);
		msg_plain(&m, y);
		msg_format(&m, LANG_VI, title, sizeof(title));
	} else {
		snprintf(title, sizeof(title), "%s", in->title + strspn(in->title, " \t"));
	}
	if (db_begin(db) != DB_OK)
		goto out;
	rc = open_tx(db, who, in, (int)y, (enum campaign_kind)kind, deadline, title, sector, size,
		     unit_ids, nunit_ids, in->key_users ? keys : NULL, nkeys, now, id, nfacilities);
	int empty = rc == ST_INVALID;
	rc = wf_finish(db, rc, "campaign open", WF_PRIVATE);
	if (empty) {
		msg_init(&m, MSG_CAMP_EMPTY_SCOPE, NULL);
		wf_errors_add(errs, &m, "scope");
	}
out:
	free(keys);
	arena_free(&a);
	return rc;
}

/* Fills c from a row of STMT_CAMPAIGN_LIST (strings copied into a). */
static void
campaign_row(struct db_stmt *st, struct arena *a, struct campaign *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->year = (int)db_col_int(st, 1);
	int k = names_index(campaign_kinds, CAMPAIGN_KIND__MAX, db_col_text(st, 2));
	c->kind = k < 0 ? CAMPAIGN_REPORT : (enum campaign_kind)k;
	snprintf(c->deadline, sizeof(c->deadline), "%s", db_col_text(st, 3));
	c->title = arena_strdup(a, db_col_text(st, 4));
	c->open = strcmp(db_col_text(st, 5), "open") == 0;
	c->sector_code = arena_strdup(a, db_col_text(st, 6));
	c->size = arena_strdup(a, db_col_text(st, 7));
	c->key_users = (int)db_col_int(st, 8);
	c->created_at = db_col_int(st, 9);
	c->created_by = arena_strdup(a, db_col_text(st, 10));
	c->nfacilities = (long)db_col_int(st, 11);
}

/* The scope's units of c. */
static int
campaign_units(struct db *db, struct arena *a, struct campaign *c)
{
	struct name *u = NULL;
	int n = 0, cap = 0, r;
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_UNITS);
	db_bind_int(st, 1, c->id);
	while ((r = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			struct name *nu = arena_alloc(a, (size_t)cap * sizeof(*nu));
			if (n > 0)
				memcpy(nu, u, (size_t)n * sizeof(*nu));
			u = nu;
		}
		u[n].code = arena_strdup(a, db_col_text(st, 0));
		u[n].name_vi = arena_strdup(a, db_col_text(st, 1));
		u[n].name_en = arena_strdup(a, db_col_text(st, 2));
		n++;
	}
	db_reset(st);
	c->units = u;
	c->nunits = n;
	return r == DB_DONE ? 0 : -1;
}

/* The campaigns with id (0: all) into *out. */
static int
campaign_read(struct db *db, struct arena *a, int64_t id, struct campaign **out, int *n)
{
	struct campaign *v = NULL;
	int cnt = 0, cap = 0, r;
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_LIST);
	db_bind_int(st, 1, id);
	while ((r = db_step(st)) == DB_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 16;
			struct campaign *nv = arena_alloc(a, (size_t)cap * sizeof(*nv));
			if (cnt > 0)
				memcpy(nv, v, (size_t)cnt * sizeof(*nv));
			v = nv;
		}
		campaign_row(st, a, &v[cnt++]);
	}
	db_reset(st);
	if (r != DB_DONE)
		return ST_ERR;
	for (int i = 0; i < cnt; i++)
		if (campaign_units(db, a, &v[i]) < 0)
			return ST_ERR;
	*out = v;
	*n = cnt;
	return ST_OK;
}

int
campaign_list(struct db *db, const struct principal *who, struct arena *a, struct campaign **out,
	      int *n)
{
	*out = NULL;
	*n = 0;
	if (who != NULL && !scope_has_role(who, ROLES_STAFF))
		return ST_OK;
	return campaign_read(db, a, 0, out, n);
}

int
campaign_get(struct db *db, const struct principal *who, struct arena *a, int64_t id,
	     struct campaign *out)
{
	if (id <= 0 || (who != NULL && !scope_has_role(who, ROLES_STAFF)))
		return ST_NOTFOUND;
	struct campaign *v;
	int n;
	int rc = campaign_read(db, a, id, &v, &n);
	if (rc != ST_OK)
		return rc;
	if (n == 0)
		return ST_NOTFOUND;
	*out = v[0];
	return ST_OK;
}

/* The progress level of a document status: 0 none, 1 draft, 2 submitted, 3 accepted. */
static int
level_of(const char *status)
{
	if (strcmp(status, "accepted") == 0)
		return 3;
	if (strcmp(status, "submitted") == 0)
		return 2;
	return status[0] != '\0' ? 1 : 0;
}

/* Where a facility stands in a campaign of kind k. */
static int
facility_level(enum campaign_kind k, const char *report, const char *registration)
{
	int r = level_of(report), g = level_of(registration);
	if (k == CAMPAIGN_REPORT)
		return r;
	if (k == CAMPAIGN_REGISTRATION)
		return g;
	if (r == 0 && g == 0)
		return 0;
	int lo = r < g ? r : g;
	return lo == 0 ? 1 : lo;
}

static void
count_add(struct campaign_count *c, int opened, int level)
{
	c->invited++;
	c->opened += opened || level > 0;
	c->draft += level == 1;
	c->submitted += level == 2;
	c->accepted += level == 3;
}

static int
cmp_unit(const void *a, const void *b)
{
	const struct campaign_count *x = a, *y = b;
	return strcmp(x->unit_code, y->unit_code);
}

int
campaign_progress(struct db *db, const struct principal *who, struct arena *a, int64_t id,
		  struct campaign_progress *out)
{
	memset(out, 0, sizeof(*out));
	struct campaign c;
	int rc = campaign_get(db, who, a, id, &c);
	if (rc != ST_OK)
		return rc;
	int64_t only = who != NULL && who->role == ROLE_DISTRICT ? who->unit_id : 0;
	if (who != NULL && who->role == ROLE_DISTRICT && only <= 0)
		return ST_NOTFOUND;
	int cap = 32, r;
	out->units = arena_alloc(a, (size_t)cap * sizeof(*out->units));
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_PROGRESS_ROWS);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, c.year);
	db_bind_int(st, 3, only);
	while ((r = db_step(st)) == DB_ROW) {
		int64_t uid = db_col_int(st, 0);
		struct campaign_count *u = NULL;
		for (int i = out->n - 1; i >= 0 && u == NULL; i--)
			if (out->units[i].unit_id == uid)
				u = &out->units[i];
		if (u == NULL) {
			if (out->n == cap) {
				cap *= 2;
				struct campaign_count *nu =
				    arena_alloc(a, (size_t)cap * sizeof(*nu));
				memcpy(nu, out->units, (size_t)out->n * sizeof(*nu));
				out->units = nu;
			}
			u = &out->units[out->n++];
			memset(u, 0, sizeof(*u));
			u->unit_id = uid;
			u->unit_code = arena_strdup(a, db_col_text(st, 1));
			u->unit_name = arena_strdup(a, db_col_text(st, 2));
			u->unit_name_en = arena_strdup(a, db_col_text(st, 3));
		}
		int lvl = facility_level(c.kind, db_col_text(st, 5), db_col_text(st, 6));
		int opened = (int)db_col_int(st, 4);
		count_add(u, opened, lvl);
		count_add(&out->total, opened, lvl);
	}
	db_reset(st);
	if (r != DB_DONE)
		return ST_ERR;
	if (out->n > 1)
		qsort(out->units, (size_t)out->n, sizeof(*out->units), cmp_unit);
	out->total.unit_code = out->total.unit_name = out->total.unit_name_en = "";
	return ST_OK;
}

int
campaign_each_facility(struct db *db, int64_t id,
		       int (*fn)(const struct campaign_member *m, void *ctx), void *ctx)
{
	/* Read whole first, so fn may use the connection (queue a message). */
	struct arena a;
	arena_init(&a);
	struct campaign_member *v = NULL;
	size_t n = 0, cap = 0;
	int r, rc = 0;
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_MEMBERS);
	db_bind_int(st, 1, id);
	while ((r = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[n++] = (struct campaign_member){
		    db_col_int(st, 0), arena_strdup(&a, db_col_text(st, 1)),
		    arena_strdup(&a, db_col_text(st, 2)), arena_strdup(&a, db_col_text(st, 3)),
		    arena_strdup(&a, db_col_text(st, 4))};
	}
	db_reset(st);
	if (r != DB_DONE)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = fn(&v[i], ctx);
	free(v);
	arena_free(&a);
	return rc;
}

/* One prefill line read for a facility (by id) before it is attached. */
struct pre_line {
	int64_t fid;
	struct campaign_line line;
};

/* Lines of STMT_CAMPAIGN_BOOK_OUTPUTS or _ENERGY with codes named from list. */
static int
book_lines(struct db *db, enum stmt sid, int64_t cid, int64_t unit, int64_t fac, int year,
	   const struct choices *ch, const struct choice *list, int nlist, struct arena *a,
	   struct pre_line **out, size_t *n)
{
	size_t cap = 0;
	int r;
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, sid);
	db_bind_int(st, 1, cid);
	db_bind_int(st, 2, unit);
	db_bind_int(st, 3, fac);
	db_bind_int(st, 4, year);
	while ((r = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		const struct choice *p = choice_find(list, nlist, db_col_text(st, 1));
		const struct choice *u = choice_find(ch->unit, ch->nunit, db_col_text(st, 2));
		(*out)[(*n)++] = (struct pre_line){
		    db_col_int(st, 0),
		    {arena_strdup(a, p != NULL ? p->name_vi : db_col_text(st, 1)),
		     arena_strdup(a, u != NULL ? u->name_vi : db_col_text(st, 2))}};
	}
	db_reset(st);
	return r == DB_DONE ? 0 : -1;
}

/* Attaches lines (sorted by facility id) to the facilities (sorted by id). */
static void
book_attach(struct campaign_book_facility *f, const int64_t *fids, int nf, const struct pre_line *l,
	    size_t nl, struct arena *a, int energy)
{
	size_t j = 0;
	for (int i = 0; i < nf; i++) {
		while (j < nl && l[j].fid < fids[i])
			j++;
		size_t k = j;
		while (k < nl && l[k].fid == fids[i])
			k++;
		if (k > j) {
			struct campaign_line *v = arena_alloc(a, (k - j) * sizeof(*v));
			for (size_t t = j; t < k; t++)
				v[t - j] = l[t].line;
			if (energy) {
				f[i].energy = v;
				f[i].nenergy = (int)(k - j);
			} else {
				f[i].outputs = v;
				f[i].noutputs = (int)(k - j);
			}
		}
		j = k;
	}
}

static int
cmp_book_code(const void *a, const void *b)
{
	const struct campaign_book_facility *x = a, *y = b;
	return strcmp(x->code, y->code);
}

/* The names (Vietnamese) of list into an arena array. */
static const char *const *
names_vi(struct arena *a, const struct choice *list, int n)
{
	const char **v = arena_alloc(a, ((size_t)n + 1) * sizeof(*v));
	for (int i = 0; i < n; i++)
		v[i] = arena_strdup(a, list[i].name_vi);
	return v;
}

int
campaign_book_load(struct db *db, const struct principal *who, struct arena *a, int64_t id,
		   const char *unit_code, const char *facility_code, int64_t now,
		   struct campaign_book **out)
{
	*out = NULL;
	if ((unit_code == NULL) == (facility_code == NULL) || id <= 0)
		return ST_NOTFOUND;
	int staff = who == NULL || scope_has_role(who, ROLES_STAFF);
	int district = who != NULL && who->role == ROLE_DISTRICT;
	if (!staff && (who->role != ROLE_ENTERPRISE || unit_code != NULL))
		return ST_NOTFOUND;
	struct campaign c;
	struct campaign *v;
	int n, rc = campaign_read(db, a, id, &v, &n);
	if (rc != ST_OK)
		return rc;
	if (n == 0)
		return ST_NOTFOUND;
	c = v[0];
	if (!staff && !c.open) /* a closed campaign's workbooks stay for staff only */
		return ST_NOTFOUND;
	struct campaign_book *b = arena_alloc(a, sizeof(*b));
	memset(b, 0, sizeof(*b));
	b->campaign = c;
	int64_t unit = 0, fac = 0;
	if (unit_code != NULL) {
		struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_UNIT_ID);
		db_bind_text(st, 1, unit_code);
		int r = db_step(st);
		if (r == DB_ROW) {
			unit = db_col_int(st, 0);
			b->scope_name = arena_strdup(a, db_col_text(st, 1));
		}
		db_reset(st);
		if (r != DB_ROW && r != DB_DONE)
			return ST_ERR;
		if (unit == 0 || (district && unit != who->unit_id))
			return ST_NOTFOUND;
		b->scope = arena_printf(a, "unit:%s", unit_code);
	} else {
		struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_FACILITY_FIND);
		static const struct principal cli = {.role = ROLE_ADMIN};
		scope_bind(st, who != NULL ? who : &cli);
		db_bind_int(st, 4, id);
		db_bind_text(st, 5, facility_code);
		int r = db_step(st);
		if (r == DB_ROW) {
			fac = db_col_int(st, 0);
			b->scope_name = arena_strdup(a, db_col_text(st, 2));
		}
		db_reset(st);
		if (r != DB_ROW && r != DB_DONE)
			return ST_ERR;
		if (fac == 0)
			return ST_NOTFOUND;
		b->scope = arena_printf(a, "facility:%s", facility_code);
	}

	struct choices *ch = NULL;
	if (choices_load(db, &ch) != 0)
		return ST_ERR;
	rc = ST_ERR;
	struct campaign_book_facility *f = NULL;
	int64_t *fids = NULL;
	int nf = 0, cap = 0, r;
	struct pre_line *outs = NULL, *ens = NULL;
	size_t nouts = 0, nens = 0;
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_BOOK_FACILITIES);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, unit);
	db_bind_int(st, 3, fac);
	while ((r = db_step(st)) == DB_ROW) {
		if (nf == cap) {
			cap = cap ? cap * 2 : 256;
			f = xrealloc(f, (size_t)cap * sizeof(*f));
			fids = xrealloc(fids, (size_t)cap * sizeof(*fids));
		}
		fids[nf] = db_col_int(st, 0);
		f[nf++] = (struct campaign_book_facility){
		    .code = arena_strdup(a, db_col_text(st, 1)),
		    .name = arena_strdup(a, db_col_text(st, 2)),
		    .tax_code = arena_strdup(a, db_col_text(st, 3)),
		    .unit_name = arena_strdup(a, db_col_text(st, 4)),
		    .sector_name = arena_strdup(a, db_col_text(st, 5))};
	}
	db_reset(st);
	if (r != DB_DONE)
		goto out;
	if (nf == 0) { /* a unit with no facility in the campaign */
		rc = ST_NOTFOUND;
		goto out;
	}
	if (book_lines(db, STMT_CAMPAIGN_BOOK_OUTPUTS, id, unit, fac, c.year, ch, ch->product,
		       ch->nproduct, a, &outs, &nouts) < 0 ||
	    book_lines(db, STMT_CAMPAIGN_BOOK_ENERGY, id, unit, fac, c.year, ch, ch->carrier,
		       ch->ncarrier, a, &ens, &nens) < 0)
		goto out;
	book_attach(f, fids, nf, outs, nouts, a, 0);
	book_attach(f, fids, nf, ens, nens, a, 1);
	if (nf > 1)
		qsort(f, (size_t)nf, sizeof(*f), cmp_book_code);
	struct campaign_book_facility *keep = arena_alloc(a, (size_t)nf * sizeof(*keep));
	memcpy(keep, f, (size_t)nf * sizeof(*keep));
	b->facilities = keep;
	b->nfacilities = nf;
	b->products = names_vi(a, ch->product, ch->nproduct);
	b->nproducts = ch->nproduct;
	b->carriers = names_vi(a, ch->carrier, ch->ncarrier);
	b->ncarriers = ch->ncarrier;
	b->units = names_vi(a, ch->unit, ch->nunit);
	b->nunits = ch->nunit;
	const char **w = arena_alloc(a, NAMES_WATER_N * sizeof(*w));
	for (int i = 0; i < NAMES_WATER_N; i++)
		w[i] = names_water[i].name_vi;
	b->water = w;
	b->nwater = NAMES_WATER_N;
	if (fac > 0 && who != NULL && who->role == ROLE_ENTERPRISE) {
		st = db_stmt(db, STMT_CAMPAIGN_OPENED_SET);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, fac);
		db_bind_int(st, 3, now);
		if (db_run(st) != DB_OK)
			goto out;
	}
	*out = b;
	rc = ST_OK;
out:
	free(f);
	free(fids);
	free(outs);
	free(ens);
	choices_free(ch);
	return rc;
}

int
campaign_form_opened(struct db *db, const struct principal *who, int64_t facility_id, int year,
		     int registration, int64_t now)
{
	if (who == NULL || who->role != ROLE_ENTERPRISE)
		return 0;
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_FORM_OPENED);
	db_bind_int(st, 1, facility_id);
	db_bind_int(st, 2, year);
	db_bind_int(st, 3, registration ? 1 : 0);
	db_bind_int(st, 4, now);
	if (db_run(st) != DB_OK) {
		log_warn("campaign: facility %lld opened: %s", (long long)facility_id,
			 db_errmsg(db));
		return -1;
	}
	return 0;
}

int
campaign_open_for_facility(struct db *db, int64_t facility_id, int64_t *ids, int max)
{
	int n = 0, r;
	struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_OF_FACILITY);
	db_bind_int(st, 1, facility_id);
	while ((r = db_step(st)) == DB_ROW)
		if (n < max)
			ids[n++] = db_col_int(st, 0);
	db_reset(st);
	return r == DB_DONE ? n : -1;
}

int
campaign_close(struct db *db, const struct principal *who, int64_t id, int64_t now)
{
	if (id <= 0 || (who != NULL && !scope_has_role(who, ROLES_STAFF)))
		return ST_NOTFOUND;
	if (who != NULL && !scope_has_role(who, ROLES_PROVINCE))
		return ST_FORBIDDEN;
	struct arena a;
	arena_init(&a);
	struct campaign *v;
	int n, rc = ST_ERR;
	if (db_begin(db) != DB_OK)
		goto out;
	rc = campaign_read(db, &a, id, &v, &n);
	if (rc == ST_OK && n == 0)
		rc = ST_NOTFOUND;
	else if (rc == ST_OK && !v[0].open)
		rc = ST_STATE;
	if (rc == ST_OK) {
		struct db_stmt *st = db_stmt(db, STMT_CAMPAIGN_CLOSE);
		db_bind_int(st, 1, id);
		if (db_run(st) != DB_OK || db_changes(db) != 1)
			rc = ST_ERR;
	}
	if (rc == ST_OK) {
		char idtext[24];
		snprintf(idtext, sizeof(idtext), "%lld", (long long)id);
		if (audit_write(db, who, now, "campaign.close", "campaign", idtext,
				"{\"state\":\"open\"}", "{\"state\":\"closed\"}") < 0)
			rc = ST_ERR;
	}
	rc = wf_finish(db, rc, "campaign close", WF_PRIVATE);
out:
	arena_free(&a);
	return rc;
}
