/*
 * CP assessments (see assessment.h): the assessment's row of the document
 * core, its access rule for the sub-objects, its team, its 18 tasks and
 * the list.
 */
#include "model/assess/assessment.h"

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/accounts/scope.h"
#include "model/audit.h"
#include "model/reporting/home.h"
#include "util/arena.h"
#include "util/fmt.h"
#include "util/log.h"

/*
 * DOMAIN.md §5.  Tasks 1-9 follow scp.vn's wording; tasks 10-18 were not
 * seen verbatim [?] and are named for what the method does in them.
 */
const struct assess_task_def assess_task_defs[ASSESS_TASKS] = {
    {1, "Thành lập nhóm SXSH", "Form the CP team"},
    {1, "Liệt kê các bước công nghệ và xác định lại định mức",
     "List the process steps and review the norms"},
    {1, "Xác định và lựa chọn công đoạn gây lãng phí nhất",
     "Identify and choose the most wasteful process step"},
    {2, "Sơ đồ công nghệ cho trọng tâm đánh giá", "Process flow chart of the focus area"},
    {2, "Cân bằng vật liệu, năng lượng", "Material and energy balance"},
    {2, "Xác định chi phí dòng thải", "Cost of the waste streams"},
    {2, "Phân tích nguyên nhân", "Analyse the causes"},
    {3, "Xây dựng các cơ hội SXSH", "Generate CP opportunities"},
    {3, "Lựa chọn các cơ hội khả thi nhất", "Select the most feasible opportunities"},
    {4, "Đánh giá khả thi về kỹ thuật", "Technical feasibility"},
    {4, "Đánh giá khả thi về kinh tế", "Economic feasibility"},
    {4, "Đánh giá khía cạnh môi trường", "Environmental evaluation"},
    {4, "Lựa chọn giải pháp để thực hiện", "Choose the solutions to implement"},
    {5, "Chuẩn bị thực hiện", "Prepare the implementation"},
    {5, "Thực hiện các giải pháp", "Implement the solutions"},
    {5, "Giám sát và đánh giá kết quả", "Monitor and evaluate the results"},
    {6, "Duy trì các giải pháp SXSH", "Sustain the CP solutions"},
    {6, "Lựa chọn trọng tâm đánh giá tiếp theo", "Choose the next focus area"},
};

const struct name assess_step_names[ASSESS_STEPS] = {
    {"1", "Khởi động", "Getting started"},
    {"2", "Phân tích các công đoạn sản xuất", "Analysing the process steps"},
    {"3", "Phát triển các cơ hội SXSH", "Generating CP opportunities"},
    {"4", "Lựa chọn các giải pháp SXSH", "Selecting CP solutions"},
    {"5", "Thực hiện các giải pháp SXSH", "Implementing CP solutions"},
    {"6", "Duy trì SXSH", "Sustaining CP"},
};

static const struct val_label lbl_year = {"năm bắt đầu", "start year"};
static const struct val_label lbl_title = {"tên đánh giá", "title"};
static const struct val_label lbl_pilot = {"mô hình thí điểm", "pilot model"};
static const struct val_label lbl_funding = {"nguồn kinh phí", "funding source"};
static const struct val_label lbl_funding_note = {"ghi chú kinh phí", "funding note"};
static const struct val_label lbl_started = {"ngày bắt đầu", "start date"};
static const struct val_label lbl_focus = {"trọng tâm đánh giá", "focus area"};
static const struct val_label lbl_period = {"kỳ cân bằng", "balance period"};
static const struct val_label lbl_tolerance = {"sai số cân bằng cho phép (%)",
					       "balance tolerance (%)"};
static const struct val_label lbl_weights = {"trọng số các tiêu chí", "criteria weights"};
static const struct val_label lbl_weight[ASSESS_CRITERIA] = {
    {"trọng số kỹ thuật", "technical weight"},
    {"trọng số kinh tế", "financial weight"},
    {"trọng số môi trường", "environmental weight"},
};
static const struct val_label lbl_name = {"họ tên", "name"};
static const struct val_label lbl_team_role = {"vai trò trong nhóm", "team role"};
static const struct val_label lbl_position = {"chức vụ", "position"};
static const struct val_label lbl_org = {"đơn vị công tác", "organisation"};
static const struct val_label lbl_contact = {"liên hệ", "contact"};
static const struct val_label lbl_user = {"e-mail tài khoản", "account e-mail"};
static const struct val_label lbl_task_state = {"trạng thái nhiệm vụ", "task state"};
static const struct val_label lbl_responsible = {"người phụ trách", "responsible person"};
static const struct val_label lbl_notes = {"ghi chú", "notes"};
static const struct val_label lbl_due = {"hạn hoàn thành", "due date"};

#define R_ENT  ROLE_BIT(ROLE_ENTERPRISE)
#define R_EXP  ROLE_BIT(ROLE_EXPERT)
#define R_TEAM (R_ENT | R_EXP | ROLES_PROVINCE)

