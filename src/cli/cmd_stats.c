/*
 * sxsh stats [--db URL] [--plan CODE]: prints the number of rows of every
 * table of the schema, then, for each year that has reports, the plan's
 * indicators as "share of all % (yes/active) | share of known % (yes/known)
 * | coverage %", with ": đạt / met" where a target applies, in an aligned table with
 * Vietnamese and English headers and Vietnamese number format.  The numbers
 * come from model/kpi, the same functions the dashboard uses.  An unknown
 * plan is a user error (exit 1).
 */
#include "cli/cli_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/analytics/kpi.h"
#include "model/registry/refdata.h"
#include "model/store.h"
#include "util/fmt.h"
#include "util/fold.h"

/* "45,2 %" or "—". */
static char *
pct(char *b, size_t n, double fraction)
{
	return fmt_qty(b, n, fraction * 100.0, FMT_PCT, LANG_VI);
}

/*
 * One cell (MSG_KPI_CELL_LEGEND): "share of all % (yes/active) | share of
 * known % (yes/known) | coverage %", then ": đạt / met" or ": chưa đạt /
 * not met" when a target of s applies in the value's year.
 */
static void
format_value(char *out, size_t n, const struct kpi_series *s, const struct kpi_value *v)
{
	char all[48], share[48], cov[48], yes[32], known[32], active[32];
	fmt_int(yes, sizeof(yes), v->yes, LANG_VI);
	fmt_int(known, sizeof(known), v->known, LANG_VI);
	fmt_int(active, sizeof(active), v->active, LANG_VI);
	int met = kpi_target_met(v, kpi_target_at(s, v->year));
	snprintf(out, n, "%s (%s/%s) | %s (%s/%s) | %s%s%s", pct(all, sizeof(all), v->share_active),
		 yes, active, pct(share, sizeof(share), v->share), yes, known,
		 pct(cov, sizeof(cov), v->coverage), met < 0 ? "" : ": ",
		 met < 0 ? "" : cli_label(met ? MSG_KPI_MET : MSG_KPI_NOT_MET));
}

static void
print_tables(struct db *db)
{
	struct kpi_table_count *t = NULL;
	int n = kpi_table_rows(db, &t);
	printf("%s\n", cli_label(MSG_CLI_ROWS_PER_TABLE));
	if (n < 0) {
		printf("  (%s: %s)\n", cli_label(MSG_CLI_CANNOT_COUNT), store_errmsg(db));
		return;
	}
	int w = 0;
	for (int i = 0; i < n; i++)
		if ((int)strlen(t[i].name) > w)
			w = (int)strlen(t[i].name);
	for (int i = 0; i < n; i++) {
		char num[32];
		if (t[i].rows < 0)
			snprintf(num, sizeof(num), "? (%s)", cli_label(MSG_CLI_NOT_COUNTED));
		else
			fmt_int(num, sizeof(num), t[i].rows, LANG_VI);
		printf("  %-*s %12s\n", w, t[i].name, num);
	}
	free(t);
}

