/*
 * The anonymised case studies of accepted pilot assessments
 * (casestudy.h): publishing, the public list and page's reads.
 */
#include "model/assess/casestudy.h"

#include <string.h>

#include "db/db.h"
#include "model/assess/assessment.h"
#include "model/doc/workflow.h"
#include "model/names.h"
#include "model/status.h"
#include "util/arena.h"

static int
publish_tx(struct db *db, const struct principal *who, int64_t id, int64_t version, int publish)
{
	struct assess_ref r;
	int rc = assess_open(db, who, id, version, ASSESS_PUBLISH, &r);
	if (rc != ST_OK)
		return rc;
	if (!r.pilot)
		return ST_STATE;
	struct db_stmt *st = db_stmt(db, STMT_CASE_PUBLISH);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, publish ? 1 : 0);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	return assess_touch(db, who, &r, publish ? "assessment.publish" : "assessment.unpublish",
			    "assessment", id, NULL,
			    publish ? "{\"published\":1}" : "{\"published\":0}");
}

int
casestudy_publish(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  int publish)
{
	if (db_begin(db) != DB_OK)
		return wf_finish(db, ST_ERR, "case study publish", WF_PRIVATE);
	return wf_finish(db, publish_tx(db, who, id, version, publish), "case study publish",
			 WF_PRIVATE);
}

/* Reads the current row of STMT_CASE_LIST / STMT_CASE_GET into *c. */
static void
read_row(struct db_stmt *st, struct arena *a, struct casestudy *c)
{
	c->id = db_col_int(st, 0);
	c->year = (int)db_col_int(st, 1);
	c->facility_name = arena_strdup(a, db_col_text(st, 11));
	c->facility_code = arena_strdup(a, db_col_text(st, 12));
	c->focus = casestudy_scrub(c, a, db_col_text(st, 3));
	c->sector_code = arena_strdup(a, db_col_text(st, 4));
	c->division_vi = arena_strdup(a, db_col_text(st, 5));
	c->division_en = arena_strdup(a, db_col_text(st, 6));
	c->district = arena_strdup(a, db_col_text(st, 7));
	c->size = names_index(names_size, SIZE__MAX, db_col_text(st, 8));
	c->accepted_on = arena_strdup(a, db_col_text(st, 9));
	c->facility_id = db_col_int(st, 10);
}

int
casestudy_list(struct db *db, struct arena *a, struct casestudy **out, int *n)
{
	struct db_stmt *st = db_stmt(db, STMT_CASE_LIST);
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			struct casestudy *nc = arena_alloc(a, (size_t)cap * sizeof(*nc));
			if (*n > 0)
				memcpy(nc, *out, (size_t)*n * sizeof(*nc));
			*out = nc;
		}
		read_row(st, a, &(*out)[(*n)++]);
	}
	db_reset(st);
	return rc == DB_DONE ? ST_OK : ST_ERR;
}

int
casestudy_get(struct db *db, int64_t id, struct arena *a, struct casestudy *out)
{
	memset(out, 0, sizeof(*out));
	struct db_stmt *st = db_stmt(db, STMT_CASE_GET);
	db_bind_int(st, 1, id);
	int rc = db_step(st);
	if (rc == DB_ROW)
		read_row(st, a, out);
	db_reset(st);
	return rc == DB_ROW ? ST_OK : rc == DB_DONE ? ST_NOTFOUND : ST_ERR;
}

/* Whether s at p starts with needle, ignoring ASCII case. */
static int
starts_ci(const char *p, const char *needle, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)p[i], y = (unsigned char)needle[i];
		if (x == 0)
			return 0;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return 1;
}

const char *
casestudy_scrub(const struct casestudy *c, struct arena *a, const char *text)
{
	if (text == NULL)
		return "";
	const char *needles[2] = {c->facility_name, c->facility_code};
	size_t len = strlen(text);
	/* "…" is 3 bytes: never longer than the text when a needle is 3 or more */
	char *out = arena_alloc(a, 3 * len + 1);
	size_t o = 0;
	for (const char *p = text; *p != '\0';) {
		size_t hit = 0;
		for (int k = 0; k < 2; k++) {
			size_t n = needles[k] != NULL ? strlen(needles[k]) : 0;
			if (n >= 2 && starts_ci(p, needles[k], n)) {
				hit = n;
				break;
			}
		}
		if (hit > 0) {
			memcpy(out + o, "\xe2\x80\xa6", 3);
			o += 3;
			p += hit;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	return out;
}
