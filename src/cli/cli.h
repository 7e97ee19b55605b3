/*
 * The command line: a table of commands (cli.c), one function each, in
 * cli/cmd_NAME.c.  Exit codes: 0 success, 1 user error (with a message that
 * says what and where), 2 usage error.
 */
#ifndef SXSH_CLI_CLI_H
#define SXSH_CLI_CLI_H

#include <stdio.h>

struct db;

enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_USAGE = 2 };

/* Settings shared by every command. */
struct cli {
	const char *db_url; /* --db URL, $SXSH_DB, or var/sxsh.db */
	int tty;	    /* stderr is a terminal: show progress */
};

int cli_main(int argc, char **argv);

/*
 * Opens cli->db_url and applies pending migrations.  On failure prints the
 * reason to stderr and returns NULL (the command then exits EXIT_USER).
 */
struct db *cli_db_open(struct cli *cli);

/*
 * Like cli_db_open, for a database that must already hold sxsh's schema
 * (sxsh serve): refuses, with a message saying what to do, a SQLite file
 * that does not exist, a database with no tables, and a SQLite file that
 * fails PRAGMA quick_check; never creates one.
 */
struct db *cli_db_open_existing(struct cli *cli);

/* Prints "Usage: sxsh NAME USAGE" and the summary of cmd to f. */
void cli_usage(FILE *f, const char *name);

/*
 * Progress on a terminal: "label: done/total (pct%)" rewritten in place, at
 * most a few times a second; nothing when stderr is not a terminal.
 * cli_progress_end prints the final line.
 */
void cli_progress(struct cli *cli, const char *label, long done, long total);
void cli_progress_end(struct cli *cli, const char *label, long total);

/*
 * Prints s in a column of width characters (UTF-8 aware) on stdout,
 * right-aligned when right is set, padded with spaces; no separator.
 */
void cli_cell(const char *s, int width, int right);

/* The commands. */
int cmd_init(struct cli *cli, int argc, char **argv);
int cmd_demo(struct cli *cli, int argc, char **argv);
int cmd_serve(struct cli *cli, int argc, char **argv);
int cmd_import(struct cli *cli, int argc, char **argv);
int cmd_export(struct cli *cli, int argc, char **argv);
int cmd_stats(struct cli *cli, int argc, char **argv);
int cmd_kpi(struct cli *cli, int argc, char **argv);
int cmd_facility(struct cli *cli, int argc, char **argv);
int cmd_user(struct cli *cli, int argc, char **argv);
int cmd_keyusers(struct cli *cli, int argc, char **argv);
int cmd_check(struct cli *cli, int argc, char **argv);
int cmd_copy(struct cli *cli, int argc, char **argv);
int cmd_backup(struct cli *cli, int argc, char **argv);
int cmd_deadline(struct cli *cli, int argc, char **argv);
int cmd_campaign(struct cli *cli, int argc, char **argv);
int cmd_mail(struct cli *cli, int argc, char **argv);
int cmd_profile(struct cli *cli, int argc, char **argv);
int cmd_options(struct cli *cli, int argc, char **argv);
/* @cmd-decls */

#endif
