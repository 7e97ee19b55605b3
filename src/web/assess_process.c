/*
 * The process of a CP assessment on the web (model/assess/process.h).
 *
 * GET /assessments/{id}/process: the process flow chart
 * (render/assess_svg.h), the balance of the whole process, each step with
 * its lines and its mass and energy balances (the closure error as "Sai
 * số cân bằng: 1,6 %", flagged in words beyond the assessment's
 * tolerance), the waste streams with their cost per balance period and
 * per year, and their causes.  Who may change the content (assess_may,
 * ASSESS_CONTENT) also gets one form at a time, chosen by the query:
 * ?edit_step=ID, ?add_line=STEP, ?edit_line=ID, ?add_cause=LINE, else
 * the form that adds a step; and the small forms that move and delete.
 *
 * POST /assessments/{id}/process with op = add_step, edit_step,
 * move_step (dir up|down), delete_step, add_line, edit_line,
 * delete_line, add_cause or delete_cause, and the assessment's version
 * the page was made from: 303 back to the page (?done=saved) on success;
 * a refused field re-renders the page with the form as typed (400); a
 * version overtaken by another change says so and keeps the form (409).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/assess/process.h"
#include "model/names.h"
#include "model/reporting/choices.h"
#include "render/assess_svg.h"
#include "render/html.h"
#include "web/wfpage.h"

/* What the page shows and which form. */
struct view {
	int64_t id;
	struct assessment a;
	struct process p;
	struct choices *c;
	int may;
	const struct wf_errors *errs; /* of the posted form, or NULL */
	const char *problem;	      /* a message above the form, or NULL */
	int posted;		      /* the form shows what was posted */
	const char *op;		      /* the form shown */
	int64_t target;		      /* its step, line or cause */
};

static const char *
ids(struct http_request *req, int64_t v)
{
	return arena_printf(&req->arena, "%lld", (long long)v);
}

static const char *
page_url(struct http_request *req, int64_t id)
{
	return arena_printf(&req->arena, "/assessments/%lld/process", (long long)id);
}

/* The value of a form field: what was posted, or dflt. */
static const char *
val(struct http_request *req, const struct view *v, const char *name, const char *dflt)
{
	if (v->posted) {
		const char *s = http_form(req, name);
		return s != NULL ? s : "";
	}
	return dflt != NULL ? dflt : "";
}

static const char *
qty(struct http_request *req, double x)
{
	return web_qty(req, x, FMT_QTY);
}

/* The closure error of r in words: "1,6 %", or "không xác định". */
static const char *
error_text(struct http_request *req, const struct bal_result *r)
{
	if (r->state == BAL_UNDEFINED)
		return HTTP_T(req, "không xác định (có đầu ra, không có đầu vào)",
			      "undefined (outputs without inputs)");
	if (r->state == BAL_NO_OUTPUT)
		return HTTP_T(req, "chưa tính (chưa nhập dòng ra)",
			      "not stated (no output recorded)");
	return web_pct(req, r->error * 100.0);
}

/* The verdict of r against the tolerance, with its class. */
static void
verdict(struct http_request *req, struct buf *b, const struct bal_result *r, double tol)
{
	const char *t = web_qty(req, tol, FMT_TARGET);
	if (r->state == BAL_BEYOND || r->state == BAL_UNDEFINED) {
		html_open(b, "strong", "class", "balance-flag beyond", NULL);
		html_textf(b, "%s %s", HTTP_T(req, "⚠ Vượt mức cho phép", "⚠ Beyond the tolerance"),
			   t);
		html_close(b, "strong");
	} else {
		html_open(b, "span", "class", "balance-flag within", NULL);
		if (r->state == BAL_EMPTY)
			html_text(b, HTTP_T(req, "Chưa có số liệu", "No figures yet"));
		else if (r->state == BAL_NO_OUTPUT)
			html_text(b, HTTP_T(req, "Chưa đủ số liệu để đánh giá",
					    "Not enough figures to judge"));
		else
			html_textf(b, "%s %s",
				   HTTP_T(req, "Trong mức cho phép", "Within the tolerance"), t);
		html_close(b, "span");
	}
}

/* One balance as a row: what, in, out, difference, closure error, verdict. */
static void
balance_row(struct http_request *req, struct buf *b, const char *what, const char *unit,
	    const struct process_balance *x, double tol)
{
	html_open(b, "tr", NULL);
	html_elem(b, "th", what);
	html_elem(b, "td", arena_printf(&req->arena, "%s %s", qty(req, x->r.in), unit));
	html_elem(b, "td", arena_printf(&req->arena, "%s %s", qty(req, x->r.out), unit));
	html_elem(b, "td", arena_printf(&req->arena, "%s %s", qty(req, x->r.diff), unit));
	html_open(b, "td", NULL);
	html_textf(b, "%s: %s", HTTP_T(req, "Sai số cân bằng", "Closure error"),
		   error_text(req, &x->r));
	if (x->left_out > 0) {
		html_open(b, "br", NULL);
		html_open(b, "small", NULL);
		html_textf(b,
			   HTTP_T(req, "%d dòng không quy đổi được, không tính",
				  "%d line(s) not convertible, left out"),
			   x->left_out);
		html_close(b, "small");
	}
	html_close(b, "td");
	html_open(b, "td", NULL);
	verdict(req, b, &x->r, tol);
	html_close(b, "td");
	html_close(b, "tr");
}

