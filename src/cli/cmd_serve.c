/*
 * sxsh serve [--db URL] [--listen ADDR:PORT]: opens the database and brings
 * its schema up to date (a database newer than this binary is refused),
 * then serves the web pages until SIGINT or SIGTERM, when it stops the
 * server cleanly (open connections closed, threads joined) and exits 0.
 *
 * The signals are blocked before the server's threads start, so they
 * inherit the mask and only this thread, waiting in sigwait, receives them.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "db/db.h"
#include "http/server.h"

#define SERVE_DEFAULT_LISTEN "127.0.0.1:8080"

int
cmd_serve(struct cli *cli, int argc, char **argv)
{
	const char *listen = SERVE_DEFAULT_LISTEN;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
			listen = argv[++i];
		} else if (strncmp(argv[i], "--listen=", 9) == 0) {
			listen = argv[i] + 9;
		} else {
			fprintf(stderr, "sxsh serve: tham số không hợp lệ / invalid argument: %s\n",
				argv[i]);
			cli_usage(stderr, "serve");
			return EXIT_USAGE;
		}
	}
	struct http_config cfg = {.db_url = cli->db_url};
	if (http_parse_listen(listen, &cfg) < 0) {
		fprintf(stderr,
			"sxsh serve: --listen cần dạng ĐỊA_CHỈ:CỔNG (IPv4), ví dụ 127.0.0.1:8080 / "
			"expects ADDR:PORT (IPv4), e.g. 127.0.0.1:8080: '%s'\n",
			listen);
		return EXIT_USAGE;
	}

	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	db_close(db); /* the workers open their own connections */

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
	printf("sxsh: đang phục vụ / serving at http://%s/\n", listen);
	fflush(stdout);

	int sig = 0;
	sigwait(&set, &sig);
	fprintf(stderr, "sxsh: dừng / stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	http_server_stop(srv);
	return EXIT_OK;
}
