/*
 * Whole tables named by the schema's catalog (db.h, "Whole tables"): the
 * list of tables in foreign-key order with their columns and keys, and the
 * four statements a whole-database copy needs.  The catalog queries are
 * ordinary enum stmts (STMT_DB_*), one text per backend; the per-table
 * statements are built here from catalog names, which are checked to be
 * plain lower-case identifiers and then double-quoted, so no text from a
 * user ever reaches the SQL.
 */
#include "db/db_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

/* A catalog name we are willing to put into SQL: [a-z_][a-z0-9_]*. */
static int
plain_ident(const char *s)
{
	if (*s == '\0' || !((*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static enum db_coltype
coltype(const char *decl)
{
	if (strstr(decl, "INT") != NULL)
		return DB_COL_INT;
	if (strstr(decl, "BLOB") != NULL || strstr(decl, "BYTEA") != NULL)
		return DB_COL_BLOB;
	if (strstr(decl, "REAL") || strstr(decl, "DOUB") || strstr(decl, "FLOA") ||
	    strstr(decl, "NUMERIC"))
		return DB_COL_REAL;
	return DB_COL_TEXT;
}

static void
table_clear(struct db_table *t)
{
	free(t->name);
	for (int i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	free(t->cols);
	free(t->types);
	free(t->keys);
	for (int i = 0; i < t->ndeps; i++)
		free(t->deps[i]);
	free(t->deps);
}

void
db_tables_free(struct db_table *t, int n)
{
	if (t == NULL)
		return;
	for (int i = 0; i < n; i++)
		table_clear(&t[i]);
	free(t);
}

/* Fills t's columns, keys and dependencies from the catalog. */
static int
describe(struct db *db, struct db_table *t)
{
	struct db_stmt *st = db_stmt(db, STMT_DB_COLUMNS);
	int cap = 0, rc;
	int keypos[256];
	db_bind_text(st, 1, t->name);
	while ((rc = db_step(st)) == DB_ROW) {
		if (t->ncols == (int)(sizeof(keypos) / sizeof(keypos[0]))) {
			db_set_err(db, "%s: too many columns", t->name);
			db_reset(st);
			return DB_ERR;
		}
		if (t->ncols == cap) {
			cap = cap ? cap * 2 : 16;
			t->cols = xrealloc(t->cols, (size_t)cap * sizeof(*t->cols));
			t->types = xrealloc(t->types, (size_t)cap * sizeof(*t->types));
		}
		t->cols[t->ncols] = xstrdup(db_col_text(st, 0));
		t->types[t->ncols] = coltype(db_col_text(st, 1));
		keypos[t->ncols] = (int)db_col_int(st, 2);
		t->ncols++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc;
	t->keys = xcalloc((size_t)t->ncols + 1, sizeof(*t->keys));
	for (int pos = 1; pos <= t->ncols; pos++)
		for (int c = 0; c < t->ncols; c++)
			if (keypos[c] == pos)
				t->keys[t->nkeys++] = c;
	if (t->nkeys == 0)
		for (int c = 0; c < t->ncols; c++)
			t->keys[t->nkeys++] = c;
	for (int c = 0; c < t->ncols; c++)
		if (!plain_ident(t->cols[c])) {
			db_set_err(db, "%s: unexpected column name %s", t->name, t->cols[c]);
			return DB_ERR;
		}

	st = db_stmt(db, STMT_DB_FKEYS);
	db_bind_text(st, 1, t->name);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *dep = db_col_text(st, 0);
		if (strcmp(dep, t->name) == 0)
			continue;
		t->deps = xrealloc(t->deps, (size_t)(t->ndeps + 1) * sizeof(*t->deps));
		t->deps[t->ndeps++] = xstrdup(dep);
	}
	db_reset(st);
	return rc == DB_DONE ? DB_OK : rc;
}

int
db_tables(struct db *db, struct db_table **out, int *n)
{
	struct db_table *all = NULL, *sorted = NULL;
	int nall = 0, rc;
	char *done = NULL;
	struct db_stmt *st = db_stmt(db, STMT_DB_TABLES);
	while ((rc = db_step(st)) == DB_ROW) {
		all = xrealloc(all, (size_t)(nall + 1) * sizeof(*all));
		memset(&all[nall], 0, sizeof(*all));
		all[nall++].name = xstrdup(db_col_text(st, 0));
	}
	db_reset(st);
	if (rc != DB_DONE)
		goto out;
	for (int i = 0; i < nall; i++) {
		if (!plain_ident(all[i].name)) {
			db_set_err(db, "unexpected table name %s", all[i].name);
			rc = DB_ERR;
			goto out;
		}
		if ((rc = describe(db, &all[i])) != DB_OK)
			goto out;
	}
	/* Topological order, stable by name: repeatedly take the first table
	 * whose references are all taken already. */
	sorted = xcalloc((size_t)nall + 1, sizeof(*sorted));
	done = xcalloc((size_t)nall + 1, 1);
	for (int k = 0; k < nall; k++) {
		int pick = -1;
		for (int i = 0; i < nall && pick < 0; i++) {
			if (done[i])
				continue;
			int ready = 1;
			for (int d = 0; d < all[i].ndeps && ready; d++)
				for (int j = 0; j < nall; j++)
					if (!done[j] && strcmp(all[j].name, all[i].deps[d]) == 0)
						ready = 0;
			if (ready)
				pick = i;
		}
		if (pick < 0) {
			db_set_err(db, "the foreign keys between tables form a cycle");
			rc = DB_ERR;
			goto out;
		}
		done[pick] = 1;
		sorted[k] = all[pick];
	}
	*out = sorted;
	*n = nall;
	sorted = NULL;
	free(all);
	all = NULL;
	rc = DB_OK;
out:
	free(done);
	free(sorted);
	db_tables_free(all, nall);
	return rc;
}

static void
put_ident(struct buf *b, const char *s)
{
	buf_printf(b, "\"%s\"", s);
}

struct db_stmt *
db_table_stmt(struct db *db, const struct db_table *t, enum db_table_op op)
{
	struct buf sb;
	struct buf *b = &sb;
	struct db_stmt *st = NULL;
	buf_init(b, 1 << 20);
	switch (op) {
	case DB_TABLE_SELECT:
		buf_puts(b, "SELECT ");
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				buf_puts(b, ", ");
			put_ident(b, t->cols[c]);
		}
		buf_puts(b, " FROM ");
		put_ident(b, t->name);
		buf_puts(b, " ORDER BY ");
		for (int k = 0; k < t->nkeys; k++) {
			if (k)
				buf_puts(b, ", ");
			put_ident(b, t->cols[t->keys[k]]);
		}
		break;
	case DB_TABLE_INSERT:
		buf_puts(b, "INSERT INTO ");
		put_ident(b, t->name);
		buf_puts(b, " (");
		for (int c = 0; c < t->ncols; c++) {
			if (c)
				buf_puts(b, ", ");
			put_ident(b, t->cols[c]);
		}
		buf_puts(b, ") VALUES (");
		for (int c = 0; c < t->ncols; c++)
			buf_printf(b, "%s?%d", c ? ", " : "", c + 1);
		buf_puts(b, ")");
		break;
	case DB_TABLE_DELETE:
		buf_puts(b, "DELETE FROM ");
		put_ident(b, t->name);
		break;
	case DB_TABLE_COUNT:
		buf_puts(b, "SELECT count(*) FROM ");
		put_ident(b, t->name);
		break;
	}
	if (b->overflow) {
		db_set_err(db, "%s: statement too long", t->name);
		goto out;
	}
	st = xcalloc(1, sizeof(*st));
	st->db = db;
	st->id = STMT__MAX;
	if (db->ops->prepare(db, STMT__MAX, buf_str(b), &st->impl) != DB_OK) {
		free(st);
		st = NULL;
	}
out:
	buf_free(b);
	return st;
}

void
db_stmt_free(struct db_stmt *st)
{
	if (st == NULL)
		return;
	st->db->ops->finalize(st->impl);
	free(st);
}

int
db_defer_fkeys(struct db *db)
{
	return db->ops->defer_fkeys(db);
}

int
db_table_loaded(struct db *db, const struct db_table *t)
{
	return db->ops->table_loaded ? db->ops->table_loaded(db, t->name) : DB_OK;
}

int
db_backup(struct db *db, const char *path)
{
	return db->ops->backup(db, path);
}
