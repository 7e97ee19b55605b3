/*
 * PostgreSQL backend over libpq, behind the same db_ops as SQLite.
 *
 * Each enum stmt is prepared once per connection (PQprepare, name "s<n>")
 * and run with PQexecPrepared and text parameters.  A statement's result is
 * fetched whole and held until the next step or reset; db_step walks its
 * rows, which emulates SQLite's row-at-a-time stepping (our result sets are
 * at most a few hundred thousand short rows).
 *
 * Statement texts: the common table (sql_sqlite.c) with PostgreSQL's
 * overrides (sql_pg.c), written with SQLite's ?N placeholders, which
 * db_pg_placeholders() rewrites to $N here, once per prepare.  A parameter
 * the SQL does not mention (some statements skip one, and callers bind it
 * anyway) is declared text at prepare time so PostgreSQL accepts the
 * statement and the binding; the others are left for the server to infer.
 * A prepare the server refuses with SQLSTATE class 42 (syntax error,
 * undefined table or column, a type it cannot infer; not 42501, a missing
 * privilege) is the text's fault: DB_BADSQL, which db_stmt() aborts on.
 *
 * A statement listed in db_pg_returning_id[] gets " RETURNING id" appended,
 * which is how db_last_id() learns the new row's id: its one row is
 * consumed here, and the caller sees DB_DONE as on SQLite.
 *
 * Behaving like SQLite where the model relies on it: db_begin takes one
 * advisory lock that every sxsh connection shares, so write transactions
 * run one at a time (BEGIN IMMEDIATE); and a db_exec script that inserts
 * rows moves the identity sequences past explicit ids it may have loaded.
 *
 * Errors: SQLSTATE class 23 (integrity) maps to DB_CONSTRAINT; 40001
 * (serialization), 40P01 (deadlock) and 55P03 (lock not available) map to
 * DB_BUSY; 53100 (disk full) maps to DB_FULL; anything else is DB_ERR with
 * the server's message.
 */
#include "db/db_int.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/alloc.h"

#define PG_MAXPARAM 64
#define PG_BOOLOID  16
#define PG_TEXTOID  25

struct pg_conn {
	PGconn *conn;
	int nprepared; /* statements prepared so far: names s0, s1, ... */
	int64_t last_id;
	int64_t changes;
};

struct pg_stmt {
	struct db *db;
	char name[16];
	int nparams;	/* the highest $N in the SQL */
	int returns_id; /* listed in db_pg_returning_id: its row is consumed by step */
	char *params[PG_MAXPARAM];
	PGresult *res; /* the current execution's rows, or NULL */
	int row;       /* the current row; -1 before the first step */
	int nrows;
	unsigned char *blob; /* the last bytea column read (pg_col_blob), or NULL */
};

static int
map_result(struct db *db, PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	struct pg_conn *pc = db->impl;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(pc->conn);
	db_set_err(db, "%.*s", (int)strcspn(msg, "\n"), msg);
	if (state == NULL)
		return DB_ERR;
	if (strncmp(state, "23", 2) == 0)
		return DB_CONSTRAINT;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return DB_BUSY;
	if (strcmp(state, "53100") == 0) {
		db->full = 1;
		return DB_FULL;
	}
	return DB_ERR;
}

static void
ignore_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static int
run_script(struct db *db, const char *sql)
{
	struct pg_conn *pc = db->impl;
	PGresult *res = PQexec(pc->conn, sql);
	ExecStatusType s = PQresultStatus(res);
	int rc = DB_OK;
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
		rc = map_result(db, res);
	PQclear(res);
	return rc;
}

/*
 * Moves every identity sequence of the schema past the largest id of its
 * table (never backwards).  SQLite gives an INTEGER PRIMARY KEY max(id) + 1,
 * so a script that inserts rows with explicit ids (seed data, a test
 * fixture) and later inserts that let the key default work there; on
 * PostgreSQL the sequence knows nothing of the explicit ids and would hand
 * out one already taken.  The names come from the catalog, quoted by
 * format(); one round trip, a max(id) index lookup per table.
 */
static const char sync_sequences_sql[] =
    "DO $$DECLARE r record; m bigint; cur bigint; BEGIN "
    "FOR r IN SELECT c.relname AS t, a.attname AS col, "
    "pg_get_serial_sequence(format('%I', c.relname), a.attname) AS seq "
    "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
    "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' "
    "AND a.attnum > 0 AND a.attidentity <> '' LOOP "
    "EXECUTE format('SELECT max(%I) FROM %I', r.col, r.t) INTO m; "
    "EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
    "FROM %s', r.seq) INTO cur; "
    "IF m > cur THEN PERFORM setval(r.seq, m); END IF; "
    "END LOOP; END$$";

