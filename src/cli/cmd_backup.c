/*
 * sxsh backup --db URL FILE: writes a consistent copy of a SQLite database
 * to FILE with SQLite's online backup API while the server keeps running
 * (db_backup).  FILE must not exist yet.  A PostgreSQL database is backed up
 * with pg_dump instead; the command says so and exits 1.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"

int
cmd_backup(struct cli *cli, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "sxsh backup: cần đúng một tệp đích / exactly one target FILE\n");
		return EXIT_USAGE;
	}
	const char *path = argv[1];
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "sxsh backup: %s: tệp đã có / the file exists already\n", path);
		return EXIT_USER;
	}
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	int rc = EXIT_USER;
	if (db_backup(db, path) != DB_OK) {
		fprintf(stderr, "sxsh backup: %s\n", db_errmsg(db));
		if (strcmp(db_dialect(db), "sqlite") == 0)
			unlink(path);
		goto out;
	}
	printf("Đã sao lưu / backed up %s -> %s\n", cli->db_url, path);
	rc = 0;
out:
	db_close(db);
	return rc;
}
