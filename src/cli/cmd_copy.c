/*
 * sxsh copy --from URL --to URL [--replace]: copies a whole database
 * (reference data, facilities, reports, users, audit: every table) between
 * backends in either direction, in one transaction on the target, and
 * verifies each table's row count and checksum on both sides (model/io/copy.h).
 * Both databases are brought to the latest schema first.  A non-empty
 * target is refused unless --replace is given.
 */
#include "cli/cli_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "model/io/copy.h"
#include "model/store.h"

static void
copy_progress(void *arg, const char *table, int done, int total)
{
	(void)table;
	cli_progress(arg, "copy", done, total);
}

int
cmd_copy(struct cli *cli, int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	int replace = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to = argv[++i];
		else if (strcmp(argv[i], "--replace") == 0)
			replace = 1;
		else {
			cli_error("sxsh copy", MSG_CLI_UNEXPECTED_ARG, "s", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (from == NULL || to == NULL) {
		cli_error("sxsh copy", MSG_CLI_COPY_FROM_TO, "");
		return EXIT_USAGE;
	}
	if (strcmp(from, to) == 0) {
		fprintf(stderr, "sxsh copy: %s: %s\n", cli_label(MSG_CLI_COPY_SAME), from);
		return EXIT_USER;
	}
	struct cli c1 = *cli, c2 = *cli;
	c1.db_url = from;
	c2.db_url = to;
	struct db *src = cli_db_open(&c1);
	struct db *dst = src ? cli_db_open(&c2) : NULL;
	int rc = EXIT_USER;
	if (src == NULL || dst == NULL)
		goto out;
	static struct copy_result res;
	char err[1024];
	if (copy_database(src, dst, replace, &res, copy_progress, cli, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh copy: %s\n", err);
		goto out;
	}
	int64_t total = 0;
	for (int i = 0; i < res.ntables; i++)
		total += res.tables[i].rows;
	cli_progress_end(cli, "copy", res.ntables);
	printf("%s %s -> %s: %d %s, %" PRId64 " %s\n", cli_label(MSG_CLI_COPIED), from, to,
	       res.ntables, cli_label(MSG_CLI_TABLES), total, cli_label(MSG_CLI_ROWS));
	for (int i = 0; i < res.ntables; i++)
		printf("  %-22s %10" PRId64 "  %016" PRIx64 "  ok\n", res.tables[i].name,
		       res.tables[i].rows, res.tables[i].sum);
	rc = 0;
out:
	store_close(src);
	store_close(dst);
	return rc;
}