static void
balance_table(struct http_request *req, struct buf *b, const char *caption,
	      const struct process_balance *mass, const struct process_balance *energy, double tol)
{
	web_scroll_open(b, caption);
	html_open(b, "table", "class", "balance", NULL);
	html_elem(b, "caption", caption);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	const char *h[] = {
	    HTTP_T(req, "Cân bằng", "Balance"), HTTP_T(req, "Vào", "In"),
	    HTTP_T(req, "Ra", "Out"),		HTTP_T(req, "Chênh lệch", "Difference"),
	    HTTP_T(req, "Sai số", "Error"),	HTTP_T(req, "Đánh giá", "Verdict")};
	for (size_t i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, h[i]);
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	balance_row(req, b, HTTP_T(req, "Khối lượng", "Mass"), "t", mass, tol);
	balance_row(req, b, HTTP_T(req, "Năng lượng", "Energy"), "GJ", energy, tol);
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

static const char *
stream_name(struct http_request *req, int s)
{
	return HTTP_T(req, names_stream[s].name_vi, names_stream[s].name_en);
}

static const char *
carrier_name(struct http_request *req, const struct choices *c, const char *code)
{
	if (code == NULL || code[0] == '\0')
		return "";
	const struct choice *ch = choice_find(c->carrier, c->ncarrier, code);
	return ch == NULL ? code : HTTP_T(req, ch->name_vi, ch->name_en);
}

static const char *
unit_name(struct http_request *req, const struct choices *c, const char *code)
{
	return assess_unit_label(c, code, req->lang);
}

/* Why a line is left out, in words. */
static const char *
left_text(struct http_request *req, const struct process_line *l)
{
	if (strcmp(l->left_why, "unit") == 0)
		return HTTP_T(req, "không tính: đơn vị không quy đổi ra tấn",
			      "left out: the unit does not convert to tonnes");
	return HTTP_T(req, "không tính: thiếu hệ số quy đổi ra GJ", "left out: no factor to GJ");
}

/* A small POST form of hidden fields and one button. */
static void
mini_form(struct http_request *req, struct buf *b, const struct view *v, const char *op,
	  const char *field, int64_t target, const char *extra_name, const char *extra_value,
	  const char *label, const char *aria)
{
	html_open(b, "form", "class", "inline", "method", "post", "action",
		  web_url(req, page_url(req, v->id), NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "input", "type", "hidden", "name", "version", "value",
		  ids(req, v->a.doc.version), NULL);
	html_open(b, "input", "type", "hidden", "name", field, "value", ids(req, target), NULL);
	if (extra_name != NULL)
		html_open(b, "input", "type", "hidden", "name", extra_name, "value", extra_value,
			  NULL);
	html_open(b, "button", "type", "submit", "name", "op", "value", op, "class", "link",
		  "aria-label", aria, NULL);
	html_text(b, label);
	html_close(b, "button");
	html_close(b, "form");
}

static void
line_row(struct http_request *req, struct buf *b, const struct view *v,
	 const struct process_line *l, int fed)
{
	const struct process *p = &v->p;
	html_open(b, "tr", "class", fed ? "fed" : NULL, NULL);
	html_elem(b, "td",
		  l->dir == BAL_IN || fed ? HTTP_T(req, "Vào", "In") : HTTP_T(req, "Ra", "Out"));
	html_elem(b, "td", stream_name(req, l->stream));
	html_open(b, "td", NULL);
	html_text(b, l->name);
	if (fed) {
		int from = 0;
		for (int i = 0; i < p->nsteps; i++)
			if (p->steps[i].id == l->step_id)
				from = i + 1;
		html_open(b, "br", NULL);
		html_open(b, "small", NULL);
		html_textf(b, HTTP_T(req, "từ công đoạn %d", "from step %d"), from);
		html_close(b, "small");
	} else if (l->to_step_id != 0) {
		int to = 0;
		for (int i = 0; i < p->nsteps; i++)
			if (p->steps[i].id == l->to_step_id)
				to = i + 1;
		html_open(b, "br", NULL);
		html_open(b, "small", NULL);
		html_textf(b, HTTP_T(req, "chuyển sang công đoạn %d", "feeds step %d"), to);
		html_close(b, "small");
	}
	html_close(b, "td");
	html_open(b, "td", "class", "num", NULL);
	html_textf(b, "%s %s", qty(req, l->qty), unit_name(req, v->c, l->unit));
	html_close(b, "td");
	html_elem(b, "td", carrier_name(req, v->c, l->carrier));
	html_open(b, "td", "class", "num", NULL);
	if (l->left_out)
		html_text(b, left_text(req, l));
	else if (!isnan(l->gj))
		html_textf(b, "%s GJ", web_qty(req, l->gj, FMT_GJ));
	else if (!isnan(l->tonnes))
		html_textf(b, "%s t", qty(req, l->tonnes));
	html_close(b, "td");
	html_elem(b, "td", l->note);
	if (v->may) {
		html_open(b, "td", NULL);
		if (!fed) {
			struct http_param q = {"edit_line", ids(req, l->id)};
			const char *u = web_url(req, page_url(req, v->id), &q, 1);
			html_open(b, "a", "href", arena_printf(&req->arena, "%s#edit", u),
				  "aria-label",
				  arena_printf(&req->arena, "%s %s",
					       HTTP_T(req, "Sửa dòng", "Edit line"), l->name),
				  NULL);
			html_text(b, HTTP_T(req, "Sửa", "Edit"));
			html_close(b, "a");
			mini_form(req, b, v, "delete_line", "line", l->id, NULL, NULL,
				  HTTP_T(req, "Xóa", "Delete"),
				  arena_printf(&req->arena, "%s %s",
					       HTTP_T(req, "Xóa dòng", "Delete line"), l->name));
		}
		html_close(b, "td");
	}
	html_close(b, "tr");
}

static void
step_section(struct http_request *req, struct buf *b, const struct view *v, int i)
{
	const struct process_step *s = &v->p.steps[i];
	html_open(b, "section", "class", "process-step", "id",
		  arena_printf(&req->arena, "step-%lld", (long long)s->id), NULL);
	html_open(b, "h3", NULL);
	html_textf(b, "%s %d: %s", HTTP_T(req, "Công đoạn", "Step"), i + 1, s->name);
	html_close(b, "h3");
	if (s->description[0] != '\0')
		html_elem(b, "p", s->description);
	if (v->may) {
		html_open(b, "div", "class", "step-actions", NULL);
		struct http_param q1 = {"add_line", ids(req, s->id)};
		html_open(b, "a", "href",
			  arena_printf(&req->arena, "%s#edit",
				       web_url(req, page_url(req, v->id), &q1, 1)),
			  NULL);
		html_textf(b, "%s %d", HTTP_T(req, "Thêm dòng vào công đoạn", "Add a line to step"),
			   i + 1);
		html_close(b, "a");
		struct http_param q2 = {"edit_step", ids(req, s->id)};
		html_open(b, "a", "href",
			  arena_printf(&req->arena, "%s#edit",
				       web_url(req, page_url(req, v->id), &q2, 1)),
			  NULL);
		html_textf(b, "%s %d", HTTP_T(req, "Sửa công đoạn", "Edit step"), i + 1);
		html_close(b, "a");
		const char *name = arena_printf(&req->arena, "%d", i + 1);
		if (i > 0)
			mini_form(req, b, v, "move_step", "step", s->id, "dir", "up",
				  HTTP_T(req, "Lên trên", "Move up"),
				  arena_printf(&req->arena, "%s %s",
					       HTTP_T(req, "Lên trên: công đoạn", "Move up: step"),
					       name));
		if (i + 1 < v->p.nsteps)
			mini_form(
			    req, b, v, "move_step", "step", s->id, "dir", "down",
			    HTTP_T(req, "Xuống dưới", "Move down"),
			    arena_printf(&req->arena, "%s %s",
					 HTTP_T(req, "Xuống dưới: công đoạn", "Move down: step"),
					 name));
		mini_form(req, b, v, "delete_step", "step", s->id, NULL, NULL,
			  HTTP_T(req, "Xóa công đoạn", "Delete step"),
			  arena_printf(&req->arena, "%s %s",
				       HTTP_T(req, "Xóa công đoạn (cùng các dòng)",
					      "Delete step (with its lines)"),
				       name));
		html_close(b, "div");
	}
	if (s->nlines + s->nfeeds == 0) {
		html_elem(b, "p",
			  HTTP_T(req, "Chưa có dòng vào hay ra.", "No input or output yet."));
	} else {
		const char *cap = arena_printf(
		    &req->arena, "%s %d",
		    HTTP_T(req, "Các dòng vào, ra của công đoạn", "Inputs and outputs of step"),
		    i + 1);
		web_scroll_open(b, cap);
		html_open(b, "table", "class", "lines", NULL);
		html_elem(b, "caption", cap);
		html_open(b, "thead", NULL);
		html_open(b, "tr", NULL);
		const char *h[] = {HTTP_T(req, "Chiều", "Direction"),
				   HTTP_T(req, "Loại dòng", "Stream"),
				   HTTP_T(req, "Tên", "Name"),
				   HTTP_T(req, "Số lượng", "Quantity"),
				   HTTP_T(req, "Dạng năng lượng", "Energy carrier"),
				   HTTP_T(req, "Quy đổi", "Converted"),
				   HTTP_T(req, "Ghi chú", "Note"),
				   HTTP_T(req, "Thao tác", "Actions")};
		for (size_t k = 0; k < sizeof(h) / sizeof(h[0]) - (v->may ? 0 : 1); k++) {
			html_open(b, "th", "scope", "col", NULL);
			html_text(b, h[k]);
			html_close(b, "th");
		}
		html_close(b, "tr");
		html_close(b, "thead");
		html_open(b, "tbody", NULL);
		for (int k = 0; k < s->nfeeds; k++)
			line_row(req, b, v, s->feeds[k], 1);
		for (int k = 0; k < s->nlines; k++)
			line_row(req, b, v, &s->lines[k], 0);
		html_close(b, "tbody");
		html_close(b, "table");
		web_scroll_close(b);
	}
	balance_table(req, b,
		      arena_printf(&req->arena, "%s %d",
				   HTTP_T(req, "Cân bằng của công đoạn", "Balance of step"), i + 1),
		      &s->mass, &s->energy, v->p.ref.tolerance_pct);
	html_close(b, "section");
}

static void
waste_section(struct http_request *req, struct buf *b, const struct view *v)
{
	const struct process *p = &v->p;
	const char *per =
	    HTTP_T(req, names_period[p->ref.period].name_vi, names_period[p->ref.period].name_en);
	html_open(b, "section", "id", "waste", NULL);
	html_elem(b, "h2",
		  HTTP_T(req, "Chi phí dòng thải và nguyên nhân",
			 "Cost of the waste streams and their causes"));
	if (p->nwaste == 0) {
		html_elem(b, "p",
			  HTTP_T(req, "Chưa có dòng chất thải hay khí thải nào.",
				 "No waste or emission line yet."));
		html_close(b, "section");
		return;
	}
	html_open(b, "p", NULL);
	html_textf(b, "%s: %s. %s",
		   HTTP_T(req, "Chi phí tính theo kỳ cân bằng", "Costs per balance period"), per,
		   HTTP_T(req, "Chi phí = giá trị bị mất + chi phí xử lý (đồng).",
			  "Cost = value lost + treatment cost (VND)."));
	html_close(b, "p");
	const char *cap = HTTP_T(req, "Các dòng thải", "Waste streams");
	web_scroll_open(b, cap);
	html_open(b, "table", "class", "waste", NULL);
	html_elem(b, "caption", cap);
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	const char *h[] = {HTTP_T(req, "Công đoạn", "Step"),
			   HTTP_T(req, "Dòng thải", "Waste stream"),
			   HTTP_T(req, "Số lượng", "Quantity"),
			   HTTP_T(req, "Giá trị bị mất (đồng)", "Value lost (VND)"),
			   HTTP_T(req, "Chi phí xử lý (đồng)", "Treatment (VND)"),
			   HTTP_T(req, "Tổng mỗi kỳ (đồng)", "Total per period (VND)"),
			   HTTP_T(req, "Tổng mỗi năm (đồng)", "Total per year (VND)"),
			   HTTP_T(req, "Nguyên nhân", "Causes")};
	for (size_t k = 0; k < sizeof(h) / sizeof(h[0]); k++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, h[k]);
		html_close(b, "th");
	}
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < p->nwaste; i++) {
		const struct process_waste *w = &p->waste[i];
		const struct process_line *l = w->line;
		int pos = (int)(w->step - p->steps) + 1;
		html_open(b, "tr", NULL);
		html_elem(b, "td", arena_printf(&req->arena, "%d. %s", pos, w->step->name));
		html_elem(
		    b, "td",
		    arena_printf(&req->arena, "%s (%s)", l->name, stream_name(req, l->stream)));
		html_elem(b, "td",
			  arena_printf(&req->arena, "%s %s", qty(req, l->qty),
				       unit_name(req, v->c, l->unit)));
		html_elem(b, "td",
			  isnan(l->lost_value) ? "—" : web_qty(req, l->lost_value, FMT_QTY));
		html_elem(b, "td",
			  isnan(l->treatment_cost) ? "—"
						   : web_qty(req, l->treatment_cost, FMT_QTY));
		html_elem(b, "td", web_qty(req, w->cost, FMT_QTY));
		html_elem(b, "td", isnan(w->cost_year) ? "—" : web_qty(req, w->cost_year, FMT_QTY));
		html_open(b, "td", NULL);
		if (l->ncauses > 0) {
			html_open(b, "ul", "class", "causes", NULL);
			for (int k = 0; k < l->ncauses; k++) {
				html_open(b, "li", NULL);
				html_text(b, l->causes[k].description);
				if (v->may)
					mini_form(req, b, v, "delete_cause", "cause",
						  l->causes[k].id, NULL, NULL,
						  HTTP_T(req, "Xóa", "Delete"),
						  arena_printf(&req->arena, "%s %s",
							       HTTP_T(req, "Xóa nguyên nhân",
								      "Delete cause"),
							       l->causes[k].description));
				html_close(b, "li");
			}
			html_close(b, "ul");
		}
		if (v->may) {
			struct http_param q = {"add_cause", ids(req, l->id)};
			html_open(b, "a", "href",
				  arena_printf(&req->arena, "%s#edit",
					       web_url(req, page_url(req, v->id), &q, 1)),
				  NULL);
			html_textf(b, "%s: %s", HTTP_T(req, "Thêm nguyên nhân", "Add a cause"),
				   l->name);
			html_close(b, "a");
		}
		html_close(b, "td");
		html_close(b, "tr");
	}
	html_open(b, "tr", "class", "total", NULL);
	html_open(b, "th", "scope", "row", "colspan", "3", NULL);
	html_text(b, HTTP_T(req, "Tổng cộng", "Total"));
	html_close(b, "th");
	html_elem(b, "td", web_qty(req, p->waste_lost, FMT_QTY));
	html_elem(b, "td", web_qty(req, p->waste_treat, FMT_QTY));
	html_elem(b, "td", web_qty(req, p->waste_cost, FMT_QTY));
	html_elem(b, "td",
		  isnan(p->waste_cost_year) ? "—" : web_qty(req, p->waste_cost_year, FMT_QTY));
	html_elem(b, "td", "");
	html_close(b, "tr");
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
	if (isnan(p->waste_cost_year))
		html_elem(b, "p",
			  HTTP_T(req, "Kỳ cân bằng là mẻ hoặc ngày: không quy ra năm.",
				 "The balance period is a batch or a day: no yearly figure."));
	html_close(b, "section");
}

