/*
 * CP assessments (model/assess/assessment.h, afile.h) on the web.
 *
 * GET /assessments (every signed-in role, each in its scope): the list
 * with filters state, year and pilot; a row per assessment with its
 * facility, start date, state, current step, tasks done and options.
 *
 * GET, POST /assessments/new (province staff): the form that opens one:
 * the facility typed by name (the picker of static/js/picker.js, resolved
 * here when no script ran), title, pilot, funding, start date typed
 * dd/mm/yyyy, focus area, balance period, tolerance and weights typed the
 * Vietnamese way.  Success redirects (303) to the assessment's page; a bad
 * field is named beside it with every typed value kept (400).
 *
 * GET /assessments/{id}: where it stands (assessment_page.c).  The forms
 * of that page post to
 *   POST /assessments/{id}                the details (WF_EDIT)
 *   POST /assessments/{id}/action         op=start|submit|return|accept|reopen|sustain
 *   POST /assessments/{id}/team           op=add (the member's fields) or op=remove
 *   POST /assessments/{id}/tasks/{n}      one task's state, responsible, notes, due date
 *   POST /assessments/{id}/files          a file (multipart), optionally of a task
 *   GET  /assessments/{id}/files/{id}     its download
 *   POST /assessments/{id}/files/{id}/delete
 * each carrying the assessment's version (a stale one changes nothing and
 * says so, 409) and answering with a 303 back to the page, or the page
 * again with the errors beside the form's fields (400).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/assess/afile.h"
#include "model/assess/assessment.h"
#include "model/names.h"
#include "model/registry/facility_pick.h"
#include "model/reporting/home.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/assess_int.h"

#define PICK_SHOWN 10 /* facilities listed to choose from */
#define LIST_PAGE  100

/* ---- shared with assessment_page.c ---- */

const char *
asw_date(struct http_request *req, const char *iso)
{
	if (iso == NULL || iso[0] == '\0')
		return "—";
	char *d = arena_alloc(&req->arena, HOME_DATE_SIZE);
	return home_date_show(iso, d);
}

const char *
asw_date_input(struct http_request *req, const char *iso)
{
	if (iso == NULL || iso[0] == '\0')
		return "";
	return asw_date(req, iso);
}

const char *
asw_step_text(struct http_request *req, int step)
{
	if (step < 1 || step > ASSESS_STEPS)
		return HTTP_T(req, "Đã xong cả 6 bước", "All 6 steps done");
	const struct name *s = &assess_step_names[step - 1];
	return arena_printf(&req->arena, "%s %d/%d — %s", HTTP_T(req, "Bước", "Step"), step,
			    ASSESS_STEPS, HTTP_T(req, s->name_vi, s->name_en));
}

const char *
asw_state_label(struct http_request *req, enum wf_state s)
{
	/* an assessment's report goes to the province, not through the district */
	if (s == WF_SUBMITTED)
		return HTTP_T(req, "Đã nộp, chờ Sở xem xét", "Submitted, awaiting the Department");
	return wfp_state_label(req, s);
}

const char *
asw_path(struct http_request *req, int64_t id, const char *rest)
{
	return web_url(req, arena_printf(&req->arena, "/assessments/%lld%s", (long long)id, rest),
		       NULL, 0);
}

void
asw_select(struct http_request *req, struct buf *b, const char *label, const char *name,
	   const char *id, const struct name *opts, int n, const char *any, const char *value,
	   const struct wf_errors *errs)
{
	int bad = errs != NULL && wf_errors_find(errs, name) != NULL;
	const char *fid = id != NULL ? id : wfp_field_id(req, name);
	html_open(b, "label", "for", fid, NULL);
	html_text(b, label);
	html_close(b, "label");
	const char *attr[] = {"name",
			      name,
			      "id",
			      fid,
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, name) : NULL};
	wfp_tag(b, "select", attr, 8);
	if (any != NULL) {
		const char *oa[] = {"value", "", "selected",
				    value == NULL || value[0] == '\0' ? "selected" : NULL};
		wfp_tag(b, "option", oa, 4);
		html_text(b, any);
		html_close(b, "option");
	}
	for (int i = 0; i < n; i++) {
		int sel = value != NULL && strcmp(value, opts[i].code) == 0;
		const char *oa[] = {"value", opts[i].code, "selected", sel ? "selected" : NULL};
		wfp_tag(b, "option", oa, 4);
		html_text(b, HTTP_T(req, opts[i].name_vi, opts[i].name_en));
		html_close(b, "option");
	}
	html_close(b, "select");
	if (bad)
		wfp_field_error(req, b, errs, name);
}