/*
 * Who moves an assessment (docs/workflow.md, "Assessments"): the team
 * starts and submits; the province returns (with a note), accepts,
 * reopens (with a note) and moves an accepted one to sustaining.  The
 * details (pilot, funding, focus, tolerance, weights) are the province's
 * and the experts'.
 */
static const struct wf_rule assess_rules[] = {
    {WF_EDIT, WF_DRAFT, WF_DRAFT, ROLES_PROVINCE | R_EXP, 0},
    {WF_EDIT, WF_IN_PROGRESS, WF_IN_PROGRESS, ROLES_PROVINCE | R_EXP, 0},
    {WF_EDIT, WF_RETURNED, WF_RETURNED, ROLES_PROVINCE | R_EXP, 0},
    {WF_START, WF_DRAFT, WF_IN_PROGRESS, R_TEAM, 0},
    {WF_SUBMIT, WF_IN_PROGRESS, WF_SUBMITTED, R_TEAM, 0},
    {WF_SUBMIT, WF_RETURNED, WF_SUBMITTED, R_TEAM, 0},
    {WF_RETURN, WF_SUBMITTED, WF_RETURNED, ROLES_PROVINCE, 1},
    {WF_ACCEPT, WF_SUBMITTED, WF_ACCEPTED, ROLES_PROVINCE, 0},
    {WF_REOPEN, WF_ACCEPTED, WF_RETURNED, ROLES_PROVINCE, 1},
    {WF_SUSTAIN, WF_ACCEPTED, WF_SUSTAINING, ROLES_PROVINCE, 0},
};

/* "" or blanks only. */
static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* A date typed dd/mm/yyyy or YYYY-MM-DD into iso: 0, or -1. */
static int
date_read(const char *s, char iso[ASSESS_DATE_SIZE])
{
	int y, m, d;
	if (home_date_parse(s, iso) == 0)
		return 0;
	s += strspn(s, " \t");
	char t[ASSESS_DATE_SIZE];
	size_t n = strcspn(s, " \t");
	if (n != 10)
		return -1;
	memcpy(t, s, 10);
	t[10] = '\0';
	if (s[10 + strspn(s + 10, " \t")] != '\0' || parse_date(t, &y, &m, &d) != 0)
		return -1;
	memcpy(iso, t, ASSESS_DATE_SIZE);
	return 0;
}

/* Optional text field: checked against f when given, copied into out. */
static void
opt_text(enum val_field f, const char *s, const struct val_label *l, const char *field, char *out,
	 size_t n, struct wf_errors *errs)
{
	struct msg m;
	s = s == NULL ? "" : s;
	if (s[0] != '\0' && val_text(f, s, l, &m) != VAL_OK) {
		wf_errors_add(errs, &m, "%s", field);
		return;
	}
	if (strlen(s) >= n) {
		struct msg tl;
		msg_init(&tl, MSG_VAL_TOO_LONG, l);
		msg_int(&tl, (int64_t)n - 1);
		msg_int(&tl, (int64_t)strlen(s));
		wf_errors_add(errs, &tl, "%s", field);
		return;
	}
	snprintf(out, n, "%s", s);
}

/* A code of names t (n entries), or dflt when blank. */
static int
opt_code(const char *s, const struct name *t, int n, int dflt, const struct val_label *l,
	 const char *field, struct wf_errors *errs)
{
	struct msg m;
	if (blank(s))
		return dflt;
	int i = names_index(t, n, s);
	if (i < 0) {
		val_unknown_code(l, s, &m);
		wf_errors_add(errs, &m, "%s", field);
		return dflt;
	}
	return i;
}

/* A number within lo..hi, or dflt when blank. */
static double
opt_real(const char *s, double lo, double hi, double dflt, const struct val_label *l,
	 const char *field, struct wf_errors *errs)
{
	struct msg m;
	double v;
	if (blank(s))
		return dflt;
	if (val_double_range(s, lo, hi, l, &v, &m) != VAL_OK) {
		wf_errors_add(errs, &m, "%s", field);
		return dflt;
	}
	return v;
}

