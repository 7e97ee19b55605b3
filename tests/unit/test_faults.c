/*
 * Fault injection (meson -Dfault_injection=true, util/alloc.h): every
 * write operation below runs as a process of its own once per N, with the
 * Nth allocation (SXSH_FAULT_ALLOC=N) or the Nth db_step()
 * (SXSH_FAULT_STEP=N) failing, for N from 1 to the number of allocations or
 * steps the operation makes (counted first with SXSH_FAULT_COUNT=1), and
 * one beyond.  The operations:
 *
 *   import  `sxsh import reports FILE.csv` (two facilities' reports);
 *   create  an enterprise creates its 2024 report (report_create);
 *   submit  it submits the draft (report_transition WF_SUBMIT);
 *   copy    `sxsh copy --from A --to B` into an empty migrated B.
 *
 * create and submit have no command: this program runs itself as
 * `test_faults create|submit DB` for them, as a handler would call the model.
 *
 * An injected allocation failure must end the process with sxsh's
 * out-of-memory message (SIGABRT); an injected step failure must end it
 * with a non-zero status and a message on stderr.  Either way the target
 * database must hold exactly what it held before (compared as a dump of its
 * schema and of every table's rows, in rowid order), and N beyond the count
 * must succeed and change it.  When the counts are large, the first 50 and
 * the last 10 values of N are run and the rest sampled evenly (see PLAN_MAX).
 *
 * SQLite only: the transactions under test are the model's, the same on
 * both backends, and a SQLite file can be restored and dumped cheaply.  The
 * program skips itself in a normal build and under $SXSH_TEST_PG.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "db/db.h"
#include "fixture.h"
#include "model/reporting/report.h"
#include "model/doc/workflow.h"
#include "testutil.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "wffix.h"

/* Values of N run per operation and kind at most, beyond the first and last. */
#define FIRST	 50
#define LAST	 10
#define PLAN_MAX 300

/* F1's 2024 report, as the enterprise fills it in. */
static const struct report_output_in out_lines[] = {{"frozen_shrimp", "400", "t"}};
static const struct report_energy_in energy_lines[] = {
    {"electricity", "500000", "kWh", NULL, NULL, "900000000"},
    {"do", "10", "t", NULL, NULL, NULL},
};
static const struct report_input f1_2024 = {
    .cp = {"1", "1", "0", "1"},
    .nout = 1,
    .out = out_lines,
    .nenergy = 2,
    .energy = energy_lines,
};

/* A small valid import: F2's and F3's 2023 reports. */
static const char import_csv[] =
    FX_RH "F2,2023,submitted,1,1,0,1,energy,electricity,,,120000,kWh,240000000\n"
	  "F2,2023,submitted,1,1,0,1,output,,frozen_shrimp,,80,t,\n"
	  "F3,2023,draft,0,,,,energy,do,,,4.5,t,\n";

enum op { OP_IMPORT, OP_CREATE, OP_SUBMIT, OP_COPY, OP__MAX };

static const char *const op_names[OP__MAX] = {"import", "create", "submit", "copy"};

/* This program's path, for the create and submit operations. */
static char self[4096];

/* ---- the operations that have no command ---------------------------- */

/* Runs create or submit on the SQLite file path; the process's exit status. */
static int
helper(const char *what, const char *path)
{
	char err[512];
	struct db *db = db_open_existing(path, err, sizeof(err));
	if (db == NULL) {
		fprintf(stderr, "test_faults: %s: %s\n", path, err);
		return 1;
	}
	struct wf_errors errs = {0};
	int64_t id = 0;
	int rc;
	if (strcmp(what, "create") == 0)
		rc = report_create(db, &wfx_who[WFX_ENT1], 1, 2024, &f1_2024, &id, &errs);
	else
		rc = report_transition(db, &wfx_who[WFX_ENT1], 1, WF_SUBMIT, 1, NULL, &errs);
	if (rc != ST_OK)
		fprintf(stderr, "test_faults: %s: %s (%s)\n", what,
			msg_template(msg_status(rc), LANG_EN), db_errmsg(db));
	db_close(db);
	return rc == ST_OK ? 0 : 1;
}

/* ---- databases ------------------------------------------------------- */

/*
 * Every table's schema and rows of the SQLite file path, in a text (tables
 * by name, rows by rowid, each value tagged with its type) the caller frees.
 */
