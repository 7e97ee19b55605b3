/*
 * The key-user, indicator, export and directory workbooks (sheets.h).  The
 * sheet layouts follow the CSV of `sxsh keyusers` and
 * `sxsh kpi` column for column; only the values change type, each stored
 * exactly and shown as util/fmt.h shows its quantity: TOE with two
 * decimals, shares and coverage as fractions shown as percents with one,
 * targets (given in percent by the plan) divided by 100 and shown whole
 * ("50%"), counts as integers.  The directory's sheet is all text:
 * it holds the public columns of /facilities and nothing private.
 */
#include "render/sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/doc/attachment.h"
#include "model/registry/facility.h"
#include "model/analytics/keyusers.h"
#include "model/analytics/kpi.h"
#include "model/analytics/ledger.h"
#include "model/msg.h"
#include "model/names.h"
#include "render/xlsx.h"
#include "util/alloc.h"
#include "util/fmt.h"
#include "util/log.h"

int
sheets_ku_carriers(const struct keyuser_list *l, const char ***codes)
{
	const char **c = NULL;
	int n = 0;
	for (int i = 0; i < l->n + l->nunknown; i++) {
		const struct keyuser *k = i < l->n ? &l->items[i] : &l->unknown[i - l->n];
		for (int j = 0; j < k->ncarriers; j++) {
			const char *code = k->carriers[j].carrier;
			int at = 0;
			while (at < n && strcmp(c[at], code) < 0)
				at++;
			if (at < n && strcmp(c[at], code) == 0)
				continue;
			c = xrealloc(c, (size_t)(n + 1) * sizeof(*c));
			memmove(c + at + 1, c + at, (size_t)(n - at) * sizeof(*c));
			c[at] = code;
			n++;
		}
	}
	*codes = c;
	return n;
}

double
sheets_ku_carrier_toe(const struct keyuser *k, const char *code)
{
	for (int j = 0; j < k->ncarriers; j++)
		if (strcmp(k->carriers[j].carrier, code) == 0)
			return k->carriers[j].toe;
	return 0;
}

/* A header or label in lang: its code, or its Vietnamese or English words. */
static const char *
sheets_word(const struct name *nm, enum sheets_lang lang)
{
	return lang == SHEETS_CODES ? nm->code : lang == SHEETS_EN ? nm->name_en : nm->name_vi;
}

/* The fixed columns of the key-user sheet. */
enum { KU_FIXED = 9 };
static const struct name ku_head[KU_FIXED] = {
    {"code", "Mã cơ sở", "Facility code"},
    {"tax_code", "Mã số thuế", "Tax code"},
    {"name", "Tên cơ sở", "Facility name"},
    {"district", "Huyện", "District"},
    {"sector", "Ngành", "Sector"},
    {"toe", "Tổng TOE", "Total TOE"},
    {"status", "Tình trạng", "Status"},
    {"derived_only", "Chỉ nhờ hệ số suy ra (1 = có)", "Derived factor only (1 = yes)"},
    {"missing", "Thiếu", "Missing"},
};

/* The status column's labels (the codes are keyusers_status_code's). */
static const struct {
	const char *vi, *en;
} ku_status[KEYUSER__MAX] = {
    [KEYUSER_LISTED] = {"Trọng điểm", "Key user"},
    [KEYUSER_LISTED_INCOMPLETE] = {"Trọng điểm (số liệu chưa đủ)", "Key user (incomplete data)"},
    [KEYUSER_CANNOT_COMPUTE] = {"Không tính được", "Cannot compute"},
};

/*
 * The lines of k that did not convert, in lang: keyusers_missing's text
 * for codes, else "Bã mía (t): thiếu hệ số" with the carrier by name (its
 * code when cnames lacks it) and what is missing in words.  Into buf.
 */
static char *
ku_missing(const struct keyuser *k, enum sheets_lang lang, const struct name *cnames, int ncnames,
	   char *buf, size_t n)
{
	if (lang == SHEETS_CODES)
		return keyusers_missing(k, buf, n);
	int en = lang == SHEETS_EN;
	size_t len = 0;
	buf[0] = '\0';
	for (int e = 0; e < k->nerrors; e++) {
		const struct ledger_error *le = &k->errors[e];
		if (!keyusers_error_missing(le))
			continue;
		const struct name *cn =
		    cnames != NULL ? names_find(cnames, ncnames, le->carrier) : NULL;
		const char *carrier = cn == NULL ? le->carrier : en ? cn->name_en : cn->name_vi;
		const char *what = strcmp(le->what, "unit") == 0
				       ? (en ? "unit not convertible" : "đơn vị không quy đổi được")
				       : (en ? "no TOE factor" : "thiếu hệ số TOE");
		int w = snprintf(buf + len, n - len, "%s%s (%s): %s", len > 0 ? "; " : "", carrier,
				 le->unit, what);
		if (w < 0 || (size_t)w >= n - len) {
			buf[len] = '\0'; /* what does not fit is left out whole */
			break;
		}
		len += (size_t)w;
	}
	return buf;
}