static int
assessment_validate(const struct assessment_input *in, struct assessment *a, struct wf_errors *errs)
{
	struct msg m;
	int e0 = errs->n + errs->more;
	opt_text(VF_NAME, in->title, &lbl_title, "title", a->title, sizeof(a->title), errs);
	a->pilot = 0;
	if (!blank(in->pilot) && val_bool01(in->pilot, &lbl_pilot, &a->pilot, &m) != VAL_OK)
		wf_errors_add(errs, &m, "pilot");
	a->funding =
	    opt_code(in->funding, names_funding, NAMES_FUNDING_N, 3, &lbl_funding, "funding", errs);
	opt_text(VF_NAME, in->funding_note, &lbl_funding_note, "funding_note", a->funding_note,
		 sizeof(a->funding_note), errs);
	if (blank(in->started_on)) {
		val_missing(&lbl_started, &m);
		wf_errors_add(errs, &m, "started_on");
	} else if (date_read(in->started_on, a->started_on) != 0) {
		msg_init(&m, MSG_ASSESS_DATE_BAD, &lbl_started);
		msg_str(&m, in->started_on);
		wf_errors_add(errs, &m, "started_on");
	}
	opt_text(VF_MEASURES, in->focus, &lbl_focus, "focus", a->focus, sizeof(a->focus), errs);
	a->period =
	    opt_code(in->period, names_period, NAMES_PERIOD_N, 3, &lbl_period, "period", errs);
	a->tolerance_pct = opt_real(in->tolerance_pct, 0.01, 100, ASSESS_TOLERANCE_DEFAULT,
				    &lbl_tolerance, "tolerance_pct", errs);
	const char *w[ASSESS_CRITERIA] = {in->weight_tech, in->weight_fin, in->weight_env};
	const char *wf[ASSESS_CRITERIA] = {"weight_tech", "weight_fin", "weight_env"};
	double sum = 0;
	int werr = 0;
	for (int i = 0; i < ASSESS_CRITERIA; i++) {
		int before = errs->n;
		a->weight[i] = opt_real(w[i], 0, 100, 1, &lbl_weight[i], wf[i], errs);
		werr |= errs->n != before;
		sum += a->weight[i];
	}
	if (!werr && sum <= 0) {
		msg_init(&m, MSG_ASSESS_WEIGHTS_ZERO, &lbl_weights);
		wf_errors_add(errs, &m, "weight_tech");
	}
	return errs->n + errs->more != e0 ? ST_INVALID : ST_OK;
}

char *
assessment_json(const struct assessment *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(a->doc.id));
	json_object_set_new(o, "facility_id", json_integer(a->doc.facility_id));
	json_object_set_new(o, "year", json_integer(a->doc.year));
	json_object_set_new(o, "state", json_string(names_state[a->doc.state].code));
	json_object_set_new(o, "title", json_string(a->title));
	json_object_set_new(o, "pilot", json_integer(a->pilot));
	json_object_set_new(o, "funding", json_string(names_funding[a->funding].code));
	json_object_set_new(o, "funding_note", json_string(a->funding_note));
	json_object_set_new(o, "started_on", json_string(a->started_on));
	json_object_set_new(o, "focus", json_string(a->focus));
	json_object_set_new(o, "period", json_string(names_period[a->period].code));
	json_object_set_new(o, "tolerance_pct", json_real(a->tolerance_pct));
	json_object_set_new(o, "weight_tech", json_real(a->weight[ASSESS_TECH]));
	json_object_set_new(o, "weight_fin", json_real(a->weight[ASSESS_FIN]));
	json_object_set_new(o, "weight_env", json_real(a->weight[ASSESS_ENV]));
	json_object_set_new(o, "review_note", json_string(a->doc.review_note));
	json_object_set_new(o, "version", json_integer(a->doc.version));
	return wf_json_take(o);
}

/* ---- the document core's operations ---- */

static int
assessment_load(struct db *db, const struct principal *who, int64_t id, void *doc)
{
	struct assessment *a = doc;
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_GET);
	scope_bind(st, who);
	db_bind_int(st, 4, id);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW) {
		log_err("assessment %lld: %s", (long long)id, db_errmsg(db));
		return ST_ERR;
	}
	memset(a, 0, sizeof(*a));
	a->doc.id = db_col_int(st, 0);
	a->doc.facility_id = db_col_int(st, 1);
	a->doc.year = (int)db_col_int(st, 2);
	a->doc.state = wf_state_of(db_col_text(st, 3), 0);
	snprintf(a->title, sizeof(a->title), "%s", db_col_text(st, 4));
	a->pilot = (int)db_col_int(st, 5);
	int f = names_index(names_funding, NAMES_FUNDING_N, db_col_text(st, 6));
	a->funding = f < 0 ? 5 : f;
	snprintf(a->funding_note, sizeof(a->funding_note), "%s", db_col_text(st, 7));
	snprintf(a->started_on, sizeof(a->started_on), "%s", db_col_text(st, 8));
	snprintf(a->focus, sizeof(a->focus), "%s", db_col_text(st, 9));
	int p = names_index(names_period, NAMES_PERIOD_N, db_col_text(st, 10));
	a->period = p < 0 ? 3 : p;
	a->tolerance_pct = db_col_double(st, 11);
	for (int i = 0; i < ASSESS_CRITERIA; i++)
		a->weight[i] = db_col_double(st, 12 + i);
	snprintf(a->doc.submitted_on, sizeof(a->doc.submitted_on), "%s", db_col_text(st, 15));
	snprintf(a->doc.review_note, sizeof(a->doc.review_note), "%s", db_col_text(st, 16));
	snprintf(a->accepted_on, sizeof(a->accepted_on), "%s", db_col_text(st, 17));
	a->published = (int)db_col_int(st, 18);
	a->doc.version = db_col_int(st, 19);
	db_reset(st);
	return ST_OK;
}

