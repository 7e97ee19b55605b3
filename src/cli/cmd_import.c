/*
 * sxsh import facilities|reports FILE.csv [--dry-run] [--update] [--replace]:
 * a thin shell over csvio_import.  Every bad row is printed to stderr as
 * FILE:LINE: column: reason; the exit code is 1 when any row is bad (nothing
 * is then written), 2 on a usage error.
 */
#include "cli/cli.h"

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
usage(const char *why)
{
	fprintf(stderr, "sxsh import: %s\n", why);
	fprintf(stderr, "Cách dùng / Usage: sxsh import facilities|reports FILE.csv [--dry-run] "
			"[--update (facilities)] [--replace (reports)]\n");
	return EXIT_USAGE;
}

int
cmd_import(struct cli *cli, int argc, char **argv)
{
	struct csvio_opts o = {0};
	const char *pos[2] = {NULL, NULL};
	int npos = 0, used[NFLAGS] = {0};

	for (int i = 1; i < argc; i++) {
		size_t f;
		for (f = 0; f < NFLAGS; f++)
			if (strcmp(argv[i], import_flags[f].flag) == 0)
				break;
		if (f < NFLAGS) {
			*(int *)((char *)&o + import_flags[f].off) = 1;
			used[f] = 1;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage("tùy chọn không xác định / unknown option");
		else if (npos < 2)
			pos[npos++] = argv[i];
		else
			return usage("thừa tham số / too many arguments");
	}
	if (npos < 2)
		return usage("cần loại dữ liệu và tệp / needs a kind and a FILE.csv");
	int kind = csvio_kind_parse(pos[0]);
	if (kind < 0)
		return usage("loại phải là facilities hoặc reports / kind must be facilities or "
			     "reports");
	for (size_t f = 0; f < NFLAGS; f++)
		if (used[f] && import_flags[f].kind >= 0 && import_flags[f].kind != kind)
			return usage("tùy chọn không dùng với loại này / option does not apply to "
				     "this kind");

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

	if (rc != 0) {
		fprintf(stderr,
			"%ld lỗi; không ghi gì vào cơ sở dữ liệu / %ld error(s); nothing was "
			"written\n",
			st.errors, st.errors);
		return EXIT_USER;
	}
	if (o.dry_run) {
		printf("%ld dòng hợp lệ, chưa ghi (--dry-run) / %ld rows OK (dry run: nothing "
		       "written)\n",
		       st.rows, st.rows);
	} else if (kind == CSVIO_FACILITIES) {
		printf("Đã đọc %ld dòng: thêm %ld cơ sở, cập nhật %ld / Read %ld rows: %ld "
		       "facilities inserted, %ld updated\n",
		       st.rows, st.inserted, st.updated, st.rows, st.inserted, st.updated);
	} else {
		printf("Đã đọc %ld dòng: thêm %ld báo cáo, thay %ld, ghi %ld dòng chi tiết / Read "
		       "%ld rows: %ld reports inserted, %ld replaced, %ld lines written\n",
		       st.rows, st.inserted, st.updated, st.lines, st.rows, st.inserted, st.updated,
		       st.lines);
	}
	return EXIT_OK;
}
