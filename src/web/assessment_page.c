/*
 * One CP assessment's page, GET /assessments/{id}, and the POSTs of its
 * forms (see assessments.c for the paths).  The page shows where the
 * assessment stands: its 6 steps with their tasks (the current step
 * marked), each task with its state, responsible person, notes, due date
 * and files, and a form per task for who may change it; the moves the
 * viewer may make now; the details; the team; the files of the assessment
 * as a whole; and its history.  Every form carries the assessment's
 * version.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/assess/afile.h"
#include "model/assess/assessment.h"
#include "model/doc/history.h"
#include "model/names.h"
#include "render/html.h"
#include "util/fmt.h"
#include "util/log.h"
#include "web/assess_int.h"

/* What the page says besides the stored assessment, after a POST. */
struct page_say {
	const char *problem;
	const struct wf_errors *errs;
	const char *form; /* the form posted: "details", "team", "task", "action"; NULL */
	int task;	  /* the task of form "task" */
};

/* Everything the page reads. */
struct page {
	struct assessment a;
	struct assess_ref r;
	const char *facility, *facility_code;
	struct assess_task tasks[ASSESS_TASKS];
	struct assess_progress prog;
	struct assess_member *team;
	int nteam;
	struct afile *files;
	int nfiles;
	struct doc_event *ev;
	int nev;
	int may_content, may_track, may_edit;
};

/* The moves the page offers, in order, with their button labels. */
static const struct {
	enum wf_action action;
	const char *vi, *en;
} moves[] = {
    {WF_START, "Bắt đầu đánh giá", "Start the assessment"},
    {WF_SUBMIT, "Nộp báo cáo đánh giá cho Sở", "Submit the report to the Department"},
    {WF_ACCEPT, "Chấp nhận báo cáo", "Accept the report"},
    {WF_RETURN, "Trả lại để bổ sung", "Return for more work"},
    {WF_SUSTAIN, "Chuyển sang duy trì SXSH", "Move on to sustaining CP"},
    {WF_REOPEN, "Mở lại đánh giá", "Reopen the assessment"},
};
#define NMOVES ((int)(sizeof(moves) / sizeof(moves[0])))

/* What a move is called in the history. */
static const char *
move_label(struct http_request *req, enum wf_action a)
{
	switch (a) {
	case WF_START:
		return HTTP_T(req, "Bắt đầu", "Started");
	case WF_SUBMIT:
		return HTTP_T(req, "Nộp báo cáo", "Submitted");
	case WF_RETURN:
		return HTTP_T(req, "Trả lại", "Returned");
	case WF_ACCEPT:
		return HTTP_T(req, "Chấp nhận", "Accepted");
	case WF_REOPEN:
		return HTTP_T(req, "Mở lại", "Reopened");
	case WF_SUSTAIN:
		return HTTP_T(req, "Chuyển sang duy trì", "Moved to sustaining");
	case WF_FORWARD:
		return HTTP_T(req, "Chuyển tiếp", "Forwarded");
	default:
		return HTTP_T(req, "Sửa", "Edited");
	}
}

static int
page_load(struct http_request *req, struct db *db, int64_t id, struct page *p)
{
	memset(p, 0, sizeof(*p));
	int rc = assessment_get(db, req->who, id, &p->a);
	if (rc != ST_OK)
		return rc;
	if ((rc = assess_open(db, req->who, id, 0, ASSESS_READ, &p->r)) != ST_OK)
		return rc;
	struct assess_filter f = {
	    .state = -1, .pilot = -1, .year = p->a.doc.year, .facility_id = p->a.doc.facility_id};
	struct assess_item *items;
	int n;
	long total;
	if ((rc = assess_list(db, req->who, &f, &req->arena, &items, &n, &total)) != ST_OK)
		return rc;
	p->facility = "—";
	p->facility_code = "";
	for (int i = 0; i < n; i++)
		if (items[i].id == id) {
			p->facility = items[i].facility_name;
			p->facility_code = items[i].facility_code;
		}
	if ((rc = assess_tasks(db, &p->r, &req->arena, p->tasks)) != ST_OK ||
	    (rc = assess_team(db, &p->r, &req->arena, &p->team, &p->nteam)) != ST_OK ||
	    (rc = afile_list(db, req->who, id, &req->arena, &p->files, &p->nfiles)) != ST_OK ||
	    (rc = doc_history_list(db, WF_KIND_ASSESSMENT, id, &req->arena, &p->ev, &p->nev)) !=
		ST_OK)
		return rc;
	assess_progress_of(p->tasks, &p->prog);
	p->may_content = assess_may(req->who, p->a.doc.state, ASSESS_CONTENT);
	p->may_track = assess_may(req->who, p->a.doc.state, ASSESS_TRACK);
	enum wf_state to;
	int note;
	p->may_edit = wf_check_rules(assessment_kind.rules, assessment_kind.nrules, WF_EDIT,
				     p->a.doc.state, req->who, &to, &note) == ST_OK;
	return ST_OK;
}

/* Whether task t (1..18) may be changed by the viewer now. */
static int
task_editable(const struct page *p, int t)
{
	return p->may_content || (p->may_track && assess_task_defs[t - 1].step >= 5);
}

static void
hidden(struct buf *b, const char *name, const char *value)
{
	html_open(b, "input", "type", "hidden", "name", name, "value", value, NULL);
}