/* Whether sql mentions INSERT (any case): explicit ids may have been loaded. */
static int
inserts(const char *sql)
{
	for (const char *p = sql; *p; p++)
		if (strncasecmp(p, "insert", 6) == 0)
			return 1;
	return 0;
}

static int
pg_exec(struct db *db, const char *sql)
{
	int rc = run_script(db, sql);
	if (rc == DB_OK && inserts(sql))
		rc = run_script(db, sync_sequences_sql);
	return rc;
}

/*
 * A write transaction takes one transaction-scoped advisory lock, shared by
 * every sxsh connection to the database, before anything else: writers run
 * one at a time, as SQLite's BEGIN IMMEDIATE makes them, so a model
 * function's "look, then write" (is there a report for this facility and
 * year? is this tax code taken?) stays atomic with several instances too.
 * Readers never wait for it.  The lock ends with COMMIT or ROLLBACK.  The
 * key is an arbitrary constant ("sxsh" in ASCII).
 */
#define PG_WRITE_LOCK "SELECT pg_advisory_xact_lock(1937274984)"

static int
pg_begin(struct db *db)
{
	int rc = run_script(db, "BEGIN");
	if (rc == DB_OK && (rc = run_script(db, PG_WRITE_LOCK)) != DB_OK)
		run_script(db, "ROLLBACK");
	return rc;
}

static int
pg_open(struct db *db, const char *url)
{
	struct pg_conn *pc = xcalloc(1, sizeof(*pc));
	db->impl = pc;
	pc->conn = PQconnectdb(url);
	if (PQstatus(pc->conn) != CONNECTION_OK) {
		const char *m = PQerrorMessage(pc->conn);
		db_set_err(db, "%s: %.*s", url, (int)strcspn(m, "\n"), m);
		return DB_ERR;
	}
	PQsetNoticeProcessor(pc->conn, ignore_notice, NULL);
	/* Plain ASCII dates and UTC: the SQL formats times itself, but a
	 * session default must not change what to_char or casts give. */
	return pg_exec(db, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; "
			   "SET client_min_messages = warning");
}

static void
pg_close(struct db *db)
{
	struct pg_conn *pc = db->impl;
	PQfinish(pc->conn);
	free(pc);
	db->impl = NULL;
}

/* The highest $N in sql, and which N appear (used[N] = 1). */
static int
scan_params(const char *sql, char used[PG_MAXPARAM + 1])
{
	int max = 0;
	char quote = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			continue;
		}
		if (*p != '$' || !isdigit((unsigned char)p[1]))
			continue;
		int n = (int)strtol(p + 1, NULL, 10);
		if (n >= 1 && n <= PG_MAXPARAM) {
			used[n] = 1;
			if (n > max)
				max = n;
		}
	}
	return max;
}

/* Length of the literal, quoted identifier or comment at p; 0 if none. */
static size_t
verbatim_len(const char *p)
{
	const char *end;
	if (*p == '\'' || *p == '"') {
		end = strchr(p + 1, *p);
		return end != NULL ? (size_t)(end - p) + 1 : strlen(p);
	}
	if (p[0] == '-' && p[1] == '-')
		return strcspn(p, "\n");
	if (p[0] == '/' && p[1] == '*') {
		end = strstr(p + 2, "*/");
		return end != NULL ? (size_t)(end - p) + 2 : strlen(p);
	}
	return 0;
}

char *
db_pg_placeholders(const char *sql)
{
	char *out = xstrdup(sql);
	for (size_t i = 0; out[i] != '\0';) {
		size_t n = verbatim_len(out + i);
		if (n > 0) {
			i += n;
			continue;
		}
		if (out[i] == '?' && isdigit((unsigned char)out[i + 1]))
			out[i] = '$';
		i++;
	}
	return out;
}

/* Whether the server refused the text itself: SQLSTATE class 42 but 42501. */
static int
rejects_text(const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return state != NULL && strncmp(state, "42", 2) == 0 && strcmp(state, "42501") != 0;
}

