/*
 * Column-mapping profiles (see mapping.h and docs/mapping-profiles.md).
 *
 * The profile is read from and written to JSON with jansson, in one fixed
 * key order, so export → import → export gives the same bytes.  An import
 * reads the source file row by row (csvio_scan or sheetread_path), maps
 * each row to canonical rows of csvio's format and feeds them to
 * csvio_rows_put, so validation and writing are csvio's.  With the
 * profile's bad_rows "leave_out" it runs twice: a dry run that finds the
 * bad rows (each reported once), then the writing run over the others.
 */
#include "model/io/mapping.h"

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/audit.h"
#include "model/calc/energy.h"
#include "model/io/sheetread.h"
#include "util/alloc.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/fmt.h"
#include "util/fold.h"

enum {
	MAX_SRC_COLS = 256, /* columns of a source file considered */
	WHERE_MAX = 192,    /* bytes of a location "FILE:LINE: column" */
};

static const char *const line_names[MAPL__MAX] = {
    [MAPL_OUTPUT] = "output",
    [MAPL_ENERGY] = "energy",
    [MAPL_WATER] = "water",
    [MAPL_MATERIAL] = "material",
};

const char *
mapping_line_name(enum mapping_line l)
{
	return line_names[l];
}

/* ---- the profile in memory ------------------------------------------ */

static void
vmap_free(struct mapping_vmap *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->p[i].from);
		free(m->p[i].to);
	}
	free(m->p);
}

static void
attr_free(struct mapping_attr *a)
{
	free(a->value);
	free(a->from);
	vmap_free(&a->map);
}

void
mapping_free(struct mapping_profile *p)
{
	if (p == NULL)
		return;
	for (int i = 0; i < p->ncols; i++) {
		struct mapping_col *c = &p->cols[i];
		free(c->header);
		vmap_free(&c->map);
		attr_free(&c->item);
		attr_free(&c->unit);
		free(c->cost_from);
		free(c->currency);
		free(c->note);
	}
	for (int i = 0; i < p->nconsts; i++)
		free(p->consts[i].value);
	free(p->cols);
	free(p->consts);
	free(p->name);
	free(p->description);
	free(p->sheet);
	free(p->created_by);
	free(p->updated_by);
	free(p);
}

/* ---- JSON ----------------------------------------------------------- */

static int
field_of(enum csvio_kind k, const char *name)
{
	for (int c = 0; c < csvio_ncols(k); c++)
		if (strcmp(csvio_col_name(k, c), name) == 0)
			return c;
	return -1;
}

/* The reports columns a profile may fill directly: the report's own (not a line's). */
static int
report_level(int field)
{
	return field >= 0 && field < field_of(CSVIO_REPORTS, "line");
}

struct jerr {
	char *out;
	size_t n;
	int bad;
};

static void
jfail(struct jerr *e, const char *what, const char *key)
{
	struct msg m;
	char detail[256];
	if (e->bad++)
		return;
	snprintf(detail, sizeof(detail), "%s%s%s", key, key[0] ? ": " : "", what);
	msg_init(&m, MSG_MAP_JSON, NULL);
	msg_ref(&m, detail);
	msg_format(&m, MSG_BOTH, e->out, e->n);
}

static char *
jstr(json_t *o, const char *key, int required, struct jerr *e, const char *where)
{
	json_t *v = json_object_get(o, key);
	if (v == NULL || json_is_null(v)) {
		if (required) {
			char k[160];
			snprintf(k, sizeof(k), "%s%s", where, key);
			jfail(e, "missing", k);
		}
		return NULL;
	}
	if (!json_is_string(v)) {
		char k[160];
		snprintf(k, sizeof(k), "%s%s", where, key);
		jfail(e, "not a text", k);
		return NULL;
	}
	return xstrdup(json_string_value(v));
}