/* A <select name> of (code, vi, en) options, value selected; first_text "" option when not NULL. */
static void
select_of(struct http_request *req, struct buf *b, const char *label, const char *name,
	  const char *const *codes, const char *const *texts, int n, const char *first_text,
	  const char *value, const struct wf_errors *errs)
{
	int bad = errs != NULL && wf_errors_find(errs, name) != NULL;
	html_open(b, "label", NULL);
	html_text(b, label);
	const char *attr[] = {"name",
			      name,
			      "id",
			      wfp_field_id(req, name),
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, name) : NULL};
	wfp_tag(b, "select", attr, 8);
	if (first_text != NULL) {
		html_open(b, "option", "value", "", NULL);
		html_text(b, first_text);
		html_close(b, "option");
	}
	for (int i = 0; i < n; i++) {
		int sel = value != NULL && strcmp(value, codes[i]) == 0;
		const char *oa[] = {"value", codes[i], "selected", sel ? "selected" : NULL};
		wfp_tag(b, "option", oa, 4);
		html_text(b, texts[i]);
		html_close(b, "option");
	}
	html_close(b, "select");
	html_close(b, "label");
	wfp_field_error(req, b, errs, name);
}

static void
form_open(struct http_request *req, struct buf *b, const struct view *v, const char *op,
	  const char *field, int64_t target, const char *title)
{
	html_elem(b, "h2", title);
	wfp_error_summary(req, b, v->errs);
	html_open(b, "form", "class", "stack process-form", "method", "post", "action",
		  web_url(req, page_url(req, v->id), NULL, 0), NULL);
	web_csrf_field(req, b, NULL);
	html_open(b, "input", "type", "hidden", "name", "version", "value",
		  ids(req, v->a.doc.version), NULL);
	html_open(b, "input", "type", "hidden", "name", "op", "value", op, NULL);
	if (field != NULL)
		html_open(b, "input", "type", "hidden", "name", field, "value", ids(req, target),
			  NULL);
}