static char *
dump(const char *path)
{
	sqlite3 *s;
	sqlite3_stmt *t, *r;
	struct buf b;
	buf_init(&b, 64 << 20);
	if (sqlite3_open_v2(path, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("open %s: %s", path, sqlite3_errmsg(s));
	if (sqlite3_prepare_v2(s,
			       "SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
			       "ORDER BY name",
			       -1, &t, NULL) != SQLITE_OK)
		fail_msg("schema: %s", sqlite3_errmsg(s));
	while (sqlite3_step(t) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(t, 0);
		buf_printf(&b, "%s\n", (const char *)sqlite3_column_text(t, 1));
		char *sql = xasprintf("SELECT * FROM \"%s\" ORDER BY rowid", name);
		if (sqlite3_prepare_v2(s, sql, -1, &r, NULL) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(s));
		while (sqlite3_step(r) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(r); i++) {
				const char *v = (const char *)sqlite3_column_text(r, i);
				buf_printf(&b, "%d:%s\t", sqlite3_column_type(r, i),
					   v != NULL ? v : "\\N");
			}
			buf_puts(&b, "\n");
		}
		sqlite3_finalize(r);
		free(sql);
	}
	sqlite3_finalize(t);
	sqlite3_close(s);
	if (buf_str(&b)[0] == '\0')
		fail_msg("%s: no tables", path);
	return buf_detach(&b, NULL);
}

/* Copies the file from to to, removing to's -wal and -shm files first. */
static void
restore(const char *from, const char *to)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -f '%s-wal' '%s-shm' && cp '%s' '%s'", to, to, from, to);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
}

/* The base databases, made once; base[op] is the target op writes. */
static char base[OP__MAX][1024], work[1024], copy_src[1024], csv[1024];

/* Makes a closed database under tu_path(name) and stores its path in out. */
static void
keep(struct db *db, const char *name, char *out, size_t n)
{
	db_close(db);
	snprintf(out, n, "%s", tu_path(name));
}

static int
setup(void **state)
{
	(void)state;
	keep(wfx_new("base-import.db"), "base-import.db", base[OP_IMPORT], sizeof(base[0]));
	keep(wfx_new("base-create.db"), "base-create.db", base[OP_CREATE], sizeof(base[0]));
	struct db *db = wfx_new("base-submit.db");
	struct wf_errors errs = {0};
	int64_t id;
	if (report_create(db, &wfx_who[WFX_ENT1], 1, 2024, &f1_2024, &id, &errs) != ST_OK ||
	    id != 1)
		fail_msg("report_create in the fixture");
	keep(db, "base-submit.db", base[OP_SUBMIT], sizeof(base[0]));
	keep(wfx_new("copy-src.db"), "copy-src.db", copy_src, sizeof(copy_src));
	keep(tu_db_new("base-copy.db"), "base-copy.db", base[OP_COPY], sizeof(base[0]));
	snprintf(csv, sizeof(csv), "%s", tu_write_file("reports.csv", import_csv));
	snprintf(work, sizeof(work), "%s", tu_path("work.db"));
	return 0;
}

/* ---- running an operation -------------------------------------------- */

/*
 * Ends the commands of run_op(): the operation is then not the last command
 * of tu_run()'s subshell, which therefore reports a signal ("Aborted") into
 * the captured stderr rather than the test's output.
 */
#define EXIT "; exit $?"

/*
 * Runs op on a fresh copy of its base database at work, with the
 * environment assignment env (e.g. "SXSH_FAULT_STEP=3"); returns the exit
 * status (128 + the signal's number when killed by one) and the stderr in *err (malloc'd).
 */
static int
run_op(enum op op, const char *env, char **err)
{
	char cmd[8192];
	restore(base[op], work);
	switch (op) {
	case OP_IMPORT:
		snprintf(cmd, sizeof(cmd),
			 "ulimit -c 0; %s '%s' import reports '%s' --db '%s'" EXIT, env, tu_sxsh(),
			 csv, work);
		break;
	case OP_CREATE:
	case OP_SUBMIT:
		snprintf(cmd, sizeof(cmd), "ulimit -c 0; %s '%s' %s '%s'" EXIT, env, self,
			 op_names[op], work);
		break;
	default:
		snprintf(cmd, sizeof(cmd), "ulimit -c 0; %s '%s' copy --from '%s' --to '%s'" EXIT,
			 env, tu_sxsh(), copy_src, work);
		break;
	}
	return tu_run(cmd, NULL, err);
}

