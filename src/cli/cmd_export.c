/*
 * sxsh export facilities|reports [--year Y] [-o FILE]: a thin shell over
 * csvio_export.  Writes to stdout, or to FILE through FILE.tmp and a rename
 * so a failed export never leaves half a file.
 */
#include "cli/cli.h"

#include <string.h>

#include "db/db.h"
#include "model/csvio.h"
#include "model/validate.h"

static int
usage(const char *why)
{
	fprintf(stderr, "sxsh export: %s\n", why);
	fprintf(stderr, "Cách dùng / Usage: sxsh export facilities|reports [--year Y (reports)] "
			"[-o FILE]\n");
	return EXIT_USAGE;
}

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct val_label year_label = {"năm", "year"};
	const char *kind_s = NULL, *out = NULL, *year_s = NULL;
	int year = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--year") == 0 || strcmp(argv[i], "-o") == 0) {
			if (i + 1 >= argc)
				return usage("tùy chọn cần một giá trị / option needs a value");
			const char **dst = argv[i][1] == 'o' ? &out : &year_s;
			*dst = argv[++i];
		} else if (argv[i][0] == '-')
			return usage("tùy chọn không xác định / unknown option");
		else if (kind_s == NULL)
			kind_s = argv[i];
		else
			return usage("thừa tham số / too many arguments");
	}
	if (kind_s == NULL)
		return usage("cần loại dữ liệu / needs a kind");
	int kind = csvio_kind_parse(kind_s);
	if (kind < 0)
		return usage("loại phải là facilities hoặc reports / kind must be facilities or "
			     "reports");
	if (year_s != NULL) {
		char m[VAL_MSG_MAX];
		if (kind != CSVIO_REPORTS)
			return usage(
			    "--year chỉ dùng với reports / --year applies to reports only");
		if (val_year(year_s, &year_label, &year, m, sizeof(m)) != VAL_OK)
			return usage(m);
	}

	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	char err[512];
	int rc = out != NULL ? csvio_export_path(db, kind, out, year, err, sizeof(err))
			     : csvio_export(db, kind, stdout, year, err, sizeof(err));
	db_close(db);
	if (rc != 0) {
		fprintf(stderr, "sxsh export: %s\n", err);
		return EXIT_USER;
	}
	return EXIT_OK;
}
