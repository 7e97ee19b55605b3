/*
 * The printable report of a CP assessment (issue 13 item 6):
 * GET /assessments/{id}/report, for whoever sees the assessment.  On paper
 * it reads as the team's report to the Department: the letterhead, the
 * title, the facility, the team, the focus area and where the 18 tasks
 * stand, the process diagram and balances, the options with their
 * feasibility, and the implementation plan, then the signatures.  On
 * screen the same page, with a print button and links back.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/assess/assessment.h"
#include "model/assess/option.h"
#include "model/reporting/home.h"
#include "render/html.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/fmt.h"
#include "web/web.h"
#include "web/web_int.h"
#include "web/wfpage.h"

#define AR_PAGE_MAX (1u << 20)

static const char *
ar_num(struct http_request *req, double v, int decimals)
{
	char n[64];
	if (!isfinite(v))
		return "—";
	return arena_strdup(&req->arena, fmt_num(n, sizeof(n), v, decimals, req->lang));
}

static const char *
ar_qty(struct http_request *req, double v, enum fmt_qty q)
{
	char n[64];
	return arena_strdup(&req->arena, fmt_qty(n, sizeof(n), v, q, req->lang));
}

static const char *
ar_date(struct http_request *req, const char *iso)
{
	char d[HOME_DATE_SIZE + 4];
	if (iso == NULL || iso[0] == '\0')
		return "—";
	return arena_strdup(&req->arena, home_date_show(iso, d));
}

static const char *
ar_name(struct http_request *req, const struct name *nm)
{
	return nm == NULL ? "—" : HTTP_T(req, nm->name_vi, nm->name_en);
}

/* One row "label | value" of a heading table. */
static void
ar_row(struct buf *b, const char *label, const char *value)
{
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", NULL);
	html_text(b, label);
	html_close(b, "th");
	html_elem(b, "td", value != NULL && value[0] != '\0' ? value : "—");
	html_close(b, "tr");
}

static void
ar_th(struct buf *b, const char *const *heads, int n)
{
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	for (int i = 0; i < n; i++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, heads[i]);
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
}

static void
ar_facility(struct http_request *req, struct buf *b, const struct assessment *a,
	    const struct assess_facility *f)
{
	html_elem(b, "h2", HTTP_T(req, "1. Thông tin chung", "1. General information"));
	web_scroll_open(b, HTTP_T(req, "Thông tin chung", "General information"));
	html_open(b, "table", "class", "list doc-head", NULL);
	ar_row(b, HTTP_T(req, "Cơ sở", "Facility"), f->name);
	ar_row(b, HTTP_T(req, "Địa chỉ", "Address"), f->address);
	ar_row(b, HTTP_T(req, "Đơn vị hành chính", "Administrative unit"), f->unit_name);
	ar_row(b, HTTP_T(req, "Ngành", "Sector"),
	       arena_printf(&req->arena, "%s — %s", f->sector_code,
			    HTTP_T(req, f->sector_vi, f->sector_en)));
	ar_row(b, HTTP_T(req, "Quy mô", "Size"),
	       f->size >= 0 ? ar_name(req, &names_size[f->size]) : "—");
	ar_row(b, HTTP_T(req, "Ngày bắt đầu đánh giá", "Assessment started"),
	       ar_date(req, a->started_on));
	ar_row(b, HTTP_T(req, "Mô hình thí điểm", "Pilot model"),
	       a->pilot ? HTTP_T(req, "Có", "Yes") : HTTP_T(req, "Không", "No"));
	ar_row(b, HTTP_T(req, "Nguồn kinh phí", "Funding source"),
	       a->funding_note[0]
		   ? arena_printf(&req->arena, "%s (%s)", ar_name(req, &names_funding[a->funding]),
				  a->funding_note)
		   : ar_name(req, &names_funding[a->funding]));
	ar_row(b, HTTP_T(req, "Trạng thái", "Status"), wfp_state_label(req, a->doc.state));
	if (a->accepted_on[0])
		ar_row(b, HTTP_T(req, "Sở chấp nhận ngày", "Accepted by the province on"),
		       ar_date(req, a->accepted_on));
	html_close(b, "table");
	web_scroll_close(b);
}

