/*
 * GET and POST /facilities/{id}/registration/{year}: the yearly CP and
 * energy-saving registration (whether the facility commits to apply CP,
 * the saving it plans in percent of energy per unit of product, and its
 * measures).  A new one is pre-filled from the latest earlier one
 * (registration_prefill); a draft or returned one is edited with the
 * version it was loaded with.  "Lưu nháp / Save draft" stores it and "Nộp
 * / Submit" stores and submits it, then redirect (303) back; field errors
 * are shown beside the fields and a stale version answers 409, both with
 * the input kept.  One the caller may not edit is shown read-only.
 */
#include <stdio.h>
#include <time.h>
#include <string.h>

#include "model/survey/campaign.h"
#include "model/registry/facility_edit.h"
#include "model/reporting/registration.h"
#include "render/html.h"
#include "util/fmt.h"
#include "web/drafts.h"
#include "web/wfpage.h"

struct rg_page {
	int64_t fid;
	int year;
	struct facility_profile fac;
	struct registration reg; /* stored, or pre-filled (id 0) */
	int editable;
	const char *apply_cp, *saving, *measures; /* the form's text */
	struct wf_errors errs;
	const char *problem, *notice;
};

static int
rg_render(struct http_request *req, struct http_response *resp, struct rg_page *p)
{
	const char *title = arena_printf(&req->arena, "%s %d — %s",
					 HTTP_T(req, "Đăng ký SXSH và tiết kiệm năng lượng năm",
						"CP and energy-saving registration for"),
					 p->year, p->fac.name);
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	if (p->reg.doc.id != 0) {
		html_open(&b, "p", "class", "state", NULL);
		html_text(&b, HTTP_T(req, "Trạng thái: ", "Status: "));
		html_open(&b, "a", "href",
			  web_url(req,
				  arena_printf(&req->arena, "/registrations/%lld",
					       (long long)p->reg.doc.id),
				  NULL, 0),
			  NULL);
		html_text(&b, wfp_state_label(req, p->reg.doc.state));
		html_close(&b, "a");
		html_close(&b, "p");
		if (p->reg.doc.review_note[0] != '\0') {
			html_open(&b, "blockquote", "class", "review-note", NULL);
			html_text(&b,
				  HTTP_T(req, "Ghi chú của người xem xét: ", "Reviewer's note: "));
			html_text(&b, p->reg.doc.review_note);
			html_close(&b, "blockquote");
		}
	}
	wfp_message(&b, 0, p->notice);
	wfp_message(&b, 1, p->problem);
	wfp_error_summary(req, &b, &p->errs);
	if (!p->editable) {
		html_open(&b, "table", "class", "list", NULL);
		const char *rows[][3] = {
		    {"Cam kết áp dụng SXSH", "Commits to apply CP",
		     p->apply_cp[0] == '1' ? HTTP_T(req, "Có", "Yes") : HTTP_T(req, "Không", "No")},
		    {"Mức tiết kiệm dự kiến (%)", "Planned saving (%)", p->saving},
		    {"Giải pháp", "Measures", p->measures}};
		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
			html_open(&b, "tr", NULL);
			html_elem(&b, "th", HTTP_T(req, rows[i][0], rows[i][1]));
			html_elem(&b, "td", rows[i][2][0] ? rows[i][2] : "—");
			html_close(&b, "tr");
		}
		html_close(&b, "table");
	} else {
		html_open(&b, "form", "class", "stack registration-form", "method", "post",
			  "action", web_url(req, req->path, NULL, 0), NULL);
		web_csrf_field(req, &b, NULL);
		if (p->reg.doc.id != 0) {
			const char *ver =
			    req->method == HTTP_POST ? http_form(req, "version") : NULL;
			html_open(&b, "input", "type", "hidden", "name", "version", "value",
				  ver != NULL ? ver
					      : arena_printf(&req->arena, "%lld",
							     (long long)p->reg.doc.version),
				  NULL);
		}
		static const char *const opts[][3] = {{"1", "Có", "Yes"}, {"0", "Không", "No"}};
		html_open(&b, "label", NULL);
		html_text(&b, HTTP_T(req, "Cam kết áp dụng SXSH", "Commits to apply CP"));
		html_open(&b, "select", "name", "apply_cp", "id", wfp_field_id(req, "apply_cp"),
			  NULL);
		for (int i = 0; i < 2; i++) {
			if (strcmp(p->apply_cp, opts[i][0]) == 0)
				html_open(&b, "option", "value", opts[i][0], "selected", "selected",
					  NULL);
			else
				html_open(&b, "option", "value", opts[i][0], NULL);
			html_text(&b, HTTP_T(req, opts[i][1], opts[i][2]));
			html_close(&b, "option");
		}
		html_close(&b, "select");
		wfp_field_error(req, &b, &p->errs, "apply_cp");
		html_close(&b, "label");
		wfp_input_num(req, &b,
			      HTTP_T(req, "Mức tiết kiệm năng lượng dự kiến (%/đơn vị sản phẩm)",
				     "Planned energy saving (% per unit of product)"),
			      "planned_saving_pct", p->saving, &p->errs, 1);
		html_open(&b, "label", NULL);
		html_text(&b, HTTP_T(req, "Giải pháp dự kiến", "Planned measures"));
		int bad = wf_errors_find(&p->errs, "measures") != NULL;
		const char *attr[] = {"name",
				      "measures",
				      "id",
				      wfp_field_id(req, "measures"),
				      "rows",
				      "5",
				      "aria-invalid",
				      bad ? "true" : NULL,
				      "aria-describedby",
				      bad ? wfp_error_id(req, "measures") : NULL};
		wfp_tag(&b, "textarea", attr, (int)(sizeof(attr) / sizeof(attr[0])));
		html_text(&b, p->measures);
		html_close(&b, "textarea");
		wfp_field_error(req, &b, &p->errs, "measures");
		html_close(&b, "label");
		html_open(&b, "div", "class", "actions", NULL);
		wfp_button(&b, "save", HTTP_T(req, "Lưu nháp", "Save draft"));
		wfp_button(&b, "submit", HTTP_T(req, "Nộp", "Submit"));
		html_close(&b, "div");
		html_close(&b, "form");
	}
	web_attachments_section(req, &b, WF_KIND_REGISTRATION, p->reg.doc.id, p->editable);
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

