/*
 * Command dispatch: global options, the command table, --help, and the
 * helpers every command shares (opening the database, progress).
 */
#include "cli/cli_int.h"

#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>

#include "model/store.h"
#include "util/alloc.h"
#include "util/fold.h"

static const struct cli_cmd cmds[] = {
    {"init", MSG_CLI_CMD_INIT, "[--db URL]", cmd_init},
    {"demo", MSG_CLI_CMD_DEMO, "[--db URL] [--seed S] [--facilities N] [--replace] [--accounts]",
     cmd_demo},
    {"serve", MSG_CLI_CMD_SERVE,
     "[--db URL] [--listen ADDR:PORT] [--trusted-proxy ADDR|none] [--per-address-limit N] "
     "[--head-timeout S] [--pwhash-threads N] [--pwhash-queue N] [--smtp URL] [--base-url URL] "
     "[--remind-before DAYS] [--remind-after DAYS]",
     cmd_serve},
    {"import", MSG_CLI_CMD_IMPORT,
     "facilities|reports FILE.csv [--db URL] [--dry-run] [--update|--replace] "
     "[--profile NAME (FILE.csv|.xlsx|.xls|.ods)] | workbook "
     "FILE.xlsx|.xls|.ods [--db URL] [--dry-run] [--year Y]",
     cmd_import},
    {"export", MSG_CLI_CMD_EXPORT,
     "facilities|reports [--db URL] [--year Y] [--format csv|xlsx] [-o FILE]", cmd_export},
    {"stats", MSG_CLI_CMD_STATS, "[--db URL] [--plan CODE]", cmd_stats},
    {"kpi", MSG_CLI_CMD_KPI,
     "--year Y [--db URL] [--plan CODE] [--by unit|sector|class|ownership|size] [--format "
     "table|csv|json|xlsx -o FILE]",
     cmd_kpi},
    {"facility", MSG_CLI_CMD_FACILITY,
     "move CODE --unit UNIT --from yyyy-mm-dd | history CODE [--db URL]", cmd_facility},
    {"user", MSG_CLI_CMD_USER,
     "add --role admin|province|district|enterprise|expert --email E [--name N] [--unit CODE] "
     "[--facility ID] | list | passwd --email E | disable --email E [--enable]",
     cmd_user},
    {"keyusers", MSG_CLI_CMD_KEYUSERS, "--year Y [--db URL] [--format table|csv|json|xlsx -o FILE]",
     cmd_keyusers},
    {"check", MSG_CLI_CMD_CHECK, "[--db URL] [--year Y] [--strict] [--format text|csv]", cmd_check},
    {"copy", MSG_CLI_CMD_COPY, "--from URL --to URL [--replace]", cmd_copy},
    {"backup", MSG_CLI_CMD_BACKUP, "[--db URL] FILE", cmd_backup},
    {"deadline", MSG_CLI_CMD_DEADLINE,
     "list [--from Y --to Y] | set --year Y [--report dd/mm/yyyy] [--registration dd/mm/yyyy] "
     "[--db URL]",
     cmd_deadline},
    {"campaign", MSG_CLI_CMD_CAMPAIGN,
     "open --year Y --kind report|registration|both --deadline YYYY-MM-DD [--unit U...] "
     "[--sector S] [--size S] [--key-users] [--title T] [--base-url URL] | list | close ID | "
     "workbook ID --unit U|--facility CODE -o FILE.xlsx | progress ID "
     "[--format table|csv|json|xlsx] [-o FILE] [--db URL]",
     cmd_campaign},
    {"mail", MSG_CLI_CMD_MAIL,
     "outbox [--state queued|sending|sent|failed] [--format table|csv] | send [--dry-run] "
     "[--smtp URL] | remind [--dry-run] [--base-url URL] [--remind-before DAYS] "
     "[--remind-after DAYS] [--db URL]",
     cmd_mail},
    {"profile", MSG_CLI_CMD_PROFILE,
     "list | show NAME | export NAME [-o FILE.json] | import FILE.json [--replace] | delete NAME "
     "| refdata DIR "
     "[--db URL]",
     cmd_profile},
    {"options", MSG_CLI_CMD_OPTIONS,
     "[--db URL] [--sector S] [--kind K] [--status S] [--triage T] [--year Y] "
     "[--format table|csv|json|xlsx] [-o FILE]",
     cmd_options},
    /* @cmds */
};
#define NCMDS (sizeof(cmds) / sizeof(cmds[0]))