static void
jvmap(json_t *o, struct mapping_vmap *m, struct jerr *e, const char *where)
{
	json_t *v = json_object_get(o, "values");
	const char *match = json_string_value(json_object_get(o, "match"));
	if (match != NULL && strcmp(match, "prefix") == 0)
		m->prefix = 1;
	else if (match != NULL && strcmp(match, "exact") != 0)
		jfail(e, "match is \"exact\" or \"prefix\"", where);
	if (v == NULL)
		return;
	if (!json_is_object(v)) {
		jfail(e, "values is not an object", where);
		return;
	}
	m->p = xcalloc(json_object_size(v) + 1, sizeof(*m->p));
	const char *k;
	json_t *t;
	json_object_foreach(v, k, t)
	{
		if (!json_is_string(t) && !json_is_null(t)) {
			jfail(e, "a value maps to a text or null", where);
			return;
		}
		m->p[m->n].from = xstrdup(k);
		m->p[m->n].to = json_is_string(t) ? xstrdup(json_string_value(t)) : NULL;
		m->n++;
	}
}

/* An attribute: a text (the value), null (not imported) or {"from", "values", "match"}. */
static void
jattr(json_t *o, const char *key, struct mapping_attr *a, struct jerr *e, const char *where)
{
	json_t *v = json_object_get(o, key);
	char w[200];
	snprintf(w, sizeof(w), "%s%s", where, key);
	if (v == NULL) {
		jfail(e, "missing", w);
	} else if (json_is_string(v)) {
		a->value = xstrdup(json_string_value(v));
	} else if (json_is_object(v)) {
		a->from = jstr(v, "from", 1, e, w);
		jvmap(v, &a->map, e, w);
	} else if (!json_is_null(v)) {
		jfail(e, "a text, null or {\"from\": …}", w);
	}
}