static void
bind_details(struct db_stmt *st, const struct assessment *a)
{
	db_bind_text(st, 3, a->title);
	db_bind_int(st, 4, a->pilot);
	db_bind_text(st, 5, names_funding[a->funding].code);
	db_bind_text(st, 6, a->funding_note);
	db_bind_text(st, 7, a->started_on);
	db_bind_text(st, 8, a->focus);
	db_bind_text(st, 9, names_period[a->period].code);
	db_bind_double(st, 10, a->tolerance_pct);
	for (int i = 0; i < ASSESS_CRITERIA; i++)
		db_bind_double(st, 11 + i, a->weight[i]);
}

static int
assessment_insert(struct db *db, void *doc)
{
	struct assessment *a = doc;
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_INSERT);
	db_bind_int(st, 1, a->doc.facility_id);
	db_bind_int(st, 2, a->doc.year);
	bind_details(st, a);
	if (db_run(st) != DB_OK)
		return -1;
	a->doc.id = db_last_id(db);
	return 0;
}

static int
assessment_update_content(struct db *db, const void *doc, int64_t version)
{
	const struct assessment *a = doc;
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_UPDATE);
	db_bind_int(st, 1, a->doc.id);
	db_bind_int(st, 2, version);
	bind_details(st, a);
	if (db_run(st) != DB_OK)
		return -1;
	return db_changes(db) == 1;
}

static int
assessment_validate_doc(struct db *db, const void *in, void *doc, struct wf_errors *errs)
{
	(void)db;
	return assessment_validate(in, doc, errs);
}

static char *
assessment_json_doc(const void *doc)
{
	return assessment_json(doc);
}

const struct doc_kind assessment_kind = {
    .kind = WF_KIND_ASSESSMENT,
    .name = "assessment",
    .label = {"đánh giá SXSH", "CP assessment"},
    .year_label = &lbl_year,
    .rules = assess_rules,
    .nrules = sizeof(assess_rules) / sizeof(assess_rules[0]),
    .stmt_find = STMT_ASSESS_FIND,
    .stmt_state = STMT_ASSESS_STATE,
    .creators = ROLES_PROVINCE,
    .size = sizeof(struct assessment),
    .head_offset = offsetof(struct assessment, doc),
    .get = assessment_load,
    .validate = assessment_validate_doc,
    .insert = assessment_insert,
    .update = assessment_update_content,
    .json = assessment_json_doc,
    .release = NULL,
};

int
assessment_create(struct db *db, const struct principal *who, int64_t facility_id,
		  const struct assessment_input *in, int64_t *id, struct wf_errors *errs)
{
	char iso[ASSESS_DATE_SIZE];
	int year = 0;
	/* The year is the start date's; a bad date is the date's error alone. */
	if (!blank(in->started_on) && date_read(in->started_on, iso) == 0)
		year = atoi(iso);
	else
		year = home_reporting_year(wf_now()) + 1;
	return doc_create(db, &assessment_kind, who, facility_id, year, in, id, errs);
}

int
assessment_check(const struct assessment_input *in, struct assessment *out, struct wf_errors *errs)
{
	memset(out, 0, sizeof(*out));
	return assessment_validate(in, out, errs);
}

int
assessment_update(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  const struct assessment_input *in, struct wf_errors *errs)
{
	return doc_update(db, &assessment_kind, who, id, version, in, errs);
}

int
assessment_transition(struct db *db, const struct principal *who, int64_t id, enum wf_action action,
		      int64_t version, const char *note, struct wf_errors *errs)
{
	return doc_transition(db, &assessment_kind, who, id, action, version, note, errs);
}

int
assessment_get(struct db *db, const struct principal *who, int64_t id, struct assessment *out)
{
	return assessment_load(db, who, id, out);
}

/* ---- access for the sub-objects ---- */

int
assess_may(const struct principal *who, enum wf_state s, enum assess_edit what)
{
	switch (what) {
	case ASSESS_READ:
		return who != NULL;
	case ASSESS_CONTENT:
		return scope_has_role(who, R_TEAM) &&
		       (s == WF_DRAFT || s == WF_IN_PROGRESS || s == WF_RETURNED);
	case ASSESS_TRACK:
		return scope_has_role(who, R_TEAM) && (s == WF_IN_PROGRESS || s == WF_RETURNED ||
						       s == WF_ACCEPTED || s == WF_SUSTAINING);
	case ASSESS_PUBLISH:
		return scope_has_role(who, ROLES_PROVINCE) &&
		       (s == WF_ACCEPTED || s == WF_SUSTAINING);
	}
	return 0;
}

