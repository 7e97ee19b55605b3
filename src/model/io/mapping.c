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
#include <unistd.h>

#include "db/db.h"
#include "model/accounts/principal.h"
#include "model/accounts/session.h"
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
	free(p->code_prefix);
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
	size_t kl = strlen(key);
	if (kl > 0 && key[kl - 1] == '.')
		kl--; /* "columns[3]." names the column itself */
	snprintf(detail, sizeof(detail), "%.*s%s%s", (int)kl, key, kl ? ": " : "", what);
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

/* A range key "LO..HI", "LO.." or "..HI" (numbers written in C style): 0, or -1. */
static int
range_parse(const char *k, double *lo, double *hi)
{
	const char *dots = strstr(k, "..");
	char *end;
	if (dots == NULL)
		return -1;
	*lo = -HUGE_VAL;
	*hi = HUGE_VAL;
	if (dots > k) {
		char *lo_text = xstrndup(k, (size_t)(dots - k));
		*lo = strtod(lo_text, &end);
		int bad = *end != '\0';
		free(lo_text);
		if (bad)
			return -1;
	}
	if (dots[2] != '\0' && ((*hi = strtod(dots + 2, &end)), *end != '\0'))
		return -1;
	return 0;
}

static void
jvmap(json_t *o, struct mapping_vmap *m, struct jerr *e, const char *where)
{
	json_t *v = json_object_get(o, "values");
	const char *match = json_string_value(json_object_get(o, "match"));
	if (match != NULL && strcmp(match, "prefix") == 0)
		m->prefix = 1;
	else if (match != NULL && strcmp(match, "range") == 0)
		m->range = 1;
	else if (match != NULL && strcmp(match, "exact") != 0)
		jfail(e, "match is \"exact\", \"prefix\" or \"range\"", where);
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
		double lo, hi;
		if (m->range && range_parse(k, &lo, &hi) != 0) {
			jfail(e, "a range is LO..HI", where);
			return;
		}
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
		snprintf(t, sizeof(t), "line %d: %s", je.line,
			 root == NULL ? je.text : "not an object");
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
	json_t *gen = json_object_get(root, "code");
	if (gen != NULL && (!json_is_object(gen) || p->target != CSVIO_FACILITIES)) {
		jfail(&e, "an object, for facilities only", "code");
	} else if (gen != NULL) {
		char *how = jstr(gen, "generate", 1, &e, "code.");
		if (how != NULL && strcmp(how, "tax_or_sequence") == 0)
			p->code_gen = MAPG_TAX_OR_SEQ;
		else if (how != NULL && strcmp(how, "sequence") == 0)
			p->code_gen = MAPG_SEQ;
		else if (how != NULL)
			jfail(&e, "\"tax_or_sequence\" or \"sequence\"", "code.generate");
		free(how);
		p->code_prefix = jstr(gen, "prefix", 1, &e, "code.");
		if (p->code_prefix != NULL &&
		    (p->code_prefix[0] == '\0' || strlen(p->code_prefix) > 20 ||
		     strspn(p->code_prefix, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					    "0123456789-_.") != strlen(p->code_prefix)))
			jfail(&e, "1 to 20 letters, digits, '-', '_' or '.'", "code.prefix");
		json_t *mt = json_object_get(gen, "match_tax_code");
		if (mt != NULL && !json_is_boolean(mt))
			jfail(&e, "true or false", "code.match_tax_code");
		p->match_tax = json_is_true(mt);
	}

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
	if (m->prefix || m->range)
		json_object_set_new(o, "match", json_string(m->prefix ? "prefix" : "range"));
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
	if (p->code_gen != MAPG_NONE) {
		json_t *gen = json_object();
		json_object_set_new(
		    gen, "generate",
		    json_string(p->code_gen == MAPG_SEQ ? "sequence" : "tax_or_sequence"));
		json_object_set_new(gen, "prefix", json_string(p->code_prefix));
		json_object_set_new(gen, "match_tax_code", json_boolean(p->match_tax));
		json_object_set_new(root, "code", gen);
	}
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
	const char *name; /* the file as messages name it */
	int sheet;	  /* a workbook */
	const char *want; /* the sheet wanted, NULL: the first */
	char sheet_name[128];
	int sheet_index; /* -1 until the sheet is chosen */
	src_row_fn *fn;
	void *ctx;
	mapping_err_fn *err;
	void *ectx;
	struct csvio_stats cs;
	int failed; /* a problem of the file itself (its encoding, quoting, headers) */
	int lang;   /* the locations' language: as mapping_opts.msg_lang */
};

/*
 * A word of a location in the messages' language (0: "vi / en"), into out:
 * a location names a field the way its reason does, never by a code.
 */
static const char *
place_word(int lang, const char *vi, const char *en, char *out, size_t n)
{
	if (lang == LANG_VI + 1)
		snprintf(out, n, "%s", vi);
	else if (lang == LANG_EN + 1)
		snprintf(out, n, "%s", en);
	else
		snprintf(out, n, "%s / %s", vi, en);
	/* a location begins with a capital: "Mã cơ sở", "Đơn vị hành chính", "Áp dụng" */
	unsigned char *u = (unsigned char *)out;
	if (u[0] >= 'a' && u[0] <= 'z')
		u[0] = (unsigned char)(u[0] - 'a' + 'A');
	else if (u[0] == 0xC4 && u[1] == 0x91) /* đ → Đ */
		u[1] = 0x90;
	else if (u[0] == 0xC3 && u[1] >= 0xA0 && u[1] <= 0xBE && u[1] != 0xB7) /* á → Á */
		u[1] = (unsigned char)(u[1] - 0x20);
	return out;
}

/* The label of canonical column name of kind k in lang, or NULL when name is none. */
static const char *
field_place(enum csvio_kind k, int lang, const char *name, char *out, size_t n)
{
	for (int c = 0; c < csvio_ncols(k); c++)
		if (strcmp(csvio_col_name(k, c), name) == 0)
			return place_word(lang, csvio_col_label(k, c, LANG_VI),
					  csvio_col_label(k, c, LANG_EN), out, n);
	return NULL;
}

/* "FILE:LINE: column" (CSV) or "Sheet!D7" (workbook; col < 0: the row, "Sheet!7:7"). */
static void
where_of(const struct src *s, long line, int col, const char *header, char *out, size_t n)
{
	if (s->sheet) {
		char ref[24];
		if (col < 0)
			snprintf(out, n, "%s!%ld:%ld", s->sheet_name, line, line);
		else
			snprintf(out, n, "%s!%s", s->sheet_name,
				 sheetread_ref(ref, sizeof(ref), col + 1, line));
	} else {
		if (col < 0)
			snprintf(out, n, "%s:%ld", s->name, line); /* the row as a whole */
		else
			snprintf(out, n, "%s:%ld: %s", s->name, line, header);
	}
}

