/*
 * GET /options and /options.xlsx (signed in: staff, experts, enterprises;
 * each sees the options of the assessments it sees): the CP options
 * across assessments (model/assess/option_stats.h), filtered by sector
 * (a VSIC division present), kind, implementation status, triage and the
 * assessment's year; the totals (investment, VND saved a year, TOE and
 * CO2 a year), the payback of each kind of option in each sector fastest
 * first, the totals by sector and by kind, and the list linked to the
 * option's and the assessment's pages.  The workbook (render/sheets.h,
 * sheets_options) takes the same filters and the page's language.
 * Responses are marked no-store.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/assess/option_stats.h"
#include "model/names.h"
#include "render/html.h"
#include "render/sheets.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/web_int.h"
#include "web/wfpage.h"

/* The page's filters as typed, validated. */
struct op_query {
	struct optstat_filter f;
	const char *sector, *kind, *status, *triage, *year; /* the parameters, or NULL */
};

/* VND, whole, in the page's language ("1.234.000.000"); arena. */
static const char *
op_money(struct http_request *req, double v)
{
	char s[64];
	if (!isfinite(v))
		return "—";
	return arena_strdup(&req->arena,
			    fmt_num(s, sizeof(s), v, 0, req->lang == LANG_EN ? LANG_EN : LANG_VI));
}

/* Years with one decimal ("2,5"); "—" for NaN. */
static const char *
op_years(struct http_request *req, double v)
{
	char s[64];
	if (!isfinite(v))
		return "—";
	return arena_strdup(&req->arena,
			    fmt_num(s, sizeof(s), v, 1, req->lang == LANG_EN ? LANG_EN : LANG_VI));
}

static const char *
op_label(struct http_request *req, const struct name *t, int n, int i)
{
	return i >= 0 && i < n ? HTTP_T(req, t[i].name_vi, t[i].name_en) : "";
}

static const char *
op_division(struct http_request *req, const char *code, const char *vi, const char *en)
{
	if (code == NULL || code[0] == '\0')
		return HTTP_T(req, "Chưa rõ ngành", "Unknown sector");
	return arena_printf(&req->arena, "%s — %s", code, HTTP_T(req, vi, en));
}

/* The index of code in t, or -1 for none; -2 when code is given and unknown. */
static int
op_code(const struct name *t, int n, const char *code)
{
	if (code == NULL || code[0] == '\0')
		return -1;
	const struct name *nm = names_find(t, n, code);
	return nm == NULL ? -2 : (int)(nm - t);
}

/* Reads and checks the filters; 0, or -1 with a 400 in resp. */
static int
op_read_query(struct http_request *req, struct http_response *resp, struct op_query *q)
{
	optstat_filter_init(&q->f);
	q->sector = http_param(req, "sector");
	q->kind = http_param(req, "kind");
	q->status = http_param(req, "status");
	q->triage = http_param(req, "triage");
	q->year = http_param(req, "year");
	if (q->sector != NULL && q->sector[0] != '\0') {
		size_t len = strlen(q->sector);
		if (len > 5 || strspn(q->sector, "0123456789") != len) {
			web_error(req, resp, 400, "Ngành không hợp lệ (tham số sector).",
				  "Not a valid sector (parameter sector).");
			return -1;
		}
		q->f.sector = q->sector;
	}
	q->f.kind = op_code(names_option_kind, NAMES_OPTION_KIND_N, q->kind);
	q->f.status = op_code(names_option_status, NAMES_OPTION_STATUS_N, q->status);
	q->f.triage = op_code(names_triage, NAMES_TRIAGE_N, q->triage);
	if (q->f.kind == -2 || q->f.status == -2 || q->f.triage == -2) {
		web_error(req, resp, 400,
			  "Loại giải pháp, trạng thái thực hiện hoặc phân loại không hợp lệ.",
			  "Unknown kind, implementation status or triage.");
		return -1;
	}
	if (q->year != NULL && q->year[0] != '\0') {
		int64_t y;
		if (parse_int64(q->year, &y) < 0 || y < 1990 || y > 2100) {
			web_error(req, resp, 400, "Năm không hợp lệ.", "Not a valid year.");
			return -1;
		}
		q->f.year = (int)y;
	}
	return 0;
}

