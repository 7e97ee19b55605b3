/*
 * sxsh keyusers --year Y [--format table|csv|json|xlsx -o FILE]: the key
 * energy users of a year (model/analytics/keyusers.h), the list the province sends
 * to the Ministry: code, tax code, name, district, sector, total TOE and
 * TOE per carrier (one column per carrier present in the list).  The table
 * prints numbers the Vietnamese way; CSV uses '.' decimals and JSON
 * numbers, for machines; xlsx (render/sheets.h) writes the CSV's columns to
 * FILE with numbers as numbers and the threshold above them.  Facilities
 * listed with an incomplete TOE get a warning on stderr; those whose TOE
 * cannot be computed and whose known part stays below the threshold are
 * named on stderr as "cannot compute".  The command lists the whole
 * province (it acts as province staff; district officers get their unit's
 * list from the page and the API).
 */
#include "cli/cli_int.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/io/csvio.h"
#include "model/analytics/keyusers.h"
#include "model/analytics/ledger.h"
#include "model/accounts/principal.h"
#include "model/store.h"
#include "render/sheets.h"
#include "render/xlsx.h"
#include "util/fmt.h"
#include "util/fold.h"

enum ku_format { KU_TABLE, KU_CSV, KU_JSON, KU_XLSX, KU__MAX };
static const char *const ku_formats[KU__MAX] = {"table", "csv", "json", "xlsx"};

/* The carriers present in the list, in code order (borrowed strings). */
struct ku_cols {
	const char **code;
	int n;
};

static void
print_csv(const struct keyuser_list *l, const struct ku_cols *c)
{
	fputs("code,tax_code,name,district,sector,toe", stdout);
	for (int j = 0; j < c->n; j++)
		printf(",toe_%s", c->code[j]);
	putchar('\n');
	for (int i = 0; i < l->n; i++) {
		const struct keyuser *k = &l->items[i];
		const char *f[5] = {k->code, k->tax_code, k->name, k->unit_name, k->sector_code};
		for (int j = 0; j < 5; j++) {
			if (j)
				putchar(',');
			csvio_put_field(stdout, f[j]);
		}
		printf(",%.3f", k->toe);
		for (int j = 0; j < c->n; j++) {
			double t = sheets_ku_carrier_toe(k, c->code[j]);
			if (isfinite(t))
				printf(",%.3f", t);
			else
				putchar(',');
		}
		putchar('\n');
	}
}

static void
print_json(const struct keyuser_list *l, const struct ku_cols *c)
{
	json_t *root = json_object(), *items = json_array();
	json_object_set_new(root, "year", json_integer(l->year));
	json_object_set_new(root, "threshold_toe", json_real(l->threshold_toe));
	json_object_set_new(root, "threshold_ref", json_string(l->threshold_ref));
	for (int i = 0; i < l->n; i++) {
		const struct keyuser *k = &l->items[i];
		json_t *o = json_object(), *by = json_object();
		json_object_set_new(o, "code", json_string(k->code));
		json_object_set_new(o, "tax_code", json_string(k->tax_code));
		json_object_set_new(o, "name", json_string(k->name));
		json_object_set_new(o, "district", json_string(k->unit_name));
		json_object_set_new(o, "sector", json_string(k->sector_code));
		json_object_set_new(o, "toe", json_real(round(k->toe * 1000) / 1000));
		json_object_set_new(o, "complete", json_boolean(!k->incomplete));
		for (int j = 0; j < c->n; j++) {
			double t = sheets_ku_carrier_toe(k, c->code[j]);
			if (t != 0)
				json_object_set_new(by, c->code[j],
						    isfinite(t) ? json_real(round(t * 1000) / 1000)
								: json_null());
		}
		json_object_set_new(o, "toe_by_carrier", by);
		json_array_append_new(items, o);
	}
	json_object_set_new(root, "facilities", items);
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12));
	putchar('\n');
	json_decref(root);
}

/* A table cell and the space after it. */
static void
cell(const char *s, int width, int right)
{
	cli_cell(s, width, right);
	putchar(' ');
}

static void
print_table(const struct keyuser_list *l, const struct ku_cols *c)
{
	char thr[32];
	cli_say(stdout, MSG_KU_TITLE, "d", l->year);
	putchar('\n');
	printf("%s: %s TOE/năm (%s); %d %s\n\n", cli_label(MSG_CLI_THRESHOLD),
	       fmt_num(thr, sizeof(thr), l->threshold_toe, 0, LANG_VI), l->threshold_ref, l->n,
	       cli_label(MSG_CLI_FACILITIES));
	enum { W_CODE = 12, W_TAX = 14, W_DIST = 16, W_SEC = 6, W_NUM = 12 };
	cell("Mã/Code", W_CODE, 0);
	cell("MST/Tax code", W_TAX, 0);
	cell("Huyện/District", W_DIST, 0);
	cell("Ngành", W_SEC, 0);
	cell("TOE", W_NUM, 1);
	for (int j = 0; j < c->n; j++)
		cell(c->code[j], W_NUM, 1);
	printf("Tên/Name\n");
	for (int i = 0; i < l->n; i++) {
		const struct keyuser *k = &l->items[i];
		char num[48];
		cell(k->code, W_CODE, 0);
		cell(k->tax_code, W_TAX, 0);
		cell(k->unit_name, W_DIST, 0);
		cell(k->sector_code, W_SEC, 0);
		cell(fmt_num(num, sizeof(num), k->toe, 1, LANG_VI), W_NUM, 1);
		for (int j = 0; j < c->n; j++) {
			double t = sheets_ku_carrier_toe(k, c->code[j]);
			cell(t == 0 ? "" : fmt_num(num, sizeof(num), t, 1, LANG_VI), W_NUM, 1);
		}
		printf("%s\n", k->name);
	}
}