struct mapping_profile *
mapping_from_json(const char *text, char *err, size_t errsz)
{
	struct jerr e = {err, errsz, 0};
	json_error_t je;
	json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &je);
	struct mapping_profile *p = xcalloc(1, sizeof(*p));
	char w[96];

	if (root == NULL || !json_is_object(root)) {
		char t[200];
		snprintf(t, sizeof(t), "line %d: %s", je.line, root == NULL ? je.text : "not an object");
		jfail(&e, t, "");
		goto out;
	}
	json_t *fmt = json_object_get(root, "sxsh_mapping_profile");
	if (!json_is_integer(fmt) || json_integer_value(fmt) != 1)
		jfail(&e, "must be 1", "sxsh_mapping_profile");
	p->name = jstr(root, "name", 1, &e, "");
	if (p->name != NULL && (p->name[0] == '\0' || strlen(p->name) > 100))
		jfail(&e, "1 to 100 bytes", "name");
	char *target = jstr(root, "target", 1, &e, "");
	int k = target != NULL ? csvio_kind_parse(target) : -1;
	if (target != NULL && k < 0)
		jfail(&e, "\"facilities\" or \"reports\"", "target");
	free(target);
	p->target = k < 0 ? CSVIO_FACILITIES : (enum csvio_kind)k;
	p->description = jstr(root, "description", 0, &e, "");
	char *dec = jstr(root, "decimal", 0, &e, "");
	p->decimal = dec == NULL || strcmp(dec, ".") == 0 ? '.' : ',';
	if (dec != NULL && strcmp(dec, ".") != 0 && strcmp(dec, ",") != 0)
		jfail(&e, "\".\" or \",\"", "decimal");
	free(dec);
	char *bad = jstr(root, "bad_rows", 0, &e, "");
	p->leave_out = bad != NULL && strcmp(bad, "leave_out") == 0;
	if (bad != NULL && !p->leave_out && strcmp(bad, "refuse") != 0)
		jfail(&e, "\"refuse\" or \"leave_out\"", "bad_rows");
	free(bad);
	p->sheet = jstr(root, "sheet", 0, &e, "");

	json_t *consts = json_object_get(root, "constants");
	if (consts != NULL && !json_is_object(consts))
		jfail(&e, "not an object", "constants");
	else if (consts != NULL) {
		p->consts = xcalloc(json_object_size(consts) + 1, sizeof(*p->consts));
		const char *key;
		json_t *v;
		json_object_foreach(consts, key, v)
		{
			int f = field_of(p->target, key);
			snprintf(w, sizeof(w), "constants.%s", key);
			if (f < 0 || (p->target == CSVIO_REPORTS && !report_level(f)))
				jfail(&e, "not a field of the target", w);
			else if (!json_is_string(v))
				jfail(&e, "not a text", w);
			else
				p->consts[p->nconsts++] =
				    (struct mapping_const){f, xstrdup(json_string_value(v))};
		}
	}

	json_t *cols = json_object_get(root, "columns");
	if (!json_is_array(cols)) {
		jfail(&e, "missing or not a list", "columns");
		goto out;
	}
	p->cols = xcalloc(json_array_size(cols) + 1, sizeof(*p->cols));
	size_t i;
	json_t *o;
	json_array_foreach(cols, i, o)
	{
		struct mapping_col *c = &p->cols[p->ncols++];
		snprintf(w, sizeof(w), "columns[%zu].", i);
		if (!json_is_object(o)) {
			jfail(&e, "not an object", w);
			break;
		}
		c->header = jstr(o, "header", 1, &e, w);
		c->note = jstr(o, "note", 0, &e, w);
		char *field = jstr(o, "field", 0, &e, w);
		char *line = jstr(o, "line", 0, &e, w);
		if (field != NULL && line != NULL)
			jfail(&e, "field and line together", w);
		else if (line != NULL) {
			int l;
			for (l = 0; l < MAPL__MAX && strcmp(line_names[l], line) != 0; l++)
				;
			if (l == MAPL__MAX || p->target != CSVIO_REPORTS)
				jfail(&e, "line: output, energy, water or material (reports)", w);
			c->role = MAPR_LINE;
			c->line = l < MAPL__MAX ? (enum mapping_line)l : MAPL_ENERGY;
			jattr(o, "item", &c->item, &e, w);
			jattr(o, "unit", &c->unit, &e, w);
			json_t *cost = json_object_get(o, "cost");
			if (json_is_object(cost)) {
				c->cost_from = jstr(cost, "from", 1, &e, w);
				c->currency = jstr(cost, "currency", 0, &e, w);
			} else if (cost != NULL)
				jfail(&e, "cost is {\"from\": …, \"currency\": …}", w);
		} else if (field == NULL || strcmp(field, "skip") == 0) {
			c->role = MAPR_SKIP;
		} else {
			c->role = MAPR_FIELD;
			c->field = field_of(p->target, field);
			if (c->field < 0 || (p->target == CSVIO_REPORTS && !report_level(c->field)))
				jfail(&e, "field: not a field of the target", w);
			jvmap(o, &c->map, &e, w);
		}
		free(field);
		free(line);
	}
out:
	json_decref(root);
	if (e.bad) {
		mapping_free(p);
		return NULL;
	}
	return p;
}

static json_t *
jvmap_out(json_t *o, const struct mapping_vmap *m)
{
	if (m->prefix)
		json_object_set_new(o, "match", json_string("prefix"));
	if (m->n == 0)
		return o;
	json_t *v = json_object();
	for (int i = 0; i < m->n; i++)
		json_object_set_new(v, m->p[i].from,
				    m->p[i].to != NULL ? json_string(m->p[i].to) : json_null());
	json_object_set_new(o, "values", v);
	return o;
}

static json_t *
jattr_out(const struct mapping_attr *a)
{
	if (a->from != NULL) {
		json_t *o = json_object();
		json_object_set_new(o, "from", json_string(a->from));
		return jvmap_out(o, &a->map);
	}
	return a->value != NULL ? json_string(a->value) : json_null();
}

