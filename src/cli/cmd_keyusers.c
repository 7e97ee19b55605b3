/*
 * sxsh keyusers --year Y [--format table|csv|json|xlsx -o FILE]: the key
 * energy users of a year (model/analytics/keyusers.h), the list the province sends
 * to the Ministry: code, tax code, name, district, sector, total TOE, the
 * status (key_user, key_user_incomplete, cannot_compute), whether it is
 * listed only through a derived TOE factor (derived_only), the lines that
 * did not convert (missing) and TOE per carrier (one column per carrier
 * present in the list).  The key users come first, by TOE, then the
 * facilities whose TOE cannot be computed and whose known part stays below
 * the threshold, by code, with their status.  The table prints numbers the
 * Vietnamese way; CSV uses '.' decimals and JSON numbers, for machines
 * (JSON lists the second group as "unknown"); xlsx (render/sheets.h)
 * writes FILE in the layout of the list the province sends to the
 * Ministry, Vietnamese headers, the threshold above them.  Each line that does not convert is also
 * named on stderr as a warning.  The command lists the whole province (it acts as province staff;
 * district officers get their unit's list from the page and the API).
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
	fputs("code,tax_code,name,district,sector,toe,status,derived_only,missing", stdout);
	for (int j = 0; j < c->n; j++)
		printf(",toe_%s", c->code[j]);
	putchar('\n');
	for (int i = 0; i < l->n + l->nunknown; i++) {
		const struct keyuser *k = i < l->n ? &l->items[i] : &l->unknown[i - l->n];
		char missing[512];
		const char *f[5] = {k->code, k->tax_code, k->name, k->unit_name, k->sector_code};
		for (int j = 0; j < 5; j++) {
			if (j)
				putchar(',');
			csvio_put_field(stdout, f[j]);
		}
		char num[32];
		printf(",%s,%s,%d,", fmt_exact(num, sizeof(num), k->toe),
		       keyusers_status_code(k->status), k->derived_only);
		csvio_put_field(stdout, keyusers_missing(k, missing, sizeof(missing)));
		for (int j = 0; j < c->n; j++) {
			double t = sheets_ku_carrier_toe(k, c->code[j]);
			printf(",%s", isfinite(t) ? fmt_exact(num, sizeof(num), t) : "");
		}
		putchar('\n');
	}
}

/* One facility of the JSON list. */
static json_t *
json_keyuser(const struct keyuser *k, const struct ku_cols *c)
{
	json_t *o = json_object(), *by = json_object(), *missing = json_array();
	json_object_set_new(o, "code", json_string(k->code));
	json_object_set_new(o, "tax_code", json_string(k->tax_code));
	json_object_set_new(o, "name", json_string(k->name));
	json_object_set_new(o, "district", json_string(k->unit_name));
	json_object_set_new(o, "sector", json_string(k->sector_code));
	json_object_set_new(o, "toe", json_real(k->toe));
	json_object_set_new(o, "complete", json_boolean(!k->incomplete));
	json_object_set_new(o, "status", json_string(keyusers_status_code(k->status)));
	json_object_set_new(o, "derived_only", json_boolean(k->derived_only));
	json_object_set_new(o, "toe_derived", json_real(k->toe_derived));
	for (int e = 0; e < k->nerrors; e++) {
		const struct ledger_error *le = &k->errors[e];
		if (!keyusers_error_missing(le))
			continue;
		json_t *m = json_object();
		json_object_set_new(m, "carrier", json_string(le->carrier));
		json_object_set_new(m, "unit", json_string(le->unit));
		json_object_set_new(m, "what", json_string(le->what));
		json_array_append_new(missing, m);
	}
	json_object_set_new(o, "missing", missing);
	for (int j = 0; j < c->n; j++) {
		double t = sheets_ku_carrier_toe(k, c->code[j]);
		if (t != 0)
			json_object_set_new(by, c->code[j],
					    isfinite(t) ? json_real(t) : json_null());
	}
	json_object_set_new(o, "toe_by_carrier", by);
	return o;
}

static void
print_json(const struct keyuser_list *l, const struct ku_cols *c)
{
	json_t *root = json_object(), *items = json_array(), *unknown = json_array();
	json_object_set_new(root, "year", json_integer(l->year));
	json_object_set_new(root, "threshold_toe", json_real(l->threshold_toe));
	json_object_set_new(root, "threshold_ref", json_string(l->threshold_ref));
	for (int i = 0; i < l->n; i++)
		json_array_append_new(items, json_keyuser(&l->items[i], c));
	for (int i = 0; i < l->nunknown; i++)
		json_array_append_new(unknown, json_keyuser(&l->unknown[i], c));
	json_object_set_new(root, "facilities", items);
	json_object_set_new(root, "unknown", unknown);
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
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

/* The rows of items[0..n) under the table's header. */
static void
table_rows(const struct keyuser *items, int n, const struct ku_cols *c)
{
	enum { W_CODE = 12, W_TAX = 14, W_DIST = 16, W_SEC = 6, W_NUM = 12 };
	cell("Mã/Code", W_CODE, 0);
	cell("MST/Tax code", W_TAX, 0);
	cell("Huyện/District", W_DIST, 0);
	cell("Ngành", W_SEC, 0);
	cell("TOE", W_NUM, 1);
	for (int j = 0; j < c->n; j++)
		cell(c->code[j], W_NUM, 1);
	printf("Tên/Name\n");
	for (int i = 0; i < n; i++) {
		const struct keyuser *k = &items[i];
		char num[48], toe[56];
		cell(k->code, W_CODE, 0);
		cell(k->tax_code, W_TAX, 0);
		cell(k->unit_name, W_DIST, 0);
		cell(k->sector_code, W_SEC, 0);
		snprintf(toe, sizeof(toe), "%s%s",
			 fmt_qty(num, sizeof(num), k->toe, FMT_TOE, LANG_VI),
			 k->derived_only ? "*" : "");
		cell(toe, W_NUM, 1);
		for (int j = 0; j < c->n; j++) {
			double t = sheets_ku_carrier_toe(k, c->code[j]);
			cell(t == 0 ? "" : fmt_qty(num, sizeof(num), t, FMT_TOE, LANG_VI), W_NUM,
			     1);
		}
		printf("%s\n", k->name);
	}
}

static void
print_table(const struct keyuser_list *l, const struct ku_cols *c)
{
	char thr[32];
	cli_say(stdout, MSG_KU_TITLE, "d", l->year);
	putchar('\n');
	printf("%s: %s TOE/năm (%s); %d %s\n\n", cli_label(MSG_CLI_THRESHOLD),
	       fmt_qty(thr, sizeof(thr), l->threshold_toe, FMT_TOE, LANG_VI), l->threshold_ref,
	       l->n, cli_label(MSG_CLI_FACILITIES));
	table_rows(l->items, l->n, c);
	for (int i = 0; i < l->n; i++)
		if (l->items[i].derived_only) {
			putchar('\n');
			cli_say(stdout, MSG_CLI_KU_DERIVED_NOTE, "");
			putchar('\n');
			break;
		}
	if (l->nunknown > 0) {
		putchar('\n');
		cli_say(stdout, MSG_CLI_KU_CANNOT, "d", l->nunknown);
		printf("\n\n");
		table_rows(l->unknown, l->nunknown, c);
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
		if (keyusers_error_missing(&k->errors[e]))
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
		if (sheets_source(x, db, SHEETS_VI) < 0 || sheets_keyusers(x, db, l) < 0) {
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