void
asw_textarea(struct http_request *req, struct buf *b, const char *label, const char *name,
	     const char *id, const char *value, const struct wf_errors *errs)
{
	int bad = errs != NULL && wf_errors_find(errs, name) != NULL;
	const char *fid = id != NULL ? id : wfp_field_id(req, name);
	html_open(b, "label", "for", fid, NULL);
	html_text(b, label);
	html_close(b, "label");
	const char *attr[] = {"name",
			      name,
			      "id",
			      fid,
			      "rows",
			      "3",
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "aria-describedby",
			      bad ? wfp_error_id(req, name) : NULL};
	wfp_tag(b, "textarea", attr, 10);
	html_text(b, value != NULL ? value : "");
	html_close(b, "textarea");
	if (bad)
		wfp_field_error(req, b, errs, name);
}

/* ---- the list ---- */

/* The states an assessment can be in, for the filter. */
static const enum wf_state list_states[] = {WF_DRAFT,	 WF_IN_PROGRESS, WF_SUBMITTED,
					    WF_RETURNED, WF_ACCEPTED,	 WF_SUSTAINING};
#define NLIST_STATES ((int)(sizeof(list_states) / sizeof(list_states[0])))

static void
th_col(struct buf *b, const char *text)
{
	html_open(b, "th", "scope", "col", NULL);
	html_text(b, text);
	html_close(b, "th");
}