static int
ar_team(struct http_request *req, struct db *db, struct buf *b, const struct assess_ref *r)
{
	struct assess_member *m;
	int n;
	if (assess_team(db, r, &req->arena, &m, &n) != ST_OK)
		return -1;
	html_elem(b, "h2", HTTP_T(req, "2. Nhóm đánh giá SXSH", "2. The CP team"));
	if (n == 0) {
		html_elem(b, "p", HTTP_T(req, "Chưa có thành viên.", "No members yet."));
		return 0;
	}
	web_scroll_open(b, HTTP_T(req, "Nhóm đánh giá", "Team"));
	html_open(b, "table", "class", "list", NULL);
	const char *h[] = {HTTP_T(req, "Họ tên", "Name"), HTTP_T(req, "Vai trò", "Role"),
			   HTTP_T(req, "Chức vụ", "Position"),
			   HTTP_T(req, "Đơn vị công tác", "Organisation")};
	ar_th(b, h, 4);
	html_open(b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		html_open(b, "tr", NULL);
		html_elem(b, "td", m[i].name);
		html_elem(b, "td", ar_name(req, &names_team_role[m[i].team_role]));
		html_elem(b, "td", m[i].position[0] ? m[i].position : "—");
		html_elem(b, "td", m[i].organisation[0] ? m[i].organisation : "—");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
	return 0;
}

static int
ar_focus_tasks(struct http_request *req, struct db *db, struct buf *b, const struct assessment *a,
	       const struct assess_ref *r)
{
	struct assess_task t[ASSESS_TASKS];
	struct assess_progress p;
	if (assess_tasks(db, r, &req->arena, t) != ST_OK)
		return -1;
	assess_progress_of(t, &p);
	html_elem(b, "h2",
		  HTTP_T(req, "3. Trọng tâm đánh giá và tiến độ", "3. Focus area and progress"));
	html_elem(b, "p",
		  a->focus[0]
		      ? a->focus
		      : HTTP_T(req, "Chưa chọn trọng tâm đánh giá.", "No focus area chosen yet."));
	html_elem(b, "p",
		  p.step <= ASSESS_STEPS
		      ? arena_printf(&req->arena,
				     HTTP_T(req, "Đã xong %d/%d nhiệm vụ; đang ở bước %d: %s.",
					    "%d of %d tasks done; at step %d: %s."),
				     p.done, ASSESS_TASKS, p.step,
				     ar_name(req, &assess_step_names[p.step - 1]))
		      : arena_printf(&req->arena,
				     HTTP_T(req, "Đã xong cả %d nhiệm vụ.", "All %d tasks done."),
				     ASSESS_TASKS));
	web_scroll_open(b, HTTP_T(req, "Các nhiệm vụ", "Tasks"));
	html_open(b, "table", "class", "list", NULL);
	const char *h[] = {HTTP_T(req, "Bước", "Step"), HTTP_T(req, "Nhiệm vụ", "Task"),
			   HTTP_T(req, "Trạng thái", "State"),
			   HTTP_T(req, "Người phụ trách", "Responsible")};
	ar_th(b, h, 4);
	html_open(b, "tbody", NULL);
	for (int i = 0; i < ASSESS_TASKS; i++) {
		const struct assess_task_def *d = &assess_task_defs[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", arena_printf(&req->arena, "%d", d->step));
		html_elem(b, "td",
			  arena_printf(&req->arena, "%d. %s", i + 1,
				       HTTP_T(req, d->name_vi, d->name_en)));
		html_elem(b, "td", ar_name(req, &names_task_state[t[i].state]));
		html_elem(b, "td", t[i].responsible[0] ? t[i].responsible : "—");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
	return 0;
}

/* The IRR as the page words it. */
static const char *
ar_irr(struct http_request *req, const struct cp_option *o)
{
	if (!o->fin_ok)
		return "—";
	if (!isfinite(o->fin.irr))
		return HTTP_T(req, "không có", "none");
	const char *v = ar_qty(req, o->fin.irr * 100, FMT_PCT);
	if (o->fin.irr_status == FIN_IRR_SEVERAL)
		return arena_printf(&req->arena, "%s %s", v,
				    HTTP_T(req, "(nhiều nghiệm)", "(several roots)"));
	return v;
}

static const char *
ar_payback(struct http_request *req, const struct cp_option *o, int discounted)
{
	if (!o->fin_ok)
		return "—";
	double v = discounted ? o->fin.discounted_payback : o->fin.simple_payback;
	if (!isfinite(v))
		return HTTP_T(req, "không hoàn vốn", "never");
	return ar_num(req, v, 1);
}

/* The VND saved in the first year: the constant saving, or the first flow. */
static double
ar_saving(const struct cp_option *o)
{
	if (o->has_flows && o->nflows > 0)
		return o->cash_flows[0];
	return o->annual_saving;
}

static void
ar_options(struct http_request *req, struct buf *b, const struct cp_option *o, int n)
{
	html_elem(b, "h2",
		  HTTP_T(req, "5. Các giải pháp SXSH và tính khả thi",
			 "5. CP options and their feasibility"));
	if (n == 0) {
		html_elem(b, "p", HTTP_T(req, "Chưa có giải pháp.", "No options yet."));
		return;
	}
	web_scroll_open(b, HTTP_T(req, "Các giải pháp", "Options"));
	html_open(b, "table", "class", "list options", NULL);
	const char *h[] = {HTTP_T(req, "TT", "No."),
			   HTTP_T(req, "Giải pháp", "Option"),
			   HTTP_T(req, "Loại", "Kind"),
			   HTTP_T(req, "Phân loại", "Triage"),
			   HTTP_T(req, "Vốn đầu tư (đồng)", "Capital cost (VND)"),
			   HTTP_T(req, "Tiết kiệm (đồng/năm)", "Saving (VND/year)"),
			   HTTP_T(req, "Hoàn vốn (năm)", "Payback (years)"),
			   HTTP_T(req, "NPV (đồng)", "NPV (VND)"),
			   HTTP_T(req, "IRR", "IRR"),
			   HTTP_T(req, "Điểm", "Score"),
			   HTTP_T(req, "TOE/năm", "TOE/year"),
			   HTTP_T(req, "tCO2/năm", "tCO2/year")};
	ar_th(b, h, 12);
	html_open(b, "tbody", NULL);
	double capex = 0, saving = 0, toe = 0, co2 = 0;
	for (int i = 0; i < n; i++) {
		const struct cp_option *x = &o[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", arena_printf(&req->arena, "%d", x->seq));
		html_elem(b, "td",
			  x->triage == 2 && x->reject_reason[0]
			      ? arena_printf(&req->arena, "%s (%s: %s)", x->title,
					     HTTP_T(req, "loại bỏ", "rejected"), x->reject_reason)
			      : x->title);
		html_elem(b, "td",
			  x->offsite ? arena_printf(&req->arena, "%s (%s)",
						    ar_name(req, &names_option_kind[x->kind]),
						    HTTP_T(req, "ngoài cơ sở", "off-site"))
				     : ar_name(req, &names_option_kind[x->kind]));
		html_elem(b, "td", ar_name(req, &names_triage[x->triage]));
		html_elem(b, "td", ar_num(req, x->capex, 0));
		html_elem(b, "td", ar_num(req, ar_saving(x), 0));
		html_elem(b, "td", ar_payback(req, x, 0));
		html_elem(b, "td", x->fin_ok ? ar_num(req, x->fin.npv, 0) : "—");
		html_elem(b, "td", ar_irr(req, x));
		html_elem(b, "td", ar_num(req, x->weighted_score, 1));
		html_elem(b, "td", x->neffects ? ar_qty(req, x->toe, FMT_TOE) : "—");
		html_elem(b, "td", x->neffects ? ar_qty(req, x->co2_t, FMT_CO2) : "—");
		html_close(b, "tr");
		if (x->triage != 2) {
			capex += x->capex;
			saving += isfinite(ar_saving(x)) ? ar_saving(x) : 0;
			toe += isfinite(x->toe) ? x->toe : 0;
			co2 += isfinite(x->co2_t) ? x->co2_t : 0;
		}
	}
	html_close(b, "tbody");
	html_open(b, "tfoot", NULL);
	html_open(b, "tr", NULL);
	html_open(b, "th", "scope", "row", "colspan", "4", NULL);
	html_text(b, HTTP_T(req, "Cộng (trừ giải pháp bị loại)", "Total (rejected ones left out)"));
	html_close(b, "th");
	html_elem(b, "td", ar_num(req, capex, 0));
	html_elem(b, "td", ar_num(req, saving, 0));
	html_elem(b, "td", "");
	html_elem(b, "td", "");
	html_elem(b, "td", "");
	html_elem(b, "td", "");
	html_elem(b, "td", ar_qty(req, toe, FMT_TOE));
	html_elem(b, "td", ar_qty(req, co2, FMT_CO2));
	html_close(b, "tr");
	html_close(b, "tfoot");
	html_close(b, "table");
	web_scroll_close(b);
	html_elem(b, "p",
		  HTTP_T(req,
			 "Hoàn vốn giản đơn = vốn đầu tư / tiết kiệm hằng năm; NPV và IRR tính "
			 "như hàm NPV, IRR của bảng tính, với tỷ lệ chiết khấu của từng giải pháp. "
			 "Điểm là bình quân có trọng số của điểm kỹ thuật, kinh tế và môi trường "
			 "(thang 10).",
			 "Simple payback = capital cost / annual saving; NPV and IRR as a "
			 "spreadsheet's NPV and IRR, at each option's discount rate. The score is "
			 "the weighted mean of the technical, financial and environmental scores "
			 "(out of 10)."));
}

static void
ar_plan(struct http_request *req, struct buf *b, const struct cp_option *o, int n)
{
	html_elem(b, "h2", HTTP_T(req, "6. Kế hoạch thực hiện", "6. Implementation plan"));
	int k = 0;
	for (int i = 0; i < n; i++)
		k += o[i].triage != 2;
	if (k == 0) {
		html_elem(b, "p",
			  HTTP_T(req, "Chưa có giải pháp được chọn.", "No option chosen yet."));
		return;
	}
	web_scroll_open(b, HTTP_T(req, "Kế hoạch thực hiện", "Implementation plan"));
	html_open(b, "table", "class", "list", NULL);
	const char *h[] = {HTTP_T(req, "TT", "No."),
			   HTTP_T(req, "Giải pháp", "Option"),
			   HTTP_T(req, "Phân loại", "Triage"),
			   HTTP_T(req, "Tình trạng", "Status"),
			   HTTP_T(req, "Ngày thực hiện xong", "Implemented on"),
			   HTTP_T(req, "Chi phí thực tế (đồng)", "Actual cost (VND)")};
	ar_th(b, h, 6);
	html_open(b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		if (o[i].triage == 2)
			continue;
		html_open(b, "tr", NULL);
		html_elem(b, "td", arena_printf(&req->arena, "%d", o[i].seq));
		html_elem(b, "td", o[i].title);
		html_elem(b, "td", ar_name(req, &names_triage[o[i].triage]));
		html_elem(b, "td", ar_name(req, &names_option_status[o[i].status]));
		html_elem(b, "td", ar_date(req, o[i].implemented_on));
		html_elem(b, "td", ar_num(req, o[i].actual_cost, 0));
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

int
web_assessment_report(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct assessment a;
	struct assess_ref r;
	struct assess_facility f;
	int rc = assessment_get(db, req->who, id, &a);
	if (rc == ST_OK)
		rc = assess_open(db, req->who, id, 0, ASSESS_READ, &r);
	if (rc == ST_OK)
		rc = assess_facility(db, req->who, id, &req->arena, &f);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	struct cp_option *o;
	int n;
	if (option_list(db, req->who, id, &req->arena, &o, &n) != ST_OK)
		return -1;

	struct buf b;
	buf_init(&b, AR_PAGE_MAX);
	html_open(&b, "article", "class", "doc-view assess-report", NULL);
	if (web_letterhead(req, db, &b) < 0)
		return -1;
	const char *title = HTTP_T(req, "Báo cáo đánh giá sản xuất sạch hơn",
				   "Cleaner production assessment report");
	html_elem(&b, "h1", title);
	html_open(&b, "p", "class", "doc-subtitle", NULL);
	html_text(&b, a.title[0] ? arena_printf(&req->arena, "%s — %s", f.name, a.title) : f.name);
	html_close(&b, "p");
	html_open(&b, "p", "class", "no-print", NULL);
	html_open(
	    &b, "a", "href",
	    web_url(req, arena_printf(&req->arena, "/assessments/%lld", (long long)id), NULL, 0),
	    NULL);
	html_text(&b, HTTP_T(req, "← Về trang đánh giá", "← Back to the assessment"));
	html_close(&b, "a");
	html_text(&b, HTTP_T(req,
			     " · In bằng lệnh In của trình duyệt (Ctrl+P): trang in có "
			     "tiêu đề và chỗ ký.",
			     " · Print with the browser's Print command (Ctrl+P): the printed "
			     "page has the letterhead and the signatures."));
	html_close(&b, "p");

	ar_facility(req, &b, &a, &f);
	if (ar_team(req, db, &b, &r) < 0 || ar_focus_tasks(req, db, &b, &a, &r) < 0)
		return -1;
	html_elem(&b, "h2",
		  HTTP_T(req, "4. Sơ đồ công nghệ và cân bằng", "4. Process flow and balances"));
	if (web_assess_process_section(req, db, &b, &r) < 0)
		return -1;
	ar_options(req, &b, o, n);
	ar_plan(req, &b, o, n);

	char today[HOME_DATE_SIZE], shown[HOME_DATE_SIZE + 4];
	home_today(wf_now(), today);
	html_open(&b, "p", "class", "print-date", NULL);
	html_text(&b, arena_printf(&req->arena, HTTP_T(req, "Ngày in: %s", "Printed on %s"),
				   home_date_show(today, shown)));
	html_close(&b, "p");
	html_open(&b, "div", "class", "signatures", NULL);
	const char *roles[] = {HTTP_T(req, "Đại diện cơ sở", "For the facility"),
			       HTTP_T(req, "Chuyên gia tư vấn", "Consultant expert"),
			       HTTP_T(req, "Sở Công Thương", "Department of Industry and Trade")};
	for (int i = 0; i < 3; i++) {
		html_open(&b, "div", "class", "sig", NULL);
		html_open(&b, "p", "class", "sig-role", NULL);
		html_text(&b, roles[i]);
		html_close(&b, "p");
		html_elem(&b, "p", HTTP_T(req, "(Ký, ghi rõ họ tên)", "(Signature and name)"));
		html_close(&b, "div");
	}
	html_close(&b, "div");
	html_close(&b, "article");
	return wfp_page(req, resp, title, &b);
}
