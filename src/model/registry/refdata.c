/*
 * Loads the reference data files, data/NAME.csv (refdata.h).  Each file is
 * described by one row of the specs[] table: its name, the header it must
 * have, one type letter per column and the statement(s) that write a row.
 * A single generic row handler validates every field by its letter, binds
 * column i to SQL parameter i + 1 and runs the statement, so adding a file
 * is one column list, one spec row and one SQL row.  The CSV is parsed with
 * libcsv in strict RFC 4180 mode; every error names the file, the line the
 * record starts on and the column.
 */
#include "model/registry/refdata.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/msg.h"
#include "util/alloc.h"
#include "util/embed.h"
#include "util/fmt.h"
#include "util/fold.h"
#include "util/log.h"

#define RD_MAXCOLS   16	       /* more columns than any reference file has */
#define RD_FIELD_MAX 4096      /* bytes in one field; sources and notes are short */
#define RD_NONE	     STMT__MAX /* "no statement" in a spec */

/*
 * Column type letters.  Lower case is required, upper case may be empty
 * (bound as NULL):
 *   t/T text (valid UTF-8)      n/N number ("1.02", '.' decimals)
 *   i/I integer                 d/D date yyyy-mm-dd
 *   r   reliability L, S or ?   b   flag 0 or 1
 *   P   plan code, bound as the plan's id
 *   U   admin unit code, bound as the unit's id (may be empty)
 *   -   present in the file but not used by this pass
 */
struct rd_spec {
	const char *file;	 /* path of the embedded file */
	const char *const *cols; /* the header, NULL-terminated */
	const char *types;	 /* one letter per column */
	enum stmt update;	 /* tried first unless RD_NONE; "write" runs if no row changed */
	enum stmt write;	 /* an upsert, or the insert that follows update */
};

static const char *const unit_cols[] = {"code", "name_vi", "name_en", "dimension", "to_base", NULL};
static const char *const sector_cols[] = {"code",	 "name_vi", "name_en",	   "level",
					  "parent_code", "source",  "reliability", NULL};
static const char *const product_cols[] = {"code", "name_vi", "name_en", "sector_code",
					   "unit", "source",  NULL};
static const char *const carrier_cols[] = {"code",	  "name_vi",  "name_en", "kind",
					   "native_unit", "biogenic", NULL};
static const char *const factor_cols[] = {
    "carrier_code", "unit",   "toe_per_unit", "gj_per_unit", "kgco2_per_unit", "valid_from",
    "valid_to",	    "source", "reliability",  "note",	     "toe_derived",    NULL};
static const char *const grid_cols[] = {"year", "tco2_per_mwh", "source", "reliability", NULL};
static const char *const norm_cols[] = {
    "product_code", "band_min",	 "band_max", "valid_from",  "valid_to", "value",      "energy_unit",
    "per_unit",	    "legal_ref", "source",   "reliability", "note",	"band_plant", NULL};
static const char *const admin_cols[] = {"code",	   "name",	  "name_en",	 "level",
					 "kind",	   "parent_code", "valid_from",	 "valid_to",
					 "successor_code", "source",	  "reliability", NULL};
static const char *const plan_cols[] = {"code",	     "title_vi",   "title_en", "issuer",
					"issued_on", "start_year", "end_year", "scope",
					"source",    "is_default", NULL};
static const char *const threshold_cols[] = {"code",	    "kind",	"value",     "unit",
					     "valid_from",  "valid_to", "legal_ref", "source",
					     "reliability", "note",	NULL};
static const char *const plaus_cols[] = {"code",  "line",   "item",	   "unit", "value",
					 "basis", "source", "reliability", NULL};
static const char *const target_cols[] = {"plan_code", "indicator", "value",	   "value_max",
					  "unit",      "from_year", "by_year",	   "scope_filter",
					  "note",      "source",    "reliability", NULL};

/*
 * Load order follows the foreign keys.  Administrative units take two
 * passes: the first writes every unit, the second links parent and
 * successor, which may come later in the file.  Plans take two as well:
 * the first writes every plan and clears the default flag of those the
 * file does not flag, the second sets it, so moving the flag from one plan
 * to another never holds two flagged rows (plan_one_default) at once.
 */
