/*
 * sxsh campaign: survey campaigns (model/survey/campaign.h).
 *
 *   open --year Y --kind report|registration|both --deadline YYYY-MM-DD
 *        [--unit U ...] [--sector S] [--size S] [--key-users] [--title T]
 *        [--base-url URL]
 *        opens a campaign and prints its id (only the id, on stdout); the
 *        invitations it queues link to the workbooks under URL (default
 *        $SXSH_BASE_URL, else serve's default address, as `sxsh mail`);
 *   list  the campaigns, newest first: kind and state in words (Vietnamese/
 *        English), deadline dd/mm/yyyy, columns aligned by characters;
 *   close ID
 *        closes a campaign (no more reminders, no link on the enterprise home);
 *   workbook ID --unit U|--facility CODE -o FILE.xlsx
 *        the workbook of one district or one facility (render/workbook.h);
 *   progress ID [--format table|csv|json|xlsx] [-o FILE]
 *        invited, opened, draft, submitted and accepted per district and in
 *        total (xlsx needs -o; the others go to stdout or to FILE).
 *
 * The command acts as province staff.  Field errors are printed one a line
 * in both languages, named by their option.
 */
#include "cli/cli_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/io/csvio.h"
#include "model/mail/mail.h"
#include "model/reporting/home.h"
#include "model/store.h"
#include "model/survey/campaign.h"
#include "render/sheets.h"
#include "render/workbook.h"
#include "render/xlsx.h"
#include "util/arena.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/fold.h"

#define WHO "sxsh campaign"

/* "sxsh campaign: [OPT: ]msg", then the usage; exit 2. */
static int
usage(const char *opt, const char *msg)
{
	fprintf(stderr, WHO ": %s%s%s\n", opt != NULL ? opt : "", opt != NULL ? ": " : "", msg);
	cli_usage(stderr, "campaign");
	return EXIT_USAGE;
}

/* The option a field error of campaign_open is about. */
static const char *
field_option(const char *field)
{
	static const struct {
		const char *field, *opt;
	} map[] = {{"year", "--year"},	 {"kind", "--kind"},	      {"deadline", "--deadline"},
		   {"units", "--unit"},	 {"sector", "--sector"},      {"size", "--size"},
		   {"title", "--title"}, {"key_users", "--key-users"}};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].field, field) == 0)
			return map[i].opt;
	return NULL;
}

static int
do_open(struct cli *cli, int argc, char **argv)
{
	struct campaign_in in = {0};
	const char *units[CAMPAIGN_UNITS_MAX + 1];
	const char *base_url = NULL;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--key-users") == 0) {
			in.key_users = 1;
			continue;
		}
		if (i + 1 >= argc)
			return usage(a, cli_label(MSG_CLI_OPT_NEEDS_VALUE));
		const char *v = argv[++i];
		if (strcmp(a, "--year") == 0)
			in.year = v;
		else if (strcmp(a, "--kind") == 0)
			in.kind = v;
		else if (strcmp(a, "--deadline") == 0)
			in.deadline = v;
		else if (strcmp(a, "--sector") == 0)
			in.sector = v;
		else if (strcmp(a, "--size") == 0)
			in.size = v;
		else if (strcmp(a, "--title") == 0)
			in.title = v;
		else if (strcmp(a, "--base-url") == 0)
			base_url = v;
		else if (strcmp(a, "--unit") == 0 && in.nunits <= CAMPAIGN_UNITS_MAX)
			units[in.nunits++] = v;
		else
			return usage(a, cli_label(MSG_CLI_UNKNOWN_OPTION));
	}
	in.units = units;
	/* The invitations' links (model/mail/mail.h: mail_conf). */
	struct mail_config mc;
	if (cli_mail_config(&mc, 8080, NULL, base_url, NULL, NULL) < 0)
		return EXIT_USAGE;
	mail_configure(&mc);
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t id = 0;
	long n = 0;
	int rc = campaign_open(db, NULL, &in, (int64_t)time(NULL), &id, &n, &errs);
	store_close(db);
	if (rc == ST_OK) {
		printf("%lld\n", (long long)id);
		struct msg m;
		msg_init(&m, MSG_CAMP_OPENED, NULL);
		msg_plain(&m, id);
		msg_int(&m, n);
		cli_msg(stderr, &m);
		fputc('\n', stderr);
		return EXIT_OK;
	}
	if (rc == ST_INVALID) {
		for (int i = 0; i < errs.n; i++) {
			const char *opt = field_option(errs.e[i].field);
			fprintf(stderr, WHO ": %s%s", opt != NULL ? opt : "",
				opt != NULL ? ": " : "");
			cli_msg(stderr, &errs.e[i].msg);
			fputc('\n', stderr);
		}
		return EXIT_USER;
	}
	struct msg m;
	msg_init(&m, msg_status(rc), NULL);
	fputs(WHO ": ", stderr);
	cli_msg(stderr, &m);
	fputc('\n', stderr);
	return EXIT_USER;
}

