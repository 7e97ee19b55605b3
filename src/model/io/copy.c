/*
 * Whole-database copy (copy.h).  Reads each table of the source in key
 * order, writes it into the target inside one transaction (foreign keys
 * deferred to the commit, so self-references load in any order), hashing
 * each row's canonical text on the way; then re-reads the target and
 * compares counts and checksums before committing.
 */
#include "model/io/copy.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "db/migrate.h"
#include "model/msg.h"

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME  1099511628211ULL

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* The hash of the current row of st over table t's columns. */
static uint64_t
row_hash(struct db_stmt *st, const struct db_table *t)
{
	uint64_t h = FNV_OFFSET;
	char num[64];
	for (int c = 0; c < t->ncols; c++) {
		if (c)
			h = fnv(h, "\t", 1);
		if (db_col_is_null(st, c)) {
			h = fnv(h, "\\N", 2);
			continue;
		}
		const char *v = num;
		switch (t->types[c]) {
		case DB_COL_INT:
			snprintf(num, sizeof(num), "%" PRId64, db_col_int(st, c));
			break;
		case DB_COL_REAL:
			snprintf(num, sizeof(num), "%.17g", db_col_double(st, c));
			break;
		case DB_COL_TEXT:
			v = db_col_text(st, c);
			break;
		case DB_COL_BLOB: { /* the bytes themselves, the same from either backend */
			size_t n;
			const void *p = db_col_blob(st, c, &n);
			h = fnv(h, p != NULL ? p : "", n);
			continue;
		}
		}
		h = fnv(h, v, strlen(v));
	}
	return h;
}

/* Binds the current row of from into the INSERT ins, column by column. */
static void
bind_row(struct db_stmt *ins, struct db_stmt *from, const struct db_table *t)
{
	for (int c = 0; c < t->ncols; c++) {
		if (db_col_is_null(from, c))
			db_bind_null(ins, c + 1);
		else if (t->types[c] == DB_COL_INT)
			db_bind_int(ins, c + 1, db_col_int(from, c));
		else if (t->types[c] == DB_COL_REAL)
			db_bind_double(ins, c + 1, db_col_double(from, c));
		else if (t->types[c] == DB_COL_BLOB) {
			size_t n;
			const void *p = db_col_blob(from, c, &n);
			db_bind_blob(ins, c + 1, p, n);
		} else
			db_bind_text(ins, c + 1, db_col_text(from, c));
	}
}

/* Count and checksum of table t of db, read through SELECT in key order. */
static int
checksum(struct db *db, const struct db_table *t, int64_t *rows, uint64_t *sum)
{
	struct db_stmt *st = db_table_stmt(db, t, DB_TABLE_SELECT);
	if (st == NULL)
		return -1;
	int rc;
	*rows = 0;
	*sum = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		*sum += row_hash(st, t);
		(*rows)++;
	}
	db_stmt_free(st);
	return rc == DB_DONE ? 0 : -1;
}

int
copy_table_checksum(struct db *db, const char *table, int64_t *rows, uint64_t *sum)
{
	struct db_table *ts = NULL;
	int n = 0, rc = -1;
	if (db_tables(db, &ts, &n) != DB_OK)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(ts[i].name, table) == 0)
			rc = checksum(db, &ts[i], rows, sum);
	db_tables_free(ts, n);
	return rc;
}

/* Fails unless both databases are at the same schema version. */
static int
same_version(struct db *src, struct db *dst, char *err, size_t errsz)
{
	int64_t a = -1, b = -1;
	if (db_query_int(src, STMT_SCHEMA_VERSION_GET, &a) != DB_OK ||
	    db_query_int(dst, STMT_SCHEMA_VERSION_GET, &b) != DB_OK) {
		snprintf(err, errsz, "cannot read the schema versions: %s %s", db_errmsg(src),
			 db_errmsg(dst));
		return -1;
	}
	if (a != b) {
		struct msg m;
		msg_init(&m, MSG_COPY_VERSIONS, NULL);
		msg_plain(&m, a);
		msg_plain(&m, b);
		msg_format(&m, MSG_BOTH, err, errsz);
		return -1;
	}
	return 0;
}