static const struct rd_spec specs[] = {
    {"data/units.csv", unit_cols, "ttttn", RD_NONE, STMT_REFDATA_UNIT_UPSERT},
    {"data/sectors.csv", sector_cols, "tttiTtr", RD_NONE, STMT_REFDATA_SECTOR_UPSERT},
    {"data/products.csv", product_cols, "tttttt", RD_NONE, STMT_REFDATA_PRODUCT_UPSERT},
    {"data/carriers.csv", carrier_cols, "tttttb", RD_NONE, STMT_REFDATA_CARRIER_UPSERT},
    {"data/carrier_factors.csv", factor_cols, "ttNNNdDtrTb", RD_NONE, STMT_REFDATA_FACTOR_UPSERT},
    {"data/grid_factors.csv", grid_cols, "intr", RD_NONE, STMT_REFDATA_GRID_UPSERT},
    {"data/norms.csv", norm_cols, "tNNdDnttttrTb", STMT_REFDATA_NORM_UPDATE,
     STMT_REFDATA_NORM_INSERT},
    {"data/admin_units.csv", admin_cols, "ttTtt-DD-tr", RD_NONE, STMT_REFDATA_ADMIN_UPSERT},
    {"data/admin_units.csv", admin_cols, "t----U--U--", RD_NONE, STMT_REFDATA_ADMIN_LINK},
    {"data/plans.csv", plan_cols, "ttttDIIttb", RD_NONE, STMT_REFDATA_PLAN_UPSERT},
    {"data/plans.csv", plan_cols, "t--------b", RD_NONE, STMT_PLAN_DEFAULT_SET},
    {"data/plan_targets.csv", target_cols, "PtnNtIiTTtr", STMT_REFDATA_TARGET_UPDATE,
     STMT_REFDATA_TARGET_INSERT},
    {"data/thresholds.csv", threshold_cols, "ttntdDttrT", RD_NONE, STMT_ANALYTICS_THRESHOLD_UPSERT},
    {"data/plausibility.csv", plaus_cols, "ttttnttr", RD_NONE, STMT_PLAUS_UPSERT},
};
#define NSPECS (sizeof(specs) / sizeof(specs[0]))

static const char *const table_names[REFDATA__MAX] = {
    [REFDATA_UNIT] = "unit",
    [REFDATA_SECTOR] = "sector",
    [REFDATA_PRODUCT] = "product",
    [REFDATA_CARRIER] = "carrier",
    [REFDATA_CARRIER_FACTOR] = "carrier_factor",
    [REFDATA_GRID_FACTOR] = "grid_factor",
    [REFDATA_NORM] = "norm",
    [REFDATA_ADMIN_UNIT] = "admin_unit",
    [REFDATA_PLAN] = "plan",
    [REFDATA_PLAN_TARGET] = "plan_target",
};

/* One field made ready to bind. */
struct rd_val {
	enum { RV_SKIP, RV_NULL, RV_TEXT, RV_DOUBLE, RV_INT } kind;
	const char *s;
	double d;
	int64_t i;
};

/* The state of parsing one file. */
struct rd_parse {
	struct db *db;
	const struct rd_spec *spec;
	char *err;
	size_t errsz;
	char *f[RD_MAXCOLS]; /* fields of the current record (owned) */
	size_t nf;	     /* fields seen in it; may pass RD_MAXCOLS */
	int too_long;	     /* a field passed RD_FIELD_MAX */
	long line;	     /* the line the current record starts on */
	long nl_in_fields;   /* newlines inside quoted fields of the record */
	int last_term;	     /* terminator of the previous record */
	int header_done;
	int failed;
};

const char *
refdata_table_name(enum refdata_table t)
{
	return (unsigned)t < REFDATA__MAX ? table_names[t] : "?";
}