static void
form_close(struct http_request *req, struct buf *b, const struct view *v, const char *button)
{
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, button);
	html_close(b, "button");
	html_close(b, "form");
	if (strcmp(v->op, "add_step") != 0) {
		html_open(b, "p", NULL);
		html_open(b, "a", "href", web_url(req, page_url(req, v->id), NULL, 0), NULL);
		html_text(b, HTTP_T(req, "Hủy, thêm công đoạn mới", "Cancel, add a new step"));
		html_close(b, "a");
		html_close(b, "p");
	}
}

static void
step_form(struct http_request *req, struct buf *b, const struct view *v)
{
	const struct process_step *s =
	    strcmp(v->op, "edit_step") == 0 ? process_step_find(&v->p, v->target) : NULL;
	if (s != NULL)
		form_open(req, b, v, "edit_step", "step", s->id,
			  HTTP_T(req, "Sửa công đoạn", "Edit the step"));
	else
		form_open(req, b, v, "add_step", NULL, 0,
			  HTTP_T(req, "Thêm công đoạn", "Add a step"));
	wfp_input(req, b, HTTP_T(req, "Tên công đoạn", "Step name"), "name",
		  val(req, v, "name", s ? s->name : ""), v->errs);
	wfp_input(req, b, HTTP_T(req, "Mô tả (không bắt buộc)", "Description (optional)"),
		  "description", val(req, v, "description", s ? s->description : ""), v->errs);
	form_close(req, b, v,
		   s ? HTTP_T(req, "Lưu công đoạn", "Save the step")
		     : HTTP_T(req, "Thêm công đoạn", "Add the step"));
}