/* The filters as link parameters (NULL ones skipped): their number. */
static int
op_keep(const struct op_query *q, struct http_param *p)
{
	const char *names[] = {"sector", "kind", "status", "triage", "year"};
	const char *vals[] = {q->sector, q->kind, q->status, q->triage, q->year};
	int n = 0;
	for (int i = 0; i < 5; i++)
		if (vals[i] != NULL && vals[i][0] != '\0')
			p[n++] = (struct http_param){names[i], vals[i]};
	return n;
}

static void
op_select(struct http_request *req, struct buf *b, const char *label_vi, const char *label_en,
	  const char *param, const struct name *t, int n, const char *value, int with_code)
{
	html_open(b, "label", NULL);
	html_elem(b, "span", HTTP_T(req, label_vi, label_en));
	html_open(b, "select", "name", param, NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, HTTP_T(req, "— Tất cả —", "— All —"));
	html_close(b, "option");
	for (int j = 0; j < n; j++) {
		if (value != NULL && strcmp(value, t[j].code) == 0)
			html_open(b, "option", "value", t[j].code, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", t[j].code, NULL);
		if (with_code)
			html_textf(b, "%s — %s", t[j].code,
				   HTTP_T(req, t[j].name_vi, t[j].name_en));
		else
			html_text(b, HTTP_T(req, t[j].name_vi, t[j].name_en));
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
}

static void
op_form(struct http_request *req, struct buf *b, const struct op_query *q,
	const struct optstat_result *r)
{
	html_open(b, "form", "class", "filters option-filters", "method", "get", "action",
		  "/options", "role", "search", NULL);
	op_select(req, b, "Ngành", "Sector", "sector", r->divisions, r->ndivisions, q->sector, 1);
	op_select(req, b, "Loại giải pháp", "Kind", "kind", names_option_kind, NAMES_OPTION_KIND_N,
		  q->kind, 0);
	op_select(req, b, "Thực hiện", "Implementation", "status", names_option_status,
		  NAMES_OPTION_STATUS_N, q->status, 0);
	op_select(req, b, "Phân loại", "Triage", "triage", names_triage, NAMES_TRIAGE_N, q->triage,
		  0);
	html_open(b, "label", NULL);
	html_elem(b, "span", HTTP_T(req, "Năm đánh giá", "Assessment year"));
	html_open(b, "select", "name", "year", NULL);
	html_open(b, "option", "value", "", NULL);
	html_text(b, HTTP_T(req, "— Tất cả —", "— All —"));
	html_close(b, "option");
	for (int j = 0; j < r->nyears; j++) {
		const char *y = arena_printf(&req->arena, "%d", r->years[j]);
		if (q->f.year == r->years[j])
			html_open(b, "option", "value", y, "selected", "selected", NULL);
		else
			html_open(b, "option", "value", y, NULL);
		html_text(b, y);
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
	if (req->lang == LANG_EN)
		html_open(b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Lọc", "Filter"));
	html_close(b, "button");
	html_close(b, "form");
}

static void
op_th(struct buf *b, const char *text, int num)
{
	html_open(b, "th", "scope", "col", num ? "class" : NULL, "num", NULL);
	html_text(b, text);
	html_close(b, "th");
}

static void
op_td_num(struct buf *b, const char *text)
{
	html_open(b, "td", "class", "num", NULL);
	html_text(b, text);
	html_close(b, "td");
}

static void
op_payback_table(struct http_request *req, struct buf *b, const struct optstat_result *r)
{
	html_elem(b, "h2",
		  HTTP_T(req, "Loại giải pháp hoàn vốn nhanh nhất theo ngành",
			 "Which kinds of option pay back fastest in each sector"));
	html_open(b, "p", "class", "note", NULL);
	html_text(b,
		  HTTP_T(req,
			 "Thời gian hoàn vốn giản đơn = vốn đầu tư / dòng tiền hằng năm. Trong "
			 "mỗi ngành, loại có trung vị thấp nhất đứng đầu. Giải pháp không bao "
			 "giờ hoàn vốn và giải pháp chưa có số liệu tài chính được đếm riêng.",
			 "Simple payback = investment / yearly cash flow. In each sector the kind "
			 "with the lowest median comes first. Options that never pay back and "
			 "options without finance data are counted apart."));
	html_close(b, "p");
	web_scroll_open(
	    b, HTTP_T(req, "Hoàn vốn theo ngành và loại giải pháp", "Payback by sector and kind"));
	html_open(b, "table", "class", "list option-payback", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	op_th(b, HTTP_T(req, "Ngành", "Sector"), 0);
	op_th(b, HTTP_T(req, "Loại giải pháp", "Kind"), 0);
	op_th(b, HTTP_T(req, "Số giải pháp", "Options"), 1);
	op_th(b, HTTP_T(req, "Trung vị (năm)", "Median (years)"), 1);
	op_th(b, HTTP_T(req, "Nhanh nhất (năm)", "Fastest (years)"), 1);
	op_th(b, HTTP_T(req, "Không hoàn vốn", "Never paid back"), 1);
	op_th(b, HTTP_T(req, "Chưa có số liệu tài chính", "No finance data"), 1);
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < r->npayback; i++) {
		const struct optstat_payback *p = &r->payback[i];
		int first = i == 0 || strcmp(r->payback[i - 1].division, p->division) != 0;
		html_open(b, "tr", first ? "class" : NULL, "first-of-sector", NULL);
		html_elem(b, "td",
			  first ? op_division(req, p->division, p->division_vi, p->division_en)
				: "");
		html_open(b, "td", NULL);
		html_text(b, op_label(req, names_option_kind, NAMES_OPTION_KIND_N, p->kind));
		if (first && p->npayback > 0) {
			html_open(b, "small", NULL);
			html_text(b, HTTP_T(req, " (nhanh nhất)", " (fastest)"));
			html_close(b, "small");
		}
		html_close(b, "td");
		op_td_num(b, web_int(req, p->count));
		op_td_num(b, op_years(req, p->median));
		op_td_num(b, op_years(req, p->min));
		op_td_num(b, web_int(req, p->never));
		op_td_num(b, web_int(req, p->no_data));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

/* A table of sums: by sector (sector != 0) or by kind. */
static void
op_sums_table(struct http_request *req, struct buf *b, const struct optstat_sum *s, int n,
	      int sector)
{
	html_elem(b, "h2",
		  sector ? HTTP_T(req, "Theo ngành", "By sector")
			 : HTTP_T(req, "Theo loại giải pháp", "By kind"));
	web_scroll_open(b, sector ? HTTP_T(req, "Tổng theo ngành", "Totals by sector")
				  : HTTP_T(req, "Tổng theo loại giải pháp", "Totals by kind"));
	html_open(b, "table", "class", "list option-sums", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	op_th(b, sector ? HTTP_T(req, "Ngành", "Sector") : HTTP_T(req, "Loại giải pháp", "Kind"),
	      0);
	op_th(b, HTTP_T(req, "Số giải pháp", "Options"), 1);
	op_th(b, HTTP_T(req, "Vốn đầu tư (đồng)", "Investment (VND)"), 1);
	op_th(b, HTTP_T(req, "Tiết kiệm (đồng/năm)", "Saving (VND a year)"), 1);
	op_th(b, HTTP_T(req, "TOE/năm", "TOE a year"), 1);
	op_th(b, HTTP_T(req, "Tấn CO2/năm", "Tonnes CO2 a year"), 1);
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		html_open(b, "tr", NULL);
		html_elem(b, "td",
			  sector ? op_division(req, s[i].code, s[i].name_vi, s[i].name_en)
				 : HTTP_T(req, s[i].name_vi, s[i].name_en));
		op_td_num(b, web_int(req, s[i].count));
		op_td_num(b, op_money(req, s[i].capex));
		op_td_num(b, op_money(req, s[i].saving));
		op_td_num(b, web_qty(req, s[i].toe, FMT_TOE));
		op_td_num(b, web_qty(req, s[i].co2_t, FMT_CO2));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

static void
op_list_table(struct http_request *req, struct buf *b, const struct optstat_result *r)
{
	html_elem(b, "h2", HTTP_T(req, "Danh sách giải pháp", "The options"));
	web_scroll_open(b, HTTP_T(req, "Danh sách giải pháp", "The options"));
	html_open(b, "table", "class", "list option-list", NULL);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	op_th(b, HTTP_T(req, "Giải pháp", "Option"), 0);
	op_th(b, HTTP_T(req, "Cơ sở", "Facility"), 0);
	op_th(b, HTTP_T(req, "Ngành", "Sector"), 0);
	op_th(b, HTTP_T(req, "Đánh giá", "Assessment"), 0);
	op_th(b, HTTP_T(req, "Loại giải pháp", "Kind"), 0);
	op_th(b, HTTP_T(req, "Phân loại", "Triage"), 0);
	op_th(b, HTTP_T(req, "Thực hiện", "Implementation"), 0);
	op_th(b, HTTP_T(req, "Vốn đầu tư (đồng)", "Investment (VND)"), 1);
	op_th(b, HTTP_T(req, "Tiết kiệm (đồng/năm)", "Saving (VND a year)"), 1);
	op_th(b, HTTP_T(req, "Hoàn vốn (năm)", "Payback (years)"), 1);
	op_th(b, HTTP_T(req, "TOE/năm", "TOE a year"), 1);
	op_th(b, HTTP_T(req, "Tấn CO2/năm", "Tonnes CO2 a year"), 1);
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < r->n; i++) {
		const struct optstat_item *it = &r->items[i];
		const struct cp_option *o = it->o;
		html_open(b, "tr", it->counted ? NULL : "class", "not-counted", NULL);
		html_open(b, "td", NULL);
		html_open(b, "a", "href",
			  arena_printf(&req->arena, "/options/%lld", (long long)o->id), NULL);
		html_text(b, o->title);
		html_close(b, "a");
		if (!it->counted) {
			html_open(b, "small", NULL);
			html_text(b, HTTP_T(req, " (không tính vào tổng)", " (not counted)"));
			html_close(b, "small");
		}
		html_close(b, "td");
		html_elem(b, "td", it->facility_name);
		html_elem(b, "td",
			  it->division[0] != '\0' ? it->division
						  : HTTP_T(req, "Chưa rõ", "Unknown"));
		html_open(b, "td", NULL);
		html_open(
		    b, "a", "href",
		    arena_printf(&req->arena, "/assessments/%lld", (long long)it->assessment_id),
		    NULL);
		html_textf(b, HTTP_T(req, "Năm %d", "%d"), it->year);
		html_close(b, "a");
		html_textf(b, " — %s", wfp_state_label(req, it->state));
		html_close(b, "td");
		html_elem(b, "td", op_label(req, names_option_kind, NAMES_OPTION_KIND_N, o->kind));
		html_elem(b, "td", op_label(req, names_triage, NAMES_TRIAGE_N, o->triage));
		html_elem(b, "td",
			  op_label(req, names_option_status, NAMES_OPTION_STATUS_N, o->status));
		op_td_num(b, op_money(req, o->capex));
		op_td_num(b, op_money(req, it->saving));
		op_td_num(b, !o->fin_ok		    ? "—"
			     : o->fin.payback_never ? HTTP_T(req, "không hoàn vốn", "never")
						    : op_years(req, o->fin.simple_payback));
		op_td_num(b, web_qty(req, o->toe, FMT_TOE));
		op_td_num(b, web_qty(req, o->co2_t, FMT_CO2));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

/* The totals' sentence and the count of the options it counts. */
static void
op_totals(struct http_request *req, struct buf *b, const struct optstat_result *r)
{
	html_open(b, "p", "class", "option-totals", NULL);
	html_textf(b,
		   HTTP_T(req,
			  "Tổng vốn đầu tư: %s đồng; Tiết kiệm: %s đồng/năm; %s TOE/năm; %s tấn "
			  "CO2/năm",
			  "Total investment: %s VND; Saving: %s VND a year; %s TOE a year; %s "
			  "tonnes CO2 a year"),
		   op_money(req, r->total.capex), op_money(req, r->total.saving),
		   web_qty(req, r->total.toe, FMT_TOE), web_qty(req, r->total.co2_t, FMT_CO2));
	html_close(b, "p");
	html_open(b, "p", "class", "note", NULL);
	html_textf(b,
		   HTTP_T(req, "Tính %s trong %s giải pháp được liệt kê. ",
			  "%s of the %s options listed are counted. "),
		   web_int(req, r->total.count), web_int(req, r->n));
	if (r->with_rejected)
		html_text(b, HTTP_T(req, "Bộ lọc chọn các giải pháp bị loại nên chúng được tính.",
				    "The filter asks for rejected options, so they are counted."));
	else
		html_text(b,
			  HTTP_T(req,
				 "Chỉ tính các giải pháp được chọn thực hiện ngay hoặc cần nghiên "
				 "cứu thêm, và các giải pháp đã thực hiện; giải pháp bị loại không "
				 "được tính (chọn phân loại \"Loại bỏ\" để xem và tính chúng).",
				 "Only options triaged \"implement now\" or \"study further\", and "
				 "implemented ones, are counted; rejected options are not (choose "
				 "the triage \"Rejected\" to see and count them)."));
	int missing = r->total.saving_missing, nconv = r->total.toe_missing;
	if (missing > 0)
		html_textf(b,
			   HTTP_T(req, " %s giải pháp chưa có số tiền tiết kiệm.",
				  " %s options have no saving given."),
			   web_int(req, missing));
	if (nconv > 0)
		html_textf(b,
			   HTTP_T(req,
				  " %s giải pháp có năng lượng chưa quy đổi được (thiếu hệ số), "
				  "không tính vào TOE và CO2.",
				  " %s options have energy that could not be converted (a factor "
				  "is missing) and add no TOE or CO2."),
			   web_int(req, nconv));
	html_close(b, "p");
}

/* What the workbook download needs (web_sheets_send's fill). */
struct op_sheet {
	const struct optstat_result *r;
	enum sheets_lang lang;
};

static int
op_fill(struct xlsx *x, const void *ctx)
{
	const struct op_sheet *s = ctx;
	return sheets_options_across(x, s->r, s->lang);
}

/* The page (xlsx = 0) or the workbook. */
static int
op_serve(struct http_request *req, struct http_response *resp, int xlsx)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	http_response_header(resp, "Cache-Control", "no-store");
	struct op_query q;
	if (op_read_query(req, resp, &q) < 0)
		return 0;
	struct optstat_result r;
	if (optstat_list(db, req->who, &q.f, &req->arena, &r) != ST_OK)
		return -1;
	if (xlsx) {
		struct op_sheet s = {&r, req->lang == LANG_EN ? SHEETS_EN : SHEETS_VI};
		return web_sheets_send(req, resp, op_fill, &s, "giai-phap-sxsh.xlsx");
	}
	struct buf b;
	buf_init(&b, HTTP_BODY_MAX / 2);
	const char *title =
	    HTTP_T(req, "Giải pháp SXSH của các đánh giá", "CP options across assessments");
	html_elem(&b, "h1", title);
	op_form(req, &b, &q, &r);
	if (r.n == 0) {
		html_open(&b, "p", "class", "empty", NULL);
		html_text(&b, HTTP_T(req,
				     "Chưa có giải pháp SXSH nào phù hợp trong các đánh giá bạn "
				     "được xem.",
				     "No CP option matches in the assessments you can see."));
		html_close(&b, "p");
	} else {
		op_totals(req, &b, &r);
		struct http_param p[6];
		int np = op_keep(&q, p);
		html_open(&b, "p", NULL);
		html_open(&b, "a", "href", web_url(req, "/options.xlsx", p, np), "download", "",
			  NULL);
		html_text(&b, HTTP_T(req, "Tải Excel", "Download Excel"));
		html_close(&b, "a");
		html_close(&b, "p");
		if (r.npayback > 0)
			op_payback_table(req, &b, &r);
		if (r.total.count > 0) {
			op_sums_table(req, &b, r.by_sector, r.nsector, 1);
			op_sums_table(req, &b, r.by_kind, r.nkind, 0);
		}
		op_list_table(req, &b, &r);
	}
	int rc = -1;
	if (b.overflow)
		log_err("options: page over %u bytes", HTTP_BODY_MAX / 2);
	else
		rc = web_layout(req, &resp->body, title, buf_str(&b));
	buf_free(&b);
	return rc;
}

int
web_options(struct http_request *req, struct http_response *resp)
{
	return op_serve(req, resp, 0);
}

int
web_options_xlsx(struct http_request *req, struct http_response *resp)
{
	return op_serve(req, resp, 1);
}
