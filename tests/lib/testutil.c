/*
 * Test helpers (see testutil.h).
 */
#include "testutil.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "db/db.h"
#include "db/migrate.h"
#include "model/msg.h"
#include "util/alloc.h"

static char tmpdir[256];

static void
cleanup(void)
{
	if (tmpdir[0] != '\0' && getenv("SXSH_KEEP_TMP") == NULL) {
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
	}
}

const char *
tu_tmpdir(void)
{
	if (tmpdir[0] == '\0') {
		snprintf(tmpdir, sizeof(tmpdir), "/tmp/sxsh-test-XXXXXX");
		if (mkdtemp(tmpdir) == NULL) {
			perror("mkdtemp");
			abort();
		}
		atexit(cleanup);
	}
	return tmpdir;
}

const char *
tu_path(const char *name)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", tu_tmpdir(), name);
	return path;
}

const char *
tu_pg(void)
{
	const char *u = getenv("SXSH_TEST_PG");
	return u != NULL && *u != '\0' ? u : NULL;
}

/*
 * PostgreSQL databases made by this program: the test's name for each and
 * the server's.  Dropped at exit, so a run leaves nothing behind (the
 * throw-away cluster of scripts/pg-test.sh is removed afterwards anyway).
 */
#define PG_MAXDB 64
static struct {
	char name[64];
	char dbname[64];
} pgdbs[PG_MAXDB];
static int npgdbs;

/* url with its database (the path after host:port) replaced by dbname. */
static void
pg_url_for(char *out, size_t outsz, const char *dbname)
{
	const char *base = tu_pg();
	const char *host = strstr(base, "://");
	host = host ? host + 3 : base;
	const char *slash = strchr(host, '/');
	const char *query = strchr(host, '?');
	int keep = slash ? (int)(slash - base) : query ? (int)(query - base) : (int)strlen(base);
	snprintf(out, outsz, "%.*s/%s%s", keep, base, dbname, query ? query : "");
}

/* Runs one statement on the server's maintenance database. */
static void
pg_admin(const char *sql)
{
	char err[512];
	struct db *adm = db_open(tu_pg(), err, sizeof(err));
	if (adm == NULL) {
		fprintf(stderr, "testutil: %s\n", err);
		abort();
	}
	if (db_exec(adm, sql) != DB_OK) {
		fprintf(stderr, "testutil: %s: %s\n", sql, db_errmsg(adm));
		abort();
	}
	db_close(adm);
}

static void
pg_cleanup(void)
{
	for (int i = 0; i < npgdbs; i++) {
		char sql[160];
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)",
			 pgdbs[i].dbname);
		pg_admin(sql);
	}
	npgdbs = 0;
}

/* The server's name of the test database name; created empty when new or
 * when fresh is set (dropping the old one). */
static const char *
pg_db(const char *name, int fresh)
{
	static int counter;
	int i;
	for (i = 0; i < npgdbs; i++)
		if (strcmp(pgdbs[i].name, name) == 0)
			break;
	if (i < npgdbs && !fresh)
		return pgdbs[i].dbname;
	char sql[256];
	if (i == npgdbs) {
		if (npgdbs == PG_MAXDB) {
			fprintf(stderr, "testutil: more than %d test databases\n", PG_MAXDB);
			abort();
		}
		if (npgdbs == 0 && counter == 0)
			atexit(pg_cleanup);
		snprintf(pgdbs[i].name, sizeof(pgdbs[i].name), "%s", name);
		snprintf(pgdbs[i].dbname, sizeof(pgdbs[i].dbname), "sxsh_test_%ld_%d",
			 (long)getpid(), counter++);
		npgdbs++;
	}
	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", pgdbs[i].dbname);
	pg_admin(sql);
	/* C collation: text sorts by bytes, as SQLite's BINARY does. */
	snprintf(sql, sizeof(sql),
		 "CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
		 "LC_CTYPE 'C'",
		 pgdbs[i].dbname);
	pg_admin(sql);
	return pgdbs[i].dbname;
}

