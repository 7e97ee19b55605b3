/*
 * sxsh mail outbox [--state queued|sending|sent|failed] [--format table|csv]
 * sxsh mail send [--dry-run] [--smtp URL]
 * sxsh mail remind [--dry-run] [--base-url URL] [--remind-before DAYS] [--remind-after DAYS]
 *
 * The outbox from the command line (model/mail/outbox.h): outbox lists the
 * newest messages (the table's times are Vietnam's, dd/mm/yyyy HH:MM; the
 * CSV's UTC, YYYY-MM-DDTHH:MM:SSZ, for programs); send sends what is due
 * now through the SMTP server of --smtp or SXSH_SMTP_URL, as the
 * background sender of `sxsh serve` does, or with --dry-run lists what it
 * would send; remind queues today's deadline reminders (model/mail/notice.h)
 * or with --dry-run counts them.  Exit 1 for a storage error or no SMTP
 * server, 2 for bad usage.
 */
#include "cli/cli_int.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/io/csvio.h"
#include "model/mail/mail.h"
#include "model/mail/notice.h"
#include "model/mail/outbox.h"
#include "model/store.h"

#define MAIL_CLI_PORT 8080 /* the default links: serve's default address */

int
cli_mail_config(struct mail_config *c, unsigned port, const char *smtp, const char *base_url,
		const char *before, const char *after)
{
	mail_config_env(c, port);
	/* A URL in the environment that mail_config_env could not take is an error too. */
	const char *env = getenv("SXSH_SMTP_URL");
	if (smtp == NULL && env != NULL && env[0] != '\0')
		smtp = env;
	if (smtp != NULL && mail_config_smtp(c, smtp) < 0) {
		cli_error("sxsh", MSG_CLI_MAIL_SMTP_URL, "s", smtp);
		return -1;
	}
	env = getenv("SXSH_BASE_URL");
	if (base_url == NULL && env != NULL && env[0] != '\0')
		base_url = env;
	if (base_url != NULL && mail_config_base_url(c, base_url) < 0) {
		cli_error("sxsh", MSG_CLI_MAIL_BASE_URL, "s", base_url);
		return -1;
	}
	if (before != NULL && mail_config_days(before, 1, c->before, &c->nbefore) < 0) {
		cli_error("sxsh", MSG_CLI_MAIL_DAYS, "ss", "--remind-before", before);
		return -1;
	}
	if (after != NULL && mail_config_days(after, 0, c->after, &c->nafter) < 0) {
		cli_error("sxsh", MSG_CLI_MAIL_DAYS, "ss", "--remind-after", after);
		return -1;
	}
	return 0;
}

static int
mail_usage(enum msg_id why, const char *arg)
{
	fprintf(stderr, "sxsh mail: %s '%s'\n", cli_label(why), arg);
	cli_usage(stderr, "mail");
	return EXIT_USAGE;
}

/* t (Unix s) as "dd/mm/yyyy HH:MM" in Vietnam's time (UTC+7), or "—" for 0. */
static const char *
mail_time(int64_t t, char out[48])
{
	if (t <= 0)
		return "—";
	time_t local = (time_t)(t + 7 * 3600);
	struct tm tm;
	gmtime_r(&local, &tm);
	snprintf(out, 48, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900,
		 tm.tm_hour, tm.tm_min);
	return out;
}