static void
version_field(struct http_request *req, struct buf *b, const struct page *p)
{
	web_csrf_field(req, b, NULL);
	hidden(b, "version", arena_printf(&req->arena, "%lld", (long long)p->a.doc.version));
}

/* A posted value when form is the one posted (and task, for a task's form), else dflt. */
static const char *
val(struct http_request *req, const struct page_say *say, const char *form, int task,
    const char *name, const char *dflt)
{
	if (say == NULL || say->form == NULL || strcmp(say->form, form) != 0 ||
	    (task > 0 && say->task != task))
		return dflt;
	const char *v = http_form(req, name);
	return v != NULL ? v : "";
}

static const struct wf_errors *
errs_of(const struct page_say *say, const char *form, int task)
{
	if (say == NULL || say->form == NULL || strcmp(say->form, form) != 0 ||
	    (task > 0 && say->task != task))
		return NULL;
	return say->errs;
}

/* The files of task t (0: the assessment as a whole) with their download and delete. */
static void
files_list(struct http_request *req, struct buf *b, const struct page *p, int t)
{
	int any = 0;
	for (int i = 0; i < p->nfiles; i++) {
		const struct afile *f = &p->files[i];
		if (f->task != t)
			continue;
		if (!any)
			html_open(b, "ul", "class", "files", NULL);
		any = 1;
		html_open(b, "li", NULL);
		html_open(b, "a", "href",
			  asw_path(req, p->a.doc.id,
				   arena_printf(&req->arena, "/files/%lld", (long long)f->id)),
			  NULL);
		html_text(b, f->filename);
		html_close(b, "a");
		html_textf(b, " · %s · %s", f->uploader, web_date_unix(req, f->uploaded_at));
		if (task_editable(p, t > 0 ? t : 1) && (t > 0 || p->may_content) &&
		    afile_may_delete(req->who, f)) {
			html_open(b, "form", "method", "post", "class", "inline", "action",
				  asw_path(req, p->a.doc.id,
					   arena_printf(&req->arena, "/files/%lld/delete",
							(long long)f->id)),
				  NULL);
			web_csrf_field(req, b, NULL);
			html_open(b, "button", "type", "submit", "class", "link", "aria-label",
				  arena_printf(&req->arena, "%s %s",
					       HTTP_T(req, "Xoá tệp", "Delete"), f->filename),
				  NULL);
			html_text(b, HTTP_T(req, "Xoá", "Delete"));
			html_close(b, "button");
			html_close(b, "form");
		}
		html_close(b, "li");
	}
	if (any)
		html_close(b, "ul");
}

