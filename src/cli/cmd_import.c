/*
 * sxsh import facilities|reports FILE.csv [--dry-run] [--update] [--replace]:
 * a thin shell over csvio_import.  Every bad row is printed to stderr as
 * FILE:LINE: column: reason; the exit code is 1 when any row is bad (nothing
 * is then written), 2 on a usage error.
 *
 * sxsh import workbook FILE.xlsx|.xls|.ods [--dry-run] [--year Y]: a thin
 * shell over wbimport_path, acting as the system.  Every problem is printed
 * to stderr as FILE: SHEET!CELL: reason; the plan (counts, then one line
 * per document) goes to stdout, with --dry-run before anything is written.
 */
#include "cli/cli_int.h"

#include <stddef.h>
#include <string.h>

#include "model/io/csvio.h"
#include "model/names.h"
#include "model/reporting/registration.h"
#include "model/reporting/report.h"
#include "model/store.h"
#include "model/survey/wbimport.h"

/* Flags the command accepts; each sets one int in struct csvio_opts. */
static const struct {
	const char *flag;
	size_t off;
	int kind; /* the only kind it applies to, or -1 for both */
} import_flags[] = {
    {"--dry-run", offsetof(struct csvio_opts, dry_run), -1},
    {"--update", offsetof(struct csvio_opts, update), CSVIO_FACILITIES},
    {"--replace", offsetof(struct csvio_opts, replace), CSVIO_REPORTS},
};
#define NFLAGS (sizeof(import_flags) / sizeof(import_flags[0]))

static int
usage(enum msg_id why)
{
	fprintf(stderr, "sxsh import: %s\n", cli_label(why));
	fprintf(stderr,
		"%s: sxsh import facilities|reports FILE.csv [--dry-run] [--update (facilities)] "
		"[--replace (reports)] [--profile NAME]\n",
		cli_label(MSG_CLI_USAGE));
	return EXIT_USAGE;
}

static int
wb_usage(const char *why)
{
	fprintf(stderr, "sxsh import workbook: %s\n", why);
	fprintf(stderr, "%s: sxsh import workbook FILE.xlsx|.xls|.ods [--dry-run] [--year Y]\n",
		cli_label(MSG_CLI_USAGE));
	return EXIT_USAGE;
}

/* One line of the plan: code, name, document, what happens, its state. */
static void
wb_item(const struct wbimport_item *it)
{
	static const enum msg_id act[] = {
	    [WBIMPORT_NEW] = MSG_WBI_ACT_NEW,
	    [WBIMPORT_UPDATE] = MSG_WBI_ACT_UPDATE,
	    [WBIMPORT_UNTOUCHED] = MSG_WBI_ACT_UNTOUCHED,
	};
	const struct val_label *kind =
	    it->kind == WF_KIND_REPORT ? &report_kind.label : &registration_kind.label;
	printf("%s\t%s\t%s / %s\t%s", it->code, it->name, kind->vi, kind->en,
	       cli_label(act[it->action]));
	if (it->action != WBIMPORT_NEW)
		printf(" (%s / %s)", names_state[it->state].name_vi,
		       names_state[it->state].name_en);
	if (it->submit)
		printf(", %s", cli_label(MSG_WBI_ACT_SUBMIT));
	putchar('\n');
}