int
assess_open(struct db *db, const struct principal *who, int64_t id, int64_t version,
	    enum assess_edit what, struct assess_ref *out)
{
	struct assessment a;
	memset(out, 0, sizeof(*out));
	if (who == NULL)
		return ST_NOTFOUND;
	int rc = assessment_load(db, who, id, &a);
	if (rc != ST_OK)
		return rc;
	out->id = a.doc.id;
	out->facility_id = a.doc.facility_id;
	out->version = a.doc.version;
	out->year = a.doc.year;
	out->state = a.doc.state;
	out->pilot = a.pilot;
	out->tolerance_pct = a.tolerance_pct;
	memcpy(out->weight, a.weight, sizeof(out->weight));
	out->period = a.period;
	if (!assess_may(who, a.doc.state, what)) {
		/* a role that could in another state is told the state */
		enum wf_state any[] = {WF_IN_PROGRESS, WF_ACCEPTED};
		for (size_t i = 0; i < sizeof(any) / sizeof(any[0]); i++)
			if (assess_may(who, any[i], what))
				return ST_STATE;
		return ST_FORBIDDEN;
	}
	if (version != 0 && version != a.doc.version)
		return ST_CONFLICT;
	return ST_OK;
}

int
assess_touch(struct db *db, const struct principal *who, struct assess_ref *r, const char *action,
	     const char *entity, int64_t entity_id, const char *before, const char *after)
{
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_TOUCH);
	db_bind_int(st, 1, r->id);
	db_bind_int(st, 2, r->version);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	if (db_changes(db) != 1)
		return ST_CONFLICT;
	r->version++;
	char idt[32];
	snprintf(idt, sizeof(idt), "%lld", (long long)entity_id);
	return audit_write(db, who, wf_now(), action, entity, idt, before, after) < 0 ? ST_ERR
										      : ST_OK;
}

/* ---- the team ---- */

int
assess_team(struct db *db, const struct assess_ref *r, struct arena *a, struct assess_member **out,
	    int *n)
{
	int cap = 0, rc;
	*out = NULL;
	*n = 0;
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_MEMBER_LIST);
	db_bind_int(st, 1, r->id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			struct assess_member *b = arena_alloc(a, (size_t)cap * sizeof(*b));
			if (*n > 0)
				memcpy(b, *out, (size_t)*n * sizeof(*b));
			*out = b;
		}
		struct assess_member *m = &(*out)[(*n)++];
		m->id = db_col_int(st, 0);
		m->user_id = db_col_int(st, 1);
		m->name = arena_strdup(a, db_col_text(st, 2));
		int tr = names_index(names_team_role, NAMES_TEAM_ROLE_N, db_col_text(st, 3));
		m->team_role = tr < 0 ? 1 : tr;
		m->position = arena_strdup(a, db_col_text(st, 4));
		m->organisation = arena_strdup(a, db_col_text(st, 5));
		m->contact = arena_strdup(a, db_col_text(st, 6));
		m->user_email = arena_strdup(a, db_col_text(st, 7));
	}
	if (rc == DB_DONE)
		return ST_OK;
	log_err("assessment %lld team: %s", (long long)r->id, db_errmsg(db));
	return ST_ERR;
}

/* The audit JSON of a member. */
static char *
member_json(int64_t id, int64_t user_id, const char *name, int role, const char *position,
	    const char *org, const char *contact)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "user_id", user_id ? json_integer(user_id) : json_null());
	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "team_role", json_string(names_team_role[role].code));
	json_object_set_new(o, "position", json_string(position));
	json_object_set_new(o, "organisation", json_string(org));
	json_object_set_new(o, "contact", json_string(contact));
	return wf_json_take(o);
}

/* Ends a sub-object's transaction: commit on ST_OK, else roll back. */
static int
finish(struct db *db, int rc, const char *what)
{
	return wf_finish(db, rc, what, WF_PRIVATE);
}

/* Looks up the account of e-mail for a member of role: ST_OK (*uid), ST_INVALID, ST_ERR. */
static int
member_account(struct db *db, const char *email, int role, int64_t *uid, const char **acct_name,
	       char *name_buf, size_t name_n, struct wf_errors *errs)
{
	struct msg m;
	*uid = 0;
	*acct_name = NULL;
	if (blank(email)) {
		if (role == 2) {
			msg_init(&m, MSG_ASSESS_EXPERT_NEEDS, &lbl_user);
			wf_errors_add(errs, &m, "user");
			return ST_INVALID;
		}
		return ST_OK;
	}
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_ACCOUNT);
	db_bind_text(st, 1, email);
	int rc = db_step(st);
	if (rc == DB_DONE) {
		msg_init(&m, MSG_ASSESS_NO_ACCOUNT, &lbl_user);
		msg_str(&m, email);
		wf_errors_add(errs, &m, "user");
		return ST_INVALID;
	}
	if (rc != DB_ROW)
		return ST_ERR;
	*uid = db_col_int(st, 0);
	int expert = strcmp(db_col_text(st, 1), "expert") == 0;
	snprintf(name_buf, name_n, "%s", db_col_text(st, 2));
	*acct_name = name_buf;
	db_reset(st);
	if (role == 2 && !expert) {
		msg_init(&m, MSG_ASSESS_NOT_EXPERT, &lbl_user);
		msg_str(&m, email);
		wf_errors_add(errs, &m, "user");
		return ST_INVALID;
	}
	return ST_OK;
}