static void
upload_form(struct http_request *req, struct buf *b, const struct page *p, int t)
{
	char max[32];
	snprintf(max, sizeof(max), "%u", (unsigned)AFILE_MAX);
	html_open(b, "form", "method", "post", "enctype", "multipart/form-data", "class",
		  "attach-form", "data-max", max, "action", asw_path(req, p->a.doc.id, "/files"),
		  NULL);
	web_csrf_field(req, b, NULL);
	hidden(b, "task", arena_printf(&req->arena, "%d", t));
	const char *fid = arena_printf(&req->arena, "file-%d", t);
	html_open(b, "label", "for", fid, NULL);
	html_text(b, HTTP_T(req, "Thêm tệp (PDF, JPEG, PNG hoặc Excel XLSX; tối đa 10 MB)",
			    "Add a file (PDF, JPEG, PNG or Excel XLSX; at most 10 MB)"));
	html_close(b, "label");
	html_open(b, "input", "type", "file", "id", fid, "name", "file", "required", "required",
		  "accept", ".pdf,.jpg,.jpeg,.png,.xlsx", NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Tải lên", "Upload"));
	html_close(b, "button");
	html_close(b, "form");
}

static void
task_form(struct http_request *req, struct buf *b, const struct page *p, int t,
	  const struct page_say *say)
{
	const struct assess_task *x = &p->tasks[t - 1];
	const struct wf_errors *e = errs_of(say, "task", t);
	html_open(b, "form", "method", "post", "class", "stack task-form", "action",
		  asw_path(req, p->a.doc.id, arena_printf(&req->arena, "/tasks/%d", t)), NULL);
	version_field(req, b, p);
	if (e != NULL)
		for (int i = 0; i < e->n; i++)
			wfp_message(b, 1, wfp_text(req, &e->e[i].msg));
	asw_select(req, b, HTTP_T(req, "Trạng thái", "State"), "state",
		   arena_printf(&req->arena, "t%d-state", t), names_task_state, NAMES_TASK_STATE_N,
		   NULL, val(req, say, "task", t, "state", names_task_state[x->state].code), NULL);
	const char *rid = arena_printf(&req->arena, "t%d-resp", t);
	html_open(b, "label", "for", rid, NULL);
	html_text(b, HTTP_T(req, "Người phụ trách", "Responsible"));
	html_close(b, "label");
	html_open(b, "input", "type", "text", "name", "responsible", "id", rid, "value",
		  val(req, say, "task", t, "responsible", x->responsible), NULL);
	asw_textarea(req, b, HTTP_T(req, "Ghi chú", "Notes"), "notes",
		     arena_printf(&req->arena, "t%d-notes", t),
		     val(req, say, "task", t, "notes", x->notes), NULL);
	const char *did = arena_printf(&req->arena, "t%d-due", t);
	html_open(b, "label", "for", did, NULL);
	html_text(b, HTTP_T(req, "Hạn hoàn thành (ngày/tháng/năm)", "Due date (day/month/year)"));
	html_close(b, "label");
	html_open(b, "input", "type", "text", "name", "due_on", "id", did, "inputmode", "numeric",
		  "value", val(req, say, "task", t, "due_on", asw_date_input(req, x->due_on)),
		  NULL);
	html_open(b, "button", "type", "submit", NULL);
	html_text(b, HTTP_T(req, "Lưu nhiệm vụ", "Save the task"));
	html_close(b, "button");
	html_close(b, "form");
}

static void
task_item(struct http_request *req, struct buf *b, const struct page *p, int t,
	  const struct page_say *say)
{
	const struct assess_task *x = &p->tasks[t - 1];
	const struct assess_task_def *d = &assess_task_defs[t - 1];
	const char *open =
	    say != NULL && say->form != NULL && strcmp(say->form, "task") == 0 && say->task == t
		? "open"
		: NULL;
	const char *attr[] = {
	    "class", arena_printf(&req->arena, "task task-%s", names_task_state[x->state].code),
	    "id",    arena_printf(&req->arena, "task-%d", t),
	    "open",  open};
	wfp_tag(b, "details", attr, 6);
	html_open(b, "summary", NULL);
	html_open(b, "span", "class", "task-name", NULL);
	html_textf(b, "%d. %s", t, HTTP_T(req, d->name_vi, d->name_en));
	html_close(b, "span");
	html_open(b, "span", "class", "task-meta", NULL);
	html_text(
	    b, HTTP_T(req, names_task_state[x->state].name_vi, names_task_state[x->state].name_en));
	if (x->responsible[0] != '\0')
		html_textf(b, " · %s", x->responsible);
	if (x->due_on[0] != '\0')
		html_textf(b, " · %s %s", HTTP_T(req, "hạn", "due"), asw_date(req, x->due_on));
	if (x->nfiles > 0)
		html_textf(b, " · %d %s", x->nfiles,
			   HTTP_T(req, "tệp", x->nfiles == 1 ? "file" : "files"));
	html_close(b, "span");
	html_close(b, "summary");
	if (x->notes[0] != '\0') {
		html_open(b, "p", "class", "task-notes", NULL);
		html_text(b, x->notes);
		html_close(b, "p");
	}
	files_list(req, b, p, t);
	if (task_editable(p, t)) {
		task_form(req, b, p, t, say);
		upload_form(req, b, p, t);
	}
	html_close(b, "details");
}

static void
steps_section(struct http_request *req, struct buf *b, const struct page *p,
	      const struct page_say *say)
{
	html_open(b, "section", "class", "assess-steps", "aria-labelledby", "h-steps", NULL);
	html_open(b, "h2", "id", "h-steps", NULL);
	html_text(b, HTTP_T(req, "Các bước và nhiệm vụ", "Steps and tasks"));
	html_close(b, "h2");
	html_open(b, "p", "class", "progress-text", NULL);
	html_textf(b, "%s · %s %d/%d", asw_step_text(req, p->prog.step),
		   HTTP_T(req, "nhiệm vụ đã xong", "tasks done"), p->prog.done, ASSESS_TASKS);
	html_close(b, "p");
	html_open(b, "progress", "max", "18", "value",
		  arena_printf(&req->arena, "%d", p->prog.done), "aria-label",
		  HTTP_T(req, "Nhiệm vụ đã xong", "Tasks done"), NULL);
	html_close(b, "progress");
	html_open(b, "ol", "class", "steps", NULL);
	for (int s = 1; s <= ASSESS_STEPS; s++) {
		int cur = s == p->prog.step;
		const char *la[] = {"class",	    cur ? "step current" : "step",
				    "aria-current", cur ? "step" : NULL,
				    "id",	    arena_printf(&req->arena, "step-%d", s)};
		wfp_tag(b, "li", la, 6);
		html_open(b, "h3", NULL);
		html_textf(b, "%s %d: %s", HTTP_T(req, "Bước", "Step"), s,
			   HTTP_T(req, assess_step_names[s - 1].name_vi,
				  assess_step_names[s - 1].name_en));
		if (cur) {
			html_open(b, "span", "class", "tag", NULL);
			html_text(b, HTTP_T(req, "đang thực hiện", "current"));
			html_close(b, "span");
		}
		html_close(b, "h3");
		if (s == 2 || s == 3 || s == 4) {
			html_open(b, "p", "class", "step-link", NULL);
			if (s == 2) {
				html_open(b, "a", "href", asw_path(req, p->a.doc.id, "/process"),
					  NULL);
				html_text(b, HTTP_T(req, "Công đoạn sản xuất và cân bằng vật liệu",
						    "Process steps and balances"));
			} else {
				html_open(b, "a", "href", asw_path(req, p->a.doc.id, "/options"),
					  NULL);
				html_text(b, HTTP_T(req, "Các giải pháp SXSH", "CP options"));
			}
			html_close(b, "a");
			html_close(b, "p");
		}
		for (int t = 1; t <= ASSESS_TASKS; t++)
			if (assess_task_defs[t - 1].step == s)
				task_item(req, b, p, t, say);
		html_close(b, "li");
	}
	html_close(b, "ol");
	html_close(b, "section");
}

static void
moves_section(struct http_request *req, struct buf *b, const struct page *p,
	      const struct page_say *say)
{
	int any = 0;
	for (int i = 0; i < NMOVES; i++) {
		enum wf_state to;
		int note;
		if (wf_check_rules(assessment_kind.rules, assessment_kind.nrules, moves[i].action,
				   p->a.doc.state, req->who, &to, &note) != ST_OK)
			continue;
		if (!any) {
			html_open(b, "section", "class", "assess-moves", "aria-labelledby",
				  "h-moves", NULL);
			html_open(b, "h2", "id", "h-moves", NULL);
			html_text(b, HTTP_T(req, "Chuyển trạng thái", "Move it on"));
			html_close(b, "h2");
			if (say != NULL && say->form != NULL && strcmp(say->form, "action") == 0)
				wfp_error_summary(req, b, say->errs);
		}
		any = 1;
		html_open(b, "form", "method", "post", "class", "stack move", "action",
			  asw_path(req, p->a.doc.id, "/action"), NULL);
		version_field(req, b, p);
		hidden(b, "op", wf_action_names[moves[i].action]);
		if (note) {
			const char *nid =
			    arena_printf(&req->arena, "note-%s", wf_action_names[moves[i].action]);
			asw_textarea(req, b, HTTP_T(req, "Lý do (bắt buộc)", "Reason (required)"),
				     "note", nid, "", NULL);
		}
		html_open(b, "button", "type", "submit", NULL);
		html_text(b, HTTP_T(req, moves[i].vi, moves[i].en));
		html_close(b, "button");
		html_close(b, "form");
	}
	if (any)
		html_close(b, "section");
}

static void
dl_row(struct buf *b, const char *term, const char *def)
{
	html_elem(b, "dt", term);
	html_elem(b, "dd", def != NULL && def[0] != '\0' ? def : "—");
}

static void
details_section(struct http_request *req, struct buf *b, const struct page *p,
		const struct page_say *say)
{
	const struct assessment *a = &p->a;
	html_open(b, "section", "class", "assess-details", "aria-labelledby", "h-details", NULL);
	html_open(b, "h2", "id", "h-details", NULL);
	html_text(b, HTTP_T(req, "Thông tin đánh giá", "Details"));
	html_close(b, "h2");
	html_open(b, "dl", "class", "facts", NULL);
	dl_row(b, HTTP_T(req, "Cơ sở", "Facility"), p->facility);
	dl_row(b, HTTP_T(req, "Ngày bắt đầu", "Started"), asw_date(req, a->started_on));
	dl_row(b, HTTP_T(req, "Mô hình thí điểm", "Pilot model"),
	       a->pilot ? HTTP_T(req, "Có", "Yes") : HTTP_T(req, "Không", "No"));
	const struct name *fu = &names_funding[a->funding];
	dl_row(b, HTTP_T(req, "Nguồn kinh phí", "Funding"),
	       a->funding_note[0]
		   ? arena_printf(&req->arena, "%s (%s)", HTTP_T(req, fu->name_vi, fu->name_en),
				  a->funding_note)
		   : HTTP_T(req, fu->name_vi, fu->name_en));
	dl_row(b, HTTP_T(req, "Trọng tâm đánh giá", "Focus area"), a->focus);
	const struct name *pe = &names_period[a->period];
	dl_row(b, HTTP_T(req, "Kỳ cân bằng", "Balance period"),
	       HTTP_T(req, pe->name_vi, pe->name_en));
	dl_row(b, HTTP_T(req, "Sai số cân bằng cho phép", "Balance tolerance"),
	       arena_printf(&req->arena, "%s %%", wfp_qty_input(req, a->tolerance_pct)));
	dl_row(b,
	       HTTP_T(req, "Trọng số kỹ thuật / kinh tế / môi trường",
		      "Weights technical / financial / environmental"),
	       arena_printf(&req->arena, "%s / %s / %s", wfp_qty_input(req, a->weight[ASSESS_TECH]),
			    wfp_qty_input(req, a->weight[ASSESS_FIN]),
			    wfp_qty_input(req, a->weight[ASSESS_ENV])));
	if (a->accepted_on[0] != '\0')
		dl_row(b, HTTP_T(req, "Ngày chấp nhận", "Accepted on"),
		       asw_date(req, a->accepted_on));
	html_close(b, "dl");
	if (p->may_edit) {
		const struct wf_errors *e = errs_of(say, "details", 0);
		const char *attr[] = {"class", "edit", "open", e != NULL ? "open" : NULL};
		wfp_tag(b, "details", attr, 4);
		html_elem(b, "summary", HTTP_T(req, "Sửa thông tin", "Edit the details"));
		wfp_error_summary(req, b, e);
		html_open(b, "form", "method", "post", "class", "stack", "action",
			  asw_path(req, a->doc.id, ""), NULL);
		version_field(req, b, p);
		if (e == NULL && req->method == HTTP_POST) {
			/* another form was posted: show the stored values */
			enum http_method m = req->method;
			req->method = HTTP_GET;
			asw_details_fields(req, b, a, NULL);
			req->method = m;
		} else {
			asw_details_fields(req, b, a, e);
		}
		html_open(b, "button", "type", "submit", NULL);
		html_text(b, HTTP_T(req, "Lưu thông tin", "Save the details"));
		html_close(b, "button");
		html_close(b, "form");
		html_close(b, "details");
	}
	html_close(b, "section");
}

static void
team_section(struct http_request *req, struct buf *b, const struct page *p,
	     const struct page_say *say)
{
	html_open(b, "section", "class", "assess-team", "id", "team", "aria-labelledby", "h-team",
		  NULL);
	html_open(b, "h2", "id", "h-team", NULL);
	html_text(b, HTTP_T(req, "Nhóm SXSH", "CP team"));
	html_close(b, "h2");
	if (p->nteam == 0) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b,
			  HTTP_T(req, "Nhóm chưa có thành viên.", "The team has no members yet."));
		html_close(b, "p");
	} else {
		web_scroll_open(b, HTTP_T(req, "Thành viên nhóm SXSH", "CP team members"));
		html_open(b, "table", "class", "list team", NULL);
		html_elem(b, "caption", HTTP_T(req, "Thành viên nhóm", "Team members"));
		html_raw(b, "<thead><tr>");
		static const char *const heads[][2] = {
		    {"Họ tên", "Name"},	     {"Vai trò", "Role"},
		    {"Chức vụ", "Position"}, {"Đơn vị công tác", "Organisation"},
		    {"Liên hệ", "Contact"},  {"Tài khoản", "Account"},
		};
		for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
			html_open(b, "th", "scope", "col", NULL);
			html_text(b, HTTP_T(req, heads[i][0], heads[i][1]));
			html_close(b, "th");
		}
		if (p->may_content) {
			html_open(b, "th", "scope", "col", NULL);
			html_text(b, HTTP_T(req, "Thao tác", "Action"));
			html_close(b, "th");
		}
		html_raw(b, "</tr></thead><tbody>");
		for (int i = 0; i < p->nteam; i++) {
			const struct assess_member *m = &p->team[i];
			const struct name *tr = &names_team_role[m->team_role];
			html_open(b, "tr", NULL);
			html_elem(b, "td", m->name);
			html_elem(b, "td", HTTP_T(req, tr->name_vi, tr->name_en));
			html_elem(b, "td", m->position[0] ? m->position : "—");
			html_elem(b, "td", m->organisation[0] ? m->organisation : "—");
			html_elem(b, "td", m->contact[0] ? m->contact : "—");
			html_elem(b, "td", m->user_email[0] ? m->user_email : "—");
			if (p->may_content) {
				html_open(b, "td", NULL);
				html_open(b, "form", "method", "post", "class", "inline", "action",
					  asw_path(req, p->a.doc.id, "/team"), NULL);
				version_field(req, b, p);
				hidden(b, "op", "remove");
				hidden(b, "member",
				       arena_printf(&req->arena, "%lld", (long long)m->id));
				html_open(
				    b, "button", "type", "submit", "class", "link", "aria-label",
				    arena_printf(&req->arena, "%s %s",
						 HTTP_T(req, "Bớt khỏi nhóm", "Remove"), m->name),
				    NULL);
				html_text(b, HTTP_T(req, "Bớt", "Remove"));
				html_close(b, "button");
				html_close(b, "form");
				html_close(b, "td");
			}
			html_close(b, "tr");
		}
		html_raw(b, "</tbody></table>");
		web_scroll_close(b);
	}
	if (p->may_content) {
		const struct wf_errors *e = errs_of(say, "team", 0);
		const char *attr[] = {"class", "edit", "open", e != NULL ? "open" : NULL};
		wfp_tag(b, "details", attr, 4);
		html_elem(b, "summary", HTTP_T(req, "Thêm thành viên", "Add a member"));
		wfp_error_summary(req, b, e);
		html_open(b, "form", "method", "post", "class", "stack", "action",
			  asw_path(req, p->a.doc.id, "/team"), NULL);
		version_field(req, b, p);
		hidden(b, "op", "add");
		wfp_input(req, b, HTTP_T(req, "Họ tên", "Name"), "name",
			  val(req, say, "team", 0, "name", ""), e);
		asw_select(req, b, HTTP_T(req, "Vai trò trong nhóm", "Team role"), "team_role",
			   NULL, names_team_role, NAMES_TEAM_ROLE_N, NULL,
			   val(req, say, "team", 0, "team_role", "member"), e);
		wfp_input(req, b, HTTP_T(req, "Chức vụ", "Position"), "position",
			  val(req, say, "team", 0, "position", ""), e);
		wfp_input(req, b, HTTP_T(req, "Đơn vị công tác", "Organisation"), "organisation",
			  val(req, say, "team", 0, "organisation", ""), e);
		wfp_input(req, b,
			  HTTP_T(req, "Liên hệ (điện thoại, e-mail)", "Contact (phone, e-mail)"),
			  "contact", val(req, say, "team", 0, "contact", ""), e);
		wfp_input(req, b,
			  HTTP_T(req, "E-mail tài khoản (bắt buộc với chuyên gia tư vấn)",
				 "Account e-mail (required for a consultant expert)"),
			  "user", val(req, say, "team", 0, "user", ""), e);
		html_open(b, "button", "type", "submit", NULL);
		html_text(b, HTTP_T(req, "Thêm vào nhóm", "Add to the team"));
		html_close(b, "button");
		html_close(b, "form");
		html_close(b, "details");
	}
	html_close(b, "section");
}

