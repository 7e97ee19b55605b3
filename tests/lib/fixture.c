/*
 * Shared database and CSV fixtures (see fixture.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "fixture.h"
#include "model/registry/refdata.h"
#include "testutil.h"
#include "util/alloc.h"
#include "util/buf.h"

struct db *
fx_db_new(const char *name, const char *fixture_sql)
{
	struct db *db = tu_db_new(name);
	char err[512];
	if (refdata_load(db, err, sizeof(err)) < 0)
		fail_msg("refdata_load: %s", err);
	if (fixture_sql != NULL && db_exec(db, fixture_sql) != DB_OK)
		fail_msg("fixture: %s", db_errmsg(db));
	return db;
}

void
fx_import(struct db *db, enum csvio_kind kind, const char *name, const char *text)
{
	struct buf errs;
	buf_init(&errs, 1 << 16);
	if (csvio_import_path(db, kind, tu_write_file(name, text), NULL, csvio_err_buf, &errs,
			      NULL) != 0)
		fail_msg("import %s: %s", name, buf_str(&errs));
	buf_free(&errs);
}

char *
fx_export(struct db *db, enum csvio_kind kind, int year)
{
	char *s = NULL, err[256];
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	assert_non_null(f);
	if (csvio_export(db, kind, f, year, err, sizeof(err)) != 0)
		fail_msg("export: %s", err);
	fclose(f);
	return s;
}

void
fx_assert_export(struct db *db, enum csvio_kind kind, const char *want)
{
	char *got = fx_export(db, kind, 0);
	assert_int_equal(strlen(got), strlen(want));
	assert_memory_equal(got, want, strlen(want));
	free(got);
}

char *
fx_text_of(size_t n)
{
	char *s = xmalloc(n + 1);
	size_t o = 0;
	while (o + 3 <= n - 1) {
		memcpy(s + o, "\xe1\xba\xa1", 3);
		o += 3;
	}
	while (o < n)
		s[o++] = 'a';
	s[n] = '\0';
	return s;
}