static void
print_kpis(const struct kpi_result *r)
{
	enum { NROWS_HEAD = 2 };
	char cells[KPI__MAX][192];
	int width[KPI__MAX];
	char minpct[48];
	pct(minpct, sizeof(minpct), r->min_saving_pct / 100.0);

	printf("\n%s %s: %s\n", cli_label(MSG_CLI_PLAN), r->plan_code,
	       cli_label(MSG_CLI_INDICATORS_PER_YEAR));
	printf("%s: %s\n", cli_label(MSG_CLI_EACH_CELL), cli_label(MSG_KPI_CELL_LEGEND));
	printf("%s\n%s\n", msg_template(MSG_KPI_COMPARED, LANG_VI),
	       msg_template(MSG_KPI_COMPARED, LANG_EN));
	printf("%s: %s\n\n", cli_label(MSG_CLI_MIN_SAVING), minpct);
	if (r->nyears == 0) {
		printf("  %s\n", cli_label(MSG_CLI_NO_REPORTS));
		return;
	}
	for (int k = 0; k < KPI__MAX; k++) {
		const struct kpi_series *s = &r->series[k];
		width[k] = utf8_width(s->short_vi);
		if (utf8_width(s->short_en) > width[k])
			width[k] = utf8_width(s->short_en);
		for (int y = 0; y < r->nyears; y++) {
			format_value(cells[k], sizeof(cells[k]), s, &s->values[y]);
			if (utf8_width(cells[k]) > width[k])
				width[k] = utf8_width(cells[k]);
		}
		width[k] += 3;
	}
	for (int h = 0; h < NROWS_HEAD; h++) {
		cli_cell(h == 0 ? "Năm" : "Year", 10, 0);
		for (int k = 0; k < KPI__MAX; k++)
			cli_cell(h == 0 ? r->series[k].short_vi : r->series[k].short_en,
				 k + 1 < KPI__MAX ? width[k] : 0, 0);
		putchar('\n');
	}
	for (int y = 0; y < r->nyears; y++) {
		printf("%-10d", r->series[0].values[y].year);
		for (int k = 0; k < KPI__MAX; k++) {
			format_value(cells[k], sizeof(cells[k]), &r->series[k],
				     &r->series[k].values[y]);
			cli_cell(cells[k], k + 1 < KPI__MAX ? width[k] : 0, 0);
		}
		putchar('\n');
	}
	/* The targets under their columns, each with its period: none applies outside it. */
	cli_cell("Mục tiêu", 10, 0);
	for (int k = 0; k < KPI__MAX; k++) {
		const struct kpi_series *s = &r->series[k];
		size_t len = 0;
		cells[k][0] = '\0';
		for (int i = s->ntargets - 1; i >= 0; i--) {
			char num[48];
			int w = snprintf(
			    cells[k] + len, sizeof(cells[k]) - len, "%s%s (%d–%d)",
			    len > 0 ? "; " : "",
			    fmt_qty(num, sizeof(num), s->targets[i].pct, FMT_TARGET, LANG_VI),
			    s->targets[i].from, s->targets[i].by);
			if (w < 0 || (size_t)w >= sizeof(cells[k]) - len)
				break;
			len += (size_t)w;
		}
		if (len == 0)
			snprintf(cells[k], sizeof(cells[k]), "%s",
				 cli_label(MSG_KPI_NO_TARGET_CELL));
		cli_cell(cells[k], k + 1 < KPI__MAX ? width[k] : 0, 0);
	}
	printf("\nTarget\n\n");
	printf("%s: %ld\n", cli_label(MSG_CLI_NOT_COMPUTABLE_YEARS), r->not_computable);
}

int
cmd_stats(struct cli *cli, int argc, char **argv)
{
	const char *plan = NULL; /* NULL: the default plan of the data */
	char default_plan[REFDATA_PLAN_CODE_MAX];
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--plan") == 0 && i + 1 < argc) {
			plan = argv[++i];
		} else if (strncmp(argv[i], "--plan=", 7) == 0) {
			plan = argv[i] + 7;
		} else {
			fprintf(stderr, "sxsh stats: %s '%s'\n", cli_label(MSG_CLI_INVALID_ARG),
				argv[i]);
			cli_usage(stderr, "stats");
			fprintf(stderr, "  --plan CODE  %s (%s)\n", cli_label(MSG_CLI_PLAN_LC),
				cli_label(MSG_CLI_DEFAULT_PLAN));
			return EXIT_USAGE;
		}
	}

	int rc = EXIT_USER;
	struct kpi_result *r = NULL;
	struct db *db = cli_db_open(cli);
	if (db == NULL)
		goto out;
	if (plan == NULL) {
		if (refdata_default_plan(db, default_plan, sizeof(default_plan)) < 0) {
			cli_error("sxsh stats", MSG_CLI_NO_DEFAULT_PLAN, "");
			goto out;
		}
		plan = default_plan;
	}

	int first, last;
	if (kpi_year_range(db, &first, &last) < 0) {
		/* No reports: no years, but the plan is still checked. */
		first = 1;
		last = 0;
	}
	char err[512];
	if (kpi_compute(db, plan, first, last, 0, &r, err, sizeof(err)) < 0) {
		fprintf(stderr, "sxsh stats: %s\n", err);
		goto out;
	}
	print_tables(db);
	print_kpis(r);
	rc = EXIT_OK;
out:
	kpi_result_free(r);
	store_close(db);
	return rc;
}