char *
mapping_to_json(const struct mapping_profile *p)
{
	json_t *root = json_object();
	json_object_set_new(root, "sxsh_mapping_profile", json_integer(1));
	json_object_set_new(root, "name", json_string(p->name));
	json_object_set_new(root, "target", json_string(csvio_kind_name(p->target)));
	if (p->description != NULL)
		json_object_set_new(root, "description", json_string(p->description));
	json_object_set_new(root, "decimal", json_string(p->decimal == ',' ? "," : "."));
	json_object_set_new(root, "bad_rows", json_string(p->leave_out ? "leave_out" : "refuse"));
	if (p->sheet != NULL)
		json_object_set_new(root, "sheet", json_string(p->sheet));
	json_t *consts = json_object();
	for (int i = 0; i < p->nconsts; i++)
		json_object_set_new(consts, csvio_col_name(p->target, p->consts[i].field),
				    json_string(p->consts[i].value));
	json_object_set_new(root, "constants", consts);
	json_t *cols = json_array();
	for (int i = 0; i < p->ncols; i++) {
		const struct mapping_col *c = &p->cols[i];
		json_t *o = json_object();
		json_object_set_new(o, "header", json_string(c->header));
		if (c->role == MAPR_SKIP) {
			json_object_set_new(o, "field", json_string("skip"));
		} else if (c->role == MAPR_FIELD) {
			json_object_set_new(o, "field",
					    json_string(csvio_col_name(p->target, c->field)));
			jvmap_out(o, &c->map);
		} else {
			json_object_set_new(o, "line", json_string(line_names[c->line]));
			json_object_set_new(o, "item", jattr_out(&c->item));
			json_object_set_new(o, "unit", jattr_out(&c->unit));
			if (c->cost_from != NULL) {
				json_t *cost = json_object();
				json_object_set_new(cost, "from", json_string(c->cost_from));
				if (c->currency != NULL)
					json_object_set_new(cost, "currency",
							    json_string(c->currency));
				json_object_set_new(o, "cost", cost);
			}
		}
		if (c->note != NULL)
			json_object_set_new(o, "note", json_string(c->note));
		json_array_append_new(cols, o);
	}
	json_object_set_new(root, "columns", cols);
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (s == NULL) { /* jansson fails only for want of memory: the OOM policy */
		fputs("sxsh: out of memory\n", stderr);
		abort();
	}
	size_t n = strlen(s);
	char *out = xmalloc(n + 2);
	memcpy(out, s, n);
	out[n] = '\n';
	out[n + 1] = '\0';
	free(s);
	return out;
}

/* ---- stored profiles ------------------------------------------------ */

enum status
mapping_list(struct db *db, struct mapping_info **out, int *n)
{
	struct db_stmt *st = db_stmt(db, STMT_MAPPROF_LIST);
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		struct mapping_info *m = &(*out)[(*n)++];
		memset(m, 0, sizeof(*m));
		snprintf(m->name, sizeof(m->name), "%s", db_col_text(st, 0));
		int k = csvio_kind_parse(db_col_text(st, 1));
		m->target = k < 0 ? CSVIO_FACILITIES : (enum csvio_kind)k;
		m->version = db_col_int(st, 2);
		snprintf(m->updated_by, sizeof(m->updated_by), "%s", db_col_text(st, 3));
		m->updated_at = db_col_int(st, 4);
	}
	return rc == DB_DONE ? ST_OK : ST_ERR;
}