static void
src_csv_err(void *ctx, const char *name, long line, const char *column, const char *reason)
{
	struct src *s = ctx;
	s->failed = 1;
	char w[WHERE_MAX], word[64];
	/* csvio names the parts of a file in English: the page says them in its language */
	if (line <= 0 || strcmp(column, "file") == 0 || strcmp(column, "database") == 0)
		snprintf(w, sizeof(w), "%s", name);
	else if (strcmp(column, "row") == 0)
		snprintf(w, sizeof(w), "%s:%ld", name, line);
	else if (strcmp(column, "header") == 0)
		snprintf(w, sizeof(w), "%s:%ld: %s", name, line,
			 place_word(s->lang, "dòng tiêu đề", "header row", word, sizeof(word)));
	else
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
			int c = cells[i].col - 1;
			f[c] = cells[i].text != NULL ? cells[i].text : "";
			/* a number cell's text is its shortest C form (1020): sheetread.h */
			isnum[c] = cells[i].type == SHEETREAD_NUMBER;
		}
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
		int rc =
		    csvio_scan(in, s->name, names, nnames, src_csv_row, s, src_csv_err, s, &s->cs);
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

/* ---- the import ----------------------------------------------------- */

struct unit_ref {
	char *code, *dim;
	double to_base;
};

struct factor_ref {
	char *carrier, *unit;
	double gj; /* per unit */
	int from, to;
};

/* The reference data the mapping itself needs: units, carriers' dimensions, heating values. */
struct refs {
	struct unit_ref *units;
	int nunits;
	struct factor_ref *factors;
	int nfactors;
	char **cdims; /* "carrier\x1fdimension" a carrier takes */
	int ncdims;
};

static void
refs_free(struct refs *r)
{
	for (int i = 0; i < r->nunits; i++) {
		free(r->units[i].code);
		free(r->units[i].dim);
	}
	for (int i = 0; i < r->nfactors; i++) {
		free(r->factors[i].carrier);
		free(r->factors[i].unit);
	}
	for (int i = 0; i < r->ncdims; i++)
		free(r->cdims[i]);
	free(r->units);
	free(r->factors);
	free(r->cdims);
}

static int
refs_load(struct db *db, struct refs *r)
{
	int rc, cap = 0;
	struct db_stmt *st = db_stmt(db, STMT_PLAUS_UNITS); /* code, dimension, to_base */
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)&r->units, &cap, r->nunits + 1, sizeof(*r->units));
		r->units[r->nunits++] = (struct unit_ref){
		    xstrdup(db_col_text(st, 0)), xstrdup(db_col_text(st, 1)), db_col_double(st, 2)};
	}
	if (rc != DB_DONE)
		return -1;
	cap = 0;
	st = db_stmt(db, STMT_LEDGER_FACTORS);
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_is_null(st, 3))
			continue;
		xgrow((void **)&r->factors, &cap, r->nfactors + 1, sizeof(*r->factors));
		r->factors[r->nfactors++] =
		    (struct factor_ref){xstrdup(db_col_text(st, 0)), xstrdup(db_col_text(st, 1)),
					db_col_double(st, 3), date_num(db_col_text(st, 5)),
					db_col_is_null(st, 6) ? 0 : date_num(db_col_text(st, 6))};
	}
	if (rc != DB_DONE)
		return -1;
	cap = 0;
	st = db_stmt(db, STMT_CSVIO_CARRIER_DIMS);
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_is_null(st, 1))
			continue;
		xgrow((void **)&r->cdims, &cap, r->ncdims + 1, sizeof(*r->cdims));
		r->cdims[r->ncdims++] =
		    xasprintf("%s\x1f%s", db_col_text(st, 0), db_col_text(st, 1));
	}
	return rc == DB_DONE ? 0 : -1;
}

static const struct unit_ref *
unit_find(const struct refs *r, const char *code)
{
	for (int i = 0; i < r->nunits; i++)
		if (strcmp(r->units[i].code, code) == 0)
			return &r->units[i];
	return NULL;
}

static int
carrier_takes(const struct refs *r, const char *carrier, const char *dim)
{
	size_t n = strlen(carrier);
	for (int i = 0; i < r->ncdims; i++)
		if (strncmp(r->cdims[i], carrier, n) == 0 && r->cdims[i][n] == '\x1f' &&
		    strcmp(r->cdims[i] + n + 1, dim) == 0)
			return 1;
	return 0;
}

/*
 * The heating value that converts carrier's energy into one of its own
 * units in year: the factor valid in the year; when the reference data
 * start later than the year (they begin in 2011), the earliest one, as a
 * heating value is a property of the fuel and not a rule of a year.
 */
static const struct factor_ref *
heating_value(const struct refs *r, const char *carrier, int year)
{
	const struct factor_ref *valid = NULL, *earliest = NULL;
	int y0 = year * 10000 + 101, y1 = year * 10000 + 1231;
	for (int i = 0; i < r->nfactors; i++) {
		const struct factor_ref *f = &r->factors[i];
		if (strcmp(f->carrier, carrier) != 0 || !(f->gj > 0))
			continue;
		if (f->from <= y1 && (f->to == 0 || f->to >= y0))
			if (valid == NULL || f->from > valid->from)
				valid = f;
		if (earliest == NULL || f->from < earliest->from)
			earliest = f;
	}
	return valid != NULL ? valid : earliest;
}

/* A source column's place in the file and in messages. */
struct run {
	struct db *db;
	const struct mapping_profile *p;
	struct src src;
	struct refs refs;
	mapping_err_fn *err;
	void *ectx;
	struct mapping_stats st;
	struct arena a; /* per row */

	int have_head;
	char **heads; /* the file's headers */
	int nheads;
	int *idx;      /* per profile column: its file column, -1 absent */
	int *item_idx; /* per profile column: the file column of item.from */
	int *unit_idx; /* ... of unit.from */
	int *cost_idx; /* ... of cost_from */
	int fatal;

	/* this pass */
	int pass;	    /* 1: check; 2: write (leave_out) */
	unsigned char *bad; /* per source line: reported bad in pass 1 */
	long nbad;
	struct csvio_rows *rows;
	const struct mapping_opts *o;
	long cur_line;
	int cur_bad;
	const int *cur_isnum;
	const char *const *cur_fields;
	int cur_n;
	int msg_lang;				      /* as mapping_opts.msg_lang */
	int64_t unit_scope;			      /* as mapping_opts.unit_scope */
	char **scope_units, **scope_facs, **all_facs; /* sorted codes */
	int nscope_units, nscope_facs, nall_facs;
	struct buf said; /* the messages given about source line said_line */
	long said_line;
	mapping_preview_fn *preview;
	void *pctx;
	int preview_max;
	long previewed;
	/* facility codes made by the profile (code_gen) */
	char **tax_codes; /* "TAX\x1fCODE" of stored facilities, sorted */
	int ntax_codes;
	long seq_base, seq; /* the highest number after the prefix stored; the last given */
};

static void
mark_bad(struct run *r, long line)
{
	if (line <= 0)
		return;
	if (line >= r->nbad) {
		long n = r->nbad ? r->nbad : 1024;
		while (n <= line)
			n *= 2;
		r->bad = xrealloc(r->bad, (size_t)n);
		memset(r->bad + r->nbad, 0, (size_t)(n - r->nbad));
		r->nbad = n;
	}
	if (!r->bad[line])
		r->st.bad_rows++;
	r->bad[line] = 1;
}