static int
import_workbook(struct cli *cli, int argc, char **argv)
{
	static const struct val_label year_label = {"năm", "year"};
	struct wbimport_opts o = {0};
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0) {
			o.dry_run = 1;
		} else if (strcmp(argv[i], "--year") == 0) {
			if (i + 1 >= argc)
				return wb_usage(cli_label(MSG_CLI_OPT_NEEDS_VALUE));
			struct msg vm;
			char m[VAL_MSG_MAX];
			if (val_year(argv[++i], &year_label, &o.year, &vm) != VAL_OK)
				return wb_usage(msg_format(&vm, MSG_BOTH, m, sizeof(m)));
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			return wb_usage(cli_label(MSG_CLI_UNKNOWN_OPTION));
		} else if (path == NULL) {
			path = argv[i];
		} else {
			return wb_usage(cli_label(MSG_CLI_TOO_MANY_ARGS));
		}
	}
	if (path == NULL)
		return wb_usage(cli_label(MSG_CLI_NEEDS_KIND_FILE));
	int fmt = sheetread_format_of(path);
	if (fmt < 0)
		return wb_usage(cli_label(MSG_WBI_CLI_FORMAT));
	const char *base = strrchr(path, '/');
	o.name = base != NULL ? base + 1 : path;

	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	struct wbimport_result res;
	int rc = wbimport_path(db, NULL, path, (enum sheetread_format)fmt, &o, &res);
	store_close(db);
	for (int i = 0; i < res.nerr; i++) {
		const struct wbimport_error *e = &res.err[i];
		if (e->sheet[0] != '\0' && e->cell[0] != '\0')
			fprintf(stderr, "%s: %s!%s: %s / %s\n", path, e->sheet, e->cell, e->vi,
				e->en);
		else
			fprintf(stderr, "%s: %s / %s\n", path, e->vi, e->en);
	}
	if (rc == WBIMPORT_OK) {
		cli_say(stdout, o.dry_run ? MSG_WBI_CLI_DRY_RUN : MSG_WBI_CLI_DONE, "jjjj",
			(int64_t)res.n_new, (int64_t)res.n_update, (int64_t)res.n_submit,
			(int64_t)res.n_untouched);
		putchar('\n');
		for (int i = 0; i < res.nitem; i++)
			wb_item(&res.item[i]);
	} else if (res.nerr > 0) {
		if (res.more > 0) {
			cli_say(stderr, MSG_WBI_MORE_ERRORS, "j", (int64_t)res.more);
			fputc('\n', stderr);
		}
		cli_say(stderr, MSG_CLI_IMPORT_ERRORS, "j", (int64_t)res.nerr + res.more);
		fputc('\n', stderr);
	}
	wbimport_result_free(&res);
	return rc == WBIMPORT_OK ? EXIT_OK : EXIT_USER;
}

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "workbook") == 0)
		return import_workbook(cli, argc - 1, argv + 1);
	struct csvio_opts o = {0};
	const char *pos[2] = {NULL, NULL};
	int npos = 0, used[NFLAGS] = {0};
	const char *profile = NULL;

	for (int i = 1; i < argc; i++) {
		size_t f;
		for (f = 0; f < NFLAGS; f++)
			if (strcmp(argv[i], import_flags[f].flag) == 0)
				break;
		if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
			profile = argv[++i];
			continue;
		}
		if (f < NFLAGS) {
			*(int *)((char *)&o + import_flags[f].off) = 1;
			used[f] = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage(MSG_CLI_UNKNOWN_OPTION);
		else if (npos < 2)
			pos[npos++] = argv[i];
		else
			return usage(MSG_CLI_TOO_MANY_ARGS);
	}
	if (npos < 2)
		return usage(MSG_CLI_NEEDS_KIND_FILE);
	int kind = csvio_kind_parse(pos[0]);
	if (kind < 0)
		return usage(MSG_CLI_KIND);
	for (size_t f = 0; f < NFLAGS; f++)
		if (used[f] && import_flags[f].kind >= 0 && import_flags[f].kind != kind)
			return usage(MSG_CLI_OPTION_NOT_FOR_KIND);

	if (profile != NULL)
		return cli_import_profile(cli, kind, pos[1], profile, o.dry_run, o.update,
					  o.replace);

	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	struct csvio_stats st;
	int rc;
	if (strcmp(pos[1], "-") == 0)
		rc = csvio_import(db, kind, stdin, "stdin", &o, csvio_err_print, stderr, &st);
	else
		rc = csvio_import_path(db, kind, pos[1], &o, csvio_err_print, stderr, &st);
	store_close(db);

	if (st.encoding != NULL && st.sep != 0) {
		char sep[2] = {st.sep, '\0'};
		cli_say(stderr, MSG_CSV_READ_AS, "ss", st.encoding, sep);
		fputc('\n', stderr);
	}
	if (rc != 0) {
		cli_say(stderr, MSG_CLI_IMPORT_ERRORS, "j", (int64_t)st.errors);
		fputc('\n', stderr);
		return EXIT_USER;
	}
	if (o.dry_run) {
		cli_say(stdout, MSG_CLI_IMPORT_DRY_RUN, "j", (int64_t)st.rows);
	} else if (kind == CSVIO_FACILITIES) {
		cli_say(stdout, MSG_CLI_IMPORT_FACILITIES, "jjj", (int64_t)st.rows,
			(int64_t)st.inserted, (int64_t)st.updated);
	} else {
		cli_say(stdout, MSG_CLI_IMPORT_REPORTS, "jjjj", (int64_t)st.rows,
			(int64_t)st.inserted, (int64_t)st.updated, (int64_t)st.lines);
	}
	putchar('\n');
	return EXIT_OK;
}