/* s padded with spaces to width characters (not bytes), left or right aligned. */
static void
cell(FILE *f, const char *s, int width, int right)
{
	int pad = width - utf8_width(s);
	for (int i = 0; right && i < pad; i++)
		fputc(' ', f);
	fputs(s, f);
	for (int i = 0; !right && i < pad; i++)
		fputc(' ', f);
}

/* A kind or a state in both languages, "Vietnamese/English" as the other tables' heads. */
static const char *
both(char *out, size_t n, const char *vi, const char *en)
{
	snprintf(out, n, "%s/%s", vi, en);
	return out;
}

#define LIST_COLS 7
#define CELL_MAX  160

/*
 * The campaigns as a table: id, year, kind and state in words, deadline
 * dd/mm/yyyy, facilities, title; each column as wide as its widest cell in
 * characters, two spaces between; the title last, not padded.
 */
static void
list_table(FILE *f, const struct campaign *v, int n)
{
	static const char *const head[LIST_COLS] = {
	    "Số/ID",	    "Năm/Year",		"Nội dung/Kind",
	    "Hạn nộp/Due",  "Trạng thái/State", "Cơ sở/Facilities",
	    "Tiêu đề/Title"};
	static const int right[LIST_COLS] = {1, 0, 0, 0, 0, 1, 0};
	char(*c)[LIST_COLS][CELL_MAX] = xcalloc((size_t)n + 1, sizeof(*c));
	int w[LIST_COLS];
	for (int k = 0; k < LIST_COLS; k++) {
		snprintf(c[0][k], CELL_MAX, "%s", head[k]);
		w[k] = utf8_width(head[k]);
	}
	for (int i = 0; i < n; i++) {
		char(*r)[CELL_MAX] = c[i + 1];
		const struct name *kind = &campaign_kinds[v[i].kind];
		char due[HOME_DATE_SIZE];
		snprintf(r[0], CELL_MAX, "%lld", (long long)v[i].id);
		snprintf(r[1], CELL_MAX, "%d", v[i].year);
		both(r[2], CELL_MAX, kind->name_vi, kind->name_en);
		snprintf(r[3], CELL_MAX, "%s", home_date_show(v[i].deadline, due));
		if (v[i].open)
			both(r[4], CELL_MAX, "Đang mở", "Open");
		else
			both(r[4], CELL_MAX, "Đã đóng", "Closed");
		fmt_int(r[5], CELL_MAX, v[i].nfacilities, LANG_VI);
		snprintf(r[6], CELL_MAX, "%s", v[i].title);
		for (int k = 0; k < LIST_COLS; k++)
			if (utf8_width(r[k]) > w[k])
				w[k] = utf8_width(r[k]);
	}
	for (int i = 0; i <= n; i++) {
		for (int k = 0; k < LIST_COLS - 1; k++) {
			cell(f, c[i][k], w[k], right[k]);
			fputs("  ", f);
		}
		fprintf(f, "%s\n", c[i][LIST_COLS - 1]);
	}
	free(c);
}