static void
files_section(struct http_request *req, struct buf *b, const struct page *p)
{
	html_open(b, "section", "class", "assess-files", "id", "files", "aria-labelledby",
		  "h-files", NULL);
	html_open(b, "h2", "id", "h-files", NULL);
	html_text(b, HTTP_T(req, "Tệp của đánh giá", "Files of the assessment"));
	html_close(b, "h2");
	int any = 0;
	for (int i = 0; i < p->nfiles; i++)
		any |= p->files[i].task == 0;
	if (!any) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, HTTP_T(req,
				    "Chưa có tệp chung (tệp của từng nhiệm vụ nằm ở nhiệm vụ đó).",
				    "No general files (each task's files are shown with it)."));
		html_close(b, "p");
	}
	files_list(req, b, p, 0);
	if (p->may_content)
		upload_form(req, b, p, 0);
	html_close(b, "section");
}

static void
history_section(struct http_request *req, struct buf *b, const struct page *p)
{
	html_open(b, "section", "class", "history", "aria-labelledby", "h-history", NULL);
	html_open(b, "h2", "id", "h-history", NULL);
	html_text(b, HTTP_T(req, "Lịch sử", "History"));
	html_close(b, "h2");
	if (p->nev == 0) {
		html_open(b, "p", "class", "empty", NULL);
		html_text(b, HTTP_T(req, "Chưa chuyển trạng thái lần nào.", "No moves yet."));
		html_close(b, "p");
		html_close(b, "section");
		return;
	}
	web_scroll_open(b, HTTP_T(req, "Lịch sử đánh giá", "Assessment history"));
	html_open(b, "table", "class", "list history", NULL);
	html_raw(b, "<thead><tr>");
	static const char *const heads[][2] = {{"Thời gian", "When"},
					       {"Người thực hiện", "By"},
					       {"Thao tác", "Move"},
					       {"Ghi chú", "Note"}};
	for (size_t i = 0; i < 4; i++) {
		html_open(b, "th", "scope", "col", NULL);
		html_text(b, HTTP_T(req, heads[i][0], heads[i][1]));
		html_close(b, "th");
	}
	html_raw(b, "</tr></thead><tbody>");
	for (int i = p->nev - 1; i >= 0; i--) {
		const struct doc_event *e = &p->ev[i];
		html_open(b, "tr", NULL);
		html_elem(b, "td", web_datetime_unix(req, e->at));
		html_elem(b, "td", e->actor);
		html_elem(b, "td", move_label(req, e->action));
		html_elem(b, "td", e->note[0] ? e->note : "—");
		html_close(b, "tr");
	}
	html_raw(b, "</tbody></table>");
	web_scroll_close(b);
	html_close(b, "section");
}

