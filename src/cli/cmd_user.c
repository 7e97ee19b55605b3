/*
 * sxsh user add|list|passwd|disable: accounts from the command line, for
 * the first administrator and for scripts.  The rules are those of
 * model/accounts/user.c (the /users page uses the same ones).
 *
 *   user add --role ROLE --email E [--name N] [--unit CODE] [--facility ID]
 *   user passwd --email E
 *   user disable --email E [--enable]
 *   user list
 *
 * add and passwd read the password from the first line of standard input
 * when it is not a terminal (so it never appears in argv or the shell
 * history); on a terminal, or when standard input is empty, they generate a
 * strong password and print it once.  passwd is a reset: it ends every
 * session of the account and revokes its API tokens (user_set_password).
 * Changes are audited with actor "cli".
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli_int.h"
#include "model/accounts/user.h"
#include "model/store.h"
#include "util/fmt.h"

/* Prints "CMD: [WHAT: ]message" to stderr, the message in both languages. */
static void
user_print_msg(const char *cmd, const char *what, const struct msg *m)
{
	char text[512];
	msg_format(m, MSG_BOTH, text, sizeof(text));
	if (what != NULL)
		fprintf(stderr, "%s: %s: %s\n", cmd, what, text);
	else
		fprintf(stderr, "%s: %s\n", cmd, text);
}

/* As user_print_msg for the accounts message id with its usual arguments. */
static void
user_print_id(const char *cmd, const char *what, enum msg_id id)
{
	struct msg m;
	user_msg(&m, id);
	user_print_msg(cmd, what, &m);
}

/* A generated password, printed once. */
static void
user_print_password(const char *password)
{
	printf("%s (%s): %s\n", cli_label(MSG_CLI_PASSWORD), cli_label(MSG_CLI_SHOWN_ONCE),
	       password);
}

struct user_opts {
	const char *role, *email, *name, *unit, *facility;
	int enable;
};

/* Options taking a value, by name; the value lands at the offset given. */
static const struct {
	const char *name;
	size_t off;
} user_value_opts[] = {
    {"--role", offsetof(struct user_opts, role)},
    {"--email", offsetof(struct user_opts, email)},
    {"--name", offsetof(struct user_opts, name)},
    {"--unit", offsetof(struct user_opts, unit)},
    {"--facility", offsetof(struct user_opts, facility)},
};

/* Parses argv[2..]; returns 0 or -1 (message printed). */
static int
user_parse(int argc, char **argv, struct user_opts *o)
{
	memset(o, 0, sizeof(*o));
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--enable") == 0) {
			o->enable = 1;
			continue;
		}
		size_t k = 0, n = sizeof(user_value_opts) / sizeof(user_value_opts[0]);
		while (k < n && strcmp(argv[i], user_value_opts[k].name) != 0)
			k++;
		if (k == n || i + 1 >= argc) {
			fprintf(stderr, "sxsh user: %s: %s\n", cli_label(MSG_CLI_INVALID_ARG),
				argv[i]);
			return -1;
		}
		*(const char **)((char *)o + user_value_opts[k].off) = argv[++i];
	}
	return 0;
}

/*
 * The new password: the first line of stdin when it is not a terminal,
 * else a generated one (*generated set).  Returns 0 or -1 (message printed).
 */
static int
user_read_password(char *out, size_t n, int *generated)
{
	*generated = 0;
	if (isatty(0)) {
		user_password_generate(out);
		*generated = 1;
		return 0;
	}
	if (fgets(out, (int)n, stdin) == NULL) {
		if (ferror(stdin)) {
			cli_error("sxsh user", MSG_CLI_USER_STDIN, "");
			return -1;
		}
		user_password_generate(out); /* empty input (</dev/null): generate */
		*generated = 1;
		return 0;
	}
	size_t len = strcspn(out, "\r\n");
	if (out[len] == '\0' && len == n - 1 && !feof(stdin)) {
		user_print_id("sxsh user", NULL, MSG_USER_PASSWORD_LONG);
		return -1;
	}
	out[len] = '\0';
	return 0;
}

static int
user_need(const char *value, const char *opt, const char *sub)
{
	if (value != NULL)
		return 0;
	fprintf(stderr, "sxsh user %s: %s %s\n", sub, cli_label(MSG_CLI_MISSING), opt);
	cli_usage(stderr, "user");
	return -1;
}

