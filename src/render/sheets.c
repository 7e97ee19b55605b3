/*
 * The key-user, indicator, export and directory workbooks (sheets.h).
 * Every sheet has the same top: the title (row 1), the source and date
 * (row 2), the threshold, the hidden column codes or nothing (row 3) and
 * the header in words (row 4, frozen); data from row 5.  Values are stored
 * exactly and shown as util/fmt.h shows its quantities: TOE with two
 * decimals, shares and coverage as fractions shown as percents with one,
 * targets (given in percent by the plan) divided by 100 and shown whole
 * ("50%"), counts as grouped integers, years plain.  The directory's sheet
 * is all text: it holds the public columns of /facilities and nothing
 * private.
 */
#include "render/sheets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/doc/attachment.h"
#include "model/io/sheetinfo.h"
#include "model/registry/facility.h"
#include "model/registry/refdata.h"
#include "model/analytics/keyusers.h"
#include "model/analytics/kpi.h"
#include "model/analytics/ledger.h"
#include "model/assess/option_stats.h"
#include "model/msg.h"
#include "model/names.h"
#include "render/xlsx.h"
#include "util/alloc.h"
#include "util/arena.h"
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

/* A header or label in lang: its Vietnamese or English words. */
static const char *
sheets_word(const struct name *nm, enum sheets_lang lang)
{
	return lang == SHEETS_EN ? nm->name_en : nm->name_vi;
}

/* m rendered in lang into out (size n); returns out. */
static const char *
sheets_msg(const struct msg *m, enum sheets_lang lang, char *out, size_t n)
{
	return msg_format(m, lang == SHEETS_EN ? LANG_EN : LANG_VI, out, n);
}

/* The title rows of a sheet: title (msg id with no argument) and the source. */
static void
sheets_title_id(struct xlsx *x, enum msg_id id, enum sheets_lang lang)
{
	char t[256];
	struct msg m;
	msg_init(&m, id, NULL);
	xlsx_title(x, sheets_msg(&m, lang, t, sizeof(t)));
}

int
sheets_source(struct xlsx *x, struct db *db, enum sheets_lang lang)
{
	char vi[160], en[160], line[512];
	int rc = db != NULL
		     ? sheetinfo_province(db, xlsx_date_iso(x), vi, sizeof(vi), en, sizeof(en))
		     : 0;
	struct msg m;
	if (rc == 1) {
		/* "Tỉnh An Giang" reads "Sở Công Thương tỉnh An Giang" inside a sentence. */
		if (strncmp(vi, "Tỉnh ", strlen("Tỉnh ")) == 0)
			vi[0] = 't';
		msg_init(&m, MSG_XP_SOURCE, NULL);
		msg_code(&m, lang == SHEETS_EN && en[0] != '\0' ? en : vi);
	} else {
		msg_init(&m, MSG_XP_SOURCE_NONE, NULL);
	}
	msg_code(&m, xlsx_date(x));
	xlsx_set_source(x, sheets_msg(&m, lang, line, sizeof(line)));
	return rc < 0 ? -1 : 0;
}

/*
 * The fixed columns of the key-user sheet: the Ministry list's first
 * (STT .. TOE), then sxsh's own.
 */
enum {
	KU_STT,
	KU_NAME,
	KU_ADDRESS,
	KU_SECTOR,
	KU_TOE,
	KU_CODE,
	KU_TAX,
	KU_DISTRICT,
	KU_STATUS,
	KU_DERIVED,
	KU_MISSING,
	KU_FIXED
};
static const struct name ku_head[KU_FIXED] = {
    [KU_STT] = {"stt", "STT", "No."},
    [KU_NAME] = {"name", "Tên cơ sở", "Facility name"},
    [KU_ADDRESS] = {"address", "Địa chỉ", "Address"},
    [KU_SECTOR] = {"sector", "Ngành nghề", "Sector"},
    [KU_TOE] = {"toe", "Năng lượng tiêu thụ quy đổi (TOE)", "Energy consumed (TOE)"},
    [KU_CODE] = {"code", "Mã cơ sở", "Facility code"},
    [KU_TAX] = {"tax_code", "Mã số thuế", "Tax code"},
    [KU_DISTRICT] = {"district", "Đơn vị hành chính", "Administrative unit"},
    [KU_STATUS] = {"status", "Tình trạng", "Status"},
    [KU_DERIVED] = {"derived_only", "Chỉ nhờ hệ số suy ra (1 = có)",
		    "Derived factor only (1 = yes)"},
    [KU_MISSING] = {"missing", "Số liệu thiếu", "Missing data"},
};

/* The status column's labels. */
static const struct {
	const char *vi, *en;
} ku_status[KEYUSER__MAX] = {
    [KEYUSER_LISTED] = {"Trọng điểm", "Key user"},
    [KEYUSER_LISTED_INCOMPLETE] = {"Trọng điểm (số liệu chưa đủ)", "Key user (incomplete data)"},
    [KEYUSER_CANNOT_COMPUTE] = {"Không tính được", "Cannot compute"},
};

/*
 * The lines of k that did not convert, in lang: "Bã mía (t): thiếu hệ số
 * TOE" with the carrier by name (its code when cnames lacks it) and what
 * is missing in words.  Into buf.
 */
