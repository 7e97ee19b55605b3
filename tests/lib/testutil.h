/*
 * Helpers shared by the test programs.  Include after <cmocka.h>'s
 * prerequisites (stdarg, stddef, setjmp, stdint).
 */
#ifndef SXSH_TESTUTIL_H
#define SXSH_TESTUTIL_H

#include <stddef.h>

struct db;

/*
 * Creates a fresh temporary directory for this test program and returns its
 * path (removed at exit).  Each call returns the same directory.
 */
const char *tu_tmpdir(void);
/* Returns a path inside tu_tmpdir() for name; valid until the next call. */
const char *tu_path(const char *name);
/* Opens a new empty database file at tu_path(name), migrated; fails the test on error. */
struct db *tu_db_new(const char *name);
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

#endif