static int
pg_prepare(struct db *db, enum stmt id, const char *sql, void **impl)
{
	struct pg_conn *pc = db->impl;
	struct pg_stmt *st = xcalloc(1, sizeof(*st));
	char used[PG_MAXPARAM + 1] = {0};
	Oid types[PG_MAXPARAM] = {0};
	char *text = db_pg_placeholders(sql);
	st->db = db;
	st->row = -1;
	st->returns_id = id < STMT__MAX && db_pg_returning_id[id];
	if (st->returns_id) {
		char *t = xasprintf("%s RETURNING id", text);
		free(text);
		text = t;
	}
	st->nparams = scan_params(text, used);
	for (int i = 1; i <= st->nparams; i++)
		types[i - 1] = used[i] ? 0 : PG_TEXTOID;
	snprintf(st->name, sizeof(st->name), "s%d", pc->nprepared++);
	PGresult *res = PQprepare(pc->conn, st->name, text, st->nparams, types);
	free(text);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		int rc = map_result(db, res);
		if (rejects_text(res))
			rc = DB_BADSQL;
		PQclear(res);
		free(st);
		return rc == DB_OK ? DB_ERR : rc;
	}
	PQclear(res);
	*impl = st;
	return DB_OK;
}

static void
clear_result(struct pg_stmt *st)
{
	free(st->blob);
	st->blob = NULL;
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
}

static void
pg_finalize(void *impl)
{
	struct pg_stmt *st = impl;
	clear_result(st);
	for (int i = 0; i < PG_MAXPARAM; i++)
		free(st->params[i]);
	free(st);
}

static void
pg_reset(void *impl)
{
	struct pg_stmt *st = impl;
	clear_result(st);
	for (int i = 0; i < st->nparams; i++) {
		free(st->params[i]);
		st->params[i] = NULL;
	}
}

/* Takes ownership of v (may be NULL for SQL NULL). */
static int
set_param(struct pg_stmt *st, int idx, char *v)
{
	if (idx < 1 || idx > st->nparams) {
		free(v);
		db_set_err(st->db, "parameter %d out of range (1..%d)", idx, st->nparams);
		return DB_ERR;
	}
	free(st->params[idx - 1]);
	st->params[idx - 1] = v;
	return DB_OK;
}

static int
pg_bind_int(void *impl, int idx, int64_t v)
{
	return set_param(impl, idx, xasprintf("%" PRId64, v));
}

static int
pg_bind_double(void *impl, int idx, double v)
{
	/* %.17g round-trips every finite double through float8in. */
	return set_param(impl, idx, xasprintf("%.17g", v));
}

static int
pg_bind_text(void *impl, int idx, const char *s)
{
	return set_param(impl, idx, xstrdup(s));
}

/*
 * bytea travels as text in the hex format ("\\x" and two hex digits a byte),
 * which the server reads whatever its bytea_output setting.
 */
static int
pg_bind_blob(void *impl, int idx, const void *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *b = p;
	char *v = xmalloc(2 * n + 3);
	v[0] = '\\';
	v[1] = 'x';
	for (size_t i = 0; i < n; i++) {
		v[2 + 2 * i] = hex[b[i] >> 4];
		v[3 + 2 * i] = hex[b[i] & 15];
	}
	v[2 * n + 2] = '\0';
	return set_param(impl, idx, v);
}

static int
pg_bind_null(void *impl, int idx)
{
	return set_param(impl, idx, NULL);
}

static int
pg_step(struct db *db, void *impl)
{
	struct pg_stmt *st = impl;
	struct pg_conn *pc = db->impl;
	if (st->res == NULL) {
		PGresult *res = PQexecPrepared(pc->conn, st->name, st->nparams,
					       (const char *const *)st->params, NULL, NULL, 0);
		ExecStatusType s = PQresultStatus(res);
		if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
			int rc = map_result(db, res);
			PQclear(res);
			return rc == DB_OK ? DB_ERR : rc;
		}
		const char *n = PQcmdTuples(res);
		pc->changes = *n ? strtoll(n, NULL, 10) : 0;
		st->res = res;
		st->nrows = PQntuples(res);
		st->row = -1;
		if (st->returns_id) {
			if (st->nrows > 0)
				pc->last_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
			st->nrows = 0;
		}
	}
	if (st->row + 1 < st->nrows) {
		st->row++;
		return DB_ROW;
	}
	st->row = st->nrows;
	return DB_DONE;
}

static int
pg_col_is_null(void *impl, int col)
{
	struct pg_stmt *st = impl;
	if (st->res == NULL || st->row < 0 || st->row >= st->nrows)
		return 1;
	return PQgetisnull(st->res, st->row, col);
}

static const char *
pg_col_text(void *impl, int col)
{
	struct pg_stmt *st = impl;
	if (st->res == NULL || st->row < 0 || st->row >= st->nrows || col >= PQnfields(st->res))
		return "";
	return PQgetvalue(st->res, st->row, col);
}