static int
was_bad(const struct run *r, long line)
{
	return line > 0 && line < r->nbad && r->bad[line];
}

/* Reports reason about file column col (-1: the row) of the current row. */
static void
row_err(struct run *r, int col, const struct msg *m)
{
	char w[WHERE_MAX], reason[1024];
	where_of(&r->src, r->cur_line, col, col >= 0 && col < r->nheads ? r->heads[col] : "row", w,
		 sizeof(w));
	msg_format(m, r->msg_lang ? r->msg_lang - 1 : MSG_BOTH, reason, sizeof(reason));
	r->cur_bad = 1;
	mark_bad(r, r->cur_line);
	r->err(r->ectx, w, reason);
}

/* csvio's sink: line is the source line; column the location given in where[]. */
static void
csv_sink(void *ctx, const char *name, long line, const char *column, const char *reason)
{
	struct run *r = ctx;
	char w[WHERE_MAX];
	(void)name;
	mark_bad(r, line);
	/*
	 * A report row's own columns are checked with each of its lines: say
	 * each problem of a source row once.
	 */
	if (line != r->said_line) {
		buf_reset(&r->said);
		r->said_line = line;
	}
	size_t key = strlen(column) + strlen(reason) + 2;
	char *k = xmalloc(key + 1);
	snprintf(k, key + 1, "%s\x1f%s\x1e", column, reason);
	int seen = r->said.len > 0 && memmem(r->said.data, r->said.len, k, key) != NULL;
	if (!seen)
		buf_append(&r->said, k, key);
	free(k);
	if (seen)
		return;
	if (line <= 0)
		snprintf(w, sizeof(w), "%s", r->src.name);
	else if (strcmp(column, "row") == 0)
		where_of(&r->src, line, -1, column, w, sizeof(w));
	else if (!r->src.sheet && strncmp(column, r->src.name, strlen(r->src.name)) == 0 &&
		 column[strlen(r->src.name)] == ':')
		snprintf(w, sizeof(w), "%s", column); /* "FILE:LINE: header" */
	else if (r->src.sheet &&
		 strncmp(column, r->src.sheet_name, strlen(r->src.sheet_name)) == 0 &&
		 column[strlen(r->src.sheet_name)] == '!')
		snprintf(w, sizeof(w), "%s", column); /* "Sheet!D7" */
	else {
		/* a field from the profile's constants, generated, or absent: by its label */
		char label[128];
		const char *f =
		    field_place(r->p->target, r->msg_lang, column, label, sizeof(label));
		if (f == NULL)
			f = column;
		if (r->src.sheet)
			snprintf(w, sizeof(w), "%s!%ld:%ld %s", r->src.sheet_name, line, line, f);
		else
			snprintf(w, sizeof(w), "%s:%ld: %s", r->src.name, line, f);
	}
	r->err(r->ectx, w, reason);
}

static int
head_find(const struct run *r, const char *header)
{
	if (header == NULL)
		return -1;
	char *k = fold_key(header);
	int found = -1;
	for (int i = 0; i < r->nheads && found < 0; i++) {
		char *h = fold_key(r->heads[i]);
		if (strcmp(h, k) == 0)
			found = i;
		free(h);
	}
	free(k);
	return found;
}

static void
missing_header(struct run *r, const char *header)
{
	struct msg m;
	char reason[512], w[WHERE_MAX];
	msg_init(&m, MSG_MAP_HEADER_MISSING, NULL);
	msg_str(&m, header);
	char word[64];
	where_of(&r->src, r->cur_line, -1, "", w, sizeof(w));
	if (!r->src.sheet)
		snprintf(w, sizeof(w), "%s:%ld: %s", r->src.name, r->cur_line,
			 place_word(r->msg_lang, "dòng tiêu đề", "header row", word, sizeof(word)));
	r->err(r->ectx, w,
	       msg_format(&m, r->msg_lang ? r->msg_lang - 1 : MSG_BOTH, reason, sizeof(reason)));
	r->fatal = 1;
	r->src.failed = 1;
}

static int
need(struct run *r, const char *header)
{
	int i = head_find(r, header);
	if (i < 0)
		missing_header(r, header);
	return i;
}

static void
on_header(struct run *r, const char *const *fields, int n)
{
	const struct mapping_profile *p = r->p;
	r->have_head = 1;
	r->nheads = n;
	r->heads = xcalloc((size_t)n + 1, sizeof(*r->heads));
	for (int i = 0; i < n; i++) {
		/* headers keep their text, trimmed */
		const char *s = fields[i];
		while (*s == ' ')
			s++;
		size_t len = strlen(s);
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
			len--;
		r->heads[i] = xstrndup(s, len);
	}
	r->idx = xcalloc((size_t)p->ncols + 1, sizeof(int));
	r->item_idx = xcalloc((size_t)p->ncols + 1, sizeof(int));
	r->unit_idx = xcalloc((size_t)p->ncols + 1, sizeof(int));
	r->cost_idx = xcalloc((size_t)p->ncols + 1, sizeof(int));
	for (int i = 0; i < p->ncols; i++) {
		const struct mapping_col *c = &p->cols[i];
		r->idx[i] = r->item_idx[i] = r->unit_idx[i] = r->cost_idx[i] = -1;
		if (c->role == MAPR_SKIP) {
			r->idx[i] = head_find(r, c->header);
			continue;
		}
		r->idx[i] = need(r, c->header);
		if (c->role != MAPR_LINE)
			continue;
		if (c->item.from != NULL)
			r->item_idx[i] = need(r, c->item.from);
		if (c->unit.from != NULL)
			r->unit_idx[i] = need(r, c->unit.from);
		if (c->cost_from != NULL)
			r->cost_idx[i] = need(r, c->cost_from);
	}
}

/* The cell text of file column i of the current row, trimmed, in the row's arena. */
static const char *
cell(struct run *r, int i)
{
	if (i < 0 || i >= r->cur_n || r->cur_fields[i] == NULL)
		return "";
	const char *s = r->cur_fields[i];
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return arena_strndup(&r->a, s, len);
}

/*
 * Looks s up in map: 1 and *to (NULL: not imported) when a key matches
 * (exact: ignoring case and diacritics; prefix: the longest key s begins
 * with; range: the first range holding s read as a number written with
 * decimal), 0 when none does.
 */
static int
vmap_find(const struct mapping_vmap *m, const char *s, char decimal, const char **to)
{
	if (m->range) {
		double x, alt, lo, hi;
		if (s[0] == '\0' ||
		    parse_num_user(s, decimal == ',' ? LANG_VI : LANG_EN, &x, &alt) == NUM_BAD)
			return 0;
		for (int i = 0; i < m->n; i++)
			if (range_parse(m->p[i].from, &lo, &hi) == 0 && x >= lo && x <= hi) {
				*to = m->p[i].to;
				return 1;
			}
		return 0;
	}
	char *k = fold_key(s);
	int best = -1;
	size_t blen = 0;
	for (int i = 0; i < m->n; i++) {
		char *f = fold_key(m->p[i].from);
		size_t fl = strlen(f);
		if (m->prefix ? (strncmp(k, f, fl) == 0 && (best < 0 || fl > blen))
			      : strcmp(k, f) == 0) {
			best = i;
			blen = fl;
		}
		free(f);
		if (!m->prefix && best >= 0)
			break;
	}
	free(k);
	if (best < 0)
		return 0;
	*to = m->p[best].to;
	return 1;
}