static const struct cli_cmd *
find_cmd(const char *name)
{
	for (size_t i = 0; i < NCMDS; i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

void
cli_usage(FILE *f, const char *name)
{
	const struct cli_cmd *c = find_cmd(name);
	if (c == NULL)
		return;
	fprintf(f, "%s: sxsh %s %s\n\n  %s\n  %s\n", cli_label(MSG_CLI_USAGE), c->name, c->usage,
		msg_template(c->summary, LANG_VI), msg_template(c->summary, LANG_EN));
	fprintf(f, "\n  --db URL   %s\n  --help     %s\n", cli_label(MSG_CLI_OPT_DB),
		cli_label(MSG_CLI_OPT_HELP));
}

static void
main_usage(FILE *f)
{
	fprintf(f, "sxsh %s — %s\n\n%s: sxsh COMMAND [OPTIONS]\n\n", SXSH_VERSION,
		cli_label(MSG_CLI_SXSH), cli_label(MSG_CLI_USAGE));
	for (size_t i = 0; i < NCMDS; i++)
		fprintf(f, "  %-8s %s\n           %s\n", cmds[i].name,
			msg_template(cmds[i].summary, LANG_VI),
			msg_template(cmds[i].summary, LANG_EN));
	fprintf(f, "\n'sxsh COMMAND --help' %s\n", cli_label(MSG_CLI_FOR_DETAILS));
}

struct db *
cli_db_open(struct cli *cli)
{
	char err[512];
	struct db *db = store_open(cli->db_url, err, sizeof(err));
	if (db == NULL) {
		fprintf(stderr, "sxsh: %s: %s\n", cli_label(MSG_CLI_CANNOT_OPEN_DB), err);
		return NULL;
	}
	int applied = 0;
	if (store_migrate(db, &applied, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh: %s: %s\n", cli->db_url, err);
		store_close(db);
		return NULL;
	}
	return db;
}

struct db *
cli_db_open_existing(struct cli *cli)
{
	char err[512];
	struct db *db = store_open_existing(cli->db_url, err, sizeof(err));
	if (db == NULL) {
		cli_error("sxsh", MSG_CLI_DB_MISSING, "ss", cli->db_url, err);
		return NULL;
	}
	if (store_check(db) < 0) {
		cli_error("sxsh", MSG_CLI_DB_DAMAGED, "ss", cli->db_url, store_errmsg(db));
		store_close(db);
		return NULL;
	}
	int n = store_table_count(db);
	if (n <= 0) {
		if (n == 0)
			cli_error("sxsh", MSG_CLI_DB_EMPTY, "s", cli->db_url);
		else
			fprintf(stderr, "sxsh: %s: %s\n", cli->db_url, store_errmsg(db));
		store_close(db);
		return NULL;
	}
	int applied = 0;
	if (store_migrate(db, &applied, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh: %s: %s\n", cli->db_url, err);
		store_close(db);
		return NULL;
	}
	return db;
}

/* Fills m with message id and the arguments types names (cli.h). */
static void
cli_msg_args(struct msg *m, enum msg_id id, const char *types, va_list ap)
{
	msg_init(m, id, NULL);
	for (const char *t = types; *t != '\0'; t++) {
		switch (*t) {
		case 's':
			msg_ref(m, va_arg(ap, const char *));
			break;
		case 'd':
			msg_plain(m, va_arg(ap, int));
			break;
		case 'j':
			msg_plain(m, va_arg(ap, int64_t));
			break;
		case 'n':
			msg_int(m, va_arg(ap, int64_t));
			break;
		default:
			abort(); /* a call site's mistake, caught by its first run */
		}
	}
}

char *
cli_text(char *out, size_t n, enum msg_id id, const char *types, ...)
{
	struct msg m;
	va_list ap;
	va_start(ap, types);
	cli_msg_args(&m, id, types, ap);
	va_end(ap);
	return msg_format(&m, MSG_BOTH, out, n);
}

void
cli_say(FILE *f, enum msg_id id, const char *types, ...)
{
	char text[CLI_MSG_MAX];
	struct msg m;
	va_list ap;
	va_start(ap, types);
	cli_msg_args(&m, id, types, ap);
	va_end(ap);
	fputs(msg_format(&m, MSG_BOTH, text, sizeof(text)), f);
}

void
cli_error(const char *who, enum msg_id id, const char *types, ...)
{
	char text[CLI_MSG_MAX];
	struct msg m;
	va_list ap;
	va_start(ap, types);
	cli_msg_args(&m, id, types, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", who, msg_format(&m, MSG_BOTH, text, sizeof(text)));
}

void
cli_msg(FILE *f, const struct msg *m)
{
	char text[CLI_MSG_MAX];
	fputs(msg_format(m, MSG_BOTH, text, sizeof(text)), f);
}

const char *
cli_label(enum msg_id id)
{
	/*
	 * Rendered into static storage, not the heap: a command prints its last
	 * labels after its commit, where an allocation that fails would end it
	 * with an error although the work was done (test_faults).
	 */
	static char kept[MSG__MAX][CLI_LABEL_MAX];
	if ((int)id < 0 || id >= MSG__MAX)
		id = MSG_ST_ERR;
	if (kept[id][0] == '\0')
		cli_text(kept[id], sizeof(kept[id]), id, "");
	return kept[id];
}

static double
now_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
cli_progress(struct cli *cli, const char *label, long done, long total)
{
	static double last;
	if (!cli->tty)
		return;
	double t = now_sec();
	if (t - last < 0.2 && done < total)
		return;
	last = t;
	fprintf(stderr, "\r%s: %ld/%ld (%ld%%)", label, done, total,
		total > 0 ? done * 100 / total : 100);
	fflush(stderr);
}

void
cli_progress_end(struct cli *cli, const char *label, long total)
{
	if (cli->tty)
		fprintf(stderr, "\r%s: %ld/%ld (100%%)\n", label, total, total);
}

void
cli_cell(const char *s, int width, int right)
{
	int pad = width - utf8_width(s);
	for (int i = 0; right && i < pad; i++)
		putchar(' ');
	fputs(s, stdout);
	for (int i = 0; !right && i < pad; i++)
		putchar(' ');
}

int
cli_main(int argc, char **argv)
{
	struct cli cli = {.db_url = getenv("SXSH_DB"), .tty = isatty(2)};
	if (cli.db_url == NULL || cli.db_url[0] == '\0')
		cli.db_url = "var/sxsh.db";

	/* Take --db out of argv wherever it stands, so commands need not. */
	int n = 0;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "sxsh: --db %s\n", cli_label(MSG_CLI_DB_NEEDS_URL));
				return EXIT_USAGE;
			}
			cli.db_url = argv[++i];
			continue;
		}
		if (strncmp(argv[i], "--db=", 5) == 0) {
			cli.db_url = argv[i] + 5;
			continue;
		}
		argv[n++] = argv[i];
	}
	argc = n;
	argv[argc] = NULL;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		main_usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("sxsh %s\n", SXSH_VERSION);
		return EXIT_OK;
	}
	const struct cli_cmd *c = find_cmd(argv[1]);
	if (c == NULL) {
		cli_error("sxsh", MSG_CLI_UNKNOWN_COMMAND, "s", argv[1]);
		main_usage(stderr);
		return EXIT_USAGE;
	}
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			cli_usage(stdout, c->name);
			return EXIT_OK;
		}
	return c->run(&cli, argc - 1, argv + 1);
}