static int
do_list(struct cli *cli, int argc, char **argv)
{
	(void)argv;
	if (argc > 2)
		return usage(argv[2], cli_label(MSG_CLI_UNEXPECTED_ARG));
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	struct arena a;
	arena_init(&a);
	struct campaign *v;
	int n, rc = campaign_list(db, NULL, &a, &v, &n);
	if (rc == ST_OK && n == 0)
		cli_say(stdout, MSG_CAMP_NONE, "");
	else if (rc == ST_OK)
		list_table(stdout, v, n);
	arena_free(&a);
	store_close(db);
	return rc == ST_OK ? EXIT_OK : EXIT_USER;
}

static int
do_close(struct cli *cli, int argc, char **argv)
{
	int64_t id;
	if (argc < 3 || parse_int64(argv[2], &id) != 0 || id <= 0)
		return usage("ID", cli_label(MSG_CLI_INVALID_ARG));
	if (argc > 3)
		return usage(argv[3], cli_label(MSG_CLI_UNEXPECTED_ARG));
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	int rc = campaign_close(db, NULL, id, (int64_t)time(NULL));
	store_close(db);
	if (rc == ST_OK) {
		cli_say(stdout, MSG_CAMP_CLOSED, "j", id);
		putchar('\n');
		return EXIT_OK;
	}
	if (rc == ST_NOTFOUND)
		cli_error(WHO, MSG_CAMP_NOT_FOUND, "j", id);
	else if (rc == ST_STATE)
		cli_error(WHO, MSG_CAMP_IS_CLOSED, "j", id);
	else
		cli_error(WHO, MSG_ST_ERR, "");
	return EXIT_USER;
}

/* The campaign id of argv[2]; 0 when it is not one. */
static int64_t
arg_id(int argc, char **argv)
{
	int64_t id;
	if (argc < 3 || parse_int64(argv[2], &id) != 0 || id <= 0)
		return 0;
	return id;
}

static int
do_workbook(struct cli *cli, int argc, char **argv)
{
	int64_t id = arg_id(argc, argv);
	if (id == 0)
		return usage("ID", cli_label(MSG_CLI_INVALID_ARG));
	const char *unit = NULL, *fac = NULL, *out = NULL;
	for (int i = 3; i < argc; i++) {
		if (i + 1 >= argc)
			return usage(argv[i], cli_label(MSG_CLI_OPT_NEEDS_VALUE));
		if (strcmp(argv[i], "--unit") == 0)
			unit = argv[++i];
		else if (strcmp(argv[i], "--facility") == 0)
			fac = argv[++i];
		else if (strcmp(argv[i], "-o") == 0)
			out = argv[++i];
		else
			return usage(argv[i], cli_label(MSG_CLI_UNKNOWN_OPTION));
	}
	if ((unit == NULL) == (fac == NULL))
		return usage(NULL, cli_label(MSG_CAMP_ONE_TARGET));
	if (out == NULL)
		return usage("-o", cli_label(MSG_CLI_MISSING));
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	struct arena a;
	arena_init(&a);
	int ret = EXIT_USER;
	struct campaign_book *b;
	struct campaign c;
	int rc = campaign_get(db, NULL, &a, id, &c);
	if (rc == ST_NOTFOUND) {
		cli_error(WHO, MSG_CAMP_NOT_FOUND, "j", id);
		goto out;
	}
	if (rc == ST_OK)
		rc = campaign_book_load(db, NULL, &a, id, unit, fac, (int64_t)time(NULL), &b);
	if (rc == ST_NOTFOUND) {
		cli_error(WHO, MSG_CAMP_NOT_IN, "s", unit != NULL ? unit : fac);
		goto out;
	}
	if (rc != ST_OK) {
		fprintf(stderr, WHO ": %s\n", store_errmsg(db));
		goto out;
	}
	char err[512];
	if (workbook_write(out, b, err, sizeof(err)) < 0) {
		fprintf(stderr, WHO ": %s: %s (%s)\n", cli_label(MSG_CLI_CANNOT_WRITE), out, err);
		goto out;
	}
	ret = EXIT_OK;
out:
	arena_free(&a);
	store_close(db);
	return ret;
}