/* How file column col of the current row writes numbers: a workbook's number cell as C does. */
static char
dec_of(const struct run *r, int col)
{
	if (r->cur_isnum != NULL && col >= 0 && col < r->cur_n && r->cur_isnum[col])
		return '.';
	return r->p->decimal;
}

/* Reports value s of file column col that map has no key for. */
static void
no_match(struct run *r, int col, const char *s)
{
	struct msg m;
	msg_init(&m, MSG_MAP_NO_MATCH, NULL);
	msg_str(&m, s);
	row_err(r, col, &m);
}

/*
 * A number of file column col as the profile writes numbers (or, from a
 * workbook, the cell's number): 0 and *out, or -1 reported.
 */
static int
number_of(struct run *r, int col, const char *s, double *out)
{
	double alt;
	if (r->cur_isnum != NULL && col >= 0 && col < r->cur_n && r->cur_isnum[col]) {
		*out = strtod(s, NULL);
		return 0;
	}
	switch (parse_num_user(s, r->p->decimal == ',' ? LANG_VI : LANG_EN, out, &alt)) {
	case NUM_OK:
	case NUM_TWO_WAYS: /* the profile says how the file writes numbers */
		return 0;
	case NUM_BAD:
		break;
	}
	if (r->p->decimal == '.') { /* a program's output: "1e-06", "-0.5" */
		char *end;
		*out = strtod(s, &end);
		if (end != s && *end == '\0' && isfinite(*out) && strpbrk(s, "xXpP") == NULL &&
		    strspn(s, "0123456789+-.eE") == strlen(s))
			return 0;
	}
	struct msg m;
	msg_init(&m, MSG_MAP_NOT_NUMBER, NULL);
	msg_str(&m, s);
	msg_code(&m, r->p->decimal == ',' ? "1.234,5" : "1,234.5");
	row_err(r, col, &m);
	return -1;
}

static char *
num_text(struct run *r, double d)
{
	char t[40];
	return arena_strdup(&r->a, fmt_exact(t, sizeof(t), d));
}

/* The value of a constant: {header} replaced by that column's value. */
static const char *
const_value(struct run *r, const char *tmpl)
{
	if (strchr(tmpl, '{') == NULL)
		return tmpl;
	struct buf b;
	buf_init(&b, 1 << 16);
	for (const char *s = tmpl; *s;) {
		const char *e = *s == '{' ? strchr(s, '}') : NULL;
		if (e == NULL) {
			buf_putc(&b, *s++);
			continue;
		}
		char *h = xstrndup(s + 1, (size_t)(e - s - 1));
		int i = head_find(r, h);
		if (i >= 0)
			buf_puts(&b, cell(r, i));
		else
			buf_append(&b, s, (size_t)(e - s + 1));
		free(h);
		s = e + 1;
	}
	/* a template whose columns were empty leaves separators at its ends */
	const char *t = buf_str(&b);
	while (*t == ' ' || *t == '-' || *t == ':' || *t == '(' || *t == ')')
		t++;
	size_t n = strlen(t);
	while (n > 0 && strchr(" -:()", t[n - 1]) != NULL && !(t[n - 1] == ')' && strchr(t, '(')))
		n--;
	char *out = arena_strndup(&r->a, t, n);
	buf_free(&b);
	return out;
}

/* One report line being built from a source row. */
struct mline {
	enum mapping_line kind;
	const char *item, *unit;
	double qty, cost;
	int has_cost;
	int qcol, icol, ucol, ccol; /* file columns for messages (-1: the profile) */
};

/* Fills the location names of the canonical columns (where) for the current row. */
static const char *
loc(struct run *r, int col, const char *fallback)
{
	char w[WHERE_MAX];
	if (col < 0)
		return fallback;
	where_of(&r->src, r->cur_line, col, r->heads[col], w, sizeof(w));
	return arena_strdup(&r->a, w);
}

/* Resolves attr a of a line; 1 and *out, 0 when it is "not imported", -1 reported. */
static int
attr_value(struct run *r, const struct mapping_attr *a, int fcol, const char **out)
{
	if (a->from == NULL) {
		*out = a->value;
		return a->value != NULL;
	}
	const char *s = cell(r, fcol);
	if (a->map.n == 0) {
		*out = s;
		return s[0] != '\0';
	}
	const char *to;
	if (!vmap_find(&a->map, s, dec_of(r, fcol), &to)) {
		no_match(r, fcol, s);
		return -1;
	}
	*out = to;
	return to != NULL;
}

/*
 * An energy quantity in a unit of the "energy" dimension (GJ, MJ, MMBtu)
 * for a carrier measured in mass or volume: converted through the
 * carrier's heating value into the factor's unit (MMBtu of natural gas →
 * t at 48 GJ/t).  Returns 0 (l updated), -1 reported.
 */
static int
convert_energy(struct run *r, struct mline *l, int year)
{
	const struct unit_ref *u = unit_find(&r->refs, l->unit);
	if (u == NULL || carrier_takes(&r->refs, l->item, u->dim))
		return 0; /* as it is: csvio names an unknown unit or carrier */
	const struct unit_ref *gj = unit_find(&r->refs, "GJ");
	const struct factor_ref *f = heating_value(&r->refs, l->item, year);
	if (strcmp(u->dim, "energy") != 0 || gj == NULL || f == NULL) {
		struct msg m;
		msg_init(&m, MSG_MAP_NO_CONVERSION, NULL);
		msg_code(&m, l->unit);
		msg_code(&m, l->item);
		row_err(r, l->ucol >= 0 ? l->ucol : l->qcol, &m);
		return -1;
	}
	l->qty = l->qty * u->to_base / gj->to_base / f->gj;
	l->unit = f->unit;
	r->st.converted++;
	return 0;
}

static void put_rows(struct run *r, const char **v, const char **where, int nlines,
		     struct mline *lines);

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first column of statement id (bound to unit when > 0), sorted, into *out. */
static int
codes_sorted(struct db *db, enum stmt id, int64_t unit, char ***out, int *n)
{
	struct db_stmt *st = db_stmt(db, id);
	int rc, cap = 0;
	if (unit > 0)
		db_bind_int(st, 1, unit);
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] = xstrdup(db_col_text(st, 0));
	}
	if (*n > 1)
		qsort(*out, (size_t)*n, sizeof(**out), str_cmp);
	return rc == DB_DONE ? 0 : -1;
}

static int
codes_has(char **list, int n, const char *s)
{
	return n > 0 && bsearch(&s, list, (size_t)n, sizeof(*list), str_cmp) != NULL;
}

