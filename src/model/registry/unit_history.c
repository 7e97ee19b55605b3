/*
 * Facility unit history (see unit_history.h).  A move is one IMMEDIATE
 * transaction: look the facility and the unit up, check the date against
 * the unit's validity and the current history row, close that row (or,
 * for a facility without history, record its current unit as the row that
 * ends the day before), open the new row, point facility.admin_unit_id at
 * the new unit (the 0002 trigger keeps the open row in step), bump the
 * generation so cached pages are redrawn, and write the audit row.
 */
#include "model/registry/unit_history.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/msg.h"
#include "util/alloc.h"
#include "util/fmt.h"

/* Writes "database error (what): the database's message" into err and returns -1. */
static int
uh_dberr(struct db *db, char *err, size_t errsz, const char *what)
{
	msg_both(err, errsz, MSG_IO_DB_ERROR, " (%s): %s", what, db_errmsg(db));
	return -1;
}

/*
 * Writes "OPT: m in both languages: detail" into err (opt, the command
 * line option the message is about, and detail may be NULL) and returns -1.
 */
static int
uh_fail(char *err, size_t errsz, const char *opt, const struct msg *m, const char *detail)
{
	char t[512];
	msg_format(m, MSG_BOTH, t, sizeof(t));
	snprintf(err, errsz, "%s%s%s%s%s", opt != NULL ? opt : "", opt != NULL ? ": " : "", t,
		 detail != NULL ? ": " : "", detail != NULL ? detail : "");
	return -1;
}

/* uh_fail of message id, one without label or arguments. */
static int
uh_fail_id(char *err, size_t errsz, const char *opt, enum msg_id id, const char *detail)
{
	struct msg m;
	msg_init(&m, id, NULL);
	return uh_fail(err, errsz, opt, &m, detail);
}

