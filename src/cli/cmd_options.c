/*
 * sxsh options [--sector S] [--kind K] [--status S] [--triage T] [--year Y]
 * [--format table|csv|json|xlsx] [-o FILE]: the CP options across
 * assessments (model/assess/option_stats.h) with their totals, the totals
 * by sector and by kind, and the payback of each kind of option in each
 * sector, fastest first.  Codes are those of the API: the sector a VSIC
 * prefix ("10"), kind, status and triage their codes.  The table prints
 * numbers the Vietnamese way; CSV (one row per option) uses '.' decimals;
 * JSON is {"options": [...], "totals": {...}, "by_sector": [...],
 * "by_kind": [...], "payback": [...]} in plain numbers (null for a
 * figure that is not known); xlsx writes FILE (-o, required) as the page's
 * "Tải Excel" does, in Vietnamese.  The command acts as province staff:
 * every assessment.  Exit 0, 1 (storage), 2 (usage).
 */
#include "cli/cli_int.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/accounts/principal.h"
#include "model/assess/option_stats.h"
#include "model/io/csvio.h"
#include "model/store.h"
#include "render/sheets.h"
#include "render/xlsx.h"
#include "util/arena.h"
#include "util/fmt.h"

enum op_format { OP_TABLE, OP_CSV, OP_JSON, OP_XLSX, OP__MAX };
static const char *const op_formats[OP__MAX] = {"table", "csv", "json", "xlsx"};

static const char *
code_of(const struct name *t, int n, int i)
{
	return i >= 0 && i < n ? t[i].code : "";
}