/* Copies table t (already emptied in dst) and verifies it. */
static int
copy_one(struct db *src, struct db *dst, const struct db_table *t, struct copy_table *ct, char *err,
	 size_t errsz)
{
	int rc = -1;
	struct db_stmt *sel = db_table_stmt(src, t, DB_TABLE_SELECT);
	struct db_stmt *ins = db_table_stmt(dst, t, DB_TABLE_INSERT);
	if (sel == NULL || ins == NULL) {
		snprintf(err, errsz, "%s: %s%s", t->name, sel ? "" : db_errmsg(src),
			 ins ? "" : db_errmsg(dst));
		goto out;
	}
	snprintf(ct->name, sizeof(ct->name), "%s", t->name);
	int s;
	while ((s = db_step(sel)) == DB_ROW) {
		ct->sum += row_hash(sel, t);
		ct->rows++;
		bind_row(ins, sel, t);
		if (db_run(ins) != DB_OK) {
			snprintf(err, errsz, "%s, row %" PRId64 ": %s", t->name, ct->rows,
				 db_errmsg(dst));
			goto out;
		}
	}
	if (s != DB_DONE) {
		snprintf(err, errsz, "%s: %s", t->name, db_errmsg(src));
		goto out;
	}
	if (db_table_loaded(dst, t) != DB_OK || checksum(dst, t, &ct->rows_dst, &ct->sum_dst) < 0) {
		snprintf(err, errsz, "%s: %s", t->name, db_errmsg(dst));
		goto out;
	}
	if (ct->rows != ct->rows_dst || ct->sum != ct->sum_dst) {
		char m[128];
		snprintf(err, errsz,
			 "%s: %s: %" PRId64 " rows, checksum %016" PRIx64 " vs %" PRId64
			 " rows, checksum %016" PRIx64,
			 t->name, msg_both(m, sizeof(m), MSG_COPY_DIFFERS, NULL), ct->rows, ct->sum,
			 ct->rows_dst, ct->sum_dst);
		goto out;
	}
	rc = 0;
out:
	db_stmt_free(sel);
	db_stmt_free(ins);
	return rc;
}

int
copy_database(struct db *src, struct db *dst, int replace, struct copy_result *res,
	      copy_progress_fn progress, void *arg, char *err, size_t errsz)
{
	struct db_table *ts = NULL;
	int n = 0, rc = -1, in_tx = 0;
	memset(res, 0, sizeof(*res));
	if (same_version(src, dst, err, errsz) < 0)
		return -1;
	if (db_tables(dst, &ts, &n) != DB_OK) {
		snprintf(err, errsz, "target catalog: %s", db_errmsg(dst));
		return -1;
	}
	if (n > (int)(sizeof(res->tables) / sizeof(res->tables[0]))) {
		snprintf(err, errsz, "too many tables (%d)", n);
		goto out;
	}
	if (db_begin(dst) != DB_OK || db_defer_fkeys(dst) != DB_OK) {
		snprintf(err, errsz, "target: %s", db_errmsg(dst));
		goto out;
	}
	in_tx = 1;
	/* A target with data is refused unless replacing; meta holds only the
	 * counters a migration seeds. */
	for (int i = 0; i < n; i++) {
		int64_t rows = 0;
		uint64_t sum;
		if (checksum(dst, &ts[i], &rows, &sum) < 0) {
			snprintf(err, errsz, "%s: %s", ts[i].name, db_errmsg(dst));
			goto out;
		}
		if (rows > 0 && strcmp(ts[i].name, "meta") != 0 && !replace) {
			struct msg m;
			msg_init(&m, MSG_COPY_NOT_EMPTY, NULL);
			msg_code(&m, ts[i].name);
			msg_plain(&m, rows);
			msg_format(&m, MSG_BOTH, err, errsz);
			goto out;
		}
	}
	/* Empty every table, children first; rows a trigger makes while the
	 * parents load are removed again just before their own table loads. */
	for (int i = n - 1; i >= 0; i--) {
		struct db_stmt *del = db_table_stmt(dst, &ts[i], DB_TABLE_DELETE);
		if (del == NULL || db_run(del) != DB_OK) {
			snprintf(err, errsz, "%s: %s", ts[i].name, db_errmsg(dst));
			db_stmt_free(del);
			goto out;
		}
		db_stmt_free(del);
	}
	for (int i = 0; i < n; i++) {
		struct db_stmt *del = db_table_stmt(dst, &ts[i], DB_TABLE_DELETE);
		int d = del != NULL ? db_run(del) : DB_ERR;
		db_stmt_free(del);
		if (d != DB_OK) {
			snprintf(err, errsz, "%s: %s", ts[i].name, db_errmsg(dst));
			goto out;
		}
		if (copy_one(src, dst, &ts[i], &res->tables[i], err, errsz) < 0)
			goto out;
		res->ntables = i + 1;
		if (progress != NULL)
			progress(arg, ts[i].name, i + 1, n);
	}
	if (db_commit(dst) != DB_OK) {
		snprintf(err, errsz, "commit: %s", db_errmsg(dst));
		goto out;
	}
	in_tx = 0;
	rc = 0;
out:
	if (in_tx)
		db_rollback(dst);
	db_tables_free(ts, n);
	return rc;
}
