/*
 * sxsh check [--year Y] [--strict] [--format text|csv]: the data-quality
 * findings of model/analytics/check.h, one per line as
 * "facility_code year field: lý do / reason", in a deterministic order,
 * then a count on stderr.  Exit 0 even with findings, unless --strict is
 * given and there is at least one (exit 1).
 */
#include "cli/cli_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/analytics/check.h"
#include "model/io/csvio.h"
#include "model/store.h"
#include "util/fmt.h"

enum ck_format { CK_TEXT, CK_CSV, CK__MAX };
static const char *const ck_formats[CK__MAX] = {"text", "csv"};

static void
print_text(const struct finding *f, int n)
{
	for (int i = 0; i < n; i++)
		printf("%s %d %s: %s / %s\n", f[i].facility_code, f[i].year, f[i].field,
		       f[i].reason_vi, f[i].reason_en);
}

static void
print_csv(const struct finding *f, int n)
{
	fputs("facility_code,year,field,reason_vi,reason_en\n", stdout);
	for (int i = 0; i < n; i++) {
		csvio_put_field(stdout, f[i].facility_code);
		printf(",%d,", f[i].year);
		csvio_put_field(stdout, f[i].field);
		putchar(',');
		csvio_put_field(stdout, f[i].reason_vi);
		putchar(',');
		csvio_put_field(stdout, f[i].reason_en);
		putchar('\n');
	}
}

static void (*const ck_printers[CK__MAX])(const struct finding *, int) = {
    [CK_TEXT] = print_text,
    [CK_CSV] = print_csv,
};

/* "sxsh check: [OPT: ]message", then the usage; exit 2. */
static int
usage(const char *opt, const char *msg)
{
	fprintf(stderr, "sxsh check: %s%s%s\n", opt != NULL ? opt : "", opt != NULL ? ": " : "",
		msg);
	cli_usage(stderr, "check");
	return EXIT_USAGE;
}

int
cmd_check(struct cli *cli, int argc, char **argv)
{
	int year = 0, strict = 0, fmt = CK_TEXT;
	char m[CLI_MSG_MAX];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--strict") == 0) {
			strict = 1;
		} else if (strcmp(argv[i], "--year") == 0 && i + 1 < argc) {
			int64_t y;
			if (parse_int64(argv[++i], &y) != 0 || y < 1990 || y > 2100)
				return usage("--year", cli_label(MSG_CLI_BAD_YEAR));
			year = (int)y;
		} else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
			const char *v = argv[++i];
			fmt = -1;
			for (int f = 0; f < CK__MAX; f++)
				if (strcmp(v, ck_formats[f]) == 0)
					fmt = f;
			if (fmt < 0)
				return usage("--format",
					     cli_text(m, sizeof(m), MSG_CLI_FORMAT_CHOICE, "ss",
						      "text", "csv"));
		} else {
			return usage(NULL, cli_label(MSG_CLI_INVALID_ARG));
		}
	}

	int rc = EXIT_USER, n = 0;
	char err[512];
	struct finding *f = NULL;
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		goto out;
	if (check_run(db, year, &f, &n, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh check: %s\n", err);
		goto out;
	}
	ck_printers[fmt](f, n);
	fprintf(stderr, "sxsh check: %d %s\n", n, cli_label(MSG_CLI_FINDINGS));
	rc = strict && n > 0 ? EXIT_USER : EXIT_OK;
out:
	check_free(f, n);
	store_close(db);
	return rc;
}
