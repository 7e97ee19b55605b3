/*
 * sxsh backup --db URL FILE: writes a consistent copy of a SQLite database
 * to FILE with SQLite's online backup API while the server keeps running
 * (store_backup).  FILE must not exist yet.  A PostgreSQL database is backed up
 * with pg_dump instead; the command says so and exits 1.
 */
#include "cli/cli_int.h"

#include <stdio.h>
#include <unistd.h>

#include "model/store.h"

int
cmd_backup(struct cli *cli, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		cli_error("sxsh backup", MSG_CLI_BACKUP_ONE_FILE, "");
		return EXIT_USAGE;
	}
	const char *path = argv[1];
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "sxsh backup: %s: %s\n", path, cli_label(MSG_CLI_FILE_EXISTS));
		return EXIT_USER;
	}
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	int rc = EXIT_USER;
	int brc = store_backup(db, path);
	if (brc == STORE_BACKUP_PG) {
		cli_error("sxsh backup", MSG_CLI_PG_BACKUP, "");
		goto out;
	}
	if (brc < 0) {
		fprintf(stderr, "sxsh backup: %s\n", store_errmsg(db));
		goto out;
	}
	printf("%s %s -> %s\n", cli_label(MSG_CLI_BACKED_UP), cli->db_url, path);
	rc = 0;
out:
	store_close(db);
	return rc;
}
