/*
 * sxsh serve [--db URL] [--listen ADDR:PORT]: opens the database and brings
 * its schema up to date (a database newer than this binary is refused; one
 * that does not exist, has no tables or fails SQLite's quick_check is
 * refused too: `sxsh init` creates databases, serve never does),
 * then serves the web pages until SIGINT or SIGTERM, when it stops the
 * server cleanly (open connections closed, threads joined) and exits 0.
 *
 * --trusted-proxy ADDR|none (default 127.0.0.1) names the reverse proxy
 * whose X-Forwarded-Proto and X-Forwarded-For headers are believed: they
 * decide whether cookies are Secure and which address sign-in throttling
 * counts (http/server.h, docs/security.md).
 *
 * Slow clients (docs/security.md): --per-address-limit N connections at
 * once from one address (default 64, 0 = none but the overall 1,024; the
 * trusted proxy has none), --head-timeout S seconds for a whole request
 * head (default 10); sign-ins and other password hashes run on
 * --pwhash-threads N threads (default half the CPUs, at most 4) with
 * --pwhash-queue N requests waiting at most (default 16 per thread).
 *
 * E-mail (model/mail/mail.h, docs/deploy.md): --smtp URL (or SXSH_SMTP_URL)
 * names the SMTP server, --base-url URL (or SXSH_BASE_URL; default
 * http://LISTEN) starts the links the messages carry, --remind-before and
 * --remind-after the reminder days ("7,1" and "3" by default).  A
 * background thread (model/mail/worker.h) sends the outbox and ticks the
 * reminders; it stops after the HTTP server.
 *
 * The signals are blocked before the server's threads start, so they
 * inherit the mask and only this thread, waiting in sigwait, receives them.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_int.h"
#include "http/server.h"
#include "model/accounts/user.h"
#include "model/mail/mail.h"
#include "model/mail/worker.h"
#include "model/store.h"

#define SERVE_DEFAULT_LISTEN "127.0.0.1:8080"

/* The numeric options: the range a value must be in, and where it goes. */
static const struct serve_num {
	const char *name;
	unsigned min, max;
	size_t off; /* in struct http_config, an unsigned */
} serve_nums[] = {
    {"--per-address-limit", 0, HTTP_CONNECTION_LIMIT,
     offsetof(struct http_config, per_address_limit)},
    {"--head-timeout", 1, 3600, offsetof(struct http_config, head_timeout)},
    {"--pwhash-threads", 1, USER_PWHASH_CONCURRENCY, offsetof(struct http_config, pwhash_threads)},
    {"--pwhash-queue", 1, 100000, offsetof(struct http_config, pwhash_queue)},
};

/* Parses option o's value s into cfg; returns 0, or -1 with a message. */
static int
serve_num_parse(const struct serve_num *o, const char *s, struct http_config *cfg)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || v < o->min || v > o->max) {
		cli_error("sxsh serve", MSG_CLI_SERVE_NUMBER, "sjjs", o->name, (int64_t)o->min,
			  (int64_t)o->max, s);
		return -1;
	}
	/* --per-address-limit 0: no limit of its own, which the overall limit is. */
	if (v == 0)
		v = HTTP_CONNECTION_LIMIT;
	*(unsigned *)((char *)cfg + o->off) = (unsigned)v;
	return 0;
}

int
cmd_serve(struct cli *cli, int argc, char **argv)
{
	const char *listen = SERVE_DEFAULT_LISTEN;
	/*
	 * The reverse proxy whose X-Forwarded-Proto/-For are believed: by
	 * default one on this host (bench/nginx.conf style); "none" when sxsh
	 * faces clients directly.
	 */
	const char *proxy = "127.0.0.1";
	struct http_config cfg = {.db_url = cli->db_url};
	const char *smtp = NULL, *base_url = NULL, *before = NULL, *after = NULL;
	for (int i = 1; i < argc; i++) {
		const struct serve_num *num = NULL;
		for (size_t k = 0; k < sizeof(serve_nums) / sizeof(serve_nums[0]); k++)
			if (strcmp(argv[i], serve_nums[k].name) == 0 && i + 1 < argc)
				num = &serve_nums[k];
		if (num != NULL) {
			if (serve_num_parse(num, argv[++i], &cfg) < 0)
				return EXIT_USAGE;
		} else if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
			listen = argv[++i];
		} else if (strncmp(argv[i], "--listen=", 9) == 0) {
			listen = argv[i] + 9;
		} else if (strcmp(argv[i], "--trusted-proxy") == 0 && i + 1 < argc) {
			proxy = argv[++i];
		} else if (strcmp(argv[i], "--smtp") == 0 && i + 1 < argc) {
			smtp = argv[++i];
		} else if (strcmp(argv[i], "--base-url") == 0 && i + 1 < argc) {
			base_url = argv[++i];
		} else if (strcmp(argv[i], "--remind-before") == 0 && i + 1 < argc) {
			before = argv[++i];
		} else if (strcmp(argv[i], "--remind-after") == 0 && i + 1 < argc) {
			after = argv[++i];
		} else {
			fprintf(stderr, "sxsh serve: %s: %s\n", cli_label(MSG_CLI_INVALID_ARG),
				argv[i]);
			cli_usage(stderr, "serve");
			return EXIT_USAGE;
		}
	}
	if (http_parse_listen(listen, &cfg) < 0) {
		cli_error("sxsh serve", MSG_CLI_SERVE_LISTEN, "s", listen);
		return EXIT_USAGE;
	}

	struct in_addr pa = {0};
	if (strcmp(proxy, "none") != 0 && inet_pton(AF_INET, proxy, &pa) != 1) {
		cli_error("sxsh serve", MSG_CLI_SERVE_PROXY, "s", proxy);
		return EXIT_USAGE;
	}
	cfg.trusted_proxy = pa.s_addr;
	struct mail_config mc;
	if (cli_mail_config(&mc, cfg.port, smtp, base_url, before, after) < 0)
		return EXIT_USAGE;
	if (base_url == NULL && getenv("SXSH_BASE_URL") == NULL)
		snprintf(mc.base_url, sizeof(mc.base_url), "http://%s", listen);
	mail_configure(&mc);

	struct db *db = cli_db_open_existing(cli);
	if (db == NULL)
		return EXIT_USER;
	store_close(db); /* the workers open their own connections */

	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	char err[256];
	struct http_server *srv = http_server_start(&cfg, err, sizeof(err));
	if (srv == NULL) {
		fprintf(stderr, "sxsh serve: %s\n", err);
		return EXIT_USER;
	}
	struct mail_worker *mw = mail_worker_start(cli->db_url, err, sizeof(err));
	if (mw == NULL) {
		fprintf(stderr, "sxsh serve: %s\n", err);
		http_server_stop(srv);
		return EXIT_USER;
	}
	printf("sxsh: %s http://%s/\n", cli_label(MSG_CLI_SERVING), listen);
	fflush(stdout);

	int sig = 0;
	sigwait(&set, &sig);
	fprintf(stderr, "sxsh: %s (%s)\n", cli_label(MSG_CLI_STOPPING),
		sig == SIGINT ? "SIGINT" : "SIGTERM");
	http_server_stop(srv);
	mail_worker_stop(mw);
	return EXIT_OK;
}