static void
line_form(struct http_request *req, struct buf *b, const struct view *v)
{
	const struct process_line *l = NULL;
	const struct process_step *s = NULL;
	int edit = strcmp(v->op, "edit_line") == 0;
	if (edit) {
		l = process_line_find(&v->p, v->target);
		if (l != NULL)
			s = process_step_find(&v->p, l->step_id);
	} else {
		s = process_step_find(&v->p, v->target);
	}
	if (s == NULL) {
		struct view w = *v;
		w.op = "add_step";
		step_form(req, b, &w);
		return;
	}
	int si = (int)(s - v->p.steps);
	const char *title =
	    arena_printf(&req->arena, "%s %d: %s",
			 edit ? HTTP_T(req, "Sửa dòng của công đoạn", "Edit a line of step")
			      : HTTP_T(req, "Thêm dòng vào công đoạn", "Add a line to step"),
			 si + 1, s->name);
	form_open(req, b, v, edit ? "edit_line" : "add_line", edit ? "line" : "step",
		  edit ? l->id : s->id, title);
	static const char *const dirs[] = {"in", "out"};
	const char *dir_t[] = {HTTP_T(req, "Đầu vào", "Input"), HTTP_T(req, "Đầu ra", "Output")};
	select_of(req, b, HTTP_T(req, "Chiều", "Direction"), "direction", dirs, dir_t, 2, NULL,
		  val(req, v, "direction", l ? (l->dir == BAL_OUT ? "out" : "in") : "in"), v->errs);
	const char *sc[NAMES_STREAM_N], *st[NAMES_STREAM_N];
	for (int i = 0; i < NAMES_STREAM_N; i++) {
		sc[i] = names_stream[i].code;
		st[i] = stream_name(req, i);
	}
	select_of(req, b, HTTP_T(req, "Loại dòng", "Stream"), "stream", sc, st, NAMES_STREAM_N,
		  NULL, val(req, v, "stream", l ? names_stream[l->stream].code : "material"),
		  v->errs);
	wfp_input(req, b, HTTP_T(req, "Tên dòng", "Line name"), "name",
		  val(req, v, "name", l ? l->name : ""), v->errs);
	wfp_input_num(req, b, HTTP_T(req, "Số lượng", "Quantity"), "quantity",
		      val(req, v, "quantity", l ? wfp_qty_input(req, l->qty) : ""), v->errs, 1);
	const struct choices *c = v->c;
	const char **uc = arena_alloc(&req->arena, (size_t)(c->nunit + 1) * sizeof(char *));
	const char **ut = arena_alloc(&req->arena, (size_t)(c->nunit + 1) * sizeof(char *));
	for (int i = 0; i < c->nunit; i++) {
		uc[i] = c->unit[i].code;
		ut[i] = HTTP_T(req, c->unit[i].name_vi, c->unit[i].name_en);
	}
	select_of(req, b, HTTP_T(req, "Đơn vị", "Unit"), "unit", uc, ut, c->nunit, "—",
		  val(req, v, "unit", l ? l->unit : "t"), v->errs);
	const char **cc = arena_alloc(&req->arena, (size_t)(c->ncarrier + 1) * sizeof(char *));
	const char **ct = arena_alloc(&req->arena, (size_t)(c->ncarrier + 1) * sizeof(char *));
	for (int i = 0; i < c->ncarrier; i++) {
		cc[i] = c->carrier[i].code;
		ct[i] = HTTP_T(req, c->carrier[i].name_vi, c->carrier[i].name_en);
	}
	select_of(req, b,
		  HTTP_T(req, "Dạng năng lượng (chỉ cho dòng năng lượng)",
			 "Energy carrier (energy lines only)"),
		  "carrier", cc, ct, c->ncarrier, HTTP_T(req, "— không —", "— none —"),
		  val(req, v, "carrier", l ? l->carrier : ""), v->errs);
	int nlater = v->p.nsteps - si - 1;
	const char **tc = arena_alloc(&req->arena, (size_t)(nlater + 1) * sizeof(char *));
	const char **tt = arena_alloc(&req->arena, (size_t)(nlater + 1) * sizeof(char *));
	for (int i = 0; i < nlater; i++) {
		const struct process_step *t = &v->p.steps[si + 1 + i];
		tc[i] = ids(req, t->id);
		tt[i] = arena_printf(&req->arena, "%d. %s", si + 2 + i, t->name);
	}
	select_of(
	    req, b,
	    HTTP_T(req, "Chuyển sang công đoạn (chỉ cho đầu ra)", "Feeds step (outputs only)"),
	    "to_step", tc, tt, nlater, HTTP_T(req, "— không —", "— none —"),
	    val(req, v, "to_step", l && l->to_step_id ? ids(req, l->to_step_id) : ""), v->errs);
	wfp_input_num(req, b,
		      HTTP_T(req, "Giá trị bị mất, đồng mỗi kỳ (chỉ cho chất thải, khí thải)",
			     "Value lost, VND per period (waste and emissions only)"),
		      "lost_value",
		      val(req, v, "lost_value",
			  l && !isnan(l->lost_value) ? wfp_qty_input(req, l->lost_value) : ""),
		      v->errs, 1);
	wfp_input_num(
	    req, b,
	    HTTP_T(req, "Chi phí xử lý, đồng mỗi kỳ (chỉ cho chất thải, khí thải)",
		   "Treatment cost, VND per period (waste and emissions only)"),
	    "treatment_cost",
	    val(req, v, "treatment_cost",
		l && !isnan(l->treatment_cost) ? wfp_qty_input(req, l->treatment_cost) : ""),
	    v->errs, 1);
	wfp_input(req, b, HTTP_T(req, "Ghi chú", "Note"), "note",
		  val(req, v, "note", l ? l->note : ""), v->errs);
	form_close(req, b, v,
		   edit ? HTTP_T(req, "Lưu dòng", "Save the line")
			: HTTP_T(req, "Thêm dòng", "Add the line"));
}