static int
member_add_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
	      const struct assess_member_input *in, struct wf_errors *errs)
{
	struct assess_ref r;
	struct msg m;
	int rc = assess_open(db, who, id, version, ASSESS_CONTENT, &r);
	if (rc != ST_OK)
		return rc;
	int e0 = errs->n;
	int role = 1;
	if (blank(in->team_role)) {
		val_missing(&lbl_team_role, &m);
		wf_errors_add(errs, &m, "team_role");
	} else {
		role = opt_code(in->team_role, names_team_role, NAMES_TEAM_ROLE_N, 1,
				&lbl_team_role, "team_role", errs);
	}
	char name[VAL_TEXT_MAX + 1] = "", pos[ASSESS_NOTE_MAX + 1] = "",
				 org[ASSESS_NOTE_MAX + 1] = "", contact[ASSESS_NOTE_MAX + 1] = "",
				 acct[VAL_TEXT_MAX + 1];
	opt_text(VF_NAME, in->position, &lbl_position, "position", pos, sizeof(pos), errs);
	opt_text(VF_NAME, in->organisation, &lbl_org, "organisation", org, sizeof(org), errs);
	opt_text(VF_NAME, in->contact, &lbl_contact, "contact", contact, sizeof(contact), errs);
	int64_t uid = 0;
	const char *acct_name = NULL;
	if (errs->n == e0) {
		rc = member_account(db, in->user, role, &uid, &acct_name, acct, sizeof(acct), errs);
		if (rc == ST_ERR)
			return rc;
	}
	if (blank(in->name) && acct_name != NULL && acct_name[0] != '\0')
		snprintf(name, sizeof(name), "%s", acct_name);
	else if (blank(in->name)) {
		val_missing(&lbl_name, &m);
		wf_errors_add(errs, &m, "name");
	} else {
		opt_text(VF_NAME, in->name, &lbl_name, "name", name, sizeof(name), errs);
	}
	if (uid != 0) {
		struct db_stmt *st = db_stmt(db, STMT_ASSESS_MEMBER_HAS);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, uid);
		int h = db_step(st);
		db_reset(st);
		if (h == DB_ROW) {
			msg_init(&m, MSG_ASSESS_MEMBER_TWICE, &lbl_user);
			msg_str(&m, in->user);
			wf_errors_add(errs, &m, "user");
		} else if (h != DB_DONE) {
			return ST_ERR;
		}
	}
	if (errs->n + errs->more != e0)
		return ST_INVALID;
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_MEMBER_INSERT);
	db_bind_int(st, 1, id);
	if (uid != 0)
		db_bind_int(st, 2, uid);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, names_team_role[role].code);
	db_bind_text(st, 5, pos);
	db_bind_text(st, 6, org);
	db_bind_text(st, 7, contact);
	if (db_run(st) != DB_OK)
		return ST_ERR;
	int64_t mid = db_last_id(db);
	char *after = member_json(mid, uid, name, role, pos, org, contact);
	rc = assess_touch(db, who, &r, "assessment.member_add", "assessment", id, NULL, after);
	free(after);
	return rc;
}

int
assess_member_add(struct db *db, const struct principal *who, int64_t id, int64_t version,
		  const struct assess_member_input *in, struct wf_errors *errs)
{
	if (db_begin(db) != DB_OK)
		return finish(db, ST_ERR, "assessment member add");
	return finish(db, member_add_tx(db, who, id, version, in, errs), "assessment member add");
}

static int
member_remove_tx(struct db *db, const struct principal *who, int64_t id, int64_t version,
		 int64_t member_id)
{
	struct assess_ref r;
	struct arena a;
	int rc = assess_open(db, who, id, version, ASSESS_CONTENT, &r);
	if (rc != ST_OK)
		return rc;
	arena_init(&a);
	struct assess_member *ms;
	int n;
	char *before = NULL;
	if ((rc = assess_team(db, &r, &a, &ms, &n)) != ST_OK)
		goto out;
	rc = ST_NOTFOUND;
	for (int i = 0; i < n; i++)
		if (ms[i].id == member_id)
			before = member_json(ms[i].id, ms[i].user_id, ms[i].name, ms[i].team_role,
					     ms[i].position, ms[i].organisation, ms[i].contact);
	if (before == NULL)
		goto out;
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_MEMBER_DELETE);
	db_bind_int(st, 1, member_id);
	db_bind_int(st, 2, id);
	rc = db_run(st) == DB_OK ? ST_OK : ST_ERR;
	if (rc == ST_OK)
		rc = assess_touch(db, who, &r, "assessment.member_remove", "assessment", id, before,
				  NULL);
out:
	free(before);
	arena_free(&a);
	return rc;
}