/* The notice of ?done=. */
static const char *
done_text(struct http_request *req)
{
	const char *d = http_param(req, "done");
	if (d == NULL)
		return NULL;
	static const struct {
		const char *code, *vi, *en;
	} t[] = {
	    {"created", "Đã mở đánh giá. Hãy thêm các thành viên nhóm SXSH.",
	     "The assessment is open. Add the CP team's members."},
	    {"saved", "Đã lưu.", "Saved."},
	    {"moved", "Đã chuyển trạng thái.", "The state was changed."},
	    {"uploaded", "Đã thêm tệp.", "The file was added."},
	    {"deleted", "Đã xoá.", "Deleted."},
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(d, t[i].code) == 0)
			return HTTP_T(req, t[i].vi, t[i].en);
	return NULL;
}

/*
 * The assessment's other pages: its process, options, printable report and
 * results; the case study's publishing form for who may publish it.
 */
static void
links_section(struct http_request *req, struct buf *b, const struct page *p)
{
	static const struct {
		const char *path, *vi, *en;
	} links[] = {
	    {"/process", "Công đoạn sản xuất và cân bằng", "Process steps and balances"},
	    {"/options", "Các giải pháp SXSH", "CP options"},
	    {"/results", "Kết quả thực hiện: tiết kiệm dự kiến và thực tế",
	     "Results: expected and measured savings"},
	    {"/report", "Báo cáo đánh giá (bản in)", "Assessment report (printable)"},
	};
	html_open(b, "nav", "class", "assess-links", "aria-label",
		  HTTP_T(req, "Các trang của đánh giá", "The assessment's pages"), NULL);
	html_open(b, "ul", NULL);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		html_open(b, "li", NULL);
		html_open(b, "a", "href", asw_path(req, p->a.doc.id, links[i].path), NULL);
		html_text(b, HTTP_T(req, links[i].vi, links[i].en));
		html_close(b, "a");
		html_close(b, "li");
	}
	html_close(b, "ul");
	html_close(b, "nav");
	/* the case study of an accepted pilot (casestudy.h) */
	if (p->a.pilot && (p->a.doc.state == WF_ACCEPTED || p->a.doc.state == WF_SUSTAINING))
		web_case_publish_form(req, b, p->a.doc.id, p->a.published);
}