int
sheets_keyusers(struct xlsx *x, const struct keyuser_list *l)
{
	return sheets_keyusers_lang(x, l, SHEETS_CODES, NULL, 0);
}

int
sheets_keyusers_lang(struct xlsx *x, const struct keyuser_list *l, enum sheets_lang lang,
		     const struct name *cnames, int ncnames)
{
	const char **carriers = NULL;
	int nc = sheets_ku_carriers(l, &carriers);
	if (xlsx_sheet(x, lang == SHEETS_EN ? "Key users" : "Trọng điểm") < 0) {
		free(carriers);
		return -1;
	}
	char title[160];
	struct msg m;
	msg_init(&m, MSG_KU_TITLE, NULL);
	msg_plain(&m, l->year);
	xlsx_bold(x, msg_format(&m, MSG_BOTH, title, sizeof(title)));
	xlsx_row_end(x);
	xlsx_text(x, msg_both(title, sizeof(title), MSG_SHEET_THRESHOLD, NULL));
	xlsx_number(x, l->threshold_toe, fmt_qty_decimals(FMT_TOE, l->threshold_toe));
	xlsx_text(x, l->threshold_ref);
	xlsx_row_end(x);
	xlsx_text(x, msg_both(title, sizeof(title), MSG_SHEET_FACILITIES, NULL));
	xlsx_int(x, l->n);
	xlsx_text(x, "Không tính được / cannot compute");
	xlsx_int(x, l->nunknown);
	xlsx_row_end(x);
	xlsx_row_end(x);

	const char **head = xmalloc((size_t)(KU_FIXED + nc) * sizeof(*head));
	char(*names)[160] = xmalloc((size_t)(nc > 0 ? nc : 1) * sizeof(*names));
	for (int j = 0; j < KU_FIXED; j++)
		head[j] = sheets_word(&ku_head[j], lang);
	for (int j = 0; j < nc; j++) {
		const struct name *cn =
		    cnames != NULL ? names_find(cnames, ncnames, carriers[j]) : NULL;
		if (lang == SHEETS_CODES || cn == NULL)
			snprintf(names[j], sizeof(names[j]), "toe_%s", carriers[j]);
		else
			snprintf(names[j], sizeof(names[j]), "TOE %s",
				 lang == SHEETS_EN ? cn->name_en : cn->name_vi);
		head[KU_FIXED + j] = names[j];
	}
	xlsx_header(x, head, KU_FIXED + nc);
	for (int i = 0; i < l->n + l->nunknown; i++) {
		const struct keyuser *k = i < l->n ? &l->items[i] : &l->unknown[i - l->n];
		char missing[512];
		xlsx_text(x, k->code);
		xlsx_text(x, k->tax_code);
		xlsx_text(x, k->name);
		xlsx_text(x, k->unit_name);
		xlsx_text(x, k->sector_code);
		xlsx_number(x, k->toe, fmt_qty_decimals(FMT_TOE, k->toe));
		if (lang == SHEETS_CODES || (int)k->status < 0 || k->status >= KEYUSER__MAX)
			xlsx_text(x, keyusers_status_code(k->status));
		else
			xlsx_text(x, lang == SHEETS_EN ? ku_status[k->status].en
						       : ku_status[k->status].vi);
		xlsx_int(x, k->derived_only);
		xlsx_text(x, ku_missing(k, lang, cnames, ncnames, missing, sizeof(missing)));
		for (int j = 0; j < nc; j++)
			xlsx_number(x, sheets_ku_carrier_toe(k, carriers[j]),
				    fmt_qty_decimals(FMT_TOE, 0));
		xlsx_row_end(x);
	}
	free(names);
	free(head);
	free(carriers);
	return 0;
}