static char *
ku_missing(const struct keyuser *k, enum sheets_lang lang, const struct name *cnames, int ncnames,
	   char *buf, size_t n)
{
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

/* The carriers' names for sheets_keyusers, in an arena. */
struct ku_cnames {
	struct arena *a;
	struct name *v;
	int n, cap;
};

static int
ku_cname_add(void *ctx, const struct refdata_carrier *c)
{
	struct ku_cnames *cn = ctx;
	if (cn->n == cn->cap) {
		int cap = cn->cap ? cn->cap * 2 : 32;
		struct name *v = arena_alloc(cn->a, (size_t)cap * sizeof(*v));
		if (cn->n > 0)
			memcpy(v, cn->v, (size_t)cn->n * sizeof(*v));
		cn->v = v;
		cn->cap = cap;
	}
	cn->v[cn->n++] =
	    (struct name){arena_strdup(cn->a, c->code), arena_strdup(cn->a, c->name_vi),
			  arena_strdup(cn->a, c->name_en)};
	return 0;
}

int
sheets_keyusers(struct xlsx *x, struct db *db, const struct keyuser_list *l)
{
	struct arena a;
	arena_init(&a);
	struct ku_cnames cn = {.a = &a};
	int rc = -1;
	if (db != NULL && refdata_carriers_each(db, ku_cname_add, &cn) != 0)
		goto out;
	rc = sheets_keyusers_lang(x, db, l, SHEETS_VI, cn.v, cn.n);
out:
	arena_free(&a);
	return rc;
}

/* The address column of k: the facility's address, or its district when none is recorded. */
static const char *
ku_address(const struct keyuser *k, const struct sheetinfo_facility *fi)
{
	return fi->address[0] != '\0' ? fi->address : k->unit_name;
}

int
sheets_keyusers_lang(struct xlsx *x, struct db *db, const struct keyuser_list *l,
		     enum sheets_lang lang, const struct name *cnames, int ncnames)
{
	const char **carriers = NULL;
	int nc = sheets_ku_carriers(l, &carriers);
	int en = lang == SHEETS_EN, rc = -1;
	if (xlsx_sheet(x, en ? "Key users" : "Trọng điểm") < 0) {
		free(carriers);
		return -1;
	}
	char title[256];
	struct msg m;
	msg_init(&m, MSG_XP_KU_TITLE, NULL);
	msg_plain(&m, l->year);
	xlsx_title(x, sheets_msg(&m, lang, title, sizeof(title)));
	/* One sentence in A3, overflowing to the right, numbers written the language's way. */
	char note[512];
	msg_init(&m, MSG_XP_KU_NOTE, NULL);
	msg_real(&m, l->threshold_toe, -1);
	msg_ref(&m, l->threshold_ref != NULL ? l->threshold_ref : "");
	msg_int(&m, l->n);
	msg_int(&m, l->nunknown);
	xlsx_text(x, sheets_msg(&m, lang, note, sizeof(note)));
	xlsx_row_end(x);

	const char **head = xmalloc((size_t)(KU_FIXED + nc) * sizeof(*head));
	char(*names)[160] = xmalloc((size_t)(nc > 0 ? nc : 1) * sizeof(*names));
	for (int j = 0; j < KU_FIXED; j++)
		head[j] = sheets_word(&ku_head[j], lang);
	for (int j = 0; j < nc; j++) {
		const struct name *cn =
		    cnames != NULL ? names_find(cnames, ncnames, carriers[j]) : NULL;
		snprintf(names[j], sizeof(names[j]), "TOE %s",
			 cn == NULL ? carriers[j]
			 : en	    ? cn->name_en
				    : cn->name_vi);
		head[KU_FIXED + j] = names[j];
	}
	xlsx_header(x, head, KU_FIXED + nc);
	for (int i = 0; i < l->n + l->nunknown; i++) {
		const struct keyuser *k = i < l->n ? &l->items[i] : &l->unknown[i - l->n];
		struct sheetinfo_facility fi;
		fi.address[0] = fi.sector_vi[0] = fi.sector_en[0] = '\0';
		if (db != NULL && sheetinfo_facility(db, k->facility_id, &fi) < 0)
			goto out;
		char missing[512];
		if (i < l->n)
			xlsx_plain(x, i + 1);
		else
			xlsx_blank(x); /* not on the list: no number */
		xlsx_text(x, k->name);
		xlsx_text(x, ku_address(k, &fi));
		xlsx_text(x, fi.sector_vi[0] == '\0' ? k->sector_code
			     : en		     ? fi.sector_en
						     : fi.sector_vi);
		xlsx_number(x, k->toe, fmt_qty_decimals(FMT_TOE, k->toe));
		xlsx_text(x, k->code);
		xlsx_text(x, k->tax_code);
		xlsx_text(x, k->unit_name);
		if ((int)k->status < 0 || k->status >= KEYUSER__MAX)
			xlsx_text(x, keyusers_status_code(k->status));
		else
			xlsx_text(x, en ? ku_status[k->status].en : ku_status[k->status].vi);
		xlsx_plain(x, k->derived_only);
		xlsx_text(x, ku_missing(k, lang, cnames, ncnames, missing, sizeof(missing)));
		for (int j = 0; j < nc; j++)
			xlsx_number(x, sheets_ku_carrier_toe(k, carriers[j]),
				    fmt_qty_decimals(FMT_TOE, 0));
		xlsx_row_end(x);
	}
	rc = 0;
out:
	free(names);
	free(head);
	free(carriers);
	return rc;
}

/* The columns of `sxsh kpi --format csv`, headed in words. */
enum {
	KH_PLAN,
	KH_YEAR,
	KH_BY,
	KH_GROUP_CODE,
	KH_GROUP,
	KH_INDICATOR,
	KH_TARGET,
	KH_TARGET_FROM,
	KH_TARGET_BY,
	KH_YES,
	KH_KNOWN,
	KH_ACTIVE,
	KH_SHARE,
	KH_SHARE_ACTIVE,
	KH_COVERAGE,
	KH_MET,
	KH_COMPARED,
	KPI_NHEAD
};
static const struct name kpi_head[KPI_NHEAD] = {
    [KH_PLAN] = {"plan", "Kế hoạch", "Plan"},
    [KH_YEAR] = {"year", "Năm", "Year"},
    [KH_BY] = {"by", "Phân theo", "Breakdown"},
    [KH_GROUP_CODE] = {"group_code", "Mã nhóm", "Group code"},
    [KH_GROUP] = {"group_name", "Nhóm", "Group"},
    [KH_INDICATOR] = {"indicator", "Chỉ tiêu", "Indicator"},
    [KH_TARGET] = {"target_pct", "Mục tiêu", "Target"},
    [KH_TARGET_FROM] = {"target_from", "Mục tiêu từ năm", "Target from"},
    [KH_TARGET_BY] = {"target_by", "Mục tiêu đến năm", "Target by"},
    [KH_YES] = {"yes", "Số cơ sở đạt", "Facilities meeting it"},
    [KH_KNOWN] = {"known", "Số cơ sở đã biết", "Facilities known"},
    [KH_ACTIVE] = {"active", "Số cơ sở hoạt động", "Active facilities"},
    [KH_SHARE] = {"share", "Tỷ lệ (trên số đã biết)", "Share (of known)"},
    [KH_SHARE_ACTIVE] = {"share_active", "Tỷ lệ (trên tổng số)", "Share (of all active)"},
    [KH_COVERAGE] = {"coverage", "Độ bao phủ", "Coverage"},
    [KH_MET] = {"target_met", "Đạt mục tiêu", "Target met"},
    [KH_COMPARED] = {"compared_with", "So sánh theo", "Compared with"},
};

/* The target-met column's words: [0] not met, [1] met. */
static const struct name kpi_met[2] = {
    {"0", "Chưa đạt", "Not met"},
    {"1", "Đạt", "Met"},
};

/* The header row of a KPI sheet in lang. */
static void
kpi_header(struct xlsx *x, enum sheets_lang lang)
{
	const char *h[KPI_NHEAD];
	for (int i = 0; i < KPI_NHEAD; i++)
		h[i] = sheets_word(&kpi_head[i], lang);
	xlsx_header(x, h, KPI_NHEAD);
}

/* The breakdowns' labels in the "by" column; [KPI_BY__MAX]: the province. */
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

/* The title rows of a KPI sheet; by is a kpi_by, or KPI_BY__MAX for the province. */
static void
kpi_title(struct xlsx *x, const struct kpi_result *r, int by, int first, int last,
	  enum sheets_lang lang)
{
	char years[32], t[256];
	if (first == last)
		snprintf(years, sizeof(years), "%d", first);
	else
		snprintf(years, sizeof(years), "%d–%d", first, last);
	struct msg m;
	msg_init(&m, MSG_XP_KPI_TITLE, NULL);
	msg_code(&m, r->plan_code);
	msg_code(&m, years);
	msg_code(&m, lang == SHEETS_EN ? kpi_by_label[by].en : kpi_by_label[by].vi);
	xlsx_title(x, sheets_msg(&m, lang, t, sizeof(t)));
	xlsx_row_end(x); /* row 3: nothing above the header */
}

/* One row; by is a kpi_by, or KPI_BY__MAX for the province. */
static void
kpi_row(struct xlsx *x, const struct kpi_result *r, int year, int by, const struct kpi_group *g,
	int k, const struct kpi_value *v, enum sheets_lang lang)
{
	int en = lang == SHEETS_EN;
	xlsx_text(x, r->plan_code);
	xlsx_plain(x, year);
	xlsx_text(x, en ? kpi_by_label[by].en : kpi_by_label[by].vi);
	xlsx_text(x, g != NULL ? g->code : NULL);
	xlsx_text(x, g != NULL ? (en && g->name_en != NULL ? g->name_en : g->name_vi) : NULL);
	xlsx_text(x, en ? r->series[k].name_en : r->series[k].name_vi);
	/* The target of the row's year only: none outside its period (kpi_target_at). */
	const struct kpi_target *t = kpi_target_at(&r->series[k], year);
	if (t != NULL) {
		xlsx_percent_dec(x, t->pct / 100.0, fmt_qty_decimals(FMT_TARGET, t->pct));
		xlsx_plain(x, t->from);
		xlsx_plain(x, t->by);
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
		xlsx_text(x, sheets_word(&kpi_met[met != 0], lang));
	xlsx_text(x, t == NULL ? NULL : sheets_word(&kpi_head[KH_SHARE_ACTIVE], lang));
	xlsx_row_end(x);
}

int
sheets_kpi(struct xlsx *x, const struct kpi_result *r, unsigned mask, int first, int last)
{
	return sheets_kpi_lang(x, r, mask, first, last, SHEETS_VI);
}

int
sheets_kpi_lang(struct xlsx *x, const struct kpi_result *r, unsigned mask, int first, int last,
		enum sheets_lang lang)
{
	int en = lang == SHEETS_EN;
	if (xlsx_sheet(x, en ? kpi_by_label[KPI_BY__MAX].en : "Toàn tỉnh") < 0)
		return -1;
	kpi_title(x, r, KPI_BY__MAX, first, last, lang);
	kpi_header(x, lang);
	/* Indicator by indicator, so that each one's years are a range of the chart. */
	struct xlsx_series series[KPI__MAX];
	for (int k = 0; k < KPI__MAX; k++) {
		series[k].name = en ? r->series[k].name_en : r->series[k].name_vi;
		series[k].first = xlsx_row(x);
		for (int y = first; y <= last; y++)
			kpi_row(x, r, y, KPI_BY__MAX, NULL, k,
				&r->series[k].values[y - r->first_year], lang);
		series[k].last = xlsx_row(x) - 1;
	}
	char t[256];
	struct msg m;
	msg_init(&m, MSG_XP_KPI_CHART, NULL);
	/* One year: a bar per indicator; several: a line per indicator across them. */
	if (last >= first && xlsx_chart(x, last > first ? XLSX_CHART_LINE : XLSX_CHART_COLUMN,
					sheets_msg(&m, lang, t, sizeof(t)), KH_YEAR,
					KH_SHARE_ACTIVE, series, KPI__MAX, 1) < 0)
		return -1;
	for (int by = 0; by < KPI_BY__MAX; by++) {
		if (!(mask & KPI_BY_BIT(by)))
			continue;
		const struct kpi_breakdown *b = &r->by[by];
		if (xlsx_sheet(x, en ? kpi_by_label[by].en : kpi_sheet_name[by]) < 0)
			return -1;
		kpi_title(x, r, by, first, last, lang);
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

/* How an export's column shows; a column not listed is text or General. */
enum export_show {
	SHOW_PLAIN,	/* numbers in General: years, months, flags, coordinates */
	SHOW_COUNT,	/* grouped integers */
	SHOW_MONEY,	/* grouped đồng */
	SHOW_QTY,	/* grouped, with a reported quantity's decimals (FMT_QTY) */
	SHOW_OWNERSHIP, /* codes shown by their names */
	SHOW_SIZE,
	SHOW_FSTATUS,
	SHOW_RSTATUS,
	SHOW_LINE
};

/* The facility's status and a report line's kind in words (codes of csv-formats.md). */
static const struct name export_fstatus[] = {
    {"active", "Đang hoạt động", "Active"},
    {"closed", "Đã đóng cửa", "Closed"},
};
static const struct name export_line[] = {
    {"output", "Sản lượng", "Output"},
    {"energy", "Năng lượng", "Energy"},
    {"water", "Nước", "Water"},
    {"material", "Nguyên vật liệu", "Material"},
};

/*
 * The export's columns by their CSV codes: the header in words and how the
 * values show.  A column missing here shows its code in the header.
 */
static const struct {
	enum csvio_kind kind;
	const char *column, *head;
	enum export_show show;
} export_cols[] = {
    {CSVIO_FACILITIES, "code", "Mã cơ sở", SHOW_PLAIN},
    {CSVIO_FACILITIES, "tax_code", "Mã số thuế", SHOW_PLAIN},
    {CSVIO_FACILITIES, "name", "Tên cơ sở", SHOW_PLAIN},
    {CSVIO_FACILITIES, "sector", "Mã ngành (VSIC)", SHOW_PLAIN},
    {CSVIO_FACILITIES, "admin_unit", "Mã đơn vị hành chính", SHOW_PLAIN},
    {CSVIO_FACILITIES, "address", "Địa chỉ", SHOW_PLAIN},
    {CSVIO_FACILITIES, "lat", "Vĩ độ", SHOW_PLAIN},
    {CSVIO_FACILITIES, "lon", "Kinh độ", SHOW_PLAIN},
    {CSVIO_FACILITIES, "ownership", "Loại hình sở hữu", SHOW_OWNERSHIP},
    {CSVIO_FACILITIES, "size", "Quy mô", SHOW_SIZE},
    {CSVIO_FACILITIES, "employees", "Số lao động", SHOW_COUNT},
    {CSVIO_FACILITIES, "opened_year", "Năm bắt đầu hoạt động", SHOW_PLAIN},
    {CSVIO_FACILITIES, "closed_year", "Năm đóng cửa", SHOW_PLAIN},
    {CSVIO_FACILITIES, "status", "Trạng thái", SHOW_FSTATUS},
    {CSVIO_REPORTS, "facility_code", "Mã cơ sở", SHOW_PLAIN},
    {CSVIO_REPORTS, "year", "Năm báo cáo", SHOW_PLAIN},
    {CSVIO_REPORTS, "status", "Trạng thái báo cáo", SHOW_RSTATUS},
    {CSVIO_REPORTS, "cp_aware", "Nhận thức về SXSH (1 = có)", SHOW_PLAIN},
    {CSVIO_REPORTS, "cp_staff", "Có cán bộ phụ trách SXSH (1 = có)", SHOW_PLAIN},
    {CSVIO_REPORTS, "cp_unit", "Có bộ phận SXSH (1 = có)", SHOW_PLAIN},
    {CSVIO_REPORTS, "cp_applied", "Áp dụng SXSH (1 = có)", SHOW_PLAIN},
    {CSVIO_REPORTS, "line", "Loại dòng", SHOW_LINE},
    {CSVIO_REPORTS, "item", "Mã hạng mục (năng lượng, nguồn nước) hoặc vật liệu", SHOW_PLAIN},
    {CSVIO_REPORTS, "product", "Mã sản phẩm", SHOW_PLAIN},
    {CSVIO_REPORTS, "month", "Tháng", SHOW_PLAIN},
    {CSVIO_REPORTS, "quantity", "Số lượng", SHOW_QTY},
    {CSVIO_REPORTS, "unit", "Đơn vị tính", SHOW_PLAIN},
    {CSVIO_REPORTS, "cost_vnd", "Chi phí (đồng)", SHOW_MONEY},
};

/*
 * The name columns the workbook adds, each right after the code column it
 * names (not in the CSV; their codes in the hidden row say so): the
 * sector's, the unit's and the product's names from the reference data,
 * and an item's: a carrier's name on an energy line, a water source's on
 * a water line, the material itself on a material line.
 */
enum { EXPORT_ITEM_NAME = -1 };
static const struct {
	enum csvio_kind kind;
	const char *after, *code, *head;
	int ref; /* enum sheetinfo_ref, or EXPORT_ITEM_NAME */
} export_names[] = {
    {CSVIO_FACILITIES, "sector", "sector_name", "Tên ngành", SHEETINFO_SECTOR},
    {CSVIO_FACILITIES, "admin_unit", "admin_unit_name", "Tên đơn vị hành chính", SHEETINFO_UNIT},
    {CSVIO_REPORTS, "item", "item_name", "Tên hạng mục", EXPORT_ITEM_NAME},
    {CSVIO_REPORTS, "product", "product_name", "Tên sản phẩm", SHEETINFO_PRODUCT},
};
#define EXPORT_NNAMES ((int)(sizeof(export_names) / sizeof(export_names[0])))

/* The entry of export_names added after column of kind; -1 when none. */
static int
export_name_after(enum csvio_kind kind, const char *column)
{
	for (int i = 0; i < EXPORT_NNAMES; i++)
		if (export_names[i].kind == kind && strcmp(export_names[i].after, column) == 0)
			return i;
	return -1;
}

/* The entry of export_cols for column of kind; -1 when none. */
static int
export_col(enum csvio_kind kind, const char *column)
{
	for (size_t i = 0; i < sizeof(export_cols) / sizeof(export_cols[0]); i++)
		if (export_cols[i].kind == kind && strcmp(export_cols[i].column, column) == 0)
			return (int)i;
	return -1;
}

/* What the row sink needs: the workbook, each column's cell kind, the count. */
struct export_ctx {
	struct xlsx *x;
	enum csvio_type type[XLSX_COLS_MAX];
	enum export_show show[XLSX_COLS_MAX];
	int name_after[XLSX_COLS_MAX]; /* the export_names entry after CSV column c; -1 */
	int line_col;		       /* the reports' "line" column; -1 for facilities */
	const struct sheetinfo_names *names;
	long rows;
};

/* The Vietnamese name of code in t (n entries); the code itself when unknown. */
static const char *
export_label(const struct name *t, int n, const char *code)
{
	const struct name *nm = names_find(t, n, code);
	return nm != NULL ? nm->name_vi : code;
}

/* A text field of the export, by name where its column shows one. */
static void
export_text(struct export_ctx *e, const char *const *fields, int c)
{
	const char *f = fields[c];
	switch (e->show[c]) {
	case SHOW_OWNERSHIP:
		f = export_label(names_ownership, OWN__MAX, f);
		break;
	case SHOW_SIZE:
		f = export_label(names_size, SIZE__MAX, f);
		break;
	case SHOW_FSTATUS:
		f = export_label(export_fstatus, 2, f);
		break;
	case SHOW_RSTATUS:
		f = export_label(names_state, WF_STATE__MAX, f);
		break;
	case SHOW_LINE:
		f = export_label(export_line, 4, f);
		break;
	default:
		break;
	}
	xlsx_text(e->x, f);
}

/* The name column export_names[i] of the code fields[c]; blank when it has none. */
static void
export_name(struct export_ctx *e, const char *const *fields, int c, int i)
{
	const char *code = fields[c], *nm = NULL;
	if (export_names[i].ref != EXPORT_ITEM_NAME) {
		nm = sheetinfo_name(e->names, (enum sheetinfo_ref)export_names[i].ref, code, 0);
	} else if (code != NULL && e->line_col >= 0 && fields[e->line_col] != NULL) {
		const char *line = fields[e->line_col];
		if (strcmp(line, "energy") == 0)
			nm = sheetinfo_name(e->names, SHEETINFO_CARRIER, code, 0);
		else if (strcmp(line, "water") == 0)
			nm = export_label(names_water, NAMES_WATER_N, code);
		else if (strcmp(line, "material") == 0)
			nm = code; /* a material is named, not coded */
	}
	xlsx_text(e->x, nm);
}

static int
export_row(void *ctx, const char *const *fields, int n)
{
	struct export_ctx *e = ctx;
	if (e->rows == SHEETS_ROWS_MAX)
		return -1;
	for (int c = 0; c < n; c++) {
		if (fields[c] == NULL || e->type[c] == CSVIO_TEXT) {
			export_text(e, fields, c);
			if (e->name_after[c] >= 0)
				export_name(e, fields, c, e->name_after[c]);
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
		case SHOW_QTY:
			xlsx_number(e->x, v, fmt_qty_decimals(FMT_QTY, v));
			break;
		default:
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
	xlsx_plain(x, year);
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
	static const char *const codes[] = {"facility_code", "year", "attachments"};
	static const char *const head[] = {"Mã cơ sở", "Năm báo cáo", "Số tệp đính kèm"};
	if (xlsx_sheet(x, "Tệp đính kèm") < 0) {
		msg_both(err, errsz, MSG_SHEET_CANNOT_ADD, " %s", "Tệp đính kèm");
		return -1;
	}
	sheets_title_id(x, MSG_XP_ATTACH_TITLE, SHEETS_VI);
	xlsx_codes_row(x, codes, 3);
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
	struct sheetinfo_names names;
	struct export_ctx e = {.x = x, .line_col = -1, .names = &names};
	const char *codes[XLSX_COLS_MAX], *head[XLSX_COLS_MAX];
	int n = csvio_ncols(kind), ncols = 0;
	if (rows != NULL)
		*rows = 0;
	if (n + EXPORT_NNAMES > XLSX_COLS_MAX || xlsx_sheet(x, export_sheet_name[kind]) < 0) {
		msg_both(err, errsz, MSG_SHEET_CANNOT_ADD, " %s", export_sheet_name[kind]);
		return -1;
	}
	for (int c = 0; c < n; c++) {
		const char *code = csvio_col_name(kind, c);
		int i = export_col(kind, code);
		codes[ncols] = code;
		head[ncols++] = i >= 0 ? export_cols[i].head : code;
		e.show[c] = i >= 0 ? export_cols[i].show : SHOW_PLAIN;
		e.type[c] = csvio_col_type(kind, c);
		if (kind == CSVIO_REPORTS && strcmp(code, "line") == 0)
			e.line_col = c;
		e.name_after[c] = export_name_after(kind, code);
		if (e.name_after[c] >= 0) {
			codes[ncols] = export_names[e.name_after[c]].code;
			head[ncols++] = export_names[e.name_after[c]].head;
		}
	}
	struct arena a;
	arena_init(&a);
	if (sheetinfo_names_load(db, &a, &names) < 0) {
		arena_free(&a);
		msg_both(err, errsz, MSG_ST_ERR, NULL);
		return -1;
	}
	char t[256];
	struct msg m;
	if (kind == CSVIO_REPORTS && year > 0) {
		msg_init(&m, MSG_XP_REP_TITLE, NULL);
		msg_plain(&m, year);
	} else {
		msg_init(&m, kind == CSVIO_REPORTS ? MSG_XP_REP_TITLE_ALL : MSG_XP_FAC_TITLE, NULL);
	}
	xlsx_title(x, sheets_msg(&m, SHEETS_VI, t, sizeof(t)));
	xlsx_codes_row(x, codes, ncols);
	xlsx_header(x, head, ncols);
	int rc = csvio_export_rows(db, kind, year, export_row, &e, err, errsz);
	arena_free(&a);
	if (rows != NULL)
		*rows = e.rows;
	if (rc < 0 && e.rows == SHEETS_ROWS_MAX) {
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
	sheets_title_id(x, MSG_XP_DIR_TITLE, en ? SHEETS_EN : SHEETS_VI);
	xlsx_row_end(x); /* row 3: nothing above the header */
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

/* -- assessment options -- */

#include "model/assess/option.h"

static const struct name opt_head[] = {
    {"seq", "STT", "No."},
    {"title", "Giải pháp", "Option"},
    {"kind", "Loại giải pháp", "Kind"},
    {"offsite", "Ngoài cơ sở", "Off-site"},
    {"addresses", "Giải quyết", "Addresses"},
    {"triage", "Phân loại", "Triage"},
    {"reject_reason", "Lý do loại bỏ", "Reason for rejection"},
    {"status", "Tình trạng", "Status"},
    {"implemented_on", "Ngày thực hiện xong", "Date implemented"},
    {"capex", "Vốn đầu tư (đồng)", "Capital cost (VND)"},
    {"annual_saving", "Tiết kiệm hằng năm (đồng)", "Annual saving (VND)"},
    {"simple_payback", "Hoàn vốn giản đơn (năm)", "Simple payback (years)"},
    {"discounted_payback", "Hoàn vốn có chiết khấu (năm)", "Discounted payback (years)"},
    {"npv", "NPV (đồng)", "NPV (VND)"},
    {"irr", "IRR", "IRR"},
    {"irr_status", "Ghi chú IRR", "IRR note"},
    {"weighted_score", "Điểm có trọng số", "Weighted score"},
    {"toe", "TOE/năm", "TOE/year"},
    {"co2_t", "CO₂ (tấn/năm)", "CO₂ (t/year)"},
    {"factor_year", "Năm hệ số", "Factor year"},
};
#define OPT_NHEAD ((int)(sizeof(opt_head) / sizeof(opt_head[0])))

/* The IRR's status in words. */
static const struct name opt_irr_words[] = {
    [FIN_IRR_ONE] = {"one", "", ""},
    [FIN_IRR_NONE_NO_SIGN_CHANGE] = {"none", "Không có: dòng tiền không đổi dấu",
				     "None: the cash flows never change sign"},
    [FIN_IRR_SEVERAL] = {"several", "Nhiều nghiệm: lấy nghiệm gần tỷ lệ chiết khấu nhất",
			 "Several roots: the one nearest the discount rate"},
    [FIN_IRR_NOT_FOUND] = {"not_found", "Không tìm thấy nghiệm", "No root found"},
    [FIN_IRR_SCAN_ONE] = {"scan_one", "Dòng tiền đổi dấu nhiều lần, một nghiệm",
			  "The flows change sign more than once; one root"},
};

static const char *
opt_target(const struct cp_option *o, const struct cp_target *t, int nt)
{
	for (int i = 0; i < nt; i++) {
		if (o->cause_id != 0 ? t[i].cause_id == o->cause_id
				     : (t[i].item_id == o->waste_item_id && t[i].cause_id == 0 &&
					o->waste_item_id != 0))
			return t[i].cause_id ? t[i].cause : t[i].item_name;
	}
	return NULL;
}

int
sheets_options(struct xlsx *x, const struct cp_option *v, int n, const struct cp_target *t, int nt,
	       const char *title, enum sheets_lang lang)
{
	const char *codes[OPT_NHEAD], *head[OPT_NHEAD];
	if (xlsx_sheet(x, lang == SHEETS_EN ? "Options" : "Giải pháp") < 0)
		return -1;
	char tt[512];
	struct msg m;
	msg_init(&m, MSG_XP_OPTIONS_TITLE, NULL);
	msg_str(&m, title != NULL ? title : "");
	xlsx_title(x, sheets_msg(&m, lang, tt, sizeof(tt)));
	for (int c = 0; c < OPT_NHEAD; c++) {
		codes[c] = opt_head[c].code;
		head[c] = sheets_word(&opt_head[c], lang);
	}
	xlsx_codes_row(x, codes, OPT_NHEAD);
	xlsx_header(x, head, OPT_NHEAD);
	for (int i = 0; i < n; i++) {
		const struct cp_option *o = &v[i];
		const struct fin_result *f = &o->fin;
		/* the first year's flow, as the report and the list across assessments */
		double saving = o->has_flows && o->nflows > 0 ? o->cash_flows[0] : o->annual_saving;
		char d[32];
		xlsx_int(x, o->seq);
		xlsx_text(x, o->title);
		xlsx_text(x, sheets_word(&names_option_kind[o->kind], lang));
		xlsx_text(x, o->offsite ? (lang == SHEETS_EN ? "Yes" : "Có") : NULL);
		xlsx_text(x, opt_target(o, t, nt));
		xlsx_text(x, sheets_word(&names_triage[o->triage], lang));
		xlsx_text(x, o->reject_reason[0] ? o->reject_reason : NULL);
		xlsx_text(x, sheets_word(&names_option_status[o->status], lang));
		xlsx_text(x,
			  o->implemented_on[0] ? fmt_date(d, sizeof(d), o->implemented_on) : NULL);
		xlsx_number(x, o->capex, 0);
		xlsx_number(x, saving, 0);
		xlsx_number(x, o->fin_ok ? f->simple_payback : NAN, 2);
		xlsx_number(x, o->fin_ok ? f->discounted_payback : NAN, 2);
		xlsx_number(x, o->fin_ok ? f->npv : NAN, 0);
		xlsx_percent(x, o->fin_ok ? f->irr : NAN);
		if (o->fin_ok && f->irr_status != FIN_IRR_ONE)
			xlsx_text(x, sheets_word(&opt_irr_words[f->irr_status], lang));
		else
			xlsx_blank(x);
		xlsx_number(x, o->weighted_score, 2);
		xlsx_number(x, o->toe, 2);
		xlsx_number(x, o->co2_t, 1);
		xlsx_plain(x, o->factor_year);
		xlsx_row_end(x);
	}
	return 0;
}

/* -- options across assessments -- */

static const struct name across_head[] = {
    {"", "STT", "No."},
    {"", "Giải pháp", "Option"},
    {"", "Cơ sở", "Facility"},
    {"", "Ngành", "Sector"},
    {"", "Năm đánh giá", "Assessment year"},
    {"", "Trạng thái đánh giá", "Assessment state"},
    {"", "Loại giải pháp", "Kind"},
    {"", "Phân loại", "Triage"},
    {"", "Thực hiện", "Implementation"},
    {"", "Vốn đầu tư (đồng)", "Investment (VND)"},
    {"", "Tiết kiệm (đồng/năm)", "Saving (VND a year)"},
    {"", "Hoàn vốn giản đơn (năm)", "Simple payback (years)"},
    {"", "TOE/năm", "TOE a year"},
    {"", "Tấn CO2/năm", "Tonnes CO2 a year"},
    {"", "Tính vào tổng", "Counted"},
};
#define ACROSS_NHEAD ((int)(sizeof(across_head) / sizeof(across_head[0])))

static const struct name opt_pb_head[] = {
    {"", "Ngành", "Sector"},
    {"", "Loại giải pháp", "Kind"},
    {"", "Số giải pháp", "Options"},
    {"", "Có thời gian hoàn vốn", "With a payback"},
    {"", "Trung vị (năm)", "Median (years)"},
    {"", "Nhanh nhất (năm)", "Fastest (years)"},
    {"", "Không hoàn vốn", "Never paid back"},
    {"", "Chưa có số liệu tài chính", "No finance data"},
};
#define OPT_PB_NHEAD ((int)(sizeof(opt_pb_head) / sizeof(opt_pb_head[0])))

/* "10 — Sản xuất, chế biến thực phẩm", or the code alone when unnamed; into out. */
static const char *
opt_division(const char *code, const char *vi, const char *en, enum sheets_lang lang, char *out,
	     size_t n)
{
	const char *nm = lang == SHEETS_EN ? en : vi;
	if (code == NULL || code[0] == '\0')
		snprintf(out, n, "%s", lang == SHEETS_EN ? "Unknown" : "Chưa rõ");
	else if (nm == NULL || nm[0] == '\0')
		snprintf(out, n, "%s", code);
	else
		snprintf(out, n, "%s — %s", code, nm);
	return out;
}

/* The label of index i in t[0..n), or "" outside. */
static const char *
opt_label(const struct name *t, int n, int i, enum sheets_lang lang)
{
	return i >= 0 && i < n ? sheets_word(&t[i], lang) : "";
}

int
sheets_options_across(struct xlsx *x, const struct optstat_result *r, enum sheets_lang lang)
{
	int en = lang == SHEETS_EN;
	if (xlsx_sheet(x, en ? "CP options" : "Giải pháp SXSH") < 0)
		return -1;
	xlsx_title(x, en ? "Cleaner-production options across assessments"
			 : "Giải pháp sản xuất sạch hơn của các đánh giá");
	char line[512], n1[48], n2[48], n3[48], n4[48];
	enum lang fl = en ? LANG_EN : LANG_VI;
	snprintf(line, sizeof(line),
		 en ? "%d options counted of %d listed%s. Investment %s VND; saving %s VND a year; "
		      "%s TOE a year; %s tonnes CO2 a year."
		    : "Tính %d trong %d giải pháp%s. Tổng vốn đầu tư %s đồng; tiết kiệm %s "
		      "đồng/năm; %s TOE/năm; %s tấn CO2/năm.",
		 r->total.count, r->n,
		 r->with_rejected
		     ? (en ? " (rejected ones included)" : " (gồm cả giải pháp bị loại)")
		     : (en ? " (triaged now or study, or implemented)"
			   : " (thực hiện ngay, cần nghiên cứu thêm hoặc đã thực hiện)"),
		 fmt_num(n1, sizeof(n1), r->total.capex, 0, fl),
		 fmt_num(n2, sizeof(n2), r->total.saving, 0, fl),
		 fmt_qty(n3, sizeof(n3), r->total.toe, FMT_TOE, fl),
		 fmt_qty(n4, sizeof(n4), r->total.co2_t, FMT_CO2, fl));
	xlsx_text(x, line);
	xlsx_row_end(x);
	const char *head[ACROSS_NHEAD];
	for (int j = 0; j < ACROSS_NHEAD; j++)
		head[j] = sheets_word(&across_head[j], lang);
	xlsx_header(x, head, ACROSS_NHEAD);
	char div[320];
	for (int i = 0; i < r->n; i++) {
		const struct optstat_item *it = &r->items[i];
		const struct cp_option *o = it->o;
		xlsx_plain(x, i + 1);
		xlsx_text(x, o->title);
		xlsx_text(x, it->facility_name);
		xlsx_text(x, opt_division(it->division, it->division_vi, it->division_en, lang, div,
					  sizeof(div)));
		xlsx_plain(x, it->year);
		xlsx_text(x, opt_label(names_state, WF_STATE__MAX, (int)it->state, lang));
		xlsx_text(x, opt_label(names_option_kind, NAMES_OPTION_KIND_N, o->kind, lang));
		xlsx_text(x, opt_label(names_triage, NAMES_TRIAGE_N, o->triage, lang));
		xlsx_text(x,
			  opt_label(names_option_status, NAMES_OPTION_STATUS_N, o->status, lang));
		xlsx_number(x, o->capex, 0);
		xlsx_number(x, it->saving, 0);
		xlsx_number(x, o->fin_ok ? o->fin.simple_payback : NAN, 2);
		xlsx_number(x, o->toe, fmt_qty_decimals(FMT_TOE, o->toe));
		xlsx_number(x, o->co2_t, fmt_qty_decimals(FMT_CO2, o->co2_t));
		xlsx_text(x, it->counted ? (en ? "Yes" : "Có") : (en ? "No" : "Không"));
		xlsx_row_end(x);
	}
	xlsx_blank(x);
	xlsx_bold(x, en ? "Total of the counted options" : "Tổng các giải pháp được tính");
	for (int j = 0; j < 7; j++)
		xlsx_blank(x);
	xlsx_number(x, r->total.capex, 0);
	xlsx_number(x, r->total.saving, 0);
	xlsx_blank(x);
	xlsx_number(x, r->total.toe, fmt_qty_decimals(FMT_TOE, r->total.toe));
	xlsx_number(x, r->total.co2_t, fmt_qty_decimals(FMT_CO2, r->total.co2_t));
	xlsx_plain(x, r->total.count);
	xlsx_row_end(x);

	if (xlsx_sheet(x, en ? "Payback" : "Hoàn vốn") < 0)
		return -1;
	xlsx_title(x, en ? "Which kinds of option pay back fastest in each sector"
			 : "Loại giải pháp hoàn vốn nhanh nhất theo ngành");
	const char *ph[OPT_PB_NHEAD];
	for (int j = 0; j < OPT_PB_NHEAD; j++)
		ph[j] = sheets_word(&opt_pb_head[j], lang);
	xlsx_header(x, ph, OPT_PB_NHEAD);
	for (int i = 0; i < r->npayback; i++) {
		const struct optstat_payback *p = &r->payback[i];
		xlsx_text(x, opt_division(p->division, p->division_vi, p->division_en, lang, div,
					  sizeof(div)));
		xlsx_text(x, opt_label(names_option_kind, NAMES_OPTION_KIND_N, p->kind, lang));
		xlsx_plain(x, p->count);
		xlsx_plain(x, p->npayback);
		xlsx_number(x, p->median, 2);
		xlsx_number(x, p->min, 2);
		xlsx_plain(x, p->never);
		xlsx_plain(x, p->no_data);
		xlsx_row_end(x);
	}
	return 0;
}
