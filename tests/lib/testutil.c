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

#include "db/db.h"
#include "db/migrate.h"
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

struct db *
tu_db_new(const char *name)
{
	char err[512];
	const char *path = tu_path(name);
	unlink(path);
	struct db *db = db_open(path, err, sizeof(err));
	if (db == NULL)
		fail_msg("db_open %s: %s", path, err);
	int applied;
	if (migrate_up(db, &applied, err, sizeof(err)) < 0)
		fail_msg("migrate %s: %s", path, err);
	return db;
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
