/*
 * sxsh init [--db URL]: creates the database (and the directory of a SQLite
 * file when missing), applies the pending migrations, loads the reference
 * data and prints a short summary: the schema version and the rows of each
 * reference table.  Running it again changes nothing but the meta
 * generation; a database newer than this binary is refused by store_migrate().
 */
#include "cli/cli_int.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "model/registry/refdata.h"
#include "model/store.h"

/* Vietnamese labels of the reference tables, by enum refdata_table. */
static const char *const table_vi[REFDATA__MAX] = {
    [REFDATA_UNIT] = "đơn vị đo",
    [REFDATA_SECTOR] = "ngành VSIC",
    [REFDATA_PRODUCT] = "sản phẩm",
    [REFDATA_CARRIER] = "dạng năng lượng",
    [REFDATA_CARRIER_FACTOR] = "hệ số quy đổi",
    [REFDATA_GRID_FACTOR] = "hệ số phát thải lưới điện",
    [REFDATA_NORM] = "định mức năng lượng",
    [REFDATA_ADMIN_UNIT] = "đơn vị hành chính",
    [REFDATA_PLAN] = "kế hoạch",
    [REFDATA_PLAN_TARGET] = "chỉ tiêu kế hoạch",
};

/*
 * Creates every missing directory above the file of a SQLite URL (a plain
 * path or file://...).  Other schemes need nothing.  Returns 0 or -1 with
 * errno set.
 */
static int
init_mkdirs(const char *url)
{
	char path[1024];

	if (strstr(url, "://") != NULL && strncmp(url, "file://", 7) != 0)
		return 0;
	if (strncmp(url, "file://", 7) == 0)
		url += 7;
	if (snprintf(path, sizeof(path), "%s", url) >= (int)sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	char *q = strchr(path, '?'); /* URI parameters are not part of the path */
	if (q != NULL)
		*q = '\0';
	char *slash = strrchr(path, '/');
	if (slash == NULL || slash == path)
		return 0;
	*slash = '\0';
	for (char *p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int
cmd_init(struct cli *cli, int argc, char **argv)
{
	char err[1024];
	struct db *db = NULL;
	int64_t counts[REFDATA__MAX];
	int applied = 0, rc = EXIT_USER;

	if (argc > 1) {
		cli_error("sxsh init", MSG_CLI_EXTRA_ARG, "s", argv[1]);
		cli_usage(stderr, "init");
		return EXIT_USAGE;
	}
	if (init_mkdirs(cli->db_url) < 0) {
		fprintf(stderr, "sxsh init: %s: %s: %s\n", cli->db_url,
			cli_label(MSG_CLI_CANNOT_MKDIR), strerror(errno));
		return EXIT_USER;
	}
	db = store_open(cli->db_url, err, sizeof(err));
	if (db == NULL) {
		char m[CLI_MSG_MAX];
		fprintf(stderr, "sxsh init: %s: %s\n",
			cli_text(m, sizeof(m), MSG_CLI_INIT_CANNOT_OPEN, "s", cli->db_url), err);
		return EXIT_USER;
	}
	if (store_migrate(db, &applied, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh init: %s: %s\n", cli->db_url, err);
		goto out;
	}
	if (refdata_load(db, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh init: %s: %s\n", cli_label(MSG_CLI_REFDATA), err);
		goto out;
	}
	if (refdata_counts(db, counts) < 0) {
		fprintf(stderr, "sxsh init: %s\n", store_errmsg(db));
		goto out;
	}
	printf("%s: %s %d (%s: %d)\n", cli->db_url, cli_label(MSG_CLI_SCHEMA_VERSION),
	       store_schema_version(db), cli_label(MSG_CLI_NEWLY_APPLIED), applied);
	printf("%s:\n", cli_label(MSG_CLI_REFDATA_LOADED));
	for (int t = 0; t < REFDATA__MAX; t++)
		printf("  %-16s %5lld  %s\n", refdata_table_name(t), (long long)counts[t],
		       table_vi[t]);
	rc = EXIT_OK;
out:
	store_close(db);
	return rc;
}