static void
cause_form(struct http_request *req, struct buf *b, const struct view *v)
{
	const struct process_line *l = process_line_find(&v->p, v->target);
	if (l == NULL || !process_stream_is_waste(l->stream)) {
		struct view w = *v;
		w.op = "add_step";
		step_form(req, b, &w);
		return;
	}
	form_open(req, b, v, "add_cause", "line", l->id,
		  arena_printf(&req->arena, "%s: %s",
			       HTTP_T(req, "Thêm nguyên nhân của dòng thải",
				      "Add a cause of the waste stream"),
			       l->name));
	wfp_field_error(req, b, v->errs, "line");
	wfp_input(req, b, HTTP_T(req, "Nguyên nhân", "Cause"), "description",
		  val(req, v, "description", ""), v->errs);
	form_close(req, b, v, HTTP_T(req, "Thêm nguyên nhân", "Add the cause"));
}

static int
render(struct http_request *req, struct http_response *resp, struct view *v)
{
	const char *title =
	    HTTP_T(req, "Công đoạn sản xuất và cân bằng", "Process steps and balances");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_open(&b, "p", "class", "breadcrumb", NULL);
	html_open(
	    &b, "a", "href",
	    web_url(req, arena_printf(&req->arena, "/assessments/%lld", (long long)v->id), NULL, 0),
	    NULL);
	html_text(&b, HTTP_T(req, "← Về trang đánh giá SXSH", "← Back to the CP assessment"));
	html_close(&b, "a");
	html_close(&b, "p");
	html_elem(&b, "h1", title);
	html_open(&b, "p", NULL);
	if (v->a.title[0] != '\0')
		html_textf(&b, "%s. ", v->a.title);
	html_textf(&b, "%s: %s. %s: %s. %s: %s.", HTTP_T(req, "Trạng thái", "State"),
		   wfp_state_label(req, v->a.doc.state),
		   HTTP_T(req, "Kỳ cân bằng", "Balance period"),
		   HTTP_T(req, names_period[v->p.ref.period].name_vi,
			  names_period[v->p.ref.period].name_en),
		   HTTP_T(req, "Sai số cân bằng cho phép", "Balance tolerance"),
		   web_qty(req, v->p.ref.tolerance_pct, FMT_TARGET));
	html_close(&b, "p");
	const char *done = http_param(req, "done");
	if (done != NULL && strcmp(done, "saved") == 0 && v->errs == NULL && v->problem == NULL)
		wfp_message(&b, 0, HTTP_T(req, "Đã lưu.", "Saved."));
	wfp_message(&b, 1, v->problem);
	if (!v->may)
		html_elem(
		    &b, "p",
		    HTTP_T(
			req,
			"Chỉ xem: không sửa được quy trình ở trạng thái này hoặc với vai trò của "
			"bạn.",
			"Read only: the process cannot be changed in this state or by your role."));
	html_open(&b, "section", "id", "diagram", NULL);
	html_elem(&b, "h2", HTTP_T(req, "Sơ đồ công nghệ", "Process flow chart"));
	html_open(&b, "figure", "class", "process-figure", NULL);
	struct assess_svg_opts o = {.lang = req->lang, .id = "process-diagram", .names = v->c};
	assess_svg_process(&b, &v->p, &o);
	html_close(&b, "figure");
	html_close(&b, "section");
	html_open(&b, "section", "id", "balance", NULL);
	html_elem(&b, "h2", HTTP_T(req, "Cân bằng toàn quy trình", "Balance of the whole process"));
	balance_table(req, &b,
		      HTTP_T(req, "Cân bằng toàn quy trình", "Balance of the whole process"),
		      &v->p.mass, &v->p.energy, v->p.ref.tolerance_pct);
	html_elem(&b, "p",
		  HTTP_T(req,
			 "Sai số cân bằng = (tổng vào − tổng ra) / tổng vào. Nước và các dòng tính "
			 "theo thể tích được quy đổi 1 m³ = 1 tấn; năng lượng quy đổi ra GJ theo "
			 "hệ số của năm đánh giá như báo cáo hằng năm; dòng chuyển giữa các công "
			 "đoạn không tính vào cân bằng toàn quy trình.",
			 "Closure error = (total in − total out) / total in. Water and other "
			 "volume lines are taken at 1 t per m³; energy is converted to GJ with the "
			 "factors of the assessment's year, as in the annual reports; flows "
			 "between steps are left out of the whole process's balance."));
	html_close(&b, "section");
	html_open(&b, "section", "id", "steps", NULL);
	html_elem(&b, "h2", HTTP_T(req, "Các công đoạn", "Process steps"));
	if (v->p.nsteps == 0)
		html_elem(&b, "p", HTTP_T(req, "Chưa có công đoạn nào.", "No process step yet."));
	for (int i = 0; i < v->p.nsteps; i++)
		step_section(req, &b, v, i);
	html_close(&b, "section");
	waste_section(req, &b, v);
	if (v->may) {
		html_open(&b, "section", "id", "edit", "class", "process-edit", NULL);
		if (strcmp(v->op, "add_line") == 0 || strcmp(v->op, "edit_line") == 0)
			line_form(req, &b, v);
		else if (strcmp(v->op, "add_cause") == 0)
			cause_form(req, &b, v);
		else
			step_form(req, &b, v);
		html_close(&b, "section");
	}
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/* Loads what the page shows; returns ST_OK or the model's status. */
static int
view_load(struct http_request *req, struct db *db, int64_t id, struct view *v)
{
	v->id = id;
	int rc = assessment_get(db, req->who, id, &v->a);
	if (rc != ST_OK)
		return rc;
	if ((rc = process_read(db, req->who, id, &req->arena, &v->p)) != ST_OK)
		return rc;
	if (choices_load(db, &v->c) != 0)
		return ST_ERR;
	v->may = assess_may(req->who, v->a.doc.state, ASSESS_CONTENT);
	return ST_OK;
}

static int64_t
id_of(const char *s)
{
	if (s == NULL)
		return 0;
	char *end;
	long long x = strtoll(s, &end, 10);
	return *end == '\0' && x > 0 ? (int64_t)x : 0;
}

/* Runs the posted op; ST_* of the model. */
static int
apply(struct http_request *req, struct db *db, int64_t id, const char *op, struct wf_errors *errs)
{
	int64_t version = id_of(http_form(req, "version"));
	if (version == 0)
		version = -1; /* a form without its version never matches */
	const struct principal *who = req->who;
	if (strcmp(op, "add_step") == 0 || strcmp(op, "edit_step") == 0) {
		struct process_step_input in = {http_form(req, "name"),
						http_form(req, "description")};
		if (op[0] == 'a')
			return process_step_add(db, who, id, version, &in, NULL, errs);
		return process_step_edit(db, who, id, version, id_of(http_form(req, "step")), &in,
					 errs);
	}
	if (strcmp(op, "move_step") == 0) {
		const char *d = http_form(req, "dir");
		int delta = d != NULL && strcmp(d, "up") == 0	  ? -1
			    : d != NULL && strcmp(d, "down") == 0 ? 1
								  : 0;
		if (delta == 0)
			return ST_INVALID;
		return process_step_move(db, who, id, version, id_of(http_form(req, "step")),
					 delta);
	}
	if (strcmp(op, "delete_step") == 0)
		return process_step_delete(db, who, id, version, id_of(http_form(req, "step")));
	if (strcmp(op, "add_line") == 0 || strcmp(op, "edit_line") == 0) {
		struct process_line_input in = {
		    .direction = http_form(req, "direction"),
		    .stream = http_form(req, "stream"),
		    .name = http_form(req, "name"),
		    .carrier = http_form(req, "carrier"),
		    .quantity = wfp_qty_posted(req, http_form(req, "quantity")),
		    .unit = http_form(req, "unit"),
		    .to_step = http_form(req, "to_step"),
		    .lost_value = wfp_qty_posted(req, http_form(req, "lost_value")),
		    .treatment_cost = wfp_qty_posted(req, http_form(req, "treatment_cost")),
		    .note = http_form(req, "note"),
		};
		int rc = op[0] == 'a'
			     ? process_line_add(db, who, id, version, id_of(http_form(req, "step")),
						&in, NULL, errs)
			     : process_line_edit(db, who, id, version,
						 id_of(http_form(req, "line")), &in, errs);
		if (rc == ST_INVALID) {
			static const char *const nums[] = {"quantity", "lost_value",
							   "treatment_cost"};
			for (size_t i = 0; i < 3; i++)
				wfp_qty_error(req, errs, nums[i], http_form(req, nums[i]));
		}
		return rc;
	}
	if (strcmp(op, "delete_line") == 0)
		return process_line_delete(db, who, id, version, id_of(http_form(req, "line")));
	if (strcmp(op, "add_cause") == 0)
		return process_cause_add(db, who, id, version, id_of(http_form(req, "line")),
					 http_form(req, "description"), NULL, errs);
	if (strcmp(op, "delete_cause") == 0)
		return process_cause_delete(db, who, id, version, id_of(http_form(req, "cause")));
	return ST_INVALID;
}

/* Whether op is one of the page's. */
static int
known_op(const char *op)
{
	static const char *const ops[] = {"add_step",	 "edit_step", "move_step",
					  "delete_step", "add_line",  "edit_line",
					  "delete_line", "add_cause", "delete_cause"};
	for (size_t i = 0; op != NULL && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i]) == 0)
			return 1;
	return 0;
}