enum status
mapping_get(struct db *db, const char *name, struct mapping_profile **out)
{
	struct db_stmt *st = db_stmt(db, STMT_MAPPROF_GET);
	char err[512];
	*out = NULL;
	db_bind_text(st, 1, name);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW)
		return ST_ERR;
	struct mapping_profile *p = mapping_from_json(db_col_text(st, 2), err, sizeof(err));
	if (p != NULL) {
		p->version = db_col_int(st, 3);
		p->created_by = xstrdup(db_col_text(st, 4));
		p->created_at = db_col_int(st, 5);
		p->updated_by = xstrdup(db_col_text(st, 6));
		p->updated_at = db_col_int(st, 7);
	}
	db_reset(st);
	*out = p;
	return p != NULL ? ST_OK : ST_ERR; /* stored bodies were checked when saved */
}

enum status
mapping_save(struct db *db, const struct principal *who, int64_t now,
	     const struct mapping_profile *p, int64_t expect_version, int64_t *version)
{
	const char *actor = who != NULL && who->email != NULL ? who->email : "cli";
	char *body = mapping_to_json(p);
	enum status rc = ST_ERR;
	int64_t cur = 0;

	if (db_begin(db) != DB_OK) {
		free(body);
		return ST_ERR;
	}
	struct db_stmt *st = db_stmt(db, STMT_MAPPROF_GET);
	db_bind_text(st, 1, p->name);
	int r = db_step(st);
	if (r == DB_ROW)
		cur = db_col_int(st, 3);
	db_reset(st);
	if (r != DB_ROW && r != DB_DONE)
		goto out;
	if (expect_version == 0 && cur > 0) {
		rc = ST_EXISTS;
		goto out;
	}
	if (expect_version != 0 && cur == 0 && expect_version > 0) {
		rc = ST_NOTFOUND;
		goto out;
	}
	if (expect_version > 0 && cur != expect_version) {
		rc = ST_CONFLICT;
		goto out;
	}
	st = db_stmt(db, cur > 0 ? STMT_MAPPROF_UPDATE : STMT_MAPPROF_INSERT);
	db_bind_text(st, 1, p->name);
	db_bind_text(st, 2, csvio_kind_name(p->target));
	db_bind_text(st, 3, body);
	db_bind_text(st, 4, actor);
	db_bind_int(st, 5, now);
	if (cur > 0)
		db_bind_int(st, 6, cur);
	if (db_run(st) != DB_OK || (cur > 0 && db_changes(db) != 1))
		goto out;
	if (audit_write(db, who, now, cur > 0 ? "mapping.update" : "mapping.create",
			"mapping_profile", p->name, NULL, body) != 0 ||
	    db_commit(db) != DB_OK)
		goto out;
	if (version != NULL)
		*version = cur + 1;
	free(body);
	return ST_OK;
out:
	db_rollback(db);
	free(body);
	return rc;
}

enum status
mapping_delete(struct db *db, const struct principal *who, int64_t now, const char *name)
{
	if (db_begin(db) != DB_OK)
		return ST_ERR;
	struct db_stmt *st = db_stmt(db, STMT_MAPPROF_DELETE);
	db_bind_text(st, 1, name);
	if (db_run(st) != DB_OK)
		goto fail;
	if (db_changes(db) == 0) {
		db_rollback(db);
		return ST_NOTFOUND;
	}
	if (audit_write(db, who, now, "mapping.delete", "mapping_profile", name, NULL, NULL) != 0 ||
	    db_commit(db) != DB_OK)
		goto fail;
	return ST_OK;
fail:
	db_rollback(db);
	return ST_ERR;
}

/* ---- reading a source file ------------------------------------------ */

/*
 * A row of the source as fields by column (0-based), with the location of
 * each for messages.  The reader calls back once per row; the first is the
 * header.
 */
typedef int src_row_fn(void *ctx, long line, const char *const *fields, const int *isnum, int n);

struct src {
	const char *name;  /* the file as messages name it */
	int sheet;	   /* a workbook */
	const char *want;  /* the sheet wanted, NULL: the first */
	char sheet_name[128];
	int sheet_index; /* -1 until the sheet is chosen */
	src_row_fn *fn;
	void *ctx;
	mapping_err_fn *err;
	void *ectx;
	struct csvio_stats cs;
};

