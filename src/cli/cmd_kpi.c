/*
 * sxsh kpi --year Y|all [--plan CODE] [--by unit|sector|class|ownership|size|all]
 *          [--format table|csv|json|xlsx -o FILE] [--time]
 *
 * The plan's indicators for one year (or every year with reports), for
 * the province and, with --by, for each group of a breakdown (or of all
 * five) that has active facilities that year
 * (model/analytics/kpi.h states the rules, including the unit of a facility across
 * the 2025 reform).  Every figure comes with yes, known, active, both
 * shares (share: of known answers; share_active: of all active, the one
 * compared with the target), coverage and the plan's target of that year
 * (none outside its period; kpi_target_at).  Four formats:
 *   table  aligned, Vietnamese and English headers, Vietnamese numbers;
 *   csv    one row per (group, indicator), header row, '.' decimals,
 *          shares and coverage as fractions (empty when undefined),
 *          target_pct/target_from/target_by of the year (empty outside a
 *          target period), target_met 1/0 (empty without a target) and
 *          compared_with "share_active" when a target applies; the
 *          province first, then groups in the breakdown's order;
 *   json   {plan, year, indicators: [...], groups: [{by, code, name,
 *          name_en, indicators: [...]}], pilot_models: {target, target_from,
 *          target_by, accepted_by_target, accepted_to_year, accepted_total,
 *          target_met}}, keys in that order, null for an undefined share or
 *          coverage; each indicator's from_assessments counts the yes that
 *          come from CP assessments (kpi.h); with --year all, an array of
 *          them.
 *   xlsx   the csv's columns headed in Vietnamese in FILE (render/sheets.h):
 *          a sheet for the province with a column chart of the shares by
 *          year, one per breakdown, shares as percents.
 * --time prints the computation's wall time to stderr (bench/indicators.sh).
 * Exit 1 for an unknown plan, 2 for bad usage.
 */
#include "cli/cli_int.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/io/csvio.h"
#include "model/analytics/kpi.h"
#include "model/registry/refdata.h"
#include "model/store.h"
#include "render/sheets.h"
#include "render/xlsx.h"
#include "util/fmt.h"
#include "util/fold.h"

enum kpi_format { KF_TABLE, KF_CSV, KF_JSON, KF_XLSX, KF__MAX };
static const char *const kpi_formats[KF__MAX] = {"table", "csv", "json", "xlsx"};

/* "45,2 %" or "—" for a fraction. */
static char *
pct(char *b, size_t n, double fraction)
{
	return fmt_qty(b, n, fraction * 100.0, FMT_PCT, LANG_VI);
}

/*
 * The target of series s for year as "50 % (2016–2020): đạt / met" (v
 * compared through kpi_target_met), or "—" when no target applies in year.
 */
static char *
target_text(char *b, size_t n, const struct kpi_series *s, int year, const struct kpi_value *v)
{
	char num[32];
	const struct kpi_target *t = kpi_target_at(s, year);
	if (t == NULL) {
		snprintf(b, n, "—");
		return b;
	}
	int met = kpi_target_met(v, t);
	snprintf(b, n, "%s (%d–%d)%s%s", fmt_qty(num, sizeof(num), t->pct, FMT_TARGET, LANG_VI),
		 t->from, t->by, met < 0 ? "" : ": ",
		 met < 0 ? "" : cli_label(met ? MSG_KPI_MET : MSG_KPI_NOT_MET));
	return b;
}

/* After a year's table: which share meets the target, and a note when the plan sets none. */
static void
target_notes(const struct kpi_result *r, int year)
{
	printf("\n%s\n%s\n", msg_template(MSG_KPI_COMPARED, LANG_VI),
	       msg_template(MSG_KPI_COMPARED, LANG_EN));
	if (kpi_targets_in(r, year) == 0) {
		struct msg m;
		char out[512];
		msg_init(&m, MSG_KPI_NO_TARGET, NULL);
		msg_code(&m, r->plan_code);
		msg_plain(&m, year);
		printf("%s. %s\n", msg_format(&m, MSG_BOTH, out, sizeof(out)),
		       cli_label(MSG_KPI_LOAD_TARGETS));
	}
}

/* ---- table ---- */