int
web_registration_form(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct rg_page *p = arena_alloc(&req->arena, sizeof(*p));
	memset(p, 0, sizeof(*p));
	int rc = wfp_form_open(req, resp, db, &p->fid, &p->year, &p->fac);
	if (rc != 1)
		return rc;
	campaign_form_opened(db, req->who, p->fid, p->year, 1, (int64_t)time(NULL));
	rc = registration_get_year(db, req->who, p->fid, p->year, &p->reg);
	if (rc == ST_NOTFOUND)
		rc = registration_prefill(db, req->who, p->fid, p->year, &p->reg);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	p->editable = wfp_editable(req, &registration_kind, &p->reg.doc);
	p->apply_cp = p->reg.apply_cp ? "1" : "0";
	p->saving = p->reg.has_saving ? wfp_qty_input(req, p->reg.planned_saving_pct) : "";
	p->measures = p->reg.measures;
	struct web_draft *draft =
	    web_draft_enter(req, db, &registration_kind, &p->reg.doc, p->editable);
	if (req->method != HTTP_POST && !web_draft_restored(draft)) {
		const char *done = http_param(req, "done");
		if (done != NULL)
			p->notice = strcmp(done, "submitted") == 0
					? HTTP_T(req, "Đã nộp đăng ký.", "Registration submitted.")
					: HTTP_T(req, "Đã lưu nháp.", "Draft saved.");
		return web_draft_leave(draft, resp, rg_render(req, resp, p));
	}
	if (!p->editable)
		return wfp_fail(req, resp, p->reg.doc.id != 0 ? ST_STATE : ST_FORBIDDEN);
	struct registration_input in = {http_form(req, "apply_cp"),
					http_form(req, "planned_saving_pct"),
					http_form(req, "measures")};
	p->apply_cp = in.apply_cp ? in.apply_cp : "";
	p->saving = in.planned_saving_pct ? in.planned_saving_pct : ""; /* as typed */
	in.planned_saving_pct = wfp_qty_posted(req, in.planned_saving_pct);
	p->measures = in.measures ? in.measures : "";
	if (web_draft_restored(draft)) /* what was typed, shown as posted, not saved */
		return web_draft_leave(draft, resp, rg_render(req, resp, p));
	const char *op = http_form(req, "op");
	int submit = op != NULL && strcmp(op, "submit") == 0;
	int64_t id;
	rc = doc_store(db, &registration_kind, req->who, p->fid, p->year, p->reg.doc.id,
		       http_form(req, "version"), &in, submit, &id, &p->errs);
	wfp_qty_error(req, &p->errs, "planned_saving_pct", p->saving);
	int ret = wfp_stored(req, resp, rc, submit, &p->problem);
	return web_draft_leave(draft, resp, ret == WFP_RENDER ? rg_render(req, resp, p) : ret);
}