enum pg_format { PF_TABLE, PF_CSV, PF_JSON, PF_XLSX, PF__MAX };
static const char *const pg_formats[PF__MAX] = {"table", "csv", "json", "xlsx"};

#define PROGRESS_COLS 6

/*
 * The progress as a table: the campaign's title, its year, kind and state
 * in words and its deadline dd/mm/yyyy, then a row per district and the
 * total; columns as wide as their widest cell in characters.
 */
static void
progress_table(FILE *f, const struct campaign *c, const struct campaign_progress *p)
{
	char due[HOME_DATE_SIZE];
	home_date_show(c->deadline, due);
	const struct name *kind = &campaign_kinds[c->kind];
	fprintf(f, "%s\n", c->title);
	fprintf(f, "Năm/Year %d; %s/%s; hạn nộp/due %s; %s\n\n", c->year, kind->name_vi,
		kind->name_en, due, c->open ? "đang mở/open" : "đã đóng/closed");
	static const char *const head[PROGRESS_COLS] = {"Huyện/District",   "Được mời/Invited",
							"Đã mở/Opened",	    "Nháp/Draft",
							"Đã nộp/Submitted", "Chấp nhận/Accepted"};
	int rows = p->n + 2;
	char(*t)[PROGRESS_COLS][CELL_MAX] = xcalloc((size_t)rows, sizeof(*t));
	int w[PROGRESS_COLS];
	for (int k = 0; k < PROGRESS_COLS; k++)
		snprintf(t[0][k], CELL_MAX, "%s", head[k]);
	for (int i = 0; i <= p->n; i++) {
		const struct campaign_count *u = i < p->n ? &p->units[i] : &p->total;
		char(*r)[CELL_MAX] = t[i + 1];
		snprintf(r[0], CELL_MAX, "%s", i < p->n ? u->unit_name : "Tổng cộng/Total");
		long v[5] = {u->invited, u->opened, u->draft, u->submitted, u->accepted};
		for (int k = 0; k < 5; k++)
			fmt_int(r[k + 1], CELL_MAX, v[k], LANG_VI);
	}
	for (int k = 0; k < PROGRESS_COLS; k++) {
		w[k] = 0;
		for (int i = 0; i < rows; i++)
			if (utf8_width(t[i][k]) > w[k])
				w[k] = utf8_width(t[i][k]);
	}
	for (int i = 0; i < rows; i++) {
		for (int k = 0; k < PROGRESS_COLS; k++) {
			if (k > 0)
				fputs("  ", f);
			cell(f, t[i][k], w[k], k > 0);
		}
		fputc('\n', f);
	}
	free(t);
}

static void
progress_csv(FILE *f, const struct campaign_progress *p)
{
	fputs("unit_code,unit,invited,opened,draft,submitted,accepted\n", f);
	for (int i = 0; i <= p->n; i++) {
		const struct campaign_count *u = i < p->n ? &p->units[i] : &p->total;
		csvio_put_field(f, i < p->n ? u->unit_code : "total");
		fputc(',', f);
		csvio_put_field(f, u->unit_name);
		fprintf(f, ",%ld,%ld,%ld,%ld,%ld\n", u->invited, u->opened, u->draft, u->submitted,
			u->accepted);
	}
}

static json_t *
count_json(const struct campaign_count *u)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I}", "invited", (json_int_t)u->invited, "opened",
			 (json_int_t)u->opened, "draft", (json_int_t)u->draft, "submitted",
			 (json_int_t)u->submitted, "accepted", (json_int_t)u->accepted);
}