/* The columns of `sxsh kpi --format csv`. */
static const struct name kpi_head[] = {
    {"plan", "Kế hoạch", "Plan"},
    {"year", "Năm", "Year"},
    {"by", "Phân theo", "Breakdown"},
    {"group_code", "Mã nhóm", "Group code"},
    {"group_name", "Nhóm", "Group"},
    {"indicator", "Chỉ tiêu", "Indicator"},
    {"target_pct", "Mục tiêu", "Target"},
    {"target_from", "Mục tiêu từ năm", "Target from"},
    {"target_by", "Mục tiêu đến năm", "Target by"},
    {"yes", "Số cơ sở đạt", "Facilities meeting it"},
    {"known", "Số cơ sở đã biết", "Facilities known"},
    {"active", "Số cơ sở hoạt động", "Active facilities"},
    {"share", "Tỷ lệ (trên số đã biết)", "Share (of known)"},
    {"share_active", "Tỷ lệ (trên tổng số)", "Share (of all active)"},
    {"coverage", "Độ bao phủ", "Coverage"},
    {"target_met", "Đạt mục tiêu (1 = đạt)", "Target met (1 = yes)"},
    {"compared_with", "So sánh theo", "Compared with"},
};
#define KPI_NHEAD ((int)(sizeof(kpi_head) / sizeof(kpi_head[0])))

/* The header row of a KPI sheet in lang. */
static void
kpi_header(struct xlsx *x, enum sheets_lang lang)
{
	const char *h[KPI_NHEAD];
	for (int i = 0; i < KPI_NHEAD; i++)
		h[i] = sheets_word(&kpi_head[i], lang);
	xlsx_header(x, h, KPI_NHEAD);
}

/* The breakdowns' labels in the "by" column when not codes; [KPI_BY__MAX]: the province. */
static const struct {
	const char *vi, *en;
} kpi_by_label[KPI_BY__MAX + 1] = {
    [KPI_BY_UNIT] = {"Đơn vị hành chính", "Administrative unit"},
    [KPI_BY_SECTOR] = {"Ngành cấp 2", "Sector (division)"},
    [KPI_BY_CLASS] = {"Ngành", "Sector"},
    [KPI_BY_OWNERSHIP] = {"Loại hình", "Ownership"},
    [KPI_BY_SIZE] = {"Quy mô", "Size"},
    [KPI_BY__MAX] = {"Toàn tỉnh", "Province"},
};

/* Sheet names of the breakdowns (at most 31 characters, no '/'). */
static const char *const kpi_sheet_name[KPI_BY__MAX] = {
    [KPI_BY_UNIT] = "Đơn vị hành chính", [KPI_BY_SECTOR] = "Ngành cấp 2", [KPI_BY_CLASS] = "Ngành",
    [KPI_BY_OWNERSHIP] = "Loại hình",	 [KPI_BY_SIZE] = "Quy mô",
};

/* One row; by is a kpi_by, or KPI_BY__MAX for the province. */
static void
kpi_row(struct xlsx *x, const struct kpi_result *r, int year, int by, const struct kpi_group *g,
	int k, const struct kpi_value *v, enum sheets_lang lang)
{
	int en = lang == SHEETS_EN;
	xlsx_text(x, r->plan_code);
	xlsx_int(x, year);
	if (lang == SHEETS_CODES)
		xlsx_text(x, by == KPI_BY__MAX ? "province" : kpi_by_name((enum kpi_by)by));
	else
		xlsx_text(x, en ? kpi_by_label[by].en : kpi_by_label[by].vi);
	xlsx_text(x, g != NULL ? g->code : NULL);
	xlsx_text(x, g != NULL ? (en && g->name_en != NULL ? g->name_en : g->name_vi) : NULL);
	xlsx_text(x, lang == SHEETS_CODES ? r->series[k].code
		     : en		  ? r->series[k].name_en
					  : r->series[k].name_vi);
	/* The target of the row's year only: none outside its period (kpi_target_at). */
	const struct kpi_target *t = kpi_target_at(&r->series[k], year);
	if (t != NULL) {
		xlsx_percent_dec(x, t->pct / 100.0, fmt_qty_decimals(FMT_TARGET, t->pct));
		xlsx_int(x, t->from);
		xlsx_int(x, t->by);
	} else {
		xlsx_blank(x);
		xlsx_blank(x);
		xlsx_blank(x);
	}
	xlsx_int(x, v->yes);
	xlsx_int(x, v->known);
	xlsx_int(x, v->active);
	xlsx_percent(x, v->share);
	xlsx_percent(x, v->share_active);
	xlsx_percent(x, v->coverage);
	int met = kpi_target_met(v, t);
	if (met < 0)
		xlsx_blank(x);
	else
		xlsx_int(x, met);
	xlsx_text(x, t == NULL ? NULL : sheets_word(&kpi_head[13], lang)); /* share_active */
	xlsx_row_end(x);
}