static void
out_of_scope(struct run *r, int col, const char *code)
{
	struct msg m;
	msg_init(&m, MSG_MAP_OUT_OF_SCOPE, NULL);
	msg_str(&m, code);
	row_err(r, col, &m);
}

/*
 * A district user's import: a facility row's unit must be the district or
 * a unit under it and its code none of another unit's facilities; a
 * report's facility one of the district's.
 */
static void
scope_check(struct run *r, const char *const *v)
{
	const struct mapping_profile *p = r->p;
	enum csvio_kind k = p->target;
	const char *want[2] = {"admin_unit", k == CSVIO_FACILITIES ? "code" : "facility_code"};
	for (int w = 0; w < 2; w++) {
		if (k == CSVIO_REPORTS && w == 0)
			continue;
		int f = field_of(k, want[w]);
		const char *s = v[f];
		if (s == NULL || s[0] == '\0')
			continue;
		int ok;
		if (w == 0)
			ok = codes_has(r->scope_units, r->nscope_units, s);
		else if (k == CSVIO_REPORTS)
			ok = codes_has(r->scope_facs, r->nscope_facs, s);
		else
			ok = codes_has(r->scope_facs, r->nscope_facs, s) ||
			     !codes_has(r->all_facs, r->nall_facs, s);
		if (ok)
			continue;
		int col = -1;
		for (int i = 0; i < p->ncols; i++)
			if (p->cols[i].role == MAPR_FIELD && p->cols[i].field == f)
				col = r->idx[i];
		out_of_scope(r, col, s);
	}
}

/*
 * Loads what making codes needs: the stored facilities' tax codes and the
 * highest number after the profile's prefix (TK-00041 → 41).  0 or -1.
 */
static int
codegen_load(struct run *r)
{
	const struct mapping_profile *p = r->p;
	if (p->code_gen == MAPG_NONE || p->target != CSVIO_FACILITIES)
		return 0;
	struct db_stmt *st = db_stmt(r->db, STMT_CSVIO_FACILITY_KEYS); /* code, id, tax */
	size_t pl = strlen(p->code_prefix);
	int rc, cap = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		const char *code = db_col_text(st, 0), *tax = db_col_text(st, 2);
		if (strncmp(code, p->code_prefix, pl) == 0 && code[pl] != '\0' &&
		    strspn(code + pl, "0123456789") == strlen(code + pl) &&
		    strlen(code + pl) < 10) {
			long n = atol(code + pl);
			if (n > r->seq_base)
				r->seq_base = n;
		}
		if (tax[0] == '\0')
			continue;
		xgrow((void **)&r->tax_codes, &cap, r->ntax_codes + 1, sizeof(*r->tax_codes));
		r->tax_codes[r->ntax_codes++] = xasprintf("%s\x1f%s", tax, code);
	}
	if (r->ntax_codes > 1)
		qsort(r->tax_codes, (size_t)r->ntax_codes, sizeof(*r->tax_codes), str_cmp);
	return rc == DB_DONE ? 0 : -1;
}