static int
page_render(struct http_request *req, struct http_response *resp, int64_t id,
	    const struct page_say *say)
{
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct page *p = arena_alloc(&req->arena, sizeof(*p));
	int rc = page_load(req, db, id, p);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	const char *title =
	    p->a.title[0]
		? p->a.title
		: arena_printf(&req->arena, "%s %s", HTTP_T(req, "Đánh giá SXSH", "CP assessment"),
			       p->facility);
	struct buf b;
	buf_init(&b, WFP_PAGE_MAX);
	html_open(&b, "p", "class", "crumbs", NULL);
	html_open(&b, "a", "href", web_url(req, "/assessments", NULL, 0), NULL);
	html_text(&b, HTTP_T(req, "Đánh giá SXSH", "CP assessments"));
	html_close(&b, "a");
	html_close(&b, "p");
	html_elem(&b, "h1", title);
	html_open(&b, "p", "class", "lead", NULL);
	html_textf(&b, "%s · %s: ", p->facility, HTTP_T(req, "Trạng thái", "State"));
	html_open(&b, "strong", "class", "state", NULL);
	html_text(&b, asw_state_label(req, p->a.doc.state));
	html_close(&b, "strong");
	html_close(&b, "p");
	if (say == NULL) {
		const char *n = done_text(req);
		if (n != NULL)
			wfp_message(&b, 0, n);
	} else {
		wfp_message(&b, 1, say->problem);
	}
	if (p->a.doc.state == WF_RETURNED && p->a.doc.review_note[0] != '\0') {
		html_open(&b, "div", "class", "review-note", "role", "note", NULL);
		html_elem(&b, "h2",
			  HTTP_T(req, "Ý kiến của Sở khi trả lại", "The Department's note"));
		html_elem(&b, "p", p->a.doc.review_note);
		html_close(&b, "div");
	}
	links_section(req, &b, p);
	moves_section(req, &b, p, say);
	steps_section(req, &b, p, say);
	details_section(req, &b, p, say);
	team_section(req, &b, p, say);
	files_section(req, &b, p);
	history_section(req, &b, p);
	rc = wfp_page(req, resp, title, &b);
	buf_free(&b);
	return rc;
}

