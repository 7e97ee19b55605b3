/*
 * sxsh demo [--db URL] [--seed S] [--facilities N] [--replace] [--accounts]:
 * migrates, loads the reference data and fills the database with the
 * deterministic demo province (model/demo/demo.h), showing progress on a
 * terminal.  A database that already has facilities is left alone unless
 * --replace is given.  --accounts then makes the demo accounts, one per
 * role (model/demo/demo_accounts.h), and prints their passwords once: on a
 * database that already has a province it only creates the missing
 * accounts (existing ones are listed as "exists"); with --replace the
 * existing demo accounts get new passwords and are bound to the new
 * facilities.
 */
#include "cli/cli_int.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "model/demo/demo.h"
#include "model/demo/demo_accounts.h"
#include "model/registry/refdata.h"
#include "model/store.h"
#include "util/fmt.h"

static void
progress(void *arg, long done, long total)
{
	cli_progress(arg, "demo", done, total);
}

/* Prints s and pads it with spaces to width characters (code points, as
 * a terminal shows the Vietnamese letters), then two spaces. */
static void
demo_cell(const char *s, int width)
{
	int n = 0;
	for (const char *p = s; *p; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	printf("%s%*s", s, width > n ? width - n + 2 : 2, "");
}

/* The accounts' table, printed once: the only place the passwords appear. */
static void
demo_print_accounts(const struct demo_account *a, size_t n)
{
	static const int w[3] = {24, 14, 20};
	char exists[64];
	snprintf(exists, sizeof(exists), "(%s)", cli_label(MSG_CLI_EXISTS));
	printf("\n%s:\n  ", cli_label(MSG_CLI_DEMO_ACCOUNTS));
	demo_cell("email", w[0]);
	demo_cell(cli_label(MSG_CLI_ROLE), w[1]);
	demo_cell(cli_label(MSG_CLI_PASSWORD), w[2]);
	printf("%s\n", cli_label(MSG_CLI_SCOPE));
	for (size_t i = 0; i < n; i++) {
		char scope[400] = "";
		if (a[i].unit_code != NULL)
			snprintf(scope, sizeof(scope), "%s", a[i].unit_code);
		else if (a[i].facility_id != 0)
			snprintf(scope, sizeof(scope), "%s%s%s", a[i].facility_code,
				 a[i].facility_code[0] != '\0' ? " " : "", a[i].facility_name);
		printf("  ");
		demo_cell(a[i].email, w[0]);
		demo_cell(user_role_name(a[i].role), w[1]);
		demo_cell(a[i].state == DEMO_ACCOUNT_EXISTS ? exists : a[i].password, w[2]);
		printf("%s\n", scope);
	}
	printf("%s\n", cli_label(MSG_CLI_PASSWORDS_ONCE));
}

/* Reads the value of option argv[*i] into *out; returns 0 or -1 (message printed). */
static int
opt_int(int argc, char **argv, int *i, int64_t min, int64_t max, int64_t *out)
{
	const char *name = argv[*i];
	if (*i + 1 >= argc) {
		fprintf(stderr, "sxsh demo: %s %s\n", name, cli_label(MSG_CLI_OPT_NEEDS_NUMBER));
		return -1;
	}
	const char *v = argv[++*i];
	if (parse_int64(v, out) < 0 || *out < min || *out > max) {
		char m[CLI_MSG_MAX];
		fprintf(stderr, "sxsh demo: %s: %s\n", name,
			cli_text(m, sizeof(m), MSG_CLI_OPT_INT_RANGE, "sjj", v, min, max));
		return -1;
	}
	return 0;
}

int
cmd_demo(struct cli *cli, int argc, char **argv)
{
	int accounts = 0;
	struct demo_opts opts = {.seed = 1,
				 .facilities = DEMO_DEFAULT_FACILITIES,
				 .progress = progress,
				 .progress_arg = cli};
	for (int i = 1; i < argc; i++) {
		int64_t v;
		if (strcmp(argv[i], "--seed") == 0) {
			if (opt_int(argc, argv, &i, 0, INT64_MAX, &v) < 0)
				return EXIT_USAGE;
			opts.seed = (uint64_t)v;
		} else if (strcmp(argv[i], "--facilities") == 0) {
			if (opt_int(argc, argv, &i, 1, DEMO_MAX_FACILITIES, &v) < 0)
				return EXIT_USAGE;
			opts.facilities = (long)v;
		} else if (strcmp(argv[i], "--replace") == 0) {
			opts.replace = 1;
		} else if (strcmp(argv[i], "--accounts") == 0) {
			accounts = 1;
		} else {
			cli_error("sxsh demo", MSG_CLI_UNKNOWN_OPTION_ARG, "s", argv[i]);
			cli_usage(stderr, "demo");
			return EXIT_USAGE;
		}
	}

	int rc = EXIT_USER;
	char err[512];
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		goto out;
	/* Refuse before loading anything, so a refused run changes nothing. */
	int64_t existing;
	if (demo_facility_count(db, &existing, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh demo: %s: %s\n", cli->db_url, err);
		goto out;
	}
	if (existing > 0 && !opts.replace && accounts)
		goto accounts; /* the province is there: only the accounts */
	if (existing > 0 && !opts.replace) {
		struct msg m;
		msg_init(&m, MSG_DEMO_EXISTS, NULL);
		msg_plain(&m, existing);
		fprintf(stderr, "sxsh demo: %s: ", cli->db_url);
		cli_msg(stderr, &m);
		fputc('\n', stderr);
		goto out;
	}
	if (refdata_load(db, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh demo: %s: %s\n", cli->db_url, err);
		goto out;
	}
	struct demo_stats st;
	int drc = demo_generate(db, &opts, &st, err, sizeof(err));
	if (drc != DEMO_OK) {
		fprintf(stderr, "sxsh demo: %s: %s\n", cli->db_url, err);
		goto out;
	}
	cli_progress_end(cli, "demo", opts.facilities);
	/* One line in each language, each with its own number style. */
	char seed[24], years[24], line[CLI_MSG_MAX];
	snprintf(seed, sizeof(seed), "%llu", (unsigned long long)opts.seed);
	snprintf(years, sizeof(years), "%d–%d", st.year_min, st.year_max);
	struct msg m;
	msg_init(&m, MSG_CLI_DEMO_CREATED, NULL);
	msg_code(&m, seed);
	msg_int(&m, st.facilities);
	msg_int(&m, st.reports);
	msg_code(&m, years);
	printf("%s\n", msg_format(&m, LANG_VI, line, sizeof(line)));
	printf("%s\n", msg_format(&m, LANG_EN, line, sizeof(line)));
	printf("  output %ld, energy %ld, water %ld, material %ld rows\n", st.outputs, st.energy,
	       st.water, st.material);
	printf("  CP assessments %ld, options %ld\n", st.assessments, st.options);
accounts:
	if (accounts) {
		struct demo_account acc[DEMO_ACCOUNTS];
		if (demo_accounts_ensure(db, opts.replace, (int64_t)time(NULL), acc, err,
					 sizeof(err)) < 0) {
			fprintf(stderr, "sxsh demo --accounts: %s: %s\n", cli->db_url, err);
			goto out;
		}
		demo_print_accounts(acc, DEMO_ACCOUNTS);
		fflush(stdout);
		demo_accounts_wipe(acc, DEMO_ACCOUNTS);
	}
	rc = EXIT_OK;
out:
	store_close(db);
	return rc;
}