int
assess_member_remove(struct db *db, const struct principal *who, int64_t id, int64_t version,
		     int64_t member_id)
{
	if (db_begin(db) != DB_OK)
		return finish(db, ST_ERR, "assessment member remove");
	return finish(db, member_remove_tx(db, who, id, version, member_id),
		      "assessment member remove");
}

/* ---- the 18 tasks ---- */

int
assess_tasks(struct db *db, const struct assess_ref *r, struct arena *a,
	     struct assess_task out[ASSESS_TASKS])
{
	for (int i = 0; i < ASSESS_TASKS; i++)
		out[i] = (struct assess_task){
		    .task = i + 1, .responsible = "", .notes = "", .due_on = ""};
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_TASK_LIST);
	db_bind_int(st, 1, r->id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		int t = (int)db_col_int(st, 0);
		if (t < 1 || t > ASSESS_TASKS)
			continue;
		struct assess_task *x = &out[t - 1];
		int s = names_index(names_task_state, NAMES_TASK_STATE_N, db_col_text(st, 1));
		x->state = s < 0 ? 0 : s;
		x->responsible = arena_strdup(a, db_col_text(st, 2));
		x->notes = arena_strdup(a, db_col_text(st, 3));
		x->due_on = arena_strdup(a, db_col_text(st, 4));
		x->updated_at = db_col_int(st, 5);
		x->nfiles = (int)db_col_int(st, 6);
	}
	if (rc == DB_DONE)
		return ST_OK;
	log_err("assessment %lld tasks: %s", (long long)r->id, db_errmsg(db));
	return ST_ERR;
}

void
assess_progress_of(const struct assess_task t[ASSESS_TASKS], struct assess_progress *out)
{
	out->step = ASSESS_STEPS + 1;
	out->done = 0;
	for (int i = ASSESS_TASKS - 1; i >= 0; i--) {
		int finished = t[i].state == 2 || t[i].state == 3;
		out->done += finished;
		if (!finished)
			out->step = assess_task_defs[i].step;
	}
}

static char *
task_json(int task, int state, const char *resp, const char *notes, const char *due)
{
	json_t *o = json_object();
	json_object_set_new(o, "task", json_integer(task));
	json_object_set_new(o, "state", json_string(names_task_state[state].code));
	json_object_set_new(o, "responsible", json_string(resp));
	json_object_set_new(o, "notes", json_string(notes));
	json_object_set_new(o, "due_on", due[0] ? json_string(due) : json_null());
	return wf_json_take(o);
}

static int
task_set_tx(struct db *db, const struct principal *who, int64_t id, int64_t version, int task,
	    const struct assess_task_input *in, struct wf_errors *errs)
{
	struct assess_ref r;
	struct msg m;
	if (task < 1 || task > ASSESS_TASKS)
		return ST_NOTFOUND;
	int rc = assess_open(db, who, id, version, ASSESS_CONTENT, &r);
	if (rc == ST_STATE && assess_may(who, WF_IN_PROGRESS, ASSESS_CONTENT) &&
	    assess_task_defs[task - 1].step >= 5)
		/* implementation and sustaining tasks go on after acceptance */
		rc = assess_open(db, who, id, version, ASSESS_TRACK, &r);
	if (rc != ST_OK)
		return rc;
	int e0 = errs->n;
	int state = opt_code(in->state, names_task_state, NAMES_TASK_STATE_N, 0, &lbl_task_state,
			     "state", errs);
	char resp[ASSESS_NOTE_MAX + 1] = "", notes[ASSESS_FOCUS_MAX + 1] = "",
				    due[ASSESS_DATE_SIZE] = "";
	opt_text(VF_NAME, in->responsible, &lbl_responsible, "responsible", resp, sizeof(resp),
		 errs);
	opt_text(VF_MEASURES, in->notes, &lbl_notes, "notes", notes, sizeof(notes), errs);
	if (!blank(in->due_on) && date_read(in->due_on, due) != 0) {
		msg_init(&m, MSG_ASSESS_DATE_BAD, &lbl_due);
		msg_str(&m, in->due_on);
		wf_errors_add(errs, &m, "due_on");
	}
	if (errs->n + errs->more != e0)
		return ST_INVALID;
	struct arena a;
	struct assess_task cur[ASSESS_TASKS];
	arena_init(&a);
	rc = assess_tasks(db, &r, &a, cur);
	char *before = rc == ST_OK ? task_json(task, cur[task - 1].state, cur[task - 1].responsible,
					       cur[task - 1].notes, cur[task - 1].due_on)
				   : NULL;
	arena_free(&a);
	if (rc != ST_OK)
		return rc;
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_TASK_UPSERT);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, task);
	db_bind_text(st, 3, names_task_state[state].code);
	db_bind_text(st, 4, resp);
	db_bind_text(st, 5, notes);
	db_bind_text(st, 6, due[0] ? due : NULL);
	db_bind_int(st, 7, wf_now());
	rc = db_run(st) == DB_OK ? ST_OK : ST_ERR;
	char *after = task_json(task, state, resp, notes, due);
	if (rc == ST_OK)
		rc = assess_touch(db, who, &r, "assessment.task", "assessment", id, before, after);
	free(before);
	free(after);
	return rc;
}

