/*
 * What the commands share inside cli/ and main.c need not see (main.c may
 * include cli/cli.h only, which therefore names nothing of model/).
 */
#ifndef SXSH_CLI_CLI_INT_H
#define SXSH_CLI_CLI_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "model/msg.h"

/* A row of the command table (cli.c). */
struct cli_cmd {
	const char *name;
	enum msg_id summary; /* what it does, in both languages */
	const char *usage;   /* the synopsis after "sxsh NAME" */
	int (*run)(struct cli *cli, int argc, char **argv);
};

/*
 * Messages for the person at the terminal, from the catalogue of
 * model/msg.h, in both languages ("tiếng Việt / English"), nothing added
 * around them.  types names the arguments in order, one letter each:
 * 's' a text written as it is, of any length (const char *: a path, an
 * option, what was typed), 'd' an int and 'j' an int64_t written as plain
 * digits, 'n' an int64_t grouped in each language's style (1.000 / 1,000).
 *
 * cli_text renders into out (size n, always terminated; CLI_MSG_MAX is
 * enough for every message of the command line) and returns out; cli_say
 * writes to f; cli_msg writes a message the model made; cli_error writes
 * "WHO: message" and a newline to stderr (who: "sxsh copy").  cli_label returns
 * message id without arguments, rendered once and kept until the program
 * ends (not thread-safe: for the command line's own thread).
 */
#define CLI_MSG_MAX 1024
/* Bytes of a label (cli_label): a phrase, not a sentence. */
#define CLI_LABEL_MAX 320
char *cli_text(char *out, size_t n, enum msg_id id, const char *types, ...);
void cli_say(FILE *f, enum msg_id id, const char *types, ...);
void cli_msg(FILE *f, const struct msg *m);
void cli_error(const char *who, enum msg_id id, const char *types, ...);
const char *cli_label(enum msg_id id);

/*
 * The e-mail settings of `sxsh serve` and `sxsh mail` (model/mail/mail.h):
 * the environment's, then each option given (NULL: not given) checked and
 * applied: smtp (--smtp), base_url (--base-url), before and after
 * (--remind-before, --remind-after); port makes the default links.  Returns
 * 0, or -1 after printing what is wrong (the command exits EXIT_USAGE).
 */
struct mail_config;
int cli_mail_config(struct mail_config *c, unsigned port, const char *smtp, const char *base_url,
		    const char *before, const char *after);

/*
 * sxsh import KIND FILE --profile NAME: the import through a stored
 * column-mapping profile (cmd_profile.c); o_dry_run, o_update, o_replace as
 * the command's flags.  Returns the exit code.
 */
int cli_import_profile(struct cli *cli, int kind, const char *path, const char *profile,
		       int o_dry_run, int o_update, int o_replace);

#endif