/* xlsx is written to a file instead (render/sheets.h). */
static void (*const ku_printers[KU__MAX])(const struct keyuser_list *, const struct ku_cols *) = {
    [KU_TABLE] = print_table,
    [KU_CSV] = print_csv,
    [KU_JSON] = print_json,
};

static void
warn_errors(const struct keyuser *k, enum msg_id what, int year)
{
	for (int e = 0; e < k->nerrors; e++)
		if (strcmp(k->errors[e].what, "factor") == 0 ||
		    strcmp(k->errors[e].what, "unit") == 0)
			fprintf(stderr, "sxsh keyusers: %s %d: %s: %s %s (%s)\n", k->code, year,
				cli_label(what), k->errors[e].carrier, k->errors[e].unit,
				ledger_error_text(k->errors[e].what));
}

/* "sxsh keyusers: [OPT: ]msg", then the usage; exit 2. */
static int
usage(const char *opt, const char *msg)
{
	fprintf(stderr, "sxsh keyusers: %s%s%s\n", opt != NULL ? opt : "", opt != NULL ? ": " : "",
		msg);
	cli_usage(stderr, "keyusers");
	return EXIT_USAGE;
}

int
cmd_keyusers(struct cli *cli, int argc, char **argv)
{
	int year = 0, fmt = KU_TABLE;
	const char *out_path = NULL;
	char m[CLI_MSG_MAX];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out_path = argv[++i];
		} else if ((strcmp(argv[i], "--year") == 0 || strcmp(argv[i], "--format") == 0) &&
			   i + 1 < argc) {
			const char *v = argv[++i];
			if (argv[i - 1][2] == 'y') {
				int64_t y;
				if (parse_int64(v, &y) != 0 || y < 1990 || y > 2100)
					return usage("--year", cli_label(MSG_CLI_BAD_YEAR));
				year = (int)y;
			} else {
				fmt = -1;
				for (int f = 0; f < KU__MAX; f++)
					if (strcmp(v, ku_formats[f]) == 0)
						fmt = f;
				if (fmt < 0)
					return usage("--format",
						     cli_text(m, sizeof(m), MSG_CLI_FORMAT_CHOICE,
							      "ss", "table, csv, json", "xlsx"));
			}
		} else {
			return usage(NULL, cli_label(MSG_CLI_INVALID_ARG));
		}
	}
	if (year == 0)
		return usage(NULL, cli_label(MSG_CLI_YEAR_REQUIRED));
	if ((fmt == KU_XLSX) != (out_path != NULL))
		return usage(NULL, cli_label(MSG_CLI_XLSX_O_ONLY));

	int rc = EXIT_USER;
	char err[512];
	struct keyuser_list *l = NULL;
	struct ku_cols cols = {0};
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		goto out;
	static const struct principal province = {.role = ROLE_PROVINCE};
	if (keyusers_list(db, &province, year, &l, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh keyusers: %s\n", err);
		goto out;
	}
	cols.n = sheets_ku_carriers(l, &cols.code);
	for (int i = 0; i < l->n; i++)
		if (l->items[i].incomplete)
			warn_errors(&l->items[i], MSG_CLI_KU_INCOMPLETE, year);
	for (int i = 0; i < l->nunknown; i++)
		warn_errors(&l->unknown[i], MSG_CLI_KU_CANNOT_COMPUTE, year);
	if (fmt == KU_XLSX) {
		struct xlsx *x = xlsx_open(out_path);
		if (sheets_keyusers(x, l) < 0) {
			xlsx_discard(x);
			fprintf(stderr, "sxsh keyusers: %s: %s\n", out_path,
				cli_label(MSG_CLI_CANNOT_WRITE));
			goto out;
		}
		if (xlsx_close(x, err, sizeof(err)) < 0) {
			fprintf(stderr, "sxsh keyusers: %s: %s\n", cli_label(MSG_CLI_CANNOT_WRITE),
				err);
			goto out;
		}
	} else {
		ku_printers[fmt](l, &cols);
	}
	rc = EXIT_OK;
out:
	free(cols.code);
	keyusers_free(l);
	store_close(db);
	return rc;
}