static void
progress_json(FILE *f, const struct campaign *c, const struct campaign_progress *p)
{
	json_t *units = json_array();
	for (int i = 0; i < p->n; i++) {
		json_t *o = count_json(&p->units[i]);
		json_object_set_new(o, "unit_code", json_string(p->units[i].unit_code));
		json_object_set_new(o, "unit", json_string(p->units[i].unit_name));
		json_array_append_new(units, o);
	}
	json_t *root =
	    json_pack("{s:I, s:i, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)c->id, "year",
		      c->year, "kind", campaign_kinds[c->kind].code, "deadline", c->deadline,
		      "title", c->title, "units", units, "total", count_json(&p->total));
	json_dumpf(root, f, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(root);
}

static int
do_progress(struct cli *cli, int argc, char **argv)
{
	int64_t id = arg_id(argc, argv);
	if (id == 0)
		return usage("ID", cli_label(MSG_CLI_INVALID_ARG));
	int fmt = PF_TABLE;
	const char *out = NULL;
	char m[CLI_MSG_MAX];
	for (int i = 3; i < argc; i++) {
		if (i + 1 >= argc)
			return usage(argv[i], cli_label(MSG_CLI_OPT_NEEDS_VALUE));
		if (strcmp(argv[i], "-o") == 0) {
			out = argv[++i];
		} else if (strcmp(argv[i], "--format") == 0) {
			const char *v = argv[++i];
			fmt = -1;
			for (int k = 0; k < PF__MAX; k++)
				if (strcmp(v, pg_formats[k]) == 0)
					fmt = k;
			if (fmt < 0)
				return usage("--format",
					     cli_text(m, sizeof(m), MSG_CLI_FORMAT_CHOICE, "ss",
						      "table, csv, json", "xlsx"));
		} else {
			return usage(argv[i], cli_label(MSG_CLI_UNKNOWN_OPTION));
		}
	}
	if (fmt == PF_XLSX && out == NULL)
		return usage("-o", cli_label(MSG_CLI_XLSX_NEEDS_O));
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		return EXIT_USER;
	struct arena a;
	arena_init(&a);
	int ret = EXIT_USER;
	struct campaign c;
	struct campaign_progress p;
	int rc = campaign_get(db, NULL, &a, id, &c);
	if (rc == ST_OK)
		rc = campaign_progress(db, NULL, &a, id, &p);
	if (rc == ST_NOTFOUND) {
		cli_error(WHO, MSG_CAMP_NOT_FOUND, "j", id);
		goto out;
	}
	if (rc != ST_OK) {
		fprintf(stderr, WHO ": %s\n", store_errmsg(db));
		goto out;
	}
	char err[512];
	if (fmt == PF_XLSX) {
		struct xlsx *x = xlsx_open(out);
		if (sheets_source(x, db, SHEETS_VI) < 0 || workbook_progress(x, &c, &p, 0) < 0) {
			xlsx_discard(x);
			fprintf(stderr, WHO ": %s: %s\n", cli_label(MSG_CLI_CANNOT_WRITE), out);
			goto out;
		}
		if (xlsx_close(x, err, sizeof(err)) < 0) {
			fprintf(stderr, WHO ": %s: %s\n", cli_label(MSG_CLI_CANNOT_WRITE), err);
			goto out;
		}
		ret = EXIT_OK;
		goto out;
	}
	FILE *f = out != NULL ? fopen(out, "w") : stdout;
	if (f == NULL) {
		fprintf(stderr, WHO ": %s: %s\n", cli_label(MSG_CLI_CANNOT_WRITE), out);
		goto out;
	}
	if (fmt == PF_TABLE)
		progress_table(f, &c, &p);
	else if (fmt == PF_CSV)
		progress_csv(f, &p);
	else
		progress_json(f, &c, &p);
	if (f != stdout && fclose(f) != 0) {
		fprintf(stderr, WHO ": %s: %s\n", cli_label(MSG_CLI_CANNOT_WRITE), out);
		goto out;
	}
	ret = EXIT_OK;
out:
	arena_free(&a);
	store_close(db);
	return ret;
}

int
cmd_campaign(struct cli *cli, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct cli *, int, char **);
	} subs[] = {{"open", do_open},
		    {"list", do_list},
		    {"close", do_close},
		    {"workbook", do_workbook},
		    {"progress", do_progress}};
	if (argc < 2)
		return usage(NULL, cli_label(MSG_CLI_UNKNOWN_SUBCOMMAND));
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (strcmp(argv[1], subs[i].name) == 0)
			return subs[i].run(cli, argc, argv);
	return usage(argv[1], cli_label(MSG_CLI_UNKNOWN_SUBCOMMAND));
}