int
web_assess_process(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	int64_t id;
	if (db == NULL)
		return -1;
	if (!wfp_ids(req, &id, 1))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct view v;
	memset(&v, 0, sizeof(v));
	v.op = "add_step";
	int rc;
	if (req->method != HTTP_POST) {
		static const char *const forms[] = {"edit_step", "add_line", "edit_line",
						    "add_cause"};
		for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
			int64_t t = id_of(http_param(req, forms[i]));
			if (t != 0) {
				v.op = forms[i];
				v.target = t;
			}
		}
		rc = view_load(req, db, id, &v);
		if (rc != ST_OK)
			return wfp_fail(req, resp, rc);
		int out = render(req, resp, &v);
		choices_free(v.c);
		return out;
	}
	const char *op = http_form(req, "op");
	if (!known_op(op)) {
		web_error(req, resp, 400, "Thao tác không hợp lệ.", "Unknown action.");
		return 0;
	}
	struct wf_errors errs;
	wf_errors_clear(&errs);
	rc = apply(req, db, id, op, &errs);
	if (rc == ST_OK) {
		struct http_param p = {"done", "saved"};
		wfp_redirect(resp, web_url(req, page_url(req, id), &p, 1));
		return 0;
	}
	if (rc != ST_INVALID && rc != ST_CONFLICT)
		return wfp_fail(req, resp, rc);
	int lrc = view_load(req, db, id, &v);
	if (lrc != ST_OK)
		return wfp_fail(req, resp, lrc);
	/* the form that was posted, as typed */
	if (strcmp(op, "add_line") == 0 || strcmp(op, "edit_step") == 0 ||
	    strcmp(op, "edit_line") == 0 || strcmp(op, "add_cause") == 0 ||
	    strcmp(op, "add_step") == 0) {
		v.op = op;
		v.posted = 1;
		const char *f =
		    strcmp(op, "add_line") == 0 || strcmp(op, "edit_step") == 0 ? "step" : "line";
		v.target = id_of(http_form(req, f));
	}
	if (rc == ST_CONFLICT) {
		resp->status = 409;
		v.problem = HTTP_T(
		    req,
		    "Đánh giá vừa được người khác sửa. Trang đã được tải lại với số liệu mới; nội "
		    "dung bạn nhập vẫn giữ trong biểu mẫu, hãy kiểm tra rồi lưu lại.",
		    "The assessment was changed by someone else meanwhile. The page shows the new "
		    "figures; what you typed is kept in the form: check it and save again.");
		if (!v.posted)
			v.op = "add_step";
	} else {
		resp->status = 400;
		v.errs = &errs;
		if (!v.posted)
			v.problem = HTTP_T(req, "Không thực hiện được thao tác.",
					   "The action could not be done.");
	}
	int out = render(req, resp, &v);
	choices_free(v.c);
	return out;
}