const char *
tu_db_url(const char *name)
{
	static char url[600];
	if (tu_pg() == NULL)
		return tu_path(name);
	pg_url_for(url, sizeof(url), pg_db(name, 0));
	return url;
}

const char *
tu_db_fresh_url(const char *name)
{
	static char url[600];
	if (tu_pg() == NULL) {
		unlink(tu_path(name));
		return tu_path(name);
	}
	pg_url_for(url, sizeof(url), pg_db(name, 1));
	return url;
}

struct db *
tu_db_new(const char *name)
{
	char err[512];
	char url[600];
	const char *path = url;
	if (tu_pg() != NULL) {
		pg_url_for(url, sizeof(url), pg_db(name, 1));
	} else {
		snprintf(url, sizeof(url), "%s", tu_path(name));
		unlink(path);
	}
	struct db *db = db_open(path, err, sizeof(err));
	if (db == NULL)
		fail_msg("db_open %s: %s", path, err);
	int applied;
	if (migrate_up(db, &applied, err, sizeof(err)) < 0)
		fail_msg("migrate %s: %s", path, err);
	return db;
}

char *
tu_query_text(const char *name, const char *sql)
{
	char *out = NULL;
	if (tu_pg() != NULL) {
		PGconn *c = PQconnectdb(tu_db_url(name));
		if (PQstatus(c) != CONNECTION_OK)
			fail_msg("connect %s: %s", name, PQerrorMessage(c));
		PGresult *r = PQexec(c, sql);
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			fail_msg("%s: %s", sql, PQresultErrorMessage(r));
		if (PQntuples(r) > 0 && !PQgetisnull(r, 0, 0))
			out = xstrdup(PQgetvalue(r, 0, 0));
		PQclear(r);
		PQfinish(c);
	} else {
		sqlite3 *s;
		sqlite3_stmt *st;
		if (sqlite3_open_v2(tu_path(name), &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
			fail_msg("open %s", name);
		if (sqlite3_prepare_v2(s, sql, -1, &st, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(s));
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
			out = xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		sqlite3_close(s);
	}
	return out != NULL ? out : xstrdup("");
}

const char *
tu_query_buf(const char *name, const char *sql, char *out, size_t n)
{
	char *t = tu_query_text(name, sql);
	snprintf(out, n, "%s", t);
	free(t);
	return out;
}

const char *
tu_write_file(const char *name, const char *text)
{
	const char *path = tu_path(name);
	FILE *f = fopen(path, "w");
	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0)
		fail_msg("cannot write %s", path);
	return path;
}

char *
tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	char *p = xmalloc(cap);
	size_t r;
	while ((r = fread(p + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n - 1 == 0)
			p = xrealloc(p, cap *= 2);
	}
	fclose(f);
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

int
tu_run(const char *cmd, char **out, char **err)
{
	char full[4096];
	char outp[600], errp[600];
	snprintf(outp, sizeof(outp), "%s", tu_path("run.out"));
	snprintf(errp, sizeof(errp), "%s", tu_path("run.err"));
	snprintf(full, sizeof(full), "(%s) >'%s' 2>'%s'", cmd, outp, errp);
	int st = system(full);
	if (out)
		*out = tu_read_file(outp, NULL);
	if (err)
		*err = tu_read_file(errp, NULL);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

const char *
tu_sxsh(void)
{
	const char *p = getenv("SXSH_BIN");
	return p ? p : "build/sxsh";
}

void
tu_assert_msg(const struct msg *m, const char *vi, const char *en)
{
	char out[1024], both[1024];
	assert_non_null(m);
	assert_string_equal(msg_format(m, LANG_VI, out, sizeof(out)), vi);
	assert_string_equal(msg_format(m, LANG_EN, out, sizeof(out)), en);
	snprintf(both, sizeof(both), "%s / %s", vi, en);
	assert_string_equal(msg_format(m, MSG_BOTH, out, sizeof(out)), both);
}