enum {
	TCOL_NAME,
	TCOL_SHARE_ALL,
	TCOL_SHARE,
	TCOL_YES,
	TCOL_KNOWN,
	TCOL_ACTIVE,
	TCOL_COV,
	TCOL_TARGET,
	TCOL__MAX
};
static const char *const tcol_head[TCOL__MAX][2] = {
    [TCOL_NAME] = {"Chỉ tiêu", "Indicator"},
    [TCOL_SHARE_ALL] = {"Trên tổng số", "Of all"},
    [TCOL_SHARE] = {"Trong số đã biết", "Of known"},
    [TCOL_YES] = {"Có", "Yes"},
    [TCOL_KNOWN] = {"Đã biết", "Known"},
    [TCOL_ACTIVE] = {"Đang hoạt động", "Active"},
    [TCOL_COV] = {"Độ phủ", "Coverage"},
    [TCOL_TARGET] = {"Mục tiêu", "Target"},
};

static void
table_province(const struct kpi_result *r, int year)
{
	char cell[KPI__MAX][TCOL__MAX][96];
	int width[TCOL__MAX];
	for (int c = 0; c < TCOL__MAX; c++) {
		width[c] = utf8_width(tcol_head[c][0]);
		if (utf8_width(tcol_head[c][1]) > width[c])
			width[c] = utf8_width(tcol_head[c][1]);
	}
	for (int k = 0; k < KPI__MAX; k++) {
		const struct kpi_series *s = &r->series[k];
		const struct kpi_value *v = &s->values[year - r->first_year];
		snprintf(cell[k][TCOL_NAME], sizeof(cell[k][TCOL_NAME]), "%s / %s", s->short_vi,
			 s->short_en);
		pct(cell[k][TCOL_SHARE_ALL], sizeof(cell[k][TCOL_SHARE_ALL]), v->share_active);
		pct(cell[k][TCOL_SHARE], sizeof(cell[k][TCOL_SHARE]), v->share);
		fmt_int(cell[k][TCOL_YES], sizeof(cell[k][TCOL_YES]), v->yes, LANG_VI);
		fmt_int(cell[k][TCOL_KNOWN], sizeof(cell[k][TCOL_KNOWN]), v->known, LANG_VI);
		fmt_int(cell[k][TCOL_ACTIVE], sizeof(cell[k][TCOL_ACTIVE]), v->active, LANG_VI);
		pct(cell[k][TCOL_COV], sizeof(cell[k][TCOL_COV]), v->coverage);
		target_text(cell[k][TCOL_TARGET], sizeof(cell[k][TCOL_TARGET]), s, year, v);
		for (int c = 0; c < TCOL__MAX; c++)
			if (utf8_width(cell[k][c]) > width[c])
				width[c] = utf8_width(cell[k][c]);
	}
	printf("%s %s — %s %d\n", cli_label(MSG_CLI_PLAN), r->plan_code, cli_label(MSG_CLI_YEAR),
	       year);
	/* The legend's own slashes are divisions: "vi (en)" here. */
	printf("%s (%s)\n\n", msg_template(MSG_CLI_KPI_LEGEND, LANG_VI),
	       msg_template(MSG_CLI_KPI_LEGEND, LANG_EN));
	for (int h = 0; h < 2; h++) {
		for (int c = 0; c < TCOL__MAX; c++) {
			cli_cell(tcol_head[c][h], c + 1 < TCOL__MAX ? width[c] : 0,
				 c != TCOL_NAME && c != TCOL_TARGET);
			fputs(c + 1 < TCOL__MAX ? "  " : "\n", stdout);
		}
	}
	for (int k = 0; k < KPI__MAX; k++)
		for (int c = 0; c < TCOL__MAX; c++) {
			cli_cell(cell[k][c], c + 1 < TCOL__MAX ? width[c] : 0,
				 c != TCOL_NAME && c != TCOL_TARGET);
			fputs(c + 1 < TCOL__MAX ? "  " : "\n", stdout);
		}
	target_notes(r, year);
	if (isfinite(r->min_saving_pct)) {
		struct msg m;
		char out[512];
		msg_init(&m, MSG_KPI_SAVING_RULE, NULL);
		msg_real(&m, r->min_saving_pct, -1);
		printf("%s\n", msg_format(&m, MSG_BOTH, out, sizeof(out)));
	}
	char num[32], nc[32];
	printf("\n%s: %s; %s %d; %s: %s\n", cli_label(MSG_CLI_MIN_SAVING),
	       isfinite(r->min_saving_pct) ? pct(num, sizeof(num), r->min_saving_pct / 100.0) : "—",
	       cli_label(MSG_CLI_BASELINE_FROM), r->baseline_from,
	       cli_label(MSG_CLI_SAVING_NOT_COMPUTABLE),
	       fmt_int(nc, sizeof(nc), r->not_computable, LANG_VI));
}