/* ---- the process in the printable report (web/assess_report.c) ---- */

int
web_assess_process_section(struct http_request *req, struct db *db, struct buf *b,
			   const struct assess_ref *r)
{
	struct view v;
	memset(&v, 0, sizeof(v));
	v.op = "";
	int rc = view_load(req, db, r->id, &v);
	if (rc != ST_OK) {
		choices_free(v.c);
		return rc == ST_ERR ? -1 : 0;
	}
	v.may = 0; /* paper: no forms */
	if (v.p.nsteps == 0) {
		html_elem(b, "p", HTTP_T(req, "Chưa có công đoạn nào.", "No process step yet."));
		choices_free(v.c);
		return 0;
	}
	html_open(b, "figure", "class", "process-figure", NULL);
	struct assess_svg_opts o = {.lang = req->lang, .id = "process-diagram", .names = v.c};
	assess_svg_process(b, &v.p, &o);
	html_close(b, "figure");
	balance_table(req, b,
		      HTTP_T(req, "Cân bằng toàn quy trình", "Balance of the whole process"),
		      &v.p.mass, &v.p.energy, v.p.ref.tolerance_pct);
	for (int i = 0; i < v.p.nsteps; i++)
		step_section(req, b, &v, i);
	waste_section(req, b, &v);
	choices_free(v.c);
	return 0;
}