static int
pg_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * A bytea column arrives in the text format: hex ("\\x..."), which every
 * server since 9.0 sends by default.  The bytes are decoded into the
 * statement's buffer, replaced by the next call and freed with the result.
 */
static const void *
pg_col_blob(void *impl, int col, size_t *n)
{
	struct pg_stmt *st = impl;
	*n = 0;
	if (pg_col_is_null(impl, col))
		return NULL;
	const char *s = pg_col_text(impl, col);
	if (s[0] != '\\' || s[1] != 'x') {
		db_set_err(st->db, "bytea column %d is not in the hex format", col);
		return NULL;
	}
	s += 2;
	size_t len = strlen(s) / 2;
	free(st->blob);
	st->blob = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++) {
		int hi = pg_hexval(s[2 * i]), lo = pg_hexval(s[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			db_set_err(st->db, "bytea column %d has a bad hex digit", col);
			return NULL;
		}
		st->blob[i] = (unsigned char)(hi * 16 + lo);
	}
	*n = len;
	return len > 0 ? st->blob : NULL;
}

static int64_t
pg_col_int(void *impl, int col)
{
	struct pg_stmt *st = impl;
	const char *s = pg_col_text(impl, col);
	if (st->res != NULL && col < PQnfields(st->res) && PQftype(st->res, col) == PG_BOOLOID)
		return s[0] == 't';
	/* A numeric column (sum of integers, a double) reads like SQLite's
	 * conversion: the integer part. */
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*end == '.' || *end == 'e' || *end == 'E')
		return (int64_t)strtod(s, NULL);
	return v;
}

static double
pg_col_double(void *impl, int col)
{
	return strtod(pg_col_text(impl, col), NULL);
}

static int64_t
pg_last_id(struct db *db)
{
	return ((struct pg_conn *)db->impl)->last_id;
}

static int64_t
pg_changes(struct db *db)
{
	return ((struct pg_conn *)db->impl)->changes;
}

static int
pg_backup(struct db *db, const char *path)
{
	(void)path;
	/* Not shown to people: store_backup refuses PostgreSQL first, from the catalogue. */
	db_set_err(db, "PostgreSQL: backups are made with pg_dump");
	return DB_ERR;
}

static int
pg_defer_fkeys(struct db *db)
{
	/* The migrations declare every foreign key DEFERRABLE for this. */
	return pg_exec(db, "SET CONSTRAINTS ALL DEFERRED");
}

/* Moves the identity sequence of table's id column past its largest id. */
static int
pg_table_loaded(struct db *db, const char *table)
{
	struct pg_conn *pc = db->impl;
	const char *params[1] = {table};
	PGresult *res = PQexecParams(pc->conn,
				     "SELECT pg_get_serial_sequence(quote_ident($1), a.attname) "
				     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
				     "WHERE c.relname = $1 AND a.attname = 'id' AND a.attnum > 0 "
				     "AND c.relnamespace = (SELECT oid FROM pg_namespace "
				     "WHERE nspname = current_schema())",
				     1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		int rc = map_result(db, res);
		PQclear(res);
		return rc;
	}
	if (PQntuples(res) == 0 || PQgetisnull(res, 0, 0)) {
		PQclear(res);
		return DB_OK;
	}
	/* The sequence's name comes from the catalog; pass it as a value. */
	char *seq = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	char *sql = xasprintf("SELECT setval($1, coalesce((SELECT max(id) FROM \"%s\"), 0) + 1, "
			      "false)",
			      table);
	const char *p2[1] = {seq};
	res = PQexecParams(pc->conn, sql, 1, NULL, p2, NULL, NULL, 0);
	int rc = PQresultStatus(res) == PGRES_TUPLES_OK ? DB_OK : map_result(db, res);
	PQclear(res);
	free(sql);
	free(seq);
	return rc;
}

const struct db_ops db_pg_ops = {
    .dialect = "postgresql",
    .sql_override = db_pg_override,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .begin = pg_begin,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_int = pg_bind_int,
    .bind_double = pg_bind_double,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .bind_blob = pg_bind_blob,
    .step = pg_step,
    .col_is_null = pg_col_is_null,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .col_blob = pg_col_blob,
    .last_id = pg_last_id,
    .changes = pg_changes,
    .backup = pg_backup,
    .defer_fkeys = pg_defer_fkeys,
    .table_loaded = pg_table_loaded,
};