/* One group cell: "12,0 % (120/1.000) | 45,2 % (120/300) | 30,0 %" (MSG_KPI_CELL_LEGEND). */
static void
group_cell(char *out, size_t n, const struct kpi_value *v)
{
	char all[48], share[48], cov[48], yes[32], known[32], active[32];
	fmt_int(yes, sizeof(yes), v->yes, LANG_VI);
	snprintf(out, n, "%s (%s/%s) | %s (%s/%s) | %s", pct(all, sizeof(all), v->share_active),
		 yes, fmt_int(active, sizeof(active), v->active, LANG_VI),
		 pct(share, sizeof(share), v->share), yes,
		 fmt_int(known, sizeof(known), v->known, LANG_VI),
		 pct(cov, sizeof(cov), v->coverage));
}

static void
table_groups(const struct kpi_result *r, const struct kpi_breakdown *b, int year)
{
	enum { GC_CODE, GC_NAME, GC_ACTIVE, GC_IND };
	enum { NCOLS = GC_IND + KPI__MAX };
	const char *head[NCOLS][2] = {
	    [GC_CODE] = {"Mã", "Code"},
	    [GC_NAME] = {"Nhóm", "Group"},
	    [GC_ACTIVE] = {"Đang hoạt động", "Active"},
	};
	for (int k = 0; k < KPI__MAX; k++) {
		head[GC_IND + k][0] = r->series[k].short_vi;
		head[GC_IND + k][1] = r->series[k].short_en;
	}
	int width[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		width[c] = utf8_width(head[c][0]) > utf8_width(head[c][1]) ? utf8_width(head[c][0])
									   : utf8_width(head[c][1]);
	char cell[NCOLS][128];
	/* Two passes: widths, then the rows. */
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			printf("\n%s %s — %s: %s\n\n", cli_label(MSG_CLI_BY), kpi_by_name(b->by),
			       cli_label(MSG_CLI_EACH_CELL_LC), cli_label(MSG_KPI_CELL_LEGEND));
			for (int h = 0; h < 2; h++)
				for (int c = 0; c < NCOLS; c++) {
					cli_cell(head[c][h], c + 1 < NCOLS ? width[c] : 0, 0);
					fputs(c + 1 < NCOLS ? "  " : "\n", stdout);
				}
		}
		for (int g = 0; g < b->ngroups; g++) {
			const struct kpi_value *v0 = kpi_group_value(b, g, year, 0);
			if (v0 == NULL || v0->active == 0)
				continue;
			snprintf(cell[GC_CODE], sizeof(cell[GC_CODE]), "%s", b->groups[g].code);
			snprintf(cell[GC_NAME], sizeof(cell[GC_NAME]), "%s", b->groups[g].name_vi);
			fmt_int(cell[GC_ACTIVE], sizeof(cell[GC_ACTIVE]), v0->active, LANG_VI);
			for (int k = 0; k < KPI__MAX; k++)
				group_cell(cell[GC_IND + k], sizeof(cell[GC_IND + k]),
					   kpi_group_value(b, g, year, (enum kpi_indicator)k));
			for (int c = 0; c < NCOLS; c++) {
				if (pass == 0) {
					if (utf8_width(cell[c]) > width[c])
						width[c] = utf8_width(cell[c]);
					continue;
				}
				cli_cell(cell[c], c + 1 < NCOLS ? width[c] : 0, c == GC_ACTIVE);
				fputs(c + 1 < NCOLS ? "  " : "\n", stdout);
			}
		}
	}
}

/* ---- csv ---- */

static void
csv_num(double v, const char *fmt)
{
	if (isfinite(v))
		printf(fmt, v);
}