/* Looks a facility up by code: 0, 1 when there is none, -1 on a storage error. */
static int
uh_facility(struct db *db, const char *code, int64_t *id, int64_t *unit, int64_t *version)
{
	struct db_stmt *st = db_stmt(db, STMT_UNITH_FACILITY);
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		*unit = db_col_int(st, 1);
		*version = db_col_int(st, 2);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

/* A JSON object of the pairs, compact, malloc'd (free with free()). */
static char *
uh_json(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (s == NULL)
		abort(); /* jansson fails only when out of memory (util/alloc.h policy) */
	return s;
}

/* The checks and writes of a move, inside the caller's transaction. */
static int
uh_move(struct db *db, const struct principal *who, const char *facility_code,
	const char *unit_code, const char *from, char *err, size_t errsz)
{
	int y, m, d;
	struct msg msg;
	if (parse_date(from, &y, &m, &d) != 0)
		return uh_fail_id(err, errsz, "--from", MSG_UH_BAD_DATE, from);
	int64_t fid, old_unit, version;
	int rc = uh_facility(db, facility_code, &fid, &old_unit, &version);
	if (rc < 0)
		return uh_dberr(db, err, errsz, "facility");
	if (rc > 0)
		return uh_fail_id(err, errsz, NULL, MSG_UH_UNKNOWN_FACILITY, facility_code);

	struct db_stmt *st = db_stmt(db, STMT_UNITH_UNIT);
	db_bind_text(st, 1, unit_code);
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_reset(st);
		if (rc != DB_DONE)
			return uh_dberr(db, err, errsz, "admin_unit");
		return uh_fail_id(err, errsz, "--unit", MSG_UH_UNKNOWN_UNIT, unit_code);
	}
	int64_t unit = db_col_int(st, 0);
	char ufrom[16], uto[16];
	snprintf(ufrom, sizeof(ufrom), "%s", db_col_text(st, 2));
	snprintf(uto, sizeof(uto), "%s", db_col_text(st, 3));
	db_reset(st);
	/* ISO dates compare as text. */
	if ((ufrom[0] != '\0' && strcmp(from, ufrom) < 0) ||
	    (uto[0] != '\0' && strcmp(from, uto) > 0)) {
		msg_init(&msg, MSG_UH_UNIT_NOT_VALID, NULL);
		msg_str(&msg, unit_code);
		msg_code(&msg, from);
		msg_code(&msg, ufrom[0] ? ufrom : "…");
		msg_code(&msg, uto[0] ? uto : "…");
		return uh_fail(err, errsz, "--unit", &msg, NULL);
	}
	if (unit == old_unit) {
		msg_init(&msg, MSG_UH_ALREADY_IN, NULL);
		msg_str(&msg, facility_code);
		msg_str(&msg, unit_code);
		return uh_fail(err, errsz, NULL, &msg, NULL);
	}

	/* The open row: the current unit's period, which ends the day before from. */
	st = db_stmt(db, STMT_UNITH_OPEN);
	db_bind_int(st, 1, fid);
	rc = db_step(st);
	int64_t open_id = 0;
	char open_from[16] = "";
	if (rc == DB_ROW) {
		open_id = db_col_int(st, 0);
		snprintf(open_from, sizeof(open_from), "%s", db_col_text(st, 1));
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return uh_dberr(db, err, errsz, "facility_unit_history");
	if (open_id == 0) {
		/* No history yet (a facility added after migration 0002): its current
		 * unit becomes the first row, unless closed rows reach past from. */
		st = db_stmt(db, STMT_UNITH_LAST_TO);
		db_bind_int(st, 1, fid);
		if (db_step(st) == DB_ROW && !db_col_is_null(st, 0))
			snprintf(open_from, sizeof(open_from), "%s", db_col_text(st, 0));
		db_reset(st);
		st = db_stmt(db, STMT_UNITH_INSERT);
		db_bind_int(st, 1, fid);
		db_bind_int(st, 2, old_unit);
		db_bind_null(st, 3);
		db_bind_null(st, 4);
		if (db_run(st) != DB_OK)
			return uh_dberr(db, err, errsz, "facility_unit_history");
		open_id = db_last_id(db);
	}
	if (open_from[0] != '\0' && strcmp(from, open_from) <= 0) {
		msg_init(&msg, MSG_UH_FROM_TOO_EARLY, NULL);
		msg_code(&msg, from);
		msg_code(&msg, open_from);
		return uh_fail(err, errsz, "--from", &msg, NULL);
	}
	st = db_stmt(db, STMT_UNITH_CLOSE);
	db_bind_int(st, 1, open_id);
	db_bind_text(st, 2, from);
	if (db_run(st) != DB_OK)
		return uh_dberr(db, err, errsz, "facility_unit_history");

	st = db_stmt(db, STMT_UNITH_INSERT);
	db_bind_int(st, 1, fid);
	db_bind_int(st, 2, unit);
	db_bind_text(st, 3, from);
	db_bind_null(st, 4);
	if (db_run(st) != DB_OK)
		return uh_dberr(db, err, errsz, "facility_unit_history");

	st = db_stmt(db, STMT_UNITH_SET_UNIT);
	db_bind_int(st, 1, fid);
	db_bind_int(st, 2, unit);
	db_bind_int(st, 3, version);
	if (db_run(st) != DB_OK)
		return uh_dberr(db, err, errsz, "facility");
	if (db_changes(db) != 1) /* cannot happen inside BEGIN IMMEDIATE */
		return uh_fail_id(err, errsz, NULL, MSG_UH_CHANGED, NULL);
	st = db_stmt(db, STMT_GENERATION_BUMP);
	if (db_run(st) != DB_OK)
		return uh_dberr(db, err, errsz, "generation");

	char *before = uh_json(json_pack("{s:I}", "admin_unit_id", (json_int_t)old_unit));
	char *after = uh_json(json_pack("{s:I, s:s, s:s}", "admin_unit_id", (json_int_t)unit,
					"unit", unit_code, "from", from));
	rc = audit_write(db, who, (int64_t)time(NULL), "facility.move", "facility", facility_code,
			 before, after);
	free(before);
	free(after);
	if (rc < 0)
		return uh_dberr(db, err, errsz, "audit");
	return 0;
}

int
unit_history_move(struct db *db, const struct principal *who, const char *facility_code,
		  const char *unit_code, const char *from, char *err, size_t errsz)
{
	if (db_begin(db) != DB_OK)
		return uh_dberr(db, err, errsz, "begin");
	if (uh_move(db, who, facility_code, unit_code, from, err, errsz) < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db) != DB_OK) {
		uh_dberr(db, err, errsz, "commit");
		db_rollback(db);
		return -1;
	}
	return 0;
}

int
unit_history_list(struct db *db, const char *facility_code, struct unit_history_row **out,
		  char *err, size_t errsz)
{
	*out = NULL;
	int64_t fid, unit, version;
	int rc = uh_facility(db, facility_code, &fid, &unit, &version);
	if (rc != 0) {
		if (rc < 0)
			return uh_dberr(db, err, errsz, "facility");
		return uh_fail_id(err, errsz, NULL, MSG_UH_UNKNOWN_FACILITY, facility_code);
	}
	struct db_stmt *st = db_stmt(db, STMT_UNITH_LIST);
	db_bind_int(st, 1, fid);
	struct unit_history_row *rows = NULL;
	int n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		rows = xrealloc(rows, (size_t)(n + 1) * sizeof(*rows));
		struct unit_history_row *r = &rows[n++];
		snprintf(r->unit_code, sizeof(r->unit_code), "%s", db_col_text(st, 0));
		snprintf(r->unit_name, sizeof(r->unit_name), "%s", db_col_text(st, 1));
		snprintf(r->valid_from, sizeof(r->valid_from), "%s", db_col_text(st, 2));
		snprintf(r->valid_to, sizeof(r->valid_to), "%s", db_col_text(st, 3));
	}
	if (rc != DB_DONE) {
		free(rows);
		return uh_dberr(db, err, errsz, "facility_unit_history");
	}
	*out = rows;
	return n;
}
