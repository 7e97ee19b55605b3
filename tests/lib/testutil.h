/*
 * Helpers shared by the test programs.  Include after <cmocka.h>'s
 * prerequisites (stdarg, stddef, setjmp, stdint).
 */
#ifndef SXSH_TESTUTIL_H
#define SXSH_TESTUTIL_H

#include <stddef.h>

struct db;
struct msg;

/*
 * Creates a fresh temporary directory for this test program and returns its
 * path (removed at exit).  Each call returns the same directory.
 */
const char *tu_tmpdir(void);
/* Returns a path inside tu_tmpdir() for name; valid until the next call. */
const char *tu_path(const char *name);
/*
 * Opens a new empty database named name, migrated; fails the test on error.
 * Without $SXSH_TEST_PG it is the SQLite file tu_path(name).  With
 * $SXSH_TEST_PG set to a PostgreSQL server URL (scripts/pg-test.sh) it is a
 * new database sxsh_test_PID_N on that server, dropped when the program
 * exits; calling again with the same name drops and recreates it.
 */
struct db *tu_db_new(const char *name);
/*
 * The --db argument that reaches the database tu_db_new(name) made (or, when
 * none was made yet, a new empty one): tu_path(name) for SQLite, a
 * postgresql:// URL otherwise.  Returns a static buffer valid until the next
 * call.  Tests that start the sxsh binary pass this instead of a path.
 */
const char *tu_db_url(const char *name);
/* Like tu_db_url(), but the database is new and empty (not migrated). */
const char *tu_db_fresh_url(const char *name);
/*
 * The first column of the first row of a literal query (SQL both backends
 * accept) on the database tu_db_new(name) made, as text, through a
 * connection of its own, so the test sees what was committed and nothing of
 * the connection under test.  Returns a malloc'd string ("" for no row or
 * NULL) the caller frees; fails the test on an error.
 */
char *tu_query_text(const char *name, const char *sql);
/* tu_query_text() copied into out (n bytes, truncated); returns out. */
const char *tu_query_buf(const char *name, const char *sql, char *out, size_t n);
/* $SXSH_TEST_PG when the suite runs against PostgreSQL, else NULL. */
const char *tu_pg(void);
/* Writes text to tu_path(name) and returns that path (static buffer). */
const char *tu_write_file(const char *name, const char *text);
/* Reads the whole file at path into a malloc'd NUL-terminated string, or NULL. */
char *tu_read_file(const char *path, size_t *len);
/*
 * Runs a shell command, capturing stdout and stderr into malloc'd strings
 * (either pointer may be NULL), and returns its exit status (-1 if killed).
 */
int tu_run(const char *cmd, char **out, char **err);
/* The sxsh binary under test ($SXSH_BIN). */
const char *tu_sxsh(void);
/*
 * Asserts that the model message m is there and renders (msg_format) as vi
 * in Vietnamese, as en in English and as "vi / en" in both.
 */
void tu_assert_msg(const struct msg *m, const char *vi, const char *en);

#endif