static void
csv_row(const struct kpi_result *r, int year, const char *by, const char *code, const char *name,
	int k, const struct kpi_value *v)
{
	csvio_put_field(stdout, r->plan_code);
	printf(",%d,%s,", year, by);
	csvio_put_field(stdout, code);
	putchar(',');
	csvio_put_field(stdout, name);
	putchar(',');
	csvio_put_field(stdout, r->series[k].code);
	putchar(',');
	const struct kpi_target *t = kpi_target_at(&r->series[k], year);
	if (t != NULL)
		printf("%g,%d,%d", t->pct, t->from, t->by);
	else
		printf(",,");
	printf(",%ld,%ld,%ld,", v->yes, v->known, v->active);
	csv_num(v->share, "%.6f");
	putchar(',');
	csv_num(v->share_active, "%.6f");
	putchar(',');
	csv_num(v->coverage, "%.6f");
	int met = kpi_target_met(v, t);
	printf(",%s,%s\n", met < 0 ? "" : met ? "1" : "0", t != NULL ? "share_active" : "");
}

static void
print_csv(const struct kpi_result *r, const struct kpi_breakdown *b, int year, int province)
{
	for (int k = 0; province && k < KPI__MAX; k++)
		csv_row(r, year, "province", "", "", k, &r->series[k].values[year - r->first_year]);
	for (int g = 0; b != NULL && g < b->ngroups; g++) {
		const struct kpi_value *v0 = kpi_group_value(b, g, year, 0);
		if (v0 == NULL || v0->active == 0)
			continue;
		for (int k = 0; k < KPI__MAX; k++)
			csv_row(r, year, kpi_by_name(b->by), b->groups[g].code,
				b->groups[g].name_vi, k,
				kpi_group_value(b, g, year, (enum kpi_indicator)k));
	}
}

/* ---- json ---- */

static json_t *
json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

static json_t *
json_indicators(const struct kpi_result *r, const struct kpi_value *const v[KPI__MAX], int names,
		int year)
{
	json_t *a = json_array();
	for (int k = 0; k < KPI__MAX; k++) {
		const struct kpi_series *s = &r->series[k];
		json_t *o = json_object();
		json_object_set_new(o, "code", json_string(s->code));
		if (names) {
			json_object_set_new(o, "name_vi", json_string(s->name_vi));
			json_object_set_new(o, "name_en", json_string(s->name_en));
		}
		const struct kpi_target *t = kpi_target_at(s, year);
		int met = kpi_target_met(v[k], t);
		json_object_set_new(o, "target_pct", t != NULL ? json_real(t->pct) : json_null());
		json_object_set_new(o, "target_from",
				    t != NULL ? json_integer(t->from) : json_null());
		json_object_set_new(o, "target_by", t != NULL ? json_integer(t->by) : json_null());
		json_object_set_new(o, "yes", json_integer(v[k]->yes));
		json_object_set_new(o, "known", json_integer(v[k]->known));
		json_object_set_new(o, "active", json_integer(v[k]->active));
		json_object_set_new(o, "share", json_num(v[k]->share));
		json_object_set_new(o, "share_active", json_num(v[k]->share_active));
		json_object_set_new(o, "coverage", json_num(v[k]->coverage));
		json_object_set_new(o, "target_met", met < 0 ? json_null() : json_boolean(met));
		json_object_set_new(o, "compared_with",
				    t != NULL ? json_string("share_active") : json_null());
		/* of yes: on the evidence of CP assessments (kpi.h) */
		json_object_set_new(o, "from_assessments", json_integer(v[k]->from_assessments));
		json_array_append_new(a, o);
	}
	return a;
}

/* The document of one year: the province and the groups of every breakdown in mask. */
/*
 * The plan's pilot models (kpi.h): the target and its years, the accepted
 * pilots by 31/12 of its last year and of year, and whether it is met.
 */
static json_t *
json_pilots(const struct kpi_result *r, int year)
{
	const struct kpi_pilots *p = &r->pilots;
	json_t *o = json_object();
	int has = isfinite(p->target);
	json_object_set_new(o, "target", has ? json_real(p->target) : json_null());
	json_object_set_new(o, "target_from", has ? json_integer(p->from) : json_null());
	json_object_set_new(o, "target_by", has ? json_integer(p->by) : json_null());
	json_object_set_new(o, "accepted_by_target", has ? json_integer(p->at_by) : json_null());
	json_object_set_new(o, "accepted_to_year",
			    p->cum != NULL ? json_integer(p->cum[year - r->first_year])
					   : json_null());
	json_object_set_new(o, "accepted_total", json_integer(p->total));
	json_object_set_new(o, "target_met", p->met < 0 ? json_null() : json_boolean(p->met));
	return o;
}