int
sheets_kpi(struct xlsx *x, const struct kpi_result *r, unsigned mask, int first, int last)
{
	return sheets_kpi_lang(x, r, mask, first, last, SHEETS_CODES);
}

int
sheets_kpi_lang(struct xlsx *x, const struct kpi_result *r, unsigned mask, int first, int last,
		enum sheets_lang lang)
{
	if (xlsx_sheet(x, lang == SHEETS_EN ? kpi_by_label[KPI_BY__MAX].en : "Toàn tỉnh") < 0)
		return -1;
	kpi_header(x, lang);
	for (int y = first; y <= last; y++)
		for (int k = 0; k < KPI__MAX; k++)
			kpi_row(x, r, y, KPI_BY__MAX, NULL, k,
				&r->series[k].values[y - r->first_year], lang);
	for (int by = 0; by < KPI_BY__MAX; by++) {
		if (!(mask & KPI_BY_BIT(by)))
			continue;
		const struct kpi_breakdown *b = &r->by[by];
		if (xlsx_sheet(x, lang == SHEETS_EN ? kpi_by_label[by].en : kpi_sheet_name[by]) < 0)
			return -1;
		kpi_header(x, lang);
		for (int y = first; y <= last; y++)
			for (int g = 0; g < b->ngroups; g++) {
				const struct kpi_value *v0 = kpi_group_value(b, g, y, 0);
				if (v0 == NULL || v0->active == 0)
					continue;
				for (int k = 0; k < KPI__MAX; k++)
					kpi_row(x, r, y, (int)b->by, &b->groups[g], k,
						kpi_group_value(b, g, y, (enum kpi_indicator)k),
						lang);
			}
	}
	return 0;
}

/* Sheet names of the exports (valid: at most 31 characters, none of []:*?/\\). */
static const char *const export_sheet_name[CSVIO__MAX] = {
    [CSVIO_FACILITIES] = "Cơ sở",
    [CSVIO_REPORTS] = "Báo cáo",
};

/* How an export's number column shows; a column not listed is General. */
enum export_show { SHOW_PLAIN, SHOW_COUNT, SHOW_MONEY };
static const struct {
	const char *column;
	enum export_show show;
} export_shows[] = {
    {"employees", SHOW_COUNT},
    {"cost_vnd", SHOW_MONEY},
};

static enum export_show
export_show_of(const char *column)
{
	for (size_t i = 0; i < sizeof(export_shows) / sizeof(export_shows[0]); i++)
		if (strcmp(export_shows[i].column, column) == 0)
			return export_shows[i].show;
	return SHOW_PLAIN;
}

/* What the row sink needs: the workbook, each column's cell kind, the count. */
struct export_ctx {
	struct xlsx *x;
	enum csvio_type type[XLSX_COLS_MAX];
	enum export_show show[XLSX_COLS_MAX];
	long rows;
};

static int
export_row(void *ctx, const char *const *fields, int n)
{
	struct export_ctx *e = ctx;
	if (e->rows == SHEETS_ROWS_MAX)
		return -1;
	for (int c = 0; c < n; c++) {
		if (fields[c] == NULL || e->type[c] == CSVIO_TEXT) {
			xlsx_text(e->x, fields[c]);
			continue;
		}
		/* The fields are the CSV's shortest exact forms: strtod gives the value back. */
		double v = strtod(fields[c], NULL);
		switch (e->show[c]) {
		case SHOW_COUNT:
			xlsx_int(e->x, (int64_t)v);
			break;
		case SHOW_MONEY:
			xlsx_number(e->x, v, 0);
			break;
		case SHOW_PLAIN:
			xlsx_plain(e->x, v);
			break;
		}
	}
	xlsx_row_end(e->x);
	e->rows++;
	return 0;
}

/* One row of the reports' attachments sheet. */
static int
export_attach_row(void *ctx, const char *code, int year, int64_t count)
{
	struct xlsx *x = ctx;
	xlsx_text(x, code);
	xlsx_int(x, year);
	xlsx_int(x, count);
	xlsx_row_end(x);
	return 0;
}

/*
 * The second sheet of the reports' export: each report's number of
 * attachments.  Not a column of the first sheet, whose columns are the CSV
 * format's, which imports back.
 */