/* The code of the stored facility whose tax code is tax, or NULL. */
static const char *
codegen_by_tax(const struct run *r, const char *tax)
{
	size_t n = strlen(tax);
	int lo = 0, hi = r->ntax_codes - 1;
	while (lo <= hi) { /* entries sort by their tax code first: "\x1f" sorts before digits */
		int mid = (lo + hi) / 2;
		int c = strncmp(r->tax_codes[mid], tax, n);
		if (c == 0 && r->tax_codes[mid][n] == '\x1f')
			return r->tax_codes[mid] + n + 1;
		if (c < 0 || (c == 0 && r->tax_codes[mid][n] < '\x1f'))
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/*
 * Whether the import updates stored facilities because the profile says so:
 * codes made and matched by tax code, and no column of codes (whose stored
 * codes are updated only when asked: --update).
 */
static int
codegen_updates(const struct mapping_profile *p)
{
	if (p->code_gen == MAPG_NONE || !p->match_tax)
		return 0;
	for (int i = 0; i < p->ncols; i++)
		if (p->cols[i].role == MAPR_FIELD &&
		    p->cols[i].field == field_of(CSVIO_FACILITIES, "code"))
			return 0;
	return 1;
}

/* A facility row without a code gets one as the profile says (mapping.h: code_gen). */
static void
codegen(struct run *r, const char **v)
{
	const struct mapping_profile *p = r->p;
	int fc = field_of(CSVIO_FACILITIES, "code"), ft = field_of(CSVIO_FACILITIES, "tax_code");
	if (p->code_gen == MAPG_NONE || p->target != CSVIO_FACILITIES ||
	    (v[fc] != NULL && v[fc][0] != '\0'))
		return;
	const char *tax = v[ft] != NULL ? v[ft] : "";
	const char *stored = p->match_tax && tax[0] != '\0' ? codegen_by_tax(r, tax) : NULL;
	if (stored != NULL)
		v[fc] = arena_strdup(&r->a, stored);
	else if (p->code_gen == MAPG_TAX_OR_SEQ && tax[0] != '\0')
		v[fc] = arena_printf(&r->a, "MST-%s", tax);
	else
		v[fc] = arena_printf(&r->a, "%s%05ld", p->code_prefix, ++r->seq);
}

/*
 * A tax code a spreadsheet stored as a number (s, its digits).  Excel drops
 * a leading zero, and every code of a province numbered below 10 has one,
 * as has every 12-digit personal identification number (its first three
 * digits are the province's, 001-096): 9 digits get it back as an
 * enterprise's 10, 11 as a household's 12, 12 as a branch's 13.  A branch's
 * 13 digits are written with their dash ("0101234567-001").  Anything else
 * is kept for the validation to refuse.  In r's arena.
 */
static const char *
tax_of_number(struct run *r, const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 13 || strspn(s, "0123456789") != n)
		return s;
	char full[16];
	snprintf(full, sizeof(full), "%s%s", n == 9 || n == 11 || n == 12 ? "0" : "", s);
	size_t d = strlen(full);
	if (d == 13)
		return arena_printf(&r->a, "%.10s-%s", full, full + 10);
	if (d == 10 || d == 12)
		return arena_printf(&r->a, "%s", full);
	return s;
}

static int
on_row(void *ctx, long line, const char *const *fields, const int *isnum, int n)
{
	struct run *r = ctx;
	const struct mapping_profile *p = r->p;
	enum csvio_kind k = p->target;
	const char *v[32] = {0}, *where[32] = {0};

	r->cur_line = line;
	if (!r->have_head) {
		r->cur_fields = fields;
		r->cur_n = n;
		on_header(r, fields, n);
		return r->fatal ? 2 : 0;
	}
	int blank = 1;
	for (int i = 0; i < n && blank; i++)
		if (fields[i] != NULL && fields[i][0] != '\0' &&
		    strspn(fields[i], " \t\r") != strlen(fields[i]))
			blank = 0;
	if (blank)
		return 0;
	r->st.rows++;
	if (r->pass == 2 && was_bad(r, line))
		return 0;
	arena_free(&r->a);
	arena_init(&r->a);
	r->cur_fields = fields;
	r->cur_isnum = isnum;
	r->cur_n = n;
	r->cur_bad = 0;

	for (int i = 0; i < p->nconsts; i++) {
		v[p->consts[i].field] = const_value(r, p->consts[i].value);
		where[p->consts[i].field] = NULL; /* csv_sink names the field */
	}
	int year = 0;
	for (int i = 0; i < p->ncols; i++) {
		const struct mapping_col *c = &p->cols[i];
		if (c->role != MAPR_FIELD)
			continue;
		int col = r->idx[i];
		const char *s = cell(r, col), *to;
		where[c->field] = loc(r, col, NULL);
		if (s[0] != '\0' && c->map.n > 0) {
			if (!vmap_find(&c->map, s, dec_of(r, col), &to)) {
				no_match(r, col, s);
				continue;
			}
			if (to == NULL)
				r->st.values_left_out++;
			s = to != NULL ? to : "";
		} else if (s[0] != '\0' && csvio_col_type(k, c->field) != CSVIO_TEXT) {
			double d;
			if (number_of(r, col, s, &d) != 0)
				continue;
			s = num_text(r, d);
		} else if (k == CSVIO_FACILITIES && c->field == field_of(k, "tax_code") &&
			   r->cur_isnum != NULL && col >= 0 && col < r->cur_n &&
			   r->cur_isnum[col]) {
			s = tax_of_number(r, s);
		}
		v[c->field] = s;
	}
	if (k == CSVIO_REPORTS && v[field_of(k, "year")] != NULL)
		year = atoi(v[field_of(k, "year")]);

	struct mline lines[64];
	int nlines = 0;
	for (int i = 0; i < p->ncols && k == CSVIO_REPORTS; i++) {
		const struct mapping_col *c = &p->cols[i];
		if (c->role != MAPR_LINE)
			continue;
		const char *q = cell(r, r->idx[i]);
		if (q[0] == '\0')
			continue; /* empty: not reported */
		struct mline l = {.kind = c->line,
				  .qcol = r->idx[i],
				  .icol = r->item_idx[i],
				  .ucol = r->unit_idx[i],
				  .ccol = r->cost_idx[i]};
		int a = attr_value(r, &c->item, l.icol, &l.item);
		int b = attr_value(r, &c->unit, l.ucol, &l.unit);
		if (a < 0 || b < 0)
			continue;
		if (number_of(r, l.qcol, q, &l.qty) != 0)
			continue;
		if (a == 0 || b == 0) { /* the profile imports no such line */
			r->st.values_left_out++;
			continue;
		}
		const char *cs = cell(r, l.ccol);
		if (cs[0] != '\0') {
			double cost;
			if (number_of(r, l.ccol, cs, &cost) != 0)
				continue;
			if (c->currency == NULL || strcmp(c->currency, "VND") == 0) {
				l.cost = cost;
				l.has_cost = 1;
			} else {
				r->st.costs_left_out++;
			}
		}
		if (l.kind == MAPL_ENERGY && year > 0 && convert_energy(r, &l, year) != 0)
			continue;
		/* Columns that come to the same line are added up (two fuel oils → FO). */
		int j;
		for (j = 0; j < nlines; j++)
			if (lines[j].kind == l.kind && strcmp(lines[j].item, l.item) == 0 &&
			    strcmp(lines[j].unit, l.unit) == 0)
				break;
		if (j < nlines) {
			lines[j].qty += l.qty;
			if (l.has_cost) {
				lines[j].cost += l.cost;
				lines[j].has_cost = 1;
			}
		} else if (nlines < (int)(sizeof(lines) / sizeof(lines[0]))) {
			lines[nlines++] = l;
		}
	}
	codegen(r, v);
	if (r->unit_scope > 0 && !r->cur_bad)
		scope_check(r, v);
	if (r->cur_bad && r->pass != 2) {
		if (r->preview != NULL && r->previewed < r->preview_max) {
			r->previewed++;
			r->preview(r->pctx, line, v, 1);
		}
		return 0;
	}
	put_rows(r, v, where, nlines, lines);
	if (r->preview != NULL && r->previewed >= r->preview_max)
		return 3; /* enough rows seen */
	return 0;
}

static void
put_rows(struct run *r, const char **v, const char **where, int nlines, struct mline *lines)
{
	enum csvio_kind k = r->p->target;
	int bad = 0;
	if (k == CSVIO_FACILITIES || nlines == 0) {
		bad = csvio_rows_put(r->rows, r->cur_line, v, where) != 0;
		if (r->preview != NULL && r->previewed < r->preview_max)
			r->preview(r->pctx, r->cur_line, v, bad || was_bad(r, r->cur_line));
	}
	int fl = field_of(k, "line"), fi = field_of(k, "item"), fp = field_of(k, "product"),
	    fq = field_of(k, "quantity"), fu = field_of(k, "unit"), fc = field_of(k, "cost_vnd");
	for (int i = 0; k == CSVIO_REPORTS && i < nlines; i++) {
		const struct mline *l = &lines[i];
		v[fl] = line_names[l->kind];
		v[fi] = l->kind == MAPL_OUTPUT ? NULL : l->item;
		v[fp] = l->kind == MAPL_OUTPUT ? l->item : NULL;
		v[fq] = num_text(r, l->qty);
		v[fu] = l->unit;
		v[fc] = l->has_cost ? num_text(r, l->cost) : NULL;
		where[fl] = loc(r, l->qcol, NULL);
		where[fi] = where[fp] = loc(r, l->icol, arena_printf(&r->a, "%s", where[fl]));
		where[fq] = where[fl];
		where[fu] = loc(r, l->ucol, where[fl]);
		where[fc] = loc(r, l->ccol, where[fl]);
		int rc = csvio_rows_put(r->rows, r->cur_line, v, where);
		bad |= rc != 0;
		if (r->preview != NULL && r->previewed < r->preview_max)
			r->preview(r->pctx, r->cur_line, v, bad || was_bad(r, r->cur_line));
	}
	if (r->preview != NULL && r->previewed < r->preview_max)
		r->previewed++;
	if (!bad && r->pass != 1)
		r->st.imported++;
}

static void
run_reset(struct run *r)
{
	for (int i = 0; i < r->nheads; i++)
		free(r->heads[i]);
	free(r->heads);
	free(r->idx);
	free(r->item_idx);
	free(r->unit_idx);
	free(r->cost_idx);
	r->heads = NULL;
	r->idx = r->item_idx = r->unit_idx = r->cost_idx = NULL;
	r->nheads = 0;
	r->have_head = 0;
	r->fatal = 0;
}

/* The profile's headers, for the CSV separator's detection. */
static const char **
profile_names(const struct mapping_profile *p, int *n)
{
	const char **names = xcalloc((size_t)p->ncols + 1, sizeof(*names));
	for (int i = 0; i < p->ncols; i++)
		names[i] = p->cols[i].header;
	*n = p->ncols;
	return names;
}

/* One pass over the file; returns csvio_rows_end's result, or -1/1 for a reading failure. */
static int
one_pass(struct run *r, const char *path, const struct csvio_opts *co)
{
	int n;
	const char **names = profile_names(r->p, &n);
	long bad_before = r->pass == 2 ? r->st.bad_rows : 0;
	r->seq = r->seq_base; /* each pass numbers the rows alike */
	r->rows = csvio_rows_begin(r->db, r->p->target, r->src.name, co, csv_sink, r);
	r->src.fn = on_row;
	r->src.ctx = r;
	int rc = src_read(&r->src, path, names, n);
	free(names);
	int end = csvio_rows_end(r->rows, NULL, r->st.bad_rows > bad_before, &r->st.cs);
	r->rows = NULL;
	run_reset(r);
	if (rc == 3 && r->preview != NULL)
		rc = 0; /* the preview stopped after its rows */
	if (rc < 0 || end < 0)
		return -1;
	if (rc != 0)
		return 1;
	return end;
}

static int
run_init(struct run *r, struct db *db, const struct mapping_profile *p, const char *path,
	 const char *name, mapping_err_fn *err, void *ctx)
{
	memset(r, 0, sizeof(*r));
	r->db = db;
	r->p = p;
	r->err = err;
	r->ectx = ctx;
	r->src.name = name != NULL ? name : path;
	r->src.want = p->sheet;
	r->src.err = err;
	r->src.ectx = ctx;
	arena_init(&r->a);
	buf_init(&r->said, 1 << 20);
	if (refs_load(db, &r->refs) != 0 || codegen_load(r) != 0) {
		char m[512];
		err(ctx, r->src.name,
		    msg_both(m, sizeof(m), MSG_IO_DB_ERROR, ": %s", db_errmsg(db)));
		return -1;
	}
	return 0;
}

/* Loads the district's codes when the import is scoped to one; 0, or -1 reported. */
static int
run_scope(struct run *r, int64_t unit)
{
	r->unit_scope = unit;
	if (unit <= 0)
		return 0;
	if (codes_sorted(r->db, STMT_MAPREF_SCOPE_UNITS, unit, &r->scope_units, &r->nscope_units) ==
		0 &&
	    codes_sorted(r->db, STMT_MAPREF_SCOPE_FACILITIES, unit, &r->scope_facs,
			 &r->nscope_facs) == 0 &&
	    codes_sorted(r->db, STMT_CSVIO_FACILITY_KEYS, 0, &r->all_facs, &r->nall_facs) == 0)
		return 0;
	char m[512];
	r->err(r->ectx, r->src.name,
	       msg_both(m, sizeof(m), MSG_IO_DB_ERROR, ": %s", db_errmsg(r->db)));
	return -1;
}

static void
run_free(struct run *r)
{
	char **lists[] = {r->scope_units, r->scope_facs, r->all_facs};
	int ns[] = {r->nscope_units, r->nscope_facs, r->nall_facs};
	for (int l = 0; l < 3; l++) {
		for (int i = 0; i < ns[l]; i++)
			free(lists[l][i]);
		free(lists[l]);
	}
	run_reset(r);
	refs_free(&r->refs);
	for (int i = 0; i < r->ntax_codes; i++)
		free(r->tax_codes[i]);
	free(r->tax_codes);
	free(r->bad);
	buf_free(&r->said);
	arena_free(&r->a);
}

int
mapping_import_path(struct db *db, const struct mapping_profile *p, const char *path,
		    const char *name, const struct mapping_opts *o, mapping_err_fn *err, void *ctx,
		    struct mapping_stats *st)
{
	static const struct mapping_opts none;
	struct run r;
	int rc = -1;
	if (o == NULL)
		o = &none;
	if (run_init(&r, db, p, path, name, err, ctx) != 0 || run_scope(&r, o->unit_scope) != 0)
		goto out;
	struct csvio_opts co = {.dry_run = o->dry_run || p->leave_out,
				.update = o->update || codegen_updates(p),
				.replace = o->replace,
				.msg_lang = o->msg_lang};
	r.msg_lang = o->msg_lang;
	r.src.lang = o->msg_lang;
	r.pass = p->leave_out ? 1 : 0;
	rc = one_pass(&r, path, &co);
	if (p->leave_out && rc == 1 && r.st.bad_rows > 0 && !r.src.failed)
		rc = 0; /* bad rows: reported, and left out below */
	if (p->leave_out && rc == 0 && !o->dry_run) {
		long rows = r.st.rows, bad = r.st.bad_rows;
		co.dry_run = 0;
		r.pass = 2;
		r.st.imported = 0;
		/* the counts of what the rows written leave out, from this pass only */
		r.st.converted = r.st.values_left_out = r.st.costs_left_out = 0;
		rc = one_pass(&r, path, &co);
		r.st.rows = rows;
		if (r.st.bad_rows != bad) /* a row good alone and bad without the others */
			rc = rc == 0 ? 1 : rc;
	}
	if (rc != 0 || o->dry_run)
		r.st.imported = 0;
	if (rc == 0 && o->dry_run)
		r.st.imported = 0;
out:
	if (st != NULL)
		*st = r.st;
	run_free(&r);
	return rc;
}

int
mapping_preview(struct db *db, const struct mapping_profile *p, const char *path, const char *name,
		int max, const struct mapping_opts *o, mapping_preview_fn *fn, mapping_err_fn *err,
		void *ctx, struct mapping_stats *st)
{
	static const struct mapping_opts none;
	struct run r;
	int rc = -1;
	if (o == NULL)
		o = &none;
	int msg_lang = o->msg_lang;
	if (run_init(&r, db, p, path, name, err, ctx) != 0 || run_scope(&r, o->unit_scope) != 0)
		goto out;
	struct csvio_opts co = {.dry_run = 1, .msg_lang = msg_lang};
	r.msg_lang = msg_lang;
	r.src.lang = msg_lang;
	r.preview = fn;
	r.pctx = ctx;
	r.preview_max = max;
	r.pass = 1;
	rc = one_pass(&r, path, &co);
out:
	if (st != NULL)
		*st = r.st;
	run_free(&r);
	return rc;
}

void
mapping_err_print(void *ctx, const char *where, const char *reason)
{
	fprintf(ctx, "%s: %s\n", where, reason);
}

/* ---- the page's uploaded files and pickers -------------------------- */

enum status
mapping_upload_put(struct db *db, const struct principal *who, int64_t now, const char *filename,
		   const void *data, size_t len, char token[MAPPING_TOKEN_LEN + 1])
{
	char hash[SESSION_HASH_LEN + 1];
	session_secret_new(token, hash);
	if (db_begin(db) != DB_OK)
		return ST_ERR;
	struct db_stmt *st = db_stmt(db, STMT_MAPUP_EXPIRE);
	db_bind_int(st, 1, now);
	if (db_run(st) != DB_OK)
		goto fail;
	st = db_stmt(db, STMT_MAPUP_INSERT);
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, who->user_id);
	db_bind_text(st, 3, filename);
	db_bind_blob(st, 4, data, len);
	db_bind_int(st, 5, now + MAPPING_UPLOAD_TTL);
	if (db_run(st) != DB_OK || db_commit(db) != DB_OK)
		goto fail;
	return ST_OK;
fail:
	db_rollback(db);
	return ST_ERR;
}