static json_t *
json_year(const struct kpi_result *r, unsigned mask, int year)
{
	const struct kpi_value *v[KPI__MAX];
	json_t *root = json_object();
	json_object_set_new(root, "plan", json_string(r->plan_code));
	json_object_set_new(root, "year", json_integer(year));
	for (int k = 0; k < KPI__MAX; k++)
		v[k] = &r->series[k].values[year - r->first_year];
	json_object_set_new(root, "indicators", json_indicators(r, v, 1, year));
	json_t *groups = json_array();
	for (int by = 0; by < KPI_BY__MAX; by++) {
		const struct kpi_breakdown *b = mask & KPI_BY_BIT(by) ? &r->by[by] : NULL;
		for (int g = 0; b != NULL && g < b->ngroups; g++) {
			const struct kpi_value *v0 = kpi_group_value(b, g, year, 0);
			if (v0 == NULL || v0->active == 0)
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "by", json_string(kpi_by_name(b->by)));
			json_object_set_new(o, "code", json_string(b->groups[g].code));
			json_object_set_new(o, "name", json_string(b->groups[g].name_vi));
			json_object_set_new(o, "name_en", json_string(b->groups[g].name_en));
			for (int k = 0; k < KPI__MAX; k++)
				v[k] = kpi_group_value(b, g, year, (enum kpi_indicator)k);
			json_object_set_new(o, "indicators", json_indicators(r, v, 0, year));
			json_array_append_new(groups, o);
		}
	}
	json_object_set_new(root, "groups", groups);
	json_object_set_new(root, "pilot_models", json_pilots(r, year));
	return root;
}