/* The allocation and step counts of op, from a counting run that must succeed. */
static void
count(enum op op, unsigned long *allocs, unsigned long *steps)
{
	char *err = NULL;
	int st = run_op(op, "SXSH_FAULT_COUNT=1", &err);
	if (st != 0)
		fail_msg("%s: exit %d without a fault: %s", op_names[op], st, err);
	const char *p = strstr(err, "sxsh: fault points: ");
	if (p == NULL ||
	    sscanf(p, "sxsh: fault points: %lu allocations, %lu steps", allocs, steps) != 2)
		fail_msg("%s: no counts in [%s]", op_names[op], err);
	free(err);
}

/*
 * The values of N to run for a count of n: all of them up to
 * FIRST + LAST + PLAN_MAX, else the first FIRST, the last LAST and
 * PLAN_MAX spread evenly between.  Returns how many were put in out.
 */
static int
plan(unsigned long n, unsigned long *out)
{
	int k = 0;
	if (n <= FIRST + LAST + PLAN_MAX) {
		for (unsigned long i = 1; i <= n; i++)
			out[k++] = i;
		return k;
	}
	for (unsigned long i = 1; i <= FIRST; i++)
		out[k++] = i;
	unsigned long span = n - LAST - FIRST;
	for (unsigned long j = 1; j <= PLAN_MAX; j++)
		out[k++] = FIRST + j * span / (PLAN_MAX + 1);
	for (unsigned long i = n - LAST + 1; i <= n; i++)
		out[k++] = i;
	return k;
}

/*
 * Runs op with the Nth allocation (alloc) or step (!alloc) failing for the
 * planned N up to n, and with N = n + 1; returns how many N were run.
 */
static int
inject(enum op op, int alloc, unsigned long n, const char *before)
{
	static unsigned long ns[FIRST + LAST + PLAN_MAX + 1];
	const char *var = alloc ? "SXSH_FAULT_ALLOC" : "SXSH_FAULT_STEP";
	int k = plan(n, ns);
	for (int i = 0; i < k; i++) {
		char env[64], *err = NULL;
		snprintf(env, sizeof(env), "%s=%lu", var, ns[i]);
		int st = run_op(op, env, &err);
		/* The shell of tu_run() reports a process ended by SIGABRT as 128 + 6. */
		if (alloc ? st != 128 + SIGABRT ||
				strstr(err, "sxsh: out of memory allocating") == NULL
			  : st <= 0 || err[0] == '\0')
			fail_msg("%s %s: exit %d, stderr [%s]", op_names[op], env, st, err);
		char *after = dump(work);
		if (strcmp(after, before) != 0)
			fail_msg("%s %s: the database changed (exit %d, stderr [%s])", op_names[op],
				 env, st, err);
		free(after);
		free(err);
	}
	/* One beyond the count: nothing fails, and the operation writes. */
	char env[64], *err = NULL;
	snprintf(env, sizeof(env), "%s=%lu", var, n + 1);
	int st = run_op(op, env, &err);
	if (st != 0)
		fail_msg("%s %s: exit %d: %s", op_names[op], env, st, err);
	char *after = dump(work);
	assert_string_not_equal(after, before);
	free(after);
	free(err);
	return k + 1;
}

static void
test_op(enum op op)
{
	unsigned long allocs, steps;
	char *before = dump(base[op]);
	count(op, &allocs, &steps);
	assert_true(allocs > 0);
	assert_true(steps > 0);
	int runs = inject(op, 0, steps, before);
	runs += inject(op, 1, allocs, before);
	/* The figures of docs/testing.md. */
	print_message("%s: %lu allocations, %lu steps; %d runs\n", op_names[op], allocs, steps,
		      runs);
	free(before);
}

static void
test_import(void **state)
{
	(void)state;
	test_op(OP_IMPORT);
}

static void
test_create(void **state)
{
	(void)state;
	test_op(OP_CREATE);
}

static void
test_submit(void **state)
{
	(void)state;
	test_op(OP_SUBMIT);
}

static void
test_copy(void **state)
{
	(void)state;
	test_op(OP_COPY);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && (strcmp(argv[1], "create") == 0 || strcmp(argv[1], "submit") == 0))
		return helper(argv[1], argv[2]);
#ifdef SXSH_FAULT_INJECTION
	const int built_in = 1;
#else
	const int built_in = 0;
#endif
	if (!built_in) {
		printf("SKIPPED: test_faults needs meson -Dfault_injection=true "
		       "(docs/testing.md)\n");
		return 77;
	}
	if (tu_pg() != NULL) {
		printf("SKIPPED: test_faults runs on SQLite only\n");
		return 77;
	}
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return 1;
	self[n] = '\0';
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_import),
	    cmocka_unit_test(test_create),
	    cmocka_unit_test(test_submit),
	    cmocka_unit_test(test_copy),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
