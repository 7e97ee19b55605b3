/*
 * sxsh deadline list [--from Y --to Y]
 * sxsh deadline set --year Y [--report dd/mm/yyyy] [--registration dd/mm/yyyy]
 *
 * The report and registration deadlines per plan year that the province
 * sets on /deadlines (model/reporting/home.h), from the command line: list
 * prints each year's two dates, "(mặc định / default)" where none is set;
 * set changes the dates given (an empty one goes back to the default, one
 * not given stays as it is), audited as the command line.  Exit 1 for a
 * bad year or date (each message names its field), 2 for bad usage.
 */
#include "cli/cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/reporting/home.h"
#include "model/store.h"

static int
deadline_usage(enum msg_id why, const char *arg)
{
	fprintf(stderr, "sxsh deadline: %s '%s'\n", cli_label(why), arg);
	cli_usage(stderr, "deadline");
	fprintf(stderr,
		"  list [--from Y --to Y]\n      %s\n  set --year Y [--report dd/mm/yyyy] "
		"[--registration dd/mm/yyyy]\n      %s\n",
		cli_label(MSG_HOME_CLI_LIST_HELP), cli_label(MSG_HOME_CLI_SET_HELP));
	return EXIT_USAGE;
}

/* A year 1990..2100 as typed, or 0. */
static int
year_arg(const char *s)
{
	if (strlen(s) != 4 || strspn(s, "0123456789") != 4)
		return 0;
	int y = atoi(s);
	return y >= 1990 && y <= 2100 ? y : 0;
}

static void
print_date(const char *iso, int set)
{
	char d[HOME_DATE_SIZE];
	home_date_show(iso, d);
	if (set)
		printf("  %-10s", d);
	else
		printf("  %s (%s)", d, cli_label(MSG_HOME_CLI_DEFAULT));
}

static int
deadline_list(struct db *db, int from, int to)
{
	struct home_deadline d[20];
	if (home_deadline_list(db, from, to, d) != ST_OK) {
		cli_error("sxsh deadline", MSG_ST_ERR, "");
		return EXIT_USER;
	}
	printf("%s | %s | %s\n", cli_label(MSG_HOME_CLI_YEAR), cli_label(MSG_HOME_CLI_REPORT),
	       cli_label(MSG_HOME_CLI_REGISTRATION));
	for (int i = 0; i <= to - from; i++) {
		printf("%d", d[i].year);
		print_date(d[i].report_due, d[i].report_set);
		print_date(d[i].registration_due, d[i].registration_set);
		printf("\n");
	}
	return EXIT_OK;
}

/* The date a set keeps when its option is not given: the stored one, or "" (the default). */
static const char *
kept(const char *iso, int set, char out[HOME_DATE_SIZE])
{
	if (!set)
		return "";
	return home_date_show(iso, out);
}

static int
deadline_set(struct db *db, const char *year, const char *report, const char *registration)
{
	int y = year_arg(year);
	struct home_deadline cur;
	if (home_deadline_get(db, y != 0 ? y : 2000, &cur) != ST_OK) {
		cli_error("sxsh deadline", MSG_ST_ERR, "");
		return EXIT_USER;
	}
	char r1[HOME_DATE_SIZE], r2[HOME_DATE_SIZE], v[24];
	snprintf(v, sizeof(v), "%lld", (long long)cur.version);
	struct home_deadline_in in = {
	    .year = year,
	    .report_due = report != NULL ? report : kept(cur.report_due, cur.report_set, r1),
	    .registration_due = registration != NULL
				    ? registration
				    : kept(cur.registration_due, cur.registration_set, r2),
	    .version = v,
	};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int set_year = 0;
	int rc = home_deadline_set(db, NULL, &in, (int64_t)time(NULL), &set_year, &errs);
	if (rc == ST_INVALID) {
		for (int i = 0; i < errs.n; i++) {
			fputs("sxsh deadline set: ", stderr);
			cli_msg(stderr, &errs.e[i].msg);
			fputc('\n', stderr);
		}
		return EXIT_USER;
	}
	if (rc != ST_OK) {
		cli_error("sxsh deadline set", msg_status(rc), "");
		return EXIT_USER;
	}
	cli_say(stdout, MSG_HOME_DEADLINE_SAVED, "d", set_year);
	fputc('\n', stdout);
	return deadline_list(db, set_year, set_year);
}

int
cmd_deadline(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return deadline_usage(MSG_CLI_UNKNOWN_SUBCOMMAND, "");
	const char *sub = argv[1];
	int list = strcmp(sub, "list") == 0;
	if (!list && strcmp(sub, "set") != 0)
		return deadline_usage(MSG_CLI_UNKNOWN_SUBCOMMAND, sub);
	const char *from = NULL, *to = NULL, *year = NULL, *report = NULL, *registration = NULL;
	for (int i = 2; i < argc; i++) {
		const char **slot = NULL;
		if (list && strcmp(argv[i], "--from") == 0)
			slot = &from;
		else if (list && strcmp(argv[i], "--to") == 0)
			slot = &to;
		else if (!list && strcmp(argv[i], "--year") == 0)
			slot = &year;
		else if (!list && strcmp(argv[i], "--report") == 0)
			slot = &report;
		else if (!list && strcmp(argv[i], "--registration") == 0)
			slot = &registration;
		if (slot == NULL || i + 1 >= argc)
			return deadline_usage(MSG_CLI_INVALID_ARG, argv[i]);
		*slot = argv[++i];
	}
	int r = home_reporting_year((int64_t)time(NULL));
	int first = r - 1, last = r + 2;
	if (list && (from != NULL || to != NULL)) {
		first = from != NULL ? year_arg(from) : 0;
		last = to != NULL ? year_arg(to) : 0;
		if (first == 0 || last == 0 || last < first || last - first >= 20)
			return deadline_usage(MSG_CLI_INVALID_ARG,
					      from != NULL && year_arg(from) == 0 ? from
					      : to != NULL			  ? to
										  : "--to");
	}
	if (!list && year == NULL)
		return deadline_usage(MSG_CLI_INVALID_ARG, "--year");
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	int rc =
	    list ? deadline_list(db, first, last) : deadline_set(db, year, report, registration);
	store_close(db);
	return rc;
}