int
assess_task_set(struct db *db, const struct principal *who, int64_t id, int64_t version, int task,
		const struct assess_task_input *in, struct wf_errors *errs)
{
	if (db_begin(db) != DB_OK)
		return finish(db, ST_ERR, "assessment task");
	return finish(db, task_set_tx(db, who, id, version, task, in, errs), "assessment task");
}

/* ---- the list ---- */

int
assess_list(struct db *db, const struct principal *who, const struct assess_filter *f,
	    struct arena *a, struct assess_item **out, int *n, long *total)
{
	*out = NULL;
	*n = 0;
	*total = 0;
	int limit = f->limit < 1 || f->limit > 500 ? 100 : f->limit;
	const char *state =
	    f->state >= 0 && f->state < WF_STATE__MAX ? names_state[f->state].code : NULL;
	for (int pass = 0; pass < 2; pass++) {
		struct db_stmt *st =
		    db_stmt(db, pass == 0 ? STMT_ASSESS_LIST_COUNT : STMT_ASSESS_LIST);
		scope_bind(st, who);
		db_bind_text(st, 4, state);
		if (f->year > 0)
			db_bind_int(st, 5, f->year);
		if (f->pilot >= 0)
			db_bind_int(st, 6, f->pilot);
		if (f->facility_id > 0)
			db_bind_int(st, 7, f->facility_id);
		if (pass == 1) {
			db_bind_int(st, 8, limit);
			db_bind_int(st, 9, f->offset < 0 ? 0 : f->offset);
		}
		int rc;
		if (pass == 0) {
			rc = db_step(st);
			if (rc != DB_ROW)
				goto fail;
			*total = (long)db_col_int(st, 0);
			db_reset(st);
			if (*total == 0)
				return ST_OK;
			*out = arena_alloc(a, (size_t)limit * sizeof(**out));
			continue;
		}
		while ((rc = db_step(st)) == DB_ROW && *n < limit) {
			struct assess_item *x = &(*out)[(*n)++];
			x->id = db_col_int(st, 0);
			x->facility_id = db_col_int(st, 1);
			x->version = db_col_int(st, 2);
			x->year = (int)db_col_int(st, 3);
			x->pilot = (int)db_col_int(st, 4);
			x->state = wf_state_of(db_col_text(st, 5), 0);
			x->facility_name = arena_strdup(a, db_col_text(st, 6));
			x->facility_code = arena_strdup(a, db_col_text(st, 7));
			x->unit_name = arena_strdup(a, db_col_text(st, 8));
			x->sector_code = arena_strdup(a, db_col_text(st, 9));
			x->title = arena_strdup(a, db_col_text(st, 10));
			x->started_on = arena_strdup(a, db_col_text(st, 11));
			int64_t mask = db_col_int(st, 12);
			x->done = 0;
			x->step = ASSESS_STEPS + 1;
			for (int t = ASSESS_TASKS - 1; t >= 0; t--) {
				int finished = (int)((mask >> t) & 1);
				x->done += finished;
				if (!finished)
					x->step = assess_task_defs[t].step;
			}
			x->options = (int)db_col_int(st, 13);
			x->implemented = (int)db_col_int(st, 14);
		}
		if (rc == DB_ROW)
			db_reset(st);
		else if (rc != DB_DONE)
			goto fail;
	}
	return ST_OK;
fail:
	log_err("assessments: %s", db_errmsg(db));
	return ST_ERR;
}

int
assess_facility(struct db *db, const struct principal *who, int64_t id, struct arena *a,
		struct assess_facility *out)
{
	struct db_stmt *st = db_stmt(db, STMT_ASSESS_FACILITY);
	scope_bind(st, who);
	db_bind_int(st, 4, id);
	int rc = db_step(st);
	if (rc == DB_DONE)
		return ST_NOTFOUND;
	if (rc != DB_ROW) {
		log_err("assessment %lld facility: %s", (long long)id, db_errmsg(db));
		return ST_ERR;
	}
	out->name = arena_strdup(a, db_col_text(st, 0));
	out->code = arena_strdup(a, db_col_text(st, 1));
	out->address = arena_strdup(a, db_col_text(st, 2));
	out->sector_code = arena_strdup(a, db_col_text(st, 3));
	out->sector_vi = arena_strdup(a, db_col_text(st, 4));
	out->sector_en = arena_strdup(a, db_col_text(st, 5));
	out->unit_name = arena_strdup(a, db_col_text(st, 6));
	out->size = names_index(names_size, SIZE__MAX, db_col_text(st, 7));
	out->ownership = names_index(names_ownership, OWN__MAX, db_col_text(st, 8));
	db_reset(st);
	return ST_OK;
}