static int
print_json(const struct kpi_result *r, unsigned mask, int all_years)
{
	json_t *root = all_years ? json_array() : json_year(r, mask, r->first_year);
	for (int y = r->first_year; all_years && y <= r->last_year; y++)
		json_array_append_new(root, json_year(r, mask, y));
	int rc = json_dumpf(root, stdout,
			    JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
	putchar('\n');
	json_decref(root);
	return rc;
}

/* ---- the command ---- */

/* "sxsh kpi: [OPT: ]why 'ARG'", then the usage and the options; exit 2. */
static int
kpi_usage(const char *opt, enum msg_id why, const char *arg)
{
	fprintf(stderr, "sxsh kpi: %s%s%s '%s'\n", opt != NULL ? opt : "", opt != NULL ? ": " : "",
		cli_label(why), arg);
	cli_usage(stderr, "kpi");
	fprintf(stderr, "  --year Y        %s (%s); all: %s\n", cli_label(MSG_CLI_YEAR),
		cli_label(MSG_CLI_REQUIRED), cli_label(MSG_CLI_EVERY_YEAR));
	fprintf(stderr, "  --plan CODE     %s (%s)\n", cli_label(MSG_CLI_PLAN_LC),
		cli_label(MSG_CLI_DEFAULT_PLAN));
	fprintf(stderr, "  --by B          unit|sector|class|ownership|size: %s; all: %s\n",
		cli_label(MSG_CLI_KPI_BY_HELP), cli_label(MSG_CLI_ALL_FIVE));
	fprintf(stderr, "  --format F      table|csv|json|xlsx (%s table)\n",
		cli_label(MSG_CLI_DEFAULT));
	fprintf(stderr, "  -o FILE         %s\n", cli_label(MSG_CLI_XLSX_FILE));
	fprintf(stderr, "  --time          %s\n", cli_label(MSG_CLI_TIME_HELP));
	return EXIT_USAGE;
}

/* The value of option name at argv[*i] ("--name V" or "--name=V"), or NULL. */
static const char *
opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

int
cmd_kpi(struct cli *cli, int argc, char **argv)
{
	const char *plan = NULL, *v, *out_path = NULL; /* plan NULL: the data's default */
	char default_plan[REFDATA_PLAN_CODE_MAX];
	int64_t year = 0;
	int by = -1, format = KF_TABLE, have_year = 0, all_years = 0, timing = 0;
	unsigned mask = 0;
	for (int i = 1; i < argc; i++) {
		if ((v = opt_value(argc, argv, &i, "--plan")) != NULL) {
			plan = v;
		} else if ((v = opt_value(argc, argv, &i, "--year")) != NULL) {
			all_years = strcmp(v, "all") == 0;
			if (!all_years && (parse_int64(v, &year) < 0 || year < 1990 || year > 2100))
				return kpi_usage("--year", MSG_CLI_KPI_YEAR_RANGE, v);
			have_year = 1;
		} else if ((v = opt_value(argc, argv, &i, "--by")) != NULL) {
			if (strcmp(v, "all") == 0)
				mask = KPI_BY_ALL;
			else if ((by = kpi_by_parse(v)) >= 0)
				mask = KPI_BY_BIT(by);
			else
				return kpi_usage("--by", MSG_CLI_KPI_INVALID, v);
		} else if ((v = opt_value(argc, argv, &i, "-o")) != NULL) {
			out_path = v;
		} else if (strcmp(argv[i], "--time") == 0) {
			timing = 1;
		} else if ((v = opt_value(argc, argv, &i, "--format")) != NULL) {
			format = -1;
			for (int f = 0; f < KF__MAX; f++)
				if (strcmp(v, kpi_formats[f]) == 0)
					format = f;
			if (format < 0)
				return kpi_usage("--format", MSG_CLI_KPI_INVALID, v);
		} else {
			return kpi_usage(NULL, MSG_CLI_INVALID_ARG, argv[i]);
		}
	}
	if (!have_year)
		return kpi_usage(NULL, MSG_CLI_KPI_YEAR_REQUIRED, "");
	if ((format == KF_XLSX) != (out_path != NULL))
		return kpi_usage(NULL, MSG_CLI_KPI_XLSX_O, out_path != NULL ? out_path : "");

	int rc = EXIT_USER;
	struct kpi_result *r = NULL;
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		goto out;
	if (plan == NULL) {
		if (refdata_default_plan(db, default_plan, sizeof(default_plan)) < 0) {
			cli_error("sxsh kpi", MSG_CLI_NO_DEFAULT_PLAN, "");
			goto out;
		}
		plan = default_plan;
	}
	int first = (int)year, last = (int)year;
	if (all_years && kpi_year_range(db, &first, &last) < 0) {
		first = 1; /* no reports: no years, the plan is still checked */
		last = 0;
	}
	struct kpi_query q = {
	    .plan_code = plan,
	    .first_year = first,
	    .last_year = last,
	    .by_mask = mask,
	    .by_first = first,
	    .by_last = last,
	};
	char err[512];
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (kpi_compute_query(db, &q, &r, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh kpi: %s\n", err);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (timing)
		fprintf(stderr, "kpi: %d years, %d breakdowns: %.1f ms\n", r->nyears,
			__builtin_popcount(mask),
			(double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	if (format == KF_XLSX) {
		struct xlsx *x = xlsx_open(out_path);
		if (sheets_source(x, db, SHEETS_VI) < 0 ||
		    sheets_kpi(x, r, mask, first, last) < 0) {
			xlsx_discard(x);
			fprintf(stderr, "sxsh kpi: %s: %s\n", out_path,
				cli_label(MSG_CLI_CANNOT_WRITE));
			goto out;
		}
		if (xlsx_close(x, err, sizeof(err)) < 0) {
			fprintf(stderr, "sxsh kpi: %s: %s\n", cli_label(MSG_CLI_CANNOT_WRITE), err);
			goto out;
		}
	} else if (format == KF_JSON) {
		if (print_json(r, mask, all_years) < 0)
			goto out;
	} else if (format == KF_CSV) {
		printf("plan,year,by,group_code,group_name,indicator,target_pct,target_from,"
		       "target_by,yes,known,active,share,share_active,coverage,target_met,"
		       "compared_with\n");
		for (int y = first; y <= last; y++) {
			print_csv(r, NULL, y, 1);
			for (int b = 0; b < KPI_BY__MAX; b++)
				if (mask & KPI_BY_BIT(b))
					print_csv(r, &r->by[b], y, 0);
		}
	} else {
		for (int y = first; y <= last; y++) {
			table_province(r, y);
			for (int b = 0; b < KPI_BY__MAX; b++)
				if (mask & KPI_BY_BIT(b))
					table_groups(r, &r->by[b], y);
			if (y < last)
				putchar('\n');
		}
	}
	rc = fflush(stdout) == 0 ? EXIT_OK : EXIT_USER;
out:
	kpi_result_free(r);
	store_close(db);
	return rc;
}