static int
cmd_user_add(struct db *db, const struct user_opts *o)
{
	struct user_new nu = {.email = o->email, .name = o->name, .unit_code = o->unit};
	if (user_role_parse(o->role, &nu.role) < 0) {
		user_print_id("sxsh user add", "--role", MSG_USER_ROLE_CODES);
		return EXIT_USER;
	}
	if (o->facility != NULL &&
	    (parse_int64(o->facility, &nu.facility_id) < 0 || nu.facility_id <= 0)) {
		user_print_id("sxsh user add", "--facility", MSG_USER_FACILITY_UNKNOWN);
		return EXIT_USER;
	}
	char password[USER_PASSWORD_MAX + 2];
	int generated;
	if (user_read_password(password, sizeof(password), &generated) < 0)
		return EXIT_USER;
	nu.password = password;
	int64_t id = 0;
	struct msg why;
	int rc = EXIT_OK;
	if (user_add(db, NULL, &nu, (int64_t)time(NULL), &id, &why) != ST_OK) {
		user_print_msg("sxsh user add", o->email, &why);
		rc = EXIT_USER;
	} else {
		printf("%s %lld: %s (%s)\n", cli_label(MSG_CLI_USER_CREATED), (long long)id,
		       o->email, o->role);
		if (generated)
			user_print_password(password);
	}
	sodium_memzero(password, sizeof(password));
	return rc;
}

/* Looks up --email into u; returns 0 or an exit code (message printed). */
static int
user_find(struct db *db, const char *sub, const char *email, struct user *u)
{
	enum status st = user_by_email(db, email, u);
	if (st == ST_OK)
		return 0;
	char cmd[32];
	snprintf(cmd, sizeof(cmd), "sxsh user %s", sub);
	user_print_id(cmd, email, st == ST_NOTFOUND ? MSG_USER_NOTFOUND : MSG_USER_INTERNAL);
	return EXIT_USER;
}

static int
cmd_user_passwd(struct db *db, const struct user_opts *o)
{
	struct user u;
	int rc = user_find(db, "passwd", o->email, &u);
	if (rc != 0)
		return rc;
	char password[USER_PASSWORD_MAX + 2];
	int generated;
	if (user_read_password(password, sizeof(password), &generated) < 0)
		return EXIT_USER;
	struct msg why;
	if (user_password_reset(db, NULL, u.id, password, (int64_t)time(NULL), &why) != ST_OK) {
		user_print_msg("sxsh user passwd", o->email, &why);
		rc = EXIT_USER;
	} else {
		printf("%s: %s\n", cli_label(MSG_CLI_USER_RESET), u.email);
		if (generated)
			user_print_password(password);
	}
	sodium_memzero(password, sizeof(password));
	return rc;
}

static int
cmd_user_disable(struct db *db, const struct user_opts *o)
{
	struct user u;
	int rc = user_find(db, "disable", o->email, &u);
	if (rc != 0)
		return rc;
	struct msg why;
	if (user_status_change(db, NULL, u.id, !o->enable, (int64_t)time(NULL), &why) != ST_OK) {
		user_print_msg("sxsh user disable", o->email, &why);
		return EXIT_USER;
	}
	printf("%s: %s\n", u.email, cli_label(o->enable ? MSG_CLI_ENABLED : MSG_CLI_DISABLED));
	return EXIT_OK;
}

static int
user_list_cmd(struct db *db)
{
	struct user *u = NULL;
	size_t n = 0;
	if (user_list(db, &u, &n) != ST_OK) {
		user_print_id("sxsh user list", NULL, MSG_USER_INTERNAL);
		return EXIT_USER;
	}
	printf("id\temail\trole\tunit\tfacility\tstatus\n");
	for (size_t i = 0; i < n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)u[i].id, u[i].email,
		       user_role_name(u[i].role), u[i].unit_code,
		       u[i].facility_id ? u[i].facility_name : "",
		       u[i].disabled ? "disabled" : "active");
	free(u);
	return EXIT_OK;
}

int
cmd_user(struct cli *cli, int argc, char **argv)
{
	static const char *const subs[] = {"add", "list", "passwd", "disable"};
	struct user_opts o;
	size_t sub = 0, nsubs = sizeof(subs) / sizeof(subs[0]);
	while (argc >= 2 && sub < nsubs && strcmp(argv[1], subs[sub]) != 0)
		sub++;
	if (argc < 2 || sub == nsubs || user_parse(argc, argv, &o) < 0) {
		cli_usage(stderr, "user");
		return EXIT_USAGE;
	}
	if ((sub == 0 && (user_need(o.role, "--role", "add") < 0 ||
			  user_need(o.email, "--email", "add") < 0)) ||
	    (sub >= 2 && user_need(o.email, "--email", subs[sub]) < 0))
		return EXIT_USAGE;
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	int rc;
	switch (sub) {
	case 0:
		rc = cmd_user_add(db, &o);
		break;
	case 1:
		rc = user_list_cmd(db);
		break;
	case 2:
		rc = cmd_user_passwd(db, &o);
		break;
	default:
		rc = cmd_user_disable(db, &o);
		break;
	}
	store_close(db);
	return rc;
}