/* A JSON number, or null when not finite. */
static json_t *
jnum(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *
json_sum(const struct optstat_sum *s, const char *key)
{
	json_t *o = json_object();
	if (key != NULL) {
		json_object_set_new(o, key, json_string(s->code));
		json_object_set_new(o, "name_vi", json_string(s->name_vi));
		json_object_set_new(o, "name_en", json_string(s->name_en));
	}
	json_object_set_new(o, "count", json_integer(s->count));
	json_object_set_new(o, "investment_vnd", json_real(s->capex));
	json_object_set_new(o, "saving_vnd_per_year", json_real(s->saving));
	json_object_set_new(o, "toe_per_year", json_real(s->toe));
	json_object_set_new(o, "co2_t_per_year", json_real(s->co2_t));
	json_object_set_new(o, "saving_missing", json_integer(s->saving_missing));
	json_object_set_new(o, "toe_missing", json_integer(s->toe_missing));
	return o;
}

static void
print_json(const struct optstat_result *r)
{
	json_t *root = json_object(), *opts = json_array(), *sec = json_array(),
	       *kind = json_array(), *pb = json_array();
	for (int i = 0; i < r->n; i++) {
		const struct optstat_item *it = &r->items[i];
		const struct cp_option *o = it->o;
		json_t *j = json_object();
		json_object_set_new(j, "id", json_integer(o->id));
		json_object_set_new(j, "title", json_string(o->title));
		json_object_set_new(j, "assessment_id", json_integer(it->assessment_id));
		json_object_set_new(j, "assessment_year", json_integer(it->year));
		json_object_set_new(
		    j, "assessment_state",
		    json_string(code_of(names_state, WF_STATE__MAX, (int)it->state)));
		json_object_set_new(j, "facility_code", json_string(it->facility_code));
		json_object_set_new(j, "facility_name", json_string(it->facility_name));
		json_object_set_new(j, "sector", json_string(it->sector_code));
		json_object_set_new(j, "division", json_string(it->division));
		json_object_set_new(
		    j, "kind",
		    json_string(code_of(names_option_kind, NAMES_OPTION_KIND_N, o->kind)));
		json_object_set_new(j, "triage",
				    json_string(code_of(names_triage, NAMES_TRIAGE_N, o->triage)));
		json_object_set_new(
		    j, "status",
		    json_string(code_of(names_option_status, NAMES_OPTION_STATUS_N, o->status)));
		json_object_set_new(j, "investment_vnd", json_real(o->capex));
		json_object_set_new(j, "saving_vnd_per_year", jnum(it->saving));
		json_object_set_new(j, "simple_payback_years",
				    jnum(o->fin_ok ? o->fin.simple_payback : NAN));
		json_object_set_new(j, "toe_per_year", jnum(o->toe));
		json_object_set_new(j, "co2_t_per_year", jnum(o->co2_t));
		json_object_set_new(j, "counted", json_boolean(it->counted));
		json_array_append_new(opts, j);
	}
	for (int i = 0; i < r->nsector; i++)
		json_array_append_new(sec, json_sum(&r->by_sector[i], "division"));
	for (int i = 0; i < r->nkind; i++)
		json_array_append_new(kind, json_sum(&r->by_kind[i], "kind"));
	for (int i = 0; i < r->npayback; i++) {
		const struct optstat_payback *p = &r->payback[i];
		json_t *j = json_object();
		json_object_set_new(j, "division", json_string(p->division));
		json_object_set_new(
		    j, "kind",
		    json_string(code_of(names_option_kind, NAMES_OPTION_KIND_N, p->kind)));
		json_object_set_new(j, "count", json_integer(p->count));
		json_object_set_new(j, "with_payback", json_integer(p->npayback));
		json_object_set_new(j, "median_years", jnum(p->median));
		json_object_set_new(j, "min_years", jnum(p->min));
		json_object_set_new(j, "never", json_integer(p->never));
		json_object_set_new(j, "no_data", json_integer(p->no_data));
		json_array_append_new(pb, j);
	}
	json_t *tot = json_sum(&r->total, NULL);
	json_object_set_new(tot, "listed", json_integer(r->n));
	json_object_set_new(tot, "rejected_counted", json_boolean(r->with_rejected));
	json_object_set_new(root, "options", opts);
	json_object_set_new(root, "totals", tot);
	json_object_set_new(root, "by_sector", sec);
	json_object_set_new(root, "by_kind", kind);
	json_object_set_new(root, "payback", pb);
	json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	putchar('\n');
	json_decref(root);
}

static void
csv_num(double v)
{
	char num[32];
	putchar(',');
	if (isfinite(v))
		fputs(fmt_exact(num, sizeof(num), v), stdout);
}

static void
print_csv(const struct optstat_result *r)
{
	puts("id,title,assessment_id,year,facility_code,facility_name,sector,division,kind,"
	     "triage,status,investment_vnd,saving_vnd_per_year,simple_payback_years,toe_per_year,"
	     "co2_t_per_year,counted");
	for (int i = 0; i < r->n; i++) {
		const struct optstat_item *it = &r->items[i];
		const struct cp_option *o = it->o;
		printf("%lld,", (long long)o->id);
		csvio_put_field(stdout, o->title);
		printf(",%lld,%d,", (long long)it->assessment_id, it->year);
		csvio_put_field(stdout, it->facility_code);
		putchar(',');
		csvio_put_field(stdout, it->facility_name);
		putchar(',');
		csvio_put_field(stdout, it->sector_code);
		printf(",%s,%s,%s,%s", it->division,
		       code_of(names_option_kind, NAMES_OPTION_KIND_N, o->kind),
		       code_of(names_triage, NAMES_TRIAGE_N, o->triage),
		       code_of(names_option_status, NAMES_OPTION_STATUS_N, o->status));
		csv_num(o->capex);
		csv_num(it->saving);
		csv_num(o->fin_ok ? o->fin.simple_payback : NAN);
		csv_num(o->toe);
		csv_num(o->co2_t);
		printf(",%d\n", it->counted);
	}
}

static void
cell(const char *s, int width, int right)
{
	cli_cell(s, width, right);
	putchar(' ');
}

/* One line of sums under the table's header: label in a column of width, then tail. */
static void
sum_row(const char *label, int width, const struct optstat_sum *s, const char *tail)
{
	char a[48], b[48], c[48], d[48], n[16];
	snprintf(n, sizeof(n), "%d", s->count);
	cell(label, width, 0);
	cell(n, 5, 1);
	cell(fmt_num(a, sizeof(a), s->capex, 0, LANG_VI), 18, 1);
	cell(fmt_num(b, sizeof(b), s->saving, 0, LANG_VI), 18, 1);
	cell(fmt_qty(c, sizeof(c), s->toe, FMT_TOE, LANG_VI), 12, 1);
	cell(fmt_qty(d, sizeof(d), s->co2_t, FMT_CO2, LANG_VI), 12, 1);
	printf("%s\n", tail);
}

static void
sum_head(const char *first, int width, const char *tail)
{
	cell(first, width, 0);
	cell("Số", 5, 1);
	cell("Vốn (đồng)", 18, 1);
	cell("Tiết kiệm đ/năm", 18, 1);
	cell("TOE/năm", 12, 1);
	cell("tCO2/năm", 12, 1);
	printf("%s\n", tail);
}

static void
print_table(const struct optstat_result *r)
{
	char a[48], b[48], c[48], d[48];
	printf("Giải pháp SXSH của các đánh giá / CP options across assessments\n\n");
	printf("Tính %d trong %d giải pháp%s.\n", r->total.count, r->n,
	       r->with_rejected ? " (gồm cả giải pháp bị loại)"
				: " (thực hiện ngay, cần nghiên cứu thêm hoặc đã thực hiện)");
	printf("Tổng vốn đầu tư: %s đồng; Tiết kiệm: %s đồng/năm; %s TOE/năm; %s tấn CO2/năm\n\n",
	       fmt_num(a, sizeof(a), r->total.capex, 0, LANG_VI),
	       fmt_num(b, sizeof(b), r->total.saving, 0, LANG_VI),
	       fmt_qty(c, sizeof(c), r->total.toe, FMT_TOE, LANG_VI),
	       fmt_qty(d, sizeof(d), r->total.co2_t, FMT_CO2, LANG_VI));
	printf("Hoàn vốn theo ngành và loại / Payback by sector and kind\n");
	cell("Ngành", 6, 0);
	cell("Loại / Kind", 34, 0);
	cell("Số", 5, 1);
	cell("Trung vị", 10, 1);
	cell("Min", 10, 1);
	cell("Không", 6, 1);
	printf("Chưa có số liệu\n");
	for (int i = 0; i < r->npayback; i++) {
		const struct optstat_payback *p = &r->payback[i];
		char n[16], nv[16], nd[16];
		snprintf(n, sizeof(n), "%d", p->count);
		snprintf(nv, sizeof(nv), "%d", p->never);
		snprintf(nd, sizeof(nd), "%d", p->no_data);
		cell(p->division, 6, 0);
		cell(p->kind >= 0 && p->kind < NAMES_OPTION_KIND_N
			 ? names_option_kind[p->kind].name_vi
			 : "",
		     34, 0);
		cell(n, 5, 1);
		cell(isfinite(p->median) ? fmt_num(a, sizeof(a), p->median, 1, LANG_VI) : "—", 10,
		     1);
		cell(isfinite(p->min) ? fmt_num(b, sizeof(b), p->min, 1, LANG_VI) : "—", 10, 1);
		cell(nv, 6, 1);
		printf("%s\n", nd);
	}
	printf("\nTheo ngành / By sector\n");
	sum_head("Ngành", 6, "Tên ngành");
	for (int i = 0; i < r->nsector; i++)
		sum_row(r->by_sector[i].code, 6, &r->by_sector[i], r->by_sector[i].name_vi);
	printf("\nTheo loại / By kind\n");
	sum_head("Loại", 34, "");
	for (int i = 0; i < r->nkind; i++)
		sum_row(r->by_kind[i].name_vi, 34, &r->by_kind[i], "");
}

static int
usage(const char *opt, const char *msg)
{
	fprintf(stderr, "sxsh options: %s%s%s\n", opt != NULL ? opt : "", opt != NULL ? ": " : "",
		msg);
	cli_usage(stderr, "options");
	return EXIT_USAGE;
}

/* The index of code in t, or -1 (usage error printed by the caller). */
static int
index_of(const struct name *t, int n, const char *code)
{
	const struct name *nm = names_find(t, n, code);
	return nm == NULL ? -1 : (int)(nm - t);
}

int
cmd_options(struct cli *cli, int argc, char **argv)
{
	struct optstat_filter f;
	optstat_filter_init(&f);
	int fmt = OP_TABLE;
	const char *out_path = NULL;
	char m[CLI_MSG_MAX];
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (i + 1 >= argc)
			return usage(NULL, cli_label(MSG_CLI_INVALID_ARG));
		const char *v = argv[++i];
		if (strcmp(o, "-o") == 0) {
			out_path = v;
		} else if (strcmp(o, "--sector") == 0) {
			size_t len = strlen(v);
			if (len == 0 || len > 5 || strspn(v, "0123456789") != len)
				return usage(o, cli_label(MSG_CLI_INVALID_ARG));
			f.sector = v;
		} else if (strcmp(o, "--kind") == 0) {
			if ((f.kind = index_of(names_option_kind, NAMES_OPTION_KIND_N, v)) < 0)
				return usage(o, cli_label(MSG_CLI_INVALID_ARG));
		} else if (strcmp(o, "--status") == 0) {
			if ((f.status = index_of(names_option_status, NAMES_OPTION_STATUS_N, v)) <
			    0)
				return usage(o, cli_label(MSG_CLI_INVALID_ARG));
		} else if (strcmp(o, "--triage") == 0) {
			if ((f.triage = index_of(names_triage, NAMES_TRIAGE_N, v)) < 0)
				return usage(o, cli_label(MSG_CLI_INVALID_ARG));
		} else if (strcmp(o, "--year") == 0) {
			int64_t y;
			if (parse_int64(v, &y) != 0 || y < 1990 || y > 2100)
				return usage(o, cli_label(MSG_CLI_BAD_YEAR));
			f.year = (int)y;
		} else if (strcmp(o, "--format") == 0) {
			fmt = -1;
			for (int k = 0; k < OP__MAX; k++)
				if (strcmp(v, op_formats[k]) == 0)
					fmt = k;
			if (fmt < 0)
				return usage(o, cli_text(m, sizeof(m), MSG_CLI_FORMAT_CHOICE, "ss",
							 "table, csv, json", "xlsx"));
		} else {
			return usage(NULL, cli_label(MSG_CLI_INVALID_ARG));
		}
	}
	if ((fmt == OP_XLSX) != (out_path != NULL))
		return usage(NULL, cli_label(MSG_CLI_XLSX_O_ONLY));

	int rc = EXIT_USER;
	struct arena a;
	arena_init(&a);
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		goto out;
	static const struct principal province = {.role = ROLE_PROVINCE};
	struct optstat_result r;
	if (optstat_list(db, &province, &f, &a, &r) != ST_OK) {
		fprintf(stderr, "sxsh options: %s\n", store_errmsg(db));
		goto out;
	}
	if (fmt == OP_XLSX) {
		char err[512];
		struct xlsx *x = xlsx_open(out_path);
		if (sheets_source(x, db, SHEETS_VI) < 0 ||
		    sheets_options_across(x, &r, SHEETS_VI) < 0) {
			xlsx_discard(x);
			fprintf(stderr, "sxsh options: %s: %s\n", out_path,
				cli_label(MSG_CLI_CANNOT_WRITE));
			goto out;
		}
		if (xlsx_close(x, err, sizeof(err)) < 0) {
			fprintf(stderr, "sxsh options: %s: %s\n", cli_label(MSG_CLI_CANNOT_WRITE),
				err);
			goto out;
		}
	} else if (fmt == OP_JSON) {
		print_json(&r);
	} else if (fmt == OP_CSV) {
		print_csv(&r);
	} else {
		print_table(&r);
	}
	rc = EXIT_OK;
out:
	arena_free(&a);
	store_close(db);
	return rc;
}