static int
export_attachments(struct xlsx *x, struct db *db, int year, char *err, size_t errsz)
{
	static const char *const head[] = {"facility_code", "year", "attachments"};
	if (xlsx_sheet(x, "Tệp đính kèm") < 0) {
		msg_both(err, errsz, MSG_SHEET_CANNOT_ADD, " %s", "Tệp đính kèm");
		return -1;
	}
	xlsx_header(x, head, 3);
	if (attach_report_counts(db, year, export_attach_row, x) != ST_OK) {
		msg_both(err, errsz, MSG_ST_ERR, NULL);
		return -1;
	}
	return 0;
}

int
sheets_export(struct xlsx *x, struct db *db, enum csvio_kind kind, int year, long *rows, char *err,
	      size_t errsz)
{
	struct export_ctx e = {.x = x};
	const char *head[XLSX_COLS_MAX];
	int n = csvio_ncols(kind);
	if (rows != NULL)
		*rows = 0;
	if (n > XLSX_COLS_MAX || xlsx_sheet(x, export_sheet_name[kind]) < 0) {
		msg_both(err, errsz, MSG_SHEET_CANNOT_ADD, " %s", export_sheet_name[kind]);
		return -1;
	}
	for (int c = 0; c < n; c++) {
		head[c] = csvio_col_name(kind, c);
		e.type[c] = csvio_col_type(kind, c);
		e.show[c] = export_show_of(head[c]);
	}
	xlsx_header(x, head, n);
	int rc = csvio_export_rows(db, kind, year, export_row, &e, err, errsz);
	if (rows != NULL)
		*rows = e.rows;
	if (rc < 0 && e.rows == SHEETS_ROWS_MAX) {
		struct msg m;
		msg_init(&m, MSG_SHEET_TOO_MANY_ROWS, NULL);
		msg_plain(&m, SHEETS_ROWS_MAX);
		msg_format(&m, MSG_BOTH, err, errsz);
	}
	if (rc == 0 && kind == CSVIO_REPORTS)
		rc = export_attachments(x, db, year, err, errsz);
	return rc;
}

/* The directory's columns, as the page heads them. */
static const struct {
	const char *vi, *en;
} dir_head[] = {
    {"Tên", "Name"},
    {"Mã ngành", "Sector code"},
    {"Ngành", "Sector"},
    {"Đơn vị hành chính", "Administrative unit"},
    {"Loại hình", "Ownership"},
    {"Quy mô", "Size"},
};
#define DIR_NHEAD ((int)(sizeof(dir_head) / sizeof(dir_head[0])))

/* What the directory's row sink needs. */
struct dir_ctx {
	struct xlsx *x;
	int en;
	long rows;
};

/* The label of code among opts in the sheet's language; the code itself when unknown. */
static const char *
dir_label(const struct dir_ctx *d, const struct name *opts, int n, const char *code)
{
	const struct name *o = names_find(opts, n, code);
	return o == NULL ? code : d->en ? o->name_en : o->name_vi;
}

static int
dir_row(void *ctx, const struct facility_row *r)
{
	struct dir_ctx *d = ctx;
	if (d->rows == SHEETS_ROWS_MAX)
		return -1;
	xlsx_text(d->x, r->name);
	xlsx_text(d->x, r->sector_code);
	xlsx_text(d->x, d->en ? r->sector_en : r->sector_vi);
	xlsx_text(d->x, d->en ? r->unit_en : r->unit_vi);
	xlsx_text(d->x, dir_label(d, names_ownership, OWN__MAX, r->ownership));
	xlsx_text(d->x, dir_label(d, names_size, SIZE__MAX, r->size));
	xlsx_row_end(d->x);
	d->rows++;
	return 0;
}

int
sheets_facilities(struct xlsx *x, struct db *db, struct arena *a, const struct facility_filter *f,
		  int en, long *rows)
{
	struct dir_ctx d = {.x = x, .en = en};
	const char *head[DIR_NHEAD];
	if (rows != NULL)
		*rows = 0;
	if (xlsx_sheet(x, en ? "Facilities" : "Cơ sở") < 0)
		return -1;
	for (int c = 0; c < DIR_NHEAD; c++)
		head[c] = en ? dir_head[c].en : dir_head[c].vi;
	xlsx_header(x, head, DIR_NHEAD);
	int rc = facility_each(db, a, f, dir_row, &d);
	if (rows != NULL)
		*rows = d.rows;
	if (rc < 0 && d.rows == SHEETS_ROWS_MAX)
		log_err("sheets: the directory has more than %ld rows for one sheet",
			SHEETS_ROWS_MAX);
	return rc;
}