/* Formats "FILE:LINE: COLUMN: message" into p->err and marks p failed; returns -1. */
__attribute__((format(printf, 3, 4))) static int
rd_fail(struct rd_parse *p, int col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (col >= 0)
		snprintf(p->err, p->errsz, "%s:%ld: %s: %s", p->spec->file, p->line,
			 p->spec->cols[col], msg);
	else
		snprintf(p->err, p->errsz, "%s:%ld: %s", p->spec->file, p->line, msg);
	p->failed = 1;
	return -1;
}

/* Looks code up with a "code -> id" statement; returns DB_OK, DB_NOTFOUND or DB_ERR. */
static int
rd_lookup(struct db *db, enum stmt id, const char *code, int64_t *out)
{
	struct db_stmt *st = db_stmt(db, id);
	db_bind_text(st, 1, code);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		*out = db_col_int(st, 0);
		rc = DB_OK;
	} else if (rc == DB_DONE) {
		rc = DB_NOTFOUND;
	}
	db_reset(st);
	return rc;
}

/* rd_fail with the message m in both languages. */
static int
rd_failm(struct rd_parse *p, int col, const struct msg *m)
{
	char text[512];
	return rd_fail(p, col, "%s", msg_format(m, MSG_BOTH, text, sizeof(text)));
}

/* rd_fail with message id in both languages, then ": detail" when detail is not NULL. */
static int
rd_failid(struct rd_parse *p, int col, enum msg_id id, const char *detail)
{
	char text[512];
	if (detail != NULL)
		msg_both(text, sizeof(text), id, ": %s", detail);
	else
		msg_both(text, sizeof(text), id, NULL);
	return rd_fail(p, col, "%s", text);
}

/* rd_failm of message id quoting what the field holds. */
static int
rd_failv(struct rd_parse *p, int col, enum msg_id id, const char *s)
{
	struct msg m;
	msg_init(&m, id, NULL);
	msg_str(&m, s);
	return rd_failm(p, col, &m);
}

/* Resolves a code column ('P' or 'U') to an id. */
static int
rd_resolve(struct rd_parse *p, int col, struct rd_val *v)
{
	int plan = p->spec->types[col] == 'P';
	int rc =
	    rd_lookup(p->db, plan ? STMT_REFDATA_PLAN_ID : STMT_REFDATA_ADMIN_ID, p->f[col], &v->i);
	if (rc == DB_NOTFOUND)
		return rd_failv(p, col, plan ? MSG_REF_UNKNOWN_PLAN : MSG_REF_UNKNOWN_UNIT,
				p->f[col]);
	if (rc != DB_OK)
		return rd_failid(p, col, MSG_IO_DB_ERROR, db_errmsg(p->db));
	v->kind = RV_INT;
	return 0;
}

/* Checks field col against its type letter and fills v.  Returns 0 or -1 (p->err set). */
static int
rd_value(struct rd_parse *p, int col, struct rd_val *v)
{
	const char *s = p->f[col];
	char t = p->spec->types[col];
	int y, m, d;

	v->kind = RV_NULL;
	v->s = s;
	if (t == '-') {
		v->kind = RV_SKIP;
		return 0;
	}
	if (s[0] == '\0') {
		if (strchr("TNIDU", t) != NULL)
			return 0;
		return rd_failid(p, col, MSG_REF_VALUE_REQUIRED, NULL);
	}
	switch (t) {
	case 't':
	case 'T':
		if (!utf8_valid(s, strlen(s)))
			return rd_failid(p, col, MSG_REF_NOT_UTF8, NULL);
		v->kind = RV_TEXT;
		return 0;
	case 'n':
	case 'N':
		if (parse_double(s, &v->d, 0) < 0)
			return rd_failv(p, col, MSG_REF_NOT_NUMBER, s);
		v->kind = RV_DOUBLE;
		return 0;
	case 'i':
	case 'I':
		if (parse_int64(s, &v->i) < 0)
			return rd_failv(p, col, MSG_REF_NOT_INTEGER, s);
		v->kind = RV_INT;
		return 0;
	case 'd':
	case 'D':
		if (parse_date(s, &y, &m, &d) < 0)
			return rd_failv(p, col, MSG_REF_DATE, s);
		v->kind = RV_TEXT;
		return 0;
	case 'r':
		if (strcmp(s, "L") != 0 && strcmp(s, "S") != 0 && strcmp(s, "?") != 0)
			return rd_failv(p, col, MSG_REF_RELIABILITY, s);
		v->kind = RV_TEXT;
		return 0;
	case 'b':
		if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
			return rd_failv(p, col, MSG_REF_BOOL01, s);
		v->kind = RV_INT;
		v->i = s[0] - '0';
		return 0;
	case 'P':
	case 'U':
		return rd_resolve(p, col, v);
	}
	return rd_fail(p, col, "internal: unknown type letter '%c'", t);
}

