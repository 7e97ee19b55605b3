/*
 * sxsh export facilities|reports [--year Y] [--format csv|xlsx] [-o FILE]:
 * a thin shell over csvio_export (CSV, the default and the import format)
 * and sheets_export (an Excel workbook with the same columns headed in
 * Vietnamese, their codes in a hidden row, names after codes).  CSV goes to
 * stdout or to FILE; xlsx only to FILE.  Both write FILE.tmp and rename it
 * over FILE, so a failed export never leaves half a file.
 */
#include "cli/cli_int.h"

#include <string.h>

#include "model/io/csvio.h"
#include "model/store.h"
#include "model/validate.h"
#include "render/sheets.h"
#include "render/xlsx.h"

enum export_format { EXPORT_CSV, EXPORT_XLSX, EXPORT__MAX };
static const char *const export_formats[EXPORT__MAX] = {
    [EXPORT_CSV] = "csv",
    [EXPORT_XLSX] = "xlsx",
};

/* "sxsh export: [OPT: ]why", then the usage; exit 2. */
static int
usage(const char *opt, const char *why)
{
	fprintf(stderr, "sxsh export: %s%s%s\n", opt != NULL ? opt : "", opt != NULL ? ": " : "",
		why);
	cli_usage(stderr, "export");
	return EXIT_USAGE;
}

/* Writes the workbook of kind to path; 0, or -1 with a message in err. */
static int
export_xlsx(struct db *db, enum csvio_kind kind, const char *path, int year, char *err,
	    size_t errsz)
{
	struct xlsx *x = xlsx_open(path);
	if (sheets_source(x, db, SHEETS_VI) < 0) {
		xlsx_discard(x);
		msg_both(err, errsz, MSG_ST_ERR, NULL);
		return -1;
	}
	if (sheets_export(x, db, kind, year, NULL, err, errsz) < 0) {
		xlsx_discard(x);
		return -1;
	}
	char why[256];
	if (xlsx_close(x, why, sizeof(why)) < 0) {
		snprintf(err, errsz, "%s: %s", cli_label(MSG_CLI_CANNOT_WRITE), why);
		return -1;
	}
	return 0;
}

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct val_label year_label = {"năm", "year"};
	const char *kind_s = NULL, *out = NULL, *year_s = NULL, *fmt_s = "csv";
	int year = 0, fmt = -1;
	char text[CLI_MSG_MAX];

	for (int i = 1; i < argc; i++) {
		const char **dst = strcmp(argv[i], "--year") == 0     ? &year_s
				   : strcmp(argv[i], "-o") == 0	      ? &out
				   : strcmp(argv[i], "--format") == 0 ? &fmt_s
								      : NULL;
		if (dst != NULL) {
			if (i + 1 >= argc)
				return usage(NULL, cli_label(MSG_CLI_OPT_NEEDS_VALUE));
			*dst = argv[++i];
		} else if (argv[i][0] == '-')
			return usage(NULL, cli_label(MSG_CLI_UNKNOWN_OPTION));
		else if (kind_s == NULL)
			kind_s = argv[i];
		else
			return usage(NULL, cli_label(MSG_CLI_TOO_MANY_ARGS));
	}
	if (kind_s == NULL)
		return usage(NULL, cli_label(MSG_CLI_NEEDS_KIND));
	int kind = csvio_kind_parse(kind_s);
	if (kind < 0)
		return usage(NULL, cli_label(MSG_CLI_KIND));
	for (int f = 0; f < EXPORT__MAX; f++)
		if (strcmp(fmt_s, export_formats[f]) == 0)
			fmt = f;
	if (fmt < 0)
		return usage("--format", cli_text(text, sizeof(text), MSG_CLI_FORMAT_CHOICE, "ss",
						  "csv", "xlsx"));
	if (fmt == EXPORT_XLSX && out == NULL)
		return usage(NULL, cli_label(MSG_CLI_XLSX_NEEDS_O));
	if (year_s != NULL) {
		char m[VAL_MSG_MAX];
		struct msg vm;
		if (kind != CSVIO_REPORTS)
			return usage(NULL, cli_label(MSG_CLI_YEAR_REPORTS_ONLY));
		if (val_year(year_s, &year_label, &year, &vm) != VAL_OK)
			return usage(NULL, msg_format(&vm, MSG_BOTH, m, sizeof(m)));
	}

	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	char err[512];
	int rc = fmt == EXPORT_XLSX ? export_xlsx(db, kind, out, year, err, sizeof(err))
		 : out != NULL	    ? csvio_export_path(db, kind, out, year, err, sizeof(err))
				    : csvio_export(db, kind, stdout, year, err, sizeof(err));
	store_close(db);
	if (rc != 0) {
		fprintf(stderr, "sxsh export: %s\n", err);
		return EXIT_USER;
	}
	return EXIT_OK;
}