/* t as "YYYY-MM-DDTHH:MM:SSZ", or "" for 0. */
static const char *
mail_iso(int64_t t, char out[24])
{
	if (t <= 0)
		return "";
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

static void
mail_print_table(const struct mail_row *r, size_t n)
{
	/* The heads, '|' between, in both languages: "số|loại|…" / "id|kind|…". */
	puts(msg_template(MSG_CLI_MAIL_HEAD, LANG_VI));
	puts(msg_template(MSG_CLI_MAIL_HEAD, LANG_EN));
	for (size_t i = 0; i < n; i++) {
		char t[48];
		printf("%lld | %s | %s | %s | %s | %d | %s | %s\n", (long long)r[i].id, r[i].kind,
		       r[i].recipient, r[i].subject, r[i].state, r[i].attempts,
		       strcmp(r[i].state, "queued") == 0 ? mail_time(r[i].next_at, t) : "—",
		       r[i].last_error[0] ? r[i].last_error : "—");
	}
}

static void
mail_print_csv(const struct mail_row *r, size_t n)
{
	puts("id,kind,recipient,subject,state,attempts,next_at,last_error,created_at,sent_at");
	for (size_t i = 0; i < n; i++) {
		char a[24], b[24], c[24];
		printf("%lld,%s,", (long long)r[i].id, r[i].kind);
		csvio_put_field(stdout, r[i].recipient);
		putchar(',');
		csvio_put_field(stdout, r[i].subject);
		printf(",%s,%d,%s,", r[i].state, r[i].attempts, mail_iso(r[i].next_at, a));
		csvio_put_field(stdout, r[i].last_error);
		printf(",%s,%s\n", mail_iso(r[i].created_at, b), mail_iso(r[i].sent_at, c));
	}
}

static int
mail_outbox(struct db *db, const char *state, const char *format)
{
	static const char *const states[] = {"queued", "sending", "sent", "failed"};
	int ok = state == NULL;
	for (size_t i = 0; !ok && i < sizeof(states) / sizeof(states[0]); i++)
		ok = strcmp(state, states[i]) == 0;
	if (!ok)
		return mail_usage(MSG_CLI_MAIL_STATE, state);
	if (format != NULL && strcmp(format, "table") != 0 && strcmp(format, "csv") != 0)
		return mail_usage(MSG_CLI_INVALID_ARG, format);
	struct mail_row *rows;
	size_t n;
	if (mail_list(db, state, 0, 0, &rows, &n) != ST_OK) {
		cli_error("sxsh mail", MSG_ST_ERR, "");
		return EXIT_USER;
	}
	if (format != NULL && strcmp(format, "csv") == 0)
		mail_print_csv(rows, n);
	else
		mail_print_table(rows, n);
	free(rows);
	return EXIT_OK;
}

static int
mail_send(struct db *db, int dry_run)
{
	int64_t now = (int64_t)time(NULL);
	if (dry_run) {
		struct mail_row *rows;
		size_t n;
		if (mail_list(db, NULL, 1, now, &rows, &n) != ST_OK) {
			cli_error("sxsh mail", MSG_ST_ERR, "");
			return EXIT_USER;
		}
		for (size_t i = 0; i < n; i++)
			printf("%lld | %s | %s | %s | %d\n", (long long)rows[i].id, rows[i].kind,
			       rows[i].recipient, rows[i].subject, rows[i].attempts);
		free(rows);
		cli_say(stdout, MSG_CLI_MAIL_WOULD_SEND, "j", (int64_t)n);
		putchar('\n');
		return EXIT_OK;
	}
	if (mail_conf()->smtp_url[0] == '\0') {
		cli_error("sxsh mail send", MSG_CLI_MAIL_NO_SMTP, "");
		return EXIT_USER;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	struct mail_run run = {0};
	int rc = mail_deliver_due(db, mail_conf(), now, 1 << 30, &run);
	cli_say(stdout, MSG_CLI_MAIL_SENT, "ddd", run.sent, run.retried, run.failed);
	putchar('\n');
	if (rc < 0) {
		cli_error("sxsh mail send", MSG_ST_ERR, "");
		return EXIT_USER;
	}
	return EXIT_OK;
}

static int
mail_remind_cmd(struct db *db, int dry_run)
{
	int queued = 0;
	if (mail_remind(db, (int64_t)time(NULL), dry_run, &queued) != ST_OK) {
		cli_error("sxsh mail remind", MSG_ST_ERR, "");
		return EXIT_USER;
	}
	cli_say(stdout, dry_run ? MSG_CLI_MAIL_WOULD_REMIND : MSG_CLI_MAIL_REMINDED, "d", queued);
	putchar('\n');
	return EXIT_OK;
}

int
cmd_mail(struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return mail_usage(MSG_CLI_UNKNOWN_SUBCOMMAND, "");
	const char *sub = argv[1];
	if (strcmp(sub, "outbox") != 0 && strcmp(sub, "send") != 0 && strcmp(sub, "remind") != 0)
		return mail_usage(MSG_CLI_UNKNOWN_SUBCOMMAND, sub);
	const char *state = NULL, *format = NULL, *smtp = NULL, *base_url = NULL, *before = NULL,
		   *after = NULL;
	int dry_run = 0;
	for (int i = 2; i < argc; i++) {
		const char **slot = NULL;
		if (strcmp(argv[i], "--dry-run") == 0 && strcmp(sub, "outbox") != 0) {
			dry_run = 1;
			continue;
		}
		if (strcmp(sub, "outbox") == 0 && strcmp(argv[i], "--state") == 0)
			slot = &state;
		else if (strcmp(sub, "outbox") == 0 && strcmp(argv[i], "--format") == 0)
			slot = &format;
		else if (strcmp(sub, "send") == 0 && strcmp(argv[i], "--smtp") == 0)
			slot = &smtp;
		else if (strcmp(sub, "remind") == 0 && strcmp(argv[i], "--base-url") == 0)
			slot = &base_url;
		else if (strcmp(sub, "remind") == 0 && strcmp(argv[i], "--remind-before") == 0)
			slot = &before;
		else if (strcmp(sub, "remind") == 0 && strcmp(argv[i], "--remind-after") == 0)
			slot = &after;
		if (slot == NULL || i + 1 >= argc)
			return mail_usage(MSG_CLI_INVALID_ARG, argv[i]);
		*slot = argv[++i];
	}
	struct mail_config mc;
	if (cli_mail_config(&mc, MAIL_CLI_PORT, smtp, base_url, before, after) < 0)
		return EXIT_USAGE;
	mail_configure(&mc);
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	int rc;
	if (strcmp(sub, "outbox") == 0)
		rc = mail_outbox(db, state, format);
	else if (strcmp(sub, "send") == 0)
		rc = mail_send(db, dry_run);
	else
		rc = mail_remind_cmd(db, dry_run);
	store_close(db);
	return rc;
}