/* Binds vals to statement id (column i to parameter i + 1) and runs it. */
static int
rd_exec(struct rd_parse *p, enum stmt id, const struct rd_val *vals, size_t n)
{
	struct db_stmt *st = db_stmt(p->db, id);
	for (size_t i = 0; i < n; i++) {
		int idx = (int)i + 1;
		switch (vals[i].kind) {
		case RV_SKIP:
			break;
		case RV_NULL:
			db_bind_null(st, idx);
			break;
		case RV_TEXT:
			db_bind_text(st, idx, vals[i].s);
			break;
		case RV_DOUBLE:
			db_bind_double(st, idx, vals[i].d);
			break;
		case RV_INT:
			db_bind_int(st, idx, vals[i].i);
			break;
		}
	}
	return db_run(st);
}

/* Validates and writes one data record. */
static int
rd_row(struct rd_parse *p)
{
	struct rd_val vals[RD_MAXCOLS];
	size_t n = p->nf;

	for (size_t i = 0; i < n; i++)
		if (rd_value(p, (int)i, &vals[i]) < 0)
			return -1;
	int rc = DB_OK;
	int done = 0;
	if (p->spec->update != RD_NONE) {
		rc = rd_exec(p, p->spec->update, vals, n);
		done = rc == DB_OK && db_changes(p->db) > 0;
	}
	if (rc == DB_OK && !done)
		rc = rd_exec(p, p->spec->write, vals, n);
	if (rc != DB_OK)
		return rd_failid(p, -1, MSG_REF_REJECTED, db_errmsg(p->db));
	return 0;
}

/* Handles one complete record: the header first, then data rows. */
static void
rd_record(struct rd_parse *p)
{
	size_t ncols = 0;
	while (p->spec->cols[ncols] != NULL)
		ncols++;

	if (p->too_long) {
		struct msg m;
		msg_init(&m, MSG_REF_FIELD_TOO_LONG, NULL);
		msg_plain(&m, RD_FIELD_MAX);
		rd_failm(p, -1, &m);
		return;
	}
	if (!p->header_done) {
		int ok = p->nf == ncols;
		for (size_t i = 0; ok && i < ncols; i++)
			ok = strcmp(p->f[i], p->spec->cols[i]) == 0;
		if (!ok) {
			char want[512] = "";
			for (size_t i = 0; i < ncols; i++) {
				size_t l = strlen(want);
				snprintf(want + l, sizeof(want) - l, "%s%s", i ? "," : "",
					 p->spec->cols[i]);
			}
			rd_failid(p, -1, MSG_REF_HEADER, want);
			return;
		}
		p->header_done = 1;
		return;
	}
	if (p->nf != ncols) {
		struct msg m;
		msg_init(&m, MSG_REF_NCOLUMNS, NULL);
		msg_plain(&m, (int64_t)p->nf);
		msg_plain(&m, (int64_t)ncols);
		rd_failm(p, -1, &m);
		return;
	}
	rd_row(p);
}

/* Frees the fields of the current record. */
static void
rd_clear(struct rd_parse *p)
{
	for (size_t i = 0; i < p->nf && i < RD_MAXCOLS; i++) {
		free(p->f[i]);
		p->f[i] = NULL;
	}
	p->nf = 0;
	p->too_long = 0;
	p->nl_in_fields = 0;
}

