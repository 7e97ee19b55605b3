/*
 * sxsh import facilities|reports FILE.csv [--dry-run] [--update] [--replace]:
 * a thin shell over csvio_import.  Every bad row is printed to stderr as
 * FILE:LINE: column: reason; the exit code is 1 when any row is bad (nothing
 * is then written), 2 on a usage error.
 */
#include "cli/cli_int.h"

#include <stddef.h>
#include <string.h>

#include "model/io/csvio.h"
#include "model/store.h"

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

int
cmd_import(struct cli *cli, int argc, char **argv)
{
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