/* The assessment id of the path. */
static int
path_id(struct http_request *req, int64_t *id)
{
	int64_t ids[2];
	int n = http_path_ids(req->path, ids, 2);
	if (n < 1)
		return 0;
	*id = ids[0];
	return 1;
}

static int64_t
form_version(struct http_request *req)
{
	int64_t v = 0;
	const char *s = http_form(req, "version");
	if (s == NULL || parse_int64(s, &v) < 0 || v < 1)
		return -1; /* never current: a conflict */
	return v;
}

/* After a POST: 303 back with done, or the page again saying what went wrong. */
static int
after_post(struct http_request *req, struct http_response *resp, int64_t id, int rc,
	   const char *done, const char *anchor, struct page_say *say)
{
	if (rc == ST_OK) {
		struct http_param p = {"done", done};
		wfp_redirect(
		    resp,
		    arena_printf(
			&req->arena, "%s%s",
			web_url(req, arena_printf(&req->arena, "/assessments/%lld", (long long)id),
				&p, 1),
			anchor));
		return 0;
	}
	if (rc == ST_INVALID) {
		resp->status = 400;
		return page_render(req, resp, id, say);
	}
	if (rc == ST_CONFLICT) {
		resp->status = 409;
		say->problem = wfp_text_id(req, MSG_ASSESS_CONFLICT);
		say->errs = NULL;
		say->form = NULL;
		return page_render(req, resp, id, say);
	}
	return wfp_fail(req, resp, rc);
}

int
web_assessment(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!path_id(req, &id))
		return wfp_fail(req, resp, ST_NOTFOUND);
	if (req->method != HTTP_POST)
		return page_render(req, resp, id, NULL);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	/* who may not edit the details is told so before a stale version */
	struct assess_ref r;
	enum wf_state to;
	int note;
	int rc = assess_open(db, req->who, id, 0, ASSESS_READ, &r);
	if (rc == ST_OK)
		rc = wf_check_rules(assessment_kind.rules, assessment_kind.nrules, WF_EDIT, r.state,
				    req->who, &to, &note);
	if (rc != ST_OK)
		return wfp_fail(req, resp, rc);
	struct wf_errors errs;
	wf_errors_clear(&errs);
	struct assessment_input in;
	asw_details_input(req, &in);
	rc = assessment_update(db, req->who, id, form_version(req), &in, &errs);
	if (rc == ST_INVALID)
		asw_details_errors(req, &errs);
	struct page_say say = {.errs = &errs, .form = "details"};
	return after_post(req, resp, id, rc, "saved", "", &say);
}

int
web_assessment_action(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!path_id(req, &id))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const char *op = http_form(req, "op");
	int action = -1;
	for (int i = 0; i < NMOVES; i++)
		if (op != NULL && strcmp(op, wf_action_names[moves[i].action]) == 0)
			action = (int)moves[i].action;
	if (action < 0) {
		web_error(req, resp, 400, "Thao tác không hợp lệ.", "Unknown move.");
		return 0;
	}
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int rc = assessment_transition(db, req->who, id, (enum wf_action)action, form_version(req),
				       http_form(req, "note"), &errs);
	struct page_say say = {.errs = &errs, .form = "action"};
	return after_post(req, resp, id, rc, "moved", "", &say);
}

