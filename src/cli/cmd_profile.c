/*
 * sxsh profile list | show NAME | export NAME [-o FILE.json] |
 * import FILE.json [--replace] | delete NAME: the column-mapping profiles
 * (model/io/mapping.h) as stored in the database, in and out as JSON
 * (docs/mapping-profiles.md).  "show" and "export" print the same JSON;
 * "export -o" writes it to a file.  Exit 1 on a user error (an unknown
 * profile, a bad file), 2 on a usage error.  "refdata DIR" loads the
 * reference rows a set of profiles maps to (see refdata() below).
 */
#include "cli/cli_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/io/mapping.h"
#include "model/registry/refdata.h"
#include "model/store.h"
#include "util/alloc.h"

#define WHO "sxsh profile"

static int
usage(enum msg_id why)
{
	fprintf(stderr, "%s: %s\n", WHO, cli_label(why));
	fprintf(stderr,
		"%s: sxsh profile list | show NAME | export NAME [-o FILE.json] | import FILE.json "
		"[--replace] | delete NAME | refdata DIR\n",
		cli_label(MSG_CLI_USAGE));
	return EXIT_USAGE;
}

/* The whole file at path (malloc'd, NUL-terminated), or NULL with errno. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t n = 0, cap = 1 << 16;
	char *s = xmalloc(cap);
	size_t r;
	while ((r = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (cap - n - 1 == 0)
			s = xrealloc(s, cap *= 2);
		if (n > (size_t)16 << 20) { /* a profile is a few kilobytes */
			errno = EFBIG;
			fclose(f);
			free(s);
			return NULL;
		}
	}
	s[n] = '\0';
	fclose(f);
	return s;
}

static int
list(struct db *db)
{
	struct mapping_info *m;
	int n;
	if (mapping_list(db, &m, &n) != ST_OK) {
		fprintf(stderr, "%s: %s\n", WHO, store_errmsg(db));
		return EXIT_USER;
	}
	for (int i = 0; i < n; i++)
		printf("%s\t%s\t%lld\t%s\n", m[i].name, csvio_kind_name(m[i].target),
		       (long long)m[i].version, m[i].updated_by);
	free(m);
	return EXIT_OK;
}

static int
show(struct db *db, const char *name, const char *out)
{
	struct mapping_profile *p;
	enum status st = mapping_get(db, name, &p);
	if (st == ST_NOTFOUND) {
		cli_error(WHO, MSG_MAP_NOT_FOUND, "s", name);
		return EXIT_USER;
	}
	if (st != ST_OK) {
		fprintf(stderr, "%s: %s\n", WHO, store_errmsg(db));
		return EXIT_USER;
	}
	char *json = mapping_to_json(p);
	mapping_free(p);
	int rc = EXIT_OK;
	if (out == NULL) {
		fputs(json, stdout);
	} else {
		FILE *f = fopen(out, "w");
		if (f == NULL || fputs(json, f) < 0 || fclose(f) != 0) {
			fprintf(stderr, "%s: %s: %s\n", WHO, out, strerror(errno));
			rc = EXIT_USER;
		}
	}
	free(json);
	return rc;
}

static int
import(struct db *db, const char *path, int replace)
{
	char err[1024];
	char *text = slurp(path);
	if (text == NULL) {
		fprintf(stderr, "%s: %s: %s\n", WHO, path, strerror(errno));
		return EXIT_USER;
	}
	struct mapping_profile *p = mapping_from_json(text, err, sizeof(err));
	free(text);
	if (p == NULL) {
		fprintf(stderr, "%s: %s: %s\n", WHO, path, err);
		return EXIT_USER;
	}
	int64_t version = 0;
	enum status st = mapping_save(db, NULL, (int64_t)time(NULL), p, replace ? -1 : 0, &version);
	int rc = EXIT_OK;
	if (st == ST_EXISTS) {
		cli_error(WHO, MSG_MAP_EXISTS, "s", p->name);
		rc = EXIT_USER;
	} else if (st != ST_OK) {
		fprintf(stderr, "%s: %s\n", WHO, store_errmsg(db));
		rc = EXIT_USER;
	} else {
		cli_say(stdout, MSG_MAP_SAVED, "sj", p->name, version);
		putchar('\n');
	}
	mapping_free(p);
	return rc;
}

/*
 * Loads the reference rows a set of profiles maps to (a test province's
 * units, the products of its opaque production units) from DIR/units.csv,
 * DIR/products.csv and DIR/admin_units.csv, those that exist, in that
 * order, each in the format of data/NAME.csv (refdata_load_file).
 */
static int
refdata(struct db *db, const char *dir)
{
	static const char *const files[] = {"units.csv", "products.csv", "admin_units.csv"};
	int loaded = 0;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[4096], err[1024];
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		char *text = slurp(path);
		if (text == NULL && errno == ENOENT)
			continue;
		if (text == NULL) {
			fprintf(stderr, "%s: %s: %s\n", WHO, path, strerror(errno));
			return EXIT_USER;
		}
		int rc = refdata_load_file(db, files[i], text, strlen(text), err, sizeof(err));
		free(text);
		if (rc != 0) {
			fprintf(stderr, "%s: %s: %s\n", WHO, path, err);
			return EXIT_USER;
		}
		printf("%s\n", path);
		loaded++;
	}
	if (loaded == 0) {
		fprintf(stderr, "%s: %s: %s\n", WHO, dir, strerror(ENOENT));
		return EXIT_USER;
	}
	return EXIT_OK;
}