/* "FILE:LINE: column" (CSV) or "Sheet!D7" (workbook; col < 0: the row, "Sheet!7:7"). */
static void
where_of(const struct src *s, long line, int col, const char *header, char *out, size_t n)
{
	if (s->sheet) {
		char ref[24];
		if (col < 0)
			snprintf(out, n, "%s!%ld:%ld", s->sheet_name, line, line);
		else
			snprintf(out, n, "%s!%s", s->sheet_name, sheetread_ref(ref, sizeof(ref), col + 1, line));
	} else {
		snprintf(out, n, "%s:%ld: %s", s->name, line, col < 0 ? "row" : header);
	}
}

static void
src_csv_err(void *ctx, const char *name, long line, const char *column, const char *reason)
{
	const struct src *s = ctx;
	char w[WHERE_MAX];
	snprintf(w, sizeof(w), "%s:%ld: %s", name, line, column);
	s->err(s->ectx, w, reason);
}

static int
src_csv_row(void *ctx, long line, const char *const *fields, int n)
{
	struct src *s = ctx;
	return s->fn(s->ctx, line, fields, NULL, n);
}

static int
src_sheet_row(void *ctx, const struct sheetread_sheet *sh, long row,
	      const struct sheetread_cell *cells, int ncells)
{
	struct src *s = ctx;
	if (s->sheet_index < 0) {
		if (s->want != NULL && strcmp(sh->name, s->want) != 0)
			return 0;
		s->sheet_index = sh->index;
		snprintf(s->sheet_name, sizeof(s->sheet_name), "%s", sh->name);
	}
	if (sh->index != s->sheet_index)
		return 0;
	int n = cells[ncells - 1].col;
	if (n > MAX_SRC_COLS)
		n = MAX_SRC_COLS;
	const char **f = xcalloc((size_t)n + 1, sizeof(*f));
	int *isnum = xcalloc((size_t)n + 1, sizeof(*isnum));
	for (int i = 0; i < n; i++)
		f[i] = "";
	for (int i = 0; i < ncells; i++)
		if (cells[i].col <= n) {
			f[cells[i].col - 1] = cells[i].text != NULL ? cells[i].text : "";
			isnum[cells[i].col - 1] = cells[i].type == SHEETREAD_NUMBER;
		}
	s->cs.rows++;
	int rc = s->fn(s->ctx, row, f, isnum, n);
	free(f);
	free(isnum);
	return rc;
}

/* Reads the file at path, calling fn for each row; 0, 1 (reported) or -1 (reported). */
static int
src_read(struct src *s, const char *path, const char *const *names, int nnames)
{
	s->sheet_index = -1;
	int fmt = sheetread_format_of(path);
	if (fmt < 0) {
		FILE *in = fopen(path, "rb");
		if (in == NULL) {
			char m[256];
			msg_both(m, sizeof(m), MSG_IO_CANNOT_OPEN, NULL);
			s->err(s->ectx, s->name, m);
			return -1;
		}
		int rc = csvio_scan(in, s->name, names, nnames, src_csv_row, s, src_csv_err, s, &s->cs);
		fclose(in);
		return rc;
	}
	char e[512];
	s->sheet = 1;
	int rc = sheetread_path(path, (enum sheetread_format)fmt, src_sheet_row, s, e, sizeof(e));
	if (rc < 0) {
		s->err(s->ectx, s->name, e);
		return -1;
	}
	if (rc == 0 && s->sheet_index < 0) {
		char m[256];
		struct msg mm;
		msg_init(&mm, s->want != NULL ? MSG_MAP_NO_SHEET : MSG_IMP_EMPTY_FILE, NULL);
		if (s->want != NULL)
			msg_str(&mm, s->want);
		s->err(s->ectx, s->name, msg_format(&mm, MSG_BOTH, m, sizeof(m)));
		return 1;
	}
	return rc;
}