int
web_assessment_team(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!path_id(req, &id))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	const char *op = http_form(req, "op");
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int rc;
	if (op != NULL && strcmp(op, "remove") == 0) {
		int64_t mid = 0;
		const char *m = http_form(req, "member");
		if (m == NULL || parse_int64(m, &mid) < 0)
			return wfp_fail(req, resp, ST_NOTFOUND);
		rc = assess_member_remove(db, req->who, id, form_version(req), mid);
	} else if (op != NULL && strcmp(op, "add") == 0) {
		struct assess_member_input in = {
		    .name = http_form(req, "name"),
		    .team_role = http_form(req, "team_role"),
		    .position = http_form(req, "position"),
		    .organisation = http_form(req, "organisation"),
		    .contact = http_form(req, "contact"),
		    .user = http_form(req, "user"),
		};
		rc = assess_member_add(db, req->who, id, form_version(req), &in, &errs);
	} else {
		/* nothing to do: still only for who may see and change it */
		struct assess_ref r;
		rc = assess_open(db, req->who, id, 0, ASSESS_CONTENT, &r);
		if (rc == ST_OK) {
			web_error(req, resp, 400, "Thao tác không hợp lệ.", "Unknown operation.");
			return 0;
		}
	}
	struct page_say say = {.errs = &errs, .form = "team"};
	return after_post(req, resp, id, rc, "saved", "#team", &say);
}

int
web_assessment_task(struct http_request *req, struct http_response *resp)
{
	int64_t ids[2];
	if (http_path_ids(req->path, ids, 2) != 2 || ids[1] < 1 || ids[1] > ASSESS_TASKS)
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct assess_task_input in = {
	    .state = http_form(req, "state"),
	    .responsible = http_form(req, "responsible"),
	    .notes = http_form(req, "notes"),
	    .due_on = http_form(req, "due_on"),
	};
	struct wf_errors errs;
	wf_errors_clear(&errs);
	int rc = assess_task_set(db, req->who, ids[0], form_version(req), (int)ids[1], &in, &errs);
	struct page_say say = {.errs = &errs, .form = "task", .task = (int)ids[1]};
	return after_post(req, resp, ids[0], rc, "saved",
			  arena_printf(&req->arena, "#task-%d", (int)ids[1]), &say);
}

int
web_assessment_files(struct http_request *req, struct http_response *resp)
{
	int64_t id;
	if (!path_id(req, &id))
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int64_t task = 0;
	const char *t = http_form(req, "task");
	if (t != NULL && t[0] != '\0' && (parse_int64(t, &task) < 0 || task < 0 || task > 18))
		return wfp_fail(req, resp, ST_NOTFOUND);
	const struct http_file *f = http_file(req, "file");
	struct msg why;
	int64_t fid;
	int rc =
	    afile_add(db, req->who, id, (int)task, f != NULL ? f->filename : NULL,
		      f != NULL ? f->data : NULL, f != NULL ? f->len : 0, wf_now(), &fid, &why);
	if (rc == ST_INVALID) {
		struct page_say say = {.problem = wfp_text(req, &why)};
		resp->status = why.id == MSG_ATTACH_TOO_LARGE ? 413 : 400;
		return page_render(req, resp, id, &say);
	}
	struct page_say say = {0};
	return after_post(req, resp, id, rc, "uploaded",
			  task > 0 ? arena_printf(&req->arena, "#task-%d", (int)task) : "#files",
			  &say);
}

/* The Content-Disposition of a download of name: an ASCII fallback and the UTF-8 name. */
static const char *
disposition(struct http_request *req, const char *name)
{
	size_t len = strlen(name);
	char *ascii = arena_alloc(&req->arena, len + 1);
	size_t w = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x80) {
			if ((c & 0xc0) != 0x80)
				ascii[w++] = '_';
			continue;
		}
		ascii[w++] = c < 0x20 || c == '"' || c == '\\' || c == 0x7f ? '_' : (char)c;
	}
	ascii[w] = '\0';
	struct buf enc;
	buf_init(&enc, 3 * ATTACH_NAME_MAX + 1);
	html_urlenc(&enc, name);
	const char *out = arena_printf(
	    &req->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, buf_str(&enc));
	buf_free(&enc);
	return out;
}

int
web_assessment_file(struct http_request *req, struct http_response *resp)
{
	int64_t ids[2];
	if (http_path_ids(req->path, ids, 2) != 2)
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	struct afile f;
	void *data = NULL;
	int rc = afile_get(db, req->who, ids[0], ids[1], &req->arena, &f, &data);
	if (rc != ST_OK || f.type == ATTACH_NONE) {
		free(data);
		return wfp_fail(req, resp, rc == ST_OK ? ST_NOTFOUND : rc);
	}
	resp->content_type = attach_types[f.type].mime;
	http_response_header(resp, "Content-Disposition", disposition(req, f.filename));
	http_response_header(resp, "Cache-Control", "private, no-store");
	http_response_set_blob(resp, http_blob_new(data, (size_t)f.size));
	free(data);
	return 0;
}

int
web_assessment_file_delete(struct http_request *req, struct http_response *resp)
{
	int64_t ids[2];
	if (http_path_ids(req->path, ids, 2) != 2)
		return wfp_fail(req, resp, ST_NOTFOUND);
	struct db *db = http_request_db(req);
	if (db == NULL)
		return -1;
	int rc = afile_delete(db, req->who, ids[0], ids[1]);
	struct page_say say = {0};
	return after_post(req, resp, ids[0], rc, "deleted", "#files", &say);
}