static int delete (struct db *db, const char *name)
{
	enum status st = mapping_delete(db, NULL, (int64_t)time(NULL), name);
	if (st == ST_NOTFOUND) {
		cli_error(WHO, MSG_MAP_NOT_FOUND, "s", name);
		return EXIT_USER;
	}
	if (st != ST_OK) {
		fprintf(stderr, "%s: %s\n", WHO, store_errmsg(db));
		return EXIT_USER;
	}
	cli_say(stdout, MSG_MAP_DELETED, "s", name);
	putchar('\n');
	return EXIT_OK;
}

int
cmd_profile(struct cli *cli, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL, *arg = NULL, *out = NULL;
	int replace = 0;
	if (sub == NULL)
		return usage(MSG_CLI_UNKNOWN_SUBCOMMAND);
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--replace") == 0 && strcmp(sub, "import") == 0)
			replace = 1;
		else if (strcmp(argv[i], "-o") == 0 && strcmp(sub, "export") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage(MSG_CLI_UNKNOWN_OPTION);
		else if (arg == NULL)
			arg = argv[i];
		else
			return usage(MSG_CLI_TOO_MANY_ARGS);
	}
	int needs_arg = strcmp(sub, "list") != 0;
	if (strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 && strcmp(sub, "export") != 0 &&
	    strcmp(sub, "import") != 0 && strcmp(sub, "delete") != 0 && strcmp(sub, "refdata") != 0)
		return usage(MSG_CLI_UNKNOWN_SUBCOMMAND);
	if (needs_arg != (arg != NULL))
		return usage(needs_arg ? MSG_CLI_UNKNOWN_SUBCOMMAND : MSG_CLI_TOO_MANY_ARGS);

	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	int rc;
	if (strcmp(sub, "list") == 0)
		rc = list(db);
	else if (strcmp(sub, "show") == 0 || strcmp(sub, "export") == 0)
		rc = show(db, arg, out);
	else if (strcmp(sub, "import") == 0)
		rc = import(db, arg, replace);
	else if (strcmp(sub, "refdata") == 0)
		rc = refdata(db, arg);
	else
		rc = delete (db, arg);
	store_close(db);
	return rc;
}

/* The import's sink: prints each problem to stderr and counts them. */
struct problems {
	long n;
};

static void
problem_print(void *ctx, const char *where, const char *reason)
{
	((struct problems *)ctx)->n++;
	mapping_err_print(stderr, where, reason);
}

int
cli_import_profile(struct cli *cli, int kind, const char *path, const char *profile, int o_dry_run,
		   int o_update, int o_replace)
{
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	struct mapping_profile *p = NULL;
	int rc = EXIT_USER;
	enum status st = mapping_get(db, profile, &p);
	if (st == ST_NOTFOUND) {
		cli_error("sxsh import", MSG_MAP_NOT_FOUND, "s", profile);
		goto out;
	}
	if (st != ST_OK) {
		fprintf(stderr, "sxsh import: %s\n", store_errmsg(db));
		goto out;
	}
	if ((int)p->target != kind) {
		cli_error("sxsh import", MSG_MAP_TARGET, "sss", profile, csvio_kind_name(p->target),
			  csvio_kind_name((enum csvio_kind)kind));
		goto out;
	}
	struct mapping_opts o = {.dry_run = o_dry_run, .update = o_update, .replace = o_replace};
	struct mapping_stats ms;
	struct problems pr = {0};
	int r = mapping_import_path(db, p, path, NULL, &o, problem_print, &pr, &ms);
	if (ms.cs.encoding != NULL && ms.cs.sep != 0) {
		char sep[2] = {ms.cs.sep, '\0'};
		cli_say(stderr, MSG_CSV_READ_AS, "ss", ms.cs.encoding, sep);
		fputc('\n', stderr);
	}
	if (r != 0) {
		cli_say(stderr, MSG_CLI_IMPORT_ERRORS, "j", (int64_t)pr.n);
		fputc('\n', stderr);
		goto out;
	}
	if (o_dry_run)
		cli_say(stdout, MSG_MAP_SUMMARY_DRY, "jjj", (int64_t)ms.rows,
			(int64_t)(ms.rows - ms.bad_rows), (int64_t)ms.bad_rows);
	else
		cli_say(stdout, MSG_MAP_SUMMARY, "jjj", (int64_t)ms.rows, (int64_t)ms.imported,
			(int64_t)ms.bad_rows);
	putchar('\n');
	if (ms.values_left_out > 0 || ms.costs_left_out > 0) {
		cli_say(stdout, MSG_MAP_LEFT_OUT, "jj", (int64_t)ms.values_left_out,
			(int64_t)ms.costs_left_out);
		putchar('\n');
	}
	if (ms.converted > 0) {
		cli_say(stdout, MSG_MAP_CONVERTED, "j", (int64_t)ms.converted);
		putchar('\n');
	}
	rc = EXIT_OK;
out:
	mapping_free(p);
	store_close(db);
	return rc;
}