/* libcsv field callback: keeps a copy of the field. */
static void
rd_on_field(void *s, size_t len, void *data)
{
	struct rd_parse *p = data;
	const char *text = s != NULL ? s : "";
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			p->nl_in_fields++;
	if (p->nf < RD_MAXCOLS) {
		if (len > RD_FIELD_MAX) {
			p->too_long = 1;
			len = 0;
		}
		char *copy = xmalloc(len + 1);
		memcpy(copy, text, len);
		copy[len] = '\0';
		p->f[p->nf] = copy;
	}
	p->nf++;
}

/*
 * libcsv record callback.  The parser runs with CSV_REPALL_NL, so a blank
 * line and the LF of a CRLF arrive as empty records: the first counts as a
 * line, the second does not.
 */
static void
rd_on_record(int c, void *data)
{
	struct rd_parse *p = data;
	if (p->nf == 0) {
		if (!(c == '\n' && p->last_term == '\r'))
			p->line++;
		p->last_term = c;
		return;
	}
	if (!p->failed)
		rd_record(p);
	p->line += 1 + p->nl_in_fields;
	p->last_term = c;
	rd_clear(p);
}

/* Parses and loads the text of one file with one spec.  Returns 0 or -1 with err. */
static int
rd_parse_text(struct db *db, const struct rd_spec *spec, const char *text, size_t len, char *err,
	      size_t errsz)
{
	struct rd_parse p = {
	    .db = db, .spec = spec, .err = err, .errsz = errsz, .line = 1, .last_term = -1};
	struct csv_parser cp;
	int rc = -1;

	if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
		snprintf(err, errsz, "%s: cannot start the CSV parser", spec->file);
		return -1;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (csv_parse(&cp, text, len, rd_on_field, rd_on_record, &p) != len && !p.failed) {
		rd_failid(&p, -1, MSG_REF_MALFORMED, csv_strerror(csv_error(&cp)));
		goto out;
	}
	if (!p.failed && csv_fini(&cp, rd_on_field, rd_on_record, &p) != 0 && !p.failed) {
		rd_failid(&p, -1, MSG_REF_MALFORMED, csv_strerror(csv_error(&cp)));
		goto out;
	}
	if (p.failed)
		goto out;
	if (!p.header_done) {
		char m[128];
		snprintf(err, errsz, "%s: %s", spec->file,
			 msg_both(m, sizeof(m), MSG_REF_EMPTY, NULL));
		goto out;
	}
	rc = 0;
out:
	rd_clear(&p);
	csv_free(&cp);
	return rc;
}

