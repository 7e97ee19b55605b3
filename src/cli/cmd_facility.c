/*
 * sxsh facility move CODE --unit UNIT --from DATE
 * sxsh facility history CODE
 *
 * Records that a facility changed administrative unit (for example to a
 * new commune-level unit after the 2025 reform) from a date, and shows a
 * facility's unit history.  The indicators of year Y then count the
 * facility under the unit of 31/12 of Y (model/analytics/kpi.h).  The model function
 * is model/registry/unit_history.h; this file reads the arguments and prints.
 * Exit 1 for an unknown facility or unit, a bad or inconsistent date;
 * 2 for bad usage.
 */
#include "cli/cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/registry/unit_history.h"
#include "model/store.h"
#include "util/fmt.h"

static int
facility_usage(enum msg_id why, const char *arg)
{
	fprintf(stderr, "sxsh facility: %s '%s'\n", cli_label(why), arg);
	cli_usage(stderr, "facility");
	fprintf(stderr,
		"  move CODE --unit UNIT --from yyyy-mm-dd\n      %s\n  history CODE\n      %s\n",
		cli_label(MSG_CLI_FAC_MOVE_HELP), cli_label(MSG_CLI_FAC_HISTORY_HELP));
	return EXIT_USAGE;
}

static int
print_history(struct db *db, const char *code)
{
	struct unit_history_row *rows = NULL;
	char err[512];
	int n = unit_history_list(db, code, &rows, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "sxsh facility: %s\n", err);
		return EXIT_USER;
	}
	printf("%s %s\n", cli_label(MSG_CLI_FACILITY), code);
	if (n == 0)
		printf("  %s\n", cli_label(MSG_CLI_FAC_NO_HISTORY));
	for (int i = 0; i < n; i++) {
		char from[16], to[16];
		fmt_date(from, sizeof(from), rows[i].valid_from);
		fmt_date(to, sizeof(to), rows[i].valid_to);
		/* An open end prints as "…", padded to the width of a date (10). */
		int f = rows[i].valid_from[0] != '\0', t = rows[i].valid_to[0] != '\0';
		printf("  %s%*s – %s%*s  %s (%s)\n", f ? from : "…", f ? 0 : 9, "", t ? to : "…",
		       t ? 0 : 9, "", rows[i].unit_name, rows[i].unit_code);
	}
	free(rows);
	return EXIT_OK;
}

int
cmd_facility(struct cli *cli, int argc, char **argv)
{
	if (argc < 3)
		return facility_usage(MSG_CLI_FAC_MISSING_SUB, argc > 1 ? argv[1] : "");
	const char *sub = argv[1], *code = argv[2], *unit = NULL, *from = NULL;
	int move = strcmp(sub, "move") == 0;
	if (!move && strcmp(sub, "history") != 0)
		return facility_usage(MSG_CLI_UNKNOWN_SUBCOMMAND, sub);
	for (int i = 3; i < argc; i++) {
		if (move && strcmp(argv[i], "--unit") == 0 && i + 1 < argc)
			unit = argv[++i];
		else if (move && strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from = argv[++i];
		else
			return facility_usage(MSG_CLI_INVALID_ARG, argv[i]);
	}
	if (move && (unit == NULL || from == NULL))
		return facility_usage(MSG_CLI_FAC_UNIT_FROM, sub);

	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	int rc = EXIT_OK;
	if (move) {
		char err[512];
		if (unit_history_move(db, NULL, code, unit, from, err, sizeof(err)) < 0) {
			fprintf(stderr, "sxsh facility move: %s\n", err);
			rc = EXIT_USER;
		} else {
			rc = print_history(db, code);
		}
	} else {
		rc = print_history(db, code);
	}
	store_close(db);
	return rc;
}