static void
list_filters(struct http_request *req, struct buf *b, int state, const char *year, int pilot)
{
	html_open(b, "form", "method", "get", "class", "filters assess-filters", "action",
		  web_url(req, "/assessments", NULL, 0), NULL);
	if (req->lang == LANG_EN)
		html_open(b, "input", "type", "hidden", "name", "lang", "value", "en", NULL);
	struct name st[NLIST_STATES];
	for (int i = 0; i < NLIST_STATES; i++)
		st[i] = (struct name){names_state[list_states[i]].code,
				      asw_state_label(req, list_states[i]),
				      asw_state_label(req, list_states[i])};
	asw_select(req, b, HTTP_T(req, "Trạng thái", "State"), "state", "flt-state", st,
		   NLIST_STATES, HTTP_T(req, "Mọi trạng thái", "Any state"),
		   state >= 0 ? names_state[state].code : "", NULL);
	html_open(b, "label", "for", "flt-year", NULL);
	html_text(b, HTTP_T(req, "Năm bắt đầu", "Start year"));
	html_close(b, "label");
	html_open(b, "input", "type", "text", "inputmode", "numeric", "name", "year", "id",
		  "flt-year", "size", "6", "value", year != NULL ? year : "", NULL);
	static const struct name pilots[] = {{"1", "Mô hình thí điểm", "Pilot models"},
					     {"0", "Không phải thí điểm", "Not pilots"}};
	asw_select(req, b, HTTP_T(req, "Thí điểm", "Pilot"), "pilot", "flt-pilot", pilots, 2,
		   HTTP_T(req, "Tất cả", "All"),
		   pilot < 0 ? ""
		   : pilot   ? "1"
			     : "0",
		   NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Lọc", "Filter"));
	html_close(b, "button");
	html_close(b, "form");
}

static void
list_table(struct http_request *req, struct buf *b, const struct assess_item *v, int n)
{
	web_scroll_open(b, HTTP_T(req, "Danh sách đánh giá SXSH", "CP assessments"));
	html_open(b, "table", "class", "list assessments", NULL);
	html_elem(b, "caption", HTTP_T(req, "Các đánh giá SXSH", "CP assessments"));
	html_open(b, "thead", NULL);
	html_open(b, "tr", NULL);
	th_col(b, HTTP_T(req, "Cơ sở", "Facility"));
	th_col(b, HTTP_T(req, "Tên đánh giá", "Title"));
	th_col(b, HTTP_T(req, "Ngày bắt đầu", "Started"));
	th_col(b, HTTP_T(req, "Trạng thái", "State"));
	th_col(b, HTTP_T(req, "Bước hiện tại", "Current step"));
	th_col(b, HTTP_T(req, "Nhiệm vụ xong", "Tasks done"));
	th_col(b, HTTP_T(req, "Giải pháp / đã thực hiện", "Options / implemented"));
	html_close(b, "tr");
	html_close(b, "thead");
	html_open(b, "tbody", NULL);
	for (int i = 0; i < n; i++) {
		const struct assess_item *x = &v[i];
		html_open(b, "tr", NULL);
		html_open(b, "td", NULL);
		html_open(b, "a", "href", asw_path(req, x->id, ""), NULL);
		html_text(b, x->facility_name);
		html_close(b, "a");
		if (x->pilot) {
			html_open(b, "span", "class", "tag", NULL);
			html_text(b, HTTP_T(req, "thí điểm", "pilot"));
			html_close(b, "span");
		}
		html_close(b, "td");
		html_elem(b, "td", x->title[0] ? x->title : "—");
		html_elem(b, "td", asw_date(req, x->started_on));
		html_elem(b, "td", asw_state_label(req, x->state));
		html_elem(b, "td", asw_step_text(req, x->step));
		html_open(b, "td", "class", "num", NULL);
		html_textf(b, "%d/%d", x->done, ASSESS_TASKS);
		html_close(b, "td");
		html_open(b, "td", "class", "num", NULL);
		html_textf(b, "%d/%d", x->options, x->implemented);
		html_close(b, "td");
		html_close(b, "tr");
	}
	html_close(b, "tbody");
	html_close(b, "table");
	web_scroll_close(b);
}

int
web_assessments(struct http_request *req, struct http_response *resp)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct assess_filter f = {.state = -1, .pilot = -1, .limit = LIST_PAGE};
	const char *s = http_param(req, "state");
	if (s != NULL && s[0] != '\0') {
		int i = names_index(names_state, WF_STATE__MAX, s);
		if (i < 0 || i == WF_FORWARDED) {
			web_error(req, resp, 400, "Trạng thái không hợp lệ.", "Unknown state.");
			return 0;
		}
		f.state = i;
	}
	const char *y = http_param(req, "year");
	if (y != NULL && y[0] != '\0') {
		int64_t v;
		if (parse_int64(y, &v) < 0 || v < 1990 || v > 2100) {
			web_error(req, resp, 400, "Năm không hợp lệ.", "Not a valid year.");
			return 0;
		}
		f.year = (int)v;
	}
	const char *p = http_param(req, "pilot");
	if (p != NULL && p[0] != '\0')
		f.pilot = strcmp(p, "1") == 0;
	struct assess_item *v;
	int n;
	long total;
	if (assess_list(db, req->who, &f, &req->arena, &v, &n, &total) != ST_OK)
		return -1;
	const char *title =
	    HTTP_T(req, "Đánh giá sản xuất sạch hơn", "Cleaner production assessments");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_elem(&b, "h1", title);
	html_elem(
	    &b, "p",
	    HTTP_T(req,
		   "Mỗi đánh giá SXSH đi qua 6 bước và 18 nhiệm vụ theo phương pháp "
		   "UNEP/UNIDO, do nhóm SXSH của doanh nghiệp cùng chuyên gia tư vấn thực hiện.",
		   "Each CP assessment goes through the 6 steps and 18 tasks of the "
		   "UNEP/UNIDO method, carried out by the enterprise's CP team with "
		   "consultant experts."));
	if (asw_is_province(req)) {
		html_open(&b, "p", NULL);
		html_open(&b, "a", "class", "button", "href",
			  web_url(req, "/assessments/new", NULL, 0), NULL);
		html_text(&b, HTTP_T(req, "Mở đánh giá mới", "Open a new assessment"));
		html_close(&b, "a");
		html_close(&b, "p");
	}
	list_filters(req, &b, f.state, y, f.pilot);
	if (n == 0) {
		html_open(&b, "p", "class", "empty", NULL);
		int filtered = f.state >= 0 || f.year > 0 || f.pilot >= 0;
		html_text(&b, wfp_text_id(req, req->who->role == ROLE_EXPERT && !filtered
						   ? MSG_ASSESS_NONE_EXPERT
						   : MSG_ASSESS_NONE));
		html_close(&b, "p");
	} else {
		list_table(req, &b, v, n);
		if (total > n) {
			html_open(&b, "p", "class", "note", NULL);
			html_textf(&b, "%s %s/%s", HTTP_T(req, "Đang hiện", "Showing"),
				   web_int(req, n), web_int(req, total));
			html_close(&b, "p");
		}
	}
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/* ---- opening one ---- */

/* What the new form shows besides its fields. */
struct new_say {
	const char *problem;
	struct facility_pick picks[PICK_SHOWN];
	int npicks;
};

static void
facility_field(struct http_request *req, struct buf *b, const struct new_say *say,
	       const struct wf_errors *errs)
{
	int bad = errs != NULL && wf_errors_find(errs, "facility") != NULL;
	html_open(b, "div", "class", "picker", "data-pick",
		  web_url(req, "/pick/facilities", NULL, 0), NULL);
	html_open(b, "label", "for", "f-facility", NULL);
	html_text(b, HTTP_T(req, "Cơ sở được đánh giá", "Facility assessed"));
	html_close(b, "label");
	const char *text = http_form(req, "facility");
	const char *attr[] = {"type",
			      "text",
			      "name",
			      "facility",
			      "id",
			      "f-facility",
			      "autocomplete",
			      "off",
			      "aria-describedby",
			      bad ? "facility-hint e-facility" : "facility-hint",
			      "aria-invalid",
			      bad ? "true" : NULL,
			      "value",
			      text != NULL ? text : ""};
	wfp_tag(b, "input", attr, 14);
	html_open(b, "p", "class", "hint", "id", "facility-hint", NULL);
	html_text(b, web_msg(req, MSG_ADMIN_FACILITY_PICK));
	html_close(b, "p");
	const char *hid = http_form(req, "facility_id");
	const char *lab = http_form(req, "facility_label");
	html_open(b, "input", "type", "hidden", "name", "facility_id", "data-pick-id", "", "value",
		  hid != NULL ? hid : "", NULL);
	html_open(b, "input", "type", "hidden", "name", "facility_label", "data-pick-label", "",
		  "value", lab != NULL ? lab : "", NULL);
	if (say != NULL && say->npicks > 0) {
		html_open(b, "fieldset", "class", "choices", NULL);
		html_elem(b, "legend", HTTP_T(req, "Chọn một cơ sở", "Choose a facility"));
		for (int i = 0; i < say->npicks; i++) {
			const struct facility_pick *p = &say->picks[i];
			html_open(b, "label", "class", "check", NULL);
			html_open(b, "input", "type", "radio", "name", "facility_pick", "value",
				  arena_printf(&req->arena, "%lld", (long long)p->id), NULL);
			html_textf(b, "%s (%s)", p->name, p->code);
			if (p->tax_code[0] != '\0')
				html_textf(b, " · %s %s", HTTP_T(req, "MST", "Tax code"),
					   p->tax_code);
			html_textf(b, " · %s", p->unit);
			html_close(b, "label");
		}
		html_close(b, "fieldset");
	}
	if (bad)
		wfp_field_error(req, b, errs, "facility");
	html_close(b, "div");
}

/* A form value when the form was posted, else dflt. */
static const char *
posted_or(struct http_request *req, const char *name, const char *dflt)
{
	if (req->method != HTTP_POST)
		return dflt;
	const char *v = http_form(req, name);
	return v != NULL ? v : "";
}

void
asw_details_fields(struct http_request *req, struct buf *b, const struct assessment *a,
		   const struct wf_errors *errs)
{
	char w[8];
	wfp_input(req, b, HTTP_T(req, "Tên đánh giá", "Title"), "title",
		  posted_or(req, "title", a ? a->title : ""), errs);
	html_open(b, "label", "class", "check", NULL);
	int pilot =
	    req->method == HTTP_POST ? http_form(req, "pilot") != NULL : (a != NULL && a->pilot);
	const char *pa[] = {"type",  "checkbox", "name",    "pilot",
			    "value", "1",	 "checked", pilot ? "checked" : NULL};
	wfp_tag(b, "input", pa, 8);
	html_text(
	    b, HTTP_T(req, "Mô hình thí điểm (trình diễn SXSH)", "Pilot (CP demonstration) model"));
	html_close(b, "label");
	asw_select(req, b, HTTP_T(req, "Nguồn kinh phí", "Funding source"), "funding", NULL,
		   names_funding, NAMES_FUNDING_N, NULL,
		   posted_or(req, "funding", names_funding[a ? a->funding : 3].code), errs);
	wfp_input(req, b, HTTP_T(req, "Ghi chú kinh phí", "Funding note"), "funding_note",
		  posted_or(req, "funding_note", a ? a->funding_note : ""), errs);
	wfp_input(req, b,
		  HTTP_T(req, "Ngày bắt đầu (ngày/tháng/năm)", "Start date (day/month/year)"),
		  "started_on",
		  posted_or(req, "started_on", a ? asw_date_input(req, a->started_on) : ""), errs);
	asw_textarea(req, b, HTTP_T(req, "Trọng tâm đánh giá", "Focus area"), "focus", NULL,
		     posted_or(req, "focus", a ? a->focus : ""), errs);
	asw_select(req, b, HTTP_T(req, "Kỳ của cân bằng vật liệu", "Balance period"), "period",
		   NULL, names_period, NAMES_PERIOD_N, NULL,
		   posted_or(req, "period", names_period[a ? a->period : 3].code), errs);
	wfp_input_num(
	    req, b, HTTP_T(req, "Sai số cân bằng cho phép (%)", "Balance tolerance (%)"),
	    "tolerance_pct",
	    posted_or(req, "tolerance_pct",
		      wfp_qty_input(req, a ? a->tolerance_pct : ASSESS_TOLERANCE_DEFAULT)),
	    errs, 1);
	html_open(b, "fieldset", "class", "weights", NULL);
	html_elem(b, "legend",
		  HTTP_T(req, "Trọng số chấm điểm giải pháp", "Weights of the option score"));
	static const char *const wn[ASSESS_CRITERIA] = {"weight_tech", "weight_fin", "weight_env"};
	static const char *const wl[ASSESS_CRITERIA][2] = {
	    {"Kỹ thuật", "Technical"}, {"Kinh tế", "Financial"}, {"Môi trường", "Environmental"}};
	for (int i = 0; i < ASSESS_CRITERIA; i++) {
		snprintf(w, sizeof(w), "1");
		wfp_input_num(req, b, HTTP_T(req, wl[i][0], wl[i][1]), wn[i],
			      posted_or(req, wn[i], a ? wfp_qty_input(req, a->weight[i]) : w), errs,
			      1);
	}
	html_close(b, "fieldset");
}

static int
new_render(struct http_request *req, struct http_response *resp, const struct new_say *say,
	   const struct wf_errors *errs)
{
	const char *title = HTTP_T(req, "Mở đánh giá SXSH mới", "Open a new CP assessment");
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_open(&b, "p", "class", "crumbs", NULL);
	html_open(&b, "a", "href", web_url(req, "/assessments", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Đánh giá SXSH", "CP assessments"));
	html_close(&b, "a");
	html_close(&b, "p");
	html_elem(&b, "h1", title);
	if (say != NULL)
		wfp_message(&b, 1, say->problem);
	wfp_error_summary(req, &b, errs);
	html_open(&b, "form", "class", "stack assess-new", "method", "post", "action",
		  web_url(req, "/assessments/new", NULL, 0), NULL);
	web_csrf_field(req, &b, NULL);
	facility_field(req, &b, say, errs);
	asw_details_fields(req, &b, NULL, errs);
	html_open(&b, "button", "type", "submit", NULL);
	html_text(&b, HTTP_T(req, "Mở đánh giá", "Open the assessment"));
	html_close(&b, "button");
	html_close(&b, "form");
	int rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/* The facility of the posted form, as users.c resolves it: ST_OK, ST_INVALID (errs), ST_ERR. */
static int
new_facility(struct http_request *req, int64_t *id, struct new_say *say, struct wf_errors *errs)
{
	const char *pick = http_form(req, "facility_pick");
	const char *text = http_form(req, "facility");
	const char *hid = http_form(req, "facility_id");
	const char *label = http_form(req, "facility_label");
	struct msg m;
	*id = 0;
	if (pick != NULL && pick[0] != '\0' && parse_int64(pick, id) == 0 && *id > 0)
		return ST_OK;
	if (text == NULL || text[strspn(text, " ")] == '\0') {
		wf_errors_add_id(errs, MSG_ASSESS_FACILITY_MISSING, "facility");
		return ST_INVALID;
	}
	if (hid != NULL && hid[0] != '\0' && label != NULL && strcmp(label, text) == 0 &&
	    parse_int64(hid, id) == 0 && *id > 0)
		return ST_OK;
	struct facility_pick found[PICK_SHOWN];
	int n;
	if (facility_pick(http_request_db(req), &req->arena, text, PICK_SHOWN, found, &n) < 0)
		return ST_ERR;
	if (n == 1 || (n > 1 && found[0].exact && !found[1].exact)) {
		*id = found[0].id;
		return ST_OK;
	}
	msg_init(&m, n == 0 ? MSG_ADMIN_FACILITY_NONE : MSG_ADMIN_FACILITY_MANY, NULL);
	msg_str(&m, text);
	wf_errors_add(errs, &m, "facility");
	memcpy(say->picks, found, (size_t)n * sizeof(found[0]));
	say->npicks = n;
	return ST_INVALID;
}

void
asw_details_input(struct http_request *req, struct assessment_input *in)
{
	in->title = http_form(req, "title");
	in->pilot = http_form(req, "pilot") != NULL ? "1" : "0";
	in->funding = http_form(req, "funding");
	in->funding_note = http_form(req, "funding_note");
	in->started_on = http_form(req, "started_on");
	in->focus = http_form(req, "focus");
	in->period = http_form(req, "period");
	in->tolerance_pct = wfp_qty_posted(req, http_form(req, "tolerance_pct"));
	in->weight_tech = wfp_qty_posted(req, http_form(req, "weight_tech"));
	in->weight_fin = wfp_qty_posted(req, http_form(req, "weight_fin"));
	in->weight_env = wfp_qty_posted(req, http_form(req, "weight_env"));
}

void
asw_details_errors(struct http_request *req, struct wf_errors *errs)
{
	static const char *const nums[] = {"tolerance_pct", "weight_tech", "weight_fin",
					   "weight_env"};
	for (size_t i = 0; i < sizeof(nums) / sizeof(nums[0]); i++)
		wfp_qty_error(req, errs, nums[i], http_form(req, nums[i]));
}

int
web_assessment_new(struct http_request *req, struct http_response *resp)
{
	if (!asw_is_province(req)) {
		web_error(req, resp, 403, "Chỉ cán bộ Sở mở được đánh giá SXSH.",
			  "Only province staff open CP assessments.");
		return 0;
	}
	if (req->method != HTTP_POST)
		return new_render(req, resp, NULL, NULL);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct new_say say = {0};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int64_t fid = 0, id = 0;
	int frc = new_facility(req, &fid, &say, &errs);
	if (frc == ST_ERR)
		return -1;
	struct assessment_input in;
	asw_details_input(req, &in);
	int rc;
	if (frc == ST_OK) {
		rc = assessment_create(db, req->who, fid, &in, &id, &errs);
	} else {
		/* the facility is missing: the other fields are still checked */
		struct assessment scratch;
		(void)assessment_check(&in, &scratch, &errs);
		rc = ST_INVALID;
	}
	if (rc == ST_OK) {
		struct http_param p = {"done", "created"};
		wfp_redirect(resp,
			     web_url(req,
				     arena_printf(&req->arena, "/assessments/%lld", (long long)id),
				     &p, 1));
		return 0;
	}
	if (rc == ST_NOTFOUND) {
		struct msg m;
		msg_init(&m, MSG_ADMIN_FACILITY_NONE, NULL);
		msg_str(&m, http_form(req, "facility") ? http_form(req, "facility") : "");
		wf_errors_add(&errs, &m, "facility");
		rc = ST_INVALID;
	}
	if (rc == ST_EXISTS) {
		say.problem = wfp_text_id(req, MSG_ASSESS_EXISTS);
		resp->status = 409;
		return new_render(req, resp, &say, &errs);
	}
	if (rc != ST_INVALID)
		return wfp_fail(req, resp, rc);
	asw_details_errors(req, &errs);
	resp->status = 400;
	return new_render(req, resp, &say, &errs);
}