/* Bumps the generation and commits.  Returns 0 or -1 with err. */
static int
rd_commit(struct db *db, char *err, size_t errsz)
{
	struct db_stmt *st = db_stmt(db, STMT_GENERATION_BUMP);
	if (db_run(st) != DB_OK || db_commit(db) != DB_OK) {
		msg_both(err, errsz, MSG_REF_CANNOT_COMMIT, ": %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

int
refdata_load(struct db *db, char *err, size_t errsz)
{
	int rc = -1;

	if (db_begin(db) != DB_OK) {
		msg_both(err, errsz, MSG_IO_CANNOT_BEGIN, ": %s", db_errmsg(db));
		return -1;
	}
	for (size_t i = 0; i < NSPECS; i++) {
		const struct embed_file *f = embed_find(specs[i].file);
		if (f == NULL) {
			char m[128];
			snprintf(err, errsz, "%s: %s", specs[i].file,
				 msg_both(m, sizeof(m), MSG_REF_NOT_EMBEDDED, NULL));
			goto out;
		}
		if (rd_parse_text(db, &specs[i], (const char *)f->data, f->len, err, errsz) < 0)
			goto out;
	}
	rc = rd_commit(db, err, errsz);
out:
	if (rc < 0)
		db_rollback(db);
	return rc;
}

int
refdata_load_file(struct db *db, const char *name, const char *text, size_t len, char *err,
		  size_t errsz)
{
	char path[128];
	int rc = -1, found = 0;

	snprintf(path, sizeof(path), "%s%s", strncmp(name, "data/", 5) == 0 ? "" : "data/", name);
	for (size_t i = 0; i < NSPECS; i++)
		found |= strcmp(specs[i].file, path) == 0;
	if (!found) {
		char m[128];
		snprintf(err, errsz, "%s: %s", path,
			 msg_both(m, sizeof(m), MSG_REF_NOT_REFDATA, NULL));
		return -1;
	}
	if (db_begin(db) != DB_OK) {
		msg_both(err, errsz, MSG_IO_CANNOT_BEGIN, ": %s", db_errmsg(db));
		return -1;
	}
	for (size_t i = 0; i < NSPECS; i++)
		if (strcmp(specs[i].file, path) == 0 &&
		    rd_parse_text(db, &specs[i], text, len, err, errsz) < 0)
			goto out;
	rc = rd_commit(db, err, errsz);
out:
	if (rc < 0)
		db_rollback(db);
	return rc;
}

int
refdata_counts(struct db *db, int64_t counts[REFDATA__MAX])
{
	struct db_stmt *st = db_stmt(db, STMT_REFDATA_COUNTS);
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return -1;
	}
	for (int t = 0; t < REFDATA__MAX; t++)
		counts[t] = db_col_int(st, t);
	db_reset(st);
	return 0;
}

/* Steps st once: DB_ROW stays DB_ROW (caller reads, then resets); else resets. */
static int
rd_get_row(struct db_stmt *st)
{
	int rc = db_step(st);
	if (rc == DB_ROW)
		return DB_ROW;
	db_reset(st);
	return rc == DB_DONE ? DB_NOTFOUND : DB_ERR;
}

int
refdata_factor_get(struct db *db, const char *carrier, const char *unit, const char *date,
		   struct refdata_factor *out)
{
	struct db_stmt *st = db_stmt(db, STMT_REFDATA_FACTOR_GET);
	db_bind_text(st, 1, carrier);
	db_bind_text(st, 2, unit);
	db_bind_text(st, 3, date);
	int rc = rd_get_row(st);
	if (rc != DB_ROW)
		return rc;
	out->has_toe = !db_col_is_null(st, 0);
	out->toe = db_col_double(st, 0);
	out->has_gj = !db_col_is_null(st, 1);
	out->gj = db_col_double(st, 1);
	out->has_kgco2 = !db_col_is_null(st, 2);
	out->kgco2 = db_col_double(st, 2);
	out->reliability = db_col_text(st, 3)[0];
	snprintf(out->note, sizeof(out->note), "%s", db_col_text(st, 4));
	out->toe_derived = (int)db_col_int(st, 5);
	db_reset(st);
	return DB_OK;
}

int
refdata_grid_get(struct db *db, int year, double *tco2_per_mwh, char *reliability)
{
	struct db_stmt *st = db_stmt(db, STMT_REFDATA_GRID_GET);
	db_bind_int(st, 1, year);
	int rc = rd_get_row(st);
	if (rc != DB_ROW)
		return rc;
	*tco2_per_mwh = db_col_double(st, 0);
	if (reliability != NULL)
		*reliability = db_col_text(st, 1)[0];
	db_reset(st);
	return DB_OK;
}

int
refdata_norm_get(struct db *db, const char *product, double output, double plant_output,
		 const char *date, struct refdata_norm *out)
{
	struct db_stmt *st = db_stmt(db, STMT_REFDATA_NORM_GET);
	db_bind_text(st, 1, product);
	db_bind_double(st, 2, output);
	db_bind_text(st, 3, date);
	db_bind_double(st, 4, plant_output);
	int rc = rd_get_row(st);
	if (rc != DB_ROW)
		return rc;
	out->value = db_col_double(st, 0);
	snprintf(out->energy_unit, sizeof(out->energy_unit), "%s", db_col_text(st, 1));
	snprintf(out->per_unit, sizeof(out->per_unit), "%s", db_col_text(st, 2));
	snprintf(out->legal_ref, sizeof(out->legal_ref), "%s", db_col_text(st, 3));
	out->reliability = db_col_text(st, 4)[0];
	out->band_plant = (int)db_col_int(st, 5);
	db_reset(st);
	return DB_OK;
}

int
refdata_admin_unit_get(struct db *db, const char *code, struct refdata_admin_unit *out)
{
	struct db_stmt *st = db_stmt(db, STMT_REFDATA_ADMIN_GET);
	db_bind_text(st, 1, code);
	int rc = rd_get_row(st);
	if (rc != DB_ROW)
		return rc;
	snprintf(out->name, sizeof(out->name), "%s", db_col_text(st, 0));
	snprintf(out->level, sizeof(out->level), "%s", db_col_text(st, 1));
	snprintf(out->kind, sizeof(out->kind), "%s", db_col_text(st, 2));
	snprintf(out->valid_from, sizeof(out->valid_from), "%s", db_col_text(st, 3));
	snprintf(out->valid_to, sizeof(out->valid_to), "%s", db_col_text(st, 4));
	snprintf(out->parent, sizeof(out->parent), "%s", db_col_text(st, 5));
	snprintf(out->successor, sizeof(out->successor), "%s", db_col_text(st, 6));
	db_reset(st);
	return DB_OK;
}

int
refdata_target_get(struct db *db, const char *plan, const char *indicator, int by_year,
		   const char *scope_filter, struct refdata_target *out)
{
	struct db_stmt *st = db_stmt(db, STMT_REFDATA_TARGET_GET);
	db_bind_text(st, 1, plan);
	db_bind_text(st, 2, indicator);
	db_bind_int(st, 3, by_year);
	db_bind_text(st, 4, scope_filter);
	int rc = rd_get_row(st);
	if (rc != DB_ROW)
		return rc;
	out->value = db_col_double(st, 0);
	out->has_value_max = !db_col_is_null(st, 1);
	out->value_max = db_col_double(st, 1);
	snprintf(out->unit, sizeof(out->unit), "%s", db_col_text(st, 2));
	out->from_year = (int)db_col_int(st, 3);
	out->reliability = db_col_text(st, 4)[0];
	db_reset(st);
	return DB_OK;
}

int
refdata_factor_find(struct db *db, const char *carrier, const char *unit, const char *date,
		    struct refdata_factor *out)
{
	int rc = refdata_factor_get(db, carrier, unit, date, out);
	return rc == DB_OK ? 0 : rc == DB_NOTFOUND ? 1 : -1;
}

int64_t
refdata_admin_unit_id(struct db *db, const char *code)
{
	int64_t id = 0;
	struct db_stmt *st = db_stmt(db, STMT_ADMIN_UNIT_ID);
	db_bind_text(st, 1, code);
	if (db_step(st) == DB_ROW)
		id = db_col_int(st, 0);
	db_reset(st);
	return id;
}

int
refdata_carriers_each(struct db *db, refdata_carrier_fn fn, void *ctx)
{
	struct db_stmt *st = db_stmt(db, STMT_CARRIER_LIST);
	int rc, stop = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct refdata_carrier c = {
		    .code = db_col_text(st, 0),
		    .name_vi = db_col_text(st, 1),
		    .name_en = db_col_text(st, 2),
		    .kind = db_col_text(st, 3),
		    .native_unit = db_col_text(st, 4),
		    .biogenic = db_col_int(st, 5) != 0,
		};
		if ((stop = fn(ctx, &c)) != 0)
			break;
	}
	db_reset(st);
	if (stop != 0)
		return stop;
	return rc == DB_DONE ? 0 : -1;
}

int
refdata_default_plan(struct db *db, char *code, size_t n)
{
	int rc = -1;
	if (n == 0)
		return -1;
	code[0] = '\0';
	struct db_stmt *st = db_stmt(db, STMT_PLAN_DEFAULT_GET);
	int step = db_step(st);
	if (step == DB_ROW) {
		const char *c = db_col_text(st, 0);
		if (c != NULL && strlen(c) < n) {
			memcpy(code, c, strlen(c) + 1);
			rc = 0;
		} else {
			log_err("default plan: code does not fit %zu bytes", n);
		}
	} else if (step != DB_DONE) {
		log_err("default plan: %s", db_errmsg(db));
	}
	db_reset(st);
	return rc;
}