enum status
mapping_upload_get(struct db *db, const struct principal *who, int64_t now, const char *token,
		   char *path, size_t n, char *filename, size_t fn)
{
	char hash[SESSION_HASH_LEN + 1];
	if (token == NULL || session_secret_hash(token, hash) != 0)
		return ST_NOTFOUND;
	struct db_stmt *st = db_stmt(db, STMT_MAPUP_GET);
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, who->user_id);
	db_bind_int(st, 3, now);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW)
		return ST_ERR;
	snprintf(filename, fn, "%s", db_col_text(st, 0));
	size_t len;
	const void *data = db_col_blob(st, 1, &len);
	const char *dot = strrchr(filename, '.');
	char ext[8] = ".csv";
	if (dot != NULL && strlen(dot) < sizeof(ext)) {
		snprintf(ext, sizeof(ext), "%s", dot);
		for (char *e = ext; *e; e++)
			*e = (char)tolower((unsigned char)*e);
	}
	const char *tmp = getenv("TMPDIR");
	snprintf(path, n, "%s/sxsh-map-XXXXXX%s", tmp != NULL && tmp[0] ? tmp : "/tmp", ext);
	int fd = mkstemps(path, (int)strlen(ext));
	enum status out = ST_ERR;
	if (fd >= 0) {
		FILE *f = fdopen(fd, "wb");
		if (f != NULL && fwrite(data, 1, len, f) == len && fclose(f) == 0)
			out = ST_OK;
		else if (f == NULL)
			close(fd);
		if (out != ST_OK)
			unlink(path);
	}
	db_reset(st);
	return out;
}

static int
codes_load(struct db *db, enum stmt id, struct mapping_code **out, int *n)
{
	struct db_stmt *st = db_stmt(db, id);
	int rc, cap = 0;
	*out = NULL;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		xgrow((void **)out, &cap, *n + 1, sizeof(**out));
		(*out)[(*n)++] =
		    (struct mapping_code){xstrdup(db_col_text(st, 0)), xstrdup(db_col_text(st, 1)),
					  xstrdup(db_col_text(st, 2))};
	}
	return rc == DB_DONE ? 0 : -1;
}

static void
codes_free(struct mapping_code *c, int n)
{
	for (int i = 0; i < n; i++) {
		free(c[i].code);
		free(c[i].name_vi);
		free(c[i].name_en);
	}
	free(c);
}

enum status
mapping_codes_load(struct db *db, struct mapping_codes *c)
{
	memset(c, 0, sizeof(*c));
	if (codes_load(db, STMT_MAPREF_SECTORS, &c->sector, &c->nsector) < 0 ||
	    codes_load(db, STMT_MAPREF_ADMIN, &c->admin, &c->nadmin) < 0 ||
	    codes_load(db, STMT_MAPREF_CARRIERS, &c->carrier, &c->ncarrier) < 0 ||
	    codes_load(db, STMT_MAPREF_PRODUCTS, &c->product, &c->nproduct) < 0 ||
	    codes_load(db, STMT_MAPREF_UNITS, &c->unit, &c->nunit) < 0) {
		mapping_codes_free(c);
		return ST_ERR;
	}
	return ST_OK;
}

void
mapping_codes_free(struct mapping_codes *c)
{
	codes_free(c->sector, c->nsector);
	codes_free(c->admin, c->nadmin);
	codes_free(c->carrier, c->ncarrier);
	codes_free(c->product, c->nproduct);
	codes_free(c->unit, c->nunit);
	memset(c, 0, sizeof(*c));
}

/* ---- a file's columns ----------------------------------------------- */

struct srcread {
	struct mapping_source *s;
	int have_head;
};

static int
looks_numeric(const char *s)
{
	double d, alt;
	return parse_num_user(s, LANG_EN, &d, &alt) != NUM_BAD ||
	       parse_num_user(s, LANG_VI, &d, &alt) != NUM_BAD;
}

static int
srcread_row(void *ctx, long line, const char *const *fields, const int *isnum, int n)
{
	struct srcread *r = ctx;
	struct mapping_source *s = r->s;
	(void)line;
	if (!r->have_head) {
		r->have_head = 1;
		s->ncols = n < MAX_SRC_COLS ? n : MAX_SRC_COLS;
		s->cols = xcalloc((size_t)s->ncols + 1, sizeof(*s->cols));
		for (int i = 0; i < s->ncols; i++) {
			s->cols[i].header = xstrdup(fields[i] != NULL ? fields[i] : "");
			s->cols[i].numeric = 1;
		}
		return 0;
	}
	s->rows++;
	for (int i = 0; i < s->ncols && i < n; i++) {
		struct mapping_srccol *c = &s->cols[i];
		const char *v = fields[i] != NULL ? fields[i] : "";
		if (v[0] == '\0')
			continue;
		if (!(isnum != NULL && isnum[i]) && !looks_numeric(v))
			c->numeric = 0;
		if (c->nsamples < MAPPING_SAMPLES)
			c->samples[c->nsamples++] = xstrdup(v);
		if (c->distinct_over)
			continue;
		int j;
		for (j = 0; j < c->ndistinct && strcmp(c->distinct[j], v) != 0; j++)
			;
		if (j < c->ndistinct)
			continue;
		if (c->ndistinct == MAPPING_DISTINCT)
			c->distinct_over = 1;
		else
			c->distinct[c->ndistinct++] = xstrdup(v);
	}
	return 0;
}

int
mapping_source_read(const char *path, const char *name, const char *sheet, int msg_lang,
		    struct mapping_source *out, mapping_err_fn *err, void *ctx)
{
	struct srcread r = {out, 0};
	struct src s = {.name = name,
			.want = sheet,
			.fn = srcread_row,
			.ctx = &r,
			.err = err,
			.ectx = ctx,
			.lang = msg_lang};
	memset(out, 0, sizeof(*out));
	int rc = src_read(&s, path, NULL, 0);
	out->encoding = s.cs.encoding;
	out->sep = s.cs.sep;
	if (rc != 0 || !r.have_head) {
		if (rc == 0) {
			char m[256];
			struct msg mm;
			msg_init(&mm, MSG_IMP_EMPTY_FILE, NULL);
			err(ctx, name,
			    msg_format(&mm, msg_lang ? msg_lang - 1 : MSG_BOTH, m, sizeof(m)));
		}
		mapping_source_free(out);
		return -1;
	}
	return 0;
}

void
mapping_source_free(struct mapping_source *s)
{
	for (int i = 0; i < s->ncols; i++) {
		struct mapping_srccol *c = &s->cols[i];
		free(c->header);
		for (int j = 0; j < c->nsamples; j++)
			free(c->samples[j]);
		for (int j = 0; j < c->ndistinct; j++)
			free(c->distinct[j]);
	}
	free(s->cols);
	memset(s, 0, sizeof(*s));
}
